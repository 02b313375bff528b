"""Tests of the Palo Alto PAN-OS parser (parsers/paloalto_panos.py) on its fixtures
(fixtures/cases/paloalto_panos/): line numbers of elements, objects, services and
App-ID mapping, rule semantics, vsys and Panorama rulebases, the management plane,
warnings, refused inputs, and agreement of the packet engine with PAN-OS first-match
semantics."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

import pytest

import parsers.paloalto_panos as panos
from netlint.filters import FilterSet
from netlint.model import (
    ANY_SERVICE, DENY, PERMIT, AddressRange, AddressWildcard, ParseError, Service,
)
from netlint.serialize import device_to_dict
from netlint.space import Packet
from parsers.detect import detect_vendor
from parsers.paloalto_panos import APP_DEFAULTS, PARSER, PREDEFINED_SERVICES, pan_redact

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cases" / "paloalto_panos"
RUNNING = CASES / "running-config.xml"
HARDENED = CASES / "hardened.xml"
VSYS2 = CASES / "vsys2.xml"
PANORAMA = CASES / "panorama.xml"
UNKNOWN = CASES / "unknown-elements.xml"
# XPaths that parse warnings name
DEV = "/config/devices/entry[@name='localhost.localdomain']"
VSYS1 = DEV + "/vsys/entry[@name='vsys1']"


def load(path: Path):
    return PARSER.parse(path.read_text(), str(path))


def parse(text: str, file: str = "snippet.xml"):
    return PARSER.parse(text, file)


def lines_of(path: Path) -> list[str]:
    return path.read_text().splitlines()


def line_of(path: Path, start: str, after: int = 0) -> int:
    """1-based number of the first line after line `after` whose stripped text starts with `start`."""
    for number, line in enumerate(lines_of(path), 1):
        if number > after and line.strip().startswith(start):
            return number
    raise AssertionError(f"{start!r} not in {path}")


def closing_line(path: Path, start_line: int) -> int:
    """The line of the end tag of the element that starts on `start_line` (same indentation)."""
    lines = lines_of(path)
    opening = lines[start_line - 1]
    indent = len(opening) - len(opening.lstrip())
    tag = opening.strip()[1:].split()[0].rstrip(">")
    for number in range(start_line, len(lines) + 1):
        line = lines[number - 1]
        if line.strip() == f"</{tag}>" and len(line) - len(line.lstrip()) == indent:
            return number
    raise AssertionError(f"no </{tag}> for line {start_line}")


def net(text: str) -> AddressRange:
    return AddressRange.from_network(text)


def host(text: str) -> AddressRange:
    return AddressRange.host(text)


def tcp(*ports: int | tuple[int, int], name: str = "") -> Service:
    return Service(6, dst_ports=tuple(p if isinstance(p, tuple) else (p, p) for p in ports), name=name)


def udp(*ports: int | tuple[int, int], name: str = "") -> Service:
    return Service(17, dst_ports=tuple(p if isinstance(p, tuple) else (p, p) for p in ports), name=name)


def refs(device, kind: str | None = None, name: str | None = None):
    return [r for r in device.references if (kind is None or r.kind == kind) and (name is None or r.name == name)]


def obj(device, kind: str, name: str):
    found = [o for o in device.objects if o.kind == kind and o.name == name]
    assert len(found) == 1, (kind, name, found)
    return found[0]


def wrap(vsys_body: str, system: str = "", shared: str = "") -> str:
    """A minimal PAN-OS config around a vsys1 body."""
    return f"""<config version="10.1.0" urldb="paloaltonetworks" detail-version="10.1.9">
  <shared>{shared}</shared>
  <devices>
    <entry name="localhost.localdomain">
      <deviceconfig><system>{system}</system></deviceconfig>
      <vsys>
        <entry name="vsys1">
{vsys_body}
        </entry>
      </vsys>
    </entry>
  </devices>
