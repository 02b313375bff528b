"""The HTML report: one self-contained page for a CISO, an auditor or a network lead.

Everything is inline (CSS in a <style> block, the zone graph as an inline SVG, a few
lines of JavaScript for filtering); the page fetches nothing when opened: no CDN, no web
font, no remote image. It reads the same without JavaScript (every finding is shown, the
filter bar stays hidden) and prints cleanly (collapsed sections open, no toolbar).

Sections: header (organisation, category, date, version, policy, scope), summary
cards, the guideline checklist article by article, the findings by device with the
config excerpt around each (secrets redacted by netlint.report.redaction), the zone
graph and the zone matrix, the suppressed findings with their reasons, and the
descriptions of the checks that fired. Both languages: `lang` "en" or "zh-TW".
"""

from __future__ import annotations

import os
import re
import textwrap
from datetime import datetime, timezone
from html import escape
from typing import Any

from netlint.findings import SEVERITIES, SEVERITY_RANK, Finding, LintResult
from netlint.report.redaction import MARK, redact_line, redact_lines

CONTEXT_LINES = 3  # shown before and after the offending lines
MAX_HIGHLIGHT = 20  # offending lines shown in full; longer blocks are elided in the middle
MAX_CELL_SERVICES = 6  # services listed in a zone-matrix cell before "+N"

GUIDELINE_ZH = "證券暨期貨市場各服務事業網路安全防護參考指引"
STATUSES = ("fail", "pass", "needs-evidence", "not-applicable")
VENDORS = {
    "cisco_ios": "Cisco IOS / IOS-XE", "cisco_asa": "Cisco ASA", "cisco_nxos": "Cisco NX-OS",
    "arista_eos": "Arista EOS", "juniper_junos": "Juniper Junos", "paloalto_panos": "Palo Alto PAN-OS",
    "fortinet_fortios": "Fortinet FortiOS", "linux_iptables": "Linux iptables", "linux_nftables": "Linux nftables",
}
SECRET_KEYS = re.compile(r"pass|secret|psk|community|phash|hash|key$|^key", re.I)

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "doc_title": "Network security configuration review",
        "guideline": f"Checked against the network-security guideline for the securities and futures markets "
                     f"({GUIDELINE_ZH})",
        "organisation": "Organisation", "category": "Category", "category_n": "Category {n} firm",
        "generated": "Generated", "version": "netlint version", "policy": "Policy file",
        "no_policy": "none (zones inferred from the configs)", "scope": "Scope",
        "scope_n": "{devices} devices, {files} files",
        "nav_summary": "Summary", "nav_checklist": "Checklist", "nav_findings": "Findings",
        "nav_graph": "Zone graph", "nav_matrix": "Zone matrix", "nav_suppressed": "Suppressed", "nav_rules": "Checks",
        "summary": "Summary",
        "verdict": "{total} active findings on {devices} devices ({worst}). {fail} of {articles} guideline "
                   "paragraphs fail, {passed} pass, {evidence} need the firm's own evidence.",
        "verdict_clean": "No active findings on {devices} devices. {fail} of {articles} guideline paragraphs fail, "
                         "{passed} pass, {evidence} need the firm's own evidence.",
        "worst_part": "{n} {sev}",
        "active_findings": "Active findings", "devices": "Devices", "files": "Files",
        "suppressed_n": "Suppressed", "baseline_n": "Known (baseline)", "checklist_status": "Guideline checklist",
        "scope_head": "Devices in scope", "device": "Device", "vendor": "Vendor", "os_version": "OS version",
        "file": "File", "total": "Total", "unknown": "unknown",
        "checklist": "Guideline checklist",
        "checklist_intro": "Every article and paragraph of the guideline: failed by this run's findings, passed by "
                           "the checks, needing evidence only the firm's records can give, or not applicable.",
        "article": "Article", "title": "Title", "status": "Status", "findings": "Findings", "note": "Note",
        "accepted_n": "{n} accepted", "show_all": "All",
        "findings_head": "Findings by device",
        "findings_intro": "Worst first within each device. Each finding shows the configuration around the "
                          "offending lines (highlighted); secret values are replaced by <redacted>.",
        "filter_sev": "Severity", "filter_device": "Device", "all_devices": "All devices", "search": "Search",
        "search_ph": "NL101, telnet, 10.2…", "shown": "{shown} of {total} findings shown",
        "no_findings": "No active findings.", "no_source": "The configuration text is not available.",
        "evidence": "Evidence", "lines_elided": "… {n} more lines …", "network_wide": "Network-wide",
        "graph": "Zone graph",
        "graph_intro": "Zones, devices and links as the configs describe them, and the traffic the network "
                       "permits between zones (red: beyond the policy, or crossing no filter).",
        "no_graph": "No zone graph (the network-wide analysis did not run).",
        "matrix": "Zone matrix",
        "matrix_intro": "Rows: from; columns: to. Each cell lists the services the network permits for new "
                        "connections. Green: within the policy. Red: beyond the policy (services in bold) or "
                        "unfiltered.",
        "from_to": "from \\ to", "unfiltered": "unfiltered", "beyond": "beyond the policy",
        "policy_allows": "the policy allows", "nothing": "nothing", "legend_ok": "within the policy",
        "legend_bad": "beyond the policy or unfiltered", "legend_none": "nothing permitted",
        "suppressed": "Suppressed findings",
        "suppressed_intro": "Findings accepted inline in the configs or by an exception in the policy file; "
                            "they do not fail an article but remain on record.",
        "no_suppressed": "No suppressed findings.", "kind": "Kind", "reason": "Reason",
        "approved_by": "Approved by", "expires": "Expires", "location": "Location", "message": "Message",
        "rule": "Rule", "kind_inline": "inline comment", "kind_exception": "policy exception",
        "kind_baseline": "baseline",
        "baseline_line": "{n} findings known from the baseline are not shown.",
        "rules": "Checks that fired",
        "rules_intro": "What each check that reported a finding looks for, why it matters and how to fix it.",
        "what": "What it checks", "why": "Why it matters", "example": "Example", "fix": "How to fix",
        "articles": "Articles", "default_severity": "Default severity",
        "footer": "Produced by netlint {version}. The page is self-contained: it loads nothing from the network. "
                  "Configuration excerpts are redacted: passwords, secrets, keys and SNMP communities are "
                  "replaced by <redacted>.",
        "expand": "Expand all", "collapse": "Collapse all",
        "zoom": "Actual size", "topology": "Topology: zones, devices and the links between them",
        "flows": "Traffic the network permits between zones (new connections)",
        "flows_bad": "{bad} of the {total} zone pairs with permitted traffic go beyond the policy or cross no filter.",
        "see_matrix": "Services per zone pair in the zone matrix",
        "beyond_label": "beyond:", "n_findings": "{n} findings", "one_finding": "1 finding",
        "same_lines": "Configuration {loc} (shown above for another finding)",
        "new": "new since the baseline", "show_suppressed": "Show the {n} suppressed findings", "n_suppressed": "{n} suppressed",
    },
    "zh-TW": {
        "doc_title": "網路設備安全設定檢查報告",
        "guideline": f"依據{GUIDELINE_ZH}檢查",
        "organisation": "機構", "category": "級別", "category_n": "第 {n} 級",
        "generated": "產生時間", "version": "netlint 版本", "policy": "政策檔",
        "no_policy": "無（區域由設定檔推斷）", "scope": "受檢範圍",
        "scope_n": "{devices} 台設備、{files} 個檔案",
        "nav_summary": "摘要", "nav_checklist": "逐條檢核", "nav_findings": "發現事項",
        "nav_graph": "區域圖", "nav_matrix": "區域矩陣", "nav_suppressed": "已抑制", "nav_rules": "檢查項目",
        "summary": "摘要",
        "verdict": "{devices} 台設備共 {total} 項有效發現（{worst}）。指引 {articles} 條項中 {fail} 條不符合、"
                   "{passed} 條符合、{evidence} 條需機構自行佐證。",
        "verdict_clean": "{devices} 台設備沒有有效發現。指引 {articles} 條項中 {fail} 條不符合、{passed} 條符合、"
                         "{evidence} 條需機構自行佐證。",
        "worst_part": "{sev} {n} 項",
        "active_findings": "有效發現", "devices": "設備", "files": "檔案",
        "suppressed_n": "已抑制", "baseline_n": "基準檔已知", "checklist_status": "指引逐條檢核",
        "scope_head": "受檢設備", "device": "設備", "vendor": "廠牌", "os_version": "作業系統版本",
        "file": "檔案", "total": "合計", "unknown": "未知",
        "checklist": "指引逐條檢核",
        "checklist_intro": "指引每一條項的結果：本次發現事項顯示不符合、檢查顯示符合、僅能由機構紀錄佐證，或不適用。",
        "article": "條文", "title": "標題", "status": "狀態", "findings": "發現", "note": "備註",
        "accepted_n": "{n} 項已接受", "show_all": "全部",
        "findings_head": "各設備發現事項",
        "findings_intro": "各設備依嚴重度排序。每項發現附上相關設定行（醒目標示）及前後文；密碼等機敏值以 <redacted> 遮蔽。",
        "filter_sev": "嚴重度", "filter_device": "設備", "all_devices": "全部設備", "search": "搜尋",
        "search_ph": "NL101、telnet、10.2…", "shown": "顯示 {shown} / {total} 項發現",
        "no_findings": "沒有有效發現。", "no_source": "無法取得設定檔內容。",
        "evidence": "佐證資料", "lines_elided": "… 另有 {n} 行 …", "network_wide": "全網路",
        "graph": "網路區域圖",
        "graph_intro": "依設定檔呈現之區域、設備與連線，以及網路允許的區域間流量（紅色：超出政策或未經過濾）。",
        "no_graph": "無區域圖（未執行全網路分析）。",
        "matrix": "區域流量矩陣",
        "matrix_intro": "列為來源、欄為目的；每格列出網路允許建立新連線的服務。綠色：符合政策；紅色：超出政策（粗體為超出之服務）或未經過濾。",
        "from_to": "來源 \\ 目的", "unfiltered": "未經過濾", "beyond": "超出政策",
        "policy_allows": "政策允許", "nothing": "無", "legend_ok": "符合政策",
        "legend_bad": "超出政策或未經過濾", "legend_none": "不允許任何流量",
        "suppressed": "已抑制的發現",
        "suppressed_intro": "於設定檔內以註解接受，或於政策檔以例外核准的發現；不列為不符合，但保留紀錄。",
        "no_suppressed": "沒有已抑制的發現。", "kind": "方式", "reason": "理由",
        "approved_by": "核准人", "expires": "到期日", "location": "位置", "message": "說明",
        "rule": "規則", "kind_inline": "行內註解", "kind_exception": "政策例外", "kind_baseline": "基準檔",
        "baseline_line": "{n} 項已列於基準檔，不顯示。",
        "rules": "本次觸發的檢查項目",
        "rules_intro": "各檢查項目的檢查內容、重要性與修正方式（說明以英文撰寫）。",
        "what": "檢查內容", "why": "為何重要", "example": "範例", "fix": "修正方式",
        "articles": "條文", "default_severity": "預設嚴重度",
        "footer": "由 netlint {version} 產生。本頁為單一獨立檔案，開啟時不連線載入任何外部資源。"
                  "設定檔摘錄已遮蔽密碼、金鑰與 SNMP community 等機敏值（以 <redacted> 表示）。",
        "expand": "全部展開", "collapse": "全部收合",
        "zoom": "原始大小", "topology": "拓樸：區域、設備及其間的連線",
        "flows": "網路允許的區域間流量（新連線）",
        "flows_bad": "{total} 組有流量的區域配對中，{bad} 組超出政策或未經過濾。",
        "see_matrix": "各區域配對的服務請見區域流量矩陣",
        "beyond_label": "超出：", "n_findings": "{n} 項發現", "one_finding": "1 項發現",
        "same_lines": "設定 {loc}（已於上方其他發現中顯示）",
        "new": "基準檔後新增", "show_suppressed": "顯示 {n} 項已抑制的發現", "n_suppressed": "{n} 項已抑制",
    },
}
SEVERITY_LABEL = {
    "en": {"critical": "Critical", "high": "High", "medium": "Medium", "low": "Low", "info": "Info"},
    "zh-TW": {"critical": "嚴重", "high": "高", "medium": "中", "low": "低", "info": "資訊"},
}
STATUS_LABEL = {
    "en": {"fail": "Fail", "pass": "Pass", "needs-evidence": "Needs evidence", "not-applicable": "Not applicable"},
    "zh-TW": {"fail": "不符合", "pass": "符合", "needs-evidence": "需佐證", "not-applicable": "不適用"},
}


