"""NL212: the cleartext management protocols a Linux host's own packet filter accepts
(iptables INPUT, nftables input hook, with the prerouting chains every packet to the
host crosses first), computed with the packet-set engine, from any address or, with a
policy, from outside its management zones."""

from __future__ import annotations

import ipaddress

from conftest import FIXTURES, parse
from netlint.checks import DeviceContext, all_checks, run_device_checks
from netlint.policy import Policy, Zone

IPT = "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n{}COMMIT\n"


def nl212(text: str, policy: Policy | None = None, vendor: str = "linux_iptables", file: str = "gw.rules"):
    device = parse(text, file, vendor)
    return run_device_checks(DeviceContext(device, policy), [c for c in all_checks() if c.id == "NL212"])


def policy(**zones: tuple[str, list[str]]) -> Policy:
    return Policy(file=None, zones={name: Zone(name, kind, [ipaddress.ip_network(n) for n in nets])
                                    for name, (kind, nets) in zones.items()})


MGMT_POLICY = policy(internet=("external", ["0.0.0.0/0"]), mgmt=("mgmt", ["10.99.0.0/24"]),
                     users=("internal", ["10.30.0.0/16"]))


def test_a_rule_accepting_telnet_from_anywhere_is_reported_at_its_line():
    (f,) = nl212(IPT.format("-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp --dport 23 -j ACCEPT\n"
                            "-A INPUT -p tcp --dport 22 -j ACCEPT\n"))
    assert (f.rule_id, f.line, f.severity, f.category) == ("NL212", 6, "high", "insecure-management")
    assert f.message == "the host accepts cleartext management telnet (tcp/23) from any address: this rule of INPUT lets it in"
    assert "明文管理連線" in f.message_zh and "任意位址" in f.message_zh
    assert f.evidence["services"] == ["telnet (tcp/23)"] and f.evidence["by_chain_policy"] is False


def test_an_accepting_chain_policy_is_reported_at_the_policy_line():
    (f,) = nl212("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n")
    assert f.line == 2 and f.evidence["by_chain_policy"] is True
    assert f.evidence["services"] == ["telnet (tcp/23)", "ftp (tcp/21)", "tftp (udp/69)", "http (tcp/80)",
                                      "snmp (udp/161)", "rexec (tcp/512)", "rlogin (tcp/513)", "rsh (tcp/514)"]


def test_loopback_ssh_and_restricted_sources_are_not_reported():
    assert nl212(IPT.format("-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\n")) == []
    # without a policy, a source restriction is taken for a management network
    assert nl212(IPT.format("-A INPUT -s 10.0.0.0/8 -p tcp --dport 23 -j ACCEPT\n")) == []
    # established return traffic is not a new connection
    assert nl212(IPT.format("-A INPUT -m state --state ESTABLISHED -j ACCEPT\n")) == []


def test_with_a_policy_only_the_management_zones_may():
    from_mgmt = IPT.format("-A INPUT -s 10.99.0.0/24 -p tcp --dport 23 -j ACCEPT\n")
    assert nl212(from_mgmt, MGMT_POLICY) == []
    # 10.0.0.0/8 holds the users' zone too: reported, exactly
    (f,) = nl212(IPT.format("-A INPUT -s 10.0.0.0/8 -p udp --dport 161 -j ACCEPT\n"), MGMT_POLICY)
    assert f.line == 5 and f.evidence["services"] == ["snmp (udp/161)"] and f.evidence["management_zones"] == ["mgmt"]
    assert "from outside the management zone(s) mgmt" in f.message


def test_a_drop_in_prerouting_is_final():
    text = ("*raw\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp --dport 23 -j DROP\nCOMMIT\n"
            "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 23 -j ACCEPT\n-A INPUT -p tcp --dport 80 -j ACCEPT\nCOMMIT\n")
    (f,) = nl212(text)
    assert f.line == 8 and f.evidence["services"] == ["http (tcp/80)"]


def test_nftables_input_hook_and_non_ip_tables():
    text = ("table inet filter {\n"
            "\tchain input {\n"
            "\t\ttype filter hook input priority filter; policy drop;\n"
            "\t\tiif \"lo\" accept\n"
            "\t\ttcp dport { 22, 21 } accept\n"
            "\t}\n"
            "}\n"
            "table arp a {\n"
            "\tchain input {\n"
            "\t\ttype filter hook input priority 0; policy accept;\n"
            "\t}\n"
            "}\n")
    (f,) = nl212(text, vendor="linux_nftables", file="gw.nft")
    assert f.line == 5 and f.evidence["services"] == ["ftp (tcp/21)"]


def test_a_fortios_local_in_policy_is_not_a_host_chain():
    """A FortiOS local-in policy is on the input hook too, but what it does not match
    falls to allowaccess and trusthosts (NL201/NL202/NL206): no NL212."""
    path = FIXTURES / "cases" / "fortinet_fortios" / "objects-policies.conf"
    device = parse(path.read_text(), str(path), "fortinet_fortios")
    assert any(f.hook == "input" for f in device.filters.values())
    assert run_device_checks(DeviceContext(device), [c for c in all_checks() if c.id == "NL212"]) == []


def test_it_runs_where_the_management_plane_is_not_visible():
    device = parse(IPT.format("-A INPUT -p tcp --dport 23 -j ACCEPT\n"), "gw.rules", "linux_iptables")
    assert device.management_visible is False
    assert [f.rule_id for f in run_device_checks(DeviceContext(device), all_checks())
            if f.category == "insecure-management"] == ["NL212"]