</config>
"""


def rule_xml(name: str, action: str = "allow", frm: str = "any", to: str = "any", src: str = "any",
             dst: str = "any", app: str = "any", svc: str = "any", more: str = "") -> str:
    def members(v: str) -> str:
        return "".join(f"<member>{m}</member>" for m in v.split(","))

    return (f'<entry name="{name}"><from>{members(frm)}</from><to>{members(to)}</to>'
            f"<source>{members(src)}</source><destination>{members(dst)}</destination>"
            f"<application>{members(app)}</application><service>{members(svc)}</service>"
            f"<action>{action}</action>{more}</entry>")


def zones_xml(*names: str) -> str:
    return "<zone>" + "".join(
        f'<entry name="{z}"><network><layer3><member>ethernet1/{i}</member></layer3></network></entry>'
        for i, z in enumerate(names, 1)) + "</zone>"


def rules_device(*rules: str, objects: str = "", zones: tuple[str, ...] = ("trust", "untrust", "dmz")):
    body = zones_xml(*zones) + objects + "<rulebase><security><rules>" + "".join(rules) + "</rules></security></rulebase>"
    return parse(wrap(body))


def by_name(device, filter_name: str = "security"):
    return {r.name: r for r in device.filters[filter_name].rules}


def pkt(src: str, dst: str, dport: int | None = None, proto: int = 6, sz: str | None = None,
        dz: str | None = None, icmp_type: int | None = None) -> Packet:
    p = Packet(src=src, dst=dst, proto=proto, src_zone=sz, dst_zone=dz)
    if proto in (6, 17):
        p.sport, p.dport = 40000, dport
    elif proto in (1, 58):
        p.icmp_type, p.icmp_code = (8 if icmp_type is None else icmp_type), 0
    return p


@pytest.fixture(scope="module")
def running():
    return load(RUNNING)


@pytest.fixture(scope="module")
def hardened():
    return load(HARDENED)


@pytest.fixture(scope="module")
def vsys2():
    return load(VSYS2)


@pytest.fixture(scope="module")
def panorama():
    return load(PANORAMA)


@pytest.fixture(scope="module")
def unknown():
    return load(UNKNOWN)


@pytest.fixture(scope="module")
def rules(running):
    return by_name(running)


# --------------------------------------------------------------------------- detection and inventory


def test_detect_fixtures():
    for path in (RUNNING, HARDENED, VSYS2, PANORAMA, UNKNOWN):
        text = path.read_text()
        assert PARSER.detect(text) == 100, path
        assert detect_vendor(text) == "paloalto_panos", path
    assert PARSER.detect("hostname r1\ninterface GigabitEthernet0/1\n") == 0
    assert PARSER.detect("") == 0
    assert PARSER.vendor == "paloalto_panos"


def test_inventory(running):
    assert running.vendor == "paloalto_panos"
    assert running.hostname == "ES-TPE-FW01"
    assert running.os_version == "10.1.9"
    assert running.os_version_loc.line == line_of(RUNNING, "<config version=")
    assert running.facts["config_version"] == "10.1.0"
    assert running.facts["hostname_line"] == line_of(RUNNING, "<hostname>ES-TPE-FW01")
    assert running.facts["vsys"] == ["vsys1"]
    assert running.stateful is True
    assert running.security_levels is False
    assert running.parse_warnings == []


def test_sw_version_and_model_elements_win_over_the_header():
    d = parse(wrap("", system="<sw-version>10.1.11-h1</sw-version><model>PA-3220</model>"))
    assert d.os_version == "10.1.11-h1"
    assert d.os_version_loc.line == 5
    assert d.model == "PA-3220"


def test_hostname_falls_back_to_the_file_name():
    d = PARSER.parse('<config version="10.1.0"><devices/></config>', "/tmp/branch-fw.xml")
    assert d.hostname == "branch-fw"
    assert d.os_version == "10.1.0"


# --------------------------------------------------------------------------- line numbers


def test_rule_lines_are_the_entry_elements(running):
    rules = running.filters["security"].rules
    assert len(rules) == 23
    for rule in rules:
        start = line_of(RUNNING, f'<entry name="{rule.name}"')
        assert rule.loc.line == start, rule.name
        assert rule.loc.end_line == closing_line(RUNNING, start), rule.name
        assert rule.loc.text.startswith(f'<entry name="{rule.name}" uuid=')


def test_fast_and_python_rule_builders_agree(monkeypatch):
    """Security rules are built by ElementTree's C builder with lines from a text scan;
    the pure Python handlers must give exactly the same model."""
    fast = load(RUNNING)
    monkeypatch.setattr(panos, "FAST_RULES", False)
    slow = load(RUNNING)
    assert json.dumps(device_to_dict(fast), sort_keys=True) == json.dumps(device_to_dict(slow), sort_keys=True)
    fast_u = load(UNKNOWN)
    monkeypatch.setattr(panos, "FAST_RULES", True)
    slow_u = load(UNKNOWN)
    assert [(w.loc.line, w.message) for w in fast_u.parse_warnings] == \
        [(w.loc.line, w.message) for w in slow_u.parse_warnings]


def test_object_lines(running):
    for kind, name in [("address-object", "web-srv-01"), ("address-group", "dmz-servers"),
                       ("service-object", "tcp-fix"), ("service-group", "web-ports"),
                       ("schedule", "q1-2023-audit"), ("zone", "uat"), ("tag", "PCI"),
                       ("external-list", "threat-feed"), ("application-group", "remote-admin"),
                       ("security-profile-group", "strict-protect")]:
        o = obj(running, kind, name)
        start = line_of(RUNNING, f'<entry name="{name}"')
        assert o.loc.line == start, name
        assert o.loc.end_line == closing_line(RUNNING, start), name
    assert obj(running, "address-group", "dmz-servers").members == ("web-servers", "mail-gw", "dns-dmz")
    assert obj(running, "service-group", "app-ports").members == ("web-ports", "tcp-fix")
    assert obj(running, "address-object", "trade-app").description == "order routing servers"


def test_xml_comments_and_non_ascii_keep_lines():
    text = wrap(zones_xml("trust") + "<!-- 交易主機 \u2014 <entry name=\"commented-out\"> -->"
                "<rulebase><security><rules>\n<!-- 規則 <entry name=\"old\"></entry> -->\n"
                + rule_xml("r1", more="<description>台北總公司</description>")
                + "\n" + rule_xml("r2") + "</rules></security></rulebase>")
    d = parse(text)
    r = by_name(d)
    assert [x.name for x in d.filters["security"].rules] == ["r1", "r2"]
    assert r["r1"].loc.line == 10 and r["r2"].loc.line == 11
    assert r["r1"].remark == "台北總公司"


# --------------------------------------------------------------------------- objects and addresses


def test_address_objects(rules, running):
    assert rules["allow-mail-in"].dst.items == (host("172.16.10.25"),)
    assert rules["allow-mail-in"].dst.names == ("mail-gw",)
    # nested static groups are flattened
    assert rules["allow-dmz-to-db"].src.items == (host("172.16.10.10"), host("172.16.10.11"),
                                                  host("172.16.10.25"), host("172.16.10.53"))
    assert rules["allow-dmz-to-db"].src.names == ("dmz-servers",)
    # ip-range
    assert rules["allow-partner-fix"].src.items == (AddressRange.between("198.51.100.10", "198.51.100.20"),)
    # ip-wildcard: host .5 of every /24 in 10.30.0.0/16
    (wild,) = rules["allow-printers"].src.items
    assert isinstance(wild, AddressWildcard)
    assert wild.value == int(host("10.30.0.5").first) & 0xFFFF00FF
    assert wild.care == 0xFFFF00FF
    assert rules["allow-printers"].approximations == ()
    # any
    assert rules["allow-web-to-dmz"].src.any and not rules["allow-web-to-dmz"].src.items


def test_unresolved_addresses(rules):
    fqdn = rules["allow-fix-to-exchange"]
    assert fqdn.dst.unresolved == ("twse-fix-gw",) and fqdn.dst.items == ()
    assert any("FQDN" in a and "fix-gw.exchange.example.tw" in a for a in fqdn.approximations)
    dyn = rules["deny-quarantined"]
    assert dyn.src.unresolved == ("quarantine",)
    assert any("dynamic address group 'quarantine'" in a for a in dyn.approximations)
    edl = rules["drop-threat-feed"]
    assert edl.src.unresolved == ("threat-feed",)
    assert any("external dynamic list" in a for a in edl.approximations)
    geo = rules["deny-geo"]
    assert geo.src.unresolved == ("KP", "IR")
    assert geo.vendor_action == "reset-both" and geo.action == DENY


@pytest.mark.parametrize("text", [
    "10.0.0.0/8", "10.1.2.3", "10.1.2.3/24", "0.0.0.0/0", "255.255.255.255/32", "1.2.3.4/08", "1.2.3.4/0",
    "256.1.1.1", "01.2.3.4", "1.2.3.00", "1.2.3.4/33", "1.2.3", "1.2.3.4.5", "1.2.3.4/", "1..3.4", "a.b.c.d",
    "1.2.3.4/255.255.0.0", "\u0661.2.3.4", "1.2.3.4/\u0668", "1.2.3.4/-1", "2001:db8::/32", "::1",
])
def test_dotted_quad_fast_path_agrees_with_the_standard_library(text):
    """Address objects are read by a fast path for dotted-quad IPv4: the same range, or
    the same refusal, as AddressRange.from_network (ipaddress)."""
    try:
        expected = ("ok", AddressRange.from_network(text))
    except ValueError as exc:
        expected = ("error", str(exc))
    try:
        got = ("ok", panos._network(text))
    except ValueError as exc:
        got = ("error", str(exc))
    assert got == expected


def test_literal_addresses_and_undefined_names():
    d = rules_device(rule_xml("lit", src="10.1.0.0/16,192.0.2.5-192.0.2.9,2001:db8::/32", dst="nothing-here"))
    r = by_name(d)["lit"]
    assert r.src.items == (net("10.1.0.0/16"), AddressRange.between("192.0.2.5", "192.0.2.9"), net("2001:db8::/32"))
    assert r.dst.unresolved == ("nothing-here",)
    assert "address 'nothing-here' is not defined" in r.approximations
    assert [x.context for x in refs(d, "address-object", "nothing-here")] == ["security rule lit"]
    assert refs(d, "address-object", "10.1.0.0/16") == []


def test_object_named_like_an_address_wins_over_the_literal():
    objects = '<address><entry name="10.9.9.9"><ip-netmask>172.16.0.9</ip-netmask></entry></address>'
    d = rules_device(rule_xml("r", dst="10.9.9.9"), objects=objects)
    assert by_name(d)["r"].dst.items == (host("172.16.0.9"),)
    assert len(refs(d, "address-object", "10.9.9.9")) == 1


def test_group_cycle_is_unresolved_not_a_crash():
    objects = ('<address-group><entry name="a"><static><member>b</member></static></entry>'
               '<entry name="b"><static><member>a</member></static></entry></address-group>')
    r = by_name(rules_device(rule_xml("r", src="a"), objects=objects))["r"]
    assert r.src.unresolved == ("a",)
    assert any("cycle" in a for a in r.approximations)


def test_custom_region_resolves_country_codes_do_not():
    objects = ('<region><entry name="tw-offices"><address><member>10.50.0.0/16</member>'
               '<member>10.51.0.1-10.51.0.9</member></address></entry></region>')
    r = by_name(rules_device(rule_xml("r", src="tw-offices,CN"), objects=objects))["r"]
    assert r.src.items == (net("10.50.0.0/16"), AddressRange.between("10.51.0.1", "10.51.0.9"))
    assert r.src.unresolved == ("CN",)


def test_vsys_object_hides_shared_object(vsys2):
    pre = by_name(vsys2)["pano-pre-allow-dns"]
    assert pre.dst.items == (host("10.1.1.53"),)  # vsys1: the shared object
    v2 = by_name(vsys2, "vsys2:security")["allow-dns"]
    assert v2.dst.items == (host("10.2.1.53"),)  # vsys2: its own object
    assert by_name(vsys2, "vsys2:security")["allow-ntp"].dst.items == (AddressRange.between("10.1.1.123", "10.1.1.124"),)


# --------------------------------------------------------------------------- services and applications


def test_predefined_services():
    assert PREDEFINED_SERVICES["service-http"] == (tcp(80, 8080, name="service-http"),)
    assert PREDEFINED_SERVICES["service-https"] == (tcp(443, name="service-https"),)


def test_service_objects_and_groups(rules):
    assert rules["allow-partner-fix"].services == (tcp((9876, 9880), name="tcp-fix"),)
    assert rules["allow-partner-fix"].service_names == ("tcp-fix",)
    printers = rules["allow-printers"].services
    assert printers == (Service(6, src_ports=((1024, 65535),), dst_ports=((8000, 8080), (8443, 8443)), name="web-alt"),)
    # nested groups, including the predefined service-http / service-https
    assert rules["allow-fix-to-exchange"].services == (
        tcp(80, 8080, name="service-http"), tcp(443, name="service-https"), tcp(8443, name="tcp-8443"),
        tcp((9876, 9880), name="tcp-fix"))


def test_application_default_maps_app_ids(rules):
    assert rules["allow-web-to-dmz"].services == (tcp(80), tcp(443))
    assert rules["allow-web-to-dmz"].applications == ("web-browsing", "ssl")
    assert rules["allow-web-to-dmz"].service_names == ("application-default",)
    assert rules["allow-mail-in"].services == (tcp(25),)
    assert rules["allow-dmz-to-db"].services == (tcp(1521),)
    assert rules["allow-ntp-out"].services == (udp(123),)
    assert rules["deny-uat-smb"].services == (tcp(139, 445),)
    # an application group
    assert rules["allow-admin-from-mgmt"].services == (tcp(22), tcp(3389), udp(3389))
    assert rules["allow-admin-from-mgmt"].applications == ("remote-admin",)
    for r in ("allow-web-to-dmz", "allow-mail-in", "allow-dmz-to-db", "allow-admin-from-mgmt"):
        assert rules[r].approximations == (), r


def test_app_default_table_sanity():
    assert APP_DEFAULTS["dns"] == (tcp(53), udp(53, 5353))
    assert APP_DEFAULTS["ping"] == (Service(1, icmp_type=8), Service(58, icmp_type=128))
    assert APP_DEFAULTS["icmp"] == (Service(1),)
    assert APP_DEFAULTS["ms-rdp"] == (tcp(3389), udp(3389))


def test_explicit_service_narrowed_by_application_protocols(rules):
    # syslog runs over UDP: udp/514 of the service is kept
    assert rules["allow-syslog-to-siem"].services == (udp(514, name="udp-syslog"),)
    # ssl on service-http / service-https / tcp-8443: ssl on those ports, not only 443
    assert rules["allow-ssl-alt-ports"].services == (
        tcp(80, 8080, name="service-http"), tcp(443, name="service-https"), tcp(8443, name="tcp-8443"))
    assert rules["allow-ssl-alt-ports"].approximations == ()


def test_application_on_service_any_and_impossible_combinations():
    d = rules_device(
        rule_xml("ssh-any-port", app="ssh", svc="any"),
        rule_xml("ping-on-tcp", app="ping", svc="service-https"),
        rule_xml("ping-any", app="ping", svc="any"),
        rule_xml("any-any", app="any", svc="any"),
        rule_xml("any-app-default", app="any", svc="application-default"),
    )
    r = by_name(d)
    assert r["ssh-any-port"].services == (Service(6),)  # ssh identified on any TCP port
    assert r["ssh-any-port"].extra["service_any"] is True
    assert r["ping-on-tcp"].services == ()  # ping never runs over TCP: matches nothing
    assert r["ping-any"].services == (Service(1, icmp_type=8), Service(58, icmp_type=128))
    assert r["any-any"].services == (ANY_SERVICE,) and r["any-any"].approximations == ()
    assert r["any-app-default"].services == (ANY_SERVICE,)
    assert any("application any with service application-default" in a for a in r["any-app-default"].approximations)


def test_ping_matches_echo_requests_of_the_rules_address_family():
    """`ping` is ICMP echo (IPv4) and ICMPv6 echo (IPv6): ICMP only travels in IPv4 and
    ICMPv6 only in IPv6, so a rule whose addresses are all of one family keeps only that
    family's echo; one open to both families keeps both."""
    objects = ('<address><entry name="v6-net"><ip-netmask>2001:db8::/32</ip-netmask></entry>'
               '<entry name="v4-host"><ip-netmask>10.2.0.10</ip-netmask></entry>'
               '<entry name="web-fqdn"><fqdn>www.example.com</fqdn></entry></address>'
               '<address-group><entry name="both"><static><member>v4-host</member><member>v6-net</member></static>'
               '</entry></address-group>'
               '<application><entry name="probe6"><default><ident-by-icmp6-type><type>128</type></ident-by-icmp6-type>'
               '</default></entry></application>')
    d = rules_device(
        rule_xml("ping-v4", app="ping", svc="application-default", dst="10.2.0.0/24"),
        rule_xml("ping-v6", app="ping", svc="application-default", src="v6-net"),
        rule_xml("ping-both", app="ping", svc="application-default", dst="both"),
        rule_xml("ping-any", app="ping", svc="application-default"),
        rule_xml("ping-negated", app="ping", svc="application-default", dst="10.2.0.0/24",
                 more="<negate-destination>yes</negate-destination>"),
        rule_xml("ping-fqdn-allow", app="ping", svc="application-default", dst="10.2.0.10,web-fqdn"),
        rule_xml("ping-v4-on-any", app="ping", svc="any", src="v4-host"),
        rule_xml("icmp6-v4", app="ipv6-icmp,probe6", svc="application-default", dst="v4-host"),
        objects=objects)
    r = by_name(d)
    echo4, echo6 = Service(1, icmp_type=8), Service(58, icmp_type=128)
    assert r["ping-v4"].services == (echo4,)
    assert r["ping-v4"].extra["services_other_family"] == ["icmp6/type128"]
    assert r["ping-v6"].services == (echo6,)
    assert r["ping-v4-on-any"].services == (echo4,)
    for both in ("ping-both", "ping-any", "ping-negated", "ping-fqdn-allow"):
        assert r[both].services == (echo4, echo6), both
        assert "services_other_family" not in r[both].extra, both
    assert r["icmp6-v4"].services == ()  # ICMPv6 between IPv4 addresses: nothing

    # the engine: an IPv4 rule's ping no longer lets "ICMPv6 inside IPv4" through
    fs = FilterSet(rules_device(rule_xml("ping-v4", app="ping", svc="application-default", dst="10.2.0.0/24"),
                                rule_xml("ping-v6", app="ping", svc="application-default", dst="2001:db8::/32")))
    icmp6_in_v4 = pkt("10.1.1.1", "10.2.0.10", proto=58, icmp_type=128)
    assert fs.evaluate("security", icmp6_in_v4).rule is None  # the interzone default
    assert fs.evaluate("security", pkt("10.1.1.1", "10.2.0.10", proto=1)).rule.name == "ping-v4"
    assert fs.evaluate("security", pkt("2001:db8::1", "2001:db8::2", proto=58, icmp_type=128)).rule.name == "ping-v6"
    assert fs.evaluate("security", pkt("2001:db8::1", "2001:db8::2", proto=1)).rule is None
    sp = fs.space
    permitted = sp.with_context(fs.compiled("security").permitted, {"src_zone": "trust", "dst_zone": "untrust"})
    ipv4 = sp.project(sp.packet_set(Packet("10.0.0.1", "10.0.0.2", 6, 1, 1)), ["family"])
    assert not (permitted & ipv4 & sp.field_set("proto", [(1, 1)])).is_empty()
    assert (permitted & ipv4 & sp.field_set("proto", [(58, 58)])).is_empty()