def render_html(result: LintResult, lang: str = "en", view: dict | None = None,
                sources: dict[str, list[str]] | None = None) -> str:
    page = _Page(result, "zh-TW" if lang == "zh-TW" else "en", view, sources or {})
    return page.render()


# --------------------------------------------------------------------------- helpers


def e(value: Any) -> str:
    """Escaped text (quotes too: the same helper serves attributes)."""
    return escape("" if value is None else str(value), quote=True)


def _code_spans(text: str) -> str:
    """Escaped text with `backtick` spans as <code>."""
    parts = str(text or "").split("`")
    if len(parts) % 2 == 0:  # unbalanced: no markup
        return e(text)
    return "".join(f"<code>{e(p)}</code>" if i % 2 else e(p) for i, p in enumerate(parts))


def _paragraphs(text: str) -> str:
    """A rule section (indented, hard-wrapped docstring text) as paragraphs."""
    text = textwrap.dedent(str(text or "")).strip()
    if not text:
        return ""
    paras = [" ".join(line.strip() for line in block.splitlines()) for block in re.split(r"\n\s*\n", text)]
    return "".join(f"<p>{_code_spans(p)}</p>" for p in paras if p)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "x"


def _show_redacted(escaped: str) -> str:
    return escaped.replace(e(MARK), '<span class="redacted">&lt;redacted&gt;</span>')


def _now() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible builds
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now().astimezone()


def _format_date(dt: datetime) -> str:
    offset = dt.strftime("%z")
    tz = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{dt:%Y-%m-%d %H:%M} {tz}"


def _severity_order(f: Finding):
    return (-SEVERITY_RANK[f.severity], f.file, f.line, f.rule_id, f.fingerprint)


