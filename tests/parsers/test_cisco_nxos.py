"""Tests of the Cisco NX-OS parser (parsers/cisco_nxos.py) on the fixtures in
fixtures/cases/cisco_nxos/."""

from __future__ import annotations

import dataclasses
import ipaddress
import random
import time
from pathlib import Path

import pytest

from netlint.filters import FilterSet
from netlint.model import (
    ANY_SERVICE, DENY, PERMIT, AddressRange, AddressWildcard, Device, Location, ParseError, wildcard,
)
from netlint.space import Packet
from parsers.cisco_nxos import PARSER
from parsers.common import find_suppressions
from parsers.detect import detect_vendor

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cases" / "cisco_nxos"


def parse(name: str) -> Device:
    path = CASES / name
    return PARSER.parse(path.read_text(), str(path))


def text_parse(text: str, file: str = "inline.cfg") -> Device:
    return PARSER.parse(text, file)


def rng(first: str, last: str | None = None) -> AddressRange:
    a = ipaddress.ip_address(first)
    b = ipaddress.ip_address(last or first)
    return AddressRange(a.version, int(a), int(b))


def net(text: str) -> AddressRange:
    return AddressRange.from_network(text)


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def rules(device: Device, acl: str) -> dict[str, object]:
    return {r.name: r for r in device.filters[acl].rules}


def refs(device: Device, kind: str, name: str) -> list[str]:
    return [r.context for r in device.references if r.kind == kind and r.name == name]


def iface(device: Device, name: str):
    found = device.interface(name)
    assert found is not None, name
    return found


def all_locations(obj, seen=None):
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


def verdict(device: Device, acl: str, src: str, dst: str, proto: int = 6, sport: int | None = 40000,
            dport: int | None = 443, **kw) -> tuple[str, str | None]:
    """(action, name of the first matching rule or None for the default)."""
    if proto not in (6, 17):
        sport = dport = None
    v = FilterSet(device).evaluate(acl, Packet(src=src, dst=dst, proto=proto, sport=sport, dport=dport, **kw))
    return v.action, (v.rule.name if v.rule is not None else None)


# --------------------------------------------------------------------------- plugin and detection


def test_plugin_interface():
    assert PARSER.vendor == "cisco_nxos"
    assert PARSER.detect((CASES / "l3-switch.cfg").read_text()) > 50
    assert PARSER.detect("set system host-name r1\nset interfaces ge-0/0/0 unit 0\n") == 0


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("*.cfg")))
def test_every_fixture_is_detected_as_nxos(name):
    assert detect_vendor((CASES / name).read_text()) == "cisco_nxos"


def test_entry_point_is_registered():
    from parsers import _entry_points, get_parser, parse_file

    assert "cisco_nxos" in _entry_points()
    assert get_parser("cisco_nxos") is PARSER
    device = parse_file(CASES / "l3-switch.cfg")
    assert device.vendor == "cisco_nxos"
    assert device.line_count == len((CASES / "l3-switch.cfg").read_text().splitlines())


# --------------------------------------------------------------------------- inventory


def test_inventory_from_header_and_version():
    d = parse("l3-switch.cfg")
    path = CASES / "l3-switch.cfg"
    assert d.vendor == "cisco_nxos"
    assert d.hostname == "dc1-leaf01"
    assert d.os_version == "9.3(8)"
    assert d.os_version_loc.line == line_of(path, "version 9.3(8)")
    assert d.facts["bios_version"] == "05.45"
    assert d.facts["header_command"] == "show running-config"
    assert d.facts["header_time"] == "Tue Mar  4 09:30:11 2025"
    assert d.facts["header_last_change"] == "Mon Mar  3 18:40:02 2025"
    assert d.facts["boot_images"] == ["nxos bootflash:/nxos.9.3.8.bin"]
    assert d.facts["platform_kind"] == "switch"
    assert d.facts["features"] == ["tacacs+", "interface-vlan", "lacp", "vpc", "lldp", "hsrp"]
    assert d.facts["vpc_domain"] == "10" and d.facts["spanning_tree_mode"] == "rapid-pvst"
    assert d.model is None  # NX-OS running-configs do not show the chassis
    assert d.management_visible is True


def test_switchname_and_old_version_format():
    d = parse("mgmt-weak.cfg")
    assert d.hostname == "br-agg01"
    assert d.os_version == "7.0(3)I7(9)" and d.facts["bios_version"] == "07.69"


def test_snippet_holds_one_acl_and_no_management_plane():
    d = parse("snippet-acl.cfg")
    assert d.hostname == "snippet-acl" and d.facts["hostname_from_file_name"] is True
    assert list(d.filters) == ["MGMT-ONLY"]
    assert d.parse_warnings == []
    assert d.management_visible is False and d.facts["snippet"] is True
    assert d.management.services == [] and d.management.lines == []
    r = d.filters["MGMT-ONLY"].rules
    assert [x.name for x in r] == ["20", "30", "40"]
    assert r[0].remark == "management stations of Example Securities"
    assert r[1].services[0].dst_ports == ((161, 161),)


# --------------------------------------------------------------------------- ACL forms


def test_acl_filter_attributes():
    d = parse("acls.cfg")
    path = CASES / "acls.cfg"
    f = d.filters["ACL-FORMS"]
    assert f.kind == "acl" and f.family == 4
    assert f.default_action == DENY and "implicit deny" in f.default_note and "NX-OS" in f.default_note
    assert f.extra["statistics_per_entry"] is True
    assert f.loc.line == line_of(path, "ip access-list ACL-FORMS")
    assert f.loc.end_line == line_of(path, "140 deny ip any any log")
    assert [r.name for r in f.rules] == [str(n) for n in (10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140)]
    assert all(r.family == 4 for r in f.rules)
    assert f.rules[0].loc.line == line_of(path, "10 permit tcp 10.10.0.0/16 addrgroup")


