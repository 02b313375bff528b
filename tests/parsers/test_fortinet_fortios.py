"""Tests of the FortiOS parser (parsers/fortinet_fortios.py) on its unit fixtures
(fixtures/cases/fortinet_fortios/) and on the sample network's Internet edge firewall
(fixtures/edge-fw.conf)."""

from __future__ import annotations

import dataclasses
import random
import time
from pathlib import Path

import pytest

from netlint.filters import FilterSet
from netlint.model import (
    ANY_SERVICE, DENY, MAX_ADDR, PERMIT, AddressRange, AddressSet, AddressWildcard, Device, Filter, ParseError,
    Service,
)
from netlint.query import answer, make_packet, select_filter
from netlint.space import Packet
from parsers import parse_file, parse_text
from parsers.detect import detect_vendor
from parsers.fortinet_fortios import PARSER, PREDEFINED_SERVICES, fortios_redact, split_line

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cases" / "fortinet_fortios"
EDGE_FW = ROOT / "fixtures" / "edge-fw.conf"


def load(name: str):
    return parse_file(CASES / name, vendor="fortinet_fortios")


def parse(text: str, file: str = "snippet.conf"):
    return PARSER.parse(text, file)


def line_of(path: Path, text: str, after: str | None = None) -> int:
    """1-based number of the first line of `path` whose stripped text equals `text`
    (after the first line equal to `after`, when given)."""
    started = after is None
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not started:
            started = line.strip() == after
            continue
        if line.strip() == text:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def net(text: str) -> AddressRange:
    return AddressRange.from_network(text)


def host(text: str) -> AddressRange:
    return AddressRange.host(text)


def tcp(*ports: int | tuple[int, int], src: tuple = ()) -> Service:
    return Service(6, src, tuple(p if isinstance(p, tuple) else (p, p) for p in ports))


def udp(*ports: int | tuple[int, int], src: tuple = ()) -> Service:
    return Service(17, src, tuple(p if isinstance(p, tuple) else (p, p) for p in ports))


def rules_by_name(device, filt: str = "policy"):
    return {r.name: r for r in device.filters[filt].rules}


def refs(device, kind: str | None = None, name: str | None = None):
    return [r for r in device.references if (kind is None or r.kind == kind) and (name is None or r.name == name)]


def verdict(device, filt: str, src: str, dst: str, proto: int = 6, dport: int | None = 443, sport: int = 40000,
            src_zone: str | None = None, dst_zone: str | None = None, icmp_type: int | None = None):
    pkt = Packet(src=src, dst=dst, proto=proto, sport=sport if proto in (6, 17, 132) else None,
                 dport=dport if proto in (6, 17, 132) else None, src_zone=src_zone, dst_zone=dst_zone,
                 icmp_type=icmp_type, icmp_code=0 if icmp_type is not None else None)
    v = FilterSet(device).evaluate(filt, pkt)
    return v.action, (v.rule.name if v.rule else None)


@pytest.fixture(scope="module")
def objects():
    return load("objects-policies.conf")


@pytest.fixture(scope="module")
def vdoms():
    return load("vdoms.conf")


@pytest.fixture(scope="module")
def weak():
    return load("mgmt-weak.conf")


@pytest.fixture(scope="module")
def hardened():
    return load("mgmt-hardened.conf")


@pytest.fixture(scope="module")
def vpn():
    return load("vpn-wireless.conf")


@pytest.fixture(scope="module")
def edge():
    return parse_file(EDGE_FW)


# --------------------------------------------------------------------------- detection, header, refusal


def test_detection_and_auto_vendor(edge):
    text = EDGE_FW.read_text()
    assert PARSER.vendor == "fortinet_fortios"
    assert PARSER.detect(text) == 100
    assert edge.vendor == "fortinet_fortios"
    for path in sorted(CASES.glob("*.conf")):
        assert detect_vendor(path.read_text()) == "fortinet_fortios", path
    assert PARSER.detect((ROOT / "fixtures" / "core-fw.cfg").read_text()) == 0
    snippet = 'config firewall address\n    edit "a"\n        set subnet 10.0.0.0 255.0.0.0\n    next\nend\n'
    assert PARSER.detect(snippet) > 0
    assert parse_text(snippet, "s.conf").vendor == "fortinet_fortios"


def test_header_gives_model_version_and_location(edge):
    assert (edge.model, edge.os_version) == ("FGT100F", "7.0.12")
    assert edge.os_version_loc.line == 1 and edge.os_version_loc.text.startswith("#config-version=FGT100F-7.0.12")
    assert edge.facts["build"] == "0523"
    assert edge.facts["header"]["user"] == "ops.chen" and edge.facts["opmode"] == "nat"
    assert edge.hostname == "edge-fw"
    assert edge.facts["vdom_mode"] is False and edge.facts["vdoms"] == ["root"]


def test_headerless_snippet_and_hostname_from_file_name():
    d = parse('config system interface\n    edit "port1"\n        set ip 10.0.0.1 255.255.255.0\n    next\nend\n',
              "branch-07.conf")
    assert d.os_version is None and d.model is None and d.os_version_loc is None
    assert d.hostname == "branch-07"
    assert [str(a) for a in d.interfaces[0].addresses] == ["10.0.0.1/24"]
    assert d.filters["policy"].rules == []  # interfaces exist: the implicit deny stands


def test_other_header_forms():
    d = parse("#config-version=FGVM64-7.4.4-FW-build2662-240514:opmode=0:vdom=0:user=admin\n"
              "config system global\n    set hostname \"vm1\"\nend\n")
    assert (d.model, d.os_version, d.facts["build"]) == ("FGVM64", "7.4.4", "2662")
    d = parse("#config-version=FWF-61F-6.4.15-FW-build2095-240115:opmode=1:vdom=0\nconfig system global\nend\n")
    assert (d.model, d.os_version, d.facts["opmode"]) == ("FWF-61F", "6.4.15", "transparent")


@pytest.mark.parametrize("text", ["", "   \n\n", "hello world\nthis is not a firewall\n", "! IOS\ninterface Gi0/1\n"])
def test_not_fortios_is_a_parse_error(text):
    with pytest.raises(ParseError):
        parse(text)


def test_header_alone_is_accepted():
    d = parse("#config-version=FGT40F-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin\n")
    assert d.os_version == "7.2.8" and d.parse_warnings == [] and d.filters == {}


# --------------------------------------------------------------------------- tokenizer


def test_split_line_quotes_escapes_and_words():
    assert split_line(['set member "a b" "c" d'], 0) == (["set", "member", "a b", "c", "d"], 0, True)
    assert split_line([r'set comments "say \"hi\" to C:\\temp"'], 0)[0] == ["set", "comments", 'say "hi" to C:\\temp']
    assert split_line(["set comments 'single quoted' x"], 0)[0] == ["set", "comments", "single quoted", "x"]
    assert split_line(['set comments ""'], 0)[0] == ["set", "comments", ""]
    assert split_line(["set description it's fine"], 0)[0] == ["set", "description", "it's", "fine"]


def test_split_line_multi_line_values_and_unterminated_quote():
    lines = ['set buffer "<html>', "set password x", "next", "end", '</html>"', "set y 1"]
    words, last, closed = split_line(lines, 0)
    assert closed and last == 4
    assert words == ["set", "buffer", "<html>\nset password x\nnext\nend\n</html>"]
    words, last, closed = split_line(['set comments "never closed', "next", "end"], 0)
    assert (words, last, closed) == (["set", "comments", "never closed"], 0, False)


def test_fast_tokenizer_agrees_with_the_general_one():
    from parsers.fortinet_fortios import _split_simple

    rng = random.Random(42)
    alphabet = ['a', 'b', '1', ' ', ' ', '"', '"', "'", '-', '.', '\\', '\t']
    for _ in range(4000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 18))).strip()
        fast = _split_simple(s)
        if fast is not None:
            assert fast == split_line([s], 0)[0], s


def test_multi_line_comment_with_escaped_quotes(objects):
    r = rules_by_name(objects)["20"]
    assert r.remark == 'web to the portal; "quoted" words\nsecond line of the comment'
    path = CASES / "objects-policies.conf"
    assert r.loc.line == line_of(path, "edit 20")
    assert r.loc.end_line == line_of(path, "next", after="second line of the comment\"")


