"""The PAN-OS configuration elements the PAN-OS parser (parsers/paloalto_panos.py) knows.

One nested table, walked once by `_Run.audit`: every element the parser walks is
either understood, or on this table as a real PAN-OS element that carries no meaning
for our checks, or it becomes a `parse-warning` (NL001) at its own line naming its
XPath (contract section 2: nothing silently dropped). A typo such as `<disable-telent>`
under `deviceconfig/system/service`, or an element of a newer PAN-OS release, is
therefore reported, not skipped.

How to read the table
---------------------
A container is a dict: child tag -> what that child is.

* `V`   a value the parser reads (text); element children under it are reported.
* `M`   a `<member>` list the parser reads; other children are reported.
* `IGN` a real PAN-OS element with no meaning for netlint's checks (GUI preferences,
        report layouts, threat-profile contents, routing-protocol timers...): known,
        kept silent, and its contents are not walked. Every IGN says why in a comment
        or is part of a commented group.
* a dict: a container the parser walks; its children are checked in turn.
* the key `"member"` in a dict: `<member>` children are allowed there too.
* the key `"*"`: any child tag, described by its value (names chosen by the user).

An element the table lists once per container (anything but `entry` and `member`) that
appears twice is reported too (in a security rule the first is read); a `M` list written
as text (`<source>10.0.0.1</source>`) is reported and read as one member.

Element names come from the PAN-OS XML API schema as published in Palo Alto
Networks' own SDKs and templates (pan-os-python, pango / pan-os-codegen, the
IronSkillet day-one templates), the PAN-OS web interface help and administrator's
guides (10.1-11.1), and real running configurations read while writing this table
(never copied into the repository). `SCHEMA_SOURCES` below says which part came from
where; `schema_counts()` gives the numbers the test-suite and the docs quote.
"""

from __future__ import annotations

V = "value"  # read by the parser
M = "members"  # a <member> list read by the parser
IGN = "ignored"  # known PAN-OS element, no meaning for the checks: not walked

SCHEMA_SOURCES = {
    "objects, policies, zones, interfaces, routes, log settings, server profiles":
        "pan-os-python (panos/*.py XPaths), pan-os-codegen specs, IronSkillet templates",
    "deviceconfig/system, deviceconfig/setting, mgt-config":
        "pango general settings, pan-os-python SystemSettings/Administrator, PAN-OS admin guide",
    "Panorama device groups, templates, readonly":
        "pan-os-python panorama.py, Panorama admin guide, pan-os-php sample configurations",
}

# --------------------------------------------------------------------------- shared pieces

# <profile-setting> of a security rule or a default rule.
PROFILE_SETTING = {
    "group": M,
    "profiles": {
        "virus": M, "spyware": M, "vulnerability": M, "url-filtering": M, "file-blocking": M,
        "wildfire-analysis": M, "data-filtering": M,
        "gtp": M, "sctp": M,  # mobile-network (GTP/SCTP) protection profiles: carried like the others
    },
}

# Panorama <target> of a rule: which managed firewalls receive it.
TARGET = {
    "devices": {"entry": {"vsys": {"entry": IGN}}},
    "negate": V,
    "tags": M,
}

# A security rule (rulebase/security/rules/entry, pre- and post-rulebases alike).
SECURITY_RULE = {
    "from": M, "to": M, "source": M, "destination": M, "source-user": M, "category": M,
    "application": M, "service": M, "source-hip": M, "destination-hip": M, "hip-profiles": M,
    "action": V, "log-start": V, "log-end": V, "log-setting": V, "description": V, "tag": M,
    "disabled": V, "schedule": V, "negate-source": V, "negate-destination": V, "rule-type": V,
    "profile-setting": PROFILE_SETTING, "group-tag": V, "target": TARGET,
    "uuid": IGN,  # the rule's UUID is read from its `uuid` attribute
    # 5G security (PAN-OS 10.x): subscriber / equipment / network-slice conditions, layer-7
    # like source-user (an allow assumed to match, a deny assumed not to)
    "source-imei": M, "source-imsi": M, "source-nw-slice": M,
    # Known, no meaning for the packet model or the checks:
    "option": IGN,  # disable-server-response-inspection (threat inspection tuning)
    "qos": IGN,  # DSCP / IP precedence marking of matched traffic
    "icmp-unreachable": IGN,  # send ICMP unreachable on drop/reset
    "disable-inspect": IGN,  # Prisma Access / SD-WAN inspection bypass flag
    "audit-comment": IGN,  # rule audit comment (PAN-OS 9.0+, normally kept outside the config)
}

DEFAULT_RULE = {  # rulebase/default-security-rules/rules/entry
    "action": V, "log-start": V, "log-end": V, "log-setting": V, "profile-setting": PROFILE_SETTING,
    "tag": IGN, "group-tag": IGN, "uuid": IGN, "icmp-unreachable": IGN,  # labels / reject tuning
}

# NAT rules: an inventory (facts['nat']); the translated addresses are read.
_TRANSLATED = {"translated-address": M, "interface-address": {"interface": V, "ip": V, "floating-ip": V},
               "fallback": IGN}  # dynamic-ip fallback pool (kept with the primary pool's addresses)
