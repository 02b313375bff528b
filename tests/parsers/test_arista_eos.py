"""Tests of the Arista EOS parser (parsers/arista_eos.py) on the fixtures in
fixtures/cases/arista_eos/."""

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
from parsers.arista_eos import PARSER
from parsers.common import find_suppressions
from parsers.detect import detect_vendor

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cases" / "arista_eos"


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


def line_named(device: Device, name: str):
    return next(x for x in device.management.lines if x.name == name)


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
    assert PARSER.vendor == "arista_eos"
    assert PARSER.detect((CASES / "l3-switch.cfg").read_text()) > 50
    assert PARSER.detect("set system host-name r1\nset interfaces ge-0/0/0 unit 0\n") == 0


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("*.cfg") if p.name != "snippet-acl.cfg"))
def test_every_full_fixture_is_detected_as_eos(name):
    assert detect_vendor((CASES / name).read_text()) == "arista_eos"


def test_snippet_is_detected_as_eos_not_nxos():
    # EOS indents ACL entries by three spaces (NX-OS by two) and knows 'eq ssh https'.
    assert detect_vendor((CASES / "snippet-acl.cfg").read_text()) == "arista_eos"
    nxos_snippet = ROOT / "fixtures" / "cases" / "cisco_nxos" / "snippet-acl.cfg"
    assert detect_vendor(nxos_snippet.read_text()) == "cisco_nxos"


def test_entry_point_is_registered():
    from parsers import _entry_points, get_parser, parse_file

    assert "arista_eos" in _entry_points()
    assert get_parser("arista_eos") is PARSER
    device = parse_file(CASES / "l3-switch.cfg")
    assert device.vendor == "arista_eos"
    assert device.line_count == len((CASES / "l3-switch.cfg").read_text().splitlines())


# --------------------------------------------------------------------------- inventory


def test_inventory_from_the_device_header():
    d = parse("l3-switch.cfg")
    path = CASES / "l3-switch.cfg"
    assert d.vendor == "arista_eos"
    assert d.hostname == "dc1-leaf11"
    assert d.os_version == "4.29.2F"
    assert d.os_version_loc.line == line_of(path, "! device: dc1-leaf11")
    assert d.model == "DCS-7280SR3-48YC8"
    assert d.facts["header_device_name"] == "dc1-leaf11"
    assert d.facts["boot_image"] == "flash:/EOS-4.29.2F.swi"
    assert d.facts["header_command"] == "show running-config"
    assert d.facts["platform_kind"] == "switch"
    assert d.facts["ip_routing"] is True
    assert d.facts["ip_routing_vrfs"] == {"MGMT": False, "TRADING": True}
    assert d.facts["vrfs"] == ["MGMT", "TRADING"]
    assert d.facts["mlag"]["peer-link"] == "Port-Channel10"
    assert d.facts["spanning_tree_mode"] == "mstp"
    assert d.management_visible is True


def test_header_device_name_is_the_hostname_fallback():
    d = text_parse("! device: edge9 (DCS-7020TR-48, EOS-4.25.1F)\nvlan 10\n")
    assert d.hostname == "edge9" and d.model == "DCS-7020TR-48" and d.os_version == "4.25.1F"


def test_snippet_holds_one_acl_and_no_management_plane():
    d = parse("snippet-acl.cfg")
    assert d.hostname == "snippet-acl" and d.facts["hostname_from_file_name"] is True
    assert list(d.filters) == ["MGMT-ONLY"] and d.parse_warnings == []
    assert d.management_visible is False and d.facts["snippet"] is True
    assert d.management.services == [] and d.management.lines == []
    r = d.filters["MGMT-ONLY"].rules
    assert [x.name for x in r] == ["20", "30", "40"]
    assert r[0].remark == "management stations of Example Securities"
    assert r[0].services[0].dst_ports == ((22, 22), (443, 443))


# --------------------------------------------------------------------------- ACL forms


def test_acl_filter_attributes():
    d = parse("acls.cfg")
    path = CASES / "acls.cfg"
    f = d.filters["ACL-FORMS"]
    assert f.kind == "acl" and f.family == 4
    assert f.default_action == DENY and "implicit deny" in f.default_note and "EOS" in f.default_note
    assert f.extra["counters_per_entry"] is True
    assert (f.loc.line, f.loc.end_line) == (line_of(path, "ip access-list ACL-FORMS"),
                                            line_of(path, "150 deny ip any any log"))
    assert [r.name for r in f.rules] == [str(n) for n in range(10, 151, 10)]


