"""Cross-vendor equivalence: ONE eight-rule policy written by hand in every supported
syntax (fixtures/cases/equivalence/, each file's header says so) must behave the same
in every parser - the same action for every packet, decided by the same rule.

The policy (the numbers are the rule positions the test compares):

    R1 permit tcp CLIENTS {10.1.1.10, 10.1.1.11} -> SERVERS {10.2.0.10, 10.2.0.11} dport 443, 8443
    R2 deny   tcp any -> 10.2.0.10 dport 22
    R3 permit tcp 10.1.0.0/16 -> 10.2.0.0/24 dport 1000-2000
    R4 permit udp any -> 10.2.0.53 dport 53
    R5 permit icmp echo-request (type 8) any -> 10.2.0.0/24
    R6 deny   any protocol from the jump-host subnet 10.99.0.192/26 to anywhere
    R7 permit tcp 10.99.0.0/24 (management LAN) -> SERVERS dport 22
    R8 deny   everything (explicit)

Each vendor's rules say which policy rule they are by a naming convention: "R<n>" is
the term / policy / rule name (Junos, SRX, PAN-OS, FortiOS `set name`) or starts the
remark / comment (Cisco, Arista, iptables, nftables). Junos is there twice, in its
curly-brace and in its `display set` form, and every vendor once more in its other
syntax forms (`*-variants` and `cisco_ios-numbered`, `cisco_asa-services`: numbered
ACLs, wildcards, named ports, out-of-sequence entries, range and service objects,
`except` address lists, zone address books and a global policy, shared objects,
FortiOS zones and predefined services, counters, LOG rules, defines, anonymous sets).

Where a syntax cannot say a rule the way the others do, every vendor was adapted,
not only the odd one, so that the assertions stay the same for all:

* the address "groups" are two consecutive hosts (10.1.1.10-11, 10.2.0.10-11), so
  that EOS (no object-groups in ACLs) writes them as the exact /31 prefixes and
  iptables (no address objects; ipsets live outside the ruleset) as `-m iprange`;
* R6 is a subnet, not an arbitrary host range: IOS/NX-OS/EOS ACLs and Junos
  prefix-lists cannot express a range that is not a prefix;
* R5 on PAN-OS is the App-ID `ping` on application-default (service objects carry
  only TCP/UDP/SCTP ports);
* the packet-filter vendors name no interfaces in their rules (iptables/nftables
  rules have no -i/-o, Cisco ACLs are bound on one interface): the zone-based ones
  are queried with their zone pair (SRX and PAN-OS untrust -> trust, FortiOS
  port1 -> port2);
* the table holds IPv4 packets only: an IPv6 packet is refused by every vendor, but
  by R8 where the rule is family-neutral (nftables `inet`, iptables-save holds no
  ip6tables here) and by the default where the ACL is IPv4-only, so "which rule"
  would differ for a reason that is not a bug;
* in the iptables FORWARD chain, R1-R3 (whose destinations all lie in 10.2.0.0/24)
  sit in the user chain TO_SERVERS reached by a jump on `-d 10.2.0.0/24`: exactly
  equivalent under first match, and it exercises jumps and returns.
"""

from __future__ import annotations

import json
import re
from itertools import groupby
from dataclasses import dataclass
from pathlib import Path

import pytest

from netlint.filters import FilterSet
from netlint.model import DENY, PERMIT, Rule
from netlint.space import Packet, default_space
from parsers import parse_file
from parsers.detect import detect_vendor

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "fixtures" / "cases" / "equivalence"

ACTIONS = {1: PERMIT, 2: DENY, 3: PERMIT, 4: PERMIT, 5: PERMIT, 6: DENY, 7: PERMIT, 8: DENY}


@dataclass(frozen=True)
class Case:
    id: str
    vendor: str
    file: str
    filter: str
    context: tuple[tuple[str, str], ...] = ()  # Packet fields: src_zone / dst_zone

    @property
    def path(self) -> Path:
        return CASES / self.file


