"""The end-of-life table (netlint/data/eol.yaml), netlint.eol and the lifecycle checks
NL601-NL603, through the CLI (`netlint lint FILE --today D --format json --select NL6`)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES

SHIPPED = Path(__file__).resolve().parents[1] / "netlint" / "data" / "eol.yaml"

IOS_XE_17_9 = "hostname r1\nversion 17.9\n"  # 17.9: maintenance ends 2025-01-29, security support 2026-07-29
ASA_9_12 = "ASA Version 9.12(4)\nhostname fw\n"
EOS_4_26 = "! device: sw1 (DCS-7050SX3-48YC8, EOS-4.26.4M)\n!\nhostname sw1\n"
NXOS_9_3 = "version 9.3(8) Bios:version 05.45\nhostname n1\n"
JUNOS_19_4 = "version 19.4R3-S2.1;\nsystem {\n    host-name j1;\n}\n"


def fortios(version: str) -> str:
    return (f"#config-version=FGT100F-{version}-FW-build1966-220517:opmode=0:vdom=0:user=admin\n"
            "config system global\n    set hostname \"fg1\"\nend\n")


def panos(detail: str | None, schema: str = "10.1.0") -> str:
    attr = f' detail-version="{detail}"' if detail else ""
    return (f'<?xml version="1.0"?>\n<config version="{schema}" urldb="paloaltonetworks"{attr}>\n'
            "  <devices>\n    <entry name=\"localhost.localdomain\">\n      <deviceconfig>\n        <system>\n"
            "          <hostname>pa1</hostname>\n        </system>\n      </deviceconfig>\n    </entry>\n"
            "  </devices>\n</config>\n")


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def lint(cli, *paths, today: str, extra: tuple = ()) -> list[dict]:
    """NL6 findings of `netlint lint PATHS --today TODAY --format json --select NL6`."""
    code, out, err = cli("lint", *paths, "--today", today, "--format", "json", "--select", "NL6",
                         "--fail-on", "never", *extra)
    assert code == 0, err
    return json.loads(out)["findings"]


def only(findings: list[dict]) -> dict:
    assert len(findings) == 1, findings
    return findings[0]


# ----------------------------------------------------------------------------- NL601 end dates


@pytest.mark.parametrize("today, severity", [
    ("2024-12-01", None),       # under maintenance, more than 180 days left
    ("2025-06-01", "low"),      # past end of maintenance (2025-01-29), security fixes until 2026-07-29
    ("2026-07-28", "medium"),   # the day before the end of support
    ("2026-07-29", "medium"),   # on the end date: its last supported day
    ("2026-07-30", "high"),     # the day after
    ("2030-01-01", "high"),
])
def test_before_on_and_after_the_end_of_support(cli, tmp_path, today, severity):
    f = write(tmp_path, "r1.cfg", IOS_XE_17_9)
    found = [x for x in lint(cli, f, today=today) if x["rule_id"] == "NL601"]
    if severity is None:
        assert found == []
        return
    x = only(found)
    assert x["severity"] == severity and x["category"] == "eol-software" and x["articles"] == ["6.1"]
    assert x["line"] == 2  # the `version 17.9` line
    assert x["evidence"]["train"] == "17.9" and x["evidence"]["end_of_support"] == "2026-07-29"
    assert x["evidence"]["source"].startswith("https://")
    if severity == "high":
        assert "reached end of support on 2026-07-29" in x["message"] and "17.9" in x["message"]
    if severity == "medium":
        assert "plan the replacement" in x["message"]


def test_180_day_window(cli, tmp_path):
    f = write(tmp_path, "r1.cfg", IOS_XE_17_9)
    # 2026-01-30 + 180 days = 2026-07-29: exactly 180 days left is outside the window
    assert only(lint(cli, f, today="2026-01-30"))["severity"] == "low"
    x = only(lint(cli, f, today="2026-01-31"))
    assert x["rule_id"] == "NL601" and x["severity"] == "medium"
    assert x["evidence"]["days_left"] == 179 and "in 179 days" in x["message"]


def test_messages_are_bilingual(cli, tmp_path):
    f = write(tmp_path, "r1.cfg", IOS_XE_17_9)
    code, out, _ = cli("lint", f, "--today", "2026-11-24", "--select", "NL6", "--lang", "zh-TW")
    assert code == 1  # a high finding
    assert "已於 2026-07-29 終止支援" in out
    from netlint.checks import DeviceContext, Options, all_checks, run_device_checks
    from tests.conftest import parse

    checks = [c for c in all_checks() if c.id.startswith("NL6")]
    ctx = DeviceContext(parse(EOS_4_26, "sw1.cfg"), options=Options(today=date(2024, 3, 1)))
    (x,) = run_device_checks(ctx, checks)
    assert x.severity == "medium" and "2024-04-15" in x.message and "剩 45 天" in x.message_zh


def test_eos_train_and_fortios_header(cli, tmp_path):
    x = only(lint(cli, write(tmp_path, "sw1.cfg", EOS_4_26), today="2026-11-24"))
    assert (x["rule_id"], x["severity"], x["line"]) == ("NL601", "high", 1)
    assert x["evidence"]["train"] == "4.26" and x["evidence"]["end_of_support"] == "2024-04-15"
    x = only(lint(cli, write(tmp_path, "fg1.conf", fortios("6.4.9")), today="2026-11-24"))
    assert (x["rule_id"], x["severity"], x["line"]) == ("NL601", "high", 1)
    assert x["evidence"]["train"] == "6.4" and x["evidence"]["end_of_support"] == "2024-09-30"
    # FortiOS 7.4: engineering support until 2027-05-11
    assert lint(cli, write(tmp_path, "fg2.conf", fortios("7.4.4")), today="2026-11-24") == []


# ----------------------------------------------------------------------------- NL603 unknown


def test_unknown_train_is_info_not_silence(cli, tmp_path):
    x = only(lint(cli, write(tmp_path, "fw.cfg", ASA_9_12), today="2026-11-24"))
    assert (x["rule_id"], x["severity"], x["line"]) == ("NL603", "info", 1)
    assert x["articles"] == ["6.1", "6.2"]
    assert "cannot tell whether Cisco ASA 9.12(4)" in x["message"] and "needs evidence" in x["message"]
    assert x["evidence"]["train"] == "9.12" and x["evidence"]["reason"] == "unknown-train"


def test_no_version_and_unknown_format(cli, tmp_path):
    x = only(lint(cli, FIXTURES / "cases" / "cisco_ios" / "object-groups.cfg", today="2026-11-24"))
    assert x["rule_id"] == "NL603" and x["severity"] == "info" and x["evidence"]["reason"] == "no-version"
    assert "states no OS version" in x["message"]
    f = write(tmp_path, "odd.cfg", "hostname r1\nversion banana\n")
    x = only(lint(cli, f, today="2026-11-24", extra=("--vendor", "cisco_ios")))
    assert x["rule_id"] == "NL603" and x["evidence"]["reason"] == "unknown-format"


def test_rulesets_without_an_os_are_skipped(cli):
    assert lint(cli, FIXTURES / "lab-gw.rules", today="2026-11-24") == []
    assert lint(cli, FIXTURES / "cases" / "linux_nftables" / "inet-filter.nft", today="2026-11-24") == []
    # an EOS ACL snippet says nothing of the switch's OS either
    assert lint(cli, FIXTURES / "cases" / "arista_eos" / "snippet-acl.cfg", today="2026-11-24") == []


# ----------------------------------------------------------------------------- NL602 recommended


def test_below_recommended_release(cli, tmp_path):
    # PAN-OS 10.1: end of life 2024-12-01, latest 10.1.14-h20
    x = only(lint(cli, write(tmp_path, "pa.xml", panos("10.1.6-h3")), today="2024-01-01"))
    assert (x["rule_id"], x["severity"]) == ("NL602", "low")
    assert x["articles"] == ["6.2", "9.3"] and x["line"] == 2
    assert x["evidence"]["recommended"] == "10.1.14-h20" and x["evidence"]["train"] == "10.1"
    assert "older than the recommended release 10.1.14-h20" in x["message"]
    # NX-OS 9.3(8) below 9.3(16), while 9.3 is still supported
    x = only(lint(cli, write(tmp_path, "n1.cfg", NXOS_9_3), today="2025-06-01"))
    assert (x["rule_id"], x["evidence"]["recommended"]) == ("NL602", "9.3(16)")


def test_recommended_release_itself_and_coarse_versions_pass(cli, tmp_path):
    assert lint(cli, write(tmp_path, "a.xml", panos("10.1.14-h20")), today="2024-01-01") == []
    # without detail-version the config only names the schema's feature release ("10.1.0")
    assert lint(cli, write(tmp_path, "b.xml", panos(None)), today="2024-01-01") == []


def test_end_of_life_train_is_nl601_only(cli, tmp_path):
    ids = sorted(x["rule_id"] for x in lint(cli, write(tmp_path, "n1.cfg", NXOS_9_3), today="2026-11-24"))
    assert ids == ["NL601"]


# ----------------------------------------------------------------------------- version comparison


@pytest.mark.parametrize("vendor, older, newer", [
    ("cisco_asa", "9.8(4)", "9.8(4)45"),
    ("cisco_asa", "9.16(3)19", "9.16(4)"),
    ("cisco_ios", "17.9.4a", "17.9.5"),
    ("cisco_ios", "17.9.4", "17.9.4a"),
    ("cisco_ios", "17.09.04a", "17.9.5"),
    ("cisco_ios", "15.9(3)M4", "15.9(3)M13"),
    ("paloalto_panos", "10.1.6-h3", "10.1.14"),
    ("paloalto_panos", "10.1.14", "10.1.14-h20"),
    ("paloalto_panos", "10.1.14-h4", "10.1.14-h20"),
    ("fortinet_fortios", "7.0.12", "7.0.15"),
    ("fortinet_fortios", "7.0.9", "7.0.12"),
    ("juniper_junos", "19.4R3-S2.1", "19.4R3-S12"),
    ("juniper_junos", "19.4R2-S3", "19.4R3"),
    ("juniper_junos", "19.4R3", "19.4R3-S1"),
    ("juniper_junos", "12.3X48-D105.4", "12.3X48-D110"),
    ("cisco_nxos", "9.3(8)", "9.3(16)"),
    ("cisco_nxos", "10.4(3)F", "10.4(7)M"),
    ("arista_eos", "4.26.4M", "4.26.10M"),
])
def test_versions_compare_per_vendor(vendor, older, newer):
    from netlint.eol import load_table

    t = load_table()
    assert t.compare(vendor, older, newer) == -1
    assert t.compare(vendor, newer, older) == 1
    assert t.compare(vendor, older, older) == 0


@pytest.mark.parametrize("vendor, a, b", [
    ("juniper_junos", "21.4R3.15", "21.4R3"),      # build numbers do not order releases
    ("juniper_junos", "19.4R3-S2.1", "19.4R3-S2"),
    ("cisco_nxos", "10.5(5)M", "10.5(5)"),          # release-type labels neither
    ("arista_eos", "4.28.3M", "4.28.3"),
])
def test_versions_that_are_the_same_release(vendor, a, b):
    from netlint.eol import load_table

    assert load_table().compare(vendor, a, b) == 0


@pytest.mark.parametrize("vendor, version, train", [
    ("cisco_ios", "17.6", "17.6"), ("cisco_ios", "17.09.04a", "17.9"), ("cisco_ios", "16.9.4", "16.1-16.11"),
    ("cisco_ios", "16.12.10", "16.12"), ("cisco_ios", "15.2", "15.2"), ("cisco_asa", "9.8(4)", "9.8"),
    ("cisco_nxos", "9.3(8)", "9.3"), ("cisco_nxos", "7.0(3)I7(9)", "7.0(3)I7"), ("arista_eos", "4.26.4M", "4.26"),
    ("juniper_junos", "19.4R3-S2.1", "19.4"), ("juniper_junos", "12.3X48-D105.4", "12.3X48"),
    ("paloalto_panos", "10.1.6-h3", "10.1"), ("fortinet_fortios", "7.0.12", "7.0"),
    ("cisco_asa", "banana", None), ("linux_iptables", "1.8", None),
])
def test_versions_map_to_trains(vendor, version, train):
    from netlint.eol import load_table

    assert load_table().train_of(vendor, version) == train


def test_lookup_compares_with_the_recommended_release():
    from netlint.eol import load_table, lookup

    t = load_table()
    assert lookup("paloalto_panos", "10.1.6-h3", t).older_than_recommended is True
    assert lookup("paloalto_panos", "10.1.14-h20", t).older_than_recommended is False
    assert lookup("paloalto_panos", "10.1", t).older_than_recommended is None  # train only: cannot tell
    assert lookup("cisco_ios", "15.9(3)M4", t).older_than_recommended is True
    assert lookup("cisco_ios", "15.9", t).older_than_recommended is None
    assert lookup("cisco_ios", "17.9.4a", t).older_than_recommended is None  # no recommended release known
    lk = lookup("cisco_asa", "9.8(4)", t)
    assert lk.train == "9.8" and not lk.known


# ----------------------------------------------------------------------------- --eol-data


OVERRIDE = """\
# a site table: replaces the shipped one (its version patterns are kept)
trains:
  - vendor: cisco_asa
    train: "9.12"
    release_date: 2019-03-01
    end_of_maintenance: 2024-03-31
    end_of_support: 2027-12-31
    recommended: "9.12(4)62"
    source: https://example.com/asa-9-12-eol
    retrieved: 2026-11-24
  - vendor: fortinet_fortios
    train: "7.0"
    release_date: 2021-03-30
    end_of_maintenance: null
    end_of_support: 2028-06-30
    recommended: "7.0.15"
    source: https://example.com/fortios
    retrieved: 2026-11-24
  - vendor: juniper_junos
    train: "19.4"
    release_date: null
    end_of_maintenance: null
    end_of_support: 2028-01-01
    recommended: "19.4R3-S12"
    source: https://example.com/junos
    retrieved: 2026-11-24