def test_acl_addresses_groups_and_ports():
    d = parse("acls.cfg")
    r = rules(d, "ACL-FORMS")
    r10 = r["10"]
    assert r10.remark == "CHG-2025-031 trading front-end to the order gateway"
    assert r10.action == PERMIT and r10.vendor_action == "permit"
    assert r10.src.items == (net("10.10.0.0/16"),)
    assert r10.dst.names == ("OG-TRADING-SERVERS",)
    assert r10.dst.items == (rng("10.10.20.11"), rng("10.10.20.12"), net("10.10.21.0/24"))
    assert r10.service_names == ("PG-WEB",)
    (svc,) = r10.services
    assert svc.protocol == 6 and svc.dst_ports == ((80, 80), (443, 443), (8080, 8090)) and svc.src_ports == ()
    r20 = r["20"]
    # group entries in sequence order (20 was written before 10)
    assert r20.src.items == (net("10.20.0.0/16"), rng("10.20.5.1"))
    assert r20.dst.items == (rng("10.10.20.11"),) and r20.log is True
    assert r20.services[0].dst_ports == ((443, 443),)
    r30 = r["30"]
    assert r30.src.items == (net("10.10.0.0/16"),)  # contiguous wildcard -> a range
    assert r30.dst.any and r30.services[0].protocol == 17 and r30.services[0].dst_ports == ((53, 53),)
    assert r["40"].established is True and r["40"].dst.items == (net("10.10.30.0/24"),)
    r50 = r["50"]
    assert r50.action == DENY and r50.log and r50.services[0].dst_ports == ((23, 23),)
    assert (r["60"].services[0].protocol, r["60"].services[0].icmp_type, r["60"].services[0].icmp_code) == (1, 0, None)
    assert (r["70"].services[0].icmp_type, r["70"].services[0].icmp_code) == (3, 4)
    r80 = r["80"]
    assert r80.remark == "any .1 gateway of a UAT /24"
    (item,) = r80.src.items
    assert isinstance(item, AddressWildcard) and item == wildcard("10.20.0.1", "0.0.255.0")
    assert r["90"].extra["fragments"] is True and r["90"].approximations
    assert r["100"].src.items == (rng("10.99.0.21"),)
    assert r["100"].services[0].dst_ports == ((0, 22), (24, 65535))  # neq 23
    s110 = r["110"].services[0]
    assert s110.src_ports == ((1024, 65535),) and s110.dst_ports == ((0, 1023),)
    assert r["120"].extra["dscp"] == "ef" and r["120"].approximations
    s130 = r["130"].services[0]
    assert s130.src_ports == ((1024, 65535),) and s130.dst_ports == ((179, 179),)
    assert r["130"].service_names == ("PG-HIGH",)
    r140 = r["140"]
    assert r140.action == DENY and r140.src.any and r140.dst.any and r140.services == (ANY_SERVICE,) and r140.log
    for name in ("10", "20", "30", "40", "50", "80", "100", "110", "130", "140"):
        assert r[name].approximations == (), name


def test_sequence_numbers_decide_the_order_and_unnumbered_entries_go_last():
    d = parse("acls.cfg")
    f = d.filters["ACL-REORDERED"]
    assert [r.name for r in f.rules] == ["10", "20", "30", "40"]
    assert [r.action for r in f.rules] == [PERMIT, PERMIT, DENY, PERMIT]
    assert f.rules[3].extra["implicit_sequence"] == 40
    assert "implicit_sequence" not in f.rules[0].extra
    assert "ACL-REORDERED" in d.facts["acls_reordered_by_sequence"]
    assert "ACL-FORMS" not in d.facts["acls_reordered_by_sequence"]
    assert f.rules[0].services[0].dst_ports == ((22, 22),)
    assert f.rules[1].services[0].dst_ports == ((123, 123),)  # ntp
    assert f.rules[2].services[0].dst_ports == ((161, 161),)  # snmp
    assert f.rules[3].services[0].dst_ports == ((80, 80),)  # www


def test_ipv6_acl_and_ipv6_address_group():
    d = parse("acls.cfg")
    f = d.filters["ACL6-PROD-IN"]
    assert f.family == 6 and f.kind == "acl" and "neighbour discovery" in f.default_note
    r = rules(d, "ACL6-PROD-IN")
    assert r["10"].src.items == (net("2001:db8:20::/48"),)
    assert r["10"].dst.items == (net("2001:db8:10::/48"), rng("2001:db8:99::10"))
    assert r["20"].services[0].protocol == 58 and r["20"].services[0].icmp_type == 136  # nd-na
    assert r["30"].services[0].icmp_type == 128
    assert r["40"].action == DENY and r["40"].family == 6


def test_empty_acl_permits_everything_as_nxos_does():
    d = parse("acls.cfg")
    f = d.filters["ACL-EMPTY-PLACEHOLDER"]
    assert f.rules == [] and f.extra["no_entries"] is True
    assert f.default_action == PERMIT and "permits all" in f.default_note
    assert verdict(d, "ACL-EMPTY-PLACEHOLDER", "1.2.3.4", "10.10.0.5") == (PERMIT, None)


def test_unreadable_entry_keeps_the_implicit_deny():
    d = text_parse("ip access-list X\n  10 permit tcp any any eq 22 bogus-option\n")
    f = d.filters["X"]
    assert f.rules == [] and f.default_action == DENY
    (w,) = d.parse_warnings
    assert w.loc.line == 2 and "bogus-option" in w.message


@pytest.mark.parametrize("entry,expected", [
    ("permit tcp any any eq bgp", ((179, 179),)),
    ("permit tcp any any eq drip", ((3949, 3949),)),
    ("permit tcp any any eq ftp-data", ((20, 20),)),
    ("permit udp any any eq bootps", ((67, 67),)),
    ("permit udp any any eq syslog", ((514, 514),)),
    ("permit udp any any eq snmptrap", ((162, 162),)),
    ("permit udp any any eq non500-isakmp", ((4500, 4500),)),
    ("permit tcp any any range 2000 1000", ((1000, 2000),)),  # NX-OS swaps a reversed range
    ("permit tcp any any lt 1", ((0, 0),)),
    ("permit tcp any any gt 65534", ((65535, 65535),)),
])
def test_named_ports_and_operators(entry, expected):
    d = text_parse(f"ip access-list P\n  10 {entry}\n")
    assert d.filters["P"].rules[0].services[0].dst_ports == expected
    assert d.parse_warnings == []