def test_acl_addresses_ports_and_options():
    d = parse("acls.cfg")
    r = rules(d, "ACL-FORMS")
    r10 = r["10"]
    assert r10.remark == "CHG-2025-044 trading front-end to the order gateway"
    assert r10.src.items == (net("10.10.0.0/16"),) and r10.dst.items == (rng("10.10.20.11"),)
    assert r10.services[0].dst_ports == ((80, 80), (443, 443))  # eq www https
    r20 = r["20"]
    assert r20.src.items == (net("10.20.0.0/16"),) and r20.dst.items == (net("10.10.21.0/24"),)
    assert r20.services[0].dst_ports == ((8080, 8090),) and r20.log
    assert r["30"].services[0].protocol == 17 and r["30"].services[0].dst_ports == ((53, 53), (123, 123))
    assert r["40"].established is True
    r50 = r["50"]
    assert r50.action == DENY and r50.services[0].dst_ports == ((22, 23),) and r50.log  # telnet ssh
    assert (r["60"].services[0].icmp_type, r["60"].services[0].icmp_code) == (0, None)
    assert (r["70"].services[0].icmp_type, r["70"].services[0].icmp_code) == (3, 4)
    (item,) = r["80"].src.items
    assert isinstance(item, AddressWildcard) and item == wildcard("10.20.0.1", "0.0.255.0")
    assert r["80"].remark == "any .1 gateway of a UAT /24"
    assert r["90"].extra["fragments"] is True and r["90"].approximations
    assert r["100"].services[0].dst_ports == ((0, 22), (24, 65535))  # neq telnet
    s110 = r["110"].services[0]
    assert s110.src_ports == ((1024, 65535),) and s110.dst_ports == ((0, 1023),)
    assert r["120"].extra["dscp"] == "46" and r["120"].approximations
    assert r["130"].extra["ttl"] == "eq 255" and r["130"].services[0].dst_ports == ((179, 179),)
    assert r["140"].services[0].dst_ports == ((161, 161), (514, 514))  # snmp syslog
    r150 = r["150"]
    assert r150.action == DENY and r150.src.any and r150.dst.any and r150.services == (ANY_SERVICE,)
    for name in ("10", "20", "30", "40", "50", "80", "100", "110", "140", "150"):
        assert r[name].approximations == (), name


def test_standard_acl_matches_the_source_only():
    d = parse("acls.cfg")
    f = d.filters["ACL-STD-MGMT"]
    assert f.kind == "standard-acl" and f.family == 4
    r = f.rules
    assert [x.src.items for x in r[:3]] == [(rng("10.99.0.21"),), (net("10.99.1.0/24"),), (net("10.99.2.0/24"),)]
    assert r[2].log and r[3].src.any and r[3].action == DENY and r[3].log
    for rule in r:
        assert rule.dst.any and rule.services == (ANY_SERVICE,)
    assert verdict(d, "ACL-STD-MGMT", "10.99.2.9", "8.8.8.8", proto=17, sport=1, dport=53) == (PERMIT, "30")
    assert verdict(d, "ACL-STD-MGMT", "10.99.3.9", "8.8.8.8") == (DENY, "40")


def test_sequence_numbers_decide_the_order_and_unnumbered_entries_go_last():
    d = parse("acls.cfg")
    f = d.filters["ACL-REORDERED"]
    assert [r.name for r in f.rules] == ["10", "20", "30", "40"]
    assert f.rules[3].extra["implicit_sequence"] == 40
    assert d.facts["acls_reordered_by_sequence"] == ["ACL-REORDERED"]


def test_ipv6_acl():
    d = parse("acls.cfg")
    f = d.filters["ACL6-PROD-IN"]
    assert f.family == 6 and "IPv6" in f.default_note
    r = rules(d, "ACL6-PROD-IN")
    assert r["10"].src.items == (net("2001:db8:20::/48"),) and r["10"].dst.items == (net("2001:db8:10::/48"),)
    assert r["10"].services[0].dst_ports == ((22, 22),)
    assert (r["20"].services[0].protocol, r["20"].services[0].icmp_type) == (58, 136)  # neighbor-advertisement
    assert r["30"].services[0].icmp_type == 128


def test_empty_acl_keeps_the_implicit_deny():
    d = parse("acls.cfg")
    f = d.filters["ACL-EMPTY-PLACEHOLDER"]
    assert f.rules == [] and f.extra["no_entries"] is True
    assert f.default_action == DENY and "without entries" in f.default_note


@pytest.mark.parametrize("entry,expected", [
    ("permit tcp any any eq https", ((443, 443),)),
    ("permit tcp any any eq ssh telnet www", ((22, 23), (80, 80))),
    ("permit udp any any eq ntp", ((123, 123),)),
    ("permit udp any any eq snmp snmp-trap", ((161, 162),)),
    ("permit tcp any any eq bgp", ((179, 179),)),
    ("permit udp any any eq syslog", ((514, 514),)),
    ("permit tcp any any eq ldaps", ((636, 636),)),
    ("permit udp any any eq radius radius-acct", ((1812, 1813),)),
    ("permit tcp any any neq ssh https", ((0, 21), (23, 442), (444, 65535))),
    ("permit tcp any any range 2000 1000", ((1000, 2000),)),
    ("permit tcp any any gt 65534", ((65535, 65535),)),
])
def test_named_ports_and_operators(entry, expected):
    d = text_parse(f"ip access-list P\n   10 {entry}\n")
    assert d.filters["P"].rules[0].services[0].dst_ports == expected
    assert d.parse_warnings == []


@pytest.mark.parametrize("entry,message", [
    ("permit tcp any any eq nonsense", "unknown tcp port name 'nonsense'"),
    ("permit ip any any eq 80", "port operator 'eq' needs tcp, udp or sctp"),
    ("permit udp any any established", "'established' is only valid with tcp"),
    ("permit tcp 10.0.0.1 any", "mask missing after '10.0.0.1' (use A/P, 'A WILDCARD' or 'host A')"),
    ("permit bogus any any", "unknown protocol 'bogus'"),
    ("permit ip addrgroup G any", "bad address 'addrgroup'"),  # an NX-OS keyword
])
def test_bad_entries_name_the_problem(entry, message):
    d = text_parse(f"ip access-list P\n   10 {entry}\n")
    (w,) = d.parse_warnings
    assert w.message == message and w.loc.line == 2