def test_unmapped_applications_follow_batfish(rules):
    allow = rules["allow-bittorrent"]
    assert allow.extra["unmapped_applications"] is True
    assert allow.extra["applications_unmapped"] == ("bittorrent",)
    assert allow.services == (ANY_SERVICE,)
    assert any("bittorrent not modelled" in a for a in allow.approximations)
    deny = rules["deny-teamviewer"]
    assert deny.extra["unmapped_applications"] is True
    assert deny.services == (tcp(8443, name="tcp-8443"),)  # kept for display; the deny matches nothing
    assert any("teamviewer not modelled" in a for a in deny.approximations)


def test_unmapped_application_with_application_default():
    d = rules_device(
        rule_xml("allow-mixed", app="ssh,zoom", svc="application-default"),
        rule_xml("deny-mixed", action="deny", app="ssh,zoom", svc="application-default"),
        rule_xml("deny-unknown", action="deny", app="zoom", svc="application-default"),
    )
    r = by_name(d)
    assert r["allow-mixed"].extra["unresolved_services"] == ("zoom",)  # its ports are unknown: any
    assert r["allow-mixed"].extra["unmapped_applications"] is True
    assert r["deny-mixed"].services == (tcp(22),)  # the mapped part stays exact
    assert "unmapped_applications" not in r["deny-mixed"].extra
    assert r["deny-mixed"].approximations
    assert r["deny-unknown"].extra["unmapped_applications"] is True


def test_custom_application_and_filter():
    objects = ('<application><entry name="es-order-api"><category>business-systems</category>'
               '<default><port><member>tcp/7443,7444</member></port></default></entry>'
               '<entry name="es-heartbeat"><default><ident-by-ip-protocol>253</ident-by-ip-protocol></default></entry>'
               '</application>'
               '<application-filter><entry name="risky"><risk><member>5</member></risk></entry></application-filter>')
    d = rules_device(rule_xml("custom", app="es-order-api,es-heartbeat", svc="application-default"),
                     rule_xml("filtered", app="risky", svc="application-default", action="deny"), objects=objects)
    r = by_name(d)
    assert r["custom"].services == (Service(6, dst_ports=((7443, 7443), (7444, 7444))), Service(253))
    assert r["custom"].approximations == ()
    assert r["filtered"].extra["unmapped_applications"] is True
    assert len(refs(d, "application", "es-order-api")) == 1
    assert len(refs(d, "application-filter", "risky")) == 1
    assert refs(d, "application", "ssh") == []


def test_custom_application_icmp_type_and_code():
    objects = ('<application><entry name="unreach"><default><ident-by-icmp-type><type>3</type><code>4</code>'
               '</ident-by-icmp-type></default></entry>'
               '<entry name="any-code"><default><ident-by-icmp-type><type>11</type></ident-by-icmp-type></default>'
               '</entry></application>')
    d = rules_device(rule_xml("frag-needed", app="unreach,any-code", svc="application-default"), objects=objects)
    assert by_name(d)["frag-needed"].services == (Service(1, icmp_type=3, icmp_code=4), Service(1, icmp_type=11))


def test_5g_conditions_are_layer7_approximations():
    more = "<source-imsi><member>466920000000001</member></source-imsi><source-nw-slice><member>slice-a</member>" \
           "</source-nw-slice><source-imei><member>any</member></source-imei>"
    d = rules_device(rule_xml("allow-subscriber", more=more), rule_xml("deny-subscriber", action="deny", more=more))
    r = by_name(d)
    allow, deny = r["allow-subscriber"], r["deny-subscriber"]
    assert allow.extra["source_imsi"] == ["466920000000001"] and allow.extra["source_nw_slice"] == ["slice-a"]
    assert "source_imei" not in allow.extra  # any: no condition
    assert any("source-imsi 466920000000001" in a and "assumed to match" in a for a in allow.approximations)
    assert "unmapped_applications" not in allow.extra
    assert deny.extra["unmapped_applications"] is True  # a deny on a subscriber is assumed not to match
    assert not d.parse_warnings


def test_undefined_service(unknown):
    r = by_name(unknown)["undefined-objects"]
    assert r.extra["unresolved_services"] == ("ghost-service",)
    assert "service ghost-service is not defined" in r.approximations
    assert len(refs(unknown, "service-object", "ghost-service")) == 1


def test_predefined_names_are_never_references(running):
    names = {r.name for r in running.references}
    for predefined in ("any", "application-default", "service-http", "service-https", "web-browsing",
                       "ssl", "KP", "IR", "default", "strict", "strict file blocking"):
        assert predefined not in names, predefined


# --------------------------------------------------------------------------- rule semantics


def test_actions_and_vendor_words(rules):
    assert rules["allow-web-to-dmz"].action == PERMIT and rules["allow-web-to-dmz"].vendor_action == "allow"
    assert rules["drop-threat-feed"].action == DENY and rules["drop-threat-feed"].vendor_action == "drop"
    assert rules["deny-fix-others"].action == DENY and rules["deny-fix-others"].vendor_action == "deny"


def test_zones(rules):
    assert rules["allow-web-to-dmz"].src_zones == ("untrust",)
    assert rules["allow-web-to-dmz"].dst_zones == ("dmz",)
    assert rules["drop-threat-feed"].dst_zones is None
    assert rules["allow-ntp-out"].src_zones == ("trust", "dmz")


def test_negate_source(rules):
    r = rules["deny-fix-others"]
    assert r.src.negated is True
    assert r.src.items == (AddressRange.between("198.51.100.10", "198.51.100.20"),)
    assert r.src.describe() == "!partner-range"
    assert rules["allow-partner-fix"].src.negated is False


def test_negate_destination_any_matches_nothing():
    d = rules_device(rule_xml("r", action="deny", more="<negate-destination>yes</negate-destination>"))
    fs = FilterSet(d)
    r = by_name(d)["r"]
    assert r.dst.negated and r.dst.any
    v = fs.evaluate("security", pkt("10.0.0.1", "10.0.0.2", 80, sz="trust", dz="untrust"))
    assert v.rule is None and v.action == DENY


def test_disabled_rule(rules):
    r = rules["temp-vendor-access"]
    assert r.enabled is False
    assert r.extra["disabled_line"] == line_of(RUNNING, "<disabled>yes</disabled>")
    assert r.extra["tags"] == ["temporary"]
    assert all(x.enabled for n, x in rules.items() if n != "temp-vendor-access")


def test_schedules(rules, monkeypatch):
    expired = rules["audit-q1-2023"]
    assert expired.time_range == "q1-2023-audit"
    assert expired.time_range_expired is True
    assert rules["allow-ntp-out"].time_range == "office-hours"
    assert rules["allow-ntp-out"].time_range_expired is False
    assert rules["allow-web-to-dmz"].time_range is None and rules["allow-web-to-dmz"].time_range_expired is None
    monkeypatch.setattr(panos, "_now", lambda: datetime(2023, 2, 1))
    assert by_name(load(RUNNING))["audit-q1-2023"].time_range_expired is False


def test_security_profiles(rules):
    group = rules["allow-web-to-dmz"].profiles
    assert group == {"group": "strict-protect", "av": "default", "spyware": "strict", "ips": "strict",
                     "url": "default", "file-blocking": "strict file blocking", "wildfire": "default"}
    assert rules["allow-web-to-dmz"].extra["profile_group"] == "strict-protect"
    assert rules["allow-partner-fix"].profiles == {"av": "default", "spyware": "strict", "ips": "strict"}
    assert rules["allow-mail-in"].profiles == {}
    assert rules["allow-web-to-dmz"].profiles is not rules["allow-web-01"].profiles


def test_logging_description_tags(rules):
    web = rules["allow-web-to-dmz"]
    assert web.log is True and web.extra["log_end"] is True and web.extra["log_start"] is False
    assert web.extra["log_setting"] == "forward-to-siem"
    assert web.remark == "CHG-2023-014 public web site"
    assert web.extra["tags"] == ["PCI"]
    assert web.extra["uuid"] == "5b0f8d1e-1111-4a2b-9c3d-000000000001"
    assert rules["allow-mail-in"].extra["log_start"] is True
    assert rules["allow-mail-in"].extra["log_setting"] is None
    nolog = by_name(rules_device(rule_xml("quiet", more="<log-end>no</log-end>")))["quiet"]
    assert nolog.log is False


