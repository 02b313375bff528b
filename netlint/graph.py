"""The zone graph (article 4's network diagram, article 5's zones): which interfaces of
which devices attach to which policy zone, which interfaces link devices together, and
the paths traffic from one zone takes to another.

Attachment (contract section 5): an interface belongs to a zone when the policy names it
(`device:interface`), when its VLAN is in the zone, when its vendor zone has the zone's
name, or when its subnet falls in the zone's subnets (longest prefix). The interfaces
the default route leaves by attach to the external zone. An interface whose subnet is
shared with another device's interface is a transit link between the two devices; it
attaches to a zone only when something more specific than the catch-all 0.0.0.0/0 says
so.

Paths follow the devices' routing where the configs have it (connected subnets and
static routes, longest prefix), and zone attachment where they do not (zone-based
firewalls without routes, Linux gateways). A device whose config names no interface at
all (an iptables-save of a gateway) sits between every pair of zones its rules mention.
"""

from __future__ import annotations

import ipaddress
from bisect import bisect_left
from dataclasses import dataclass

from netlint.model import Device, Interface
from netlint.policy import Policy, Zone


@dataclass
class Attachment:
    zone: str
    device: Device
    iface: Interface | None
    reason: str


@dataclass(frozen=True)
class Hop:
    """Traffic crossing one device: in by one interface, out by another (None when
    the device's config names no interfaces)."""

    device: Device
    in_iface: Interface | None
    out_iface: Interface | None

    def describe(self) -> str:
        a = self.in_iface.display_name if self.in_iface else "?"
        b = self.out_iface.display_name if self.out_iface else "?"
        return f"{self.device.hostname} ({a} -> {b})"


def _networks(iface: Interface):
    for a in iface.addresses:
        yield ipaddress.ip_network(f"{ipaddress.ip_address(a.address)}/{a.prefixlen}", strict=False)


def _no_transit(iface: Interface) -> bool:
    """Out-of-band management ports (ASA management-only, Junos fxp0/me0) forward nothing."""
    return bool(iface.extra.get("management_only") or iface.extra.get("oob_management"))


def _usable(iface: Interface) -> bool:
    """A layer-3 interface that is up: switch ports (layer 2) are not zone boundaries."""
    return not iface.shutdown and not (iface.switchport and not iface.addresses)


@dataclass
class _Route:
    net: ipaddress.IPv4Network | ipaddress.IPv6Network
    iface: Interface | None
    next_hop: str | None
    connected: bool


