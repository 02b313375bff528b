"""The per-article compliance checklist: for every article/paragraph of the guideline,
whether this run's findings show it failed, the checks show it passed, or only the
firm's own records can show it (needs-evidence), or it does not apply.

The report doubles as evidence for the yearly health check's "firewall connection
settings review" (article 17.4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUSES = ("fail", "pass", "needs-evidence", "not-applicable")


def articles() -> list[dict[str, Any]]:
    from netlint.datafiles import load

    return load("articles.yaml")


@dataclass
class ArticleStatus:
    id: str
    title: str
    title_zh: str
    summary: str
    summary_zh: str
    status: str
    note: str = ""
    note_zh: str = ""
    findings: list[str] = field(default_factory=list)  # fingerprints
    severities: dict[str, int] = field(default_factory=dict)
    accepted: list[str] = field(default_factory=list)  # fingerprints suppressed inline or by a policy exception

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        zh = lang == "zh-TW"
        return {
            "article": self.id,
            "title": self.title_zh if zh else self.title,
            "summary": self.summary_zh if zh else self.summary,
            "status": self.status,
            "note": (self.note_zh if zh else self.note) or None,
            "findings": self.findings,
            "severities": self.severities,
            "accepted": self.accepted,
        }


def applies(condition: str | None, devices, policy) -> bool:
    if not condition:
        return True
    if condition == "wireless":
        return any(d.wireless for d in devices)
    if condition == "remote_access":
        return any(d.remote_access for d in devices)
    if condition == "partner":
        return policy is not None and any(z.kind == "partner" for z in policy.zones.values())
    return True


def build_checklist(findings, checks_run: list[tuple[str, str]], devices, policy) -> list[ArticleStatus]:
    """`checks_run`: (check id, category) of every check this run executed."""
    ran_ids = {i for i, _ in checks_run}
    ran_categories = {c for _, c in checks_run}
    # Findings known from a baseline still count: a baseline hides them from the daily
    # report, it does not accept them. Inline suppressions and policy exceptions are
    # accepted risks: they do not fail an article, and are listed.
    active = [f for f in findings if not f.suppressed or f.suppressed.get("kind") == "baseline"]
    accepted = [f for f in findings if f.suppressed and f.suppressed.get("kind") != "baseline"]
    out: list[ArticleStatus] = []
    for art in articles():
        st = ArticleStatus(art["id"], art["title"], art["title_zh"], art["summary"], art["summary_zh"], "needs-evidence",
                           art.get("note", ""), art.get("note_zh", ""))
        scope = art["scope"]
        refs = art.get("checks", [])
        if scope == "out":
            st.status = "not-applicable"
            st.note, st.note_zh = "Outside what network configurations show.", "非網路設備設定檔所能呈現之範圍。"
        elif not applies(art.get("when"), devices, policy):
            st.status = "not-applicable"
            st.note = {"wireless": "No wireless configuration in scope.",
                       "remote_access": "No remote-access VPN configuration in scope.",
                       "partner": "The policy has no partner zone."}.get(art["when"], "")
            st.note_zh = {"wireless": "受檢範圍內無無線網路設定。", "remote_access": "受檢範圍內無遠端連線 VPN 設定。",
                          "partner": "政策檔未定義合作夥伴區域。"}.get(art["when"], "")
        else:
            hits = [f for f in active if f.rule_id in refs or f.category in refs]
            if art.get("from_kinds"):
                hits = [f for f in hits if _from_kind(f, policy) in art["from_kinds"]]
            checked = any(r in ran_ids or r in ran_categories for r in refs)
            st.accepted = [f.fingerprint for f in accepted
                           if (f.rule_id in refs or f.category in refs)
                           and (not art.get("from_kinds") or _from_kind(f, policy) in art["from_kinds"])]
            if hits:
                st.status = "fail"
                st.findings = [f.fingerprint for f in hits]
                for f in hits:
                    st.severities[f.severity] = st.severities.get(f.severity, 0) + 1
            elif scope == "config" and checked:
                st.status = "pass"
            elif scope == "config":
                st.note, st.note_zh = "Not checked in this run (checks deselected).", "本次執行未檢查（檢查項目未選取）。"
        out.append(st)
    return out


def summary_counts(items: list[ArticleStatus]) -> dict[str, int]:
    counts = {s: 0 for s in STATUSES}
    for a in items:
        counts[a.status] += 1
    return counts


def _from_kind(finding, policy) -> str | None:
    zone = finding.evidence.get("from_zone") if isinstance(finding.evidence, dict) else None
    if zone is None or policy is None or zone not in policy.zones:
        return None
    return policy.zones[zone].kind
