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
