"""Machinery shared by the Cisco NX-OS (`parsers.cisco_nxos`) and Arista EOS
(`parsers.arista_eos`) parsers.

Both platforms print an indentation-structured running-config close to IOS, with
numbered ACL entries in prefix notation. What is common lives here: address and
port parsing (memoised), the ACE reader driven by per-vendor keyword tables, ACL
sequence ordering and remarks, object-group resolution, interface/VLAN/route
helpers, banners, secret storage and redaction, the main loop with per-line error
boundaries, and the "mentioned" safety net. Everything vendor-specific (keyword
tables, defaults, command handlers) stays in the vendor modules, which subclass
`BaseRun`.

Nothing here imports the IOS parser; no regular expression runs per ACL token.
"""

from __future__ import annotations

import gc
import ipaddress
import re
import socket
from pathlib import PurePath
from typing import Any, Callable

from netlint.model import (
    ANY_SERVICE, DENY, PERMIT,
    AddressRange, AddressSet, AddressWildcard, Device, Filter, Interface, InterfaceAddress, Location,
    ParseError, Rule, Secret, Service, Vlan, port_ranges_not,
)

from .common import ConfigLine, indented_tree, newline_only

_inet_pton = socket.inet_pton
_AF_INET = socket.AF_INET

PORT_OPS = frozenset({"eq", "neq", "lt", "gt", "range"})
TCP_FLAGS = frozenset({"ack", "fin", "psh", "rst", "syn", "urg"})

# ICMP message names shared by NX-OS and EOS (IPv4) -> (type, code or None).
ICMP_V4: dict[str, tuple[int, int | None]] = {
    "echo-reply": (0, None), "unreachable": (3, None), "net-unreachable": (3, 0),
    "host-unreachable": (3, 1), "protocol-unreachable": (3, 2), "port-unreachable": (3, 3),
    "packet-too-big": (3, 4), "source-route-failed": (3, 5), "network-unknown": (3, 6),
    "host-unknown": (3, 7), "host-isolated": (3, 8), "dod-net-prohibited": (3, 9),
    "dod-host-prohibited": (3, 10), "net-tos-unreachable": (3, 11), "host-tos-unreachable": (3, 12),
    "administratively-prohibited": (3, 13), "host-precedence-unreachable": (3, 14),
    "precedence-unreachable": (3, 15), "source-quench": (4, None), "redirect": (5, None),
    "net-redirect": (5, 0), "host-redirect": (5, 1), "net-tos-redirect": (5, 2),
    "host-tos-redirect": (5, 3), "alternate-address": (6, None), "echo": (8, None),
    "router-advertisement": (9, None), "router-solicitation": (10, None), "time-exceeded": (11, None),
    "ttl-exceeded": (11, 0), "reassembly-timeout": (11, 1), "parameter-problem": (12, None),
    "general-parameter-problem": (12, 0), "option-missing": (12, 1), "no-room-for-option": (12, 2),
    "timestamp-request": (13, None), "timestamp-reply": (14, None), "information-request": (15, None),
    "information-reply": (16, None), "mask-request": (17, None), "mask-reply": (18, None),
    "traceroute": (30, None), "conversion-error": (31, None), "mobile-redirect": (32, None),
}

# Hash prefixes of crypt(3) strings -> model storage kinds.
HASH_PREFIXES = {"$1$": "md5", "$5$": "sha256", "$6$": "sha512", "$8$": "pbkdf2", "$2a$": "bcrypt",
                 "$2b$": "bcrypt", "$2y$": "bcrypt", "$7$": "scrypt"}

_STORAGE_RANK = {"plaintext": 0, "reversible": 1, "md5": 2, "hash": 3, "unknown": 4, "sha256": 5,
                 "sha512": 6, "pbkdf2": 7, "bcrypt": 8, "scrypt": 9}


_IFACE_RANGE = re.compile(r"\d-\d+$")  # Ethernet1/1-4: a range, not one interface


class Bad(Exception):
    """A malformed line; the message names what is wrong."""


Handler = Callable[[ConfigLine, list[str], bool], None]


# --------------------------------------------------------------------------- small helpers


