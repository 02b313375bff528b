"""Fortinet FortiOS parser: a FortiGate configuration backup (`show` / `show
full-configuration` / the GUI backup file, single or multi-VDOM) into
`netlint.model.Device`. A snippet (one `config ... end` block) is a valid input too.

What is modelled
----------------
* Inventory: the `#config-version=FGT100F-7.0.12-FW-build0523-230626:opmode=0:vdom=0:...`
  header (model, os_version, build), `config system global / set hostname`.
* The block language: `config`/`edit`/`set`/`unset`/`append`/`select`/`unselect`/
  `next`/`end`, double-quoted values with backslash escapes spanning several lines
  (replacement messages, certificates, scripts), multi-value `set`, nested `config`.
  A hand-written tokenizer (no regex per line) keeps a million-line file to seconds.
* VDOMs: `config vdom / edit <name>` and `config global`. Each VDOM's IPv4 and IPv6
  firewall policies form one `Filter` (kind 'security-policy', stateful, implicit deny):
  named `policy` when the device has a single VDOM, else `vdom:<name>`. Local-in
  policies form a separate filter `local-in` (`local-in:<vdom>`).
* Interfaces (addresses, secondary addresses, IPv6, role, allowaccess, VLAN, parent,
  status, alias), zones (`config system zone`, SD-WAN zones), static routes.
* Objects: addresses (ipmask, iprange, wildcard, fqdn/geography/dynamic/mac as
  unresolved, interface-subnet), groups (nested, `exclude-member` subtracted exactly for
  ranges), IPv6 addresses and groups, VIPs and VIP groups, custom services (dst:src
  port ranges, ICMP type/code, IP protocol number), service groups, the FortiOS
  predefined services, addresses and schedules when the config does not list them,
  one-time/recurring schedules and schedule groups.
* Policies: evaluated in config order (not by id); srcintf/dstintf -> src/dst zones
  (a zone name stands for itself and its member interfaces, so a query may name
  either), address and service negation, `status disable`, schedules (expired or not),
  `policy-expiry-date`, logtraffic, comments, users/groups, security profiles, NAT.
* Management: admins (profile -> privilege, password storage, trusthosts, two-factor,
  remote auth), `system global` (telnet switch, ports, admintimeout, banners, private
  data encryption...), RADIUS/TACACS+/LDAP servers, syslog and FortiAnalyzer, NTP,
  SNMP communities (hosts) and users, and one ManagementService per interface and
  allowaccess protocol whose allowed sources are the union of admin trusthosts (SNMP:
  the community hosts).
* Wireless SSIDs (`Device.wireless`) and remote-access VPNs (`Device.remote_access`:
  SSL-VPN, dial-up IPsec) with their factors and crypto; the same and more as dicts in
  `Device.facts` (VIPs for a NAT inventory, all IPsec tunnels, DoS policies, VDOMs,
  opmode, central NAT).

Decisions worth knowing
-----------------------
* Policy order is the order of `edit` entries in the file (FortiOS evaluates top-down in
  the displayed order; `move` changes it, ids are only names). Rule.name is the policy id.
* VIPs: FortiOS applies destination NAT before the policy lookup (Fortinet KB "DENY
  policy for Virtual IP firewall policy"), so a policy naming a VIP as destination
  matches the *mapped* (internal) address and, for port forwarding, the mapped port.
  Rule.dst holds the mapped addresses; queries must give the translated destination.
  `Rule.extra['vips']` names the VIPs; `Device.facts['vips']` keeps extip/mappedip/ports.
  A deny policy without `match-vip enable` does not match VIP traffic on the box:
  `Rule.extra['match_vip']` says so (not modelled in the match).
* Predefined objects (services ALL, HTTP..., addresses all/none/SSLVPN_TUNNEL_ADDR1...,
  schedules always/none) are neither defined nor referenced in the model, so a factory
  backup yields no unused-object noise and a snippet no undefined-reference noise.
* Schedule `always` -> Rule.time_range None (no time restriction; the name stays in
  `extra['schedule']`). A one-time schedule whose end is before now -> expired.
* logtraffic: all -> log; utm (the default) -> log for accept policies (security events
  and sessions with UTM), not for deny policies; disable -> no log.
* Security profiles (`Rule.profiles`: av, ips, url, app, dns, waf, ssl, email, dlp, file,
  voip, icap, video, ssh, casb, group) count only with `utm-status enable` (as on the
  box); otherwise they are kept in `extra['inactive_profiles']`. A `profile-group` is
  expanded from `config firewall profile-group` when defined.
* Admin passwords `ENC SH2...` -> 'sha256', `ENC PB2...` -> 'pbkdf2', `ENC AK1...` ->
  'sha1', other `ENC` admin values -> 'hash'. Every other `ENC` secret (PSK, RADIUS
  secret, LDAP password, user passwd, wireless passphrase) is reversible with the fixed
  FortiOS key -> 'reversible', or 'encrypted' with `private-data-encryption enable`.
* Trusthosts: an admin with no IPv4 trusthost (or 0.0.0.0 0.0.0.0) may log in from
  anywhere, and then every address reaches the login prompt (union of trusthosts).
  IPv6 trusthosts default to ::/0 and matter only where `ip6-allowaccess` is set.
  Trusthosts govern ping, http, https, ssh and telnet; SNMP answers the community hosts
  (any host for SNMPv3 users) within the trusthosts; fgfm and the other allowaccess
  services are limited by nothing the config shows (local-in policies aside).
* `admin-telnet` defaults to enable (the switch gates `allowaccess telnet`).
* Local-in policies: traffic no local-in policy matches is handled by the interface
  allowaccess/trusthost logic, so the `local-in` filter's default is PERMIT with a note
  saying so (`Filter.extra['default_defers_to'] = 'allowaccess'`, hook 'input'): local-in
  policies are mostly denies, which a DENY default would all make "redundant".
* Zone `intrazone allow` is recorded (`Filter.extra['intrazone_allow']`), not modelled
  as a rule.
* Command accounting: FortiOS event-logs every configuration change (who, from where,
  which object); with a remote syslog/FortiAnalyzer host enabled (and event logging not
  switched off) that record leaves the box, so `Aaa.accounting_commands` is True; so it
  is with `config log tacacs+accounting setting`.
* Wireless: `security` wpa-personal/wpa-only-personal -> 'wpa-psk' (WPA1 allowed),
  wpa3-sae-transition -> 'wpa2-psk' (WPA2 clients allowed); a guest SSID (name with
  guest/visitor, or a captive portal) with `local-bridging enable` -> bridged_internal
  (its traffic reaches the AP's wired network without crossing a firewall policy).
* SSL-VPN: `algorithm low` admits every cipher suite -> encryption ['des', '3des',
  'rc4']; mfa False when a local user of the portal groups has no two-factor, None when
  users come from RADIUS/LDAP (the server decides).

What is recognised but not modelled (no warning): every other `config` block of a
known FortiOS category (dhcp, routing protocols, security profile contents, replacement
messages, certificates, automation, switch/wireless controller...). Object names used
in such blocks (proxy, shaping, multicast policies, SD-WAN rules, central SNAT) are
recorded as references with context 'mentioned'.

`Device.facts` keys: header (dict), build, vdom_mode, vdoms, opmode, profile_kinds,
  vdom_settings, central_nat / ngfw_mode / inspection_mode (per VDOM), ha (dict), sdwan,
  vips (list of dicts: vdom, name, family, type, extip, mappedip, extintf, portforward,
  protocol, extport, mappedport, src_filter, mapped_addr, line), remote_access (list of
  dicts, SSL-VPN and dial-up IPsec), ipsec_tunnels (every phase1 with its phase2s),
  ssl_vpn_users, user_groups, wireless (list of dicts), dos_policies, local_in_policies
  (count per VDOM), zones_by_vdom, intrazone_allow, disabled_routes, password_policy,
  autoupdate, security_profiles_defined (kind -> names), private_data_encryption.
`Management.facts` keys: system_global (every `set` of config system global, secrets
  redacted), timezone, admin_telnet, admin_ports, admin_https_redirect, admin_lockout,
  strong_crypto, admin_ssh_v1, admin_profiles (accprofile permissions), remote_admins,
  ldap_servers, log_hosts_disabled, fortianalyzer, log_settings (log setting, disk,
  memory, eventfilter, fortiguard, tacacs+accounting), command_accounting, ntp,
  snmp_sysinfo, snmp_disabled_communities.
`Filter.extra`: vdom, tables, intrazone_allow, default_logged (fwpolicy-implicit-log),
  default_logged_line; the local-in filter: default_defers_to = 'allowaccess'.
`Rule.extra`: vdom, policy_id, table (policy|policy6|security-policy|consolidated|
  local-in-policy), name, schedule, schedule_not_yet_active, schedule_never_active, nat,
  ippool, poolname, vips, match_vip, send_deny_packet, logtraffic, inactive_profiles,
  inspection_mode, unresolved_services, unmapped_applications, vpntunnel,
  internet_service, policy_expiry_date, incomplete.
`Interface.extra`: vdom, type, alias, parent, mode, management_only (`dedicated-to
  management`), ip6_allowaccess, secondary_allowaccess, allowaccess_loc.
`LocalUser.extra`: remote_auth, remote_group, wildcard, two_factor_method.
"""

from __future__ import annotations

import gc
import ipaddress
import re
from datetime import datetime
from pathlib import PurePath
from typing import Any

from netlint.model import (
    ANY_SERVICE, DENY, MAX_ADDR, PERMIT,
    AaaServer, AddressRange, AddressSet, AddressWildcard, Device, Filter, Interface,
    InterfaceAddress, LocalUser, Location, LogHost, ManagementService, ParseError, RemoteAccess, Route,
    Rule, Secret, Service, SnmpCommunity, SnmpUser, WirelessNetwork, Zone, port_ranges_not,
)
from parsers.common import redact

__all__ = ["PARSER", "FortiosParser", "PREDEFINED_SERVICES", "fortios_redact", "split_line"]

ALL4 = AddressRange(4, 0, MAX_ADDR[4])
ALL6 = AddressRange(6, 0, MAX_ADDR[6])

# --------------------------------------------------------------------------- tables

# FortiOS factory-default custom services (FortiOS 6.x/7.x `config firewall service
# custom` of a fresh unit). Syntax: 'tcp|udp|sctp <dst[:src]>...', 'icmp[6] [type]',
# 'ip <protocol-number>' (0 = every protocol); ';' separates protocols.
PREDEFINED_SERVICES: dict[str, str] = {
    "ALL": "ip 0", "ALL_TCP": "tcp 1-65535", "ALL_UDP": "udp 1-65535", "ALL_ICMP": "icmp", "ALL_ICMP6": "icmp6",
    "GRE": "ip 47", "AH": "ip 51", "ESP": "ip 50", "AOL": "tcp 5190-5194", "BGP": "tcp 179",
    "DHCP": "udp 67-68", "DNS": "tcp 53;udp 53", "FINGER": "tcp 79", "FTP": "tcp 21", "FTP_GET": "tcp 21",
    "FTP_PUT": "tcp 21", "GOPHER": "tcp 70", "H323": "tcp 1720 1503;udp 1719", "HTTP": "tcp 80",
    "HTTPS": "tcp 443", "IKE": "udp 500 4500", "IMAP": "tcp 143", "IMAPS": "tcp 993",
    "Internet-Locator-Service": "tcp 389", "IRC": "tcp 6660-6669", "L2TP": "tcp 1701;udp 1701",
    "LDAP": "tcp 389", "NetMeeting": "tcp 1720", "NFS": "tcp 111 2049;udp 111 2049", "NNTP": "tcp 119",
    "NTP": "tcp 123;udp 123", "OSPF": "ip 89", "PC-Anywhere": "tcp 5631;udp 5632", "PING": "icmp 8",
    "TIMESTAMP": "icmp 13", "INFO_REQUEST": "icmp 15", "INFO_ADDRESS": "icmp 17",
    "ONC-RPC": "tcp 111;udp 111", "DCE-RPC": "tcp 135;udp 135", "POP3": "tcp 110", "POP3S": "tcp 995",
    "PPTP": "tcp 1723", "QUAKE": "udp 26000 27000 27910 27960", "RAUDIO": "udp 7070", "REXEC": "tcp 512",
    "RIP": "udp 520", "RLOGIN": "tcp 513:512-1023", "RSH": "tcp 514:512-1023", "SCCP": "tcp 2000",
    "SIP": "tcp 5060;udp 5060", "SIP-MSNmessenger": "tcp 1863", "SAMBA": "tcp 139", "SMTP": "tcp 25",
    "SMTPS": "tcp 465", "SNMP": "tcp 161-162;udp 161-162", "SSH": "tcp 22", "SYSLOG": "udp 514",
    "TALK": "udp 517-518", "TELNET": "tcp 23", "TFTP": "udp 69", "MGCP": "udp 2427 2727", "UUCP": "tcp 540",
    "VDOLIVE": "tcp 7000-7010", "WAIS": "tcp 210", "WINFRAME": "tcp 1494 2598", "X-WINDOWS": "tcp 6000-6063",
    "PING6": "icmp6 128", "MS-SQL": "tcp 1433 1434", "MYSQL": "tcp 3306", "RDP": "tcp 3389", "VNC": "tcp 5900",
    "DHCP6": "udp 546 547", "SQUID": "tcp 3128", "SOCKS": "tcp 1080;udp 1080", "WINS": "tcp 1512;udp 1512",
    "RADIUS": "udp 1812 1813", "RADIUS-OLD": "udp 1645 1646", "CVSPSERVER": "tcp 2401;udp 2401",
    "AFS3": "tcp 7000-7009;udp 7000-7009", "TRACEROUTE": "udp 33434-33535",
    "RTSP": "tcp 554 7070 8554;udp 554", "MMS": "tcp 1755;udp 1024-5000", "KERBEROS": "tcp 88 464;udp 88 464",
    "LDAP_UDP": "udp 389", "SMB": "tcp 445", "NONE": "tcp 0", "webproxy": "proxy",
}
PREDEFINED_SERVICE_GROUPS: dict[str, tuple[str, ...]] = {
    "Email Access": ("DNS", "IMAP", "IMAPS", "POP3", "POP3S", "SMTP", "SMTPS"),
    "Web Access": ("DNS", "HTTP", "HTTPS"),
    "Windows AD": ("DCE-RPC", "DNS", "KERBEROS", "LDAP", "LDAP_UDP", "SAMBA", "SMB"),
    "Exchange Server": ("DCE-RPC", "DNS", "HTTPS"),
}
# Factory-default addresses: value = items, or None when they cannot be resolved.
PREDEFINED_ADDR4: dict[str, tuple | None] = {
    "all": (ALL4,), "none": (AddressRange(4, 0, 0),),
    "SSLVPN_TUNNEL_ADDR1": (AddressRange(4, int(ipaddress.IPv4Address("10.212.134.200")),
                                         int(ipaddress.IPv4Address("10.212.134.210"))),),
    "FIREWALL_AUTH_PORTAL_ADDRESS": None, "FABRIC_DEVICE": None, "login.microsoftonline.com": None,
    "login.microsoft.com": None, "login.windows.net": None, "gmail.com": None,
    "wildcard.google.com": None, "wildcard.dropbox.com": None, "G Suite": None, "Microsoft Office 365": None,
}
PREDEFINED_ADDR6: dict[str, tuple | None] = {
    "all": (ALL6,), "none": (AddressRange(6, 0, 0),),
    "SSLVPN_TUNNEL_IPv6_ADDR1": (AddressRange.from_network("fdff:ffff::/120"),),
}
PREDEFINED_SCHEDULES = frozenset({"always", "none", "default-darrp-optimize"})

# Admin profiles and what they are worth in Cisco privilege terms.
PROFILE_PRIVILEGE = {"super_admin": 15, "prof_admin": 15, "super_admin_readonly": 1}

# Policy keys naming security profiles -> Rule.profiles key.
PROFILE_KEYS = {
    "av-profile": "av", "ips-sensor": "ips", "webfilter-profile": "url", "application-list": "app",
    "dnsfilter-profile": "dns", "waf-profile": "waf", "ssl-ssh-profile": "ssl", "emailfilter-profile": "email",
    "spamfilter-profile": "email", "dlp-sensor": "dlp", "dlp-profile": "dlp", "file-filter-profile": "file",
    "voip-profile": "voip", "icap-profile": "icap", "videofilter-profile": "video",
    "ssh-filter-profile": "ssh", "casb-profile": "casb", "cifs-profile": "cifs",
    "sctp-filter-profile": "sctp", "ips-voip-filter": "voip-ips", "diameter-filter-profile": "diameter",
    "virtual-patch-profile": "virtual-patch",
}
_PROFILE_KEY_SET = frozenset(PROFILE_KEYS)
# What else a `config firewall profile-group` entry holds besides the profiles.
_PROFILE_GROUP_OTHER_KEYS = frozenset({"profile-protocol-options", "mms-profile", "uuid", "comment", "comments"})
# What FortiOS can attach to a firewall policy (Device.facts['profile_kinds']).
PROFILE_KINDS = ("ips", "av", "url", "waf", "app", "dns", "ssl", "email", "dlp", "file", "voip", "icap", "video",
                 "ssh", "casb")
PROFILE_BLOCKS = {
    "antivirus profile": "av", "ips sensor": "ips", "webfilter profile": "url", "application list": "app",
    "dnsfilter profile": "dns", "waf profile": "waf", "firewall ssl-ssh-profile": "ssl",
    "emailfilter profile": "email", "dlp sensor": "dlp", "dlp profile": "dlp", "file-filter profile": "file",
    "voip profile": "voip", "icap profile": "icap", "videofilter profile": "video", "ssh-filter profile": "ssh",
}

# Top-level categories of FortiOS configuration trees: a `config <category> ...` block
# of one of these that is not modelled is recognised and silent.
KNOWN_CATEGORIES = frozenset("""
    system firewall router vpn user log antivirus webfilter ips application dnsfilter waf
    wireless-controller switch-controller endpoint-control report alertemail dlp spamfilter
    emailfilter voip icap videofilter web-proxy ftp-proxy wanopt authentication certificate
    extender-controller extension-controller gtp ssh-filter file-filter sctp-filter ztna
    credential-store cifs casb virtual-patch rule automation dpdk hardware ips-urlfilter
    nsxt sdn-connector webfilter-profile vdom global wireless monitoring diameter-filter
    extender netflow sflow ethernet-oam icap-profile pfcp ipsec telemetry-controller
""".split())

# wireless-controller vap `set security` -> WirelessNetwork.security
WIFI_SECURITY = {
    "open": "open", "captive-portal": "open", "owe": "owe", "wep64": "wep", "wep128": "wep",
    "wpa-personal": "wpa-psk", "wpa-only-personal": "wpa-psk", "wpa-personal+captive-portal": "wpa-psk",
    "wpa-only-personal+captive-portal": "wpa-psk", "wpa2-only-personal": "wpa2-psk",
    "wpa2-only-personal+captive-portal": "wpa2-psk", "wpa3-sae-transition": "wpa2-psk", "wpa3-sae": "wpa3-sae",
    "wpa-enterprise": "wpa-enterprise", "wpa-only-enterprise": "wpa-enterprise",
    "wpa2-only-enterprise": "wpa2-enterprise", "wpa3-enterprise": "wpa3-enterprise",
    "wpa3-only-enterprise": "wpa3-enterprise", "wpa3-enterprise-transition": "wpa2-enterprise",
}
WIFI_CIPHER = {"TKIP": "tkip", "AES": "aes", "TKIP-AES": "tkip-aes", "CCMP": "aes", "GCMP": "gcmp"}
# vpn ssl settings `set algorithm`: 'low' admits every cipher suite, the weak ones included.
SSL_ALGORITHM_WEAK = {"low": ["des", "3des", "rc4"]}
TLS_VERSIONS = {"tls1-0": "1.0", "tls1-1": "1.1", "tls1-2": "1.2", "tls1-3": "1.3"}

_CLI_COMMANDS = frozenset({"delete", "rename", "move", "purge", "clone", "show", "get", "execute", "diagnose"})

_MONTH = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_HEADER = re.compile(
    r"^#config-version=\s*(?P<model>[^:\s]+?)-(?P<ver>\d+\.\d+(?:\.\d+)?)-FW-build(?P<build>\d+)-(?P<date>\d+)(?P<rest>(?::\S*)*)\s*$"
)

# Keys whose values are secrets (in `set` lines kept as Location.text).
_SECRET_SET = re.compile(
    r"^(\s*set\s+(?:[\w-]*(?:passw(?:or)?d|secret|psk|pwd|passphrase|private-key|token)[\w-]*|key|[\w-]+-key)\s+)(.*)$",
    re.I,
)