def test_users_and_layer7_conditions(rules):
    r = rules["allow-traders-web"]
    assert r.users == ("example\\traders",)
    assert any("source-user" in a and "assumed to match" in a for a in r.approximations)
    d = rules_device(rule_xml("deny-cat", action="deny", more="<category><member>gambling</member></category>"),
                     rule_xml("deny-user", action="deny", more="<source-user><member>guests</member></source-user>"),
                     rule_xml("allow-hip", more="<source-hip><member>managed-laptop</member></source-hip>"))
    x = by_name(d)
    assert x["deny-cat"].extra["category"] == ["gambling"]
    assert x["deny-cat"].extra["unmapped_applications"] is True  # a deny we cannot see is assumed not to match
    assert x["deny-user"].users == ("guests",) and x["deny-user"].extra["unmapped_applications"] is True
    assert x["allow-hip"].extra["source_hip"] == ["managed-laptop"]
    assert "unmapped_applications" not in x["allow-hip"].extra


def test_rule_types(rules):
    intra = rules["deny-uat-smb"]
    assert intra.extra["rule_type"] == "intrazone"
    assert intra.src_zones == ("uat",) and intra.dst_zones == ("uat",)
    assert intra.approximations == ()
    inter = rules["deny-uat-to-prod"]
    assert inter.extra["rule_type"] == "interzone"
    assert inter.src_zones == ("uat",) and inter.dst_zones == ("trust",)
    assert inter.approximations == ()
    assert rules["allow-web-to-dmz"].extra["rule_type"] == "universal"


def test_rule_types_with_several_or_any_zones():
    d = rules_device(
        rule_xml("intra-many", frm="trust,dmz", to="trust,dmz", more="<rule-type>intrazone</rule-type>"),
        rule_xml("inter-one-to-any", frm="trust", to="any", more="<rule-type>interzone</rule-type>"),
        rule_xml("inter-any-to-one", frm="any", to="dmz", more="<rule-type>interzone</rule-type>"),
        rule_xml("inter-overlap", action="deny", frm="trust,dmz", to="trust,dmz",
                 more="<rule-type>interzone</rule-type>"),
    )
    r = by_name(d)
    assert r["intra-many"].src_zones == ("trust", "dmz") == r["intra-many"].dst_zones
    assert any("same" in a for a in r["intra-many"].approximations)
    assert r["intra-many"].extra["zone_pairs_approximate"] is True
    assert "unmapped_applications" not in r["intra-many"].extra  # an allow is assumed to match
    assert r["inter-one-to-any"].src_zones == ("trust",)
    assert r["inter-one-to-any"].dst_zones == ("untrust", "dmz")  # every other zone: exact
    assert r["inter-one-to-any"].approximations == ()
    assert r["inter-any-to-one"].src_zones == ("trust", "untrust") and r["inter-any-to-one"].dst_zones == ("dmz",)
    assert r["inter-overlap"].extra["unmapped_applications"] is True  # a deny is assumed not to match


def test_default_rules(running, hardened, vsys2):
    f = running.filters["security"]
    assert f.kind == "security-policy" and f.stateful is True
    assert f.default_action == DENY and f.intrazone_action == PERMIT and f.default_explicit is False
    assert f.default_note == "PAN-OS default rules: intrazone-default allow, interzone-default deny"
    assert f.zones == ("untrust", "dmz", "trust", "uat", "mgmt")
    assert f.loc.line == line_of(RUNNING, "<security>")
    h = hardened.filters["security"]
    assert h.intrazone_action == DENY and h.default_action == DENY and h.default_explicit is True
    intra = h.extra["default_rules"]["intrazone-default"]
    assert intra["line"] == line_of(HARDENED, '<entry name="intrazone-default"')
    assert intra["action"] == "deny" and intra["log_end"] is True and intra["log_setting"] == "forward-to-siem"
    inter = h.extra["default_rules"]["interzone-default"]
    assert inter["overridden"] is True and inter["action"] == "deny" and inter["log_end"] is True
    assert "overridden at line" in h.default_note
    assert running.filters["security"].extra["default_rules"]["interzone-default"]["log_end"] is False
    v2 = vsys2.filters["vsys2:security"]
    assert v2.default_action == PERMIT and v2.default_explicit is True
    assert vsys2.filters["security"].default_action == DENY


# --------------------------------------------------------------------------- vsys and Panorama


def test_multi_vsys(vsys2):
    assert set(vsys2.filters) == {"security", "vsys2:security"}
    assert vsys2.facts["vsys"] == ["vsys1", "vsys2"]
    assert [z.name for z in vsys2.zones] == ["untrust", "trust", "vsys2:untrust", "vsys2:trust"]
    assert vsys2.interface("ethernet1/6").zone == "vsys2:trust"
    assert vsys2.interface("ethernet1/6").extra["vsys"] == "vsys2"
    assert vsys2.interface("ethernet1/2").zone == "trust"
    assert vsys2.filters["vsys2:security"].zones == ("vsys2:untrust", "vsys2:trust")
    v2 = by_name(vsys2, "vsys2:security")["allow-dns"]
    assert v2.src_zones == ("vsys2:trust",) and v2.dst_zones == ("vsys2:untrust",)
    assert vsys2.filters["vsys2:security"].extra["vsys"] == "vsys2"
    assert {r.vrf for r in vsys2.routes} == {"vr-brokerage", "vr-futures"}


def test_pushed_rules_order_pre_local_post(vsys2):
    assert [r.name for r in vsys2.filters["security"].rules] == [
        "pano-pre-allow-dns", "allow-web-out", "shared-post-deny-all"]
    assert [r.extra["rulebase"] for r in vsys2.filters["security"].rules] == ["pre", "local", "post"]
    assert [r.name for r in vsys2.filters["vsys2:security"].rules] == ["allow-dns", "allow-ntp", "shared-post-deny-all"]
    post = vsys2.filters["security"].rules[-1]
    assert post.loc.line == line_of(VSYS2, '<entry name="shared-post-deny-all"')


def test_panorama_device_group(panorama):
    assert panorama.hostname == "ES-PANORAMA"
    assert panorama.facts["panorama"] is True
    assert panorama.facts["device_groups"] == ["Taipei-Branches", "Branch-Hsinchu"]
    assert panorama.facts["templates"] == ["Branch-Template"]
    f = panorama.filters["Taipei-Branches:security"]
    assert [r.name for r in f.rules] == ["shared-pre-block-smb", "dg-pre-allow-hq", "dg-post-printers",
                                         "shared-post-deny"]
    assert [r.extra["rulebase"] for r in f.rules] == ["pre", "pre", "post", "post"]
    assert f.extra["device_group"] == "Taipei-Branches"
    r = by_name(panorama, "Taipei-Branches:security")
    assert r["dg-pre-allow-hq"].src.items == (net("10.40.0.0/16"),)  # shared object
    assert r["dg-post-printers"].src.items == (net("10.40.9.0/24"),)  # device-group object
    assert r["dg-pre-allow-hq"].extra["target"] == {"devices": ["013201000001"], "negate": False}
    assert panorama.management.users[0].privilege == 15


def test_panorama_device_group_hierarchy(panorama):
    assert panorama.facts["device_groups"] == ["Taipei-Branches", "Branch-Hsinchu"]
    f = panorama.filters["Branch-Hsinchu:security"]
    assert f.extra["parent_device_groups"] == ["Taipei-Branches"]
    # shared pre, parent pre, own pre, (own post), parent post, shared post
    assert [r.name for r in f.rules] == ["shared-pre-block-smb", "dg-pre-allow-hq", "hsinchu-pre-printers",
                                         "dg-post-printers", "shared-post-deny"]
    own = by_name(panorama, "Branch-Hsinchu:security")["hsinchu-pre-printers"]
    assert own.src.items == (net("10.40.9.0/24"),)  # an object of the parent device group
    assert own.approximations == ()


def test_snippet_rulebase_root():
    text = "<rules>" + rule_xml("only-rule", app="ssh", svc="application-default") + "</rules>"
    d = parse(text)
    assert d.facts["snippet"] is True
    assert [r.name for r in d.filters["security"].rules] == ["only-rule"]
    assert d.filters["security"].rules[0].services == (tcp(22),)
    response = ('<response status="success"><result><config version="10.2.0"><devices><entry name="localhost.localdomain">'
                "<deviceconfig><system><hostname>api-fw</hostname></system></deviceconfig></entry></devices>"
                "</config></result></response>")
    assert parse(response).hostname == "api-fw"


# --------------------------------------------------------------------------- interfaces, zones, routes


def test_interfaces(running):
    e1 = running.interface("ethernet1/1")
    assert [str(a) for a in e1.addresses] == ["203.0.113.2/29"]
    assert e1.zone == "untrust" and e1.vrf == "default" and e1.description == "HiNet uplink"
    assert e1.mode == "routed" and e1.extra["mode"] == "layer3"
    assert e1.loc.line == line_of(RUNNING, '<entry name="ethernet1/1">')
    sub = running.interface("ethernet1/3.200")
    assert sub.vlan_id == 200 and sub.zone == "uat" and sub.extra["parent"] == "ethernet1/3"
    assert [str(a) for a in sub.addresses] == ["10.20.0.1/16"]
    assert running.interface("ethernet1/8").shutdown is True
    assert running.interface("ethernet1/8").zone is None
    lo = running.interface("loopback.1")
    assert lo.zone == "trust" and [str(a) for a in lo.addresses] == ["10.255.255.1/32"]
    mgt = running.interface("management")
    assert [str(a) for a in mgt.addresses] == ["10.99.0.10/24"] and mgt.extra["oob_management"] is True


def test_zones_and_management_access(running):
    zones = {z.name: z for z in running.zones}
    assert list(zones) == ["untrust", "dmz", "trust", "uat", "mgmt"]
    assert zones["trust"].interfaces == ["ethernet1/3", "loopback.1"]
    assert zones["untrust"].management_access == ("telnet", "http", "ping")
    assert zones["mgmt"].management_access == ("ssh", "https", "ping")
    assert zones["uat"].loc.line == line_of(RUNNING, '<entry name="uat">')
    assert running.facts["zones"]["untrust"]["zone_protection_profile"] == "untrust-zpp"
    assert running.interface("ethernet1/1").management_access == ("telnet", "http", "ping")


def test_routes(running):
    default, branch = running.routes
    assert default.is_default and default.next_hop == "203.0.113.1" and default.interface == "ethernet1/1"
    assert default.distance == 10 and default.vrf == "default"
    assert default.loc.line == line_of(RUNNING, '<entry name="default-hinet">')
    assert branch.destination == net("10.30.0.0/16") and branch.distance == 20


