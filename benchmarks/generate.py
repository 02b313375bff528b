"""Generators of large, realistic inputs for the benchmarks (never committed outputs).

`acl_lines()` writes a Cisco IOS extended ACL with ClassBench-like field
distributions (Taylor & Turner, "ClassBench: a packet classification benchmark"):
nested prefixes drawn from an address tree (hosts inside /24s inside /16s inside
org blocks), exact destination ports for well-known services most of the time, some
port ranges, "gt 1023" and "any"; mostly permits with a block of /32 denies at the top
(the DDoS-style list), a few deliberate duplicates and overlaps, and a final deny.
"""

from __future__ import annotations

import ipaddress
import random

WELL_KNOWN = [(443, 30), (80, 15), (22, 8), (53, 6), (1521, 5), (3389, 3), (8080, 4), (25, 3), (445, 2),
              (389, 2), (636, 2), (123, 2), (161, 2), (3306, 2), (5432, 2), (8443, 4), (9443, 2), (21, 1), (23, 1)]


class AddressTree:
    """Org blocks -> /16 -> /24 -> hosts, so that prefixes nest as in real rule bases."""

    def __init__(self, rng: random.Random, orgs: int = 6, per_org: int = 60, per16: int = 24, per24: int = 8):
        self.rng = rng
        firsts = rng.sample([a for a in range(1, 224) if a not in (127,)], min(orgs, 200))
        self.orgs = [ipaddress.ip_network(f"{a}.0.0.0/8") for a in firsts]
        self.nets16, self.nets24, self.hosts = [], [], []
        for org in self.orgs:
            for b in rng.sample(range(256), min(per_org, 256)):
                n16 = ipaddress.ip_network(f"{org.network_address.packed[0]}.{b}.0.0/16")
                self.nets16.append(n16)
                for c in rng.sample(range(256), min(per16, 256)):
                    n24 = ipaddress.ip_network(f"{org.network_address.packed[0]}.{b}.{c}.0/24")
                    self.nets24.append(n24)
                    for _ in range(per24):
                        self.hosts.append(n24.network_address + rng.randint(1, 254))

    def pick(self, weights: tuple[int, int, int, int, int]) -> str:
        """An IOS address: any / host / a /24 / a /16 / an org block, by weight."""
        kind = self.rng.choices(["any", "host", "24", "16", "org"], weights=weights)[0]
        if kind == "any":
            return "any"
        if kind == "host":
            return f"host {self.rng.choice(self.hosts)}"
        net = self.rng.choice({"24": self.nets24, "16": self.nets16, "org": self.orgs}[kind])
        return f"{net.network_address} {net.hostmask}"


