"""Tests of the nftables parser (parsers/linux_nftables.py) on its unit fixtures
(fixtures/cases/linux_nftables/) and on inline snippets. Packet questions go through
the engine (netlint.filters), and point evaluation is checked against the exact
packet sets."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from netlint.filters import FilterSet
from netlint.model import (
    ANY_SERVICE, CONTINUE, DENY, GOTO, JUMP, PERMIT, RETURN, AddressRange, AddressWildcard, ParseError, Service,
)
from netlint.space import Packet
from parsers.detect import detect_vendor
from parsers.linux_nftables import PARSER

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cases" / "linux_nftables"


def load(name: str):
    path = CASES / name
    return PARSER.parse(path.read_text(), str(path))


def parse(text: str, file: str = "snippet.nft"):
    return PARSER.parse(text, file)


def line_of(name: str, text: str) -> int:
    for number, line in enumerate((CASES / name).read_text().splitlines(), 1):
        if line.strip() == text:
            return number
    raise AssertionError(f"{text!r} not in {name}")


def net(text: str) -> AddressRange:
    return AddressRange.from_network(text)


def warnings(device) -> list[tuple[int, str]]:
    return [(w.loc.line, w.message) for w in device.parse_warnings]


def rules_at(device, line: int):
    return [r for f in device.filters.values() for r in f.rules if r.loc.line == line]


def chain(text: str, name: str = "c", family: str = "inet", hook: str = "input"):
    """A one-chain ruleset around `text` (rules, one per line)."""
    body = "\n".join("\t\t" + line for line in text.strip().splitlines())
    return parse(f"table {family} t {{\n\tchain {name} {{\n\t\ttype filter hook {hook} priority filter; policy drop;\n"
                 f"{body}\n\t}}\n}}\n")


def final_action(fs: FilterSet, name: str, packet: Packet) -> str:
    v = fs.evaluate(name, packet)
    return fs.filter(name).default_action if v.action == RETURN else v.action


def assert_agrees(fs: FilterSet, name: str, packet: Packet) -> None:
    action = final_action(fs, name, packet)
    compiled = fs.compiled(name)
    assert compiled.permitted.contains(packet) == (action == PERMIT), packet
    assert compiled.denied.contains(packet) == (action == DENY), packet


def pkt(src, dst, proto=6, dport=None, sport=40000, **kw) -> Packet:
    if proto not in (6, 17):
        return Packet(src=src, dst=dst, proto=proto, **kw)
    return Packet(src=src, dst=dst, proto=proto, sport=sport, dport=dport, **kw)


@pytest.fixture(scope="module")
def inet():
    return load("inet-filter.nft")


@pytest.fixture(scope="module")
def two():
    return load("two-base-chains.nft")


# --------------------------------------------------------------------------- detection and basics


@pytest.mark.parametrize("name", ["inet-filter.nft", "two-base-chains.nft", "handles.nft", "truncated.nft"])
def test_fixtures_detected_as_nftables(name):
    text = (CASES / name).read_text()
    assert detect_vendor(text) == "linux_nftables"
    assert PARSER.detect(text) > 0


def test_detect_rejects_other_text():
    assert PARSER.detect("*filter\n:INPUT DROP [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n") == 0


def test_device_basics(inet):
    assert inet.vendor == "linux_nftables"
    assert inet.hostname == "inet-filter"
    assert inet.management_visible is False
    assert inet.stateful is True
    assert [i.name for i in inet.interfaces] == ["lo", "eth1", "wg0", "eth0"]
    assert inet.line_count == len((CASES / "inet-filter.nft").read_text().splitlines())


def test_clean_fixtures_have_no_warnings(inet, two):
    assert warnings(inet) == []
    assert warnings(two) == []
    assert warnings(load("handles.nft")) == []


def test_hostname_comment():
    d = parse("# hostname: fw-9\ntable inet f {\n\tchain c {\n\t\ttype filter hook input priority 0; policy drop;\n\t}\n}\n")
    assert d.hostname == "fw-9"


def test_stateful_only_with_ct():
    d = chain("tcp dport 22 accept")
    assert d.stateful is False


# --------------------------------------------------------------------------- chains


def test_filter_names(inet):
    assert list(inet.filters) == [
        "inet/filter/input", "inet/filter/forward", "inet/filter/output", "inet/filter/from_lan",
        "inet/filter/from_vpn", "inet/filter/fwd_default", "inet/filter/blocklist_log", "inet/filter/unused_chain",
        "ip/nat/prerouting", "ip/nat/postrouting",
    ]


def test_base_chains(inet):
    f = inet.filters["inet/filter/input"]
    assert (f.kind, f.is_base, f.hook, f.priority, f.table, f.family) == ("chain", True, "input", 0, "inet/filter", None)
    assert f.default_action == DENY and f.default_explicit
    assert f.extra["type"] == "filter" and f.extra["policy"] == "drop"
    assert f.loc.line == line_of("inet-filter.nft", "chain input {")
    out = inet.filters["inet/filter/output"]
    assert out.default_action == PERMIT and out.default_explicit and out.rules == []
    nat = inet.filters["ip/nat/prerouting"]
    assert (nat.family, nat.hook, nat.priority, nat.extra["type"]) == (4, "prerouting", -100, "nat")
    assert inet.filters["ip/nat/postrouting"].priority == 100


def test_regular_chains(inet):
    f = inet.filters["inet/filter/from_lan"]
    assert (f.is_base, f.hook, f.default_action) == (False, None, RETURN)
    chains = {o.name for o in inet.objects if o.kind == "chain"}
    assert chains == {"inet/filter/from_lan", "inet/filter/from_vpn", "inet/filter/fwd_default",
                      "inet/filter/blocklist_log", "inet/filter/unused_chain"}
    used = {r.name for r in inet.references if r.kind == "chain"}
    assert "inet/filter/unused_chain" not in used
    assert {"inet/filter/from_lan", "inet/filter/from_vpn", "inet/filter/fwd_default",
            "inet/filter/blocklist_log"} <= used
    for filt in inet.filters.values():
        for rule in filt.rules:
            if rule.action in (JUMP, GOTO):
                assert rule.jump in inet.filters


def test_policy_default_when_absent():
    d = parse("table ip t {\n\tchain c {\n\t\ttype filter hook forward priority 0;\n\t\tip saddr 10.0.0.1 drop\n\t}\n}\n")
    f = d.filters["ip/t/c"]
    assert f.default_action == PERMIT and not f.default_explicit
    assert "accept by default" in f.default_note


def test_priorities():
    d = parse("""
