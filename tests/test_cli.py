"""The command line as scripts and users rely on it: contract section 1 (commands,
exit codes), section 3 (the JSON report), and bad input handled in one sentence."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from netlint.findings import CATEGORIES, SEVERITIES

CORE_SW = FIXTURES / "core-sw.cfg"
CORE_FW = FIXTURES / "core-fw.cfg"


def lint_json(cli, *args):
    code, out, err = cli("lint", *args, "--format", "json")
    return code, json.loads(out), err


def test_json_report_follows_the_contract(cli):
    code, report, _ = lint_json(cli, CORE_SW, CORE_FW)
    assert code == 1  # there are high findings
    assert set(report) >= {"tool", "policy", "devices", "findings", "summary"}
    assert report["tool"]["name"] == "netlint" and report["tool"]["version"]
    assert {d["name"] for d in report["devices"]} == {"core-sw", "core-fw"}
    assert {d["vendor"] for d in report["devices"]} == {"cisco_ios", "cisco_asa"}
    assert all(set(d) == {"name", "vendor", "file", "os_version"} for d in report["devices"])
    keys = {"rule_id", "category", "severity", "articles", "device", "file", "line", "end_line", "message",
            "evidence", "fingerprint"}
    for f in report["findings"]:
        assert set(f) >= keys
        assert f["category"] in CATEGORIES
        assert f["severity"] in SEVERITIES
        assert f["line"] >= 1 and f["end_line"] >= f["line"]
        assert f["message"] and isinstance(f["articles"], list)
    summary = report["summary"]
    assert summary["files"] == 2 and summary["devices"] == 2
    assert sum(summary["findings"].values()) == len(report["findings"])
    assert set(summary["findings"]) == set(SEVERITIES)


def test_findings_point_at_the_offending_line(cli):
    _, report, _ = lint_json(cli, CORE_SW, CORE_FW)
    texts = {str(p): p.read_text().splitlines() for p in (CORE_SW, CORE_FW)}
    checked = 0
    for f in report["findings"]:
        rule_text = f["evidence"].get("rule")
        if rule_text:
            assert texts[f["file"]][f["line"] - 1].strip() == rule_text
            checked += 1
    assert checked >= 5
    anyany = [f for f in report["findings"] if f["rule_id"] == "NL101" and f["device"] == "core-sw"]
    assert [texts[str(CORE_SW)][f["line"] - 1].split(maxsplit=1)[1] for f in anyany] == ["permit ip any any"]


def test_fingerprints_are_stable_and_unique(cli, tmp_path):
    _, first, _ = lint_json(cli, CORE_SW)
    shifted = tmp_path / "core-sw.cfg"
    shifted.write_text("! a comment added at the top moves every line down\n!\n" + CORE_SW.read_text())
    _, second, _ = lint_json(cli, shifted)
    fps = [f["fingerprint"] for f in first["findings"]]
    assert len(fps) == len(set(fps))
    assert sorted(fps) == sorted(f["fingerprint"] for f in second["findings"])
    assert [f["line"] + 2 for f in first["findings"]] == [f["line"] for f in second["findings"]]


def test_text_report_is_grouped_by_file_with_file_line_severity_rule(cli):
    code, out, _ = cli("lint", CORE_SW, CORE_FW)
    assert code == 1
    lines = out.splitlines()
    # Without a policy file the report first says which zones it inferred, and from what.
    assert lines[0].startswith("no policy file: zones inferred from the configs")
    assert any(line.startswith("zone 'dmz' (172.16.50.0/24): core-fw:GigabitEthernet0/1 (nameif 'dmz')") for line in lines)
    first_file = next(i for i, line in enumerate(lines) if not line.startswith(("no policy", "zone ")))
    assert lines[first_file] == str(CORE_FW)
    assert any(line.startswith(f"  {CORE_FW}:") and " high NL" in line for line in lines)
    assert lines[-1].startswith(f"{sum(1 for x in lines if re.match(r'  .+:[0-9]+ [a-z]+ NL', x))} findings (")
    assert any(x.startswith("Guideline checklist: ") for x in lines)
    assert lines[-1].endswith("2 files, 2 devices")


def test_lint_a_folder_uses_the_project_config_excludes(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, report, _ = lint_json(cli, "fixtures")
    files = {d["file"] for d in report["devices"]}
    assert "fixtures/core-sw.cfg" in files and "fixtures/core-fw.cfg" in files
    assert not any("cases" in f for f in files)
    assert not any(f.endswith((".yaml", ".md")) for f in files)


@pytest.mark.parametrize(("fail_on", "expected"), [("high", 1), ("critical", 0), ("never", 0), ("info", 1)])
def test_fail_on_sets_the_exit_code(cli, fail_on, expected):
    code, _, _ = cli("lint", CORE_SW, "--fail-on", fail_on)
    assert code == expected


def test_clean_config_exits_0(cli):
    code, out, _ = cli("lint", FIXTURES / "cases" / "cisco_ios" / "mgmt-hardened.cfg", "--select", "NL1,NL2,NL3,NL4")
    assert code == 0
    assert out.strip().endswith("No findings. — 1 file, 1 device")


def test_select_and_ignore(cli):
    _, report, _ = lint_json(cli, CORE_SW, "--select", "NL2,weak-authentication")
    ids = {f["rule_id"] for f in report["findings"]}
    assert ids and all(i.startswith("NL2") or i.startswith("NL3") for i in ids)
    _, report, _ = lint_json(cli, CORE_SW, "--ignore", "NL201", "--ignore", "insecure-management")
    assert not any(f["category"] == "insecure-management" for f in report["findings"])


def test_output_file(cli, tmp_path):
    out = tmp_path / "report.json"
    code, stdout, _ = cli("lint", CORE_SW, "--format", "json", "--output", out)
    assert code == 1 and stdout == ""
    assert json.loads(out.read_text())["devices"][0]["name"] == "core-sw"


def test_chinese_report(cli):
    code, out, _ = cli("lint", CORE_SW, "--lang", "zh-TW")
    assert "項發現" in out and "允許任意來源至任意目的" in out and " 高 " in out


# ----------------------------------------------------------------------------- bad input


def bad(cli, *args):
    code, out, err = cli(*args)
    assert code == 2, (code, out, err)
    assert err.startswith("netlint: ")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    return err


def test_empty_file(cli, tmp_path):
    empty = tmp_path / "empty.cfg"
    empty.write_text("\n  \n")
    assert f"{empty}: is empty" in bad(cli, "lint", empty)


def test_binary_file(cli, tmp_path):
    blob = tmp_path / "backup.cfg"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert f"{blob}: is a binary file" in bad(cli, "lint", blob)


def test_text_no_parser_recognises(cli, tmp_path):
    note = tmp_path / "notes.txt"
    note.write_text("Meeting notes\nWe should review the firewall next week.\n")
    assert "no parser recognises this file" in bad(cli, "lint", note)


def test_file_that_cannot_be_read(cli, tmp_path):
    link = tmp_path / "gone.cfg"
    link.symlink_to(tmp_path / "deleted-target.cfg")
    err = bad(cli, "lint", link)
    assert str(link) in err


def test_missing_path(cli, tmp_path):
    assert "does not exist" in bad(cli, "lint", tmp_path / "nope")


def test_folder_without_configs(cli, tmp_path):
    (tmp_path / "README.md").write_text("# configs\n")
    assert "no config files found" in bad(cli, "lint", tmp_path)


def test_unknown_vendor_and_format(cli):
    assert "unknown vendor 'cisco_pix'" in bad(cli, "lint", CORE_SW, "--vendor", "cisco_pix")
    assert "--format xml: unknown format" in bad(cli, "lint", CORE_SW, "--format", "xml")
    assert "--fail-on urgent: unknown severity" in bad(cli, "lint", CORE_SW, "--fail-on", "urgent")


def test_parse_bad_input(cli, tmp_path):
    empty = tmp_path / "e.cfg"
    empty.write_text("")
    assert "is empty" in bad(cli, "parse", empty)


def test_parser_bug_is_one_sentence_not_a_traceback(cli, monkeypatch):
    import parsers.cisco_ios as ios

    def boom(text, file):
        raise KeyError("oops")

    monkeypatch.setattr(ios.PARSER, "parse", boom)
    err = bad(cli, "lint", CORE_SW)
    assert "could not be parsed (internal error: KeyError" in err


def test_real_entry_points_exit_2_without_traceback(tmp_path):
    empty = tmp_path / "empty.cfg"
    empty.write_text("")
    exe = os.path.join(os.path.dirname(sys.executable), "netlint")
    for cmd in ([exe, "lint", str(empty)], [sys.executable, "-m", "netlint", "lint", str(empty)]):
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        assert run.returncode == 2
        assert run.stderr == f"netlint: {empty}: is empty\n"


# ----------------------------------------------------------------------------- parse and rules


def test_parse_prints_the_model_without_secrets(cli):
    code, out, _ = cli("parse", CORE_SW)
    assert code == 0
    model = json.loads(out)
    assert model["hostname"] == "core-sw" and model["vendor"] == "cisco_ios"
    assert "USERS_IN" in model["filters"]
    users = {u["name"]: u for u in model["management"]["users"]}
    assert users["admin"]["secret"] == {"storage": "reversible", "value": "<redacted>"}
    secret_line = next(line for line in CORE_SW.read_text().splitlines() if line.startswith("username admin"))
    assert secret_line.split()[-1] not in out  # the type-7 string itself never appears


def test_rules_lists_every_check(cli):
    from netlint.checks import all_checks

    code, out, _ = cli("rules")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(all_checks())
    for c, line in zip(all_checks(), lines):
        fields = line.split()
        assert fields[:3] == [c.id, c.category, c.severity]
        assert fields[3] == (",".join(c.articles) or "-")
    code, out, _ = cli("rules", "--format", "json")
    data = json.loads(out)
    assert all(set(d) >= {"id", "category", "severity", "articles", "summary", "what", "why", "example", "fix"} for d in data)