def test_redaction_of_fortios_secrets():
    assert fortios_redact("set password ENC SH2abcdef==") == "set password <redacted>"
    assert fortios_redact("set psksecret ENC q1w2e3==") == "set psksecret <redacted>"
    assert fortios_redact("set passwd ENC xyz") == "set passwd <redacted>"
    assert fortios_redact("set secret ENC xyz") == "set secret <redacted>"
    assert fortios_redact("set key ENC xyz") == "set key <redacted>"
    assert fortios_redact("set passphrase ENC xyz") == "set passphrase <redacted>"
    assert fortios_redact("set sae-password ENC xyz") == "set sae-password <redacted>"
    assert fortios_redact('set private-key "-----BEGIN') == "set private-key <redacted>"
    assert fortios_redact('set srcaddr "all"') == 'set srcaddr "all"'


def test_no_secret_value_reaches_a_location():
    secrets = ("SH2kq7Vt0m", "SH2Zx8Yw7V", "q1w2e3r4t5", "Fortinet123", "AK1VGhpcyBp", "PB2dGhpcy",
               "ZmFrZSB0YWNhY3M", "bm90IGEgcmVhbCBwYXNzd29yZ", "ZmFrZSBwcmUtc2hhcmVk", "c2Nhbm5lcnMg",
               "branch-monitor", "ZmFrZSBjZXJ0IHBhc3N3b3Jk", "ZmFrZSBhdXRoIHBhc3N3b3Jk")
    for path in [EDGE_FW, *sorted(CASES.glob("*.conf"))]:
        d = parse_file(path, vendor="fortinet_fortios")
        texts = [w.loc.text for w in d.parse_warnings]
        texts += [u.loc.text for u in d.management.users if u.loc]
        texts += [s.loc.text for s in d.management.services if s.loc]
        texts += [c.loc.text for c in d.management.snmp_communities if c.loc]
        texts += [s.loc.text for s in d.management.aaa.servers if s.loc]
        texts += [r.loc.text for r in d.references] + [o.loc.text for o in d.objects]
        texts += [r.loc.text for f in d.filters.values() for r in f.rules]
        for text in texts:
            assert not any(s in text for s in secrets), (path.name, text)


# --------------------------------------------------------------------------- interfaces, zones, routes


def test_interfaces(objects):
    by = {i.name: i for i in objects.interfaces}
    assert list(by) == ["port1", "port2", "port3", "wan1", "vlan40"]
    assert [str(a) for a in by["port2"].addresses] == ["10.1.2.1/24"]
    assert [(str(a), a.secondary) for a in by["port3"].addresses] == [("10.1.3.1/24", False), ("10.1.33.1/24", True)]
    assert (by["port3"].role, by["wan1"].role, by["wan1"].nat_outside) == ("dmz", "wan", True)
    vlan = by["vlan40"]
    assert (vlan.vlan_id, vlan.extra["parent"], vlan.shutdown, vlan.zone) == (40, "port1", True, "spare-zone")
    assert vlan.loc.line == line_of(CASES / "objects-policies.conf", 'edit "vlan40"')
    assert by["port1"].zone == "lan-zone" and by["port3"].zone is None
    assert [(z.name, z.interfaces) for z in objects.zones] == [("lan-zone", ["port1", "port2"]), ("spare-zone", ["vlan40"])]
    assert {o.name for o in objects.objects if o.kind == "zone"} == {"lan-zone", "spare-zone"}
    assert {r.name for r in refs(objects, "zone")} == {"lan-zone"}  # spare-zone is unused


def test_filter_shape(objects):
    f = objects.filters["policy"]
    assert (f.kind, f.default_action, f.stateful) == ("security-policy", DENY, True)
    assert "implicit deny" in f.default_note
    assert f.zones == ("lan-zone", "port1", "port2", "port3", "spare-zone", "vlan40", "wan1")
    assert f.loc.line == line_of(CASES / "objects-policies.conf", "config firewall policy")
    assert objects.stateful is True


def test_static_routes(edge):
    routes = [(str(r.destination), r.next_hop, r.interface, r.distance, r.vrf) for r in edge.routes]
    assert routes == [("0.0.0.0/0", "203.0.113.1", "wan1", 10, None),
                      ("172.16.50.0/24", "198.51.100.2", "port2", 10, None),
                      ("10.0.0.0/8", "198.51.100.2", "port2", 10, None)]
    assert edge.routes[0].is_default and edge.routes[0].loc.line == line_of(EDGE_FW, "edit 1", after="config router static")


def test_static_route_forms():
    d = parse("config router static\n"
              "    edit 1\n        set dst 192.0.2.0/24\n        set blackhole enable\n        set distance 254\n    next\n"
              "    edit 2\n        set dst 198.51.100.0 255.255.255.0\n        set device \"port9\"\n        set status disable\n    next\n"
              "end\nconfig router static6\n    edit 1\n        set dst 2001:db8::/32\n        set gateway fe80::1\n"
              "        set device \"port1\"\n    next\nend\n")
    assert [(str(r.destination), r.interface, r.distance, r.next_hop) for r in d.routes] == [
        ("192.0.2.0/24", "blackhole", 254, None), ("2001:db8::/32", "port1", 10, "fe80::1")]
    assert d.facts["disabled_routes"][0]["destination"] == "198.51.100.0/24"


# --------------------------------------------------------------------------- addresses


def test_address_forms(objects):
    r = rules_by_name(objects)
    assert r["20"].src.items == (net("10.1.1.0/24"), net("10.1.2.0/24")) and r["20"].src.names == ("g-lans",)
    assert r["20"].dst.items == (host("10.1.3.10"),)
    # wildcard: 10.1.x.1, non-contiguous care bits
    assert r["30"].src.items == (AddressWildcard(4, (10 << 24) | (1 << 16) | 1, 0xFFFF00FF),)
    # exclude: 10.1.1.0/24 minus 10.1.1.200-220, exactly
    assert r["30"].dst.items == (AddressRange.between("10.1.1.0", "10.1.1.199"),
                                 AddressRange.between("10.1.1.221", "10.1.1.255"))
    # interface-subnet resolves from the interface; contiguous wildcard is a prefix; group cycle broken
    assert r["80"].src.items == (net("10.1.3.0/24"), net("10.9.0.0/16"), host("10.1.3.10"))
    assert r["80"].dst.items == (host("0.0.0.0"),)  # the built-in "none"
    # FQDN, dynamic and MAC objects are unresolved; the rest of the group still counts
    assert r["50"].src.items == (net("10.1.1.0/24"), net("10.1.2.0/24"), host("10.1.3.10"))
    assert r["50"].src.unresolved == ("f-update", "d-ems", "m-kiosk")
    assert any("FQDN" in a for a in r["50"].approximations)
    assert any("MAC" in a for a in r["50"].approximations)


def test_all_absorbs_unresolved_and_vip_groups(objects):
    r = rules_by_name(objects)["40"]
    assert r.src.any and r.src.names == ("g-cn", "all") and r.src.unresolved == ()
    assert r.dst.items == (host("10.1.3.10"), AddressRange.between("10.1.3.20", "10.1.3.22"))
    assert r.extra["vips"] == ["vg-public"]


def test_ipv6_and_mixed_family_policies(objects):
    r = rules_by_name(objects)
    six = r["1"]
    assert six.family == 6 and six.extra["table"] == "policy6"
    assert six.src.items == (net("2001:db8:1::/64"), AddressRange.between("2001:db8:2::10", "2001:db8:2::20"))
    assert six.dst.any
    mixed = r["70"]
    assert mixed.family is None
    assert mixed.src.items == (net("10.1.1.0/24"), net("2001:db8:1::/64"))
    assert mixed.dst.items == (net("0.0.0.0/0"), net("::/0")) and not mixed.dst.any
    assert mixed.src.unresolved == ("undefined-net",) and "'undefined-net' is not defined" in mixed.approximations
    assert verdict(objects, "policy", "2001:db8:1::5", "2001:db8:ffff::1", dport=80, src_zone="port2",
                   dst_zone="wan1") == (PERMIT, "70")
    # the undefined name makes the source approximate: a permit is assumed to match it
    assert verdict(objects, "policy", "2001:db8:9::5", "2001:db8:ffff::1", dport=80, src_zone="port2",
                   dst_zone="wan1") == (PERMIT, "70")
    assert verdict(objects, "policy", "2001:db8:1::5", "2001:db8:ffff::1", dport=22, src_zone="port2",
                   dst_zone="wan1") == (DENY, None)