def test_interface_address_object_and_logical_router():
    text = """<config version="11.1.0"><devices><entry name="localhost.localdomain"><network>
<interface><ethernet><entry name="ethernet1/1"><layer3><ip><entry name="fw-outside"/></ip></layer3></entry>
<entry name="ethernet1/2"><aggregate-group>ae1</aggregate-group></entry></ethernet>
<aggregate-ethernet><entry name="ae1"><layer2><units><entry name="ae1.30"><tag>30</tag></entry></units></layer2></entry></aggregate-ethernet>
<vlan><units><entry name="vlan.30"><ip><entry name="10.3.0.1/24"/></ip></entry></units></vlan></interface>
<logical-router><entry name="default"><vrf><entry name="default"><interface><member>ethernet1/1</member></interface>
<routing-table><ip><static-route><entry name="dflt"><destination>0.0.0.0/0</destination>
<nexthop><ip-address>192.0.2.1</ip-address></nexthop><admin-dist>15</admin-dist></entry></static-route></ip></routing-table>
</entry></vrf></entry></logical-router></network></entry></devices>
<shared><address><entry name="fw-outside"><ip-netmask>192.0.2.2/24</ip-netmask></entry></address></shared></config>"""
    d = parse(text)
    e1 = d.interface("ethernet1/1")
    assert [str(a) for a in e1.addresses] == ["192.0.2.2/24"] and e1.vrf == "default"
    assert len(refs(d, "address-object", "fw-outside")) == 1
    assert d.interface("ethernet1/2").extra["aggregate_group"] == "ae1"
    assert d.interface("ae1.30").vlan_id == 30 and d.interface("ae1.30").switchport is True
    assert d.interface("vlan.30").vlan_id == 30
    (route,) = d.routes
    assert route.is_default and route.distance == 15 and route.next_hop == "192.0.2.1"


# --------------------------------------------------------------------------- management plane


def services(device, protocol: str, interface: str):
    return [s for s in device.management.services if s.protocol == protocol and interface in s.interfaces]


def test_mgt_port_services(running, hardened):
    (telnet,) = services(running, "telnet", "management")
    assert telnet.enabled is False and telnet.explicit is True
    assert telnet.loc.line == line_of(RUNNING, "<disable-telnet>yes")
    (http,) = services(running, "http", "management")
    assert http.enabled is True and http.explicit is True and http.port == 80
    assert http.loc.line == line_of(RUNNING, "<disable-http>no")
    (ssh,) = services(running, "ssh", "management")
    assert ssh.enabled is True and ssh.explicit is False and ssh.loc.line == line_of(RUNNING, "<service>")
    assert ssh.allowed_sources == []  # no permitted-ip: anyone
    (snmp,) = services(running, "snmp", "management")
    assert snmp.enabled is False and snmp.explicit is False
    (hssh,) = services(hardened, "ssh", "management")
    assert hssh.allowed_sources == [net("10.99.0.0/24")]
    (hsnmp,) = services(hardened, "snmp", "management")
    assert hsnmp.enabled is True and hsnmp.explicit is True
    assert running.management.ssh_version == "2"


def test_mgt_defaults_without_service_element():
    d = parse(wrap("", system="<hostname>x</hostname>"))
    state = {s.protocol: (s.enabled, s.explicit) for s in d.management.services}
    assert state == {"telnet": (False, False), "http": (False, False), "https": (True, False),
                     "ssh": (True, False), "snmp": (False, False), "ping": (True, False)}


def test_interface_management_profiles(running):
    binding = line_of(RUNNING, "<interface-management-profile>untrust-mgmt")
    for proto in ("telnet", "http", "ping"):
        (s,) = services(running, proto, "ethernet1/1")
        assert s.enabled and s.explicit and s.loc.line == binding
        assert s.allowed_sources == []
        assert "untrust-mgmt" in s.note and "zone untrust" in s.note
    assert services(running, "ssh", "ethernet1/1") == []
    (ssh,) = services(running, "ssh", "ethernet1/4")
    assert ssh.allowed_sources == [net("10.99.0.0/24")]
    assert running.interface("ethernet1/4").extra["management_permitted_ip"] == ["10.99.0.0/24"]
    assert obj(running, "interface-management-profile", "untrust-mgmt").loc.line == \
        line_of(RUNNING, '<entry name="untrust-mgmt">')
    assert running.facts["interface_management_profiles"]["untrust-mgmt"]["services"] == ["telnet", "http", "ping"]


def test_undefined_management_profile_is_a_warning():
    text = """<config version="10.1.0"><devices><entry name="localhost.localdomain"><network><interface><ethernet>
<entry name="ethernet1/1"><layer3><interface-management-profile>nope</interface-management-profile></layer3></entry>
</ethernet></interface></network></entry></devices></config>"""
    d = parse(text)
    assert [(w.loc.line, w.message) for w in d.parse_warnings] == [
        (2, "interface ethernet1/1: interface management profile 'nope' is not defined")]
    assert len(refs(d, "interface-management-profile", "nope")) == 1


def test_admin_users_and_secrets(running, hardened):
    users = {u.name: u for u in running.management.users}
    assert users["admin"].privilege == 15 and users["admin"].role == "superuser"
    assert users["admin"].secret.storage == "md5"
    assert users["admin"].loc.line == line_of(RUNNING, '<entry name="admin">')
    assert users["netops"].secret.storage == "sha256"
    assert users["auditor"].secret.storage == "sha512" and users["auditor"].privilege == 1
    assert users["radius-ops"].secret is None and users["radius-ops"].role == "deviceadmin"
    assert running.management.facts["users_remote_auth"] == ["radius-ops"]
    assert running.management.facts["password_complexity"]["enabled"] == "no"
    h = {u.name: u for u in hardened.management.users}
    assert h["es-fwadmin"].two_factor is True and h["es-fwadmin"].secret.storage == "sha512"
    assert h["noc-reader"].key_auth is True and h["noc-reader"].role == "custom:noc-read-only"
    assert h["noc-reader"].privilege is None


def test_secret_values_never_kept(running, hardened):
    for device, path in ((running, RUNNING), (hardened, HARDENED)):
        dumped = json.dumps(device_to_dict(device))
        for line in lines_of(path):
            s = line.strip()
            for tag in ("<phash>", "<secret>", "<authpwd>", "<privpwd>", "<authentication-key>"):
                if s.startswith(tag):
                    value = s[len(tag):s.index("</")]
                    assert value not in dumped, value


def test_pan_redact():
    assert pan_redact("<phash>$1$abc$def</phash>") == "<phash><redacted></phash>"
    assert pan_redact("<secret>-AQ==xyz=</secret>") == "<secret><redacted></secret>"
    assert pan_redact("<snmp-community-string>public</snmp-community-string>") == \
        "<snmp-community-string>public</snmp-community-string>"
    assert pan_redact("<snmp-community-string>n0tGuessable</snmp-community-string>") == \
        "<snmp-community-string><redacted></snmp-community-string>"
    assert pan_redact('<entry name="allow-web">') == '<entry name="allow-web">'


def test_snmp(running, hardened):
    (comm,) = running.management.snmp_communities
    assert comm.version == "2c" and comm.access == "ro"
    assert comm.secret.storage == "plaintext" and comm.secret.default_value == "public"
    assert comm.loc.line == line_of(RUNNING, "<snmp-community-string>")
    assert running.management.facts["snmp_version"] == "v2c"
    assert running.management.facts["snmp_system"]["location"] == "Taipei DC rack A3"
    assert hardened.management.snmp_communities == []
    (user,) = hardened.management.snmp_users
    assert (user.name, user.auth, user.priv) == ("nms-v3", "sha-256", "aes-256")
    assert user.loc.line == line_of(HARDENED, '<entry name="nms-v3">')


def test_encrypted_snmp_community_storage():
    system = ("<snmp-setting><access-setting><version><v2c><snmp-community-string>-AQ==abcdef=</snmp-community-string>"
              "</v2c></version></access-setting></snmp-setting>")
    (comm,) = parse(wrap("", system=system)).management.snmp_communities
    assert comm.secret.storage == "encrypted" and comm.secret.default_value is None


def test_logging_ntp_timeouts_banner(running, hardened):
    m = running.management
    (siem,) = m.log_hosts
    assert (siem.address, siem.transport, siem.port) == ("10.99.0.50", "udp", 514)
    assert siem.loc.line == line_of(RUNNING, '<entry name="siem-01">')
    assert m.log_timestamps is True
    assert m.ntp_servers == ["10.99.0.123", "tock.stdtime.gov.tw"] and m.ntp_authenticated is False
    assert m.idle_timeout == 3600 and m.idle_timeout_loc.line == line_of(RUNNING, "<idle-timeout>60")
    assert m.banners == {}
    assert running.facts["timezone"] == "Asia/Taipei"
    assert running.facts["dns_servers"] == ["10.99.0.53", "168.95.1.1"]
    h = hardened.management
    (tls,) = h.log_hosts
    assert (tls.transport, tls.port) == ("tls", 6514)
    assert h.ntp_authenticated is True
    assert h.idle_timeout == 600
    assert h.banners["login"].startswith("Authorized use by Example Securities staff only")
    assert h.facts["admin_lockout"] == {"failed_attempts": 5, "lockout_time": 30,
                                        "line": line_of(HARDENED, "<admin-lockout>")}
    assert h.facts["mgmt_permitted_ip"] == ["10.99.0.0/24"]


def test_password_complexity(running, hardened):
    m = running.management
    assert m.password_complexity is False  # <enabled>no</enabled>
    assert m.password_complexity_loc.line == line_of(RUNNING, "<enabled>no")
    assert hardened.management.password_complexity is True
    assert hardened.management.password_complexity_loc.line == line_of(HARDENED, "<enabled>yes")
    assert parse(wrap("")).management.password_complexity is None  # not configured: not said
    assert parse(wrap("")).management.password_complexity_loc is None
    nested = ('<config version="10.1.0"><mgt-config><password-complexity><minimum-length>12</minimum-length>'
              '<password-change><expiration-period>90</expiration-period></password-change>'
              '</password-complexity></mgt-config></config>')
    d = parse(nested)
    assert d.management.password_complexity is None  # settings without <enabled>: not said
    assert d.management.facts["password_complexity"]["password-change"] == {"expiration-period": "90"}
    assert d.management.facts["password_complexity"]["minimum-length"] == "12"


def test_idle_timeout_default(running, hardened):
    assert running.management.idle_timeout == 3600 and running.management.idle_timeout_default is None
    assert hardened.management.idle_timeout == 600 and hardened.management.idle_timeout_default is None
    unset = parse(wrap("")).management
    assert unset.idle_timeout is None and unset.idle_timeout_loc is None
    assert unset.idle_timeout_default == 60 * 60  # PAN-OS logs idle administrators out after 60 minutes
    no_deviceconfig = parse('<config version="10.1.0"><mgt-config/></config>').management
    assert no_deviceconfig.idle_timeout_default == 60 * 60
    never = ('<config version="10.1.0"><devices><entry name="x"><deviceconfig><setting><management>'
             '<idle-timeout>0</idle-timeout></management></setting></deviceconfig></entry></devices></config>')
    m = parse(never).management
    assert m.idle_timeout == 0 and m.idle_timeout_default is None  # 0: never times out, as configured
    snippet = parse("<rules>" + rule_xml("a") + "</rules>").management
    assert snippet.idle_timeout_default is None  # a rulebase snippet says nothing of the device


