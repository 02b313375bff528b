"""`netlint query`: which rule of a filter a packet hits first, and the verdict
(contract section 4). Answers come from `netlint.filters` (first match over the
same matches the packet-set engine uses)."""

from __future__ import annotations

import ipaddress
from typing import Any

from netlint.filters import FilterSet
from netlint.model import PROTOCOL_NAMES, PROTOCOL_NUMBERS, RETURN, Device
from netlint.space import ICMP_PROTOCOLS, PORT_PROTOCOLS, Packet, parse_ip

PACKET_KEYS = {"src", "dst", "proto", "sport", "dport", "icmp_type", "icmp_code", "established",
               "filter", "from_zone", "to_zone", "in_interface", "out_interface"}


class QueryError(ValueError):
    pass


def parse_protocol(value: Any) -> int:
    if value is None or value == "":
        return 6
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        n = int(value)
        if not 0 <= n <= 255:
            raise QueryError(f"protocol number {n} is out of range 0-255")
        return n
    name = str(value).lower()
    if name in PROTOCOL_NUMBERS:
        return PROTOCOL_NUMBERS[name]
    raise QueryError(f"unknown protocol '{value}' (use a name such as tcp, udp, icmp, esp, or a number)")


def _int(value: Any, what: str, top: int) -> int | None:
    if value is None or value == "":
        return None
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise QueryError(f"{what} '{value}' is not a number") from None
    if not 0 <= n <= top:
        raise QueryError(f"{what} {n} is out of range 0-{top}")
    return n


def make_packet(d: dict[str, Any]) -> Packet:
    unknown = set(d) - PACKET_KEYS
    if unknown:
        raise QueryError(f"unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(PACKET_KEYS))})")
    for key in ("src", "dst"):
        if not d.get(key):
            raise QueryError(f"'{key}' is required")
    try:
        src_family, _ = parse_ip(str(d["src"]))
        dst_family, _ = parse_ip(str(d["dst"]))
    except ValueError as exc:
        raise QueryError(str(exc)) from None
    if src_family != dst_family:
        raise QueryError("src and dst must both be IPv4 or both IPv6")
    proto = parse_protocol(d.get("proto"))
    src, dst = str(d["src"]), str(d["dst"])
    if src_family == 6:  # one canonical spelling for IPv6
        src, dst = str(ipaddress.ip_address(src)), str(ipaddress.ip_address(dst))
    pkt = Packet(src=src, dst=dst, proto=proto, established=bool(d.get("established")))
    if proto in PORT_PROTOCOLS:
        pkt.sport = _int(d.get("sport"), "sport", 65535)
        pkt.dport = _int(d.get("dport"), "dport", 65535)
        if pkt.sport is None:
            pkt.sport = 49152  # an ephemeral client port
        if pkt.dport is None:
            raise QueryError(f"'dport' is required for {PROTOCOL_NAMES.get(proto, proto)}")
    elif proto in ICMP_PROTOCOLS:
        pkt.icmp_type = _int(d.get("icmp_type"), "icmp_type", 255)
        pkt.icmp_code = _int(d.get("icmp_code"), "icmp_code", 255)
        if pkt.icmp_type is None:
            pkt.icmp_type = 8  # echo request
        if pkt.icmp_code is None:
            pkt.icmp_code = 0
    pkt.src_zone = d.get("from_zone") or None
    pkt.dst_zone = d.get("to_zone") or None
    pkt.in_if = d.get("in_interface") or None
    pkt.out_if = d.get("out_interface") or None
    return pkt


def select_filter(device: Device, name: str | None, zoned: bool) -> str:
    filters = device.filters
    if name:
        if name in filters:
            return name
        raise QueryError(f"no filter named '{name}' in {device.file} (filters: {', '.join(sorted(filters)) or 'none'})")
    if zoned:
        policies = [n for n, f in filters.items() if f.kind == "security-policy"]
        if len(policies) == 1:
            return policies[0]
        if not policies:
            raise QueryError(f"{device.file} has no zone-based security policy; name a filter with --filter")
        raise QueryError(f"{device.file} has several security policies; name one with --filter ({', '.join(sorted(policies))})")
    bases = [n for n, f in filters.items() if f.is_base]
    if len(filters) == 1:
        return next(iter(filters))
    if not filters:
        raise QueryError(f"{device.file} defines no filter to query")
    raise QueryError(f"{device.file} has {len(filters)} filters; name one with --filter "
                     f"({', '.join(sorted(bases or filters)[:20])}{'…' if len(bases or filters) > 20 else ''})")


def answer(fs: FilterSet, filter_name: str, packet: Packet) -> dict[str, Any]:
    filt = fs.filter(filter_name)
    out: dict[str, Any] = {"device": fs.device.hostname, "filter": filter_name}
    if packet.established and filt.stateful:
        out.update(action="permit", line=None, rule=None,
                   note="return traffic of an established connection: the stateful firewall permits it "
                        "without consulting the rules")
        return out
    verdict = fs.evaluate(filter_name, packet)
    action = verdict.action if verdict.action != RETURN else filt.default_action
    out.update(
        action=action,
        line=verdict.rule.loc.line if verdict.rule else None,
        rule=verdict.rule.loc.text if verdict.rule else None,
    )
    if verdict.rule is not None and verdict.filter != filter_name:
        out["in_filter"] = verdict.filter
    if verdict.trace:
        out["trace"] = [{"filter": f, "line": r.loc.line, "rule": r.loc.text} for f, r in verdict.trace]
    if verdict.rule is None:
        out["note"] = filt.default_note or f"no rule matched: the default action ({filt.default_action}) applies"
    elif verdict.rule.approximations:
        out["note"] = "approximate: " + "; ".join(verdict.rule.approximations)
    return out
