"""netlint benchmarks: generated inputs, wall time and peak memory, printed as a table.

    python benchmarks/run.py               # the engine suites (ACL analysis, batch query) and start-up
    python benchmarks/run.py --quick       # smaller sizes, for a smoke run
    python benchmarks/run.py --only acl    # one suite
    python benchmarks/run.py --only large --only repo --only policy100k   # the scale suites
    python benchmarks/run.py --quick --only large --only repo --only policy100k

Suites: acl, query (the engine); startup (one 2,000-line file, the pre-commit case); large (one 50,000-line IOS-XE config against
ciscoconfparse2), repo (a 1,000-device repository with the zone analysis), policy100k
(a 100,000-rule FortiOS / PAN-OS policy). The scale suites (issue "Scale: a thousand
devices, hundred-thousand-line configs") run every size in growth steps (0.25x, 0.5x,
1x of the target size) and print the time per unit against the smallest step, so that
a super-linear stage shows as a growing ratio.

Every measurement runs in a fresh Python process (so peak RSS is that measurement's
own) on inputs generated into a temporary folder (never committed). Targets come from
the issues; the table says whether each was met on this machine.
"""

from __future__ import annotations

import argparse
import functools
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
    """Parse one config holding a large ACL, run the shadow/redundancy checks (the
    issue's target: the analysis), then every other device check on the same context,
    as `netlint lint` does."""
    t0 = time.perf_counter()
    from netlint.checks import DeviceContext, all_checks, run_device_checks
    from parsers import parse_file

    device = parse_file(path)
    t1 = time.perf_counter()
    ctx = DeviceContext(device)
    anomaly = {"NL110", "NL111", "NL112"}
    findings = run_device_checks(ctx, [c for c in all_checks() if c.id in anomaly])
    t_an = time.perf_counter()
    findings += run_device_checks(ctx, [c for c in all_checks() if c.id not in anomaly])
    t2 = time.perf_counter()
    rules = sum(len(f.rules) for f in device.filters.values())
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule_id] = counts.get(f.rule_id, 0) + 1
    return {"parse_s": t1 - t0, "analysis_s": t_an - t1, "checks_s": t2 - t1, "total_s": t2 - t0, "rss_mb": _rss_mb(),
            "rules": rules, "shadowed": counts.get("NL110", 0), "redundant": counts.get("NL112", 0)}


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


