"""The command line (contract section 1). The only module that wires the others
together: parsers -> model -> checks -> findings -> reports."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import typer

from netlint import __version__
from netlint.model import ParseError

app = typer.Typer(
    name="netlint",
    help="Static analysis of firewall, router and switch configs against the Taiwan "
    "securities & futures network-security guideline.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Files a directory walk considers configs; other files in a config repository
# (READMEs, policies, reports) are skipped. Files named explicitly are always read.
CONFIG_SUFFIXES = {"", ".cfg", ".conf", ".config", ".txt", ".xml", ".rules", ".nft", ".ios", ".asa",
                   ".junos", ".set", ".iptables", ".fortios", ".fgt", ".panos", ".eos", ".nxos", ".run", ".bak"}
SKIP_NAMES = {"LICENSE", "README", "Makefile", "CODEOWNERS", "NOTICE", "COPYING", "AUTHORS"}


class UsageError(Exception):
    """A problem the user must fix; printed as one sentence, exit code 2."""


def fail(message: str) -> None:
    typer.echo(f"netlint: {message}", err=True)
    raise typer.Exit(2)


# --------------------------------------------------------------------------- loading


def collect_files(paths: list[Path], exclude: list[str]) -> list[Path]:
    """Config files under the given paths, sorted; explicit files always included."""
    out: list[Path] = []
    excluded = [Path(e).resolve() for e in exclude]

    def is_excluded(p: Path) -> bool:
        rp = p.resolve()
        return any(rp == e or e in rp.parents for e in excluded)

    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: does not exist")
        if path.is_file():
            out.append(path)
            continue
        for sub in sorted(path.rglob("*")):
            rel = sub.relative_to(path)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if not sub.is_file() or is_excluded(sub):
                continue
            if sub.suffix.lower() not in CONFIG_SUFFIXES or sub.name in SKIP_NAMES or sub.name.startswith("README"):
                continue
            out.append(sub)
    seen: set[Path] = set()
    unique = []
    for p in out:
        rp = p.resolve()
        if rp not in seen:
            seen.add(rp)
            unique.append(p)
    return unique


def _parse_one(path: Path, vendor: str | None, cache_dir: Optional[Path] = None):
    """Parse one file (from the cache when its content is unchanged); every failure
    becomes a ParseError naming the file."""
    from parsers import parse_text, read_config_text

    try:
        if cache_dir is not None:
            from netlint import cache

            raw = Path(path).read_bytes() if Path(path).is_file() else b""
            k = cache.key(str(path), raw, vendor)
            device = cache.load(cache_dir, k)
            if device is not None:
                return device
        device = parse_text(read_config_text(path), str(path), vendor)
        if cache_dir is not None:
            cache.store(cache_dir, k, device)
        return device
    except ParseError:
        raise
    except RecursionError:
        raise ParseError(str(path), "is nested too deeply to parse") from None
    except Exception as exc:  # a parser bug must not show a traceback to the user
        if os.environ.get("NETLINT_DEBUG"):
            raise
        raise ParseError(str(path), f"could not be parsed (internal error: {type(exc).__name__}: {exc}); "
                                    "please report it with the file") from None


def _parse_task(task):
    path, vendor, cache_dir = task
    return _parse_one(path, vendor, cache_dir)


class Progress:
    """A progress bar on stderr (only when stderr is a terminal and --quiet is off)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self._bar.start()

    def task(self, description: str, total: int):
        task_id = self._bar.add_task(description, total=total)
        return lambda: self._bar.advance(task_id)

    def close(self) -> None:
        self._bar.stop()


# State the forked check workers inherit (set just before the pool starts).
_WORK: dict = {}


def _check_task(index: int):
    from netlint.checks import DeviceContext, run_device_checks
    from netlint.suppress import apply_inline_suppressions

    d = _WORK["devices"][index]
    found = run_device_checks(DeviceContext(d, _WORK["policy"], _WORK["options"]), _WORK["checks"])
    return apply_inline_suppressions(d, found)


