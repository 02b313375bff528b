"""The one exact packet-set engine (DESIGN.md principle 2).

Sets of packets are BDDs over the bits of the header fields (CUDD through the `dd`
package, as Batfish does with its own BDD library). Every answer about which packets
a rule set permits - a query, a shadowed rule, a diff, zone reachability - is computed
here, exactly, never by sampling.

Fields, in BDD variable order (measured: contextual fields and the protocol first,
then destination before source keeps typical ACLs small)::

    family(1)  src_zone dst_zone in_if out_if (14 each)  proto(8)
    dst(128) dport(16) src(128) sport(16) icmp_type(8) icmp_code(8) established(1)

An IPv4 address uses the first 32 of its 128 address bits; the rest are never
constrained, so IPv4 sets stay small and every assignment is a valid packet (the
universe is simply TRUE). Ports are only ever constrained together with a port
protocol, ICMP type/code with ICMP; `established` stands for "belongs to an existing
connection" (TCP ACK/RST, conntrack ESTABLISHED/RELATED).

Contextual fields (zones, interfaces) are finite domains: each name gets a number on
first use; 0 means "a zone/interface no rule names".

This module imports nothing of the project. Its inputs are `Match` products (one per
rule) built by `netlint.filters` from the model; the `Classifier` answers point queries
(which rule does this packet hit first) from the same matches, for batch speed, and is
property-tested against the BDDs.
"""

from __future__ import annotations

import gc
import ipaddress
from bisect import bisect_right
from socket import AF_INET as _AF_INET, inet_pton as _inet_pton
from dataclasses import dataclass
from typing import Iterable, Iterator

ADDR_WIDTH = 128
FAMILY_BITS = {4: 32, 6: 128}
CONTEXT_FIELDS = ("src_zone", "dst_zone", "in_if", "out_if")
CONTEXT_BITS = 14  # up to 16,382 distinct zone or interface names per field in one run
_FIELD_WIDTHS = [
    ("family", 1),
    ("src_zone", CONTEXT_BITS),
    ("dst_zone", CONTEXT_BITS),
    ("in_if", CONTEXT_BITS),
    ("out_if", CONTEXT_BITS),
    ("proto", 8),
    ("dst", ADDR_WIDTH),
    ("dport", 16),
    ("src", ADDR_WIDTH),
    ("sport", 16),
    ("icmp_type", 8),
    ("icmp_code", 8),
    ("established", 1),
]
PORT_PROTOCOLS = frozenset({6, 17, 132})
ICMP_PROTOCOLS = frozenset({1, 58})
PROTO_NAMES = {1: "icmp", 6: "tcp", 17: "udp", 47: "gre", 50: "esp", 51: "ah", 58: "icmp6", 89: "ospf", 132: "sctp"}


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class Ternary:
    """Values v with (v & care) == value, over a field of `width` bits."""

    value: int
    care: int


# An item of a field constraint: (lo, hi) inclusive interval, or a Ternary.
FieldItem = tuple[int, int] | Ternary


@dataclass(frozen=True, slots=True)
class AddrItem:
    family: int  # 4 or 6
    item: FieldItem  # over FAMILY_BITS[family] bits


@dataclass(frozen=True, slots=True)
class AddrConstraint:
    """A union of address items; `negated` inverts it within the packet's family."""

    items: tuple[AddrItem, ...]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    proto: int | None = None  # None = any protocol
    sport: tuple[tuple[int, int], ...] | None = None  # None = any
    dport: tuple[tuple[int, int], ...] | None = None
    icmp_type: int | None = None
    icmp_code: int | None = None


@dataclass(frozen=True, slots=True)
class ContextConstraint:
    names: frozenset[str]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """What one rule matches: a product of independent constraints (None = any).
    `services` is a union; an empty tuple matches nothing."""

    family: int | None = None
    src: AddrConstraint | None = None
    dst: AddrConstraint | None = None
    services: tuple[ServiceSpec, ...] | None = None
    established: bool | None = None
    context: tuple[tuple[str, ContextConstraint], ...] = ()
    nothing: bool = False  # matches no packet at all (e.g. an empty object-group)


