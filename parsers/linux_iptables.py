"""Linux iptables parser: `iptables-save` / `ip6tables-save` output (also with `-c`
counters, and both concatenated in one file) into `netlint.model.Device`. A file
holding only `-A CHAIN ...` lines is a valid input too (taken as the filter table).

What is modelled
----------------
* Tables `*filter`, `*nat`, `*mangle`, `*raw`, `*security`, each up to `COMMIT`.
  Every chain becomes a `Filter(kind="chain")`: chains of the filter table by their
  plain name (`INPUT`, `FORWARD`, `VENDOR_IN`), chains of the other tables as
  `table:CHAIN` (`nat:POSTROUTING`, `mangle:FORWARD`). When one file holds both an
  IPv4 and an IPv6 dump, the IPv6 filters are prefixed `ip6:` (`ip6:INPUT`,
  `ip6:nat:POSTROUTING`); a file holding only one family uses the plain names.
* Built-in chains: `is_base=True`, `hook`, `priority` (the xtables priority of the
  table at that hook), `default_action` from the policy, `default_explicit=True`.
  User chains: `is_base=False`, `default_action="return"` (a user chain returns to
  its caller at its end); `device.define("chain", NAME)` for each, and
  `device.refer("chain", NAME)` for every `-j NAME` / `-g NAME`.
* Targets: ACCEPT -> permit; DROP, REJECT -> deny (`vendor_action` keeps the word,
  `extra['reject_with']`); RETURN -> return; `-j CHAIN` -> jump; `-g CHAIN` -> goto;
  LOG, NFLOG, ULOG -> continue with `log=True`; NAT, marking and other
  non-terminating targets -> continue (`extra['target']`, `extra['target_options']`);
  no target -> continue (a counting rule); QUEUE/NFQUEUE -> permit, approximated (a
  userspace program decides).
* Matches: `-s/-d` (hosts, prefixes, dotted masks, non-contiguous masks, comma lists,
  `!`), `-p` (names, numbers, `all`, `!`), `--sport/--dport` (ranges, `!`),
  multiport `--sports/--dports/--ports` (`--ports`: either direction, exact as two
  services), iprange, `-m state/conntrack` state, ICMP/ICMPv6 types by name or
  number (`8/0` with a code), `-i/-o` (`!`, `+` wildcards), `-m comment` -> remark,
  `-m time` -> `Rule.time_range` (and `time_range_expired` after `--datestop`).
* Several conditions on one side (`-s` with `--src-range`, `--dport` with
  multiport) are intersected exactly.

Approximations (always written in `Rule.approximations`, never silent)
---------------------------------------------------------------------
* Matches the packet model has no field for (limit, hashlimit, recent, connlimit,
  mac, owner, physdev, mark, addrtype, string, u32, policy, fragments `-f`, TCP
  flags other than `--syn`, ...): a permit, jump or goto is taken to match as if the
  condition were absent; a deny is taken to match nothing (the packet-set engine's
  convention: shadowing is never claimed on an approximation's account). The
  conditions as written are kept in `extra['unmodelled']`.
* `--syn` is read as "first packet of a connection" (`established=False`), `! --syn`
  as `established=True`.
* conntrack states: ESTABLISHED and/or RELATED -> `established=True`, NEW ->
  False, both kinds -> None. INVALID, UNTRACKED, SNAT, DNAT have no packet in the
  model: a rule on them alone matches nothing (noted).
* ipsets (`-m set --match-set NAME src|dst`) live outside the ruleset: the side
  becomes an unresolved `AddressSet` (or, with `-s/-d` as well, keeps the addresses
  and notes the extra condition); a deny on an ipset is taken to match nothing. The
  reference is `refer("external-ipset", NAME, context="mentioned")` with no
  definition: ipsets live outside the ruleset, so it must not be reported undefined.
* Interface wildcards (`eth+`): `in_interfaces` holds the pattern and every
  interface the file names that it matches; noted.
* `! -s a,b` expands in iptables to one rule per address (`! -s a`, `! -s b`): the
  union matches everything outside the addresses common to all of them, and that
  is what the rule holds (`extra['note']`).

Device-level decisions
----------------------
* `management_visible=False` (a ruleset cannot show sshd, users or syslog);
  `stateful=True` when a conntrack/state match appears. Filters are not `stateful`
  in the model's sense: return traffic goes through the rules like any packet.
* Hostname from a `# hostname: X` comment, else the file stem.
* `Interface(name)` for every interface named by `-i/-o` (no addresses: an
  iptables-save holds none).

`Device.facts` keys: generated_by, families (list of 4/6), tables (list of dicts:
family, table, line, committed), iptables_hooks ({"4": {"forward": [filter names in
traversal order]}}), nat (list of dicts: line, filter, target, to, in_interface,
out_interface, src, dst, services), counters (True when `-c` counters are present),
interface_patterns (wildcards used).
`Rule.extra`: target, target_options, reject_with, log_prefix, log_level, packets,
bytes (`-c` counters: a rule with 0 packets may be unused), ipsets, unmodelled (the
conditions as written), services_as_written (when the rule was made to match
nothing), note, ct_state, time, time_expired, nat_to.
The helpers `Conditions`, `parse_address`, `ct_states`, `tokenize` and the ICMP and
service-name tables are shared with `parsers.linux_nftables`.
`Filter.extra`: packets, bytes (policy counters), table, chain, user_chain.
"""

from __future__ import annotations

import gc
import ipaddress
import re
from datetime import date
from pathlib import PurePath
from typing import Any

from netlint.model import (
    ANY_SERVICE, CONTINUE, DENY, GOTO, JUMP, MAX_ADDR, PERMIT, PROTOCOL_NUMBERS, RETURN,
    AddressRange, AddressSet, AddressWildcard, Device, Filter, Interface, Location,
    ParseError, Rule, Service,
)
from parsers.common import newline_only

__all__ = [
    "PARSER", "IptablesParser", "Conditions", "ICMP4_NAMES", "ICMP6_NAMES", "SERVICE_PORTS",
    "parse_address", "ct_states", "port_complement", "tokenize",
]

# --------------------------------------------------------------------------- tables