# A cheap pre-test: lines without any of these cannot hold a secret value.
_MAYBE_SECRET = re.compile(r"pass|secret|psk|pwd|key|token|communit|ENC|\$9\$", re.I)


def fortios_redact(text: str) -> str:
    """A config line with FortiOS secret values replaced by <redacted> (then the shared
    redaction for anything vendor-neutral)."""
    m = _SECRET_SET.match(text)
    if m:
        text = m.group(1) + "<redacted>"
    return redact(text)

# Keys each modelled table accepts: the attributes of the FortiOS CLI tables as documented
# for FortiOS 6.0-7.6 (names only), plus a few the documentation omits. A key outside
# these in a modelled block is a parse warning ('setting not understood').
_KNOWN_KEYS_TEXT = {
    "policy": """
        action anti-replay app-category app-group app-monitor application application-list auth-cert auth-path
        auth-redirect-addr auto-asic-offload av-profile block-notification captive-portal-exempt capture-packet
        casb-profile cifs-profile comments custom-log-fields custom-tags decrypted-traffic-mirror
        delay-tcp-npu-session devices diameter-filter-profile diffserv-copy diffserv-forward diffserv-reverse
        diffservcode-forward diffservcode-rev disclaimer dlp-profile dlp-sensor dnsfilter-profile dsri dstaddr
        dstaddr-negate dstaddr4 dstaddr6 dstaddr6-negate dstintf dynamic-shaping email-collect emailfilter-profile
        enforce-default-app-port fabric-force-sync fabric-object fabric-object-source fabric-policy fec
        file-filter-profile firewall-session-dirty fixedport fsso fsso-agent-for-ntlm fsso-groups geoip-anycast
        geoip-match global-label groups http-policy-redirect icap-profile identity-based-route inbound
        inspection-mode internet-service internet-service-custom internet-service-custom-group
        internet-service-fortiguard internet-service-group internet-service-id internet-service-name
        internet-service-negate internet-service-src internet-service-src-custom internet-service-src-custom-group
        internet-service-src-fortiguard internet-service-src-group internet-service-src-id internet-service-src-name
        internet-service-src-negate internet-service6 internet-service6-custom internet-service6-custom-group
        internet-service6-fortiguard internet-service6-group internet-service6-name internet-service6-negate
        internet-service6-src internet-service6-src-custom internet-service6-src-custom-group
        internet-service6-src-fortiguard internet-service6-src-group internet-service6-src-name
        internet-service6-src-negate ippool ips-sensor ips-voip-filter label learning-mode llm-profile
        log-http-transaction logtraffic logtraffic-start match-vip match-vip-only name nat nat46 nat64 natinbound
        natip natoutbound network-service-dynamic network-service-src-dynamic np-acceleration ntlm
        ntlm-enabled-browsers ntlm-guest outbound passive-wan-health-measurement pcp-inbound pcp-outbound
        pcp-poolname per-ip-shaper permit-any-host permit-stun-host policy-expiry policy-expiry-date
        policy-expiry-date-utc policyid poolname poolname6 port-preserve port-random profile-group
        profile-protocol-options profile-type radius-ip-auth-bypass radius-mac-auth-bypass redirect-url
        replacemsg-override-group reputation-direction reputation-direction6 reputation-minimum reputation-minimum6
        rsso rtp-addr rtp-nat saml-server scan-botnet-connections schedule schedule-timeout scim scim-groups
        scim-users sctp-filter-profile send-deny-packet service service-negate session-ttl sgt sgt-check
        skip-vrf-match spamfilter-profile src-vendor-mac srcaddr srcaddr-negate srcaddr4 srcaddr6 srcaddr6-negate
        srcintf ssh-filter-profile ssh-policy-redirect ssl-mirror ssl-mirror-intf ssl-ssh-profile status
        tcp-mss-receiver tcp-mss-sender tcp-session-without-syn telemetry-profile timeout-send-rst tos tos-mask
        tos-negate traffic-shaper traffic-shaper-reverse update-if-exist url-category url-category-unitary users
        utm-status uuid videofilter-profile virtual-patch-profile vlan-cos-fwd vlan-cos-rev vlan-filter voip-profile
        vpntunnel waf-profile wanopt wanopt-detection wanopt-passive-opt wanopt-peer wanopt-profile wccp webcache
        webcache-https webfilter-profile webproxy-forward-server webproxy-profile wsso ztna-destination
        ztna-device-ownership ztna-ems-tag ztna-ems-tag-negate ztna-ems-tag-secondary ztna-ems-tag6 ztna-geo-tag
        ztna-policy-redirect ztna-status ztna-tags-match-logic
    """,
    "local-in-policy": """
        action comments custom-tags dstaddr dstaddr-negate ha-mgmt-intf-only internet-service-src
        internet-service-src-custom internet-service-src-custom-group internet-service-src-fortiguard
        internet-service-src-group internet-service-src-name internet-service-src-negate internet-service6-src
        internet-service6-src-custom internet-service6-src-custom-group internet-service6-src-fortiguard
        internet-service6-src-group internet-service6-src-name internet-service6-src-negate intf intf-block
        logtraffic policyid schedule service service-negate srcaddr srcaddr-negate status update-if-exist uuid
        virtual-patch
    """,
    "address": """
        agent-id allow-routing associated-interface cache-ttl clearpass-spt color comment country custom-tags
        display-with end-ip end-mac epg-name fabric-force-sync fabric-object fabric-object-source filter fqdn
        fsso-group host host-type hw-model hw-vendor hw-version interface ip6 ipam-allocate-unique list macaddr
        managed-subnetwork-size name node-ip-only obj-id obj-tag obj-type organization os passive-fqdn-learning
        policy-group route-tag sdn sdn-addr-type sdn-tag sso-attribute-value start-ip start-mac sub-type subnet
        subnet-name subnet-segment sw-version tag-detection-level tag-type tagging template tenant type
        update-if-exist uuid visibility wildcard wildcard-fqdn
    """,
    "addrgrp": """
        allow-routing category color comment custom-tags display-with exclude exclude-member fabric-force-sync
        fabric-object fabric-object-source member name tagging type update-if-exist uuid visibility
    """,
    "vip": """
        add-nat46-route add-nat64-route arp-reply auth-portal auth-virtual-host client-cert color comment
        dns-mapping-ttl embedded-ipv4-address empty-cert-action extaddr extintf extip extport
        gratuitous-arp-interval gslb-domain-name gslb-hostname gslb-public-ips h2-support h3-support http-cookie-age
        http-cookie-domain http-cookie-domain-from-host http-cookie-generation http-cookie-path http-cookie-share
        http-ip-header http-ip-header-name http-multiplex http-multiplex-max-concurrent-request
        http-multiplex-max-request http-multiplex-ttl http-redirect http-supported-max-version https-cookie-secure
        ipv4-mappedip ipv4-mappedport ipv6-mappedip ipv6-mappedport ldb-method log-blocked-traffic mapped-addr
        mappedip mappedport max-embryonic-connections monitor name nat-source-vip nat44 nat46 nat64 nat66 ndp-reply
        one-click-gslb-server outlook-web-access persistence portforward portmapping-type protocol quic realservers
        server-type service src-filter src-vip-filter srcintf-filter ssl-accept-ffdhe-groups ssl-algorithm
        ssl-certificate ssl-cipher-suites ssl-client-fallback ssl-client-rekey-count ssl-client-renegotiation
        ssl-client-session-state-max ssl-client-session-state-timeout ssl-client-session-state-type ssl-dh-bits
        ssl-hpkp ssl-hpkp-age ssl-hpkp-backup ssl-hpkp-include-subdomains ssl-hpkp-primary ssl-hpkp-report-uri
        ssl-hsts ssl-hsts-age ssl-hsts-include-subdomains ssl-http-location-conversion ssl-http-match-host
        ssl-http-strip-secure-cookies ssl-max-version ssl-min-version ssl-mode ssl-pfs ssl-send-empty-frags
        ssl-server-algorithm ssl-server-cipher-suites ssl-server-client-certificate ssl-server-max-version
        ssl-server-min-version ssl-server-renegotiation ssl-server-session-state-max
        ssl-server-session-state-timeout ssl-server-session-state-type ssl-upstream status type update-if-exist
        user-agent-detect uuid weblogic-server websphere-server
    """,
    "vipgrp": """
        color comments interface member name update-if-exist uuid
    """,
    "service custom": """
        app-category app-service-type application category check-reset-range color comment fabric-force-sync
        fabric-object fabric-object-source fqdn helper icmpcode icmptype iprange name protocol protocol-number proxy
        sctp-portrange session-ttl tcp-halfclose-timer tcp-halfopen-timer tcp-portrange tcp-rst-timer
        tcp-timewait-timer udp-idle-timer udp-portrange udplite-portrange update-if-exist uuid visibility
    """,
    "service group": """
        color comment fabric-force-sync fabric-object fabric-object-source member name proxy update-if-exist uuid
    """,
    "schedule": """
        color day end end-utc expiration-days fabric-force-sync fabric-object fabric-object-source label-day member
        name start start-utc update-if-exist uuid
    """,
    "interface": """
        ac-name aggregate aggregate-type algorithm alias allowaccess ap-discover arp-egress-cos arpforward auth-cert
        auth-portal-addr auth-type auto-auth-extension-device autogenerated bandwidth-measure-time bfd
        bfd-desired-min-tx bfd-detect-mult bfd-required-min-rx broadcast-forticlient-discovery broadcast-forward
        captive-portal cli-conn-status client-options color dedicated-to default-purdue-level defaultgw description
        detected-peer-mtu detectprotocol detectserver device-access-list device-identification
        device-identification-active-scan device-netscan device-user-identification devindex dhcp-broadcast-flag
        dhcp-classless-route-addition dhcp-client-identifier dhcp-egress-cos dhcp-relay-agent-option
        dhcp-relay-allow-no-end-option dhcp-relay-circuit-id dhcp-relay-interface dhcp-relay-interface-select-method
        dhcp-relay-ip dhcp-relay-link-selection dhcp-relay-request-all-server dhcp-relay-service
        dhcp-relay-source-ip dhcp-relay-type dhcp-relay-vrf-select dhcp-renew-time dhcp-smart-relay
        dhcp-snooping-server-list disc-retry-timeout disconnect-threshold distance dns-server-override
        dns-server-protocol drop-fragment drop-overlapped-fragment eap-ca-cert eap-identity eap-method eap-password
        eap-supplicant eap-user-cert egress-shaping-profile endpoint-compliance estimated-downstream-bandwidth
        estimated-upstream-bandwidth exclude-signatures explicit-ftp-proxy explicit-web-proxy external
        fail-action-on-extender fail-alert-interfaces fail-alert-method fail-detect fail-detect-option
        fortiheartbeat fortilink fortilink-backup-link fortilink-neighbor-detect fortilink-split-interface
        fortilink-stacking forward-domain forward-error-correction gwdetect ha-priority icmp-accept-redirect
        icmp-send-redirect ident-accept idle-timeout ike-saml-server inbandwidth inbandwidth-source
        ingress-shaping-profile ingress-spillover-threshold interface internal ip ip-managed-by-fortiipam
        ipam-conflicts ipmac ips-sniffer-mode ipunnumbered ipv6 l2forward lacp-ha-secondary lacp-ha-slave lacp-mode
        lacp-speed lcp-echo-interval lcp-max-echo-fails link-up-delay lldp-network-policy lldp-reception
        lldp-transmission macaddr managed-device managed-subnetwork-size management-ip measured-downstream-bandwidth
        measured-upstream-bandwidth mediatype member min-links min-links-down mirroring-direction mirroring-filter
        mirroring-port mode monitor-bandwidth mrru mtu mtu-override multilink name ndiscforward netbios-forward
        netflow-sample-rate netflow-sampler netflow-sampler-id np-qos-profile outbandwidth outbandwidth-source
        padt-retry-timeout password phy-setting ping-serv-status polling-interval port-mirroring pppoe-egress-cos
        pppoe-unnumbered-negotiate pptp-auth-type pptp-client pptp-password pptp-server-ip pptp-timeout pptp-user
        preserve-session-route priority priority-override proxy-captive-portal reachable-time redundant-interface
        remote-ip replacemsg-override-group ring-rx ring-tx role sample-direction sample-rate
        scan-botnet-connections secondary-ip secondaryip security-8021x-dynamic-vlan-id security-8021x-master
        security-8021x-member-mode security-8021x-mode security-exempt-list security-external-logout
        security-external-web security-groups security-ip-auth-bypass security-mac-auth-bypass security-mode
        security-redirect-url service-name sflow-sampler snmp-index speed spillover-threshold src-check status stp
        stp-edge stp-ha-secondary stpforward stpforward-mode subst substitute-dst-mac swc-first-create switch
        switch-controller-access-vlan switch-controller-arp-inspection switch-controller-dhcp-snooping
        switch-controller-dhcp-snooping-option82 switch-controller-dhcp-snooping-verify-mac
        switch-controller-dynamic switch-controller-feature switch-controller-fortilink-settings
        switch-controller-igmp-snooping switch-controller-igmp-snooping-fast-leave
        switch-controller-igmp-snooping-proxy switch-controller-iot-scanning switch-controller-learning-limit
        switch-controller-mgmt-vlan switch-controller-nac switch-controller-netflow-collect
        switch-controller-offload switch-controller-offload-gw switch-controller-offload-ip
        switch-controller-rspan-mode switch-controller-source-ip switch-controller-traffic-policy system-id
        system-id-type tagging tcp-mss telemetry-discover trunk trust-ip-1 trust-ip-2 trust-ip-3 trust-ip6-1
        trust-ip6-2 trust-ip6-3 type update-if-exist username vdom vindex virtual-mac vlan-protocol vlanforward
        vlanid vrf vrrp vrrp-virtual-mac wccp weight wins-ip
    """,
    "interface ipv6": """
        autoconf client-options dhcp6-client-options dhcp6-egress-cos dhcp6-iapd-list dhcp6-information-request
        dhcp6-prefix-delegation dhcp6-prefix-hint dhcp6-prefix-hint-plt dhcp6-prefix-hint-vlt
        dhcp6-relay-interface-id dhcp6-relay-ip dhcp6-relay-service dhcp6-relay-source-interface
        dhcp6-relay-source-ip dhcp6-relay-type icmp6-send-redirect interface-identifier ip6-address ip6-adv-rio
        ip6-allowaccess ip6-default-life ip6-delegated-prefix-iaid ip6-delegated-prefix-list ip6-dns-server-override
        ip6-dnssl-list ip6-extra-addr ip6-hop-limit ip6-link-local ip6-link-mtu ip6-manage-flag ip6-max-interval
        ip6-mgmt-address ip6-min-interval ip6-mode ip6-other-flag ip6-prefix-list ip6-prefix-mode ip6-rdnss-list
        ip6-reachable-time ip6-retrans-time ip6-route-list ip6-route-pref ip6-send-adv ip6-subnet
        ip6-upstream-interface nd-cert nd-cga-modifier nd-mode nd-security-level nd-timestamp-delta
        nd-timestamp-fuzz ra-send-mtu unique-autoconf-addr vrip6-link-local vrrp-virtual-mac6 vrrp6
    """,
    "interface secondaryip": """
        allowaccess detectprotocol detectserver gwdetect ha-priority id ip ping-serv-status secip-relay-ip
    """,
    "zone": """
        description fabric-force-sync fabric-object fabric-object-source interface intrazone name tagging
        update-if-exist uuid
    """,
    "static": """
        bfd blackhole comment device devindex distance dst dstaddr dynamic-gateway gateway internet-service
        internet-service-custom internet-service-fortiguard link-monitor-exempt preferred-source priority sdwan
        sdwan-zone seq-num src status tag update-if-exist virtual-wan-link vrf weight
    """,
    "admin": """
        accprofile accprofile-override allow-remove-admin-session comments disallowed-login-methods email-to
        force-password-change fortitoken guest-auth guest-lang guest-usergroups gui-custom-theme gui-dashboard
        gui-global-menu-favorites gui-llm-provider gui-new-feature-acknowledge gui-theme gui-theme-type
        gui-vdom-menu-favorites hidden history0 history1 ip6-trusthost1 ip6-trusthost10 ip6-trusthost2
        ip6-trusthost3 ip6-trusthost4 ip6-trusthost5 ip6-trusthost6 ip6-trusthost7 ip6-trusthost8 ip6-trusthost9
        login-time name openai-api-key openai-api-key-part2 openai-model openai-org-id openai-project-id password
        password-expire peer-auth peer-group radius-vdom-override remote-auth remote-group schedule
        sms-custom-server sms-phone sms-server ssh-certificate ssh-public-key1 ssh-public-key2 ssh-public-key3
        trusthost1 trusthost10 trusthost2 trusthost3 trusthost4 trusthost5 trusthost6 trusthost7 trusthost8
        trusthost9 two-factor two-factor-authentication two-factor-notification update-if-exist vdom vdom-override
        wildcard
    """,
    "global": """
        admin-concurrent admin-console-timeout admin-forticloud-sso-default-profile admin-forticloud-sso-login
        admin-host admin-hsts-max-age admin-http-json-request-limit admin-http-login-request-size-limit
        admin-http-rate-limit-exempt-auth admin-http-rate-limit-max-requests admin-http-request-body-timeout
        admin-http-request-header-timeout admin-http-unauthenticated-request-body-timeout admin-https-pki-required
        admin-https-redirect admin-https-ssl-banned-ciphers admin-https-ssl-ciphersuites admin-https-ssl-versions
        admin-lockout-duration admin-lockout-threshold admin-login-max admin-maintainer admin-port
        admin-restrict-local admin-scp admin-server-cert admin-sport admin-ssh-grace-time admin-ssh-password
        admin-ssh-port admin-ssh-v1 admin-telnet admin-telnet-port admintimeout alias allow-traffic-redirect
        anti-replay application-bandwidth-tracking arp-max-entry asymroute auth-cert auth-http-port auth-https-port
        auth-ike-saml-port auth-keepalive auth-session-auto-backup auth-session-auto-backup-interval
        auth-session-limit auto-auth-extension-device autorun-log-fsck av-affinity av-failopen av-failopen-session
        batch-cmdb bfd-affinity block-session-timer br-fdb-max-entry cert-chain-max cfg-revert-timeout cfg-save
        check-protocol-header check-reset-range cli-audit-log cloud-communication clt-cert-req cmdbsvr-affinity
        compliance-check compliance-check-time cpu-use-threshold csr-ca-attribute daily-restart
        default-service-source-port delay-tcp-npu-session device-identification-active-scan-delay
        device-idle-timeout dh-params dhcp-lease-backup-interval dnsproxy-worker-count dst early-tcp-npu-session
        edit-vdom-prompt endpoint-control-fds-access endpoint-control-portal-port
        extender-controller-reserved-network failtime faz-disk-buffer-size fds-statistics fds-statistics-period
        fec-port fgd-alert-subscription forticonverter-config-upload forticonverter-integration fortiextender
        fortiextender-data-port fortiextender-discovery-lockdown fortiextender-provision-on-authorization
        fortiextender-vlan-mode fortigslb-integration fortiipam-integration fortiservice-port fortitoken-cloud
        fortitoken-cloud-push-status fortitoken-cloud-region fortitoken-cloud-sync-interval geoip-full-db
        gtpu-dynamic-source-port gui-allow-default-hostname gui-allow-incompatible-fabric-fgt
        gui-app-detection-sdwan gui-auto-upgrade-setup-warning gui-cdn-domain-override gui-cdn-usage
        gui-certificates gui-custom-language gui-custom-theme gui-date-format gui-date-time-source
        gui-device-latitude gui-device-longitude gui-display-hostname gui-firmware-upgrade-setup-warning
        gui-firmware-upgrade-warning gui-forticare-registration-setup-warning gui-fortigate-cloud-sandbox
        gui-fortiguard-resource-fetch gui-fortisandbox-cloud gui-ipv6 gui-lines-per-page gui-local-out
        gui-login-request-rate-limit gui-replacement-message-groups gui-rest-api-cache gui-restrict-theme-change
        gui-theme gui-wireless-opensecurity gui-workflow-management ha-affinity honor-df hostname http-request-limit
        http-unauthenticated-request-limit httpd-max-worker-count igmp-state-limit ike-embryonic-limit
        interface-subnet-usage internet-service-database internet-service-download-list interval
        ip-conflict-detection ip-fragment-mem-thresholds ip-fragment-timeout ip-src-port-range ips-affinity
        ipsec-asic-offload ipsec-ha-seqjump-rate ipsec-hmac-offload ipsec-qat-offload ipsec-round-robin
        ipsec-soft-dec-async ipv6-accept-dad ipv6-allow-anycast-probe ipv6-allow-local-in-silent-drop
        ipv6-allow-local-in-slient-drop ipv6-allow-multicast-probe ipv6-allow-traffic-redirect ipv6-fragment-timeout
        ipv6-snat-route-change irq-time-accounting language ldapconntimeout lldp-reception lldp-transmission
        log-daemon-cpu-threshold log-fsck-timeout log-single-cpu-high log-ssl-connection log-uuid-address
        log-uuid-policy login-timestamp long-vdom-name management-ip management-port management-port-use-admin-sport
        management-vdom max-dlpstat-memory max-route-cache-size mc-ttl-notchange memory-use-threshold-extreme
        memory-use-threshold-green memory-use-threshold-red miglog-affinity miglogd-children
        multi-factor-authentication multicast-forward ndp-max-entry npu-neighbor-update per-user-bal per-user-bwl
        pmtu-discovery policy-auth-concurrent post-login-banner pre-login-banner private-data-encryption
        proxy-auth-lifetime proxy-auth-lifetime-timeout proxy-auth-timeout proxy-cert-use-mgmt-vdom
        proxy-cipher-hardware-acceleration proxy-hardware-acceleration proxy-keep-alive-mode
        proxy-kxp-hardware-acceleration proxy-re-authentication-mode proxy-re-authentication-time
        proxy-resource-mode proxy-worker-count purdue-level quic-ack-thresold quic-congestion-control-algo
        quic-max-datagram-size quic-pmtud quic-tls-handshake-timeout quic-udp-payload-size-shaping-per-cid
        radius-port reboot-upon-config-restore refresh remoteauthtimeout reset-sessionless-tcp
        rest-api-key-url-query restart-time revision-backup-on-logout revision-image-auto-backup router-affinity
        scanunit-count scim-http-port scim-https-port scim-server-cert security-rating-result-submission
        security-rating-run-on-schedule send-pmtu-icmp sflowd-max-children-num single-vdom-npuvlink
        snat-route-change special-file-23-support speedtest-server speedtestd-ctrl-port speedtestd-server-port
        split-port split-port-mode ssd-trim-date ssd-trim-freq ssd-trim-hour ssd-trim-min ssd-trim-weekday
        ssh-cbc-cipher ssh-enc-algo ssh-hmac-md5 ssh-hostkey ssh-hostkey-algo ssh-hostkey-override
        ssh-hostkey-password ssh-kex-algo ssh-kex-sha1 ssh-mac-algo ssh-mac-weak ssl-min-proto-version
        ssl-static-key-ciphers sslvpn-affinity sslvpn-cipher-hardware-acceleration sslvpn-ems-sn-check
        sslvpn-kxp-hardware-acceleration sslvpn-max-worker-count sslvpn-plugin-version-check sslvpn-web-mode
        strict-dirty-session-check strong-crypto switch-controller switch-controller-reserved-network
        sys-perf-log-interval syslog-affinity tcp-congestion-control tcp-halfclose-timer tcp-halfopen-timer
        tcp-option tcp-rst-timer tcp-timewait-timer telemetry-controller telemetry-data-port tftp timezone
        tls-session-cache tp-mc-skip-policy traffic-priority traffic-priority-level two-factor-email-expiry
        two-factor-fac-expiry two-factor-ftk-expiry two-factor-ftm-expiry two-factor-sms-expiry udp-idle-timer
        upgrade-report url-filter-affinity url-filter-count user-device-store-max-device-mem
        user-device-store-max-devices user-device-store-max-unified-mem user-device-store-max-users
        user-history-password-threshold user-server-cert vdom-admin vdom-mode vip-arp-range virtual-server-count
        virtual-server-hardware-acceleration virtual-switch-vlan vpn-ems-sn-check wad-affinity wad-csvc-cs-count
        wad-csvc-db-count wad-memory-change-granularity wad-p2s-max-body-size wad-restart-end-time wad-restart-mode
        wad-restart-start-time wad-source-affinity wad-worker-count wad-worker-dev-cache wifi-ca-certificate
        wifi-certificate wimax-4g-usb wireless-controller wireless-controller-port
    """,
}
_EXTRA_KEYS = {
    "global": "admin-telnet pre-login-banner post-login-banner admin-https-redirect admin-ssh-v1 ssh-cbc-cipher "
              "ssh-hmac-md5 ssh-kex-sha1 ssh-mac-weak admin-lockout-threshold admin-lockout-duration",
    "policy": "utm-status srcaddr4 dstaddr4 wanopt wanopt-detection wanopt-passive-opt wanopt-profile "
              "wanopt-peer webcache webcache-https vpntunnel inbound outbound natinbound natoutbound "
              "profile-type profile-group enforce-default-app-port url-category app-group",
    "interface": "ip6-allowaccess ipv6 secondaryip secondary-ip vrrp",
    "admin": "old-password",
}
KNOWN_KEYS: dict[str, frozenset[str]] = {
    name: frozenset(text.split()) | frozenset(_EXTRA_KEYS.get(name, "").split())
    for name, text in _KNOWN_KEYS_TEXT.items()
}


