"""Software lifecycle checks (articles 6.1, 6.2, 9.3): the OS version each config states,
against the shipped end-of-life table (netlint/data/eol.yaml, or the file given with
`--eol-data`, which replaces it).

Dates are judged as of `--today`. A train the table does not know is reported as unknown
(NL603), never guessed. iptables/nftables rulesets are skipped: the lifecycle of the Linux
host is not in its ruleset."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from netlint.checks import DeviceContext, Issue, check
from netlint.eol import SHIPPED, Lookup, Table, load_table, lookup

PLAN_WINDOW_DAYS = 180  # "ends soon": article 6.1 asks for a retirement plan before the end

PRODUCTS = {
    "cisco_ios": "Cisco IOS/IOS-XE",
    "cisco_asa": "Cisco ASA",
    "cisco_nxos": "Cisco NX-OS",
    "arista_eos": "Arista EOS",
    "juniper_junos": "Juniper Junos",
    "paloalto_panos": "PAN-OS",
    "fortinet_fortios": "FortiOS",
    "linux_iptables": "Linux",
    "linux_nftables": "Linux",
}


def _table(ctx: DeviceContext) -> Table:
    return load_table(getattr(ctx.options, "eol_data", None))


def _version(ctx: DeviceContext) -> str | None:
    """The version to judge. PAN-OS configs without detail-version carry only the feature
    release of the config schema ("10.1.0"), not the running release: judge the train only."""
    d = ctx.device
    v = (d.os_version or "").strip() or None
    if v and d.vendor == "paloalto_panos":
        facts = d.facts or {}
        if not facts.get("detail_version") and v == facts.get("config_version"):
            return ".".join(v.split(".")[:2])
    return v


def _lookup(ctx: DeviceContext) -> Lookup | None:
    """The table's answer for this device, or None when the device is out of scope."""
    table = _table(ctx)  # load (and validate) first: a bad --eol-data file is an error even here
    d = ctx.device
    version = _version(ctx)
    if version is None and not d.management_visible:
        return None  # an iptables/nftables ruleset, a snippet: no OS to judge
    return lookup(d.vendor, version, table)


def _product(lk: Lookup) -> str:
    if lk.entry is not None and lk.entry.product:
        return lk.entry.product
    return PRODUCTS.get(lk.vendor, lk.vendor)


def _evidence(lk: Lookup) -> dict:
    e = lk.entry
    ev = {
        "version": lk.version,
        "train": lk.train,
        "end_of_support": e.end_of_support.isoformat() if e else None,
        "end_of_maintenance": e.end_of_maintenance.isoformat() if e and e.end_of_maintenance else None,
        "recommended": e.recommended if e else None,
        "source": e.source if e else None,
    }
    if lk.table_file and lk.table_file != str(SHIPPED):
        ev["table"] = lk.table_file  # a replacement table (--eol-data)
    return ev


@check("NL601", "eol-software", "eol-software", "high", articles=("6.1",))
def eol_software(ctx: DeviceContext) -> Iterator[Issue]:
    """The device runs a software train that is end-of-life, or soon will be.

    What it does:
        Maps the OS version the config states to its release train and looks the train up
        in the end-of-life table. High when the train's end of support (the last day with
        security fixes) is before today (`--today`); medium when it ends within the next
        180 days; low when the train is past its end of maintenance but still gets security
        fixes.

    Why it matters:
        Article 6.1 asks firms to avoid end-of-life equipment and to plan its replacement:
        after the end of support, new vulnerabilities in the device's software are never
        fixed.

    Example:
        `ASA Version 9.9(2)` (support ended 2023-05-31); `version 17.6` on a Catalyst
        (IOS-XE 17.6, security support ended 2024-07-30).

    How to fix:
        Upgrade to a supported train (or replace hardware that cannot run one); for a train
        that ends soon, record the replacement plan and its date.
    """
    lk = _lookup(ctx)
    if lk is None or lk.entry is None:
        return
    e, today = lk.entry, ctx.options.today
    product, version, train = _product(lk), lk.version, lk.train
    loc = ctx.device_loc()
    ev = _evidence(lk)
    if e.end_of_support < today:
        yield Issue(
            loc=loc, severity="high", key=f"eol|{train}", evidence=ev,
            message=f"{product} {version} (train {train}) reached end of support on {e.end_of_support}: "
                    "no more security fixes; upgrade to a supported train or replace the device",
            message_zh=f"{product} {version}（版本系列 {train}）已於 {e.end_of_support} 終止支援，不再提供安全性修補；"
                       "請升級至仍受支援的版本系列或汰換設備",
        )
    elif e.end_of_support < today + timedelta(days=PLAN_WINDOW_DAYS):
        days = (e.end_of_support - today).days
        yield Issue(
            loc=loc, severity="medium", key=f"eol-soon|{train}", evidence={**ev, "days_left": days},
            message=f"{product} {version} (train {train}) reaches end of support on {e.end_of_support}, "
                    f"in {days} days: plan the replacement or upgrade now",
            message_zh=f"{product} {version}（版本系列 {train}）將於 {e.end_of_support} 終止支援（剩 {days} 天）："
                       "請即規劃汰換或升級",
        )
    elif e.end_of_maintenance is not None and e.end_of_maintenance < today:
        yield Issue(
            loc=loc, severity="low", key=f"eom|{train}", evidence=ev,
            message=f"{product} {version} (train {train}) is past end of maintenance ({e.end_of_maintenance}): "
                    f"only security fixes until {e.end_of_support}; plan the upgrade",
            message_zh=f"{product} {version}（版本系列 {train}）已過維護期限（{e.end_of_maintenance}），"
                       f"至 {e.end_of_support} 前僅提供安全性修補；請規劃升級",
        )


