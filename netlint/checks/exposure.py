"""What faces the outside (articles 6.3, 9.2, 11.1, 16.1, 16.3, 18.1, 18.2): management
reachable from external zones, drops at the internet boundary that leave no log, and
internet-facing rules without the threat-protection profiles the platform offers."""

from __future__ import annotations

from collections.abc import Iterator

from netlint.checks import Issue, NetworkContext, check
from netlint.model import DENY, PERMIT, Device, Filter, Interface, Location

MANAGEMENT_PROTOCOLS = {"telnet", "ssh", "http", "https", "snmp", "all", "netconf", "ftp", "fgfm", "api", "web"}
# Zones nobody should manage devices from: the internet, third parties' lines, guests.
NOT_FOR_MANAGEMENT = {"external", "partner", "guest"}


def _external_interfaces(ctx: NetworkContext, d: Device, kinds: set[str] = frozenset({"external"})) -> list[Interface]:
    graph = ctx.graph
    pol = ctx.policy
    out = []
    for iface in d.interfaces:
        found = graph.iface_zone.get((id(d), iface.name))
        if found and pol.zones[found[0].name].kind in kinds:
            out.append(iface)
    return out


def _names(ifaces: list[Interface]) -> set[str]:
    names: set[str] = set()
    for i in ifaces:
        names.update(x.lower() for x in (i.name, i.nameif, i.zone) if x)
    return names


@check("NL208", "management-from-external", "insecure-management", "high", articles=("6.3", "9.2"), scope="network")
def management_from_external(ctx: NetworkContext) -> Iterator[Issue]:
    """The device accepts management connections on an interface facing an external zone.

    What it does:
        Reports management services (telnet, SSH, HTTP/HTTPS, SNMP, APIs) enabled on
        interfaces or vendor zones that the policy places in an external zone: FortiOS
        `allowaccess` on a WAN port, a Junos untrust zone with `host-inbound-traffic
        system-services`, a PAN-OS management profile on an untrust interface, ASA
        `ssh`/`http` lines for the outside interface.

    Why it matters:
        Article 9.2 asks to restrict which networks may manage devices; article 6.3 that
        maintenance from the internet be authenticated and controlled. A management
        login on the internet side is brute-forced within hours.

    Example:
        FortiOS `edit "wan1"` / `set allowaccess ping https ssh http`.

    How to fix:
        Manage devices from the management network only; reach it over an authenticated
        VPN when working remotely.
    """
    for d in ctx.devices:
        ext = _external_interfaces(ctx, d, NOT_FOR_MANAGEMENT)
        if not ext:
            continue
        ext_names = _names(ext)
        seen: set[tuple[str, str]] = set()
        for svc in d.management.services:
            if not svc.enabled or svc.protocol not in MANAGEMENT_PROTOCOLS:
                continue
            hit = [i for i in svc.interfaces if i.lower() in ext_names]
            for name in hit:
                key = (svc.protocol, name.lower())
                if key in seen:
                    continue
                seen.add(key)
                yield Issue(
                    loc=svc.loc or Location(d.file, 1, 1, ""),
                    device=d,
                    message=f"{svc.protocol} management is enabled on {name}, which faces the outside (internet, partner or guest)",
                    message_zh=f"於面向外部（網際網路、合作夥伴或訪客）的 {name} 上啟用了 {svc.protocol} 管理",
                    key=f"{svc.protocol}|{name}",
                    severity="critical" if svc.protocol in ("telnet", "http") else None,
                    evidence={"protocol": svc.protocol, "interface": name},
                )
        for iface in ext:
            for proto in iface.management_access:
                p = proto.lower()
                if p not in MANAGEMENT_PROTOCOLS or (p, iface.name.lower()) in seen:
                    continue
                seen.add((p, iface.name.lower()))
                yield Issue(
                    loc=iface.loc or Location(d.file, 1, 1, ""), device=d,
                    message=f"{p} management is allowed on {iface.display_name}, which faces the outside (internet, partner or guest)",
                    message_zh=f"於面向外部（網際網路、合作夥伴或訪客）的 {iface.display_name} 上允許 {p} 管理",
                    key=f"{p}|{iface.name}",
                    severity="critical" if p in ("telnet", "http", "all") else None,
                    evidence={"protocol": p, "interface": iface.name},
                )
        for zone in d.zones:
            if zone.name.lower() not in ext_names and not any(i.lower() in ext_names for i in zone.interfaces):
                continue
            for proto in zone.management_access:
                p = proto.lower()
                if p not in MANAGEMENT_PROTOCOLS or (p, zone.name.lower()) in seen:
                    continue
                seen.add((p, zone.name.lower()))
                yield Issue(
                    loc=zone.management_loc or zone.loc or Location(d.file, 1, 1, ""), device=d,
                    message=f"zone '{zone.name}' faces the outside (internet, partner or guest) and accepts {p} "
                            "to the device itself",
                    message_zh=f"面向外部（網際網路、合作夥伴或訪客）的區域「{zone.name}」允許 {p} 連線至設備本身",
                    key=f"zone|{zone.name}|{p}",
                    severity="critical" if p in ("telnet", "http", "all") else None,
                    evidence={"protocol": p, "zone": zone.name},
                )


