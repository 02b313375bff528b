"""Parse warnings as findings: nothing the parser did not understand is lost."""

from __future__ import annotations

from collections.abc import Iterator

from netlint.checks import DeviceContext, Issue, check


@check("NL001", "parse-warning", "parse-warning", "info", articles=())
def parse_warning(ctx: DeviceContext) -> Iterator[Issue]:
    """A config line the parser did not understand.

    What it does:
        Reports every line (or XML element) that the vendor parser could not turn into
        the model, with its file and line.

    Why it matters:
        A line netlint did not understand may hold a rule or a setting that changes the
        verdict of other checks; silence would make the report look complete when it
        is not.

    Example:
        `frobnicate all the things` in an IOS config.

    How to fix:
        Check the line: a typo is a bug in the config; a valid command netlint does not
        know yet is worth an issue to the netlint maintainers.
    """
    for w in ctx.device.parse_warnings:
        yield Issue(
            loc=w.loc,
            message=f"{w.message}: {w.loc.text}" if w.loc.text else w.message,
            message_zh=f"無法解析的設定行（{w.message}）：{w.loc.text}" if w.loc.text else f"無法解析：{w.message}",
            key=f"{w.message}|{w.loc.text}",
            evidence={"text": w.loc.text},
        )


@check("NL002", "suppression-without-reason", "undocumented-rule", "low", articles=("10.1",))
def suppression_without_reason(ctx: DeviceContext) -> Iterator[Issue]:
    """An inline `netlint: ignore[...]` comment gives no reason.

    What it does:
        Reports suppression comments that name checks but say nothing about why; such a
        comment suppresses nothing.

    Why it matters:
        Article 10.1 asks that rule changes be reviewed against a need and recorded; an
        accepted risk without a reason (ticket, owner, date) cannot be reviewed next year.

    Example:
        `remark netlint: ignore[NL101]`.

    How to fix:
        Add the reason after the bracket: `remark netlint: ignore[NL101] CHG-2291 vendor
        link until 2027-03`.
    """
    for s in ctx.device.suppressions:
        if not s.reason:
            yield Issue(
                loc=s.loc,
                message=f"suppression of {', '.join(s.rule_ids) or 'nothing'} gives no reason, so it suppresses nothing",
                message_zh=f"抑制 {', '.join(s.rule_ids)} 的註解未說明理由，因此不生效",
                key=f"{','.join(s.rule_ids)}|{s.loc.text}",
                evidence={"rule_ids": list(s.rule_ids)},
            )


@check("NL003", "suppression-unknown-rule", "parse-warning", "low", articles=())
def suppression_unknown_rule(ctx: DeviceContext) -> Iterator[Issue]:
    """An inline suppression names a check that does not exist.

    What it does:
        Reports `netlint: ignore[...]` comments naming ids that no netlint check has.

    Why it matters:
        A typo in the id means the finding the author meant to accept is still reported,
        or that a stale comment outlived a renamed check.

    Example:
        `! netlint: ignore[NL1O1] typo with the letter O`.

    How to fix:
        Use an id listed by `netlint rules`.
    """
    from netlint.checks import REGISTRY, all_checks

    all_checks()
    for s in ctx.device.suppressions:
        unknown = [i for i in s.rule_ids if i not in REGISTRY and i != "ALL"]
        if unknown:
            yield Issue(
                loc=s.loc,
                message=f"suppression names unknown check id(s): {', '.join(unknown)}",
                message_zh=f"抑制註解引用了不存在的檢查代碼：{', '.join(unknown)}",
                key=f"{','.join(unknown)}|{s.loc.text}",
                evidence={"unknown": unknown},
            )


@check("NL004", "expired-exception", "undocumented-rule", "medium", articles=("10.1", "10.3"), scope="network")
def expired_exception(ctx) -> Iterator[Issue]:
    """A policy exception has passed its expiry date.

    What it does:
        Reports exceptions in the policy file whose `expires` date is over; such an
        exception no longer suppresses its finding.

    Why it matters:
        Articles 10.1 and 10.3: an accepted risk is accepted for a time and must be
        reviewed again; a lapsed acceptance means the finding is back and the record
        needs a decision.

    Example:
        `{fingerprint: "...", reason: "CHG-1234", approved_by: CISO, expires: 2025-06-30}`
        after 2025-06-30.

    How to fix:
        Fix the finding, or renew the exception with a new approval and date.
    """
    from netlint.model import Location

    pol = ctx.policy
    if pol is None or not pol.file or not ctx.devices:
        return
    for e in pol.exceptions:
        if e.expires is not None and e.expires < ctx.options.today:
            yield Issue(
                loc=Location(pol.file, e.line, e.line, f"fingerprint {e.fingerprint}"),
                device=ctx.devices[0],
                message=f"exception for {e.fingerprint} ({e.reason}, approved by {e.approved_by}) expired on "
                        f"{e.expires.isoformat()}: the finding is reported again",
                message_zh=f"例外 {e.fingerprint}（{e.reason}，核准人 {e.approved_by}）已於 {e.expires.isoformat()} 到期：該發現重新列報",
                key=f"exception|{e.fingerprint}",
                evidence={"fingerprint": e.fingerprint, "expires": e.expires.isoformat(), "approved_by": e.approved_by},
            )