def test_admin_user_certificate_and_password_profile():
    mgt = ('<mgt-config><users><entry name="ops"><phash>$5$abc$def</phash><client-certificate-only>yes'
           '</client-certificate-only><password-profile>90-days</password-profile></entry></users>'
           '<password-profile><entry name="90-days"><password-change><expiration-period>90</expiration-period>'
           '</password-change></entry></password-profile></mgt-config>')
    d = parse(f'<config version="10.1.0">{mgt}</config>')
    (user,) = d.management.users
    assert user.extra["client_certificate_only"] is True and user.extra["password_profile"] == "90-days"
    assert d.management.facts["password_profiles"] == {"90-days": {"password-change": {"expiration-period": "90"}}}
    assert not d.parse_warnings


def test_management_ipv6_address():
    system = ("<ip-address>192.0.2.10</ip-address><netmask>255.255.255.0</netmask>"
              "<ipv6-address>2001:db8::10/64</ipv6-address><ipv6-default-gateway>2001:db8::1</ipv6-default-gateway>")
    d = parse(wrap("", system=system))
    mgmt = next(i for i in d.interfaces if i.name == "management")
    assert [(a.family, a.prefixlen) for a in mgmt.addresses] == [(4, 24), (6, 64)]
    assert d.facts["management_ipv6"] == {"address": "2001:db8::10/64", "gateway": "2001:db8::1"}
    only6 = parse(wrap("", system="<ipv6-address>2001:db8::10/64</ipv6-address>"))
    mgmt6 = next(i for i in only6.interfaces if i.name == "management")
    assert [a.family for a in mgmt6.addresses] == [6] and "management_ip" not in only6.facts


def test_aaa(running, hardened):
    aaa = running.management.aaa
    assert aaa.enabled is True  # radius-ops logs in through a RADIUS authentication profile
    (server,) = aaa.servers
    assert (server.protocol, server.address) == ("radius", "10.99.0.20")
    assert server.key.storage == "encrypted"
    assert aaa.login_methods == ["radius (RADIUS-Admins)"]
    assert aaa.accounting_commands is True  # config logs forwarded to syslog
    assert running.management.facts["authentication_profiles"]["RADIUS-Admins"]["lockout_failed_attempts"] == 5
    h = hardened.management.aaa
    assert h.enabled and [s.protocol for s in h.servers] == ["tacacs+", "tacacs+"]
    assert h.loc.line == line_of(HARDENED, "<authentication-profile>TACACS-MFA", after=200)
    assert hardened.management.facts["authentication_profiles"]["TACACS-MFA"]["mfa"] is True
    assert parse(wrap("")).management.aaa.enabled is False


def test_globalprotect_facts(running, hardened):
    (portal,) = running.facts["globalprotect"]["portals"]
    assert portal["name"] == "GP-Portal" and portal["mfa"] is False and portal["client_certificate"] is False
    assert portal["authentication_profiles"] == ["RADIUS-Admins"]
    (gw,) = hardened.facts["globalprotect"]["gateways"]
    assert gw["client_certificate"] is True and gw["mfa"] is True
    assert gw["line"] == line_of(HARDENED, '<entry name="GP-Gateway">')
    assert running.facts["remote_access_vpn"] is True


def test_globalprotect_with_undefined_profile_is_unknown_mfa(unknown):
    (gw,) = unknown.remote_access
    assert gw.name == "gateway lab-gw" and gw.mfa is None and gw.client_certificate is False


def test_remote_access(running, hardened):
    (portal,) = running.remote_access
    assert (portal.kind, portal.name) == ("globalprotect", "portal GP-Portal")
    assert portal.mfa is False and portal.client_certificate is False and portal.auth_method == "radius"
    assert portal.min_tls == "1.0"  # GP-TLS-Legacy
    assert portal.loc.line == line_of(RUNNING, '<entry name="GP-Portal">')
    assert portal.tunnel_zone is None
    (gw,) = hardened.remote_access
    assert gw.name == "gateway GP-Gateway" and gw.mfa is True and gw.client_certificate is True
    assert gw.auth_method == "tacacs+" and gw.min_tls == "1.2"
    assert gw.tunnel_zone == "gp-vpn" and gw.extra["tunnel_interface"] == "tunnel.10"
    vpn_rule = by_name(hardened)["allow-vpn-users"]
    assert vpn_rule.src_zones == ("gp-vpn",) and vpn_rule.time_range == "office-hours"
    assert vpn_rule.time_range_expired is False


def test_platform_facts_for_checks(running):
    assert running.facts["profile_kinds"] == ("av", "spyware", "ips", "url", "file-blocking", "wildfire",
                                              "data-filtering")
    zones = {z.name: z for z in running.zones}
    assert zones["untrust"].management_loc.line == line_of(RUNNING, "<interface-management-profile>untrust-mgmt")
    assert zones["trust"].management_loc is None
    assert running.interface("management").management_access == ("http", "https", "ssh", "ping")
    users = {u.name: u for u in running.management.users}
    assert users["radius-ops"].extra == {"authentication_profile": "RADIUS-Admins", "remote_auth": True}
    assert users["admin"].extra == {} and users["admin"].builtin is False


def test_nat_inventory_and_references(running):
    nat = {n["name"]: n for n in running.facts["nat"]}
    assert nat["web-static"]["destination"] == ["web-public"]
    assert nat["web-static"]["translated_destination"] == ["web-srv-01"]
    assert nat["outbound-pat"]["source_translation"] == "dynamic-ip-and-port"
    assert nat["web-static"]["line"] == line_of(RUNNING, '<entry name="web-static"')
    (ref,) = refs(running, "address-object", "web-public")
    assert ref.context == "nat rule web-static"
    assert running.facts["rulebases"]["vsys1"] == {"security": 23, "nat": 2}


def test_every_defined_object_is_used_and_every_use_defined(running, hardened):
    for device in (running, hardened):
        defined = {(o.kind, o.name) for o in device.objects}
        used = {(r.kind, r.name) for r in device.references}
        assert used <= defined, used - defined
        assert defined <= used, defined - used


def test_references_point_at_rules(running):
    uses = refs(running, "address-group", "web-servers")
    assert sorted(r.loc.line for r in uses) == sorted([
        line_of(RUNNING, '<entry name="allow-web-to-dmz"'), line_of(RUNNING, '<entry name="dmz-servers">')])
    assert {r.context for r in refs(running, "zone", "uat")} == {"security rule deny-uat-smb",
                                                                 "security rule deny-uat-to-prod"}


# --------------------------------------------------------------------------- warnings and refused input


def test_unknown_elements_warn_with_lines(unknown):
    got = [(w.loc.line, w.message) for w in unknown.parse_warnings]
    expected = [
        (line_of(UNKNOWN, "<frobnicator>"), "element not understood: <frobnicator> in /config"),
        (line_of(UNKNOWN, "<hyperdrive>"), f"element not understood: <hyperdrive> in {DEV}/network"),
        (line_of(UNKNOWN, "<warp-core>"), f"element not understood: <warp-core> in {DEV}/deviceconfig/system"),
        (line_of(UNKNOWN, "<shield-level>"), f"element not understood: <shield-level> in {VSYS1}/zone/entry[@name='inside']"),
        (line_of(UNKNOWN, "<port>99999"), "service 'bad-port': port range out of 0-65535: 99999"),
        (line_of(UNKNOWN, "<ip-netmask>10.0.0.300/24"),
         "address object 'bad-address': '10.0.0.300/24' does not appear to be an IPv4 or IPv6 network"),
        (line_of(UNKNOWN, "<non-recurring>"), "schedule 'odd-schedule': range 'sometime next week' not understood"),
        (line_of(UNKNOWN, "<action>allow-maybe"),
         "security rule 'rule-with-oddities': action 'allow-maybe' not understood (taken as deny)"),
        (line_of(UNKNOWN, "<rule-type>sideways"),
         "security rule 'rule-with-oddities': rule-type 'sideways' not understood (taken as universal)"),
        (line_of(UNKNOWN, "<teleport>"), f"element not understood: <teleport> in {VSYS1}/rulebase/security/rules/entry[@name='rule-with-oddities']"),
        (line_of(UNKNOWN, "<magic-rulebase>"), f"element not understood: <magic-rulebase> in {VSYS1}/rulebase"),
    ]
    assert got == expected
    odd = by_name(unknown)["rule-with-oddities"]
    assert odd.action == DENY and odd.vendor_action == "allow-maybe"
    assert odd.src.unresolved == ("bad-address",)
    assert odd.extra["unresolved_services"] == ("bad-port",)
    assert odd.time_range == "odd-schedule" and odd.time_range_expired is None
    assert unknown.facts["ike_gateways"] == [{"name": "partner-gw", "line": line_of(UNKNOWN, '<entry name="partner-gw">'),
                                              "version": "ikev2"}]


def test_recognised_subtrees_are_silent(unknown):
    lines = lines_of(UNKNOWN)
    silent = set()
    for start in ("<ike>", "<tunnel>", "<qos>", "<threats>", "<reports>", "<profiles>", "<global-protect>"):
        first = line_of(UNKNOWN, start)
        silent.update(range(first, closing_line(UNKNOWN, first) + 1))
    assert silent and len(silent) < len(lines)
    assert not [w for w in unknown.parse_warnings if w.loc.line in silent]


# Rules Panorama pushes into shared/pre-rulebase, with every kind of oddity the audit
# knows; the firewall has two vsys, so these rules are built into two policies.
ODD_RULES = """<config version="10.1.0">
  <shared>
    <pre-rulebase>
      <security>
        <rules>
          <entry name="s1">
            <from><member>any</member></from>
            <to><member>any</member></to>
            <source><member>10.0.0.1</member></source>
            <destination><member>any</member></destination>
            <!-- <teleport>commented out</teleport> -->
            <application><member>any</member></application>
            <service><member>any</member></service>
            <action>
              <member>allow</member>
            </action>
            <teleport>yes</teleport>
            <profile-setting>
              <profiles>
                <virus><member>default</member></virus>
                <frobnicate><member>x</member></frobnicate>
              </profiles>
            </profile-setting>
          </entry>
          <description>stray</description>
          <member>loose</member>
          <entry name="s2">
            <from><member>any</member></from>
            <to><member>any</member></to>
            <source>10.9.9.9</source>
            <destination><member>10.1.1.1</member></destination>
            <destination><member>10.2.2.2</member></destination>
            <application><member>any<odd/></member></application>
            <service><member>any</member></service>
            <action>deny</action>
            <action>allow</action>
            <description>second</description>
          </entry>
        </rules>
      </security>
    </pre-rulebase>
  </shared>
  <devices>
    <entry name="localhost.localdomain">
      <vsys>
        <entry name="vsys1"><zone/></entry>
        <entry name="vsys2"><zone/></entry>
      </vsys>
    </entry>
  </devices>
</config>
"""


