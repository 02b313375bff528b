"""Zone analysis: paths across devices, exact permitted traffic between zones, and the
segmentation, boundary, VLAN and port findings on the sample network."""

from __future__ import annotations

import json
import re

from conftest import FIXTURES
from netlint.graph import ZoneGraph
from netlint.policy import load_policy
from netlint.reach import Reachability
from netlint.space import Packet
from parsers import parse_file

ZONES = FIXTURES / "cases" / "zones"


def two_routers(policy_text: str | None = None, tmp_path=None):
    devices = [parse_file(ZONES / "branch-rtr.cfg"), parse_file(ZONES / "hq-rtr.cfg")]
    path = ZONES / "zones.yaml"
    if policy_text is not None:
        path = tmp_path / "zones.yaml"
        path.write_text(policy_text)
    pol = load_policy(path)
    graph = ZoneGraph(devices, pol)
    return devices, pol, graph, Reachability(devices, pol, graph)


def tcp(dport: int) -> Packet:
    return Packet(src="10.1.0.5", dst="10.2.0.9", proto=6, sport=50000, dport=dport)


def test_path_crosses_both_routers_in_order():
    _, _, graph, _ = two_routers()
    (path,) = graph.paths("branch", "servers")
    assert [(h.device.hostname, h.in_iface.name, h.out_iface.name) for h in path] == [
        ("branch-rtr", "GigabitEthernet0/0", "GigabitEthernet0/1"),
        ("hq-rtr", "GigabitEthernet0/0", "GigabitEthernet0/1"),
    ]
    (link,) = graph.links[(id(path[0].device), "GigabitEthernet0/1")]
    assert link[0].hostname == "hq-rtr"


def test_each_router_permits_but_only_the_common_service_passes_the_pair():
    devices, _, _, reach = two_routers()
    permitted = reach.pair("branch", "servers").permitted
    # branch-rtr alone permits 22 and 443, hq-rtr alone 443 and 80: the pair only 443
    assert permitted.contains(tcp(443))
    assert not permitted.contains(tcp(22)) and not permitted.contains(tcp(80))
    assert reach.space.services(permitted) == ["tcp/443"]


def test_flow_permitted_only_on_its_approved_port_yields_no_finding(cli):
    code, out, _ = cli("lint", ZONES / "branch-rtr.cfg", ZONES / "hq-rtr.cfg", "--policy", ZONES / "zones.yaml",
                       "--format", "json", "--select", "segmentation,unapproved-port")
    assert json.loads(out)["findings"] == []


def test_a_wider_rule_on_both_routers_is_reported_at_each_rule(cli, tmp_path):
    for name, old, new in (("branch-rtr.cfg", " eq 22\n", " range 22 23\n"), ("hq-rtr.cfg", " eq www\n", " eq 23\n")):
        (tmp_path / name).write_text((ZONES / name).read_text().replace(old, new))
    code, out, _ = cli("lint", tmp_path / "branch-rtr.cfg", tmp_path / "hq-rtr.cfg", "--policy", ZONES / "zones.yaml",
                       "--format", "json", "--select", "NL501,NL503")
    findings = json.loads(out)["findings"]
    got = sorted((f["device"], f["rule_id"], f["evidence"]["services"], f["severity"]) for f in findings)
    # telnet passes both routers now: each router's rule that lets it through is named
    assert got == [("branch-rtr", "NL503", ["tcp/23"], "high"), ("hq-rtr", "NL503", ["tcp/23"], "high")]
    lines = {f["device"]: f["line"] for f in findings}
    assert (tmp_path / "branch-rtr.cfg").read_text().splitlines()[lines["branch-rtr"] - 1].strip().endswith("range 22 23")
    assert (tmp_path / "hq-rtr.cfg").read_text().splitlines()[lines["hq-rtr"] - 1].strip().endswith("eq 23")
    assert all("telnet" in f["message"] for f in findings)


def test_no_flow_at_all_is_segmentation(cli, tmp_path):
    policy = (ZONES / "zones.yaml").read_text().split("flows:")[0] + "flows: []\n"
    (tmp_path / "p.yaml").write_text(policy)
    code, out, _ = cli("lint", ZONES / "branch-rtr.cfg", ZONES / "hq-rtr.cfg", "--policy", tmp_path / "p.yaml",
                       "--format", "json", "--select", "NL501,NL503")
    findings = json.loads(out)["findings"]
    assert {(f["device"], f["rule_id"]) for f in findings} == {("branch-rtr", "NL501"), ("hq-rtr", "NL501")}
    assert all(f["evidence"]["services"] == ["tcp/443"] and f["category"] == "segmentation" for f in findings)


