"""Management-plane, authentication and logging checks on weak/hardened twins: the weak
config yields each finding at the line that causes it, the hardened twin none."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, run_checks

MGMT = {"NL201", "NL202", "NL203", "NL204", "NL205", "NL206", "NL207", "NL209", "NL210", "NL211",
        "NL301", "NL302", "NL303", "NL304", "NL305", "NL306", "NL307", "NL308", "NL401", "NL402", "NL403"}

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
        ("NL201", "line vty 5 15"), ("NL205", "line vty 5 15"), ("NL305", "line vty 5 15"),
        ("NL206", "ip http server"), ("NL306", "tacacs-server host"),
        ("NL210", "snmp-server group LEGACY"), ("NL210", "snmp-server user monitor"),
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
        ("NL301", "enable password"), ("NL302", "passwd "),
        ("NL207", "telnet timeout 60"), ("NL207", "ssh timeout 60"), ("NL207", "http server enable"),
        ("NL211", "ssh key-exchange"), ("NL211", "ssh cipher encryption low"),
        ("NL210", "snmp-server group LEGACY"), ("NL210", "snmp-server user nms-legacy"),
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
    for secret in ("Cisc0Branch!", "070C285F4D06485744", "opsPass123", "0822455D0A16", "Tel3net", "Tacacs4Branch",
                   "Md5AuthPass1", "DesPrivPass1"):
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


# --------------------------------------------------------------------------- one check at a time


def findings(text: str, rule_id: str, vendor: str = "cisco_ios", policy=None):
    """(line, severity, message) of one check's findings, in line order."""
    from conftest import parse
    from netlint.checks import DeviceContext, all_checks, run_device_checks

    device = parse(text, "t.cfg", vendor)
    found = run_device_checks(DeviceContext(device, policy), [c for c in all_checks() if c.id == rule_id])
    assert all(f.message and f.message_zh and f.message_zh != f.message for f in found)
    return sorted((f.line, f.severity, f.message) for f in found)


def idle_policy(minutes: int):
    from netlint.policy import Policy

    return Policy(file=None, max_idle_minutes=minutes)


IOS_LINES = """\
hostname r1
line con 0
 exec-timeout 10 0
line vty 0 4
 exec-timeout 10 1
line vty 5 15
 exec-timeout 0 0
line vty 16 20
"""


def test_idle_timeouts_against_the_policy_maximum():
    # exactly the maximum passes; a second more does not; 0 never expires; a line
    # without exec-timeout has the IOS default of 10 minutes
    assert findings(IOS_LINES, "NL207") == [
        (4, "low", "'vty 0 4' sessions stay open for 10 minutes 1 second when idle (longer than the 10-minute maximum)"),
        (6, "low", "'vty 5 15' sessions never time out (timeout set to 0)"),
    ]
    # a stricter policy: the IOS default (10 minutes) is too long as well
    assert [(line, msg) for line, _, msg in findings(IOS_LINES, "NL207", policy=idle_policy(5))] == [
        (2, "'con 0' sessions stay open for 10 minutes when idle (longer than the 5-minute maximum)"),
        (4, "'vty 0 4' sessions stay open for 10 minutes 1 second when idle (longer than the 5-minute maximum)"),
        (6, "'vty 5 15' sessions never time out (timeout set to 0)"),
        (8, "'vty 16 20' sessions stay open for 10 minutes when idle (the platform default, longer than the "
            "5-minute maximum)"),
    ]
    assert [line for line, _, _ in findings(IOS_LINES, "NL207", policy=idle_policy(11))] == [6]


