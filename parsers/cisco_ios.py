"""Cisco IOS / IOS-XE parser: `show running-config` of routers and L3 switches
(Catalyst), or any snippet of one (a file holding one ACL is valid input).

What it produces (see `netlint.model`):

* ACLs: numbered (`access-list N ...`) and named (`ip access-list standard|extended`,
  `ipv6 access-list`) as `Filter`s with the implicit deny, object-groups resolved into
  the rules (nested groups, cycles detected), named ports and ICMP names turned into
  numbers, wildcard masks kept exact (non-contiguous ones as `AddressWildcard`);
* interfaces (L2 and L3, with the Catalyst platform defaults), VLANs, static routes;
* the management plane (vty lines, SSH/telnet/HTTP, SNMP, AAA, local users, enable
  secret, logging, NTP, banners) and a few hardening facts;
* every definition and use of a named structure (`device.define` / `device.refer`),
  with a safety net so that a name mentioned on a line we do not interpret never
  looks unused.

Lines that are recognised but not modelled are listed in curated tables below; any
other line becomes a parse warning with its line number. The parser never raises on
a malformed line (the line becomes a warning naming what was wrong); it raises
`ParseError` only when not a single line looks like IOS.

Platform defaults the model cannot express directly are made explicit:

* a Catalyst L2 port without `switchport mode` keeps `mode=None` with
  `extra["mode_default"] = "dynamic-auto"`; access/native VLANs left at their default
  are filled in as 1 with `extra["access_vlan_default"]` / `extra["native_vlan_default"]`;
* `VtyLine.transport_input` is the words as written (`("none",)`, `("telnet", "ssh")`),
  None when absent (platform default); `VtyLine.login` is '', 'line' (bare `login`:
  the line password), 'local', 'authentication <list>' or 'none' (`no login`);
* `management.enable_secret` is the weakest of `enable secret` / `enable password`
  (the latter is a finding even next to a secret).

Facts for checks (`device.management.facts`): cdp_enabled, ip_source_route and
service_pad (True unless disabled), ssh_timeout, ssh_authentication_retries,
ssh_dh_min_size, ssh_server_<encryption|mac|kex>, login_block_for/_attempts/_within,
login_on_failure_log, login_on_success_log, password_min_length,
http_authentication, http_secure_trustpoint, http_tls_version, logging_trap,
logging_buffered, logging_on, logging_source_interface, log_timestamps_format,
ntp_server_keys, ntp_trusted_keys, snmp_groups {name: version, level, access},
snmp_hosts, aaa_authentication / aaa_authorization(_commands) / aaa_accounting(_commands)
method lists, aaa_groups, archive_log_config / archive_hidekeys, vstack,
ip_bootp_server, ip_finger, ip_identd, ip_dns_server, service_<name> for `service`
switches, rsa_modulus; most come with a `<name>_loc`. Device facts
(`device.facts`): platform_kind (switch|router), serial, route_vrfs (parallel to
`device.routes`), nat_static, isakmp_policies, transform_sets, pki_trustpoints,
time_ranges, zone_based_firewall, object_group_cycles. Interface extras: proxy_arp,
redirects, unreachables, directed_broadcast, urpf, cdp_enable, portfast, bpduguard,
port_security, nat_inside, helper_addresses, redundancy (standby/vrrp/glbp),
channel_group, tunnel_*, crypto_map, service_policy. Rule extras: fragments, dscp,
precedence, tos, ttl, tcp_flags, log_input, log_cookie, reflect, dynamic,
unresolved_services, implicit_sequence (the number IOS gives an unnumbered entry).

Speed: one pass over the indentation tree, str.split tokenising, dictionary dispatch,
memoised address parsing; no regular expression per token, no heavy imports.
"""

from __future__ import annotations

import gc
import ipaddress
import re
import socket
from datetime import datetime
from pathlib import PurePath
from typing import Any, Callable

from netlint.model import (
    ANY_SERVICE, DENY, PERMIT,
    AaaServer, AddressRange, AddressSet, AddressWildcard, Device, Filter, Interface,
    InterfaceAddress, Location, LogHost, ManagementService, ParseError, Route, Rule,
    Secret, Service, SnmpCommunity, SnmpGroup, SnmpUser, Vlan, VtyLine, Zone, port_ranges_not,
)

from .common import ConfigLine, indented_tree, redact, newline_only
from .detect import score_vendors

VENDOR = "cisco_ios"
_inet_pton = socket.inet_pton
_AF_INET = socket.AF_INET

IMPLICIT_DENY_NOTE = "implicit deny at the end of every IOS ACL"
IMPLICIT_DENY_NOTE_V6 = (
    "implicit permit icmp any any nd-na, permit icmp any any nd-ns (IPv6 neighbour discovery), "
    "then implicit deny ipv6 any any at the end of every IOS IPv6 ACL; an explicit final deny "
    "ipv6 any any also blocks neighbour discovery"
)

# --------------------------------------------------------------------------- keyword tables

# IPv4 ACL protocol keywords; None = any IP protocol.
PROTOCOLS_V4: dict[str, int | None] = {
    "ip": None, "ahp": 51, "eigrp": 88, "esp": 50, "gre": 47, "icmp": 1, "igmp": 2, "ipinip": 4,
    "nos": 94, "ospf": 89, "pcp": 108, "pim": 103, "tcp": 6, "udp": 17, "sctp": 132,
}
PROTOCOLS_V6: dict[str, int | None] = {
    "ipv6": None, "ahp": 51, "esp": 50, "hbh": 0, "icmp": 58, "pcp": 108, "sctp": 132, "tcp": 6,
    "udp": 17, "gre": 47, "eigrp": 88, "ospf": 89, "pim": 103,
}

TCP_PORTS: dict[str, int] = {
    "bgp": 179, "chargen": 19, "cmd": 514, "daytime": 13, "discard": 9, "domain": 53, "drip": 3949,
    "echo": 7, "exec": 512, "finger": 79, "ftp": 21, "ftp-data": 20, "gopher": 70, "hostname": 101,
    "ident": 113, "irc": 194, "klogin": 543, "kshell": 544, "login": 513, "lpd": 515, "msrpc": 135,
    "nntp": 119, "onep-plain": 15001, "onep-tls": 15002, "pim-auto-rp": 496, "pop2": 109, "pop3": 110,
    "smtp": 25, "sunrpc": 111, "tacacs": 49, "talk": 517, "telnet": 23, "time": 37, "uucp": 540,
    "whois": 43, "www": 80,
}
UDP_PORTS: dict[str, int] = {
    "biff": 512, "bootpc": 68, "bootps": 67, "discard": 9, "dnsix": 195, "domain": 53, "echo": 7,
    "isakmp": 500, "mobile-ip": 434, "nameserver": 42, "netbios-dgm": 138, "netbios-ns": 137,
    "netbios-ss": 139, "non500-isakmp": 4500, "ntp": 123, "pim-auto-rp": 496, "rip": 520, "ripv6": 521,
    "snmp": 161, "snmptrap": 162, "sunrpc": 111, "syslog": 514, "tacacs": 49, "talk": 517, "tftp": 69,
    "time": 37, "who": 513, "xdmcp": 177,
}
PORT_NAMES: dict[int, dict[str, int]] = {6: TCP_PORTS, 17: UDP_PORTS, 132: {}}

# ICMP message names -> (type, code or None).
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
ICMP_V6: dict[str, tuple[int, int | None]] = {
    "unreachable": (1, None), "destination-unreachable": (1, None), "no-route": (1, 0),
    "no-admin": (1, 1), "beyond-scope": (1, 2), "address-unreachable": (1, 3),
    "port-unreachable": (1, 4), "packet-too-big": (2, None), "time-exceeded": (3, None),
    "hop-limit": (3, 0), "reassembly-timeout": (3, 1), "parameter-problem": (4, None),
    "header": (4, 0), "next-header": (4, 1), "parameter-option": (4, 2), "echo-request": (128, None),
    "echo-reply": (129, None), "mld-query": (130, None), "mld-report": (131, None),
    "mld-reduction": (132, None), "router-solicitation": (133, None),
    "router-advertisement": (134, None), "nd-ns": (135, None), "nd-na": (136, None),
    "redirect": (137, None), "router-renumbering": (138, None), "renum-command": (138, 0),
    "renum-result": (138, 1), "renum-seq-number": (138, 255),
}
IGMP_TYPES = frozenset({
    "dvmrp", "host-query", "host-report", "mtrace-request", "mtrace-response", "pim", "trace",
    "v2-leave", "v2-report", "v3-report",
})
TCP_FLAGS = frozenset({"ack", "fin", "psh", "rst", "syn", "urg"})
# Words that may follow the addresses/ports of an ACE (used to tell a log cookie apart).
ACE_OPTIONS = frozenset({
    "log", "log-input", "established", "time-range", "fragments", "dscp", "precedence", "tos", "ttl",
    "option", "match-all", "match-any", "reflect", "inactive", "sequence", "packet-length", "hbh",
    "dest-option", "dest-option-type", "flow-label", "routing", "routing-type", "mobility",
    "mobility-type", "undetermined-transport", "auth", "counter", "ack", "fin", "psh", "rst", "syn",
    "urg", "timeout",
}) | IGMP_TYPES
PORT_OPS = frozenset({"eq", "neq", "lt", "gt", "range"})

STANDARD_RANGES = ((1, 99), (1300, 1999))
EXTENDED_RANGES = ((100, 199), (2000, 2699))
# Numbered lists that are not IP filters (protocol type-code, MAC, XNS...): recognised, not modelled.
OTHER_ACL_RANGES = ((200, 299), (300, 399), (400, 499), (500, 599), (600, 699), (700, 799),
                    (800, 899), (900, 999), (1000, 1099), (1100, 1199), (1200, 1299))

SWITCH_MODELS = ("C9200", "C9300", "C9400", "C9500", "C9600", "WS-C", "C3850", "C3650", "C2960",
                 "C1000", "IE-", "IE3", "IE4", "C9800", "CBS", "CDB")

# Top-level commands recognised and deliberately not modelled (their whole block too).
RECOGNISED_TOP = frozenset({
    "spd", "network-clock-participate", "network-clock-select", "bba-group", "wlccp", "dot11",
    "end", "exit", "Building", "Current", "boot-start-marker", "boot-end-marker", "boot", "clock",
    "redundancy", "diagnostic", "platform", "mac", "vtp", "policy-map", "system", "memory", "file",
    "call-home", "multilink", "subscriber", "device-tracking", "track", "event", "alias",
    "transceiver", "hw-module", "stack-power", "errdisable", "port-channel", "udld", "vrf",
    "dot1x", "authentication", "parameter-map", "template", "service-template", "wsma",
    "netconf-yang", "netconf", "restconf", "gnxi", "gnmi-yang", "telemetry", "cts", "flow", "sampler",
    "monitor", "privilege", "process", "arp", "power", "energywise", "rep", "stackwise-virtual", "mls", "qos", "auto", "dialer-list", "chat-script", "voice", "voice-card", "dial-peer",
    "telephony-service", "ephone", "ephone-dn", "sip-ua", "application", "gatekeeper", "exception",
    "scheduler", "buffers", "pseudowire-class", "mpls", "segment-routing", "bfd", "ethernet", "cfm",
    "epm", "performance", "avc", "utd", "virtual-service", "app-hosting", "iox", "onep", "openflow", "wireless", "wlan", "ap", "access-session", "table-map", "fhrp", "bridge",
    "sdm", "lacp", "pagp", "network-policy", "nmsp", "captive-portal-bypass", "device-sensor",
    "pnp", "coap", "dot11", "rmon", "mka", "macsec", "tftp-server", "key", "warm-reboot",
    "service-policy", "control-plane", "license", "vlan-group", "zone-pair", "xconnect",
    "l2vpn", "bridge-domain", "srr-queue", "mls", "ipc", "crypto", "username", "enable", "hostname", "version", "archive", "spanning-tree",
    "lldp", "cdp", "ip", "ipv6", "snmp", "snmp-server", "ntp", "sntp", "aaa", "logging", "login",
    "security", "service", "banner", "line", "interface", "access-list", "object-group",
    "time-range", "route-map", "class-map", "router", "tacacs", "tacacs-server", "radius",
    "radius-server", "ldap", "zone", "vlan", "vstack", "switch", "macro", "default", "no",
    "kron", "shell", "controller", "card", "cpd", "dspfarm", "sccp", "stcapp",
    "ccm-manager", "mgcp", "isdn", "modemcap", "frame-relay", "dialer", "vpdn",
    "ptp", "stack-mac", "avb", "mdns-sd",
    "service-routing", "location", "environment", "transport-map", "vty-async", "nat64", "nat66", "l2tp-class",
    "eap", "identity", "epm", })

# Top-level commands without a sub-mode: an indented line under one is misplaced.
LEAF_COMMANDS = frozenset({
    "hostname", "version", "access-list", "enable", "username", "service", "logging", "ntp", "sntp", "cdp",
    "lldp", "security", "login", "vtp", "vstack", "tacacs-server", "radius-server", "snmp-server",
})

# Interface sub-commands accepted without modelling.
IFACE_RECOGNISED = frozenset({
    "full-duplex", "half-duplex", "bundle-enable", "port", "encryption", "broadcast-key", "ssid", "rts",
    "channel", "station-role", "antenna", "beacon", "dot11", "world-mode", "packet", "infrastructure-client",
    "speed", "duplex", "negotiation", "mtu", "bandwidth", "delay", "load-interval", "keepalive",
    "carrier-delay", "hold-queue", "media-type", "power", "storm-control", "udld", "lldp", "logging",
    "snmp", "service-policy", "auto", "mls", "qos", "srr-queue", "priority-queue", "queue-set", "trust",
    "macro", "authentication", "dot1x", "mab", "access-session", "device-tracking", "source",
    "crypto", "tunnel", "ppp", "pppoe", "pppoe-client", "dialer", "dialer-group", "peer", "clock",
    "dsl", "atm", "pvc", "frame-relay", "arp", "flowcontrol", "ethernet", "service", "rep", "vtp",
    "mvrp", "lacp", "pagp", "xconnect", "mpls", "bfd", "isis", "ospfv3", "fair-queue", "random-detect",
    "max-reserved-bandwidth", "cts", "macsec", "mka", "l2protocol-tunnel", "l2protocol", "errdisable",
    "link", "transceiver", "platform", "stackwise-virtual", "network-policy", "nmsp", "energywise",
    "ptp", "shape", "mop", "cdp", "spanning-tree", "pim", "ip", "ipv6", "glbp", "standby",
    "vrrp", "channel-group", "channel-protocol", "port-type", "shutdown", "description", "switchport",
    "encapsulation", "vrf", "zone-member", "tx-ring-limit", "rx-ring-limit", "dampening", "ipx",
    "mdix", "lldp", "small-frame", "stack-mac", "evc", "bridge-group", "bridge-domain", "location", "vlan-range", "vlan", "custom-queue-list", "priority-group", "rate-limit",
    "traffic-shape", "backup", "cable", "controller", "serial", "physical-layer", "async",
    "autoselect", "ntp", "flow", "flow-sampler", "lisp", "nve", "member", "source-interface",
    "vni", "host-reachability", "hardware", "pos", "framing", "crc", "scramble", "sonet",
    "aps", "down-when-looped", "ignore", "invert", "no", "wrr-queue", "rcv-queue", "pvc",
    "subscriber", "access-expression", "ethernet-tunnel", "bgp-policy", "mac", "access-group", "analytics", "umbrella", "loopback",
    "multilink", "compress",
    "nbar", "datalink",
})
IFACE_IP_RECOGNISED = frozenset({
    "proxy-arp", "redirects", "unreachables", "directed-broadcast", "verify", "helper-address", "igmp",
    "multicast", "policy", "ospf", "pim", "mtu", "tcp", "dhcp", "arp", "flow", "nbar", "route-cache",
    "mroute-cache", "local-proxy-arp", "virtual-reassembly", "virtual-reassembly-out", "wccp",
    "inspect", "admission", "unnumbered", "summary-address", "hello-interval", "hold-time",
    "authentication", "bandwidth-percent", "split-horizon", "accounting", "rip", "router", "cgmp",
    "sap", "load-sharing", "information-reply", "mask-reply", "port", "sla", "rsvp", "eigrp",
    "lisp", "nhrp", "mfib", "sticky-arp", "source", "address", "access-group", "nat", "vrf",
    "ips", "audit", "auth-proxy", "urd", "dvmrp", "gratuitous-arps", "security", "ddns", "device",
    "host-mode", "next-hop-self", "flow-export", "traffic-export", "multicast-boundary", "subscriber",
    "irdp", "bgp",
})
IFACE_IPV6_RECOGNISED = frozenset({
    "enable", "nd", "dhcp", "ospf", "mtu", "unreachables", "redirects", "verify", "eigrp", "router",
    "pim", "mld", "policy", "source-guard", "snooping", "destination-guard", "virtual-reassembly",
    "tcp", "flow", "link-local", "rip", "mfib", "nhrp", "ra", "dhcpv6", "cef", "multicast",
    "address", "traffic-filter", "access-group", "inspect", "nat", "device", "prefix-guard",
})
LINE_RECOGNISED = frozenset({
    "logout-warning", "exec-prompt", "telnet", "dispatch-character", "dispatch-timeout", "session-disconnect-warning",
    "privilege", "logging", "stopbits", "session-timeout", "absolute-timeout", "exec", "length",
    "width", "history", "escape-character", "autocommand", "rotary", "authorization", "accounting",
    "speed", "flowcontrol", "databits", "parity", "modem", "autoselect", "terminal-type", "timeout",
    "motd-banner", "exec-banner", "activation-character", "vacant-message", "refuse-message",
    "notify", "location", "international", "transport", "session-limit", "ip", "no", "login",
    "password", "exec-timeout", "access-class", "ipv6", "monitor", "editing", "full-help",
    "disconnect-character", "hold-character", "start-character", "stop-character", "padding",
    "domain-lookup", "insecure", "lockable", "data-character-bits", "special-character-bits",
    "exec-character-bits", "script", "media-type", "pager", "cli",
})
LOGIN_METHODS = frozenset({"local", "local-case", "enable", "line", "none", "krb5", "krb5-telnet"})

