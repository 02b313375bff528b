"""Baselines: record today's findings by fingerprint, then report only new ones.

A fingerprint hashes the check, the device and what the finding is about (a rule's
vendor-independent signature, a setting), never a line number: it survives
renumbering and reordering of rules and edits elsewhere in the file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from netlint.findings import Finding


class BaselineError(ValueError):
    pass


def write_baseline(path: Path, findings: list[Finding], version: str) -> int:
    """Every finding of today, suppressed ones included (so that a later run marks them
    'unchanged', not 'new'); the count returned is of the active ones."""
    known = sorted(findings, key=lambda f: (f.file, f.line, f.rule_id))
    data = {
        "tool": "netlint",
        "version": version,
        "created": date.today().isoformat(),
        "findings": [{"fingerprint": f.fingerprint, "rule_id": f.rule_id, "device": f.device, "file": f.file,
                      "line": f.line, "message": f.message,
                      **({"suppressed": f.suppressed.get("kind")} if f.suppressed else {})} for f in known],
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return sum(1 for f in known if not f.suppressed)


def load_baseline(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: baseline file cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: baseline is not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a netlint baseline (write one with --write-baseline)")
    prints = set()
    for i, item in enumerate(data["findings"]):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise BaselineError(f"{path}: entry {i + 1} has no fingerprint")
        prints.add(item["fingerprint"])
    return prints


def apply_baseline(findings: list[Finding], known: set[str]) -> int:
    """Known findings are suppressed as 'baseline' (SARIF: unchanged); others are new."""
    count = 0
    for f in findings:
        if f.fingerprint in known:
            f.baseline_state = "unchanged"
            if not f.suppressed:
                f.suppressed = {"kind": "baseline", "reason": "known in the baseline"}
                count += 1
        else:
            f.baseline_state = "new"
    return count