UNTRUST_TO_TRUST = (("src_zone", "untrust"), ("dst_zone", "trust"))
CASES_ = [
    Case("cisco_ios", "cisco_ios", "cisco_ios.cfg", "EQUIV"),
    Case("cisco_asa", "cisco_asa", "cisco_asa.cfg", "EQUIV"),
    Case("cisco_nxos", "cisco_nxos", "cisco_nxos.cfg", "EQUIV"),
    Case("arista_eos", "arista_eos", "arista_eos.cfg", "EQUIV"),
    Case("junos_filter", "juniper_junos", "junos-filter.conf", "EQUIV"),
    Case("junos_filter_set", "juniper_junos", "junos-filter.set", "EQUIV"),
    Case("junos_srx", "juniper_junos", "junos-srx.conf", "security-policy", UNTRUST_TO_TRUST),
    Case("junos_srx_set", "juniper_junos", "junos-srx.set", "security-policy", UNTRUST_TO_TRUST),
    Case("paloalto_panos", "paloalto_panos", "panos.xml", "security", UNTRUST_TO_TRUST),
    Case("fortinet_fortios", "fortinet_fortios", "fortios.conf", "policy",
         (("src_zone", "port1"), ("dst_zone", "port2"))),
    Case("linux_iptables", "linux_iptables", "iptables.rules", "FORWARD"),
    Case("linux_nftables", "linux_nftables", "nftables.nft", "inet/filter/forward"),
    # The same policy again in other syntax forms of the same vendors.
    Case("cisco_ios_numbered", "cisco_ios", "cisco_ios-numbered.cfg", "150"),
    Case("cisco_asa_services", "cisco_asa", "cisco_asa-services.cfg", "EQUIV"),
    Case("linux_iptables_variants", "linux_iptables", "iptables-variants.rules", "FORWARD"),
    Case("linux_nftables_variants", "linux_nftables", "nftables-variants.nft", "ip/equiv/fwd"),
    Case("cisco_nxos_variants", "cisco_nxos", "cisco_nxos-variants.cfg", "EQUIV"),
    Case("arista_eos_variants", "arista_eos", "arista_eos-variants.cfg", "EQUIV"),
    Case("junos_filter_variants", "juniper_junos", "junos-filter-variants.conf", "EQUIV"),
    Case("junos_srx_variants", "juniper_junos", "junos-srx-variants.conf", "security-policy", UNTRUST_TO_TRUST),
    Case("paloalto_panos_variants", "paloalto_panos", "panos-variants.xml", "security", UNTRUST_TO_TRUST),
    # FortiOS policies name zones here; the query names the zones, not the interfaces.
    Case("fortinet_fortios_variants", "fortinet_fortios", "fortios-variants.conf", "policy",
         (("src_zone", "outside"), ("dst_zone", "servers"))),
]
CASE_IDS = [c.id for c in CASES_]

C1, C2, S1, S2 = "10.1.1.10", "10.1.1.11", "10.2.0.10", "10.2.0.11"
DNS, EXT, MGMT, JUMP = "10.2.0.53", "203.0.113.7", "10.99.0.5", "10.99.0.200"
TCP, UDP, ICMP, GRE, ESP, OSPF = 6, 17, 1, 47, 50, 89

