"""Juniper Junos parser: `show configuration` (curly braces) and `show configuration |
display set` (`set` / `deactivate` / `delete` lines) of SRX firewalls, MX/PTX/ACX
routers and EX/QFX switches, into `netlint.model.Device`.

How it works
------------
Both forms become ONE hierarchy first: a tree of statements (`Node`), each node one
word of a configuration path (`security` > `policies` > `from-zone` > `trust` >
`to-zone` > `untrust` > `policy` > `P1` > ...) that remembers the line it came from
(first line and last line: the closing brace in curly form, the last `set` line of
that path in set form). A hand-written scanner reads the text line by line (fast path
for the common one-statement lines, a regex tokenizer for quotes, `[ lists ]`,
`/* annotations */` and `# comments`). `inactive:` / `deactivate` mark nodes, `delete`
removes them. `groups` / `apply-groups` (at any level, wildcard `<*>` statements,
`apply-groups-except`) are expanded on that tree before anything is read; inherited
statements keep the line of the group statement. Everything after that reads only the
tree, so both forms give the same model (the tests assert it).

What is modelled
----------------
* Inventory: `system host-name`, `version` (os_version), `## Last commit` header,
  model hints from header comments (`SRX345`, `EX4300-48T`...).
* Interfaces (`ge-0/0/0.0` = physical + unit), addresses v4/v6, description,
  `disable`, `vlan-id`, `family inet|inet6 filter input|output|input-list|output-list`,
  `family ethernet-switching` (interface-mode/port-mode, vlan members, native VLAN),
  `interface-range` (member / member-range expanded), `vlans` (EX), IRB mapping.
* Static routes (`routing-options static`, `rib inet6.0 static`, routing-instances with
  their vrf; next-hop, qualified-next-hop, preference, discard/reject/receive).
* Stateless firewall filters (`firewall family inet|inet6 filter`, `firewall filter`):
  each a `Filter(kind='firewall-filter')` with the implicit final discard. Terms become
  rules with exact match sets: address lists with `except` (longest-prefix semantics,
  turned into exact ranges), prefix lists (`apply-path` expanded from this same
  config; `LIST except` negates the whole list, as Batfish models it), protocols,
  ports (numbers, ranges, Junos names), `port` (source OR
  destination), ICMP types/codes by name, `tcp-established`/`tcp-initial`/`tcp-flags`.
  `address`/`prefix-list` (source OR destination) split a term into consecutive rules
  with the same action (exact under first match). `next term` -> action `continue`; a
  term without a terminating action accepts (Junos: nonterminating actions carry an
  implicit accept). Terms naming another filter (`filter X`) are inlined. A term's
  remark is the annotation (`/* ... */`) right above it (terms have no description).
* `policy-options prefix-list` (define/refer; uses inside policy-statements count).
* SRX: security zones (interfaces, host-inbound-traffic system-services, zone and
  interface level), address books (global, named + attach, zone-level; prefixes,
  `range-address`, `wildcard-address`, `dns-name` -> unresolved, address-sets),
  applications/application-sets and the predefined `junos-*` applications
  (`JUNOS_APPLICATIONS`), schedulers, zone-pair and global security policies flattened
  into ONE `Filter('security-policy', kind='security-policy', stateful=True)`: every
  zone-pair policy in config order, then the global policies (the SRX looks up the
  zone-pair context first, then global, then the default policy; rules carry their
  zones, so the flattening is exact), `default-policy`.
* Management plane: `system services` (telnet, ssh + protocol-version/root-login, ftp,
  finger, netconf, web-management http/https, rest, xnm-clear-text/ssl), login users
  and classes, root-authentication, authentication-order, TACACS+/RADIUS servers,
  accounting, syslog hosts and files, NTP, SNMP communities/clients/v3 users, banners,
  idle timeouts. On an SRX a management service is reachable only on the out-of-band
  port (fxp0/me0) and on zone / functional-zone interfaces whose host-inbound-traffic
  admits it: its `interfaces` list says which (none: enabled=False, with a note).

Decisions worth knowing
-----------------------
* Secrets: `$9$` is REVERSIBLE obfuscation (storage 'reversible'); `$1$` md5, `$5$`
  sha256, `$6$` sha512 one-way hashes; nothing secret is stored, kept line texts are
  redacted by `junos_redact`.
* `system login user X class super-user` -> privilege 15 (operator 5, read-only 1,
  unauthorized 0, a custom class with `permissions all` 15). `root-authentication` is
  the built-in user 'root' (Management.facts['builtin_users'] names it).
* AAA is `enabled` only when `authentication-order` names tacplus or radius: without it
  Junos authenticates locally even with servers configured
  (Management.facts['aaa_servers_unused']).
* Junos always timestamps syslog: log_timestamps=True.
* Idle timeout is per login class: Management.idle_timeout is the longest
  `idle-timeout` among the classes local users log in with, when all of them set one
  (else None and Management.facts['classes_without_idle_timeout']).
* Unknown predefined `junos-*` names make the rule approximate
  (`extra['unresolved_services']`). `junos-rdp`/`junos-ms-rdp` and `junos-mysql` exist only
  on newer releases; the table lists what we could verify.
* An interface name in a security zone without a unit means unit 0.
* `input-list`/`output-list` bind a composite filter named `A+B` (the lists' terms in
  order, one implicit discard at the end).
* One-line statements that set several leaves (`term t1 protocol tcp destination-port
  80;`, hand-written `set ... match source-address A destination-address B application
  any`) are split with a small table of one-value keywords (`_LEAF1` / `_SIBLING`).
* Zone `junos-host` (the device itself) is predefined: no zone reference for it.
* Unknown statements under the hierarchies we model warn ("statement not understood");
  whole hierarchies we deliberately do not model (protocols, class-of-service,
  chassis, forwarding-options, services, event-options...) are recognised silently, and
  a defined filter/prefix-list/policer named anywhere inside them gets a 'mentioned'
  reference (never a false 'unused').

`Device.facts` keys: platform ('srx' | 'junos'), last_commit, last_commit_by,
  config_form ('curly' | 'set'), model_line, domain_name, time_zone, name_servers,
  autoinstallation, archive_sites (list), archive_cleartext (bool), management_instance,
  zone_host_inbound ({zone: {services, line, interfaces: {if: services}}}),
  zone_screens ({zone: screen}), functional_zone_management, non_ip_filters
  ({name: family}), nat (list of dicts), security_log_streams, ike, ipsec (trimmed
  dicts), flow_options (list), idp_configured / utm_configured, idp_active_policy /
  utm_active_policy, chassis_cluster (bool), interfaces_outside_zones (addressed
  interfaces in no security zone: an SRX drops their transit traffic).
`Management.facts` keys: ssh_root_login, ssh_options (dict), builtin_users,
  login_classes ({class: {idle_timeout, permissions}}), classes_without_idle_timeout,
  login_retry_options, password_policy, aaa_servers_unused, accounting_events,
  accounting_destinations, syslog_hosts ({host: ["facility level", ...]}),
  syslog_files ({file: [...]}), syslog_other, ntp_boot_server, ntp_keys,
  ntp_trusted_keys, snmp_location, snmp_contact, snmp_client_lists, snmp_interfaces,
  snmp_trap_groups, web_management / rest (dicts), telnet_options, services_other
  (list), accounting_servers, console_ports.
`Rule.extra`: context ('from-zone A to-zone B' | 'global'), count, policer,
  routing_instance, reject_type, alternative ('1/2'), port_without_protocol,
  unresolved_services, unmapped_applications, source_identity, url_category,
  application_services, tunnel, log (session-init/close), modifiers (other filter
  action modifiers), inlined_from + in_term (terms of a nested filter),
  apply_path_prefix_lists, scheduler_undefined.
`Interface.extra`: physical_description, physical_disabled, aggregated_parent,
  address_dhcp, unnumbered_address, filter_in_list / filter_out_list, filter_group,
  oob_management (fxp0/me0), functional_zone, not_configured (named in a zone only),
  unit.
"""

from __future__ import annotations

import gc
import ipaddress
import re
from datetime import datetime
from pathlib import PurePath
from typing import Any

from netlint.model import (
    ANY_SERVICE, CONTINUE, DENY, MAX_ADDR, PERMIT,
    AaaServer, AddressRange, AddressSet, AddressWildcard, Device, Filter, Interface,
    InterfaceAddress, LocalUser, Location, LogHost, ManagementService, ParseError, Route,
    Rule, Secret, Service, SnmpCommunity, SnmpUser, Vlan, VtyLine, Zone, port_ranges_not,
)
from parsers.common import newline_only

__all__ = ["PARSER", "JunosParser", "JUNOS_PORTS", "JUNOS_APPLICATIONS", "ICMP_TYPES", "ICMP6_TYPES",
           "junos_redact", "build_tree"]

# --------------------------------------------------------------------------- tables

# Port names Junos accepts in firewall filters and applications.
JUNOS_PORTS: dict[str, int] = {
    "afs": 1483, "bgp": 179, "biff": 512, "bootpc": 68, "bootps": 67, "cmd": 514,
    "cvspserver": 2401, "dhcp": 67, "domain": 53, "eklogin": 2105, "ekshell": 2106,
    "exec": 512, "finger": 79, "ftp": 21, "ftp-data": 20, "http": 80, "https": 443,
    "ident": 113, "imap": 143, "kerberos-sec": 88, "klogin": 543, "kpasswd": 761,
    "krb-prop": 754, "krbupdate": 760, "kshell": 544, "ldap": 389, "ldp": 646, "login": 513,
    "mobileip-agent": 434, "mobilip-mn": 435, "msdp": 639, "netbios-dgm": 138,
    "netbios-ns": 137, "netbios-ssn": 139, "nfsd": 2049, "nntp": 119, "ntalk": 518,
    "ntp": 123, "pop3": 110, "pptp": 1723, "printer": 515, "radacct": 1813, "radius": 1812,
    "rip": 520, "rkinit": 2108, "smtp": 25, "snmp": 161, "snmptrap": 162, "snpp": 444,
    "socks": 1080, "ssh": 22, "sunrpc": 111, "syslog": 514, "tacacs": 49, "tacacs-ds": 65,
    "talk": 517, "telnet": 23, "tftp": 69, "timed": 525, "who": 513, "xdmcp": 177,
    "zephyr-clt": 2103, "zephyr-hm": 2104, "zephyr-srv": 2102,
}

ICMP_TYPES: dict[str, int] = {
    "echo-reply": 0, "unreachable": 3, "source-quench": 4, "redirect": 5, "echo-request": 8,
    "router-advertisement": 9, "router-solicit": 10, "time-exceeded": 11,
    "parameter-problem": 12, "timestamp": 13, "timestamp-reply": 14, "info-request": 15,
    "info-reply": 16, "mask-request": 17, "mask-reply": 18,
}

ICMP6_TYPES: dict[str, int] = {
    "destination-unreachable": 1, "packet-too-big": 2, "time-exceeded": 3,
    "parameter-problem": 4, "echo-request": 128, "echo-reply": 129, "membership-query": 130,
    "membership-report": 131, "membership-termination": 132, "router-solicit": 133,
    "router-advertisement": 134, "neighbor-solicit": 135, "neighbor-advertisement": 136,
    "redirect": 137, "router-renumbering": 138, "node-information-request": 139,
    "node-information-reply": 140,
}

ICMP_CODES: dict[str, int] = {
    "network-unreachable": 0, "host-unreachable": 1, "protocol-unreachable": 2,
    "port-unreachable": 3, "fragmentation-needed": 4, "source-route-failed": 5,
    "destination-network-unknown": 6, "destination-host-unknown": 7, "source-host-isolated": 8,
    "destination-network-prohibited": 9, "destination-host-prohibited": 10,
    "network-unreachable-for-tos": 11, "host-unreachable-for-tos": 12,
    "communication-prohibited-by-filtering": 13, "host-precedence-violation": 14,
    "precedence-cutoff-in-effect": 15, "redirect-for-network": 0, "redirect-for-host": 1,
    "redirect-for-tos-and-net": 2, "redirect-for-tos-and-host": 3, "ttl-eq-zero-during-transit": 0,
    "ttl-eq-zero-during-reassembly": 1, "ip-header-bad": 0, "required-option-missing": 1,
}

# Protocol names of filters (`protocol`, `next-header`) and applications.
JUNOS_PROTOCOLS: dict[str, int] = {
    "hop-by-hop": 0, "icmp": 1, "igmp": 2, "ipip": 4, "tcp": 6, "egp": 8, "udp": 17,
    "ipv6": 41, "routing": 43, "fragment": 44, "rsvp": 46, "gre": 47, "esp": 50, "ah": 51,
    "icmp6": 58, "icmpv6": 58, "no-next-header": 59, "dstopts": 60, "ospf": 89, "pim": 103,
    "vrrp": 112, "sctp": 132, "mobility": 135,
}

_PORT_PROTOS = (6, 17, 132)
_ICMP_PROTOS = (1, 58)

# Predefined applications (`show groups junos-defaults applications`). Each entry is a
# union of 'proto/ports', 'icmp:type', 'icmp6:type' or a bare protocol; sets of other
# predefined applications use '@name'. Names not listed here are approximated.
_PREDEFINED_SPEC: dict[str, str] = {
    "junos-aol": "tcp/5190-5193", "junos-bgp": "tcp/179", "junos-biff": "udp/512",
    "junos-bootpc": "udp/68", "junos-bootps": "udp/67", "junos-chargen": "udp/19",
    "junos-cvspserver": "tcp/2401", "junos-dhcp-client": "udp/68", "junos-dhcp-relay": "udp/67",
    "junos-dhcp-server": "udp/67", "junos-discard": "udp/9", "junos-dns-tcp": "tcp/53",
    "junos-dns-udp": "udp/53", "junos-echo": "udp/7", "junos-finger": "tcp/79",
    "junos-ftp": "tcp/21", "junos-ftp-data": "tcp/20", "junos-gnutella": "udp/6346-6347",
    "junos-gopher": "tcp/70", "junos-gre": "gre", "junos-gtp": "udp/2123", "junos-h323": "tcp/1720",
    "junos-http": "tcp/80", "junos-http-ext": "tcp/7001", "junos-https": "tcp/443",
    "junos-icmp-all": "icmp", "junos-icmp-ping": "icmp:8", "junos-ping": "icmp:8",
    "junos-icmp6-all": "icmp6", "junos-pingv6": "icmp6:128", "junos-icmp6-echo-request": "icmp6:128",
    "junos-icmp6-echo-reply": "icmp6:129", "junos-icmp6-packet-too-big": "icmp6:2",
    "junos-ident": "tcp/113", "junos-ike": "udp/500", "junos-ike-nat": "udp/4500",
    "junos-imap": "tcp/143", "junos-imaps": "tcp/993", "junos-internet-locator-service": "tcp/389",
    "junos-irc": "tcp/6660-6669", "junos-l2tp": "udp/1701", "junos-ldap": "tcp/389",
    "junos-ldp-tcp": "tcp/646", "junos-ldp-udp": "udp/646", "junos-lpr": "tcp/515",
    "junos-mail": "tcp/25", "junos-mgcp-ca": "udp/2727", "junos-mgcp-ua": "udp/2427",
    "junos-mgcp": "@junos-mgcp-ca @junos-mgcp-ua", "junos-ms-rpc-tcp": "tcp/135",
    "junos-ms-rpc-udp": "udp/135", "junos-ms-rpc": "tcp/135 udp/135", "junos-ms-sql": "tcp/1433",
    "junos-msn": "tcp/1863", "junos-mysql": "tcp/3306", "junos-nbds": "udp/138",
    "junos-nbname": "udp/137", "junos-netbios-session": "tcp/139", "junos-nfs": "udp/111",
    "junos-nfsd-tcp": "tcp/2049", "junos-nfsd-udp": "udp/2049", "junos-nntp": "tcp/119",
    "junos-ns-global": "tcp/15397", "junos-ns-global-pro": "tcp/15397", "junos-nsm": "udp/69",
    "junos-ntalk": "udp/518", "junos-ntp": "udp/123", "junos-ospf": "ospf",
    "junos-pc-anywhere": "tcp/5631 udp/5632", "junos-pop3": "tcp/110", "junos-pptp": "tcp/1723",
    "junos-printer": "tcp/515", "junos-r2cp": "udp/28672", "junos-radacct": "udp/1813",
    "junos-radius": "udp/1812", "junos-rdp": "tcp/3389", "junos-ms-rdp": "tcp/3389",
    "junos-realaudio": "tcp/554", "junos-rip": "udp/520", "junos-rsh": "tcp/514",
    "junos-rtsp": "tcp/554", "junos-sccp": "tcp/2000", "junos-sctp-any": "sctp",
    "junos-sip": "tcp/5060 udp/5060", "junos-smb": "tcp/139 tcp/445", "junos-smb-session": "tcp/445",
    "junos-smtp": "tcp/25", "junos-smtps": "tcp/465", "junos-snmp-agentx": "tcp/705",
    "junos-snmp-get": "udp/161", "junos-snpp": "tcp/444", "junos-sql-monitor": "udp/1434",
    "junos-sqlnet-v1": "tcp/1525", "junos-sqlnet-v2": "tcp/1521", "junos-ssh": "tcp/22",
    "junos-sun-rpc-tcp": "tcp/111", "junos-sun-rpc-udp": "udp/111",
    "junos-sun-rpc": "tcp/111 udp/111", "junos-syslog": "udp/514", "junos-tacacs": "tcp/49",
    "junos-tacacs-ds": "tcp/65", "junos-talk": "udp/517", "junos-tcp-any": "tcp",
    "junos-telnet": "tcp/23", "junos-tftp": "udp/69", "junos-udp-any": "udp",
    "junos-uucp": "udp/540", "junos-vdo-live": "udp/7000-7010", "junos-vnc": "tcp/5800",
    "junos-wais": "tcp/210", "junos-who": "udp/513", "junos-whois": "tcp/43",
    "junos-winframe": "tcp/1494", "junos-x-windows": "tcp/6000-6063", "junos-xnm-clear-text": "tcp/3221",
    "junos-xnm-ssl": "tcp/3220", "junos-ymsg": "tcp/5050",
    # predefined application-sets
    "junos-cifs": "@junos-netbios-session @junos-smb-session",
    "junos-routing-inbound": "@junos-bgp @junos-rip @junos-ldp-tcp @junos-ldp-udp",
}


def _spec_services(spec: str, seen: frozenset[str] = frozenset()) -> tuple[Service, ...]:
    out: list[Service] = []
    for part in spec.split():
        if part.startswith("@"):
            name = part[1:]
            if name not in seen:
                out.extend(_spec_services(_PREDEFINED_SPEC[name], seen | {name}))
            continue
        if ":" in part:
            proto, _, icmp = part.partition(":")
            out.append(Service(JUNOS_PROTOCOLS[proto], icmp_type=int(icmp)))
            continue
        proto, _, ports = part.partition("/")
        p = JUNOS_PROTOCOLS[proto]
        if ports:
            lo, _, hi = ports.partition("-")
            out.append(Service(p, (), ((int(lo), int(hi or lo)),)))
        else:
            out.append(Service(p))
    return tuple(dict.fromkeys(out))