table inet a {
	chain c1 { type filter hook prerouting priority raw; policy accept; }
	chain c2 { type filter hook prerouting priority mangle; policy accept; }
	chain c3 { type filter hook input priority security; policy accept; }
	chain c4 { type filter hook input priority filter - 5; policy accept; }
	chain c5 { type filter hook input priority -20; policy accept; }
	chain c6 { type nat hook postrouting priority srcnat + 10; policy accept; }
}
table bridge b {
	chain c7 { type filter hook forward priority filter; policy accept; }
	chain c8 { type filter hook prerouting priority dstnat; policy accept; }
}
""")
    prio = {f.extra["chain"]: f.priority for f in d.filters.values()}
    assert prio == {"c1": -300, "c2": -150, "c3": 50, "c4": -5, "c5": -20, "c6": 110, "c7": -200, "c8": -300}
    assert warnings(d) == []


def test_hooks_fact(inet, two):
    hooks = inet.facts["nft_hooks"]
    assert hooks["ip"]["input"] == ["inet/filter/input"]
    assert hooks["ip6"]["input"] == ["inet/filter/input"]
    assert hooks["ip"]["prerouting"] == ["ip/nat/prerouting"]
    assert "prerouting" not in hooks["ip6"]  # the nat table is IPv4 only
    two_hooks = two.facts["nft_hooks"]
    assert two_hooks["ip"]["input"] == ["inet/early/input_early", "inet/filter/input", "ip/extra/input"]
    assert two_hooks["ip6"]["input"] == ["inet/early/input_early", "inet/filter/input"]


def test_two_base_chains_on_one_hook(two):
    """A packet must be accepted by every base chain of its hook (drop is final)."""
    fs = FilterSet(two)

    def through_hook(family: str, hook: str, packet: Packet) -> tuple[str, str]:
        for name in two.facts["nft_hooks"][family][hook]:
            assert_agrees(fs, name, packet)
            if final_action(fs, name, packet) == DENY:
                return DENY, name
        return PERMIT, ""

    blocked = pkt("203.0.113.5", "192.0.2.1", 6, 443)
    assert final_action(fs, "inet/filter/input", blocked) == PERMIT  # on its own the main chain accepts
    assert through_hook("ip", "input", blocked) == (DENY, "inet/early/input_early")
    ssh = pkt("198.51.100.5", "192.0.2.1", 6, 22)
    assert final_action(fs, "inet/filter/input", ssh) == PERMIT
    assert through_hook("ip", "input", ssh) == (DENY, "ip/extra/input")  # the IPv4-only table has no ssh rule
    https = pkt("198.51.100.5", "192.0.2.1", 6, 443)
    assert through_hook("ip", "input", https) == (PERMIT, "")
    ssh6 = pkt("2001:db8:1::5", "2001:db8:2::1", 6, 22)
    assert through_hook("ip6", "input", ssh6) == (PERMIT, "")
    bad6 = pkt("2001:db8:bad::5", "2001:db8:2::1", 6, 443)
    assert through_hook("ip6", "input", bad6) == (DENY, "inet/early/input_early")


def test_dormant_table():
    d = parse("table inet t {\n\tflags dormant\n\tchain c {\n\t\ttype filter hook input priority 0; policy drop;\n"
              "\t\ttcp dport 22 accept\n\t}\n}\n")
    f = d.filters["inet/t/c"]
    assert f.extra["dormant"] is True and f.rules[0].enabled is False
    assert d.facts["nft_hooks"] == {}
    assert d.facts["tables"][0]["dormant"] is True


def test_netdev_ingress_device():
    d = parse('table netdev n {\n\tchain ing {\n\t\ttype filter hook ingress device "eth0" priority -500; policy accept;\n'
              '\t\tip saddr 10.0.0.0/8 drop\n\t}\n}\n')
    f = d.filters["netdev/n/ing"]
    assert (f.hook, f.priority, f.extra["devices"]) == ("ingress", -500, ["eth0"])
    assert [i.name for i in d.interfaces] == ["eth0"]
    assert d.facts["nft_hooks"] == {"netdev": {"ingress": ["netdev/n/ing"]}}


def test_table_without_family_is_ip():
    d = parse("table filter {\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t}\n}\n")
    assert list(d.filters) == ["ip/filter/input"] and d.filters["ip/filter/input"].family == 4


def test_one_line_blocks():
    d = parse("table inet t { set s { type ipv4_addr; elements = { 10.0.0.1 } }; chain c { type filter hook input "
              "priority 0; policy drop; ip saddr @s accept; } }\n")
    r = d.filters["inet/t/c"].rules[0]
    assert r.src.items == (AddressRange.host("10.0.0.1"),)
    assert warnings(d) == []


# --------------------------------------------------------------------------- rules


def test_ct_state_forms(inet):
    inp = inet.filters["inet/filter/input"].rules
    assert inp[0].established is True and inp[0].extra["ct_state"] == "established,related"
    assert inet.filters["inet/filter/forward"].rules[0].established is True  # { established, related }
    invalid = inp[1]
    assert invalid.action == DENY and invalid.services == () and any("INVALID" in a for a in invalid.approximations)
    d = chain("ct state new tcp dport 22 accept\nct state != established accept\nct state { new, established } accept")
    new, not_est, both = d.filters["inet/t/c"].rules
    assert new.established is False and new.approximations == ()
    assert not_est.established is None  # new, related (established in the model), invalid, untracked
    assert both.established is None and both.approximations == ()


def test_named_set_addresses_and_ports(inet):
    path = "inet-filter.nft"
    r = rules_at(inet, line_of(path, 'ip saddr @mgmt_v4 tcp dport 22 counter packets 12 bytes 720 accept '
                                      'comment "admin ssh (CHG-2024-015)"'))[0]
    assert r.src.items == (net("10.99.0.0/24"), AddressRange.host("192.168.10.10"))
    assert r.src.names == ("@mgmt_v4",)
    assert r.family == 4
    assert r.services == (Service(6, dst_ports=((22, 22),)),)
    assert r.remark == "admin ssh (CHG-2024-015)"
    assert r.extra["counter"] == {"packets": 12, "bytes": 720}
    web = rules_at(inet, line_of(path, "tcp dport @web_ports accept"))[0]
    assert web.services == (Service(6, dst_ports=((80, 80), (443, 443), (8080, 8090))),)
    assert web.family is None  # a port match alone: both families


def test_sets_defined_and_referenced(inet):
    defined = {(o.kind, o.name) for o in inet.objects if o.kind in ("set", "map")}
    assert defined == {("set", "inet/filter/mgmt_v4"), ("set", "inet/filter/web_ports"), ("map", "inet/filter/zone_in")}
    refs = {(r.kind, r.name) for r in inet.references if r.kind in ("set", "map")}
    assert refs == defined
    assert inet.facts["sets"]["inet/filter/web_ports"]["elements"] == 3
    assert inet.facts["sets"]["inet/filter/zone_in"]["kind"] == "map"


def test_anonymous_sets_and_th(inet):
    r = rules_at(inet, line_of("inet-filter.nft", "meta l4proto { tcp, udp } th dport 53 ip saddr 192.168.10.0/24 accept"))[0]
    assert set(r.services) == {Service(6, dst_ports=((53, 53),)), Service(17, dst_ports=((53, 53),))}
    assert r.src.items == (net("192.168.10.0/24"),)
    d = chain("th dport 53 accept")
    assert {s.protocol for s in d.filters["inet/t/c"].rules[0].services} == {6, 17, 132}


def test_icmp_types(inet):
    path = "inet-filter.nft"
    echo = rules_at(inet, line_of(path, "icmp type echo-request limit rate 5/second accept"))[0]
    assert echo.services == (Service(1, icmp_type=8),) and echo.family == 4
    assert any("limit rate 5/second" in a for a in echo.approximations)
    v6 = rules_at(inet, line_of(path, "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert, "
                                       "echo-request } accept"))[0]
    assert [s.icmp_type for s in v6.services] == [135, 136, 134, 128]
    assert v6.family == 6 and all(s.protocol == 58 for s in v6.services)
    d = chain("icmp type destination-unreachable icmp code port-unreachable accept\nicmp type != echo-request accept")
    code, neg = d.filters["inet/t/c"].rules
    assert code.services == (Service(1, icmp_type=3, icmp_code=3),)
    assert len(neg.services) == 255 and Service(1, icmp_type=8) not in neg.services


def test_vmap_is_one_rule_per_element(inet):
    line = line_of("inet-filter.nft", "ip saddr vmap { 203.0.113.0/24 : drop, 198.51.100.0/24 : jump blocklist_log }")
    a, b = rules_at(inet, line)
    assert (a.name, a.action, a.src.items) == ("inet/filter/input#9.1", DENY, (net("203.0.113.0/24"),))
    assert (b.name, b.action, b.jump, b.src.items) == ("inet/filter/input#9.2", JUMP, "inet/filter/blocklist_log",
                                                       (net("198.51.100.0/24"),))
    assert a.extra["vmap_key"] == "203.0.113.0/24"


def test_named_vmap_on_interfaces(inet):
    a, b = rules_at(inet, line_of("inet-filter.nft", "iifname vmap @zone_in"))
    assert (a.in_interfaces, a.jump, a.extra["vmap_key"]) == (("eth1",), "inet/filter/from_lan", "eth1")
    assert (b.in_interfaces, b.jump) == (("wg0",), "inet/filter/from_vpn")


def test_concatenation_lookup():
    d = parse("""
