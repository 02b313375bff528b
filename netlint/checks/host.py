"""The device's own packet filter as seen by the host behind it (articles 9.2, 14.1).

A Linux gateway's `iptables-save` or `nft list ruleset` says nothing of sshd, users or
syslog, so the management-plane checks stay silent on it (`management_visible=False`).
What the ruleset does show, exactly, is which packets the host accepts for itself: the
base chains on the input hook (and on prerouting, which every packet to the host
crosses first). This check asks the packet-set engine which cleartext management
protocols those chains accept, and from where - never by sampling.
"""

from __future__ import annotations

from collections.abc import Iterator

from netlint.checks import DeviceContext, Issue, check
from netlint.model import PERMIT, Filter
from netlint.space import AddrConstraint, AddrItem, Match, PacketSet, ServiceSpec

# Cleartext management protocols a host may accept: (name, protocol number, port).
CLEARTEXT_HOST_SERVICES = (
    ("telnet", 6, 23),
    ("ftp", 6, 21),
    ("tftp", 17, 69),
    ("http", 6, 80),
    ("snmp", 17, 161),
    ("rexec", 6, 512),
    ("rlogin", 6, 513),
    ("rsh", 6, 514),
)
# Tables that only mark, translate or trace packets: their chains are crossed (a drop
# there is final) but the accepting rule a user must change is in a filtering chain.
NON_FILTERING_TABLES = frozenset({"nat", "mangle", "raw", "security"})
LOOPBACK_INTERFACES = ("lo",)


def _host_chains(ctx: DeviceContext) -> list[Filter]:
    """Base chains every IP packet to the host crosses: input and prerouting hooks.
    Only iptables/nftables chains: a FortiOS local-in policy also sits on the input
    hook, but what it does not match falls to the interface's allowaccess and the
    admins' trusthosts, which NL201/NL202/NL206 read."""
    return [f for f in ctx.device.filters.values()
            if f.kind == "chain" and f.is_base and f.ip_traffic and (f.hook or "").lower() in ("input", "prerouting")
            and not f.extra.get("dormant")]


def _filtering(f: Filter) -> bool:
    """An input-hook chain whose accept rules are the ones to change (not nat/mangle)."""
    table = (f.table or "filter").rsplit("/", 1)[-1]
    return ((f.hook or "").lower() == "input" and table not in NON_FILTERING_TABLES
            and f.extra.get("type") not in ("nat", "route"))


def _mgmt_sources(ctx: DeviceContext, sp) -> tuple[PacketSet, list[str], list[str]]:
    """The packets that come from the policy's management zones: source addresses whose
    zone (by longest prefix) is of kind mgmt, or arrival on an interface the policy puts
    in a mgmt zone. Also the zone names and interfaces, for the message."""
    pol = ctx.policy
    if pol is None or not getattr(pol, "zones", None):
        return sp.FALSE, [], []
    names = [z.name for z in pol.zones.values() if z.kind == "mgmt"]
    if not names:
        return sp.FALSE, [], []
    # Longest prefix wins: apply every zone's subnets from the widest to the narrowest.
    nets = sorted(((n, z.kind == "mgmt") for z in pol.zones.values() for n in z.subnets),
                  key=lambda x: (x[0].version, x[0].prefixlen))
    region = sp.FALSE
    for net, is_mgmt in nets:
        part = sp.match(Match(family=net.version, src=AddrConstraint((
            AddrItem(net.version, (int(net.network_address), int(net.broadcast_address))),))))
        region = (region | part) if is_mgmt else (region - part)
    host = ctx.device.hostname
    ifaces = sorted({i for z in pol.zones.values() if z.kind == "mgmt"
                     for d, i in z.interfaces if d in (host, "*")})
    if ifaces:
        region = region | sp.context_set("in_if", ifaces)
    return region, names, ifaces


def _service_set(sp, proto: int, port: int) -> PacketSet:
    return sp.match(Match(services=(ServiceSpec(proto=proto, dport=((port, port),)),)))


def _from_everywhere(sp, packets: PacketSet, family: int) -> bool:
    """True when, for every source address of the family, some packet of the set
    comes from it: the source is not restricted at all."""
    everyone = sp.project(sp.match(Match(family=family)), ["family", "src"])
    return everyone <= sp.project(packets, ["family", "src"])


@check("NL212", "host-accepts-cleartext-management", "insecure-management", "high", articles=("9.2", "14.1"),
       management_plane=False)
