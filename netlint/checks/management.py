"""Management-plane checks: how the device itself is reached, who may log in and how
passwords are kept, and whether it leaves an audit trail (articles 6.3, 9.1, 9.2,
11.1, 14.1, 15.1). They read only `Device.management`; every parser fills it."""

from __future__ import annotations

from collections.abc import Iterator

from netlint.checks import DeviceContext, Issue, check
from netlint.model import MAX_ADDR, Location, ManagementService, Secret

SHARED_ADMIN_NAMES = frozenset({
    "admin", "administrator", "root", "cisco", "manager", "operator", "support", "guest", "test",
    "user", "super", "superuser", "netadmin", "network", "fortinet", "sysadmin", "enable", "supervisor",
    "monitor", "backup", "service", "default", "ciscoadmin", "pix",
})
WEAK_STORAGE = {"plaintext": "in clear text", "reversible": "with reversible encryption (e.g. Cisco type 7)"}
WEAK_STORAGE_ZH = {"plaintext": "以明文", "reversible": "以可逆加密（如 Cisco type 7）"}
OUTDATED_HASHES = ("md5", "md4")
# Management protocols that carry credentials and commands in clear text, besides telnet
# (NL201) and HTTP (NL202): name -> (label, why, why in Chinese, severity).
_CLEAR = ("it carries passwords and data in clear text", "以明文傳輸密碼與資料")
CLEARTEXT_SERVICES = {
    "ftp": ("FTP", *_CLEAR, "high"),
    "tftp": ("TFTP", "it has no authentication at all and works in clear text", "完全沒有認證且以明文傳輸", "high"),
    "rsh": ("rsh", *_CLEAR, "high"),
    "rlogin": ("rlogin", *_CLEAR, "high"),
    "rexec": ("rexec", *_CLEAR, "high"),
    "rcp": ("rcp", *_CLEAR, "high"),
    "xnm-clear-text": ("The Junos XML protocol in clear text (xnm-clear-text)", *_CLEAR, "high"),
    "finger": ("finger", "it tells anyone who asks which users are logged in", "任何人皆可查詢目前登入的使用者", "medium"),
}
# SSH algorithms that no longer protect a session: the key exchanges RFC 9142 says
# SHOULD NOT or MUST NOT be used (the 1024-bit group 1, group exchange with SHA-1,
# RSA-1024), DES/3DES/RC4/Blowfish/CAST ciphers, MD5 and 64-bit MACs (CIS benchmarks,
# NIST SP 800-131A). diffie-hellman-group14-sha1 (2048 bits) is a MAY in RFC 9142 and
# is not reported.
WEAK_SSH = {
    "kex": frozenset({
        "diffie-hellman-group1-sha1", "diffie-hellman-group-exchange-sha1", "gss-group1-sha1-", "rsa1024-sha1",
    }),
    "cipher": frozenset({
        "des", "des-cbc", "3des", "3des-cbc", "3des-ctr", "arcfour", "arcfour128", "arcfour256", "blowfish-cbc",
        "cast128-cbc", "none",
    }),
    "mac": frozenset({
        "hmac-md5", "hmac-md5-96", "hmac-md5-etm@openssh.com", "hmac-md5-96-etm@openssh.com",
        "umac-64@openssh.com", "umac-64-etm@openssh.com", "none",
    }),
}
SSH_KIND = {"kex": "key exchange", "cipher": "ciphers", "mac": "MACs"}
SSH_KIND_ZH = {"kex": "金鑰交換", "cipher": "加密演算法", "mac": "訊息驗證碼（MAC）"}


def _loc(ctx: DeviceContext, loc: Location | None) -> Location:
    return loc or ctx.device_loc()


@check("NL201", "telnet-management", "insecure-management", "high", articles=("9.2", "14.1"))
def telnet_management(ctx: DeviceContext) -> Iterator[Issue]:
    """Telnet is enabled for managing the device.

    What it does:
        Reports telnet management access: a telnet service or a login line whose
        transport allows telnet.

    Why it matters:
        Article 14.1 asks for encrypted connections; telnet sends the administrator's
        password and every command in clear text (article 9.2: restrict and protect
        administrative access).

    Example:
        `line vty 0 4` with `transport input telnet ssh`; ASA `telnet 10.0.0.0 255.0.0.0 inside`.

    How to fix:
        Allow SSH only (`transport input ssh`) and remove telnet access lines.
    """
    m = ctx.device.management
    reported: list[tuple[int, int]] = []
    for line in m.lines:
        tr = line.transport_input
        if tr and ("telnet" in tr or "all" in tr):
            if line.loc:
                reported.append((line.loc.line, line.loc.end_line))
            yield Issue(
                loc=_loc(ctx, line.loc),
                message=f"'{line.name}' accepts telnet (transport input {' '.join(tr)})",
                message_zh=f"「{line.name}」允許 Telnet 登入（transport input {' '.join(tr)}）",
                key=f"line|{line.name}",
                evidence={"line": line.name, "transport_input": list(tr)},
            )
    for svc in m.service("telnet"):
        if not svc.enabled:
            continue
        if svc.loc and any(a <= svc.loc.line <= b for a, b in reported):
            continue  # the login line that enables it is already reported
        yield Issue(
            loc=_loc(ctx, svc.loc),
            message="telnet management is enabled: passwords and commands cross the network in clear text",
            message_zh="啟用了 Telnet 管理：密碼與指令以明文傳輸",
            key=f"telnet|{','.join(svc.interfaces)}",
            evidence={"interfaces": svc.interfaces, "sources": [str(s) for s in svc.allowed_sources]},
        )