table inet t {
	set svc {
		type ipv4_addr . inet_service
		elements = { 10.0.0.1 . 22, 10.0.0.2 . 443 }
	}
	chain c {
		type filter hook input priority 0; policy drop;
		ip daddr . tcp dport @svc accept
		ip saddr . tcp dport vmap { 10.9.0.1 . 22 : accept, 10.9.0.2 . 22 : drop }
	}
}
""")
    rules = d.filters["inet/t/c"].rules
    assert [r.name for r in rules] == ["inet/t/c#1.1", "inet/t/c#1.2", "inet/t/c#2.1", "inet/t/c#2.2"]
    assert rules[0].dst.items == (AddressRange.host("10.0.0.1"),)
    assert rules[0].services == (Service(6, dst_ports=((22, 22),)),)
    assert rules[1].services == (Service(6, dst_ports=((443, 443),)),)
    assert [r.action for r in rules[2:]] == [PERMIT, DENY]
    fs = FilterSet(d)
    assert fs.evaluate("inet/t/c", pkt("1.1.1.1", "10.0.0.2", 6, 443)).rule is rules[1]
    assert fs.evaluate("inet/t/c", pkt("1.1.1.1", "10.0.0.2", 6, 22)).rule is None


def test_negations_and_comparisons(inet):
    r = rules_at(inet, line_of("inet-filter.nft", 'oifname "eth0" ip daddr != 10.0.0.0/8 tcp dport { 25, 465, 587 } '
                                                  'reject with icmpx admin-prohibited'))[0]
    assert r.dst.negated and r.dst.items == (net("10.0.0.0/8"),)
    assert r.out_interfaces == ("eth0",)
    assert (r.action, r.vendor_action, r.extra["reject_with"]) == (DENY, "reject", "icmpx admin-prohibited")
    d = chain('tcp dport != 22 accept\ntcp dport < 1024 accept\nudp sport >= 1024 accept\n'
              'iifname != "eth0" accept\nip saddr != { 10.0.0.0/8, 192.168.0.0/16 } accept\n'
              'meta l4proto != { tcp, udp } accept\ntcp dport 1000-2000 accept')
    a, b, c, e, f, g, h = d.filters["inet/t/c"].rules
    assert a.services == (Service(6, dst_ports=((0, 21), (23, 65535))),)
    assert b.services == (Service(6, dst_ports=((0, 1023),)),)
    assert c.services == (Service(17, src_ports=((1024, 65535),)),)
    assert e.in_interfaces == ("eth0",) and e.in_interfaces_negated
    assert f.src.negated and f.src.items == (net("10.0.0.0/8"), net("192.168.0.0/16"))
    assert len(g.services) == 254 and Service(6) not in g.services and g.service_names == ("!=tcp,udp",)
    assert h.services == (Service(6, dst_ports=((1000, 2000),)),)


def test_addresses_forms():
    d = chain("ip saddr 10.0.0.1-10.0.0.20 accept\nip saddr & 0.0.255.0 == 0.0.5.0 accept\n"
              "ip6 saddr 2001:db8::/32 ip6 daddr 2001:db8:1::1 accept\nip saddr 10.0.0.1 ip6 daddr ::1 accept")
    rng, wild, v6, both = d.filters["inet/t/c"].rules
    assert rng.src.items == (AddressRange.between("10.0.0.1", "10.0.0.20"),)
    assert isinstance(wild.src.items[0], AddressWildcard)
    assert v6.family == 6 and v6.dst.items == (AddressRange.host("2001:db8:1::1"),)
    assert both.services == () and "IPv4 and IPv6" in both.approximations[0]


def test_family_of_rules_in_family_tables():
    d = parse("table ip6 t {\n\tchain c {\n\t\ttype filter hook input priority 0; policy drop;\n"
              "\t\ttcp dport 22 accept\n\t\tip saddr 10.0.0.1 accept\n\t}\n}\n")
    ok, wrong = d.filters["ip6/t/c"].rules
    assert ok.family == 6
    assert wrong.services == ()  # an IPv4 match in an ip6 table matches nothing


def test_nfproto_and_protocol_matches():
    d = chain("meta nfproto ipv6 accept\nip6 nexthdr ipv6-icmp accept\nip protocol esp accept")
    a, b, c = d.filters["inet/t/c"].rules
    assert a.family == 6 and a.services == (ANY_SERVICE,)
    assert b.family == 6 and b.services == (Service(58),)
    assert c.family == 4 and c.services == (Service(50),)


def test_interfaces_and_wildcards():
    d = chain('iifname { "eth1", "eth2" } oifname "wg*" accept\niif "lo" accept\nmeta oifname "eth1" accept')
    a, b, c = d.filters["inet/t/c"].rules
    assert a.in_interfaces == ("eth1", "eth2")
    assert a.out_interfaces == ("wg*",) and any("wildcard" in x for x in a.approximations)
    assert b.in_interfaces == ("lo",) and c.out_interfaces == ("eth1",)
    assert d.facts["interface_patterns"] == ["wg*"]
    d = chain('iifname "eth*" accept\niifname "eth0" drop')
    assert d.filters["inet/t/c"].rules[0].in_interfaces == ("eth*", "eth0")


def test_log_counter_and_verdicts(inet):
    rules = inet.filters["inet/filter/input"].rules
    log = rules[-2]
    assert (log.action, log.log, log.extra["log_prefix"], log.extra["log_level"]) == (CONTINUE, True, "input drop: ", "info")
    drop = rules[-1]
    assert drop.action == DENY and not drop.log and drop.extra["counter"] == {"packets": 0, "bytes": 0}
    logged_drop = inet.filters["inet/filter/fwd_default"].rules[0]
    assert logged_drop.action == DENY and logged_drop.log is True
    ret = inet.filters["inet/filter/from_lan"].rules[1]
    assert ret.action == RETURN
    goto = inet.filters["inet/filter/forward"].rules[-1]
    assert (goto.action, goto.jump) == (GOTO, "inet/filter/fwd_default")
    d = chain("tcp dport 80 continue\ntcp dport 81 queue num 1 bypass\ntcp dport 82 counter")
    cont, queue, count = d.filters["inet/t/c"].rules
    assert cont.action == CONTINUE and cont.vendor_action == "continue"
    assert queue.action == PERMIT and queue.approximations and queue.extra["queue"] == "num 1 bypass"
    assert count.action == CONTINUE and count.vendor_action == ""


def test_nat_statements_continue(inet):
    dnat = inet.filters["ip/nat/prerouting"].rules[0]
    assert dnat.action == CONTINUE and dnat.extra["nat"] == "dnat to 192.168.10.20:443"
    assert dnat.in_interfaces == ("eth0",) and dnat.services == (Service(6, dst_ports=((8443, 8443),)),)
    masq = inet.filters["ip/nat/postrouting"].rules[0]
    assert masq.action == CONTINUE and masq.extra["nat"] == "masquerade"
    assert [n["statement"] for n in inet.facts["nat"]] == ["dnat to 192.168.10.20:443", "masquerade"]


def test_statements_without_effect_on_the_verdict():
    d = chain("meta mark set 0x1 counter\nct mark set meta mark\ntcp dport 22 ct state new add @seen { ip saddr } accept",
              name="c")
    a, b, c = d.filters["inet/t/c"].rules
    assert a.action == CONTINUE and a.extra["statements"] == ["meta mark set 0x1"]
    assert b.extra["statements"] == ["ct mark set meta mark"]
    assert c.action == PERMIT and c.approximations == ()


def test_unmodelled_matches_and_denies():
    d = chain("tcp dport 22 limit rate over 10/minute drop\nfib daddr type local accept\n"
              "fib saddr . iif oif missing drop\nmeta skuid 1000 accept\ntcp flags syn / fin,syn,rst,ack accept\n"
              "tcp flags & (fin|syn) == fin|syn drop")
    limit, fib, rpf, skuid, syn, flags = d.filters["inet/t/c"].rules
    assert limit.services == () and limit.extra["services_as_written"] == ["tcp/22"]
    assert fib.action == PERMIT and fib.services == (ANY_SERVICE,) and fib.approximations
    assert rpf.services == ()
    assert skuid.extra["unmodelled"] == ["meta skuid 1000"]
    assert syn.established is False and syn.services == (Service(6),)
    assert flags.services == ()
    assert warnings(d) == []


def test_dynamic_and_undefined_sets():
    d = parse("""
