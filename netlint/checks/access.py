"""Wireless networks (article 7) and remote access (article 15): the protocols, factors
and crypto that the device configs show."""

from __future__ import annotations

from collections.abc import Iterator

from netlint.checks import DeviceContext, Issue, NetworkContext, check
from netlint.model import Location

WEAK_SECURITY = {"open": "no encryption at all", "wep": "WEP, broken since 2001", "wpa-psk": "WPA (TKIP), deprecated"}
WEAK_SECURITY_ZH = {"open": "完全未加密", "wep": "WEP（2001 年即已被破解）", "wpa-psk": "WPA（TKIP），已不建議使用"}
WEAK_CIPHERS = {"des", "3des", "rc4", "null"}
WEAK_HASHES = {"md5", "sha1"}


@check("NL701", "wireless-weak-protocol", "wireless", "high", articles=("7.1", "7.2"))
def wireless_weak_protocol(ctx: DeviceContext) -> Iterator[Issue]:
    """An SSID uses a broken or no encryption protocol.

    What it does:
        Reports SSIDs that are open (no encryption and no OWE), use WEP, WPA with TKIP,
        or WPA2 with the TKIP cipher.

    Why it matters:
        Articles 7.1 and 7.2 ask that internal and guest Wi-Fi use currently accepted
        protocols with no known weakness; WEP and TKIP are broken, and open Wi-Fi lets
        anyone nearby read the traffic.

    Example:
        FortiOS `set security wep128`; `set security wpa2-only-personal` with `set encrypt TKIP`.

    How to fix:
        WPA2-Enterprise or WPA3 (SAE/Enterprise) with AES; OWE (enhanced open) for guest
        networks that must stay open.
    """
    for w in ctx.device.wireless:
        weak = WEAK_SECURITY.get(w.security)
        weak_zh = WEAK_SECURITY_ZH.get(w.security)
        if weak is None and w.cipher and "tkip" in w.cipher:
            weak, weak_zh = f"{w.security} with the TKIP cipher", f"{w.security} 搭配 TKIP 加密"
        if weak:
            yield Issue(
                loc=w.loc or ctx.device_loc(),
                message=f"SSID '{w.ssid}' uses {weak}",
                message_zh=f"SSID「{w.ssid}」使用{weak_zh}",
                key=f"ssid|{w.ssid}|protocol",
                severity="medium" if w.guest and w.security == "open" else None,
                evidence={"ssid": w.ssid, "security": w.security, "cipher": w.cipher, "guest": w.guest},
            )


@check("NL702", "wireless-psk-internal", "wireless", "medium", articles=("7.1", "7.3"))
def wireless_psk_internal(ctx: DeviceContext) -> Iterator[Issue]:
    """An internal SSID authenticates with a shared passphrase instead of per-user credentials.

    What it does:
        Reports non-guest SSIDs using a pre-shared key (WPA/WPA2 personal) rather than
        802.1X (enterprise) or WPA3-SAE.

    Why it matters:
        Article 7.1 asks that internal Wi-Fi be limited to staff and approved vendors like
        the wired network; a passphrase shared by everyone cannot be revoked for one
        person, and article 7.3 asks for a password policy that resists cracking.

    Example:
        `set security wpa2-only-personal` on the office SSID.

    How to fix:
        WPA2/WPA3-Enterprise with per-user authentication against the directory (RADIUS).
    """
    for w in ctx.device.wireless:
        if not w.guest and w.security in ("wpa-psk", "wpa2-psk"):
            yield Issue(
                loc=w.loc or ctx.device_loc(),
                message=f"internal SSID '{w.ssid}' uses a shared passphrase ({w.security}) instead of per-user 802.1X",
                message_zh=f"內部 SSID「{w.ssid}」使用共用密碼（{w.security}）而非每人 802.1X 認證",
                key=f"ssid|{w.ssid}|psk",
                evidence={"ssid": w.ssid, "security": w.security},
            )


