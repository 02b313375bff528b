"""Tests of the Cisco IOS / IOS-XE parser (parsers/cisco_ios.py) on the fixtures in
fixtures/cases/cisco_ios/ and the sample-network device fixtures/core-sw.cfg."""

from __future__ import annotations

import dataclasses
import ipaddress
from pathlib import Path

import pytest

from netlint.filters import FilterSet
from netlint.model import (
    ANY_SERVICE, DENY, PERMIT, AddressRange, AddressWildcard, Device, Location, ParseError, wildcard,
)
from netlint.space import Packet
from parsers import get_parser, parse_file, parse_text
from parsers.cisco_ios import PARSER, _redact
from parsers.common import indented_tree
from parsers.detect import detect_vendor

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cases" / "cisco_ios"
CORE_SW = ROOT / "fixtures" / "core-sw.cfg"


def parse(name: str) -> Device:
    path = CASES / name
    return PARSER.parse(path.read_text(), str(path))


def ip(text: str) -> int:
    return int(ipaddress.ip_address(text))


def rng(first: str, last: str | None = None) -> AddressRange:
    a = ipaddress.ip_address(first)
    b = ipaddress.ip_address(last or first)
    return AddressRange(a.version, int(a), int(b))


def net(text: str) -> AddressRange:
    return AddressRange.from_network(text)


def line_of(path: Path, text: str) -> int:
    """1-based number of the first line containing `text`."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def rules_by_name(device: Device, acl: str) -> dict[str, object]:
    return {r.name: r for r in device.filters[acl].rules}


def refs(device: Device, kind: str, name: str) -> list[str]:
    return [r.context for r in device.references if r.kind == kind and r.name == name]


def all_locations(obj, seen=None):
    """Every Location reachable from a model object (dataclasses, lists, dicts)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, Location):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from all_locations(getattr(obj, f.name), seen)
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from all_locations(v, seen)
    elif isinstance(obj, (list, tuple, set)):
        for v in obj:
            yield from all_locations(v, seen)


# --------------------------------------------------------------------------- plugin and detection


def test_plugin_interface_and_entry_point():
    assert PARSER.vendor == "cisco_ios"
    assert get_parser("cisco_ios") is PARSER
    assert PARSER.detect(CORE_SW.read_text()) > 50
    assert PARSER.detect("set system host-name r1\nset interfaces ge-0/0/0 unit 0\n") == 0


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("*.cfg")))
def test_every_fixture_is_detected_as_ios(name):
    assert detect_vendor((CASES / name).read_text()) == "cisco_ios"


def test_parse_file_end_to_end_sets_line_count_and_vendor():
    device = parse_file(CORE_SW)
    assert device.vendor == "cisco_ios"
    assert device.line_count == len(CORE_SW.read_text().splitlines())


def test_inventory_facts():
    device = PARSER.parse(CORE_SW.read_text(), str(CORE_SW))
    assert device.hostname == "core-sw"
    assert device.os_version == "17.6"
    assert device.os_version_loc.line == line_of(CORE_SW, "version 17.6")
    assert device.model == "C9300-48P"
    assert device.facts["serial"] == "FOC2418X1AB"
    assert device.facts["platform_kind"] == "switch"


def test_snippet_without_hostname_uses_file_name():
    device = PARSER.parse("ip access-list standard ONLY\n permit 10.0.0.0 0.255.255.255\n", "/x/edge-acl.txt")
    assert device.hostname == "edge-acl"
    assert device.facts["hostname_from_file_name"] is True
    assert list(device.filters) == ["ONLY"]
    assert device.parse_warnings == []


# --------------------------------------------------------------------------- ACL forms


def test_numbered_standard_acl():
    d = parse("acl-forms.cfg")
    path = CASES / "acl-forms.cfg"
    f = d.filters["10"]
    assert f.kind == "standard-acl" and f.family == 4
    assert f.default_action == DENY and "implicit deny" in f.default_note
    assert (f.loc.line, f.loc.end_line) == (line_of(path, "access-list 10 remark"), line_of(path, "access-list 10 deny"))
    r = f.rules
    assert [x.action for x in r] == [PERMIT, PERMIT, PERMIT, DENY]
    assert r[0].remark == "management stations"
    assert r[0].src.items == (rng("10.99.0.21"),)  # bare address = host
    assert r[1].src.items == (rng("10.99.0.22"),)
    assert r[2].src.items == (net("10.99.1.0/24"),) and r[2].log
    assert r[3].src.any and r[3].log
    for rule in r:  # standard ACLs match the source only
        assert rule.dst.any and rule.services == (ANY_SERVICE,)
        assert rule.family == 4
    assert r[2].loc.line == line_of(path, "access-list 10 permit 10.99.1.0")


def test_numbered_extended_acl_ports_and_icmp():
    d = parse("acl-forms.cfg")
    r = d.filters["110"].rules
    assert d.filters["110"].kind == "acl"
    assert r[0].remark == "web servers from anywhere"
    assert r[0].dst.items == (rng("192.0.2.10"),)
    assert r[0].services[0].protocol == 6 and r[0].services[0].dst_ports == ((80, 80), (443, 443))
    assert r[1].services[0].src_ports == ((1024, 1024),)
    assert r[1].services[0].dst_ports == ((8080, 8090),)
    assert r[2].services[0].protocol == 17 and r[2].services[0].dst_ports == ((53, 53),)
    assert (r[3].services[0].protocol, r[3].services[0].icmp_type, r[3].services[0].icmp_code) == (1, 0, None)
    assert (r[4].services[0].icmp_type, r[4].services[0].icmp_code) == (3, 4)
    assert r[5].log and r[5].extra.get("log_input") is True
    assert r[5].vendor_action == "deny" and r[5].services == (ANY_SERVICE,)


def test_non_contiguous_wildcard_stays_exact():
    d = parse("acl-forms.cfg")
    rule = d.filters["120"].rules[0]
    (item,) = rule.src.items
    assert isinstance(item, AddressWildcard)
    assert item == wildcard("10.20.0.1", "0.0.255.0")
    # matches the .1 host of every /24 in 10.20.0.0/16, and nothing else
    for addr, hit in (("10.20.5.1", True), ("10.20.200.1", True), ("10.20.5.2", False), ("10.21.5.1", False)):
        assert ((ip(addr) & item.care) == item.value) is hit
    fs = FilterSet(d)
    assert fs.evaluate("120", Packet("10.20.77.1", "8.8.8.8", 6, 1234, 80)).action == PERMIT
    assert fs.evaluate("120", Packet("10.20.77.2", "8.8.8.8", 6, 1234, 80)).action == DENY


@pytest.mark.parametrize("addr,wild", [
    ("10.0.0.0", "0.255.255.255"), ("10.1.2.3", "0.0.0.0"), ("10.1.2.3", "0.0.0.7"),
    ("10.1.0.1", "0.0.255.0"), ("192.168.0.0", "0.0.254.255"), ("0.0.0.0", "255.255.255.255"),
    ("10.0.0.0", "255.255.255.0"),
])
def test_memoised_wildcard_equals_model_wildcard(addr, wild):
    d = PARSER.parse(f"access-list 150 permit ip {addr} {wild} any\n", "w.cfg")
    assert d.filters["150"].rules[0].src.items == (wildcard(addr, wild),)


