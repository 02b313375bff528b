"""The firm's policy file (contract section 5): zones, the allowed flows between them
(the article 10.2 allow-list), risky services, accepted exceptions.

The YAML is validated by hand against the schema so that every error names the file
and the line of the offending key or value. With no policy file, `infer_policy()`
builds one from the configs (vendor zone names, ASA security levels, FortiOS roles,
interface names and descriptions, the default route) and says what it inferred.
"""

from __future__ import annotations

import ipaddress
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ZONE_KINDS = ("external", "dmz", "prod", "uat", "mgmt", "internal", "partner", "guest")
TOP_KEYS = {"organization", "zones", "flows", "risky_services", "exceptions", "documentation", "management"}
DOCUMENTATION_KEYS = {"ticket_pattern"}
MANAGEMENT_KEYS = {"max_idle_minutes"}
# CIS benchmarks (IOS XE 1.2.6-1.2.8, PAN-OS 1.4.1, FortiGate 2.4.4) ask for 10 minutes
# at most; the STIGs for 5. The policy may lower or raise it.
DEFAULT_MAX_IDLE_MINUTES = 10
MAX_IDLE_LIMIT = 1440  # a day: beyond that the setting means nothing
ZONE_KEYS = {"kind", "subnets", "interfaces", "vlans", "description"}
FLOW_KEYS = {"from", "to", "services", "description", "ticket"}
EXCEPTION_KEYS = {"fingerprint", "reason", "approved_by", "expires", "rule_id"}
ORG_KEYS = {"name", "category"}

PROTO_NUMBERS = {"icmp": 1, "tcp": 6, "udp": 17, "gre": 47, "esp": 50, "ah": 51, "icmp6": 58, "icmpv6": 58,
                 "ospf": 89, "sctp": 132, "vrrp": 112, "pim": 103, "igmp": 2}
SERVICE_RE = re.compile(r"^(?P<proto>[a-z0-9-]+)(?:/(?P<lo>\d+)(?:-(?P<hi>\d+))?)?$")


class PolicyError(Exception):
    """One sentence naming the file and line."""


@dataclass(frozen=True)
class ServiceSpec:
    """'tcp/443', 'udp/1000-2000', 'icmp', 'icmp/8', 'esp', 'any'."""

    text: str
    proto: int | None  # None = any protocol
    lo: int | None = None  # port (tcp/udp/sctp) or ICMP type
    hi: int | None = None


@dataclass
class Zone:
    name: str
    kind: str
    subnets: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = field(default_factory=list)
    interfaces: list[tuple[str, str]] = field(default_factory=list)  # (device, interface)
    vlans: list[int] = field(default_factory=list)
    line: int = 0
    inferred_from: list[str] = field(default_factory=list)

    @property
    def is_catch_all(self) -> bool:
        return any(n.prefixlen == 0 for n in self.subnets)


@dataclass
class Flow:
    src: str  # zone name or 'any'
    dst: str
    services: list[ServiceSpec]
    line: int = 0
    description: str = ""


@dataclass
class PolicyException:
    fingerprint: str
    reason: str
    approved_by: str
    expires: date | None
    line: int = 0
    rule_id: str | None = None


