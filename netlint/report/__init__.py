"""Report writers. Each takes a `LintResult` and returns text; none imports a check."""

from __future__ import annotations

from netlint.findings import LintResult

FORMATS = ("text", "json")


def render(fmt: str, result: LintResult, lang: str = "en", color: bool = False) -> str:
    if fmt == "json":
        from netlint.report.json_report import render_json

        return render_json(result, lang)
    if fmt == "text":
        from netlint.report.text import render_text

        return render_text(result, lang, color)
    raise ValueError(f"unknown format {fmt}")