def test_return_direction_without_filters_is_reported(cli):
    code, out, _ = cli("lint", ZONES / "branch-rtr.cfg", ZONES / "hq-rtr.cfg", "--policy", ZONES / "zones.yaml",
                       "--format", "json", "--select", "NL502")
    # Both ACLs face the branch -> servers direction; new connections from the servers to
    # the branch cross no filter on either router.
    (f,) = json.loads(out)["findings"]
    assert f["device"] == "hq-rtr" and f["evidence"]["from_zone"] == "servers" and f["evidence"]["to_zones"] == ["branch"]
    assert "hq-rtr (GigabitEthernet0/1 -> GigabitEthernet0/0) -> branch-rtr (GigabitEthernet0/1 -> GigabitEthernet0/0)" \
        in f["evidence"]["paths"]


def test_unfiltered_router_is_an_unfiltered_boundary(cli, tmp_path):
    (tmp_path / "branch-rtr.cfg").write_text((ZONES / "branch-rtr.cfg").read_text().replace(" ip access-group BRANCH_IN in\n", ""))
    (tmp_path / "hq-rtr.cfg").write_text((ZONES / "hq-rtr.cfg").read_text().replace(" ip access-group SERVERS_OUT out\n", ""))
    code, out, _ = cli("lint", tmp_path / "branch-rtr.cfg", tmp_path / "hq-rtr.cfg", "--policy", ZONES / "zones.yaml",
                       "--format", "json", "--select", "NL502")
    (f,) = [f for f in json.loads(out)["findings"] if f["evidence"]["from_zone"] == "branch"]
    assert f["device"] == "branch-rtr" and f["evidence"]["to_zones"] == ["servers"]
    assert (tmp_path / "branch-rtr.cfg").read_text().splitlines()[f["line"] - 1] == "interface GigabitEthernet0/0"


# ----------------------------------------------------------------------------- the sample network

SAMPLE = ["core-sw.cfg", "core-fw.cfg", "lab-gw.rules"]


def sample_findings(cli):
    code, out, _ = cli("lint", *[FIXTURES / f for f in SAMPLE], "--policy", FIXTURES / "policy.yaml", "--format", "json")
    return json.loads(out)["findings"]


def line_of(file: str, pattern: str, after: str | None = None) -> int:
    """The first line matching `pattern` (after the first line matching `after`)."""
    lines = (FIXTURES / file).read_text().splitlines()
    start = next(i for i, line in enumerate(lines, 1) if re.search(after, line)) if after else 0
    return next(i for i, line in enumerate(lines, 1) if i > start and re.search(pattern, line))


def test_sample_network_planted_zone_problems_at_their_lines(cli):
    found = {(f["file"].split("/")[-1], f["rule_id"], f["line"]) for f in sample_findings(cli)}
    expected = {
        # UAT SVI without an ACL: UAT reaches USERS and MGMT unfiltered
        ("core-sw.cfg", "NL504", line_of("core-sw.cfg", r"^interface Vlan20$")),
        # the planted UAT -> PROD SSH rule in PROD_IN
        ("core-sw.cfg", "NL501", line_of("core-sw.cfg", r"15 permit tcp 10\.20\.0\.0")),
        # users -> uat through the any-any of USERS_IN (no users -> uat flow)
        ("core-sw.cfg", "NL501", line_of("core-sw.cfg", r"50 permit ip any any")),
        # switchport problems
        ("core-sw.cfg", "NL505", line_of("core-sw.cfg", r"^interface GigabitEthernet1/0/10$")),
        ("core-sw.cfg", "NL506", line_of("core-sw.cfg", r"^interface GigabitEthernet1/0/2$")),
        ("core-sw.cfg", "NL507", line_of("core-sw.cfg", r"^interface GigabitEthernet1/0/3$")),
        ("core-sw.cfg", "NL508", line_of("core-sw.cfg", r"^interface GigabitEthernet1/0/20$")),
        # RDP from the internet to the order gateway
        ("core-fw.cfg", "NL503", line_of("core-fw.cfg", r"permit tcp any object DMZ-ORDER-GW eq 3389")),
        # the DMZ's permit ip any any reaching UAT and USERS
        ("core-fw.cfg", "NL501", line_of("core-fw.cfg", r"DMZ_IN extended permit ip any any")),
        # no ACL on the ASA inside: the security levels let PROD and UAT reach DMZ and internet
        ("core-fw.cfg", "NL501", line_of("core-fw.cfg", r"^interface GigabitEthernet0/2$")),
        # the Linux gateway: RDP from the vendor lab, and the ACCEPT policy of FORWARD
        ("lab-gw.rules", "NL503", line_of("lab-gw.rules", r"--dport 3389 -j ACCEPT")),
        ("lab-gw.rules", "NL501", line_of("lab-gw.rules", r"^:FORWARD ACCEPT", after=r"^\*filter")),
        ("lab-gw.rules", "NL103", line_of("lab-gw.rules", r"^:FORWARD ACCEPT", after=r"^\*filter")),
    }
    assert expected <= found, sorted(expected - found)


