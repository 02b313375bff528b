"""The JSON report of contract section 3."""

from __future__ import annotations

import json

from netlint.findings import LintResult, sort_findings


def result_dict(result: LintResult, lang: str = "en") -> dict:
    findings = sort_findings(result.findings)
    out = {
        "tool": {"name": "netlint", "version": result.version},
        "policy": {"file": result.policy_file, "category": result.category},
        "devices": result.devices,
        "findings": [f.to_json(lang) for f in findings if not f.suppressed],
        "summary": {
            "files": result.files,
            "devices": len(result.devices),
            "findings": result.counts(),
        },
    }
    suppressed = [f.to_json(lang) for f in findings if f.suppressed and f.suppressed.get("kind") != "baseline"]
    if suppressed:
        out["suppressed"] = suppressed
        out["summary"]["suppressed"] = len(suppressed)
    if result.policy_notes:
        out["policy"]["notes"] = result.policy_notes
    if result.checklist:
        from netlint.checklist import summary_counts

        out["checklist"] = [a.to_json(lang) for a in result.checklist]
        out["summary"]["checklist"] = summary_counts(result.checklist)
    if result.baseline_known:
        out["summary"]["baseline_known"] = result.baseline_known
    out.update(result.extra)
    return out


def render_json(result: LintResult, lang: str = "en") -> str:
    return json.dumps(result_dict(result, lang), indent=2, ensure_ascii=False) + "\n"
