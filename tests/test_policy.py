"""The policy file (contract section 5): validated with errors naming file and line,
the starter written by `netlint init`, and the built-in default when there is none."""

from __future__ import annotations

import textwrap

import pytest

from conftest import FIXTURES, ROOT
from netlint.policy import PolicyError, load_policy, parse_service

GOOD = """\
organization: {name: Example Securities, category: 1}
zones:
  internet: {kind: external, subnets: [0.0.0.0/0]}
  dmz: {kind: dmz, subnets: [172.16.50.0/24]}
  prod: {kind: prod, subnets: [10.10.0.0/16], vlans: [10]}
flows:
  - {from: internet, to: dmz, services: [tcp/443]}
"""


def write(tmp_path, text, name="policy.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_a_good_policy_loads(tmp_path):
    pol = load_policy(write(tmp_path, GOOD))
    assert pol.category == 1 and pol.organization == "Example Securities"
    assert [(z.name, z.kind) for z in pol.zones.values()] == [("internet", "external"), ("dmz", "dmz"), ("prod", "prod")]
    assert pol.zones["prod"].vlans == [10]
    (flow,) = pol.flows
    assert (flow.src, flow.dst, [s.text for s in flow.services], flow.line) == ("internet", "dmz", ["tcp/443"], 7)


@pytest.mark.parametrize(("text", "line", "message"), [
    (GOOD.replace("flows:", "flowz:"), 6, "unknown key 'flowz' in the policy (did you mean 'flows'?)"),
    (GOOD.replace("kind: dmz", "kind: demilitarized"), 4, "zone 'dmz': unknown kind 'demilitarized'"),
    (GOOD.replace("172.16.50.0/24", "172.16.50.0/33"), 4, "zone 'dmz': invalid prefix '172.16.50.0/33'"),
    (GOOD.replace("172.16.50.0/24", "172.16.50.1/24"), 4, "invalid prefix '172.16.50.1/24' (172.16.50.1/24 has host bits set)"),
    (GOOD.replace("to: dmz", "to: dnz"), 7, "flow 'to' names undefined zone 'dnz'"),
    (GOOD.replace("tcp/443", "tcp/99999"), 7, "'tcp/99999': range must be within 0-65535"),
    (GOOD.replace("tcp/443", "https"), 7, "'https' is not a service"),
    (GOOD.replace("category: 1", "category: 3"), 1, "organization category must be 1 or 2"),
    (GOOD.replace("  prod: {kind: prod, ", "  prod: {"), 5, "zone 'prod' has no kind"),
    (GOOD.replace("vlans: [10]", "vlans: [5000]"), 5, "VLAN '5000' must be a number from 1 to 4094"),
    (GOOD + "  - {from: dmz, services: [tcp/1521]}\n", 8, "a flow needs 'to'"),
    (GOOD + "exceptions:\n  - {fingerprint: abc, reason: r, approved_by: CISO, expires: soon}\n", 9,
     "expires 'soon' is not a date"),
    (GOOD + "zones2: {}\n", 8, "unknown key 'zones2'"),
    (GOOD + "management: {max_idle_minutes: 0}\n", 8,
     "max_idle_minutes must be a whole number of minutes from 1 to 1440, not '0'"),
    (GOOD + "management:\n  max_idle_minutes: ten\n", 9, "max_idle_minutes must be a whole number of minutes"),
    (GOOD + "management: {max_idle_minutes: 7.5}\n", 8, "not '7.5'"),
    (GOOD + "management: {max_idle_minutes: 1441}\n", 8, "from 1 to 1440, not '1441'"),
    (GOOD + "management: {max_idle_minutes: [5]}\n", 8, "max_idle_minutes must be a single value"),
    (GOOD + "management: {max_idle_minute: 5}\n", 8,
     "unknown key 'max_idle_minute' in management (did you mean 'max_idle_minutes'?)"),
    (GOOD + "management: 10\n", 8, "management must be a mapping"),
    ("zones: [a, b\n", 2, "not valid YAML"),
])
def test_each_policy_error_names_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, text)
    with pytest.raises(PolicyError) as err:
        load_policy(path)
    assert str(err.value).startswith(f"{path}:{line}: ")
    assert message in str(err.value)