@pytest.mark.parametrize("entry,message", [
    ("permit tcp any any eq https", "unknown tcp port name 'https'"),  # not an NX-OS port name
    ("permit udp any any eq www", "unknown udp port name 'www'"),
    ("permit ip any any eq 80", "port operator 'eq' needs tcp, udp or sctp"),
    ("permit udp any any established", "'established' is only valid with tcp"),
    ("permit tcp 10.0.0.1 any", "mask missing after '10.0.0.1' (use A/P, 'A WILDCARD' or 'host A')"),
    ("permit bogus any any", "unknown protocol 'bogus'"),
    ("permit tcp any portgroup NOPE any", "port group 'NOPE' is not defined (entry skipped)"),
])
def test_bad_entries_name_the_problem(entry, message):
    d = text_parse(f"ip access-list P\n  10 {entry}\n")
    (w,) = d.parse_warnings
    assert w.message == message and w.loc.line == 2


def test_port_match_nothing_and_options():
    d = text_parse(
        "ip access-list P\n"
        "  10 permit tcp any any lt 0\n"
        "  20 permit tcp any any eq 443 ack syn\n"
        "  30 permit ip any any ttl 5 packet-length gt 1400 precedence critical\n"
        "  40 permit tcp any any http-method get\n"
        "  50 permit udp any any nve vni 5000\n"
        "  60 permit igmp any any host-report\n"
        "  70 permit tcp any any time-range WORK-HOURS\n"
    )
    r = rules(d, "P")
    assert r["10"].services == ()  # matches no packet
    assert r["20"].extra["tcp_flags"] == ["ack", "syn"] and r["20"].approximations
    assert r["30"].extra["ttl"] == "5" and r["30"].extra["packet_length"] == "gt 1400"
    assert r["30"].extra["precedence"] == "critical"
    assert r["40"].extra["http_method"] == "get"
    assert r["50"].extra["nve_vni"] == "5000"
    assert r["60"].extra["igmp_type"] == "host-report"
    assert r["70"].time_range == "WORK-HOURS"
    assert refs(d, "time-range", "WORK-HOURS") == ["acl P"]
    assert d.parse_warnings == []


def test_acl_fragments_line_and_remark_at_the_end():
    d = text_parse("ip access-list F\n  fragments deny-all\n  10 permit ip any any\n  20 remark trailing note\n")
    f = d.filters["F"]
    assert f.extra["fragments"] == "deny-all"
    assert f.remark == "trailing note" and f.rules[0].remark == ""


def test_duplicate_sequence_number_is_reported():
    d = text_parse("ip access-list D\n  10 permit ip any any\n  10 deny ip any any\n")
    (w,) = d.parse_warnings
    assert w.loc.line == 3 and "duplicate sequence number 10" in w.message


# --------------------------------------------------------------------------- object-groups and references


def test_object_group_definitions_and_unused_objects():
    d = parse("acls.cfg")
    kinds = {o.name: o.kind for o in d.objects}
    assert kinds["OG-TRADING-SERVERS"] == "address-group"
    assert kinds["OG6-PROD"] == "address-group"
    assert kinds["PG-WEB"] == "service-group"
    og = next(o for o in d.objects if o.name == "OG-TRADING-SERVERS")
    assert og.members == ("10 host 10.10.20.11", "20 host 10.10.20.12", "30 10.10.21.0/24")
    assert og.loc.line == line_of(CASES / "acls.cfg", "object-group ip address OG-TRADING-SERVERS")
    referenced = {(r.kind, r.name) for r in d.references}
    unused = sorted(o.name for o in d.objects if (o.kind, o.name) not in referenced)
    assert unused == ["ACL-EMPTY-PLACEHOLDER", "ACL-UNUSED-OLD", "OG-LEGACY-UNUSED"]


def test_every_acl_use_is_a_reference():
    d = parse("acls.cfg")
    path = CASES / "acls.cfg"
    assert refs(d, "acl", "ACL-FORMS") == ["interface Vlan10 inbound"]
    assert refs(d, "acl", "ACL6-PROD-IN") == ["interface Vlan10 inbound (IPv6)"]
    assert refs(d, "acl", "ACL-REORDERED") == ["interface Ethernet1/5 inbound port ACL"]
    assert refs(d, "acl", "ACL-VTY") == ["line vty access-class in"]
    assert refs(d, "acl", "ACL-MARKET-DATA") == ["class-map CM-MARKET-DATA"]
    assert refs(d, "acl", "ACL-PBR-SOURCES") == ["route-map RM-UAT-PBR permit 10"]
    assert refs(d, "acl", "ACL-SPAN-FILTER") == ["mentioned"]
    (mention,) = [r for r in d.references if r.context == "mentioned"]
    assert mention.loc.line == line_of(path, "filter access-group ACL-SPAN-FILTER")
    assert refs(d, "address-group", "OG-UAT-HOSTS") == ["acl ACL-FORMS"]
    assert refs(d, "service-group", "PG-WEB") == ["acl ACL-FORMS"]
    assert refs(d, "acl", "ACL-UNUSED-OLD") == []
    assert d.parse_warnings == []


def test_undefined_address_group_is_unresolved():
    d = text_parse("ip access-list U\n  10 permit ip addrgroup MISSING any\n")
    r = d.filters["U"].rules[0]
    assert r.src.names == ("MISSING",) and r.src.unresolved == ("MISSING",) and r.src.items == ()
    assert refs(d, "address-group", "MISSING") == ["acl U"]


def test_references_from_snmp_ntp_vlan_access_map_and_igmp():
    d = text_parse(
        "hostname r\n"
        "ip access-list A1\n  10 permit ip any any\n"
        "ip access-list A2\n  10 permit ip any any\n"
        "ip access-list A3\n  10 permit ip any any\n"
        "ip access-list A4\n  10 permit ip any any\n"
        "ip access-list A5\n  10 permit ip any any\n"
        "snmp-server community c1 use-ipv4acl A1\n"
        "ntp access-group serve-only A2\n"
        "vlan access-map VM 10\n  match ip address A3\n  action forward\n"
        "vlan filter VM vlan-list 10,20\n"
        "interface Vlan10\n  ip igmp access-group A4\n"
        "snmp-server user u1 use-ipv4acl A5\n"
    )
    assert refs(d, "acl", "A1") == ["snmp-server community use-ipv4acl"]
    assert refs(d, "acl", "A2") == ["ntp access-group serve-only"]
    assert refs(d, "acl", "A3") == ["vlan access-map VM"]
    assert refs(d, "acl", "A4") == ["interface Vlan10 ip igmp access-group"]
    assert refs(d, "acl", "A5") == ["snmp-server user u1 use-ipv4acl"]
    assert d.facts["vlan_filters"] == {"VM": "10,20"}
    assert d.parse_warnings == []


