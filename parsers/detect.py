"""Tell which vendor wrote a config, from its content only (contract section 2).

Signals, strongest first: the ``!RANCID-CONTENT-TYPE:`` header of RANCID/Oxidized
backups, vendor banners and headers, then telling syntax. Each vendor collects
points; the best score wins. A snippet (one ACL, one filter, one chain) is enough.
This module imports nothing heavy: it runs on every file of every run.
"""

from __future__ import annotations

import re

BUILTIN_VENDORS = (
    "cisco_ios", "cisco_asa", "cisco_nxos", "arista_eos", "juniper_junos",
    "paloalto_panos", "fortinet_fortios", "linux_iptables", "linux_nftables",
)

# RANCID / Oxidized content types -> vendor id.
RANCID_TYPES = {
    "cisco": "cisco_ios", "ios": "cisco_ios", "iosxe": "cisco_ios", "cisco-xe": "cisco_ios",
    "cat5": "cisco_ios", "cisco-asa": "cisco_asa", "asa": "cisco_asa", "cisco-nx": "cisco_nxos",
    "nxos": "cisco_nxos", "arista": "arista_eos", "eos": "arista_eos", "juniper": "juniper_junos",
    "junos": "juniper_junos", "paloalto": "paloalto_panos", "panos": "paloalto_panos",
    "fortigate": "fortinet_fortios", "fortios": "fortinet_fortios", "fortinet": "fortinet_fortios",
}

_RANCID = re.compile(r"^\s*[!#]?\s*RANCID-CONTENT-TYPE:\s*(\S+)", re.I | re.M)

# (vendor, pattern, points). Patterns run on the first 200 kB with re.M.
_SIGNALS: list[tuple[str, re.Pattern[str], int]] = [
    # Cisco ASA
    ("cisco_asa", re.compile(r"^:?\s*(ASA|PIX|FWSM) Version \d", re.M), 100),
    ("cisco_asa", re.compile(r"^ nameif \S+", re.M), 30),
    ("cisco_asa", re.compile(r"^ security-level \d+", re.M), 30),
    ("cisco_asa", re.compile(r"^access-list \S+ extended (permit|deny) ", re.M), 40),
    ("cisco_asa", re.compile(r"^access-group \S+ (in|out) interface \S+", re.M), 40),
    ("cisco_asa", re.compile(r"^object-group (network|service|protocol|icmp-type) \S+", re.M), 5),
    ("cisco_asa", re.compile(r"^object (network|service) \S+", re.M), 20),
    ("cisco_asa", re.compile(r"^(ssh|http|telnet) \d+\.\d+\.\d+\.\d+ \d+\.\d+\.\d+\.\d+ \S+\s*$", re.M), 30),
    ("cisco_asa", re.compile(r"^: Saved", re.M), 30),
    # Cisco IOS / IOS-XE
    ("cisco_ios", re.compile(r"^version 1[0-7]\.\d+", re.M), 30),
    ("cisco_ios", re.compile(r"^ip access-list (standard|extended) \S+", re.M), 40),
    ("cisco_ios", re.compile(r"^access-list (\d{1,4}) (permit|deny|remark) ", re.M), 40),
    ("cisco_ios", re.compile(r"^ ip access-group \S+ (in|out)", re.M), 25),
    ("cisco_ios", re.compile(r"^line vty \d+", re.M), 20),
    ("cisco_ios", re.compile(r"^service (timestamps|password-encryption)", re.M), 20),
    ("cisco_ios", re.compile(r"^Building configuration", re.M), 20),
    ("cisco_ios", re.compile(r"^interface (GigabitEthernet|FastEthernet|TenGigabitEthernet|Vlan)\S*", re.M), 10),
    ("cisco_ios", re.compile(r"^ (permit|deny) (ip|tcp|udp|icmp|\d+) ", re.M), 10),
    ("cisco_ios", re.compile(r"^ switchport mode (access|trunk)", re.M), 10),
    # Cisco NX-OS
    ("cisco_nxos", re.compile(r"^!Command: show running-config", re.M), 30),
    ("cisco_nxos", re.compile(r"^feature \S+", re.M), 40),
    ("cisco_nxos", re.compile(r"^version \d+\.\d+\(\d+\)\S* Bios", re.M), 60),
    ("cisco_nxos", re.compile(r"^!Time:", re.M), 20),
    ("cisco_nxos", re.compile(r"^  \d+ (permit|deny|remark) ", re.M), 15),  # NX-OS indents entries by two
    ("cisco_nxos", re.compile(r"\b(addrgroup|portgroup)\b|^  statistics per-entry|^ ip port access-group ", re.M), 40),
    ("cisco_nxos", re.compile(r"^vrf context \S+", re.M), 20),
    # Arista EOS
    ("arista_eos", re.compile(r"^! device: \S+ \(.*EOS-", re.M), 100),
    ("arista_eos", re.compile(r"^! boot system flash:/?\S*EOS", re.M), 60),
    ("arista_eos", re.compile(r"^management api http-commands", re.M), 50),
    ("arista_eos", re.compile(r"^daemon TerminAttr", re.M), 40),
    ("arista_eos", re.compile(r"^transceiver qsfp default-mode", re.M), 40),
    ("arista_eos", re.compile(r"^spanning-tree mode mstp", re.M), 5),
    ("arista_eos", re.compile(r"^   \d+ (permit|deny|remark) ", re.M), 20),  # EOS indents entries by three
    ("arista_eos", re.compile(r"^   counters per-entry|\beq (ssh|https)\b", re.M), 30),
    ("arista_eos", re.compile(r"^management (ssh|telnet)\s*$", re.M), 30),
    # Juniper Junos
    ("juniper_junos", re.compile(r"^## Last (commit|changed):", re.M), 100),
    ("juniper_junos", re.compile(r"^version \S+;", re.M), 60),
    ("juniper_junos", re.compile(r"^(system|interfaces|firewall|security|policy-options) \{", re.M), 50),
    ("juniper_junos", re.compile(r"^set (system|interfaces|firewall|security|policy-options|applications) ", re.M), 60),
    ("juniper_junos", re.compile(r"^\s*term \S+ \{", re.M), 30),
    # Palo Alto PAN-OS (XML)
    ("paloalto_panos", re.compile(r"<config\b[^>]*\b(version|urldb|detail-version)=", re.M), 100),
    ("paloalto_panos", re.compile(r"<(devices|mgt-config|deviceconfig|rulebase)>", re.M), 40),
    # Fortinet FortiOS
    ("fortinet_fortios", re.compile(r"^#config-version=", re.M), 100),
    ("fortinet_fortios", re.compile(r"^config (system global|firewall policy|firewall address|system interface)\s*$", re.M), 60),
    ("fortinet_fortios", re.compile(r"^\s+edit (\d+|\"[^\"]*\")\s*$", re.M), 20),
    # a FortiOS snippet of any block: 'config <path>' with indented 'set' lines and 'end'
    ("fortinet_fortios", re.compile(r"^config [a-z][\w-]*( [\w-]+)*\s*\n(\s+(set|unset|edit|next|config|end)\b.*\n)+end\s*$", re.M), 45),
    # iptables-save
    ("linux_iptables", re.compile(r"^# Generated by (ip6?tables|iptables-nft|iptables-legacy)-save", re.M), 100),
    ("linux_iptables", re.compile(r"^\*(filter|nat|mangle|raw|security)\s*$", re.M), 60),
    ("linux_iptables", re.compile(r"^:[A-Z][A-Z_-]* (ACCEPT|DROP|-) \[\d+:\d+\]", re.M), 60),
    ("linux_iptables", re.compile(r"^-A \S+ .*-j \S+", re.M), 40),
    # nftables
    ("linux_nftables", re.compile(r"^table (ip|ip6|inet|arp|bridge|netdev) \S+ \{", re.M), 100),
    ("linux_nftables", re.compile(r"type filter hook (input|forward|output|prerouting|postrouting)", re.M), 60),
]

