"""Palo Alto Networks PAN-OS parser: the XML running configuration of a firewall
(`running-config.xml`, `show config running` in XML, the API's
`<response><result><config>` wrapper) or of a Panorama, into `netlint.model.Device`.
A fragment whose root is `<rulebase>`, `<security>` or `<rules>` is read as the
rulebase of vsys1 (a snippet).

Reading the XML
---------------
The file is parsed with expat through `defusedxml` (entity declarations and
external references are refused: a billion-laughs file is a `ParseError`, never a
memory blow-up). Our own light tree keeps, for every element, the line of its start
tag and of its end tag (expat's CurrentLineNumber), which is what findings point at
(contract section 3: "for PAN-OS XML: the line of the element"). `<member>` elements
are folded into their parent as plain strings (they are the bulk of a rulebase).
A file that is not well-formed XML (truncated, not XML at all) is one
`ParseError` naming the line where expat stopped.

What is modelled
----------------
* Inventory: hostname (`deviceconfig/system/hostname`), os_version (`sw-version` when
  present, else `<config detail-version=...>`, else `version`), model when a
  `model` element is present.
* Interfaces (ethernet, aggregate-ethernet with layer3/layer2/virtual-wire
  subinterfaces, loopback, tunnel, vlan), their addresses, VLAN tags, comments,
  link-state, the virtual router (or logical router / VRF) that holds them, their
  zone, and the interface management profile bound to them
  (`Interface.management_access` and one `ManagementService` per enabled service on
  that interface, allowed_sources = the profile's permitted-ip). The management
  (MGT) port is the interface `management` (extra['oob_management'] = True: no transit).
* Zones (`vsys/entry/zone`) -> `Device.zones`, `Interface.zone`.
* Static routes of virtual routers and of logical-router VRFs.
* Objects of `shared`, of every vsys and of every Panorama device group, resolved
  with PAN-OS scoping (vsys / device group first, then shared) and cached:
  address (ip-netmask, ip-range, ip-wildcard -> `AddressWildcard`, fqdn ->
  unresolved), address-group (static, nested; dynamic -> unresolved + approximation),
  region (custom regions resolve; country codes are unresolved), external-list
  (unresolved), service / service-group (nested), the predefined `service-http`
  (tcp/80,8080) and `service-https` (tcp/443), application / application-group /
  application-filter, schedule, tag, security profiles and profile groups, log
  forwarding profiles. Every object is `define`d and every use `refer`red;
  predefined names (any, application-default, service-http(s), App-IDs, country
  codes, panw-* EDLs, the predefined security profiles) are never "undefined".
* Security rules -> one `Filter(kind='security-policy')` per vsys: `security` for
  vsys1 (or a lone vsys), `vsysN:security` for the others (whose zone names are
  written `vsysN:zone` everywhere: Device.zones, Interface.zone, rules, filter zones).
  On Panorama, one filter per device group, `<group>:security`. Panorama rules pushed
  into the config are merged in PAN-OS order: shared pre-rulebase, device-group
  pre-rulebase, local rules, device-group post-rulebase, shared post-rulebase.
  The filter is stateful; default_action = interzone-default (deny), intrazone_action
  = intrazone-default (allow); `rulebase/default-security-rules` overrides are honoured
  (default_explicit=True, Filter.extra['default_rules']).
* GlobalProtect portals and gateways -> `Device.remote_access` (kind 'globalprotect',
  name 'portal X' / 'gateway Y', mfa from the authentication profiles - True with
  multi-factor-auth, None for SAML/cloud identity, else False -, client_certificate from
  a certificate profile, auth_method, min_tls from the SSL/TLS service profile,
  tunnel_zone = the zone of the gateway's tunnel interface).
* The management plane: `deviceconfig/system/service` (disable-telnet, -http,
  -https, -ssh, -snmp, -icmp...), `permitted-ip`, login banner, timezone, NTP, DNS,
  SNMP (v2c communities, v3 users), admin users (`mgt-config/users`: phash storage,
  role, privilege 15 for admin roles / 1 for reader roles, public key,
  authentication profile, client-certificate-only and password profile in
  LocalUser.extra), password complexity (Management.password_complexity from its
  `enabled`), authentication profiles and their RADIUS / TACACS+ / LDAP / Kerberos
  server profiles (Aaa), syslog server profiles (LogHost; PAN syslog always carries
  timestamps, so log_timestamps=True), idle timeout (unset: the PAN-OS default of 60
  minutes in Management.idle_timeout_default), admin lockout.

Decisions worth knowing
-----------------------
* Actions: allow -> permit; deny, drop, reset-client, reset-server, reset-both ->
  deny (Rule.vendor_action keeps the word).
* Rule types: universal (default) is exact. intrazone: src_zones = dst_zones = the
  source zones; exact with one zone, otherwise (several zones, or `any`) an
  approximation note says the rule only applies inside one zone. interzone: exact when
  the source and destination zone lists are explicit and disjoint, else noted as an
  approximation (the rule only applies between different zones).
* Services and applications. `application-default`: the union of the applications'
  default ports from `APP_DEFAULTS` (custom applications use their own `default`
  ports). An explicit service (objects, groups, `any`, service-http(s)): the services
  come from the service; the applications then narrow the match to the IP protocols
  (and ICMP types) they run over - an App-ID on an explicit service runs on that
  service's ports, not its default ones (ssl on service-http is ssl on tcp/80,8080;
  ping on a tcp service matches nothing). ICMP travels in IPv4 only and ICMPv6 in IPv6
  only: on a rule whose source or destination addresses are all IPv4 (IPv6), the
  ICMPv6 (ICMP) services of its applications are dropped (`ping` is both echo requests;
  extra['services_other_family'] names what was dropped). `application any` + `service any` is
  ANY_SERVICE; `application any` + `application-default` is ANY_SERVICE with an
  approximation note (each application only on its own default ports).
  Applications we cannot map (App-IDs not in the table, application filters) follow
  Batfish: an allow is assumed to match (its addresses and services; with
  application-default its ports are unknown, so `extra['unresolved_services']`), a
  deny is assumed not to match (`extra['unmapped_applications']`), with
  `Rule.approximations` naming them. A deny that also names mapped applications keeps
  their part and notes the rest.
* Conditions the packet model cannot see - `source-user` (Rule.users), URL
  `category`, source/destination HIP profiles, the 5G conditions `source-imei`,
  `source-imsi` and `source-nw-slice` - are approximations: an allow matches
  as if they held, a deny is assumed not to match (`extra['unmapped_applications']`
  is set, since that is the engine's flag for "a layer-7 condition headers cannot
  show").
* Negation: `negate-source` / `negate-destination` -> AddressSet(negated=True).
* Logging: Rule.log = log-start or log-end (log-end defaults to yes on PAN-OS);
  the log forwarding profile is `extra['log_setting']` (None when the rule forwards
  its logs nowhere).
* Schedules: non-recurring ranges all ended before today -> time_range_expired True;
  recurring schedules never expire (False); an undefined schedule gives None.
* Management services of the MGT port when `deviceconfig/system/service` does not
  mention them: telnet, http and snmp are taken as disabled (factory configurations
  write disable-telnet/disable-http yes and the GUI leaves them unticked), https, ssh
  and ping as enabled; such services have explicit=False.
* Secrets: phash `$1$` md5, `$5$` sha256, `$6$` sha512, other crypt formats 'hash';
  values PAN-OS encrypts with its master key (`-AQ==...`) are 'encrypted'; a plain
  SNMP community is 'plaintext' (a well-known value such as `public` is kept by name).
* AAA: Aaa.enabled when the management authentication profile
  (`deviceconfig/system/authentication-profile`) or any admin's authentication
  profile uses a RADIUS / TACACS+ / LDAP / Kerberos / SAML server profile.
  Aaa.accounting_commands is True when configuration logs are forwarded to a syslog
  server (`shared/log-settings/config`): PAN-OS records every configuration command
  in the config log, its command accounting.

What is recognised but not modelled (silent; object references inside are kept):
NAT (an inventory in facts), decryption, PBF, QoS, application-override,
authentication and DoS rulebases, IKE / IPsec / GlobalProtect details (facts record
whether GlobalProtect portals / gateways exist and whether they require a client
certificate or MFA), threat/security profile contents, reports, certificates,
templates, Panorama `readonly`, routing protocols.

`Device.facts` keys: profile_kinds (the Rule.profiles keys PAN-OS rules can carry),
config_version, detail_version, urldb, vsys (list), snippet,
panorama (True for a Panorama config), device_groups, templates, panorama_servers,
high_availability, hostname_line, model_line, management_ip, management_ipv6, domain, timezone,
dns_servers, update_server, server_verification, update_schedule, zones (name -> vsys,
line, mode, zone_protection_profile, log_setting, user_identification, interfaces), nat
(list of dicts: name, scope, rulebase, line, end_line, from, to, to_interface, source,
destination, service, source_translation, translated_source, translated_interface, bidirectional,
translated_destination, translated_port, disabled), rulebases (vsys or device group ->
rule count per rulebase type), dos_rules, zone_protection_profiles, globalprotect
(portals / gateways: name, vsys, line, authentication_profiles, certificate_profiles,
client_certificate, mfa True/False/None), remote_access_vpn, ike_gateways (name, line,
version), ipsec_tunnels, routing_protocols, security_profiles (type -> names),
log_forwarding_profiles (name -> line, syslog profiles, panorama), certificates,
ssl_tls_service_profiles, mgmt_ssl_tls_service_profile, interface_management_profiles
(name -> line, services, permitted_ip), parse_notes.
`Management.facts` keys: mgmt_permitted_ip, admin_lockout, idle_timeout_default
(seconds, when idle-timeout is not set; also Management.idle_timeout_default),
password_complexity (the settings; `enabled` is also Management.password_complexity),
password_profiles,
authentication_profiles (name -> line, method, server_profile, mfa,
lockout_failed_attempts, lockout_time, allow_list), mgmt_authentication_profile,
users_remote_auth, syslog_profiles (name -> servers), snmp_version, snmp_system,
snmp_trap_servers, ntp_servers_detail (server, role, authentication, line),
config_log_forwarding, system_log_forwarding, login_banner_line, login_banner_ack.
`Rule.extra`: uuid, rulebase (pre|local|post), scope (vsys or device group), rule_type,
zone_pairs_approximate, tags, group_tag, log_start, log_end, log_setting, category,
source_hip, destination_hip, hip_profiles, source_imei, source_imsi, source_nw_slice, service_any (applications named on service
any: an App-ID may use any port), applications_unmapped (names), unmapped_applications
(engine flag), unresolved_services, profile_group, disabled_line, target (Panorama).
`Interface.extra`: mode (layer3|layer2|virtual-wire|tap|ha|aggregate-group|loopback|
tunnel|vlan|management), parent, vsys, aggregate, aggregate_group, dhcp_client, pppoe,
address_objects, management_profile, management_permitted_ip, oob_management.
`Filter.extra`: vsys or device_group, parent_device_groups, default_rules (name ->
action, log_start, log_end, log_setting, profiles, line, overridden).
"""

from __future__ import annotations

import gc
import ipaddress
import re
from datetime import datetime
from xml.etree.ElementTree import SubElement
from pathlib import PurePath
from typing import Any

from netlint.model import (
    ANY_SERVICE, DENY, PERMIT,
    Aaa, AaaServer, AddressRange, AddressSet, AddressWildcard, Device, Filter, Interface,
    InterfaceAddress, LocalUser, Location, LogHost, ManagementService, ParseError, Reference, RemoteAccess,
    Route, Rule,
    Secret, Service, SnmpCommunity, SnmpUser, Zone, wildcard,
)
from parsers import _panos_schema as S
from parsers._panos_schema import IGN, M, V
from parsers.common import redact

__all__ = ["PARSER", "PanosParser", "APP_DEFAULTS", "PREDEFINED_SERVICES", "pan_redact"]

# --------------------------------------------------------------------------- tables

TCP, UDP, ICMP, ICMP6, SCTP = 6, 17, 1, 58, 132


def _svc(proto: int, ports: str = "", icmp_type: int | None = None, name: str = "") -> Service:
    return Service(proto, dst_ports=_ports(ports) if ports else (), icmp_type=icmp_type, name=name)


def _ports(text: str) -> tuple[tuple[int, int], ...]:
    """'80,443,8000-8080' -> ((80, 80), (443, 443), (8000, 8080)); ValueError if bad."""
    out: list[tuple[int, int]] = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            lo, hi = int(a), int(b)
        else:
            lo = hi = int(part)
        if not (0 <= lo <= hi <= 65535):
            raise ValueError(f"port range out of 0-65535: {part}")
        out.append((lo, hi))
    if not out:
        raise ValueError("empty port list")
    return tuple(out)


# Predefined services: the only two PAN-OS ships (Objects > Services).
PREDEFINED_SERVICES: dict[str, tuple[Service, ...]] = {
    "service-http": (Service(TCP, dst_ports=((80, 80), (8080, 8080)), name="service-http"),),
    "service-https": (Service(TCP, dst_ports=((443, 443),), name="service-https"),),
}

# Default ports ("application-default") of common predefined App-IDs, as listed by
# Applipedia / Objects > Applications. Verified against public PAN-OS material for
# web-browsing (tcp/80), dns (dns-base: tcp/53, udp/53,5353) and the semantics of
# application-default; the others are the applications' well-known ports - an App-ID
# missing here is handled as an unmapped application (an approximation), never guessed.
APP_DEFAULTS: dict[str, tuple[Service, ...]] = {
    "web-browsing": (_svc(TCP, "80"),),
    "ssl": (_svc(TCP, "443"),),
    "ssh": (_svc(TCP, "22"),),
    "telnet": (_svc(TCP, "23"),),
    "dns": (_svc(TCP, "53"), _svc(UDP, "53,5353")),
    "dns-base": (_svc(TCP, "53"), _svc(UDP, "53,5353")),
    "ping": (Service(ICMP, icmp_type=8), Service(ICMP6, icmp_type=128)),
    "icmp": (Service(ICMP),),
    "ipv6-icmp": (Service(ICMP6),),
    "ms-rdp": (_svc(TCP, "3389"), _svc(UDP, "3389")),
    "ms-ds-smb": (_svc(TCP, "139,445"),),
    "ms-ds-smb-base": (_svc(TCP, "139,445"),),
    "msrpc": (_svc(TCP, "135"),),
    "msrpc-base": (_svc(TCP, "135"),),
    "netbios-ss": (_svc(TCP, "139"),),
    "netbios-ns": (_svc(UDP, "137"),),
    "netbios-dg": (_svc(UDP, "138"),),
    "ftp": (_svc(TCP, "21"),),
    "tftp": (_svc(UDP, "69"),),
    "ntp": (_svc(UDP, "123"),),
    "ntp-base": (_svc(UDP, "123"),),
    "snmp": (_svc(UDP, "161"),),
    "snmp-base": (_svc(UDP, "161"),),
    "snmp-trap": (_svc(UDP, "162"),),
    "ldap": (_svc(TCP, "389"), _svc(UDP, "389")),
    "mysql": (_svc(TCP, "3306"),),
    "mssql-db": (_svc(TCP, "1433"),),
    "mssql-mon": (_svc(UDP, "1434"),),
    "oracle": (_svc(TCP, "1521"),),
    "postgres": (_svc(TCP, "5432"),),
    "syslog": (_svc(UDP, "514"),),
    "http-proxy": (_svc(TCP, "8080"),),
    "ms-update": (_svc(TCP, "80,443"),),
    "windows-update": (_svc(TCP, "80,443"),),
    "smtp": (_svc(TCP, "25"),),
    "smtp-base": (_svc(TCP, "25"),),
    "pop3": (_svc(TCP, "110"),),
    "imap": (_svc(TCP, "143"),),
    "kerberos": (_svc(TCP, "88"), _svc(UDP, "88")),
    "radius": (_svc(UDP, "1812,1813,1645,1646"),),
    "tacacs-plus": (_svc(TCP, "49"),),
    "bgp": (_svc(TCP, "179"),),
    "ike": (_svc(UDP, "500,4500"),),
    "ipsec-esp": (Service(50),),
    "ipsec-esp-udp": (_svc(UDP, "4500"),),
    "gre": (Service(47),),
    "ospf": (Service(89),),
    "dhcp": (_svc(UDP, "67,68"),),
    "sip": (_svc(TCP, "5060"), _svc(UDP, "5060")),
    "citrix": (_svc(TCP, "1494,2598"),),
}

# What profile-setting/profiles/<type> becomes in Rule.profiles.
PROFILE_KEYS = {
    "virus": "av", "spyware": "spyware", "vulnerability": "ips", "url-filtering": "url",
    "file-blocking": "file-blocking", "wildfire-analysis": "wildfire",
    "data-filtering": "data-filtering", "gtp": "gtp", "sctp": "sctp",
}
# Security profiles PAN-OS ships (not "undefined" when named).
PREDEFINED_PROFILES = frozenset({
    "default", "strict", "basic file blocking", "strict file blocking", "none",
})
ACTIONS = {"allow": PERMIT, "deny": DENY, "drop": DENY, "reset-client": DENY,
           "reset-server": DENY, "reset-both": DENY}
