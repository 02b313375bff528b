"""Every parser, uniformly, on damaged input (contract section 2: a line a parser does
not understand is kept as a `parse-warning`, never a crash).

1. For every fixture config of every vendor (fixtures/*.cfg|.conf|.rules and
   fixtures/cases/<vendor>/*), hypothesis damages the text - truncation at a random
   point, random line deletions and duplications, character flips - and `parse_text`
   must either return a `Device` or raise `netlint.model.ParseError`; any other
   exception is a parser bug. Both the vendor's own parser (forced, as `--vendor`
   does) and auto-detection are exercised.
   Word-level damage (odd numbers, malformed addresses, stray braces) is drawn too, and
   every line number the parser reports must be a line of the damaged text.
2. For each vendor, one line nobody understands is inserted at a known line of its
   fixtures (several contexts: top level, inside an ACL / filter / rule, inside a
   settings block; in tmp_path), and `netlint lint` reports a `parse-warning` (NL001)
   finding at exactly that line.
3. Line numbers are counted by \n only, as editors and `grep -n` count them: a form
   feed, vertical tab, NEL (a cp1252 ellipsis read as latin-1), U+2028 or a lone \r
   inside a line must not shift the lines after it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlint.model import Device, ParseError
from parsers import parse_text
from parsers.detect import detect_vendor

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
VENDORS = ("cisco_ios", "cisco_asa", "cisco_nxos", "arista_eos", "juniper_junos", "paloalto_panos",
           "fortinet_fortios", "linux_iptables", "linux_nftables")


def _fixture_files() -> list[tuple[Path, str]]:
    """(file, vendor) for every fixture config; the vendor is the folder's (cases) or
    the detected one (top-level samples, the equivalence configs)."""
    out: list[tuple[Path, str]] = []
    for pattern in ("*.cfg", "*.conf", "*.rules"):
        for path in sorted(FIXTURES.glob(pattern)):
            out.append((path, detect_vendor(path.read_text(encoding="utf-8"))))
    for vendor in VENDORS:
        for path in sorted((FIXTURES / "cases" / vendor).iterdir()):
            if path.is_file():
                out.append((path, vendor))
    equivalence = FIXTURES / "cases" / "equivalence"
    if equivalence.is_dir():
        for path in sorted(equivalence.iterdir()):
            if path.is_file():
                out.append((path, detect_vendor(path.read_text(encoding="utf-8"))))
    return out


FILES = _fixture_files()


def test_every_vendor_has_fixtures_to_damage():
    assert {vendor for _, vendor in FILES} == set(VENDORS)
    assert all(vendor in VENDORS for _, vendor in FILES)


# Characters that matter to some grammar: block delimiters, quotes, comment leaders,
# separators, digits, XML markup, escapes, whitespace, and a few non-ASCII ones.
FLIP_CHARS = list('{}[]()<>"\'`;:,./\\!#*-+=&|@$%^~?_ \t\n\r0159afxzAZ') + ["\x00", "\x0b", "é", "中", "\u200b", "\ufeff"]

# Words that stress value parsing: out-of-range numbers, malformed addresses and
# prefixes, reversed ranges, empty quotes, IPv6 where IPv4 is expected.
ODD_WORDS = ["-1", "0", "65536", "99999999999999999999", "256.1.1.1", "10.0.0.0/33", "1.2.3.4/-1",
             "::", "2001:db8::/129", "10.0.0.9-10.0.0.1", "0.0.0.0", "255.255.255.255", "any", "all",
             '""', "{", "}", ";", "[", "]", "eq", "range", "host", "object-group", "inactive:",
             "5-1", "1-", "-", "0x10", "1e5", "NaN", "中文", "ENC", "$9$", "!", "#"]

_op = st.one_of(
    st.tuples(st.just("word"), st.floats(0, 1), st.sampled_from(ODD_WORDS)),
    st.tuples(st.just("dropword"), st.floats(0, 1)),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("delete"), st.floats(0, 1)),
    st.tuples(st.just("duplicate"), st.floats(0, 1)),
    st.tuples(st.just("flip"), st.floats(0, 1), st.sampled_from(FLIP_CHARS)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(FLIP_CHARS)),
    st.tuples(st.just("swap"), st.floats(0, 1), st.floats(0, 1)),
)


def damage(text: str, ops) -> str:
    """Apply the operations in turn; positions are fractions of the current text."""
    for op in ops:
        kind = op[0]
        if kind == "truncate":
            text = text[: int(op[1] * len(text))]
            continue
        if kind in ("flip", "insert"):
            if not text:
                continue
            i = min(int(op[1] * len(text)), len(text) - 1)
            text = text[:i] + op[2] + text[i + (kind == "flip"):]
            continue
        if kind in ("word", "dropword"):
            # Replace (or drop) one whitespace-separated word, keeping the layout.
            spans = [m.span() for m in re.finditer(r"\S+", text)]
            if not spans:
                continue
            a, b = spans[min(int(op[1] * len(spans)), len(spans) - 1)]
            text = text[:a] + (op[2] if kind == "word" else "") + text[b:]
            continue
        lines = text.splitlines(keepends=True)
        if not lines:
            continue
        i = min(int(op[1] * len(lines)), len(lines) - 1)
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        else:  # swap two lines
            j = min(int(op[2] * len(lines)), len(lines) - 1)
            lines[i], lines[j] = lines[j], lines[i]
        text = "".join(lines)
    return text


def _check_parse(text: str, path: Path, vendor: str | None) -> None:
    try:
        device = parse_text(text, path.name, vendor)
    except ParseError:
        return
    assert isinstance(device, Device)
    # Every line number is a line of the text, counted as editors count them (by \n).
    last = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
    for w in device.parse_warnings:
        assert 1 <= w.loc.line <= last, (w.loc.line, last, w.message)
    for filt in device.filters.values():
        for rule in filt.rules:
            assert 1 <= rule.loc.line <= rule.loc.end_line <= last, (rule.loc, last)
    for obj in device.objects:
        assert 1 <= obj.loc.line <= obj.loc.end_line <= last, (obj.loc, last)


@pytest.mark.parametrize("path,vendor", FILES, ids=[f"{v}:{p.name}" for p, v in FILES])
def test_damaged_fixture_parses_or_raises_parse_error(path: Path, vendor: str):
    original = path.read_text(encoding="utf-8")

    @settings(max_examples=20, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(ops=st.lists(_op, min_size=1, max_size=5), forced=st.booleans())
    def run(ops, forced):
        _check_parse(damage(original, ops), path, vendor if forced else None)

    run()


@pytest.mark.parametrize("path,vendor", FILES, ids=[f"{v}:{p.name}" for p, v in FILES])
def test_every_prefix_of_a_fixture_parses_or_raises_parse_error(path: Path, vendor: str):
    """Truncation at every line boundary (a cut transfer, a `show run` interrupted):
    deterministic, so a regression shows on every run, not only when hypothesis picks it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    step = max(1, len(lines) // 60)
    for n in range(0, len(lines) + 1, step):
        _check_parse("".join(lines[:n]), path, vendor)


# --------------------------------------------------------------------------- an unknown line is reported at its line

# (vendor, fixture, anchor: the unknown line goes right after the first line matching
# it, line to insert). Several contexts per vendor: top level, inside an ACL / filter /
# rule, inside a block of settings.
UNKNOWN_LINES = [
    ("cisco_ios", "cases/cisco_ios/mgmt-hardened.cfg", r"^hostname ", "frobnicate the widgets"),
    ("cisco_ios", "cases/cisco_ios/acl-forms.cfg", r"^ip access-list extended WAN-IN", " frobnicate the widgets"),
    ("cisco_ios", "cases/cisco_ios/acl-forms.cfg", r"^interface GigabitEthernet0/0/0", " frobnicate the widgets"),
    ("cisco_asa", "cases/cisco_asa/mgmt-hardened.cfg", r"^hostname ", "frobnicate the widgets"),
    ("cisco_asa", "cases/cisco_asa/mgmt-hardened.cfg", r"^interface GigabitEthernet0/0", " frobnicate the widgets"),
    ("cisco_nxos", "cases/cisco_nxos/mgmt-hardened.cfg", r"^hostname ", "frobnicate the widgets"),
    ("cisco_nxos", "cases/cisco_nxos/acls.cfg", r"^ip access-list ACL-FORMS", "  frobnicate the widgets"),
    ("arista_eos", "cases/arista_eos/mgmt-hardened.cfg", r"^hostname ", "frobnicate the widgets"),
    ("arista_eos", "cases/arista_eos/acls.cfg", r"^ip access-list ", "   frobnicate the widgets"),
    ("juniper_junos", "cases/juniper_junos/mgmt-hardened.conf", r"^system \{", "    frobnicate widgets;"),
    ("juniper_junos", "cases/juniper_junos/filters.conf", r"^ {16}from \{", "                    frobnicate widgets;"),
    ("juniper_junos", "cases/juniper_junos/srx-policies.set", r"^set system host-name", "set system frobnicate widgets"),
    ("paloalto_panos", "cases/paloalto_panos/hardened.xml", r"<hostname>", "<frobnicate>yes</frobnicate>"),
    ("paloalto_panos", "cases/paloalto_panos/hardened.xml", r"<entry name=\"allow-web", "<frobnicate>yes</frobnicate>"),
    ("fortinet_fortios", "cases/fortinet_fortios/mgmt-hardened.conf", r"^config system global", "    set frobnicate enable"),
    ("fortinet_fortios", "cases/fortinet_fortios/objects-policies.conf", r"^config firewall address$",
     "    set frobnicate enable"),
    ("fortinet_fortios", "cases/fortinet_fortios/objects-policies.conf", r"^config firewall profile-group",
     "    edit \"pg-odd\"\n        set frobnicate enable\n    next"),
    ("linux_iptables", "cases/linux_iptables/gateway.rules", r"^:FORWARD", "frobnicate the widgets"),
    ("linux_iptables", "cases/linux_iptables/gateway.rules", r"^-A FORWARD", "-A FORWARD --frobnicate -j ACCEPT"),
    ("linux_nftables", "cases/linux_nftables/inet-filter.nft", r"hook input", "\t\tfrobnicate the widgets"),
]


def _nl001_lines(cli, path: Path) -> set[int]:
    code, out, err = cli("lint", path, "--format", "json", "--select", "NL001", "--no-network")
    assert code in (0, 1), err
    findings = json.loads(out)["findings"]
    assert all(f["rule_id"] == "NL001" and f["category"] == "parse-warning" for f in findings)
    return {f["line"] for f in findings}


@pytest.mark.parametrize("vendor,fixture,anchor,inserted", UNKNOWN_LINES,
                         ids=[f"{v}:{Path(f).name}:{i}" for i, (v, f, _, _) in enumerate(UNKNOWN_LINES)])
def test_unknown_line_is_a_parse_warning_at_its_line(cli, tmp_path, vendor, fixture, anchor, inserted):
    source = FIXTURES / fixture
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if re.search(anchor, line)) + 1  # 0-based insertion index
    added = inserted.count("\n") + 1
    target = at + 1 + inserted.split("\n").index(next(x for x in inserted.split("\n") if "frobnicate" in x))
    damaged = tmp_path / source.name
    damaged.write_text("".join(lines[:at] + [inserted + "\n"] + lines[at:]), encoding="utf-8")
    assert parse_text(damaged.read_text(encoding="utf-8"), damaged.name).vendor == vendor
    before = {n if n <= at else n + added for n in _nl001_lines(cli, source)}
    after = _nl001_lines(cli, damaged)
    assert after - before == {target}, f"inserted at line {target}: NL001 lines {sorted(after)}"