# (what it tests, proto, src, dst, dport or (icmp type, code), expected policy rule).
# Expectations computed by hand from the policy above, first match.
PACKETS = [
    ("R1 client 1 to server 1 on 443", TCP, C1, S1, 443, 1),
    ("R1 client 2 to server 2 on 8443", TCP, C2, S2, 8443, 1),
    ("R1 client 1 to server 2 on 443", TCP, C1, S2, 443, 1),
    ("R1 client 2 to server 1 on 8443", TCP, C2, S1, 8443, 1),
    ("R1 near miss: port 442", TCP, C1, S1, 442, 8),
    ("R1 near miss: port 444", TCP, C1, S1, 444, 8),
    ("R1 near miss: port 8444", TCP, C1, S1, 8444, 8),
    ("R1 near miss: source just below the group", TCP, "10.1.1.9", S1, 443, 8),
    ("R1 near miss: source just above the group", TCP, "10.1.1.12", S1, 443, 8),
    ("R1 near miss: destination just below the group", TCP, C1, "10.2.0.9", 443, 8),
    ("R1 near miss: destination just above the group", TCP, C1, "10.2.0.12", 443, 8),
    ("R1 near miss: udp instead of tcp", UDP, C1, S1, 443, 8),
    ("R2 SSH to server 1 from the internet", TCP, EXT, S1, 22, 2),
    ("R2 SSH to server 1 from a client", TCP, C1, S1, 22, 2),
    ("R2 before R7: SSH to server 1 from the management LAN", TCP, MGMT, S1, 22, 2),
    ("R2 before R6: SSH to server 1 from the jump-host subnet", TCP, JUMP, S1, 22, 2),
    ("R2 near miss: telnet", TCP, EXT, S1, 23, 8),
    ("R2 near miss: udp 22", UDP, EXT, S1, 22, 8),
    ("R3 lowest source, lowest destination, port 1000", TCP, "10.1.0.0", "10.2.0.0", 1000, 3),
    ("R3 highest source, highest destination, port 2000", TCP, "10.1.255.255", "10.2.0.255", 2000, 3),
    ("R3 a group member falls through R1 to R3", TCP, C1, S1, 1500, 3),
    ("R3 near miss: port 999", TCP, "10.1.7.7", "10.2.0.100", 999, 8),
    ("R3 near miss: port 2001", TCP, "10.1.7.7", "10.2.0.100", 2001, 8),
    ("R3 near miss: source just below 10.1.0.0/16", TCP, "10.0.255.255", "10.2.0.100", 1500, 8),
    ("R3 near miss: source just above 10.1.0.0/16", TCP, "10.2.0.0", "10.2.0.100", 1500, 8),
    ("R3 near miss: destination just above 10.2.0.0/24", TCP, "10.1.7.7", "10.2.1.0", 1500, 8),
    ("R3 near miss: destination just below 10.2.0.0/24", TCP, "10.1.7.7", "10.1.255.255", 1500, 8),
    ("R3 near miss: udp", UDP, "10.1.7.7", "10.2.0.100", 1500, 8),
    ("R4 DNS from the internet", UDP, EXT, DNS, 53, 4),
    ("R4 before R6: DNS from the jump-host subnet", UDP, JUMP, DNS, 53, 4),
    ("R4 near miss: port 52", UDP, EXT, DNS, 52, 8),
    ("R4 near miss: port 54", UDP, EXT, DNS, 54, 8),
    ("R4 near miss: tcp 53", TCP, EXT, DNS, 53, 8),
    ("R4 near miss: resolver address minus one", UDP, EXT, "10.2.0.52", 53, 8),
    ("R4 near miss: resolver address plus one", UDP, EXT, "10.2.0.54", 53, 8),
    ("R5 echo request to the first server-LAN address", ICMP, EXT, "10.2.0.0", (8, 0), 5),
    ("R5 before R6: echo request from the jump-host subnet", ICMP, JUMP, "10.2.0.255", (8, 0), 5),
    ("R5 near miss: echo reply", ICMP, EXT, "10.2.0.5", (0, 0), 8),
    ("R5 near miss: destination unreachable", ICMP, EXT, "10.2.0.5", (3, 3), 8),
    ("R5 near miss: echo request just above the server LAN", ICMP, EXT, "10.2.1.0", (8, 0), 8),
    ("R5 near miss: echo request just below the server LAN", ICMP, EXT, "10.1.255.255", (8, 0), 8),
    ("R6 SSH to server 2 from the jump-host subnet", TCP, JUMP, S2, 22, 6),
    ("R6 lowest jump-host address", TCP, "10.99.0.192", S2, 22, 6),
    ("R6 highest jump-host address, any port", TCP, "10.99.0.255", S2, 443, 6),
    ("R6 any protocol: GRE from the jump-host subnet", GRE, JUMP, "10.2.0.5", None, 6),
    ("R7 SSH to server 2 from the management LAN", TCP, MGMT, S2, 22, 7),
    ("R7 lowest management address", TCP, "10.99.0.0", S2, 22, 7),
    ("R7 just below the jump-host subnet", TCP, "10.99.0.191", S2, 22, 7),
    ("R7 near miss: source just above the management LAN", TCP, "10.99.1.0", S2, 22, 8),
    ("R7 near miss: source just below the management LAN", TCP, "10.98.255.255", S2, 22, 8),
    ("R7 near miss: not an order server", TCP, MGMT, "10.2.0.12", 22, 8),
    ("R7 near miss: udp 22", UDP, MGMT, S2, 22, 8),
    ("R8 GRE from the internet", GRE, EXT, S1, None, 8),
    ("R8 ESP from a client", ESP, C1, S1, None, 8),
    ("R8 OSPF from the management LAN", OSPF, MGMT, "10.2.0.5", None, 8),
]