# Services an interface management profile can enable (PAN-OS 8-11 element names).
MGMT_PROFILE_SERVICES = ("telnet", "ssh", "http", "https", "snmp", "ping", "http-ocsp",
                         "response-pages", "userid-service", "userid-syslog-listener-ssl",
                         "userid-syslog-listener-udp")
# deviceconfig/system/service: element -> (protocol, port, enabled when absent)
MGT_SERVICES = {
    "disable-telnet": ("telnet", 23, False), "disable-http": ("http", 80, False),
    "disable-https": ("https", 443, True), "disable-ssh": ("ssh", 22, True),
    "disable-snmp": ("snmp", 161, False), "disable-icmp": ("ping", None, True),
    "disable-http-ocsp": ("http-ocsp", 80, False), "disable-userid-service": ("userid-service", 5007, False),
    "disable-userid-syslog-listener-ssl": ("userid-syslog-listener-ssl", 6514, False),
    "disable-userid-syslog-listener-udp": ("userid-syslog-listener-udp", 514, False),
}
ADMIN_ROLES = {"superuser": 15, "deviceadmin": 15, "vsysadmin": 15, "panorama-admin": 15,
               "superreader": 1, "devicereader": 1, "vsysreader": 1}
_COUNTRY = re.compile(r"^[A-Z][A-Z0-9]$")
_SCHEDULE_END = re.compile(r"-(\d{4})/(\d{1,2})/(\d{1,2})@(\d{1,2}):(\d{2})\s*$")

# ---- the elements the parser knows: parsers/_panos_schema.py (anything else: a warning)
_RULE_SPEC = S.SECURITY_RULE
# Rule conditions on what packet headers do not show, besides source-user and category.
_L7_FIELDS = ("source-hip", "destination-hip", "hip-profiles", "source-imei", "source-imsi", "source-nw-slice")


_GP_AUTH_METHODS = {"radius": "radius", "tacplus": "tacacs+", "ldap": "ldap", "kerberos": "kerberos",
                    "saml-idp": "saml", "local-database": "local", "cloud": "saml"}
_TLS_VERSIONS = {"tls1-0": "1.0", "tls1-1": "1.1", "tls1-2": "1.2", "tls1-3": "1.3", "max": None}
# Security profile kinds a PAN-OS rule can carry (Device.facts['profile_kinds']); the
# keys of Rule.profiles use the same words.
PROFILE_KINDS = ("av", "spyware", "ips", "url", "file-blocking", "wildfire", "data-filtering")

# The root element, after an XML declaration, comments and a doctype.
_ROOT = re.compile(r"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*<([\w:.-]+)", re.S)
_SNIPPET_ROOTS = frozenset({"config", "response", "devices", "rulebase", "security", "rules", "pre-rulebase",
                            "post-rulebase"})


def _now() -> datetime:
    return datetime.now()


# --------------------------------------------------------------------------- redaction

_PAN_SECRET_TAGS = (
    "phash|password|secret|key|authpwd|privpwd|auth-password|priv-password|"
    "snmp-community-string|community|pre-shared-key|passphrase|bind-password|api-key|"
    "shared-secret|private-key|auth-key|psk"
)
_PAN_SECRET = re.compile(r"(<(?:" + _PAN_SECRET_TAGS + r")\b[^>]*>)([^<]+)", re.I)


def _pan_redact_sub(m: re.Match[str]) -> str:
    if m.group(2).strip().lower() in ("public", "private"):
        return m.group(0)
    return m.group(1) + "<redacted>"


def pan_redact(text: str) -> str:
    """Redact secret element values in a kept line of PAN-OS XML (phash, secret,
    community strings, keys...), then the common patterns."""
    if "<" in text:
        text = _PAN_SECRET.sub(_pan_redact_sub, text)
    return redact(text)


# --------------------------------------------------------------------------- the XML tree
#
# A node is a list, for speed (a 100,000-rule configuration has millions of elements):
#   [tag, attrs (dict or None), line, end_line, kids, text, byte_offset]
# `kids` holds child nodes (lists) and, for <member> children, their text (str).

TAG, ATTRS, LINE, END, KIDS, TEXT, OFF = range(7)


class _NoTarget:
    """ElementTree target without methods: we install our own expat handlers."""


# Security rules are built with ElementTree's C tree builder (set False to build them
# with the Python handlers like the rest; the tests check both give the same model).
FAST_RULES = True


def _in_comment(text: str, pos: int) -> bool:
    """Whether `pos` lies inside an XML comment or CDATA section."""
    if text.rfind("<!--", 0, pos) > text.rfind("-->", 0, pos):
        return True
    return text.rfind("<![CDATA[", 0, pos) > text.rfind("]]>", 0, pos)


def _comment_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) of the comments and CDATA sections within text[a:b]."""
    spans = []
    for opener, closer in (("<!--", "-->"), ("<![CDATA[", "]]>")):
        i = text.find(opener, a, b)
        while i >= 0:
            j = text.find(closer, i + len(opener))
            j = len(text) if j < 0 else j + len(closer)
            spans.append((i, j))
            i = text.find(opener, j, b)
    spans.sort()
    return spans


def _rule_segments(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every `<security><rules>...</rules>` element: the bulk of
    a configuration, handed to ElementTree's C tree builder (about twice as fast as
    Python handlers; their entries get their lines from a scan of the text)."""
    out: list[tuple[int, int]] = []
    pos = 0
    find = text.find
    commented = "<!--" in text or "<![CDATA[" in text
    while True:
        i = find("<security>", pos)
        if i < 0:
            return out
        j = i + 10
        while j < len(text) and text[j] in " \t\r\n":
            j += 1
        pos = j
        if not text.startswith("<rules>", j) or (commented and _in_comment(text, i)):
            continue
        k = j + 7
        while True:
            close = find("</rules>", k)
            if close < 0 or not commented or not _in_comment(text, close):
                break
            k = close + 8
        if close < 0 or find("<rules", j + 6, close) >= 0:
            continue  # truncated, or a nested <rules>: leave it to the Python handlers
        out.append((j, close + 8))
        pos = close + 8


def _build_tree(text: str, file: str) -> list:
    from xml.etree.ElementTree import TreeBuilder
    from xml.parsers import expat

    from defusedxml.common import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(target=_NoTarget())
    px = parser.parser
    px.buffer_text = True
    try:
        px.buffer_size = 1 << 16
    except (AttributeError, ValueError):  # pragma: no cover - old pyexpat
        pass
    px.ordered_attributes = False
    root: list = ["#document", None, 0, 0, [], "", 0]
    stack = [root]
    chunks: list[str] = []
    push, pop, clear, join = stack.append, stack.pop, chunks.clear, "".join

    def start(tag, attrs):
        clear()
        if tag == "member":
            return
        node = [tag, attrs or None, px.CurrentLineNumber, 0, [], "", px.CurrentByteIndex]
        stack[-1][4].append(node)
        push(node)

    def end(tag):
        if tag == "member":
            stack[-1][4].append(join(chunks))
            return
        node = pop()
        node[3] = px.CurrentLineNumber
        if chunks and not node[4]:
            node[5] = join(chunks)

    def python_mode():
        px.StartElementHandler = start
        px.EndElementHandler = end
        px.CharacterDataHandler = chunks.append

    python_mode()
    try:
        pos = 0
        line = 1
        for a, b in _rule_segments(text) if FAST_RULES else ():
            px.Parse(text[pos:a], False)
            line += text.count("\n", pos, a)
            tb = TreeBuilder()
            px.StartElementHandler = tb.start
            px.EndElementHandler = tb.end
            px.CharacterDataHandler = tb.data
            px.Parse(text[a:b], False)
            python_mode()
            elem = tb.close()
            end_line = line + text.count("\n", a, b)
            # ["rules", None, line, end, kids, text, offset, element, start, end]
            stack[-1][4].append(["rules", None, line, end_line, [], "", -1, elem, a, b])
            line = end_line
            pos = b
        px.Parse(text[pos:] if pos else text, True)
    except expat.ExpatError as exc:
        # At the very end of the text expat stands on the empty line after the last
        # newline: point at the last line instead.
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        line = min(exc.lineno, last) if exc.lineno else None
        where = f"line {line}" if line == exc.lineno else f"the end of the file, line {line}"
        raise ParseError(
            file, f"is not well-formed XML ({expat.ErrorString(exc.code)} at {where}, "
                  f"column {exc.offset + 1})", line) from None
    except DefusedXmlException as exc:
        raise ParseError(
            file, f"declares XML entities or external references ({exc.__class__.__name__}); "
                  "they are refused (an entity-expansion or external-entity attack)",
            px.CurrentLineNumber or None) from None
    except (IndexError, RecursionError):  # pragma: no cover - unbalanced segments; defensive
        raise ParseError(file, "is not a well-formed PAN-OS configuration (unbalanced elements)") from None
    finally:
        # Break the parser <-> handler cycle (the collector may be paused).
        px.StartElementHandler = None
        px.EndElementHandler = None
        px.CharacterDataHandler = None
        stack.clear()
    return root


def _kids(n: list | None) -> list[list]:
    if n is None:
        return []
    return [k for k in n[KIDS] if k.__class__ is list]


def _members(n: list | None) -> list[str]:
    if n is None:
        return []
    out = [k.strip() for k in n[KIDS] if k.__class__ is str]
    return [m for m in out if m]


def _child(n: list | None, tag: str) -> list | None:
    if n is None:
        return None
    for k in n[KIDS]:
        if k.__class__ is list and k[TAG] == tag:
            return k
    return None


def _path(n: list | None, *tags: str) -> list | None:
    for tag in tags:
        if n is None:
            return None
        n = _child(n, tag)
    return n


def _text(n: list | None) -> str:
    return n[TEXT].strip() if n is not None else ""


def _name(n: list) -> str:
    a = n[ATTRS]
    return a.get("name", "") if a else ""


def _entries(n: list | None) -> list[list]:
    if n is None:
        return []
    return [k for k in n[KIDS] if k.__class__ is list and k[TAG] == "entry"]


def _yes(n: list | None) -> bool | None:
    """yes/no leaf -> True/False; absent -> None."""
    if n is None:
        return None
    return _text(n).lower() in ("yes", "true", "1", "enable", "enabled")


def _network(text: str) -> AddressRange:
    """AddressRange.from_network, with dotted-quad IPv4 ('10.1.2.0/24', '10.1.2.3') read
    directly: a 100,000-rule configuration has some 250,000 address objects. Anything
    else, and anything the standard library would refuse (leading zeros, octets over
    255...), goes through from_network (same result, same errors)."""
    addr, sep, plen = text.partition("/")
    parts = addr.split(".")
    if len(parts) == 4 and (not sep or (len(plen) <= 2 and plen.isdigit() and plen.isascii())):
        value = 0
        for p in parts:
            if not (0 < len(p) <= 3 and p.isdigit() and p.isascii()) or (p[0] == "0" and len(p) > 1):
                break
            octet = int(p)
            if octet > 255:
                break
            value = value << 8 | octet
        else:
            n = int(plen) if sep else 32
            if n <= 32:
                size = 1 << (32 - n)
                first = value & ~(size - 1)
                return AddressRange(4, first, first + size - 1)
    return AddressRange.from_network(text)


def _parse_net(text: str) -> AddressRange | None:
    try:
        return _network(text.strip())
    except ValueError:
        return None


def _parse_literal(text: str) -> AddressRange | AddressWildcard | None:
    """An address written in a rule instead of an object: prefix, host or range."""
    t = text.strip()
    if not t or not (t[0].isdigit() or t[0] in ":abcdefABCDEF"):
        return None
    if "-" in t and "/" not in t:
        a, _, b = t.partition("-")
        try:
            return AddressRange.between(a.strip(), b.strip())
        except ValueError:
            return None
    return _parse_net(t)


def _secret_storage(value: str) -> str:
    v = value.strip()
    if v.startswith("$1$"):
        return "md5"
    if v.startswith("$5$"):
        return "sha256"
    if v.startswith("$6$"):
        return "sha512"
    if v.startswith(("$2a$", "$2b$", "$2y$")):
        return "bcrypt"
    if v.startswith("$"):
        return "hash"
    if v.startswith("-AQ=="):
        return "encrypted"
    return "plaintext"


def _secret(value: str) -> Secret:
    storage = _secret_storage(value)
    if storage == "plaintext":
        return Secret.from_value(value.strip(), "plaintext")
    return Secret(storage=storage)


# --------------------------------------------------------------------------- objects and scopes

_OBJ_SECTIONS = {
    "address": "address-object", "address-group": "address-group", "service": "service-object",
    "service-group": "service-group", "application": "application", "application-group":
    "application-group", "application-filter": "application-filter", "schedule": "schedule",
    "tag": "tag", "external-list": "external-list", "region": "region",
    "profile-group": "security-profile-group", "dynamic-user-group": "dynamic-user-group",
}


class _Scope:
    """The objects of one namespace (shared, a vsys, a device group); lookups fall
    back to the parent (shared)."""

    def __init__(self, name: str, parent: _Scope | None):
        self.name = name
        self.parent = parent
        self.objs: dict[str, dict[str, list]] = {sec: {} for sec in _OBJ_SECTIONS}
        self.addr_memo: dict[str, tuple] = {}
        self.svc_memo: dict[str, tuple] = {}
        self.app_memo: dict[str, tuple] = {}
        self.list_memo: dict[tuple, tuple] = {}
        self.profile_memo: dict[tuple, tuple] = {}
        self.entry_memo: dict[str, tuple] = {}
        self.svc_list_memo: dict[tuple, tuple] = {}

    def find(self, section: str, name: str) -> tuple[list | None, _Scope | None]:
        scope: _Scope | None = self
        while scope is not None:
            node = scope.objs[section].get(name)
            if node is not None:
                return node, scope
            scope = scope.parent
        return None, None


# --------------------------------------------------------------------------- the parser


class PanosParser:
    vendor = "paloalto_panos"

    def detect(self, text: str) -> int:
        head = text[:200_000]
        if "<" not in head:
            return 0
        m = _ROOT.match(head)
        if m is None or "urn:ietf:params:xml:ns:netconf" in head[:4000]:
            return 0  # not XML, or a NETCONF <config> payload of another vendor
        from parsers.detect import score_vendors  # light

        score = score_vendors(head).get("paloalto_panos", 0)
        if 0 < score < 90 and m.group(1) == "config":
            score = 90  # <config> root with PAN-OS sections but no version attributes
        if score <= 0 and m.group(1) in _SNIPPET_ROOTS and "<entry name=" in head and "<member>" in head:
            score = 60  # a rulebase snippet: <rules><entry name=...><from><member>...
        return max(0, min(100, score))

    def parse(self, text: str, file: str) -> Device:
        # Millions of small acyclic objects: pausing the cyclic collector meanwhile
        # saves a good part of the time on large rulebases.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return _Run(text, file).run()
        finally:
            if enabled:
                gc.enable()


PARSER = PanosParser()


