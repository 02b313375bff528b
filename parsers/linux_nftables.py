"""Linux nftables parser: `nft list ruleset` output (also `nft -a list ruleset` with
`# handle N` comments, and `/etc/nftables.conf`-style files with `flush ruleset`,
`define` and comments) into `netlint.model.Device`.

What is modelled
----------------
* Tables `table ip|ip6|inet|arp|bridge|netdev NAME { ... }` (no family = ip), their
  chains, sets and maps. Every chain becomes a `Filter(kind="chain")` named
  `<family>/<table>/<chain>` (`inet/filter/input`); jumps and gotos name chains of
  the same table.
* Base chains (`type T hook H priority P; policy X;`): `is_base=True`, `hook`,
  `priority` (numbers, or the standard names raw -300, mangle -150, dstnat -100,
  filter 0, security 50, srcnat 100 - bridge: dstnat -300, filter -200, out 100,
  srcnat 300 - with `+ N` / `- N`), `default_action` from the policy (accept when
  none is written; `default_explicit` tells), `table="<family>/<table>"`,
  `extra['type']` (filter, nat, route), `extra['devices']` (netdev/ingress).
  Regular chains: `is_base=False`, `default_action="return"`, `define("chain")`;
  every `jump`/`goto` (also inside verdict maps) is a `refer("chain")`.
* `device.facts["nft_hooks"]`: for each packet family (`ip`, `ip6`, and `arp`,
  `bridge`, `netdev` for those tables) and hook, the base chains a packet meets, in
  priority order (file order breaks ties): an `inet` chain is listed under both `ip`
  and `ip6`. A packet must be accepted by every chain of its list (accept ends only
  that chain, drop is final); `--filter BASECHAIN` evaluates one of them.
* Matches: `ip/ip6 saddr|daddr` (hosts, prefixes, ranges, anonymous sets, named sets
  `@name`, `!=`, `& MASK == VALUE`), `tcp|udp|sctp|dccp|udplite dport|sport`, `th
  dport|sport` (any of tcp/udp/sctp), port sets, ranges and `<`, `>`, `<=`, `>=`,
  `meta l4proto`, `ip protocol`, `ip6 nexthdr`, `meta nfproto`, `iif|oif|iifname|
  oifname` (also under `meta`; `!=`; `*` wildcards), `ct state` (`established,
  related` or `{ established, related }`), `icmp|icmpv6 type|code`. In `inet`,
  `bridge` and `netdev` tables an `ip`/`icmp` match makes the rule IPv4-only and
  `ip6`/`icmpv6` IPv6-only (`Rule.family`).
* Verdict maps (`... vmap { key : verdict, ... }` and `vmap @map`) and lookups of
  concatenations (`ip saddr . tcp dport { 10.0.0.1 . 22, ... }`) become one rule per
  element, in order, named `<chain>#N.K`.
* Verdicts: accept -> permit; drop, reject -> deny (`extra['reject_with']`); jump,
  goto, return, continue; no verdict -> continue; `log` -> `log=True` (a rule with
  only `log` continues); `queue` -> permit, approximated; `counter`, NAT statements
  (masquerade, snat, dnat, redirect: `extra['nat']`), `meta/ct ... set`, set
  updates -> no effect on the verdict.
* `comment "..."` -> remark; `# handle N` -> `extra['handle']` (rules) and
  `Filter.extra['handle']`.

Approximations (in `Rule.approximations`, never silent)
-------------------------------------------------------
Matches the packet model has no field for (`limit`, `quota`, `meter`, `ct status`,
`ct mark`, `meta mark`, `fib`, `tcp flags` other than SYN-only, `numgen`, `socket`,
`ether`, `vlan`, raw payload...): a permit, jump or goto is taken to match as if the
condition were absent; a deny is taken to match nothing. conntrack states INVALID
and UNTRACKED have no packet in the model (a rule on them alone matches nothing).
Dynamic sets (flags dynamic/timeout, or filled by `add @set`/`update @set`) are
unresolved. Interface wildcards (`"eth*"`) hold the pattern plus every interface the
file names that it matches.

Device level: `management_visible=False`; `stateful=True` when `ct state` is used;
hostname from a `# hostname: X` comment, else the file stem; `Interface(name)` for
every interface named in iif/oif/iifname/oifname and chain devices. Tables with
`flags dormant` are kept, their rules disabled (`enabled=False`) and left out of
`nft_hooks`.

`Device.facts` keys: nft_hooks, tables (list: family, name, line, dormant), sets
(name -> {kind, type, elements, dynamic, line}), nat (list of dicts: line, filter,
statement), interface_patterns.
`Rule.extra`: handle, counter (packets, bytes), log_prefix, log_level, reject_with,
nat, vmap_key, sets, unmodelled, services_as_written, statements.
"""

from __future__ import annotations

import gc
import re
from pathlib import PurePath
from typing import Any

from netlint.model import (
    CONTINUE, DENY, GOTO, JUMP, PERMIT, PROTOCOL_NUMBERS, RETURN,
    AddressRange, AddressWildcard, Device, Filter, Interface, Location, ParseError, Rule,
)
from parsers.common import newline_only
from parsers.linux_iptables import (
    ICMP4_NAMES, ICMP6_NAMES, Conditions, ct_states, parse_address, parse_ports,
)

__all__ = ["PARSER", "NftablesParser", "PRIORITY_NAMES"]

# --------------------------------------------------------------------------- tables

FAMILIES = {"ip": 4, "ip6": 6, "inet": None, "arp": None, "bridge": None, "netdev": None}
PRIORITY_NAMES = {"raw": -300, "mangle": -150, "dstnat": -100, "filter": 0, "security": 50, "srcnat": 100}
BRIDGE_PRIORITY_NAMES = {"dstnat": -300, "filter": -200, "out": 100, "srcnat": 300}
HOOK_NAMES = {"prerouting", "input", "forward", "output", "postrouting", "ingress", "egress"}
# Packet families each table family's base chains see.
NFPROTOS = {"ip": ("ip",), "ip6": ("ip6",), "inet": ("ip", "ip6"), "arp": ("arp",), "bridge": ("bridge",),
            "netdev": ("netdev",)}

VERDICTS = frozenset({"accept", "drop", "reject", "jump", "goto", "return", "continue", "queue"})
# Words that start a statement (anything that is not a match).
STATEMENTS = frozenset({"counter", "log", "comment", "limit", "quota", "masquerade", "snat", "dnat", "redirect",
                        "tproxy", "notrack", "meter", "dup", "fwd", "flow", "synproxy", "add", "update", "delete",
                        "set", "xt"})
# Words that start a match expression.
SELECTOR_START = frozenset({
    "ip", "ip6", "tcp", "udp", "udplite", "sctp", "dccp", "th", "icmp", "icmpv6", "igmp", "meta", "ct", "iif", "oif",
    "iifname", "oifname", "iiftype", "oiftype", "iifgroup", "oifgroup", "mark", "skuid", "skgid", "priority",
    "nfproto", "l4proto", "pkttype", "cpu", "ether", "vlan", "arp", "ah", "esp", "comp", "rt", "rt0", "rt2", "srh",
    "frag", "hbh", "dst", "mh", "fib", "socket", "osf", "numgen", "jhash", "symhash", "ipsec", "gre", "vxlan",
    "geneve", "tunnel", "exthdr", "dscp", "length", "protocol", "time", "day", "hour", "sctp", "cgroup", "rtclassid",
    "ibrname", "obrname", "ibriport", "obriport", "ibrpvid", "ibrvproto", "secmark", "nftrace", "random",
})
META_KEYS = frozenset({"iif", "oif", "iifname", "oifname", "iiftype", "oiftype", "iifgroup", "oifgroup", "mark",
                       "skuid", "skgid", "priority", "nfproto", "l4proto", "pkttype", "cpu", "protocol", "length",
                       "time", "day", "hour", "cgroup", "rtclassid", "ibrname", "obrname", "ibriport", "obriport",
                       "ibrpvid", "ibrvproto", "secmark", "nftrace", "random", "secpath", "sdif", "sdifname",
                       "broute"})
OPS = {"==": "==", "eq": "==", "!=": "!=", "ne": "!=", "<": "<", "lt": "<", ">": ">", "gt": ">", "<=": "<=",
       "le": "<=", ">=": ">=", "ge": ">="}