def merge_ranges(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    if not ranges:
        return ()
    ranges = sorted(ranges)
    out = [ranges[0]]
    for lo, hi in ranges[1:]:
        plo, phi = out[-1]
        if lo <= phi + 1:
            if hi > phi:
                out[-1] = (plo, hi)
        else:
            out.append((lo, hi))
    return tuple(out)


def vlan_list(text: str) -> list[int]:
    """'10,20-30' -> [10, 20, ..., 30]."""
    out: list[int] = []
    for part in text.split(","):
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            if not (a.isdigit() and b.isdigit()):
                raise Bad(f"bad VLAN range '{part}'")
            lo, hi = int(a), int(b)
            if lo > hi or hi > 4094 or lo < 1:
                raise Bad(f"bad VLAN range '{part}'")
            out.extend(range(lo, hi + 1))
        else:
            if not part.isdigit():
                raise Bad(f"bad VLAN id '{part}'")
            v = int(part)
            if not 1 <= v <= 4094:
                raise Bad(f"bad VLAN id '{part}'")
            out.append(v)
    return out


def is_v4(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 4 and all(p.isdigit() and p.isascii() and int(p) <= 255 for p in parts)


def is_ip(text: str) -> bool:
    if is_v4(text):
        return True
    if ":" in text and "/" not in text:
        try:
            ipaddress.IPv6Address(text)
            return True
        except ValueError:
            return False
    return False


def mask_len(mask: int) -> int | None:
    """Prefix length of a contiguous IPv4 subnet mask, else None."""
    inv = 0xFFFFFFFF & ~mask
    if (inv + 1) & inv:
        return None
    return 32 - inv.bit_length()


def hash_storage(value: str) -> str | None:
    """Storage kind of a crypt(3) string ('$6$...' -> 'sha512'), None when not one."""
    if value.startswith("$"):
        for prefix, kind in HASH_PREFIXES.items():
            if value.startswith(prefix):
                return kind
        return "hash"
    return None


def weakest(secrets: list[Secret]) -> Secret | None:
    if not secrets:
        return None
    return min(secrets, key=lambda s: _STORAGE_RANK.get(s.storage, 4))


def unquote(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def method_list(words: list[str]) -> list[str]:
    """AAA methods: 'group A B local' -> ['group A', 'group B', 'local'] (NX-OS lists
    several groups after one 'group'; EOS repeats 'group')."""
    methods: list[str] = []
    in_group = False
    for w in words:
        if w == "group":
            in_group = True
            continue
        if w in ("local", "none", "logging", "start-stop", "stop-only", "if-authenticated", "enable",
                 "line", "console", "default"):
            in_group = False
            if w not in ("default",):
                methods.append(w)
            continue
        if in_group:
            methods.append("group " + w)
        else:
            methods.append(w)
    return methods


# --------------------------------------------------------------------------- redaction

_MAYBE_SECRET = re.compile(r"pass|secret|key|communit|snmp|auth|priv|\$\d|md5|sha")  # on lower()
_Q = r'("[^"]*"|\S+)'
_AUTH_KEY = re.compile(
    r"(\b(?:authentication-key|message-digest-key)\s+(?:\d+\s+)?(?:(?:md5|sha1|sha256|sha512|text)\s+)?"
    r"(?:\d\s+(?=\S))?)" + _Q, re.I)
_PASSWORD = re.compile(
    r"(\b(?:password|secret)\s+(?!strength-check\b|secure-mode\b|encryption\b|minimum\b|maximum\b|policy\b|"
    r"lifetime\b|prompt\b|history\b|reuse\b|<redacted>)(?:(?:\d{1,2}|sha512|sha256|md5|encrypted|clear)\s+(?=\S))?)"
    + _Q, re.I)
_KEY_STRING = re.compile(r"(\bkey-string\s+(?:\d\s+(?=\S))?)" + _Q, re.I)
_SERVER_KEY = re.compile(r"(\bkey\s+(?:[0-9]\s+(?=\S))?)" + _Q, re.I)
_COMMUNITY = re.compile(r"(\bcommunity\s+)(\S+)", re.I)
_SNMP_USER = re.compile(
    r"(\b(?:auth|priv)\s+(?:(?:md5|sha(?:-?\d+)?|des|3des|aes(?:-?\d+)?|aes192|aes256)\s+)?)"
    r"(?!(?:md5|sha|aes|des)\b)(\S+)",
    re.I)
_HSRP_TEXT = re.compile(r"(\bauthentication\s+text\s+)(\S+)", re.I)
_KEEP = frozenset({"public", "private"})


def _sub_keep(m: re.Match[str]) -> str:
    value = m.group(2)
    if value.strip('"').lower() in _KEEP:
        return m.group(0)
    return m.group(1) + "<redacted>"


def _sub(m: re.Match[str]) -> str:
    return m.group(1) + "<redacted>"


def redact_snmp_host(text: str) -> str:
    """snmp-server host A [vrf V] [informs|traps] [version 1|2c|3 [auth|noauth|priv]] COMMUNITY ..."""
    words = text.split()
    i = 3
    n = len(words)
    v3 = False
    while i < n:
        w = words[i]
        if w in ("vrf", "use-vrf", "filter-vrf", "source-interface", "udp-port"):
            i += 2
        elif w in ("informs", "traps"):
            i += 1
        elif w == "version" and i + 1 < n:
            v3 = words[i + 1] == "3"
            i += 3 if v3 else 2
        else:
            break
    if i < n and not v3 and words[i].lower() not in _KEEP:
        words[i] = "<redacted>"
    indent = text[: len(text) - len(text.lstrip())]
    return indent + " ".join(words)


def redact_line(text: str) -> str:
    """Replace secret values with <redacted>, keeping the keywords and well-known
    communities (public, private) that checks name. Fast path for lines that cannot
    hold a secret (the vast majority: ACL entries)."""
    low = text.lower()
    if not _MAYBE_SECRET.search(low):
        return text
    stripped = low.lstrip()
    if stripped.startswith("snmp-server host "):
        return redact_snmp_host(text)
    if stripped.startswith("snmp-server user "):
        text = _SNMP_USER.sub(_sub, text)
    if "authentication-key" in low or "message-digest-key" in low:
        text = _AUTH_KEY.sub(_sub, text)
    if "password" in low or "secret" in low:
        text = _PASSWORD.sub(_sub, text)
    if "key-string" in low:
        text = _KEY_STRING.sub(_sub, text)
    if ("tacacs" in low or "radius" in low or stripped.startswith("server ")) and " key " in low:
        text = _SERVER_KEY.sub(_sub, text)
    if "community" in low:
        text = _COMMUNITY.sub(_sub_keep, text)
    if "authentication text" in low:
        text = _HSRP_TEXT.sub(_sub, text)
    return text


# --------------------------------------------------------------------------- object-groups


class Group:
    """An NX-OS object-group (address or port), resolved on first use."""

    __slots__ = ("kind", "family", "name", "nodes", "loc", "items", "filled", "description")

    def __init__(self, kind: str, family: int, name: str, node: ConfigLine, loc: Location) -> None:
        self.kind = kind  # 'address-group' | 'service-group'
        self.family = family
        self.name = name
        self.nodes = [node]
        self.loc = loc
        self.items: list[Any] = []  # address items, or port-range tuples ('none' never stored)
        self.filled = False
        self.description = ""


# --------------------------------------------------------------------------- the base run




class BaseRun:
    """One parse of one file. Subclasses set the class attributes below and fill
    `self.top` with handlers for top-level commands."""

    VENDOR = ""
    LABEL = ""  # "NX-OS" / "EOS", used in messages
    PROTOCOLS_V4: dict[str, int | None] = {}
    PROTOCOLS_V6: dict[str, int | None] = {}
    TCP_PORTS: dict[str, int] = {}
    UDP_PORTS: dict[str, int] = {}
    ICMP_V6: dict[str, tuple[int, int | None]] = {}
    IMPLICIT_DENY_NOTE = ""
    IMPLICIT_DENY_NOTE_V6 = ""
    EMPTY_ACL_PERMITS = False
    EMPTY_ACL_NOTE = ""
    RECOGNISED_TOP: frozenset[str] = frozenset()
    LEAF_COMMANDS: frozenset[str] = frozenset()
    HAS_ADDRGROUPS = False

    def __init__(self, text: str, file: str) -> None:
        text = newline_only(text)
        self.text = text
        self.file = file
        self.lines = text.splitlines()
        self.device = Device(hostname="", vendor=self.VENDOR, file=file)
        self.mgmt = self.device.management
        self.understood = 0
        self.other_statements = 0  # understood lines that are not ACLs/object-groups/prefix-lists
        self.skip_until = 0
        self.skip_ranges: list[tuple[int, int]] = []  # banner bodies: never 'mentions'
        self._v4cache: dict[str, int] = {}
        self._wcache: dict[tuple[str, str], Any] = {}
        self._v6cache: dict[str, AddressRange] = {}
        self._cidrcache: dict[str, AddressRange] = {}
        self._svccache: dict[tuple, Service] = {}
        self.groups: dict[str, Group] = {}
        self._group_family: dict[tuple[str, int], tuple[tuple, tuple[str, ...]]] = {}
        # ACL bookkeeping: entries are (seq or None, Rule | remark text)
        self.acl_entries: dict[str, list[tuple[int | None, Any, Location]]] = {}
        self.acl_entry_lines: dict[str, int] = {}
        self.acl_spans: dict[str, list[tuple[int, int]]] = {}
        self.prefix_lists: dict[str, list[int]] = {}
        self.vlan_index: dict[int, Vlan] = {}
        self.iface_state: dict[str, dict[str, Any]] = {}
        self.top: dict[str, Handler] = {}

    # ------------------------------------------------------------------ basics

    def loc(self, node: ConfigLine, block: bool = False) -> Location:
        end = node.end_number if block and node.children else node.number
        return Location(self.file, node.number, end, redact_line(node.text.strip()))

    def warn(self, node: ConfigLine, message: str = "line not understood") -> None:
        self.device.warn(self.loc(node), message)

    def v4(self, text: str) -> int:
        try:
            return self._v4cache[text]
        except KeyError:
            pass
        try:
            value = int.from_bytes(_inet_pton(_AF_INET, text), "big")
        except (OSError, ValueError):
            raise Bad(f"bad IPv4 address '{text}'") from None
        self._v4cache[text] = value
        return value

    def wildcard(self, address: str, wild: str) -> AddressRange | AddressWildcard:
        key = (address, wild)
        item = self._wcache.get(key)
        if item is None:
            a = self.v4(address)
            try:
                w = self.v4(wild)
            except Bad:
                raise Bad(f"bad wildcard mask '{wild}'") from None
            care = 0xFFFFFFFF & ~w
            value = a & care
            if (w + 1) & w == 0:
                item = AddressRange(4, value, value | w)
            else:
                item = AddressWildcard(4, value, care)
            self._wcache[key] = item
        return item

    def v4cidr(self, text: str) -> AddressRange:
        item = self._cidrcache.get(text)
        if item is None:
            addr, _, plen_s = text.partition("/")
            a = self.v4(addr)
            if not plen_s.isdigit() or int(plen_s) > 32:
                raise Bad(f"bad prefix length in '{text}'")
            size = 1 << (32 - int(plen_s))
            first = a & ~(size - 1) & 0xFFFFFFFF
            item = AddressRange(4, first, first + size - 1)
            self._cidrcache[text] = item
        return item

    def subnet(self, address: str, mask: str) -> AddressRange:
        a = self.v4(address)
        try:
            m = self.v4(mask)
        except Bad:
            raise Bad(f"bad subnet mask '{mask}'") from None
        plen = mask_len(m)
        if plen is None:
            raise Bad(f"bad subnet mask '{mask}' (not contiguous)")
        size = 1 << (32 - plen)
        first = a & ~(size - 1) & 0xFFFFFFFF
        return AddressRange(4, first, first + size - 1)

    def v6net(self, text: str) -> AddressRange:
        item = self._v6cache.get(text)
        if item is None:
            try:
                if "/" in text:
                    net = ipaddress.IPv6Network(text, strict=False)
                    item = AddressRange(6, int(net.network_address), int(net.broadcast_address))
                else:
                    ip = int(ipaddress.IPv6Address(text))
                    item = AddressRange(6, ip, ip)
            except ValueError:
                raise Bad(f"bad IPv6 address or prefix '{text}'") from None
            self._v6cache[text] = item
        return item

    def prefix(self, text: str) -> AddressRange:
        """'10.0.0.0/8' or '2001:db8::/32' -> range."""
        if ":" in text:
            return self.v6net(text)
        return self.v4cidr(text)

    def service(self, proto: int | None, sports: tuple = (), dports: tuple = (),
                itype: int | None = None, icode: int | None = None) -> Service:
        key = (proto, sports, dports, itype, icode)
        svc = self._svccache.get(key)
        if svc is None:
            svc = Service(protocol=proto, src_ports=sports, dst_ports=dports, icmp_type=itype, icmp_code=icode)
            self._svccache[key] = svc
        return svc

    def secret(self, type_word: str | None, value: str, types: dict[str, str]) -> Secret:
        """A Secret from a 'TYPE VALUE' pair; the value's crypt prefix wins over the type."""
        value = unquote(value)
        storage = hash_storage(value)
        if storage is None:
            storage = types.get(type_word, "unknown") if type_word is not None else "plaintext"
        if storage == "plaintext":
            return Secret.from_value(value, "plaintext")
        return Secret(storage=storage)

    # ------------------------------------------------------------------ main loop

    def parse(self) -> Device:
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self.run()
        finally:
            if gc_was_enabled:
                gc.enable()

    def run(self) -> Device:
        self.read_header()
        roots = indented_tree(self.text)
        self.prescan(roots)
        top = self.top
        recognised = self.RECOGNISED_TOP
        for node in roots:
            if node.number <= self.skip_until:
                continue
            words = node.text.split()
            first = words[0]
            handler = top.get(first)
            last = words[-1][-1]
            try:
                if last in "{}" or (last == ";" and len(words) > 1):
                    self.warn(node, f"line not understood (not {self.LABEL} syntax)")
                elif handler is not None:
                    handler(node, words, False)
                    self.understood += 1
                    if not (first == "object-group" or (len(words) > 2 and first in ("ip", "ipv6", "mac")
                                                        and words[1] in ("access-list", "prefix-list"))):
                        self.other_statements += 1
                    if node.children and first in self.LEAF_COMMANDS:
                        self.stray_children(node)
                elif first in recognised or self.prompt_line(words):
                    self.understood += 1
                    self.other_statements += 1
                else:
                    self.warn(node)
            except Bad as exc:
                self.warn(node, str(exc))
            except (IndexError, KeyError):
                self.warn(node, "line ends early or misses a value (truncated?)")
            except Exception as exc:  # noqa: BLE001 - never crash on a line
                self.warn(node, f"could not parse this line ({type(exc).__name__}: {exc})")
        if self.understood == 0 and not self.header_seen():
            raise ParseError(self.file, f"does not look like a {self.LABEL} configuration (no line was recognised)")
        self.finish()
        return self.device

    def read_header(self) -> None:
        """Comment headers (device, version): overridden by the vendors."""

    def header_seen(self) -> bool:
        return False

    def prescan(self, roots: list[ConfigLine]) -> None:
        """Hook run before the main loop (object-groups, global defaults)."""

    @staticmethod
    def prompt_line(words: list[str]) -> bool:
        """'leaf1#show running-config' pasted at the top of a capture."""
        return "#" in words[0] and (words[0].split("#", 1)[1].startswith("sh") or
                                    (len(words) > 1 and words[1].startswith("sh")))

    def stray_children(self, node: ConfigLine) -> None:
        stack = list(node.children)
        while stack:
            child = stack.pop(0)
            self.warn(child, f"unexpected indented line under '{node.text.strip()[:40]}'")
            stack[:0] = child.children

    def h_interface(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        """`interface NAME` and its lines (`iface_line`, the subclass's)."""
        if neg:
            return
        name = "".join(words[1:])
        if not name:
            raise Bad("interface name missing")
        if "," in name or _IFACE_RANGE.search(name):
            raise Bad("interface ranges are not modelled (expand them in the config)")
        iface = Interface(name=name, loc=self.loc(node, True))
        self.device.interfaces.append(iface)
        state: dict[str, Any] = {"switchport": None, "allowed": None, "shutdown": None}
        self.iface_state[name] = state
        low = name.lower()
        if low.startswith("vlan") and low[4:].isdigit():
            iface.vlan_id = int(low[4:])
        self.children(node, lambda c, w, ng: self.iface_line(iface, state, c, w, ng))
        if state["allowed"] is not None:
            iface.trunk_allowed_vlans = tuple(sorted(state["allowed"]))

    def children(self, node: ConfigLine, handler: Handler) -> None:
        """Run `handler` on every child, each in its own error boundary ('no' stripped)."""
        for child in node.children:
            words = child.text.split()
            neg = words[0] == "no"
            if neg:
                words = words[1:]
                if not words:
                    self.warn(child, "'no' without a command")
                    continue
            try:
                handler(child, words, neg)
            except Bad as exc:
                self.warn(child, str(exc))
            except (IndexError, KeyError):
                self.warn(child, "line ends early or misses a value (truncated?)")
            except Exception as exc:  # noqa: BLE001
                self.warn(child, f"could not parse this line ({type(exc).__name__}: {exc})")

    def h_no(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        rest = words[1:]
        if not rest:
            raise Bad("'no' without a command")
        handler = self.top.get(rest[0])
        if handler is not None and rest[0] != "no":
            handler(node, rest, True)
        elif rest[0] not in self.RECOGNISED_TOP:
            raise Bad("line not understood")

    def h_ignore(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        return None

    def h_hostname(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if not neg:
            self.device.hostname = unquote(words[1])
            self.device.facts["hostname_loc"] = self.loc(node)

    # ------------------------------------------------------------------ banners

    def banner_delimited(self, node: ConfigLine, words: list[str], kind: str) -> None:
        """'banner motd #...#' (NX-OS, IOS style): the first character after the
        banner kind is the delimiter; the body may span lines."""
        raw = self.lines[node.number - 1]
        start = raw.find(kind, raw.find("banner") + 6) + len(kind)
        rest = raw[start:].lstrip()
        if not rest:
            raise Bad("banner without a delimiter")
        delim = "^C" if rest.startswith("^C") else rest[0]
        body_first = rest[len(delim):]
        body: list[str] = []
        end_line = node.number
        if delim in body_first:
            body.append(body_first.split(delim, 1)[0])
        else:
            body.append(body_first)
            for i in range(node.number, len(self.lines)):
                line = self.lines[i]
                if delim in line:
                    body.append(line.split(delim, 1)[0])
                    end_line = i + 1
                    break
                body.append(line)
            else:
                self.store_banner(kind, node, body, len(self.lines))
                raise Bad(f"banner {kind} is not terminated by its delimiter (truncated file?)")
        self.store_banner(kind, node, body, end_line)

    def banner_eof(self, node: ConfigLine, words: list[str], kind: str) -> None:
        """'banner login' then the body, ended by a line holding only 'EOF' (EOS)."""
        body: list[str] = []
        for i in range(node.number, len(self.lines)):
            line = self.lines[i]
            if line.strip() == "EOF":
                self.store_banner(kind, node, body, i + 1)
                return
            body.append(line)
        self.store_banner(kind, node, body, len(self.lines))
        raise Bad(f"banner {kind} is not ended by an EOF line (truncated file?)")

    def store_banner(self, kind: str, node: ConfigLine, body: list[str], end_line: int) -> None:
        self.skip_until = max(self.skip_until, end_line)
        self.skip_ranges.append((node.number, end_line))
        self.mgmt.banners[kind] = "\n".join(body).strip("\n")
        self.mgmt.facts.setdefault("banner_locs", {})[kind] = Location(
            self.file, node.number, end_line, node.text.strip()[:80])

    # ------------------------------------------------------------------ ACLs

    def new_filter(self, name: str, kind: str, family: int, node: ConfigLine) -> Filter:
        filt = self.device.filters.get(name)
        if filt is None:
            filt = Filter(
                name=name, kind=kind, family=family, default_action=DENY,
                default_note=self.IMPLICIT_DENY_NOTE if family == 4 else self.IMPLICIT_DENY_NOTE_V6,
                loc=self.loc(node, True),
            )
            self.device.filters[name] = filt
            self.acl_entries[name] = []
            self.acl_spans[name] = []
        else:
            if filt.family != family:
                raise Bad(f"access-list '{name}' is already an IPv{filt.family} list; this block is ignored")
            if filt.loc is not None:
                filt.extra.setdefault("more_blocks", []).append(node.number)
        self.acl_spans[name].append((node.number, node.end_number))
        return filt

    def acl_block(self, filt: Filter, node: ConfigLine) -> None:
        file = self.file
        for child in node.children:
            words = child.text.split()
            try:
                first = words[0]
                if first in ("permit", "deny", "remark"):
                    self.ace(filt, words, 0, self.loc(child), None)
                elif first.isdigit():
                    if len(words) < 2:
                        raise Bad("sequence number without an entry (truncated?)")
                    if words[1] == "remark":
                        loc = self.loc(child)
                    else:  # an entry holds no secret: no redaction pass
                        loc = Location(file, child.number, child.number, child.text.strip())
                    self.ace(filt, words, 1, loc, first)
                elif not self.acl_option_line(filt, child, words):
                    self.acl_entry_lines[filt.name] = self.acl_entry_lines.get(filt.name, 0) + 1
                    raise Bad(f"unknown access-list entry '{first}'")
            except Bad as exc:
                self.warn(child, str(exc))
            except (IndexError, KeyError):
                self.warn(child, "access-list entry ends early (truncated?)")
            except Exception as exc:  # noqa: BLE001
                self.warn(child, f"could not parse this access-list entry ({type(exc).__name__}: {exc})")

    def acl_option_line(self, filt: Filter, node: ConfigLine, words: list[str]) -> bool:
        """A non-entry line inside an ACL block (statistics, counters...): True when known."""
        return False

    def ace_option(self, w: str, words: list[str], i: int, extra: dict[str, Any],
                   approximations: list[str]) -> int | None:
        """Vendor-specific ACE option at words[i-1] == w; returns the next index or None."""
        return None

    def ace(self, filt: Filter, words: list[str], i: int, loc: Location, seq: str | None) -> None:
        """One entry starting at words[i] (the action or 'remark')."""
        name = filt.name
        entries = self.acl_entries[name]
        seqn = int(seq) if seq is not None else None
        if seqn is not None and not 1 <= seqn <= 4294967295:
            if words[i] in ("permit", "deny"):
                self.acl_entry_lines[name] = self.acl_entry_lines.get(name, 0) + 1
            raise Bad(f"sequence number {seq} out of range (1-4294967295)")
        action = words[i]
        if action == "remark":
            text = loc.text.split("remark", 1)[1].strip() if "remark" in loc.text else ""
            entries.append((seqn, text, loc))
            return
        self.acl_entry_lines[name] = self.acl_entry_lines.get(name, 0) + 1
        if action not in ("permit", "deny"):
            raise Bad(f"expected permit, deny or remark, got '{action}'")
        n = len(words)
        i += 1
        family = filt.family or 4
        approximations: list[str] = []
        extra: dict[str, Any] = {}
        established: bool | None = None
        log = False
        time_range: str | None = None
        service_names: list[str] = []
        proto: int | None = None
        if filt.kind == "standard-acl":
            src, i = self.address(words, i, family, loc, name)
            dst = AddressSet(any=True)
            services: tuple[Service, ...] = (ANY_SERVICE,)
        else:
            if i >= n:
                raise Bad("protocol missing")
            ptok = words[i]
            i += 1
            table = self.PROTOCOLS_V4 if family == 4 else self.PROTOCOLS_V6
            if ptok in table:
                proto = table[ptok]
            elif ptok.isdigit() and int(ptok) <= 255:
                proto = int(ptok)
                if proto == 0 and family == 4:
                    proto = None
            else:
                raise Bad(f"unknown protocol '{ptok}'")
            src, i = self.address(words, i, family, loc, name)
            sports: Any = ()
            dports: Any = ()
            if i < n and words[i] in PORT_OPS:
                sports, i = self.ports(words, i, proto)
            elif i < n and words[i] == "portgroup" and self.HAS_ADDRGROUPS:
                sports = self.port_group(words[i + 1], proto, loc, name)
                service_names.append(words[i + 1])
                i += 2
            dst, i = self.address(words, i, family, loc, name)
            if i < n and words[i] in PORT_OPS:
                dports, i = self.ports(words, i, proto)
            elif i < n and words[i] == "portgroup" and self.HAS_ADDRGROUPS:
                dports = self.port_group(words[i + 1], proto, loc, name)
                service_names.append(words[i + 1])
                i += 2
            itype: int | None = None
            icode: int | None = None
            if proto in (1, 58) and i < n:
                w = words[i]
                icmp_table = ICMP_V4 if proto == 1 else self.ICMP_V6
                if w in icmp_table:
                    itype, icode = icmp_table[w]
                    i += 1
                elif w.isdigit():
                    itype = int(w)
                    if itype > 255:
                        raise Bad(f"bad ICMP type '{w}'")
                    i += 1
                    if i < n and words[i].isdigit():
                        icode = int(words[i])
                        if icode > 255:
                            raise Bad(f"bad ICMP code '{words[i]}'")
                        i += 1
            elif proto == 2 and i < n and (words[i] in self.IGMP_TYPES or words[i].isdigit()):
                extra["igmp_type"] = words[i]
                approximations.append(f"IGMP message type '{words[i]}' is not modelled")
                i += 1
            if sports == "none" or dports == "none":
                services = ()  # 'lt 0' / 'gt 65535' / an empty port group: matches no packet
            else:
                services = (self.service(proto, sports, dports, itype, icode),)
        while i < n:
            w = words[i]
            i += 1
            if w == "log":
                log = True
            elif w == "established":
                established = True
            elif w == "time-range":
                time_range = words[i]
                i += 1
                self.device.refer("time-range", time_range, loc, f"acl {name}")
            elif w == "fragments":
                extra["fragments"] = True
                approximations.append("matches non-initial fragments only ('fragments' is not modelled)")
            elif w in ("dscp", "precedence", "tos"):
                extra[w] = words[i]
                i += 1
                approximations.append(f"'{w} {words[i - 1]}' is not modelled")
            elif w in ("ttl", "packet-length", "hop-limit"):
                if words[i] in PORT_OPS:
                    cnt = 3 if words[i] == "range" else 2
                else:
                    cnt = 1
                extra[w.replace("-", "_")] = " ".join(words[i:i + cnt])
                i += cnt
                approximations.append(f"'{w}' condition is not modelled")
            elif w in TCP_FLAGS:
                extra.setdefault("tcp_flags", []).append(w)
                approximations.append(f"TCP flag '{w}' is not modelled")
            else:
                j = self.ace_option(w, words, i, extra, approximations)
                if j is None:
                    raise Bad(f"unexpected '{w}' in access-list entry")
                i = j
        if established and proto != 6:
            raise Bad("'established' is only valid with tcp")
        rule = Rule(
            action=PERMIT if action == "permit" else DENY,
            src=src, dst=dst, services=services, loc=loc, family=family, vendor_action=action,
            name=seq or "", log=log, established=established, time_range=time_range,
            approximations=tuple(approximations), service_names=tuple(service_names), extra=extra,
        )
        entries.append((seqn, rule, loc))

    IGMP_TYPES: frozenset[str] = frozenset({"dvmrp", "host-query", "host-report", "pim", "trace"})

    def address(self, words: list[str], i: int, family: int, loc: Location, acl: str) -> tuple[AddressSet, int]:
        if i >= len(words):
            raise Bad("address missing (line ends early)")
        w = words[i]
        if w == "any":
            return AddressSet(any=True), i + 1
        if w == "host":
            a = words[i + 1]
            if family == 4:
                v = self.v4(a)
                return AddressSet(items=(AddressRange(4, v, v),)), i + 2
            item = self.v6net(a)
            if item.first != item.last:
                raise Bad(f"'host' needs an address, got '{a}'")
            return AddressSet(items=(item,)), i + 2
        if w == "addrgroup" and self.HAS_ADDRGROUPS:
            return self.resolve_addresses(words[i + 1], family, loc, f"acl {acl}"), i + 2
        if family == 4:
            if "/" in w:
                return AddressSet(items=(self.v4cidr(w),)), i + 1
            if i + 1 < len(words) and is_v4(words[i + 1]):
                return AddressSet(items=(self.wildcard(w, words[i + 1]),)), i + 2
            if is_v4(w):
                raise Bad(f"mask missing after '{w}' (use A/P, 'A WILDCARD' or 'host A')")
            raise Bad(f"bad address '{w}'")
        if "/" in w:
            return AddressSet(items=(self.v6net(w),)), i + 1
        raise Bad(f"bad IPv6 address '{w}' (a prefix length is required)")

    def port(self, token: str, proto: int | None) -> int:
        if token.isdigit():
            v = int(token)
            if v > 65535:
                raise Bad(f"bad port '{token}'")
            return v
        table = self.TCP_PORTS if proto == 6 else self.UDP_PORTS if proto == 17 else None
        if table is None:  # sctp, or a port group (no protocol): a name valid for tcp or udp
            v2 = self.TCP_PORTS.get(token, self.UDP_PORTS.get(token))
            if v2 is None:
                raise Bad(f"unknown port '{token}'")
            return v2
        v3 = table.get(token)
        if v3 is None:
            pname = {6: "tcp", 17: "udp"}.get(proto or 0, str(proto))
            raise Bad(f"unknown {pname} port name '{token}'")
        return v3

    def is_port(self, token: str, proto: int | None) -> bool:
        if token.isdigit():
            return True
        if proto == 6:
            return token in self.TCP_PORTS
        if proto == 17:
            return token in self.UDP_PORTS
        return token in self.TCP_PORTS or token in self.UDP_PORTS

    def ports(self, words: list[str], i: int, proto: int | None, check_proto: bool = True) -> tuple[Any, int]:
        """A port condition at words[i] -> (ranges, next index); 'none' when it matches no port."""
        op = words[i]
        if check_proto and proto not in (6, 17, 132):
            raise Bad(f"port operator '{op}' needs tcp, udp or sctp")
        n = len(words)
        if op == "range":
            lo = self.port(words[i + 1], proto)
            hi = self.port(words[i + 2], proto)
            if lo > hi:
                lo, hi = hi, lo  # both platforms swap a reversed range
            return ((lo, hi),), i + 3
        if op in ("eq", "neq"):
            vals = [self.port(words[i + 1], proto)]
            j = i + 2
            while j < n and self.is_port(words[j], proto):
                vals.append(self.port(words[j], proto))
                j += 1
            ranges = merge_ranges([(v, v) for v in vals])
            if op == "neq":
                ranges = port_ranges_not(ranges)
            return ranges, j
        p = self.port(words[i + 1], proto)
        if op == "lt":
            return (((0, p - 1),) if p > 0 else "none"), i + 2
        return (((p + 1, 65535),) if p < 65535 else "none"), i + 2

    # ------------------------------------------------------------------ object-groups (NX-OS)

    def resolve_addresses(self, name: str, family: int, loc: Location, context: str) -> AddressSet:
        self.device.refer("address-group", name, loc, context)
        key = (name, family)
        cached = self._group_family.get(key)
        if cached is None:
            group = self.groups.get(name)
            if group is None or group.kind != "address-group":
                cached = ((), (name,))
            else:
                self.fill_group(group)
                cached = (tuple(i for i in group.items if i.family == family), ())
            self._group_family[key] = cached
        return AddressSet(items=cached[0], names=(name,), unresolved=cached[1])

    def port_group(self, name: str, proto: int | None, loc: Location, acl: str) -> Any:
        if proto not in (6, 17, 132):
            raise Bad(f"portgroup '{name}' needs tcp, udp or sctp")
        self.device.refer("service-group", name, loc, f"acl {acl}")
        group = self.groups.get(name)
        if group is None or group.kind != "service-group":
            raise Bad(f"port group '{name}' is not defined (entry skipped)")
        self.fill_group(group)
        ranges = merge_ranges(list(group.items))
        return ranges if ranges else "none"

    def fill_group(self, group: Group) -> None:
        """Read a group's entries once (its warnings go to the entry lines)."""

    # ------------------------------------------------------------------ VLANs

    def add_vlans(self, node: ConfigLine, ids: list[int], name: str) -> None:
        loc = self.loc(node, True)
        for vid in ids:
            vlan = self.vlan_index.get(vid)
            if vlan is not None:
                if name:
                    vlan.name = name
                    vlan.loc = loc
            else:
                vlan = Vlan(vid, name if len(ids) == 1 else "", loc)
                self.vlan_index[vid] = vlan
                self.device.vlans.append(vlan)

    # ------------------------------------------------------------------ interfaces

    def iface_address(self, iface: Any, words: list[str], i: int) -> None:
        """'ip address A/P [secondary]' or 'ip address A M [secondary]' from words[i]."""
        w = words[i]
        if "/" in w:
            addr_s, _, plen_s = w.partition("/")
            addr = self.v4(addr_s)
            if not plen_s.isdigit() or int(plen_s) > 32:
                raise Bad(f"bad prefix length in '{w}'")
            plen = int(plen_s)
            rest = words[i + 1:]
        else:
            addr = self.v4(w)
            if i + 1 >= len(words):
                raise Bad(f"mask missing after '{w}'")
            m = mask_len(self.v4(words[i + 1]))
            if m is None:
                raise Bad(f"bad subnet mask '{words[i + 1]}'")
            plen = m
            rest = words[i + 2:]
        secondary = "secondary" in rest
        if not secondary:
            iface.addresses = [a for a in iface.addresses if a.family != 4 or a.secondary]
        iface.addresses.append(InterfaceAddress(4, addr, plen, secondary=secondary))

    def iface_address6(self, iface: Any, words: list[str], i: int) -> None:
        w = words[i]
        if w in ("autoconfig", "dhcp", "use-link-local-only"):
            iface.extra["ipv6_address"] = w
            return
        if "link-local" in words[i + 1:]:
            iface.extra["ipv6_link_local"] = w
            return
        if "/" not in w:
            raise Bad(f"IPv6 address needs a prefix length: '{w}'")
        try:
            ip = ipaddress.IPv6Interface(w)
        except ValueError:
            raise Bad(f"bad IPv6 address '{w}'") from None
        iface.addresses.append(InterfaceAddress(6, int(ip.ip), ip.network.prefixlen))

    def trunk_allowed(self, state: dict[str, Any], words: list[str], j: int) -> None:
        """'switchport trunk allowed vlan ...' arguments from words[j]."""
        arg = words[j]
        if arg == "all":
            state["allowed"] = None
        elif arg == "none":
            state["allowed"] = set()
        elif arg == "add":
            cur = state["allowed"]
            if cur is not None:
                cur.update(vlan_list(words[j + 1]))
        elif arg == "remove":
            cur = state["allowed"]
            if cur is None:
                cur = set(range(1, 4095))
            cur.difference_update(vlan_list(words[j + 1]))
            state["allowed"] = cur
        elif arg == "except":
            state["allowed"] = set(range(1, 4095)) - set(vlan_list(words[j + 1]))
        else:
            state["allowed"] = set(vlan_list(arg))

    def bind(self, iface: Any, name: str, direction: str, family: int, loc: Location, port_acl: bool = False) -> None:
        six = family == 6
        if direction == "in":
            if six:
                iface.filter_in6 = name
            else:
                iface.filter_in = name
        elif direction == "out":
            if six:
                iface.filter_out6 = name
            else:
                iface.filter_out = name
        else:
            raise Bad(f"bad access-group direction '{direction}' (in or out)")
        if port_acl:
            iface.extra.setdefault("port_acls", []).append(name)
        what = "inbound" if direction == "in" else "outbound"
        ctx = f"interface {iface.name} {what}" + (" (IPv6)" if six else "") + (" port ACL" if port_acl else "")
        self.device.refer("acl", name, loc, ctx)

    # ------------------------------------------------------------------ routes

    def prefix_list(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        """'ip prefix-list NAME [seq N] permit|deny P ...' : defined, not modelled."""
        if neg or len(words) < 3:
            return
        name = words[2]
        if name in ("sequence-number", "description"):
            return
        if name not in self.prefix_lists:
            self.prefix_lists[name] = []
            self.device.define("prefix-list", name, self.loc(node))
        self.prefix_lists[name].append(node.number)
        for c in node.children:  # EOS block form: 'ip prefix-list NAME' + 'seq 10 permit ...'
            self.prefix_lists[name].append(c.number)

    # ------------------------------------------------------------------ after the last line

    def is_snippet(self) -> bool:
        """A file holding only ACLs / object-groups (no header, no other command): it
        cannot show the device's management plane."""
        return not self.header_seen() and self.other_statements == 0

    def finish(self) -> None:
        dev = self.device
        self.finish_acls()
        self.finish_interfaces()
        if self.is_snippet():
            dev.management_visible = False
            dev.facts["snippet"] = True
        else:
            self.finish_management()
        if not dev.hostname:
            fallback = dev.facts.get("header_device_name")
            if fallback:
                dev.hostname = fallback
            else:
                dev.hostname = PurePath(self.file).stem or "unknown"
                dev.facts["hostname_from_file_name"] = True
        self.safety_net()

    def finish_acls(self) -> None:
        dev = self.device
        for name, filt in dev.filters.items():
            entries = self.acl_entries.get(name, [])
            # Both platforms give an unnumbered entry the highest number so far + 10.
            keyed: list[tuple[int, int, Any, Location]] = []
            last = 0
            seen: dict[int, Location] = {}
            implicit: set[int] = set()
            for idx, (seq, item, loc) in enumerate(entries):
                if seq is None:
                    seq = last + 10
                    implicit.add(idx)
                elif seq in seen:
                    dev.warn(loc, f"duplicate sequence number {seq} in access-list {name} "
                                  f"(first at line {seen[seq].line}); both entries are kept")
                seen.setdefault(seq, loc)
                last = max(last, seq)
                keyed.append((seq, idx, item, loc))
            if any(keyed[k][0] > keyed[k + 1][0] for k in range(len(keyed) - 1)):
                keyed.sort(key=lambda t: (t[0], t[1]))
                dev.facts.setdefault("acls_reordered_by_sequence", []).append(name)
            pending: list[str] = []
            rules: list[Rule] = []
            for seq, idx, item, loc in keyed:
                if isinstance(item, str):
                    pending.append(item)
                    continue
                if idx in implicit:
                    item.extra["implicit_sequence"] = seq
                    item.name = str(seq)
                if pending:
                    item.remark = "\n".join(pending)
                    pending = []
                rules.append(item)
            filt.rules = rules
            if pending:
                filt.remark = "\n".join(pending)
            if not self.acl_entry_lines.get(name):
                filt.extra["no_entries"] = True
                if self.EMPTY_ACL_PERMITS:
                    filt.default_action = PERMIT
                    filt.default_note = self.EMPTY_ACL_NOTE
                else:
                    filt.default_note = self.EMPTY_ACL_NOTE or filt.default_note
            dev.define("acl", name, filt.loc or Location(self.file, 0))

    def finish_interfaces(self) -> None:
        """Platform defaults for interfaces: overridden by the vendors."""

    def finish_management(self) -> None:
        """Platform defaults for the management plane: overridden by the vendors."""

    # ------------------------------------------------------------------ the 'mentioned' safety net

    SKIP_FIRST_WORDS = frozenset({"description", "remark", "name", "hostname", "banner", "alias", "switchname"})

    def safety_net(self) -> None:
        dev = self.device
        referenced = {(r.kind, r.name) for r in dev.references}
        cands: dict[str, list[Any]] = {}
        for obj in dev.objects:
            if (obj.kind, obj.name) not in referenced:
                cands.setdefault(obj.name, []).append(obj)
        if not cands:
            return
        names = set(cands)
        skip = self.skip_ranges
        found: dict[tuple[str, str], Location] = {}
        for number, raw in enumerate(self.lines, 1):
            s = raw.strip()
            if not s or s[0] == "!":
                continue
            toks = s.split()
            hits = names.intersection(toks)
            if not hits:
                continue
            if any(a <= number <= b for a, b in skip):
                continue
            first = toks[1] if toks[0].isdigit() and len(toks) > 1 else toks[0]
            if first in self.SKIP_FIRST_WORDS:
                continue
            for name in hits:
                for obj in cands[name]:
                    key = (obj.kind, obj.name)
                    if key in found or self.own_definition(obj, number):
                        continue
                    found[key] = Location(self.file, number, number, redact_line(s))
        for (kind, name), loc in found.items():
            dev.refer(kind, name, loc, "mentioned")

    def own_definition(self, obj: Any, number: int) -> bool:
        if obj.kind == "acl":
            return any(a <= number <= b for a, b in self.acl_spans.get(obj.name, []))
        if obj.kind == "prefix-list":
            return number in self.prefix_lists.get(obj.name, [])
        return obj.loc.line <= number <= obj.loc.end_line