def test_named_extended_acl_entries():
    d = parse("acl-forms.cfg")
    f = d.filters["WAN-IN"]
    r = rules_by_name(d, "WAN-IN")
    assert [x.name for x in f.rules] == [str(n) for n in range(10, 180, 10)]
    assert r["10"].remark == "CHG-1234 allow IPsec from the head office"
    assert r["20"].remark == ""
    assert r["10"].services[0].protocol == 50
    assert r["20"].services[0].dst_ports == ((500, 500), (4500, 4500))  # isakmp non500-isakmp
    assert r["30"].services[0].protocol == 51  # ahp
    assert r["40"].services[0].protocol == 47
    assert r["50"].established is True and r["50"].services[0].protocol == 6
    assert r["60"].services[0].dst_ports == ((1024, 65535),)
    assert r["70"].services[0].dst_ports == ((0, 1023),)
    assert r["70"].time_range == "BUSINESS-HOURS" and r["70"].time_range_expired is False
    assert r["80"].services[0].dst_ports == ((0, 22), (24, 65535))  # neq telnet
    assert r["90"].time_range == "VENDOR-WINDOW-2020" and r["90"].time_range_expired is True
    assert r["100"].extra["fragments"] is True and r["100"].approximations
    assert r["110"].extra["dscp"] == "ef" and r["110"].approximations
    assert r["120"].services[0].protocol == 89
    assert (r["130"].services[0].icmp_type, r["130"].services[0].icmp_code) == (3, None)
    assert r["140"].services[0].icmp_type == 11
    assert (r["150"].services[0].icmp_type, r["150"].services[0].icmp_code) == (3, 4)
    assert r["160"].log and r["160"].services[0].dst_ports == ((445, 445),)
    assert r["60"].loc.line == line_of(CASES / "acl-forms.cfg", " 60 permit tcp")
    assert refs(d, "time-range", "BUSINESS-HOURS") == ["acl WAN-IN"]
    assert {o.name for o in d.objects if o.kind == "time-range"} == {"BUSINESS-HOURS", "VENDOR-WINDOW-2020"}


def test_named_standard_acl_remark_goes_to_next_rule():
    d = parse("acl-forms.cfg")
    f = d.filters["VTY-ACCESS"]
    assert f.kind == "standard-acl"
    assert f.rules[0].remark == "jump hosts only" and f.rules[0].src.items == (net("10.99.0.0/24"),)
    assert f.rules[1].remark == "" and f.rules[1].name == ""


def test_ipv6_acl():
    d = parse("acl-forms.cfg")
    f = d.filters["V6-WAN-IN"]
    assert f.family == 6 and f.kind == "acl" and f.default_action == DENY
    assert "nd-na" in f.default_note and "nd-ns" in f.default_note
    assert [r.name for r in f.rules] == ["10", "20", "30", "40", "50", "60"]  # 'sequence N' first or last
    assert all(r.family == 6 for r in f.rules)
    assert f.rules[0].dst.items == (rng("2001:db8::1"),)
    assert f.rules[0].services[0].dst_ports == ((22, 22),)
    assert (f.rules[1].services[0].protocol, f.rules[1].services[0].icmp_type) == (58, 136)
    assert f.rules[2].services[0].icmp_type == 135
    assert f.rules[3].services[0].icmp_type == 2  # packet-too-big is type 2 in ICMPv6
    assert f.rules[4].src.items == (net("2001:db8:10::/48"),)
    assert f.rules[5].services == (ANY_SERVICE,) and f.rules[5].log


def test_engine_evaluates_parsed_rules():
    d = parse("acl-forms.cfg")
    fs = FilterSet(d)
    assert fs.evaluate("WAN-IN", Packet("1.2.3.4", "198.51.100.2", 6, 40000, 2000)).rule.name == "60"
    assert fs.evaluate("WAN-IN", Packet("1.2.3.4", "198.51.100.3", 6, 40000, 23)).action == DENY
    assert fs.evaluate("WAN-IN", Packet("1.2.3.4", "198.51.100.3", 6, 40000, 24)).rule.name == "80"
    assert fs.evaluate("110", Packet("1.2.3.4", "192.0.2.10", 6, 5555, 443)).action == PERMIT
    assert fs.evaluate("110", Packet("1.2.3.4", "192.0.2.10", 6, 5555, 22)).action == DENY


def test_sequence_numbers_decide_the_order():
    text = (
        "ip access-list extended ORDER\n"
        " 30 deny ip any any\n"
        " 10 permit tcp any any eq 22\n"
        " permit tcp any any eq 80\n"
        " 20 permit tcp any any eq 443\n"
    )
    f = PARSER.parse(text, "o.cfg").filters["ORDER"]
    assert [r.name for r in f.rules] == ["10", "20", "30", ""]
    assert f.rules[3].extra["implicit_sequence"] == 40


def test_port_operators_edge_cases():
    d = PARSER.parse(
        "ip access-list extended P\n"
        " permit tcp any any lt 1\n"
        " permit udp any range snmp snmptrap any\n"
        " permit tcp any any eq telnet ftp ftp-data www\n"
        " permit sctp any any eq 2905\n"
        " permit 0 any any\n", "p.cfg")
    r = d.filters["P"].rules
    assert r[0].services == ((r[0].services[0],) if r[0].services else ())  # lt 1 = only port 0
    assert r[0].services[0].dst_ports == ((0, 0),)
    assert r[1].services[0].src_ports == ((161, 162),)
    assert r[2].services[0].dst_ports == ((20, 21), (23, 23), (80, 80))
    assert r[3].services[0].protocol == 132
    assert r[4].services == (ANY_SERVICE,)  # protocol 0 is 'ip'
    nothing = PARSER.parse("ip access-list extended Q\n permit tcp any any lt 0\n", "q.cfg")
    assert nothing.filters["Q"].rules[0].services == ()  # matches no packet


def test_misc_ace_options():
    d = PARSER.parse(
        "time-range TR\n periodic daily 8:00 to 17:00\n"
        "ip access-list extended OPT\n"
        " 10 permit tcp any any eq 22 log MYCOOKIE\n"
        " 20 permit tcp any any syn\n"
        " 30 permit tcp any any match-any +syn +rst\n"
        " 40 permit ip any any ttl eq 255\n"
        " 50 permit tcp any any eq 80 inactive\n"
        " 60 permit ip any any precedence critical time-range TR\n"
        " 70 permit igmp any any host-query\n"
        " 80 permit tcp any any reflect MIRROR timeout 300\n"
        "access-list 101 dynamic TESTLIST timeout 10 permit ip any any\n", "opt.cfg")
    r = rules_by_name(d, "OPT")
    assert r["10"].log and r["10"].extra["log_cookie"] == "MYCOOKIE"
    assert r["20"].extra["tcp_flags"] == ["syn"] and r["20"].approximations
    assert r["30"].extra["tcp_flags"] == ["match-any", "+syn", "+rst"]
    assert r["40"].extra["ttl"] == "eq 255"
    assert r["50"].enabled is False
    assert r["60"].extra["precedence"] == "critical" and r["60"].time_range == "TR"
    assert r["70"].extra["igmp_type"] == "host-query" and r["70"].services[0].protocol == 2
    assert r["80"].extra["reflect"] == "MIRROR"
    assert d.filters["101"].rules[0].extra["dynamic"] == "TESTLIST"
    assert d.parse_warnings == []


