"""`netlint diff OLD NEW`: the semantic difference of two versions of a config.

For every filter present in both versions: the exact set of packets newly permitted
and newly denied, shown as a few example packets with the rule that decided each of
them on each side; filters added or removed; interface bindings changed. A change
that opens traffic is what article 10.1 asks to review before it is made."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netlint.filters import FilterSet
from netlint.model import Device
from netlint.space import Packet


@dataclass
class FilterChange:
    filter: str
    opened: list[dict[str, Any]] = field(default_factory=list)
    closed: list[dict[str, Any]] = field(default_factory=list)
    opened_services: list[str] = field(default_factory=list)
    closed_services: list[str] = field(default_factory=list)


@dataclass
class DiffResult:
    old: str
    new: str
    changes: list[FilterChange] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    bindings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def opens_traffic(self) -> bool:
        return any(c.opened for c in self.changes) or any(b["opens"] for b in self.bindings)

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "opens_traffic": self.opens_traffic,
            "filters": [
                {"filter": c.filter, "newly_permitted": c.opened, "newly_denied": c.closed,
                 "newly_permitted_services": c.opened_services, "newly_denied_services": c.closed_services}
                for c in self.changes
            ],
            "filters_added": self.added,
            "filters_removed": self.removed,
            "bindings_changed": self.bindings,
        }


def _verdict(fs: FilterSet, name: str, pkt: Packet) -> dict[str, Any]:
    v = fs.evaluate(name, pkt)
    return {
        "action": v.action if v.action in ("permit", "deny") else fs.filter(name).default_action,
        "line": v.rule.loc.line if v.rule else None,
        "rule": v.rule.loc.text if v.rule else None,
        "filter": v.filter,
    }


def _examples(old_fs: FilterSet, new_fs: FilterSet, name: str, packets: list[Packet]) -> list[dict[str, Any]]:
    return [
        {"packet": p.as_dict(), "describe": p.describe(), "old": _verdict(old_fs, name, p), "new": _verdict(new_fs, name, p)}
        for p in packets
    ]


def diff_devices(old: Device, new: Device, only: str | None = None, examples: int = 3) -> DiffResult:
    old_fs, new_fs = FilterSet(old), FilterSet(new)
    space = old_fs.space
    result = DiffResult(old.file, new.file)
    names_old = {n for n, f in old.filters.items() if f.is_base}
    names_new = {n for n, f in new.filters.items() if f.is_base}
    if only:
        names_old &= {only}
        names_new &= {only}
    result.added = sorted(names_new - names_old)
    result.removed = sorted(names_old - names_new)
    for name in sorted(names_old & names_new):
        a, b = old_fs.compiled(name).permitted, new_fs.compiled(name).permitted
        if a == b:
            continue
        change = FilterChange(name)
        opened, closed = b - a, a - b
        change.opened = _examples(old_fs, new_fs, name, space.samples(opened, examples))
        change.closed = _examples(old_fs, new_fs, name, space.samples(closed, examples))
        change.opened_services = space.services(opened) if not opened.is_empty() else []
        change.closed_services = space.services(closed) if not closed.is_empty() else []
        result.changes.append(change)
    if not only:
        result.bindings = _binding_changes(old, new)
    return result


def _binding_changes(old: Device, new: Device) -> list[dict[str, Any]]:
    out = []
    new_ifaces = {i.name: i for i in new.interfaces}
    for iface in old.interfaces:
        other = new_ifaces.get(iface.name)
        if other is None:
            continue
        for attr in ("filter_in", "filter_out", "filter_in6", "filter_out6"):
            before, after = getattr(iface, attr), getattr(other, attr)
            if before != after:
                out.append({
                    "interface": iface.name, "direction": attr.replace("filter_", ""),
                    "old": before, "new": after,
                    # Removing a filter from an interface lets everything through it.
                    "opens": before is not None and after is None,
                })
    return out


def render_diff_text(result: DiffResult) -> str:
    lines = [f"netlint diff {result.old} -> {result.new}"]
    if not (result.changes or result.added or result.removed or result.bindings):
        lines.append("No change in what any filter permits.")
        return "\n".join(lines) + "\n"
    for c in result.changes:
        lines.append(f"\nfilter {c.filter}")
        if c.opened:
            lines.append(f"  newly PERMITTED: {', '.join(c.opened_services)}")
            for ex in c.opened:
                lines.append(f"    {ex['describe']}")
                lines.append(f"      old: {_side(ex['old'])}")
                lines.append(f"      new: {_side(ex['new'])}")
        if c.closed:
            lines.append(f"  newly DENIED: {', '.join(c.closed_services)}")
            for ex in c.closed:
                lines.append(f"    {ex['describe']}")
                lines.append(f"      old: {_side(ex['old'])}")
                lines.append(f"      new: {_side(ex['new'])}")
    for name in result.added:
        lines.append(f"\nfilter {name}: added")
    for name in result.removed:
        lines.append(f"\nfilter {name}: removed")
    for b in result.bindings:
        note = " (opens traffic: the interface is no longer filtered)" if b["opens"] else ""
        lines.append(f"\ninterface {b['interface']} {b['direction']}: {b['old']} -> {b['new']}{note}")
    lines.append("")
    lines.append("This change OPENS traffic: review it (article 10.1)." if result.opens_traffic
                 else "This change only closes traffic.")
    return "\n".join(lines) + "\n"


def _side(v: dict[str, Any]) -> str:
    if v["line"] is None:
        return f"{v['action']} (no rule matched: default)"
    return f"{v['action']} by line {v['line']}: {v['rule']}"
