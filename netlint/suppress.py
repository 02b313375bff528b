"""Inline suppressions (contract section 6): a `netlint: ignore[ID] reason` comment
marks the findings of that check on that rule as suppressed. Suppressed findings are
kept (reports list them apart, SARIF carries them as suppressions), never dropped."""

from __future__ import annotations

from netlint.findings import Finding
from netlint.model import Device

# Suppression hygiene checks (NL002, NL003) are not themselves suppressible inline.
UNSUPPRESSIBLE = {"NL002", "NL003"}


def apply_inline_suppressions(device: Device, findings: list[Finding]) -> list[Finding]:
    for f in findings:
        if f.rule_id in UNSUPPRESSIBLE or f.file != device.file:
            continue
        for s in device.suppressions:
            if not s.reason:
                continue  # a suppression must say why (NL002 reports it)
            if (f.rule_id in s.rule_ids or "ALL" in s.rule_ids) and f.line <= s.target_line <= f.end_line:
                f.suppressed = {"kind": "inline", "reason": s.reason, "line": s.loc.line}
                break
    return findings


def apply_exceptions(findings: list[Finding], policy, today) -> None:
    """Policy exceptions accept findings by fingerprint until their date; an expired
    exception suppresses nothing (check NL004 reports it)."""
    if policy is None or not policy.exceptions:
        return
    active = {e.fingerprint: e for e in policy.exceptions if e.expires is None or e.expires >= today}
    for f in findings:
        if f.suppressed:
            continue
        e = active.get(f.fingerprint)
        if e is not None and (e.rule_id is None or e.rule_id == f.rule_id):
            f.suppressed = {"kind": "exception", "reason": e.reason, "approved_by": e.approved_by,
                            "expires": e.expires.isoformat() if e.expires else None, "policy_line": e.line}
