"""Arista EOS parser: `show running-config` of EOS switches, or any snippet of one (a
file holding one ACL is valid input).

What it produces (see `netlint.model`):

* inventory: the `! device: leaf1 (DCS-7280SR-48C6, EOS-4.26.4M)` header
  (os_version '4.26.4M', model 'DCS-7280SR-48C6', facts header_device_name), the
  `! boot system flash:/EOS-...swi` header, `hostname` (the header's device name when
  there is none);
* ACLs: `ip access-list NAME` (extended), `ip access-list standard NAME`, `ipv6
  access-list [standard] NAME` as `Filter`s (first match in sequence order, implicit
  deny); addresses as prefix, `A WILDCARD` (non-contiguous kept exact), `host`, `any`;
  ports `eq/neq/lt/gt/range` with several ports after eq/neq and the EOS port names;
  ICMP / ICMPv6 names and type/code; options `established`, `log`, `fragments`,
  `dscp`, `ttl`, `hop-limit`, TCP flags, `tracked`, `vlan`, `nexthop-group`
  (all but established/log are approximations); `counters per-entry` / `statistics
  per-entry` go to Filter.extra;
* interfaces (Ethernet, Port-Channel, Vlan SVIs, Management, Loopback, subinterfaces),
  VLANs, VRFs, static routes (`ip route [vrf X] ...` -> Route.vrf);
* the management plane: `management ssh|telnet|api http-commands|console|security`,
  local users (`secret sha512|5|0`, `nopassword`, roles), `enable password|secret`,
  SNMP communities/users/hosts, AAA method lists and server groups, TACACS+/RADIUS
  servers, logging hosts, NTP, banners (`banner login|motd` ... `EOF`);
* every definition and use of an ACL (interfaces, management ACLs, SNMP, control
  plane, route-maps, class-maps), plus the "mentioned" safety net.

Platform defaults made explicit (EOS does not print them):

* SSH is on unless `management ssh` holds `shutdown`; telnet is off unless
  `management telnet` holds `no shutdown`; eAPI (`management api http-commands`) is
  off unless it holds `no shutdown`, then serves HTTPS (unless `no protocol https`)
  and HTTP only with `protocol http` (`protocol http localhost` serves the switch
  itself only: facts, not a service).
* The SSH and telnet CLI settings are also represented as `VtyLine`s named
  'vty (management ssh)' / 'vty (management telnet)' (transport ssh / telnet,
  access_class_in from `ip access-group NAME [vrf V] in`, exec_timeout from
  `idle-timeout N` minutes). EOS never times a session out by default: a line without
  `idle-timeout` has exec_timeout None and extra['exec_timeout_platform_default'] = 0.
* Logging: EOS timestamps every message (log_timestamps True); `logging format
  timestamp high-resolution|traditional` goes to facts log_timestamps_format;
  `no logging on` sets logging_enabled False.
* Users: `secret sha512` -> 'sha512', `secret 5` -> 'md5', `secret 0` or a value
  typed without a type -> 'plaintext', `secret 7` -> 'reversible', `nopassword` ->
  secret None (no password at all). privilege as written, else 15 for role
  network-admin, else 1 (the EOS default).
* AAA: `aaa.enabled` is True when `aaa authentication login default` names a server
  group; `aaa authorization commands all|15 default group ...` and `aaa accounting
  commands all|15 default start-stop|stop-only group ...` set the command flags.
* Interfaces: Ethernet and Port-Channel parents are switchports in access mode,
  VLAN 1, unless `no switchport` (or `switchport default mode routed`); inferred
  values carry `extra[...]_default`. EOS interfaces are enabled by default: shutdown
  is True only with `shutdown`, and extra['shutdown_default'] False when unsaid.
* An ACL without entries keeps the implicit deny (filter.extra['no_entries']).

Facts (`device.management.facts`): ssh_vrfs / telnet_vrfs / api_vrfs (vrf ->
enabled), ssh_acls (vrf -> ACL), ssh_ciphers, ssh_macs, ssh_kex, ssh_hostkeys,
ssh_connection_limit, ssh_authentication_mode, ssh_idle_timeout, api_http (dict),
api_other (gnmi, netconf, restconf), console_idle_timeout, password_min_length,
password_policy, aaa_root ('disabled' or storage), aaa_authentication (list ->
methods), aaa_authentication_enable, aaa_lockout, aaa_authorization,
aaa_accounting, aaa_groups, snmp_hosts, snmp_groups, snmp_acl (global `snmp-server
ipv4 access-list`), snmp_vrfs, logging_trap, logging_buffered, logging_console,
logging_monitor, logging_source_interface, log_timestamps_format, logging_enabled,
ntp_server_keys, ntp_server_vrfs, ntp_trusted_keys, ntp_authentication_keys,
ntp_authenticate_servers, control_plane_acl, banner_locs, enable_storage. Device
facts: header_device_name, header_command, boot_image, ip_routing, ip_routing_vrfs,
vrfs, default_switchport_mode, spanning_tree_mode, mlag, acls_reordered_by_sequence,
platform_kind.
Interface extras: switchport_default, mode_default, access_vlan_default,
native_vlan_default, native_vlan_tagged, shutdown_default, trunk_groups, channel_group,
mlag, vrrp, virtual_router, service_policy, proxy_arp, urpf, dhcp_relay, encapsulation.
Rule extras: fragments, dscp, ttl, hop_limit, tcp_flags, tracked, vlan,
nexthop_group, igmp_type, implicit_sequence.
"""

from __future__ import annotations

import re
from typing import Any

from netlint.model import (
    AaaServer, Filter, Interface, Location, LogHost, ManagementService, ParseError,
    Route, Secret, SnmpCommunity, SnmpGroup, SnmpUser, VtyLine,
)

from ._nxos_eos_common import BaseRun, Bad, is_ip, method_list, vlan_list, weakest
from .common import ConfigLine
from .detect import score_vendors

VENDOR = "arista_eos"

# --------------------------------------------------------------------------- keyword tables