# --------------------------------------------------------------------------- object-groups


def test_network_object_group_resolution():
    d = parse("object-groups.cfg")
    r = rules_by_name(d, "DMZ-IN")
    web = (rng("172.16.10.11"), rng("172.16.10.12"), net("172.16.20.0/24"), rng("172.16.30.10", "172.16.30.19"))
    assert r["10"].dst.items == web and r["10"].dst.names == ("WEB-SERVERS",)
    assert set(r["20"].src.items) == set(web) | {rng("172.16.40.5")}  # nested, IPv4 members only
    assert r["20"].src.names == ("ALL-SERVERS",)
    # the IPv6 ACL sees only the IPv6 member of the same group
    v6 = d.filters["V6-DMZ-IN"].rules[0]
    assert v6.dst.items == (rng("2001:db8:40::5"),)


def test_object_group_cycle_is_reported_and_resolved_to_the_union():
    d = parse("object-groups.cfg")
    path = CASES / "object-groups.cfg"
    rule = rules_by_name(d, "DMZ-IN")["30"]
    assert set(rule.src.items) == {rng("10.1.1.1"), rng("10.1.1.2")}
    cycle = [w for w in d.parse_warnings if "cycle" in w.message]
    assert len(cycle) == 1
    assert cycle[0].message == "object-group cycle: LOOP-A -> LOOP-B -> LOOP-A"
    assert cycle[0].loc.line == line_of(path, " group-object LOOP-A")
    assert len(d.parse_warnings) == 1


def test_undefined_groups_are_referenced_and_unresolved():
    d = parse("object-groups.cfg")
    r = rules_by_name(d, "DMZ-IN")
    assert r["40"].src.items == (rng("192.0.2.50"),) and r["40"].src.unresolved == ("PARTNER-NETS-MISSING",)
    assert r["60"].dst.items == () and r["60"].dst.unresolved == ("UNDEFINED-GROUP",)
    assert r["70"].services == () and r["70"].extra["unresolved_services"] == ("UNDEFINED-SVC",)
    assert refs(d, "address-group", "PARTNER-NETS-MISSING") == ["nested group"]
    assert refs(d, "address-group", "UNDEFINED-GROUP") == ["acl DMZ-IN"]
    assert refs(d, "service-group", "UNDEFINED-SVC") == ["acl DMZ-IN"]
    defined = {(o.kind, o.name) for o in d.objects}
    assert ("address-group", "UNDEFINED-GROUP") not in defined


def test_service_object_groups():
    d = parse("object-groups.cfg")
    r = rules_by_name(d, "DMZ-IN")
    assert r["10"].service_names == ("WEB-PORTS",)
    assert {s.dst_ports for s in r["10"].services} == {((80, 80),), ((443, 443),)}
    infra = {(s.protocol, s.src_ports, s.dst_ports, s.icmp_type) for s in r["20"].services}
    assert infra == {
        (6, (), ((53, 53),), None), (17, (), ((53, 53),), None),  # tcp-udp eq domain
        (17, (), ((123, 123),), None), (17, (), ((33434, 33534),), None),
        (6, ((179, 179),), (), None),  # tcp source eq bgp
        (1, (), (), 8),  # icmp echo
        (50, (), (), None),  # esp
        (6, (), ((80, 80),), None), (6, (), ((443, 443),), None),  # group-object WEB-PORTS
    }
    assert r["50"].services == ()  # empty group: the rule matches nothing
    assert refs(d, "service-group", "WEB-PORTS") == ["nested group", "acl DMZ-IN"]


def test_object_group_definitions_and_unused_group():
    d = parse("object-groups.cfg")
    objs = {(o.kind, o.name): o for o in d.objects}
    web = objs[("address-group", "WEB-SERVERS")]
    assert web.description == "public web farm in the DMZ"
    assert web.members == ("host 172.16.10.11", "host 172.16.10.12", "172.16.20.0 255.255.255.0",
                           "range 172.16.30.10 172.16.30.19")
    assert (web.loc.line, web.loc.end_line) == (line_of(CASES / "object-groups.cfg", "object-group network WEB-SERVERS"),
                                              line_of(CASES / "object-groups.cfg", "range 172.16.30.10"))
    assert ("service-group", "INFRA-PORTS") in objs
    referenced = {(r.kind, r.name) for r in d.references}
    assert ("address-group", "OLD-PARTNER") not in referenced


def test_nested_group_reference_context():
    d = parse("object-groups.cfg")
    nested = [(r.name, r.loc.line) for r in d.references if r.context == "nested group"]
    assert ("WEB-SERVERS", line_of(CASES / "object-groups.cfg", " group-object WEB-SERVERS")) in nested


# --------------------------------------------------------------------------- bindings and references


def test_interface_bindings_and_references():
    d = parse("acl-forms.cfg")
    wan = d.interface("GigabitEthernet0/0/0")
    assert (wan.filter_in, wan.filter_out, wan.filter_in6) == ("WAN-IN", "110", "V6-WAN-IN")
    assert wan.nat_outside is True
    assert wan.addresses[0].address == ip("198.51.100.2") and wan.addresses[0].prefixlen == 30
    assert wan.addresses[1].family == 6 and wan.addresses[1].prefixlen == 64
    assert refs(d, "acl", "WAN-IN") == ["interface GigabitEthernet0/0/0 inbound"]
    assert refs(d, "acl", "110") == ["interface GigabitEthernet0/0/0 outbound"]
    assert refs(d, "acl", "V6-WAN-IN") == ["interface GigabitEthernet0/0/0 inbound (IPv6)"]
    assert refs(d, "acl", "VTY-ACCESS") == ["line vty 0 4 access-class in"]
    assert refs(d, "acl", "10") == ["snmp-server community"]
    assert {o.name for o in d.objects if o.kind == "acl"} == {"10", "110", "120", "WAN-IN", "VTY-ACCESS", "V6-WAN-IN"}


