"""The zone graph as pictures and data (article 4's network diagram, 4.2's inventory):
dot, mermaid, graphml, json, csv and a self-contained SVG drawn here (no Graphviz or
other system package needed to open it).

Input is a plain `view` dict built by the CLI:
  zones:       [{name, kind, subnets}]
  devices:     [{name, vendor, os_version}]
  attachments: [{zone, device, interface, reason}]
  links:       [{a, a_interface, b, b_interface, subnet}]
  flows:       [{from, to, services, allowed, beyond_policy, unfiltered, violation}]
  inventory:   [{device, interface, ...}]
"""

from __future__ import annotations

import csv
import io
import json
from html import escape

KIND_COLORS = {
    "external": "#f4a6a6", "partner": "#9ad4d6", "guest": "#f7e08a", "dmz": "#f8c88a",
    "prod": "#8fb8f0", "uat": "#c8a8e8", "internal": "#a8dca0", "mgmt": "#c8c8c8",
}
KIND_ORDER = ["external", "partner", "guest", "dmz", "prod", "uat", "internal", "mgmt"]

# The words the SVG draws, per --lang. Zone kinds stay as the policy file spells them.
WORDS = {
    "en": {
        "zone_graph": "netlint zone graph",
        "policy": "policy {file}",
        "inferred": "zones inferred from the configs (no policy file)",
        "devices": "{n} devices",
        "sep": "; ",
        "topology": "Topology: zones, devices and the links between them",
        "flows": "Traffic the network permits between zones (new connections)",
        "matrix": "Zone matrix (rows: from, columns: to)",
        "attaches": "{zone} attaches to {device}:{interface} ({reason})",
        "flow_title": "{a} -> {b}: permitted {services}; the policy allows {allowed}",
        "nothing": "nothing",
        "no_filter": "; a path crosses no filter",
        "UNFILTERED": "UNFILTERED: ",
        "unfiltered": "unfiltered: ",
        "beyond": "beyond: ",
        "legend_ok": "permitted, within the policy",
        "legend_bad": "permitted beyond the policy (label: what goes beyond), or unfiltered",
    },
    "zh-TW": {
        "zone_graph": "netlint 網路區域圖",
        "policy": "政策檔 {file}",
        "inferred": "區域由設定檔推斷（無政策檔）",
        "devices": "{n} 台設備",
        "sep": "；",
        "topology": "拓樸：區域、設備及其間的連線",
        "flows": "網路允許的區域間流量（新連線）",
        "matrix": "區域矩陣（列：來源，欄：目的）",
        "attaches": "{zone} 連接於 {device}:{interface}（{reason}）",
        "flow_title": "{a} → {b}：允許 {services}；政策允許 {allowed}",
        "nothing": "無",
        "no_filter": "；有路徑未經任何過濾",
        "UNFILTERED": "未過濾：",
        "unfiltered": "未過濾：",
        "beyond": "超出政策：",
        "legend_ok": "允許，符合政策",
        "legend_bad": "允許但超出政策（標籤為超出的服務），或未經過濾",
    },
}


def _words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["en"])


def render_view(view: dict, fmt: str, lang: str = "en") -> str | bytes:
    if fmt == "json":
        return json.dumps(view, indent=2, ensure_ascii=False) + "\n"
    if fmt == "dot":
        return to_dot(view)
    if fmt == "mermaid":
        return to_mermaid(view)
    if fmt == "graphml":
        return to_graphml(view)
    if fmt == "csv":
        return to_csv(view)
    if fmt == "svg":
        return to_svg(view, lang)
    if fmt == "png":
        try:
            import cairosvg  # optional: rasterising needs the system cairo library
        except ImportError:
            raise ValueError("png output needs the optional package cairosvg and the cairo library; "
                             "use --format svg, which any browser opens") from None
        return cairosvg.svg2png(bytestring=to_svg(view, lang).encode())
    raise ValueError(f"unknown format {fmt}")


def _short(services: list[str], n: int = 3) -> str:
    return ", ".join(services[:n]) + (f" +{len(services) - n}" if len(services) > n else "")


def _zid(name: str) -> str:
    return "z_" + "".join(c if c.isalnum() else "_" for c in name)