# Type 6 is AES with the device's own master key (`key config-key password-encrypt`):
# reversible only on the device.
SECRET_TYPES_PASSWORD = {"0": "plaintext", "7": "reversible", "6": "encrypted"}
# IOS lines (con, aux, vty) log an idle session out after 10 minutes unless told otherwise.
LINE_DEFAULT_TIMEOUT = 600
# Settings of `tacacs server` / `radius server` / `ldap server` blocks besides address and key.
AAA_SERVER_SETTINGS = frozenset({
    "timeout", "single-connection", "port", "send-nat-address", "retransmit", "automate-tester", "key-wrap",
    "dtls", "protocol", "non-standard", "username", "bind", "base-dn", "search-filter", "transport",
    "mode", "attribute", "authorization", "deadtime", "vrf", "source-interface",
})
# Settings of `aaa group server` blocks besides its members.
AAA_GROUP_SETTINGS = frozenset({
    "ip", "ipv6", "deadtime", "load-balance", "accounting", "authorization", "attribute", "cache", "timeout",
    "retransmit", "key", "vrf",
})
# `ip ssh server algorithm KIND ...` -> the model's kind.
SSH_ALGORITHM_KINDS = {"encryption": "cipher", "kex": "kex", "mac": "mac"}
SECRET_TYPES_SECRET = {"0": "plaintext", "4": "hash", "5": "md5", "8": "pbkdf2", "9": "scrypt"}
_STORAGE_RANK = {"plaintext": 0, "reversible": 1, "md5": 2, "hash": 3, "unknown": 4, "sha256": 5,
                 "sha512": 6, "pbkdf2": 7, "bcrypt": 8, "scrypt": 9}

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}

# Lines whose value may be a secret (fast pre-filter: ACL entries never match).
_MAYBE_SECRET = re.compile(r"pass|secret|key|communit|snmp|set|\$9\$|enc|md5|auth|sha|psk")  # on lower()
# IOS secrets the shared `redact` misses or mangles; handled before it.
_MD5_KEY = re.compile(r"^(.*\b(?:authentication-key|message-digest-key)\s+\d+\s+md5\s+(?:\d\s+(?=\S))?)(\S+)(.*)$", re.I)
_SNMP_USER = re.compile(r"(\b(?:auth|priv)\s+(?:md5|sha(?:-?\d+)?|des|3des|aes(?:\s+\d+)?)\s+)(\S+)", re.I)
_FHRP_AUTH = re.compile(r"^(\s*(?:standby|vrrp|glbp)\s+\d+\s+authentication\s+(?:text\s+)?)(?!md5\b)(\S+)", re.I)
_SET_KEY = re.compile(r"(\bset-key\s+(?:ascii|hex)\s+\d\s+)(\S+)", re.I)
_KEEP_COMMUNITIES = frozenset({"public", "private"})


def _redact_snmp_host(text: str) -> str:
    """snmp-server host A [vrf V] [informs|traps] [version 1|2c|3 [auth|noauth|priv]] COMMUNITY|USER ..."""
    words = text.split()
    i = 3
    n = len(words)
    v3 = False
    while i < n:
        w = words[i]
        if w == "vrf":
            i += 2
        elif w in ("informs", "traps"):
            i += 1
        elif w == "version" and i + 1 < n:
            v3 = words[i + 1] == "3"
            i += 3 if v3 else 2
        else:
            break
    if i < n and not v3 and words[i].lower() not in _KEEP_COMMUNITIES:
        words[i] = "<redacted>"
    indent = text[: len(text) - len(text.lstrip())]
    return indent + " ".join(words)


def _redact(text: str) -> str:
    """`parsers.common.redact` plus the IOS secrets it misses; fast path for the vast
    majority of lines (ACL entries) that cannot hold a secret."""
    if not _MAYBE_SECRET.search(text.lower()):
        return text
    stripped = text.lstrip()
    m = _MD5_KEY.match(text)
    if m:
        return m.group(1) + "<redacted>" + m.group(3)
    if stripped.startswith("snmp-server host "):
        return _redact_snmp_host(text)
    if stripped.startswith("snmp-server user "):
        return _SNMP_USER.sub(lambda mm: mm.group(1) + "<redacted>", text)
    m = _FHRP_AUTH.match(text)
    if m:
        return m.group(1) + "<redacted>" + text[m.end():]
    return redact(_SET_KEY.sub(lambda mm: mm.group(1) + "<redacted>", text))


class _Bad(Exception):
    """A malformed line; the message names what is wrong."""


def _in_ranges(n: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= n <= hi for lo, hi in ranges)


