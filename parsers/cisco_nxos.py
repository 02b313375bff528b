"""Cisco NX-OS parser: `show running-config` of Nexus switches (3000/5000/7000/9000),
or any snippet of one (a file holding one ACL is valid input).

What it produces (see `netlint.model`):

* inventory: `hostname` / `switchname`, `version 9.3(8) Bios:version ...` (os_version
  '9.3(8)', facts bios_version), the `!Command:` / `!Time:` header (facts);
* ACLs: `ip access-list` / `ipv6 access-list` as `Filter`s (first match in sequence
  order, implicit deny; an ACL with no entry permits everything, as NX-OS treats an
  empty or undefined ACL); addresses as prefix, `A WILDCARD` (non-contiguous kept
  exact as `AddressWildcard`), `host`, `any`, `addrgroup`; ports `eq/neq/lt/gt/range`
  with the NX-OS port names, `portgroup`; ICMP names and type/code; options
  `established`, `log`, `fragments`, `dscp`, `precedence`, `ttl`, `packet-length`,
  TCP flags, `time-range`, `http-method`, `tcp-option-length`, `udf`, `vlan`,
  `nve vni` (all but established/log are approximations);
* object-groups `object-group ip address` / `ipv6 address` (host, prefix, wildcard
  entries) and `object-group ip port` (eq/neq/lt/gt/range), resolved into the rules
  (NX-OS has no nested object-groups: a `group-object` line is a warning);
* interfaces (L2/L3, SVIs, port-channels, mgmt0, loopbacks, subinterfaces), VLANs,
  static routes (`ip route`, `vrf context X` + `ip route` -> Route.vrf);
* the management plane: `feature ssh|telnet|nxapi`, `ssh key rsa`, `nxapi http|https
  port`, `line vty` / `line console`, local users and roles, SNMP communities/users/
  hosts, AAA (group servers, login/authorization/accounting method lists),
  TACACS+/RADIUS servers, logging servers, NTP, banners, password policy;
* every definition and use of an ACL or object-group, plus the "mentioned" safety net.

Platform defaults made explicit (the running-config does not print them):

* SSH is on unless `no feature ssh`: a ManagementService('ssh', explicit=False) is
  added when the config never mentions it; telnet exists only with `feature telnet`;
  NX-API (`feature nxapi`) listens on HTTPS 443 by default, HTTP only with
  `nxapi http port N`.
* The VTY access-class filters every VTY session (NX-OS has one `line vty`): it is
  the `acl` of the ssh and telnet services.
* NX-OS timestamps every log message: `log_timestamps` is True unless the config
  says otherwise; `logging timestamp milliseconds` goes to facts
  `log_timestamps_format` (default 'seconds').
* `password strength-check` is on unless `no password strength-check`
  (facts password_strength_check).
* Users: role network-admin / vdc-admin / priv-15 -> privilege 15, network-operator
  / vdc-operator -> 1, priv-N -> N. `password 5 !` (an account that cannot log in
  with a password) is Secret('unknown') and listed in facts locked_users.
* AAA: `aaa.enabled` is True when `aaa authentication login default` names a server
  group (NX-OS has no `aaa new-model`; without a group, logins are local only).
  `aaa accounting default group G` sets `accounting_commands` (NX-OS accounting logs
  configuration commands).
* Interfaces: Ethernet and port-channel parents are switchports (mode access, VLAN 1)
  unless `no switchport`, an IP address, or `no system default switchport`; the
  inferred values carry `extra[...]_default`. `shutdown` is what the config says;
  when it says nothing, `extra['shutdown_default']` holds the NX-OS default (Ethernet
  routed ports, subinterfaces and SVIs are shut by default; switchports,
  port-channels, loopbacks and mgmt0 are not; `system default switchport shutdown`
  shuts Ethernet switchports too).

Facts (`device.management.facts`): features (list), features_disabled,
password_strength_check(_loc), password_secure_mode, password_min_length,
rsa_modulus, ssh_login_attempts, ssh_ciphers/ssh_macs/ssh_kexalgos/ssh_keytypes,
ssh_version_platform, nxapi (dict), scp_server, sftp_server, snmp_hosts,
snmp_community_groups (parallel to snmp_communities), snmp_user_groups,
snmp_user_acls, snmp_users_enforce_priv, snmp_global_enforce_priv, snmp_traps,
logging_server_levels, logging_server_vrfs, ntp_server_vrfs, ssh_keys, ssh_port,
aaa_authentication (list -> methods), aaa_authorization, aaa_accounting, aaa_groups {name: protocol, servers, vrf},
aaa_login_error_enable, logging_levels, logging_console, logging_monitor,
logging_logfile, logging_source_interface, log_timestamps_format, ntp_server_keys,
ntp_trusted_keys, ntp_authentication_keys, ntp_peers, ntp_source, banner_locs,
copp_profile, control_plane_policy, locked_users. Device facts: header_command,
header_time, bios_version, boot_images, features, vrfs, system_default_switchport,
system_default_switchport_shutdown, spanning_tree_mode, vpc_domain, vlan_filters
(VACL map -> VLANs), acls_reordered_by_sequence, platform_kind.
Interface extras: switchport_default, mode_default, access_vlan_default,
native_vlan_default, shutdown_default, port_acls, channel_group, vpc, hsrp, vrrp,
service_policy, ip_redirects, ip_unreachables, proxy_arp, urpf, policy_route_map,
dhcp_relay, encapsulation. Rule extras: fragments, dscp, precedence, ttl,
packet_length, tcp_flags, http_method, tcp_option_length, udf, vlan, nve_vni,
igmp_type, implicit_sequence.
"""

from __future__ import annotations

import re
from typing import Any

from netlint.model import (
    AaaServer, AddressRange, Filter, Interface, Location, LogHost, ManagementService, ParseError,
    Route, Secret, SnmpCommunity, SnmpUser, VtyLine,
)

from ._nxos_eos_common import (
    BaseRun, Bad, Group, is_ip, is_v4, method_list, vlan_list, weakest,
)
from .common import ConfigLine
from .detect import score_vendors

VENDOR = "cisco_nxos"

# --------------------------------------------------------------------------- keyword tables

PROTOCOLS_V4: dict[str, int | None] = {
    "ip": None, "ahp": 51, "eigrp": 88, "esp": 50, "gre": 47, "icmp": 1, "igmp": 2, "nos": 94,
    "ospf": 89, "pcp": 108, "pim": 103, "tcp": 6, "udp": 17, "sctp": 132,
}
PROTOCOLS_V6: dict[str, int | None] = {
    "ipv6": None, "ahp": 51, "esp": 50, "icmp": 58, "pcp": 108, "sctp": 132, "tcp": 6, "udp": 17,
}
# Port names NX-OS accepts (and prints) in ACL entries and port groups.
TCP_PORTS: dict[str, int] = {
    "bgp": 179, "chargen": 19, "cmd": 514, "daytime": 13, "discard": 9, "domain": 53, "drip": 3949,
    "echo": 7, "exec": 512, "finger": 79, "ftp": 21, "ftp-data": 20, "gopher": 70, "hostname": 101,
    "ident": 113, "irc": 194, "klogin": 543, "kshell": 544, "login": 513, "lpd": 515, "nntp": 119,
    "pim-auto-rp": 496, "pop2": 109, "pop3": 110, "smtp": 25, "sunrpc": 111, "tacacs": 49, "talk": 517,
    "telnet": 23, "time": 37, "uucp": 540, "whois": 43, "www": 80,
}
UDP_PORTS: dict[str, int] = {
    "biff": 512, "bootpc": 68, "bootps": 67, "discard": 9, "dnsix": 195, "domain": 53, "echo": 7,
    "isakmp": 500, "mobile-ip": 434, "nameserver": 42, "netbios-dgm": 138, "netbios-ns": 137,
    "netbios-ss": 139, "non500-isakmp": 4500, "ntp": 123, "pim-auto-rp": 496, "rip": 520,
    "snmp": 161, "snmptrap": 162, "sunrpc": 111, "syslog": 514, "tacacs": 49, "talk": 517, "tftp": 69,
    "time": 37, "who": 513, "xdmcp": 177,
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
    "redirect": (137, None), "router-renumbering": (138, None), "mldv2": (143, None),
}

