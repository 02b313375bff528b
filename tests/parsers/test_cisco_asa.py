"""Tests of the Cisco ASA parser (parsers/cisco_asa.py) on its unit fixtures
(fixtures/cases/cisco_asa/) and on the sample network's perimeter firewall
(fixtures/core-fw.cfg)."""

from __future__ import annotations

import ipaddress
import time
from pathlib import Path

import pytest

from netlint.model import ANY_SERVICE, DENY, MAX_ADDR, PERMIT, AddressRange, AddressWildcard, ParseError, Service
from parsers import parse_file, parse_text
from parsers.cisco_asa import ASA_PORTS, PARSER, asa_redact

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cases" / "cisco_asa"
CORE_FW = ROOT / "fixtures" / "core-fw.cfg"


def load(name: str):
    return parse_file(CASES / name, vendor="cisco_asa")


def line_of(path: Path, text: str) -> int:
    """1-based number of the first line of `path` whose stripped text equals `text`."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if line.strip() == text:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def net(text: str) -> AddressRange:
    return AddressRange.from_network(text)


def host(text: str) -> AddressRange:
    return AddressRange.host(text)


def refs(device, kind: str | None = None, name: str | None = None):
    return [r for r in device.references if (kind is None or r.kind == kind) and (name is None or r.name == name)]


def parse(text: str, file: str = "snippet.cfg"):
    return PARSER.parse(text, file)


@pytest.fixture(scope="module")
def acl_forms():
    return load("acl-forms.cfg")


@pytest.fixture(scope="module")
def objects():
    return load("objects.cfg")


@pytest.fixture(scope="module")
def weak():
    return load("mgmt-weak.cfg")


@pytest.fixture(scope="module")
def hardened():
    return load("mgmt-hardened.cfg")


@pytest.fixture(scope="module")
def levels():
    return load("no-acl-security-levels.cfg")


@pytest.fixture(scope="module")
def bindings():
    return load("bindings.cfg")


@pytest.fixture(scope="module")
def vpn():
    return load("vpn-ra.cfg")


@pytest.fixture(scope="module")
def core():
    return parse_file(CORE_FW)


# --------------------------------------------------------------------------- detection and basics


def test_detected_as_asa_and_clean_fixtures_have_no_warnings():
    for name in ("acl-forms.cfg", "mgmt-weak.cfg", "mgmt-hardened.cfg", "no-acl-security-levels.cfg", "vpn-ra.cfg"):
        device = parse_file(CASES / name)  # auto-detected
        assert device.vendor == "cisco_asa", name
        assert device.parse_warnings == [], (name, device.parse_warnings)
    assert PARSER.detect((CORE_FW).read_text()) == 100
    assert PARSER.detect("hostname r1\nip access-list extended X\n permit ip any any\n") == 0


def test_inventory(core):
    assert core.hostname == "core-fw"
    assert core.os_version == "9.8(4)"
    assert core.os_version_loc.line == 7
    assert core.model == "ASA5516"
    assert core.facts["serial_number"] == "JAD00000X0X"
    assert core.stateful is True
    assert core.security_levels is True
    assert core.same_security_permitted is False
    assert core.facts["boot_system"] == ["disk0:/asa984-lfbff-k8.SPA"]


def test_snippet_of_access_list_lines_only():
    text = (
        "access-list OUT extended permit tcp any host 10.1.1.1 eq https\n"
        "access-list OUT extended deny ip any any log\n"
    )
    assert PARSER.detect(text) > 0
    device = parse_text(text, "out-acl.txt")
    assert device.vendor == "cisco_asa"
    assert device.hostname == "out-acl"
    assert device.parse_warnings == []
    filt = device.filters["OUT"]
    assert [r.action for r in filt.rules] == [PERMIT, DENY]
    assert filt.rules[0].dst.items == (host("10.1.1.1"),)
    # ASA defaults are not asserted for a snippet
    assert device.management.log_timestamps is None


def test_not_an_asa_config_is_a_parse_error():
    with pytest.raises(ParseError):
        parse("This is a shopping list.\nEggs, milk.\n")
    with pytest.raises(ParseError):
        parse("   \n\n")


# --------------------------------------------------------------------------- ACL forms


def test_filter_shape(acl_forms):
    path = CASES / "acl-forms.cfg"
    filt = acl_forms.filters["ADDR"]
    assert filt.kind == "acl"
    assert filt.default_action == DENY
    assert filt.default_note == "implicit deny at the end of every ASA access list"
    assert filt.stateful is True
    assert filt.loc.line == line_of(path, "access-list ADDR remark CHG-1001 first rule: host and subnet mask")
    assert filt.loc.end_line == line_of(path, "access-list ADDR line 9 extended deny ip any any log")
    assert [o.name for o in acl_forms.objects if o.kind == "acl"] == [
        "ADDR", "PORTS", "PROTO", "OPTS", "IDENT", "SPLIT", "WEBTYPE", "ETHER", "LEGACY"]


def test_addresses(acl_forms):
    rules = acl_forms.filters["ADDR"].rules
    r = rules[0]
    assert r.remark == "CHG-1001 first rule: host and subnet mask\nsecond remark line"
    assert r.name == "line 3"  # ASA numbers remarks as lines too
    assert r.src.items == (host("10.0.0.1"),) and r.dst.items == (net("10.10.0.0/16"),)
    assert r.services == (ANY_SERVICE,) and r.family == 4
    assert r.loc.line == line_of(CASES / "acl-forms.cfg", "access-list ADDR extended permit ip host 10.0.0.1 10.10.0.0 255.255.0.0")
    # name aliases stand for addresses
    r = rules[1]
    assert r.src.items == (host("10.1.1.5"),) and r.src.names == ("WEB-SRV",)
    assert r.dst.items == (net("10.2.0.0/16"),) and r.dst.names == ("BRANCH-NET",)
    # any4 / any6 fix the family; any alone matches both
    assert rules[2].src.any and rules[2].dst.any and rules[2].family == 4
    assert rules[3].src.any and rules[3].dst.items == (net("2001:db8::/32"),) and rules[3].family == 6
    assert rules[4].dst.items == (host("2001:db8::1"),) and rules[4].family == 6
    # 'interface outside' is the interface's own addresses
    r = rules[5]
    assert set(r.dst.items) == {host("198.51.100.2"), host("2001:db8:ffff::2")}
    assert r.dst.names == ("interface outside",)
    assert r.services == (Service(6, (), ((22, 22),)),)
    # 'line N' in the command is accepted; log
    r = rules[6]
    assert r.action == DENY and r.log and r.src.any and r.dst.any and r.family is None


def test_named_ports_and_operators(acl_forms):
    s = [r.services for r in acl_forms.filters["PORTS"].rules]
    assert s[0] == (Service(6, (), ((1521, 1521),)),)  # sqlnet
    assert s[1] == (Service(6, (), ((80, 80),)),)  # www
    assert s[2] == (Service(6, (), ((443, 443),)),)  # https
    assert s[3] == (Service(17, (), ((53, 53),)),)  # domain
    assert s[4] == (Service(6, (), ((0, 22), (24, 65535))),)  # neq telnet
    assert s[5] == (Service(6, (), ((0, 1023),)),)  # lt 1024
    assert s[6] == (Service(6, (), ((1024, 65535),)),)  # gt 1023
    assert s[7] == (Service(17, (), ((1645, 1646),)),)  # range radius radius-acct
    assert s[8] == (Service(6, ((179, 179),), ()),)  # source port bgp
    assert s[9] == (Service(6, ((1024, 65535),), ((8443, 8443),)),)
    assert s[10] == (Service(6, (), ((3020, 3020),)),)  # cifs is 3020 on the ASA, not 445
    assert s[11] == (Service(132, (), ((2905, 2905),)),)  # sctp


def test_port_table_gotchas():
    assert ASA_PORTS["sqlnet"] == 1521
    assert ASA_PORTS["www"] == ASA_PORTS["http"] == 80
    assert ASA_PORTS["cifs"] == 3020
    assert ASA_PORTS["kerberos"] == 750
    assert ASA_PORTS["radius"] == 1645
    assert ASA_PORTS["rsh"] == ASA_PORTS["cmd"] == 514


def test_protocols_and_icmp(acl_forms):
    s = [r.services for r in acl_forms.filters["PROTO"].rules]
    assert s[0] == (Service(50),)
    assert s[1] == (Service(47),)
    assert s[2] == (Service(1, icmp_type=8),)
    assert s[3] == (Service(1, icmp_type=3, icmp_code=4),)
    assert s[4] == (Service(1, icmp_type=11),)
    assert s[5] == (Service(58, icmp_type=129),)
    assert s[6] == (Service(1),)


def test_options(acl_forms):
    rules = acl_forms.filters["OPTS"].rules
    assert rules[0].log and rules[0].extra["log_level"] == 6 and rules[0].extra["log_interval"] == 300
    assert not rules[1].log and rules[1].extra["log_disabled"]
    assert rules[2].time_range == "EXPIRED" and rules[2].time_range_expired is True
    assert rules[3].time_range == "FUTURE" and rules[3].time_range_expired is False
    assert rules[4].time_range == "OFFICE-HOURS" and rules[4].time_range_expired is False
    assert rules[5].enabled is False and rules[5].services == (Service(6, (), ((23, 23),)),)
    r = rules[6]
    assert r.enabled is False and r.log and r.extra["log_level"] == 6 and r.time_range == "OFFICE-HOURS"
    assert all(r.enabled for r in rules[:5])
    # a remark at the end belongs to the filter, not to a rule
    assert acl_forms.filters["OPTS"].remark == "a trailing remark with no rule after it"
    trs = {(o.kind, o.name) for o in acl_forms.objects if o.kind == "time-range"}
    assert trs == {("time-range", "EXPIRED"), ("time-range", "OFFICE-HOURS"), ("time-range", "FUTURE")}
    assert {r.name for r in refs(acl_forms, "time-range")} == {"EXPIRED", "FUTURE", "OFFICE-HOURS"}


def test_identity_arguments_are_approximations(acl_forms):
    rules = acl_forms.filters["IDENT"].rules
    assert rules[0].src.any and rules[0].dst.any
    assert any("user LOCAL\\alice" in a for a in rules[0].approximations)
    assert rules[1].dst.items == (host("10.10.1.1"),)
    assert any("object-group-user TRADERS" in a for a in rules[1].approximations)
    assert rules[0].extra["identity"] == ["user LOCAL\\alice"]
    assert rules[1].extra["identity"] == ["object-group-user TRADERS"]


def test_security_group_arguments():
    device = parse(
        "access-list SGT extended permit tcp security-group name TRADERS any eq 1024 "
        "security-group tag 20 host 10.1.1.1 eq https\n")
    assert device.parse_warnings == []
    (r,) = device.filters["SGT"].rules
    assert r.extra["identity"] == ["security-group name TRADERS", "security-group tag 20"]
    assert r.services == (Service(6, ((1024, 1024),), ((443, 443),)),)
    assert r.dst.items == (host("10.1.1.1"),) and len(r.approximations) == 2
    # a deny limited to some users is assumed not to match (the engine's rule for unknowns)
    device = parse("access-list U extended deny ip user-group LOCAL\\\\guests any any\n")
    (r,) = device.filters["U"].rules
    assert r.services == () and r.approximations and r.extra["identity"] == ["user-group LOCAL\\\\guests"]


def test_standard_acl_matches_destination_only(acl_forms):
    filt = acl_forms.filters["SPLIT"]
    assert filt.kind == "standard-acl"
    assert filt.default_action == DENY
    r0, r1, r2 = filt.rules
    assert r0.src.any and r0.dst.items == (net("10.10.0.0/16"),) and r0.services == (ANY_SERVICE,)
    assert r1.src.any and r1.dst.items == (host("10.99.0.5"),)
    assert r2.action == DENY and r2.dst.any and r2.family == 4


def test_non_ip_acls_are_noted_not_modelled(acl_forms):
    assert "WEBTYPE" not in acl_forms.filters and "ETHER" not in acl_forms.filters
    assert acl_forms.facts["non_ip_acls"] == {"WEBTYPE": "webtype", "ETHER": "ethertype"}
    assert len(acl_forms.facts["parse_notes"]) == 2
    assert acl_forms.parse_warnings == []


def test_pix_style_line_without_type(acl_forms):
    (r,) = acl_forms.filters["LEGACY"].rules
    assert r.action == PERMIT and r.services == (Service(6, (), ((8080, 8080),)),)


# --------------------------------------------------------------------------- objects and groups


def test_object_definitions(objects):
    kinds = {o.name: o.kind for o in objects.objects}
    assert kinds["WEB1"] == "address-object"
    assert kinds["SVC-HTTPS"] == "service-object"
    assert kinds["WEB-SERVERS"] == "address-group"
    assert kinds["WEB-PORTS"] == "service-group"
    assert kinds["TUNNELS"] == "protocol-group"
    assert kinds["PINGS"] == "icmp-group"
    assert kinds["OBJ"] == "acl"
    # WEB1 appears twice in the file (definition, then its NAT): defined once
    assert sum(1 for o in objects.objects if o.name == "WEB1") == 1
    web = next(o for o in objects.objects if o.name == "WEB-SERVERS")
    assert web.description == "web farm"
    assert web.members == ("network-object object WEB1", "network-object object WEB2")
    assert web.loc.end_line == web.loc.line + 3


def test_nested_groups_resolve(objects):
    rules = objects.filters["OBJ"].rules
    r = rules[0]
    assert r.dst.names == ("WEB-SERVERS",)
    assert r.dst.items == (host("10.1.1.10"), host("10.1.1.11"))
    assert r.services == (Service(6, (), ((80, 80), (443, 443), (8080, 8081))),)
    assert r.service_names == ("WEB-PORTS",)
    r = rules[1]
    assert r.dst.items == (
        host("10.1.1.10"), host("10.1.1.11"), AddressRange.between("10.1.2.10", "10.1.2.20"),
        host("10.50.0.10"), net("10.1.4.0/24"))
    assert r.services == (Service(6, (), ((80, 80), (443, 443), (8080, 8081), (8443, 8443))),)


def test_service_groups_and_objects(objects):
    rules = objects.filters["OBJ"].rules
    assert set(rules[2].services) == {
        Service(6, (), ((22, 22),)), Service(17, (), ((161, 162),)), Service(1, icmp_type=0),
        Service(6, (), ((443, 443),)), Service(50)}
    assert rules[2].service_names == ("MIXED",)
    assert rules[3].services == (Service(6, (), ((443, 443),)),) and rules[3].service_names == ("SVC-HTTPS",)
    assert rules[4].services == (Service(50), Service(51), Service(47))
    assert rules[5].services == (Service(6, (), ((53, 53),)), Service(17, (), ((53, 53),)))
    assert rules[5].service_names == ("TCPUDP", "DNS")
    assert rules[6].services == (Service(1, icmp_type=8), Service(1, icmp_type=0), Service(1, icmp_type=11))
    assert rules[13].services == (Service(17, ((1024, 65535),), ((123, 123),)),)
    assert rules[14].services == (Service(6, (), ((8080, 8080),)),)  # legacy 'service-object tcp eq 8080'
    assert rules[15].services == (Service(1, icmp_type=8),)
    assert rules[16].services == (Service(47),)


def test_fqdn_empty_undefined(objects):
    rules = objects.filters["OBJ"].rules
    r = rules[7]
    assert r.dst.items == (host("10.1.5.5"),) and r.dst.unresolved == ("CDN",)
    assert any("cdn.example.com" in a for a in r.approximations)
    r = rules[9]  # an emptied group matches nothing
    assert r.dst.items == () and not r.dst.any and r.dst.is_empty_match()
    r = rules[10]  # undefined object: referred to, unresolved
    assert r.dst.unresolved == ("UNDEFINED-OBJ",) and r.approximations
    assert refs(objects, "address-object", "UNDEFINED-OBJ")[0].context == "access-list OBJ"
    r = rules[11]  # undefined service group on a deny: assumed not to match
    assert r.action == DENY and r.services == () and r.extra["unresolved_services"] == ("UNDEFINED-SVC",)
    assert refs(objects, "service-group", "UNDEFINED-SVC")
    r = rules[12]
    assert r.family == 6 and r.dst.items == (net("2001:db8:10::/48"),)


def test_group_cycle_is_a_warning(objects):
    path = CASES / "objects.cfg"
    (w,) = objects.parse_warnings
    assert "loop" in w.message
    assert w.loc.line == line_of(path, "group-object LOOP-A")
    r = objects.filters["OBJ"].rules[8]
    assert set(r.dst.items) == {host("10.9.9.1"), host("10.9.9.2")}


def test_references_nesting_nat_and_safety_net(objects):
    contexts = {(r.kind, r.name, r.context) for r in objects.references}
    assert ("address-object", "WEB1", "member of object-group WEB-SERVERS") in contexts
    assert ("address-group", "WEB-SERVERS", "nested in object-group ALL-SERVERS") in contexts
    assert ("service-group", "WEB-PORTS", "nested in object-group MORE-PORTS") in contexts
    assert ("service-object", "SVC-HTTPS", "member of object-group MIXED") in contexts
    assert ("address-object", "WEB1", "object nat") in contexts
    assert ("address-object", "PUBLIC-WEB", "object nat") in contexts
    assert ("address-object", "NAT-REAL", "nat") in contexts
    assert ("address-object", "NAT-MAPPED", "nat") in contexts
    assert ("acl", "OBJ", "interface outside inbound") in contexts
    # only used by threat-detection, which is not modelled: 'mentioned'
    (m,) = refs(objects, name="SHUN-EXEMPT")
    assert m.context == "mentioned" and m.kind == "address-group"
    assert m.loc.line == line_of(CASES / "objects.cfg", "threat-detection scanning-threat shun except object-group SHUN-EXEMPT")
    assert refs(objects, name="UNUSED-GROUP") == []
    nat = objects.facts["nat"]
    assert nat[0]["kind"] == "object" and nat[0]["real"] == "WEB1" and nat[0]["mapped"] == "PUBLIC-WEB"
    assert nat[1] == {"line": line_of(CASES / "objects.cfg", "nat (inside,outside) source static NAT-REAL NAT-MAPPED no-proxy-arp route-lookup"),
                      "kind": "twice", "type": "static", "real_interface": "inside", "mapped_interface": "outside",
                      "real": "NAT-REAL", "mapped": "NAT-MAPPED"}
    assert objects.interface("outside").nat_outside is True


# --------------------------------------------------------------------------- interfaces, security levels, bindings, routes


def test_security_levels_without_acls(levels):
    by = {i.nameif: i for i in levels.interfaces if i.nameif}
    assert by["outside"].security_level == 0
    assert by["inside"].security_level == 100 and by["inside"].extra["security_level_default"]
    assert by["partner"].security_level == 0
    assert by["dmz"].security_level == by["dmz2"].security_level == 50
    assert all(i.filter_in is None and i.filter_out is None for i in levels.interfaces)
    assert levels.security_levels and levels.stateful
    assert levels.same_security_permitted is True
    assert levels.facts["same_security_intra"] is True
    assert levels.filters == {} and levels.global_filters_in == []


def test_interfaces(levels):
    users = levels.interface("users")
    assert users.name == "GigabitEthernet0/5.100" and users.vlan_id == 100
    assert users.description == "users VLAN"
    assert [str(a) for a in users.addresses] == ["10.30.0.1/16"]
    pc = levels.interface("Port-channel1")
    assert pc.nameif == "servers" and pc.security_level == 90
    mgmt = levels.interface("Management0/0")
    assert mgmt.extra["management_only"] is True
    g7 = levels.interface("GigabitEthernet0/7")
    assert g7.shutdown is True and g7.nameif is None and g7.addresses == []
    member = levels.interface("GigabitEthernet0/6")
    assert member.nameif is None and member.security_level is None


def test_switch_ports_and_vlan_interfaces():
    device = parse(
        "ASA Version 9.2(4)\nhostname small\n"
        "interface Ethernet0/0\n switchport access vlan 2\n"
        "interface Ethernet0/1\n switchport mode trunk\n switchport trunk allowed vlan 1,10-12\n"
        "interface Vlan2\n nameif outside\n security-level 0\n ip address dhcp setroute\n"
        "interface Vlan1\n nameif inside\n security-level 100\n ip address 192.168.1.1 255.255.255.0\n")
    assert device.parse_warnings == []
    e0 = device.interface("Ethernet0/0")
    assert e0.switchport and e0.mode == "access" and e0.access_vlan == 2
    assert device.interface("Ethernet0/1").trunk_allowed_vlans == (1, 10, 11, 12)
    outside = device.interface("outside")
    assert outside.name == "Vlan2" and outside.is_svi and outside.extra["address_dhcp"] is True
    assert outside.addresses == []


def test_routes(levels):
    r = levels.routes
    assert r[0].is_default and r[0].interface == "outside" and r[0].next_hop == "198.51.100.1" and r[0].distance == 1
    assert r[1].destination == net("10.0.0.0/8") and r[1].interface == "inside"
    assert r[2].distance == 254
    assert r[3].destination.family == 6 and r[3].is_default and r[3].next_hop == "2001:db8:ffff::1"


def test_bindings(bindings):
    path = CASES / "bindings.cfg"
    assert bindings.interface("outside").filter_in == "OUT_IN"
    assert bindings.interface("inside").filter_out == "IN_OUT"
    assert bindings.interface("inside").filter_in is None
    assert bindings.global_filters_in == ["GLOBAL_ACL"]
    # control-plane ACLs filter traffic to the box, not through it
    assert bindings.interface("outside").extra["control_plane_filter_in"] == "TO_BOX"
    # the ASA refuses to bind an undefined ACL: not bound, but referred to
    dmz = bindings.interface("dmz")
    assert dmz.filter_in is None and dmz.extra["filter_in_undefined"] == "MISSING_ACL"
    (ref,) = refs(bindings, "acl", "MISSING_ACL")
    assert ref.context == "interface dmz inbound"
    contexts = {(r.name, r.context) for r in refs(bindings, "acl")}
    assert ("GLOBAL_ACL", "access-group global") in contexts
    assert ("TO_BOX", "interface outside inbound control-plane") in contexts
    (w,) = bindings.parse_warnings
    assert w.loc.line == line_of(path, "access-group OUT_IN in interface nosuchif")
    assert "nosuchif" in w.message


# --------------------------------------------------------------------------- management plane


def test_weak_management(weak):
    m = weak.management
    telnet = m.service("telnet")
    assert [s.interfaces for s in telnet] == [["outside"], ["inside"]]
    out = telnet[0]
    assert out.allowed_sources == [AddressRange(4, 0, MAX_ADDR[4])]
    assert "any address" in out.note and out.enabled
    assert out.loc.line == line_of(CASES / "mgmt-weak.cfg", "telnet 0.0.0.0 0.0.0.0 outside")
    https = m.service("https")
    assert len(https) == 1 and https[0].enabled and https[0].interfaces == ["outside"]
    assert https[0].allowed_sources == [AddressRange(4, 0, MAX_ADDR[4])] and https[0].port == 443
    ssh = m.service("ssh")
    assert ssh[0].interfaces == ["outside"] and ssh[0].allowed_sources == [AddressRange(4, 0, MAX_ADDR[4])]
    assert ssh[1].allowed_sources == [net("10.1.1.0/24")]
    assert m.ssh_version == "1" and ssh[0].version == "1"
    assert m.facts["ssh_timeout"] == 60 and m.facts["ssh_key_exchange"] == "dh-group1-sha1"
    assert m.facts["console_timeout"] == 0 and m.facts["telnet_timeout"] == 60
    assert weak.interface("outside").management_access == ("telnet", "https", "ssh")
    # SNMP
    comms = m.snmp_communities
    assert [c.secret.default_value for c in comms] == ["public", "private"]
    assert comms[0].secret.storage == "plaintext" and comms[1].version == "2c"
    snmp = m.service("snmp")
    assert snmp[0].interfaces == ["inside"] and snmp[0].allowed_sources == [host("10.1.1.50")]
    # users and passwords
    users = {u.name: u for u in m.users}
    assert users["admin"].secret.storage == "plaintext" and users["admin"].privilege == 2
    assert users["cisco"].secret.storage == "md5" and users["cisco"].privilege == 15
    assert users["ops"].secret is None and users["ops"].privilege == 15
    assert m.enable_secret.storage == "md5" and m.enable_secret.default_value == ""
    assert m.facts["passwd"] == "md5" and m.facts["passwd_default"] == "cisco"
    path = CASES / "mgmt-weak.cfg"
    passwd_line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if t.startswith("passwd "))
    assert m.login_password.default_value == "cisco" and m.login_password_loc.line == passwd_line
    # SSH algorithms, with OpenSSH names: 'low' offers 3DES besides AES
    assert m.ssh_algorithms["kex"] == ("diffie-hellman-group1-sha1",)
    assert "3des-cbc" in m.ssh_algorithms["cipher"] and "mac" not in m.ssh_algorithms
    assert m.ssh_algorithms_loc["cipher"].line == line_of(path, "ssh cipher encryption low")
    # SNMPv3 group and user
    (group,) = m.snmp_groups
    assert (group.name, group.version, group.level) == ("LEGACY", "3", "auth")
    assert [(u.name, u.auth, u.priv) for u in m.snmp_users] == [("nms-legacy", "md5", None)]
    # idle timeouts of the sessions: set (ssh, telnet), the ASDM default (20 min), console 0
    sessions = {ln.name: (ln.exec_timeout, ln.default_timeout, ln.loc.line if ln.loc else None) for ln in m.lines}
    assert sessions == {
        "console": (0, 0, line_of(path, "console timeout 0")),
        "ssh": (3600, 300, line_of(path, "ssh timeout 60")),
        "telnet": (3600, 300, line_of(path, "telnet timeout 60")),
        "http (ASDM)": (None, 1200, line_of(path, "http server enable")),
    }
    # no AAA, no remote logging, no timestamps, no NTP, no banner
    assert m.aaa.enabled is False and m.aaa.servers == []
    assert m.log_hosts == [] and m.log_timestamps is False
    assert m.facts["logging_enabled"] is False
    assert m.facts["logging_buffered"] == 7 and m.facts["logging_console"] == 7
    assert m.ntp_servers == [] and m.banners == {}
    assert weak.facts["icmp_rules"] == [{"action": "permit", "source": "any", "icmp_type": "any",
                                         "interface": "outside", "family": 4,
                                         "line": line_of(CASES / "mgmt-weak.cfg", "icmp permit any outside")}]
    assert weak.facts["dhcpd_interfaces"] == ["outside"]


def test_telnet_on_lowest_level_interface_is_noted(weak):
    out = weak.management.service("telnet")[0]
    assert "VPN tunnel" in out.note


def test_hardened_management(hardened):
    path = CASES / "mgmt-hardened.cfg"
    m = hardened.management
    assert hardened.model == "ASA5525"
    assert m.service("telnet") == []
    (https,) = m.service("https")
    assert https.port == 8443 and https.interfaces == ["mgmt"] and https.allowed_sources == [net("10.99.0.0/24")]
    (ssh,) = m.service("ssh")
    assert ssh.allowed_sources == [net("10.99.0.0/24"), net("2001:db8:99::/64")]
    assert ssh.version == "2" and m.ssh_version == "2"
    assert m.ssh_version_loc.line == line_of(path, "ssh version 2")
    assert m.facts["ssh_cipher_encryption"] == "high" and m.facts["ssh_cipher_integrity"] == "high"
    assert m.facts["http_server_idle_timeout"] == 5 and m.facts["http_server_session_timeout"] == 30
    assert hardened.interface("mgmt").management_access == ("https", "ssh", "snmp")
    assert hardened.interface("outside").management_access == ()
    # AAA
    aaa = m.aaa
    assert aaa.enabled is True
    assert [(s.protocol, s.address) for s in aaa.servers] == [
        ("tacacs+", "10.99.0.11"), ("tacacs+", "10.99.0.12"), ("radius", "10.99.0.13")]
    # masked by show running-config (the keys are encrypted under the master passphrase)
    assert [s.key.storage for s in aaa.servers] == ["unknown", "unknown", "unknown"]
    assert aaa.login_methods == ["group TACACS", "local"]
    assert m.facts["aaa_authentication"]["ssh"] == ["group TACACS", "local"]
    assert m.facts["aaa_authentication"]["serial"] == ["local"]
    assert aaa.authorization_commands is True and aaa.accounting_commands is True
    assert aaa.accounting_loc.line == line_of(path, "aaa accounting command privilege 15 TACACS")
    assert m.facts["aaa_max_fail"] == 3
    # users
    (user,) = m.users
    assert user.name == "breakglass" and user.privilege == 15 and user.secret.storage == "pbkdf2"
    assert user.key_auth is True and user.role == "admin"
    assert m.enable_secret.storage == "pbkdf2" and m.enable_loc.line == line_of(
        path, "enable password $sha512$5000$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNo pbkdf2")
    # SNMPv3
    assert m.snmp_communities == []
    (su,) = m.snmp_users
    assert (su.name, su.auth, su.priv) == ("nms", "sha", "aes256")
    assert m.facts["snmp_groups"] == {"NMS": "v3 priv"}
    (snmp,) = m.service("snmp")
    assert snmp.version == "3" and snmp.allowed_sources == [host("10.99.0.30")]
    # logging
    assert m.facts["logging_enabled"] is True
    assert m.log_timestamps is True and m.log_timestamps_loc.line == line_of(path, "logging timestamp")
    assert [(h.address, h.transport, h.port) for h in m.log_hosts] == [("10.99.0.20", "tls", 1470), ("10.99.0.21", "udp", 514)]
    assert m.facts["logging_trap"] == 6 and m.facts["logging_buffered"] == 4
    assert m.facts["logging_buffer_size"] == 1048576
    # NTP
    assert m.ntp_servers == ["10.99.0.10", "10.99.0.11"] and m.ntp_authenticated is True
    assert m.facts["ntp_trusted_keys"] == ["1"]
    # banners
    assert m.banners == {"motd": "Authorized access only.\nActivity is logged.",
                         "login": "Example Securities - authorized administrators only",
                         "asdm": "Authorized access only."}
    # facts
    f = hardened.facts
    assert f["password_recovery"] is False and f["failover"] is True and f["failover_key"] is True
    assert f["threat_detection"] == ["basic-threat", "scanning-threat shun"]
    assert [r["action"] for r in f["icmp_rules"]] == ["deny", "permit"]
    assert f["icmp_rules"][1]["icmp_type"] == "echo" and f["icmp_rules"][1]["interface"] == "mgmt"
    assert f["ssl"] == {"server-version": "tlsv1.2", "cipher": "tlsv1.2 high"}
    assert f["password_policy"] == {"minimum-length": "15"}
    assert hardened.interface("outside").extra["standby"] == "198.51.100.3"


def test_aaa_server_keys_and_session_defaults():
    d = parse("ASA Version 9.8(4)\nhostname fw\n"
              "aaa-server RAD protocol radius\n"
              "aaa-server RAD (inside) host 10.0.0.5 key s3cretRadiusKey\n"
              "aaa-server RAD (inside) host 10.0.0.6\n"
              " key *****\n"
              "ssh 10.0.0.0 255.0.0.0 inside\n"
              "ssh cipher encryption custom \"aes256-ctr:3des-cbc\"\n"
              "ssh cipher integrity high\n")
    m = d.management
    inline, masked = m.aaa.servers
    assert inline.key.storage == "plaintext" and inline.key.default_value is None
    assert masked.key.storage == "unknown"
    assert m.ssh_algorithms == {"cipher": ("aes256-ctr", "3des-cbc"), "mac": ("hmac-sha2-256",)}
    # no 'ssh timeout' (5 minutes) and no 'console timeout' (never): the ASA defaults
    assert {ln.name: (ln.exec_timeout, ln.default_timeout) for ln in m.lines} == {
        "ssh": (None, 300), "console": (None, 0)}
    assert "s3cretRadiusKey" not in repr(d)


def test_http_lines_without_http_server_enable_grant_nothing():
    device = parse("ASA Version 9.8(4)\nhostname x\nhttp 10.0.0.0 255.0.0.0 inside\n")
    (svc,) = device.management.service("https")
    assert svc.enabled is False and "http server enable" in svc.note
    assert device.management.facts["http_server_enabled"] is False


def test_logging_host_without_logging_enable_sends_nothing():
    device = parse("ASA Version 9.8(4)\nhostname x\nlogging host inside 10.1.1.1\n")
    assert device.management.log_hosts == []
    assert device.management.facts["log_hosts_inactive"] == ["10.1.1.1"]


def test_ssh_version_both():
    device = parse("ASA Version 8.4(7)\nhostname x\nssh version 1 2\n")
    assert device.management.ssh_version == "1,2"


def test_secrets_never_reach_the_model(hardened, vpn):
    text = repr(hardened) + repr(vpn)
    for secret in ("s3cretRadiusKey", "AuthPassw0rd", "PrivPassw0rd", "NtpKeyValue", "SuperSecretPSK",
                   "c2FsdA==$aGFzaA==", "aGFzaGhhc2hoYXNo"):
        assert secret not in text, secret
    weak = parse_file(CASES / "mgmt-weak.cfg")
    assert "3USUcOPFUiMCO4Jk" not in repr(weak) and "8Ry2YjIyt7RRXU24" not in repr(weak)


def test_redaction():
    assert asa_redact("snmp-server host inside 10.1.1.1 community S3cret version 2c") == \
        "snmp-server host inside 10.1.1.1 community <redacted> version 2c"
    assert asa_redact("ntp authentication-key 1 md5 NtpKeyValue") == "ntp authentication-key 1 md5 <redacted>"
    assert "PrivPw" not in asa_redact("snmp-server user u G v3 auth sha AuthPw priv aes 128 PrivPw")
    assert asa_redact("snmp-server community public") == "snmp-server community public"
    assert asa_redact("access-list A extended permit ip any any") == "access-list A extended permit ip any any"


# --------------------------------------------------------------------------- VPN and ACL uses elsewhere


def test_acl_references_outside_access_group(vpn):
    path = CASES / "vpn-ra.cfg"
    got = {(r.name, r.context, r.loc.line) for r in refs(vpn, "acl")}
    assert got == {
        ("IGMP-ACL", "interface GigabitEthernet0/1", line_of(path, "igmp access-group IGMP-ACL")),
        ("L2L-CRYPTO", "crypto map L2L-MAP", line_of(path, "crypto map L2L-MAP 10 match address L2L-CRYPTO")),
        ("RA-FILTER", "group-policy RA-POLICY", line_of(path, "vpn-filter value RA-FILTER")),
        ("SPLIT-TUNNEL", "group-policy RA-POLICY", line_of(path, "split-tunnel-network-list value SPLIT-TUNNEL")),
        ("QOS-ACL", "class-map VOICE", line_of(path, "match access-list QOS-ACL")),
        ("CAPTURE-ACL", "capture CAP1", line_of(path, "capture CAP1 access-list CAPTURE-ACL interface inside")),
        ("ROUTE-ACL", "route-map RM-OSPF", line_of(path, "match ip address ROUTE-ACL")),
        ("OSPF-FILTER", "router ospf", line_of(path, "distribute-list OSPF-FILTER in")),
        ("PIM-RP-ACL", "mentioned", line_of(path, "pim rp-address 10.1.1.1 PIM-RP-ACL")),
    }
    assert refs(vpn, "acl", "NEVER-USED") == []
    assert refs(vpn, "time-range", "WORK-HOURS")[0].context == "group-policy RA-POLICY vpn-access-hours"


def test_more_acl_uses():
    device = parse(
        "ASA Version 8.2(5)\nhostname old\n"
        "access-list NONAT extended permit ip 10.0.0.0 255.0.0.0 192.168.0.0 255.255.0.0\n"
        "access-list AUTH-MATCH extended permit tcp any any eq www\n"
        "access-list USER-FILTER extended permit ip any host 10.1.1.1\n"
        "nat (inside) 0 access-list NONAT\n"
        "aaa authentication match AUTH-MATCH inside RAD\n"
        "username vpnuser password x encrypted\n"
        "username vpnuser attributes\n vpn-filter value USER-FILTER\n service-type remote-access\n")
    assert device.parse_warnings == []
    got = {(r.name, r.context) for r in refs(device, "acl")}
    assert got == {("NONAT", "nat"), ("AUTH-MATCH", "aaa"), ("USER-FILTER", "username vpnuser attributes")}
    assert device.management.users[0].role == "remote-access"


def test_remote_access_facts(vpn):
    f = vpn.facts
    assert f["remote_access_vpn"] is True
    assert f["anyconnect_enabled"] is True and f["webvpn_interfaces"] == ["outside"]
    assert f["tunnel_groups"]["RA-VPN"]["type"] == "remote-access"
    assert f["tunnel_groups"]["RA-VPN"]["general-attributes"]["authentication-server-group"] == "RAD"
    assert f["tunnel_groups"]["192.0.2.1"]["pre_shared_key"] is True
    gp = f["group_policies"]["RA-POLICY"]
    assert gp["vpn_tunnel_protocol"] == ["ikev2", "ssl-client"]
    assert gp["split-tunnel-policy"] == "tunnelspecified" and gp["vpn-idle-timeout"] == "30"
    assert f["crypto_map_interfaces"] == ["outside"] and f["vpn_peers"] == ["192.0.2.1"]
    assert f["ikev2_enabled_interfaces"] == ["outside"]
    assert any(c["text"] == "group 14" for c in f["crypto_lines"])


# --------------------------------------------------------------------------- malformed and truncated input


def test_malformed_lines_are_warnings_at_their_line():
    path = CASES / "malformed.cfg"
    device = load("malformed.cfg")
    got = {w.loc.line: w.message for w in device.parse_warnings}
    expect = {
        "frobnicate the interface": "line not understood",
        "frobnicate all the things": "line not understood",
        "access-list BAD extended permit tcp any any eq notaport": "unknown port name 'notaport'",
        "access-list BAD extended permit tcp any": "destination address missing",
        "access-list BAD extended allow ip any any": "expected permit or deny, got 'allow'",
        "access-list BAD extended permit ip host 10.1.1.300 any": "'10.1.1.300' is not an IP address",
        "access-list BAD extended permit tcp any any range 90 80": "port range 90-80 is reversed",
        "access-list BAD extended permit ip any any frobnicate": "unexpected 'frobnicate'",
        "access-list BAD extended permit ip any4 any6": "mix IPv4 and IPv6",
        "route outside 0.0.0.0 0.0.0.0": "route: expected",
        "ssh 10.0.0.0 255.255.255.0": "interface name missing",
        "network-object 10.0.0.0 255.255.300.0": "'255.255.300.0' is not a subnet mask",
        "access-group BAD in interface nosuchif": "no interface has nameif 'nosuchif'",
        "security-level 50": "line not understood",
    }
    assert len(got) == len(expect)
    for text, message in expect.items():
        assert message in got[line_of(path, text)], (text, got[line_of(path, text)])
    # everything valid around the bad lines is read
    (rule,) = device.filters["BAD"].rules
    assert rule.src.any and rule.dst.any and rule.name == "line 8"
    assert device.interface("outside").security_level == 0
    group = next(o for o in device.objects if o.name == "G")
    assert group.kind == "address-group"
    assert [w.loc.line for w in device.parse_warnings] == sorted(got)


def test_truncated_file_parses_what_it_has():
    path = CASES / "truncated.cfg"
    device = load("truncated.cfg")
    rules = device.filters["OUTSIDE_IN"].rules
    assert len(rules) == 2
    assert rules[0].dst.items == (host("10.1.1.10"), host("10.1.1.11"))
    assert rules[1].dst.items == (host("10.1.1.12"),)
    lines = [w.loc.line for w in device.parse_warnings]
    assert lines == [line_of(path, "access-list OUTSIDE_IN extended permit tcp any host 10.1.1."), 15]
    assert "without a name" in device.parse_warnings[1].message


def test_truncated_block():
    device = parse("ASA Version 9.8(4)\nhostname x\nobject-group network G\ninterface GigabitEthernet0/0\n nameif out")
    assert device.interface("out") is not None
    assert next(o for o in device.objects if o.name == "G").members == ()


def test_odd_input_never_crashes():
    odd = [
        "access-list", "access-list X", "access-list X extended", "access-list X extended permit",
        "access-list X extended permit tcp any any eq", "access-list X extended permit icmp any any echo 99999",
        "access-list X extended permit tcp object-group", "access-list X line", "access-list X remark",
        "object network", "object network O\n host", "object network O\n subnet 1.2.3.4",
        "object-group service S tcp\n port-object", "object-group service S\n service-object",
        "object-group protocol P\n protocol-object bogus", "name", "name 1.2.3.4", "route", "ipv6 route x",
        "ssh", "ssh version", "ssh 1.2.3.4", "http", "http 1.2.3.4 255.0.0.0", "telnet", "snmp-server",
        "snmp-server host", "snmp-server user u", "aaa", "aaa-server", "aaa-server X (in) host",
        "username", "username u", "username u password", "enable password", "logging host x",
        "ntp", "ntp server", "banner", "icmp permit", "interface", "interface G0\n security-level x",
        "interface G0\n ip address 1.2.3.4", "interface G0\n vlan", "no", "crypto", "nat", "access-group",
        "access-group X in", "time-range", "time-range T\n absolute end 25:99 99 Nomonth 20x", "same-security-traffic",
        "console", "ip", "username u attributes\n ssh authentication", "access-list X standard permit",
        "access-list X extended permit object-group", "access-list X extended permit ip any any log interval",
    ]
    for text in odd:
        device = parse("ASA Version 9.8(4)\nhostname x\n" + text + "\n")
        assert device.vendor == "cisco_asa"


def test_fuzzed_configs_never_crash():
    """Truncations and random token edits of the fixtures give warnings, never a traceback."""
    import random

    rng = random.Random(20240601)
    junk = ["any", "host", "object-group", "eq", "log", "999999", "::", "1.2.3", "interface", "range", "0", "(in,out)"]
    for path in [CORE_FW, CASES / "objects.cfg", CASES / "mgmt-hardened.cfg", CASES / "vpn-ra.cfg"]:
        lines = path.read_text().splitlines()
        for _ in range(40):
            mutated = list(lines)
            for _ in range(rng.randint(1, 5)):
                i = rng.randrange(len(mutated))
                toks = mutated[i].split(" ")
                if rng.random() < 0.5 and len(toks) > 1:
                    del toks[rng.randrange(len(toks))]
                else:
                    toks.insert(rng.randrange(len(toks) + 1), rng.choice(junk))
                mutated[i] = " ".join(toks)
            cut = rng.randrange(1, len(mutated) + 1)
            for text in ("\n".join(mutated), "\n".join(mutated[:cut])[:-rng.randint(1, 9)]):
                try:
                    device = parse(text, "fuzz.cfg")
                except ParseError:
                    continue
                assert all("internal error" not in w.message for w in device.parse_warnings)


# --------------------------------------------------------------------------- the sample network's firewall


def test_core_fw_parses_cleanly(core):
    assert core.parse_warnings == []
    by = {i.nameif: i for i in core.interfaces if i.nameif}
    assert set(by) == {"outside", "dmz", "inside", "mgmt"}
    assert (by["outside"].name, by["outside"].security_level, [str(a) for a in by["outside"].addresses]) == \
        ("GigabitEthernet0/0", 0, ["198.51.100.2/30"])
    assert (by["dmz"].name, by["dmz"].security_level, [str(a) for a in by["dmz"].addresses]) == \
        ("GigabitEthernet0/1", 50, ["172.16.50.1/24"])
    assert (by["inside"].name, by["inside"].security_level, [str(a) for a in by["inside"].addresses]) == \
        ("GigabitEthernet0/2", 100, ["10.0.0.1/30"])
    assert (by["mgmt"].name, by["mgmt"].security_level, [str(a) for a in by["mgmt"].addresses]) == \
        ("Management0/0", 100, ["10.99.0.2/24"])
    assert by["outside"].filter_in == "OUTSIDE_IN" and by["dmz"].filter_in == "DMZ_IN"
    assert by["inside"].filter_in is None and by["mgmt"].filter_in is None
    assert by["mgmt"].extra["filter_in_undefined"] == "MGMT_IN"
    routes = [(str(r.destination), r.interface, r.next_hop, r.distance) for r in core.routes]
    assert routes == [("0.0.0.0/0", "outside", "198.51.100.1", 1), ("10.0.0.0/8", "inside", "10.0.0.2", 1)]
    line_count = len(CORE_FW.read_text().splitlines())
    assert 150 <= line_count <= 250


def test_core_fw_planted_rules(core):
    text = CORE_FW.read_text().splitlines()
    out = core.filters["OUTSIDE_IN"].rules
    assert [(r.action, r.name) for r in out] == [
        (PERMIT, "line 2"), (PERMIT, "line 4"), (PERMIT, "line 6"), (DENY, "line 8"), (PERMIT, "line 10"), (DENY, "line 12")]
    web = host("172.16.50.10")
    gw = host("172.16.50.20")
    assert out[0].dst.items == (web,) and out[0].services == (Service(6, (), ((80, 80), (443, 443))),)
    assert out[1].dst.items == (gw,) and out[1].services == (Service(6, (), ((443, 443),)),)
    assert out[2].dst.items == (gw,) and out[2].services == (Service(6, (), ((3389, 3389),)),)
    assert out[2].remark == "vendor support, temporary"
    assert out[3].action == DENY and out[3].services == out[2].services and out[3].log
    assert out[4].dst.items == (web,) and out[4].services == (Service(6, (), ((443, 443),)),)
    assert out[5].src.any and out[5].dst.any and out[5].services == (ANY_SERVICE,)
    for rule in (out[2], out[3], out[4]):
        assert text[rule.loc.line - 2].startswith("! PLANTED"), rule.loc
    dmz = core.filters["DMZ_IN"].rules
    assert dmz[0].src.items == (gw,) and dmz[0].dst.items == (net("10.10.20.0/24"),)
    assert dmz[0].services == (Service(6, (), ((1521, 1521),)),)
    assert set(dmz[1].services) == {Service(17, (), ((53, 53),)), Service(6, (), ((53, 53),)), Service(17, (), ((123, 123),))}
    assert dmz[1].dst.items == (host("10.99.0.53"), host("10.99.0.10"))
    assert dmz[-1].src.any and dmz[-1].dst.any and dmz[-1].services == (ANY_SERVICE,) and dmz[-1].action == PERMIT
    assert text[dmz[-1].loc.line - 2].startswith("! PLANTED")


def test_core_fw_every_planted_comment_precedes_a_line_that_shows_it(core):
    lines = CORE_FW.read_text().splitlines()
    planted = [i for i, line in enumerate(lines) if line.startswith("! PLANTED")]
    assert len(planted) == 13
    for i in planted:
        nxt = lines[i + 1]
        assert nxt.startswith(("access-list", "object-group", "access-group", "http 0.0.0.0", "telnet 0.0.0.0",
                               "snmp-server community", "username admin", "ASA Version", "interface")), nxt


def test_core_fw_unused_and_undefined(core):
    used = {(r.kind, r.name) for r in core.references}
    assert ("acl", "OLD_PARTNER") not in used
    assert ("address-group", "PARTNER-NETS") not in used
    assert {o.name for o in core.objects if o.kind == "acl"} == {"OUTSIDE_IN", "DMZ_IN", "OLD_PARTNER"}
    (ref,) = refs(core, "acl", "MGMT_IN")
    assert ref.context == "interface mgmt inbound"


def test_core_fw_management(core):
    m = core.management
    (telnet,) = m.service("telnet")
    assert telnet.interfaces == ["outside"] and telnet.allowed_sources == [AddressRange(4, 0, MAX_ADDR[4])]
    https = m.service("https")
    assert [(s.interfaces, s.enabled) for s in https] == [(["outside"], True), (["mgmt"], True)]
    assert https[0].allowed_sources == [AddressRange(4, 0, MAX_ADDR[4])]
    (ssh,) = m.service("ssh")
    assert ssh.interfaces == ["mgmt"] and ssh.allowed_sources == [net("10.99.0.0/24")]
    assert m.ssh_version == "2"
    assert [c.secret.default_value for c in m.snmp_communities] == ["public"]
    (admin,) = m.users
    assert admin.name == "admin" and admin.privilege == 15 and admin.secret.storage == "md5"
    assert m.enable_secret.storage == "pbkdf2"
    assert m.aaa.enabled is False and m.aaa.servers == []
    assert m.facts["logging_enabled"] is True and m.log_timestamps is True
    assert [h.address for h in m.log_hosts] == ["10.99.0.20"]
    assert m.ntp_servers == ["10.99.0.10"]
    assert core.facts["failover"] is False
    assert [n["mapped"] for n in core.facts["nat"]] == ["203.0.113.10", "203.0.113.20", "interface"]


# --------------------------------------------------------------------------- speed


def _big_config() -> str:
    """About 50,000 lines: 20,000 ACL entries (plus remarks), 2,500 objects, 1,200
    nested object-groups, 200 port groups."""
    lines = ["ASA Version 9.16(4)", "hostname big-fw"]
    for i in range(4):
        lines += [f"interface GigabitEthernet0/{i}", f" nameif if{i}", f" security-level {i * 30}",
                  f" ip address 10.{i}.0.1 255.255.0.0"]
    for g in range(2500):
        lines.append(f"object network H{g}")
        lines.append(f" host 10.{g // 250}.{g % 250}.10")
    for g in range(1200):
        lines.append(f"object-group network G{g}")
        lines.append(f" description group {g}")
        for k in range(12):
            lines.append(f" network-object 10.{(g + k) % 200}.{k}.0 255.255.255.0")
        lines.append(f" network-object object H{g}")
        if g:
            lines.append(f" group-object G{g - 1}" if g % 50 else f" network-object host 192.0.2.{g % 250}")
    for g in range(200):
        lines.append(f"object-group service S{g} tcp")
        lines.append(f" port-object eq {1000 + g}")
        lines.append(" port-object range 8000 8010")
    for i in range(25000):
        acl = f"ACL{i % 10}"
        k = i % 5
        if k == 0:
            lines.append(f"access-list {acl} extended permit tcp object-group G{i % 1200} object H{i % 2500} object-group S{i % 200} log")
        elif k == 1:
            lines.append(f"access-list {acl} extended permit udp 10.{i % 250}.0.0 255.255.0.0 host 172.16.{i % 250}.{i % 200} eq domain")
        elif k == 2:
            lines.append(f"access-list {acl} remark CHG-{i} rule")
        elif k == 3:
            lines.append(f"access-list {acl} extended permit tcp any object-group G{i % 1200} eq https")
        else:
            lines.append(f"access-list {acl} extended deny ip any4 host 192.168.{i % 250}.{i % 250}")
    for i in range(4):
        lines.append(f"access-group ACL{i} in interface if{i}")
    return "\n".join(lines) + "\n"


def test_parse_speed():
    text = _big_config()
    assert len(text.splitlines()) > 48000
    start = time.perf_counter()
    device = parse(text, "big.cfg")
    elapsed = time.perf_counter() - start
    assert device.parse_warnings == []
    assert sum(len(f.rules) for f in device.filters.values()) == 20000
    assert elapsed < 3.0  # generous for slow CI machines; ~0.5 s on a laptop


def test_cisco_ipaddress_consistency(objects):
    # the fast IPv4 path agrees with the ipaddress module
    r = objects.filters["OBJ"].rules[1]
    for item in r.dst.items:
        assert isinstance(item, (AddressRange, AddressWildcard))
        assert item.first <= item.last
        assert ipaddress.ip_address(item.first).version == 4