def test_eos_specific_options():
    d = text_parse(
        "ip access-list O\n"
        "   10 permit tcp any any eq ssh tracked\n"
        "   20 permit ip any any vlan 10 0xfff\n"
        "   30 permit tcp any any syn\n"
        "ipv6 access-list O6\n"
        "   10 permit icmpv6 any any hop-limit eq 255\n"
        "   20 permit icmpv6 any any reject-route\n"
        "ip access-list standard S\n"
        "   counters per-entry\n"
        "   10 permit any\n"
    )
    r = rules(d, "O")
    assert r["10"].extra["tracked"] and r["10"].approximations
    assert r["20"].extra["vlan"] == "10 0xfff"
    assert r["30"].extra["tcp_flags"] == ["syn"]
    r6 = rules(d, "O6")
    assert r6["10"].extra["hop_limit"] == "eq 255"
    assert (r6["20"].services[0].icmp_type, r6["20"].services[0].icmp_code) == (1, 6)
    assert d.filters["S"].extra["counters_per_entry"] is True
    assert d.parse_warnings == []


# --------------------------------------------------------------------------- references


def test_every_acl_use_is_a_reference():
    d = parse("acls.cfg")
    path = CASES / "acls.cfg"
    assert refs(d, "acl", "ACL-FORMS") == ["interface Vlan10 inbound"]
    assert refs(d, "acl", "ACL6-PROD-IN") == ["interface Vlan10 inbound (IPv6)"]
    assert refs(d, "acl", "ACL-REORDERED") == ["interface Ethernet5 inbound"]
    assert refs(d, "acl", "ACL-SSH") == ["management ssh"]
    assert refs(d, "acl", "ACL-CPP") == ["control-plane"]
    assert refs(d, "acl", "ACL-MARKET-DATA") == ["class-map CM-MARKET-DATA"]
    assert refs(d, "acl", "ACL-PBR-SOURCES") == ["route-map RM-UAT-PBR permit 10"]
    assert refs(d, "acl", "ACL-TAP-FILTER") == ["mentioned"]
    (mention,) = [r for r in d.references if r.context == "mentioned"]
    assert mention.loc.line == line_of(path, "traffic-steering ACL-TAP-FILTER")
    referenced = {(r.kind, r.name) for r in d.references}
    unused = sorted(o.name for o in d.objects if (o.kind, o.name) not in referenced)
    assert unused == ["ACL-EMPTY-PLACEHOLDER", "ACL-STD-MGMT", "ACL-UNUSED-OLD"]
    assert d.parse_warnings == []


def test_references_from_snmp_ntp_and_management_blocks():
    d = parse("mgmt-hardened.cfg")
    assert refs(d, "acl", "ACL-SNMP") == ["snmp-server ipv4 access-list"]
    assert refs(d, "acl", "ACL-SSH") == ["management ssh vrf MGMT"]
    assert refs(d, "acl", "ACL6-SSH") == ["management ssh vrf MGMT (IPv6)"]
    assert refs(d, "acl", "ACL-CPP") == ["control-plane"]
    d2 = text_parse("hostname r\nip access-list A\n   10 permit ip any any\nip access-list B\n   10 permit ip any any\n"
                    "snmp-server community c1 ro A\nmanagement api http-commands\n   no shutdown\n"
                    "   vrf MGMT\n      no shutdown\n      ip access-group B\n")
    assert refs(d2, "acl", "A") == ["snmp-server community"]
    assert refs(d2, "acl", "B") == ["management api http-commands vrf MGMT"]
    assert d2.management.snmp_communities[0].acl == "A"
    (https,) = d2.management.service("https")
    assert https.acl == "B"


# --------------------------------------------------------------------------- query agreement


def test_queries_on_the_prod_acl():
    d = parse("acls.cfg")
    acl = "ACL-FORMS"
    assert verdict(d, acl, "10.10.5.5", "10.10.20.11") == (PERMIT, "10")
    assert verdict(d, acl, "10.10.5.5", "10.10.20.11", dport=80) == (PERMIT, "10")
    assert verdict(d, acl, "10.20.3.3", "10.10.21.7", dport=8085) == (PERMIT, "20")
    assert verdict(d, acl, "10.10.5.5", "8.8.8.8", proto=17, sport=40000, dport=123) == (PERMIT, "30")
    assert verdict(d, acl, "1.2.3.4", "10.10.30.9", dport=5000, established=True) == (PERMIT, "40")
    assert verdict(d, acl, "1.2.3.4", "10.10.5.5", dport=22) == (DENY, "50")
    assert verdict(d, acl, "10.20.7.1", "8.8.8.8", dport=80) == (PERMIT, "80")
    assert verdict(d, acl, "10.20.7.2", "10.10.5.5", dport=80) == (DENY, "90")
    assert verdict(d, acl, "10.99.0.21", "8.8.8.8", dport=8443) == (PERMIT, "100")
    assert verdict(d, acl, "10.99.0.9", "8.8.8.8", proto=17, sport=514, dport=514) == (PERMIT, "140")
    assert verdict(d, acl, "192.0.2.1", "198.51.100.1", proto=47) == (DENY, "150")


