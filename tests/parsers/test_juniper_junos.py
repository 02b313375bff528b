"""Tests of the Juniper Junos parser (parsers/juniper_junos.py) on its unit fixtures
(fixtures/cases/juniper_junos/) and on the sample network's exchange firewall
(fixtures/exch-fw.conf)."""

from __future__ import annotations

import json
import random
import time
from datetime import datetime
from pathlib import Path

import pytest

from netlint.filters import FilterSet
from netlint.model import (
    ANY_SERVICE, CONTINUE, DENY, MAX_ADDR, PERMIT, AddressRange, AddressWildcard, ParseError, Service,
)
from netlint.query import answer, make_packet, select_filter
from netlint.serialize import device_to_dict
from netlint.space import Packet
from parsers import parse_file, parse_text
from parsers import juniper_junos as jj
from parsers.detect import detect_vendor
from parsers.juniper_junos import JUNOS_APPLICATIONS, JUNOS_PORTS, PARSER, build_tree, junos_redact

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cases" / "juniper_junos"
EXCH_FW = ROOT / "fixtures" / "exch-fw.conf"

CLEAN = ["filters.conf", "srx-policies.conf", "srx-policies.set", "groups.conf", "mgmt-weak.conf",
         "mgmt-hardened.conf", "switch-ex.conf"]


def load(name: str):
    return parse_file(CASES / name)  # auto-detected


def parse(text: str, file: str = "snippet.conf"):
    return PARSER.parse(text, file)