def test_mentions_ignore_remarks_descriptions_and_comments():
    d = text_parse(
        "hostname r\n"
        "! ACL-X is obsolete\n"
        "ip access-list ACL-X\n  10 permit ip any any\n"
        "ip access-list ACL-Y\n  10 remark see ACL-X\n  20 permit ip any any\n"
        "interface Ethernet1/1\n  description was ACL-X\n"
    )
    assert refs(d, "acl", "ACL-X") == []


# --------------------------------------------------------------------------- query agreement


def test_queries_on_the_prod_acl():
    d = parse("acls.cfg")
    acl = "ACL-FORMS"
    assert verdict(d, acl, "10.10.5.5", "10.10.20.11") == (PERMIT, "10")
    assert verdict(d, acl, "10.10.5.5", "10.10.21.7", dport=8085) == (PERMIT, "10")
    assert verdict(d, acl, "10.20.3.3", "10.10.20.11") == (PERMIT, "20")
    assert verdict(d, acl, "10.10.5.5", "8.8.8.8", proto=17, sport=40000, dport=53) == (PERMIT, "30")
    assert verdict(d, acl, "1.2.3.4", "10.10.30.9", dport=5000, established=True) == (PERMIT, "40")
    assert verdict(d, acl, "1.2.3.4", "10.10.5.5", dport=23) == (DENY, "50")
    assert verdict(d, acl, "1.2.3.4", "10.10.5.5", proto=1, icmp_type=0) == (PERMIT, "60")
    assert verdict(d, acl, "10.20.7.1", "8.8.8.8", dport=80) == (PERMIT, "80")
    assert verdict(d, acl, "10.20.7.2", "10.10.5.5", dport=80) == (DENY, "90")
    assert verdict(d, acl, "10.99.0.21", "8.8.8.8", dport=8443) == (PERMIT, "100")
    assert verdict(d, acl, "10.99.0.21", "8.8.8.8", dport=23) == (DENY, "50")
    assert verdict(d, acl, "192.0.2.1", "198.51.100.1", proto=47) == (DENY, "140")
    assert verdict(d, acl, "192.0.2.1", "198.51.100.1", proto=17, sport=5353, dport=123) == (PERMIT, "110")
    assert verdict(d, acl, "192.0.2.1", "198.51.100.1", dport=179, sport=2000) == (PERMIT, "130")
    assert verdict(d, acl, "192.0.2.1", "198.51.100.1", dport=179, sport=179) == (DENY, "140")


def test_queries_reach_the_implicit_deny():
    d = parse("acls.cfg")
    acl = "ACL-REORDERED"
    assert verdict(d, acl, "10.10.1.1", "10.20.1.1", dport=22) == (PERMIT, "10")
    assert verdict(d, acl, "10.30.1.1", "10.20.1.1", proto=17, sport=123, dport=123) == (PERMIT, "20")
    assert verdict(d, acl, "10.30.1.1", "10.20.1.1", proto=17, sport=5000, dport=161) == (DENY, "30")
    assert verdict(d, acl, "10.99.0.5", "10.20.1.1", dport=80) == (PERMIT, "40")
    assert verdict(d, acl, "10.99.0.6", "10.20.1.1", dport=80) == (DENY, None)  # implicit deny
    six = "ACL6-PROD-IN"
    assert verdict(d, six, "2001:db8:20::5", "2001:db8:99::10", dport=22) == (PERMIT, "10")
    assert verdict(d, six, "2001:db8:20::5", "2001:db8:99::11", dport=22) == (DENY, "40")


def test_queries_on_the_snippet():
    d = parse("snippet-acl.cfg")
    assert verdict(d, "MGMT-ONLY", "10.99.0.7", "10.10.0.1", dport=22) == (PERMIT, "20")
    assert verdict(d, "MGMT-ONLY", "10.98.0.7", "10.10.0.1", dport=22) == (DENY, "40")


# --------------------------------------------------------------------------- interfaces, VLANs, routes


def test_svis_addresses_and_bindings():
    d = parse("l3-switch.cfg")
    v10 = iface(d, "Vlan10")
    assert v10.is_svi and v10.vlan_id == 10 and v10.description == "PROD gateway"
    assert [str(a) for a in v10.addresses] == ["10.10.0.2/16", "10.10.255.2/24"]
    assert [a.secondary for a in v10.addresses] == [False, True]
    assert v10.filter_in == "ACL-PROD-IN" and v10.filter_out is None
    assert v10.shutdown is False and "shutdown_default" not in v10.extra
    assert v10.extra["ip_redirects"] is False and v10.extra["hsrp"] == [10]
    v20 = iface(d, "Vlan20")
    assert [str(a) for a in v20.addresses] == ["10.20.0.2/16"]  # 'A M' form
    assert v20.filter_in == "ACL-UAT-IN"
    v99 = iface(d, "Vlan99")
    assert v99.shutdown is False and v99.extra["shutdown_default"] is True  # NX-OS SVIs are shut by default
    assert iface(d, "Vlan1").shutdown is True
    mgmt0 = iface(d, "mgmt0")
    assert mgmt0.vrf == "management" and mgmt0.filter_in == "ACL-MGMT0" and mgmt0.switchport is False
    assert mgmt0.extra["shutdown_default"] is False


def test_access_ports_and_defaults():
    d = parse("l3-switch.cfg")
    e1 = iface(d, "Ethernet1/1")
    assert (e1.switchport, e1.mode, e1.access_vlan) == (True, "access", 10)
    assert e1.extra["mode_default"] is True and "switchport_default" not in e1.extra
    e2 = iface(d, "Ethernet1/2")
    assert (e2.mode, e2.access_vlan) == ("access", 20) and "mode_default" not in e2.extra
    e3 = iface(d, "Ethernet1/3")
    assert e3.shutdown is True and e3.access_vlan == 999
    e4 = iface(d, "Ethernet1/4")  # nothing configured: an L2 access port in VLAN 1
    assert (e4.switchport, e4.mode, e4.access_vlan) == (True, "access", 1)
    assert e4.extra["switchport_default"] and e4.extra["access_vlan_default"]
    assert e4.shutdown is False and e4.extra["shutdown_default"] is False


