"""Findings: what a check reports, with the contract's fixed categories and severities."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("critical", "high", "medium", "low", "info")
SEVERITY_RANK = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}  # info=0 .. critical=4

# Contract section 3: the fixed vocabulary of categories and their articles.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "parse-warning": (),
    "unmapped-network": ("5.1",),
    "segmentation": ("5.2", "5.3"),
    "unfiltered-boundary": ("5.3", "14.2"),
    "vlan-isolation": ("5.4",),
    "any-any": ("10.2",),
    "overly-permissive": ("10.2",),
    "default-permit": ("10.2",),
    "unapproved-port": ("10.2", "14.1", "15.3"),
    "shadowed-rule": ("10.3",),
    "redundant-rule": ("10.3",),
    "unused-object": ("10.3",),
    "undefined-reference": ("10.3",),
    "expired-rule": ("10.3",),
    "undocumented-rule": ("10.1",),
    "insecure-management": ("9.2", "14.1", "6.3"),
    "weak-authentication": ("9.1", "9.2", "15.1"),
    "logging": ("11.1", "9.2"),
    "eol-software": ("6.1", "6.2"),
    "wireless": ("7.1", "7.2", "7.3"),
    "remote-access": ("15.1", "15.2"),
    "threat-protection": ("16.1", "16.3", "18.2"),
}


def severity_at_least(severity: str, threshold: str) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


@dataclass
class Finding:
    rule_id: str
    category: str
    severity: str
    articles: list[str]
    device: str
    file: str
    line: int
    end_line: int
    message: str
    message_zh: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)
    key: str = ""  # what makes this finding stable (rule signature, setting name...)
    fingerprint: str = ""
    suppressed: dict[str, Any] | None = None  # {"kind": "inline"|"exception"|"baseline", ...}
    baseline_state: str | None = None  # "new" | "unchanged" when a baseline is used

    def text(self, lang: str = "en") -> str:
        return self.message_zh if lang == "zh-TW" and self.message_zh else self.message

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule_id": self.rule_id,
            "category": self.category,
            "severity": self.severity,
            "articles": list(self.articles),
            "device": self.device,
            "file": self.file,
            "line": self.line,
            "end_line": self.end_line,
            "message": self.text(lang),
            "evidence": self.evidence,
            "fingerprint": self.fingerprint,
        }
        if self.suppressed:
            out["suppressed"] = self.suppressed
        if self.baseline_state:
            out["baseline_state"] = self.baseline_state
        return out


def assign_fingerprints(findings: list[Finding]) -> None:
    """Stable hashes: the same finding on the same rule text gives the same value,
    whatever the line numbers. Identical keys on one device get an occurrence index."""
    seen: dict[tuple[str, str, str], int] = {}
    for f in sorted(findings, key=lambda f: (f.device, f.rule_id, f.key, f.file, f.line)):
        base = (f.rule_id, f.device, f.key or f.message)
        n = seen.get(base, 0)
        seen[base] = n + 1
        raw = "\x1f".join((*base, str(n)))
        f.fingerprint = hashlib.sha256(raw.encode()).hexdigest()[:20]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.file, f.line, -SEVERITY_RANK[f.severity], f.rule_id, f.message))


@dataclass
class LintResult:
    """Everything a report needs; built by the CLI, read by netlint.report."""

    version: str
    devices: list[dict[str, Any]]
    findings: list[Finding]  # active and suppressed; reports show suppressed ones apart
    files: int
    policy_file: str | None = None
    organization: str | None = None  # the policy's organization name, for report headers
    category: int | None = None
    policy_notes: list[str] = field(default_factory=list)  # e.g. which zones were inferred
    baseline_known: int = 0
    checklist: list[Any] = field(default_factory=list)  # netlint.checklist.ArticleStatus, one per article
    rules: list[dict[str, Any]] = field(default_factory=list)  # metadata of the checks that ran (for SARIF etc.)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]

    def counts(self) -> dict[str, int]:
        counts = {s: 0 for s in SEVERITIES}
        for f in self.active:
            counts[f.severity] += 1
        return counts
