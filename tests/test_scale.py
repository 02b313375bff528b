"""Parallel lint, the parse cache and the progress bar: results never depend on them."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

from conftest import FIXTURES, ROOT

SAMPLE = ["fixtures/", "--policy", "fixtures/policy.yaml"]


def lint(cli, *extra):
    code, out, err = cli("lint", *SAMPLE, "--format", "json", *extra)
    return code, json.loads(out), err


def test_jobs_2_gives_exactly_what_jobs_1_gives(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    one = lint(cli, "--jobs", "1")
    two = lint(cli, "--jobs", "2")
    assert one[0] == two[0]
    assert one[1] == two[1]  # same findings, fingerprints, order, checklist
    assert len(one[1]["devices"]) >= 5


def test_cache_is_reused_and_a_corrupted_entry_is_rebuilt(cli, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    cache = tmp_path / "cache"
    _, first, _ = lint(cli, "--cache-dir", cache)
    entries = sorted(cache.rglob("*.pickle"))
    assert len(entries) == len(first["devices"])
    stamps = {p: p.stat().st_mtime_ns for p in entries}
    _, again, _ = lint(cli, "--cache-dir", cache)
    assert again == first
    assert {p: p.stat().st_mtime_ns for p in sorted(cache.rglob("*.pickle"))} == stamps  # read, not rewritten
    entries[0].write_bytes(b"\x80\x05 this is not a pickle")
    entries[1].write_bytes(entries[1].read_bytes()[:40])  # truncated
    _, third, _ = lint(cli, "--cache-dir", cache)
    assert third == first
    assert len(sorted(cache.rglob("*.pickle"))) == len(entries)  # the two were rebuilt
    assert not list(cache.rglob("*.tmp"))


def test_cache_never_returns_a_stale_model(cli, tmp_path):
    cfg = tmp_path / "r1.cfg"
    cfg.write_text((FIXTURES / "core-sw.cfg").read_text())
    cache = tmp_path / "cache"
    code, out, _ = cli("lint", cfg, "--cache-dir", cache, "--format", "json", "--select", "NL202")
    assert [f["rule_id"] for f in json.loads(out)["findings"]] == ["NL202"]
    cfg.write_text(cfg.read_text().replace("ip http server\n", "no ip http server\n"))
    code, out, _ = cli("lint", cfg, "--cache-dir", cache, "--format", "json", "--select", "NL202")
    assert json.loads(out)["findings"] == []


def test_no_progress_output_when_not_a_terminal(tmp_path):
    exe = os.path.join(os.path.dirname(sys.executable), "netlint")
    run = subprocess.run([exe, "lint", *SAMPLE, "--jobs", "2"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    assert run.stderr == ""


def test_progress_bar_on_a_terminal_and_quiet_silences_it():
    exe = os.path.join(os.path.dirname(sys.executable), "netlint")

    def stderr_on_tty(*extra):
        leader, follower = pty.openpty()
        proc = subprocess.Popen([exe, "lint", *SAMPLE, "--format", "json", "--output", os.devnull, *extra],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=follower, env=dict(os.environ, TERM="xterm"))
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=300)
        os.close(leader)
        return b"".join(chunks).decode(errors="replace")

    shown = stderr_on_tty()
    assert "parsing" in shown or "checking devices" in shown
    assert stderr_on_tty("--quiet") == ""