PROTOCOLS_V4: dict[str, int | None] = {
    "ip": None, "ahp": 51, "esp": 50, "gre": 47, "icmp": 1, "igmp": 2, "ospf": 89, "pim": 103,
    "tcp": 6, "udp": 17, "vrrp": 112, "sctp": 132,
}
PROTOCOLS_V6: dict[str, int | None] = {
    "ipv6": None, "icmpv6": 58, "icmp": 58, "tcp": 6, "udp": 17, "ospf": 89, "pim": 103, "vrrp": 112,
    "sctp": 132, "esp": 50, "ahp": 51, "gre": 47,
}
# EOS port names (IANA numbers); EOS prints well-known ports by name (eq www https).
EOS_PORTS: dict[str, int] = {
    "acap": 674, "acr-nema": 104, "afpovertcp": 548, "arns": 384, "asf-rmcp": 623, "asip-webadmin": 311,
    "at-rtmp": 201, "aurp": 387, "auth": 113, "bfd": 3784, "bfd-echo": 3785, "bftp": 152, "bgmp": 264,
    "bgp": 179, "biff": 512, "bootpc": 68, "bootps": 67, "chargen": 19, "cifs": 3020, "citadel": 1059,
    "clearcase": 371, "cmd": 514, "commerce": 542, "courier": 530, "csnet-ns": 105, "cvx": 9979,
    "cvx-cluster": 15003, "daytime": 13, "dhcp-failover2": 847, "dhcpv6-client": 546,
    "dhcpv6-server": 547, "discard": 9, "dnsix": 195, "domain": 53, "dsp": 33, "echo": 7, "efs": 520,
    "epp": 700, "esro-gen": 259, "exec": 512, "finger": 79, "ftp": 21, "ftp-data": 20, "ftps": 990,
    "ftps-data": 989, "godi": 848, "gopher": 70, "gtp-c": 2123, "gtp-prime": 3386, "gtp-u": 2152,
    "ha-cluster": 694, "hostname": 101, "hp-alarm-mgr": 383, "http": 80, "http-alt": 8008,
    "http-mgmt": 280, "http-rpc-epmap": 593, "https": 443, "ident": 113, "ieee-mms-ssl": 695,
    "imap": 143, "imap3": 220, "imaps": 993, "ipp": 631, "ipx": 213, "irc": 194, "iris-beep": 702,
    "isakmp": 500, "iscsi": 3260, "isi-gl": 55, "iso-tsap": 102, "kerberos": 88, "kerberos-adm": 749,
    "klogin": 543, "kpasswd": 464, "kshell": 544, "l2tp": 1701, "la-maint": 51, "lanz": 50001,
    "ldap": 389, "ldaps": 636, "ldp": 646, "lmp": 701, "login": 513, "lotusnotes": 1352, "lpd": 515,
    "mac-srvr-admin": 660, "matip-type-a": 350, "matip-type-b": 351, "micro-bfd": 6784,
    "microsoft-ds": 445, "mlag": 4432, "mobile-ip": 434, "monitor": 561, "mpp": 218, "ms-sql-m": 1434,
    "ms-sql-s": 1433, "msdp": 639, "msexch-routing": 691, "msg-icp": 29, "msp": 18, "msrpc": 135,
    "nameserver": 42, "nas": 991, "ncp": 524, "netbios-dgm": 138, "netbios-ns": 137, "netbios-ss": 139,
    "netbios-ssn": 139, "netrjs-1": 71, "netrjs-2": 72, "netrjs-3": 73, "netrjs-4": 74, "netwall": 533,
    "netwnews": 532, "new-rwho": 550, "nfs": 2049, "nntp": 119, "nntps": 563, "non500-isakmp": 4500,
    "nsw-fe": 27, "ntp": 123, "odmr": 366, "olsr": 698, "openvpn": 1194, "pcanywhere-data": 5631,
    "pcanywhere-status": 5632, "pim-auto-rp": 496, "pkix-timestamp": 318, "pkt-krb-ipsec": 1293,
    "pop2": 109, "pop3": 110, "pop3s": 995, "pptp": 1723, "print-srv": 170, "ptp-event": 319,
    "ptp-general": 320, "qmtp": 209, "qotd": 17, "radius": 1812, "radius-acct": 1813, "re-mail-ck": 50,
    "remotefs": 556, "repcmd": 641, "rip": 520, "rje": 5, "rlp": 39, "rlzdbase": 635, "rmc": 657,
    "rmonitor": 560, "rpc2portmap": 369, "rsh": 514, "rsync": 873, "rtelnet": 107, "rtsp": 554,
    "sgmp": 153, "silc": 706, "sip": 5060, "smtp": 25, "smux": 199, "snagas": 108, "snmp": 161,
    "snmp-trap": 162, "snmptrap": 162, "snpp": 444, "sqlserv": 118, "sqlsrv": 156, "ssh": 22,
    "submission": 587, "sunrpc": 111, "svrloc": 427, "syslog": 514, "systat": 11, "tacacs": 49,
    "tacacs-ds": 65, "talk": 517, "tbrpf": 712, "tcpmux": 1, "tcpnethaspsrv": 475, "telnet": 23,
    "tftp": 69, "time": 37, "timed": 525, "ups": 401, "uucp": 540, "uucp-path": 117, "vmnet": 175,
    "vxlan": 4789, "who": 513, "whois": 43, "www": 80, "xdmcp": 177, "xns-ch": 54, "xns-mail": 58,
    "xns-time": 52, "z39-50": 210,
}
ICMP_V6: dict[str, tuple[int, int | None]] = {
    "unreachable": (1, None), "no-route": (1, 0), "no-admin": (1, 1), "beyond-scope": (1, 2),
    "address-unreachable": (1, 3), "port-unreachable": (1, 4), "source-address-failed": (1, 5),
    "reject-route": (1, 6), "packet-too-big": (2, None), "time-exceeded": (3, None),
    "hop-limit-exceeded": (3, 0), "reassembly-timeout": (3, 1), "parameter-problem": (4, None),
    "erroneous-header": (4, 0), "unrecognized-next-header": (4, 1), "unrecognized-option": (4, 2),
    "echo-request": (128, None), "echo-reply": (129, None), "multicast-listener-query": (130, None),
    "multicast-listener-report": (131, None), "multicast-listener-done": (132, None),
    "router-solicitation": (133, None), "router-advertisement": (134, None),
    "neighbor-solicitation": (135, None), "neighbor-advertisement": (136, None),
    "redirect-message": (137, None), "router-renumbering": (138, None), "nd-ns": (135, None),
    "nd-na": (136, None), "redirect": (137, None),
}

SECRET_TYPES = {"0": "plaintext", "5": "md5", "7": "reversible", "sha512": "sha512", "8a": "pbkdf2"}
# EOS console, SSH and telnet sessions never time out unless `idle-timeout` is set.
EOS_CLI_DEFAULT_TIMEOUT = 0
# `management security` settings recognised besides `password ...`.
MGMT_SECURITY_RECOGNISED = frozenset({
    "password", "ssl", "entropy", "shared-secret", "signature-verification", "pki", "session", "exit",
})
KEY_TYPES = {"0": "plaintext", "7": "reversible", "8a": "encrypted"}
ROLE_PRIVILEGE = {"network-admin": 15, "network-operator": 1}

RECOGNISED_TOP = frozenset({
    "end", "daemon", "transceiver", "service", "agent", "platform", "queue-monitor", "spanning-tree",
    "hardware", "policy-map", "router", "mlag", "dns", "clock", "errdisable", "lldp", "load-interval",
    "event-handler", "event-monitor", "sflow", "monitor", "mac", "peer-filter", "terminal", "alias",
    "schedule", "tap", "tcam", "maintenance", "ptp", "vxlan", "cvx", "openflow", "dot1x", "flow",
    "lacp", "port-channel", "qos", "trackers", "track", "traffic-policies", "email", "boot", "prompt",
    "l2-protocol", "bfd", "mpls", "arp", "nat", "match-list", "cli", "action", "mcs", "redundancy",
    "role", "ipv6", "ip", "interface", "vlan", "vrf", "management", "username", "enable", "aaa",
    "tacacs-server", "radius-server", "logging", "ntp", "snmp-server", "banner", "hostname",
    "route-map", "class-map", "system", "control-plane", "switchport", "no", "default", "patch",
    "sync", "priority-flow-control", "dhcp", "ldap", "application", "hardware", "interface-defaults",
    "vmtracer", "virtual-cable-test", "ip-fabric", "pim", "multicast", "igmp", "service-policy",
    "exit", "storm-control", "link-tracking", "dcbx", "stun", "router-id", "tunnel-ribs",
    "router-general", "ethernet", "security", "sflow", "poe", "macsec", "ipsec", "mirroring",
    "hw", "monitor-session", "user-defined-protocol", "watchdog", "license", "flash", "tech-support",
})
LEAF_COMMANDS = frozenset({
    "hostname", "username", "enable", "snmp-server", "ntp", "logging", "tacacs-server",
    "radius-server", "dns",
})