def odd_line(start: str, after: int = 0) -> int:
    for number, line in enumerate(ODD_RULES.splitlines(), 1):
        if number > after and line.strip().startswith(start):
            return number
    raise AssertionError(start)


@pytest.mark.parametrize("fast", [True, False], ids=["c-tree-builder", "python-handlers"])
def test_rule_audit_reports_each_oddity_once_at_its_own_line(monkeypatch, fast):
    """Rules built by ElementTree's C builder (large <rules> segments) are audited as the
    Python-built ones are: same messages, each at the odd element's own line, once per
    element however many policies the rules are built into."""
    monkeypatch.setattr(panos, "FAST_RULES", fast)
    d = parse(ODD_RULES, "odd.xml")
    rules = "/config/shared/pre-rulebase/security/rules"
    s1, s2 = f"{rules}/entry[@name='s1']", f"{rules}/entry[@name='s2']"
    s2_line = odd_line('<entry name="s2">')
    assert [(w.loc.line, w.message) for w in d.parse_warnings] == [
        (odd_line("<member>allow"), f"unexpected <member>allow</member> in {s1}/action (a single value is expected)"),
        (odd_line("<teleport>yes"), f"element not understood: <teleport> in {s1}"),
        (odd_line("<frobnicate>"), f"element not understood: <frobnicate> in {s1}/profile-setting/profiles"),
        (odd_line("<description>stray"), f"element not understood: <description> in {rules}"),
        (odd_line("<member>loose"), f"unexpected <member>loose</member> in {rules}"),
        (odd_line("<source>10.9.9.9"), f"<source> holds text '10.9.9.9' where PAN-OS writes <member> elements, "
                                       f"in {s2} (read as one member)"),
        (odd_line("<destination>", s2_line) + 1, f"element <destination> repeated in {s2} (only the first is read)"),
        (odd_line("<application><member>any<odd/>"), f"element not understood: <odd> in {s2}/application"),
        (odd_line("<action>allow"), f"element <action> repeated in {s2} (only the first is read)"),
    ]
    for filt in ("security", "vsys2:security"):
        r = by_name(d, filt)["s2"]
        assert r.action == DENY  # the first <action>
        assert r.src.items == (host("10.9.9.9"),) and r.dst.items == (host("10.1.1.1"),)


def test_rules_of_no_policy_are_audited_too(monkeypatch):
    """Shared rules of a configuration without any vsys build no policy; their oddities
    are still reported (the audit walks the file, not the policies)."""
    text = ODD_RULES.replace('<entry name="vsys1"><zone/></entry>', "").replace(
        '<entry name="vsys2"><zone/></entry>', "")
    for fast in (True, False):
        monkeypatch.setattr(panos, "FAST_RULES", fast)
        d = parse(text, "odd.xml")
        assert not d.filters
        assert len(d.parse_warnings) == 9
        assert any("<teleport>" in w.message and w.loc.line == odd_line("<teleport>yes") for w in d.parse_warnings)


def test_stray_members_are_reported_at_their_own_line_after_non_ascii_text():
    """<member> elements keep no line in the tree: their line comes from a scan of the
    text (byte offsets when the file is not ASCII)."""
    text = """<config version="10.1.0">
  <devices>
    <entry name="x">
      <deviceconfig>
        <system>
          <hostname>fw-台北</hostname>
          <login-banner>Ünïcödé</login-banner>
          <member>stray-in-system</member>
          <service>
            <disable-telnet><member>yes</member></disable-telnet>
          </service>
        </system>
      </deviceconfig>
    </entry>
  </devices>
</config>
"""
    system = "/config/devices/entry[@name='x']/deviceconfig/system"
    assert [(w.loc.line, w.message, w.loc.text) for w in parse(text).parse_warnings] == [
        (8, f"unexpected <member>stray-in-system</member> in {system}", "<member>stray-in-system</member>"),
        (10, f"unexpected <member>yes</member> in {system}/service/disable-telnet (a single value is expected)",
         "<disable-telnet><member>yes</member></disable-telnet>"),
    ]


def test_repeated_elements_and_objects_are_reported():
    objects = ('<address><entry name="web"><ip-netmask>10.0.0.1</ip-netmask><ip-netmask>10.0.0.2</ip-netmask></entry>'
               '\n<entry name="web"><ip-netmask>10.0.0.3</ip-netmask></entry></address>')
    d = rules_device(rule_xml("r", dst="web"), objects=objects)
    text = wrap(zones_xml("trust", "untrust", "dmz") + objects)
    got = [w.message for w in d.parse_warnings]
    assert got == [
        f"element <ip-netmask> repeated in {VSYS1}/address/entry[@name='web'] (PAN-OS writes it once)",
        "address 'web' is defined again in vsys1 (first at line "
        f"{text[:text.index('<entry name=' + chr(34) + 'web')].count(chr(10)) + 1}): this later definition is the one used",
    ]
    assert by_name(d)["r"].dst.items == (host("10.0.0.3"),)


def test_schema_values_are_read_by_the_parser():
    """What parsers/_panos_schema.py marks V (a value) or M (a member list) is read by the
    parser: its tag is named in the parser's source, or its container is read whole
    (tag -> text). Elements the parser does not read are IGN there, with the reason."""
    import parsers._panos_schema as schema

    source = Path(panos.__file__).read_text()
    read_whole = {"password-complexity", "password-change", "snmp-system", "authentication-type"}
    unread = []
    seen: set[int] = set()

    def walk(spec: dict, parent: str, path: str) -> None:
        if id(spec) in seen:
            return
        seen.add(id(spec))
        for tag, sub in spec.items():
            if sub is schema.V or sub is schema.M:
                if tag != "member" and parent not in read_whole and f'"{tag}"' not in source:
                    unread.append(f"{path}/{tag}")
            elif isinstance(sub, dict):
                walk(sub, tag, f"{path}/{tag}")
        seen.discard(id(spec))

    walk(schema.CONFIG, "config", "")
    walk(schema.SNIPPET, "", "")
    assert not unread


def test_truncated_xml_is_one_parse_error():
    path = CASES / "truncated.xml"
    with pytest.raises(ParseError) as err:
        load(path)
    last = len(lines_of(path))
    assert err.value.line == last
    assert err.value.message == f"is not well-formed XML (no element found at the end of the file, line {last}, column 1)"
    assert str(err.value).startswith(f"{path}:{last}: ")


def test_mismatched_tag_names_its_line():
    with pytest.raises(ParseError) as err:
        parse("<config>\n<devices>\n</config>\n")
    assert err.value.line == 3 and "mismatched tag" in err.value.message


def test_billion_laughs_refused():
    path = CASES / "billion-laughs.xml"
    start = time.perf_counter()
    with pytest.raises(ParseError) as err:
        load(path)
    assert time.perf_counter() - start < 1.0
    assert err.value.line == line_of(path, "<!ENTITY lol ")
    assert "entities" in err.value.message and "refused" in err.value.message


def test_external_entity_refused():
    text = ('<?xml version="1.0"?>\n<!DOCTYPE config [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            "<config><devices><entry><deviceconfig><system><hostname>&xxe;</hostname></system>"
            "</deviceconfig></entry></devices></config>")
    with pytest.raises(ParseError) as err:
        parse(text)
    assert "refused" in err.value.message and err.value.line == 2


@pytest.mark.parametrize("text, fragment", [
    ("", "is empty"),
    ("   \n", "is empty"),
    ("hostname r1\ninterface Gi0/1\n", "is not XML"),
    ("<foo><bar/></foo>", "not a PAN-OS configuration (root element <foo>"),
    ('<response status="error"><msg>no</msg></response>', "without a <config> element"),
    ("<config>\x00</config>", "not well-formed"),
])
def test_not_pan_input(text, fragment):
    with pytest.raises(ParseError) as err:
        parse(text)
    assert fragment in err.value.message


def test_xml_declaration_after_blank_lines_keeps_line_numbers():
    text = '\n\n<?xml version="1.0"?>\n<config version="10.1.0"><devices><entry name="x">\n<frob/></entry></devices></config>\n'
    d = parse(text)
    assert [(w.loc.line, w.message) for w in d.parse_warnings] == [
        (5, "element not understood: <frob> in /config/devices/entry[@name='x']")]


@pytest.mark.parametrize("body", [
    "<config/>",
    "<config><devices/></config>",
    "<config><devices><entry/></devices></config>",
    "<config><devices><entry><vsys><entry/></vsys></entry></devices></config>",
    "<config><devices><entry><vsys><entry name='v'><rulebase><security><rules><entry/><member>x</member>"
    "</rules></security></rulebase></entry></vsys></entry></devices></config>",
    "<config><shared><address><entry name='a'/><member>x</member></address><address-group><entry name='g'>"
    "<static/></entry></address-group></shared></config>",
    "<config><devices><entry><network><interface><ethernet><entry name='e'><layer3><ip><entry name='bogus'/>"
    "</ip><units><entry/></units></layer3></entry></ethernet></interface><virtual-router><entry name='v'>"
    "<routing-table><ip><static-route><entry name='r'/></static-route></ip></routing-table></entry>"
    "</virtual-router></network></entry></devices></config>",
    "<config><mgt-config><users><entry/><entry name='u'><permissions/></entry></users></mgt-config></config>",
    "<config><devices><entry><deviceconfig><system><snmp-setting><access-setting><version><v2c/></version>"
    "</access-setting></snmp-setting><ntp-servers><primary-ntp-server/></ntp-servers><service/></system>"
    "<setting><management><idle-timeout>soon</idle-timeout></management></setting></deviceconfig></entry>"
    "</devices></config>",
])
def test_odd_xml_never_crashes(body):
    d = parse(body)
    assert d.vendor == "paloalto_panos"


# --------------------------------------------------------------------------- packet engine agreement