def make_packet(proto: int, src: str, dst: str, port, context) -> Packet:
    pkt = Packet(src=src, dst=dst, proto=proto, **dict(context))
    if proto in (TCP, UDP):
        pkt.sport, pkt.dport = 49152, port
    elif proto == ICMP:
        pkt.icmp_type, pkt.icmp_code = port
    return pkt


_RULE_TAG = re.compile(r"^R([1-8])\b")


def policy_number(rule: Rule | None) -> int | None:
    """The policy rule a vendor rule stands for: R<n> as its name (Junos terms, SRX,
    PAN-OS rules, FortiOS `set name`) or at the start of its remark/comment."""
    if rule is None:
        return None
    for text in (rule.name, str(rule.extra.get("name", "")), rule.remark):
        m = _RULE_TAG.match(text or "")
        if m:
            return int(m.group(1))
    return None


_DEVICES: dict[str, tuple] = {}


def loaded(case: Case):
    """(device, FilterSet), parsed once per test session."""
    if case.id not in _DEVICES:
        device = parse_file(case.path)
        _DEVICES[case.id] = (device, FilterSet(device))
    return _DEVICES[case.id]


# --------------------------------------------------------------------------- the files


def test_every_file_of_the_folder_is_a_case_and_says_it_is_the_same_policy():
    assert sorted(p.name for p in CASES.iterdir()) == sorted(c.file for c in CASES_)
    for case in CASES_:
        head = "\n".join(case.path.read_text(encoding="utf-8").splitlines()[:12])
        assert "cross-vendor equivalence policy" in head.lower() and "same eight-rule" in head.lower(), case.file


@pytest.mark.parametrize("case", CASES_, ids=CASE_IDS)
def test_parsed_cleanly_into_the_eight_rules_in_order(case: Case):
    assert detect_vendor(case.path.read_text(encoding="utf-8")) == case.vendor
    device, _ = loaded(case)
    assert device.vendor == case.vendor
    assert [(w.loc.line, w.message) for w in device.parse_warnings] == []
    # The terminating rules of the filter (and of the chains it jumps to, in the order
    # a packet meets them) are R1..R8; nothing is approximate.
    seen: list[int | None] = []

    def walk(name: str) -> None:
        for rule in device.filters[name].rules:
            if rule.action in ("jump", "goto"):
                walk(rule.jump)
            elif rule.action == "continue":  # LOG, counters: not a policy rule
                assert policy_number(rule) is None and rule.log, rule.loc.text
            else:
                seen.append(policy_number(rule))
                assert rule.action == ACTIONS[policy_number(rule)], rule.loc.text
                assert not rule.approximations and rule.enabled, rule.loc.text

    walk(case.filter)
    # A policy rule may take several vendor rules in a row (NX-OS: one port per entry).
    assert [n for n, _ in groupby(seen)] == list(range(1, 9))