def test_queries_reach_the_implicit_deny():
    d = parse("acls.cfg")
    acl = "ACL-REORDERED"
    assert verdict(d, acl, "10.10.1.1", "10.20.1.1", dport=22) == (PERMIT, "10")
    assert verdict(d, acl, "10.30.1.1", "10.20.1.1", proto=17, sport=5000, dport=161) == (DENY, "30")
    assert verdict(d, acl, "10.99.0.5", "10.20.1.1", dport=80) == (PERMIT, "40")
    assert verdict(d, acl, "10.99.0.6", "10.20.1.1", dport=80) == (DENY, None)
    d3 = parse("l3-switch.cfg")
    assert verdict(d3, "ACL-UAT-IN", "10.20.1.1", "8.8.8.8") == (PERMIT, "20")
    assert verdict(d3, "ACL-UAT-IN", "10.20.1.1", "8.8.8.8", dport=80) == (DENY, None)
    assert verdict(d3, "ACL-UAT-IN", "10.20.1.1", "10.10.1.1") == (DENY, "10")
    assert verdict(d3, "ACL-PROD-IN", "10.10.1.1", "10.20.0.50", dport=22) == (PERMIT, "10")
    assert verdict(d3, "ACL-PROD-IN", "10.10.1.1", "10.20.0.51", dport=22) == (DENY, "20")


def test_queries_on_the_snippet():
    d = parse("snippet-acl.cfg")
    assert verdict(d, "MGMT-ONLY", "10.99.0.7", "10.10.0.1") == (PERMIT, "20")
    assert verdict(d, "MGMT-ONLY", "10.98.0.7", "10.10.0.1") == (DENY, "40")


# --------------------------------------------------------------------------- interfaces, VLANs, routes


def test_svis_addresses_and_bindings():
    d = parse("l3-switch.cfg")
    v10 = iface(d, "Vlan10")
    assert v10.is_svi and v10.vlan_id == 10 and v10.description == "PROD gateway"
    assert [str(a) for a in v10.addresses] == ["10.10.0.2/16", "10.10.255.2/24"]
    assert [a.secondary for a in v10.addresses] == [False, True]
    assert v10.filter_in == "ACL-PROD-IN" and v10.shutdown is False
    assert v10.extra["shutdown_default"] is False  # EOS interfaces are enabled by default
    v20 = iface(d, "Vlan20")
    assert (v20.filter_in, v20.filter_out) == ("ACL-UAT-IN", "ACL-UAT-OUT")
    assert refs(d, "acl", "ACL-UAT-OUT") == ["interface Vlan20 outbound"]
    assert iface(d, "Vlan99").vrf == "MGMT"  # old 'vrf forwarding' form
    assert iface(d, "Vlan1").shutdown is True
    m1 = iface(d, "Management1")
    assert m1.vrf == "MGMT" and m1.switchport is False and [str(a) for a in m1.addresses] == ["192.168.100.31/24"]


def test_access_ports_and_defaults():
    d = parse("l3-switch.cfg")
    e1 = iface(d, "Ethernet1")
    assert (e1.switchport, e1.mode, e1.access_vlan) == (True, "access", 10)
    assert e1.extra["switchport_default"] and e1.extra["mode_default"]
    e2 = iface(d, "Ethernet2")
    assert (e2.mode, e2.access_vlan) == ("access", 20) and "mode_default" not in e2.extra
    e3 = iface(d, "Ethernet3")
    assert e3.shutdown is True and e3.access_vlan == 999 and "shutdown_default" not in e3.extra
    e4 = iface(d, "Ethernet4")
    assert (e4.switchport, e4.mode, e4.access_vlan, e4.shutdown) == (True, "access", 1, False)
    assert e4.extra["access_vlan_default"] is True


def test_trunks_and_allowed_vlan_lists():
    d = parse("l3-switch.cfg")
    pc = iface(d, "Port-Channel10")
    assert (pc.switchport, pc.mode, pc.native_vlan) == (True, "trunk", 999)
    assert pc.trunk_allowed_vlans == (10, 20, 30, 99)
    assert pc.extra["trunk_groups"] == ["MLAGPEER"]
    e48 = iface(d, "Ethernet48")
    assert e48.trunk_allowed_vlans == tuple(range(10, 4095)) and e48.native_vlan == 1
    e49 = iface(d, "Ethernet49/1")
    assert e49.trunk_allowed_vlans == () and e49.extra["channel_group"] == "10"


@pytest.mark.parametrize("lines,expected", [
    (["switchport mode trunk"], None),
    (["switchport mode trunk", "switchport trunk allowed vlan except 1-4"], tuple(range(5, 4095))),
    (["switchport mode trunk", "switchport trunk allowed vlan 5,7-8", "switchport trunk allowed vlan add 6"],
     (5, 6, 7, 8)),
    (["switchport mode trunk", "switchport trunk allowed vlan 5", "no switchport trunk allowed vlan"], None),
])
def test_trunk_allowed_list_operations(lines, expected):
    body = "".join(f"   {x}\n" for x in lines)
    d = text_parse(f"hostname t\ninterface Ethernet9\n{body}")
    assert iface(d, "Ethernet9").trunk_allowed_vlans == expected


def test_native_vlan_tag():
    d = text_parse("hostname t\ninterface Ethernet9\n   switchport mode trunk\n   switchport trunk native vlan tag\n")
    e9 = iface(d, "Ethernet9")
    assert e9.extra["native_vlan_tagged"] is True and e9.native_vlan == 1


