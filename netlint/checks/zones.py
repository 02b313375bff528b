"""Zone checks (articles 5.1-5.4, 10.2, 14.1, 14.2, 15.3): what the whole network lets
through from one zone of the policy to another, compared with the flows the policy
allows, computed exactly along the zone graph."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from netlint.checks import DeviceContext, Issue, NetworkContext, check
from netlint.model import Device, Location

from netlint.reach import NON_FILTERING_TABLES

INTERNAL_KINDS = {"prod", "uat", "internal", "mgmt"}


@lru_cache(maxsize=1)
def risky_catalogue() -> list[dict]:
    """The shipped catalogue of risky services (netlint/data/risky_services.yaml)."""
    from netlint.datafiles import load
    from netlint.policy import parse_service

    entries = [dict(e) for e in load("risky_services.yaml")]
    for e in entries:
        e["specs"] = [parse_service(s) for s in e["services"]]
    return entries


def risky_entries(ctx: NetworkContext) -> list[dict]:
    pol = ctx.policy
    if pol.risky_services is None:
        return risky_catalogue()
    return [{"name": text, "specs": [spec], "external": "high", "internal": "medium",
             "why": "listed as risky in the policy", "why_zh": "政策檔列為高風險服務"} for spec, text in pol.risky_services]


@dataclass
class _Acc:
    """Findings of one rule for one zone pair, merged over paths."""

    device: Device
    loc: Location
    text: str
    what: str
    src: str
    dst: str
    packets: object
    paths: list[str] = field(default_factory=list)
    filter: str | None = None
    signature: str = ""  # the rule's vendor-independent signature: fingerprints survive renumbering
    seen_paths: set[str] = field(default_factory=set)  # `paths` as a set, for membership


def _collect(ctx: NetworkContext) -> tuple[dict, dict]:
    """Walk every ordered zone pair once: permitted traffic beyond the policy, grouped
    by the rule that permits it; and unfiltered paths."""
    reach = ctx.reach
    pol = ctx.policy
    by_rule: dict[tuple, _Acc] = {}
    unfiltered: dict[tuple, dict] = {}
    for a in pol.zones:
        for b in pol.zones:
            if a == b:
                continue
            pr = reach.pair(a, b)
            if pr.permitted is None or pr.permitted.is_empty():
                continue
            allowed = reach.allowed_set(a, b)
            # Paths of a pair share stages (a data centre's firewalls behind every
            # branch): ask each stage once, for the union of what goes beyond the policy
            # on the paths crossing it, then tell which of those paths each rule serves.
            stages: dict[tuple, tuple] = {}
            for path in pr.paths:
                if path.permitted.is_empty():
                    continue
                if path.unfiltered:
                    h = path.hops[0]
                    key = (a, b, id(h.device), h.in_iface.name if h.in_iface else "", h.out_iface.name if h.out_iface else "")
                    unfiltered.setdefault(key, {"src": a, "dst": b, "hop": h, "path": path})
                    continue
                beyond = path.permitted - allowed
                if beyond.is_empty():
                    continue
                described = path.describe()
                for st in path.stages:
                    group = reach.stage_group(st)
                    entry = stages.get(group)
                    if entry is None:
                        stages[group] = (st, [(described, beyond)], [beyond])
                    else:
                        entry[1].append((described, beyond))
                        entry[2].append(beyond)
            for st, crossing, parts in stages.values():
                for r in reach.responsible_at(st, reach.space.union(parts)):
                    served = [d for d, beyond in crossing if beyond.intersects(r.packets)]
                    key = (a, b, id(r.device), r.loc.file, r.loc.line, r.what)
                    acc = by_rule.get(key)
                    if acc is None:
                        sig = r.rule.signature() if r.rule is not None else r.text
                        acc = by_rule[key] = _Acc(r.device, r.loc, r.text, r.what, a, b, r.packets, [], r.filter, sig)
                    else:
                        acc.packets = acc.packets | r.packets
                    for d in served:
                        if d not in acc.seen_paths:
                            acc.seen_paths.add(d)
                            acc.paths.append(d)
    return by_rule, unfiltered


def _analysis(ctx: NetworkContext):
    cached = getattr(ctx, "_zone_analysis", None)
    if cached is None:
        cached = _collect(ctx)
        ctx._zone_analysis = cached  # shared by the checks of this module
    return cached


def _risky_in(ctx: NetworkContext, packets) -> list[dict]:
    sets = getattr(ctx, "_risky_sets", None)
    if sets is None:  # once per run: thousands of zone findings ask
        sets = ctx._risky_sets = [(e, ctx.reach.services_set(e["specs"])) for e in risky_entries(ctx)]
    return [e for e, services in sets if packets.intersects(services)]


def _risky_note(risky: list[dict], services: list[str]) -> str:
    if not risky:
        return ""
    if services == ["any"]:
        return " (every service, risky ones included)"
    names = [e["name"] for e in risky]
    return f" (risky: {', '.join(names[:5])}{', ...' if len(names) > 5 else ''})"


def _what_permits(acc: _Acc) -> tuple[str, str]:
    """Who permits, with its verb: 'rule in X permits', 'the security levels ... permit'."""
    if acc.what == "rule":
        return f"rule in {acc.filter} permits", f"{acc.filter} 中的規則"
    if acc.what == "default":
        return f"the default action of {acc.filter} permits", f"{acc.filter} 的預設動作"
    return "the security levels (no ACL on the interface) permit", "介面安全等級（未套用 ACL）"


def _evidence(ctx: NetworkContext, acc: _Acc, services: list[str]) -> dict:
    return {
        "from_zone": acc.src, "to_zone": acc.dst, "services": services,
        "examples": [p.describe() for p in ctx.reach.space.samples(acc.packets, 3)],
        "paths": acc.paths, "filter": acc.filter, "rule": acc.text if acc.what == "rule" else None,
        "permitted_by": acc.what,
    }


def _severity(ctx: NetworkContext, acc: _Acc, risky: list[dict], base: str) -> str:
    pol = ctx.policy
    src_kind, dst_kind = pol.zones[acc.src].kind, pol.zones[acc.dst].kind
    order = ["info", "low", "medium", "high", "critical"]
    sev = base
    if src_kind == "external" and dst_kind in INTERNAL_KINDS:
        sev = "critical"
    for e in risky:
        cat = e["external"] if src_kind in ("external", "partner", "guest") else e["internal"]
        if order.index(cat) > order.index(sev):
            sev = cat
    return sev


@check("NL501", "zone-segmentation", "segmentation", "high", scope="network")
def zone_segmentation(ctx: NetworkContext) -> Iterator[Issue]:
    """Traffic is permitted between two zones that the policy allows no traffic between.

    What it does:
        For every ordered pair of zones with no flow in the policy, computes exactly the
        new connections the network permits from one to the other along the zone graph
        (every filter on the way must permit them), and reports each rule that lets some
        of them through, with the services and example packets.

    Why it matters:
        Article 5.2 asks that DMZ, production and test (UAT) zones be separated; article
        5.3 that traffic from the internet to the internal network pass access control
        and stay limited. UAT reaching production, or the internet reaching production
        directly, are the classic violations.

    Example:
        `permit ip 10.20.0.0 0.0.255.255 10.10.0.0 0.0.255.255` (UAT to PROD) while the
        policy lists no uat -> prod flow.

    How to fix:
        Remove or narrow the rule; if the traffic is needed, add the flow to the policy
        with its services, after review (article 10.1).
    """
    by_rule, _ = _analysis(ctx)
    pol = ctx.policy
    space = ctx.reach.space
    for acc in by_rule.values():
        if pol.has_flow_between(acc.src, acc.dst):
            continue
        services = space.services(acc.packets)
        risky = _risky_in(ctx, acc.packets)
        what, what_zh = _what_permits(acc)
        note = _risky_note(risky, services)
        yield Issue(
            loc=acc.loc, device=acc.device,
            message=f"{what} {acc.src} -> {acc.dst} ({', '.join(services)}){note}; "
                    f"the policy allows no traffic from {acc.src} to {acc.dst}",
            message_zh=f"{what_zh}允許 {acc.src} -> {acc.dst}（{', '.join(services)}）；政策未允許 {acc.src} 至 {acc.dst} 的任何流量",
            key=f"{acc.src}|{acc.dst}|{acc.filter}|{acc.signature}",
            severity=_severity(ctx, acc, risky, "high"),
            evidence=_evidence(ctx, acc, services),
        )


@check("NL503", "unapproved-service", "unapproved-port", "medium", scope="network")
def unapproved_service(ctx: NetworkContext) -> Iterator[Issue]:
    """A service is permitted between two zones beyond the services the policy approves.

    What it does:
        For zone pairs the policy does allow some traffic between, reports each rule that
        permits services the policy's flows do not list for that pair. Risky services
        (telnet, SMB, RDP, databases, SNMP...; netlint's catalogue or the policy's own
        list) raise the severity.

    Why it matters:
        Article 10.2: rules must follow least privilege and an allow-list; article 14.2:
        lines to partners must close the ports not agreed; article 15.3: unneeded ports
        closed. An approved web flow does not approve remote desktop.

    Example:
        The policy allows dmz -> prod on tcp/1521 only, and `permit tcp host 172.16.50.20
        10.10.0.0 0.0.255.255` lets every TCP port through.

    How to fix:
        Narrow the rule to the approved services, or add the service to the flow after
        review.
    """
    by_rule, _ = _analysis(ctx)
    pol = ctx.policy
    space = ctx.reach.space
    for acc in by_rule.values():
        flows = pol.allowed(acc.src, acc.dst)
        if not flows:
            continue
        services = space.services(acc.packets)
        risky = _risky_in(ctx, acc.packets)
        approved = sorted({s.text for f in flows for s in f.services})
        what, what_zh = _what_permits(acc)
        note = _risky_note(risky, services)
        yield Issue(
            loc=acc.loc, device=acc.device,
            message=f"{what} {acc.src} -> {acc.dst} on {', '.join(services)}{note}, "
                    f"beyond the approved {', '.join(approved)}",
            message_zh=f"{what_zh}允許 {acc.src} -> {acc.dst} 的 {', '.join(services)}，超出核准的 {', '.join(approved)}",
            key=f"{acc.src}|{acc.dst}|{acc.filter}|{acc.signature}",
            severity=_severity(ctx, acc, risky, "medium"),
            evidence={**_evidence(ctx, acc, services), "approved": approved,
                      "risky": [e["name"] for e in risky]},
        )


def _svi_pair(hop) -> bool:
    return bool(hop.in_iface and hop.out_iface and hop.in_iface.vlan_id is not None and hop.out_iface.vlan_id is not None)


def _unfiltered_issues(ctx: NetworkContext, vlan: bool) -> Iterator[Issue]:
    """One finding per device and ingress interface, naming every zone it reaches
    with no filter on the way."""
    _, unfiltered = _analysis(ctx)
    pol = ctx.policy
    groups: dict[tuple, list[dict]] = {}
    for item in unfiltered.values():
        hop = item["hop"]
        if _svi_pair(hop) != vlan:
            continue
        key = (id(hop.device), hop.in_iface.name if hop.in_iface else "", item["src"])
        groups.setdefault(key, []).append(item)
    for items in groups.values():
        first = items[0]
        hop, a = first["hop"], first["src"]
        loc = (hop.in_iface.loc if hop.in_iface and hop.in_iface.loc else None) or Location(hop.device.file, 1, 1, "")
        dsts = sorted({i["dst"] for i in items})
        strict = [b for b in dsts if not any(s.proto is None for f in pol.allowed(a, b) for s in f.services)]
        if vlan:
            vlans = ", ".join(f"VLAN {i['hop'].out_iface.vlan_id} ({i['dst']})" for i in sorted(items, key=lambda i: i["dst"]))
            msg = (f"VLAN {hop.in_iface.vlan_id} ({a}) is routed to {vlans} on {hop.device.hostname} with no ACL "
                   f"in either direction: every packet passes")
            zh = f"{hop.device.hostname} 上 VLAN {hop.in_iface.vlan_id}（{a}）路由至 {vlans} 時雙向皆未套用 ACL：所有封包皆可通過"
        else:
            msg = (f"traffic from {a} to {', '.join(dsts)} enters {hop.device.hostname} by "
                   f"{hop.in_iface.display_name if hop.in_iface else '?'} and crosses no filter: every packet passes")
            zh = f"{a} 至 {', '.join(dsts)} 的流量由 {hop.device.hostname} 進入後未經任何過濾：所有封包皆可通過"
        yield Issue(
            loc=loc, device=hop.device, message=msg, message_zh=zh,
            key=f"{a}|{hop.in_iface.name if hop.in_iface else ''}|{','.join(dsts)}",
            severity=None if strict else "medium",
            evidence={"from_zone": a, "to_zones": dsts, "paths": [i["path"].describe() for i in items],
                      "in_interface": hop.in_iface.name if hop.in_iface else None},
        )


@check("NL502", "unfiltered-boundary", "unfiltered-boundary", "high", scope="network")
def unfiltered_boundary(ctx: NetworkContext) -> Iterator[Issue]:
    """A path between two zones crosses no filter at all.

    What it does:
        Finds paths from one zone to another on which no interface ACL, zone policy,
        forwarding chain or security-level rule applies.

    Why it matters:
        Article 5.3 asks that traffic between external and internal networks pass access
        control; article 14.2 that leased lines to third parties be firewalled. An
        unfiltered path makes every rule elsewhere irrelevant for that traffic.

    Example:
        A router interface toward a partner's leased line with no `ip access-group`.

    How to fix:
        Bind an inbound ACL (or a zone policy) that permits only the approved flows.
    """
    yield from _unfiltered_issues(ctx, vlan=False)


@check("NL504", "vlans-routed-unfiltered", "vlan-isolation", "high", scope="network")
def vlans_routed_unfiltered(ctx: NetworkContext) -> Iterator[Issue]:
    """VLANs of different zones are routed to each other with no ACL.

    What it does:
        Finds pairs of VLAN interfaces (SVIs) of different zones on one L3 switch between
        which traffic is routed with no ACL in either direction.

    Why it matters:
        Article 5.4 asks that internal segments be split by VLAN and that access between
        VLANs be restricted; routing them unfiltered on the core switch undoes the split.

    Example:
        `interface Vlan20` (UAT) and `interface Vlan10` (PROD) on the same switch, neither
        with an `ip access-group`.

    How to fix:
        Bind ACLs on the SVIs (inbound on the source VLAN or outbound toward the
        protected one) permitting only the approved flows.
    """
    yield from _unfiltered_issues(ctx, vlan=True)


@check("NL510", "unmapped-network", "unmapped-network", "medium", scope="network")
def unmapped_network(ctx: NetworkContext) -> Iterator[Issue]:
    """An interface, subnet or VLAN belongs to no zone of the policy.

    What it does:
        Lists routed interfaces whose subnet (or VLAN, vendor zone, explicit listing)
        maps to no zone, and VLANs defined on a switch that no zone claims. Transit links
        between two devices of the network are not zones and are not reported.

    Why it matters:
        Article 5.1 asks that every working area be segmented into zones; a network in no
        zone has no rules about what may reach it, so nobody reviews its traffic.

    Example:
        `interface Vlan40` with `ip address 10.40.0.1 255.255.0.0` and no zone holding
        10.40.0.0/16.

    How to fix:
        Add the subnet or VLAN to the right zone of the policy (or remove the interface).
    """
    import ipaddress

    graph = ctx.graph
    pol = ctx.policy
    for d in ctx.devices:
        claimed_vlans = {i.vlan_id for i in d.interfaces if (id(d), i.name) in graph.iface_zone and i.vlan_id}
        for iface in d.interfaces:
            if iface.shutdown or not iface.addresses:
                continue
            if (id(d), iface.name) in graph.iface_zone or (id(d), iface.name) in graph.links:
                continue
            nets = ", ".join(str(ipaddress.ip_network(str(a), strict=False)) for a in iface.addresses)
            yield Issue(
                loc=iface.loc or Location(d.file, 1, 1, ""), device=d,
                message=f"interface {iface.display_name} ({nets}) is in no zone of the policy",
                message_zh=f"介面 {iface.display_name}（{nets}）不屬於政策中的任何區域",
                key=f"iface|{iface.name}|{nets}",
                evidence={"interface": iface.name, "subnets": nets},
            )
        for vlan in d.vlans:
            if vlan.id == 1 or pol.zone_of_vlan(vlan.id) or vlan.id in claimed_vlans:
                continue
            used = any(i.access_vlan == vlan.id and not i.shutdown for i in d.interfaces)
            if not used:
                continue  # a parking VLAN with no live port is not a network
            yield Issue(
                loc=vlan.loc or Location(d.file, 1, 1, ""), device=d,
                message=f"VLAN {vlan.id} ({vlan.name or 'unnamed'}) has live ports but belongs to no zone of the policy",
                message_zh=f"VLAN {vlan.id}（{vlan.name or '未命名'}）有啟用中的連接埠，但不屬於政策中的任何區域",
                key=f"vlan|{vlan.id}",
                evidence={"vlan": vlan.id, "name": vlan.name},
            )


# --------------------------------------------------------------------------- device checks using the policy


def _spanned_zones(ctx: DeviceContext, addrs) -> list[str]:
    import ipaddress

    pol = ctx.policy
    if pol is None or addrs.any or addrs.negated:
        return []
    names: set[str] = set()
    for item in addrs.items:
        first = ipaddress.ip_address(item.first) if item.family == 4 else ipaddress.IPv6Address(item.first)
        last = ipaddress.ip_address(item.last) if item.family == 4 else ipaddress.IPv6Address(item.last)
        for net in ipaddress.summarize_address_range(first, last) if item.family in (4, 6) else []:
            for z in pol.zones_of_network(net):
                if not z.is_catch_all:
                    names.add(z.name)
    return sorted(names)


@check("NL102", "overly-permissive", "overly-permissive", "medium")
def overly_permissive(ctx: DeviceContext) -> Iterator[Issue]:
    """A permit rule allows any service, a very wide port range, or spans many zones.

    What it does:
        Reports enabled permit rules that (a) allow every protocol and port between
        specific addresses, (b) allow a TCP/UDP port range of more than 1,000 ports
        (e.g. `gt 1023`), or (c) name a source or destination that spans three or more
        zones of the policy. Any-any rules are NL101's.

    Why it matters:
        Article 10.2 asks for rules on least privilege: a rule should name the services
        a business need requires, between the hosts that need them.

    Example:
        `permit ip host 172.16.50.20 10.10.0.0 0.0.255.255`; `permit tcp any any gt 1023`.

    How to fix:
        List the ports actually needed; split wide address groups per zone.
    """
    from netlint.checks.rulesets import is_any_any, rule_ref

    for filt in ctx.analysed_filters():
        if filt.kind == "standard-acl":
            continue  # standard ACLs match sources only, by design (access-class, SNMP, NAT lists)
        for rule in filt.rules:
            if rule.action != "permit" or not rule.enabled or rule.established or is_any_any(ctx, filt, rule):
                continue
            if rule.in_interfaces and all(i.lower().startswith(("lo", "loopback")) for i in rule.in_interfaces):
                continue  # the host's own loopback traffic
            reasons, reasons_zh = [], []
            if rule.services and all(s.protocol is None for s in rule.services) and not rule.applications:
                reasons.append("every protocol and port")
                reasons_zh.append("允許所有協定與連接埠")
            else:
                widest = max((hi - lo + 1 for s in rule.services if s.protocol in (6, 17)
                              for lo, hi in (s.dst_ports or ((0, 65535),))), default=0)
                if widest > 1000:
                    reasons.append(f"a range of {widest} ports")
                    reasons_zh.append(f"開放 {widest} 個連接埠的範圍")
            for side, addrs in (("source", rule.src), ("destination", rule.dst)):
                zones = _spanned_zones(ctx, addrs)
                if len(zones) >= 3:
                    reasons.append(f"a {side} spanning zones {', '.join(zones)}")
                    reasons_zh.append(f"{'來源' if side == 'source' else '目的'}橫跨區域 {', '.join(zones)}")
            if reasons:
                yield Issue(
                    loc=rule.loc,
                    message=f"'{filt.name}' permits " + "; ".join(reasons),
                    message_zh=f"「{filt.name}」" + "；".join(reasons_zh),
                    key=f"{filt.name}|{rule.signature()}",
                    evidence={**rule_ref(filt, rule), "reasons": reasons},
                )


@check("NL103", "default-permit", "default-permit", "high")
def default_permit(ctx: DeviceContext) -> Iterator[Issue]:
    """A filter or chain permits what no rule matches.

    What it does:
        Reports base filters and chains whose default action (chain policy, default
        policy) is to permit, when some packets do reach that default.

    Why it matters:
        Article 10.2 asks for an allow-list: what is not explicitly allowed must be
        denied. An ACCEPT policy on a forwarding chain turns a firewall into a router.

    Example:
        `:FORWARD ACCEPT [0:0]` in an iptables-save; `policy accept;` on an nftables
        forward chain; SRX `default-policy permit-all`.

    How to fix:
        Set the default to drop/deny and add explicit rules for the needed flows.
    """
    for filt in ctx.analysed_filters():
        if filt.default_action != "permit" or not filt.is_base:
            continue
        if (filt.table or "filter") in NON_FILTERING_TABLES or filt.extra.get("type") in ("nat", "route"):
            continue  # NAT and mangle chains accept by design; filtering happens in the filter table
        if (filt.hook or "").lower() in ("output", "postrouting"):
            continue  # the device's own outgoing traffic: an ACCEPT policy is the norm
        if filt.extra.get("default_defers_to"):
            continue  # what no rule matches is decided elsewhere (FortiOS local-in: allowaccess)
        cf = ctx.filterset.compiled(filt.name)
        if cf.default_region.is_empty():
            continue  # a final catch-all rule decides everything; the default is never used
        loc = filt.loc or ctx.device_loc()
        yield Issue(
            loc=loc,
            message=f"'{filt.name}' permits everything its rules do not match (default action permit"
                    + (f": {filt.default_note}" if filt.default_note else "") + ")",
            message_zh=f"「{filt.name}」對規則未比對到的流量預設允許",
            key=f"{filt.name}|default",
            severity="medium" if (filt.hook or "").lower() in ("input", "prerouting") else None,
            evidence={"filter": filt.name, "default": filt.default_action},
        )