def _descendants(pid: int) -> list[int]:
    """The process and every descendant (the lint's process pool), from /proc."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            continue
    return out


def _tree_memory(pid: int) -> tuple[float, float]:
    """(sum of RSS, sum of PSS) in MB over the process tree rooted at `pid`. RSS counts
    pages shared by forked workers with their parent once per process (an upper bound);
    PSS splits each shared page between the processes sharing it (what the tree costs)."""
    rss = pss = 0
    for p in _descendants(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024


def measure_tree(args: list[str], timeout: float) -> dict:
    """A whole `netlint` command, start-up included, with its process pool.

    This measuring process is a dedicated parent whose only child is the netlint run, so:
    * `max_rss_mb` = getrusage(RUSAGE_CHILDREN).ru_maxrss: the peak RSS of the LARGEST
      single process of the tree (netlint's main process or one pool worker; the kernel
      folds waited-for grandchildren into it), not a sum;
    * `tree_rss_mb` / `tree_pss_mb`: the peak over time of the SUM over the whole tree
      (main process + workers), sampled from /proc every 0.1 s: what the run needs from
      the machine at its worst moment (RSS double-counts pages the forked workers share
      with the parent; PSS does not). The memory targets are checked against tree RSS,
      the conservative one; a spike shorter than the sampling period can be missed, but
      the ru_maxrss of the largest process bounds it from below.
    """
    import resource

    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "netlint", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    peak_rss = peak_pss = 0.0
    timed_out = False
    while proc.poll() is None:
        rss, pss = _tree_memory(proc.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        if time.perf_counter() - t0 > timeout:
            timed_out = True
            for p in reversed(_descendants(proc.pid)):
                try:
                    os.kill(p, 9)
                except OSError:
                    pass
            break
        time.sleep(0.1)
    err = proc.communicate()[1]
    t1 = time.perf_counter()
    if not timed_out and proc.returncode not in (0, 1):
        raise SystemExit(f"netlint {' '.join(args)} failed: {err.strip()[-2000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"total_s": t1 - t0, "timed_out": timed_out, "max_rss_mb": usage.ru_maxrss / 1024,
            "tree_rss_mb": max(peak_rss, usage.ru_maxrss / 1024), "tree_pss_mb": peak_pss,
            "cpu_s": usage.ru_utime + usage.ru_stime}


def measure_ccp(path: str, syntax: str = "ios") -> dict:
    """ciscoconfparse2 reading the same file, no analysis: import and parse timed apart."""
    t0 = time.perf_counter()
    from ciscoconfparse2 import CiscoConfParse

    t1 = time.perf_counter()
    parsed = CiscoConfParse(path, syntax=syntax)
    t2 = time.perf_counter()
    return {"import_s": t1 - t0, "parse_s": t2 - t1, "rss_mb": _rss_mb(), "objs": len(parsed.objs)}


def child(argv: list[str]) -> None:
    if os.environ.get("NETLINT_BENCH_CODE"):  # --at COMMIT: measure that snapshot, not the working tree
        sys.path.insert(0, os.environ["NETLINT_BENCH_CODE"])
    kind = argv[0]
    if kind == "acl":
        out = measure_acl(argv[1])
    elif kind == "cli":
        stdin = Path(argv[1]).read_text() if argv[1] != "-" else None
        out = measure_cli(argv[2:], stdin)
    elif kind == "tree":
        out = measure_tree(argv[2:], float(argv[1]))
    elif kind == "ccp":
        out = measure_ccp(argv[1], argv[2])
    else:
        raise SystemExit(f"unknown measurement {kind}")
    print(json.dumps(out))


def spawn(*args: str, cwd: str | None = None) -> dict:
    run = subprocess.run([sys.executable, __file__, "_measure", *args], capture_output=True, text=True, cwd=cwd)
    if run.returncode != 0:
        raise RuntimeError(run.stderr.strip()[-3000:])
    return json.loads(run.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- suites (parent side)


def suite_acl(tmp: Path, quick: bool) -> list[dict]:
    """Shadow/redundancy analysis of one large ACL (the NL110-NL112 checks, where the
    analysis runs; the whole lint in the detail): 1x, 2x, 4x for growth, and 100k."""
    from generate import ios_config

    sizes = [2_000, 4_000, 8_000] if quick else [10_000, 20_000, 40_000, 100_000]
    rows = []
    base = None
    for n in sizes:
        path = tmp / f"acl-{n}.cfg"
        path.write_text(ios_config(n))
        r = spawn("acl", str(path))
        base = base or (r["analysis_s"], n)
        growth = (r["analysis_s"] / base[0]) / (n / base[1])
        target = {10_000: 2.0, 100_000: 30.0}.get(n)
        rows.append({
            "benchmark": f"shadow/redundancy analysis of one ACL of {n:,} rules",
            "seconds": r["analysis_s"], "detail": f"{r['shadowed']} shadowed, {r['redundant']} redundant; "
            f"analysis time/rule vs {base[1]:,}: x{growth:.2f}; the whole lint in-process (parse {r['parse_s']:.2f} s "
            f"+ all device checks {r['checks_s']:.2f} s): {r['total_s']:.2f} s",
            "rss_mb": r["rss_mb"], "target": f"< {target:g} s" + (", < 2 GiB" if n == 100_000 else "") if target else "",
            "met": (r["analysis_s"] < target and (n != 100_000 or r["rss_mb"] < 2048)) if target else None,
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


def suite_startup(tmp: Path, quick: bool) -> list[dict]:
    """`netlint lint one-file.cfg` on a 2,000-line IOS-XE switch, start-up included: the
    pre-commit case. The fastest of 5 runs (the first warms the file cache), and what
    `python -X importtime` says the run imports."""
    from generate import ios_switch_config

    cfg = tmp / "switch-2000.cfg"
    cfg.write_text(ios_switch_config(2000))
    runs = [spawn("cli", "-", "lint", str(cfg)) for _ in range(2 if quick else 5)]
    best = min(runs, key=lambda r: r["total_s"])
    trace = subprocess.run([sys.executable, "-X", "importtime", "-m", "netlint", "lint", str(cfg)],
                           capture_output=True, text=True).stderr
    modules = {line.split("|")[-1].strip().split(".")[0] for line in trace.splitlines() if line.startswith("import time:")}
    own = {}
    for line in trace.splitlines():  # cumulative import time of the top-level packages
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[2].startswith(" ") \
                and not parts[2].startswith("  "):
            name = parts[2].strip()
            if parts[1].strip().isdigit():
                own[name] = own.get(name, 0) + int(parts[1])
    heaviest = ", ".join(f"{n} {us / 1000:.0f} ms" for n, us in sorted(own.items(), key=lambda kv: -kv[1])[:6])
    absent = [m for m in ("openpyxl", "defusedxml", "xml", "networkx", "jinja2", "pydantic") if m not in modules]
    return [{
        "benchmark": "lint one 2,000-line IOS-XE switch config (whole CLI run, start-up included)",
        "seconds": best["total_s"], "rss_mb": best["rss_mb"], "target": "< 0.6 s" if not quick else "",
        "met": best["total_s"] < 0.6 if not quick else None,
        "detail": f"best of {len(runs)}; -X importtime, heaviest top-level imports: {heaviest}; "
                  f"not imported: {', '.join(absent)}",
    }]


# --------------------------------------------------------------------------- scale suites

REPEAT = 1  # --repeat: each scale measurement runs this many times and the fastest counts
TIMEOUT = {"large": 900.0, "repo": 3600.0, "policy100k": 1800.0}  # seconds, then the row says "timed out"


@functools.lru_cache(maxsize=1)
def _lint_flags() -> tuple[str, ...]:
    """Options of `netlint lint` that the measured code has (--no-cache and --quiet are
    new; without --no-cache a configured cache could serve a warm parse)."""
    text = subprocess.run([sys.executable, "-m", "netlint", "lint", "--help"], capture_output=True, text=True).stdout
    return tuple(f for f in ("--no-cache", "--quiet") if f in text)


@functools.lru_cache(maxsize=1)
def _has_jobs() -> bool:
    text = subprocess.run([sys.executable, "-m", "netlint", "lint", "--help"], capture_output=True, text=True).stdout
    return "--jobs" in text


def _lint(tmp: Path, timeout: float, *args: str) -> dict:
    """The fastest of REPEAT runs of `netlint lint ...` (run from `tmp`, so no project
    .netlint.yaml applies), with the spread of the runs; the JSON report goes to a file."""
    report = tmp / "report.json"
    runs = []
    for _ in range(REPEAT):
        r = spawn("tree", str(timeout), "lint", *args, "--format", "json", "--fail-on", "never", "-o", str(report),
                  *_lint_flags(), cwd=str(tmp))
        runs.append(r)
        if r["timed_out"]:
            break
    best = min(runs, key=lambda r: r["total_s"])
    best["spread"] = (max(r["total_s"] for r in runs) - best["total_s"]) if len(runs) > 1 else None
    text = report.read_text() if report.exists() and not best["timed_out"] else ""
    best["findings"] = {k: text.count(f'"rule_id": "{k}"') for k in ("NL001", "NL110", "NL112", "NL501", "NL502", "NL503")}
    best["report_mb"] = len(text) / 2**20
    if report.exists():
        report.unlink()
    return best


def _secs(r: dict) -> str:
    return ("> " if r.get("timed_out") else "") + f"{r['total_s']:.1f} s"


def _noise(r: dict) -> str:
    return f" (spread of {REPEAT} runs {r['spread']:.1f} s)" if r.get("spread") is not None else ""


def _growth(r: dict, units: float, base: tuple[float, float] | None, unit: str) -> tuple[str, tuple[float, float]]:
    """'time per <unit> vs the smallest step: xN' (1.0 = linear)."""
    if base is None:
        return f"{r['total_s'] / units * 1000:.3g} ms/{unit} (growth base)", (r["total_s"], units)
    ratio = (r["total_s"] / units) / (base[0] / base[1])
    return f"{r['total_s'] / units * 1000:.3g} ms/{unit}, x{ratio:.2f} per {unit} vs the smallest step", base


def suite_large(tmp: Path, quick: bool) -> list[dict]:
    """One large config (about 50,000 lines, 20,000 ACL entries; IOS-XE, then ASA):
    `netlint lint FILE --no-network` (start-up, parse and every device check) against
    ciscoconfparse2 parsing the same file (no analysis; its import timed apart). Target:
    netlint / ciscoconfparse2 parse < 1.0 at the full size."""
    from generate import asa_large_config, ios_large_config

    steps = [0.05, 0.1] if quick else [0.25, 0.5, 1.0]
    for label, make, syntax in (("IOS-XE", ios_large_config, "ios"), ("ASA", asa_large_config, "asa")):
        yield from _large_steps(tmp, label, make, syntax, steps)


def _large_steps(tmp: Path, label: str, make, syntax: str, steps: list[float]):
    base = None
    for f in steps:
        lines, entries = int(50_000 * f), int(20_000 * f)
        path = tmp / f"large-{syntax}-{lines}.cfg"
        path.write_text(make(lines, entries))
        n = _lint(tmp, TIMEOUT["large"], str(path), "--no-network")
        ccps = [spawn("ccp", str(path), syntax) for _ in range(REPEAT)]
        cc = min(ccps, key=lambda c: c["parse_s"])
        ratio = n["total_s"] / cc["parse_s"]
        full = f == 1.0
        grow, base = _growth(n, entries, base, "ACL entry")
        yield {
            "benchmark": f"large: netlint lint, {label} {lines:,} lines / {entries:,} ACL entries (--no-network)",
            "seconds": n["total_s"], "seconds_text": _secs(n), "rss_mb": n["tree_rss_mb"],
            "target": "netlint / ccp2 parse < 1.0" if full else "", "met": (ratio < 1.0 and not n["timed_out"]) if full else None,
            "detail": f"ratio netlint / ciscoconfparse2 parse = **{ratio:.2f}**; {n['findings']['NL001']} parse warnings, "
                      f"{n['findings']['NL110']} shadowed, {n['findings']['NL112']} redundant; CPU {n['cpu_s']:.1f} s; "
                      f"{grow}{_noise(n)}",
        }
        yield {
            "benchmark": f"large: ciscoconfparse2 CiscoConfParse(path, syntax='{syntax}'), same file",
            "seconds": cc["parse_s"], "seconds_text": f"{cc['parse_s']:.1f} s", "rss_mb": cc["rss_mb"], "target": "", "met": None,
            "detail": f"parse only (+ import {cc['import_s']:.2f} s, not in the ratio); {cc['objs']:,} lines parsed, no analysis",
        }
        path.unlink()


def suite_repo(tmp: Path, quick: bool) -> list[dict]:
    """A config repository of a broker (benchmarks/generate.py repository()): `netlint lint
    REPO --policy REPO/policy.yaml --format json --jobs 2`, zone analysis included, at
    0.25x, 0.5x and 1x of 1,000 devices; and the same without the zone analysis
    (--no-network) to split parse + device checks from the network-wide stage.
    Targets at 1,000 devices: < 60 s and < 4 GiB for the whole process tree."""
    import shutil

    from generate import repository

    steps = [24, 48] if quick else [250, 500, 1000]
    jobs = ["--jobs", "2"] if _has_jobs() else []
    base = base_nn = None
    for n_dev in steps:
        root = tmp / f"repo-{n_dev}"
        summary = repository(root, n_dev)
        mix = ", ".join(f"{v.split('_')[-1]} {c}" for v, c in sorted(summary["vendors"].items(), key=lambda kv: -kv[1]))
        nn = _lint(tmp, TIMEOUT["repo"], str(root), *jobs, "--no-network")
        grow_nn, base_nn = _growth(nn, n_dev, base_nn, "device")
        yield {
            "benchmark": f"repo: {n_dev:,} devices, {summary['lines'] / 1e6:.2f} M lines, --no-network {' '.join(jobs)}",
            "seconds": nn["total_s"], "seconds_text": _secs(nn), "rss_mb": nn["tree_rss_mb"], "target": "", "met": None,
            "detail": f"parse + device checks only; {nn['findings']['NL001']} parse warnings; largest process "
                      f"{nn['max_rss_mb']:.0f} MB, tree PSS {nn['tree_pss_mb']:.0f} MB; CPU {nn['cpu_s']:.0f} s; {grow_nn}{_noise(nn)}",
        }
        r = _lint(tmp, TIMEOUT["repo"], str(root), "--policy", str(root / "policy.yaml"), *jobs)
        grow, base = _growth(r, n_dev, base, "device")
        full = n_dev == 1000
        zone = r["total_s"] - nn["total_s"]
        yield {
            "benchmark": f"repo: {n_dev:,} devices, --policy (zone analysis) {' '.join(jobs)}",
            "seconds": r["total_s"], "seconds_text": _secs(r), "rss_mb": r["tree_rss_mb"],
            "target": "< 60 s, < 4 GiB" if full else "",
            "met": (r["total_s"] < 60 and r["tree_rss_mb"] < 4096 and not r["timed_out"]) if full else None,
            "detail": f"mix: {mix}; zone stage ~{zone:.0f} s (this minus --no-network); "
                      f"{r['findings']['NL501']} NL501, {r['findings']['NL502']} NL502, {r['findings']['NL503']} NL503; "
                      f"largest process {r['max_rss_mb']:.0f} MB, tree PSS {r['tree_pss_mb']:.0f} MB; CPU {r['cpu_s']:.0f} s; "
                      f"{grow}{_noise(r)}",
        }
        shutil.rmtree(root)


def suite_policy100k(tmp: Path, quick: bool) -> list[dict]:
    """A 100,000-rule firewall policy (FortiOS and PAN-OS, benchmarks/generate.py
    firewall_policy()): parse + shadow/redundancy analysis, `netlint lint FILE --no-network
    --select shadowed-rule,redundant-rule`, at 0.25x, 0.5x, 1x. Target at 100,000 rules:
    < 30 s and < 2 GiB."""
    from generate import firewall_policy

    steps = [1_000, 2_000] if quick else [25_000, 50_000, 100_000]
    for vendor, ext in (("fortinet_fortios", "conf"), ("paloalto_panos", "xml")):
        base = None
        for n in steps:
            path = tmp / f"policy-{n}.{ext}"
            text = firewall_policy(n, vendor)
            path.write_text(text)
            lines = text.count("\n")
            del text
            r = _lint(tmp, TIMEOUT["policy100k"], str(path), "--no-network", "--select", "shadowed-rule,redundant-rule")
            grow, base = _growth(r, n, base, "rule")
            full = n == 100_000
            yield {
                "benchmark": f"policy100k: {vendor} {n:,} rules ({lines / 1e6:.2f} M lines), shadowed + redundant",
                "seconds": r["total_s"], "seconds_text": _secs(r), "rss_mb": r["tree_rss_mb"],
                "target": "< 30 s, < 2 GiB" if full else "",
                "met": (r["total_s"] < 30 and r["tree_rss_mb"] < 2048 and not r["timed_out"]) if full else None,
                "detail": f"{r['findings']['NL110']} shadowed, {r['findings']['NL112']} redundant; CPU {r['cpu_s']:.1f} s; "
                          f"{grow}{_noise(r)}",
            }
            path.unlink()
            if r["timed_out"]:
                break  # a larger step would time out too


SUITES = {"acl": suite_acl, "query": suite_query, "startup": suite_startup, "large": suite_large,
          "repo": suite_repo, "policy100k": suite_policy100k}
DEFAULT_SUITES = ["acl", "query", "startup"]  # the scale suites take long: run them with --only


def print_header(code: str) -> None:
    print(f"netlint benchmarks — {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores, {platform.machine()}; code: {code}")
    print()
    print("| benchmark | wall time | peak RSS | target | met | detail |")
    print("|---|---:|---:|---|---|---|", flush=True)


def print_row(r: dict) -> None:
    """One row as soon as it is measured (a long run keeps what it measured if it stops)."""
    met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
    secs = r.get("seconds_text") or f"{r['seconds']:.2f} s"
    print(f"| {r['benchmark']} | {secs} | {r['rss_mb']:.0f} MB | {r['target']} | {met} | {r['detail']} |", flush=True)


def print_table(rows: list[dict], code: str = "") -> None:
    print_header(code)
    for r in rows:
        print_row(r)


def _snapshot(commit: str, into: Path) -> str:
    """`git archive COMMIT netlint parsers` into a folder that the measured processes import
    first: a long run measures one commit even while the shared working tree changes."""
    repo = HERE.parent
    sha = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", commit], capture_output=True, text=True,
                         check=True).stdout.strip()
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(repo), "archive", commit, "netlint", "parsers"], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    os.environ["NETLINT_BENCH_CODE"] = str(into)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(into)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else []))
    return f"commit {sha} (snapshot)"


def _working_tree() -> str:
    repo = HERE.parent
    sha = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--", "netlint", "parsers"],
                           capture_output=True, text=True).stdout.strip()
    return f"working tree at {sha}" + (" + uncommitted changes" if dirty else "")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_measure":
        child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller inputs (a smoke run)")
    ap.add_argument("--only", choices=sorted(SUITES), action="append", help="run only this suite (repeatable)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="scale suites: run each measurement N times and keep the fastest (a shared machine is noisy)")
    ap.add_argument("--tmp", help="folder for the generated inputs (default: a temporary folder, removed afterwards)")
    ap.add_argument("--at", metavar="COMMIT",
                    help="measure this commit (git archive of netlint/ and parsers/), not the working tree")
    args = ap.parse_args()
    global REPEAT
    REPEAT = max(1, args.repeat)
    load0 = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="netlint-bench-", dir=args.tmp) as tmp:
        code = _snapshot(args.at, Path(tmp) / "code") if args.at else _working_tree()
        print_header(code)
        for name in args.only or DEFAULT_SUITES:
            try:
                for row in SUITES[name](Path(tmp), args.quick):
                    print_row(row)
            except RuntimeError as exc:  # a failed measurement ends its suite, not the run
                print(f"| {name}: measurement failed | | | | **error** | {str(exc).splitlines()[-1] if str(exc) else ''} |",
                      flush=True)
    load1 = os.getloadavg()
    print()
    print(f"Load average (1 min) at start {load0[0]:.1f}, at end {load1[0]:.1f} on {os.cpu_count()} cores: "
          "wall times above the CPU time mean the machine was shared.")


if __name__ == "__main__":
    main()
