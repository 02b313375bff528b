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