def test_vip_inventory(edge, objects):
    vips = {v["name"]: v for v in edge.facts["vips"]}
    assert vips["VIP-WEB"] == {
        "vdom": "root", "name": "VIP-WEB", "family": 4, "type": "static-nat", "extip": "203.0.113.10",
        "mappedip": ["172.16.50.10"], "extintf": "wan1", "portforward": True, "protocol": "tcp",
        "extport": "443", "mappedport": "443", "src_filter": [], "line": line_of(EDGE_FW, 'edit "VIP-WEB"')}
    assert (vips["VIP-ORDER"]["extip"], vips["VIP-ORDER"]["mappedip"], vips["VIP-ORDER"]["portforward"]) == (
        "203.0.113.20", ["172.16.50.20"], False)
    farm = [v for v in objects.facts["vips"] if v["name"] == "vip-farm"][0]
    assert farm["mappedip"] == ["10.1.3.20-10.1.3.22"]


def test_group_cycle_is_a_warning(objects):
    path = CASES / "objects-policies.conf"
    warnings = [(w.loc.line, w.message) for w in objects.parse_warnings]
    assert warnings == [(line_of(path, 'edit "g-loop-a"'), "address group 'g-loop-a' contains itself (through 'g-loop-b')")]


def test_definitions_and_references(objects):
    defined = {(o.kind, o.name) for o in objects.objects}
    assert ("address-object", "unused-host") in defined
    assert ("address-group", "g-lans") in defined and ("address-group", "vg-public") in defined
    assert ("address-object", "vip-web") in defined and ("service-object", "web-alt") in defined
    assert ("service-group", "sg-nested") in defined and ("schedule", "s-past") in defined
    used = {(r.kind, r.name) for r in objects.references}
    assert not any(n == "unused-host" for _, n in used)
    assert ("address-object", "n-lan1") in used and ("address-group", "g-lans") in used
    assert ("address-object", "undefined-net") in used and ("service-object", "no-such-service") in used
    # predefined objects are neither defined nor referenced
    for name in ("all", "none", "HTTPS", "PING", "ALL_TCP", "always"):
        assert not any(n == name for _, n in used | defined), name
    (ref,) = refs(objects, name="g-lans", kind="address-group")[:1]
    assert ref.context == "policy 20 srcaddr" and ref.loc.line == line_of(CASES / "objects-policies.conf",
                                                                            'set srcaddr "g-lans"')
    members = [r.context for r in refs(objects, name="n-lan1")]
    assert "address group g-lans" in members and "address group g-lan1-but-printers" in members
    assert [r.context for r in refs(objects, name="r-printers")] == ["address group g-lan1-but-printers exclude"]
    assert [r.context for r in refs(objects, name="s-past")] == [
        "policy 30 schedule", "schedule group sg-all-past", "schedule group sg-mixed"]


# --------------------------------------------------------------------------- services


def test_custom_services(objects):
    r = rules_by_name(objects)
    assert r["20"].services == (tcp(80, 443, (8000, 8080)),)  # web-alt + HTTPS merged
    assert r["20"].service_names == ("sg-web",)
    assert r["50"].services == (
        tcp(80, 443, (8000, 8080)),
        tcp(53, src=((1024, 65535),)),
        udp(53, src=((1024, 65535),)),
        Service(1, icmp_type=8),  # PING absorbs echo-only's code 0
        Service(47),
    )
    assert r["50"].extra["unresolved_services"] == ("no-such-service",)
    assert r["80"].services == (ANY_SERVICE,)  # protocol IP, number 0
    assert r["70"].services == (tcp(80, 443),)  # an empty group and a service without ports add nothing


def test_sctp_and_icmp_service_definitions():
    d = parse('config firewall service custom\n    edit "d"\n        set sctp-portrange 3868 2905-2907:100\n    next\n'
              '    edit "e"\n        set protocol ICMP6\n        set icmptype 135\n        set icmpcode 0\n    next\nend\n'
              'config firewall policy\n    edit 1\n        set srcintf "a"\n        set dstintf "b"\n'
              '        set srcaddr "all"\n        set dstaddr "all"\n        set action accept\n'
              '        set service "d" "e"\n    next\nend\n')
    (rule,) = d.filters["policy"].rules
    assert rule.services == (Service(132, (), ((3868, 3868),)), Service(132, ((100, 100),), ((2905, 2907),)),
                             Service(58, icmp_type=135, icmp_code=0))


@pytest.mark.parametrize("name,expected", [
    ("HTTP", (tcp(80),)), ("HTTPS", (tcp(443),)), ("SSH", (tcp(22),)), ("TELNET", (tcp(23),)),
    ("FTP", (tcp(21),)), ("DNS", (tcp(53), udp(53))), ("NTP", (tcp(123), udp(123))),
    ("SNMP", (tcp((161, 162)), udp((161, 162)))), ("SMTP", (tcp(25),)), ("SMTPS", (tcp(465),)),
    ("POP3", (tcp(110),)), ("IMAP", (tcp(143),)), ("RDP", (tcp(3389),)), ("SMB", (tcp(445),)),
    ("SAMBA", (tcp(139),)), ("MS-SQL", (tcp((1433, 1434)),)), ("MYSQL", (tcp(3306),)), ("LDAP", (tcp(389),)),
    ("LDAP_UDP", (udp(389),)), ("PING", (Service(1, icmp_type=8),)), ("TRACEROUTE", (udp((33434, 33535)),)),
    ("SYSLOG", (udp(514),)), ("TFTP", (udp(69),)), ("NFS", (tcp(111, 2049), udp(111, 2049))),
    ("KERBEROS", (tcp(88, 464), udp(88, 464))), ("VNC", (tcp(5900),)), ("ALL", (ANY_SERVICE,)),
    ("ALL_TCP", (tcp((1, 65535)),)), ("ALL_UDP", (udp((1, 65535)),)), ("ALL_ICMP", (Service(1),)),
    ("RLOGIN", (tcp(513, src=((512, 1023),)),)), ("GRE", (Service(47),)), ("IKE", (udp(500, 4500),)),
    ("Web Access", (tcp(53, 80, 443), udp(53))),
])
def test_predefined_services(name, expected):
    d = parse('config firewall policy\n    edit 1\n        set srcintf "a"\n        set dstintf "b"\n'
              '        set srcaddr "all"\n        set dstaddr "all"\n        set action accept\n'
              f'        set service "{name}"\n    next\nend\n')
    rule = d.filters["policy"].rules[0]
    assert rule.services == expected
    assert "unresolved_services" not in rule.extra and d.references == [] and d.objects == []


def test_a_config_redefining_a_predefined_service_wins():
    d = parse('config firewall service custom\n    edit "HTTPS"\n        set tcp-portrange 443 8443\n    next\nend\n'
              'config firewall policy\n    edit 1\n        set srcintf "a"\n        set dstintf "b"\n'
              '        set srcaddr "all"\n        set dstaddr "all"\n        set action accept\n'
              '        set service "HTTPS"\n    next\nend\n')
    assert d.filters["policy"].rules[0].services == (tcp(443, 8443),)
    assert len(PREDEFINED_SERVICES) > 80


