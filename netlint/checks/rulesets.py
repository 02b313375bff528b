"""Rule-set hygiene: any-any, shadowed, unmatchable and redundant rules, unused and
undefined objects (articles 10.2 and 10.3). Shadowing and redundancy come from the
exact packet-set engine: a rule is shadowed when earlier rules together match all it
matches, not only when one earlier rule covers it."""

from __future__ import annotations

from collections.abc import Iterator

from netlint.checks import DeviceContext, Issue, check
from netlint.model import DENY, MAX_ADDR, PERMIT, Filter, Rule



def rule_ref(filt: Filter, rule: Rule) -> dict:
    return {"filter": filt.name, "line": rule.loc.line, "rule": rule.loc.text, "action": rule.action}


def _could_be_everything(rule: Rule, side: str) -> bool:
    """Cheap exact pre-test: a union of items smaller than the address space cannot be 'any'."""
    addrs = rule.src if side == "src" else rule.dst
    if addrs.any and not addrs.negated:
        return True
    if addrs.negated or addrs.unresolved:
        return False
    by_family: dict[int, int] = {}
    for item in addrs.items:
        by_family[item.family] = by_family.get(item.family, 0) + item.size()
    return any(total > MAX_ADDR[fam] for fam, total in by_family.items())


def is_any_any(ctx: DeviceContext, filt: Filter, rule: Rule) -> bool:
    """Permits every source, destination and service (exact, through the engine)."""
    if rule.action != PERMIT or not rule.enabled or rule.established or rule.users or rule.approximations:
        return False  # an identity or unmodelled condition (MAC, owner, App-ID) narrows it
    if rule.in_interfaces and all(i.lower().startswith(("lo", "loopback")) for i in rule.in_interfaces):
        return False  # accepting the host's own loopback traffic is not an any-any permit
    if not (_could_be_everything(rule, "src") and _could_be_everything(rule, "dst")):
        return False
    from netlint.filters import rule_match
    from netlint.space import Match

    m, _ = rule_match(rule, filt.family)
    if m.nothing:
        return False
    space = ctx.filterset.space
    header = space.match(Match(family=m.family, src=m.src, dst=m.dst, services=m.services))
    return header == space.match(Match(family=m.family))


@check("NL101", "any-any-permit", "any-any", "high")
def any_any(ctx: DeviceContext) -> Iterator[Issue]:
    """A rule permits any source to any destination on any service.

    What it does:
        Finds enabled permit rules whose source, destination and service together cover
        every packet (of the rule's address family), computed exactly: an object-group
        holding 0.0.0.0/0, or two /1 prefixes, counts as any.

    Why it matters:
        Article 10.2 asks for rules built on least privilege and an allow-list; an
        any-any permit turns the filter into no filter for everything after it.

    Example:
        `permit ip any any` in an interface ACL; a FortiOS policy with srcaddr all,
        dstaddr all, service ALL, action accept.

    How to fix:
        Replace it with rules naming the sources, destinations and services the business
        needs, each with a remark naming its owner and ticket.
    """
    for filt in ctx.analysed_filters():
        for rule in filt.rules:
            if is_any_any(ctx, filt, rule):
                yield Issue(
                    loc=rule.loc,
                    message=f"'{filt.name}' permits any source to any destination on any service",
                    message_zh=f"「{filt.name}」允許任意來源至任意目的之任意服務（any-any）",
                    key=f"{filt.name}|{rule.signature()}",
                    evidence=rule_ref(filt, rule),
                )