def test_every_acl_use_is_a_reference():
    d = parse("acl-references.cfg")
    expected = {
        "SNMP-RO": "snmp-server community",
        "HTTP-MGMT": "ip http access-class",
        "NTP-PEERS": "ntp access-group peer",
        "RM-MATCH": "route-map RM-EXPORT permit 10",
        "PBR-MATCH": "route-map RM-PBR permit 10",
        "QOS-VOICE": "class-map VOICE",
        "NAT-INSIDE": "ip nat inside source",
        "VPN-TRAFFIC": "crypto map VPN-MAP 10",
        "OSPF-FILTER": "router ospf 1 distribute-list",
        "IGMP-GROUPS": "interface GigabitEthernet0/0/1 ip igmp access-group",
        "MCAST-BOUNDARY": "interface GigabitEthernet0/0/1 ip multicast boundary",
        "WCCP-REDIRECT": "ip wccp redirect-list",
        "15": "line vty 0 4 access-class in",
        "VTY6": "line vty 0 4 ipv6 access-class in",
        "SSM-GROUPS": "mentioned",
    }
    for name, context in expected.items():
        assert refs(d, "acl", name) == [context], name
    assert refs(d, "prefix-list", "PL-CUSTOMER") == ["router bgp 65010 neighbor prefix-list"]
    assert d.parse_warnings == []
    line = d.management.lines[0]
    assert line.access_class_in == "15" and line.access_class_in6 == "VTY6"


def test_mentioned_safety_net_ignores_comments_and_descriptions():
    d = parse("acl-references.cfg")
    referenced = {(r.kind, r.name) for r in d.references}
    unused = [o.name for o in d.objects if (o.kind, o.name) not in referenced]
    assert unused == ["REALLY-UNUSED"]
    (mention,) = [r for r in d.references if r.context == "mentioned"]
    assert mention.name == "SSM-GROUPS"
    assert mention.loc.line == line_of(CASES / "acl-references.cfg", "ip pim ssm range SSM-GROUPS")


def test_numbered_acl_mentions_need_an_acl_like_line():
    text = "access-list 5 permit any\nvlan 5\n name FIVE\nip pim rp-address 10.0.0.1 5\n"
    d = PARSER.parse(text, "n.cfg")
    assert refs(d, "acl", "5") == ["ip pim rp-address group list"]
    d2 = PARSER.parse("access-list 5 permit any\nvlan 5\n name FIVE\n", "n.cfg")
    assert refs(d2, "acl", "5") == []  # 'vlan 5' does not count as a use of ACL 5


def test_nat_static_fact():
    d = parse("acl-references.cfg")
    (nat,) = d.facts["nat_static"]
    assert (nat["local"], nat["local_port"], nat["global"], nat["global_port"], nat["protocol"]) == \
        ("10.10.0.80", "80", "203.0.113.10", "80", "tcp")


# --------------------------------------------------------------------------- interfaces, VLANs, routes


def test_switchport_modes_and_defaults():
    d = parse("switch-l2.cfg")
    i = {x.name: x for x in d.interfaces}
    assert d.facts["platform_kind"] == "switch"
    p1 = i["GigabitEthernet1/0/1"]
    assert (p1.switchport, p1.mode, p1.access_vlan) == (True, "access", 30)
    assert p1.description == "PC floor 3 desk 12" and p1.extra["portfast"] and p1.extra["bpduguard"]
    for name in ("GigabitEthernet1/0/2", "GigabitEthernet1/0/3"):  # 'switchport' alone / nothing at all
        p = i[name]
        assert p.switchport is True and p.mode is None
        assert p.extra["mode_default"] == "dynamic-auto"
        assert p.access_vlan == 1 and p.extra["access_vlan_default"] is True
        assert p.native_vlan == 1 and p.extra["native_vlan_default"] is True
    assert i["GigabitEthernet1/0/4"].mode == "dynamic-desirable"
    assert i["GigabitEthernet1/0/5"].mode == "dynamic-auto"
    assert i["GigabitEthernet1/0/20"].shutdown is True and i["GigabitEthernet1/0/20"].access_vlan == 999


def test_trunks():
    d = parse("switch-l2.cfg")
    i = {x.name: x for x in d.interfaces}
    up = i["GigabitEthernet1/0/47"]
    assert up.mode == "trunk" and up.native_vlan == 99 and up.nonegotiate is True
    assert up.trunk_allowed_vlans == (10, 30, 40, 50, 52)  # 10,30 + add 40,50-52 - remove 51
    assert "native_vlan_default" not in up.extra
    all_vlans = i["GigabitEthernet1/0/48"]
    assert all_vlans.trunk_allowed_vlans is None and all_vlans.native_vlan == 1
    assert all_vlans.extra["native_vlan_default"] is True
    assert i["TenGigabitEthernet1/1/1"].trunk_allowed_vlans == ()
    assert i["TenGigabitEthernet1/1/2"].trunk_allowed_vlans == (1,)
    assert i["Port-channel1"].trunk_allowed_vlans == (10, 30)
    assert i["GigabitEthernet1/0/45"].extra["channel_group"] == "1"


def test_routed_ports_svis_and_vrf():
    d = parse("switch-l2.cfg")
    i = {x.name: x for x in d.interfaces}
    routed = i["GigabitEthernet1/0/46"]
    assert routed.switchport is False and routed.mode == "routed"
    assert str(routed.addresses[0]) == "10.0.1.2/30"
    mgmt = i["GigabitEthernet0/0"]
    assert mgmt.switchport is False and mgmt.vrf == "Mgmt-vrf"
    v10 = i["Vlan10"]
    assert v10.vlan_id == 10 and v10.is_svi and v10.description == "SERVERS gateway"
    assert [(str(a), a.secondary) for a in v10.addresses] == [("10.10.0.1/24", False), ("10.10.100.1/24", True)]
    assert v10.extra["proxy_arp"] is False
    assert i["Vlan1"].shutdown is True and i["Vlan1"].addresses == []


def test_subinterface_and_router_platform():
    text = (
        "interface GigabitEthernet0/0/1\n no ip address\n!\n"
        "interface GigabitEthernet0/0/1.20\n encapsulation dot1Q 20\n ip vrf forwarding GUEST\n"
        " ip address 10.20.0.1 255.255.255.0\n"
    )
    d = PARSER.parse(text, "r.cfg")
    i = {x.name: x for x in d.interfaces}
    assert d.facts["platform_kind"] == "router"
    assert i["GigabitEthernet0/0/1"].switchport is False and i["GigabitEthernet0/0/1"].mode is None
    sub = i["GigabitEthernet0/0/1.20"]
    assert sub.vlan_id == 20 and sub.vrf == "GUEST" and not sub.is_svi


def test_vlans_and_routes():
    d = parse("switch-l2.cfg")
    vlans = {v.id: v.name for v in d.vlans}
    assert vlans == {10: "SERVERS", 30: "USERS", 40: "", 50: "", 60: "", 61: "", 999: "PARKING"}
    default, vrf_default, null, v6 = d.routes
    assert default.is_default and default.next_hop == "10.0.1.1" and default.interface is None
    assert vrf_default.is_default and d.facts["route_vrfs"] == [None, "Mgmt-vrf", None, None]
    assert null.destination == net("10.99.0.0/24") and null.interface == "Null0" and null.distance == 250
    assert v6.destination == net("2001:db8::/32") and v6.interface == "GigabitEthernet1/0/46" and v6.next_hop == "FE80::1"
    assert default.loc.line == line_of(CASES / "switch-l2.cfg", "ip route 0.0.0.0 0.0.0.0 10.0.1.1")