def test_service_negate_is_an_exact_complement(objects):
    r = rules_by_name(objects)["30"]
    assert Service(6, (), ((0, 52), (54, 65535))) in r.services
    assert Service(6, ((0, 1023),), ((53, 53),)) in r.services
    assert Service(132, (), ((0, 3867), (3869, 65535))) in r.services
    assert Service(1) in r.services and Service(47) in r.services and r.approximations == ()
    # the policy is disabled: check the complement on an enabled copy, alone in a filter
    copy = dataclasses.replace(r, enabled=True, src=AddressSet(any=True), dst=AddressSet(any=True),
                               src_zones=None, dst_zones=None)
    device = Device(hostname="t", vendor="fortinet_fortios", file="t.conf",
                    filters={"f": Filter(name="f", kind="security-policy", rules=[copy])})
    fs = FilterSet(device)

    def act(proto, sport, dport):
        return fs.evaluate("f", Packet("10.0.0.1", "10.0.0.2", proto, sport, dport)).action

    assert act(6, 40000, 53) == DENY  # dns-from-high matches: negated away
    assert act(6, 1000, 53) == PERMIT  # source port below 1024: not dns-from-high
    assert act(17, 2000, 53) == DENY and act(17, 2000, 54) == PERMIT
    assert act(132, 5000, 3868) == DENY and act(132, 5000, 3869) == PERMIT
    assert act(6, 40000, 443) == PERMIT and act(47, None, None) == PERMIT


# --------------------------------------------------------------------------- policies


def test_policy_order_is_config_order_not_id(objects):
    assert [r.name for r in objects.filters["policy"].rules] == ["20", "10", "30", "40", "50", "60", "70", "80", "1"]
    # 10.1.1.5 -> 10.1.3.10:443 from port1: policy 20 (accept, shown first) wins over 10 (deny)
    assert verdict(objects, "policy", "10.1.1.5", "10.1.3.10", src_zone="port1", dst_zone="port3") == (PERMIT, "20")
    assert verdict(objects, "policy", "10.1.1.5", "10.1.3.10", dport=8080, src_zone="port1",
                   dst_zone="port3") == (PERMIT, "20")
    assert verdict(objects, "policy", "10.1.1.5", "10.1.3.11", src_zone="port1", dst_zone="port3") == (DENY, None)


def test_zone_names_and_member_interfaces_both_match(objects):
    r = rules_by_name(objects)["20"]
    assert r.src_zones == ("lan-zone", "port1", "port2") and r.dst_zones == ("port3",)
    for zone in ("lan-zone", "port1", "port2"):
        assert verdict(objects, "policy", "10.1.2.7", "10.1.3.10", src_zone=zone, dst_zone="port3") == (PERMIT, "20")
    assert verdict(objects, "policy", "10.1.2.7", "10.1.3.10", src_zone="port3", dst_zone="port3") == (DENY, None)
    assert verdict(objects, "policy", "10.1.2.7", "10.1.3.10", dport=22, src_zone="lan-zone",
                   dst_zone="wan1") == (DENY, None)
    # srcintf/dstintf any -> no zone condition
    assert rules_by_name(objects)["30"].src_zones is None and rules_by_name(objects)["30"].dst_zones is None


def test_policy_attributes(objects):
    r = rules_by_name(objects)
    p20 = r["20"]
    assert (p20.action, p20.vendor_action, p20.family, p20.log, p20.enabled) == (PERMIT, "accept", 4, True, True)
    assert p20.users == ("staff", "contractors", "alice")
    assert p20.profiles == {"av": "default", "ips": "default", "url": "default", "app": "block-p2p", "dns": "default"}
    assert p20.extra["name"] == "lan-web-first" and p20.extra["policy_id"] == "20" and p20.extra["vdom"] == "root"
    assert (r["10"].action, r["10"].log, r["10"].extra["match_vip"]) == (DENY, False, False)
    p30 = r["30"]
    assert p30.src.negated and not p30.dst.negated and not p30.enabled
    assert r["40"].profiles == {"group": "pg-strict", "av": "default", "ips": "high_security", "url": "strict-web"}
    assert r["50"].profiles == {} and r["50"].extra["inactive_profiles"] == {"av": "default"}
    assert r["50"].extra["nat"] is True and r["50"].remark == ""


def test_schedules(objects):
    r = rules_by_name(objects)
    assert (r["20"].time_range, r["20"].time_range_expired) == ("office-hours", False)
    assert (r["10"].time_range, r["10"].time_range_expired, r["10"].extra["schedule"]) == (None, None, "always")
    assert (r["30"].time_range, r["30"].time_range_expired) == ("s-past", True)
    assert (r["50"].time_range, r["50"].time_range_expired) == ("s-future", False)
    assert r["50"].extra["schedule_not_yet_active"] is True
    assert (r["40"].time_range, r["40"].time_range_expired) == ("sg-mixed", False)
    assert (r["60"].time_range, r["60"].time_range_expired) == ("sg-all-past", True)


def test_policy_expiry_and_undefined_schedule():
    d = parse('config firewall policy\n    edit 7\n        set srcintf "a"\n        set dstintf "b"\n'
              '        set srcaddr "all"\n        set dstaddr "all"\n        set action accept\n'
              '        set service "ALL"\n        set schedule "gone"\n    next\n'
              '    edit 8\n        set srcintf "a"\n        set dstintf "b"\n        set srcaddr "all"\n'
              '        set dstaddr "all"\n        set action accept\n        set service "ALL"\n'
              '        set policy-expiry enable\n        set policy-expiry-date "2020-06-30 23:59:59"\n    next\nend\n')
    r = rules_by_name(d)
    assert (r["7"].time_range, r["7"].time_range_expired) == ("gone", None)
    assert [x.context for x in refs(d, "schedule", "gone")] == ["policy 7 schedule"]
    assert (r["8"].time_range, r["8"].time_range_expired) == ("policy-expiry", True)


def test_internet_service_policy(objects):
    r = rules_by_name(objects)["60"]
    assert r.dst.unresolved == ("Microsoft-Office365",) and r.services == (ANY_SERVICE,)
    assert r.extra["internet_service"] == {"destination": ["Microsoft-Office365"]}
    assert r.approximations and "Internet Service Database" in r.approximations[0]


def test_action_default_is_deny_and_ipsec_is_permit():
    d = parse('config firewall policy\n    edit 1\n        set srcintf "a"\n        set dstintf "b"\n'
              '        set srcaddr "all"\n        set dstaddr "all"\n        set service "ALL"\n    next\n'
              '    edit 2\n        set srcintf "a"\n        set dstintf "vpn1"\n        set srcaddr "all"\n'
              '        set dstaddr "all"\n        set service "ALL"\n        set action ipsec\n'
              '        set vpntunnel "to-hq"\n    next\nend\n')
    r = rules_by_name(d)
    assert (r["1"].action, r["1"].vendor_action) == (DENY, "deny")
    assert (r["2"].action, r["2"].vendor_action, r["2"].extra["vpntunnel"]) == (PERMIT, "ipsec", "to-hq")


def test_local_in_policy_filter(objects):
    f = objects.filters["local-in"]
    assert (f.kind, f.default_action, f.extra["default_defers_to"], f.hook) == ("acl", PERMIT, "allowaccess", "input")
    assert "allowaccess" in f.default_note
    r = [(x.name, x.action, x.in_interfaces, x.services) for x in f.rules]
    assert r == [("1", DENY, ("wan1",), (tcp(22, 443),)), ("2", PERMIT, ("port1",), (ANY_SERVICE,))]
    assert objects.facts["local_in_policies"] == {"root": 2}


def test_consolidated_and_security_policy_tables():
    d = parse('config firewall address6\n    edit "v6"\n        set ip6 2001:db8::/32\n    next\nend\n'
              'config firewall security-policy\n    edit 3\n        set srcintf "port1"\n        set dstintf "port2"\n'
              '        set srcaddr4 "all"\n        set dstaddr4 "all"\n        set srcaddr6 "v6"\n        set dstaddr6 "all"\n'
              '        set action accept\n        set application 15893\n        set service "HTTPS"\n    next\nend\n')
    (r,) = d.filters["policy"].rules
    assert r.family is None and r.extra["table"] == "security-policy"
    assert r.src.items == (net("0.0.0.0/0"), net("2001:db8::/32"))
    assert r.applications == ("15893",) and r.extra["unmapped_applications"] == ["15893"]


# --------------------------------------------------------------------------- VDOMs


