"""Tests of the iptables parser (parsers/linux_iptables.py) on its unit fixtures
(fixtures/cases/linux_iptables/), on inline snippets, and on the sample network's
vendor-lab gateway (fixtures/lab-gw.rules). Packet questions go through the engine
(netlint.filters), and point evaluation is checked against the exact packet sets."""

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
from parsers.linux_iptables import PARSER, tokenize

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cases" / "linux_iptables"
LAB_GW = ROOT / "fixtures" / "lab-gw.rules"


def load(path: Path):
    return PARSER.parse(path.read_text(), str(path))


def parse(text: str, file: str = "snippet.rules"):
    return PARSER.parse(text, file)


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if line.strip() == text:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def net(text: str) -> AddressRange:
    return AddressRange.from_network(text)


def rule_at(device, line: int):
    for filt in device.filters.values():
        for rule in filt.rules:
            if rule.loc.line == line:
                return rule
    raise AssertionError(f"no rule at line {line}")


def warnings(device) -> list[tuple[int, str]]:
    return [(w.loc.line, w.message) for w in device.parse_warnings]


def final_action(fs: FilterSet, name: str, packet: Packet) -> str:
    """What `netlint query` answers: a RETURN from a base chain means its policy."""
    v = fs.evaluate(name, packet)
    return fs.filter(name).default_action if v.action == RETURN else v.action


def assert_agrees(fs: FilterSet, name: str, packet: Packet) -> None:
    """Point evaluation and the exact packet sets agree on the packet."""
    action = final_action(fs, name, packet)
    compiled = fs.compiled(name)
    assert compiled.permitted.contains(packet) == (action == PERMIT), packet
    assert compiled.denied.contains(packet) == (action == DENY), packet


def pkt(src, dst, proto=6, dport=None, sport=40000, **kw) -> Packet:
    if proto not in (6, 17):
        return Packet(src=src, dst=dst, proto=proto, **kw)
    return Packet(src=src, dst=dst, proto=proto, sport=sport, dport=dport, **kw)


@pytest.fixture(scope="module")
def gateway():
    return load(CASES / "gateway.rules")


@pytest.fixture(scope="module")
def lab():
    return load(LAB_GW)


# --------------------------------------------------------------------------- detection and basics


@pytest.mark.parametrize("name", ["gateway.rules", "ip6.rules", "counters.rules", "default-accept.rules",
                                  "truncated.rules", "unknown-options.rules"])
def test_fixtures_detected_as_iptables(name):
    text = (CASES / name).read_text()
    assert detect_vendor(text) == "linux_iptables"
    assert PARSER.detect(text) > 0


def test_lab_gw_detected():
    assert detect_vendor(LAB_GW.read_text()) == "linux_iptables"


def test_detect_rejects_other_text():
    assert PARSER.detect("hostname core\ninterface GigabitEthernet0/1\n") == 0


def test_device_basics(gateway):
    assert gateway.vendor == "linux_iptables"
    assert gateway.hostname == "gateway"  # the file stem: no '# hostname:' comment
    assert gateway.management_visible is False
    assert gateway.stateful is True
    assert gateway.facts["generated_by"] == "iptables-save v1.8.9"
    assert gateway.facts["families"] == [4]
    assert [t["table"] for t in gateway.facts["tables"]] == ["nat", "filter"]
    assert all(t["committed"] for t in gateway.facts["tables"])
    assert gateway.line_count == len((CASES / "gateway.rules").read_text().splitlines())


def test_no_warnings_on_clean_fixtures(gateway):
    assert warnings(gateway) == []
    for name in ("ip6.rules", "counters.rules", "default-accept.rules"):
        assert warnings(load(CASES / name)) == [], name


def test_hostname_comment():
    d = parse("# hostname: edge-7\n*filter\n:INPUT DROP [0:0]\nCOMMIT\n", "whatever.rules")
    assert d.hostname == "edge-7"


def test_hostname_from_file_stem():
    d = parse("*filter\n:INPUT DROP [0:0]\nCOMMIT\n", "/etc/iptables/branch-gw.rules")
    assert d.hostname == "branch-gw"


def test_stateful_only_with_conntrack():
    assert load(CASES / "default-accept.rules").stateful is False


# --------------------------------------------------------------------------- chains and filters


def test_filter_names(gateway):
    assert list(gateway.filters) == [
        "nat:PREROUTING", "nat:INPUT", "nat:OUTPUT", "nat:POSTROUTING", "nat:PORTFWD",
        "INPUT", "FORWARD", "OUTPUT", "FWD_DMZ", "FWD_LAN", "IN_ADMIN", "LOGDROP", "UNUSED_OLD",
    ]


def test_builtin_chains(gateway):
    path = CASES / "gateway.rules"
    f = gateway.filters["FORWARD"]
    assert (f.kind, f.is_base, f.hook, f.table, f.family) == ("chain", True, "forward", "filter", 4)
    assert f.default_action == DENY and f.default_explicit
    assert f.loc.line == line_of(path, ":FORWARD DROP [0:0]")
    assert gateway.filters["OUTPUT"].default_action == PERMIT
    assert gateway.filters["INPUT"].hook == "input"
    nat = gateway.filters["nat:POSTROUTING"]
    assert (nat.is_base, nat.hook, nat.table, nat.priority) == (True, "postrouting", "nat", 100)
    assert gateway.filters["nat:PREROUTING"].priority == -100
    assert gateway.filters["INPUT"].priority == 0


def test_user_chains(gateway):
    f = gateway.filters["FWD_LAN"]
    assert (f.kind, f.is_base, f.hook) == ("chain", False, None)
    assert f.default_action == RETURN
    assert f.extra["user_chain"] is True
    defined = {(o.kind, o.name) for o in gateway.objects}
    assert defined == {("chain", n) for n in ("nat:PORTFWD", "FWD_DMZ", "FWD_LAN", "IN_ADMIN", "LOGDROP", "UNUSED_OLD")}