# --------------------------------------------------------------------------- tokenizer and tree


def _split_simple(s: str) -> list[str] | None:
    """Words of a one-line statement whose double quotes each wrap a whole word and
    hold no escape (the common case: `set member "a" "b"`); None when the general
    tokenizer is needed."""
    if "\\" in s:
        return None
    parts = s.split('"')
    n = len(parts)
    if n == 3 and not parts[2]:  # `set key "value"`
        head = parts[0]
        if head and head[-1] == " " and "'" not in head:
            words = head.split()
            words.append(parts[1])
            return words
    if n % 2 == 0:
        return None  # an odd number of quotes: a value continues on the next line
    head = parts[0]
    if "'" in head or (head and head[-1] not in " \t"):
        return None
    words = head.split()
    last = n - 1
    for k in range(1, n, 2):
        words.append(parts[k])
        seg = parts[k + 1]
        if k + 1 == last:
            if seg:
                if seg[0] not in " \t" or "'" in seg:
                    return None
                words.extend(seg.split())
        elif not seg or seg[0] not in " \t" or seg[-1] not in " \t" or "'" in seg:
            return None
        else:
            words.extend(seg.split())
    return words


def split_line(lines: list[str], i: int, force_close: bool = False) -> tuple[list[str], int, bool]:
    """Words of the statement starting at lines[i] (0-based), honouring double and single
    quotes with backslash escapes; a double-quoted value may run over several lines.
    Returns (words, index of the statement's last line, closed); `closed` is False when
    a quote was still open at the end of the file (the words are then those of lines[i]
    alone, the quote closed at its end)."""
    words: list[str] = []
    cur: list[str] = []
    quote = ""
    has = False
    text = lines[i].strip()
    start = i
    j = 0
    while True:
        n = len(text)
        while j < n:
            c = text[j]
            if quote:
                if c == "\\" and j + 1 < n:
                    cur.append(text[j + 1])
                    j += 2
                    continue
                if c == quote:
                    quote = ""
                else:
                    cur.append(c)
                j += 1
                continue
            if c == " " or c == "\t":
                if has:
                    words.append("".join(cur))
                    cur = []
                    has = False
            elif (c == '"' or c == "'") and not has:
                quote = c
                has = True
            else:
                cur.append(c)
                has = True
            j += 1
        if quote == '"' and not force_close and i + 1 < len(lines):
            i += 1
            cur.append("\n")
            text = lines[i].rstrip("\r")
            j = 0
            continue
        if quote and not force_close and quote == '"':
            # Unterminated at end of file: read the first line alone.
            words, _, _ = split_line(lines, start, force_close=True)
            return words, start, False
        break
    if has:
        words.append("".join(cur))
    return words, i, True


# FortiOS logs an idle administrator out after `admintimeout` minutes: 5 when not set.
FORTIOS_ADMINTIMEOUT_DEFAULT = 5 * 60


class _Block:
    """`config <path>` ... `end`: direct settings, `edit` entries, nested blocks."""

    __slots__ = ("path", "line", "end", "sets", "edits", "blocks")

    def __init__(self, path: tuple[str, ...], line: int):
        self.path = path
        self.line = line
        self.end = line
        self.sets: dict[str, tuple[list[str], int]] = {}
        self.edits: list[_Edit] = []
        self.blocks: list[_Block] = []


class _Edit:
    """`edit <name>` ... `next`."""

    __slots__ = ("name", "line", "end", "sets", "blocks")

    def __init__(self, name: str, line: int):
        self.name = name
        self.line = line
        self.end = line
        self.sets: dict[str, tuple[list[str], int]] = {}
        self.blocks: list[_Block] = []


def _first(sets: dict, key: str, default: str | None = None) -> str | None:
    v = sets.get(key)
    if v is None or not v[0]:
        return default
    return v[0][0]


def _values(sets: dict, key: str) -> list[str]:
    v = sets.get(key)
    return v[0] if v is not None else []


def _line(sets: dict, key: str) -> int | None:
    v = sets.get(key)
    return v[1] if v is not None else None


def _enabled(sets: dict, key: str, default: bool = False) -> bool:
    v = _first(sets, key)
    if v is None:
        return default
    return v.lower() == "enable"


# --------------------------------------------------------------------------- parse state


class _AddrDef:
    """An address, group, VIP or VIP group of one VDOM and family, before resolution."""

    __slots__ = ("name", "kind", "family", "items", "unresolved", "members", "exclude", "line", "end",
                 "iface", "notes", "member_line", "exclude_line")

    def __init__(self, name: str, kind: str, family: int, line: int, end: int):
        self.name = name
        self.kind = kind  # address | group | vip | vipgrp
        self.family = family
        self.items: tuple = ()
        self.unresolved = ""  # why it cannot be resolved (fqdn, geography...), '' when it can
        self.members: tuple[str, ...] = ()
        self.exclude: tuple[str, ...] = ()
        self.line = line
        self.end = end
        self.iface: str | None = None  # interface-subnet without a subnet
        self.notes: tuple[str, ...] = ()
        self.member_line = line
        self.exclude_line = line


class _SvcDef:
    __slots__ = ("name", "kind", "services", "unresolved", "members", "line", "end", "member_line", "notes")

    def __init__(self, name: str, kind: str, line: int, end: int):
        self.name = name
        self.kind = kind  # custom | group
        self.services: tuple[Service, ...] = ()
        self.unresolved = ""
        self.members: tuple[str, ...] = ()
        self.line = line
        self.end = end
        self.member_line = line
        self.notes: tuple[str, ...] = ()


class _SchedDef:
    __slots__ = ("name", "kind", "expired", "not_yet", "never", "members", "line", "end", "member_line",
                 "start", "stop", "days")

    def __init__(self, name: str, kind: str, line: int, end: int):
        self.name = name
        self.kind = kind  # onetime | recurring | group
        self.expired: bool | None = None
        self.not_yet = False
        self.never = False
        self.members: tuple[str, ...] = ()
        self.line = line
        self.end = end
        self.member_line = line
        self.start = ""
        self.stop = ""
        self.days: tuple[str, ...] = ()


class _Vdom:
    """Objects and policies of one VDOM (its own namespace)."""

    def __init__(self, name: str, line: int | None = None):
        self.name = name
        self.line = line
        self.addr: dict[int, dict[str, _AddrDef]] = {4: {}, 6: {}}
        self.svc: dict[str, _SvcDef] = {}
        self.sched: dict[str, _SchedDef] = {}
        self.zone_members: dict[str, tuple[str, ...]] = {}
        self.zone_names: list[str] = []
        self.policy_blocks: list[tuple[str, _Block]] = []
        self.local_in_blocks: list[tuple[int, _Block]] = []
        self.profile_groups: dict[str, dict[str, str]] = {}
        self.user_groups: dict[str, tuple[str, ...]] = {}
        self.intrazone_allow: list[str] = []
        self.implicit_log: bool | None = None  # config log setting / set fwpolicy-implicit-log
        self.implicit_log_line: int | None = None
        self.memo_addr: dict[tuple[int, str], tuple] = {}
        self.memo_set: dict[tuple, tuple] = {}
        self.memo_svc: dict[str, tuple] = {}
        self.memo_svcset: dict[tuple, tuple] = {}
        self.memo_zone: dict[tuple, tuple[str, ...] | None] = {}
        self.memo_sched: dict[str, _SchedDef | None] = {}
        self.has_content = False


def _now() -> datetime:
    return datetime.now()


class _Bad(Exception):
    """A malformed value: the message says what is wrong."""