def test_vdoms_form_separate_filters(vdoms):
    assert vdoms.hostname == "dc-fw" and vdoms.facts["vdoms"] == ["root", "trading"] and vdoms.facts["vdom_mode"]
    assert set(vdoms.filters) == {"vdom:root", "vdom:trading"}
    root, trading = vdoms.filters["vdom:root"], vdoms.filters["vdom:trading"]
    assert root.zones == ("inside", "port1", "port2") and trading.zones == ("port5", "port6")
    assert root.extra["intrazone_allow"] == ["inside"]
    assert vdoms.facts["intrazone_allow"] == [{"vdom": "root", "zone": "inside",
                                               "line": line_of(CASES / "vdoms.conf", "set intrazone allow")}]
    # the same object name resolves per VDOM
    assert root.rules[0].dst.items == (host("10.20.2.10"),)
    assert trading.rules[0].dst.items == (host("10.30.6.10"),)
    assert [(r.vrf, r.next_hop) for r in vdoms.routes] == [("root", "10.20.1.254"), ("trading", "10.30.5.254")]
    assert {i.name: i.extra["vdom"] for i in vdoms.interfaces} == {
        "port1": "root", "port2": "root", "port5": "trading", "port6": "trading"}
    assert vdoms.management.idle_timeout == 900
    assert root.extra["default_logged"] is False  # fwpolicy-implicit-log defaults to disable
    assert vdoms.parse_warnings == []


def test_vdom_queries(vdoms):
    assert verdict(vdoms, "vdom:root", "10.20.1.50", "10.20.2.10", src_zone="port1", dst_zone="port2") == (PERMIT, "1")
    assert verdict(vdoms, "vdom:trading", "10.30.5.9", "10.30.6.10", dport=22, src_zone="port5",
                   dst_zone="port6") == (PERMIT, "1")
    assert verdict(vdoms, "vdom:trading", "10.30.5.9", "10.30.6.10", dport=443, src_zone="port5",
                   dst_zone="port6") == (DENY, "2")
    with pytest.raises(Exception):
        select_filter(vdoms, None, zoned=True)  # two security policies: the user must name one


# --------------------------------------------------------------------------- management


def test_weak_management(weak):
    m = weak.management
    users = {u.name: u for u in m.users}
    assert users["admin"].secret is None and users["admin"].privilege == 15
    assert users["support"].secret.storage == "plaintext" and users["support"].secret.length == 11
    assert users["helpdesk"].secret.storage == "sha1" and users["helpdesk"].privilege == 1
    assert users["helpdesk"].role == "helpdesk-ro"
    for u in users.values():
        assert u.trusted_hosts == [net("0.0.0.0/0")] and not u.two_factor
    services = {(s.protocol, s.interfaces[0]): s for s in m.services}
    assert set(services) == {("ping", "internal"), ("https", "internal"), ("ssh", "internal"), ("http", "internal"),
                             ("telnet", "internal"), ("snmp", "internal"), ("fgfm", "internal"),
                             ("ping", "wan1"), ("https", "wan1"), ("ssh", "wan1")}
    allow_line = line_of(CASES / "mgmt-weak.conf", "set allowaccess ping https ssh http telnet snmp fgfm")
    telnet = services[("telnet", "internal")]
    assert (telnet.enabled, telnet.port, telnet.loc.line, telnet.allowed_sources) == (True, 23, allow_line,
                                                                                      [net("0.0.0.0/0")])
    assert services[("https", "wan1")].port == 8443
    assert services[("snmp", "internal")].allowed_sources == [net("0.0.0.0/0")]
    assert services[("fgfm", "internal")].allowed_sources == [] and "trusthosts" in services[("fgfm", "internal")].note
    assert "redirect" not in services[("http", "internal")].note
    assert (m.idle_timeout, m.ssh_version) == (480 * 60, "1,2")
    assert m.ssh_version_loc.line == line_of(CASES / "mgmt-weak.conf", "set admin-ssh-v1 enable")
    assert m.log_hosts == [] and m.facts["log_hosts_disabled"] == [
        {"address": "192.168.1.30", "kind": "syslog", "line": line_of(CASES / "mgmt-weak.conf", 'set server "192.168.1.30"')}]
    assert m.ntp_servers == [] and m.log_timestamps is True
    comms = [(c.secret.default_value, c.hosts, c.version, c.access) for c in m.snmp_communities]
    assert comms == [("private", [], "1/2c", "ro"), (None, [], "1/2c", "ro")]
    assert m.snmp_communities[1].loc.text == "set name <redacted>"
    assert [(u.name, u.auth, u.priv) for u in m.snmp_users] == [("nms-noauth", None, None)]
    assert (m.aaa.enabled, [(s.protocol, s.address, s.key.storage) for s in m.aaa.servers]) == (
        False, [("radius", "192.168.1.20", "reversible")])
    assert m.facts["strong_crypto"] is False and m.facts["admin_telnet"] is True
    assert m.strong_crypto is False and m.strong_crypto_loc.line == line_of(CASES / "mgmt-weak.conf", "set strong-crypto disable")
    assert m.idle_timeout_default is None  # admintimeout is set
    assert m.banners == {}
    assert m.aaa.accounting_commands is False  # no log host receives the configuration-change events


def test_hardened_management(hardened):
    m = hardened.management
    users = {u.name: u for u in m.users}
    wang = users["ops.wang"]
    assert (wang.secret.storage, wang.two_factor, wang.privilege) == ("pbkdf2", True, 15)
    assert wang.trusted_hosts == [net("10.99.0.0/24"), host("10.99.1.5"), net("2001:db8:99::/64")]
    tac = users["tacacs-admins"]
    assert tac.secret is None and tac.extra == {"remote_auth": True, "remote_group": "NET-ADMINS", "wildcard": True}
    services = {(s.protocol, s.note.startswith("IPv6")): s for s in m.services}
    v4_sources = [net("10.99.0.0/24"), host("10.99.1.5")]
    assert services[("https", False)].allowed_sources == v4_sources
    assert services[("https", True)].allowed_sources == [net("2001:db8:99::/64")]
    assert services[("snmp", False)].allowed_sources == v4_sources and services[("snmp", False)].enabled
    telnet = services[("telnet", False)]
    assert telnet.enabled is False and "admin-telnet disable" in telnet.note
    assert m.idle_timeout == 300 and m.idle_timeout_loc.line == line_of(CASES / "mgmt-hardened.conf",
                                                                        "set admintimeout 5")
    assert [(h.address, h.transport, h.port) for h in m.log_hosts] == [("10.99.0.20", "tls", 6514),
                                                                       ("10.99.0.21", "tls", None)]
    assert (m.ntp_servers, m.ntp_authenticated) == (["10.99.0.10", "10.99.0.11"], True)
    assert m.snmp_communities == [] and [(u.name, u.auth, u.priv) for u in m.snmp_users] == [("nms-v3", "sha256", "aes256")]
    assert m.aaa.enabled and m.aaa.login_methods == ["group NET-ADMINS", "local"]
    assert m.aaa.loc.line == line_of(CASES / "mgmt-hardened.conf", "set remote-auth enable")
    assert [(s.address, s.key.storage) for s in m.aaa.servers] == [("10.99.0.30", "encrypted"),
                                                                    ("10.99.0.31", "encrypted")]
    assert m.banners["pre-login"].startswith("Authorised use only.") and "\n" in m.banners["pre-login"]
    assert m.banners["post-login"] == "(FortiOS default post-login disclaimer)"
    assert m.facts["admin_lockout"] == {"threshold": 3, "duration": 900}
    assert m.aaa.accounting_commands and m.aaa.accounting_loc.line == line_of(CASES / "mgmt-hardened.conf",
                                                                               'set server "10.99.0.20"')
    assert hardened.facts["private_data_encryption"] is True
    assert hardened.parse_warnings == []


def test_management_without_admin_accounts_has_unknown_sources():
    d = parse('config system interface\n    edit "port1"\n        set allowaccess https\n    next\nend\n')
    (svc,) = d.management.services
    assert svc.allowed_sources == [] and "unknown" in svc.note


def test_admin_password_forms():
    d = parse('config system admin\n    edit "a"\n        set password ENC SH2xyz\n    next\n'
              '    edit "b"\n        set password ENC PB2xyz\n    next\n    edit "c"\n        set password ENC AK1xyz\n    next\n'
              '    edit "d"\n        set password ENC XX9xyz\n    next\n    edit "e"\n        set password changeme\n'
              '        set accprofile "prof_admin"\n        set ssh-public-key1 "ssh-ed25519 AAAA"\n    next\nend\n')
    got = {u.name: (u.secret.storage, u.secret.default_value) for u in d.management.users}
    assert got == {"a": ("sha256", None), "b": ("pbkdf2", None), "c": ("sha1", None), "d": ("hash", None),
                   "e": ("plaintext", "changeme")}
    e = d.management.users[-1]
    assert e.key_auth and e.privilege == 15