def test_routed_ports_vrf_and_subinterfaces():
    d = parse("l3-switch.cfg")
    e53 = iface(d, "Ethernet53/1")
    assert (e53.switchport, e53.mode) == (False, "routed") and [str(a) for a in e53.addresses] == ["10.255.0.14/30"]
    assert iface(d, "Ethernet54/1").vrf == "TRADING"
    sub = iface(d, "Ethernet54/1.200")
    assert sub.vlan_id == 200 and sub.switchport is False and not sub.is_svi
    assert [str(a) for a in iface(d, "Loopback0").addresses] == ["10.255.255.21/32"]


def test_switchport_default_mode_routed():
    d = text_parse("hostname t\nswitchport default mode routed\ninterface Ethernet1\ninterface Ethernet2\n"
                   "   switchport access vlan 5\n")
    assert (iface(d, "Ethernet1").switchport, iface(d, "Ethernet1").mode) == (False, "routed")
    assert (iface(d, "Ethernet2").switchport, iface(d, "Ethernet2").access_vlan) == (True, 5)


def test_vlans_with_names_and_ranges():
    d = parse("l3-switch.cfg")
    assert {v.id: v.name for v in d.vlans} == {10: "PROD", 20: "UAT", 99: "MGMT-SERVERS", 30: "", 31: "", 32: "",
                                               999: "PARKING"}


def test_static_routes_with_vrfs():
    d = parse("l3-switch.cfg")
    routes = [(str(r.destination), r.next_hop, r.interface, r.distance, r.vrf) for r in d.routes]
    assert routes == [
        ("0.0.0.0/0", "10.255.0.13", None, None, None),
        ("10.40.0.0/16", "10.255.0.13", "Ethernet53/1", 250, None),
        ("192.0.2.0/24", None, "Null0", None, None),
        ("0.0.0.0/0", "192.168.100.1", None, None, "MGMT"),
        ("10.30.0.0/16", "10.255.0.17", None, 5, "TRADING"),
    ]


# --------------------------------------------------------------------------- management plane


def test_l3_switch_management_plane():
    d = parse("l3-switch.cfg")
    path = CASES / "l3-switch.cfg"
    m = d.management
    (ssh,) = m.service("ssh")
    assert ssh.enabled and ssh.acl == "ACL-SSH"
    assert m.facts["ssh_acls"] == {"MGMT": "ACL-SSH"} and m.facts["ssh_vrfs"] == {"MGMT": True}
    vty = line_named(d, "vty (management ssh)")
    assert vty.transport_input == ("ssh",) and vty.access_class_in == "ACL-SSH" and vty.exec_timeout == 900
    assert m.service("telnet") == [] and m.service("http") == []
    (https,) = m.service("https")
    assert https.enabled and https.port == 443 and https.note == "eAPI"
    assert m.facts["api_http"]["vrfs"] == {"MGMT": True}
    users = {u.name: u for u in m.users}
    assert {n: (u.privilege, u.role, u.secret.storage) for n, u in users.items()} == {
        "admin": (15, "network-admin", "sha512"), "netops": (15, "network-admin", "sha512"),
        "monitor": (1, "network-operator", "sha512")}
    (comm,) = m.snmp_communities
    assert comm.acl == "ACL-SNMP" and comm.access == "ro" and comm.secret.default_value is None
    (snmp,) = m.service("snmp")
    assert snmp.acl == "ACL-SNMP"
    aaa = m.aaa
    assert aaa.enabled and aaa.login_methods == ["group TACACS-GRP", "local"]
    assert aaa.authorization_commands and aaa.accounting_commands
    assert aaa.accounting_loc.line == line_of(path, "aaa accounting commands all default")
    assert [(s.address, s.key.storage) for s in aaa.servers] == [("10.99.0.31", "reversible"),
                                                                 ("10.99.0.32", "reversible")]
    assert m.facts["aaa_groups"]["TACACS-GRP"]["servers"] == ["10.99.0.31", "10.99.0.32"]
    assert m.facts["aaa_root"] == "disabled"
    assert [h.address for h in m.log_hosts] == ["10.99.0.60"] and m.facts["logging_host_vrfs"] == {"10.99.0.60": "MGMT"}
    assert m.log_timestamps is True and m.facts["log_timestamps_format"] == "high-resolution"
    assert m.ntp_servers == ["10.99.0.51", "10.99.0.52"] and m.facts["ntp_server_vrfs"]["10.99.0.51"] == "MGMT"
    assert m.ntp_authenticated is False
    assert d.parse_warnings == []