BUILTIN_CHAINS: dict[str, tuple[str, ...]] = {
    "filter": ("INPUT", "FORWARD", "OUTPUT"),
    "nat": ("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"),
    "mangle": ("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
    "raw": ("PREROUTING", "OUTPUT"),
    "security": ("INPUT", "FORWARD", "OUTPUT"),
}
HOOKS = {"PREROUTING": "prerouting", "INPUT": "input", "FORWARD": "forward", "OUTPUT": "output",
         "POSTROUTING": "postrouting"}
# xtables priorities of the built-in chains (netfilter_ipv4.h): the order in which the
# tables see a packet at one hook.
TABLE_PRIORITY = {"raw": -300, "mangle": -150, "filter": 0, "security": 50}
NAT_PRIORITY = {"prerouting": -100, "output": -100, "input": 100, "postrouting": 100}

# iptables ICMP type names (`iptables -p icmp -h`): name -> (type, code or None).
ICMP4_NAMES: dict[str, tuple[int, int | None]] = {
    "echo-reply": (0, None), "pong": (0, None), "destination-unreachable": (3, None),
    "network-unreachable": (3, 0), "host-unreachable": (3, 1), "protocol-unreachable": (3, 2),
    "port-unreachable": (3, 3), "fragmentation-needed": (3, 4), "source-route-failed": (3, 5),
    "network-unknown": (3, 6), "host-unknown": (3, 7), "network-prohibited": (3, 9),
    "host-prohibited": (3, 10), "TOS-network-unreachable": (3, 11), "TOS-host-unreachable": (3, 12),
    "communication-prohibited": (3, 13), "host-precedence-violation": (3, 14),
    "precedence-cutoff": (3, 15), "source-quench": (4, None), "redirect": (5, None),
    "network-redirect": (5, 0), "host-redirect": (5, 1), "TOS-network-redirect": (5, 2),
    "TOS-host-redirect": (5, 3), "echo-request": (8, None), "ping": (8, None),
    "router-advertisement": (9, None), "router-solicitation": (10, None),
    "time-exceeded": (11, None), "ttl-exceeded": (11, None), "ttl-zero-during-transit": (11, 0),
    "ttl-zero-during-reassembly": (11, 1), "parameter-problem": (12, None),
    "ip-header-bad": (12, 0), "required-option-missing": (12, 1), "timestamp-request": (13, None),
    "timestamp-reply": (14, None), "address-mask-request": (17, None), "address-mask-reply": (18, None),
    # nftables spellings
    "info-request": (15, None), "info-reply": (16, None),
}
ICMP6_NAMES: dict[str, tuple[int, int | None]] = {
    "destination-unreachable": (1, None), "no-route": (1, 0), "communication-prohibited": (1, 1),
    "beyond-scope": (1, 2), "address-unreachable": (1, 3), "port-unreachable": (1, 4),
    "failed-policy": (1, 5), "reject-route": (1, 6), "packet-too-big": (2, None),
    "time-exceeded": (3, None), "ttl-exceeded": (3, None), "ttl-zero-during-transit": (3, 0),
    "ttl-zero-during-reassembly": (3, 1), "parameter-problem": (4, None), "bad-header": (4, 0),
    "unknown-header-type": (4, 1), "unknown-option": (4, 2), "echo-request": (128, None),
    "ping": (128, None), "echo-reply": (129, None), "pong": (129, None),
    "mld-listener-query": (130, None), "mld-listener-report": (131, None),
    "mld-listener-done": (132, None), "mld-listener-reduction": (132, None),
    "router-solicitation": (133, None), "router-advertisement": (134, None),
    "neighbour-solicitation": (135, None), "neighbor-solicitation": (135, None),
    "neighbour-advertisement": (136, None), "neighbor-advertisement": (136, None),
    "redirect": (137, None), "router-renumbering": (138, None),
    # nftables spellings
    "nd-router-solicit": (133, None), "nd-router-advert": (134, None),
    "nd-neighbor-solicit": (135, None), "nd-neighbor-advert": (136, None), "nd-redirect": (137, None),
    "ind-neighbor-solicit": (141, None), "ind-neighbor-advert": (142, None),
    "mld2-listener-report": (143, None),
}

# /etc/services names found in hand-written rules (iptables-save prints numbers).
SERVICE_PORTS: dict[str, int] = {
    "ftp-data": 20, "ftp": 21, "ssh": 22, "telnet": 23, "smtp": 25, "domain": 53, "dns": 53,
    "bootps": 67, "bootpc": 68, "tftp": 69, "http": 80, "www": 80, "kerberos": 88, "pop3": 110,
    "sunrpc": 111, "ident": 113, "auth": 113, "ntp": 123, "netbios-ns": 137, "netbios-dgm": 138,
    "netbios-ssn": 139, "imap": 143, "imap2": 143, "snmp": 161, "snmp-trap": 162, "snmptrap": 162,
    "bgp": 179, "ldap": 389, "https": 443, "microsoft-ds": 445, "isakmp": 500, "syslog": 514,
    "shell": 514, "login": 513, "exec": 512, "submission": 587, "ldaps": 636, "rsync": 873,
    "imaps": 993, "pop3s": 995, "openvpn": 1194, "ms-sql-s": 1433, "ms-sql-m": 1434,
    "sqlnet": 1521, "radius": 1812, "radius-acct": 1813, "nfs": 2049, "mysql": 3306,
    "ms-wbt-server": 3389, "rdp": 3389, "ipsec-nat-t": 4500, "sip": 5060, "postgresql": 5432,
    "vnc": 5900, "x11": 6000, "http-alt": 8080, "webcache": 8080, "https-alt": 8443,
}

PROTOCOLS: dict[str, int | None] = dict(PROTOCOL_NUMBERS)
PROTOCOLS.update({"all": None, "ip": None, "0": None, "ipencap": 4, "ipv6": 41, "ipv6-route": 43,
                  "ipv6-frag": 44, "ipv6-nonxt": 59, "ipv6-opts": 60, "udplite": 136, "dccp": 33,
                  "mh": 135, "ipv6-mh": 135, "hopopt": 0, "icmpv6": 58, "ipv6-icmp": 58})

_SIMPLE_PROTOS = {"tcp": frozenset({6}), "udp": frozenset({17}), "icmp": frozenset({1}),
                  "ipv6-icmp": frozenset({58}), "icmpv6": frozenset({58})}
PORTED = (6, 17, 132, 33, 136)  # protocols whose headers start with ports (tcp, udp, sctp, dccp, udplite)
ALL_PROTOCOLS = frozenset(range(256))
CT_STATES = frozenset({"new", "established", "related", "invalid", "untracked"})

# Targets that end evaluation or change it, and those that only act and let the
# packet continue (iptables-extensions(8)).
CONTINUE_TARGETS = frozenset({
    "MARK", "CONNMARK", "TCPMSS", "CT", "NOTRACK", "TOS", "DSCP", "TTL", "HL", "CLASSIFY", "SET",
    "TRACE", "AUDIT", "CHECKSUM", "SECMARK", "CONNSECMARK", "TEE", "IDLETIMER", "LED", "RATEEST",
    "SNAT", "DNAT", "MASQUERADE", "REDIRECT", "NETMAP", "TPROXY", "SYNPROXY", "CLUSTERIP", "ECN",
    "HMARK", "TCPOPTSTRIP", "JOOL", "JOOL_SIIT", "NFACCT", "ACCOUNT", "IPMARK", "DNPT", "SNPT",
    "FULLCONENAT",
})
LOG_TARGETS = frozenset({"LOG", "NFLOG", "ULOG"})
NAT_TARGETS = frozenset({"SNAT", "DNAT", "MASQUERADE", "REDIRECT", "NETMAP", "DNPT", "SNPT", "FULLCONENAT"})
QUEUE_TARGETS = frozenset({"QUEUE", "NFQUEUE"})

# Match modules iptables knows; options of these are recognised even when not modelled.
KNOWN_MODULES = frozenset({
    "tcp", "udp", "sctp", "dccp", "udplite", "icmp", "icmp6", "icmpv6", "multiport", "iprange",
    "state", "conntrack", "comment", "limit", "hashlimit", "recent", "connlimit", "set", "mac",
    "owner", "physdev", "time", "mark", "connmark", "addrtype", "pkttype", "length", "ttl", "hl",
    "tos", "dscp", "string", "u32", "policy", "rpfilter", "socket", "devgroup", "helper",
    "statistic", "quota", "ecn", "esp", "ah", "frag", "ipv6header", "cgroup", "bpf", "nfacct",
    "cpu", "realm", "connbytes", "rt", "hbh", "dst", "eui64", "mh", "cluster", "osf", "ipvs",
    "l2tp", "connlabel", "ipcomp", "conntrack", "tcpmss", "srh", "condition", "geoip", "xt_geoip",
})
# Options by module (options not listed here but belonging to a known module are
# still recognised: the module name is enough to know the line is understood).
BASE_OPTIONS = {
    "-s": "src", "--source": "src", "--src": "src", "-d": "dst", "--destination": "dst", "--dst": "dst",
    "-p": "proto", "--protocol": "proto", "-i": "in", "--in-interface": "in", "-o": "out",
    "--out-interface": "out", "-f": "frag", "--fragment": "frag", "-j": "jump", "--jump": "jump",
    "-g": "goto", "--goto": "goto", "-m": "match", "--match": "match", "-c": "counters",
    "--set-counters": "counters", "-4": "ipv4", "--ipv4": "ipv4", "-6": "ipv6", "--ipv6": "ipv6",
}
# Options of the implicitly loaded protocol matches (valid after -p tcp without -m tcp).
PROTO_OPTIONS = frozenset({
    "--sport", "--source-port", "--dport", "--destination-port", "--syn", "--tcp-flags",
    "--tcp-option", "--icmp-type", "--icmpv6-type", "--chunk-types", "--dccp-types", "--dccp-option",
})

_PORT_OPTS = ("--sport", "--source-port", "--dport", "--destination-port")
MODULE_OPTIONS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "tcp": " ".join(_PORT_OPTS) + " --syn --tcp-flags --tcp-option",
    "udp": " ".join(_PORT_OPTS), "udplite": " ".join(_PORT_OPTS),
    "sctp": " ".join(_PORT_OPTS) + " --chunk-types",
    "dccp": " ".join(_PORT_OPTS) + " --dccp-types --dccp-option",
    "icmp": "--icmp-type", "icmp6": "--icmpv6-type", "icmpv6": "--icmpv6-type",
    "multiport": "--sports --source-ports --dports --destination-ports --ports",
    "iprange": "--src-range --dst-range", "state": "--state",
    "conntrack": "--ctstate --ctproto --ctorigsrc --ctorigdst --ctreplsrc --ctrepldst --ctorigsrcport "
                 "--ctorigdstport --ctreplsrcport --ctrepldstport --ctstatus --ctexpire --ctdir",
    "comment": "--comment", "limit": "--limit --limit-burst",
    "hashlimit": "--hashlimit --hashlimit-upto --hashlimit-above --hashlimit-burst --hashlimit-mode "
                 "--hashlimit-name --hashlimit-srcmask --hashlimit-dstmask --hashlimit-htable-size "
                 "--hashlimit-htable-max --hashlimit-htable-expire --hashlimit-htable-gcinterval "
                 "--hashlimit-rate-match --hashlimit-rate-interval",
    "recent": "--name --set --rcheck --update --remove --seconds --reap --hitcount --rttl --rsource --rdest --mask",
    "connlimit": "--connlimit-upto --connlimit-above --connlimit-mask --connlimit-saddr --connlimit-daddr",
    "set": "--match-set --return-nomatch --update-counters --update-subcounters --packets-eq --packets-lt "
           "--packets-gt --bytes-eq --bytes-lt --bytes-gt",
    "mac": "--mac-source", "owner": "--uid-owner --gid-owner --socket-exists --suppl-groups",
    "physdev": "--physdev-in --physdev-out --physdev-is-in --physdev-is-out --physdev-is-bridged",
    "time": "--datestart --datestop --timestart --timestop --monthdays --weekdays --kerneltz --utc --localtz "
            "--contiguous",
    "mark": "--mark", "connmark": "--mark",
    "addrtype": "--src-type --dst-type --limit-iface-in --limit-iface-out",
    "pkttype": "--pkt-type", "length": "--length", "ttl": "--ttl-eq --ttl-gt --ttl-lt",
    "hl": "--hl-eq --hl-gt --hl-lt", "tos": "--tos", "dscp": "--dscp --dscp-class",
    "string": "--algo --string --hex-string --from --to --icase", "u32": "--u32",
    "policy": "--dir --pol --strict --reqid --spi --proto --mode --tunnel-src --tunnel-dst --next",
    "rpfilter": "--loose --validmark --accept-local --invert",
    "socket": "--transparent --nowildcard --restore-skmark", "helper": "--helper",
    "statistic": "--mode --probability --every --packet", "quota": "--quota", "esp": "--espspi",
    "ah": "--ahspi",
}.items()}

