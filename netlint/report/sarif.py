"""SARIF 2.1.0 (OASIS), the format GitHub code scanning, Azure DevOps and most SAST
dashboards read. One run; one reportingDescriptor per check that ran; one result per
finding, suppressed ones included (as SARIF `suppressions`, so a dashboard shows them
as accepted rather than losing them) and `baselineState` when a baseline was used.

Paths are relative POSIX URIs against `%SRCROOT%` (the current directory, given in
`originalUriBaseIds`), so code scanning can place them in the repository."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from netlint.findings import SEVERITY_RANK, Finding, LintResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
# No public home page exists yet; change it here only.
INFORMATION_URI = "https://example.invalid/netlint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "netlintFingerprint/v1"

LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
# GitHub code scanning ranks security alerts by this 0-10 score (>= 9.0 critical,
# 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low).
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "0.0"}
SUPPRESSION_KINDS = {"inline": "inSource", "exception": "external", "baseline": "external"}
# A parse warning says netlint did not understand a line: not a security weakness.
NOT_SECURITY = {"parse-warning"}

SECTIONS = (("what", "What it does"), ("why", "Why it matters"), ("example", "Example"), ("fix", "How to fix"))


def render_sarif(result: LintResult, lang: str = "en") -> str:
    return json.dumps(sarif_log(result, lang), indent=2, ensure_ascii=False) + "\n"


def sarif_log(result: LintResult, lang: str = "en") -> dict[str, Any]:
    rules = _rules(result)
    index = {r["id"]: i for i, r in enumerate(rules)}
    findings = sorted(result.findings, key=_order)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "netlint",
            "version": result.version,
            "semanticVersion": result.version,
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }},
        "automationDetails": {"id": "netlint/"},
        "invocations": [{"executionSuccessful": True}],
        "originalUriBaseIds": {SRCROOT: {"uri": _dir_uri(Path.cwd())}},
        "language": "zh-TW" if lang == "zh-TW" else "en-US",
        "results": [_result(f, index[f.rule_id], lang) for f in findings],
        "properties": _run_properties(result),
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


# --------------------------------------------------------------------------- rules


def _rules(result: LintResult) -> list[dict[str, Any]]:
    meta = {r["id"]: r for r in result.rules}
    # A finding of a check missing from result.rules still needs a descriptor (ruleIndex).
    for f in result.findings:
        if f.rule_id not in meta:
            meta[f.rule_id] = {"id": f.rule_id, "name": f.rule_id, "category": f.category,
                               "severity": f.severity, "articles": list(f.articles)}
    return [_descriptor(meta[i]) for i in sorted(meta)]


def _descriptor(rule: dict[str, Any]) -> dict[str, Any]:
    severity = rule.get("severity", "medium")
    category = rule.get("category", "")
    articles = [str(a) for a in rule.get("articles", [])]
    summary = _clean(rule.get("summary")) or rule.get("name") or rule["id"]
    out: dict[str, Any] = {
        "id": rule["id"],
        "name": rule.get("name") or rule["id"],
        "shortDescription": {"text": summary},
        "fullDescription": {"text": _clean(rule.get("what")) or summary},
    }
    help_text, help_md = _help(rule, summary, articles)
    out["help"] = {"text": help_text, "markdown": help_md}
    out["defaultConfiguration"] = {"level": LEVELS.get(severity, "warning")}
    tags = ([] if category in NOT_SECURITY else ["security"]) + ([category] if category else [])
    tags += [f"article-{a}" for a in articles]
    out["properties"] = {
        "tags": tags,
        "security-severity": SECURITY_SEVERITY.get(severity, "5.5"),
        "severity": severity,
        "category": category,
        "articles": articles,
    }
    return out


def _help(rule: dict[str, Any], summary: str, articles: list[str]) -> tuple[str, str]:
    text, md = [summary], [summary]
    for key, title in SECTIONS:
        body = _clean(rule.get(key))
        if body:
            text.append(f"{title}:\n{body}")
            md.append(f"**{title}**\n\n{body}")
    if articles:
        line = "Guideline articles: " + ", ".join(articles)
        text.append(line)
        md.append(line)
    return "\n\n".join(text), "\n\n".join(md)


def _clean(value: Any) -> str:
    """Docstring sections keep their indentation; strip it."""
    return textwrap.dedent(str(value)).strip() if value else ""


# --------------------------------------------------------------------------- results


def _order(f: Finding):
    return (f.file, f.line, -SEVERITY_RANK[f.severity], f.rule_id, f.message, f.fingerprint)


def _result(f: Finding, rule_index: int, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.text(lang) or f.rule_id},
        "locations": [{
            "physicalLocation": _physical(f.file, f.line, f.end_line),
            "logicalLocations": [{"name": f.device, "kind": "module"}] if f.device else [],
        }],
    }
    if not out["locations"][0]["logicalLocations"]:
        del out["locations"][0]["logicalLocations"]
    if f.fingerprint:
        out["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    if f.suppressed:
        out["suppressions"] = [_suppression(f)]
    if f.baseline_state:
        out["baselineState"] = f.baseline_state
    out["properties"] = {
        "severity": f.severity,
        "category": f.category,
        "articles": list(f.articles),
        "device": f.device,
        "evidence": f.evidence,
    }
    return out


def _suppression(f: Finding) -> dict[str, Any]:
    s = f.suppressed or {}
    kind = s.get("kind", "")
    out: dict[str, Any] = {"kind": SUPPRESSION_KINDS.get(kind, "external"), "status": "accepted"}
    if s.get("reason"):
        out["justification"] = str(s["reason"])
    line = s.get("line")
    if kind == "inline" and isinstance(line, int) and line >= 1:
        out["location"] = {"physicalLocation": _physical(f.file, line, line)}
    props = {k: v for k, v in s.items() if k not in ("kind", "reason") and v is not None}
    out["properties"] = {"netlintKind": kind, **props}
    return out


def _physical(file: str, line: int | None, end_line: int | None) -> dict[str, Any]:
    out: dict[str, Any] = {"artifactLocation": artifact_location(file)}
    if isinstance(line, int) and line >= 1:
        end = end_line if isinstance(end_line, int) and end_line >= line else line
        out["region"] = {"startLine": line, "endLine": end}
    return out


def repo_path(file: str) -> str | None:
    """The file as a relative POSIX path (relative to the current directory when it is
    an absolute path under it); None for an absolute path elsewhere."""
    path = PurePath(file)
    if path.is_absolute():
        cwd = Path.cwd()
        try:
            path = Path(os.path.abspath(file)).relative_to(cwd)
        except ValueError:
            try:  # through symbolic links
                path = Path(file).resolve().relative_to(cwd.resolve())
            except (ValueError, OSError):
                return None
    posix = path.as_posix()
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def artifact_location(file: str) -> dict[str, Any]:
    rel = repo_path(file)
    if rel is None:
        return {"uri": Path(os.path.abspath(file)).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def _dir_uri(path: Path) -> str:
    uri = path.resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _run_properties(result: LintResult) -> dict[str, Any]:
    props: dict[str, Any] = {
        "policy": {"file": result.policy_file, "category": result.category},
        "devices": result.devices,
        "summary": {"files": result.files, "devices": len(result.devices), "findings": result.counts()},
    }
    if result.policy_notes:
        props["policy"]["notes"] = list(result.policy_notes)
    suppressed = sum(1 for f in result.findings if f.suppressed and f.suppressed.get("kind") != "baseline")
    if suppressed:
        props["summary"]["suppressed"] = suppressed
    if result.baseline_known:
        props["summary"]["baseline_known"] = result.baseline_known
    return props