def _pool(jobs: int, tasks: int):
    """A process pool when it pays (several workers, several files), else None."""
    if jobs <= 1 or tasks < 4:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    ctx = multiprocessing.get_context(method) if method else None
    return ProcessPoolExecutor(max_workers=min(jobs, tasks), mp_context=ctx)


def load_devices(files: list[Path], vendor: str | None, jobs: int = 1, cache_dir: Optional[Path] = None,
                 progress=None):
    """Parse every file, in file order, in parallel when asked."""
    pool = _pool(jobs, len(files))
    devices = []
    tick = progress.task("parsing", len(files)) if progress else None
    if pool is None:
        for f in files:
            devices.append(_parse_one(f, vendor, cache_dir))
            if tick:
                tick()
        return devices
    with pool:
        for device in pool.map(_parse_task, [(f, vendor, cache_dir) for f in files], chunksize=4):
            devices.append(device)
            if tick:
                tick()
    return devices


def device_summary(d) -> dict:
    return {"name": d.hostname, "vendor": d.vendor, "file": d.file, "os_version": d.os_version}


# --------------------------------------------------------------------------- lint


@dataclass
class LintOptions:
    policy: Optional[Path]
    select: list[str]
    ignore: list[str]
    vendor: Optional[str]
    lang: str
    today: Optional[str]
    eol_data: Optional[str] = None
    baseline: Optional[Path] = None
    network: bool = True
    jobs: int = 1
    cache_dir: Optional[Path] = None
    progress: bool = False


def load_or_infer_policy(policy_path: Optional[Path], devices):
    from netlint.policy import infer_policy, load_policy

    if policy_path is not None:
        return load_policy(policy_path)
    return infer_policy(devices)


def run_lint(paths: list[Path], opts: LintOptions, exclude: list[str]):
    """Parse, check and suppress: returns the LintResult and the devices."""
    from datetime import date

    files = collect_files(paths, exclude)
    if not files:
        raise UsageError("no config files found under " + ", ".join(str(p) for p in paths))
    try:
        today = date.fromisoformat(opts.today) if opts.today else date.today()
    except ValueError:
        raise UsageError(f"--today {opts.today}: not a date (use YYYY-MM-DD)") from None
    if opts.policy is not None and not opts.policy.is_file():
        raise UsageError(f"{opts.policy}: policy file does not exist")
    progress = Progress() if opts.progress else None
    try:
        devices = load_devices(files, opts.vendor, opts.jobs, opts.cache_dir, progress)
        policy = load_or_infer_policy(opts.policy, devices)
        return _check_all(files, devices, policy, opts, today, progress)
    finally:
        if progress:
            progress.close()