JUNOS_APPLICATIONS: dict[str, tuple[Service, ...]] = {
    name: _spec_services(spec) for name, spec in _PREDEFINED_SPEC.items()
}

# Login classes predefined by Junos -> privilege on the Cisco 0-15 scale.
_CLASS_PRIVILEGE = {"super-user": 15, "operator": 5, "read-only": 1, "unauthorized": 0}

# Statements whose value an apply-groups inheritance must not add to (the explicit
# configuration, or a higher-priority group, already set one).
_SINGLE_VALUED = frozenset("""
    host-name domain-name description time-zone idle-timeout protocol-version
    authentication-order default-policy version class uid full-name encrypted-password
    vlan-id native-vlan-id interface-mode port-mode mode message announcement
    scheduler-name root-login port preference metric authorization location contact
    instance-type route-distinguisher mtu speed encapsulation start-time stop-time
    source-address-name destination-address-name protocol inactivity-timeout
    application-protocol destination-port source-port icmp-type icmp-code transport
""".split())

# Top-level hierarchies: modelled ones have handlers; these are recognised, not
# modelled (no warning).
_TOP_RECOGNISED = frozenset("""
    protocols class-of-service chassis forwarding-options services event-options
    ethernet-switching-options poe access access-profile accounting-options
    bridge-domains switch-options virtual-chassis multi-chassis smtp diameter fabric
    jsrc jsrc-partition logical-systems tenants multicast-snooping-options
    dynamic-profiles wlan unified-edge rcsid fabric-options openflow
    multi-chassis-protection redundancy-group security-profile virtual-chassis-fabric
    vmhost ethernet-switching vlans-options rollback junos-defaults
""".split())

_SYSTEM_RECOGNISED = frozenset("""
    location internet-options max-configurations-on-flash max-configuration-rollbacks
    processes license commit scripts static-host-mapping default-address-selection arp
    no-redirects no-redirects-ipv6 no-ping-record-route no-ping-time-stamp
    no-multicast-echo tacplus-options radius-options master-password phone-home
    configuration-database dump-device saved-core-context saved-core-files extensions
    mirror-flash-on-disk compress-configuration-files use-imported-time-zones
    ddos-protection packet-forwarding-options auto-snapshot diag-port-authentication
    pic-console-authentication fips encrypt-configuration-files kernel-replication
    nd-maxmcast-solicit proxy domain-search backup-router inet6-backup-router
    dynamic-profile-options cli host-identifier-name management-instance
    switchover-on-routing-crash ntp-server? auto-configuration health-monitor
    login-tip? services-options? time-source web-authentication netconf
    redundancy-interface-process chassis-control no-saved-core-context
    authentication-method? radius-server-options? tracing traceoptions uid? password-options?
    intrusion-detection? apply-flags? rpm? image-signature-check? resource-monitor
    exclude-files? configuration? rpc? source-address? auto-image-upgrade
    fast-lookup? host-name-inet? synchronize? accounting-options? password? dns-proxy
    ports? mgd? commit-synchronize? node? system-name? boot-ports? storage? compress-core?
""".replace("?", "").split())

_SERVICES_RECOGNISED = frozenset("""
    dhcp dhcp-local-server dns outbound-ssh service-deployment reverse extension-service
    subscriber-management dynamic-dns webapi tftp-server application-identification
    netconf-server ssh-known-hosts extension-provider telemetry ssl-initiation
    dhcp-proxy-client jdhcp rest-api database-replication web-api flow-monitoring
    resource-monitor rpm connection? local-certificate? rest-api? tcp-server? apply-flags?
""".replace("?", "").split())

_SECURITY_RECOGNISED = frozenset("""
    ike ipsec idp utm flow alg application-tracking forwarding-options pki
    ssh-known-hosts authentication-key-chains dynamic-address application-firewall
    user-identification firewall-authentication gprs certificates group-vpn dynamic-vpn
    advance-policy-based-routing tcp-encap datapath-debug traceoptions
    forwarding-process cloud-analytics ssl macsec distribution-profile
    intrusion-detection-and-prevention dns? remote-access address-book-options?
    policy-options? analysis-report? log-server? user-authentication? aamw? atp?
    metadata-streaming-policy? security-intelligence? url-filtering? tunnel-inspection?
    resource-manager? h323? sip? flow-based-routing? mcast-domain? l3vpn? zone-management?
    ike-policy? high-availability? idp-sensor-configuration? nat-options? packet-capture?
    cloud? dynamic-application? 
""".replace("?", "").split())

_FILTER_CONDITIONS_NARROWING = frozenset("""
    fragment-flags is-fragment first-fragment fragment-offset fragment-offset-except
    dscp dscp-except precedence precedence-except packet-length packet-length-except
    ttl ttl-except hop-limit hop-limit-except interface interface-group
    interface-group-except interface-set forwarding-class forwarding-class-except
    loss-priority loss-priority-except source-class source-class-except
    destination-class destination-class-except traffic-class traffic-class-except
    ip-options ip-options-except extension-header extension-header-except
    flexible-match-mask flexible-match-range service-filter-hit ip-version
    gre-key vxlan source-mac-address destination-mac-address ether-type
    learn-vlan-id learn-vlan-1p-priority user-vlan-id user-vlan-1p-priority vlan-ether-type
    ip-protocol? l2-encap-type? flow-label flow-label-except
    ip-destination-address? ip-source-address? ip-precedence? ip-protocol-except?
    policy-map? loopback? match-terms? 
""".replace("?", "").split())

_THEN_MODIFIERS = frozenset("""
    count log syslog sample policer three-color-policer hierarchical-policer
    forwarding-class loss-priority dscp traffic-class port-mirror port-mirror-instance
    service-accounting service-accounting-deferred service-filter-hit next-hop-group
    analyzer packet-mode prefix-action virtual-channel ipsec-sa load-balance
    decapsulate? encapsulate? force-premium? flow-label? ip-precedence? tcp-mss? ipv6? 
    forwarding-class-except? next-interface? next-ip? next-ip6? vlan? set-class? 
""".replace("?", "").split())

_SYSTEM_SERVICE_NAMES = frozenset("""
    all any-service appqoe bootp dhcp dhcpv6 dns finger ftp http https ident-reset ike
    lsping netconf ntp ping r2cp reverse-ssh reverse-telnet rlogin rpm rsh snmp
    snmp-trap ssh telnet tftp traceroute xnm-clear-text xnm-ssl webapi-clear-text
    webapi-ssl tcp-encap high-availability sip smtp? jsdp? ntp-server? web-management?
    dhcpv6-client? dns-proxy? reverse-http? reverse-https? bfd? sql? lldp? any?
""".replace("?", "").split())

# Zones Junos defines itself (traffic to/from the device).
_PREDEFINED_ZONES = frozenset({"junos-host", "any"})
# Out-of-band management ports: not in any security zone, every system service answers there.
_OOB_PREFIXES = ("fxp0", "me0")

_SET_VERBS = frozenset({"set", "deactivate", "activate", "delete", "protect", "unprotect", "insert",
                        "annotate", "rename", "copy", "edit", "top", "up", "exit", "commit"})

_MODEL_HINT = re.compile(
    r"\b((?:v?SRX|EX|MX|QFX|ACX|PTX|SSG|J)\s?-?\d{2,4}[A-Z0-9-]*|vSRX\d?|vMX|cSRX)\b", re.I)


def _now() -> datetime:
    return datetime.now()


# --------------------------------------------------------------------------- redaction

_SECRET_RE = re.compile(
    r"(\b(?:encrypted-password|plain-text-password-value|secret"
    r"|authentication-key(?:\s+\d+)?(?:\s+type\s+\S+)?\s+value|authentication-key"
    r"|privacy-key|pre-shared-key\s+(?:ascii-text|hexadecimal)|ascii-text|hexadecimal"
    r"|simple-password|authentication-password|privacy-password|key\s+\d+\s+value"
    r"|md5\s+\d+\s+key|password)\s+)"
    r"(\"(?:[^\"\\]|\\.)*\"?|[^\s;]+)"
)
_COMMUNITY_RE = re.compile(r"(\bcommunity\s+)(\"(?:[^\"\\]|\\.)*\"?|[^\s;{]+)")
_HASH_RE = re.compile(r"(\$(?:9|1|5|6|sha1|2[aby]?)\$)[^\s\";]+")
_REDACT_TRIGGERS = ("$", "password", "secret", "key", "communit", "ascii-text", "hexadecimal")


def _redact_sub(m: re.Match[str]) -> str:
    if m.group(2).strip('"').lower() in ("public", "private"):
        return m.group(0)
    return m.group(1) + "<redacted>"


def junos_redact(text: str) -> str:
    """Replace secret values in a kept Junos line with <redacted> (passwords, hashes,
    `$9$` obfuscated secrets, keys, pre-shared keys, SNMP communities other than the
    well-known public/private that checks name)."""
    low = text.lower()
    if not any(t in low for t in _REDACT_TRIGGERS):
        return text
    out = _SECRET_RE.sub(_redact_sub, text)
    out = _COMMUNITY_RE.sub(_redact_sub, out)
    return _HASH_RE.sub(r"\1<redacted>", out)


# --------------------------------------------------------------------------- the tree


class Node:
    """One word of a configuration path; children in config order."""

    __slots__ = ("name", "line", "end", "kids", "inactive", "group")

    def __init__(self, name: str, line: int, end: int = 0, group: str | None = None):
        self.name = name
        self.line = line
        self.end = end or line
        self.kids: dict[str, Node] | None = None
        self.inactive = False
        self.group = group

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Node({self.name!r}, {self.line}-{self.end}, {len(self.kids or ())} kids)"

    def walk(self):
        """Every active node below this one (depth first)."""
        stack = [self]
        while stack:
            node = stack.pop()
            if node.kids:
                for child in node.kids.values():
                    if not child.inactive:
                        yield child
                        stack.append(child)


# One-line statements may set several leaves of one container: `term t1 protocol tcp
# destination-port 80;` (curly) or `set ... match source-address A destination-address B
# application any` (set). After a keyword of _LEAF1 and its one value, a word of
# _SIBLING belongs to the same container as the keyword, not under the value.
_LEAF1 = frozenset("""
    source-address destination-address application source-identity dynamic-application
    url-category protocol destination-port source-port port icmp-type icmp-code icmp6-type
    icmp6-code next-header payload-protocol inactivity-timeout application-protocol description
    next-hop preference metric tag class uid full-name start-time scheduler-name vlan-id
    interface-mode port-mode authorization root-login count policer dscp forwarding-class
    loss-priority rpc-program-number uuid encrypted-password
""".split())
_SIBLING = _LEAF1 | frozenset("""
    stop-time tcp-established tcp-initial permit deny reject accept discard log syslog
    authentication clients resolve no-readvertise retain no-retain install no-install
    source-address-excluded destination-address-excluded next secret family transport
    routing-instance single-connection timeout
""".split())
# keywords that are containers (named) directly under these nodes
_LEAF1_CONTAINER_UNDER = {"application": "applications", "policer": "firewall", "class": "login",
                          "port": "services"}


def _walk(node: Node, words, line: int, out: list[Node] | None = None) -> Node:
    """Create or extend the path `words` below `node` (set-form lines extend the end
    line of every node they touch); `out` collects the nodes of the statement."""
    hoist = not _LEAF1.isdisjoint(words)
    container: Node | None = None
    state = 0  # 1: a _LEAF1 keyword was just read, 2: its value too
    for w in words:
        if hoist:
            if state == 2 and container is not None and w in _SIBLING:
                node = container
                state = 0
            if state == 1:
                state = 2
            elif w in _LEAF1 and _LEAF1_CONTAINER_UNDER.get(w) != node.name:
                container = node
                state = 1
            else:
                state = 0
        kids = node.kids
        if kids is None:
            kids = node.kids = {}
        nxt = kids.get(w)
        if nxt is None:
            nxt = kids[w] = Node(w, line)
        elif nxt.end < line:
            nxt.end = line
        node = nxt
        if out is not None:
            out.append(node)
    return node


def _path(node: Node, words, line: int) -> Node:
    return _walk(node, words, line)


def _path_nodes(node: Node, words, line: int) -> list[Node]:
    out: list[Node] = []
    _walk(node, words, line, out)
    return out


