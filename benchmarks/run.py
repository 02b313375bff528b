"""netlint benchmarks: generated inputs, wall time and peak memory, printed as a table.

    python benchmarks/run.py               # the engine suite (ACL analysis and batch query)
    python benchmarks/run.py --quick       # smaller sizes, for a smoke run
    python benchmarks/run.py --only acl    # one suite

Every measurement runs in a fresh Python process (so peak RSS is that measurement's
own) on inputs generated into a temporary folder (never committed). Targets come from
the issues; the table says whether each was met on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


# --------------------------------------------------------------------------- measurements (child side)


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_acl(path: str) -> dict:
    """Parse one config holding a large ACL and run every device check on it (the
    shadow/redundancy analysis dominates), as `netlint lint` does."""
    t0 = time.perf_counter()
    from netlint.checks import DeviceContext, all_checks, run_device_checks
    from parsers import parse_file

    device = parse_file(path)
    t1 = time.perf_counter()
    findings = run_device_checks(DeviceContext(device), all_checks())
    t2 = time.perf_counter()
    rules = sum(len(f.rules) for f in device.filters.values())
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule_id] = counts.get(f.rule_id, 0) + 1
    return {"parse_s": t1 - t0, "checks_s": t2 - t1, "total_s": t2 - t0, "rss_mb": _rss_mb(), "rules": rules,
            "shadowed": counts.get("NL110", 0), "redundant": counts.get("NL112", 0)}


def measure_cli(args: list[str], stdin: str | None = None) -> dict:
    """A whole `netlint` command, start-up included."""
    import resource

    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "netlint", *args], input=stdin, capture_output=True, text=True)
    t1 = time.perf_counter()
    if run.returncode not in (0, 1):
        raise SystemExit(f"netlint {' '.join(args)} failed: {run.stderr.strip()}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"total_s": t1 - t0, "rss_mb": peak, "lines": run.stdout.count("\n")}


def child(argv: list[str]) -> None:
    kind = argv[0]
    if kind == "acl":
        out = measure_acl(argv[1])
    elif kind == "cli":
        stdin = Path(argv[1]).read_text() if argv[1] != "-" else None
        out = measure_cli(argv[2:], stdin)
    else:
        raise SystemExit(f"unknown measurement {kind}")
    print(json.dumps(out))


def spawn(*args: str) -> dict:
    run = subprocess.run([sys.executable, __file__, "_measure", *args], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(run.stderr)
    return json.loads(run.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- suites (parent side)


def suite_acl(tmp: Path, quick: bool) -> list[dict]:
    """Shadow/redundancy analysis of one large ACL: 1x, 2x, 4x for growth, and 100k."""
    from generate import ios_config

    sizes = [2_000, 4_000, 8_000] if quick else [10_000, 20_000, 40_000, 100_000]
    rows = []
    base = None
    for n in sizes:
        path = tmp / f"acl-{n}.cfg"
        path.write_text(ios_config(n))
        r = spawn("acl", str(path))
        base = base or (r["total_s"], n)
        growth = (r["total_s"] / base[0]) / (n / base[1])
        target = {10_000: 2.0, 100_000: 30.0}.get(n)
        rows.append({
            "benchmark": f"lint one ACL of {n:,} rules (parse + all checks)",
            "seconds": r["total_s"], "detail": f"parse {r['parse_s']:.2f} s, checks {r['checks_s']:.2f} s; "
            f"{r['shadowed']} shadowed, {r['redundant']} redundant; time/rule vs {base[1]:,}: x{growth:.2f}",
            "rss_mb": r["rss_mb"], "target": f"< {target:g} s" + (", < 2 GiB" if n == 100_000 else "") if target else "",
            "met": (r["total_s"] < target and (n != 100_000 or r["rss_mb"] < 2048)) if target else None,
        })
    return rows


def suite_query(tmp: Path, quick: bool) -> list[dict]:
    """Batch query: 100,000 packets against a 10,000-rule ACL, through the CLI."""
    from generate import ios_config, packets

    n_rules, n_packets = (2_000, 20_000) if quick else (10_000, 100_000)
    cfg = tmp / f"query-acl-{n_rules}.cfg"
    cfg.write_text(ios_config(n_rules))
    pk = tmp / "packets.jsonl"
    pk.write_text("".join(json.dumps(p) + "\n" for p in packets(n_packets, n_rules)))
    r = spawn("cli", "-", "query", str(cfg), "--filter", "BIG_ACL", "--packets", str(pk), "--format", "json")
    assert r["lines"] == n_packets
    return [{
        "benchmark": f"query {n_packets:,} packets (JSON lines) against a {n_rules:,}-rule ACL",
        "seconds": r["total_s"], "detail": "whole CLI run, start-up and parse included", "rss_mb": r["rss_mb"],
        "target": "< 5 s" if not quick else "", "met": r["total_s"] < 5 if not quick else None,
    }]


SUITES = {"acl": suite_acl, "query": suite_query}


def print_table(rows: list[dict]) -> None:
    print(f"netlint benchmarks — {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores, {platform.machine()}")
    print()
    print("| benchmark | wall time | peak RSS | target | met | detail |")
    print("|---|---:|---:|---|---|---|")
    for r in rows:
        met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
        print(f"| {r['benchmark']} | {r['seconds']:.2f} s | {r['rss_mb']:.0f} MB | {r['target']} | {met} | {r['detail']} |")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_measure":
        child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller inputs (a smoke run)")
    ap.add_argument("--only", choices=sorted(SUITES), action="append", help="run only this suite (repeatable)")
    args = ap.parse_args()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="netlint-bench-") as tmp:
        for name in args.only or list(SUITES):
            rows.extend(SUITES[name](Path(tmp), args.quick))
    print_table(rows)


if __name__ == "__main__":
    main()