def test_jump_references(gateway):
    refs = {(r.kind, r.name) for r in gateway.references}
    assert ("chain", "FWD_LAN") in refs and ("chain", "nat:PORTFWD") in refs and ("chain", "FWD_DMZ") in refs
    # UNUSED_OLD is defined and never jumped to: the unused-object check sees it.
    assert ("chain", "UNUSED_OLD") not in refs
    # every jump target is the name of a filter
    for filt in gateway.filters.values():
        for rule in filt.rules:
            if rule.action in (JUMP, GOTO):
                assert rule.jump in gateway.filters


def test_ipset_reference_is_external(gateway):
    refs = [r for r in gateway.references if r.name == "blocklist"]
    assert len(refs) == 1
    assert refs[0].kind == "external-ipset" and refs[0].context == "mentioned"
    assert not any(o.name == "blocklist" for o in gateway.objects)


def test_hooks_fact(gateway):
    hooks = gateway.facts["iptables_hooks"]["4"]
    assert hooks["input"] == ["INPUT", "nat:INPUT"]
    assert hooks["output"] == ["nat:OUTPUT", "OUTPUT"]
    assert hooks["forward"] == ["FORWARD"]


def test_lab_hooks_order(lab):
    assert lab.facts["iptables_hooks"]["4"]["forward"] == ["mangle:FORWARD", "FORWARD"]
    assert lab.facts["iptables_hooks"]["4"]["input"] == ["mangle:INPUT", "INPUT", "nat:INPUT"]


def test_rule_names_and_locations(gateway):
    path = CASES / "gateway.rules"
    text = "-A FWD_LAN -s 192.168.10.0/24 -p udp -m udp --dport 53 -j ACCEPT"
    r = rule_at(gateway, line_of(path, text))
    assert r.name == "FWD_LAN#2"
    assert r.loc.text == text and r.loc.file == str(path)
    assert gateway.filters["nat:PORTFWD"].rules[0].name == "nat:PORTFWD#1"


def test_interfaces(gateway):
    assert [i.name for i in gateway.interfaces] == ["ppp0", "lo", "eth1", "eth2"]
    assert all(not i.addresses for i in gateway.interfaces)


# --------------------------------------------------------------------------- targets


def test_targets(gateway):
    f = gateway.filters
    assert f["INPUT"].rules[0].action == PERMIT and f["INPUT"].rules[0].vendor_action == "ACCEPT"
    reject = f["FWD_LAN"].rules[3]
    assert (reject.action, reject.vendor_action, reject.extra["reject_with"]) == (DENY, "REJECT", "icmp-admin-prohibited")
    drop = f["LOGDROP"].rules[1]
    assert (drop.action, drop.vendor_action) == (DENY, "DROP")
    ret = f["FWD_LAN"].rules[5]
    assert ret.action == RETURN
    jump = f["FORWARD"].rules[3]
    assert (jump.action, jump.jump, jump.in_interfaces, jump.out_interfaces) == (JUMP, "FWD_LAN", ("eth1",), ("ppp0",))
    goto = f["FORWARD"].rules[4]
    assert (goto.action, goto.jump) == (GOTO, "FWD_DMZ")


def test_log_target_continues(gateway):
    log = gateway.filters["FWD_LAN"].rules[4]
    assert log.action == CONTINUE and log.log is True and log.vendor_action == "LOG"
    assert log.extra["log_prefix"] == "smtp out: "
    assert log.services == (Service(6, dst_ports=((25, 25),)),)
    assert gateway.filters["LOGDROP"].rules[0].extra["log_level"] == "6"


def test_nat_targets_continue(gateway):
    masq = gateway.filters["nat:POSTROUTING"].rules[0]
    assert masq.action == CONTINUE and masq.extra["target"] == "MASQUERADE"
    assert masq.out_interfaces == ("ppp0",)
    dnat = gateway.filters["nat:PORTFWD"].rules[0]
    assert dnat.action == CONTINUE and dnat.extra["nat_to"] == "192.168.20.10:443"
    nat = gateway.facts["nat"]
    assert [n["target"] for n in nat] == ["MASQUERADE", "SNAT", "DNAT"]
    assert nat[2]["to"] == "192.168.20.10:443" and nat[2]["filter"] == "nat:PORTFWD"
    assert nat[1]["to"] == "198.51.100.7" and nat[1]["out_interface"] == "ppp0"


def test_no_target_is_a_counting_rule():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 80\nCOMMIT\n")
    r = d.filters["INPUT"].rules[0]
    assert r.action == CONTINUE and r.vendor_action == ""


def test_queue_is_an_approximate_accept():
    d = parse("*filter\n:FORWARD DROP [0:0]\n-A FORWARD -j NFQUEUE --queue-num 0 --queue-bypass\nCOMMIT\n")
    r = d.filters["FORWARD"].rules[0]
    assert r.action == PERMIT and r.vendor_action == "NFQUEUE" and r.approximations


def test_mark_and_other_targets_continue():
    d = parse("*mangle\n:PREROUTING ACCEPT [0:0]\n"
              "-A PREROUTING -i eth0 -j MARK --set-xmark 0x1/0xffffffff\n"
              "-A PREROUTING -j CONNMARK --restore-mark\nCOMMIT\n")
    rules = d.filters["mangle:PREROUTING"].rules
    assert [r.action for r in rules] == [CONTINUE, CONTINUE]
    assert rules[0].extra["target_options"] == "--set-xmark 0x1/0xffffffff"
    assert warnings(d) == []


# --------------------------------------------------------------------------- matches