SECRET_TYPES = {"0": "plaintext", "5": "md5", "6": "encrypted", "7": "reversible", "8": "pbkdf2", "9": "scrypt"}
KEY_TYPES = {"0": "plaintext", "6": "encrypted", "7": "reversible"}

ROLE_PRIVILEGE = {"network-admin": 15, "vdc-admin": 15, "network-operator": 1, "vdc-operator": 1}

# Top-level commands recognised and deliberately not modelled (their whole block too).
RECOGNISED_TOP = frozenset({
    "end", "cfs", "fex", "install", "vdc", "rmon", "power", "errdisable", "port-channel", "lacp",
    "lldp", "cdp", "udld", "track", "key", "nv", "evpn", "fabric", "monitor", "cli", "clock",
    "service", "callhome", "event", "scheduler", "sflow", "flow", "feature-set", "ptp", "hardware",
    "spanning-tree", "vpc", "license", "policy-map", "boot", "xml", "role", "system", "poap",
    "slot", "diagnostic", "hsrp", "vrrp", "bfd", "macsec", "mpls", "segment-routing", "nve",
    "dot1x", "port-profile", "switch-profile", "configure", "telemetry", "openflow", "onep",
    "tcam", "qos", "class-map", "route-map", "router", "control-plane", "copp", "mac", "username",
    "time-range", "virtual-service", "nxapi", "ssh", "telnet", "terminal", "alias", "ntp",
    "logging", "snmp-server", "aaa", "tacacs-server", "radius-server", "ldap-server", "line",
    "banner", "interface", "vlan", "vrf", "object-group", "ip", "ipv6", "feature", "hostname",
    "switchname", "version", "password", "userpassphrase", "no", "default", "errdisable",
    "hardware", "ipv6", "keystore", "crypto", "ha-policy", "vpc", "rate-limit", "policy-map",
    "priority-flow-control", "queuing", "storm-control", "ingress", "egress", "tunnel-profile",
    "ipqos", "catena", "smart-channel", "vn-segment", "bgp", "routing-context", "system", "guestshell",
    "inherit", "epbr", "sla", "zoning", "fc-tunnel", "fcoe", "npv", "vsan", "device-alias",
})
LEAF_COMMANDS = frozenset({
    "hostname", "switchname", "version", "feature", "username", "snmp-server", "ntp", "logging",
    "tacacs-server", "radius-server", "password", "userpassphrase", "ssh", "telnet", "nxapi",
})

IFACE_RECOGNISED = frozenset({
    "mtu", "speed", "duplex", "bandwidth", "delay", "medium", "load-interval", "cdp", "lldp", "udld",
    "storm-control", "negotiation", "link", "fec", "beacon", "inherit", "priority-flow-control",
    "flowcontrol", "carrier-delay", "autostate", "management", "private-vlan", "member",
    "source-interface", "host-reachability", "fabric", "evpn", "lacp", "spanning-tree", "vpc",
    "channel-group", "hsrp", "vrrp", "vrrpv3", "service-policy", "mac", "ip", "ipv6", "switchport",
    "description", "shutdown", "vrf", "encapsulation", "no", "mac-address", "port-type", "rate-limit",
    "snmp", "logging", "dot1x", "qos", "macsec", "mpls", "isis", "bfd", "ptp", "errdisable",
    "hardware", "buffer-boost", "port-channel", "mode", "vn-segment", "nv", "global", "ingress-replication",
    "suppress-arp", "multisite", "advertise", "shut", "tunnel", "keepalive", "policy", "default",
    "transceiver", "power", "poe", "dampening", "ipv4", "peer-ip", "ethernet",
})
IFACE_IP_RECOGNISED = frozenset({
    "ospf", "pim", "router", "igmp", "dhcp", "arp", "redirects", "unreachables", "proxy-arp",
    "local-proxy-arp", "verify", "policy", "flow", "mtu", "directed-broadcast", "port-unreachable",
    "forward", "sticky-arp", "eigrp", "rip", "hello-interval", "authentication", "summary-address",
    "load-sharing", "tcp", "icmp", "netflow", "source-guard", "address", "access-group", "port",
    "traffic-filter", "multicast", "mroute", "msdp", "sla", "vrf", "lisp", "hsrp", "gratuitous-arp",
})
IFACE_IPV6_RECOGNISED = frozenset({
    "nd", "link-local", "ospfv3", "router", "pim", "mld", "dhcp", "redirects", "unreachables",
    "policy", "verify", "mtu", "eigrp", "address", "traffic-filter", "port", "flow",
    "icmp", "multicast", "enable", "forward", "use-link-local-only",
})
LINE_RECOGNISED = frozenset({
    "speed", "stopbits", "databits", "parity", "modem", "terminal", "length", "width", "history",
    "logout-warning", "absolute-timeout", "exec-timeout", "session-limit", "access-class", "ipv6",
})

_VERSION = re.compile(r"^version\s+(\S+)(?:\s+Bios:version\s+(\S+))?", re.I)


# --------------------------------------------------------------------------- the plugin


class CiscoNxosParser:
    vendor = VENDOR

    def detect(self, text: str) -> int:
        score = score_vendors(text[:200_000]).get(VENDOR, 0)
        return max(0, min(100, score))

    def parse(self, text: str, file: str) -> Any:
        if not text.strip():
            raise ParseError(file, "is empty")
        return _Run(text, file).parse()


PARSER = CiscoNxosParser()


# --------------------------------------------------------------------------- one parse