NAT_RULE = {
    "from": M, "to": M, "source": M, "destination": M, "service": V, "to-interface": V, "disabled": V,
    "source-translation": {
        "dynamic-ip-and-port": _TRANSLATED,
        "dynamic-ip": _TRANSLATED,
        "static-ip": {"translated-address": V, "bi-directional": V},
    },
    "destination-translation": {"translated-address": V, "translated-port": V, "dns-rewrite": IGN},
    "dynamic-destination-translation": {"translated-address": V, "translated-port": V, "distribution": IGN},
    "tag": M, "group-tag": V, "target": TARGET,
    # Known, no meaning for the checks:
    "description": IGN, "nat-type": IGN,  # ipv4 / nat64 / nptv6
    "active-active-device-binding": IGN,  # HA active/active ownership
    "uuid": IGN, "audit-comment": IGN,
}

# The rules of the rulebases we do not model as packet filters: their object references
# are scanned (objects used there are not "unused"), the rest has no meaning for the checks.
_OTHER_RULES = {"rules": {"entry": IGN}}

RULEBASE = {
    "security": {"rules": {"entry": SECURITY_RULE}},
    "default-security-rules": {"rules": {"entry": DEFAULT_RULE}},
    "nat": {"rules": {"entry": NAT_RULE}},
    # Recognised, not modelled (see the parser's docstring): decryption, policy-based
    # forwarding, QoS marking, application override, authentication (captive-portal in
    # PAN-OS < 8.0), DoS protection, tunnel inspection, SD-WAN, network packet broker.
    "decryption": _OTHER_RULES, "pbf": _OTHER_RULES, "qos": _OTHER_RULES,
    "application-override": _OTHER_RULES, "authentication": _OTHER_RULES,
    "captive-portal": _OTHER_RULES, "dos": _OTHER_RULES, "tunnel-inspect": _OTHER_RULES,
    "sdwan": _OTHER_RULES, "network-packet-broker": _OTHER_RULES,
}

# --------------------------------------------------------------------------- objects

_OVERRIDE = {"disable-override": IGN}  # Panorama: may a device group override the object

ADDRESS = {"ip-netmask": V, "ip-range": V, "ip-wildcard": V, "fqdn": V, "description": V, "tag": M, **_OVERRIDE}
ADDRESS_GROUP = {"static": M, "dynamic": {"filter": V}, "description": V, "tag": M, **_OVERRIDE,
                 "member": M}  # PAN-OS < 6.1: the members directly under the entry
_PORTS = {"port": V, "source-port": V,
          "override": IGN}  # per-service session timeouts
SERVICE = {"protocol": {"tcp": _PORTS, "udp": _PORTS, "sctp": _PORTS}, "description": V, "tag": M, **_OVERRIDE}
SERVICE_GROUP = {"members": M, "tag": M, **_OVERRIDE, "member": M}  # PAN-OS < 6.1: members directly
CUSTOM_APPLICATION = {
    "default": {
        "port": M,
        "ident-by-ip-protocol": V,
        "ident-by-icmp-type": {"type": V, "code": V},
        "ident-by-icmp6-type": {"type": V, "code": V},
    },
    "description": V, "tag": M, **_OVERRIDE,
    # App-ID attributes (used by application filters and reports, not by the packet model):
    "category": IGN, "subcategory": IGN, "technology": IGN, "risk": IGN, "parent-app": IGN,
    "evasive-behavior": IGN, "consume-big-bandwidth": IGN, "used-by-malware": IGN,
    "able-to-transfer-file": IGN, "has-known-vulnerability": IGN, "tunnel-other-application": IGN,
    "tunnel-applications": IGN, "prone-to-misuse": IGN, "pervasive-use": IGN, "file-type-ident": IGN,
    "virus-ident": IGN, "data-ident": IGN, "spyware-ident": IGN, "no-appid-caching": IGN,
    "alg-disable-capability": IGN,
    # session timeouts of the custom application:
    "timeout": IGN, "tcp-timeout": IGN, "udp-timeout": IGN, "tcp-half-closed-timeout": IGN,
    "tcp-time-wait-timeout": IGN,
    "signature": IGN,  # the pattern-match signature that identifies it (layer 7)
}
APPLICATION_GROUP = {"members": M, "member": M, "tag": M, **_OVERRIDE}  # PAN-OS < 7: members directly
# An application filter matches App-IDs by their attributes at run time: always unmapped
# for the packet model, so its criteria are known and not walked.
APPLICATION_FILTER = {k: IGN for k in (
    "category subcategory technology risk evasive excessive-bandwidth-use prone-to-misuse is-saas "
    "transfers-files tunnels-other-apps used-by-malware has-known-vulnerabilities pervasive tagging "
    "exclude new-appid saas-certifications saas-risk disable-override").split()}
SCHEDULE = {"schedule-type": {"recurring": IGN,  # recurring: never expires, the days are not needed
                              "non-recurring": M}, **_OVERRIDE}