@dataclass(slots=True)
class Packet:
    """One concrete packet (the first of a new connection unless `established`)."""

    src: str
    dst: str
    proto: int
    sport: int | None = None
    dport: int | None = None
    icmp_type: int | None = None
    icmp_code: int | None = None
    established: bool = False
    src_zone: str | None = None
    dst_zone: str | None = None
    in_if: str | None = None
    out_if: str | None = None

    @property
    def family(self) -> int:
        return parse_ip(self.src)[0]

    def describe(self) -> str:
        proto = PROTO_NAMES.get(self.proto, str(self.proto))
        if self.proto in PORT_PROTOCOLS:
            text = f"{proto} {self.src}:{self.sport} -> {self.dst}:{self.dport}"
        elif self.proto in ICMP_PROTOCOLS:
            text = f"{proto} {self.src} -> {self.dst} type {self.icmp_type} code {self.icmp_code}"
        else:
            text = f"{proto} {self.src} -> {self.dst}"
        if self.established:
            text += " (established)"
        zones = [f"{k}={v}" for k, v in (("from", self.src_zone), ("to", self.dst_zone)) if v]
        return text + (f" [{' '.join(zones)}]" if zones else "")

    def as_dict(self) -> dict:
        out = {"src": self.src, "dst": self.dst, "proto": self.proto}
        if self.proto in PORT_PROTOCOLS:
            out.update(sport=self.sport, dport=self.dport)
        if self.proto in ICMP_PROTOCOLS:
            out.update(icmp_type=self.icmp_type, icmp_code=self.icmp_code)
        if self.established:
            out["established"] = True
        for key in CONTEXT_FIELDS:
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


# --------------------------------------------------------------------------- the BDD space


def _hold_automatic_gc() -> None:
    """Turn Python's automatic cyclic garbage collection off for the rest of the process.

    dd's wrapper allocates the Python object for an operation's result *before* it takes
    CUDD's reference on the node. A cyclic collection triggered by that allocation may
    free the last other holder of the very same node: CUDD counts the node dead, the new
    wrapper revives it without telling CUDD, and CUDD's next garbage collection aborts
    the whole process ("dead count != deleted"; tests/test_engine_exactness.py
    reproduces it). Collections between operations are safe: `safe_point()`."""
    gc.disable()


def safe_point() -> None:
    """Collect cyclic garbage as CPython's automatic policy would, at a moment when no
    BDD operation is half done. Cheap when there is nothing to do; call it between
    devices, checks and queries."""
    if gc.isenabled():
        return
    c0, c1, c2 = gc.get_count()
    t0, t1, t2 = gc.get_threshold()
    if t0 and c0 > t0:
        gc.collect(2 if c2 > t2 else 1 if c1 > t1 else 0)