# --------------------------------------------------------------------------- VPN and wireless facts


def test_ssl_vpn_facts(vpn):
    ssl = [x for x in vpn.facts["remote_access"] if x["type"] == "ssl-vpn"][0]
    assert ssl["enabled"] and ssl["source_interfaces"] == ["wan1"] and ssl["tunnel_ip_pools"] == ["vpn-pool"]
    assert (ssl["algorithm"], ssl["ssl_min_proto_ver"], ssl["reqclientcert"], ssl["idle_timeout"]) == (
        "low", "tls1-0", False, "0")
    assert ssl["users"] == ["john", "mary"] and ssl["users_without_two_factor"] == ["john"]
    assert ssl["two_factor"] is False and ssl["servercert"] == "Fortinet_Factory"
    assert ssl["portals"]["full-access"]["split_tunneling"] == "disable"
    assert ssl["line"] == line_of(CASES / "vpn-wireless.conf", "config vpn ssl settings")
    assert [u["passwd_storage"] for u in vpn.facts["ssl_vpn_users"]] == ["reversible", "reversible"]


def test_ipsec_facts(vpn):
    ra = [x for x in vpn.facts["remote_access"] if x["type"] == "ipsec"]
    assert [x["name"] for x in ra] == ["dialup-ra"]
    dial = ra[0]
    assert (dial["proposal"], dial["dhgrp"], dial["authmethod"], dial["mode"], dial["ike_version"]) == (
        ["3des-sha1", "aes128-sha1"], ["2", "5"], "psk", "aggressive", "1")
    assert dial["mode_cfg"] and dial["remote_access"] and not dial["client_cert"] and not dial["two_factor"]
    assert dial["users_without_two_factor"] == ["dialup1"] and dial["psk_storage"] == "reversible"
    assert dial["phase2"][0]["proposal"] == ["3des-sha1"] and dial["phase2"][0]["pfs"] == "disable"
    assert dial["dhgrp_line"] == line_of(CASES / "vpn-wireless.conf", "set dhgrp 2 5")
    tunnels = {t["name"]: t for t in vpn.facts["ipsec_tunnels"]}
    assert set(tunnels) == {"dialup-ra", "to-hq"}
    assert (tunnels["to-hq"]["remote_access"], tunnels["to-hq"]["ike_version"], tunnels["to-hq"]["dhgrp"]) == (
        False, "2", ["14"])
    assert refs(vpn, "address-object", "office-lan")[0].context == "ipsec phase2 to-hq-p2 src-name"


def test_wireless_facts(vpn):
    by = {w["ssid"]: w for w in vpn.facts["wireless"]}
    assert (by["Lobby-Free"]["security"], by["Lobby-Free"]["line"]) == (
        "open", line_of(CASES / "vpn-wireless.conf", 'edit "open-lobby"'))
    assert (by["Scanners"]["security"], by["Scanners"]["encrypt"]) == ("wpa-personal", "TKIP")
    guest = by["ExampleSec-Guest"]
    assert (guest["local_bridging"], guest["vlan"], guest["security"]) == (True, 40, "wpa2-only-personal")
    assert guest["passphrase_storage"] == "reversible"
    corp = by["ExampleSec"]
    assert (corp["broadcast_ssid"], corp["intra_vap_privacy"], corp["radius_server"]) == (False, True, "nps1")


def test_private_data_encryption_makes_enc_secrets_encrypted():
    d = parse('config system global\n    set private-data-encryption enable\nend\n'
              'config user local\n    edit "u"\n        set passwd ENC abc\n    next\nend\n'
              'config user radius\n    edit "r"\n        set server "10.0.0.1"\n        set secret ENC abc\n    next\nend\n'
              'config wireless-controller vap\n    edit "v"\n        set passphrase ENC abc\n    next\nend\n')
    assert d.management.aaa.servers[0].key.storage == "encrypted"
    assert d.facts["wireless"][0]["passphrase_storage"] == "encrypted"


# --------------------------------------------------------------------------- warnings, truncation, unknown blocks


def test_truncated_file_keeps_what_it_has():
    path = CASES / "truncated.conf"
    d = load("truncated.conf")
    last = len(path.read_text().splitlines())
    assert [(w.loc.line, w.message) for w in d.parse_warnings] == [
        (last, "the file ends inside 'config firewall policy' (missing 'end'): truncated?")]
    rules = d.filters["policy"].rules
    assert [(r.name, r.loc.line, r.loc.end_line) for r in rules] == [
        ("1", line_of(path, "edit 1"), line_of(path, "next", after="set nat enable")), ("2", line_of(path, "edit 2"), last)]
    assert rules[0].services == (tcp(443),) and rules[1].services == ()
    assert d.hostname == "cut-fw"


def test_unknown_settings_and_blocks():
    path = CASES / "unknown-settings.conf"
    d = load("unknown-settings.conf")
    got = [(w.loc.line, w.message) for w in d.parse_warnings]
    assert got == [
        (line_of(path, "set frobnicate-level 11"), "setting 'frobnicate-level' not understood in config system global"),
        (line_of(path, "set sparkle enable"), "setting 'sparkle' not understood in interface 'port1'"),
        (line_of(path, "set colour 3"), "setting 'colour' not understood in address 'a1'"),
        (line_of(path, "set action-frobnicate yes"), "setting 'action-frobnicate' not understood in policy 1"),
        (line_of(path, "config frobnicator settings"), "config block 'frobnicator settings' not understood"),
        (line_of(path, "this line is not FortiOS"), "line not understood"),
        (line_of(path, "next", after="config system dns"), "'next' without a matching 'edit'"),
        (line_of(path, "next", after="config system dns") + 1, "'end' without a matching 'config'"),
        (line_of(path, "show firewall policy"), "'show' is a CLI command, not a configuration statement: ignored"),
    ]
    # quoted bodies (replacement message, key, certificate, script) hid their keyword-like lines
    assert d.hostname == "odd-fw"
    assert [r.remark for r in d.filters["policy"].rules] == ["intra-LAN ping"]


def test_statements_outside_blocks_warn():
    d = parse("config system global\nend\nset hostname x\nedit 5\nnext\nunset foo\n")
    assert [w.message for w in d.parse_warnings] == [
        "'set' outside any config block", "'edit' outside any config block",
        "'next' without a matching 'edit'", "'unset' outside any config block"]


def test_unset_append_select():
    d = parse('config firewall addrgrp\n    edit "g"\n        set member "a" "b"\n        append member "c"\n'
              '        unselect member "a"\n        select member "b" "d"\n    next\nend\n'
              'config system global\n    set hostname "x"\n    unset hostname\nend\n')
    assert [o.members for o in d.objects if o.name == "g"] == [("b", "c", "d")]
    assert d.hostname == "snippet"


def test_fuzzed_configs_never_crash():
    rng = random.Random(20240611)
    junk = ['"', "'", "\\", "edit", "next", "end", "config", "set", "0.0.0.0", "255.0.255.0", "999", "x/33",
            "ENC", "all", "1.2.3", "::1/200", "disable", "unset", "append", "-"]
    for path in [EDGE_FW, CASES / "objects-policies.conf", CASES / "vdoms.conf", CASES / "vpn-wireless.conf"]:
        lines = path.read_text().splitlines()
        for _ in range(30):
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
            for text in ("\n".join(mutated), "\n".join(mutated[:cut])):
                try:
                    device = parse(text, "fuzz.conf")
                except ParseError:
                    continue
                assert all("internal error" not in w.message for w in device.parse_warnings)


