"""GitHub Actions workflow commands: one annotation per active finding, shown on the
changed lines of a pull request, then a one-line summary.

    ::error file=configs/fw.cfg,line=12,endLine=12,title=NL101 any-any::message [10.2]

Escaping follows the Actions runner (toolkit `command.ts`): in the message
% -> %25, CR -> %0D, LF -> %0A; in property values also : -> %3A and , -> %2C.
Paths are relative to the current directory (the workspace in a workflow)."""

from __future__ import annotations

from netlint.findings import SEVERITIES, SEVERITY_RANK, Finding, LintResult
from netlint.report.sarif import repo_path

COMMANDS = {"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"}
SEVERITY_ZH = {"critical": "嚴重", "high": "高", "medium": "中", "low": "低", "info": "資訊"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: LintResult, lang: str = "en") -> str:
    lines = [_annotation(f, lang) for f in sorted(result.active, key=_order)]
    lines.append(_summary(result, lang))
    return "\n".join(lines) + "\n"


def _order(f: Finding):
    return (f.file, f.line, -SEVERITY_RANK[f.severity], f.rule_id, f.message, f.fingerprint)


def _annotation(f: Finding, lang: str) -> str:
    props = [f"file={escape_property(repo_path(f.file) or f.file)}"]
    if isinstance(f.line, int) and f.line >= 1:
        end = f.end_line if isinstance(f.end_line, int) and f.end_line >= f.line else f.line
        props += [f"line={f.line}", f"endLine={end}"]
    props.append(f"title={escape_property(f'{f.rule_id} {f.category}'.strip())}")
    arts = f" [{', '.join(f.articles)}]" if f.articles else ""
    return f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(f.text(lang) + arts)}"


def _summary(result: LintResult, lang: str) -> str:
    zh = lang == "zh-TW"
    counts = result.counts()
    total = sum(counts.values())
    parts = [f"{counts[s]} {SEVERITY_ZH[s] if zh else s}" for s in SEVERITIES if counts[s]]
    if zh:
        text = f"netlint：{total} 項發現" + (f"（{'、'.join(parts)}）" if parts else "")
    else:
        text = f"netlint: {total} finding{'' if total == 1 else 's'}" + (f" ({', '.join(parts)})" if parts else "")
    extra = []
    suppressed = sum(1 for f in result.findings if f.suppressed and f.suppressed.get("kind") != "baseline")
    if suppressed:
        extra.append(f"{suppressed} 項已抑制" if zh else f"{suppressed} suppressed")
    if result.baseline_known:
        extra.append(f"{result.baseline_known} 項已列於基準檔" if zh else f"{result.baseline_known} known from the baseline")
    files = f"{result.files} 個檔案、{len(result.devices)} 台設備" if zh else \
        f"{result.files} file{'' if result.files == 1 else 's'}, {len(result.devices)} device{'' if len(result.devices) == 1 else 's'}"
    text += ("；" if zh else "; ") + files
    if extra:
        text += ("；" if zh else "; ") + ("；" if zh else "; ").join(extra)
    return f"::notice::{escape_data(text)}"
