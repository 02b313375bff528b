"""Helpers shared by the parsers: the indentation tree of Cisco-style configs,
locations, and the redaction of secrets in kept line text.

A light tree builder is used instead of ciscoconfparse2 on the hot path: importing
ciscoconfparse2 alone takes about 0.8 s here, more than the whole budget of a
pre-commit run (the tests check that our tree matches ciscoconfparse2's parent/child
structure on the fixtures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netlint.model import Location, Suppression


@dataclass(slots=True)
class ConfigLine:
    """One non-blank line with its children (the lines indented under it)."""

    number: int  # 1-based
    text: str  # without trailing whitespace
    indent: int
    children: list[ConfigLine] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return self.text.split()

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def end_number(self) -> int:
        node = self
        while node.children:
            node = node.children[-1]
        return node.number


# str.splitlines() also ends a line at \v, \f, \x1c-\x1e, \x85, U+2028, U+2029 and a lone
# \r; editors, `grep -n` and the contract count only \n. One such character inside a line
# (a cp1252 '…' read as latin-1 is \x85) would shift every later finding by a line, so
# they become blanks.
_ODD_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_ODD_LINE_BREAKS_TO_BLANK = str.maketrans(dict.fromkeys(_ODD_LINE_BREAKS, " "))


def newline_only(text: str) -> str:
    """The text with \n as its only line break (\r\n -> \n, other breaks -> blank)."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    if any(c in text for c in _ODD_LINE_BREAKS):
        text = text.translate(_ODD_LINE_BREAKS_TO_BLANK)
    return text


def indented_tree(text: str, comment_chars: str = "!") -> list[ConfigLine]:
    """Top-level lines of an indentation-structured config, each with its children.

    Comment lines (starting with one of `comment_chars` after optional blanks) and
    blank lines are skipped; they never become parents.
    """
    roots: list[ConfigLine] = []
    stack: list[ConfigLine] = []
    for number, raw in enumerate(newline_only(text).split("\n"), 1):
        line = raw.rstrip()
        stripped = line.lstrip()
        if not stripped or stripped[0] in comment_chars:
            continue
        indent = len(line) - len(stripped)
        node = ConfigLine(number, line, indent)
        while stack and stack[-1].indent >= indent:
            stack.pop()
        if stack:
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)
    return roots


def location(file: str, node: ConfigLine, whole_block: bool = False) -> Location:
    end = node.end_number if whole_block else node.number
    return Location(file, node.number, end, redact(node.text.strip()))


# Secrets in lines we keep as text: the value after these keywords is replaced.
_SECRET_PATTERNS = [
    re.compile(r"(\b(?:password|secret|passwd|key-string|pre-shared-key|ikev1 pre-shared-key|ikev2 (?:local|remote)-authentication pre-shared-key)\s+(?:\d+\s+)?)(\S+)", re.I),
    re.compile(r"(\bkey\s+(?:\d+\s+)?)(\S+)", re.I),
    re.compile(r"(\bcommunity\s+)(\S+)", re.I),
    re.compile(r"(\bsnmp-server host\s+\S+\s+(?:(?:traps|informs|version\s+\S+)\s+)*)(\S+)", re.I),
    re.compile(r"(\bset\s+(?:password|passwd|psksecret|secret|key|auth-pwd|priv-pwd|passphrase)\s+)(.+)$", re.I),
    re.compile(r"(\$9\$)\S+"),
    re.compile(r"(\bENC\s+)\S+"),
]


def redact(text: str) -> str:
    """Replace secret values in a config line with <redacted>, keeping the keywords
    (and well-known default community names such as 'public', which checks name)."""
    out = text
    for pattern in _SECRET_PATTERNS:
        out = pattern.sub(_redact_sub, out)
    return out


_KEEP = {"public", "private"}


def _redact_sub(match: re.Match[str]) -> str:
    value = match.group(2) if match.lastindex and match.lastindex >= 2 else ""
    if value.strip('"').lower() in _KEEP:
        return match.group(0)
    return match.group(1) + "<redacted>"


_SUPPRESS = re.compile(r"netlint:\s*ignore\[([^\]]*)\]\s*(.*)$", re.I)
# What may stand before the marker on a line that only carries the comment.
_COMMENT_ONLY = re.compile(
    r"""^\s*(?:[!#;]+|//|/\*|--|<!--|<description>|<comment>|(?:\d+\s+)?remark|description|comment|comments|"""
    r"""set\s+(?:comments?|description)|(?:\S+\s+){0,4}remark|-m\s+comment\s+--comment|"""
    r"""(?:access-list\s+\S+\s+remark)|annotation|edit\s+\S+\s+set\s+comments?)?\s*["']?\s*$""",
    re.I,
)


def find_suppressions(text: str, file: str) -> list[Suppression]:
    """Every `netlint: ignore[...]` marker in the text, whatever the vendor's comment
    syntax. A marker alone on its line (after a comment sign or a remark/description
    keyword) applies to the next line that is not itself such a comment."""
    if "netlint:" not in text and "NETLINT:" not in text.upper():
        return []
    lines = newline_only(text).split("\n")
    out: list[Suppression] = []
    pending: list[tuple[tuple[str, ...], str, Location]] = []
    for number, line in enumerate(lines, 1):
        m = _SUPPRESS.search(line)
        if m:
            ids = tuple(x.strip().upper() for x in m.group(1).split(",") if x.strip())
            reason = _reason(line[: m.start()], m.group(2))
            loc = Location(file, number, number, line.strip())
            if _COMMENT_ONLY.match(line[: m.start()]):
                pending.append((ids, reason, loc))
                continue
            out.append(Suppression(ids, reason, loc, number))
        elif line.strip() and pending:
            for ids, reason, loc in pending:
                out.append(Suppression(ids, reason, loc, number))
            pending = []
    for ids, reason, loc in pending:  # marker at the very end: applies to its own line
        out.append(Suppression(ids, reason, loc, loc.line))
    return out


def _reason(before: str, rest: str) -> str:
    """The reason text, cut where the enclosing syntax ends it: a closing quote (FortiOS
    comments, iptables --comment), an XML tag (PAN-OS description), a block comment end."""
    opener = before.rstrip()[-1:] if before.rstrip() else ""
    if opener in "\"'":
        rest = rest.split(opener, 1)[0]
    rest = rest.split("</", 1)[0].split("*/", 1)[0].split("-->", 1)[0]
    return rest.strip().strip("\"'").strip()