class _Run:
    """One parse of one file."""

    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
        self.raw: bytes | None = None  # UTF-8 bytes when the text is not ASCII (offsets are byte offsets)
        self.dev = Device(hostname="", vendor="paloalto_panos", file=file)
        self.dev.stateful = True
        self.mgmt = self.dev.management
        self.facts: dict[str, Any] = self.dev.facts
        self.mfacts: dict[str, Any] = self.mgmt.facts
        self.shared = _Scope("shared", None)
        self.vsys_scopes: dict[str, _Scope] = {}
        self.dg_scopes: dict[str, _Scope] = {}
        self.ifaces: dict[str, Interface] = {}
        self.iface_profile: dict[str, tuple[str, list]] = {}  # iface -> (profile, binding node)
        self.mgmt_profiles: dict[str, list] = {}
        self.zone_of: dict[str, str] = {}
        self.primary_vsys: str | None = None
        self.dg_nodes: dict[str, list] = {}
        self.dg_parent: dict[str, str] = {}
        self.server_profiles: dict[tuple[str, str], list] = {}
        self.auth_profiles: dict[str, list] = {}
        self.syslog_profiles: dict[str, list] = {}
        self.warned: set[tuple[int, str]] = set()
        self.defined_names: dict[str, str] = {}
        self.vr_of: dict[str, str] = {}
        self.refs: list[tuple[str, str, Location, str]] = []  # (kind, name, loc, context) of rule uses
        self.zone_memo: dict[tuple, tuple[str, ...]] = {}
        self.vsys_zones: dict[str | None, tuple[str, ...]] = {}  # vsys -> its (qualified) zone names
        self.vsys_of: dict[str, str] = {}
        self.user_auth: dict[str, str] = {}
        self.mgmt_auth_node: list | None = None
        self.segment_xpath: dict[int, str] = {}  # id(<rules> segment) -> its XPath
        self.fast_memo: dict[int, list] = {}  # id(<rules> segment) -> fast_entries()

    # ------------------------------------------------------------------ basics

    def line_text(self, n: list) -> str:
        off = n[OFF]
        line = None
        if off >= 0:
            if self.raw is not None:
                raw = _line_around(self.raw, off, b"\n")
                line = raw.decode("utf-8", "replace").strip() if raw is not None else None
            else:
                line = _line_around(self.text, off, "\n")
                line = line.strip() if line is not None else None
        if line is None:
            line = ""
        tag = n[TAG]
        if len(line) > 240 or not line.startswith("<" + tag):
            attrs = n[ATTRS] or {}
            line = "<" + tag + "".join(f' {k}="{v}"' for k, v in attrs.items()) + ">"
            if not n[KIDS] and n[TEXT].strip():
                line += n[TEXT].strip()[:120] + f"</{tag}>"
        return _fast_redact(line)

    def loc(self, n: list, whole: bool = False) -> Location:
        return Location(self.file, n[LINE], n[END] if whole else n[LINE], self.line_text(n))

    def warn(self, n: list, message: str) -> None:
        key = (n[LINE], message)
        if key in self.warned:
            return
        self.warned.add(key)
        self.dev.warn(self.loc(n), message)

    def unknown(self, n: list, where: str) -> None:
        self.warn(n, f"element not understood: <{n[TAG]}> in {where}")

    # ---- the structural audit: every element against parsers/_panos_schema

    def audit(self, node: list, spec: dict, path: list) -> None:
        """Report every element under `node` that `spec` does not know (an NL001 parse
        warning at the element's own line, naming its place as an XPath); walk the
        children the parser reads. `path` holds the nodes from the root to `node`."""
        members_ok = "member" in spec
        wildcard = spec.get("*")
        seen: set | None = None
        kids = node[KIDS]
        for k in kids:
            if k.__class__ is str:
                if not members_ok and k.strip():
                    self.warn_at(self.kid_loc(node, kids, k),
                                 f"unexpected <member>{k.strip()[:60]}</member> in {_xpath(path)}")
                continue
            tag = k[TAG]
            sub = spec.get(tag, wildcard)
            if sub is None:
                self.unknown(k, _xpath(path))
                continue
            if sub is S.IGN:
                continue
            if tag != "entry" and tag in spec:  # an element PAN-OS writes once
                if seen is None:
                    seen = {tag}
                elif tag in seen:
                    if spec is _RULE_SPEC:  # a rule's fields: the first of each name is read
                        self.warn(k, f"element <{tag}> repeated in {_xpath(path)} (only the first is read)")
                        continue
                    self.warn(k, f"element <{tag}> repeated in {_xpath(path)} (PAN-OS writes it once)")
                else:
                    seen.add(tag)
            if sub is S.V or sub is S.M:
                if k[KIDS]:
                    self.audit_leaf(k, sub, path)
                elif sub is S.M and k[TEXT].strip():
                    value = k[TEXT].strip()
                    self.warn(k, f"<{tag}> holds text '{value[:60]}' where PAN-OS writes <member> elements, "
                                 f"in {_xpath(path)} (read as one member)")
                    k[KIDS] = [value]
                    k[TEXT] = ""
            elif len(k) == 10:  # a <rules> segment built by the C tree builder
                path.append(k)
                self.audit_segment(k, sub, _xpath(path))
                path.pop()
            else:
                path.append(k)
                self.audit(k, sub, path)
                path.pop()

    def audit_leaf(self, k: list, sub: str, path: list) -> None:
        where = _xpath(path + [k])
        kids = k[KIDS]
        for g in kids:
            if g.__class__ is list:
                self.unknown(g, where)
            elif sub is S.V and g.strip():
                self.warn_at(self.kid_loc(k, kids, g),
                             f"unexpected <member>{g.strip()[:60]}</member> in {where} (a single value is expected)")

    def audit_segment(self, rules: list, spec: dict, where: str) -> None:
        """The audit of a <rules> segment built by the C tree builder (ElementTree
        elements, no lines): the same checks and messages as `audit`, each at its own line
        (found by a scan of the segment's text). Run once per segment, whether or not its
        rules end up in a policy."""
        self.segment_xpath[id(rules)] = where
        elem = rules[7]
        rule_spec = spec.get("entry")
        odd: list[tuple[tuple[int, ...], str, str]] = []  # (child indexes from <rules>, what, detail)
        entries = self.fast_entries(rules)  # (kept: the policies read the same rules)
        index_of: dict[int, int] | None = None
        for x, _name, fields, _loc, _pos in entries:
            # most rules are clean: a quick look first, the full audit (which names the
            # place of each oddity) only for the others
            if len(fields) == len(x) and _clean(x, rule_spec):
                continue
            if index_of is None:
                index_of = {id(c): i for i, c in enumerate(elem)}
            _audit_et(x, rule_spec, (index_of[id(x)],), odd)
        if len(entries) != len(elem):  # children other than <entry>
            members_ok = "member" in spec
            wildcard = spec.get("*")
            for i, x in enumerate(elem):
                tag = x.tag
                if tag == "member":
                    _audit_member(x, (i,), members_ok, False, odd)
                elif tag != "entry" and spec.get(tag, wildcard) is None:
                    odd.append(((i,), "unknown", tag))
        if not odd:
            return
        odd.sort()
        text = self.text
        a, b = rules[8], rules[9]
        # where the direct children start: entries from the rule scan, others by a scan
        # of the whole segment (only when there are such)
        starts: dict[int, tuple[int, int]] = {}
        for x, _name, _fields, loc, pos in entries:
            if pos is not None:
                starts[id(x)] = (pos[0], loc.line)
        if any(elem[idx[0]].tag != "entry" for idx, _w, _d in odd):
            offs = _child_offsets(text, a, b)
            for i, off in enumerate(offs[:len(elem)]):
                starts.setdefault(id(elem[i]), (off, rules[LINE] + text.count("\n", a, off)))
        for idx, what, detail in odd:
            # the element's place: <rules>, then each step down (entries named)
            el = elem
            parts = [where]
            for i in idx[:-1]:
                el = el[i]
                name = el.get("name")
                if el.tag != "member":  # elements inside a <member> belong to its list (as in `audit`)
                    parts.append(f"{el.tag}[@name='{name}']" if name is not None else el.tag)
            top = starts.get(id(elem[idx[0]]))
            if top is None:
                at = Location(self.file, rules[LINE], rules[LINE], "<rules>")
            else:
                at = self.offset_loc(text, top[0], top[1], idx[1:], b, "member" if what.startswith("member") else detail)
            inner = "/".join(parts)
            if what == "unknown":
                self.warn_at(at, f"element not understood: <{detail}> in {inner}")
            elif what == "member":
                self.warn_at(at, f"unexpected <member>{detail[:60]}</member> in {inner}")
            elif what == "member-value":
                self.warn_at(at, f"unexpected <member>{detail[:60]}</member> in {inner} (a single value is expected)")
            elif what == "repeated":  # a rule's fields: the first of each name is read
                self.warn_at(at, f"element <{detail}> repeated in {inner} (only the first is read)")
            elif what == "repeated-inner":
                self.warn_at(at, f"element <{detail}> repeated in {inner} (PAN-OS writes it once)")
            else:  # "text": a member list holding text, read as one member
                leaf = el[idx[-1]]
                self.warn_at(at, f"<{leaf.tag}> holds text '{detail[:60]}' where PAN-OS writes <member> elements, "
                                 f"in {inner} (read as one member)")
                leaf.text = None
                SubElement(leaf, "member").text = detail

    def warn_at(self, loc: Location, message: str) -> None:
        key = (loc.line, message)
        if key in self.warned:
            return
        self.warned.add(key)
        self.dev.warn(loc, message)

    def kid_loc(self, node: list, kids: list, kid: Any) -> Location:
        """Where the child `kid` (a <member> string, or a node) of `node` is: found by a
        scan of the text from the node's start tag (the tree keeps no line for members)."""
        index = next((j for j, k in enumerate(kids) if k is kid), -1)
        if node[OFF] < 0 or index < 0:
            return self.loc(node)
        buf = self.raw if self.raw is not None else self.text
        return self.offset_loc(buf, node[OFF], node[LINE], (index,), len(buf), "member")

    def offset_loc(self, buf: Any, start: int, line: int, idx: tuple, end: int, tag: str) -> Location:
        """The location of the element reached from the element whose start tag is at
        buf[start] (on `line`) by the child indexes `idx` (document order, <member>
        included); the deepest one found when the text does not match."""
        off = start
        for i in idx:
            nxt = _child_offset(buf, off, i, end)
            if nxt < 0:
                break
            off = nxt
        nl = b"\n" if buf.__class__ is bytes else "\n"
        at = line + buf.count(nl, start, off)
        lt = _line_around(buf, off, nl)
        if lt is not None and buf.__class__ is bytes:
            lt = lt.decode("utf-8", "replace")
        lt = (lt or "").strip()
        return Location(self.file, at, at, pan_redact(lt) if lt and len(lt) <= 240 else f"<{tag}>")

    def zone_name(self, vsys: str | None, zone: str) -> str:
        if vsys is None or vsys == self.primary_vsys:
            return zone
        return f"{vsys}:{zone}"

    # ------------------------------------------------------------------ driver

    def run(self) -> Device:
        text = self.text
        stripped = text.lstrip()
        if not stripped:
            raise ParseError(self.file, "is empty")
        if not stripped.startswith("<"):
            raise ParseError(self.file, "is not XML: a PAN-OS configuration is an XML document "
                                        "(<config version=...>)", 1)
        m = re.match(r"\s+(<\?xml[^>]*\?>)", text)
        if m:  # an XML declaration after blank lines: blank it out, keeping line numbers
            text = text[:m.start(1)] + " " * (m.end(1) - m.start(1)) + text[m.end(1):]
        if not text.isascii():
            self.raw = text.encode("utf-8")
        self.text = text
        doc = _build_tree(text, self.file)
        top = _kids(doc)
        if not top:
            raise ParseError(self.file, "is XML without any element")
        root = top[0]
        if root[TAG] == "response":
            inner = _path(root, "result", "config") or _child(root, "config")
            if inner is None:
                raise ParseError(self.file, "is an XML API response without a <config> element", root[LINE])
            root = inner
        if root[TAG] == "config":
            self.config(root)
        elif root[TAG] in ("rulebase", "security", "rules", "pre-rulebase", "post-rulebase"):
            self.snippet(root)
        elif root[TAG] == "devices":
            self.config(["config", None, root[LINE], root[END], [root], "", root[OFF]])
        else:
            raise ParseError(self.file, f"is XML but not a PAN-OS configuration (root element <{root[TAG]}>, "
                                        "expected <config>)", root[LINE])
        if self.refs:
            self.dev.references.extend([Reference(k, n, loc, c) for k, n, loc, c in self.refs])
            self.refs = []
        self.dev.parse_warnings.sort(key=lambda pw: pw.loc.line)
        if not self.dev.hostname:
            self.dev.hostname = PurePath(self.file).stem or "pan-os"
        return self.dev

    def guarded(self, n: list, fn, *args) -> None:
        """Run one section handler; an unexpected shape becomes a warning, never a crash."""
        try:
            fn(*args)
        except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
            self.warn(n, f"element not understood ({exc.__class__.__name__}: {exc})")
        except RecursionError:
            self.warn(n, "element not understood (nested too deeply)")

    def snippet(self, root: list) -> None:
        self.audit(root, S.SNIPPET[root[TAG]], [root])
        vsys = ["entry", {"name": "vsys1"}, root[LINE], root[END], [], "", root[OFF]]
        if root[TAG] == "rules":
            root = ["rulebase", None, root[LINE], root[END],
                    [["security", None, root[LINE], root[END], [root], "", root[OFF]]], "", root[OFF]]
        elif root[TAG] == "security":
            root = ["rulebase", None, root[LINE], root[END], [root], "", root[OFF]]
        vsys[KIDS].append(root if root[TAG] == "rulebase" else ["rulebase", None, root[LINE], root[END],
                                                                 _kids(root), "", root[OFF]])
        self.primary_vsys = "vsys1"
        scope = self.vsys_scopes["vsys1"] = _Scope("vsys1", self.shared)
        self.facts["vsys"] = ["vsys1"]
        self.facts["snippet"] = True
        self.facts["profile_kinds"] = PROFILE_KINDS
        self.policy_for_vsys(vsys, scope, [], [], [], [])

    def config(self, root: list) -> None:
        self.facts["profile_kinds"] = PROFILE_KINDS
        attrs = root[ATTRS] or {}
        self.facts["config_version"] = attrs.get("version")
        self.facts["detail_version"] = attrs.get("detail-version")
        self.facts["urldb"] = attrs.get("urldb")
        version = attrs.get("detail-version") or attrs.get("version")
        if version:
            self.dev.os_version = version
            self.dev.os_version_loc = self.loc(root)
        self.audit(root, S.CONFIG, [root])
        shared = _child(root, "shared")
        devices = _kids(_child(root, "devices")) if _child(root, "devices") is not None else []
        device_entries = [d for d in devices if d[TAG] == "entry"]
        # ---- objects first (rules of any scope may name objects defined later in the file)
        if shared is not None:
            self.guarded(shared, self.load_objects, shared, self.shared)
        vsys_nodes: list[list] = []
        dg_nodes: list[list] = []
        for d in device_entries:
            vsys_nodes.extend(_entries(_child(d, "vsys")))
            dg_nodes.extend(_entries(_child(d, "device-group")))
            if _child(d, "template") is not None:
                self.facts["templates"] = [_name(t) for t in _entries(_child(d, "template"))]
        names = [_name(v) for v in vsys_nodes]
        self.facts["vsys"] = names
        if "vsys1" in names:
            self.primary_vsys = "vsys1"
        elif len(names) == 1:
            self.primary_vsys = names[0]
        for v in vsys_nodes:
            scope = self.vsys_scopes[_name(v)] = _Scope(_name(v), self.shared)
            self.guarded(v, self.load_objects, v, scope)
        if dg_nodes:
            self.facts["panorama"] = True
            self.facts["device_groups"] = [_name(g) for g in dg_nodes]
            self.dg_nodes = {_name(g): g for g in dg_nodes}
            self.device_group_parents(_child(root, "readonly"))
            for g in dg_nodes:
                scope = self.dg_scopes[_name(g)] = _Scope(_name(g), self.shared)
                self.guarded(g, self.load_objects, g, scope)
            for name, scope in self.dg_scopes.items():
                parent = self.dg_parent.get(name)
                if parent in self.dg_scopes:
                    scope.parent = self.dg_scopes[parent]
        if shared is not None:
            self.guarded(shared, self.shared_settings, shared)
        for v in vsys_nodes:
            self.guarded(v, self.shared_settings, v)
        # ---- device configuration
        for d in device_entries:
            network = _child(d, "network")
            if network is not None:
                self.guarded(network, self.network, network)
            deviceconfig = _child(d, "deviceconfig")
            if deviceconfig is not None:
                self.guarded(deviceconfig, self.deviceconfig, deviceconfig)
        for v in vsys_nodes:
            self.guarded(v, self.zones, v)
        self.finish_interfaces()
        mgt = _child(root, "mgt-config")
        if mgt is not None:
            self.guarded(mgt, self.mgt_config, mgt)
        # ---- policies
        shared_pre = [(shared, "pre")] if shared is not None else []
        shared_post = [(shared, "post")] if shared is not None else []
        panorama = _child(root, "panorama")
        for v in vsys_nodes:
            name = _name(v)
            pushed_pre: list = []
            pushed_post: list = []
            if panorama is not None:  # rules Panorama pushed, kept per vsys in merged exports
                for pv in _entries(_child(panorama, "vsys")):
                    if _name(pv) == name:
                        pushed_pre.append((pv, "pre"))
                        pushed_post.append((pv, "post"))
            self.guarded(v, self.policy_for_vsys, v, self.vsys_scopes[name],
                         shared_pre + pushed_pre, [(v, "pre")], [(v, "post")], pushed_post + shared_post)
        for g in dg_nodes:
            self.guarded(g, self.policy_for_device_group, g, shared_pre, shared_post)
        self.finish_management()
        self.scan_other_references(root, vsys_nodes, dg_nodes, device_entries)
        if not vsys_nodes and not dg_nodes and device_entries and not self.facts.get("panorama"):
            self.facts.setdefault("parse_notes", []).append("no vsys: the configuration holds no security policy")

    # ------------------------------------------------------------------ objects

    def load_objects(self, container: list, scope: _Scope) -> None:
        where = "shared" if scope is self.shared else scope.name
        for section, kind in _OBJ_SECTIONS.items():
            sec = _child(container, section)
            if sec is None:
                continue
            for e in sec[KIDS]:
                if e.__class__ is not list:
                    continue
                if e[TAG] != "entry":
                    continue  # reported by the audit
                name = _name(e)
                if not name:
                    self.warn(e, f"<{section}> entry without a name")
                    continue
                before = scope.objs[section].get(name)
                if before is not None:
                    self.warn(e, f"{section} '{name}' is defined again in {where} (first at line {before[LINE]}): "
                                 "this later definition is the one used")
                scope.objs[section][name] = e
                members: tuple[str, ...] = ()
                if section == "address-group":
                    members = tuple(_members(_child(e, "static")) or _members(e))  # PAN-OS < 6.1: members directly
                elif section == "service-group":
                    members = tuple(_members(_child(e, "members")) or _members(e))  # PAN-OS < 6.1 likewise
                elif section == "application-group":
                    members = tuple(_members(_child(e, "members")) or _members(e))
                self.dev.define(kind, name, self.loc(e, whole=True), members, _text(_child(e, "description")))
                self.defined_names.setdefault(name, kind)
                for t in _members(_child(e, "tag")):
                    self.dev.refer("tag", t, self.loc(e), f"{section} {name}")
                if section in ("address-group", "service-group", "application-group"):
                    for mname in members:
                        self.refer_object(scope, section, mname, e, f"{section} {name}")
        profiles = _child(container, "profiles")
        if profiles is not None:
            for ptype_node in _kids(profiles):
                ptype = ptype_node[TAG]
                for e in _entries(ptype_node):
                    self.facts.setdefault("security_profiles", {}).setdefault(ptype, []).append(_name(e))
                    self.dev.define("security-profile", _name(e), self.loc(e, whole=True), description=ptype)
        for e in _entries(_path(container, "log-settings", "profiles")):
            self.dev.define("log-forwarding-profile", _name(e), self.loc(e, whole=True))
            self.facts.setdefault("log_forwarding_profiles", {})[_name(e)] = self.log_profile_summary(e)
        # profile groups refer to profiles
        for name, e in scope.objs["profile-group"].items():
            for ptype in PROFILE_KEYS:
                for pname in _members(_child(e, ptype)):
                    if pname not in PREDEFINED_PROFILES:
                        self.dev.refer("security-profile", pname, self.loc(e), f"profile-group {name}")

    def log_profile_summary(self, e: list) -> dict:
        out = {"line": e[LINE], "syslog": [], "panorama": False}
        for m in _entries(_child(e, "match-list")):
            out["syslog"].extend(_members(_child(m, "send-syslog")))
            if _yes(_child(m, "send-to-panorama")):
                out["panorama"] = True
        out["syslog"] = sorted(set(out["syslog"]))
        return out

    def refer_object(self, scope: _Scope, section: str, name: str, node: list, context: str) -> None:
        """A group member: refer it with the kind it resolves to (predefined: no reference)."""
        if section == "address-group":
            kind = self.address_kind(scope, name)
        elif section == "service-group":
            kind = self.service_kind(scope, name)
        else:
            kind = self.app_kind(scope, name)
        if kind:
            self.dev.refer(kind, name, self.loc(node), context)

    def address_kind(self, scope: _Scope, name: str) -> str | None:
        for sec in ("address", "address-group", "external-list", "region"):
            node, _ = scope.find(sec, name)
            if node is not None:
                return _OBJ_SECTIONS[sec]
        if name == "any" or _parse_literal(name) is not None or _COUNTRY.match(name) or name.startswith("panw-"):
            return None
        return "address-object"

    def service_kind(self, scope: _Scope, name: str) -> str | None:
        for sec in ("service", "service-group"):
            node, _ = scope.find(sec, name)
            if node is not None:
                return _OBJ_SECTIONS[sec]
        if name in ("any", "application-default") or name in PREDEFINED_SERVICES:
            return None
        return "service-object"

    def app_kind(self, scope: _Scope, name: str) -> str | None:
        for sec in ("application-group", "application-filter", "application"):
            node, _ = scope.find(sec, name)
            if node is not None:
                return _OBJ_SECTIONS[sec]
        return None  # a predefined App-ID (known to PAN-OS, maybe not to us)

    # ---- address resolution: (items, unresolved, notes)

    def resolve_address(self, scope: _Scope, name: str, stack: tuple[str, ...] = ()) -> tuple:
        memo = scope.addr_memo
        hit = memo.get(name)
        if hit is not None:
            return hit
        if name in stack:
            return ((), (name,), (f"address group cycle through '{name}'",))
        out = self._resolve_address(scope, name, stack + (name,))
        if not stack:
            memo[name] = out
        return out

    def _resolve_address(self, scope: _Scope, name: str, stack: tuple[str, ...]) -> tuple:
        node, where = scope.find("address", name)
        if node is not None:
            return self.address_object(node, name)
        node, where = scope.find("address-group", name)
        if node is not None:
            dyn = _child(node, "dynamic")
            if dyn is not None:
                flt = _text(_child(dyn, "filter"))
                return ((), (name,), (f"dynamic address group '{name}' (filter {flt or '?'}) is resolved at run time",))
            items: list = []
            unresolved: list = []
            notes: list = []
            for m in _members(_child(node, "static")) or _members(node):
                i, u, n = self.resolve_address(where or scope, m, stack)
                items.extend(i)
                unresolved.extend(u)
                notes.extend(n)
            return (tuple(dict.fromkeys(items)), tuple(dict.fromkeys(unresolved)), tuple(dict.fromkeys(notes)))
        node, where = scope.find("external-list", name)
        if node is not None:
            return ((), (name,), (f"external dynamic list '{name}' is fetched at run time",))
        node, where = scope.find("region", name)
        if node is not None:
            items = []
            for m in _members(_child(node, "address")):
                lit = _parse_literal(m)
                if lit is not None:
                    items.append(lit)
            if items:
                return (tuple(items), (), ())
            return ((), (name,), (f"region '{name}' has no addresses",))
        lit = _parse_literal(name)
        if lit is not None:
            return ((lit,), (), ())
        if _COUNTRY.match(name):
            return ((), (name,), (f"region '{name}' (country) is resolved with PAN-OS geolocation data",))
        if name.startswith("panw-"):
            return ((), (name,), (f"predefined external dynamic list '{name}' is fetched at run time",))
        return ((), (name,), (f"address '{name}' is not defined",))

    def address_object(self, node: list, name: str) -> tuple:
        for k in _kids(node):
            tag, value = k[TAG], _text(k)
            try:
                if tag == "ip-netmask":
                    return ((_network(value),), (), ())
                if tag == "ip-range":
                    a, _, b = value.partition("-")
                    return ((AddressRange.between(a.strip(), b.strip()),), (), ())
                if tag == "ip-wildcard":
                    a, _, mask = value.partition("/")
                    return ((wildcard(a.strip(), mask.strip()),), (), ())
                if tag == "fqdn":
                    return ((), (name,), (f"FQDN object '{name}' ({value}) is resolved by DNS at run time",))
            except ValueError as exc:
                self.warn(k, f"address object '{name}': {exc}")
                return ((), (name,), (f"address '{name}' has an invalid value",))
        self.warn(node, f"address object '{name}' has no ip-netmask, ip-range, ip-wildcard or fqdn")
        return ((), (name,), (f"address '{name}' has no value",))

    # ---- services: (services, unresolved names)

    def resolve_service(self, scope: _Scope, name: str, stack: tuple[str, ...] = ()) -> tuple:
        memo = scope.svc_memo
        hit = memo.get(name)
        if hit is not None:
            return hit
        if name in stack:
            return ((), (name,))
        out = self._resolve_service(scope, name, stack + (name,))
        if not stack:
            memo[name] = out
        return out

    def _resolve_service(self, scope: _Scope, name: str, stack: tuple[str, ...]) -> tuple:
        node, where = scope.find("service", name)
        if node is not None:
            svcs = self.service_object(node, name)
            return (svcs, ()) if svcs else ((), (name,))
        node, where = scope.find("service-group", name)
        if node is not None:
            svcs: list[Service] = []
            unresolved: list[str] = []
            for m in _members(_child(node, "members")) or _members(node):
                s, u = self.resolve_service(where or scope, m, stack)
                svcs.extend(s)
                unresolved.extend(u)
            return (tuple(dict.fromkeys(svcs)), tuple(dict.fromkeys(unresolved)))
        if name in PREDEFINED_SERVICES:
            return (PREDEFINED_SERVICES[name], ())
        return ((), (name,))

    def service_object(self, node: list, name: str) -> tuple[Service, ...]:
        proto_node = _child(node, "protocol")
        out: list[Service] = []
        for p in _kids(proto_node) if proto_node is not None else []:
            proto = {"tcp": TCP, "udp": UDP, "sctp": SCTP}.get(p[TAG])
            if proto is None:
                self.warn(p, f"service '{name}': protocol <{p[TAG]}> not understood")
                continue
            ports: list[tuple[tuple[int, int], ...]] = []
            for tag in ("port", "source-port"):
                n = _child(p, tag)
                try:
                    ports.append(_ports(_text(n)) if _text(n) else ())
                except ValueError as exc:
                    self.warn(n, f"service '{name}': {exc}")
                    break
            if len(ports) < 2:
                continue
            dports, sports = ports
            out.append(Service(proto, src_ports=sports, dst_ports=dports, name=name))
        if not out and proto_node is None:
            self.warn(node, f"service '{name}' has no protocol")
        return tuple(out)

    # ---- applications: (services or None when unmapped, unmapped names)

    def resolve_app(self, scope: _Scope, name: str, stack: tuple[str, ...] = ()) -> tuple:
        memo = scope.app_memo
        hit = memo.get(name)
        if hit is not None:
            return hit
        if name in stack:
            return ((), (name,))
        out = self._resolve_app(scope, name, stack + (name,))
        if not stack:
            memo[name] = out
        return out

    def _resolve_app(self, scope: _Scope, name: str, stack: tuple[str, ...]) -> tuple:
        node, where = scope.find("application-group", name)
        if node is not None:
            svcs: list[Service] = []
            unmapped: list[str] = []
            for m in _members(_child(node, "members")) or _members(node):
                s, u = self.resolve_app(where or scope, m, stack)
                svcs.extend(s)
                unmapped.extend(u)
            return (tuple(dict.fromkeys(svcs)), tuple(dict.fromkeys(unmapped)))
        node, where = scope.find("application-filter", name)
        if node is not None:
            return ((), (name,))
        node, where = scope.find("application", name)
        if node is not None:
            svcs = list(self.custom_app_defaults(node, name))
            return (tuple(svcs), ()) if svcs else ((), (name,))
        if name in APP_DEFAULTS:
            return (APP_DEFAULTS[name], ())
        return ((), (name,))

    def custom_app_defaults(self, node: list, name: str) -> list[Service]:
        default = _child(node, "default")
        out: list[Service] = []
        if default is None:
            return out
        for m in _members(_child(default, "port")):
            proto, _, ports = m.partition("/")
            p = {"tcp": TCP, "udp": UDP, "sctp": SCTP}.get(proto.strip().lower())
            if p is None:
                continue
            try:
                out.append(Service(p, dst_ports=_ports(ports) if ports.strip() not in ("", "any", "dynamic") else ()))
            except ValueError:
                continue
        ip = _text(_child(default, "ident-by-ip-protocol"))
        if ip.isdigit():
            out.append(Service(int(ip)))
        for tag, proto in (("ident-by-icmp-type", ICMP), ("ident-by-icmp6-type", ICMP6)):
            icmp = _child(default, tag)
            if icmp is not None:
                t, c = _text(_child(icmp, "type")), _text(_child(icmp, "code"))
                typ = int(t) if t.isdigit() and int(t) < 256 else None
                out.append(Service(proto, icmp_type=typ,
                                   icmp_code=int(c) if typ is not None and c.isdigit() and int(c) < 256 else None))
        return out

    # ------------------------------------------------------------------ shared / vsys settings

    def shared_settings(self, container: list) -> None:
        """Server profiles, authentication profiles, log settings, certificates of a
        scope (shared or a vsys)."""
        sp = _child(container, "server-profile")
        for stype in _kids(sp) if sp is not None else []:
            for e in _entries(stype):
                self.server_profiles[(stype[TAG], _name(e))] = e
                self.dev.define("server-profile", _name(e), self.loc(e, whole=True), description=stype[TAG])
                self.defined_names.setdefault(_name(e), "server-profile")
        for e in _entries(_child(container, "authentication-profile")):
            self.auth_profiles[_name(e)] = e
            self.dev.define("authentication-profile", _name(e), self.loc(e, whole=True))
            method_node = _child(e, "method")
            method = _kids(method_node)[0] if method_node is not None and _kids(method_node) else None
            info: dict[str, Any] = {
                "line": e[LINE],
                "method": method[TAG] if method is not None else None,
                "server_profile": _text(_child(method, "server-profile")) if method is not None else None,
                "mfa": bool(_yes(_path(e, "multi-factor-auth", "mfa-enable"))),
                "lockout_failed_attempts": _int(_text(_path(e, "lockout", "failed-attempts"))),
                "lockout_time": _int(_text(_path(e, "lockout", "lockout-time"))),
                "allow_list": _members(_child(e, "allow-list")),
            }
            self.mfacts.setdefault("authentication_profiles", {})[_name(e)] = info
            if info["server_profile"] and method is not None:
                self.dev.refer("server-profile", info["server_profile"], self.loc(method), f"authentication-profile {_name(e)}")
        log = _child(container, "log-settings")
        if log is not None:
            for e in _entries(_child(log, "syslog")):
                self.syslog_profiles[_name(e)] = e
                self.dev.define("syslog-server-profile", _name(e), self.loc(e, whole=True))
                self.mfacts.setdefault("syslog_profiles", {})[_name(e)] = [
                    _name(s) for s in _entries(_child(e, "server"))]
            for e in _entries(_child(log, "snmptrap")):
                for ver in _kids(_child(e, "version")) if _child(e, "version") is not None else []:
                    for s in _entries(_child(ver, "server")):
                        self.mfacts.setdefault("snmp_trap_servers", []).append(
                            {"profile": _name(e), "manager": _text(_child(s, "manager")), "version": ver[TAG],
                             "line": s[LINE]})
            for kind, key in (("config", "config_log_forwarding"), ("system", "system_log_forwarding")):
                node = _child(log, kind)
                targets: list[str] = []
                for m in _entries(_child(node, "match-list")):
                    targets.extend(_members(_child(m, "send-syslog")))
                    for s in _members(_child(m, "send-syslog")):
                        self.dev.refer("syslog-server-profile", s, self.loc(m), f"log-settings {kind}")
                if targets:
                    self.mfacts[key] = sorted(set(targets))
                    if kind == "config":
                        self.mgmt.aaa.accounting_commands = True
                        self.mgmt.aaa.accounting_loc = self.loc(node)
            for e in _entries(_child(log, "profiles")):
                for m in _entries(_child(e, "match-list")):
                    for s in _members(_child(m, "send-syslog")):
                        self.dev.refer("syslog-server-profile", s, self.loc(m), f"log forwarding profile {_name(e)}")
        for e in _entries(_child(container, "certificate")):
            self.facts.setdefault("certificates", []).append({
                "name": _name(e), "line": e[LINE], "not_valid_after": _text(_child(e, "not-valid-after")) or None,
                "expiry_epoch": _int(_text(_child(e, "expiry-epoch"))), "common_name": _text(_child(e, "common-name")) or None,
            })
        for e in _entries(_child(container, "ssl-tls-service-profile")):
            pset = _child(e, "protocol-settings")
            self.facts.setdefault("ssl_tls_service_profiles", {})[_name(e)] = {
                "line": e[LINE], "min_version": _text(_child(pset, "min-version")) or None,
                "max_version": _text(_child(pset, "max-version")) or None,
            }

    # ------------------------------------------------------------------ network

    def network(self, net: list) -> None:
        profiles = _child(net, "profiles")
        if profiles is not None:
            for e in _entries(_child(profiles, "interface-management-profile")):
                self.mgmt_profiles[_name(e)] = e
                self.dev.define("interface-management-profile", _name(e), self.loc(e, whole=True))
                self.facts.setdefault("interface_management_profiles", {})[_name(e)] = {
                    "line": e[LINE], "services": self.profile_services(e),
                    "permitted_ip": [_name(p) for p in _entries(_child(e, "permitted-ip"))],
                }
            for e in _entries(_child(profiles, "zone-protection-profile")):
                self.dev.define("zone-protection-profile", _name(e), self.loc(e, whole=True))
                self.facts.setdefault("zone_protection_profiles", []).append(_name(e))
        iface = _child(net, "interface")
        if iface is not None:
            self.interfaces(iface)
        for vr in _entries(_child(net, "virtual-router")):
            self.guarded(vr, self.virtual_router, vr)
        for lr in _entries(_child(net, "logical-router")):
            self.guarded(lr, self.logical_router, lr)
        ike = _child(net, "ike")
        for g in _entries(_path(ike, "gateway")):
            version = _text(_path(g, "protocol", "version")) or "ikev1"
            self.facts.setdefault("ike_gateways", []).append({"name": _name(g), "line": g[LINE], "version": version})
        tunnel = _child(net, "tunnel")
        if tunnel is not None:
            for e in _entries(_child(tunnel, "ipsec")):
                self.facts.setdefault("ipsec_tunnels", []).append({"name": _name(e), "line": e[LINE]})

    def profile_services(self, prof: list) -> list[str]:
        return [s for s in MGMT_PROFILE_SERVICES if _yes(_child(prof, s))]

    def new_iface(self, name: str, node: list) -> Interface:
        iface = self.ifaces.get(name)
        if iface is None:
            iface = Interface(name, loc=self.loc(node, whole=True))
            self.ifaces[name] = iface
            self.dev.interfaces.append(iface)
        return iface

    def interfaces(self, node: list) -> None:
        for kind_node in _kids(node):
            kind = kind_node[TAG]
            if kind in ("ethernet", "aggregate-ethernet"):
                for e in _entries(kind_node):
                    self.guarded(e, self.physical, e, kind)
            elif kind in ("loopback", "tunnel", "vlan"):
                if any(_child(kind_node, t) is not None for t in ("ip", "ipv6", "interface-management-profile")):
                    iface = self.new_iface(kind, kind_node)
                    self.layer3(iface, kind_node)
                for u in _entries(_child(kind_node, "units")):
                    iface = self.new_iface(_name(u), u)
                    iface.extra["mode"] = kind
                    iface.mode = "routed"
                    iface.description = _text(_child(u, "comment"))
                    if kind == "vlan" and "." in _name(u) and _name(u).rsplit(".", 1)[1].isdigit():
                        iface.vlan_id = int(_name(u).rsplit(".", 1)[1])
                    self.layer3(iface, u)
            # other kinds (HA, aux, cellular, SD-WAN ports) carry no transit policy; an unknown
            # kind is reported by the audit

    def physical(self, e: list, kind: str) -> None:
        name = _name(e)
        iface = self.new_iface(name, e)
        iface.description = _text(_child(e, "comment"))
        if _text(_child(e, "link-state")) == "down":
            iface.shutdown = True
        if kind == "aggregate-ethernet":
            iface.extra["aggregate"] = True
        for mode in ("layer3", "layer2", "virtual-wire", "tap", "ha", "decrypt-mirror", "aggregate-group",
                     "log-card"):
            m = _child(e, mode)
            if m is None:
                continue
            iface.extra["mode"] = mode
            if mode == "layer3":
                iface.mode = "routed"
                self.layer3(iface, m)
                for u in _entries(_child(m, "units")):
                    sub = self.new_iface(_name(u), u)
                    sub.mode = "routed"
                    sub.extra["mode"] = "layer3"
                    sub.extra["parent"] = name
                    sub.description = _text(_child(u, "comment"))
                    tag = _text(_child(u, "tag"))
                    if tag.isdigit():
                        sub.vlan_id = int(tag)
                    self.layer3(sub, u)
            elif mode in ("layer2", "virtual-wire"):
                iface.switchport = mode == "layer2"
                for u in _entries(_child(m, "units")):
                    sub = self.new_iface(_name(u), u)
                    sub.extra["mode"] = mode
                    sub.extra["parent"] = name
                    sub.switchport = mode == "layer2"
                    sub.description = _text(_child(u, "comment"))
                    tag = _text(_child(u, "tag"))
                    if tag.isdigit():
                        sub.vlan_id = int(tag)
            elif mode == "aggregate-group":
                iface.extra["aggregate_group"] = _text(m)
            break

    def layer3(self, iface: Interface, node: list) -> None:
        for e in _entries(_child(node, "ip")):
            self.iface_address(iface, _name(e), e)
        ipv6 = _child(node, "ipv6")
        if ipv6 is not None:
            for e in _entries(_child(ipv6, "address")):
                self.iface_address(iface, _name(e), e)
        prof = _child(node, "interface-management-profile")
        if prof is not None and _text(prof):
            self.iface_profile[iface.name] = (_text(prof), prof)
            self.dev.refer("interface-management-profile", _text(prof), self.loc(prof), f"interface {iface.name}")
        if _child(node, "dhcp-client") is not None:
            iface.extra["dhcp_client"] = True
        if _child(node, "pppoe") is not None:
            iface.extra["pppoe"] = True

    def iface_address(self, iface: Interface, text: str, node: list) -> None:
        value = text
        if "/" not in text or not (text[:1].isdigit() or ":" in text):
            for scope in [self.shared, *self.vsys_scopes.values()]:
                obj = scope.objs["address"].get(text)
                if obj is not None:
                    value = _text(_child(obj, "ip-netmask")) or text
                    iface.extra.setdefault("address_objects", []).append(text)
                    self.dev.refer("address-object", text, self.loc(node), f"interface {iface.name} address")
                    break
        try:
            ipif = ipaddress.ip_interface(value)
        except ValueError:
            self.warn(node, f"interface {iface.name}: address '{text}' not understood")
            return
        iface.addresses.append(InterfaceAddress(ipif.version, int(ipif.ip), ipif.network.prefixlen,
                                                secondary=bool(iface.addresses)))

    def virtual_router(self, vr: list) -> None:
        name = _name(vr)
        for m in _members(_child(vr, "interface")):
            self.vr_of[m] = name
        proto = _child(vr, "protocol")
        for p in _kids(proto) if proto is not None else []:
            if _yes(_child(p, "enable")):
                self.facts.setdefault("routing_protocols", []).append({"vr": name, "protocol": p[TAG], "line": p[LINE]})
        rt = _child(vr, "routing-table")
        for fam in ("ip", "ipv6"):
            for r in _entries(_path(rt, fam, "static-route")):
                self.static_route(r, name)

    def logical_router(self, lr: list) -> None:
        for vrf in _entries(_child(lr, "vrf")):
            name = _name(vrf) if _name(lr) in ("default", _name(vrf)) else f"{_name(lr)}:{_name(vrf)}"
            for m in _members(_child(vrf, "interface")):
                self.vr_of[m] = name
            rt = _child(vrf, "routing-table")
            for fam in ("ip", "ipv6"):
                for r in _entries(_path(rt, fam, "static-route")):
                    self.static_route(r, name)

    def static_route(self, r: list, vrf: str) -> None:
        dest_text = _text(_child(r, "destination"))
        dest = _parse_net(dest_text) if dest_text else None
        if dest is None and dest_text:
            for scope in [self.shared, *self.vsys_scopes.values()]:
                obj = scope.objs["address"].get(dest_text)
                if obj is not None:
                    dest = _parse_net(_text(_child(obj, "ip-netmask")))
                    self.dev.refer("address-object", dest_text, self.loc(r), f"static route {_name(r)}")
                    break
        if dest is None:
            self.warn(r, f"static route '{_name(r)}': destination '{dest_text}' not understood")
            return
        nh = _child(r, "nexthop")
        next_hop = None
        if nh is not None:
            for k in _kids(nh):
                if k[TAG] in ("ip-address", "ipv6-address", "fqdn"):
                    next_hop = _text(k)
                elif k[TAG] == "next-vr":
                    next_hop = f"vr {_text(k)}"
                elif k[TAG] == "next-lr":
                    next_hop = f"lr {_text(k)}"
                elif k[TAG] in ("discard", "receive"):
                    next_hop = k[TAG]
        dist = _int(_text(_child(r, "admin-dist")))
        if dist is None:
            dist = 10  # PAN-OS default administrative distance of a static route
        self.dev.routes.append(Route(dest, next_hop, _text(_child(r, "interface")) or None,
                                     dist, self.loc(r, whole=True), vrf))

    # ------------------------------------------------------------------ zones

    def zones(self, v: list) -> None:
        vsys = _name(v)
        for m in _members(_path(v, "import", "network", "interface")):
            self.vsys_of[m] = vsys
        for z in _entries(_child(v, "zone")):
            zname = self.zone_name(vsys, _name(z))
            net = _child(z, "network")
            members: list[str] = []
            mode = None
            info: dict[str, Any] = {"vsys": vsys, "line": z[LINE]}
            for k in _kids(net) if net is not None else []:
                if k[TAG] in ("layer3", "layer2", "virtual-wire", "tap", "tunnel", "external"):
                    members.extend(_members(k))
                    mode = k[TAG]
                elif k[TAG] == "zone-protection-profile":
                    info["zone_protection_profile"] = _text(k)
                    self.dev.refer("zone-protection-profile", _text(k), self.loc(k), f"zone {zname}")
                elif k[TAG] == "log-setting":
                    info["log_setting"] = _text(k)
                    self.dev.refer("log-forwarding-profile", _text(k), self.loc(k), f"zone {zname}")
            info["mode"] = mode
            info["interfaces"] = members
            info["user_identification"] = bool(_yes(_child(z, "enable-user-identification")))
            for m in members:
                self.zone_of[m] = zname
            zone = Zone(zname, interfaces=list(members), loc=self.loc(z, whole=True))
            self.vsys_zones[vsys] = self.vsys_zones.get(vsys, ()) + (zname,)
            self.dev.zones.append(zone)
            self.dev.define("zone", zname, self.loc(z, whole=True))
            self.facts.setdefault("zones", {})[zname] = info
        for gp_kind in ("global-protect-portal", "global-protect-gateway"):
            for e in _entries(_path(v, "global-protect", gp_kind)):
                self.globalprotect(e, gp_kind, vsys)

    def globalprotect(self, e: list, kind: str, vsys: str) -> None:
        auth: list[str] = []
        certs: list[str] = []
        ssl_profiles: list[str] = []
        tunnels: list[str] = []
        stack = [e]
        while stack:
            n = stack.pop()
            for k in _kids(n):
                t = _text(k)
                if k[TAG] == "authentication-profile" and t:
                    auth.append(t)
                elif k[TAG] == "certificate-profile" and t and t.lower() != "none":
                    certs.append(t)
                elif k[TAG] == "ssl-tls-service-profile" and t:
                    ssl_profiles.append(t)
                elif k[TAG] == "tunnel-interface" and t:
                    tunnels.append(t)
                else:
                    stack.append(k)
        mfa: bool | None = False
        methods: list[str] = []
        for a in dict.fromkeys(auth):
            prof = self.auth_profiles.get(a)
            if prof is None:
                if mfa is False:
                    mfa = None  # an undefined profile: what it asks for is unknown
                continue
            method_node = _child(prof, "method")
            method = _kids(method_node)[0][TAG] if method_node is not None and _kids(method_node) else ""
            methods.append(_GP_AUTH_METHODS.get(method, method))
            if _yes(_path(prof, "multi-factor-auth", "mfa-enable")):
                mfa = True
            elif method in ("saml-idp", "cloud") and mfa is False:
                mfa = None  # the identity provider may enforce MFA: unknown here
        role = "portal" if kind.endswith("portal") else "gateway"
        min_tls = None
        for sp in ssl_profiles:
            version = self.facts.get("ssl_tls_service_profiles", {}).get(sp, {}).get("min_version")
            if version:
                min_tls = _TLS_VERSIONS.get(version, version)
        tunnel = tunnels[0] if tunnels else None
        entry = {"name": _name(e), "vsys": vsys, "line": e[LINE], "authentication_profiles": sorted(set(auth)),
                 "certificate_profiles": sorted(set(certs)), "client_certificate": bool(certs), "mfa": mfa,
                 "ssl_tls_service_profiles": sorted(set(ssl_profiles)), "tunnel_interface": tunnel}
        gp = self.facts.setdefault("globalprotect", {"portals": [], "gateways": []})
        gp["portals" if role == "portal" else "gateways"].append(entry)
        self.facts["remote_access_vpn"] = True
        self.dev.remote_access.append(RemoteAccess(
            kind="globalprotect", name=f"{role} {_name(e)}", loc=self.loc(e, whole=True), enabled=True, mfa=mfa,
            client_certificate=bool(certs),
            auth_method=",".join(dict.fromkeys(methods)) or ("certificate" if certs else ""),
            min_tls=min_tls, tunnel_zone=self.zone_of.get(tunnel) if tunnel else None,
            extra={"role": role, "vsys": vsys, "authentication_profiles": sorted(set(auth)),
                   "certificate_profiles": sorted(set(certs)), "tunnel_interface": tunnel,
                   "ssl_tls_service_profiles": sorted(set(ssl_profiles))},
        ))
        for a in set(auth):
            self.dev.refer("authentication-profile", a, self.loc(e), f"GlobalProtect {_name(e)}")

    def finish_interfaces(self) -> None:
        for name, iface in self.ifaces.items():
            iface.zone = self.zone_of.get(name)
            iface.vrf = self.vr_of.get(name)
            if name in self.vsys_of:
                iface.extra["vsys"] = self.vsys_of[name]
            bound = self.iface_profile.get(name)
            if bound is None:
                continue
            pname, node = bound
            prof = self.mgmt_profiles.get(pname)
            iface.extra["management_profile"] = pname
            if prof is None:
                self.warn(node, f"interface {name}: interface management profile '{pname}' is not defined")
                continue
            services = self.profile_services(prof)
            permitted = [_name(p) for p in _entries(_child(prof, "permitted-ip"))]
            ranges = [r for r in (_parse_net(p) for p in permitted) if r is not None]
            iface.management_access = tuple(services)
            iface.extra["management_permitted_ip"] = permitted
            zone_note = f" (zone {iface.zone})" if iface.zone else ""
            for s in services:
                self.mgmt.services.append(ManagementService(
                    s, enabled=True, loc=self.loc(node), allowed_sources=list(ranges), interfaces=[name],
                    port={"telnet": 23, "ssh": 22, "http": 80, "https": 443, "snmp": 161}.get(s),
                    note=f"interface management profile '{pname}' (line {prof[LINE]}) on {name}{zone_note}"))
        for zone in self.dev.zones:
            access: list[str] = []
            for m in zone.interfaces:
                iface = self.ifaces.get(m)
                if iface is not None and iface.management_access:
                    access.extend(iface.management_access)
                    if zone.management_loc is None:
                        zone.management_loc = self.loc(self.iface_profile[m][1])
            zone.management_access = tuple(dict.fromkeys(access))
        mgt = self.ifaces.get("management")
        if mgt is not None:
            mgt.management_access = tuple(dict.fromkeys(
                s.protocol for s in self.mgmt.services if s.enabled and s.interfaces == ["management"]))

    # ------------------------------------------------------------------ deviceconfig

    def deviceconfig(self, dc: list) -> None:
        system = _child(dc, "system")
        if system is not None:
            self.system(system)
        setting = _child(dc, "setting")
        mgmt = _child(setting, "management")
        if mgmt is not None:
            idle = _child(mgmt, "idle-timeout")
            minutes = _int(_text(idle))
            if minutes is not None:
                self.mgmt.idle_timeout = minutes * 60
                self.mgmt.idle_timeout_loc = self.loc(idle)
            lock = _child(mgmt, "admin-lockout")
            if lock is not None:
                self.mfacts["admin_lockout"] = {
                    "failed_attempts": _int(_text(_child(lock, "failed-attempts"))),
                    "lockout_time": _int(_text(_child(lock, "lockout-time"))), "line": lock[LINE]}
        ha = _child(dc, "high-availability")
        if ha is not None:
            group = _child(ha, "group")
            mode_node = _child(group, "mode")
            self.facts["high_availability"] = {
                "enabled": bool(_yes(_child(ha, "enabled"))), "line": ha[LINE],
                "mode": _kids(mode_node)[0][TAG] if mode_node is not None and _kids(mode_node) else None,
            }

    def system(self, system: list) -> None:
        host = _child(system, "hostname")
        if host is not None and _text(host):
            self.dev.hostname = _text(host)
            self.facts["hostname_line"] = host[LINE]
        for tag in ("sw-version",):
            n = _child(system, tag)
            if n is not None and _text(n):
                self.dev.os_version = _text(n)
                self.dev.os_version_loc = self.loc(n)
        model = _child(system, "model")
        if model is not None and _text(model):
            self.dev.model = _text(model)
            self.facts["model_line"] = model[LINE]
        for tag, key in (("domain", "domain"), ("timezone", "timezone"), ("update-server", "update_server")):
            if _text(_child(system, tag)):
                self.facts[key] = _text(_child(system, tag))
        sv = _child(system, "server-verification")
        if sv is not None:
            self.facts["server_verification"] = bool(_yes(sv))
        ip = _text(_child(system, "ip-address"))
        ip6 = _text(_child(system, "ipv6-address"))
        if ip:
            mask = _text(_child(system, "netmask"))
            self.facts["management_ip"] = {"address": ip, "netmask": mask or None,
                                           "gateway": _text(_child(system, "default-gateway")) or None}
        if ip6:
            self.facts["management_ipv6"] = {"address": ip6,
                                             "gateway": _text(_child(system, "ipv6-default-gateway")) or None}
        if ip or ip6:
            first = _child(system, "ip-address" if ip else "ipv6-address")
            iface = Interface("management", loc=self.loc(first), description="management (MGT) port")
            iface.extra["oob_management"] = True  # forwards no transit traffic (graph)
            iface.extra["mode"] = "management"
            for tag, value in (("ip-address", f"{ip}/{mask}" if ip and mask else ip), ("ipv6-address", ip6)):
                if not value:
                    continue
                try:
                    ipif = ipaddress.ip_interface(value)
                    iface.addresses.append(InterfaceAddress(ipif.version, int(ipif.ip), ipif.network.prefixlen))
                except ValueError:
                    self.warn(_child(system, tag), f"management address '{_text(_child(system, tag))}' not understood")
            self.ifaces["management"] = iface
            self.dev.interfaces.append(iface)
        if _child(system, "update-schedule") is not None:
            self.facts["update_schedule"] = {k[TAG]: _kids(_child(k, "recurring"))[0][TAG]
                                             if _child(k, "recurring") is not None and _kids(_child(k, "recurring"))
                                             else None for k in _kids(_child(system, "update-schedule"))}
        pano = [_text(_child(system, t)) for t in ("panorama-server", "panorama-server-2") if _text(_child(system, t))]
        pano += [_text(k) for k in _kids(_path(system, "panorama", "local-panorama")) if k[TAG].startswith("panorama-server")
                 and _text(k)]
        if pano:
            self.facts["panorama_servers"] = pano
        # banners
        banner = _child(system, "login-banner")
        if banner is not None and _text(banner):
            self.mgmt.banners["login"] = _text(banner)
            self.mfacts["login_banner_line"] = banner[LINE]
        ack = _child(system, "ack-login-banner")
        if ack is not None:
            self.mfacts["login_banner_ack"] = bool(_yes(ack))
        motd = _child(system, "motd-and-banner")
        if motd is not None:
            msg = _text(_child(motd, "message"))
            if msg:
                self.mgmt.banners["motd"] = msg
            if _text(_child(motd, "banner-header")):
                self.mgmt.banners.setdefault("login", _text(_child(motd, "banner-header")))
        # NTP
        ntp = _child(system, "ntp-servers")
        details = []
        for which in ("primary-ntp-server", "secondary-ntp-server"):
            n = _child(ntp, which)
            addr = _text(_child(n, "ntp-server-address"))
            if not addr:
                continue
            at = _child(n, "authentication-type")
            auth = _kids(at)[0][TAG] if at is not None and _kids(at) else "none"
            self.mgmt.ntp_servers.append(addr)
            details.append({"server": addr, "role": which.split("-")[0], "authentication": auth, "line": n[LINE]})
        if details:
            self.mfacts["ntp_servers_detail"] = details
            self.mgmt.ntp_authenticated = all(d["authentication"] != "none" for d in details)
        # DNS
        dns = []
        servers = _path(system, "dns-setting", "servers")
        for which in ("primary", "secondary"):
            if _text(_child(servers, which)):
                dns.append(_text(_child(servers, which)))
        for which in ("dns-primary", "dns-secondary"):
            if _text(_child(system, which)):
                dns.append(_text(_child(system, which)))
        if dns:
            self.facts["dns_servers"] = dns
        # management services of the MGT port
        permitted_nodes = _entries(_child(system, "permitted-ip"))
        permitted = [r for r in (_parse_net(_name(p)) for p in permitted_nodes) if r is not None]
        for p in permitted_nodes:
            if _parse_net(_name(p)) is None:
                self.warn(p, f"permitted-ip '{_name(p)}' not understood")
        self.mfacts["mgmt_permitted_ip"] = [_name(p) for p in permitted_nodes]
        svc = _child(system, "service")
        fallback = svc if svc is not None else system
        for elem, (proto, port, default_enabled) in MGT_SERVICES.items():
            n = _child(svc, elem)
            if n is not None:
                enabled, explicit, where = not _yes(n), True, n
                note = f"{elem} {_text(n)} on the management (MGT) port"
            elif proto in ("telnet", "http", "https", "ssh", "snmp", "ping"):
                enabled, explicit, where = default_enabled, False, fallback
                note = (f"not set: PAN-OS {'enables' if default_enabled else 'disables'} {proto} on the management "
                        "(MGT) port by default")
            else:
                continue
            self.mgmt.services.append(ManagementService(
                proto, enabled=enabled, loc=self.loc(where), allowed_sources=list(permitted),
                interfaces=["management"], port=port, explicit=explicit, note=note))
        self.mgmt.ssh_version = "2"  # PAN-OS speaks SSHv2 only
        # SNMP
        snmp = _child(system, "snmp-setting")
        if snmp is not None:
            self.snmp(snmp)
        auth = _child(system, "authentication-profile")
        if auth is not None and _text(auth):
            self.mfacts["mgmt_authentication_profile"] = _text(auth)
            self.mgmt_auth_node = auth
            self.dev.refer("authentication-profile", _text(auth), self.loc(auth), "management authentication")
        ssl = _child(system, "ssl-tls-service-profile")
        if ssl is not None and _text(ssl):
            self.facts["mgmt_ssl_tls_service_profile"] = _text(ssl)

    def snmp(self, snmp: list) -> None:
        version = _path(snmp, "access-setting", "version")
        for v in _kids(version) if version is not None else []:
            if v[TAG] == "v2c":
                self.mfacts["snmp_version"] = "v2c"
                comm = _child(v, "snmp-community-string")
                value = _text(comm)
                if value:
                    self.mgmt.snmp_communities.append(SnmpCommunity(
                        _secret(value), access="ro", version="2c", loc=self.loc(comm)))
                else:
                    self.mgmt.snmp_communities.append(SnmpCommunity(
                        Secret(storage="unknown"), access="ro", version="2c", loc=self.loc(v)))
            elif v[TAG] == "v3":
                self.mfacts["snmp_version"] = "v3"
                for u in _entries(_child(v, "users")):
                    auth = _text(_child(u, "authproto")) or ("sha" if _child(u, "authpwd") is not None else None)
                    priv = _text(_child(u, "privproto")) or ("aes" if _child(u, "privpwd") is not None else None)
                    self.mgmt.snmp_users.append(SnmpUser(_name(u), auth=auth and auth.lower(),
                                                         priv=priv and priv.lower(), loc=self.loc(u)))
            elif v[TAG] == "v1":
                self.mfacts["snmp_version"] = "v1"
        system = _child(snmp, "snmp-system")
        if system is not None:
            self.mfacts["snmp_system"] = {k[TAG]: _text(k) for k in _kids(system) if _text(k)}

    # ------------------------------------------------------------------ admins

    def mgt_config(self, mgt: list) -> None:
        for u in _entries(_child(mgt, "users")):
            name = _name(u)
            phash = _text(_child(u, "phash")) or _text(_child(u, "password"))
            role_node = _path(u, "permissions", "role-based")
            role = ""
            privilege = None
            if role_node is not None and _kids(role_node):
                r = _kids(role_node)[0]
                role = r[TAG]
                if role == "custom":
                    role = "custom:" + (_text(_child(r, "profile")) or "?")
                privilege = ADMIN_ROLES.get(r[TAG])
            auth = _text(_child(u, "authentication-profile"))
            two_factor = False
            if auth:
                self.dev.refer("authentication-profile", auth, self.loc(u), f"admin {name}")
                prof = self.auth_profiles.get(auth)
                two_factor = bool(prof is not None and _yes(_path(prof, "multi-factor-auth", "mfa-enable")))
                self.mfacts.setdefault("users_remote_auth", []).append(name)
            user = LocalUser(name, loc=self.loc(u, whole=True), privilege=privilege, role=role,
                             secret=_secret(phash) if phash else None,
                             key_auth=_child(u, "public-key") is not None, two_factor=two_factor)
            if auth:
                user.extra["authentication_profile"] = auth
                if not phash:
                    user.extra["remote_auth"] = True  # authenticated by the profile's servers
            cco = _child(u, "client-certificate-only")
            if cco is not None:
                user.extra["client_certificate_only"] = bool(_yes(cco))
            pprof = _text(_child(u, "password-profile"))
            if pprof:
                user.extra["password_profile"] = pprof
            self.mgmt.users.append(user)
            if auth:
                self.user_auth[name] = auth
        pc = _child(mgt, "password-complexity")
        if pc is not None:
            self.mfacts["password_complexity"] = _settings(pc)
            self.mfacts["password_complexity"]["line"] = pc[LINE]
            enabled = _child(pc, "enabled")
            if enabled is not None and _text(enabled):  # absent: the config does not say
                self.mgmt.password_complexity = bool(_yes(enabled))
                self.mgmt.password_complexity_loc = self.loc(enabled)
        pp = _entries(_child(mgt, "password-profile"))
        if pp:
            self.mfacts["password_profiles"] = {_name(p): _settings(p) for p in pp}

    def finish_management(self) -> None:
        mgmt = self.mgmt
        if mgmt.idle_timeout is None:
            # deviceconfig/setting/management/idle-timeout not set: PAN-OS logs an idle
            # administrator out after 60 minutes (web interface and CLI)
            mgmt.idle_timeout_default = 60 * 60
            self.mfacts["idle_timeout_default"] = mgmt.idle_timeout_default
        aaa: Aaa = mgmt.aaa
        for (stype, pname), e in self.server_profiles.items():
            proto = {"radius": "radius", "tacplus": "tacacs+", "ldap": "ldap", "kerberos": "kerberos"}.get(stype)
            if proto is None:
                continue
            for s in _entries(_child(e, "server")):
                addr = (_text(_child(s, "ip-address")) or _text(_child(s, "address")) or _text(_child(s, "host"))
                        or _name(s))
                secret = _text(_child(s, "secret"))
                aaa.servers.append(AaaServer(proto, addr, loc=self.loc(s, whole=True),
                                             key=_secret(secret) if secret else None))
        remote = ("radius", "tacplus", "ldap", "kerberos", "saml-idp", "cloud")
        methods: list[str] = []
        profiles = []
        if self.mfacts.get("mgmt_authentication_profile"):
            profiles.append(self.mfacts["mgmt_authentication_profile"])
        profiles.extend(self.user_auth.values())
        for p in dict.fromkeys(profiles):
            info = self.mfacts.get("authentication_profiles", {}).get(p)
            if info is None:
                continue
            if info["method"] in remote:
                aaa.enabled = True
                methods.append(f"{info['method']} ({p})")
                if aaa.loc is None:
                    node = self.auth_profiles.get(p)
                    aaa.loc = self.loc(node) if node is not None else None
            elif info["method"]:
                methods.append(f"{info['method']} ({p})")
        if self.mgmt_auth_node is not None and aaa.enabled:
            aaa.loc = self.loc(self.mgmt_auth_node)
        aaa.login_methods = methods or ["local"]
        for pname, e in self.syslog_profiles.items():
            for s in _entries(_child(e, "server")):
                addr = _text(_child(s, "server"))
                transport = _text(_child(s, "transport")).lower() or "udp"
                transport = {"ssl": "tls", "tls": "tls", "tcp": "tcp", "udp": "udp"}.get(transport, transport)
                port = _int(_text(_child(s, "port")))
                mgmt.log_hosts.append(LogHost(addr or _name(s), loc=self.loc(s, whole=True), transport=transport,
                                              port=port))
        mgmt.log_timestamps = True  # PAN-OS syslog messages always carry a timestamp
        if self.syslog_profiles:
            first = next(iter(self.syslog_profiles.values()))
            mgmt.log_timestamps_loc = self.loc(first)

    # ------------------------------------------------------------------ policies

    def policy_for_vsys(self, v: list, scope: _Scope, pre: list, own_pre: list, own_post: list, post: list) -> None:
        vsys = _name(v)
        rulebases: list[tuple[list, str]] = []
        for container, label in pre + own_pre:
            rb = _child(container, "pre-rulebase")
            if rb is not None:
                rulebases.append((rb, "pre"))
        local = _child(v, "rulebase")
        if local is not None:
            rulebases.append((local, "local"))
        for container, label in own_post + post:
            rb = _child(container, "post-rulebase")
            if rb is not None:
                rulebases.append((rb, "post"))
        fname = "security" if vsys == self.primary_vsys else f"{vsys}:security"
        zones = tuple(z.name for z in self.dev.zones if self.facts.get("zones", {}).get(z.name, {}).get("vsys") == vsys)
        filt = self.build_policy(fname, scope, vsys, rulebases, zones)
        filt.extra["vsys"] = vsys

    def device_group_parents(self, readonly: list | None) -> None:
        """Device-group hierarchy, kept by Panorama under <readonly> (PAN-OS 8.1+:
        readonly/devices/entry/device-group/entry/parent-dg; older: readonly/dg-meta-data)."""
        holders = [_path(d, "device-group") for d in _entries(_child(readonly, "devices"))]
        holders.append(_path(readonly, "dg-meta-data", "dg-info"))
        for holder in holders:
            for e in _entries(holder):
                parent = _text(_child(e, "parent-dg"))
                if parent and parent != _name(e):
                    self.dg_parent[_name(e)] = parent
        # a cycle would loop for ever: cut it where it closes
        for name in list(self.dg_parent):
            seen = {name}
            cur = self.dg_parent.get(name)
            while cur is not None:
                if cur in seen:
                    self.dg_parent.pop(name, None)
                    break
                seen.add(cur)
                cur = self.dg_parent.get(cur)

    def dg_ancestors(self, dg: str) -> list[list]:
        """The device-group nodes above `dg`, the top one first."""
        out = []
        cur = self.dg_parent.get(dg)
        while cur is not None and cur in self.dg_nodes:
            out.append(self.dg_nodes[cur])
            cur = self.dg_parent.get(cur)
        return out[::-1]

    def policy_for_device_group(self, g: list, shared_pre: list, shared_post: list) -> None:
        dg = _name(g)
        scope = self.dg_scopes[dg]
        ancestors = self.dg_ancestors(dg)
        rulebases: list[tuple[list, str]] = []
        for container, label in shared_pre + [(a, "pre") for a in ancestors] + [(g, "pre")]:
            rb = _child(container, "pre-rulebase")
            if rb is not None:
                rulebases.append((rb, "pre"))
        for container, label in [(g, "post")] + [(a, "post") for a in ancestors[::-1]] + shared_post:
            rb = _child(container, "post-rulebase")
            if rb is not None:
                rulebases.append((rb, "post"))
        filt = self.build_policy(f"{dg}:security", scope, None, rulebases, ())
        filt.extra["device_group"] = dg
        if ancestors:
            filt.extra["parent_device_groups"] = [_name(a) for a in ancestors]

    def build_policy(self, fname: str, scope: _Scope, vsys: str | None, rulebases: list, zones: tuple) -> Filter:
        filt = Filter(fname, "security-policy", stateful=True, default_action=DENY, intrazone_action=PERMIT,
                      default_note="PAN-OS default rules: intrazone-default allow, interzone-default deny",
                      zones=zones)
        filt.extra["default_rules"] = {
            "intrazone-default": {"action": "allow", "log_start": False, "log_end": False, "overridden": False,
                                  "line": None},
            "interzone-default": {"action": "deny", "log_start": False, "log_end": False, "overridden": False,
                                  "line": None},
        }
        counts: dict[str, int] = {}
        where = vsys or scope.name
        for rb, label in rulebases:
            for kind in _kids(rb):
                rules = _child(kind, "rules")
                n = len(_entries(rules)) if rules is None or len(rules) != 10 else sum(
                    1 for x in rules[7] if x.tag == "entry")
                if n:
                    counts[kind[TAG]] = counts.get(kind[TAG], 0) + n
                if kind[TAG] == "security":
                    if filt.loc is None:
                        filt.loc = self.loc(kind, whole=True)
                    append = filt.rules.append
                    for x, name, fields, loc, pos in self.rule_entries(rules) if rules is not None else ():
                        try:
                            append(self.security_rule(x, name, fields, loc, pos, scope, vsys, label))
                        except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
                            self.warn_at(loc, f"security rule '{name}' not understood ({exc.__class__.__name__}: {exc})")
                elif kind[TAG] == "default-security-rules":
                    self.default_rules(kind, filt, scope)
                elif kind[TAG] == "nat":
                    for e in _entries(rules):
                        self.nat_rule(e, where, label)
                elif kind[TAG] == "dos" and n:
                    self.facts["dos_rules"] = self.facts.get("dos_rules", 0) + n
        self.facts.setdefault("rulebases", {})[where] = counts
        self.dev.filters[fname] = filt
        return filt

    def default_rules(self, node: list, filt: Filter, scope: _Scope) -> None:
        for e in _entries(_child(node, "rules")):
            name = _name(e)
            info = filt.extra["default_rules"].get(name)
            if info is None:
                self.warn(e, f"default security rule '{name}' not understood (expected intrazone-default or "
                             "interzone-default)")
                continue
            info["overridden"] = True
            info["line"] = e[LINE]
            word = _text(_child(e, "action"))
            if word:
                action = ACTIONS.get(word)
                if action is None:
                    self.warn(_child(e, "action"), f"default rule '{name}': action '{word}' not understood")
                else:
                    info["action"] = word
                    if name == "intrazone-default":
                        filt.intrazone_action = action
                    else:
                        filt.default_action = action
                    filt.default_explicit = True
            for key in ("log-start", "log-end"):
                if _child(e, key) is not None:
                    info[key.replace("-", "_")] = bool(_yes(_child(e, key)))
            if _text(_child(e, "log-setting")):
                info["log_setting"] = _text(_child(e, "log-setting"))
            profiles = self.rule_profiles(_child(e, "profile-setting"), scope, self.loc(e), f"default rule {name}")
            if profiles:
                info["profiles"] = profiles
        intra = filt.extra["default_rules"]["intrazone-default"]
        inter = filt.extra["default_rules"]["interzone-default"]
        if intra["overridden"] or inter["overridden"]:
            lines = [str(x["line"]) for x in (intra, inter) if x["overridden"]]
            filt.default_note = (f"PAN-OS default rules (overridden at line {', '.join(lines)}): "
                                 f"intrazone-default {intra['action']}, interzone-default {inter['action']}")

    def nat_rule(self, e: list, where: str, label: str) -> None:
        def texts(n: list | None) -> list[str]:
            if n is None:
                return []
            return _members(n) or ([_text(n)] if _text(n) else [])

        st = _child(e, "source-translation")
        st_type = _kids(st)[0][TAG] if st is not None and _kids(st) else None
        st_addr: list[str] = []
        st_iface: list[str] = []
        stack = [st] if st is not None else []
        while stack:
            n = stack.pop()
            for k in _kids(n):
                if k[TAG] in ("translated-address", "ip", "floating-ip"):
                    st_addr.extend(texts(k))
                elif k[TAG] == "interface":
                    st_iface.extend(texts(k))
                else:
                    stack.append(k)
        dt = _child(e, "destination-translation") or _child(e, "dynamic-destination-translation")
        self.facts.setdefault("nat", []).append({
            "name": _name(e), "scope": where, "rulebase": label, "line": e[LINE], "end_line": e[END],
            "from": _members(_child(e, "from")), "to": _members(_child(e, "to")),
            "to_interface": _text(_child(e, "to-interface")) or None,
            "source": _members(_child(e, "source")), "destination": _members(_child(e, "destination")),
            "service": _text(_child(e, "service")) or None,
            "source_translation": st_type, "translated_source": st_addr, "translated_interface": st_iface or None,
            "bidirectional": bool(_yes(_path(st, "static-ip", "bi-directional"))),
            "translated_destination": texts(_child(dt, "translated-address")) if dt is not None else [],
            "translated_port": _int(_text(_child(dt, "translated-port"))) if dt is not None else None,
            "disabled": bool(_yes(_child(e, "disabled"))),
        })

    # ---- one security rule

    def rule_entries(self, rules: list) -> list[tuple[Any, str, dict, Location, Any]]:
        """(entry, name, fields, loc, warn) for each rule of a <rules> node, whichever way
        it was built (Python list nodes, or an ElementTree element for a fast segment)."""
        out = []
        if len(rules) == 10:
            return self.fast_entries(rules)
        for e in rules[KIDS]:
            if e.__class__ is not list:
                continue
            if e[TAG] != "entry":
                continue  # reported by the audit
            fields = {}
            for k in e[KIDS]:
                if k.__class__ is list and k[TAG] not in fields:  # repeated: the first (the audit reports)
                    fields[k[TAG]] = k
            loc = Location(self.file, e[LINE], e[END], self.line_text(e))
            out.append((e, _name(e), fields, loc, None))
        return out

    def fast_entries(self, rules: list) -> list:
        """Rules of a segment built by the C tree builder: lines from a scan of the text
        (the k-th `<entry` start tag is the k-th entry element in document order).
        Kept per segment (the audit and several policies may ask)."""
        hit = self.fast_memo.get(id(rules))
        if hit is None:
            hit = self.fast_memo[id(rules)] = self._fast_entries(rules)
        return hit

    def _fast_entries(self, rules: list) -> list:
        elem, a, b = rules[7], rules[8], rules[9]
        text = self.text
        spans = _comment_spans(text, a, b)
        positions: list[int] = []
        find = text.find
        i = find("<entry", a, b)
        while i >= 0:
            c = text[i + 6:i + 7]
            if c in (" ", ">", "/", "\t", "\n", "\r") and not (spans and _inside(spans, i)):
                positions.append(i)
            i = find("<entry", i + 6, b)
        all_entries = list(elem.iter("entry"))
        direct = [x for x in elem if x.tag == "entry"]  # other children: reported by the audit
        file = self.file
        if len(all_entries) != len(positions):  # pragma: no cover - defensive
            self.warn_at(Location(file, rules[LINE], rules[END], "<rules>"),
                          "rule lines could not be matched to the text; rules point at <rules>")
            loc = Location(file, rules[LINE], rules[END], "<rules>")
            return [(x, x.get("name", ""), _et_fields(x), loc, None) for x in direct]
        if len(all_entries) == len(direct):
            starts = positions
        else:  # entries nested in rules (Panorama targets): keep the rules' own
            pos_of = {id(x): p for x, p in zip(all_entries, positions)}
            starts = [pos_of[id(x)] for x in direct]
        out = []
        append = out.append
        line = rules[LINE]
        prev = a
        count = text.count
        rfind = text.rfind
        for x, p, nxt in zip(direct, starts, starts[1:] + [b]):
            line += count("\n", prev, p)
            prev = p
            close = rfind("</entry>", p, nxt)
            end = line + count("\n", p, close) if close >= 0 else line
            lt = _line_around(text, p, "\n") or ""
            lt = lt.strip()
            if len(lt) > 240 or not lt.startswith("<entry"):
                lt = "<entry" + "".join(f' {k}="{v}"' for k, v in x.attrib.items()) + ">"
            fields = {k.tag: k for k in x}
            if len(fields) != len(x):
                fields = _et_fields(x)  # a repeated element: the first is read (reported by the audit)
            append((x, x.get("name", ""), fields, Location(file, line, end, _fast_redact(lt)),
                    (p, close if close >= 0 else nxt)))
        return out

    def rule_child_loc(self, x: Any, pos: Any, loc: Location, tag: str) -> Location:
        """Where a child of a rule is (the first of its name): its own line."""
        if x.__class__ is list:
            k = _child(x, tag)
            return self.loc(k) if k is not None else loc
        if pos is None:
            return loc
        index = next((i for i, k in enumerate(x) if k.tag == tag), None)
        if index is None:
            return loc
        return self.offset_loc(self.text, pos[0], loc.line, (index,), pos[1], tag)

    def security_rule(self, x: Any, name: str, fields: dict, loc: Location, pos: Any, scope: _Scope,
                      vsys: str | None, label: str) -> Rule:
        refs = self.refs
        ctx = f"security rule {name}"
        approx: list[str] = []
        extra: dict[str, Any] = {"rulebase": label, "scope": vsys or scope.name}
        attrs = (x[ATTRS] or {}) if x.__class__ is list else x.attrib
        uuid = attrs.get("uuid")
        if uuid:
            extra["uuid"] = uuid
        get = fields.get
        # ---- action
        word = _ft(get("action")) or "allow"
        action = ACTIONS.get(word)
        if action is None:
            self.warn_at(self.rule_child_loc(x, pos, loc, "action"),
                          f"security rule '{name}': action '{word}' not understood (taken as deny)")
            action = DENY
        # ---- zones and rule type
        src_zones = self.zone_list(vsys, _fm(get("from")), loc, ctx)
        dst_zones = self.zone_list(vsys, _fm(get("to")), loc, ctx)
        rt = get("rule-type")
        rtype = (_ft(rt) or "universal") if rt is not None else "universal"
        extra["rule_type"] = rtype
        zone_pairs_approx = False
        if rtype == "intrazone":
            # Pairs (z, z) for z in the source zones: a product only with one zone.
            dst_zones = src_zones
            if src_zones is None or len(src_zones) > 1:
                zone_pairs_approx = True
                approx.append("intrazone rule" + (" from any zone" if src_zones is None else " with several zones")
                              + ": it applies only when source and destination zones are the same")
        elif rtype == "interzone":
            # Pairs (s, d) with s != d: exact when one side is a single zone or the sides are disjoint.
            universe = self.vsys_zones.get(vsys, ())
            if src_zones is not None and dst_zones is not None and not set(src_zones) & set(dst_zones):
                pass
            elif src_zones is not None and len(src_zones) == 1 and (dst_zones is not None or universe):
                dst_zones = tuple(z for z in (dst_zones or universe) if z != src_zones[0])
            elif dst_zones is not None and len(dst_zones) == 1 and (src_zones is not None or universe):
                src_zones = tuple(z for z in (src_zones or universe) if z != dst_zones[0])
            else:
                zone_pairs_approx = True
                approx.append("interzone rule: it applies only when source and destination zones differ")
        elif rtype != "universal":
            self.warn_at(self.rule_child_loc(x, pos, loc, "rule-type"),
                          f"security rule '{name}': rule-type '{rtype}' not understood (taken as universal)")
        if zone_pairs_approx:
            extra["zone_pairs_approximate"] = True
            if action != PERMIT:
                extra["unmapped_applications"] = True  # a deny is assumed not to match (engine flag)
        # ---- addresses
        ng = get("negate-source")
        src, notes = self.address_set(scope, _fm(get("source")), ng is not None and _fyes(ng), loc, ctx)
        if notes:
            approx.extend(notes)
        ng = get("negate-destination")
        dst, notes = self.address_set(scope, _fm(get("destination")), ng is not None and _fyes(ng), loc, ctx)
        if notes:
            approx.extend(notes)
        # ---- conditions headers cannot show
        l7: list[str] = []
        users: tuple[str, ...] = ()
        su = get("source-user")
        if not _any_only(su):
            users = tuple(u for u in _fm(su) if u != "any")
            if users:
                l7.append("source-user " + ", ".join(users))
                for u in users:
                    node, _ = scope.find("dynamic-user-group", u)
                    if node is not None:
                        refs.append(("dynamic-user-group", u, loc, ctx))
        cat = get("category")
        if not _any_only(cat):
            cats = [c for c in _fm(cat) if c != "any"]
            if cats:
                extra["category"] = cats
                l7.append("URL category " + ", ".join(cats))
        for key in _L7_FIELDS:  # HIP profiles; 5G subscriber, equipment and network slice
            h = get(key)
            if h is not None and not _any_only(h):
                hips = [v for v in _fm(h) if v not in ("any", "no-hip")]
                if hips:
                    extra[key.replace("-", "_")] = hips
                    l7.append(f"{key} " + ", ".join(hips))
        # ---- applications and services
        apps = tuple(_fm(get("application"))) or ("any",)
        svc_members = tuple(_fm(get("service"))) or ("any",)
        services, sflags = self.rule_services(scope, svc_members, apps, action, loc)
        if sflags["approx"]:
            approx.extend(sflags["approx"])
        if sflags["unresolved"]:
            extra["unresolved_services"] = sflags["unresolved"]
        if sflags["unmapped"]:
            extra["applications_unmapped"] = sflags["unmapped"]
            if action == PERMIT or not sflags["mapped_part"]:
                extra["unmapped_applications"] = True
        if sflags["service_any"]:
            extra["service_any"] = True
        if sflags["icmp"]:
            services = _icmp_of_family(services, src, dst, action == PERMIT, extra)
        for kind, rname in sflags["refs"]:
            refs.append((kind, rname, loc, ctx))
        if l7:
            if action == PERMIT:
                approx.append(" ; ".join(l7) + " (not visible in packet headers: assumed to match)")
            else:
                approx.append(" ; ".join(l7) + " (not visible in packet headers: this deny is assumed not to match)")
                extra["unmapped_applications"] = True
        # ---- profiles, logging, schedule, tags, misc
        ps = get("profile-setting")
        profiles = self.rule_profiles_cached(ps, scope, loc, ctx) if ps is not None else {}
        if "group" in profiles:
            extra["profile_group"] = profiles["group"]
        ls = get("log-start")
        log_start = ls is not None and _fyes(ls)
        le = get("log-end")
        log_end = True if le is None else _fyes(le)
        extra["log_start"] = log_start
        extra["log_end"] = log_end
        log_setting = _ft(get("log-setting")) or None
        extra["log_setting"] = log_setting
        if log_setting:
            refs.append(("log-forwarding-profile", log_setting, loc, ctx))
        sc = get("schedule")
        schedule = (_ft(sc) or None) if sc is not None else None
        expired = None
        if schedule:
            refs.append(("schedule", schedule, loc, ctx))
            expired = self.schedule_expired(scope, schedule)
        tg = get("tag")
        if tg is not None:
            tags = _fm(tg)
            if tags:
                extra["tags"] = tags
                for t in tags:
                    refs.append(("tag", t, loc, ctx))
        gt = get("group-tag")
        gtag = _ft(gt) if gt is not None else ""
        if gtag:
            extra["group_tag"] = gtag
            refs.append(("tag", gtag, loc, ctx))
        ds = get("disabled")
        disabled = ds is not None and _fyes(ds)
        if disabled:
            extra["disabled_line"] = self.rule_child_loc(x, pos, loc, "disabled").line
        target = get("target")
        if target is not None:
            t = target if target.__class__ is list else _et_node(target, loc.line)
            extra["target"] = {"devices": [_name(d) for d in _entries(_child(t, "devices"))],
                               "negate": bool(_yes(_child(t, "negate")))}
            if _members(_child(t, "tags")):
                extra["target"]["tags"] = _members(_child(t, "tags"))
        return Rule(
            action=action, src=src, dst=dst, services=services, loc=loc, vendor_action=word, name=name,
            remark=_ft(get("description")), log=log_start or log_end, enabled=not disabled,
            time_range=schedule, time_range_expired=expired, src_zones=src_zones, dst_zones=dst_zones,
            applications=() if apps == ("any",) else tuple(a for a in apps if a != "any"), profiles=profiles,
            approximations=tuple(dict.fromkeys(approx)) if approx else (), service_names=svc_members,
            users=users, extra=extra,
        )

    def zone_list(self, vsys: str | None, members: list[str], loc: Location, ctx: str) -> tuple[str, ...] | None:
        if not members or "any" in members:
            return None
        key = (vsys, tuple(members))
        out = self.zone_memo.get(key)
        if out is None:
            out = self.zone_memo[key] = tuple(self.zone_name(vsys, m) for m in members)
        if vsys is not None:
            refs = self.refs
            for z in out:
                refs.append(("zone", z, loc, ctx))
        return out

    def address_set(self, scope: _Scope, members: list[str], negated: bool, loc: Location,
                    ctx: str) -> tuple[AddressSet, tuple[str, ...]]:
        if not members or "any" in members:
            return AddressSet(any=True, negated=negated), ()
        key = tuple(members)
        hit = scope.list_memo.get(key)
        if hit is None:
            if len(key) == 1:
                hit = self.address_entry(scope, key[0])
            else:
                parts = [self.address_entry(scope, m) for m in key]
                hit = (tuple(dict.fromkeys(i for p in parts for i in p[0])),
                       tuple(dict.fromkeys(u for p in parts for u in p[1])),
                       tuple(dict.fromkeys(n for p in parts for n in p[2])),
                       tuple(r for p in parts for r in p[3]))
            scope.list_memo[key] = hit
        items, unresolved, notes, refs = hit
        append = self.refs.append
        for kind, name in refs:
            append((kind, name, loc, ctx))
        return AddressSet(items=items, negated=negated, names=key, unresolved=unresolved), notes

    def address_entry(self, scope: _Scope, name: str) -> tuple:
        """(items, unresolved, notes, refs) of one address operand, memoised per scope."""
        hit = scope.entry_memo.get(name)
        if hit is None:
            items, unresolved, notes = self.resolve_address(scope, name)
            kind = self.address_kind(scope, name)
            hit = scope.entry_memo[name] = (items, unresolved, notes, ((kind, name),) if kind else ())
        return hit

    def rule_services(self, scope: _Scope, svc_members: tuple, apps: tuple, action: str,
                      loc: Location) -> tuple[tuple[Service, ...], dict]:
        key = (svc_members, apps, action)
        hit = scope.svc_list_memo.get(key)
        if hit is not None:
            return hit
        approx: list[str] = []
        unresolved: list[str] = []
        unmapped: list[str] = []
        refs: list[tuple[str, str]] = []
        apps_any = "any" in apps
        app_svcs: list[Service] = []
        if not apps_any:
            for a in apps:
                s, u = self.resolve_app(scope, a)
                app_svcs.extend(s)
                unmapped.extend(u)
                kind = self.app_kind(scope, a)
                if kind:
                    refs.append((kind, a))
        unmapped = list(dict.fromkeys(unmapped))
        app_svcs = list(dict.fromkeys(app_svcs))
        service_any = False
        if "application-default" in svc_members:
            if len(svc_members) > 1:
                self.warn_at(loc, "service lists application-default together with other services "
                                   "(PAN-OS does not allow it); the others are ignored")
            if apps_any:
                services: tuple[Service, ...] = (ANY_SERVICE,)
                approx.append("application any with service application-default: each application only on its "
                              "own default ports (modelled as any service)")
            else:
                services = tuple(app_svcs)
                if unmapped:
                    if action == PERMIT:
                        unresolved.extend(unmapped)
                        approx.append(f"application {', '.join(unmapped)} not modelled: its default ports are "
                                      "unknown (assumed to match)")
                    else:
                        approx.append(f"application {', '.join(unmapped)} not modelled (this deny is assumed not "
                                      "to match it)")
        else:
            base: list[Service] = []
            if "any" in svc_members:
                base.append(ANY_SERVICE)
                service_any = not apps_any
            for m in svc_members:
                if m == "any":
                    continue
                s, u = self.resolve_service(scope, m)
                base.extend(s)
                unresolved.extend(u)
                kind = self.service_kind(scope, m)
                if kind:
                    refs.append((kind, m))
            if unresolved:
                approx.append(f"service {', '.join(dict.fromkeys(unresolved))} is not defined")
            base = list(dict.fromkeys(base))
            if apps_any:
                services = tuple(base)
            else:
                narrowed = _narrow(base, app_svcs)
                if unmapped:
                    if action == PERMIT:
                        services = tuple(base)
                        approx.append(f"application {', '.join(unmapped)} not modelled (assumed to match on the "
                                      "rule's services)")
                    else:
                        # The mapped applications' part is exact; with none mapped the services
                        # stay as written and extra['unmapped_applications'] makes the deny match nothing.
                        services = tuple(narrowed) if app_svcs else tuple(base)
                        approx.append(f"application {', '.join(unmapped)} not modelled (this deny is assumed not "
                                      "to match it)")
                else:
                    services = tuple(narrowed)
        flags = {"approx": approx, "unresolved": tuple(dict.fromkeys(unresolved)), "unmapped": tuple(unmapped),
                 "mapped_part": bool(app_svcs) or apps_any, "service_any": service_any, "refs": tuple(refs),
                 "icmp": any(s.protocol == ICMP or s.protocol == ICMP6 for s in services)}
        out = (services, flags)
        scope.svc_list_memo[key] = out
        return out

    def rule_profiles_cached(self, ps: Any, scope: _Scope, loc: Location, ctx: str) -> dict[str, str]:
        """rule_profiles, memoised on the shape of profile-setting (most rules share a group)."""
        if ps.__class__ is not list and len(ps) == 1 and ps[0].tag == "group" and len(ps[0]) == 1:
            key = ("group", ps[0][0].text)
        elif ps.__class__ is list:
            key = tuple((k[TAG], tuple(_members(k)), tuple((g[TAG], tuple(_members(g))) for g in _kids(k)))
                        for k in _kids(ps))
        else:
            key = tuple((k.tag, tuple(m.text for m in k if m.tag == "member"),
                         tuple((g.tag, tuple(m.text for m in g)) for g in k if g.tag != "member")) for k in ps)
        memo = scope.profile_memo
        hit = memo.get(key)
        if hit is None:
            before = len(self.refs)
            node = ps if ps.__class__ is list else _et_node(ps, loc.line)
            profiles = self.rule_profiles(node, scope, loc, ctx)
            refs = [(k, n) for k, n, _l, _c in self.refs[before:]]
            del self.refs[before:]
            hit = memo[key] = (profiles, refs)
        profiles, refs = hit
        for k, n in refs:
            self.refs.append((k, n, loc, ctx))
        return dict(profiles)

    def rule_profiles(self, ps: list | None, scope: _Scope, loc: Location, ctx: str) -> dict[str, str]:
        out: dict[str, str] = {}
        if ps is None:
            return out
        group = _members(_child(ps, "group"))
        if group:
            g = group[0]
            out["group"] = g
            node, _ = scope.find("profile-group", g)
            self.refs.append(("security-profile-group", g, loc, ctx))
            if node is not None:
                for ptype, key in PROFILE_KEYS.items():
                    m = _members(_child(node, ptype))
                    if m:
                        out[key] = m[0]
        profiles = _child(ps, "profiles")
        for k in _kids(profiles) if profiles is not None else []:
            key = PROFILE_KEYS.get(k[TAG])
            m = _members(k)
            if not m:
                continue
            out[key or k[TAG]] = m[0]
            if m[0] not in PREDEFINED_PROFILES:
                self.refs.append(("security-profile", m[0], loc, ctx))
        return out

    def schedule_expired(self, scope: _Scope, name: str) -> bool | None:
        node, _ = scope.find("schedule", name)
        if node is None:
            return None
        st = _child(node, "schedule-type")
        if _child(st, "recurring") is not None:
            return False
        nonrec = _child(st, "non-recurring")
        if nonrec is None:
            return None
        now = _now()
        ends = []
        for m in _members(nonrec):
            mm = _SCHEDULE_END.search(m)
            if mm is None:
                self.warn(nonrec, f"schedule '{name}': range '{m}' not understood")
                return None
            y, mo, d, h, mi = (int(x) for x in mm.groups())
            try:
                ends.append(datetime(y, mo, d, h, mi))
            except ValueError:
                self.warn(nonrec, f"schedule '{name}': range '{m}' not understood")
                return None
        if not ends:
            return None
        return max(ends) < now

    # ------------------------------------------------------------------ other references

    def scan_other_references(self, root: list, vsys_nodes: list, dg_nodes: list, device_entries: list) -> None:
        """Objects used outside security rules (NAT, decryption, PBF, QoS, DoS... rules):
        referred so that they are not reported unused."""
        kinds = {"address-object", "address-group", "service-object", "service-group", "external-list", "region",
                 "application-group", "application-filter", "application", "schedule", "tag"}
        names = {n: k for n, k in self.defined_names.items() if k in kinds}
        if not names:
            return
        fields = {"source", "destination", "service", "application", "translated-address", "tag",
                  "destination-translation", "source-translation", "static-ip", "dynamic-ip-and-port",
                  "dynamic-ip", "group-tag", "schedule"}
        containers = [c for c in [_child(root, "shared")] + vsys_nodes + dg_nodes if c is not None]
        for c in containers:
            for rb_tag in ("rulebase", "pre-rulebase", "post-rulebase"):
                rb = _child(c, rb_tag)
                if rb is None:
                    continue
                for kind in _kids(rb):
                    if kind[TAG] in ("security", "default-security-rules"):
                        continue
                    for e in _entries(_child(kind, "rules")):
                        loc = None
                        stack = [k for k in _kids(e) if k[TAG] in fields]
                        while stack:
                            n = stack.pop()
                            values = _members(n) or ([_text(n)] if _text(n) else [])
                            for v in values:
                                if v in names:
                                    loc = loc or Location(self.file, e[LINE], e[END], self.line_text(e))
                                    self.dev.refer(names[v], v, loc, f"{kind[TAG]} rule {_name(e)}")
                            stack.extend(_kids(n))