def test_trunks_and_allowed_vlan_lists():
    d = parse("l3-switch.cfg")
    pc = iface(d, "port-channel10")
    assert (pc.switchport, pc.mode, pc.native_vlan) == (True, "trunk", 999)
    assert pc.trunk_allowed_vlans == (10, 20, 30, 99)  # 10,20,99 + add 30
    assert pc.access_vlan is None
    e48 = iface(d, "Ethernet1/48")
    assert e48.trunk_allowed_vlans == tuple(range(10, 4095))  # 1-4094 then remove 1-9
    assert e48.native_vlan == 1 and e48.extra["native_vlan_default"] is True
    e49 = iface(d, "Ethernet1/49")
    assert e49.trunk_allowed_vlans == () and e49.extra["channel_group"] == "10"


@pytest.mark.parametrize("lines,expected", [
    (["switchport mode trunk"], None),
    (["switchport mode trunk", "switchport trunk allowed vlan except 1-4"], tuple(range(5, 4095))),
    (["switchport mode trunk", "switchport trunk allowed vlan add 7"], None),  # add to 'all' stays all
    (["switchport mode trunk", "switchport trunk allowed vlan 5", "switchport trunk allowed vlan all"], None),
    (["switchport mode trunk", "switchport trunk allowed vlan remove 2-4094"], (1,)),
])
def test_trunk_allowed_list_operations(lines, expected):
    body = "".join(f"  {x}\n" for x in lines)
    d = text_parse(f"hostname t\ninterface Ethernet1/9\n{body}")
    assert iface(d, "Ethernet1/9").trunk_allowed_vlans == expected


def test_routed_ports_vrf_and_subinterfaces():
    d = parse("l3-switch.cfg")
    e53 = iface(d, "Ethernet1/53")
    assert (e53.switchport, e53.mode) == (False, "routed")
    assert [str(a) for a in e53.addresses] == ["10.255.0.6/30"]
    e54 = iface(d, "Ethernet1/54")
    assert e54.vrf == "TRADING"
    sub = iface(d, "Ethernet1/54.200")
    assert sub.vlan_id == 200 and sub.switchport is False and sub.extra["shutdown_default"] is True
    assert not sub.is_svi
    lo = iface(d, "loopback0")
    assert [str(a) for a in lo.addresses] == ["10.255.255.11/32"] and lo.extra["shutdown_default"] is False


def test_system_default_switchport_settings():
    d = text_parse("hostname s\nno system default switchport\ninterface Ethernet1/1\ninterface Ethernet1/2\n"
                   "  switchport\n")
    e1, e2 = iface(d, "Ethernet1/1"), iface(d, "Ethernet1/2")
    assert (e1.switchport, e1.mode) == (False, "routed") and e1.extra["shutdown_default"] is True
    assert e2.switchport is True and e2.extra["shutdown_default"] is False
    assert d.facts["system_default_switchport"] is False
    d2 = text_parse("hostname s\nsystem default switchport shutdown\ninterface Ethernet1/1\n")
    assert iface(d2, "Ethernet1/1").extra["shutdown_default"] is True


def test_vlans_with_names_lists_and_ranges():
    d = parse("l3-switch.cfg")
    vlans = {v.id: v.name for v in d.vlans}
    assert vlans == {1: "", 10: "PROD", 20: "UAT", 99: "MGMT-SERVERS", 999: "PARKING", 30: "", 31: "", 32: ""}
    v10 = next(v for v in d.vlans if v.id == 10)
    assert v10.loc.line == line_of(CASES / "l3-switch.cfg", "vlan 10")


def test_static_routes_and_vrf_context():
    d = parse("l3-switch.cfg")
    routes = [(str(r.destination), r.next_hop, r.interface, r.distance, r.vrf) for r in d.routes]
    assert routes == [
        ("0.0.0.0/0", "192.168.100.1", None, None, "management"),
        ("10.30.0.0/16", "10.255.0.9", None, 5, "TRADING"),
        ("0.0.0.0/0", "10.255.0.1", None, None, None),
        ("10.40.0.0/16", "10.255.0.5", "Ethernet1/53", 250, None),
        ("192.0.2.0/24", None, "Null0", None, None),
    ]
    assert d.routes[0].is_default
    assert d.facts["vrfs"] == ["management", "TRADING"]


# --------------------------------------------------------------------------- management plane


def test_l3_switch_management_plane():
    d = parse("l3-switch.cfg")
    m = d.management
    (ssh,) = m.service("ssh")
    assert ssh.enabled and ssh.explicit is False and ssh.acl == "ACL-VTY" and ssh.port == 22
    assert m.service("telnet") == [] and m.service("http") == [] and m.service("https") == []
    users = {u.name: u for u in m.users}
    admin = users["admin"]
    assert (admin.privilege, admin.role, admin.secret.storage) == (15, "network-admin", "sha256")
    assert users["monitor"].privilege == 1 and users["monitor"].secret.storage == "md5"
    (comm,) = m.snmp_communities
    assert comm.acl == "ACL-SNMP" and comm.access == "ro" and comm.secret.default_value is None
    assert m.facts["snmp_community_groups"] == ["network-operator"]
    (user,) = m.snmp_users
    assert (user.name, user.auth, user.priv) == ("admin", "sha", "aes128")
    (snmp,) = m.service("snmp")
    assert snmp.acl == "ACL-SNMP" and snmp.version == "2c"
    aaa = m.aaa
    assert aaa.enabled and aaa.login_methods == ["group TACACS-GRP", "local"]
    assert aaa.authorization_commands and aaa.accounting_commands
    assert [(s.protocol, s.address, s.key.storage) for s in aaa.servers] == [
        ("tacacs+", "10.99.0.31", "reversible"), ("tacacs+", "10.99.0.32", "reversible")]
    assert m.facts["aaa_groups"]["TACACS-GRP"]["servers"] == ["10.99.0.31", "10.99.0.32"]
    assert m.facts["aaa_groups"]["TACACS-GRP"]["vrf"] == "management"
    assert [h.address for h in m.log_hosts] == ["10.99.0.60"]
    assert m.facts["logging_server_vrfs"] == {"10.99.0.60": "management"}
    assert m.log_timestamps is True and m.facts["log_timestamps_format"] == "milliseconds"
    assert m.log_timestamps_loc.line == line_of(CASES / "l3-switch.cfg", "logging timestamp milliseconds")
    assert m.ntp_servers == ["10.99.0.51", "10.99.0.52"] and m.ntp_authenticated is False
    assert m.facts["password_strength_check"] is False
    assert m.facts["rsa_modulus"] == 2048 and m.facts["copp_profile"] == "strict"
    assert refs(d, "acl", "ACL-COPP-MGMT") == ["class-map copp-sec-mgmt"]
    vty = next(x for x in m.lines if x.name == "vty")
    assert vty.exec_timeout == 600 and vty.access_class_in == "ACL-VTY"
    assert vty.login == "authentication default"
    assert d.parse_warnings == []