def _did(name: str) -> str:
    return "d_" + "".join(c if c.isalnum() else "_" for c in name)


# --------------------------------------------------------------------------- text formats


def to_dot(view: dict) -> str:
    out = ["digraph netlint {", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10];',
           '  edge [fontname="Helvetica", fontsize=9];']
    for z in view["zones"]:
        label = f"{z['name']}\\n({z['kind']})\\n" + "\\n".join(z["subnets"][:4])
        out.append(f'  {_zid(z["name"])} [shape=box, style="rounded,filled", fillcolor="{KIND_COLORS.get(z["kind"], "#eee")}", label="{label}"];')
    for d in view["devices"]:
        label = f"{d['name']}\\n{d['vendor']} {d['os_version'] or ''}"
        out.append(f'  {_did(d["name"])} [shape=box, style=filled, fillcolor="#455a64", fontcolor=white, label="{label}"];')
    for a in view["attachments"]:
        out.append(f'  {_zid(a["zone"])} -> {_did(a["device"])} [dir=none, color=gray50, label="{a["interface"]}"];')
    for link in view["links"]:
        out.append(f'  {_did(link["a"])} -> {_did(link["b"])} [dir=none, color=gray30, style=bold, label="{link["subnet"]}"];')
    for f in view["flows"]:
        color = "red" if f["violation"] else "darkgreen"
        out.append(f'  {_zid(f["from"])} -> {_zid(f["to"])} [color={color}, fontcolor={color}, constraint=false, '
                   f'label="{_short(f["services"])}"];')
    out.append("}")
    return "\n".join(out) + "\n"


def to_mermaid(view: dict) -> str:
    out = ["flowchart LR"]
    for z in view["zones"]:
        out.append(f'  {_zid(z["name"])}(["{z["name"]} ({z["kind"]})<br/>{"<br/>".join(z["subnets"][:3])}"])')
    for d in view["devices"]:
        out.append(f'  {_did(d["name"])}["{d["name"]}<br/>{d["vendor"]} {d["os_version"] or ""}"]')
    for a in view["attachments"]:
        out.append(f'  {_zid(a["zone"])} ---|{a["interface"]}| {_did(a["device"])}')
    for link in view["links"]:
        out.append(f'  {_did(link["a"])} ===|{link["subnet"]}| {_did(link["b"])}')
    violations = []
    for i, f in enumerate(view["flows"]):
        out.append(f'  {_zid(f["from"])} -.->|{_short(f["services"])}| {_zid(f["to"])}')
        if f["violation"]:
            violations.append(len(view["attachments"]) + len(view["links"]) + i)
    for z in view["zones"]:
        out.append(f'  style {_zid(z["name"])} fill:{KIND_COLORS.get(z["kind"], "#eee")}')
    for idx in violations:
        out.append(f"  linkStyle {idx} stroke:red,color:red")
    return "\n".join(out) + "\n"


def to_graphml(view: dict) -> str:
    import networkx as nx

    g = nx.MultiDiGraph()
    for z in view["zones"]:
        g.add_node(_zid(z["name"]), type="zone", name=z["name"], kind=z["kind"], subnets=" ".join(z["subnets"]))
    for d in view["devices"]:
        g.add_node(_did(d["name"]), type="device", name=d["name"], vendor=d["vendor"], os_version=d["os_version"] or "")
    for a in view["attachments"]:
        g.add_edge(_zid(a["zone"]), _did(a["device"]), type="attachment", interface=a["interface"], reason=a["reason"])
    for link in view["links"]:
        g.add_edge(_did(link["a"]), _did(link["b"]), type="link", subnet=link["subnet"])
    for f in view["flows"]:
        g.add_edge(_zid(f["from"]), _zid(f["to"]), type="flow", services=", ".join(f["services"]),
                   violation=bool(f["violation"]), beyond_policy=", ".join(f["beyond_policy"]))
    return "\n".join(nx.generate_graphml(g)) + "\n"


def to_csv(view: dict) -> str:
    rows = view["inventory"]
    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return buf.getvalue()


# --------------------------------------------------------------------------- SVG