# --------------------------------------------------------------------------- crashes found by the fuzzing above
# Each was an exception other than ParseError; kept as fixed inputs so that they are
# tested on every run, whatever hypothesis draws.


def test_ios_object_group_of_unknown_type_naming_a_new_group_is_a_warning():
    # A damaged type word ('netwrk') on a group name not seen before crashed the
    # object-group pre-pass (AttributeError on None).
    device = parse_text("hostname r1\nobject-group netwrk FOO\n host 10.0.0.1\n", "og.cfg", "cisco_ios")
    assert [(w.loc.line, w.message) for w in device.parse_warnings][:1] == [(2, "unknown object-group type 'netwrk'")]


def test_asa_tunnel_group_authentication_server_group_without_a_name():
    # `authentication-server-group` with its group name cut off crashed the
    # remote-access summary (IndexError); without a server group the ASA uses LOCAL.
    text = ("ASA Version 9.12(4)\nhostname fw\ntunnel-group RA type remote-access\n"
            "tunnel-group RA general-attributes\n authentication-server-group\n")
    device = parse_text(text, "tg.cfg", "cisco_asa")
    (ra,) = device.remote_access
    assert ra.name == "RA" and ra.mfa is False


# --------------------------------------------------------------------------- what ends a line

# (vendor, snippet): a line holding {odd} (inside a description or comment), then, at the
# line marked with "frobnicate", a line the parser does not understand.
ODD_BREAK_SNIPPETS = [
    ("cisco_ios", "hostname r1\ninterface Gi0/1\n description uplink{odd}to core\n ip address 10.0.0.1 255.255.255.0\n"
                  "frobnicate the widgets\n"),
    ("cisco_asa", "ASA Version 9.12(4)\nhostname a1\ninterface Gi0/1\n description uplink{odd}to core\n nameif inside\n"
                  "frobnicate the widgets\n"),
    ("cisco_nxos", "hostname n1\ninterface Ethernet1/1\n  description uplink{odd}to core\n  no switchport\n"
                   "frobnicate the widgets\n"),
    ("arista_eos", "hostname e1\ninterface Ethernet1\n   description uplink{odd}to core\n   no switchport\n"
                   "frobnicate the widgets\n"),
    ("juniper_junos", "system {{\n    host-name j1;\n}}\ninterfaces {{\n    ge-0/0/0 {{\n"
                      "        description \"uplink{odd}to core\";\n    }}\n}}\nsystem {{\n    frobnicate widgets;\n}}\n"),
    ("fortinet_fortios", "config system interface\n    edit \"port1\"\n        set description \"uplink{odd}to core\"\n"
                         "    next\nend\nconfig system global\n    set frobnicate enable\nend\n"),
    ("linux_iptables", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment \"uplink{odd}to core\" -j ACCEPT\n"
                       "frobnicate the widgets\nCOMMIT\n"),
    ("linux_nftables", "table inet filter {{\n\tchain input {{\n\t\ttype filter hook input priority filter; policy accept;\n"
                       "\t\taccept comment \"uplink{odd}to core\"\n\t\tfrobnicate the widgets\n\t}}\n}}\n"),
    # XML forbids \v, \f and \x1c-\x1e; a lone \r (a line break to an XML reader) must
    # not count as one either, or every later line is off by one.
    ("paloalto_panos", '<config version="10.1.0">\n  <devices>\n    <entry name="localhost.localdomain">\n'
                       "      <deviceconfig>\n        <system>\n          <hostname>fw{odd}1</hostname>\n"
                       "          <frobnicate>yes</frobnicate>\n        </system>\n      </deviceconfig>\n"
                       "    </entry>\n  </devices>\n</config>\n"),
]
ODD_BREAKS = {"NEL": "\x85", "LS": "\u2028", "PS": "\u2029", "VT": "\x0b", "FF": "\x0c", "FS": "\x1c", "CR": "\r"}
XML_SAFE = {"NEL", "LS", "PS", "CR"}


ODD_BREAK_CASES = [(v, s, odd) for v, s in ODD_BREAK_SNIPPETS for odd in sorted(ODD_BREAKS)
                   if v != "paloalto_panos" or odd in XML_SAFE]


@pytest.mark.parametrize("vendor,snippet,odd", ODD_BREAK_CASES, ids=[f"{v}:{o}" for v, _, o in ODD_BREAK_CASES])
def test_only_newline_ends_a_line(vendor, snippet, odd):
    text = snippet.format(odd=ODD_BREAKS[odd])
    expected = next(n for n, line in enumerate(text.split("\n"), 1) if "frobnicate" in line)
    device = parse_text(text, "snippet", vendor)
    assert [w.loc.line for w in device.parse_warnings] == [expected], \
        [(w.loc.line, w.message) for w in device.parse_warnings]