class _Run(BaseRun):
    VENDOR = VENDOR
    LABEL = "Cisco NX-OS"
    PROTOCOLS_V4 = PROTOCOLS_V4
    PROTOCOLS_V6 = PROTOCOLS_V6
    TCP_PORTS = TCP_PORTS
    UDP_PORTS = UDP_PORTS
    ICMP_V6 = ICMP_V6
    IMPLICIT_DENY_NOTE = "implicit deny ip any any at the end of every NX-OS ACL"
    IMPLICIT_DENY_NOTE_V6 = (
        "implicit permit icmp any any nd-na / nd-ns / router-advertisement / router-solicitation "
        "(IPv6 neighbour discovery), then implicit deny ipv6 any any at the end of every NX-OS IPv6 ACL"
    )
    EMPTY_ACL_PERMITS = True
    EMPTY_ACL_NOTE = "NX-OS treats an ACL without entries (or an undefined one) as empty: it permits all traffic"
    RECOGNISED_TOP = RECOGNISED_TOP
    LEAF_COMMANDS = LEAF_COMMANDS
    HAS_ADDRGROUPS = True

    def __init__(self, text: str, file: str) -> None:
        super().__init__(text, file)
        dev = self.device
        self.mfacts = self.mgmt.facts
        self.mfacts["password_strength_check"] = True
        self.features: dict[str, tuple[bool, Location]] = {}
        self.ssh_server: tuple[bool, Location] | None = None  # NX-OS 4.x 'ssh server enable'
        self.telnet_server: tuple[bool, Location] | None = None
        self.ssh_loc: Location | None = None
        self.nxapi: dict[str, Any] = {}
        self.communities: dict[str, SnmpCommunity] = {}
        self.community_groups: dict[int, str] = {}
        self.tacacs_key: Secret | None = None
        self.radius_key: Secret | None = None
        self.enable_secrets: list[tuple[Secret, Location]] = []
        self.version_seen = False
        self.user_roles: dict[str, list[str]] = {}
        dev.facts["platform_kind"] = "switch"
        self.top = {
            "hostname": self.h_hostname, "switchname": self.h_hostname, "version": self.h_version,
            "feature": self.h_feature, "ip": self.h_ip, "ipv6": self.h_ipv6,
            "object-group": self.h_object_group, "interface": self.h_interface, "vlan": self.h_vlan,
            "vrf": self.h_vrf, "line": self.h_line, "banner": self.h_banner, "username": self.h_username,
            "snmp-server": self.h_snmp, "aaa": self.h_aaa, "tacacs-server": self.h_tacacs_server,
            "radius-server": self.h_radius_server, "logging": self.h_logging, "ntp": self.h_ntp,
            "ssh": self.h_ssh, "telnet": self.h_telnet, "nxapi": self.h_nxapi, "password": self.h_password,
            "userpassphrase": self.h_userpassphrase, "route-map": self.h_route_map,
            "class-map": self.h_class_map, "control-plane": self.h_control_plane, "copp": self.h_copp,
            "system": self.h_system, "boot": self.h_boot, "mac": self.h_mac, "time-range": self.h_time_range,
            "spanning-tree": self.h_spanning_tree, "vpc": self.h_vpc, "router": self.h_router,
            "enable": self.h_enable, "no": self.h_no, "default": self.h_ignore, "policy-map": self.h_ignore,
        }

    # ------------------------------------------------------------------ header, inventory

    def read_header(self) -> None:
        facts = self.device.facts
        for line in self.lines[:40]:
            s = line.strip()
            if s.startswith("!Command:"):
                facts["header_command"] = s[len("!Command:"):].strip()
            elif s.startswith("!Time:"):
                facts["header_time"] = s[len("!Time:"):].strip()
            elif s.startswith("!Running configuration last done at:"):
                facts["header_last_change"] = s.split(":", 1)[1].strip()

    def header_seen(self) -> bool:
        return "header_command" in self.device.facts

    def h_version(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        m = _VERSION.match(node.text.strip())
        if not m:
            raise Bad("version number missing")
        self.device.os_version = m.group(1)
        self.device.os_version_loc = self.loc(node)
        if m.group(2):
            self.device.facts["bios_version"] = m.group(2)

    def h_boot(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if not neg and len(words) >= 3:
            self.device.facts.setdefault("boot_images", []).append(" ".join(words[1:]))

    def h_feature(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        name = " ".join(words[1:])
        if not name:
            raise Bad("feature name missing")
        loc = self.loc(node)
        self.features.pop(name, None)  # keep the order of the last statement
        self.features[name] = (not neg, loc)
        if name in ("scp-server", "sftp-server"):
            self.mfacts[name.replace("-", "_")] = not neg
        elif name == "password encryption aes":
            self.mfacts["password_encryption_aes"] = not neg

    def h_system(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        # system default switchport [shutdown]; system qos; system vlan ... reserve; ...
        if len(words) >= 3 and words[1] == "default" and words[2] == "switchport":
            key = "system_default_switchport_shutdown" if words[3:4] == ["shutdown"] else "system_default_switchport"
            self.device.facts[key] = not neg
            self.device.facts[key + "_loc"] = self.loc(node)

    def h_spanning_tree(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if len(words) >= 3 and words[1] == "mode" and not neg:
            self.device.facts["spanning_tree_mode"] = words[2]

    def h_vpc(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if len(words) >= 3 and words[1] == "domain" and not neg:
            self.device.facts["vpc_domain"] = words[2]

    # ------------------------------------------------------------------ ip / ipv6

    def h_ip(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        if sub == "access-list":
            if neg:
                return
            name = words[2]
            if name == "match-local-traffic":
                self.mfacts["acl_match_local_traffic"] = True
                return
            filt = self.new_filter(name, "acl", 4, node)
            self.acl_block(filt, node)
        elif sub == "route":
            if not neg:
                self.ip_route(node, words, 4, None)
        elif sub == "prefix-list":
            self.prefix_list(node, words, neg)
        elif sub in ("domain-name", "domain-lookup", "domain-list", "name-server", "host", "tacacs",
                     "radius", "igmp", "pim", "dhcp", "arp", "sla", "community-list", "as-path",
                     "extcommunity-list", "large-community-list", "load-sharing", "icmp-errors",
                     "source-route", "multicast", "mroute", "msdp", "routing", "tcp", "ftp", "tftp",
                     "internal", "adjacency", "amt", "auto-discard", "hardware", "nat", "flow",
                     "source", "packet", "lisp", "ttl", "options", "policy", "fib", "verify", "http",
                     "ssh", "telnet", "service-reflect", "port-unreachable", "forward", "mfwd"):
            if sub == "source-route":
                self.mfacts["ip_source_route"] = not neg
            elif sub == "pim" and not neg:
                for j, w in enumerate(words[:-1]):
                    if w in ("group-list",) and not ("/" in words[j + 1] or is_ip(words[j + 1])):
                        self.device.refer("acl", words[j + 1], self.loc(node), "ip pim group-list")
            elif sub == "igmp" and not neg and "access-group" in words:
                self.device.refer("acl", words[words.index("access-group") + 1], self.loc(node), "ip igmp access-group")
        else:
            raise Bad(f"unknown command 'ip {sub}'")

    def h_ipv6(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        if sub == "access-list":
            if neg:
                return
            name = words[2]
            if name == "match-local-traffic":
                return
            filt = self.new_filter(name, "acl", 6, node)
            self.acl_block(filt, node)
        elif sub == "route":
            if not neg:
                self.ip_route(node, words, 6, None)
        elif sub == "prefix-list":
            self.prefix_list(node, words, neg)
        elif sub in ("nd", "dhcp", "pim", "mld", "icmp", "host", "routing", "multicast", "mroute",
                     "unicast-routing", "hardware", "flow", "switch-packets", "source-route", "adjacency",
                     "neighbor", "internal", "forward", "load-sharing", "raguard"):
            return
        else:
            raise Bad(f"unknown command 'ipv6 {sub}'")

    def acl_option_line(self, filt: Filter, node: ConfigLine, words: list[str]) -> bool:
        first = words[0]
        if first == "statistics":
            filt.extra["statistics_per_entry"] = True
            return True
        if first == "fragments" and len(words) > 1:
            filt.extra["fragments"] = words[1]  # permit-all | deny-all
            return True
        if first in ("ignore", "no", "resequence", "exit", "end"):
            return True
        return False

    def ace_option(self, w: str, words: list[str], i: int, extra: dict[str, Any],
                   approximations: list[str]) -> int | None:
        if w == "http-method":
            extra["http_method"] = words[i]
            approximations.append(f"HTTP method '{words[i]}' is not modelled")
            return i + 1
        if w in ("tcp-option-length", "tcp-flags-mask"):
            extra[w.replace("-", "_")] = words[i]
            approximations.append(f"'{w} {words[i]}' is not modelled")
            return i + 1
        if w == "nve" and i + 1 < len(words) and words[i] == "vni":
            extra["nve_vni"] = words[i + 1]
            approximations.append("VXLAN VNI condition is not modelled")
            return i + 2
        if w == "vlan":
            extra["vlan"] = words[i]
            approximations.append(f"VLAN condition 'vlan {words[i]}' is not modelled")
            return i + 1
        if w == "udf":  # udf NAME VALUE MASK
            extra.setdefault("udf", []).append(" ".join(words[i:i + 3]))
            approximations.append("user-defined field (udf) condition is not modelled")
            return i + 3
        if w in ("redirect", "set-erspan-dscp", "set-erspan-gre-proto", "telemetry_queue",
                 "telemetry_path", "capture"):
            if w == "capture":
                return i + 2  # capture session N
            return i + 1 if w not in ("telemetry_queue", "telemetry_path") else i
        return None

    def ip_route(self, node: ConfigLine, words: list[str], family: int, vrf: str | None) -> None:
        # ip route P NH|IF [NH] [name X] [tag N] [track N] [vrf V] [PREFERENCE]
        i = 2
        n = len(words)
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
        if i < n and (is_ip(words[i]) or "/" in words[i] and is_ip(words[i].split("/")[0])):
            next_hop = words[i].split("/")[0]
            i += 1
        elif i < n:
            iface = words[i]
            i += 1
            if i < n and is_ip(words[i]):
                next_hop = words[i]
                i += 1
        if next_hop is None and iface is None:
            raise Bad("static route without next hop or interface")
        extra_vrf = None
        while i < n:
            w = words[i]
            i += 1
            if w.isdigit() and distance is None:
                distance = int(w)
            elif w in ("name", "tag", "track"):
                i += 1
            elif w == "vrf":
                extra_vrf = words[i]
                i += 1
            else:
                raise Bad(f"unexpected '{w}' in static route")
        route = Route(dest, next_hop, iface, distance, self.loc(node), vrf)
        self.device.routes.append(route)
        if extra_vrf:
            self.device.facts.setdefault("route_next_hop_vrfs", []).append(
                {"line": node.number, "vrf": extra_vrf})

    # ------------------------------------------------------------------ object-groups

    def prescan(self, roots: list[ConfigLine]) -> None:
        for node in roots:
            t = node.text
            if t.startswith("object-group "):
                words = t.split()
                if len(words) >= 4:
                    kind_family = {("ip", "address"): ("address-group", 4), ("ipv6", "address"): ("address-group", 6),
                                   ("ip", "port"): ("service-group", 0)}.get((words[1], words[2]))
                    if kind_family is None:
                        continue
                    name = words[3]
                    group = self.groups.get(name)
                    if group is None:
                        self.groups[name] = Group(kind_family[0], kind_family[1], name, node, self.loc(node, True))
                    elif group.kind == kind_family[0] and group.family == kind_family[1]:
                        group.nodes.append(node)

    def h_object_group(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        if len(words) < 4:
            raise Bad("object-group type or name missing")
        name = words[3]
        group = self.groups.get(name)
        if group is None or node not in group.nodes:
            if group is not None:
                raise Bad(f"object-group '{name}' is already defined as another type; this block is ignored")
            raise Bad(f"unknown object-group type '{' '.join(words[1:3])}'")
        if node is not group.nodes[0]:
            return
        self.fill_group(group)
        members = tuple(c.text.strip() for n in group.nodes for c in n.children)
        self.device.define(group.kind, name, group.loc, members, group.description)

    def fill_group(self, group: Group) -> None:
        if group.filled:
            return
        group.filled = True
        keyed: list[tuple[int, int, Any]] = []
        last = 0
        order = 0
        for child in (c for n in group.nodes for c in n.children):
            words = child.text.split()
            try:
                seq = None
                if words[0].isdigit():
                    seq = int(words[0])
                    words = words[1:]
                w = words[0]
                if w == "description":
                    group.description = " ".join(words[1:])
                    continue
                if w == "group-object":
                    raise Bad("NX-OS object-groups cannot nest other groups ('group-object' ignored)")
                if group.kind == "address-group":
                    items = [self.group_address(group.family, words)]
                else:
                    ranges, _ = self.ports(words, 0, None, check_proto=False)
                    items = [] if ranges == "none" else list(ranges)
                if seq is None:
                    seq = last + 10
                last = max(last, seq)
                for item in items:
                    keyed.append((seq, order, item))
                    order += 1
            except Bad as exc:
                self.warn(child, str(exc))
            except (IndexError, KeyError):
                self.warn(child, "object-group entry ends early (truncated?)")
            except Exception as exc:  # noqa: BLE001
                self.warn(child, f"could not parse this object-group entry ({type(exc).__name__}: {exc})")
        keyed.sort(key=lambda t: (t[0], t[1]))
        group.items = [item for _, _, item in keyed]

    def group_address(self, family: int, words: list[str]) -> Any:
        w = words[0]
        if w == "host":
            if family == 4:
                v = self.v4(words[1])
                return AddressRange(4, v, v)
            return self.v6net(words[1])
        if family == 6:
            if "/" not in w:
                raise Bad(f"bad IPv6 prefix '{w}'")
            return self.v6net(w)
        if "/" in w:
            return self.v4cidr(w)
        if len(words) > 1 and is_v4(words[1]):
            return self.wildcard(w, words[1])
        raise Bad(f"unknown address object-group entry '{' '.join(words)}'")

    # ------------------------------------------------------------------ VLANs, VRFs

    def h_vlan(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        arg = words[1]
        if not arg[:1].isdigit():
            if arg == "access-map" and len(words) >= 3:
                for c in node.children:
                    cw = c.text.split()
                    if len(cw) >= 4 and cw[0] == "match" and cw[1] in ("ip", "ipv6") and cw[2] == "address":
                        self.device.refer("acl", cw[3], self.loc(c), f"vlan access-map {words[2]}")
                return
            if arg == "filter" and len(words) >= 3:
                vlans = words[words.index("vlan-list") + 1] if "vlan-list" in words else ""
                self.device.facts.setdefault("vlan_filters", {})[words[2]] = vlans
                return
            if arg in ("configuration", "dot1Q", "dot1q", "internal", "default"):
                return
            raise Bad(f"unknown command 'vlan {arg}'")
        ids = vlan_list(arg)
        name = ""
        for c in node.children:
            cw = c.text.split()
            if cw[0] == "name" and len(cw) > 1:
                name = c.text.strip()[5:].strip()
            elif cw[0] not in ("state", "shutdown", "no", "vn-segment", "mode", "private-vlan", "media"):
                self.warn(c, f"unknown vlan command '{cw[0]}'")
        self.add_vlans(node, ids, name)

    def h_vrf(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        if words[1] != "context" or len(words) < 3:
            raise Bad(f"unknown command 'vrf {words[1]}'")
        vrf = words[2]
        vrfs = self.device.facts.setdefault("vrfs", [])
        if vrf not in vrfs:
            vrfs.append(vrf)

        def entry(child: ConfigLine, cw: list[str], cneg: bool) -> None:
            if cw[0] in ("ip", "ipv6") and len(cw) > 2 and cw[1] == "route":
                if not cneg:
                    self.ip_route(child, cw, 4 if cw[0] == "ip" else 6, vrf)
            elif cw[0] in ("ip", "ipv6", "rd", "vni", "address-family", "description", "shutdown",
                           "mdt", "multicast"):
                if cw[0] in ("ip", "ipv6") and len(cw) > 2 and cw[1] == "prefix-list":
                    self.prefix_list(child, cw, cneg)
            else:
                raise Bad(f"unknown vrf context command '{cw[0]}'")

        self.children(node, entry)

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
            if n >= 3 and words[1] == "member":
                iface.vrf = None if neg else words[2]
            else:
                raise Bad(f"unknown interface command 'vrf {' '.join(words[1:])}'")
        elif key == "encapsulation":
            if n >= 3 and words[1].lower() == "dot1q":
                iface.vlan_id = int(words[2])
                ex["encapsulation"] = "dot1q"
        elif key == "channel-group":
            ex["channel_group"] = words[1]
        elif key == "vpc":
            ex["vpc"] = " ".join(words[1:])
        elif key in ("hsrp", "vrrp", "vrrpv3"):
            if n > 1 and words[1].isdigit():
                ex.setdefault(key, []).append(int(words[1]))
        elif key == "service-policy":
            if not neg and n >= 3:
                direction = words[-2] if words[-2] in ("input", "output") else words[1]
                ex.setdefault("service_policy", {})[direction] = words[-1]
        elif key == "mac":
            if n >= 4 and words[1] == "port" and words[2] == "access-group" and not neg:
                self.device.refer("mac-acl", words[3], self.loc(node), f"interface {iface.name} mac port access-group")
                ex["mac_port_acl"] = words[3]
        elif key == "cdp":
            if n >= 2 and words[1] == "enable":
                ex["cdp_enable"] = not neg
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
            if words[2] == "dhcp":
                ex["ip_address"] = "dhcp"
                return
            self.iface_address(iface, words, 2)
        elif sub == "access-group":
            if not neg:
                if n < 4:
                    raise Bad("access-group direction missing (in or out)")
                self.bind(iface, words[2], words[3], 4, loc)
        elif sub == "port" and n >= 5 and words[2] == "access-group":
            if not neg:
                self.bind(iface, words[3], words[4], 4, loc, port_acl=True)
        elif sub == "redirects":
            ex["ip_redirects"] = not neg
        elif sub == "unreachables":
            ex["ip_unreachables"] = not neg
        elif sub == "proxy-arp":
            ex["proxy_arp"] = not neg
        elif sub == "verify":
            if not neg:
                ex["urpf"] = " ".join(words[2:])
        elif sub == "policy":
            if not neg and n >= 4 and words[2] == "route-map":
                ex["policy_route_map"] = words[3]
        elif sub == "dhcp":
            if not neg and n >= 5 and words[2] == "relay" and words[3] == "address":
                ex.setdefault("dhcp_relay", []).append(words[4])
        elif sub == "igmp":
            if not neg and "access-group" in words:
                j = words.index("access-group")
                if j + 1 < n:
                    self.device.refer("acl", words[j + 1], loc, f"interface {iface.name} ip igmp access-group")
        elif sub in IFACE_IP_RECOGNISED:
            pass
        else:
            raise Bad(f"unknown interface command 'ip {sub}'")

    def iface_ipv6(self, iface: Interface, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        n = len(words)
        loc = self.loc(node)
        if sub == "address":
            if neg:
                iface.addresses = [a for a in iface.addresses if a.family != 6]
                return
            self.iface_address6(iface, words, 2)
        elif sub == "traffic-filter":
            if not neg:
                if n < 4:
                    raise Bad("traffic-filter direction missing (in or out)")
                self.bind(iface, words[2], words[3], 6, loc)
        elif sub == "port" and n >= 5 and words[2] == "traffic-filter":
            if not neg:
                self.bind(iface, words[3], words[4], 6, loc, port_acl=True)
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
            if mode == "private-vlan":
                mode = "private-vlan-" + (words[3] if n > 3 else "host")
            elif mode not in ("access", "trunk", "dot1q-tunnel", "fex-fabric", "fabricpath", "monitor"):
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
                else:
                    iface.native_vlan = int(words[4])
            elif what in ("pruning", "encapsulation"):
                pass
            else:
                raise Bad(f"unknown command 'switchport trunk {what}'")
        elif sub == "host":
            iface.mode = "access"
            ex["portfast"] = True
        elif sub in ("monitor", "block", "autostate", "port-security", "private-vlan", "vlan", "voice",
                     "dot1q", "priority", "backup", "isolated", "capture", "fabricpath"):
            if sub == "port-security" and n == 2:
                ex["port_security"] = not neg
        else:
            raise Bad(f"unknown command 'switchport {sub}'")
        if not neg and state["switchport"] is None:
            state["switchport_cmds"] = True

    def finish_interfaces(self) -> None:
        facts = self.device.facts
        l2_default = facts.get("system_default_switchport", True)
        shut_l2 = facts.get("system_default_switchport_shutdown", False)
        for iface in self.device.interfaces:
            state = self.iface_state.get(iface.name, {})
            low = iface.name.lower()
            sub = "." in iface.name
            ethernet = low.startswith("ethernet") or low.startswith("eth")
            pc = low.startswith("port-channel") or low.startswith("po")
            explicit = state.get("switchport")
            if explicit is None:
                if (ethernet or pc) and not sub:
                    l2 = l2_default and not any(a.family == 4 for a in iface.addresses) and iface.vrf is None
                    l2 = l2 or bool(state.get("switchport_cmds"))
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
                if low.startswith("vlan"):
                    default = True
                elif sub:
                    default = True
                elif ethernet:
                    default = shut_l2 if iface.switchport else True
                else:  # port-channel parents, loopbacks, mgmt0, tunnels...
                    default = False
                iface.extra["shutdown_default"] = default

    # ------------------------------------------------------------------ lines

    def h_line(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        name = " ".join(words[1:])
        if name not in ("vty", "console", "aux"):
            raise Bad(f"unknown line '{name}'")
        line = VtyLine(name=name, loc=self.loc(node, True), login="authentication default")
        self.mgmt.lines.append(line)

        def entry(child: ConfigLine, cw: list[str], cneg: bool) -> None:
            key = cw[0]
            loc = self.loc(child)
            if key == "access-class":
                if cneg:
                    return
                direction = cw[2] if len(cw) > 2 else "in"
                if direction == "in":
                    line.access_class_in = cw[1]
                elif direction == "out":
                    line.access_class_out = cw[1]
                self.device.refer("acl", cw[1], loc, f"line {name} access-class {direction}")
            elif key == "ipv6" and len(cw) >= 3 and cw[1] == "access-class":
                if cneg:
                    return
                direction = cw[3] if len(cw) > 3 else "in"
                if direction == "in":
                    line.access_class_in6 = cw[2]
                self.device.refer("acl", cw[2], loc, f"line {name} ipv6 access-class {direction}")
            elif key == "exec-timeout":
                line.exec_timeout = 0 if cneg else int(cw[1]) * 60
            elif key == "session-limit":
                line.extra["session_limit"] = None if cneg else int(cw[1])
            elif key == "absolute-timeout":
                line.extra["absolute_timeout"] = None if cneg else int(cw[1]) * 60
            elif key in LINE_RECOGNISED:
                pass
            else:
                raise Bad(f"unknown line command '{key}'")

        self.children(node, entry)

    # ------------------------------------------------------------------ users, roles, enable

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
            if w == "password":
                if i + 1 < n and words[i].isdigit() and len(words[i]) == 1:
                    type_word, value = words[i], words[i + 1]
                    i += 2
                else:
                    type_word, value = None, words[i]
                    i += 1
                user.loc = loc
                if value == "!":
                    user.secret = Secret(storage="unknown")
                    self.mfacts.setdefault("locked_users", []).append(name)
                else:
                    user.secret = self.secret(type_word, value, SECRET_TYPES)
            elif w == "role":
                role = words[i]
                i += 1
                roles = self.user_roles.setdefault(name, [])
                roles.append(role)
                user.role = user.role or role
                priv = ROLE_PRIVILEGE.get(role)
                if priv is None and role.startswith("priv-") and role[5:].isdigit():
                    priv = int(role[5:])
                if priv is not None:
                    user.privilege = max(user.privilege or 0, priv)
            elif w == "priv-lvl":
                user.privilege = int(words[i])
                i += 1
            elif w in ("sshkey", "keypair"):
                if w == "sshkey":
                    user.key_auth = True
                break
            elif w in ("expire", "passphrase"):
                if w == "expire":
                    i += 1
                else:
                    break  # passphrase lifetime N warntime N gracetime N
            elif w == "lockout-time":
                i += 1
            else:
                raise Bad(f"unexpected '{w}' in username")

    def h_enable(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        # 'enable secret [0|5] VALUE [priv-lvl N]' (feature privilege)
        if neg:
            return
        if words[1] != "secret":
            raise Bad(f"unknown command 'enable {words[1]}'")
        if words[2].isdigit() and len(words) > 3:
            secret = self.secret(words[2], words[3], SECRET_TYPES)
        else:
            secret = self.secret(None, words[2], SECRET_TYPES)
        self.enable_secrets.append((secret, self.loc(node)))

    def h_password(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        loc = self.loc(node)
        if sub == "strength-check":
            self.mfacts["password_strength_check"] = not neg
            self.mfacts["password_strength_check_loc"] = loc
            self.mgmt.password_complexity = not neg
            self.mgmt.password_complexity_loc = loc
        elif sub == "secure-mode":
            self.mfacts["password_secure_mode"] = not neg
        elif sub in ("prompt", "max-length", "min-length"):
            pass
        else:
            raise Bad(f"unknown command 'password {sub}'")

    def h_userpassphrase(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        for j, w in enumerate(words[:-1]):
            if w == "min-length":
                self.mfacts["password_min_length"] = None if neg else int(words[j + 1])
                self.mfacts["password_min_length_loc"] = self.loc(node)
            elif w == "max-length":
                self.mfacts["password_max_length"] = None if neg else int(words[j + 1])

    # ------------------------------------------------------------------ ssh, telnet, nxapi

    def h_ssh(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        loc = self.loc(node)
        if sub == "key":
            if not neg and len(words) >= 3:
                if words[2] == "rsa" and len(words) >= 4 and words[3] != "force":
                    if not words[3].isdigit():
                        raise Bad(f"bad RSA key size '{words[3]}'")
                    self.mfacts["rsa_modulus"] = int(words[3])
                self.mfacts.setdefault("ssh_keys", []).append(" ".join(words[2:]))
                self.ssh_loc = self.ssh_loc or loc
        elif sub == "server" and words[2:3] == ["enable"]:
            self.ssh_server = (not neg, loc)
        elif sub == "login-attempts":
            self.mfacts["ssh_login_attempts"] = None if neg else int(words[2])
        elif sub in ("ciphers", "macs", "kexalgos", "keytypes", "cipher-mode", "rekey"):
            self.mfacts["ssh_" + sub.replace("-", "_")] = None if neg else words[2:]
            kind = {"ciphers": "cipher", "macs": "mac", "kexalgos": "kex"}.get(sub)
            # 'all' enables every algorithm of the release: which ones is not in the config
            if kind is not None and not neg and words[2:] and words[2] != "all":
                self.mgmt.ssh_algorithms[kind] = tuple(w.lower() for w in words[2:])
                self.mgmt.ssh_algorithms_loc[kind] = loc
        elif sub in ("port", "idle-timeout", "login-gracetime", "source-interface", "connect"):
            if sub in ("port", "idle-timeout", "login-gracetime") and not neg:
                self.mfacts["ssh_" + sub.replace("-", "_")] = int(words[2])
        else:
            raise Bad(f"unknown command 'ssh {sub}'")

    def h_telnet(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if words[1:3] == ["server", "enable"]:
            self.telnet_server = (not neg, self.loc(node))
        elif words[1] not in ("login-attempts", "port"):
            raise Bad(f"unknown command 'telnet {words[1]}'")

    def h_nxapi(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        sub = words[1]
        loc = self.loc(node)
        if sub in ("http", "https"):
            port = int(words[3]) if len(words) >= 4 and words[2] == "port" else None
            self.nxapi[sub] = (not neg, port, loc)
        elif sub == "use-vrf":
            self.nxapi["vrf"] = words[2]
        elif sub in ("sandbox", "certificate", "ssl", "idle-timeout", "client", "cors", "ipv4", "ipv6"):
            self.nxapi.setdefault("other", []).append(" ".join(words[1:]))
        else:
            raise Bad(f"unknown command 'nxapi {sub}'")

    # ------------------------------------------------------------------ SNMP

    def h_snmp(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg or len(words) < 2:
            return
        sub = words[1]
        loc = self.loc(node)
        facts = self.mfacts
        if sub == "community":
            value = words[2]
            comm = self.communities.get(value)
            if comm is None:
                comm = SnmpCommunity(Secret.from_value(value, "plaintext"), "ro", None, "2c", loc)
                self.communities[value] = comm
                self.mgmt.snmp_communities.append(comm)
            i = 3
            n = len(words)
            while i < n:
                w = words[i]
                i += 1
                if w == "group":
                    group = words[i]
                    i += 1
                    comm.access = "rw" if group in ("network-admin", "vdc-admin") else "ro"
                    self.community_groups[id(comm)] = group
                elif w in ("ro", "RO"):
                    comm.access = "ro"
                elif w in ("rw", "RW"):
                    comm.access = "rw"
                elif w in ("use-acl", "use-ipv4acl"):
                    comm.acl = words[i]
                    self.device.refer("acl", words[i], loc, f"snmp-server community {w}")
                    i += 1
                elif w == "use-ipv6acl":
                    facts.setdefault("snmp_community_acl6", []).append(words[i])
                    self.device.refer("acl", words[i], loc, "snmp-server community use-ipv6acl")
                    i += 1
                else:
                    raise Bad(f"unexpected '{w}' in snmp-server community")
        elif sub == "user":
            # snmp-server user U [GROUP...] [auth md5|sha|sha-256 X [priv [aes-128] Y] [localizedkey]] [engineID E]
            uname = words[2]
            rest = words[3:]
            if rest[:1] in (["use-ipv4acl"], ["use-ipv6acl"]) and len(rest) > 1:
                self.device.refer("acl", rest[1], loc, f"snmp-server user {uname} {rest[0]}")
                facts.setdefault("snmp_user_acls", {})[uname] = rest[1]
                return
            if rest[:1] == ["enforcePriv"]:
                facts.setdefault("snmp_users_enforce_priv", []).append(uname)
                return
            auth = priv = None
            groups = []
            i = 0
            n = len(rest)
            while i < n:
                w = rest[i]
                i += 1
                if w == "auth":
                    auth = rest[i].lower()
                    i += 2
                elif w == "priv":
                    if i < n and rest[i].lower() in ("aes-128", "aes128", "des", "3des", "aes-256", "aes-192"):
                        priv = rest[i].lower().replace("-", "")
                        i += 2
                    else:
                        priv = "des"  # NX-OS: 'priv' without an algorithm is DES
                        i += 1
                elif w in ("localizedkey", "localizedV2key", "auto"):
                    pass
                elif w == "engineID":
                    i += 1
                elif auth is None:
                    groups.append(w)
            existing = next((u for u in self.mgmt.snmp_users if u.name == uname), None)
            if existing is None:
                self.mgmt.snmp_users.append(SnmpUser(uname, auth, priv, loc))
            else:
                existing.auth = auth or existing.auth
                existing.priv = priv or existing.priv
            if groups:
                facts.setdefault("snmp_user_groups", {})[uname] = groups
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
                elif w in ("use-vrf", "filter-vrf", "source-interface", "udp-port"):
                    entry[w.replace("-", "_")] = words[i]
                    i += 1
                else:
                    entry["community_or_user"] = True
            facts.setdefault("snmp_hosts", []).append(entry)
        elif sub == "globalEnforcePriv":
            facts["snmp_global_enforce_priv"] = True
        elif sub in ("location", "contact", "enable", "source-interface", "aaa-user", "protocol",
                     "counter", "tcp-session", "mib", "engineID", "context", "packetsize", "aaa",
                     "trap", "traps", "ifmib", "system-shutdown", "disable"):
            if sub == "enable" and words[2:3] == ["traps"]:
                facts["snmp_traps"] = True
        else:
            raise Bad(f"unknown command 'snmp-server {sub}'")

    # ------------------------------------------------------------------ AAA, TACACS+, RADIUS

    def h_aaa(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        sub = words[1]
        aaa = self.mgmt.aaa
        loc = self.loc(node)
        facts = self.mfacts
        if sub == "authentication":
            what = words[2]
            if what == "login" and len(words) < 4:
                raise Bad("aaa authentication login: list name missing")
            if what == "login":
                lst = words[3]
                if lst in ("error-enable", "ascii-authentication", "mschap", "mschapv2", "chap",
                           "invalid-username-log", "default-fallback"):
                    facts["aaa_login_" + lst.replace("-", "_")] = True
                    return
                methods = method_list(words[4:])
                facts.setdefault("aaa_authentication", {})[lst] = methods
                if lst == "default":
                    aaa.login_methods = methods
                    aaa.loc = loc
                    aaa.enabled = any(m.startswith("group ") for m in methods)
            else:
                facts.setdefault("aaa_authentication_other", []).append(" ".join(words[2:]))
        elif sub == "authorization":
            what = words[2]
            methods = method_list(words[4:]) if len(words) > 4 else []
            facts.setdefault("aaa_authorization", {})[what] = methods
            if what in ("commands", "config-commands") and any(m.startswith("group ") for m in methods):
                aaa.authorization_commands = True
        elif sub == "accounting":
            what = words[2]
            methods = method_list(words[3:])
            facts.setdefault("aaa_accounting", {})[what] = methods
            if what == "default" and any(m.startswith("group ") for m in methods):
                aaa.accounting_commands = True
                aaa.accounting_loc = loc
        elif sub == "group" and len(words) >= 5 and words[2] == "server":
            protocol, gname = words[3], words[4]
            info: dict[str, Any] = {"protocol": protocol, "servers": [], "vrf": None, "loc": self.loc(node, True)}
            for c in node.children:
                cw = c.text.split()
                if cw[0] == "server" and len(cw) > 1:
                    info["servers"].append(cw[1])
                elif cw[0] == "use-vrf" and len(cw) > 1:
                    info["vrf"] = cw[1]
                elif cw[0] not in ("source-interface", "deadtime", "no", "server-directed-request"):
                    self.warn(c, f"unknown aaa group server command '{cw[0]}'")
            facts.setdefault("aaa_groups", {})[gname] = info
        elif sub in ("user", "accounting", "local", "ascii-authentication", "authentication-log"):
            if sub == "user" and len(words) >= 4 and words[2] == "default-role":
                facts["aaa_user_default_role"] = True
        else:
            raise Bad(f"unknown command 'aaa {sub}'")

    def key_secret(self, words: list[str], i: int) -> Secret:
        """'key [0|6|7] VALUE' with words[i] the first word after 'key'."""
        if len(words[i]) == 1 and words[i].isdigit() and i + 1 < len(words):
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
            existing = next((s for s in self.mgmt.aaa.servers
                             if s.protocol == protocol and s.address == server.address), None)
            if existing is None:
                self.mgmt.aaa.servers.append(server)
            elif server.key is not None:
                existing.key = server.key
        elif sub == "key":
            secret = self.key_secret(words, 2)
            if protocol == "tacacs+":
                self.tacacs_key = secret
            else:
                self.radius_key = secret
        elif sub in ("timeout", "directed-request", "deadtime", "test", "retransmit", "source-interface"):
            pass
        else:
            raise Bad(f"unknown command '{words[0]} {sub}'")

    def h_tacacs_server(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        self.server_line("tacacs+", node, words, neg)

    def h_radius_server(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        self.server_line("radius", node, words, neg)

    # ------------------------------------------------------------------ logging, NTP, banners

    def h_logging(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if len(words) < 2:
            raise Bad("logging: what to log missing")
        sub = words[1]
        loc = self.loc(node)
        facts = self.mfacts
        if sub == "server":
            if neg:
                return
            host = LogHost(words[2], loc)
            i = 3
            n = len(words)
            while i < n:
                w = words[i]
                i += 1
                if w.isdigit() and i == 4:
                    facts.setdefault("logging_server_levels", {})[words[2]] = int(w)
                elif w == "port":
                    host.port = int(words[i])
                    i += 1
                elif w == "secure":
                    host.transport = "tls"
                    if i < n and words[i] == "trustpoint":
                        i += 3
                elif w == "use-vrf":
                    host.interface = None
                    facts.setdefault("logging_server_vrfs", {})[words[2]] = words[i]
                    i += 1
                elif w == "facility":
                    i += 1
                else:
                    raise Bad(f"unexpected '{w}' in logging server")
            self.mgmt.log_hosts.append(host)
        elif sub == "timestamp":
            self.mgmt.log_timestamps = True
            self.mgmt.log_timestamps_loc = loc
            facts["log_timestamps_format"] = "seconds" if neg else words[2]
        elif sub == "level":
            if not neg and len(words) >= 4:
                facts.setdefault("logging_levels", {})[words[2]] = words[3]
        elif sub in ("console", "monitor"):
            facts["logging_" + sub] = None if neg else (words[2] if len(words) > 2 else True)
        elif sub == "logfile":
            facts["logging_logfile"] = None if neg else " ".join(words[2:])
        elif sub == "source-interface":
            facts["logging_source_interface"] = None if neg else words[2]
        elif sub in ("origin-id", "module", "message", "event", "ip", "rate-limit", "history",
                     "rfc-strict", "delimiter", "abort", "distribute", "commit", "loopback"):
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
            addr = words[2]
            if sub == "server":
                self.mgmt.ntp_servers.append(addr)
            else:
                facts.setdefault("ntp_peers", []).append(addr)
            if "key" in words[3:]:
                facts.setdefault("ntp_server_keys", {})[addr] = words[words.index("key", 3) + 1]
            if "use-vrf" in words[3:]:
                facts.setdefault("ntp_server_vrfs", {})[addr] = words[words.index("use-vrf", 3) + 1]
        elif sub == "authenticate":
            self.mgmt.ntp_authenticated = not neg
            facts["ntp_authenticate"] = not neg
            facts["ntp_authenticate_loc"] = loc
        elif sub == "authentication-key":
            if not neg:
                facts.setdefault("ntp_authentication_keys", []).append(words[2])
        elif sub == "trusted-key":
            if not neg:
                facts.setdefault("ntp_trusted_keys", []).append(words[2])
        elif sub == "access-group":
            if not neg and len(words) >= 4:
                self.device.refer("acl", words[-1], loc, f"ntp access-group {words[2]}")
        elif sub in ("source-interface", "source"):
            facts["ntp_source"] = None if neg else words[2]
        elif sub in ("logging", "master", "distribute", "commit", "passive", "allow", "sync-retry",
                     "broadcast", "multicast", "drop-aged-packet", "rts-update"):
            pass
        else:
            raise Bad(f"unknown command 'ntp {sub}'")

    def h_banner(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg or len(words) < 2:
            return
        if words[1] not in ("motd", "exec"):
            raise Bad(f"unknown banner '{words[1]}'")
        self.banner_delimited(node, words, words[1])

    # ------------------------------------------------------------------ places that use ACLs

    def h_route_map(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if neg:
            return
        ctx = "route-map " + " ".join(words[1:])
        for child in node.children:
            cw = child.text.split()
            if len(cw) >= 4 and cw[0] == "match" and cw[1] in ("ip", "ipv6") and cw[2] == "address":
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
            if len(cw) >= 4 and cw[0] == "match" and cw[1] == "access-group" and cw[2] == "name":
                self.device.refer("acl", cw[3], self.loc(child), f"class-map {cname}")

    def h_control_plane(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        for child in node.children:
            cw = child.text.split()
            if cw[:1] == ["service-policy"] and len(cw) >= 3:
                self.mfacts["control_plane_policy"] = cw[-1]

    def h_copp(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if len(words) >= 3 and words[1] == "profile":
            self.mfacts["copp_profile"] = None if neg else words[2]

    def h_mac(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if not neg and len(words) >= 3 and words[1] == "access-list":
            self.device.define("mac-acl", words[2], self.loc(node, True))

    def h_time_range(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if not neg:
            self.device.define("time-range", words[1], self.loc(node, True),
                               tuple(c.text.strip() for c in node.children))

    def h_router(self, node: ConfigLine, words: list[str], neg: bool) -> None:
        if not neg:
            self.device.facts.setdefault("routing_protocols", []).append(" ".join(words[1:3]))

    # ------------------------------------------------------------------ after the last line

    def finish_management(self) -> None:
        mgmt = self.mgmt
        facts = self.mfacts
        if self.features:
            on = [n for n, (enabled, _) in self.features.items() if enabled]
            off = [n for n, (enabled, _) in self.features.items() if not enabled]
            facts["features"] = self.device.facts["features"] = on
            if off:
                facts["features_disabled"] = self.device.facts["features_disabled"] = off
        vty = next((ln for ln in mgmt.lines if ln.name == "vty"), None)
        acl = vty.access_class_in if vty is not None else None
        # SSH: on by default ('feature ssh' is not printed)
        ssh_feature = self.features.get("ssh")
        if self.ssh_server is not None and ssh_feature is None:
            ssh_feature = self.ssh_server
        if ssh_feature is not None:
            enabled, loc = ssh_feature
            mgmt.services.append(ManagementService("ssh", enabled=enabled, loc=loc, acl=acl, port=22))
        else:
            mgmt.services.append(ManagementService(
                "ssh", enabled=True, loc=self.ssh_loc, acl=acl, port=22, explicit=False,
                note="NX-OS enables SSH by default ('feature ssh' is not printed)"))
        facts["ssh_version_platform"] = "2"
        # telnet: only with 'feature telnet' (or 'telnet server enable' on NX-OS 4.x)
        telnet = self.features.get("telnet") or self.telnet_server
        if telnet is not None:
            enabled, loc = telnet
            mgmt.services.append(ManagementService("telnet", enabled=enabled, loc=loc, acl=acl, port=23))
        # NX-API
        nxapi = self.features.get("nxapi")
        if nxapi is not None and nxapi[0]:
            loc = nxapi[1]
            https = self.nxapi.get("https")
            if https is None:
                mgmt.services.append(ManagementService(
                    "https", loc=loc, port=443, explicit=False,
                    note="NX-API: feature nxapi listens on HTTPS 443 by default"))
            elif https[0]:
                mgmt.services.append(ManagementService("https", loc=https[2], port=https[1] or 443,
                                                       note="NX-API"))
            http = self.nxapi.get("http")
            if http is not None and http[0]:
                mgmt.services.append(ManagementService("http", loc=http[2], port=http[1] or 80, note="NX-API"))
            facts["nxapi"] = {k: (v if not isinstance(v, tuple) else {"enabled": v[0], "port": v[1]})
                              for k, v in self.nxapi.items()}
        if self.features.get("http-server", (False,))[0]:
            mgmt.services.append(ManagementService("http", loc=self.features["http-server"][1], port=80))
        # SNMP
        if self.community_groups:
            facts["snmp_community_groups"] = [self.community_groups.get(id(c)) for c in mgmt.snmp_communities]
        if mgmt.snmp_communities or mgmt.snmp_users:
            first = (mgmt.snmp_communities or mgmt.snmp_users)[0]
            acls = {c.acl for c in mgmt.snmp_communities}
            svc = ManagementService("snmp", loc=first.loc, version="2c" if mgmt.snmp_communities else "3")
            user_acls = facts.get("snmp_user_acls", {})
            if not mgmt.snmp_communities:
                acls = {user_acls.get(u.name) for u in mgmt.snmp_users}
            if len(acls) == 1:
                svc.acl = next(iter(acls))
            mgmt.services.append(svc)
        # AAA server keys
        for server in mgmt.aaa.servers:
            if server.key is None:
                server.key = self.tacacs_key if server.protocol == "tacacs+" else self.radius_key
        groups = facts.get("aaa_groups", {})
        for info in groups.values():
            for addr in info["servers"]:
                if not any(s.address == addr for s in mgmt.aaa.servers):
                    proto = "tacacs+" if info["protocol"] == "tacacs+" else info["protocol"]
                    mgmt.aaa.servers.append(AaaServer(proto, addr, info["loc"],
                                                      self.tacacs_key if proto == "tacacs+" else self.radius_key))
        # logging: NX-OS timestamps every message
        if mgmt.log_timestamps is None:
            mgmt.log_timestamps = True
            facts.setdefault("log_timestamps_format", "seconds")
        # NTP authentication needs 'ntp authenticate' and a key on every server
        if mgmt.ntp_authenticated:
            keys = facts.get("ntp_server_keys", {})
            mgmt.ntp_authenticated = bool(mgmt.ntp_servers) and all(s in keys for s in mgmt.ntp_servers)
        # enable secrets (feature privilege)
        if self.enable_secrets:
            secret = weakest([s for s, _ in self.enable_secrets])
            mgmt.enable_secret = secret
            mgmt.enable_loc = next(loc for s, loc in self.enable_secrets if s is secret)
        if vty is not None and vty.exec_timeout is None:
            vty.extra["exec_timeout_platform_default"] = True
