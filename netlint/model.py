"""The vendor-independent model of a network device.

Every parser turns vendor text into these objects; nothing after the parsers ever
sees vendor syntax. Every object that came from a config keeps a `Location`
(file, first and last line, original text) so that every finding points at a line.

Conventions shared by all parsers:

* Addresses are integers. An `AddressSet` is a union of `AddressRange` and
  `AddressWildcard` items (a wildcard is Cisco's value/mask with non-contiguous
  "care" bits); `any=True` means every address of the rule's family.
* A rule's services are a union of `Service` entries (protocol, ports, ICMP type);
  an empty tuple means "matches no packet" (an empty service group), while
  `ANY_SERVICE` matches every protocol.
* Actions are normalised to ``permit`` and ``deny`` (reject, drop, reset count as
  deny; the vendor's word is kept in `Rule.vendor_action`). Chains with jumps
  (iptables, nftables) also use ``jump``, ``goto``, ``return`` and ``continue``
  (a non-terminating rule such as LOG or a counter).
* Secrets are never stored: a password, key or community becomes a `Secret`
  that knows only its storage type and whether it is a well-known default.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

PERMIT = "permit"
DENY = "deny"
JUMP = "jump"
GOTO = "goto"
RETURN = "return"
CONTINUE = "continue"
TERMINAL_ACTIONS = (PERMIT, DENY)

MAX_ADDR = {4: (1 << 32) - 1, 6: (1 << 128) - 1}
ADDR_BITS = {4: 32, 6: 128}

# IANA protocol numbers used across vendors.
PROTOCOL_NUMBERS: dict[str, int] = {
    "icmp": 1, "igmp": 2, "ipinip": 4, "ipip": 4, "tcp": 6, "egp": 8, "igrp": 9, "udp": 17,
    "gre": 47, "esp": 50, "ah": 51, "icmp6": 58, "icmpv6": 58, "ipv6-icmp": 58,
    "eigrp": 88, "ospf": 89, "nos": 94, "pim": 103, "pcp": 108, "vrrp": 112,
    "l2tp": 115, "sctp": 132,
}
PROTOCOL_NAMES: dict[int, str] = {
    1: "icmp", 2: "igmp", 4: "ipinip", 6: "tcp", 8: "egp", 9: "igrp", 17: "udp", 47: "gre",
    50: "esp", 51: "ah", 58: "icmp6", 88: "eigrp", 89: "ospf", 103: "pim", 112: "vrrp",
    115: "l2tp", 132: "sctp",
}
PORT_PROTOCOLS = frozenset({6, 17, 132})
ICMP_PROTOCOLS = frozenset({1, 58})


@dataclass(slots=True)
class Location:
    """Where an object came from: 1-based lines, inclusive; `text` is the original
    text of the first line (secrets already redacted by the parser)."""

    file: str
    line: int
    end_line: int = 0
    text: str = ""

    def __post_init__(self) -> None:
        if not self.end_line or self.end_line < self.line:
            self.end_line = self.line


# --------------------------------------------------------------------------- addresses


@dataclass(frozen=True, slots=True)
class AddressRange:
    """All addresses from `first` to `last` inclusive (a prefix is a special case)."""

    family: int
    first: int
    last: int

    @classmethod
    def from_network(cls, text: str) -> AddressRange:
        """'10.0.0.0/8', '10.0.0.1', '2001:db8::/32' -> range. Host bits are ignored."""
        net = ipaddress.ip_network(text, strict=False)
        return cls(net.version, int(net.network_address), int(net.broadcast_address))

    @classmethod
    def from_mask(cls, address: str, netmask: str) -> AddressRange:
        """'10.0.0.0', '255.0.0.0' -> range (a contiguous subnet mask)."""
        return cls.from_network(f"{address}/{netmask}")

    @classmethod
    def host(cls, address: str) -> AddressRange:
        ip = ipaddress.ip_address(address)
        return cls(ip.version, int(ip), int(ip))

    @classmethod
    def between(cls, first: str, last: str) -> AddressRange:
        a, b = ipaddress.ip_address(first), ipaddress.ip_address(last)
        if a.version != b.version:
            raise ValueError(f"address range mixes IPv4 and IPv6: {first}-{last}")
        if int(a) > int(b):
            raise ValueError(f"address range is reversed: {first}-{last}")
        return cls(a.version, int(a), int(b))

    @property
    def prefixlen(self) -> int | None:
        """Prefix length when the range is exactly one CIDR block, else None."""
        size = self.last - self.first + 1
        if size & (size - 1) or self.first & (size - 1):
            return None
        return ADDR_BITS[self.family] - (size.bit_length() - 1)

    def __str__(self) -> str:
        first = ipaddress.ip_address(self.first) if self.family == 4 else ipaddress.IPv6Address(self.first)
        plen = self.prefixlen
        if plen is not None:
            if plen == ADDR_BITS[self.family]:
                return str(first)
            return f"{first}/{plen}"
        last = ipaddress.ip_address(self.last) if self.family == 4 else ipaddress.IPv6Address(self.last)
        return f"{first}-{last}"

    def size(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True, slots=True)
class AddressWildcard:
    """Cisco wildcard match: an address matches when (address & care) == value.

    Only needed when the care bits are not contiguous (e.g. 10.0.0.1 0.0.255.0);
    parsers turn contiguous wildcards into `AddressRange`.
    """

    family: int
    value: int
    care: int

    @property
    def first(self) -> int:
        return self.value & self.care

    @property
    def last(self) -> int:
        return (self.value & self.care) | (MAX_ADDR[self.family] & ~self.care)

    def __str__(self) -> str:
        wild = MAX_ADDR[self.family] & ~self.care
        return f"{ipaddress.ip_address(self.value & self.care)} {ipaddress.ip_address(wild)}"

    def size(self) -> int:
        return 1 << bin(MAX_ADDR[self.family] & ~self.care).count("1")


def wildcard(address: str, wildcard_mask: str) -> AddressRange | AddressWildcard:
    """Cisco 'address wildcard' -> a range when the mask is contiguous, else a wildcard."""
    ip = ipaddress.ip_address(address)
    wild = int(ipaddress.ip_address(wildcard_mask))
    family = ip.version
    care = MAX_ADDR[family] & ~wild
    value = int(ip) & care
    if (wild + 1) & wild == 0:  # contiguous host bits: a prefix
        return AddressRange(family, value, value | wild)
    return AddressWildcard(family, value, care)


AddressItem = AddressRange | AddressWildcard


@dataclass(slots=True)
class AddressSet:
    """The source or destination of a rule.

    `items` is a union; `any` means every address (of the rule's family). `negated`
    inverts the whole set (PAN negate-source, FortiOS srcaddr-negate, iptables '!').
    `names` lists the objects/groups the rule named (for display and the worksheet).
    `unresolved` names what could not be turned into addresses (FQDN objects,
    dynamic groups, undefined names): the rule's match is then approximate.
    """

    items: tuple[AddressItem, ...] = ()
    any: bool = False
    negated: bool = False
    names: tuple[str, ...] = ()
    unresolved: tuple[str, ...] = ()

    @classmethod
    def anywhere(cls) -> AddressSet:
        return cls(any=True)

    def is_empty_match(self) -> bool:
        return not self.any and not self.items and not self.negated

    def families(self) -> set[int]:
        return {item.family for item in self.items}

    def describe(self) -> str:
        if self.any:
            text = "any"
        elif self.names:
            text = ",".join(self.names)
        elif self.items:
            text = ",".join(str(i) for i in self.items[:6]) + ("…" if len(self.items) > 6 else "")
        else:
            text = "(empty)"
        return ("!" + text) if self.negated else text


# --------------------------------------------------------------------------- services


PortRanges = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Service:
    """One protocol/port/ICMP combination. `protocol=None` means any IP protocol.
    Empty port tuples mean any port. ICMP type/code None means any."""

    protocol: int | None = None
    src_ports: PortRanges = ()
    dst_ports: PortRanges = ()
    icmp_type: int | None = None
    icmp_code: int | None = None
    name: str = ""

    def describe(self) -> str:
        if self.name:
            return self.name
        if self.protocol is None:
            return "any"
        proto = PROTOCOL_NAMES.get(self.protocol, str(self.protocol))
        if self.dst_ports:
            return f"{proto}/" + ",".join(f"{a}" if a == b else f"{a}-{b}" for a, b in self.dst_ports)
        if self.icmp_type is not None:
            return f"{proto}/type{self.icmp_type}" + (f"/code{self.icmp_code}" if self.icmp_code is not None else "")
        return proto


ANY_SERVICE = Service()


def port_ranges_not(ports: PortRanges) -> PortRanges:
    """Complement of port ranges within 0..65535 (for `neq` and negations)."""
    out: list[tuple[int, int]] = []
    nxt = 0
    for lo, hi in sorted(ports):
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = max(nxt, hi + 1)
    if nxt <= 65535:
        out.append((nxt, 65535))
    return tuple(out)


# --------------------------------------------------------------------------- rules and filters


@dataclass(slots=True)
class Rule:
    """One line/term/policy of a filter, in evaluation order."""

    action: str
    src: AddressSet
    dst: AddressSet
    services: tuple[Service, ...]
    loc: Location
    family: int | None = None  # 4, 6, or None for both
    vendor_action: str = ""  # the vendor's word: permit, accept, allow, drop, reject, reset-both...
    name: str = ""  # sequence number, term name, policy name/id
    remark: str = ""  # remark / description / comment attached to the rule
    log: bool = False
    enabled: bool = True
    established: bool | None = None  # True: only packets of existing connections; False: only new
    time_range: str | None = None  # name of a time-range / schedule
    time_range_expired: bool | None = None  # set by the parser when it can tell the schedule is over
    src_zones: tuple[str, ...] | None = None  # None = any zone
    dst_zones: tuple[str, ...] | None = None
    in_interfaces: tuple[str, ...] | None = None  # None = any interface
    out_interfaces: tuple[str, ...] | None = None
    in_interfaces_negated: bool = False
    out_interfaces_negated: bool = False
    applications: tuple[str, ...] = ()  # PAN-OS App-IDs as written ('any' omitted)
    profiles: dict[str, str] = field(default_factory=dict)  # security profiles: ips, av, url, waf, ...
    jump: str | None = None  # target filter for jump/goto
    approximations: tuple[str, ...] = ()  # why the match is not exact (FQDN, unknown App-ID, ...)
    service_names: tuple[str, ...] = ()  # service objects/groups named by the rule
    users: tuple[str, ...] = ()  # identity conditions (users, groups, security groups); the rule is narrower than its addresses
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_terminal(self) -> bool:
        return self.action in TERMINAL_ACTIONS

    def signature(self) -> str:
        """A vendor-independent description of what the rule matches and does,
        stable across renumbering and reordering (used in fingerprints)."""
        parts = [
            self.action,
            self.jump or "",
            str(self.family or ""),
            self.src.describe(),
            ",".join(str(i) for i in self.src.items),
            self.dst.describe(),
            ",".join(str(i) for i in self.dst.items),
            ";".join(
                f"{s.protocol}:{s.src_ports}:{s.dst_ports}:{s.icmp_type}:{s.icmp_code}" for s in self.services
            ),
            str(self.established),
            ",".join(self.src_zones or ()),
            ",".join(self.dst_zones or ()),
            ",".join(self.in_interfaces or ()),
            ",".join(self.out_interfaces or ()),
            ",".join(self.applications),
        ]
        return "|".join(parts)

    def describe_services(self) -> str:
        if not self.services:
            return "(none)"
        if self.service_names:
            return ",".join(self.service_names)
        return ",".join(s.describe() for s in self.services)


@dataclass(slots=True)
class Filter:
    """An ordered rule list evaluated first-match: an ACL, a Junos firewall filter,
    a zone-based security policy (rules carry src/dst zones), or an iptables/nftables
    chain (rules may jump to other filters of the same device).

    `default_action` applies when no rule matches (Cisco's implicit deny, a chain
    policy, SRX default-policy, FortiOS implicit deny). For zone-based policies
    `intrazone_action`, when set, is the default for traffic whose source and
    destination zone are the same (PAN-OS intrazone-default allow).
    A user chain (`kind='chain'`, `is_base=False`) returns to its caller at its end.
    """

    name: str
    kind: str  # acl | standard-acl | firewall-filter | security-policy | chain
    rules: list[Rule] = field(default_factory=list)
    default_action: str = DENY
    default_note: str = ""  # e.g. "implicit deny at the end of every Cisco ACL"
    default_explicit: bool = False  # the config states the default (chain policy, default-policy)
    loc: Location | None = None
    family: int | None = None
    stateful: bool = False  # return traffic of permitted connections bypasses the rules
    intrazone_action: str | None = None
    is_base: bool = True  # False for user-defined chains (they return at their end)
    hook: str | None = None  # iptables/nftables hook: input, forward, output, ...
    priority: int = 0  # nftables base-chain priority
    table: str | None = None
    remark: str = ""
    zones: tuple[str, ...] = ()  # zones a zone-based policy knows (for intrazone defaults)
    extra: dict[str, Any] = field(default_factory=dict)
    # False for a chain that sees other traffic than IP packets (nftables arp and bridge
    # tables): what it accepts or drops says nothing of the IP packets of the model.
    ip_traffic: bool = True
    # The line that states the default (a chain's policy), when it is not `loc`'s.
    default_loc: Location | None = None


# --------------------------------------------------------------------------- interfaces, VLANs, routes, zones


@dataclass(slots=True)
class InterfaceAddress:
    family: int
    address: int  # the interface's own address
    prefixlen: int
    secondary: bool = False

    @property
    def network(self) -> AddressRange:
        bits = ADDR_BITS[self.family]
        size = 1 << (bits - self.prefixlen)
        first = self.address & ~(size - 1) & MAX_ADDR[self.family]
        return AddressRange(self.family, first, first + size - 1)

    def __str__(self) -> str:
        return f"{ipaddress.ip_address(self.address)}/{self.prefixlen}"


@dataclass(slots=True)
class Interface:
    name: str
    loc: Location | None = None
    description: str = ""
    addresses: list[InterfaceAddress] = field(default_factory=list)
    shutdown: bool = False
    # Layer 2
    switchport: bool = False
    mode: str | None = None  # access | trunk | dynamic-auto | dynamic-desirable | routed
    access_vlan: int | None = None
    trunk_allowed_vlans: tuple[int, ...] | None = None  # None = all (no allowed list)
    native_vlan: int | None = None
    nonegotiate: bool = False
    vlan_id: int | None = None  # for SVIs (interface Vlan10) and subinterfaces (encapsulation dot1q)
    # Layer 3 / firewall
    nameif: str | None = None  # ASA nameif
    zone: str | None = None  # vendor zone (SRX, PAN, FortiOS zone) this interface belongs to
    security_level: int | None = None  # ASA security-level
    role: str | None = None  # FortiOS role: lan, wan, dmz, undefined
    vrf: str | None = None
    filter_in: str | None = None  # name of the inbound filter bound to the interface
    filter_out: str | None = None
    filter_in6: str | None = None
    filter_out6: str | None = None
    management_access: tuple[str, ...] = ()  # services the device accepts on this interface (allowaccess, host-inbound)
    nat_outside: bool = False  # 'ip nat outside' and similar hints of an external interface
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.nameif})" if self.nameif else self.name

    @property
    def is_svi(self) -> bool:
        return self.vlan_id is not None and self.name.lower().startswith("vlan")


@dataclass(slots=True)
class Vlan:
    id: int
    name: str = ""
    loc: Location | None = None


@dataclass(slots=True)
class Route:
    destination: AddressRange
    next_hop: str | None = None
    interface: str | None = None
    distance: int | None = None
    loc: Location | None = None
    vrf: str | None = None

    @property
    def is_default(self) -> bool:
        return self.destination.first == 0 and self.destination.last == MAX_ADDR[self.destination.family]


@dataclass(slots=True)
class Zone:
    """A vendor-defined security zone (SRX security-zone, PAN zone, FortiOS zone,
    ASA nameif seen as a zone)."""

    name: str
    interfaces: list[str] = field(default_factory=list)
    loc: Location | None = None
    management_access: tuple[str, ...] = ()  # host-inbound system-services, management profile services
    management_loc: Location | None = None  # the line that grants management_access


# --------------------------------------------------------------------------- objects and references


@dataclass(slots=True)
class NamedObject:
    """A defined, named structure: an ACL, an address/service object or group, a
    time-range, a zone... `kind` uses a small shared vocabulary: 'acl',
    'address-object', 'address-group', 'service-object', 'service-group',
    'protocol-group', 'icmp-group', 'time-range', 'schedule', 'zone', 'chain',
    'prefix-list', 'application-group'."""

    kind: str
    name: str
    loc: Location
    members: tuple[str, ...] = ()
    description: str = ""


@dataclass(slots=True)
class Reference:
    """A use of a named structure, with where and how it is used."""

    kind: str
    name: str
    loc: Location
    context: str = ""  # e.g. 'interface Gi0/1 inbound', 'line vty access-class', 'nested group'


# --------------------------------------------------------------------------- management plane


@dataclass(slots=True)
class Secret:
    """A password, key or community, without its value.

    `storage` is how the config keeps it: 'plaintext', 'reversible' (Cisco type 7,
    Junos $9$, FortiOS ENC with the default key), 'encrypted' (reversible only with a
    device key, e.g. IOS type 6 AES), 'md4', 'md5', 'sha1', 'sha256', 'sha512',
    'scrypt', 'pbkdf2', 'bcrypt', 'hash' (a one-way hash of unknown kind) or 'unknown'.
    `default_value` is the value itself only when it is a well-known default or
    guessable string (public, private, cisco...); otherwise it is None.
    """

    storage: str = "unknown"
    default_value: str | None = None
    length: int | None = None

    WELL_KNOWN = frozenset({
        "public", "private", "cisco", "community", "secret", "password", "admin", "manager",
        "snmp", "snmpd", "default", "test", "monitor", "read", "write", "netman", "security",
        "fortinet", "paloalto", "juniper", "changeme", "root", "123456", "12345678",
    })

    @classmethod
    def from_value(cls, value: str, storage: str = "plaintext") -> Secret:
        """Keep only what checks need; a well-known value is kept by name."""
        known = value if storage == "plaintext" and value.lower() in cls.WELL_KNOWN else None
        return cls(storage=storage, default_value=known, length=len(value) if storage == "plaintext" else None)

    def __str__(self) -> str:
        return self.default_value if self.default_value else "<redacted>"


@dataclass(slots=True)
class ManagementService:
    """A way to manage the device: telnet, ssh, http, https, snmp, ftp, tftp, api...

    `allowed_sources` lists who may use it (ASA 'ssh 10.0.0.0 255.0.0.0 inside',
    FortiOS trusthosts); empty with `acl=None` means anyone who can reach it.
    `interfaces` limits it to interfaces/zones (empty = all).
    """

    protocol: str
    enabled: bool = True
    loc: Location | None = None
    version: str | None = None
    acl: str | None = None  # name of a filter restricting it
    allowed_sources: list[AddressRange] = field(default_factory=list)
    interfaces: list[str] = field(default_factory=list)
    port: int | None = None
    explicit: bool = True  # False when enabled only by platform default
    note: str = ""


@dataclass(slots=True)
class SnmpCommunity:
    secret: Secret
    access: str = "ro"  # ro | rw
    acl: str | None = None
    version: str = "2c"
    loc: Location | None = None
    hosts: list[str] = field(default_factory=list)  # managers allowed to use it, where the platform lists them (ASA, FortiOS)


@dataclass(slots=True)
class SnmpUser:
    name: str
    auth: str | None = None  # md5, sha, sha-256...
    priv: str | None = None  # des, aes128...
    loc: Location | None = None


@dataclass(slots=True)
class SnmpGroup:
    """An SNMP group (IOS, ASA, EOS `snmp-server group`): for SNMPv3, the lowest
    security level its users may use. `level` is 'noauth' (noAuthNoPriv), 'auth'
    (authNoPriv) or 'priv' (authPriv); None for v1/v2c groups."""

    name: str
    version: str = "3"  # '1' | '2c' | '3'
    level: str | None = None
    loc: Location | None = None


@dataclass(slots=True)
class LocalUser:
    name: str
    loc: Location | None = None
    privilege: int | None = None  # Cisco 0-15; others map admin roles to 15
    role: str = ""  # vendor role/class/profile name
    secret: Secret | None = None  # None = no password at all
    key_auth: bool = False  # SSH public key configured
    trusted_hosts: list[AddressRange] = field(default_factory=list)
    two_factor: bool = False
    builtin: bool = False  # a platform account that always exists (Junos root): not a shared-account finding
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. remote_auth: authenticated by a server, no local password


@dataclass(slots=True)
class AaaServer:
    protocol: str  # tacacs+ | radius | ldap
    address: str
    loc: Location | None = None
    key: Secret | None = None


@dataclass(slots=True)
class Aaa:
    enabled: bool = False  # aaa new-model or equivalent
    loc: Location | None = None
    servers: list[AaaServer] = field(default_factory=list)
    login_methods: list[str] = field(default_factory=list)  # e.g. ['group tacacs+', 'local']
    authorization_commands: bool = False
    accounting_commands: bool = False
    accounting_loc: Location | None = None


@dataclass(slots=True)
class LogHost:
    address: str
    loc: Location | None = None
    transport: str = "udp"  # udp | tcp | tls
    port: int | None = None
    interface: str | None = None


@dataclass(slots=True)
class VtyLine:
    """A remote login line (IOS 'line vty 0 4'); other vendors may fill it for their
    CLI access settings: the ASA's ssh, telnet and ASDM sessions, EOS `management ssh`,
    and a Junos login class (its `idle-timeout` applies to every session of its users).
    Only lines named 'vty...' are remote login lines in the sense of an access-class."""

    name: str
    loc: Location | None = None
    access_class_in: str | None = None
    access_class_in6: str | None = None
    transport_input: tuple[str, ...] | None = None  # None = platform default
    exec_timeout: int | None = None  # seconds; 0 = never times out; None = default
    # What the platform applies when exec_timeout is None (seconds; 0 = never; None =
    # not known): IOS 600 (10 minutes), EOS SSH/telnet 0, ASA console 0, Junos login class 0.
    default_timeout: int | None = None
    login: str = ""  # '', 'local', 'line', 'authentication <list>', 'none'
    password: Secret | None = None
    access_class_out: str | None = None
    privilege: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Management:
    services: list[ManagementService] = field(default_factory=list)
    ssh_version: str | None = None  # '1', '2', '1.99'/'1,2' (both), None = platform default
    ssh_version_loc: Location | None = None
    snmp_communities: list[SnmpCommunity] = field(default_factory=list)
    snmp_users: list[SnmpUser] = field(default_factory=list)
    aaa: Aaa = field(default_factory=Aaa)
    users: list[LocalUser] = field(default_factory=list)
    enable_secret: Secret | None = None  # the enable/privileged password, if any
    enable_loc: Location | None = None
    password_encryption: bool | None = None  # 'service password-encryption' (type 7, reversible)
    log_hosts: list[LogHost] = field(default_factory=list)
    logging_enabled: bool | None = None  # False when logging is switched off as a whole (ASA 'no logging enable')
    log_timestamps: bool | None = None
    log_timestamps_loc: Location | None = None
    ntp_servers: list[str] = field(default_factory=list)
    ntp_authenticated: bool = False
    banners: dict[str, str] = field(default_factory=dict)  # motd/login/exec -> text
    lines: list[VtyLine] = field(default_factory=list)
    idle_timeout: int | None = None  # device-wide admin idle timeout (seconds)
    idle_timeout_loc: Location | None = None
    # What the platform applies when idle_timeout is None (seconds; 0 = never; None = not
    # known, or no device-wide timeout): FortiOS admintimeout 5 minutes, PAN-OS 60 minutes.
    idle_timeout_default: int | None = None
    facts: dict[str, Any] = field(default_factory=dict)  # other vendor-neutral facts (cdp, source-route...)
    # A device-wide password for remote CLI login where no user or AAA applies (the
    # ASA's `passwd`), and where it is set.
    login_password: Secret | None = None
    login_password_loc: Location | None = None
    # The platform's password-strength rules for local accounts: True when enforced,
    # False when explicitly switched off (NX-OS `no password strength-check`, PAN-OS
    # password-complexity `enabled no`), None when the config does not say.
    password_complexity: bool | None = None
    password_complexity_loc: Location | None = None
    # Whether the superuser 'root' may log in directly over SSH (Junos `root-login
    # allow`); None when the config does not say.
    remote_root_login: bool | None = None
    remote_root_login_loc: Location | None = None
    # SSH algorithms the device offers, as configured, with OpenSSH names in lower case
    # ('diffie-hellman-group1-sha1', '3des-cbc', 'hmac-md5'): keys 'kex', 'cipher',
    # 'mac'; absent = the platform default. Where each list is configured:
    ssh_algorithms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ssh_algorithms_loc: dict[str, Location] = field(default_factory=dict)
    # False when the device is told to also accept weak ciphers and hashes for its
    # administrative HTTPS/SSH (FortiOS `strong-crypto disable`); None = not said.
    strong_crypto: bool | None = None
    strong_crypto_loc: Location | None = None
    snmp_groups: list[SnmpGroup] = field(default_factory=list)

    def local_user(self, name: str, loc: Location | None) -> LocalUser:
        """The local account of that name, added on its first mention (IOS-like configs
        repeat `username NAME ...` lines for one account)."""
        user = next((u for u in self.users if u.name == name), None)
        if user is None:
            user = LocalUser(name=name, loc=loc)
            self.users.append(user)
        return user

    def service(self, protocol: str) -> list[ManagementService]:
        return [s for s in self.services if s.protocol == protocol]


# --------------------------------------------------------------------------- wireless and remote access


@dataclass(slots=True)
class WirelessNetwork:
    """An SSID the device serves (FortiOS wireless-controller vap, Cisco WLC/IOS-XE wlan)."""

    ssid: str
    loc: Location | None = None
    security: str = "other"  # open | owe | wep | wpa-psk | wpa2-psk | wpa3-sae | wpa-enterprise | wpa2-enterprise | wpa3-enterprise | other
    cipher: str | None = None  # tkip | aes | tkip-aes | gcmp
    vlan: int | None = None
    guest: bool = False  # a guest/visitor network (from its name, portal or config)
    passphrase: Secret | None = None
    bridged_internal: bool = False  # guest traffic bridged into an internal network/VLAN
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class RemoteAccess:
    """A remote-access VPN terminating on the device (SSL-VPN, dial-up IPsec, AnyConnect,
    GlobalProtect). None means the config does not say."""

    kind: str  # ssl-vpn | ipsec | anyconnect | globalprotect
    name: str
    loc: Location | None = None
    enabled: bool = True
    mfa: bool | None = None  # a second factor (token, OTP, certificate plus password)
    client_certificate: bool | None = None
    auth_method: str = ""  # psk | certificate | radius | ldap | local | saml | eap
    encryption: list[str] = field(default_factory=list)  # aes256, aes128, 3des, des...
    integrity: list[str] = field(default_factory=list)  # sha256, sha1, md5...
    dh_groups: list[int] = field(default_factory=list)
    min_tls: str | None = None  # '1.2'
    tunnel_zone: str | None = None  # the interface/zone remote users' traffic comes from (ssl.root, tunnel.1)
    extra: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- the device


@dataclass(slots=True)
class ParseWarning:
    loc: Location
    message: str = "line not understood"


@dataclass(slots=True)
class Suppression:
    """An inline `netlint: ignore[RULE_ID,...] reason` comment (contract section 6).
    It applies to findings whose lines include `target_line`: the line it is on, or,
    when the comment stands alone (a comment line, a remark), the next line."""

    rule_ids: tuple[str, ...]
    reason: str
    loc: Location
    target_line: int


@dataclass(slots=True)
class Device:
    hostname: str
    vendor: str
    file: str
    os_version: str | None = None
    os_version_loc: Location | None = None
    model: str | None = None  # hardware platform when the config shows it
    interfaces: list[Interface] = field(default_factory=list)
    vlans: list[Vlan] = field(default_factory=list)
    filters: dict[str, Filter] = field(default_factory=dict)
    global_filters_in: list[str] = field(default_factory=list)  # ASA 'access-group X global'
    objects: list[NamedObject] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    zones: list[Zone] = field(default_factory=list)
    management: Management = field(default_factory=Management)
    parse_warnings: list[ParseWarning] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    wireless: list[WirelessNetwork] = field(default_factory=list)
    remote_access: list[RemoteAccess] = field(default_factory=list)
    # Platform behaviour the parser knows and the analysis needs, vendor-neutral:
    security_levels: bool = False  # no ACL on an interface: higher -> lower security level is permitted
    same_security_permitted: bool = False  # traffic between equal security levels permitted
    stateful: bool = False
    # False when the config cannot show the device's management plane at all (an
    # iptables-save or nft ruleset says nothing of sshd, users or syslog): management
    # checks then report nothing rather than "missing".
    management_visible: bool = True
    line_count: int = 0
    # Vendor-neutral facts. Keys the checks read: 'profile_kinds' (tuple of the security
    # profile kinds the platform attaches to policy rules: 'ips', 'av', 'url', 'waf',
    # 'app', 'dns'), 'remote_access', 'wireless'.
    facts: dict[str, Any] = field(default_factory=dict)

    def interface(self, name: str) -> Interface | None:
        for iface in self.interfaces:
            if iface.name == name or iface.nameif == name:
                return iface
        return None

    def warn(self, loc: Location, message: str = "line not understood") -> None:
        self.parse_warnings.append(ParseWarning(loc, message))

    def define(self, kind: str, name: str, loc: Location, members: tuple[str, ...] = (), description: str = "") -> None:
        self.objects.append(NamedObject(kind, name, loc, members, description))

    def refer(self, kind: str, name: str, loc: Location, context: str = "") -> None:
        self.references.append(Reference(kind, name, loc, context))


class ParseError(Exception):
    """A file no parser can read at all (empty, binary, truncated XML...). The CLI turns
    it into one sentence on stderr and exit code 2. `line` is 1-based when known."""

    def __init__(self, file: str, message: str, line: int | None = None):
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")
