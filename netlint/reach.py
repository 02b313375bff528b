"""Reachability between zones: for every ordered pair of policy zones, the exact set of
new connections that the network permits from one to the other, along the paths of
the zone graph, and the rules that permit it.

Crossing a device (a `Hop`) means passing every filter on the way (all must permit):

* the inbound filter of the ingress interface (plus an ASA's global access list; on an
  ASA with neither, the security levels decide: higher to lower is permitted);
* the device's zone-based policy (SRX, PAN-OS, FortiOS) for the ingress and egress
  zones (or interface names, as FortiOS policies name interfaces);
* the outbound filter of the egress interface;
* every base chain on the forward hook (iptables FORWARD, nftables forward chains),
  with the ingress and egress interface names.

A packet of zone A to zone B is permitted when some path lets it through. Only first
packets of new connections count: return traffic of permitted connections is not a
new flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netlint.filters import FilterSet
from netlint.graph import Hop, ZoneGraph
from netlint.model import PERMIT, Device, Filter, Interface, Location, Rule
from netlint.policy import Policy, ServiceSpec, Zone
from netlint.space import AddrConstraint, AddrItem, Match, PacketSet, ServiceSpec as SpaceService, default_space


@dataclass
class Stage:
    """One filtering step of a hop."""

    device: Device
    kind: str  # 'filter' | 'security-level'
    filter: str | None
    context: dict[str, str | None]
    role: str
    loc: Location | None
    allows: bool = True  # for 'security-level': the verdict of the levels


@dataclass
class Responsible:
    """Something that permits part of a traffic set: a rule, a filter's default, or
    an implicit platform behaviour (security levels, no filter at all)."""

    device: Device
    loc: Location
    text: str
    what: str  # 'rule' | 'default' | 'security-level' | 'unfiltered'
    filter: str | None
    packets: PacketSet
    rule: Rule | None = None


@dataclass
class PathResult:
    hops: list[Hop]
    stages: list[Stage]
    permitted: PacketSet

    @property
    def unfiltered(self) -> bool:
        return not self.stages

    def describe(self) -> str:
        return " -> ".join(h.describe() for h in self.hops)


@dataclass
class PairResult:
    src: str
    dst: str
    paths: list[PathResult] = field(default_factory=list)
    permitted: PacketSet | None = None


NON_FILTERING_TABLES = {"nat", "mangle", "raw", "security"}


class _HitIndex:
    """A filter stage's permit decisions in rule order, under a tree of unions, so that
    the decisions meeting a set are found without intersecting it with every one of a
    firewall's thousands of rules: a subtree whose union misses the set is skipped."""

    LEAF = 8

    def __init__(self, hits: list[tuple[str, int | None, PacketSet]], space) -> None:
        self.hits = hits
        self.root = self._build(0, len(hits), space) if hits else None

    def _build(self, lo: int, hi: int, space):
        if hi - lo <= self.LEAF:
            union = space.FALSE
            for _, _, packets in self.hits[lo:hi]:
                union = union | packets
            return union, lo, hi, None, None
        mid = (lo + hi) // 2
        left, right = self._build(lo, mid, space), self._build(mid, hi, space)
        return left[0] | right[0], lo, hi, left, right

    def meeting(self, packets: PacketSet) -> list[tuple[str, int | None, PacketSet]]:
        """(filter, rule index, the part of `packets` it permits) for every decision
        that permits some of `packets`, in rule order."""
        out: list[tuple[str, int | None, PacketSet]] = []
        stack = [self.root] if self.root is not None else []
        while stack:
            union, lo, hi, left, right = stack.pop()
            if not packets.intersects(union):
                continue
            if left is None:
                for fname, index, permitted in self.hits[lo:hi]:
                    part = packets & permitted
                    if not part.is_empty():
                        out.append((fname, index, part))
            else:
                stack.append(right)
                stack.append(left)  # popped first: rule order is kept
        return out


def _nets(zone: Zone):
    return [n for n in zone.subnets]