@check("NL703", "wireless-weak-passphrase", "wireless", "medium", articles=("7.3",))
def wireless_weak_passphrase(ctx: DeviceContext) -> Iterator[Issue]:
    """A Wi-Fi passphrase is short or a well-known default.

    What it does:
        Reports pre-shared keys shorter than 12 characters or equal to a well-known value,
        where the config shows them (a passphrase stored encrypted cannot be judged).

    Why it matters:
        Article 7.3 asks for a Wi-Fi password policy that lowers the risk of cracking; a
        WPA2 handshake captured once can be brute-forced offline.

    Example:
        `set passphrase "12345678"`.

    How to fix:
        A random passphrase of 16 characters or more, changed when staff leave; better,
        802.1X.
    """
    for w in ctx.device.wireless:
        s = w.passphrase
        if s is None:
            continue
        if s.default_value or (s.length is not None and s.length < 12):
            what = "a well-known default" if s.default_value else f"only {s.length} characters"
            yield Issue(
                loc=w.loc or ctx.device_loc(),
                message=f"SSID '{w.ssid}' passphrase is {what}",
                message_zh=f"SSID「{w.ssid}」的密碼{'為眾所周知的預設值' if s.default_value else f'僅 {s.length} 個字元'}",
                key=f"ssid|{w.ssid}|passphrase",
                evidence={"ssid": w.ssid},
            )


@check("NL704", "guest-bridged-internal", "wireless", "high", articles=("7.2", "5.4"), scope="network")
def guest_bridged_internal(ctx: NetworkContext) -> Iterator[Issue]:
    """A guest SSID is bridged into an internal network.

    What it does:
        Reports guest SSIDs whose traffic is bridged locally into an internal network, or
        whose VLAN belongs to an internal zone of the policy (not a guest zone).

    Why it matters:
        Article 7.2 separates external (guest) wireless from the internal network, and 5.4
        asks for VLAN separation; a guest bridged into an office VLAN is inside.

    Example:
        FortiOS guest vap with `set local-bridging enable` on the office VLAN.

    How to fix:
        Put guest SSIDs in their own VLAN or tunnel mapped to a guest zone that reaches
        only the internet.
    """
    pol = ctx.policy
    for d in ctx.devices:
        for w in d.wireless:
            if not w.guest:
                continue
            zone = pol.zone_of_vlan(w.vlan) if (pol is not None and w.vlan is not None) else None
            inside = w.bridged_internal or (zone is not None and zone.kind not in ("guest", "external"))
            if inside:
                where = f"VLAN {w.vlan} (zone {zone.name})" if zone else "an internal network"
                yield Issue(
                    loc=w.loc or Location(d.file, 1, 1, ""), device=d,
                    message=f"guest SSID '{w.ssid}' is bridged into {where}",
                    message_zh=f"訪客 SSID「{w.ssid}」橋接至{where}",
                    key=f"ssid|{w.ssid}|bridged",
                    evidence={"ssid": w.ssid, "vlan": w.vlan, "zone": zone.name if zone else None},
                )


@check("NL711", "remote-access-no-mfa", "remote-access", "high", articles=("15.1", "6.3"))
def remote_access_no_mfa(ctx: DeviceContext) -> Iterator[Issue]:
    """Remote-access VPN users log in without a second factor.

    What it does:
        Reports SSL-VPN / dial-up IPsec / client VPN configurations where the config shows
        neither a second factor (token, OTP) nor a client certificate besides the password.

    Why it matters:
        Article 15.1 asks for multi-factor authentication on remote connections, and 6.3
        for authenticated maintenance from the internet; stolen VPN passwords are the most
        common entry of ransomware crews.

    Example:
        FortiOS SSL-VPN portal for local users without `set two-factor fortitoken`.

    How to fix:
        Require a second factor (FortiToken, RADIUS OTP, SAML with MFA) or a client
        certificate in addition to the password.
    """
    for ra in ctx.device.remote_access:
        if ra.enabled and ra.mfa is False and not ra.client_certificate:
            yield Issue(
                loc=ra.loc or ctx.device_loc(),
                message=f"{ra.kind} '{ra.name}' accepts users without a second factor or client certificate",
                message_zh=f"{ra.kind}「{ra.name}」允許使用者僅以密碼登入，未使用第二因子或用戶端憑證",
                key=f"{ra.kind}|{ra.name}|mfa",
                evidence={"kind": ra.kind, "name": ra.name, "auth": ra.auth_method},
            )