_V6_SIGNS = re.compile(
    r"-(?:[sd]|-src-range|-dst-range) +(?:! +)?[0-9a-fA-F]*:[0-9a-fA-F:.]*(?:/\d+)?(?:\s|,|$)"
    r"|icmpv6|ipv6-icmp|-m icmp6|--reject-with icmp6|-m (?:rt|frag|hbh|ipv6header|mh|eui64) ",
)
_V4_SIGNS = re.compile(
    r"-[sd] +(?:! +)?\d+\.\d+\.\d+\.\d+|--icmp-type|--reject-with icmp-|-p icmp(?:\s|$)",
)
_HOSTNAME_RE = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$")
_HEADER = re.compile(r"^#\s*Generated by\s+(\S+)\s*(v\S+)?", re.I)
_HOSTNAME = re.compile(r"^#\s*hostname:\s*(\S+)", re.I)
_COUNTERS = re.compile(r"^\[(\d+):(\d+)\]\s*")


# --------------------------------------------------------------------------- small helpers


_TOKEN = re.compile(r'(?:"(?:[^"\\]|\\.)*"?|\\.?|[^\s"\\])+')
_UNQUOTE = re.compile(r'\\(.)|"')
_ESCAPED = re.compile(r"\\.")


def _unescape(m: re.Match[str]) -> str:
    return m.group(1) or ""


def tokenize(line: str) -> tuple[list[str], set[int], bool]:
    """iptables-restore's word splitting: blanks separate words, double quotes group,
    a backslash escapes the next character. Returns (words, indices of quoted words,
    whether a quote was left open)."""
    if '"' not in line and "\\" not in line:
        return line.split(), set(), False
    tokens: list[str] = []
    quoted: set[int] = set()
    open_quote = False
    for m in _TOKEN.finditer(line):
        raw = m.group()
        if '"' in raw:
            quoted.add(len(tokens))
            if _ESCAPED.sub("", raw).count('"') % 2:
                open_quote = True
        if '"' in raw or "\\" in raw:
            raw = _UNQUOTE.sub(_unescape, raw)
        tokens.append(raw)
    return tokens, quoted, open_quote


_ADDR_MEMO: dict[str, AddressRange | AddressWildcard] = {}


def parse_address(text: str) -> AddressRange | AddressWildcard:
    """'10.0.0.1', '10.0.0.0/8', '10.0.0.0/255.0.0.0', '10.0.0.1/0.0.255.0'-style
    non-contiguous masks (as value/mask), '2001:db8::/32', 'A-B' ranges.
    Raises ValueError."""
    hit = _ADDR_MEMO.get(text)
    if hit is not None:
        return hit
    item = _fast_v4(text)
    if item is not None:
        if len(_ADDR_MEMO) < 200_000:
            _ADDR_MEMO[text] = item
        return item
    if "-" in text and "/" not in text:
        a, _, b = text.partition("-")
        fa, fb = _fast_v4(a), _fast_v4(b)
        if fa is not None and fb is not None and fa.first <= fb.first:
            item: AddressRange | AddressWildcard = AddressRange(4, fa.first, fb.first)
        else:
            item = AddressRange.between(a.strip(), b.strip())
    elif "/" in text:
        addr, _, mask = text.partition("/")
        if mask.isdigit():
            item = AddressRange.from_network(f"{addr}/{mask}")
        else:
            ip = ipaddress.ip_address(addr)
            m = int(ipaddress.ip_address(mask))
            if ip.version != ipaddress.ip_address(mask).version:
                raise ValueError(f"mask {mask} does not fit address {addr}")
            top = MAX_ADDR[ip.version]
            wild = top & ~m
            if (wild + 1) & wild == 0:
                item = AddressRange(ip.version, int(ip) & m, (int(ip) & m) | wild)
            else:
                item = AddressWildcard(ip.version, int(ip) & m, m)
    else:
        item = AddressRange.host(text)
    if len(_ADDR_MEMO) < 200_000:
        _ADDR_MEMO[text] = item
    return item


def _fast_v4(text: str) -> AddressRange | None:
    """'a.b.c.d' or 'a.b.c.d/n' in canonical form without the ipaddress module (hot path)."""
    addr, _, plen = text.partition("/")
    parts = addr.split(".")
    if len(parts) != 4:
        return None
    value = 0
    for p in parts:
        if not p.isdigit() or len(p) > 3 or (len(p) > 1 and p[0] == "0"):
            return None
        n = int(p)
        if n > 255:
            return None
        value = (value << 8) | n
    if not plen:
        return AddressRange(4, value, value)
    if not plen.isdigit() or int(plen) > 32:
        return None
    size = 1 << (32 - int(plen))
    first = value & ~(size - 1) & 0xFFFFFFFF
    return AddressRange(4, first, first + size - 1)