def test_idle_timeout_platform_defaults():
    # FortiOS: no admintimeout = 5 minutes; too long only for a policy below 5
    forti = "config system global\n    set hostname \"fw\"\nend\n"
    assert findings(forti, "NL207", "fortinet_fortios") == []
    (f,) = findings(forti, "NL207", "fortinet_fortios", idle_policy(3))
    assert "5 minutes when idle (the platform default" in f[2]
    # EOS: SSH is on by default and never times out without idle-timeout
    (f,) = findings("hostname a\n", "NL207", "arista_eos")
    assert f[2] == ("'vty (management ssh)' sessions never time out: no idle timeout is configured and the "
                    "platform default is none")
    assert findings("hostname a\nmanagement ssh\n   idle-timeout 10\n", "NL207", "arista_eos") == []
    # Junos: a login class without idle-timeout, pointed at its first user
    junos = ("system {\n login {\n  class ops { permissions all; }\n  user a { class ops; }\n"
             "  user b { class read-only; }\n }\n}\n")
    assert [(line, msg) for line, _, msg in findings(junos, "NL207", "juniper_junos")] == [
        (3, "'login class ops' sessions never time out: no idle timeout is configured and the platform default is none"),
        (5, "'login class read-only' sessions never time out: no idle timeout is configured and the platform "
            "default is none"),
    ]


def test_cleartext_management_services():
    assert findings("hostname r\nip finger\nip rcmd rsh-enable\nno ip rcmd rcp-enable\n", "NL209") == [
        (2, "medium", "finger management service is enabled: it tells anyone who asks which users are logged in"),
        (3, "high", "rsh management service is enabled: it carries passwords and data in clear text"),
    ]
    junos = "system { services { ftp; xnm-clear-text; xnm-ssl; netconf { ssh; } } }\n"
    assert [(sev, msg.split(" management")[0]) for _, sev, msg in findings(junos, "NL209", "juniper_junos")] == [
        ("high", "FTP"), ("high", "The Junos XML protocol in clear text (xnm-clear-text)")]


def test_snmpv3_security_levels_and_algorithms():
    text = ("hostname r\n"
            "snmp-server group G-PRIV v3 priv\n"
            "snmp-server group G-AUTH v3 auth\n"
            "snmp-server group G-NONE v3 noauth\n"
            "snmp-server group G-V2 v2c\n"
            "snmp-server user ok G-PRIV v3 auth sha Aa1234567 priv aes 128 Bb1234567\n"
            "snmp-server user md5des G-PRIV v3 auth md5 Aa1234567 priv des Bb1234567\n"
            "snmp-server user open G-NONE v3\n")
    assert findings(text, "NL210") == [
        (3, "medium", "SNMPv3 group 'G-AUTH' admits its users with authNoPriv (no encryption)"),
        (4, "high", "SNMPv3 group 'G-NONE' admits its users with noAuthNoPriv (no authentication, no encryption)"),
        (7, "medium", "SNMPv3 user 'md5des' has weak security: MD5 authentication, DES privacy"),
        (8, "high", "SNMPv3 user 'open' has weak security: no authentication and no privacy (noAuthNoPriv)"),
    ]


def test_weak_ssh_algorithms_and_strong_crypto():
    assert findings("hostname r\nip ssh server algorithm encryption aes256-ctr 3des-cbc\n"
                    "ip ssh server algorithm mac hmac-sha2-256\n", "NL211") == [
        (2, "medium", "SSH offers weak ciphers: 3des-cbc")]
    # RFC 9142: group14-sha1 (2048 bits) MAY be used, group1 SHOULD NOT
    asa = "ASA Version 9.8(4)\nhostname fw\nssh key-exchange group {}\nssh cipher integrity high\n"
    assert findings(asa.format("dh-group14-sha1"), "NL211", "cisco_asa") == []
    assert findings(asa.format("dh-group1-sha1"), "NL211", "cisco_asa") == [
        (3, "medium", "SSH offers weak key exchange: diffie-hellman-group1-sha1")]
    forti = "config system global\n    set strong-crypto {}\nend\n"
    assert findings(forti.format("enable"), "NL211", "fortinet_fortios") == []
    assert [line for line, _, _ in findings(forti.format("disable"), "NL211", "fortinet_fortios")] == [2]


def test_enable_and_login_passwords_that_are_empty_or_default():
    path, text, lines = located("cisco_asa", "mgmt-weak")
    found = {(f.rule_id, f.line): f for f in run_checks(text, {"NL301", "NL302"}, file=str(path))}
    enable_line = next(i for i, t in enumerate(lines, 1) if t.startswith("enable password "))
    passwd_line = next(i for i, t in enumerate(lines, 1) if t.startswith("passwd "))
    assert found[("NL301", enable_line)].message == "the enable password is empty (the stored hash is that of an empty password)"
    assert found[("NL302", passwd_line)].message == "the remote login password is a well-known default or guessable value"
    assert found[("NL302", passwd_line)].severity == "high"
    # hashes that are not the well-known ones: no finding
    clean = "ASA Version 9.8(4)\nhostname fw\nenable password $sha512$5000$c2FsdA==$aGFzaA== pbkdf2\n"
    assert findings(clean, "NL301", "cisco_asa") == [] and findings(clean, "NL302", "cisco_asa") == []


