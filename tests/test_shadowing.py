"""Shadowed, unmatchable and redundant rules: the classic cases, through the IOS and
ASA parsers and the checks, as an engineer would meet them."""

from __future__ import annotations

from conftest import run_checks

SHADOW = {"NL110", "NL111", "NL112"}


def by_line(findings, rule_id):
    return {f.line: f for f in findings if f.rule_id == rule_id}


def test_rule_covered_by_union_of_two_earlier_rules_but_by_neither_alone():
    found = run_checks("""
        ip access-list extended EDGE
         permit tcp 10.0.0.0 0.0.0.127 any eq 443
         permit tcp 10.0.0.128 0.0.0.127 any eq 443
         permit tcp 10.0.0.0 0.0.0.255 any eq 443
    """, SHADOW)
    shadowed = by_line(found, "NL110")
    assert set(shadowed) == {4}
    f = shadowed[4]
    assert [r["line"] for r in f.evidence["covering_rules"]] == [2, 3]
    assert f.evidence["opposite_action"] is False
    assert f.severity == "medium"


def test_partially_overlapped_rule_is_not_shadowed():
    found = run_checks("""
        ip access-list extended EDGE
         permit tcp 10.0.0.0 0.0.0.127 any eq 443
         deny tcp 10.0.0.0 0.0.0.255 any eq 443
    """, SHADOW)
    assert not by_line(found, "NL110")
    assert not by_line(found, "NL111")


def test_shadowed_by_opposite_action_is_high_severity():
    found = run_checks("""
        ip access-list extended DMZ_IN
         deny ip 172.16.50.0 0.0.0.255 any
         permit tcp host 172.16.50.20 host 10.10.20.5 eq 1521
    """, SHADOW)
    f = by_line(found, "NL110")[3]
    assert f.severity == "high"
    assert f.evidence["opposite_action"] is True
    assert [r["line"] for r in f.evidence["covering_rules"]] == [2]
    assert "opposite action" in f.message


def test_ddos_list_of_host_denies_before_a_broad_permit():
    hosts = [f"198.18.{i // 250}.{i % 250 + 1}" for i in range(60)]
    lines = ["ip access-list extended OUTSIDE_IN"]
    lines += [f" deny ip host {h} any" for h in hosts]
    lines += [" permit tcp any host 203.0.113.10 eq 443",
              f" permit tcp host {hosts[17]} host 203.0.113.10 eq 443"]
    found = run_checks("\n".join(lines), SHADOW)
    broad_line = len(hosts) + 2
    last_line = broad_line + 1
    # The broad permit still matches packets from everyone else, and removing it
    # would deny them: neither shadowed nor redundant.
    assert broad_line not in by_line(found, "NL110")
    assert broad_line not in by_line(found, "NL112")
    # No deny is redundant either: the broad permit would let those hosts in.
    assert not by_line(found, "NL112")
    # The last rule is shadowed by exactly one deny, which has the opposite action.
    f = by_line(found, "NL110")[last_line]
    assert [r["line"] for r in f.evidence["covering_rules"]] == [17 + 2]
    assert f.evidence["opposite_action"] is True


def test_empty_object_group_makes_a_rule_unmatchable():
    found = run_checks("""
        object-group network DECOMMISSIONED
         description all hosts removed in CHG-311
        ip access-list extended PROD_IN
         permit tcp object-group DECOMMISSIONED any eq 22
         permit tcp any any eq 443
    """, SHADOW)
    assert set(by_line(found, "NL111")) == {4}
    assert not by_line(found, "NL110")