def _redact_value(key: str, value: Any) -> Any:
    """Evidence values as shown: strings redacted, values under secret-named keys hidden
    (except the well-known default communities the checks name)."""
    if isinstance(value, str):
        if SECRET_KEYS.search(key) and value.strip('"').lower() not in ("public", "private", "", MARK):
            if key.lower() not in ("storage", "hash_kind", "kind"):
                return MARK
        return redact_line(value)
    if isinstance(value, list):
        return [_redact_value(key, v) for v in value]
    if isinstance(value, dict):
        return {k: _redact_value(str(k), v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------- the page


class _Page:
    def __init__(self, result: LintResult, lang: str, view: dict | None, sources: dict[str, list[str]]):
        self.r = result
        self.lang = lang
        self.zh = lang == "zh-TW"
        self.w = WORDS[lang]
        self.view = view
        self.sources = sources
        self._redacted: dict[str, list[str]] = {}
        self.active = sorted(result.active, key=_severity_order)
        self.suppressed = [f for f in result.findings if f.suppressed and f.suppressed.get("kind") != "baseline"]
        self.by_fp = {f.fingerprint: f for f in result.findings if f.fingerprint}
        self._shown_excerpts: set[tuple[str, int, int]] = set()
        self.sev_label = SEVERITY_LABEL[lang]
        self.status_label = STATUS_LABEL[lang]

    # ---------------------------------------------------------------- structure

    def render(self) -> str:
        w = self.w
        title = w["doc_title"] + (f" — {self.organisation}" if self.organisation else "")
        body = [
            self.header(),
            self.nav(),
            '<main class="wrap">',
            self.summary(),
            self.checklist(),
            self.findings(),
            self.graph(),
            self.matrix(),
            self.suppressed_section(),
            self.rules(),
            "</main>",
            f'<footer class="wrap">{_show_redacted(e(w["footer"].format(version=self.r.version)))}</footer>',
        ]
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{e(self.lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="netlint ' + e(self.r.version) + '">\n'
            f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n"
            '<body class="no-js">\n' + "\n".join(body) + f"\n<script>{JS}</script>\n</body>\n</html>\n"
        )

    @property
    def organisation(self) -> str:
        return self.r.organization or (self.view or {}).get("organization") or ""

    def header(self) -> str:
        w, r = self.w, self.r
        meta = []
        if r.category is not None:
            meta.append((w["category"], e(w["category_n"].format(n=r.category))))
        meta.append((w["generated"], e(_format_date(_now()))))
        meta.append((w["version"], e(r.version)))
        meta.append((w["policy"], f"<code>{e(r.policy_file)}</code>" if r.policy_file else e(w["no_policy"])))
        meta.append((w["scope"], e(w["scope_n"].format(devices=len(r.devices), files=r.files))))
        items = "".join(f"<div><dt>{e(k)}</dt><dd>{v}</dd></div>" for k, v in meta)
        devices = "".join(
            f'<li><strong>{e(d.get("name"))}</strong> <span>{e(VENDORS.get(d.get("vendor") or "", d.get("vendor") or ""))}'
            f'{" " + e(d["os_version"]) if d.get("os_version") else ""}</span></li>' for d in r.devices)
        notes = "".join(f"<li>{_code_spans(n)}</li>" for n in r.policy_notes)
        org = self.organisation
        return (
            '<header class="top"><div class="wrap">'
            f'<div class="eyebrow">netlint · {e(w["doc_title"])}</div>'
            f'<h1>{e(org) if org else e(w["doc_title"])}</h1>'
            f'<p class="guideline">{e(w["guideline"])}</p>'
            f'<dl class="meta">{items}</dl>'
            + (f'<ul class="scope-list" aria-label="{e(w["scope"])}">{devices}</ul>' if devices else "")
            + (f'<ul class="notes">{notes}</ul>' if notes else "")
            + "</div></header>"
        )

    def nav(self) -> str:
        w = self.w
        links = [("summary", w["nav_summary"], None), ("checklist", w["nav_checklist"], None),
                 ("findings", w["nav_findings"], len(self.active)), ("graph", w["nav_graph"], None),
                 ("matrix", w["nav_matrix"], None), ("suppressed", w["nav_suppressed"], len(self.suppressed)),
                 ("rules", w["nav_rules"], None)]
        items = "".join(f'<a href="#{a}">{e(t)}{f" <span>{n}</span>" if n is not None else ""}</a>' for a, t, n in links)
        return f'<nav class="toc"><div class="wrap">{items}</div></nav>'

    def section(self, anchor: str, title: str, intro: str, content: str, count: int | None = None) -> str:
        badge = f' <span class="count">{count}</span>' if count is not None else ""
        intro_html = f'<p class="intro">{_show_redacted(e(intro))}</p>' if intro else ""
        return f'<section id="{anchor}"><h2>{e(title)}{badge}</h2>{intro_html}{content}</section>'

    # ---------------------------------------------------------------- summary

    def summary(self) -> str:
        from netlint.checklist import summary_counts

        w, r = self.w, self.r
        counts = r.counts()
        total = sum(counts.values())
        status = summary_counts(r.checklist) if r.checklist else {s: 0 for s in STATUSES}
        n_articles = sum(status.values())
        worst = ", " if not self.zh else "、"
        worst = worst.join(w["worst_part"].format(n=counts[s], sev=self.sev_label[s].lower() if not self.zh
                                                  else self.sev_label[s]) for s in SEVERITIES if counts[s])
        verdict = (w["verdict"] if total else w["verdict_clean"]).format(
            total=total, devices=len(r.devices), worst=worst, fail=status["fail"], articles=n_articles,
            passed=status["pass"], evidence=status["needs-evidence"])
        sev_cards = "".join(
            f'<a class="card sev-card sev-{s}{" zero" if not counts[s] else ""}" href="#findings" data-filter-sev="{s}">'
            f'<span class="num">{counts[s]}</span><span class="lbl">{e(self.sev_label[s])}</span></a>'
            for s in SEVERITIES)
        other = [(w["active_findings"], total), (w["devices"], len(r.devices)), (w["files"], r.files),
                 (w["suppressed_n"], len(self.suppressed))]
        if r.baseline_known:
            other.append((w["baseline_n"], r.baseline_known))
        other_cards = "".join(f'<div class="card plain"><span class="num">{n}</span><span class="lbl">{e(t)}</span></div>'
                              for t, n in other)
        bar = ""
        if n_articles:
            segs = "".join(f'<span class="seg st-{s}" style="flex:{status[s]}" title="{e(self.status_label[s])}: '
                           f'{status[s]}"></span>' for s in STATUSES if status[s])
            legend = "".join(f'<li><i class="dot st-{s}"></i>{e(self.status_label[s])} <b>{status[s]}</b></li>'
                             for s in STATUSES)
            bar = (f'<div class="card checklist-card"><div class="lbl">{e(w["checklist_status"])} '
                   f'<span class="muted">({n_articles})</span></div><div class="stack">{segs}</div>'
                   f'<ul class="legend">{legend}</ul></div>')
        return self.section("summary", w["summary"], "", (
            f'<p class="verdict">{e(verdict)}</p>'
            f'<div class="cards sev-cards">{sev_cards}</div>'
            f'<div class="cards second">{other_cards}{bar}</div>'
            + self.scope_table()))

    def scope_table(self) -> str:
        w = self.w
        per: dict[str, dict[str, int]] = {}
        for f in self.active:
            per.setdefault(f.device, {s: 0 for s in SEVERITIES})[f.severity] += 1
        head = "".join(f'<th class="n"><span class="badge sm sev-{s}">{e(self.sev_label[s])}</span></th>'
                       for s in SEVERITIES)
        rows = []
        for i, d in enumerate(self.r.devices):
            c = per.get(d.get("name"), {s: 0 for s in SEVERITIES})
            cells = "".join(f'<td class="n {"z" if not c[s] else "c-" + s}">{c[s]}</td>' for s in SEVERITIES)
            rows.append(
                f'<tr><td><a href="#{self.device_anchor(d.get("name", ""))}"><strong>{e(d.get("name"))}</strong></a></td>'
                f'<td>{e(VENDORS.get(d.get("vendor") or "", d.get("vendor") or ""))}</td>'
                f'<td>{e(d.get("os_version") or "—")}</td><td><code>{e(d.get("file"))}</code></td>'
                f'{cells}<td class="n total">{sum(c.values())}</td></tr>')
        return (f'<h3>{e(w["scope_head"])}</h3><div class="table-wrap"><table class="data scope">'
                f'<thead><tr><th>{e(w["device"])}</th><th>{e(w["vendor"])}</th><th>{e(w["os_version"])}</th>'
                f'<th>{e(w["file"])}</th>{head}<th class="n">{e(w["total"])}</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')

    # ---------------------------------------------------------------- checklist

    def checklist(self) -> str:
        w = self.w
        if not self.r.checklist:
            return self.section("checklist", w["checklist"], w["checklist_intro"], "<p class=\"muted\">—</p>")
        rows = []
        for a in self.r.checklist:
            title = a.title_zh if self.zh and a.title_zh else a.title
            summary = a.summary_zh if self.zh and a.summary_zh else a.summary
            note = a.note_zh if self.zh and a.note_zh else a.note
            links = []
            for fp in a.findings:
                f = self.by_fp.get(fp)
                if f is not None:
                    links.append(f'<li><a href="#f-{e(fp)}"><span class="badge xs sev-{f.severity}"></span>'
                                 f'{e(f.rule_id)} · {e(f.device)}:{f.line}</a></li>')
            sev_mini = "".join(f'<span class="badge xs sev-{s}" title="{e(self.sev_label[s])}">{a.severities[s]}</span>'
                               for s in SEVERITIES if a.severities.get(s))
            if a.findings:
                cell = (f'<details><summary><b>{len(a.findings)}</b> {sev_mini}</summary>'
                        f'<ul class="flist">{"".join(links)}</ul></details>')
            else:
                cell = '<span class="muted">0</span>'
            if a.accepted:
                cell += f'<div class="accepted"><a href="#suppressed">{e(w["accepted_n"].format(n=len(a.accepted)))}</a></div>'
            rows.append(
                f'<tr id="art-{e(a.id)}" class="st-row-{e(a.status)}" data-status="{e(a.status)}">'
                f'<td class="art">{e(a.id)}</td>'
                f'<td><div class="art-title">{e(title)}</div><div class="art-sum">{e(summary)}</div></td>'
                f'<td><span class="status st-{e(a.status)}">{e(self.status_label.get(a.status, a.status))}</span></td>'
                f'<td class="fcell">{cell}</td><td class="note">{_code_spans(note)}</td></tr>')
        from netlint.checklist import summary_counts

        counts = summary_counts(self.r.checklist)
        chips = (f'<button type="button" class="chip on" data-status="">{e(w["show_all"])} '
                 f'<b>{len(self.r.checklist)}</b></button>' + "".join(
                     f'<button type="button" class="chip" data-status="{s}"><i class="dot st-{s}"></i>'
                     f'{e(self.status_label[s])} <b>{counts[s]}</b></button>' for s in STATUSES))
        table = (f'<div class="toolbar js-only" id="status-filter">{chips}</div>'
                 f'<div class="table-wrap"><table class="data checklist"><thead><tr>'
                 f'<th>{e(w["article"])}</th><th>{e(w["title"])}</th><th>{e(w["status"])}</th>'
                 f'<th>{e(w["findings"])}</th><th>{e(w["note"])}</th></tr></thead>'
                 f'<tbody>{"".join(rows)}</tbody></table></div>')
        return self.section("checklist", w["checklist"], w["checklist_intro"], table)

    # ---------------------------------------------------------------- findings

    def device_anchor(self, name: str) -> str:
        return "dev-" + _slug(name or "network")

    def findings(self) -> str:
        w = self.w
        if not self.active:
            return self.section("findings", w["findings_head"], "", f'<p class="ok-note">{e(w["no_findings"])}</p>', 0)
        known = [d.get("name") for d in self.r.devices]
        groups: dict[str, list[Finding]] = {}
        for f in self.active:
            groups.setdefault(f.device, []).append(f)
        order = [n for n in known if n in groups] + sorted(n for n in groups if n not in known)
        sev_buttons = "".join(
            f'<button type="button" class="chip sev on" data-sev="{s}" aria-pressed="true">'
            f'<i class="dot sev-{s}"></i>{e(self.sev_label[s])} <b>{self.r.counts()[s]}</b></button>'
            for s in SEVERITIES)
        dev_options = "".join(f'<option value="{e(n)}">{e(n or w["network_wide"])}</option>' for n in order)
        toolbar = (
            '<div class="toolbar js-only" id="finding-filter">'
            f'<span class="tlabel">{e(w["filter_sev"])}</span>{sev_buttons}'
            f'<label class="tlabel">{e(w["filter_device"])} <select id="f-device"><option value="">'
            f'{e(w["all_devices"])}</option>{dev_options}</select></label>'
            f'<label class="tlabel">{e(w["search"])} <input type="search" id="f-search" placeholder="{e(w["search_ph"])}">'
            f'</label><span class="shown" id="f-shown" data-template="{e(w["shown"])}"></span>'
            f'<span class="spacer"></span><button type="button" class="chip" id="f-toggle" '
            f'data-expand="{e(w["expand"])}" data-collapse="{e(w["collapse"])}">{e(w["collapse"])}</button></div>')
        blocks = []
        for name in order:
            items = groups[name]
            dev = next((d for d in self.r.devices if d.get("name") == name), {})
            c = {s: sum(1 for f in items if f.severity == s) for s in SEVERITIES}
            mini = "".join(f'<span class="badge sm sev-{s}">{c[s]} {e(self.sev_label[s])}</span>' for s in SEVERITIES if c[s])
            sub = " · ".join(x for x in (VENDORS.get(dev.get("vendor") or "", dev.get("vendor") or ""),
                                          dev.get("os_version") or "", dev.get("file") or "") if x)
            cards = "".join(self.finding_card(f) for f in items)
            blocks.append(
                f'<details class="device" open id="{self.device_anchor(name)}" data-device="{e(name)}">'
                f'<summary><span class="dev-name">{e(name or w["network_wide"])}</span>'
                f'<span class="dev-sub">{e(sub)}</span><span class="dev-counts">{mini}</span></summary>'
                f'<div class="device-body">{cards}</div></details>')
        return self.section("findings", w["findings_head"], w["findings_intro"], toolbar + "".join(blocks),
                            len(self.active))

    def finding_card(self, f: Finding) -> str:
        arts = "".join(f'<a class="art-chip" href="#art-{e(a)}">{e(a)}</a>' for a in f.articles)
        loc = f"{f.file}:{f.line}" + (f"–{f.end_line}" if f.end_line and f.end_line > f.line else "")
        search = " ".join([f.rule_id, f.category, f.device, f.text(self.lang), " ".join(f.articles), loc]).lower()
        return (
            f'<article class="finding sev-{f.severity}" id="f-{e(f.fingerprint)}" data-sev="{f.severity}" '
            f'data-device="{e(f.device)}" data-search="{e(search)}">'
            f'<div class="fhead"><span class="badge sev-{f.severity}">{e(self.sev_label[f.severity])}</span>'
            f'<a class="rule-id" href="#rule-{e(f.rule_id)}">{e(f.rule_id)}</a>'
            f'<span class="cat">{e(f.category)}</span>'
            + (f'<span class="new">{e(self.w["new"])}</span>' if f.baseline_state == "new" else "")
            + f'{f"<span class=arts>{arts}</span>" if arts else ""}'
            f'<span class="loc"><code>{e(loc)}</code></span></div>'
            f'<p class="msg">{e(f.text(self.lang))}</p>'
            + self.excerpt(f) + self.evidence(f) + "</article>")

    def source(self, file: str) -> list[str]:
        if file not in self._redacted:
            raw = self.sources.get(file) or []
            self._redacted[file] = redact_lines([str(x).rstrip("\r\n").expandtabs(4) for x in raw])
        return self._redacted[file]

    def excerpt(self, f: Finding) -> str:
        lines = self.source(f.file)
        if not lines or not f.line or f.line < 1 or f.line > len(lines):
            return f'<p class="no-source">{e(self.w["no_source"])}</p>' if f.line and f.file else ""
        start, end = f.line, max(f.line, min(f.end_line or f.line, len(lines)))
        first, last = max(1, start - CONTEXT_LINES), min(len(lines), end + CONTEXT_LINES)
        numbers: list[int | None] = list(range(first, last + 1))
        if end - start + 1 > MAX_HIGHLIGHT:
            half = MAX_HIGHLIGHT // 2
            numbers = list(range(first, start + half)) + [None] + list(range(end - half + 1, last + 1))
        rows = []
        for n in numbers:
            if n is None:
                skipped = (end - half + 1) - (start + half)
                rows.append(f'<tr class="gap"><td class="ln">⋮</td><td class="src">'
                            f'{e(self.w["lines_elided"].format(n=skipped))}</td></tr>')
                continue
            hit = start <= n <= end
            cls = ' class="hit"' if hit else ""
            rows.append(f'<tr{cls}><td class="ln">{n}</td>'
                        f'<td class="src">{_show_redacted(e(lines[n - 1])) or " "}</td></tr>')
        table = f'<div class="excerpt"><table class="code"><tbody>{"".join(rows)}</tbody></table></div>'
        key = (f.file, start, end)
        if key in self._shown_excerpts:  # the same lines again: folded, one click away
            loc = f"{f.file}:{start}" + (f"–{end}" if end > start else "")
            return (f'<details class="excerpt-again"><summary>{e(self.w["same_lines"].format(loc=loc))}</summary>'
                    f'{table}</details>')
        self._shown_excerpts.add(key)
        return table

    def evidence(self, f: Finding) -> str:
        ev = f.evidence if isinstance(f.evidence, dict) else {}
        items = []
        for key, value in ev.items():
            if value in (None, "", [], {}):
                continue
            items.append(f"<dt>{e(str(key).replace('_', ' '))}</dt><dd>{self.value_html(_redact_value(str(key), value))}</dd>")
        if not items:
            return ""
        return (f'<details class="evidence"><summary>{e(self.w["evidence"])}</summary>'
                f'<dl>{"".join(items)}</dl></details>')

    def value_html(self, value: Any) -> str:
        if isinstance(value, bool):
            return "✓" if value else "✗"
        if isinstance(value, list):
            if all(not isinstance(v, (list, dict)) for v in value) and sum(len(str(v)) for v in value) < 90:
                return ", ".join(f"<code>{_show_redacted(e(v))}</code>" for v in value)
            return "<ul>" + "".join(f"<li>{self.value_html(v)}</li>" for v in value) + "</ul>"
        if isinstance(value, dict):
            return " · ".join(f'<span class="muted">{e(k)}</span> {self.value_html(v)}' for k, v in value.items()
                              if v not in (None, "", [], {}))
        return f"<code>{_show_redacted(e(value))}</code>"

    # ---------------------------------------------------------------- zone graph and matrix

    def graph(self) -> str:
        w = self.w
        if not self.view or not self.view.get("zones"):
            return self.section("graph", w["graph"], "", f'<p class="muted">{e(w["no_graph"])}</p>')
        from netlint.report.diagram import KIND_COLORS, KIND_ORDER

        panels = _svg_panels(self.view, self.lang)
        kinds = [k for k in KIND_ORDER if any(z.get("kind") == k for z in self.view["zones"])]
        legend = (
            '<ul class="legend graph-legend">'
            + "".join(f'<li><i class="kind" style="background:{KIND_COLORS[k]}"></i>{e(k)}</li>' for k in kinds)
            + f'<li><i class="lgline ok"></i>{e(w["legend_ok"])}</li><li><i class="lgline bad"></i>{e(w["legend_bad"])}</li></ul>')
        zoom = f'<button type="button" class="chip zoom js-only">{e(w["zoom"])}</button>'
        topo, flows = panels
        n_bad = sum(1 for f in self.view.get("flows", []) if f.get("violation"))
        n_all = len(self.view.get("flows", []))
        body = (f'<figure class="graph"><figcaption>{e(w["topology"])}</figcaption>{zoom}{topo}</figure>'
                f'<div class="graph-row"><figure class="graph flows"><figcaption>{e(w["flows"])}</figcaption>'
                f'{flows}</figure><aside class="graph-side">{legend}'
                f'<p class="big-num"><span class="num bad">{n_bad}</span> / {n_all}</p>'
                f'<p class="muted">{e(w["flows_bad"].format(bad=n_bad, total=n_all))}</p>'
                f'<p><a href="#matrix">{e(w["see_matrix"])} →</a></p></aside></div>')
        return self.section("graph", w["graph"], w["graph_intro"], body)

    def matrix(self) -> str:
        w = self.w
        if not self.view or not self.view.get("zones"):
            return self.section("matrix", w["matrix"], "", f'<p class="muted">{e(w["no_graph"])}</p>')
        from netlint.report.diagram import KIND_COLORS, KIND_ORDER

        order = {k: i for i, k in enumerate(KIND_ORDER)}
        zones = sorted(self.view["zones"], key=lambda z: (order.get(z.get("kind"), 99), z["name"]))
        cells = {(f["from"], f["to"]): f for f in self.view.get("flows", [])}
        head = "".join(f'<th class="zone-h"><i class="kind" style="background:{KIND_COLORS.get(z.get("kind"), "#eee")}">'
                       f'</i>{e(z["name"])}<small>{e(z.get("kind"))}</small></th>' for z in zones)
        rows = []
        for src in zones:
            tds = []
            for dst in zones:
                f = cells.get((src["name"], dst["name"]))
                if src["name"] == dst["name"]:
                    tds.append('<td class="mx same">—</td>')
                elif f is None:
                    tds.append('<td class="mx none"></td>')
                else:
                    tds.append(self.matrix_cell(f))
            rows.append(f'<tr><th class="zone-r"><i class="kind" style="background:{KIND_COLORS.get(src.get("kind"), "#eee")}">'
                        f'</i>{e(src["name"])}<small>{e(src.get("kind"))}</small></th>{"".join(tds)}</tr>')
        legend = (f'<ul class="legend mx-legend"><li><i class="sw ok"></i>{e(w["legend_ok"])}</li>'
                  f'<li><i class="sw bad"></i>{e(w["legend_bad"])}</li>'
                  f'<li><i class="sw none"></i>{e(w["legend_none"])}</li></ul>')
        table = (f'<div class="table-wrap"><table class="matrix"><thead><tr><th class="corner">{e(w["from_to"])}</th>'
                 f'{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>{legend}')
        return self.section("matrix", w["matrix"], w["matrix_intro"], table)

    def matrix_cell(self, f: dict) -> str:
        w = self.w
        services = list(f.get("services") or [])
        beyond = list(f.get("beyond_policy") or [])
        bad = bool(f.get("violation"))
        items = [f'<span class="svc{" beyond" if bad and s in beyond else ""}">{e(s)}</span>'
                 for s in services[:MAX_CELL_SERVICES]]
        if len(services) > MAX_CELL_SERVICES:
            items.append(f'<span class="more">+{len(services) - MAX_CELL_SERVICES}</span>')
        extra = [b for b in beyond if b not in services]
        if bad and extra:
            items.append(f'<span class="beyond-note">{e(w["beyond_label"])} '
                         + ", ".join(f'<b>{e(b)}</b>' for b in extra) + "</span>")
        flag = f'<span class="flag">{e(w["unfiltered"])}</span>' if f.get("unfiltered") else ""
        allowed = ", ".join(f.get("allowed") or []) or w["nothing"]
        title = f'{f["from"]} → {f["to"]}: {", ".join(services)} ({w["policy_allows"]}: {allowed})'
        return (f'<td class="mx {"bad" if bad else "ok"}" title="{e(title)}" data-from="{e(f["from"])}" '
                f'data-to="{e(f["to"])}">{flag}{"".join(items)}</td>')

    # ---------------------------------------------------------------- suppressed and rules

    def suppressed_section(self) -> str:
        w = self.w
        parts = []
        if self.suppressed:
            rows = []
            for f in sorted(self.suppressed, key=_severity_order):
                s = f.suppressed or {}
                kind = s.get("kind", "")
                approved = " ".join(x for x in (s.get("approved_by") or "", f"({w['expires']} {s['expires']})"
                                                if s.get("expires") else "") if x)
                rows.append(
                    f'<tr id="f-{e(f.fingerprint)}"><td><span class="badge sm sev-{f.severity}">'
                    f'{e(self.sev_label[f.severity])}</span></td>'
                    f'<td><a href="#rule-{e(f.rule_id)}" class="rule-id">{e(f.rule_id)}</a></td>'
                    f'<td><code>{e(f.file)}:{f.line}</code><div class="muted">{e(f.device)}</div></td>'
                    f'<td>{e(f.text(self.lang))}</td><td>{e(w.get("kind_" + kind, kind))}</td>'
                    f'<td>{_show_redacted(e(redact_line(str(s.get("reason") or "—"))))}</td><td>{e(approved or "—")}</td></tr>')
            parts.append(
                f'<details class="suppressed"><summary>{e(w["show_suppressed"].format(n=len(self.suppressed)))}</summary>'
                f'<div class="table-wrap"><table class="data"><thead><tr><th>{e(w["filter_sev"])}</th>'
                f'<th>{e(w["rule"])}</th><th>{e(w["location"])}</th><th>{e(w["message"])}</th><th>{e(w["kind"])}</th>'
                f'<th>{e(w["reason"])}</th><th>{e(w["approved_by"])}</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div></details>')
        else:
            parts.append(f'<p class="muted">{e(w["no_suppressed"])}</p>')
        if self.r.baseline_known:
            parts.append(f'<p class="muted">{e(w["baseline_line"].format(n=self.r.baseline_known))}</p>')
        return self.section("suppressed", w["suppressed"], w["suppressed_intro"], "".join(parts), len(self.suppressed))

    def rules(self) -> str:
        w = self.w
        fired = {f.rule_id for f in self.r.findings if not f.suppressed or f.suppressed.get("kind") != "baseline"}
        meta = {r.get("id"): r for r in self.r.rules}
        cards = []
        for rid in sorted(fired):
            r = meta.get(rid, {"id": rid})
            n = sum(1 for f in self.active if f.rule_id == rid)
            n_sup = sum(1 for f in self.suppressed if f.rule_id == rid)
            count = w["one_finding"] if n == 1 else w["n_findings"].format(n=n)
            if n_sup:
                count += ("、" if self.zh else ", ") + w["n_suppressed"].format(n=n_sup)
            arts = "".join(f'<a class="art-chip" href="#art-{e(a)}">{e(a)}</a>' for a in r.get("articles") or [])
            sections = "".join(
                f'<div class="rsec"><h4>{e(w[k])}</h4>{_paragraphs(r.get(k))}</div>'
                for k in ("what", "why", "example", "fix") if r.get(k))
            sev = r.get("severity")
            cards.append(
                f'<article class="rule" id="rule-{e(rid)}"><div class="rhead">'
                f'<span class="rule-id">{e(rid)}</span><span class="rname">{e(r.get("name", ""))}</span>'
                + (f'<span class="badge sm sev-{e(sev)}" title="{e(w["default_severity"])}">'
                   f'{e(self.sev_label.get(sev, sev))}</span>' if sev in SEVERITIES else "")
                + (f'<span class="cat">{e(r.get("category"))}</span>' if r.get("category") else "")
                + (f'<span class="arts">{arts}</span>' if arts else "")
                + f'<span class="rcount">{e(count)}</span></div>'
                + (f'<p class="rsum">{_code_spans(r.get("summary"))}</p>' if r.get("summary") else "")
                + (f'<div class="rsecs">{sections}</div>' if sections else "") + "</article>")
        return self.section("rules", w["rules"], w["rules_intro"], "".join(cards) or '<p class="muted">—</p>',
                            len(cards))


def _svg_panels(view: dict, lang: str) -> list[str]:
    """The zone graph picture as two inline SVGs without their headings (the page
    captions them): the topology, and the permitted flows between zones. The diagram's
    third panel, the matrix, is the HTML table here, and the legend is HTML."""
    from netlint.report import diagram

    return [diagram.topology_svg(view, lang, heading=False, css_class="topology"),
            diagram.flows_svg(view, lang, heading=False, css_class="flows")]


CSS = r"""
:root{
  --ink:#1b2430;--ink-2:#4a5567;--ink-3:#6b7688;--line:#e3e7ee;--line-2:#cfd6e0;--bg:#f5f7fa;--card:#fff;
  --accent:#1f4e8c;--head:#0f1f38;
  --critical:#8e1537;--high:#d42a2a;--medium:#d97706;--low:#2563eb;--info:#64748b;
  --fail:#d42a2a;--pass:#15803d;--evidence:#b7791f;--na:#94a3b8;
  --ok-bg:#e6f4ea;--ok-line:#9fd3ae;--bad-bg:#fde8e8;--bad-line:#f2a7a7;
  --mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono","Noto Sans Mono CJK TC",monospace;
}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;scroll-padding-top:56px}
body{margin:0;background:var(--bg);color:var(--ink);font:14.5px/1.55 -apple-system,BlinkMacSystemFont,"Segoe UI",
  Roboto,"Helvetica Neue",Arial,"Noto Sans TC","PingFang TC","Microsoft JhengHei","Noto Sans CJK TC",sans-serif;
  font-variant-numeric:tabular-nums}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
code{font-family:var(--mono);font-size:.88em;background:#eef1f5;border-radius:4px;padding:.05em .35em}
.wrap{max-width:1240px;margin:0 auto;padding:0 28px}
.muted{color:var(--ink-3)}
header.top{background:linear-gradient(135deg,#0f1f38 0%,#1d3b66 100%);color:#fff;padding:34px 0 26px}
header.top .eyebrow{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#9fb5d6;font-weight:600}
header.top h1{font-size:30px;line-height:1.2;margin:6px 0 4px;font-weight:700;letter-spacing:-.01em}
header.top .guideline{margin:0 0 18px;color:#c9d6ea;font-size:14px}
header.top code{background:rgba(255,255,255,.12);color:#fff}
dl.meta{display:flex;flex-wrap:wrap;gap:10px 34px;margin:0 0 16px}
dl.meta div{min-width:120px}dl.meta dt{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:#9fb5d6}
dl.meta dd{margin:2px 0 0;font-weight:600;font-size:14px}
.scope-list{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none}
.scope-list li{background:rgba(255,255,255,.09);border:1px solid rgba(255,255,255,.16);border-radius:6px;
  padding:4px 10px;font-size:13px}
.scope-list li span{color:#c9d6ea;margin-left:4px}
.notes{margin:12px 0 0;padding-left:18px;color:#c9d6ea;font-size:13px}
nav.toc{position:sticky;top:0;z-index:10;background:rgba(255,255,255,.96);border-bottom:1px solid var(--line);
  box-shadow:0 1px 3px rgba(15,31,56,.06)}
nav.toc .wrap{display:flex;gap:4px;overflow-x:auto;padding-top:6px;padding-bottom:6px}
nav.toc a{color:var(--ink-2);padding:6px 12px;border-radius:6px;font-size:13.5px;font-weight:500;white-space:nowrap}
nav.toc a:hover{background:#eef2f7;text-decoration:none;color:var(--ink)}
nav.toc a span{background:#e8edf4;color:var(--ink-2);border-radius:10px;padding:0 7px;font-size:12px;margin-left:3px}
main{padding-top:8px;padding-bottom:24px}
section{margin:30px 0 0}
h2{font-size:21px;margin:0 0 6px;padding-bottom:8px;border-bottom:2px solid var(--line);letter-spacing:-.005em}
h2 .count{font-size:13px;background:#e8edf4;color:var(--ink-2);border-radius:10px;padding:1px 9px;
  vertical-align:middle;margin-left:6px;font-weight:600}
h3{font-size:15px;margin:22px 0 8px;color:var(--ink-2)}
.intro{color:var(--ink-2);margin:6px 0 14px;max-width:900px}
.verdict{font-size:16px;margin:12px 0 16px;max-width:980px}
.cards{display:grid;gap:12px;margin-bottom:12px}
.sev-cards{grid-template-columns:repeat(5,1fr)}
.cards.second{grid-template-columns:repeat(4,minmax(0,1fr)) minmax(0,2.4fr)}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;display:flex;
  flex-direction:column;gap:2px;box-shadow:0 1px 2px rgba(15,31,56,.04);color:var(--ink)}
a.card:hover{text-decoration:none;border-color:var(--line-2)}
.card .num{font-size:30px;font-weight:700;line-height:1.1}
.card .lbl{font-size:12.5px;color:var(--ink-2);text-transform:uppercase;letter-spacing:.05em;font-weight:600}
.sev-card{border-top:4px solid}
.sev-card.sev-critical{border-top-color:var(--critical)}.sev-card.sev-critical .num{color:var(--critical)}
.sev-card.sev-high{border-top-color:var(--high)}.sev-card.sev-high .num{color:var(--high)}
.sev-card.sev-medium{border-top-color:var(--medium)}.sev-card.sev-medium .num{color:var(--medium)}
.sev-card.sev-low{border-top-color:var(--low)}.sev-card.sev-low .num{color:var(--low)}
.sev-card.sev-info{border-top-color:var(--info)}.sev-card.sev-info .num{color:var(--info)}
.sev-card.zero .num{color:#b5bdc9}
.checklist-card .stack{display:flex;height:12px;border-radius:6px;overflow:hidden;margin:8px 0 8px;background:#eef1f5}
.seg.st-fail,.dot.st-fail{background:var(--fail)}.seg.st-pass,.dot.st-pass{background:var(--pass)}
.seg.st-needs-evidence,.dot.st-needs-evidence{background:var(--evidence)}
.seg.st-not-applicable,.dot.st-not-applicable{background:var(--na)}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:0;padding:0;list-style:none;font-size:12.5px;color:var(--ink-2)}
.legend b{color:var(--ink)}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px;vertical-align:baseline}
.dot.sev-critical{background:var(--critical)}.dot.sev-high{background:var(--high)}.dot.sev-medium{background:var(--medium)}
.dot.sev-low{background:var(--low)}.dot.sev-info{background:var(--info)}
.table-wrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:10px}
table{border-collapse:collapse;width:100%}
table.data th,table.data td{padding:8px 12px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
table.data thead th{background:#f8fafc;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--ink-2);
  font-weight:600;position:sticky;top:0}
table.data tbody tr:last-child td{border-bottom:0}
table.data tbody tr:hover{background:#fafbfd}
td.n,th.n{text-align:center;width:1%;white-space:nowrap}td.n.z{color:#c3cad5}td.total{font-weight:700}
td.c-critical{color:var(--critical);font-weight:700}td.c-high{color:var(--high);font-weight:700}
.badge{display:inline-block;border-radius:4px;padding:1px 8px;font-size:12px;font-weight:700;color:#fff;
  letter-spacing:.02em;white-space:nowrap;line-height:1.6}
.badge.sm{font-size:11px;padding:0 6px}
.badge.xs{font-size:10px;padding:0 5px;min-width:8px;min-height:8px;line-height:1.5;vertical-align:middle}
.badge.sev-critical{background:var(--critical)}.badge.sev-high{background:var(--high)}
.badge.sev-medium{background:var(--medium)}.badge.sev-low{background:var(--low)}.badge.sev-info{background:var(--info)}
.status{display:inline-block;border-radius:12px;padding:1px 10px;font-size:12px;font-weight:600;white-space:nowrap;
  border:1px solid}
.status.st-fail{color:#a61b1b;background:#fdecec;border-color:#f5b5b5}
.status.st-pass{color:#116530;background:#e7f5ec;border-color:#a8d8b8}
.status.st-needs-evidence{color:#8a5a0f;background:#fdf4e3;border-color:#efd39c}
.status.st-not-applicable{color:#5b6575;background:#f1f3f6;border-color:#d8dde5}
table.checklist td.art{font-weight:700;white-space:nowrap;width:1%}
.art-title{font-weight:600}.art-sum{color:var(--ink-2);font-size:13px;margin-top:2px}
table.checklist td.note{font-size:13px;color:var(--ink-2);max-width:340px}
table.checklist tr.st-row-fail td.art{box-shadow:inset 3px 0 0 var(--fail)}
table.checklist tr.st-row-pass td.art{box-shadow:inset 3px 0 0 var(--pass)}
table.checklist tr.st-row-needs-evidence td.art{box-shadow:inset 3px 0 0 var(--evidence)}
table.checklist tr.st-row-not-applicable td{color:var(--ink-3)}
table.checklist tr:target{background:#fff8db}
td.fcell{white-space:nowrap;width:1%}
td.fcell details summary{cursor:pointer;list-style:none}td.fcell summary::-webkit-details-marker{display:none}
td.fcell summary b{margin-right:4px}td.fcell summary .badge{margin-right:2px}
td.fcell summary::after{content:"▾";color:var(--ink-3);font-size:11px;margin-left:3px}
td.fcell details[open] summary::after{content:"▴"}
.flist{margin:6px 0 0;padding:0;list-style:none;font-size:12.5px}.flist li{margin:2px 0}
.flist .badge{margin-right:5px}
.accepted{font-size:12px;margin-top:3px}
.toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:0 0 14px;padding:10px 12px;background:var(--card);
  border:1px solid var(--line);border-radius:10px}
.tlabel{font-size:12.5px;color:var(--ink-2);font-weight:600;margin-left:6px}
.toolbar select,.toolbar input{font:inherit;font-size:13px;border:1px solid var(--line-2);border-radius:6px;padding:4px 8px;
  background:#fff;color:var(--ink);margin-left:4px}
.toolbar input{width:140px}
.chip{font:inherit;font-size:12.5px;border:1px solid var(--line-2);background:#fff;color:var(--ink-2);border-radius:16px;
  padding:3px 11px;cursor:pointer}
.chip b{color:var(--ink);margin-left:2px}
.chip.on{background:#eaf1fb;border-color:#9db9e3;color:var(--ink)}
.chip.sev:not(.on){opacity:.5;text-decoration:line-through}
.shown{font-size:12.5px;color:var(--ink-3);margin-left:8px}.spacer{flex:1}
.no-js .js-only{display:none}
details.device{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:0 0 16px;overflow:hidden}
details.device>summary{display:flex;align-items:center;gap:12px;flex-wrap:wrap;padding:12px 16px;cursor:pointer;
  background:#f8fafc;border-bottom:1px solid var(--line);list-style:none}
details.device>summary::-webkit-details-marker{display:none}
details.device>summary::before{content:"▸";color:var(--ink-3);font-size:13px;transition:transform .15s}
details.device[open]>summary::before{transform:rotate(90deg)}
details.device:not([open])>summary{border-bottom:0}
.dev-name{font-size:17px;font-weight:700}.dev-sub{color:var(--ink-3);font-size:13px}
.dev-counts{margin-left:auto;display:flex;gap:4px;flex-wrap:wrap}
.device-body{padding:6px 16px 14px}
article.finding{border:1px solid var(--line);border-left:4px solid var(--info);border-radius:8px;padding:11px 14px 12px;
  margin:10px 0;background:#fff}
article.finding.sev-critical{border-left-color:var(--critical)}article.finding.sev-high{border-left-color:var(--high)}
article.finding.sev-medium{border-left-color:var(--medium)}article.finding.sev-low{border-left-color:var(--low)}
article.finding:target{box-shadow:0 0 0 3px #ffe58a}
.fhead{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px}
.rule-id{font-family:var(--mono);font-weight:700;font-size:13px;color:var(--ink)}
.cat{font-size:12px;color:var(--ink-2);background:#eef1f5;border-radius:4px;padding:0 7px;font-family:var(--mono)}
.arts{display:inline-flex;gap:4px;flex-wrap:wrap}
.new{font-size:11px;font-weight:700;color:#0b6b3a;background:#dcf3e6;border:1px solid #9fd9b8;border-radius:4px;padding:0 6px}
.art-chip{font-size:11.5px;border:1px solid #c7d5ea;color:#1f4e8c;background:#f2f6fc;border-radius:4px;padding:0 6px;
  font-weight:600}
.art-chip::before{content:"§ ";color:#8aa4c8}
.loc{margin-left:auto}.loc code{background:none;color:var(--ink-3);padding:0}
p.msg{margin:7px 0 9px;font-size:14.5px}
.excerpt{border:1px solid var(--line);border-radius:6px;overflow:auto;background:#fbfcfd}
table.code{font-family:var(--mono);font-size:12.5px;line-height:1.5;width:100%}
table.code td{padding:0 10px;vertical-align:top}
table.code td.ln{width:1%;text-align:right;color:#9aa4b2;user-select:none;border-right:1px solid var(--line);
  background:#f4f6f9;white-space:nowrap}
table.code td.src{white-space:pre-wrap;overflow-wrap:anywhere;color:#2b3440}
table.code tr.hit td.src{background:#fff3d6;color:#1b2430}
table.code tr.hit td.ln{background:#fbe3a6;color:#7a5300;font-weight:700;box-shadow:inset 3px 0 0 #e0a100}
table.code tr.gap td{color:#9aa4b2;font-style:italic;background:#f4f6f9}
.redacted{background:#e6e9ef;color:#5b6575;border-radius:3px;padding:0 3px;font-style:italic}
details.excerpt-again>summary{cursor:pointer;color:var(--ink-3);font-size:12.5px}
details.excerpt-again[open]>summary{margin-bottom:4px}
details.evidence{margin-top:8px;font-size:13px}
details.evidence summary{cursor:pointer;color:var(--ink-2);font-weight:600;font-size:12.5px}
details.evidence dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:6px 0 0;padding:8px 12px;
  background:#f8fafc;border-radius:6px}
details.evidence dt{color:var(--ink-3);font-size:12px;padding-top:1px}details.evidence dd{margin:0}
details.evidence ul{margin:0;padding-left:18px}
p.no-source{color:var(--ink-3);font-size:13px;margin:0}
p.ok-note{background:var(--ok-bg);border:1px solid var(--ok-line);border-radius:8px;padding:12px 16px}
figure.graph{position:relative;margin:0 0 14px;background:#fff;border:1px solid var(--line);border-radius:10px;
  padding:12px 14px;overflow:hidden}
figure.graph figcaption{font-weight:700;font-size:13.5px;color:var(--ink-2);margin:0 0 6px}
figure.graph svg{display:block;max-width:100%;height:auto;margin:0 auto}
figure.graph svg.topology{width:100%}
figure.graph.zoomed{overflow-x:auto}figure.graph.zoomed svg{max-width:none;width:auto}
figure.graph .zoom{position:absolute;top:10px;right:12px;z-index:1}
.graph-row{display:flex;gap:14px;align-items:stretch}
.graph-row figure.flows{flex:0 1 auto;margin:0}
.graph-side{flex:1;min-width:220px;background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.graph-legend{flex-direction:column;gap:6px;margin-bottom:16px}
.lgline{display:inline-block;width:28px;height:0;border-top:2px dashed #2e7d32;margin-right:8px;vertical-align:middle}
.lgline.bad{border-top:3px solid #c62828}
.big-num{font-size:15px;margin:4px 0 2px;color:var(--ink-2)}.big-num .num{font-size:32px;font-weight:700}
.big-num .num.bad{color:var(--high)}
table.matrix{border-collapse:separate;border-spacing:0;font-size:12.5px}
table.matrix th,table.matrix td{border-right:1px solid var(--line);border-bottom:1px solid var(--line);padding:7px 8px}
table.matrix thead th{background:#f8fafc;vertical-align:bottom;text-align:left;font-weight:700;white-space:nowrap}
table.matrix th small{display:block;font-weight:400;color:var(--ink-3);font-size:11px;margin-left:16px}
table.matrix th.corner{color:var(--ink-3);font-weight:600;font-size:11.5px}
table.matrix tbody th{background:#f8fafc;text-align:left;white-space:nowrap;font-weight:700}
.kind{display:inline-block;width:11px;height:11px;border-radius:3px;border:1px solid rgba(0,0,0,.3);margin-right:5px;
  vertical-align:-1px}
td.mx{vertical-align:top;min-width:92px}
td.mx.same{background:repeating-linear-gradient(45deg,#f4f6f9,#f4f6f9 5px,#eceff4 5px,#eceff4 10px);color:#b5bdc9;
  text-align:center;vertical-align:middle}
td.mx.ok{background:var(--ok-bg)}
td.mx.bad{background:var(--bad-bg)}
.svc{display:block;font-family:var(--mono);font-size:11.5px;white-space:nowrap}
td.mx.bad .svc.beyond{color:#a61b1b;font-weight:700}
.more{display:block;font-size:11px;color:var(--ink-3)}
.beyond-note{display:block;font-size:11px;color:#a61b1b;margin-top:2px;white-space:normal}
.beyond-note b{font-family:var(--mono);font-size:11px}
.flag{display:inline-block;background:var(--high);color:#fff;font-size:10.5px;font-weight:700;border-radius:3px;
  padding:0 5px;margin-bottom:3px;text-transform:uppercase;letter-spacing:.03em}
.mx-legend{margin-top:10px}.sw{display:inline-block;width:14px;height:11px;border-radius:2px;margin-right:6px;
  vertical-align:-1px;border:1px solid}
.sw.ok{background:var(--ok-bg);border-color:var(--ok-line)}.sw.bad{background:var(--bad-bg);border-color:var(--bad-line)}
.sw.none{background:#fff;border-color:var(--line-2)}
details.suppressed{background:var(--card);border:1px solid var(--line);border-radius:10px}
details.suppressed>summary{padding:11px 16px;cursor:pointer;font-weight:600}
details.suppressed .table-wrap{border:0;border-top:1px solid var(--line);border-radius:0 0 10px 10px}
article.rule{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px;margin:0 0 12px}
article.rule:target{box-shadow:0 0 0 3px #ffe58a}
.rhead{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px}
.rname{font-weight:700;font-size:15px}.rcount{margin-left:auto;color:var(--ink-3);font-size:12.5px}
.rsum{margin:6px 0 4px;color:var(--ink-2)}
.rsecs{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:4px 28px}
.rsec h4{margin:8px 0 2px;font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--ink-3)}
.rsec p{margin:0 0 4px;font-size:13.5px}
footer{color:var(--ink-3);font-size:12.5px;padding-top:18px;padding-bottom:40px;border-top:1px solid var(--line);
  margin-top:36px}
@media screen and (max-width:900px){.sev-cards{grid-template-columns:repeat(3,1fr)}.cards.second{grid-template-columns:1fr 1fr}
  .rsecs{grid-template-columns:1fr}.loc{margin-left:0}}
@media print{
  @page{size:A4;margin:14mm 12mm}
  body{background:#fff;font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .card{padding:8px 10px}.card .num{font-size:19pt}.verdict{font-size:11pt}
  table.data th,table.data td{padding:4px 7px}table.data{font-size:9pt}table.code{font-size:8pt}
  table.scope td:first-child,table.scope td:nth-child(4){white-space:nowrap}
  table.checklist td.note{max-width:none}td.fcell details>ul{display:none}
  article.finding{padding:7px 10px;margin:6px 0}details.device>summary{padding:8px 10px}
  .device-body{padding:2px 10px 8px}details.evidence:not([open]){display:none}
  .wrap{max-width:none;padding:0}
  nav.toc,.toolbar,.js-only{display:none!important}
  header.top{background:#fff!important;color:var(--ink);padding:0 0 10px;border-bottom:2px solid var(--ink)}
  header.top .eyebrow,header.top .guideline,dl.meta dt,.scope-list li span,.notes{color:var(--ink-2)}
  .scope-list li{border-color:var(--line-2);background:#fff}header.top code{color:var(--ink);background:#eef1f5}
  section{margin-top:18px}h2{break-after:avoid}
  .card,.table-wrap,details.device,article.rule,figure.graph{box-shadow:none}
  article.finding,article.rule,table.data tr,table.matrix tr,.card{break-inside:avoid}
  figure.graph{break-inside:avoid;padding:0;border:0}.graph-row{display:block}
  figure.graph svg{max-width:100%!important;width:100%!important}.graph-side{border:0;padding:0}
  details.device>summary::before{display:none}
  .table-wrap{overflow:visible}table.data thead th{position:static}
  a{color:inherit}
  .finding[hidden],.device[hidden]{display:block!important}
}
"""

JS = r"""
(function(){
  var d=document;d.body.classList.remove('no-js');
  var cards=[].slice.call(d.querySelectorAll('article.finding'));
  var devices=[].slice.call(d.querySelectorAll('details.device'));
  var sevOn={};[].forEach.call(d.querySelectorAll('#finding-filter .chip.sev'),function(b){sevOn[b.dataset.sev]=true;
    b.addEventListener('click',function(){sevOn[b.dataset.sev]=!sevOn[b.dataset.sev];b.classList.toggle('on');
      b.setAttribute('aria-pressed',sevOn[b.dataset.sev]);apply();});});
  var dev=d.getElementById('f-device'),q=d.getElementById('f-search'),shown=d.getElementById('f-shown');
  function apply(){
    var dv=dev?dev.value:'',text=q?q.value.trim().toLowerCase():'',n=0;
    cards.forEach(function(c){var ok=sevOn[c.dataset.sev]&&(!dv||c.dataset.device===dv)&&
      (!text||c.dataset.search.indexOf(text)>=0);c.hidden=!ok;if(ok)n++;});
    devices.forEach(function(g){g.hidden=!g.querySelector('article.finding:not([hidden])');});
    if(shown)shown.textContent=shown.dataset.template.replace('{shown}',n).replace('{total}',cards.length);
  }
  if(dev)dev.addEventListener('change',apply);if(q)q.addEventListener('input',apply);
  [].forEach.call(d.querySelectorAll('[data-filter-sev]'),function(a){a.addEventListener('click',function(){
    var s=a.dataset.filterSev;[].forEach.call(d.querySelectorAll('#finding-filter .chip.sev'),function(b){
      var on=b.dataset.sev===s;sevOn[b.dataset.sev]=on;b.classList.toggle('on',on);b.setAttribute('aria-pressed',on);});
    if(dev)dev.value='';if(q)q.value='';apply();});});
  var tg=d.getElementById('f-toggle');
  if(tg)tg.addEventListener('click',function(){var open=!devices.some(function(g){return g.open;});
    devices.forEach(function(g){g.open=open;});tg.textContent=open?tg.dataset.collapse:tg.dataset.expand;});
  var rows=[].slice.call(d.querySelectorAll('table.checklist tbody tr'));
  var chips=[].slice.call(d.querySelectorAll('#status-filter .chip'));
  chips.forEach(function(b){b.addEventListener('click',function(){chips.forEach(function(x){x.classList.toggle('on',x===b);});
    rows.forEach(function(r){r.hidden=!!b.dataset.status&&r.dataset.status!==b.dataset.status;});});});
  [].forEach.call(d.querySelectorAll('figure.graph .zoom'),function(b){b.addEventListener('click',function(){
    b.parentNode.classList.toggle('zoomed');b.classList.toggle('on');});});
  function reveal(){var t=location.hash&&d.getElementById(location.hash.slice(1));if(!t)return;
    for(var g=t.parentNode&&t.parentNode.closest('details');g;g=g.parentNode.closest('details'))g.open=true;
    if(t.tagName==='DETAILS')t.open=true;
    [].forEach.call(t.querySelectorAll('details.excerpt-again'),function(x){x.open=true;});t.hidden=false;}
  window.addEventListener('hashchange',reveal);
  var reopened=[];
  window.addEventListener('beforeprint',function(){reopened=[].filter.call(
    d.querySelectorAll('details.device:not([open]),details.suppressed:not([open])'),
    function(x){x.open=true;return true;});});
  window.addEventListener('afterprint',function(){reopened.forEach(function(x){x.open=false;});reopened=[];});
  apply();reveal();
})();
"""
