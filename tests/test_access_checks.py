"""Wireless (article 7) and remote-access (article 15) checks on the FortiOS and ASA
fixtures: each weakness at its line, the sound parts silent."""

from __future__ import annotations

import json

from conftest import FIXTURES

FORTI = FIXTURES / "cases" / "fortinet_fortios" / "vpn-wireless.conf"
ASA = FIXTURES / "cases" / "cisco_asa" / "vpn-ra.cfg"


def findings(cli, path, *extra):
    code, out, _ = cli("lint", path, "--format", "json", "--select", "wireless,remote-access", *extra)
    return json.loads(out)["findings"]


def line_of(path, text):
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_fortios_wireless_and_vpn_weaknesses_at_their_lines(cli):
    got = sorted((f["rule_id"], f["line"]) for f in findings(cli, FORTI))
    vap = {name: line_of(FORTI, f'edit "{name}"') for name in ("open-lobby", "legacy-scan", "guest")}
    expected = [
        ("NL701", vap["open-lobby"]),  # open SSID
        ("NL701", vap["legacy-scan"]), ("NL702", vap["legacy-scan"]),  # WPA/TKIP with a shared key
        ("NL704", vap["guest"]),  # guest SSID bridged locally
        ("NL711", line_of(FORTI, 'edit "dialup-ra"')), ("NL712", line_of(FORTI, 'edit "dialup-ra"')),  # 3des-sha1, DH 2 and 5
    ]
    assert set(expected) <= set(got)
    corp = line_of(FORTI, 'edit "corp"')
    assert not any(line == corp for _, line in got)  # WPA2-Enterprise: nothing to say
    messages = " ".join(f["message"] for f in findings(cli, FORTI))
    assert "DH group 2,5" in messages and "3des" in messages


def test_asa_anyconnect_factors_and_hours(cli, tmp_path):
    # RADIUS may carry a one-time password: the config cannot tell, so no MFA finding;
    # the group policy's vpn-access-hours gives the time window.
    assert findings(cli, ASA) == []
    local = tmp_path / "vpn-local.cfg"
    local.write_text(ASA.read_text().replace(" authentication-server-group RAD", " authentication-server-group LOCAL")
                     .replace(" vpn-access-hours value WORK-HOURS\n", ""))
    got = sorted((f["rule_id"], f["line"]) for f in findings(cli, local))
    tg = line_of(local, "tunnel-group RA-VPN type remote-access")
    assert got == [("NL711", tg), ("NL713", tg)]
    cert = tmp_path / "vpn-cert.cfg"
    cert.write_text(local.read_text().replace(" group-alias RA enable", " group-alias RA enable\n authentication aaa certificate"))
    assert [f["rule_id"] for f in findings(cli, cert)] == ["NL713"]  # password plus certificate: two factors