@check("NL202", "http-management", "insecure-management", "high", articles=("9.2", "14.1"))
def http_management(ctx: DeviceContext) -> Iterator[Issue]:
    """Management over plain HTTP is enabled.

    What it does:
        Reports an enabled HTTP (not HTTPS) management server.

    Why it matters:
        Article 14.1: credentials and configuration cross the network unencrypted.

    Example:
        `ip http server`; FortiOS `set allowaccess http`.

    How to fix:
        `no ip http server`; use HTTPS (`ip http secure-server`) restricted by an ACL, or
        no web management at all.
    """
    for svc in ctx.device.management.service("http"):
        if svc.enabled:
            yield Issue(
                loc=_loc(ctx, svc.loc),
                message="HTTP management server is enabled (unencrypted web management)",
                message_zh="啟用了 HTTP 管理伺服器（未加密的網頁管理）",
                key=f"http|{','.join(svc.interfaces)}",
                evidence={"interfaces": svc.interfaces, "acl": svc.acl},
            )


@check("NL203", "ssh-version-1", "insecure-management", "high", articles=("9.2", "14.1"))
def ssh_version_1(ctx: DeviceContext) -> Iterator[Issue]:
    """SSH protocol version 1 is allowed.

    What it does:
        Reports SSH configured to accept version 1 (alone or together with version 2).

    Why it matters:
        Article 14.1: SSHv1 has known cryptographic weaknesses that allow session
        hijacking and credential theft.

    Example:
        `ip ssh version 1`; ASA `ssh version 1 2`.

    How to fix:
        `ip ssh version 2` (ASA `ssh version 2`).
    """
    m = ctx.device.management
    versions = set((m.ssh_version or "").replace(" ", ",").split(","))
    if versions & {"1", "1.99"}:
        yield Issue(
            loc=_loc(ctx, m.ssh_version_loc),
            message=f"SSH version 1 is allowed (ssh version {m.ssh_version})",
            message_zh=f"允許 SSH 第 1 版（ssh version {m.ssh_version}）",
            key="ssh-version",
            evidence={"ssh_version": m.ssh_version},
        )


@check("NL204", "snmp-community", "insecure-management", "medium", articles=("9.2", "14.1"))
def snmp_community(ctx: DeviceContext) -> Iterator[Issue]:
    """SNMP v1/v2c community strings are configured.

    What it does:
        Reports each SNMPv1/v2c community. Severity is high when the community is a
        well-known default (public, private...), gives write access, or no ACL restricts
        who may use it.

    Why it matters:
        Article 14.1 asks for encrypted management; SNMPv1/v2c sends the community (the
        only credential) in clear text, and a read-write community lets anyone who learns
        it reconfigure the device.

    Example:
        `snmp-server community public RO`.

    How to fix:
        Use SNMPv3 with authPriv (SHA and AES); if v2c must stay, use a long random
        read-only community restricted by an ACL to the monitoring servers.
    """
    for c in ctx.device.management.snmp_communities:
        problems = []
        problems_zh = []
        if c.secret.default_value:
            problems.append(f"the well-known community '{c.secret.default_value}'")
            problems_zh.append(f"使用眾所周知的預設 community「{c.secret.default_value}」")
        if c.access == "rw":
            problems.append("read-write access")
            problems_zh.append("具讀寫權限")
        if not c.acl and not c.hosts:
            problems.append("no ACL restricting its users")
            problems_zh.append("未以 ACL 限制來源")
        name = c.secret.default_value or "<redacted>"
        detail = (": " + ", ".join(problems)) if problems else ""
        yield Issue(
            loc=_loc(ctx, c.loc),
            message=f"SNMPv{c.version} community {name} sends its credential in clear text{detail}",
            message_zh=f"SNMPv{c.version} community {name} 以明文傳送認證資訊" + ("：" + "、".join(problems_zh) if problems_zh else ""),
            key=f"snmp|{c.loc.text if c.loc else name}",
            severity="high" if problems else None,
            evidence={"community": name, "access": c.access, "acl": c.acl, "version": c.version},
        )


@check("NL205", "vty-without-acl", "insecure-management", "medium", articles=("9.2",))
def vty_without_acl(ctx: DeviceContext) -> Iterator[Issue]:
    """Remote login lines accept connections from any address.

    What it does:
        Reports VTY lines that allow remote login without an `access-class` restricting
        the source addresses.

    Why it matters:
        Article 9.2 asks to restrict which people, devices, IPs or segments may manage
        network devices; without an access-class anyone who reaches any interface can try
        to log in.

    Example:
        `line vty 0 4` / `transport input ssh` with no `access-class`.

    How to fix:
        `access-class MGMT_ONLY in` on every VTY line, with MGMT_ONLY permitting only the
        management network.
    """
    for line in ctx.device.management.lines:
        if not line.name.lower().startswith("vty"):
            continue
        if line.transport_input == ("none",):
            continue
        if line.access_class_in is None:
            yield Issue(
                loc=_loc(ctx, line.loc),
                message=f"'{line.name}' has no access-class: remote login is open to every source address",
                message_zh=f"「{line.name}」未設定 access-class：任何來源位址皆可嘗試遠端登入",
                key=f"line|{line.name}",
                evidence={"line": line.name},
            )


def _is_anywhere(r) -> bool:
    return r.first == 0 and r.last == MAX_ADDR[r.family]