def test_lines_without_login():
    text = ("hostname r\n"
            "line con 0\n no login\n"
            "line vty 0 4\n transport input none\n no login\n"
            "line vty 5 15\n transport input ssh\n no login\n"
            "line vty 16 20\n transport input ssh\n login local\n")
    assert findings(text, "NL305") == [
        (2, "medium", "'con 0' asks for no authentication at all (no login)"),
        (7, "high", "'vty 5 15' asks for no authentication at all (no login)"),
    ]


def test_aaa_server_keys():
    text = ("hostname r\n"
            "tacacs-server host 10.0.0.1 key 7 045802150C2E\n"
            "tacacs-server host 10.0.0.2 key 0 Plainkey1\n"
            "tacacs-server host 10.0.0.3 key 6 ABCDEFGHIJKL\n"
            "radius-server host 10.0.0.4 key cisco\n")
    assert findings(text, "NL306") == [
        (2, "medium", "the shared key of the tacacs+ server 10.0.0.1 is stored with reversible encryption (e.g. Cisco type 7)"),
        (3, "high", "the shared key of the tacacs+ server 10.0.0.2 is stored in clear text"),
        (5, "high", "the shared key of the radius server 10.0.0.4 is a well-known value"),
    ]


def test_password_strength_rules_and_remote_root_login():
    nxos = "version 7.0(3)I7(9)\nhostname n\n{}password strength-check\n"
    assert findings(nxos.format("no "), "NL307", "cisco_nxos") == [
        (3, "medium", "the platform's password-strength rules are disabled: weak admin passwords are accepted")]
    assert findings(nxos.format(""), "NL307", "cisco_nxos") == []
    junos = "system {{\n  services {{\n    ssh {{\n      root-login {};\n    }}\n  }}\n}}\n"
    assert findings(junos.format("allow"), "NL308", "juniper_junos") == [
        (4, "medium", "the superuser 'root' may log in directly over SSH")]
    assert findings(junos.format("deny"), "NL308", "juniper_junos") == []


def test_management_without_any_source_restriction():
    assert findings("hostname r\nip http secure-server\n", "NL206") == [
        (2, "high", "https management has no source restriction (no ACL, no allowed-source list): any address that "
                    "can reach the device may connect")]
    assert findings("hostname r\naccess-list 10 permit 10.99.0.0 0.0.0.255\nip http secure-server\n"
                    "ip http access-class 10\n", "NL206") == []
    # SSH and telnet on IOS are the VTY's business (NL205), not NL206
    assert findings("hostname r\nline vty 0 4\n transport input ssh\n", "NL206") == []
    # Junos: a filter on lo0 guards every service of the routing engine
    junos = ("system {{ services {{ ssh; }} }}\n"
             "interfaces {{ lo0 {{ unit 0 {{ family inet {{ {}address 10.255.0.1/32; }} }} }} }}\n"
             "firewall {{ family inet {{ filter RE {{ term a {{ from {{ source-address {{ 10.99.0.0/24; }} }} "
             "then accept; }} }} }} }}\n")
    assert findings(junos.format("filter { input RE; } "), "NL206", "juniper_junos") == []
    assert [sev for _, sev, _ in findings(junos.format(""), "NL206", "juniper_junos")] == ["high"]


def test_ping_from_anywhere_is_low():
    forti = ("config system interface\n    edit \"port1\"\n        set ip 192.0.2.1 255.255.255.0\n"
             "        set allowaccess ping https\n    next\nend\n")
    assert sorted((sev, msg.split(" ")[0]) for _, sev, msg in findings(forti, "NL206", "fortinet_fortios")) == [
        ("high", "https"), ("low", "ping")]
