"""`netlint review`: the annual rule-review worksheet (articles 5.5 and 10.3), written
pre-filled from the analysis and read back the next year."""

from __future__ import annotations

import datetime
import hashlib
import re
import shutil

import openpyxl
import pytest
from openpyxl.comments import Comment

from conftest import FIXTURES, ROOT
from netlint.report.worksheet import DECISIONS, RULE_COLUMNS, RULE_KEYS, decision_key, label

POLICY = FIXTURES / "policy.yaml"
CONFIGS = ["core-fw.cfg", "core-sw.cfg", "edge-fw.conf", "exch-fw.conf", "lab-gw.rules"]
SAMPLES = [FIXTURES / name for name in CONFIGS]

ZH_SHEETS = ["封面與簽核", "規則審查", "區域矩陣", "檢測發現", "物件"]
EN_SHEETS = ["Cover", "Rules", "Zone matrix", "Findings", "Objects"]


def review(cli, out, *paths, lang=None, previous=None, today="2026-11-24"):
    args = ["review", *(paths or SAMPLES), "--policy", POLICY, "--output", out, "--today", today]
    if lang:
        args += ["--lang", lang]
    if previous is not None:
        args += ["--previous", previous]
    return cli(*args)


def rule_rows(wb, sheet="Rules"):
    """The Rules sheet as dicts by stable key (row 1 holds the keys, row 2 the headers)."""
    ws = wb[sheet]
    keys = [c.value for c in ws[1]]
    return [dict(zip(keys, row)) for row in ws.iter_rows(min_row=3, values_only=True) if any(row)]


def parsed_rule_count(paths) -> int:
    from parsers import parse_file

    return sum(len(f.rules) for p in paths for f in parse_file(p).filters.values())


def visible(wb):
    return [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]


def column_letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(RULE_KEYS.index(key) + 1)


def find(rows, device, line):
    (row,) = [r for r in rows if r["device"] == device and r["line"] == line]
    return row


# --------------------------------------------------------------------------- the worksheet