@check("NL206", "management-from-anywhere", "insecure-management", "high", articles=("9.2", "6.3"))
def management_from_anywhere(ctx: DeviceContext) -> Iterator[Issue]:
    """Device management is allowed from any address.

    What it does:
        Reports management services (SSH, HTTPS/ASDM, telnet, SNMP, web admin, APIs)
        whose allowed sources include every address, e.g. `0.0.0.0 0.0.0.0`, and those
        restricted by nothing at all: no ACL, no list of allowed sources (IOS `ip http
        server` without `ip http access-class`, a PAN-OS management port without
        `permitted-ip`, Junos services with no loopback filter). SSH and telnet on
        platforms with VTY lines are left to NL205 (the VTY's access-class), SNMP
        communities to NL204. Ping is reported at low severity: it opens no
        session, it only shows the device to whoever asks.

    Why it matters:
        Article 9.2 asks to restrict management to specific addresses or segments;
        article 6.3 asks that maintenance from the internet be authenticated and
        controlled. Allowing the whole internet exposes the login prompt to everyone.

    Example:
        ASA `http 0.0.0.0 0.0.0.0 outside`; `ssh 0 0 outside`; IOS `ip http secure-server`
        with no `ip http access-class`.

    How to fix:
        Allow management only from the management network (e.g. 10.99.0.0/24) and only
        on an internal management interface: an ACL on the service, the platform's
        trusted-host / permitted-ip list, or a filter on the control plane.
    """
    m = ctx.device.management
    vty_protocols = {"ssh", "telnet"} if any(ln.name.lower().startswith("vty") for ln in m.lines) else set()
    community_lines = {c.loc.line for c in m.snmp_communities if c.loc}
    for svc in m.services:
        if not svc.enabled:
            continue
        where = ", ".join(svc.interfaces) or "all interfaces"
        # ping opens no session and carries no credential: it only shows the device is there
        severity = "low" if svc.protocol == "ping" else None
        if any(_is_anywhere(r) for r in svc.allowed_sources):
            yield Issue(
                loc=_loc(ctx, svc.loc),
                message=f"{svc.protocol} management is allowed from any address on {where}",
                message_zh=f"{svc.protocol} 管理允許來自任意位址（介面：{where}）",
                key=f"{svc.protocol}|{where}",
                severity=severity,
                evidence={"protocol": svc.protocol, "interfaces": svc.interfaces},
            )
        elif _unrestricted(svc) and svc.protocol not in vty_protocols:
            if svc.protocol == "snmp" and svc.loc is not None and svc.loc.line in community_lines:
                continue  # NL204 reports a community without an ACL
            reach = ", ".join(svc.interfaces) if svc.interfaces else "the device"
            reach_zh = "、".join(svc.interfaces) if svc.interfaces else "設備"
            verb, verb_zh = ("ping it", "Ping") if svc.protocol == "ping" else ("connect", "連線")
            yield Issue(
                loc=_loc(ctx, svc.loc),
                message=f"{svc.protocol} management has no source restriction (no ACL, no allowed-source list): "
                        f"any address that can reach {reach} may {verb}",
                message_zh=f"{svc.protocol} 管理未限制來源（無 ACL、無允許來源清單）：任何可連到{reach_zh}的位址皆可{verb_zh}",
                key=f"{svc.protocol}|{where}",
                severity=severity,
                evidence={"protocol": svc.protocol, "interfaces": svc.interfaces, "restriction": None,
                          "enabled_by_default": not svc.explicit},
            )


def _unrestricted(svc: ManagementService) -> bool:
    return svc.acl is None and not svc.allowed_sources