# Syntax one vendor would never write: subtracts points from another.
_VETO: list[tuple[str, re.Pattern[str], int]] = [
    ("cisco_ios", re.compile(r"^:?\s*ASA Version", re.M), 200),
    ("cisco_ios", re.compile(r"^feature \S+", re.M), 60),
    ("cisco_ios", re.compile(r"^! device: \S+ \(.*EOS-", re.M), 200),
    ("cisco_ios", re.compile(r"^ nameif \S+", re.M), 60),
    ("cisco_asa", re.compile(r"^ip access-list (standard|extended) ", re.M), 60),
]


def detect_vendor(text: str) -> str | None:
    """The vendor id that most likely wrote `text`, or None when nothing fits."""
    head = text[:200_000]
    rancid = _RANCID.search(head[:2000])
    if rancid:
        vendor = RANCID_TYPES.get(rancid.group(1).lower())
        if vendor:
            return vendor
    stripped = head.lstrip()
    if stripped.startswith("<"):
        return _xml_vendor(head)
    scores = score_vendors(head)
    best = max(scores.items(), key=lambda kv: kv[1])
    return best[0] if best[1] > 0 else None


def score_vendors(head: str) -> dict[str, int]:
    scores = dict.fromkeys(BUILTIN_VENDORS, 0)
    for vendor, pattern, points in _SIGNALS:
        if pattern.search(head):
            scores[vendor] += points
    for vendor, pattern, points in _VETO:
        if pattern.search(head):
            scores[vendor] -= points
    return scores


_PAN_ROOT = re.compile(r"<(config|rules|security|rulebase|response)\b[^>]*>")
_PAN_ELEMENTS = re.compile(r"<(devices|vsys|rulebase|deviceconfig|mgt-config|from>|to>|application>|service>)")


def _xml_vendor(head: str) -> str | None:
    """XML configs: PAN-OS running configs, rule snippets and API responses; not other
    vendors' NETCONF payloads."""
    if "urn:ietf:params:xml:ns:netconf" in head[:2000]:
        return None
    body = re.sub(r"<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", "", head[:20000], flags=re.S).lstrip()
    root = _PAN_ROOT.match(body)
    if root and (root.group(1) == "config" or _PAN_ELEMENTS.search(body)):
        return "paloalto_panos"
    return None