TAG = {"color": IGN, "comments": IGN, **_OVERRIDE}  # display colour and comment of a tag
# External dynamic lists are fetched at run time (unresolved for the model): type/URL/
# refresh/certificate profile/credentials are known and not walked.
EXTERNAL_LIST = {"type": IGN, "description": IGN, **_OVERRIDE}
REGION = {"address": M, "geo-location": IGN}  # map coordinates of a custom region
PROFILE_GROUP = {
    "virus": M, "spyware": M, "vulnerability": M, "url-filtering": M, "file-blocking": M,
    "wildfire-analysis": M, "data-filtering": M, "gtp": M, "sctp": M, **_OVERRIDE,
}
DYNAMIC_USER_GROUP = {"filter": IGN,  # tag filter resolved at run time (User-ID)
                      "description": IGN, "tag": M, **_OVERRIDE}

# Objects > Security Profiles and custom objects: names are defined (rules refer to
# them); their contents (signatures, actions, file types, URL lists) have no meaning
# for the packet model.
SECURITY_PROFILES = {t: {"entry": IGN} for t in (
    "virus spyware vulnerability url-filtering file-blocking wildfire-analysis data-filtering "
    "dos-protection custom-url-category data-objects decryption gtp sctp hip-objects hip-profiles "
    "mobile-network-protection dns-security sdwan-path-quality sdwan-saas-quality "
    "sdwan-traffic-distribution sdwan-error-correction").split()}

# --------------------------------------------------------------------------- log settings and server profiles

MATCH_LIST = {"match-list": {"entry": {
    "send-syslog": M, "send-to-panorama": V,
    # which logs the match list forwards (log type, filter expression) and its comment: a
    # profile is taken as forwarding to its syslog servers whatever they select
    "log-type": IGN, "filter": IGN, "description": IGN,
    "send-snmptrap": IGN, "send-email": IGN, "send-http": IGN,  # other destinations (no remote syslog)
    "actions": IGN,  # automated actions (tagging, integrations)
    "quarantine": IGN, "action-desc": IGN,
}}}
LOG_FORWARDING_PROFILE = {
    "match-list": MATCH_LIST["match-list"],
    "description": IGN,  # a comment
    "enhanced-application-logging": IGN,  # Cortex Data Lake enhanced logs
    **_OVERRIDE,
}
SYSLOG_SERVER = {"server": V, "transport": V, "port": V,
                 "format": IGN, "facility": IGN}  # BSD / IETF message format, syslog facility
SYSLOG_PROFILE = {"server": {"entry": SYSLOG_SERVER},
                  "format": IGN,  # custom log formats per log type
                  "escaping": IGN}  # characters escaped in custom formats
# Trap receivers: their address is read (Management.facts['snmp_trap_servers']); the
# credentials the firewall sends traps with are not modelled.
_TRAP_CREDENTIALS = {k: IGN for k in "community user engineid authpwd privpwd authproto privproto".split()}
SNMPTRAP_PROFILE = {"version": {
    "v2c": {"server": {"entry": {"manager": V, **_TRAP_CREDENTIALS}}},
    "v3": {"server": {"entry": {"manager": V, **_TRAP_CREDENTIALS}}},
}}
LOG_SETTINGS = {
    "syslog": {"entry": SYSLOG_PROFILE},
    "snmptrap": {"entry": SNMPTRAP_PROFILE},
    "profiles": {"entry": LOG_FORWARDING_PROFILE},
    "config": MATCH_LIST, "system": MATCH_LIST,
    # Other log types forwarded from Device > Log Settings: their match lists are read for
    # references to syslog profiles, the forwarding itself is not a check's concern.
    "userid": MATCH_LIST, "hipmatch": MATCH_LIST, "iptag": MATCH_LIST, "globalprotect": MATCH_LIST,
    "correlation": MATCH_LIST, "gtp": MATCH_LIST, "auth": MATCH_LIST, "sctp": MATCH_LIST,
    "decryption": MATCH_LIST, "tunnel": MATCH_LIST, "traffic": MATCH_LIST, "threat": MATCH_LIST,
    # Other destinations and settings:
    "email": IGN, "http": IGN,  # e-mail and HTTP server profiles (alerts, not a log archive)
    "netflow": IGN,  # NetFlow collectors (statistics, not logs)
    "cc-alarm": IGN,  # Common Criteria alarm thresholds
    "notification": IGN,  # GUI notification settings
    "alarm": IGN,  # alarm log settings
}

_AAA_SERVER = {"ip-address": V, "address": V, "host": V, "secret": V,
               "port": IGN}  # the model keeps no AAA server port