def test_large_config_parses_quickly():
    out = ["config firewall address"]
    out += [f'    edit "h{i}"\n        set subnet 10.{i // 250}.{i % 250}.1 255.255.255.255\n    next' for i in range(2000)]
    out += ["end", "config firewall policy"]
    for p in range(1, 20001):
        out.append(f'    edit {p}\n        set name "r{p}"\n        set srcintf "port{p % 8}"\n        set dstintf "port9"\n'
                   f'        set action accept\n        set srcaddr "h{p % 2000}"\n        set dstaddr "h{(p * 7) % 2000}"\n'
                   f'        set schedule "always"\n        set service "HTTPS" "SSH"\n        set logtraffic all\n'
                   f'        set comments "CHG-{p}"\n    next')
    out.append("end")
    text = "\n".join(out) + "\n"
    start = time.perf_counter()
    d = parse(text, "big.conf")
    elapsed = time.perf_counter() - start
    assert len(d.filters["policy"].rules) == 20000 and d.parse_warnings == []
    assert elapsed < 10, elapsed


# --------------------------------------------------------------------------- the sample network's edge firewall


def test_edge_fw_parses_cleanly(edge):
    assert edge.parse_warnings == []
    assert 150 <= len(EDGE_FW.read_text().splitlines()) <= 300
    by = {i.name: i for i in edge.interfaces}
    assert (by["wan1"].role, [str(a) for a in by["wan1"].addresses]) == ("wan", ["203.0.113.2/29"])
    assert (by["port2"].role, by["port2"].extra["alias"], [str(a) for a in by["port2"].addresses]) == (
        "lan", "to-core-fw", ["198.51.100.1/30"])
    assert [str(a) for a in by["mgmt"].addresses] == ["10.99.0.3/24"]
    assert by["wan1"].management_access == ("ping", "https", "ssh", "http")
    assert by["port2"].management_access == ("ping",)
    assert by["mgmt"].management_access == ("ping", "https", "ssh", "snmp")


def test_edge_fw_policies(edge):
    rules = edge.filters["policy"].rules
    assert [r.name for r in rules] == ["1", "2", "3", "4", "5", "6"]
    r1, r2, r3, r4, r5, r6 = rules
    assert r1.dst.items == (host("172.16.50.10"),) and r1.services == (tcp(443),) and r1.src.any
    assert r1.profiles == {"ssl": "deep-inspection", "av": "default", "ips": "protect_http_server", "waf": "default"}
    assert (r1.remark, r1.log) == ("CHG-2023-041 web portal", True)
    assert r2.profiles == {} and r2.dst.items == (host("172.16.50.20"),) and r2.services == (tcp(443),)
    assert r3.services == (tcp(3389),) and (r3.time_range, r3.time_range_expired) == ("vendor-2025Q1", True)
    assert r4.src.items == (net("10.0.0.0/8"),) and r4.dst.any and r4.services == (ANY_SERVICE,)
    assert "url" not in r4.profiles and r4.extra["nat"] is True
    assert not r5.enabled and r5.dst.items == (net("172.16.50.0/24"),) and r5.services == (tcp(22),)
    assert r6.remark == "" and "name" not in r6.extra and r6.services == (tcp(53, 123), udp(53, 123))
    for r in rules:
        assert r.src_zones == (("wan1",) if r.name in "1235" else ("port2",))
        assert r.action == PERMIT and r.loc.text == f"edit {r.name}"


def test_edge_fw_planted_comments_precede_the_lines_findings_point_at(edge):
    lines = EDGE_FW.read_text().splitlines()
    planted = [i for i, line in enumerate(lines) if line.strip().startswith("# PLANTED")]
    assert len(planted) == 10
    targets = {lines[i + 1].strip() for i in planted}
    assert targets == {"set allowaccess ping https ssh http", "set allowaccess ping", "set allowaccess ping https ssh snmp",
                       'edit "admin"', 'set name "public"', "edit 2", "edit 3", "edit 4", "edit 5", "edit 6"}
    rules = {r.name: r for r in edge.filters["policy"].rules}
    for name in "23456":
        assert lines[rules[name].loc.line - 2].strip().startswith("# PLANTED"), name
    admin = [u for u in edge.management.users if u.name == "admin"][0]
    assert lines[admin.loc.line - 2].strip().startswith("# PLANTED")
    (community,) = edge.management.snmp_communities
    assert lines[community.loc.line - 2].strip().startswith("# PLANTED")
    for svc in edge.management.services:
        if svc.allowed_sources == [net("0.0.0.0/0")]:
            assert lines[svc.loc.line - 2].strip().startswith("# PLANTED"), svc


def test_edge_fw_management(edge):
    m = edge.management
    users = {u.name: u for u in m.users}
    assert (users["admin"].trusted_hosts, users["admin"].privilege, users["admin"].secret.storage) == (
        [net("0.0.0.0/0")], 15, "sha256")
    chen = users["ops.chen"]
    assert (chen.trusted_hosts, chen.two_factor) == ([net("10.99.0.0/24")], True)
    wan = {s.protocol: s for s in m.services if s.interfaces == ["wan1"]}
    assert set(wan) == {"ping", "https", "ssh", "http"}
    assert all(s.allowed_sources == [net("0.0.0.0/0")] and s.loc.line == line_of(EDGE_FW, "set allowaccess ping https ssh http")
               for s in wan.values())
    snmp = [s for s in m.services if s.protocol == "snmp"][0]
    assert (snmp.interfaces, snmp.allowed_sources, snmp.enabled) == (["mgmt"], [net("10.99.0.0/24")], True)
    assert m.idle_timeout == 600
    assert [(h.address, h.transport, h.port) for h in m.log_hosts] == [("10.99.0.20", "udp", 514)]
    assert m.ntp_servers == ["10.99.0.10"] and m.log_timestamps is True
    (c,) = m.snmp_communities
    assert (c.secret.default_value, c.hosts, c.loc.line) == ("public", ["10.99.0.0/24"], line_of(EDGE_FW, 'set name "public"'))
    assert m.aaa.enabled is False
    # configuration changes are event-logged to the syslog server: command accounting
    assert m.aaa.accounting_commands and m.aaa.accounting_loc.line == line_of(EDGE_FW, 'set server "10.99.0.20"')
    assert edge.facts["dos_policies"][0]["interface"] == "wan1"


def test_edge_fw_platform_facts(edge):
    assert {"ips", "av", "url", "waf", "app", "dns"} <= set(edge.facts["profile_kinds"])
    by = {i.name: i for i in edge.interfaces}
    assert by["mgmt"].extra["management_only"] is True and "management_only" not in by["port2"].extra
    f = edge.filters["policy"]
    assert f.extra["default_logged"] is True
    assert f.extra["default_logged_line"] == line_of(EDGE_FW, "set fwpolicy-implicit-log enable")


@pytest.mark.parametrize("src,dst,proto,dport,zones,expected", [
    ("198.18.7.7", "172.16.50.10", 6, 443, ("wan1", "port2"), (PERMIT, "1")),  # web portal (mapped address)
    ("198.18.7.7", "172.16.50.10", 6, 80, ("wan1", "port2"), (DENY, None)),
    ("198.18.7.7", "172.16.50.20", 6, 443, ("wan1", "port2"), (PERMIT, "2")),
    ("198.18.7.7", "172.16.50.20", 6, 3389, ("wan1", "port2"), (PERMIT, "3")),  # expired schedule still matches
    ("198.18.7.7", "172.16.50.30", 6, 22, ("wan1", "port2"), (DENY, None)),  # policy 5 is disabled
    ("10.30.1.5", "93.184.216.34", 6, 8443, ("port2", "wan1"), (PERMIT, "4")),
    ("10.30.1.5", "93.184.216.34", 17, 9999, ("port2", "wan1"), (PERMIT, "4")),
    ("172.16.50.10", "8.8.8.8", 17, 53, ("port2", "wan1"), (PERMIT, "6")),
    ("172.16.50.10", "8.8.8.8", 6, 443, ("port2", "wan1"), (DENY, None)),
    ("10.30.1.5", "172.16.50.10", 6, 443, ("port2", "port2"), (DENY, None)),
])
def test_edge_fw_queries(edge, src, dst, proto, dport, zones, expected):
    assert verdict(edge, "policy", src, dst, proto=proto, dport=dport, src_zone=zones[0], dst_zone=zones[1]) == expected