def test_weak_management_plane():
    d = parse("mgmt-weak.cfg")
    path = CASES / "mgmt-weak.cfg"
    m = d.management
    (telnet,) = m.service("telnet")
    assert telnet.enabled and telnet.explicit and telnet.acl is None
    assert telnet.loc.line == line_of(path, "feature telnet")
    (http,) = m.service("http")
    assert http.enabled and http.port == 80 and http.loc.line == line_of(path, "nxapi http port 80")
    (https,) = m.service("https")
    assert https.port == 443 and https.explicit is False  # NX-API default
    (ssh,) = m.service("ssh")
    assert ssh.enabled and ssh.explicit is False and ssh.acl is None
    public, private = m.snmp_communities
    assert public.secret.default_value == "public" and public.access == "ro" and public.acl is None
    assert private.secret.default_value == "private" and private.access == "rw"  # group network-admin
    assert public.loc.text == "snmp-server community public group network-operator"
    admin = next(u for u in m.users if u.name == "admin")
    assert admin.secret.storage == "plaintext" and admin.secret.length == 10 and admin.secret.default_value is None
    assert admin.privilege == 15
    helpdesk = next(u for u in m.users if u.name == "helpdesk")
    assert helpdesk.secret.storage == "reversible" and helpdesk.privilege == 1
    assert m.aaa.enabled is False and m.aaa.servers == [] and not m.aaa.accounting_commands
    assert m.log_hosts == [] and m.ntp_servers == []
    assert m.log_timestamps is True and m.facts["log_timestamps_format"] == "seconds"  # platform default
    vty = next(x for x in m.lines if x.name == "vty")
    assert vty.access_class_in is None and vty.exec_timeout == 0
    assert m.facts["password_strength_check"] is False
    assert m.facts["password_strength_check_loc"].line == line_of(path, "no password strength-check")
    assert m.password_complexity is False
    assert m.password_complexity_loc.line == line_of(path, "no password strength-check")
    assert [(u.name, u.auth, u.priv) for u in m.snmp_users] == [("nms-legacy", "md5", None)]
    assert m.facts["nxapi"]["http"] == {"enabled": True, "port": 80}
    assert d.parse_warnings == []


def test_hardened_management_plane():
    d = parse("mgmt-hardened.cfg")
    path = CASES / "mgmt-hardened.cfg"
    m = d.management
    (ssh,) = m.service("ssh")
    assert ssh.enabled and ssh.explicit and ssh.acl == "ACL-VTY"
    assert ssh.loc.line == line_of(path, "feature ssh")
    (telnet,) = m.service("telnet")
    assert telnet.enabled is False and telnet.explicit
    assert m.service("http") == [] and m.service("https") == []
    assert m.snmp_communities == []
    (user,) = m.snmp_users
    assert (user.auth, user.priv) == ("sha", "aes128")
    (snmp,) = m.service("snmp")
    assert snmp.version == "3" and snmp.acl == "ACL-SNMP"
    assert m.facts["snmp_global_enforce_priv"] is True
    users = {u.name: u for u in m.users}
    assert {n: u.privilege for n, u in users.items()} == {"a.chen": 15, "b.lin": 15, "audit": 1, "svc-backup": 1}
    assert all(u.secret.storage == "sha256" for n, u in users.items() if n != "svc-backup")
    assert users["svc-backup"].secret.storage == "unknown" and users["svc-backup"].key_auth is True
    assert m.facts["locked_users"] == ["svc-backup"]
    aaa = m.aaa
    assert aaa.enabled and aaa.login_methods == ["group TACACS-GRP"]
    assert m.facts["aaa_authentication"]["console"] == ["local"]
    assert aaa.authorization_commands and aaa.accounting_commands
    assert aaa.accounting_loc.line == line_of(path, "aaa accounting default group TACACS-GRP")
    # type 6: AES under the switch's own key (feature password encryption aes)
    assert [s.key.storage for s in aaa.servers] == ["encrypted", "encrypted"]  # global key fills the first
    assert m.ntp_authenticated is True and m.facts["ntp_server_keys"] == {"10.99.0.51": "1", "10.99.0.52": "1"}
    assert m.facts["ntp_trusted_keys"] == ["1"]
    assert [(h.address, h.transport, h.port) for h in m.log_hosts] == [
        ("10.99.0.60", "udp", None), ("10.99.0.61", "tls", 6514)]
    assert m.banners["motd"].splitlines()[1] == "* Example Securities Co., Ltd. - authorised personnel only. *"
    banner_loc = m.facts["banner_locs"]["motd"]
    start = line_of(path, "banner motd #")
    assert (banner_loc.line, banner_loc.end_line) == (start, start + 5)
    vty = next(x for x in m.lines if x.name == "vty")
    assert vty.access_class_in == "ACL-VTY" and vty.access_class_in6 == "ACL6-VTY"
    assert vty.exec_timeout == 300 and vty.extra["session_limit"] == 3
    console = next(x for x in m.lines if x.name == "console")
    assert console.exec_timeout == 300
    assert m.facts["password_strength_check"] is True and m.facts["password_secure_mode"] is True
    assert m.facts["password_min_length"] == 15
    assert m.facts["rsa_modulus"] == 4096 and m.facts["ssh_login_attempts"] == 3
    assert m.facts["ssh_ciphers"] == ["aes256-ctr", "aes192-ctr"]
    assert m.facts["features_disabled"] == ["telnet"] and "ssh" in m.facts["features"]
    assert refs(d, "acl", "ACL-NTP") == ["ntp access-group peer"]
    assert refs(d, "acl", "ACL6-VTY") == ["line vty ipv6 access-class in"]
    assert d.parse_warnings == []


