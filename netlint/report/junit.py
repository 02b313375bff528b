"""JUnit XML, as Jenkins (junit step), GitLab (artifacts:reports:junit) and Azure
Pipelines (PublishTestResults) read it.

One <testsuite> per device, one <testcase> per check that ran on it: the testcase
fails when the device has active findings of that check (one line per finding in the
<failure> body) and passes otherwise. Suppressed findings (inline, policy exception,
baseline) do not fail a testcase; they are listed in its <system-out>."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from netlint.findings import SEVERITY_RANK, Finding, LintResult
from netlint.report.sarif import repo_path

# Characters XML 1.0 does not allow, even escaped; a config may hold any of them.
_INVALID_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_junit(result: LintResult, lang: str = "en") -> str:
    zh = lang == "zh-TW"
    rules = {r["id"]: r for r in result.rules}
    for f in result.findings:  # a finding of a check missing from result.rules still gets its testcase
        rules.setdefault(f.rule_id, {"id": f.rule_id, "category": f.category, "summary": ""})
    rule_ids = sorted(rules)

    suites = _suites(result)
    root = ET.Element("testsuites", {"name": "netlint"})
    total_tests = total_failures = 0
    for (device, file), findings in suites.items():
        by_rule: dict[str, list[Finding]] = {}
        for f in findings:
            by_rule.setdefault(f.rule_id, []).append(f)
        shown = _path(file) if file else ""
        suite = ET.SubElement(root, "testsuite", {"name": _clean(f"{device} ({shown})" if shown else device)})
        failures = 0
        for rule_id in rule_ids:
            rule = rules[rule_id]
            case = ET.SubElement(suite, "testcase", {
                "classname": _clean(f"netlint.{device}"),
                "name": _clean(_case_name(rule)),
                "time": "0",
            })
            if shown:
                case.set("file", _clean(shown))
            hits = sorted(by_rule.get(rule_id, []), key=_order)
            active = [f for f in hits if not f.suppressed]
            quiet = [f for f in hits if f.suppressed]
            if active:
                failures += 1
                worst = max(active, key=lambda f: SEVERITY_RANK[f.severity]).severity
                message = f"{len(active)} 項發現" if zh else f"{len(active)} finding(s)"
                failure = ET.SubElement(case, "failure", {"message": message, "type": worst})
                failure.text = _clean("\n".join(_line(f, lang) for f in active))
            if quiet:
                out = ET.SubElement(case, "system-out")
                out.text = _clean("\n".join(_suppressed_line(f, lang) for f in quiet))
        suite.set("tests", str(len(rule_ids)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        total_tests += len(rule_ids)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("skipped", "0")
    root.set("time", "0")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suites(result: LintResult) -> dict[tuple[str, str], list[Finding]]:
    """(device, file) -> its findings, devices in the order of result.devices. A finding
    belongs to the device it names (network-level findings too); one naming a device
    that is not in result.devices gets a suite of its own."""
    suites: dict[tuple[str, str], list[Finding]] = {}
    by_name: dict[str, tuple[str, str]] = {}
    for d in result.devices:
        key = (str(d.get("name") or ""), str(d.get("file") or ""))
        suites.setdefault(key, [])
        by_name.setdefault(key[0], key)
    for f in result.findings:
        key = (f.device, f.file)
        if key not in suites:
            key = by_name.get(f.device, key)
        suites.setdefault(key, []).append(f)
    return suites


def _case_name(rule: dict[str, Any]) -> str:
    summary = " ".join(str(rule.get("summary") or "").split())
    category = rule.get("category") or ""
    head = f"{rule['id']} {category}".strip()
    return f"{head}: {summary}" if summary else head


def _order(f: Finding):
    return (f.file, f.line, -SEVERITY_RANK[f.severity], f.message, f.fingerprint)


def _line(f: Finding, lang: str) -> str:
    arts = f" [{', '.join(f.articles)}]" if f.articles else ""
    return f"{_path(f.file)}:{f.line} {f.severity} {_one_line(f.text(lang))}{arts}"


def _suppressed_line(f: Finding, lang: str) -> str:
    s = f.suppressed or {}
    kind = s.get("kind", "")
    reason = s.get("reason") or ""
    if lang == "zh-TW":
        label = {"inline": "行內抑制", "exception": "政策例外", "baseline": "基準檔已知"}.get(kind, "已抑制")
        tail = f"（{label}：{reason}）" if reason else f"（{label}）"
    else:
        tail = f" (suppressed, {kind}: {reason})" if reason else f" (suppressed, {kind})"
    return _line(f, lang) + tail


def _path(file: str) -> str:
    """Relative to the current directory (the workspace in CI) when under it."""
    return repo_path(file) or file


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)