def _layers(view: dict) -> list[list[tuple[str, str]]]:
    """Columns left to right: breadth-first from the external zones over the topology
    (zones <-> devices <-> devices), so the picture reads from the internet inwards."""
    adj: dict[tuple[str, str], set[tuple[str, str]]] = {}
    nodes = [("zone", z["name"]) for z in view["zones"]] + [("device", d["name"]) for d in view["devices"]]
    for n in nodes:
        adj[n] = set()
    for a in view["attachments"]:
        adj[("zone", a["zone"])].add(("device", a["device"]))
        adj[("device", a["device"])].add(("zone", a["zone"]))
    for link in view["links"]:
        adj[("device", link["a"])].add(("device", link["b"]))
        adj[("device", link["b"])].add(("device", link["a"]))
    kinds = {z["name"]: z["kind"] for z in view["zones"]}
    start = [n for n in nodes if n[0] == "zone" and kinds[n[1]] == "external"] or nodes[:1]
    depth: dict[tuple[str, str], int] = {n: 0 for n in start}
    queue = list(start)
    while queue:
        n = queue.pop(0)
        for m in sorted(adj[n]):
            if m not in depth:
                depth[m] = depth[n] + 1
                queue.append(m)
    deepest = max(depth.values(), default=0)
    for n in nodes:
        if n not in depth:  # not connected: zones to the far right, devices before them
            depth[n] = deepest + (2 if n[0] == "zone" else 1)
    cols: dict[int, list[tuple[str, str]]] = {}
    for n, dpt in depth.items():
        cols.setdefault(dpt, []).append(n)
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    return [sorted(cols[k], key=lambda n: (n[0], order.get(kinds.get(n[1], ""), 99), n[1])) for k in sorted(cols)]


def to_svg(view: dict, lang: str = "en") -> str:
    """Three panels: the topology (zones, devices, links), the traffic permitted between
    zones (arrows on a circle, red beyond the policy), and the zone-by-zone matrix."""
    w = _words(lang)
    margin = 40
    topo, topo_w, topo_h = _svg_topology(view, margin, 70, lang)
    flows, flows_w, flows_h = _svg_flows(view, margin, 70 + topo_h + 40, lang)
    matrix, matrix_w, matrix_h = _svg_matrix(view, margin + flows_w + 40, 70 + topo_h + 40, lang)
    legend_y = 70 + topo_h + 40 + max(flows_h, matrix_h) + 20
    width = max(topo_w, flows_w + 40 + matrix_w) + 2 * margin
    height = legend_y + 70
    title, subtitle = _titles(view, w)
    body = [f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>',
            f'<text x="{margin}" y="{margin}" font-size="20" font-weight="bold">{escape(title)}</text>',
            f'<text x="{margin}" y="{margin + 20}" font-size="12" fill="#555">{escape(subtitle)}</text>']
    body += topo + flows + matrix + _svg_legend(margin, legend_y, lang)
    return _document(body, 0, 0, width, height)


def topology_svg(view: dict, lang: str = "en", heading: bool = True, css_class: str = "") -> str:
    """The topology panel alone, cropped to its drawing (for pages that caption it)."""
    parts, width, height = _svg_topology(view, 0, 0, lang)
    top = -8 if heading else 16
    # Node boxes end 50 px before the last column's width; labels may stand 12 px outside.
    return _document(parts if heading else parts[1:], -12, top, width - 50 + 24, height + 12 - top, css_class)


def flows_svg(view: dict, lang: str = "en", heading: bool = True, css_class: str = "") -> str:
    """The permitted-flows panel alone (zones on a circle, one arrow per permitted pair)."""
    parts, width, height = _svg_flows(view, 0, 0, lang)
    top = -8 if heading else 16
    # Edge labels may stand a little outside the circle's square.
    return _document(parts if heading else parts[1:], -35, top, width + 70, height + 12 - top, css_class)


def _titles(view: dict, w: dict[str, str]) -> tuple[str, str]:
    if "device_count" not in view:  # a view from elsewhere: its own words
        return view.get("title", w["zone_graph"]), view.get("subtitle", "")
    org = view.get("organization")
    title = w["zone_graph"] + (f" — {org}" if org else "")
    source = w["policy"].format(file=view["policy_file"]) if view.get("policy_file") else w["inferred"]
    return title, source + w["sep"] + w["devices"].format(n=view["device_count"])