def test_multiport_and_comment(lab):
    path = LAB_GW
    r = rule_at(lab, line_of(path, "-A VENDOR_IN -s 172.31.0.0/16 -d 10.20.5.0/24 -p tcp -m multiport "
                                   "--dports 443,8443 -m comment --comment \"CHG-2024-077 vendor UAT access\" -j ACCEPT"))
    assert r.src.items == (net("172.31.0.0/16"),)
    assert r.dst.items == (net("10.20.5.0/24"),)
    assert r.services == (Service(6, dst_ports=((443, 443), (8443, 8443))),)
    assert r.remark == "CHG-2024-077 vendor UAT access"
    assert r.approximations == ()


def test_multiport_ranges(gateway):
    r = gateway.filters["FWD_LAN"].rules[0]
    assert r.services == (Service(6, dst_ports=((80, 80), (443, 443), (1000, 2000))),)


def test_multiport_either_direction_is_two_services(gateway):
    r = gateway.filters["FWD_DMZ"].rules[1]
    assert set(r.services) == {Service(17, dst_ports=((123, 123),)), Service(17, src_ports=((123, 123),))}


def test_negated_ports_option():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -p udp -m multiport ! --ports 53,123 -j ACCEPT\n"
              "-A INPUT -p tcp ! --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport ! 23 -j ACCEPT\nCOMMIT\n")
    a, b, c = d.filters["INPUT"].rules
    comp = ((0, 52), (54, 122), (124, 65535))
    assert a.services == (Service(17, src_ports=comp, dst_ports=comp),)
    assert b.services == (Service(6, dst_ports=((0, 21), (23, 65535))),)
    assert c.services == (Service(6, dst_ports=((0, 22), (24, 65535))),)


def test_source_port_range(gateway):
    r = gateway.filters["FWD_DMZ"].rules[0]
    assert r.services == (Service(6, src_ports=((1024, 65535),), dst_ports=((443, 443),)),)
    assert r.out_interfaces == ("ppp0",)


def test_port_range_open_ends():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 1024: -j ACCEPT\n"
              "-A INPUT -p udp --sport :1023 -j ACCEPT\nCOMMIT\n")
    a, b = d.filters["INPUT"].rules
    assert a.services == (Service(6, dst_ports=((1024, 65535),)),)
    assert b.services == (Service(17, src_ports=((0, 1023),)),)


def test_dport_and_multiport_intersect():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -m multiport --dports 20:30,80 -j ACCEPT\n"
              "-A INPUT -p tcp --dport 22 -m multiport --dports 80 -j ACCEPT\nCOMMIT\n")
    a, b = d.filters["INPUT"].rules
    assert a.services == (Service(6, dst_ports=((22, 22),)),)
    assert b.services == ()  # no port is both 22 and 80


def test_multiport_limit_warns():
    ports = ",".join(str(p) for p in range(1, 17))
    d = parse(f"*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m multiport --dports {ports} -j ACCEPT\nCOMMIT\n")
    assert any("more than 15 ports" in m for _, m in warnings(d))


def test_iprange(gateway):
    r = gateway.filters["IN_ADMIN"].rules[0]
    assert r.src.items == (AddressRange(4, int.from_bytes(bytes([192, 168, 10, 50]), "big"),
                                        int.from_bytes(bytes([192, 168, 10, 59]), "big")),)
    assert r.remark == "IT admins"


def test_iprange_intersected_with_source_and_negated_destination():
    d = parse("*filter\n:INPUT DROP [0:0]\n"
              "-A INPUT -s 10.0.0.0/24 -m iprange --src-range 10.0.0.200-10.0.1.9 ! --dst-range 10.9.9.0-10.9.9.255 "
              "-j ACCEPT\nCOMMIT\n")
    r = d.filters["INPUT"].rules[0]
    assert r.src.items == (AddressRange.between("10.0.0.200", "10.0.0.255"),) and not r.src.negated
    assert r.dst.items == (net("10.9.9.0/24"),) and r.dst.negated


def test_comma_list_is_several_items(gateway):
    r = gateway.filters["IN_ADMIN"].rules[1]
    assert r.src.items == (net("10.8.0.0/24"), net("10.9.0.0/24"))
    assert r.services == (Service(6, dst_ports=((22, 22),)),)


def test_negated_source(gateway):
    r = gateway.filters["FWD_LAN"].rules[3]
    assert r.src.negated and r.src.items == (net("192.168.10.0/24"),)


def test_negated_comma_list_expands_like_iptables():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT ! -s 10.0.0.0/8,10.1.0.0/16 -j DROP\n"
              "-A INPUT ! -s 10.0.0.1,10.0.0.2 -j DROP\nCOMMIT\n")
    a, b = d.filters["INPUT"].rules
    # '! -s A,B' is '! -s A' plus '! -s B': everything outside A∩B
    assert a.src.negated and a.src.items == (net("10.1.0.0/16"),)
    assert "expands to one rule per address" in a.extra["note"]
    assert b.src.any or (not b.src.items and b.src.negated)


def test_addresses_masks_and_hosts():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.1.2.3/32 -d 192.168.0.0/255.255.0.0 -j ACCEPT\n"
              "-A INPUT -s 10.0.0.1/255.0.255.0 -j ACCEPT\n-A INPUT -s gw.example.com -j ACCEPT\nCOMMIT\n")
    a, b, c = d.filters["INPUT"].rules
    assert a.src.items == (AddressRange.host("10.1.2.3"),) and a.dst.items == (net("192.168.0.0/16"),)
    assert isinstance(b.src.items[0], AddressWildcard)
    assert c.src.unresolved == ("gw.example.com",) and c.approximations
    assert warnings(d) == []  # a host name is not an error