def test_ipv4_rule_naming_only_ipv6_addresses_is_unmatchable():
    """A rule of an IPv4 filter whose group resolved to IPv6 hosts only matches nothing
    (built on the model: the Cisco parsers refuse such lines outright)."""
    from netlint.checks import DeviceContext, REGISTRY, all_checks, run_device_checks
    from netlint.model import ANY_SERVICE, AddressRange, AddressSet, Device, Filter, Location, Rule, Service

    all_checks()
    rules = [
        Rule("permit", AddressSet.anywhere(), AddressSet.anywhere(), (Service(6, dst_ports=((443, 443),)),),
             Location("f", 1, 1, "permit tcp any any eq 443"), family=4),
        Rule("permit", AddressSet.anywhere(),
             AddressSet(items=(AddressRange.from_network("2001:db8::/32"),), names=("V6_SERVERS",)),
             (ANY_SERVICE,), Location("f", 2, 2, "permit ip any object-group V6_SERVERS"), family=4),
    ]
    device = Device("r1", "test", "f", filters={"F": Filter("F", "acl", rules, family=4)})
    found = run_device_checks(DeviceContext(device), [REGISTRY["NL110"], REGISTRY["NL111"]])
    assert [(f.rule_id, f.line) for f in found] == [("NL111", 2)]


def test_redundant_rule_before_a_broader_rule_with_the_same_action():
    found = run_checks("""
        ip access-list extended USERS_IN
         permit tcp 10.30.0.0 0.0.255.255 host 10.10.1.5 eq 443
         permit tcp 10.30.0.0 0.0.255.255 10.10.0.0 0.0.255.255 eq 443
         deny ip any any log
    """, SHADOW)
    redundant = by_line(found, "NL112")
    assert set(redundant) == {2}
    assert [r["line"] for r in redundant[2].evidence["same_verdict_from"]] == [3]
    # The logged final deny restates the default but logs: not redundant.
    assert 4 not in redundant
    assert not by_line(found, "NL110")


def test_deny_before_default_deny_is_redundant_only_when_nothing_later_permits():
    found = run_checks("""
        ip access-list extended A
         deny tcp any any eq 23
         permit tcp any any eq 22
        ip access-list extended B
         deny tcp any any eq 23
         permit tcp any any
    """, SHADOW)
    redundant = by_line(found, "NL112")
    assert 2 in redundant  # nothing after it permits telnet: the implicit deny does the same
    assert 5 not in redundant  # the later 'permit tcp any any' would let telnet in


def test_shadowed_rule_names_rules_that_take_packets_not_dead_ones():
    found = run_checks("""
        ip access-list extended T
         permit tcp 10.0.0.0 0.0.0.127 any eq 443
         permit tcp 10.0.0.128 0.0.0.127 any eq 443
         permit tcp 10.0.0.0 0.0.0.255 any eq 443
         permit tcp 10.0.0.0 0.0.0.255 any eq 443
    """, SHADOW)
    shadowed = by_line(found, "NL110")
    assert set(shadowed) == {4, 5}
    assert [r["line"] for r in shadowed[5].evidence["covering_rules"]] == [2, 3]


def test_asa_object_groups_shadowing_across_groups():
    found = run_checks("""
        object-group network WEB
         network-object host 172.16.50.10
         network-object host 172.16.50.11
        object-group service WEB-PORTS tcp
         port-object eq www
         port-object eq https
        access-list OUTSIDE_IN extended permit tcp any object-group WEB object-group WEB-PORTS
        access-list OUTSIDE_IN extended permit tcp any host 172.16.50.11 eq https
        access-list OUTSIDE_IN extended permit tcp any host 172.16.50.11 eq 8443
    """, SHADOW, vendor="cisco_asa")
    shadowed = by_line(found, "NL110")
    assert set(shadowed) == {8}
    assert [r["line"] for r in shadowed[8].evidence["covering_rules"]] == [7]


def test_no_redundancy_claim_before_an_approximated_rule():
    """A rule naming an undefined object-group matches an unknown set: a rule before it
    cannot be called redundant (its removal might hand packets to that rule), while a
    redundant rule after the last approximated one still is."""
    found = run_checks("""
        ip access-list extended EDGE
         permit tcp 10.1.0.0 0.0.0.255 host 10.9.0.5 eq 443
         deny tcp any object-group NOT_DEFINED eq 443
         permit tcp 10.1.0.0 0.0.255.255 host 10.9.0.5 eq 443
         permit tcp 10.2.0.0 0.0.0.255 host 10.9.0.6 eq 22
         permit tcp 10.2.0.0 0.0.255.255 host 10.9.0.6 eq 22
    """, SHADOW)
    assert set(by_line(found, "NL112")) == {5}
