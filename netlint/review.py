"""The annual rule review (articles 5.5 and 10.3): every rule of every filter on every
device, with what the analysis knows about it, compared with last year's signed
worksheet. `write_review` is what `netlint review` calls; the workbook layout and the
words are in `netlint.report.worksheet`.

Rule identity. A rule's fingerprint is the SHA-256 of device, filter, the rule's
vendor-independent signature (action, addresses, services, zones, interfaces...) and
its occurrence among identical signatures of that filter: it survives renumbering,
reordering and comment edits, and changes when what the rule matches or does changes.

Comparison with the previous review, per device and filter:

1. same fingerprint: *unchanged*; last year's decision, owner, justification and
   ticket are carried forward (marked "carried from <date>");
2. otherwise a previous rule and a current rule of the same filter are the *same rule,
   changed* when enough of their identity agrees, scored: identical config line (6),
   same rule name (3; 2 when the name is only a number or position, such as ASA
   "line 6", IOS sequence 10 or iptables "FORWARD#2"), same non-empty remark (3), same
   position (1), and one point each for the same action, source, destination and
   services. A score of 5 or more pairs them, best scores first; a changed rule keeps
   its owner but needs a new decision;
3. current rules left over are *new*; previous rules left over are *removed*.

Rules decided "remove" last year that still exist (unchanged or changed) are flagged.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from netlint.findings import SEVERITIES, SEVERITY_RANK, Finding

REMOVE_IDS = {"NL110", "NL111", "NL112", "NL130", "NL131"}
TIGHTEN_IDS = {"NL101", "NL102", "NL103", "NL405", "NL501", "NL502", "NL503", "NL504", "NL713"}
DOCUMENT_IDS = {"NL140", "NL002"}
FILTER_KINDS = {"acl", "chain", "filter", "firewall-filter", "security-policy"}
RECOMMENDATION_ORDER = ("remove", "tighten", "document", "investigate", "keep")


def recommendation_for(rule_ids: set[str]) -> str:
    """remove (shadowed, redundant, expired, disabled, in an unused filter) before
    tighten (any-any, too permissive, zone violations, missing profiles) before
    document (no remark) before investigate (any other finding) before keep."""
    if not rule_ids:
        return "keep"
    if rule_ids & (REMOVE_IDS | {"NL120"}):
        return "remove"
    if rule_ids & TIGHTEN_IDS or any(r.startswith("NL8") for r in rule_ids):
        return "tighten"
    if rule_ids & DOCUMENT_IDS:
        return "document"
    return "investigate"


# --------------------------------------------------------------------------- data


@dataclass
class DeviceInfo:
    name: str
    vendor: str
    os_version: str | None
    file: str
    config_date: str | None
    sha256: str | None
    rules: int


@dataclass
class RuleRow:
    device: str
    filter: str
    position: int
    line: int
    name: str
    fingerprint: str
    action: str
    jump: str
    src_zones: str
    dst_zones: str
    source: str
    destination: str
    services: str
    schedule: str
    logging: bool
    enabled: bool
    remark: str
    config: str
    findings: list[Finding] = field(default_factory=list)
    findings_text: str = ""
    risk: str = "none"
    recommendation: str = "keep"
    change: str = ""  # new | unchanged | changed ('' without a previous review)
    previous_note: str = ""
    remove_overdue: bool = False
    owner: str = ""
    justification: str = ""
    decision: str = ""  # a stable key (keep/modify/remove/investigate) or the reviewer's own text
    ticket: str = ""
    reviewer: str = ""
    review_date: Any = None
    comment: str = ""
    carried: set[str] = field(default_factory=set)  # reviewer columns filled from the previous review


@dataclass
class Review:
    lang: str
    today: date
    version: str
    organization: str
    category: int | None
    policy_file: str | None
    devices: list[DeviceInfo]
    rows: list[RuleRow]
    findings: list[Finding]
    finding_rules: dict[str, list[str]]
    zones: list[str]
    matrix: list[Any]
    objects: list[Finding]
    checklist: list[Any]
    severity_counts: dict[str, int]
    accepted_count: int
    previous: Any = None  # worksheet.PreviousReview
    removed: list[Any] = field(default_factory=list)  # worksheet.PreviousRule


@dataclass
class ReviewSummary:
    output: Path
    rules: int
    devices: int
    recommendations: dict[str, int]
    previous: bool = False
    previous_date: str | None = None
    new: int = 0
    changed: int = 0
    removed: int = 0
    carried: int = 0
    overdue: int = 0
    pending: int = 0

    def __str__(self) -> str:
        head = f"wrote {self.output.name}: {self.rules} rule{'s' if self.rules != 1 else ''} on " \
               f"{self.devices} device{'s' if self.devices != 1 else ''}"
        if self.previous:
            since = f"the previous review of {self.previous_date}" if self.previous_date else "the previous review"
            return (f"{head} ({self.new} new, {self.changed} changed, {self.removed} removed since {since}; "
                    f"{self.carried} decisions carried; {self.overdue} decided 'remove' last year still present)")
        parts = [f"{self.recommendations.get(k, 0)} to {k}" for k in ("remove", "tighten", "document")]
        return f"{head} ({', '.join(parts)}; {self.pending} decisions pending)"


# --------------------------------------------------------------------------- entry point


def write_review(result, devices, network, output, lang: str = "zh-TW", previous=None,
                 today: date | None = None) -> ReviewSummary:
    """Build the worksheet from a lint run and write it to `output` (.xlsx). With
    `previous` (last year's worksheet) decisions are carried forward and changes
    marked. Raises ValueError("FILE: message") for an unusable previous worksheet."""
    from netlint.report.worksheet import LANGS, read_previous, write_workbook

    if lang not in LANGS:
        raise ValueError(f"unknown language {lang} (en or zh-TW)")
    today = today or date.today()
    output = Path(output)
    prev = read_previous(Path(previous)) if previous is not None else None
    review = build_review(result, devices, network, lang, today)
    if prev is not None:
        compare_with_previous(review, prev)
    write_workbook(review, output)
    recs: dict[str, int] = defaultdict(int)
    for r in review.rows:
        recs[r.recommendation] += 1
    return ReviewSummary(
        output=output, rules=len(review.rows), devices=len(devices), recommendations=dict(recs),
        previous=prev is not None, previous_date=prev.review_date if prev else None,
        new=sum(r.change == "new" for r in review.rows), changed=sum(r.change == "changed" for r in review.rows),
        removed=len(review.removed), carried=sum("decision" in r.carried for r in review.rows),
        overdue=sum(r.remove_overdue for r in review.rows), pending=sum(not r.decision for r in review.rows),
    )


def build_review(result, devices, network, lang: str, today: date) -> Review:
    policy = network.policy if network is not None else None
    namer = _ZoneNamer(network, lang)
    active = [f for f in result.findings if not f.suppressed or f.suppressed.get("kind") == "baseline"]
    active_ids = {id(f) for f in active}
    index = _FindingIndex(result.findings)
    rows: list[RuleRow] = []
    finding_rules: dict[str, list[str]] = defaultdict(list)
    infos: list[DeviceInfo] = []
    # Occurrences count across the whole run: two files of one hostname (an HA pair, a
    # config saved twice) still give every rule its own fingerprint.
    occurrences: dict[tuple[str, str, str], int] = defaultdict(int)
    for d in devices:
        count = 0
        for fname, filt in d.filters.items():
            for pos, rule in enumerate(filt.rules, 1):
                sig = rule.signature()
                n = occurrences[(d.hostname, fname, sig)]
                occurrences[(d.hostname, fname, sig)] += 1
                fp = rule_fingerprint(d.hostname, fname, sig, n)
                src_z, dst_z = namer.rule_zones(d, fname, filt, rule)
                row = RuleRow(
                    device=d.hostname, filter=fname, position=pos, line=rule.loc.line, name=rule.name or "",
                    fingerprint=fp, action=rule.action, jump=rule.jump or "",
                    src_zones=src_z, dst_zones=dst_z, source=rule.src.describe(), destination=rule.dst.describe(),
                    services=_services(rule), schedule=rule.time_range or "", logging=bool(rule.log),
                    enabled=bool(rule.enabled), remark=rule.remark or "", config=_config_text(rule),
                )
                row.findings = index.for_rule(d, fname, rule)
                ids = {f.rule_id for f in row.findings if id(f) in active_ids}
                sev = [f.severity for f in row.findings if id(f) in active_ids]
                row.risk = max(sev, key=lambda s: SEVERITY_RANK[s]) if sev else "none"
                row.recommendation = recommendation_for(ids)
                row.findings_text = _findings_text(row.findings, lang)
                for f in row.findings:
                    finding_rules[f.fingerprint].append(fp)
                rows.append(row)
                count += 1
        infos.append(DeviceInfo(d.hostname, d.vendor, d.os_version, d.file, _config_date(d), _sha256(d.file), count))
    matrix = []
    zones: list[str] = []
    if network is not None and policy is not None:
        from netlint.reach import zone_matrix

        zones = list(policy.zones)
        matrix = zone_matrix(network.reach)
    ordered = sorted(result.findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.device, f.file, f.line, f.rule_id))
    objects = sorted((f for f in result.findings if f.rule_id in ("NL120", "NL121")),
                     key=lambda f: (f.device, f.file, f.line, f.rule_id))
    counts = {s: 0 for s in SEVERITIES}
    for f in active:
        counts[f.severity] += 1
    accepted = sum(1 for f in result.findings if f.suppressed and f.suppressed.get("kind") != "baseline")
    organization = (policy.organization if policy is not None else "") or ""
    return Review(
        lang=lang, today=today, version=result.version, organization=organization, category=result.category,
        policy_file=result.policy_file, devices=infos, rows=rows, findings=ordered,
        finding_rules=dict(finding_rules), zones=zones, matrix=matrix, objects=objects,
        checklist=list(result.checklist or []), severity_counts=counts, accepted_count=accepted,
    )


def rule_fingerprint(device: str, filter_name: str, signature: str, occurrence: int) -> str:
    raw = "\x1f".join((device, filter_name, signature, str(occurrence)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- findings on rules


class _FindingIndex:
    """Findings by device, file and line: a finding belongs to a rule when its first
    line falls within the rule's lines (and it names no other filter). Findings on a
    whole filter that is never used (NL120 on an ACL or chain) belong to each of its rules."""

    def __init__(self, findings: list[Finding]) -> None:
        self.by_line: dict[tuple[str, str, int], list[Finding]] = defaultdict(list)
        self.unused_filters: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
        for f in findings:
            self.by_line[(f.device, f.file, f.line)].append(f)
            ev = f.evidence if isinstance(f.evidence, dict) else {}
            if f.rule_id == "NL120" and ev.get("kind") in FILTER_KINDS and ev.get("name"):
                self.unused_filters[(f.device, f.file, str(ev["name"]))].append(f)

    def for_rule(self, device, filter_name: str, rule) -> list[Finding]:
        out: list[Finding] = []
        file = rule.loc.file or device.file
        for line in range(rule.loc.line, max(rule.loc.end_line, rule.loc.line) + 1):
            for f in self.by_line.get((device.hostname, file, line), ()):
                ev = f.evidence if isinstance(f.evidence, dict) else {}
                named = ev.get("filter")
                if named is not None and named != filter_name:
                    continue
                out.append(f)
        out.extend(self.unused_filters.get((device.hostname, file, filter_name), ()))
        out.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.rule_id, f.message))
        return out


def _findings_text(findings: list[Finding], lang: str, limit: int = 220) -> str:
    from netlint.report.worksheet import label, text

    lines = []
    for f in findings:
        msg = " ".join(f.text(lang).split())
        if len(msg) > limit:
            msg = msg[: limit - 1] + "…"
        tag = label("risk", f.severity, lang)
        if f.suppressed and f.suppressed.get("kind") != "baseline":
            tag = f"{text('accepted', lang)}: {f.suppressed.get('reason') or f.suppressed.get('kind')}"
        lines.append(f"{f.rule_id} [{tag}] {msg}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- rule columns


def _services(rule) -> str:
    text = rule.describe_services()
    if rule.applications:
        text = ",".join(rule.applications) + (f" ({text})" if text not in ("any", "(none)") else "")
    return text


def _config_text(rule) -> str:
    return " ".join((rule.loc.text or "").split())


_DATE_PATTERNS = (
    re.compile(r"Last configuration change at (.+?)(?: by \S+)?\s*$"),
    re.compile(r"Last commit: (.+?)(?: by \S+)?\s*$"),
    re.compile(r"Generated by \S+(?: v\S+)? on (.+?)\s*$"),
    re.compile(r"Written by \S+ at (.+?)\s*$"),
    re.compile(r"NVRAM config last updated at (.+?)(?: by \S+)?\s*$"),
)


def _config_date(device) -> str | None:
    """When the config was saved or last changed, when the file says so."""
    facts = device.facts or {}
    if facts.get("last_commit"):
        return str(facts["last_commit"])
    try:
        with open(device.file, encoding="utf-8", errors="replace") as fh:
            for i, line in enumerate(fh):
                if i > 80:
                    break
                for pat in _DATE_PATTERNS:
                    m = pat.search(line)
                    if m:
                        return m.group(1).strip()
    except OSError:
        return None
    return None


def _sha256(file: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(file, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


# An ACL used by the management plane (vty access-class, SNMP, HTTP, NTP, control
# plane) filters traffic to the device itself.
_MGMT_CONTEXT = re.compile(r"(?i)^(line |management|snmp|ip http|ntp |control-plane|ssh|http)")


class _ZoneNamer:
    """The zones a rule's traffic comes from and goes to, in this order of evidence:
    the rule's own zones (zone-based policies; interface names mapped to the policy
    zone the zone graph attaches them to), the rule's interfaces (iptables -i/-o), the
    interface the filter is bound to (inbound: source side; outbound: destination
    side; a loopback or INPUT hook: the device itself), the rules jumping into a
    user chain, and last the policy zones of the rule's addresses."""

    def __init__(self, network, lang: str) -> None:
        from netlint.report.worksheet import text

        self.network = network
        self.policy = network.policy if network is not None else None
        self.graph = network.graph if network is not None and self.policy is not None else None
        self.self_label = text("self", lang)
        self._contexts: dict[int, dict[str, tuple[list[str], list[str]]]] = {}

    # ---- lookups

    def _iface_zone(self, d, name: str) -> str | None:
        if self.graph is None:
            return None
        iface = d.interface(name)
        if iface is None:
            return None
        found = self.graph.iface_zone.get((id(d), iface.name))
        return found[0].name if found else None

    def _named(self, d, names) -> list[str]:
        out = []
        zones = self.policy.zones if self.policy is not None else {}
        lower = {z.lower(): z for z in zones}
        for n in names:
            if n in zones or n.lower() in lower:
                out.append(lower.get(n.lower(), n))
                continue
            z = self._iface_zone(d, n)
            out.append(f"{z} ({n})" if z else n)
        return out

    def _bound(self, d, iface, direction: str) -> list[str]:
        zone = self._iface_zone(d, iface.name)
        if direction == "in" or zone:
            return [zone] if zone else []
        return []

    def _addresses(self, aset) -> list[str]:
        if aset.any or aset.negated or self.policy is None:
            return ["any"] if (aset.any or aset.negated) else []
        found: set[str] = set()
        for item in aset.items:
            fam = item.family
            for value in (item.first, item.last):
                ip = ipaddress.IPv4Address(value) if fam == 4 else ipaddress.IPv6Address(value)
                z = self.policy.zone_of_address(ip)
                if z is not None:
                    found.add(z.name)
            for z in self.policy.zones.values():
                for n in z.subnets:
                    if n.version == fam and n.prefixlen > 0 and item.first <= int(n.network_address) \
                            and int(n.broadcast_address) <= item.last:
                        found.add(z.name)
        return [z for z in self.policy.zones if z in found]

    # ---- filter context

    def _context(self, d) -> dict[str, tuple[list[str], list[str]]]:
        """filter name -> (source zones, destination zones) from interface bindings,
        hooks and jumps."""
        ctx = self._contexts.get(id(d))
        if ctx is not None:
            return ctx
        ctx = {}
        for iface in d.interfaces:
            zone = self._iface_zone(d, iface.name)
            loop = iface.name.lower().startswith(("lo", "loopback"))
            for attr, side in (("filter_in", 0), ("filter_in6", 0), ("filter_out", 1), ("filter_out6", 1)):
                name = getattr(iface, attr)
                if not name:
                    continue
                src, dst = ctx.setdefault(name, ([], []))
                if side == 0:
                    if zone and zone not in src:
                        src.append(zone)
                    if loop and self.self_label not in dst:
                        dst.append(self.self_label)
                elif zone and zone not in dst:
                    dst.append(zone)
        for ref in d.references:
            if ref.kind == "acl" and ref.name in d.filters and _MGMT_CONTEXT.search(ref.context or ""):
                src, dst = ctx.setdefault(ref.name, ([], []))
                if self.self_label not in dst:
                    dst.append(self.self_label)
        for name, filt in d.filters.items():
            if (filt.hook or "").lower() == "input":
                src, dst = ctx.setdefault(name, ([], []))
                if self.self_label not in dst:
                    dst.append(self.self_label)
        # user chains take the zones of the rules jumping to them (nested chains too)
        for _ in range(4):
            changed = False
            for name, filt in d.filters.items():
                for rule in filt.rules:
                    target = rule.jump
                    if not target or target not in d.filters or d.filters[target].is_base:
                        continue
                    src, dst = self._explicit(d, name, filt, rule, ctx)
                    tsrc, tdst = ctx.setdefault(target, ([], []))
                    for z in src:
                        if z not in tsrc:
                            tsrc.append(z)
                            changed = True
                    for z in dst:
                        if z not in tdst:
                            tdst.append(z)
                            changed = True
            if not changed:
                break
        self._contexts[id(d)] = ctx
        return ctx

    def _explicit(self, d, fname, filt, rule, ctx) -> tuple[list[str], list[str]]:
        """Zones from the rule itself or its filter's context (no address guesses)."""
        fsrc, fdst = ctx.get(fname, ([], []))
        if rule.src_zones is not None:
            src = self._named(d, rule.src_zones) or ["any"]
        elif rule.in_interfaces and not rule.in_interfaces_negated:
            src = self._named(d, rule.in_interfaces)
        elif filt.kind == "security-policy":
            src = ["any"]
        else:
            src = list(fsrc)
        if rule.dst_zones is not None:
            dst = self._named(d, rule.dst_zones) or ["any"]
        elif rule.out_interfaces and not rule.out_interfaces_negated:
            dst = self._named(d, rule.out_interfaces)
        elif filt.kind == "security-policy":
            dst = ["any"]
        else:
            dst = list(fdst)
        return src, dst

    def rule_zones(self, d, fname: str, filt, rule) -> tuple[str, str]:
        if self.policy is None:
            src = self._named(d, rule.src_zones or ())
            dst = self._named(d, rule.dst_zones or ())
            return ", ".join(src), ", ".join(dst)
        src, dst = self._explicit(d, fname, filt, rule, self._context(d))
        if not src:
            src = self._addresses(rule.src)
        if not dst:
            dst = self._addresses(rule.dst)
        return ", ".join(src), ", ".join(dst)