def test_default_worksheet_is_traditional_chinese_with_one_row_per_rule(cli, tmp_path):
    out = tmp_path / "review-2026.xlsx"
    code, stdout, stderr = review(cli, out)
    assert code == 0, stderr
    n = parsed_rule_count(SAMPLES)
    assert stdout.strip().startswith(f"wrote review-2026.xlsx: {n} rules on 5 devices (")
    wb = openpyxl.load_workbook(out)
    assert visible(wb) == ZH_SHEETS
    assert [ws.sheet_state for ws in wb.worksheets if ws.title == "netlint"] == ["hidden"]
    ws = wb["規則審查"]
    assert [c.value for c in ws[1]] == list(RULE_KEYS)
    assert ws.row_dimensions[1].hidden
    assert [c.value for c in ws[2]] == [c.zh for c in RULE_COLUMNS]
    rows = rule_rows(wb, "規則審查")
    assert len(rows) == n == 55
    # localised values with a stable mapping
    rdp = find(rows, "core-fw", 98)
    assert rdp["action"] == "允許" and rdp["risk"] == "嚴重" and rdp["recommendation"] == "限縮"
    assert rdp["findings"].startswith("NL503 [嚴重] ")
    assert find(rows, "core-fw", 104)["recommendation"] == "移除"
    (dv,) = [d for d in ws.data_validations.dataValidation if d.type == "list"]
    assert dv.formula1 == '"保留,修改,移除,待查"'
    assert str(dv.sqref) == f"{column_letter('decision')}3:{column_letter('decision')}{n + 2}"
    cover = wb["封面與簽核"]
    texts = [c for row in cover.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "Example Securities Co., Ltd." in texts and "第一級" in texts
    assert "核定（資安長）" in texts and "簽名" in texts


def test_english_worksheet_layout_validation_and_print_setup(cli, tmp_path):
    out = tmp_path / "review-2026.xlsx"
    code, _, stderr = review(cli, out, lang="en")
    assert code == 0, stderr
    wb = openpyxl.load_workbook(out)
    assert visible(wb) == EN_SHEETS
    ws = wb["Rules"]
    assert [c.value for c in ws[2]] == [c.en for c in RULE_COLUMNS]
    assert ws.freeze_panes == "D3"
    last = ws.max_row
    assert ws.auto_filter.ref == f"A2:{column_letter('comment')}{last}"
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions[column_letter("findings")].width > 40
    assert ws.cell(3, RULE_KEYS.index("findings") + 1).alignment.wrap_text
    (dv,) = [d for d in ws.data_validations.dataValidation if d.type == "list"]
    assert dv.formula1 == '"keep,modify,remove,investigate"'
    assert column_letter("decision") in str(dv.sqref)
    # conditional fills by risk level and by decision, on their columns
    ranges = {str(cf.sqref): [r.formula for r in cf.rules] for cf in ws.conditional_formatting}
    risk_range = f"{column_letter('risk')}3:{column_letter('risk')}{last}"
    decision_range = f"{column_letter('decision')}3:{column_letter('decision')}{last}"
    assert ['"critical"'] in ranges[risk_range] and ['"high"'] in ranges[risk_range]
    assert ['"remove"'] in ranges[decision_range] and ['"keep"'] in ranges[decision_range]
    for name in ("Findings", "Objects"):
        assert wb[name].freeze_panes == "A2" and wb[name].auto_filter.ref


def test_rules_are_prefilled_from_the_analysis(cli, tmp_path):
    out = tmp_path / "review.xlsx"
    review(cli, out, lang="en")
    rows = rule_rows(openpyxl.load_workbook(out))
    # the RDP rule of core-fw: critical unapproved port, tighten
    rdp = find(rows, "core-fw", 98)
    assert (rdp["filter"], rdp["position"], rdp["action"]) == ("OUTSIDE_IN", 3, "permit")
    assert "NL503" in rdp["findings"] and "tcp/3389" in rdp["findings"]
    assert (rdp["risk"], rdp["recommendation"]) == ("critical", "tighten")
    assert (rdp["src_zones"], rdp["dst_zones"]) == ("any", "dmz")
    assert rdp["remark"] == "vendor support, temporary" and rdp["logging"] == "no" and rdp["enabled"] == "yes"
    # shadowed, redundant, disabled and expired rules: remove
    assert find(rows, "core-fw", 104)["findings"].startswith("NL110") and find(rows, "core-fw", 104)["recommendation"] == "remove"
    assert find(rows, "core-sw", 194)["recommendation"] == "remove"  # NL112 redundant
    disabled = find(rows, "edge-fw", 234)
    assert "NL131" in disabled["findings"] and disabled["enabled"] == "no" and disabled["recommendation"] == "remove"
    expired = find(rows, "edge-fw", 203)
    assert expired["schedule"] == "vendor-2025Q1" and "NL130" in expired["findings"]
    # every rule of an unused ACL is to be removed
    assert {r["recommendation"] for r in rows if r["filter"] == "OLD_PARTNER"} == {"remove"}
    # any-any: tighten; no remark: document; nothing found: keep
    anyany = find(rows, "core-sw", 202)
    assert "NL101" in anyany["findings"] and anyany["recommendation"] == "tighten" and anyany["risk"] == "high"
    assert (anyany["src_zones"], anyany["dst_zones"]) == ("users", "any")  # USERS_IN is inbound on Vlan30
    assert find(rows, "core-sw", 197)["recommendation"] == "document"
    clean = find(rows, "core-sw", 184)
    assert (clean["findings"], clean["risk"], clean["recommendation"]) == (None, "none", "keep")
    # zones: zone-based policies, interfaces mapped to policy zones, chains jumped to
    assert (find(rows, "exch-fw", 206)["src_zones"], find(rows, "exch-fw", 206)["dst_zones"]) == ("exchange", "prod")
    assert find(rows, "edge-fw", 171)["src_zones"] == "internet (wan1)"
    vendor = find(rows, "lab-gw", 55)
    assert (vendor["src_zones"], vendor["dst_zones"]) == ("vendor-lab (tun0)", "uat (eth0)")
    assert find(rows, "exch-fw", 117)["dst_zones"] == "(the device itself)"  # lo0 filter
    # evaluation order and stable, unique fingerprints
    for (device, filt) in {(r["device"], r["filter"]) for r in rows}:
        positions = [r["position"] for r in rows if (r["device"], r["filter"]) == (device, filt)]
        assert positions == list(range(1, len(positions) + 1))
    fps = [r["fingerprint"] for r in rows]
    assert len(set(fps)) == len(fps) and all(re.fullmatch(r"[0-9a-f]{16}", f) for f in fps)
    assert all(r["decision"] is None and r["owner"] is None for r in rows)


def test_cover_findings_objects_and_zone_matrix(cli, tmp_path):
    out = tmp_path / "review.xlsx"
    review(cli, out, lang="en")
    _, lint_out, _ = cli("lint", *SAMPLES, "--policy", POLICY, "--format", "json", "--today", "2026-11-24")
    import json

    report = json.loads(lint_out)
    wb = openpyxl.load_workbook(out)
    cover = [[c for c in row if c is not None] for row in wb["Cover"].iter_rows(values_only=True)]
    by_label = {row[0]: row[1:] for row in cover if row and isinstance(row[0], str)}
    assert by_label["Organisation"] == ["Example Securities Co., Ltd."]
    assert by_label["Category (article 2)"] == ["category 1"]
    assert by_label["Review date"] == [datetime.datetime(2026, 11, 24)]
    assert by_label["Rules reviewed"] == [55]
    assert by_label["Findings, critical"] == [report["summary"]["findings"]["critical"]]
    for path in SAMPLES:  # scope: every file with its SHA-256 (hostnames are the file stems here)
        assert hashlib.sha256(path.read_bytes()).hexdigest() in by_label[path.stem]
        assert str(path) in by_label[path.stem]
    assert "2024-11-18 16:42:07 CST" in by_label["exch-fw"]  # the config date when the file says it
    checklist = {a["article"]: a for a in report["checklist"]}
    assert by_label["10.3"][1] == checklist["10.3"]["status"] == "fail"
    assert by_label["10.3"][2] == len(checklist["10.3"]["findings"])
    for role in ("Prepared by (IT staff, article 5.5)", "Reviewed by", "Approved by (CISO)"):
        assert role in by_label
    live = [row for row in wb["Cover"].iter_rows(values_only=True) if row[0] == "Decisions pending now (live count)"]
    assert live[0][1] == f"=COUNTBLANK('Rules'!${column_letter('decision')}$3:${column_letter('decision')}$57)"
    # Findings: every finding once, with its rule when it has one
    findings = list(wb["Findings"].iter_rows(min_row=2, values_only=True))
    assert len(findings) == len(report["findings"]) + len(report.get("suppressed", []))
    assert sorted(f[8] for f in findings) == sorted(f["fingerprint"] for f in report["findings"])
    rdp = [f for f in findings if f[1] == "NL503" and f[4] == "core-fw" and f[6] == 98]
    assert rdp and rdp[0][0] == "critical" and rdp[0][9] == find(rule_rows(wb), "core-fw", 98)["fingerprint"]
    # Objects: unused and undefined
    objects = {(r[0], r[1], r[2], r[3]) for r in wb["Objects"].iter_rows(min_row=2, values_only=True)}
    assert ("core-fw", "unused", "acl", "OLD_PARTNER") in objects
    assert ("core-sw", "undefined", "acl", "MGMT_VLAN_IN") in objects
    assert ("core-sw", "unused", "address-group", "LEGACY_BACKUP_SERVERS") in objects
    # Zone matrix: rows from, columns to; beyond-policy cells in red
    ws = wb["Zone matrix"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "from \\ to")
    zones = list(header[1:])
    assert zones[:3] == ["internet", "dmz", "prod"]
    row_of: dict = {}
    for r in range(1, ws.max_row + 1):  # the matrix first; the details table below repeats the zones
        row_of.setdefault(ws.cell(r, 1).value, r)
    cell = ws.cell(row_of["internet"], 2 + zones.index("dmz"))
    assert cell.value.startswith("tcp/443, tcp/3389") and "beyond policy: tcp/3389" in cell.value
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    ok = ws.cell(row_of["dmz"], 2 + zones.index("prod"))
    assert ok.value == "tcp/1521" and not ok.fill.fgColor.rgb.endswith("FFC7CE")
    assert "unfiltered path" in ws.cell(row_of["prod"], 2 + zones.index("uat")).value


def test_a_folder_review_uses_the_project_config(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "review.xlsx"
    code, stdout, stderr = cli("review", "fixtures", "--policy", "fixtures/policy.yaml", "--output", out,
                               "--today", "2026-11-24")
    assert code == 0, stderr
    assert "55 rules on 5 devices" in stdout  # fixtures/cases excluded by .netlint.yaml


def test_rule_fingerprints_survive_renumbering(cli, tmp_path):
    shifted = tmp_path / "shifted"
    shifted.mkdir()
    for p in SAMPLES:
        text = p.read_text()
        if p.suffix == ".cfg":
            text = "! two lines added at the top\n!\n" + text
        (shifted / p.name).write_text(text)
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    review(cli, a, lang="en")
    review(cli, b, *sorted(shifted.iterdir()), lang="en")
    first, second = rule_rows(openpyxl.load_workbook(a)), rule_rows(openpyxl.load_workbook(b))
    assert sorted(r["fingerprint"] for r in first) == sorted(r["fingerprint"] for r in second)
    moved = {r["fingerprint"]: r["line"] for r in second}
    assert all(moved[r["fingerprint"]] == r["line"] + 2 for r in first if r["device"] in ("core-fw", "core-sw"))


def test_two_files_of_one_hostname_keep_distinct_fingerprints(cli, tmp_path):
    """An HA pair saved as two files: every rule still has its own fingerprint, and the
    next review matches each to itself."""
    for name in ("core-fw-a.cfg", "core-fw-b.cfg"):
        shutil.copy(FIXTURES / "core-fw.cfg", tmp_path / name)
    files = [tmp_path / "core-fw-a.cfg", tmp_path / "core-fw-b.cfg"]
    first = tmp_path / "first.xlsx"
    code, _, err = review(cli, first, *files, lang="en")
    assert code == 0, err
    rows = rule_rows(openpyxl.load_workbook(first))
    assert len(rows) == 22 and len({r["fingerprint"] for r in rows}) == 22
    code, stdout, _ = review(cli, tmp_path / "second.xlsx", *files, lang="en", previous=first)
    assert "(0 new, 0 changed, 0 removed since" in stdout


# --------------------------------------------------------------------------- next year


def sign(path, out, decide):
    """Fill last year's worksheet as reviewers would, then edit it by hand: a comment
    row inserted, a total row appended, the rows sorted backwards."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[1]
    col = {c.value: c.column for c in ws[1]}
    for r in range(3, ws.max_row + 1):
        dev, line = ws.cell(r, col["device"]).value, ws.cell(r, col["line"]).value
        ws.cell(r, col["owner"]).value = f"owner of {dev}:{line}"
        ws.cell(r, col["justification"]).value = f"needed by {dev}"
        ws.cell(r, col["ticket"]).value = "CHG-2025-100"
        ws.cell(r, col["decision"]).value = decide.get((dev, line), "keep")
        ws.cell(r, col["reviewer"]).value = "Lin"
        ws.cell(r, col["review_date"]).value = datetime.date(2025, 11, 21)
    data = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    for r, values in enumerate(reversed(data), 3):
        for c, v in enumerate(values, 1):
            ws.cell(r, c).value = v
    ws.insert_rows(4)
    ws.cell(4, 1).value = "reviewed with the network team on 2025-11-21"
    ws.cell(3, col["justification"]).comment = Comment("asked the application owner", "Lin")
    ws.append(["total", None, None, len(data)])
    wb.save(out)


@pytest.fixture
def last_year(cli, tmp_path):
    """Last year's configs and signed worksheet (English), this year's configs with one
    rule changed, one deleted and one added."""
    old, new = tmp_path / "2025", tmp_path / "2026"
    old.mkdir()
    new.mkdir()
    for p in SAMPLES:
        shutil.copy(p, old / p.name)
        shutil.copy(p, new / p.name)
    fw = (new / "core-fw.cfg").read_text()
    rdp = "access-list OUTSIDE_IN extended permit tcp any object DMZ-ORDER-GW eq 3389\n"
    assert fw.count(rdp) == 1
    (new / "core-fw.cfg").write_text(fw.replace(rdp, rdp.replace("eq 3389", "eq 5900")))
    sw = (new / "core-sw.cfg").read_text()
    uat_ssh = " 15 permit tcp 10.20.0.0 0.0.255.255 10.10.0.0 0.0.255.255 eq 22\n"
    dns = " 20 permit udp 10.30.0.0 0.0.255.255 host 10.99.0.53 eq domain\n"
    assert sw.count(uat_ssh) == 1 and sw.count(dns) == 1
    sw = sw.replace(uat_ssh, "").replace(dns, dns + " 25 permit tcp 10.30.0.0 0.0.255.255 host 10.99.0.53 eq domain\n")
    (new / "core-sw.cfg").write_text(sw)
    generated = tmp_path / "review-2025.xlsx"
    code, _, err = review(cli, generated, *sorted(old.iterdir()), lang="en", today="2025-11-20")
    assert code == 0, err
    signed = tmp_path / "review-2025-signed.xlsx"
    sign(generated, signed, {("core-fw", 104): "Remove",  # shadowed, still there next year
                             ("core-sw", 188): "remove",  # deleted as decided
                             ("core-fw", 98): "modify"})  # changed next year
    return new, signed


def test_next_year_carries_decisions_and_marks_new_changed_removed(cli, tmp_path, last_year):
    new, signed = last_year
    out = tmp_path / "review-2026.xlsx"
    code, stdout, stderr = review(cli, out, *sorted(new.iterdir()), lang="en", previous=signed)
    assert code == 0, stderr
    assert stdout.strip() == ("wrote review-2026.xlsx: 55 rules on 5 devices (1 new, 1 changed, 1 removed since the "
                              "previous review of 2025-11-20; 53 decisions carried; 1 decided 'remove' last year "
                              "still present)")
    wb = openpyxl.load_workbook(out)
    assert visible(wb) == EN_SHEETS + ["Removed since last review"]
    rows = rule_rows(wb)
    # unchanged rules (renumbered ones included): decision, owner, justification, ticket carried
    kept = find(rows, "core-sw", 189)  # was line 190 before the deletion above it
    assert kept["change"] == "unchanged"
    assert (kept["decision"], kept["owner"], kept["justification"], kept["ticket"]) == \
        ("keep", "owner of core-sw:190", "needed by core-sw", "CHG-2025-100")
    assert kept["previous"] == "carried from 2025-11-21 (reviewer Lin)"
    assert kept["reviewer"] is None and kept["review_date"] is None  # this year's reviewer signs again
    assert wb["Rules"].cell(3, RULE_KEYS.index("owner") + 1).font.i  # carried values are shown in italics
    # changed: same ACL line name, different port; owner kept, decision to be taken again
    changed = find(rows, "core-fw", 98)
    assert changed["change"] == "changed" and changed["services"] == "tcp/5900"
    assert changed["decision"] is None and changed["owner"] == "owner of core-fw:98"
    assert "was: permit any → DMZ-ORDER-GW tcp/3389 (Line 98)" in changed["previous"]
    assert "decision 2025-11-21: modify" in changed["previous"]
    # new
    added = find(rows, "core-sw", 196)
    assert (added["change"], added["name"], added["decision"], added["previous"]) == ("new", "25", None, None)
    # decided 'remove' last year and still there: flagged
    overdue = [r for r in rows if r["remove_overdue"] == "yes"]
    assert [(r["device"], r["line"], r["decision"]) for r in overdue] == [("core-fw", 104, "remove")]
    assert sum(r["change"] == "unchanged" for r in rows) == 53
    # removed: listed with last year's decision
    removed = [r for r in wb["Removed since last review"].iter_rows(min_row=3, values_only=True) if any(r)]
    assert len(removed) == 1
    assert removed[0][:5] == ("core-sw", "PROD_IN", 3, 188, "15") and removed[0][-3:] == ("remove", "Lin", "yes")
    cover = {row[0]: row[1] for row in wb["Cover"].iter_rows(values_only=True) if row[0]}
    assert cover["Rules new since the previous review"] == 1
    assert cover["Rules removed since the previous review"] == 1
    assert cover["Decided 'remove' at the previous review, still present"] == 1
    assert cover["Decisions pending when generated"] == 2
    assert cover["Review period"] == "2025-11-20 to 2026-11-24"


def test_next_year_in_the_other_language_and_without_the_key_row(cli, tmp_path, last_year):
    """Last year in English, this year in Chinese; someone deleted the hidden key row and
    moved the decision column: the English headers are recognised."""
    new, signed = last_year
    wb = openpyxl.load_workbook(signed)
    ws = wb["Rules"]
    ws.delete_rows(1)
    ws.move_range(f"{column_letter('decision')}1:{column_letter('decision')}{ws.max_row}", cols=6)
    wb.save(signed)
    out = tmp_path / "review-2026.xlsx"
    code, stdout, stderr = review(cli, out, *sorted(new.iterdir()), previous=signed)
    assert code == 0, stderr
    assert "53 decisions carried; 1 decided 'remove' last year still present" in stdout
    rows = rule_rows(openpyxl.load_workbook(out), "規則審查")
    assert find(rows, "core-fw", 104)["decision"] == "移除" and find(rows, "core-fw", 104)["remove_overdue"] == "是"
    assert find(rows, "core-fw", 93)["decision"] == "保留"
    assert find(rows, "core-fw", 93)["previous"] == "沿用 2025-11-21 審查結果（審查人 Lin）"
    assert find(rows, "core-fw", 98)["change"] == "已變更" and find(rows, "core-sw", 196)["change"] == "新增"


def test_regenerating_from_an_unchanged_network_changes_nothing(cli, tmp_path):
    first = tmp_path / "first.xlsx"
    review(cli, first, lang="en")
    code, stdout, _ = review(cli, tmp_path / "second.xlsx", lang="en", previous=first)
    assert code == 0
    assert "(0 new, 0 changed, 0 removed since the previous review of 2026-11-24; 0 decisions carried;" in stdout
    rows = rule_rows(openpyxl.load_workbook(tmp_path / "second.xlsx"))
    assert {r["change"] for r in rows} == {"unchanged"}


@pytest.mark.parametrize("kind", ["text", "wrong-sheets", "no-rules-sheet", "csv", "xls"])
def test_a_bad_previous_worksheet_is_one_sentence_and_exit_2(cli, tmp_path, kind):
    if kind == "text":
        bad = tmp_path / "last-year.xlsx"
        bad.write_text("this is not a workbook\n")
    elif kind == "wrong-sheets":
        bad = tmp_path / "budget.xlsx"
        wb = openpyxl.Workbook()
        wb.active.title = "Budget"
        wb.active.append(["Device", "Cost"])
        wb.save(bad)
    elif kind == "no-rules-sheet":  # the Rules sheet deleted: the Findings sheet is no rule table
        bad = tmp_path / "review-2025.xlsx"
        wb = openpyxl.Workbook()
        wb.active.title = "Cover"
        findings = wb.create_sheet("Findings")
        findings.append(["Severity", "Check", "Category", "Articles", "Device", "File", "Line", "Message",
                         "Finding fingerprint", "Rule fingerprint", "Suppressed / why"])
        findings.append(["high", "NL101", "any-any", "10.2", "core-fw", "core-fw.cfg", 113, "any any",
                         "0123456789abcdef0123", "1e0c201e7710fc8b", "active"])
        wb.save(bad)
    elif kind == "csv":
        bad = tmp_path / "rules.csv"
        bad.write_text("device,filter,fingerprint\ncore-fw,OUTSIDE_IN,abcdef0123456789\n")
    else:
        bad = tmp_path / "old.xls"
        bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # an OLE2 (Excel 97) header
    out = tmp_path / "review.xlsx"
    code, stdout, stderr = review(cli, out, previous=bad)
    assert code == 2
    assert stdout == ""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"netlint: {bad}: ")
    assert "Traceback" not in stderr
    assert not out.exists()


def test_missing_previous_and_wrong_output_suffix(cli, tmp_path):
    code, _, err = review(cli, tmp_path / "r.xlsx", previous=tmp_path / "nope.xlsx")
    assert code == 2 and "does not exist" in err
    code, _, err = review(cli, tmp_path / "r.csv")
    assert code == 2 and ".xlsx" in err


def test_decisions_are_read_in_either_language():
    assert [decision_key(label("decision", d, "zh-TW")) for d in DECISIONS] == list(DECISIONS)
    assert [decision_key(label("decision", d, "en")) for d in DECISIONS] == list(DECISIONS)
    assert decision_key(" Remove ") == "remove" and decision_key("KEEP") == "keep"
    assert decision_key("刪除") == "remove" and decision_key("remove (after the migration)") == "remove"
    assert decision_key(None) is None and decision_key("  ") is None
    assert decision_key("ask Mr Chen") == "ask Mr Chen"  # kept as written, never guessed