def test_sample_network_allowed_flows_raise_nothing(cli):
    findings = [f for f in sample_findings(cli) if f["category"] in ("segmentation", "unapproved-port")]
    allowed_rules = {
        ("core-fw.cfg", line_of("core-fw.cfg", r"OUTSIDE_IN extended permit tcp any object DMZ-WEB object-group WEB-PORTS")),
        ("core-sw.cfg", line_of("core-sw.cfg", r"10 permit tcp 10\.30\.0\.0 0\.0\.255\.255 10\.10\.0\.0 0\.0\.255\.255 eq 443")),
        ("core-sw.cfg", line_of("core-sw.cfg", r"12 permit tcp host 172\.16\.50\.20")),
        ("lab-gw.rules", line_of("lab-gw.rules", r"--dports 443,8443")),
    }
    hit = {(f["file"].split("/")[-1], f["line"]) for f in findings}
    assert not (allowed_rules & hit)
    # and every segmentation finding names a zone pair that has no flow in the policy
    pol = load_policy(FIXTURES / "policy.yaml")
    for f in findings:
        ev = f["evidence"]
        assert (f["rule_id"] == "NL501") == (not pol.has_flow_between(ev["from_zone"], ev["to_zone"]))


def test_stages_computed_once_equal_a_run_of_the_filter_on_each_path_entry():
    """Reachability runs each filtering stage once over all packets and intersects a
    path's entry set with the result (a stateless filter decides each packet alone).
    On the sample network (IOS and ASA ACLs, SRX and FortiOS zone policies, an
    iptables FORWARD chain with user chains), that equals running the filter on the
    entry set itself, stage by stage, for the permitted set and for which rule
    permits what."""
    from netlint.model import PERMIT

    files = sorted(p for p in FIXTURES.iterdir() if p.is_file() and p.suffix != ".yaml")
    devices = [parse_file(p) for p in files]
    pol = load_policy(FIXTURES / "policy.yaml")
    reach = Reachability(devices, pol, ZoneGraph(devices, pol))
    sp = reach.space
    checked = 0
    for a in pol.zones:
        for b in pol.zones:
            if a == b:
                continue
            for path in reach.pair(a, b).paths:
                current = reach.zone_set(a, "src") & reach.zone_set(b, "dst") & sp.new_connections()
                for st in path.stages:
                    if st.kind != "filter":
                        continue
                    cf = reach.filterset(st.device).compiled(st.filter)
                    hits = []
                    permit, _, _ = cf.run_on(current & sp.context_values(st.context),
                                             record=lambda f, i, h, act: act == PERMIT and hits.append((f, i, h)))
                    direct = sp.with_context(permit, st.context)
                    assert reach.stage_permits(st, current) == direct, st.role
                    assert reach.stage_hits_meeting(st, current) == \
                           [(f, i, sp.with_context(h, st.context)) for f, i, h in hits], st.role
                    current = direct
                    checked += 1
    assert checked >= 20


def test_hit_index_finds_exactly_the_decisions_meeting_a_set_in_rule_order():
    """A firewall stage with hundreds of permit rules: the tree of unions finds the
    same decisions, in the same order, as intersecting the set with every rule."""
    import random

    from netlint.reach import _HitIndex
    from netlint.space import Packet, default_space

    sp = default_space()
    rnd = random.Random(3)

    def some_set():
        out = sp.FALSE
        for _ in range(rnd.randint(1, 3)):
            out = out | sp.packet_set(Packet(src=f"10.{rnd.randint(0, 3)}.0.{rnd.randint(1, 9)}",
                                             dst=f"10.9.0.{rnd.randint(1, 9)}", proto=6, sport=1024,
                                             dport=rnd.choice([22, 80, 443, 1433])))
        return out

    hits = [("ACL", i if i < 299 else None, some_set()) for i in range(300)]
    index = _HitIndex(hits, sp)
    for _ in range(60):
        probe = some_set() | some_set()
        naive = [(f, i, probe & h) for f, i, h in hits if not (probe & h).is_empty()]
        assert index.meeting(probe) == naive
    assert index.meeting(sp.FALSE) == [] and _HitIndex([], sp).meeting(sp.TRUE) == []