def test_management_max_idle_minutes(tmp_path):
    assert load_policy(write(tmp_path, GOOD)).max_idle_minutes == 10  # not set: 10 minutes
    pol = load_policy(write(tmp_path, GOOD + "management:\n  max_idle_minutes: 5\n"))
    assert pol.max_idle_minutes == 5
    assert load_policy(write(tmp_path, GOOD + "management: {max_idle_minutes: 1440}\n")).max_idle_minutes == 1440


def test_duplicate_zone_and_empty_file(tmp_path):
    with pytest.raises(PolicyError, match=r":5: zone 'dmz' is defined twice"):
        load_policy(write(tmp_path, GOOD.replace("  prod:", "  dmz:")))
    with pytest.raises(PolicyError, match=r":1: the policy file is empty"):
        load_policy(write(tmp_path, "\n"))


def test_cli_exits_2_on_a_bad_policy(cli, tmp_path):
    bad = write(tmp_path, GOOD.replace("kind: dmz", "kind: demilitarized"))
    code, _, err = cli("lint", FIXTURES / "core-sw.cfg", "--policy", bad)
    assert code == 2
    assert err == f"netlint: {bad}:4: zone 'dmz': unknown kind 'demilitarized' (one of: external, dmz, prod, uat, mgmt, internal, partner, guest)\n"
    code, _, err = cli("lint", FIXTURES / "core-sw.cfg", "--policy", tmp_path / "missing.yaml")
    assert code == 2 and "policy file does not exist" in err


@pytest.mark.parametrize(("text", "proto", "lo", "hi"), [
    ("tcp/443", 6, 443, 443), ("udp/1000-2000", 17, 1000, 2000), ("icmp", 1, None, None), ("icmp/8", 1, 8, 8),
    ("esp", 50, None, None), ("any", None, None, None), ("47", 47, None, None),
])
def test_service_grammar(text, proto, lo, hi):
    s = parse_service(text)
    assert (s.proto, s.lo, s.hi) == (proto, lo, hi)