table inet t {
	set blocked { type ipv4_addr; flags dynamic,timeout; }
	chain c {
		type filter hook input priority 0; policy accept;
		ip saddr @blocked drop
		tcp dport 22 ct state new update @blocked { ip saddr limit rate over 5/minute } drop
		ip saddr @nosuch accept
	}
}
""")
    blocked, meter, undefined = d.filters["inet/t/c"].rules
    assert blocked.src.unresolved == ("@blocked",) and blocked.services == ()
    assert meter.services == ()  # the limit in the set statement is a condition
    assert undefined.src.unresolved == ("@nosuch",) and undefined.action == PERMIT
    refs = {(r.kind, r.name) for r in d.references}
    assert ("set", "inet/t/nosuch") in refs and ("set", "inet/t/blocked") in refs
    assert d.facts["sets"]["inet/t/blocked"]["dynamic"] is True


def test_comment_with_hash_and_handles():
    d = load("handles.nft")
    f = d.filters["inet/filter/input"]
    assert f.extra["handle"] == 1
    assert [r.extra["handle"] for r in f.rules] == [4, 5, 6]
    assert f.rules[2].remark == "https # public"
    assert d.facts["tables"][0]["handle"] == 7
    assert d.facts["sets"]["inet/filter/admins"]["handle"] == 3
    assert f.rules[1].src.items == (AddressRange.host("10.99.0.5"), AddressRange.host("10.99.0.6"))
    assert f.rules[1].loc.text == "ip saddr @admins tcp dport 22 accept"


def test_script_form_with_defines():
    d = parse("#!/usr/sbin/nft -f\nflush ruleset\ndefine LAN = 192.168.10.0/24\ndefine PORTS = { 22, 443 }\n"
              "table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0; policy drop;\n"
              "\t\tip saddr $LAN tcp dport $PORTS accept\n\t}\n}\n")
    r = d.filters["inet/t/c"].rules[0]
    assert r.src.items == (net("192.168.10.0/24"),)
    assert r.services == (Service(6, dst_ports=((22, 22), (443, 443))),)
    assert warnings(d) == []


def test_includes_and_unmodelled_commands_warn():
    d = parse('include "/etc/nftables.d/*.nft"\n'
              "table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0; policy drop;\n\t}\n}\n"
              "delete rule inet t c handle 5\n")
    assert [line for line, _ in warnings(d)] == [1, 7]
    assert "include" in warnings(d)[0][1] and warnings(d)[1][1] == "nft command 'delete rule' not modelled"


def test_script_commands():
    d = parse("""#!/usr/sbin/nft -f