def line_of(path: Path, text: str, start: int = 1) -> int:
    """1-based number of the first line (from `start`) whose stripped text equals `text`."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if number >= start and line.strip() == text:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def net(text: str) -> AddressRange:
    return AddressRange.from_network(text)


def host(text: str) -> AddressRange:
    return AddressRange.host(text)


def tcp(*ports, src=()) -> Service:
    return Service(6, tuple(src), tuple((p, p) if isinstance(p, int) else p for p in ports))


def udp(*ports, src=()) -> Service:
    return Service(17, tuple(src), tuple((p, p) if isinstance(p, int) else p for p in ports))


def rules_by_name(filt):
    return {r.name: r for r in filt.rules}


def refs(device, kind=None, name=None):
    return [r for r in device.references if (kind is None or r.kind == kind) and (name is None or r.name == name)]


def unused(device) -> set[tuple[str, str]]:
    used = {(r.kind, r.name) for r in device.references}
    return {(o.kind, o.name) for o in device.objects if (o.kind, o.name) not in used}


def verdict(device, filter_name: str, src: str, dst: str, proto: int = 6, dport: int | None = None,
            sport: int | None = 49152, icmp_type: int | None = None, from_zone: str | None = None,
            to_zone: str | None = None, established: bool = False):
    pkt = Packet(src=src, dst=dst, proto=proto, established=established, src_zone=from_zone, dst_zone=to_zone)
    if proto in (6, 17, 132):
        pkt.sport, pkt.dport = sport, dport
    elif proto in (1, 58):
        pkt.icmp_type, pkt.icmp_code = (8 if icmp_type is None else icmp_type), 0
    v = FilterSet(device).evaluate(filter_name, pkt)
    return v.action, (v.rule.name if v.rule else None)


@pytest.fixture(scope="module")
def filters():
    return load("filters.conf")


@pytest.fixture(scope="module")
def srx():
    return load("srx-policies.conf")


@pytest.fixture(scope="module")
def srx_set():
    return load("srx-policies.set")


@pytest.fixture(scope="module")
def groups():
    return load("groups.conf")


@pytest.fixture(scope="module")
def weak():
    return load("mgmt-weak.conf")


@pytest.fixture(scope="module")
def hardened():
    return load("mgmt-hardened.conf")


@pytest.fixture(scope="module")
def switch():
    return load("switch-ex.conf")


@pytest.fixture(scope="module")
def exch():
    return parse_file(EXCH_FW)


# --------------------------------------------------------------------------- detection and basics


def test_fixtures_are_detected_as_junos_and_clean_ones_have_no_warnings():
    for name in CLEAN:
        text = (CASES / name).read_text()
        assert detect_vendor(text) == "juniper_junos", name
        assert PARSER.detect(text) > 0
        device = load(name)
        assert device.vendor == "juniper_junos", name
        assert device.parse_warnings == [], (name, [(w.loc.line, w.message) for w in device.parse_warnings])
    assert PARSER.detect(EXCH_FW.read_text()) == 100
    assert PARSER.detect("hostname r1\ninterface Gi0/1\n ip address 10.0.0.1 255.255.255.0\n") == 0


def test_inventory(exch, filters, switch):
    assert exch.hostname == "exch-fw"
    assert exch.os_version == "19.4R3-S2.1"
    assert exch.os_version_loc.line == 3 and exch.os_version_loc.text == "version 19.4R3-S2.1;"
    assert exch.model == "SRX345" and exch.facts["model_line"] == 2
    assert exch.facts["last_commit"] == "2024-11-18 16:42:07 CST"
    assert exch.facts["last_commit_by"] == "wang.ops"
    assert exch.facts["platform"] == "srx" and exch.stateful is True
    assert exch.facts["config_form"] == "curly"
    assert (filters.hostname, filters.os_version, filters.model) == ("edge-r1", "21.4R3.15", "MX204")
    assert filters.stateful is False and filters.facts["platform"] == "junos"
    assert switch.model == "EX4300-48T"


def test_set_form_version_and_hostname_fallback():
    device = parse("set version 21.4R3.15\nset interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24\n",
                   "configs/edge-r9.set")
    assert device.os_version == "21.4R3.15" and device.os_version_loc.line == 1
    assert device.hostname == "edge-r9"  # no host-name: the file name
    assert device.facts["config_form"] == "set"
    assert device.parse_warnings == []


def test_not_junos_is_a_parse_error():
    with pytest.raises(ParseError):
        parse("This is a shopping list.\nEggs, milk.\n")
    with pytest.raises(ParseError):
        parse("   \n\n")
    with pytest.raises(ParseError) as exc:
        parse("version 15.2\nhostname r1\ninterface GigabitEthernet0/1\n ip address 10.0.0.1 255.255.255.0\n")
    assert exc.value.line == 1


def test_entry_point_parse_text(exch):
    device = parse_text(EXCH_FW.read_text(), str(EXCH_FW))
    assert device.vendor == "juniper_junos"
    assert device.line_count == len(EXCH_FW.read_text().splitlines())


# --------------------------------------------------------------------------- the statement tree


def test_comments_quotes_lists_and_prompts():
    text = "\n".join([
        "{master:0}",
        "netops@edge-r1> show configuration",
        "## Last commit: 2024-01-02 03:04:05 UTC by netops",
        "version 21.4R3.15;",
        "/* an annotation",
        "   over two lines */",
        "system {",
        "    host-name r1; # trailing comment",
        '    domain-name "example.com";',
        "    login {",
        '        message "a { tricky } banner; with # and \\"quotes\\"";',
        "    }",
        "    authentication-order [ tacplus radius password ];",
        "    inactive: ntp {",
        "        server 10.0.0.1;",
        "    }",
        "    protect: syslog {",
        "        host 10.0.0.9 {",
        "            any any; /* inline */",
        "        }",
        "    }",
        "}",
    ])
    device = parse(text)
    assert device.parse_warnings == []
    assert device.hostname == "r1"
    assert device.facts["domain_name"] == "example.com"
    assert device.management.banners["login"] == 'a { tricky } banner; with # and "quotes"'
    assert device.management.aaa.login_methods == ["tacplus", "radius", "password"]
    assert device.management.ntp_servers == []  # inactive: skipped, no warning
    assert [h.address for h in device.management.log_hosts] == ["10.0.0.9"]
    assert device.facts["last_commit_by"] == "netops"


def test_tree_lines_curly_and_set():
    tree = build_tree(["security {", "    policies {", "        from-zone a to-zone b {",
                       "            policy p {", "                then permit;", "            }",
                       "        }", "    }", "}"])
    p = tree.root.kids["security"].kids["policies"].kids["from-zone"].kids["a"].kids["to-zone"].kids["b"]
    assert (p.line, p.end) == (3, 7)
    policy = p.kids["policy"].kids["p"]
    assert (policy.line, policy.end) == (4, 6)
    tree = build_tree(["set a b c 1", "set x y", "set a b d 2"])
    b = tree.root.kids["a"].kids["b"]
    assert (b.line, b.end) == (1, 3)
    assert tree.set_lines == 3


def test_one_line_statements_with_several_leaves():
    combined = parse(
        "set security zones security-zone a interfaces ge-0/0/0.0\n"
        "set security zones security-zone b interfaces ge-0/0/1.0\n"
        "set security policies from-zone a to-zone b policy p match source-address any destination-address any "
        "application junos-ssh\n"
        "set security policies from-zone a to-zone b policy p then permit\n"
        "set applications application x term t1 protocol tcp destination-port 8443\n"
        "set routing-options static route 0.0.0.0/0 next-hop 10.0.0.1 preference 7\n")
    assert combined.parse_warnings == []
    (rule,) = combined.filters["security-policy"].rules
    assert rule.src.any and rule.dst.any and rule.services == (tcp(22),)
    (route,) = combined.routes
    assert (route.next_hop, route.distance) == ("10.0.0.1", 7)
    curly = parse("applications {\n application x {\n  term t1 protocol tcp destination-port 8443;\n }\n}\n")
    assert curly.parse_warnings == []
    obj = next(o for o in curly.objects if o.name == "x")
    assert obj.kind == "service-object"


def test_deactivate_activate_and_delete_lines():
    device = parse(
        "set system host-name r1\n"
        "set system services telnet\n"
        "set system services ssh\n"
        "set system ntp server 10.0.0.1\n"
        "delete system services telnet\n"
        "deactivate system ntp\n"
        "set firewall filter F term a then accept\n"
        "set firewall filter F term b then discard\n"
        "deactivate firewall filter F term a\n"
        "deactivate firewall filter F term b\n"
        "activate firewall filter F term b\n")
    assert device.parse_warnings == []
    assert [s.protocol for s in device.management.services] == ["ssh"]
    assert device.management.ntp_servers == []
    a, b = device.filters["F"].rules
    assert (a.name, a.enabled, b.name, b.enabled) == ("a", False, "b", True)


def test_unsupported_set_verbs_warn():
    device = parse("set system host-name r1\nrename system host-name to r2\n")
    (w,) = device.parse_warnings
    assert w.loc.line == 2 and "not supported" in w.message


# --------------------------------------------------------------------------- stateless firewall filters


def test_filter_shape(filters):
    path = CASES / "filters.conf"
    filt = filters.filters["EDGE-IN"]
    assert filt.kind == "firewall-filter" and filt.family == 4 and filt.stateful is False
    assert filt.default_action == DENY
    assert filt.default_note == "implicit discard at the end of every Junos firewall filter"
    assert filt.loc.line == line_of(path, "filter EDGE-IN {")
    first = filt.rules[0]
    assert first.name == "no-bogons" and first.loc.line == line_of(path, "term no-bogons {")
    assert first.loc.end_line == first.loc.line + 10  # the term's closing brace
    assert first.loc.text == "term no-bogons {"
    assert [r.name for r in filt.rules] == [
        "no-bogons", "except-form", "count-web", "web", "established", "dns", "ping", "log-only",
        "disabled-term", "reject-telnet", "either-address", "either-address", "no-action"]
    assert all(r.family == 4 for r in filt.rules)


def test_except_is_longest_prefix_match(filters):
    r = rules_by_name(filters.filters["EDGE-IN"])["except-form"]
    # 10/8 except 10.1/16, but 10.1.2/24 again: exact ranges
    assert r.dst.items == (net("10.0.0.0/16"), net("10.1.2.0/24"),
                           AddressRange(4, int(host("10.2.0.0").first), int(host("10.255.255.255").first)))
    assert r.src.any
    assert verdict(filters, "EDGE-IN", "198.51.100.9", "10.2.3.4", 6, 22) == (PERMIT, "except-form")
    assert verdict(filters, "EDGE-IN", "198.51.100.9", "10.1.2.9", 6, 22) == (PERMIT, "except-form")
    # 10.1.0.5: the most specific listed prefix (10.1/16) is an except: no match, and
    # nothing later matches either -> the implicit discard
    assert verdict(filters, "EDGE-IN", "198.51.100.9", "10.1.0.5", 6, 22) == (DENY, None)
    assert verdict(filters, "EDGE-IN", "198.51.100.9", "11.0.0.1", 6, 22) == (DENY, None)


def test_prefix_list_except_semantics():
    device = parse(
        "set policy-options prefix-list A 10.0.0.0/8\n"
        "set policy-options prefix-list B 10.1.0.0/16\n"
        "set firewall filter F term in-a-not-b from source-prefix-list A\n"
        "set firewall filter F term in-a-not-b from source-prefix-list B except\n"
        "set firewall filter F term in-a-not-b then accept\n"
        "set firewall filter F term not-b from destination-prefix-list B except\n"
        "set firewall filter F term not-b then discard\n")
    a_not_b, not_b = device.filters["F"].rules
    assert a_not_b.src.items == (AddressRange(4, host("10.0.0.0").first, host("10.0.255.255").first),
                                 AddressRange(4, host("10.2.0.0").first, host("10.255.255.255").first))
    assert not_b.dst.items == (AddressRange(4, 0, host("10.0.255.255").first),
                               AddressRange(4, host("10.2.0.0").first, MAX_ADDR[4]))
    assert jj._subtract_intervals([(0, 255)], [(16, 31), (40, 40)]) == [(0, 15), (32, 39), (41, 255)]


def test_lpm_helper():
    lpm = jj._lpm_intervals
    assert lpm([]) == []
    assert lpm([(0, 255, True)]) == []
    assert lpm([(0, 255, False), (16, 31, True), (20, 23, False)]) == [(0, 15), (20, 23), (32, 255)]
    assert lpm([(0, 255, True), (16, 31, False)]) == [(16, 31)]


def test_next_term_and_count_only_terms(filters):
    rules = rules_by_name(filters.filters["EDGE-IN"])
    assert rules["count-web"].action == CONTINUE and rules["count-web"].vendor_action == "next term"
    assert rules["count-web"].extra["count"] == "web"
    # the counting term lets the packet go on to 'web'
    assert verdict(filters, "EDGE-IN", "198.51.100.9", "203.0.113.5", 6, 8085) == (PERMIT, "web")
    log_only = rules["log-only"]
    assert log_only.action == PERMIT and log_only.vendor_action == "accept (no terminating action)"
    assert log_only.log is True
    assert verdict(filters, "EDGE-IN", "192.0.2.7", "8.8.8.8", 17, 53) == (PERMIT, "log-only")
    no_action = rules["no-action"]  # no 'then' at all: accepted too
    assert no_action.action == PERMIT and no_action.services == (Service(47),)
    assert verdict(filters, "EDGE-IN", "8.8.8.8", "8.8.4.4", 47) == (PERMIT, "no-action")


def test_ports_by_name_and_range(filters):
    rules = rules_by_name(filters.filters["EDGE-IN"])
    assert rules["web"].services == (tcp(80, 443, (8080, 8090)),)
    assert rules["web"].dst.items == (net("203.0.113.0/24"),)
    # source-port domain AND destination-port 1024-65535, both protocols
    assert rules["dns"].services == (tcp((1024, 65535), src=((53, 53),)), udp((1024, 65535), src=((53, 53),)))
    assert JUNOS_PORTS["domain"] == 53 and JUNOS_PORTS["tacacs"] == 49 and JUNOS_PORTS["radius"] == 1812
    with pytest.raises(jj._Bad):
        jj._Run("", "x").port_range("90-80")


def test_port_and_address_match_source_or_destination(filters):
    rules = filters.filters["EDGE-IN"].rules
    telnet = next(r for r in rules if r.name == "reject-telnet")
    assert telnet.action == DENY and telnet.vendor_action == "reject"
    assert telnet.extra["reject_type"] == "tcp-reset"
    assert set(telnet.services) == {Service(6, ((23, 23),), ()), Service(6, (), ((23, 23),))}
    either = [r for r in rules if r.name == "either-address"]
    assert [r.extra["alternative"] for r in either] == ["1/2", "2/2"]
    assert either[0].src.items == (net("172.16.0.0/12"),) and either[0].dst.any
    assert either[1].dst.items == (net("172.16.0.0/12"),) and either[1].src.any
    assert all(r.log and r.loc.line == either[0].loc.line for r in either)
    assert verdict(filters, "EDGE-IN", "172.16.5.5", "8.8.8.8", 17, 5000) == (DENY, "either-address")
    assert verdict(filters, "EDGE-IN", "8.8.8.8", "172.20.0.1", 17, 5000) == (DENY, "either-address")


def test_tcp_established_and_flags(filters):
    est = rules_by_name(filters.filters["EDGE-IN"])["established"]
    assert est.established is True and est.services == (Service(6),)
    assert verdict(filters, "EDGE-IN", "8.8.8.8", "9.9.9.9", 6, 33000, established=True) == (PERMIT, "established")
    assert verdict(filters, "EDGE-IN", "8.8.8.8", "9.9.9.9", 6, 33000) == (DENY, None)
    initial = rules_by_name(filters.filters["PROTECT-RE"])["initial"]
    assert initial.established is False and initial.action == DENY


def test_icmp_types_and_codes(filters):
    ping = rules_by_name(filters.filters["EDGE-IN"])["ping"]
    assert ping.services == (Service(1, icmp_type=8), Service(1, icmp_type=0))
    assert ping.extra["policer"] == "POLICE-1M"
    assert verdict(filters, "EDGE-IN", "8.8.8.8", "9.9.9.9", 1, icmp_type=8) == (PERMIT, "ping")
    v6 = rules_by_name(filters.filters["inet6:EDGE-IN"])["v6-icmp"]
    assert v6.services == (Service(58, icmp_type=128), Service(58, icmp_type=135))
    unreach = rules_by_name(filters.filters["COMMON-IN"])["icmp-unreach"]
    types = {s.icmp_type for s in unreach.services}
    assert len(types) == 255 and 8 not in types and {0, 3, 11} <= types


def test_prefix_lists(filters):
    objs = {o.name: o for o in filters.objects if o.kind == "prefix-list"}
    assert set(objs) == {"MGMT-NETS", "BOGONS", "NTP-SERVERS", "EMPTY-V4"}
    assert objs["MGMT-NETS"].members == ("10.99.0.0/24", "10.98.0.0/24")
    assert "apply-path" in objs["NTP-SERVERS"].description
    out = rules_by_name(filters.filters["EDGE-OUT"])
    # apply-path "system ntp server <*>": the two NTP servers of this config
    assert out["ntp"].dst.items == (AddressRange(4, host("10.99.0.10").first, host("10.99.0.11").first),)
    assert out["ntp"].dst.names == ("NTP-SERVERS",)
    assert out["ntp"].extra["apply_path_prefix_lists"] == ["NTP-SERVERS"]
    # 'MGMT-NETS except': every source but the management networks (a prefix list is
    # negated as a whole; only address lists use longest-prefix 'except' semantics)
    not_mgmt = out["not-mgmt"]
    assert not_mgmt.src.names == ("MGMT-NETS",) and len(not_mgmt.src.items) == 3
    assert verdict(filters, "EDGE-OUT", "10.99.0.5", "1.1.1.1", 6, 22)[1] != "not-mgmt"
    assert verdict(filters, "EDGE-OUT", "8.8.8.8", "1.1.1.1", 6, 22) == (DENY, "not-mgmt")
    # an undefined list: unresolved (a permit is assumed to match), and an undefined reference
    unknown = out["unknown-list"]
    assert unknown.src.unresolved == ("NO-SUCH-LIST",)
    assert [r.context for r in refs(filters, "prefix-list", "NO-SUCH-LIST")] == [
        "firewall filter EDGE-OUT term unknown-list"]
    # a list without a prefix of the filter's family matches nothing, approximately
    empty = out["empty-list"]
    assert empty.src.items == () and empty.approximations == ("prefix-list EMPTY-V4 has no IPv4 prefix",)
    # policy-statements use prefix-lists too: never reported unused on that account
    assert ("prefix-list", "BOGONS") not in unused(filters)


def test_inet6_filters_bindings_and_filter_lists(filters):
    assert filters.filters["inet6:EDGE-IN"].family == 6
    assert filters.filters["inet6:EDGE-IN"].extra["vendor_name"] == "EDGE-IN"
    v6 = rules_by_name(filters.filters["inet6:EDGE-IN"])["v6-mgmt"]
    assert v6.src.items == (net("2001:db8:99::/48"),) and v6.services == (tcp(22),) and v6.family == 6
    xe0 = filters.interface("xe-0/0/0.0")
    assert (xe0.filter_in, xe0.filter_out, xe0.filter_in6) == ("EDGE-IN", "EDGE-OUT", "inet6:EDGE-IN")
    assert [str(a) for a in xe0.addresses] == ["198.51.100.2/30", "2001:db8:ffff::2/64"]
    xe1 = filters.interface("xe-0/0/1.0")
    assert xe1.filter_in == "COMMON-IN+EDGE-OUT"
    assert xe1.extra["filter_in_list"] == ["COMMON-IN", "EDGE-OUT"]
    composite = filters.filters["COMMON-IN+EDGE-OUT"]
    assert [r.name for r in composite.rules] == [r.name for r in filters.filters["COMMON-IN"].rules] + [
        r.name for r in filters.filters["EDGE-OUT"].rules]
    assert composite.default_action == DENY
    assert filters.interface("lo0.0").filter_in == "PROTECT-RE"
    legacy = filters.filters["LEGACY"]  # 'firewall filter' = family inet
    assert legacy.family == 4 and legacy.rules[0].src.items == (net("10.20.0.0/16"),)
    ctx = {(r.name, r.context) for r in refs(filters, "acl")}
    assert ("EDGE-IN", "interface xe-0/0/0.0 input") in ctx
    assert ("inet6:EDGE-IN", "interface xe-0/0/0.0 input") in ctx
    assert ("EDGE-OUT", "interface xe-0/0/1.0 input-list") in ctx


def test_nested_filter_is_inlined(filters):
    common = filters.filters["COMMON-IN"]
    assert [r.name for r in common.rules] == ["icmp-unreach", "nested/ssh", "nested/initial"]
    assert common.rules[1].extra["inlined_from"] == "PROTECT-RE"
    assert common.rules[1].services == (tcp(22),)
    assert ("PROTECT-RE", "filter COMMON-IN term nested") in {(r.name, r.context) for r in refs(filters, "acl")}


def test_inactive_term_and_approximations(filters):
    rules = rules_by_name(filters.filters["EDGE-IN"])
    assert rules["disabled-term"].enabled is False
    assert verdict(filters, "EDGE-IN", "198.18.0.1", "8.8.8.8", 17, 9) == (DENY, None)
    dscp = rules_by_name(filters.filters["EDGE-OUT"])["dscp-marked"]
    assert dscp.approximations == ("also matches on dscp (not modelled)",)


def test_filter_objects_used_and_unused(filters):
    assert unused(filters) == {("policer", "UNUSED-POLICER"), ("acl", "UNUSED-FILTER"), ("acl", "LEGACY")}
    assert ("policer", "POLICE-1M") not in unused(filters)


# --------------------------------------------------------------------------- SRX zones and objects


def test_zones_and_interfaces(srx):
    path = CASES / "srx-policies.conf"
    zones = {z.name: z for z in srx.zones}
    assert list(zones) == ["untrust", "trust", "dmz", "users"]
    assert zones["untrust"].interfaces == ["ge-0/0/0.0"]
    assert zones["users"].interfaces == ["ge-0/0/3.30"]
    assert zones["trust"].loc.line == line_of(path, "security-zone trust {")
    # zone-level and interface-level host-inbound system services ('all' kept, exceptions as '!x')
    assert zones["trust"].management_access == ("ssh", "https", "ping")
    assert zones["untrust"].management_access == ("ike", "ping")
    assert zones["dmz"].management_access == ("all", "!telnet")
    by = {i.name: i for i in srx.interfaces}
    assert {n: i.zone for n, i in by.items()} == {
        "ge-0/0/0.0": "untrust", "ge-0/0/1.0": "trust", "ge-0/0/2.0": "dmz", "ge-0/0/3.30": "users"}
    assert by["ge-0/0/0.0"].management_access == ("ike", "ping")
    assert by["ge-0/0/3.30"].vlan_id == 30 and by["ge-0/0/3.30"].management_access == ()
    info = srx.facts["zone_host_inbound"]
    assert info["trust"]["protocols"] == ["ospf"]
    assert info["trust"]["line"] == line_of(path, "system-services {", line_of(path, "security-zone trust {"))
    assert info["untrust"]["interfaces"]["ge-0/0/0.0"]["services"] == ["ike", "ping"]
    assert srx.facts["zone_screens"] == {"untrust": "UNTRUST-SCREEN"}
    assert {o.name for o in srx.objects if o.kind == "zone"} == set(zones)
    assert srx.filters["security-policy"].zones == ("untrust", "trust", "dmz", "users")


def test_address_books(srx):
    rules = rules_by_name(srx.filters["security-policy"])
    assert rules["partner-fix"].src.items == (AddressRange.between("198.51.100.10", "198.51.100.20"),)
    odd = rules["global-odd"].src.items
    assert odd == (AddressWildcard(4, host("10.20.0.5").first, int(host("255.255.0.255").first)),)
    # nested address-sets
    assert set(rules["global-odd"].dst.items) == {net("10.20.0.0/24"), net("10.30.0.0/24"), host("172.16.10.10"),
                                                  host("172.16.10.53")}
    assert rules["global-odd"].dst.names == ("ALL-INTERNAL",)
    # a dns-name: unresolved, approximate
    update = rules["trust-update"]
    assert update.dst.unresolved == ("UPDATE-SITE",) and update.dst.items == ()
    assert update.approximations == ("address UPDATE-SITE is the DNS name updates.example.net",)
    # an address book attached to the trust zone
    assert rules["trust-db-feed"].src.items == (host("10.20.0.50"),)
    kinds = {(o.kind, o.name) for o in srx.objects}
    assert {("address-object", "PARTNER-RANGE"), ("address-group", "ALL-INTERNAL"),
            ("address-object", "TRUST-DB")} <= kinds
    dns = next(o for o in srx.objects if o.name == "DNS-SRV")
    assert dns.description == "public DNS"
    assert unused(srx) == {("address-object", "UNUSED-ADDR")}
    assert [r.context for r in refs(srx, "address-group", "DMZ-SERVERS")][0] == "address-set ALL-INTERNAL"


def test_predefined_and_any_addresses():
    device = parse(
        "set security zones security-zone a interfaces ge-0/0/0.0\n"
        "set security policies global policy v4 match source-address any-ipv4 destination-address any "
        "application any\n"
        "set security policies global policy v4 then permit\n"
        "set security policies global policy v6 match source-address any-ipv6 destination-address any "
        "application any\n"
        "set security policies global policy v6 then deny\n")
    v4, v6 = device.filters["security-policy"].rules
    assert v4.src.items == (AddressRange(4, 0, MAX_ADDR[4]),) and v4.dst.any
    assert v6.src.items == (AddressRange(6, 0, MAX_ADDR[6]),)
    assert refs(device, "address-object") == []


def test_zone_level_address_books_legacy_form():
    device = parse(
        "set security zones security-zone trust address-book address DB 10.1.1.10/32\n"
        "set security zones security-zone trust interfaces ge-0/0/1.0\n"
        "set security zones security-zone untrust address-book address DB 192.0.2.10/32\n"
        "set security zones security-zone untrust interfaces ge-0/0/0.0\n"
        "set security policies from-zone trust to-zone untrust policy p match source-address DB "
        "destination-address DB application junos-https\n"
        "set security policies from-zone trust to-zone untrust policy p then permit\n")
    (rule,) = device.filters["security-policy"].rules
    assert rule.src.items == (host("10.1.1.10"),)  # resolved in the from-zone's book
    assert rule.dst.items == (host("192.0.2.10"),)  # and in the to-zone's
    assert device.parse_warnings == []


def test_applications(srx):
    rules = rules_by_name(srx.filters["security-policy"])
    assert rules["partner-fix"].services == (tcp(9443),)
    assert rules["no-timestamps"].services == (Service(1, icmp_type=13),)
    assert rules["global-odd"].services == (udp((1024, 65535), src=((53, 53),)),)
    # application-set of an application-set, predefined members
    assert set(rules["trust-web-out"].services) == {tcp(80), tcp(443), tcp(7001)}
    assert rules["trust-web-out"].service_names == ("all-web",)
    # an application with terms, in a list with another application
    assert set(rules["trust-db-feed"].services) == {udp((30000, 30100)), tcp(8443), udp(8443)}
    assert rules["trust-dns-out"].services == (udp(53), tcp(53))
    # an unknown predefined name: approximate, permit assumed to match
    unknown = rules["unknown-app"]
    assert unknown.services == () and unknown.extra["unresolved_services"] is True
    assert unknown.approximations == ("predefined application junos-made-up-app is not in this parser's table",)
    assert rules["deny-rest-out"].services == (ANY_SERVICE,)
    groups = {o.name: o for o in srx.objects if o.kind == "service-group"}
    assert groups["all-web"].members == ("junos-http-ext", "web-apps")
    assert ("service-group", "web-apps") not in unused(srx)
    assert not [r for r in srx.references if r.name.startswith("junos-")]  # predefined: no references


def test_predefined_application_table():
    t = JUNOS_APPLICATIONS
    assert t["junos-http"] == (tcp(80),) and t["junos-https"] == (tcp(443),)
    assert t["junos-ssh"] == (tcp(22),) and t["junos-telnet"] == (tcp(23),) and t["junos-ftp"] == (tcp(21),)
    assert t["junos-dns-udp"] == (udp(53),) and t["junos-dns-tcp"] == (tcp(53),)
    assert t["junos-ntp"] == (udp(123),) and t["junos-snmp-get"] == (udp(161),)
    assert t["junos-smtp"] == (tcp(25),) and t["junos-ldap"] == (tcp(389),)
    assert t["junos-ms-sql"] == (tcp(1433),) and t["junos-sql-monitor"] == (udp(1434),)
    assert t["junos-mysql"] == (tcp(3306),) and t["junos-rdp"] == t["junos-ms-rdp"] == (tcp(3389),)
    assert t["junos-tftp"] == (udp(69),) and t["junos-radius"] == (udp(1812),) and t["junos-syslog"] == (udp(514),)
    assert set(t["junos-smb"]) == {tcp(139), tcp(445)} and set(t["junos-cifs"]) == {tcp(139), tcp(445)}
    assert t["junos-ping"] == (Service(1, icmp_type=8),) and t["junos-pingv6"] == (Service(58, icmp_type=128),)
    assert t["junos-icmp-all"] == (Service(1),) and t["junos-gre"] == (Service(47),)
    assert set(t["junos-routing-inbound"]) == {tcp(179), udp(520), tcp(646), udp(646)}


# --------------------------------------------------------------------------- SRX security policies


def test_policy_order_zone_pairs_then_global(srx):
    filt = srx.filters["security-policy"]
    assert filt.kind == "security-policy" and filt.stateful is True
    assert [r.name for r in filt.rules] == [
        "trust-web-out", "trust-dns-out", "trust-update", "old-ftp", "deny-rest-out",
        "web-in", "partner-fix", "no-timestamps", "unknown-app", "not-partner",
        "trust-db-feed", "users-ssh", "global-ping", "global-no-smb", "global-odd"]
    r = rules_by_name(filt)
    assert (r["web-in"].src_zones, r["web-in"].dst_zones) == (("untrust",), ("dmz",))
    assert r["web-in"].extra["context"] == "from-zone untrust to-zone dmz"
    assert (r["global-ping"].src_zones, r["global-ping"].dst_zones) == (("trust", "users"), None)
    assert (r["global-no-smb"].src_zones, r["global-no-smb"].dst_zones) == (None, None)
    assert r["global-ping"].extra["context"] == "global"
    path = CASES / "srx-policies.conf"
    assert r["web-in"].loc.line == line_of(path, "policy web-in {")
    assert r["web-in"].loc.text == "policy web-in {"


def test_default_policy(srx, weak):
    filt = srx.filters["security-policy"]
    assert filt.default_action == DENY and filt.default_explicit is True
    assert filt.default_note == f"security policies default-policy deny-all (line {line_of(CASES / 'srx-policies.conf', 'deny-all;')})"
    weak_filt = weak.filters["security-policy"]
    assert weak_filt.default_action == PERMIT and weak_filt.default_explicit is True
    device = parse("set security zones security-zone a interfaces ge-0/0/0.0\n")
    filt = device.filters["security-policy"]
    assert filt.rules == [] and filt.default_action == DENY and filt.default_explicit is False
    assert "deny-all" in filt.default_note


def test_policy_details(srx):
    r = rules_by_name(srx.filters["security-policy"])
    web = r["web-in"]
    assert web.remark == "CHG-2024-201 public web"
    assert web.profiles == {"ips": "idp"} and web.log is True
    assert web.extra["log"] == ["session-init", "session-close"]
    assert r["trust-update"].remark == "" and r["trust-update"].log is False
    assert r["old-ftp"].enabled is False  # inactive:
    assert r["no-timestamps"].action == DENY and r["no-timestamps"].vendor_action == "reject"
    assert r["deny-rest-out"].action == DENY and r["deny-rest-out"].vendor_action == "deny"
    excluded = r["not-partner"]
    assert excluded.src.negated is True and excluded.src.names == ("PARTNER-RANGE",)
    ident = r["users-ssh"]
    assert ident.users == ("example\\netops",)
    assert ident.approximations == ("source-identity example\\netops (user identity not modelled)",)


def test_schedulers(srx, monkeypatch):
    r = rules_by_name(srx.filters["security-policy"])
    assert (r["trust-dns-out"].time_range, r["trust-dns-out"].time_range_expired) == ("office-hours", False)
    assert (r["partner-fix"].time_range, r["partner-fix"].time_range_expired) == ("old-project", True)
    assert (r["trust-db-feed"].time_range, r["trust-db-feed"].time_range_expired) == ("long-project", False)
    assert {o.name for o in srx.objects if o.kind == "schedule"} == {"office-hours", "old-project", "long-project"}
    assert {r.name for r in refs(srx, "schedule")} == {"office-hours", "old-project", "long-project"}
    monkeypatch.setattr(jj, "_now", lambda: datetime(2100, 1, 1))
    later = load("srx-policies.conf")
    assert rules_by_name(later.filters["security-policy"])["trust-db-feed"].time_range_expired is True
    undefined = parse("set security policies from-zone a to-zone b policy p match source-address any "
                      "destination-address any application any\n"
                      "set security policies from-zone a to-zone b policy p then permit\n"
                      "set security policies from-zone a to-zone b policy p scheduler-name NOPE\n")
    (rule,) = undefined.filters["security-policy"].rules
    assert rule.time_range == "NOPE" and rule.time_range_expired is None and rule.extra["scheduler_undefined"]


def _rule_key(r):
    return (r.name, r.action, r.vendor_action, r.enabled, r.src, r.dst, r.services, r.src_zones, r.dst_zones,
            r.log, r.remark, r.time_range, r.time_range_expired, r.profiles, r.users, r.approximations,
            r.service_names, r.established, r.family, r.extra)


def test_both_forms_give_the_same_model(srx, srx_set):
    a, b = srx.filters["security-policy"], srx_set.filters["security-policy"]
    assert [_rule_key(r) for r in a.rules] == [_rule_key(r) for r in b.rules]
    assert (a.default_action, a.default_explicit, a.zones) == (b.default_action, b.default_explicit, b.zones)
    assert [(z.name, z.interfaces, z.management_access) for z in srx.zones] == [
        (z.name, z.interfaces, z.management_access) for z in srx_set.zones]
    assert [(i.name, i.zone, i.addresses, i.vlan_id) for i in srx.interfaces] == [
        (i.name, i.zone, i.addresses, i.vlan_id) for i in srx_set.interfaces]
    assert sorted((o.kind, o.name, o.members) for o in srx.objects) == sorted(
        (o.kind, o.name, o.members) for o in srx_set.objects)
    assert sorted((r.kind, r.name, r.context) for r in srx.references) == sorted(
        (r.kind, r.name, r.context) for r in srx_set.references)
    # each rule of the set form points at a 'set' line of its own policy
    set_path = CASES / "srx-policies.set"
    lines = set_path.read_text().splitlines()
    for rule in b.rules:
        assert f" policy {rule.name} " in lines[rule.loc.line - 1] + " "
        assert f" policy {rule.name} " in lines[rule.loc.end_line - 1] + " "  # 'deactivate ...' lines too


PACKETS = [  # (from, to, src, dst, proto, dport, expected action, expected rule)
    ("trust", "untrust", "10.20.0.9", "93.184.216.34", 6, 443, PERMIT, "trust-web-out"),
    ("trust", "untrust", "10.20.0.9", "93.184.216.34", 17, 53, PERMIT, "trust-dns-out"),
    ("trust", "untrust", "10.20.0.9", "93.184.216.34", 6, 21, DENY, "deny-rest-out"),  # old-ftp is inactive
    ("untrust", "dmz", "198.51.100.99", "172.16.10.10", 6, 443, PERMIT, "web-in"),
    ("untrust", "dmz", "198.51.100.15", "172.16.10.10", 6, 9443, PERMIT, "partner-fix"),
    ("untrust", "dmz", "198.51.100.15", "172.16.10.10", 6, 8080, PERMIT, "unknown-app"),  # approximate permit
    ("untrust", "dmz", "198.51.100.15", "172.16.10.53", 17, 53, DENY, None),  # excluded source: default
    ("untrust", "dmz", "203.0.113.99", "172.16.10.53", 17, 53, PERMIT, "not-partner"),
    ("users", "trust", "10.30.0.7", "10.20.0.7", 6, 22, PERMIT, "users-ssh"),
    ("users", "trust", "10.30.0.7", "10.20.0.7", 1, None, PERMIT, "global-ping"),  # context first, then global
    ("dmz", "untrust", "172.16.10.10", "1.1.1.1", 1, None, DENY, None),  # global-ping: only from trust/users
    ("dmz", "untrust", "172.16.10.10", "1.1.1.1", 6, 445, DENY, "global-no-smb"),
    ("dmz", "untrust", "172.16.10.10", "1.1.1.1", 6, 80, DENY, None),  # default-policy deny-all
    ("trust", "dmz", "10.20.0.50", "172.16.10.53", 17, 8443, PERMIT, "trust-db-feed"),
    ("dmz", "trust", "10.20.7.5", "10.30.0.1", 17, (53, 5353), PERMIT, "global-odd"),  # (sport, dport)
    ("dmz", "trust", "10.20.7.5", "10.30.0.1", 17, 5353, DENY, None),
]


@pytest.mark.parametrize("fz,tz,src,dst,proto,dport,action,rule", PACKETS)
def test_query_agreement(srx, srx_set, fz, tz, src, dst, proto, dport, action, rule):
    sport, dport = dport if isinstance(dport, tuple) else (49152, dport)
    for device in (srx, srx_set):
        got = verdict(device, "security-policy", src, dst, proto, dport, sport=sport, from_zone=fz, to_zone=tz)
        assert got == (action, rule), device.file


def test_query_module_on_the_security_policy(srx):
    fs = FilterSet(srx)
    name = select_filter(srx, None, zoned=True)
    assert name == "security-policy"
    out = answer(fs, name, make_packet({"src": "10.30.0.7", "dst": "10.20.0.7", "proto": "tcp", "dport": 22,
                                        "from_zone": "users", "to_zone": "trust"}))
    assert out["action"] == "permit" and out["line"] == line_of(CASES / "srx-policies.conf", "policy users-ssh {")
    out = answer(fs, name, make_packet({"src": "172.16.10.10", "dst": "1.1.1.1", "proto": "tcp", "dport": 80,
                                        "from_zone": "dmz", "to_zone": "untrust"}))
    assert out["action"] == "deny" and out["line"] is None and "deny-all" in out["note"]
    out = answer(fs, name, make_packet({"src": "1.1.1.1", "dst": "172.16.10.53", "proto": "tcp", "dport": 80,
                                        "from_zone": "untrust", "to_zone": "dmz", "established": True}))
    assert out["action"] == "permit" and out["rule"] is None  # stateful: return traffic


# --------------------------------------------------------------------------- the sample network's exchange firewall


def test_exch_fw_parses_cleanly(exch):
    assert exch.parse_warnings == []
    by = {i.name: i for i in exch.interfaces}
    assert (by["ge-0/0/0.0"].zone, [str(a) for a in by["ge-0/0/0.0"].addresses]) == ("exchange", ["192.0.2.2/30"])
    assert (by["ge-0/0/1.0"].zone, [str(a) for a in by["ge-0/0/1.0"].addresses]) == ("prod", ["10.10.254.2/30"])
    assert (by["fxp0.0"].zone, [str(a) for a in by["fxp0.0"].addresses]) == (None, ["10.99.0.4/24"])
    assert by["fxp0.0"].extra["oob_management"] is True
    assert by["lo0.0"].filter_in == "PROTECT-RE"
    assert by["ge-0/0/0.0"].extra["physical_description"].startswith("Leased line to the exchange")
    routes = [(str(r.destination), r.next_hop, r.distance) for r in exch.routes]
    assert routes == [("192.0.2.128/25", "192.0.2.1", 5), ("10.0.0.0/8", "10.10.254.1", 5)]
    assert [(z.name, z.interfaces) for z in exch.zones] == [("exchange", ["ge-0/0/0.0"]), ("prod", ["ge-0/0/1.0"])]
    assert 150 <= len(EXCH_FW.read_text().splitlines()) <= 250
    assert set(exch.filters) == {"PROTECT-RE", "security-policy"}
    assert unused(exch) == set()
    assert [r for r in exch.references if not any(o.name == r.name for o in exch.objects)] == []


def test_exch_fw_policies(exch):
    filt = exch.filters["security-policy"]
    assert filt.default_action == DENY and filt.default_explicit is True
    r = rules_by_name(filt)
    assert list(r) == ["allow-fix-orders", "fix-gw-standby", "allow-market-data", "temp-troubleshoot"]
    fix = r["allow-fix-orders"]
    assert fix.remark == "CHG-2024-118 TWSE FIX order routing" and fix.log
    assert (fix.src.items, fix.dst.items, fix.services) == ((net("10.10.20.0/24"),), (host("192.0.2.130"),),
                                                           (tcp(9443),))
    assert (fix.src_zones, fix.dst_zones) == (("prod",), ("exchange",))
    md = r["allow-market-data"]
    assert (md.src.items, md.dst.items, md.services) == ((host("192.0.2.140"),), (net("10.10.20.0/24"),),
                                                        (udp((30000, 30100)),))
    temp = r["temp-troubleshoot"]
    assert temp.src.any and temp.dst.items == (net("10.10.0.0/16"),) and temp.services == (ANY_SERVICE,)
    assert r["fix-gw-standby"].remark == ""
    # the engine agrees that the standby policy is shadowed by allow-fix-orders
    facts = FilterSet(exch).anomalies("security-policy")
    assert facts[1].shadowed and facts[1].covering == [0]
    assert not any(f.shadowed for i, f in enumerate(facts) if i != 1)
    re_facts = FilterSet(exch).anomalies("PROTECT-RE")
    names = [x.name for x in exch.filters["PROTECT-RE"].rules]
    assert names == ["allow-mgmt", "allow-mgmt-replies", "allow-noc-ssh"]
    assert [f.shadowed for f in re_facts] == [False, False, True] and re_facts[2].covering == [0]


@pytest.mark.parametrize("fz,tz,src,dst,proto,dport,action,rule", [
    ("prod", "exchange", "10.10.20.5", "192.0.2.130", 6, 9443, PERMIT, "allow-fix-orders"),
    ("prod", "exchange", "10.10.20.5", "192.0.2.130", 6, 443, DENY, None),
    ("prod", "exchange", "10.10.30.5", "192.0.2.130", 6, 9443, DENY, None),
    ("exchange", "prod", "192.0.2.140", "10.10.20.7", 17, 30050, PERMIT, "allow-market-data"),
    ("exchange", "prod", "203.0.113.9", "10.10.5.5", 6, 3389, PERMIT, "temp-troubleshoot"),
    ("exchange", "prod", "192.0.2.140", "10.20.0.1", 17, 30050, DENY, None),
])
def test_exch_fw_queries(exch, fz, tz, src, dst, proto, dport, action, rule):
    assert verdict(exch, "security-policy", src, dst, proto, dport, from_zone=fz, to_zone=tz) == (action, rule)


def test_exch_fw_protect_re(exch):
    assert verdict(exch, "PROTECT-RE", "10.99.0.7", "10.99.0.4", 6, 22) == (PERMIT, "allow-mgmt")
    assert verdict(exch, "PROTECT-RE", "10.99.0.30", "10.99.0.4", 6, 50001, sport=49,
                   established=True) == (PERMIT, "allow-mgmt-replies")
    assert verdict(exch, "PROTECT-RE", "192.0.2.1", "192.0.2.2", 6, 22) == (DENY, None)
    assert verdict(exch, "PROTECT-RE", "10.99.0.7", "10.99.0.4", 6, 23) == (DENY, None)


def test_exch_fw_every_planted_comment_precedes_its_statement(exch):
    lines = EXCH_FW.read_text().splitlines()
    planted = [i for i, line in enumerate(lines) if "PLANTED" in line]
    assert len(planted) == 7
    targets = {lines[i + 1].strip() for i in planted}
    assert targets == {"user admin {", "telnet;", "http {", "term allow-noc-ssh {", "policy fix-gw-standby {",
                       "policy temp-troubleshoot {", "host-inbound-traffic {"}
    m = exch.management
    points = {  # the model's location of each planted problem is the line after its comment
        "user admin {": next(u for u in m.users if u.name == "admin").loc.line,
        "telnet;": m.service("telnet")[0].loc.line,
        "http {": m.service("http")[0].loc.line,
        "term allow-noc-ssh {": rules_by_name(exch.filters["PROTECT-RE"])["allow-noc-ssh"].loc.line,
        "policy fix-gw-standby {": rules_by_name(exch.filters["security-policy"])["fix-gw-standby"].loc.line,
        "policy temp-troubleshoot {": rules_by_name(exch.filters["security-policy"])["temp-troubleshoot"].loc.line,
        "host-inbound-traffic {": exch.facts["zone_host_inbound"]["exchange"]["line"] - 1,
    }
    for i in planted:
        assert points[lines[i + 1].strip()] == i + 2, lines[i + 1]


def test_exch_fw_management(exch):
    m = exch.management
    assert [(s.protocol, s.enabled, s.interfaces) for s in m.services] == [
        ("ssh", True, ["fxp0.0", "ge-0/0/0.0"]),
        ("telnet", True, ["fxp0.0", "ge-0/0/0.0"]),  # the exchange zone admits every system service
        ("http", True, ["fxp0.0"]),  # J-Web limited to fxp0.0
        ("snmp", True, ["fxp0.0", "ge-0/0/0.0"]),
    ]
    assert m.ssh_version == "2" and m.facts["ssh_root_login"] == "deny"
    zone = next(z for z in exch.zones if z.name == "exchange")
    assert zone.management_access == ("all",)
    users = {u.name: u for u in m.users}
    assert set(users) == {"root", "admin", "wang.ops"}
    assert (users["admin"].privilege, users["admin"].role, users["admin"].secret.storage) == (15, "super-user", "sha512")
    assert (users["wang.ops"].privilege, users["wang.ops"].role) == (15, "noc-admin")  # permissions all
    assert m.facts["builtin_users"] == ["root"]
    aaa = m.aaa
    assert aaa.enabled is True and aaa.login_methods == ["tacplus", "password"]
    assert [(s.protocol, s.address, s.key.storage) for s in aaa.servers] == [("tacacs+", "10.99.0.30", "reversible")]
    assert aaa.accounting_commands is True
    assert [(h.address, h.transport) for h in m.log_hosts] == [("10.99.0.20", "udp")]
    assert m.log_timestamps is True
    assert m.ntp_servers == ["10.99.0.10"] and m.ntp_authenticated is False
    (community,) = m.snmp_communities
    assert (community.version, community.access, community.hosts) == ("2c", "ro", ["10.99.0.0/24"])
    assert community.secret.default_value is None and community.loc.text.startswith("community <redacted>")
    # the class that sets one (noc-admin, 10 minutes); super-user sets none: its users are
    # never logged out, a login line of its own that points at the first of them
    assert m.facts["classes_without_idle_timeout"] == ["super-user"] and m.idle_timeout == 600
    (cls,) = [ln for ln in m.lines if ln.name == "login class super-user"]
    assert cls.exec_timeout is None and cls.default_timeout == 0 and cls.loc.text.startswith("user ")


# --------------------------------------------------------------------------- management plane


def test_weak_management(weak):
    m = weak.management
    svc = {s.protocol: s for s in m.services}
    assert set(svc) == {"ssh", "telnet", "ftp", "finger", "xnm-clear-text", "http", "snmp"}
    assert svc["telnet"].interfaces == ["ge-0/0/0.0", "ge-0/0/1.0"]  # host-inbound all, zone and interface level
    assert svc["http"].interfaces == ["ge-0/0/0.0"] and svc["http"].port == 80
    assert m.ssh_version == "1,2" and svc["ssh"].version == "1,2"
    assert m.facts["ssh_root_login"] == "allow"
    assert m.remote_root_login is True and m.remote_root_login_loc.line == line_of(CASES / "mgmt-weak.conf", "root-login allow;")
    assert m.ssh_version_loc.line == line_of(CASES / "mgmt-weak.conf", "protocol-version [ v1 v2 ];")
    assert m.ssh_algorithms == {"cipher": ("3des-cbc", "aes128-ctr"),
                                "kex": ("diffie-hellman-group1-sha1", "ecdh-sha2-nistp256")}
    assert m.ssh_algorithms_loc["kex"].line == line_of(CASES / "mgmt-weak.conf", "key-exchange [ dh-group1-sha1 ecdh-sha2-nistp256 ];")
    # nothing guards the routing engine: no filter on lo0
    assert all(s.acl is None for s in m.services if s.protocol != "snmp")
    assert sorted(ln.name for ln in m.lines) == ["login class operator", "login class super-user"]
    users = {u.name: u for u in m.users}
    assert users["admin"].secret.storage == "md5" and users["root"].secret.storage == "md5"
    assert users["helpdesk"].privilege == 5
    assert m.aaa.enabled is False and m.aaa.login_methods == []
    assert m.facts["aaa_servers_unused"] == ["10.1.1.50"]
    assert m.aaa.servers[0].key.storage == "reversible"  # $9$ is reversible obfuscation
    assert m.log_hosts == [] and m.ntp_servers == []
    (community,) = m.snmp_communities
    assert (community.secret.default_value, community.access, community.hosts, community.acl) == (
        "public", "rw", [], None)
    (user,) = m.snmp_users
    assert (user.name, user.auth, user.priv) == ("monitor", "md5", "des")
    assert next(z for z in weak.zones if z.name == "untrust").management_access == ("all",)
    assert weak.filters["security-policy"].default_action == PERMIT


def test_hardened_management(hardened):
    m = hardened.management
    assert [(s.protocol, s.interfaces, s.port) for s in m.services] == [
        ("ssh", [], 22), ("netconf", [], 830), ("https", ["fxp0.0"], 443), ("snmp", ["fxp0.0"], 161)]
    assert m.ssh_version == "2"
    assert hardened.zones == [] and "security-policy" not in hardened.filters
    users = {u.name: u for u in m.users}
    assert users["chen.wei"].key_auth is True and users["chen.wei"].secret.storage == "sha512"
    assert users["lin.hui"].secret.storage == "sha256"
    assert users["chen.wei"].privilege is None and users["chen.wei"].role == "net-ops"
    assert m.remote_root_login is False
    # the filter on lo0 guards every service addressed to the routing engine
    assert {s.acl for s in m.services} == {"PROTECT-RE"}
    assert [s.key.storage for s in m.aaa.servers] == ["encrypted", "encrypted"]  # $8$, under the master password
    assert m.idle_timeout == 600  # the longest class idle-timeout (net-ro, 10 minutes)
    assert m.idle_timeout_loc.line == line_of(CASES / "mgmt-hardened.conf", "idle-timeout 10;")
    assert m.banners == {"exec": "Change window: Saturday 02:00-06:00 (CAB approval required)",
                         "login": "Example Securities - authorised staff only. All sessions are recorded."}
    assert m.facts["login_retry_options"] == {"tries-before-disconnect": "3", "lockout-period": "15"}
    assert m.facts["password_policy"] == {"format": "sha512", "minimum-length": "12"}
    aaa = m.aaa
    assert aaa.enabled and aaa.login_methods == ["tacplus"] and len(aaa.servers) == 2
    assert aaa.accounting_commands and m.facts["accounting_events"] == ["login", "change-log", "interactive-commands"]
    assert [(h.address, h.transport, h.port) for h in m.log_hosts] == [("10.99.0.20", "tcp", 1514),
                                                                      ("10.99.0.21", "tls", 6514)]
    assert m.facts["syslog_hosts"]["10.99.0.20"] == ["any info", "interactive-commands any"]
    assert m.ntp_servers == ["10.99.0.10", "10.99.0.11"] and m.ntp_authenticated is True
    assert m.snmp_communities == []
    (user,) = m.snmp_users
    assert (user.auth, user.priv) == ("sha256", "aes128")
    assert m.log_timestamps is True


def test_secret_storage_kinds():
    assert jj._hash_storage("$9$abc") == "reversible"
    assert jj._hash_storage("$8$aes256-gcm$hmac-sha2-256$100$abc") == "encrypted"
    assert jj._hash_storage('"$1$aa$bb"') == "md5"
    assert jj._hash_storage("$5$aa$bb") == "sha256" and jj._hash_storage("$6$aa$bb") == "sha512"
    assert jj._hash_storage("abJnggxhB/yWI") == "hash"
    device = parse('system { login { user x { class read-only; authentication { plain-text-password-value "juniper"; } } } }')
    (user,) = device.management.users
    assert user.secret.storage == "plaintext" and user.secret.default_value == "juniper" and user.privilege == 1


def test_secrets_never_reach_the_model(weak, hardened, exch):
    for path, device in ((CASES / "mgmt-weak.conf", weak), (CASES / "mgmt-hardened.conf", hardened),
                         (EXCH_FW, exch)):
        dumped = json.dumps(device_to_dict(device))
        for line in path.read_text().splitlines():
            if "SECRET-DATA" in line:
                value = line.split('"')[1]
                assert value not in dumped and value[3:15] not in dumped, (path.name, value)
        assert "Xs3c-mon1tor-7Qp" not in dumped


def test_redaction():
    assert junos_redact('encrypted-password "$6$abc$def"; ## SECRET-DATA') == "encrypted-password <redacted>; ## SECRET-DATA"
    assert junos_redact('secret "$9$Hk5FCt"; ## SECRET-DATA') == "secret <redacted>; ## SECRET-DATA"
    assert junos_redact('authentication-key 1 type md5 value "$9$abc";') == "authentication-key 1 type md5 value <redacted>;"
    assert junos_redact("set snmp community s3cret authorization read-only") == \
        "set snmp community <redacted> authorization read-only"
    assert junos_redact("community public {") == "community public {"
    assert junos_redact('pre-shared-key ascii-text "$9$xyz";') == "pre-shared-key ascii-text <redacted>;"
    assert junos_redact("host-name r1;") == "host-name r1;"


# --------------------------------------------------------------------------- groups


def test_groups_inheritance(groups):
    path = CASES / "groups.conf"
    assert groups.hostname == "grp-fw"  # the explicit statement wins over the group's
    hosts = [(h.address, h.loc.line) for h in groups.management.log_hosts]
    assert hosts == [("10.99.0.20", line_of(path, "host 10.99.0.20 {")),
                     ("10.99.0.21", line_of(path, "host 10.99.0.21 {"))]  # inherited: the group's line
    assert groups.management.ntp_servers == ["10.99.0.10"]
    by = {i.name: i for i in groups.interfaces}
    assert by["ge-0/0/0.0"].filter_in == "FROM-GROUP"  # <ge-*> / unit <*> wildcards
    assert by["ge-0/0/1.0"].filter_in is None  # apply-groups-except
    assert by["xe-0/0/0.0"].filter_in is None  # not a ge- interface
    (ref,) = refs(groups, "acl", "FROM-GROUP")
    assert ref.loc.line == line_of(path, "input FROM-GROUP;") and ref.context == "interface ge-0/0/0.0 input"
    zones = {z.name: z.management_access for z in groups.zones}
    assert zones == {"inside": ("ping",), "outside": ("ssh", "ping")}
    (rule,) = groups.filters["security-policy"].rules
    assert rule.log is True and rule.extra["log"] == ["session-init"]
    assert "location" not in json.dumps(groups.facts)


def test_groups_in_set_form():
    device = parse(
        "set groups G system syslog host 10.9.9.9 any any\n"
        "set groups G interfaces <xe-*> unit 0 description from-group\n"
        "set apply-groups G\n"
        "set system host-name r1\n"
        "set interfaces xe-0/0/0 unit 0 family inet address 10.0.0.1/24\n"
        "set interfaces xe-0/0/1 unit 0 description explicit\n")
    assert device.parse_warnings == []
    assert [(h.address, h.loc.line) for h in device.management.log_hosts] == [("10.9.9.9", 1)]
    descriptions = {i.name: i.description for i in device.interfaces}
    assert descriptions == {"xe-0/0/0.0": "from-group", "xe-0/0/1.0": "explicit"}


def test_undefined_group_warns():
    device = parse("apply-groups NOPE;\nsystem {\n    host-name r1;\n}\n")
    (w,) = device.parse_warnings
    assert w.loc.line == 1 and "NOPE" in w.message


# --------------------------------------------------------------------------- switches and routing


def test_switch_ports_and_vlans(switch):
    assert [(v.id, v.name) for v in switch.vlans] == [(10, "PROD"), (30, "USERS"), (99, "MGMT-NATIVE")]
    by = {i.name: i for i in switch.interfaces}
    up = by["ge-0/0/0.0"]
    assert (up.switchport, up.mode, up.trunk_allowed_vlans, up.native_vlan) == (True, "trunk", (10, 30, 200, 201, 202), 99)
    assert by["ge-0/0/1.0"].trunk_allowed_vlans is None  # members all
    assert (by["ge-0/0/2.0"].mode, by["ge-0/0/2.0"].access_vlan) == ("access", 30)
    assert by["ge-0/0/47"].shutdown is True
    # interface-range: member with [a-b] and member-range
    for name in ("ge-0/0/10.0", "ge-0/0/11.0", "ge-0/0/12.0", "ge-0/0/20.0", "ge-0/0/21.0"):
        assert (by[name].access_vlan, by[name].extra["physical_description"]) == (30, "user access ports")
    irb = by["irb.10"]
    assert irb.vlan_id == 10 and irb.filter_in == "PROD-IN" and irb.description == "PROD gateway"
    assert [(str(a), a.secondary) for a in irb.addresses] == [
        ("10.10.10.1/24", True), ("10.10.11.1/24", False), ("2001:db8:10::1/64", False)]
    assert by["irb.30"].vrf == "MGMT-VR" and by["me0.0"].extra["oob_management"] is True


def test_static_routes(switch):
    routes = [(str(r.destination), r.next_hop, r.interface, r.distance, r.vrf) for r in switch.routes]
    assert routes == [
        ("::/0", "2001:db8:10::fffe", None, 5, None),
        ("0.0.0.0/0", "10.10.10.254", None, 5, None),
        ("0.0.0.0/0", "10.10.11.254", None, 20, None),  # qualified-next-hop with its own preference
        ("192.0.2.0/24", None, "discard", 250, None),
        ("10.50.0.0/16", "10.10.10.2", None, 5, None),
        ("10.50.0.0/16", "10.10.10.3", None, 5, None),
        ("0.0.0.0/0", "10.30.0.254", None, 5, "MGMT-VR"),
    ]


# --------------------------------------------------------------------------- malformed and truncated input


def test_malformed_lines_are_warnings_at_their_line():
    path = CASES / "malformed.conf"
    device = load("malformed.conf")
    got = {w.loc.line: w.message for w in device.parse_warnings}
    expect = {
        "apply-groups NO-SUCH-GROUP;": "group 'NO-SUCH-GROUP', which is not defined",
        "domain-name example.com": "without ';'",
        "frobnicate yes;": "statement not understood: 'frobnicate' under [edit system]",
        "gopher;": "under [edit system services]",
        "wibble on;": "under [edit system syslog]",
        "address 10.1.1.300/24;": "not an IPv4 interface address",
        "sparkle;": "under [edit interfaces ge-0/0/0]",
        "not-an-address;": "is not an address prefix",
        "destination-port notaport;": "'notaport' is not a port",
        "destination-port 90-80;": "port range 90-80 is reversed",
        "wibble 5;": "under [edit firewall filter BAD term odd-match from]",
        "route 10.9.0.0/16;": "has no next-hop",
        "teleport;": "not a host-inbound system service",
        "policy no-action {": "no permit, deny or reject action",
        "frobnicator {": "statement not understood: 'frobnicator'",
    }
    assert len(got) == len(expect) + 1
    for text, message in expect.items():
        assert message in got[line_of(path, text)], (text, got[line_of(path, text)])
    stray = [w for w in device.parse_warnings if "unbalanced" in w.message]
    assert len(stray) == 1 and stray[0].loc.text == "}"
    # everything valid around the mistakes is read
    assert device.hostname == "bad-fw" and [s.protocol for s in device.management.services] == ["ssh"]
    assert [h.address for h in device.management.log_hosts] == ["10.99.0.20"]
    assert [str(a) for a in device.interface("ge-0/0/0.0").addresses] == ["10.1.2.1/24"]
    assert [(str(r.destination), r.next_hop) for r in device.routes] == [("10.8.0.0/16", "10.1.2.254")]
    bad = rules_by_name(device.filters["BAD"])
    assert bad["good"].src.items == (net("10.0.0.0/8"),)
    # unreadable values make the rule approximate, never silently empty
    assert bad["bad-port"].services == (Service(6),) and bad["bad-port"].approximations
    assert bad["reversed"].approximations and bad["odd-match"].approximations
    (policy,) = device.filters["security-policy"].rules
    assert policy.action == DENY and policy.dst.unresolved == ("NOT-DEFINED",)
    assert refs(device, "address-object", "NOT-DEFINED")
    assert "protocols" not in " ".join(w.message for w in device.parse_warnings)


def test_truncated_file_parses_what_it_has():
    path = CASES / "truncated.conf"
    device = load("truncated.conf")
    complete, cut = device.filters["security-policy"].rules
    assert complete.name == "complete" and complete.dst.items == (host("10.1.1.10"),) and complete.action == PERMIT
    assert cut.name == "cut-here" and cut.approximations == ("no match destination-address", "no match application")
    lines = {w.loc.line: w.message for w in device.parse_warnings}
    assert "never closed" in lines[line_of(path, "match {", line_of(path, "policy cut-here {"))]
    assert "without ';'" in lines[line_of(path, "destination-add")] or any(
        "without ';'" in w.message for w in device.parse_warnings)
    assert device.hostname == "cut-fw" and device.management.ssh_version == "2"


def test_truncations_never_crash():
    for path in [EXCH_FW, CASES / "srx-policies.conf", CASES / "srx-policies.set", CASES / "filters.conf",
                 CASES / "groups.conf"]:
        text = path.read_text()
        for cut in range(1, len(text), max(1, len(text) // 60)):
            try:
                device = parse(text[:cut], "cut.conf")
            except ParseError:
                continue
            assert all("internal error" not in w.message for w in device.parse_warnings), (path.name, cut)


def test_fuzzed_configs_never_crash():
    rng = random.Random(20241118)
    junk = ["{", "}", ";", "[", "]", '"', "inactive:", "term", "from", "then", "except", "any", "999999", "::",
            "10.0.0.300/33", "/*", "#", "apply-groups", "<*>", "policy", "match", "set", "deactivate"]
    for path in [EXCH_FW, CASES / "srx-policies.conf", CASES / "srx-policies.set", CASES / "filters.conf",
                 CASES / "mgmt-hardened.conf", CASES / "groups.conf", CASES / "switch-ex.conf"]:
        lines = path.read_text().splitlines()
        for _ in range(25):
            mutated = list(lines)
            for _ in range(rng.randint(1, 6)):
                i = rng.randrange(len(mutated))
                toks = mutated[i].split(" ")
                if rng.random() < 0.4 and len(toks) > 1:
                    del toks[rng.randrange(len(toks))]
                else:
                    toks.insert(rng.randrange(len(toks) + 1), rng.choice(junk))
                mutated[i] = " ".join(toks)
            try:
                device = parse("\n".join(mutated), "fuzz.conf")
            except ParseError:
                continue
            assert all("internal error" not in w.message for w in device.parse_warnings)


def test_odd_input_never_crashes():
    odd = ["}", "{", "{ }", ";", "[ a b ]", "set", "set system", "deactivate", "delete", "delete system",
           'system { host-name "unterminated; }', "/* never closed", "inactive:", "inactive: system { }",
           "system { services { ssh { protocol-version; } } }", "interfaces { ge-0/0/0 { unit; } }",
           "firewall { filter F { term; } }", "firewall { filter F { term t { from { source-address; } } } }",
           "security { policies { from-zone a; } }", "security { policies { from-zone a to-zone b { policy; } } }",
           "security { policies { default-policy; } }", "security { zones { security-zone z { interfaces; } } }",
           "applications { application a { protocol; } }", "applications { application-set s { application s; } }",
           "routing-options { static { route; } }", "routing-options { static { route x next-hop y; } }",
           "schedulers { scheduler s { start-date x stop-date y; } }", "snmp { community; }",
           "system { login { user; class; } }", "groups { g { system { host-name x; } } } apply-groups g;",
           "groups { g { interfaces { <*> { mtu 1; } } } } interfaces { apply-groups g; }",
           "policy-options { prefix-list P { apply-path \"a b <*>\"; } }",
           "security { address-book { global { address-set S { address-set S; } } } }"]
    for text in odd:
        try:
            device = parse("version 21.4R3.15;\n" + text + "\n")
        except ParseError:
            continue
        assert device.vendor == "juniper_junos"
        assert all("internal error" not in w.message for w in device.parse_warnings), (text, device.parse_warnings)


# --------------------------------------------------------------------------- smaller features


def test_snippets_are_wrapped_in_their_hierarchy():
    device = parse("filter EDGE {\n    term a {\n        from {\n            protocol tcp;\n        }\n"
                   "        then accept;\n    }\n}\n")
    assert device.filters["EDGE"].rules[0].services == (Service(6),)
    device = parse("from-zone a to-zone b {\n    policy p {\n        match {\n            source-address any;\n"
                   "            destination-address any;\n            application junos-ssh;\n        }\n"
                   "        then {\n            permit;\n        }\n    }\n}\n")
    (rule,) = device.filters["security-policy"].rules
    assert rule.src_zones == ("a",) and rule.services == (tcp(22),)
    device = parse("term t1 {\n    then discard;\n}\n", "lo0-filter.conf")
    assert device.filters["lo0-filter"].rules[0].action == DENY


def test_mentioned_in_unmodelled_hierarchies_is_not_unused():
    device = parse(
        "firewall { filter SAMPLE { term t { then accept; } } policer P1 { if-exceeding { bandwidth-limit 1m; "
        "burst-size-limit 10k; } then discard; } }\n"
        "forwarding-options { family inet { filter { input SAMPLE; } } }\n"
        "class-of-service { interfaces { ge-0/0/0 { unit 0 { policer P1; } } } }\n")
    assert unused(device) == set()
    assert {r.context for r in refs(device)} == {"mentioned"}
    assert device.parse_warnings == []


def test_nat_inventory():
    device = parse(
        "set security address-book global address WEB 172.16.0.10/32\n"
        "set security nat static rule-set FROM-NET from zone untrust\n"
        "set security nat static rule-set FROM-NET rule web match destination-address 203.0.113.10/32\n"
        "set security nat static rule-set FROM-NET rule web then static-nat prefix 172.16.0.10/32\n"
        "set security nat destination rule-set DST from zone untrust\n"
        "set security nat destination rule-set DST rule r1 match destination-address-name WEB\n"
        "set security nat destination rule-set DST rule r1 then destination-nat pool P\n")
    assert device.parse_warnings == []
    nat = device.facts["nat"]
    assert [(n["kind"], n["rule"], n["from"], n["match_destination"]) for n in nat] == [
        ("static", "web", "zone untrust", ["203.0.113.10/32"]), ("destination", "r1", "zone untrust", [])]
    assert "172.16.0.10/32" in nat[0]["translated"] and nat[0]["line"] == 3
    assert ("address-object", "WEB") not in unused(device)


# --------------------------------------------------------------------------- speed


def _big_config() -> str:
    """About 50,000 lines of curly SRX configuration: 3,000 addresses, 300 address-sets,
    400 applications, 3,680 policies in 16 zone pairs, 200 filter terms."""
    out = ["## Last commit: 2024-01-01 00:00:00 UTC by bench", "version 21.4R3-S3.4;", "system {",
           "    host-name big-fw;", "}", "interfaces {"]
    for i in range(8):
        out += [f"    ge-0/0/{i} {{", "        unit 0 {", "            family inet {",
                f"                address 10.{i}.0.1/16;", "            }", "        }", "    }"]
    out += ["}", "applications {"]
    for a in range(400):
        out += [f"    application APP{a} {{", "        protocol tcp;", f"        destination-port {1000 + a};", "    }"]
    out += ["}", "firewall {", "    family inet {", "        filter BIG {"]
    for t in range(200):
        out += [f"            term t{t} {{", "                from {", "                    source-address {",
                f"                        10.{t % 200}.{t % 250}.0/24;", "                    }",
                "                    protocol tcp;", f"                    destination-port {2000 + t};",
                "                }", "                then accept;", "            }"]
    out += ["        }", "    }", "}", "security {", "    address-book {", "        global {"]
    for a in range(3000):
        out.append(f"            address H{a} 10.{a // 250}.{a % 250}.10/32;")
    for s in range(300):
        out.append(f"            address-set S{s} {{")
        out += [f"                address H{(s * 7 + k) % 3000};" for k in range(5)]
        out.append("            }")
    out += ["        }", "    }", "    policies {"]
    zones = [f"z{i}" for i in range(8)]
    n = 0
    for ctx in range(16):
        a, b = zones[ctx % 8], zones[(ctx + 1 + ctx // 8) % 8]
        out.append(f"        from-zone {a} to-zone {b} {{")
        for _ in range(230):
            out += [f"            policy p{n} {{", f'                description "CHG-{n}";', "                match {",
                    f"                    source-address H{n % 3000};", f"                    destination-address S{n % 300};",
                    f"                    application APP{n % 400};", "                }", "                then {",
                    "                    permit;", "                }", "            }"]
            n += 1
        out.append("        }")
    out += ["        default-policy {", "            deny-all;", "        }", "    }", "    zones {"]
    for i, z in enumerate(zones):
        out += [f"        security-zone {z} {{", "            interfaces {", f"                ge-0/0/{i}.0;",
                "            }", "        }"]
    out += ["    }", "}"]
    return "\n".join(out) + "\n"


def test_parse_speed():
    text = _big_config()
    assert len(text.splitlines()) > 48000
    start = time.perf_counter()
    device = parse(text, "big.conf")
    elapsed = time.perf_counter() - start
    assert device.parse_warnings == []
    assert len(device.filters["security-policy"].rules) == 3680 and len(device.filters["BIG"].rules) == 200
    assert elapsed < 3.0  # generous for slow CI machines; well under 1 s on a laptop


def test_predefined_zone_nat_zones_and_flag_one_liners():
    device = parse(
        "set security zones security-zone trust interfaces ge-0/0/1.0\n"
        "set security policies from-zone trust to-zone junos-host policy mgmt match source-address any "
        "destination-address any application junos-ssh\n"
        "set security policies from-zone trust to-zone junos-host policy mgmt then permit\n"
        "set security nat source rule-set SNAT from zone trust\n"
        "set security nat source rule-set SNAT to zone untrust\n"
        "set security nat source rule-set SNAT rule r match source-address 10.0.0.0/8\n"
        "set security nat source rule-set SNAT rule r then source-nat interface\n"
        "set system syslog time-format year millisecond\n")
    assert device.parse_warnings == []
    zone_refs = sorted((r.name, r.context) for r in refs(device, "zone"))
    assert zone_refs == [("trust", "security nat source rule-set SNAT"), ("trust", "security policies from-zone"),
                         ("untrust", "security nat source rule-set SNAT")]  # junos-host is predefined
    assert device.filters["security-policy"].rules[0].dst_zones == ("junos-host",)
    assert device.management.facts["syslog_other"]["time-format"] == ["year", "millisecond"]


def test_suppression_comments_in_junos_syntax():
    text = ("firewall {\n    filter F {\n        /* netlint: ignore[NL110] CHG-9 kept on purpose */\n"
            "        term a {\n            then accept;\n        }\n    }\n}\n")
    device = parse_text(text, "supp.conf", vendor="juniper_junos")
    (supp,) = device.suppressions
    assert supp.rule_ids == ("NL110",) and supp.reason == "CHG-9 kept on purpose"
    assert supp.target_line == device.filters["F"].rules[0].loc.line == 4


def test_srx_miscellaneous_facts():
    device = parse(
        "set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24\n"
        "set interfaces ge-0/0/5 unit 0 family inet address 10.5.5.1/24\n"
        "set security zones security-zone a interfaces ge-0/0/0.0\n"
        "set security zones security-zone a interfaces ge-0/0/9\n"
        "set security zones functional-zone management interfaces ge-0/0/7.0\n"
        "set security log mode stream\n"
        "set security log stream SIEM host 10.99.0.25\n"
        "set security log stream SIEM host port 514\n"
        "set security flow tcp-session no-syn-check\n"
        "set security ike proposal P1 authentication-method pre-shared-keys\n"
        "set security ike policy IKE-POL pre-shared-key ascii-text \"$9$abcdefghijkl\"\n"
        "set security zones functional-zone management host-inbound-traffic system-services ssh\n"
        "set system services ssh\n"
        "set system services telnet\n")
    assert device.parse_warnings == []
    assert device.facts["interfaces_outside_zones"] == ["ge-0/0/5.0"]  # an SRX drops its traffic
    ghost = device.interface("ge-0/0/9.0")  # in a zone, but configured nowhere (unit 0 implied)
    assert ghost.zone == "a" and ghost.extra["not_configured"] is True
    assert device.facts["security_log_streams"] == [{"name": "SIEM", "host": "10.99.0.25", "port": 514, "line": 7}]
    assert device.facts["flow_options"] == ["tcp-session no-syn-check"]
    assert device.facts["ike"]["policy"]["IKE-POL"]["pre-shared-key"] == {"storage": "reversible"}
    assert "abcdefghijkl" not in json.dumps(device_to_dict(device))
    (ssh,) = device.management.service("ssh")
    assert ssh.interfaces == ["ge-0/0/7.0"]  # functional-zone management admits ssh
    (telnet,) = device.management.service("telnet")
    assert telnet.interfaces == [] and telnet.enabled is False and "no interface admits it" in telnet.note
    assert device.facts["functional_zone_management"]["management"]["services"] == ["ssh"]


def test_annotations_document_filter_terms(filters, exch):
    rules = rules_by_name(filters.filters["EDGE-IN"])
    assert rules["except-form"].remark == "10.0.0.0/8 except 10.1.0.0/16, but 10.1.2.0/24 again"
    assert rules["web"].remark == ""
    re_rules = rules_by_name(exch.filters["PROTECT-RE"])
    assert re_rules["allow-mgmt"].remark.startswith("SSH, HTTPS, SNMP and NTP to the SRX")
    assert re_rules["allow-mgmt-replies"].remark.endswith("(CHG-2023-044)")
    # security policies are documented by their description only
    assert rules_by_name(exch.filters["security-policy"])["fix-gw-standby"].remark == ""
    tree = build_tree(["/* first", "   second */", "system {", "    /* inline */ host-name r1;", "}"])
    assert tree.annotations == {3: "first second", 4: "inline"}