def test_protocols():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -p esp -j ACCEPT\n-A INPUT -p 47 -j ACCEPT\n"
              "-A INPUT -p all -j ACCEPT\n-A INPUT ! -p tcp -j ACCEPT\nCOMMIT\n")
    a, b, c, e = d.filters["INPUT"].rules
    assert a.services == (Service(50),)
    assert b.services == (Service(47),)
    assert c.services == (ANY_SERVICE,)
    assert len(e.services) == 255 and Service(6) not in e.services and Service(17) in e.services
    assert e.service_names == ("!tcp",)


def test_icmp_types(gateway):
    r = gateway.filters["INPUT"].rules[3]
    assert r.services == (Service(1, icmp_type=8),)
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -p icmp --icmp-type 3/4 -j ACCEPT\n"
              "-A INPUT -p icmp --icmp-type port-unreachable -j ACCEPT\n"
              "-A INPUT -p icmp -m icmp ! --icmp-type echo-request -j ACCEPT\n"
              "-A INPUT -p icmp --icmp-type any -j ACCEPT\nCOMMIT\n")
    a, b, c, e = d.filters["INPUT"].rules
    assert a.services == (Service(1, icmp_type=3, icmp_code=4),)
    assert b.services == (Service(1, icmp_type=3, icmp_code=3),)
    assert len(c.services) == 255 and Service(1, icmp_type=8) not in c.services
    assert e.services == (Service(1),)


def test_icmpv6_types():
    d = load(CASES / "ip6.rules")
    types = [r.services[0].icmp_type for r in d.filters["INPUT"].rules[2:5]]
    assert types == [128, 135, 136]
    assert all(r.services[0].protocol == 58 for r in d.filters["INPUT"].rules[2:5])
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-solicitation "
              "-j ACCEPT\nCOMMIT\n")
    assert d.filters["INPUT"].rules[0].services == (Service(58, icmp_type=135),)


def test_conntrack_states(gateway, lab):
    assert gateway.filters["INPUT"].rules[1].established is True  # -m state RELATED,ESTABLISHED
    assert gateway.filters["FORWARD"].rules[1].established is True  # -m conntrack
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -m conntrack --ctstate NEW -j ACCEPT\n"
              "-A INPUT -m state --state NEW,ESTABLISHED -j ACCEPT\n"
              "-A INPUT -m conntrack --ctstate INVALID -j DROP\n"
              "-A INPUT -m conntrack --ctstate NEW,INVALID -j ACCEPT\n"
              "-A INPUT -m conntrack ! --ctstate ESTABLISHED,RELATED -j DROP\nCOMMIT\n")
    new, mixed, invalid, new_invalid, not_est = d.filters["INPUT"].rules
    assert new.established is False and new.approximations == ()
    assert mixed.established is None and mixed.approximations == ()
    assert invalid.services == () and any("INVALID" in a for a in invalid.approximations)
    assert new_invalid.established is False and any("INVALID" in a for a in new_invalid.approximations)
    assert not_est.established is False and not_est.approximations  # NEW plus INVALID, UNTRACKED
    assert d.stateful


def test_tcp_flags_syn():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --syn -j ACCEPT\n"
              "-A INPUT -p tcp ! --syn -m state --state NEW -j DROP\nCOMMIT\n")
    syn, bogus = d.filters["INPUT"].rules
    assert syn.established is False and any("--syn" in a for a in syn.approximations)
    assert bogus.services == ()  # not a SYN and yet NEW: no packet of the model


def test_interfaces_negation_and_wildcards():
    d = parse("*filter\n:FORWARD DROP [0:0]\n-A FORWARD -i eth+ ! -o eth0 -j ACCEPT\n"
              "-A FORWARD -i eth1 -o ! eth2 -j ACCEPT\n-A FORWARD -i + -j DROP\nCOMMIT\n")
    a, b, c = d.filters["FORWARD"].rules
    assert a.in_interfaces == ("eth+", "eth0", "eth1", "eth2") and not a.in_interfaces_negated
    assert a.out_interfaces == ("eth0",) and a.out_interfaces_negated
    assert any("wildcard" in x for x in a.approximations)
    assert b.out_interfaces == ("eth2",) and b.out_interfaces_negated  # old '-o ! eth2' form
    assert c.in_interfaces is None  # '+' is every interface
    assert [i.name for i in d.interfaces] == ["eth0", "eth1", "eth2"]
    assert d.facts["interface_patterns"] == ["+", "eth+"]


def test_comment_escapes():
    d = parse('*filter\n:INPUT DROP [0:0]\n-A INPUT -m comment --comment "say \\"hi\\" to the \\\\ team" '
              '-j ACCEPT\nCOMMIT\n')
    assert d.filters["INPUT"].rules[0].remark == 'say "hi" to the \\ team'


def test_tokenize():
    assert tokenize("-A X -j ACCEPT") == (["-A", "X", "-j", "ACCEPT"], set(), False)
    words, quoted, open_quote = tokenize('-A X -m comment --comment "a b" -j LOG --log-prefix "x: "')
    assert words == ["-A", "X", "-m", "comment", "--comment", "a b", "-j", "LOG", "--log-prefix", "x: "]
    assert quoted == {5, 9} and not open_quote
    assert tokenize('-A X --comment "cut')[2] is True


def test_time_window(gateway):
    r = gateway.filters["FWD_LAN"].rules[2]
    assert r.time_range == "timestart 08:00:00 timestop 18:00:00 weekdays Mon,Tue,Wed,Thu,Fri"
    assert r.time_range_expired is None
    assert any("time window" in a for a in r.approximations)
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -m time --datestop 2020-01-31T00:00:00 -j ACCEPT\nCOMMIT\n")
    assert d.filters["INPUT"].rules[0].time_range_expired is True


