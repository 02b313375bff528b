"""Weak / hardened twins for every vendor: the management-plane checks (categories
insecure-management, weak-authentication, logging) on each vendor's `mgmt-weak` fixture
report what was planted there, at the offending line, and nothing on its `mgmt-hardened`
twin. Everything goes through the CLI as a user runs it:

    netlint lint FILE --format json --select insecure-management,weak-authentication,logging --no-network

Each table lists (check id, a regex matching the text of the line the finding points
at[, how many findings on that line]); the regex must match exactly one line of the
fixture. Where the text of that line is not unique (`<service>`, `no shutdown`), the
regex is a pair (a regex for a unique line before it, then the regex of the first line
after that one). Device-level findings ("no AAA", "no syslog host"...) point at the version
line (ASA/IOS/NX-OS `version`, the EOS `! device:` header, the FortiOS
`#config-version=` header, the Junos `version` statement).

Every weakness planted in a weak fixture is reported at its line (none is left
unreported in the model alone).

iptables and nftables: a ruleset cannot show the device's management plane (no sshd,
users or syslog), so the parsers set `management_visible=False` and the checks of the
management settings are silent on both twins. What a ruleset does show is which
packets the host accepts for itself: NL212 reads the INPUT chain with the packet-set
engine and reports the rules (and the chain policy) that accept cleartext management
protocols from any address.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from netlint.checks import all_checks
from netlint.filters import FilterSet
from netlint.model import DENY, PERMIT
from netlint.space import Packet
from parsers import parse_file

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "fixtures" / "cases"
CATEGORIES = ("insecure-management", "weak-authentication", "logging")
SELECT = ",".join(CATEGORIES)

TWINS = {
    "cisco_ios": ("mgmt-weak.cfg", "mgmt-hardened.cfg"),
    "cisco_asa": ("mgmt-weak.cfg", "mgmt-hardened.cfg"),
    "cisco_nxos": ("mgmt-weak.cfg", "mgmt-hardened.cfg"),
    "arista_eos": ("mgmt-weak.cfg", "mgmt-hardened.cfg"),
    "juniper_junos": ("mgmt-weak.conf", "mgmt-hardened.conf"),
    "paloalto_panos": ("running-config.xml", "hardened.xml"),
    "fortinet_fortios": ("mgmt-weak.conf", "mgmt-hardened.conf"),
    "linux_iptables": ("mgmt-weak.rules", "mgmt-hardened.rules"),
    "linux_nftables": ("mgmt-weak.nft", "mgmt-hardened.nft"),
}

# The version line: where device-level findings point.
IOS_VERSION = r"^version 15\.2$"
ASA_VERSION = r"^ASA Version 9\.1\(7\)$"
NXOS_VERSION = r"^version 7\.0\(3\)I7\(9\)"
EOS_VERSION = r"^! device: br-agg11 "
JUNOS_VERSION = r"^version 12\.3X48"
FORTI_VERSION = r"^#config-version=FGT60E"

EXPECTED: dict[str, list[tuple]] = {
    "cisco_ios": [
        ("NL303", IOS_VERSION),  # no aaa new-model
        ("NL401", IOS_VERSION),  # no logging host
        ("NL403", IOS_VERSION),  # no ntp server
        ("NL404", IOS_VERSION),  # no command accounting
        ("NL402", r"^no service timestamps$"),
        ("NL301", r"^enable password Cisc0Branch!$"),
        ("NL302", r"^username admin privilege 15 password 7 "),
        ("NL304", r"^username admin privilege 15 password 7 "),
        ("NL302", r"^username operator password "),
        ("NL304", r"^username operator password "),
        ("NL202", r"^ip http server$"),
        ("NL204", r"^snmp-server community public RO$"),
        ("NL204", r"^snmp-server community private RW$"),
        ("NL203", r"^ip ssh version 1$"),
        ("NL302", r"^line con 0$"),  # password 7
        ("NL207", r"^line con 0$"),  # exec-timeout 0 0
        ("NL201", r"^line vty 0 4$"),  # transport input telnet ssh
        ("NL302", r"^line vty 0 4$"),  # password in clear text
        ("NL205", r"^line vty 0 4$"),  # no access-class
        ("NL207", r"^line vty 0 4$"),
        ("NL201", r"^line vty 5 15$"),  # transport input all
        ("NL205", r"^line vty 5 15$"),
        ("NL305", r"^line vty 5 15$"),  # no login
        ("NL206", r"^ip http server$"),  # no 'ip http access-class'
        ("NL306", r"^tacacs-server host 10\.99\.0\.41 key "),  # key in clear text
        ("NL210", r"^snmp-server group LEGACY v3 noauth$"),
        ("NL210", r"^snmp-server user monitor LEGACY v3 auth md5 "),  # MD5 and DES
    ],
    "cisco_asa": [
        ("NL303", ASA_VERSION),
        ("NL401", ASA_VERSION),
        ("NL402", ASA_VERSION),  # no 'logging timestamp' (the ASA default is none)
        ("NL403", ASA_VERSION),
        ("NL404", ASA_VERSION),
        ("NL201", r"^telnet 0\.0\.0\.0 0\.0\.0\.0 outside$"),
        ("NL206", r"^telnet 0\.0\.0\.0 0\.0\.0\.0 outside$"),
        ("NL201", r"^telnet 10\.1\.1\.0 255\.255\.255\.0 inside$"),
        ("NL206", r"^http 0\.0\.0\.0 0\.0\.0\.0 outside$"),
        ("NL206", r"^ssh 0 0 outside$"),
        ("NL203", r"^ssh version 1$"),
        ("NL207", r"^console timeout 0$"),
        ("NL204", r"^snmp-server community public$"),
        ("NL204", r"^snmp-server host inside 10\.1\.1\.50 community private"),
        ("NL302", r"^username admin password x$"),
        ("NL304", r"^username admin password x$"),
        ("NL302", r"^username cisco password .* encrypted privilege 15$"),  # MD5-based
        ("NL304", r"^username cisco password "),
        ("NL302", r"^username ops nopassword"),
        ("NL301", r"^enable password \S+ encrypted$"),  # the well-known hash of the empty password
        ("NL302", r"^passwd \S+ encrypted$"),  # the well-known hash of 'cisco'
        ("NL207", r"^telnet timeout 60$"),
        ("NL207", r"^ssh timeout 60$"),
        ("NL207", r"^http server enable$"),  # ASDM: no idle-timeout, the 20-minute default
        ("NL211", r"^ssh key-exchange group dh-group1-sha1$"),
        ("NL211", r"^ssh cipher encryption low$"),  # offers 3DES
        ("NL210", r"^snmp-server group LEGACY v3 auth$"),  # authNoPriv
        ("NL210", r"^snmp-server user nms-legacy LEGACY v3 auth md5 "),
    ],
    "cisco_nxos": [
        ("NL303", NXOS_VERSION),
        ("NL401", NXOS_VERSION),
        ("NL403", NXOS_VERSION),
        ("NL404", NXOS_VERSION),
        ("NL201", r"^feature telnet$"),
        ("NL302", r"^username admin password 0 "),
        ("NL304", r"^username admin password 0 "),
        ("NL302", r"^username helpdesk password 7 "),
        ("NL202", r"^nxapi http port 80$"),
        ("NL204", r"^snmp-server community public "),
        ("NL204", r"^snmp-server community private "),
        ("NL205", r"^line vty$"),
        ("NL207", r"^line vty$"),
        ("NL206", r"^feature nxapi$"),  # NX-API HTTPS (on by default) with no ACL
        ("NL206", r"^nxapi http port 80$"),
        ("NL307", r"^no password strength-check$"),
        ("NL210", r"^snmp-server user nms-legacy "),  # MD5, no privacy
    ],
    "arista_eos": [
        ("NL303", EOS_VERSION),
        ("NL401", EOS_VERSION),
        ("NL403", EOS_VERSION),
        ("NL404", EOS_VERSION),
        ("NL205", EOS_VERSION),  # SSH is on by default; no `management ssh` block: no ACL
        ("NL302", r"^username admin .* secret 0 "),
        ("NL304", r"^username admin "),
        ("NL302", r"^username helpdesk .* secret 5 "),  # MD5
        ("NL302", r"^username guest nopassword$"),
        ("NL304", r"^username guest nopassword$"),
        ("NL301", r"^enable password 0 "),
        ("NL204", r"^snmp-server community public ro$"),
        ("NL204", r"^snmp-server community private rw$"),
        ("NL202", r"^protocol http$"),
        ("NL201", r"^management telnet$"),
        ("NL205", r"^management telnet$"),
        ("NL207", EOS_VERSION),  # SSH, on by default without idle-timeout: never times out
        ("NL207", r"^management telnet$"),  # the same for telnet
        ("NL206", r"^protocol http$"),  # eAPI over HTTP with no ACL
        ("NL206", (r"^management api http-commands$", r"^no shutdown$")),  # eAPI HTTPS with no ACL
        ("NL210", r"^snmp-server group LEGACY v3 noauth$"),
        ("NL210", r"^snmp-server user nms-legacy "),  # MD5 and DES
    ],
    "juniper_junos": [
        ("NL303", JUNOS_VERSION),  # RADIUS configured but no authentication-order
        ("NL401", JUNOS_VERSION),
        ("NL403", JUNOS_VERSION),
        ("NL404", JUNOS_VERSION),
        ("NL302", r"^root-authentication \{$"),  # MD5
        ("NL302", r"^user admin \{$"),
        ("NL304", r"^user admin \{$"),
        ("NL302", r"^user helpdesk \{$"),
        ("NL203", r"^protocol-version \[ v1 v2 \];$"),
        ("NL201", r"^telnet;$"),
        ("NL202", r"^http \{$"),
        ("NL204", r"^community public \{$"),
        # no filter on lo0: the services answer any address on the zones' interfaces
        ("NL206", r"^ssh \{$"),
        ("NL206", r"^telnet;$"),
        ("NL206", r"^ftp;$"),
        ("NL206", r"^finger;$"),
        ("NL206", r"^xnm-clear-text;$"),
        ("NL206", r"^http \{$"),
        ("NL209", r"^ftp;$"),
        ("NL209", r"^finger;$"),
        ("NL209", r"^xnm-clear-text;$"),
        ("NL207", r"^user admin \{$"),  # login class super-user has no idle-timeout
        ("NL207", r"^user helpdesk \{$"),  # nor has operator
        ("NL308", r"^root-login allow;$"),
        ("NL211", r"^ciphers \[ 3des-cbc "),
        ("NL211", r"^key-exchange \[ dh-group1-sha1 "),
        ("NL306", r"^10\.1\.1\.50 secret "),  # $9$: reversible
        ("NL210", r"^user monitor \{$"),  # MD5 and DES
    ],
    "paloalto_panos": [
        ("NL302", r'^<entry name="admin">$'),  # MD5 phash
        ("NL304", r'^<entry name="admin">$'),
        ("NL201", r"^<interface-management-profile>untrust-mgmt</interface-management-profile>$"),
        ("NL202", r"^<interface-management-profile>untrust-mgmt</interface-management-profile>$"),
        ("NL202", r"^<disable-http>no</disable-http>$"),
        ("NL204", r"^<snmp-community-string>public</snmp-community-string>$"),
        # no permitted-ip: http, ping (low) and telnet on the untrust uplink, ping on the DMZ
        ("NL206", r"^<interface-management-profile>untrust-mgmt</interface-management-profile>$", 3),
        ("NL206", r"^<interface-management-profile>allow-ping</interface-management-profile>$"),
        # the management port: https, ssh and ping from any address, and http
        ("NL206", (r"PLANTED: HTTP left enabled on the management port", r"^<service>$"), 3),
        ("NL206", r"^<disable-http>no</disable-http>$"),
        ("NL207", r"^<idle-timeout>60</idle-timeout>$"),
        ("NL307", r"^<enabled>no</enabled>$"),  # password-complexity off
    ],
    "fortinet_fortios": [
        ("NL303", FORTI_VERSION),
        ("NL401", FORTI_VERSION),  # the syslogd server is configured but disabled
        ("NL403", FORTI_VERSION),  # ntpsync disable
        ("NL404", FORTI_VERSION),
        ("NL203", r"^set admin-ssh-v1 enable$"),
        ("NL201", r"^set allowaccess ping https ssh http telnet snmp fgfm$"),
        ("NL202", r"^set allowaccess ping https ssh http telnet snmp fgfm$"),
        # ping, https, ssh, http, telnet, snmp: 'admin' has no trusthost (and helpdesk 0/0);
        # fgfm, which trusthosts do not restrict, from any address
        ("NL206", r"^set allowaccess ping https ssh http telnet snmp fgfm$", 7),
        ("NL206", r"^set allowaccess ping https ssh$", 3),  # on wan1
        ("NL302", r'^edit "admin"$'),  # no password at all
        ("NL304", r'^edit "admin"$'),
        ("NL302", r'^edit "support"$'),  # clear text
        ("NL304", r'^edit "support"$'),
        ("NL204", r'^set name "private"$'),
        ("NL204", r'^set name "branch-monitor"$'),  # host 0.0.0.0/0
        ("NL207", r"^set admintimeout 480$"),
        ("NL211", r"^set strong-crypto disable$"),
        ("NL306", r'^set server "192\.168\.1\.20"$'),  # ENC with the fixed FortiOS key
        ("NL210", r'^edit "nms-noauth"$'),
    ],
    "linux_iptables": [
        ("NL212", r"^:INPUT ACCEPT "),  # the policy lets in ftp, tftp, rexec, rlogin, rsh
        ("NL212", r"^-A INPUT -p tcp -m tcp --dport 23 -j ACCEPT$"),
        ("NL212", r"^-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT$"),
        ("NL212", r"^-A INPUT -p udp -m udp --dport 161 -j ACCEPT$"),
    ],
    "linux_nftables": [
        ("NL212", r"hook input priority filter; policy accept;$"),
        ("NL212", r"^tcp dport \{ 22, 23, 80 \} accept$"),  # telnet and http
        ("NL212", r"^udp dport 161 accept$"),
    ],
}

def _findings(cli, path: Path) -> list[dict]:
    code, out, err = cli("lint", path, "--format", "json", "--select", SELECT, "--no-network")
    assert code in (0, 1), err
    report = json.loads(out)
    assert [d["file"] for d in report["devices"]] == [str(path)]
    return report["findings"]


def _line_of(lines: list[str], regex: str | tuple[str, str], where: Path) -> int:
    if isinstance(regex, tuple):
        after, regex = regex
        start = _line_of(lines, after, where)
        hits = [i for i, text in enumerate(lines, 1) if i > start and re.search(regex, text.strip())]
        assert hits, f"{where.name}: /{regex}/ matches no line after line {start}"
        return hits[0]
    hits = [i for i, text in enumerate(lines, 1) if re.search(regex, text.strip())]
    assert len(hits) == 1, f"{where.name}: /{regex}/ must match exactly one line, matches {hits}"
    return hits[0]


@pytest.mark.parametrize("vendor", sorted(TWINS))
def test_twins_exist_and_are_this_vendors(vendor):
    for name in TWINS[vendor]:
        device = parse_file(CASES / vendor / name)
        assert device.vendor == vendor
        assert device.parse_warnings == [], [(w.loc.line, w.message) for w in device.parse_warnings]


@pytest.mark.parametrize("vendor", sorted(TWINS))
def test_weak_twin_findings_at_the_offending_lines(cli, vendor):
    path = CASES / vendor / TWINS[vendor][0]
    lines = path.read_text(encoding="utf-8").splitlines()
    expected: Counter = Counter()
    for entry in EXPECTED[vendor]:
        rule_id, regex = entry[0], entry[1]
        expected[(rule_id, _line_of(lines, regex, path))] += entry[2] if len(entry) > 2 else 1
    findings = _findings(cli, path)
    assert all(f["category"] in CATEGORIES for f in findings)
    got = Counter((f["rule_id"], f["line"]) for f in findings)
    missing, extra = expected - got, got - expected
    describe = lambda c: sorted(f"{r} line {n}: {lines[n - 1].strip()}" for (r, n) in c.elements())  # noqa: E731
    assert not missing and not extra, f"missing {describe(missing)}; unexpected {describe(extra)}"


@pytest.mark.parametrize("vendor", sorted(TWINS))
def test_hardened_twin_has_no_management_finding(cli, vendor):
    path = CASES / vendor / TWINS[vendor][1]
    findings = _findings(cli, path)
    assert findings == [], [(f["rule_id"], f["line"], f["message"]) for f in findings]


def test_every_device_check_of_these_categories_fires_on_some_weak_twin():
    device_checks = {c.id for c in all_checks() if c.category in CATEGORIES and c.scope == "device"}
    planted = {entry[0] for entries in EXPECTED.values() for entry in entries}
    assert device_checks <= planted, sorted(device_checks - planted)


# --------------------------------------------------------------------------- iptables / nftables

LINUX_INPUT = {"linux_iptables": "INPUT", "linux_nftables": "inet/filter/input"}
ANYWHERE = "203.0.113.66"


@pytest.mark.parametrize("vendor", sorted(LINUX_INPUT))
def test_linux_twins_show_the_weakness_in_the_input_chain_only(vendor):
    """The checks of the management settings are silent on both twins
    (management_visible=False); the weak twin's INPUT chain admits telnet, HTTP and SNMP
    from any address (NL212 reports it) and the hardened one does not."""
    weak, hardened = (parse_file(CASES / vendor / name) for name in TWINS[vendor])
    assert weak.management_visible is False and hardened.management_visible is False
    chain = LINUX_INPUT[vendor]
    for proto, port in ((6, 23), (6, 80), (17, 161), (6, 22)):
        pkt = Packet(ANYWHERE, "192.168.10.1", proto, 40000, port)
        assert FilterSet(weak).evaluate(chain, pkt).action == PERMIT, port
        assert FilterSet(hardened).evaluate(chain, pkt).action == DENY, port
    ssh_from_mgmt = Packet("10.99.0.7", "192.168.10.1", 6, 40000, 22, in_if="eth1")
    assert FilterSet(hardened).evaluate(chain, ssh_from_mgmt).action == PERMIT
