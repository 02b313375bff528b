"""Management-plane, authentication and logging checks on weak/hardened twins: the weak
config yields each finding at the line that causes it, the hardened twin none."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, run_checks

MGMT = {"NL201", "NL202", "NL203", "NL204", "NL205", "NL206", "NL207",
        "NL301", "NL302", "NL303", "NL304", "NL401", "NL402", "NL403"}

# (check id, text that starts the offending line); "<device>" = the line device-level
# findings point at (the version line).
WEAK = {
    "cisco_ios": [
        ("NL303", "<device>"), ("NL401", "<device>"), ("NL403", "<device>"),
        ("NL402", "no service timestamps"),
        ("NL301", "enable password"),
        ("NL302", "username admin"), ("NL304", "username admin"),
        ("NL302", "username operator"), ("NL304", "username operator"),
        ("NL202", "ip http server"),
        ("NL204", "snmp-server community public"), ("NL204", "snmp-server community private"),
        ("NL203", "ip ssh version 1"),
        ("NL302", "line con 0"), ("NL207", "line con 0"),
        ("NL201", "line vty 0 4"), ("NL302", "line vty 0 4"), ("NL205", "line vty 0 4"), ("NL207", "line vty 0 4"),
        ("NL201", "line vty 5 15"), ("NL205", "line vty 5 15"),
    ],
    "cisco_asa": [
        ("NL303", "<device>"), ("NL401", "<device>"), ("NL402", "<device>"), ("NL403", "<device>"),
        ("NL201", "telnet 0.0.0.0 0.0.0.0 outside"), ("NL206", "telnet 0.0.0.0 0.0.0.0 outside"),
        ("NL201", "telnet 10.1.1.0"),
        ("NL206", "http 0.0.0.0 0.0.0.0 outside"),
        ("NL206", "ssh 0 0 outside"),
        ("NL203", "ssh version 1"),
        ("NL207", "console timeout 0"),
        ("NL204", "snmp-server community public"), ("NL204", "snmp-server host inside"),
        ("NL302", "username admin"), ("NL304", "username admin"),
        ("NL302", "username cisco"), ("NL304", "username cisco"),
        ("NL302", "username ops"),
    ],
}
EXT = {"cisco_ios": "cfg", "cisco_asa": "cfg"}


def located(vendor: str, name: str):
    path = FIXTURES / "cases" / vendor / f"{name}.{EXT[vendor]}"
    text = path.read_text()
    return path, text, text.splitlines()


@pytest.mark.parametrize("vendor", sorted(WEAK))
def test_weak_twin_yields_each_finding_at_its_line(vendor):
    path, text, lines = located(vendor, "mgmt-weak")
    found = run_checks(text, MGMT, file=str(path))
    device_line = next(i for i, line in enumerate(lines, 1) if line.startswith(("version ", "ASA Version")))
    got = sorted((f.rule_id, f.line) for f in found)
    expected = []
    for rule_id, start in WEAK[vendor]:
        if start == "<device>":
            expected.append((rule_id, device_line))
        else:
            expected.append((rule_id, next(i for i, line in enumerate(lines, 1) if line.startswith(start))))
    assert got == sorted(expected)


@pytest.mark.parametrize("vendor", sorted(WEAK))
def test_hardened_twin_yields_nothing(vendor):
    path, text, _ = located(vendor, "mgmt-hardened")
    assert run_checks(text, MGMT, file=str(path)) == []


def test_no_finding_message_leaks_a_secret():
    path, text, _ = located("cisco_ios", "mgmt-weak")
    found = run_checks(text, MGMT, file=str(path))
    blob = " ".join(f.message + f.message_zh + str(f.evidence) for f in found)
    for secret in ("Cisc0Branch!", "070C285F4D06485744", "opsPass123", "0822455D0A16", "Tel3net"):
        assert secret not in blob


def test_snmp_severity_depends_on_community_and_acl():
    found = run_checks("""
        hostname r1
        access-list 10 permit 10.99.0.0 0.0.0.255
        snmp-server community Zq8-long-random-String RO 10
        snmp-server community public RO 10
        snmp-server community Another-random-1 RW 10
    """, {"NL204"})
    assert [(f.line, f.severity) for f in sorted(found, key=lambda f: f.line)] == [(3, "medium"), (4, "high"), (5, "high")]
    assert "Zq8" not in " ".join(f.message for f in found)


def test_management_checks_stay_silent_where_the_config_cannot_show_it():
    from netlint.checks import DeviceContext, all_checks, run_device_checks
    from netlint.model import Device

    bare = Device("lab-gw", "linux_iptables", "lab-gw.rules", management_visible=False)
    assert run_device_checks(DeviceContext(bare), all_checks()) == []
    visible = Device("r1", "cisco_ios", "r1.cfg")
    # no version line either: the lifecycle check says it cannot tell (NL603, info)
    assert {f.rule_id for f in run_device_checks(DeviceContext(visible), all_checks())} == {"NL303", "NL401", "NL403", "NL404", "NL603"}