IFACE_RECOGNISED = frozenset({
    "mtu", "speed", "load-interval", "lldp", "storm-control", "flowcontrol", "error-correction",
    "poe", "dot1x", "qos", "service-policy", "traffic-policy", "sflow", "ptp", "bfd", "isis", "pim",
    "vrrp", "mac", "mac-address", "arp", "vxlan", "evpn", "priority-flow-control", "tx-queue",
    "uc-tx-queue", "mc-tx-queue", "link-debounce", "transceiver", "hardware", "l2", "autostate",
    "multicast", "mpls", "tunnel", "rate-limit", "phone", "snmp", "logging", "spanning-tree", "lacp",
    "channel-group", "mlag", "ip", "ipv6", "switchport", "description", "shutdown", "vrf",
    "encapsulation", "no", "default", "carrier-delay", "dhcp", "ipv4", "routing", "negotiation",
    "unidirectional", "mac-security", "port-channel", "system", "counter", "profile", "link-tracking",
    "bgp", "ospfv3", "igmp", "dcbx", "shape", "tcp", "errdisable", "l2-protocol", "management",
    "media", "ethernet", "switchport-default", "macsec", "trunk", "peer-link", "timeout",
})
IFACE_IP_RECOGNISED = frozenset({
    "ospf", "pim", "igmp", "dhcp", "arp", "proxy-arp", "local-proxy-arp", "verify", "helper-address",
    "virtual-router", "attached-host", "mtu", "redirects", "unreachables", "directed-broadcast",
    "multicast", "rip", "address", "access-group", "policy", "nat", "virtual", "icmp", "load-sharing",
    "tcp", "flow", "mfib", "hardware", "urpf", "source", "routing",
})
IFACE_IPV6_RECOGNISED = frozenset({
    "enable", "nd", "dhcp", "ospf", "ospfv3", "pim", "mld", "verify", "mtu", "link-local",
    "address", "access-group", "virtual-router", "attached-host", "helper", "routing", "icmp",
    "unreachables", "redirects", "policy", "multicast", "local-proxy-nd",
})

_DEVICE = re.compile(r"^!\s*device:\s*(\S+)\s*\(([^,)]*),\s*EOS-(\S+?)\)\s*$")
_BOOT = re.compile(r"^!\s*boot system\s+(\S+)")


# --------------------------------------------------------------------------- the plugin


class AristaEosParser:
    vendor = VENDOR

    def detect(self, text: str) -> int:
        score = score_vendors(text[:200_000]).get(VENDOR, 0)
        return max(0, min(100, score))

    def parse(self, text: str, file: str) -> Any:
        if not text.strip():
            raise ParseError(file, "is empty")
        return _Run(text, file).parse()


PARSER = AristaEosParser()


# --------------------------------------------------------------------------- one parse