class Reachability:
    def __init__(self, devices: list[Device], policy: Policy, graph: ZoneGraph) -> None:
        self.devices = devices
        self.policy = policy
        self.graph = graph
        self.space = default_space()
        self._fs: dict[int, FilterSet] = {}
        self._zone_sets: dict[tuple[str, str], PacketSet] = {}
        self._pairs: dict[tuple[str, str], PairResult] = {}
        # per filtering stage (device, filter, context): what it permits, and which rule
        # permits what, over all packets. A stateless filter's verdict on a packet does
        # not depend on the other packets, so its effect on any entry set is that set
        # intersected with these: one filter run per stage, not one per path crossing it.
        self._stage_permit: dict[tuple, PacketSet] = {}
        self._stage_hits: dict[tuple, list[tuple[str, int | None, PacketSet]]] = {}
        self._hit_index: dict[tuple, _HitIndex] = {}
        self._hop_stages: dict[tuple, list[Stage]] = {}

    def filterset(self, d: Device) -> FilterSet:
        if id(d) not in self._fs:
            self._fs[id(d)] = FilterSet(d, self.space)
        return self._fs[id(d)]

    # ---- zones as packet sets

    def zone_set(self, name: str, side: str) -> PacketSet:
        """Packets whose source (side='src') or destination lies in the zone, by longest
        prefix: the catch-all zone holds what no more specific zone holds."""
        key = (name, side)
        if key in self._zone_sets:
            return self._zone_sets[key]
        zone = self.policy.zones[name]
        sp = self.space
        own = self._nets_set(_nets(zone), side)
        inner = [n for z in self.policy.zones.values() if z.name != name for n in z.subnets
                 if any(n.version == m.version and n != m and n.subnet_of(m) and n.prefixlen > m.prefixlen
                        for m in zone.subnets)]
        result = own - self._nets_set(inner, side) if inner else own
        if not zone.subnets:
            result = sp.FALSE
        self._zone_sets[key] = result
        return result

    def _nets_set(self, nets, side: str) -> PacketSet:
        items = tuple(AddrItem(n.version, (int(n.network_address), int(n.broadcast_address))) for n in nets)
        if not items:
            return self.space.FALSE
        c = AddrConstraint(items)
        return self.space.match(Match(src=c) if side == "src" else Match(dst=c))

    def services_set(self, specs: list[ServiceSpec]) -> PacketSet:
        sp = self.space
        out = sp.FALSE
        for s in specs:
            if s.proto is None:
                return sp.TRUE
            if s.lo is None:
                spec = SpaceService(proto=s.proto)
            elif s.proto in (1, 58):
                spec = SpaceService(proto=s.proto, icmp_type=s.lo) if s.lo == s.hi else None
                if spec is None:
                    for t in range(s.lo, s.hi + 1):
                        out = out | sp.match(Match(services=(SpaceService(proto=s.proto, icmp_type=t),)))
                    continue
            else:
                spec = SpaceService(proto=s.proto, dport=((s.lo, s.hi),))
            out = out | sp.match(Match(services=(spec,)))
        return out

    def allowed_set(self, src: str, dst: str) -> PacketSet:
        specs = [s for f in self.policy.allowed(src, dst) for s in f.services]
        return self.services_set(specs) if specs else self.space.FALSE

    # ---- hops

    def stages(self, hop: Hop) -> list[Stage]:
        """The filtering steps of crossing a device from one interface to another
        (cached: every path through the hop asks)."""
        key = (id(hop.device), id(hop.in_iface), id(hop.out_iface))
        found = self._hop_stages.get(key)
        if found is None:
            found = self._hop_stages[key] = self._stages_of(hop)
        return found

    def _stages_of(self, hop: Hop) -> list[Stage]:
        d = hop.device
        out: list[Stage] = []
        fin, fout = hop.in_iface, hop.out_iface
        inbound = self._bound(d, fin, "in")
        if d.global_filters_in:
            inbound += [n for n in d.global_filters_in if n in d.filters and n not in inbound]
        for name in inbound:
            out.append(Stage(d, "filter", name, {}, f"inbound filter {name} on {fin.display_name if fin else '?'}",
                             d.filters[name].loc))
        if not inbound and d.security_levels and fin is not None and fout is not None:
            a, b = fin.security_level, fout.security_level
            if a is not None and b is not None:
                ok = a > b or (a == b and d.same_security_permitted)
                out.append(Stage(d, "security-level", None, {},
                                 f"security levels {fin.display_name} {a} -> {fout.display_name} {b}",
                                 fin.loc, allows=ok))
        for name, filt in d.filters.items():
            if filt.kind == "security-policy" and self._policy_applies(filt, fin, fout):
                ctx = {"src_zone": self._zone_name(filt, fin), "dst_zone": self._zone_name(filt, fout)}
                out.append(Stage(d, "filter", name, ctx,
                                 f"security policy {name} ({ctx['src_zone'] or 'any'} -> {ctx['dst_zone'] or 'any'})",
                                 filt.loc))
        for name in self._bound(d, fout, "out"):
            out.append(Stage(d, "filter", name, {}, f"outbound filter {name} on {fout.display_name if fout else '?'}",
                             d.filters[name].loc))
        for name, filt in d.filters.items():
            if filt.is_base and (filt.hook or "").lower() == "forward":
                ctx = {"in_if": fin.name if fin else None, "out_if": fout.name if fout else None}
                out.append(Stage(d, "filter", name, ctx, f"forward chain {name}", filt.loc))
        return out

    @staticmethod
    def _bound(d: Device, iface: Interface | None, direction: str) -> list[str]:
        if iface is None:
            return []
        names = [getattr(iface, f"filter_{direction}"), getattr(iface, f"filter_{direction}6")]
        return [n for n in names if n and n in d.filters]

    @staticmethod
    def _zone_name(filt: Filter, iface: Interface | None) -> str | None:
        if iface is None:
            return None
        if iface.name in filt.zones:
            return iface.name
        return iface.zone or iface.name

    @staticmethod
    def _policy_applies(filt: Filter, fin: Interface | None, fout: Interface | None) -> bool:
        if not filt.zones or fin is None:
            return True
        names = {n.lower() for n in filt.zones}
        return any(x and x.lower() in names for x in (fin.name, fin.zone))

    @staticmethod
    def _stage_key(stage: Stage) -> tuple:
        return id(stage.device), stage.filter, tuple(sorted(stage.context.items()))

    def stage_permits(self, stage: Stage, entry: PacketSet) -> PacketSet:
        """The part of `entry` (header-only) this stage lets through."""
        if stage.kind == "security-level":
            return entry if stage.allows else self.space.FALSE
        key = self._stage_key(stage)
        permitted = self._stage_permit.get(key)
        if permitted is None:
            permitted = self._stage_permit[key] = self.space.union(h for _, _, h in self.stage_hits(stage))
        return entry & permitted

    def stage_hits(self, stage: Stage) -> list[tuple[str, int | None, PacketSet]]:
        """Every permit decision of a filter stage over all packets (header-only):
        (filter name, rule index or None for the default, packets), in the order the
        filter takes them. Their union is what the stage permits."""
        key = self._stage_key(stage)
        hits = self._stage_hits.get(key)
        if hits is None:
            hits = []

            def record(fname, index, hit, action):
                if action == PERMIT:
                    hits.append((fname, index, self.space.with_context(hit, stage.context)))

            cf = self.filterset(stage.device).compiled(stage.filter)
            cf.run_on(self.space.context_values(stage.context), record=record)
            self._stage_hits[key] = hits
        return hits

    def stage_hits_meeting(self, stage: Stage, packets: PacketSet) -> list[tuple[str, int | None, PacketSet]]:
        """`stage_hits` restricted to `packets`, the empty ones left out."""
        key = self._stage_key(stage)
        index = self._hit_index.get(key)
        if index is None:
            index = self._hit_index[key] = _HitIndex(self.stage_hits(stage), self.space)
        return index.meeting(packets)

    # ---- pairs

    def pair(self, src: str, dst: str) -> PairResult:
        key = (src, dst)
        if key in self._pairs:
            return self._pairs[key]
        sp = self.space
        entry = self.zone_set(src, "src") & self.zone_set(dst, "dst") & sp.new_connections()
        result = PairResult(src, dst)
        distinct: dict = {}
        if not entry.is_empty():
            for hops in self.graph.paths(src, dst):
                stages = [st for h in hops for st in self.stages(h)]
                current = entry
                for st in stages:
                    if current.is_empty():
                        break
                    current = self.stage_permits(st, current)
                result.paths.append(PathResult(hops, stages, current))
                distinct[current.node] = current  # paths of a pair often permit the very same set
        result.permitted = sp.union(distinct.values())
        self._pairs[key] = result
        return result

    def responsible(self, path: PathResult, packets: PacketSet) -> list[Responsible]:
        """For a set of packets the path permits: at each stage, the rules (or default,
        or security levels) that permit them. Exact: a first-match pass over the
        packets, recording which rule decides which of them."""
        if path.unfiltered:
            h = path.hops[0]
            loc = (h.in_iface.loc if h.in_iface and h.in_iface.loc else None) or Location(h.device.file, 1, 1, "")
            return [Responsible(h.device, loc, loc.text, "unfiltered", None, packets)]
        if packets.is_empty():
            return []
        return [r for st in path.stages for r in self.responsible_at(st, packets)]

    @classmethod
    def stage_group(cls, stage: Stage) -> tuple:
        """Stages with the same key decide every packet alike (the same filter in the
        same context, or the same pair of security levels)."""
        if stage.kind == "security-level":
            return id(stage.device), stage.kind, stage.role, stage.allows, id(stage.loc)
        return cls._stage_key(stage)

    def responsible_at(self, st: Stage, packets: PacketSet) -> list[Responsible]:
        """What permits `packets` (all permitted by the stage) at one stage."""
        if st.kind == "security-level":
            loc = st.loc or Location(st.device.file, 1, 1, "")
            return [Responsible(st.device, loc, st.role, "security-level", None, packets)]
        if (st.device.filters[st.filter].table or "filter") in NON_FILTERING_TABLES:
            return []  # NAT/mangle chains accept by design: they are nobody's permit
        out: list[Responsible] = []
        for fname, index, header in self.stage_hits_meeting(st, packets):
            filt = st.device.filters[fname]
            if index is None:
                loc = filt.loc or Location(st.device.file, 1, 1, "")
                text = f"default action of {fname}: {filt.default_action}" + (f" ({filt.default_note})" if filt.default_note else "")
                out.append(Responsible(st.device, loc, text, "default", fname, header))
            else:
                rule = filt.rules[index]
                out.append(Responsible(st.device, rule.loc, rule.loc.text, "rule", fname, header, rule))
        return out