@check("NL712", "remote-access-weak-crypto", "remote-access", "medium", articles=("15.1", "14.1"))
def remote_access_weak_crypto(ctx: DeviceContext) -> Iterator[Issue]:
    """A remote-access VPN allows weak encryption, hashes, DH groups or TLS versions.

    What it does:
        Reports VPNs offering DES/3DES/RC4, MD5/SHA-1 integrity, Diffie-Hellman groups
        below 14, or TLS below 1.2.

    Why it matters:
        Article 15.1 asks for encrypted remote connections; these algorithms are broken or
        deprecated and let a recorded session be decrypted.

    Example:
        FortiOS phase1 `set proposal 3des-sha1 aes128-sha1` `set dhgrp 2 5`.

    How to fix:
        AES-GCM or AES-256 with SHA-256 or better, DH group 14+ (19/20/21 preferred), TLS 1.2+.
    """
    for ra in ctx.device.remote_access:
        weak = sorted({e for e in ra.encryption if e.lower() in WEAK_CIPHERS}
                      | {h for h in ra.integrity if h.lower() in WEAK_HASHES})
        groups = sorted(g for g in ra.dh_groups if g < 14)
        if groups:
            weak.append("DH group " + ",".join(str(g) for g in groups))
        if ra.min_tls and ra.min_tls < "1.2":
            weak.append(f"TLS {ra.min_tls}")
        if weak:
            yield Issue(
                loc=ra.loc or ctx.device_loc(),
                message=f"{ra.kind} '{ra.name}' allows weak crypto: {', '.join(weak)}",
                message_zh=f"{ra.kind}「{ra.name}」允許弱加密：{', '.join(weak)}",
                key=f"{ra.kind}|{ra.name}|crypto",
                evidence={"kind": ra.kind, "name": ra.name, "weak": weak},
            )


@check("NL713", "remote-access-no-time-window", "remote-access", "low", articles=("15.2",))
def remote_access_no_time_window(ctx: DeviceContext) -> Iterator[Issue]:
    """Rules admitting remote-access users have no time window.

    What it does:
        Reports permit rules whose source is a remote-access VPN tunnel (zone or
        interface) with no schedule or time-range, and remote-access VPNs whose own
        settings give no access hours (ASA group-policy vpn-access-hours).

    Why it matters:
        Article 15.2 asks firms to set the time windows in which remote connections are
        allowed, following working hours.

    Example:
        FortiOS policy from `ssl.root` with `set schedule "always"`.

    How to fix:
        Bind a schedule covering the agreed hours to remote-access rules.
    """
    for ra in ctx.device.remote_access:
        if ra.enabled and ra.extra.get("time_window") is False:
            yield Issue(
                loc=ra.loc or ctx.device_loc(),
                message=f"{ra.kind} '{ra.name}' admits users at any hour (no access-hours window)",
                message_zh=f"{ra.kind}「{ra.name}」未限制可連線時段",
                key=f"{ra.kind}|{ra.name}|hours",
                evidence={"kind": ra.kind, "name": ra.name},
            )
    tunnels = {ra.tunnel_zone.lower() for ra in ctx.device.remote_access if ra.tunnel_zone and ra.enabled}
    if not tunnels:
        return
    for filt in ctx.device.filters.values():
        for rule in filt.rules:
            if rule.action != "permit" or not rule.enabled or rule.src_zones is None:
                continue
            if not any(z.lower() in tunnels for z in rule.src_zones):
                continue
            if rule.time_range and rule.time_range.lower() not in ("always", "any"):
                continue
            yield Issue(
                loc=rule.loc,
                message=f"remote-access rule in '{filt.name}' has no time window (schedule {rule.time_range or 'none'})",
                message_zh=f"「{filt.name}」中的遠端連線規則未限制連線時段（排程：{rule.time_range or '無'}）",
                key=f"{filt.name}|{rule.signature()}",
                evidence={"filter": filt.name, "line": rule.loc.line, "rule": rule.loc.text},
            )