_LINE_LIMIT = 1024


def _xpath(path: list) -> str:
    """The XPath of the last node of `path` (nodes from the root), with entry names:
    /config/devices/entry[@name='localhost.localdomain']/deviceconfig/system."""
    parts = []
    for n in path:
        name = n[ATTRS].get("name") if n[ATTRS] else None
        parts.append(f"{n[TAG]}[@name='{name}']" if name is not None else n[TAG])
    return "/" + "/".join(parts)


def _line_around(text: Any, off: int, nl: Any) -> Any:
    """The line of `text` (str or bytes) holding offset `off`, or None when it is longer
    than _LINE_LIMIT on either side (a minified file: callers rebuild the start tag)."""
    lo = off - _LINE_LIMIT if off > _LINE_LIMIT else 0
    s = text.rfind(nl, lo, off)
    if s < 0 and lo > 0:
        return None
    e = text.find(nl, off, off + _LINE_LIMIT)
    if e < 0:
        if off + _LINE_LIMIT < len(text):
            return None
        e = len(text)
    return text[s + 1:e]


def _audit_et(el: Any, spec: dict, idx: tuple, odd: list) -> None:
    """The audit of an ElementTree subtree (a rule of a fast segment) against `spec`, as
    `_Run.audit` does on list nodes: (child indexes, what, detail) of every odd element
    into `odd`. `idx` holds the indexes from <rules> down to `el`."""
    members_ok = "member" in spec
    wildcard = spec.get("*")
    seen = None
    for i, k in enumerate(el):
        tag = k.tag
        if tag == "member":
            _audit_member(k, idx + (i,), members_ok, False, odd)
            continue
        sub = spec.get(tag, wildcard)
        if sub is None:
            odd.append((idx + (i,), "unknown", tag))
            continue
        if sub is IGN:
            continue
        if tag != "entry" and tag in spec:
            if seen is None:
                seen = {tag}
            elif tag in seen:
                if spec is _RULE_SPEC:  # the first of each name is read
                    odd.append((idx + (i,), "repeated", tag))
                    continue
                odd.append((idx + (i,), "repeated-inner", tag))
            else:
                seen.add(tag)
        if sub is M:
            if len(k):
                for j, m in enumerate(k):
                    if m.tag != "member":
                        odd.append((idx + (i, j), "unknown", m.tag))
                    elif len(m):
                        _audit_member(m, idx + (i, j), True, False, odd)
            elif k.text is not None and k.text.strip():
                odd.append((idx + (i,), "text", k.text.strip()))
        elif sub is V:
            for j, m in enumerate(k):
                if m.tag == "member":
                    _audit_member(m, idx + (i, j), False, True, odd)
                else:
                    odd.append((idx + (i, j), "unknown", m.tag))
        else:
            _audit_et(k, sub, idx + (i,), odd)


