"""Shared helpers for the tests: parse config text and run checks on it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def parse(text: str, file: str = "test.cfg", vendor: str | None = None):
    from parsers import parse_text

    return parse_text(textwrap.dedent(text).lstrip("\n"), file, vendor)


def run_checks(text: str, ids: set[str] | None = None, vendor: str | None = None, file: str = "test.cfg"):
    """Findings of the given check ids (all when None) on one config text."""
    from netlint.checks import DeviceContext, all_checks, run_device_checks

    device = parse(text, file, vendor)
    checks = [c for c in all_checks() if ids is None or c.id in ids]
    return run_device_checks(DeviceContext(device), checks)


@pytest.fixture
def cli():
    """Run the CLI in-process; returns (exit_code, stdout, stderr)."""
    from typer.testing import CliRunner

    from netlint.cli import app

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        result = runner.invoke(app, [str(a) for a in args], input=input)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture(autouse=True)
def _collect_cycles_between_tests():
    """netlint turns Python's automatic cyclic GC off once a BDD space exists (see
    netlint.space.safe_point); between two tests is a safe point too, so a long test
    session does not pile up cyclic garbage."""
    yield
    from netlint.space import safe_point

    safe_point()
