"""The check registry.

A check is data plus one function (DESIGN.md principle 4): it declares an id, a
category from the contract, a default severity and the guideline articles, and its
docstring says, in the shape ruff uses, *what it does*, *why it matters*, an
*example* and *how to fix*. `netlint rules` and the rule docs come from here.

A device check receives a `DeviceContext` and yields `Issue`s; a network check
receives a `NetworkContext`. The runner turns issues into `Finding`s carrying the
check's metadata. Checks never see vendor syntax: only `netlint.model`.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable

from netlint.findings import CATEGORIES, SEVERITIES, Finding
from netlint.model import Device, Location

CHECK_MODULES = ("parsing", "rulesets", "management", "zones", "switching", "lifecycle", "exposure", "access", "host")


@dataclass
class Check:
    id: str
    name: str
    category: str
    severity: str
    articles: tuple[str, ...]
    scope: str  # device | network
    func: Callable[..., Iterable[Issue]]
    doc: str
    # False for a check of a management category that reads the device's filters, not
    # its management settings: it runs even where the config cannot show the
    # management plane (an iptables-save, an nft ruleset).
    management_plane: bool = True

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else self.name

    def sections(self) -> dict[str, str]:
        """The docstring's sections: summary, what, why, example, fix."""
        out: dict[str, str] = {"summary": self.summary}
        current = None
        for line in inspect.cleandoc(self.doc).splitlines()[1:]:
            head = line.strip().lower().rstrip(":")
            if head in ("what it does", "why it matters", "example", "how to fix"):
                current = {"what it does": "what", "why it matters": "why", "example": "example", "how to fix": "fix"}[head]
                out[current] = ""
            elif current:
                out[current] += line + "\n"
        return {k: v.strip("\n") for k, v in out.items()}


REGISTRY: dict[str, Check] = {}


def check(id: str, name: str, category: str, severity: str, articles: Iterable[str] | None = None, scope: str = "device",
          management_plane: bool = True):
    """Register a check. Articles default to the category's articles (contract section 3)."""
    if category not in CATEGORIES:
        raise ValueError(f"{id}: unknown category {category}")
    if severity not in SEVERITIES:
        raise ValueError(f"{id}: unknown severity {severity}")

    def deco(func: Callable[..., Iterable[Issue]]) -> Callable[..., Iterable[Issue]]:
        if id in REGISTRY and REGISTRY[id].func is not func:
            raise ValueError(f"duplicate check id {id}")
        REGISTRY[id] = Check(
            id=id, name=name, category=category, severity=severity,
            articles=tuple(articles) if articles is not None else CATEGORIES[category],
            scope=scope, func=func, doc=func.__doc__ or "", management_plane=management_plane,
        )
        return func

    return deco


def all_checks() -> list[Check]:
    for module in CHECK_MODULES:
        importlib.import_module(f"netlint.checks.{module}")
    return sorted(REGISTRY.values(), key=lambda c: c.id)


@dataclass
class Issue:
    """What a check found, before the runner adds the check's metadata."""

    loc: Location | None
    message: str
    message_zh: str
    key: str
    evidence: dict[str, Any] = field(default_factory=dict)
    severity: str | None = None
    device: Device | None = None  # network checks say which device
    articles: tuple[str, ...] | None = None


@dataclass
class Options:
    today: date = field(default_factory=date.today)
    lang: str = "en"
    eol_data: str | None = None  # a YAML file replacing the shipped end-of-life table


class DeviceContext:
    """What a device check sees: the device, the policy, options, and the device's
    filters compiled to exact packet sets (on first use)."""

    def __init__(self, device: Device, policy: Any = None, options: Options | None = None) -> None:
        self.device = device
        self.policy = policy
        self.options = options or Options()
        self._filterset = None

    @property
    def filterset(self):
        if self._filterset is None:
            from netlint.filters import FilterSet

            self._filterset = FilterSet(self.device)
        return self._filterset

    def analysed_filters(self):
        """The device's filters, without composites built from others (a Junos
        input-list 'A+B'): their rules are A's and B's, whose findings already stand."""
        return [f for f in self.device.filters.values() if not f.extra.get("composite")]

    def device_loc(self) -> Location:
        """Where to point a finding about something missing from the whole config."""
        d = self.device
        if d.os_version_loc is not None:
            return d.os_version_loc
        return Location(d.file, 1, 1, "")


class NetworkContext:
    """What a network check sees: all devices, the policy, the zone graph and the
    zone-to-zone reachability (built on first use)."""

    def __init__(self, devices: list[Device], policy: Any = None, options: Options | None = None) -> None:
        self.devices = devices
        self.policy = policy
        self.options = options or Options()
        self._graph = None
        self._reach = None

    @property
    def graph(self):
        if self._graph is None:
            from netlint.graph import ZoneGraph

            self._graph = ZoneGraph(self.devices, self.policy)
        return self._graph

    @property
    def reach(self):
        if self._reach is None:
            from netlint.reach import Reachability

            self._reach = Reachability(self.devices, self.policy, self.graph)
        return self._reach


def _to_finding(chk: Check, issue: Issue, device: Device) -> Finding:
    loc = issue.loc or Location(device.file, 1, 1, "")
    return Finding(
        rule_id=chk.id,
        category=chk.category,
        severity=issue.severity or chk.severity,
        articles=list(issue.articles or chk.articles),
        device=device.hostname,
        file=loc.file or device.file,
        line=loc.line,
        end_line=loc.end_line,
        message=issue.message,
        message_zh=issue.message_zh,
        evidence=issue.evidence,
        key=f"{chk.id}|{issue.key}",
    )


def selected(checks: list[Check], select: Iterable[str] | None, ignore: Iterable[str] | None) -> list[Check]:
    """ruff-style selection: a code prefix ('NL1'), a full id, or a category name."""
    sel = [s.strip() for s in select or [] if s.strip()]
    ign = [s.strip() for s in ignore or [] if s.strip()]

    def hit(c: Check, pats: list[str]) -> bool:
        return any(c.id.startswith(p.upper()) or c.category == p or p.upper() == "ALL" for p in pats)

    return [c for c in checks if (not sel or hit(c, sel)) and not hit(c, ign)]


MANAGEMENT_CATEGORIES = {"insecure-management", "weak-authentication", "logging"}


def run_device_checks(ctx: DeviceContext, checks: list[Check]) -> list[Finding]:
    from netlint.space import safe_point

    out: list[Finding] = []
    for chk in checks:
        if chk.scope != "device":
            continue
        if chk.category in MANAGEMENT_CATEGORIES and chk.management_plane and not ctx.device.management_visible:
            continue  # the config cannot show it: no "missing" finding
        for issue in chk.func(ctx):
            out.append(_to_finding(chk, issue, ctx.device))
        safe_point()
    return out


def run_network_checks(ctx: NetworkContext, checks: list[Check]) -> list[Finding]:
    from netlint.space import safe_point

    out: list[Finding] = []
    for chk in checks:
        if chk.scope != "network":
            continue
        for issue in chk.func(ctx):
            device = issue.device or (ctx.devices[0] if ctx.devices else None)
            if device is None:
                continue
            out.append(_to_finding(chk, issue, device))
        safe_point()
    return out