@check("NL110", "shadowed-rule", "shadowed-rule", "medium")
def shadowed_rule(ctx: DeviceContext) -> Iterator[Issue]:
    """A rule no packet can reach, because earlier rules match everything it matches.

    What it does:
        Computes, for every rule, the exact set of packets that reach it first. When that
        set is empty although the rule matches packets, the rule is shadowed; the finding
        names a minimal set of earlier rules that together cover it (one rule, or several
        whose union does) and says whether any of them has the opposite action.

    Why it matters:
        Article 10.3 asks that rules be reviewed and unnecessary ones removed. A shadowed
        rule is dead weight in the yearly review; one shadowed by a rule with the opposite
        action is worse: the traffic it was written for gets the other verdict (a bug).

    Example:
        `permit tcp any host 172.16.50.10 eq 443` after `deny ip any 172.16.50.0 0.0.0.255`.

    How to fix:
        Remove the rule if the earlier rules express the intent; otherwise move it above
        the rules that cover it.
    """
    for filt in ctx.analysed_filters():
        if len(filt.rules) < 2:
            continue
        facts = ctx.filterset.anomalies(filt.name)
        approx = [a for _, a in ctx.filterset.matches(filt.name)]
        for i, rule in enumerate(filt.rules):
            f = facts[i]
            if not f.shadowed or not rule.enabled or approx[i] or any(approx[j] for j in f.covering):
                continue
            covering = [filt.rules[j] for j in f.covering]
            terminal = rule.action in (PERMIT, DENY)
            opposite = terminal and any(r.action in (PERMIT, DENY) and r.action != rule.action for r in covering)
            lines = ", ".join(str(r.loc.line) for r in covering)
            if opposite:
                msg = (f"rule is shadowed by earlier rule(s) with the opposite action (line {lines}): "
                       f"packets it would {rule.action} get the other verdict")
                zh = f"此規則被前面動作相反的規則（第 {lines} 行）完全遮蔽：原意要{'允許' if rule.action == PERMIT else '拒絕'}的封包得到相反結果"
            else:
                msg = f"rule can never match: earlier rule(s) at line {lines} already match everything it matches"
                zh = f"此規則永遠不會被比對到：第 {lines} 行的規則已涵蓋其所有封包"
            yield Issue(
                loc=rule.loc,
                message=msg,
                message_zh=zh,
                key=f"{filt.name}|{rule.signature()}",
                severity="high" if opposite else None,
                evidence={
                    **rule_ref(filt, rule),
                    "covering_rules": [rule_ref(filt, r) for r in covering],
                    "opposite_action": opposite,
                },
            )


@check("NL111", "unmatchable-rule", "shadowed-rule", "low")
def unmatchable_rule(ctx: DeviceContext) -> Iterator[Issue]:
    """A rule that matches no packet at all, whatever comes before it.

    What it does:
        Finds enabled rules whose own match is empty: an empty object-group, a port
        range that is impossible, an IPv4 rule naming only IPv6 addresses.

    Why it matters:
        Article 10.3: such a rule does nothing and misleads the reader of the rule base;
        often it is a half-finished change (a group emptied, a host removed).

    Example:
        `permit tcp any object-group EMPTY_SERVERS eq 443` where the group has no members.

    How to fix:
        Remove the rule, or fill the group it names.
    """
    for filt in ctx.analysed_filters():
        facts = ctx.filterset.anomalies(filt.name)
        approx = [a for _, a in ctx.filterset.matches(filt.name)]
        for i, rule in enumerate(filt.rules):
            if facts[i].unmatchable and rule.enabled and not approx[i]:
                yield Issue(
                    loc=rule.loc,
                    message="rule matches no packet at all (empty group, impossible ports or address family mismatch)",
                    message_zh="此規則不會比對到任何封包（空群組、不可能的埠或位址族不符）",
                    key=f"{filt.name}|{rule.signature()}",
                    evidence=rule_ref(filt, rule),
                )


def _is_catch_all_default(ctx: DeviceContext, filt: Filter, i: int) -> bool:
    """An explicit final 'deny any any' restating the default: good practice, not redundancy."""
    from netlint.space import Match

    rule = filt.rules[i]
    m, _ = ctx.filterset.matches(filt.name)[i]
    if rule.action != filt.default_action or m.nothing:
        return False
    space = ctx.filterset.space
    return space.match(m) == space.match(Match(family=m.family))


@check("NL112", "redundant-rule", "redundant-rule", "low")
def redundant_rule(ctx: DeviceContext) -> Iterator[Issue]:
    """A rule whose removal would change the fate of no packet.

    What it does:
        For each rule that some packets do reach, checks whether the rules after it (and
        the filter's default) would give every one of those packets the same verdict.
        Rules that log are not reported (removing them changes what is logged), nor is an
        explicit final deny-all that restates the implicit default.

    Why it matters:
        Article 10.3 asks for unneeded rules to be removed at the yearly review; a
        redundant rule makes the rule base longer and the review slower with no effect.

    Example:
        `permit tcp 10.30.0.0 0.0.255.255 host 10.10.1.5 eq 443` above
        `permit tcp 10.30.0.0 0.0.255.255 10.10.0.0 0.0.255.255 eq 443`.

    How to fix:
        Remove the rule after checking with its owner that the later rule is meant to
        stay.
    """
    for filt in ctx.analysed_filters():
        facts = ctx.filterset.anomalies(filt.name)
        approx = [a for _, a in ctx.filterset.matches(filt.name)]
        # index of the last approximated rule: a rule before it may only seem redundant
        last_approx = max((j for j, a in enumerate(approx) if a), default=-1)
        for i, rule in enumerate(filt.rules):
            f = facts[i]
            if not f.redundant or rule.log or not rule.enabled or _is_catch_all_default(ctx, filt, i):
                continue
            if i < last_approx:
                continue
            later = [filt.rules[j] for j in f.same_verdict_from]
            if later:
                by = "the later rule(s) at line " + ", ".join(str(r.loc.line) for r in later)
                by_zh = "後面第 " + ", ".join(str(r.loc.line) for r in later) + " 行的規則"
            else:
                by = f"the filter's default ({filt.default_action})"
                by_zh = f"過濾器的預設動作（{filt.default_action}）"
            yield Issue(
                loc=rule.loc,
                message=f"rule is redundant: without it, {by} give every packet it matches the same verdict",
                message_zh=f"此規則為多餘：移除後，{by_zh}對其比對的封包給出相同結果",
                key=f"{filt.name}|{rule.signature()}",
                evidence={**rule_ref(filt, rule), "same_verdict_from": [rule_ref(filt, r) for r in later]},
            )