def _document(parts: list[str], x: float, y: float, width: float, height: float, css_class: str = "") -> str:
    cls = f' class="{escape(css_class)}" preserveAspectRatio="xMinYMin meet"' if css_class else ""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="{x:.0f} {y:.0f} {width:.0f} {height:.0f}"{cls} font-family="Helvetica, Arial, sans-serif">')
    defs = '<defs>' + "".join(
        f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{color}"/></marker>'
        for name, color in (("ok", "#2e7d32"), ("bad", "#c62828"))) + '</defs>'
    return "\n".join([head, defs, *parts, "</svg>"]) + "\n"


def _label(x: float, y: float, text: str, size: int, color: str) -> str:
    """Text with a white halo (a white copy underneath: works in every SVG renderer)."""
    t = escape(text)
    common = f'x="{x:.0f}" y="{y:.0f}" font-size="{size}" text-anchor="middle"'
    return (f'<text {common} fill="white" stroke="white" stroke-width="3">{t}</text>'
            f'<text {common} fill="{color}">{t}</text>')


def _svg_topology(view: dict, x0: float, y0: float, lang: str = "en"):
    col_w, row_h, node_w, node_h = 240, 100, 190, 62
    layers = _layers(view)
    tallest = max((len(col) for col in layers), default=1)
    pos: dict[tuple[str, str], tuple[float, float]] = {}
    for ci, col in enumerate(layers):
        offset = (tallest - len(col)) * row_h / 2
        for ri, node in enumerate(col):
            pos[node] = (x0 + ci * col_w, y0 + 30 + offset + ri * row_h)
    zones = {z["name"]: z for z in view["zones"]}
    devices = {d["name"]: d for d in view["devices"]}
    w = _words(lang)
    out = [f'<text x="{x0}" y="{y0 + 10}" font-size="14" font-weight="bold" fill="#37474f">{escape(w["topology"])}</text>']

    def center(node):
        x, y = pos[node]
        return x + node_w / 2, y + node_h / 2

    for a in view["attachments"]:
        n1, n2 = ("zone", a["zone"]), ("device", a["device"])
        if n1 in pos and n2 in pos:
            (x1, y1), (x2, y2) = center(n1), center(n2)
            out.append(f'<g class="attachment" data-zone="{escape(a["zone"])}" data-device="{escape(a["device"])}">'
                       f'<title>{escape(w["attaches"].format(zone=a["zone"], device=a["device"], interface=a["interface"], reason=a["reason"]))}</title>'
                       f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#9e9e9e" stroke-width="1.5"/>'
                       + _label((x1 + x2) / 2, (y1 + y2) / 2 - 4, a["interface"], 9, "#616161") + '</g>')
    for link in view["links"]:
        n1, n2 = ("device", link["a"]), ("device", link["b"])
        if n1 in pos and n2 in pos:
            (x1, y1), (x2, y2) = center(n1), center(n2)
            out.append(f'<g class="link" data-a="{escape(link["a"])}" data-b="{escape(link["b"])}">'
                       f'<title>{escape(link["a"])}:{escape(link["a_interface"])} - {escape(link["b"])}:{escape(link["b_interface"])}</title>'
                       f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#37474f" stroke-width="3"/>'
                       + _label((x1 + x2) / 2, (y1 + y2) / 2 - 6, link["subnet"], 9, "#37474f") + '</g>')
    for node, (x, y) in pos.items():
        kind, name = node
        if kind == "zone":
            z = zones[name]
            sub = ", ".join(z["subnets"][:2]) + (" …" if len(z["subnets"]) > 2 else "")
            out.append(f'<g class="zone" data-name="{escape(name)}" data-kind="{escape(z["kind"])}">'
                       f'<rect x="{x}" y="{y}" width="{node_w}" height="{node_h}" rx="14" '
                       f'fill="{KIND_COLORS.get(z["kind"], "#eeeeee")}" stroke="#424242"/>'
                       f'<text x="{x + node_w / 2}" y="{y + 23}" font-size="14" font-weight="bold" text-anchor="middle">{escape(name)}</text>'
                       f'<text x="{x + node_w / 2}" y="{y + 39}" font-size="10" text-anchor="middle" fill="#333">{escape(z["kind"])}</text>'
                       f'<text x="{x + node_w / 2}" y="{y + 54}" font-size="9" text-anchor="middle" fill="#333">{escape(sub)}</text></g>')
        else:
            d = devices[name]
            out.append(f'<g class="device" data-name="{escape(name)}">'
                       f'<rect x="{x}" y="{y}" width="{node_w}" height="{node_h}" rx="4" fill="#455a64" stroke="#263238"/>'
                       f'<text x="{x + node_w / 2}" y="{y + 26}" font-size="13" font-weight="bold" fill="white" text-anchor="middle">{escape(name)}</text>'
                       f'<text x="{x + node_w / 2}" y="{y + 44}" font-size="10" fill="#eceff1" text-anchor="middle">'
                       f'{escape(d["vendor"])} {escape(d["os_version"] or "")}</text></g>')
    width = max(len(layers), 1) * col_w
    height = 30 + tallest * row_h
    return out, width, height