# --------------------------------------------------------------------------- packets


@pytest.mark.parametrize("what,proto,src,dst,port,expected", PACKETS, ids=[p[0] for p in PACKETS])
def test_every_vendor_gives_the_same_verdict_by_the_same_rule(what, proto, src, dst, port, expected):
    got = {}
    for case in CASES_:
        _, fs = loaded(case)
        verdict = fs.evaluate(case.filter, make_packet(proto, src, dst, port, case.context))
        got[case.id] = (policy_number(verdict.rule), verdict.action,
                        verdict.rule.loc.text if verdict.rule else verdict.note or "(default)")
    wrong = {k: v for k, v in got.items() if v[:2] != (expected, ACTIONS[expected])}
    assert not wrong, f"{what}: expected R{expected} {ACTIONS[expected]}; got {wrong}"


def test_the_table_exercises_every_rule_and_both_actions():
    assert {p[-1] for p in PACKETS} == set(range(1, 9))
    assert len(PACKETS) >= 40


@pytest.mark.parametrize("case", CASES_, ids=CASE_IDS)
def test_query_command_answers_with_the_corresponding_rule_line(cli, case: Case):
    """The same table through `netlint query --packets` (contract section 4): the filter
    is picked the way a user would pick it (`--filter`, or the zone pair), and `line`
    is the line of the vendor's rule for the expected policy rule."""
    device, _ = loaded(case)
    lines_of: dict[int, set[int]] = {}
    for filt in device.filters.values():
        for rule in filt.rules:
            n = policy_number(rule)
            if n is not None:
                lines_of.setdefault(n, set()).add(rule.loc.line)
    ctx = dict(case.context)
    specs = []
    for _, proto, src, dst, port, _ in PACKETS:
        spec = {"src": src, "dst": dst, "proto": proto}
        if proto in (TCP, UDP):
            spec.update(sport=49152, dport=port)
        elif proto == ICMP:
            spec.update(icmp_type=port[0], icmp_code=port[1])
        if ctx:
            spec.update(from_zone=ctx["src_zone"], to_zone=ctx["dst_zone"])
        else:
            spec["filter"] = case.filter
        specs.append(json.dumps(spec))
    code, out, err = cli("query", case.path, "--packets", "-", input="\n".join(specs) + "\n")
    assert code == 0, err
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == len(PACKETS)
    for (what, *_, expected), ans in zip(PACKETS, answers):
        assert ans["action"] == ACTIONS[expected] and ans["line"] in lines_of[expected], (what, ans)
        assert ans["filter"] == case.filter


# --------------------------------------------------------------------------- exact sets


def test_every_vendor_permits_exactly_the_same_packets():
    """Beyond the table: the exact set of IPv4 packets each vendor's filter permits
    (in its zone pair for the zone-based ones) is the same BDD for every file, every
    IP protocol included (PAN-OS's `ping` App-ID also lists ICMPv6 echo: on R5, whose
    destination is IPv4, it must not match protocol 58)."""
    sp = default_space()
    real_v4 = sp.project(sp.packet_set(Packet("10.0.0.1", "10.0.0.2", TCP, 1, 1)), ["family"])
    sets = {}
    for case in CASES_:
        _, fs = loaded(case)
        permitted = sp.with_context(fs.compiled(case.filter).permitted, dict(case.context))
        sets[case.id] = permitted & real_v4
    reference = sets["cisco_ios"]
    assert not reference.is_empty()
    differ = {}
    for name, s in sets.items():
        if s != reference:
            differ[name] = {"extra": sp.samples(s - reference, 2), "missing": sp.samples(reference - s, 2)}
    assert not differ, differ