# Quoted string | structure | word (brackets inside a word, e.g. ge-0/0/[10-12], are
# part of it: Junos lists are written '[ a b ]') | a quote never closed.
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{};])|([^\s{};"]+)|(")')


def _unquote(s: str) -> str:
    return s.replace('\\"', '"').replace("\\\\", "\\") if "\\" in s else s


def _odd_quotes(s: str) -> bool:
    n = 0
    i = s.find('"')
    while i >= 0:
        if i == 0 or s[i - 1] != "\\":
            n += 1
        i = s.find('"', i + 1)
    return n % 2 == 1


_COMMENT_SCAN = re.compile(r'"(?:[^"\\]|\\.)*"|/\*|#')


def _strip_comments(s: str) -> tuple[str, bool]:
    """Remove `/* annotations */` and `# comments` outside quoted strings; returns the
    rest of the line and whether an annotation stays open past its end."""
    pos = 0
    while True:
        m = _COMMENT_SCAN.search(s, pos)
        if m is None:
            return s, False
        tok = m.group(0)
        p = m.start()
        if tok[0] == '"':
            pos = m.end()
            continue
        if p and not (s[p - 1].isspace() or s[p - 1] in ";{}[]"):
            pos = m.end()  # part of a word (e.g. a '#' inside a name)
            continue
        if tok == "#":
            return s[:p], False
        q = s.find("*/", p + 2)
        if q < 0:
            return s[:p], True
        s = s[:p] + " " + s[q + 2:]
        pos = p


class TreeResult:
    __slots__ = ("root", "warnings", "set_lines", "statements", "meta", "comments", "annotations")

    def __init__(self) -> None:
        self.root = Node("", 0)
        self.warnings: list[tuple[int, str]] = []
        self.set_lines = 0
        self.statements = 0
        self.meta: dict[str, Any] = {}
        self.comments: list[tuple[int, str]] = []
        # `/* annotation */` -> the line of the statement it stands before
        self.annotations: dict[int, str] = {}


def build_tree(lines: list[str]) -> TreeResult:
    """The statement tree of a Junos config in either form, with warnings for what
    breaks the structure (unbalanced braces, missing semicolons, unknown verbs)."""
    res = TreeResult()
    root = res.root
    warnings = res.warnings
    stack: list[tuple[Node, list[Node], int]] = []
    cur = root
    in_comment = False
    annotation: list[str] | None = None  # parts of an annotation over several lines
    pending: str | None = None  # an annotation waiting for its statement
    n = len(lines)
    i = 0

    def close(lineno: int) -> None:
        nonlocal cur, pending
        pending = None
        if not stack:
            warnings.append((lineno, "unbalanced '}': no block is open here"))
            return
        parent, nodes, _ = stack.pop()
        for nd in nodes:
            if nd.end < lineno:
                nd.end = lineno
        cur = parent

    def statement(words: list[str], items: list[str] | None, term: str, lineno: int) -> None:
        nonlocal cur, pending
        if pending is not None:
            res.annotations[lineno] = pending
            pending = None
        inactive = False
        while words and words[0] in ("inactive:", "protect:", "replace:", "active:", "unprotect:"):
            if words[0] == "inactive:":
                inactive = True
            words = words[1:]
        res.statements += 1
        if term == "{":
            if not words:
                warnings.append((lineno, "'{' without a statement"))
                detached = Node("", lineno)
                stack.append((cur, [detached], lineno))
                cur = detached
                return
            nodes = _path_nodes(cur, words, lineno)
            if inactive:
                nodes[-1].inactive = True
            stack.append((cur, nodes, lineno))
            cur = nodes[-1]
            return
        if not words:
            if items:
                warnings.append((lineno, "list without a statement"))
            return
        last = _path(cur, words, lineno)
        if items:
            for it in items:
                leaf = _path(last, (it,), lineno)
                if inactive:
                    leaf.inactive = True
        elif inactive:
            last.inactive = True

    def set_command(words: list[str], items: list[str] | None, lineno: int) -> None:
        res.set_lines += 1
        verb = words[0]
        path = words[1:]
        if verb == "set":
            if not path:
                warnings.append((lineno, "'set' without a statement"))
                return
            last = _path(root, path, lineno)
            for it in items or ():
                _path(last, (it,), lineno)
            return
        if verb in ("deactivate", "activate", "delete", "protect", "unprotect"):
            targets = [path + [it] for it in items] if items else [path]
            for target in targets:
                if verb == "delete":
                    if not target:
                        root.kids = {}
                        continue
                    parent = root
                    for w in target[:-1]:
                        parent = (parent.kids or {}).get(w)
                        if parent is None:
                            break
                    if parent is not None and parent.kids and target[-1] in parent.kids:
                        del parent.kids[target[-1]]
                elif verb in ("deactivate", "activate"):
                    if not target:
                        warnings.append((lineno, f"'{verb}' without a statement"))
                        continue
                    _path(root, target, lineno).inactive = verb == "deactivate"
            return
        warnings.append((lineno, f"'{verb}' lines are not supported (only set, deactivate, activate and delete)"))

    while i < n:
        raw = lines[i]
        lineno = i + 1
        i += 1
        s = raw.strip()
        if in_comment:
            end = s.find("*/")
            if end < 0:
                if annotation is not None:
                    annotation.append(s)
                continue
            if annotation is not None:
                annotation.append(s[:end])
                pending = " ".join(x.strip() for x in annotation if x.strip())
                annotation = None
            s = s[end + 2:].strip()
            in_comment = False
        if not s:
            continue
        if s.startswith("/*"):  # an annotation: kept for the statement after it
            end = s.find("*/", 2)
            if end < 0:
                in_comment = True
                annotation = [s[2:]]
                continue
            pending = s[2:end].strip()
            s = s[end + 2:].strip()
            if not s:
                continue
        c0 = s[0]
        if c0 == "#":
            if s.startswith("## Last c"):
                res.meta.setdefault("last_commit_line", lineno)
                res.meta.setdefault("last_commit", s)
            res.comments.append((lineno, s))
            continue
        if c0 == "{" and s.endswith("}") and ":" in s and " " not in s:
            continue  # '{master:0}' / '{primary:node0}' prompt lines
        if "@" in s and re.match(r"^\S+@\S+[>#%]", s):
            continue  # 'user@host> show configuration' prompt lines
        if '"' not in s and "#" not in s and "/*" not in s and "[" not in s and "]" not in s:
            if s == "}":
                close(lineno)
                continue
            last = s[-1]
            nterm = s.count(";") + s.count("{") + s.count("}")
            if nterm == 1 and (last == ";" or last == "{"):
                words = s[:-1].split()
                statement(words, None, last, lineno)
                continue
            if nterm == 0:
                words = s.split()
                if not stack and words[0] in _SET_VERBS:
                    set_command(words, None, lineno)
                else:
                    warnings.append((lineno, "statement without ';' at the end of the line"))
                    statement(words, None, ";", lineno)
                continue
        # slow path: quotes, lists, comments, several statements on one line
        joined = 0
        while _odd_quotes(s) and i < n and joined < 50:
            s = s + "\n" + lines[i].rstrip()
            i += 1
            joined += 1
        s, in_comment = _strip_comments(s)
        words = []
        items: list[str] | None = None
        list_open = False
        for m in _TOKEN.finditer(s):
            quoted, punct, word, lone = m.groups()
            if punct is not None:
                if punct == ";" or punct == "{":
                    if list_open:
                        warnings.append((lineno, "'[' list not closed"))
                        list_open = False
                    statement(words, items, punct, lineno)
                    words, items = [], None
                elif punct == "}":
                    if words or items:
                        warnings.append((lineno, "statement without ';' before '}'"))
                        statement(words, items, ";", lineno)
                        words, items = [], None
                    close(lineno)
                continue
            if word is not None:
                if not list_open and len(word) > 2 and word[0] == "[" and word[-1] == "]" and "[" not in word[1:]:
                    items = [word[1:-1]]  # '[one]' written without blanks
                    continue
                if word == "[" or (word[0] == "[" and not list_open and "]" not in word):
                    items = []
                    list_open = True
                    if word == "[":
                        continue
                    word = word[1:]
                if list_open and word[-1] == "]" and (word == "]" or "[" not in word):
                    list_open = False
                    if word == "]":
                        continue
                    word = word[:-1]
                    if items is not None:
                        items.append(word)
                    continue
                value = word
            elif quoted is not None:
                value = _unquote(quoted)
            else:  # a lone quote: the string runs to the end of what we have
                value = s[m.start() + 1:]
                warnings.append((lineno, "quoted string not closed"))
                if list_open and items is not None:
                    items.append(value)
                else:
                    words.append(value)
                break
            if list_open and items is not None:
                items.append(value)
            else:
                words.append(value)
        if words or items:
            if not stack and words and words[0] in _SET_VERBS:
                set_command(words, items, lineno)
            else:
                warnings.append((lineno, "statement without ';' at the end of the line"))
                statement(words, items, ";", lineno)
    if stack:
        last_line = n
        _, nodes, open_line = stack[-1]
        warnings.append((open_line, "block never closed: the file ends inside it (truncated?)"))
        for _, nodes, _ in stack:
            for nd in nodes:
                if nd.end < last_line:
                    nd.end = last_line
    return res


# --------------------------------------------------------------------------- groups


def _is_wild(name: str) -> bool:
    return len(name) > 1 and name[0] == "<" and name[-1] == ">"


_WILD_CACHE: dict[str, re.Pattern[str]] = {}


def _wild_match(pattern: str, name: str) -> bool:
    rx = _WILD_CACHE.get(pattern)
    if rx is None:
        import fnmatch

        rx = _WILD_CACHE[pattern] = re.compile(fnmatch.translate(pattern[1:-1]))
    return rx.match(name) is not None


def _group_children(gn: Node, name: str) -> list[Node]:
    out = []
    kids = gn.kids
    if not kids:
        return out
    exact = kids.get(name)
    if exact is not None and not exact.inactive:
        out.append(exact)
    for k, child in kids.items():
        if not child.inactive and _is_wild(k) and _wild_match(k, name):
            out.append(child)
    return out


def _merge(node: Node, gnodes: list[Node], group: str | None) -> None:
    """Add the statements of `gnodes` missing from `node` (explicit config and earlier
    groups win), recursively."""
    for gn in gnodes:
        if not gn.kids:
            continue
        for k, gk in gn.kids.items():
            if gk.inactive or _is_wild(k) or k in ("apply-groups", "apply-groups-except"):
                continue
            kids = node.kids
            if kids is None:
                kids = node.kids = {}
            if k not in kids:
                if node.name in _SINGLE_VALUED and kids:
                    continue
                kids[k] = Node(k, gk.line, gk.end, group)
    if node.kids:
        for k, child in node.kids.items():
            sub: list[Node] = []
            for gn in gnodes:
                sub.extend(_group_children(gn, k))
            if sub:
                _merge(child, sub, group)


class _GroupExpander:
    def __init__(self, root: Node, warn) -> None:
        self.root = root
        self.warn = warn
        groups = (root.kids or {}).pop("groups", None)
        self.groups: dict[str, Node] = {}
        if groups is not None and groups.kids:
            for name, g in groups.kids.items():
                if not g.inactive:
                    self.groups[name] = g

    def at_path(self, group: Node, path: list[str]) -> list[Node]:
        nodes = [group]
        for p in path:
            nxt: list[Node] = []
            for nd in nodes:
                nxt.extend(_group_children(nd, p))
            nodes = nxt
            if not nodes:
                break
        return nodes

    def expand(self, node: Node, path: list[str], active: list[tuple[str, list[Node]]]) -> None:
        kids = node.kids
        if kids:
            own = kids.pop("apply-groups", None)
            exc = kids.pop("apply-groups-except", None)
            if exc is not None and not exc.inactive and exc.kids:
                names = set(exc.kids)
                active = [(g, ns) for g, ns in active if g not in names]
            if own is not None and not own.inactive and own.kids:
                new: list[tuple[str, list[Node]]] = []
                for gname, gnode in own.kids.items():
                    if gnode.inactive:
                        continue
                    group = self.groups.get(gname)
                    if group is None:
                        if gname != "junos-defaults":
                            self.warn(gnode, f"apply-groups names group '{gname}', which is not defined")
                        continue
                    nodes = self.at_path(group, path)
                    if nodes:
                        new.append((gname, nodes))
                active = new + active
        if active:
            for gname, gnodes in active:
                for gn in gnodes:
                    if not gn.kids:
                        continue
                    for k, gk in gn.kids.items():
                        if gk.inactive or _is_wild(k) or k in ("apply-groups", "apply-groups-except"):
                            continue
                        kids = node.kids
                        if kids is None:
                            kids = node.kids = {}
                        if k not in kids:
                            if node.name in _SINGLE_VALUED and kids:
                                continue
                            kids[k] = Node(k, gk.line, gk.end, gname)
        if node.kids:
            for k, child in node.kids.items():
                sub: list[tuple[str, list[Node]]] = []
                for gname, gnodes in active:
                    m: list[Node] = []
                    for gn in gnodes:
                        m.extend(_group_children(gn, k))
                    if m:
                        sub.append((gname, m))
                if sub or child.kids:
                    self.expand(child, path + [k], sub)


# --------------------------------------------------------------------------- tree helpers


def _kids(node: Node | None) -> list[tuple[str, Node]]:
    if node is None or not node.kids:
        return []
    return [(k, c) for k, c in node.kids.items() if not c.inactive]


def _get(node: Node | None, key: str) -> Node | None:
    if node is None or not node.kids:
        return None
    c = node.kids.get(key)
    if c is None or c.inactive:
        return None
    return c


def _vals(node: Node | None, key: str | None = None) -> list[str]:
    if key is not None:
        node = _get(node, key)
    if node is None or not node.kids:
        return []
    return [k for k, c in node.kids.items() if not c.inactive]


def _val(node: Node | None, key: str | None = None) -> str | None:
    if key is not None:
        node = _get(node, key)
    if node is None or not node.kids:
        return None
    for k, c in node.kids.items():
        if not c.inactive:
            return k
    return None


def _has(node: Node | None, key: str) -> bool:
    return _get(node, key) is not None


# --------------------------------------------------------------------------- addresses and ports

_MAX4 = MAX_ADDR[4]
_MAX6 = MAX_ADDR[6]
_prefix_cache: dict[str, tuple[int, int, int] | None] = {}


def _parse_prefix(text: str) -> tuple[int, int, int] | None:
    """'10.0.0.0/8', '10.1.1.1' (= /32), '10' (= 10.0.0.0/32), '2001:db8::/32' ->
    (family, first, last); None when it is not an address. Host bits are ignored."""
    hit = _prefix_cache.get(text, -1)
    if hit != -1:
        return hit  # type: ignore[return-value]
    out: tuple[int, int, int] | None = None
    addr, slash, plen_s = text.partition("/")
    if ":" in addr:
        try:
            value = int(ipaddress.IPv6Address(addr))
            plen = int(plen_s) if slash else 128
            if 0 <= plen <= 128:
                size = 1 << (128 - plen)
                first = value & ~(size - 1) & _MAX6
                out = (6, first, first + size - 1)
        except ValueError:
            out = None
    else:
        parts = addr.split(".")
        if 1 <= len(parts) <= 4 and all(p.isdigit() and len(p) <= 3 for p in parts):
            nums = [int(p) for p in parts] + [0] * (4 - len(parts))
            if all(x <= 255 for x in nums) and (len(parts) == 4 or slash or len(parts) == 1):
                value = (nums[0] << 24) | (nums[1] << 16) | (nums[2] << 8) | nums[3]
                try:
                    plen = int(plen_s) if slash else 32
                except ValueError:
                    plen = -1
                if 0 <= plen <= 32:
                    size = 1 << (32 - plen)
                    first = value & ~(size - 1) & _MAX4
                    out = (4, first, first + size - 1)
    if len(_prefix_cache) < 200_000:
        _prefix_cache[text] = out
    return out


def _merge_intervals(iv: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if len(iv) < 2:
        return list(iv)
    iv = sorted(iv)
    out = [iv[0]]
    for a, b in iv[1:]:
        la, lb = out[-1]
        if a <= lb + 1:
            if b > lb:
                out[-1] = (la, b)
        else:
            out.append((a, b))
    return out


def _intersect_intervals(x: list[tuple[int, int]], y: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    i = j = 0
    while i < len(x) and j < len(y):
        a = max(x[i][0], y[j][0])
        b = min(x[i][1], y[j][1])
        if a <= b:
            out.append((a, b))
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return out


def _subtract_intervals(x: list[tuple[int, int]], y: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, merged intervals x minus y."""
    out = []
    j = 0
    for a, b in x:
        cur = a
        while j < len(y) and y[j][1] < cur:
            j += 1
        k = j
        while k < len(y) and y[k][0] <= b:
            if y[k][0] > cur:
                out.append((cur, y[k][0] - 1))
            cur = max(cur, y[k][1] + 1)
            if cur > b:
                break
            k += 1
        if cur <= b:
            out.append((cur, b))
    return out


def _lpm_intervals(entries: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Addresses whose longest matching prefix in `entries` (first, last, except) is not
    an `except` one: Junos address-list semantics, as exact intervals."""
    flags: dict[tuple[int, int], bool] = {}
    for first, last, exc in entries:
        flags[(first, last)] = exc
    ordered = sorted(flags.items(), key=lambda kv: (kv[0][0], kv[0][0] - kv[0][1]))
    out: list[tuple[int, int]] = []
    stack: list[list] = []  # [first, last, except, cursor]

    def pop() -> None:
        first, last, exc, cursor = stack.pop()
        if not exc and cursor <= last:
            out.append((cursor, last))
        if stack:
            stack[-1][3] = last + 1

    for (first, last), exc in ordered:
        while stack and stack[-1][1] < first:
            pop()
        if stack:
            parent = stack[-1]
            if not parent[2] and parent[3] <= first - 1:
                out.append((parent[3], first - 1))
            parent[3] = first
        stack.append([first, last, exc, first])
    while stack:
        pop()
    return _merge_intervals(out)


def _norm_ports(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged = _merge_intervals(ranges)
    if merged == [(0, 65535)]:
        return ()
    return tuple(merged)


def _is_ip(text: str) -> bool:
    p = _parse_prefix(text)
    return p is not None and "/" not in text


# Junos SSH algorithm names that differ from OpenSSH's.
_JUNOS_SSH_NAMES = {
    "dh-group1-sha1": "diffie-hellman-group1-sha1", "dh-group14-sha1": "diffie-hellman-group14-sha1",
    "dh-group14-sha256": "diffie-hellman-group14-sha256", "dh-group16-sha512": "diffie-hellman-group16-sha512",
    "group-exchange-sha1": "diffie-hellman-group-exchange-sha1",
    "group-exchange-sha2": "diffie-hellman-group-exchange-sha256",
    "umac-64": "umac-64@openssh.com", "umac-64-etm": "umac-64-etm@openssh.com",
    "umac-128": "umac-128@openssh.com", "umac-128-etm": "umac-128-etm@openssh.com",
    "hmac-md5-etm": "hmac-md5-etm@openssh.com", "hmac-md5-96-etm": "hmac-md5-96-etm@openssh.com",
    "aes128-gcm@openssh.com": "aes128-gcm@openssh.com", "aes256-gcm@openssh.com": "aes256-gcm@openssh.com",
}


def _hash_storage(value: str) -> str:
    v = value.strip('"')
    if v.startswith("$9$"):
        return "reversible"
    if v.startswith("$8$"):
        return "encrypted"  # AES-GCM under the system master-password: only the device can read it
    if v.startswith("$1$"):
        return "md5"
    if v.startswith("$5$"):
        return "sha256"
    if v.startswith("$6$"):
        return "sha512"
    if v.startswith("$sha1$"):
        return "sha1"
    if v.startswith(("$2a$", "$2b$", "$2y$")):
        return "bcrypt"
    if not v:
        return "unknown"
    return "hash"


def _secret(value: str | None) -> Secret | None:
    """A configured key/secret value (usually `$9$`) -> Secret without the value."""
    if value is None:
        return None
    v = value.strip('"')
    if v.startswith("$"):
        return Secret(storage=_hash_storage(v))
    return Secret.from_value(v, "plaintext")


def _int(text: str | None, default: int | None = None) -> int | None:
    if text is None:
        return default
    try:
        return int(text)
    except ValueError:
        return default


class _Bad(Exception):
    """A value this parser cannot read: the message says why."""


# --------------------------------------------------------------------------- the parser




class JunosParser:
    vendor = "juniper_junos"

    def detect(self, text: str) -> int:
        from parsers.detect import score_vendors

        score = score_vendors(text[:200_000]).get("juniper_junos", 0)
        return max(0, min(100, score))

    def parse(self, text: str, file: str) -> Device:
        # Many small acyclic objects: pausing the cyclic GC saves a good part of the time.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return _Run(newline_only(text), file).run()
        finally:
            if enabled:
                gc.enable()


class _Book:
    __slots__ = ("name", "addr", "sets")

    def __init__(self, name: str) -> None:
        self.name = name
        self.addr: dict[str, Node] = {}
        self.sets: dict[str, Node] = {}


_TOP_ORDER = ("version", "system", "policy-options", "firewall", "vlans", "interfaces", "applications",
              "schedulers", "security", "routing-options", "routing-instances", "snmp")

_SNIPPET_PARENTS: dict[str, tuple[str, ...]] = {
    "filter": ("firewall",), "family": ("firewall",), "policer": ("firewall",),
    "from-zone": ("security", "policies"), "global": ("security", "policies"),
    "default-policy": ("security", "policies"), "zones": ("security",), "policies": ("security",),
    "address-book": ("security",), "security-zone": ("security", "zones"), "nat": ("security",),
    "screen": ("security",), "application": ("applications",), "application-set": ("applications",),
    "prefix-list": ("policy-options",),
}


class _Run:
    """One parse of one file."""

    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
        self.lines = text.splitlines()
        self.dev = Device(hostname="", vendor="juniper_junos", file=file)
        self.mgmt = self.dev.management
        self.facts: dict[str, Any] = self.dev.facts
        self.mfacts: dict[str, Any] = self.mgmt.facts
        self._texts: dict[int, str] = {}
        self.root = Node("", 0)
        self.annotations: dict[int, str] = {}
        self.prefix_lists: dict[str, Node] = {}
        self._pl_memo: dict[tuple[str, int], tuple[list[tuple[int, int, int]], bool]] = {}
        self.filter_model_names: dict[tuple[str, str], str] = {}
        self.vlan_ids: dict[str, int] = {}
        self.vlan_l3: dict[str, int] = {}
        self.vlan_legacy_members: dict[str, list[str]] = {}
        self.ifaces: dict[str, Interface] = {}
        self.apps: dict[str, Node] = {}
        self.appsets: dict[str, Node] = {}
        self._app_memo: dict[str, tuple[tuple[Service, ...], tuple[str, ...]]] = {}
        self.books: dict[str, _Book] = {}
        self.zone_books: dict[str, list[str]] = {}
        self._addr_memo: dict[tuple[tuple[str, ...], str], tuple] = {}
        self.zones: dict[str, Zone] = {}
        self.zone_level_services: dict[str, tuple[str, ...]] = {}
        self.iface_services: dict[str, tuple[str, ...]] = {}
        self.schedulers: dict[str, bool | None] = {}
        self.unmodelled: list[Node] = []
        self.oob_ifaces: list[str] = []
        self.srx = False
        self.policies_node: Node | None = None
        self.user_classes: dict[str, Node] = {}
        self.services: list[ManagementService] = []
        self.snmp_interfaces: list[str] = []
        self.route_vrfs: dict[str, str] = {}
        self.policy_rules: list[Rule] = []
        self.default_policy: tuple[str | None, Node | None] = (None, None)

    # ------------------------------------------------------------------ basics

    def text_of(self, line: int) -> str:
        t = self._texts.get(line)
        if t is None:
            raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            t = self._texts[line] = junos_redact(raw.strip())
        return t

    def loc(self, node: Node, whole: bool = True) -> Location:
        return Location(self.file, node.line, node.end if whole else node.line, self.text_of(node.line))

    def warn(self, node: Node, message: str) -> None:
        self.dev.warn(self.loc(node, False), message)

    def unknown(self, node: Node, where: str) -> None:
        self.warn(node, f"statement not understood: '{node.name}' under [edit {where}]")

    def check_keys(self, node: Node, known, where: str) -> None:
        for k, c in _kids(node):
            if k not in known:
                self.unknown(c, where)

    # ------------------------------------------------------------------ main

    def run(self) -> Device:
        if not self.text.strip():
            raise ParseError(self.file, "is empty")
        tree = build_tree(self.lines)
        root = self.root = tree.root
        self.annotations = tree.annotations
        for line, message in tree.warnings:
            self.dev.warn(Location(self.file, line, line, self.text_of(line)), message)
        self.snippet(root)
        top = list((root.kids or {}).keys())
        handled = set(_TOP_ORDER) | _TOP_RECOGNISED | {"groups", "apply-groups", "apply-groups-except"}
        junos_like = [k for k in top if k in handled and k != "version"]
        version = _val(root, "version")
        if version and re.match(r"\d+\.\d+[A-Z]", version):
            junos_like.append("version")
        if not junos_like and not tree.set_lines:
            first = next((i for i, line in enumerate(self.lines, 1) if line.strip()), None)
            raise ParseError(self.file, "not a Junos configuration (no Junos statement recognised)", first)
        self.facts["config_form"] = "set" if tree.set_lines > tree.statements else "curly"
        self.header(tree)
        if (root.kids and "groups" in root.kids) or "apply-groups" in self.text:
            exp = _GroupExpander(root, self.warn)
            exp.expand(root, [], [])
        handlers = {
            "version": self.h_version, "system": self.h_system, "policy-options": self.h_policy_options,
            "firewall": self.h_firewall, "vlans": self.h_vlans, "interfaces": self.h_interfaces,
            "applications": self.h_applications, "schedulers": self.h_schedulers,
            "security": self.h_security, "routing-options": self.h_routing_options,
            "routing-instances": self.h_routing_instances, "snmp": self.h_snmp,
        }
        for key in _TOP_ORDER:
            node = _get(root, key)
            if node is not None:
                try:
                    handlers[key](node)
                except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the file
                    self.warn(node, f"statement not understood (internal error {exc.__class__.__name__}: {exc})")
        for key, node in _kids(root):
            if key in handlers:
                continue
            if key in _TOP_RECOGNISED:
                self.unmodelled.append(node)
                if key == "chassis" and _has(node, "cluster"):
                    self.facts["chassis_cluster"] = True
            else:
                self.unknown(node, "")
        self.finish()
        self.dev.parse_warnings.sort(key=lambda pw: pw.loc.line)
        if not self.dev.hostname:
            self.dev.hostname = PurePath(self.file).stem or "junos"
        self.dev.line_count = len(self.lines)
        return self.dev

    def snippet(self, root: Node) -> None:
        """A fragment (`show configuration firewall`, `... security policies`) is
        wrapped in the hierarchy it came from."""
        kids = root.kids
        if not kids:
            return
        known = set(_TOP_ORDER) | _TOP_RECOGNISED | {"groups", "apply-groups"}
        if any(k in known for k in kids):
            return
        parents = {_SNIPPET_PARENTS.get(k) for k in kids}
        if "term" in kids and len(kids) == 1:
            name = PurePath(self.file).stem or "snippet"
            parents = {("firewall", "filter", name)}
        if len(parents) != 1 or None in parents:
            return
        (chain,) = parents
        first = min(c.line for c in kids.values())
        last = max(c.end for c in kids.values())
        wrapper = Node(chain[0], first, last)
        node = wrapper
        for word in chain[1:]:
            node.kids = {word: Node(word, first, last)}
            node = node.kids[word]
        node.kids = kids
        root.kids = {chain[0]: wrapper}

    def header(self, tree: TreeResult) -> None:
        commit = tree.meta.get("last_commit")
        if commit:
            m = re.match(r"##\s*Last (?:commit|changed):\s*(.*?)(?:\s+by\s+(\S+))?\s*$", commit)
            if m:
                self.facts["last_commit"] = m.group(1)
                if m.group(2):
                    self.facts["last_commit_by"] = m.group(2)
        for line, text in tree.comments[:80]:
            low = text.lower()
            if "chassis" in low or "model" in low or "hardware" in low or "platform" in low:
                m = _MODEL_HINT.search(text)
                if m:
                    self.dev.model = m.group(1).upper().replace(" ", "")
                    self.facts["model_line"] = line
                    break

    # ------------------------------------------------------------------ version

    def h_version(self, node: Node) -> None:
        value = _val(node)
        if value is None:
            self.warn(node, "version without a value")
            return
        self.dev.os_version = value
        self.dev.os_version_loc = self.loc(node)

    # ------------------------------------------------------------------ system

    def h_system(self, node: Node) -> None:
        handlers = {
            "host-name": self.s_host_name, "domain-name": self.s_domain_name, "time-zone": self.s_time_zone,
            "name-server": self.s_name_server, "root-authentication": self.s_root_auth,
            "login": self.s_login, "services": self.s_services, "syslog": self.s_syslog,
            "ntp": self.s_ntp, "authentication-order": self.s_auth_order,
            "tacplus-server": self.s_aaa_server, "radius-server": self.s_aaa_server,
            "accounting": self.s_accounting, "archival": self.s_archival,
            "autoinstallation": self.s_autoinstallation, "ports": self.s_ports,
            "management-instance": self.s_management_instance,
        }
        for k, c in _kids(node):
            h = handlers.get(k)
            if h is not None:
                try:
                    h(c)
                except _Bad as exc:
                    self.warn(c, str(exc))
            elif k in _SYSTEM_RECOGNISED:
                self.unmodelled.append(c)
            else:
                self.unknown(c, "system")

    def s_host_name(self, n: Node) -> None:
        value = _val(n)
        if value:
            self.dev.hostname = value

    def s_domain_name(self, n: Node) -> None:
        self.facts["domain_name"] = _val(n)

    def s_time_zone(self, n: Node) -> None:
        self.facts["time_zone"] = _val(n)

    def s_name_server(self, n: Node) -> None:
        self.facts["name_servers"] = _vals(n)

    def s_management_instance(self, n: Node) -> None:
        self.facts["management_instance"] = True

    def s_autoinstallation(self, n: Node) -> None:
        self.facts["autoinstallation"] = True

    def s_ports(self, n: Node) -> None:
        out = {}
        for port, pn in _kids(n):
            out[port] = _vals(pn)
        self.mfacts["console_ports"] = out

    def s_archival(self, n: Node) -> None:
        sites = _vals(_get(_get(n, "configuration"), "archive-sites"))
        clean = [re.sub(r"//[^/@]*@", "//", s) for s in sites]
        self.facts["archive_sites"] = clean
        self.facts["archive_cleartext"] = any(s.lower().startswith(("ftp://", "http://", "tftp://")) for s in sites)

    def auth_secret(self, auth: Node | None) -> tuple[Secret | None, bool]:
        secret = None
        key_auth = False
        for k, c in _kids(auth):
            if k == "encrypted-password":
                value = _val(c) or ""
                secret = Secret(storage=_hash_storage(value))
            elif k == "plain-text-password-value":
                secret = Secret.from_value(_val(c) or "", "plaintext")
            elif k == "plain-text-password":
                # a load-file statement: Junos hashes it on commit
                secret = Secret(storage="unknown")
            elif k in ("ssh-rsa", "ssh-dsa", "ssh-ecdsa", "ssh-ed25519", "load-key-file"):
                key_auth = True
            elif k in ("no-public-keys", "pubkey-authentication"):
                pass
            else:
                self.unknown(c, "system login user authentication")
        return secret, key_auth

    def s_root_auth(self, n: Node) -> None:
        secret, key_auth = self.auth_secret(n)
        user = LocalUser("root", loc=self.loc(n), privilege=15, role="super-user", secret=secret, key_auth=key_auth,
                         builtin=True)
        self.mgmt.users.append(user)
        self.mfacts.setdefault("builtin_users", []).append("root")

    def s_login(self, n: Node) -> None:
        users: list[tuple[LocalUser, str | None]] = []
        for k, c in _kids(n):
            if k == "user":
                for uname, un in _kids(c):
                    cls = _val(un, "class")
                    secret, key_auth = self.auth_secret(_get(un, "authentication"))
                    self.check_keys(un, ("class", "authentication", "uid", "full-name"), "system login user")
                    user = LocalUser(uname, loc=self.loc(un), role=cls or "", secret=secret, key_auth=key_auth)
                    users.append((user, cls))
                    self.mgmt.users.append(user)
            elif k == "class":
                for cname, cn in _kids(c):
                    self.user_classes[cname] = cn
            elif k == "message":
                self.mgmt.banners["login"] = (_val(c) or "").replace("\\n", "\n")
            elif k == "announcement":
                self.mgmt.banners["exec"] = (_val(c) or "").replace("\\n", "\n")
            elif k == "retry-options":
                self.mfacts["login_retry_options"] = {kk: (_val(cc) or True) for kk, cc in _kids(c)}
            elif k == "password":
                self.mfacts["password_policy"] = {kk: (_val(cc) or True) for kk, cc in _kids(c)}
            elif k in ("deny-sources", "login-tip", "idle-timeout"):
                if k == "idle-timeout":
                    self.set_idle_timeout(c)
            else:
                self.unknown(c, "system login")
        classes: dict[str, dict[str, Any]] = {}
        for cname, cn in self.user_classes.items():
            classes[cname] = {"idle_timeout": _int(_val(cn, "idle-timeout")), "permissions": _vals(cn, "permissions")}
        self.mfacts["login_classes"] = classes
        # Junos has no device-wide idle timeout: each login class has its own. The
        # device value is the longest one among the classes local users log in with
        # that set one (0 = never, when one class says so); each class that sets none
        # (its users are never logged out) becomes a login line of its own below.
        missing: dict[str, Location] = {}
        timeouts: list[tuple[int, Node]] = []
        for user, cls in users:
            if cls in _CLASS_PRIVILEGE:
                user.privilege = _CLASS_PRIVILEGE[cls]
            elif cls in self.user_classes:
                perms = _vals(self.user_classes[cls], "permissions")
                user.privilege = 15 if "all" in perms else None
            cn = self.user_classes.get(cls or "")
            t = _get(cn, "idle-timeout") if cn is not None else None
            minutes = _int(_val(t)) if t is not None else None
            if minutes is None or t is None:
                # where to point: the class's definition, or (a predefined class) its first user
                missing.setdefault(cls or "(no class)", self.loc(cn) if cn is not None else user.loc)
            else:
                timeouts.append((minutes, t))
        if missing:
            self.mfacts["classes_without_idle_timeout"] = sorted(missing)
            # Without idle-timeout in its login class, a user is never logged out: one
            # login 'line' per such class, so that the finding names it.
            for cls_name, where in missing.items():
                self.mgmt.lines.append(VtyLine(f"login class {cls_name}", where, default_timeout=0,
                                               extra={"login_class": cls_name}))
        if timeouts and self.mgmt.idle_timeout is None:
            zero = [x for x in timeouts if x[0] == 0]
            minutes, node = zero[0] if zero else max(timeouts, key=lambda x: x[0])
            self.mgmt.idle_timeout = minutes * 60
            self.mgmt.idle_timeout_loc = self.loc(node)

    def set_idle_timeout(self, n: Node) -> None:
        minutes = _int(_val(n))
        if minutes is not None:
            self.mgmt.idle_timeout = minutes * 60
            self.mgmt.idle_timeout_loc = self.loc(n)

    def s_services(self, n: Node) -> None:
        other = []
        for k, c in _kids(n):
            if k == "ssh":
                versions = _vals(c, "protocol-version")
                svc = ManagementService("ssh", loc=self.loc(c), port=_int(_val(c, "port"), 22))
                if versions:
                    v = ",".join(sorted(x.lstrip("v") for x in versions))
                    self.mgmt.ssh_version = v
                    self.mgmt.ssh_version_loc = self.loc(_get(c, "protocol-version"))
                    svc.version = v
                root_login = _val(c, "root-login")
                if root_login:
                    self.mfacts["ssh_root_login"] = root_login
                    self.mgmt.remote_root_login = root_login == "allow"
                    self.mgmt.remote_root_login_loc = self.loc(_get(c, "root-login"))
                for kind, stmt in (("cipher", "ciphers"), ("kex", "key-exchange"), ("mac", "macs")):
                    algs = _vals(c, stmt)
                    if algs:
                        self.mgmt.ssh_algorithms[kind] = tuple(_JUNOS_SSH_NAMES.get(a, a) for a in algs)
                        self.mgmt.ssh_algorithms_loc[kind] = self.loc(_get(c, stmt))
                self.mfacts["ssh_options"] = {kk: (_vals(cc) or True) for kk, cc in _kids(c)}
                self.services.append(svc)
            elif k in ("telnet", "ftp", "finger"):
                port = {"telnet": 23, "ftp": 21, "finger": 79}[k]
                self.services.append(ManagementService(k, loc=self.loc(c), port=port))
                if k == "telnet":
                    self.mfacts["telnet_options"] = {kk: (_vals(cc) or True) for kk, cc in _kids(c)}
            elif k == "netconf":
                port = _int(_val(_get(c, "ssh"), "port"), 830)
                self.services.append(ManagementService("netconf", loc=self.loc(c), port=port,
                                                       note="NETCONF over SSH"))
            elif k in ("web-management", "rest"):
                info: dict[str, Any] = {}
                for proto in ("http", "https"):
                    pn = _get(c, proto)
                    if pn is None:
                        continue
                    ifaces = _vals(pn, "interface")
                    port = _int(_val(pn, "port"), 80 if proto == "http" else 443)
                    note = "J-Web" if k == "web-management" else "REST API"
                    svc = ManagementService(proto, loc=self.loc(pn), port=port, interfaces=list(ifaces), note=note)
                    self.services.append(svc)
                    info[proto] = {"port": port, "interfaces": ifaces}
                session = _get(c, "session")
                if session is not None:
                    info["session"] = {kk: _val(cc) for kk, cc in _kids(session)}
                    t = _get(session, "idle-timeout")
                    if t is not None:
                        info["idle_timeout"] = _int(_val(t))
                self.mfacts["web_management" if k == "web-management" else "rest"] = info
            elif k == "xnm-clear-text":
                self.services.append(ManagementService("xnm-clear-text", loc=self.loc(c), port=3221,
                                                       note="Junos XML protocol in clear text"))
            elif k == "xnm-ssl":
                self.services.append(ManagementService("xnm-ssl", loc=self.loc(c), port=3220))
            elif k in _SERVICES_RECOGNISED:
                other.append(k)
                self.unmodelled.append(c)
            else:
                self.unknown(c, "system services")
        if other:
            self.mfacts["services_other"] = other

    def s_syslog(self, n: Node) -> None:
        hosts: dict[str, list[str]] = self.mfacts.setdefault("syslog_hosts", {})
        files: dict[str, list[str]] = self.mfacts.setdefault("syslog_files", {})
        other: dict[str, Any] = self.mfacts.setdefault("syslog_other", {})
        for k, c in _kids(n):
            if k == "host":
                for h, hn in _kids(c):
                    pairs, _opts = self.syslog_selectors(hn)
                    hosts[h] = pairs
                    if h in ("other-routing-engine", "scc-master", "sfc0-master"):
                        continue
                    transport = (_val(hn, "transport") or "udp").lower()
                    self.mgmt.log_hosts.append(LogHost(h, loc=self.loc(hn), transport=transport,
                                                       port=_int(_val(hn, "port"))))
            elif k == "file":
                for f, fn in _kids(c):
                    files[f] = self.syslog_selectors(fn)[0]
            elif k in ("user", "console"):
                other[k] = {u: self.syslog_selectors(un)[0] for u, un in _kids(c)} if k == "user" \
                    else self.syslog_selectors(c)[0]
            elif k in ("archive", "time-format", "source-address", "log-rotate-frequency", "server",
                       "allow-duplicates", "routing-instance", "nonvolatile", "local-facilities",
                       "alarm", "traceoptions", "grpc-replay", "tracing", "cached-logs"):
                # flags written on one line (time-format year millisecond;) nest: flatten
                other[k] = self.flatten(c) or True
            else:
                self.unknown(c, "system syslog")

    _SYSLOG_LEVELS = frozenset({"any", "emergency", "alert", "critical", "error", "warning", "notice",
                                "info", "none"})

    def syslog_selectors(self, n: Node) -> tuple[list[str], dict[str, Any]]:
        pairs = []
        opts = {}
        for k, c in _kids(n):
            level = _val(c)
            if level in self._SYSLOG_LEVELS and not (c.kids and c.kids[level].kids):
                pairs.append(f"{k} {level}")
            else:
                opts[k] = _vals(c) or True
        return pairs, opts

    def s_ntp(self, n: Node) -> None:
        keyed = []
        for k, c in _kids(n):
            if k == "server":
                for a, an in _kids(c):
                    self.mgmt.ntp_servers.append(a)
                    keyed.append(_has(an, "key"))
            elif k == "boot-server":
                self.mfacts["ntp_boot_server"] = _val(c)
            elif k == "authentication-key":
                self.mfacts["ntp_keys"] = [kid for kid, _ in _kids(c)]
            elif k == "trusted-key":
                self.mfacts["ntp_trusted_keys"] = _vals(c)
            elif k in ("source-address", "broadcast-client", "multicast-client", "peer", "broadcast",
                       "threshold", "interval-range", "restrict", "traceoptions", "nts"):
                continue
            else:
                self.unknown(c, "system ntp")
        if keyed and all(keyed) and self.mfacts.get("ntp_keys") and self.mfacts.get("ntp_trusted_keys"):
            self.mgmt.ntp_authenticated = True

    def s_auth_order(self, n: Node) -> None:
        aaa = self.mgmt.aaa
        aaa.login_methods = _vals(n)
        aaa.loc = self.loc(n)

    def s_aaa_server(self, n: Node) -> None:
        proto = "tacacs+" if n.name == "tacplus-server" else "radius"
        for a, an in _kids(n):
            server = AaaServer(proto, a, loc=self.loc(an), key=_secret(_val(an, "secret")))
            self.mgmt.aaa.servers.append(server)

    def s_accounting(self, n: Node) -> None:
        events = _vals(n, "events")
        dest = [d for d, _ in _kids(_get(n, "destination"))]
        self.mfacts["accounting_events"] = events
        self.mfacts["accounting_destinations"] = dest
        aaa = self.mgmt.aaa
        if "interactive-commands" in events and dest:
            aaa.accounting_commands = True
        aaa.accounting_loc = self.loc(n)
        for d, dn in _kids(_get(n, "destination")):
            for a, an in _kids(_get(dn, "server")):
                proto = "tacacs+" if d == "tacplus" else "radius"
                if not any(s.address == a and s.protocol == proto for s in aaa.servers):
                    self.mfacts.setdefault("accounting_servers", []).append(a)

    # ------------------------------------------------------------------ snmp

    def h_snmp(self, node: Node) -> None:
        m = self.mgmt
        first_loc: Location | None = None
        for k, c in _kids(node):
            if k == "community":
                for name, cn in _kids(c):
                    auth = _val(cn, "authorization") or "read-only"
                    clients = _get(cn, "clients")
                    hosts = [p for p, pn in _kids(clients) if not _has(pn, "restrict")]
                    acl = _val(cn, "client-list-name")
                    if acl:
                        self.dev.refer("client-list", acl, self.loc(_get(cn, "client-list-name")),
                                       "snmp community")
                    com = SnmpCommunity(Secret.from_value(name, "plaintext"),
                                        access="rw" if auth == "read-write" else "ro", acl=acl, version="2c",
                                        loc=self.loc(cn), hosts=hosts)
                    m.snmp_communities.append(com)
                    first_loc = first_loc or com.loc
                    self.check_keys(cn, ("authorization", "clients", "client-list-name", "view",
                                         "routing-instance", "logical-system"), "snmp community")
            elif k == "client-list":
                lists = self.mfacts.setdefault("snmp_client_lists", {})
                for name, ln in _kids(c):
                    members = tuple(p for p, _ in _kids(ln))
                    lists[name] = list(members)
                    self.dev.define("client-list", name, self.loc(ln), members)
            elif k == "v3":
                for kk, cc in _kids(c):
                    if kk == "usm":
                        for engine, en in _kids(cc):
                            users = _get(en, "user") if engine == "local-engine" else None
                            if engine == "remote-engine":
                                for _eid, eidn in _kids(en):
                                    self.snmp_users(_get(eidn, "user"))
                            else:
                                self.snmp_users(users)
                    elif kk not in ("vacm", "target-address", "target-parameters", "notify", "notify-filter",
                                    "snmp-community", "notify-filter"):
                        self.unknown(cc, "snmp v3")
                if m.snmp_users and first_loc is None:
                    first_loc = self.loc(c)
            elif k in ("location", "contact"):
                self.mfacts["snmp_" + k] = _val(c)
            elif k == "interface":
                self.snmp_interfaces = _vals(c) or [c.name]
                self.mfacts["snmp_interfaces"] = self.snmp_interfaces
            elif k == "trap-group":
                self.mfacts["snmp_trap_groups"] = {g: _vals(gn, "targets") for g, gn in _kids(c)}
            elif k in ("trap-options", "view", "engine-id", "description", "filter-interfaces",
                       "filter-duplicates", "health-monitor", "name", "rmon", "routing-instance-access",
                       "nonvolatile", "logical-system-trap-filter", "stats-cache-lifetime", "traceoptions",
                       "arp", "custom-mib", "if-count-with-filter-interfaces", "subagent", "system-name"):
                continue
            else:
                self.unknown(c, "snmp")
        if m.snmp_communities or m.snmp_users:
            version = "2c" if m.snmp_communities else "3"
            self.services.append(ManagementService("snmp", loc=first_loc, port=161, version=version,
                                                   interfaces=list(self.snmp_interfaces)))

    def snmp_users(self, users: Node | None) -> None:
        for u, un in _kids(users):
            auth = priv = None
            for k, c in _kids(un):
                if k.startswith("authentication-") and k != "authentication-none":
                    auth = k.split("-", 1)[1]
                elif k.startswith("privacy-") and k != "privacy-none":
                    priv = k.split("-", 1)[1]
            self.mgmt.snmp_users.append(SnmpUser(u, auth=auth, priv=priv, loc=self.loc(un)))

    # ------------------------------------------------------------------ policy-options

    def h_policy_options(self, node: Node) -> None:
        for k, c in _kids(node):
            if k == "prefix-list":
                for name, pn in _kids(c):
                    self.prefix_lists[name] = pn
                    members = tuple(p for p, _ in _kids(pn) if p != "apply-path")
                    desc = ""
                    ap = _val(pn, "apply-path")
                    if ap:
                        desc = f"apply-path \"{ap}\" (expanded from this configuration)"
                    self.dev.define("prefix-list", name, self.loc(pn), members, desc)
                    for p, pp in _kids(pn):
                        if p not in ("apply-path", "description") and _parse_prefix(p) is None:
                            self.warn(pp, f"prefix-list {name}: '{p}' is not an address prefix")
            elif k in ("policy-statement", "community", "as-path", "as-path-group", "route-filter-list",
                       "condition", "damping", "application-maps", "mac-list", "defaults", "rtf-prefix-list",
                       "prefix-list-filter", "as-list", "as-list-group", "route-distinguisher", "tunnel-attribute",
                       "multicast-scoping", "large-community", "vrf-target", "time-period"):
                self.unmodelled.append(c)
            else:
                self.unknown(c, "policy-options")

    def prefix_list_entries(self, name: str, family: int) -> tuple[list[tuple[int, int]], bool] | None:
        """The prefixes of a prefix-list (one family) and whether apply-path made them;
        None when the list is not defined."""
        memo = self._pl_memo.get((name, family))
        if memo is not None:
            return memo  # type: ignore[return-value]
        pn = self.prefix_lists.get(name)
        if pn is None:
            return None
        out: list[tuple[int, int]] = []
        via_apply = False
        for p, pp in _kids(pn):
            if p == "apply-path":
                via_apply = True
                for value in self.apply_path(_val(pp) or ""):
                    parsed = _parse_prefix(value)
                    if parsed and parsed[0] == family:
                        out.append((parsed[1], parsed[2]))
                continue
            parsed = _parse_prefix(p)
            if parsed and parsed[0] == family:
                out.append((parsed[1], parsed[2]))
        result = (out, via_apply)
        self._pl_memo[(name, family)] = result  # type: ignore[assignment]
        return result

    def apply_path(self, path: str) -> list[str]:
        """Values of the configuration at a path with `<*>` wildcards (apply-path)."""
        words = path.split()
        nodes = [self.root]
        for w in words:
            nxt = []
            for nd in nodes:
                if _is_wild(w):
                    nxt.extend(c for k, c in _kids(nd) if _wild_match(w, k))
                else:
                    c = _get(nd, w)
                    if c is not None:
                        nxt.append(c)
            nodes = nxt
        return [nd.name for nd in nodes]

    # ------------------------------------------------------------------ firewall filters

    def h_firewall(self, node: Node) -> None:
        collected: list[tuple[str, str, Node]] = []
        non_ip: dict[str, str] = {}
        for k, c in _kids(node):
            if k == "family":
                for fam, fn in _kids(c):
                    for kk, cc in _kids(fn):
                        if kk == "filter":
                            for fname, fnode in _kids(cc):
                                if fam in ("inet", "inet6"):
                                    collected.append((fam, fname, fnode))
                                else:
                                    non_ip[fname] = fam
                                    self.dev.define("acl", fname, self.loc(fnode))
                                    self.unmodelled.append(fnode)
                        elif kk in ("simple-filter", "service-filter", "prefix-action", "fast-update-filter"):
                            for fname, fnode in _kids(cc):
                                non_ip[fname] = f"{fam} {kk}"
                                self.dev.define("acl", fname, self.loc(fnode))
                            self.unmodelled.append(cc)
                        else:
                            self.unknown(cc, f"firewall family {fam}")
            elif k == "filter":
                for fname, fnode in _kids(c):
                    collected.append(("inet", fname, fnode))
            elif k in ("policer", "three-color-policer", "hierarchical-policer", "shared-bandwidth-policer"):
                for pname, pn in _kids(c):
                    self.dev.define("policer", pname, self.loc(pn))
            elif k in ("interface-set", "load-balance-group", "tunnel-end-point", "atm-policer",
                       "flexible-match", "traceoptions"):
                self.unmodelled.append(c)
            else:
                self.unknown(c, "firewall")
        if non_ip:
            self.facts["non_ip_filters"] = non_ip
        inet_names = {name for fam, name, _ in collected if fam == "inet"}
        for fam, fname, fnode in collected:
            model = fname if fam == "inet" or fname not in inet_names else f"inet6:{fname}"
            self.filter_model_names[(fam, fname)] = model
        for fam, fname, fnode in collected:
            self.build_filter(fam, fname, self.filter_model_names[(fam, fname)], fnode)
        self.inline_nested()

    def filter_name(self, fam: str, name: str) -> str:
        return self.filter_model_names.get((fam, name), name if fam == "inet" else
                                           (f"inet6:{name}" if ("inet", name) in self.filter_model_names else name))

    def build_filter(self, fam: str, fname: str, model: str, fnode: Node) -> None:
        family = 4 if fam == "inet" else 6
        filt = Filter(model, "firewall-filter", [], DENY,
                      "implicit discard at the end of every Junos firewall filter",
                      loc=self.loc(fnode), family=family, extra={"vendor_name": fname, "family": fam})
        self.dev.define("acl", model, self.loc(fnode))
        for k, c in (fnode.kids or {}).items():
            if k == "term":
                for tname, tn in (c.kids or {}).items():
                    enabled = not (c.inactive or tn.inactive)
                    try:
                        filt.rules.extend(self.term_rules(filt, family, tname, tn, enabled))
                    except _Bad as exc:
                        self.warn(tn, str(exc))
            elif c.inactive:
                continue
            elif k in ("interface-specific", "physical-interface-filter", "accounting-profile",
                       "instance-shared", "enhanced-mode", "fast-lookup-filter", "enhanced-mode-override",
                       "filter-specific", "description", "promote"):
                filt.extra[k] = _val(c) or True
                if k == "description":
                    filt.remark = _val(c) or ""
            else:
                self.unknown(c, f"firewall family {fam} filter {fname}")
        self.dev.filters[model] = filt

    def inline_nested(self) -> None:
        """Terms that name another filter (`term T { filter X; }`) take X's terms in place."""
        for _round in range(8):
            changed = False
            for filt in list(self.dev.filters.values()):
                if not any("nested_filter" in r.extra for r in filt.rules):
                    continue
                out: list[Rule] = []
                for r in filt.rules:
                    target = r.extra.get("nested_filter")
                    if target is None:
                        out.append(r)
                        continue
                    inner = self.dev.filters.get(target)
                    if inner is None or inner is filt:
                        changed = True
                        continue
                    if any("nested_filter" in x.extra for x in inner.rules):
                        out.append(r)  # resolve the inner one first
                        continue
                    changed = True
                    for x in inner.rules:
                        copy = Rule(x.action, x.src, x.dst, x.services, x.loc, family=x.family,
                                    vendor_action=x.vendor_action, name=f"{r.name}/{x.name}", remark=x.remark,
                                    log=x.log, enabled=x.enabled and r.enabled, established=x.established,
                                    approximations=x.approximations,
                                    extra={**x.extra, "inlined_from": target, "in_term": r.name})
                        out.append(copy)
                filt.rules = out
            if not changed:
                break
        for filt in self.dev.filters.values():  # cycles: drop what is left
            filt.rules = [r for r in filt.rules if "nested_filter" not in r.extra]

    def term_rules(self, filt: Filter, family: int, tname: str, tn: Node, enabled: bool) -> list[Rule]:
        where = f"firewall filter {filt.extra['vendor_name']} term {tname}"
        loc = self.loc(tn)
        nested = _get(tn, "filter")
        if nested is not None:
            target_vendor = _val(nested) or ""
            fam = "inet" if family == 4 else "inet6"
            target = self.filter_name(fam, target_vendor)
            self.dev.refer("acl", target, self.loc(nested), f"filter {filt.name} term {tname}")
            return [Rule(PERMIT, AddressSet.anywhere(), AddressSet.anywhere(), (ANY_SERVICE,), loc, family=family,
                         name=tname, enabled=enabled, extra={"nested_filter": target})]
        for k, c in _kids(tn):
            if k not in ("from", "then", "only-at-create", "filter"):
                self.unknown(c, where)
        frm = _get(tn, "from")
        pairs, services, established, approx, extra = self.term_match(frm, family, where)
        action, vendor, log = self.term_action(_get(tn, "then"), extra, where)
        # Filter terms have no description statement: Junos documents them with
        # annotations (`annotate term T "..."` -> /* ... */ above the term).
        remark = self.annotations.get(tn.line, "") if tn.group is None else ""
        rules = []
        for i, (src, dst) in enumerate(pairs, 1):
            rx = dict(extra)
            if len(pairs) > 1:
                rx["alternative"] = f"{i}/{len(pairs)}"
            rules.append(Rule(action, src, dst, services, loc, family=family, vendor_action=vendor, name=tname,
                              remark=remark, log=log, enabled=enabled, established=established,
                              approximations=tuple(approx), extra=rx))
        return rules

    # Address conditions: (intervals or None for any, names, unresolved)
    def addr_condition(self, c: Node, family: int, where: str,
                       approx: list[str]) -> tuple[list[tuple[int, int]] | None, tuple, tuple]:
        entries = []
        bad = False
        for p, pn in _kids(c):
            parsed = _parse_prefix(p)
            if parsed is None:
                self.warn(pn, f"'{p}' is not an address prefix")
                bad = True
                continue
            if parsed[0] != family:
                self.warn(pn, f"'{p}' is not an IPv{family} prefix (this is an IPv{family} filter)")
                bad = True
                continue
            entries.append((parsed[1], parsed[2], _has(pn, "except")))
        if bad:
            approx.append(f"unreadable {c.name} value (see the parse warning)")
            if not entries:
                return None, (), ()
        return _lpm_intervals(entries), (), ()

    def pl_condition(self, c: Node, family: int, where: str, approx: list[str],
                     extra: dict) -> tuple[list[tuple[int, int]] | None, tuple, tuple]:
        """`source-prefix-list { A; B except; }`: in A (or anywhere when only `except`
        lists are named) and not in B. Unlike address lists, prefix lists are not
        longest-prefix matched: `except` negates the whole list (as Batfish models it)."""
        include: list[tuple[int, int]] | None = None
        exclude: list[tuple[int, int]] = []
        names = []
        unresolved = []
        for name, pn in _kids(c):
            names.append(name)
            self.dev.refer("prefix-list", name, self.loc(pn, False), where)
            got = self.prefix_list_entries(name, family)
            if got is None:
                unresolved.append(name)
                continue
            prefixes, via_apply = got
            if via_apply:
                extra.setdefault("apply_path_prefix_lists", []).append(name)
            if not prefixes:
                approx.append(f"prefix-list {name} has no IPv{family} prefix")
                if _has(pn, "except"):
                    include = []  # Junos (as Batfish): an empty list matches nothing
                    continue
            if _has(pn, "except"):
                exclude.extend(prefixes)
            else:
                include = (include or []) + prefixes
        if unresolved and include is None and not exclude:
            return None, tuple(names), tuple(unresolved)
        top = _MAX4 if family == 4 else _MAX6
        base = _merge_intervals(include) if include is not None else [(0, top)]
        return _subtract_intervals(base, _merge_intervals(exclude)), tuple(names), tuple(unresolved)

    def ports(self, c: Node, where: str, approx: list[str] | None = None) -> list[tuple[int, int]] | None:
        """Port ranges of a port condition; None when no value could be read (the
        condition is then ignored and the rule marked approximate)."""
        out = []
        bad = False
        for v, vn in _kids(c):
            try:
                out.append(self.port_range(v))
            except _Bad as exc:
                self.warn(vn, str(exc))
                bad = True
        if bad and approx is not None:
            approx.append(f"unreadable {c.name} value (see the parse warning)")
        if bad and not out:
            return None
        return out

    def port_range(self, v: str) -> tuple[int, int]:
        if v in JUNOS_PORTS:
            p = JUNOS_PORTS[v]
            return p, p
        lo, dash, hi = v.partition("-")
        a = JUNOS_PORTS.get(lo, _int(lo))
        b = JUNOS_PORTS.get(hi, _int(hi)) if dash else a
        if a is None or b is None or not (0 <= a <= 65535 and 0 <= b <= 65535):
            raise _Bad(f"'{v}' is not a port, port range or Junos port name")
        if a > b:
            raise _Bad(f"port range {v} is reversed")
        return a, b

    def protocols(self, c: Node) -> set[int]:
        out: set[int] = set()
        for v, vn in _kids(c):
            if v in JUNOS_PROTOCOLS:
                out.add(JUNOS_PROTOCOLS[v])
                continue
            lo, dash, hi = v.partition("-")
            a, b = _int(lo), (_int(hi) if dash else _int(lo))
            if a is None or b is None or not 0 <= a <= b <= 255:
                self.warn(vn, f"'{v}' is not a protocol name or number")
                continue
            out.update(range(a, b + 1))
        return out

    def icmp_values(self, c: Node, family: int, codes: bool) -> list[int]:
        table = ICMP_CODES if codes else (ICMP_TYPES if family == 4 else ICMP6_TYPES)
        out = []
        for v, vn in _kids(c):
            if v in table:
                out.append(table[v])
                continue
            lo, dash, hi = v.partition("-")
            a, b = _int(lo), (_int(hi) if dash else _int(lo))
            if a is None or b is None or not 0 <= a <= b <= 255:
                self.warn(vn, f"'{v}' is not an ICMP {'code' if codes else 'type'}")
                continue
            out.extend(range(a, b + 1))
        return out

    def term_match(self, frm: Node | None, family: int, where: str):
        src_c: list = []
        dst_c: list = []
        either_c: list = []
        protos: set[int] | None = None
        proto_except: set[int] = set()
        sport_l: list[list[tuple[int, int]]] = []
        dport_l: list[list[tuple[int, int]]] = []
        eport_l: list[list[tuple[int, int]]] = []
        types: list[int] | None = None
        codes: list[int] | None = None
        types_except: list[int] = []
        codes_except: list[int] = []
        established: bool | None = None
        approx: list[str] = []
        extra: dict[str, Any] = {}
        for k, c in _kids(frm):
            if k in ("source-address", "destination-address", "address"):
                cond = self.addr_condition(c, family, where, approx)
                (src_c if k[0] == "s" else dst_c if k[0] == "d" else either_c).append(cond)
            elif k in ("source-prefix-list", "destination-prefix-list", "prefix-list"):
                cond = self.pl_condition(c, family, where, approx, extra)
                (src_c if k[0] == "s" else dst_c if k[0] == "d" else either_c).append(cond)
            elif k in ("protocol", "next-header", "payload-protocol"):
                got = self.protocols(c)
                if not got:
                    approx.append(f"unreadable {k} value (see the parse warning)")
                    continue
                protos = got if protos is None else protos & got
            elif k in ("protocol-except", "next-header-except", "payload-protocol-except"):
                proto_except |= self.protocols(c)
            elif k in ("source-port", "destination-port", "port",
                       "source-port-except", "destination-port-except", "port-except"):
                got = self.ports(c, where, approx)
                if got is None:
                    continue
                ranges = _merge_intervals(got)
                if k.endswith("-except"):
                    ranges = list(port_ranges_not(tuple(ranges)))
                target = sport_l if k[0] == "s" else dport_l if k[0] == "d" else eport_l
                target.append(ranges)
            elif k in ("icmp-type", "icmp6-type"):
                types = self.icmp_values(c, family, False)
            elif k in ("icmp-code", "icmp6-code"):
                codes = self.icmp_values(c, family, True)
            elif k in ("icmp-type-except", "icmp6-type-except"):
                types_except = self.icmp_values(c, family, False)
            elif k in ("icmp-code-except", "icmp6-code-except"):
                codes_except = self.icmp_values(c, family, True)
            elif k == "tcp-established":
                established = True
            elif k == "tcp-initial":
                established = False
            elif k == "tcp-flags":
                expr = re.sub(r"[\s()\"]", "", " ".join(_vals(c)))
                if expr in ("syn&!ack", "!ack&syn"):
                    established = False
                elif expr in ("ack|rst", "rst|ack", "ack"):
                    established = True
                else:
                    approx.append(f"tcp-flags {expr} (only tcp-established and tcp-initial are modelled)")
                    protos = {6} if protos is None else protos & {6}
            elif k in _FILTER_CONDITIONS_NARROWING:
                approx.append(f"also matches on {k} (not modelled)")
            else:
                self.unknown(c, where + " from")
                approx.append(f"unknown match condition {k}")

        def side(conds):
            intervals = None
            names: tuple = ()
            unresolved: tuple = ()
            for iv, nm, un in conds:
                names += nm
                unresolved += un
                if iv is not None:
                    intervals = iv if intervals is None else _intersect_intervals(intervals, iv)
            return intervals, names, unresolved

        def to_set(intervals, names, unresolved) -> AddressSet:
            if intervals is None:
                if unresolved:
                    return AddressSet(names=names, unresolved=unresolved)
                return AddressSet(any=True, names=names)
            return AddressSet(items=tuple(AddressRange(family, a, b) for a, b in intervals), names=names,
                              unresolved=unresolved)

        base_src = side(src_c)
        base_dst = side(dst_c)
        alternatives = [(base_src, base_dst)]
        for cond in either_c:
            nxt = []
            for s, d in alternatives:
                nxt.append((side([s, cond]), d))
                nxt.append((s, side([d, cond])))
            alternatives = nxt
        pairs = [(to_set(*s), to_set(*d)) for s, d in alternatives]
        # services
        port_cond = bool(sport_l or dport_l or eport_l)
        icmp_cond = types is not None or codes is not None or bool(types_except) or bool(codes_except)
        if protos is None and proto_except:
            protos = set(range(256)) - proto_except
        elif protos is not None:
            protos = protos - proto_except
        if protos is None:
            if port_cond:
                protos = {6, 17, 132}
                extra["port_without_protocol"] = True
            elif icmp_cond:
                protos = {1 if family == 4 else 58}
            elif established is not None:
                protos = {6}
        if protos is None:
            services: tuple[Service, ...] = (ANY_SERVICE,)
        else:
            def inter(lists):
                out = None
                for ranges in lists:
                    out = ranges if out is None else _intersect_intervals(out, ranges)
                return out

            sp, dp, ep = inter(sport_l), inter(dport_l), inter(eport_l)
            if types is None and types_except:
                types = [t for t in range(256) if t not in types_except]
            elif types is not None and types_except:
                types = [t for t in types if t not in types_except]
            if codes is None and codes_except:
                codes = [t for t in range(256) if t not in codes_except]
            elif codes is not None and codes_except:
                codes = [t for t in codes if t not in codes_except]
            out: list[Service] = []
            for p in sorted(protos):
                if established is not None and p != 6:
                    continue
                if p in _PORT_PROTOS:
                    if icmp_cond:
                        continue
                    if ep is None:
                        alts = [(sp, dp)]
                    else:
                        alts = [(ep if sp is None else _intersect_intervals(sp, ep), dp),
                                (sp, ep if dp is None else _intersect_intervals(dp, ep))]
                    for a, b in alts:
                        if a == [] or b == []:
                            continue
                        out.append(Service(p, _norm_ports(a or []), _norm_ports(b or [])))
                elif p in _ICMP_PROTOS:
                    if port_cond:
                        continue
                    for t in (types if types is not None else [None]):
                        for cd in (codes if codes is not None else [None]):
                            out.append(Service(p, icmp_type=t, icmp_code=cd))
                else:
                    if port_cond or icmp_cond:
                        continue
                    out.append(Service(p))
            services = tuple(dict.fromkeys(out))
        return pairs, services, established, approx, extra

    def term_action(self, then: Node | None, extra: dict, where: str) -> tuple[str, str, bool]:
        action = None
        vendor = ""
        log = False
        for k, c in _kids(then):
            if k == "accept":
                action, vendor = PERMIT, "accept"
            elif k == "discard":
                action, vendor = DENY, "discard"
            elif k == "reject":
                action, vendor = DENY, "reject"
                rtype = _val(c)
                if rtype:
                    extra["reject_type"] = rtype
            elif k == "next":
                if _val(c) == "term":
                    if action is None:
                        action, vendor = CONTINUE, "next term"
                else:
                    self.unknown(c, where + " then")
            elif k == "routing-instance":
                action, vendor = PERMIT, "routing-instance"
                extra["routing_instance"] = _val(c)
            elif k in ("count", "policer", "three-color-policer", "hierarchical-policer"):
                value = _val(c)
                if k == "three-color-policer" and c.kids:
                    value = next((_val(cc) for _, cc in _kids(c)), None)
                extra["count" if k == "count" else "policer"] = value
                if k != "count" and value:
                    self.dev.refer("policer", value, self.loc(c, False), where)
            elif k in ("log", "syslog"):
                log = True
            elif k in _THEN_MODIFIERS:
                extra.setdefault("modifiers", []).append(k)
            else:
                self.unknown(c, where + " then")
        if action is None:
            action, vendor = PERMIT, "accept (no terminating action)"
        return action, vendor, log

    # ------------------------------------------------------------------ vlans (EX/QFX)

    def h_vlans(self, node: Node) -> None:
        for name, vn in _kids(node):
            vid = _int(_val(vn, "vlan-id"))
            if vid is not None:
                self.vlan_ids[name] = vid
                self.dev.vlans.append(Vlan(vid, name, self.loc(vn)))
            l3 = _val(vn, "l3-interface")
            if l3 and vid is not None:
                self.vlan_l3[l3] = vid
            for direction in ("input", "output"):
                f = _val(_get(vn, "filter"), direction)
                if f:
                    self.dev.refer("acl", f, self.loc(_get(_get(vn, "filter"), direction)), f"vlan {name} {direction}")
            for member in _vals(vn, "interface"):
                self.vlan_legacy_members.setdefault(member, []).append(name)
            self.unmodelled.append(vn)

    # ------------------------------------------------------------------ interfaces

    _PHYS_KEYS = frozenset("""
        description disable enable unit vlan-tagging flexible-vlan-tagging stacked-vlan-tagging
        encapsulation mtu speed link-mode gigether-options ether-options aggregated-ether-options
        native-vlan-id redundant-ether-options gratuitous-arp-reply no-gratuitous-arp-request mac
        hold-time traps no-traps per-unit-scheduler hierarchical-scheduler fastether-options
        damping auto-negotiation no-auto-negotiation optics-options framing clocking
        sonet-options interface-transmit-statistics satop-options serial-options
        fabric-options passive-monitor-mode receive-bucket transmit-bucket mtu-discovery
        tunnel-options dsl-options vdsl-options lacp esi accounting-profile
        shared-scheduler schedulers traceoptions fabric-member-interfaces member-interfaces
        interface-mode vlan-vci-tagging gigether-options media-type ima-link-options
        logical-tunnel-options otn-options wavelength-options port-mirror-options
        redundant-pseudo-interface-options ppp-options alias ether-options mac-learn-enable
        no-keepalives keepalives
    """.split())

    _UNIT_KEYS = frozenset("""
        description disable enable family vlan-id vlan-id-list vlan-tags encapsulation proxy-arp
        tunnel point-to-point bandwidth arp-resp mac alias peer-unit input-vlan-map
        output-vlan-map native-inner-vlan-id traps no-traps dial-options ppp-options
        family-options accounting-profile demux-options demux-source dlci inner-vlan-id-range
        multicast-only passive-monitor-mode shaping swap-by-poppush rpm vci vpi
        targeted-distribution no-traps dynamic-call-admission-control radio-router
        ethernet-switching-options? filter? mtu? vrrp-group?
    """.replace("?", "").split())

    _INET_KEYS = frozenset("""
        address filter dhcp dhcp-client unnumbered-address mtu no-redirects rpf-check sampling
        targeted-broadcast policer service accounting primary preferred negotiate-address
        destination-class-usage source-class-usage simple-filter receive-ttl-exceeded
        receive-options-packets demux-source dad-disable nd6-stale-time ipsec-sa
        no-neighbor-learn address-assignment dhcpv6-client multicast-only mac-validate
        icmp-rate-limit ndp-address-autoconfiguration ip-options? translate-discard-probability?
        adjust-tcp-mss? tcp-mss? kernel-mtu?
    """.replace("?", "").split())

    def h_interfaces(self, node: Node) -> None:
        ranges = _get(node, "interface-range")
        if ranges is not None:
            for rname, rn in _kids(ranges):
                members = self.range_members(rn)
                body = Node(rname, rn.line, rn.end)
                body.kids = {k: c for k, c in (rn.kids or {}).items() if k not in ("member", "member-range")}
                for member in members:
                    target = (node.kids or {}).get(member)
                    if target is None:
                        target = Node(member, rn.line, rn.end, "interface-range")
                        node.kids[member] = target  # type: ignore[index]
                    _merge(target, [body], f"interface-range {rname}")
        for name, pn in _kids(node):
            if name in ("interface-range", "traceoptions", "interface-set", "stacked-interface-set"):
                continue
            try:
                self.physical(name, pn)
            except _Bad as exc:
                self.warn(pn, str(exc))
        for member, vlans in self.vlan_legacy_members.items():
            iface = self.ifaces.get(member) or self.ifaces.get(member + ".0")
            if iface is not None and iface.access_vlan is None and vlans and vlans[0] in self.vlan_ids:
                iface.switchport = True
                iface.mode = iface.mode or "access"
                iface.access_vlan = self.vlan_ids[vlans[0]]

    def range_members(self, rn: Node) -> list[str]:
        out: list[str] = []
        for m, mn in _kids(_get(rn, "member")):
            out.extend(self.expand_member(m))
        mr = _get(rn, "member-range")
        for a, an in _kids(mr):
            b = _val(an, "to")
            got = self.expand_member_range(a, b or a)
            if not got:
                self.warn(an, f"member-range {a} to {b} cannot be expanded")
            out.extend(got)
        return list(dict.fromkeys(out))

    @staticmethod
    def expand_member(text: str) -> list[str]:
        m = re.match(r"^(.*?)\[(\d+)-(\d+)\](.*)$", text)
        if m:
            return [f"{m.group(1)}{i}{m.group(4)}" for i in range(int(m.group(2)), int(m.group(3)) + 1)]
        return [text]

    @staticmethod
    def expand_member_range(a: str, b: str) -> list[str]:
        ma = re.match(r"^(.*?)(\d+)$", a)
        mb = re.match(r"^(.*?)(\d+)$", b)
        if not ma or not mb or ma.group(1) != mb.group(1):
            return []
        lo, hi = int(ma.group(2)), int(mb.group(2))
        if hi < lo or hi - lo > 4096:
            return []
        return [f"{ma.group(1)}{i}" for i in range(lo, hi + 1)]

    def physical(self, name: str, pn: Node) -> None:
        desc = _val(pn, "description") or ""
        disabled = _has(pn, "disable")
        native = _val(pn, "native-vlan-id")
        agg = _val(_get(pn, "gigether-options"), "802.3ad") or _val(_get(pn, "ether-options"), "802.3ad")
        where = f"interfaces {name}"
        self.check_keys(pn, self._PHYS_KEYS, where)
        units = _get(pn, "unit")
        if units is not None and units.kids:
            for u, un in _kids(units):
                self.unit(name, u, un, desc, disabled, native, agg)
            return
        iface = Interface(name, loc=self.loc(pn), description=desc, shutdown=disabled)
        if agg:
            iface.extra["aggregated_parent"] = agg
        if name.startswith(_OOB_PREFIXES):
            iface.extra["oob_management"] = True
        self.add_iface(iface)

    def add_iface(self, iface: Interface) -> None:
        if iface.name in self.ifaces:
            return
        self.ifaces[iface.name] = iface
        self.dev.interfaces.append(iface)

    def unit(self, name: str, u: str, un: Node, desc: str, disabled: bool, native: str | None,
             agg: str | None) -> None:
        full = f"{name}.{u}"
        where = f"interfaces {name} unit {u}"
        iface = Interface(full, loc=self.loc(un), description=_val(un, "description") or "",
                          shutdown=disabled or _has(un, "disable"))
        iface.extra["unit"] = u
        if desc:
            iface.extra["physical_description"] = desc
        if disabled:
            iface.extra["physical_disabled"] = True
        if agg:
            iface.extra["aggregated_parent"] = agg
        if name.startswith(_OOB_PREFIXES):
            iface.extra["oob_management"] = True
        vid = _int(_val(un, "vlan-id"))
        if vid is not None:
            iface.vlan_id = vid
        if name in ("irb", "vlan"):
            iface.vlan_id = self.vlan_l3.get(full, iface.vlan_id)
        self.check_keys(un, self._UNIT_KEYS, where)
        for fam, fn in _kids(_get(un, "family")):
            if fam in ("inet", "inet6"):
                self.family_inet(iface, fam, fn, where)
            elif fam == "ethernet-switching":
                self.family_switching(iface, fn, native, where)
            elif fam in ("iso", "mpls", "bridge", "ccc", "vpls", "tcc", "mlppp", "mlfr-end-to-end",
                         "multiservice", "inet-vpn", "any", "evpn", "pppoe", "mlfr-uni-nni", "tnp", "vpn"):
                self.unmodelled.append(fn)
            else:
                self.unknown(fn, where + " family")
        self.add_iface(iface)

    def family_inet(self, iface: Interface, fam: str, fn: Node, where: str) -> None:
        family = 4 if fam == "inet" else 6
        where = f"{where} family {fam}"
        self.check_keys(fn, self._INET_KEYS, where)
        addrs = []
        primary_idx = None
        for a, an in _kids(_get(fn, "address")):
            parsed = _parse_prefix(a.split("/")[0])
            plen = _int(a.partition("/")[2], 32 if family == 4 else 128)
            if parsed is None or parsed[0] != family or plen is None:
                self.warn(an, f"'{a}' is not an IPv{family} interface address")
                continue
            addrs.append(InterfaceAddress(family, parsed[1], plen))
            if _has(an, "primary"):
                primary_idx = len(addrs) - 1
        for i, addr in enumerate(addrs):
            addr.secondary = i != (primary_idx if primary_idx is not None else 0) and family == 4
        iface.addresses.extend(addrs)
        if _has(fn, "dhcp") or _has(fn, "dhcp-client"):
            iface.extra["address_dhcp"] = True
        if _has(fn, "unnumbered-address"):
            iface.extra["unnumbered_address"] = _val(fn, "unnumbered-address")
        flt = _get(fn, "filter")
        for direction, dn in _kids(flt):
            if direction in ("input", "output"):
                fname = self.filter_name(fam, _val(dn) or "")
                self.dev.refer("acl", fname, self.loc(dn), f"interface {iface.name} {direction}")
                self.bind(iface, family, direction, fname)
            elif direction in ("input-list", "output-list"):
                names = [self.filter_name(fam, f) for f in _vals(dn)]
                for f in names:
                    self.dev.refer("acl", f, self.loc(dn), f"interface {iface.name} {direction}")
                if not names:
                    continue
                composite = names[0] if len(names) == 1 else self.composite(names, family)
                self.bind(iface, family, direction.split("-")[0], composite)
                iface.extra[f"filter_{'in' if direction == 'input-list' else 'out'}_list"] = names
            elif direction == "group":
                iface.extra["filter_group"] = _val(dn)
            else:
                self.unknown(dn, where + " filter")

    def bind(self, iface: Interface, family: int, direction: str, name: str) -> None:
        attr = ("filter_in" if direction == "input" else "filter_out") + ("6" if family == 6 else "")
        setattr(iface, attr, name)

    def composite(self, names: list[str], family: int) -> str:
        """input-list A B: A's terms, then B's, one implicit discard at the end."""
        cname = "+".join(names)
        if cname in self.dev.filters:
            return cname
        parts = [self.dev.filters.get(n) for n in names]
        rules: list[Rule] = []
        for n, f in zip(names, parts):
            if f is None:
                continue
            rules.extend(f.rules)
        self.dev.filters[cname] = Filter(cname, "firewall-filter", rules, DENY,
                                         "implicit discard at the end of the last filter of a Junos filter list",
                                         loc=parts[0].loc if parts[0] else None, family=family,
                                         extra={"filter_list": names, "composite": True})
        return cname

    def family_switching(self, iface: Interface, fn: Node, native: str | None, where: str) -> None:
        where += " family ethernet-switching"
        iface.switchport = True
        mode = _val(fn, "interface-mode") or _val(fn, "port-mode") or "access"
        iface.mode = mode
        members = _vals(_get(fn, "vlan"), "members")
        ids: list[int] = []
        every = False
        for m in members:
            if m == "all":
                every = True
            elif m in self.vlan_ids:
                ids.append(self.vlan_ids[m])
            else:
                lo, dash, hi = m.partition("-")
                a, b = _int(lo), _int(hi) if dash else _int(lo)
                if a is not None and b is not None and a <= b <= 4094:
                    ids.extend(range(a, b + 1))
                else:
                    self.warn(_get(_get(fn, "vlan"), "members") or fn, f"VLAN '{m}' is not defined under vlans")
        nat = _val(fn, "native-vlan-id") or native
        if nat is not None:
            iface.native_vlan = self.vlan_ids.get(nat, _int(nat))
        if mode == "trunk":
            iface.trunk_allowed_vlans = None if every or not members else tuple(sorted(set(ids)))
        else:
            iface.access_vlan = ids[0] if ids else None
        for direction, dn in _kids(_get(fn, "filter")):
            f = _val(dn)
            if f:
                self.dev.refer("acl", f, self.loc(dn), f"interface {iface.name} ethernet-switching {direction}")
        self.check_keys(fn, ("interface-mode", "port-mode", "vlan", "native-vlan-id", "filter", "storm-control",
                             "recovery-timeout", "reflective-relay", "vlan-auto-sense", "policer"), where)

    # ------------------------------------------------------------------ routing

    _RO_RECOGNISED = frozenset("""
        router-id autonomous-system graceful-restart interface-routes generate aggregate martians
        maximum-paths maximum-prefixes multipath options ppm resolution rib-groups source-routing
        srlg traceoptions auto-export instance-export instance-import nonstop-routing confederation
        dynamic-tunnels fate-sharing flow forwarding-table bmp med-igp-update-interval multicast
        validation route-distinguisher-id transport-class nexthop-group protect programmable-rpd
        access access-internal bgp-orf-cisco-mode topologies lsp-telemetry static-route? ipv6-router-id
        rib-group? no-multicast-echo? chained-composite-next-hop? flex-algorithm? tunnel-attributes?
    """.replace("?", "").split())

    def h_routing_options(self, node: Node, vrf: str | None = None) -> None:
        for k, c in _kids(node):
            if k == "static":
                self.static_routes(c, vrf)
            elif k == "rib":
                for rib, rn in _kids(c):
                    rib_vrf = vrf
                    if rib.count(".") >= 2 and not rib.startswith(("inet.", "inet6.")):
                        rib_vrf = rib.split(".")[0]
                    for kk, cc in _kids(rn):
                        if kk == "static":
                            self.static_routes(cc, rib_vrf)
                        elif kk not in self._RO_RECOGNISED:
                            self.unknown(cc, f"routing-options rib {rib}")
            elif k == "forwarding-table":
                for f in _vals(c, "filter"):
                    self.dev.refer("acl", f, self.loc(_get(c, "filter")), "routing-options forwarding-table")
                self.unmodelled.append(c)
            elif k in self._RO_RECOGNISED:
                self.unmodelled.append(c)
            else:
                self.unknown(c, "routing-options")

    def static_routes(self, st: Node, vrf: str | None) -> None:
        for k, c in _kids(st):
            if k == "route":
                for p, rn in _kids(c):
                    try:
                        self.static_route(p, rn, vrf)
                    except _Bad as exc:
                        self.warn(rn, str(exc))
            elif k in ("defaults", "rib-group", "static-route", "iso", "unicast", "multicast"):
                continue
            else:
                self.unknown(c, "routing-options static")

    _ROUTE_KEYS = frozenset("""
        next-hop qualified-next-hop preference discard reject receive next-table no-readvertise
        readvertise retain no-retain install no-install tag metric resolve no-resolve active
        passive community as-path lsp-next-hop p2mp-lsp-next-hop static-lsp-next-hop
        bfd-liveness-detection color no-fate-sharing as-path-prepend tag2 preference2 metric2
        spring-te-lsp-next-hop next-hop-group
    """.split())

    def static_route(self, p: str, rn: Node, vrf: str | None) -> None:
        parsed = _parse_prefix(p)
        if parsed is None or "/" not in p and ":" not in p and p.count(".") != 3:
            raise _Bad(f"'{p}' is not a route prefix")
        dest = AddressRange(parsed[0], parsed[1], parsed[2])
        pref = _int(_val(rn, "preference"), 5)
        loc = self.loc(rn)
        self.check_keys(rn, self._ROUTE_KEYS, "routing-options static route")
        found = False
        for nh in _vals(rn, "next-hop"):
            found = True
            ip = _is_ip(nh)
            self.dev.routes.append(Route(dest, next_hop=nh if ip else None, interface=None if ip else nh,
                                         distance=pref, loc=loc, vrf=vrf))
        for q, qn in _kids(_get(rn, "qualified-next-hop")):
            found = True
            ip = _is_ip(q)
            self.dev.routes.append(Route(dest, next_hop=q if ip else None,
                                         interface=_val(qn, "interface") or (None if ip else q),
                                         distance=_int(_val(qn, "preference"), pref), loc=self.loc(qn), vrf=vrf))
        for kind in ("discard", "reject", "receive"):
            if _has(rn, kind):
                found = True
                self.dev.routes.append(Route(dest, interface=kind, distance=pref, loc=loc, vrf=vrf))
        table = _val(rn, "next-table")
        if table:
            found = True
            self.dev.routes.append(Route(dest, interface=f"table {table}", distance=pref, loc=loc, vrf=vrf))
        if not found:
            self.warn(rn, f"static route {p} has no next-hop")

    def h_routing_instances(self, node: Node) -> None:
        for name, rn in _kids(node):
            for k, c in _kids(rn):
                if k == "routing-options":
                    self.h_routing_options(c, vrf=name)
                elif k == "interface":
                    for ifname in _vals(rn, "interface"):
                        self.route_vrfs[ifname] = name
                else:
                    self.unmodelled.append(c)

    # ------------------------------------------------------------------ applications

    def h_applications(self, node: Node) -> None:
        for k, c in _kids(node):
            if k == "application":
                for name, an in _kids(c):
                    self.apps[name] = an
                    self.dev.define("service-object", name, self.loc(an), description=_val(an, "description") or "")
            elif k == "application-set":
                for name, sn in _kids(c):
                    self.appsets[name] = sn
                    members = tuple(_vals(sn, "application") + _vals(sn, "application-set"))
                    self.dev.define("service-group", name, self.loc(sn), members,
                                    description=_val(sn, "description") or "")
                    for key, kind in (("application", "service-object"), ("application-set", "service-group")):
                        for member, mn in _kids(_get(sn, key)):
                            if not (member in JUNOS_APPLICATIONS or member.startswith("junos-")):
                                self.dev.refer(kind, member, self.loc(mn, False), f"application-set {name}")
                    self.check_keys(sn, ("application", "application-set", "description"), "applications application-set")
            else:
                self.unknown(c, "applications")

    _APP_KEYS = frozenset("""
        protocol destination-port source-port icmp-type icmp-code icmp6-type icmp6-code
        inactivity-timeout application-protocol rpc-program-number uuid ether-type description
        term alg do-not-translate-a-query-to-aaaa-query do-not-translate-aaaa-query-to-a-query
        child-inactivity-timeout ttl-threshold application-group? 
    """.replace("?", "").split())

    def app_term_services(self, an: Node, name: str) -> tuple[list[Service], list[str]]:
        notes: list[str] = []
        proto_s = _val(an, "protocol")
        alg = _val(an, "application-protocol")
        if proto_s is None:
            notes.append(f"application {name} has no protocol" + (f" (ALG {alg})" if alg else ""))
            return [], notes
        if proto_s in JUNOS_PROTOCOLS:
            proto = JUNOS_PROTOCOLS[proto_s]
        else:
            proto = _int(proto_s)
            if proto is None or not 0 <= proto <= 255:
                self.warn(_get(an, "protocol"), f"'{proto_s}' is not a protocol name or number")
                notes.append(f"application {name}: unknown protocol {proto_s}")
                return [], notes
        if alg and alg not in ("ignore", "none"):
            notes_alg = f"application {name} uses the {alg} ALG (related flows opened dynamically)"
            if alg in ("ms-rpc", "sun-rpc"):
                notes.append(notes_alg)
        if proto in _PORT_PROTOS:
            ranges = []
            for key in ("destination-port", "source-port"):
                vals = []
                for v, vn in _kids(_get(an, key)):
                    try:
                        vals.append(self.port_range(v))
                    except _Bad as exc:
                        self.warn(vn, str(exc))
                        notes.append(f"application {name}: {exc}")
                ranges.append(_norm_ports(vals))
            return [Service(proto, ranges[1], ranges[0])], notes
        if proto in _ICMP_PROTOS:
            fam = 4 if proto == 1 else 6
            tnode = _get(an, "icmp-type") or _get(an, "icmp6-type")
            cnode = _get(an, "icmp-code") or _get(an, "icmp6-code")
            types = self.icmp_values(tnode, fam, False) if tnode is not None else [None]
            codes = self.icmp_values(cnode, fam, True) if cnode is not None else [None]
            return [Service(proto, icmp_type=t, icmp_code=cd) for t in types for cd in codes], notes
        return [Service(proto)], notes

    def app_services(self, name: str, seen: frozenset[str] = frozenset()) -> tuple[tuple[Service, ...], tuple[str, ...]]:
        """Services of an application or application-set, and why they are approximate."""
        memo = self._app_memo.get(name)
        if memo is not None:
            return memo
        if name == "any":
            return (ANY_SERVICE,), ()
        out: list[Service] = []
        notes: list[str] = []
        if name in self.apps:
            an = self.apps[name]
            self.check_keys(an, self._APP_KEYS, f"applications application {name}")
            terms = _get(an, "term")
            if terms is not None:
                for tname, tn in _kids(terms):
                    got, why = self.app_term_services(tn, f"{name} term {tname}")
                    out.extend(got)
                    notes.extend(why)
            else:
                got, why = self.app_term_services(an, name)
                out.extend(got)
                notes.extend(why)
        elif name in self.appsets:
            if name in seen:
                self.warn(self.appsets[name], f"application-set {name} contains itself")
                return (), ()
            sn = self.appsets[name]
            for member in _vals(sn, "application") + _vals(sn, "application-set"):
                got, why = self.app_services(member, seen | {name})
                out.extend(got)
                notes.extend(why)
        elif name in JUNOS_APPLICATIONS:
            out.extend(JUNOS_APPLICATIONS[name])
        elif name.startswith("junos-"):
            notes.append(f"predefined application {name} is not in this parser's table")
        else:
            notes.append(f"application {name} is not defined")
        result = (tuple(dict.fromkeys(out)), tuple(notes))
        self._app_memo[name] = result
        return result

    # ------------------------------------------------------------------ schedulers

    def h_schedulers(self, node: Node) -> None:
        for k, c in _kids(node):
            if k != "scheduler":
                self.unknown(c, "schedulers")
                continue
            for name, sn in _kids(c):
                self.dev.define("schedule", name, self.loc(sn), description=_val(sn, "description") or "")
                self.schedulers[name] = self.scheduler_expired(name, sn)

    _DAYS = frozenset({"daily", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})

    def scheduler_expired(self, name: str, sn: Node) -> bool | None:
        stops: list[datetime] = []
        for k, c in _kids(sn):
            if k == "start-date":
                for start, stn in _kids(c):
                    stop = _val(stn, "stop-date")
                    when = self.junos_date(stop, stn) if stop else None
                    if when is not None:
                        stops.append(when)
            elif k not in self._DAYS and k != "description":
                self.unknown(c, f"schedulers scheduler {name}")
        if not stops:
            return False
        return all(s < _now() for s in stops)

    def junos_date(self, text: str, node: Node) -> datetime | None:
        for fmt in ("%Y-%m-%d.%H:%M", "%Y-%m-%d.%H:%M:%S", "%Y-%m-%d"):
            try:
                return datetime.strptime(text, fmt)
            except ValueError:
                continue
        self.warn(node, f"'{text}' is not a date (YYYY-MM-DD.hh:mm)")
        return None

    # ------------------------------------------------------------------ security (SRX)

    def h_security(self, node: Node) -> None:
        self.srx = True
        order = ("address-book", "zones", "screen", "policies", "nat", "log")
        ab = _get(node, "address-book")
        if ab is not None:
            for bname, bn in _kids(ab):
                book = self.books.setdefault(bname, _Book(bname))
                self.fill_book(book, bn, f"security address-book {bname}")
                for z in _vals(_get(bn, "attach"), "zone"):
                    self.zone_books.setdefault(z, []).append(bname)
        zones = _get(node, "zones")
        if zones is not None:
            self.h_zones(zones)
        screen = _get(node, "screen")
        if screen is not None:
            for k, c in _kids(screen):
                if k == "ids-option":
                    for name, sn in _kids(c):
                        self.dev.define("screen", name, self.loc(sn))
                elif k not in ("trap", "traceoptions", "white-list"):
                    self.unknown(c, "security screen")
        pol = _get(node, "policies")
        if pol is not None:
            self.policies_node = pol
            self.h_policies(pol)
        nat = _get(node, "nat")
        if nat is not None:
            self.h_nat(nat)
        log = _get(node, "log")
        if log is not None:
            streams = []
            for s, sn in _kids(_get(log, "stream")):
                host = _get(sn, "host")
                address = next((h for h, _ in _kids(host) if h != "port"), None)
                streams.append({"name": s, "host": address, "port": _int(_val(host, "port")), "line": sn.line})
            self.facts["security_log_streams"] = streams
            self.unmodelled.append(log)
        for k, c in _kids(node):
            if k in order:
                continue
            if k in ("ike", "ipsec"):
                self.facts[k] = self.trimmed_dict(c)
                self.unmodelled.append(c)
            elif k == "flow":
                self.facts["flow_options"] = [" ".join(p) for p in self.leaf_paths(c)]
                self.unmodelled.append(c)
            elif k in ("idp", "utm"):
                self.facts[f"{k}_configured"] = True
                ap = _val(c, "active-policy") or _val(_get(c, "default-policy") if k == "utm" else None)
                if ap:
                    self.facts[f"{k}_active_policy"] = ap
                self.unmodelled.append(c)
            elif k in _SECURITY_RECOGNISED:
                self.unmodelled.append(c)
            else:
                self.unknown(c, "security")

    def leaf_paths(self, node: Node, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        out = []
        for k, c in _kids(node):
            if c.kids:
                out.extend(self.leaf_paths(c, prefix + (k,)))
            else:
                out.append(prefix + (k,))
        return out[:200]

    def trimmed_dict(self, node: Node, depth: int = 0) -> Any:
        """A small JSON-friendly picture of a subtree (secrets replaced by their storage)."""
        if depth > 6:
            return True
        out: dict[str, Any] = {}
        for k, c in _kids(node):
            if k in ("pre-shared-key", "secret", "authentication-key"):
                value = _val(c) if k != "pre-shared-key" else _val(c, _val(c) or "")
                out[k] = {"storage": _hash_storage(value or "")}
                continue
            if not c.kids:
                out[k] = True
            elif all(not cc.kids for _, cc in _kids(c)) and len(c.kids) == 1:
                out[k] = next(iter(c.kids))
            else:
                out[k] = self.trimmed_dict(c, depth + 1)
            if len(out) > 100:
                break
        return out

    def fill_book(self, book: _Book, bn: Node, where: str) -> None:
        for k, c in _kids(bn):
            if k == "address":
                for name, an in _kids(c):
                    book.addr[name] = an
                    self.dev.define("address-object", name, self.loc(an), description=_val(an, "description") or "")
            elif k == "address-set":
                for name, sn in _kids(c):
                    book.sets[name] = sn
                    members = tuple(_vals(sn, "address") + _vals(sn, "address-set"))
                    self.dev.define("address-group", name, self.loc(sn), members,
                                    description=_val(sn, "description") or "")
                    for key, kind in (("address", "address-object"), ("address-set", "address-group")):
                        for member, mn in _kids(_get(sn, key)):
                            self.dev.refer(kind, member, self.loc(mn, False), f"address-set {name}")
                    self.check_keys(sn, ("address", "address-set", "description"), where + " address-set")
            elif k in ("attach", "description"):
                continue
            else:
                self.unknown(c, where)

    def h_zones(self, zones: Node) -> None:
        host_inbound: dict[str, Any] = {}
        for k, c in _kids(zones):
            if k == "security-zone":
                for z, zn in _kids(c):
                    self.security_zone(z, zn, host_inbound)
            elif k == "functional-zone":
                # out-of-band interfaces of a zone of their own: no transit traffic; the
                # host-inbound-traffic statements decide which services answer there
                for fz, fzn in _kids(c):
                    services = self.host_inbound(_get(fzn, "host-inbound-traffic"))[0]
                    ifaces = []
                    for ifname, ifn in _kids(_get(fzn, "interfaces")):
                        full = ifname if "." in ifname else ifname + ".0"
                        ifaces.append(full)
                        hit = _get(ifn, "host-inbound-traffic")
                        self.iface_services[full] = self.host_inbound(hit)[0] if hit is not None else services
                        iface = self.ifaces.get(full)
                        if iface is not None:
                            iface.extra["functional_zone"] = fz
                            iface.management_access = self.iface_services[full]
                    self.facts.setdefault("functional_zone_management", {})[fz] = {
                        "interfaces": ifaces, "line": fzn.line, "services": list(services)}
            else:
                self.unknown(c, "security zones")
        self.facts["zone_host_inbound"] = host_inbound

    def host_inbound(self, hit: Node | None) -> tuple[tuple[str, ...], tuple[str, ...], int | None]:
        if hit is None:
            return (), (), None
        services: list[str] = []
        protocols: list[str] = []
        for k, c in _kids(hit):
            target = services if k == "system-services" else protocols if k == "protocols" else None
            if target is None:
                self.unknown(c, "security zones host-inbound-traffic")
                continue
            for name, sn in _kids(c):
                if _has(sn, "except"):
                    target.append("!" + name)
                else:
                    target.append(name)
                if k == "system-services" and name not in _SYSTEM_SERVICE_NAMES:
                    self.warn(sn, f"'{name}' is not a host-inbound system service")
        sys_node = _get(hit, "system-services")
        return tuple(services), tuple(protocols), (sys_node.line if sys_node is not None else hit.line)

    _ZONE_KEYS = frozenset("""
        description address-book host-inbound-traffic interfaces screen tcp-rst
        application-tracking enable-reverse-reroute source-identity-log
        advance-policy-based-routing-profile unidirectional-session-refreshing
    """.split())

    def security_zone(self, z: str, zn: Node, host_inbound: dict[str, Any]) -> None:
        self.dev.define("zone", z, self.loc(zn), description=_val(zn, "description") or "")
        self.check_keys(zn, self._ZONE_KEYS, f"security zones security-zone {z}")
        book = _get(zn, "address-book")
        if book is not None:
            b = self.books.setdefault(f"zone:{z}", _Book(f"zone:{z}"))
            self.fill_book(b, book, f"security zones security-zone {z} address-book")
            self.zone_books.setdefault(z, []).insert(0, f"zone:{z}")
        services, protocols, line = self.host_inbound(_get(zn, "host-inbound-traffic"))
        zone = Zone(z, [], self.loc(zn), services)
        if line is not None:
            zone.management_loc = Location(self.file, line, line, "host-inbound-traffic system-services")
        info: dict[str, Any] = {"services": list(services), "protocols": list(protocols), "line": line,
                                "interfaces": {}}
        union = list(services)
        for ifname, ifn in _kids(_get(zn, "interfaces")):
            full = ifname if "." in ifname else ifname + ".0"
            zone.interfaces.append(full)
            if_services, if_protocols, if_line = self.host_inbound(_get(ifn, "host-inbound-traffic"))
            effective = if_services if _has(ifn, "host-inbound-traffic") else services
            self.iface_services[full] = effective
            if _has(ifn, "host-inbound-traffic"):
                info["interfaces"][full] = {"services": list(if_services), "protocols": list(if_protocols),
                                            "line": if_line}
                union.extend(s for s in if_services if s not in union)
        zone.management_access = tuple(union)
        host_inbound[z] = info
        screen = _val(zn, "screen")
        if screen:
            self.dev.refer("screen", screen, self.loc(_get(zn, "screen")), f"security-zone {z}")
            self.facts.setdefault("zone_screens", {})[z] = screen
        self.zones[z] = zone
        self.dev.zones.append(zone)

    # address books

    def book_chain(self, zone: str | None) -> tuple[str, ...]:
        chain = list(self.zone_books.get(zone, ())) if zone else []
        if "global" in self.books:
            chain.append("global")
        return tuple(chain)

    def resolve_address(self, name: str, chain: tuple[str, ...], seen: frozenset[str] = frozenset()):
        """-> (any, items, unresolved names, notes, kind)"""
        key = (chain, name)
        memo = self._addr_memo.get(key)
        if memo is not None:
            return memo
        if name == "any":
            return True, (), (), (), None
        if name == "any-ipv4":
            return False, (AddressRange(4, 0, _MAX4),), (), (), None
        if name == "any-ipv6":
            return False, (AddressRange(6, 0, _MAX6),), (), (), None
        result = None
        for bname in chain:
            book = self.books[bname]
            an = book.addr.get(name)
            if an is not None:
                items, unresolved, notes = self.address_entry(name, an)
                result = (False, items, unresolved, notes, "address-object")
                break
            sn = book.sets.get(name)
            if sn is not None:
                if name in seen:
                    self.warn(sn, f"address-set {name} contains itself")
                    result = (False, (), (), (), "address-group")
                    break
                items: list = []
                unresolved: list = []
                notes: list = []
                any_ = False
                for member in _vals(sn, "address") + _vals(sn, "address-set"):
                    a, it, un, no, _ = self.resolve_address(member, chain, seen | {name})
                    any_ = any_ or a
                    items.extend(it)
                    unresolved.extend(un)
                    notes.extend(no)
                result = (any_, tuple(dict.fromkeys(items)), tuple(unresolved), tuple(notes), "address-group")
                break
        if result is None:
            result = (False, (), (name,), (f"address {name} is not defined",), None)
        self._addr_memo[key] = result
        return result

    def address_entry(self, name: str, an: Node) -> tuple[tuple, tuple, tuple]:
        items: list = []
        unresolved: list = []
        notes: list = []
        for k, c in _kids(an):
            parsed = _parse_prefix(k)
            if parsed is not None:
                items.append(AddressRange(parsed[0], parsed[1], parsed[2]))
            elif k in ("address", "ip-prefix") and _parse_prefix(_val(c) or "") is not None:
                parsed = _parse_prefix(_val(c) or "")
                items.append(AddressRange(parsed[0], parsed[1], parsed[2]))  # type: ignore[index]
            elif k == "range-address":
                a = _val(c)
                b = _val(_get(c, a or ""), "to")
                try:
                    items.append(AddressRange.between(a or "", b or ""))
                except ValueError as exc:
                    self.warn(c, f"address {name}: {exc}")
            elif k == "wildcard-address":
                w = _val(c) or ""
                addr, _, mask = w.partition("/")
                pa, pm = _parse_prefix(addr), _parse_prefix(mask)
                if pa is None or pm is None or pa[0] != 4 or pm[0] != 4:
                    self.warn(c, f"address {name}: '{w}' is not an address/mask wildcard")
                    continue
                care = pm[1]
                inv = _MAX4 & ~care
                if (inv + 1) & inv == 0:
                    items.append(AddressRange(4, pa[1] & care, (pa[1] & care) | inv))
                else:
                    items.append(AddressWildcard(4, pa[1] & care, care))
            elif k == "dns-name":
                unresolved.append(name)
                notes.append(f"address {name} is the DNS name {_val(c)}")
            elif k == "description":
                continue
            else:
                self.unknown(c, f"address-book address {name}")
        return tuple(items), tuple(unresolved), tuple(notes)

    def policy_addresses(self, match: Node | None, key: str, chain: tuple[str, ...], where: str,
                         approx: list[str]) -> AddressSet:
        node = _get(match, key)
        names = _vals(node)
        if not names:
            return AddressSet.anywhere()
        any_ = False
        items: list = []
        unresolved: list = []
        for name in names:
            a, it, un, notes, kind = self.resolve_address(name, chain)
            if name not in ("any", "any-ipv4", "any-ipv6"):
                self.dev.refer(kind or "address-object", name, self.loc(node.kids[name], False), where)  # type: ignore[index]
            any_ = any_ or a
            items.extend(it)
            unresolved.extend(un)
            approx.extend(n for n in notes if "not defined" not in n)
        negated = _has(match, key + "-excluded")
        if any_:
            return AddressSet(any=True, negated=negated, names=tuple(names))
        return AddressSet(items=tuple(dict.fromkeys(items)), negated=negated, names=tuple(names),
                          unresolved=tuple(unresolved))

    # policies

    def h_policies(self, pol: Node) -> None:
        contexts: list[tuple[int, int, list[Rule]]] = []
        global_rules: list[Rule] = []
        default = None
        default_node = None
        for k, c in (pol.kids or {}).items():
            if k == "from-zone":
                for a, an in (c.kids or {}).items():
                    if a not in _PREDEFINED_ZONES:
                        self.dev.refer("zone", a, self.loc(an, False), "security policies from-zone")
                    tz = (an.kids or {}).get("to-zone")
                    for ak, ac in (an.kids or {}).items():
                        if ak != "to-zone" and not ac.inactive:
                            self.unknown(ac, f"security policies from-zone {a}")
                    if tz is None:
                        continue
                    for b, bn in (tz.kids or {}).items():
                        if b not in _PREDEFINED_ZONES:
                            self.dev.refer("zone", b, self.loc(bn, False), "security policies to-zone")
                        off = c.inactive or an.inactive or tz.inactive or bn.inactive
                        context = f"from-zone {a} to-zone {b}"
                        ctx_rules: list[Rule] = []
                        contexts.append((bn.line, len(contexts), ctx_rules))
                        for bk, bc in (bn.kids or {}).items():
                            if bk != "policy":
                                if not bc.inactive:
                                    self.unknown(bc, f"security policies {context}")
                                continue
                            for pname, pn in (bc.kids or {}).items():
                                ctx_rules.append(self.policy_rule(pname, pn, (a,), (b,), off or bc.inactive,
                                                                  self.book_chain(a), self.book_chain(b), context))
            elif k == "global":
                for gk, gnode in (c.kids or {}).items():
                    if gk != "policy":
                        if not gnode.inactive:
                            self.unknown(gnode, "security policies global")
                        continue
                    for pname, pn in (gnode.kids or {}).items():
                        global_rules.append(self.policy_rule(pname, pn, None, None, c.inactive or gnode.inactive,
                                                             self.book_chain(None), self.book_chain(None), "global"))
            elif c.inactive:
                continue
            elif k == "default-policy":
                default = _val(c)
                default_node = _get(c, default) if default else c  # the permit-all / deny-all line
            elif k in ("policy-rematch", "policy-stats", "pre-id-default-policy", "traceoptions",
                       "unified-policy", "dns-cache", "stateful-firewall-rule", "policy-lookup-cache"):
                continue
            else:
                self.unknown(c, "security policies")
        contexts.sort(key=lambda c: (c[0], c[1]))
        self.policy_rules = [r for _, _, rules in contexts for r in rules] + global_rules
        self.default_policy = (default, default_node)

    _POLICY_MATCH_KEYS = frozenset("""
        source-address destination-address application source-identity from-zone to-zone
        dynamic-application url-category source-address-excluded destination-address-excluded
        source-end-user-profile services-offload? 
    """.replace("?", "").split())

    def policy_rule(self, pname: str, pn: Node, src_zones, dst_zones, off: bool, src_chain, dst_chain,
                    context: str) -> Rule:
        where = f"security policy {pname} ({context})"
        approx: list[str] = []
        extra: dict[str, Any] = {"context": context}
        match = _get(pn, "match")
        for k, c in _kids(pn):
            if k not in ("match", "then", "description", "scheduler-name", "policy-rematch"):
                self.unknown(c, f"security policies {context} policy {pname}")
        self.check_keys(match, self._POLICY_MATCH_KEYS, f"security policies {context} policy {pname} match")
        if context == "global":
            fz = [z for z in _vals(match, "from-zone")]
            tz = [z for z in _vals(match, "to-zone")]
            for zname in fz + tz:
                if zname != "any" and zname not in _PREDEFINED_ZONES:
                    self.dev.refer("zone", zname, self.loc(pn, False), "security policies global")
            src_zones = None if not fz or "any" in fz else tuple(fz)
            dst_zones = None if not tz or "any" in tz else tuple(tz)
        for key in ("source-address", "destination-address", "application"):
            if not _has(match, key):
                self.warn(pn, f"policy {pname} has no match {key} (Junos requires one): taken as any")
                approx.append(f"no match {key}")
        src = self.policy_addresses(match, "source-address", src_chain, where, approx)
        dst = self.policy_addresses(match, "destination-address", dst_chain, where, approx)
        apps = _vals(match, "application")
        services: list[Service] = []
        unresolved_apps = False
        for app in apps or ["any"]:
            got, notes = self.app_services(app)
            services.extend(got)
            if notes:
                approx.extend(notes)
                unresolved_apps = True
            if app != "any" and not (app in JUNOS_APPLICATIONS and app not in self.apps):
                kind = "service-group" if app in self.appsets else "service-object"
                if app in self.apps or app in self.appsets or not app.startswith("junos-"):
                    self.dev.refer(kind, app, self.loc(_get(match, "application") or pn, False), where)  # type: ignore[arg-type]
        if unresolved_apps:
            extra["unresolved_services"] = True
        users = tuple(u for u in _vals(match, "source-identity") if u != "any")
        if users:
            approx.append("source-identity " + " ".join(users) + " (user identity not modelled)")
            extra["source_identity"] = list(users)
        dyn = tuple(a for a in _vals(match, "dynamic-application") if a not in ("any", "none"))
        if dyn:
            approx.append("dynamic-application " + " ".join(dyn) + " (App-ID not modelled)")
            extra["unmapped_applications"] = True
        urls = _vals(match, "url-category")
        if urls and urls != ["any"] and urls != ["none"]:
            approx.append("url-category " + " ".join(urls) + " (not modelled)")
            extra["url_category"] = urls
        then = _get(pn, "then")
        action = None
        vendor = ""
        log = False
        profiles: dict[str, str] = {}
        for k, c in _kids(then):
            if k == "permit":
                action, vendor = PERMIT, "permit"
                services_node = _get(c, "application-services")
                for sk, sc in _kids(services_node):
                    value = _val(sc)
                    if sk in ("idp", "idp-policy"):
                        profiles["ips"] = value or "idp"
                    elif sk == "utm-policy":
                        profiles["utm"] = value or sk
                    elif sk == "application-firewall":
                        profiles["app-firewall"] = _val(sc, "rule-set") or "application-firewall"
                    elif sk == "ssl-proxy":
                        profiles["ssl"] = _val(sc, "profile-name") or "ssl-proxy"
                    elif sk == "security-intelligence-policy":
                        profiles["security-intelligence"] = value or sk
                    elif sk == "advanced-anti-malware-policy":
                        profiles["aamw"] = value or sk
                    else:
                        profiles[sk] = value or sk
                if profiles:
                    extra["application_services"] = dict(profiles)
                tunnel = _get(c, "tunnel")
                if tunnel is not None:
                    extra["tunnel"] = _val(tunnel, "ipsec-vpn") or True
            elif k == "deny":
                action, vendor = DENY, "deny"
            elif k == "reject":
                action, vendor = DENY, "reject"
            elif k == "log":
                log = True
                extra["log"] = _vals(c)
            elif k == "count":
                extra["count"] = True
            else:
                self.unknown(c, f"security policies {context} policy {pname} then")
        if action is None:
            self.warn(pn, f"policy {pname} has no permit, deny or reject action: taken as deny")
            action, vendor = DENY, "(none)"
        sched = _val(pn, "scheduler-name")
        expired = None
        if sched:
            self.dev.refer("schedule", sched, self.loc(_get(pn, "scheduler-name"), False), where)  # type: ignore[arg-type]
            if sched in self.schedulers:
                expired = self.schedulers[sched]
            else:
                extra["scheduler_undefined"] = True
        return Rule(action, src, dst, tuple(dict.fromkeys(services)), self.loc(pn), family=None,
                    vendor_action=vendor, name=pname, remark=_val(pn, "description") or "", log=log,
                    enabled=not (off or pn.inactive), time_range=sched, time_range_expired=expired,
                    src_zones=src_zones, dst_zones=dst_zones, applications=dyn, profiles=profiles,
                    approximations=tuple(dict.fromkeys(approx)), service_names=tuple(apps), users=users,
                    extra=extra)

    # NAT (inventory only)

    def h_nat(self, nat: Node) -> None:
        out = []
        for kind, kn in _kids(nat):
            if kind not in ("source", "destination", "static"):
                if kind not in ("proxy-arp", "proxy-ndp", "traceoptions", "pool-utilization-alarm",
                                "address-persistent", "pool-default-port-range", "interface", "nat64",
                                "natv6v4", "allow-overlapping-pools", "pool-default-twin-port-range"):
                    self.unknown(kn, "security nat")
                continue
            for rs, rsn in _kids(_get(kn, "rule-set")):
                frm = _get(rsn, "from")
                to = _get(rsn, "to")
                for side in (frm, to):
                    for zname, zn in _kids(_get(side, "zone")):
                        if zname not in _PREDEFINED_ZONES:
                            self.dev.refer("zone", zname, self.loc(zn, False), f"security nat {kind} rule-set {rs}")
                for rname, rn in _kids(_get(rsn, "rule")):
                    match = _get(rn, "match")
                    then = _get(rn, "then")
                    entry = {
                        "line": rn.line, "kind": kind, "rule_set": rs, "rule": rname,
                        "from": " ".join(self.flatten(frm)), "to": " ".join(self.flatten(to)),
                        "match_destination": _vals(match, "destination-address"),
                        "match_destination_port": _vals(match, "destination-port"),
                        "translated": " ".join(self.flatten(then)),
                    }
                    for key in ("source-address-name", "destination-address-name"):
                        for name in _vals(match, key):
                            chain = self.book_chain(_val(frm, "zone"))
                            _, _, _, _, akind = self.resolve_address(name, chain)
                            self.dev.refer(akind or "address-object", name, self.loc(rn, False), f"nat rule {rname}")
                    out.append(entry)
        self.facts["nat"] = out

    def flatten(self, node: Node | None) -> list[str]:
        out: list[str] = []
        for k, c in _kids(node):
            out.append(k)
            out.extend(self.flatten(c))
        return out[:40]

    # ------------------------------------------------------------------ finish

    def finish(self) -> None:
        dev = self.dev
        # routing-instance membership
        for ifname, vrf in self.route_vrfs.items():
            iface = self.ifaces.get(ifname) or self.ifaces.get(ifname + ".0")
            if iface is not None:
                iface.vrf = vrf
        if self.facts.get("management_instance"):
            for iface in dev.interfaces:
                if iface.name.startswith("fxp0"):
                    iface.vrf = "mgmt_junos"
        # zones
        for zone in self.zones.values():
            for full in zone.interfaces:
                iface = self.ifaces.get(full)
                if iface is None:
                    iface = Interface(full, loc=zone.loc)
                    iface.extra["not_configured"] = True
                    self.add_iface(iface)
                iface.zone = zone.name
                iface.management_access = self.iface_services.get(full, ())
        if self.srx:
            dev.stateful = True
            self.facts["platform"] = "srx"
            self.build_security_filter()
            outside = [i.name for i in dev.interfaces if i.zone is None and "." in i.name
                       and not i.extra.get("oob_management") and not i.name.startswith(("lo0", "irb", "vlan"))
                       and (i.addresses or i.extra.get("address_dhcp"))]
            if outside and self.zones:
                self.facts["interfaces_outside_zones"] = outside
        else:
            self.facts.setdefault("platform", "junos")
        self.oob_ifaces.extend(i.name for i in dev.interfaces if i.extra.get("oob_management"))
        self.finish_management()
        self.safety_net()

    def build_security_filter(self) -> None:
        rules = self.policy_rules
        default, node = self.default_policy
        if default == "permit-all":
            action, note = PERMIT, f"security policies default-policy permit-all (line {node.line})"
        elif default == "deny-all":
            action, note = DENY, f"security policies default-policy deny-all (line {node.line})"
        else:
            if default is not None and node is not None:
                self.warn(node, f"default-policy '{default}' is not permit-all or deny-all: taken as deny-all")
            action, note = DENY, "no default-policy statement: the SRX denies what no policy permits (deny-all)"
        pol = self.policies_node
        filt = Filter("security-policy", "security-policy", list(rules), action, note,
                      default_explicit=default in ("permit-all", "deny-all"),
                      loc=self.loc(pol) if pol is not None else None, stateful=True,
                      zones=tuple(self.zones), extra={"default_policy_line": node.line if node is not None else None})
        self.dev.filters["security-policy"] = filt

    def finish_management(self) -> None:
        m = self.mgmt
        m.log_timestamps = True  # Junos always timestamps syslog messages
        aaa = m.aaa
        remote = [x for x in aaa.login_methods if x in ("tacplus", "radius", "ldaps")]
        if remote:
            aaa.enabled = True
        elif aaa.servers:
            self.mfacts["aaa_servers_unused"] = [s.address for s in aaa.servers]
        # A filter on the loopback's input guards everything addressed to the routing
        # engine: every management service is restricted by it.
        guard = next((f for i in self.dev.interfaces if i.name.split(".")[0] == "lo0"
                      for f in (i.filter_in, i.filter_in6) if f), None)
        if guard is not None:
            for svc in self.services:
                if svc.acl is None:
                    svc.acl = guard
        # SRX: system services answer only where host-inbound-traffic admits them
        zone_ifaces = [(name, svcs) for name, svcs in self.iface_services.items()]
        oob = list(dict.fromkeys(self.oob_ifaces))
        for svc in self.services:
            restricted = list(svc.interfaces)
            if self.srx and self.zones:
                admitted = list(oob)
                for name, svcs in zone_ifaces:
                    if f"!{svc.protocol}" in svcs:
                        continue
                    if svc.protocol in svcs or "all" in svcs:
                        admitted.append(name)
                if restricted:
                    admitted = [a for a in admitted if a in restricted or a.split(".")[0] in restricted]
                svc.interfaces = admitted
                if not admitted:
                    svc.enabled = False
                    svc.note = ((svc.note + "; ") if svc.note else "") + (
                        "enabled under system services, but no interface admits it "
                        "(no zone's host-inbound-traffic allows it)")
            m.services.append(svc)

    def safety_net(self) -> None:
        """A defined structure nothing refers to, but named inside a hierarchy we do
        not model, gets a 'mentioned' reference: never claim unused on account of
        syntax this parser does not read."""
        referred = {(r.kind, r.name) for r in self.dev.references}
        pending = {o.name: o for o in self.dev.objects if (o.kind, o.name) not in referred}
        if not pending or not self.unmodelled:
            return
        found: dict[str, Node] = {}
        for top in self.unmodelled:
            if top.name in pending and top.name not in found:
                found[top.name] = top
            for nd in top.walk():
                if nd.name in pending and nd.name not in found:
                    found[nd.name] = nd
        for name, nd in found.items():
            obj = pending[name]
            self.dev.refer(obj.kind, name, self.loc(nd, False), "mentioned")


PARSER = JunosParser()
