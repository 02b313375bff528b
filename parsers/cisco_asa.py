"""Cisco ASA parser: `show running-config` of ASA 8.3+ / 9.x (PIX/FWSM headers are
accepted) into `netlint.model.Device`. A file holding only `access-list` lines is a
valid input too.

What is modelled
----------------
* Inventory: `ASA Version` (os_version), `hostname`, `: Hardware:` (model).
* Platform semantics: stateful, security levels (no ACL bound: higher -> lower
  security level is permitted), `same-security-traffic permit inter-interface`.
* `names` / `name` aliases, interfaces (nameif, security-level, addresses, VLAN,
  shutdown, description, management-only).
* Objects and object-groups (network, service, protocol, icmp-type), resolved
  recursively (cycles are parse warnings), defined and referenced in the model.
* Access lists -> `Filter` (first match, implicit deny, stateful); `access-group`
  bindings per interface and global.
* Routes (IPv4 and IPv6), the management plane (ssh/telnet/ASDM https access lists,
  SNMP, AAA, local users, enable password, logging, NTP, banners) and a set of facts
  (see below) for the checks that need more than the shared model holds.

Decisions worth knowing
-----------------------
* A full config (one with an `ASA Version` line) gets the ASA defaults that show
  running-config does not print: no `logging timestamp` -> log_timestamps False;
  without `logging enable` the ASA sends no syslog, so `logging host` lines are moved
  to Management.facts['log_hosts_inactive'] instead of Management.log_hosts.
* `http A M IF` lines grant nothing without `http server enable` (enabled=False).
* ntp_authenticated needs `ntp authenticate` and a `key` on every `ntp server`.
* An `access-group` naming an undefined ACL binds nothing (the ASA refuses it): the
  reference is kept, and Interface.extra['filter_in_undefined'] names it.
* Standard ACLs match the destination address only (they are used by route maps,
  OSPF and split tunnels); webtype/ethertype ACLs are defined but have no Filter.
* Identity (user, user-group, object-group-user) and TrustSec (security-group)
  arguments are approximations: a permit matches any user, a deny matches nothing.
* Users default to privilege 2 and routes to distance 1, as on the ASA.

What is recognised but not modelled (no warning; ACL references inside are kept):
NAT (except an inventory in facts), class-map/policy-map/service-policy, crypto,
tunnel-group, group-policy (facts), webvpn (facts), dhcpd, dns, routing protocols...

`Device.facts` keys written by this parser (JSON-friendly values; `<key>_line` holds
the 1-based line of the statement where useful):
  serial_number, model_line, platform ('asa'|'pix'|'fwsm'), multi_context,
  firewall_mode, domain_name, boot_system, asdm_image, clock_timezone, zones,
  same_security_inter_line, same_security_intra, nat (list of dicts: line, kind
  object|twice, type static|dynamic, real/mapped interface, real, mapped),
  parse_notes, non_ip_acls (name -> webtype|ethertype), control_plane_acls,
  undefined_global_acl, route_options, icmp_rules (management ICMP: action, source,
  icmp_type, interface, family, line), password_recovery, failover, failover_key,
  failover_config, threat_detection, services, sysopt, service_policies,
  dhcpd_interfaces, dhcprelay_interfaces, urpf_interfaces, ip_local_pools, ip_audit,
  ssl (dict), password_policy (dict), password_encryption_aes,
  management_access_interface, remote_access_vpn, remote_access_vpn_lines,
  webvpn_interfaces, anyconnect_enabled, group_policies, tunnel_groups,
  crypto_map_interfaces, ikev1_enabled_interfaces, ikev2_enabled_interfaces,
  vpn_peers, crypto_lines.
`Management.facts` keys:
  ssh_timeout, ssh_key_exchange, ssh_cipher_encryption, ssh_cipher_integrity,
  ssh_other, telnet_timeout, console_timeout, http_server_enabled, http_server_port,
  http_server_idle_timeout, http_server_session_timeout, http_redirect, http_other,
  snmp_enabled, snmp_hosts (list of dicts), snmp_groups, snmp_user_groups,
  snmp_location, snmp_contact, snmp_traps, snmp_other, aaa_server_groups,
  aaa_authentication (service -> methods), aaa_authentication_other,
  aaa_authorization, aaa_accounting, aaa_max_fail, aaa_other, enable_secrets
  (level -> storage), passwd / passwd_default (legacy telnet/ssh password),
  logging_enabled, log_hosts_inactive (hosts configured without `logging enable`),
  logging_trap / buffered / console / monitor / history / asdm / mail (level 0-7),
  logging_buffer_size, logging_other, ntp_authenticate, ntp_trusted_keys, ntp_keys,
  ntp_server_keys, ntp_other.
`Rule.extra`: log_level, log_interval, log_disabled, identity (user / security-group
  arguments, approximated), unresolved_services, standard, rule_id, event_log.
`Interface.extra`: standby, standby6, management_only, mtu, security_level_default,
  address_dhcp / address_pppoe, filter_in_undefined / filter_out_undefined (an
  access-group naming no ACL: the ASA refuses it, so nothing is bound),
  control_plane_filter_in, ethertype_filter_in/out, webtype_filter_in/out,
  per_user_override, ipv6, other.
"""

from __future__ import annotations

import gc
import ipaddress
import re
from datetime import datetime
from pathlib import PurePath
from typing import Any

from netlint.model import (
    ANY_SERVICE, DENY, MAX_ADDR, PROTOCOL_NUMBERS,
    AaaServer, AddressRange, AddressSet, AddressWildcard, Device, Filter, Interface,
    InterfaceAddress, LocalUser, Location, LogHost, ManagementService, NamedObject,
    ParseError, RemoteAccess, Route, Rule, Secret, Service, SnmpCommunity, SnmpGroup, SnmpUser, VtyLine, Zone,
    port_ranges_not,
)
from parsers.common import ConfigLine, indented_tree, redact, newline_only

__all__ = ["PARSER", "AsaParser", "ASA_PORTS", "ICMP_TYPES", "ICMP6_TYPES"]

# --------------------------------------------------------------------------- tables

# ASA port literals (Cisco ASA "TCP and UDP ports" reference; note cifs=3020,
# radius=1645, kerberos=750, sqlnet=1521 - not what one might guess).
ASA_PORTS: dict[str, int] = {
    "aol": 5190, "bgp": 179, "biff": 512, "bootpc": 68, "bootps": 67, "chargen": 19,
    "cifs": 3020, "citrix-ica": 1494, "cmd": 514, "ctiqbe": 2748, "daytime": 13,
    "discard": 9, "dnsix": 195, "domain": 53, "echo": 7, "exec": 512, "finger": 79,
    "ftp": 21, "ftp-data": 20, "gopher": 70, "h323": 1720, "hostname": 101, "http": 80,
    "https": 443, "ident": 113, "imap4": 143, "irc": 194, "isakmp": 500, "kerberos": 750,
    "klogin": 543, "kshell": 544, "ldap": 389, "ldaps": 636, "login": 513,
    "lotusnotes": 1352, "lpd": 515, "mobile-ip": 434, "nameserver": 42, "netbios-dgm": 138,
    "netbios-ns": 137, "netbios-ssn": 139, "nfs": 2049, "nntp": 119, "ntp": 123,
    "pcanywhere-data": 5631, "pcanywhere-status": 5632, "pim-auto-rp": 496, "pop2": 109,
    "pop3": 110, "pptp": 1723, "radius": 1645, "radius-acct": 1646, "rip": 520, "rsh": 514,
    "rtsp": 554, "secureid-udp": 5510, "sip": 5060, "smtp": 25, "snmp": 161,
    "snmptrap": 162, "sqlnet": 1521, "ssh": 22, "sunrpc": 111, "syslog": 514,
    "tacacs": 49, "talk": 517, "telnet": 23, "tftp": 69, "time": 37, "uucp": 540,
    "vxlan": 4789, "who": 513, "whois": 43, "www": 80, "xdmcp": 177,
}

ICMP_TYPES: dict[str, int] = {
    "echo-reply": 0, "unreachable": 3, "source-quench": 4, "redirect": 5,
    "alternate-address": 6, "echo": 8, "router-advertisement": 9,
    "router-solicitation": 10, "time-exceeded": 11, "parameter-problem": 12,
    "timestamp-request": 13, "timestamp-reply": 14, "information-request": 15,
    "information-reply": 16, "mask-request": 17, "mask-reply": 18, "traceroute": 30,
    "conversion-error": 31, "mobile-redirect": 32,
}

ICMP6_TYPES: dict[str, int] = {
    "unreachable": 1, "packet-too-big": 2, "time-exceeded": 3, "parameter-problem": 4,
    "echo": 128, "echo-reply": 129, "membership-query": 130, "membership-report": 131,
    "membership-reduction": 132, "router-solicitation": 133, "router-advertisement": 134,
    "neighbor-solicitation": 135, "neighbor-advertisement": 136, "neighbor-redirect": 137,
    "router-renumbering": 138,
}

# Protocol literals the ASA accepts (ipsec = esp, pptp = gre); None = any IP protocol.
ASA_PROTOCOLS: dict[str, int | None] = dict(PROTOCOL_NUMBERS)
ASA_PROTOCOLS.update({"ip": None, "ipsec": 50, "pptp": 47, "snp": 109, "nos": 94, "pcp": 108, "igrp": 9})

LOG_LEVELS = {
    "emergencies": 0, "alerts": 1, "critical": 2, "errors": 3, "warnings": 4,
    "notifications": 5, "informational": 6, "debugging": 7,
}

_PORT_PROTOS = (6, 17, 132)
_ICMP_PROTOS = (1, 58)
_PORT_OPS = frozenset({"eq", "neq", "lt", "gt", "range"})
_ADDR_START = frozenset({"any", "any4", "any6", "host", "object", "object-group", "interface"})
_OPTION_WORDS = frozenset({"log", "time-range", "inactive", "rule-id", "event-log"})

# Hashes of well-known ASA/PIX passwords in the legacy MD5-based `encrypted` format.
_KNOWN_HASHES = {"8Ry2YjIyt7RRXU24": "", "2KFQnbNIdI.2KYOU": "cisco"}

_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"), 1)}

# Top-level commands recognised but not modelled: no warning. ACL references in them
# (and in their children) are still recorded.
_RECOGNISED = frozenset("""
    names dns-guard boot ftp clock dns pager mtu monitor-interface asdm arp timeout
    user-identity prompt call-home profile Cryptochecksum: end exit firewall terminal
    router route-map prefix-list sla track pim multicast-routing igmp mroute wccp
    class-map policy-map capture regex tls-proxy smtp-server auth-prompt privilege
    command-alias quota vpdn dynamic-filter scansafe flow-export rest-api hpm cluster
    mac-address mac-address-table arp-inspection xlate conn tcp-map virtual static global
    isakmp coredump crashinfo app-agent ddns dhcp-client fips snmp-map auto-update
    client-update compression nve service-module license phone-proxy media-termination
    ctl-file ctl-provider uc-ime vxlan lacp port-channel bfd tftp-server ldap jumbo-frame
    object-group-search forward-reference vpn-sessiondb vpn-addr-assign tunnel-group-map
    dynamic-access-policy-record context admin-context config-url allocate-interface
    netflow eigrp ospf bgp key inspect service-object ipsec vpn-filter
    account password-management crypto-checksum mac-learn access-control
""".split())

_INTERFACE_CHILDREN = frozenset("""
    speed duplex flowcontrol delay channel-group lacp pppoe ospf igmp pim mac-address
    policy-route member-interface redundant nve-only dhcp ddns dhcprelay bridge-group
    authentication rip eigrp security-group-tag ip-client mfib multicast ipv4
    port-security encapsulation cts hello-interval hold-time negotiation media-type
    port-channel storm-control spanning-tree power poe traffic-forward
""".split())



# Idle timeouts the ASA applies when the config sets none (seconds; 0 = never): `ssh
# timeout` and `telnet timeout` 5 minutes, `http server idle-timeout` (ASDM) 20 minutes,
# `console timeout` 0 (the console never times out).
ASA_SESSION_DEFAULTS = {"ssh": 300, "telnet": 300, "http": 1200, "console": 0}
# `ssh key-exchange group X` -> the OpenSSH name.
ASA_SSH_KEX = {
    "dh-group1-sha1": "diffie-hellman-group1-sha1", "dh-group14-sha1": "diffie-hellman-group14-sha1",
    "dh-group14-sha256": "diffie-hellman-group14-sha256", "ecdh-sha2-nistp256": "ecdh-sha2-nistp256",
    "ecdh-sha2-nistp384": "ecdh-sha2-nistp384", "ecdh-sha2-nistp521": "ecdh-sha2-nistp521",
    "curve25519-sha256": "curve25519-sha256",
}
# `ssh cipher encryption|integrity LEVEL` -> the algorithms of the level (`show ssh ciphers`).
_ASA_AES = ("aes128-cbc", "aes192-cbc", "aes256-cbc", "aes128-ctr", "aes192-ctr", "aes256-ctr",
            "aes128-gcm@openssh.com", "aes256-gcm@openssh.com")
