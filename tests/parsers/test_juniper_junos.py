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
    # 'MGMT-NETS except': everything but the management networks
    not_mgmt = out["not-mgmt"]
    assert not_mgmt.src.items == () and not_mgmt.src.names == ("MGMT-NETS",)
    assert verdict(filters, "EDGE-OUT", "10.99.0.5", "1.1.1.1", 6, 22)[1] != "not-mgmt"
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