def _clean(el: Any, spec: dict) -> bool:
    """A quick look at an ElementTree subtree: True when `_audit_et` would find nothing
    (False may be a false alarm: the full audit decides)."""
    get = spec.get
    for k in el:
        sub = get(k.tag)
        if sub is M:
            if len(k):
                for m in k:
                    if m.tag != "member" or len(m):
                        return False
            elif k.text is not None and k.text.strip():
                return False
        elif sub is V:
            if len(k):
                return False
        elif sub is None:
            return False
        elif sub is not IGN:
            if len(k) > 1 and len({c.tag for c in k}) != len(k):
                return False
            if not _clean(k, sub):
                return False
    return True


def _audit_member(m: Any, idx: tuple, allowed: bool, value: bool, odd: list) -> None:
    """A <member> element of a fast segment: reported where no member list is expected
    (with its text, as `_Run.audit` does); elements inside it are never understood."""
    if not allowed and m.text is not None and m.text.strip():
        odd.append((idx, "member-value" if value else "member", m.text.strip()))
    for j, g in enumerate(m):
        odd.append((idx + (j,), "unknown", g.tag))


def _et_fields(x: Any) -> dict:
    """tag -> child of a rule element, the first of each tag."""
    out: dict = {}
    for k in x:
        if k.tag not in out:
            out[k.tag] = k
    return out