# --------------------------------------------------------------------------- management plane


def test_weak_management_plane():
    d = parse("mgmt-weak.cfg")
    path = CASES / "mgmt-weak.cfg"
    m = d.management
    assert d.parse_warnings == []
    http = m.service("http")[0]
    assert http.enabled and http.loc.line == line_of(path, "ip http server")
    assert m.service("https")[0].enabled is False
    telnet = m.service("telnet")
    assert [s.note for s in telnet] == ["line vty 0 4", "line vty 5 15"]
    assert telnet[0].loc.line == line_of(path, "transport input telnet ssh") and telnet[0].acl is None
    assert m.ssh_version == "1"
    comms = {(c.secret.default_value, c.access, c.acl, c.version) for c in m.snmp_communities}
    assert comms == {("public", "ro", None, "2c"), ("private", "rw", None, "2c")}
    assert m.enable_secret.storage == "plaintext" and m.enable_loc.line == line_of(path, "enable password C")
    users = {u.name: u for u in m.users}
    assert users["admin"].privilege == 15 and users["admin"].secret.storage == "reversible"
    assert users["operator"].secret.storage == "plaintext" and users["operator"].privilege is None
    # no aaa new-model, yet a legacy TACACS+ server with its key in clear text
    assert m.aaa.enabled is False
    (tacacs,) = m.aaa.servers
    assert (tacacs.protocol, tacacs.address, tacacs.key.storage) == ("tacacs+", "10.99.0.41", "plaintext")
    assert tacacs.loc.line == line_of(path, "tacacs-server host 10.99.0.41") and "Tacacs4Branch" not in tacacs.loc.text
    (group,) = m.snmp_groups
    assert (group.name, group.version, group.level) == ("LEGACY", "3", "noauth")
    assert [(u.name, u.auth, u.priv) for u in m.snmp_users] == [("monitor", "md5", "des")]
    assert m.log_hosts == [] and m.ntp_servers == []
    assert m.log_timestamps is False
    assert m.password_encryption is False
    assert m.banners == {}
    lines = {ln.name: ln for ln in m.lines}
    assert lines["vty 0 4"].transport_input == ("telnet", "ssh")
    assert lines["vty 0 4"].exec_timeout == 0 and lines["vty 0 4"].access_class_in is None
    assert lines["vty 0 4"].login == "line" and lines["vty 0 4"].password.storage == "plaintext"
    assert lines["vty 5 15"].transport_input == ("all",) and lines["vty 5 15"].login == "none"
    assert lines["con 0"].exec_timeout == 0 and lines["con 0"].password.storage == "reversible"
    assert lines["aux 0"].transport_input is None  # platform default
    # no exec-timeout: the IOS default (10 minutes) applies
    assert lines["vty 5 15"].exec_timeout is None and lines["vty 5 15"].default_timeout == 600
    facts = m.facts
    assert facts["cdp_enabled"] is True and facts["ip_source_route"] is True and facts["service_pad"] is True


def test_hardened_management_plane():
    d = parse("mgmt-hardened.cfg")
    path = CASES / "mgmt-hardened.cfg"
    m = d.management
    assert d.parse_warnings == []
    assert m.ssh_version == "2" and m.ssh_version_loc.line == line_of(path, "ip ssh version 2")
    assert m.service("http")[0].enabled is False
    https = m.service("https")[0]
    assert https.enabled and https.acl == "MGMT-ONLY"
    assert m.service("telnet") == []
    assert [s.acl for s in m.service("ssh")] == ["MGMT-ONLY", "MGMT-ONLY"]
    snmp = m.service("snmp")[0]
    assert snmp.version == "3" and snmp.acl == "MGMT-ONLY"
    assert m.snmp_communities == []
    (user,) = m.snmp_users
    assert (user.name, user.auth, user.priv) == ("nms-poller", "sha", "aes128")
    assert m.enable_secret.storage == "scrypt"
    assert {u.name: u.secret.storage for u in m.users} == {"netops": "scrypt", "auditor": "pbkdf2"}
    assert m.password_encryption is True
    aaa = m.aaa
    assert aaa.enabled and aaa.loc.line == line_of(path, "aaa new-model")
    assert aaa.login_methods == ["group TACACS-GRP", "local"]
    assert aaa.authorization_commands is True and aaa.accounting_commands is True
    assert aaa.accounting_loc.line == line_of(path, "aaa accounting commands 15")
    # type 6: AES under the router's own key, not readable from the config
    assert [(s.protocol, s.address, s.key.storage) for s in aaa.servers] == [
        ("tacacs+", "10.99.0.41", "encrypted"), ("tacacs+", "10.99.0.42", "encrypted")]
    assert m.facts["password_encryption_aes"] is True
    assert [(h.address, h.transport, h.port) for h in m.log_hosts] == [("10.99.0.20", "tcp", 601), ("10.99.0.21", "udp", None)]
    assert m.log_timestamps is True and m.log_timestamps_loc.line == line_of(path, "service timestamps log")
    assert m.ntp_servers == ["10.99.0.10", "10.99.0.11"] and m.ntp_authenticated is True
    assert m.banners["login"] == ("Authorised access only. Activity is logged and monitored.\n"
                                  "! this line starts with '!' but belongs to the banner")
    assert m.banners["motd"] == "Maintenance window: Sundays 02:00-04:00"
    lines = {ln.name: ln for ln in m.lines}
    assert lines["con 0"].exec_timeout == 300 and lines["con 0"].login == "authentication default"
    assert lines["vty 0 4"].exec_timeout == 600 and lines["vty 0 4"].access_class_in == "MGMT-ONLY"
    assert lines["aux 0"].transport_input == ("none",)
    facts = m.facts
    assert (facts["cdp_enabled"], facts["ip_source_route"], facts["service_pad"]) == (False, False, False)
    assert facts["ssh_timeout"] == 60 and facts["login_block_for"] == 900
    assert facts["password_min_length"] == 15 and facts["http_authentication"] == "aaa"
    assert facts["archive_hidekeys"] is True and facts["ip_bootp_server"] is False


def test_no_secret_survives_in_any_location():
    secrets = {
        "mgmt-hardened.cfg": ["$9$yJ8z0D1x2C3v4B", "$8$abcdefghijklmn", "1511021F07257A767B", "AuthPassw0rd!",
                              "PrivPassw0rd!", "0822455D0A16"],
        "mgmt-weak.cfg": ["Cisc0Branch!", "070C285F4D06485744", "opsPass123", "0822455D0A16", "Tel3net"],
        "acl-references.cfg": ["Xy7-monitoring"],
    }
    for name, values in secrets.items():
        d = parse(name)
        texts = [loc.text for loc in all_locations(d)] + [repr(d.management.facts)]
        for value in values:
            assert not any(value in t for t in texts), (name, value)
    core = PARSER.parse(CORE_SW.read_text(), "core-sw.cfg")
    texts = [loc.text for loc in all_locations(core)]
    assert not any("Ex4mpleCore!" in t or "0835495D1D0A1A0F1F" in t for t in texts)
    assert any(t == "snmp-server community public RO" for t in texts)  # well-known names are kept