def test_weak_management_plane():
    d = parse("mgmt-weak.cfg")
    path = CASES / "mgmt-weak.cfg"
    m = d.management
    (telnet,) = m.service("telnet")
    assert telnet.enabled and telnet.explicit and telnet.acl is None
    assert telnet.loc.line == line_of(path, "management telnet") + 1  # its 'no shutdown'
    tline = line_named(d, "vty (management telnet)")
    assert tline.transport_input == ("telnet",) and tline.access_class_in is None
    assert tline.loc.line <= telnet.loc.line <= tline.loc.end_line  # one finding, not two
    (http,) = m.service("http")
    assert http.port == 80 and http.loc.line == line_of(path, "protocol http")
    assert [s.port for s in m.service("https")] == [443]
    (ssh,) = m.service("ssh")
    assert ssh.enabled and ssh.explicit is False and ssh.acl is None
    sline = line_named(d, "vty (management ssh)")
    assert sline.access_class_in is None and sline.exec_timeout is None
    assert sline.extra["exec_timeout_platform_default"] == 0 and sline.default_timeout == 0  # never
    assert line_named(d, "vty (management telnet)").default_timeout == 0
    (group,) = m.snmp_groups
    assert (group.name, group.version, group.level) == ("LEGACY", "3", "noauth")
    assert group.loc.line == line_of(path, "snmp-server group LEGACY")
    (v3user,) = m.snmp_users
    assert (v3user.name, v3user.auth, v3user.priv) == ("nms-legacy", "md5", "des")
    public, private = m.snmp_communities
    assert (public.secret.default_value, public.access, public.acl) == ("public", "ro", None)
    assert (private.secret.default_value, private.access) == ("private", "rw")
    users = {u.name: u for u in m.users}
    assert users["admin"].secret.storage == "plaintext" and users["admin"].secret.length == 10
    assert users["helpdesk"].secret.storage == "md5" and users["helpdesk"].privilege == 1
    assert users["guest"].secret is None and m.facts["users_nopassword"] == ["guest"]
    assert m.enable_secret.storage == "plaintext" and m.enable_loc.line == line_of(path, "enable password 0")
    assert m.aaa.enabled is False and m.aaa.servers == []
    assert m.log_hosts == [] and m.ntp_servers == [] and m.banners == {}
    assert m.log_timestamps is True and m.facts["log_timestamps_format"] == "traditional"
    assert d.parse_warnings == []


def test_hardened_management_plane():
    d = parse("mgmt-hardened.cfg")
    path = CASES / "mgmt-hardened.cfg"
    m = d.management
    (ssh,) = m.service("ssh")
    assert ssh.enabled and ssh.explicit and ssh.acl == "ACL-SSH"  # shut globally, on in VRF MGMT
    vty = line_named(d, "vty (management ssh)")
    assert vty.access_class_in == "ACL-SSH" and vty.access_class_in6 == "ACL6-SSH" and vty.exec_timeout == 300
    (telnet,) = m.service("telnet")
    assert telnet.enabled is False and telnet.explicit
    assert not any(x.name == "vty (management telnet)" for x in m.lines)
    assert m.service("http") == [] and m.service("https") == []
    assert line_named(d, "console").exec_timeout == 300
    users = {u.name: u for u in m.users}
    assert users["a.chen"].secret.storage == "sha512" and users["a.chen"].privilege == 15
    assert users["audit"].privilege == 1
    assert users["svc-backup"].secret is None and users["svc-backup"].key_auth is True
    assert m.enable_secret.storage == "sha512" and m.facts["enable_storage"] == "sha512"
    assert m.snmp_communities == []
    (user,) = m.snmp_users
    assert (user.name, user.auth, user.priv) == ("nms-v3", "sha256", "aes256")
    (snmp,) = m.service("snmp")
    assert snmp.version == "3" and snmp.acl == "ACL-SNMP"
    aaa = m.aaa
    assert aaa.enabled and aaa.authorization_commands and aaa.accounting_commands
    # type 8a (AES under the device's own key): not readable from the config
    assert [s.key.storage for s in aaa.servers] == ["encrypted", "encrypted"]  # global key fills the first
    assert m.facts["aaa_lockout"] == {"failure": 3, "duration": 900}
    assert m.facts["aaa_authentication"]["console"] == ["local"]
    assert m.ntp_authenticated is True and m.facts["ntp_server_keys"] == {"10.99.0.51": "1", "10.99.0.52": "1"}
    assert [(h.address, h.port, h.transport) for h in m.log_hosts] == [("10.99.0.60", None, "udp"),
                                                                      ("10.99.0.61", 6514, "tls")]
    assert m.facts["logging_trap"] == "informational" and m.facts["logging_source_interface"] == "Management1"
    assert m.banners["login"] == ("Example Securities Co., Ltd. - authorised personnel only.\n"
                                  "All sessions are logged and monitored.")
    assert m.banners["motd"].startswith("Change freeze")
    bl = m.facts["banner_locs"]["login"]
    assert (bl.line, bl.end_line) == (line_of(path, "banner login"), line_of(path, "banner login") + 3)
    assert m.facts["password_min_length"] == 15
    assert m.facts["ssh_ciphers"] == ["aes256-ctr", "aes192-ctr"]
    assert m.facts["ssh_macs"] == ["hmac-sha2-512", "hmac-sha2-256"]
    assert m.facts["ssh_authentication_mode"] == "password" and m.facts["ssh_connection_limit"] == 10
    assert m.facts["control_plane_acl"] == {"MGMT": "ACL-CPP"}
    assert d.parse_warnings == []


@pytest.mark.parametrize("block,ssh,telnet,api", [
    ("", True, None, None),
    ("management ssh\n   shutdown\n", False, None, None),
    ("management telnet\n   idle-timeout 5\n", True, False, None),
    ("management telnet\n   no shutdown\n", True, True, None),
    ("management telnet\n   shutdown\n   vrf MGMT\n      no shutdown\n", True, True, None),
    ("management api http-commands\n   protocol http\n", True, None, []),  # eAPI is off by default
    ("management api http-commands\n   no shutdown\n", True, None, ["https"]),
    ("management api http-commands\n   no shutdown\n   no protocol https\n   protocol http\n", True, None, ["http"]),
    ("management api http-commands\n   no shutdown\n   protocol http localhost\n", True, None, ["https"]),
])
def test_platform_defaults_of_management_services(block, ssh, telnet, api):
    m = text_parse("hostname a\n" + block).management
    assert [s.enabled for s in m.service("ssh")] == [ssh]
    assert [s.enabled for s in m.service("telnet")] == ([] if telnet is None else [telnet])
    assert [s.protocol for s in m.services if s.note == "eAPI"] == (api or [])