@dataclass
class Policy:
    file: str | None
    organization: str = ""
    category: int | None = None
    zones: dict[str, Zone] = field(default_factory=dict)
    flows: list[Flow] = field(default_factory=list)
    risky_services: list[tuple[ServiceSpec, str]] | None = None  # None = the built-in catalogue
    exceptions: list[PolicyException] = field(default_factory=list)
    inferred: bool = False
    notes: list[str] = field(default_factory=list)
    ticket_pattern: str | None = None  # a rule's remark must match it (documentation: {ticket_pattern: ...})
    # The longest an idle administrative session may stay open (management: {max_idle_minutes: N}).
    max_idle_minutes: int = DEFAULT_MAX_IDLE_MINUTES

    # ---- lookups

    def _subnet_index(self) -> dict:
        """Zone subnets indexed for lookups that cost no more with a thousand branch
        subnets than with ten: per IP version, {prefix length: {network: [zones]}} for
        the subnets containing a network (at most one per length), and the sorted
        subnet starts for those inside it. Built on first use; zones are not changed
        after the policy is loaded."""
        index = self.__dict__.get("_index")
        if index is None:
            index = {}
            for z in self.zones.values():
                for n in z.subnets:
                    by_len, starts = index.setdefault(n.version, ({}, []))
                    by_len.setdefault(n.prefixlen, {}).setdefault(int(n.network_address), []).append(z)
                    starts.append((int(n.network_address), int(n.broadcast_address), n.prefixlen, z.name))
            for _, starts in index.values():
                starts.sort()
            self.__dict__["_index"] = index
        return index

    def _containing(self, version: int, first: int, last: int, max_bits: int) -> list[tuple[int, Zone]]:
        """(prefix length, zone) of every zone subnet containing [first, last], in
        zone order within a length."""
        by_len, _ = self._subnet_index().get(version, ({}, []))
        out = []
        for plen, nets in by_len.items():
            host = max_bits - plen
            base = first >> host << host
            if base | ((1 << host) - 1) >= last:
                out.extend((plen, z) for z in nets.get(base, ()))
        return out

    @staticmethod
    def _bits(version: int) -> int:
        return 32 if version == 4 else 128

    def zone_of_address(self, addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> Zone | None:
        """Longest-prefix match; the 0.0.0.0/0 zone holds what nothing more specific does."""
        value = int(addr)
        found = self._containing(addr.version, value, value, self._bits(addr.version))
        return self._longest(found)

    @staticmethod
    def _longest(found: list[tuple[int, Zone]]) -> Zone | None:
        best, best_len = None, -1
        for plen, z in found:  # first zone wins among equal lengths, as the policy lists them
            if plen > best_len:
                best, best_len = z, plen
        return best

    def zones_of_network(self, net) -> list[Zone]:
        """Zones whose subnets overlap a network (contain it or lie inside it), in
        the policy's order."""
        first, last = int(net.network_address), int(net.broadcast_address)
        names = {z.name for _, z in self._containing(net.version, first, last, self._bits(net.version))}
        _, starts = self._subnet_index().get(net.version, ({}, []))
        i = bisect_left(starts, (first,))
        while i < len(starts) and starts[i][0] <= last:
            names.add(starts[i][3])
            i += 1
        return [z for z in self.zones.values() if z.name in names]

    def zone_of_network(self, net, include_catch_all: bool = True) -> Zone | None:
        """The zone holding a whole subnet (longest prefix containing it)."""
        found = self._containing(net.version, int(net.network_address), int(net.broadcast_address),
                                 self._bits(net.version))
        if not include_catch_all:
            found = [(plen, z) for plen, z in found if plen != 0]
        return self._longest(found)

    def zone_of_vlan(self, vlan: int) -> Zone | None:
        return next((z for z in self.zones.values() if vlan in z.vlans), None)

    def zone_of_interface(self, device: str, iface: str) -> Zone | None:
        for z in self.zones.values():
            for d, i in z.interfaces:
                if d in (device, "*") and i.lower() == iface.lower():
                    return z
        return None

    def allowed(self, src: str, dst: str) -> list[Flow]:
        return [f for f in self.flows if f.src in (src, "any") and f.dst in (dst, "any")]

    def has_flow_between(self, src: str, dst: str) -> bool:
        return bool(self.allowed(src, dst))


# --------------------------------------------------------------------------- parsing services


def parse_service(text: str) -> ServiceSpec:
    raw = str(text).strip().lower()
    if raw in ("any", "ip", "all"):
        return ServiceSpec(raw, None)
    m = SERVICE_RE.match(raw)
    if not m or m.group("proto") not in PROTO_NUMBERS and not m.group("proto").isdigit():
        raise ValueError(f"'{text}' is not a service (use tcp/443, udp/1000-2000, icmp, icmp/8, esp or any)")
    proto_s = m.group("proto")
    proto = int(proto_s) if proto_s.isdigit() else PROTO_NUMBERS[proto_s]
    if not 0 <= proto <= 255:
        raise ValueError(f"'{text}': protocol number out of range")
    lo = int(m.group("lo")) if m.group("lo") else None
    hi = int(m.group("hi")) if m.group("hi") else lo
    if lo is not None:
        top = 255 if proto in (1, 58) else 65535
        if proto not in (1, 6, 17, 58, 132):
            raise ValueError(f"'{text}': only tcp, udp, sctp and icmp take a number after '/'")
        if not (0 <= lo <= hi <= top):
            raise ValueError(f"'{text}': range must be within 0-{top} and low <= high")
    return ServiceSpec(raw, proto, lo, hi)


# --------------------------------------------------------------------------- loading with line numbers


def load_policy(path: str | Path) -> Policy:
    import yaml

    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(f"{file}: policy file does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{file}: policy file cannot be read ({exc})") from None
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"{file}:{mark.line + 1}" if mark else file
        raise PolicyError(f"{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if root is None:
        raise PolicyError(f"{file}:1: the policy file is empty")
    return _Loader(file).policy(root)


class _Loader:
    def __init__(self, file: str) -> None:
        self.file = file

    def err(self, node, message: str) -> PolicyError:
        return PolicyError(f"{self.file}:{node.start_mark.line + 1}: {message}")

    def mapping(self, node, what: str, keys: set[str]) -> dict[str, tuple[Any, Any]]:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            raise self.err(node, f"{what} must be a mapping")
        out = {}
        for k, v in node.value:
            key = k.value
            if key not in keys:
                hint = _closest(key, keys)
                raise self.err(k, f"unknown key '{key}' in {what}" + (f" (did you mean '{hint}'?)" if hint else "")
                               + f"; allowed: {', '.join(sorted(keys))}")
            if key in out:
                raise self.err(k, f"key '{key}' appears twice in {what}")
            out[key] = (k, v)
        return out

    def scalar(self, node, what: str) -> str:
        import yaml

        if not isinstance(node, yaml.ScalarNode):
            raise self.err(node, f"{what} must be a single value")
        return str(node.value)

    def seq(self, node, what: str) -> list:
        import yaml

        if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.err(node, f"{what} must be a list")
        return list(node.value)

    def policy(self, root) -> Policy:
        top = self.mapping(root, "the policy", TOP_KEYS)
        pol = Policy(self.file)
        if "organization" in top:
            org = self.mapping(top["organization"][1], "organization", ORG_KEYS)
            if "name" in org:
                pol.organization = self.scalar(org["name"][1], "organization name")
            if "category" in org:
                node = org["category"][1]
                value = self.scalar(node, "organization category")
                if value not in ("1", "2"):
                    raise self.err(node, f"organization category must be 1 or 2 (article 2), not '{value}'")
                pol.category = int(value)
        if "zones" not in top:
            raise self.err(root, "the policy has no 'zones'")
        znode = top["zones"][1]
        import yaml

        if not isinstance(znode, yaml.MappingNode) or not znode.value:
            raise self.err(znode, "zones must be a mapping of zone names to their definitions")
        for k, v in znode.value:
            name = k.value
            if name in pol.zones:
                raise self.err(k, f"zone '{name}' is defined twice")
            if name == "any":
                raise self.err(k, "'any' is reserved (it means every zone in flows)")
            pol.zones[name] = self.zone(name, k, v)
        if "flows" in top:
            for item in self.seq(top["flows"][1], "flows"):
                pol.flows.append(self.flow(item, pol))
        if "risky_services" in top:
            node = top["risky_services"][1]
            if isinstance(node, yaml.ScalarNode) and node.value == "default":
                pol.risky_services = None
            else:
                pol.risky_services = []
                for item in self.seq(node, "risky_services"):
                    text = self.scalar(item, "a risky service")
                    try:
                        pol.risky_services.append((parse_service(text), text))
                    except ValueError as exc:
                        raise self.err(item, str(exc)) from None
        if "exceptions" in top:
            for item in self.seq(top["exceptions"][1], "exceptions"):
                pol.exceptions.append(self.exception(item))
        if "documentation" in top:
            doc = self.mapping(top["documentation"][1], "documentation", DOCUMENTATION_KEYS)
            if "ticket_pattern" in doc:
                node = doc["ticket_pattern"][1]
                pattern = self.scalar(node, "ticket_pattern")
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise self.err(node, f"ticket_pattern '{pattern}' is not a valid regular expression ({exc})") from None
                pol.ticket_pattern = pattern
        if "management" in top:
            mgmt = self.mapping(top["management"][1], "management", MANAGEMENT_KEYS)
            if "max_idle_minutes" in mgmt:
                node = mgmt["max_idle_minutes"][1]
                value = self.scalar(node, "max_idle_minutes")
                if not re.fullmatch(r"[0-9]+", value) or not 1 <= int(value) <= MAX_IDLE_LIMIT:
                    raise self.err(node, f"max_idle_minutes must be a whole number of minutes from 1 to {MAX_IDLE_LIMIT}, "
                                         f"not '{value}'")
                pol.max_idle_minutes = int(value)
        return pol

    def zone(self, name: str, knode, vnode) -> Zone:
        fields = self.mapping(vnode, f"zone '{name}'", ZONE_KEYS)
        if "kind" not in fields:
            raise self.err(knode, f"zone '{name}' has no kind (one of: {', '.join(ZONE_KINDS)})")
        kind = self.scalar(fields["kind"][1], "kind")
        if kind not in ZONE_KINDS:
            raise self.err(fields["kind"][1], f"zone '{name}': unknown kind '{kind}' (one of: {', '.join(ZONE_KINDS)})")
        zone = Zone(name, kind, line=knode.start_mark.line + 1)
        for item in self.seq(fields["subnets"][1], "subnets") if "subnets" in fields else []:
            text = self.scalar(item, "a subnet")
            try:
                zone.subnets.append(ipaddress.ip_network(text, strict=True))
            except ValueError as exc:
                raise self.err(item, f"zone '{name}': invalid prefix '{text}' ({exc})") from None
        for item in self.seq(fields["interfaces"][1], "interfaces") if "interfaces" in fields else []:
            text = self.scalar(item, "an interface")
            device, sep, iface = text.partition(":")
            if not sep or not device or not iface:
                raise self.err(item, f"zone '{name}': interface '{text}' must be written 'device:interface'")
            zone.interfaces.append((device, iface))
        for item in self.seq(fields["vlans"][1], "vlans") if "vlans" in fields else []:
            text = self.scalar(item, "a VLAN")
            if not text.isdigit() or not 1 <= int(text) <= 4094:
                raise self.err(item, f"zone '{name}': VLAN '{text}' must be a number from 1 to 4094")
            zone.vlans.append(int(text))
        if not (zone.subnets or zone.interfaces or zone.vlans):
            raise self.err(knode, f"zone '{name}' has no subnets, interfaces or vlans: nothing can belong to it")
        return zone

    def flow(self, node, pol: Policy) -> Flow:
        fields = self.mapping(node, "a flow", FLOW_KEYS)
        for key in ("from", "to", "services"):
            if key not in fields:
                raise self.err(node, f"a flow needs '{key}'")
        ends = []
        for key in ("from", "to"):
            vnode = fields[key][1]
            zone = self.scalar(vnode, f"flow '{key}'")
            if zone != "any" and zone not in pol.zones:
                raise self.err(vnode, f"flow '{key}' names undefined zone '{zone}' (zones: {', '.join(pol.zones)})")
            ends.append(zone)
        services = []
        for item in self.seq(fields["services"][1], "services"):
            text = self.scalar(item, "a service")
            try:
                services.append(parse_service(text))
            except ValueError as exc:
                raise self.err(item, str(exc)) from None
        if not services:
            raise self.err(fields["services"][1], "a flow needs at least one service (or 'any')")
        desc = self.scalar(fields["description"][1], "description") if "description" in fields else ""
        return Flow(ends[0], ends[1], services, node.start_mark.line + 1, desc)

    def exception(self, node) -> PolicyException:
        fields = self.mapping(node, "an exception", EXCEPTION_KEYS)
        for key in ("fingerprint", "reason", "approved_by", "expires"):
            if key not in fields:
                raise self.err(node, f"an exception needs '{key}' (who accepted which finding, why, until when)")
        expires_node = fields["expires"][1]
        text = self.scalar(expires_node, "expires")
        try:
            expires = date.fromisoformat(text)
        except ValueError:
            raise self.err(expires_node, f"expires '{text}' is not a date (YYYY-MM-DD)") from None
        return PolicyException(
            fingerprint=self.scalar(fields["fingerprint"][1], "fingerprint"),
            reason=self.scalar(fields["reason"][1], "reason"),
            approved_by=self.scalar(fields["approved_by"][1], "approved_by"),
            expires=expires,
            line=node.start_mark.line + 1,
            rule_id=self.scalar(fields["rule_id"][1], "rule_id") if "rule_id" in fields else None,
        )


def _closest(word: str, options: set[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return match[0] if match else None


# --------------------------------------------------------------------------- the built-in default policy

# Words in zone names, nameifs, interface names and descriptions -> zone kind.
KIND_WORDS = [
    ("guest", ("guest", "visitor", "wifi-guest")),
    ("mgmt", ("mgmt", "management", "oob", "manage", "admin-net")),
    ("uat", ("uat", "test", "lab", "stag", "dev", "sit", "qa")),
    ("prod", ("prod", "production", "trading", "order", "core-app", "datacenter", "dc")),
    ("partner", ("partner", "vendor", "exchange", "extranet", "b2b", "leased", "twse", "taifex")),
    ("dmz", ("dmz",)),
    ("external", ("outside", "untrust", "wan", "internet", "isp", "external", "public")),
    ("internal", ("inside", "trust", "lan", "internal", "users", "office", "corp", "staff")),
]

# Flows the default policy allows, by zone kind: what the guideline tolerates without
# a firm-specific allow-list. Everything else between zones is reported, notably
# external -> internal zones (5.3), uat <-> prod (5.2), anything -> mgmt beyond the
# usual device-to-management services (9.2), guest -> internal (7.3).
DEFAULT_FLOWS = [
    ("internal", ("external", "dmz", "prod", "uat"), ("any",)),
    ("prod", ("external", "dmz", "internal"), ("any",)),
    ("uat", ("external", "dmz", "internal"), ("any",)),
    ("dmz", ("external", "prod"), ("any",)),
    ("external", ("dmz",), ("any",)),
    ("partner", ("dmz", "prod"), ("any",)),
    ("guest", ("external",), ("any",)),
    ("mgmt", ("any",), ("any",)),
    ("any", ("mgmt",), ("udp/514", "tcp/6514", "udp/123", "udp/162", "tcp/49", "udp/1812-1813")),
]


def kind_from_words(*texts: str | None) -> tuple[str, str] | None:
    """The zone kind a name or description suggests, and the word that said so."""
    for text in texts:
        if not text:
            continue
        low = text.lower()
        tokens = set(re.split(r"[^a-z0-9]+", low))
        for kind, words in KIND_WORDS:
            for w in words:
                if w in tokens or (len(w) >= 4 and w in low):
                    return kind, w
    return None


def infer_policy(devices) -> Policy:
    """A policy built from the configs when none is given: one zone per kind found, from
    vendor zones, ASA security levels, FortiOS roles, interface names/descriptions and
    the default route; the notes say what was inferred from what."""
    pol = Policy(file=None, inferred=True)
    found: dict[str, Zone] = {}
    shared = _shared_subnets(devices)
    for d in devices:
        default_ifaces = {r.interface for r in d.routes if r.is_default and r.interface}
        default_hops = {r.next_hop for r in d.routes if r.is_default and r.next_hop}
        for iface in d.interfaces:
            if iface.shutdown or (iface.switchport and not iface.addresses):
                continue  # layer-2 ports are not zone boundaries
            nets = [ipaddress.ip_network(f"{ipaddress.ip_address(a.address)}/{a.prefixlen}", strict=False)
                    for a in iface.addresses]
            transit = any(str(n) in shared for n in nets)
            clue = None
            if iface.zone:
                k = kind_from_words(iface.zone)
                clue = (k[0], f"vendor zone '{iface.zone}'") if k else None
            if clue is None and iface.nameif:
                k = kind_from_words(iface.nameif)
                clue = (k[0], f"nameif '{iface.nameif}'") if k else None
            if clue is None:
                k = kind_from_words(iface.description, iface.name if not iface.name.lower().startswith(("gi", "te", "fa", "eth", "port", "ge-", "xe-")) else None)
                clue = (k[0], f"name/description '{iface.description or iface.name}'") if k else None
            if clue is None and iface.role in ("wan", "dmz", "lan"):
                clue = ({"wan": "external", "dmz": "dmz", "lan": "internal"}[iface.role], f"FortiOS role {iface.role}")
            if clue is None and iface.security_level is not None:
                lvl = iface.security_level
                clue = ("external" if lvl == 0 else "internal" if lvl == 100 else "dmz", f"security-level {lvl}")
            if clue is None and (iface.name in default_ifaces or iface.nameif in default_ifaces or any(
                    h and n.version == ipaddress.ip_address(h).version and ipaddress.ip_address(h) in n
                    for n in nets for h in default_hops if _is_ip(h))):
                clue = ("external", "the default route leaves by it")
            if clue is None:
                continue
            kind, why = clue
            if transit and kind != "external" and not iface.zone:
                continue  # a link between two of our devices is not a zone of its own
            zone = found.setdefault(kind, Zone(kind, kind))
            if kind == "external":
                if not zone.subnets:
                    zone.subnets.append(ipaddress.ip_network("0.0.0.0/0"))
                if not transit:
                    zone.interfaces.append((d.hostname, iface.name))
            else:
                for n in nets:
                    if n not in zone.subnets and n.prefixlen > 0:
                        zone.subnets.append(n)
                if not nets:
                    zone.interfaces.append((d.hostname, iface.name))
                if iface.vlan_id is not None and iface.vlan_id not in zone.vlans:
                    zone.vlans.append(iface.vlan_id)
            zone.inferred_from.append(f"{d.hostname}:{iface.name} ({why})")
    if "external" not in found:
        found["external"] = Zone("external", "external", [ipaddress.ip_network("0.0.0.0/0")],
                                 inferred_from=["the rest of the address space"])
    pol.zones = {k: found[k] for k in ZONE_KINDS if k in found}
    for src, dsts, services in DEFAULT_FLOWS:
        if src != "any" and src not in pol.zones:
            continue
        for dst in dsts:
            if dst != "any" and dst not in pol.zones:
                continue
            pol.flows.append(Flow(src, dst, [parse_service(s) for s in services], description="built-in default"))
    pol.notes.append("no policy file: zones inferred from the configs (write one with `netlint init`)")
    for z in pol.zones.values():
        pol.notes.append(f"zone '{z.name}' ({', '.join(str(n) for n in z.subnets) or 'no subnet'}): "
                         + "; ".join(z.inferred_from[:6]) + (" ..." if len(z.inferred_from) > 6 else ""))
    return pol


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


def _shared_subnets(devices) -> set[str]:
    """Point-to-point subnets (/29 or smaller) shared by two of our devices: transit
    links, not zones. A larger shared subnet (a management VLAN) is a real segment."""
    seen: dict[str, set[int]] = {}
    for d in devices:
        for iface in d.interfaces:
            for a in iface.addresses:
                if a.prefixlen < (29 if a.family == 4 else 126):
                    continue
                net = str(ipaddress.ip_network(f"{ipaddress.ip_address(a.address)}/{a.prefixlen}", strict=False))
                seen.setdefault(net, set()).add(id(d))
    return {n for n, ds in seen.items() if len(ds) > 1}


# --------------------------------------------------------------------------- the starter policy (netlint init)

STARTER = """\
# netlint policy: your zones, and the traffic allowed between them.
# Everything between two zones that no flow below allows is reported (article 10.2:
# rules on least privilege and an allow-list). Check it with: netlint lint CONFIGS --policy netlint.yaml
#
# Zone kinds (fixed): external, dmz, prod, uat, mgmt, internal, partner, guest.
# A packet belongs to the zone whose subnets hold its address (longest prefix wins;
# 0.0.0.0/0 stands for "everything no more specific zone holds", i.e. the internet).
# Interfaces can also be placed explicitly as "device:interface"; VLANs by number.

organization:
  name: Example Securities Co., Ltd.
  category: 1            # article 2: 1 = must appoint a CISO; 2 = all other firms

zones:
  internet:
    kind: external
    subnets: [0.0.0.0/0]
  dmz:
    kind: dmz
    subnets: [172.16.50.0/24]
  prod:
    kind: prod
    subnets: [10.10.0.0/16]
    vlans: [10]
  uat:
    kind: uat
    subnets: [10.20.0.0/16]
    vlans: [20]
  users:
    kind: internal
    subnets: [10.30.0.0/16]
    vlans: [30]
  mgmt:
    kind: mgmt
    subnets: [10.99.0.0/24]
    vlans: [99]

flows:
  # from, to: zone names or 'any'; services: tcp/443, udp/1000-2000, icmp, icmp/8, esp, any
  - {from: internet, to: dmz,  services: [tcp/443], description: "public web and order portal"}
  - {from: dmz,      to: prod, services: [tcp/1521], description: "order gateway to the order database"}
  - {from: users,    to: prod, services: [tcp/443]}
  - {from: users,    to: internet, services: [tcp/80, tcp/443]}
  - {from: mgmt,     to: any,  services: [tcp/22, tcp/443, udp/161, icmp]}

# 'default' uses netlint's catalogue of risky services (telnet, SMB, RDP, databases...);
# or give your own list, e.g. [tcp/23, tcp/3389].
risky_services: default

# What a rule's remark must contain to count as documented (article 10.1); omit to
# accept any remark.
documentation:
  ticket_pattern: "CHG-[0-9]+"

# Management plane: the longest an idle administrative session (console, SSH, web
# admin) may stay open before the device logs it out (articles 9.2, 6.3). CIS asks for
# 10 minutes at most, the DISA STIGs for 5.
management:
  max_idle_minutes: 10

# Findings accepted by the CISO, by fingerprint (from `netlint lint --format json`).
# An exception past its date stops suppressing and is reported.
exceptions: []
#  - {fingerprint: "3f9a0c...", reason: "CHG-1234 vendor support link", approved_by: "CISO", expires: 2027-06-30}
"""