@pytest.mark.parametrize("line,storage", [
    ("username u password cleartext", "plaintext"),
    ("username u password 0 cleartext", "plaintext"),
    ("username u password 7 0822455D0A16", "reversible"),
    ("username u secret 5 $1$abcd$0123456789abcdefghij", "md5"),
    ("username u secret 8 $8$abcdefghijklmn$0123456789", "pbkdf2"),
    ("username u secret 9 $9$abcdefghijklmn$0123456789", "scrypt"),
    ("username u privilege 15 algorithm-type scrypt secret 9 $9$ab$cd", "scrypt"),
    ("username u secret $9$abcdefghijklmn$0123456789", "scrypt"),  # IOS type 9, not Junos $9$
    ("username u secret plainsecret", "plaintext"),
    ("username u secret 4 tnhtc92DXBhelxjYk8LWJrPV36S2i4ntXrpb4RFmfqY", "hash"),
])
def test_user_secret_storage(line, storage):
    d = PARSER.parse(line + "\n", "u.cfg")
    assert d.management.users[0].secret.storage == storage
    assert d.management.users[0].secret.default_value is None or storage == "plaintext"


@pytest.mark.parametrize("lines,storage,loc_text", [
    ("enable secret 9 $9$xx$yy\n", "scrypt", "enable secret 9 <redacted>"),
    ("enable secret 5 $1$xx$yy\n", "md5", "enable secret 5 <redacted>"),
    ("enable password 7 0822455D0A16\n", "reversible", "enable password 7 <redacted>"),
    ("enable algorithm-type scrypt secret Typed1n\n", "plaintext", "enable algorithm-type scrypt secret <redacted>"),
    ("enable secret 9 $9$xx$yy\nenable password cisco\n", "plaintext", "enable password <redacted>"),
])
def test_enable_secret_keeps_the_weakest(lines, storage, loc_text):
    m = PARSER.parse(lines, "e.cfg").management
    assert m.enable_secret.storage == storage and m.enable_loc.text == loc_text
    if "cisco" in lines:
        assert m.enable_secret.default_value == "cisco"  # a well-known value is kept by name


def test_legacy_aaa_server_syntax_and_global_key():
    d = PARSER.parse(
        "aaa new-model\ntacacs-server host 10.1.1.1\ntacacs-server host 10.1.1.2 key 7 0822455D0A16\n"
        "tacacs-server key MyKey\nradius-server host 10.2.2.2 auth-port 1812 acct-port 1813 key r4d1us\n"
        "radius server RAD1\n address ipv4 10.2.2.3 auth-port 1812 acct-port 1813\n key 7 0822455D0A16\n", "a.cfg")
    servers = [(s.protocol, s.address, s.key.storage) for s in d.management.aaa.servers]
    assert servers == [("tacacs+", "10.1.1.1", "plaintext"), ("tacacs+", "10.1.1.2", "reversible"),
                       ("radius", "10.2.2.2", "plaintext"), ("radius", "10.2.2.3", "reversible")]
    assert d.parse_warnings == []


def test_snmp_variants():
    d = PARSER.parse(
        "snmp-server community c0mm RW 99\nsnmp-server community v1ew view V RO ipv6 SNMP6 SNMP4\n"
        "snmp-server group G v3 auth\nsnmp-server user bob G v3 auth md5 pw1\n"
        "snmp-server host 10.9.9.9 informs version 2c s3cret\n", "s.cfg")
    m = d.management
    assert [(c.access, c.acl) for c in m.snmp_communities] == [("rw", "99"), ("ro", "SNMP4")]
    assert refs(d, "acl", "SNMP6") == ["snmp-server community ipv6"]
    assert (m.snmp_users[0].auth, m.snmp_users[0].priv) == ("md5", None)
    assert m.facts["snmp_groups"]["G"]["level"] == "auth"
    assert m.facts["snmp_hosts"][0]["version"] == "2c"
    assert "s3cret" not in m.facts["snmp_hosts"][0]["loc"].text


def test_logging_legacy_host_and_timestamps_uptime():
    m = PARSER.parse("logging 10.5.5.5\nservice timestamps log uptime\nlogging host ipv6 2001:db8::5\n", "l.cfg").management
    assert [h.address for h in m.log_hosts] == ["10.5.5.5", "2001:db8::5"]
    assert m.log_timestamps is False  # uptime is not a date


def test_ssh_service_from_ip_ssh_without_vty_ssh():
    m = PARSER.parse("ip ssh version 2\nline vty 0 4\n login local\n", "s.cfg").management
    (ssh,) = m.service("ssh")
    assert ssh.version == "2" and ssh.loc.line == 1
    assert m.lines[0].transport_input is None and m.service("telnet") == []


# --------------------------------------------------------------------------- warnings, truncation, errors


def test_parse_warnings_name_line_and_problem():
    d = parse("warnings.cfg")
    path = CASES / "warnings.cfg"
    got = {(w.loc.line, w.message) for w in d.parse_warnings}
    expected = {
        (line_of(path, "frobnicate the widgets"), "line not understood"),
        (line_of(path, "flux-capacitor enable"), "unknown interface command 'flux-capacitor'"),
        (line_of(path, "0.0.0.256"), "bad wildcard mask '0.0.0.256'"),
        (line_of(path, "eq snmp"), "unknown tcp port name 'snmp'"),
        (line_of(path, "30 permit ip any any eq 80"), "port operator 'eq' needs tcp, udp or sctp"),
        (line_of(path, "permit bogus"), "unknown protocol 'bogus'"),
        (line_of(path, "please"), "unexpected 'please' in access-list entry"),
        (line_of(path, "255.0.255.0"), "bad subnet mask '255.0.255.0' (not contiguous)"),
    }
    assert got == expected
    assert all(w.loc.file == str(path) for w in d.parse_warnings)
    # the good entry after the bad ones is kept, the banner body was not parsed
    assert [r.name for r in d.filters["BAD-ACES"].rules] == ["60"]
    assert [i.name for i in d.interfaces] == ["GigabitEthernet0/0/0"]
    assert "199" not in d.filters
    assert d.management.banners["exec"].startswith("interface GigabitEthernet0/0/9")


def test_truncated_file_keeps_what_it_has():
    d = parse("truncated.cfg")
    assert [r.name for r in d.filters["LAN-IN"].rules] == ["10", "20"]
    assert d.interfaces[0].filter_in == "LAN-IN"
    (w,) = d.parse_warnings
    assert w.loc.line == len((CASES / "truncated.cfg").read_text().splitlines())
    assert "ends early" in w.message