flush ruleset
add table inet t
add chain inet t c { type filter hook input priority 0 ; policy drop ; }
add set inet t admins { type ipv4_addr ; }
add element inet t admins { 10.99.0.5, 10.99.0.6 }
add rule inet t c ct state established,related accept
add rule inet t c ip saddr @admins tcp dport 22 accept
insert rule inet t c iif lo accept
add chain inet t sub
add rule inet t c jump sub
add table filter
add chain filter input { type filter hook input priority 0; }
add rule filter input tcp dport 80 accept
""")
    assert warnings(d) == []
    c = d.filters["inet/t/c"]
    assert c.is_base and c.default_action == DENY and c.default_explicit
    assert [r.loc.line for r in c.rules] == [9, 7, 8, 11]
    assert c.rules[2].src.items == (AddressRange.host("10.99.0.5"), AddressRange.host("10.99.0.6"))
    assert c.rules[3].jump == "inet/t/sub" and d.filters["inet/t/sub"].is_base is False
    assert d.filters["ip/filter/input"].default_action == PERMIT and d.filters["ip/filter/input"].family == 4


def test_multiline_anonymous_set():
    d = chain("ip saddr {\n\t10.0.0.1,\n\t10.0.0.2\n} accept\ntcp dport 22 accept")
    a, b = d.filters["inet/t/c"].rules
    assert a.src.items == (AddressRange.host("10.0.0.1"), AddressRange.host("10.0.0.2"))
    assert (a.loc.line, a.loc.end_line) == (4, 7)
    assert b.loc.line == 8


# --------------------------------------------------------------------------- broken input


def test_truncated_file():
    d = load("truncated.nft")
    lines = (CASES / "truncated.nft").read_text().splitlines()
    last = len(lines)
    assert warnings(d) == [
        (line_of("truncated.nft", "table inet filter {"),
         "table filter is not closed (unbalanced braces or truncated file): read as far as it goes"),
        (line_of("truncated.nft", "chain forward {"),
         "chain forward is not closed (unbalanced braces or truncated file): read as far as it goes"),
        (last, "'{' not closed (truncated file?): the statement is read as far as it goes"),
        (last, "address not understood: 172.16.0"),
    ]
    assert len(d.filters["inet/filter/input"].rules) == 2
    fwd = d.filters["inet/filter/forward"]
    assert fwd.default_action == DENY and len(fwd.rules) == 2
    cut = fwd.rules[1]
    assert cut.action == CONTINUE and cut.src.unresolved == ("172.16.0",)


def test_extra_closing_brace():
    d = parse("table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0; policy drop;\n\t}\n}\n}\n")
    assert warnings(d) == [(6, "'}' closes no block (unbalanced braces)")]
    assert "inet/t/c" in d.filters


def test_unknown_lines_warn():
    d = parse("table inet t {\n\tfrobnicate 7\n\tchain c {\n\t\ttype filter hook input priority 0; policy drop;\n"
              "\t\ttcp dport 22 wibble accept\n\t}\n}\n")
    assert [line for line, _ in warnings(d)] == [2, 5]
    r = d.filters["inet/t/c"].rules[0]
    assert r.approximations  # kept, with a note, never silently widened


def test_nothing_recognised_is_a_parse_error():
    with pytest.raises(ParseError):
        parse("hello world\nthis is not a ruleset\n")
    with pytest.raises(ParseError):
        parse("\n\n")


def test_garbage_never_crashes():
    rng = random.Random(7)
    base = (CASES / "inet-filter.nft").read_text()
    words = base.split()
    for _ in range(80):
        cut = rng.randrange(len(base))
        text = base[:cut]
        if rng.random() < 0.5:
            text += " " + " ".join(rng.choice(words) for _ in range(rng.randrange(1, 12))) + "\n"
        try:
            parse(text)
        except ParseError:
            pass


# --------------------------------------------------------------------------- packets through the engine


def test_query_input_with_sets(inet):
    fs = FilterSet(inet)
    rules = inet.filters["inet/filter/input"].rules
    admin = pkt("10.99.0.7", "192.168.10.1", 6, 22, in_if="eth1")
    assert fs.evaluate("inet/filter/input", admin).rule is rules[3]
    other = pkt("10.98.0.7", "192.168.10.1", 6, 22, in_if="eth1")
    v = fs.evaluate("inet/filter/input", other)
    assert v.action == DENY and v.rule is rules[-1]  # the log rule before it continues
    web = pkt("203.0.113.9", "192.168.10.1", 6, 8085, in_if="eth0")
    assert fs.evaluate("inet/filter/input", web).rule is rules[4]  # before the vmap that drops 203.0.113.0/24
    nd = Packet("2001:db8::1", "2001:db8::2", 58, icmp_type=135, icmp_code=0, in_if="eth0")
    assert fs.evaluate("inet/filter/input", nd).rule is rules[7]
    back = pkt("8.8.8.8", "192.168.10.1", 17, 40000, sport=53, in_if="eth0", established=True)
    assert fs.evaluate("inet/filter/input", back).rule is rules[0]
    for p in (admin, other, web, nd, back):
        assert_agrees(fs, "inet/filter/input", p)


def test_query_vmap_jump(inet):
    fs = FilterSet(inet)
    p = pkt("198.51.100.9", "192.168.10.1", 6, 22, in_if="eth0")
    v = fs.evaluate("inet/filter/input", p)
    assert v.action == DENY and v.filter == "inet/filter/blocklist_log"
    assert v.rule is inet.filters["inet/filter/blocklist_log"].rules[1]
    assert [r.name for _, r in v.trace] == ["inet/filter/input#9.2"]
    q = pkt("203.0.113.7", "192.168.10.1", 6, 22, in_if="eth0")
    assert fs.evaluate("inet/filter/input", q).rule.name == "inet/filter/input#9.1"
    for x in (p, q):
        assert_agrees(fs, "inet/filter/input", x)


def test_query_forward_through_zone_map(inet):
    fs = FilterSet(inet)
    lan = pkt("192.168.10.5", "93.184.216.34", 6, 443, in_if="eth1", out_if="eth0")
    v = fs.evaluate("inet/filter/forward", lan)
    assert v.action == PERMIT and v.rule is inet.filters["inet/filter/from_lan"].rules[0]
    assert [r.name for _, r in v.trace] == ["inet/filter/forward#2.1"]
    vpn = pkt("10.8.0.5", "192.168.10.9", 6, 443, in_if="wg0", out_if="eth1")
    assert fs.evaluate("inet/filter/forward", vpn).rule is inet.filters["inet/filter/from_vpn"].rules[0]
    vpn_http = pkt("10.8.0.5", "192.168.10.9", 6, 80, in_if="wg0", out_if="eth1")
    v = fs.evaluate("inet/filter/forward", vpn_http)
    # from_vpn ends (returns), the reject does not match, goto fwd_default drops and logs
    assert v.action == DENY and v.rule is inet.filters["inet/filter/fwd_default"].rules[0]
    assert [r.name for _, r in v.trace] == ["inet/filter/forward#2.2", "inet/filter/forward#4"]
    smtp = pkt("192.168.10.5", "93.184.216.34", 6, 25, in_if="eth3", out_if="eth0")
    assert fs.evaluate("inet/filter/forward", smtp).rule.vendor_action == "reject"
    for p in (lan, vpn, vpn_http, smtp):
        assert_agrees(fs, "inet/filter/forward", p)


def test_query_return_and_goto_semantics():
    d = parse("""
