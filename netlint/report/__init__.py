"""Report writers. Each takes a `LintResult` and returns text; none imports a check.

Formats and their modules (imported only when used, so a text run stays light):
text, json, sarif (2.1.0), junit, github (workflow commands), markdown (PR comment),
html (one self-contained file; needs the zone-graph view and the config sources).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from netlint.findings import LintResult

FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "html")
_RENDERERS = {
    "text": ("netlint.report.text", "render_text"),
    "json": ("netlint.report.json_report", "render_json"),
    "sarif": ("netlint.report.sarif", "render_sarif"),
    "junit": ("netlint.report.junit", "render_junit"),
    "github": ("netlint.report.github", "render_github"),
    "markdown": ("netlint.report.markdown", "render_markdown"),
    "html": ("netlint.report.html", "render_html"),
}


def render(fmt: str, result: LintResult, lang: str = "en", color: bool = False, **context: Any) -> str:
    """`context` carries what only some formats need: for html, `view` (the zone graph as
    built by netlint.cli.build_view) and `sources` (file -> list of lines)."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown format {fmt}")
    module, name = _RENDERERS[fmt]
    func = getattr(import_module(module), name)
    if fmt == "text":
        return func(result, lang, color)
    if fmt == "html":
        return func(result, lang, **context)
    return func(result, lang)