class _Run:
    """One parse of one file."""

    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
        self.dev = Device(hostname="", vendor="fortinet_fortios", file=file)
        self.dev.stateful = True
        self.mgmt = self.dev.management
        self.facts: dict[str, Any] = self.dev.facts
        self.mfacts: dict[str, Any] = self.mgmt.facts
        self.lines: list[str] = []
        self.recognised = 0
        self.header_seen = False
        self.vdoms: dict[str, _Vdom] = {}
        self.vdom_mode = False
        self.ifaces: dict[str, Interface] = {}
        self.allowaccess: list[tuple[Interface, int, tuple[str, ...], int]] = []  # iface, family, protos, line
        self.admins: list[tuple[LocalUser, list[AddressRange], list[AddressRange], dict]] = []
        self.admins_seen = False
        self.accprofiles: dict[str, dict[str, str]] = {}
        self.aaa_by_name: dict[str, list[AaaServer]] = {}
        self.reversible: list[Secret] = []
        self.local_users: dict[str, dict] = {}
        self.snmp_hosts: list[AddressRange] = []
        self.snmp_any = False
        self.snmp_seen = False
        self.snmp_users_query = False
        self.global_sets: dict[str, tuple[list[str], int]] = {}
        self.banner_texts: dict[str, str] = {}
        self.ssl_settings: list[tuple[_Vdom, _Block]] = []
        self.ssl_portals: dict[str, dict] = {}
        self.phase1: list[tuple[_Vdom, _Edit, str]] = []
        self.phase2: list[tuple[_Vdom, _Edit, str]] = []
        self.warned_cycles: set[tuple[str, str]] = set()
        self._v4: dict[str, int | None] = {}
        self._svc_specs: dict[str, tuple] = {}
        self._loc_cache: dict[int, Location] = {}
        self._secret_keys: dict[str, bool] = {}
        self.mapped_addr_vips: set[tuple[str, int, str]] = set()

    # ------------------------------------------------------------------ basics

    def text_of(self, line: int) -> str:
        raw = self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""
        if raw.startswith("set ") or raw.startswith("append "):
            parts = raw.split(None, 2)
            key = parts[1] if len(parts) > 1 else ""
            secret = self._secret_keys.get(key)
            if secret is None:
                secret = self._secret_keys[key] = bool(_MAYBE_SECRET.search(key))
            if secret or (len(parts) > 2 and "ENC " in parts[2]):
                return fortios_redact(raw)
        return raw

    def loc(self, line: int, end: int = 0) -> Location:
        return Location(self.file, line, end or line, self.text_of(line))

    def set_loc(self, line: int) -> Location:
        """Location of a one-line statement, shared by every use of that line."""
        loc = self._loc_cache.get(line)
        if loc is None:
            loc = self._loc_cache[line] = Location(self.file, line, line, self.text_of(line))
        return loc

    def ref_loc(self, line: int) -> Location:
        """set_loc for lines naming objects (srcaddr, service, member...): never secret."""
        loc = self._loc_cache.get(line)
        if loc is None:
            loc = self._loc_cache[line] = Location(self.file, line, line, self.lines[line - 1].strip())
        return loc

    def warn(self, line: int, message: str = "line not understood") -> None:
        self.dev.warn(self.loc(line), message)

    def vdom(self, name: str, line: int | None = None) -> _Vdom:
        v = self.vdoms.get(name)
        if v is None:
            v = self.vdoms[name] = _Vdom(name, line)
        return v

    def check_keys(self, sets: dict, table: str, where: str) -> None:
        known = KNOWN_KEYS[table]
        for key, (_, line) in sets.items():
            if key not in known:
                self.warn(line, f"setting '{key}' not understood in {where}")

    def ip4(self, text: str) -> int | None:
        v = self._v4.get(text, -1)
        if v != -1:
            return v  # type: ignore[return-value]
        out = None
        parts = text.split(".")
        if len(parts) == 4 and all(p.isdigit() and len(p) <= 3 for p in parts):
            nums = [int(p) for p in parts]
            if all(n <= 255 for n in nums):
                out = (nums[0] << 24) | (nums[1] << 16) | (nums[2] << 8) | nums[3]
        self._v4[text] = out
        return out

    def prefix4(self, values: list[str]) -> tuple[int, int, int]:
        """'A M' or 'A/len' -> (address, network first, prefix length); raises _Bad."""
        if not values:
            raise _Bad("an address is missing")
        if "/" in values[0]:
            addr, _, plen_text = values[0].partition("/")
            a = self.ip4(addr)
            if a is None or not plen_text.isdigit() or int(plen_text) > 32:
                raise _Bad(f"'{values[0]}' is not an IPv4 prefix")
            plen = int(plen_text)
        else:
            a = self.ip4(values[0])
            if a is None:
                raise _Bad(f"'{values[0]}' is not an IPv4 address")
            if len(values) < 2:
                plen = 32
            else:
                m = self.ip4(values[1])
                if m is None:
                    raise _Bad(f"'{values[1]}' is not a netmask")
                inv = (~m) & 0xFFFFFFFF
                if (inv + 1) & inv:
                    raise _Bad(f"'{values[1]}' is not a contiguous netmask")
                plen = 32 - inv.bit_length()
        size = 1 << (32 - plen)
        return a, a & ~(size - 1) & 0xFFFFFFFF, plen

    def net4(self, values: list[str]) -> AddressRange:
        _, first, plen = self.prefix4(values)
        return AddressRange(4, first, first + (1 << (32 - plen)) - 1)

    @staticmethod
    def net6(text: str) -> AddressRange:
        try:
            net = ipaddress.IPv6Network(text, strict=False)
        except ValueError:
            raise _Bad(f"'{text}' is not an IPv6 prefix") from None
        return AddressRange(6, int(net.network_address), int(net.broadcast_address))

    def range_text(self, text: str, family: int) -> AddressRange:
        """'A', 'A-B' or 'A/len' -> range; raises _Bad."""
        try:
            if "-" in text:
                a, _, b = text.partition("-")
                r = AddressRange.between(a.strip(), b.strip())
            elif "/" in text:
                r = AddressRange.from_network(text)
            else:
                r = AddressRange.host(text)
        except ValueError as exc:
            raise _Bad(f"'{text}' is not an address or range ({exc})") from None
        if r.family != family:
            raise _Bad(f"'{text}' is not an IPv{family} address")
        return r

    # ------------------------------------------------------------------ main

    def run(self) -> Device:
        text = self.text
        if not text.strip():
            raise ParseError(self.file, "is empty")
        self.lines = text.split("\n")
        self.header()
        root = self.build_tree()
        self.walk(root)
        if not self.recognised and not self.header_seen:
            first = next((i for i, ln in enumerate(self.lines, 1) if ln.strip()), None)
            raise ParseError(self.file, "not a FortiOS configuration (no 'config ...' block of a FortiOS "
                                        "category and no '#config-version=' header)", first)
        self.finish()
        self.dev.parse_warnings.sort(key=lambda pw: pw.loc.line)
        if not self.dev.hostname:
            self.dev.hostname = PurePath(self.file).stem or "fortigate"
        self.dev.line_count = text.count("\n") + (0 if text.endswith("\n") else 1)
        return self.dev

    def header(self) -> None:
        info: dict[str, str] = {}
        for number, raw in enumerate(self.lines[:40], 1):
            line = raw.strip()
            if not line:
                continue
            if not line.startswith("#"):
                break
            if line.startswith("#config-version="):
                self.header_seen = True
                m = _HEADER.match(line)
                value = line.split("=", 1)[1].strip()
                info["config_version"] = value
                self.dev.os_version_loc = Location(self.file, number, number, line)
                if m:
                    self.dev.model = m.group("model")
                    self.dev.os_version = m.group("ver")
                    self.facts["build"] = m.group("build")
                    for part in (m.group("rest") or "").split(":"):
                        if "=" in part:
                            k, _, val = part.partition("=")
                            info[k] = val
                else:
                    fields = value.split(":")
                    for part in fields[1:]:
                        if "=" in part:
                            k, _, val = part.partition("=")
                            info[k] = val
                    vm = re.search(r"-v?(\d+\.\d+(?:\.\d+)?)(?=[-.:]|$)", fields[0])
                    if vm:
                        self.dev.os_version = vm.group(1)
                        self.dev.model = fields[0][: vm.start()] or None
            elif "=" in line:
                k, _, val = line[1:].partition("=")
                if k.strip() and " " not in k.strip():
                    info[k.strip()] = val.strip()
        if info:
            self.facts["header"] = info
            if info.get("vdom") == "1":
                self.vdom_mode = True
            if info.get("opmode") in ("0", "1"):
                self.facts["opmode"] = "nat" if info["opmode"] == "0" else "transparent"

    def build_tree(self) -> _Block:
        lines = self.lines
        root = _Block((), 0)
        stack: list[Any] = [root]
        n = len(lines)
        warn = self.warn
        last_content = 0
        skip = 0
        for i, raw in enumerate(lines):
            if i < skip:
                continue
            s = raw.strip()
            if not s or s[0] == "#":
                continue
            lineno = i + 1
            last_content = lineno
            if '"' in s:
                parts = s.split('"')
                if len(parts) == 3 and not parts[2] and parts[0][-1:] == " " and "\\" not in s and "'" not in parts[0]:
                    words = parts[0].split()
                    words.append(parts[1])
                else:
                    words = _split_simple(s)  # type: ignore[assignment]
                    if words is None:
                        words, last, closed = split_line(lines, i)
                        if not closed:
                            warn(lineno, "unterminated quoted string (read up to the end of the line)")
                        skip = last + 1
                        last_content = skip
            elif "'" in s:
                words, last, closed = split_line(lines, i)
                skip = last + 1
            else:
                words = s.split()
            if not words:
                continue
            kw = words[0]
            top = stack[-1]
            if kw == "set":
                if top is root:
                    warn(lineno, "'set' outside any config block")
                elif len(words) < 2:
                    warn(lineno, "'set' without a setting name")
                else:
                    top.sets[words[1]] = (words[2:], lineno)
            elif kw == "next":
                if type(top) is _Edit:
                    top.end = lineno
                    stack.pop()
                else:
                    warn(lineno, "'next' without a matching 'edit'")
            elif kw == "edit":
                if type(top) is _Edit:  # a missing 'next': close the previous entry
                    top.end = lineno - 1
                    stack.pop()
                    top = stack[-1]
                if top is root:
                    warn(lineno, "'edit' outside any config block")
                    continue
                e = _Edit(words[1] if len(words) > 1 else "", lineno)
                if len(words) < 2:
                    warn(lineno, "'edit' without a name")
                top.edits.append(e)
                stack.append(e)
            elif kw == "config":
                if len(words) < 2:
                    warn(lineno, "'config' without a path")
                b = _Block(tuple(words[1:]), lineno)
                top.blocks.append(b)
                stack.append(b)
            elif kw == "end" or kw == "abort" or kw == "exit":
                while type(stack[-1]) is _Edit:
                    stack[-1].end = lineno
                    stack.pop()
                if stack[-1] is root:
                    warn(lineno, f"'{kw}' without a matching 'config'")
                else:
                    stack[-1].end = lineno
                    stack.pop()
            elif kw == "unset":
                if top is root or len(words) < 2:
                    warn(lineno, "'unset' outside any config block" if top is root else "'unset' without a name")
                else:
                    top.sets.pop(words[1], None)
            elif kw in ("append", "select", "unselect"):
                if top is root or len(words) < 2:
                    warn(lineno, f"'{kw}' outside any config block" if top is root else f"'{kw}' without a name")
                    continue
                old = top.sets.get(words[1])
                values = list(old[0]) if old else []
                if kw == "unselect":
                    values = [x for x in values if x not in words[2:]]
                else:
                    values.extend(x for x in words[2:] if kw == "append" or x not in values)
                top.sets[words[1]] = (values, old[1] if old else lineno)
            elif kw in _CLI_COMMANDS:
                warn(lineno, f"'{kw}' is a CLI command, not a configuration statement: ignored")
            else:
                warn(lineno, "line not understood")
        if len(stack) > 1:
            inner = [x for x in stack if type(x) is _Block and x is not root]
            what = " ".join(inner[-1].path) if inner else "?"
            for x in stack[1:]:
                x.end = max(x.end, last_content)
            warn(last_content or n, f"the file ends inside 'config {what}' (missing 'end'): truncated?")
        return root

    def walk(self, root: _Block) -> None:
        self.multi = False
        for b in root.blocks:
            if b.path == ("vdom",):
                self.recognised += 1
                if b.edits:
                    self.vdom_mode = True
                for e in b.edits:
                    v = self.vdom(e.name, e.line)
                    for key, (_, line) in e.sets.items():
                        self.warn(line, f"setting '{key}' not understood directly under 'edit {e.name}' of config vdom")
                    for sub in e.blocks:
                        self.handle(sub, v)
            elif b.path == ("global",):
                self.recognised += 1
                self.vdom_mode = True
                for key, (_, line) in b.sets.items():
                    self.warn(line, f"setting '{key}' not understood directly under config global")
                for sub in b.blocks:
                    self.handle(sub, None)
            else:
                self.handle(b, None)

    def handle(self, b: _Block, v: _Vdom | None) -> None:
        path = b.path
        if not path:
            return
        if path[0] not in KNOWN_CATEGORIES and len(path[0]) >= 3:
            full = [c for c in KNOWN_CATEGORIES if c.startswith(path[0])]
            if len(full) == 1:  # the CLI accepts unique abbreviations: 'config sys global'
                path = b.path = (full[0],) + path[1:]
        key = " ".join(path)
        handler = _HANDLERS.get(key)
        if handler is None and len(path) > 3:
            handler = _HANDLERS.get(" ".join(path[:3]))
        if handler is None and len(path) > 2:
            handler = _HANDLERS.get(" ".join(path[:2]))
        if handler is None:
            if path[0] in KNOWN_CATEGORIES:
                self.recognised += 1
                mention = _MENTIONS.get(" ".join(path[:2]))
                if mention is not None:
                    self.scan_mentions(b, v or self.vdom("root"), mention, key)
                for kind_key, label in PROFILE_BLOCKS.items():
                    if key == kind_key:
                        defined = self.facts.setdefault("security_profiles_defined", {}).setdefault(label, [])
                        defined.extend(e.name for e in b.edits)
            else:
                self.warn(b.line, f"config block '{key}' not understood")
            return
        self.recognised += 1
        scope, func = handler
        if b.edits and b.sets:
            # A table (entries under 'edit') takes no setting of its own: a 'set' between
            # 'config' and the first 'edit', or after a 'next', belongs to no entry.
            for skey, (_, sline) in b.sets.items():
                self.warn(sline, f"setting '{skey}' outside any 'edit' of config {key}")
        try:
            if scope == "vdom":
                target = v or self.vdom("root")
                target.has_content = True
                func(self, b, target)
            else:
                func(self, b, v)
        except _Bad as exc:
            self.warn(b.line, f"config {key}: {exc}")
        except (ValueError, IndexError, KeyError, TypeError) as exc:  # never lose the file on odd input
            self.warn(b.line, f"config {key} not understood ({exc.__class__.__name__}: {exc})")
        except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the file
            self.warn(b.line, f"config {key} not understood (internal error {exc.__class__.__name__}: {exc})")

    def scan_mentions(self, b: _Block, v: _Vdom, keys: frozenset[str], where: str) -> None:
        """Object names used in blocks that are not modelled: references (context
        'mentioned': they count as uses, never as undefined)."""
        todo: list[Any] = [b]
        while todo:
            node = todo.pop()
            for key, (values, line) in node.sets.items():
                if key in keys:
                    kind = "service-object" if key == "service" else "schedule" if key == "schedule" else "address-object"
                    for name in values:
                        if not self.is_predefined(kind, name):
                            self.dev.refer(kind, name, self.set_loc(line), "mentioned")
            if type(node) is _Block:
                todo.extend(node.edits)
            todo.extend(node.blocks)

    @staticmethod
    def is_predefined(kind: str, name: str) -> bool:
        if kind.startswith("address"):
            return name in PREDEFINED_ADDR4 or name in PREDEFINED_ADDR6
        if kind.startswith("service"):
            return name in PREDEFINED_SERVICES or name in PREDEFINED_SERVICE_GROUPS
        if kind == "schedule":
            return name in PREDEFINED_SCHEDULES
        return False

    def secret(self, values: list[str], admin: bool = False) -> Secret:
        """A FortiOS secret value (`ENC <base64>` or clear text) -> Secret."""
        if values and values[0] == "ENC":
            blob = values[1] if len(values) > 1 else ""
            if admin:
                for prefix, storage in (("SH2", "sha256"), ("PB2", "pbkdf2"), ("AK1", "sha1")):
                    if blob.startswith(prefix):
                        return Secret(storage=storage)
                return Secret(storage="hash")
            s = Secret(storage="reversible")
            self.reversible.append(s)
            return s
        return Secret.from_value(" ".join(values), "plaintext")

    # ------------------------------------------------------------------ system and network

    def h_global(self, b: _Block, v: _Vdom | None) -> None:
        S = b.sets
        self.check_keys(S, "global", "config system global")
        self.global_sets.update(S)
        kept = self.mfacts.setdefault("system_global", {})
        for key, (values, _) in S.items():
            if _SECRET_SET.match(f"set {key} x"):
                kept[key] = "<redacted>"
            else:
                kept[key] = " ".join(values)
        host = _first(S, "hostname")
        if host:
            self.dev.hostname = host
        if "admintimeout" in S:
            value = _first(S, "admintimeout", "")
            if value.isdigit():
                self.mgmt.idle_timeout = int(value) * 60
                self.mgmt.idle_timeout_loc = self.set_loc(_line(S, "admintimeout"))
            else:
                self.warn(_line(S, "admintimeout"), f"admintimeout '{value}' is not a number of minutes")
        if "timezone" in S:
            self.mfacts["timezone"] = " ".join(_values(S, "timezone"))
        if "strong-crypto" in S:
            # disable: administrative HTTPS/SSH also accept weak ciphers and hashes
            self.mgmt.strong_crypto = _first(S, "strong-crypto", "enable") != "disable"
            self.mgmt.strong_crypto_loc = self.set_loc(_line(S, "strong-crypto"))
        if "admin-ssh-v1" in S:
            if _enabled(S, "admin-ssh-v1"):
                self.mgmt.ssh_version = "1,2"
            else:
                self.mgmt.ssh_version = "2"
            self.mgmt.ssh_version_loc = self.set_loc(_line(S, "admin-ssh-v1"))
        for key in ("pre-login-banner", "post-login-banner"):
            if _enabled(S, key):
                self.banner_texts.setdefault(key, "")

    def h_settings(self, b: _Block, v: _Vdom) -> None:
        S = b.sets
        settings = self.facts.setdefault("vdom_settings", {}).setdefault(v.name, {})
        for key, (values, _) in S.items():
            settings[key] = " ".join(values)
        if "opmode" in S:
            self.facts["opmode"] = _first(S, "opmode")
        if "central-nat" in S:
            self.facts.setdefault("central_nat", {})[v.name] = _enabled(S, "central-nat")
        if "ngfw-mode" in S:
            self.facts.setdefault("ngfw_mode", {})[v.name] = _first(S, "ngfw-mode")
        if "inspection-mode" in S:
            self.facts.setdefault("inspection_mode", {})[v.name] = _first(S, "inspection-mode")

    def h_interface(self, b: _Block, v: _Vdom | None) -> None:
        for e in b.edits:
            S = e.sets
            self.check_keys(S, "interface", f"interface '{e.name}'")
            iface = self.ifaces.get(e.name)
            if iface is None:
                iface = Interface(name=e.name, loc=self.loc(e.line, e.end))
                self.ifaces[e.name] = iface
                self.dev.interfaces.append(iface)
            vdom = _first(S, "vdom") or (v.name if v else "root")
            iface.extra["vdom"] = vdom
            self.vdom(vdom).has_content = True
            if "ip" in S:
                try:
                    addr, _, plen = self.prefix4(_values(S, "ip"))
                    if addr:
                        iface.addresses.append(InterfaceAddress(4, addr, plen))
                except _Bad as exc:
                    self.warn(_line(S, "ip"), str(exc))
            if "allowaccess" in S:
                protos = tuple(_values(S, "allowaccess"))
                iface.management_access = protos
                iface.extra["allowaccess_loc"] = _line(S, "allowaccess")
                self.allowaccess.append((iface, 4, protos, _line(S, "allowaccess")))
            role = _first(S, "role")
            if role:
                iface.role = role
                if role == "wan":
                    iface.nat_outside = True
            alias = _first(S, "alias")
            if alias:
                iface.extra["alias"] = alias
            desc = _first(S, "description")
            iface.description = " ".join(_values(S, "description")) if desc else (alias or "")
            if "type" in S:
                iface.extra["type"] = _first(S, "type")
            if "vlanid" in S:
                vid = _first(S, "vlanid", "")
                if vid.isdigit():
                    iface.vlan_id = int(vid)
                else:
                    self.warn(_line(S, "vlanid"), f"VLAN id '{vid}' is not a number")
            if "interface" in S:
                iface.extra["parent"] = _first(S, "interface")
            if _first(S, "status") == "down":
                iface.shutdown = True
            if "mode" in S:
                iface.extra["mode"] = _first(S, "mode")
            if _first(S, "dedicated-to") == "management":
                iface.extra["management_only"] = True  # out-of-band port: forwards no traffic
            if "vrf" in S:
                iface.vrf = _first(S, "vrf")
            for sub in e.blocks:
                if sub.path == ("secondaryip",):
                    for se in sub.edits:
                        self.check_keys(se.sets, "interface secondaryip", f"secondaryip of '{e.name}'")
                        try:
                            addr, _, plen = self.prefix4(_values(se.sets, "ip"))
                            iface.addresses.append(InterfaceAddress(4, addr, plen, secondary=True))
                        except _Bad as exc:
                            self.warn(_line(se.sets, "ip") or se.line, str(exc))
                        if "allowaccess" in se.sets:
                            protos = tuple(_values(se.sets, "allowaccess"))
                            iface.extra.setdefault("secondary_allowaccess", []).extend(protos)
                            self.allowaccess.append((iface, 4, protos, _line(se.sets, "allowaccess")))
                elif sub.path == ("ipv6",):
                    self.check_keys(sub.sets, "interface ipv6", f"ipv6 of '{e.name}'")
                    addr6 = _first(sub.sets, "ip6-address")
                    if addr6 and addr6 not in ("::/0",):
                        try:
                            ip = ipaddress.IPv6Interface(addr6)
                            if int(ip.ip):
                                iface.addresses.append(InterfaceAddress(6, int(ip.ip), ip.network.prefixlen))
                        except ValueError:
                            self.warn(_line(sub.sets, "ip6-address"), f"'{addr6}' is not an IPv6 address/prefix")
                    if "ip6-allowaccess" in sub.sets:
                        protos = tuple(_values(sub.sets, "ip6-allowaccess"))
                        iface.extra["ip6_allowaccess"] = list(protos)
                        self.allowaccess.append((iface, 6, protos, _line(sub.sets, "ip6-allowaccess")))
                    for extra_blk in sub.blocks:
                        if extra_blk.path == ("ip6-extra-addr",):
                            for xe in extra_blk.edits:
                                try:
                                    ip = ipaddress.IPv6Interface(xe.name)
                                    iface.addresses.append(
                                        InterfaceAddress(6, int(ip.ip), ip.network.prefixlen, secondary=True))
                                except ValueError:
                                    self.warn(xe.line, f"'{xe.name}' is not an IPv6 address/prefix")

    def h_zone(self, b: _Block, v: _Vdom) -> None:
        for e in b.edits:
            S = e.sets
            self.check_keys(S, "zone", f"zone '{e.name}'")
            members = tuple(_values(S, "interface"))
            zone = Zone(name=e.name, interfaces=list(members), loc=self.loc(e.line, e.end))
            self.dev.zones.append(zone)
            v.zone_members[e.name] = members
            v.zone_names.append(e.name)
            self.facts.setdefault("zones_by_vdom", {}).setdefault(v.name, []).append(e.name)
            if _first(S, "intrazone") == "allow":
                v.intrazone_allow.append(e.name)
                self.facts.setdefault("intrazone_allow", []).append({"vdom": v.name, "zone": e.name,
                                                                     "line": _line(S, "intrazone")})
            if not self.is_predefined("zone", e.name):
                self.dev.define("zone", e.name, self.loc(e.line, e.end), members,
                                " ".join(_values(S, "description")))

    def h_sdwan(self, b: _Block, v: _Vdom) -> None:
        """SD-WAN zones (7.x `config system sdwan`) and the 6.x virtual-wan-link: a zone
        named in policies stands for its member interfaces."""
        zones: dict[str, list[str]] = {}
        if b.path[1] == "virtual-wan-link":
            zones["virtual-wan-link"] = []
        for sub in b.blocks:
            if sub.path == ("zone",):
                for e in sub.edits:
                    zones.setdefault(e.name, [])
            elif sub.path == ("members",):
                for e in sub.edits:
                    iface = _first(e.sets, "interface")
                    zname = _first(e.sets, "zone", "virtual-wan-link")
                    if iface:
                        zones.setdefault(zname, []).append(iface)
            elif sub.path in (("service",), ("health-check",)):
                self.scan_mentions(sub, v, _MENTIONS["system sdwan"], "system sdwan")
        if b.sets.get("status") is not None or zones:
            self.facts.setdefault("sdwan", {})[v.name] = {"status": _first(b.sets, "status", "disable"),
                                                         "zones": {k: list(m) for k, m in zones.items()}}
        for zname, members in zones.items():
            if zname not in v.zone_members:
                v.zone_members[zname] = tuple(members)
                v.zone_names.append(zname)
                self.dev.zones.append(Zone(name=zname, interfaces=list(members), loc=self.loc(b.line, b.end)))

    def h_static(self, b: _Block, v: _Vdom, family: int = 4) -> None:
        for e in b.edits:
            S = e.sets
            self.check_keys(S, "static", f"static route {e.name}")
            loc = self.loc(e.line, e.end)
            try:
                if family == 4:
                    dst = self.net4(_values(S, "dst")) if "dst" in S else ALL4
                else:
                    dst = self.net6(_first(S, "dst", "::/0"))
            except _Bad as exc:
                self.warn(_line(S, "dst") or e.line, str(exc))
                continue
            if "dstaddr" in S:
                self.dev.refer("address-object", _first(S, "dstaddr"), self.set_loc(_line(S, "dstaddr")),
                               f"static route {e.name}")
            distance = _first(S, "distance")
            route = Route(
                destination=dst,
                next_hop=_first(S, "gateway"),
                interface="blackhole" if _enabled(S, "blackhole") else _first(S, "device"),
                distance=int(distance) if distance and distance.isdigit() else 10,
                loc=loc,
                vrf=v.name,
            )
            if route.next_hop in ("0.0.0.0", "::"):
                route.next_hop = None
            if _first(S, "status") == "disable":
                self.facts.setdefault("disabled_routes", []).append({"vdom": v.name, "id": e.name, "line": e.line,
                                                                     "destination": str(dst)})
                continue
            if _enabled(S, "sdwan") or "sdwan-zone" in S:
                route.interface = route.interface or " ".join(_values(S, "sdwan-zone")) or "sdwan"
            self.dev.routes.append(route)

    # ------------------------------------------------------------------ address objects

    def h_address(self, b: _Block, v: _Vdom, family: int = 4) -> None:
        table = v.addr[family]
        for e in b.edits:
            S = e.sets
            self.check_keys(S, "address", f"address '{e.name}'")
            d = _AddrDef(e.name, "address", family, e.line, e.end)
            typ = _first(S, "type", "ipmask" if family == 4 else "ipprefix")
            try:
                if typ in ("ipmask", "ipprefix"):
                    if family == 4:
                        d.items = (self.net4(_values(S, "subnet")) if "subnet" in S else ALL4,)
                    else:
                        d.items = (self.net6(_first(S, "ip6", "::/0")),)
                elif typ == "iprange":
                    start = _first(S, "start-ip", "0.0.0.0" if family == 4 else "::")
                    end = _first(S, "end-ip") or start
                    d.items = (self.range_text(f"{start}-{end}", family),)
                elif typ == "wildcard" and family == 4:
                    vals = _values(S, "wildcard") or ["0.0.0.0", "0.0.0.0"]
                    a, m = self.ip4(vals[0]), self.ip4(vals[1]) if len(vals) > 1 else None
                    if a is None or m is None:
                        raise _Bad(f"'{' '.join(vals)}' is not an address and wildcard netmask")
                    inv = (~m) & 0xFFFFFFFF
                    if (inv + 1) & inv == 0:
                        d.items = (AddressRange(4, a & m, (a & m) | inv),)
                    else:
                        d.items = (AddressWildcard(4, a & m, m),)
                elif typ == "interface-subnet":
                    d.iface = _first(S, "interface")
                    if "subnet" in S:
                        d.items = (self.net4(_values(S, "subnet")),)
                elif typ in ("fqdn", "wildcard-fqdn"):
                    d.unresolved = f"'{e.name}' is an FQDN address ({_first(S, typ) or '?'}): resolved by DNS on the box"
                elif typ == "geography":
                    d.unresolved = f"'{e.name}' is a geography address (country {_first(S, 'country') or '?'})"
                elif typ in ("dynamic", "template", "sdn"):
                    d.unresolved = f"'{e.name}' is a dynamic address (SDN/EMS/FSSO), unknown from the config"
                elif typ == "mac":
                    d.unresolved = f"'{e.name}' is a MAC address object: it matches hardware addresses, not IP"
                elif typ == "route-tag":
                    d.unresolved = f"'{e.name}' matches the routes of a tag, unknown from the config"
                else:
                    d.unresolved = f"'{e.name}' is an address of type {typ}"
                    self.warn(_line(S, "type") or e.line, f"address type '{typ}' not understood")
            except _Bad as exc:
                self.warn(e.line, f"address '{e.name}': {exc}")
                d.unresolved = f"'{e.name}' could not be read"
            table[e.name] = d
            if not self.is_predefined("address-object", e.name):
                self.dev.define("address-object", e.name, self.loc(e.line, e.end),
                                description=" ".join(_values(S, "comment")))

    def h_addrgrp(self, b: _Block, v: _Vdom, family: int = 4) -> None:
        table = v.addr[family]
        for e in b.edits:
            S = e.sets
            self.check_keys(S, "addrgrp", f"address group '{e.name}'")
            d = _AddrDef(e.name, "group", family, e.line, e.end)
            d.members = tuple(_values(S, "member"))
            d.member_line = _line(S, "member") or e.line
            if _enabled(S, "exclude"):
                d.exclude = tuple(_values(S, "exclude-member"))
                d.exclude_line = _line(S, "exclude-member") or e.line
            table[e.name] = d
            if not self.is_predefined("address-group", e.name):
                self.dev.define("address-group", e.name, self.loc(e.line, e.end), d.members + d.exclude,
                                " ".join(_values(S, "comment")))

    def h_vip(self, b: _Block, v: _Vdom, family: int = 4) -> None:
        table = v.addr[family]
        for e in b.edits:
            S = e.sets
            self.check_keys(S, "vip", f"VIP '{e.name}'")
            d = _AddrDef(e.name, "vip", family, e.line, e.end)
            typ = _first(S, "type", "static-nat")
            mapped = _values(S, "mappedip")
            items: list[AddressRange] = []
            try:
                for text in mapped:
                    items.append(self.range_text(text, family))
                for sub in e.blocks:
                    if sub.path == ("realservers",):
                        for re_ in sub.edits:
                            ip = _first(re_.sets, "ip")
                            if ip:
                                items.append(self.range_text(ip, family))
            except _Bad as exc:
                self.warn(_line(S, "mappedip") or e.line, f"VIP '{e.name}': {exc}")
            if "mapped-addr" in S:
                d.members = tuple(_values(S, "mapped-addr"))
                d.member_line = _line(S, "mapped-addr") or e.line
                d.kind = "vipgrp"  # resolves through the named address
                self.mapped_addr_vips.add((v.name, family, e.name))
            d.items = tuple(items)
            if not items and not d.members:
                d.unresolved = f"VIP '{e.name}' has no mapped address in the config"
            table[e.name] = d
            info = {
                "vdom": v.name, "name": e.name, "family": family, "type": typ,
                "extip": " ".join(_values(S, "extip")) or None, "mappedip": mapped,
                "extintf": _first(S, "extintf", "any"), "portforward": _enabled(S, "portforward"),
                "protocol": _first(S, "protocol", "tcp") if _enabled(S, "portforward") else None,
                "extport": _first(S, "extport"), "mappedport": _first(S, "mappedport"),
                "src_filter": _values(S, "src-filter"), "line": e.line,
            }
            if d.members:
                info["mapped_addr"] = list(d.members)
            self.facts.setdefault("vips", []).append(info)
            self.dev.define("address-object", e.name, self.loc(e.line, e.end),
                            description=f"VIP {info['extip'] or '?'} -> {' '.join(mapped) or '?'}")

    def h_vipgrp(self, b: _Block, v: _Vdom, family: int = 4) -> None:
        table = v.addr[family]
        for e in b.edits:
            S = e.sets
            self.check_keys(S, "vipgrp", f"VIP group '{e.name}'")
            d = _AddrDef(e.name, "vipgrp", family, e.line, e.end)
            d.members = tuple(_values(S, "member"))
            d.member_line = _line(S, "member") or e.line
            table[e.name] = d
            self.dev.define("address-group", e.name, self.loc(e.line, e.end), d.members,
                            " ".join(_values(S, "comments")))

    # ------------------------------------------------------------------ services and schedules

    def port_ranges(self, text: str) -> tuple[tuple[int, int], tuple[tuple[int, int], ...]]:
        """'80', '8000-8080', '80:1024-65535' -> (dst range, src ranges); raises _Bad."""
        dst, _, src = text.partition(":")

        def rng(part: str) -> tuple[int, int]:
            lo, _, hi = part.partition("-")
            if not lo.isdigit() or (hi and not hi.isdigit()):
                raise _Bad(f"'{text}' is not a port range")
            a, z = int(lo), int(hi) if hi else int(lo)
            if z < a:
                a, z = z, a
            if z > 65535:
                raise _Bad(f"port range '{text}' goes beyond 65535")
            return a, z

        return rng(dst), ((rng(src),) if src else ())

    def service_spec(self, spec: str) -> tuple[tuple[Service, ...], str]:
        """A PREDEFINED_SERVICES spec -> services (cached)."""
        got = self._svc_specs.get(spec)
        if got is not None:
            return got
        out: list[Service] = []
        why = ""
        for part in spec.split(";"):
            words = part.split()
            proto = words[0]
            if proto == "proxy":
                why = "explicit-proxy service"
            elif proto == "ip":
                num = int(words[1]) if len(words) > 1 else 0
                out.append(ANY_SERVICE if num == 0 else Service(num))
            elif proto in ("icmp", "icmp6"):
                out.append(Service(1 if proto == "icmp" else 58, icmp_type=int(words[1]) if len(words) > 1 else None))
            else:
                num = {"tcp": 6, "udp": 17, "sctp": 132}[proto]
                out.extend(self.port_services(num, words[1:]))
        got = (tuple(out), why)
        self._svc_specs[spec] = got
        return got

    def port_services(self, proto: int, entries: list[str]) -> list[Service]:
        """Port range entries of one protocol -> services (entries with the same source
        ports share one Service)."""
        by_src: dict[tuple, list[tuple[int, int]]] = {}
        for text in entries:
            dst, src = self.port_ranges(text)
            by_src.setdefault(src, []).append(dst)
        out = []
        for src, dsts in by_src.items():
            merged = _merge_ranges(dsts)
            if merged == ((0, 65535),):
                merged = ()
            out.append(Service(proto, src, merged))
        return out

    def h_service_custom(self, b: _Block, v: _Vdom) -> None:
        for e in b.edits:
            S = e.sets
            self.check_keys(S, "service custom", f"service '{e.name}'")
            d = _SvcDef(e.name, "custom", e.line, e.end)
            proto = (_first(S, "protocol") or "TCP/UDP/SCTP").upper()
            out: list[Service] = []
            notes: list[str] = []
            try:
                if proto in ("TCP/UDP/SCTP", "TCP/UDP/UDP-LITE/SCTP"):
                    for key, num in (("tcp-portrange", 6), ("udp-portrange", 17), ("sctp-portrange", 132),
                                     ("udplite-portrange", 136)):
                        if key in S:
                            out.extend(self.port_services(num, _values(S, key)))
                    if not out:
                        notes.append(f"service '{e.name}' lists no port range: it matches nothing")
                elif proto in ("ICMP", "ICMP6"):
                    num = 1 if proto == "ICMP" else 58
                    t = _first(S, "icmptype")
                    c = _first(S, "icmpcode")
                    out.append(Service(num, icmp_type=int(t) if t is not None else None,
                                       icmp_code=int(c) if c is not None and t is not None else None))
                elif proto == "IP":
                    n = int(_first(S, "protocol-number", "0"))
                    out.append(ANY_SERVICE if n == 0 else Service(n))
                elif proto in ("HTTP", "FTP", "CONNECT", "SOCKS-TCP", "SOCKS-UDP", "ALL"):
                    d.unresolved = f"'{e.name}' is an explicit-proxy service ({proto.lower()})"
                    if "tcp-portrange" in S:
                        out.extend(self.port_services(6, _values(S, "tcp-portrange")))
                        d.unresolved = ""
                else:
                    d.unresolved = f"service '{e.name}' has protocol '{proto}'"
                    self.warn(_line(S, "protocol") or e.line, f"service protocol '{proto}' not understood")
            except (_Bad, ValueError) as exc:
                self.warn(e.line, f"service '{e.name}': {exc}")
                d.unresolved = f"service '{e.name}' could not be read"
            if "iprange" in S or "fqdn" in S:
                where = " ".join(_values(S, "iprange") or _values(S, "fqdn"))
                if where not in ("0.0.0.0", ""):
                    notes.append(f"service '{e.name}' also limits the destination to {where} (not modelled)")
            d.services = tuple(out)
            d.notes = tuple(notes)
            v.svc[e.name] = d
            if not self.is_predefined("service-object", e.name):
                self.dev.define("service-object", e.name, self.loc(e.line, e.end),
                                description=" ".join(_values(S, "comment")))

    def h_service_group(self, b: _Block, v: _Vdom) -> None:
        for e in b.edits:
            S = e.sets
            self.check_keys(S, "service group", f"service group '{e.name}'")
            d = _SvcDef(e.name, "group", e.line, e.end)
            d.members = tuple(_values(S, "member"))
            d.member_line = _line(S, "member") or e.line
            v.svc[e.name] = d
            if not self.is_predefined("service-group", e.name):
                self.dev.define("service-group", e.name, self.loc(e.line, e.end), d.members,
                                " ".join(_values(S, "comment")))

    def when(self, text: str) -> datetime | None:
        """FortiOS schedule time 'hh:mm yyyy/mm/dd' (either order) -> datetime."""
        d = _MONTH.search(text)
        if not d:
            return None
        t = _TIME.search(text[: d.start()] + " " + text[d.end():])
        hh, mm, ss = (int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)) if t else (0, 0, 0)
        try:
            return datetime(int(d.group(1)), int(d.group(2)), int(d.group(3)), min(hh, 23), min(mm, 59), min(ss, 59))
        except ValueError:
            return None

    def h_schedule(self, b: _Block, v: _Vdom) -> None:
        kind = b.path[2]
        now = _now()
        for e in b.edits:
            S = e.sets
            self.check_keys(S, "schedule", f"schedule '{e.name}'")
            d = _SchedDef(e.name, kind, e.line, e.end)
            if kind == "onetime":
                d.start = " ".join(_values(S, "start"))
                d.stop = " ".join(_values(S, "end"))
                start, stop = self.when(d.start), self.when(d.stop)
                if "end" in S and stop is None:
                    self.warn(_line(S, "end"), f"schedule end '{d.stop}' is not 'hh:mm yyyy/mm/dd'")
                if "start" in S and start is None:
                    self.warn(_line(S, "start"), f"schedule start '{d.start}' is not 'hh:mm yyyy/mm/dd'")
                d.expired = (stop < now) if stop is not None else None
                d.not_yet = bool(start is not None and start > now)
            elif kind == "recurring":
                d.days = tuple(_values(S, "day"))
                d.start = " ".join(_values(S, "start"))
                d.stop = " ".join(_values(S, "end"))
                d.expired = False
                d.never = d.days == ("none",)
            else:
                d.members = tuple(_values(S, "member"))
                d.member_line = _line(S, "member") or e.line
            v.sched[e.name] = d
            if not self.is_predefined("schedule", e.name):
                self.dev.define("schedule", e.name, self.loc(e.line, e.end), d.members)

    def h_profile_group(self, b: _Block, v: _Vdom) -> None:
        for e in b.edits:
            for key, (_, line) in e.sets.items():
                if key not in _PROFILE_KEY_SET and key not in _PROFILE_GROUP_OTHER_KEYS:
                    self.warn(line, f"setting '{key}' not understood in profile-group '{e.name}'")
            v.profile_groups[e.name] = {PROFILE_KEYS[k]: " ".join(vals) for k, (vals, _) in e.sets.items()
                                        if k in PROFILE_KEYS and vals}

    def h_user_group(self, b: _Block, v: _Vdom) -> None:
        for e in b.edits:
            members = list(_values(e.sets, "member"))
            for sub in e.blocks:
                if sub.path == ("match",):
                    for me in sub.edits:
                        server = _first(me.sets, "server-name")
                        if server:
                            members.append(server)
            v.user_groups[e.name] = tuple(members)
            self.facts.setdefault("user_groups", {})[e.name] = {
                "members": members, "type": _first(e.sets, "group-type", "firewall"), "line": e.line}

    # ------------------------------------------------------------------ resolution

    def resolve_addr(self, v: _Vdom, family: int, name: str, stack: tuple[str, ...] = ()) -> tuple:
        """(items, unresolved names, notes) of an address/group/VIP name."""
        key = (family, name)
        got = v.memo_addr.get(key)
        if got is not None:
            return got
        d = v.addr[family].get(name)
        if d is None:
            pre = PREDEFINED_ADDR4 if family == 4 else PREDEFINED_ADDR6
            if name in pre:
                items = pre[name]
                got = (items, (), ()) if items else ((), (name,), (f"'{name}' is a FortiOS built-in dynamic address",))
            elif name in v.addr[6 if family == 4 else 4]:
                got = ((), (name,), (f"'{name}' is an IPv{6 if family == 4 else 4} object used as IPv{family}",))
            else:
                got = ((), (name,), (f"'{name}' is not defined",))
        elif d.unresolved:
            got = ((), (name,), (d.unresolved,))
        elif d.kind == "address":
            items = d.items
            if not items and d.iface:
                iface = self.ifaces.get(d.iface)
                nets = [a.network for a in iface.addresses if a.family == family and not a.secondary] if iface else []
                if nets:
                    items = (nets[0],)
                else:
                    got = ((), (name,), (f"'{name}' is the subnet of interface {d.iface}, which has no address",))
            if got is None:
                got = (items, (), ())
        else:
            if name in stack:
                if (name, stack[-1]) not in self.warned_cycles:
                    self.warned_cycles.add((name, stack[-1]))
                    self.warn(d.line, f"address group '{name}' contains itself (through '{stack[-1]}')")
                return ((), (), ())
            items_l = list(d.items)
            unres: list[str] = []
            notes: list[str] = []
            for m in d.members:
                r = self.resolve_addr(v, family, m, stack + (name,))
                items_l.extend(r[0])
                unres.extend(r[1])
                notes.extend(r[2])
            if d.exclude:
                ex_items: list = []
                for m in d.exclude:
                    r = self.resolve_addr(v, family, m, stack + (name,))
                    ex_items.extend(r[0])
                    if r[1]:
                        notes.append(f"excluded member(s) {', '.join(r[1])} of '{name}' cannot be resolved: "
                                     "the exclusion is ignored for them")
                left, exact = _subtract(items_l, ex_items)
                if not exact:
                    notes.append(f"'{name}' excludes wildcard addresses: the exclusion is not applied")
                else:
                    items_l = left
            got = (tuple(dict.fromkeys(items_l)), tuple(dict.fromkeys(unres)), tuple(dict.fromkeys(notes)))
        v.memo_addr[key] = got
        return got

    def addrset(self, v: _Vdom, names4: tuple[str, ...], names6: tuple[str, ...], neg4: bool, neg6: bool,
                single: bool) -> tuple[AddressSet, tuple[str, ...]]:
        key = (names4, names6, neg4, neg6, single)
        got = v.memo_set.get(key)
        if got is not None:
            return got
        items: list = []
        unres: list[str] = []
        notes: list[str] = []
        full = False
        for family, names in ((4, names4), (6, names6)):
            for n in names:
                r = self.resolve_addr(v, family, n)
                for item in r[0]:
                    if item.first == 0 and item.last == MAX_ADDR[item.family] and type(item) is AddressRange:
                        full = True
                items.extend(r[0])
                unres.extend(r[1])
                notes.extend(r[2])
        negated = neg4 if names4 else neg6
        if names4 and names6 and neg4 != neg6:
            notes.append("only one address family of the policy is negated: the negation is applied to both")
            negated = True
        if full and single:
            aset = AddressSet(any=True, negated=negated, names=names4 + names6)
            notes = []
        else:
            aset = AddressSet(items=tuple(dict.fromkeys(items)), negated=negated, names=names4 + names6,
                              unresolved=tuple(dict.fromkeys(unres)))
        got = (aset, tuple(dict.fromkeys(notes)))
        v.memo_set[key] = got
        return got

    def resolve_svc(self, v: _Vdom, name: str, stack: tuple[str, ...] = ()) -> tuple:
        """(services, unresolved names, notes) of a service or service group."""
        got = v.memo_svc.get(name)
        if got is not None:
            return got
        d = v.svc.get(name)
        if d is None:
            if name in PREDEFINED_SERVICES:
                services, why = self.service_spec(PREDEFINED_SERVICES[name])
                got = (services, (name,) if why else (), (f"'{name}' is an {why}",) if why else ())
            elif name in PREDEFINED_SERVICE_GROUPS:
                d = _SvcDef(name, "group", 0, 0)
                d.members = PREDEFINED_SERVICE_GROUPS[name]
            else:
                got = ((), (name,), (f"service '{name}' is not defined",))
        if got is None and d is not None:
            if d.kind == "custom":
                got = (d.services, (name,) if d.unresolved else (), d.notes + ((d.unresolved,) if d.unresolved else ()))
            else:
                if name in stack:
                    if (name, stack[-1]) not in self.warned_cycles:
                        self.warned_cycles.add((name, stack[-1]))
                        self.warn(d.line or 1, f"service group '{name}' contains itself (through '{stack[-1]}')")
                    return ((), (), ())
                services: list[Service] = []
                unres: list[str] = []
                notes: list[str] = []
                for m in d.members:
                    r = self.resolve_svc(v, m, stack + (name,))
                    services.extend(r[0])
                    unres.extend(r[1])
                    notes.extend(r[2])
                got = (tuple(dict.fromkeys(services)), tuple(dict.fromkeys(unres)), tuple(dict.fromkeys(notes)))
        v.memo_svc[name] = got
        return got

    def svcset(self, v: _Vdom, names: tuple[str, ...], negate: bool) -> tuple:
        key = (names, negate)
        got = v.memo_svcset.get(key)
        if got is not None:
            return got
        services: list[Service] = []
        unres: list[str] = []
        notes: list[str] = []
        for n in names:
            r = self.resolve_svc(v, n)
            services.extend(r[0])
            unres.extend(r[1])
            notes.extend(r[2])
        out = _normalise_services(services)
        if negate:
            out, exact = _complement_services(out)
            if not exact:
                notes.append("service-negate over source-port or ICMP-code restrictions is approximated")
            if unres:
                notes.append("service-negate with unresolved services is approximated")
        got = (out, tuple(dict.fromkeys(unres)), tuple(dict.fromkeys(notes)))
        v.memo_svcset[key] = got
        return got

    def zones_for(self, v: _Vdom, names: tuple[str, ...]) -> tuple[str, ...] | None:
        got = v.memo_zone.get(names, False)
        if got is not False:
            return got  # type: ignore[return-value]
        if not names or "any" in names:
            out = None
        else:
            seq: list[str] = []
            for n in names:
                seq.append(n)
                seq.extend(v.zone_members.get(n, ()))
            out = tuple(dict.fromkeys(seq))
        v.memo_zone[names] = out
        return out

    def schedule(self, v: _Vdom, name: str, stack: tuple[str, ...] = ()) -> _SchedDef | None:
        if name in v.memo_sched:
            return v.memo_sched[name]
        d = v.sched.get(name)
        if d is not None and d.kind == "group":
            if name in stack:
                return None
            members = [self.schedule(v, m, stack + (name,)) for m in d.members]
            known = [m for m in members if m is not None]
            if known and len(known) == len(members):
                d.expired = all(m.expired for m in known)
                d.never = all(m.never for m in known)
        v.memo_sched[name] = d
        return d

    # ------------------------------------------------------------------ policies

    def build_filters(self, v: _Vdom) -> None:
        if not v.policy_blocks and not (v.has_content and self.vdom_ifaces(v)):
            if not v.local_in_blocks:
                return
        zones = tuple(sorted(set(self.vdom_ifaces(v)) | set(v.zone_names)))
        if v.policy_blocks or self.vdom_ifaces(v):
            name = "policy" if not self.multi else f"vdom:{v.name}"
            first = v.policy_blocks[0][1] if v.policy_blocks else None
            filt = Filter(
                name=name, kind="security-policy", default_action=DENY,
                default_note="FortiOS implicit deny (policy 0): no policy matched",
                loc=self.loc(first.line, first.end) if first else None,
                stateful=True, zones=zones,
            )
            filt.extra["vdom"] = v.name
            filt.extra["default_logged"] = bool(v.implicit_log)
            if v.implicit_log_line:
                filt.extra["default_logged_line"] = v.implicit_log_line
            if v.intrazone_allow:
                filt.extra["intrazone_allow"] = list(v.intrazone_allow)
            tables = []
            for table, blk in v.policy_blocks:
                tables.append(table)
                for e in blk.edits:
                    try:
                        filt.rules.append(self.policy_rule(v, e, table))
                    except _Bad as exc:
                        self.warn(e.line, f"policy {e.name}: {exc}")
                    except Exception as exc:  # noqa: BLE001 - one odd policy must not lose the others
                        self.warn(e.line, f"policy {e.name} not understood ({exc.__class__.__name__}: {exc})")
            filt.extra["tables"] = tables
            self.dev.filters[name] = filt
        if v.local_in_blocks:
            name = "local-in" if not self.multi else f"local-in:{v.name}"
            first_li = v.local_in_blocks[0][1]
            filt = Filter(
                name=name, kind="acl", default_action=PERMIT,
                default_note="no local-in policy matched: FortiOS then applies the interface allowaccess and "
                             "admin trusthosts (services not enabled there are dropped)",
                loc=self.loc(first_li.line, first_li.end), stateful=True, zones=zones,
                hook="input",  # traffic to the device itself, never transit
            )
            filt.extra.update(vdom=v.name, default_defers_to="allowaccess")
            for family, blk in v.local_in_blocks:
                for e in blk.edits:
                    try:
                        filt.rules.append(self.local_in_rule(v, e, family))
                    except Exception as exc:  # noqa: BLE001
                        self.warn(e.line, f"local-in policy {e.name} not understood ({exc.__class__.__name__}: {exc})")
            self.dev.filters[name] = filt
            self.facts.setdefault("local_in_policies", {})[v.name] = len(filt.rules)

    def vdom_ifaces(self, v: _Vdom) -> list[str]:
        return [i.name for i in self.dev.interfaces if i.extra.get("vdom", "root") == v.name]

    def refer_names(self, v: _Vdom, kind_family: int | str, names: tuple[str, ...], line: int, context: str) -> None:
        loc = None
        for n in names:
            if kind_family == "service":
                if n in PREDEFINED_SERVICES or n in PREDEFINED_SERVICE_GROUPS:
                    continue
                d = v.svc.get(n)
                kind = "service-group" if d is not None and d.kind == "group" else "service-object"
            elif kind_family == "schedule":
                if n in PREDEFINED_SCHEDULES:
                    continue
                kind = "schedule"
            else:
                fam = kind_family
                if n in (PREDEFINED_ADDR4 if fam == 4 else PREDEFINED_ADDR6):
                    continue
                d = v.addr[fam].get(n)  # type: ignore[index]
                kind = "address-group" if d is not None and d.kind in ("group", "vipgrp") else "address-object"
                if kind == "address-group" and (v.name, fam, n) in self.mapped_addr_vips:
                    kind = "address-object"  # an FQDN VIP: defined as an address object
            if loc is None:
                loc = self.ref_loc(line)
            self.dev.refer(kind, n, loc, context)

    def policy_rule(self, v: _Vdom, e: _Edit, table: str) -> Rule:
        S = e.sets
        get = S.get
        self.check_keys(S, "policy", f"policy {e.name}")
        pid = e.name
        ctx = f"policy {pid}" if table == "policy" else f"{table} {pid}"
        empty: tuple[list[str], int] = ([], 0)
        if table == "policy6":
            src4: tuple[str, ...] = ()
            dst4: tuple[str, ...] = ()
            src6 = tuple(get("srcaddr", empty)[0])
            dst6 = tuple(get("dstaddr", empty)[0])
            neg6s, neg6d = _enabled(S, "srcaddr-negate"), _enabled(S, "dstaddr-negate")
            neg4s = neg4d = False
            keyed: tuple = ((6, src6, ("srcaddr",)), (6, dst6, ("dstaddr",)))
        else:
            src4 = tuple(get("srcaddr", empty)[0])
            dst4 = tuple(get("dstaddr", empty)[0])
            if "srcaddr4" in S or "dstaddr4" in S:
                src4 += tuple(get("srcaddr4", empty)[0])
                dst4 += tuple(get("dstaddr4", empty)[0])
            src6 = tuple(get("srcaddr6", empty)[0])
            dst6 = tuple(get("dstaddr6", empty)[0])
            neg4s = "srcaddr-negate" in S and _enabled(S, "srcaddr-negate")
            neg4d = "dstaddr-negate" in S and _enabled(S, "dstaddr-negate")
            neg6s = "srcaddr6-negate" in S and _enabled(S, "srcaddr6-negate")
            neg6d = "dstaddr6-negate" in S and _enabled(S, "dstaddr6-negate")
            keyed = ((4, src4, ("srcaddr", "srcaddr4")), (4, dst4, ("dstaddr", "dstaddr4")),
                     (6, src6, ("srcaddr6",)), (6, dst6, ("dstaddr6",)))
        has4 = bool(src4 or dst4)
        has6 = bool(src6 or dst6)
        family = 4 if has4 and not has6 else 6 if has6 and not has4 else None
        extra: dict[str, Any] = {"vdom": v.name, "policy_id": pid, "table": table}
        approx: list[str] = []
        if not has4 and not has6:
            extra["incomplete"] = "no source/destination address: FortiOS matches nothing"
            src = AddressSet()
            dst = AddressSet()
        else:
            single = family is not None
            src, n1 = self.addrset(v, src4, src6, neg4s, neg6s, single)
            dst, n2 = self.addrset(v, dst4, dst6, neg4d, neg6d, single)
            if n1:
                approx.extend(n1)
            if n2:
                approx.extend(n2)
            for fam, names, keys in keyed:
                if names:
                    line = next((x for x in (_line(S, k) for k in keys) if x), e.line)
                    self.refer_names(v, fam, names, line, f"{ctx} {keys[0]}")
            vips = None
            addr = v.addr
            for fam, names in ((4, dst4), (6, dst6)):
                for n in names:
                    d = addr[fam].get(n)
                    if d is not None and (d.kind == "vip" or d.kind == "vipgrp"):
                        if vips is None:
                            vips = []
                        vips.append(n)
            if vips:
                extra["vips"] = vips
        service_names = tuple(get("service", empty)[0])
        services, unres_svc, notes = self.svcset(v, service_names, "service-negate" in S and _enabled(S, "service-negate"))
        if notes:
            approx.extend(notes)
        if service_names:
            self.refer_names(v, "service", service_names, S["service"][1], f"{ctx} service")
        elif not _enabled(S, "internet-service"):
            extra["incomplete"] = "no service: FortiOS matches nothing"
        if unres_svc:
            extra["unresolved_services"] = unres_svc
        if "internet-service" in S or "internet-service-src" in S:
            for side in ("", "-src"):
                isdb = "internet-service" + side
                if _enabled(S, isdb):
                    names = tuple(x for k in ("name", "id", "group", "custom", "custom-group", "fortiguard")
                                  for x in _values(S, f"{isdb}-{k}"))
                    extra.setdefault("internet_service", {})["source" if side else "destination"] = list(names)
                    aset = AddressSet(names=names, unresolved=names or (isdb,), negated=_enabled(S, f"{isdb}-negate"))
                    approx.append(f"Internet Service Database {'source' if side else 'destination'} "
                                  f"({', '.join(names) or '?'}) is not resolvable from the config")
                    if side:
                        src = aset
                    else:
                        dst = aset
                        services = (ANY_SERVICE,)
                        service_names = service_names or ("(internet-service)",)
        vendor_action = _first(S, "action", "deny")
        if vendor_action == "accept" or vendor_action == "ipsec" or vendor_action == "allow":
            action = PERMIT
            if vendor_action == "ipsec":
                extra["vpntunnel"] = _first(S, "vpntunnel")
        else:
            if vendor_action != "deny":
                self.warn(_line(S, "action"), f"policy action '{vendor_action}' not understood (taken as deny)")
            action = DENY
            extra["match_vip"] = _enabled(S, "match-vip")
            if "send-deny-packet" in S and _enabled(S, "send-deny-packet"):
                extra["send_deny_packet"] = True
        srcintf = get("srcintf")
        dstintf = get("dstintf")
        src_zones = self.zones_for(v, tuple(srcintf[0])) if srcintf else None
        dst_zones = self.zones_for(v, tuple(dstintf[0])) if dstintf else None
        if v.zone_members:
            for key, val in (("srcintf", srcintf), ("dstintf", dstintf)):
                if val:
                    for n in val[0]:
                        if n in v.zone_names:
                            self.dev.refer("zone", n, self.set_loc(val[1]), f"{ctx} {key}")
        if srcintf is None or dstintf is None:
            extra["incomplete"] = "no srcintf/dstintf: FortiOS requires both"
        sched = get("schedule")
        sched_name = sched[0][0] if sched and sched[0] else "always"
        extra["schedule"] = sched_name
        time_range = None
        expired: bool | None = None
        if sched_name != "always":
            time_range = sched_name
            self.refer_names(v, "schedule", (sched_name,), sched[1] if sched else e.line, f"{ctx} schedule")
            sd = self.schedule(v, sched_name)
            if sd is not None:
                expired = sd.expired
                if sd.not_yet:
                    extra["schedule_not_yet_active"] = True
                if sd.never:
                    extra["schedule_never_active"] = True
            elif sched_name == "none":
                extra["schedule_never_active"] = True
        if "policy-expiry" in S and _enabled(S, "policy-expiry"):
            when = self.when(" ".join(_values(S, "policy-expiry-date")))
            extra["policy_expiry_date"] = " ".join(_values(S, "policy-expiry-date"))
            if when is not None and when < _now():
                expired = True
                time_range = time_range or "policy-expiry"
        lt = get("logtraffic")
        logtraffic = lt[0][0] if lt and lt[0] else "utm"
        extra["logtraffic"] = logtraffic
        log = logtraffic == "all" or (logtraffic == "utm" and action == PERMIT)
        users: tuple[str, ...] = ()
        if "groups" in S or "users" in S or "fsso-groups" in S:
            users = tuple(dict.fromkeys(x for k in ("groups", "users", "fsso-groups") for x in _values(S, k)))
        profiles: dict[str, str] = {}
        found = None
        if not _PROFILE_KEY_SET.isdisjoint(S):
            found = {PROFILE_KEYS[k]: " ".join(vals) for k, (vals, _) in S.items() if k in PROFILE_KEYS and vals}
        if "profile-group" in S and _first(S, "profile-type") == "group":
            group = _first(S, "profile-group")
            if found is None:
                found = {}
            found["group"] = group
            for k, val in v.profile_groups.get(group, {}).items():
                found.setdefault(k, val)
        if found:
            if table == "security-policy" or _enabled(S, "utm-status"):
                profiles = found
            else:
                extra["inactive_profiles"] = found
        if "inspection-mode" in S:
            extra["inspection_mode"] = _first(S, "inspection-mode")
        if "nat" in S and _enabled(S, "nat"):
            extra["nat"] = True
            if _enabled(S, "ippool"):
                extra["ippool"] = True
                extra["poolname"] = _values(S, "poolname")
        name = get("name")
        if name:
            extra["name"] = " ".join(name[0])
        applications: tuple[str, ...] = ()
        if table == "security-policy":
            applications = tuple(x for k in ("application", "app-category", "app-group", "url-category")
                                 for x in _values(S, k))
            if applications:
                approx.append("applications/URL categories of a security policy are not visible in headers")
                extra["unmapped_applications"] = list(applications)
        comments = get("comments")
        status = get("status")
        return Rule(
            action=action, src=src, dst=dst, services=services,
            loc=Location(self.file, e.line, e.end, self.lines[e.line - 1].strip()),
            family=family, vendor_action=vendor_action, name=pid,
            remark=" ".join(comments[0]) if comments else "", log=log,
            enabled=not (status and status[0] and status[0][0] == "disable"),
            time_range=time_range, time_range_expired=expired,
            src_zones=src_zones, dst_zones=dst_zones, applications=applications,
            profiles=profiles, approximations=tuple(dict.fromkeys(approx)) if approx else (),
            service_names=service_names, users=users, extra=extra,
        )

    def local_in_rule(self, v: _Vdom, e: _Edit, family: int) -> Rule:
        S = e.sets
        self.check_keys(S, "local-in-policy", f"local-in policy {e.name}")
        ctx = f"local-in policy {e.name}"
        srcn = tuple(_values(S, "srcaddr"))
        dstn = tuple(_values(S, "dstaddr"))
        src, n1 = self.addrset(v, srcn if family == 4 else (), srcn if family == 6 else (),
                               _enabled(S, "srcaddr-negate"), _enabled(S, "srcaddr-negate"), True)
        dst, n2 = self.addrset(v, dstn if family == 4 else (), dstn if family == 6 else (),
                               _enabled(S, "dstaddr-negate"), _enabled(S, "dstaddr-negate"), True)
        self.refer_names(v, family, srcn, _line(S, "srcaddr") or e.line, f"{ctx} srcaddr")
        self.refer_names(v, family, dstn, _line(S, "dstaddr") or e.line, f"{ctx} dstaddr")
        service_names = tuple(_values(S, "service"))
        services, unres, notes = self.svcset(v, service_names, _enabled(S, "service-negate"))
        self.refer_names(v, "service", service_names, _line(S, "service") or e.line, f"{ctx} service")
        intf = tuple(_values(S, "intf"))
        vendor_action = _first(S, "action", "deny")
        sched = _first(S, "schedule", "always")
        extra: dict[str, Any] = {"vdom": v.name, "policy_id": e.name, "table": "local-in-policy"}
        if unres:
            extra["unresolved_services"] = unres
        expired = None
        if sched != "always":
            self.refer_names(v, "schedule", (sched,), _line(S, "schedule") or e.line, f"{ctx} schedule")
            sd = self.schedule(v, sched)
            expired = sd.expired if sd is not None else None
        return Rule(
            action=PERMIT if vendor_action == "accept" else DENY, src=src, dst=dst, services=services,
            loc=Location(self.file, e.line, e.end, self.lines[e.line - 1].strip()),
            family=family, vendor_action=vendor_action, name=e.name,
            remark=" ".join(_values(S, "comments")), enabled=_first(S, "status") != "disable",
            time_range=None if sched == "always" else sched, time_range_expired=expired,
            in_interfaces=None if not intf or "any" in intf else self.zones_for(v, intf),
            approximations=tuple(dict.fromkeys(n1 + n2 + notes)), service_names=service_names, extra=extra,
        )

    # ------------------------------------------------------------------ management plane

    def trusthost(self, values: list[str], family: int) -> AddressRange | None:
        try:
            if family == 4:
                return self.net4(values)
            return self.net6(values[0]) if values else None
        except _Bad:
            return None

    def h_admin(self, b: _Block, v: _Vdom | None) -> None:
        self.admins_seen = True
        for e in b.edits:
            S = e.sets
            self.check_keys(S, "admin", f"admin '{e.name}'")
            profile = _first(S, "accprofile", "")
            user = LocalUser(name=e.name, loc=self.loc(e.line, e.end), role=profile)
            if "password" in S:
                user.secret = self.secret(_values(S, "password"), admin=True)
            t4: list[AddressRange] = []
            t6: list[AddressRange] = []
            for i in range(1, 11):
                for key, fam, out in ((f"trusthost{i}", 4, t4), (f"ip6-trusthost{i}", 6, t6)):
                    if key in S:
                        r = self.trusthost(_values(S, key), fam)
                        if r is None:
                            self.warn(_line(S, key), f"trusthost '{' '.join(_values(S, key))}' is not an address and mask")
                        else:
                            out.append(r)
            user.trusted_hosts = list(t4) if t4 else [ALL4]
            user.trusted_hosts.extend(t6)
            two = _first(S, "two-factor", "disable")
            user.two_factor = two not in ("disable", "")
            user.key_auth = any(f"ssh-public-key{i}" in S for i in (1, 2, 3))
            info = {
                "remote_auth": _enabled(S, "remote-auth"), "remote_group": _first(S, "remote-group"),
                "wildcard": _enabled(S, "wildcard"), "line": e.line,
                "remote_auth_line": _line(S, "remote-auth"), "two_factor": two,
                "vdom": _values(S, "vdom"), "t6_default": not t6,
            }
            if info["remote_auth"]:
                user.extra.update(remote_auth=True, remote_group=info["remote_group"], wildcard=info["wildcard"])
            if info["two_factor"] not in ("disable", ""):
                user.extra["two_factor_method"] = info["two_factor"]
            self.admins.append((user, t4 or [ALL4], t6 or [ALL6], info))
            self.mgmt.users.append(user)
            if info["remote_auth"]:
                self.mfacts.setdefault("remote_admins", []).append(
                    {"name": e.name, "remote_group": info["remote_group"], "wildcard": info["wildcard"], "line": e.line})

    def h_accprofile(self, b: _Block, v: _Vdom | None) -> None:
        for e in b.edits:
            perms = {k: " ".join(vals) for k, (vals, _) in e.sets.items()}
            self.accprofiles[e.name] = perms
            self.mfacts.setdefault("admin_profiles", {})[e.name] = perms

    def h_aaa_server(self, b: _Block, v: _Vdom | None) -> None:
        proto = {"radius": "radius", "tacacs+": "tacacs+", "ldap": "ldap"}[b.path[1]]
        secret_key = {"radius": "secret", "tacacs+": "key", "ldap": "password"}[proto]
        for e in b.edits:
            S = e.sets
            servers = []
            for prefix in ("", "secondary-", "tertiary-"):
                addr = _first(S, f"{prefix}server")
                if not addr:
                    continue
                key_name = f"{prefix}{secret_key}" if prefix else secret_key
                key = self.secret(_values(S, key_name)) if key_name in S else None
                srv = AaaServer(protocol=proto, address=addr, loc=self.set_loc(_line(S, f"{prefix}server")), key=key)
                servers.append(srv)
                self.mgmt.aaa.servers.append(srv)
            self.aaa_by_name[e.name] = servers
            if proto == "ldap":
                self.mfacts.setdefault("ldap_servers", {})[e.name] = {
                    "secure": _first(S, "secure", "disable"), "line": e.line}

    def h_user_local(self, b: _Block, v: _Vdom) -> None:
        for e in b.edits:
            S = e.sets
            info = {
                "name": e.name, "vdom": v.name, "type": _first(S, "type", "password"),
                "two_factor": _first(S, "two-factor", "disable"), "status": _first(S, "status", "enable"),
                "line": e.line,
            }
            if "passwd" in S:
                info["passwd_storage"] = self.secret(_values(S, "passwd")).storage
            self.local_users[e.name] = info

    def log_host(self, S: dict, block_line: int, kind: str) -> None:
        server = _first(S, "server")
        if kind == "syslog":
            mode = _first(S, "mode", "udp")
            enc = _first(S, "enc-algorithm", "disable")
            transport = "tls" if enc != "disable" and mode == "reliable" else "tcp" if mode in ("reliable", "legacy-reliable") else "udp"
            port = _first(S, "port")
        else:
            enc = _first(S, "enc-algorithm", "high")
            reliable = _enabled(S, "reliable")
            transport = ("tls" if reliable else "udp") if enc != "disable" else ("tcp" if reliable else "udp")
            port = None
        if not server:
            return
        host = LogHost(address=server, loc=self.set_loc(_line(S, "server")), transport=transport,
                       port=int(port) if port and port.isdigit() else 514 if kind == "syslog" else None,
                       interface=_first(S, "interface"))
        if _first(S, "status", "disable") != "enable":
            self.mfacts.setdefault("log_hosts_disabled", []).append(
                {"address": server, "kind": kind, "line": _line(S, "server")})
            return
        self.mgmt.log_hosts.append(host)
        if kind == "fortianalyzer":
            self.mfacts.setdefault("fortianalyzer", []).append(
                {"server": server, "enc_algorithm": enc, "reliable": _enabled(S, "reliable"),
                 "upload_option": _first(S, "upload-option", "5-minute"), "line": _line(S, "server")})

    def h_syslogd(self, b: _Block, v: _Vdom | None) -> None:
        self.log_host(b.sets, b.line, "syslog")

    def h_fortianalyzer(self, b: _Block, v: _Vdom | None) -> None:
        self.log_host(b.sets, b.line, "fortianalyzer")

    def h_log_setting(self, b: _Block, v: _Vdom) -> None:
        """`config log setting`: fwpolicy-implicit-log logs the implicit deny (policy 0)."""
        self.h_log_other(b, v)
        if "fwpolicy-implicit-log" in b.sets:
            v.implicit_log = _enabled(b.sets, "fwpolicy-implicit-log")
            v.implicit_log_line = _line(b.sets, "fwpolicy-implicit-log")

    def h_log_other(self, b: _Block, v: _Vdom | None) -> None:
        self.mfacts.setdefault("log_settings", {})[" ".join(b.path)] = {k: " ".join(x) for k, (x, _) in b.sets.items()}

    def h_ntp(self, b: _Block, v: _Vdom | None) -> None:
        S = b.sets
        sync = _enabled(S, "ntpsync")
        typ = _first(S, "type", "fortiguard")
        servers: list[str] = []
        auth: list[bool] = []
        for sub in b.blocks:
            if sub.path == ("ntpserver",):
                for e in sub.edits:
                    srv = _first(e.sets, "server")
                    if srv:
                        servers.append(srv)
                        auth.append(_enabled(e.sets, "authentication"))
        self.mfacts["ntp"] = {"ntpsync": sync, "type": typ, "servers": servers, "line": b.line,
                              "server_mode": _enabled(S, "server-mode")}
        if not sync:
            return
        if typ == "custom":
            self.mgmt.ntp_servers.extend(servers)
            self.mgmt.ntp_authenticated = bool(auth) and all(auth)
        else:
            self.mgmt.ntp_servers.append("fortiguard")

    def h_snmp_community(self, b: _Block, v: _Vdom | None) -> None:
        self.snmp_seen = True
        for e in b.edits:
            S = e.sets
            name = " ".join(_values(S, "name"))
            ranges: list[AddressRange] = []
            any_host = False
            for sub in e.blocks:
                if sub.path not in (("hosts",), ("hosts6",)):
                    continue
                fam = 4 if sub.path == ("hosts",) else 6
                key = "ip" if fam == 4 else "ipv6"
                for he in sub.edits:
                    if key not in he.sets:
                        any_host = True  # the default 0.0.0.0 0.0.0.0 / ::/0: any manager
                        continue
                    r = self.trusthost(_values(he.sets, key), fam)
                    if r is None:
                        self.warn(_line(he.sets, key), "SNMP host is not an address and mask")
                    elif r.first == 0 and r.last == MAX_ADDR[fam]:
                        any_host = True
                    else:
                        ranges.append(r)
            unrestricted = any_host or not ranges
            secret = Secret.from_value(name, "plaintext")
            line = _line(S, "name") or e.line
            text = self.text_of(line)
            if not secret.default_value and "name" in S:
                text = "set name <redacted>"
            loc = Location(self.file, line, e.end, text)
            v1 = _first(S, "query-v1-status", "enable") == "enable" or _first(S, "trap-v1-status", "enable") == "enable"
            community = SnmpCommunity(secret=secret, access="ro", version="1/2c" if v1 else "2c", loc=loc,
                                      hosts=[] if unrestricted else [str(r) for r in ranges])
            if _first(S, "status", "enable") == "disable":
                self.mfacts.setdefault("snmp_disabled_communities", []).append({"id": e.name, "line": e.line})
                continue
            self.mgmt.snmp_communities.append(community)
            if unrestricted:
                self.snmp_any = True
            else:
                self.snmp_hosts.extend(ranges)

    def h_snmp_user(self, b: _Block, v: _Vdom | None) -> None:
        self.snmp_seen = True
        for e in b.edits:
            S = e.sets
            level = _first(S, "security-level", "no-auth-no-priv")
            auth = _first(S, "auth-proto", "sha") if level in ("auth-no-priv", "auth-priv") else None
            priv = _first(S, "priv-proto", "aes") if level == "auth-priv" else None
            if _first(S, "status", "enable") == "disable":
                continue
            self.mgmt.snmp_users.append(SnmpUser(name=e.name, auth=auth, priv=priv, loc=self.loc(e.line, e.end)))
            if _first(S, "queries", "enable") == "enable":
                self.snmp_users_query = True

    def h_snmp_sysinfo(self, b: _Block, v: _Vdom | None) -> None:
        self.mfacts["snmp_sysinfo"] = {"status": _first(b.sets, "status", "disable"), "line": b.line}

    def h_replacemsg_admin(self, b: _Block, v: _Vdom | None) -> None:
        which = b.path[3] if len(b.path) > 3 else ""
        text = " ".join(_values(b.sets, "buffer"))
        if which == "pre_admin-disclaimer-text":
            self.banner_texts["pre-login-text"] = text
        elif which == "post_admin-disclaimer-text":
            self.banner_texts["post-login-text"] = text

    def h_password_policy(self, b: _Block, v: _Vdom | None) -> None:
        self.facts.setdefault("password_policy", {}).update({k: " ".join(x) for k, (x, _) in b.sets.items()})
        self.facts["password_policy"]["line"] = b.line

    def h_ha(self, b: _Block, v: _Vdom | None) -> None:
        S = b.sets
        self.facts["ha"] = {"mode": _first(S, "mode", "standalone"), "group_name": _first(S, "group-name"),
                            "hbdev": _values(S, "hbdev"), "line": b.line}

    def h_autoupdate(self, b: _Block, v: _Vdom | None) -> None:
        self.facts.setdefault("autoupdate", {}).update({k: " ".join(x) for k, (x, _) in b.sets.items()})

    # ------------------------------------------------------------------ VPN, wireless, DoS (facts)

    def h_ssl_settings(self, b: _Block, v: _Vdom) -> None:
        self.ssl_settings.append((v, b))

    def h_ssl_portal(self, b: _Block, v: _Vdom) -> None:
        for e in b.edits:
            S = e.sets
            self.ssl_portals[e.name] = {
                "tunnel_mode": _enabled(S, "tunnel-mode"), "web_mode": _enabled(S, "web-mode"),
                "split_tunneling": _first(S, "split-tunneling", "enable" if _enabled(S, "tunnel-mode") else None),
                "ip_pools": _values(S, "ip-pools"), "line": e.line,
            }
            for n in _values(S, "ip-pools") + _values(S, "split-tunneling-routing-address"):
                if not self.is_predefined("address-object", n):
                    self.dev.refer("address-object", n, self.set_loc(_line(S, "ip-pools") or e.line), "mentioned")

    def h_phase1(self, b: _Block, v: _Vdom) -> None:
        for e in b.edits:
            self.phase1.append((v, e, b.path[2]))

    def h_phase2(self, b: _Block, v: _Vdom) -> None:
        for e in b.edits:
            self.phase2.append((v, e, b.path[2]))
            S = e.sets
            for key in ("src-name", "dst-name", "src-name6", "dst-name6"):
                for n in _values(S, key):
                    if not self.is_predefined("address-object", n):
                        self.dev.refer("address-object", n, self.set_loc(_line(S, key)), f"ipsec phase2 {e.name} {key}")

    def h_vap(self, b: _Block, v: _Vdom) -> None:
        for e in b.edits:
            S = e.sets
            security = _first(S, "security", "wpa2-only-personal")
            info: dict[str, Any] = {
                "name": e.name, "vdom": v.name, "ssid": " ".join(_values(S, "ssid")) or e.name,
                "security": security, "encrypt": _first(S, "encrypt", "AES"),
                "broadcast_ssid": _first(S, "broadcast-ssid", "enable") == "enable",
                "intra_vap_privacy": _enabled(S, "intra-vap-privacy"),
                "local_bridging": _enabled(S, "local-bridging"),
                "vlan": int(_first(S, "vlanid", "0")) if (_first(S, "vlanid", "0") or "0").isdigit() else None,
                "pmf": _first(S, "pmf", "disable"), "schedule": _values(S, "schedule"),
                "captive_portal": "captive-portal" in security or _first(S, "portal-type") is not None,
                "line": e.line, "security_line": _line(S, "security") or e.line,
            }
            if info["vlan"] == 0:
                info["vlan"] = None
            if "passphrase" in S:
                info["passphrase_storage"] = self.secret(_values(S, "passphrase")).storage
            if "sae-password" in S:
                info["sae_password_storage"] = self.secret(_values(S, "sae-password")).storage
            if "auth" in S or "radius-server" in S:
                info["auth"] = _first(S, "auth")
                info["radius_server"] = _first(S, "radius-server")
            self.facts.setdefault("wireless", []).append(info)
            names = f"{e.name} {info['ssid']}".lower()
            guest = (any(w in names for w in ("guest", "visitor", "訪客")) or info["captive_portal"]
                     or _first(S, "portal-type") is not None)
            passphrase = None
            if "passphrase" in S:
                passphrase = self.secret(_values(S, "passphrase"))
            elif "sae-password" in S:
                passphrase = self.secret(_values(S, "sae-password"))
            kind = WIFI_SECURITY.get(security, "other")
            self.dev.wireless.append(WirelessNetwork(
                ssid=info["ssid"], loc=self.loc(e.line, e.end), security=kind,
                cipher=None if kind in ("open", "owe", "wep") else WIFI_CIPHER.get(info["encrypt"].upper()),
                vlan=info["vlan"], guest=guest, passphrase=passphrase,
                bridged_internal=guest and info["local_bridging"],
                extra={"vap": e.name, "vdom": v.name, "fortios_security": security,
                       "broadcast_ssid": info["broadcast_ssid"], "intra_vap_privacy": info["intra_vap_privacy"],
                       "local_bridging": info["local_bridging"], "pmf": info["pmf"],
                       "security_line": info["security_line"]},
            ))

    def h_dos(self, b: _Block, v: _Vdom) -> None:
        for e in b.edits:
            S = e.sets
            anomalies = {}
            for sub in e.blocks:
                if sub.path == ("anomaly",):
                    for ae in sub.edits:
                        anomalies[ae.name] = {"status": _first(ae.sets, "status", "disable"),
                                              "action": _first(ae.sets, "action", "pass"),
                                              "threshold": _first(ae.sets, "threshold")}
            for key in ("srcaddr", "dstaddr"):
                for n in _values(S, key):
                    if not self.is_predefined("address-object", n):
                        self.dev.refer("address-object", n, self.set_loc(_line(S, key)), f"DoS-policy {e.name} {key}")
            self.facts.setdefault("dos_policies", []).append({
                "vdom": v.name, "id": e.name, "table": b.path[1], "interface": _first(S, "interface"),
                "srcaddr": _values(S, "srcaddr"), "dstaddr": _values(S, "dstaddr"), "service": _values(S, "service"),
                "status": _first(S, "status", "enable"), "anomalies": anomalies, "line": e.line,
            })

    def ssl_vpn_facts(self) -> None:
        for v, b in self.ssl_settings:
            S = b.sets
            rules = []
            groups: list[str] = []
            users: list[str] = []
            for sub in b.blocks:
                if sub.path == ("authentication-rule",):
                    for e in sub.edits:
                        rules.append({"id": e.name, "groups": _values(e.sets, "groups"), "users": _values(e.sets, "users"),
                                      "portal": _first(e.sets, "portal"), "client_cert": _enabled(e.sets, "client-cert"),
                                      "source_interface": _values(e.sets, "source-interface"),
                                      "source_address": _values(e.sets, "source-address"), "line": e.line})
                        groups.extend(_values(e.sets, "groups"))
                        users.extend(_values(e.sets, "users"))
            ssl_if = f"ssl.{v.name}"
            for table, blk in v.policy_blocks:
                for e in blk.edits:
                    if ssl_if in _values(e.sets, "srcintf"):
                        groups.extend(_values(e.sets, "groups"))
                        users.extend(_values(e.sets, "users"))
            members: list[str] = list(users)
            remote: list[str] = []
            for g in dict.fromkeys(groups):
                for m in v.user_groups.get(g, ()):
                    if m in self.aaa_by_name:
                        remote.append(m)
                    else:
                        members.append(m)
            members = list(dict.fromkeys(members))
            without = [u for u in members if self.local_users.get(u, {}).get("two_factor", "disable") == "disable"]
            pools = _values(S, "tunnel-ip-pools")
            for n in pools + _values(S, "source-address"):
                if not self.is_predefined("address-object", n):
                    self.dev.refer("address-object", n, self.set_loc(_line(S, "tunnel-ip-pools") or b.line), "mentioned")
            status = _first(S, "status", "enable")
            info = {
                "type": "ssl-vpn", "vdom": v.name, "line": b.line,
                "enabled": status != "disable" and bool(_values(S, "source-interface")),
                "source_interfaces": _values(S, "source-interface"), "source_address": _values(S, "source-address"),
                "tunnel_ip_pools": pools, "port": _first(S, "port", "443"),
                "algorithm": _first(S, "algorithm", "high"),
                "ssl_min_proto_ver": _first(S, "ssl-min-proto-ver", "tls1-2"),
                "ssl_max_proto_ver": _first(S, "ssl-max-proto-ver", "tls1-3"),
                "banned_cipher": _values(S, "banned-cipher"),
                "reqclientcert": _enabled(S, "reqclientcert"),
                "client_cert_rules": any(r["client_cert"] for r in rules),
                "servercert": _first(S, "servercert", "Fortinet_Factory"),
                "idle_timeout": _first(S, "idle-timeout", "300"), "auth_timeout": _first(S, "auth-timeout", "28800"),
                "default_portal": _first(S, "default-portal"),
                "authentication_rules": rules, "groups": list(dict.fromkeys(groups)),
                "users": members, "remote_servers": list(dict.fromkeys(remote)),
                "users_without_two_factor": without,
                "two_factor": bool(members) and not without and not remote,
                "portals": {name: self.ssl_portals[name] for name in
                            dict.fromkeys([r["portal"] for r in rules if r["portal"]] +
                                          ([_first(S, "default-portal")] if _first(S, "default-portal") else []))
                            if name in self.ssl_portals},
            }
            self.facts.setdefault("remote_access", []).append(info)
            self.facts["ssl_vpn_users"] = [self.local_users[u] for u in members if u in self.local_users]
            cert = info["reqclientcert"] or info["client_cert_rules"]
            if without:
                mfa: bool | None = False
            elif members and not remote:
                mfa = True
            else:
                mfa = None  # remote (RADIUS/LDAP) users: a second factor is the server's business
            auth = "local" if members and not remote else "radius" if remote else ""
            self.dev.remote_access.append(RemoteAccess(
                kind="ssl-vpn", name=f"ssl.{v.name}", loc=self.loc(b.line, b.end), enabled=info["enabled"],
                mfa=mfa, client_certificate=cert, auth_method=auth,
                encryption=list(SSL_ALGORITHM_WEAK.get(info["algorithm"], [])),
                min_tls=TLS_VERSIONS.get(info["ssl_min_proto_ver"]), tunnel_zone=f"ssl.{v.name}",
                extra={"vdom": v.name, "algorithm": info["algorithm"], "users_without_two_factor": without,
                       "remote_servers": info["remote_servers"], "tunnel_ip_pools": pools,
                       "servercert": info["servercert"], "idle_timeout": info["idle_timeout"]},
            ))

    def ipsec_facts(self) -> None:
        p2_by_p1: dict[str, list[dict]] = {}
        for v, e, table in self.phase2:
            S = e.sets
            p2_by_p1.setdefault(_first(S, "phase1name", ""), []).append({
                "name": e.name, "proposal": _values(S, "proposal"), "pfs": _first(S, "pfs", "enable"),
                "dhgrp": _values(S, "dhgrp"), "keylifeseconds": _first(S, "keylifeseconds"), "line": e.line})
        for v, e, table in self.phase1:
            S = e.sets
            typ = _first(S, "type", "static")
            info = {
                "type": "ipsec", "table": table, "vdom": v.name, "name": e.name, "line": e.line,
                "remote_access": typ == "dynamic", "peer_type": typ,
                "interface": _first(S, "interface"), "remote_gw": _first(S, "remote-gw"),
                "ike_version": _first(S, "ike-version", "1"), "mode": _first(S, "mode", "main"),
                "proposal": _values(S, "proposal"), "proposal_line": _line(S, "proposal"),
                "dhgrp": _values(S, "dhgrp") or ["14", "5"], "dhgrp_default": "dhgrp" not in S,
                "dhgrp_line": _line(S, "dhgrp"),
                "authmethod": _first(S, "authmethod", "psk"),
                "client_cert": _first(S, "authmethod", "psk") == "signature",
                "peertype": _first(S, "peertype"), "mode_cfg": _enabled(S, "mode-cfg"),
                "xauthtype": _first(S, "xauthtype", "disable"), "authusrgrp": _first(S, "authusrgrp"),
                "net_device": _first(S, "net-device"), "dpd": _first(S, "dpd"),
                "phase2": p2_by_p1.get(e.name, []),
            }
            if "psksecret" in S:
                info["psk_storage"] = self.secret(_values(S, "psksecret")).storage
            group = info["authusrgrp"]
            if info["remote_access"]:
                members = list(v.user_groups.get(group, ())) if group else []
                local = [m for m in members if m in self.local_users]
                info["users"] = local
                info["users_without_two_factor"] = [
                    u for u in local if self.local_users[u].get("two_factor", "disable") == "disable"]
                info["two_factor"] = bool(local) and not info["users_without_two_factor"] and len(local) == len(members)
                self.facts.setdefault("remote_access", []).append(info)
                enc: list[str] = []
                integ: list[str] = []
                for prop in info["proposal"] + [x for p2 in info["phase2"] for x in p2["proposal"]]:
                    e_, _, h_ = prop.partition("-")
                    enc.append(e_)
                    if h_:
                        integ.append(h_.removeprefix("prf"))
                groups = [int(g) for g in info["dhgrp"] if g.isdigit()]
                groups += [int(g) for p2 in info["phase2"] for g in p2["dhgrp"] if g.isdigit()]
                xauth = info["xauthtype"] != "disable"
                if info["client_cert"]:
                    mfa_ipsec: bool | None = True if xauth else None
                elif not xauth:
                    mfa_ipsec = False  # a pre-shared key alone
                elif info["users_without_two_factor"]:
                    mfa_ipsec = False
                elif local and len(local) == len(members):
                    mfa_ipsec = True
                else:
                    mfa_ipsec = None
                self.dev.remote_access.append(RemoteAccess(
                    kind="ipsec", name=e.name, loc=self.loc(e.line, e.end), enabled=True, mfa=mfa_ipsec,
                    client_certificate=info["client_cert"], auth_method="certificate" if info["client_cert"] else "psk",
                    encryption=list(dict.fromkeys(enc)), integrity=list(dict.fromkeys(integ)),
                    dh_groups=list(dict.fromkeys(groups)),
                    tunnel_zone=e.name if table == "phase1-interface" else None,
                    extra={"vdom": v.name, "ike_version": info["ike_version"], "mode": info["mode"],
                           "xauthtype": info["xauthtype"], "authusrgrp": group, "mode_cfg": info["mode_cfg"],
                           "users_without_two_factor": info["users_without_two_factor"],
                           "proposal_line": info["proposal_line"], "dhgrp_line": info["dhgrp_line"]},
                ))
            self.facts.setdefault("ipsec_tunnels", []).append(info)

    # ------------------------------------------------------------------ after the walk

    def finish(self) -> None:
        if not self.vdoms and self.ifaces:
            self.vdom("root")
        self.multi = len(self.vdoms) > 1
        self.facts["vdom_mode"] = self.vdom_mode or self.multi
        self.facts["profile_kinds"] = PROFILE_KINDS
        self.facts["vdoms"] = list(self.vdoms)
        if not self.multi:
            for route in self.dev.routes:
                route.vrf = None
        for v in self.vdoms.values():
            for zone, members in v.zone_members.items():
                for m in members:
                    iface = self.ifaces.get(m)
                    if iface is not None and iface.zone is None:
                        iface.zone = zone
        steps = [(self.build_filters, v) for v in self.vdoms.values()]
        steps += [(self.group_references, v) for v in self.vdoms.values()]
        for func, arg in steps:
            try:
                func(arg)
            except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the file
                self.warn(arg.line or 1, f"VDOM {arg.name}: internal error {exc.__class__.__name__}: {exc}")
        for step in (self.management, self.ssl_vpn_facts, self.ipsec_facts):
            try:
                step()
            except Exception as exc:  # noqa: BLE001
                self.warn(1, f"internal error in {step.__name__}: {exc.__class__.__name__}: {exc}")
        if _enabled(self.global_sets, "private-data-encryption"):
            for s in self.reversible:
                s.storage = "encrypted"
            _restore_storage(self.facts)
        self.facts["private_data_encryption"] = _enabled(self.global_sets, "private-data-encryption")

    def group_references(self, v: _Vdom) -> None:
        for fam in (4, 6):
            for d in v.addr[fam].values():
                if d.kind in ("group", "vipgrp") and (d.members or d.exclude):
                    what = "VIP" if (v.name, fam, d.name) in self.mapped_addr_vips else "address group"
                    self.refer_names(v, fam, d.members, d.member_line, f"{what} {d.name}")
                    if d.exclude:
                        self.refer_names(v, fam, d.exclude, d.exclude_line, f"address group {d.name} exclude")
        for d in v.svc.values():
            if d.kind == "group" and d.members and d.line:
                self.refer_names(v, "service", d.members, d.member_line, f"service group {d.name}")
        for d in v.sched.values():
            if d.kind == "group" and d.members:
                self.refer_names(v, "schedule", d.members, d.member_line, f"schedule group {d.name}")

    def management(self) -> None:
        G = self.global_sets
        m = self.mgmt
        m.log_timestamps = True  # every FortiOS log line carries date and time
        telnet_on = _first(G, "admin-telnet", "enable") != "disable"
        ports = {
            "https": _first(G, "admin-sport", "443"), "http": _first(G, "admin-port", "80"),
            "ssh": _first(G, "admin-ssh-port", "22"), "telnet": _first(G, "admin-telnet-port", "23"),
            "snmp": "161", "fgfm": "541",
        }
        redirect = _first(G, "admin-https-redirect", "enable") != "disable"
        def number(key: str, default: int) -> int:
            value = _first(G, key, "") or ""
            return int(value) if value.isdigit() else default

        self.mfacts.update(
            admin_telnet=telnet_on, admin_https_redirect=redirect,
            admin_ports={k: int(x) for k, x in ports.items() if x and x.isdigit()},
            admin_lockout={"threshold": number("admin-lockout-threshold", 3),
                           "duration": number("admin-lockout-duration", 60)},
            strong_crypto=_first(G, "strong-crypto", "enable") != "disable",
            admin_ssh_v1=_enabled(G, "admin-ssh-v1"),
        )
        if self.mgmt.idle_timeout is None:
            self.mgmt.idle_timeout_default = FORTIOS_ADMINTIMEOUT_DEFAULT
        # privileges from admin profiles
        for user, _, _, _ in self.admins:
            user.privilege = self.privilege(user.role)
        # union of trusthosts
        t4: list[AddressRange] | None = None
        t6: list[AddressRange] | None = None
        if self.admins:
            t4 = _union([r for _, a, _, _ in self.admins for r in a])
            t6 = _union([r for _, _, b, _ in self.admins for r in b])
        # SNMP: the managers a community lists (any when none or 0.0.0.0/0), any for SNMPv3
        # users that may query; FortiOS applies the admin trusthosts to SNMP too.
        snmp_all = self.snmp_any or self.snmp_users_query
        snmp4 = [ALL4] if snmp_all else _union([r for r in self.snmp_hosts if r.family == 4])
        snmp6 = [ALL6] if snmp_all else _union([r for r in self.snmp_hosts if r.family == 6])
        if t4 is not None:
            snmp4 = _intersect(snmp4, t4)
        if t6 is not None:
            snmp6 = _intersect(snmp6, t6)
        for iface, fam, protos, line in self.allowaccess:
            loc = self.set_loc(line)
            for proto in protos:
                port = ports.get(proto)
                svc = ManagementService(protocol=proto, loc=loc, interfaces=[iface.name],
                                        port=int(port) if port and port.isdigit() else None, explicit=True)
                notes = []
                if proto in ("ping", "http", "https", "ssh", "telnet"):
                    src = t4 if fam == 4 else t6
                    if src is None:
                        notes.append("no admin account in the config: the trusthosts that limit the sources are unknown")
                    else:
                        svc.allowed_sources = list(src)
                elif proto == "snmp":
                    src = snmp4 if fam == 4 else snmp6
                    sysinfo = self.mfacts.get("snmp_sysinfo", {}).get("status")
                    if not self.snmp_seen:
                        svc.enabled = False
                        notes.append("no SNMP community or user in the config: the agent answers no one")
                    elif sysinfo == "disable" or (sysinfo is None and self.header_seen):
                        svc.enabled = False
                        notes.append("the SNMP agent is off (config system snmp sysinfo / set status disable)")
                    notes.append("sources: the SNMP managers of the communities (any for SNMPv3 users) "
                                 "within the admin trusthosts")
                    svc.allowed_sources = list(src)
                else:
                    notes.append("not limited by admin trusthosts")
                if proto == "telnet" and not telnet_on:
                    svc.enabled = False
                    notes.append("admin-telnet disable: the telnet service is off")
                if proto == "http" and redirect:
                    notes.append("admin-https-redirect: HTTP answers with a redirect to HTTPS")
                if iface.shutdown:
                    notes.append("the interface is administratively down")
                if fam == 6:
                    notes.append("IPv6 (ip6-allowaccess)")
                svc.note = "; ".join(notes)
                m.services.append(svc)
        # central AAA for administrators
        remote = [info for _, _, _, info in self.admins if info["remote_auth"]]
        if remote:
            m.aaa.enabled = True
            line = remote[0]["remote_auth_line"] or remote[0]["line"]
            m.aaa.loc = self.set_loc(line)
            for info in remote:
                method = f"group {info['remote_group']}" if info["remote_group"] else "remote"
                if method not in m.aaa.login_methods:
                    m.aaa.login_methods.append(method)
            m.aaa.login_methods.append("local")
        # Command accounting: TACACS+ accounting (7.x), or the event log, which records
        # every configuration change (who, from where, which object), sent off the box.
        logs = self.mfacts.get("log_settings", {})
        tacacs_acct = logs.get("log tacacs+accounting setting", {})
        events = logs.get("log eventfilter", {})
        if tacacs_acct.get("status") == "enable" and tacacs_acct.get("server"):
            m.aaa.accounting_commands = True
            self.mfacts["command_accounting"] = "TACACS+ accounting (config log tacacs+accounting setting)"
        elif m.log_hosts and events.get("event", "enable") != "disable" and events.get("system", "enable") != "disable":
            m.aaa.accounting_commands = True
            m.aaa.accounting_loc = m.log_hosts[0].loc
            self.mfacts["command_accounting"] = ("event log of configuration changes sent to " +
                                                 ", ".join(h.address for h in m.log_hosts))
        for key, label in (("pre-login-banner", "pre-login"), ("post-login-banner", "post-login")):
            if key in self.banner_texts:
                m.banners[label] = self.banner_texts.get(f"{label}-text") or f"(FortiOS default {label} disclaimer)"

    def privilege(self, profile: str) -> int | None:
        if profile in PROFILE_PRIVILEGE:
            return PROFILE_PRIVILEGE[profile]
        perms = self.accprofiles.get(profile)
        if perms is None:
            return None
        values = [x for k, x in perms.items() if k.endswith("grp") or k in ("wifi", "system-diagnostics")]
        if values and all(x == "read-write" for x in values) and len(values) >= 8:
            return 15
        if any(x in ("read-write", "custom") for x in values):
            return 10
        return 1


