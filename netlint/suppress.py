"""Inline suppressions (contract section 6): a `netlint: ignore[ID] reason` comment
marks the findings of that check on that rule as suppressed. Suppressed findings are
kept (reports list them apart, SARIF carries them as suppressions), never dropped."""

from __future__ import annotations

from netlint.findings import Finding
from netlint.model import Device

# Suppression hygiene checks (NL002, NL003) are not themselves suppressible inline.
UNSUPPRESSIBLE = {"NL002", "NL003"}


def apply_inline_suppressions(device: Device, findings: list[Finding], known_ids: set[str], checks=None) -> list[Finding]:
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