@check("NL602", "below-recommended-release", "eol-software", "low", articles=("6.2", "9.3"))
def below_recommended_release(ctx: DeviceContext) -> Iterator[Issue]:
    """The OS version is older than the recommended release of its train.

    What it does:
        Compares the version the config states with the recommended (or latest) release
        of the same train in the end-of-life table, per vendor ("9.8(4)" < "9.8(4)45",
        "10.1.6-h3" < "10.1.14", "19.4R3-S2.1" < "19.4R3-S12"). Silent when the config
        gives only the train (`version 17.9`), when the table has no recommended release
        for the train, and when the train is already end-of-life (NL601 says so).

    Why it matters:
        Article 6.2 asks for software at the latest or vendor-recommended version, and
        article 9.3 for patches applied after evaluation: releases below the recommended
        one miss published security fixes.

    Example:
        PAN-OS `detail-version="10.1.6-h3"` while the table recommends 10.1.14-h20.

    How to fix:
        Evaluate and install the recommended release of the train (or a newer supported
        train), and record the evaluation.
    """
    lk = _lookup(ctx)
    if lk is None or lk.entry is None or not lk.older_than_recommended:
        return
    e = lk.entry
    if e.end_of_support < ctx.options.today:
        return  # the whole train is end-of-life: NL601
    product = _product(lk)
    yield Issue(
        loc=ctx.device_loc(), key=f"below|{lk.train}|{e.recommended}", evidence=_evidence(lk),
        message=f"{product} {lk.version} is older than the recommended release {e.recommended} of train {lk.train}: "
                "evaluate and apply the update",
        message_zh=f"{product} {lk.version} 低於版本系列 {lk.train} 的建議版本 {e.recommended}：請評估後更新",
    )


@check("NL603", "unknown-version", "eol-software", "info", articles=("6.1", "6.2"))
def unknown_version(ctx: DeviceContext) -> Iterator[Issue]:
    """Cannot tell whether the device's software is supported.

    What it does:
        Reports a config that states no OS version, a version in no known format, or a
        train the end-of-life table does not know (the table leaves out trains whose dates
        could not be sourced rather than guessing them). Not reported for iptables/nftables
        rulesets: the operating system of a Linux host is not in its ruleset, and its
        lifecycle must be checked on the host itself.

    Why it matters:
        Articles 6.1 and 6.2 need evidence that the software is supported and current; an
        unknown answer is a gap to close, not a pass.

    Example:
        `ASA Version 9.8(4)` (train 9.8 not in the shipped table); an IOS snippet without
        a `version` line.

    How to fix:
        Attach evidence: `show version` and the vendor's end-of-life notice for the train,
        or add the train with its source to your own table (`--eol-data`).
    """
    lk = _lookup(ctx)
    if lk is None or lk.entry is not None:
        return
    product = _product(lk)
    ev = {**_evidence(lk), "reason": ""}
    if not lk.version:
        ev["reason"] = "no-version"
        message = (f"the configuration states no OS version: cannot tell whether this {product} device's software "
                   "is supported: needs evidence (show version output)")
        message_zh = f"設定檔未載明作業系統版本：無法判斷此 {product} 設備的軟體是否仍受支援，需提供佐證（show version 輸出）"
    elif lk.vendor not in _table(ctx).patterns:
        ev["reason"] = "unknown-vendor"
        message = (f"cannot tell whether {product} {lk.version} is supported: the end-of-life table covers no "
                   f"{product} release: needs evidence (the vendor's end-of-life notice)")
        message_zh = f"無法判斷 {product} {lk.version} 是否仍受支援（生命週期資料表未涵蓋此產品），需提供佐證（原廠產品生命週期公告）"
    elif lk.train is None:
        ev["reason"] = "unknown-format"
        message = (f"cannot tell whether {product} {lk.version} is supported: the version is in no known format: "
                   "needs evidence (the vendor's end-of-life notice)")
        message_zh = f"無法判斷 {product} {lk.version} 是否仍受支援（版本格式無法辨識），需提供佐證（原廠產品生命週期公告）"
    else:
        ev["reason"] = "unknown-train"
        message = (f"cannot tell whether {product} {lk.version} (train {lk.train}) is supported: the end-of-life table "
                   "has no entry for this train: needs evidence (the vendor's end-of-life notice)")
        message_zh = (f"無法判斷 {product} {lk.version}（版本系列 {lk.train}）是否仍受支援：生命週期資料表未收錄此版本系列，"
                      "需提供佐證（原廠產品生命週期公告）")
    yield Issue(loc=ctx.device_loc(), key=f"unknown|{lk.train or lk.version or 'none'}", evidence=ev,
                message=message, message_zh=message_zh)