PROTOCOLS: dict[str, int] = dict(PROTOCOL_NUMBERS)
PROTOCOLS.update({"ipv6-icmp": 58, "icmpv6": 58, "udplite": 136, "dccp": 33, "ipencap": 4, "comp": 108})
ICMP4_CODES = {"net-unreachable": 0, "host-unreachable": 1, "prot-unreachable": 2, "port-unreachable": 3,
               "frag-needed": 4, "net-prohibited": 9, "host-prohibited": 10, "admin-prohibited": 13}
ICMP6_CODES = {"no-route": 0, "admin-prohibited": 1, "addr-unreachable": 3, "port-unreachable": 4,
               "policy-fail": 5, "reject-route": 6}
PORT_PROTOS = {"tcp": 6, "udp": 17, "sctp": 132, "dccp": 33, "udplite": 136}

_DYN_WORDS = frozenset({"add", "update", "delete", "set", "meter"})
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|!=|[{};,]|[^\s{};,"]+')
_HOSTNAME = re.compile(r"^\s*#\s*hostname:\s*(\S+)", re.I)
_HANDLE = re.compile(r"\bhandle\s+(\d+)")


def _unq(tok: str) -> str:
    if len(tok) >= 2 and tok[0] == tok[-1] == '"':
        return tok[1:-1].replace('\\"', '"')
    if tok.startswith('"'):
        return tok[1:]
    return tok


# --------------------------------------------------------------------------- parsed structures


class _Stmt:
    __slots__ = ("tokens", "line", "end", "text", "handle")

    def __init__(self, tokens: list[str], line: int, end: int, text: str):
        self.tokens = tokens
        self.line = line
        self.end = end
        self.text = text
        self.handle: int | None = None


class _Table:
    def __init__(self, family: str, name: str, loc: Location):
        self.family = family
        self.name = name
        self.loc = loc
        self.sets: dict[str, _Set] = {}
        self.chains: dict[str, _Chain] = {}
        self.dormant = False
        self.comment = ""
        self.handle: int | None = None
        self.facts: dict[str, Any] = {}

    @property
    def key(self) -> str:
        return f"{self.family}/{self.name}"


class _Set:
    def __init__(self, kind: str, name: str, loc: Location):
        self.kind = kind  # set | map
        self.name = name
        self.loc = loc
        self.type: list[str] = []
        self.flags: set[str] = set()
        self.elements: list[list[str]] = []
        self.dynamic = False
        self.handle: int | None = None


class _Chain:
    def __init__(self, name: str, loc: Location):
        self.name = name
        self.loc = loc
        self.type: str | None = None
        self.hook: str | None = None
        self.priority = 0
        self.policy: str | None = None
        self.policy_loc: Location | None = None
        self.devices: list[str] = []
        self.rules: list[_Stmt] = []
        self.comment = ""
        self.handle: int | None = None
        self.family = "ip"


class _Block:
    __slots__ = ("kind", "obj", "line")

    def __init__(self, kind: str, obj: Any, line: int):
        self.kind = kind
        self.obj = obj
        self.line = line


class _Bad(Exception):
    pass


# --------------------------------------------------------------------------- the parser


class NftablesParser:
    vendor = "linux_nftables"

    def detect(self, text: str) -> int:
        from parsers.detect import score_vendors

        score = score_vendors(text[:200_000]).get("linux_nftables", 0)
        return max(0, min(100, score))

    def parse(self, text: str, file: str) -> Device:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return _Run(newline_only(text), file).run()
        finally:
            if enabled:
                gc.enable()


PARSER = NftablesParser()


class _Run:
    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
        self.dev = Device(hostname="", vendor="linux_nftables", file=file)
        self.dev.management_visible = False
        self.facts: dict[str, Any] = self.dev.facts
        self.tables: dict[str, _Table] = {}
        self.table_order: list[_Table] = []
        self.defines: dict[str, list[str]] = {}
        self.recognised = 0
        self.ifaces: dict[str, Interface] = {}
        self.patterns: set[str] = set()
        self.nat: list[dict] = []
        self.svc_memo: dict[tuple, tuple] = {}
        self.elem_memo: dict[tuple, Any] = {}

    # ------------------------------------------------------------------ main

    def run(self) -> Device:
        if not self.text.strip():
            raise ParseError(self.file, "is empty")
        self.read()
        if self.recognised == 0:
            first = next((n for n, line in enumerate(self.text.splitlines(), 1) if line.strip()), None)
            raise ParseError(self.file, "not an nftables ruleset (no table, chain or rule recognised)", first)
        for table in self.table_order:
            self.mark_dynamic_sets(table)
        for table in self.table_order:
            self.build_table(table)
        self.finish()
        return self.dev

    # ------------------------------------------------------------------ reading: statements and blocks

    def read(self) -> None:
        stack: list[_Block] = [_Block("root", None, 0)]
        pending: list[str] = []
        start = end = 0
        first_text = ""
        depth = 0  # anonymous braces open in the pending statement
        depth_line = 0
        last: Any = None

        def flush() -> _Stmt | None:
            nonlocal pending, depth
            if not pending:
                return None
            stmt = _Stmt(pending, start, end, first_text)
            pending = []
            depth = 0
            self.statement(stack, stmt)
            return stmt

        for number, raw in enumerate(self.text.splitlines(), 1):
            code, comment = _split_comment(raw)
            handle = None
            if comment:
                m = _HOSTNAME.match(raw)
                if m and not self.dev.hostname:
                    self.dev.hostname = m.group(1)
                h = _HANDLE.search(comment)
                if h:
                    handle = int(h.group(1))
            code = code.rstrip()
            cont = code.endswith("\\")
            if cont:
                code = code[:-1]
            if not code.strip():
                if handle is not None and last is not None:
                    last.handle = handle
                continue
            tokens = _TOKEN.findall(code)
            if self.defines:
                tokens = self.substitute(tokens, number, code)
            for tok in tokens:
                if depth == 0:
                    if tok == ";":
                        st = flush()
                        last = st or last
                        continue
                    if tok == "{":
                        kind = _block_kind(stack[-1].kind, pending)
                        if kind:
                            opened = self.open_block(stack, kind, pending, number, code.strip())
                            last = opened if opened is not None else last
                            pending = []
                            continue
                        depth = 1
                        depth_line = number
                    elif tok == "}":
                        st = flush()
                        last = st or last
                        if len(stack) > 1:
                            stack.pop()
                        else:
                            self.dev.warn(Location(self.file, number, number, code.strip()),
                                          "'}' closes no block (unbalanced braces)")
                        continue
                else:
                    if tok == "{":
                        depth += 1
                    elif tok == "}":
                        depth -= 1
                if not pending:
                    start, first_text = number, code.strip()
                end = number
                pending.append(tok)
            if depth == 0 and not cont and pending:
                st = flush()
                last = st or last
            if handle is not None and last is not None:
                last.handle = handle
        if pending:
            if depth > 0:
                self.dev.warn(Location(self.file, depth_line, depth_line, first_text),
                              "'{' not closed (truncated file?): the statement is read as far as it goes")
                pending.extend("}" * depth)
            flush()
        for block in stack[1:]:
            name = getattr(block.obj, "name", "")
            self.dev.warn(Location(self.file, block.line, block.line, getattr(block.obj, "loc", None).text
                                   if getattr(block.obj, "loc", None) else ""),
                          f"{block.kind} {name} is not closed (unbalanced braces or truncated file): "
                          "read as far as it goes")

    def substitute(self, tokens: list[str], number: int, code: str) -> list[str]:
        out: list[str] = []
        for tok in tokens:
            if tok.startswith("$") and len(tok) > 1:
                value = self.defines.get(tok[1:])
                if value is None:
                    self.dev.warn(Location(self.file, number, number, code.strip()), f"undefined variable {tok}")
                    out.append(tok)
                else:
                    out.extend(value)
            else:
                out.append(tok)
        return out

    def open_block(self, stack: list[_Block], kind: str, words: list[str], number: int, text: str):
        loc = Location(self.file, number, number, text)
        parent = stack[-1]
        self.recognised += 1
        if kind == "table":
            family, name = "ip", None
            rest = words[1:]
            if len(rest) == 2:
                family, name = rest
            elif len(rest) == 1:
                name = rest[0]
            if name is None or family not in FAMILIES:
                self.dev.warn(loc, "table line not understood" if name else "table without a name")
                family = family if family in FAMILIES else "ip"
                name = name or "?"
            key = f"{family}/{name}"
            table = self.tables.get(key)
            if table is None:
                table = _Table(family, name, loc)
                self.tables[key] = table
                self.table_order.append(table)
                self.facts.setdefault("tables", []).append({"family": family, "name": name, "line": number,
                                                            "dormant": False})
                table.facts = self.facts["tables"][-1]
            stack.append(_Block("table", table, number))
            return table
        table: _Table = parent.obj
        if kind == "chain":
            name = _unq(words[1]) if len(words) > 1 else "?"
            chain = table.chains.get(name)
            if chain is None:
                chain = _Chain(name, loc)
                chain.family = table.family
                table.chains[name] = chain
            stack.append(_Block("chain", chain, number))
            return chain
        if kind in ("set", "map"):
            name = _unq(words[1]) if len(words) > 1 else "?"
            st = table.sets.get(name)
            if st is None:
                st = _Set(kind, name, loc)
                table.sets[name] = st
            stack.append(_Block(kind, st, number))
            return st
        stack.append(_Block("other", None, number))
        return None

    def statement(self, stack: list[_Block], stmt: _Stmt) -> None:
        ctx = stack[-1]
        words = stmt.tokens
        loc = Location(self.file, stmt.line, stmt.end, stmt.text)
        try:
            if ctx.kind == "root":
                self.root_statement(words, loc, stmt)
            elif ctx.kind == "table":
                self.table_statement(ctx.obj, words, loc)
            elif ctx.kind == "chain":
                self.chain_statement(ctx.obj, stmt, loc)
            elif ctx.kind in ("set", "map"):
                self.set_statement(ctx.obj, words, loc)
            else:
                self.recognised += 1  # contents of flowtables, named counters, quotas, ct helpers...
        except (_Bad, ValueError, IndexError) as exc:
            self.dev.warn(loc, f"statement not understood ({exc})")
        except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the file
            self.dev.warn(loc, f"statement not understood (internal error {exc.__class__.__name__}: {exc})")

    def root_statement(self, words: list[str], loc: Location, stmt: _Stmt | None = None) -> None:
        head = words[0]
        if head == "flush" and words[1:2] == ["ruleset"]:
            self.recognised += 1
        elif head == "define" and len(words) >= 4 and words[2] == "=":
            self.defines[words[1]] = words[3:]
            self.recognised += 1
        elif head == "include":
            self.dev.warn(loc, "include not followed: the included file is not part of this analysis")
        elif head in ("add", "create", "insert") and len(words) >= 3 and \
                words[1] in ("table", "chain", "rule", "set", "map", "element"):
            self.command(words, loc, stmt)
        elif head in ("add", "insert", "create", "delete", "flush", "replace", "destroy", "list", "reset"):
            self.dev.warn(loc, f"nft command '{head} {words[1] if len(words) > 1 else ''}' not modelled")
        else:
            self.dev.warn(loc)

    def command(self, words: list[str], loc: Location, stmt: _Stmt | None) -> None:
        """The script form: `add table|chain|rule|set|map|element [family] TABLE ...`."""
        head, what = words[0], words[1]
        rest = words[2:]
        family = "ip"
        if rest and rest[0] in FAMILIES and len(rest) > 1 and rest[1] not in ("{",):
            family, rest = rest[0], rest[1:]
        if not rest:
            raise _Bad(f"{head} {what} without a table")
        key = f"{family}/{rest[0]}"
        table = self.tables.get(key)
        if table is None:
            if what != "table":
                self.dev.warn(loc, f"table {family} {rest[0]} is not declared before this command")
            table = _Table(family, rest[0], loc)
            self.tables[key] = table
            self.table_order.append(table)
            self.facts.setdefault("tables", []).append({"family": family, "name": rest[0], "line": loc.line,
                                                        "dormant": False})
            table.facts = self.facts["tables"][-1]
        self.recognised += 1
        if what == "table":
            body = _body(rest[1:])
            for part in body:
                self.table_statement(table, part, loc)
            return
        if len(rest) < 2:
            raise _Bad(f"{head} {what} without a name")
        name = _unq(rest[1])
        if what == "chain":
            chain = table.chains.get(name)
            if chain is None:
                chain = table.chains[name] = _Chain(name, loc)
                chain.family = family
            for part in _body(rest[2:]):
                self.chain_statement(chain, _Stmt(part, loc.line, loc.end_line, loc.text), loc)
        elif what in ("set", "map"):
            st = table.sets.get(name)
            if st is None:
                st = table.sets[name] = _Set(what, name, loc)
            for part in _body(rest[2:]):
                self.set_statement(st, part, loc)
        elif what == "element":
            st = table.sets.get(name)
            if st is None:
                self.dev.warn(loc, f"set {name} is not declared before its elements")
                st = table.sets[name] = _Set("set", name, loc)
            st.elements.extend(_group_elements(rest[2:]))
        elif what == "rule":
            chain = table.chains.get(name)
            if chain is None:
                self.dev.warn(loc, f"chain {name} is not declared before its rules")
                chain = table.chains[name] = _Chain(name, loc)
                chain.family = family
            toks = rest[2:]
            position = None
            if len(toks) >= 2 and toks[0] in ("position", "handle", "index"):
                position, toks = toks[:2], toks[2:]
            if not toks:
                raise _Bad("rule without a body")
            rule = _Stmt(toks, loc.line, loc.end_line, loc.text)
            if head == "insert" and position is None:
                chain.rules.insert(0, rule)
            else:
                if position is not None:
                    self.dev.warn(loc, f"rule {' '.join(position)}: placed at the end of the chain "
                                       "(handles of script rules are not known)")
                chain.rules.append(rule)

    def table_statement(self, table: _Table, words: list[str], loc: Location) -> None:
        head = words[0]
        if head == "flags":
            flags = {w for w in words[1:] if w != ","}
            if "dormant" in flags:
                table.dormant = True
                for t in self.facts.get("tables", []):
                    if t["family"] == table.family and t["name"] == table.name:
                        t["dormant"] = True
            self.recognised += 1
        elif head == "comment":
            table.comment = _unq(words[1]) if len(words) > 1 else ""
            self.recognised += 1
        elif head in ("chain", "set", "map"):  # a declaration without a body: `chain x`
            if len(words) >= 2:
                name = _unq(words[1])
                if head == "chain":
                    table.chains.setdefault(name, _Chain(name, loc))
                else:
                    table.sets.setdefault(name, _Set(head, name, loc))
                self.recognised += 1
            else:
                self.dev.warn(loc)
        else:
            self.dev.warn(loc)

    def chain_statement(self, chain: _Chain, stmt: _Stmt, loc: Location) -> None:
        words = stmt.tokens
        head = words[0]
        if head == "type" and "hook" in words:
            self.recognised += 1
            chain.type = words[1] if len(words) > 1 else None
            i = words.index("hook")
            chain.hook = words[i + 1] if i + 1 < len(words) else None
            if chain.hook not in HOOK_NAMES:
                self.dev.warn(loc, f"hook '{chain.hook}' not understood")
            if "device" in words:
                j = words.index("device")
                if j + 1 < len(words):
                    chain.devices.append(_unq(words[j + 1]))
            if "priority" in words:
                j = words.index("priority")
                chain.priority = self.priority(words[j + 1:], loc, chain.family == "bridge")
            return
        if head == "policy":
            self.recognised += 1
            chain.policy = words[1] if len(words) > 1 else None
            chain.policy_loc = loc
            if chain.policy not in ("accept", "drop"):
                self.dev.warn(loc, f"chain policy '{chain.policy}' not understood (accept or drop): taken as accept")
            return
        if head == "comment" and len(words) == 2:
            chain.comment = _unq(words[1])
            self.recognised += 1
            return
        if head == "devices" and "=" in words[:2]:
            chain.devices.extend(_unq(w) for w in words[2:] if w not in "{},")
            self.recognised += 1
            return
        self.recognised += 1
        chain.rules.append(stmt)

    def priority(self, words: list[str], loc: Location, bridge: bool = False) -> int:
        """`0`, `-150`, `filter`, `filter + 10`, `mangle - 5` (bridge tables have their own names)."""
        if not words:
            raise _Bad("priority without a value")
        base = words[0]
        names = BRIDGE_PRIORITY_NAMES if bridge else PRIORITY_NAMES
        try:
            if base.lstrip("-").isdigit():
                value = int(base)
            elif base in names:
                value = names[base]
            else:
                raise ValueError(base)
            if len(words) >= 3 and words[1] in ("+", "-") and words[2].isdigit():
                value += int(words[2]) if words[1] == "+" else -int(words[2])
            elif len(words) >= 2 and re.fullmatch(r"[+-]\d+", words[1]):
                value += int(words[1])
        except ValueError:
            self.dev.warn(loc, f"priority '{' '.join(words)}' not understood: taken as 0")
            return 0
        return value

    def set_statement(self, st: _Set, words: list[str], loc: Location) -> None:
        head = words[0]
        self.recognised += 1
        if head in ("type", "typeof"):
            st.type = words[1:]
        elif head == "flags":
            st.flags |= {w for w in words[1:] if w != ","}
        elif head == "elements" and len(words) >= 2 and words[1] == "=":
            st.elements.extend(_group_elements(words[2:]))
        elif head in ("timeout", "gc-interval", "size", "policy", "auto-merge", "counter", "comment"):
            if head == "timeout":
                st.flags.add("timeout")
        else:
            self.dev.warn(loc, f"set property '{head}' not understood")

    # ------------------------------------------------------------------ building the model

    def mark_dynamic_sets(self, table: _Table) -> None:
        for st in table.sets.values():
            if st.flags & {"dynamic", "timeout"}:
                st.dynamic = True
        if not table.sets:
            return
        for chain in table.chains.values():
            for stmt in chain.rules:
                toks = stmt.tokens
                if _DYN_WORDS.isdisjoint(toks):
                    continue
                for k, t in enumerate(toks):
                    name = None
                    if t in ("add", "update", "delete") and k + 1 < len(toks) and toks[k + 1].startswith("@"):
                        name = toks[k + 1][1:]
                    elif t == "set" and k + 1 < len(toks) and toks[k + 1] in ("add", "update"):
                        name = next((x[1:] for x in toks[k + 2:] if x.startswith("@")), None)
                    elif t == "meter" and k + 1 < len(toks):
                        name = toks[k + 1]
                    if name and name in table.sets:
                        table.sets[name].dynamic = True

    def build_table(self, table: _Table) -> None:
        fam = FAMILIES[table.family]
        if table.handle is not None:
            table.facts["handle"] = table.handle
        for st in table.sets.values():
            self.dev.define(st.kind, f"{table.key}/{st.name}", st.loc,
                            members=tuple(" ".join(e) for e in st.elements[:1000]))
            self.facts.setdefault("sets", {})[f"{table.key}/{st.name}"] = {
                "kind": st.kind, "type": " ".join(st.type), "elements": len(st.elements), "dynamic": st.dynamic,
                "line": st.loc.line,
            }
            if st.handle is not None:
                self.facts["sets"][f"{table.key}/{st.name}"]["handle"] = st.handle
        for chain in table.chains.values():
            name = f"{table.key}/{chain.name}"
            base = chain.hook is not None
            filt = Filter(name=name, kind="chain", loc=chain.loc, family=fam, is_base=base, hook=chain.hook,
                          priority=chain.priority, table=table.key)
            filt.extra["nft_family"] = table.family
            filt.ip_traffic = table.family not in ("arp", "bridge")  # frames, not the IP packets of the model
            filt.extra["table"] = table.name
            filt.extra["chain"] = chain.name
            if chain.handle is not None:
                filt.extra["handle"] = chain.handle
            if chain.comment:
                filt.remark = chain.comment
            if base:
                filt.extra["type"] = chain.type
                if chain.devices:
                    filt.extra["devices"] = list(chain.devices)
                    for dev_name in chain.devices:
                        self.iface(dev_name, chain.loc)
                policy = chain.policy or "accept"
                filt.default_action = DENY if policy == "drop" else PERMIT
                filt.default_explicit = chain.policy is not None
                filt.default_note = (f"chain policy {policy}" if chain.policy is not None
                                     else "no policy written: nftables base chains accept by default")
                filt.extra["policy"] = policy
                if chain.policy_loc is not None:
                    filt.extra["policy_line"] = chain.policy_loc.line
                    filt.default_loc = chain.policy_loc
            else:
                filt.default_action = RETURN
                filt.default_note = "a regular chain returns to the chain that jumped to it at its end"
                self.dev.define("chain", name, chain.loc)
            if table.dormant:
                filt.extra["dormant"] = True
            for n, stmt in enumerate(chain.rules, 1):
                for rule in self.rule(table, filt, stmt, n):
                    if table.dormant:
                        rule.enabled = False
                    filt.rules.append(rule)
            self.dev.filters[name] = filt

    # ------------------------------------------------------------------ one rule

    def rule(self, table: _Table, filt: Filter, stmt: _Stmt, n: int) -> list[Rule]:
        loc = Location(self.file, stmt.line, stmt.end, stmt.text)
        r = _RuleReader(self, table, filt, stmt.tokens, loc)
        try:
            r.read()
        except _Bad as exc:
            self.dev.warn(loc, f"rule not understood ({exc}): kept as far as it was read")
            r.c.notes.append(f"rule not fully understood ({exc})")
            r.c.narrowing.append("unread part")
        except Exception as exc:  # noqa: BLE001 - odd input or a parser bug must not lose the file
            self.dev.warn(loc, f"rule not understood ({exc.__class__.__name__}: {exc}): kept as far as it was read")
            r.c.notes.append("rule not fully understood")
            r.c.narrowing.append("unread part")
        try:
            rules = r.build(f"{filt.name}#{n}")
        except Exception as exc:  # noqa: BLE001
            self.dev.warn(loc, f"rule not understood ({exc.__class__.__name__}: {exc}): left out")
            return []
        if stmt.handle is not None:
            for rule in rules:
                rule.extra["handle"] = stmt.handle
        return rules

    def iface(self, name: str, loc: Location) -> None:
        if name not in self.ifaces:
            iface = Interface(name=name, loc=loc)
            self.ifaces[name] = iface
            self.dev.interfaces.append(iface)

    # ------------------------------------------------------------------ finishing

    def finish(self) -> None:
        dev = self.dev
        if not dev.hostname:
            dev.hostname = PurePath(self.file).stem or "linux"
        if self.patterns:
            names = list(self.ifaces)
            for filt in dev.filters.values():
                for rule in filt.rules:
                    for attr in ("in_interfaces", "out_interfaces"):
                        value = getattr(rule, attr)
                        if value and any(v.endswith("*") for v in value):
                            more = [nm for v in value if v.endswith("*") for nm in names
                                    if nm.startswith(v[:-1]) and nm not in value]
                            if more:
                                setattr(rule, attr, tuple(dict.fromkeys(value + tuple(more))))
            self.facts["interface_patterns"] = sorted(self.patterns)
        hooks: dict[str, dict[str, list[tuple[int, int, str]]]] = {}
        for idx, filt in enumerate(dev.filters.values()):
            if filt.is_base and filt.hook and not filt.extra.get("dormant"):
                for nfproto in NFPROTOS[filt.extra["nft_family"]]:
                    hooks.setdefault(nfproto, {}).setdefault(filt.hook, []).append((filt.priority, idx, filt.name))
        self.facts["nft_hooks"] = {
            proto: {hook: [name for _, _, name in sorted(items)] for hook, items in by_hook.items()}
            for proto, by_hook in hooks.items()
        }
        if self.nat:
            self.facts["nat"] = self.nat
        dev.line_count = self.text.count("\n") + (0 if self.text.endswith("\n") else 1)
        dev.parse_warnings.sort(key=lambda pw: pw.loc.line)


# --------------------------------------------------------------------------- reading one rule


class _RuleReader:
    """Reads one rule's tokens into conditions, statements and a verdict."""

    def __init__(self, run: _Run, table: _Table, filt: Filter, tokens: list[str], loc: Location):
        self.run = run
        self.table = table
        self.filt = filt
        self.t = tokens
        self.n = len(tokens)
        self.loc = loc
        self.c = Conditions()
        self.verdict: tuple[str, str, str | None] | None = None  # action, vendor word, jump target
        self.log = False
        self.remark = ""
        self.extra: dict[str, Any] = {}
        self.unmodelled: list[str] = []
        self.branches: list[tuple[list[tuple[str, list[str]]], tuple | None, str]] | None = None
        self.icmp_types: list[tuple[int, int | None]] | None = None
        self.icmp_types_neg = False
        self.icmp_codes: list[int] | None = None
        self.icmp_proto: int | None = None
        self.table_family = FAMILIES[table.family]

    # ---- token helpers

    def peek(self, k: int = 0) -> str:
        i = self.i + k
        return self.t[i] if i < self.n else ""

    def take(self) -> str:
        if self.i >= self.n:
            raise _Bad("rule ends too early")
        tok = self.t[self.i]
        self.i += 1
        return tok

    def warn(self, message: str) -> None:
        self.run.dev.warn(self.loc, message)

    def unmodelled_part(self, text: str, narrowing: bool = True) -> None:
        self.unmodelled.append(text)
        if narrowing:
            self.c.narrowing.append(text)

    # ---- main loop

    def read(self) -> None:
        self.i = 0
        while self.i < self.n:
            tok = self.t[self.i]
            if tok in VERDICTS:
                self.read_verdict()
            elif tok == "counter":
                self.read_counter()
            elif tok == "log":
                self.read_log()
            elif tok == "comment":
                self.i += 1
                self.remark = _unq(self.take())
            elif tok in ("limit", "quota"):
                self.read_limit(tok)
            elif tok in ("masquerade", "snat", "dnat", "redirect", "tproxy"):
                self.read_nat(tok)
            elif tok in ("notrack", "synproxy"):
                self.i += 1
                self.skip_args()
                self.extra.setdefault("statements", []).append(tok)
            elif tok in ("add", "update", "delete") and self.peek(1).startswith("@"):
                start = self.i
                self.i += 2
                inner: list[list[str]] = []
                if self.peek() == "{":
                    inner = self.group()
                text = " ".join(self.t[start:self.i])
                self.extra.setdefault("statements", []).append(text)
                self.refer_set(self.t[start + 1][1:], f"updated by {self.filt.name}")
                if any(w in ("limit", "quota", "count") for el in inner for w in el):
                    # a stateful expression in the element makes the statement a condition
                    self.unmodelled_part(text)
                    self.c.notes.append(f"{text} not modelled")
            elif tok == "set" and self.peek(1) in ("add", "update"):
                start = self.i
                self.i += 2
                while self.i < self.n and not self.t[self.i].startswith("@"):
                    self.i += 1
                if self.i < self.n:
                    self.refer_set(self.t[self.i][1:], f"updated by {self.filt.name}")
                self.i += 1
                self.extra.setdefault("statements", []).append(" ".join(self.t[start:self.i]))
            elif tok == "meter":
                self.read_meter()
            elif tok in ("dup", "fwd"):
                start = self.i
                self.i += 1
                self.skip_args()
                if tok == "fwd":
                    self.verdict = (PERMIT, "fwd", None)
                    self.c.notes.append("fwd sends the packet out of another device (taken as accept)")
                self.extra.setdefault("statements", []).append(" ".join(self.t[start:self.i]))
            elif tok == "flow":
                self.i += 1
                self.skip_args()
            elif tok == "xt":
                start = self.i
                self.i += 1
                self.skip_args()
                text = " ".join(self.t[start:self.i])
                self.unmodelled_part(text)
                self.c.notes.append(f"{text}: an iptables extension nft cannot show (not modelled)")
            elif (tok in ("meta", "ct") and self.peek(2) == "set") or (tok in META_KEYS and self.peek(1) == "set"):
                self.read_set_statement()
            elif tok == "fib":
                self.read_fib()
            else:
                self.read_match()

    def skip_args(self) -> None:
        """Skip the arguments of a statement: up to the next statement, verdict or
        match start, keeping `{ ... }` groups whole."""
        while self.i < self.n:
            tok = self.t[self.i]
            if tok in VERDICTS or tok in STATEMENTS or tok in SELECTOR_START:
                return
            if tok == "{":
                self.group()
                continue
            self.i += 1

    def group(self) -> list[list[str]]:
        """Read `{ a, b c, d }` from the current position: the elements' tokens."""
        if self.peek() != "{":
            raise _Bad("'{' expected")
        depth = 0
        start = self.i
        while self.i < self.n:
            tok = self.t[self.i]
            self.i += 1
            if tok == "{":
                depth += 1
            elif tok == "}":
                depth -= 1
                if depth == 0:
                    break
        else:
            raise _Bad("'{' not closed")
        return _group_elements(self.t[start:self.i])

    # ---- statements

    def read_verdict(self) -> None:
        tok = self.take()
        verdict = self.verdict_from(tok)
        if self.verdict is not None and self.verdict[1] != "fwd":
            self.warn(f"second verdict '{tok}': only the first is kept")
            return
        self.verdict = verdict

    def verdict_from(self, tok: str) -> tuple[str, str, str | None]:
        if tok == "accept":
            return (PERMIT, tok, None)
        if tok == "drop":
            return (DENY, tok, None)
        if tok == "reject":
            if self.peek() == "with":
                start = self.i + 1
                self.i += 1
                while self.i < self.n and self.t[self.i] not in STATEMENTS and self.t[self.i] not in VERDICTS:
                    self.i += 1
                self.extra["reject_with"] = " ".join(self.t[start:self.i])
            return (DENY, tok, None)
        if tok in ("jump", "goto"):
            target = _unq(self.take())
            name = f"{self.table.key}/{target}"
            self.run.dev.refer("chain", name, self.loc, f"{tok} from {self.filt.name}")
            return (JUMP if tok == "jump" else GOTO, tok, name)
        if tok == "return":
            return (RETURN, tok, None)
        if tok == "continue":
            return (CONTINUE, tok, None)
        if tok == "queue":
            start = self.i
            while self.i < self.n and self.t[self.i] in ("num", "to", "flags", "bypass", "fanout", ",", "-") \
                    or (self.i < self.n and self.t[self.i][:1].isdigit()):
                self.i += 1
            if self.i > start:
                self.extra["queue"] = " ".join(self.t[start:self.i])
            self.c.notes.append("queue: a userspace program decides the verdict (taken as accept)")
            return (PERMIT, tok, None)
        raise _Bad(f"verdict '{tok}' not understood")

    def read_counter(self) -> None:
        self.i += 1
        if self.peek() == "packets":
            try:
                packets = int(self.t[self.i + 1])
                nbytes = int(self.t[self.i + 3]) if self.peek(2) == "bytes" else None
            except (IndexError, ValueError):
                raise _Bad("counter values not understood") from None
            self.extra["counter"] = {"packets": packets, "bytes": nbytes}
            self.i += 4 if nbytes is not None else 2
        elif self.peek() == "name":
            self.i += 2
            self.extra["counter_name"] = _unq(self.t[self.i - 1])

    def read_log(self) -> None:
        self.i += 1
        self.log = True
        while self.i < self.n:
            tok = self.t[self.i]
            if tok == "prefix":
                self.extra["log_prefix"] = _unq(self.t[self.i + 1])
                self.i += 2
            elif tok == "level":
                self.extra["log_level"] = self.t[self.i + 1]
                self.i += 2
            elif tok in ("group", "snaplen", "queue-threshold"):
                self.extra[f"log_{tok}"] = self.t[self.i + 1]
                self.i += 2
            elif tok == "flags":
                self.i += 2
                while self.peek() == ",":
                    self.i += 2
            else:
                break

    def read_limit(self, tok: str) -> None:
        start = self.i
        self.i += 1
        while self.i < self.n:
            t = self.t[self.i]
            if t in ("rate", "over", "until", "burst", "packets", "bytes", "kbytes", "mbytes", "gbytes", "used",
                     "name", "/", "second", "minute", "hour", "day", "week") or t[:1].isdigit() or t.startswith('"'):
                self.i += 1
            else:
                break
        text = " ".join(self.t[start:self.i])
        self.unmodelled_part(text)
        self.c.notes.append(f"{text} not modelled")

    def read_meter(self) -> None:
        start = self.i
        self.i += 2  # meter NAME
        if self.peek() in ("size",):
            self.i += 2
        if self.peek() == "{":
            self.group()
        text = " ".join(self.t[start:self.i])
        self.unmodelled_part(text)
        self.c.notes.append(f"{text} not modelled")

    def read_nat(self, tok: str) -> None:
        start = self.i
        self.i += 1
        while self.i < self.n:
            t = self.t[self.i]
            if t in VERDICTS or t in ("counter", "log", "comment"):
                break
            if t == "{":
                self.group()
                continue
            self.i += 1
        text = " ".join(self.t[start:self.i])
        self.extra["nat"] = text
        self.extra.setdefault("statements", []).append(text)
        self.run.nat.append({"line": self.loc.line, "filter": self.filt.name, "statement": text})

    def read_set_statement(self) -> None:
        start = self.i
        self.i += 3 if self.t[self.i] in ("meta", "ct") else 2  # meta mark set / mark set
        self.value_expression()
        self.extra.setdefault("statements", []).append(" ".join(self.t[start:self.i]))

    def value_expression(self) -> None:
        tok = self.take()
        if tok in SELECTOR_START and self.i < self.n and self.peek() not in VERDICTS:
            self.i += 1  # `meta mark`, `ct mark`: a field read from the packet
        if tok == "{":
            self.i -= 1
            self.group()
        while self.peek() in ("and", "or", "xor", "&", "|", "^", "<<", ">>", "map", "."):
            op = self.take()
            if op == "map" and self.peek() == "{":
                self.group()
            elif op == "map":
                self.i += 1
            else:
                self.value_expression()

    def read_fib(self) -> None:
        start = self.i
        self.i += 1
        while self.i < self.n and self.t[self.i] in ("saddr", "daddr", "mark", "iif", "oif", ".", "oifname", "type"):
            self.i += 1
        if self.peek() in OPS:
            self.i += 1
        if self.peek() == "{":
            self.group()
        elif self.i < self.n and self.t[self.i] not in VERDICTS and self.t[self.i] not in STATEMENTS:
            self.i += 1
            while self.peek() == ",":
                self.i += 2
        text = " ".join(self.t[start:self.i])
        self.unmodelled_part(text)
        self.c.notes.append(f"{text} not modelled")

    # ---- matches

    def selector(self) -> str:
        tok = self.take()
        if tok == "meta":
            key = self.take()
            return "meta " + key
        if tok in META_KEYS:
            return "meta " + tok
        if tok == "ct":
            words = ["ct"]
            nxt = self.take()
            words.append(nxt)
            if nxt in ("original", "reply"):
                key = self.take()
                words.append(key)
                if key in ("ip", "ip6"):
                    words.append(self.take())
            return " ".join(words)
        if tok.startswith("@"):  # raw payload @th,16,16
            words = [tok]
            while self.peek() == "," and self.i + 1 < self.n:
                words.append(self.t[self.i + 1])
                self.i += 2
            return ",".join(words)
        if tok in ("tcp", "ip", "ip6") and self.peek() == "option":
            words = [tok, self.take(), self.take()]
            if self.peek() in ("kind", "length", "size", "value", "count", "left", "right", "type"):
                words.append(self.take())
            return " ".join(words)
        if tok in SELECTOR_START:
            if self.i < self.n and self.t[self.i] not in OPS and self.t[self.i] not in ("{", "vmap") \
                    and not self.t[self.i].startswith("@"):
                field = self.take()
                return f"{tok} {field}"
            return tok
        raise _Bad(f"'{tok}' not understood")

    def read_match(self) -> None:
        start = self.i
        sels = [self.selector()]
        t, n = self.t, self.n
        nxt = t[self.i] if self.i < n else ""
        while nxt == ".":
            self.i += 1
            sels.append(self.selector())
            nxt = t[self.i] if self.i < n else ""
        mask = None
        if nxt in ("&", "and"):
            self.i += 1
            mask = self.take()
            while self.peek() in ("|", "or", "&", "and", "^", "xor"):
                self.i += 2
                mask = None  # a compound mask: not modelled
            nxt = t[self.i] if self.i < n else ""
        op = "=="
        if nxt in OPS:
            op = OPS[nxt]
            self.i += 1
            nxt = t[self.i] if self.i < n else ""
        if nxt == "vmap":
            self.i += 1
            self.read_vmap(sels)
            return
        if self.i >= self.n:
            # a selector alone (e.g. `ct helper`), or the rule was cut
            if sels[0] in ("meta nftrace",):
                return
            raise _Bad(f"'{' '.join(self.t[start:])}' has no value")
        value, ref = self.value()
        if self.peek() == "/":  # `tcp flags syn / fin,syn,rst,ack`: value / mask
            self.i += 1
            self.take()
            while self.peek() == "," and self.i + 1 < self.n:
                self.i += 2
            mask = mask or "/"
        text = " ".join(self.t[start:self.i]).replace(" , ", ",")
        if len(sels) > 1:
            self.concat(sels, op, value, ref, text)
            return
        self.apply(sels[0], op, value, ref, mask, text)

    def value(self) -> tuple[list[list[str]], str | None]:
        """The value of a match: its elements (each a token list) and the named set
        it refers to, if any."""
        tok = self.peek()
        if tok == "{":
            return self.group(), None
        if tok.startswith("@"):
            self.i += 1
            name = tok[1:]
            return self.set_elements(name), name
        self.i += 1
        elems = [[tok]]
        while self.peek() == "," and self.i + 1 < self.n:
            self.i += 1
            elems.append([self.take()])
        # `ip saddr 10.0.0.1 - 10.0.0.9` (spaces around the dash)
        if self.peek() == "-" and self.i + 1 < self.n:
            self.i += 1
            elems[-1] = [elems[-1][0] + "-" + self.take()]
        return elems, None

    def refer_set(self, name: str, context: str) -> _Set | None:
        st = self.table.sets.get(name)
        self.run.dev.refer(st.kind if st else "set", f"{self.table.key}/{name}", self.loc, context)
        return st

    def set_elements(self, name: str) -> list[list[str]]:
        st = self.refer_set(name, f"used by {self.filt.name}")
        self.extra.setdefault("sets", []).append(name)
        return st.elements if st is not None else []

    def set_unresolved(self, ref: str | None) -> str | None:
        """Why the named set `ref` cannot be read exactly, or None."""
        if ref is None:
            return None
        st = self.table.sets.get(ref)
        if st is None:
            return f"set @{ref} is not defined"
        if st.dynamic:
            return f"set @{ref} is dynamic (filled by the packet path)"
        return None

    def apply(self, sel: str, op: str, elems: list[list[str]], ref: str | None, mask: str | None, text: str) -> None:
        c = self.c
        neg = op == "!="
        cmp = op if op in ("<", ">", "<=", ">=") else None
        values = [e[0] for e in elems if e]
        unresolved = self.set_unresolved(ref)
        kind = _SELECTORS.get(sel)
        if kind is None:
            self.unmodelled_part(text)
            c.notes.append(f"{text} not modelled")
            return
        if kind[0] == "addr":
            side, fam = kind[1], kind[2]
            self.set_family(fam, text)
            label = f"@{ref}" if ref else None
            if unresolved:
                c.add_addr(side, (), neg, (label,), (label,))
                c.notes.append(unresolved)
                c.narrowing.append(label)
                return
            if cmp:
                self.unmodelled_part(text)
                c.notes.append(f"{text}: address comparison not modelled")
                return
            memo_key = ("addr", fam, self.table.key, ref) if ref else ("addr", fam, tuple(values))
            hit = self.run.elem_memo.get(memo_key)
            bad: list[str] = []
            if hit is not None:
                items = list(hit)
            else:
                items = []
                for v in values:
                    try:
                        item = parse_address(v)
                    except ValueError:
                        self.warn(f"address not understood: {v}")
                        bad.append(v)
                        c.narrowing.append(v)
                        continue
                    if item.family != fam:
                        self.warn(f"{v} is not an IPv{fam} address")
                        bad.append(v)
                        continue
                    items.append(item)
                if not bad and len(self.run.elem_memo) < 100_000:
                    self.run.elem_memo[memo_key] = tuple(items)
            if mask is not None and len(items) == 1 and isinstance(items[0], AddressRange):
                try:
                    m = int(parse_address(mask).first)
                except ValueError:
                    m = None
                if m is None:
                    self.unmodelled_part(text)
                    return
                items = [AddressWildcard(fam, items[0].first & m, m)]
            elif mask is not None:
                self.unmodelled_part(text)
                c.notes.append(f"{text}: mask not modelled")
                return
            if bad:
                c.notes.append(f"{side} names {', '.join(bad)} (not an address)")
            c.add_addr(side, tuple(items), neg, ((label,) if label else ()) + tuple(bad), tuple(bad))
            if not items and not ref and not bad:
                c.nothing = c.nothing or f"no {side} address of IPv{fam}"
        elif kind[0] == "port":
            proto = kind[2]
            if proto is None:
                c.th = True
            else:
                c.add_protos({proto}, False)
            if unresolved:
                self.unmodelled_part(text)
                c.notes.append(unresolved)
                return
            memo_key = ("port", self.table.key, ref, cmp) if ref else ("port", tuple(values), cmp)
            ranges = self.run.elem_memo.get(memo_key)
            if ranges is None:
                ranges = self.port_values(values, cmp, text)
                if len(self.run.elem_memo) < 100_000:
                    self.run.elem_memo[memo_key] = ranges
            c.add_ports(kind[1], ranges, neg)
        elif kind[0] == "proto":
            if kind[1]:
                self.set_family(kind[1], text)
            if unresolved:
                self.unmodelled_part(text)
                c.notes.append(unresolved)
                return
            protos = set()
            for v in values:
                p = PROTOCOLS.get(v.lower())
                if p is None and v.isdigit() and int(v) < 256:
                    p = int(v)
                if p is None:
                    raise _Bad(f"unknown protocol '{v}'")
                protos.add(p)
            c.add_protos(protos, neg, ("!=" if neg else "") + ",".join(values) if neg else "")
        elif kind[0] == "nfproto":
            fams = {4 if v in ("ipv4", "ip") else 6 if v in ("ipv6", "ip6") else None for v in values}
            if None in fams or len(fams) != 1 or neg:
                if neg and len(fams) == 1 and None not in fams:
                    self.set_family(10 - fams.pop(), text)  # != ipv4 -> ipv6
                    return
                self.unmodelled_part(text)
                c.notes.append(f"{text} not modelled")
                return
            self.set_family(fams.pop(), text)
        elif kind[0] == "iface":
            if unresolved:
                self.unmodelled_part(text)
                c.notes.append(unresolved)
                return
            names = []
            for v in values:
                nm = _unq(v)
                if nm.endswith("*"):
                    self.run.patterns.add(nm)
                    if nm == "*":
                        continue
                    c.notes.append(f"interface wildcard {nm}")
                else:
                    self.run.iface(nm, self.loc)
                names.append(nm)
            if not names:  # '*' alone: any interface
                if neg:
                    c.nothing = c.nothing or "no interface"
                return
            c.set_iface(kind[1], tuple(names), neg)
        elif kind[0] == "ct":
            est, nothing, note = ct_states(set(values), neg)
            self.extra["ct_state"] = ("!=" if neg else "") + ",".join(values)
            self.run.dev.stateful = True
            if note:
                c.notes.append(note)
            if nothing:
                c.nothing = c.nothing or note
            else:
                c.set_established(est)
        elif kind[0] == "icmp":
            proto = kind[2]
            self.set_family(4 if proto == 1 else 6, text)
            c.add_protos({proto}, False)
            table = ICMP4_NAMES if proto == 1 else ICMP6_NAMES
            codes = ICMP4_CODES if proto == 1 else ICMP6_CODES
            if unresolved:
                self.unmodelled_part(text)
                c.notes.append(unresolved)
                return
            if kind[1] == "type":
                pairs = []
                for v in values:
                    if v in table:
                        pairs.append((table[v][0], None))
                    elif v.isdigit() and int(v) < 256:
                        pairs.append((int(v), None))
                    else:
                        raise _Bad(f"unknown ICMP type '{v}'")
                if self.icmp_types is not None:
                    self.unmodelled_part(text)
                    return
                self.icmp_types, self.icmp_types_neg = pairs, neg
            else:
                cs = []
                for v in values:
                    if v in codes:
                        cs.append(codes[v])
                    elif v.isdigit() and int(v) < 256:
                        cs.append(int(v))
                    else:
                        raise _Bad(f"unknown ICMP code '{v}'")
                if neg or self.icmp_codes is not None:
                    self.unmodelled_part(text)
                    c.notes.append(f"{text} not modelled")
                    return
                self.icmp_codes = cs
            self.icmp_proto = proto
        elif kind[0] == "tcpflags":
            c.add_protos({6}, False)
            if self.syn_only(text):
                c.set_established(False)
                c.notes.append(f"{text} read as a new connection's first packet")
                return
            self.unmodelled_part(text)
            c.notes.append(f"{text} not modelled")

    def syn_only(self, text: str) -> bool:
        """`tcp flags syn / fin,syn,rst,ack` (or `& (fin|syn|rst|ack) == syn`): the first packet."""
        compact = text.replace(" ", "")
        return compact in ("tcpflagssyn/fin,syn,rst,ack", "tcpflags&(fin|syn|rst|ack)==syn",
                           "tcpflagssyn/syn,ack", "tcpflags&(syn|ack)==syn", "tcpflagssyn/syn,rst,ack",
                           "tcpflags&(syn|rst|ack)==syn")

    def port_values(self, values: list[str], cmp: str | None, text: str) -> list[tuple[int, int]] | None:
        if cmp:
            if len(values) != 1 or not values[0].isdigit():
                raise _Bad(f"port comparison '{text}' not understood")
            v = int(values[0])
            lo, hi = {"<": (0, v - 1), "<=": (0, v), ">": (v + 1, 65535), ">=": (v, 65535)}[cmp]
            return [(lo, hi)] if lo <= hi else []
        out: list[tuple[int, int]] = []
        for v in values:
            out.extend(parse_ports(_unq(v), sep="-"))
        return out

    def set_family(self, fam: int, text: str) -> None:
        c = self.c
        if self.table_family is not None and self.table_family != fam:
            c.nothing = c.nothing or f"{text}: an IPv{fam} match in an IPv{self.table_family} table"
            return
        if c.family is not None and c.family != fam:
            c.nothing = c.nothing or "IPv4 and IPv6 matches in one rule"
        c.family = fam

    def read_vmap(self, sels: list[str]) -> None:
        if self.peek() == "{":
            elems = self.group()
            ref = None
        elif self.peek().startswith("@"):
            ref = self.take()[1:]
            elems = self.set_elements(ref)
            unresolved = self.set_unresolved(ref)
            if unresolved:
                self.c.notes.append(unresolved)
                self.unmodelled_part(f"vmap @{ref}", narrowing=False)
                self.verdict = self.verdict or (CONTINUE, "vmap", None)
                return
        else:
            raise _Bad("vmap without elements")
        branches = []
        for el in elems:
            if ":" in el:
                k = el.index(":")
                key, vtoks = el[:k], el[k + 1:]
            elif el and ":" in el[-1] and el[-1].rsplit(":", 1)[1] in VERDICTS:
                key = el[:-1] + [el[-1].rsplit(":", 1)[0]]
                vtoks = [el[-1].rsplit(":", 1)[1]]
            else:
                raise _Bad(f"vmap element '{' '.join(el)}' not understood")
            if not vtoks or vtoks[0] not in VERDICTS:
                raise _Bad(f"vmap verdict '{' '.join(vtoks)}' not understood")
            sub = _RuleReader(self.run, self.table, self.filt, vtoks, self.loc)
            sub.i = 0
            verdict = sub.verdict_from(sub.take())
            if "reject_with" in sub.extra:
                self.extra["reject_with"] = sub.extra["reject_with"]
            branches.append((self.split_concat(sels, key), verdict, " ".join(key)))
        self.add_branches(branches)

    def split_concat(self, sels: list[str], key: list[str]) -> list[tuple[str, list[str]]]:
        parts: list[list[str]] = [[]]
        for tok in key:
            if tok == "." and len(sels) > 1:
                parts.append([])
            else:
                parts[-1].append(tok)
        if len(parts) != len(sels):
            raise _Bad(f"element '{' '.join(key)}' does not fit {' . '.join(sels)}")
        return list(zip(sels, parts))

    def concat(self, sels: list[str], op: str, elems: list[list[str]], ref: str | None, text: str) -> None:
        unresolved = self.set_unresolved(ref)
        if op != "==" or unresolved:
            self.unmodelled_part(text)
            self.c.notes.append(unresolved or f"{text}: a negated concatenation is not modelled")
            return
        self.add_branches([(self.split_concat(sels, el), None, " ".join(el)) for el in elems])

    def add_branches(self, branches) -> None:
        if self.branches is not None:
            self.c.notes.append("a second map or concatenation lookup in one rule is not modelled")
            self.c.narrowing.append("second lookup")
            return
        self.branches = branches

    # ---- the rules

    def build(self, name: str) -> list[Rule]:
        if self.icmp_types is not None or self.icmp_codes is not None:
            types = self.icmp_types or [(t, None) for t in range(256)]
            if self.icmp_codes is not None:
                pairs = [(t, code) for t, _ in types for code in self.icmp_codes]
                if self.icmp_types_neg:
                    # not these types, with these codes
                    bad = {t for t, _ in types}
                    pairs = [(t, code) for t in range(256) if t not in bad for code in self.icmp_codes]
                self.c.add_icmp(pairs, False)
            else:
                self.c.add_icmp(types, self.icmp_types_neg)
        if self.branches is None:
            return [self.make(self.c, self.verdict, name, self.extra)]
        rules = []
        for k, (pairs, verdict, key) in enumerate(self.branches, 1):
            c = self.c.copy()
            sub = _RuleReader(self.run, self.table, self.filt, [], self.loc)
            sub.c = c
            sub.extra = dict(self.extra)
            for sel, toks in pairs:
                values = [[x] for x in toks if x != ","]
                if len(toks) > 1 and sel.split()[-1] in ("saddr", "daddr") and "-" in toks:
                    values = [["".join(toks)]]
                sub.apply(sel, "==", values, None, None, f"{sel} {' '.join(toks)}")
            if sub.icmp_types is not None:
                c.add_icmp(sub.icmp_types, False)
            extra = dict(self.extra)
            extra["vmap_key" if verdict is not None else "element"] = _unq(key)
            if sub.unmodelled:
                extra["unmodelled"] = self.unmodelled + sub.unmodelled
            rules.append(self.make(c, verdict or self.verdict, f"{name}.{k}", extra))
        return rules

    def make(self, c: Conditions, verdict, name: str, extra: dict) -> Rule:
        action, vendor, jump = verdict if verdict is not None else (CONTINUE, "", None)
        family = c.family or self.table_family
        src = c.addresses("src", family)
        dst = c.addresses("dst", family)
        key = (c.protos, tuple(map(tuple, c.dports)), tuple(map(tuple, c.sports)),
               tuple(c.icmp) if c.icmp is not None else None, c.icmp_neg, family, c.th)
        services = self.run.svc_memo.get(key)
        if services is None:
            services = c.services(family)
            if len(self.run.svc_memo) < 50_000:
                self.run.svc_memo[key] = services
        notes = list(c.notes)
        extra = dict(extra)
        if self.unmodelled and "unmodelled" not in extra:
            extra["unmodelled"] = list(self.unmodelled)
        if c.nothing:
            if c.nothing not in notes:
                notes.append(c.nothing)
            extra["services_as_written"] = [s.describe() for s in services]
            services = ()
        elif c.narrowing and action == DENY:
            notes.append("a deny limited by conditions the model does not have is taken to match nothing")
            extra["services_as_written"] = [s.describe() for s in services]
            services = ()
        rule = Rule(
            action=action, src=src, dst=dst, services=services, loc=self.loc, family=family,
            vendor_action=vendor, name=name, remark=self.remark, log=self.log, established=c.established,
            jump=jump, in_interfaces=c.in_ifs, out_interfaces=c.out_ifs, in_interfaces_negated=c.in_neg,
            out_interfaces_negated=c.out_neg, approximations=tuple(dict.fromkeys(notes)), extra=extra,
        )
        if c.proto_label:
            rule.service_names = (c.proto_label,)
        return rule


# Selector -> what it matches: ("addr", side, family), ("port", side, protocol or None),
# ("proto", family or None), ("nfproto",), ("iface", direction), ("ct",), ("icmp", type|code, protocol).
_SELECTORS: dict[str, tuple] = {
    "ip saddr": ("addr", "src", 4), "ip daddr": ("addr", "dst", 4),
    "ip6 saddr": ("addr", "src", 6), "ip6 daddr": ("addr", "dst", 6),
    "ip protocol": ("proto", 4), "ip6 nexthdr": ("proto", 6), "meta l4proto": ("proto", None),
    "meta nfproto": ("nfproto",), "meta protocol": ("nfproto",),
    "meta iif": ("iface", "in"), "meta iifname": ("iface", "in"), "meta oif": ("iface", "out"),
    "meta oifname": ("iface", "out"),
    "ct state": ("ct",),
    "icmp type": ("icmp", "type", 1), "icmp code": ("icmp", "code", 1),
    "icmpv6 type": ("icmp", "type", 58), "icmpv6 code": ("icmp", "code", 58),
    "tcp flags": ("tcpflags",),
}
for _p, _n in PORT_PROTOS.items():
    _SELECTORS[f"{_p} dport"] = ("port", "dst", _n)
    _SELECTORS[f"{_p} sport"] = ("port", "src", _n)
_SELECTORS["th dport"] = ("port", "dst", None)
_SELECTORS["th sport"] = ("port", "src", None)


# --------------------------------------------------------------------------- helpers


def _split_comment(line: str) -> tuple[str, str]:
    """Code and `#` comment of a line (a `#` inside quotes is text)."""
    k = line.find("#")
    if k < 0:
        return line, ""
    if '"' not in line[:k]:
        return line[:k], line[k:]
    in_q = False
    for idx, ch in enumerate(line):
        if ch == '"':
            in_q = not in_q
        elif ch == "#" and not in_q:
            return line[:idx], line[idx:]
    return line, ""


def _body(tokens: list[str]) -> list[list[str]]:
    """`{ type filter hook input priority 0 ; policy drop ; }` -> its `;`-separated parts."""
    if not tokens:
        return []
    if tokens[0] != "{":
        return [tokens]
    inner = tokens[1:-1] if tokens[-1] == "}" else tokens[1:]
    parts: list[list[str]] = [[]]
    depth = 0
    for tok in inner:
        if tok == ";" and depth == 0:
            parts.append([])
            continue
        depth += tok == "{"
        depth -= tok == "}"
        parts[-1].append(tok)
    return [p for p in parts if p]


def _block_kind(ctx: str, words: list[str]) -> str | None:
    """The kind of block a `{` opens after `words`, or None for an anonymous set."""
    if not words:
        return None
    head = words[0]
    if ctx == "root":
        return "table" if head == "table" else None
    if ctx == "table":
        if head in ("chain", "set", "map"):
            return head
        if head in ("flowtable", "counter", "quota", "limit", "secmark", "synproxy") or \
                (head == "ct" and len(words) > 1 and words[1] in ("helper", "timeout", "expectation")):
            return "other"
    return None


def _group_elements(tokens: list[str]) -> list[list[str]]:
    """`{ a, b c, { d } }` -> [['a'], ['b', 'c'], ...] (the outer braces included in
    `tokens`). Element options (timeout, expires, counter, comment) are dropped."""
    elems: list[list[str]] = []
    cur: list[str] = []
    depth = 0
    for tok in tokens:
        if tok == "{":
            depth += 1
            if depth == 1:
                continue
        elif tok == "}":
            depth -= 1
            if depth == 0:
                break
        if tok == "," and depth == 1:
            if cur:
                elems.append(cur)
            cur = []
            continue
        cur.append(tok)
    if cur:
        elems.append(cur)
    out = []
    for el in elems:
        for k, tok in enumerate(el):
            if tok in ("timeout", "expires", "counter", "comment") and k > 0 and ":" not in el[k:]:
                el = el[:k]
                break
        out.append(el)
    return out

