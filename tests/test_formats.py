"""The CI report formats: SARIF 2.1.0 (validated against the official schema), JUnit
XML, GitHub Actions workflow commands, and the Markdown pull-request summary."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from netlint.findings import SEVERITY_RANK, Finding, LintResult

SAMPLE = [FIXTURES / n for n in ("core-fw.cfg", "core-sw.cfg", "edge-fw.conf", "exch-fw.conf", "lab-gw.rules")]
POLICY = FIXTURES / "policy.yaml"
TODAY = "2026-01-15"
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
REASON = "CHG-2025-0042 migration, ends 2026-03"


def lint(cli, fmt, *paths, extra=()):
    return cli("lint", *(paths or SAMPLE), "--policy", POLICY, "--today", TODAY, "--format", fmt, *extra)


@pytest.fixture
def at_root(monkeypatch):
    """Lint the sample network from the repository root: reports show paths relative to it."""
    monkeypatch.chdir(ROOT)


def rel(file: str) -> str:
    return Path(file).resolve().relative_to(ROOT.resolve()).as_posix()


def validate_sarif(log: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)  # the draft the schema declares (draft-04)
    validator.check_schema(schema)
    errors = sorted(validator(schema).iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


@pytest.fixture
def suppressed_copy(tmp_path, monkeypatch):
    """core-fw with an inline suppression of its any-any rule, linted from its folder so
    that the paths are relative. Returns the config's name and the rule's line."""
    lines = (FIXTURES / "core-fw.cfg").read_text().splitlines()
    target = next(i for i, line in enumerate(lines) if line == "access-list DMZ_IN extended permit ip any any")
    lines.insert(target, f"! netlint: ignore[NL101] {REASON}")
    (tmp_path / "core-fw.cfg").write_text("\n".join(lines) + "\n")
    shutil.copy(POLICY, tmp_path / "policy.yaml")
    monkeypatch.chdir(tmp_path)
    return "core-fw.cfg", target + 2  # the comment sits on line target+1, the rule one below


def finding(n: int = 0, **kw) -> Finding:
    base = dict(rule_id="NL101", category="any-any", severity="high", articles=["10.2"], device="fw1",
                file="configs/fw1.cfg", line=10 + n, end_line=10 + n, message=f"finding {n}",
                fingerprint=f"fp{n:04d}")
    base.update(kw)
    return Finding(**base)


RULES = [
    {"id": "NL101", "name": "any-any-permit", "category": "any-any", "severity": "high", "articles": ["10.2"],
     "summary": "A rule permits any source to any destination on any service.",
     "what": "    Finds permit-any rules.", "why": "    Article 10.2.", "example": "    `permit ip any any`",
     "fix": "    Name the sources."},
    {"id": "NL201", "name": "telnet", "category": "insecure-management", "severity": "high",
     "articles": ["9.2", "14.1", "6.3"], "summary": "Telnet management."},
]


def result_of(findings: list[Finding], rules=RULES, **kw) -> LintResult:
    devices = [{"name": "fw1", "vendor": "cisco_asa", "file": "configs/fw1.cfg", "os_version": "9.8(4)"}]
    return LintResult(version="9.9.9", devices=devices, findings=findings, files=1, rules=list(rules), **kw)


# --------------------------------------------------------------------------- SARIF


def test_sarif_of_the_sample_network_is_valid_and_complete(cli, at_root):
    code, out, _ = lint(cli, "sarif")
    assert code == 1
    log = json.loads(out)
    validate_sarif(log)
    assert log["version"] == "2.1.0" and log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "netlint" and driver["version"] and driver["informationUri"]
    assert run["automationDetails"]["id"] == "netlint/"
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path.cwd().resolve().as_uri().rstrip("/") + "/"

    _, rules_text, _ = cli("rules")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) and "NL101" in ids and "NL501" in ids
    assert all(i in rules_text for i in ids)  # one descriptor per check that ran: all of them here
    assert len(ids) == sum(1 for line in rules_text.splitlines() if line.startswith("NL"))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        props = rule["properties"]
        sev = props["severity"]
        assert rule["defaultConfiguration"]["level"] == LEVELS[sev]
        assert props["security-severity"] == {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0",
                                              "info": "0.0"}[sev]
        assert props["category"] in props["tags"]
        assert [f"article-{a}" for a in props["articles"]] == [t for t in props["tags"] if t.startswith("article-")]
    nl101 = driver["rules"][ids.index("NL101")]
    assert nl101["name"] and "article-10.2" in nl101["properties"]["tags"]
    assert "**How to fix**" in nl101["help"]["markdown"] and "\n    " not in nl101["help"]["text"]
    assert nl101["fullDescription"]["text"].startswith("Finds")  # docstring indentation removed

    # every finding of the JSON report, and nothing else, with the same rule, file, line
    _, json_out, _ = lint(cli, "json")
    report = json.loads(json_out)
    results = run["results"]
    assert len(results) == len(report["findings"])  # nothing suppressed in the sample network
    by_print = {r["partialFingerprints"]["netlintFingerprint/v1"]: r for r in results}
    texts = {str(p): p.read_text().splitlines() for p in SAMPLE}
    checked = 0
    for f in report["findings"]:
        r = by_print[f["fingerprint"]]
        assert r["ruleId"] == f["rule_id"] and ids[r["ruleIndex"]] == f["rule_id"]
        assert r["level"] == LEVELS[f["severity"]]
        assert r["message"]["text"] == f["message"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": rel(f["file"]), "uriBaseId": "%SRCROOT%"}
        assert loc["region"] == {"startLine": f["line"], "endLine": f["end_line"]}
        assert r["locations"][0]["logicalLocations"][0]["name"] == f["device"]
        assert r["properties"]["articles"] == f["articles"] and r["properties"]["category"] == f["category"]
        assert "suppressions" not in r and "baselineState" not in r
        if f["evidence"].get("rule"):
            assert texts[f["file"]][loc["region"]["startLine"] - 1].strip() == f["evidence"]["rule"]
            checked += 1
    assert checked >= 10
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    places = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
               r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results]
    assert places == sorted(places)


def test_sarif_is_deterministic(cli, at_root):
    _, first, _ = lint(cli, "sarif")
    _, second, _ = lint(cli, "sarif")
    assert first == second


def test_sarif_carries_an_inline_suppression(cli, suppressed_copy):
    name, line = suppressed_copy
    code, out, _ = cli("lint", name, "--policy", "policy.yaml", "--today", TODAY, "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    validate_sarif(log)
    results = log["runs"][0]["results"]
    (r,) = [r for r in results if r["ruleId"] == "NL101"]
    assert r["suppressions"] == [{
        "kind": "inSource", "status": "accepted", "justification": REASON,
        "location": {"physicalLocation": {"artifactLocation": {"uri": "core-fw.cfg", "uriBaseId": "%SRCROOT%"},
                                          "region": {"startLine": line - 1, "endLine": line - 1}}},
        "properties": {"netlintKind": "inline", "line": line - 1},
    }]
    assert r["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    assert r["level"] == "error"  # a suppressed result keeps its level; the suppression says it is accepted
    assert all("suppressions" not in x for x in results if x is not r)
    assert all("baselineState" not in x for x in results)


def test_sarif_baseline_state_through_the_cli(cli, suppressed_copy, tmp_path):
    name, _ = suppressed_copy
    base = tmp_path / "baseline.json"
    code, _, _ = cli("lint", name, "--policy", "policy.yaml", "--today", TODAY, "--write-baseline", base)
    assert base.is_file()
    # a new any-any rule appears after the baseline was written
    cfg = tmp_path / name
    cfg.write_text(cfg.read_text() + "access-list OUTSIDE_IN extended permit ip any any\n")
    code, out, _ = cli("lint", name, "--policy", "policy.yaml", "--today", TODAY, "--baseline", base,
                       "--format", "sarif", "--no-network")
    log = json.loads(out)
    validate_sarif(log)
    results = log["runs"][0]["results"]
    assert {r["baselineState"] for r in results} == {"new", "unchanged"}
    for r in results:
        if r["baselineState"] == "unchanged" and r["ruleId"] != "NL101":
            assert r["suppressions"][0]["kind"] == "external"
            assert r["suppressions"][0]["properties"]["netlintKind"] == "baseline"
    inline = [r for r in results if r.get("suppressions", [{}])[0].get("kind") == "inSource"]
    assert [r["ruleId"] for r in inline] == ["NL101"]
    new = [r for r in results if r["baselineState"] == "new" and r not in inline]
    # the rule added after the baseline: any-any (and shadowed, undocumented)
    assert "NL101" in {r["ruleId"] for r in new} and all("suppressions" not in r for r in new)
    last = len(cfg.read_text().splitlines())
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] == last for r in new)
    assert code == 1  # the new high finding fails the run


def test_sarif_of_a_hand_built_result(monkeypatch, tmp_path):
    from netlint.report.sarif import render_sarif

    monkeypatch.chdir(tmp_path)
    findings = [
        finding(0, suppressed={"kind": "exception", "reason": "CHG-1 vendor link", "approved_by": "CISO",
                               "expires": "2027-06-30", "policy_line": 12}, baseline_state="unchanged"),
        finding(1, severity="critical", baseline_state="new", message="new one", message_zh="新的"),
        finding(2, rule_id="NL201", category="insecure-management", severity="medium", articles=["9.2"],
                suppressed={"kind": "baseline", "reason": "known in the baseline"}, baseline_state="unchanged"),
        finding(3, rule_id="NL999", category="logging", severity="info", articles=[],
                file=str(tmp_path / "sub dir" / "gw 1.cfg"), line=5, end_line=7),
        finding(4, severity="low", file="/elsewhere/x.cfg", line=0, end_line=0),
    ]
    log = json.loads(render_sarif(result_of(findings), "zh-TW"))
    validate_sarif(log)
    run = log["runs"][0]
    assert run["language"] == "zh-TW"
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == ["NL101", "NL201", "NL999"]  # a finding's unknown check still gets a descriptor
    by_fp = {r["partialFingerprints"]["netlintFingerprint/v1"]: r for r in run["results"]}
    exc = by_fp["fp0000"]
    assert exc["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "CHG-1 vendor link",
                                    "properties": {"netlintKind": "exception", "approved_by": "CISO",
                                                   "expires": "2027-06-30", "policy_line": 12}}]
    assert exc["baselineState"] == "unchanged"
    assert by_fp["fp0001"]["baselineState"] == "new" and "suppressions" not in by_fp["fp0001"]
    assert by_fp["fp0001"]["message"]["text"] == "新的" and by_fp["fp0001"]["level"] == "error"
    assert by_fp["fp0002"]["suppressions"][0]["kind"] == "external"
    assert by_fp["fp0002"]["level"] == "warning"
    other = by_fp["fp0003"]
    assert other["ruleIndex"] == 2 and other["level"] == "note"
    assert other["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "sub%20dir/gw%201.cfg",
                                                                             "uriBaseId": "%SRCROOT%"}
    assert other["locations"][0]["physicalLocation"]["region"] == {"startLine": 5, "endLine": 7}
    outside = by_fp["fp0004"]["locations"][0]["physicalLocation"]
    assert outside == {"artifactLocation": {"uri": "file:///elsewhere/x.cfg"}}  # no line: no region
    assert "baselineState" not in by_fp["fp0003"]


def test_sarif_relative_paths_are_posix(monkeypatch, tmp_path):
    from netlint.report.sarif import artifact_location

    monkeypatch.chdir(tmp_path)
    assert artifact_location("./configs/fw.cfg") == {"uri": "configs/fw.cfg", "uriBaseId": "%SRCROOT%"}
    assert artifact_location(str(tmp_path / "a" / "b.cfg")) == {"uri": "a/b.cfg", "uriBaseId": "%SRCROOT%"}


# --------------------------------------------------------------------------- JUnit


def test_junit_has_a_testcase_per_device_and_check(cli, at_root):
    code, out, _ = lint(cli, "junit")
    assert code == 1
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(out.encode("utf-8"))
    _, json_out, _ = lint(cli, "json")
    report = json.loads(json_out)
    _, sarif_out, _ = lint(cli, "sarif")
    rule_ids = [r["id"] for r in json.loads(sarif_out)["runs"][0]["tool"]["driver"]["rules"]]

    assert root.tag == "testsuites" and root.get("name") == "netlint"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f"{d['name']} ({rel(d['file'])})" for d in report["devices"]]
    failing_expected: dict[tuple[str, str], list[dict]] = {}
    for f in report["findings"]:
        failing_expected.setdefault((f["device"], f["rule_id"]), []).append(f)
    failing_seen = set()
    passing = 0
    for suite in suites:
        cases = suite.findall("testcase")
        assert len(cases) == len(rule_ids) == int(suite.get("tests"))
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        device = suite.get("name").split(" (")[0]
        for case, rule_id in zip(cases, rule_ids):
            assert case.get("classname") == f"netlint.{device}"
            assert case.get("file") == rel(next(d["file"] for d in report["devices"] if d["name"] == device))
            assert case.get("name").startswith(f"{rule_id} ")
            failure = case.find("failure")
            expected = failing_expected.get((device, rule_id))
            if expected:
                assert failure is not None
                failing_seen.add((device, rule_id))
                assert failure.get("message") == f"{len(expected)} finding(s)"
                worst = max(expected, key=lambda f: SEVERITY_RANK[f["severity"]])["severity"]
                assert failure.get("type") == worst
                lines = failure.text.splitlines()
                assert len(lines) == len(expected)
                assert sorted(lines) == sorted(
                    f"{rel(f['file'])}:{f['line']} {f['severity']} {f['message']}"
                    + (f" [{', '.join(f['articles'])}]" if f["articles"] else "") for f in expected)
            else:
                assert failure is None
                passing += 1
    assert failing_seen == set(failing_expected)
    assert passing > 0
    assert int(root.get("tests")) == len(suites) * len(rule_ids)
    assert int(root.get("failures")) == len(failing_expected)
    # network-level findings (zone checks) sit with the device they name
    assert ("core-fw", "NL501") in failing_seen


def test_junit_lists_suppressed_findings_in_system_out(cli, suppressed_copy):
    name, line = suppressed_copy
    _, out, _ = cli("lint", name, "--policy", "policy.yaml", "--today", TODAY, "--format", "junit")
    root = ET.fromstring(out.encode("utf-8"))
    (case,) = [c for c in root.iter("testcase") if c.get("name").startswith("NL101 ")]
    assert case.find("failure") is None  # its only finding is accepted
    assert f"{name}:{line} high" in case.find("system-out").text and REASON in case.find("system-out").text


def test_junit_escapes_and_strips_what_xml_cannot_hold():
    from netlint.report.junit import render_junit

    f = finding(0, message='a <b> & "c"\x01 d', device="fw1")
    root = ET.fromstring(render_junit(result_of([f])).encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure.text.startswith('configs/fw1.cfg:10 high a <b> & "c"\ufffd d')
    assert [c.get("name") for c in root.iter("testcase")] == [
        "NL101 any-any: A rule permits any source to any destination on any service.",
        "NL201 insecure-management: Telnet management."]


# --------------------------------------------------------------------------- GitHub


def test_github_escapes_data_and_properties():
    from netlint.report.github import render_github

    f = finding(0, message="permits a, b: c\nand 100% more", file="dir/a,b:c.cfg", line=3, end_line=4,
                articles=["10.2", "14.1"])
    lines = render_github(result_of([f])).splitlines()
    assert lines[0] == ("::error file=dir/a%2Cb%3Ac.cfg,line=3,endLine=4,title=NL101 any-any::"
                        "permits a, b: c%0Aand 100%25 more [10.2, 14.1]")
    assert lines[-1].startswith("::notice::netlint: 1 finding (1 high)")
    assert len(lines) == 2


def test_github_levels_and_summary(cli, at_root):
    code, out, _ = lint(cli, "github")
    assert code == 1
    _, json_out, _ = lint(cli, "json")
    report = json.loads(json_out)
    lines = out.splitlines()
    assert len(lines) == len(report["findings"]) + 1
    commands = {"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"}
    expected = sorted(f"{commands[f['severity']]} file={rel(f['file'])},line={f['line']},endLine={f['end_line']},"
                      f"title={f['rule_id']} {f['category']}" for f in report["findings"])
    assert sorted(line.split("::")[1] for line in lines[:-1]) == expected
    messages = sorted(f"{f['message']} [{', '.join(f['articles'])}]" for f in report["findings"])
    assert sorted(line.split("::", 2)[2] for line in lines[:-1]) == messages
    total = len(report["findings"])
    counts = report["summary"]["findings"]
    parts = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    assert lines[-1].startswith(f"::notice::netlint: {total} findings ({parts})")


def test_github_leaves_out_suppressed_findings(cli, suppressed_copy):
    name, _ = suppressed_copy
    _, out, _ = cli("lint", name, "--policy", "policy.yaml", "--today", TODAY, "--format", "github")
    assert "title=NL101 " not in out
    assert out.splitlines()[-1].endswith("; 1 suppressed")
    assert all(line.startswith(("::error file=core-fw.cfg,", "::warning file=core-fw.cfg,",
                                "::notice file=core-fw.cfg,", "::notice::")) for line in out.splitlines())


# --------------------------------------------------------------------------- Markdown


def test_markdown_truncates_after_50_rows():
    from netlint.report.markdown import render_markdown

    sevs = ["low", "critical", "medium", "high", "info"]
    findings = [finding(i, severity=sevs[i % 5], message=f"msg {i} a|b") for i in range(60)]
    findings.append(finding(99, suppressed={"kind": "inline", "reason": "ok"}))
    md = render_markdown(result_of(findings, baseline_known=3))
    rows = [line for line in md.splitlines() if line.startswith("| ") and "`configs/fw1.cfg:" in line]
    assert len(rows) == 50
    assert "... and 10 more" in md
    order = [line.split(" | ")[0].removeprefix("| ") for line in rows]
    assert order == sorted(order, key=lambda s: -SEVERITY_RANK[s])  # worst first
    assert order[:12] == ["critical"] * 12
    assert "msg 1 a\\|b" in md and "msg 1 a|b" not in md
    assert "| Severity | Rule | Location | Message | Articles |" in md
    assert "| critical | 12 |" in md and "| **Total** | **60** |" in md
    assert "1 suppressed (1 inline)" in md and "3 known from the baseline" in md
    assert "netlint 9.9.9" in md
    for line in md.splitlines():
        if line.startswith("|"):
            assert line.endswith("|") and line.replace("\\|", "").count("|") in (3, 6)


def test_markdown_of_the_sample_network_in_both_languages(cli, at_root):
    code, out, _ = lint(cli, "markdown")
    assert code == 1
    assert out.startswith("## netlint report")
    assert "| Severity | Rule | Location | Message | Articles |" in out
    assert "`fixtures/core-fw.cfg:113`" in out
    assert "### Guideline checklist" in out and "**10.2**" in out
    assert "... and " in out  # the sample network has more than 50 findings
    code_zh, out_zh, _ = lint(cli, "markdown", extra=("--lang", "zh-TW"))
    assert code_zh == 1
    assert out_zh.startswith("## netlint 檢查報告")
    assert "| 嚴重度 | 規則 | 位置 | 說明 | 條文 |" in out_zh and "指引逐條檢核" in out_zh
    assert "| Severity |" not in out_zh


def test_markdown_without_findings():
    from netlint.report.markdown import render_markdown

    md = render_markdown(result_of([]))
    assert "No findings." in md and "| **Total** | **0** |" in md
    assert "| Severity | Rule |" not in md


# --------------------------------------------------------------------------- all formats


@pytest.mark.parametrize("fail_on", ["high", "never"])
def test_exit_codes_do_not_depend_on_the_format(cli, at_root, fail_on):
    codes = {fmt: lint(cli, fmt, extra=("--fail-on", fail_on))[0]
             for fmt in ("text", "json", "sarif", "junit", "github", "markdown")}
    assert set(codes.values()) == {1 if fail_on == "high" else 0}, codes


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "markdown"])
def test_formats_write_to_an_output_file(cli, at_root, fmt, tmp_path):
    target = tmp_path / f"report.{fmt}"
    code, out, _ = lint(cli, fmt, extra=("--output", target))
    assert code == 1
    text = target.read_text(encoding="utf-8")
    assert text.strip()
    _, direct, _ = lint(cli, fmt)
    assert text == direct