SERVER_PROFILE = {
    "tacplus": {"entry": {"server": {"entry": _AAA_SERVER},
                          "protocol": IGN,  # CHAP / PAP
                          "timeout": IGN, "use-single-connection": IGN,
                          "admin-use-only": IGN}},  # limit the profile to administrator logins
    "radius": {"entry": {"server": {"entry": _AAA_SERVER},
                         "protocol": IGN,  # PAP / CHAP / PEAP / EAP-TTLS settings
                         "timeout": IGN, "retries": IGN, "admin-use-only": IGN}},
    "ldap": {"entry": {"server": {"entry": _AAA_SERVER},
                       # directory settings (base DN, bind DN and password, TLS verification, timeouts)
                       **{k: IGN for k in ("ldap-type base bind-dn bind-password bind-timelimit timelimit "
                                           "retry-interval ssl verify-server-certificate disabled "
                                           "admin-use-only").split()}}},
    "kerberos": {"entry": {"server": {"entry": _AAA_SERVER}, "realm": IGN, "domain": IGN,
                           "admin-use-only": IGN}},
    # Identity providers and other server profiles: no AAA server address to keep.
    "saml-idp": IGN, "mfa-server-profile": IGN, "scep": IGN, "netflow": IGN, "dhcp": IGN,
}
_AUTH_METHOD = {m: {"server-profile": V,
                    # attributes, realms, certificates of the method
                    **{k: IGN for k in ("checkgroup login-attribute passwd-exp-days realm "
                                        "request-signing-certificate enable-single-logout certificate-profile "
                                        "attribute-name-username attribute-name-usergroup "
                                        "attribute-name-admin-role attribute-name-access-domain").split()}}
                for m in ("radius", "tacplus", "ldap", "kerberos", "saml-idp")}
_AUTH_METHOD.update({"local-database": IGN, "none": IGN, "cloud": IGN})  # no server to name
AUTHENTICATION_PROFILE = {
    "method": _AUTH_METHOD,
    "multi-factor-auth": {"mfa-enable": V, "factors": IGN},  # which MFA server profiles
    "lockout": {"failed-attempts": V, "lockout-time": V},
    "allow-list": M,
    # user name handling, Kerberos SSO:
    "user-domain": IGN, "username-modifier": IGN, "single-sign-on": IGN,
    "user-group": IGN,  # (PAN-OS < 8) allowed user groups
}

# --------------------------------------------------------------------------- shared, vsys, device group

_OBJECTS = {
    "address": {"entry": ADDRESS}, "address-group": {"entry": ADDRESS_GROUP},
    "service": {"entry": SERVICE}, "service-group": {"entry": SERVICE_GROUP},
    "application": {"entry": CUSTOM_APPLICATION}, "application-group": {"entry": APPLICATION_GROUP},
    "application-filter": {"entry": APPLICATION_FILTER}, "schedule": {"entry": SCHEDULE},
    "tag": {"entry": TAG}, "external-list": {"entry": EXTERNAL_LIST}, "region": {"entry": REGION},
    "profile-group": {"entry": PROFILE_GROUP}, "dynamic-user-group": {"entry": DYNAMIC_USER_GROUP},
    "profiles": SECURITY_PROFILES,
    "log-settings": LOG_SETTINGS,
}

_SETTINGS = {
    "server-profile": SERVER_PROFILE,
    "authentication-profile": {"entry": AUTHENTICATION_PROFILE},
    "certificate": {"entry": {"not-valid-after": V, "expiry-epoch": V, "common-name": V,
                              # the certificate itself and its metadata
                              **{k: IGN for k in ("subject-hash issuer-hash not-valid-before issuer subject "
                                                  "public-key private-key algorithm ca csr common-name-int "
                                                  "subject-int issuer-int revoke-date-epoch status "
                                                  "alternate-email").split()}}},
    "ssl-tls-service-profile": {"entry": {"protocol-settings": {"min-version": V, "max-version": V,
                                                                 # which ciphers/key exchanges are offered
                                                                 "*": IGN},
                                          "certificate": IGN}},
}

# Known sections of shared / vsys / device group with no meaning for the checks.
_OTHER_SECTIONS = {k: IGN for k in (
    # application identification data and overrides
    "application-tag application-status alg-override override threats content-preview "
    # reports and their delivery
    "reports report-group pdf-summary-report email-scheduler "
    # user identification and its sources
    "user-id-collector group-mapping ts-agent redistribution-agent redistribution-profile "
    "vm-info-source device-object cloud-identity-engine "
    # certificates, authentication sequences, response pages, local users (the admins live
    # in mgt-config), OCSP/SCEP, decryption settings
    "certificate-profile authentication-sequence authentication-object local-user-database "
    "response-page ocsp-responder scep local-scep-cert ssl-decrypt decryption-profile edl-certificate "
    "mfa-server-profile tls-service-profile "
    # admin roles (referenced by admins; their GUI permissions are not modelled)
    "admin-role "
    # HIP objects/profiles (referenced by rules as layer-7 conditions)
    "hip-objects hip-profiles "
    # botnet report, URL admin override, SD-WAN profiles, Panorama shared leftovers
    "botnet url-admin-override sdwan-error-correction-profile sdwan-path-quality-profile "
    "sdwan-saas-quality-profile sdwan-traffic-distribution-profile saas-quality-profile "
    "devices default-security-rules display-name").split()}

SHARED = {**_OTHER_SECTIONS, **_OBJECTS, **_SETTINGS,
          "pre-rulebase": RULEBASE, "post-rulebase": RULEBASE}