def _svg_flows(view: dict, x0: float, y0: float, lang: str = "en"):
    """Zones on a circle; one arrow per ordered pair with permitted traffic."""
    import math

    order = {k: i for i, k in enumerate(KIND_ORDER)}
    zones = sorted(view["zones"], key=lambda z: (order.get(z["kind"], 99), z["name"]))
    n = max(len(zones), 1)
    radius = 120 + 22 * n
    size = 2 * radius + 160
    cx, cy = x0 + size / 2, y0 + 30 + size / 2
    pos = {}
    for i, z in enumerate(zones):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        pos[z["name"]] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    w = _words(lang)
    out = [f'<text x="{x0}" y="{y0 + 10}" font-size="14" font-weight="bold" fill="#37474f">{escape(w["flows"])}</text>']
    node_r = 34
    for f in view["flows"]:
        if f["from"] not in pos or f["to"] not in pos:
            continue
        (x1, y1), (x2, y2) = pos[f["from"]], pos[f["to"]]
        dx, dy = x2 - x1, y2 - y1
        dist = max(math.hypot(dx, dy), 1)
        ux, uy = dx / dist, dy / dist
        sx, sy = x1 + ux * node_r, y1 + uy * node_r
        ex, ey = x2 - ux * (node_r + 3), y2 - uy * (node_r + 3)
        bend = 26  # both directions of a pair bend to their own side
        mx, my = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
        bad = f["violation"]
        color = "#c62828" if bad else "#2e7d32"
        shown = f["beyond_policy"] if bad and f["beyond_policy"] else f["services"]
        label = (w["UNFILTERED"] if f["unfiltered"] else "") + _short(shown, 2)
        title = w["flow_title"].format(a=f["from"], b=f["to"], services=", ".join(f["services"]),
                                       allowed=", ".join(f["allowed"]) or w["nothing"])
        title += w["no_filter"] if f["unfiltered"] else ""
        lx, ly = 0.25 * sx + 0.5 * mx + 0.25 * ex, 0.25 * sy + 0.5 * my + 0.25 * ey
        dash = "" if bad else ' stroke-dasharray="5 3"'
        out.append(f'<g class="flow{" violation" if bad else ""}" data-from="{escape(f["from"])}" data-to="{escape(f["to"])}">'
                   f'<title>{escape(title)}</title>'
                   f'<path d="M {sx:.0f} {sy:.0f} Q {mx:.0f} {my:.0f} {ex:.0f} {ey:.0f}" fill="none" stroke="{color}" '
                   f'stroke-width="{2.2 if bad else 1.4}"{dash} '
                   f'marker-end="url(#arrow-{"bad" if bad else "ok"})" opacity="0.8"/>'
                   + _label(lx, ly, label, 9, color) + '</g>')
    for z in zones:
        x, y = pos[z["name"]]
        out.append(f'<g class="zone-node" data-name="{escape(z["name"])}">'
                   f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{node_r}" fill="{KIND_COLORS.get(z["kind"], "#eee")}" stroke="#424242"/>'
                   f'<text x="{x:.0f}" y="{y + 4:.0f}" font-size="11" font-weight="bold" text-anchor="middle">{escape(z["name"])}</text></g>')
    return out, size, size + 30


