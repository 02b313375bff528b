"""Layer-2 hygiene on switch ports (article 5.4): VLAN separation only holds when ports
cannot negotiate trunks, trunks carry only the VLANs they should, and the native VLAN
is not the default one."""

from __future__ import annotations

from collections.abc import Iterator

from netlint.checks import DeviceContext, Issue, check
from netlint.model import Interface

def _switchports(ctx: DeviceContext) -> Iterator[Interface]:
    for iface in ctx.device.interfaces:
        if iface.switchport and not iface.shutdown:
            yield iface


def _dynamic(iface: Interface) -> bool:
    mode = iface.mode or iface.extra.get("mode_default") or ""
    return mode.startswith("dynamic") and not iface.nonegotiate


@check("NL505", "dtp-negotiation", "vlan-isolation", "medium", articles=("5.4",))
def dtp_negotiation(ctx: DeviceContext) -> Iterator[Issue]:
    """A switch port may negotiate a trunk (DTP).

    What it does:
        Reports enabled switch ports in `dynamic auto`/`dynamic desirable` mode, or with
        no mode at all where the platform default is dynamic.

    Why it matters:
        Article 5.4: a device plugged into such a port can negotiate a trunk and reach
        every VLAN (VLAN hopping), defeating the separation of zones by VLAN.

    Example:
        `switchport mode dynamic desirable` on a desk port.

    How to fix:
        `switchport mode access` (or `trunk` where a trunk is meant) and
        `switchport nonegotiate`.
    """
    for iface in _switchports(ctx):
        if _dynamic(iface):
            mode = iface.mode or f"{iface.extra.get('mode_default')} (platform default)"
            yield Issue(
                loc=iface.loc or ctx.device_loc(),
                message=f"{iface.name} can negotiate a trunk (switchport mode {mode}): VLAN hopping is possible",
                message_zh=f"{iface.name} 可協商成 trunk（switchport mode {mode}）：可能遭 VLAN 跳躍攻擊",
                key=f"{iface.name}|dtp",
                evidence={"interface": iface.name, "mode": mode},
            )


@check("NL506", "trunk-all-vlans", "vlan-isolation", "medium", articles=("5.4",))
def trunk_all_vlans(ctx: DeviceContext) -> Iterator[Issue]:
    """A trunk carries every VLAN (no allowed-VLAN list).

    What it does:
        Reports trunk ports without `switchport trunk allowed vlan`.

    Why it matters:
        Article 5.4: a trunk should carry only the VLANs the far side needs; carrying
        all of them extends every zone (production, management) to that switch.

    Example:
        `switchport mode trunk` with no allowed list.

    How to fix:
        `switchport trunk allowed vlan 10,20` with exactly the VLANs needed.
    """
    for iface in _switchports(ctx):
        if iface.mode == "trunk" and iface.trunk_allowed_vlans is None:
            yield Issue(
                loc=iface.loc or ctx.device_loc(),
                message=f"trunk {iface.name} carries every VLAN (no allowed-VLAN list)",
                message_zh=f"trunk {iface.name} 允許所有 VLAN 通過（未設定允許的 VLAN 清單）",
                key=f"{iface.name}|allowed",
                evidence={"interface": iface.name},
            )


@check("NL507", "native-vlan-1", "vlan-isolation", "low", articles=("5.4",))
def native_vlan_1(ctx: DeviceContext) -> Iterator[Issue]:
    """A trunk's native VLAN is VLAN 1.

    What it does:
        Reports trunks whose native (untagged) VLAN is 1, explicitly or by default.

    Why it matters:
        Article 5.4: VLAN 1 is the default VLAN of every port and carries control
        protocols; a native VLAN 1 enables double-tagging VLAN hopping and mixes
        unassigned ports with trunk traffic.

    Example:
        `switchport mode trunk` without `switchport trunk native vlan`.

    How to fix:
        `switchport trunk native vlan 999` (an unused VLAN), and carry no user traffic
        untagged.
    """
    for iface in _switchports(ctx):
        if iface.mode != "trunk":
            continue
        native = iface.native_vlan if iface.native_vlan is not None else 1
        carried = iface.trunk_allowed_vlans
        if native == 1 and (carried is None or 1 in carried):
            yield Issue(
                loc=iface.loc or ctx.device_loc(),
                message=f"trunk {iface.name} uses VLAN 1 as its native (untagged) VLAN",
                message_zh=f"trunk {iface.name} 以 VLAN 1 作為原生（未標記）VLAN",
                key=f"{iface.name}|native",
                evidence={"interface": iface.name, "native_vlan": native},
            )


@check("NL508", "unused-port-enabled", "vlan-isolation", "low", articles=("5.4",))
def unused_port_enabled(ctx: DeviceContext) -> Iterator[Issue]:
    """A switch port that looks unused is not shut down.

    What it does:
        Reports enabled access ports with no description in the default VLAN 1 or with no
        description at all, the usual marks of a port nobody documented or uses.

    Why it matters:
        Article 5.4: a live, undocumented port is an open door into a VLAN for anyone with
        a cable; unused ports should be shut and parked in an unused VLAN.

    Example:
        `interface GigabitEthernet1/0/20` / `switchport mode access` / no description,
        no `shutdown`.

    How to fix:
        `shutdown` and `switchport access vlan 999` (a parking VLAN) on unused ports;
        describe the ports in use.
    """
    for iface in _switchports(ctx):
        if iface.mode not in ("access", None) or _dynamic(iface) or iface.description.strip():
            continue
        vlan = iface.access_vlan or 1
        yield Issue(
            loc=iface.loc or ctx.device_loc(),
            message=f"{iface.name} has no description and is not shut down (access VLAN {vlan}): shut unused ports",
            message_zh=f"{iface.name} 無描述且未關閉（存取 VLAN {vlan}）：未使用的連接埠應關閉",
            key=f"{iface.name}|unused",
            evidence={"interface": iface.name, "vlan": vlan},
        )