@pytest.mark.parametrize("text,ssh,telnet", [
    ("hostname a\n", True, None),
    ("hostname a\nno feature ssh\n", False, None),
    ("hostname a\nfeature telnet\n", True, True),
    ("hostname a\nfeature telnet\nno feature telnet\n", True, False),
    ("hostname a\nno ssh server enable\ntelnet server enable\n", False, True),  # NX-OS 4.x syntax
])
def test_ssh_on_and_telnet_off_by_default(text, ssh, telnet):
    m = text_parse(text).management
    assert [s.enabled for s in m.service("ssh")] == [ssh]
    assert [s.enabled for s in m.service("telnet")] == ([] if telnet is None else [telnet])


def test_nxapi_services():
    m = text_parse("hostname a\nfeature nxapi\nnxapi https port 8443\nno nxapi http\n").management
    (https,) = m.service("https")
    assert https.port == 8443 and https.explicit
    assert m.service("http") == []
    m2 = text_parse("hostname a\nnxapi http port 80\n").management  # no 'feature nxapi': not running
    assert m2.service("http") == []


def test_password_strength_check_defaults_to_on():
    m = text_parse("hostname a\n").management
    assert m.facts["password_strength_check"] is True
    assert m.password_complexity is None  # the config does not say
    assert m.log_timestamps is True
    assert text_parse("hostname a\npassword strength-check\n").management.password_complexity is True


def test_ssh_algorithms():
    m = text_parse("hostname a\nssh ciphers aes256-ctr 3des-cbc\nssh macs hmac-sha2-256 hmac-md5\n"
                   "ssh kexalgos all\n").management
    # 'all' names no algorithm: what the release offers is not in the config
    assert m.ssh_algorithms == {"cipher": ("aes256-ctr", "3des-cbc"), "mac": ("hmac-sha2-256", "hmac-md5")}
    assert m.ssh_algorithms_loc["mac"].line == 3


@pytest.mark.parametrize("line,storage,privilege", [
    ("username u password 5 $1$abcd$0123456789abcdefghijkl role network-admin", "md5", 15),
    ("username u password 5 $5$abcd$0123456789abcdefghijklmnopqrstuvwxyz role vdc-admin", "sha256", 15),
    ("username u password 5 $6$abcd$0123456789abcdefghijklmnopqrstuvwxyz role priv-7", "sha512", 7),
    ("username u password 8 $8$abcd$0123456789 role network-operator", "pbkdf2", 1),
    ("username u password 0 Cleartext1 role network-admin", "plaintext", 15),
    ("username u password Cleartext1", "plaintext", None),
    ("username u password 5 ! role network-operator", "unknown", 1),
])
def test_user_secret_storage_and_roles(line, storage, privilege):
    (user,) = text_parse(line + "\n").management.users
    assert user.secret.storage == storage and user.privilege == privilege


def test_usernames_merge_roles_and_keys():
    d = text_parse("username ops password 5 $5$aa$bbbb role network-operator\n"
                   "username ops role network-admin\n"
                   "username ops sshkey ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCexample ops@host\n")
    (user,) = d.management.users
    assert user.privilege == 15 and user.role == "network-operator" and user.key_auth
    assert user.secret.storage == "sha256"


def test_no_secret_survives_in_any_location():
    secrets = {
        "l3-switch.cfg": ["Lqhg1234xyz", "0x7d9f2c4e8a1b3d5f7e9c0a2b4d6f8e1c", "0x3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b",
                          "$5$NmEoKt$", "sec-nms-ro"],
        "mgmt-weak.cfg": ["Example123", "0822455D0A16"],
        "mgmt-hardened.cfg": ["Zxqw8812kk", "Pqlm4401vv", "Tkp0922xq", "0x51a2b3c4d5e6f708192a3b4c5d6e7f80",
                              "0x0f1e2d3c4b5a69788796a5b4c3d2e1f0", "$5$Wq9Ze3$"],
        "truncated.cfg": ["$5$Trc0q1$"],
    }
    for name, values in secrets.items():
        d = parse(name)
        texts = [loc.text for loc in all_locations(d)]
        texts += [w.loc.text for w in d.parse_warnings]
        for value in values:
            assert not any(value in t for t in texts), (name, value)
        assert any("<redacted>" in t for t in texts), name


# --------------------------------------------------------------------------- warnings, truncation, robustness


def test_clean_fixtures_parse_without_warnings():
    for name in ("acls.cfg", "l3-switch.cfg", "mgmt-weak.cfg", "mgmt-hardened.cfg", "snippet-acl.cfg"):
        assert parse(name).parse_warnings == [], name


def test_parse_warnings_name_line_and_problem():
    d = parse("warnings.cfg")
    path = CASES / "warnings.cfg"
    got = {(w.loc.line, w.message) for w in d.parse_warnings}
    assert got == {
        (line_of(path, "frobnicate all-the-things"), "line not understood"),
        (line_of(path, "quantum-entangle enable"), "unknown interface command 'quantum-entangle'"),
        (line_of(path, "wibble"), "unexpected 'wibble' in access-list entry"),
        (line_of(path, "10.0.0.300/24"), "bad IPv4 address '10.0.0.300'"),
        (line_of(path, "notaport"), "unknown tcp port name 'notaport'"),
        (line_of(path, "colour blue"), "unknown vlan command 'colour'"),
        (line_of(path, "snmp-server frob"), "unknown command 'snmp-server frob'"),
        (line_of(path, "group-object OG-OTHER"),
         "NX-OS object-groups cannot nest other groups ('group-object' ignored)"),
    }
    assert all(w.loc.file == str(path) for w in d.parse_warnings)
    assert [r.name for r in d.filters["ACL-LAB"].rules] == ["40"]
    assert next(v for v in d.vlans if v.id == 10).name == "LAB"
    assert iface(d, "Ethernet1/1").access_vlan == 10


def test_truncated_file_keeps_what_it_has():
    d = parse("truncated.cfg")
    path = CASES / "truncated.cfg"
    assert d.hostname == "dc1-leaf03" and d.os_version == "9.3(10)"
    assert [r.name for r in d.filters["ACL-PROD-IN"].rules] == ["10", "20"]
    assert d.filters["ACL-PROD-IN"].default_action == DENY
    assert iface(d, "Vlan10").filter_in == "ACL-PROD-IN"
    assert [h.address for h in d.management.log_hosts] == ["10.99.0.60"]
    (w,) = d.parse_warnings
    assert w.loc.line == len(path.read_text().splitlines()) and "ends early" in w.message