def _svg_matrix(view: dict, x0: float, y0: float, lang: str = "en"):
    """Rows: from; columns: to; each cell the permitted services, red beyond the policy."""
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    names = [z["name"] for z in sorted(view["zones"], key=lambda z: (order.get(z["kind"], 99), z["name"]))]
    cells = {(f["from"], f["to"]): f for f in view["flows"]}
    head_w, cell_w, cell_h = 90, 128, 40
    w = _words(lang)
    out = [f'<text x="{x0}" y="{y0 + 10}" font-size="14" font-weight="bold" fill="#37474f">{escape(w["matrix"])}</text>']
    top = y0 + 30
    for j, name in enumerate(names):
        out.append(f'<text x="{x0 + head_w + j * cell_w + cell_w / 2:.0f}" y="{top + 14}" font-size="10" '
                   f'font-weight="bold" text-anchor="middle">{escape(name)}</text>')
    for i, src in enumerate(names):
        y = top + 22 + i * cell_h
        out.append(f'<text x="{x0 + head_w - 6}" y="{y + cell_h / 2 + 4:.0f}" font-size="10" font-weight="bold" '
                   f'text-anchor="end">{escape(src)}</text>')
        for j, dst in enumerate(names):
            x = x0 + head_w + j * cell_w
            f = cells.get((src, dst))
            if src == dst:
                fill, text, cls = "#f5f5f5", "—", "cell same"
            elif f is None:
                fill, text, cls = "#ffffff", "", "cell none"
            elif f["violation"]:
                beyond = f["beyond_policy"]
                text = (w["beyond"] + _short(beyond, 2)) if beyond and beyond != f["services"] else _short(f["services"], 2)
                if f["unfiltered"]:
                    text = w["unfiltered"] + _short(f["services"], 1)
                fill, cls = "#ffcdd2", "cell violation"
            else:
                fill, text, cls = "#c8e6c9", _short(f["services"], 2), "cell ok"
            out.append(f'<g class="{cls}" data-from="{escape(src)}" data-to="{escape(dst)}">'
                       f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{fill}" stroke="#bdbdbd"/>'
                       + (f'<title>{escape(src)} -> {escape(dst)}: {escape(", ".join(f["services"]))}</title>' if f else "")
                       + f'<text x="{x + cell_w / 2:.0f}" y="{y + cell_h / 2 + 3:.0f}" font-size="8" '
                       f'text-anchor="middle">{escape(text if len(text) <= 34 else text[:33] + "…")}</text></g>')
    width = head_w + len(names) * cell_w
    height = 22 + len(names) * cell_h + 30
    return out, width, height


def _svg_legend(x0: float, y0: float, lang: str = "en") -> list[str]:
    w = _words(lang)
    out = []
    for i, kind in enumerate(KIND_ORDER):
        lx, ly = x0 + (i % 4) * 120, y0 + (i // 4) * 22
        out.append(f'<rect x="{lx}" y="{ly}" width="16" height="12" rx="3" fill="{KIND_COLORS[kind]}" stroke="#424242"/>'
                   f'<text x="{lx + 22}" y="{ly + 10}" font-size="11">{kind}</text>')
    lx = x0 + 4 * 120 + 20
    out.append(f'<line x1="{lx}" y1="{y0 + 6}" x2="{lx + 30}" y2="{y0 + 6}" stroke="#2e7d32" stroke-dasharray="5 3"/>'
               f'<text x="{lx + 36}" y="{y0 + 10}" font-size="11">{escape(w["legend_ok"])}</text>'
               f'<line x1="{lx}" y1="{y0 + 28}" x2="{lx + 30}" y2="{y0 + 28}" stroke="#c62828" stroke-width="2.2"/>'
               f'<text x="{lx + 36}" y="{y0 + 32}" font-size="11">{escape(w["legend_bad"])}</text>')
    return out