# --------------------------------------------------------------------------- previous review


_WEAK_NAME = re.compile(r"(?i)(line\s*)?\d+|.*#\d+")


def _norm(text: Any) -> str:
    return " ".join(str(text or "").split())


def _similarity(row: RuleRow, prev) -> tuple[int, str] | None:
    """(score, how) when `prev` is plausibly the same rule as `row`, changed."""
    from netlint.report.worksheet import unlabel

    how: list[str] = []
    score = 0
    if _norm(row.config) and _norm(row.config) == _norm(prev.get("config")):
        score += 6
        how.append("text")
    if row.name and row.name == str(prev.get("name")):
        score += 2 if _WEAK_NAME.fullmatch(row.name) else 3
        how.append("name")
    if row.remark and _norm(row.remark) == _norm(prev.get("remark")):
        score += 3
        how.append("remark")
    if row.position == prev.get("position", None):
        score += 1
        how.append("position")
    score += sum((
        row.action == unlabel("action", str(prev.get("action"))),
        _norm(row.source) == _norm(prev.get("source")),
        _norm(row.destination) == _norm(prev.get("destination")),
        _norm(row.services) == _norm(prev.get("services")),
    ))
    if score < 5 or not how:
        return None
    return score, how[0]


def compare_with_previous(review: Review, prev) -> None:
    """Mark each row new / unchanged / changed, carry last year's reviewer columns
    for unchanged rules, flag rules decided 'remove' that still exist, and list the
    previous rules that are gone in `review.removed`."""
    lang = review.lang
    review.previous = prev
    by_fp = {p.values["fingerprint"]: p for p in prev.rules}
    used: set[int] = set()
    pending: list[RuleRow] = []
    for row in review.rows:
        p = by_fp.get(row.fingerprint)
        if p is not None and id(p) not in used:
            used.add(id(p))
            _carry(row, p, prev, lang)
        else:
            pending.append(row)

    # changed rules: best-scoring pairs within each device and filter
    left_prev: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for p in prev.rules:
        if id(p) not in used:
            left_prev[(str(p.get("device")), str(p.get("filter")))].append(p)
    by_filter: dict[tuple[str, str], list[RuleRow]] = defaultdict(list)
    for row in pending:
        by_filter[(row.device, row.filter)].append(row)
    matched_rows: set[int] = set()
    for key, rows in by_filter.items():
        candidates = []
        for row in rows:
            for p in left_prev.get(key, []):
                sim = _similarity(row, p)
                if sim is not None:
                    dist = abs(row.position - (p.get("position", 0) or 0))
                    candidates.append((-sim[0], dist, row.position, p.row, sim[1], row, p))
        candidates.sort(key=lambda c: c[:4])
        for _, _, _, _, how, row, p in candidates:
            if id(row) in matched_rows or id(p) in used:
                continue
            matched_rows.add(id(row))
            used.add(id(p))
            _changed(row, p, prev, how, lang)
    for row in pending:
        if id(row) not in matched_rows:
            row.change = "new"
    review.removed = [p for p in prev.rules if id(p) not in used]


