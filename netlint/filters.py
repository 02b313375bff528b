"""Filter semantics: model rules -> engine matches -> exact packet sets.

First match wins; each filter's default applies to what no rule matches (the parser
has put the vendor's implicit default in `Filter.default_action`); zone-based
policies take an intrazone default where the platform has one; chains may jump to
other chains, return, or go to them (iptables/nftables), and non-terminating rules
(LOG, counters) let packets continue.

Rules whose match could not be resolved exactly (FQDN objects, unknown App-IDs,
dynamic groups) are approximated as Batfish does: a permit assumes the unknown part
matches, a deny assumes it does not. Such rules are marked `approximate` and the
checks never claim shadowing on their account.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netlint.anomalies import RuleFacts, analyze
from netlint.model import (
    CONTINUE, DENY, GOTO, JUMP, PERMIT, RETURN,
    AddressRange, AddressSet, AddressWildcard, Device, Filter, Rule, Service,
)
from netlint.space import (
    AddrConstraint, AddrItem, Classifier, ContextConstraint, Match, Packet, PacketSet,
    ServiceSpec, Space, Ternary, default_space, to_point,
)


def _addr_constraint(addrs: AddressSet, optimistic: bool) -> AddrConstraint | None | bool:
    """None = any; False = nothing; else a constraint. `optimistic` decides what an
    unresolved part means (True: it matches everything)."""
    if addrs.unresolved and optimistic:
        return None
    if addrs.any:
        return False if addrs.negated else None
    items = []
    for item in addrs.items:
        if isinstance(item, AddressRange):
            items.append(AddrItem(item.family, (item.first, item.last)))
        elif isinstance(item, AddressWildcard):
            items.append(AddrItem(item.family, Ternary(item.value & item.care, item.care)))
    if not items:
        return None if addrs.negated else False
    return AddrConstraint(tuple(items), addrs.negated)


def _service_specs(services: tuple[Service, ...]) -> tuple[ServiceSpec, ...] | None:
    specs = []
    for s in services:
        if s.protocol is None and not s.src_ports and not s.dst_ports:
            return None  # any service
        specs.append(ServiceSpec(
            proto=s.protocol,
            sport=s.src_ports or None,
            dport=s.dst_ports or None,
            icmp_type=s.icmp_type,
            icmp_code=s.icmp_code,
        ))
    return tuple(specs)


def rule_match(rule: Rule, family: int | None = None) -> tuple[Match, bool]:
    """The engine's match for a rule, and whether it is approximate."""
    approximate = bool(rule.approximations or rule.src.unresolved or rule.dst.unresolved)
    optimistic = rule.action == PERMIT or rule.action in (JUMP, GOTO)
    fam = rule.family or family
    src = _addr_constraint(rule.src, optimistic)
    dst = _addr_constraint(rule.dst, optimistic)
    services = _service_specs(rule.services)
    if rule.extra.get("unresolved_services"):
        approximate = True
        if optimistic:
            services = None
    context = []
    for fld, names, negated in (
        ("src_zone", rule.src_zones, False),
        ("dst_zone", rule.dst_zones, False),
        ("in_if", rule.in_interfaces, rule.in_interfaces_negated),
        ("out_if", rule.out_interfaces, rule.out_interfaces_negated),
    ):
        if names is not None:
            context.append((fld, ContextConstraint(frozenset(names), negated)))
    nothing = src is False or dst is False or services == () or not rule.enabled
    if rule.extra.get("unmapped_applications") and not optimistic:
        # A deny naming App-IDs we cannot see in headers is assumed not to match.
        nothing = True
    return Match(
        family=fam,
        src=None if src is False else src,
        dst=None if dst is False else dst,
        services=None if services == () else services,
        established=rule.established,
        context=tuple(context),
        nothing=nothing,
    ), approximate


@dataclass
class Verdict:
    """The outcome of evaluating one packet: the action, the terminating rule (None
    when the default applied) and the filter it is in, and the jumps taken."""

    action: str
    rule: Rule | None
    filter: str
    trace: list[tuple[str, Rule]] = field(default_factory=list)
    note: str = ""