# --------------------------------------------------------------------------- helpers


def _restore_storage(node: Any) -> None:
    """'reversible' -> 'encrypted' in the *_storage values of facts (private data
    encryption on: ENC values need the device's own key)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("_storage") and value == "reversible":
                node[key] = "encrypted"
            else:
                _restore_storage(value)
    elif isinstance(node, list):
        for value in node:
            _restore_storage(value)


def _merge_ranges(ranges: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    out: list[list[int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return tuple((a, b) for a, b in out)


def _normalise_services(services: list[Service] | tuple[Service, ...]) -> tuple[Service, ...]:
    """One entry per protocol and source ports (destination ranges merged); a whole
    protocol or ICMP type absorbs its narrower entries; ANY absorbs everything."""
    if any(s.protocol is None for s in services):
        return (ANY_SERVICE,)
    whole = {s.protocol for s in services if not s.src_ports and not s.dst_ports and s.icmp_type is None}
    icmp_any_code = {(s.protocol, s.icmp_type) for s in services if s.icmp_code is None}
    slots: list[Any] = []
    ports: dict[tuple, list[tuple[int, int]]] = {}
    for s in services:
        if s.protocol in whole:
            key: Any = ("whole", s.protocol)
            if key not in ports:
                ports[key] = []
                slots.append(key)
        elif s.protocol in (6, 17, 132, 136):
            key = (s.protocol, s.src_ports)
            if key not in ports:
                ports[key] = []
                slots.append(key)
            ports[key].extend(s.dst_ports or ((0, 65535),))
        elif s.icmp_code is not None and (s.protocol, s.icmp_type) in icmp_any_code:
            continue
        else:
            slots.append(s)
    out: list[Service] = []
    for slot in slots:
        if type(slot) is Service:
            out.append(slot)
        elif slot[0] == "whole":
            out.append(Service(slot[1]))
        else:
            merged = _merge_ranges(ports[slot])
            out.append(Service(slot[0], slot[1], () if merged == ((0, 65535),) else merged))
    return tuple(dict.fromkeys(out))


def _union(ranges: list[AddressRange]) -> list[AddressRange]:
    """Merged, sorted ranges (per family)."""
    out: list[AddressRange] = []
    for fam in (4, 6):
        merged = _merge_ranges([(r.first, r.last) for r in ranges if r.family == fam])
        out.extend(AddressRange(fam, a, b) for a, b in merged)
    return out


def _intersect(a: list[AddressRange], b: list[AddressRange]) -> list[AddressRange]:
    out = []
    for x in a:
        for y in b:
            if x.family == y.family and x.first <= y.last and y.first <= x.last:
                out.append(AddressRange(x.family, max(x.first, y.first), min(x.last, y.last)))
    return _union(out)


def _subtract(items: list, excluded: list) -> tuple[list, bool]:
    """items minus excluded, exactly, when all are ranges; (items, False) otherwise."""
    if any(type(x) is not AddressRange for x in items) or any(type(x) is not AddressRange for x in excluded):
        return items, False
    out: list[AddressRange] = []
    for fam in (4, 6):
        keep = list(_merge_ranges([(r.first, r.last) for r in items if r.family == fam]))
        for ex in _merge_ranges([(r.first, r.last) for r in excluded if r.family == fam]):
            nxt: list[tuple[int, int]] = []
            for lo, hi in keep:
                if ex[1] < lo or ex[0] > hi:
                    nxt.append((lo, hi))
                    continue
                if lo < ex[0]:
                    nxt.append((lo, ex[0] - 1))
                if hi > ex[1]:
                    nxt.append((ex[1] + 1, hi))
            keep = nxt
        out.extend(AddressRange(fam, a, b) for a, b in keep)
    return out, True


def _complement_services(services: tuple[Service, ...]) -> tuple[tuple[Service, ...], bool]:
    """Every packet the services do not match (for service-negate); exact unless source
    ports or ICMP codes are restricted in several different ways."""
    if ANY_SERVICE in services or any(s.protocol is None for s in services):
        return (), True
    by_proto: dict[int, list[Service]] = {}
    for s in services:
        by_proto.setdefault(s.protocol, []).append(s)  # type: ignore[arg-type]
    out: list[Service] = []
    exact = True
    for proto in range(256):
        entries = by_proto.get(proto)
        if not entries:
            out.append(Service(proto))
            continue
        if any(not s.src_ports and not s.dst_ports and s.icmp_type is None for s in entries):
            continue  # the whole protocol is matched
        if proto in (6, 17, 132, 136):
            plain = [r for s in entries if not s.src_ports for r in (s.dst_ports or ((0, 65535),))]
            with_src = [s for s in entries if s.src_ports]
            srcs = {s.src_ports for s in with_src}
            if len(srcs) > 1:
                exact = False
                plain += [r for s in with_src for r in (s.dst_ports or ((0, 65535),))]
                with_src = []
            covered = _merge_ranges(plain + [r for s in with_src for r in (s.dst_ports or ((0, 65535),))])
            rest = port_ranges_not(covered)
            if rest:
                out.append(Service(proto, (), rest))
            if with_src:
                src_ports = next(iter(srcs))
                only_src = _merge_ranges([r for s in with_src for r in (s.dst_ports or ((0, 65535),))])
                # destinations matched only together with these source ports
                dst_part = _ranges_minus(only_src, _merge_ranges(plain))
                other_src = port_ranges_not(src_ports)
                if dst_part and other_src:
                    out.append(Service(proto, other_src, dst_part))
        elif proto in (1, 58):
            types = {s.icmp_type for s in entries}
            if any(s.icmp_code is not None for s in entries):
                exact = False
            out.extend(Service(proto, icmp_type=t) for t in range(256) if t not in types)
        else:
            exact = False  # ports/types on a protocol without them: keep it matched
    return tuple(out), exact


def _ranges_minus(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    keep = list(a)
    for lo_b, hi_b in b:
        nxt = []
        for lo, hi in keep:
            if hi_b < lo or lo_b > hi:
                nxt.append((lo, hi))
                continue
            if lo < lo_b:
                nxt.append((lo, lo_b - 1))
            if hi > hi_b:
                nxt.append((hi_b + 1, hi))
        keep = nxt
    return tuple(keep)


_ADDR_REFS = frozenset({"srcaddr", "dstaddr", "srcaddr6", "dstaddr6", "srcaddr4", "dstaddr4", "service", "schedule"})
_MENTIONS: dict[str, frozenset[str]] = {
    "firewall proxy-policy": _ADDR_REFS, "firewall shaping-policy": _ADDR_REFS,
    "firewall multicast-policy": _ADDR_REFS, "firewall multicast-policy6": _ADDR_REFS,
    "firewall interface-policy": _ADDR_REFS, "firewall interface-policy6": _ADDR_REFS,
    "firewall sniffer": _ADDR_REFS, "firewall ttl-policy": _ADDR_REFS, "firewall acl": _ADDR_REFS,
    "firewall acl6": _ADDR_REFS, "firewall policy46": _ADDR_REFS, "firewall policy64": _ADDR_REFS,
    "firewall central-snat-map": frozenset({"orig-addr", "dst-addr", "orig-addr6", "dst-addr6"}),
    "firewall ssl-ssh-profile": frozenset({"address", "address6"}),
    "firewall proxy-addrgrp": frozenset({"member"}),
    "system sdwan": frozenset({"dst", "src", "dst6", "src6"}),
    "system virtual-wan-link": frozenset({"dst", "src", "dst6", "src6"}),
    "authentication rule": frozenset({"srcaddr", "srcaddr6", "dstaddr", "dstaddr6"}),
    "router policy": frozenset({"srcaddr", "dstaddr"}),
    "router policy6": frozenset({"srcaddr", "dstaddr"}),
    "web-proxy explicit": frozenset({"pac-file-through-https"}),
}


def _vdom_handler(func):
    return ("vdom", func)


def _global_handler(func):
    return ("global", func)


_HANDLERS: dict[str, tuple[str, Any]] = {
    "system global": _global_handler(_Run.h_global),
    "system settings": _vdom_handler(_Run.h_settings),
    "system interface": _global_handler(_Run.h_interface),
    "system zone": _vdom_handler(_Run.h_zone),
    "system sdwan": _vdom_handler(_Run.h_sdwan),
    "system virtual-wan-link": _vdom_handler(_Run.h_sdwan),
    "router static": _vdom_handler(_Run.h_static),
    "router static6": _vdom_handler(lambda self, b, v: _Run.h_static(self, b, v, 6)),
    "firewall address": _vdom_handler(_Run.h_address),
    "firewall address6": _vdom_handler(lambda self, b, v: _Run.h_address(self, b, v, 6)),
    "firewall addrgrp": _vdom_handler(_Run.h_addrgrp),
    "firewall addrgrp6": _vdom_handler(lambda self, b, v: _Run.h_addrgrp(self, b, v, 6)),
    "firewall vip": _vdom_handler(_Run.h_vip),
    "firewall vip6": _vdom_handler(lambda self, b, v: _Run.h_vip(self, b, v, 6)),
    "firewall vipgrp": _vdom_handler(_Run.h_vipgrp),
    "firewall vipgrp6": _vdom_handler(lambda self, b, v: _Run.h_vipgrp(self, b, v, 6)),
    "firewall service custom": _vdom_handler(_Run.h_service_custom),
    "firewall service group": _vdom_handler(_Run.h_service_group),
    "firewall schedule onetime": _vdom_handler(_Run.h_schedule),
    "firewall schedule recurring": _vdom_handler(_Run.h_schedule),
    "firewall schedule group": _vdom_handler(_Run.h_schedule),
    "firewall profile-group": _vdom_handler(_Run.h_profile_group),
    "firewall policy": _vdom_handler(lambda self, b, v: v.policy_blocks.append(("policy", b))),
    "firewall policy6": _vdom_handler(lambda self, b, v: v.policy_blocks.append(("policy6", b))),
    "firewall security-policy": _vdom_handler(lambda self, b, v: v.policy_blocks.append(("security-policy", b))),
    "firewall consolidated policy": _vdom_handler(lambda self, b, v: v.policy_blocks.append(("consolidated", b))),
    "firewall local-in-policy": _vdom_handler(lambda self, b, v: v.local_in_blocks.append((4, b))),
    "firewall local-in-policy6": _vdom_handler(lambda self, b, v: v.local_in_blocks.append((6, b))),
    "firewall DoS-policy": _vdom_handler(_Run.h_dos),
    "firewall DoS-policy6": _vdom_handler(_Run.h_dos),
    "system admin": _global_handler(_Run.h_admin),
    "system accprofile": _global_handler(_Run.h_accprofile),
    "user radius": _vdom_handler(_Run.h_aaa_server),
    "user tacacs+": _vdom_handler(_Run.h_aaa_server),
    "user ldap": _vdom_handler(_Run.h_aaa_server),
    "user local": _vdom_handler(_Run.h_user_local),
    "user group": _vdom_handler(_Run.h_user_group),
    "log syslogd setting": _global_handler(_Run.h_syslogd),
    "log syslogd2 setting": _global_handler(_Run.h_syslogd),
    "log syslogd3 setting": _global_handler(_Run.h_syslogd),
    "log syslogd4 setting": _global_handler(_Run.h_syslogd),
    "log syslogd override-setting": _global_handler(_Run.h_syslogd),
    "log syslogd2 override-setting": _global_handler(_Run.h_syslogd),
    "log fortianalyzer setting": _global_handler(_Run.h_fortianalyzer),
    "log fortianalyzer2 setting": _global_handler(_Run.h_fortianalyzer),
    "log fortianalyzer3 setting": _global_handler(_Run.h_fortianalyzer),
    "log fortianalyzer override-setting": _global_handler(_Run.h_fortianalyzer),
    "log disk setting": _global_handler(_Run.h_log_other),
    "log setting": _vdom_handler(_Run.h_log_setting),
    "log memory setting": _global_handler(_Run.h_log_other),
    "log eventfilter": _global_handler(_Run.h_log_other),
    "log fortiguard setting": _global_handler(_Run.h_log_other),
    "log tacacs+accounting setting": _global_handler(_Run.h_log_other),
    "system ntp": _global_handler(_Run.h_ntp),
    "system snmp community": _global_handler(_Run.h_snmp_community),
    "system snmp user": _global_handler(_Run.h_snmp_user),
    "system snmp sysinfo": _global_handler(_Run.h_snmp_sysinfo),
    "system replacemsg admin": _global_handler(_Run.h_replacemsg_admin),
    "system password-policy": _global_handler(_Run.h_password_policy),
    "system ha": _global_handler(_Run.h_ha),
    "system autoupdate schedule": _global_handler(_Run.h_autoupdate),
    "vpn ssl settings": _vdom_handler(_Run.h_ssl_settings),
    "vpn ssl web portal": _vdom_handler(_Run.h_ssl_portal),
    "vpn ipsec phase1-interface": _vdom_handler(_Run.h_phase1),
    "vpn ipsec phase1": _vdom_handler(_Run.h_phase1),
    "vpn ipsec phase2-interface": _vdom_handler(_Run.h_phase2),
    "vpn ipsec phase2": _vdom_handler(_Run.h_phase2),
    "wireless-controller vap": _vdom_handler(_Run.h_vap),
}


# --------------------------------------------------------------------------- the plugin


class FortiosParser:
    vendor = "fortinet_fortios"

    def detect(self, text: str) -> int:
        from parsers.detect import score_vendors

        score = score_vendors(text[:200_000]).get("fortinet_fortios", 0)
        return max(0, min(100, score))

    def parse(self, text: str, file: str) -> Device:
        # Many small acyclic objects: pausing the cyclic collector saves a third of the time.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return _Run(text, file).run()
        finally:
            if enabled:
                gc.enable()


PARSER = FortiosParser()