class Space:
    """A BDD manager with the packet fields declared. Use `default_space()`."""

    def __init__(self) -> None:
        import sys

        _hold_automatic_gc()

        # dd imports networkx (0.1 s) only for optional graph export, which we never use:
        # hide it during the import unless something already loaded it.
        hide = "networkx" not in sys.modules
        if hide:
            sys.modules["networkx"] = None  # type: ignore[assignment]
        try:
            from dd import cudd  # compiled CUDD bindings; imported only when analysis runs
        finally:
            if hide and sys.modules.get("networkx", 0) is None:
                del sys.modules["networkx"]

        bdd = cudd.BDD()
        # Variable reordering costs far more than it saves on ACL-shaped sets (measured).
        bdd.configure(reordering=False)
        self.bdd = bdd
        self.names: dict[str, list[str]] = {}
        self.level_field: list[tuple[str, int]] = []  # level -> (field, bit index from MSB)
        for name, width in _FIELD_WIDTHS:
            names = [f"{name}_{i}" for i in range(width)]
            self.names[name] = names
            for i in range(width):
                self.level_field.append((name, i))
        bdd.declare(*[n for name, _ in _FIELD_WIDTHS for n in self.names[name]])
        self.widths = dict(_FIELD_WIDTHS)
        self._true = bdd.true
        self._false = bdd.false
        self._cache: dict[tuple, object] = {}
        self._chunks: dict[tuple, object] = {}
        self.context_ids: dict[str, dict[str, int]] = {f: {} for f in CONTEXT_FIELDS}
        self.context_names: dict[str, dict[int, str]] = {f: {} for f in CONTEXT_FIELDS}
        self.TRUE = PacketSet(self, self._true)
        self.FALSE = PacketSet(self, self._false)

    # ---- field builders (return raw dd Functions; PacketSet wraps them)

    def _prefix(self, fld: str, value: int, plen: int, width: int | None = None):
        """Values whose first `plen` bits (of `width`) equal those of `value`."""
        width = width or self.widths[fld]
        if plen <= 0:
            return self._true
        key = ("p", fld, value >> (width - plen), plen, width)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        node = self._true
        names = self.names[fld]
        pos = 0
        while pos < plen:
            n = min(8, plen - pos)
            chunk_val = (value >> (width - pos - n)) & ((1 << n) - 1)
            ckey = (fld, pos, n, chunk_val)
            chunk = self._chunks.get(ckey)
            if chunk is None:
                chunk = self.bdd.cube({names[pos + j]: bool((chunk_val >> (n - 1 - j)) & 1) for j in range(n)})
                self._chunks[ckey] = chunk
            node = node & chunk
            pos += n
        if len(self._cache) < 500_000:
            self._cache[key] = node
        return node

    def _interval(self, fld: str, lo: int, hi: int, width: int | None = None):
        """Values in [lo, hi] over the first `width` bits of the field."""
        width = width or self.widths[fld]
        top = (1 << width) - 1
        if lo <= 0 and hi >= top:
            return self._true
        if lo > hi:
            return self._false
        key = ("i", fld, lo, hi, width)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        node = self._false
        cur = lo
        while cur <= hi:
            size = cur & -cur if cur else 1 << width
            while size > hi - cur + 1:
                size >>= 1
            plen = width - (size.bit_length() - 1)
            node = node | self._prefix(fld, cur, plen, width)
            cur += size
        if len(self._cache) < 500_000:
            self._cache[key] = node
        return node

    def _ternary(self, fld: str, t: Ternary, width: int):
        names = self.names[fld]
        cube = {}
        for j in range(width):
            bit = 1 << (width - 1 - j)
            if t.care & bit:
                cube[names[j]] = bool(t.value & bit)
        return self.bdd.cube(cube) if cube else self._true

    def _field_item(self, fld: str, item: FieldItem, width: int):
        if isinstance(item, Ternary):
            return self._ternary(fld, item, width)
        return self._interval(fld, item[0], item[1], width)

    def _family(self, family: int):
        return self._var("family_0", family == 6)

    def _var(self, name: str, value: bool):
        key = ("v", name, value)
        hit = self._cache.get(key)
        if hit is None:
            hit = self.bdd.var(name) if value else ~self.bdd.var(name)
            self._cache[key] = hit
        return hit

    def _addr(self, fld: str, constraint: AddrConstraint, family: int | None):
        node = self._false
        for ai in constraint.items:
            if family is not None and ai.family != family:
                continue
            width = FAMILY_BITS[ai.family]
            key = ("a", fld, ai)
            hit = self._cache.get(key)
            if hit is None:
                if isinstance(ai.item, Ternary):
                    shifted = Ternary(ai.item.value << (ADDR_WIDTH - width), ai.item.care << (ADDR_WIDTH - width))
                    hit = self._ternary(fld, shifted, ADDR_WIDTH)
                else:
                    hit = self._interval(fld, ai.item[0], ai.item[1], width)
                hit = hit & self._family(ai.family)
                if len(self._cache) < 500_000:
                    self._cache[key] = hit
            node = node | hit
        if constraint.negated:
            allowed = self._true if family is None else self._family(family)
            node = allowed & ~node
        return node

    def _service(self, spec: ServiceSpec):
        key = ("s", spec)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        node = self._true
        if spec.proto is not None:
            node = self._prefix("proto", spec.proto, 8)
        if spec.sport is not None:
            node = node & self._ranges("sport", spec.sport)
        if spec.dport is not None:
            node = node & self._ranges("dport", spec.dport)
        if spec.icmp_type is not None:
            node = node & self._prefix("icmp_type", spec.icmp_type, 8)
        if spec.icmp_code is not None:
            node = node & self._prefix("icmp_code", spec.icmp_code, 8)
        self._cache[key] = node
        return node

    def _ranges(self, fld: str, ranges: Iterable[tuple[int, int]]):
        node = self._false
        for lo, hi in ranges:
            node = node | self._interval(fld, lo, hi)
        return node

    def context_id(self, fld: str, name: str) -> int:
        ids = self.context_ids[fld]
        if name not in ids:
            if len(ids) + 1 >= (1 << CONTEXT_BITS):
                raise OverflowError(f"more than {(1 << CONTEXT_BITS) - 2} distinct {fld} names")
            ids[name] = len(ids) + 1
            self.context_names[fld][ids[name]] = name
        return ids[name]

    def _context(self, fld: str, c: ContextConstraint):
        node = self._false
        for name in sorted(c.names):
            node = node | self._prefix(fld, self.context_id(fld, name), CONTEXT_BITS)
        return ~node if c.negated else node

    # ---- public constructors

    def match(self, m: Match) -> PacketSet:
        """The set of packets a rule's match expression matches."""
        return PacketSet(self, self._match(m))

    def _match(self, m: Match):
        if m.nothing:
            return self._false
        node = self._true if m.family is None else self._family(m.family)
        if m.services is not None:
            svc = self._false
            for spec in m.services:
                svc = svc | self._service(spec)
            node = node & svc
        if m.dst is not None:
            node = node & self._addr("dst", m.dst, m.family)
        if m.src is not None:
            node = node & self._addr("src", m.src, m.family)
        if m.established is not None:
            node = node & self._var("established_0", m.established)
        for fld, c in m.context:
            node = node & self._context(fld, c)
        return node

    def union(self, sets: Iterable[PacketSet]) -> PacketSet:
        node = self._false
        for s in sets:
            node = node | s.node
        return PacketSet(self, node)

    def packet_set(self, p: Packet) -> PacketSet:
        """The set holding exactly one packet (all its fields fixed; ports only for
        TCP/UDP/SCTP, ICMP type and code only for ICMP). Built as one cube: this runs
        for every example packet of every zone finding."""
        ip_src, ip_dst = ipaddress.ip_address(p.src), ipaddress.ip_address(p.dst)
        fam = ip_src.version
        width = FAMILY_BITS[fam]
        bits: dict[str, bool] = {"family_0": fam == 6, "established_0": bool(p.established)}
        fixed = [("proto", p.proto, 8, 8),
                 ("src", int(ip_src) << (ADDR_WIDTH - width), width, ADDR_WIDTH),
                 ("dst", int(ip_dst) << (ADDR_WIDTH - width), width, ADDR_WIDTH)]
        if p.proto in PORT_PROTOCOLS:
            fixed += [("sport", p.sport or 0, 16, 16), ("dport", p.dport or 0, 16, 16)]
        if p.proto in ICMP_PROTOCOLS:
            fixed += [("icmp_type", p.icmp_type or 0, 8, 8), ("icmp_code", p.icmp_code or 0, 8, 8)]
        for fld in CONTEXT_FIELDS:
            name = getattr(p, fld)
            fixed.append((fld, self.context_id(fld, name) if name else 0, CONTEXT_BITS, CONTEXT_BITS))
        for fld, value, plen, fwidth in fixed:
            names = self.names[fld]
            for i in range(plen):
                bits[names[i]] = bool((value >> (fwidth - 1 - i)) & 1)
        return PacketSet(self, self.bdd.cube(bits))

    def field_set(self, fld: str, items: Iterable[FieldItem], family: int | None = None) -> PacketSet:
        """Packets whose field `fld` lies in the items (for addresses, give `family`)."""
        if fld in ("src", "dst"):
            fam = family or 4
            return PacketSet(self, self._addr(fld, AddrConstraint(tuple(AddrItem(fam, i) for i in items)), fam))
        node = self._false
        for item in items:
            node = node | self._field_item(fld, item, self.widths[fld])
        return PacketSet(self, node)

    def context_set(self, fld: str, names: Iterable[str]) -> PacketSet:
        return PacketSet(self, self._context(fld, ContextConstraint(frozenset(names))))

    def same_context(self, fld_a: str, fld_b: str, names: Iterable[str]) -> PacketSet:
        """Packets whose two context fields hold the same one of `names` (intrazone)."""
        node = self._false
        for name in names:
            node = node | (self._prefix(fld_a, self.context_id(fld_a, name), CONTEXT_BITS)
                           & self._prefix(fld_b, self.context_id(fld_b, name), CONTEXT_BITS))
        return PacketSet(self, node)

    def with_context(self, s: PacketSet, values: dict[str, str | None]) -> PacketSet:
        """Fix the contextual fields that have a value (zones, interfaces), then forget
        all contextual fields: what the set holds for traffic in that context."""
        node = s.node
        for fld, name in values.items():
            if name is not None:
                node = node & self._prefix(fld, self.context_id(fld, name), CONTEXT_BITS)
        drop = [n for fld in CONTEXT_FIELDS for n in self.names[fld]]
        return PacketSet(self, self.bdd.exist(drop, node))

    def context_values(self, values: dict[str, str | None]) -> PacketSet:
        node = self._true
        for fld, name in values.items():
            if name is not None:
                node = node & self._prefix(fld, self.context_id(fld, name), CONTEXT_BITS)
        return PacketSet(self, node)

    def new_connections(self) -> PacketSet:
        """The first packets of new connections (not established)."""
        return PacketSet(self, self._var("established_0", False))

    # ---- reading sets back

    def _walk(self, node, prefer: dict[str, int]) -> dict[str, int]:
        """One satisfying assignment, as field -> integer, preferring bits of `prefer`."""
        values = {name: 0 for name, _ in _FIELD_WIDTHS}
        fixed: set[int] = set()
        false = self._false
        u = node
        while u != self._true:
            level = u.level
            fixed.add(level)
            lo, hi = u.low, u.high
            if u.negated:
                lo, hi = ~lo, ~hi
            fld, bit = self.level_field[level]
            width = self.widths[fld]
            want = (prefer.get(fld, 0) >> (width - 1 - bit)) & 1
            first, second = (hi, lo) if want else (lo, hi)
            if first != false:
                u, chosen = first, want
            else:
                u, chosen = second, 1 - want
            if chosen:
                values[fld] |= 1 << (width - 1 - bit)
        # Unconstrained bits take the preferred value.
        for level, (fld, bit) in enumerate(self.level_field):
            if level in fixed:
                continue
            width = self.widths[fld]
            if (prefer.get(fld, 0) >> (width - 1 - bit)) & 1:
                values[fld] |= 1 << (width - 1 - bit)
        return values

    def sample(self, s: PacketSet, prefer: Packet | None = None) -> Packet | None:
        """One packet of the set (None if empty), as close to `prefer` as the set allows."""
        if s.node == self._false:
            return None
        pref = {"proto": 6, "sport": 49152, "dport": 443, "icmp_type": 8}
        pref["src"] = pref["dst"] = 1 << (ADDR_WIDTH - 32)  # x.x.x.1 rather than the network address
        if prefer is not None:
            fam = prefer.family
            width = FAMILY_BITS[fam]
            pref.update(
                family=int(fam == 6),
                proto=prefer.proto,
                src=int(ipaddress.ip_address(prefer.src)) << (ADDR_WIDTH - width),
                dst=int(ipaddress.ip_address(prefer.dst)) << (ADDR_WIDTH - width),
                sport=prefer.sport or 0,
                dport=prefer.dport or 0,
                icmp_type=prefer.icmp_type or 0,
                icmp_code=prefer.icmp_code or 0,
                established=int(bool(prefer.established)),
            )
        v = self._walk(s.node, pref)
        return self._decode(v)

    def _decode(self, v: dict[str, int]) -> Packet:
        fam = 6 if v["family"] else 4
        width = FAMILY_BITS[fam]
        src = v["src"] >> (ADDR_WIDTH - width)
        dst = v["dst"] >> (ADDR_WIDTH - width)
        mk = ipaddress.IPv4Address if fam == 4 else ipaddress.IPv6Address
        proto = v["proto"]
        pkt = Packet(src=str(mk(src)), dst=str(mk(dst)), proto=proto, established=bool(v["established"]))
        if proto in PORT_PROTOCOLS:
            pkt.sport, pkt.dport = v["sport"], v["dport"]
        if proto in ICMP_PROTOCOLS:
            pkt.icmp_type, pkt.icmp_code = v["icmp_type"], v["icmp_code"]
        for fld in CONTEXT_FIELDS:
            if v[fld]:
                pkt.__setattr__(fld, self.context_names[fld].get(v[fld], f"#{v[fld]}"))
        return pkt

    def samples(self, s: PacketSet, limit: int = 3) -> list[Packet]:
        """A few packets of the set that differ in protocol/destination port where
        possible, else in destination, else in source address; packets that would
        differ only in the source port are no new example."""
        out: list[Packet] = []
        rest = s
        while len(out) < limit and not rest.is_empty():
            pkt = self.sample(rest)
            assert pkt is not None
            out.append(pkt)
            same_service = self._service(ServiceSpec(
                proto=pkt.proto,
                dport=((pkt.dport, pkt.dport),) if pkt.dport is not None else None,
                icmp_type=pkt.icmp_type,
            ))
            nxt = rest.node & ~same_service
            for fld in ("dst", "src"):
                if nxt != self._false:
                    break
                # the x.x.x.1 addresses `sample` prefers recur: their prefixes are cached
                addr = ipaddress.ip_address(getattr(pkt, fld))
                width = FAMILY_BITS[addr.version]
                nxt = rest.node & ~self._prefix(fld, int(addr) << (ADDR_WIDTH - width), width, ADDR_WIDTH)
            rest = PacketSet(self, nxt)
        return out

    def project(self, s: PacketSet, keep: Iterable[str]) -> PacketSet:
        """Existentially quantify every field not in `keep`."""
        keep = set(keep)
        drop = [n for name, _ in _FIELD_WIDTHS if name not in keep for n in self.names[name]]
        return PacketSet(self, self.bdd.exist(drop, s.node))

    def field_intervals(self, s: PacketSet, fld: str, width: int | None = None, limit: int = 64) -> list[tuple[int, int]]:
        """The values of one field present in the set, as merged intervals (at most `limit`)."""
        width = width or self.widths[fld]
        proj = self.project(s, [fld]).node
        out: list[tuple[int, int]] = []

        def rec(lo: int, hi: int) -> None:
            if len(out) > limit:
                return
            whole = self._interval(fld, lo, hi, width)
            part = proj & whole
            if part == self._false:
                return
            if part == whole:
                if out and out[-1][1] + 1 == lo:
                    out[-1] = (out[-1][0], hi)
                else:
                    out.append((lo, hi))
                return
            mid = (lo + hi) // 2
            rec(lo, mid)
            rec(mid + 1, hi)

        rec(0, (1 << width) - 1)
        return out[:limit]

    def services(self, s: PacketSet, limit: int = 24) -> list[str]:
        """Human summary of the protocols and destination ports in the set, e.g.
        ['tcp/22', 'tcp/8000-8080', 'udp/161', 'icmp'], ['any'], or, when the set is
        nearly everything, ['any except tcp/443']."""
        proj = self.project(s, ["proto", "dport"])
        if proj.node == self._true:
            return ["any"]
        if proj.node == self._false:
            return []
        positive = self._describe_services(proj, limit)
        negative = self._describe_services(PacketSet(self, ~proj.node), limit)
        if len(negative) < len(positive):
            return ["any except " + ", ".join(negative)]
        return positive

    def _describe_services(self, proj: PacketSet, limit: int) -> list[str]:
        out: list[str] = []
        for lo, hi in self.field_intervals(proj, "proto", limit=256):
            plain: list[int] = []
            for p in range(lo, hi + 1):
                if p in PORT_PROTOCOLS:
                    name = PROTO_NAMES.get(p, str(p))
                    ports = self.field_intervals(PacketSet(self, proj.node & self._prefix("proto", p, 8)), "dport")
                    if ports == [(0, 65535)]:
                        out.append(name)
                    else:
                        out.extend(f"{name}/{a}" if a == b else f"{name}/{a}-{b}" for a, b in ports)
                else:
                    plain.append(p)
            for a, b in _runs(plain):
                if a == b:
                    out.append(PROTO_NAMES.get(a, f"ip-proto {a}"))
                else:
                    out.append(f"ip-proto {a}-{b}")
            if len(out) > limit:
                return out[:limit] + ["…"]
        return out


