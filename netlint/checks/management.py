"""Management-plane checks: how the device itself is reached, who may log in and how
passwords are kept, and whether it leaves an audit trail (articles 6.3, 9.1, 9.2,
11.1, 14.1, 15.1). They read only `Device.management`; every parser fills it."""

from __future__ import annotations

from collections.abc import Iterator

from netlint.checks import DeviceContext, Issue, check
from netlint.model import MAX_ADDR, Location

SHARED_ADMIN_NAMES = frozenset({
    "admin", "administrator", "root", "cisco", "manager", "operator", "support", "guest", "test",
    "user", "super", "superuser", "netadmin", "network", "fortinet", "sysadmin", "enable", "supervisor",
    "monitor", "backup", "service", "default", "ciscoadmin", "pix",
})
WEAK_STORAGE = {"plaintext": "in clear text", "reversible": "with reversible encryption (e.g. Cisco type 7)"}
WEAK_STORAGE_ZH = {"plaintext": "以明文", "reversible": "以可逆加密（如 Cisco type 7）"}


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
        Reports management services (SSH, HTTPS/ASDM, telnet, SNMP, web admin) whose
        allowed sources include every address, e.g. `0.0.0.0 0.0.0.0`.

    Why it matters:
        Article 9.2 asks to restrict management to specific addresses or segments;
        article 6.3 asks that maintenance from the internet be authenticated and
        controlled. Allowing the whole internet exposes the login prompt to everyone.

    Example:
        ASA `http 0.0.0.0 0.0.0.0 outside`; `ssh 0 0 outside`.

    How to fix:
        Allow management only from the management network (e.g. 10.99.0.0/24) and only
        on an internal management interface.
    """
    for svc in ctx.device.management.services:
        if not svc.enabled:
            continue
        if any(_is_anywhere(r) for r in svc.allowed_sources):
            where = ", ".join(svc.interfaces) or "all interfaces"
            yield Issue(
                loc=_loc(ctx, svc.loc),
                message=f"{svc.protocol} management is allowed from any address on {where}",
                message_zh=f"{svc.protocol} 管理允許來自任意位址（介面：{where}）",
                key=f"{svc.protocol}|{where}",
                evidence={"protocol": svc.protocol, "interfaces": svc.interfaces},
            )


@check("NL207", "no-idle-timeout", "insecure-management", "low", articles=("9.2",))
def no_idle_timeout(ctx: DeviceContext) -> Iterator[Issue]:
    """An administrative session never times out.

    What it does:
        Reports login lines with `exec-timeout 0` (or a device idle timeout of 0).

    Why it matters:
        Article 9.2: an unattended, logged-in session is administrative access for
        whoever finds it.

    Example:
        `line con 0` / `exec-timeout 0 0`.

    How to fix:
        `exec-timeout 10 0` (ten minutes) or shorter.
    """
    m = ctx.device.management
    for line in m.lines:
        if line.exec_timeout == 0:
            yield Issue(
                loc=_loc(ctx, line.loc),
                message=f"'{line.name}' sessions never time out (exec-timeout 0)",
                message_zh=f"「{line.name}」的管理連線永不逾時（exec-timeout 0）",
                key=f"line|{line.name}",
                evidence={"line": line.name},
            )
    if m.idle_timeout == 0:
        yield Issue(
            loc=_loc(ctx, m.idle_timeout_loc),
            message="administrative sessions never time out (idle timeout 0)",
            message_zh="管理連線永不逾時（閒置逾時為 0）",
            key="idle-timeout",
        )


@check("NL301", "enable-password", "weak-authentication", "high", articles=("9.1",))
def enable_password(ctx: DeviceContext) -> Iterator[Issue]:
    """The privileged (enable) password is stored in clear text or reversibly.

    What it does:
        Reports an enable password kept in clear text or with reversible encryption
        (`enable password`, type 0 or 7) instead of a one-way hash (`enable secret`).

    Why it matters:
        Article 9.1 asks for password rules on administrator accounts; anyone who sees
        the config (a backup, a support case) can read the enable password.

    Example:
        `enable password Cisco123`.

    How to fix:
        `no enable password` and `enable algorithm-type scrypt secret <password>`.
    """
    m = ctx.device.management
    s = m.enable_secret
    if s is not None and s.storage in WEAK_STORAGE:
        yield Issue(
            loc=_loc(ctx, m.enable_loc),
            message=f"the enable password is stored {WEAK_STORAGE[s.storage]}",
            message_zh=f"enable 密碼{WEAK_STORAGE_ZH[s.storage]}儲存",
            key="enable",
            evidence={"storage": s.storage},
        )


@check("NL302", "weak-password-storage", "weak-authentication", "high", articles=("9.1",))
def weak_password_storage(ctx: DeviceContext) -> Iterator[Issue]:
    """Local account or line passwords are stored in clear text or reversibly.

    What it does:
        Reports local users and login lines whose password is kept in clear text or
        with reversible encryption (Cisco type 7, Junos `$9$`), and, at low severity,
        with an outdated hash (MD5).

    Why it matters:
        Article 9.1: a reversible password is as good as clear text to anyone holding a
        copy of the config.

    Example:
        `username netops privilege 15 password 7 <a type-7 string>`.

    How to fix:
        Use `secret` with type 8 or 9 (PBKDF2/scrypt), or the platform's strongest hash.
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
        if s.default_value:
            yield Issue(
                loc=_loc(ctx, user.loc),
                message=f"local user '{user.name}' still has the well-known default password",
                message_zh=f"本機帳號「{user.name}」仍使用眾所周知的預設密碼",
                key=f"user|{user.name}|default",
                evidence={"user": user.name, "storage": s.storage},
            )
            continue
        if s.storage in WEAK_STORAGE:
            yield Issue(
                loc=_loc(ctx, user.loc),
                message=f"password of local user '{user.name}' is stored {WEAK_STORAGE[s.storage]}",
                message_zh=f"本機帳號「{user.name}」的密碼{WEAK_STORAGE_ZH[s.storage]}儲存",
                key=f"user|{user.name}",
                evidence={"user": user.name, "storage": s.storage},
            )
        elif s.storage in ("md5", "md4"):
            yield Issue(
                loc=_loc(ctx, user.loc),
                message=f"password of local user '{user.name}' uses an outdated hash ({s.storage})",
                message_zh=f"本機帳號「{user.name}」的密碼使用過時的雜湊（{s.storage}）",
                key=f"user|{user.name}",
                severity="low",
                evidence={"user": user.name, "storage": s.storage},
            )
    for line in m.lines:
        if line.password is not None and line.password.storage in WEAK_STORAGE:
            yield Issue(
                loc=_loc(ctx, line.loc),
                message=f"'{line.name}' password is stored {WEAK_STORAGE[line.password.storage]}",
                message_zh=f"「{line.name}」的密碼{WEAK_STORAGE_ZH[line.password.storage]}儲存",
                key=f"line|{line.name}",
                evidence={"line": line.name, "storage": line.password.storage},
            )


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