QUERIES = [
    # (src, dst, dport, proto, from, to) -> (action, rule)
    (("8.8.8.8", "172.16.10.10", 443, 6, "untrust", "dmz"), (PERMIT, "allow-web-to-dmz")),
    (("8.8.8.8", "172.16.10.11", 80, 6, "untrust", "dmz"), (PERMIT, "allow-web-to-dmz")),
    (("8.8.8.8", "172.16.10.25", 25, 6, "untrust", "dmz"), (PERMIT, "allow-mail-in")),
    # interzone-default deny
    (("8.8.8.8", "172.16.10.10", 22, 6, "untrust", "dmz"), (DENY, None)),
    # intrazone-default allow
    (("10.10.1.1", "10.10.2.2", 445, 6, "trust", "trust"), (PERMIT, None)),
    # intrazone rule (uat only) then the intrazone default
    (("10.20.1.1", "10.20.2.2", 445, 6, "uat", "uat"), (DENY, "deny-uat-smb")),
    (("10.20.1.1", "10.20.2.2", 80, 6, "uat", "uat"), (PERMIT, None)),
    # negate-source: the partner is allowed, everyone else refused by the negated rule
    (("198.51.100.15", "10.10.10.5", 9877, 6, "untrust", "trust"), (PERMIT, "allow-partner-fix")),
    (("198.51.100.99", "10.10.10.5", 9877, 6, "untrust", "trust"), (DENY, "deny-fix-others")),
    # interzone rule
    (("10.20.5.5", "10.10.10.5", 443, 6, "uat", "trust"), (DENY, "deny-uat-to-prod")),
    # unmapped application: the allow matches on its services (any)...
    (("10.10.1.1", "1.1.1.1", 6881, 6, "trust", "untrust"), (PERMIT, "allow-bittorrent")),
    # ... the deny is assumed not to match: the interzone default decides
    (("8.8.8.8", "172.16.10.10", 8443, 6, "untrust", "dmz"), (DENY, None)),
    # the earlier allow wins over the shadowed deny
    (("10.99.0.5", "10.10.10.5", 3389, 6, "mgmt", "trust"), (PERMIT, "allow-admin-from-mgmt")),
    # explicit service narrowed by the App-ID's protocol
    (("10.10.10.5", "172.16.10.25", 8080, 6, "trust", "dmz"), (PERMIT, "allow-ssl-alt-ports")),
    (("10.10.10.5", "172.16.10.25", 8081, 6, "trust", "dmz"), (DENY, None)),
    (("10.10.1.1", "10.99.0.50", 514, 17, "trust", "mgmt"), (PERMIT, "allow-syslog-to-siem")),
    # a disabled rule matches nothing; the expired schedule is still modelled as a live rule
    (("10.10.1.1", "172.16.10.11", 22, 6, "trust", "dmz"), (DENY, None)),
    (("198.51.100.12", "10.10.20.7", 1521, 6, "untrust", "trust"), (PERMIT, "audit-q1-2023")),
    # wildcard object: .5 of any /24 of 10.30.0.0/16
    (("10.30.77.5", "172.16.10.11", 8443, 6, "trust", "dmz"), (PERMIT, "allow-printers")),
    (("10.30.77.6", "172.16.10.11", 8443, 6, "trust", "dmz"), (DENY, None)),
]


@pytest.mark.parametrize("packet, expected", QUERIES, ids=[f"{q[0][4]}-{q[0][5]}-{q[0][1]}:{q[0][2]}" for q in QUERIES])
def test_query_agreement(running, packet, expected):
    src, dst, dport, proto, sz, dz = packet
    verdict = FilterSet(running).evaluate("security", pkt(src, dst, dport, proto, sz, dz))
    assert (verdict.action, verdict.rule.name if verdict.rule else None) == expected


def test_query_agreement_hardened_and_vsys2(hardened, vsys2):
    fs = FilterSet(hardened)
    # the intrazone default was overridden to deny
    v = fs.evaluate("security", pkt("10.10.1.1", "10.10.2.2", 445, sz="trust", dz="trust"))
    assert (v.action, v.rule) == (DENY, None)
    v = fs.evaluate("security", pkt("10.99.0.31", "10.10.2.2", 22, sz="mgmt", dz="trust"))
    assert (v.action, v.rule.name) == (PERMIT, "allow-ssh-from-mgmt")
    fs2 = FilterSet(vsys2)
    v = fs2.evaluate("vsys2:security", pkt("10.2.3.3", "10.2.1.53", 53, proto=17, sz="vsys2:trust", dz="vsys2:untrust"))
    assert (v.action, v.rule.name) == (PERMIT, "allow-dns")
    v = fs2.evaluate("security", pkt("10.1.3.3", "10.1.1.53", 53, proto=17, sz="trust", dz="untrust"))
    assert (v.action, v.rule.name) == (PERMIT, "pano-pre-allow-dns")


def test_interzone_rule_with_any_zones_keeps_intrazone_default():
    """A common PAN-OS cleanup: interzone any -> any deny. Intrazone traffic must still
    reach intrazone-default (allow); interzone traffic is denied."""
    d = rules_device(rule_xml("cleanup", action="deny", more="<rule-type>interzone</rule-type>"))
    fs = FilterSet(d)
    assert fs.evaluate("security", pkt("10.0.0.1", "10.0.0.2", 80, sz="trust", dz="trust")).action == PERMIT
    assert fs.evaluate("security", pkt("10.0.0.1", "10.0.0.2", 80, sz="trust", dz="dmz")).action == DENY


def test_shadowing_is_found(running):
    fs = FilterSet(running)
    rules = running.filters["security"].rules
    facts = fs.anomalies("security")
    shadowed = {rules[i].name: [rules[j].name for j in f.covering] for i, f in enumerate(facts) if f.shadowed}
    assert shadowed["allow-web-01"] == ["allow-web-to-dmz"]
    assert shadowed["deny-rdp-to-prod"] == ["allow-admin-from-mgmt"]


# --------------------------------------------------------------------------- speed


def generated_config(n: int) -> str:
    zones = ("untrust", "dmz", "trust")
    rules = []
    for i in range(n):
        rules.append(
            f'<entry name="r{i}" uuid="00000000-0000-0000-0000-{i:012d}">\n'
            f"  <to>\n    <member>{zones[i % 3]}</member>\n  </to>\n"
            f"  <from>\n    <member>{zones[(i + 1) % 3]}</member>\n  </from>\n"
            f"  <source>\n    <member>h{i % 500}</member>\n  </source>\n"
            f"  <destination>\n    <member>n{i % 100}</member>\n  </destination>\n"
            "  <source-user>\n    <member>any</member>\n  </source-user>\n"
            f"  <application>\n    <member>{('ssl', 'web-browsing', 'dns', 'ssh')[i % 4]}</member>\n  </application>\n"
            "  <service>\n    <member>application-default</member>\n  </service>\n"
            f"  <action>{('allow', 'deny')[i % 2]}</action>\n"
            "  <profile-setting>\n    <group>\n      <member>g</member>\n    </group>\n  </profile-setting>\n"
            f"  <description>ticket {i}</description>\n</entry>")
    objects = "".join(f'<entry name="h{i}"><ip-netmask>10.0.{i // 250}.{i % 250}</ip-netmask></entry>' for i in range(500))
    objects += "".join(f'<entry name="n{i}"><ip-netmask>172.16.{i}.0/24</ip-netmask></entry>' for i in range(100))
    return wrap(zones_xml(*zones) + "<rulebase><security><rules>\n" + "\n".join(rules)
                + "\n</rules></security></rulebase><address>" + objects + "</address>")


def test_parse_speed():
    n = 5000
    text = generated_config(n)
    start = time.perf_counter()
    d = parse(text, "big.xml")
    elapsed = time.perf_counter() - start
    rules = d.filters["security"].rules
    assert len(rules) == n
    assert rules[-1].loc.line == text[:text.index(f'<entry name="r{n - 1}"')].count("\n") + 1
    assert elapsed < 3.0, f"{n} rules parsed in {elapsed:.2f} s"


def test_minified_xml_is_fast_and_texts_are_rebuilt():
    text = generated_config(2000).replace("\n", "")
    assert text.count("\n") == 0
    start = time.perf_counter()
    d = parse(text, "minified.xml")
    elapsed = time.perf_counter() - start
    rules = d.filters["security"].rules
    assert len(rules) == 2000 and {r.loc.line for r in rules} == {1}
    assert rules[7].loc.text == '<entry name="r7" uuid="00000000-0000-0000-0000-000000000007">'
    assert obj(d, "address-object", "h3").loc.text == '<entry name="h3">'
    assert elapsed < 3.0, f"minified: {elapsed:.2f} s"


@pytest.mark.parametrize("text, score", [
    ("<!-- trimmed by hand -->\n<config>\n<devices><entry name='x'><vsys><entry name='vsys1'><zone><entry name='z'>"
     "<network><layer3><member>ethernet1/1</member></layer3></network></entry></zone></entry></vsys></entry></devices>"
     "</config>", 90),
    ("<rules><entry name='a'><from><member>trust</member></from><action>allow</action></entry></rules>", 60),
    ('<?xml version="1.0"?>\n<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><native><hostname>r1'
     "</hostname></native></config>", 0),
    ("<foo><entry name='a'><member>x</member></entry></foo>", 0),
])
def test_detect_snippets_and_foreign_xml(text, score):
    assert PARSER.detect(text) == score


def test_fixtures_serialise_to_json():
    for path in (RUNNING, HARDENED, VSYS2, PANORAMA, UNKNOWN):
        json.dumps(device_to_dict(load(path)))


def test_fuzzed_configs_never_crash():
    """Well-formed XML with elements removed, renamed, emptied or added at random: the
    parser may warn or refuse (ParseError) but never raises anything else."""
    import random
    import xml.etree.ElementTree as ET

    rng = random.Random(20260501)
    base = ET.fromstring(RUNNING.read_text().split("?>", 1)[1])
    tags = ["entry", "member", "rules", "security", "zone", "layer3", "ip", "static", "dynamic", "service", "action"]
    values = ["", "yes", "any", "999999", "10.0.0.1/40", "a-b", "-1", "x" * 300, "1.2.3.4-1.2.3.1"]
    for _ in range(40):
        root = ET.fromstring(ET.tostring(base))
        elems = list(root.iter())
        parents = {c: p for p in root.iter() for c in p}
        for _ in range(rng.randint(1, 8)):
            e = rng.choice(elems)
            op = rng.random()
            if op < 0.3 and e in parents and e in list(parents[e]):
                parents[e].remove(e)
            elif op < 0.5:
                e.tag = rng.choice(tags)
            elif op < 0.7:
                e.text = rng.choice(values)
            elif op < 0.85:
                e.set("name", rng.choice(["", "any", "vsys1", "dup"]))
            else:
                ET.SubElement(e, rng.choice(tags)).text = rng.choice(["any", "trust", "x"])
        try:
            parse(ET.tostring(root, encoding="unicode"), "fuzz.xml")
        except ParseError:
            pass