def test_ipset_rules(gateway):
    deny = gateway.filters["FORWARD"].rules[0]
    assert deny.src.unresolved == ("ipset:blocklist",)
    assert deny.extra["ipsets"] == ["blocklist src"]
    # a deny with a condition the model lacks is taken to match nothing
    assert deny.services == ()
    d = parse("*filter\n:INPUT DROP [0:0]\n"
              "-A INPUT -s 10.0.0.0/8 -p tcp --dport 22 -m set --match-set admins src -j ACCEPT\nCOMMIT\n")
    r = d.filters["INPUT"].rules[0]
    assert r.src.items == (net("10.0.0.0/8"),) and not r.src.unresolved  # the addresses stay
    assert any("ipset:admins" in a for a in r.approximations)


def test_unmodelled_matches(tmp_path):
    d = load(CASES / "unknown-options.rules")
    path = CASES / "unknown-options.rules"
    drop = rule_at(d, line_of(path, "-A INPUT -p tcp -m tcp --dport 22 -m recent --update --seconds 60 "
                                    "--hitcount 4 --name SSH --mask 255.255.255.255 --rsource -j DROP"))
    assert drop.action == DENY and drop.services == ()  # taken to match nothing
    assert drop.extra["services_as_written"] == ["tcp/22"]
    assert any(a.startswith("-m recent --update --seconds 60") for a in drop.approximations)
    accept = rule_at(d, line_of(path, "-A INPUT -m mac --mac-source 00:11:22:33:44:55 -j ACCEPT"))
    assert accept.services == (ANY_SERVICE,) and accept.approximations == ("-m mac --mac-source 00:11:22:33:44:55 not modelled",)
    frag = rule_at(d, line_of(path, "-A INPUT -f -j DROP"))
    assert frag.services == () and frag.approximations
    owner = d.filters["OUTPUT"].rules[0]
    assert owner.extra["unmodelled"] == ["--uid-owner 1001"]


def test_unknown_options_warn_and_keep_the_rule():
    path = CASES / "unknown-options.rules"
    d = load(path)
    assert warnings(d) == [
        (line_of(path, "-A INPUT -p tcp -m tcp --dport 80 --frobnicate 7 -j ACCEPT"), "option not understood: --frobnicate"),
        (line_of(path, "-A INPUT -m quux --quux-level 3 -j DROP"), "match not understood: -m quux"),
        (line_of(path, "-A INPUT -p udp -m udp --dport 514 -j WEIRDTARGET --weird-opt 1"), "target not understood: WEIRDTARGET"),
        (line_of(path, "this line is not iptables"), "line not understood"),
    ]
    r = rule_at(d, line_of(path, "-A INPUT -p tcp -m tcp --dport 80 --frobnicate 7 -j ACCEPT"))
    assert r.action == PERMIT and r.services == (Service(6, dst_ports=((80, 80),)),)
    assert r.approximations  # never silently widened
    weird = rule_at(d, line_of(path, "-A INPUT -p udp -m udp --dport 514 -j WEIRDTARGET --weird-opt 1"))
    assert weird.action == CONTINUE and weird.extra["target_options"] == "--weird-opt 1"


# --------------------------------------------------------------------------- file forms


def test_counters():
    path = CASES / "counters.rules"
    d = load(path)
    assert d.facts["counters"] is True
    f = d.filters["INPUT"]
    assert (f.extra["packets"], f.extra["bytes"]) == (1520, 98311)
    telnet = f.rules[3]
    assert (telnet.extra["packets"], telnet.extra["bytes"]) == (0, 0)
    assert telnet.loc.text == "-A INPUT -p tcp -m tcp --dport 23 -j ACCEPT"  # the counters are not kept in the text
    assert f.rules[0].extra["packets"] == 183920
    assert d.filters["SMB_CLIENTS"].rules[0].src.items == (net("10.30.0.0/16"),)


def test_inline_counters():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -c 10 20 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n")
    r = d.filters["INPUT"].rules[0]
    assert (r.extra["packets"], r.extra["bytes"]) == (10, 20)


def test_default_accept():
    d = load(CASES / "default-accept.rules")
    assert list(d.filters) == ["INPUT", "FORWARD", "OUTPUT"]
    fwd = d.filters["FORWARD"]
    assert fwd.default_action == PERMIT and fwd.default_explicit and fwd.rules == []
    fs = FilterSet(d)
    p = pkt("10.1.1.1", "10.2.2.2", 6, 445)
    v = fs.evaluate("FORWARD", p)
    assert v.action == PERMIT and v.rule is None
    assert_agrees(fs, "FORWARD", p)


def test_ip6tables():
    d = load(CASES / "ip6.rules")
    assert d.facts["families"] == [6]
    assert list(d.filters) == ["INPUT", "FORWARD", "OUTPUT"]  # plain names: one family only
    assert all(f.family == 6 for f in d.filters.values())
    r = d.filters["INPUT"].rules[5]
    assert r.family == 6 and r.src.items == (net("2001:db8:10::/64"),)
    assert d.filters["INPUT"].rules[-1].extra["reject_with"] == "icmp6-adm-prohibited"
    fs = FilterSet(d)
    p = pkt("2001:db8:10::5", "2001:db8:1::1", 6, 22)
    assert fs.evaluate("INPUT", p).rule is r
    assert_agrees(fs, "INPUT", p)
    p4 = pkt("10.0.0.1", "10.0.0.2", 6, 22)
    assert fs.evaluate("FORWARD", p4).rule is None  # IPv6 rules never match IPv4 packets


def test_both_families_in_one_file():
    text = (CASES / "gateway.rules").read_text() + (CASES / "ip6.rules").read_text()
    d = parse(text, "both.rules")
    assert d.facts["families"] == [4, 6]
    assert "FORWARD" in d.filters and "ip6:FORWARD" in d.filters and "nat:POSTROUTING" in d.filters
    assert d.filters["ip6:INPUT"].family == 6 and d.filters["INPUT"].family == 4
    assert d.facts["iptables_hooks"]["6"]["input"] == ["ip6:INPUT"]
    assert warnings(d) == []


