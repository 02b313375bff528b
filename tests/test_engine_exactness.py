"""The engine's answers equal a brute-force first-match evaluation.

Random rule lists (overlapping prefixes, non-contiguous wildcards, port ranges, ICMP
types, established, negated sources, jumps are covered elsewhere) and random packets
biased towards the rules' own addresses and ports. The oracle below is written
straight from the model's meaning, independently of netlint.space and netlint.filters.
Three answers must agree with it for every packet: the point classifier (query), the
BDD of the permitted set, and the BDD of each rule's effective set (shadow analysis).
"""

from __future__ import annotations

import dataclasses
import ipaddress

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlint.filters import FilterSet
from netlint.model import (
    ANY_SERVICE, DENY, PERMIT, AddressRange, AddressSet, AddressWildcard, Device, Filter, Location, Rule,
    Service,
)
from netlint.space import Packet, default_space

POOL = ["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3/32", "192.168.0.0/16", "192.168.5.0/24",
        "0.0.0.0/1", "128.0.0.0/1", "172.16.0.0/12"]
PORTS = [22, 80, 443, 1521, 3389, 8080, 53]


# ----------------------------------------------------------------------------- oracle


def item_has(item, addr: int) -> bool:
    if isinstance(item, AddressRange):
        return item.first <= addr <= item.last
    return (addr & item.care) == (item.value & item.care)


def addrs_has(a: AddressSet, fam: int, addr: int) -> bool:
    inside = a.any or any(i.family == fam and item_has(i, addr) for i in a.items)
    return inside != a.negated


def service_has(s: Service, p: Packet) -> bool:
    if s.protocol is not None and s.protocol != p.proto:
        return False
    if s.dst_ports and not (p.proto in (6, 17) and any(lo <= p.dport <= hi for lo, hi in s.dst_ports)):
        return False
    if s.src_ports and not (p.proto in (6, 17) and any(lo <= p.sport <= hi for lo, hi in s.src_ports)):
        return False
    if s.icmp_type is not None and not (p.proto == 1 and p.icmp_type == s.icmp_type):
        return False
    return True


def oracle(rules: list[Rule], default: str, p: Packet) -> tuple[int | None, str]:
    src, dst = int(ipaddress.ip_address(p.src)), int(ipaddress.ip_address(p.dst))
    for i, r in enumerate(rules):
        if not r.enabled:
            continue
        if r.established is not None and r.established != p.established:
            continue
        if not addrs_has(r.src, 4, src) or not addrs_has(r.dst, 4, dst):
            continue
        if not any(service_has(s, p) for s in r.services):
            continue
        return i, r.action
    return None, default


# ----------------------------------------------------------------------------- strategies


@st.composite
def address_sets(draw):
    kind = draw(st.sampled_from(["any", "prefix", "prefix", "group", "wildcard", "negated"]))
    if kind == "any":
        return AddressSet.anywhere()
    if kind == "wildcard":
        # 10.x.0.y style: non-contiguous care bits
        return AddressSet(items=(AddressWildcard(4, int(ipaddress.ip_address("10.0.0.1")), 0xFF00FF00 | draw(st.sampled_from([0xFF, 0xFE, 0xF0]))),))
    n = 1 if kind in ("prefix", "negated") else draw(st.integers(2, 3))
    items = tuple(AddressRange.from_network(draw(st.sampled_from(POOL))) for _ in range(n))
    return AddressSet(items=items, negated=kind == "negated")


@st.composite
def services(draw):
    kind = draw(st.sampled_from(["any", "tcp-port", "tcp-range", "udp", "icmp", "multi", "tcp-all", "empty"]))
    if kind == "any":
        return (ANY_SERVICE,)
    if kind == "empty":
        return ()
    if kind == "tcp-all":
        return (Service(6),)
    if kind == "tcp-port":
        return (Service(6, dst_ports=((draw(st.sampled_from(PORTS)),) * 2,)),)
    if kind == "tcp-range":
        lo = draw(st.sampled_from(PORTS))
        return (Service(6, dst_ports=((lo, lo + draw(st.integers(0, 3000))),)),)
    if kind == "udp":
        return (Service(17, dst_ports=((53, 53),), src_ports=((1024, 65535),) if draw(st.booleans()) else ()),)
    if kind == "icmp":
        return (Service(1, icmp_type=draw(st.sampled_from([0, 3, 8]))),)
    return (Service(6, dst_ports=((443, 443),)), Service(17, dst_ports=((53, 53),)), Service(1, icmp_type=8))