def test_unterminated_banner_swallows_the_rest_with_a_warning():
    d = text_parse("hostname b\nbanner motd #\nHello\ninterface Ethernet1/1\n")
    (w,) = d.parse_warnings
    assert w.loc.line == 2 and "not terminated" in w.message
    assert d.interfaces == [] and d.management.banners["motd"] == "Hello\ninterface Ethernet1/1"


def test_one_line_banner():
    d = text_parse("hostname b\nbanner motd ^Authorised use only^\nbanner exec @x@\n")
    assert d.management.banners == {"motd": "Authorised use only", "exec": "x"} and d.parse_warnings == []


@pytest.mark.parametrize("text", ["", "   \n\n", "set system host-name r1\nset interfaces ge-0/0/0\n",
                                  "<config version='10.1'><devices/></config>\n", "system {\n host-name r1;\n}\n"])
def test_not_an_nxos_config_raises_parse_error(text):
    with pytest.raises(ParseError):
        PARSER.parse(text, "not-nxos.cfg")


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("*.cfg")))
def test_never_crashes_on_any_prefix_of_a_fixture(name):
    text = (CASES / name).read_text()
    step = max(1, len(text) // 120)
    for cut in range(1, len(text), step):
        try:
            PARSER.parse(text[:cut], name)
        except ParseError:
            pass  # a prefix too short to hold one command


def test_garbage_values_become_warnings_not_exceptions():
    lines = [
        "hostname", "version", "feature", "interface", "interface Ethernet1/1\n  ip address 10.0.0.1",
        "interface Ethernet1/1\n  ip address 10.0.0.1/40", "interface Ethernet1/1\n  switchport access vlan 5000",
        "interface Ethernet1/1\n  switchport trunk allowed vlan 10-x", "interface Ethernet1/1\n  encapsulation dot1q x",
        "ip route", "ip route 10.0.0.0/8", "ip route 10.0.0.0/33 10.0.0.1", "ip access-list",
        "ip access-list A\n  10 permit", "ip access-list A\n  10 permit tcp any any range 5",
        "ip access-list A\n  10 permit icmp any any 300", "ip access-list A\n  99999999999999999999 permit ip any any",
        "object-group ip address", "object-group ip address G\n  10 host", "object-group ip port P\n  10 eq",
        "snmp-server community", "snmp-server user", "username", "username x password", "line vty\n  exec-timeout x",
        "logging server", "logging server 10.0.0.1 port x", "ntp server", "aaa authentication login",
        "tacacs-server host", "vlan 0", "vlan 10-5", "vrf context", "banner motd", "nxapi http port x",
        "ssh key rsa x", "userpassphrase min-length x", "enable secret",
    ]
    for body in lines:
        d = text_parse("hostname g\n" + body + "\n")
        assert d.parse_warnings, body


def test_fuzzed_lines_never_raise():
    rnd = random.Random(11)
    base = (CASES / "l3-switch.cfg").read_text().splitlines()
    words = " ".join(base).split()
    for _ in range(200):
        lines = list(base)
        for _ in range(5):
            k = rnd.randrange(len(lines))
            lines[k] = (" " * rnd.choice([0, 2, 4])) + " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 6)))
        PARSER.parse("\n".join(lines) + "\n", "fuzz.cfg")


def test_suppression_markers_are_found_in_nxos_comments():
    text = "ip access-list A\n  ! netlint: ignore[NL101] approved by CAB-77\n  10 permit ip any any\n"
    (s,) = find_suppressions(text, "s.cfg")
    assert s.rule_ids == ("NL101",) and s.target_line == 3


def test_fifty_thousand_lines_parse_quickly():
    out = ["!Command: show running-config", "version 9.3(8) Bios:version 05.45", "hostname big"]
    for g in range(50):
        out.append(f"object-group ip address OG{g}")
        out += [f"  {(k + 1) * 10} host 10.{g}.{k}.1" for k in range(4)]
    a = 0
    while len(out) < 45_000:
        out.append(f"ip access-list ACL{a}")
        out += [f"  {s * 10} permit tcp 10.{a % 250}.{s}.0/24 addrgroup OG{s % 50} eq {1000 + s}"
                for s in range(1, 100)]
        a += 1
    for i in range(1000):
        out += [f"interface Ethernet1/{i}", f"  description port {i}", f"  switchport access vlan {i % 4000 + 1}",
                f"  ip port access-group ACL{i % a} in", "  no shutdown"]
    text = "\n".join(out) + "\n"
    start = time.perf_counter()
    d = PARSER.parse(text, "big.cfg")
    elapsed = time.perf_counter() - start
    assert len(d.filters) == a and d.parse_warnings == []
    assert elapsed < 3.0, elapsed  # ~0.5 s here; generous for slow CI machines


# --------------------------------------------------------------------------- what the management checks see


def management_findings(name: str) -> dict[str, list[int]]:
    """Management-check name -> lines of its findings on a fixture."""
    from netlint.checks import MANAGEMENT_CATEGORIES, DeviceContext, all_checks, run_device_checks

    checks = [c for c in all_checks() if c.category in MANAGEMENT_CATEGORIES]
    names = {c.id: c.name for c in checks}
    out: dict[str, list[int]] = {}
    for f in run_device_checks(DeviceContext(parse(name)), checks):
        out.setdefault(names[f.rule_id], []).append(f.line)
    return out


def test_weak_fixture_feeds_the_management_checks():
    found = management_findings("mgmt-weak.cfg")
    path = CASES / "mgmt-weak.cfg"
    assert found["telnet-management"] == [line_of(path, "feature telnet")]
    assert found["http-management"] == [line_of(path, "nxapi http port 80")]
    assert sorted(found["snmp-community"]) == [line_of(path, "community public"), line_of(path, "community private")]
    assert found["vty-without-acl"] == [line_of(path, "line vty")]
    assert found["no-idle-timeout"] == [line_of(path, "line vty")]
    for name in ("weak-password-storage", "no-central-aaa", "shared-admin-account", "no-remote-syslog", "no-ntp"):
        assert name in found, name


def test_hardened_fixture_gives_no_management_finding():
    assert management_findings("mgmt-hardened.cfg") == {}