ZONE = {
    "network": {
        "layer3": M, "layer2": M, "virtual-wire": M, "tap": M, "tunnel": M, "external": M,
        "zone-protection-profile": V, "log-setting": V,
        "enable-packet-buffer-protection": IGN,  # DoS buffer protection per zone
        "net-inspection": IGN,  # inspection of tunnelled traffic
    },
    "enable-user-identification": V,
    "user-acl": IGN, "device-acl": IGN,  # include/exclude lists of User-ID and Device-ID
    "enable-device-identification": IGN,
}

_GLOBAL_PROTECT = {
    # Walked as a whole by the parser for authentication / certificate / SSL-TLS profiles
    # and tunnel interfaces: known containers, their contents are GlobalProtect agent settings.
    "global-protect-portal": {"entry": IGN},
    "global-protect-gateway": {"entry": IGN},
    "global-protect-mdm": IGN, "clientless-app": IGN, "clientless-app-group": IGN,
}

VSYS = {
    **_OTHER_SECTIONS, **_OBJECTS, **_SETTINGS,
    "zone": {"entry": ZONE},
    "rulebase": RULEBASE,
    "import": {"network": {"interface": M,  # the vsys of each interface
                           # other resources imported into the vsys (their own configuration is
                           # read where it is defined; which vsys holds them is not needed)
                           "vlan": IGN, "virtual-wire": IGN, "virtual-router": IGN, "logical-router": IGN},
               "visible-vsys": IGN, "dns-proxy": IGN,  # vsys visibility, the vsys's DNS proxy
               "resource": IGN},  # session/rule limits per vsys
    "global-protect": _GLOBAL_PROTECT,
    "setting": IGN,  # vsys settings (decryption forwarding, ...)
    "captive-portal": IGN,  # authentication portal settings
    "display-name": IGN,
}

DEVICE_GROUP = {
    **_OTHER_SECTIONS, **_OBJECTS, **_SETTINGS,
    "pre-rulebase": RULEBASE, "post-rulebase": RULEBASE,
    "devices": IGN,  # serial numbers of the member firewalls
    "description": IGN, "reference-templates": IGN, "master-device": IGN, "authorization-code": IGN,
    "to-sw-version": IGN,
}

# --------------------------------------------------------------------------- network