def _merge(ivs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ivs):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _intersect(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _complement(ivs: list[tuple[int, int]], top: int) -> list[tuple[int, int]]:
    out = []
    nxt = 0
    for lo, hi in _merge(ivs):
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = max(nxt, hi + 1)
    if nxt <= top:
        out.append((nxt, top))
    return out


def port_complement(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return _complement(ranges, 65535)


def parse_ports(text: str, sep: str = ":") -> list[tuple[int, int]]:
    """'22', 'ssh', '1000:2000', '1000:', ':1023' (sep ':' for iptables, '-' for nft)
    -> merged ranges. Raises ValueError."""
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            raise ValueError(f"empty port in '{text}'")
        if sep in part:
            a, _, b = part.partition(sep)
            lo = _port(a) if a else 0
            hi = _port(b) if b else 65535
        else:
            lo = hi = _port(part)
        if lo > hi:
            raise ValueError(f"port range {part} is reversed")
        out.append((lo, hi))
    return _merge(out)


def _port(text: str) -> int:
    if text.isdigit():
        n = int(text)
        if n > 65535:
            raise ValueError(f"port {n} is out of range")
        return n
    n = SERVICE_PORTS.get(text.lower())
    if n is None:
        raise ValueError(f"unknown port name '{text}'")
    return n


def ct_states(states: set[str], negated: bool = False) -> tuple[bool | None, bool, str]:
    """Conntrack states -> (Rule.established, matches-nothing, approximation note).
    The packet model knows new and established packets only; RELATED counts as
    established (an existing connection's companion)."""
    s = {x.lower() for x in states}
    unknown = s - CT_STATES - {"snat", "dnat"}
    if negated:
        s = set(CT_STATES) - s
    est = bool(s & {"established", "related"})
    new = "new" in s
    other = sorted(s - {"new", "established", "related"})
    note = ""
    if other or unknown:
        note = ("conntrack state " + ",".join(o.upper() for o in other + sorted(unknown))
                + " has no packet in the model (packets are new or established)")
    if est and new:
        return None, False, note
    if est:
        return True, False, note
    if new:
        return False, False, note
    return None, True, note or "no conntrack state left to match"


def _icmp_complement(pairs: list[tuple[int, int | None]]) -> list[tuple[int, int | None]]:
    """Every (type, code) not in `pairs`, as (type, None) or (type, code) entries."""
    whole = {t for t, c in pairs if c is None}
    codes: dict[int, set[int]] = {}
    for t, c in pairs:
        if c is not None and t not in whole:
            codes.setdefault(t, set()).add(c)
    out: list[tuple[int, int | None]] = []
    for t in range(256):
        if t in whole:
            continue
        if t in codes:
            out.extend((t, c) for c in range(256) if c not in codes[t])
        else:
            out.append((t, None))
    return out


# --------------------------------------------------------------------------- the match under construction


class Conditions:
    """The match of one rule while it is read, field by field; `build` turns it into
    the model's source, destination and services. Shared with the nftables parser."""

    __slots__ = ("src", "dst", "protos", "proto_label", "dports", "sports", "either", "icmp",
                 "icmp_neg", "established", "in_ifs", "in_neg", "out_ifs", "out_neg", "notes",
                 "narrowing", "nothing", "family", "th")

    def __init__(self) -> None:
        self.src: list[tuple[tuple, bool, tuple, tuple]] = []
        self.dst: list[tuple[tuple, bool, tuple, tuple]] = []
        self.protos: frozenset[int] | None = None
        self.proto_label: str = ""
        self.dports: list[list[tuple[int, int]]] = []
        self.sports: list[list[tuple[int, int]]] = []
        self.either: list[tuple[list[tuple[int, int]], bool]] = []
        self.icmp: list[tuple[int, int | None]] | None = None
        self.icmp_neg = False
        self.established: bool | None = None
        self.in_ifs: tuple[str, ...] | None = None
        self.in_neg = False
        self.out_ifs: tuple[str, ...] | None = None
        self.out_neg = False
        self.notes: list[str] = []
        self.narrowing: list[str] = []  # conditions not modelled that narrow the match
        self.nothing: str = ""  # why the rule matches no modelled packet
        self.family: int | None = None
        self.th = False  # a port match without a protocol (nft `th`)

    def copy(self) -> Conditions:
        c = Conditions.__new__(Conditions)
        for slot in Conditions.__slots__:
            v = getattr(self, slot)
            setattr(c, slot, list(v) if isinstance(v, list) else v)
        return c

    # ---- adding conditions

    def add_addr(self, side: str, items: tuple, negated: bool, names: tuple = (), unresolved: tuple = ()) -> None:
        (self.src if side == "src" else self.dst).append((items, negated, names, unresolved))

    def add_protos(self, protos: set[int] | frozenset[int] | None, negated: bool, label: str = "") -> None:
        """`protos` None means 'any protocol' (no constraint unless negated)."""
        if protos is None:
            if negated:
                self.nothing = self.nothing or "negated 'all' protocols matches nothing"
            return
        allowed = ALL_PROTOCOLS - frozenset(protos) if negated else frozenset(protos)
        self.protos = allowed if self.protos is None else self.protos & allowed
        if label:
            self.proto_label = label if not self.proto_label else f"{self.proto_label}&{label}"
        if not self.protos:
            self.nothing = self.nothing or "the protocol conditions exclude each other"

    def add_ports(self, side: str, ranges: list[tuple[int, int]], negated: bool) -> None:
        rng = port_complement(ranges) if negated else ranges
        (self.dports if side == "dst" else self.sports).append(rng)

    def set_established(self, value: bool | None) -> None:
        if value is None:
            return
        if self.established is not None and self.established != value:
            self.nothing = self.nothing or "new-connection and established-connection conditions exclude each other"
        self.established = value

    def add_icmp(self, pairs: list[tuple[int, int | None]], negated: bool) -> None:
        if self.icmp is not None:
            self.notes.append("several ICMP type conditions: only the first is modelled")
            return
        self.icmp = pairs
        self.icmp_neg = negated

    def set_iface(self, direction: str, names: tuple[str, ...], negated: bool) -> None:
        cur = self.in_ifs if direction == "in" else self.out_ifs
        cur_neg = self.in_neg if direction == "in" else self.out_neg
        if cur is not None:
            if not negated and not cur_neg:
                names = tuple(n for n in cur if n in names)
                if not names:
                    self.nothing = self.nothing or "the interface conditions exclude each other"
            elif negated and cur_neg:
                names = tuple(dict.fromkeys(cur + names))
            else:
                pos, neg = (cur, names) if not cur_neg else (names, cur)
                names, negated = tuple(n for n in pos if n not in neg), False
                if not names:
                    self.nothing = self.nothing or "the interface conditions exclude each other"
        if direction == "in":
            self.in_ifs, self.in_neg = names, negated
        else:
            self.out_ifs, self.out_neg = names, negated

    # ---- the model's objects

    def addresses(self, side: str, family: int | None) -> AddressSet:
        conds = self.src if side == "src" else self.dst
        if not conds:
            return AddressSet(any=True)
        if len(conds) == 1:
            items, neg, names, unres = conds[0]
            return AddressSet(items=items, negated=neg, names=names, unresolved=unres)
        resolved = [c for c in conds if not c[3]]
        unresolved = [c for c in conds if c[3]]
        if unresolved and resolved:
            for c in unresolved:
                self.notes.append(f"{side} must also be in {', '.join(c[3])} (not modelled)")
                self.narrowing.append(", ".join(c[3]))
            conds = resolved
            if len(conds) == 1:
                items, neg, names, unres = conds[0]
                return AddressSet(items=items, negated=neg, names=names, unresolved=unres)
        elif unresolved:
            names = tuple(n for c in unresolved for n in c[2])
            unres = tuple(n for c in unresolved for n in c[3])
            self.notes.append(f"{side}: several conditions on unresolved sets ({', '.join(unres)})")
            return AddressSet(names=names, unresolved=unres)
        names = tuple(n for c in conds for n in c[2])
        if any(isinstance(i, AddressWildcard) for c in conds for i in c[0]):
            self.notes.append(f"{side}: several conditions with a non-contiguous mask: only the first is modelled")
            items, neg, _, unres = conds[0]
            return AddressSet(items=items, negated=neg, names=names, unresolved=unres)
        if all(c[1] for c in conds):  # only negations: outside the union
            items = tuple(i for c in conds for i in c[0])
            return AddressSet(items=items, negated=True, names=names)
        families = set()
        for items, neg, _, _ in conds:
            if not neg:
                fams = {i.family for i in items}
                families = fams if not families else families & fams
        if family is not None:
            families &= {family}
        out: list[AddressRange] = []
        for fam in sorted(families):
            cur = [(0, MAX_ADDR[fam])]
            for items, neg, _, _ in conds:
                ivs = _merge([(i.first, i.last) for i in items if i.family == fam])
                cur = _intersect(cur, _complement(ivs, MAX_ADDR[fam]) if neg else ivs)
            out.extend(AddressRange(fam, lo, hi) for lo, hi in cur)
        return AddressSet(items=tuple(out), names=names)

    def services(self, family: int | None) -> tuple[Service, ...]:
        protos = self.protos
        dports = self.dports
        sports = self.sports
        has_ports = bool(dports or sports or self.either)
        if protos is None:
            if has_ports:
                protos = frozenset(PORTED[:3]) if self.th else frozenset((6, 17))
            elif self.icmp is not None:
                protos = frozenset({58}) if family == 6 else frozenset({1})
            else:
                return (ANY_SERVICE,)
        dst = _port_and(dports)
        src = _port_and(sports)
        out: list[Service] = []
        for p in sorted(protos):
            if has_ports:
                if p not in PORTED:
                    continue
                out.extend(_port_services(p, dst, src, self.either, self.notes))
            elif self.icmp is not None:
                if p not in (1, 58):
                    continue
                pairs = _icmp_complement(self.icmp) if self.icmp_neg else self.icmp
                out.extend(Service(p, icmp_type=t, icmp_code=c) for t, c in pairs)
            else:
                out.append(Service(p))
        return tuple(out)


def _port_and(conds: list[list[tuple[int, int]]]) -> list[tuple[int, int]] | None:
    if not conds:
        return None
    cur = conds[0]
    for c in conds[1:]:
        cur = _intersect(cur, c)
    return cur


def _port_services(p, dst, src, either, notes) -> list[Service]:
    def svc(d, s):
        if (d is not None and not d) or (s is not None and not s):
            return None  # an empty intersection: no packet
        d2 = () if d is None or d == [(0, 65535)] else tuple(d)
        s2 = () if s is None or s == [(0, 65535)] else tuple(s)
        return Service(p, src_ports=s2, dst_ports=d2)

    if not either:
        one = svc(dst, src)
        return [one] if one else []
    ranges, neg = either[0]
    if len(either) > 1:
        notes.append("several --ports conditions: only the first is modelled")
    if neg:  # neither port in the list
        comp = port_complement(ranges)
        one = svc(_intersect(dst, comp) if dst is not None else comp,
                  _intersect(src, comp) if src is not None else comp)
        return [one] if one else []
    a = svc(_intersect(dst, ranges) if dst is not None else ranges, src)
    b = svc(dst, _intersect(src, ranges) if src is not None else ranges)
    return [x for x in (a, b) if x]


# --------------------------------------------------------------------------- the parser




class IptablesParser:
    vendor = "linux_iptables"

    def detect(self, text: str) -> int:
        from parsers.detect import score_vendors

        score = score_vendors(text[:200_000]).get("linux_iptables", 0)
        return max(0, min(100, score))

    def parse(self, text: str, file: str) -> Device:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return _Run(newline_only(text), file).run()
        finally:
            if enabled:
                gc.enable()


PARSER = IptablesParser()


class _Block:
    """One `*table ... COMMIT` section."""

    __slots__ = ("table", "line", "text", "header_family", "lines", "committed", "family", "prefix")

    def __init__(self, table: str, line: int, text: str, header_family: int | None):
        self.table = table
        self.line = line
        self.text = text
        self.header_family = header_family
        self.lines: list[tuple[int, str]] = []
        self.committed = False
        self.family = 4
        self.prefix = ""


class _Run:
    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
        self.dev = Device(hostname="", vendor="linux_iptables", file=file)
        self.dev.management_visible = False
        self.facts: dict[str, Any] = self.dev.facts
        self.ifaces: dict[str, Interface] = {}
        self.patterns: set[str] = set()
        self.recognised = 0
        self.nat: list[dict] = []
        self.svc_memo: dict[tuple, tuple[Service, ...]] = {}
        self.counters = False
        self.today = date.today()

    # ------------------------------------------------------------------ main

    def run(self) -> Device:
        text = self.text
        if not text.strip():
            raise ParseError(self.file, "is empty")
        blocks = self.split(text)
        families = set()
        for b in blocks:
            b.family = self.block_family(b)
            families.add(b.family)
        both = len(families) > 1
        for b in blocks:
            b.prefix = "ip6:" if both and b.family == 6 else ""
        # A table appearing twice for one family: the later one replaces the earlier.
        last: dict[tuple[int, str], _Block] = {}
        for b in blocks:
            key = (b.family, b.table)
            if key in last:
                self.dev.warn(Location(self.file, b.line, b.line, b.text),
                              f"table {b.table} appears again for IPv{b.family}: iptables-restore replaces the earlier one")
            last[key] = b
        self.facts["families"] = sorted(families) if blocks else []
        self.facts["tables"] = [{"family": b.family, "table": b.table, "line": b.line, "committed": b.committed}
                                for b in blocks]
        for b in blocks:
            if last[(b.family, b.table)] is b:
                self.block(b)
        if self.recognised == 0:
            first = next((n for n, line in enumerate(text.splitlines(), 1) if line.strip()), None)
            raise ParseError(self.file, "not an iptables-save file (no table, chain or rule line recognised)", first)
        self.finish()
        return self.dev

    def split(self, text: str) -> list[_Block]:
        """The file's `*table ... COMMIT` sections, with the family the header
        comment before each announces."""
        blocks: list[_Block] = []
        block: _Block | None = None  # the open table
        header_family: int | None = None
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line:
                continue
            c = line[0]
            if c == "#":
                m = _HOSTNAME.match(line)
                if m:
                    if not self.dev.hostname:
                        self.dev.hostname = m.group(1)
                    continue
                m = _HEADER.match(line)
                if m:
                    tool = m.group(1).lower()
                    header_family = 6 if tool.startswith("ip6") else 4 if tool.startswith("iptables") else None
                    self.facts.setdefault("generated_by", " ".join(x for x in m.groups() if x))
                    self.recognised += 1
                continue
            if c == "*":
                table = line[1:].strip()
                if block is not None:
                    self.unclosed(block, "before the next table")
                if table not in BUILTIN_CHAINS:
                    self.dev.warn(Location(self.file, number, number, line), f"unknown table '{table}'")
                block = _Block(table, number, line, header_family)
                blocks.append(block)
                self.recognised += 1
                continue
            if line == "COMMIT":
                if block is None:
                    self.dev.warn(Location(self.file, number, number, line), "COMMIT outside a table")
                else:
                    block.committed = True
                    self.recognised += 1
                    block = None
                continue
            if c in ":-[":
                if block is None:
                    if blocks:
                        self.dev.warn(Location(self.file, number, number, line),
                                      "line outside a table (after COMMIT, before the next *table line): "
                                      "taken as part of the table before")
                        blocks[-1].lines.append((number, line))
                        continue
                    # A snippet without a *table line: the filter table.
                    block = _Block("filter", number, line, header_family)
                    block.committed = True
                    blocks.append(block)
                block.lines.append((number, line))
                continue
            self.dev.warn(Location(self.file, number, number, line))
        if block is not None and not block.committed:
            self.unclosed(block, "at the end of the file")
        return blocks

    def unclosed(self, block: _Block, where: str) -> None:
        self.dev.warn(Location(self.file, block.line, block.line, block.text),
                      f"table {block.table} has no COMMIT {where} (truncated dump?): "
                      "iptables-restore would load none of it; its rules are analysed as written")

    def block_family(self, b: _Block) -> int:
        text = "\n".join(line for _, line in b.lines[:3000])  # the family shows early
        v6 = _V6_SIGNS.search(text) is not None
        v4 = _V4_SIGNS.search(text) is not None
        if v6 and not v4:
            return 6
        if v4 and not v6:
            return 4
        return b.header_family or 4

    # ------------------------------------------------------------------ one table

    def fname(self, b: _Block, chain: str) -> str:
        return b.prefix + (chain if b.table == "filter" else f"{b.table}:{chain}")

    def block(self, b: _Block) -> None:
        table = b.table
        builtins = BUILTIN_CHAINS.get(table, ())
        chains: dict[str, Filter] = {}
        order: list[str] = []
        pending: list[tuple[int, str, list[str], set[int], str]] = []  # rule lines, read once chains are known
        for number, line in b.lines:
            packets = None
            if line[0] == "[":
                m = _COUNTERS.match(line)
                if not m:
                    self.dev.warn(Location(self.file, number, number, line), "counter prefix not understood")
                    continue
                packets = (int(m.group(1)), int(m.group(2)))
                line = line[m.end():]
                self.counters = True
                if not line:
                    self.dev.warn(Location(self.file, number, number, m.group(0).strip()),
                                  "counters without a rule (truncated line?)")
                    continue
            loc_text = line
            if line[0] == ":":
                self.chain_decl(b, number, line, chains, order, builtins)
                continue
            tokens, quoted, open_quote = tokenize(line)
            if open_quote:
                self.dev.warn(Location(self.file, number, number, loc_text), "unterminated quote (truncated line?)")
            cmd = tokens[0]
            if cmd in ("-A", "--append", "-I", "--insert") and len(tokens) >= 2:
                pending.append((number, loc_text, tokens, quoted, packets))
                self.recognised += 1
            elif cmd in ("-N", "--new-chain") and len(tokens) == 2:
                self.chain_decl(b, number, f":{tokens[1]} - [0:0]", chains, order, builtins, text=loc_text)
            elif cmd in ("-P", "--policy") and len(tokens) == 3:
                self.chain_decl(b, number, f":{tokens[1]} {tokens[2]} [0:0]", chains, order, builtins, text=loc_text)
            elif cmd in ("-F", "--flush", "-X", "--delete-chain", "-Z", "--zero"):
                self.recognised += 1  # restore-script housekeeping: nothing to model
            else:
                self.dev.warn(Location(self.file, number, number, loc_text),
                              "command not understood" if cmd.startswith("-") else "line not understood")
        # Rules, now that every chain of the table is known.
        for number, text, tokens, quoted, packets in pending:
            chain = tokens[1]
            loc = Location(self.file, number, number, text)
            if chain not in chains:
                if chain in builtins:
                    filt = self.new_chain(b, chain, True, "ACCEPT", loc, explicit=False)
                else:
                    self.dev.warn(loc, f"chain {chain} is not declared (no ':{chain}' line): iptables-restore refuses this")
                    filt = self.new_chain(b, chain, False, "-", loc)
                chains[chain] = filt
                order.append(chain)
            filt = chains[chain]
            start = 2
            position = None
            if tokens[0] in ("-I", "--insert"):
                position = 1
                if len(tokens) > 2 and tokens[2].isdigit():
                    position = int(tokens[2])
                    start = 3
            try:
                rule = self.rule(b, filt, tokens, quoted, start, loc, chains, builtins)
            except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the file
                self.dev.warn(loc, f"rule not understood (internal error {exc.__class__.__name__}: {exc})")
                continue
            if rule is None:
                continue
            if packets is not None:
                rule.extra["packets"], rule.extra["bytes"] = packets
            if position is None:
                filt.rules.append(rule)
            else:
                filt.rules.insert(max(0, min(position - 1, len(filt.rules))), rule)
        for chain in order:
            filt = chains[chain]
            for n, rule in enumerate(filt.rules, 1):
                rule.name = f"{filt.name}#{n}"
            self.dev.filters[filt.name] = filt

    def chain_decl(self, b: _Block, number: int, line: str, chains: dict, order: list, builtins, text: str = "") -> None:
        loc = Location(self.file, number, number, text or line)
        parts = line[1:].split()
        if not parts:
            self.dev.warn(loc, "chain line without a name")
            return
        name = parts[0]
        policy = parts[1] if len(parts) > 1 else "-"
        counters = None
        if len(parts) > 2:
            m = _COUNTERS.match(parts[2])
            if m:
                counters = (int(m.group(1)), int(m.group(2)))
        self.recognised += 1
        if name in chains:
            filt = chains[name]
            if policy != "-" and filt.is_base:
                self.set_policy(filt, policy, loc)
            return
        base = policy != "-"
        if base and name not in builtins:
            self.dev.warn(loc, f"{name} is not a built-in chain of table {b.table}: a policy is ignored")
            base = False
        if not base and name in builtins:
            base, policy = True, "ACCEPT"
        filt = self.new_chain(b, name, base, policy, loc)
        if counters:
            filt.extra["packets"], filt.extra["bytes"] = counters
        chains[name] = filt
        order.append(name)

    def new_chain(self, b: _Block, chain: str, base: bool, policy: str, loc: Location, explicit: bool = True) -> Filter:
        name = self.fname(b, chain)
        hook = HOOKS.get(chain) if base else None
        if base:
            prio = NAT_PRIORITY.get(hook or "", 0) if b.table == "nat" else TABLE_PRIORITY.get(b.table, 0)
        else:
            prio = 0
        filt = Filter(
            name=name, kind="chain", loc=loc, family=b.family, is_base=base, hook=hook, priority=prio,
            table=b.table, default_explicit=base and explicit,
        )
        filt.extra["table"] = b.table
        filt.extra["chain"] = chain
        if base:
            self.set_policy(filt, policy, loc)
            if not explicit:
                filt.default_note = f"built-in chain {chain} without a policy line: ACCEPT, the kernel default"
        else:
            filt.default_action = RETURN
            filt.default_note = "a user chain returns to the chain that jumped to it at its end"
            filt.extra["user_chain"] = True
            self.dev.define("chain", name, loc)
        return filt

    def set_policy(self, filt: Filter, policy: str, loc: Location) -> None:
        if policy == "ACCEPT":
            filt.default_action = PERMIT
        elif policy == "DROP":
            filt.default_action = DENY
        else:
            self.dev.warn(loc, f"chain policy '{policy}' not understood (ACCEPT or DROP): taken as ACCEPT")
            filt.default_action = PERMIT
        filt.default_note = f"chain policy {policy}"
        filt.extra["policy"] = policy
        filt.default_loc = loc

    # ------------------------------------------------------------------ one rule

    def rule(self, b: _Block, filt: Filter, tokens: list[str], quoted: set[int], start: int,
             loc: Location, chains: dict[str, Filter], builtins) -> Rule | None:
        c = Conditions()
        extra: dict[str, Any] = {}
        unmodelled: list[tuple[str, str]] = []  # (match module, option as written)
        remarks: list[str] = []
        family = b.family
        target: str | None = None
        jump_kind = ""
        target_opts: list[str] = []
        time_parts: list[str] = []
        module = ""
        n = len(tokens)
        i = start
        warned_modules: set[str] = set()
        in_target = False

        # 1 = an option, 2 = '!', 0 = a value
        flags = [(1 if (t[1:2] and t[0] == "-" and (not t[1].isdigit() or t in ("-4", "-6"))) else 2 if t == "!" else 0)
                 for t in tokens]
        for k in quoted:
            flags[k] = 0

        while i < n:
            tok = tokens[i]
            neg = False
            if flags[i] == 2:
                neg = True
                i += 1
                if i >= n:
                    self.dev.warn(loc, "'!' at the end of the rule")
                    break
                tok = tokens[i]
            if flags[i] != 1:
                self.dev.warn(loc, f"word not understood: {tok}")
                unmodelled.append(("", tok))
                c.narrowing.append(tok)
                i += 1
                continue
            opt = tok
            i += 1
            if i < n and flags[i] == 2 and i + 1 < n and not flags[i + 1]:  # old style: --dport ! 22
                neg = not neg
                i += 1
            j = i
            while j < n and not flags[j]:
                j += 1
            vals = tokens[i:j]
            i = j
            if in_target and opt not in BASE_OPTIONS:
                target_opts.append(" ".join([("! " if neg else "") + opt] + [_q(v) for v in vals]))
                continue
            in_target = False
            # The most frequent options, inline (hot path).
            if opt == "-p" and len(vals) == 1 and vals[0] in _SIMPLE_PROTOS:
                c.add_protos(_SIMPLE_PROTOS[vals[0]], neg, "!" + vals[0] if neg else "")
                continue
            if opt == "-m" and len(vals) == 1 and vals[0] in KNOWN_MODULES:
                module = vals[0]
                continue
            try:
                module = self.option(opt, vals, neg, c, module, family, loc, extra, unmodelled, remarks,
                                     time_parts, warned_modules)
            except _Target as t:
                if target is not None:
                    self.dev.warn(loc, f"second target {t.name}: only the first ({target}) is kept")
                else:
                    target, jump_kind = t.name, t.kind
                in_target = True
                module = ""
            except ValueError as exc:
                self.dev.warn(loc, f"{opt} {' '.join(vals)}: {exc}")
                unmodelled.append((module, f"{opt} {' '.join(vals)}".strip()))
                c.narrowing.append(opt)
                if opt in BASE_OPTIONS and BASE_OPTIONS[opt] in ("src", "dst"):
                    side = BASE_OPTIONS[opt]
                    c.add_addr(side, (), neg, (" ".join(vals),), (" ".join(vals),))
            except _Skip:
                return None
        # ---- the action
        action = CONTINUE
        vendor_action = ""
        log = False
        jump = None
        if target is None:
            vendor_action = ""
        elif jump_kind == "goto" or target in chains or (target not in _ALL_TARGETS and not target_opts):
            fname = self.fname(b, target)
            vendor_action = target
            if target in builtins or target in ("ACCEPT", "DROP", "REJECT", "RETURN"):
                self.dev.warn(loc, f"cannot {jump_kind or 'jump'} to built-in chain or verdict {target}")
            action = GOTO if jump_kind == "goto" else JUMP
            jump = fname
            self.dev.refer("chain", fname, loc, f"{'goto' if action == GOTO else 'jump'} from {filt.name}")
        else:
            vendor_action = target
            if target == "ACCEPT":
                action = PERMIT
            elif target in ("DROP", "REJECT"):
                action = DENY
            elif target == "RETURN":
                action = RETURN
            elif target in QUEUE_TARGETS:
                action = PERMIT
                c.notes.append(f"{target}: a userspace program decides the verdict (taken as accept)")
            elif target in LOG_TARGETS:
                log = True
            elif target in CONTINUE_TARGETS:
                pass
            else:
                self.dev.warn(loc, f"target not understood: {target}")
                c.notes.append(f"target {target} not understood (taken as non-terminating)")
            if target_opts:
                extra["target_options"] = " ".join(target_opts)
            self.target_extra(target, target_opts, extra)
        if target is not None:
            extra["target"] = target
        if unmodelled:
            extra["unmodelled"] = [t or f"-m {m}" for m, t in unmodelled]
            groups: dict[str, list[str]] = {}
            for m, t in unmodelled:
                groups.setdefault(m, []).append(t)
            for m, texts in groups.items():
                c.notes.append(" ".join(([f"-m {m}"] if m else []) + [t for t in texts if t]) + " not modelled")
        return self.make_rule(c, action, vendor_action, jump, log, remarks, time_parts, extra, loc, filt, family)

    def option(self, opt, vals, neg, c: Conditions, module, family, loc, extra, unmodelled, remarks, time_parts,
               warned_modules) -> str:
        """Apply one option; returns the current match module."""
        kind = BASE_OPTIONS.get(opt)
        if kind is not None:
            if kind == "jump" or kind == "goto":
                if len(vals) != 1:
                    raise ValueError("expects one target")
                raise _Target(vals[0], kind)
            if kind == "match":
                if len(vals) != 1:
                    raise ValueError("expects one match name")
                mod = vals[0].lower()
                if mod not in KNOWN_MODULES and mod not in warned_modules:
                    warned_modules.add(mod)
                    self.dev.warn(loc, f"match not understood: -m {vals[0]}")
                    unmodelled.append((mod, ""))
                    c.narrowing.append(f"-m {vals[0]}")
                return mod
            if kind in ("src", "dst"):
                self.addr_option(kind, vals, neg, c, family, loc, extra)
            elif kind == "proto":
                self.proto_option(vals, neg, c)
            elif kind in ("in", "out"):
                if len(vals) != 1:
                    raise ValueError("expects one interface")
                self.iface_option(kind, vals[0], neg, c, loc)
            elif kind == "frag":
                text = ("! " if neg else "") + "-f"
                unmodelled.append(("", text + " (fragments)"))
                c.narrowing.append(text)
            elif kind == "counters":
                if len(vals) == 2 and all(v.isdigit() for v in vals):
                    extra["packets"], extra["bytes"] = int(vals[0]), int(vals[1])
                    self.counters = True
                else:
                    raise ValueError("expects packet and byte counts")
            elif kind == "ipv4":
                if family == 6:
                    raise _Skip()
            elif kind == "ipv6":
                if family == 4:
                    raise _Skip()
            return module
        name = opt
        # ---- ports
        if name in ("--dport", "--destination-port", "--sport", "--source-port"):
            self.need_one(vals)
            side = "dst" if name in ("--dport", "--destination-port") else "src"
            c.add_ports(side, parse_ports(vals[0]), neg)
            return module
        if name in ("--dports", "--destination-ports", "--sports", "--source-ports", "--ports"):
            self.need_one(vals)
            ranges = parse_ports(vals[0])
            count = sum(2 if ":" in part else 1 for part in vals[0].split(","))
            if count > 15:
                self.dev.warn(loc, f"multiport lists more than 15 ports ({vals[0]}): iptables refuses this rule")
            if name == "--ports":
                c.either.append((ranges, neg))
            else:
                side = "dst" if name in ("--dports", "--destination-ports") else "src"
                c.add_ports(side, ranges, neg)
            return module
        if name in ("--src-range", "--dst-range"):
            self.need_one(vals)
            item = parse_address(vals[0])
            if family and item.family != family:
                self.dev.warn(loc, f"{vals[0]} is not an IPv{family} range: the rule matches nothing on that side")
            c.add_addr("src" if name == "--src-range" else "dst", (item,), neg)
            return module
        if name in ("--state", "--ctstate"):
            self.need_one(vals)
            states = {s for s in vals[0].split(",") if s}
            est, nothing, note = ct_states(states, neg)
            extra["ct_state"] = ("!" if neg else "") + vals[0]
            self.dev.stateful = True
            if note:
                c.notes.append(note)
            if nothing:
                c.nothing = c.nothing or note
            else:
                c.set_established(est)
            return module
        if name in ("--icmp-type", "--icmpv6-type"):
            self.need_one(vals)
            table = ICMP6_NAMES if name == "--icmpv6-type" or family == 6 else ICMP4_NAMES
            if vals[0] == "any":
                c.add_protos({58 if table is ICMP6_NAMES else 1}, False)
                return module
            c.add_icmp([self.icmp_value(vals[0], table)], neg)
            return module
        if name == "--comment":
            self.need_one(vals)
            remarks.append(vals[0])
            return module
        if name == "--syn":
            c.set_established(neg)  # --syn: a new connection's first packet
            c.notes.append(("! --syn" if neg else "--syn") + " read as " + ("an established" if neg else "a new")
                           + " connection's packet")
            return module
        if name == "--match-set":
            if len(vals) < 2:
                raise ValueError("expects a set name and src/dst flags")
            set_name, flags = vals[0], vals[1]
            first = flags.split(",")[0]
            side = "src" if first == "src" else "dst"
            label = f"ipset:{set_name}"
            c.add_addr(side, (), neg, (label,), (label,))
            c.narrowing.append(label)  # a deny on an ipset is taken to match nothing (also when negated)
            extra.setdefault("ipsets", []).append(("! " if neg else "") + f"{set_name} {flags}")
            self.dev.refer("external-ipset", set_name, loc, "mentioned")
            c.notes.append(f"ipset {set_name} lives outside the ruleset ({'not ' if neg else ''}in set, {flags})")
            return module
        if name in ("--datestart", "--datestop", "--timestart", "--timestop", "--weekdays", "--monthdays",
                    "--kerneltz", "--utc", "--localtz", "--contiguous") and module in ("time", ""):
            text = (("! " if neg else "") + name[2:] + (" " + " ".join(vals) if vals else "")).strip()
            time_parts.append(text)
            if name == "--datestop" and vals:
                try:
                    stop = date.fromisoformat(vals[0][:10])
                    if stop < self.today:
                        extra["time_expired"] = True
                except ValueError:
                    pass
            return module
        # ---- recognised but not modelled
        text = " ".join([("! " if neg else "") + name] + [_q(v) for v in vals])
        if module and module not in KNOWN_MODULES:
            unmodelled.append((module, text))  # the unknown module was warned about already
            return module
        allowed = MODULE_OPTIONS.get(module)
        if not (name in PROTO_OPTIONS or (module in KNOWN_MODULES and (allowed is None or name in allowed))):
            self.dev.warn(loc, f"option not understood: {name}")
        unmodelled.append((module, text))
        c.narrowing.append(text)
        return module

    @staticmethod
    def need_one(vals: list[str]) -> None:
        if len(vals) != 1:
            raise ValueError("expects one value" if not vals else f"unexpected words {' '.join(vals[1:])}")

    def icmp_value(self, text: str, table) -> tuple[int, int | None]:
        if text in table:
            return table[text]
        t, _, code = text.partition("/")
        if t.isdigit() and int(t) < 256 and (not code or (code.isdigit() and int(code) < 256)):
            return int(t), int(code) if code else None
        raise ValueError(f"unknown ICMP type '{text}'")

    def addr_option(self, side: str, vals: list[str], neg: bool, c: Conditions, family, loc, extra) -> None:
        self.need_one(vals)
        parts = [p for p in vals[0].split(",") if p]
        items = []
        unresolved = []
        for p in parts:
            try:
                item = parse_address(p)
            except ValueError:
                unresolved.append(p)
                if not _HOSTNAME_RE.match(p):
                    self.dev.warn(loc, f"address not understood: {p}")
                # else a host name: iptables resolved it when the rule was loaded
                continue
            if family and item.family != family:
                self.dev.warn(loc, f"{p} is not an IPv{family} address: the rule matches nothing on that side")
                continue
            items.append(item)
        if unresolved:
            c.notes.append(f"{side} names {', '.join(unresolved)} (a host name or an unreadable address)")
        if neg and len(items) > 1:
            # `! -s a,b` is one rule per address: together they match whatever is
            # outside the addresses common to all of them.
            common = None
            for it in items:
                iv = [(it.first, it.last)]
                common = iv if common is None else _intersect(common, iv)
            fam = items[0].family
            extra["note"] = (f"'! {'-s' if side == 'src' else '-d'} {vals[0]}' expands to one rule per address; "
                             "together they match every address not common to all of them")
            if common:
                c.add_addr(side, tuple(AddressRange(fam, lo, hi) for lo, hi in common), True)
            # nothing common: every address (no condition on this side)
            return
        c.add_addr(side, tuple(items), neg, tuple(unresolved), tuple(unresolved))
        if not items and not unresolved:
            c.nothing = c.nothing or f"no {side} address of the rule's family"

    def proto_option(self, vals: list[str], neg: bool, c: Conditions) -> None:
        self.need_one(vals)
        word = vals[0].lower()
        if word in PROTOCOLS:
            p = PROTOCOLS[word]
        elif word.isdigit() and int(word) < 256:
            p = int(word) or None
        else:
            raise ValueError(f"unknown protocol '{vals[0]}'")
        c.add_protos(None if p is None else {p}, neg, ("!" if neg else "") + word if neg else "")

    def iface_option(self, kind: str, name: str, neg: bool, c: Conditions, loc: Location) -> None:
        if name.endswith("+"):
            self.patterns.add(name)
            if name == "+":
                if neg:
                    c.nothing = c.nothing or "'! -i +' matches no interface"
                return
            c.notes.append(f"interface wildcard {name} (matches every interface named {name[:-1]}...)")
        else:
            self.iface(name, loc)
        c.set_iface(kind, (name,), neg)

    def iface(self, name: str, loc: Location) -> None:
        if name not in self.ifaces:
            iface = Interface(name=name, loc=loc)
            self.ifaces[name] = iface
            self.dev.interfaces.append(iface)

    def target_extra(self, target: str, opts: list[str], extra: dict) -> None:
        for opt in opts:
            key, _, value = opt.partition(" ")
            value = value.strip()
            if key == "--reject-with":
                extra["reject_with"] = value
            elif key in ("--log-prefix", "--nflog-prefix", "--ulog-prefix"):
                extra["log_prefix"] = _unq(value)
            elif key == "--log-level":
                extra["log_level"] = value
            elif key in ("--to-destination", "--to-source", "--to-ports", "--to"):
                extra["nat_to"] = value

    def make_rule(self, c: Conditions, action, vendor_action, jump, log, remarks, time_parts, extra, loc,
                  filt: Filter, family) -> Rule:
        src = c.addresses("src", family)
        dst = c.addresses("dst", family)
        key = (c.protos, tuple(map(tuple, c.dports)), tuple(map(tuple, c.sports)),
               tuple((tuple(r), n) for r, n in c.either), tuple(c.icmp) if c.icmp is not None else None,
               c.icmp_neg, family, c.th)
        services = self.svc_memo.get(key)
        if services is None:
            services = c.services(family)
            if len(self.svc_memo) < 50_000:
                self.svc_memo[key] = services
        notes = c.notes
        if time_parts:
            text = " ".join(time_parts)
            extra["time"] = text
            notes = notes + [f"time window '{text}' not modelled (the rule is taken as always active)"]
            c.narrowing.append("time")
        if c.nothing:
            if c.nothing not in notes:
                notes = notes + [c.nothing]
            extra["services_as_written"] = [s.describe() for s in services]
            services = ()
        elif c.narrowing and action == DENY:
            notes = notes + ["a deny limited by conditions the model does not have is taken to match nothing"]
            extra["services_as_written"] = [s.describe() for s in services]
            services = ()
        rule = Rule(
            action=action, src=src, dst=dst, services=services, loc=loc, family=family,
            vendor_action=vendor_action, remark="; ".join(remarks), log=log,
            established=c.established, jump=jump,
            in_interfaces=c.in_ifs, out_interfaces=c.out_ifs,
            in_interfaces_negated=c.in_neg, out_interfaces_negated=c.out_neg,
            approximations=tuple(dict.fromkeys(notes)), extra=extra,
        )
        if c.proto_label:
            rule.service_names = (c.proto_label,)
        if time_parts:
            rule.time_range = extra["time"]
            if extra.get("time_expired"):
                rule.time_range_expired = True
        if vendor_action in NAT_TARGETS:
            self.nat.append({
                "line": loc.line, "filter": filt.name, "target": vendor_action, "to": extra.get("nat_to"),
                "in_interface": ",".join(c.in_ifs) if c.in_ifs else None,
                "out_interface": ",".join(c.out_ifs) if c.out_ifs else None,
                "src": src.describe(), "dst": dst.describe(), "services": rule.describe_services(),
            })
        return rule

    # ------------------------------------------------------------------ finishing

    def finish(self) -> None:
        dev = self.dev
        if not dev.hostname:
            dev.hostname = PurePath(self.file).stem or "linux"
        # Interface wildcards also match the interfaces the file names.
        if self.patterns:
            names = list(self.ifaces)
            for filt in dev.filters.values():
                for rule in filt.rules:
                    for attr in ("in_interfaces", "out_interfaces"):
                        value = getattr(rule, attr)
                        if value and any(v.endswith("+") for v in value):
                            extra = []
                            for v in value:
                                if v.endswith("+"):
                                    extra.extend(n for n in names if n.startswith(v[:-1]) and n not in value)
                            if extra:
                                setattr(rule, attr, tuple(dict.fromkeys(value + tuple(extra))))
            self.facts["interface_patterns"] = sorted(self.patterns)
        hooks: dict[str, dict[str, list[tuple[int, int, str]]]] = {}
        for idx, filt in enumerate(dev.filters.values()):
            if filt.is_base and filt.hook:
                hooks.setdefault(str(filt.family), {}).setdefault(filt.hook, []).append((filt.priority, idx, filt.name))
        self.facts["iptables_hooks"] = {
            fam: {hook: [name for _, _, name in sorted(items)] for hook, items in by_hook.items()}
            for fam, by_hook in hooks.items()
        }
        if self.nat:
            self.facts["nat"] = self.nat
        if self.counters:
            self.facts["counters"] = True
        dev.line_count = self.text.count("\n") + (0 if self.text.endswith("\n") else 1)
        dev.parse_warnings.sort(key=lambda pw: pw.loc.line)


class _Target(Exception):
    def __init__(self, name: str, kind: str):
        self.name = name
        self.kind = kind


class _Skip(Exception):
    """A rule for the other family (-4 in ip6tables, -6 in iptables): not loaded."""


_ALL_TARGETS = frozenset({"ACCEPT", "DROP", "REJECT", "RETURN"}) | CONTINUE_TARGETS | LOG_TARGETS | QUEUE_TARGETS


def _q(value: str) -> str:
    return f'"{value}"' if (not value or " " in value) else value


def _unq(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value