class FilterSet:
    """All filters of one device, compiled on demand (jumps need the others)."""

    def __init__(self, device: Device, space: Space | None = None) -> None:
        self.device = device
        self.space = space or default_space()
        self._compiled: dict[str, CompiledFilter] = {}
        self._classifiers: dict[str, Classifier] = {}
        self._matches: dict[str, list[tuple[Match, bool]]] = {}
        self._anomalies: dict[str, list[RuleFacts]] = {}

    def filter(self, name: str) -> Filter:
        return self.device.filters[name]

    def matches(self, name: str) -> list[tuple[Match, bool]]:
        if name not in self._matches:
            filt = self.filter(name)
            self._matches[name] = [rule_match(r, filt.family) for r in filt.rules]
        return self._matches[name]

    def default_for(self, name: str):
        """The default verdict of a packet (a point) in this filter."""
        filt = self.filter(name)

        def verdict(p) -> str:
            src, dst = p.context.get("src_zone"), p.context.get("dst_zone")
            if filt.intrazone_action and src and src == dst:
                return filt.intrazone_action
            return filt.default_action

        return verdict

    def default_permits(self, name: str) -> PacketSet:
        """The part of the packet space the filter's default permits."""
        filt = self.filter(name)
        sp = self.space
        base = sp.TRUE if filt.default_action == PERMIT else sp.FALSE
        if filt.intrazone_action and filt.zones:
            intra = sp.same_context("src_zone", "dst_zone", filt.zones)
            base = (base - intra) | (intra if filt.intrazone_action == PERMIT else sp.FALSE)
        return base

    def anomalies(self, name: str) -> list[RuleFacts]:
        """Shadowed / unmatchable / redundant facts for every rule of the filter."""
        if name in self._anomalies:
            return self._anomalies[name]
        filt = self.filter(name)
        pairs = self.matches(name)
        if any(r.action in (JUMP, GOTO, RETURN) for r in filt.rules):
            facts = self.compiled(name).facts_without_redundancy()
        else:
            facts = analyze(
                self.space, [m for m, _ in pairs], [r.action for r in filt.rules], [a for _, a in pairs],
                self.default_for(name), self.default_permits(name),
            )
        self._anomalies[name] = facts
        return facts

    def compiled(self, name: str) -> CompiledFilter:
        if name not in self._compiled:
            self._compiled[name] = CompiledFilter(self, name)
        return self._compiled[name]

    # ---- point evaluation (queries)

    def classifier(self, name: str) -> Classifier:
        if name not in self._classifiers:
            self._classifiers[name] = Classifier([m for m, _ in self.matches(name)])
        return self._classifiers[name]

    def evaluate(self, name: str, packet: Packet) -> Verdict:
        """First-match evaluation of one packet, following jumps."""
        return self._evaluate(name, packet, to_point(packet), 0)

    def _evaluate(self, name: str, packet: Packet, point, depth: int) -> Verdict:
        if depth > 64:
            return Verdict(DENY, None, name, note="jump depth exceeded (a loop between chains)")
        filt = self.filter(name)
        cls = self.classifier(name)
        trace: list[tuple[str, Rule]] = []
        start = 0
        while True:
            i = cls.first_point(point, start)
            if i is None:
                break
            rule = filt.rules[i]
            if rule.action in (PERMIT, DENY):
                return Verdict(rule.action, rule, name, trace)
            if rule.action == CONTINUE:
                start = i + 1
                continue
            if rule.action == RETURN:
                if filt.is_base:
                    break  # RETURN from a base chain: the chain's policy decides
                return Verdict(RETURN, rule, name, trace)
            if rule.action in (JUMP, GOTO) and rule.jump in self.device.filters:
                inner = self._evaluate(rule.jump, packet, point, depth + 1)
                trace.append((name, rule))
                trace.extend(inner.trace)
                if inner.action == RETURN:
                    if rule.action == GOTO:
                        if filt.is_base:
                            break  # the goto target ended: back to this base chain's policy
                        return Verdict(RETURN, None, name, trace)
                    start = i + 1
                    continue
                inner.trace = trace
                return inner
            start = i + 1  # a jump to an undefined chain: iptables would refuse it; skip
        if not filt.is_base:
            return Verdict(RETURN, None, name, trace)
        action = filt.default_action
        if filt.intrazone_action and packet.src_zone and packet.src_zone == packet.dst_zone:
            action = filt.intrazone_action
        return Verdict(action, None, name, trace)