# A start or end tag (group 1: '/', group 2: the name, group 3: '/' when self-closing),
# or a comment, CDATA section, processing instruction or doctype (no name).
_TOKEN = re.compile(r"""<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>|<(/?)([^\s/>!?]+)(?:"[^"]*"|'[^']*'|[^'">])*?(/?)>""",
                    re.S)
_TOKEN_B = re.compile(_TOKEN.pattern.encode(), re.S)


def _child_offsets(buf: Any, start: int, end: int) -> list[int]:
    """Offsets of the direct child elements of the element whose start tag begins at
    buf[start] (document order)."""
    out = []
    depth = 0
    for m in (_TOKEN_B if buf.__class__ is bytes else _TOKEN).finditer(buf, start, end):
        if m.group(2) is None:
            continue
        if m.group(1):
            depth -= 1
            if depth <= 0:
                break
            continue
        depth += 1
        if depth == 2:
            out.append(m.start())
        if m.group(3):
            depth -= 1
            if depth <= 0:
                break
    return out


def _child_offset(buf: Any, start: int, index: int, end: int) -> int:
    """Offset of the `index`-th direct child element (0-based, document order) of the
    element whose start tag begins at buf[start], or -1."""
    depth = 0
    n = -1
    for m in (_TOKEN_B if buf.__class__ is bytes else _TOKEN).finditer(buf, start, end):
        if m.group(2) is None:
            continue
        if m.group(1):
            depth -= 1
            if depth <= 0:
                return -1
            continue
        depth += 1
        if depth == 2:
            n += 1
            if n == index:
                return m.start()
        if m.group(3):
            depth -= 1
            if depth <= 0:
                return -1
    return -1


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    from bisect import bisect_right

    i = bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _fm(x: Any) -> list[str]:
    """Members of a field: a list node or an ElementTree element."""
    if x is None:
        return []
    if x.__class__ is list:
        return _members(x)
    out = [m.text.strip() for m in x if m.tag == "member" and m.text]
    if "" in out:
        out = [m for m in out if m]
    return out