def _check_all(files, devices, policy, opts: LintOptions, today, progress):
    from netlint.checks import NetworkContext, Options, all_checks, run_network_checks, selected
    from netlint.findings import LintResult, assign_fingerprints
    from netlint.suppress import apply_exceptions, apply_inline_suppressions

    if opts.eol_data is not None:
        if not Path(opts.eol_data).is_file():
            raise UsageError(f"{opts.eol_data}: end-of-life data file does not exist")
        from netlint.eol import load_table

        load_table(opts.eol_data)  # a broken table is an error even when no lifecycle check runs
    options = Options(today=today, lang=opts.lang, eol_data=opts.eol_data)
    checks = selected(all_checks(), opts.select, opts.ignore)
    if not opts.network:
        checks = [c for c in checks if c.scope != "network"]
    findings = []
    _WORK.update(devices=devices, policy=policy, options=options, checks=checks)
    tick = progress.task("checking devices", len(devices)) if progress else None
    network = NetworkContext(devices, policy, options)
    network_findings = None
    pool = _pool(opts.jobs, len(devices))
    try:
        if pool is None:
            results = (_check_task(i) for i in range(len(devices)))
        else:
            results = pool.map(_check_task, range(len(devices)), chunksize=4)
            # every task is submitted: the zone analysis needs no device finding, so this
            # process does it while the workers check the devices
            network_findings = run_network_checks(network, checks)
        for device_findings in results:
            findings.extend(device_findings)
            if tick:
                tick()
    finally:
        if pool is not None:
            pool.shutdown()
        _WORK.clear()
    if network_findings is None:
        if progress and any(c.scope == "network" for c in checks):
            progress.task("zone analysis", 1)
        network_findings = run_network_checks(network, checks)
    by_name = {d.hostname: d for d in devices}
    for f in network_findings:
        d = by_name.get(f.device)
        if d is not None:
            apply_inline_suppressions(d, [f])
    findings.extend(network_findings)
    assign_fingerprints(findings)
    apply_exceptions(findings, policy, today)
    known = 0
    if opts.baseline is not None:
        from netlint.baseline import apply_baseline, load_baseline

        known = apply_baseline(findings, load_baseline(opts.baseline))
    from netlint.checklist import build_checklist

    checklist = build_checklist(findings, [(c.id, c.category) for c in checks], devices, policy)
    return LintResult(
        version=__version__,
        devices=[device_summary(d) for d in devices],
        findings=findings,
        files=len(files),
        policy_file=str(opts.policy) if opts.policy else None,
        organization=policy.organization,
        category=policy.category,
        policy_notes=list(policy.notes),
        checklist=checklist,
        baseline_known=known,
        rules=[{"id": c.id, "name": c.name, "category": c.category, "severity": c.severity,
                "articles": list(c.articles), **c.sections()} for c in checks],
    ), devices, network