class CompiledFilter:
    """A filter as exact sets: each rule's match, the packets that reach it first
    (its effective set), what the whole filter permits and denies, and for a user
    chain what it returns to its caller. Computed on first use; `run_on` evaluates
    only the packets of an entry set (cheaper on large filters) and can record which
    rule decided which packets."""

    def __init__(self, fs: FilterSet, name: str) -> None:
        self.fs = fs
        self.space = fs.space
        self.name = name
        self.filter = fs.filter(name)
        pairs = fs.matches(name)
        self.match_exprs = [m for m, _ in pairs]
        self.approximate = [a for _, a in pairs]
        self.has_jumps = any(r.action in (JUMP, GOTO, RETURN) for r in self.filter.rules)
        self._sets: list[PacketSet] | None = None
        self._full: tuple | None = None

    @property
    def sets(self) -> list[PacketSet]:
        if self._sets is None:
            self._sets = [self.space.match(m) for m in self.match_exprs]
        return self._sets

    def _whole(self):
        if self._full is None:
            effective: list[PacketSet] = []
            permit, deny, ret, remaining = self._run(self.space.TRUE, effective, 0, None)
            self._full = (effective, permit, deny, ret, remaining)
        return self._full

    @property
    def effective(self) -> list[PacketSet]:
        return self._whole()[0]

    @property
    def permitted(self) -> PacketSet:
        return self._whole()[1]

    @property
    def denied(self) -> PacketSet:
        return self._whole()[2]

    @property
    def returned(self) -> PacketSet:
        return self._whole()[3]

    @property
    def default_region(self) -> PacketSet:
        return self._whole()[4]

    def _default_permits(self) -> PacketSet:
        return self.fs.default_permits(self.name)

    def facts_without_redundancy(self) -> list[RuleFacts]:
        """Shadowing facts from the effective sets (for chains with jumps, where
        removing a rule has effects through the callers: no redundancy claims)."""
        facts = []
        for i, rule in enumerate(self.filter.rules):
            f = RuleFacts()
            if self.sets[i].is_empty():
                f.unmatchable = True
            elif self.effective[i].is_empty():
                f.shadowed = True
                f.covering = [j for j in range(i) if self.effective[j].intersects(self.sets[i])]
            facts.append(f)
        return facts

    def _run(self, entry: PacketSet, effective: list | None, depth: int, record):
        """Evaluate the rules on the packets of `entry`; returns the packets permitted,
        denied, returned to the caller, and reaching the end of the rule list.
        `record(filter, rule_index_or_None, packets, action)` sees every decision."""
        sp = self.space
        permit = sp.FALSE
        deny = sp.FALSE
        ret = sp.FALSE
        remaining = entry
        sets = self.sets
        for i, rule in enumerate(self.filter.rules):
            hit = remaining & sets[i]
            if effective is not None:
                effective.append(hit)
            if hit.is_empty():
                continue
            action = rule.action
            if action == PERMIT:
                permit = permit | hit
                remaining = remaining - hit
            elif action == DENY:
                deny = deny | hit
                remaining = remaining - hit
            elif action == RETURN:
                ret = ret | hit
                remaining = remaining - hit
            elif action in (JUMP, GOTO):
                target = rule.jump
                if target not in self.fs.device.filters or depth > 64:
                    continue
                p, d, r = self.fs.compiled(target).run_on(hit, depth + 1, record)
                permit, deny = permit | p, deny | d
                remaining = remaining - (p | d)
                if action == GOTO:
                    ret = ret | r
                    remaining = remaining - r
                continue
            else:
                continue  # CONTINUE (log, counters): packets go on untouched
            if record is not None:
                record(self.name, i, hit, action)
        if self.filter.is_base:
            default = self._default_permits()
            end = remaining | ret
            allowed, refused = end & default, end - default
            permit = permit | allowed
            deny = deny | refused
            if record is not None:
                if not allowed.is_empty():
                    record(self.name, None, allowed, PERMIT)
                if not refused.is_empty():
                    record(self.name, None, refused, DENY)
            return permit, deny, sp.FALSE, remaining
        return permit, deny, ret | remaining, remaining

    def run_on(self, entry: PacketSet, depth: int = 0, record=None):
        """(permitted, denied, returned) for the packets of `entry` entering this chain."""
        permit, deny, ret, _ = self._run(entry, None, depth, record)
        return permit, deny, ret
