"""A Markdown summary for a pull-request (or merge-request) comment: counts by
severity, the findings table (worst first, at most MAX_ROWS rows), the guideline
checklist, what was suppressed, and which netlint produced it."""

from __future__ import annotations

import re

from netlint.findings import SEVERITIES, SEVERITY_RANK, Finding, LintResult
from netlint.report.sarif import repo_path

MAX_ROWS = 50

SEVERITY_ZH = {"critical": "嚴重", "high": "高", "medium": "中", "low": "低", "info": "資訊"}
STATUS_ZH = {"fail": "不符合", "pass": "符合", "needs-evidence": "需佐證", "not-applicable": "不適用"}
WORDS = {
    "en": {
        "title": "netlint report",
        "scope": "{findings} in {files}, {devices}.",
        "none": "No findings.",
        "policy": "Policy: {file} (category {category}).",
        "no_policy": "No policy file: zones inferred from the configs.",
        "severity": "Severity", "count": "Count", "total": "Total",
        "findings_head": "Findings",
        "rule": "Rule", "location": "Location", "message": "Message", "articles": "Articles",
        "more": "... and {n} more (see the full report: `netlint lint --format text`).",
        "checklist": "Guideline checklist",
        "failing": "Failing articles:",
        "finding_n": "{n} finding(s)",
        "suppressed_head": "Suppressed and known findings",
        "suppressed": "{n} suppressed ({detail}).",
        "inline": "inline", "exception": "policy exception",
        "baseline": "{n} known from the baseline (not shown).",
        "produced": "Produced by netlint {version}.",
        "status": "Status",
    },
    "zh-TW": {
        "title": "netlint 檢查報告",
        "scope": "{files}、{devices}，共 {findings}。",
        "none": "沒有發現任何問題。",
        "policy": "政策檔：{file}（第 {category} 級）。",
        "no_policy": "未提供政策檔：區域由設定檔推斷。",
        "severity": "嚴重度", "count": "數量", "total": "合計",
        "findings_head": "發現事項",
        "rule": "規則", "location": "位置", "message": "說明", "articles": "條文",
        "more": "...另有 {n} 項（完整報告請見 `netlint lint --format text`）。",
        "checklist": "指引逐條檢核",
        "failing": "不符合的條文：",
        "finding_n": "{n} 項發現",
        "suppressed_head": "已抑制與已知的發現",
        "suppressed": "{n} 項已抑制（{detail}）。",
        "inline": "行內抑制", "exception": "政策例外",
        "baseline": "{n} 項已列於基準檔（不顯示）。",
        "produced": "由 netlint {version} 產生。",
        "status": "狀態",
    },
}

# Characters Markdown (GitHub, GitLab) would read as markup inside a table cell.
_MARKUP = re.compile(r"([\\`*_\[\]<>|~])")


def render_markdown(result: LintResult, lang: str = "en") -> str:
    zh = lang == "zh-TW"
    w = WORDS["zh-TW" if zh else "en"]
    sev = (lambda s: SEVERITY_ZH[s]) if zh else (lambda s: s)
    out: list[str] = [f"## {w['title']}", ""]

    counts = result.counts()
    total = sum(counts.values())
    out.append(w["scope"].format(findings=_n(total, "finding", "項發現", zh), files=_n(result.files, "file", "個檔案", zh),
                                 devices=_n(len(result.devices), "device", "台設備", zh)))
    if result.policy_file:
        out.append(w["policy"].format(file=_code(repo_path(result.policy_file) or result.policy_file, in_table=False),
                                      category=result.category if result.category is not None else "?"))
    elif result.policy_notes:
        out.append(w["no_policy"])
    for note in result.policy_notes:
        out.append(f"> {cell(note)}")
    out.append("")

    out += [f"| {w['severity']} | {w['count']} |", "|---|---:|"]
    out += [f"| {sev(s)} | {counts[s]} |" for s in SEVERITIES]
    out += [f"| **{w['total']}** | **{total}** |", ""]

    out += [f"### {w['findings_head']}", ""]
    active = sorted(result.active, key=_order)
    if active:
        out += [f"| {w['severity']} | {w['rule']} | {w['location']} | {w['message']} | {w['articles']} |",
                "|---|---|---|---|---|"]
        for f in active[:MAX_ROWS]:
            loc = f"{repo_path(f.file) or f.file}:{f.line}"
            out.append(f"| {sev(f.severity)} | {cell(f.rule_id)} | {_code(loc)} | {cell(f.text(lang))} | "
                       f"{cell(', '.join(f.articles))} |")
        if len(active) > MAX_ROWS:
            out += ["", w["more"].format(n=len(active) - MAX_ROWS)]
    else:
        out.append(w["none"])
    out.append("")

    if result.checklist:
        out += _checklist(result, w, zh)

    suppressed = [f for f in result.findings if f.suppressed and f.suppressed.get("kind") != "baseline"]
    if suppressed or result.baseline_known:
        out += [f"### {w['suppressed_head']}", ""]
        if suppressed:
            kinds = {k: sum(1 for f in suppressed if f.suppressed.get("kind") == k) for k in ("inline", "exception")}
            detail = ("、" if zh else ", ").join(f"{n} {w[k]}" for k, n in kinds.items() if n)
            out.append(w["suppressed"].format(n=len(suppressed), detail=detail))
        if result.baseline_known:
            out.append(w["baseline"].format(n=result.baseline_known))
        out.append("")

    out.append(f"<sub>{w['produced'].format(version=cell(result.version))}</sub>")
    return "\n".join(out) + "\n"


def _checklist(result: LintResult, w: dict[str, str], zh: bool) -> list[str]:
    from netlint.checklist import summary_counts

    counts = summary_counts(result.checklist)
    out = [f"### {w['checklist']}", "", f"| {w['status']} | {w['count']} |", "|---|---:|"]
    out += [f"| {STATUS_ZH[s] if zh else s} | {n} |" for s, n in counts.items()]
    out.append("")
    failing = [a for a in result.checklist if a.status == "fail"]
    if failing:
        out += [w["failing"], ""]
        for a in failing:
            title = a.title_zh if zh and a.title_zh else a.title
            out.append(f"- **{cell(a.id)}** {cell(title)} — {w['finding_n'].format(n=len(a.findings))}")
        out.append("")
    return out


def _order(f: Finding):
    return (-SEVERITY_RANK[f.severity], f.file, f.line, f.rule_id, f.message, f.fingerprint)


def cell(text: str) -> str:
    """Text for a table cell: markup characters escaped (`|` would end the cell), line
    breaks as <br>."""
    text = _MARKUP.sub(r"\\\1", str(text))
    return "<br>".join(line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _code(text: str, in_table: bool = True) -> str:
    """A code span that survives backticks in the text, and `|` in a table cell (GitHub
    and GitLab read `\\|` there as `|`, even inside code)."""
    text = text.replace("\n", " ")
    if in_table:
        text = text.replace("|", "\\|")
    ticks = "`"
    while ticks in text:
        ticks += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _n(n: int, word: str, word_zh: str, zh: bool) -> str:
    if zh:
        return f"{n} {word_zh}"
    return f"{n} {word}{'' if n == 1 else 's'}"