def test_init_writes_a_starter_that_loads(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("init")
    assert code == 0 and "wrote netlint.yaml" in out
    pol = load_policy(tmp_path / "netlint.yaml")
    assert {z.kind for z in pol.zones.values()} >= {"external", "dmz", "prod", "uat", "mgmt", "internal"}
    assert pol.category == 1 and pol.flows
    assert pol.max_idle_minutes == 10 and "max_idle_minutes: 10" in (tmp_path / "netlint.yaml").read_text()
    code, _, err = cli("init")
    assert code == 2 and "already exists" in err


def test_the_sample_network_policy_loads():
    pol = load_policy(FIXTURES / "policy.yaml")
    assert pol.category == 1
    assert pol.zones["uat"].interfaces == [("lab-gw", "eth0")]
    assert pol.zone_of_vlan(20).name == "uat"


def test_inferred_zones_without_a_policy_say_where_they_come_from():
    from netlint.policy import infer_policy
    from parsers import parse_file

    devices = [parse_file(FIXTURES / "core-sw.cfg"), parse_file(FIXTURES / "core-fw.cfg")]
    pol = infer_policy(devices)
    assert pol.inferred and pol.file is None
    by_kind = {z.kind: z for z in pol.zones.values()}
    assert [str(n) for n in by_kind["dmz"].subnets] == ["172.16.50.0/24"]
    assert "core-fw:GigabitEthernet0/1 (nameif 'dmz')" in by_kind["dmz"].inferred_from
    assert [str(n) for n in by_kind["prod"].subnets] == ["10.10.0.0/16"]
    assert [str(n) for n in by_kind["uat"].subnets] == ["10.20.0.0/16"]
    assert [str(n) for n in by_kind["mgmt"].subnets] == ["10.99.0.0/24"]
    assert [str(n) for n in by_kind["external"].subnets] == ["0.0.0.0/0"]
    assert "core-fw:GigabitEthernet0/0 (nameif 'outside')" in by_kind["external"].inferred_from
    # the /30 transit between the ASA and the switch is no zone
    assert not any(str(n) == "10.0.0.0/30" for z in pol.zones.values() for n in z.subnets)
    assert pol.notes[0].startswith("no policy file: zones inferred")
    # the built-in allow-list forbids uat -> prod and external -> prod
    assert not pol.has_flow_between("uat", "prod") and not pol.has_flow_between("external", "prod")
    assert pol.has_flow_between("external", "dmz")


def test_project_config_names_the_policy(cli, tmp_path, monkeypatch):
    (tmp_path / "configs").mkdir()
    (tmp_path / "configs" / "core-sw.cfg").write_text((FIXTURES / "core-sw.cfg").read_text())
    (tmp_path / "policy.yaml").write_text((FIXTURES / "policy.yaml").read_text())
    (tmp_path / ".netlint.yaml").write_text("policy: policy.yaml\nfail-on: critical\n")
    monkeypatch.chdir(tmp_path / "configs")
    code, out, _ = cli("lint", ".", "--format", "json")
    import json

    report = json.loads(out)
    assert report["policy"]["file"].endswith("policy.yaml") and report["policy"]["category"] == 1
    assert code == 0  # fail-on critical from the project config: core-sw alone has no critical finding
    (tmp_path / ".netlint.yaml").write_text("polcy: policy.yaml\n")
    code, _, err = cli("lint", ".")
    assert code == 2 and ".netlint.yaml:1: unknown key 'polcy'" in err
    assert ROOT.exists()


# ----------------------------------------------------------------------------- zone lookups


def _naive_zones_of_network(pol, net):
    return [z for z in pol.zones.values() if any(n.version == net.version and n.overlaps(net) for n in z.subnets)]


def _naive_zone_of_network(pol, net, include_catch_all=True):
    best, best_len = None, -1
    for z in pol.zones.values():
        for n in z.subnets:
            if n.version == net.version and net.subnet_of(n) and (include_catch_all or n.prefixlen) and n.prefixlen > best_len:
                best, best_len = z, n.prefixlen
    return best


def test_indexed_zone_lookups_agree_with_a_scan_of_every_subnet():
    """The lookups behind NL102, the zone graph and the worksheet use an index of the
    zone subnets (a repository of a thousand branches lists thousands of subnets);
    on random nested and overlapping subnets of both versions, including a subnet
    listed by two zones and a catch-all zone, they answer as a scan of every subnet."""
    import ipaddress
    import random

    from netlint.policy import Policy, Zone

    rnd = random.Random(5)

    def rnd_net(version):
        bits = 32 if version == 4 else 128
        plen = rnd.choice([0, 8, 12, 16, 19, 20, 24, 28, 30, 32] if version == 4 else [0, 32, 48, 56, 64, 128])
        base = rnd.choice([0x0A000000, 0x0A400000, 0xAC100000]) if version == 4 else 0x20010DB8 << 96
        addr = base | rnd.getrandbits(bits - 8 if version == 4 else 64) if plen else 0
        return ipaddress.ip_network((addr, plen), strict=False)

    for _ in range(40):
        zones = {}
        for i in range(6):
            nets = [rnd_net(rnd.choice([4, 4, 6])) for _ in range(rnd.randint(0, 12))]
            zones[f"z{i}"] = Zone(f"z{i}", "internal", nets)
        zones["z5"].subnets.append(zones["z0"].subnets[0] if zones["z0"].subnets else rnd_net(4))  # listed twice
        pol = Policy(file=None, zones=zones)
        probes = [rnd_net(rnd.choice([4, 6])) for _ in range(150)] + [n for z in zones.values() for n in z.subnets]
        for net in probes:
            assert pol.zones_of_network(net) == _naive_zones_of_network(pol, net), net
            assert pol.zone_of_network(net) is _naive_zone_of_network(pol, net), net
            assert pol.zone_of_network(net, include_catch_all=False) is _naive_zone_of_network(pol, net, False), net
            addr = net.network_address
            assert pol.zone_of_address(addr) is _naive_zone_of_network(pol, ipaddress.ip_network(addr)), addr