_IP = {"entry": {"sdwan-gateway": IGN}}  # address entries (the name is the address)
_IPV6 = {
    "address": {"entry": {"enable-on-interface": IGN, "prefix": IGN, "anycast": IGN, "advertise": IGN}},
    # IPv6 neighbour discovery, router advertisement, DHCPv6: no security meaning here
    "enabled": IGN, "interface-id": IGN, "neighbor-discovery": IGN, "dhcp-client": IGN, "inherited": IGN,
}
_L3 = {
    "ip": _IP, "ipv6": _IPV6, "interface-management-profile": V,
    "dhcp-client": IGN,  # address learnt from DHCP (extra['dhcp_client'])
    "pppoe": IGN,  # PPPoE client (extra['pppoe'])
    "comment": V, "tag": V,
    # link, MTU, MSS, NetFlow, LLDP, NDP proxy, ARP, QoS, SD-WAN, DDNS, decryption mirror,
    # bonjour: no security meaning for the checks
    **{k: IGN for k in ("mtu adjust-tcp-mss netflow-profile lldp ndp-proxy arp untagged-sub-interface "
                        "lacp decrypt-forward policing sdwan-link-settings ddns-config bonjour dhcp-server "
                        "cluster-interconnect traffic-interconnect").split()},
}
_UNITS3 = {"entry": _L3}
_L2_UNIT = {"entry": {"tag": V, "comment": V, "netflow-profile": IGN, "lldp": IGN}}
ETHERNET = {
    "layer3": {**_L3, "units": _UNITS3},
    "layer2": {"units": _L2_UNIT, "netflow-profile": IGN, "lldp": IGN},
    "virtual-wire": {"units": _L2_UNIT, "netflow-profile": IGN, "lldp": IGN, "lacp": IGN},
    "aggregate-group": V, "comment": V, "link-state": V,
    # other interface types: no security policy on them
    "tap": IGN, "ha": IGN, "decrypt-mirror": IGN, "log-card": IGN,
    # physical settings
    "link-speed": IGN, "link-duplex": IGN, "lacp": IGN, "poe": IGN, "lldp": IGN,
}
_LOGICAL = {**_L3, "units": _UNITS3}  # loopback, tunnel and VLAN interfaces
INTERFACE = {
    "ethernet": {"entry": ETHERNET},
    "aggregate-ethernet": {"entry": ETHERNET},
    "loopback": _LOGICAL, "tunnel": _LOGICAL, "vlan": _LOGICAL,
    # HA, auxiliary, cellular, SD-WAN and fail-open ports: no transit policy on them
    "sdwan": IGN, "ha1": IGN, "ha1-backup": IGN, "ha2": IGN, "ha2-backup": IGN, "ha3": IGN,
    "aux1": IGN, "aux2": IGN, "cellular": IGN, "fail-open": IGN, "tunnel-group": IGN, "ethernet-ha": IGN,
}
_STATIC_ROUTE = {"entry": {
    "destination": V, "interface": V, "admin-dist": V,
    "nexthop": {"ip-address": V, "ipv6-address": V, "fqdn": V, "next-vr": V, "next-lr": V, "discard": V,
                "receive": V},
    # route metric, monitoring and BFD: not needed for zone reachability
    "metric": IGN, "route-table": IGN, "path-monitor": IGN, "bfd": IGN, "option": IGN,
}}
_ROUTING_TABLE = {"ip": {"static-route": _STATIC_ROUTE}, "ipv6": {"static-route": _STATIC_ROUTE}}
VIRTUAL_ROUTER = {
    "interface": M,
    "routing-table": _ROUTING_TABLE,
    # dynamic routing: enabled protocols are listed in facts, their settings are not modelled
    "protocol": {p: IGN for p in "bgp ospf ospfv3 rip redist-profile redist-profile-ipv6".split()},
    "admin-dists": IGN, "ecmp": IGN, "multicast": IGN,  # distances, ECMP, multicast routing
}
LOGICAL_ROUTER = {
    "vrf": {"entry": {
        "interface": M, "routing-table": _ROUTING_TABLE,
        # dynamic routing, distances, ECMP, multicast of the VRF
        **{k: IGN for k in ("bgp ospf ospfv3 rip ecmp admin-dists multicast rib-filter "
                            "administrative-distances").split()},
    }},
}
NETWORK = {
    "interface": INTERFACE,
    "profiles": {
        "interface-management-profile": {"entry": {
            "telnet": V, "ssh": V, "http": V, "https": V, "snmp": V, "ping": V, "http-ocsp": V,
            "response-pages": V, "userid-service": V, "userid-syslog-listener-ssl": V,
            "userid-syslog-listener-udp": V,
            "permitted-ip": {"entry": {"description": IGN}},  # the entry name is the address
        }},
        "zone-protection-profile": {"entry": IGN},  # flood / reconnaissance / packet-based settings
        # other network profiles: monitoring, LLDP, BFD, QoS, tunnel monitor, SD-WAN
        **{k: IGN for k in ("monitor-profile lldp-profile bfd-profile qos-profile tunnel-monitor "
                            "sdwan-interface-profile").split()},
    },
    "virtual-router": {"entry": VIRTUAL_ROUTER},
    "logical-router": {"entry": LOGICAL_ROUTER},
    "ike": {
        "gateway": {"entry": {"protocol": {"version": V, "ikev1": IGN, "ikev2": IGN},
                              # peer, authentication, local address and NAT-T details
                              **{k: IGN for k in ("authentication local-address peer-address "
                                                  "protocol-common local-id peer-id disabled comment "
                                                  "ipv6").split()}}},
        "crypto-profiles": IGN,  # IKE / IPsec / GlobalProtect crypto proposals
    },
    "tunnel": {"ipsec": {"entry": IGN},  # tunnel details (gateway, proxy IDs, monitors)
               "gre": IGN, "global-protect-gateway": IGN, "global-protect-site-to-site": IGN},
    # Other network configuration with no meaning for the checks: QoS, DHCP, DNS proxy,
    # shared gateways, LLDP, virtual wires and VLAN objects (their interfaces are read from
    # the interfaces), routing profiles, GRE, SD-WAN, LACP.
    **{k: IGN for k in ("qos dhcp dns-proxy shared-gateway lldp virtual-wire vlan routing-profile "
                        "gre-tunnel sdwan-interface-profile lacp").split()},
}

# --------------------------------------------------------------------------- deviceconfig

_NTP_SERVER = {
    "ntp-server-address": V,
    "authentication-type": {"none": V, "autokey": V, "symmetric-key": {
        "key-id": IGN, "algorithm": IGN}},  # the key and its algorithm (secret material)
}
_SNMP_USER = {"view": IGN,  # the MIB view the user may read
              "authpwd": V, "privpwd": V, "authproto": V, "privproto": V}