def test_unterminated_banner_swallows_the_rest_with_a_warning():
    d = PARSER.parse("hostname b\nbanner motd ^C\nHello\ninterface Gi0/1\n", "b.cfg")
    (w,) = d.parse_warnings
    assert w.loc.line == 2 and "not terminated" in w.message
    assert d.interfaces == [] and d.management.banners["motd"] == "Hello\ninterface Gi0/1"


def test_banner_with_etx_character_delimiter():
    d = PARSER.parse("banner login \x03\nWarning\n\x03\nhostname x\n", "b.cfg")
    assert d.management.banners["login"] == "Warning" and d.hostname == "x" and d.parse_warnings == []


@pytest.mark.parametrize("text", ["", "   \n\n", "set system host-name r1\nset interfaces ge-0/0/0\n",
                                  "<config version='10.1'><devices/></config>\n"])
def test_not_an_ios_config_raises_parse_error(text):
    with pytest.raises(ParseError):
        PARSER.parse(text, "not-ios.cfg")


def test_parse_text_forced_vendor_on_junos_gives_parse_error():
    with pytest.raises(ParseError):
        parse_text("system {\n host-name r1;\n}\n", "j.conf", vendor="cisco_ios")


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("*.cfg")) + ["../../core-sw.cfg"])
def test_never_crashes_on_any_prefix_of_a_fixture(name):
    text = (CASES / name).read_text()
    step = max(1, len(text) // 150)
    for cut in range(1, len(text), step):
        try:
            d = PARSER.parse(text[:cut], name)
        except ParseError:
            continue
        assert isinstance(d, Device)


def test_garbage_values_become_warnings_not_exceptions():
    text = (
        "interface Gi0/1\n switchport access vlan 5000\n switchport trunk allowed vlan 10-5\n"
        " ip address 10.0.0.1 255.0.255.0\n ipv6 address zz::1/64\n exec-timeout x\n"
        "line vty 0 4\n exec-timeout abc\n"
        "object-group network G\n 10.0.0.0\n range 10.0.0.9 10.0.0.1\n"
        "access-list 99999 permit any\naccess-list 10 permit 300.1.1.1\n"
        "ip route 10.0.0.0 255.255.255.0\nhostname ok\n"
    )
    d = PARSER.parse(text, "g.cfg")
    lines = sorted(w.loc.line for w in d.parse_warnings)
    assert lines == [2, 3, 4, 5, 6, 8, 10, 11, 12, 13, 14]
    assert d.hostname == "ok"


# --------------------------------------------------------------------------- structure vs ciscoconfparse2


def _our_structure(text: str) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}

    def walk(node, acc):
        for child in node.children:
            acc.add(child.number)
            walk(child, acc)

    for root in indented_tree(text):
        acc: set[int] = set()
        walk(root, acc)
        out[root.number] = acc
    return out


@pytest.mark.parametrize("path", [CORE_SW, CASES / "acl-references.cfg", CASES / "mgmt-hardened.cfg"])
def test_tree_matches_ciscoconfparse2(path):
    from ciscoconfparse2 import CiscoConfParse

    ccp = CiscoConfParse(str(path), syntax="ios")
    theirs: dict[int, set[int]] = {}
    banner_lines: set[int] = set()
    for obj in ccp.objs:
        if obj.parent is not obj or obj.is_comment or not obj.text.strip():
            continue
        children = {c.linenum + 1 for c in obj.all_children if not c.is_comment and c.text.strip()}
        if obj.text.startswith("banner "):
            # ciscoconfparse2 makes a banner's body its children; the generic tree leaves
            # them as lines and the IOS parser skips the body itself (tested elsewhere)
            banner_lines |= {obj.linenum + 1} | children
            continue
        theirs[obj.linenum + 1] = children
    ours = {k: v for k, v in _our_structure(path.read_text()).items() if k not in banner_lines}
    assert len(theirs) > 20
    assert ours == theirs


# --------------------------------------------------------------------------- the sample-network core switch


def test_core_sw_parses_cleanly_and_has_the_planted_problems():
    text = CORE_SW.read_text()
    d = PARSER.parse(text, str(CORE_SW))
    assert d.parse_warnings == []
    i = {x.name: x for x in d.interfaces}
    transit = i["GigabitEthernet1/0/48"]
    assert transit.switchport is False and str(transit.addresses[0]) == "10.0.0.2/30"
    assert [(v.id, v.name) for v in d.vlans] == [(10, "PROD"), (20, "UAT"), (30, "USERS"), (99, "MGMT"), (999, "PARKING")]
    assert (str(i["Vlan10"].addresses[0]), i["Vlan10"].filter_in, i["Vlan10"].filter_out) == ("10.10.0.1/16", None, "PROD_IN")
    assert (str(i["Vlan20"].addresses[0]), i["Vlan20"].filter_in, i["Vlan20"].filter_out) == ("10.20.0.1/16", None, None)
    assert (str(i["Vlan30"].addresses[0]), i["Vlan30"].filter_in) == ("10.30.0.1/16", "USERS_IN")
    assert str(i["Vlan99"].addresses[0]) == "10.99.0.1/24"
    (route,) = d.routes
    assert route.is_default and route.next_hop == "10.0.0.1"
    # PROD_IN (outbound on Vlan10): users tcp/443, the DMZ order gateway tcp/1521, the planted
    # UAT tcp/22, MGMT tcp/22, then deny
    prod = d.filters["PROD_IN"].rules
    assert [(r.action, r.src.items, r.services[0].dst_ports) for r in prod[:4]] == [
        (PERMIT, (net("10.30.0.0/16"),), ((443, 443),)), (PERMIT, (net("172.16.50.20/32"),), ((1521, 1521),)),
        (PERMIT, (net("10.20.0.0/16"),), ((22, 22),)), (PERMIT, (net("10.99.0.0/24"),), ((22, 22),))]
    assert prod[4].action == DENY and prod[4].src.any and prod[4].dst.any
    # planted: permit ip any any at the end of USERS_IN
    last = d.filters["USERS_IN"].rules[-1]
    assert last.action == PERMIT and last.src.any and last.dst.any and last.services == (ANY_SERVICE,)
    # planted switchport problems
    assert i["GigabitEthernet1/0/10"].mode == "dynamic-desirable"
    assert i["GigabitEthernet1/0/2"].mode == "trunk" and i["GigabitEthernet1/0/2"].trunk_allowed_vlans is None
    assert i["GigabitEthernet1/0/3"].native_vlan == 1
    unused = i["GigabitEthernet1/0/20"]
    assert unused.mode == "access" and not unused.shutdown and unused.description == ""
    # planted unused / undefined structures
    referenced = {(r.kind, r.name) for r in d.references}
    defined = {(o.kind, o.name) for o in d.objects}
    assert sorted(o.name for o in d.objects if (o.kind, o.name) not in referenced) == ["LEGACY_BACKUP_SERVERS", "OLD_VENDOR_ACL"]
    assert [(r.name, r.context) for r in d.references if (r.kind, r.name) not in defined] == [
        ("MGMT_VLAN_IN", "interface Vlan99 inbound")]
    # planted management problems, and the clean parts
    m = d.management
    assert m.service("http")[0].enabled
    assert [(c.secret.default_value, c.acl) for c in m.snmp_communities] == [("public", None)]
    lines = {ln.name: ln for ln in m.lines}
    assert lines["vty 0 4"].transport_input == ("telnet", "ssh") and lines["vty 0 4"].access_class_in is None
    assert lines["vty 5 15"].transport_input == ("ssh",) and lines["vty 5 15"].access_class_in == "VTY_ACCESS"
    assert [s.note for s in m.service("telnet")] == ["line vty 0 4"]
    assert {u.name: (u.privilege, u.secret.storage) for u in m.users} == {"admin": (15, "reversible")}
    assert m.enable_secret.storage == "plaintext"
    assert m.aaa.enabled is False and m.aaa.loc.line == line_of(CORE_SW, "no aaa new-model")
    assert m.log_timestamps is True and [h.address for h in m.log_hosts] == ["10.99.0.20"]
    assert m.ntp_servers == ["10.99.0.10"] and m.ssh_version == "2"
    assert m.banners["motd"].startswith("Example Securities Co., Ltd.")


