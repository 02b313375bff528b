"""Redaction of secrets in config text that a report shows (the HTML report's excerpts).

Reports do not import the parsers, so this module holds its own patterns. They are at
least as strict as `parsers.common.redact()`: every value that follows a password,
secret, key, pre-shared key, community, passphrase or hash keyword is replaced by
`<redacted>`, the keywords stay, so a reader still sees *what* is configured. On top of
the parsers' patterns:

- crypt-style hashes anywhere on a line (`$1$`, `$5$`, `$6$`, `$9$`, `$sha512$` ...),
  FortiOS `ENC` blobs, PAN-OS `-AQ==` encrypted values;
- a value after an algorithm or encoding word (`key 1 md5 X`, `secret sha512 X`,
  `pre-shared-key ascii-text X`), quoted values with spaces;
- SNMPv3 `auth sha X priv aes 128 Y`;
- FortiOS `set <anything with pass/pwd/secret/psk/key>` settings;
- XML elements (PAN-OS) such as `<password>`, `<phash>`, `<key>`, `<community>`;
- Junos lines marked `## SECRET-DATA`;
- with the whole file (`redact_lines`): PEM private-key blocks, and the community names
  of a FortiOS `config system snmp community` block (`set name "..."`).

Only the two well-known default community names `public` and `private` are kept (they
are what the SNMP checks name, and they are no secret).
"""

from __future__ import annotations

import re

MARK = "<redacted>"
KEEP = {"public", "private"}
# Words that follow `key` as a command rather than a value (`crypto key generate rsa`).
_KEY_COMMANDS = {"generate", "zeroize", "import", "export", "chain", "config-key", "pubkey-chain", "storage"}

_VALUE = r"""("[^"]*"|'[^']*'|(?![\]\[{};])\S+)"""
# Algorithm, encoding and type words that may stand between a keyword and its value.
_QUALIFIERS = (r"(?:(?:\d{1,2}|md5|sha\d*|sha-\d+|hmac-\S+|aes\d*|des|3des|ENC|encrypted|unencrypted|cleartext|"
               r"clear|plain|plaintext|ascii|ascii-text|hex|hexadecimal|hex-key|0x|local|remote|mask)\s+)*")
_KEYWORDS = (r"password|passwd|secret|key|key-string|pre-shared-key|psk|psksecret|passphrase|authentication-key|"
             r"auth-key|auth-password|priv-password|encrypted-password|phash|hash|community|md5-key|"
             r"message-digest-key|tacacs-key|radius-key|shared-secret|ppk-secret")

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # Junos marks secrets itself: the value just before `; ## SECRET-DATA`.
    (re.compile(r"""("[^"]*"|\S+?)(\s*;?\s*##\s*SECRET-DATA)""", re.I), "secretdata"),
    # FortiOS: `set <name with pass/pwd/secret/psk/key> <value...>` (the rest of the line).
    (re.compile(r"(\bset\s+[\w-]*(?:pass|pwd|secret|psk|key|community)[\w-]*\s+)(.+)$", re.I), "rest"),
    # XML elements (PAN-OS and other XML configs).
    (re.compile(r"(<(password|phash|key|secret|community|community-string|authpwd|privpwd|auth-password|"
                r"priv-password|pre-shared-key|psk|passphrase|private-key|shared-secret)(?:\s[^>]*)?>)([^<]+)", re.I),
     "xml"),
    # keyword [qualifiers] value
    (re.compile(rf"(\b(?:{_KEYWORDS})\s+{_QUALIFIERS}){_VALUE}", re.I), "value"),
    # SNMPv3 users: auth <alg> <pass>, priv <alg> [bits] <pass>
    (re.compile(rf"(\bauth\s+(?:md5|sha\S*)\s+){_VALUE}", re.I), "value"),
    (re.compile(rf"(\bpriv\s+(?:des\S*|3des|aes\S*)\s+(?:\d+\s+)?){_VALUE}", re.I), "value"),
    # Cisco: snmp-server host <ip> [traps|informs] [version x] <community>
    (re.compile(rf"(\bsnmp-server host\s+\S+\s+(?:(?:traps|informs|version\s+\S+|vrf\s+\S+|auth|noauth|priv)\s+)*){_VALUE}", re.I),
     "value"),
    # Hashes and encrypted blobs wherever they stand.
    (re.compile(r"()\$(?:1|2[abxy]?|5|6|7|8|9|y|sha\d*|pbkdf2[\w-]*|scrypt|md5)\$\S+", re.I), "all"),
    (re.compile(r"(\bENC\s+)\S+"), "all"),
    (re.compile(r"()-AQ==\S+"), "all"),
]

_PEM_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]*PRIVATE KEY-----")
_FORTI_COMMUNITY = re.compile(r"^\s*config\s+system\s+snmp\s+community\b", re.I)
_FORTI_END = re.compile(r"^\s*end\b", re.I)
_FORTI_NAME = re.compile(rf"(^\s*set\s+name\s+){_VALUE}", re.I)


def _keep(value: str) -> bool:
    return value.strip("\"'").lower() in KEEP


def redact_line(text: str) -> str:
    """One config line with every secret value replaced by `<redacted>`."""
    out = text
    for pattern, kind in _PATTERNS:
        out = pattern.sub(lambda m, kind=kind: _sub(m, kind), out)
    return out


def _sub(m: re.Match[str], kind: str) -> str:
    if kind == "secretdata":
        quoted = m.group(1).startswith('"')
        return (f'"{MARK}"' if quoted else MARK) + m.group(2)
    if kind == "xml":
        return m.group(0) if _keep(m.group(3)) else m.group(1) + MARK
    if kind == "all":
        return m.group(1) + MARK
    value = m.group(2)
    if value.startswith(MARK) or value.strip("\"'") == MARK or _keep(value):
        return m.group(0)
    if kind == "value" and value.lower() in _KEY_COMMANDS and re.search(r"\bkey\s+$", m.group(1), re.I):
        return m.group(0)
    return m.group(1) + MARK


def redact_lines(lines: list[str]) -> list[str]:
    """A whole file, line by line, with the context some secrets need: PEM private keys
    span lines, and a FortiOS SNMP community's name is a plain `set name`."""
    out: list[str] = []
    in_pem = False
    in_community = 0  # nesting depth inside `config system snmp community`, 0 outside
    for line in lines:
        if in_pem:
            end = _PEM_END.search(line)
            out.append(MARK + line[end.start():] if end else MARK)
            in_pem = not end
            continue
        begin = _PEM_BEGIN.search(line)
        if begin:
            end = _PEM_END.search(line, begin.end())
            head = redact_line(line[:begin.end()])
            out.append(head + ("" if head.endswith(MARK) else MARK) + (line[end.start():] if end else ""))
            in_pem = not end
            continue
        red = redact_line(line)
        if in_community:
            stripped = line.strip().lower()
            if stripped.startswith("config "):
                in_community += 1
            elif _FORTI_END.match(line):
                in_community -= 1
            elif in_community == 1:
                red = _FORTI_NAME.sub(lambda m: m.group(0) if _keep(m.group(2)) else m.group(1) + MARK, red)
        elif _FORTI_COMMUNITY.match(line):
            in_community = 1
        out.append(red)
    return out