SNMP_SETTING = {
    "access-setting": {"version": {
        "v2c": {"snmp-community-string": V},
        "v3": {"users": {"entry": _SNMP_USER},
               "views": IGN},  # MIB views (OID include/exclude lists)
        "v1": IGN,  # (PAN-OS < 8) SNMPv1 with a community
    }},
    "snmp-system": {"location": V, "contact": V, "send-event-specific-traps": V},
}
SYSTEM_SERVICE = {
    # the management services of the MGT port (parsers/paloalto_panos.MGT_SERVICES)
    "disable-telnet": V, "disable-http": V, "disable-https": V, "disable-ssh": V, "disable-snmp": V,
    "disable-icmp": V, "disable-http-ocsp": V, "disable-userid-service": V,
    "disable-userid-syslog-listener-ssl": V, "disable-userid-syslog-listener-udp": V,
}
SYSTEM = {
    "hostname": V, "domain": V, "timezone": V, "update-server": V, "server-verification": V,
    "ip-address": V, "netmask": V, "default-gateway": V, "ipv6-address": V, "ipv6-default-gateway": V,
    "sw-version": V, "model": V,
    "login-banner": V, "ack-login-banner": V,
    "motd-and-banner": {
        "message": V, "banner-header": V,
        # colours, titles and display options of the banners
        **{k: IGN for k in ("motd-enable motd-do-not-display-again motd-title motd-color severity "
                            "banner-header-color banner-header-text-color banner-header-footer-match "
                            "banner-footer banner-footer-color banner-footer-text-color").split()},
    },
    "ntp-servers": {"primary-ntp-server": _NTP_SERVER, "secondary-ntp-server": _NTP_SERVER},
    "dns-setting": {"servers": {"primary": V, "secondary": V},
                    "dns-proxy-object": IGN},  # DNS proxy used for the device's own lookups
    "dns-primary": V, "dns-secondary": V,  # PAN-OS < 6.1 spelling
    "permitted-ip": {"entry": {"description": IGN}},  # the entry name is the address; a comment
    "service": SYSTEM_SERVICE,
    "snmp-setting": SNMP_SETTING,
    "authentication-profile": V, "ssl-tls-service-profile": V,
    "panorama-server": V, "panorama-server-2": V,
    "panorama": {"local-panorama": {"panorama-server": V, "panorama-server-2": V},
                 "cloud-service": IGN},  # Panorama as a cloud service
    # what is updated when (daily/weekly/hourly/every-N-mins, action, threshold)
    "update-schedule": {t: IGN for t in (
        "threats anti-virus wildfire url-database global-protect-datafile global-protect-clientless-vpn "
        "app-profile wf-private statistics-service").split()},
    # Known, no meaning for the checks:
    "type": IGN,  # static / dhcp-client addressing of the MGT port
    "speed-duplex": IGN, "mtu": IGN,  # MGT port link settings
    "geo-location": IGN, "locale": IGN,
    "certificate-profile": IGN,  # client certificates for web-interface admins
    "ssh": IGN,  # SSH server profiles (ciphers, key exchange, MACs, rekey)
    "route": IGN,  # service routes (source interface of DNS, NTP, syslog... traffic)
    "secure-proxy-server": IGN, "secure-proxy-port": IGN, "secure-proxy-user": IGN,
    "secure-proxy-password": IGN,  # proxy for updates and cloud services
    "device-telemetry": IGN, "log-export-schedule": IGN, "log-link": IGN, "hsm-settings": IGN,
    "fqdn-refresh-time": IGN, "fqdn-stale-entry-timeout": IGN, "fqdn-forcerefresh-time": IGN,
    "domain-lookup-url": IGN, "ip-address-lookup-url": IGN, "syslog-certificate": IGN,
    "web-server-certificate": IGN, "snmp-trap-receivers": IGN, "mgmt-interface-swap": IGN,
    "auth-key": IGN,  # device registration key for Panorama
    "lcaas-use-proxy": IGN, "device-certificate": IGN, "auto-renew-mkey-lifetime": IGN,
    "config-bundle-export-schedule": IGN,  # Panorama: scheduled configuration export
    "management": IGN,  # device monitoring sent to Panorama
    "hostname-type-in-syslog": IGN, "ssl-tls-service-profile-sessions": IGN,
    "dhcp-send-hostname": IGN, "dhcp-send-client-id": IGN, "accept-dhcp-hostname": IGN,
    "accept-dhcp-domain": IGN,
}
SETTING = {
    "management": {
        "idle-timeout": V,
        "admin-lockout": {"failed-attempts": V, "lockout-time": V},
        # report, quota, logging, API and commit-lock settings of the management plane
        **{k: IGN for k in (
            "api auto-acquire-commit-lock disable-predefined-reports enable-log-high-dp-load "
            "enable-reporting-on-groups hostname-type-in-syslog max-rows-in-csv-export "
            "max-rows-in-pdf-report max-audited-config-versions quota-settings "
            "share-unused-objects-with-devices storage-partition browse-activity-report-setting "
            "common-criteria-alarm-generation report-run-time panorama-tcp-receive-timeout-for-cmd "
            "panorama-tcp-send-timeout panorama-ssl-send-retries enable-certificate-expiration-check "
            "large-core advanced-routing rule-require-tag rule-require-description rule-require-audit-comment "
            "rule-fail-commit rule-audit-comment-regex rule-hit-count usage-tracking "
            "device-monitoring traffic-stop-alarm-threshold secure-conn-client secure-conn-server "
            "admin-session maximum-commits-queued").split()},
    },
    # data-plane and feature settings with no meaning for the checks
    **{k: IGN for k in (
        "application config ctd custom-logo logging session ssl-decrypt tcp wildfire advance-routing "
        "captive-portal dhcp-syslog-server global-protect icmpv6-rate-limit jumbo-frame l3-service "
        "nat nat64 packet pan-url-db tunnel-acceleration url vpn zip util filter-ip dns-resolver "
        "lcaas auto-mac-detect http2 iot dos").split()},
}
DEVICECONFIG = {
    "system": SYSTEM,
    "setting": SETTING,
    "high-availability": {"enabled": V,
                          "group": {"mode": {"active-passive": IGN, "active-active": IGN},
                                    "*": IGN},  # peers, links, election settings
                          "interface": IGN},  # HA1/HA2/HA3 ports
    "plugins": IGN,  # VM-series / cloud plugin settings
}