def test_edge_fw_query_contract(edge):
    fs = FilterSet(edge)
    name = select_filter(edge, None, zoned=True)
    assert name == "policy"
    pkt = make_packet({"src": "198.18.7.7", "dst": "172.16.50.20", "proto": "tcp", "dport": 3389,
                       "from_zone": "wan1", "to_zone": "port2"})
    assert answer(fs, name, pkt) == {"device": "edge-fw", "filter": "policy", "action": "permit",
                                     "line": line_of(EDGE_FW, "edit 3", after="config firewall policy"),
                                     "rule": "edit 3"}
    pkt = make_packet({"src": "198.18.7.7", "dst": "172.16.50.99", "proto": "tcp", "dport": 443,
                       "from_zone": "wan1", "to_zone": "port2"})
    out = answer(fs, name, pkt)
    assert (out["action"], out["line"], out["note"]) == ("deny", None, "FortiOS implicit deny (policy 0): no policy matched")


def test_edge_fw_objects_and_references(edge):
    assert {(o.kind, o.name) for o in edge.objects} == {
        ("address-object", "internal-nets"), ("address-object", "dmz-net"), ("address-object", "VIP-WEB"),
        ("address-object", "VIP-ORDER"), ("schedule", "vendor-2025Q1")}
    used = {r.name for r in edge.references}
    assert used == {"internal-nets", "dmz-net", "VIP-WEB", "VIP-ORDER", "vendor-2025Q1"}
    assert MAX_ADDR[4] == edge.routes[0].destination.last


# --------------------------------------------------------------------------- odds and ends


def test_fqdn_vip_resolves_through_its_mapped_address():
    d = parse('config firewall address\n    edit "srv"\n        set type fqdn\n        set fqdn "app.example.com"\n'
              '    next\nend\nconfig firewall vip\n    edit "v"\n        set type fqdn\n        set extip 203.0.113.5\n'
              '        set extintf "wan1"\n        set mapped-addr "srv"\n    next\nend\n'
              'config firewall policy\n    edit 1\n        set srcintf "wan1"\n        set dstintf "lan"\n'
              '        set srcaddr "all"\n        set dstaddr "v"\n        set action accept\n        set service "HTTPS"\n'
              '    next\nend\n')
    (r,) = d.filters["policy"].rules
    assert r.dst.unresolved == ("srv",) and r.extra["vips"] == ["v"]
    assert [(x.kind, x.name, x.context) for x in d.references] == [
        ("address-object", "v", "policy 1 dstaddr"), ("address-object", "srv", "VIP v")]
    assert d.facts["vips"][0]["mapped_addr"] == ["srv"]


def test_cli_abbreviations_and_exit():
    d = parse('config sys global\n    set hostname "abbrev"\nexit\nconfig fire address\n    edit "a"\n'
              '        set subnet 10.0.0.0/8\n    next\nend\n')
    assert d.hostname == "abbrev" and d.parse_warnings == [] and [o.name for o in d.objects] == ["a"]


def test_per_vdom_backup_header():
    d = parse("#config-version=FGT70F-7.0.14-FW-build0601-240206:opmode=0:vdom=1:user=admin\n"
              "#global_vdom=0:vd_name=root/root\n"
              'config system interface\n    edit "dmz"\n        set vdom "root"\n        set ip 10.10.10.1 255.255.255.0\n'
              '    next\nend\n')
    assert d.facts["vdom_mode"] is True and list(d.filters) == ["policy"]
    assert d.facts["header"]["global_vdom"] == "0:vd_name=root/root"


def test_suppression_comment_before_a_policy():
    planted = "    # PLANTED: every service (ALL) from all internal networks to the Internet, and no web filter profile\n"
    text = EDGE_FW.read_text().replace(
        planted, planted + "    # netlint: ignore[NL102] accepted until the proxy migration\n")
    assert text != EDGE_FW.read_text()
    d = parse_text(text, "edge-fw.conf", vendor="fortinet_fortios")
    (sup,) = d.suppressions
    rule = rules_by_name(d)["4"]
    assert sup.rule_ids == ("NL102",) and sup.target_line == rule.loc.line
    assert sup.reason == "accepted until the proxy migration"


def test_zones_of_sdwan_members():
    d = parse('config system sdwan\n    set status enable\n    config zone\n        edit "virtual-wan-link"\n        next\n'
              '        edit "underlay"\n        next\n    end\n    config members\n        edit 1\n'
              '            set interface "wan1"\n            set zone "underlay"\n        next\n        edit 2\n'
              '            set interface "wan2"\n            set zone "underlay"\n        next\n    end\nend\n'
              'config firewall policy\n    edit 1\n        set srcintf "lan"\n        set dstintf "underlay"\n'
              '        set srcaddr "all"\n        set dstaddr "all"\n        set action accept\n        set service "ALL"\n'
              '    next\nend\n')
    (r,) = d.filters["policy"].rules
    assert r.dst_zones == ("underlay", "wan1", "wan2")
    assert d.facts["sdwan"]["root"]["zones"] == {"virtual-wan-link": [], "underlay": ["wan1", "wan2"]}
    assert verdict(d, "policy", "10.0.0.1", "8.8.8.8", src_zone="lan", dst_zone="wan2") == (PERMIT, "1")


def test_wireless_networks_in_the_model(vpn):
    got = [(w.ssid, w.security, w.cipher, w.vlan, w.guest, w.bridged_internal) for w in vpn.wireless]
    assert got == [("Lobby-Free", "open", None, None, False, False),
                   ("Scanners", "wpa-psk", "tkip", None, False, False),
                   ("ExampleSec-Guest", "wpa2-psk", "aes", 40, True, True),
                   ("ExampleSec", "wpa2-enterprise", "aes", None, False, False)]
    guest = vpn.wireless[2]
    assert guest.passphrase.storage == "reversible" and guest.extra["fortios_security"] == "wpa2-only-personal"
    assert guest.loc.line == line_of(CASES / "vpn-wireless.conf", 'edit "guest"')
    d = parse('config wireless-controller vap\n    edit "v"\n        set ssid "Office"\n        set security wep128\n'
              '    next\n    edit "w"\n        set ssid "Shop"\n        set passphrase 12345678\n    next\nend\n')
    assert [(w.security, w.cipher) for w in d.wireless] == [("wep", None), ("wpa2-psk", "aes")]
    assert (d.wireless[1].passphrase.storage, d.wireless[1].passphrase.length) == ("plaintext", 8)


def test_remote_access_in_the_model(vpn):
    ssl, dial = vpn.remote_access
    assert (ssl.kind, ssl.name, ssl.enabled, ssl.mfa, ssl.client_certificate, ssl.auth_method) == (
        "ssl-vpn", "ssl.root", True, False, False, "local")
    assert (ssl.min_tls, ssl.tunnel_zone, ssl.encryption) == ("1.0", "ssl.root", ["des", "3des", "rc4"])
    assert ssl.loc.line == line_of(CASES / "vpn-wireless.conf", "config vpn ssl settings")
    assert (dial.kind, dial.name, dial.mfa, dial.auth_method, dial.tunnel_zone) == (
        "ipsec", "dialup-ra", False, "psk", "dialup-ra")
    assert (dial.encryption, dial.integrity, dial.dh_groups) == (["3des", "aes128"], ["sha1"], [2, 5])
    d = parse('config user local\n    edit "u1"\n        set two-factor fortitoken\n    next\nend\n'
              'config user group\n    edit "g"\n        set member "u1"\n    next\nend\n'
              'config vpn ssl settings\n    set source-interface "wan1"\n    set ssl-min-proto-ver tls1-2\n'
              '    config authentication-rule\n        edit 1\n            set groups "g"\n        next\n    end\nend\n')
    (ra,) = d.remote_access
    assert (ra.mfa, ra.min_tls, ra.encryption) == (True, "1.2", [])


def test_admintimeout_and_strong_crypto_defaults():
    """No admintimeout: FortiOS logs an idle admin out after 5 minutes; no strong-crypto
    line: the model does not say (the default is enable)."""
    m = parse("config system global\n    set hostname \"fw\"\nend\n").management
    assert (m.idle_timeout, m.idle_timeout_default) == (None, 300)
    assert m.strong_crypto is None
    m = parse("config system global\n    set strong-crypto enable\nend\n").management
    assert m.strong_crypto is True and m.strong_crypto_loc.line == 2