@pytest.mark.parametrize("line,storage,privilege", [
    ("username u secret sha512 $6$abcd$0123456789abcdefghijklmnopqrstuvwxyz", "sha512", 1),
    ("username u privilege 15 secret 5 $1$abcd$0123456789abcdefghijkl", "md5", 15),
    ("username u role network-admin secret 0 Cleartext1", "plaintext", 15),
    ("username u secret Cleartext1", "plaintext", 1),
    ("username u secret 7 070C285F4D06", "reversible", 1),
])
def test_user_secret_storage_and_privilege(line, storage, privilege):
    (user,) = text_parse(line + "\n").management.users
    assert user.secret.storage == storage and user.privilege == privilege


@pytest.mark.parametrize("line,storage", [
    ("enable password 0 plain1", "plaintext"),
    ("enable password sha512 $6$abc$def", "sha512"),
    ("enable secret 5 $1$abc$def", "md5"),
    ("enable password plain2", "plaintext"),
])
def test_enable_password_storage(line, storage):
    m = text_parse("hostname e\n" + line + "\n").management
    assert m.enable_secret.storage == storage and m.enable_loc.line == 2


def test_logging_variants_and_logging_off():
    m = text_parse("hostname l\nlogging host 10.0.0.1 601 protocol tcp\nlogging vrf X host 10.0.0.2\n"
                   "no logging on\nlogging format timestamp traditional year\n").management
    assert [(h.address, h.port, h.transport) for h in m.log_hosts] == [("10.0.0.1", 601, "tcp"),
                                                                      ("10.0.0.2", None, "udp")]
    assert m.logging_enabled is False and m.facts["logging_enabled"] is False
    assert m.facts["log_timestamps_format"] == "traditional year"


def test_no_secret_survives_in_any_location():
    secrets = {
        "l3-switch.cfg": ["$6$Xr5tQp2m$", "0207165218120E", "sec-nms-ro"],
        "mgmt-weak.cfg": ["Example123", "Enable123", "$1$Hd7s$"],
        "mgmt-hardened.cfg": ["$6$Qa1zWs2x$", "$6$Uj7mIk8l$", "0207165218120E", "13061E010803557878",
                              "121A0C0411045D5679", "7f2c4e8a1b3d5f7e", "3a5c7e9b1d3f5a7c"],
        "truncated.cfg": ["$6$Tr0nc8ed$"],
    }
    for name, values in secrets.items():
        d = parse(name)
        texts = [loc.text for loc in all_locations(d)] + [w.loc.text for w in d.parse_warnings]
        for value in values:
            assert not any(value in t for t in texts), (name, value)
        assert any("<redacted>" in t for t in texts), name


def test_redaction_of_every_secret_line_form():
    from parsers._nxos_eos_common import redact_line

    cases = {
        "ntp authentication-key 1 sha1 7 121A0C0411045D5679": "ntp authentication-key 1 sha1 7 <redacted>",
        "username a secret sha512 $6$x$y": "username a secret sha512 <redacted>",
        "enable password 0 Hello1": "enable password 0 <redacted>",
        "tacacs-server host 10.0.0.1 vrf M key 7 0207": "tacacs-server host 10.0.0.1 vrf M key 7 <redacted>",
        "snmp-server user u G v3 auth sha AAA priv aes BBB":
            "snmp-server user u G v3 auth sha <redacted> priv aes <redacted>",
        "snmp-server host 10.0.0.1 vrf M version 2c secret1": "snmp-server host 10.0.0.1 vrf M version 2c <redacted>",
        "snmp-server community public ro": "snmp-server community public ro",
        "aaa root secret sha512 $6$a$b": "aaa root secret sha512 <redacted>",
        "   ip ospf message-digest-key 1 md5 7 0011": "   ip ospf message-digest-key 1 md5 7 <redacted>",
        "   neighbor 10.0.0.1 password 7 abcd": "   neighbor 10.0.0.1 password 7 <redacted>",
        "   password minimum length 15": "   password minimum length 15",
    }
    for raw, expected in cases.items():
        assert redact_line(raw) == expected, raw


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
        (line_of(path, "teleport enable"), "unknown management ssh command 'teleport'"),
    }
    assert [r.name for r in d.filters["ACL-LAB"].rules] == ["40"]
    assert d.hostname == "lab-eos01" and d.model == "vEOS-lab"


def test_truncated_file_keeps_what_it_has():
    d = parse("truncated.cfg")
    path = CASES / "truncated.cfg"
    assert d.hostname == "dc1-leaf13" and d.os_version == "4.27.5M"
    assert [r.name for r in d.filters["ACL-PROD-IN"].rules] == ["10", "20"]
    assert iface(d, "Vlan10").filter_in == "ACL-PROD-IN"
    assert [h.address for h in d.management.log_hosts] == ["10.99.0.60"]
    got = [(w.loc.line, w.message) for w in d.parse_warnings]
    assert got == [
        (line_of(path, "30 permit tcp 10.10.0.0/16 host"), "access-list entry ends early (truncated?)"),
        (line_of(path, "banner login"), "banner login is not ended by an EOF line (truncated file?)"),
    ]
    assert d.management.banners["login"] == "Example Securities - authorised personnel only."