def _minutes(seconds: int) -> str:
    def unit(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    m, sec = divmod(seconds, 60)
    return unit(m, "minute") + (" " + unit(sec, "second") if sec else "") if m else unit(sec, "second")


def _minutes_zh(seconds: int) -> str:
    m, sec = divmod(seconds, 60)
    return f"{m} 分鐘" + (f" {sec} 秒" if sec else "") if m else f"{sec} 秒"


def max_idle_seconds(ctx: DeviceContext) -> int:
    """The policy's longest allowed idle time (management: {max_idle_minutes: N}), default 10 minutes."""
    from netlint.policy import DEFAULT_MAX_IDLE_MINUTES

    minutes = getattr(ctx.policy, "max_idle_minutes", None) or DEFAULT_MAX_IDLE_MINUTES
    return int(minutes) * 60


def _timeout_issue(ctx: DeviceContext, what: str, what_zh: str, configured: int | None, default: int | None,
                   loc: Location | None, key: str, limit: int, zero_text: str) -> Issue | None:
    """One idle timeout: configured (seconds, 0 = never) or, when not configured, the
    platform default; an issue when it never expires or exceeds the limit."""
    value = configured if configured is not None else default
    if value is None:
        return None
    from_default = configured is None
    evidence = {"scope": what, "timeout_seconds": value, "platform_default": from_default,
                "max_idle_minutes": limit // 60}
    if value == 0:
        if from_default:
            msg = f"{what} never time out: no idle timeout is configured and the platform default is none"
            msg_zh = f"{what_zh}永不逾時：未設定閒置逾時，而平台預設為不逾時"
        else:
            msg = f"{what} never time out ({zero_text})"
            msg_zh = f"{what_zh}永不逾時（{zero_text}）"
    elif value > limit:
        source = "the platform default, " if from_default else ""
        source_zh = "平台預設值，" if from_default else ""
        msg = (f"{what} stay open for {_minutes(value)} when idle ({source}longer than the "
               f"{limit // 60}-minute maximum)")
        msg_zh = f"{what_zh}閒置 {_minutes_zh(value)} 才逾時（{source_zh}超過上限 {limit // 60} 分鐘）"
    else:
        return None
    return Issue(loc=_loc(ctx, loc), message=msg, message_zh=msg_zh, key=key, evidence=evidence)


@check("NL207", "no-idle-timeout", "insecure-management", "low", articles=("9.2",))
def no_idle_timeout(ctx: DeviceContext) -> Iterator[Issue]:
    """An administrative session never times out, or stays open too long when idle.

    What it does:
        Reports login lines and management sessions whose idle timeout is 0
        (`exec-timeout 0`, `console timeout 0`), that configure none where the
        platform's default is "never" (Arista EOS SSH, the ASA console, a Junos login
        class without `idle-timeout`), or whose timeout - configured, or the platform
        default - is longer than the policy's maximum (`management: {max_idle_minutes:
        N}`, 10 minutes when not set; exactly the maximum passes). Defaults used: IOS
        lines 10 minutes, ASA SSH and telnet 5, ASDM 20, FortiOS 5, PAN-OS 60.

    Why it matters:
        Article 9.2: an unattended, logged-in session is administrative access for
        whoever finds it. CIS benchmarks ask for 10 minutes at most, the DISA STIGs 5.

    Example:
        `line con 0` / `exec-timeout 0 0`; FortiOS `set admintimeout 480`; PAN-OS
        `<idle-timeout>60</idle-timeout>`.

    How to fix:
        `exec-timeout 10 0` (ten minutes) or shorter on every line; the platform's idle
        timeout (`admintimeout`, `idle-timeout`, `ssh timeout`, `console timeout`) at the
        policy's maximum or below.
    """
    m = ctx.device.management
    limit = max_idle_seconds(ctx)
    for line in m.lines:
        issue = _timeout_issue(ctx, f"'{line.name}' sessions", f"「{line.name}」的管理連線", line.exec_timeout,
                               line.default_timeout, line.loc, f"line|{line.name}", limit, "timeout set to 0")
        if issue is not None:
            issue.evidence["line"] = line.name
            yield issue
    issue = _timeout_issue(ctx, "administrative sessions", "管理連線", m.idle_timeout, m.idle_timeout_default,
                           m.idle_timeout_loc, "idle-timeout", limit, "idle timeout 0")
    if issue is not None:
        yield issue


def _default_value_text(s: Secret) -> tuple[str, str]:
    """How to say that a secret is a well-known value, without repeating it."""
    if s.default_value == "":
        return "is empty (the stored hash is that of an empty password)", "為空白（所存雜湊為空密碼之雜湊）"
    return "is a well-known default or guessable value", "為眾所周知的預設值或易猜測的值"


@check("NL209", "cleartext-management", "insecure-management", "high", articles=("9.2", "14.1"))
def cleartext_management(ctx: DeviceContext) -> Iterator[Issue]:
    """A management service that works in clear text (FTP, TFTP, rsh, finger, xnm-clear-text) is enabled.

    What it does:
        Reports enabled management services other than telnet and HTTP (NL201, NL202)
        that carry credentials, commands or files unencrypted: FTP, TFTP, rsh, rlogin,
        rexec, rcp, the Junos XML protocol in clear text (`xnm-clear-text`), and, at
        medium severity, finger.

    Why it matters:
        Article 14.1 asks for encrypted connections; these protocols send the
        administrator's password (or none at all, for TFTP) and the configuration in
        clear text. Article 9.2: finger tells anyone who is logged in.

    Example:
        Junos `system services { ftp; finger; xnm-clear-text; }`; IOS `ip rcmd rsh-enable`.

    How to fix:
        Remove them; transfer files with SCP/SFTP and use NETCONF over SSH
        (`xnm-ssl` or `netconf ssh`) for automation.
    """
    for svc in ctx.device.management.services:
        info = CLEARTEXT_SERVICES.get(svc.protocol)
        if info is None or not svc.enabled:
            continue
        name, why, why_zh, severity = info
        yield Issue(
            loc=_loc(ctx, svc.loc),
            message=f"{name} management service is enabled: {why}",
            message_zh=f"啟用了 {name} 管理服務：{why_zh}",
            key=f"{svc.protocol}|{','.join(svc.interfaces)}",
            severity=severity if severity != "high" else None,
            evidence={"protocol": svc.protocol, "interfaces": svc.interfaces, "port": svc.port},
        )


def _snmp_weak(name: str | None, weak: tuple[str, ...]) -> bool:
    return bool(name) and name.lower().replace("-", "").replace("_", "") in weak


@check("NL210", "snmpv3-weak-security", "insecure-management", "medium", articles=("9.2", "14.1"))
def snmpv3_weak_security(ctx: DeviceContext) -> Iterator[Issue]:
    """An SNMPv3 user or group works without authentication or encryption, or with MD5/DES.

    What it does:
        Reports SNMPv3 users without authentication (noAuthNoPriv, high severity) or
        without privacy (authNoPriv), users authenticating with MD5 or encrypting with
        DES/3DES, and SNMPv3 groups whose security level admits noAuthNoPriv or
        authNoPriv.

    Why it matters:
        Article 14.1 asks for encrypted management; SNMPv3 protects the device only in
        authPriv mode, and MD5 and DES are broken. A noAuthNoPriv user is as open as
        a v1 community.

    Example:
        FortiOS `config system snmp user` / `set security-level no-auth-no-priv`; Junos
        `authentication-md5` with `privacy-des`.

    How to fix:
        authPriv with SHA-2 (or at least SHA-1) authentication and AES-128 or stronger
        privacy for every user; `snmp-server group NAME v3 priv`.
    """
    m = ctx.device.management
    for u in m.snmp_users:
        problems, problems_zh = [], []
        severity = None
        if not u.auth:
            problems.append("no authentication and no privacy (noAuthNoPriv)")
            problems_zh.append("無認證亦無加密（noAuthNoPriv）")
            severity = "high"
        elif not u.priv:
            problems.append("authentication but no encryption (authNoPriv)")
            problems_zh.append("有認證但未加密（authNoPriv）")
        if _snmp_weak(u.auth, ("md5", "hmacmd5", "hmacmd596")):
            problems.append("MD5 authentication")
            problems_zh.append("MD5 認證")
        if u.auth and _snmp_weak(u.priv, ("des", "des56", "cbcdes", "3des", "3des168", "tripledes")):
            problems.append(f"{u.priv.upper()} privacy")
            problems_zh.append(f"{u.priv.upper()} 加密")
        if problems:
            yield Issue(
                loc=_loc(ctx, u.loc),
                message=f"SNMPv3 user '{u.name}' has weak security: " + ", ".join(problems),
                message_zh=f"SNMPv3 使用者「{u.name}」安全性不足：" + "、".join(problems_zh),
                key=f"user|{u.name}",
                severity=severity,
                evidence={"user": u.name, "auth": u.auth, "priv": u.priv},
            )
    for g in m.snmp_groups:
        if g.version != "3" or g.level not in ("noauth", "auth"):
            continue
        level = "noAuthNoPriv" if g.level == "noauth" else "authNoPriv"
        yield Issue(
            loc=_loc(ctx, g.loc),
            message=f"SNMPv3 group '{g.name}' admits its users with {level} "
                    + ("(no authentication, no encryption)" if g.level == "noauth" else "(no encryption)"),
            message_zh=f"SNMPv3 群組「{g.name}」允許使用者以 {level} 存取"
                       + ("（無認證、無加密）" if g.level == "noauth" else "（未加密）"),
            key=f"group|{g.name}",
            severity="high" if g.level == "noauth" else None,
            evidence={"group": g.name, "level": g.level},
        )


@check("NL211", "weak-management-crypto", "insecure-management", "medium", articles=("9.2", "14.1"))
def weak_management_crypto(ctx: DeviceContext) -> Iterator[Issue]:
    """The device offers weak cryptography for SSH or web management.

    What it does:
        Reports SSH key-exchange methods, ciphers and MACs configured on the device that
        no longer protect a session (Diffie-Hellman group 1 or SHA-1 key exchange, DES,
        3DES, RC4, Blowfish, MD5 or 64-bit MACs), and a device told to also accept weak
        algorithms for its administrative HTTPS/SSH (FortiOS `strong-crypto disable`).

    Why it matters:
        Article 14.1 asks for encrypted connections that actually protect: a 1024-bit
        Diffie-Hellman group or a 64-bit block cipher lets an eavesdropper with enough
        resources recover the session.

    Example:
        ASA `ssh key-exchange group dh-group1-sha1`; FortiOS `set strong-crypto disable`.

    How to fix:
        ASA `ssh key-exchange group dh-group14-sha256` (or ECDH); only AES-CTR/GCM
        ciphers and SHA-2 MACs; FortiOS `set strong-crypto enable`.
    """
    m = ctx.device.management
    for kind in ("kex", "cipher", "mac"):
        algs = m.ssh_algorithms.get(kind, ())
        weak = [a for a in algs if a.lower() in WEAK_SSH[kind] or any(
            a.lower().startswith(w) for w in WEAK_SSH[kind] if w.endswith("-"))]
        if weak:
            yield Issue(
                loc=_loc(ctx, m.ssh_algorithms_loc.get(kind)),
                message=f"SSH offers weak {SSH_KIND[kind]}: {', '.join(weak)}",
                message_zh=f"SSH 提供弱{SSH_KIND_ZH[kind]}：{', '.join(weak)}",
                key=f"ssh|{kind}",
                evidence={"kind": kind, "weak": weak, "configured": list(algs)},
            )
    if m.strong_crypto is False:
        yield Issue(
            loc=_loc(ctx, m.strong_crypto_loc),
            message="administrative HTTPS and SSH also accept weak ciphers and hashes (strong cryptography is disabled)",
            message_zh="管理用 HTTPS 與 SSH 亦接受弱加密與雜湊演算法（已停用強加密）",
            key="strong-crypto",
            evidence={"strong_crypto": False},
        )


@check("NL301", "enable-password", "weak-authentication", "high", articles=("9.1",))
def enable_password(ctx: DeviceContext) -> Iterator[Issue]:
    """The privileged (enable) password is empty, a default, or stored in clear text or reversibly.

    What it does:
        Reports an enable password that is empty or a well-known value (on an ASA that
        never had an enable password set, `enable password <hash> encrypted` shows the
        well-known hash of the empty password),
        kept in clear text or with reversible encryption (`enable password`, type 0 or
        7) instead of a one-way hash (`enable secret`), and, at low severity, one kept
        with an outdated hash (MD5).

    Why it matters:
        Article 9.1 asks for password rules on administrator accounts; anyone who sees
        the config (a backup, a support case) can read the enable password, and an
        empty one is no password at all.

    Example:
        `enable password Cisco123`.

    How to fix:
        `no enable password` and `enable algorithm-type scrypt secret <password>` (ASA:
        `enable password <password> pbkdf2`).
    """
    m = ctx.device.management
    s = m.enable_secret
    if s is None:
        return
    if s.default_value is not None:
        text, text_zh = _default_value_text(s)
        yield Issue(
            loc=_loc(ctx, m.enable_loc),
            message=f"the enable password {text}",
            message_zh=f"enable 密碼{text_zh}",
            key="enable|default",
            evidence={"storage": s.storage, "empty": s.default_value == ""},
        )
    elif s.storage in WEAK_STORAGE:
        yield Issue(
            loc=_loc(ctx, m.enable_loc),
            message=f"the enable password is stored {WEAK_STORAGE[s.storage]}",
            message_zh=f"enable 密碼{WEAK_STORAGE_ZH[s.storage]}儲存",
            key="enable",
            evidence={"storage": s.storage},
        )
    elif s.storage in OUTDATED_HASHES:
        yield Issue(
            loc=_loc(ctx, m.enable_loc),
            message=f"the enable password uses an outdated hash ({s.storage})",
            message_zh=f"enable 密碼使用過時的雜湊（{s.storage}）",
            key="enable",
            severity="low",
            evidence={"storage": s.storage},
        )


def _secret_issue(ctx: DeviceContext, s: Secret, loc: Location | None, who: str, who_zh: str,
                  key: str, evidence: dict) -> Issue | None:
    """A password's weakness: a default/empty value, clear text or reversible
    storage (high), or an outdated hash (low)."""
    evidence = dict(evidence, storage=s.storage)
    if s.default_value is not None:
        text, text_zh = _default_value_text(s)
        return Issue(loc=_loc(ctx, loc), message=f"{who} {text}", message_zh=f"{who_zh}{text_zh}",
                     key=f"{key}|default", evidence=evidence)
    if s.storage in WEAK_STORAGE:
        return Issue(loc=_loc(ctx, loc), message=f"{who} is stored {WEAK_STORAGE[s.storage]}",
                     message_zh=f"{who_zh}{WEAK_STORAGE_ZH[s.storage]}儲存", key=key, evidence=evidence)
    if s.storage in OUTDATED_HASHES:
        return Issue(loc=_loc(ctx, loc), message=f"{who} uses an outdated hash ({s.storage})",
                     message_zh=f"{who_zh}使用過時的雜湊（{s.storage}）", key=key, severity="low", evidence=evidence)
    return None


@check("NL302", "weak-password-storage", "weak-authentication", "high", articles=("9.1",))
def weak_password_storage(ctx: DeviceContext) -> Iterator[Issue]:
    """Local account or line passwords are missing, default, or stored in clear text or reversibly.

    What it does:
        Reports local users with no password (and no SSH key or server
        authentication), users, login lines and the device-wide login password (ASA
        `passwd`) whose password is empty or a well-known default, kept in clear text
        or with reversible encryption (Cisco type 7, Junos `$9$`), and, at low
        severity, with an outdated hash (MD5).

    Why it matters:
        Article 9.1: a reversible password is as good as clear text to anyone holding a
        copy of the config, and a default one is known to everyone.

    Example:
        `username netops privilege 15 password 7 <a type-7 string>`; ASA `passwd <hash>
        encrypted` where the hash is the well-known one of 'cisco' (the factory default).

    How to fix:
        Use `secret` with type 8 or 9 (PBKDF2/scrypt), or the platform's strongest hash;
        remove the ASA `passwd` and authenticate SSH with `aaa authentication ssh console`.
    """
    m = ctx.device.management
    for user in m.users:
        s = user.secret
        if s is None:
            if not user.key_auth and not user.extra.get("remote_auth"):
                yield Issue(
                    loc=_loc(ctx, user.loc),
                    message=f"local user '{user.name}' has no password",
                    message_zh=f"本機帳號「{user.name}」未設定密碼",
                    key=f"user|{user.name}|nopassword",
                    evidence={"user": user.name, "storage": None},
                )
            continue
        if s.default_value is not None and s.default_value != "":
            yield Issue(
                loc=_loc(ctx, user.loc),
                message=f"local user '{user.name}' still has the well-known default password",
                message_zh=f"本機帳號「{user.name}」仍使用眾所周知的預設密碼",
                key=f"user|{user.name}|default",
                evidence={"user": user.name, "storage": s.storage},
            )
            continue
        issue = _secret_issue(ctx, s, user.loc, f"password of local user '{user.name}'",
                              f"本機帳號「{user.name}」的密碼", f"user|{user.name}", {"user": user.name})
        if issue is not None:
            yield issue
    for line in m.lines:
        if line.password is not None:
            issue = _secret_issue(ctx, line.password, line.loc, f"'{line.name}' password", f"「{line.name}」的密碼",
                                  f"line|{line.name}", {"line": line.name})
            if issue is not None:
                yield issue
    if m.login_password is not None:
        issue = _secret_issue(ctx, m.login_password, m.login_password_loc, "the remote login password",
                              "遠端登入密碼", "login-password", {})
        if issue is not None:
            yield issue


@check("NL303", "no-central-aaa", "weak-authentication", "medium", articles=("9.1", "9.2"))
def no_central_aaa(ctx: DeviceContext) -> Iterator[Issue]:
    """Administrators are not authenticated by a central AAA server.

    What it does:
        Reports devices with no AAA configuration, or AAA without any TACACS+/RADIUS
        server, so that logins rely on local accounts only.

    Why it matters:
        Articles 9.1 and 9.2 ask for personal administrator accounts and a record of
        who did what; local accounts on each device are typically shared and leave no
        central trail.

    Example:
        No `aaa new-model` on an IOS switch.

    How to fix:
        Enable AAA with TACACS+ (or RADIUS) servers for login and command authorization,
        keeping one local emergency account.
    """
    aaa = ctx.device.management.aaa
    if not aaa.enabled:
        yield Issue(
            loc=ctx.device_loc(),
            message="no AAA: administrators log in with local accounts only (no TACACS+/RADIUS)",
            message_zh="未啟用 AAA：管理者僅以本機帳號登入（無 TACACS+/RADIUS）",
            key="no-aaa",
        )
    elif not aaa.servers:
        yield Issue(
            loc=_loc(ctx, aaa.loc),
            message="AAA is enabled but no TACACS+/RADIUS server is configured",
            message_zh="已啟用 AAA 但未設定 TACACS+/RADIUS 伺服器",
            key="aaa-no-server",
        )


@check("NL304", "shared-admin-account", "weak-authentication", "medium", articles=("9.1",))
def shared_admin_account(ctx: DeviceContext) -> Iterator[Issue]:
    """A local account has a generic, shared name.

    What it does:
        Reports local accounts named like a role or a vendor default (admin, root, cisco,
        manager...) rather than after a person.

    Why it matters:
        Article 9.1 asks that administrator accounts be personal and never shared; a
        generic name means nobody can tell from the logs who made a change.

    Example:
        `username admin privilege 15 secret 9 ...`.

    How to fix:
        Create one account per administrator (and one documented break-glass account);
        remove the generic one.
    """
    for user in ctx.device.management.users:
        if user.name.lower() in SHARED_ADMIN_NAMES and not user.builtin:
            yield Issue(
                loc=_loc(ctx, user.loc),
                message=f"local account '{user.name}' has a generic name: accounts should belong to one person",
                message_zh=f"本機帳號「{user.name}」為通用名稱：管理帳號應專人專用",
                key=f"user|{user.name}",
                evidence={"user": user.name, "privilege": user.privilege},
            )


@check("NL305", "login-without-authentication", "weak-authentication", "high", articles=("9.1", "6.3"))
def login_without_authentication(ctx: DeviceContext) -> Iterator[Issue]:
    """A login line lets users in without any authentication.

    What it does:
        Reports login lines configured with no authentication at all (IOS `no login`),
        unless the line accepts no connection (`transport input none`). Remote (VTY)
        lines are high severity; console and auxiliary lines, which need physical
        access, medium.

    Why it matters:
        Article 9.1 asks that administrators log in with personal accounts, and 6.3
        that remote maintenance be authenticated; a line without login gives a command
        prompt to whoever connects, with no trace of who it was.

    Example:
        `line vty 5 15` / `transport input all` / `no login`.

    How to fix:
        `login authentication default` (with AAA) or `login local` on every line.
    """
    for line in ctx.device.management.lines:
        if line.login != "none" or line.transport_input == ("none",):
            continue
        remote = line.name.lower().startswith("vty")
        yield Issue(
            loc=_loc(ctx, line.loc),
            message=f"'{line.name}' asks for no authentication at all (no login)",
            message_zh=f"「{line.name}」完全不需認證即可登入（no login）",
            key=f"line|{line.name}",
            severity=None if remote else "medium",
            evidence={"line": line.name, "transport_input": list(line.transport_input or ())},
        )


@check("NL306", "aaa-key-weak-storage", "weak-authentication", "medium", articles=("9.1", "9.2"))
def aaa_key_weak_storage(ctx: DeviceContext) -> Iterator[Issue]:
    """The shared key of a TACACS+/RADIUS server is stored in clear text or reversibly.

    What it does:
        Reports AAA servers whose shared key is kept in clear text or with reversible
        encryption (IOS/NX-OS/EOS `key 7` or `key 0`, Junos `$9$`, FortiOS `ENC` without
        `private-data-encryption`), and keys that are a well-known value.

    Why it matters:
        Articles 9.1 and 9.2: whoever reads the key from a config backup can decrypt
        the TACACS+ sessions (administrators' passwords and commands) or impersonate
        the AAA server and let themselves in.

    Example:
        `tacacs server TAC1` / `key 7 <a type-7 string>`; FortiOS `config user radius` /
        `set secret ENC ...` on a unit without private-data encryption.

    How to fix:
        Store keys with the platform's strong encryption: IOS/NX-OS type 6 (`key
        config-key password-encrypt` and `password encryption aes`), EOS type 8a, Junos
        `$8$` (`system master-password`), FortiOS `set private-data-encryption enable`.
    """
    for server in ctx.device.management.aaa.servers:
        key = server.key
        if key is None:
            continue
        where = f"{server.protocol} server {server.address}".strip()
        if key.default_value is not None:
            msg, msg_zh = f"the shared key of the {where} is a well-known value", f"{where} 的共用金鑰為眾所周知的值"
        elif key.storage in WEAK_STORAGE:
            msg = f"the shared key of the {where} is stored {WEAK_STORAGE[key.storage]}"
            msg_zh = f"{where} 的共用金鑰{WEAK_STORAGE_ZH[key.storage]}儲存"
        else:
            continue
        yield Issue(
            loc=_loc(ctx, server.loc),
            message=msg,
            message_zh=msg_zh,
            key=f"aaa|{server.protocol}|{server.address}",
            severity="high" if key.storage == "plaintext" or key.default_value is not None else None,
            evidence={"protocol": server.protocol, "server": server.address, "storage": key.storage},
        )


@check("NL307", "password-complexity-disabled", "weak-authentication", "medium", articles=("9.1",))
def password_complexity_disabled(ctx: DeviceContext) -> Iterator[Issue]:
    """The platform's password-strength rules are switched off.

    What it does:
        Reports configs that explicitly disable the platform's checks on local
        passwords (NX-OS `no password strength-check`, PAN-OS password complexity
        `enabled no`).

    Why it matters:
        Article 9.1 asks for password rules on administrator accounts; without the
        platform's checks, short and dictionary passwords are accepted.

    Example:
        NX-OS `no password strength-check`.

    How to fix:
        `password strength-check` (NX-OS); enable password complexity with a minimum
        length of 12-15 characters (PAN-OS, FortiOS `config system password-policy`).
    """
    m = ctx.device.management
    if m.password_complexity is False:
        yield Issue(
            loc=_loc(ctx, m.password_complexity_loc),
            message="the platform's password-strength rules are disabled: weak admin passwords are accepted",
            message_zh="已停用平台的密碼強度規則：可設定弱的管理者密碼",
            key="password-complexity",
        )


@check("NL308", "remote-root-login", "weak-authentication", "medium", articles=("9.1",))
def remote_root_login(ctx: DeviceContext) -> Iterator[Issue]:
    """The superuser 'root' may log in directly over SSH.

    What it does:
        Reports devices that let the built-in superuser log in remotely over SSH (Junos
        `system services ssh root-login allow`).

    Why it matters:
        Article 9.1 asks that administrator accounts be personal; 'root' is shared by
        definition, so a remote root login leaves no trace of who it was, and it is the
        first account password-guessing tries.

    Example:
        Junos `ssh { root-login allow; }`.

    How to fix:
        `root-login deny`; administrators log in with their own accounts and use the
        console for root in an emergency.
    """
    m = ctx.device.management
    if m.remote_root_login:
        yield Issue(
            loc=_loc(ctx, m.remote_root_login_loc),
            message="the superuser 'root' may log in directly over SSH",
            message_zh="超級使用者 root 可直接經由 SSH 登入",
            key="root-login",
        )


@check("NL401", "no-remote-syslog", "logging", "medium", articles=("11.1",))
def no_remote_syslog(ctx: DeviceContext) -> Iterator[Issue]:
    """No remote syslog server receives the device's logs.

    What it does:
        Reports devices that send their logs to no remote syslog host.

    Why it matters:
        Article 11.1 asks that device logs be kept for at least six months and checked
        regularly; a device's own buffer keeps hours, and is lost with the device.

    Example:
        Only `logging buffered 16384` and no `logging host`.

    How to fix:
        `logging host <syslog server>` (TCP or TLS where the platform offers it).
    """
    if not ctx.device.management.log_hosts:
        yield Issue(
            loc=ctx.device_loc(),
            message="no remote syslog host: logs stay on the device and cannot be kept six months",
            message_zh="未設定遠端 syslog 主機：日誌僅留存於設備，無法保存六個月",
            key="no-syslog",
        )


@check("NL402", "no-log-timestamps", "logging", "low", articles=("11.1",))
def no_log_timestamps(ctx: DeviceContext) -> Iterator[Issue]:
    """Log messages carry no timestamps.

    What it does:
        Reports devices configured without timestamps on log messages.

    Why it matters:
        Article 11.1: logs without time cannot be correlated with other systems or used
        as evidence of when something happened.

    Example:
        `no service timestamps log`; an ASA without `logging timestamp`.

    How to fix:
        `service timestamps log datetime msec localtime show-timezone` (ASA `logging timestamp`).
    """
    m = ctx.device.management
    if m.log_timestamps is False:
        yield Issue(
            loc=_loc(ctx, m.log_timestamps_loc),
            message="log messages are not timestamped",
            message_zh="日誌訊息未附加時間戳記",
            key="timestamps",
        )


@check("NL403", "no-ntp", "logging", "low", articles=("11.1",))
def no_ntp(ctx: DeviceContext) -> Iterator[Issue]:
    """The device does not synchronise its clock (no NTP server).

    What it does:
        Reports devices with no NTP server configured.

    Why it matters:
        Article 11.1: log timestamps from a drifting clock cannot be trusted or correlated
        across devices during an incident investigation.

    Example:
        No `ntp server` line.

    How to fix:
        `ntp server <internal NTP server>`, with NTP authentication where possible.
    """
    m = ctx.device.management
    if not m.ntp_servers:
        yield Issue(
            loc=ctx.device_loc(),
            message="no NTP server: the clock behind log timestamps is not synchronised",
            message_zh="未設定 NTP 伺服器：日誌時間戳記所依據的時鐘未同步",
            key="no-ntp",
        )


@check("NL404", "no-command-accounting", "logging", "low", articles=("9.2", "11.1"))
def no_command_accounting(ctx: DeviceContext) -> Iterator[Issue]:
    """Administrators' commands are not sent to an accounting server.

    What it does:
        Reports devices that record no command accounting (TACACS+/RADIUS accounting of
        configuration commands, or the platform's audit log sent off the box).

    Why it matters:
        Article 9.2 asks that operator logs be kept for device administration; without
        command accounting nobody can tell who changed a rule and when.

    Example:
        IOS without `aaa accounting commands 15 default start-stop group tacacs+`.

    How to fix:
        Enable command accounting to the TACACS+ servers (or the platform's audit log to
        syslog).
    """
    aaa = ctx.device.management.aaa
    if not aaa.accounting_commands:
        yield Issue(
            loc=aaa.accounting_loc or aaa.loc or ctx.device_loc(),
            message="no command accounting: administrators' changes are not recorded off the device",
            message_zh="未啟用指令記錄（command accounting）：管理者的變更未記錄於設備以外",
            key="no-accounting",
        )