def test_family_from_addresses_without_header():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -s 2001:db8::/32 -j ACCEPT\nCOMMIT\n")
    assert d.filters["INPUT"].family == 6


def test_snippet_without_table():
    d = parse("-A INPUT -s 10.0.0.0/8 -p tcp --dport 22 -j ACCEPT\n-A INPUT -j DROP\n")
    f = d.filters["INPUT"]
    assert f.is_base and f.default_action == PERMIT and not f.default_explicit
    assert [r.action for r in f.rules] == [PERMIT, DENY]
    assert warnings(d) == []


def test_insert_new_chain_and_policy_commands():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 80 -j ACCEPT\n"
              "-I INPUT -p tcp --dport 22 -j ACCEPT\n-I INPUT 2 -p tcp --dport 25 -j ACCEPT\n"
              "-N X\n-A X -j RETURN\n-P FORWARD ACCEPT\nCOMMIT\n")
    ports = [r.services[0].dst_ports[0][0] for r in d.filters["INPUT"].rules]
    assert ports == [22, 25, 80]
    assert [r.name for r in d.filters["INPUT"].rules] == ["INPUT#1", "INPUT#2", "INPUT#3"]
    assert d.filters["X"].is_base is False
    assert d.filters["FORWARD"].default_action == PERMIT


def test_family_flags():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -4 -p tcp --dport 22 -j ACCEPT\n-A INPUT -6 -j ACCEPT\nCOMMIT\n")
    rules = d.filters["INPUT"].rules
    assert len(rules) == 1 and rules[0].services == (Service(6, dst_ports=((22, 22),)),)
    assert warnings(d) == []


def test_undefined_and_undeclared_chains():
    d = parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -j MISSING\n-A INPUT -g ALSO_MISSING\n-A Y -j ACCEPT\nCOMMIT\n")
    refs = {(r.kind, r.name) for r in d.references}
    assert ("chain", "MISSING") in refs and ("chain", "ALSO_MISSING") in refs
    assert "MISSING" not in d.filters
    assert any("chain Y is not declared" in m for _, m in warnings(d))
    fs = FilterSet(d)
    assert fs.evaluate("INPUT", pkt("1.1.1.1", "2.2.2.2", 6, 80)).action == DENY  # the jump is skipped


def test_truncated_file():
    path = CASES / "truncated.rules"
    d = load(path)
    lines = path.read_text().splitlines()
    assert warnings(d) == [
        (line_of(path, "*filter"), "table filter has no COMMIT at the end of the file (truncated dump?): "
                                   "iptables-restore would load none of it; its rules are analysed as written"),
        (len(lines), "address not understood: 172.3"),
    ]
    assert d.facts["tables"][0]["committed"] is False
    cut = d.filters["FORWARD"].rules[0]
    assert cut.loc.line == len(lines) and cut.dst.unresolved == ("172.3",)
    assert len(d.filters["INPUT"].rules) == 2


def test_missing_commit_between_tables():
    d = parse("*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -o eth0 -j MASQUERADE\n"
              "*filter\n:INPUT DROP [0:0]\nCOMMIT\n")
    assert warnings(d)[0][0] == 1 and "no COMMIT before the next table" in warnings(d)[0][1]
    assert "nat:POSTROUTING" in d.filters and "INPUT" in d.filters


def test_repeated_table_replaces():
    d = parse("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j DROP\nCOMMIT\n*filter\n:INPUT DROP [0:0]\nCOMMIT\n")
    assert d.filters["INPUT"].default_action == DENY and d.filters["INPUT"].rules == []
    assert any("appears again" in m for _, m in warnings(d))


def test_nothing_recognised_is_a_parse_error():
    with pytest.raises(ParseError):
        parse("hello world\nthis is not a ruleset\n")
    with pytest.raises(ParseError):
        parse("   \n")


def test_garbage_never_crashes():
    rng = random.Random(5)
    base = (CASES / "gateway.rules").read_text()
    words = base.split()
    for _ in range(60):
        cut = rng.randrange(len(base))
        text = base[:cut]
        if rng.random() < 0.5:
            text += " " + " ".join(rng.choice(words) for _ in range(rng.randrange(1, 12))) + "\n"
        try:
            parse(text)
        except ParseError:
            pass


# --------------------------------------------------------------------------- packets through the engine


def test_query_jump_into_user_chain(gateway):
    fs = FilterSet(gateway)
    p = pkt("192.168.10.5", "93.184.216.34", 6, 443, in_if="eth1", out_if="ppp0")
    v = fs.evaluate("FORWARD", p)
    assert v.action == PERMIT and v.rule is gateway.filters["FWD_LAN"].rules[0] and v.filter == "FWD_LAN"
    assert [(f, r.name) for f, r in v.trace] == [("FORWARD", "FORWARD#4")]
    assert_agrees(fs, "FORWARD", p)


def test_query_log_continues_then_return_then_drop(gateway):
    fs = FilterSet(gateway)
    p = pkt("192.168.10.5", "93.184.216.34", 6, 25, in_if="eth1", out_if="ppp0")
    v = fs.evaluate("FORWARD", p)
    # LOG in FWD_LAN lets the packet go on, RETURN comes back to FORWARD, LOGDROP drops it
    assert v.action == DENY and v.rule is gateway.filters["LOGDROP"].rules[1]
    assert [r.name for _, r in v.trace] == ["FORWARD#4", "FORWARD#7"]
    assert_agrees(fs, "FORWARD", p)