class _Run(BaseRun):
    VENDOR = VENDOR
    LABEL = "Arista EOS"
    PROTOCOLS_V4 = PROTOCOLS_V4
    PROTOCOLS_V6 = PROTOCOLS_V6
    TCP_PORTS = EOS_PORTS
    UDP_PORTS = EOS_PORTS
    ICMP_V6 = ICMP_V6
    IMPLICIT_DENY_NOTE = "implicit deny ip any any at the end of every EOS ACL"
    IMPLICIT_DENY_NOTE_V6 = "implicit deny ipv6 any any at the end of every EOS IPv6 ACL"
    EMPTY_ACL_PERMITS = False
    EMPTY_ACL_NOTE = ("an EOS ACL without entries is assumed to keep its implicit deny "
                      "(everything is denied where it is applied)")
    RECOGNISED_TOP = RECOGNISED_TOP
    LEAF_COMMANDS = LEAF_COMMANDS
    IGMP_TYPES = frozenset({"dvmrp", "host-query", "host-report", "pim", "trace", "v2-report",
                            "v3-report", "v2-leave"})

    def __init__(self, text: str, file: str) -> None:
        super().__init__(text, file)
        self.mfacts = self.mgmt.facts
        self.tacacs_key: Secret | None = None
        self.radius_key: Secret | None = None
        self.enable_secrets: list[tuple[Secret, Location]] = []
        self.blocks: dict[str, dict[str, Any]] = {}  # management ssh/telnet/api state
        self.snmp_acl: str | None = None
        self.device.facts["platform_kind"] = "switch"
        self.top = {
            "hostname": self.h_hostname, "ip": self.h_ip, "ipv6": self.h_ipv6,
            "interface": self.h_interface, "vlan": self.h_vlan, "vrf": self.h_vrf,
            "management": self.h_management, "username": self.h_username, "enable": self.h_enable,
            "aaa": self.h_aaa, "tacacs-server": self.h_tacacs_server, "radius-server": self.h_radius_server,
            "logging": self.h_logging, "ntp": self.h_ntp, "snmp-server": self.h_snmp,
            "banner": self.h_banner, "route-map": self.h_route_map, "class-map": self.h_class_map,
            "system": self.h_system, "control-plane": self.h_control_plane, "switchport": self.h_switchport_default,
            "spanning-tree": self.h_spanning_tree, "mlag": self.h_mlag, "router": self.h_router,
            "mac": self.h_mac, "no": self.h_no, "default": self.h_ignore, "policy-map": self.h_ignore,
            "dns": self.h_ignore,
        }

    # ------------------------------------------------------------------ header

    def read_header(self) -> None:
        dev = self.device
        for number, line in enumerate(self.lines[:40], 1):
            s = line.strip()
            m = _DEVICE.match(s)
            if m:
                dev.facts["header_device_name"] = m.group(1)
                dev.model = m.group(2).strip() or None
                dev.os_version = m.group(3)
                dev.os_version_loc = Location(self.file, number, number, s)
                continue
            m = _BOOT.match(s)
            if m:
                dev.facts["boot_image"] = m.group(1)
            elif s.startswith("! Command:"):
                dev.facts["header_command"] = s[len("! Command:"):].strip()

    def header_seen(self) -> bool:
        return self.device.os_version is not None

    # ------------------------------------------------------------------ ip / ipv6

    def h_ip(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        if sub == "access-list":
            self.acl_header(node, words, neg, 4)
        elif sub == "route":
            if not neg:
                self.ip_route(node, words, 4)
        elif sub == "routing":
            vrf = words[words.index("vrf") + 1] if "vrf" in words else None
            if vrf is None:
                self.device.facts["ip_routing"] = not neg
            else:
                self.device.facts.setdefault("ip_routing_vrfs", {})[vrf] = not neg
        elif sub == "prefix-list":
            self.prefix_list(node, words, neg)
        elif sub in ("name-server", "domain-name", "domain", "domain-lookup", "host", "tacacs", "radius",
                     "igmp", "pim", "dhcp", "virtual-router", "icmp", "ftp", "tftp", "http", "ssh",
                     "multicast-routing", "community-list", "as-path", "extcommunity-list",
                     "large-community-list", "load-sharing", "hardware", "fib", "arp", "source-route",
                     "address", "nat", "multicast", "verify", "helper-address", "sla", "security",
                     "software-forwarding", "local-proxy-arp", "client", "tcp", "udp", "option",
                     "mfib", "rip", "msdp", "static", "connected", "tunnel", "decap-group", "fragment"):
            if sub == "source-route":
                self.mfacts["ip_source_route"] = not neg
        else:
            raise Bad(f"unknown command 'ip {sub}'")

    def h_ipv6(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        if sub == "access-list":
            self.acl_header(node, words, neg, 6)
        elif sub == "route":
            if not neg:
                self.ip_route(node, words, 6)
        elif sub == "prefix-list":
            self.prefix_list(node, words, neg)
        elif sub in ("unicast-routing", "nd", "dhcp", "pim", "mld", "icmp", "host", "name-server",
                     "multicast-routing", "hardware", "fib", "neighbor", "routing", "local-proxy-nd",
                     "virtual-router", "verify", "flow-label", "helper-address", "static"):
            return
        else:
            raise Bad(f"unknown command 'ipv6 {sub}'")

    def acl_header(self, node: ConfigLine, words: list[str], neg: bool, family: int) -> None:
        # ip access-list [standard] NAME | ip access-list payload|counters|logging ...
        if neg:
            return
        kind = "acl"
        i = 2
        if words[i] == "standard":
            kind = "standard-acl"
            i += 1
        elif words[i] in ("payload", "logging", "counters", "resequence", "audit-log", "convert-to",
                          "ingress", "egress", "sharing", "fragment-rules"):
            return
        name = words[i]
        filt = self.new_filter(name, kind, family, node)
        self.acl_block(filt, node)

    def acl_option_line(self, filt: Filter, node: ConfigLine, words: list[str]) -> bool:
        first = words[0]
        if first in ("counters", "statistics") and words[1:2] == ["per-entry"]:
            filt.extra["counters_per_entry"] = True
            return True
        if first in ("no", "exit", "fragment-rules", "resequence", "hardware", "default"):
            return True
        return False

    def ace_option(self, w: str, words: list[str], i: int, extra: dict[str, Any],
                   approximations: list[str]) -> int | None:
        if w == "tracked":
            extra["tracked"] = True
            approximations.append("'tracked' (packets of connections the switch tracks) is not modelled")
            return i
        if w == "vlan":
            j = i
            if words[j] == "inner":
                j += 1
            extra["vlan"] = " ".join(words[i:j + 2])
            approximations.append("VLAN condition is not modelled")
            return j + 2
        if w == "nexthop-group":
            extra["nexthop_group"] = words[i]
            return i + 1
        if w in ("mirror", "payload"):
            return i + 1 if w == "mirror" else len(words)
        return None

    def ip_route(self, node: ConfigLine, words: list[str], family: int) -> None:
        # ip route [vrf V] P [IF] [NH] [DISTANCE] [tag N] [name X] [metric N] [track T]
        i = 2
        n = len(words)
        vrf = None
        if words[i] == "vrf":
            vrf = words[i + 1]
            i += 2
        w = words[i]
        if family == 4:
            if "/" in w:
                dest = self.v4cidr(w)
                i += 1
            else:
                dest = self.subnet(w, words[i + 1])
                i += 2
        else:
            dest = self.v6net(w)
            i += 1
        next_hop = iface = None
        distance = None
        if i < n and is_ip(words[i]):
            next_hop = words[i]
            i += 1
        elif i < n and not words[i].isdigit():
            iface = words[i]
            i += 1
            if i < n and words[i][:1].isdigit() and not is_ip(words[i]) and i + 1 < n and is_ip(words[i + 1]):
                iface += words[i]
                i += 1
            if i < n and is_ip(words[i]):
                next_hop = words[i]
                i += 1
        if next_hop is None and iface is None:
            raise Bad("static route without next hop or interface")
        while i < n:
            w = words[i]
            i += 1
            if w.isdigit() and distance is None:
                distance = int(w)
            elif w in ("tag", "name", "metric", "track", "label", "egress-vrf"):
                i += 1
            else:
                raise Bad(f"unexpected '{w}' in static route")
        self.device.routes.append(Route(dest, next_hop, iface, distance, self.loc(node), vrf))

    # ------------------------------------------------------------------ VLANs, VRFs, globals

    def h_vlan(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        arg = words[1]
        if not arg[:1].isdigit():
            if arg in ("internal", "trunk", "database"):
                return
            raise Bad(f"unknown command 'vlan {arg}'")
        ids = vlan_list(arg)
        name = ""
        for c in node.children:
            cw = c.text.split()
            if cw[0] == "name" and len(cw) > 1:
                name = c.text.strip()[5:].strip()
            elif cw[0] not in ("state", "trunk", "no", "private-vlan", "vxlan", "default", "exit"):
                self.warn(c, f"unknown vlan command '{cw[0]}'")
        self.add_vlans(node, ids, name)

    def h_vrf(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        if words[1] in ("instance", "definition") and len(words) >= 3:
            vrfs = self.device.facts.setdefault("vrfs", [])
            if words[2] not in vrfs:
                vrfs.append(words[2])
        else:
            raise Bad(f"unknown command 'vrf {words[1]}'")

    def h_switchport_default(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        # switchport default mode routed|access
        if len(words) >= 4 and words[1] == "default" and words[2] == "mode":
            self.device.facts["default_switchport_mode"] = "access" if neg else words[3]
        else:
            raise Bad(f"unknown command '{' '.join(words[:2])}'")

    def h_spanning_tree(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if len(words) >= 3 and words[1] == "mode" and not neg:
            self.device.facts["spanning_tree_mode"] = words[2]

    def h_mlag(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if not neg:
            self.device.facts["mlag"] = {c.text.split()[0]: " ".join(c.text.split()[1:])
                                         for c in node.children}

    def h_router(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if not neg and len(words) >= 2:
            self.device.facts.setdefault("routing_protocols", []).append(" ".join(words[1:3]))

    def h_mac(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if not neg and len(words) >= 3 and words[1] == "access-list":
            self.device.define("mac-acl", words[2], self.loc(node, True))

    # ------------------------------------------------------------------ interfaces

    def iface_line(self, iface: Interface, state: dict, node: ConfigLine, words: list[str], neg: bool) -> None:
        key = words[0]
        n = len(words)
        ex = iface.extra
        if key == "description":
            iface.description = node.text.strip()[len("description"):].strip()
        elif key == "shutdown":
            iface.shutdown = not neg
            state["shutdown"] = not neg
        elif key == "switchport":
            self.iface_switchport(iface, state, node, words, neg)
        elif key == "ip" and n >= 2:
            self.iface_ip(iface, node, words, neg)
        elif key == "ipv6" and n >= 2:
            self.iface_ipv6(iface, node, words, neg)
        elif key == "vrf":
            if n >= 3 and words[1] == "forwarding":
                iface.vrf = None if neg else words[2]
            elif n >= 2:
                iface.vrf = None if neg else words[1]
        elif key == "encapsulation":
            if n >= 3 and words[1].lower() == "dot1q":
                iface.vlan_id = int(words[3] if words[2] == "vlan" else words[2])
                ex["encapsulation"] = "dot1q"
        elif key == "channel-group":
            ex["channel_group"] = words[1]
        elif key == "mlag":
            ex["mlag"] = words[1]
        elif key == "vrrp":
            ex.setdefault("vrrp", []).append(words[1] if n > 1 else "")
        elif key == "service-policy":
            if not neg:
                ex.setdefault("service_policy", []).append(" ".join(words[1:]))
        elif key == "mac" and n >= 4 and words[1] == "access-group":
            if not neg:
                self.device.refer("mac-acl", words[2], self.loc(node), f"interface {iface.name} mac access-group")
        elif key in IFACE_RECOGNISED:
            pass
        else:
            raise Bad(f"unknown interface command '{key}'")

    def iface_ip(self, iface: Interface, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        n = len(words)
        ex = iface.extra
        loc = self.loc(node)
        if sub == "address":
            if neg:
                iface.addresses = [a for a in iface.addresses if a.family != 4]
                return
            if words[2] in ("dhcp", "unnumbered"):
                ex["ip_address"] = words[2]
                return
            self.iface_address(iface, words, 2)
        elif sub == "access-group":
            if not neg:
                if n < 4:
                    raise Bad("access-group direction missing (in or out)")
                self.bind(iface, words[2], words[-1], 4, loc)
        elif sub == "proxy-arp":
            ex["proxy_arp"] = not neg
        elif sub == "verify":
            if not neg:
                ex["urpf"] = " ".join(words[2:])
        elif sub == "helper-address":
            ex.setdefault("dhcp_relay", []).append(words[2])
        elif sub == "virtual-router":
            ex.setdefault("virtual_router", []).append(" ".join(words[2:]))
        elif sub == "igmp" and "access-group" in words:
            if not neg:
                self.device.refer("acl", words[words.index("access-group") + 1], loc,
                                  f"interface {iface.name} ip igmp access-group")
        elif sub in IFACE_IP_RECOGNISED:
            pass
        else:
            raise Bad(f"unknown interface command 'ip {sub}'")

    def iface_ipv6(self, iface: Interface, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        n = len(words)
        if sub == "address":
            if neg:
                iface.addresses = [a for a in iface.addresses if a.family != 6]
                return
            self.iface_address6(iface, words, 2)
        elif sub == "access-group":
            if not neg:
                if n < 4:
                    raise Bad("access-group direction missing (in or out)")
                self.bind(iface, words[2], words[-1], 6, self.loc(node))
        elif sub in IFACE_IPV6_RECOGNISED:
            pass
        else:
            raise Bad(f"unknown interface command 'ipv6 {sub}'")

    def iface_switchport(self, iface: Interface, state: dict, node: ConfigLine, words: list[str], neg: bool) -> None:
        n = len(words)
        ex = iface.extra
        if n == 1:
            state["switchport"] = not neg
            iface.switchport = not neg
            if neg:
                iface.mode = "routed"
            return
        sub = words[1]
        if sub == "mode":
            if neg:
                iface.mode = None
                return
            mode = words[2]
            if mode not in ("access", "trunk", "dot1q-tunnel", "tap", "tool", "tap-tool", "routed"):
                raise Bad(f"unknown switchport mode '{mode}'")
            iface.mode = mode
        elif sub == "access" and n >= 4 and words[2] == "vlan":
            if neg:
                iface.access_vlan = None
            else:
                v = int(words[3])
                if not 1 <= v <= 4094:
                    raise Bad(f"bad VLAN id '{words[3]}'")
                iface.access_vlan = v
        elif sub == "trunk":
            what = words[2]
            if what == "allowed" and n >= 4 and words[3] == "vlan" and (neg or n >= 5):
                if neg:
                    state["allowed"] = None
                else:
                    self.trunk_allowed(state, words, 4)
            elif what == "native" and n >= 5 and words[3] == "vlan":
                if neg:
                    iface.native_vlan = None
                elif words[4] == "tag":
                    ex["native_vlan_tagged"] = True
                else:
                    iface.native_vlan = int(words[4])
            elif what == "group":
                ex.setdefault("trunk_groups", []).append(words[3])
            elif what in ("private-vlan",):
                pass
            else:
                raise Bad(f"unknown command 'switchport trunk {what}'")
        elif sub in ("port-security", "vlan", "backup-link", "backup", "dot1q", "mac", "tap", "tool",
                     "source-interface", "pvlan", "private-vlan", "default", "phone"):
            if sub == "port-security" and n == 2:
                ex["port_security"] = not neg
        else:
            raise Bad(f"unknown command 'switchport {sub}'")
        if not neg:
            state["switchport_cmds"] = True

    def finish_interfaces(self) -> None:
        routed_default = self.device.facts.get("default_switchport_mode") == "routed"
        for iface in self.device.interfaces:
            state = self.iface_state.get(iface.name, {})
            low = iface.name.lower()
            sub = "." in iface.name
            parent = (low.startswith("ethernet") or low.startswith("port-channel")) and not sub
            if state.get("switchport") is None and parent:
                l2 = (not routed_default) or bool(state.get("switchport_cmds"))
                iface.switchport = l2
                iface.extra["switchport_default"] = True
                if not l2:
                    iface.mode = iface.mode or "routed"
            if iface.switchport:
                if iface.mode is None:
                    iface.mode = "access"
                    iface.extra["mode_default"] = True
                if iface.mode != "trunk" and iface.access_vlan is None:
                    iface.access_vlan = 1
                    iface.extra["access_vlan_default"] = True
                if iface.mode == "trunk" and iface.native_vlan is None:
                    iface.native_vlan = 1
                    iface.extra["native_vlan_default"] = True
            if state.get("shutdown") is None:
                iface.extra["shutdown_default"] = False

    # ------------------------------------------------------------------ management blocks

    def h_management(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        what = " ".join(words[1:])
        loc = self.loc(node, True)
        if what in ("ssh", "telnet"):
            state = self.blocks.setdefault(what, {"loc": loc, "shutdown": None, "acl": None, "acls": {},
                                                  "vrfs": {}, "idle": None, "state_loc": None})
            if neg:
                state["shutdown"] = what == "telnet"  # 'no management telnet' = back to default (off)
                return
            self.mgmt_cli_block(what, state, node)
        elif what == "api http-commands":
            state = self.blocks.setdefault("api", {"loc": loc, "shutdown": None, "http": False,
                                                   "https": True, "http_localhost": False, "vrfs": {},
                                                   "http_loc": None, "acl": None, "state_loc": None,
                                                   "http_port": None, "https_port": None})
            if not neg:
                self.mgmt_api_block(state, node)
        elif what.startswith("api "):
            self.mfacts.setdefault("api_other", []).append(what[4:])
        elif what == "console":
            line = VtyLine(name="console", loc=loc, login="authentication default",
                           default_timeout=EOS_CLI_DEFAULT_TIMEOUT)

            def console(c: ConfigLine, cw: list[str], cneg: bool) -> None:
                if cw[0] == "idle-timeout":
                    if cneg:  # back to the default: never
                        line.exec_timeout = None
                        self.mfacts.pop("console_idle_timeout", None)
                    elif len(cw) > 1:
                        line.exec_timeout = int(cw[1]) * 60
                        self.mfacts["console_idle_timeout"] = int(cw[1])
                    else:
                        raise Bad("idle-timeout without a number of minutes")
                elif cw[0] not in ("exit",):
                    raise Bad(f"unknown management console command '{cw[0]}'")

            self.children(node, console)
            self.mgmt.lines.append(line)
        elif what == "security":
            def security(c: ConfigLine, cw: list[str], cneg: bool) -> None:
                if cneg:
                    if cw[0] in MGMT_SECURITY_RECOGNISED:
                        return
                    raise Bad(f"unknown management security command 'no {cw[0]}'")
                if cw[:3] == ["password", "minimum", "length"] and len(cw) > 3:
                    self.mfacts["password_min_length"] = int(cw[3])
                    self.mfacts["password_min_length_loc"] = self.loc(c)
                elif cw[:1] == ["password"] and len(cw) > 1:
                    self.mfacts.setdefault("password_policy", []).append(" ".join(cw[1:]))
                elif cw[0] in MGMT_SECURITY_RECOGNISED:
                    self.mfacts.setdefault("management_security_other", []).append(cw[0])
                else:
                    raise Bad(f"unknown management security command '{cw[0]}'")

            self.children(node, security)
        elif words[1] in ("defaults", "cvx", "accounts", "tech-support", "xmpp", "cli", "dhcp",
                          "connection", "ssl", "hardware", "environment", "idle-timeout"):
            if words[1] == "idle-timeout" and len(words) > 2:
                self.mgmt.idle_timeout = 0 if neg else int(words[2]) * 60
                self.mgmt.idle_timeout_loc = self.loc(node)
        else:
            raise Bad(f"unknown command 'management {what}'")

    def mgmt_cli_block(self, what: str, state: dict[str, Any], node: ConfigLine) -> None:
        facts = self.mfacts

        def vrf_entry(vrf: str) -> Any:
            def entry(child: ConfigLine, cw: list[str], cneg: bool) -> None:
                if cw[0] == "shutdown":
                    state["vrfs"][vrf] = cneg
                    state["state_loc"] = state["state_loc"] or self.loc(child)
                elif cw[0] in ("ip", "ipv6") and len(cw) >= 3 and cw[1] == "access-group":
                    if not cneg:
                        self.cli_acl(what, state, cw[2], vrf, self.loc(child), cw[0] == "ipv6")
                elif cw[0] not in ("exit", "default"):
                    raise Bad(f"unknown management {what} vrf command '{cw[0]}'")
            return entry

        def entry(child: ConfigLine, cw: list[str], cneg: bool) -> None:
            key = cw[0]
            loc = self.loc(child)
            if key == "shutdown":
                state["shutdown"] = not cneg
                state["state_loc"] = loc
            elif key in ("ip", "ipv6") and len(cw) >= 3 and cw[1] == "access-group":
                if cneg:
                    return
                vrf = cw[cw.index("vrf") + 1] if "vrf" in cw else "default"
                self.cli_acl(what, state, cw[2], vrf, loc, key == "ipv6")
            elif key == "idle-timeout":
                state["idle"] = 0 if cneg else int(cw[1])
                facts[f"{what}_idle_timeout"] = state["idle"]
            elif key == "vrf" and len(cw) > 1:
                self.children(child, vrf_entry(cw[1]))
            elif what == "ssh" and key in ("cipher", "mac", "key-exchange", "hostkey"):
                facts[{"cipher": "ssh_ciphers", "mac": "ssh_macs", "key-exchange": "ssh_kex",
                       "hostkey": "ssh_hostkeys"}[key]] = cw[1:]
                kind = {"cipher": "cipher", "mac": "mac", "key-exchange": "kex"}.get(key)
                if kind is not None and not cneg:
                    self.mgmt.ssh_algorithms[kind] = tuple(a.lower() for a in cw[1:])
                    self.mgmt.ssh_algorithms_loc[kind] = loc
            elif what == "ssh" and key == "authentication":
                facts["ssh_authentication_mode"] = " ".join(cw[2:] if cw[1:2] == ["mode"] else cw[1:])
            elif key == "connection" and len(cw) >= 3:
                facts[f"{what}_connection_{cw[1].replace('-', '_')}"] = int(cw[2])
            elif key in ("session-limit", "session-limit-per-host"):
                facts[f"{what}_{key.replace('-', '_')}"] = int(cw[1])
            elif key in ("login", "log-level", "server-port", "fips", "client-alive", "known-hosts",
                         "rekey", "logging", "qos", "tunnel", "user-keys", "trusted-ca", "exit",
                         "default", "username", "authorized-principals", "hostkey", "dscp"):
                pass
            else:
                raise Bad(f"unknown management {what} command '{key}'")

        self.children(node, entry)

    def cli_acl(self, what: str, state: dict[str, Any], acl: str, vrf: str, loc: Location, six: bool) -> None:
        state["acls"][(vrf, six)] = acl
        if not six and (state["acl"] is None or vrf == "default"):
            state["acl"] = acl
        self.device.refer("acl", acl, loc, f"management {what}" + (f" vrf {vrf}" if vrf != "default" else "")
                          + (" (IPv6)" if six else ""))

    def mgmt_api_block(self, state: dict[str, Any], node: ConfigLine) -> None:
        def vrf_entry(vrf: str) -> Any:
            def entry(child: ConfigLine, cw: list[str], cneg: bool) -> None:
                if cw[0] == "shutdown":
                    state["vrfs"][vrf] = cneg
                    state["state_loc"] = state["state_loc"] or self.loc(child)
                elif cw[0] in ("ip", "ipv6") and len(cw) >= 3 and cw[1] == "access-group":
                    if not cneg:
                        state["acl"] = state["acl"] or cw[2]
                        self.device.refer("acl", cw[2], self.loc(child), f"management api http-commands vrf {vrf}")
                elif cw[0] not in ("exit", "default"):
                    raise Bad(f"unknown management api vrf command '{cw[0]}'")
            return entry

        def entry(child: ConfigLine, cw: list[str], cneg: bool) -> None:
            key = cw[0]
            loc = self.loc(child)
            if key == "shutdown":
                state["shutdown"] = not cneg
                state["state_loc"] = loc
            elif key == "protocol" and len(cw) >= 2:
                proto = cw[1]
                if proto == "http" and cw[2:3] == ["localhost"]:
                    state["http_localhost"] = not cneg
                elif proto in ("http", "https"):
                    if len(cw) >= 4 and cw[2] == "port":
                        state[f"{proto}_port"] = int(cw[3])
                        if proto == "http" and not cneg:
                            state["http"] = True
                            state["http_loc"] = loc
                    elif len(cw) >= 3 and cw[2] in ("certificate", "ssl", "cipher", "key-exchange", "mac"):
                        pass
                    else:
                        state[proto] = not cneg
                        if proto == "http":
                            state["http_loc"] = loc
                elif proto in ("unix-socket", "socket"):
                    pass
                else:
                    raise Bad(f"unknown eAPI protocol '{proto}'")
            elif key == "vrf" and len(cw) > 1:
                self.children(child, vrf_entry(cw[1]))
            elif key in ("ip", "ipv6") and len(cw) >= 3 and cw[1] == "access-group":
                if not cneg:
                    state["acl"] = state["acl"] or cw[2]
                    self.device.refer("acl", cw[2], loc, "management api http-commands")
            elif key in ("cors", "qos", "content", "exit", "default", "idle-timeout"):
                pass
            else:
                raise Bad(f"unknown management api http-commands command '{key}'")

        self.children(node, entry)

    # ------------------------------------------------------------------ users, enable

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
            elif w == "role":
                user.role = words[i]
                i += 1
            elif w in ("secret", "password"):
                if i + 1 < n and words[i] in SECRET_TYPES:
                    type_word, value = words[i], words[i + 1]
                    i += 2
                else:
                    type_word, value = None, words[i]
                    i += 1
                user.secret = self.secret(type_word, value, SECRET_TYPES)
                user.loc = loc
            elif w == "nopassword":
                user.secret = None
                user.loc = loc
                self.mfacts.setdefault("users_nopassword", []).append(name)
            elif w in ("sshkey", "ssh-key"):
                user.key_auth = True
                break
            elif w in ("shell", "sshkey-principal"):
                i += 1
            else:
                raise Bad(f"unexpected '{w}' in username")

    def h_enable(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        kind = words[1]
        if kind not in ("password", "secret"):
            raise Bad(f"unknown command 'enable {kind}'")
        if len(words) > 3 and words[2] in SECRET_TYPES:
            secret = self.secret(words[2], words[3], SECRET_TYPES)
        else:
            secret = self.secret(None, words[2], SECRET_TYPES)
        self.enable_secrets.append((secret, self.loc(node)))

    # ------------------------------------------------------------------ AAA, TACACS+, RADIUS

    def h_aaa(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        aaa = self.mgmt.aaa
        loc = self.loc(node)
        facts = self.mfacts
        if sub == "root":
            if neg:
                facts["aaa_root"] = "disabled"
            elif len(words) > 2 and words[2] == "secret":
                if len(words) > 4 and words[3] in SECRET_TYPES:
                    facts["aaa_root"] = self.secret(words[3], words[4], SECRET_TYPES).storage
                else:
                    facts["aaa_root"] = self.secret(None, words[3], SECRET_TYPES).storage
            elif words[2:3] == ["nopassword"]:
                facts["aaa_root"] = "nopassword"
            facts["aaa_root_loc"] = loc
            return
        if neg:
            return
        if sub == "authentication":
            what = words[2]
            if what == "login" and len(words) < 4:
                raise Bad("aaa authentication login: list name missing")
            if what == "login":
                lst = words[3]
                methods = method_list(words[4:])
                facts.setdefault("aaa_authentication", {})[lst] = methods
                if lst == "default":
                    aaa.login_methods = methods
                    aaa.loc = loc
                    aaa.enabled = any(m.startswith("group ") for m in methods)
            elif what == "enable":
                facts["aaa_authentication_enable"] = method_list(words[4:])
            elif what == "policy":
                rest = words[3:]
                if rest[:1] == ["lockout"]:
                    lock: dict[str, int] = {}
                    for j, w in enumerate(rest[:-1]):
                        if w in ("failure", "duration", "window"):
                            lock[w] = int(rest[j + 1])
                    facts["aaa_lockout"] = lock
                    facts["aaa_lockout_loc"] = loc
                else:
                    facts.setdefault("aaa_authentication_policy", []).append(" ".join(rest))
            else:
                facts.setdefault("aaa_authentication_other", []).append(" ".join(words[2:]))
        elif sub == "authorization":
            what = words[2]
            if what == "commands" and len(words) >= 5:
                level, lst = words[3], words[4]
                methods = method_list(words[5:])
                facts.setdefault("aaa_authorization", {})[f"commands {level}"] = {"list": lst, "methods": methods}
                if level in ("all", "15") and any(m.startswith("group ") for m in methods):
                    aaa.authorization_commands = True
            else:
                facts.setdefault("aaa_authorization", {})[what] = method_list(words[3:])
        elif sub == "accounting":
            what = words[2]
            if what == "commands" and len(words) >= 5:
                level, lst = words[3], words[4]
                methods = method_list(words[5:])
                facts.setdefault("aaa_accounting", {})[f"commands {level}"] = {"list": lst, "methods": methods}
                if level in ("all", "15") and any(m.startswith("group ") for m in methods):
                    aaa.accounting_commands = True
                    aaa.accounting_loc = loc
            else:
                facts.setdefault("aaa_accounting", {})[what] = method_list(words[3:])
        elif sub == "group" and len(words) >= 5 and words[2] == "server":
            protocol, gname = words[3], words[4]
            info: dict[str, Any] = {"protocol": protocol, "servers": [], "loc": self.loc(node, True)}
            for c in node.children:
                cw = c.text.split()
                if cw[0] == "server" and len(cw) > 1:
                    info["servers"].append(cw[1])
                elif cw[0] not in ("no", "exit"):
                    self.warn(c, f"unknown aaa group server command '{cw[0]}'")
            facts.setdefault("aaa_groups", {})[gname] = info
        elif sub in ("accounting", "authentication", "authorization", "local", "user"):
            pass
        else:
            raise Bad(f"unknown command 'aaa {sub}'")

    def key_secret(self, words: list[str], i: int) -> Secret:
        if words[i] in KEY_TYPES and i + 1 < len(words):
            return self.secret(words[i], words[i + 1], KEY_TYPES)
        return self.secret(None, words[i], KEY_TYPES)

    def server_line(self, protocol: str, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        sub = words[1]
        loc = self.loc(node)
        if sub == "host":
            server = AaaServer(protocol=protocol, address=words[2], loc=loc)
            if "key" in words[3:]:
                server.key = self.key_secret(words, words.index("key", 3) + 1)
            self.mgmt.aaa.servers.append(server)
            if "vrf" in words[3:]:
                vrfs = self.mfacts.setdefault(f"{protocol.rstrip('+')}_server_vrfs", {})
                vrfs[words[2]] = words[words.index("vrf", 3) + 1]
        elif sub == "key":
            secret = self.key_secret(words, 2)
            if protocol == "tacacs+":
                self.tacacs_key = secret
            else:
                self.radius_key = secret
        elif sub in ("timeout", "policy", "deadtime", "retransmit", "attribute", "qos", "dynamic-authorization"):
            pass
        else:
            raise Bad(f"unknown command '{words[0]} {sub}'")

    def h_tacacs_server(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        self.server_line("tacacs+", node, words, neg)

    def h_radius_server(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        self.server_line("radius", node, words, neg)

    # ------------------------------------------------------------------ logging, NTP, SNMP, banners

    def h_logging(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if len(words) < 2:
            raise Bad("logging: what to log missing")
        facts = self.mfacts
        loc = self.loc(node)
        i = 1
        vrf = None
        if words[1] == "vrf" and len(words) > 3:
            vrf = words[2]
            i = 3
        sub = words[i]
        if sub == "host":
            if neg:
                return
            host = LogHost(words[i + 1], loc)
            j = i + 2
            n = len(words)
            while j < n:
                w = words[j]
                j += 1
                if w.isdigit() and host.port is None:
                    host.port = int(w)
                elif w == "protocol":
                    host.transport = words[j]
                    j += 1
                elif w == "ssl-profile":
                    host.transport = "tls"
                    j += 1
                else:
                    raise Bad(f"unexpected '{w}' in logging host")
            self.mgmt.log_hosts.append(host)
            if vrf:
                facts.setdefault("logging_host_vrfs", {})[host.address] = vrf
        elif sub == "format":
            if len(words) > i + 1 and words[i + 1] == "timestamp":
                self.mgmt.log_timestamps = True
                self.mgmt.log_timestamps_loc = loc
                facts["log_timestamps_format"] = "traditional" if neg else " ".join(words[i + 2:])
            else:
                facts.setdefault("logging_format", []).append(" ".join(words[i + 1:]))
        elif sub == "on":
            self.mgmt.logging_enabled = not neg
            facts["logging_enabled"] = not neg
            facts["logging_enabled_loc"] = loc
        elif sub in ("trap", "buffered", "console", "monitor"):
            facts["logging_" + sub] = None if neg else (" ".join(words[i + 1:]) or True)
        elif sub == "source-interface":
            facts["logging_source_interface"] = None if neg else words[i + 1]
        elif sub in ("synchronous", "facility", "level", "event", "persistent", "qos", "relogging-interval",
                     "repeat-messages", "policy", "ssl-profile", "rate-limit"):
            pass
        else:
            raise Bad(f"unknown command 'logging {sub}'")

    def h_ntp(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        facts = self.mfacts
        loc = self.loc(node)
        if sub in ("server", "peer"):
            if neg:
                return
            i = 2
            vrf = None
            if words[i] == "vrf":
                vrf = words[i + 1]
                i += 2
            addr = words[i]
            if sub == "server":
                self.mgmt.ntp_servers.append(addr)
            else:
                facts.setdefault("ntp_peers", []).append(addr)
            if "key" in words[i:]:
                facts.setdefault("ntp_server_keys", {})[addr] = words[words.index("key", i) + 1]
            if vrf:
                facts.setdefault("ntp_server_vrfs", {})[addr] = vrf
        elif sub == "authenticate":
            self.mgmt.ntp_authenticated = not neg
            facts["ntp_authenticate"] = not neg
            facts["ntp_authenticate_servers"] = "servers" in words
            facts["ntp_authenticate_loc"] = loc
        elif sub == "authentication-key":
            if not neg:
                facts.setdefault("ntp_authentication_keys", []).append(words[2])
        elif sub == "trusted-key":
            if not neg:
                facts.setdefault("ntp_trusted_keys", []).append(words[2])
        elif sub == "serve":
            if not neg and "access-group" in words:
                self.device.refer("acl", words[words.index("access-group") + 1], loc, "ntp serve access-group")
        elif sub in ("source", "local-interface", "qos", "bind", "trusted"):
            pass
        else:
            raise Bad(f"unknown command 'ntp {sub}'")

    def h_snmp(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg or len(words) < 2:
            return
        sub = words[1]
        loc = self.loc(node)
        facts = self.mfacts
        if sub == "community":
            value = words[2]
            access = "ro"
            acl = None
            i = 3
            n = len(words)
            while i < n:
                w = words[i]
                i += 1
                if w == "ro":
                    access = "ro"
                elif w == "rw":
                    access = "rw"
                elif w == "view":
                    i += 1
                elif w == "ipv6":
                    self.device.refer("acl", words[i], loc, "snmp-server community ipv6")
                    facts.setdefault("snmp_community_acl6", []).append(words[i])
                    i += 1
                else:
                    acl = w
            comm = SnmpCommunity(Secret.from_value(value, "plaintext"), access, acl, "2c", loc)
            self.mgmt.snmp_communities.append(comm)
            if acl:
                self.device.refer("acl", acl, loc, "snmp-server community")
        elif sub == "user":
            # snmp-server user U G v3 [localized E] [auth md5|sha|sha256... X [priv des|aes|aes256 Y]]
            uname = words[2]
            version = words[4] if len(words) > 4 else ""
            auth = priv = None
            n = len(words)
            i = 5
            while i < n:
                w = words[i]
                i += 1
                if w == "auth" and i < n:
                    auth = words[i].lower()
                    i += 2
                elif w == "priv" and i < n:
                    priv = words[i].lower()
                    i += 2
                elif w in ("localized", "remote", "udp-port"):
                    i += 1
            if version == "v3":
                self.mgmt.snmp_users.append(SnmpUser(uname, auth, priv, loc))
            else:
                self.mgmt.snmp_communities.append(SnmpCommunity(Secret(storage="unknown"), "ro", None,
                                                                version.lstrip("v") or "2c", loc))
            facts.setdefault("snmp_user_groups", {})[uname] = words[3] if len(words) > 3 else None
        elif sub == "group":
            facts.setdefault("snmp_groups", {})[words[2]] = " ".join(words[3:])
            version = words[3].lstrip("v") if len(words) > 3 else "3"
            level = words[4] if version == "3" and len(words) > 4 and words[4] in ("noauth", "auth", "priv") else None
            self.mgmt.snmp_groups.append(SnmpGroup(words[2], version, level, self.loc(node)))
            if "access" in words:
                self.device.refer("acl", words[words.index("access") + 1], loc, f"snmp-server group {words[2]}")
        elif sub == "host":
            entry: dict[str, Any] = {"address": words[2], "loc": loc}
            i = 3
            n = len(words)
            while i < n:
                w = words[i]
                i += 1
                if w in ("traps", "informs"):
                    entry["kind"] = w
                elif w == "version":
                    entry["version"] = words[i]
                    i += 1
                    if entry["version"] == "3" and i < n:
                        entry["level"] = words[i]
                        i += 1
                elif w in ("vrf", "udp-port"):
                    entry[w.replace("-", "_")] = words[i]
                    i += 1
            facts.setdefault("snmp_hosts", []).append(entry)
        elif sub in ("ipv4", "ipv6") and len(words) >= 4 and words[2] == "access-list":
            acl = words[3]
            self.device.refer("acl", acl, loc, f"snmp-server {sub} access-list")
            if sub == "ipv4":
                self.snmp_acl = acl
                facts["snmp_acl"] = acl
        elif sub == "vrf":
            facts.setdefault("snmp_vrfs", []).append(words[2])
        elif sub in ("location", "contact", "enable", "engineID", "view", "source-interface",
                     "local-interface", "chassis-id", "extension", "transmit", "qos", "notification",
                     "objects", "transport"):
            if sub == "enable" and words[2:3] == ["traps"]:
                facts["snmp_traps"] = True
        else:
            raise Bad(f"unknown command 'snmp-server {sub}'")

    def h_banner(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg or len(words) < 2:
            return
        if words[1] not in ("login", "motd"):
            raise Bad(f"unknown banner '{words[1]}'")
        self.banner_eof(node, words, words[1])

    # ------------------------------------------------------------------ places that use ACLs

    def h_route_map(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        ctx = "route-map " + " ".join(words[1:])
        for child in node.children:
            cw = child.text.split()
            if len(cw) >= 5 and cw[0] == "match" and cw[1] in ("ip", "ipv6") and cw[2] == "address":
                kind = "prefix-list" if cw[3] == "prefix-list" else "acl"
                self.device.refer(kind, cw[4], self.loc(child), ctx)

    def h_class_map(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        cname = words[-1]
        for child in node.children:
            cw = child.text.split()
            if len(cw) >= 4 and cw[0] == "match" and cw[1] in ("ip", "ipv6") and cw[2] == "access-group":
                self.device.refer("acl", cw[3], self.loc(child), f"class-map {cname}")

    def h_system(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if words[1:2] == ["control-plane"]:
            self.control_plane(node)

    def h_control_plane(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        self.control_plane(node)

    def control_plane(self, node: ConfigLine) -> None:
        for child in node.children:
            cw = child.text.split()
            if len(cw) >= 3 and cw[0] in ("ip", "ipv6") and cw[1] == "access-group":
                self.device.refer("acl", cw[2], self.loc(child), "control-plane")
                self.mfacts.setdefault("control_plane_acl", {})[
                    cw[cw.index("vrf") + 1] if "vrf" in cw else "default"] = cw[2]

    # ------------------------------------------------------------------ after the last line

    def finish_management(self) -> None:
        mgmt = self.mgmt
        facts = self.mfacts
        # SSH: on by default; the block may shut it (globally or per VRF)
        ssh = self.blocks.get("ssh")
        if ssh is None:
            mgmt.services.append(ManagementService(
                "ssh", enabled=True, port=22, explicit=False, note="EOS enables SSH by default"))
            mgmt.lines.append(VtyLine(name="vty (management ssh)", transport_input=("ssh",),
                                      login="authentication default", default_timeout=EOS_CLI_DEFAULT_TIMEOUT,
                                      extra={"exec_timeout_platform_default": 0, "implicit": True}))
        else:
            enabled = not ssh["shutdown"] if ssh["shutdown"] is not None else True
            vrf_on = [v for v, on in ssh["vrfs"].items() if on]
            enabled = enabled or bool(vrf_on)
            mgmt.services.append(ManagementService(
                "ssh", enabled=enabled, loc=ssh["state_loc"] or ssh["loc"], acl=ssh["acl"], port=22,
                explicit=ssh["shutdown"] is not None or bool(ssh["vrfs"])))
            if enabled:
                mgmt.lines.append(self.cli_line("ssh", ssh))
            if ssh["vrfs"]:
                facts["ssh_vrfs"] = dict(ssh["vrfs"])
            if ssh["acls"]:
                facts["ssh_acls"] = {f"{v}{' ipv6' if six else ''}": a for (v, six), a in ssh["acls"].items()}
        # telnet: off unless 'no shutdown'
        telnet = self.blocks.get("telnet")
        if telnet is not None:
            enabled = telnet["shutdown"] is False or any(telnet["vrfs"].values())
            mgmt.services.append(ManagementService(
                "telnet", enabled=enabled, loc=telnet["state_loc"] or telnet["loc"], acl=telnet["acl"],
                port=23, explicit=telnet["shutdown"] is not None or bool(telnet["vrfs"])))
            if enabled:
                mgmt.lines.append(self.cli_line("telnet", telnet))
            if telnet["vrfs"]:
                facts["telnet_vrfs"] = dict(telnet["vrfs"])
        # eAPI: off unless 'no shutdown'
        api = self.blocks.get("api")
        if api is not None:
            enabled = api["shutdown"] is False or any(api["vrfs"].values())
            loc = api["state_loc"] or api["loc"]
            if enabled and api["https"]:
                mgmt.services.append(ManagementService("https", loc=loc, acl=api["acl"],
                                                       port=api["https_port"] or 443, note="eAPI"))
            if enabled and api["http"]:
                mgmt.services.append(ManagementService("http", loc=api["http_loc"] or loc, acl=api["acl"],
                                                       port=api["http_port"] or 80, note="eAPI"))
            facts["api_http"] = {"enabled": enabled, "https": api["https"], "http": api["http"],
                                 "http_localhost": api["http_localhost"], "vrfs": dict(api["vrfs"])}
        # SNMP
        if mgmt.snmp_communities or mgmt.snmp_users:
            if self.snmp_acl:
                for c in mgmt.snmp_communities:
                    if c.acl is None:
                        c.acl = self.snmp_acl
            first = (mgmt.snmp_communities or mgmt.snmp_users)[0]
            acls = {c.acl for c in mgmt.snmp_communities}
            svc = ManagementService("snmp", loc=first.loc, version="2c" if mgmt.snmp_communities else "3")
            if not mgmt.snmp_communities:
                acls = {self.snmp_acl}
            if len(acls) == 1:
                svc.acl = next(iter(acls))
            mgmt.services.append(svc)
        # users: privilege defaults
        for user in mgmt.users:
            if user.privilege is None:
                user.privilege = ROLE_PRIVILEGE.get(user.role, 1) if user.role else 1
        # AAA keys, groups
        for server in mgmt.aaa.servers:
            if server.key is None:
                server.key = self.tacacs_key if server.protocol == "tacacs+" else self.radius_key
        # logging: EOS timestamps every message
        if mgmt.log_timestamps is None:
            mgmt.log_timestamps = True
            facts.setdefault("log_timestamps_format", "traditional")
        if mgmt.ntp_authenticated:
            keys = facts.get("ntp_server_keys", {})
            mgmt.ntp_authenticated = bool(mgmt.ntp_servers) and all(s in keys for s in mgmt.ntp_servers)
        if self.enable_secrets:
            secret = weakest([s for s, _ in self.enable_secrets])
            mgmt.enable_secret = secret
            mgmt.enable_loc = next(loc for s, loc in self.enable_secrets if s is secret)
            facts["enable_storage"] = secret.storage if secret else None

    def cli_line(self, what: str, state: dict[str, Any]) -> VtyLine:
        line = VtyLine(name=f"vty (management {what})", loc=state["loc"], transport_input=(what,),
                       login="authentication default", access_class_in=state["acl"],
                       default_timeout=EOS_CLI_DEFAULT_TIMEOUT)
        six = [a for (v, s6), a in state["acls"].items() if s6]
        if six:
            line.access_class_in6 = six[0]
        if state["idle"] is not None:
            line.exec_timeout = state["idle"] * 60
        else:
            line.extra["exec_timeout_platform_default"] = 0
        return line