@app.command()
def lint(
    paths: list[Path] = typer.Argument(..., help="Config files or folders (vendor auto-detected)."),
    policy: Optional[Path] = typer.Option(None, "--policy", help="Policy file (zones, allowed flows)."),
    format: str = typer.Option(None, "--format", "-f", help="text | json"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    fail_on: str = typer.Option(None, "--fail-on", help="Exit 1 when a finding is at or above this severity (default high)."),
    select: list[str] = typer.Option([], "--select", help="Only these checks (id, id prefix or category); repeatable or comma-separated."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip these checks (id, id prefix or category)."),
    vendor: Optional[str] = typer.Option(None, "--vendor", help="Force the vendor of every file."),
    lang: str = typer.Option(None, "--lang", help="en | zh-TW"),
    today: Optional[str] = typer.Option(None, "--today", help="Evaluate dates (EOL, expiry) as of this day, YYYY-MM-DD."),
    exclude: list[str] = typer.Option([], "--exclude", help="Skip files under this path when walking folders."),
    eol_data: Optional[Path] = typer.Option(None, "--eol-data", help="End-of-life table (YAML) replacing the shipped one."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Report only findings not in this baseline."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record today's findings as the baseline."),
    network: bool = typer.Option(True, "--network/--no-network",
                                 help="Run the network-wide zone checks (off for per-file pre-commit runs)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes for parsing and device checks "
                                                                    "(default: the number of cores)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Cache parsed configs here between runs."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not use the parse cache."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Lint configs: parse every file, run all checks, report findings."""
    from netlint.config import ConfigError, find_project_config
    from netlint.findings import SEVERITIES, severity_at_least
    from netlint.report import FORMATS, render

    try:
        cfg = find_project_config()
    except ConfigError as exc:
        fail(str(exc))
    fmt = format or cfg.get("format", "text")
    fail_on = (fail_on or cfg.get("fail-on", "high")).lower()
    lang = lang or cfg.get("lang", "en")
    if fmt not in FORMATS:
        fail(f"--format {fmt}: unknown format (one of: {', '.join(FORMATS)})")
    if fail_on not in SEVERITIES and fail_on != "never":
        fail(f"--fail-on {fail_on}: unknown severity (one of: {', '.join(SEVERITIES)}, never)")
    if lang not in ("en", "zh-TW"):
        fail(f"--lang {lang}: unknown language (en or zh-TW)")
    sel = _split(select) or _split(cfg.get("select", []))
    ign = _split(ignore) + _split(cfg.get("ignore", []))
    excl = list(exclude) + [cfg.resolve(e) for e in _as_list(cfg.get("exclude", []))]
    pol = policy or (Path(cfg.resolve(cfg.get("policy"))) if cfg.get("policy") else None)
    eol = str(eol_data) if eol_data else (cfg.resolve(cfg.get("eol-data")) if cfg.get("eol-data") else None)
    base = baseline or (Path(cfg.resolve(cfg.get("baseline"))) if cfg.get("baseline") else None)
    n_jobs = jobs if jobs is not None else int(cfg.get("jobs", os.cpu_count() or 1))
    if n_jobs < 1:
        fail(f"--jobs {n_jobs}: give at least 1")
    cache = None if no_cache else (cache_dir or (Path(cfg.resolve(cfg.get("cache-dir"))) if cfg.get("cache-dir") else None))
    opts = LintOptions(pol, sel, ign, vendor or cfg.get("vendor"), lang, today, eol, base, network, n_jobs, cache,
                       progress=not quiet and sys.stderr.isatty())
    from netlint.policy import PolicyError

    try:
        result, devices, net = run_lint(paths, opts, excl)
        if write_baseline is not None:
            from netlint.baseline import write_baseline as write_base

            count = write_base(write_baseline, result.findings, __version__)
            typer.echo(f"netlint: wrote {count} findings to the baseline {write_baseline}", err=True)
    except (ParseError, UsageError, PolicyError, ValueError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{write_baseline}: cannot write the baseline ({exc.strerror or exc})")
    context = {}
    if fmt == "html":
        context = html_context(result, devices, net)
    text = render(fmt, result, lang, color=(fmt == "text" and output is None and sys.stdout.isatty()), **context)
    _emit(text, output, rich_markup=(fmt == "text" and output is None and sys.stdout.isatty()))
    if fail_on != "never" and any(severity_at_least(f.severity, fail_on) for f in result.active):
        raise typer.Exit(1)


def html_context(result, devices, network) -> dict:
    """What the HTML report needs beyond the findings: the zone graph and the configs."""
    from parsers import read_config_text

    view = build_view(devices, network.policy, network.graph, network.reach)
    sources = {}
    for d in devices:
        try:
            sources[d.file] = read_config_text(d.file).split("\n")
        except ParseError:
            sources[d.file] = []
    return {"view": view, "sources": sources}


def _split(values) -> list[str]:
    out: list[str] = []
    for v in _as_list(values):
        out.extend(x.strip() for x in str(v).split(",") if x.strip())
    return out


def _as_list(v) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, (list, tuple)) else [v]


def _emit(text: str, output: Optional[Path], rich_markup: bool = False) -> None:
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"{output}: cannot write the report ({exc.strerror or exc})")
        return
    if rich_markup:
        from rich.console import Console

        Console(highlight=False, soft_wrap=True).print(text, end="")
    else:
        sys.stdout.write(text)


# --------------------------------------------------------------------------- parse


@app.command()
def parse(
    file: Path = typer.Argument(..., help="One config file."),
    format: str = typer.Option("json", "--format", "-f", help="json"),
    vendor: Optional[str] = typer.Option(None, "--vendor", help="Force the vendor."),
) -> None:
    """Print the normalised model of one device (for debugging and other tools)."""
    from netlint.serialize import device_to_dict

    if format != "json":
        fail(f"--format {format}: parse writes json only")
    try:
        (device,) = load_devices([file], vendor)
    except ParseError as exc:
        fail(str(exc))
    sys.stdout.write(json.dumps(device_to_dict(device), indent=2, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- query


@app.command()
def query(
    config: Path = typer.Argument(..., help="One config file."),
    filter: Optional[str] = typer.Option(None, "--filter", help="ACL / filter / chain / policy name."),
    from_zone: Optional[str] = typer.Option(None, "--from-zone", help="Source zone (zone-based firewalls)."),
    to_zone: Optional[str] = typer.Option(None, "--to-zone", help="Destination zone."),
    src: Optional[str] = typer.Option(None, "--src", help="Source IP."),
    dst: Optional[str] = typer.Option(None, "--dst", help="Destination IP."),
    proto: str = typer.Option("tcp", "--proto", help="Protocol name or number."),
    sport: Optional[int] = typer.Option(None, "--sport"),
    dport: Optional[int] = typer.Option(None, "--dport"),
    icmp_type: Optional[int] = typer.Option(None, "--icmp-type"),
    icmp_code: Optional[int] = typer.Option(None, "--icmp-code"),
    established: bool = typer.Option(False, "--established", help="A packet of an existing connection."),
    in_interface: Optional[str] = typer.Option(None, "--in-interface", help="Ingress interface (iptables -i)."),
    out_interface: Optional[str] = typer.Option(None, "--out-interface", help="Egress interface (iptables -o)."),
    packets: Optional[str] = typer.Option(None, "--packets", help="JSON lines of packets (FILE or - for stdin)."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="json | text (default: text, json for --packets)"),
    vendor: Optional[str] = typer.Option(None, "--vendor", help="Force the vendor."),
) -> None:
    """Which rule a packet hits first, and whether it is permitted."""
    from netlint.filters import FilterSet
    from netlint.query import QueryError, answer, make_packet, select_filter
    from netlint.space import safe_point

    try:
        (device,) = load_devices([config], vendor)
    except ParseError as exc:
        fail(str(exc))
    fs = FilterSet(device)
    fmt = format or ("json" if packets else "text")
    if fmt not in ("json", "text"):
        fail(f"--format {fmt}: unknown format (json, text)")
    if packets is None:
        if not src or not dst:
            fail("give --src and --dst (or --packets FILE)")
        spec = {"src": src, "dst": dst, "proto": proto, "sport": sport, "dport": dport, "icmp_type": icmp_type,
                "icmp_code": icmp_code, "established": established, "from_zone": from_zone, "to_zone": to_zone,
                "in_interface": in_interface, "out_interface": out_interface}
        try:
            pkt = make_packet(spec)
            name = select_filter(device, filter, bool(from_zone or to_zone))
            results = [answer(fs, name, pkt)]
        except QueryError as exc:
            fail(f"{config}: {exc}")
    else:
        results = []
        source = sys.stdin if packets == "-" else None
        try:
            handle = source or open(packets, encoding="utf-8")
        except OSError as exc:
            fail(f"{packets}: cannot be read ({exc.strerror or exc})")
        out_lines = []
        encoded: dict = {}  # answers depend on the rule hit, not the packet: encode each once
        with handle:
            for number, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                where = "stdin" if packets == "-" else packets
                try:
                    spec = json.loads(raw)
                    if not isinstance(spec, dict):
                        raise QueryError("each line must be a JSON object")
                    spec.setdefault("filter", filter)
                    spec.setdefault("from_zone", from_zone)
                    spec.setdefault("to_zone", to_zone)
                    pkt = make_packet(spec)
                    name = select_filter(device, spec.get("filter"), bool(spec.get("from_zone") or spec.get("to_zone")))
                    res = answer(fs, name, pkt)
                except json.JSONDecodeError as exc:
                    fail(f"{where}:{number}: not valid JSON ({exc.msg})")
                except QueryError as exc:
                    fail(f"{where}:{number}: {exc}")
                if fmt == "json":
                    out_lines.append(_encode_answer(res, encoded))
                else:
                    results.append(res)
                if number % 4096 == 0:
                    safe_point()
        if fmt == "json":
            sys.stdout.write("\n".join(out_lines) + ("\n" if out_lines else ""))
            return
    if fmt == "json":
        for res in results:
            sys.stdout.write(json.dumps(res, ensure_ascii=False) + "\n")
        return
    _print_query_table(results)


def _encode_answer(res: dict, cache: dict) -> str:
    if "trace" in res:
        return json.dumps(res, ensure_ascii=False)
    key = tuple(res.items())
    line = cache.get(key)
    if line is None:
        line = cache[key] = json.dumps(res, ensure_ascii=False)
    return line


def _print_query_table(results: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None)
    for col in ("filter", "action", "line", "rule"):
        table.add_column(col)
    for r in results:
        table.add_row(r["filter"], r["action"], str(r["line"] or "-"), r["rule"] or ("(" + r.get("note", "default") + ")"))
    Console(highlight=False, soft_wrap=True).print(table)


# --------------------------------------------------------------------------- diff


@app.command()
def diff(
    old: Path = typer.Argument(..., help="The config before the change."),
    new: Path = typer.Argument(..., help="The config after the change."),
    filter: Optional[str] = typer.Option(None, "--filter", help="Compare only this filter."),
    format: str = typer.Option("text", "--format", "-f", help="text | json"),
    vendor: Optional[str] = typer.Option(None, "--vendor", help="Force the vendor."),
    examples: int = typer.Option(3, "--examples", help="Example packets per difference."),
) -> None:
    """What a change newly permits and newly denies. Exit 1 when it opens traffic."""
    from netlint.diff import diff_devices, render_diff_text

    if format not in ("text", "json"):
        fail(f"--format {format}: unknown format (text, json)")
    try:
        before, after = load_devices([old, new], vendor)
    except ParseError as exc:
        fail(str(exc))
    if filter and filter not in before.filters and filter not in after.filters:
        fail(f"no filter named '{filter}' in {old} or {new}")
    result = diff_devices(before, after, filter, examples)
    if format == "json":
        sys.stdout.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_diff_text(result))
    if result.opens_traffic:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- graph and init


def build_view(devices, policy, graph, reach) -> dict:
    """The zone graph as plain data for netlint.report.diagram."""
    import ipaddress

    from netlint.reach import zone_matrix

    view = {
        "title": "netlint zone graph" + (f" — {policy.organization}" if policy.organization else ""),
        "subtitle": (f"policy {policy.file}" if policy.file else "zones inferred from the configs (no policy file)")
                    + f"; {len(devices)} devices",
        "organization": policy.organization,
        "policy_file": policy.file,
        "device_count": len(devices),
        "zones": [{"name": z.name, "kind": z.kind, "subnets": [str(n) for n in z.subnets]} for z in policy.zones.values()],
        "devices": [{"name": d.hostname, "vendor": d.vendor, "os_version": d.os_version} for d in devices],
        "attachments": [{"zone": a.zone, "device": a.device.hostname, "interface": a.iface.name if a.iface else "",
                         "reason": a.reason} for atts in graph.attachments.values() for a in atts],
        "links": [],
        "flows": [],
        "inventory": graph.inventory(),
    }
    by_pair: dict[tuple[str, str], dict] = {}
    for (dev_id, iface_name), peers in graph.links.items():
        dev = next(d for d in devices if id(d) == dev_id)
        iface = dev.interface(iface_name)
        subnet = str(ipaddress.ip_network(str(iface.addresses[0]), strict=False)) if iface and iface.addresses else ""
        for d2, i2 in peers:
            a, b = sorted([dev.hostname, d2.hostname])
            link = by_pair.setdefault((a, b), {"a": a, "a_interface": "", "b": b, "b_interface": "", "subnet": ""})
            mine, theirs = (iface_name, i2.name) if a == dev.hostname else (i2.name, iface_name)
            if subnet not in link["subnet"].split(", "):
                link["subnet"] = ", ".join(x for x in (link["subnet"], subnet) if x)
                link["a_interface"] = ", ".join(x for x in (link["a_interface"], mine) if x)
                link["b_interface"] = ", ".join(x for x in (link["b_interface"], theirs) if x)
    view["links"] = list(by_pair.values())
    for cell in zone_matrix(reach):
        view["flows"].append({"from": cell.src, "to": cell.dst, "services": cell.services, "allowed": cell.allowed,
                              "beyond_policy": cell.beyond_policy, "unfiltered": cell.unfiltered,
                              "violation": cell.violation})
    return view


GRAPH_FORMATS = ("dot", "mermaid", "graphml", "json", "svg", "png", "csv")


@app.command()
def graph(
    paths: list[Path] = typer.Argument(..., help="Config files or folders."),
    policy: Optional[Path] = typer.Option(None, "--policy", help="Policy file (zones, allowed flows)."),
    format: str = typer.Option("svg", "--format", "-f", help="dot | mermaid | graphml | json | svg | png | csv (inventory)"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file."),
    vendor: Optional[str] = typer.Option(None, "--vendor", help="Force the vendor of every file."),
    exclude: list[str] = typer.Option([], "--exclude", help="Skip files under this path when walking folders."),
    lang: str = typer.Option("en", "--lang", help="en | zh-TW (the words of the svg/png picture)"),
) -> None:
    """The zone graph (article 4 network diagram) or the inventory (4.2, --format csv)."""
    from netlint.config import ConfigError, find_project_config
    from netlint.graph import ZoneGraph
    from netlint.policy import PolicyError
    from netlint.reach import Reachability
    from netlint.report.diagram import render_view

    if format not in GRAPH_FORMATS:
        fail(f"--format {format}: unknown format (one of: {', '.join(GRAPH_FORMATS)})")
    if lang not in ("en", "zh-TW"):
        fail(f"--lang {lang}: unknown language (en or zh-TW)")
    try:
        cfg = find_project_config()
        excl = list(exclude) + [cfg.resolve(e) for e in _as_list(cfg.get("exclude", []))]
        pol_path = policy or (Path(cfg.resolve(cfg.get("policy"))) if cfg.get("policy") else None)
        files = collect_files(paths, excl)
        if not files:
            raise UsageError("no config files found under " + ", ".join(str(p) for p in paths))
        devices = load_devices(files, vendor)
        pol = load_or_infer_policy(pol_path, devices)
        zg = ZoneGraph(devices, pol)
        view = build_view(devices, pol, zg, Reachability(devices, pol, zg))
        data = render_view(view, format, lang)
    except (ParseError, UsageError, PolicyError, ConfigError, ValueError) as exc:
        fail(str(exc))
    if isinstance(data, bytes):
        if output is None:
            fail("png output is binary: give --output FILE.png")
        output.write_bytes(data)
        return
    _emit(data, output)


@app.command()
def init(
    path: Path = typer.Argument(Path("netlint.yaml"), help="Where to write the starter policy."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a commented starter policy file."""
    from netlint.policy import STARTER

    if path.exists() and not force:
        fail(f"{path}: already exists (use --force to overwrite)")
    try:
        path.write_text(STARTER, encoding="utf-8")
    except OSError as exc:
        fail(f"{path}: cannot write ({exc.strerror or exc})")
    typer.echo(f"wrote {path}: edit the zones and flows, then run: netlint lint CONFIGS --policy {path}")


# --------------------------------------------------------------------------- review


@app.command()
def review(
    paths: list[Path] = typer.Argument(..., help="Config files or folders."),
    output: Path = typer.Option(..., "--output", "-o", help="The worksheet to write (.xlsx)."),
    policy: Optional[Path] = typer.Option(None, "--policy", help="Policy file (zones, allowed flows)."),
    previous: Optional[Path] = typer.Option(None, "--previous", help="Last year's signed worksheet (.xlsx)."),
    lang: str = typer.Option("zh-TW", "--lang", help="zh-TW (default: the language of the sign-off) | en"),
    vendor: Optional[str] = typer.Option(None, "--vendor", help="Force the vendor of every file."),
    today: Optional[str] = typer.Option(None, "--today", help="The review date, YYYY-MM-DD."),
    exclude: list[str] = typer.Option([], "--exclude", help="Skip files under this path when walking folders."),
) -> None:
    """The annual rule-review worksheet for sign-off (article 10.3)."""
    from datetime import date

    from netlint.config import ConfigError, find_project_config
    from netlint.policy import PolicyError
    from netlint.review import write_review

    if lang not in ("en", "zh-TW"):
        fail(f"--lang {lang}: unknown language (en or zh-TW)")
    if output.suffix.lower() != ".xlsx":
        fail(f"{output}: the worksheet must be an .xlsx file")
    if previous is not None and not previous.is_file():
        fail(f"{previous}: previous worksheet does not exist")
    try:
        cfg = find_project_config()
        excl = list(exclude) + [cfg.resolve(e) for e in _as_list(cfg.get("exclude", []))]
        pol = policy or (Path(cfg.resolve(cfg.get("policy"))) if cfg.get("policy") else None)
        opts = LintOptions(pol, [], [], vendor or cfg.get("vendor"), lang, today,
                           cfg.resolve(cfg.get("eol-data")) if cfg.get("eol-data") else None)
        result, devices, network = run_lint(paths, opts, excl)
        day = date.fromisoformat(today) if today else date.today()
        summary = write_review(result, devices, network, output, lang=lang, previous=previous, today=day)
    except (ParseError, UsageError, PolicyError, ConfigError, ValueError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output}: cannot write the worksheet ({exc.strerror or exc})")
    typer.echo(str(summary))


# --------------------------------------------------------------------------- rules


@app.command()
def rules(format: str = typer.Option("text", "--format", "-f", help="text | json | markdown")) -> None:
    """List every check: id, category, default severity, articles, description."""
    from netlint.checks import all_checks

    checks = all_checks()
    if format == "json":
        data = [{"id": c.id, "name": c.name, "category": c.category, "severity": c.severity,
                 "articles": list(c.articles), "scope": c.scope, **c.sections()} for c in checks]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    if format == "markdown":
        out = ["# netlint rules", ""]
        for c in checks:
            s = c.sections()
            out += [f"## {c.id} {c.name}", "", f"*{c.category}* · default severity **{c.severity}** · "
                    f"articles {', '.join(c.articles) or '—'}", "", s["summary"], ""]
            for key, title in (("what", "What it does"), ("why", "Why it matters"), ("example", "Example"), ("fix", "How to fix")):
                if s.get(key):
                    out += [f"**{title}.** {' '.join(s[key].split())}", ""]
        sys.stdout.write("\n".join(out))
        return
    if format != "text":
        fail(f"--format {format}: unknown format (text, json, markdown)")
    width = max(len(c.category) for c in checks)
    for c in checks:
        arts = ",".join(c.articles) or "-"
        sys.stdout.write(f"{c.id}  {c.category:<{width}}  {c.severity:<8}  {arts:<14}  {c.summary}\n")


def main() -> None:
    """Console-script entry point: no traceback reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("netlint: interrupted\n")
        sys.exit(130)
    except (SystemExit, typer.Exit):
        raise
    except Exception as exc:  # a bug: one sentence, unless NETLINT_DEBUG asks for the trace
        if os.environ.get("NETLINT_DEBUG"):
            raise
        sys.stderr.write(f"netlint: internal error ({type(exc).__name__}: {exc}); set NETLINT_DEBUG=1 for details\n")
        sys.exit(2)