@st.composite
def rules(draw):
    action = draw(st.sampled_from([PERMIT, DENY]))
    svc = draw(services())
    established = draw(st.sampled_from([None, None, None, True])) if svc and svc[0].protocol == 6 else None
    return Rule(action=action, src=draw(address_sets()), dst=draw(address_sets()), services=svc,
                loc=Location("t", 1), family=4, established=established,
                enabled=draw(st.sampled_from([True, True, True, True, False])))


def pool_address(draw) -> str:
    net = ipaddress.ip_network(draw(st.sampled_from(POOL + ["10.1.2.3/32", "10.7.0.1/32"])))
    offset = draw(st.sampled_from([0, 1, 3, 255, 256, net.num_addresses - 1]))
    return str(net.network_address + min(offset, net.num_addresses - 1))


@st.composite
def packets(draw):
    proto = draw(st.sampled_from([6, 6, 17, 1, 50]))
    p = Packet(src=pool_address(draw), dst=pool_address(draw), proto=proto, established=draw(st.booleans()))
    if proto in (6, 17):
        p.sport = draw(st.sampled_from([1023, 1024, 49152, 53]))
        p.dport = draw(st.sampled_from(PORTS + [0, 1520, 1522, 4000, 65535]))
    if proto == 1:
        p.icmp_type, p.icmp_code = draw(st.sampled_from([0, 3, 8, 11])), 0
    return p


def build(rule_list, default):
    for n, r in enumerate(rule_list, 1):
        r.loc = Location("t", n, n, f"rule {n}")
    d = Device("r", "test", "t")
    d.filters["F"] = Filter("F", "acl", list(rule_list), default_action=default, family=4)
    return FilterSet(d)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rules(), min_size=1, max_size=12), st.sampled_from([PERMIT, DENY]), st.lists(packets(), min_size=10, max_size=10))
def test_engine_agrees_with_brute_force_first_match(rule_list, default, pkts):
    fs = build(rule_list, default)
    cf = fs.compiled("F")
    for p in pkts:
        index, action = oracle(rule_list, default, p)
        verdict = fs.evaluate("F", p)
        # 1. the point classifier behind `netlint query`
        assert verdict.action == action
        assert (rule_list.index(verdict.rule) if verdict.rule else None) == index
        # 2. the BDD of what the filter permits
        assert cf.permitted.contains(p) == (action == PERMIT)
        assert cf.denied.contains(p) == (action == DENY)
        # 3. the effective sets used by the shadowing analysis
        for i, eff in enumerate(cf.effective):
            assert eff.contains(p) == (i == index)


@settings(max_examples=200, deadline=None)
@given(st.lists(rules(), min_size=1, max_size=8))
def test_samples_are_members(rule_list):
    fs = build(rule_list, DENY)
    cf = fs.compiled("F")
    for s in (cf.permitted, cf.denied, *cf.effective):
        pkt = s.sample()
        if s.is_empty():
            assert pkt is None
        else:
            assert pkt is not None and s.contains(pkt)


# ----------------------------------------------------------------------------- CUDD and Python's GC

CYCLE_SCRIPT = r'''
import gc, random, sys
from netlint.space import Packet, Space
space = Space()
if sys.argv[1] == "automatic-gc":
    gc.enable()  # as before the fix: Python collects cycles whenever it likes
a = space.packet_set(Packet(src="10.0.0.1", dst="10.0.0.2", proto=6, sport=1, dport=22))
b = space.packet_set(Packet(src="10.0.0.1", dst="10.0.0.3", proto=6, sport=1, dport=22))
class Holder: pass
h = Holder(); h.s = a | b; h.me = h   # the only holder of the node of a|b sits in a cycle
del h
gc.set_threshold(1)   # the allocation inside dd's wrapper of the next result starts a collection
again = a | b         # ... which frees the cycle after CUDD returned that same node
gc.set_threshold(700)
rnd = random.Random(1)
names = [n for ns in space.names.values() for n in ns]
var = space.bdd.var
for _ in range(300000):  # enough new nodes for CUDD to collect its own garbage
    s = (var(rnd.choice(names)) & var(rnd.choice(names))) | var(rnd.choice(names))
print("survived")
'''