class ZoneGraph:
    def __init__(self, devices: list[Device], policy: Policy) -> None:
        self.devices = devices
        self.policy = policy
        self.iface_zone: dict[tuple[int, str], tuple[Zone, str]] = {}
        self.attachments: dict[str, list[Attachment]] = {z: [] for z in policy.zones}
        self.links: dict[tuple[int, str], list[tuple[Device, Interface]]] = {}
        self.gateways: list[tuple[Device, set[str]]] = []  # interface-less devices and the zones they mention
        self._routes: dict[int, list[_Route]] = {}
        # lookup indexes of each route table, and egress answers: path search asks the
        # same (device, zone) question once per path through the device
        self._route_index: dict[int, dict] = {}
        self._egress: dict[tuple[int, str], list[Interface]] = {}
        self._owner: dict[str, tuple[Device, Interface]] = {}  # interface address -> owner
        self._build()

    # ---- construction

    def _build(self) -> None:
        by_net: dict[tuple[int, str], list[tuple[Device, Interface]]] = {}
        for d in self.devices:
            for iface in d.interfaces:
                if not _usable(iface):
                    continue
                for a in iface.addresses:
                    self._owner[str(ipaddress.ip_address(a.address))] = (d, iface)
                for net in _networks(iface):
                    by_net.setdefault((net.version, str(net)), []).append((d, iface))
        for (_, net_text), members in by_net.items():
            devs = {id(d) for d, _ in members}
            if len(devs) < 2:
                continue
            if self.policy.zone_of_network(ipaddress.ip_network(net_text), include_catch_all=False):
                continue  # a zone's own segment (a management VLAN): its interfaces attach to the zone
            for d, iface in members:
                self.links[(id(d), iface.name)] = [(d2, i2) for d2, i2 in members if d2 is not d]
        for d in self.devices:
            self._routes[id(d)] = self._route_table(d)
            for iface in d.interfaces:
                if not _usable(iface):
                    continue
                found = self._attach(d, iface)
                if found:
                    zone, reason = found
                    self.iface_zone[(id(d), iface.name)] = (zone, reason)
                    self.attachments[zone.name].append(Attachment(zone.name, d, iface, reason))
            if not d.interfaces or not any(i.addresses or (id(d), i.name) in self.iface_zone for i in d.interfaces):
                if d.filters and not self._has_attached(d):
                    self.gateways.append((d, self._mentioned_zones(d)))

    def _has_attached(self, d: Device) -> bool:
        return any(k[0] == id(d) for k in self.iface_zone)

    def _attach(self, d: Device, iface: Interface) -> tuple[Zone, str] | None:
        pol = self.policy
        for name in (iface.name, iface.nameif):
            if name:
                z = pol.zone_of_interface(d.hostname, name)
                if z:
                    return z, f"policy lists {d.hostname}:{name}"
        vlan = iface.vlan_id
        if vlan is not None:
            z = pol.zone_of_vlan(vlan)
            if z:
                return z, f"VLAN {vlan}"
        if iface.zone:
            z = pol.zones.get(iface.zone) or next((z for z in pol.zones.values() if z.name.lower() == iface.zone.lower()), None)
            if z:
                return z, f"vendor zone '{iface.zone}'"
        transit = (id(d), iface.name) in self.links
        for net in _networks(iface):
            z = pol.zone_of_network(net, include_catch_all=False)
            if z:
                return z, f"subnet {net}"
        if not transit:
            if self._default_route_exit(d, iface):
                ext = self._external_zone()
                if ext:
                    return ext, "the default route leaves by it"
            for net in _networks(iface):
                z = pol.zone_of_network(net, include_catch_all=True)
                if z and not net.is_private:
                    return z, f"subnet {net} (public address)"
        return None

    def _external_zone(self) -> Zone | None:
        ext = [z for z in self.policy.zones.values() if z.kind == "external"]
        return next((z for z in ext if z.is_catch_all), ext[0] if ext else None)

    def _default_route_exit(self, d: Device, iface: Interface) -> bool:
        for r in self._routes[id(d)]:
            if not r.connected and r.net.prefixlen == 0 and r.iface is iface:
                owner = self._owner.get(r.next_hop or "")
                return owner is None  # the next hop is no device of ours: the internet side
        return False

    def _route_table(self, d: Device) -> list[_Route]:
        table: list[_Route] = []
        for iface in d.interfaces:
            if _usable(iface):
                for net in _networks(iface):
                    table.append(_Route(net, iface, None, True))
        for r in d.routes:
            try:
                net = ipaddress.ip_network(str(r.destination), strict=False)
            except ValueError:
                continue
            out = None
            if r.interface:
                out = d.interface(r.interface)
            if out is None and r.next_hop:
                try:
                    nh = ipaddress.ip_address(r.next_hop)
                except ValueError:
                    nh = None
                if nh is not None:
                    out = next((c.iface for c in table if c.connected and c.net.version == nh.version and nh in c.net), None)
            table.append(_Route(net, out, r.next_hop, False))
        return table

    def _mentioned_zones(self, d: Device) -> set[str]:
        zones: set[str] = set()
        for f in d.filters.values():
            for rule in f.rules:
                for addrs in (rule.src, rule.dst):
                    for item in addrs.items:
                        first = ipaddress.ip_address(item.first) if item.family == 4 else ipaddress.IPv6Address(item.first)
                        z = self.policy.zone_of_address(first)
                        if z and not z.is_catch_all:
                            zones.add(z.name)
        return zones

    # ---- queries

    def zone_of(self, d: Device, iface: Interface | None) -> str | None:
        if iface is None:
            return None
        found = self.iface_zone.get((id(d), iface.name))
        return found[0].name if found else None

    def _index(self, d: Device) -> dict:
        """Per IP version: {prefix length: {network: [routes in table order]}}, longest
        first, and (first address, table position, route) sorted, for `lookup`."""
        index = self._route_index.get(id(d))
        if index is None:
            index = {}
            for pos, r in enumerate(self._routes[id(d)]):
                by_len, starts = index.setdefault(r.net.version, ({}, []))
                by_len.setdefault(r.net.prefixlen, {}).setdefault(int(r.net.network_address), []).append(r)
                starts.append((int(r.net.network_address), pos, r))
            for v, (by_len, starts) in index.items():
                starts.sort(key=lambda t: (t[0], t[1]))
                index[v] = (dict(sorted(by_len.items(), reverse=True)), starts)
            self._route_index[id(d)] = index
        return index

    def lookup(self, d: Device, net) -> list[_Route]:
        """Routes carrying `net`: the most specific covering route, or the more
        specific routes inside it (in route-table order)."""
        by_len, starts = self._index(d).get(net.version, ({}, []))
        bits = 32 if net.version == 4 else 128
        first, last = int(net.network_address), int(net.broadcast_address)
        for plen, nets in by_len.items():  # longest prefix first
            if plen > net.prefixlen:
                continue
            host = bits - plen
            found = nets.get(first >> host << host)
            if found:
                return list(found)
        inside = []
        i = bisect_left(starts, (first,))
        while i < len(starts) and starts[i][0] <= last:
            r = starts[i][2]
            if r.net != net:
                inside.append((starts[i][1], r))
            i += 1
        return [r for _, r in sorted(inside, key=lambda t: t[0])]

    def egress(self, d: Device, zone: Zone) -> list[Interface]:
        key = (id(d), zone.name)
        cached = self._egress.get(key)
        if cached is None:
            cached = self._egress[key] = self._egress_of(d, zone)
        return cached

    def _egress_of(self, d: Device, zone: Zone) -> list[Interface]:
        out: list[Interface] = []
        routed = bool(self._routes[id(d)])
        if routed:
            targets = [n for n in zone.subnets if n.prefixlen > 0]
            if zone.is_catch_all or not targets:
                targets += [ipaddress.ip_network("0.0.0.0/0")] if zone.kind == "external" else []
            for net in targets:
                for r in self.lookup(d, net):
                    if r.iface is not None and r.iface not in out:
                        out.append(r.iface)
        for iface in d.interfaces:
            found = self.iface_zone.get((id(d), iface.name))
            if found and found[0].name == zone.name and iface not in out:
                out.append(iface)
        return out

    def paths(self, src: str, dst: str, max_hops: int = 12) -> list[list[Hop]]:
        """Every loop-free path from the attachments of `src` to an interface attached
        to `dst`, following routes (or zone attachment where there are no routes)."""
        target = self.policy.zones[dst]
        results: list[list[Hop]] = []
        seen_paths: set[tuple] = set()

        def walk(d: Device, in_if: Interface, visited: frozenset[int], hops: list[Hop]) -> None:
            if len(hops) >= max_hops or _no_transit(in_if):
                return
            for out in self.egress(d, target):
                if out is in_if or _no_transit(out):
                    continue  # a management-only interface forwards no transit traffic
                hop = Hop(d, in_if, out)
                if self.zone_of(d, out) == dst:
                    key = tuple((id(h.device), h.in_iface.name if h.in_iface else "", h.out_iface.name if h.out_iface else "")
                                for h in hops + [hop])
                    if key not in seen_paths:
                        seen_paths.add(key)
                        results.append(hops + [hop])
                    continue
                for d2, if2 in self.links.get((id(d), out.name), []):
                    if id(d2) not in visited:
                        walk(d2, if2, visited | {id(d2)}, hops + [hop])

        for att in self.attachments.get(src, []):
            if att.iface is not None:
                walk(att.device, att.iface, frozenset({id(att.device)}), [])
        for d, zones in self.gateways:
            if src in zones and dst in zones:
                results.append([Hop(d, None, None)])
        return results

    # ---- inventory (article 4.2)

    def inventory(self) -> list[dict]:
        rows = []
        for d in self.devices:
            for iface in d.interfaces:
                zone = self.iface_zone.get((id(d), iface.name))
                rows.append({
                    "device": d.hostname, "vendor": d.vendor, "os_version": d.os_version or "",
                    "interface": iface.name, "nameif": iface.nameif or "", "description": iface.description,
                    "addresses": " ".join(str(a) for a in iface.addresses),
                    "subnets": " ".join(str(n) for n in _networks(iface)),
                    "vlan": iface.vlan_id if iface.vlan_id is not None else (iface.access_vlan or ""),
                    "mode": iface.mode or ("routed" if iface.addresses else ""),
                    "shutdown": iface.shutdown,
                    "vendor_zone": iface.zone or "",
                    "zone": zone[0].name if zone else "",
                    "zone_reason": zone[1] if zone else "",
                    "filter_in": iface.filter_in or "", "filter_out": iface.filter_out or "",
                    "transit_to": ", ".join(f"{d2.hostname}:{i2.name}" for d2, i2 in self.links.get((id(d), iface.name), [])),
                    "file": d.file, "line": iface.loc.line if iface.loc else "",
                })
        return rows