@dataclass
class MatrixCell:
    src: str
    dst: str
    services: list[str]  # what the network permits (new connections), summarised
    allowed: list[str]  # what the policy's flows allow
    beyond_policy: list[str]  # permitted but not allowed ('' when none)
    unfiltered: bool  # some path crosses no filter at all

    @property
    def violation(self) -> bool:
        return bool(self.beyond_policy) or self.unfiltered


def zone_matrix(reach: Reachability) -> list[MatrixCell]:
    """For every ordered pair of distinct zones with permitted traffic: what is
    permitted, what the policy allows, what goes beyond it."""
    cells: list[MatrixCell] = []
    pol = reach.policy
    for a in pol.zones:
        for b in pol.zones:
            if a == b:
                continue
            pr = reach.pair(a, b)
            if pr.permitted is None or pr.permitted.is_empty():
                continue
            allowed_set = reach.allowed_set(a, b)
            beyond = pr.permitted - allowed_set
            cells.append(MatrixCell(
                src=a, dst=b,
                services=reach.space.services(pr.permitted),
                allowed=sorted({s.text for f in pol.allowed(a, b) for s in f.services}),
                beyond_policy=reach.space.services(beyond) if not beyond.is_empty() else [],
                unfiltered=any(p.unfiltered and not p.permitted.is_empty() for p in pr.paths),
            ))
    return cells