def _merge(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    if not ranges:
        return ()
    ranges.sort()
    out = [ranges[0]]
    for lo, hi in ranges[1:]:
        plo, phi = out[-1]
        if lo <= phi + 1:
            if hi > phi:
                out[-1] = (plo, hi)
        else:
            out.append((lo, hi))
    return tuple(out)


def _vlan_list(text: str) -> list[int]:
    """'10,20-30' -> [10, 20, ..., 30]."""
    out: list[int] = []
    for part in text.split(","):
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            lo, hi = int(a), int(b)
            if lo > hi or hi > 4094 or lo < 1:
                raise _Bad(f"bad VLAN range '{part}'")
            out.extend(range(lo, hi + 1))
        else:
            v = int(part)
            if not 1 <= v <= 4094:
                raise _Bad(f"bad VLAN id '{part}'")
            out.append(v)
    return out


def _is_v4(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 4 and all(p.isdigit() and p.isascii() and int(p) <= 255 for p in parts)


def _is_ip(text: str) -> bool:
    if _is_v4(text):
        return True
    if ":" in text and "/" not in text:
        try:
            ipaddress.IPv6Address(text)
            return True
        except ValueError:
            return False
    return False


def _mask_len(mask: int) -> int | None:
    """Prefix length of a contiguous IPv4 subnet mask, else None."""
    inv = 0xFFFFFFFF & ~mask
    if (inv + 1) & inv:
        return None
    return 32 - inv.bit_length()


def _secret_storage(kind: str, type_word: str | None, value: str) -> str:
    """Storage of an IOS password/secret given the keyword, the type digit (or None)
    and the value as written."""
    if kind == "password":
        if type_word is None:
            return "plaintext"
        return SECRET_TYPES_PASSWORD.get(type_word, "unknown")
    if type_word is None:  # 'secret VALUE' as written in a file: look at the value
        if value.startswith("$1$"):
            return "md5"
        if value.startswith("$8$"):
            return "pbkdf2"
        if value.startswith("$9$"):
            return "scrypt"  # IOS type 9 (not Junos $9$, which is reversible)
        return "plaintext"
    return SECRET_TYPES_SECRET.get(type_word, "unknown")


# --------------------------------------------------------------------------- the plugin




class CiscoIosParser:
    vendor = VENDOR

    def detect(self, text: str) -> int:
        score = score_vendors(text[:200_000]).get(VENDOR, 0)
        return max(0, min(100, score))

    def parse(self, text: str, file: str) -> Device:
        if not text.strip():
            raise ParseError(file, "is empty")
        # The parse allocates hundreds of thousands of small objects and creates no
        # garbage cycles worth collecting meanwhile: pausing the cyclic GC saves ~25%.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return _Run(newline_only(text), file).run()
        finally:
            if gc_was_enabled:
                gc.enable()


PARSER = CiscoIosParser()


# --------------------------------------------------------------------------- one parse


class _GroupDef:
    __slots__ = ("kind", "name", "nodes", "members", "nested", "description", "resolved", "loc")

    def __init__(self, kind: str, name: str, node: ConfigLine, loc: Location) -> None:
        self.kind = kind  # 'address-group' | 'service-group'
        self.name = name
        self.nodes = [node]  # a group entered twice in config mode gets both blocks
        self.loc = loc
        self.members: list[Any] = []  # address items or services
        self.nested: list[tuple[str, Location]] = []
        self.description = ""
        self.resolved: tuple[tuple, tuple[str, ...]] | None = None


class _Run:
    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.lines = text.splitlines()
        self.device = Device(hostname="", vendor=VENDOR, file=file)
        self.mgmt = self.device.management
        self.understood = 0
        self.skip_until = 0  # top-level nodes up to this line belong to a banner/macro
        self.banner_lines: list[tuple[int, int]] = []
        self._v4cache: dict[str, int] = {}
        self._wcache: dict[tuple[str, str], Any] = {}
        self._v6cache: dict[str, AddressRange] = {}
        self._svccache: dict[tuple, Service] = {}
        self.groups: dict[str, _GroupDef] = {}
        self._cycle_checked: set[str] = set()
        self._group_family: dict[tuple[str, int], tuple[tuple, tuple[str, ...]]] = {}
        self.time_ranges: dict[str, dict[str, Any]] = {}
        # ACL bookkeeping
        self.acl_pending_remark: dict[str, list[str]] = {}
        self.acl_seq: dict[str, list[int | None]] = {}
        self.acl_lines: dict[str, list[tuple[int, int]]] = {}  # definition spans, for the safety net
        self.numbered_seen: set[str] = set()
        self.acl_entry_lines: dict[str, int] = {}  # permit/deny lines seen, parsed or not
        self.iface_state: dict[str, dict[str, Any]] = {}
        self.switch_hints = 0
        self.http_acl: tuple[str, Location] | None = None
        self.ssh_loc: Location | None = None
        self.tacacs_key: Secret | None = None
        self.radius_key: Secret | None = None
        self.enable_candidates: list[tuple[Secret, Location, str]] = []
        self.prefix_lists: dict[str, list[int]] = {}
        self.route_vrfs: list[str | None] = []
        self.vlan_index: dict[int, Vlan] = {}
        self._line_transport_loc: dict[int, Location] = {}
        self._line_noexec: set[int] = set()
        facts = self.mgmt.facts
        facts["cdp_enabled"] = True
        facts["ip_source_route"] = True
        facts["service_pad"] = True
        self.top: dict[str, Callable[[ConfigLine, list[str], bool], None]] = {
            "hostname": self.h_hostname, "version": self.h_version, "license": self.h_license,
            "access-list": self.h_access_list, "ip": self.h_ip, "ipv6": self.h_ipv6,
            "object-group": self.h_object_group, "time-range": self.h_time_range,
            "interface": self.h_interface, "vlan": self.h_vlan, "line": self.h_line,
            "banner": self.h_banner, "username": self.h_username, "enable": self.h_enable,
            "service": self.h_service, "snmp-server": self.h_snmp, "aaa": self.h_aaa,
            "tacacs-server": self.h_tacacs_server, "tacacs": self.h_tacacs, "radius-server": self.h_radius_server,
            "radius": self.h_radius, "ldap": self.h_ldap, "logging": self.h_logging, "ntp": self.h_ntp,
            "password": self.h_password,
            "sntp": self.h_ntp, "cdp": self.h_cdp, "lldp": self.h_lldp, "security": self.h_security,
            "login": self.h_login, "route-map": self.h_route_map, "class-map": self.h_class_map,
            "crypto": self.h_crypto, "router": self.h_router, "archive": self.h_archive,
            "spanning-tree": self.h_switch_hint, "vtp": self.h_switch_hint, "zone": self.h_zone,
            "zone-pair": self.h_zone_pair, "switch": self.h_switch, "vstack": self.h_vstack,
            "macro": self.h_macro, "control-plane": self.h_control_plane, "policy-map": self.h_policy_map,
            "snmp": self.h_snmp_short, "no": self.h_no, "default": self.h_default,
        }

    # ------------------------------------------------------------------ helpers

    def loc(self, node: ConfigLine, block: bool = False) -> Location:
        end = node.end_number if block and node.children else node.number
        return Location(self.file, node.number, end, _redact(node.text.strip()))

    def warn(self, node: ConfigLine, message: str = "line not understood") -> None:
        self.device.warn(self.loc(node), message)

    def v4(self, text: str) -> int:
        try:
            return self._v4cache[text]
        except KeyError:
            pass
        try:
            value = int.from_bytes(_inet_pton(_AF_INET, text), "big")
            self._v4cache[text] = value
            return value
        except (OSError, ValueError):
            pass  # leading zeros and other forms inet_pton refuses: check by hand
        parts = text.split(".")
        if len(parts) != 4:
            raise _Bad(f"bad IPv4 address '{text}'")
        value = 0
        for p in parts:
            if not (p.isdigit() and p.isascii()) or len(p) > 3:
                raise _Bad(f"bad IPv4 address '{text}'")
            n = int(p)
            if n > 255:
                raise _Bad(f"bad IPv4 address '{text}'")
            value = (value << 8) | n
        self._v4cache[text] = value
        return value

    def wildcard(self, address: str, wild: str) -> AddressRange | AddressWildcard:
        """Same result as `netlint.model.wildcard`, memoised and with IOS error messages."""
        key = (address, wild)
        item = self._wcache.get(key)
        if item is None:
            a = self.v4(address)
            try:
                w = self.v4(wild)
            except _Bad:
                raise _Bad(f"bad wildcard mask '{wild}'") from None
            care = 0xFFFFFFFF & ~w
            value = a & care
            if (w + 1) & w == 0:
                item = AddressRange(4, value, value | w)
            else:
                item = AddressWildcard(4, value, care)
            self._wcache[key] = item
        return item

    def subnet(self, address: str, mask: str) -> AddressRange:
        a = self.v4(address)
        try:
            m = self.v4(mask)
        except _Bad:
            raise _Bad(f"bad subnet mask '{mask}'") from None
        plen = _mask_len(m)
        if plen is None:
            raise _Bad(f"bad subnet mask '{mask}' (not contiguous)")
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
                raise _Bad(f"bad IPv6 address or prefix '{text}'") from None
            self._v6cache[text] = item
        return item

    def v4cidr(self, text: str) -> AddressRange:
        addr, _, plen_s = text.partition("/")
        a = self.v4(addr)
        if not plen_s.isdigit() or int(plen_s) > 32:
            raise _Bad(f"bad prefix length in '{text}'")
        size = 1 << (32 - int(plen_s))
        first = a & ~(size - 1) & 0xFFFFFFFF
        return AddressRange(4, first, first + size - 1)

    def service(self, proto: int | None, sports: tuple = (), dports: tuple = (),
                itype: int | None = None, icode: int | None = None) -> Service:
        key = (proto, sports, dports, itype, icode)
        svc = self._svccache.get(key)
        if svc is None:
            svc = Service(protocol=proto, src_ports=sports, dst_ports=dports, icmp_type=itype, icmp_code=icode)
            self._svccache[key] = svc
        return svc

    # ------------------------------------------------------------------ main loop

    def run(self) -> Device:
        roots = indented_tree(self.text)
        self.prescan(roots)
        top = self.top
        for node in roots:
            if node.number <= self.skip_until:
                continue
            words = node.text.split()
            handler = top.get(words[0])
            last = words[-1][-1]
            try:
                if last in "{};" and (last != ";" or len(words) > 1):
                    # brace/semicolon syntax (Junos, nftables...) is never IOS, even when
                    # the first word happens to be an IOS command ('system {')
                    self.warn(node, "line not understood (not IOS syntax)")
                elif handler is not None:
                    handler(node, words, False)
                    self.understood += 1
                    if node.children and words[0] in LEAF_COMMANDS:
                        self.stray_children(node)
                elif words[0] in RECOGNISED_TOP or self.prompt_line(words):
                    self.understood += 1
                else:
                    self.warn(node)
            except _Bad as exc:
                self.warn(node, str(exc))
            except (IndexError, KeyError):
                self.warn(node, "line ends early or misses a value (truncated?)")
            except Exception as exc:  # noqa: BLE001 - never crash on a line
                self.warn(node, f"could not parse this line ({type(exc).__name__}: {exc})")
        if self.understood == 0:
            raise ParseError(self.file, "does not look like a Cisco IOS configuration (no line was recognised)")
        self.finish()
        return self.device

    def stray_children(self, node: ConfigLine) -> None:
        """Indented lines under a command that has no sub-mode: keep them as warnings."""
        stack = list(node.children)
        while stack:
            child = stack.pop(0)
            self.warn(child, f"unexpected indented line under '{node.text.strip()[:40]}'")
            stack[:0] = child.children

    @staticmethod
    def prompt_line(words: list[str]) -> bool:
        """'core-sw#show running-config' pasted at the top of a capture."""
        return "#" in words[0] and (words[0].split("#", 1)[1].startswith("sh") or
                                    (len(words) > 1 and words[1].startswith("sh")))

    def children(self, node: ConfigLine, handler: Callable[[ConfigLine, list[str], bool], None]) -> None:
        """Run `handler` on every child, each in its own error boundary."""
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
            except _Bad as exc:
                self.warn(child, str(exc))
            except (IndexError, KeyError):
                self.warn(child, "line ends early or misses a value (truncated?)")
            except Exception as exc:  # noqa: BLE001
                self.warn(child, f"could not parse this line ({type(exc).__name__}: {exc})")

    def prescan(self, roots: list[ConfigLine]) -> None:
        """Object-groups first, so rules can resolve them wherever they are in the file
        (time-ranges need no pre-pass: their expiry is applied after the last line)."""
        for node in roots:
            t = node.text
            if t.startswith("object-group "):
                words = t.split()
                if len(words) >= 3:
                    kind = {"network": "address-group", "v6-network": "address-group",
                            "service": "service-group", "v6-service": "service-group"}.get(words[1])
                    group = self.groups.get(words[2])
                    if kind and group is None:
                        self.groups[words[2]] = _GroupDef(kind, words[2], node, self.loc(node, True))
                    elif group is not None and kind == group.kind:
                        group.nodes.append(node)

    # ------------------------------------------------------------------ simple top-level commands

    def h_hostname(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        self.device.hostname = words[1].strip('"')

    def h_version(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        self.device.os_version = words[1]
        self.device.os_version_loc = self.loc(node)

    def h_license(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        # license udi pid C9300-48P sn FOC1234X0AB
        if len(words) >= 4 and words[1] == "udi":
            for i in range(2, len(words) - 1):
                if words[i] == "pid":
                    self.device.model = words[i + 1]
                    self.device.facts["model_loc"] = self.loc(node)
                elif words[i] == "sn":
                    self.device.facts["serial"] = words[i + 1]

    def h_switch(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        # switch 1 provision c9300-48p
        if len(words) >= 4 and words[2] == "provision":
            self.device.facts.setdefault("provisioned_model", words[3].upper())
            self.switch_hints += 1

    def h_switch_hint(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        self.switch_hints += 1
        if words[0] == "spanning-tree" and len(words) >= 3 and words[1] == "mode":
            self.device.facts["spanning_tree_mode"] = words[2]
        if words[0] == "vtp" and len(words) >= 3 and words[1] == "mode":
            self.device.facts["vtp_mode"] = words[2]

    def h_vstack(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        self.mgmt.facts["vstack"] = not neg
        self.mgmt.facts["vstack_loc"] = self.loc(node)

    def h_default(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        return None  # 'default X' resets X to the platform default: nothing to record

    def h_macro(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        # macro name NAME ... lines until a line holding only '@'
        if len(words) >= 2 and words[1] == "name":
            for i in range(node.number, len(self.lines)):
                if self.lines[i].strip() == "@":
                    self.skip_until = i + 1
                    self.banner_lines.append((node.number, i + 1))
                    return
            self.skip_until = len(self.lines)
            self.banner_lines.append((node.number, len(self.lines)))
            raise _Bad("macro not terminated by '@' (truncated file?)")

    def h_no(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        rest = words[1:]
        if not rest:
            raise _Bad("'no' without a command")
        handler = self.top.get(rest[0])
        if handler is not None and rest[0] != "no":
            handler(node, rest, True)
        elif rest[0] not in RECOGNISED_TOP:
            raise _Bad("line not understood")

    # ------------------------------------------------------------------ banners

    def h_banner(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg or len(words) < 2:
            return
        kind = words[1]
        raw = self.lines[node.number - 1]
        start = raw.find(kind, raw.find("banner") + 6) + len(kind)
        rest = raw[start:].lstrip()
        if not rest:
            raise _Bad("banner without a delimiter")
        delim = "^C" if rest.startswith("^C") else rest[0]
        body_first = rest[len(delim):]
        body: list[str] = []
        end_line = node.number
        if delim in body_first:
            body.append(body_first.split(delim, 1)[0])
        else:
            body.append(body_first)
            found = False
            for i in range(node.number, len(self.lines)):
                line = self.lines[i]
                if delim in line:
                    body.append(line.split(delim, 1)[0])
                    end_line = i + 1
                    found = True
                    break
                body.append(line)
            if not found:
                end_line = len(self.lines)
                self.skip_until = max(self.skip_until, end_line)
                self.banner_lines.append((node.number, end_line))
                self.mgmt.banners[kind] = "\n".join(body).strip("\n")
                raise _Bad(f"banner {kind} is not terminated by its delimiter (truncated file?)")
        self.skip_until = max(self.skip_until, end_line)
        self.banner_lines.append((node.number, end_line))
        text = "\n".join(body).strip("\n")
        self.mgmt.banners[kind] = text
        self.mgmt.facts.setdefault("banner_locs", {})[kind] = Location(self.file, node.number, end_line, raw.strip()[:80])

    # ------------------------------------------------------------------ ACLs

    def new_filter(self, name: str, kind: str, family: int, loc: Location) -> Filter:
        filt = self.device.filters.get(name)
        if filt is None:
            filt = Filter(
                name=name, kind=kind, family=family, default_action=DENY,
                default_note=IMPLICIT_DENY_NOTE if family == 4 else IMPLICIT_DENY_NOTE_V6, loc=loc,
            )
            self.device.filters[name] = filt
            self.acl_seq[name] = []
            self.acl_lines[name] = []
        return filt

    def h_access_list(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        # access-list N [dynamic X [timeout N]] permit|deny|remark ...
        if neg:
            return
        num_s = words[1]
        if not num_s.isdigit():
            if num_s in ("compiled", "logging", "log-update", "dynamic-extend"):
                return
            raise _Bad(f"access-list number expected, got '{num_s}'")
        num = int(num_s)
        name = str(num)
        if _in_ranges(num, STANDARD_RANGES):
            kind = "standard-acl"
        elif _in_ranges(num, EXTENDED_RANGES):
            kind = "acl"
        elif _in_ranges(num, OTHER_ACL_RANGES):
            non_ip = self.device.facts.setdefault("non_ip_acls", [])
            if name not in non_ip:
                non_ip.append(name)
            return
        else:
            raise _Bad(f"access-list number {num} out of range")
        loc = self.loc(node)
        filt = self.device.filters.get(name)
        if filt is None:
            filt = self.new_filter(name, kind, 4, Location(self.file, node.number, node.number, loc.text))
        elif filt.loc is not None:
            filt.loc.end_line = max(filt.loc.end_line, node.number)
        self.acl_lines[name].append((node.number, node.number))
        self.numbered_seen.add(name)
        self.ace(filt, words, 2, loc, None)

    def h_ip_access_list(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        # ip access-list standard|extended NAME ; ip access-list resequence/logging/...
        if neg:
            return
        sub = words[2]
        if sub not in ("standard", "extended"):
            if sub in ("resequence", "logging", "log-update", "role-based", "fqdn", "match-local-traffic"):
                return
            raise _Bad(f"unknown access-list type '{sub}'")
        name = words[3]
        kind = "standard-acl" if sub == "standard" else "acl"
        loc = self.loc(node, True)
        filt = self.new_filter(name, kind, 4, loc)
        self.acl_lines[name].append((node.number, node.end_number))
        self.acl_block(filt, node)

    def h_ipv6_access_list(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        name = words[2]
        if name in ("log-update", "logging", "cache", "match-local-traffic", "role-based"):
            return
        filt = self.new_filter(name, "acl", 6, self.loc(node, True))
        self.acl_lines[name].append((node.number, node.end_number))
        self.acl_block(filt, node)

    def acl_block(self, filt: Filter, node: ConfigLine) -> None:
        for child in node.children:
            words = child.text.split()
            try:
                first = words[0]
                if first in ("permit", "deny", "remark"):
                    self.ace(filt, words, 0, self.loc(child), None)
                elif first.isdigit():
                    self.ace(filt, words, 1, self.loc(child), first)
                elif first == "sequence":
                    self.ace(filt, words, 2, self.loc(child), words[1])
                elif first in ("statistics", "no", "default", "exit"):
                    pass
                else:
                    # not an entry we can read; it still makes the ACL non-empty
                    self.acl_entry_lines[filt.name] = self.acl_entry_lines.get(filt.name, 0) + 1
                    if first == "evaluate":
                        raise _Bad(f"reflexive ACL 'evaluate {words[1]}' is not modelled (entry skipped)")
                    raise _Bad(f"unknown access-list entry '{first}'")
            except _Bad as exc:
                self.warn(child, str(exc))
            except (IndexError, KeyError):
                self.warn(child, "access-list entry ends early (truncated?)")
            except Exception as exc:  # noqa: BLE001
                self.warn(child, f"could not parse this access-list entry ({type(exc).__name__}: {exc})")

    def ace(self, filt: Filter, words: list[str], i: int, loc: Location, seq: str | None) -> None:
        """One ACE starting at words[i] (the action or 'remark')."""
        name = filt.name
        action = words[i]
        if action == "remark":
            text = loc.text.split("remark", 1)[1].strip() if "remark" in loc.text else ""
            self.acl_pending_remark.setdefault(name, []).append(text)
            return
        self.acl_entry_lines[name] = self.acl_entry_lines.get(name, 0) + 1
        approximations: list[str] = []
        extra: dict[str, Any] = {}
        if action == "dynamic":  # lock-and-key: access-list 101 dynamic NAME [timeout N] permit ...
            extra["dynamic"] = words[i + 1]
            approximations.append("lock-and-key dynamic entry: active only after a user authenticates")
            i += 2
            if words[i] == "timeout":
                i += 2
            action = words[i]
        if action not in ("permit", "deny"):
            raise _Bad(f"expected permit, deny or remark, got '{action}'")
        n = len(words)
        i += 1
        family = filt.family or 4
        established: bool | None = None
        log = False
        enabled = True
        time_range: str | None = None
        service_names: tuple[str, ...] = ()
        if filt.kind == "standard-acl":
            src, i = self.addr_std(words, i)
            dst = AddressSet(any=True)
            services: tuple[Service, ...] = (ANY_SERVICE,)
        else:
            if i >= n:
                raise _Bad("protocol missing")
            ptok = words[i]
            i += 1
            proto: int | None
            if ptok == "object-group":
                gname = words[i]
                i += 1
                service_names = (gname,)
                services, unresolved = self.resolve_services(gname, loc, f"acl {name}")
                if unresolved:
                    extra["unresolved_services"] = unresolved
                proto = -1
            else:
                table = PROTOCOLS_V4 if family == 4 else PROTOCOLS_V6
                if ptok in table:
                    proto = table[ptok]
                elif ptok.isdigit() and int(ptok) <= 255:
                    proto = int(ptok)
                    if proto == 0 and family == 4:
                        proto = None
                else:
                    raise _Bad(f"unknown protocol '{ptok}'")
                services = ()
            src, i = self.addr_ext(words, i, family, loc, name)
            sports: tuple = ()
            dports: tuple = ()
            if i < n and words[i] in PORT_OPS:
                sports, i = self.ports(words, i, proto)
            dst, i = self.addr_ext(words, i, family, loc, name)
            if i < n and words[i] in PORT_OPS:
                dports, i = self.ports(words, i, proto)
            itype: int | None = None
            icode: int | None = None
            if proto in (1, 58) and i < n:
                w = words[i]
                icmp_table = ICMP_V4 if proto == 1 else ICMP_V6
                if w in icmp_table:
                    itype, icode = icmp_table[w]
                    i += 1
                elif w.isdigit():
                    itype = int(w)
                    if itype > 255:
                        raise _Bad(f"bad ICMP type '{w}'")
                    i += 1
                    if i < n and words[i].isdigit():
                        icode = int(words[i])
                        if icode > 255:
                            raise _Bad(f"bad ICMP code '{words[i]}'")
                        i += 1
            elif proto == 2 and i < n and (words[i] in IGMP_TYPES or words[i].isdigit()):
                extra["igmp_type"] = words[i]
                approximations.append(f"IGMP message type '{words[i]}' is not modelled")
                i += 1
            if proto != -1:
                if sports == "none" or dports == "none":
                    services = ()  # 'lt 0' / 'gt 65535': matches no packet
                else:
                    services = (self.service(proto, sports, dports, itype, icode),)
        # options
        while i < n:
            w = words[i]
            i += 1
            if w == "log" or w == "log-input":
                log = True
                if w == "log-input":
                    extra["log_input"] = True
                if i < n and words[i] not in ACE_OPTIONS:
                    extra["log_cookie"] = words[i]
                    i += 1
            elif w == "established":
                established = True
            elif w == "time-range":
                time_range = words[i]
                i += 1
                self.device.refer("time-range", time_range, loc, f"acl {name}")
            elif w == "inactive":
                enabled = False
            elif w == "sequence":
                seq = words[i]
                i += 1
            elif w == "fragments":
                extra["fragments"] = True
                approximations.append("matches non-initial fragments only ('fragments' not modelled)")
            elif w in ("dscp", "precedence", "tos"):
                extra[w] = words[i]
                i += 1
                approximations.append(f"'{w} {words[i - 1]}' is not modelled")
            elif w == "ttl" or w == "packet-length":
                op = words[i]
                cnt = 2 if op == "range" else 1
                extra[w.replace("-", "_")] = " ".join(words[i:i + 1 + cnt])
                i += 1 + cnt
                approximations.append(f"'{w}' condition is not modelled")
            elif w == "option":
                extra["option"] = words[i]
                i += 1
                approximations.append("IP option condition is not modelled")
            elif w in TCP_FLAGS:
                extra.setdefault("tcp_flags", []).append(w)
                approximations.append(f"TCP flag '{w}' is not modelled")
            elif w in ("match-all", "match-any"):
                flags = []
                while i < n and words[i][:1] in "+-" and words[i][:1]:
                    flags.append(words[i])
                    i += 1
                extra["tcp_flags"] = [w, *flags]
                approximations.append(f"TCP flags '{w} {' '.join(flags)}' are not modelled")
            elif w == "reflect":
                extra["reflect"] = words[i]
                i += 1
                if i < n and words[i] == "timeout":
                    i += 2
                approximations.append("reflexive entry: also opens return traffic (not modelled)")
            elif w in ("hbh", "dest-option", "dest-option-type", "flow-label", "routing", "routing-type",
                       "mobility", "mobility-type", "undetermined-transport", "auth"):
                extra.setdefault("ipv6_options", []).append(w)
                if i < n and words[i].isdigit():
                    i += 1
                approximations.append(f"IPv6 header condition '{w}' is not modelled")
            elif w == "counter":
                i += 1
            else:
                raise _Bad(f"unexpected '{w}' in access-list entry")
        if established and proto not in (6, -1):
            raise _Bad("'established' is only valid with tcp")
        remark = ""
        pending = self.acl_pending_remark.pop(name, None)
        if pending:
            remark = "\n".join(pending)
        rule = Rule(
            action=PERMIT if action == "permit" else DENY,
            src=src, dst=dst, services=services, loc=loc, family=family, vendor_action=action,
            name=seq or "", remark=remark, log=log, enabled=enabled, established=established,
            time_range=time_range, approximations=tuple(approximations), service_names=service_names,
            extra=extra,
        )
        filt.rules.append(rule)
        self.acl_seq[name].append(int(seq) if seq and seq.isdigit() else None)

    def addr_std(self, words: list[str], i: int) -> tuple[AddressSet, int]:
        w = words[i]
        if w == "any":
            return AddressSet(any=True), i + 1
        if w == "host":
            a = words[i + 1]
            v = self.v4(a)
            return AddressSet(items=(AddressRange(4, v, v),)), i + 2
        v = self.v4(w)
        if i + 1 < len(words) and words[i + 1][:1].isdigit() and "." in words[i + 1]:
            return AddressSet(items=(self.wildcard(w, words[i + 1]),)), i + 2
        return AddressSet(items=(AddressRange(4, v, v),)), i + 1

    def addr_ext(self, words: list[str], i: int, family: int, loc: Location, acl: str) -> tuple[AddressSet, int]:
        if i >= len(words):
            raise _Bad("address missing (line ends early)")
        w = words[i]
        if w == "any" or (w == "any4" and family == 4) or (w == "any6" and family == 6):
            return AddressSet(any=True), i + 1
        if w == "host":
            a = words[i + 1]
            if family == 4:
                v = self.v4(a)
                return AddressSet(items=(AddressRange(4, v, v),)), i + 2
            return AddressSet(items=(self.v6net(a),)), i + 2
        if w == "object-group" or w == "addrgroup":
            gname = words[i + 1]
            return self.resolve_addresses(gname, family, loc, f"acl {acl}"), i + 2
        if family == 4:
            if "/" in w:
                return AddressSet(items=(self.v4cidr(w),)), i + 1
            if i + 1 >= len(words):
                raise _Bad(f"wildcard mask missing after '{w}'")
            return AddressSet(items=(self.wildcard(w, words[i + 1]),)), i + 2
        if "/" in w or ":" in w:
            return AddressSet(items=(self.v6net(w),)), i + 1
        raise _Bad(f"bad address '{w}'")

    def port(self, token: str, proto: int | None) -> int:
        if token.isdigit():
            v = int(token)
            if v > 65535:
                raise _Bad(f"bad port '{token}'")
            return v
        table = PORT_NAMES.get(proto) if proto is not None else None
        if table is None:
            # tcp-udp in object-groups: a name valid for either
            v2 = TCP_PORTS.get(token, UDP_PORTS.get(token)) if proto == -2 else None
            if v2 is None:
                raise _Bad(f"unknown port '{token}'")
            return v2
        v3 = table.get(token)
        if v3 is None:
            pname = {6: "tcp", 17: "udp", 132: "sctp"}.get(proto or 0, str(proto))
            raise _Bad(f"unknown {pname} port name '{token}'")
        return v3

    def is_port(self, token: str, proto: int | None) -> bool:
        if token.isdigit():
            return True
        if proto == -2:
            return token in TCP_PORTS or token in UDP_PORTS
        table = PORT_NAMES.get(proto) if proto is not None else None
        return table is not None and token in table

    def ports(self, words: list[str], i: int, proto: int | None) -> tuple[Any, int]:
        """A port condition at words[i] -> (ranges, next index); 'none' when it matches no port."""
        op = words[i]
        if proto not in (6, 17, 132, -2):
            raise _Bad(f"port operator '{op}' needs tcp, udp or sctp")
        n = len(words)
        if op == "range":
            lo = self.port(words[i + 1], proto)
            hi = self.port(words[i + 2], proto)
            if lo > hi:
                raise _Bad(f"bad port range {lo}-{hi}")
            return ((lo, hi),), i + 3
        if op in ("eq", "neq"):
            vals = [self.port(words[i + 1], proto)]
            j = i + 2
            while j < n and self.is_port(words[j], proto):
                vals.append(self.port(words[j], proto))
                j += 1
            ranges = _merge([(v, v) for v in vals])
            if op == "neq":
                ranges = port_ranges_not(ranges)
            return ranges, j
        p = self.port(words[i + 1], proto)
        if op == "lt":
            return (((0, p - 1),) if p > 0 else "none"), i + 2
        # gt
        return (((p + 1, 65535),) if p < 65535 else "none"), i + 2

    # ------------------------------------------------------------------ object-groups

    def h_object_group(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        sub = words[1]
        name = words[2]
        group = self.groups.get(name)
        if sub in ("network", "v6-network", "service", "v6-service"):
            if group is None or node not in group.nodes:
                if group is not None:
                    raise _Bad(f"object-group '{name}' is already defined as {group.kind}; this block is ignored")
                return
            if node is not group.nodes[0]:
                return  # a later block of the same group: read with the first one
            self.fill_group(group)
            members = tuple(t for n in group.nodes for t in self.group_member_texts(n))
            self.device.define(group.kind, name, group.loc, members, group.description)
        elif sub in ("security", "ip", "fqdn", "protocol", "icmp-type", "user", "geo"):
            self.device.facts.setdefault("unmodelled_object_groups", []).append(name)
            raise _Bad(f"object-group {sub} is not modelled")
        else:
            raise _Bad(f"unknown object-group type '{sub}'")

    @staticmethod
    def group_member_texts(node: ConfigLine) -> list[str]:
        return [c.text.strip() for c in node.children if not c.text.lstrip().startswith("description")]

    def fill_group(self, group: _GroupDef) -> None:
        handler = self.group_network_entry if group.kind == "address-group" else self.group_service_entry
        for child in (c for n in group.nodes for c in n.children):
            words = child.text.split()
            try:
                if words[0] == "description":
                    group.description = child.text.strip()[len("description"):].strip()
                elif words[0] == "group-object":
                    nested = words[1]
                    loc = self.loc(child)
                    group.nested.append((nested, loc))
                    self.device.refer(group.kind, nested, loc, "nested group")
                else:
                    handler(group, words, child)
            except _Bad as exc:
                self.warn(child, str(exc))
            except (IndexError, KeyError):
                self.warn(child, "object-group entry ends early (truncated?)")
            except Exception as exc:  # noqa: BLE001
                self.warn(child, f"could not parse this object-group entry ({type(exc).__name__}: {exc})")

    def group_network_entry(self, group: _GroupDef, words: list[str], node: ConfigLine) -> None:
        w = words[0]
        if w == "host":
            a = words[1]
            group.members.append(self.v6net(a) if ":" in a else self.wildcard(a, "0.0.0.0"))
        elif w == "range":
            a, b = words[1], words[2]
            if ":" in a:
                first, last = self.v6net(a).first, self.v6net(b).first
                fam = 6
            else:
                first, last = self.v4(a), self.v4(b)
                fam = 4
            if first > last:
                raise _Bad(f"address range is reversed: {a}-{b}")
            group.members.append(AddressRange(fam, first, last))
        elif w == "any":
            group.members.append(AddressRange(4, 0, 0xFFFFFFFF))
        elif ":" in w:
            group.members.append(self.v6net(w))
        elif "/" in w:
            group.members.append(self.v4cidr(w))
        elif _is_v4(w):
            if len(words) < 2:
                raise _Bad(f"subnet mask missing after '{w}'")
            group.members.append(self.subnet(w, words[1]))
        else:
            raise _Bad(f"unknown network object-group entry '{w}'")

    def group_service_entry(self, group: _GroupDef, words: list[str], node: ConfigLine) -> None:
        w = words[0]
        n = len(words)
        if w == "tcp-udp":
            protos: list[int | None] = [6, 17]
            parse_proto = -2
        elif w in PROTOCOLS_V4:
            protos = [PROTOCOLS_V4[w]]
            parse_proto = protos[0]
        elif w in PROTOCOLS_V6:
            protos = [PROTOCOLS_V6[w]]
            parse_proto = protos[0]
        elif w.isdigit() and int(w) <= 255:
            protos = [int(w) or None]
            parse_proto = protos[0]
        else:
            raise _Bad(f"unknown service object-group entry '{w}'")
        i = 1
        sports: Any = ()
        dports: Any = ()
        itype = icode = None
        if i < n and words[i] == "source":
            sports, i = self.ports(words, i + 1, parse_proto)
        if i < n and words[i] in PORT_OPS:
            dports, i = self.ports(words, i, parse_proto)
        if protos[0] in (1, 58) and i < n:
            table = ICMP_V4 if protos[0] == 1 else ICMP_V6
            if words[i] in table:
                itype, icode = table[words[i]]
                i += 1
            elif words[i].isdigit():
                itype = int(words[i])
                i += 1
                if i < n and words[i].isdigit():
                    icode = int(words[i])
                    i += 1
        if i < n:
            raise _Bad(f"unexpected '{words[i]}' in service object-group entry")
        if sports == "none" or dports == "none":
            return
        for p in protos:
            group.members.append(self.service(p, sports, dports, itype, icode))

    def check_cycle(self, name: str) -> None:
        """Warn once for each object-group cycle reachable from `name` (iterative DFS;
        groups already checked are skipped, so the total work is linear)."""
        reported = self.device.facts.setdefault("object_group_cycles", [])
        done = self._cycle_checked
        if name in done:
            return
        path: list[str] = []
        on_path: set[str] = set()
        # stack of (group name, iterator over its nested groups)
        stack: list[tuple[str, Any]] = []

        def push(gname: str) -> None:
            group = self.groups.get(gname)
            path.append(gname)
            on_path.add(gname)
            stack.append((gname, iter(group.nested if group is not None else ())))

        push(name)
        while stack:
            gname, it = stack[-1]
            step = next(it, None)
            if step is None:
                stack.pop()
                path.pop()
                on_path.discard(gname)
                done.add(gname)
                continue
            nested, loc = step
            if nested in on_path:
                cycle = path[path.index(nested):] + [nested]
                members = set(cycle)
                if not any(set(c.split(" -> ")) == members for c in reported):
                    key = " -> ".join(cycle)
                    reported.append(key)
                    self.device.warn(loc, f"object-group cycle: {key}")
            elif nested not in done and nested in self.groups:
                push(nested)

    def resolved_group(self, name: str, kind: str) -> tuple[tuple, tuple[str, ...]] | None:
        """(members, undefined nested names) of a group, nested groups included.

        The result is the union over every group reachable from `name`, which is the
        fixpoint even when groups form a cycle. Groups already resolved contribute
        their cached result without being walked again."""
        group = self.groups.get(name)
        if group is None or group.kind != kind:
            return None
        if group.resolved is not None:
            return group.resolved
        self.check_cycle(name)
        members: dict[Any, None] = {}
        missing: dict[str, None] = {}
        seen: set[str] = set()
        stack = [name]
        while stack:
            gname = stack.pop()
            if gname in seen:
                continue
            seen.add(gname)
            g = self.groups.get(gname)
            if g is None or g.kind != kind:
                missing[gname] = None
                continue
            if g.resolved is not None and gname != name:
                members.update(dict.fromkeys(g.resolved[0]))
                missing.update(dict.fromkeys(g.resolved[1]))
                continue
            members.update(dict.fromkeys(g.members))
            for nested, _loc in reversed(g.nested):
                stack.append(nested)
        group.resolved = (tuple(members), tuple(missing))
        return group.resolved

    def resolve_addresses(self, name: str, family: int, loc: Location, context: str) -> AddressSet:
        self.device.refer("address-group", name, loc, context)
        key = (name, family)
        cached = self._group_family.get(key)
        if cached is None:
            resolved = self.resolved_group(name, "address-group")
            if resolved is None:
                cached = ((), (name,))
            else:
                items, missing = resolved
                cached = (tuple(i for i in items if i.family == family), missing)
            self._group_family[key] = cached
        return AddressSet(items=cached[0], names=(name,), unresolved=cached[1])

    def resolve_services(self, name: str, loc: Location, context: str) -> tuple[tuple[Service, ...], tuple[str, ...]]:
        self.device.refer("service-group", name, loc, context)
        resolved = self.resolved_group(name, "service-group")
        if resolved is None:
            return (), (name,)
        items, missing = resolved
        return items, missing

    # ------------------------------------------------------------------ time-ranges

    def h_time_range(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        name = words[1]
        info: dict[str, Any] = {"periodic": [], "absolute_start": None, "absolute_end": None}
        self.time_ranges[name] = info

        def entry(child: ConfigLine, cw: list[str], cneg: bool) -> None:
            if cw[0] == "periodic":
                info["periodic"].append(" ".join(cw[1:]))
            elif cw[0] == "absolute":
                j = 1
                while j < len(cw):
                    if cw[j] in ("start", "end"):
                        when = self.ios_datetime(cw[j + 1:j + 5])
                        info["absolute_" + cw[j]] = when
                        j += 5
                    else:
                        raise _Bad(f"unexpected '{cw[j]}' in absolute time-range")
            elif cw[0] != "description":
                raise _Bad(f"unknown time-range entry '{cw[0]}'")

        self.children(node, entry)
        self.device.define("time-range", name, self.loc(node, True),
                           tuple(c.text.strip() for c in node.children))

    @staticmethod
    def ios_datetime(parts: list[str]) -> datetime:
        # 'HH:MM DD Month YYYY'
        if len(parts) < 4:
            raise _Bad("incomplete date in time-range (expected HH:MM DD Month YYYY)")
        hh, mm = parts[0].split(":")
        month = MONTHS.get(parts[2].lower())
        if month is None:
            for full, num in MONTHS.items():
                if full.startswith(parts[2].lower()) and len(parts[2]) >= 3:
                    month = num
                    break
        if month is None:
            raise _Bad(f"bad month '{parts[2]}' in time-range")
        return datetime(int(parts[3]), month, int(parts[1]), int(hh), int(mm))

    # ------------------------------------------------------------------ 'ip ...' and 'ipv6 ...'

    def h_ip(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        facts = self.mgmt.facts
        if sub == "access-list":
            self.h_ip_access_list(node, words, neg)
        elif sub == "route":
            if not neg:
                self.ip_route(node, words, 4)
        elif sub == "http":
            self.ip_http(node, words, neg)
        elif sub == "ssh":
            self.ip_ssh(node, words, neg)
        elif sub == "nat":
            self.ip_nat(node, words, neg)
        elif sub == "prefix-list":
            self.prefix_list(node, words, neg)
        elif sub == "source-route":
            facts["ip_source_route"] = not neg
            facts["ip_source_route_loc"] = self.loc(node)
        elif sub in ("finger", "identd", "bootp", "dns", "domain-lookup", "domain", "rcmd", "scp", "ftp",
                     "gratuitous-arps", "options", "icmp", "tcp", "cef", "routing", "forward-protocol",
                     "multicast-routing", "dhcp", "telnet", "name-server", "domain-name", "host",
                     "default-gateway", "classless", "subnet-zero", "tftp", "igmp", "ospf", "sla",
                     "flow-export", "flow-cache", "flow", "wccp", "local", "arp", "device", "admission",
                     "explicit-path", "community-list", "as-path", "extcommunity-list", "large-community-list",
                     "radius", "tacacs", "rsvp", "nbar", "bgp-community", "inspect", "audit", "ips", "verify",
                     "auth-proxy", "accounting-threshold", "ddns", "mroute", "msdp", "multicast", "vrf",
                     "source", "dhcp-client", "accounting-list", "sla", "mfib", "nhrp",
                     "policy-list", "default-network", "port-map",
                     "urlfilter", "reflexive-list", "pim", "access-group",
                     "traffic-export", "sticky-arp",
                     "subscriber", "trigger-authentication",
                     "address-pool"):
            self.ip_misc(node, words, neg, sub)
        else:
            raise _Bad(f"unknown command 'ip {sub}'")

    def ip_misc(self, node: ConfigLine, words: list[str], neg: bool, sub: str) -> None:
        facts = self.mgmt.facts
        rest = words[2:]
        loc = self.loc(node)
        if sub == "finger":
            facts["ip_finger"] = not neg
            self.mgmt.services.append(ManagementService("finger", enabled=not neg, loc=loc, port=79))
        elif sub == "identd":
            facts["ip_identd"] = not neg
        elif sub == "bootp" and rest[:1] == ["server"]:
            facts["ip_bootp_server"] = not neg
            facts["ip_bootp_server_loc"] = loc
        elif sub == "dns" and rest[:1] == ["server"]:
            facts["ip_dns_server"] = not neg
        elif sub in ("domain-lookup", "domain") and (sub == "domain-lookup" or rest[:1] == ["lookup"]):
            facts["ip_domain_lookup"] = not neg
        elif sub == "rcmd" and rest[:1] in (["rsh-enable"], ["rcp-enable"]):
            facts["ip_rcmd_" + rest[0].split("-")[0]] = not neg
            self.mgmt.services.append(ManagementService(rest[0].split("-")[0], enabled=not neg, loc=loc, port=514))
        elif sub == "scp" and rest[:2] == ["server", "enable"]:
            facts["ip_scp_server"] = not neg
        elif sub == "ftp" and rest[:1] == ["password"]:
            facts["ip_ftp_password"] = True
        elif sub == "tcp" and rest[:1] == ["intercept"]:
            facts["ip_tcp_intercept"] = not neg
        elif sub == "pim" and not neg and rest[:1] == ["rp-address"]:
            for w in rest[2:]:
                if w not in ("override", "bidir") and not _is_ip(w):
                    self.device.refer("acl", w, loc, "ip pim rp-address group list")
        elif sub == "dhcp" and rest[:1] == ["snooping"] and len(rest) == 1:
            facts["ip_dhcp_snooping"] = not neg
        elif sub == "vrf" and not neg and len(rest) >= 1:
            self.device.facts.setdefault("vrfs", []).append(rest[0])
        elif sub == "access-group":
            raise _Bad("'ip access-group' belongs under an interface")
        elif sub == "wccp" and not neg:
            for j, w in enumerate(rest[:-1]):
                if w in ("redirect-list", "group-list"):
                    self.device.refer("acl", rest[j + 1], loc, f"ip wccp {w}")
        elif sub == "forward-protocol" and rest[:1] == ["nd"]:
            pass
        elif sub == "options":
            facts["ip_options"] = " ".join(rest) if not neg else "default"
        elif sub == "gratuitous-arps":
            facts["ip_gratuitous_arps"] = not neg

    def h_ipv6(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        if sub == "access-list":
            self.h_ipv6_access_list(node, words, neg)
        elif sub == "route":
            if not neg:
                self.ip_route(node, words, 6)
        elif sub == "prefix-list":
            self.prefix_list(node, words, neg)
        elif sub == "source-route":
            self.mgmt.facts["ipv6_source_route"] = not neg
        elif sub in ("unicast-routing", "cef", "multicast-routing", "dhcp", "nd", "general-prefix", "host",
                     "router", "pim", "mld", "multicast", "snooping", "icmp", "hop-limit", "neighbor", "local",
                     "flow", "nat", "mfib", "ospf", "source-guard", "destination-guard", "route-cache",
                     "dhcpv6", "inspect", "mtu", "redirects", "ra", "device", "traffic-filter", "vrf",
                     "name-server", "domain", "tacacs", "radius", "sla", "rip", "eigrp", "prefix-guard",
                     "unicast", "hop"):
            return
        else:
            raise _Bad(f"unknown command 'ipv6 {sub}'")

    def prefix_list(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg or len(words) < 3:
            return
        name = words[2]
        if name in ("sequence-number", "description"):
            return
        if name not in self.prefix_lists:
            self.prefix_lists[name] = []
            self.device.define("prefix-list", name, self.loc(node))
        self.prefix_lists[name].append(node.number)

    def ip_route(self, node: ConfigLine, words: list[str], family: int) -> None:
        i = 2
        n = len(words)
        vrf = None
        if words[i] == "vrf":
            vrf = words[i + 1]
            i += 2
        if family == 4:
            if words[i] == "static":  # 'ip route static bfd ...'
                return
            dest = self.subnet(words[i], words[i + 1])
            i += 2
        else:
            if words[i] == "static":
                return
            dest = self.v6net(words[i])
            i += 1
        next_hop = iface = None
        distance = None
        if i < n and _is_ip(words[i]):
            next_hop = words[i]
            i += 1
        elif i < n:
            iface = words[i]
            i += 1
            if i < n and _is_ip(words[i]):
                next_hop = words[i]
                i += 1
        if next_hop is None and iface is None:
            raise _Bad("static route without next hop or interface")
        while i < n:
            w = words[i]
            i += 1
            if w.isdigit() and distance is None:
                distance = int(w)
            elif w in ("name", "tag", "track", "multicast-rpf"):
                i += 1
            elif w in ("permanent", "global", "multicast", "dhcp", "unicast"):
                pass
            else:
                raise _Bad(f"unexpected '{w}' in static route")
        self.device.routes.append(Route(dest, next_hop, iface, distance, self.loc(node)))
        self.route_vrfs.append(vrf)

    def ip_http(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[2]
        loc = self.loc(node)
        facts = self.mgmt.facts
        if sub == "server":
            self.mgmt.services.append(ManagementService("http", enabled=not neg, loc=loc, port=80))
        elif sub == "secure-server":
            self.mgmt.services.append(ManagementService("https", enabled=not neg, loc=loc, port=443))
        elif sub == "access-class":
            if not neg:
                rest = [w for w in words[3:] if w not in ("ipv4", "ipv6")]
                name = rest[0]
                self.http_acl = (name, loc)
                self.device.refer("acl", name, loc, "ip http access-class")
        elif sub == "authentication":
            facts["http_authentication"] = None if neg else " ".join(words[3:])
        elif sub == "secure-trustpoint":
            facts["http_secure_trustpoint"] = None if neg else words[3]
        elif sub == "tls-version":
            facts["http_tls_version"] = None if neg else words[3]
        elif sub == "secure-ciphersuite":
            facts["http_ciphersuites"] = words[3:]
        elif sub == "port":
            facts["http_port"] = int(words[3])
        elif sub == "secure-port":
            facts["https_port"] = int(words[3])
        elif sub == "timeout-policy":
            facts["http_timeout_policy"] = " ".join(words[3:])
        elif sub in ("max-connections", "client", "active-session-modules", "secure-active-session-modules",
                     "session-module-list", "path", "help-path", "banner", "secure-client-auth",
                     "digest", "linger", "access-log"):
            pass
        else:
            raise _Bad(f"unknown command 'ip http {sub}'")

    def ip_ssh(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[2]
        loc = self.loc(node)
        facts = self.mgmt.facts
        if self.ssh_loc is None and not neg:
            self.ssh_loc = loc
        if sub == "version":
            self.mgmt.ssh_version = None if neg else words[3]
            self.mgmt.ssh_version_loc = loc
        elif sub == "time-out":
            facts["ssh_timeout"] = None if neg else int(words[3])
        elif sub == "authentication-retries":
            facts["ssh_authentication_retries"] = None if neg else int(words[3])
        elif sub == "server" and len(words) > 4 and words[3] == "algorithm":
            facts[f"ssh_server_{words[4]}"] = words[5:]
            kind = SSH_ALGORITHM_KINDS.get(words[4])
            if kind is not None:
                if neg:
                    self.mgmt.ssh_algorithms.pop(kind, None)
                    self.mgmt.ssh_algorithms_loc.pop(kind, None)
                else:
                    self.mgmt.ssh_algorithms[kind] = tuple(w.lower() for w in words[5:])
                    self.mgmt.ssh_algorithms_loc[kind] = loc
        elif sub == "dh" and words[3:5] == ["min", "size"]:
            facts["ssh_dh_min_size"] = int(words[5])
        elif sub == "rsa":
            facts["ssh_rsa_keypair"] = words[-1]
        elif sub in ("source-interface", "logging", "pubkey-chain", "maxstartups", "bulk-mode", "port",
                     "client", "server", "break-string", "window-size", "stricthostkeycheck", "dscp",
                     "precedence", "echo", "dh", "authentication", "rekey", "maxauthtries"):
            pass
        else:
            raise _Bad(f"unknown command 'ip ssh {sub}'")

    def ip_nat(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        loc = self.loc(node)
        rest = words[2:]
        # ip nat inside source list ACL interface X overload | pool P ; static A B
        for j, w in enumerate(rest[:-1]):
            if w == "list":
                self.device.refer("acl", rest[j + 1], loc, "ip nat " + " ".join(rest[:2]))
        if len(rest) >= 5 and rest[1] == "source" and rest[2] == "static":
            k = 3
            proto = None
            if rest[k] in ("tcp", "udp"):
                proto = rest[k]
                k += 1
            if k + 1 < len(rest) and _is_ip(rest[k]):
                entry = {"direction": rest[0], "local": rest[k], "global": rest[k + 1] if proto is None else None,
                         "protocol": proto, "loc": loc, "text": loc.text}
                if proto is not None and k + 3 < len(rest):
                    entry.update({"local_port": rest[k + 1], "global": rest[k + 2], "global_port": rest[k + 3]})
                self.device.facts.setdefault("nat_static", []).append(entry)

    # ------------------------------------------------------------------ interfaces

    def h_interface(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        if words[1] == "range":
            raise _Bad("'interface range' is not modelled (expand it in the config)")
        name = words[1]
        if len(words) > 2 and words[2] not in ("point-to-point", "multipoint"):
            name = "".join(words[1:])  # 'interface Port-channel 1'
        iface = Interface(name=name, loc=self.loc(node, True))
        self.device.interfaces.append(iface)
        state: dict[str, Any] = {"no_switchport": False, "switchport_cmds": False, "mode_line": False,
                                 "no_ip_address": False, "allowed": None}
        self.iface_state[name] = state
        low = name.lower()
        if low.startswith("vlan") and low[4:].isdigit():
            iface.vlan_id = int(low[4:])
        self.children(node, lambda c, w, ng: self.iface_line(iface, state, c, w, ng))
        if state["allowed"] is not None:
            iface.trunk_allowed_vlans = tuple(sorted(state["allowed"]))

    def iface_line(self, iface: Interface, state: dict, node: ConfigLine, words: list[str], neg: bool) -> None:
        key = words[0]
        n = len(words)
        ex = iface.extra
        if key == "description":
            iface.description = node.text.strip()[len("description"):].strip()
        elif key == "shutdown":
            iface.shutdown = not neg
        elif key == "ip" and n >= 2:
            self.iface_ip(iface, state, node, words, neg)
        elif key == "ipv6" and n >= 2:
            self.iface_ipv6(iface, node, words, neg)
        elif key == "switchport":
            self.iface_switchport(iface, state, node, words, neg)
        elif key == "encapsulation":
            if n >= 3 and words[1].lower() == "dot1q":
                iface.vlan_id = int(words[2])
                if "native" in words[3:]:
                    ex["native"] = True
        elif key == "vrf":
            if n >= 3 and words[1] == "forwarding":
                iface.vrf = None if neg else words[2]
        elif key == "zone-member":
            if not neg and n >= 3:
                iface.zone = words[2]
        elif key in ("standby", "vrrp", "glbp"):
            protocols = ex.setdefault("redundancy", [])
            if key not in protocols:
                protocols.append(key)
        elif key == "channel-group":
            ex["channel_group"] = words[1]
        elif key == "cdp":
            if n >= 2 and words[1] == "enable":
                ex["cdp_enable"] = not neg
        elif key == "lldp":
            if n >= 2 and words[1] in ("transmit", "receive"):
                ex["lldp_" + words[1]] = not neg
        elif key == "spanning-tree":
            if n >= 2 and words[1] == "portfast":
                ex["portfast"] = not neg
            elif n >= 3 and words[1] == "bpduguard":
                ex["bpduguard"] = not neg and words[2] == "enable"
        elif key == "tunnel":
            if n >= 3 and words[1] in ("source", "destination"):
                ex["tunnel_" + words[1]] = words[2]
            elif n >= 3 and words[1] == "mode":
                ex["tunnel_mode"] = " ".join(words[2:])
            elif n >= 3 and words[1] == "protection":
                ex["tunnel_protection"] = " ".join(words[2:])
        elif key == "crypto":
            if n >= 3 and words[1] == "map" and not neg:
                ex["crypto_map"] = words[2]
        elif key == "service-policy":
            if not neg and n >= 3:
                ex.setdefault("service_policy", {})[words[1]] = words[-1]
        elif key in IFACE_RECOGNISED:
            pass
        else:
            raise _Bad(f"unknown interface command '{key}'")

    def iface_ip(self, iface: Interface, state: dict, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        n = len(words)
        ex = iface.extra
        if sub == "address":
            if neg:
                state["no_ip_address"] = True
                iface.addresses = [a for a in iface.addresses if a.family != 4]
                return
            if words[2] in ("dhcp", "negotiated", "pool"):
                ex["ip_address"] = words[2]
                return
            if "/" in words[2]:
                rng = self.v4cidr(words[2])
                addr = self.v4(words[2].split("/")[0])
                plen = 32 - (rng.last - rng.first).bit_length()
            else:
                addr = self.v4(words[2])
                mask = self.v4(words[3])
                plen_opt = _mask_len(mask)
                if plen_opt is None:
                    raise _Bad(f"bad subnet mask '{words[3]}'")
                plen = plen_opt
            iface.addresses.append(InterfaceAddress(4, addr, plen, secondary="secondary" in words[3:]))
        elif sub == "access-group":
            if neg:
                return
            name = words[2]
            direction = words[3] if n > 3 else "out"  # IOS: no direction means outbound
            loc = self.loc(node)
            if direction == "in":
                iface.filter_in = name
            elif direction == "out":
                iface.filter_out = name
            else:
                raise _Bad(f"bad access-group direction '{direction}'")
            self.device.refer("acl", name, loc, f"interface {iface.name} {'inbound' if direction == 'in' else 'outbound'}")
        elif sub == "vrf" and n >= 4 and words[2] == "forwarding":
            iface.vrf = None if neg else words[3]
        elif sub == "nat":
            if n >= 3 and words[2] == "outside":
                iface.nat_outside = not neg
            elif n >= 3 and words[2] == "inside":
                ex["nat_inside"] = not neg
        elif sub == "proxy-arp":
            ex["proxy_arp"] = not neg
        elif sub == "redirects":
            ex["redirects"] = not neg
        elif sub == "unreachables":
            ex["unreachables"] = not neg
        elif sub == "directed-broadcast":
            ex["directed_broadcast"] = not neg
            if not neg and n >= 3:
                self.device.refer("acl", words[2], self.loc(node), f"interface {iface.name} directed-broadcast")
        elif sub == "verify":
            if not neg and "unicast" in words:
                ex["urpf"] = " ".join(words[2:])
                last = words[-1]
                if last not in ("rx", "any", "allow-default", "allow-self-ping", "reachable-via", "source") and not neg:
                    self.device.refer("acl", last, self.loc(node), f"interface {iface.name} uRPF exception list")
        elif sub == "igmp":
            if not neg and n >= 4 and words[2] == "access-group":
                self.device.refer("acl", words[3], self.loc(node), f"interface {iface.name} ip igmp access-group")
        elif sub == "multicast":
            if not neg and n >= 4 and words[2] == "boundary":
                self.device.refer("acl", words[3], self.loc(node), f"interface {iface.name} ip multicast boundary")
        elif sub == "helper-address":
            ex.setdefault("helper_addresses", []).append(words[-1])
        elif sub == "dhcp":
            if n >= 4 and words[2] == "snooping" and words[3] == "trust":
                ex["dhcp_snooping_trust"] = not neg
        elif sub == "arp":
            if n >= 4 and words[2] == "inspection" and words[3] == "trust":
                ex["arp_inspection_trust"] = not neg
        elif sub == "unnumbered":
            ex["unnumbered"] = words[2]
        elif sub == "inspect":
            if not neg and n >= 4:
                ex.setdefault("ip_inspect", {})[words[3]] = words[2]
        elif sub in IFACE_IP_RECOGNISED:
            pass
        else:
            raise _Bad(f"unknown interface command 'ip {sub}'")

    def iface_ipv6(self, iface: Interface, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        n = len(words)
        if sub == "address":
            if neg:
                iface.addresses = [a for a in iface.addresses if a.family != 6]
                return
            w = words[2]
            if w in ("autoconfig", "dhcp"):
                iface.extra["ipv6_address"] = w
                return
            if "link-local" in words[3:]:
                iface.extra["ipv6_link_local"] = w
                return
            if "/" not in w:
                raise _Bad(f"IPv6 address needs a prefix length: '{w}'")
            try:
                ip = ipaddress.IPv6Interface(w)
            except ValueError:
                raise _Bad(f"bad IPv6 address '{w}'") from None
            iface.addresses.append(InterfaceAddress(6, int(ip.ip), ip.network.prefixlen))
        elif sub == "traffic-filter":
            if neg:
                return
            name, direction = words[2], words[3] if n > 3 else "in"
            if direction == "in":
                iface.filter_in6 = name
            elif direction == "out":
                iface.filter_out6 = name
            else:
                raise _Bad(f"bad traffic-filter direction '{direction}'")
            self.device.refer("acl", name, self.loc(node),
                              f"interface {iface.name} {'inbound' if direction == 'in' else 'outbound'} (IPv6)")
        elif sub in IFACE_IPV6_RECOGNISED:
            pass
        else:
            raise _Bad(f"unknown interface command 'ipv6 {sub}'")

    def iface_switchport(self, iface: Interface, state: dict, node: ConfigLine, words: list[str], neg: bool) -> None:
        n = len(words)
        ex = iface.extra
        if n == 1:
            if neg:
                state["no_switchport"] = True
                iface.switchport = False
                iface.mode = "routed"
            else:
                state["switchport_cmds"] = True
                iface.switchport = True
            self.switch_hints += 1
            return
        state["switchport_cmds"] = True
        self.switch_hints += 1
        sub = words[1]
        if sub == "mode":
            if neg:
                iface.mode = None
                return
            mode = words[2]
            if mode == "dynamic":
                mode = "dynamic-" + words[3]
                if mode not in ("dynamic-auto", "dynamic-desirable"):
                    raise _Bad(f"unknown switchport mode '{' '.join(words[2:])}'")
            elif mode == "private-vlan":
                mode = "private-vlan-" + (words[3] if n > 3 else "host")
            elif mode not in ("access", "trunk", "dot1q-tunnel"):
                raise _Bad(f"unknown switchport mode '{mode}'")
            iface.mode = mode
            state["mode_line"] = True
        elif sub == "access" and n >= 4 and words[2] == "vlan":
            if neg:
                iface.access_vlan = None
            elif words[3] == "name":
                ex["access_vlan_name"] = words[4]
            else:
                v = int(words[3])
                if not 1 <= v <= 4094:
                    raise _Bad(f"bad VLAN id '{words[3]}'")
                iface.access_vlan = v
        elif sub == "trunk":
            what = words[2]
            if what == "allowed" and n >= 4 and words[3] == "vlan":
                if neg:
                    state["allowed"] = None
                    return
                arg = words[4]
                if arg == "all":
                    state["allowed"] = None
                elif arg == "none":
                    state["allowed"] = set()
                elif arg == "add":
                    cur = state["allowed"]
                    if cur is not None:
                        cur.update(_vlan_list(words[5]))
                elif arg == "remove":
                    cur = state["allowed"]
                    if cur is None:
                        cur = set(range(1, 4095))
                    cur.difference_update(_vlan_list(words[5]))
                    state["allowed"] = cur
                elif arg == "except":
                    state["allowed"] = set(range(1, 4095)) - set(_vlan_list(words[5]))
                else:
                    state["allowed"] = set(_vlan_list(arg))
            elif what == "native" and n >= 5 and words[3] == "vlan":
                if neg:
                    iface.native_vlan = None
                elif words[4] == "tag":
                    ex["native_vlan_tagged"] = True
                else:
                    iface.native_vlan = int(words[4])
            elif what in ("encapsulation", "pruning"):
                pass
            else:
                raise _Bad(f"unknown command 'switchport trunk {what}'")
        elif sub == "nonegotiate":
            iface.nonegotiate = not neg
        elif sub == "voice":
            if n >= 4 and words[2] == "vlan":
                ex["voice_vlan"] = words[3]
        elif sub == "port-security":
            if n == 2:
                ex["port_security"] = not neg
        elif sub == "host":
            iface.mode = "access"
            state["mode_line"] = True
            ex["portfast"] = True
        elif sub in ("protected", "block"):
            ex["switchport_" + sub] = " ".join(words[2:]) or True
        elif sub in ("private-vlan", "backup", "priority", "autostate", "vlan", "dot1q", "capture"):
            pass
        else:
            raise _Bad(f"unknown command 'switchport {sub}'")

    # ------------------------------------------------------------------ VLANs

    def h_vlan(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        arg = words[1]
        if not arg[:1].isdigit():
            if arg in ("internal", "dot1q", "access-map", "filter", "configuration", "group", "accounting",
                       "ifdescr"):
                if arg == "access-map":
                    for c in node.children:
                        cw = c.text.split()
                        if len(cw) >= 4 and cw[0] == "match" and cw[1] in ("ip", "ipv6") and cw[2] == "address":
                            for name in cw[3:]:
                                self.device.refer("acl", name, self.loc(c), f"vlan access-map {words[2]}")
                return
            raise _Bad(f"unknown command 'vlan {arg}'")
        self.switch_hints += 1
        ids = _vlan_list(arg)
        name = ""
        for c in node.children:
            cw = c.text.split()
            if cw[0] == "name" and len(cw) > 1:
                name = c.text.strip()[5:].strip()
            elif cw[0] not in ("state", "shutdown", "no", "remote-span", "private-vlan", "mtu", "media", "said",
                               "backupcrf", "are", "ste", "parent", "ring", "bridge", "tb-vlan1", "tb-vlan2",
                               "et-vlan", "lldp", "uni-vlan", "vn-segment", "mode"):
                self.warn(c, f"unknown vlan command '{cw[0]}'")
        loc = self.loc(node, True)
        existing = self.vlan_index
        for vid in ids:
            if vid in existing:
                if name:
                    existing[vid].name = name
            else:
                vlan = Vlan(vid, name if len(ids) == 1 else "", loc)
                existing[vid] = vlan
                self.device.vlans.append(vlan)

    # ------------------------------------------------------------------ lines

    def h_line(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        name = " ".join(words[1:])
        line = VtyLine(name=name, loc=self.loc(node, True), default_timeout=LINE_DEFAULT_TIMEOUT)
        self.mgmt.lines.append(line)

        def entry(child: ConfigLine, cw: list[str], cneg: bool) -> None:
            key = cw[0]
            loc = self.loc(child)
            if key == "access-class":
                if cneg:
                    return
                acl = cw[1]
                direction = cw[2] if len(cw) > 2 else "in"
                if direction == "in":
                    line.access_class_in = acl
                self.device.refer("acl", acl, loc, f"line {name} access-class {direction}")
            elif key == "ipv6" and len(cw) >= 3 and cw[1] == "access-class":
                if cneg:
                    return
                direction = cw[3] if len(cw) > 3 else "in"
                if direction == "in":
                    line.access_class_in6 = cw[2]
                self.device.refer("acl", cw[2], loc, f"line {name} ipv6 access-class {direction}")
            elif key == "transport" and len(cw) >= 2 and cw[1] == "input":
                if cneg:
                    line.transport_input = None
                    return
                line.transport_input = tuple(cw[2:])  # as written: ('none',), ('ssh',), ('telnet', 'ssh')
                self._line_transport_loc[id(line)] = loc
            elif key == "exec-timeout":
                if cneg:
                    line.exec_timeout = 0
                else:
                    minutes = int(cw[1])
                    seconds = int(cw[2]) if len(cw) > 2 else 0
                    line.exec_timeout = minutes * 60 + seconds
            elif key == "login":
                if cneg:
                    line.login = "none"
                elif len(cw) == 1:
                    line.login = "line"
                elif cw[1] == "local":
                    line.login = "local"
                elif cw[1] == "authentication":
                    line.login = "authentication " + (cw[2] if len(cw) > 2 else "default")
                else:
                    raise _Bad(f"unknown login option '{cw[1]}'")
            elif key == "password":
                if cneg:
                    line.password = None
                    return
                if len(cw) >= 3 and cw[1].isdigit():
                    line.password = Secret(storage=_secret_storage("password", cw[1], cw[2]))
                else:
                    line.password = Secret.from_value(cw[1], "plaintext")
            elif key == "exec" and cneg:
                self._line_noexec.add(id(line))
            elif key in LINE_RECOGNISED:
                pass
            else:
                raise _Bad(f"unknown line command '{key}'")

        self.children(node, entry)

    # ------------------------------------------------------------------ users, enable, services

    def h_username(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        name = words[1]
        loc = self.loc(node)
        user = self.mgmt.local_user(name, loc)
        i = 2
        n = len(words)
        while i < n:
            w = words[i]
            i += 1
            if w == "privilege":
                user.privilege = int(words[i])
                i += 1
            elif w in ("password", "secret"):
                if i < n and words[i].isdigit() and i + 1 < n:
                    type_word, value = words[i], words[i + 1]
                    i += 2
                else:
                    type_word, value = None, words[i]
                    i += 1
                storage = _secret_storage(w, type_word, value)
                user.secret = Secret.from_value(value, storage) if storage == "plaintext" else Secret(storage=storage)
                user.loc = loc
                break  # the rest of the line is the value
            elif w == "nopassword":
                user.secret = None
            elif w == "algorithm-type":
                i += 1
            elif w == "view" or w == "autocommand" or w == "callback-dialstring":
                user.role = words[i] if w == "view" else user.role
                if w == "autocommand":
                    break
                i += 1
            elif w in ("noescape", "nohangup", "one-time", "dnis", "callback-rotary", "callback-line",
                       "no-callback-verify", "mac", "user-maxlinks", "aaa", "access-class"):
                if w == "access-class" and i < n:
                    self.device.refer("acl", words[i], loc, f"username {name} access-class")
                    i += 1
            elif w == "sshkey" or w == "pubkey":
                user.key_auth = True
            else:
                raise _Bad(f"unexpected '{w}' in username")

    def h_enable(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        kind = words[1]
        i = 2
        if kind == "algorithm-type":  # enable algorithm-type scrypt secret VALUE (as typed: clear text)
            kind = words[3]
            i = 4
        if kind not in ("secret", "password"):
            if kind == "view":
                return
            raise _Bad(f"unknown command 'enable {kind}'")
        level = 15
        if words[i] == "level":
            level = int(words[i + 1])
            i += 2
        if words[i] == "algorithm-type":
            i += 2
        if words[i].isdigit() and i + 1 < len(words):
            type_word, value = words[i], words[i + 1]
        else:
            type_word, value = None, words[i]
        storage = _secret_storage(kind, type_word, value)
        secret = Secret.from_value(value, storage) if storage == "plaintext" else Secret(storage=storage)
        loc = self.loc(node)
        if level != 15:
            self.mgmt.facts.setdefault("enable_levels", {})[level] = storage
            return
        self.enable_candidates.append((secret, loc, kind))
        self.mgmt.facts[f"enable_{kind}_storage"] = storage
        self.mgmt.facts[f"enable_{kind}_loc"] = loc

    def h_service(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        facts = self.mgmt.facts
        loc = self.loc(node)
        if sub == "password-encryption":
            self.mgmt.password_encryption = not neg
            facts["password_encryption_loc"] = loc
        elif sub == "timestamps":
            what = words[2] if len(words) > 2 else "all"
            on = (not neg) and "datetime" in words[3:] if len(words) > 3 else not neg and what in ("log", "debug")
            if neg and len(words) == 2:  # 'no service timestamps'
                self.mgmt.log_timestamps = False
                self.mgmt.log_timestamps_loc = loc
                facts["debug_timestamps"] = False
            elif what == "log":
                self.mgmt.log_timestamps = bool(on)
                self.mgmt.log_timestamps_loc = loc
                facts["log_timestamps_format"] = " ".join(words[3:]) if not neg else None
            elif what == "debug":
                facts["debug_timestamps"] = bool(on)
        elif sub == "pad":
            facts["service_pad"] = not neg
            facts["service_pad_loc"] = loc
        elif sub in ("tcp-small-servers", "udp-small-servers", "finger", "config", "call-home", "dhcp",
                     "tcp-keepalives-in", "tcp-keepalives-out", "password-recovery", "compress-config",
                     "sequence-numbers", "internal", "unsupported-transceiver", "slave-log", "counters",
                     "nagle", "linenumber", "prompt", "alignment", "hide-telnet-addresses", "exec-wait",
                     "old-slip-prompts", "telnet-zeroidle", "single-slot-reload-enable", "private-config-encryption",
                     "decimal-tty", "exec-callback", "pt-vty-logging", "udld", "disable-ip-fast-frag",
                     "log", "cdp", "mpls", "stackwise-virtual", "vsl", "keepalive"):
            facts["service_" + sub.replace("-", "_")] = not neg
            facts["service_" + sub.replace("-", "_") + "_loc"] = loc
        else:
            raise _Bad(f"unknown command 'service {sub}'")

    # ------------------------------------------------------------------ SNMP

    def h_snmp_short(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        return None  # 'snmp ifmib ifindex persist', 'snmp mib ...'

    def h_snmp(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1] if len(words) > 1 else ""
        loc = self.loc(node)
        facts = self.mgmt.facts
        if neg:
            return  # 'no snmp-server ...' removes something: nothing to record
        if sub == "community":
            value = words[2]
            access = "ro"
            acl = acl6 = None
            i = 3
            n = len(words)
            while i < n:
                w = words[i]
                i += 1
                if w in ("RO", "ro"):
                    access = "ro"
                elif w in ("RW", "rw"):
                    access = "rw"
                elif w == "view":
                    i += 1
                elif w == "ipv6":
                    acl6 = words[i]
                    i += 1
                elif w in ("SDROwner", "SystemOwner"):
                    access = "rw"
                else:
                    acl = w
            comm = SnmpCommunity(Secret.from_value(value, "plaintext"), access, acl, "2c", loc)
            self.mgmt.snmp_communities.append(comm)
            for a, ctx in ((acl, "snmp-server community"), (acl6, "snmp-server community ipv6")):
                if a:
                    self.device.refer("acl", a, loc, ctx)
            if acl6:
                facts.setdefault("snmp_community_acl6", []).append(acl6)
        elif sub == "group":
            # snmp-server group G v3 priv|auth|noauth [read V] [write V] [notify V] [access [ipv6 N] ACL]
            gname, version = words[2], words[3]
            level = words[4] if version == "v3" and len(words) > 4 else None
            access = None
            if "access" in words:
                rest = [w for w in words[words.index("access") + 1:] if w != "ipv6"]
                access = rest[-1] if rest else None
            facts.setdefault("snmp_groups", {})[gname] = {"version": version, "level": level, "access": access,
                                                          "loc": loc}
            if not neg:
                self.mgmt.snmp_groups.append(SnmpGroup(gname, version.lstrip("v"), level, loc))
            self.snmp_access_acl(words, loc, f"snmp-server group {gname}")
        elif sub == "user":
            # snmp-server user U G v3 [encrypted] auth sha X [priv aes 128 Y] [access ACL]
            uname, gname = words[2], words[3]
            version = words[4] if len(words) > 4 else ""
            auth = priv = None
            i = 5
            n = len(words)
            while i < n:
                w = words[i]
                i += 1
                if w == "auth" and i < n:
                    auth = words[i].lower()
                    i += 2
                elif w == "priv" and i < n:
                    priv = words[i].lower()
                    i += 1
                    if priv == "aes" and i < n and words[i].isdigit():
                        priv = "aes" + words[i]
                        i += 1
                    i += 1  # the password
                elif w == "access":
                    break
            if version == "v3":
                self.mgmt.snmp_users.append(SnmpUser(uname, auth, priv, loc))
            else:
                self.mgmt.snmp_communities.append(SnmpCommunity(Secret(storage="unknown"), "ro", None, version.lstrip("v"), loc))
            self.snmp_access_acl(words, loc, f"snmp-server user {uname}")
        elif sub == "host":
            # snmp-server host A [vrf V] [informs|traps] [version 1|2c|3 [auth|noauth|priv]] COMMUNITY ...
            entry: dict[str, Any] = {"address": words[2], "version": "1", "loc": loc}
            i = 3
            n = len(words)
            while i < n:
                w = words[i]
                if w == "vrf":
                    i += 2
                elif w in ("informs", "traps"):
                    entry["kind"] = w
                    i += 1
                elif w == "version":
                    entry["version"] = words[i + 1]
                    i += 2
                    if entry["version"] == "3" and i < n:
                        entry["level"] = words[i]
                        i += 1
                else:
                    break
            facts.setdefault("snmp_hosts", []).append(entry)
        elif sub in ("tftp-server-list",):
            self.device.refer("acl", words[2], loc, "snmp-server tftp-server-list")
        elif sub == "file-transfer" and len(words) > 3 and words[2] == "access-group":
            self.device.refer("acl", words[-1], loc, "snmp-server file-transfer access-group")
        elif sub in ("enable", "location", "contact", "trap-source", "source-interface", "view", "ifindex",
                     "system-shutdown", "chassis-id", "engineID", "trap", "queue-length", "packetsize",
                     "manager", "inform", "trap-timeout", "ip", "context", "message-digest", "cache",
                     "drop", "priority", "file-transfer", "mib", "sparse-tables", ""):
            if sub == "enable" and len(words) > 2 and words[2] == "traps":
                facts["snmp_traps"] = True
        else:
            raise _Bad(f"unknown command 'snmp-server {sub}'")
        if sub in ("community", "group", "user") and not any(s.protocol == "snmp" for s in self.mgmt.services):
            self.mgmt.services.append(ManagementService("snmp", loc=loc, version="2c" if sub == "community" else None))
        elif sub == "community":
            for s in self.mgmt.services:
                if s.protocol == "snmp":
                    s.version = "2c"

    def snmp_access_acl(self, words: list[str], loc: Location, context: str) -> None:
        if "access" in words:
            rest = words[words.index("access") + 1:]
            if rest[:1] == ["ipv6"]:
                self.device.refer("acl", rest[1], loc, context + " ipv6 access")
                rest = rest[2:]
            if rest:
                self.device.refer("acl", rest[0], loc, context + " access")

    # ------------------------------------------------------------------ AAA

    @staticmethod
    def method_list(words: list[str]) -> list[str]:
        methods: list[str] = []
        i = 0
        while i < len(words):
            w = words[i]
            if w == "group" and i + 1 < len(words):
                methods.append("group " + words[i + 1])
                i += 2
            elif w == "cache" and i + 1 < len(words):
                methods.append("cache " + words[i + 1])
                i += 2
            else:
                if w in LOGIN_METHODS or w in ("tacacs+", "radius", "if-authenticated", "start-stop",
                                              "stop-only", "wait-start", "broadcast"):
                    methods.append(w)
                i += 1
        return methods

    def h_aaa(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        aaa = self.mgmt.aaa
        loc = self.loc(node)
        facts = self.mgmt.facts
        if sub == "new-model":
            aaa.enabled = not neg
            aaa.loc = loc
            return
        if neg:
            return
        if sub == "authentication":
            what, lst = words[2], words[3] if len(words) > 3 else "default"
            methods = self.method_list(words[4:])
            facts.setdefault("aaa_authentication", {}).setdefault(what, {})[lst] = methods
            if what == "login" and lst == "default":
                aaa.login_methods = methods
                facts["aaa_login_loc"] = loc
        elif sub == "authorization":
            what = words[2]
            if what == "commands":
                level, lst = words[3], words[4]
                methods = self.method_list(words[5:])
                facts.setdefault("aaa_authorization_commands", {})[level] = {"list": lst, "methods": methods}
                if level == "15" and methods and methods != ["none"]:
                    aaa.authorization_commands = True
            else:
                facts.setdefault("aaa_authorization", {})[what] = words[3:]
        elif sub == "accounting":
            what = words[2]
            if what == "commands":
                level, lst = words[3], words[4]
                methods = self.method_list(words[5:])
                facts.setdefault("aaa_accounting_commands", {})[level] = {"list": lst, "methods": methods}
                if level == "15" and any(m.startswith("group") for m in methods):
                    aaa.accounting_commands = True
                    aaa.accounting_loc = loc
            else:
                facts.setdefault("aaa_accounting", {})[what] = words[3:]
        elif sub == "group":
            # aaa group server tacacs+|radius NAME
            if len(words) >= 5 and words[2] == "server":
                members: list[str] = []
                protocol = words[3]

                def member(c: ConfigLine, cw: list[str], cneg: bool) -> None:
                    if cneg:
                        if cw[0] in AAA_GROUP_SETTINGS or cw[0] in ("server", "server-private"):
                            return
                        raise _Bad(f"unknown aaa group server setting 'no {cw[0]}'")
                    if cw[:2] == ["server", "name"] and len(cw) > 2:
                        members.append(cw[2])
                    elif cw[0] == "server" and len(cw) > 1:
                        members.append(cw[1])
                    elif cw[0] == "server-private" and len(cw) > 1:
                        # a server known only to this group, with its own key
                        server = AaaServer(protocol=protocol, address=cw[1], loc=self.loc(c))
                        if "key" in cw[2:]:
                            server.key = self.key_secret(cw, cw.index("key", 2) + 1)
                        self.mgmt.aaa.servers.append(server)
                        members.append(cw[1])
                    elif cw[0] in AAA_GROUP_SETTINGS:
                        pass
                    else:
                        raise _Bad(f"unknown aaa group server setting '{cw[0]}'")

                self.children(node, member)
                facts.setdefault("aaa_groups", {})[words[4]] = {"protocol": protocol, "servers": members}
        elif sub in ("session-id", "common-criteria", "local", "server", "attribute", "password", "dnis",
                     "max-sessions", "nas", "cache", "memory", "configuration", "user", "route", "pod",
                     "policy", "traceback", "login", "intercept", "service-profile", "authentication-profile"):
            if sub == "local" and len(words) > 5 and words[2:4] == ["authentication", "attempts"]:
                facts["aaa_local_max_fail"] = int(words[-1])
            if sub == "common-criteria":
                facts["aaa_common_criteria"] = True
        else:
            raise _Bad(f"unknown command 'aaa {sub}'")

    def key_secret(self, words: list[str], i: int) -> Secret:
        """'key [0|6|7] VALUE' with words[i] the first word after 'key'."""
        if words[i].isdigit() and i + 1 < len(words) and len(words[i]) == 1:
            type_word, value = words[i], words[i + 1]
        else:
            type_word, value = None, words[i]
        storage = _secret_storage("password", type_word, value)
        return Secret.from_value(value, storage) if storage == "plaintext" else Secret(storage=storage)

    def server_block(self, protocol: str, node: ConfigLine) -> None:
        """`tacacs server NAME` / `radius server NAME` / `ldap server NAME` and their
        settings; a setting not understood is a parse warning."""
        server = AaaServer(protocol=protocol, address="", loc=self.loc(node, True))

        def entry(c: ConfigLine, cw: list[str], cneg: bool) -> None:
            key = cw[0]
            if cneg:
                if key in ("key", "pac") or key in AAA_SERVER_SETTINGS:
                    return
                raise _Bad(f"unknown {protocol} server setting 'no {key}'")
            if key == "address" and len(cw) >= 3:
                server.address = cw[2]
            elif key == "key":
                server.key = self.key_secret(cw, 1)
            elif key == "pac" and len(cw) > 2 and cw[1] == "key":
                server.key = self.key_secret(cw, 2)
            elif key in ("ipv4", "ipv6", "host") and len(cw) >= 2:
                server.address = cw[1]
            elif key in AAA_SERVER_SETTINGS:
                pass
            else:
                raise _Bad(f"unknown {protocol} server setting '{key}'")

        self.children(node, entry)
        self.mgmt.aaa.servers.append(server)

    def h_password(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        """`password encryption aes`: type-6 keys are AES-encrypted with the device's key."""
        if words[1:3] == ["encryption", "aes"]:
            self.mgmt.facts["password_encryption_aes"] = not neg
        else:
            raise _Bad(f"unknown command 'password {words[1] if len(words) > 1 else ''}'")

    def h_tacacs(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        if words[1] == "server":
            self.server_block("tacacs+", node)
        else:
            raise _Bad(f"unknown command 'tacacs {words[1]}'")

    def h_radius(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        if words[1] == "server":
            self.server_block("radius", node)
        elif words[1] not in ("dynamic-author", "filter"):
            raise _Bad(f"unknown command 'radius {words[1]}'")

    def h_ldap(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if not neg and words[1] == "server":
            self.server_block("ldap", node)

    def legacy_server(self, protocol: str, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        sub = words[1]
        loc = self.loc(node)
        if sub == "host":
            server = AaaServer(protocol=protocol, address=words[2], loc=loc)
            if "key" in words[3:]:
                server.key = self.key_secret(words, words.index("key", 3) + 1)
            self.mgmt.aaa.servers.append(server)
        elif sub == "key":
            secret = self.key_secret(words, 2)
            if protocol == "tacacs+":
                self.tacacs_key = secret
            else:
                self.radius_key = secret
        # timeout, directed-request, source-interface, attribute, dead-criteria, deadtime...: not modelled

    def h_tacacs_server(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        self.legacy_server("tacacs+", node, words, neg)

    def h_radius_server(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        self.legacy_server("radius", node, words, neg)

    # ------------------------------------------------------------------ logging, NTP

    def h_logging(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        facts = self.mgmt.facts
        loc = self.loc(node)
        if len(words) == 1:
            return
        sub = words[1]
        if sub == "host" or _is_ip(sub):
            if neg:
                return
            i = 2 if sub == "host" else 1
            if words[i] in ("ipv4", "ipv6"):
                i += 1
            host = LogHost(words[i], loc)
            i += 1
            while i < len(words):
                w = words[i]
                i += 1
                if w == "transport" and i < len(words):
                    host.transport = words[i]
                    i += 1
                elif w == "port" and i < len(words):
                    host.port = int(words[i])
                    i += 1
                elif w in ("vrf", "discriminator", "sequence-num-session", "session-id", "filtered",
                           "xml", "audit", "profile", "stream"):
                    if w in ("vrf", "discriminator", "profile", "stream"):
                        i += 1
            self.mgmt.log_hosts.append(host)
        elif sub == "on":
            facts["logging_on"] = not neg
            facts["logging_on_loc"] = loc
        elif sub == "trap":
            facts["logging_trap"] = None if neg else (words[2] if len(words) > 2 else "informational")
            facts["logging_trap_loc"] = loc
        elif sub == "buffered":
            facts["logging_buffered"] = None if neg else " ".join(words[2:]) or True
        elif sub == "console":
            facts["logging_console"] = None if neg else " ".join(words[2:]) or True
        elif sub == "monitor":
            facts["logging_monitor"] = None if neg else " ".join(words[2:]) or True
        elif sub == "source-interface":
            facts["logging_source_interface"] = None if neg else words[2]
        elif sub == "userinfo":
            facts["logging_userinfo"] = not neg
        elif sub in ("facility", "origin-id", "rate-limit", "event", "count", "history", "discriminator",
                     "queue-limit", "persistent", "file", "snmp-trap", "message-counter", "exception",
                     "delimiter", "reload", "filter", "buffer-size", "dmvpn", "cns-events", "esm", "alarm",
                     "sequence-num", "trap-source", "server-arp", "linecard", "timestamp", "monitor",
                     "snmp-authfail"):
            pass
        else:
            raise _Bad(f"unknown command 'logging {sub}'")

    def h_ntp(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        facts = self.mgmt.facts
        loc = self.loc(node)
        if sub in ("server", "peer"):
            if neg:
                return
            i = 2
            if words[i] == "vrf":
                i += 2
            if words[i] in ("ip", "ipv6"):
                i += 1
            addr = words[i]
            if sub == "server":
                self.mgmt.ntp_servers.append(addr)
            else:
                facts.setdefault("ntp_peers", []).append(addr)
            if "key" in words[i:]:
                facts.setdefault("ntp_server_keys", {})[addr] = words[words.index("key", i) + 1]
        elif sub == "authenticate":
            self.mgmt.ntp_authenticated = not neg
            facts["ntp_authenticate_loc"] = loc
        elif sub == "authentication-key":
            facts.setdefault("ntp_authentication_keys", []).append(words[2])
        elif sub == "trusted-key":
            facts.setdefault("ntp_trusted_keys", []).append(" ".join(words[2:]))
        elif sub == "access-group":
            if neg:
                return
            rest = [w for w in words[2:] if w not in ("ipv4", "ipv6")]
            # peer|serve|serve-only|query-only ACL [kod]
            if len(rest) >= 2:
                self.device.refer("acl", rest[1], loc, f"ntp access-group {rest[0]}")
        elif sub in ("source", "master", "update-calendar", "logging", "max-associations", "broadcastdelay",
                     "clock-period", "allow", "refclock", "passive", "orphan", "panic"):
            pass
        else:
            raise _Bad(f"unknown command 'ntp {sub}'")

    # ------------------------------------------------------------------ hardening facts

    def h_cdp(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if words[1] == "run":
            self.mgmt.facts["cdp_enabled"] = not neg
            self.mgmt.facts["cdp_loc"] = self.loc(node)

    def h_lldp(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if words[1] == "run":
            self.mgmt.facts["lldp_enabled"] = not neg
            self.mgmt.facts["lldp_loc"] = self.loc(node)

    def h_security(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if len(words) >= 4 and words[1] == "passwords" and words[2] == "min-length":
            self.mgmt.facts["password_min_length"] = None if neg else int(words[3])
            self.mgmt.facts["password_min_length_loc"] = self.loc(node)
        elif words[1] not in ("passwords", "authentication", "level"):
            raise _Bad(f"unknown command 'security {words[1]}'")

    def h_login(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        facts = self.mgmt.facts
        loc = self.loc(node)
        sub = words[1]
        if sub == "block-for":
            facts["login_block_for"] = None if neg else int(words[2])
            if "attempts" in words:
                facts["login_block_attempts"] = int(words[words.index("attempts") + 1])
            if "within" in words:
                facts["login_block_within"] = int(words[words.index("within") + 1])
            facts["login_block_for_loc"] = loc
        elif sub == "on-failure":
            facts["login_on_failure_log"] = not neg
        elif sub == "on-success":
            facts["login_on_success_log"] = not neg
        elif sub == "quiet-mode":
            if not neg and len(words) > 3 and words[2] == "access-class":
                self.device.refer("acl", words[3], loc, "login quiet-mode access-class")
        elif sub in ("delay",):
            facts["login_delay"] = None if neg else int(words[2])
        else:
            raise _Bad(f"unknown command 'login {sub}'")

    def h_archive(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        facts = self.mgmt.facts

        def log_config(g: ConfigLine, gw: list[str], gneg: bool) -> None:
            if gw[:2] == ["logging", "enable"]:
                facts["archive_logging_enable"] = not gneg
            elif gw[:1] == ["hidekeys"]:
                facts["archive_hidekeys"] = not gneg
            elif gw[:1] == ["notify"]:
                facts["archive_notify"] = None if gneg else " ".join(gw[1:])
            elif gw[:2] in (["logging", "size"], ["logging", "persistent"], ["record", "rc"]):
                pass
            else:
                raise _Bad(f"unknown archive log config setting '{' '.join(gw[:2])}'")

        def entry(child: ConfigLine, cw: list[str], cneg: bool) -> None:
            if cw[:2] == ["log", "config"]:
                facts["archive_log_config"] = not cneg
                self.children(child, log_config)
            elif cw[:1] == ["path"] and len(cw) > 1:
                facts["archive_path"] = cw[1].split(":", 1)[0] + ":"
            elif cw[0] in ("path", "write-memory", "maximum", "time-period", "rollback"):
                pass
            else:
                raise _Bad(f"unknown archive setting '{cw[0]}'")

        self.children(node, entry)

    def h_control_plane(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        for child in node.children:
            cw = child.text.split()
            if cw[:1] == ["service-policy"] and len(cw) >= 3:
                self.mgmt.facts["control_plane_policy"] = {cw[1]: cw[-1]}

    # ------------------------------------------------------------------ places that use ACLs

    def h_route_map(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        ctx = "route-map " + " ".join(words[1:])
        for child in node.children:
            cw = child.text.split()
            if len(cw) >= 4 and cw[0] == "match" and cw[1] in ("ip", "ipv6") and cw[2] in ("address", "next-hop", "route-source"):
                if cw[3] == "prefix-list":
                    for name in cw[4:]:
                        self.device.refer("prefix-list", name, self.loc(child), ctx)
                else:
                    for name in cw[3:]:
                        self.device.refer("acl", name, self.loc(child), ctx)

    def h_class_map(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        cname = words[-1]
        for child in node.children:
            cw = child.text.split()
            if len(cw) >= 3 and cw[0] == "match" and cw[1] == "access-group":
                name = cw[3] if cw[2] in ("name", "ipv6") and len(cw) > 3 else cw[2]
                if cw[2] == "ipv6" and len(cw) > 4 and cw[3] == "name":
                    name = cw[4]
                self.device.refer("acl", name, self.loc(child), f"class-map {cname}")
            elif len(cw) >= 4 and cw[0] == "match" and cw[1] in ("ip", "ipv6") and cw[2] == "access-group":
                name = cw[4] if cw[3] == "name" and len(cw) > 4 else cw[3]
                self.device.refer("acl", name, self.loc(child), f"class-map {cname}")

    def h_policy_map(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        return None  # QoS/inspect actions are not modelled; class-maps carry the ACL references

    def h_crypto(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg or len(words) < 2:
            return
        sub = words[1]
        facts = self.device.facts
        if sub == "map" and len(words) >= 4:
            ctx = "crypto map " + " ".join(words[2:4])
            for child in node.children:
                cw = child.text.split()
                if cw[:2] == ["match", "address"] and len(cw) > 2:
                    self.device.refer("acl", cw[2], self.loc(child), ctx)
        elif sub == "isakmp" and len(words) >= 4 and words[2] == "policy":
            policy: dict[str, Any] = {"priority": words[3], "loc": self.loc(node, True)}
            for child in node.children:
                cw = child.text.split()
                if cw and cw[0] in ("encryption", "encr", "hash", "group", "authentication", "lifetime"):
                    policy[cw[0]] = " ".join(cw[1:])
            facts.setdefault("isakmp_policies", []).append(policy)
        elif sub == "ipsec" and len(words) >= 4 and words[2] == "transform-set":
            facts.setdefault("transform_sets", {})[words[3]] = words[4:]
        elif sub == "pki" and len(words) >= 4 and words[2] == "trustpoint":
            facts.setdefault("pki_trustpoints", []).append(words[3])
        elif sub == "key" and len(words) >= 4 and words[2] == "generate":
            # 'crypto key generate rsa [general-keys] [label X] modulus N' (snippets, not running-config)
            if "modulus" in words:
                self.mgmt.facts["rsa_modulus"] = int(words[words.index("modulus") + 1])
            if self.ssh_loc is None:
                self.ssh_loc = self.loc(node)
        elif sub == "dynamic-map":
            for child in node.children:
                cw = child.text.split()
                if cw[:2] == ["match", "address"] and len(cw) > 2:
                    self.device.refer("acl", cw[2], self.loc(child), "crypto dynamic-map " + " ".join(words[2:4]))
        # crypto key, ikev2, ipsec profile, pki certificate chain (hex bodies): not modelled

    def h_router(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        ctx = "router " + " ".join(words[1:])
        self.device.facts.setdefault("routing_protocols", []).append(" ".join(words[1:3]))
        stack = list(node.children)
        while stack:
            child = stack.pop()
            stack.extend(child.children)
            cw = child.text.split()
            if "distribute-list" in cw:
                j = cw.index("distribute-list")
                if j + 1 < len(cw):
                    target = cw[j + 1]
                    if target == "prefix" and j + 2 < len(cw):
                        self.device.refer("prefix-list", cw[j + 2], self.loc(child), ctx + " distribute-list")
                    elif target not in ("gateway", "route-map"):
                        self.device.refer("acl", target, self.loc(child), ctx + " distribute-list")
            if "prefix-list" in cw and cw[0] == "neighbor":
                j = cw.index("prefix-list")
                if j + 1 < len(cw):
                    self.device.refer("prefix-list", cw[j + 1], self.loc(child), ctx + " neighbor prefix-list")

    def h_zone(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if not neg and len(words) >= 3 and words[1] == "security":
            self.device.zones.append(Zone(words[2], loc=self.loc(node, True)))
            self.device.facts["zone_based_firewall"] = True

    def h_zone_pair(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if not neg:
            self.device.facts["zone_based_firewall"] = True
            self.device.facts.setdefault("zone_pairs", []).append(" ".join(words[2:]))

    # ------------------------------------------------------------------ after the last line

    def finish(self) -> None:
        dev = self.device
        self.finish_acls()
        self.finish_interfaces()
        self.finish_management()
        if not dev.hostname:
            dev.hostname = PurePath(self.file).stem or "unknown"
            dev.facts["hostname_from_file_name"] = True
        if any(v is not None for v in self.route_vrfs):
            dev.facts["route_vrfs"] = self.route_vrfs
        for zone in dev.zones:
            zone.interfaces = [i.name for i in dev.interfaces if i.zone == zone.name]
        self.safety_net()

    def finish_acls(self) -> None:
        dev = self.device
        now = datetime.now()
        for name, filt in dev.filters.items():
            leftover = self.acl_pending_remark.pop(name, None)
            if leftover:
                filt.remark = "\n".join(leftover)
            if not self.acl_entry_lines.get(name):
                # IOS: an ACL without a single entry filters nothing where it is applied
                filt.default_action = PERMIT
                filt.default_note = "an IOS ACL with no entries permits everything where it is applied"
            seqs = self.acl_seq.get(name, [])
            if any(s is not None for s in seqs):
                # IOS evaluates entries in sequence order; unnumbered entries get last + 10.
                last = 0
                keyed = []
                for idx, (rule, s) in enumerate(zip(filt.rules, seqs)):
                    if s is None:
                        s = last + 10
                        rule.extra["implicit_sequence"] = s
                    last = max(last, s)
                    keyed.append((s, idx, rule))
                if any(keyed[k][0] > keyed[k + 1][0] for k in range(len(keyed) - 1)):
                    keyed.sort(key=lambda t: (t[0], t[1]))
                    filt.rules = [r for _, _, r in keyed]
                    dev.facts.setdefault("acls_reordered_by_sequence", []).append(name)
            for rule in filt.rules:
                if rule.time_range:
                    tr = self.time_ranges.get(rule.time_range)
                    if tr is not None:
                        end = tr.get("absolute_end")
                        # without an absolute end the schedule never runs out
                        rule.time_range_expired = end < now if end is not None else False
            dev.define("acl", name, filt.loc or Location(self.file, 0))
        if self.time_ranges:
            dev.facts["time_ranges"] = {
                k: {"periodic": v["periodic"],
                    "absolute_start": v["absolute_start"].isoformat() if v["absolute_start"] else None,
                    "absolute_end": v["absolute_end"].isoformat() if v["absolute_end"] else None}
                for k, v in self.time_ranges.items()
            }

    def is_switch(self) -> bool:
        model = (self.device.model or self.device.facts.get("provisioned_model") or "").upper()
        return self.switch_hints > 0 or model.startswith(SWITCH_MODELS)

    def finish_interfaces(self) -> None:
        switch = self.is_switch()
        self.device.facts["platform_kind"] = "switch" if switch else "router"
        for iface in self.device.interfaces:
            state = self.iface_state.get(iface.name, {})
            low = iface.name.lower()
            physical = ("ethernet" in low or "gige" in low) and "." not in iface.name
            l2_default = (
                switch and physical and not state.get("no_switchport") and not iface.addresses
                and iface.vrf is None and not state.get("no_ip_address") and "ip_address" not in iface.extra
            )
            if state.get("switchport_cmds") or l2_default:
                iface.switchport = True
            if not iface.switchport:
                continue
            if iface.mode is None:
                iface.extra["mode_default"] = "dynamic-auto"
            if iface.mode != "trunk" and iface.access_vlan is None:
                iface.access_vlan = 1
                iface.extra["access_vlan_default"] = True
            if iface.mode in ("trunk", None, "dynamic-auto", "dynamic-desirable") and iface.native_vlan is None:
                iface.native_vlan = 1
                iface.extra["native_vlan_default"] = True

    def finish_management(self) -> None:
        mgmt = self.mgmt
        # enable: keep the weakest form present (an 'enable password' is a finding even next to a secret)
        if self.enable_candidates:
            secret, loc, _kind = min(self.enable_candidates, key=lambda c: _STORAGE_RANK.get(c[0].storage, 4))
            mgmt.enable_secret = secret
            mgmt.enable_loc = loc
        for server in mgmt.aaa.servers:
            if server.key is None:
                server.key = self.tacacs_key if server.protocol == "tacacs+" else self.radius_key if server.protocol == "radius" else None
        for svc in mgmt.services:
            if svc.protocol == "snmp":
                svc.version = "2c" if mgmt.snmp_communities else "3"
                acls = {c.acl for c in mgmt.snmp_communities}
                acls |= {g.get("access") for g in mgmt.facts.get("snmp_groups", {}).values()}
                acls.discard(None) if not mgmt.snmp_communities else None
                if len(acls) == 1:
                    svc.acl = next(iter(acls))
        if self.http_acl is not None:
            for svc in mgmt.services:
                if svc.protocol in ("http", "https"):
                    svc.acl = self.http_acl[0]
        # telnet / ssh from the vty lines
        ssh_from_lines = False
        for line in mgmt.lines:
            if not line.name.startswith("vty"):
                continue
            tloc = self._line_transport_loc.get(id(line), line.loc)
            if id(line) in self._line_noexec:
                continue
            tin = line.transport_input
            if tin is None:
                continue
            if "telnet" in tin or "all" in tin:
                mgmt.services.append(ManagementService("telnet", loc=tloc, acl=line.access_class_in,
                                                       note=f"line {line.name}"))
            if "ssh" in tin or "all" in tin:
                ssh_from_lines = True
                mgmt.services.append(ManagementService("ssh", loc=tloc, acl=line.access_class_in,
                                                       version=mgmt.ssh_version, note=f"line {line.name}"))
        if not ssh_from_lines and self.ssh_loc is not None:
            mgmt.services.append(ManagementService("ssh", loc=self.ssh_loc, version=mgmt.ssh_version,
                                                   note="ip ssh configured; no vty line names ssh explicitly"))

    # ------------------------------------------------------------------ the 'mentioned' safety net

    def safety_net(self) -> None:
        dev = self.device
        referenced = {(r.kind, r.name) for r in dev.references}
        cands: dict[str, list[Any]] = {}
        for obj in dev.objects:
            if (obj.kind, obj.name) not in referenced:
                cands.setdefault(obj.name, []).append(obj)
        if not cands:
            return
        banner_ranges = self.banner_lines
        names = set(cands)
        found: dict[tuple[str, str], Location] = {}
        for number, raw in enumerate(self.lines, 1):
            s = raw.strip()
            if not s or s[0] == "!":
                continue
            toks = s.split()
            hits = names.intersection(toks)
            if not hits:
                continue
            if any(a <= number <= b for a, b in banner_ranges):
                continue
            first = toks[1] if toks[0].isdigit() and len(toks) > 1 else toks[0]
            if first in ("description", "remark", "name", "hostname", "banner", "alias"):
                continue
            if toks[0] == "access-list" and len(toks) > 1 and toks[1] == "remark":
                continue
            if toks[0] == "access-list" and len(toks) > 2 and toks[2] == "remark":
                continue
            low = s.lower()
            for name in hits:
                numeric = name.isdigit()
                if numeric and not any(k in low for k in ("access", "list", "acl", "filter", "match", "class",
                                                             "group", "boundary", "rp-address", "redirect")):
                    continue
                for obj in cands[name]:
                    key = (obj.kind, obj.name)
                    if key in found:
                        continue
                    if self.own_definition(obj, number, toks):
                        continue
                    found[key] = Location(self.file, number, number, _redact(s))
        for (kind, name), loc in found.items():
            dev.refer(kind, name, loc, "mentioned")

    def own_definition(self, obj: Any, number: int, toks: list[str]) -> bool:
        if obj.kind == "acl":
            for a, b in self.acl_lines.get(obj.name, []):
                if a <= number <= b:
                    return True
            return False
        if obj.kind == "prefix-list":
            return number in self.prefix_lists.get(obj.name, [])
        return obj.loc.line <= number <= obj.loc.end_line