def _any_only(x: Any) -> bool:
    """A field absent or holding just `any` (the common case, checked cheaply)."""
    if x is None:
        return True
    if x.__class__ is list:
        k = x[KIDS]
        return len(k) == 1 and k[0].__class__ is str and k[0].strip() == "any"
    return len(x) == 1 and x[0].text == "any"


def _ft(x: Any) -> str:
    """Text of a leaf field: a list node or an ElementTree element."""
    if x is None:
        return ""
    if x.__class__ is list:
        return x[TEXT].strip()
    if len(x):
        return ""
    return (x.text or "").strip()


def _fyes(x: Any) -> bool:
    return _ft(x).lower() in ("yes", "true", "1", "enable", "enabled")


def _et_node(x: Any, line: int) -> list:
    """A small ElementTree subtree as list nodes (all at `line`)."""
    kids: list = []
    for k in x:
        if k.tag == "member":
            kids.append(k.text or "")
        else:
            kids.append(_et_node(k, line))
    return [x.tag, dict(x.attrib) or None, line, line, kids, "" if len(x) else (x.text or ""), -1]


def _fast_redact(text: str) -> str:
    """pan_redact, skipped when no trigger word occurs (most rule lines)."""
    low = text.lower()
    if ("pass" in low or "secret" in low or "key" in low or "communit" in low or "set" in low
            or "$9$" in low or "psk" in low or "auth" in low or "priv" in low or "ENC" in text):
        return pan_redact(text)
    return text