ASA_SSH_LEVELS = {
    "cipher": {
        "all": ("3des-cbc",) + _ASA_AES, "low": ("3des-cbc",) + _ASA_AES, "medium": _ASA_AES,
        "fips": ("aes128-cbc", "aes256-cbc", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com"),
        "high": ("aes256-cbc", "aes256-ctr", "aes256-gcm@openssh.com"),
    },
    "mac": {
        "all": ("hmac-sha1", "hmac-sha1-96", "hmac-md5", "hmac-md5-96", "hmac-sha2-256"),
        "low": ("hmac-sha1", "hmac-sha1-96", "hmac-md5", "hmac-md5-96", "hmac-sha2-256"),
        "medium": ("hmac-sha1", "hmac-sha1-96", "hmac-sha2-256"),
        "fips": ("hmac-sha1", "hmac-sha2-256"),
        "high": ("hmac-sha2-256",),
    },
}

class _Bad(Exception):
    """A malformed line: the message says what is wrong."""


def _now() -> datetime:
    return datetime.now()


# --------------------------------------------------------------------------- redaction

_ASA_SECRETS = [
    re.compile(r"(\bauthentication-key\s+\d+\s+(?:md5|sha\S*)\s+)(\S+)", re.I),
    re.compile(r"(\bmessage-digest-key\s+\d+\s+md5\s+)(\S+)", re.I),
    re.compile(r"(\bauth\s+(?:md5|sha\S*)\s+)(\S+)", re.I),
    re.compile(r"(\bpriv\s+(?:des|3des|aes)\s+(?:\d+\s+)?)(\S+)", re.I),
    re.compile(r"(\bcommunity\s+)(\S+)", re.I),
]
# Words without which no pattern can match: most lines skip the regexes entirely
# (plain substring tests: several times faster than one alternation regex).
_TRIGGERS = ("pass", "secret", "key", "communit", "snmp-server", "set", "$9$", "auth", "priv")


def _redact_sub(m: re.Match[str]) -> str:
    if m.group(2).lower() in ("public", "private"):
        return m.group(0)
    return m.group(1) + "<redacted>"


def asa_redact(text: str) -> str:
    """Redact secrets in a kept ASA line (common patterns plus ASA-only forms:
    NTP/OSPF keys, SNMPv3 auth/priv passwords, `snmp-server host IF A community X`)."""
    low = text.lower()
    if "ENC" not in text and not any(t in low for t in _TRIGGERS):
        return text
    if low.startswith("snmp-server") or "authentication-key" in low or "message-digest-key" in low:
        # The common patterns would hide the host address of `snmp-server host IF A`
        # and redact the algorithm instead of the value of `...-key N md5 VALUE`.
        out = text
    else:
        out = redact(text)
    for pattern in _ASA_SECRETS:
        out = pattern.sub(_redact_sub, out)
    return out


# --------------------------------------------------------------------------- helpers


class _ObjDef:
    """A network/service object or an object-group as written (resolved lazily)."""

    __slots__ = ("kind", "type", "name", "loc", "entries", "protos", "description", "node")

    def __init__(self, kind: str, type_: str, name: str, loc: Location, node: ConfigLine):
        self.kind = kind  # model kind: address-object, address-group, ...
        self.type = type_  # network | service | protocol | icmp-type | user | security
        self.name = name
        self.loc = loc
        self.entries: list[tuple] = []
        self.protos: tuple[int, ...] | None = None  # port groups: tcp/udp/tcp-udp
        self.description = ""
        self.node = node


class _Addr:
    """A resolved address operand."""

    __slots__ = ("any", "family", "items", "names", "unresolved", "notes")

    def __init__(self, any_=False, family=None, items=(), names=(), unresolved=(), notes=()):
        self.any = any_
        self.family = family
        self.items = items
        self.names = names
        self.unresolved = unresolved
        self.notes = notes

    def to_set(self) -> AddressSet:
        return AddressSet(items=self.items, any=self.any, names=self.names, unresolved=self.unresolved)


_ANY = _Addr(True, None)
_ANY4 = _Addr(True, 4)
_ANY6 = _Addr(True, 6)


def _items_family(items) -> int | None:
    fam = None
    for it in items:
        if fam is None:
            fam = it.family
        elif fam != it.family:
            return None
    return fam


# --------------------------------------------------------------------------- the parser




class AsaParser:
    vendor = "cisco_asa"

    def detect(self, text: str) -> int:
        from parsers.detect import score_vendors  # light; imported lazily by rule

        score = score_vendors(text[:200_000]).get("cisco_asa", 0)
        return max(0, min(100, score))

    def parse(self, text: str, file: str) -> Device:
        # The parse allocates many small, acyclic objects: pausing the cyclic garbage
        # collector meanwhile saves about a third of the time on large configs.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return _Run(newline_only(text), file).run()
        finally:
            if enabled:
                gc.enable()


class _Run:
    """One parse of one file."""

    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
        self.dev = Device(hostname="", vendor="cisco_asa", file=file)
        self.dev.stateful = True
        self.dev.security_levels = True
        self.mgmt = self.dev.management
        self.facts: dict[str, Any] = self.dev.facts
        self.mfacts: dict[str, Any] = self.mgmt.facts
        self.recognised = 0
        self.aliases: dict[str, str] = {}
        self.objs: dict[str, _ObjDef] = {}
        self.nameifs: dict[str, Interface] = {}
        self.ifaces: dict[str, Interface] = {}
        self.acl_lines: dict[str, list[tuple[ConfigLine, list[str]]]] = {}
        self.access_groups: list[tuple[list[str], Location]] = []
        self.time_ranges: dict[str, bool | None] = {}
        self.deferred_refs: list[tuple[str, Location, str, str]] = []  # name, loc, context, default kind
        self.mgmt_services: dict[tuple[str, str], ManagementService] = {}
        self.http_server_loc: Location | None = None
        self.timeout_locs: dict[str, Location] = {}  # 'ssh' | 'telnet' | 'http' -> the line setting its idle timeout
        self.snmp_enabled = True
        self.users: dict[str, LocalUser] = {}
        self.aaa_groups: dict[str, str] = {}
        self.ntp_keyed: list[bool] = []
        self.mtus: list[tuple[str, str]] = []
        self.all_nodes: list[tuple[ConfigLine, list[str]]] = []
        # caches
        self._v4: dict[str, int | None] = {}
        self._masks: dict[str, tuple[int, int | None] | None] = {}
        self._addr_memo: dict[str, tuple] = {}
        self._svc_memo: dict[str, tuple] = {}
        self._proto_memo: dict[str, tuple] = {}
        self._icmp_memo: dict[str, tuple] = {}
        self._warned_cycles: set[tuple[str, str]] = set()

    # ------------------------------------------------------------------ basics

    def loc(self, node: ConfigLine, whole: bool = False) -> Location:
        end = node.end_number if whole else node.number
        return Location(self.file, node.number, end, asa_redact(node.text.strip()))

    def warn(self, node: ConfigLine, message: str = "line not understood") -> None:
        self.dev.warn(self.loc(node), message)

    def ip4(self, text: str) -> int | None:
        """Dotted quad (or an alias of one; '0' means 0.0.0.0) -> int, else None."""
        v = self._v4.get(text, -1)
        if v != -1:
            return v  # type: ignore[return-value]
        out: int | None = None
        src = self.aliases.get(text, text)
        if src == "0":
            out = 0
        else:
            parts = src.split(".")
            if len(parts) == 4:
                try:
                    nums = [int(p) for p in parts]
                except ValueError:
                    nums = []
                if nums and all(0 <= n <= 255 for n in nums) and all(p.isdigit() for p in parts):
                    out = (nums[0] << 24) | (nums[1] << 16) | (nums[2] << 8) | nums[3]
        self._v4[text] = out
        return out

    def mask(self, text: str) -> tuple[int, int | None] | None:
        """Subnet mask -> (mask int, prefix length or None when not contiguous)."""
        if text in self._masks:
            return self._masks[text]
        m = self.ip4(text) if text not in self.aliases else None
        out = None
        if m is not None:
            inv = (~m) & 0xFFFFFFFF
            plen = 32 - inv.bit_length() if (inv + 1) & inv == 0 else None
            out = (m, plen)
        self._masks[text] = out
        return out

    def ip_any(self, text: str) -> tuple[int, int] | None:
        """An IPv4 or IPv6 address (or alias) -> (family, int)."""
        v = self.ip4(text)
        if v is not None:
            return 4, v
        src = self.aliases.get(text, text)
        if ":" in src:
            try:
                return 6, int(ipaddress.IPv6Address(src.split("%")[0]))
            except ValueError:
                return None
        return None

    def net(self, addr: str, mask: str) -> AddressRange | AddressWildcard:
        """'A M' (IPv4, alias allowed) -> range; raises _Bad."""
        a = self.ip4(addr)
        if a is None:
            raise _Bad(f"'{addr}' is not an IPv4 address or a defined name")
        m = self.mask(mask)
        if m is None:
            raise _Bad(f"'{mask}' is not a subnet mask")
        mval, plen = m
        if plen is None:
            return AddressWildcard(4, a & mval, mval)
        size = 1 << (32 - plen)
        first = a & mval
        return AddressRange(4, first, first + size - 1)

    def net6(self, text: str) -> AddressRange:
        """'2001:db8::/32' (or an alias with /len) -> range; raises _Bad."""
        addr, _, plen = text.partition("/")
        ip = self.ip_any(addr)
        try:
            n = int(plen)
        except ValueError:
            raise _Bad(f"'{text}' is not an IPv6 prefix") from None
        if ip is None or ip[0] != 6 or not 0 <= n <= 128:
            raise _Bad(f"'{text}' is not an IPv6 prefix")
        size = 1 << (128 - n)
        first = ip[1] & ~(size - 1) & MAX_ADDR[6]
        return AddressRange(6, first, first + size - 1)

    def host(self, text: str) -> AddressRange:
        ip = self.ip_any(text)
        if ip is None:
            raise _Bad(f"'{text}' is not an IP address or a defined name")
        return AddressRange(ip[0], ip[1], ip[1])

    def source_net(self, words: list[str], i: int) -> tuple[AddressRange | AddressWildcard, int]:
        """Management-style 'A M' or 'A/len' at words[i] -> (range, next index)."""
        tok = words[i]
        if "/" in tok:
            if ":" in tok or ":" in self.aliases.get(tok.partition("/")[0], ""):
                return self.net6(tok), i + 1
            a, _, plen = tok.partition("/")
            return self.net(a, _prefix_mask(plen)), i + 1
        if i + 1 >= len(words):
            raise _Bad("address without a mask")
        return self.net(tok, words[i + 1]), i + 2

    # ------------------------------------------------------------------ main

    def run(self) -> Device:
        text = self.text
        if not text.strip():
            raise ParseError(self.file, "is empty")
        self.header(text)
        roots = indented_tree(text, "!:")
        # Pass 1: name aliases (used everywhere in place of addresses).
        for node in roots:
            t = node.text
            if t.startswith("name ") or t.startswith("names"):
                words = t.split()
                if words[0] == "name":
                    self.h_name(node, words)
                    self.recognised += 1
                elif words[0] == "names":
                    self.recognised += 1
        # Pass 2: everything in order (ACL lines collected, built afterwards).
        dispatch = self.dispatch = self.dispatch_table()
        for node in roots:
            words = node.text.split()
            self.all_nodes.append((node, words))
            head = words[0]
            if head in ("name", "names"):
                continue
            handler = dispatch.get(head)
            try:
                if handler is not None:
                    self.recognised += 1
                    handler(node, words)
                elif head in _RECOGNISED or head.startswith("Cryptochecksum"):
                    self.recognised += 1
                    self.scan_block(node, words)
                else:
                    self.warn(node)
                    self.collect_children(node)
            except _Bad as exc:
                self.warn(node, str(exc))
            except (ValueError, IndexError, KeyError) as exc:  # never crash on odd input
                self.warn(node, f"line not understood ({exc.__class__.__name__}: {exc})")
            except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the file
                self.warn(node, f"line not understood (internal error {exc.__class__.__name__}: {exc})")
        if self.recognised == 0 and roots:
            raise ParseError(self.file, "not a Cisco ASA configuration (no ASA command recognised)", roots[0].number)
        self.finish_interfaces()
        self.build_filters()
        self.bind_filters()
        self.finish_management()
        self.finish_remote_access()
        self.resolve_deferred()
        self.safety_net()
        self.dev.parse_warnings.sort(key=lambda pw: pw.loc.line)
        if not self.dev.hostname:
            self.dev.hostname = PurePath(self.file).stem or "asa"
        self.dev.line_count = text.count("\n") + (0 if text.endswith("\n") else 1)
        return self.dev

    def header(self, text: str) -> None:
        """`: Hardware:` and `: Serial Number:` comments of the show-run header."""
        for number, raw in enumerate(text[:20000].splitlines()[:60], 1):
            line = raw.strip()
            if line.startswith(": Hardware:"):
                model = line.split(":", 2)[2].strip().split(",")[0].strip()
                if model:
                    self.dev.model = model
                    self.facts["model_line"] = number
            elif line.startswith(": Serial Number:"):
                self.facts["serial_number"] = line.split(":", 2)[2].strip()

    def dispatch_table(self) -> dict:
        return {
            "ASA": self.h_version, "PIX": self.h_version, "FWSM": self.h_version,
            "hostname": self.h_hostname, "domain-name": self.h_domain,
            "interface": self.h_interface, "object": self.h_object,
            "object-group": self.h_object_group, "access-list": self.h_access_list,
            "access-group": self.h_access_group, "same-security-traffic": self.h_same_security,
            "route": self.h_route, "ipv6": self.h_ipv6, "ssh": self.h_ssh,
            "telnet": self.h_telnet, "http": self.h_http, "snmp-server": self.h_snmp,
            "aaa-server": self.h_aaa_server, "aaa": self.h_aaa, "username": self.h_username,
            "enable": self.h_enable, "passwd": self.h_passwd, "logging": self.h_logging,
            "ntp": self.h_ntp, "banner": self.h_banner, "icmp": self.h_icmp,
            "service": self.h_service, "failover": self.h_failover,
            "threat-detection": self.h_threat, "crypto": self.h_crypto,
            "webvpn": self.h_webvpn, "tunnel-group": self.h_tunnel_group,
            "group-policy": self.h_group_policy, "nat": self.h_nat,
            "time-range": self.h_time_range, "console": self.h_console,
            "service-policy": self.h_service_policy, "sysopt": self.h_sysopt,
            "dhcpd": self.h_dhcpd, "dhcprelay": self.h_dhcprelay, "ip": self.h_ip,
            "ssl": self.h_ssl, "password-policy": self.h_password_policy,
            "password": self.h_password, "management-access": self.h_management_access,
            "no": self.h_no, "boot": self.h_boot, "asdm": self.h_asdm, "clock": self.h_clock,
            "mtu": self.h_mtu, "zone": self.h_zone, "firewall": self.h_firewall,
        }

    def collect_children(self, node: ConfigLine) -> None:
        for child in node.children:
            self.all_nodes.append((child, child.text.split()))
            self.collect_children(child)

    # ------------------------------------------------------------------ ACL references in other commands

    def scan_block(self, node: ConfigLine, words: list[str], context: str = "") -> None:
        """Record ACL references in a recognised-but-not-modelled line and its children."""
        context = context or " ".join(words[:2])
        self.scan_acl_refs(node, words, context)
        for child in node.children:
            cw = child.text.split()
            self.all_nodes.append((child, cw))
            self.scan_block(child, cw, context)

    def scan_acl_refs(self, node: ConfigLine, words: list[str], context: str) -> None:
        names: list[str] = []
        n = len(words)
        for i in range(n - 1):
            w = words[i]
            nxt = words[i + 1]
            prev = words[i - 1] if i else ""
            if w == "access-list":
                if i:  # at the start of a line it is a definition, not a use
                    names.append(nxt)
            elif w == "match" and nxt == "address" and i + 2 < n:
                names.append(words[i + 2])
            elif w == "match" and nxt in ("ip", "ipv6") and i + 2 < n and words[i + 2] == "address":
                if "prefix-list" not in words[i + 3:]:
                    names.extend(words[i + 3:])
            elif w == "value" and prev in (
                "vpn-filter", "split-tunnel-network-list", "ipv6-split-tunnel-network-list", "filter",
            ):
                names.append(nxt)
            elif w in ("network-acl", "redirect-list", "group-list") and prev != "no":
                names.append(nxt)
            elif w == "distribute-list" and nxt not in ("prefix", "prefix-list", "route-map"):
                names.append(nxt)
            elif w == "access-group" and words[0] in ("igmp", "pim", "ospf", "ipv6"):
                names.append(nxt)
            elif w == "match" and words[0] == "aaa" and i >= 2:
                names.append(nxt)
        if names:
            loc = self.loc(node)
            for name in names:
                self.dev.refer("acl", name, loc, context)

    # ------------------------------------------------------------------ inventory

    def h_version(self, node, words):
        if len(words) >= 3 and words[1] == "Version":
            self.dev.os_version = words[2]
            self.dev.os_version_loc = self.loc(node)
            self.facts["platform"] = words[0].lower()
            if "<context>" in words[3:]:
                self.facts["multi_context"] = True
        else:
            raise _Bad("line not understood")

    def h_hostname(self, node, words):
        if len(words) < 2:
            raise _Bad("hostname without a name")
        self.dev.hostname = words[1]

    def h_domain(self, node, words):
        if len(words) >= 2:
            self.facts["domain_name"] = words[1]

    def h_boot(self, node, words):
        if len(words) >= 3 and words[1] == "system":
            self.facts.setdefault("boot_system", []).append(words[2])

    def h_asdm(self, node, words):
        if len(words) >= 3 and words[1] == "image":
            self.facts["asdm_image"] = words[2]

    def h_clock(self, node, words):
        if len(words) >= 3 and words[1] == "timezone":
            self.facts["clock_timezone"] = asa_redact(" ".join(words[2:]))

    def h_firewall(self, node, words):
        if len(words) >= 2:
            self.facts["firewall_mode"] = words[1]
            self.facts["firewall_mode_line"] = node.number

    def h_name(self, node, words):
        if len(words) < 3:
            self.warn(node, "name without an address and a name")
            return
        addr, alias = words[1], words[2]
        if self.ip_any(addr) is None:
            self.warn(node, f"name: '{addr}' is not an IP address")
            return
        self.aliases[alias] = addr
        self._v4.clear()
        self._masks.clear()

    # ------------------------------------------------------------------ interfaces

    def h_interface(self, node, words):
        if len(words) < 2:
            raise _Bad("interface without a name")
        name = words[1]
        iface = self.ifaces.get(name)
        if iface is None:
            iface = Interface(name=name, loc=self.loc(node, whole=True))
            if name.lower().startswith("vlan") and name[4:].isdigit():
                iface.vlan_id = int(name[4:])
            self.ifaces[name] = iface
            self.dev.interfaces.append(iface)
        for child in node.children:
            cw = child.text.split()
            self.all_nodes.append((child, cw))
            try:
                self.interface_child(iface, child, cw)
            except _Bad as exc:
                self.warn(child, str(exc))
            except (ValueError, IndexError) as exc:
                self.warn(child, f"line not understood ({exc})")

    def interface_child(self, iface: Interface, node: ConfigLine, w: list[str]) -> None:
        key = w[0]
        neg = key == "no"
        if neg:
            if len(w) < 2:
                raise _Bad("line not understood")
            key = w[1]
            if key == "nameif":
                iface.nameif = None
            elif key == "security-level":
                iface.security_level = None
            elif key == "ip" and len(w) > 2 and w[2] == "address":
                iface.addresses = [a for a in iface.addresses if a.family != 4]
            elif key == "shutdown":
                iface.shutdown = False
            return
        if key == "nameif":
            iface.nameif = w[1]
            self.nameifs[w[1]] = iface
        elif key == "security-level":
            lvl = int(w[1])
            if not 0 <= lvl <= 100:
                raise _Bad(f"security-level {lvl} is outside 0-100")
            iface.security_level = lvl
        elif key == "ip" and len(w) >= 3 and w[1] == "address":
            if w[2] in ("dhcp", "pppoe"):
                iface.extra["address_" + w[2]] = True
                return
            if len(w) < 4:
                raise _Bad("ip address without a mask")
            a = self.ip4(w[2])
            m = self.mask(w[3])
            if a is None or m is None or m[1] is None:
                raise _Bad(f"'{w[2]} {w[3]}' is not an address and subnet mask")
            iface.addresses = [x for x in iface.addresses if x.family != 4]
            iface.addresses.append(InterfaceAddress(4, a, m[1]))
            if len(w) >= 6 and w[4] == "standby":
                iface.extra["standby"] = w[5]
        elif key == "ipv6":
            if len(w) >= 3 and w[1] == "address" and "/" in w[2]:
                addr, _, plen = w[2].partition("/")
                ip = self.ip_any(addr)
                if ip is None or ip[0] != 6:
                    raise _Bad(f"'{w[2]}' is not an IPv6 address")
                iface.addresses.append(InterfaceAddress(6, ip[1], int(plen)))
                if "standby" in w:
                    iface.extra["standby6"] = w[w.index("standby") + 1]
            else:
                iface.extra.setdefault("ipv6", []).append(" ".join(w[1:]))
        elif key == "shutdown":
            iface.shutdown = True
        elif key == "description":
            iface.description = node.text.strip().split(None, 1)[1] if len(w) > 1 else ""
        elif key == "management-only":
            iface.extra["management_only"] = True
        elif key == "vlan":
            iface.vlan_id = int(w[1])
        elif key == "switchport":
            # ASA 5505/5506-X switch ports: the routed interface is 'interface VlanN'
            iface.switchport = True
            if len(w) >= 4 and w[1] == "access" and w[2] == "vlan":
                iface.mode = "access"
                iface.access_vlan = int(w[3])
            elif len(w) >= 3 and w[1] == "mode":
                iface.mode = w[2]
            elif len(w) >= 5 and w[1:4] == ["trunk", "allowed", "vlan"]:
                iface.trunk_allowed_vlans = tuple(_vlan_list(w[4]))
            elif len(w) >= 5 and w[1:4] == ["trunk", "native", "vlan"]:
                iface.native_vlan = int(w[4])
            else:
                iface.extra.setdefault("other", []).append(" ".join(w))
        elif key == "zone-member":
            iface.zone = w[1]
        elif key in _INTERFACE_CHILDREN or key == "ip":
            if key == "igmp" or key == "pim":
                self.scan_acl_refs(node, w, f"interface {iface.name}")
            iface.extra.setdefault("other", []).append(asa_redact(" ".join(w)))
        else:
            raise _Bad("line not understood")

    def h_mtu(self, node, words):
        if len(words) >= 3:
            self.mtus.append((words[1], words[2]))

    def h_zone(self, node, words):
        if len(words) >= 2:
            self.facts.setdefault("zones", []).append(words[1])

    def finish_interfaces(self) -> None:
        for iface in self.dev.interfaces:
            if iface.nameif and iface.security_level is None:
                # ASA default: 'inside' gets 100, any other name 0.
                iface.security_level = 100 if iface.nameif == "inside" else 0
                iface.extra["security_level_default"] = True
        for nameif, value in self.mtus:
            iface = self.nameifs.get(nameif)
            if iface is not None:
                iface.extra["mtu"] = int(value) if value.isdigit() else value
        zones: dict[str, Zone] = {}
        for iface in self.dev.interfaces:
            if iface.zone:
                z = zones.setdefault(iface.zone, Zone(iface.zone))
                z.interfaces.append(iface.name)
        self.dev.zones.extend(zones.values())

    # ------------------------------------------------------------------ objects

    def h_object(self, node, words):
        if len(words) < 3 or words[1] not in ("network", "service"):
            raise _Bad("object: expected 'object network|service NAME'")
        type_, name = words[1], words[2]
        kind = "address-object" if type_ == "network" else "service-object"
        existing = self.objs.get(name)
        if existing is not None and existing.type != type_:
            self.warn(node, f"object {name}: the name is already used by a {existing.type} object or group")
            self.collect_children(node)
            return
        first = existing is None
        if first:
            obj = _ObjDef(kind, type_, name, self.loc(node, whole=True), node)
            self.objs[name] = obj
        else:
            obj = existing  # show run repeats network objects in its NAT section
        for child in node.children:
            cw = child.text.split()
            self.all_nodes.append((child, cw))
            try:
                if cw[0] == "description":
                    obj.description = child.text.strip().split(None, 1)[1] if len(cw) > 1 else ""
                elif cw[0] == "nat" and type_ == "network":
                    self.object_nat(obj, child, cw)
                elif type_ == "network":
                    self.network_object_entry(obj, child, cw, replace=True)
                else:
                    self.service_object_entry(obj, child, cw)
            except _Bad as exc:
                self.warn(child, f"object {name}: {exc}")
            except (ValueError, IndexError) as exc:
                self.warn(child, f"object {name}: line not understood ({exc})")
        if first:
            members = tuple(asa_redact(c.text.strip()) for c in node.children if not c.text.strip().startswith(("description", "nat ")))
            self.dev.define(kind, name, obj.loc, members, obj.description)

    def network_object_entry(self, obj: _ObjDef, node: ConfigLine, w: list[str], replace: bool) -> None:
        """`host A`, `subnet A M`, `subnet A/len`, `range A B`, `fqdn [v4|v6] NAME`."""
        key = w[0]
        if key == "host":
            entry = ("item", self.host(w[1]))
        elif key == "subnet":
            if "/" in w[1]:
                entry = ("item", self.net6(w[1]))
            else:
                entry = ("item", self.net(w[1], w[2]))
        elif key == "range":
            a, b = self.ip_any(w[1]), self.ip_any(w[2])
            if a is None or b is None or a[0] != b[0] or a[1] > b[1]:
                raise _Bad(f"range {w[1]} {w[2]} is not a valid address range")
            entry = ("item", AddressRange(a[0], a[1], b[1]))
        elif key == "fqdn":
            fq = w[-1]
            entry = ("fqdn", fq)
        else:
            raise _Bad("line not understood")
        if replace:
            obj.entries = [entry]  # an object holds one definition; a new one replaces it
        else:
            obj.entries.append(entry)

    def service_object_entry(self, obj: _ObjDef, node: ConfigLine, w: list[str]) -> None:
        if w[0] != "service" or len(w) < 2:
            raise _Bad("line not understood")
        obj.entries = [("svc", self.service_spec(w, 1))]

    def service_spec(self, w: list[str], i: int) -> tuple[Service, ...]:
        """`PROTO [source OP P] [destination OP P]` / `icmp [TYPE [CODE]]` from words[i]."""
        proto_word = w[i]
        protos: tuple[int | None, ...]
        if proto_word == "tcp-udp":
            protos = (6, 17)
        else:
            p = self.protocol(proto_word)
            protos = (p,)
        i += 1
        src: tuple | None = ()
        dst: tuple | None = ()
        icmp_type = icmp_code = None
        n = len(w)
        if protos[0] in _ICMP_PROTOS:
            table = ICMP_TYPES if protos[0] == 1 else ICMP6_TYPES
            if i < n:
                icmp_type = self.icmp_type(w[i], table)
                i += 1
                if i < n and w[i].isdigit():
                    icmp_code = int(w[i])
                    i += 1
        else:
            while i < n:
                if w[i] in ("source", "destination"):
                    which = w[i]
                    ranges, i = self.port_op(w, i + 1)
                    if which == "source":
                        src = ranges
                    else:
                        dst = ranges
                elif w[i] in _PORT_OPS:  # legacy: an operator alone means destination
                    dst, i = self.port_op(w, i)
                else:
                    break
            if (src or dst) and not all(p in _PORT_PROTOS for p in protos):
                raise _Bad(f"ports given for protocol {proto_word}")
        if i < n:
            raise _Bad(f"unexpected '{w[i]}'")
        if src is None or dst is None:
            return ()
        return tuple(Service(p, src, dst, icmp_type, icmp_code) for p in protos)

    def protocol(self, word: str) -> int | None:
        if word in ASA_PROTOCOLS:
            return ASA_PROTOCOLS[word]
        if word.isdigit() and 0 <= int(word) <= 255:
            n = int(word)
            return None if n == 0 else n
        raise _Bad(f"unknown protocol '{word}'")

    def icmp_type(self, word: str, table: dict[str, int]) -> int:
        if word in table:
            return table[word]
        if word.isdigit() and 0 <= int(word) <= 255:
            return int(word)
        raise _Bad(f"unknown ICMP type '{word}'")

    def port(self, word: str) -> int:
        if word.isdigit():
            n = int(word)
            if 0 <= n <= 65535:
                return n
            raise _Bad(f"port {n} is outside 0-65535")
        p = ASA_PORTS.get(word)
        if p is None:
            raise _Bad(f"unknown port name '{word}'")
        return p

    def port_op(self, w: list[str], i: int) -> tuple[tuple | None, int]:
        """`eq P`, `neq P`, `lt P`, `gt P`, `range A B` at w[i] -> (ranges or None
        when nothing can match, next index)."""
        if i >= len(w):
            raise _Bad("port operator missing")
        op = w[i]
        if op == "range":
            if i + 2 >= len(w):
                raise _Bad("range needs two ports")
            a, b = self.port(w[i + 1]), self.port(w[i + 2])
            if a > b:
                raise _Bad(f"port range {a}-{b} is reversed")
            return ((a, b),), i + 3
        if op not in _PORT_OPS or i + 1 >= len(w):
            raise _Bad(f"expected a port operator, got '{op}'")
        p = self.port(w[i + 1])
        if op == "eq":
            return ((p, p),), i + 2
        if op == "neq":
            return port_ranges_not(((p, p),)), i + 2
        if op == "lt":
            return (((0, p - 1),) if p > 0 else None), i + 2
        return (((p + 1, 65535),) if p < 65535 else None), i + 2  # gt

    def object_nat(self, obj: _ObjDef, node: ConfigLine, w: list[str]) -> None:
        loc = self.loc(node)
        self.dev.refer("address-object", obj.name, loc, "object nat")
        ifs = w[1] if len(w) > 1 and w[1].startswith("(") else ""
        typ = next((x for x in w[1:4] if x in ("static", "dynamic")), "")
        mapped = ""
        if typ:
            k = w.index(typ)
            mapped = w[k + 1] if k + 1 < len(w) else ""
        for tok in w[2:]:
            if tok == "description":
                break
            if tok in self.objs and tok != obj.name:
                self.deferred_refs.append((tok, loc, "object nat", "address-object"))
        self.nat_inventory("object", node, ifs, typ, obj.name, mapped)

    def nat_inventory(self, kind: str, node: ConfigLine, ifs: str, typ: str, real: str, mapped: str) -> None:
        real_if, _, mapped_if = ifs.strip("()").partition(",")
        self.facts.setdefault("nat", []).append({
            "line": node.number, "kind": kind, "type": typ, "real_interface": real_if,
            "mapped_interface": mapped_if, "real": real, "mapped": mapped,
        })
        if mapped_if and mapped_if != "any":
            iface = self.nameifs.get(mapped_if)
            if iface is not None:
                iface.nat_outside = True

    def h_object_group(self, node, words):
        if len(words) < 3:
            raise _Bad("object-group: expected 'object-group TYPE NAME'")
        type_, name = words[1], words[2]
        kinds = {"network": "address-group", "service": "service-group",
                 "protocol": "protocol-group", "icmp-type": "icmp-group"}
        if type_ in ("user", "security"):
            self.objs.setdefault(name, _ObjDef(type_ + "-group", type_, name, self.loc(node, True), node))
            self.collect_children(node)
            return
        if type_ not in kinds:
            raise _Bad(f"object-group: unknown type '{type_}'")
        kind = kinds[type_]
        if name in self.objs:
            self.warn(node, f"object-group {name}: the name is already defined; this definition is ignored")
            self.collect_children(node)
            return
        grp = _ObjDef(kind, type_, name, self.loc(node, whole=True), node)
        self.objs[name] = grp
        if type_ == "service" and len(words) >= 4:
            grp.protos = {"tcp": (6,), "udp": (17,), "tcp-udp": (6, 17), "sctp": (132,)}.get(words[3])
            if grp.protos is None:
                self.warn(node, f"object-group {name}: unknown protocol '{words[3]}'")
                grp.protos = ()
        members: list[str] = []
        for child in node.children:
            cw = child.text.split()
            self.all_nodes.append((child, cw))
            try:
                if cw[0] == "description":
                    grp.description = child.text.strip().split(None, 1)[1] if len(cw) > 1 else ""
                    continue
                members.append(asa_redact(" ".join(cw)))
                self.group_entry(grp, child, cw)
            except _Bad as exc:
                self.warn(child, f"object-group {name}: {exc}")
            except (ValueError, IndexError) as exc:
                self.warn(child, f"object-group {name}: line not understood ({exc})")
        self.dev.define(kind, name, grp.loc, tuple(members), grp.description)

    def group_entry(self, grp: _ObjDef, node: ConfigLine, w: list[str]) -> None:
        key = w[0]
        if key == "group-object":
            self.dev.refer(grp.kind, w[1], self.loc(node), f"nested in object-group {grp.name}")
            grp.entries.append(("group", w[1], node))
            return
        t = grp.type
        if t == "network" and key == "network-object":
            if w[1] == "object":
                self.dev.refer("address-object", w[2], self.loc(node), f"member of object-group {grp.name}")
                grp.entries.append(("object", w[2]))
            elif w[1] == "host":
                grp.entries.append(("item", self.host(w[2])))
            elif "/" in w[1]:
                grp.entries.append(("item", self.net6(w[1])))
            else:
                if len(w) < 3:
                    raise _Bad("network-object without a mask")
                grp.entries.append(("item", self.net(w[1], w[2])))
        elif t == "service" and key == "port-object":
            if grp.protos is None:
                raise _Bad("port-object in a service group without a protocol")
            ranges, i = self.port_op(w, 1)
            if i < len(w):
                raise _Bad(f"unexpected '{w[i]}'")
            grp.entries.append(("svc", tuple(Service(p, (), ranges) for p in grp.protos) if ranges is not None else ()))
        elif t == "service" and key == "service-object":
            if w[1] == "object":
                self.dev.refer("service-object", w[2], self.loc(node), f"member of object-group {grp.name}")
                grp.entries.append(("object", w[2]))
            else:
                grp.entries.append(("svc", self.service_spec(w, 1)))
        elif t == "protocol" and key == "protocol-object":
            grp.entries.append(("proto", self.protocol(w[1])))
        elif t == "icmp-type" and key == "icmp-object":
            grp.entries.append(("icmp", self.icmp_type(w[1], ICMP_TYPES)))
        else:
            raise _Bad("line not understood")

    # -- resolution

    def cycle(self, grp: str, child: str, node: ConfigLine | None) -> None:
        if (grp, child) in self._warned_cycles:
            return
        self._warned_cycles.add((grp, child))
        loc = self.loc(node) if node is not None else self.objs[grp].loc
        self.dev.warn(loc, f"object-group {grp}: nesting loop through group-object {child}; the loop is ignored")

    def resolve_addr(self, name: str, stack: tuple[str, ...] = ()) -> tuple | None:
        """(items, unresolved, notes, family, families) of a network object or group
        (family: 4 or 6 when all items share it, else None); None if undefined or not
        a network object."""
        memo = self._addr_memo.get(name)
        if memo is not None:
            return memo
        obj = self.objs.get(name)
        if obj is None or obj.type != "network":
            return None
        items: list = []
        unres: list[str] = []
        notes: list[str] = []
        fams: set[int] = set()
        stack = stack + (name,)
        for entry in obj.entries:
            k = entry[0]
            if k == "item":
                items.append(entry[1])
                fams.add(entry[1].family)
            elif k == "fqdn":
                unres.append(name)
                notes.append(f"FQDN object {name} ({entry[1]}) is resolved by DNS at run time")
            elif k in ("object", "group"):
                child = entry[1]
                if k == "group" and child in stack:
                    self.cycle(name, child, entry[2])
                    continue
                sub = self.resolve_addr(child, stack)
                if sub is None:
                    unres.append(child)
                    notes.append(f"{child} is not a defined network object")
                else:
                    items.extend(sub[0])
                    unres.extend(sub[1])
                    notes.extend(sub[2])
                    fams |= sub[4]
        family = next(iter(fams)) if len(fams) == 1 else None
        out = (tuple(items), tuple(dict.fromkeys(unres)), tuple(dict.fromkeys(notes)), family, frozenset(fams))
        self._addr_memo[name] = out
        return out

    def resolve_svc(self, name: str, stack: tuple[str, ...] = ()) -> tuple | None:
        """(services, unresolved names) of a service object or group."""
        memo = self._svc_memo.get(name)
        if memo is not None:
            return memo
        obj = self.objs.get(name)
        if obj is None or obj.type != "service":
            return None
        out: list[Service] = []
        unres: list[str] = []
        stack = stack + (name,)
        for entry in obj.entries:
            k = entry[0]
            if k == "svc":
                out.extend(entry[1])
            elif k in ("object", "group"):
                child = entry[1]
                if k == "group" and child in stack:
                    self.cycle(name, child, entry[2])
                    continue
                sub = self.resolve_svc(child, stack)
                if sub is None:
                    unres.append(child)
                else:
                    out.extend(sub[0])
                    unres.extend(sub[1])
        res = (tuple(dict.fromkeys(out)), tuple(dict.fromkeys(unres)))
        self._svc_memo[name] = res
        return res

    def resolve_proto(self, name: str, stack: tuple[str, ...] = ()) -> tuple | None:
        memo = self._proto_memo.get(name)
        if memo is not None:
            return memo
        obj = self.objs.get(name)
        if obj is None or obj.type != "protocol":
            return None
        out: list[int | None] = []
        stack = stack + (name,)
        for entry in obj.entries:
            if entry[0] == "proto":
                out.append(entry[1])
            elif entry[0] == "group":
                if entry[1] in stack:
                    self.cycle(name, entry[1], entry[2])
                    continue
                out.extend(self.resolve_proto(entry[1], stack) or ())
        res = tuple(dict.fromkeys(out))
        self._proto_memo[name] = res
        return res

    def resolve_icmp(self, name: str, stack: tuple[str, ...] = ()) -> tuple | None:
        memo = self._icmp_memo.get(name)
        if memo is not None:
            return memo
        obj = self.objs.get(name)
        if obj is None or obj.type != "icmp-type":
            return None
        out: list[int] = []
        stack = stack + (name,)
        for entry in obj.entries:
            if entry[0] == "icmp":
                out.append(entry[1])
            elif entry[0] == "group":
                if entry[1] in stack:
                    self.cycle(name, entry[1], entry[2])
                    continue
                out.extend(self.resolve_icmp(entry[1], stack) or ())
        res = tuple(dict.fromkeys(out))
        self._icmp_memo[name] = res
        return res

    def kind_of(self, name: str, default: str) -> str:
        obj = self.objs.get(name)
        return obj.kind if obj is not None else default

    # ------------------------------------------------------------------ time ranges

    def h_time_range(self, node, words):
        if len(words) < 2:
            raise _Bad("time-range without a name")
        name = words[1]
        expired: bool | None = False
        end: datetime | None = None
        for child in node.children:
            cw = child.text.split()
            self.all_nodes.append((child, cw))
            if cw[0] == "absolute":
                if "end" in cw:
                    k = cw.index("end")
                    try:
                        end = _asa_datetime(cw[k + 1:k + 5])
                    except (ValueError, IndexError):
                        self.warn(child, f"time-range {name}: cannot read the end date")
                        expired = None
            elif cw[0] in ("periodic", "description"):
                pass
            else:
                self.warn(child, f"time-range {name}: line not understood")
        if end is not None:
            expired = end < _now()
        self.time_ranges[name] = expired
        self.dev.define("time-range", name, self.loc(node, whole=True))

    # ------------------------------------------------------------------ access lists

    def h_access_list(self, node, words):
        if len(words) < 3:
            raise _Bad("access-list: incomplete line")
        self.acl_lines.setdefault(words[1], []).append((node, words))
        if node.children:
            self.collect_children(node)

    def build_filters(self) -> None:
        for name, lines in self.acl_lines.items():
            self.build_filter(name, lines)

    def build_filter(self, name: str, lines: list[tuple[ConfigLine, list[str]]]) -> None:
        first, last = lines[0][0], lines[-1][0]
        floc = Location(self.file, first.number, last.number, asa_redact(first.text.strip()))
        acl_type: str | None = None
        rules: list[Rule] = []
        remarks: list[str] = []
        position = 0
        context = f"access-list {name}"
        for node, w in lines:
            i = 2
            if w[i] == "line" and len(w) > i + 1 and w[i + 1].isdigit():
                i += 2
            if i >= len(w):
                self.warn(node, f"access-list {name}: incomplete line")
                continue
            kw = w[i]
            position += 1
            if kw == "remark":
                parts = node.text.strip().split(None, i + 1)
                remarks.append(parts[i + 1] if len(parts) > i + 1 else "")
                continue
            if kw in ("permit", "deny"):
                kw = "extended"  # PIX-style lines without a type are extended
                i -= 1
            if kw == "advanced":
                kw = "extended"
            if kw in ("webtype", "ethertype"):
                if acl_type is None:
                    self.facts.setdefault("parse_notes", []).append(
                        f"{self.file}:{node.number}: {kw} access-list {name} is not modelled (no IP rules)")
                acl_type = acl_type or kw
                continue
            if kw not in ("extended", "standard"):
                self.warn(node, f"access-list {name}: unknown access-list type '{kw}'")
                continue
            if acl_type is None:
                acl_type = kw
            elif acl_type != kw:
                self.warn(node, f"access-list {name}: mixes {acl_type} and {kw} entries; line ignored")
                continue
            loc = Location(self.file, node.number, node.number, asa_redact(node.text.strip()))
            try:
                if kw == "standard":
                    rule = self.standard_ace(w, i + 1, loc)
                else:
                    rule = self.extended_ace(w, i + 1, loc, context)
            except _Bad as exc:
                self.dev.warn(loc, f"access-list {name}: {exc}; rule ignored")
                remarks = []
                continue
            except (ValueError, IndexError) as exc:
                self.dev.warn(loc, f"access-list {name}: line not understood ({exc}); rule ignored")
                remarks = []
                continue
            except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the file
                self.dev.warn(loc, f"access-list {name}: internal error {exc.__class__.__name__}: {exc}; rule ignored")
                remarks = []
                continue
            rule.name = f"line {position}"
            if remarks:
                rule.remark = "\n".join(remarks)
                remarks = []
            rules.append(rule)
        self.dev.define("acl", name, floc)
        if acl_type in ("webtype", "ethertype"):
            self.facts.setdefault("non_ip_acls", {})[name] = acl_type
            return
        filt = Filter(
            name=name, kind="standard-acl" if acl_type == "standard" else "acl", rules=rules,
            default_action=DENY, default_note="implicit deny at the end of every ASA access list",
            loc=floc, stateful=True,
        )
        if remarks:
            filt.remark = "\n".join(remarks)
        self.dev.filters[name] = filt

    def standard_ace(self, w: list[str], i: int, loc: Location) -> Rule:
        """ASA standard ACLs match the destination address only (route maps, OSPF,
        split tunnels)."""
        action = w[i]
        if action not in ("permit", "deny"):
            raise _Bad(f"expected permit or deny, got '{action}'")
        addr, i = self.address(w, i + 1, loc, "standard access-list")
        if i < len(w):
            raise _Bad(f"unexpected '{w[i]}'")
        rule = Rule(action=action, src=AddressSet(any=True), dst=addr.to_set(), services=(ANY_SERVICE,),
                    loc=loc, family=4, vendor_action=action)
        rule.extra["standard"] = True
        if addr.notes:
            rule.approximations = addr.notes
        return rule

    def extended_ace(self, w: list[str], i: int, loc: Location, context: str) -> Rule:
        n = len(w)
        if i >= n:
            raise _Bad("incomplete line")
        action = w[i]
        if action not in ("permit", "deny"):
            raise _Bad(f"expected permit or deny, got '{action}'")
        i += 1
        if i >= n:
            raise _Bad("protocol missing")
        approximations: list[str] = []
        service_names: list[str] = []
        extra: dict[str, Any] = {}
        # ---- protocol / service
        mode = "proto"  # proto | protos | svc
        proto: int | None = None
        protos: tuple[int | None, ...] = ()
        services: tuple[Service, ...] = ()
        unresolved_svc: list[str] = []
        tok = w[i]
        if tok in ("object", "object-group"):
            if i + 1 >= n:
                raise _Bad(f"{tok} without a name")
            sname = w[i + 1]
            i += 2
            service_names.append(sname)
            obj = self.objs.get(sname)
            if obj is not None and obj.type == "protocol":
                self.dev.refer("protocol-group", sname, loc, context)
                mode = "protos"
                protos = self.resolve_proto(sname) or ()
            elif obj is not None and obj.type == "service" and obj.protos is None:
                self.dev.refer(obj.kind, sname, loc, context)
                mode = "svc"
                res = self.resolve_svc(sname) or ((), ())
                services = res[0]
                if res[1]:
                    unresolved_svc.extend(res[1])
            elif obj is not None:
                raise _Bad(f"{tok} {sname} ({obj.type}) cannot stand for the protocol")
            else:
                self.dev.refer("service-object" if tok == "object" else "service-group", sname, loc, context)
                mode = "svc"
                unresolved_svc.append(sname)
                approximations.append(f"{sname} is not a defined service or protocol object")
        else:
            proto = self.protocol(tok)
            i += 1
        # ---- identity (user / security group) arguments
        i = self.identity_args(w, i, approximations, extra)
        # ---- source
        if i >= n:
            raise _Bad("source address missing")
        src, i = self.address(w, i, loc, context)
        i = self.identity_args(w, i, approximations, extra, security_only=True)
        # ---- source ports
        port_capable = (mode == "proto" and proto in _PORT_PROTOS) or (
            mode == "protos" and any(p in _PORT_PROTOS for p in protos))
        sports: tuple | None = ()
        if i < n and port_capable and self.is_port_start(w, i, after_src=True):
            sports, i = self.port_arg(w, i, loc, context, proto, protos, service_names,
                                         unresolved_svc, approximations)
            i = self.identity_args(w, i, approximations, extra, security_only=True)
        # ---- destination
        if i >= n:
            raise _Bad("destination address missing")
        dst, i = self.address(w, i, loc, context)
        # ---- destination ports / ICMP
        dports: tuple | None = ()
        icmp: list[tuple[int | None, int | None]] = [(None, None)]
        if i < n and port_capable and self.is_port_start(w, i, after_src=False):
            dports, i = self.port_arg(w, i, loc, context, proto, protos, service_names,
                                         unresolved_svc, approximations)
        elif i < n and mode == "proto" and proto in _ICMP_PROTOS and w[i] not in _OPTION_WORDS:
            table = ICMP_TYPES if proto == 1 else ICMP6_TYPES
            if w[i] == "object-group":
                gname = w[i + 1]
                self.dev.refer("icmp-group", gname, loc, context)
                service_names.append(gname)
                types = self.resolve_icmp(gname)
                if types is None:
                    unresolved_svc.append(gname)
                    approximations.append(f"{gname} is not a defined icmp-type group")
                    icmp = []
                else:
                    icmp = [(t, None) for t in types]
                i += 2
            else:
                t = self.icmp_type(w[i], table)
                i += 1
                code = None
                if i < n and w[i].isdigit():
                    code = int(w[i])
                    i += 1
                icmp = [(t, code)]
        # ---- options
        log = False
        time_range = None
        enabled = True
        while i < n:
            o = w[i]
            if o == "log":
                i += 1
                log = True
                if i < n and w[i] == "disable":
                    log = False
                    extra["log_disabled"] = True
                    i += 1
                    continue
                if i < n and w[i] == "default":
                    i += 1
                    continue
                if i < n and (w[i] in LOG_LEVELS or (w[i].isdigit() and int(w[i]) <= 7)):
                    extra["log_level"] = LOG_LEVELS.get(w[i], int(w[i]) if w[i].isdigit() else None)
                    i += 1
                if i + 1 < n and w[i] == "interval":
                    extra["log_interval"] = int(w[i + 1])
                    i += 2
            elif o == "time-range":
                if i + 1 >= n:
                    raise _Bad("time-range without a name")
                time_range = w[i + 1]
                self.dev.refer("time-range", time_range, loc, context)
                i += 2
            elif o == "inactive":
                enabled = False
                i += 1
            elif o in ("rule-id", "event-log"):
                if i + 1 >= n:
                    raise _Bad(f"{o} without a value")
                extra[o.replace("-", "_")] = w[i + 1]
                i += 2
            else:
                raise _Bad(f"unexpected '{o}'")
        # ---- services
        if mode == "svc":
            final = services
        else:
            plist = protos if mode == "protos" else (proto,)
            out: list[Service] = []
            for p in plist:
                if p in _PORT_PROTOS:
                    s = sports.get(p, ()) if isinstance(sports, dict) else sports
                    d = dports.get(p, ()) if isinstance(dports, dict) else dports
                    if s is None or d is None:
                        continue  # no port can match
                    out.append(Service(p, s, d))
                elif p in _ICMP_PROTOS and mode == "proto":
                    out.extend(Service(p, icmp_type=t, icmp_code=c) for t, c in icmp)
                elif p is None:
                    out.append(ANY_SERVICE)
                else:
                    out.append(Service(p))
            final = tuple(out)
        if unresolved_svc:
            extra["unresolved_services"] = tuple(dict.fromkeys(unresolved_svc))
            if not any("not a defined" in a or "not defined" in a for a in approximations):
                approximations.append("services of " + ", ".join(extra["unresolved_services"]) + " are not all defined")
            if action == DENY:
                final = ()  # a deny whose services are unknown is assumed not to match
        if extra.get("identity") and action == DENY:
            final = ()  # a deny limited to users/security groups is assumed not to match
        # ---- family (each operand knows its own: any4, a v4 host, a v4-only group...)
        family = src.family
        dfam = dst.family
        if family is None:
            family = dfam
        elif dfam is not None and dfam != family:
            raise _Bad("source and destination mix IPv4 and IPv6")
        approximations.extend(src.notes)
        approximations.extend(dst.notes)
        return Rule(
            action=action, src=src.to_set(), dst=dst.to_set(), services=final, loc=loc,
            family=family, vendor_action=action, log=log, enabled=enabled, time_range=time_range,
            time_range_expired=self.time_ranges.get(time_range) if time_range else None,
            approximations=tuple(dict.fromkeys(approximations)), service_names=tuple(service_names),
            extra=extra,
        )

    def identity_args(self, w: list[str], i: int, approx: list[str], extra: dict[str, Any],
                      security_only: bool = False) -> int:
        """Skip ASA identity-firewall and TrustSec arguments, noting the approximation
        (the rule is modelled as matching any user / any security group) and keeping
        them in `Rule.extra['identity']`."""
        n = len(w)
        while i < n:
            tok = w[i]
            if not security_only and tok in ("user", "user-group", "object-group-user"):
                arg = f"{tok} {w[i + 1] if i + 1 < n else ''}"
                approx.append(f"identity match '{arg}' is ignored (matches any user)")
                i += 2
            elif tok == "security-group" and i + 2 < n:
                arg = f"security-group {w[i + 1]} {w[i + 2]}"
                approx.append(f"{arg} is ignored (matches any security group)")
                i += 3
            elif tok == "object-group-security":
                arg = f"object-group-security {w[i + 1] if i + 1 < n else ''}"
                approx.append(f"{arg} is ignored (matches any security group)")
                i += 2
            else:
                break
            extra.setdefault("identity", []).append(arg)
        return i

    def is_port_start(self, w: list[str], i: int, after_src: bool) -> bool:
        tok = w[i]
        if tok in _PORT_OPS:
            return True
        if tok == "object-group" and i + 1 < len(w):
            obj = self.objs.get(w[i + 1])
            if obj is not None:
                return obj.type == "service"
            # Undefined: a port group when an address follows it (source side), or
            # when nothing but options follow (destination side).
            rest = w[i + 2:]
            if after_src:
                return bool(rest) and (rest[0] in _ADDR_START or self.ip_any(rest[0]) is not None or "/" in rest[0])
            return not rest or rest[0] in _OPTION_WORDS
        return False

    def port_arg(self, w, i, loc, context, proto, protos, service_names, unresolved, approximations):
        """A port operator or a port object-group -> ranges (or a dict per protocol
        when the group's ports depend on the protocol; None = nothing matches)."""
        if w[i] in _PORT_OPS:
            return self.port_op(w, i)
        gname = w[i + 1]
        service_names.append(gname)
        self.dev.refer("service-group", gname, loc, context)
        res = self.resolve_svc(gname)
        if res is None:
            unresolved.append(gname)
            approximations.append(f"port group {gname} is not defined")
            return (), i + 2
        unresolved.extend(res[1])
        per: dict[int, list] = {}
        plist = protos if protos else (proto,)
        for p in plist:
            if p not in _PORT_PROTOS:
                continue
            ranges: list = []
            for s in res[0]:
                if s.protocol == p:
                    ranges.extend(s.dst_ports or ((0, 65535),))
            per[p] = ranges
        out = {p: (tuple(sorted(set(r))) if r else None) for p, r in per.items()}
        if len(out) == 1 and not protos:
            return next(iter(out.values())), i + 2
        return out, i + 2

    def address(self, w: list[str], i: int, loc: Location, context: str) -> tuple[_Addr, int]:
        tok = w[i]
        if tok == "any":
            return _ANY, i + 1
        if tok == "any4":
            return _ANY4, i + 1
        if tok == "any6":
            return _ANY6, i + 1
        if tok == "host":
            if i + 1 >= len(w):
                raise _Bad("host without an address")
            a = w[i + 1]
            item = self.host(a)
            return _Addr(False, item.family, (item,), (a,) if a in self.aliases else ()), i + 2
        if tok in ("object", "object-group"):
            if i + 1 >= len(w):
                raise _Bad(f"{tok} without a name")
            name = w[i + 1]
            obj = self.objs.get(name)
            default = "address-object" if tok == "object" else "address-group"
            self.dev.refer(obj.kind if obj is not None else default, name, loc, context)
            res = self.resolve_addr(name)
            if res is None:
                if obj is not None:
                    raise _Bad(f"{tok} {name} is a {obj.type} object, not a network object")
                return _Addr(False, None, (), (name,), (name,), (f"{name} is not a defined network object",)), i + 2
            items, unres, notes, fam, _ = res
            return _Addr(False, fam, items, (name,), unres, notes), i + 2
        if tok == "interface":
            if i + 1 >= len(w):
                raise _Bad("interface without a name")
            nameif = w[i + 1]
            iface = self.nameifs.get(nameif)
            label = f"interface {nameif}"
            items = tuple(AddressRange(a.family, a.address, a.address) for a in iface.addresses) if iface else ()
            if not items:
                return _Addr(False, None, (), (label,), (label,),
                             (f"the address of interface {nameif} is not known from the config",)), i + 2
            return _Addr(False, _items_family(items), items, (label,)), i + 2
        if "/" in tok:
            item = self.net6(tok)
            return _Addr(False, 6, (item,), (tok,) if tok.partition("/")[0] in self.aliases else ()), i + 1
        if i + 1 >= len(w):
            raise _Bad(f"'{tok}' is not an address")
        if self.ip4(tok) is None:
            if tok in _OPTION_WORDS or tok in _PORT_OPS:
                raise _Bad(f"address missing before '{tok}'")
            raise _Bad(f"'{tok}' is not an address, a defined name or an address keyword")
        item = self.net(tok, w[i + 1])
        return _Addr(False, 4, (item,), (tok,) if tok in self.aliases else ()), i + 2

    # ------------------------------------------------------------------ bindings

    def h_access_group(self, node, words):
        self.access_groups.append((words, self.loc(node)))

    def bind_filters(self) -> None:
        non_ip = self.facts.get("non_ip_acls", {})
        for w, loc in self.access_groups:
            if len(w) < 3:
                self.dev.warn(loc, "access-group: incomplete line")
                continue
            name = w[1]
            if w[2] == "global":
                self.dev.refer("acl", name, loc, "access-group global")
                if name in self.dev.filters:
                    self.dev.global_filters_in.append(name)
                else:
                    self.facts.setdefault("undefined_global_acl", []).append(name)
                continue
            if len(w) < 5 or w[2] not in ("in", "out") or w[3] != "interface":
                self.dev.warn(loc, "access-group: expected 'access-group ACL in|out interface NAMEIF' or 'global'")
                continue
            direction, nameif = w[2], w[4]
            options = w[5:]
            control_plane = "control-plane" in options
            ctx = f"interface {nameif} {'inbound' if direction == 'in' else 'outbound'}"
            if control_plane:
                ctx += " control-plane"
            self.dev.refer("acl", name, loc, ctx)
            iface = self.nameifs.get(nameif)
            if iface is None:
                self.dev.warn(loc, f"access-group: no interface has nameif '{nameif}'")
                continue
            if control_plane:
                iface.extra["control_plane_filter_in"] = name
                self.facts.setdefault("control_plane_acls", []).append(name)
                continue
            if name in non_ip:
                iface.extra[f"{non_ip[name]}_filter_{direction}"] = name
                continue
            if name not in self.dev.filters:
                # The ASA refuses to bind an access list that does not exist.
                iface.extra[f"filter_{direction}_undefined"] = name
                continue
            if direction == "in":
                iface.filter_in = name
            else:
                iface.filter_out = name
            if "per-user-override" in options:
                iface.extra["per_user_override"] = True

    def h_same_security(self, node, words):
        if words[1:3] == ["permit", "inter-interface"]:
            self.dev.same_security_permitted = True
            self.facts["same_security_inter_line"] = node.number
        elif words[1:3] == ["permit", "intra-interface"]:
            self.facts["same_security_intra"] = True
            self.facts["same_security_intra_line"] = node.number
        else:
            raise _Bad("same-security-traffic: expected 'permit inter-interface|intra-interface'")

    # ------------------------------------------------------------------ routes

    def h_route(self, node, words):
        if len(words) < 5:
            raise _Bad("route: expected 'route NAMEIF NETWORK MASK GATEWAY [DISTANCE]'")
        nameif = words[1]
        dest = self.net(words[2], words[3])
        if isinstance(dest, AddressWildcard):
            raise _Bad(f"route: '{words[3]}' is not a contiguous mask")
        gw = self.ip_any(words[4])
        if gw is None:
            raise _Bad(f"route: '{words[4]}' is not a gateway address")
        distance = 1
        rest = words[5:]
        extra = []
        if rest and rest[0].isdigit():
            distance = int(rest[0])
            rest = rest[1:]
        if rest:
            extra = rest
        route = Route(destination=dest, next_hop=self.aliases.get(words[4], words[4]), interface=nameif,
                      distance=distance, loc=self.loc(node))
        self.dev.routes.append(route)
        if extra:
            self.facts.setdefault("route_options", []).append({"line": node.number, "options": " ".join(extra)})

    def h_ipv6(self, node, words):
        if len(words) >= 5 and words[1] == "route":
            dest = self.net6(words[3])
            gw = words[4]
            distance = int(words[5]) if len(words) > 5 and words[5].isdigit() else 1
            self.dev.routes.append(Route(destination=dest, next_hop=self.aliases.get(gw, gw), interface=words[2],
                                         distance=distance, loc=self.loc(node)))
        elif len(words) >= 2 and words[1] == "icmp":
            self.icmp_rule(node, words[1:], 6)
        elif len(words) >= 2 and words[1] == "access-list":
            self.warn(node, "ipv6 access-list (pre-9.0 syntax) is not modelled")
        else:
            self.scan_block(node, words)

    # ------------------------------------------------------------------ management access

    def add_access(self, protocol: str, node: ConfigLine, words: list[str]) -> None:
        """`ssh|telnet|http A M NAMEIF` or `... A/len NAMEIF`."""
        src, i = self.source_net(words, 1)
        if i >= len(words):
            raise _Bad(f"{words[0]}: interface name missing")
        nameif = words[i]
        if i + 1 < len(words):
            raise _Bad(f"{words[0]}: unexpected '{words[i + 1]}'")
        if isinstance(src, AddressWildcard):
            raise _Bad(f"{words[0]}: '{words[2]}' is not a contiguous mask")
        key = (protocol, nameif)
        svc = self.mgmt_services.get(key)
        if svc is None:
            svc = ManagementService(protocol=protocol, loc=self.loc(node), interfaces=[nameif])
            svc.port = {"ssh": 22, "telnet": 23}.get(protocol)
            self.mgmt_services[key] = svc
        svc.allowed_sources.append(src)
        if src.first == 0 and src.last == MAX_ADDR[src.family]:
            note = f"allowed from any address ({' '.join(words[1:i])}) on {nameif}"
            svc.note = (svc.note + "; " + note) if svc.note else note

    def h_ssh(self, node, words):
        if len(words) < 2:
            raise _Bad("ssh: incomplete line")
        sub = words[1]
        if sub == "version":
            vers = words[2:]
            if not vers or any(v not in ("1", "2") for v in vers):
                raise _Bad("ssh version: expected 1 and/or 2")
            self.mgmt.ssh_version = ",".join(sorted(set(vers)))
            self.mgmt.ssh_version_loc = self.loc(node)
        elif sub == "timeout":
            self.mfacts["ssh_timeout"] = int(words[2])
            self.mfacts["ssh_timeout_line"] = node.number
            self.timeout_locs["ssh"] = self.loc(node)
        elif sub == "key-exchange":
            self.mfacts["ssh_key_exchange"] = " ".join(words[3:] if words[2:3] == ["group"] else words[2:])
            self.mfacts["ssh_key_exchange_line"] = node.number
            groups = words[3:] if words[2:3] == ["group"] else words[2:]
            self.mgmt.ssh_algorithms["kex"] = tuple(ASA_SSH_KEX.get(g, g) for g in groups)
            self.mgmt.ssh_algorithms_loc["kex"] = self.loc(node)
        elif sub == "cipher" and len(words) >= 4:
            self.mfacts[f"ssh_cipher_{words[2]}"] = asa_redact(" ".join(words[3:]))
            self.mfacts[f"ssh_cipher_{words[2]}_line"] = node.number
            kind = {"encryption": "cipher", "integrity": "mac"}.get(words[2])
            if kind is not None:
                level = words[3]
                if level == "custom":
                    algs = tuple(a for w in words[4:] for a in w.strip('"').lower().split(":") if a)
                else:
                    algs = ASA_SSH_LEVELS[kind].get(level, ())
                if algs:
                    self.mgmt.ssh_algorithms[kind] = algs
                    self.mgmt.ssh_algorithms_loc[kind] = self.loc(node)
        elif self.ip_any(sub.partition("/")[0]) is not None:
            self.add_access("ssh", node, words)
        elif sub in ("scopy", "stricthostkeycheck", "pubkey-chain", "stack", "authentication", "server", "cipher", "access-list"):
            self.mfacts.setdefault("ssh_other", []).append(asa_redact(" ".join(words[1:])))
            self.collect_children(node)
        else:
            raise _Bad(f"ssh: '{sub}' is not an address or a known ssh option")

    def h_telnet(self, node, words):
        if len(words) < 2:
            raise _Bad("telnet: incomplete line")
        if words[1] == "timeout":
            self.mfacts["telnet_timeout"] = int(words[2])
            self.mfacts["telnet_timeout_line"] = node.number
            self.timeout_locs["telnet"] = self.loc(node)
        elif self.ip_any(words[1].partition("/")[0]) is not None:
            self.add_access("telnet", node, words)
        else:
            raise _Bad(f"telnet: '{words[1]}' is not an address")

    def h_http(self, node, words):
        if len(words) < 2:
            raise _Bad("http: incomplete line")
        sub = words[1]
        if sub == "server" and len(words) >= 3:
            if words[2] == "enable":
                self.http_server_loc = self.loc(node)
                self.mfacts["http_server_enabled"] = True
                self.mfacts["http_server_enabled_line"] = node.number
                if len(words) >= 4 and words[3].isdigit():
                    self.mfacts["http_server_port"] = int(words[3])
            elif words[2] in ("idle-timeout", "session-timeout") and len(words) >= 4:
                self.mfacts[f"http_server_{words[2].replace('-', '_')}"] = int(words[3])
                if words[2] == "idle-timeout":
                    self.timeout_locs["http"] = self.loc(node)
            else:
                self.mfacts.setdefault("http_other", []).append(asa_redact(" ".join(words[1:])))
        elif sub == "redirect":
            self.mfacts.setdefault("http_redirect", []).append(asa_redact(" ".join(words[2:])))
        elif sub == "authentication-certificate":
            self.mfacts.setdefault("http_other", []).append(asa_redact(" ".join(words[1:])))
        elif self.ip_any(sub.partition("/")[0]) is not None:
            self.add_access("https", node, words)
        else:
            self.mfacts.setdefault("http_other", []).append(asa_redact(" ".join(words[1:])))

    def h_console(self, node, words):
        if len(words) >= 3 and words[1] == "timeout":
            self.mfacts["console_timeout"] = int(words[2])
            self.mfacts["console_timeout_line"] = node.number
            # The console session as a login line: its idle timeout in seconds (0 = never).
            self.mgmt.lines.append(VtyLine("console", self.loc(node), exec_timeout=int(words[2]) * 60,
                                           default_timeout=ASA_SESSION_DEFAULTS["console"]))
        else:
            raise _Bad("console: line not understood")

    def h_management_access(self, node, words):
        if len(words) >= 2:
            self.facts["management_access_interface"] = words[1]

    # ------------------------------------------------------------------ SNMP

    def h_snmp(self, node, words):
        if len(words) < 2:
            raise _Bad("snmp-server: incomplete line")
        sub = words[1]
        loc = self.loc(node)
        if sub == "community":
            if len(words) < 3:
                raise _Bad("snmp-server community without a value")
            self.mgmt.snmp_communities.append(SnmpCommunity(secret=self.secret(words[2:]), access="ro", version="2c", loc=loc))
        elif sub in ("host", "host-group"):
            self.snmp_host(node, words, loc)
        elif sub == "user":
            self.snmp_user(words, loc)
        elif sub == "group" and len(words) >= 4:
            self.mfacts.setdefault("snmp_groups", {})[words[2]] = asa_redact(" ".join(words[3:]))
            version = words[3].lstrip("v")
            level = words[4] if version == "3" and len(words) > 4 and words[4] in ("noauth", "auth", "priv") else None
            self.mgmt.snmp_groups.append(SnmpGroup(words[2], version, level, loc))
        elif sub == "enable":
            if len(words) >= 3 and words[2] == "traps":
                self.mfacts.setdefault("snmp_traps", []).append(asa_redact(" ".join(words[3:])))
            else:
                self.snmp_enabled = True
                self.mfacts["snmp_enable_line"] = node.number
        elif sub in ("location", "contact"):
            self.mfacts[f"snmp_{sub}"] = node.text.strip().split(None, 2)[2] if len(words) > 2 else ""
        else:
            self.mfacts.setdefault("snmp_other", []).append(asa_redact(" ".join(words[1:])))

    def snmp_host(self, node: ConfigLine, words: list[str], loc: Location) -> None:
        if len(words) < 4:
            raise _Bad("snmp-server host: expected 'snmp-server host NAMEIF ADDRESS ...'")
        nameif, target = words[2], words[3]
        sources: list[AddressRange] = []
        if words[1] == "host-group":
            self.dev.refer(self.kind_of(target, "address-object"), target, loc, "snmp-server host-group")
            res = self.resolve_addr(target)
            if res is not None:
                sources = [x for x in res[0] if isinstance(x, AddressRange)]
        else:
            sources = [self.host(target)]
        i = 4
        version = "1"
        community = None
        user = None
        poll = trap = True
        while i < len(words):
            t = words[i]
            if t == "community" and i + 1 < len(words):
                j = i + 2 if words[i + 1] == "8" and i + 2 < len(words) else i + 1
                community = self.secret(words[i + 1:j + 1])
                i = j + 1
            elif t == "version" and i + 1 < len(words):
                version = words[i + 1]
                i += 2
                if version == "3" and i < len(words) and words[i] not in ("udp-port", "poll", "trap"):
                    user = words[i]
                    i += 1
            elif t == "udp-port" and i + 1 < len(words):
                i += 2
            elif t == "poll":
                trap = False
                i += 1
            elif t == "trap":
                poll = False
                i += 1
            else:
                i += 1
        if community is not None:
            self.mgmt.snmp_communities.append(SnmpCommunity(secret=community, access="ro", version=version, loc=loc))
        self.mfacts.setdefault("snmp_hosts", []).append({
            "interface": nameif, "address": self.aliases.get(target, target), "version": version,
            "user": user, "poll": poll, "trap": trap, "line": node.number,
        })
        if poll:
            key = ("snmp", nameif)
            svc = self.mgmt_services.get(key)
            if svc is None:
                svc = ManagementService(protocol="snmp", loc=loc, interfaces=[nameif], port=161, version=version)
                self.mgmt_services[key] = svc
            elif svc.version and version not in svc.version.split(","):
                svc.version = svc.version + "," + version
            svc.allowed_sources.extend(sources)

    def snmp_user(self, words: list[str], loc: Location) -> None:
        if len(words) < 5:
            raise _Bad("snmp-server user: expected 'snmp-server user USER GROUP v3 ...'")
        name = words[2]
        auth = priv = None
        if "auth" in words:
            k = words.index("auth")
            auth = words[k + 1] if k + 1 < len(words) else None
        if "priv" in words:
            k = words.index("priv")
            priv = words[k + 1] if k + 1 < len(words) else None
            if priv == "aes" and k + 2 < len(words) and words[k + 2] in ("128", "192", "256"):
                priv = "aes" + words[k + 2]
        user = SnmpUser(name=name, auth=auth, priv=priv, loc=loc)
        self.mgmt.snmp_users.append(user)
        self.mfacts.setdefault("snmp_user_groups", {})[name] = words[3]

    def secret(self, tokens: list[str]) -> Secret:
        """A secret value as written (`*****` = masked by show running-config;
        `8 X` = encrypted with the master passphrase)."""
        if not tokens:
            return Secret(storage="unknown")
        if tokens[0] == "8" and len(tokens) > 1:
            return Secret(storage="encrypted")  # AES with the master passphrase: only the device can read it
        value = tokens[0]
        if set(value) == {"*"}:
            return Secret(storage="unknown")
        return Secret.from_value(value, "plaintext")

    # ------------------------------------------------------------------ AAA and users

    def aaa_loc(self, node: ConfigLine) -> None:
        if self.mgmt.aaa.loc is None:
            self.mgmt.aaa.loc = self.loc(node)

    def h_aaa_server(self, node, words):
        if len(words) < 3:
            raise _Bad("aaa-server: incomplete line")
        group = words[1]
        self.aaa_loc(node)
        if words[2] == "protocol":
            self.aaa_groups[group] = words[3] if len(words) > 3 else "unknown"
            self.mfacts.setdefault("aaa_server_groups", {})[group] = self.aaa_groups[group]
            self.collect_children(node)
            return
        i = 2
        if words[i].startswith("("):
            i += 1
        if i + 1 >= len(words) or words[i] != "host":
            raise _Bad("aaa-server: expected 'aaa-server GROUP [(NAMEIF)] host ADDRESS'")
        address = self.aliases.get(words[i + 1], words[i + 1])
        key = None
        if "key" in words[i + 2:]:
            k = words.index("key", i + 2)
            key = self.secret(words[k + 1:k + 3])
        for child in node.children:
            cw = child.text.split()
            self.all_nodes.append((child, cw))
            if cw[0] == "key" and len(cw) > 1:
                key = self.secret(cw[1:3])
        server = AaaServer(protocol=self.aaa_groups.get(group, "unknown"), address=address, loc=self.loc(node), key=key)
        self.mgmt.aaa.servers.append(server)

    def h_aaa(self, node, words):
        if len(words) < 3:
            raise _Bad("aaa: incomplete line")
        aaa = self.mgmt.aaa
        self.aaa_loc(node)
        sub = words[1]
        self.scan_acl_refs(node, words, "aaa")
        if sub == "authentication" and len(words) >= 4 and words[3] == "console":
            target = words[2]
            methods = ["local" if m == "LOCAL" else f"group {m}" for m in words[4:]]
            aaa.enabled = True
            for m in methods:
                if m not in aaa.login_methods:
                    aaa.login_methods.append(m)
            self.mfacts.setdefault("aaa_authentication", {})[target] = methods
            self.mfacts.setdefault("aaa_authentication_lines", {})[target] = node.number
        elif sub == "authentication":
            self.mfacts.setdefault("aaa_authentication_other", []).append(asa_redact(" ".join(words[2:])))
        elif sub == "authorization":
            if words[2] == "command":
                aaa.authorization_commands = True
            self.mfacts.setdefault("aaa_authorization", {})[words[2]] = asa_redact(" ".join(words[3:]))
        elif sub == "accounting":
            if words[2] == "command":
                aaa.accounting_commands = True
                aaa.accounting_loc = self.loc(node)
            self.mfacts.setdefault("aaa_accounting", {})[words[2]] = asa_redact(" ".join(words[3:]))
        elif sub == "local" and "max-fail" in words:
            self.mfacts["aaa_max_fail"] = int(words[words.index("max-fail") + 1])
        else:
            self.mfacts.setdefault("aaa_other", []).append(asa_redact(" ".join(words[1:])))

    def h_username(self, node, words):
        if len(words) < 3:
            raise _Bad("username: incomplete line")
        name = words[1]
        user = self.users.get(name)
        loc = self.loc(node)
        if user is None:
            user = LocalUser(name=name, loc=loc, privilege=2)
            self.users[name] = user
            self.mgmt.users.append(user)
        if words[2] == "attributes":
            for child in node.children:
                cw = child.text.split()
                self.all_nodes.append((child, cw))
                key = cw[0]
                if key == "service-type" and len(cw) > 1:
                    user.role = cw[1]
                elif key == "ssh" and len(cw) > 2 and cw[1] == "authentication" and cw[2] in ("publickey", "pkf"):
                    user.key_auth = True
                    self.collect_children(child)
                else:
                    self.scan_acl_refs(child, cw, f"username {name} attributes")
                    self.collect_children(child)
            return
        rest = words[2:]
        if rest[0] == "nopassword":
            user.secret = None
            rest = rest[1:]
        elif rest[0] in ("password", "secret"):
            if len(rest) < 2:
                raise _Bad("username: password without a value")
            value = rest[1]
            rest = rest[2:]
            storage = "plaintext"
            if rest and rest[0] in ("encrypted", "pbkdf2", "nt-encrypted", "mschap"):
                storage = {"encrypted": "md5", "pbkdf2": "pbkdf2", "nt-encrypted": "md4", "mschap": "md4"}[rest[0]]
                rest = rest[1:]
            user.secret = self.stored_secret(value, storage)
        while rest:
            if rest[0] == "privilege" and len(rest) > 1:
                user.privilege = int(rest[1])
                rest = rest[2:]
            elif rest[0] in ("encrypted", "pbkdf2", "nt-encrypted", "mschap"):
                rest = rest[1:]
            else:
                raise _Bad(f"username: unexpected '{rest[0]}'")
        user.loc = loc

    def stored_secret(self, value: str, storage: str) -> Secret:
        if set(value) == {"*"}:
            return Secret(storage=storage if storage != "plaintext" else "unknown")
        if storage == "plaintext":
            return Secret.from_value(value, "plaintext")
        if value in _KNOWN_HASHES:
            return Secret(storage=storage, default_value=_KNOWN_HASHES[value])
        return Secret(storage=storage)

    def h_enable(self, node, words):
        if len(words) < 3 or words[1] != "password":
            raise _Bad("enable: expected 'enable password VALUE [level N] [encrypted|pbkdf2]'")
        value = words[2]
        rest = words[3:]
        level = 15
        storage = "plaintext"
        while rest:
            if rest[0] == "level" and len(rest) > 1:
                level = int(rest[1])
                rest = rest[2:]
            elif rest[0] in ("encrypted", "pbkdf2"):
                storage = "md5" if rest[0] == "encrypted" else "pbkdf2"
                rest = rest[1:]
            else:
                raise _Bad(f"enable password: unexpected '{rest[0]}'")
        secret = self.stored_secret(value, storage)
        self.mfacts.setdefault("enable_secrets", {})[str(level)] = secret.storage
        if level == 15:
            self.mgmt.enable_secret = secret
            self.mgmt.enable_loc = self.loc(node)

    def h_passwd(self, node, words):
        if len(words) < 2:
            raise _Bad("passwd without a value")
        storage = "md5" if "encrypted" in words[2:] else "plaintext"
        secret = self.stored_secret(words[1], storage)
        self.mfacts["passwd"] = secret.storage
        self.mfacts["passwd_default"] = secret.default_value
        self.mfacts["passwd_line"] = node.number
        # the password telnet (and SSH without 'aaa authentication ssh console') logins use
        self.mgmt.login_password = secret
        self.mgmt.login_password_loc = self.loc(node)

    # ------------------------------------------------------------------ logging, NTP, banners

    def h_logging(self, node, words):
        if len(words) < 2:
            raise _Bad("logging: incomplete line")
        sub = words[1]
        if sub == "enable":
            self.mfacts["logging_enabled"] = True
            self.mfacts["logging_enabled_line"] = node.number
        elif sub == "timestamp":
            self.mgmt.log_timestamps = True
            self.mgmt.log_timestamps_loc = self.loc(node)
        elif sub == "host":
            if len(words) < 4:
                raise _Bad("logging host: expected 'logging host NAMEIF ADDRESS'")
            address = self.aliases.get(words[3], words[3])
            if self.ip_any(words[3]) is None:
                raise _Bad(f"logging host: '{words[3]}' is not an address")
            host = LogHost(address=address, loc=self.loc(node))
            for t in words[4:]:
                if "/" in t:
                    proto, _, port = t.partition("/")
                    host.transport = {"6": "tcp", "tcp": "tcp", "17": "udp", "udp": "udp"}.get(proto.lower(), host.transport)
                    if port.isdigit():
                        host.port = int(port)
            if "secure" in words[4:]:
                host.transport = "tls"
            self.mgmt.log_hosts.append(host)
        elif sub in ("trap", "buffered", "console", "monitor", "history", "asdm", "mail") and len(words) >= 3:
            level = words[2]
            self.mfacts[f"logging_{sub}"] = LOG_LEVELS.get(level, int(level) if level.isdigit() else level)
            self.mfacts[f"logging_{sub}_line"] = node.number
        elif sub == "buffer-size" and len(words) >= 3:
            self.mfacts["logging_buffer_size"] = int(words[2])
        else:
            self.mfacts.setdefault("logging_other", []).append(asa_redact(" ".join(words[1:])))

    def h_ntp(self, node, words):
        if len(words) < 2:
            raise _Bad("ntp: incomplete line")
        sub = words[1]
        if sub == "server":
            if len(words) < 3:
                raise _Bad("ntp server without an address")
            i = 2
            if words[i].startswith("("):  # older syntax: ntp server A source IF / (IF)
                i += 1
            self.mgmt.ntp_servers.append(self.aliases.get(words[i], words[i]))
            keyed = "key" in words[i + 1:]
            self.ntp_keyed.append(keyed)
            self.mfacts.setdefault("ntp_server_keys", {})[self.aliases.get(words[i], words[i])] = keyed
        elif sub == "authenticate":
            self.mfacts["ntp_authenticate"] = True
        elif sub == "trusted-key":
            self.mfacts.setdefault("ntp_trusted_keys", []).extend(words[2:])
        elif sub == "authentication-key":
            self.mfacts.setdefault("ntp_keys", {})[words[2] if len(words) > 2 else "?"] = words[3] if len(words) > 3 else ""
        else:
            self.mfacts.setdefault("ntp_other", []).append(asa_redact(" ".join(words[1:])))

    def h_banner(self, node, words):
        if len(words) < 2:
            raise _Bad("banner: incomplete line")
        kind = words[1]
        parts = node.text.strip().split(None, 2)
        text = parts[2] if len(parts) > 2 else ""
        old = self.mgmt.banners.get(kind)
        self.mgmt.banners[kind] = text if old is None else old + "\n" + text

    # ------------------------------------------------------------------ other facts

    def icmp_rule(self, node: ConfigLine, words: list[str], family: int) -> None:
        """`icmp permit|deny SOURCE [TYPE] NAMEIF` (management ICMP to the box)."""
        if len(words) < 4 or words[1] not in ("permit", "deny"):
            if len(words) >= 2 and words[1] in ("unreachable",):
                return
            raise _Bad("icmp: expected 'icmp permit|deny SOURCE [TYPE] NAMEIF'")
        action = words[1]
        i = 2
        if words[i] in ("any", "any4", "any6"):
            source = words[i]
            i += 1
        elif words[i] == "host":
            source = words[i + 1]
            i += 2
        elif "/" in words[i]:
            source = words[i]
            i += 1
        else:
            source = f"{words[i]} {words[i + 1]}"
            i += 2
        rest = words[i:]
        if not rest:
            raise _Bad("icmp: interface name missing")
        self.facts.setdefault("icmp_rules", []).append({
            "action": action, "source": source, "icmp_type": " ".join(rest[:-1]) or "any",
            "interface": rest[-1], "family": family, "line": node.number,
        })

    def h_icmp(self, node, words):
        self.icmp_rule(node, words, 4)

    def h_service(self, node, words):
        if len(words) >= 2 and words[1] == "password-recovery":
            self.facts["password_recovery"] = True
        else:
            self.facts.setdefault("services", []).append(asa_redact(" ".join(words[1:])))

    def h_failover(self, node, words):
        if len(words) == 1:
            self.facts["failover"] = True
            self.facts["failover_line"] = node.number
        elif words[1] == "key":
            self.facts["failover_key"] = True
        else:
            self.facts.setdefault("failover_config", []).append(asa_redact(" ".join(words[1:])))

    def h_threat(self, node, words):
        self.facts.setdefault("threat_detection", []).append(asa_redact(" ".join(words[1:])))

    def h_sysopt(self, node, words):
        self.facts.setdefault("sysopt", []).append(asa_redact(" ".join(words[1:])))

    def h_service_policy(self, node, words):
        if len(words) >= 3:
            self.facts.setdefault("service_policies", []).append(asa_redact(" ".join(words[1:])))

    def h_dhcpd(self, node, words):
        if len(words) >= 3 and words[1] == "enable":
            self.facts.setdefault("dhcpd_interfaces", []).append(words[2])

    def h_dhcprelay(self, node, words):
        if len(words) >= 3 and words[1] == "enable":
            self.facts.setdefault("dhcprelay_interfaces", []).append(words[2])

    def h_ip(self, node, words):
        if len(words) >= 5 and words[1:4] == ["verify", "reverse-path", "interface"]:
            self.facts.setdefault("urpf_interfaces", []).append(words[4])
        elif len(words) >= 4 and words[1:3] == ["local", "pool"]:
            self.facts.setdefault("ip_local_pools", {})[words[3]] = asa_redact(" ".join(words[4:]))
        elif len(words) >= 2 and words[1] == "audit":
            self.facts.setdefault("ip_audit", []).append(asa_redact(" ".join(words[2:])))
        else:
            raise _Bad("ip: line not understood")

    def h_ssl(self, node, words):
        if len(words) >= 3:
            self.facts.setdefault("ssl", {})[words[1]] = asa_redact(" ".join(words[2:]))

    def h_password_policy(self, node, words):
        if len(words) >= 2:
            self.facts.setdefault("password_policy", {})[words[1]] = asa_redact(" ".join(words[2:]))

    def h_password(self, node, words):
        if words[1:3] == ["encryption", "aes"]:
            self.facts["password_encryption_aes"] = True
        else:
            raise _Bad("password: line not understood")

    def h_crypto(self, node, words):
        self.scan_block(node, words, "crypto " + " ".join(words[1:3]))
        if len(words) >= 2 and words[1] == "ca" and len(words) >= 3 and words[2] == "certificate":
            return  # certificate data is not kept
        text = asa_redact(" ".join(words))
        self.facts.setdefault("crypto_lines", []).append({"line": node.number, "text": text})
        if len(words) >= 4 and words[1] == "map" and words[3] == "interface" and len(words) >= 5:
            self.facts.setdefault("crypto_map_interfaces", []).append(words[4])
        elif len(words) >= 6 and words[1] == "map" and words[4] == "set" and words[5] == "peer":
            self.facts.setdefault("vpn_peers", []).extend(words[6:])
        elif len(words) >= 4 and words[1] in ("ikev1", "ikev2") and words[2] == "enable":
            self.facts.setdefault(f"{words[1]}_enabled_interfaces", []).append(words[3])
        for child in node.children:
            self.facts["crypto_lines"].append({"line": child.number, "text": asa_redact(child.text.strip())})

    def remote_access(self, node: ConfigLine, why: str) -> None:
        self.facts["remote_access_vpn"] = True
        self.facts.setdefault("remote_access_vpn_lines", []).append({"line": node.number, "why": why})

    def h_webvpn(self, node, words):
        self.scan_block(node, words, "webvpn")
        for child in node.children:
            cw = child.text.split()
            if cw[:1] == ["enable"] and len(cw) > 1:
                self.facts.setdefault("webvpn_interfaces", []).append(cw[1])
                self.remote_access(child, f"webvpn enabled on {cw[1]}")
            elif cw[:2] == ["anyconnect", "enable"]:
                self.facts["anyconnect_enabled"] = True
                self.remote_access(child, "anyconnect enable")

    def finish_remote_access(self) -> None:
        """Remote-access tunnel groups as the model's RemoteAccess records: factors from
        the authentication settings, crypto from the IKEv2 policies, the time window
        from the group policy's vpn-access-hours."""
        groups = self.facts.get("tunnel_groups", {})
        policies = self.facts.get("group_policies", {})
        ike = [ln["text"] for ln in self.facts.get("crypto_lines", [])]
        enc = sorted({w.replace("aes-", "aes") for t in ike if t.startswith("encryption") for w in t.split()[1:]})
        integ = sorted({w.replace("-", "") for t in ike if t.startswith(("integrity", "hash")) for w in t.split()[1:]})
        dh = sorted({int(w) for t in ike if t.startswith("group") for w in t.split()[1:] if w.isdigit()})
        for name, tg in groups.items():
            if tg.get("type") not in ("remote-access", "webvpn"):
                continue
            general = tg.get("general-attributes", {})
            web = tg.get("webvpn-attributes", {})
            auth = (web.get("authentication") or "").split()
            cert = "certificate" in auth
            if cert and "aaa" in auth or general.get("secondary-authentication-server-group"):
                mfa: bool | None = True
            elif (general.get("authentication-server-group", "").split() or ["LOCAL"])[0].upper() == "LOCAL":
                mfa = False  # local passwords only
            else:
                mfa = None  # a RADIUS server may or may not ask for a one-time password
            policy = policies.get(general.get("default-group-policy", ""), {})
            line = tg.get("type_line", 1)
            self.dev.remote_access.append(RemoteAccess(
                "anyconnect", name, Location(self.file, line, line, f"tunnel-group {name} type {tg['type']}"),
                mfa=mfa, client_certificate=cert, auth_method="certificate" if cert and not general else "radius"
                if general.get("authentication-server-group") else "local",
                encryption=enc, integrity=integ, dh_groups=dh,
                extra={"time_window": bool(policy.get("vpn-access-hours")), "group_policy": general.get("default-group-policy")},
            ))

    def h_tunnel_group(self, node, words):
        if len(words) < 3:
            raise _Bad("tunnel-group: incomplete line")
        name = words[1]
        tg = self.facts.setdefault("tunnel_groups", {}).setdefault(name, {})
        if words[2] == "type" and len(words) >= 4:
            tg["type"] = words[3]
            tg["type_line"] = node.number
            if words[3] in ("remote-access", "webvpn"):
                self.remote_access(node, f"tunnel-group {name} type {words[3]}")
        for child in node.children:
            cw = child.text.split()
            self.all_nodes.append((child, cw))
            if "pre-shared-key" in cw:
                tg["pre_shared_key"] = True
                continue
            self.scan_acl_refs(child, cw, f"tunnel-group {name}")
            tg.setdefault(words[2], {})[cw[0]] = asa_redact(" ".join(cw[1:]))

    def h_group_policy(self, node, words):
        if len(words) < 3:
            raise _Bad("group-policy: incomplete line")
        name = words[1]
        gp = self.facts.setdefault("group_policies", {}).setdefault(name, {})
        if words[2] in ("internal", "external"):
            gp["type"] = words[2]
        self.group_policy_children(node, name, gp)

    def group_policy_children(self, node: ConfigLine, name: str, gp: dict) -> None:
        for child in node.children:
            cw = child.text.split()
            self.all_nodes.append((child, cw))
            self.scan_acl_refs(child, cw, f"group-policy {name}")
            if cw[0] == "vpn-access-hours" and len(cw) >= 3 and cw[1] == "value":
                self.dev.refer("time-range", cw[2], self.loc(child), f"group-policy {name} vpn-access-hours")
            if cw[0] == "vpn-tunnel-protocol":
                gp["vpn_tunnel_protocol"] = cw[1:]
                if any(p in ("ssl-client", "ssl-clientless", "l2tp-ipsec", "ikev1", "ikev2") for p in cw[1:]):
                    gp["vpn_tunnel_protocol_line"] = child.number
            elif cw[0] == "webvpn":
                self.group_policy_children(child, name, gp)
            else:
                gp[cw[0]] = asa_redact(" ".join(cw[1:]))

    def h_nat(self, node, words):
        self.scan_acl_refs(node, words, "nat")
        loc = self.loc(node)
        ifs = words[1] if len(words) > 1 and words[1].startswith("(") else ""
        typ = ""
        real = mapped = ""
        if "source" in words:
            k = words.index("source")
            typ = words[k + 1] if k + 1 < len(words) else ""
            real = words[k + 2] if k + 2 < len(words) else ""
            mapped = words[k + 3] if k + 3 < len(words) else ""
        for tok in words[2:]:
            if tok == "description":
                break
            if tok in self.objs:
                self.deferred_refs.append((tok, loc, "nat", "address-object"))
        self.nat_inventory("twice", node, ifs, typ, real, mapped)

    def h_no(self, node, words):
        if len(words) < 2:
            raise _Bad("line not understood")
        sub = words[1]
        if sub == "failover" and len(words) == 2:
            self.facts["failover"] = False
            self.facts["failover_line"] = node.number
        elif sub == "service" and len(words) >= 3 and words[2] == "password-recovery":
            self.facts["password_recovery"] = False
            self.facts["password_recovery_line"] = node.number
        elif sub == "snmp-server" and len(words) == 3 and words[2] == "enable":
            self.snmp_enabled = False
        elif sub == "logging" and len(words) >= 3 and words[2] == "enable":
            self.mfacts["logging_enabled"] = False
        elif sub == "threat-detection":
            self.facts.setdefault("threat_detection", []).append("no " + " ".join(words[2:]))
        elif sub == "sysopt":
            self.facts.setdefault("sysopt", []).append("no " + " ".join(words[2:]))
        elif sub in self.dispatch or sub in _RECOGNISED:
            pass
        else:
            raise _Bad("line not understood")

    # ------------------------------------------------------------------ final steps

    def finish_management(self) -> None:
        m = self.mgmt
        http_on = self.http_server_loc is not None
        port = self.mfacts.get("http_server_port", 443)
        for (protocol, nameif), svc in self.mgmt_services.items():
            if protocol == "https":
                svc.port = port
                if not http_on:
                    svc.enabled = False
                    svc.note = ((svc.note + "; ") if svc.note else "") + "'http server enable' is absent: these lines grant nothing"
            elif protocol == "ssh":
                svc.version = m.ssh_version
            elif protocol == "snmp" and not self.snmp_enabled:
                svc.enabled = False
            elif protocol == "telnet":
                iface = self.nameifs.get(nameif)
                if iface is not None and iface.security_level == 0:
                    svc.note = ((svc.note + "; ") if svc.note else "") + (
                        "the ASA accepts telnet on its lowest-security interface only inside a VPN tunnel")
            m.services.append(svc)
            iface = self.nameifs.get(nameif)
            if iface is not None and svc.enabled and protocol not in iface.management_access:
                iface.management_access = iface.management_access + (protocol,)
        self.mfacts["snmp_enabled"] = self.snmp_enabled
        full_config = self.dev.os_version is not None
        self.session_lines(full_config)
        if full_config:
            # ASA defaults, not printed by show running-config.
            if m.log_timestamps is None:
                m.log_timestamps = False
            if not self.mfacts.get("logging_enabled") and m.log_hosts:
                # Without 'logging enable' the ASA sends no syslog at all.
                self.mfacts["log_hosts_inactive"] = [h.address for h in m.log_hosts]
                m.log_hosts = []
        self.mfacts.setdefault("logging_enabled", False)
        self.mfacts.setdefault("http_server_enabled", False)
        if self.mfacts.get("ntp_authenticate") and self.ntp_keyed and all(self.ntp_keyed):
            m.ntp_authenticated = True

    def session_lines(self, full_config: bool) -> None:
        """The idle timeouts of the ASA's management sessions as login lines: SSH and
        telnet (`ssh timeout`, `telnet timeout`, 5 minutes when not set), ASDM (`http
        server idle-timeout`, 20 minutes) and, for a whole config, the console
        (`console timeout`, 0 = never when not set)."""
        m = self.mgmt
        enabled = {svc.protocol: svc for svc in self.mgmt_services.values() if svc.enabled}
        for protocol, name, fact in (("ssh", "ssh", "ssh_timeout"), ("telnet", "telnet", "telnet_timeout"),
                                     ("https", "http (ASDM)", "http_server_idle_timeout")):
            svc = enabled.get(protocol)
            if svc is None:
                continue
            kind = "http" if protocol == "https" else protocol
            minutes = self.mfacts.get(fact)
            loc = self.timeout_locs.get(kind) or (self.http_server_loc if kind == "http" else svc.loc)
            m.lines.append(VtyLine(name, loc, exec_timeout=None if minutes is None else minutes * 60,
                                   default_timeout=ASA_SESSION_DEFAULTS[kind]))
        if full_config and not any(ln.name == "console" for ln in m.lines):
            m.lines.append(VtyLine("console", None, default_timeout=ASA_SESSION_DEFAULTS["console"]))

    def resolve_deferred(self) -> None:
        for name, loc, context, default in self.deferred_refs:
            self.dev.refer(self.kind_of(name, default), name, loc, context)

    def safety_net(self) -> None:
        """A defined ACL/object/group never referred to but named on a line we did
        not read as a reference gets a 'mentioned' reference (never claim unused
        on account of syntax this parser does not model)."""
        referred = {(r.kind, r.name) for r in self.dev.references}
        pending: dict[str, list[NamedObject]] = {}
        for obj in self.dev.objects:
            if obj.kind in ("acl", "address-object", "address-group", "service-object", "service-group",
                            "protocol-group", "icmp-group", "time-range") and (obj.kind, obj.name) not in referred:
                if obj.name in self.nameifs or obj.name in _ADDR_START or obj.name in ASA_PROTOCOLS:
                    continue
                pending.setdefault(obj.name, []).append(obj)
        if not pending:
            return
        skip_heads = ("remark", "description", "banner", "name")
        for node, words in self.all_nodes:
            if not words or words[0] in skip_heads:
                continue
            hits = [w for w in words if w in pending]
            if not hits:
                continue
            for name in hits:
                objs = pending.get(name)
                if not objs:
                    continue
                if self.is_definition_line(words, name):
                    continue
                if "remark" in words[:4] and words.index("remark") < words.index(name):
                    continue
                loc = self.loc(node)
                for obj in objs:
                    if obj.loc.line <= node.number <= obj.loc.end_line:
                        continue
                    self.dev.refer(obj.kind, name, loc, "mentioned")
                pending.pop(name, None)
            if not pending:
                break

    @staticmethod
    def is_definition_line(words: list[str], name: str) -> bool:
        if words[0] == "access-list" and len(words) > 1 and words[1] == name:
            return True
        if words[0] in ("object", "object-group") and len(words) > 2 and words[2] == name:
            return True
        if words[0] == "time-range" and len(words) > 1 and words[1] == name:
            return True
        return False


def _vlan_list(text: str) -> list[int]:
    """'1,10-12' -> [1, 10, 11, 12]."""
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


def _prefix_mask(plen: str) -> str:
    n = int(plen)
    if not 0 <= n <= 32:
        raise _Bad(f"/{plen} is not an IPv4 prefix length")
    m = (0xFFFFFFFF << (32 - n)) & 0xFFFFFFFF
    return f"{m >> 24}.{(m >> 16) & 255}.{(m >> 8) & 255}.{m & 255}"


def _asa_datetime(parts: list[str]) -> datetime:
    """['23:59', '31', 'December', '2024'] (ASA time-range format) -> datetime."""
    hh, mm = parts[0].split(":")
    day = int(parts[1])
    month = _MONTHS[parts[2].lower()]
    year = int(parts[3])
    return datetime(year, month, day, int(hh), int(mm))


PARSER = AsaParser()