def _port(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.70:
        port = rng.choices([p for p, _ in WELL_KNOWN], weights=[w for _, w in WELL_KNOWN])[0]
        return f" eq {port}"
    if r < 0.82:
        lo = rng.randint(1024, 60000)
        return f" range {lo} {lo + rng.randint(1, 2000)}"
    if r < 0.84:
        return " gt 1023"
    if r < 0.85:
        return " lt 1024"
    return ""


def tree_for(n: int, rng: random.Random) -> AddressTree:
    """An address tree that grows with the rule count, as ClassBench scales its seeds,
    so that 1x, 2x and 4x inputs have the same statistics."""
    scale = max(1.0, n / 10_000)
    return AddressTree(rng, orgs=int(6 * scale))


def acl_lines(n: int, seed: int = 42, name: str = "BIG_ACL") -> list[str]:
    rng = random.Random(seed)
    tree = tree_for(n, rng)
    lines = [f"ip access-list extended {name}"]
    ddos = min(200, max(1, n // 50))  # a blocklist of a few hundred /32s, as edge ACLs carry
    for _ in range(ddos):
        lines.append(f" deny ip host {ipaddress.ip_address(rng.getrandbits(32) | 0x01000000)} any")
    body = []
    for _ in range(n - ddos - 1):
        proto = rng.choices(["tcp", "udp", "icmp", "ip"], weights=[70, 20, 5, 5])[0]
        src = tree.pick((6, 40, 38, 14, 2))
        dst = tree.pick((2, 52, 36, 9, 1))
        # Real rule bases rarely hold broad any-any rules: keep 'any' to one side.
        if src == "any" and dst == "any":
            dst = tree.pick((0, 45, 35, 12, 3))
        if proto == "ip" and "any" in (src, dst):
            src, dst = tree.pick((0, 40, 40, 18, 2)), tree.pick((0, 52, 36, 11, 1))
        action = "permit" if rng.random() < 0.85 else "deny"
        line = f" {action} {proto} {src}"
        if proto in ("tcp", "udp") and rng.random() < 0.05:
            line += " gt 1023"
        line += f" {dst}"
        if proto in ("tcp", "udp"):
            line += _port(rng)
        elif proto == "icmp" and rng.random() < 0.7:
            line += rng.choice([" echo", " echo-reply", " unreachable", " time-exceeded"])
        if rng.random() < 0.01 and body:
            line = rng.choice(body)  # an accidental duplicate, as found in old rule bases
        body.append(line)
    lines.extend(body)
    lines.append(" deny ip any any log")
    return lines


def ios_config(n_rules: int, seed: int = 42) -> str:
    """A small router config holding one large ACL bound to an interface."""
    head = [
        "hostname bench-rtr",
        "version 17.9",
        "service timestamps log datetime msec",
        "interface GigabitEthernet0/0",
        " description uplink",
        " ip address 192.0.2.1 255.255.255.0",
        " ip access-group BIG_ACL in",
        "!",
    ]
    return "\n".join(head + acl_lines(n_rules, seed) + ["end", ""])


def packets(n: int, n_rules: int, seed: int = 7, acl_seed: int = 42) -> list[dict]:
    """Query packets biased towards the ACL's own addresses and ports."""
    rng = random.Random(seed)
    tree = tree_for(n_rules, random.Random(acl_seed))
    out = []
    for _ in range(n):
        proto = rng.choices(["tcp", "udp", "icmp"], weights=[75, 20, 5])[0]
        src = str(rng.choice(tree.hosts)) if rng.random() < 0.8 else str(ipaddress.ip_address(rng.getrandbits(32)))
        dst = str(rng.choice(tree.hosts)) if rng.random() < 0.8 else str(ipaddress.ip_address(rng.getrandbits(32)))
        pkt = {"src": src, "dst": dst, "proto": proto}
        if proto != "icmp":
            pkt["sport"] = rng.randint(1024, 65535)
            pkt["dport"] = rng.choices([p for p, _ in WELL_KNOWN], weights=[w for _, w in WELL_KNOWN])[0] \
                if rng.random() < 0.8 else rng.randint(1, 65535)
        else:
            pkt["icmp_type"] = rng.choice([0, 3, 8, 11])
        out.append(pkt)
    return out


def ios_switch_config(target_lines: int = 2000, seed: int = 3) -> str:
    """A realistic IOS-XE core switch of about `target_lines` lines: access ports on
    several stacks, VLANs with SVIs and ACLs, a few hundred ACL entries, management."""
    rng = random.Random(seed)
    out = ["! generated by benchmarks/generate.py: a core switch for the start-up benchmark",
           "version 17.9", "service timestamps log datetime msec localtime show-timezone",
           "service password-encryption", "hostname bench-core-sw", "!", "aaa new-model",
           "aaa authentication login default group tacacs+ local",
           "aaa accounting commands 15 default start-stop group tacacs+", "!"]
    vlans = list(range(10, 410, 10))
    for v in vlans:
        out += [f"vlan {v}", f" name SEG{v}", "!"]
    acl_entries = 0
    for v in vlans:
        out += [f"ip access-list extended SEG{v}_IN"]
        for _ in range(8):
            port = rng.choice([22, 80, 443, 1521, 3306, 8080, 8443])
            out.append(f" remark CHG-{rng.randint(1000, 9999)} application flow")
            out.append(f" permit tcp 10.{v // 10}.0.0 0.0.255.255 10.{rng.choice(vlans) // 10}.{rng.randint(0, 255)}.0 0.0.0.255 eq {port}")
            acl_entries += 1
        out += [" deny ip any any log", "!"]
    stack = 1
    while len(out) < target_lines - 200:
        for port in range(1, 49):
            v = rng.choice(vlans)
            out += [f"interface GigabitEthernet{stack}/0/{port}", f" description desk-{stack}-{port}",
                    " switchport mode access", f" switchport access vlan {v}", " switchport nonegotiate",
                    " spanning-tree portfast", "!"]
            if len(out) >= target_lines - 200:
                break
        stack += 1
    for v in vlans:
        out += [f"interface Vlan{v}", f" description SEG{v} gateway", f" ip address 10.{v // 10}.0.1 255.255.0.0",
                f" ip access-group SEG{v}_IN in", "!"]
    out += ["ip route 0.0.0.0 0.0.0.0 10.0.0.1", "ip ssh version 2", "no ip http server", "ip http secure-server",
            "logging host 10.99.0.20", "ntp server 10.99.0.10", "tacacs server TAC1", " address ipv4 10.99.0.30",
            " key 7 0822455D0A16", "access-list 10 permit 10.99.0.0 0.0.0.255",
            "snmp-server community Xk92-long-random RO 10", "line vty 0 15", " access-class 10 in",
            " exec-timeout 10 0", " transport input ssh", "!", "end"]
    return "\n".join(out) + "\n"


# =========================================================================== scale: one large IOS-XE config

# Application tiers a broker's data-centre ACLs are written around (name, usual ports).
APP_TIERS = [("WEB", [443, 80, 8443]), ("APP", [8080, 8443, 9443]), ("ORDER", [9443, 9876, 9877]),
             ("FIX", [9876, 9877, 9878]), ("MDATA", [30001, 30002]), ("ORA", [1521, 1522]),
             ("SQL", [1433, 3306, 5432]), ("MQ", [1414, 5672, 61616]), ("AD", [389, 636, 88, 445]),
             ("DNS", [53]), ("NTP", [123]), ("SYSLOG", [514, 6514]), ("BACKUP", [10000, 13724]),
             ("MON", [161, 10050, 10051]), ("JUMP", [22, 3389]), ("RISK", [8080, 8443]),
             ("CLEAR", [9443, 22]), ("SETTLE", [443, 1521]), ("CRM", [443, 8443]), ("HR", [443])]
# The well-known names IOS prints instead of numbers in ACLs and service groups, per protocol.
IOS_PORT_NAMES = {"tcp": {80: "www", 53: "domain", 25: "smtp", 21: "ftp", 23: "telnet"},
                  "udp": {53: "domain", 123: "ntp", 161: "snmp", 514: "syslog"}}
UDP_PORTS = frozenset({53, 123, 161, 514, 30001, 30002})


def _proto_of(port: int) -> str:
    return "udp" if port in UDP_PORTS else "tcp"


def _ios_port(port: int, proto: str = "tcp") -> str:
    return IOS_PORT_NAMES[proto].get(port, str(port))


def _change(rng: random.Random) -> str:
    """A change ticket, as remarks and comments carry them (article 10.1)."""
    return f"CHG-{rng.randint(2016, 2025)}-{rng.randint(1, 1999):04d}"


def ios_large_config(lines: int = 50_000, acl_entries: int = 20_000, seed: int = 11) -> str:
    """One IOS-XE config of about `lines` lines holding about `acl_entries` ACL entries:
    the HQ campus / data-centre aggregation switch of a large broker (a Catalyst 9600
    pair in StackWise Virtual), which also filters between every application segment.

    * ACLs: one per application segment (`SEG-<tier>-<n>-IN`, about 300 entries each,
      so 40-80 ACLs at 20,000 entries), numbered in steps of 10, a remark with a change
      ticket above about one entry in four, entries naming network object-groups
      (nested: a tier's group includes its hosts' groups) and service object-groups,
      ClassBench-like addresses from the same nested address tree as `acl_lines()`, a
      few accidental duplicates, and a final logged deny;
    * one VLAN and one SVI per segment (four SVIs per ACL), each SVI binding its ACL;
    * hundreds of physical ports (the remaining lines) and the management plane.

    Deterministic for a given seed; `lines` and `acl_entries` scale independently.
    """
    rng = random.Random(seed)
    tree = tree_for(acl_entries, rng)
    n_acls = max(2, round(acl_entries / 300))
    n_vlans = n_acls * 4
    out: list[str] = [
        "Building configuration...", "", "Current configuration : 2718281 bytes", "!",
        "! Last configuration change at 02:10:44 CST Sat Mar 15 2025 by netops.lin",
        "!", "version 17.9", "service timestamps debug datetime msec localtime show-timezone",
        "service timestamps log datetime msec localtime show-timezone", "service password-encryption",
        "service sequence-numbers", "no service pad", "no platform punt-keepalive disable-kernel-core",
        "!", "hostname tpe-hq-agg01", "!", "vrf definition Mgmt-vrf", " !", " address-family ipv4",
        " exit-address-family", "!", "logging buffered 512000 informational", "no logging console",
        "enable secret 9 $9$kV0rQ3mZ1xT8yB$Fk3LwT0mS9pQxR7nC2vB5zA1dE6gH4jK8lM0oP2qR4s", "!",
        "aaa new-model", "aaa group server tacacs+ TACACS-GRP", " server name TAC-TPE-1",
        " server name TAC-TPE-2", " ip vrf forwarding Mgmt-vrf", "!",
        "aaa authentication login default group TACACS-GRP local",
        "aaa authorization exec default group TACACS-GRP local",
        "aaa authorization commands 15 default group TACACS-GRP local",
        "aaa accounting exec default start-stop group TACACS-GRP",
        "aaa accounting commands 15 default start-stop group TACACS-GRP", "!", "aaa session-id common",
        "clock timezone CST 8 0", "switch 1 provision c9606r", "switch 2 provision c9606r", "!",
        "ip routing", "ip domain name example-sec.com.tw", "ip name-server 10.240.0.53", "!",
        "login block-for 120 attempts 5 within 60", "login on-failure log", "login on-success log", "!",
        "spanning-tree mode rapid-pvst", "spanning-tree extend system-id", "!",
        "username netops.lin privilege 15 secret 9 $9$Qm2vB7xR4tY1zC$H5jK8lM0nB3vC6xZ9aS2dF5gH8jK1lZ4xC7vB0nM3qW",
        "!", "redundancy", " mode sso", "!",
    ]
    # ---- VLANs: one per segment, named after its application tier
    seg_names = []
    for i in range(n_vlans):
        tier = APP_TIERS[i % len(APP_TIERS)][0]
        seg_names.append(f"{tier}-{i // len(APP_TIERS) + 1:02d}")
    vlan_ids = [100 + i for i in range(n_vlans)]
    for v, name in zip(vlan_ids, seg_names):
        out += [f"vlan {v}", f" name {name}", "!"]

    # ---- network object-groups: hosts of each segment, nested into per-tier groups
    host_groups: list[str] = []
    for i in range(n_acls * 6):
        name = f"NG-{seg_names[i % n_vlans]}-HOSTS-{i // n_vlans + 1}"
        out += [f"object-group network {name}", f" description {_change(rng)} servers of {seg_names[i % n_vlans]}"]
        for _ in range(rng.randint(3, 12)):
            r = rng.random()
            if r < 0.65:
                out.append(f" host {rng.choice(tree.hosts)}")
            elif r < 0.92:
                net = rng.choice(tree.nets24)
                out.append(f" {net.network_address} {net.netmask}")
            else:
                base = rng.choice(tree.hosts)
                out.append(f" range {base} {base + rng.randint(1, 9)}")
        if host_groups and rng.random() < 0.15:  # nested: an older group kept inside the new one
            out.append(f" group-object {rng.choice(host_groups)}")
        host_groups.append(name)
        out.append("!")
    tier_groups = []
    for t, (tier, _) in enumerate(APP_TIERS):
        name = f"NG-TIER-{tier}"
        members = [g for g in host_groups if g.startswith(f"NG-{tier}-")][:8]
        if not members:
            continue
        out += [f"object-group network {name}", f" description every {tier} segment"]
        out += [f" group-object {g}" for g in members]
        out.append("!")
        tier_groups.append(name)
    # ---- service object-groups per tier (nested: ALL-APP includes each tier's ports)
    svc_groups = []
    for tier, ports in APP_TIERS:
        name = f"SG-{tier}"
        out.append(f"object-group service {name}")
        for p in ports:
            proto = _proto_of(p)
            out.append(f" {proto} eq {_ios_port(p, proto)}")
        if rng.random() < 0.3:
            lo = rng.randint(20000, 40000)
            out.append(f" tcp range {lo} {lo + rng.randint(5, 50)}")
        out.append("!")
        svc_groups.append(name)
    out += ["object-group service SG-ALL-APP", " description every application port"]
    out += [f" group-object {g}" for g in svc_groups[:8]]
    out.append("!")
    svc_groups.append("SG-ALL-APP")

    # ---- the segment ACLs
    acl_names = [f"SEG-{seg_names[i]}-IN" for i in range(n_acls)]
    per_acl = [acl_entries // n_acls + (1 if i < acl_entries % n_acls else 0) for i in range(n_acls)]
    for a, (name, count) in enumerate(zip(acl_names, per_acl)):
        out.append(f"ip access-list extended {name}")
        seq = 10
        body: list[str] = []
        ddos = min(20, count // 15)  # a short blocklist of /32s at the top
        for _ in range(ddos):
            body.append(f"deny ip host {ipaddress.ip_address(rng.getrandbits(32) | 0x01000000)} any log")
        for _ in range(count - ddos - 1):
            r = rng.random()
            action = "permit" if rng.random() < 0.88 else "deny"
            if r < 0.22:  # group to group on a tier's service group
                entry = (f"{action} object-group {rng.choice(svc_groups)} object-group {rng.choice(host_groups)} "
                         f"object-group {rng.choice(host_groups + tier_groups)}")
            elif r < 0.40:  # tcp from a group to one address, exact port
                port = rng.choice(APP_TIERS[a % len(APP_TIERS)][1])
                proto = _proto_of(port)
                entry = (f"{action} {proto} object-group {rng.choice(host_groups)} {tree.pick((2, 52, 36, 9, 1))} "
                         f"eq {_ios_port(port, proto)}")
            else:  # plain addresses, as acl_lines() draws them
                proto = rng.choices(["tcp", "udp", "icmp", "ip"], weights=[70, 20, 5, 5])[0]
                src = tree.pick((6, 40, 38, 14, 2))
                dst = tree.pick((2, 52, 36, 9, 1))
                if src == "any" and dst == "any":
                    dst = tree.pick((0, 45, 35, 12, 3))
                if proto == "ip" and "any" in (src, dst):
                    src, dst = tree.pick((0, 40, 40, 18, 2)), tree.pick((0, 52, 36, 11, 1))
                entry = f"{action} {proto} {src} {dst}"
                if proto in ("tcp", "udp"):
                    entry += _port(rng)
                elif proto == "icmp" and rng.random() < 0.7:
                    entry += rng.choice([" echo", " echo-reply", " unreachable", " time-exceeded"])
            if rng.random() < 0.01 and body:
                entry = rng.choice(body)  # an accidental duplicate
            body.append(entry)
        body.append("deny ip any any log")
        for entry in body:
            if entry.startswith("permit") and rng.random() < 0.25:
                out.append(f" remark {_change(rng)} {rng.choice(['application flow', 'batch job', 'vendor support', 'monitoring', 'new release'])}")
            out.append(f" {seq} {entry}")
            seq += 10
        out.append("!")
    out += ["ip access-list standard ACL-VTY", " 10 permit 10.240.0.0 0.0.0.255", " 20 deny any log", "!",
            "ip access-list standard ACL-SNMP", " 10 permit host 10.240.0.40", " 20 deny any log", "!"]

    # ---- SVIs: one per VLAN, each segment's ACL bound inbound
    svis = []
    for i, v in enumerate(vlan_ids):
        net = ipaddress.ip_network(f"10.{1 + i // 200}.{i % 200}.0/24")
        svis += [f"interface Vlan{v}", f" description {seg_names[i]} gateway",
                 f" ip address {net.network_address + 2} {net.netmask}",
                 f" standby 1 ip {net.network_address + 1}", " standby 1 priority 110", " standby 1 preempt",
                 f" ip access-group {acl_names[i % n_acls]} in", " no ip redirects", " no ip proxy-arp", "!"]
    mgmt = [
        "interface GigabitEthernet0/0", " vrf forwarding Mgmt-vrf", " ip address 10.240.0.11 255.255.255.0",
        " negotiation auto", "!",
        "ip forward-protocol nd", "no ip http server", "no ip http secure-server",
        "ip route 0.0.0.0 0.0.0.0 10.255.0.1", "ip route vrf Mgmt-vrf 0.0.0.0 0.0.0.0 10.240.0.1",
        "ip ssh version 2", "ip ssh time-out 60", "ip tacacs source-interface Vlan999", "!",
        "logging trap informational", "logging source-interface GigabitEthernet0/0 vrf Mgmt-vrf",
        "logging host 10.240.0.20 vrf Mgmt-vrf", "logging host 10.240.0.21 vrf Mgmt-vrf",
        "snmp-server group NMS v3 priv read NMS-VIEW access ACL-SNMP", "snmp-server view NMS-VIEW iso included",
        "snmp-server location Taipei HQ, DC1 row C rack 07", "snmp-server contact noc@example-sec.com.tw", "!",
        "tacacs server TAC-TPE-1", " address ipv4 10.240.0.30", " key 7 0822455D0A1606181C1B0D", "!",
        "tacacs server TAC-TPE-2", " address ipv4 10.240.0.31", " key 7 0822455D0A1606181C1B0D", "!",
        "control-plane", " service-policy input system-cpp-policy", "!",
        "banner login ^C", "Example Securities Co., Ltd. - authorised personnel only.", "^C", "!",
        "line con 0", " exec-timeout 10 0", " stopbits 1",
        "line vty 0 15", " access-class ACL-VTY in vrf-also", " exec-timeout 10 0", " transport input ssh", "!",
        "ntp server vrf Mgmt-vrf 10.240.0.10", "ntp server vrf Mgmt-vrf 10.240.0.11", "!", "end",
    ]
    # ---- physical ports fill what remains: server and access-switch uplinks, 48 per line card
    ports: list[str] = []
    budget = lines - len(out) - len(svis) - len(mgmt)
    sw, slot, port = 1, 1, 1
    while len(ports) < budget - 8:
        name = f"TwentyFiveGigE{sw}/{slot}/0/{port}"
        r = rng.random()
        if r < 0.08:
            ports += [f"interface {name}", " description spare", " switchport access vlan 999",
                      " switchport mode access", " shutdown", "!"]
        elif r < 0.25:
            allowed = sorted(rng.sample(vlan_ids, min(6, len(vlan_ids))))
            ports += [f"interface {name}", f" description trunk to tpe-acc{rng.randint(1, 300):03d} Te1/1/1",
                      " switchport trunk native vlan 999",
                      f" switchport trunk allowed vlan {','.join(map(str, allowed))}",
                      " switchport mode trunk", " switchport nonegotiate", " spanning-tree guard root", "!"]
        else:
            v = rng.choice(vlan_ids)
            ports += [f"interface {name}", f" description srv-{rng.randint(1000, 9999)} ({seg_names[v - 100]})",
                      f" switchport access vlan {v}", " switchport mode access", " switchport nonegotiate",
                      " spanning-tree portfast", " spanning-tree bpduguard enable", "!"]
        port += 1
        if port > 48:
            port, slot = 1, slot + 1
            if slot > 6:
                slot, sw = 1, sw + 1
    return "\n".join(out + ports + svis + mgmt) + "\n"


# =========================================================================== scale: a 1,000-device repository
#
# The network of a large broker, as its config repository holds it (one file per device):
#
#   internet --- dcN-edge-fw01 (PAN-OS: untrust / dmz / trust)
#                     |
#                dcN-core-fw01 (ASA: outside / inside / wan) --- dcN-wan-hub01 (IOS-XE) === branch firewalls
#                     |                                                                     (FortiOS, ASA,
#            dcN-core01, dcN-core02 (NX-OS: PROD / UAT / MGMT SVIs with ACLs)               PAN-OS, SRX)
#              |            |                                                                    |
#   leaves (L2: NX-OS in DC1,   dcN-exch-fw01 (SRX) --- leased line to the exchange       brNNN-core01 (IOS L3:
#   EOS in DC2)                 dcN-labgwNN (iptables) --- VPN to the vendor's test lab    USERS / MGMT SVIs)
#                                                                                               |
#                                                                                         brNNN-accNN (IOS L2)
#
# Two data centres (DC1 Taipei, DC2 Taichung), branch 0 is the head-office campus, the others are
# branches; each branch reaches the data centres (and the internet, egress is central) over
# its firewall's WAN link to one hub. Addressing (the policy's zones are lists of site subnets):
#
#   prod   10.<dc>.0.0/16          one /24 per PROD VLAN (100-163 at 1,000 devices, fewer below) on the DC cores
#   uat    10.<10+dc>.0.0/16       one /24 per UAT VLAN (200-231 at 1,000 devices)
#   mgmt   10.<20+dc>.0.0/22 (DC), the .31 /24 of each branch block
#   users  the first /20 of each branch block; branch block = 10.64.0.0/10 + branch * /19
#   dmz    172.16.<16*(dc-1)+k>.0/24 on the edge firewalls' DMZ subinterfaces
#   transit /30s from 10.255.0.0/16 (in no zone: links between devices)
#   exchange 192.0.2.128/25 (partner), vendor-lab 172.31.0.0/16 (partner), internet the rest.

PROD_VLANS = list(range(100, 164))
UAT_VLANS = list(range(200, 232))
USER_VLANS = list(range(300, 316))
MGMT_VLAN = 99
PARK_VLAN = 999


class _Plan:
    """Addresses of every site and the /30s between devices, handed out deterministically."""

    def __init__(self, rng: random.Random, n_branches: int, prod_vlans: int = 64, uat_vlans: int = 32) -> None:
        self.rng = rng
        self.n_branches = n_branches
        self.prod_vlans = PROD_VLANS[:prod_vlans]  # the server segments grow with the network
        self.uat_vlans = UAT_VLANS[:uat_vlans]
        self._transit = ipaddress.ip_network("10.255.0.0/16").subnets(new_prefix=30)
        self._transit29 = ipaddress.ip_network("10.254.0.0/16").subnets(new_prefix=29)

    # ---- data centres (dc = 1 or 2)
    @staticmethod
    def prod(dc: int, vlan: int) -> ipaddress.IPv4Network:
        return ipaddress.ip_network(f"10.{dc}.{vlan - 100}.0/24")

    @staticmethod
    def uat(dc: int, vlan: int) -> ipaddress.IPv4Network:
        return ipaddress.ip_network(f"10.{10 + dc}.{vlan - 200}.0/24")

    @staticmethod
    def dc_mgmt(dc: int) -> ipaddress.IPv4Network:
        return ipaddress.ip_network(f"10.{20 + dc}.0.0/22")

    @staticmethod
    def dmz(dc: int, k: int) -> ipaddress.IPv4Network:
        return ipaddress.ip_network(f"172.16.{16 * (dc - 1) + k}.0/24")

    # ---- branches (0 = head office)
    @staticmethod
    def branch_block(b: int) -> ipaddress.IPv4Network:
        return ipaddress.ip_network((int(ipaddress.ip_address("10.64.0.0")) + b * 8192, 19))

    def users(self, b: int, k: int) -> ipaddress.IPv4Network:
        return ipaddress.ip_network((int(self.branch_block(b).network_address) + k * 256, 24))

    def users_block(self, b: int) -> ipaddress.IPv4Network:
        return ipaddress.ip_network((int(self.branch_block(b).network_address), 20))

    def br_mgmt(self, b: int) -> ipaddress.IPv4Network:
        return ipaddress.ip_network((int(self.branch_block(b).network_address) + 31 * 256, 24))

    def transit(self) -> ipaddress.IPv4Network:
        return next(self._transit)

    def transit29(self) -> ipaddress.IPv4Network:
        return next(self._transit29)

    # ---- hosts for rules
    def server(self, zone: str, dc: int | None = None) -> ipaddress.IPv4Address:
        rng = self.rng
        dc = dc or rng.choice((1, 2))
        if zone == "prod":
            net = self.prod(dc, rng.choice(self.prod_vlans))
        elif zone == "uat":
            net = self.uat(dc, rng.choice(self.uat_vlans))
        elif zone == "dmz":
            net = self.dmz(dc, rng.randrange(8))
        else:
            net = self.dc_mgmt(dc)
        return net.network_address + rng.randint(10, 250)

    def subnet(self, zone: str, dc: int | None = None) -> ipaddress.IPv4Network:
        rng = self.rng
        dc = dc or rng.choice((1, 2))
        if zone == "prod":
            return self.prod(dc, rng.choice(self.prod_vlans))
        if zone == "uat":
            return self.uat(dc, rng.choice(self.uat_vlans))
        if zone == "dmz":
            return self.dmz(dc, rng.randrange(8))
        return self.dc_mgmt(dc)


def _wild(net: ipaddress.IPv4Network) -> str:
    """IOS address form of a network: 'host a.b.c.d' or 'net wildcard'."""
    if net.prefixlen == 32:
        return f"host {net.network_address}"
    return f"{net.network_address} {net.hostmask}"


def _flow_entries(rng: random.Random, plan: _Plan, src_nets: list, n: int, dcs=(1, 2)) -> list[tuple]:
    """(action, proto, src network, dst network, port or None) of a site's outbound allow-list:
    mostly users to PROD/DMZ web front-ends and application ports, some to UAT, infra
    services in MGMT; a few denies; ClassBench-like nesting (hosts inside /24s inside /16s)."""
    out = []
    for _ in range(n):
        src = rng.choice(src_nets)
        if rng.random() < 0.3:  # one host or a /27 of the source segment
            if rng.random() < 0.5:
                src = ipaddress.ip_network(f"{src.network_address + rng.randint(2, 250)}/32")
            else:
                src = ipaddress.ip_network((int(src.network_address) + 32 * rng.randrange(8), 27))
        zone = rng.choices(["prod", "dmz", "uat", "mgmt"], weights=[60, 20, 12, 8])[0]
        dc = rng.choice(dcs)
        r = rng.random()
        if r < 0.55:
            dst = ipaddress.ip_network(f"{plan.server(zone, dc)}/32")
        elif r < 0.9:
            dst = plan.subnet(zone, dc)
        else:
            dst = ipaddress.ip_network(f"10.{dc if zone == 'prod' else 10 + dc if zone == 'uat' else 20 + dc}.0.0/16") \
                if zone != "dmz" else ipaddress.ip_network(f"172.16.{16 * (dc - 1)}.0/20")
        if zone == "mgmt":
            port = rng.choice([53, 123, 514, 49, 88, 389])
        else:
            tier = rng.choice(APP_TIERS[:9])
            port = rng.choice(tier[1])
        proto = _proto_of(port)
        action = "permit" if rng.random() < 0.9 else "deny"
        if rng.random() < 0.04:
            proto, port = "icmp", None
        out.append((action, proto, src, dst, port))
    return out


# --------------------------------------------------------------------------- Cisco IOS-XE

def _ios_head(hostname: str, model: str, version: str, mgmt_hosts: dict, extra_aaa: bool = True) -> list[str]:
    return [
        "Building configuration...", "", f"Current configuration : {random.Random(hostname).randint(60000, 250000)} bytes",
        "!", f"! Last configuration change at 03:1{len(hostname) % 10}:22 CST Fri Mar 14 2025 by netops", "!",
        f"version {version}", "service timestamps debug datetime msec localtime show-timezone",
        "service timestamps log datetime msec localtime show-timezone", "service password-encryption",
        "no service pad", "!", f"hostname {hostname}", "!", "vrf definition Mgmt-vrf", " !",
        " address-family ipv4", " exit-address-family", "!", "logging buffered 64000 informational",
        "no logging console", "enable secret 9 $9$nB4vC7xZ1aS2dF$Lq8wE3rT6yU9iO2pA5sD8fG1hJ4kL7zX0cV3bN6mQ9w", "!",
        "aaa new-model", "aaa group server tacacs+ TACACS-GRP", " server name TAC-1", " server name TAC-2", "!",
        "aaa authentication login default group TACACS-GRP local",
        "aaa authorization exec default group TACACS-GRP local",
        "aaa authorization commands 15 default group TACACS-GRP local",
        "aaa accounting exec default start-stop group TACACS-GRP",
        "aaa accounting commands 15 default start-stop group TACACS-GRP", "!", "aaa session-id common",
        "clock timezone CST 8 0", f"switch 1 provision {model}", "!", "ip domain name example-sec.com.tw",
        f"ip name-server {mgmt_hosts['dns']}", "!", "login block-for 120 attempts 5 within 60",
        "login on-failure log", "login on-success log", "!", "spanning-tree mode rapid-pvst",
        "spanning-tree extend system-id", "!",
        "username netops privilege 15 secret 9 $9$Rt5yU8iO1pA4sD$Zx7cV0bN3mQ6wE9rT2yU5iO8pA1sD4fG7hJ0kL3zX6c", "!",
    ]


def _ios_tail(mgmt_hosts: dict, mgmt_src: str, vrf: bool = False) -> list[str]:
    v = " vrf Mgmt-vrf" if vrf else ""
    return [
        "ip ssh version 2", "ip ssh time-out 60", "no ip http server", "no ip http secure-server", "!",
        "ip access-list standard ACL-VTY", f" 10 permit {mgmt_hosts['jump']} 0.0.0.255", " 20 deny any log", "!",
        "ip access-list standard ACL-SNMP", f" 10 permit host {mgmt_hosts['nms']}", " 20 deny any log", "!",
        "logging trap informational", f"logging source-interface {mgmt_src}{v}",
        f"logging host {mgmt_hosts['syslog']}{v}",
        "snmp-server group NMS v3 priv read NMS-VIEW access ACL-SNMP", "snmp-server view NMS-VIEW iso included",
        "snmp-server contact noc@example-sec.com.tw", "!",
        "tacacs server TAC-1", f" address ipv4 {mgmt_hosts['tacacs']}", " key 7 0822455D0A1606181C1B0D", "!",
        "tacacs server TAC-2", f" address ipv4 {mgmt_hosts['tacacs2']}", " key 7 0822455D0A1606181C1B0D", "!",
        "banner login ^C", "Example Securities Co., Ltd. - authorised personnel only.", "^C", "!",
        "line con 0", " exec-timeout 10 0", " stopbits 1",
        "line vty 0 15", " access-class ACL-VTY in", " exec-timeout 10 0", " transport input ssh", "!",
        f"ntp server{v} {mgmt_hosts['ntp']}", "!", "end",
    ]


def _mgmt_hosts(dc: int = 1) -> dict:
    m = _Plan.dc_mgmt(dc).network_address
    return {"dns": m + 53, "ntp": m + 10, "syslog": m + 20, "tacacs": m + 30, "tacacs2": m + 31,
            "nms": m + 40, "jump": ipaddress.ip_address(int(m) + 256)}


def _ios_access_port(rng: random.Random, name: str, vlans: list[int], nac: bool = True) -> list[str]:
    """An access port of a campus switch: 802.1X/MAB (IBNS), port-security, DHCP snooping;
    some ports unused and parked, a few unused and forgotten (not shut down)."""
    r = rng.random()
    if r < 0.12:
        return [f"interface {name}", " description UNUSED", f" switchport access vlan {PARK_VLAN}",
                " switchport mode access", " shutdown", "!"]
    if r < 0.14:
        return [f"interface {name}", f" switchport access vlan {rng.choice(vlans)}", " switchport mode access", "!"]
    v = rng.choice(vlans)
    lines = [f"interface {name}", f" description desk-{rng.randint(100, 999)}-{rng.choice('ABCDEFGH')}{rng.randint(1, 40)}",
             f" switchport access vlan {v}", " switchport mode access", " switchport nonegotiate"]
    if nac:
        lines += [" switchport port-security maximum 3", " switchport port-security violation restrict",
                  " switchport port-security", " ip dhcp snooping limit rate 15",
                  f" authentication event server dead action authorize vlan {v}",
                  " authentication host-mode multi-auth", " authentication order dot1x mab",
                  " authentication priority dot1x mab", " authentication port-control auto",
                  " authentication periodic", " authentication timer reauthenticate server", " mab",
                  " dot1x pae authenticator", " dot1x timeout tx-period 10"]
    return lines + [" spanning-tree portfast", " spanning-tree bpduguard enable", "!"]


def ios_access_switch(hostname: str, mgmt_ip: ipaddress.IPv4Address, mgmt_net: ipaddress.IPv4Network,
                      user_vlans: list[int], target_lines: int, seed: int) -> str:
    """A campus access switch (Catalyst 9300 stack, layer 2): 802.1X ports, a trunk to the
    branch core, management on VLAN 99 with `ip default-gateway`."""
    rng = random.Random(seed)
    hosts = _mgmt_hosts(1)
    out = _ios_head(hostname, "c9300-48p", rng.choice(["17.9", "17.6", "17.12", "16.12"]), hosts)
    out += ["ip dhcp snooping vlan " + ",".join(map(str, user_vlans)), "ip dhcp snooping", "!",
            "dot1x system-auth-control", "!"]
    for v in user_vlans:
        out += [f"vlan {v}", f" name USERS-{v - 299:02d}", "!"]
    out += [f"vlan {MGMT_VLAN}", " name MGMT", "!", f"vlan {PARK_VLAN}", " name PARKING", "!"]
    tail = _ios_tail(hosts, f"Vlan{MGMT_VLAN}")
    uplink = ["interface TenGigabitEthernet1/1/1", f" description uplink to {hostname.rsplit('-', 1)[0]}-core01",
              f" switchport trunk native vlan {PARK_VLAN}",
              f" switchport trunk allowed vlan {','.join(map(str, user_vlans))},{MGMT_VLAN}",
              " switchport mode trunk", " switchport nonegotiate", " ip dhcp snooping trust", "!",
              f"interface Vlan{MGMT_VLAN}", " description management",
              f" ip address {mgmt_ip} {mgmt_net.netmask}", " no ip redirects", "!", "interface Vlan1",
              " no ip address", " shutdown", "!", f"ip default-gateway {mgmt_net.network_address + 1}"]
    ports: list[str] = []
    member, port = 1, 1
    budget = target_lines - len(out) - len(tail) - len(uplink)
    while len(ports) < budget:
        ports += _ios_access_port(rng, f"GigabitEthernet{member}/0/{port}", user_vlans)
        port += 1
        if port > 48:
            port, member = 1, member + 1
    return "\n".join(out + ports + uplink + tail) + "\n"


def _ios_acl(name: str, entries: list[tuple], rng: random.Random, final: str = "deny ip any any log") -> list[str]:
    out = [f"ip access-list extended {name}"]
    seq = 10
    for action, proto, src, dst, port in entries:
        if action == "permit" and rng.random() < 0.3:
            out.append(f" remark {_change(rng)} {rng.choice(['branch application access', 'trading front-end', 'back office', 'new release', 'vendor support'])}")
        line = f" {seq} {action} {proto} {_wild(src)} {_wild(dst)}"
        if port is not None:
            line += f" eq {_ios_port(port, proto)}"
        elif proto == "icmp":
            line += " echo"
        out.append(line)
        seq += 10
    out += [f" {seq} {final}", "!"]
    return out


def ios_branch_core(plan: _Plan, b: int, hostname: str, n_user_vlans: int, uplink: ipaddress.IPv4Network,
                    n_access: int, target_lines: int, seed: int) -> str:
    """The L3 core switch of a branch (Catalyst 9300/9500): the gateway of the users VLANs
    (each SVI filtered by USERS-IN) and the management VLAN, a routed /30 to the branch
    firewall (default route), trunks to the access switches, and access ports."""
    rng = random.Random(seed)
    hosts = _mgmt_hosts(1)
    vlans = USER_VLANS[:n_user_vlans]
    users_nets = [plan.users(b, k) for k in range(n_user_vlans)]
    mgmt = plan.br_mgmt(b)
    out = _ios_head(hostname, "c9500-48y4c" if b == 0 else "c9300-48p", rng.choice(["17.9", "17.12", "17.6"]), hosts)
    out += ["ip routing", "!", "ip dhcp snooping vlan " + ",".join(map(str, vlans)), "ip dhcp snooping", "!"]
    for v in vlans:
        out += [f"vlan {v}", f" name USERS-{v - 299:02d}", "!"]
    out += [f"vlan {MGMT_VLAN}", " name MGMT", "!", f"vlan {PARK_VLAN}", " name PARKING", "!"]
    tail = _ios_tail(hosts, f"Vlan{MGMT_VLAN}")
    n_entries = max(40, (target_lines - 2200) // 2) if target_lines > 2400 else 120
    n_entries = min(n_entries, 900)
    users_block = plan.users_block(b)
    entries = _flow_entries(rng, plan, users_nets, n_entries)
    acls = _ios_acl("USERS-IN", entries, rng, final=f"deny ip {_wild(users_block)} 10.0.0.0 0.255.255.255 log")
    # web browsing through the central proxy / firewall, after the internal deny
    acls[-1:-1] = [f" {10 * (n_entries + 2)} permit tcp {_wild(users_block)} any eq www",
                   f" {10 * (n_entries + 3)} permit tcp {_wild(users_block)} any eq 443",
                   f" {10 * (n_entries + 4)} deny ip any any log"]
    acls += ["ip access-list extended MGMT-IN",
             f" 10 permit tcp {_wild(mgmt)} {_wild(_Plan.dc_mgmt(1))} eq 49",
             f" 20 permit udp {_wild(mgmt)} {_wild(_Plan.dc_mgmt(1))} eq syslog",
             f" 30 permit udp {_wild(mgmt)} {_wild(_Plan.dc_mgmt(1))} eq ntp",
             f" 40 permit udp {_wild(mgmt)} {_wild(_Plan.dc_mgmt(1))} eq snmp",
             f" 50 permit udp {_wild(mgmt)} {_wild(_Plan.dc_mgmt(1))} eq domain",
             f" 60 permit tcp {_wild(mgmt)} eq 22 {_wild(_Plan.dc_mgmt(1))} established",
             " 70 deny ip any any log", "!"]
    ifaces: list[str] = []
    for k, (v, net) in enumerate(zip(vlans, users_nets)):
        ifaces += [f"interface Vlan{v}", f" description USERS-{k + 1:02d} gateway",
                   f" ip address {net.network_address + 1} {net.netmask}", " ip access-group USERS-IN in",
                   f" ip helper-address {hosts['dns']}", " no ip redirects", " no ip proxy-arp", "!"]
    ifaces += [f"interface Vlan{MGMT_VLAN}", " description MGMT gateway",
               f" ip address {mgmt.network_address + 1} {mgmt.netmask}", " ip access-group MGMT-IN in", "!",
               "interface Vlan1", " no ip address", " shutdown", "!",
               "interface TenGigabitEthernet1/1/8", f" description transit to {hostname.rsplit('-', 1)[0]}-fw01",
               " no switchport", f" ip address {uplink.network_address + 2} {uplink.netmask}", "!"]
    for a in range(n_access):
        ifaces += [f"interface TenGigabitEthernet{1 + a // 7}/1/{1 + a % 7}",
                   f" description trunk to {hostname.rsplit('-', 1)[0]}-acc{a + 1:02d} Te1/1/1",
                   f" switchport trunk native vlan {PARK_VLAN}",
                   f" switchport trunk allowed vlan {','.join(map(str, vlans))},{MGMT_VLAN}",
                   " switchport mode trunk", " switchport nonegotiate", " ip dhcp snooping trust", "!"]
    routes = [f"ip route 0.0.0.0 0.0.0.0 {uplink.network_address + 1} name to-firewall", "!"]
    ports: list[str] = []
    member, port = 1, 1
    budget = target_lines - len(out) - len(tail) - len(acls) - len(ifaces) - len(routes)
    while len(ports) < budget:
        ports += _ios_access_port(rng, f"GigabitEthernet{member}/0/{port}", vlans)
        port += 1
        if port > 48:
            port, member = 1, member + 1
    return "\n".join(out + acls + ports + ifaces + routes + tail) + "\n"


def ios_wan_hub(plan: _Plan, dc: int, hostname: str, branches: list[tuple[int, ipaddress.IPv4Network]],
                to_fw: ipaddress.IPv4Network, target_lines: int, seed: int) -> str:
    """The WAN hub router of a data centre (ASR 1000 / Catalyst 8500, IOS-XE): one dot1Q
    subinterface per branch circuit (metro Ethernet), filtered inbound by WAN-IN (what
    branches may reach in the data centres), a static route per branch block, the data
    centres and the internet behind the core firewall."""
    rng = random.Random(seed)
    hosts = _mgmt_hosts(dc)
    out = _ios_head(hostname, "c8500-12x4qc", "17.9", hosts)
    out += ["ip routing", "!"]
    tail = _ios_tail(hosts, "GigabitEthernet0", vrf=True)
    fixed = 40 + len(tail) + 9 * len(branches)
    n_entries = max(100, int((target_lines - len(out) - fixed) / 1.3))  # 30% of permits carry a remark
    src_nets = [plan.users(b, k) for b, _ in branches for k in range(2)] or [plan.users(0, 0)]
    entries = _flow_entries(rng, plan, src_nets, n_entries)
    acls = _ios_acl("WAN-IN", entries, rng, final="permit tcp 10.64.0.0 0.63.255.255 any eq 443")
    acls[-1:-1] = [f" {10 * (n_entries + 2)} permit tcp 10.64.0.0 0.63.255.255 any eq www",
                   f" {10 * (n_entries + 3)} permit ip {_wild(_Plan.dc_mgmt(dc))} 10.64.0.0 0.63.255.255",
                   f" {10 * (n_entries + 4)} permit udp 10.64.0.0 0.63.255.255 {_wild(_Plan.dc_mgmt(dc))} eq syslog",
                   f" {10 * (n_entries + 5)} permit udp 10.64.0.0 0.63.255.255 {_wild(_Plan.dc_mgmt(dc))} eq ntp",
                   f" {10 * (n_entries + 6)} permit tcp 10.64.0.0 0.63.255.255 {_wild(_Plan.dc_mgmt(dc))} eq 49",
                   f" {10 * (n_entries + 7)} deny ip any any log"]
    ifaces = ["interface GigabitEthernet0", " vrf forwarding Mgmt-vrf",
              f" ip address {_Plan.dc_mgmt(dc).network_address + 200 + (dc * 2)} {_Plan.dc_mgmt(dc).netmask}",
              " negotiation auto", "!",
              "interface TenGigabitEthernet0/0/0", f" description transit to dc{dc}-core-fw01 wan",
              f" ip address {to_fw.network_address + 2} {to_fw.netmask}", "!",
              "interface TenGigabitEthernet0/0/1", " description metro Ethernet to the branches (CHT)",
              " no ip address", "!"]
    routes = []
    for b, link in branches:
        vid = 1000 + b
        ifaces += [f"interface TenGigabitEthernet0/0/1.{vid}", f" description br{b:03d}-fw01 circuit CHT-{vid * 7:06d}",
                   f" encapsulation dot1Q {vid}", f" ip address {link.network_address + 1} {link.netmask}",
                   " ip access-group WAN-IN in", " no ip redirects", " no ip unreachables", "!"]
        routes.append(f"ip route {plan.branch_block(b).network_address} {plan.branch_block(b).netmask} "
                      f"{link.network_address + 2} name br{b:03d}")
    routes += [f"ip route 0.0.0.0 0.0.0.0 {to_fw.network_address + 1} name to-core-fw",
               f"ip route vrf Mgmt-vrf 0.0.0.0 0.0.0.0 {_Plan.dc_mgmt(dc).network_address + 1}", "!"]
    return "\n".join(out + acls + ifaces + routes + tail) + "\n"


# --------------------------------------------------------------------------- Cisco NX-OS and Arista EOS

def _cidr(net) -> str:
    net = ipaddress.ip_network(net)
    return f"host {net.network_address}" if net.prefixlen == 32 else str(net)


def _nx_head(hostname: str, dc: int, version: str) -> list[str]:
    h = _mgmt_hosts(dc)
    return [
        "!Command: show running-config", "!Running configuration last done at: Fri Mar 14 03:12:55 2025",
        "!Time: Sat Mar 15 02:00:01 2025", "", f"version {version} Bios:version 05.47", f"hostname {hostname}",
        f"vdc {hostname} id 1", "  limit-resource vlan minimum 16 maximum 4094",
        "  limit-resource vrf minimum 2 maximum 4096", "", "feature tacacs+", "feature interface-vlan",
        "feature lacp", "feature vpc", "feature lldp", "feature hsrp", "",
        "username admin password 5 $5$NmEoKt$Xq1Vb8wLr5TzYc2Hd9Pf0Ga7Ju3Ki6Ms4Ne1Ro8Sx/ role network-admin",
        "username netops password 5 $5$PoLkJh$Rt5Yu7Ii9Oo1Pp3Aa5Ss7Dd9Ff1Gg3Hh5Jj7Kk9Ll0 role network-admin",
        "ssh key rsa 2048", "ip domain-lookup", "ip domain-name example-sec.com.tw",
        f"tacacs-server host {h['tacacs']} key 7 \"Lqhg1234xyz\"",
        f"tacacs-server host {h['tacacs2']} key 7 \"Lqhg1234xyz\"",
        "aaa group server tacacs+ TACACS-GRP", f"  server {h['tacacs']}", f"  server {h['tacacs2']}",
        "  use-vrf management", "  source-interface mgmt0", "copp profile strict",
        "snmp-server user nms network-operator auth sha 0x7d9f2c4e8a1b3d5f7e9c0a2b4d6f8e1c priv aes-128 0x3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b localizedkey",
        f"snmp-server host {h['nms']} traps version 3 priv nms", f"snmp-server host {h['nms']} use-vrf management",
        f"ntp server {h['ntp']} use-vrf management", "aaa authentication login default group TACACS-GRP local",
        "aaa authorization commands default group TACACS-GRP local", "aaa accounting default group TACACS-GRP", "",
        "ip access-list ACL-VTY", f"  10 permit tcp {_Plan.dc_mgmt(dc)} any eq 22", "  20 deny ip any any log",
    ]


def _nx_tail(dc: int) -> list[str]:
    h = _mgmt_hosts(dc)
    return ["line console", "  exec-timeout 10", "line vty", "  exec-timeout 10", "  access-class ACL-VTY in",
            f"boot nxos bootflash:/nxos64-cs.10.2.6.M.bin", f"logging server {h['syslog']} 6 use-vrf management",
            "logging timestamp milliseconds", ""]


def _nx_acl(name: str, entries: list[tuple], rng: random.Random, final: str = "deny ip any any log") -> list[str]:
    out = [f"ip access-list {name}", "  statistics per-entry"]
    seq = 10
    for action, proto, src, dst, port in entries:
        if action == "permit" and rng.random() < 0.25:
            out.append(f"  {seq - 5} remark {_change(rng)} {rng.choice(['application flow', 'batch', 'monitoring', 'release'])}")
        line = f"  {seq} {action} {proto} {_cidr(src)} {_cidr(dst)}"
        if port is not None:
            line += f" eq {port}"
        out.append(line)
        seq += 10
    out.append(f"  {seq} {final}")
    return out


def _dc_entries(rng: random.Random, plan: _Plan, dc: int, src_nets: list, n: int) -> list[tuple]:
    """What servers of a DC segment may initiate: to other tiers of either DC, infra in MGMT,
    the exchange, the internet by proxy; nested prefixes, a few denies."""
    out = []
    for _ in range(n):
        src = rng.choice(src_nets)
        if rng.random() < 0.35:
            src = ipaddress.ip_network(f"{src.network_address + rng.randint(10, 250)}/32")
        r = rng.random()
        if r < 0.08:
            dst, port = ipaddress.ip_network("192.0.2.128/25"), rng.choice([9443, 9876])
        elif r < 0.15:
            dst, port = ipaddress.ip_network(f"{plan.server('mgmt', dc)}/32"), rng.choice([53, 123, 514, 49])
        else:
            zone = rng.choices(["prod", "uat", "dmz"], weights=[75, 5, 20])[0]
            dst = ipaddress.ip_network(f"{plan.server(zone)}/32") if rng.random() < 0.6 else plan.subnet(zone)
            port = rng.choice(rng.choice(APP_TIERS)[1])
        action = "permit" if rng.random() < 0.9 else "deny"
        out.append((action, _proto_of(port), src, dst, port))
    return out


def nxos_dc_core(plan: _Plan, dc: int, unit: int, to_fw: ipaddress.IPv4Network, to_exch: ipaddress.IPv4Network,
                 leaves: list[str], target_lines: int, seed: int) -> str:
    """A data-centre core (Nexus 9500, one of a vPC pair): the gateway of every PROD and
    UAT VLAN (HSRP), each SVI filtered inbound by its tier's ACL, a routed /29 to the core
    firewall (default route) and one to the exchange firewall, vPC trunks to the leaves."""
    rng = random.Random(seed)
    hostname = f"dc{dc}-core0{unit}"
    out = _nx_head(hostname, dc, "10.2(6)")
    tail = _nx_tail(dc)
    tiers = [t for t, _ in APP_TIERS[:12]]
    # ---- VLANs and the tier ACLs (what each PROD tier may initiate), UAT-IN, MGMT-IN
    vlans = ["", "vlan 1," + ",".join(map(str, plan.prod_vlans + plan.uat_vlans)) + f",{MGMT_VLAN},{PARK_VLAN}"]
    for v in plan.prod_vlans:
        vlans += [f"vlan {v}", f"  name PROD-{tiers[v % len(tiers)]}-{v}"]
    for v in plan.uat_vlans:
        vlans += [f"vlan {v}", f"  name UAT-{v}"]
    vlans += [f"vlan {MGMT_VLAN}", "  name MGMT", f"vlan {PARK_VLAN}", "  name PARKING", ""]
    svis: list[str] = []
    for v in plan.prod_vlans:
        net = plan.prod(dc, v)
        svis += ["", f"interface Vlan{v}", f"  description PROD-{tiers[v % len(tiers)]}-{v} gateway", "  no shutdown",
                 "  no ip redirects", f"  ip address {net.network_address + 1 + unit}/24",
                 f"  ip access-group PROD-{tiers[v % len(tiers)]}-IN in", "  hsrp version 2", f"  hsrp {v}",
                 f"    priority {110 if unit == 1 else 100}", f"    ip {net.network_address + 1}"]
    for v in plan.uat_vlans:
        net = plan.uat(dc, v)
        svis += ["", f"interface Vlan{v}", f"  description UAT-{v} gateway", "  no shutdown", "  no ip redirects",
                 f"  ip address {net.network_address + 1 + unit}/24", "  ip access-group UAT-IN in",
                 "  hsrp version 2", f"  hsrp {v}", f"    ip {net.network_address + 1}"]
    mg = plan.dc_mgmt(dc)
    svis += ["", f"interface Vlan{MGMT_VLAN}", "  description MGMT gateway", "  no shutdown",
             f"  ip address {mg.network_address + 1 + unit}/22", "  ip access-group MGMT-IN in", "  hsrp version 2",
             f"  hsrp {MGMT_VLAN}", f"    ip {mg.network_address + 1}"]
    links = ["", "interface Ethernet1/49", f"  description transit to dc{dc}-core-fw01 inside", "  no switchport",
             "  mtu 9216", f"  ip address {to_fw.network_address + 1 + unit}/29", "  no shutdown",
             "", "interface Ethernet1/50", f"  description transit to dc{dc}-exch-fw01 ge-0/0/1", "  no switchport",
             f"  ip address {to_exch.network_address + 1 + unit}/29", "  no shutdown",
             "", "interface mgmt0", "  vrf member management",
             f"  ip address {mg.network_address + 4 + unit}/22"]
    for i, leaf in enumerate(leaves):
        links += ["", f"interface port-channel{100 + i}", f"  description vPC to {leaf}", "  switchport",
                  "  switchport mode trunk", f"  switchport trunk native vlan {PARK_VLAN}",
                  "  switchport trunk allowed vlan " + f"{plan.prod_vlans[0]}-{plan.prod_vlans[-1]},{plan.uat_vlans[0]}-{plan.uat_vlans[-1]},{MGMT_VLAN}",
                  "  spanning-tree port type network", f"  vpc {100 + i}",
                  "", f"interface Ethernet{2 + i // 48}/{1 + i % 48}", f"  description {leaf} Eth1/{49 + unit}",
                  "  switchport", "  switchport mode trunk", f"  switchport trunk native vlan {PARK_VLAN}",
                  "  switchport trunk allowed vlan " + f"{plan.prod_vlans[0]}-{plan.prod_vlans[-1]},{plan.uat_vlans[0]}-{plan.uat_vlans[-1]},{MGMT_VLAN}",
                  f"  channel-group {100 + i} mode active", "  no shutdown"]
    routes = ["", f"ip route 0.0.0.0/0 {to_fw.network_address + 1} name to-core-fw",
              f"ip route 192.0.2.128/25 {to_exch.network_address + 1} name to-exchange",
              "vrf context management", f"  ip route 0.0.0.0/0 {mg.network_address + 1}", "",
              "vpc domain 10", "  peer-switch", f"  role priority {100 * unit}",
              f"  peer-keepalive destination {mg.network_address + 4 + (3 - unit)} source {mg.network_address + 4 + unit} vrf management", ""]
    fixed = len(out) + len(tail) + len(vlans) + len(svis) + len(links) + len(routes)
    per_acl = max(10, int((target_lines - fixed) / 1.25 / (len(tiers) + 2)))
    acls: list[str] = []
    for t in tiers:
        nets = [plan.prod(dc, v) for v in plan.prod_vlans if tiers[v % len(tiers)] == t]
        if nets:  # a tier with no VLAN on this (smaller) network has no ACL
            acls += _nx_acl(f"PROD-{t}-IN", _dc_entries(rng, plan, dc, nets, per_acl), rng)
    uat_nets = [plan.uat(dc, v) for v in plan.uat_vlans]
    uat = [("deny", "ip", ipaddress.ip_network(f"10.{10 + dc}.0.0/16"), ipaddress.ip_network(f"10.{d}.0.0/16"), None)
           for d in (1, 2)] + _dc_entries(rng, plan, dc, uat_nets, per_acl)
    uat = [(a, p, s, d_, pt) for a, p, s, d_, pt in uat if not (a == "permit" and d_.subnet_of(ipaddress.ip_network("10.0.0.0/12")))]
    acls += _nx_acl("UAT-IN", uat, rng)
    acls += ["ip access-list MGMT-IN", f"  10 permit ip {mg} any", "  20 deny ip any any log"]
    return "\n".join(out + acls + vlans + svis + links + routes + tail) + "\n"


def nxos_leaf(plan: _Plan, dc: int, hostname: str, mgmt_ip, vlans: list[int], target_lines: int, seed: int) -> str:
    """A layer-2 data-centre leaf (Nexus 93180YC-FX, with FEXes for the older racks):
    server ports in PROD/UAT VLANs (access or trunks to hypervisors), vPC uplinks to the
    two cores, mgmt0 in VRF management."""
    rng = random.Random(seed)
    out = _nx_head(hostname, dc, rng.choice(["9.3(10)", "9.3(12)", "10.2(6)"]))
    out[out.index("feature hsrp")] = "feature fex"
    tail = _nx_tail(dc)
    mg = plan.dc_mgmt(dc)
    body = ["", "vlan 1," + ",".join(map(str, vlans)) + f",{MGMT_VLAN},{PARK_VLAN}"]
    for v in vlans:
        body += [f"vlan {v}", f"  name {'PROD' if v < 200 else 'UAT'}-{v}"]
    body += [f"vlan {PARK_VLAN}", "  name PARKING", "", "spanning-tree port type edge bpduguard default", "",
             "vrf context management", f"  ip route 0.0.0.0/0 {mg.network_address + 1}", "",
             "interface port-channel1", f"  description vPC uplink to dc{dc}-core01/02", "  switchport",
             "  switchport mode trunk", f"  switchport trunk native vlan {PARK_VLAN}",
             f"  switchport trunk allowed vlan {','.join(map(str, vlans))},{MGMT_VLAN}", "  vpc 1"]
    for u in (49, 50):
        body += ["", f"interface Ethernet1/{u}", f"  description uplink to dc{dc}-core0{u - 48} ", "  switchport",
                 "  switchport mode trunk", f"  switchport trunk native vlan {PARK_VLAN}",
                 f"  switchport trunk allowed vlan {','.join(map(str, vlans))},{MGMT_VLAN}",
                 "  channel-group 1 mode active", "  no shutdown"]
    body += ["", "interface mgmt0", "  vrf member management", f"  ip address {mgmt_ip}/22"]
    ports: list[str] = []
    budget = target_lines - len(out) - len(tail) - len(body)
    fex, port = 0, 1
    while len(ports) < budget:
        name = f"Ethernet1/{port}" if fex == 0 else f"Ethernet{100 + fex}/1/{port}"
        r = rng.random()
        if r < 0.1:
            ports += ["", f"interface {name}", "  description spare", "  switchport",
                      f"  switchport access vlan {PARK_VLAN}", "  shutdown"]
        elif r < 0.4:
            allowed = sorted(rng.sample(vlans, min(len(vlans), rng.randint(2, 6))))
            ports += ["", f"interface {name}", f"  description esx-{rng.randint(100, 999)} vmnic{rng.randint(0, 3)}",
                      "  switchport", "  switchport mode trunk", f"  switchport trunk native vlan {PARK_VLAN}",
                      f"  switchport trunk allowed vlan {','.join(map(str, allowed))}",
                      "  spanning-tree port type edge trunk", "  mtu 9216", "  storm-control broadcast level 1.00",
                      "  no shutdown"]
        else:
            ports += ["", f"interface {name}", f"  description srv-{rng.randint(1000, 9999)}", "  switchport",
                      "  switchport mode access", f"  switchport access vlan {rng.choice(vlans)}",
                      "  spanning-tree port type edge", "  storm-control broadcast level 1.00", "  no shutdown"]
        port += 1
        if port > 48:
            port, fex = 1, fex + 1
            if fex:
                body += ["", f"fex {100 + fex}", "  pinning max-links 1", f"  description FEX{100 + fex}-rack{rng.randint(1, 40)}"]
    return "\n".join(out + body + ports + tail) + "\n"


def eos_leaf(plan: _Plan, dc: int, hostname: str, mgmt_ip, vlans: list[int], target_lines: int, seed: int) -> str:
    """A layer-2 data-centre leaf on Arista (7280R3 / 7050X3, the low-latency racks of the
    trading systems): server ports, MLAG uplinks to the cores, Management1 in VRF MGMT."""
    rng = random.Random(seed)
    h = _mgmt_hosts(dc)
    mg = plan.dc_mgmt(dc)
    version = rng.choice(["4.29.2F", "4.30.1F", "4.31.2F", "4.28.3M"])
    out = [
        "! Command: show running-config", f"! device: {hostname} (DCS-7280SR3-48YC8, EOS-{version})", "!",
        f"! boot system flash:/EOS-{version}.swi", "!", "no aaa root", "!",
        "username netops privilege 15 role network-admin secret sha512 $6$Xr5tQp2m$L0ngFakeHashValueForBenchmarksOnlyAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEFGH",
        "!", "service routing protocols model multi-agent", "!", f"hostname {hostname}",
        f"ip name-server vrf MGMT {h['dns']}", "dns domain example-sec.com.tw", "!",
        f"ntp server vrf MGMT {h['ntp']} prefer iburst", "!",
        "snmp-server user nms-v3 NMS-RO v3 auth sha256 7f2c4e8a1b3d5f7e priv aes256 3a5c7e9b1d3f5a7c",
        "snmp-server group NMS-RO v3 priv read all-items", f"snmp-server host {h['nms']} vrf MGMT version 3 priv nms-v3",
        "snmp-server ipv4 access-list ACL-SNMP vrf MGMT", "snmp-server vrf MGMT", "!",
        "spanning-tree mode mstp", "!", f"tacacs-server host {h['tacacs']} vrf MGMT key 7 0207165218120E",
        f"tacacs-server host {h['tacacs2']} vrf MGMT key 7 0207165218120E", "!",
        "aaa group server tacacs+ TACACS-GRP", f"   server {h['tacacs']} vrf MGMT", f"   server {h['tacacs2']} vrf MGMT", "!",
        "aaa authentication login default group TACACS-GRP local",
        "aaa authorization exec default group TACACS-GRP local",
        "aaa authorization commands all default group TACACS-GRP local",
        "aaa accounting exec default start-stop group TACACS-GRP",
        "aaa accounting commands all default start-stop group TACACS-GRP", "!",
    ]
    for v in vlans:
        out += [f"vlan {v}", f"   name {'PROD' if v < 200 else 'UAT'}-{v}", "!"]
    out += [f"vlan {PARK_VLAN}", "   name PARKING", "!", "vrf instance MGMT", "!",
            "interface Port-Channel1", f"   description MLAG uplink to dc{dc}-core01/02", "   switchport mode trunk",
            f"   switchport trunk native vlan {PARK_VLAN}",
            f"   switchport trunk allowed vlan {','.join(map(str, vlans))},{MGMT_VLAN}", "   mlag 1", "!"]
    for u in (49, 50):
        out += [f"interface Ethernet{u}/1", f"   description uplink to dc{dc}-core0{u - 48}",
                "   channel-group 1 mode active", "   switchport mode trunk", f"   switchport trunk native vlan {PARK_VLAN}",
                f"   switchport trunk allowed vlan {','.join(map(str, vlans))},{MGMT_VLAN}", "!"]
    tail = ["interface Management1", "   vrf MGMT", f"   ip address {mgmt_ip}/22", "!",
            "ip access-list ACL-SNMP", f"   10 permit udp host {h['nms']} any eq snmp", "!",
            "ip access-list ACL-SSH", f"   10 permit tcp {mg} any eq ssh", "   20 deny ip any any log", "!",
            f"ip route vrf MGMT 0.0.0.0/0 {mg.network_address + 1}", "!", "management console", "   idle-timeout 10", "!",
            "management ssh", "   ip access-group ACL-SSH vrf MGMT in", "   idle-timeout 10", "   !", "   vrf MGMT",
            "      no shutdown", "!", "management telnet", "   shutdown", "!",
            f"logging vrf MGMT host {h['syslog']}", "logging format timestamp high-resolution", "!", "end"]
    ports: list[str] = []
    budget = target_lines - len(out) - len(tail)
    port, sub = 1, 0
    while len(ports) < budget:
        name = f"Ethernet{port}" if port <= 48 else f"Ethernet{port}/{sub + 1}"
        r = rng.random()
        if r < 0.1:
            ports += [f"interface {name}", "   description spare", "   shutdown", f"   switchport access vlan {PARK_VLAN}", "!"]
        elif r < 0.35:
            allowed = sorted(rng.sample(vlans, min(len(vlans), rng.randint(2, 6))))
            ports += [f"interface {name}", f"   description esx-{rng.randint(100, 999)} vmnic{rng.randint(0, 3)}",
                      "   mtu 9214", "   switchport mode trunk", f"   switchport trunk native vlan {PARK_VLAN}",
                      f"   switchport trunk allowed vlan {','.join(map(str, allowed))}", "   spanning-tree portfast",
                      "   storm-control broadcast level 1", "!"]
        else:
            ports += [f"interface {name}", f"   description trade-srv-{rng.randint(1000, 9999)}",
                      f"   switchport access vlan {rng.choice(vlans)}", "   spanning-tree portfast",
                      "   spanning-tree bpduguard enable", "   storm-control broadcast level 1", "!"]
        if port <= 48:
            port += 1
        else:
            sub += 1
            if sub == 4:
                sub, port = 0, port + 1
        if port == 49:
            port = 51  # 49-50 are the uplinks; 51+ are 100G ports broken out into 4x25G
    return "\n".join(out + ports + tail) + "\n"


# --------------------------------------------------------------------------- Cisco ASA

ASA_PORT_NAMES = {"tcp": {443: "https", 80: "www", 22: "ssh", 53: "domain", 1521: "sqlnet", 389: "ldap", 636: "ldaps"},
                  "udp": {53: "domain", 123: "ntp", 161: "snmp", 514: "syslog"}}


def _asa_mask(net) -> str:
    net = ipaddress.ip_network(net)
    return f"host {net.network_address}" if net.prefixlen == 32 else f"{net.network_address} {net.netmask}"


class _AsaObjects:
    """Objects and object-groups of an ASA, created on first use so every one is used."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, str] = {}

    def net(self, net) -> str:
        net = ipaddress.ip_network(net)
        key = str(net)
        if key not in self.names:
            name = (f"H-{net.network_address}" if net.prefixlen == 32 else f"N-{net.network_address}-{net.prefixlen}")
            self.names[key] = name
            self.lines += [f"object network {name}",
                           f" host {net.network_address}" if net.prefixlen == 32 else f" subnet {net.network_address} {net.netmask}"]
        return self.names[key]

    def group(self, name: str, nets: list, description: str) -> str:
        if "group:" + name not in self.names:
            members = [self.net(n) for n in nets]
            self.names["group:" + name] = name
            self.lines += [f"object-group network {name}", f" description {description}"]
            self.lines += [f" network-object object {m}" for m in dict.fromkeys(members)]
        return name

    def service(self, name: str, ports: list[int]) -> str:
        if "svc:" + name not in self.names:
            self.names["svc:" + name] = name
            self.lines += [f"object-group service {name}"]
            for p in ports:
                proto = _proto_of(p)
                self.lines.append(f" service-object {proto} destination eq {ASA_PORT_NAMES[proto].get(p, p)}")
        return name


def _asa_acl(name: str, entries: list[tuple], objs: _AsaObjects, rng: random.Random,
             final: str = "deny ip any any log") -> list[str]:
    """ASA access-list lines: objects for hosts and subnets, groups for a tier's servers,
    service groups for multi-port applications, remarks with change tickets."""
    out = []
    for action, proto, src, dst, port in entries:
        if action == "permit" and rng.random() < 0.3:
            out.append(f"access-list {name} remark {_change(rng)} {rng.choice(['application flow', 'branch access', 'vendor support', 'new release'])}")
        s = "any" if src is None else f"object {objs.net(src)}" if rng.random() < 0.7 else _asa_mask(src)
        if dst is not None and dst.prefixlen == 32 and rng.random() < 0.25:
            # the application's server farm: this host and its neighbours, as one group
            base = int(dst.network_address) & ~0xF
            members = [ipaddress.ip_network(f"{ipaddress.ip_address(base + i)}/32") for i in range(1, 6)]
            d = f"object-group {objs.group(f'G-FARM-{ipaddress.ip_address(base)}', members, 'application server farm')}"
        else:
            d = "any" if dst is None else f"object {objs.net(dst)}" if rng.random() < 0.8 else _asa_mask(dst)
        tier = next((t for t, ports in APP_TIERS if port in ports and len(ports) > 1), None)
        if action == "permit" and tier and rng.random() < 0.2:
            ports = next(p for t, p in APP_TIERS if t == tier)
            out.append(f"access-list {name} extended permit object-group {objs.service(f'SG-{tier}', ports)} {s} {d}")
            continue
        if port is None:
            out.append(f"access-list {name} extended {action} {proto} {s} {d}" + (" echo" if proto == "icmp" else ""))
        else:
            out.append(f"access-list {name} extended {action} {proto} {s} {d} eq {ASA_PORT_NAMES[proto].get(port, port)}")
    out.append(f"access-list {name} extended {final}")
    return out


def asa_firewall(hostname: str, dc: int, interfaces: list[tuple], acls: dict[str, list[tuple]],
                 routes: list[tuple], seed: int, version: str = "9.16(4)") -> str:
    """An ASA `show running-config`: interfaces (nameif, security level), objects and groups,
    access-lists bound by access-group, routes, NAT for the internet, and a managed
    management plane (TACACS+, SSH from MGMT, SNMPv3, syslog, NTP).

    interfaces: (physical, nameif, level, network, host offset, management_only);
    acls: name -> entries from `_flow_entries`/`_dc_entries` (bound `in` on the interface
    with that nameif when the name is '<NAMEIF>_IN'); routes: (nameif, network, next hop).
    """
    rng = random.Random(seed)
    h = _mgmt_hosts(dc)
    objs = _AsaObjects()
    out = [": Saved", ":", f": Serial Number: JAD{rng.randint(10000000, 99999999)}",
           ": Hardware:   FPR-2140, 13701 MB RAM, CPU Xeon D-1500 series 2200 MHz, 1 CPU (16 cores)", ":",
           f"ASA Version {version}", "!", f"hostname {hostname}", "domain-name example-sec.com.tw",
           "enable password $sha512$5000$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNo pbkdf2", "names", "no mac-address auto", "!"]
    mgmt_nameif = "mgmt"
    for phys, nameif, level, net, offset, mgmt_only in interfaces:
        out += [f"interface {phys}", f" description {nameif}"]
        if mgmt_only:
            out.append(" management-only")
        out += [f" nameif {nameif}", f" security-level {level}",
                f" ip address {net.network_address + offset} {net.netmask}", "!"]
        if mgmt_only:
            mgmt_nameif = nameif
    out += ["ftp mode passive", "clock timezone CST 8", "dns domain-lookup " + mgmt_nameif, "dns server-group DefaultDNS",
            f" name-server {h['dns']}", " domain-name example-sec.com.tw", "same-security-traffic permit inter-interface"]
    body: list[str] = []
    for name, entries in acls.items():
        body += _asa_acl(name, entries, objs, rng)
    mg = _Plan.dc_mgmt(dc)
    tail = ["pager lines 24", "logging enable", "logging timestamp", "logging buffer-size 1048576",
            "logging buffered warnings", "logging trap informational", f"logging host {mgmt_nameif} {h['syslog']}"]
    tail += [f"mtu {nameif} 1500" for _, nameif, *_ in interfaces]
    tail += ["no failover", "icmp unreachable rate-limit 1 burst-size 1", "no asdm history enable",
             "arp timeout 14400", "no arp permit-nonconnected"]
    for name in acls:
        tail.append(f"access-group {name} in interface {name[:-3].lower()}")
    for nameif, net, nh in routes:
        tail.append(f"route {nameif} {net.network_address} {net.netmask} {nh} 1")
    tail += ["timeout xlate 3:00:00", "timeout conn 1:00:00 half-closed 0:10:00 udp 0:02:00 icmp 0:00:02",
             "aaa-server TACACS protocol tacacs+", f"aaa-server TACACS ({mgmt_nameif}) host {h['tacacs']}", " key *****",
             f"aaa-server TACACS ({mgmt_nameif}) host {h['tacacs2']}", " key *****",
             "aaa authentication ssh console TACACS LOCAL", "aaa authentication enable console TACACS LOCAL",
             "aaa authorization command TACACS LOCAL", "aaa accounting command privilege 15 TACACS",
             "aaa accounting ssh console TACACS",
             "username breakglass password $sha512$5000$c2FsdA==$aGFzaA== pbkdf2 privilege 15",
             "http server enable 8443", f"http {mg.network_address} {mg.netmask} {mgmt_nameif}",
             f"ssh {mg.network_address} {mg.netmask} {mgmt_nameif}", "ssh version 2", "ssh timeout 5",
             "ssh key-exchange group dh-group14-sha256", "console timeout 5",
             "snmp-server group NMS v3 priv", "snmp-server user nms NMS v3 auth sha AuthPassw0rd priv aes 256 PrivPassw0rd",
             f"snmp-server host {mgmt_nameif} {h['nms']} version 3 nms", "snmp-server location Example Securities",
             f"ntp server {h['ntp']} source {mgmt_nameif} prefer", "threat-detection basic-threat",
             "threat-detection statistics access-list", "!", "class-map inspection_default",
             " match default-inspection-traffic", "!", "policy-map global_policy", " class inspection_default",
             "  inspect dns", "  inspect ftp", "  inspect icmp", "  inspect sqlnet", "!",
             "service-policy global_policy global", "prompt hostname context",
             f"Cryptochecksum:{rng.getrandbits(128):032x}", ": end"]
    return "\n".join(out + objs.lines + body + tail) + "\n"


# --------------------------------------------------------------------------- zone-based firewalls
#
# FortiOS, PAN-OS and SRX configs are rendered from one vendor-neutral rule base: address
# objects (hosts, subnets, ranges) and nested address groups, services and service groups,
# and rules (from/to interface or zone, sources, destinations, services, action, comment).


class _FwObjects:
    """Address and service objects of a firewall, created on first use (so none is unused)."""

    def __init__(self) -> None:
        self.addrs: dict[str, object] = {}  # name -> IPv4Network or (first, last) range
        self.groups: dict[str, list[str]] = {}  # name -> member names (addresses or groups)
        self.services: dict[str, tuple[str, int, int]] = {}  # name -> (proto, lo, hi)
        self.svc_groups: dict[str, list[str]] = {}
        self._by_net: dict[str, str] = {}

    def addr(self, net) -> str:
        net = ipaddress.ip_network(net)
        key = str(net)
        name = self._by_net.get(key)
        if name is None:
            name = f"h-{net.network_address}" if net.prefixlen == 32 else f"n-{net.network_address}_{net.prefixlen}"
            self._by_net[key] = name
            self.addrs[name] = net
        return name

    def addr_range(self, first, last) -> str:
        name = f"r-{first}-{str(last).rsplit('.', 1)[1]}"
        self.addrs.setdefault(name, (ipaddress.ip_address(first), ipaddress.ip_address(last)))
        return name

    def group(self, name: str, members: list[str]) -> str:
        self.groups.setdefault(name, list(dict.fromkeys(members)))
        return name

    def service(self, proto: str, lo: int, hi: int | None = None) -> str:
        hi = lo if hi is None else hi
        name = f"{proto}-{lo}" if lo == hi else f"{proto}-{lo}-{hi}"
        self.services.setdefault(name, (proto, lo, hi))
        return name

    def service_group(self, name: str, members: list[str]) -> str:
        self.svc_groups.setdefault(name, list(dict.fromkeys(members)))
        return name


def _fw_rule(name, src_if, dst_if, src, dst, svc, action="accept", comment="", disabled=False, log=True,
             profiles=False) -> dict:
    return {"name": name, "src_if": src_if, "dst_if": dst_if, "src": src, "dst": dst, "svc": svc,
            "action": action, "comment": comment, "disabled": disabled, "log": log, "profiles": profiles}


def _rules_from_entries(entries: list[tuple], objs: _FwObjects, src_if: str, dst_if: str, rng: random.Random,
                        prefix: str) -> list[dict]:
    """Zone-firewall rules from `_flow_entries` tuples (one source, one destination, one port),
    merging runs of the same source and port into multi-destination rules as admins do."""
    rules = []
    for i, (action, proto, src, dst, port) in enumerate(entries):
        svc = ["ALL_ICMP"] if proto == "icmp" else [objs.service(proto, port)]
        if dst.prefixlen == 32 and rng.random() < 0.25:  # the application's server farm, as a group
            base = int(dst.network_address) & ~0xF
            farm = [objs.addr(f"{ipaddress.ip_address(base + k)}/32") for k in range(1, 6)]
            dsts = [objs.group(f"g-farm-{ipaddress.ip_address(base)}", farm)]
        else:
            dsts = [objs.addr(dst)]
        rules.append(_fw_rule(f"{prefix}-{i + 1:04d}", src_if, dst_if, [objs.addr(src)], dsts, svc,
                              "accept" if action == "permit" else "deny",
                              f"{_change(rng)} {rng.choice(['branch application access', 'trading front-end', 'back office', 'vendor support'])}"
                              if rng.random() < 0.85 else ""))
    return rules


def _q(names: list[str]) -> str:
    return " ".join(f'"{n}"' for n in names)


def fortios_config(hostname: str, dc: int, interfaces: list[tuple], routes: list[tuple], objs: _FwObjects,
                   rules: list[dict], seed: int, model: str = "FGT100F", version: str = "7.2.8",
                   build: str = "1639", zones: dict[str, list[str]] | None = None) -> str:
    """A FortiOS full-config backup (`show full-configuration` trimmed to what differs from
    the defaults, as FortiManager revisions hold it): interfaces with allowaccess, zones,
    administrators with trusthosts and FortiToken, logging, NTP, SNMPv3, static routes,
    addresses and groups, custom services and groups, and the policy table.

    interfaces: (name, network, host offset, role, allowaccess, alias)."""
    rng = random.Random(seed)
    h = _mgmt_hosts(dc)
    mg = _Plan.dc_mgmt(dc)
    out = [f"#config-version={model}-{version}-FW-build{build}-240313:opmode=0:vdom=0:user=netops",
           f"#conf_file_ver={rng.getrandbits(48)}", f"#buildno={build}", "#global_vdom=1",
           "config system global", "    set admintimeout 10", f'    set alias "{model}-{hostname.upper()}"',
           f'    set hostname "{hostname}"', "    set admin-lockout-threshold 3", "    set admin-lockout-duration 900",
           "    set admin-telnet disable", "    set timezone 80", "end", "config system interface"]
    for name, net, offset, role, access, alias in interfaces:
        out += [f'    edit "{name}"', '        set vdom "root"',
                f"        set ip {net.network_address + offset} {net.netmask}"]
        if access:
            out.append(f"        set allowaccess {access}")
        if role == "mgmt":
            out += ["        set dedicated-to management", "        set role lan"]
        else:
            out.append(f"        set role {role}")
        out += ['        set type physical', f'        set alias "{alias}"', "    next"]
    out.append("end")
    if zones:
        out.append("config system zone")
        for zname, members in zones.items():
            out += [f'    edit "{zname}"', f"        set interface {_q(members)}", "    next"]
        out.append("end")
    out += ["config system admin", '    edit "netops.chen"', f"        set trusthost1 {mg.network_address} {mg.netmask}",
            '        set accprofile "super_admin"', '        set vdom "root"', "        set two-factor fortitoken",
            '        set fortitoken "FTKMOB4A1B2C3D4E"',
            "        set password ENC SH2Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7Az6By5Cx4Dw3Ev2Fu1Gt0Hs9Ir8=", "    next",
            '    edit "tacacs-admins"', "        set remote-auth enable",
            f"        set trusthost1 {mg.network_address} {mg.netmask}", '        set accprofile "super_admin"',
            '        set vdom "root"', "        set wildcard enable", '        set remote-group "NET-ADMINS"', "    next", "end",
            "config user tacacs+", '    edit "tac1"', f'        set server "{h["tacacs"]}"',
            "        set key ENC Tk9UIEEgUkVBTCBLRVk=", "    next", "end",
            "config user group", '    edit "NET-ADMINS"', '        set member "tac1"', "    next", "end",
            "config log syslogd setting", "    set status enable", f'    set server "{h["syslog"]}"', "end",
            "config log setting", "    set fwpolicy-implicit-log enable", "end",
            "config system ntp", "    set ntpsync enable", "    set type custom", "    config ntpserver",
            "        edit 1", f'            set server "{h["ntp"]}"', "        next", "    end", "end",
            "config system snmp sysinfo", "    set status enable", f'    set description "{hostname}"', "end",
            "config system snmp user", '    edit "nms"', f"        set notify-hosts {h['nms']}",
            "        set security-level auth-priv", "        set auth-proto sha256", "        set auth-pwd ENC QUJDREVGR0g=",
            "        set priv-proto aes256", "        set priv-pwd ENC SUpLTE1OT1A=", "    next", "end",
            "config router static"]
    for i, (dst, gw, dev) in enumerate(routes):
        out += [f"    edit {i + 1}"]
        if dst.prefixlen:
            out.append(f"        set dst {dst.network_address} {dst.netmask}")
        out += [f"        set gateway {gw}", f'        set device "{dev}"', "    next"]
    out += ["end", "config firewall address"]
    for name, a in objs.addrs.items():
        out.append(f'    edit "{name}"')
        if isinstance(a, tuple):
            out += ["        set type iprange", f"        set start-ip {a[0]}", f"        set end-ip {a[1]}"]
        else:
            out.append(f"        set subnet {a.network_address} {a.netmask}")
        out.append("    next")
    out += ["end", "config firewall addrgrp"]
    for name, members in objs.groups.items():
        out += [f'    edit "{name}"', f"        set member {_q(members)}", "    next"]
    out += ["end", "config firewall service custom"]
    for name, (proto, lo, hi) in objs.services.items():
        rng_text = str(lo) if lo == hi else f"{lo}-{hi}"
        out += [f'    edit "{name}"', f"        set {proto}-portrange {rng_text}", "    next"]
    out += ["end", "config firewall service group"]
    for name, members in objs.svc_groups.items():
        out += [f'    edit "{name}"', f"        set member {_q(members)}", "    next"]
    out += ["end", "config firewall policy"]
    for i, r in enumerate(rules):
        out += [f"    edit {i + 1}", f'        set name "{r["name"][:35]}"']
        if r["disabled"]:
            out.append("        set status disable")
        out += [f'        set srcintf "{r["src_if"]}"', f'        set dstintf "{r["dst_if"]}"',
                f"        set action {r['action']}", f"        set srcaddr {_q(r['src'])}",
                f"        set dstaddr {_q(r['dst'])}", '        set schedule "always"',
                f"        set service {_q(r['svc'])}"]
        if r["profiles"] and r["action"] == "accept":
            out += ["        set utm-status enable", '        set ssl-ssh-profile "certificate-inspection"',
                    '        set av-profile "default"', '        set ips-sensor "default"',
                    '        set webfilter-profile "default"']
        out.append(f"        set logtraffic {'all' if r['log'] else 'disable'}")
        if r["comment"]:
            out.append(f'        set comments "{r["comment"]}"')
        out.append("    next")
    out.append("end")
    return "\n".join(out) + "\n"


def _members(tag: str, names: list[str], ind: str) -> list[str]:
    return [f"{ind}<{tag}>"] + [f"{ind}  <member>{n}</member>" for n in names] + [f"{ind}</{tag}>"]


def panos_config(hostname: str, dc: int, interfaces: list[tuple], zones: dict[str, list[str]], routes: list[tuple],
                 objs: _FwObjects, rules: list[dict], seed: int, version: str = "10.2.9") -> str:
    """A PAN-OS running configuration (`show config running`, XML): layer-3 interfaces and
    subinterfaces, zones, the virtual router's static routes, administrators through
    TACACS+, SNMPv3, syslog forwarding, addresses and static groups, services and groups,
    and the security rulebase (allow rules with a profile group and log forwarding).

    interfaces: (name, network, host offset, comment, tag or None for a physical port);
    zones: zone -> interface names; routes: (name, destination, next hop, interface)."""
    rng = random.Random(seed)
    h = _mgmt_hosts(dc)
    mg = _Plan.dc_mgmt(dc)
    x = ['<?xml version="1.0"?>', f'<config version="{version.rsplit(".", 1)[0]}.0" urldb="paloaltonetworks" detail-version="{version}">',
         "  <mgt-config>", "    <users>", '      <entry name="es-fwadmin">',
         "        <phash>$6$pqlmzvxa$N4cR8tY2wQ6eU0iO3pA7sD1fG5hJ9kL2zX4cV8bN6mQ0wE3rT7yU1iO5pA9sD2fG6hJ</phash>",
         "        <authentication-profile>TACACS-MFA</authentication-profile>", "        <permissions>",
         "          <role-based>", "            <superuser>yes</superuser>", "          </role-based>",
         "        </permissions>", "      </entry>", "    </users>", "    <password-complexity>",
         "      <enabled>yes</enabled>", "      <minimum-length>15</minimum-length>", "    </password-complexity>",
         "  </mgt-config>", "  <shared>", "    <server-profile>", "      <tacplus>", '        <entry name="TACACS">',
         "          <server>", '            <entry name="tac-01">', f"              <address>{h['tacacs']}</address>",
         "              <secret>-AQ==Zx8cV2bN6mQ0wE3rT7yU1iO5pA9=</secret>", "              <port>49</port>",
         "            </entry>", "          </server>", "        </entry>", "      </tacplus>", "    </server-profile>",
         "    <authentication-profile>", '      <entry name="TACACS-MFA">', "        <method>", "          <tacplus>",
         "            <server-profile>TACACS</server-profile>", "          </tacplus>", "        </method>",
         "        <multi-factor-auth>", "          <mfa-enable>yes</mfa-enable>", "          <factors>",
         "            <member>okta-mfa</member>", "          </factors>", "        </multi-factor-auth>",
         "        <allow-list>", "          <member>all</member>", "        </allow-list>", "      </entry>",
         "    </authentication-profile>", "    <log-settings>", "      <syslog>", '        <entry name="SIEM">',
         "          <server>", '            <entry name="siem-01">', "              <transport>UDP</transport>",
         "              <port>514</port>", "              <format>BSD</format>", f"              <server>{h['syslog']}</server>",
         "              <facility>LOG_USER</facility>", "            </entry>", "          </server>", "        </entry>",
         "      </syslog>", "      <profiles>", '        <entry name="forward-to-siem">', "          <match-list>",
         '            <entry name="traffic-all">', "              <log-type>traffic</log-type>",
         "              <filter>All Logs</filter>", "              <send-syslog>", "                <member>SIEM</member>",
         "              </send-syslog>", "            </entry>", "          </match-list>", "        </entry>",
         "      </profiles>", "      <config>", "        <match-list>", '          <entry name="config-to-siem">',
         "            <filter>All Logs</filter>", "            <send-syslog>", "              <member>SIEM</member>",
         "            </send-syslog>", "          </entry>", "        </match-list>", "      </config>",
         "    </log-settings>", "  </shared>", "  <devices>", '    <entry name="localhost.localdomain">',
         "      <network>", "        <interface>", "          <ethernet>"]
    phys: dict[str, list[tuple]] = {}
    for name, net, offset, comment, tag in interfaces:
        parent = name.split(".")[0]
        phys.setdefault(parent, []).append((name, net, offset, comment, tag))
    for parent, items in phys.items():
        x += [f'            <entry name="{parent}">', "              <layer3>"]
        main = [i for i in items if i[4] is None]
        subs = [i for i in items if i[4] is not None]
        if main:
            _, net, offset, comment, _ = main[0]
            x += ["                <ip>", f'                  <entry name="{net.network_address + offset}/{net.prefixlen}"/>',
                  "                </ip>"]
        if subs:
            x.append("                <units>")
            for name, net, offset, comment, tag in subs:
                x += [f'                  <entry name="{name}">', f"                    <tag>{tag}</tag>",
                      "                    <ip>", f'                      <entry name="{net.network_address + offset}/{net.prefixlen}"/>',
                      "                    </ip>", f"                    <comment>{comment}</comment>", "                  </entry>"]
            x.append("                </units>")
        x += ["              </layer3>", f"              <comment>{main[0][3] if main else 'subinterfaces'}</comment>",
              "            </entry>"]
    x += ["          </ethernet>", "        </interface>", "        <virtual-router>", '          <entry name="default">',
          "            <interface>"]
    x += [f"              <member>{i[0]}</member>" for i in interfaces]
    x += ["            </interface>", "            <routing-table>", "              <ip>", "                <static-route>"]
    for name, dst, nh, iface in routes:
        x += [f'                  <entry name="{name}">', "                    <nexthop>",
              f"                      <ip-address>{nh}</ip-address>", "                    </nexthop>",
              f"                    <interface>{iface}</interface>", f"                    <destination>{dst}</destination>",
              "                  </entry>"]
    x += ["                </static-route>", "              </ip>", "            </routing-table>", "          </entry>",
          "        </virtual-router>", "      </network>", "      <deviceconfig>", "        <system>",
          f"          <hostname>{hostname}</hostname>", "          <timezone>Asia/Taipei</timezone>",
          f"          <ip-address>{mg.network_address + 200 + rng.randint(0, 50)}</ip-address>",
          f"          <netmask>{mg.netmask}</netmask>", f"          <default-gateway>{mg.network_address + 1}</default-gateway>",
          "          <service>", "            <disable-telnet>yes</disable-telnet>", "            <disable-http>yes</disable-http>",
          "          </service>", "          <permitted-ip>", f'            <entry name="{mg}"/>', "          </permitted-ip>",
          "          <authentication-profile>TACACS-MFA</authentication-profile>",
          "          <login-banner>Authorized use by Example Securities staff only.</login-banner>", "          <ntp-servers>",
          "            <primary-ntp-server>", f"              <ntp-server-address>{h['ntp']}</ntp-server-address>",
          "              <authentication-type>", "                <none/>", "              </authentication-type>",
          "            </primary-ntp-server>", "          </ntp-servers>", "          <snmp-setting>", "            <access-setting>",
          "              <version>", "                <v3>", "                  <users>", '                    <entry name="nms-v3">',
          "                      <authpwd>-AQ==Pq9oW3eR7tY1uI5oP9aS3dF7gH1=</authpwd>",
          "                      <privpwd>-AQ==Mn2bV6cX0zL4kJ8hG2fD6sA0pO4=</privpwd>",
          "                      <authproto>SHA-256</authproto>", "                      <privproto>AES-256</privproto>",
          "                    </entry>", "                  </users>", "                </v3>", "              </version>",
          "            </access-setting>", "          </snmp-setting>", "        </system>", "        <setting>",
          "          <management>", "            <idle-timeout>10</idle-timeout>", "          </management>", "        </setting>",
          "      </deviceconfig>", "      <vsys>", '        <entry name="vsys1">', "          <zone>"]
    for zname, members in zones.items():
        x += [f'            <entry name="{zname}">', "              <network>"]
        x += _members("layer3", members, "                ")
        x += ["              </network>", "            </entry>"]
    x += ["          </zone>", "          <profile-group>", '            <entry name="strict-protect">']
    for p in ("virus", "spyware", "vulnerability", "url-filtering", "wildfire-analysis"):
        x += _members(p, ["default"], "              ")
    x += ["            </entry>", "          </profile-group>", "          <address>"]
    for name, a in objs.addrs.items():
        x.append(f'            <entry name="{name}">')
        if isinstance(a, tuple):
            x.append(f"              <ip-range>{a[0]}-{a[1]}</ip-range>")
        else:
            x.append(f"              <ip-netmask>{a}</ip-netmask>")
        x.append("            </entry>")
    x += ["          </address>", "          <address-group>"]
    for name, members in objs.groups.items():
        x.append(f'            <entry name="{name}">')
        x += _members("static", members, "              ")
        x.append("            </entry>")
    x += ["          </address-group>", "          <service>"]
    for name, (proto, lo, hi) in objs.services.items():
        x += [f'            <entry name="{name}">', "              <protocol>", f"                <{proto}>",
              f"                  <port>{lo if lo == hi else f'{lo}-{hi}'}</port>", f"                </{proto}>",
              "              </protocol>", "            </entry>"]
    x += ["          </service>", "          <service-group>"]
    for name, members in objs.svc_groups.items():
        x.append(f'            <entry name="{name}">')
        x += _members("members", members, "              ")
        x.append("            </entry>")
    x += ["          </service-group>", "          <rulebase>", "            <security>", "              <rules>"]
    ind = "                  "
    for i, r in enumerate(rules):
        icmp = r["svc"] == ["ALL_ICMP"]
        x.append(f'                <entry name="{r["name"][:63]}" uuid="{rng.getrandbits(32):08x}-{i >> 16 & 0xffff:04x}-4{i & 0xfff:03x}-8000-{seed & 0xffffffffffff:012x}">')
        x += _members("to", [r["dst_if"]], ind) + _members("from", [r["src_if"]], ind)
        x += _members("source", r["src"], ind) + _members("destination", r["dst"], ind)
        x += _members("application", ["icmp" if icmp else "any"], ind)
        x += _members("service", ["application-default"] if icmp else r["svc"], ind)
        x.append(f"{ind}<action>{'allow' if r['action'] == 'accept' else 'deny'}</action>")
        if r["action"] == "accept":
            x += [f"{ind}<profile-setting>"] + _members("group", ["strict-protect"], ind + "  ") + [f"{ind}</profile-setting>"]
        if r["log"]:
            x.append(f"{ind}<log-setting>forward-to-siem</log-setting>")
        if r["disabled"]:
            x.append(f"{ind}<disabled>yes</disabled>")
        if r["comment"]:
            x.append(f"{ind}<description>{r['comment']}</description>")
        x.append("                </entry>")
    x += ["              </rules>", "            </security>", "          </rulebase>", "        </entry>", "      </vsys>",
          "    </entry>", "  </devices>", "</config>"]
    return "\n".join(x) + "\n"


def srx_config(hostname: str, dc: int, interfaces: list[tuple], routes: list[tuple], objs: _FwObjects,
               rules: list[dict], seed: int, version: str = "21.4R3-S5.4", host_inbound: dict | None = None) -> str:
    """A Junos SRX configuration (curly-brace `show configuration`): system (TACACS+,
    accounting, syslog, NTP, SSH), interfaces, static routes, security zones, the global
    address book, applications and application sets, and zone-pair policies.

    interfaces: (name, unit, network, host offset, description, zone); routes: (dst, next hop)."""
    rng = random.Random(seed)
    h = _mgmt_hosts(dc)
    mg = _Plan.dc_mgmt(dc)
    x = [f"## Last commit: 2025-03-1{rng.randint(0, 4)} 0{rng.randint(1, 5)}:12:44 CST by netops", f"version {version};",
         "system {", f"    host-name {hostname};", "    root-authentication {",
         '        encrypted-password "$6$kq3Lr0Tz$Vh1mE8yQ2cN5pW7aX0bR4sD6fG9jK1lZ3xC5vB7nM9qP2wE4rT6yU8iO0aS2dF4gH6jK8lZ0xC2vB4nM6qP8w."; ## SECRET-DATA',
         "    }", "    login {", "        class noc-admin {", "            idle-timeout 10;", "            permissions all;",
         "        }", "        user netops.wang {", "            uid 2001;", "            class noc-admin;",
         "            authentication {",
         '                encrypted-password "$6$Qw3eR5tY$7uI9oP1aS3dF5gH7jK9lZ1xC3vB5nM7qW9eR1tY3uI5oP7aS9dF1gH3jK5lZ7xC9vB1nM3qW5eR7tY9uI1oP3."; ## SECRET-DATA',
         "            }", "        }", "    }", "    services {", "        ssh {", "            protocol-version v2;",
         "            root-login deny;", "        }", "    }", "    authentication-order [ tacplus password ];",
         "    tacplus-server {", f"        {h['tacacs']} {{", '            secret "$9$Hk5FCtOBIcyKvLxNdsYgJGDikP5z3nCtu1RhSrlMX7-dbwgoJ"; ## SECRET-DATA',
         "        }", "    }", "    accounting {", "        events [ login change-log interactive-commands ];",
         "        destination {", "            tacplus;", "        }", "    }", "    syslog {", f"        host {h['syslog']} {{",
         "            any info;", "        }", "    }", "    ntp {", f"        server {h['ntp']};", "    }", "}", "interfaces {"]
    for name, unit, net, offset, desc, _zone in interfaces:
        x += [f"    {name} {{", f'        description "{desc}";', f"        unit {unit} {{", "            family inet {",
              f"                address {net.network_address + offset}/{net.prefixlen};", "            }", "        }", "    }"]
    x += ["}", "snmp {", "    v3 {", "        usm {", "            local-engine {", "                user nms {",
          "                    authentication-sha256 {", '                        authentication-key "$9$Uk3nCuBEcyKvLxNdsYgJGDikP5z3nCtu"; ## SECRET-DATA',
          "                    }", "                    privacy-aes128 {", '                        privacy-key "$9$Ee6lvWx7-dbwgoJHk5FCtOBIcyKvLxNd"; ## SECRET-DATA',
          "                    }", "                }", "            }", "        }", "    }", "}",
          "routing-options {", "    static {"]
    x += [f"        route {dst} next-hop {nh};" for dst, nh in routes]
    x += ["    }", "}", "security {", "    address-book {", "        global {"]
    for name, a in objs.addrs.items():
        if isinstance(a, tuple):
            x += [f"            address {name} {{", f"                range-address {a[0]} {{", "                    to {",
                  f"                        {a[1]};", "                    }", "                }", "            }"]
        else:
            x.append(f"            address {name} {a};")
    for name, members in objs.groups.items():
        x.append(f"            address-set {name} {{")
        x += [f"                {'address-set' if m in objs.groups else 'address'} {m};" for m in members]
        x.append("            }")
    x += ["        }", "    }", "    policies {"]
    pairs: dict[tuple[str, str], list[dict]] = {}
    for r in rules:
        pairs.setdefault((r["src_if"], r["dst_if"]), []).append(r)

    def _list(names):
        return names[0] if len(names) == 1 else "[ " + " ".join(names) + " ]"

    for (a, b), rs in pairs.items():
        x.append(f"        from-zone {a} to-zone {b} {{")
        for r in rs:
            apps = ["junos-icmp-all"] if r["svc"] == ["ALL_ICMP"] else r["svc"]
            x += [f"            {'inactive: ' if r['disabled'] else ''}policy {r['name']} {{"]
            if r["comment"]:
                x.append(f'                description "{r["comment"]}";')
            x += ["                match {", f"                    source-address {_list(r['src'])};",
                  f"                    destination-address {_list(r['dst'])};", f"                    application {_list(apps)};",
                  "                }", "                then {"]
            x.append("                    permit;" if r["action"] == "accept" else "                    deny;")
            if r["log"]:
                x += ["                    log {", "                        session-close;", "                    }"]
            x += ["                }", "            }"]
        x.append("        }")
    x += ["        default-policy {", "            deny-all;", "        }", "    }", "    zones {"]
    zones: dict[str, list[str]] = {}
    for name, unit, net, offset, desc, zone in interfaces:
        if zone:
            zones.setdefault(zone, []).append(f"{name}.{unit}")
    for zone, ifs in zones.items():
        x.append(f"        security-zone {zone} {{")
        services = (host_inbound or {}).get(zone)
        if services:
            x += ["            host-inbound-traffic {", "                system-services {"]
            x += [f"                    {s};" for s in services]
            x += ["                }", "            }"]
        x += ["            interfaces {"] + [f"                {i};" for i in ifs] + ["            }", "        }"]
    x += ["    }", "}", "applications {"]
    for name, (proto, lo, hi) in objs.services.items():
        x += [f"    application {name} {{", f"        protocol {proto};",
              f"        destination-port {lo if lo == hi else f'{lo}-{hi}'};", "    }"]
    for name, members in objs.svc_groups.items():
        x.append(f"    application-set {name} {{")
        x += [f"        {'application-set' if m in objs.svc_groups else 'application'} {m};" for m in members]
        x.append("    }")
    x.append("}")
    return "\n".join(x) + "\n"


# --------------------------------------------------------------------------- Linux iptables gateways

def iptables_gateway(plan: _Plan, dc: int, hostname: str, target_lines: int, seed: int) -> str:
    """An `iptables-save` of a Linux gateway between the UAT network (eth0) and a software
    vendor's test lab (tun0, OpenVPN): per-host, per-port FORWARD rules in user chains with
    change-ticket comments, stateful return traffic, management by SSH from MGMT only."""
    rng = random.Random(seed)
    mg = plan.dc_mgmt(dc)
    stamp = "Sat Mar 15 02:00:01 2025"
    x = [f"# hostname: {hostname}", f"# {hostname}: Ubuntu 22.04 LTS gateway between UAT (eth0) and the vendor lab (tun0)",
         f"# Generated by iptables-save v1.8.7 on {stamp}", "*nat", ":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]",
         ":OUTPUT ACCEPT [0:0]", ":POSTROUTING ACCEPT [0:0]", f"-A POSTROUTING -s 10.{10 + dc}.0.0/16 -o tun0 -j MASQUERADE",
         "COMMIT", f"# Completed on {stamp}", f"# Generated by iptables-save v1.8.7 on {stamp}", "*filter",
         ":INPUT DROP [0:0]", ":FORWARD DROP [0:0]", ":OUTPUT ACCEPT [0:0]", ":LOG_DROP - [0:0]", ":UAT_OUT - [0:0]",
         ":VENDOR_IN - [0:0]", "-A INPUT -i lo -j ACCEPT", "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
         "-A INPUT -m conntrack --ctstate INVALID -j DROP",
         f'-A INPUT -s {mg} -i eth0 -p tcp -m tcp --dport 22 -m comment --comment "{_change(rng)} admin ssh from MGMT" -j ACCEPT',
         f"-A INPUT -s {mg} -i eth0 -p udp -m udp --dport 161 -j ACCEPT", "-A INPUT -j LOG_DROP",
         "-A FORWARD -m conntrack --ctstate INVALID -j DROP",
         "-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
         "-A FORWARD -i tun0 -o eth0 -j VENDOR_IN", "-A FORWARD -i eth0 -o tun0 -j UAT_OUT", "-A FORWARD -j LOG_DROP",
         '-A LOG_DROP -m limit --limit 5/min --limit-burst 10 -j LOG --log-prefix "lab drop: " --log-level 4',
         "-A LOG_DROP -j DROP"]
    n = max(10, target_lines - len(x) - 6)
    lab = [ipaddress.ip_network(f"172.31.{rng.randint(0, 255)}.0/24") for _ in range(12)]
    body_in, body_out = [], []
    for i in range(n):
        inbound = rng.random() < 0.75
        vnet = rng.choice(lab)
        v = f"{vnet.network_address + rng.randint(2, 250)}/32" if rng.random() < 0.7 else str(vnet)
        u = plan.uat(dc, rng.choice(plan.uat_vlans))
        u = f"{u.network_address + rng.randint(10, 250)}/32" if rng.random() < 0.75 else str(u)
        port = rng.choice([443, 8443, 22, 1521, 8080, 9443, 3389, 5432])
        comment = f' -m comment --comment "{_change(rng)} vendor test"' if rng.random() < 0.8 else ""
        if rng.random() < 0.2:
            ports = sorted(rng.sample([443, 8443, 8080, 9443, 8000, 8001], 3))
            match = f"-p tcp -m multiport --dports {','.join(map(str, ports))}"
        else:
            match = f"-p tcp -m tcp --dport {port}"
        target = "ACCEPT" if rng.random() < 0.93 else "DROP"
        if inbound:
            body_in.append(f"-A VENDOR_IN -s {v} -d {u} {match}{comment} -j {target}")
        else:
            body_out.append(f"-A UAT_OUT -s {u} -d {v} {match}{comment} -j {target}")
    x += body_in + ["-A VENDOR_IN -j RETURN"] + body_out + ["-A UAT_OUT -j RETURN", "COMMIT", f"# Completed on {stamp}"]
    return "\n".join(x) + "\n"


# --------------------------------------------------------------------------- the repository

BRANCH_FW_MIX = [("fortinet_fortios", 65), ("cisco_asa", 15), ("paloalto_panos", 10), ("juniper_junos", 10)]


def _branch_firewall(plan: _Plan, b: int, vendor: str, wan: ipaddress.IPv4Network, lan: ipaddress.IPv4Network,
                     n_user_vlans: int, target: int, seed: int) -> tuple[str, str]:
    """A branch firewall between the branch core (lan) and its hub (wan): users to the data
    centres by application, web to the internet (central egress) with profiles, management
    both ways, a final logged deny; the rule count follows the target line count."""
    rng = random.Random(seed)
    dc = 1 + b % 2
    name = f"br{b:03d}-fw01"
    users = [plan.users(b, k) for k in range(n_user_vlans)]
    block, mgmt, dcm = plan.users_block(b), plan.br_mgmt(b), _Plan.dc_mgmt(dc)
    default = ipaddress.ip_network("0.0.0.0/0")
    # lines per rule, objects included (ASA: the entry, a remark, about 1.5 new two-line objects)
    lines_per_rule = {"fortinet_fortios": 16, "cisco_asa": 4.8, "paloalto_panos": 30, "juniper_junos": 19}[vendor]
    n = max(30, int((target - 400) / lines_per_rule))
    if vendor == "cisco_asa":
        entries = _flow_entries(rng, plan, users, n, dcs=(dc,))
        entries += [("permit", "tcp", block, None, 80), ("permit", "tcp", block, None, 443),
                    ("permit", "udp", mgmt, dcm, 514), ("permit", "udp", mgmt, dcm, 123), ("permit", "tcp", mgmt, dcm, 49)]
        ifs = [("GigabitEthernet1/1", "outside", 0, wan, 2, False), ("GigabitEthernet1/2", "inside", 100, lan, 1, False),
               ("Management1/1", "mgmt", 100, mgmt, 2, True)]
        acls = {"INSIDE_IN": entries,
                "OUTSIDE_IN": [("permit", "tcp", dcm, mgmt, 22), ("permit", "udp", dcm, mgmt, 161),
                               ("permit", "tcp", dcm, block, 3389)]}
        routes = [("outside", default, wan.network_address + 1), ("inside", plan.branch_block(b), lan.network_address + 2)]
        return name + ".cfg", asa_firewall(name, dc, ifs, acls, routes, seed, rng.choice(["9.16(4)", "9.18(3)", "9.12(4)"]))
    objs = _FwObjects()
    inside, outside = {"fortinet_fortios": ("internal1", "wan1"), "paloalto_panos": ("trust", "untrust"),
                       "juniper_junos": ("trust", "untrust")}[vendor]
    rules = _rules_from_entries(_flow_entries(rng, plan, users, n, dcs=(dc,)), objs, inside, outside, rng, "usr")
    web = objs.group("g-users", [objs.addr(u) for u in users])
    http, https = objs.service("tcp", 80), objs.service("tcp", 443)
    rules += [_fw_rule("web-out", inside, outside, [web], ["all" if vendor == "fortinet_fortios" else "any"],
                       [http, https], comment=f"{_change(rng)} staff web browsing via the central proxy", profiles=True),
              _fw_rule("mgmt-out", inside, outside, [objs.addr(mgmt)], [objs.addr(dcm)],
                       [objs.service("udp", 514), objs.service("udp", 123), objs.service("tcp", 49)],
                       comment=f"{_change(rng)} syslog, NTP, TACACS+"),
              _fw_rule("mgmt-in", outside, inside, [objs.addr(dcm)], [objs.addr(mgmt)],
                       [objs.service("tcp", 22), objs.service("udp", 161)], comment=f"{_change(rng)} NOC access"),
              _fw_rule("deny-rest", inside, outside, ["all" if vendor == "fortinet_fortios" else "any"],
                       ["all" if vendor == "fortinet_fortios" else "any"],
                       ["ALL" if vendor == "fortinet_fortios" else "any"], action="deny", comment="explicit deny, logged")]
    if vendor == "fortinet_fortios":
        ifs = [("wan1", wan, 2, "wan", "ping", f"WAN to dc{dc}-wan-hub01"), ("internal1", lan, 1, "lan", "ping", "to branch core"),
               ("mgmt", mgmt, 3, "mgmt", "ping https ssh snmp", "out-of-band management")]
        routes = [(default, wan.network_address + 1, "wan1"), (plan.branch_block(b), lan.network_address + 2, "internal1")]
        model = rng.choice(["FGT100F", "FGT60F", "FGT200F"])
        return name + ".conf", fortios_config(name, dc, ifs, routes, objs, rules, seed, model,
                                              rng.choice(["7.2.8", "7.0.15", "7.4.4"]))
    if vendor == "paloalto_panos":
        ifs = [("ethernet1/1", wan, 2, f"WAN to dc{dc}-wan-hub01", None), ("ethernet1/2", lan, 1, "to branch core", None)]
        zones = {"untrust": ["ethernet1/1"], "trust": ["ethernet1/2"]}
        routes = [("default", "0.0.0.0/0", wan.network_address + 1, "ethernet1/1"),
                  ("branch", str(plan.branch_block(b)), lan.network_address + 2, "ethernet1/2")]
        return name + ".xml", panos_config(name, dc, ifs, zones, routes, objs, rules, seed,
                                           rng.choice(["10.2.9", "11.1.4", "10.1.14"]))
    ifs = [("ge-0/0/0", 0, wan, 2, f"WAN to dc{dc}-wan-hub01", "untrust"), ("ge-0/0/1", 0, lan, 1, "to branch core", "trust"),
           ("fxp0", 0, mgmt, 3, "out-of-band management", None)]
    routes = [("0.0.0.0/0", wan.network_address + 1), (str(plan.branch_block(b)), lan.network_address + 2)]
    return name + ".conf", srx_config(name, dc, ifs, routes, objs, rules, seed, rng.choice(["21.4R3-S5.4", "22.4R3.25", "20.4R3-S9.2"]),
                                      host_inbound={"trust": ["ping", "ssh"], "untrust": ["ping"]})


def _dc_edge(plan: _Plan, dc: int, to_asa: ipaddress.IPv4Network, target: int, seed: int) -> str:
    """The internet edge of a data centre (PAN-OS): untrust, the DMZ subinterfaces, trust."""
    rng = random.Random(seed)
    objs = _FwObjects()
    outside = ipaddress.ip_network(f"203.0.113.{8 * (dc - 1)}/29")
    ifs = [("ethernet1/1", outside, 2, "HiNet uplink", None), ("ethernet1/3", to_asa, 1, f"transit to dc{dc}-core-fw01", None)]
    ifs += [(f"ethernet1/2.{10 + k}", plan.dmz(dc, k), 1, f"DMZ segment {k + 1}", 10 + k) for k in range(8)]
    zones = {"untrust": ["ethernet1/1"], "dmz": [f"ethernet1/2.{10 + k}" for k in range(8)], "trust": ["ethernet1/3"]}
    routes = [("default-hinet", "0.0.0.0/0", outside.network_address + 1, "ethernet1/1"),
              ("internal", "10.0.0.0/8", to_asa.network_address + 2, "ethernet1/3")]
    n = max(40, (target - 600) // 30)
    rules = []
    for i in range(n):
        r = rng.random()
        if r < 0.35:  # published services
            dst = [objs.addr(f"{plan.server('dmz', dc)}/32")]
            rules.append(_fw_rule(f"pub-{i:04d}", "untrust", "dmz", ["any"], dst,
                                  [objs.service("tcp", rng.choice([443, 443, 443, 80, 8443]))],
                                  comment=f"{_change(rng)} published service", profiles=True))
        elif r < 0.7:  # DMZ to the application tiers behind the core firewall
            src = objs.addr(f"{plan.server('dmz', dc)}/32") if rng.random() < 0.7 else objs.addr(plan.dmz(dc, rng.randrange(8)))
            port = rng.choice([1521, 8443, 9443, 443, 1414])
            rules.append(_fw_rule(f"dmz-app-{i:04d}", "dmz", "trust", [src], [objs.addr(f"{plan.server('prod', dc)}/32")],
                                  [objs.service(_proto_of(port), port)], comment=f"{_change(rng)} front-end to back-end",
                                  profiles=True))
        elif r < 0.9:  # internal users and servers to DMZ front-ends
            rules.append(_fw_rule(f"int-dmz-{i:04d}", "trust", "dmz", [objs.addr("10.64.0.0/10")],
                                  [objs.addr(f"{plan.server('dmz', dc)}/32")], [objs.service("tcp", 443)],
                                  comment=f"{_change(rng)} portal for staff", profiles=True))
        else:
            rules.append(_fw_rule(f"block-{i:04d}", "untrust", "dmz",
                                  [objs.addr(f"{ipaddress.ip_address(rng.getrandbits(32) | 0x01000000)}/32")], ["any"], ["any"],
                                  action="deny", comment="threat intelligence block"))
    rules.sort(key=lambda r: r["action"] != "deny")  # blocklist first, as edge rulebases keep it
    rules += [_fw_rule("web-out", "trust", "untrust", [objs.addr("10.0.0.0/8")], ["any"],
                       [objs.service("tcp", 80), objs.service("tcp", 443)], comment="central web egress via proxy", profiles=True),
              _fw_rule("deny-all", "any", "any", ["any"], ["any"], ["any"], action="deny", comment="explicit deny, logged")]
    return panos_config(f"dc{dc}-edge-fw01", dc, ifs, zones, routes, objs, rules, seed, "10.2.9")


def _dc_asa(plan: _Plan, dc: int, t_edge, t_core, t_hub, branches: list[int], target: int, seed: int) -> str:
    rng = random.Random(seed)
    default = ipaddress.ip_network("0.0.0.0/0")
    ifs = [("TenGigabitEthernet0/0", "outside", 0, t_edge, 2, False), ("TenGigabitEthernet0/1", "inside", 100, t_core, 1, False),
           ("TenGigabitEthernet0/2", "wan", 50, t_hub, 1, False), ("Management0/0", "mgmt", 100, _Plan.dc_mgmt(dc), 5, True)]
    n = max(60, int((target - 300) / 4.3))  # lines per entry, objects and remarks included
    users = [plan.users(b, k) for b in branches for k in range(2)] or [plan.users(0, 0)]
    wan = _flow_entries(rng, plan, users, n // 2, dcs=(dc,))
    wan += [("permit", "tcp", ipaddress.ip_network("10.64.0.0/10"), None, 443),
            ("permit", "tcp", ipaddress.ip_network("10.64.0.0/10"), None, 80)]
    prod_nets = [plan.prod(dc, v) for v in plan.prod_vlans]
    inside = _dc_entries(rng, plan, dc, prod_nets, n // 3)
    inside += [("permit", "tcp", ipaddress.ip_network(f"10.{dc}.0.0/16"), None, 443),
               ("permit", "ip", _Plan.dc_mgmt(dc), ipaddress.ip_network("10.64.0.0/10"), None)]
    outside = [("permit", _proto_of(p), plan.subnet("dmz", dc), ipaddress.ip_network(f"{plan.server('prod', dc)}/32"), p)
               for p in (rng.choice([1521, 8443, 9443, 1414]) for _ in range(max(10, n // 6)))]
    acls = {"OUTSIDE_IN": outside, "INSIDE_IN": inside, "WAN_IN": wan}
    routes = [("outside", default, t_edge.network_address + 1),
              ("inside", ipaddress.ip_network(f"10.{dc}.0.0/16"), t_core.network_address + 2),
              ("inside", ipaddress.ip_network(f"10.{10 + dc}.0.0/16"), t_core.network_address + 2),
              ("inside", ipaddress.ip_network("192.0.2.128/25"), t_core.network_address + 2),
              ("wan", ipaddress.ip_network("10.64.0.0/10"), t_hub.network_address + 2)]
    return asa_firewall(f"dc{dc}-core-fw01", dc, ifs, acls, routes, seed, "9.18(3)")


def _dc_exchange(plan: _Plan, dc: int, t_core, target: int, seed: int) -> str:
    """The exchange firewall (SRX): order routing out, market data in, over the leased line."""
    rng = random.Random(seed)
    objs = _FwObjects()
    line = ipaddress.ip_network(f"192.0.2.{4 * (dc - 1)}/30")
    ifs = [("ge-0/0/0", 0, line, 2, "leased line to the exchange (CHT-EXG)", "exchange"),
           ("ge-0/0/1", 0, t_core, 1, f"transit to dc{dc}-core01/02", "prod"),
           ("fxp0", 0, _Plan.dc_mgmt(dc), 6, "out-of-band management", None)]
    routes = [("192.0.2.128/25", line.network_address + 1), (f"10.{dc}.0.0/16", t_core.network_address + 2),
              (str(_Plan.dc_mgmt(dc)), t_core.network_address + 2)]
    gws = [ipaddress.ip_network(f"192.0.2.{130 + k}/32") for k in range(8)]
    n = max(30, (target - 250) // 17)
    rules = []
    for i in range(n):
        srv = ipaddress.ip_network(f"{plan.server('prod', dc)}/32")
        if rng.random() < 0.6:
            rules.append(_fw_rule(f"fix-{i:04d}", "prod", "exchange", [objs.addr(srv)], [objs.addr(rng.choice(gws))],
                                  [objs.service("tcp", rng.choice([9443, 9876, 9877]))], comment=f"{_change(rng)} FIX session"))
        else:
            lo = 30000 + 10 * rng.randrange(10)
            rules.append(_fw_rule(f"md-{i:04d}", "exchange", "prod", [objs.addr(rng.choice(gws))], [objs.addr(srv)],
                                  [objs.service("udp", lo, lo + 9)], comment=f"{_change(rng)} market data feed"))
    return srx_config(f"dc{dc}-exch-fw01", dc, ifs, routes, objs, rules, seed, "22.4R3.25",
                      host_inbound={"exchange": ["ping"], "prod": ["ping", "ssh", "snmp"]})


def repository(root, devices: int = 1000, seed: int = 2024) -> dict:
    """Write a config repository of `devices` devices of a large broker (the layout above)
    into `root`, plus `policy.yaml` (zones as lists of site subnets and VLANs, a handful of
    flows). Each config is 2,000-5,000 lines. Returns a summary: devices per vendor, lines.

    Mix at 1,000 devices: about 65% IOS-XE (branch cores, access stacks, WAN hubs), 12%
    NX-OS (DC cores, DC1 leaves), 12% EOS (DC2 leaves), 9% firewalls (FortiOS branches
    mostly, ASA, PAN-OS, SRX; the DC edge/core/exchange firewalls) and 1% Linux gateways."""
    from pathlib import Path

    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    n_lnx = max(2, round(0.01 * devices))
    n_branch = max(3, round(0.085 * devices))
    rest = devices - 12 - n_lnx - 2 * n_branch
    if rest < 2:
        raise ValueError(f"{devices} devices is too few for two data centres and {n_branch} branches")
    n_leaves = round(0.3 * rest)
    n_access = rest - n_leaves
    # DC server segments grow with the network: 64 PROD and 32 UAT VLANs at 1,000 devices
    plan = _Plan(random.Random(seed + 1), n_branch, max(8, min(64, round(64 * devices / 1000))),
                 max(4, min(32, round(32 * devices / 1000))))
    summary: dict = {"devices": 0, "lines": 0, "vendors": {}, "files": []}

    def target() -> int:
        return int(rng.triangular(2000, 5000, 2600))

    def write(folder: str, name: str, text: str, vendor: str) -> None:
        path = root / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        summary["devices"] += 1
        summary["lines"] += text.count("\n")
        summary["vendors"][vendor] = summary["vendors"].get(vendor, 0) + 1
        summary["files"].append(str(path.relative_to(root)))

    # access switches per branch: the head office holds 30%, the others 1 + a random share
    per_branch = [0] * n_branch
    per_branch[0] = round(0.3 * n_access) if n_branch > 1 else n_access
    left = n_access - per_branch[0]
    for b in range(1, n_branch):
        if left:
            per_branch[b] += 1
            left -= 1
    weights = [rng.lognormvariate(0, 0.8) for _ in range(n_branch - 1)]
    for _ in range(left):
        per_branch[1 + rng.choices(range(n_branch - 1), weights=weights)[0]] += 1

    hub_links: dict[int, list] = {1: [], 2: []}
    for b in range(n_branch):
        dc = 1 + b % 2
        site = "hq" if b == 0 else f"br{b:03d}"
        wan, lan = plan.transit(), plan.transit()
        hub_links[dc].append((b, wan))
        n_vlans = 16 if b == 0 else rng.randint(2, 4)
        vendor = "paloalto_panos" if b == 0 else rng.choices([v for v, _ in BRANCH_FW_MIX], [w for _, w in BRANCH_FW_MIX])[0]
        fname, text = _branch_firewall(plan, b, vendor, wan, lan, n_vlans, target(), rng.getrandbits(32))
        write(site, fname, text, vendor)
        write(site, f"br{b:03d}-core01.cfg", ios_branch_core(plan, b, f"br{b:03d}-core01", n_vlans, lan, per_branch[b],
                                                             target(), rng.getrandbits(32)), "cisco_ios")
        mg = plan.br_mgmt(b)
        for a in range(per_branch[b]):
            name = f"br{b:03d}-acc{a + 1:02d}"
            write(site, name + ".cfg", ios_access_switch(name, mg.network_address + 10 + a, mg, USER_VLANS[:n_vlans],
                                                         target(), rng.getrandbits(32)), "cisco_ios")
    leaves = {1: [f"dc1-leaf{i + 1:03d}" for i in range((n_leaves + 1) // 2)],
              2: [f"dc2-leaf{i + 1:03d}" for i in range(n_leaves // 2)]}
    for dc in (1, 2):
        site = f"dc{dc}"
        t_edge, t_hub = plan.transit(), plan.transit()
        t_core, t_exch = plan.transit29(), plan.transit29()
        write(site, f"dc{dc}-edge-fw01.xml", _dc_edge(plan, dc, t_edge, target(), rng.getrandbits(32)), "paloalto_panos")
        write(site, f"dc{dc}-core-fw01.cfg", _dc_asa(plan, dc, t_edge, t_core, t_hub, [b for b, _ in hub_links[dc]],
                                                     target(), rng.getrandbits(32)), "cisco_asa")
        write(site, f"dc{dc}-exch-fw01.conf", _dc_exchange(plan, dc, t_exch, target(), rng.getrandbits(32)), "juniper_junos")
        write(site, f"dc{dc}-wan-hub01.cfg", ios_wan_hub(plan, dc, f"dc{dc}-wan-hub01", hub_links[dc], t_hub, target(),
                                                         rng.getrandbits(32)), "cisco_ios")
        for unit in (1, 2):
            write(site, f"dc{dc}-core0{unit}.cfg", nxos_dc_core(plan, dc, unit, t_core, t_exch, leaves[dc], target(),
                                                               rng.getrandbits(32)), "cisco_nxos")
        mg = plan.dc_mgmt(dc)
        for i, name in enumerate(leaves[dc]):
            vl = sorted(rng.sample(plan.prod_vlans, min(len(plan.prod_vlans), rng.randint(6, 12))) + rng.sample(plan.uat_vlans, rng.randint(2, min(4, len(plan.uat_vlans)))))
            ip = mg.network_address + 16 + i
            if dc == 1:
                write(site, name + ".cfg", nxos_leaf(plan, dc, name, ip, vl, target(), rng.getrandbits(32)), "cisco_nxos")
            else:
                write(site, name + ".cfg", eos_leaf(plan, dc, name, ip, vl, target(), rng.getrandbits(32)), "arista_eos")
    labgws = [f"dc{1 + k % 2}-labgw{k // 2 + 1:02d}" for k in range(n_lnx)]
    for k, name in enumerate(labgws):
        write(f"dc{1 + k % 2}", name + ".rules", iptables_gateway(plan, 1 + k % 2, name, target(), rng.getrandbits(32)),
              "linux_iptables")
    (root / "policy.yaml").write_text(_repo_policy(plan, n_branch, labgws))
    return summary


def _repo_policy(plan: _Plan, n_branch: int, labgws: list[str]) -> str:
    def flow_list(items):
        return "[" + ", ".join(str(i) for i in items) + "]"

    users = [str(plan.users_block(b)) for b in range(n_branch)]
    mgmt = [str(_Plan.dc_mgmt(1)), str(_Plan.dc_mgmt(2))] + [str(plan.br_mgmt(b)) for b in range(n_branch)]
    return "\n".join([
        "# Policy of the generated benchmark network (benchmarks/generate.py repository()): zones as",
        "# the lists of each site's subnets, VLANs as numbered across sites, the approved flows.",
        "organization:", "  name: Example Securities Co., Ltd. (benchmark network)", "  category: 1", "",
        "zones:", "  internet:", "    kind: external", "    subnets: [0.0.0.0/0]",
        "  dmz:", "    kind: dmz", "    subnets: [172.16.0.0/20, 172.16.16.0/20]",
        "  prod:", "    kind: prod", "    subnets: [10.1.0.0/16, 10.2.0.0/16]", f"    vlans: {flow_list(PROD_VLANS)}",
        "  uat:", "    kind: uat", "    subnets: [10.11.0.0/16, 10.12.0.0/16]", f"    vlans: {flow_list(UAT_VLANS)}",
        f"    interfaces: {flow_list([f'{g}:eth0' for g in labgws])}",
        "  users:", "    kind: internal", f"    subnets: {flow_list(users)}", f"    vlans: {flow_list(USER_VLANS)}",
        "  mgmt:", "    kind: mgmt", f"    subnets: {flow_list(mgmt)}", f"    vlans: [{MGMT_VLAN}]",
        "  exchange:", "    kind: partner", "    subnets: [192.0.2.128/25]",
        "  vendor-lab:", "    kind: partner", "    subnets: [172.31.0.0/16]",
        f"    interfaces: {flow_list([f'{g}:tun0' for g in labgws])}", "",
        "flows:",
        '  - {from: internet, to: dmz, services: [tcp/443, tcp/80, tcp/8443], description: "published services"}',
        '  - {from: dmz, to: prod, services: [tcp/1521, tcp/8443, tcp/9443, tcp/1414], description: "front-ends to back-ends"}',
        "  - {from: users, to: prod, services: [tcp/443, tcp/8443, tcp/9443, tcp/8080]}",
        "  - {from: users, to: dmz, services: [tcp/443]}",
        "  - {from: users, to: internet, services: [tcp/80, tcp/443]}",
        "  - {from: prod, to: internet, services: [tcp/443]}",
        '  - {from: prod, to: exchange, services: [tcp/9443, tcp/9876, tcp/9877], description: "FIX order routing"}',
        '  - {from: exchange, to: prod, services: [udp/30000-30100], description: "market data"}',
        '  - {from: vendor-lab, to: uat, services: [tcp/443, tcp/8443], description: "vendor UAT access"}',
        "  - {from: mgmt, to: any, services: [tcp/22, tcp/443, udp/161, icmp]}",
        "  - {from: any, to: mgmt, services: [udp/514, udp/123, udp/53, tcp/49]}", "",
        "risky_services: default", "", "exceptions: []", ""])


# =========================================================================== scale: a 100,000-rule firewall policy

# Zones of a large data-centre segmentation firewall and how often rule bases pair them
# (most rules sit on a few pairs: users to the applications, front-ends to back-ends).
FW_ZONES = ["untrust", "dmz", "prod", "uat", "users", "mgmt", "exchange", "partner", "vendor-lab", "backup",
            "trading", "clearing", "ops", "dr", "voice", "guest-wifi"]
FW_PAIRS = [(("users", "prod"), 18), (("dmz", "prod"), 10), (("untrust", "dmz"), 8), (("prod", "prod"), 8),
            (("trading", "exchange"), 6), (("exchange", "trading"), 4), (("users", "dmz"), 5), (("prod", "dr"), 4),
            (("mgmt", "prod"), 4), (("prod", "backup"), 4), (("users", "untrust"), 3), (("partner", "dmz"), 3),
            (("vendor-lab", "uat"), 3), (("users", "uat"), 3), (("trading", "clearing"), 3), (("ops", "prod"), 3),
            (("prod", "untrust"), 2), (("uat", "untrust"), 2), (("voice", "users"), 1), (("guest-wifi", "untrust"), 1),
            (("prod", "mgmt"), 2), (("clearing", "partner"), 2)]


def _tree_net(tree: AddressTree, weights: tuple[int, int, int, int, int]):
    """A network drawn from the address tree (None for 'any'), by the acl_lines() weights."""
    kind = tree.rng.choices(["any", "host", "24", "16", "org"], weights=weights)[0]
    if kind == "any":
        return None
    if kind == "host":
        return ipaddress.ip_network(f"{tree.rng.choice(tree.hosts)}/32")
    return tree.rng.choice({"24": tree.nets24, "16": tree.nets16, "org": tree.orgs}[kind])


def firewall_policy(rules: int = 100_000, vendor: str = "fortinet_fortios", seed: int = 5) -> str:
    """A data-centre segmentation firewall holding `rules` policies (FortiOS policies or PAN-OS
    security rules), with ClassBench-like fields as `acl_lines()` draws them: nested prefixes
    from one address tree (hosts inside /24s inside /16s inside org blocks) as address objects,
    15% of rules naming address groups (some nested), well-known destination ports mostly, some
    port ranges and multi-service rules, a few broad rules (any service, or a /8), a /32
    blocklist at the top, about 1% accidental duplicates, 12% denies, 1% disabled, 80% logged,
    and change tickets in most comments. Zone pairs follow FW_PAIRS (most rules on a few pairs)."""
    if vendor not in ("fortinet_fortios", "paloalto_panos"):
        raise ValueError(f"firewall_policy: vendor {vendor} (fortinet_fortios or paloalto_panos)")
    rng = random.Random(seed)
    tree = tree_for(rules, rng)
    objs = _FwObjects()
    fortios = vendor == "fortinet_fortios"
    anyaddr, anysvc = ("all", "ALL") if fortios else ("any", "any")
    pairs, weights = [p for p, _ in FW_PAIRS], [w for _, w in FW_PAIRS]
    out: list[dict] = []
    ddos = min(200, max(1, rules // 50))
    for i in range(ddos):
        ip = ipaddress.ip_address(rng.getrandbits(32) | 0x01000000)
        out.append(_fw_rule(f"block-{i:05d}", "untrust", "any" if not fortios else "dmz", [objs.addr(f"{ip}/32")],
                            [anyaddr], [anysvc], action="deny", comment="threat intelligence blocklist"))
    groups: list[str] = []

    def addrs(weights_):
        net = _tree_net(tree, weights_)
        if net is None:
            return [anyaddr]
        if rng.random() < 0.15 and net.prefixlen >= 24:  # a group: this network and some of its neighbours
            members = [objs.addr(net)] + [objs.addr(f"{rng.choice(tree.hosts)}/32") for _ in range(rng.randint(1, 8))]
            if groups and rng.random() < 0.15:
                members.append(rng.choice(groups))  # nested group
            g = objs.group(f"g-app-{len(objs.groups) + 1:05d}", members)
            groups.append(g)
            return [g]
        if rng.random() < 0.1:
            return [objs.addr(net), objs.addr(_tree_net(tree, (0, 60, 30, 10, 0)) or net)]
        return [objs.addr(net)]

    def services():
        r = rng.random()
        if r < 0.02:
            return [anysvc]
        ports = rng.choices([p for p, _ in WELL_KNOWN], weights=[w for _, w in WELL_KNOWN], k=1 if r < 0.85 else rng.randint(2, 4))
        svc = [objs.service(_proto_of(p), p) for p in dict.fromkeys(ports)]
        if rng.random() < 0.12:
            lo = rng.randint(1024, 60000)
            svc = [objs.service("tcp", lo, lo + rng.randint(1, 2000))]
        elif rng.random() < 0.05:
            svc = [objs.service_group(f"sg-{len(objs.svc_groups) + 1:04d}", svc + [objs.service("tcp", 8443)])]
        return svc

    body: list[dict] = []
    for i in range(rules - ddos - 1):
        if rng.random() < 0.01 and body:
            dup = dict(rng.choice(body))  # an accidental duplicate (same match, new name)
            dup["name"] = f"r{i + 1:06d}"
            body.append(dup)
            continue
        a, b = rng.choices(pairs, weights=weights)[0]
        src, dst = addrs((6, 40, 38, 14, 2)), addrs((2, 52, 36, 9, 1))
        if src == [anyaddr] and dst == [anyaddr]:
            dst = [objs.addr(_tree_net(tree, (0, 45, 35, 12, 3)))]
        action = "accept" if rng.random() < 0.88 else "deny"
        r = _fw_rule(f"r{i + 1:06d}", a, b, src, dst, services(), action,
                     f"{_change(rng)} {rng.choice(['application flow', 'batch job', 'vendor support', 'monitoring', 'release'])}"
                     if rng.random() < 0.85 else "", disabled=rng.random() < 0.01, log=rng.random() < 0.8,
                     profiles=(action == "accept" and a == "untrust"))
        body.append(r)
    out += body
    out.append(_fw_rule("deny-all", "any", "any", [anyaddr], [anyaddr], [anysvc], action="deny", comment="explicit deny, logged"))
    # interfaces: one port per zone, a /24 of the 10.200/16 transit range each, and the management port
    nets = list(ipaddress.ip_network("10.200.0.0/16").subnets(new_prefix=24))
    if fortios:
        ifs = [(f"port{k + 1}", nets[k], 1, "lan" if z not in ("untrust",) else "wan", "ping", z) for k, z in enumerate(FW_ZONES)]
        ifs.append(("mgmt", _Plan.dc_mgmt(1), 7, "mgmt", "ping https ssh snmp", "out-of-band management"))
        zones = {z: [f"port{k + 1}"] for k, z in enumerate(FW_ZONES)}
        routes = [(ipaddress.ip_network("0.0.0.0/0"), nets[0].network_address + 254, "port1")]
        return fortios_config("dc1-seg-fw01", 1, ifs, routes, objs, out, seed, "FGT3700F", "7.2.8", zones=zones)
    ifs = [(f"ethernet1/{k + 1}", nets[k], 1, z, None) for k, z in enumerate(FW_ZONES)]
    zones = {z: [f"ethernet1/{k + 1}"] for k, z in enumerate(FW_ZONES)}
    routes = [("default", "0.0.0.0/0", nets[0].network_address + 254, "ethernet1/1")]
    return panos_config("dc1-seg-fw01", 1, ifs, zones, routes, objs, out, seed, "11.1.4")


# =========================================================================== scale: one large ASA config

def asa_large_config(lines: int = 50_000, acl_entries: int = 20_000, seed: int = 13) -> str:
    """One ASA config of about `lines` lines holding about `acl_entries` access-list entries:
    the data-centre core firewall of a large broker (Firepower 4100 running ASA 9.18) with
    one subinterface per application segment, each filtered inbound by its own ACL (about
    300 entries, so 40-80 ACLs at 20,000 entries). Entries name network objects, nested
    object-groups (a tier's group holds its segments' groups) and service groups, or
    inline addresses, drawn ClassBench-like from the same address tree as `acl_lines()`;
    remarks with change tickets above about a quarter of the permits, a few accidental
    duplicates, a final logged deny. Static routes and object NAT fill the remaining lines."""
    rng = random.Random(seed)
    tree = tree_for(acl_entries, rng)
    n_acls = max(2, round(acl_entries / 300))
    objs = _AsaObjects()
    segs = [f"{APP_TIERS[i % len(APP_TIERS)][0].lower()}{i // len(APP_TIERS) + 1:02d}" for i in range(n_acls)]
    out = [": Saved", ":", ": Serial Number: FLM2417X0AB",
           ": Hardware:   FPR4K-SM-24, 73848 MB RAM, CPU Xeon E5 series 2200 MHz, 2 CPUs (48 cores)", ":",
           "ASA Version 9.18(3)", "!", "hostname dc1-seg-fw01", "domain-name example-sec.com.tw",
           "enable password $sha512$5000$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNo pbkdf2", "names", "no mac-address auto", "!",
           "interface Port-channel1", " description trunk to dc1-core01/02", " no nameif", " no security-level",
           " no ip address", "!"]
    for i, seg in enumerate(segs):
        net = ipaddress.ip_network(f"10.{100 + i // 200}.{i % 200}.0/24")
        out += [f"interface Port-channel1.{1000 + i}", f" description segment {seg}", f" vlan {1000 + i}",
                f" nameif {seg}", f" security-level {50 + i % 40}", f" ip address {net.network_address + 1} {net.netmask}", "!"]
    mg = _Plan.dc_mgmt(1)
    out += ["interface Management1/1", " management-only", " nameif mgmt", " security-level 100",
            f" ip address {mg.network_address + 9} {mg.netmask}", "!", "ftp mode passive", "clock timezone CST 8",
            "same-security-traffic permit inter-interface"]

    groups: list[str] = []  # a pool of server-farm groups (five per segment), nested now and then

    def addr() -> str:
        net = _tree_net(tree, (6, 40, 38, 14, 2))
        if net is None:
            return "any"
        r = rng.random()
        if r < 0.15:
            return f"object {objs.net(net)}"
        if r < 0.27 and net.prefixlen >= 24:
            if len(groups) >= 5 * n_acls:
                return f"object-group {rng.choice(groups)}"
            members = [net] + [ipaddress.ip_network(f"{rng.choice(tree.hosts)}/32") for _ in range(rng.randint(1, 6))]
            name = objs.group(f"OG-FARM-{len(groups) + 1:04d}", members, "application servers")
            if groups and rng.random() < 0.15:
                objs.lines.append(f" group-object {rng.choice(groups)}")  # nested: an older farm kept inside
            groups.append(name)
            return f"object-group {name}"
        return _asa_mask(net)

    body: list[str] = []
    per_acl = [acl_entries // n_acls + (1 if i < acl_entries % n_acls else 0) for i in range(n_acls)]
    for a, (seg, count) in enumerate(zip(segs, per_acl)):
        name = f"{seg.upper()}_IN"
        entries: list[str] = []
        for _ in range(count - 1):
            if rng.random() < 0.01 and entries:
                entries.append(rng.choice(entries))  # an accidental duplicate
                continue
            action = "permit" if rng.random() < 0.88 else "deny"
            r = rng.random()
            if r < 0.15:
                tier, ports = rng.choice([t for t in APP_TIERS if len(t[1]) > 1])
                e = f"extended {action} object-group {objs.service(f'SG-{tier}', ports)} {addr()} {addr()}"
            else:
                proto = rng.choices(["tcp", "udp", "icmp", "ip"], weights=[70, 20, 5, 5])[0]
                src, dst = addr(), addr()
                if src == "any" and dst == "any":
                    dst = _asa_mask(_tree_net(tree, (0, 45, 35, 12, 3)))
                e = f"extended {action} {proto} {src} {dst}"
                if proto in ("tcp", "udp"):
                    port = rng.choices([p for p, _ in WELL_KNOWN], weights=[w for _, w in WELL_KNOWN])[0]
                    if proto == "udp":
                        port = rng.choice([53, 123, 161, 514, 30001])
                    e += f" eq {ASA_PORT_NAMES[proto].get(port, port)}" if rng.random() < 0.85 else \
                        f" range {(lo := rng.randint(1024, 60000))} {lo + rng.randint(1, 2000)}"
                elif proto == "icmp" and rng.random() < 0.7:
                    e += rng.choice([" echo", " echo-reply", " unreachable", " time-exceeded"])
            entries.append(e)
        entries.append("extended deny ip any any log")
        for e in entries:
            if e.startswith("extended permit") and rng.random() < 0.25:
                body.append(f"access-list {name} remark {_change(rng)} {rng.choice(['application flow', 'batch job', 'monitoring', 'release'])}")
            body.append(f"access-list {name} {e}")
    h = _mgmt_hosts(1)
    tail = ["pager lines 24", "logging enable", "logging timestamp", "logging buffered warnings", "logging trap informational",
            f"logging host mgmt {h['syslog']}"] + [f"mtu {seg} 9000" for seg in segs]
    tail += ["no failover", "icmp unreachable rate-limit 1 burst-size 1", "no asdm history enable", "arp timeout 14400"]
    tail += [f"access-group {seg.upper()}_IN in interface {seg}" for seg in segs]
    tail += ["aaa-server TACACS protocol tacacs+", f"aaa-server TACACS (mgmt) host {h['tacacs']}", " key *****",
             "aaa authentication ssh console TACACS LOCAL", "aaa authorization command TACACS LOCAL",
             "aaa accounting command privilege 15 TACACS", f"ssh {mg.network_address} {mg.netmask} mgmt", "ssh version 2",
             "ssh timeout 5", "console timeout 5", "http server enable 8443", f"http {mg.network_address} {mg.netmask} mgmt",
             "snmp-server group NMS v3 priv", "snmp-server user nms NMS v3 auth sha AuthPassw0rd priv aes 256 PrivPassw0rd",
             f"snmp-server host mgmt {h['nms']} version 3 nms", f"ntp server {h['ntp']} source mgmt prefer",
             "!", "class-map inspection_default", " match default-inspection-traffic", "!", "policy-map global_policy",
             " class inspection_default", "  inspect dns", "  inspect sqlnet", "!", "service-policy global_policy global",
             "prompt hostname context", f"Cryptochecksum:{rng.getrandbits(128):032x}", ": end"]
    # static routes to the segments' server blocks fill the remaining lines (one per line)
    routes = []
    budget = lines - len(out) - len(objs.lines) - len(body) - len(tail)
    for i in range(max(0, budget)):
        net = rng.choice(tree.nets24)
        seg = rng.randrange(n_acls)
        routes.append(f"route {segs[seg]} {net.network_address} {net.netmask} 10.{100 + seg // 200}.{seg % 200}.254 1")
    return "\n".join(out + objs.lines + body + routes + tail) + "\n"