# --------------------------------------------------------------------------- objects

# Kinds that share a namespace when matching definitions and uses.
_NAMESPACE = {
    "address-object": "address", "address-group": "address",
    "service-object": "service", "service-group": "service", "protocol-group": "service", "icmp-group": "service",
    "time-range": "schedule", "schedule": "schedule",
}


def _ns(kind: str) -> str:
    return _NAMESPACE.get(kind, kind)


@check("NL120", "unused-object", "unused-object", "low")
def unused_object(ctx: DeviceContext) -> Iterator[Issue]:
    """An ACL, object, group, schedule or zone defined but never used.

    What it does:
        Lists named structures that nothing in the config refers to: ACLs bound nowhere,
        object-groups no rule names, time-ranges no rule uses.

    Why it matters:
        Article 10.3 asks that unneeded rules be removed at the yearly review. An unused
        ACL or group is often the remains of a decommissioned system, and a trap: binding
        it later by mistake revives forgotten access.

    Example:
        `ip access-list extended OLD_VENDOR_ACL` with no `ip access-group` anywhere.

    How to fix:
        Delete the structure, or bind it where it was meant to be used.
    """
    used = {(_ns(r.kind), r.name) for r in ctx.device.references}
    seen: set[tuple[str, str]] = set()
    for obj in ctx.device.objects:
        key = (_ns(obj.kind), obj.name)
        if key in used or key in seen:
            continue
        seen.add(key)
        yield Issue(
            loc=obj.loc,
            message=f"{obj.kind} '{obj.name}' is defined but never used",
            message_zh=f"{obj.kind}「{obj.name}」已定義但從未被使用",
            key=f"{obj.kind}|{obj.name}",
            evidence={"kind": obj.kind, "name": obj.name},
        )


@check("NL121", "undefined-reference", "undefined-reference", "medium")
def undefined_reference(ctx: DeviceContext) -> Iterator[Issue]:
    """An ACL, object or group is used but not defined.

    What it does:
        Lists every use of a name that the config does not define: an ACL bound to an
        interface or a line, a group named in a rule.

    Why it matters:
        Article 10.3: the rule base does not say what it seems to. On Cisco IOS an
        interface bound to an ACL that does not exist filters nothing at all, so the
        boundary is open while the config looks protected.

    Example:
        `ip access-group UAT_IN in` on an SVI, with no `ip access-list ... UAT_IN`.

    How to fix:
        Define the ACL or group, or correct the name.
    """
    defined = {(_ns(o.kind), o.name) for o in ctx.device.objects}
    for ref in ctx.device.references:
        if (_ns(ref.kind), ref.name) in defined or ref.context == "mentioned":
            continue
        binding = ref.kind == "acl" and ("interface" in ref.context or "line" in ref.context)
        where = f" ({ref.context})" if ref.context else ""
        yield Issue(
            loc=ref.loc,
            message=f"{ref.kind} '{ref.name}' is used{where} but not defined"
            + ("; the binding filters nothing" if binding else ""),
            message_zh=f"{ref.kind}「{ref.name}」被引用{where}但未定義" + ("；此綁定實際上未過濾任何流量" if binding else ""),
            key=f"{ref.kind}|{ref.name}|{ref.context}",
            severity="high" if binding else None,
            evidence={"kind": ref.kind, "name": ref.name, "context": ref.context},
        )


# --------------------------------------------------------------------------- expiry and documentation