def _settings(n: list) -> dict:
    """The leaves under `n` as a dict (tag -> text), containers as nested dicts."""
    return {k[TAG]: _settings(k) if _kids(k) else _text(k) for k in _kids(n)}


def _int(text: str) -> int | None:
    try:
        return int(text.strip())
    except (ValueError, AttributeError):
        return None


def _only_family(a: AddressSet, optimistic: bool) -> int | None:
    """4 or 6 when every address an operand matches is of that family (as the engine
    reads it: unresolved names widen a permit to any address), else None."""
    if a.any or a.negated or not a.items or (a.unresolved and optimistic):
        return None
    items = a.items
    fam = items[0].family
    for item in items:
        if item.family != fam:
            return None
    return fam


def _icmp_of_family(services: tuple, src: AddressSet, dst: AddressSet, optimistic: bool, extra: dict) -> tuple:
    """ICMP (protocol 1) only travels in IPv4 packets and ICMPv6 (58) only in IPv6 ones:
    a rule whose addresses are all of one family drops the other family's ICMP services
    (the `ping` App-ID lists both echo requests; on an IPv4-only rule its ICMPv6 part would
    match 'ICMPv6 inside IPv4', which is no real packet). Rules open to both families keep
    both (the model has no per-service family)."""
    fam = _only_family(src, optimistic) or _only_family(dst, optimistic)
    if fam is None:
        return services
    other = ICMP6 if fam == 4 else ICMP
    kept = tuple(s for s in services if s.protocol != other)
    if len(kept) != len(services):
        extra["services_other_family"] = [s.describe() for s in services if s.protocol == other]
    return kept


def _narrow(base: list[Service], app_svcs: list[Service]) -> list[Service]:
    """The rule's services restricted to the IP protocols (and ICMP types) its
    applications run over: an App-ID on an explicit service uses that service's ports."""
    footprint: list[Service] = []
    for s in app_svcs:
        if s.protocol in (TCP, UDP, SCTP):
            footprint.append(Service(s.protocol))
        else:
            footprint.append(Service(s.protocol, icmp_type=s.icmp_type, icmp_code=s.icmp_code))
    footprint = list(dict.fromkeys(footprint))
    protos = {f.protocol for f in footprint}
    out: list[Service] = []
    for s in base:
        if s.protocol is None and not s.src_ports and not s.dst_ports:
            out.extend(footprint)
        elif s.protocol in protos or None in protos:
            out.append(s)
    return list(dict.fromkeys(out))
