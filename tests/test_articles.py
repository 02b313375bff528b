"""Every article of the guideline is accounted for: covered by a check, or marked as
needing the firm's own evidence, or outside what configs show - and every check cites
articles that exist."""

from __future__ import annotations

import re

from conftest import SHARED
from netlint.checklist import articles
from netlint.checks import all_checks
from netlint.findings import CATEGORIES


def guideline_ids() -> set[str]:
    """Article/paragraph ids of ../shared/guideline/ARTICLES.md ('4.1-4.2' -> 4.1, 4.2)."""
    ids: set[str] = set()
    for line in (SHARED / "guideline" / "ARTICLES.md").read_text().splitlines():
        m = re.match(r"^\| (\d+(?:\.\d+)?)(?:[–-](\d+(?:\.\d+)?))? \|", line)
        if not m:
            continue
        first, last = m.group(1), m.group(2)
        if last and "." in first:
            art, lo = first.split(".")
            hi = last.split(".")[-1]
            ids.update(f"{art}.{p}" for p in range(int(lo), int(hi) + 1))
        else:
            ids.add(first)
    return ids


def test_every_article_of_the_guideline_is_in_the_checklist():
    listed = {a["id"] for a in articles()}
    missing = guideline_ids() - listed
    assert not missing
    assert {"5.2", "10.3", "16.1", "17.4"} <= listed


def test_config_articles_are_covered_by_checks_that_exist():
    checks = all_checks()
    ids = {c.id for c in checks}
    cats = {c.category for c in checks}
    for art in articles():
        assert art["scope"] in ("config", "partial", "evidence", "out"), art["id"]
        assert art["summary"] and art["summary_zh"] and art["title_zh"], art["id"]
        if art["scope"] in ("config", "partial"):
            assert art.get("checks"), f"{art['id']} bears on configs but names no check"
            for ref in art["checks"]:
                assert ref in ids or ref in cats, f"{art['id']}: unknown check or category {ref}"
        if art["scope"] in ("partial", "evidence"):
            assert art.get("note") and art.get("note_zh") or art["scope"] == "evidence", art["id"]


def test_every_check_cites_real_articles_and_a_fixed_category(cli):
    known = guideline_ids() | {a["id"] for a in articles()}
    for c in all_checks():
        assert c.category in CATEGORIES
        for a in c.articles:
            assert a in known, f"{c.id} cites unknown article {a}"
        s = c.sections()
        assert s["summary"] and s.get("what") and s.get("why") and s.get("example") and s.get("fix"), c.id
    code, out, _ = cli("rules")
    assert code == 0 and all(c.id in out for c in all_checks())
