"""`netlint graph`: the article 4 diagram and the 4.2 inventory, checked on their
nodes and edges."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURES

FILES = [FIXTURES / "core-sw.cfg", FIXTURES / "core-fw.cfg", FIXTURES / "lab-gw.rules"]
SVG = "{http://www.w3.org/2000/svg}"


def graph(cli, fmt, *extra):
    code, out, err = cli("graph", *FILES, "--policy", FIXTURES / "policy.yaml", "--format", fmt, *extra)
    assert code == 0, err
    return out


def test_json_view_nodes_and_edges(cli):
    view = json.loads(graph(cli, "json"))
    assert {z["name"] for z in view["zones"]} == {"internet", "dmz", "prod", "uat", "users", "mgmt", "exchange", "vendor-lab"}
    assert {d["name"] for d in view["devices"]} == {"core-sw", "core-fw", "lab-gw"}
    attached = {(a["zone"], a["device"], a["interface"]) for a in view["attachments"]}
    assert {("prod", "core-sw", "Vlan10"), ("uat", "core-sw", "Vlan20"), ("dmz", "core-fw", "GigabitEthernet0/1"),
            ("uat", "lab-gw", "eth0"), ("vendor-lab", "lab-gw", "tun0"), ("mgmt", "core-sw", "Vlan99")} <= attached
    # the ASA outside attaches to the internet (its default route leaves there, to no device of ours)
    assert ("internet", "core-fw", "GigabitEthernet0/0") in attached
    assert [(link["a"], link["b"], link["subnet"]) for link in view["links"]] == [("core-fw", "core-sw", "10.0.0.0/30")]
    flows = {(f["from"], f["to"]): f for f in view["flows"]}
    assert flows[("uat", "prod")]["services"] == ["tcp/22"] and flows[("uat", "prod")]["violation"]
    # USERS_IN ends with permit ip any any, but PROD_IN outbound on the PROD SVI still
    # lets only tcp/443 in: the pair of filters, not either alone, decides
    assert flows[("users", "prod")]["services"] == ["tcp/443"] and not flows[("users", "prod")]["violation"]
    assert flows[("users", "uat")]["violation"]
    assert flows[("internet", "dmz")]["beyond_policy"] == ["tcp/3389"]
    assert flows[("dmz", "prod")]["services"] == ["tcp/1521"] and not flows[("dmz", "prod")]["violation"]
    assert flows[("uat", "users")]["unfiltered"] is True


def test_svg_picture_has_every_zone_device_and_flow(cli):
    svg = ET.fromstring(graph(cli, "svg"))
    assert svg.tag == f"{SVG}svg"
    groups = list(svg.iter(f"{SVG}g"))
    zones = {g.get("data-name"): g.get("data-kind") for g in groups if g.get("class") == "zone"}
    assert zones["uat"] == "uat" and zones["internet"] == "external" and len(zones) == 8
    assert {g.get("data-name") for g in groups if g.get("class") == "device"} == {"core-sw", "core-fw", "lab-gw"}
    flows = {(g.get("data-from"), g.get("data-to")): g.get("class") for g in groups if (g.get("class") or "").startswith("flow")}
    assert flows[("uat", "prod")] == "flow violation"
    assert flows[("dmz", "prod")] == "flow"
    red = [g for g in groups if g.get("class") == "flow violation"]
    assert all(p.get("stroke") == "#c62828" for g in red for p in g.iter(f"{SVG}path"))
    cells = {(g.get("data-from"), g.get("data-to")): g.get("class") for g in groups if (g.get("class") or "").startswith("cell")}
    assert cells[("internet", "dmz")] == "cell violation" and cells[("dmz", "prod")] == "cell ok"
    assert cells[("prod", "prod")] == "cell same"
    text = "".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    assert "beyond: tcp/3389" in text and "Zone matrix" in text


def test_svg_picture_in_traditional_chinese(cli):
    svg = ET.fromstring(graph(cli, "svg", "--lang", "zh-TW"))
    text = "".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    titles = " ".join(t.text or "" for t in svg.iter(f"{SVG}title"))
    assert "區域矩陣" in text and "超出政策：tcp/3389" in text and "拓樸" in text and "政策檔" in text
    assert "uat → prod：允許 tcp/22" in titles
    # none of the English panel words is left (zone names, kinds and services stay as written)
    for english in ("Zone matrix", "beyond:", "Topology", "Traffic the network", "permitted", "attaches to"):
        assert english not in text + titles
    # the same picture otherwise: every zone, device and flow
    assert len([g for g in svg.iter(f"{SVG}g") if g.get("class") == "zone"]) == 8


def test_graph_rejects_an_unknown_language(cli):
    code, _, err = cli("graph", *FILES, "--lang", "fr")
    assert code == 2 and "--lang fr" in err


def test_single_panels_are_standalone_pictures(cli):
    from netlint.report.diagram import flows_svg, topology_svg

    view = json.loads(graph(cli, "json"))
    topo = ET.fromstring(topology_svg(view, "en"))
    flows = ET.fromstring(flows_svg(view, "zh-TW", heading=False, css_class="flows"))
    assert {g.get("data-name") for g in topo.iter(f"{SVG}g") if g.get("class") == "zone"} == {z["name"] for z in view["zones"]}
    assert not [g for g in topo.iter(f"{SVG}g") if (g.get("class") or "").startswith(("flow", "cell"))]
    assert {(g.get("data-from"), g.get("data-to")) for g in flows.iter(f"{SVG}g") if (g.get("class") or "").startswith("flow")} \
        == {(f["from"], f["to"]) for f in view["flows"]}
    assert not [g for g in flows.iter(f"{SVG}g") if (g.get("class") or "").startswith("cell")]
    assert flows.get("class") == "flows"
    # headings: drawn when asked, left to the page's caption otherwise
    assert "Topology" in "".join(t.text or "" for t in topo.iter(f"{SVG}text"))
    assert "網路允許" not in "".join(t.text or "" for t in flows.iter(f"{SVG}text"))
    # the red arrows' marker is defined in each picture
    assert flows.find(f"{SVG}defs/{SVG}marker[@id='arrow-bad']") is not None


@pytest.mark.parametrize(("fmt", "needles"), [
    ("dot", ["digraph netlint", 'z_uat -> z_prod [color=red', "d_core_fw -> d_core_sw"]),
    ("mermaid", ["flowchart LR", "z_uat -.->|tcp/22| z_prod", "stroke:red"]),
    ("graphml", ["<graphml", "<data key=", "violation"]),
])
def test_text_formats(cli, fmt, needles):
    out = graph(cli, fmt)
    for needle in needles:
        assert needle in out


def test_graphml_is_readable_by_networkx(cli, tmp_path):
    import networkx as nx

    path = tmp_path / "g.graphml"
    graph(cli, "graphml", "--output", path)
    g = nx.read_graphml(path)
    assert g.nodes["z_prod"]["kind"] == "prod" and g.nodes["d_core_sw"]["vendor"] == "cisco_ios"
    flows = [(u, v) for u, v, d in g.edges(data=True) if d.get("type") == "flow" and d.get("violation")]
    assert ("z_uat", "z_prod") in flows


def test_csv_inventory_lists_interfaces_with_zones(cli):
    rows = list(csv.DictReader(io.StringIO(graph(cli, "csv"))))
    by = {(r["device"], r["interface"]): r for r in rows}
    vlan10 = by[("core-sw", "Vlan10")]
    assert (vlan10["addresses"], vlan10["subnets"], vlan10["zone"], vlan10["zone_reason"], vlan10["filter_out"]) == (
        "10.10.0.1/16", "10.10.0.0/16", "prod", "VLAN 10", "PROD_IN")
    assert by[("core-fw", "GigabitEthernet0/2")]["transit_to"] == "core-sw:GigabitEthernet1/0/48"
    assert by[("lab-gw", "tun0")]["zone"] == "vendor-lab"


def test_png_without_a_rasteriser_is_one_clear_sentence(cli, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_cairo(name, *args, **kwargs):
        if name == "cairosvg":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_cairo)
    code, _, err = cli("graph", *FILES, "--format", "png", "--output", "/tmp/x.png")
    assert code == 2 and "use --format svg" in err


def test_indexed_route_lookup_agrees_with_a_scan_of_the_route_table():
    """Path search asks each device's route table for every zone subnet (hundreds of
    branch subnets against a WAN hub's hundreds of routes): the indexed lookup gives
    the scan's answer - the longest covering routes, else the more specific routes
    inside, in table order - on random tables with ECMP duplicates and both versions."""
    import ipaddress
    import random

    from netlint.graph import ZoneGraph, _Route
    from netlint.model import Device
    from netlint.policy import Policy

    def scan(table, net):
        table = [r for r in table if r.net.version == net.version]
        covering = [r for r in table if net.subnet_of(r.net)]
        if covering:
            best = max(r.net.prefixlen for r in covering)
            return [r for r in covering if r.net.prefixlen == best]
        return [r for r in table if r.net.subnet_of(net) and r.net != net]

    rnd = random.Random(8)

    def rnd_net():
        if rnd.random() < 0.2:
            return ipaddress.ip_network((0x20010DB8 << 96 | rnd.getrandbits(32) << 64, rnd.choice([0, 32, 48, 64])), strict=False)
        return ipaddress.ip_network((0x0A000000 | rnd.getrandbits(20) << 4, rnd.choice([0, 8, 12, 16, 20, 24, 28, 30])),
                                    strict=False)

    device = Device(hostname="r1", vendor="cisco_ios", file="r1.cfg")
    graph = ZoneGraph([device], Policy(file=None))
    for trial in range(30):
        table = [_Route(rnd_net(), None, f"hop{i}", False) for i in range(rnd.randint(0, 60))]
        table += [_Route(r.net, None, "ecmp", False) for r in rnd.sample(table, min(5, len(table)))]
        graph._routes[id(device)] = table
        graph._route_index.clear()
        for net in [rnd_net() for _ in range(100)] + [r.net for r in table]:
            assert graph.lookup(device, net) == scan(table, net), net
