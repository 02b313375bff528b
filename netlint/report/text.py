"""Terminal output: grouped by file, `file:line severity rule message`, a summary."""

from __future__ import annotations

from itertools import groupby

from netlint.findings import SEVERITIES, LintResult, sort_findings

COLORS = {"critical": "bold magenta", "high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}
WORDS = {
    "en": {"findings": "findings", "files": "files", "devices": "devices", "none": "No findings.",
           "suppressed": "suppressed", "known": "known from the baseline, not shown"},
    "zh-TW": {"findings": "項發現", "files": "個檔案", "devices": "台設備", "none": "沒有發現任何問題。",
              "suppressed": "項已抑制", "known": "項已列於基準檔，不顯示"},
}
SEVERITY_ZH = {"critical": "嚴重", "high": "高", "medium": "中", "low": "低", "info": "資訊"}


def render_text(result: LintResult, lang: str = "en", color: bool = False) -> str:
    words = WORDS.get(lang, WORDS["en"])
    lines: list[str] = []
    active = sort_findings(result.active)

    def paint(text: str, style: str) -> str:
        return f"[{style}]{text}[/{style}]" if color else text

    for note in result.policy_notes:
        lines.append(paint(note, "dim"))
    for file, group in groupby(active, key=lambda f: f.file):
        lines.append(paint(file, "bold underline"))
        for f in group:
            sev = SEVERITY_ZH[f.severity] if lang == "zh-TW" else f.severity
            arts = f" [{', '.join(f.articles)}]" if f.articles else ""
            loc = f"{f.file}:{f.line}"
            lines.append(f"  {loc} {paint(sev, COLORS[f.severity])} {paint(f.rule_id, 'bold')} {_escape(f.text(lang), color)}{paint(arts, 'dim')}")
        lines.append("")
    counts = result.counts()
    total = sum(counts.values())
    parts = [f"{counts[s]} {SEVERITY_ZH[s] if lang == 'zh-TW' else s}" for s in SEVERITIES if counts[s]]
    if total:
        summary = f"{total} {words['findings']} ({', '.join(parts)})"
    else:
        summary = words["none"]
    summary += f" — {_count(result.files, words['files'], lang)}, {_count(len(result.devices), words['devices'], lang)}"
    suppressed = sum(1 for f in result.findings if f.suppressed and f.suppressed.get("kind") != "baseline")
    if suppressed:
        summary += f"; {suppressed} {words['suppressed']}"
    if result.baseline_known:
        summary += f"; {result.baseline_known} {words['known']}"
    if result.checklist:
        lines.append("")
        lines.extend(_checklist(result, lang, paint))
    lines.append(paint(summary, "bold"))
    return "\n".join(lines) + "\n"


STATUS_STYLE = {"fail": "bold red", "pass": "green", "needs-evidence": "yellow", "not-applicable": "dim"}
STATUS_ZH = {"fail": "不符合", "pass": "符合", "needs-evidence": "需佐證", "not-applicable": "不適用"}


def _checklist(result: LintResult, lang: str, paint) -> list[str]:
    from netlint.checklist import summary_counts

    zh = lang == "zh-TW"
    counts = summary_counts(result.checklist)
    head = ("指引逐條檢核：" if zh else "Guideline checklist: ") + ", ".join(
        f"{n} {STATUS_ZH[s] if zh else s}" for s, n in counts.items() if n)
    out = [paint(head, "bold")]
    for a in result.checklist:
        status = STATUS_ZH[a.status] if zh else a.status
        title = a.title_zh if zh else a.title
        extra = ""
        if a.findings:
            extra = f" ({len(a.findings)} {'項發現' if zh else 'findings' if len(a.findings) > 1 else 'finding'})"
        out.append(f"  {a.id:<5} {paint(f'{status:<14}', STATUS_STYLE[a.status])} {_escape(title, bool(paint('', 'x')))}{extra}")
    out.append("")
    return out


def _escape(text: str, color: bool) -> str:
    return text.replace("[", "\\[") if color else text


def _count(n: int, word: str, lang: str) -> str:
    """'1 file', '2 files' in English; Chinese counters do not inflect."""
    if lang == "en" and n == 1 and word.endswith("s"):
        word = word[:-1]
    return f"{n} {word}"