def test_query_goto_does_not_come_back(gateway):
    fs = FilterSet(gateway)
    allowed = pkt("192.168.20.10", "93.184.216.34", 6, 443, in_if="eth2", out_if="ppp0")
    v = fs.evaluate("FORWARD", allowed)
    assert v.action == PERMIT and v.rule is gateway.filters["FWD_DMZ"].rules[0]
    other = pkt("192.168.20.10", "93.184.216.34", 6, 80, in_if="eth2", out_if="ppp0")
    v = fs.evaluate("FORWARD", other)
    # the end of FWD_DMZ goes back past FORWARD (goto): FORWARD's policy decides, not LOGDROP
    assert v.action == DENY and v.rule is None
    assert final_action(fs, "FORWARD", other) == DENY
    assert [r.name for _, r in v.trace] == ["FORWARD#5"]
    for p in (allowed, other):
        assert_agrees(fs, "FORWARD", p)


def test_query_established_and_dnat_target(gateway):
    fs = FilterSet(gateway)
    back = pkt("93.184.216.34", "192.168.10.5", 6, 40000, sport=443, in_if="ppp0", out_if="eth1", established=True)
    v = fs.evaluate("FORWARD", back)
    assert v.action == PERMIT and v.rule is gateway.filters["FORWARD"].rules[1]
    web = pkt("203.0.113.9", "192.168.20.10", 6, 443, in_if="ppp0", out_if="eth2")
    # the ipset deny before it is taken to match nothing
    assert fs.evaluate("FORWARD", web).rule is gateway.filters["FORWARD"].rules[5]
    for p in (back, web):
        assert_agrees(fs, "FORWARD", p)


def test_query_input_chain(gateway):
    fs = FilterSet(gateway)
    admin = pkt("192.168.10.55", "192.168.10.1", 6, 22, in_if="eth1")
    assert fs.evaluate("INPUT", admin).rule is gateway.filters["IN_ADMIN"].rules[0]
    vpn = pkt("10.9.0.7", "192.168.10.1", 6, 22, in_if="eth1")
    assert fs.evaluate("INPUT", vpn).rule is gateway.filters["IN_ADMIN"].rules[1]
    vpn_https = pkt("10.9.0.7", "192.168.10.1", 6, 443, in_if="eth1")
    v = fs.evaluate("INPUT", vpn_https)
    assert v.action == DENY and v.rule is gateway.filters["LOGDROP"].rules[1]
    ping = Packet("8.8.8.8", "198.51.100.7", 1, icmp_type=8, icmp_code=0, in_if="ppp0")
    assert fs.evaluate("INPUT", ping).rule is gateway.filters["INPUT"].rules[3]
    loop = pkt("127.0.0.1", "127.0.0.1", 6, 5432, in_if="lo")
    assert fs.evaluate("INPUT", loop).rule is gateway.filters["INPUT"].rules[0]
    for p in (admin, vpn, vpn_https, ping, loop):
        assert_agrees(fs, "INPUT", p)


def test_compiled_sets_agree_on_random_packets(gateway):
    fs = FilterSet(gateway)
    rng = random.Random(11)
    srcs = ["192.168.10.5", "192.168.10.77", "192.168.20.10", "10.8.0.3", "203.0.113.9", "8.8.8.8"]
    dsts = ["192.168.20.10", "93.184.216.34", "192.168.10.1", "192.168.10.5"]
    ifs = [None, "eth1", "eth2", "ppp0", "lo"]
    for _ in range(150):
        proto = rng.choice([6, 17, 1])
        kw = dict(in_if=rng.choice(ifs), out_if=rng.choice(ifs), established=rng.random() < 0.2)
        if proto == 1:
            p = Packet(rng.choice(srcs), rng.choice(dsts), 1, icmp_type=rng.choice([0, 8, 3]), icmp_code=0, **kw)
        else:
            p = Packet(rng.choice(srcs), rng.choice(dsts), proto, sport=rng.choice([123, 40000, 1000]),
                       dport=rng.choice([22, 25, 53, 80, 123, 443, 1500, 8443]), **kw)
        for chain in ("FORWARD", "INPUT"):
            assert_agrees(fs, chain, p)


# --------------------------------------------------------------------------- the sample network's lab-gw


def test_lab_gw_parses_cleanly(lab):
    assert warnings(lab) == []
    assert lab.hostname == "lab-gw"
    assert lab.management_visible is False and lab.stateful is True
    assert {i.name for i in lab.interfaces} == {"eth0", "tun0", "lo"}
    assert 50 <= len(LAB_GW.read_text().splitlines()) <= 120


def test_lab_gw_planted_comments_point_at_lines():
    lines = LAB_GW.read_text().splitlines()
    planted = [i for i, line in enumerate(lines) if line.startswith("# PLANTED:")]
    assert len(planted) == 3
    for i in planted:
        assert not lines[i + 1].startswith("#")


def test_lab_gw_forward_default_permit(lab):
    f = lab.filters["FORWARD"]
    assert f.default_action == PERMIT and f.default_explicit
    lines = LAB_GW.read_text().splitlines()
    assert lines[f.loc.line - 1] == ":FORWARD ACCEPT [0:0]"
    assert lines[f.loc.line - 2].startswith("# PLANTED: FORWARD policy ACCEPT")
    assert lab.filters["INPUT"].default_action == DENY
    assert lab.filters["OUTPUT"].default_action == PERMIT


def test_lab_gw_rdp_from_vendor(lab):
    fs = FilterSet(lab)
    rdp = pkt("172.31.40.2", "10.20.8.15", 6, 3389, in_if="tun0", out_if="eth0")
    v = fs.evaluate("FORWARD", rdp)
    rule = lab.filters["VENDOR_IN"].rules[1]
    assert v.action == PERMIT and v.rule is rule and v.filter == "VENDOR_IN"
    assert [(f, r.name) for f, r in v.trace] == [("FORWARD", "FORWARD#2")]
    assert rule.dst.any and rule.remark == ""
    assert LAB_GW.read_text().splitlines()[rule.loc.line - 2].startswith("# PLANTED: RDP")
    assert_agrees(fs, "FORWARD", rdp)