def host_accepts_cleartext_management(ctx: DeviceContext) -> Iterator[Issue]:
    """A host's own packet filter accepts cleartext management protocols from outside the management network.

    What it does:
        For a device whose ruleset is bound to the host itself (iptables INPUT,
        nftables chains on the input hook, with the prerouting chains every such
        packet crosses first), computes exactly - with the packet-set engine - which
        new connections to telnet (tcp/23), FTP (tcp/21), TFTP (udp/69), HTTP
        (tcp/80), SNMP (udp/161), rexec/rlogin/rsh (tcp/512-514) the host accepts,
        except on the loopback interface. With a policy that has management zones, it
        reports those accepted from any address outside them (by longest prefix, or
        an interface the policy puts in a mgmt zone). Without one it cannot tell a
        management network from any other and reports the services accepted from
        every address. The finding points at each rule (or chain policy) that
        accepts them.

    Why it matters:
        Article 14.1 asks for encrypted connections and 9.2 that management be
        restricted to specific addresses; a Linux gateway that answers telnet, HTTP or
        SNMP from anywhere gives its credentials and configuration to whoever listens.

    Example:
        `-A INPUT -p tcp -m tcp --dport 23 -j ACCEPT`; nftables `tcp dport { 22, 23, 80 }
        accept` in the input chain.

    How to fix:
        Accept only SSH (and SNMPv3) on the input chain, only from the management
        network (`-s 10.99.0.0/24 -i eth1`), with a drop policy; stop the cleartext
        daemons.
    """
    chains = _host_chains(ctx)
    if not any((f.hook or "").lower() == "input" for f in chains):
        return
    fs = ctx.filterset
    sp = fs.space
    mgmt, mgmt_names, mgmt_ifaces = _mgmt_sources(ctx, sp)
    with_zones = bool(mgmt_names)
    base = sp.new_connections() - sp.context_set("in_if", LOOPBACK_INTERFACES)
    # rule location -> (loc, filter name, rule text, services, by default?)
    found: dict[tuple[str, int | None], dict] = {}
    order: list[tuple[str, int | None]] = []
    for family in (4, 6):
        fam_chains = [f for f in chains if f.family in (None, family)]
        if not any((f.hook or "").lower() == "input" for f in fam_chains):
            continue
        entry = base & sp.match(Match(family=family))
        accepted = entry
        for f in fam_chains:
            if accepted.is_empty():
                break
            permitted, _, _ = fs.compiled(f.name).run_on(accepted)
            accepted = permitted
        if accepted.is_empty():
            continue
        for name, proto, port in CLEARTEXT_HOST_SERVICES:
            hit = accepted & _service_set(sp, proto, port)
            if with_zones:
                hit = hit - mgmt
            elif not _from_everywhere(sp, hit, family):
                continue
            if hit.is_empty():
                continue
            # Which rules (or chain policies) of the filtering chains accept these packets.
            per_rule: dict[tuple[str, int | None], PacketSet] = {}

            def record(filt: str, idx: int | None, packets: PacketSet, action: str) -> None:
                if action == PERMIT:
                    key = (filt, idx)
                    per_rule[key] = per_rule[key] | packets if key in per_rule else packets

            for f in fam_chains:
                if _filtering(f):
                    fs.compiled(f.name).run_on(hit, record=record)
            keys = list(per_rule)
            if not with_zones:
                alone = [k for k in keys if _from_everywhere(sp, per_rule[k], family)]
                keys = alone or keys
            for key in keys:
                if key not in found:
                    found[key] = {"services": []}
                    order.append(key)
                label = f"{name} ({'tcp' if proto == 6 else 'udp'}/{port})"
                if label not in found[key]["services"]:
                    found[key]["services"].append(label)
    for filt_name, idx in order:
        filt = ctx.device.filters[filt_name]
        services = found[(filt_name, idx)]["services"]
        if idx is None:
            loc = filt.default_loc or filt.loc or ctx.device_loc()
            what, what_zh = f"the policy of chain {filt_name}", f"鏈 {filt_name} 的預設政策"
        else:
            loc = filt.rules[idx].loc
            what, what_zh = f"this rule of {filt_name}", f"{filt_name} 的此規則"
        if with_zones:
            src = f"from outside the management zone(s) {', '.join(mgmt_names)}"
            src_zh = f"來自管理區域（{'、'.join(mgmt_names)}）以外"
        else:
            src, src_zh = "from any address", "來自任意位址"
        listed = ", ".join(services)
        yield Issue(
            loc=loc,
            message=f"the host accepts cleartext management {listed} {src}: {what} lets it in",
            message_zh=f"主機接受{src_zh}的明文管理連線 {listed}：由{what_zh}放行",
            key=f"{filt_name}|{idx if idx is None else loc.text}|{','.join(sorted(services))}",
            evidence={"chain": filt_name, "rule_line": None if idx is None else loc.line,
                      "services": services, "by_chain_policy": idx is None,
                      "management_zones": mgmt_names, "management_interfaces": mgmt_ifaces,
                      "sources": "outside the management zones" if with_zones else "any address"},
        )
