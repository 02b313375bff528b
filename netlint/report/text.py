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
    suppressed = len(result.findings) - len(active)
    if suppressed:
        summary += f"; {suppressed} {words['suppressed']}"
    if result.baseline_known:
        summary += f"; {result.baseline_known} {words['known']}"
    lines.append(paint(summary, "bold"))
    return "\n".join(lines) + "\n"


def _escape(text: str, color: bool) -> str:
    return text.replace("[", "\\[") if color else text


def _count(n: int, word: str, lang: str) -> str:
    """'1 file', '2 files' in English; Chinese counters do not inflect."""
    if lang == "en" and n == 1 and word.endswith("s"):
        word = word[:-1]
    return f"{n} {word}"