@check("NL130", "expired-rule", "expired-rule", "medium")
def expired_rule(ctx: DeviceContext) -> Iterator[Issue]:
    """A rule's time-range or schedule is already over.

    What it does:
        Reports rules bound to a time-range or schedule whose end date has passed, so
        that the rule no longer matches anything and only clutters the rule base.

    Why it matters:
        Article 10.3 asks that unnecessary rules be removed at the yearly review; an
        expired temporary rule (a vendor window, a migration) is exactly that. If the
        schedule is ever extended by mistake, the old access returns.

    Example:
        FortiOS `set schedule "vendor-2025Q1"` with a one-time schedule ending 2025-03-31.

    How to fix:
        Delete the rule and its schedule.
    """
    for filt in ctx.analysed_filters():
        for rule in filt.rules:
            if rule.time_range_expired:
                yield Issue(
                    loc=rule.loc,
                    message=f"rule's schedule '{rule.time_range}' is over: the rule no longer matches; remove it",
                    message_zh=f"規則的時段「{rule.time_range}」已結束：此規則已不再生效，應移除",
                    key=f"{filt.name}|{rule.signature()}",
                    evidence={**rule_ref(filt, rule), "time_range": rule.time_range},
                )


@check("NL131", "disabled-rule", "expired-rule", "low")
def disabled_rule(ctx: DeviceContext) -> Iterator[Issue]:
    """A rule is disabled (inactive) but kept in the rule base.

    What it does:
        Reports rules marked disabled or inactive.

    Why it matters:
        Article 10.3: a disabled rule does nothing today but is one click from
        re-opening access nobody reviewed; the yearly review should remove it.

    Example:
        ASA `access-list OUTSIDE_IN extended permit tcp any host 172.16.50.40 eq 22 inactive`;
        FortiOS `set status disable`.

    How to fix:
        Delete the rule, or enable it after a documented review if it is needed.
    """
    for filt in ctx.analysed_filters():
        for rule in filt.rules:
            if not rule.enabled and not rule.time_range_expired:
                yield Issue(
                    loc=rule.loc,
                    message=f"rule in '{filt.name}' is disabled but kept: remove it at the yearly review",
                    message_zh=f"「{filt.name}」中的規則已停用但仍保留：應於年度檢視時移除",
                    key=f"{filt.name}|{rule.signature()}",
                    evidence=rule_ref(filt, rule),
                )


def _documented(rule: Rule, pattern) -> bool:
    if pattern is not None:
        return bool(pattern.search(rule.remark or ""))
    return bool(rule.remark.strip())


@check("NL140", "undocumented-rule", "undocumented-rule", "low")
def undocumented_rule(ctx: DeviceContext) -> Iterator[Issue]:
    """A permit rule carries no remark, description or ticket reference.

    What it does:
        Reports enabled permit rules with no remark/description/comment. When the policy
        sets `documentation: {ticket_pattern: REGEX}`, the remark must also contain a
        ticket reference matching it (e.g. `CHG-\\d+`).

    Why it matters:
        Article 10.1 asks that every rule change be reviewed against a need and recorded;
        a rule nobody can trace to a request cannot be justified at the yearly review
        (10.3), and its owner cannot be asked.

    Example:
        `permit tcp any host 172.16.50.20 eq 3389` with no remark above it.

    How to fix:
        Add a remark naming the change ticket, the owner and the purpose.
    """
    import re

    pattern = None
    pol = ctx.policy
    if pol is not None and getattr(pol, "ticket_pattern", None):
        pattern = re.compile(pol.ticket_pattern)
    for filt in ctx.analysed_filters():
        if filt.kind == "standard-acl" or (filt.table or "filter") in ("nat", "mangle", "raw"):
            continue
        for rule in filt.rules:
            if rule.action != PERMIT or not rule.enabled or _documented(rule, pattern) or rule.established:
                continue  # return traffic of established connections needs no ticket
            if rule.in_interfaces and all(i.lower().startswith(("lo", "loopback")) for i in rule.in_interfaces):
                continue
            what = "no ticket reference matching the policy's pattern" if pattern and rule.remark else "no remark or description"
            yield Issue(
                loc=rule.loc,
                message=f"permit rule in '{filt.name}' has {what}: nobody can tell why it exists",
                message_zh=f"「{filt.name}」中的允許規則沒有{'符合政策格式的變更單號' if pattern and rule.remark else '註解或說明'}：無從得知其存在理由",
                key=f"{filt.name}|{rule.signature()}",
                evidence=rule_ref(filt, rule),
            )