table inet t {
	chain base {
		type filter hook forward priority 0; policy accept;
		tcp dport 22 jump sub
		tcp dport 23 goto sub
		drop
	}
	chain sub {
		ip saddr 10.0.0.1 accept
		return
	}
}
""")
    fs = FilterSet(d)
    # jump + return: back in base, the final drop
    v = fs.evaluate("inet/t/base", pkt("10.0.0.2", "10.0.0.9", 6, 22))
    assert v.action == DENY and v.rule is d.filters["inet/t/base"].rules[2]
    # goto + return: the base chain's policy (accept), not the final drop
    p = pkt("10.0.0.2", "10.0.0.9", 6, 23)
    assert final_action(fs, "inet/t/base", p) == PERMIT and fs.evaluate("inet/t/base", p).rule is None
    ok = pkt("10.0.0.1", "10.0.0.9", 6, 22)
    assert fs.evaluate("inet/t/base", ok).rule is d.filters["inet/t/sub"].rules[0]
    for x in (p, ok, pkt("10.0.0.2", "10.0.0.9", 6, 22)):
        assert_agrees(fs, "inet/t/base", x)


def test_compiled_sets_agree_on_random_packets(inet):
    fs = FilterSet(inet)
    rng = random.Random(13)
    srcs = ["10.99.0.7", "192.168.10.10", "192.168.10.5", "10.8.0.5", "203.0.113.9", "198.51.100.9", "8.8.8.8",
            "2001:db8::1"]
    dsts4 = ["192.168.10.1", "93.184.216.34", "10.1.1.1"]
    ifs = [None, "eth0", "eth1", "wg0", "lo"]
    for _ in range(150):
        src = rng.choice(srcs)
        dst = "2001:db8::2" if ":" in src else rng.choice(dsts4)
        proto = rng.choice([6, 17, 1 if ":" not in src else 58])
        kw = dict(in_if=rng.choice(ifs), out_if=rng.choice(ifs), established=rng.random() < 0.2)
        if proto in (1, 58):
            p = Packet(src, dst, proto, icmp_type=rng.choice([8, 128, 135, 3]), icmp_code=0, **kw)
        else:
            p = Packet(src, dst, proto, sport=rng.choice([53, 40000]), dport=rng.choice([22, 25, 53, 80, 443, 8085]), **kw)
        for name in ("inet/filter/input", "inet/filter/forward"):
            assert_agrees(fs, name, p)


# --------------------------------------------------------------------------- speed


def test_speed_20k_rules():
    rng = random.Random(3)
    lines = ["table inet filter {", "\tchain forward {", "\t\ttype filter hook forward priority filter; policy drop;"]
    for i in range(20_000):
        lines.append(f"\t\tip saddr 10.{rng.randrange(256)}.{rng.randrange(256)}.0/24 ip daddr 172.16.{i % 256}.{i % 250 + 1} "
                     f"tcp dport {{ 443, {rng.randrange(1024, 65535)} }} counter packets 0 bytes 0 accept "
                     f"comment \"CHG-{i} app\"")
    lines += ["\t}", "}"]
    text = "\n".join(lines)
    t0 = time.perf_counter()
    d = parse(text)
    elapsed = time.perf_counter() - t0
    assert len(d.filters["inet/filter/forward"].rules) == 20_000
    assert elapsed < 4.0, elapsed  # about 0.6 s here; generous for slow CI machines


def test_chain_policy_line_and_non_ip_tables():
    """A base chain's policy is located at its own line (what NL212 points at); chains
    of arp and bridge tables see frames, not the IP packets of the model."""
    d = parse(
        "table inet filter {\n"
        "\tchain input {\n"
        "\t\ttype filter hook input priority filter; policy drop;\n"
        "\t\ttcp dport 22 accept\n"
        "\t}\n"
        "}\n"
        "table arp a {\n"
        "\tchain input {\n"
        "\t\ttype filter hook input priority 0; policy accept;\n"
        "\t}\n"
        "}\n")
    inp = d.filters["inet/filter/input"]
    assert inp.default_loc.line == 3 and inp.loc.line == 2 and inp.ip_traffic is True
    (arp,) = [f for f in d.filters.values() if f.extra.get("nft_family") == "arp"]
    assert arp.ip_traffic is False