DEVICE = {
    "deviceconfig": DEVICECONFIG,
    "network": NETWORK,
    "vsys": {"entry": VSYS},
    "device-group": {"entry": DEVICE_GROUP},
    "platform": IGN,  # hardware settings (fan, power, jumbo frames on some platforms)
    # Panorama: templates and stacks (configuration for firewalls, not merged here: the
    # template names are in facts), log collectors, WildFire appliances, plugins
    "template": IGN, "template-stack": IGN, "log-collector": IGN, "log-collector-group": IGN,
    "wildfire-appliance": IGN, "wildfire-appliance-cluster": IGN, "plugins": IGN,
    # Strata Cloud Manager folder / snippet configuration exports
    "container": IGN, "device": IGN, "snippet": IGN,
}

# --------------------------------------------------------------------------- mgt-config and the root

_ROLE = {"superuser": V, "superreader": V, "panorama-admin": V,
         "deviceadmin": IGN, "devicereader": IGN,  # the devices the role applies to
         "vsysadmin": IGN, "vsysreader": IGN,  # the vsys the role applies to
         "custom": {"profile": V, "vsys": IGN},
         "dg-template-profiles": IGN}  # Panorama device-group / template admin roles
USER = {
    "phash": V, "password": V,
    "permissions": {"role-based": _ROLE},
    "authentication-profile": V, "public-key": V, "client-certificate-only": V, "password-profile": V,
    "preferences": IGN,  # GUI preferences: saved log queries, DNS resolution display
}
PASSWORD_COMPLEXITY = {
    "enabled": V, "minimum-length": V, "minimum-uppercase-letters": V, "minimum-lowercase-letters": V,
    "minimum-numeric-letters": V, "minimum-special-characters": V, "block-repeated-characters": V,
    "block-username-inclusion": V, "new-password-differs-by-characters": V,
    "password-change-on-first-login": V, "password-history-count": V, "password-change-period-block": V,
    "password-change": {"expiration-period": V, "expiration-warning-period": V,
                        "post-expiration-admin-login-count": V, "post-expiration-grace-period": V},
}
MGT_CONFIG = {
    "users": {"entry": USER},
    "password-complexity": PASSWORD_COMPLEXITY,
    "password-profile": {"entry": {"password-change": PASSWORD_COMPLEXITY["password-change"]}},
    "devices": IGN,  # Panorama: managed firewalls (serial numbers, auto-push)
    "access-domain": IGN,  # Panorama: which device groups / templates an admin may change
}

# Panorama-pushed rules in a firewall's merged configuration, and the Panorama's own settings.
PANORAMA = {
    "vsys": {"entry": {"pre-rulebase": RULEBASE, "post-rulebase": RULEBASE,
                       # other pushed sections: their objects are not loaded (a pushed rule
                       # naming one reports it undefined, never silently)
                       "*": IGN}},
    "log-settings": LOG_SETTINGS,
    **_SETTINGS,
    # Panorama-local settings with no meaning for the checks
    **{k: IGN for k in ("certificate-profile authentication-sequence local-user-database admin-role "
                        "scheduled-config-export log-collector-settings device-monitoring "
                        "ocsp-responder scep response-page user-id-collector").split()},
}

CONFIG = {
    "mgt-config": MGT_CONFIG,
    "shared": SHARED,
    "devices": {"entry": DEVICE},
    "panorama": PANORAMA,
    "readonly": IGN,  # Panorama bookkeeping (the device-group hierarchy is read from it directly)
    "predefined": IGN,  # objects PAN-OS ships (applications, threats)
}

# Roots of snippets (a rulebase without the surrounding configuration).
SNIPPET = {"rulebase": RULEBASE, "security": RULEBASE["security"], "rules": {"entry": SECURITY_RULE},
           "pre-rulebase": RULEBASE, "post-rulebase": RULEBASE}


def schema_counts() -> dict[str, int]:
    """How many distinct element paths the table lists as read (containers, values and
    member lists) and as known-but-ignored. Shared sub-tables are counted once per path
    they appear at, up to depth 12 (the table is a tree of shared dicts, not a graph)."""
    seen: set[int] = set()
    counts = {"read": 0, "ignored": 0, "containers": 0}

    def walk(spec: dict, depth: int) -> None:
        for tag, sub in spec.items():
            if tag == "member":
                continue
            if sub is IGN:
                counts["ignored"] += 1
            elif sub is V or sub is M:
                counts["read"] += 1
            elif isinstance(sub, dict):
                counts["containers"] += 1
                if depth < 12 and id(sub) not in seen:
                    seen.add(id(sub))
                    walk(sub, depth + 1)
                    seen.discard(id(sub))

    walk(CONFIG, 0)
    return counts