def test_banner_body_is_not_parsed():
    d = text_parse("hostname b\nbanner motd\ninterface Ethernet1\nfrobnicate\nEOF\ninterface Ethernet2\n")
    assert d.management.banners["motd"] == "interface Ethernet1\nfrobnicate"
    assert [i.name for i in d.interfaces] == ["Ethernet2"] and d.parse_warnings == []


@pytest.mark.parametrize("text", ["", "   \n\n", "set system host-name r1\nset interfaces ge-0/0/0\n",
                                  "<config version='10.1'><devices/></config>\n", "system {\n host-name r1;\n}\n"])
def test_not_an_eos_config_raises_parse_error(text):
    with pytest.raises(ParseError):
        PARSER.parse(text, "not-eos.cfg")


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("*.cfg")))
def test_never_crashes_on_any_prefix_of_a_fixture(name):
    text = (CASES / name).read_text()
    step = max(1, len(text) // 120)
    for cut in range(1, len(text), step):
        try:
            PARSER.parse(text[:cut], name)
        except ParseError:
            pass


def test_garbage_values_become_warnings_not_exceptions():
    lines = [
        "hostname", "interface", "interface Ethernet1\n   ip address 10.0.0.1",
        "interface Ethernet1\n   ip address 10.0.0.1/40", "interface Ethernet1\n   switchport access vlan 5000",
        "interface Ethernet1\n   switchport trunk allowed vlan 10-x", "interface Ethernet1\n   ip access-group A",
        "ip route", "ip route vrf X", "ip route 10.0.0.0/33 10.0.0.1", "ip access-list",
        "ip access-list A\n   10 permit", "ip access-list A\n   10 permit tcp any any range 5",
        "ip access-list A\n   10 permit icmp any any 300", "ip access-list standard S\n   10 permit 10.0.0.1",
        "snmp-server community", "username", "username x secret", "management ssh\n   idle-timeout x",
        "logging host", "logging host 10.0.0.1 protocol", "ntp server", "aaa authentication login",
        "tacacs-server host", "vlan 0", "vlan 10-5", "banner login", "enable password",
        "management frobnicate", "switchport default mode",
    ]
    for body in lines:
        d = text_parse("hostname g\n" + body + "\n")
        assert d.parse_warnings, body


def test_fuzzed_lines_never_raise():
    rnd = random.Random(13)
    base = (CASES / "l3-switch.cfg").read_text().splitlines()
    words = " ".join(base).split()
    for _ in range(200):
        lines = list(base)
        for _ in range(5):
            k = rnd.randrange(len(lines))
            lines[k] = (" " * rnd.choice([0, 3, 6])) + " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 6)))
        PARSER.parse("\n".join(lines) + "\n", "fuzz.cfg")


def test_suppression_markers_are_found_in_eos_comments():
    text = "ip access-list A\n   10 remark netlint: ignore[NL101] approved by CAB-77\n   20 permit ip any any\n"
    (s,) = find_suppressions(text, "s.cfg")
    assert s.rule_ids == ("NL101",) and s.target_line == 3


def test_fifty_thousand_lines_parse_quickly():
    out = ["! device: big (DCS-7280SR-48C6, EOS-4.26.4M)", "hostname big"]
    a = 0
    while len(out) < 45_000:
        out.append(f"ip access-list ACL{a}")
        out += [f"   {s * 10} permit tcp 10.{a % 250}.{s}.0/24 host 10.99.{s}.1 eq https" for s in range(1, 100)]
        a += 1
    for i in range(1000):
        out += [f"interface Ethernet{i}", f"   description port {i}", f"   switchport access vlan {i % 4000 + 1}",
                f"   ip access-group ACL{i % a} in", "   no shutdown"]
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
    assert found["telnet-management"] == [line_of(path, "management telnet")]  # once, from its line
    assert found["http-management"] == [line_of(path, "protocol http")]
    assert sorted(found["snmp-community"]) == [line_of(path, "community public"), line_of(path, "community private")]
    assert len(found["vty-without-acl"]) == 2  # the SSH and telnet CLI settings
    assert found["enable-password"] == [line_of(path, "enable password 0")]
    for name in ("weak-password-storage", "no-central-aaa", "shared-admin-account", "no-remote-syslog", "no-ntp"):
        assert name in found, name


def test_hardened_fixture_gives_no_management_finding():
    assert management_findings("mgmt-hardened.cfg") == {}


def test_management_console_and_security_children():
    """`management console` and `management security`: known settings are read, an
    unknown child is a parse warning at its line (not silently dropped), and a console
    without idle-timeout never times out (the EOS default)."""
    d = text_parse(
        "hostname a\n"
        "management console\n"
        "   idle-timeout 7\n"
        "   frobnicate 3\n"
        "management security\n"
        "   password minimum length 12\n"
        "   ssl profile TLS\n"
        "   no entropy source hardware\n"
        "   blorp\n"
        "   no blorp\n")
    console = line_named(d, "console")
    assert console.exec_timeout == 420 and console.default_timeout == 0
    assert d.management.facts["password_min_length"] == 12
    assert sorted((w.loc.line, w.message) for w in d.parse_warnings) == [
        (4, "unknown management console command 'frobnicate'"),
        (9, "unknown management security command 'blorp'"),
        (10, "unknown management security command 'no blorp'"),
    ]
    bare = text_parse("hostname a\nmanagement console\n   no idle-timeout\n")
    assert line_named(bare, "console").exec_timeout is None and bare.parse_warnings == []
    assert line_named(bare, "console").default_timeout == 0