def test_core_sw_planted_comments_are_present():
    text = CORE_SW.read_text()
    assert text.count("! PLANTED:") >= 14


def test_access_group_without_direction_is_outbound_and_crypto_key_means_ssh():
    d = PARSER.parse(
        "interface Gi0/1\n ip access-group 101 \n mac access-group MACL in\n"
        "access-list 101 permit ip any any\ncrypto key generate rsa modulus 1024\n", "x.cfg")
    assert d.interfaces[0].filter_out == "101" and d.interfaces[0].filter_in is None
    assert d.management.facts["rsa_modulus"] == 1024
    assert [s.loc.line for s in d.management.service("ssh")] == [5]
    assert d.parse_warnings == []


def test_remark_with_sequence_number_and_trailing_remark():
    f = PARSER.parse(
        "ip access-list extended R\n 5 remark first\n 10 permit ip any any\n 15 remark dangling\n", "r.cfg"
    ).filters["R"]
    assert f.rules[0].remark == "first" and f.remark == "dangling"


def test_object_group_entered_twice_gets_both_blocks():
    d = PARSER.parse(
        "object-group network G\n host 10.0.0.1\nobject-group network G\n host 10.0.0.2\n"
        "object-group service G\n tcp eq 22\n"
        "access-list 100 permit ip object-group G any\n", "g.cfg")
    assert set(d.filters["100"].rules[0].src.items) == {rng("10.0.0.1"), rng("10.0.0.2")}
    assert [o.members for o in d.objects if o.name == "G"] == [("host 10.0.0.1", "host 10.0.0.2")]
    (w,) = d.parse_warnings
    assert w.loc.line == 5 and "already defined as address-group" in w.message


def test_indented_line_under_a_leaf_command_is_kept_as_a_warning():
    d = PARSER.parse("hostname x\n interface Gi0/1\n  shutdown\naccess-list 5 permit any\n", "s.cfg")
    assert [(w.loc.line, w.message) for w in d.parse_warnings] == [
        (2, "unexpected indented line under 'hostname x'"), (3, "unexpected indented line under 'hostname x'")]
    assert d.hostname == "x" and "5" in d.filters


def test_acl_without_entries_permits_everything():
    d = PARSER.parse(
        "ip access-list extended EMPTY\n remark nothing yet\n"
        "ip access-list extended BROKEN\n 10 permit tcp any any eq nosuchport\n", "e.cfg")
    assert d.filters["EMPTY"].rules == [] and d.filters["EMPTY"].default_action == PERMIT
    assert d.filters["EMPTY"].remark == "nothing yet"
    # entries that could not be read do not make the ACL empty: keep the implicit deny
    assert d.filters["BROKEN"].rules == [] and d.filters["BROKEN"].default_action == DENY


def test_unreadable_acl_lines_keep_the_implicit_deny():
    d = PARSER.parse("ip access-list extended R\n evaluate MIRROR\nip access-list extended U\n frob any\n", "r.cfg")
    assert d.filters["R"].default_action == DENY and d.filters["U"].default_action == DENY
    assert [w.message for w in d.parse_warnings] == [
        "reflexive ACL 'evaluate MIRROR' is not modelled (entry skipped)", "unknown access-list entry 'frob'"]


def test_aaa_servers_archive_and_ssh_algorithms():
    """`tacacs server`, `aaa group server` and `archive` blocks: known settings are read,
    an unknown child is a parse warning at its line instead of being dropped."""
    d = PARSER.parse(
        "hostname r1\n"
        "tacacs server TAC1\n"
        " address ipv4 10.99.0.41\n"
        " key 7 0000000000000000\n"
        " timeout 5\n"
        " frobnicate yes\n"
        "aaa group server tacacs+ GRP\n"
        " server name TAC1\n"
        " server-private 10.99.0.43 key 0 PlainKey77\n"
        " ip vrf forwarding MGMT\n"
        " bogus-setting 1\n"
        "archive\n"
        " log config\n"
        "  logging enable\n"
        "  hidekeys\n"
        "  notify syslog\n"
        "  wobble\n"
        " path flash:backup\n"
        " weird 3\n"
        "ip ssh server algorithm encryption aes256-ctr 3des-cbc\n"
        "ip ssh server algorithm kex diffie-hellman-group1-sha1\n"
        "ip finger\n"
        "ip rcmd rsh-enable\n"
        "password encryption aes\n"
        "password bogus\n", "a.cfg")
    m = d.management
    assert [(s.address, s.key.storage) for s in m.aaa.servers] == [("10.99.0.41", "reversible"), ("10.99.0.43", "plaintext")]
    assert m.facts["aaa_groups"]["GRP"]["servers"] == ["TAC1", "10.99.0.43"]
    assert m.facts["archive_logging_enable"] is True and m.facts["archive_hidekeys"] is True
    assert m.facts["archive_path"] == "flash:"
    assert m.ssh_algorithms == {"cipher": ("aes256-ctr", "3des-cbc"), "kex": ("diffie-hellman-group1-sha1",)}
    assert [(s.protocol, s.enabled) for s in m.services if s.protocol in ("finger", "rsh")] == [
        ("finger", True), ("rsh", True)]
    assert sorted((w.loc.line, w.message) for w in d.parse_warnings) == [
        (6, "unknown tacacs+ server setting 'frobnicate'"),
        (11, "unknown aaa group server setting 'bogus-setting'"),
        (17, "unknown archive log config setting 'wobble'"),
        (19, "unknown archive setting 'weird'"),
        (25, "unknown command 'password bogus'"),
    ]
    assert "PlainKey77" not in repr(d)
