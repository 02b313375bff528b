"""Secrets never leak: no password, hash, key or private SNMP community from the
fixtures appears in any report format, the parsed model, the graph or the worksheet.
(A well-known default such as 'public' is named on purpose, as a weakness.)"""

from __future__ import annotations

import re
import zipfile

import pytest

from conftest import FIXTURES, ROOT

# The secret-bearing syntax of each vendor: group 1 is the secret value.
PATTERNS = [
    r"\b(?:password|secret|passwd)\s+(?:[0-9]\s+)?(\S+)",  # IOS/NX-OS/EOS/ASA (passwd: the ASA login password)
    r"\bkey(?:-string)?\s+(?:[0-9]\s+)?(\S+)",  # TACACS/RADIUS/NTP keys
    r"\bsnmp-server community\s+(\S+)",
    r"\bcommunity\s+\"?([^\s\";]+)",  # Junos / others
    r"(\$[1569]\$[^\s\";<]+)",  # crypt hashes and Junos $9$
    r"\bENC\s+(\S+)",  # FortiOS
    r"\bset\s+(?:passwd|password|psksecret|passphrase|secret|key)\s+\"?(?:ENC\s+)?([^\s\"]+)",
    r"encrypted-password\s+\"([^\"]+)\"",
    r"<phash>([^<]+)</phash>",
    r"pre-shared-key\s+(\S+)",
    r"\bauthentication-key\s+\S+\s+(?:md5|sha1)\s+(?:[0-9]\s+)?(\S+)",
]
NOT_SECRETS = {"public", "private", "0", "7", "5", "8", "9", "encrypted", "pbkdf2", "sha512", "sha256", "md5", "nopassword",
               "<redacted>", "ENC", "enable", "disable", "config", "authentication", "local", "aaa", "secret", "password",
               "key", "string", "required", "strength-check", "min-length", "level", "inherit", "ssh", "rsa", "chain"}


def fixture_files():
    files = [p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in (".cfg", ".conf", ".rules", ".nft", ".xml", ".set")]
    return [p for p in files if "billion" not in p.name and "truncated" not in p.name and "malformed" not in p.name]


def secrets_in(text: str) -> set[str]:
    found = set()
    for pattern in PATTERNS:
        for m in re.finditer(pattern, text, re.I):
            value = m.group(1).strip("\"';")
            if value.isalpha() and value.islower() or value.endswith(("-server", "-check")):
                continue  # an English word from a comment, not a secret
            if len(value) >= 6 and value.lower() not in NOT_SECRETS and not value.isdigit():
                found.add(value)
    return found


SAMPLE = [FIXTURES / n for n in ("core-sw.cfg", "core-fw.cfg", "edge-fw.conf", "exch-fw.conf", "lab-gw.rules")]
WEAK = [FIXTURES / "cases" / v / f for v, f in (
    ("cisco_ios", "mgmt-weak.cfg"), ("cisco_asa", "mgmt-weak.cfg"), ("cisco_nxos", "mgmt-weak.cfg"),
    ("arista_eos", "mgmt-weak.cfg"), ("juniper_junos", "mgmt-weak.conf"), ("fortinet_fortios", "mgmt-weak.conf"),
    ("fortinet_fortios", "vpn-wireless.conf"), ("paloalto_panos", "running-config.xml"), ("cisco_asa", "vpn-ra.cfg"))]


def all_secrets(paths) -> set[str]:
    out = set()
    for p in paths:
        out |= secrets_in(p.read_text(errors="replace"))
    return out


def test_the_fixtures_do_hold_secrets_to_look_for():
    found = all_secrets(SAMPLE + WEAK)
    assert len(found) >= 20  # the test is only as good as its list


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "markdown", "html"])
def test_no_report_format_contains_a_secret(cli, tmp_path, fmt):
    secrets = all_secrets(SAMPLE + WEAK)
    out = tmp_path / f"report.{fmt}"
    code, _, err = cli("lint", *SAMPLE, *WEAK, "--policy", FIXTURES / "policy.yaml", "--format", fmt, "--output", out,
                       "--lang", "en")
    assert code in (0, 1), err
    text = out.read_text()
    leaked = {s for s in secrets if s in text}
    assert not leaked


def test_parsed_model_and_graph_hold_no_secret(cli):
    for path in SAMPLE + WEAK:
        code, out, _ = cli("parse", path)
        assert code == 0
        leaked = {s for s in secrets_in(path.read_text()) if s in out}
        assert not leaked, path.name
    code, out, _ = cli("graph", *SAMPLE, "--policy", FIXTURES / "policy.yaml", "--format", "json")
    assert not {s for s in all_secrets(SAMPLE) if s in out}


def test_worksheet_holds_no_secret(cli, tmp_path):
    book = tmp_path / "review.xlsx"
    code, _, err = cli("review", *SAMPLE, "--policy", FIXTURES / "policy.yaml", "--output", book, "--today", "2026-11-24")
    assert code == 0, err
    with zipfile.ZipFile(book) as z:
        xml = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    assert not {s for s in all_secrets(SAMPLE) if s in xml}
    assert ROOT.exists()