@pytest.mark.parametrize("mode", ["netlint", "automatic-gc"])
def test_a_cyclic_collection_inside_a_bdd_operation_cannot_abort_the_process(mode):
    """dd takes CUDD's reference on a result only after allocating its wrapper; a cyclic
    collection in between that frees the node's last other holder corrupts CUDD's dead
    count, and CUDD aborts the process at its next garbage collection. netlint keeps
    automatic collection off while a Space exists (and collects at safe points); the
    second case shows the script really provokes the abort without that."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", CYCLE_SCRIPT, mode], capture_output=True, text=True, timeout=300)
    if mode == "netlint":
        assert run.returncode == 0 and "survived" in run.stdout, run.stderr[-2000:]
    else:
        assert run.returncode != 0 and "dead count != deleted" in run.stderr


def test_safe_points_collect_cyclic_garbage():
    import gc
    import weakref

    from netlint.space import default_space, safe_point

    default_space()
    assert not gc.isenabled()

    class Node:
        pass

    first = Node()
    first.me = first
    gone = weakref.ref(first)
    del first
    for _ in range(gc.get_threshold()[0] + 1):  # as many allocations as would trigger a collection
        Node()
    keep = [Node() for _ in range(gc.get_threshold()[0] + 1)]
    safe_point()
    assert gone() is None and keep


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([4, 6]), st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1),
       st.sampled_from([6, 17, 1, 58, 47]), st.integers(0, 65535), st.integers(0, 255), st.booleans(),
       st.sampled_from([None, "inside", "dmz"]))
def test_a_packets_set_holds_that_packet_and_reads_back_as_it(fam, a, b, proto, port, icmp, established, zone):
    """packet_set fixes every field that means something for the protocol: sampling
    it gives the packet back, and changing any such field leaves the set."""
    sp = default_space()
    if fam == 6:
        a, b = a << 96 | 1, b << 64 | 2
    mk = ipaddress.IPv4Address if fam == 4 else ipaddress.IPv6Address
    kw = {}
    if proto in (6, 17):
        kw = {"sport": port ^ 1, "dport": port}
    elif proto in (1, 58):
        kw = {"icmp_type": icmp, "icmp_code": icmp ^ 3}
    pkt = Packet(src=str(mk(a)), dst=str(mk(b)), proto=proto, established=established, src_zone=zone, **kw)
    one = sp.packet_set(pkt)
    assert sp.sample(one) == pkt
    for change in [{"dst": str(mk(b ^ 1))}, {"proto": 50}, {"established": not established},
                   {"src_zone": "other"}] + ([{"dport": port ^ 4}] if kw.get("dport") is not None else []) \
            + ([{"icmp_code": (icmp ^ 3) ^ 1}] if kw.get("icmp_type") is not None else []):
        other = dataclasses.replace(pkt, **change)
        assert not one.contains(other), change


def test_examples_differ_in_service_then_destination_then_source_never_only_in_source_port():
    from netlint.space import AddrConstraint, AddrItem, Match, ServiceSpec

    sp = default_space()

    def hosts(*addrs):
        return AddrConstraint(tuple(AddrItem(4, (int(ipaddress.IPv4Address(a)),) * 2) for a in addrs))

    def ssh(src, dst):
        return sp.match(Match(src=hosts(*src), dst=hosts(*dst), services=(ServiceSpec(proto=6, dport=((22, 22),)),)))

    one = sp.samples(ssh(["10.0.0.5"], ["10.9.0.7"]))
    assert [(p.src, p.dst, p.dport) for p in one] == [("10.0.0.5", "10.9.0.7", 22)]  # 65,536 source ports: one example
    two_dst = sp.samples(ssh(["10.0.0.5"], ["10.9.0.7", "10.9.0.8"]))
    assert sorted(p.dst for p in two_dst) == ["10.9.0.7", "10.9.0.8"]
    two_src = sp.samples(ssh(["10.0.0.5", "10.0.0.6"], ["10.9.0.7"]))
    assert sorted(p.src for p in two_src) == ["10.0.0.5", "10.0.0.6"]
    web = sp.match(Match(services=(ServiceSpec(proto=6, dport=((80, 80), (443, 443))), ServiceSpec(proto=17, dport=((53, 53),)))))
    assert sorted((p.proto, p.dport) for p in sp.samples(web)) == [(6, 80), (6, 443), (17, 53)]