def _carry(row: RuleRow, p, prev, lang: str) -> None:
    from netlint.report.worksheet import text, unlabel

    row.change = "unchanged"
    when = p.get("review_date") or prev.review_date or text("the_previous", lang)
    for key in ("owner", "justification", "ticket"):
        v = p.get(key)
        if v:
            setattr(row, key, str(v))
            row.carried.add(key)
    if p.decision:
        row.decision = p.decision
        row.carried.add("decision")
    note = text("carried", lang, date=when)
    if p.get("reviewer"):
        note += text("by", lang, who=p.get("reviewer"))
    was_enabled = unlabel("yesno", str(p.get("enabled"))) if p.get("enabled") else None
    now = []
    if was_enabled in ("yes", "no") and (was_enabled == "yes") != row.enabled:
        now.append(text("enabled_now" if row.enabled else "disabled", lang))
    if p.values.get("schedule") is not None and _norm(p.get("schedule")) != _norm(row.schedule):
        now.append(row.schedule or "—")
    if now:
        note += ("；" if lang == "zh-TW" else "; ") + text("attrs_changed", lang, what=", ".join(now))
    if p.decision == "remove":
        row.remove_overdue = True
    row.previous_note = note


def _changed(row: RuleRow, p, prev, how: str, lang: str) -> None:
    from netlint.report.worksheet import label, text, unlabel

    row.change = "changed"
    when = p.get("review_date") or prev.review_date or text("the_previous", lang)
    if p.get("owner"):
        row.owner = str(p.get("owner"))
        row.carried.add("owner")
    action = label("action", unlabel("action", str(p.get("action"))), lang)
    was = f"{action} {p.get('source', '?')} → {p.get('destination', '?')} {p.get('services', '')}".strip()
    if p.get("line"):
        was += f"（{text('line', lang)} {p.get('line')}）" if lang == "zh-TW" else f" ({text('line', lang)} {p.get('line')})"
    parts = [text("matched", lang, how=text(f"how_{how}", lang)), text("was", lang, rule=was)]
    if p.decision:
        parts.append(text("last_decision", lang, date=when, d=label("decision", p.decision, lang)))
    if p.get("justification"):
        parts.append(text("last_justification", lang, j=p.get("justification")))
    row.previous_note = ("；" if lang == "zh-TW" else "; ").join(parts)
    if p.decision == "remove":
        row.remove_overdue = True