def _logs_denies(filt: Filter) -> bool:
    return any(r.action == DENY and r.log for r in filt.rules) or bool(filt.extra.get("default_logged"))


@check("NL405", "boundary-denies-unlogged", "logging", "low", articles=("11.1", "18.1"), scope="network")
def boundary_denies_unlogged(ctx: NetworkContext) -> Iterator[Issue]:
    """Traffic dropped at the internet boundary leaves no log.

    What it does:
        For every filter that traffic from an external zone meets first (inbound ACLs on
        internet-facing interfaces, zone policies from external zones), reports it when
        no deny rule logs and its default drop is not logged either.

    Why it matters:
        Articles 11.1 and 18.1 ask that events be collected to detect attacks; the drops
        at the boundary are the first sign of scanning and brute force.

    Example:
        `ip access-list extended OUTSIDE_IN` ending on the implicit deny, no `deny ip any any log`.

    How to fix:
        End the filter with an explicit logged deny (`deny ip any any log`), or enable
        logging of the default/implicit deny.
    """
    for d in ctx.devices:
        ext = _external_interfaces(ctx, d)
        if not ext:
            continue
        names = _names(ext)
        checked: set[str] = set()
        for iface in ext:
            for fname in (iface.filter_in, iface.filter_in6):
                if fname and fname in d.filters and fname not in checked:
                    checked.add(fname)
                    filt = d.filters[fname]
                    if not _logs_denies(filt):
                        yield _unlogged(d, filt, iface.display_name)
        for filt in d.filters.values():
            if filt.kind != "security-policy" or filt.name in checked:
                continue
            from_outside = [r for r in filt.rules if r.src_zones is None or any(z.lower() in names for z in r.src_zones)]
            if from_outside and not _logs_denies(filt):
                checked.add(filt.name)
                yield _unlogged(d, filt, "the external zones")


def _unlogged(d: Device, filt: Filter, where: str) -> Issue:
    return Issue(
        loc=filt.loc or Location(d.file, 1, 1, ""), device=d,
        message=f"'{filt.name}' drops traffic from {where} without logging it (no logged deny, default not logged)",
        message_zh=f"「{filt.name}」丟棄來自 {where} 的流量但未記錄日誌",
        key=f"{filt.name}|unlogged",
        evidence={"filter": filt.name, "from": where},
    )


def _internet_facing(ctx: NetworkContext, d: Device) -> tuple[set[str], list[tuple[Filter, object]], list[tuple[Filter, object]]]:
    """Permit rules of zone-based policies from external zones (inbound) and to them
    (outbound)."""
    names = _names(_external_interfaces(ctx, d))
    inbound, outbound = [], []
    if not names:
        return names, inbound, outbound
    for filt in d.filters.values():
        if filt.kind != "security-policy":
            continue
        for rule in filt.rules:
            if rule.action != PERMIT or not rule.enabled:
                continue
            src_ext = rule.src_zones is not None and any(z.lower() in names for z in rule.src_zones)
            dst_ext = rule.dst_zones is not None and any(z.lower() in names for z in rule.dst_zones)
            if src_ext and not dst_ext:
                inbound.append((filt, rule))
            elif dst_ext and not src_ext:
                outbound.append((filt, rule))
    return names, inbound, outbound


def _supports(d: Device, kind: str) -> bool:
    """Whether the platform can attach this kind of security profile to a policy rule
    (the parser lists them in `device.facts['profile_kinds']`: ips, av, url, waf...)."""
    return kind in d.facts.get("profile_kinds", ())


def _category_severity(ctx: NetworkContext) -> tuple[str, str]:
    """Article 16.1: IDS/IPS is mandatory for category 1 firms, to be evaluated by category 2."""
    cat = ctx.policy.category if ctx.policy is not None else None
    if cat == 2:
        return "medium", "category 2: should be evaluated (16.1)"
    return "high", "category 1: required (16.1)" if cat == 1 else "category unknown: treated as category 1"