"""


def test_override_table_replaces_the_shipped_one(cli, tmp_path):
    table = write(tmp_path, "site-eol.yaml", OVERRIDE)
    extra = ("--eol-data", str(table))
    found = lint(cli, write(tmp_path, "fw.cfg", ASA_9_12), today="2026-11-24", extra=extra)
    by_id = {x["rule_id"]: x for x in found}
    assert sorted(by_id) == ["NL601", "NL602"]
    assert by_id["NL601"]["severity"] == "low"  # past its end of maintenance, supported until 2027-12-31
    assert by_id["NL602"]["evidence"]["recommended"] == "9.12(4)62"
    assert by_id["NL602"]["evidence"]["table"] == str(table)
    assert by_id["NL602"]["evidence"]["source"] == "https://example.com/asa-9-12-eol"
    x = only(lint(cli, write(tmp_path, "fg1.conf", fortios("7.0.12")), today="2026-11-24", extra=extra))
    assert (x["rule_id"], x["evidence"]["recommended"]) == ("NL602", "7.0.15")
    assert lint(cli, write(tmp_path, "fg2.conf", fortios("7.0.15")), today="2026-11-24", extra=extra) == []
    x = only(lint(cli, write(tmp_path, "j1.conf", JUNOS_19_4), today="2026-11-24", extra=extra))
    assert (x["rule_id"], x["evidence"]["recommended"]) == ("NL602", "19.4R3-S12")
    # the shipped trains are gone: IOS-XE 17.9 is unknown to this table
    x = only(lint(cli, write(tmp_path, "r1.cfg", IOS_XE_17_9), today="2026-11-24", extra=extra))
    assert x["rule_id"] == "NL603"


def _entry(**changes) -> str:
    fields = {"vendor": "cisco_asa", "train": '"9.12"', "release_date": "2019-03-01", "end_of_maintenance": "null",
              "end_of_support": "2027-03-31", "recommended": "null", "source": "https://example.com/x",
              "retrieved": "2026-11-24"}
    fields.update(changes)
    lines = [f"    {k}: {v}" for k, v in fields.items() if v is not None]
    lines[0] = "  - " + lines[0].strip()
    return "trains:\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("text, line, words", [
    (_entry(end_of_support="2027-02-30"), 6, "is not a date"),
    (_entry(end_of_support="soon"), 6, "is not a date"),
    (_entry(end_of_support=None), 2, "has no 'end_of_support'"),
    (_entry(recommended=None), 2, "has no 'recommended'"),
    (_entry(source="example.com"), 8, "must be a URL"),
    (_entry(end_of_support="2018-01-01"), 6, "before its release_date"),
    (_entry(end_of_maintenance="2028-01-01"), 5, "after its end_of_support"),
    (_entry(colour="blue"), 10, "unknown key 'colour'"),
    (_entry() + _entry().replace("trains:\n", ""), 10, "listed twice"),
    ("trains:\n  - vendor: cisco_asa\n    train: [\n", 4, "not valid YAML"),
    ("", 1, "is empty"),
    ("version_patterns: {}\n", 1, "no 'trains:' list"),
    (_entry() + "version_patterns:\n  cisco_asa:\n    trains:\n      - regex: '^(?P<train>\\d+\\.\\d+)('\n", 13,
     "not a valid regular expression"),
    (_entry() + "version_patterns:\n  cisco_asa:\n    trains:\n      - regex: '^\\d+'\n", 13,
     "needs a named group"),
    (_entry() + "version_patterns:\n  cisco_asa:\n    trains:\n      - regex: '^(?P<train>\\d+)'\n"
                "        examples: {\"9.8(4)\": \"9.8\"}\n", 14, "maps to train '9', not '9.8'"),
])
def test_broken_override_is_exit_2_with_file_and_line(cli, tmp_path, text, line, words):
    table = write(tmp_path, "bad.yaml", text)
    code, out, err = cli("lint", write(tmp_path, "fw.cfg", ASA_9_12), "--today", "2026-11-24", "--format", "json",
                         "--select", "NL6", "--eol-data", table)
    assert code == 2 and out == ""
    assert err.startswith(f"netlint: {table}:{line}: "), err
    assert words in err and err.count("\n") == 1


def test_broken_override_through_the_installed_command(tmp_path):
    table = write(tmp_path, "bad.yaml", _entry(release_date="2019-13-01"))
    cfg = write(tmp_path, "fw.cfg", ASA_9_12)
    exe = os.path.join(os.path.dirname(sys.executable), "netlint")
    run = subprocess.run([exe, "lint", str(cfg), "--today", "2026-01-01", "--format", "json", "--select", "NL6",
                          "--eol-data", str(table)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert re.fullmatch(rf"netlint: {re.escape(str(table))}:4: .*is not a date \(use YYYY-MM-DD\)\n", run.stderr)


def test_broken_override_is_reported_even_for_a_ruleset(cli, tmp_path):
    table = write(tmp_path, "bad.yaml", _entry(end_of_support="never"))
    code, _, err = cli("lint", FIXTURES / "lab-gw.rules", "--select", "NL6", "--eol-data", table)
    assert code == 2 and f"{table}:6:" in err


# ----------------------------------------------------------------------------- the sample network


SAMPLE = {
    # file: (rule, severity, train, end_of_support)
    "core-fw.cfg": ("NL603", "info", "9.8", None),          # ASA 9.8(4): an old train the table cannot date
    "core-sw.cfg": ("NL601", "high", "17.6", "2024-07-30"),  # IOS-XE 17.6
    "edge-fw.conf": ("NL601", "high", "7.0", "2025-09-30"),  # FortiOS 7.0.12
    "exch-fw.conf": ("NL601", "high", "19.4", "2023-06-26"),  # Junos 19.4R3-S2.1
    "lab-gw.rules": None,                                     # iptables: no OS in a ruleset
}


def test_every_sample_network_device_gets_its_lifecycle_finding(cli):
    from tests.conftest import parse

    paths = [FIXTURES / name for name in SAMPLE]
    found = lint(cli, *paths, "--policy", FIXTURES / "policy.yaml", today="2026-11-24")
    by_file = {}
    for x in found:
        by_file.setdefault(Path(x["file"]).name, []).append(x)
    assert set(by_file) == {name for name, exp in SAMPLE.items() if exp}
    for name, expected in SAMPLE.items():
        if expected is None:
            continue
        x = only(by_file[name])
        rule, severity, train, eos = expected
        assert (x["rule_id"], x["severity"], x["evidence"]["train"], x["evidence"]["end_of_support"]) == expected
        device = parse((FIXTURES / name).read_text(), name)
        assert x["line"] == device.os_version_loc.line  # points at the version line
    assert "ASA 9.8(4)" in by_file["core-fw.cfg"][0]["message"]


# ----------------------------------------------------------------------------- the shipped table


def test_every_shipped_train_has_a_source_and_sane_dates():
    raw = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    trains = raw["trains"]
    assert len(trains) >= 50
    seen = set()
    for t in trains:
        name = f"{t['vendor']} {t['train']}"
        assert isinstance(t["train"], str), name
        assert (t["vendor"], t["train"]) not in seen, name
        seen.add((t["vendor"], t["train"]))
        assert re.match(r"^https://\S+$", t["source"]), name
        for key in ("release_date", "end_of_maintenance", "end_of_support", "retrieved", "last_date_of_support"):
            v = t.get(key)
            assert v is None or isinstance(v, date), f"{name} {key}={v!r}"
        assert isinstance(t["end_of_support"], date) and isinstance(t["retrieved"], date), name
        if t["release_date"]:
            assert t["end_of_support"] >= t["release_date"], name
        if t["end_of_maintenance"]:
            assert t["end_of_maintenance"] <= t["end_of_support"], name
        assert t["retrieved"] <= date(2026, 11, 24), name
    vendors = {v for v, _ in seen}
    assert vendors <= set(raw["version_patterns"])
    # the coverage the brief asks for, where a source exists
    for v, train in [("cisco_ios", "16.12"), ("cisco_ios", "17.18"), ("cisco_ios", "15.9"), ("cisco_nxos", "9.3"),
                     ("cisco_nxos", "10.5"), ("paloalto_panos", "8.1"), ("paloalto_panos", "11.2"),
                     ("fortinet_fortios", "6.0"), ("fortinet_fortios", "7.6"), ("juniper_junos", "18.1"),
                     ("arista_eos", "4.26")]:
        assert (v, train) in seen, (v, train)


def test_every_shipped_train_is_reachable_from_a_version():
    from netlint.eol import load_table

    raw = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    table = load_table()  # validates, including every pattern example
    assert len(table.trains) == len(raw["trains"])
    example_trains = {(v, t) for v, spec in raw["version_patterns"].items()
                      for p in spec["trains"] for t in (p.get("examples") or {}).values()}
    for (vendor, train) in table.trains:
        assert table.train_of(vendor, train) == train or (vendor, train) in example_trains, (vendor, train)


def test_asa_9_9_is_end_of_life_and_other_vendors_are_unknown(cli, tmp_path):
    x = only(lint(cli, write(tmp_path, "fw.cfg", "ASA Version 9.9(2)\nhostname fw\n"), today="2026-11-24"))
    assert (x["rule_id"], x["severity"], x["evidence"]["end_of_support"]) == ("NL601", "high", "2023-05-31")
    from netlint.checks import DeviceContext, Options, all_checks, run_device_checks
    from netlint.model import Device

    device = Device(hostname="mt1", vendor="mikrotik_routeros", file="mt1.rsc", os_version="7.12")
    checks = [c for c in all_checks() if c.id.startswith("NL6")]
    (f,) = run_device_checks(DeviceContext(device, options=Options(today=date(2026, 11, 24))), checks)
    assert f.rule_id == "NL603" and f.evidence["reason"] == "unknown-vendor" and "needs evidence" in f.message