def test_lab_gw_return_falls_back_to_forward_policy(lab):
    fs = FilterSet(lab)
    ssh = pkt("172.31.40.2", "10.20.5.21", 6, 22, in_if="tun0", out_if="eth0")
    v = fs.evaluate("FORWARD", ssh)
    # VENDOR_IN has no rule for it: RETURN, nothing more in FORWARD, policy ACCEPT
    assert v.action == PERMIT and v.rule is None and v.filter == "FORWARD"
    assert [r.name for _, r in v.trace] == ["FORWARD#2"]
    assert_agrees(fs, "FORWARD", ssh)


def test_lab_gw_vendor_https(lab):
    fs = FilterSet(lab)
    https = pkt("172.31.40.2", "10.20.5.21", 6, 8443, in_if="tun0", out_if="eth0")
    v = fs.evaluate("FORWARD", https)
    assert v.rule is lab.filters["VENDOR_IN"].rules[0]
    back = pkt("10.20.5.21", "172.31.40.2", 6, 40000, sport=443, in_if="eth0", out_if="tun0", established=True)
    assert fs.evaluate("FORWARD", back).rule is lab.filters["FORWARD"].rules[2]
    for p in (https, back):
        assert_agrees(fs, "FORWARD", p)


def test_lab_gw_shadowed_rule(lab):
    fs = FilterSet(lab)
    facts = fs.anomalies("VENDOR_IN")
    shadowed = [i for i, f in enumerate(facts) if f.shadowed]
    assert shadowed == [2]
    assert facts[2].covering == [0]
    rule = lab.filters["VENDOR_IN"].rules[2]
    assert LAB_GW.read_text().splitlines()[rule.loc.line - 2].startswith("# PLANTED: shadowed")
    assert not any(f.shadowed for name in lab.filters for f in fs.anomalies(name) if name != "VENDOR_IN")


def test_lab_gw_input(lab):
    fs = FilterSet(lab)
    ssh = pkt("10.99.0.10", "10.20.0.254", 6, 22, in_if="eth0")
    assert final_action(fs, "INPUT", ssh) == PERMIT
    uat_ssh = pkt("10.20.3.3", "10.20.0.254", 6, 22, in_if="eth0")
    v = fs.evaluate("INPUT", uat_ssh)
    assert v.action == DENY and v.filter == "LOG_DROP"
    assert lab.filters["LOG_DROP"].rules[0].log and lab.filters["LOG_DROP"].rules[0].action == CONTINUE
    for p in (ssh, uat_ssh):
        assert_agrees(fs, "INPUT", p)


# --------------------------------------------------------------------------- speed


def test_speed_20k_rules():
    rng = random.Random(3)
    lines = ["*filter", ":INPUT DROP [0:0]", ":FORWARD DROP [0:0]", ":OUTPUT ACCEPT [0:0]", ":C1 - [0:0]"]
    for i in range(20_000):
        lines.append(f"-A FORWARD -s 10.{rng.randrange(256)}.{rng.randrange(256)}.0/24 -d 172.16.{i % 256}.{i % 250 + 1}/32 "
                     f"-p tcp -m multiport --dports 443,{rng.randrange(1024, 65535)} "
                     f"-m comment --comment \"CHG-{i} app\" -j ACCEPT")
    lines.append("COMMIT")
    text = "\n".join(lines)
    t0 = time.perf_counter()
    d = parse(text)
    elapsed = time.perf_counter() - t0
    assert len(d.filters["FORWARD"].rules) == 20_000
    assert elapsed < 4.0, elapsed  # about 0.5 s here; generous for slow CI machines


def test_rate_and_connection_limits():
    d = parse("*filter\n:INPUT DROP [0:0]\n"
              "-A INPUT -p tcp --dport 80 -m hashlimit --hashlimit-upto 50/sec --hashlimit-mode srcip "
              "--hashlimit-name http -j ACCEPT\n"
              "-A INPUT -p tcp --syn --dport 443 -m connlimit --connlimit-above 20 --connlimit-mask 32 "
              "-j REJECT --reject-with tcp-reset\n"
              "-A INPUT -p icmp --icmp-type 8/0 -m limit --limit 1/s --limit-burst 4 -j ACCEPT\n"
              "-A INPUT ! -i eth0 -s 10.0.0.0/8 -j DROP\nCOMMIT\n")
    hashlimit, connlimit, ping, spoof = d.filters["INPUT"].rules
    assert hashlimit.action == PERMIT and hashlimit.services == (Service(6, dst_ports=((80, 80),)),)
    assert hashlimit.approximations == ("-m hashlimit --hashlimit-upto 50/sec --hashlimit-mode srcip "
                                        "--hashlimit-name http not modelled",)
    assert connlimit.action == DENY and connlimit.services == ()  # a limited deny matches nothing
    assert connlimit.extra["reject_with"] == "tcp-reset"
    assert ping.services == (Service(1, icmp_type=8, icmp_code=0),)
    assert spoof.in_interfaces == ("eth0",) and spoof.in_interfaces_negated
    assert spoof.services == (ANY_SERVICE,) and spoof.approximations == ()
    assert warnings(d) == []


def test_chain_policy_line():
    """The line of a built-in chain's policy (`:INPUT DROP [0:0]`) is where its default
    is stated (what NL212 points at)."""
    d = parse("*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n")
    assert d.filters["INPUT"].default_loc.line == 2 and d.filters["FORWARD"].default_loc.line == 3