@check("NL801", "no-ips-internet-facing", "threat-protection", "high", articles=("16.1",), scope="network")
def no_ips_internet_facing(ctx: NetworkContext) -> Iterator[Issue]:
    """An internet-facing allow rule inspects nothing (no IPS/IDS profile).

    What it does:
        On platforms with security profiles (PAN-OS, FortiOS, SRX), reports allow rules
        from an external zone that carry no intrusion-prevention profile. Severity follows
        the organisation's category in the policy: high for category 1 (IDS/IPS is
        required), medium for category 2 (to be evaluated).

    Why it matters:
        Article 16.1 asks category 1 firms to run intrusion detection and prevention for
        the systems that keep the business running, and category 2 firms to evaluate it.

    Example:
        FortiOS policy wan1 -> port2 to the order gateway with no `ips-sensor`.

    How to fix:
        Attach the IPS/vulnerability-protection profile (PAN-OS vulnerability profile,
        FortiOS ips-sensor, SRX IDP) to every rule admitting internet traffic.
    """
    severity, why = _category_severity(ctx)
    for d in ctx.devices:
        if not _supports(d, "ips"):
            continue
        _, inbound, _ = _internet_facing(ctx, d)
        for filt, rule in inbound:
            if "ips" in rule.profiles:
                continue
            yield Issue(
                loc=rule.loc, device=d, severity=severity,
                message=f"internet-facing rule in '{filt.name}' admits traffic without an IPS profile ({why})",
                message_zh=f"「{filt.name}」中面向網際網路的允許規則未套用入侵防禦（IPS）設定（{'第二類：應評估' if severity == 'medium' else '第一類：應建置'}）",
                key=f"{filt.name}|{rule.signature()}",
                evidence={"filter": filt.name, "line": rule.loc.line, "rule": rule.loc.text, "profiles": dict(rule.profiles)},
            )


@check("NL802", "no-url-filtering-outbound", "threat-protection", "medium", articles=("18.2",), scope="network")
def no_url_filtering_outbound(ctx: NetworkContext) -> Iterator[Issue]:
    """An outbound web rule has no URL-filtering profile.

    What it does:
        On platforms with security profiles, reports allow rules toward an external zone
        that permit web traffic (tcp/80, tcp/443 or any service) with no URL-filtering
        profile.

    Why it matters:
        Article 18.2 asks firms to detect phishing and malicious sites and warn users;
        URL filtering on the internet edge is where a firewall does it.

    Example:
        FortiOS policy port2 -> wan1, service ALL, no `webfilter-profile`.

    How to fix:
        Attach a URL-filtering profile (PAN-OS url-filtering, FortiOS webfilter) to
        outbound web rules, or document the proxy that does it.
    """
    for d in ctx.devices:
        if not _supports(d, "url"):
            continue
        _, _, outbound = _internet_facing(ctx, d)
        for filt, rule in outbound:
            web = any(s.protocol in (None, 6) and (not s.dst_ports or any(lo <= p <= hi for lo, hi in s.dst_ports for p in (80, 443)))
                      for s in rule.services)
            if not web or "url" in rule.profiles:
                continue
            yield Issue(
                loc=rule.loc, device=d,
                message=f"outbound rule in '{filt.name}' permits web traffic to the internet without URL filtering",
                message_zh=f"「{filt.name}」中對外的允許規則放行網頁流量但未套用 URL 過濾",
                key=f"{filt.name}|{rule.signature()}",
                evidence={"filter": filt.name, "line": rule.loc.line, "rule": rule.loc.text, "profiles": dict(rule.profiles)},
            )


@check("NL803", "no-waf-internet-web", "threat-protection", "low", articles=("16.3",), scope="network")
def no_waf_internet_web(ctx: NetworkContext) -> Iterator[Issue]:
    """An internet-facing web rule has no web-application-firewall profile.

    What it does:
        On platforms that attach a WAF profile to firewall policies (FortiOS), reports
        allow rules from an external zone to web ports with no WAF profile. A separate
        WAF appliance cannot be seen in firewall configs, hence the low severity.

    Why it matters:
        Article 16.3 asks that externally facing systems have an application firewall.

    Example:
        FortiOS policy wan1 -> port2, service HTTPS, to the web portal VIP, no `waf-profile`.

    How to fix:
        Attach a WAF profile, or record which WAF protects the service.
    """
    for d in ctx.devices:
        if not _supports(d, "waf"):
            continue
        _, inbound, _ = _internet_facing(ctx, d)
        for filt, rule in inbound:
            web = any(s.protocol in (None, 6) and (not s.dst_ports or any(lo <= p <= hi for lo, hi in s.dst_ports for p in (80, 443)))
                      for s in rule.services)
            if not web or "waf" in rule.profiles:
                continue
            yield Issue(
                loc=rule.loc, device=d,
                message=f"internet-facing web rule in '{filt.name}' has no WAF profile",
                message_zh=f"「{filt.name}」中面向網際網路的網頁規則未套用 WAF 設定",
                key=f"{filt.name}|{rule.signature()}",
                evidence={"filter": filt.name, "line": rule.loc.line, "rule": rule.loc.text},
            )