def _runs(values: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs; named protocols stand alone so that their names show."""
    runs: list[tuple[int, int]] = []
    for v in values:
        if runs and runs[-1][1] == v - 1 and v not in PROTO_NAMES and runs[-1][1] not in PROTO_NAMES:
            runs[-1] = (runs[-1][0], v)
        else:
            runs.append((v, v))
    return runs


@dataclass(slots=True, eq=False)
class PacketSet:
    """An exact set of packets. Supports | & - ~, <= (subset), ==, is_empty()."""

    space: Space
    node: object

    def __or__(self, other: PacketSet) -> PacketSet:
        return PacketSet(self.space, self.node | other.node)

    def __and__(self, other: PacketSet) -> PacketSet:
        return PacketSet(self.space, self.node & other.node)

    def __sub__(self, other: PacketSet) -> PacketSet:
        return PacketSet(self.space, self.node & ~other.node)

    def __invert__(self) -> PacketSet:
        return PacketSet(self.space, ~self.node)

    def __le__(self, other: PacketSet) -> bool:
        return (self.node & ~other.node) == self.space._false

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PacketSet) and self.node == other.node

    def __hash__(self) -> int:
        return hash(self.node)

    def is_empty(self) -> bool:
        return self.node == self.space._false

    def is_all(self) -> bool:
        return self.node == self.space._true

    def intersects(self, other: PacketSet) -> bool:
        return (self.node & other.node) != self.space._false

    def sample(self, prefer: Packet | None = None) -> Packet | None:
        return self.space.sample(self, prefer)

    def contains(self, packet: Packet) -> bool:
        return self.intersects(self.space.packet_set(packet))


_SPACE: Space | None = None


def default_space() -> Space:
    """The process-wide space (one CUDD manager, so sets from anywhere combine)."""
    global _SPACE
    if _SPACE is None:
        _SPACE = Space()
    return _SPACE


# --------------------------------------------------------------------------- point classification


@dataclass(slots=True)
class _PointPacket:
    family: int
    src: int
    dst: int
    proto: int
    sport: int
    dport: int
    icmp_type: int
    icmp_code: int
    established: bool
    context: dict[str, str | None]


def parse_ip(text: str) -> tuple[int, int]:
    """(family, integer) of an address; inet_pton for dotted IPv4 (strict: four
    decimal parts, no leading zeros), ten times faster than the ipaddress module, which
    shows on a batch of 100,000 packets."""
    try:
        return 4, int.from_bytes(_inet_pton(_AF_INET, text), "big")
    except (OSError, TypeError):
        ip = ipaddress.ip_address(text)  # IPv6, or ValueError with the standard message
        return ip.version, int(ip)


def _to_point(p: Packet) -> _PointPacket:
    fam, src = parse_ip(p.src)
    return _PointPacket(
        family=fam, src=src, dst=parse_ip(p.dst)[1], proto=p.proto,
        sport=p.sport or 0, dport=p.dport or 0, icmp_type=p.icmp_type or 0, icmp_code=p.icmp_code or 0,
        established=bool(p.established), context={f: getattr(p, f) for f in CONTEXT_FIELDS},
    )


def _item_has(item: FieldItem, v: int) -> bool:
    if isinstance(item, Ternary):
        return (v & item.care) == item.value
    return item[0] <= v <= item[1]


def _addr_has(c: AddrConstraint | None, family: int, v: int) -> bool:
    if c is None:
        return True
    inside = any(ai.family == family and _item_has(ai.item, v) for ai in c.items)
    return inside != c.negated


def _ports_has(ranges: tuple[tuple[int, int], ...] | None, v: int) -> bool:
    return ranges is None or any(lo <= v <= hi for lo, hi in ranges)


def match_has(m: Match, p: _PointPacket) -> bool:
    """Point membership, straight from the definition (the Classifier's final check)."""
    if m.nothing or (m.family is not None and m.family != p.family):
        return False
    if m.established is not None and m.established != p.established:
        return False
    if not _addr_has(m.src, p.family, p.src) or not _addr_has(m.dst, p.family, p.dst):
        return False
    if m.services is not None:
        for s in m.services:
            if s.proto is not None and s.proto != p.proto:
                continue
            if s.sport is not None and (p.proto not in PORT_PROTOCOLS or not _ports_has(s.sport, p.sport)):
                continue
            if s.dport is not None and (p.proto not in PORT_PROTOCOLS or not _ports_has(s.dport, p.dport)):
                continue
            if s.icmp_type is not None and (p.proto not in ICMP_PROTOCOLS or s.icmp_type != p.icmp_type):
                continue
            if s.icmp_code is not None and (p.proto not in ICMP_PROTOCOLS or s.icmp_code != p.icmp_code):
                continue
            break
        else:
            return False
    for fld, c in m.context:
        if (p.context.get(fld) in c.names) == c.negated:
            return False
    return True


def point_tester(m: Match):
    """A fast membership test for one match: a specialised closure when the match is a
    single box (one address item per side, one service), else `match_has`."""
    if m.nothing:
        return lambda p: False

    def single(c: AddrConstraint | None):
        if c is None:
            return (None, 0, -1)
        if c.negated or len(c.items) != 1 or isinstance(c.items[0].item, Ternary):
            return False
        ai = c.items[0]
        return (ai.family, ai.item[0], ai.item[1])

    src, dst = single(m.src), single(m.dst)
    services = m.services
    if src is False or dst is False or m.context or (services is not None and len(services) != 1):
        return lambda p: match_has(m, p)
    spec = services[0] if services else None
    if spec is not None and (spec.icmp_type is not None or spec.icmp_code is not None
                             or (spec.sport is not None and len(spec.sport) != 1)
                             or (spec.dport is not None and len(spec.dport) != 1)):
        return lambda p: match_has(m, p)
    fam = m.family
    sfam, slo, shi = src
    dfam, dlo, dhi = dst
    est = m.established
    proto = spec.proto if spec is not None else None
    dp = spec.dport[0] if spec is not None and spec.dport is not None else None
    sp = spec.sport[0] if spec is not None and spec.sport is not None else None

    def test(p) -> bool:
        if fam is not None and p.family != fam:
            return False
        if sfam is not None and (p.family != sfam or not slo <= p.src <= shi):
            return False
        if dfam is not None and (p.family != dfam or not dlo <= p.dst <= dhi):
            return False
        if proto is not None and p.proto != proto:
            return False
        if dp is not None and (p.proto not in PORT_PROTOCOLS or not dp[0] <= p.dport <= dp[1]):
            return False
        if sp is not None and (p.proto not in PORT_PROTOCOLS or not sp[0] <= p.sport <= sp[1]):
            return False
        return est is None or est == p.established

    return test


class _IntervalIndex:
    """For one integer key of every match: elementary intervals -> bitset of matches
    whose hull covers the interval. A point lookup is a bisect plus one dict read."""

    def __init__(self, hulls: list[list[tuple[int, int]] | None], nbits: int) -> None:
        everyone = 0
        bounds: set[int] = {0}
        for i, hull in enumerate(hulls):
            if hull is None:
                everyone |= 1 << i
            else:
                for lo, hi in hull:
                    bounds.add(lo)
                    bounds.add(hi + 1)
        self.starts = sorted(bounds)
        pos = {b: k for k, b in enumerate(self.starts)}
        add: list[int] = [0] * (len(self.starts) + 1)
        remove: list[int] = [0] * (len(self.starts) + 1)
        for i, hull in enumerate(hulls):
            if hull is None:
                continue
            for lo, hi in hull:
                add[pos[lo]] |= 1 << i
                remove[pos[hi + 1]] |= 1 << i
        # Overlapping intervals of one match need counting, not a plain bitset sweep.
        counts: dict[int, int] = {}
        current = 0
        self.sets: list[int] = []
        for k in range(len(self.starts)):
            a, r = add[k], remove[k]
            if a or r:
                for i in _bits(r):
                    counts[i] -= 1
                    if counts[i] == 0:
                        current &= ~(1 << i)
                for i in _bits(a):
                    counts[i] = counts.get(i, 0) + 1
                    current |= 1 << i
            self.sets.append(current | everyone)

    def lookup(self, v: int) -> int:
        return self.sets[bisect_right(self.starts, v) - 1]


def _bits(x: int) -> Iterator[int]:
    while x:
        low = x & -x
        yield low.bit_length() - 1
        x ^= low


def _addr_hull(c: AddrConstraint | None, family: int) -> list[tuple[int, int]] | None:
    if c is None or c.negated:
        return None
    out = []
    for ai in c.items:
        if ai.family != family:
            continue
        if isinstance(ai.item, Ternary):
            width = FAMILY_BITS[family]
            out.append((ai.item.value & ai.item.care, ai.item.value | (((1 << width) - 1) & ~ai.item.care)))
        else:
            out.append(ai.item)
    return out


def _proto_hull(m: Match) -> list[tuple[int, int]] | None:
    if m.services is None or any(s.proto is None for s in m.services):
        return None
    return [(s.proto, s.proto) for s in m.services]  # type: ignore[misc]


def _dport_hull(m: Match) -> list[tuple[int, int]] | None:
    if m.services is None:
        return None
    out: list[tuple[int, int]] = []
    for s in m.services:
        if s.dport is None:
            return None
        out.extend(s.dport)
    return out


class Classifier:
    """First-match lookup over an ordered list of matches, for point queries.

    Candidate matches come from interval indexes on destination, source, protocol and
    destination port; each candidate is then checked exactly with `match_has`, in
    order, so the answer is the same as a linear first-match scan (tested).
    """

    def __init__(self, matches: list[Match]) -> None:
        self.matches = matches
        n = len(matches)
        live = [i for i, m in enumerate(matches) if not m.nothing]
        self.valid = sum(1 << i for i in live)
        self.by_family: dict[int, tuple[_IntervalIndex, _IntervalIndex]] = {}
        for fam in (4, 6):
            dst = [_addr_hull(m.dst, fam) for m in matches]
            src = [_addr_hull(m.src, fam) for m in matches]
            self.by_family[fam] = (_IntervalIndex(dst, n), _IntervalIndex(src, n))
        self.proto = _IntervalIndex([_proto_hull(m) for m in matches], n)
        self.dport = _IntervalIndex([_dport_hull(m) for m in matches], n)

    def candidates(self, p: _PointPacket) -> int:
        dst_idx, src_idx = self.by_family[p.family]
        bits = self.valid & dst_idx.lookup(p.dst) & src_idx.lookup(p.src) & self.proto.lookup(p.proto)
        if p.proto in PORT_PROTOCOLS:
            bits &= self.dport.lookup(p.dport)
        return bits

    def first(self, packet: Packet, start: int = 0) -> int | None:
        """Index of the first match (at or after `start`) holding the packet, else None."""
        p = _to_point(packet)
        return self.first_point(p, start)

    def first_point(self, p: _PointPacket, start: int = 0) -> int | None:
        bits = self.candidates(p) >> start
        offset = start
        while bits:
            low = bits & -bits
            i = offset + low.bit_length() - 1
            if match_has(self.matches[i], p):
                return i
            bits ^= low
        return None


def to_point(packet: Packet) -> _PointPacket:
    return _to_point(packet)
