"""The annual rule-review worksheet as an .xlsx workbook: written with everything the
analysis knows, read back the next year (articles 5.5 and 10.3).

Sheets, all titles and headers in the chosen language (en or zh-TW):

* Cover: organisation, category, scope (devices, files and their SHA-256), review
  date and period, summary counts, the per-article checklist and the sign-off block;
* Rules: one row per rule in evaluation order, the analysis columns (zones, findings,
  risk, recommendation, comparison with the previous review) and the reviewer's
  columns (owner, justification, decision, ticket, reviewer, review date, comment);
* Zone matrix, Findings, Objects, and "Removed since last review" when a previous
  worksheet was given;
* a hidden "netlint" sheet with the format version and the review date.

Reading back does not depend on the language or the layout: the Rules sheet has a
hidden first row holding a stable key per column (``fingerprint``, ``decision``...),
so inserted, moved or deleted columns, sorted or extra rows and a translated sheet
title do not matter; when that row was deleted, the visible headers of either
language are recognised instead. Decisions are stored as their label in the sheet's
language and mapped back to stable keys (keep, modify, remove, investigate).

This module knows the layout and the words; `netlint.review` assembles the data.
"""

from __future__ import annotations

import re
import zipfile
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

FORMAT = "netlint-review/1"
LANGS = ("en", "zh-TW")
MAX_CELL = 32000  # Excel's limit is 32,767 characters per cell

# --------------------------------------------------------------------------- words

SHEETS = {
    "cover": {"en": "Cover", "zh-TW": "封面與簽核"},
    "rules": {"en": "Rules", "zh-TW": "規則審查"},
    "matrix": {"en": "Zone matrix", "zh-TW": "區域矩陣"},
    "findings": {"en": "Findings", "zh-TW": "檢測發現"},
    "objects": {"en": "Objects", "zh-TW": "物件"},
    "removed": {"en": "Removed since last review", "zh-TW": "上次審查後已移除"},
    "meta": {"en": "netlint", "zh-TW": "netlint"},
}


@dataclass(frozen=True)
class Column:
    key: str
    en: str
    zh: str
    width: float
    group: str = "rule"  # rule | analysis | review (the reviewer fills it)

    def header(self, lang: str) -> str:
        return self.zh if lang == "zh-TW" else self.en


RULE_COLUMNS: tuple[Column, ...] = (
    Column("device", "Device", "設備", 14),
    Column("filter", "Filter / policy", "規則集（ACL／政策）", 18),
    Column("position", "#", "順序", 6),
    Column("line", "Line", "行號", 7),
    Column("name", "Rule name / seq.", "規則名稱／序號", 14),
    Column("fingerprint", "Rule fingerprint", "規則指紋", 19),
    Column("action", "Action", "動作", 9),
    Column("src_zones", "Source zones", "來源區域", 15),
    Column("dst_zones", "Destination zones", "目的區域", 15),
    Column("source", "Source", "來源位址", 24),
    Column("destination", "Destination", "目的位址", 24),
    Column("services", "Services", "服務", 20),
    Column("schedule", "Schedule", "時間排程", 12),
    Column("logging", "Logging", "記錄", 8),
    Column("enabled", "Enabled", "啟用", 8),
    Column("remark", "Remark / ticket", "備註／單號", 28),
    Column("config", "Config line", "設定原文", 40),
    Column("findings", "Findings", "檢測發現", 55, "analysis"),
    Column("risk", "Risk", "風險等級", 9, "analysis"),
    Column("recommendation", "Recommendation", "建議處置", 13, "analysis"),
    Column("change", "Since last review", "與上次審查比較", 12, "analysis"),
    Column("previous", "Last review", "上次審查紀錄", 34, "analysis"),
    Column("remove_overdue", "Decided 'remove', still present", "上次決議移除但仍存在", 13, "analysis"),
    Column("owner", "Owner", "負責人", 14, "review"),
    Column("justification", "Business justification", "業務需求說明", 32, "review"),
    Column("decision", "Decision", "審查決議", 12, "review"),
    Column("ticket", "Ticket", "變更單號", 14, "review"),
    Column("reviewer", "Reviewer", "審查人", 14, "review"),
    Column("review_date", "Review date", "審查日期", 12, "review"),
    Column("comment", "Reviewer comment", "審查意見", 30, "review"),
)
RULE_KEYS = tuple(c.key for c in RULE_COLUMNS)
REVIEW_KEYS = tuple(c.key for c in RULE_COLUMNS if c.group == "review")

DECISIONS = ("keep", "modify", "remove", "investigate")

# Language-neutral values of the Rules sheet and their labels.
VALUES: dict[str, dict[str, dict[str, str]]] = {
    "decision": {
        "keep": {"en": "keep", "zh-TW": "保留"},
        "modify": {"en": "modify", "zh-TW": "修改"},
        "remove": {"en": "remove", "zh-TW": "移除"},
        "investigate": {"en": "investigate", "zh-TW": "待查"},
    },
    "action": {
        "permit": {"en": "permit", "zh-TW": "允許"},
        "deny": {"en": "deny", "zh-TW": "拒絕"},
        "jump": {"en": "jump", "zh-TW": "跳至子鏈"},
        "goto": {"en": "goto", "zh-TW": "轉至子鏈"},
        "return": {"en": "return", "zh-TW": "返回"},
        "continue": {"en": "continue", "zh-TW": "繼續（不終止）"},
    },
    "risk": {
        "critical": {"en": "critical", "zh-TW": "嚴重"},
        "high": {"en": "high", "zh-TW": "高"},
        "medium": {"en": "medium", "zh-TW": "中"},
        "low": {"en": "low", "zh-TW": "低"},
        "info": {"en": "info", "zh-TW": "資訊"},
        "none": {"en": "none", "zh-TW": "無"},
    },
    "recommendation": {
        "remove": {"en": "remove", "zh-TW": "移除"},
        "tighten": {"en": "tighten", "zh-TW": "限縮"},
        "document": {"en": "document", "zh-TW": "補充說明"},
        "investigate": {"en": "investigate", "zh-TW": "待查"},
        "keep": {"en": "keep", "zh-TW": "保留"},
    },
    "change": {
        "new": {"en": "new", "zh-TW": "新增"},
        "unchanged": {"en": "unchanged", "zh-TW": "未變更"},
        "changed": {"en": "changed", "zh-TW": "已變更"},
    },
    "yesno": {
        "yes": {"en": "yes", "zh-TW": "是"},
        "no": {"en": "no", "zh-TW": "否"},
    },
    "status": {  # checklist statuses
        "fail": {"en": "fail", "zh-TW": "不符合"},
        "pass": {"en": "pass", "zh-TW": "符合"},
        "needs-evidence": {"en": "needs evidence", "zh-TW": "需佐證"},
        "not-applicable": {"en": "not applicable", "zh-TW": "不適用"},
    },
}
VALUE_COLUMNS = {"action": "action", "risk": "risk", "recommendation": "recommendation", "change": "change",
                 "decision": "decision", "logging": "yesno", "enabled": "yesno", "remove_overdue": "yesno"}

# Words a reviewer may type instead of the drop-down's (other language, synonyms).
DECISION_SYNONYMS = {
    "keep": {"keep", "kept", "certify", "certified", "retain", "ok", "accept", "保留", "維持", "保持", "續用"},
    "modify": {"modify", "change", "tighten", "修改", "變更", "限縮", "調整"},
    "remove": {"remove", "delete", "decertify", "decertified", "disable", "移除", "刪除", "停用"},
    "investigate": {"investigate", "review", "check", "tbd", "pending", "待查", "調查", "待確認", "查核"},
}

TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "Annual firewall rule review (guideline articles 5.5 and 10.3)",
              "zh-TW": "防火牆規則年度審查表（指引第 5.5 條、第 10.3 條）"},
    "intro": {"en": "Every firewall rule and ACL entry of the devices in scope is listed on the Rules sheet, "
                    "pre-filled with netlint's findings and a recommendation. Reviewers fill the owner, business "
                    "justification, decision, ticket, reviewer and date of each rule; rules without a business "
                    "need are to be removed (article 10.3). The CISO approves the result below.",
              "zh-TW": "受檢設備之所有防火牆規則與 ACL 項目均列於「規則審查」工作表，並預先填入 netlint 檢測發現與建議處置。"
                       "審查人員應逐條填寫負責人、業務需求說明、審查決議、變更單號、審查人及日期；無業務需求之規則應予移除"
                       "（第 10.3 條）。審查結果由資安長核定如下。"},
    "organization": {"en": "Organisation", "zh-TW": "機構名稱"},
    "category": {"en": "Category (article 2)", "zh-TW": "機構級別（第 2 條）"},
    "category_value": {"en": "category {n}", "zh-TW": "第{n}級"},
    "not_stated": {"en": "not stated in the policy file", "zh-TW": "政策檔未載明"},
    "review_date": {"en": "Review date", "zh-TW": "審查日期"},
    "review_period": {"en": "Review period", "zh-TW": "審查期間"},
    "period_value": {"en": "{start} to {end}", "zh-TW": "{start} 至 {end}"},
    "first_review": {"en": "first review with netlint (up to {end})", "zh-TW": "首次以 netlint 審查（截至 {end}）"},
    "policy_file": {"en": "Policy file", "zh-TW": "政策檔"},
    "inferred": {"en": "none: zones inferred from the configs", "zh-TW": "無：區域由設定檔推論"},
    "previous_file": {"en": "Previous worksheet", "zh-TW": "上次審查表"},
    "generated": {"en": "Generated by", "zh-TW": "產生工具"},
    "scope": {"en": "Scope: devices and configuration files reviewed", "zh-TW": "審查範圍：受檢設備與設定檔"},
    "vendor": {"en": "Vendor", "zh-TW": "廠牌／平台"},
    "os_version": {"en": "OS version", "zh-TW": "作業系統版本"},
    "file": {"en": "File", "zh-TW": "檔案"},
    "config_date": {"en": "Config date", "zh-TW": "設定檔日期"},
    "sha256": {"en": "SHA-256 of the file", "zh-TW": "檔案 SHA-256"},
    "rules": {"en": "Rules", "zh-TW": "規則數"},
    "unknown": {"en": "unknown", "zh-TW": "不明"},
    "summary": {"en": "Summary", "zh-TW": "摘要"},
    "rules_total": {"en": "Rules reviewed", "zh-TW": "受檢規則數"},
    "rules_with_findings": {"en": "Rules with findings", "zh-TW": "有檢測發現之規則"},
    "recommended": {"en": "Recommended: {what}", "zh-TW": "建議{what}"},
    "findings_sev": {"en": "Findings, {sev}", "zh-TW": "檢測發現：{sev}"},
    "findings_accepted": {"en": "Findings accepted (suppressed with a reason)", "zh-TW": "已接受之發現（附理由抑制）"},
    "pending": {"en": "Decisions pending when generated", "zh-TW": "產生時尚待決議之規則"},
    "pending_live": {"en": "Decisions pending now (live count)", "zh-TW": "目前尚待決議（即時計算）"},
    "change_count": {"en": "Rules {what} since the previous review", "zh-TW": "上次審查後{what}之規則"},
    "removed_count": {"en": "Rules removed since the previous review", "zh-TW": "上次審查後已移除之規則"},
    "carried_count": {"en": "Decisions carried from the previous review (to confirm)",
                      "zh-TW": "沿用上次審查之決議（請確認）"},
    "overdue_count": {"en": "Decided 'remove' at the previous review, still present",
                      "zh-TW": "上次決議移除但仍存在之規則"},
    "checklist": {"en": "Guideline checklist (per article)", "zh-TW": "指引逐條檢核"},
    "article": {"en": "Article", "zh-TW": "條次"},
    "article_title": {"en": "Title", "zh-TW": "標題"},
    "status": {"en": "Status", "zh-TW": "狀態"},
    "findings_n": {"en": "Findings", "zh-TW": "發現數"},
    "note": {"en": "Note", "zh-TW": "說明"},
    "signoff": {"en": "Sign-off", "zh-TW": "簽核"},
    "signoff_statement": {"en": "We have reviewed every rule listed on the Rules sheet and recorded a decision for each.",
                          "zh-TW": "本人等已逐條審查「規則審查」工作表所列之全部規則，並記錄各規則之審查決議。"},
    "role": {"en": "Role", "zh-TW": "職責"},
    "name": {"en": "Name", "zh-TW": "姓名"},
    "job_title": {"en": "Title", "zh-TW": "職稱"},
    "date": {"en": "Date", "zh-TW": "日期"},
    "signature": {"en": "Signature", "zh-TW": "簽名"},
    "prepared": {"en": "Prepared by (IT staff, article 5.5)", "zh-TW": "製表（資訊人員，第 5.5 條）"},
    "reviewed": {"en": "Reviewed by", "zh-TW": "覆核"},
    "approved": {"en": "Approved by (CISO)", "zh-TW": "核定（資安長）"},
    "from_to": {"en": "from \\ to", "zh-TW": "來源 \\ 目的"},
    "matrix_title": {"en": "Permitted new connections between zones (rows: from, columns: to)",
                     "zh-TW": "區域間允許之新連線（列：來源，欄：目的）"},
    "legend_beyond": {"en": "red: permits more than the policy's allowed flows (article 10.2)",
                      "zh-TW": "紅色：超出政策核准流量（第 10.2 條）"},
    "legend_unfiltered": {"en": "orange: a path crosses no filter at all (article 5.3)",
                          "zh-TW": "橘色：路徑未經任何過濾（第 5.3 條）"},
    "beyond": {"en": "beyond policy: {s}", "zh-TW": "超出政策：{s}"},
    "unfiltered": {"en": "unfiltered path", "zh-TW": "未經過濾之路徑"},
    "nothing": {"en": "—", "zh-TW": "—"},
    "no_zones": {"en": "The policy defines no zones.", "zh-TW": "政策未定義區域。"},
    "matrix_detail": {"en": "Details", "zh-TW": "明細"},
    "from": {"en": "From", "zh-TW": "來源區域"},
    "to": {"en": "To", "zh-TW": "目的區域"},
    "permitted": {"en": "Permitted", "zh-TW": "允許之服務"},
    "allowed": {"en": "Policy allows", "zh-TW": "政策核准"},
    "beyond_h": {"en": "Beyond policy", "zh-TW": "超出政策"},
    "unfiltered_h": {"en": "Unfiltered path", "zh-TW": "未經過濾"},
    "severity": {"en": "Severity", "zh-TW": "嚴重度"},
    "rule_id": {"en": "Check", "zh-TW": "檢查項目"},
    "category_h": {"en": "Category", "zh-TW": "類別"},
    "articles": {"en": "Articles", "zh-TW": "條次"},
    "device": {"en": "Device", "zh-TW": "設備"},
    "line": {"en": "Line", "zh-TW": "行號"},
    "message": {"en": "Message", "zh-TW": "說明"},
    "fingerprint": {"en": "Finding fingerprint", "zh-TW": "發現指紋"},
    "rule_fp": {"en": "Rule fingerprint", "zh-TW": "規則指紋"},
    "suppressed": {"en": "Suppressed / why", "zh-TW": "抑制／理由"},
    "active": {"en": "active", "zh-TW": "有效"},
    "kind": {"en": "Kind", "zh-TW": "種類"},
    "object_name": {"en": "Name", "zh-TW": "名稱"},
    "object_state": {"en": "Problem", "zh-TW": "問題"},
    "unused": {"en": "unused", "zh-TW": "未使用"},
    "undefined": {"en": "undefined", "zh-TW": "未定義"},
    "used_where": {"en": "Used where", "zh-TW": "使用位置"},
    "none_removed": {"en": "No rule of the previous review is gone.", "zh-TW": "上次審查之規則均仍存在。"},
    "removed_intro": {"en": "Rules of the previous review ({date}) that no longer exist.",
                      "zh-TW": "上次審查（{date}）列出、本次已不存在之規則。"},
    "prev_decision": {"en": "Decision last review", "zh-TW": "上次審查決議"},
    "as_decided": {"en": "Removed as decided", "zh-TW": "依決議移除"},
    "prev_reviewer": {"en": "Reviewer last review", "zh-TW": "上次審查人"},
    # notes in the Rules sheet
    "carried": {"en": "carried from {date}", "zh-TW": "沿用 {date} 審查結果"},
    "by": {"en": " (reviewer {who})", "zh-TW": "（審查人 {who}）"},
    "was": {"en": "was: {rule}", "zh-TW": "原為：{rule}"},
    "matched": {"en": "same {how}", "zh-TW": "相同{how}"},
    "how_text": {"en": "config line", "zh-TW": "設定原文"},
    "how_name": {"en": "rule name", "zh-TW": "規則名稱"},
    "how_remark": {"en": "remark", "zh-TW": "備註"},
    "how_position": {"en": "position", "zh-TW": "順序"},
    "last_decision": {"en": "decision {date}: {d}", "zh-TW": "{date} 決議：{d}"},
    "last_justification": {"en": "justification: {j}", "zh-TW": "業務需求：{j}"},
    "attrs_changed": {"en": "now {what}", "zh-TW": "現為{what}"},
    "disabled": {"en": "disabled", "zh-TW": "停用"},
    "enabled_now": {"en": "enabled", "zh-TW": "啟用"},
    "the_previous": {"en": "the previous review", "zh-TW": "上次審查"},
    "self": {"en": "(the device itself)", "zh-TW": "（設備本身）"},
    "any": {"en": "any", "zh-TW": "any"},
    "accepted": {"en": "accepted", "zh-TW": "已接受"},
    "dv_title": {"en": "Decision", "zh-TW": "審查決議"},
    "dv_prompt": {"en": "keep, modify, remove or investigate", "zh-TW": "保留、修改、移除或待查"},
    "dv_error": {"en": "Choose one of the list: keep, modify, remove, investigate.",
                 "zh-TW": "請由清單選擇：保留、修改、移除、待查。"},
}


def text(key: str, lang: str, **kw: Any) -> str:
    words = TEXT[key]
    return (words.get(lang) or words["en"]).format(**kw)


def label(kind: str, value: str, lang: str) -> str:
    """The label of a language-neutral value; unknown values are shown as they are."""
    entry = VALUES.get(kind, {}).get(value)
    return entry.get(lang, entry["en"]) if entry else value


_REVERSE: dict[str, dict[str, str]] = {}
for _kind, _values in VALUES.items():
    _REVERSE[_kind] = {lab.casefold(): key for key, labs in _values.items() for lab in labs.values()}


def unlabel(kind: str, text_value: str) -> str:
    """The stable key of a label in either language (the text itself when unknown).
    An action cell may name a jump target after an arrow: "jump → VENDOR_IN"."""
    value = text_value.split("→")[0].strip()
    return _REVERSE.get(kind, {}).get(value.casefold(), value)


def decision_key(value: Any) -> str | None:
    """keep | modify | remove | investigate from a reviewer's cell, in either language,
    whatever the case; None when empty; the text itself when not recognisable."""
    s = _text(value).strip()
    if not s:
        return None
    folded = s.casefold().strip(" .!。")
    for key, words in DECISION_SYNONYMS.items():
        if folded in words:
            return key
    first = re.split(r"[\s,;:/（(，：、]+", folded, maxsplit=1)[0]
    for key, words in DECISION_SYNONYMS.items():
        if first in words:
            return key
    return s


# --------------------------------------------------------------------------- styles

def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="BFBFBF")
    return {
        "fill": lambda color: PatternFill("solid", start_color=color, end_color=color),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "center": Alignment(wrap_text=True, vertical="top", horizontal="center"),
        "Font": Font,
    }


FONT_NAME = {"en": "Calibri", "zh-TW": "Microsoft JhengHei"}
RISK_FILL = {"critical": "C00000", "high": "FF7C80", "medium": "FFD966", "low": "FFF2CC", "info": "DDEBF7"}
DECISION_FILL = {"keep": "C6EFCE", "modify": "FFEB9C", "remove": "FFC7CE", "investigate": "BDD7EE"}
HEADER_FILL = "1F4E78"
REVIEW_HEADER_FILL = "806000"
REVIEW_CELL_FILL = "FFFBEA"
STATUS_FILL = {"fail": "FFC7CE", "pass": "C6EFCE", "needs-evidence": "FFEB9C", "not-applicable": "EDEDED"}

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = _ILLEGAL.sub("?", value)
        if len(value) > MAX_CELL:
            value = value[:MAX_CELL] + "…"
    return value


class _Writer:
    """Cell helpers bound to one workbook and language."""

    def __init__(self, lang: str) -> None:
        from openpyxl.styles import Font

        self.lang = lang
        self.s = _styles()
        name = FONT_NAME[lang]
        self.font = Font(name=name, size=10)
        self.bold = Font(name=name, size=10, bold=True)
        self.header_font = Font(name=name, size=10, bold=True, color="FFFFFF")
        self.title_font = Font(name=name, size=14, bold=True)
        self.italic = Font(name=name, size=10, italic=True, color="375623")
        self.red_bold = Font(name=name, size=10, bold=True, color="9C0006")
        self._looks: dict[tuple, Any] = {}

    def put(self, ws, row: int, col: int, value: Any, *, font=None, fill: str | None = None, border: bool = True,
            align=None, fmt: str | None = None):
        cell = ws.cell(row=row, column=col, value=_clean(value))
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text, not a formula
        # Setting styles one attribute at a time hashes every style object for every
        # cell (most of the time on a large rule base): cells of one look share the
        # workbook's style indexes, set once and copied.
        key = (id(font), id(align), border, fill, fmt)
        cached = self._looks.get(key)
        if cached is not None:
            cell._style = copy(cached)
            return cell
        cell.font = font or self.font
        cell.alignment = align or self.s["wrap"]
        if border:
            cell.border = self.s["border"]
        if fill:
            cell.fill = self.s["fill"](fill)
        if fmt:
            cell.number_format = fmt
        self._looks[key] = copy(cell._style)
        return cell

    def formula(self, ws, row: int, col: int, formula: str):
        cell = ws.cell(row=row, column=col, value=formula)
        cell.font = self.bold
        cell.border = self.s["border"]
        cell.alignment = self.s["wrap"]
        return cell

    def header_row(self, ws, row: int, headers: list[str], fills: list[str] | None = None) -> None:
        for i, h in enumerate(headers, 1):
            self.put(ws, row, i, h, font=self.header_font, fill=(fills[i - 1] if fills else HEADER_FILL),
                     align=self.s["center"])

    def table_setup(self, ws, header_row: int, ncols: int, last_row: int, widths: list[float],
                    freeze: str | None = None, landscape: bool = True) -> None:
        from openpyxl.utils import get_column_letter

        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = freeze or f"A{header_row + 1}"
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(ncols)}{max(last_row, header_row)}"
        printable(ws, landscape=landscape, title_rows=f"{header_row}:{header_row}")


def printable(ws, landscape: bool = True, title_rows: str | None = None) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "&A — &P / &N"


# --------------------------------------------------------------------------- writing


def write_workbook(review, path: Path) -> None:
    """Write `review` (a netlint.review.Review) to `path` atomically: a failure leaves
    no half-written file behind."""
    from openpyxl import Workbook

    lang = review.lang
    w = _Writer(lang)
    wb = Workbook()
    cover = wb.active
    cover.title = SHEETS["cover"][lang]
    rules_ws = wb.create_sheet(SHEETS["rules"][lang])
    _write_rules(w, rules_ws, review)
    _write_cover(w, cover, review, rules_ws.title)
    _write_matrix(w, wb.create_sheet(SHEETS["matrix"][lang]), review)
    _write_findings(w, wb.create_sheet(SHEETS["findings"][lang]), review)
    _write_objects(w, wb.create_sheet(SHEETS["objects"][lang]), review)
    if review.previous is not None:
        _write_removed(w, wb.create_sheet(SHEETS["removed"][lang]), review)
    _write_meta(wb.create_sheet(SHEETS["meta"][lang]), review, rules_ws.title)
    wb.active = 0
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        wb.save(tmp)
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_meta(ws, review, rules_title: str) -> None:
    ws.sheet_state = "hidden"
    rows = [("format", FORMAT), ("tool", f"netlint {review.version}"), ("review_date", review.today.isoformat()),
            ("lang", review.lang), ("organization", review.organization or ""), ("rules_sheet", rules_title),
            ("rules", len(review.rows))]
    for i, (k, v) in enumerate(rows, 1):
        ws.cell(row=i, column=1, value=k)
        ws.cell(row=i, column=2, value=_clean(v))


def _write_cover(w: _Writer, ws, review, rules_title: str) -> None:
    from openpyxl.utils import get_column_letter

    lang = review.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    widths = [34, 16, 14, 30, 24, 68, 9]
    for i, wd in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = wd
    ws.cell(row=1, column=1, value=t("title")).font = w.title_font
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
    c = w.put(ws, 2, 1, t("intro"), border=False)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=7)
    ws.row_dimensions[2].height = 48
    c.alignment = w.s["wrap"]
    row = 4
    period = (t("period_value", start=review.previous.review_date, end=review.today.isoformat())
              if review.previous is not None and review.previous.review_date
              else t("first_review", end=review.today.isoformat()))
    info = [
        (t("organization"), review.organization or t("not_stated")),
        (t("category"), t("category_value", n=_category_word(review.category, lang)) if review.category
         else t("not_stated")),
        (t("review_date"), review.today),
        (t("review_period"), period),
        (t("policy_file"), review.policy_file or t("inferred")),
    ]
    if review.previous is not None:
        info.append((t("previous_file"), f"{review.previous.path.name}"
                     + (f" ({review.previous.review_date})" if review.previous.review_date else "")))
    info.append((t("generated"), f"netlint {review.version}"))
    for k, v in info:
        w.put(ws, row, 1, k, font=w.bold, fill="DDEBF7")
        cell = w.put(ws, row, 2, v, fmt="yyyy-mm-dd" if isinstance(v, date) else None,
                     align=w.s["wrap"])
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=7)
        cell.alignment = w.s["wrap"]
        row += 1

    row += 1
    w.put(ws, row, 1, t("scope"), font=w.bold, border=False)
    row += 1
    w.header_row(ws, row, [t("device"), t("vendor"), t("os_version"), t("file"), t("config_date"), t("sha256"),
                           t("rules")])
    row += 1
    for d in review.devices:
        vals = [d.name, d.vendor, d.os_version or t("unknown"), d.file, d.config_date or t("unknown"),
                d.sha256 or t("unknown"), d.rules]
        for i, v in enumerate(vals, 1):
            w.put(ws, row, i, v)
        row += 1

    row += 1
    w.put(ws, row, 1, t("summary"), font=w.bold, border=False)
    row += 1
    summary: list[tuple[str, Any]] = [(t("rules_total"), len(review.rows)),
                                      (t("rules_with_findings"), sum(1 for r in review.rows if r.findings))]
    for rec in ("remove", "tighten", "document", "investigate"):
        n = sum(1 for r in review.rows if r.recommendation == rec)
        summary.append((t("recommended", what=label("recommendation", rec, lang)), n))
    for sev in ("critical", "high", "medium", "low", "info"):
        summary.append((t("findings_sev", sev=label("risk", sev, lang)), review.severity_counts.get(sev, 0)))
    summary.append((t("findings_accepted"), review.accepted_count))
    if review.previous is not None:
        for ch in ("new", "changed", "unchanged"):
            summary.append((t("change_count", what=label("change", ch, lang)),
                            sum(1 for r in review.rows if r.change == ch)))
        summary.append((t("removed_count"), len(review.removed)))
        summary.append((t("carried_count"), sum(1 for r in review.rows if "decision" in r.carried)))
        summary.append((t("overdue_count"), sum(1 for r in review.rows if r.remove_overdue)))
    summary.append((t("pending"), sum(1 for r in review.rows if not r.decision)))
    for k, v in summary:
        w.put(ws, row, 1, k, fill="DDEBF7")
        bad = (k == t("overdue_count") and v) or (k == t("pending") and v)
        w.put(ws, row, 2, v, font=w.red_bold if bad else w.bold)
        row += 1
    # a live count: Excel/LibreOffice recompute it as the reviewers fill decisions in
    from openpyxl.utils import get_column_letter as col_letter

    dcol = col_letter(RULE_KEYS.index("decision") + 1)
    first, last = 3, max(3, len(review.rows) + 2)
    w.put(ws, row, 1, t("pending_live"), fill="DDEBF7")
    quoted = "'" + rules_title.replace("'", "''") + "'"
    w.formula(ws, row, 2, f"=COUNTBLANK({quoted}!${dcol}${first}:${dcol}${last})" if review.rows else "=0")
    row += 2

    w.put(ws, row, 1, t("checklist"), font=w.bold, border=False)
    row += 1
    w.header_row(ws, row, [t("article"), t("article_title"), t("status"), t("findings_n"), t("note")])
    ws.merge_cells(start_row=row, start_column=5, end_row=row, end_column=7)
    row += 1
    zh = lang == "zh-TW"
    for a in review.checklist:
        w.put(ws, row, 1, a.id)
        w.put(ws, row, 2, a.title_zh if zh and a.title_zh else a.title)
        w.put(ws, row, 3, label("status", a.status, lang), fill=STATUS_FILL.get(a.status))
        w.put(ws, row, 4, len(a.findings))
        w.put(ws, row, 5, (a.note_zh if zh and a.note_zh else a.note) or "")
        ws.merge_cells(start_row=row, start_column=5, end_row=row, end_column=7)
        row += 1

    row += 1
    w.put(ws, row, 1, t("signoff"), font=w.bold, border=False)
    row += 1
    w.put(ws, row, 1, t("signoff_statement"), border=False)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
    row += 1
    w.header_row(ws, row, [t("role"), t("name"), t("job_title"), t("date"), t("signature")])
    ws.merge_cells(start_row=row, start_column=5, end_row=row, end_column=7)
    row += 1
    for role in ("prepared", "reviewed", "approved"):
        w.put(ws, row, 1, t(role), font=w.bold)
        for col in range(2, 8):
            w.put(ws, row, col, None, fmt="yyyy-mm-dd" if col == 4 else None, fill=REVIEW_CELL_FILL)
        ws.merge_cells(start_row=row, start_column=5, end_row=row, end_column=7)
        ws.row_dimensions[row].height = 42
        row += 1
    printable(ws, landscape=False)


def _category_word(n: int, lang: str) -> str:
    if lang == "zh-TW":
        return {1: "一", 2: "二", 3: "三"}.get(n, str(n))
    return str(n)


def _rule_values(review, r) -> dict[str, Any]:
    lang = review.lang
    yes, no = label("yesno", "yes", lang), label("yesno", "no", lang)
    return {
        "device": r.device, "filter": r.filter, "position": r.position, "line": r.line, "name": r.name,
        "fingerprint": r.fingerprint,
        "action": label("action", r.action, lang) + (f" → {r.jump}" if r.jump else ""),
        "src_zones": r.src_zones, "dst_zones": r.dst_zones, "source": r.source, "destination": r.destination,
        "services": r.services, "schedule": r.schedule, "logging": yes if r.logging else no,
        "enabled": yes if r.enabled else no, "remark": r.remark, "config": r.config,
        "findings": r.findings_text, "risk": label("risk", r.risk, lang),
        "recommendation": label("recommendation", r.recommendation, lang),
        "change": label("change", r.change, lang) if r.change else "",
        "previous": r.previous_note, "remove_overdue": yes if r.remove_overdue else "",
        "owner": r.owner, "justification": r.justification,
        "decision": label("decision", r.decision, lang) if r.decision else None,
        "ticket": r.ticket, "reviewer": r.reviewer, "review_date": r.review_date, "comment": r.comment,
    }


def _write_rules(w: _Writer, ws, review) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = review.lang
    ncols = len(RULE_COLUMNS)
    # Row 1: the stable keys, hidden; row 2: the headers in the chosen language.
    for i, col in enumerate(RULE_COLUMNS, 1):
        ws.cell(row=1, column=i, value=col.key)
    ws.row_dimensions[1].hidden = True
    fills = [REVIEW_HEADER_FILL if c.group == "review" else ("375623" if c.group == "analysis" else HEADER_FILL)
             for c in RULE_COLUMNS]
    w.header_row(ws, 2, [c.header(lang) for c in RULE_COLUMNS], fills)
    ws.row_dimensions[2].height = 32
    row = 3
    for r in review.rows:
        vals = _rule_values(review, r)
        for i, col in enumerate(RULE_COLUMNS, 1):
            v = vals[col.key]
            font = w.italic if col.key in r.carried else None
            fill = REVIEW_CELL_FILL if col.group == "review" else None
            w.put(ws, row, i, v if v != "" else None, font=font, fill=fill,
                  fmt="yyyy-mm-dd" if col.key == "review_date" else ("@" if col.key == "fingerprint" else None))
        row += 1
    last = max(row - 1, 3)
    ws.row_dimensions[1].hidden = True
    col_of = {c.key: get_column_letter(i) for i, c in enumerate(RULE_COLUMNS, 1)}

    # the decision drop-down, in the chosen language
    labels = [label("decision", d, lang) for d in DECISIONS]
    dv = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True,
                        showDropDown=False, showErrorMessage=True, showInputMessage=True,
                        errorTitle=text("dv_title", lang), error=text("dv_error", lang),
                        promptTitle=text("dv_title", lang), prompt=text("dv_prompt", lang))
    dv.add(f"{col_of['decision']}3:{col_of['decision']}{last}")
    ws.add_data_validation(dv)
    date_dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
    date_dv.add(f"{col_of['review_date']}3:{col_of['review_date']}{last}")
    ws.add_data_validation(date_dv)

    # colours: risk level, decision, change, overdue removal
    def fill_rule(column: str, value: str, color: str, bold: bool = False) -> None:
        from openpyxl.styles import Font

        rng = f"{col_of[column]}3:{col_of[column]}{last}"
        ws.conditional_formatting.add(rng, CellIsRule(operator="equal", formula=['"' + value + '"'],
                                                      fill=w.s["fill"](color),
                                                      font=Font(bold=True) if bold else None))

    for sev, color in RISK_FILL.items():
        fill_rule("risk", label("risk", sev, lang), color, bold=sev in ("critical", "high"))
    for dec, color in DECISION_FILL.items():
        fill_rule("decision", label("decision", dec, lang), color)
    fill_rule("recommendation", label("recommendation", "remove", lang), "FFC7CE")
    fill_rule("recommendation", label("recommendation", "tighten", lang), "FFEB9C")
    fill_rule("change", label("change", "new", lang), "BDD7EE")
    fill_rule("change", label("change", "changed", lang), "F8CBAD")
    fill_rule("remove_overdue", label("yesno", "yes", lang), "FF7C80", bold=True)
    w.table_setup(ws, 2, ncols, last, [c.width for c in RULE_COLUMNS], freeze="D3")


def _write_matrix(w: _Writer, ws, review) -> None:
    from openpyxl.utils import get_column_letter

    lang = review.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    zones = review.zones
    ws.cell(row=1, column=1, value=t("matrix_title")).font = w.title_font
    w.put(ws, 2, 1, t("legend_beyond"), fill="FFC7CE", border=False)
    w.put(ws, 3, 1, t("legend_unfiltered"), fill="F8CBAD", border=False)
    for r in (1, 2, 3):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=max(4, len(zones) + 1))
    if not zones:
        w.put(ws, 5, 1, t("no_zones"), border=False)
        printable(ws)
        return
    hdr = 5
    w.header_row(ws, hdr, [t("from_to")] + list(zones))
    cells = {(c.src, c.dst): c for c in review.matrix}
    for i, src in enumerate(zones):
        row = hdr + 1 + i
        w.put(ws, row, 1, src, font=w.header_font, fill=HEADER_FILL)
        for j, dst in enumerate(zones):
            col = 2 + j
            if src == dst:
                w.put(ws, row, col, t("nothing"), fill="D9D9D9", align=w.s["center"])
                continue
            c = cells.get((src, dst))
            if c is None:
                w.put(ws, row, col, None)
                continue
            parts = [", ".join(c.services)]
            if c.beyond_policy:
                parts.append(t("beyond", s=", ".join(c.beyond_policy)))
            if c.unfiltered:
                parts.append(t("unfiltered"))
            fill = "FFC7CE" if c.beyond_policy else ("F8CBAD" if c.unfiltered else "E2EFDA")
            if c.beyond_policy and c.unfiltered:
                fill = "FF7C80"
            w.put(ws, row, col, "\n".join(parts), fill=fill)
    ws.column_dimensions["A"].width = 16
    for j in range(len(zones)):
        ws.column_dimensions[get_column_letter(2 + j)].width = 24
    ws.freeze_panes = ws.cell(row=hdr + 1, column=2)

    row = hdr + len(zones) + 3
    w.put(ws, row, 1, t("matrix_detail"), font=w.bold, border=False)
    row += 1
    w.header_row(ws, row, [t("from"), t("to"), t("permitted"), t("allowed"), t("beyond_h"), t("unfiltered_h")])
    row += 1
    yes = label("yesno", "yes", lang)
    for c in review.matrix:
        vals = [c.src, c.dst, ", ".join(c.services), ", ".join(c.allowed), ", ".join(c.beyond_policy),
                yes if c.unfiltered else ""]
        fill = "FFC7CE" if c.beyond_policy else ("F8CBAD" if c.unfiltered else None)
        for k, v in enumerate(vals, 1):
            w.put(ws, row, k, v, fill=fill if k in (5, 6) and v else None)
        row += 1
    printable(ws, title_rows=f"{hdr}:{hdr}")


def _write_findings(w: _Writer, ws, review) -> None:
    lang = review.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    headers = [t("severity"), t("rule_id"), t("category_h"), t("articles"), t("device"), t("file"), t("line"),
               t("message"), t("fingerprint"), t("rule_fp"), t("suppressed")]
    w.header_row(ws, 1, headers)
    row = 2
    for f in review.findings:
        status = t("active")
        if f.suppressed:
            why = f.suppressed.get("reason") or ""
            who = f.suppressed.get("approved_by")
            status = f"{f.suppressed.get('kind', '')}: {why}" + (f" ({who})" if who else "")
        vals = [label("risk", f.severity, lang), f.rule_id, f.category, ", ".join(f.articles), f.device, f.file,
                f.line, f.text(lang), f.fingerprint, "\n".join(review.finding_rules.get(f.fingerprint, [])), status]
        for k, v in enumerate(vals, 1):
            fill = RISK_FILL.get(f.severity) if k == 1 and not f.suppressed else None
            w.put(ws, row, k, v, fill=fill)
        row += 1
    w.table_setup(ws, 1, len(headers), row - 1, [9, 8, 18, 12, 12, 22, 7, 70, 22, 19, 26])


def _write_objects(w: _Writer, ws, review) -> None:
    lang = review.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    headers = [t("device"), t("object_state"), t("kind"), t("object_name"), t("file"), t("line"), t("used_where"),
               t("rule_id"), t("message"), t("fingerprint"), t("suppressed")]
    w.header_row(ws, 1, headers)
    row = 2
    for f in review.objects:
        ev = f.evidence if isinstance(f.evidence, dict) else {}
        state = t("unused") if f.rule_id == "NL120" else t("undefined")
        status = t("active")
        if f.suppressed:
            status = f"{f.suppressed.get('kind', '')}: {f.suppressed.get('reason') or ''}"
        vals = [f.device, state, ev.get("kind", ""), ev.get("name", ""), f.file, f.line, ev.get("context", ""),
                f.rule_id, f.text(lang), f.fingerprint, status]
        for k, v in enumerate(vals, 1):
            w.put(ws, row, k, v, fill=("FFC7CE" if f.rule_id == "NL121" else "FFF2CC") if k == 2 else None)
        row += 1
    w.table_setup(ws, 1, len(headers), row - 1, [12, 10, 15, 24, 22, 7, 24, 8, 60, 22, 20])


def _write_removed(w: _Writer, ws, review) -> None:
    lang = review.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    prev = review.previous
    w.put(ws, 1, 1, t("removed_intro", date=prev.review_date or t("the_previous")), font=w.bold, border=False)
    keys = ["device", "filter", "position", "line", "name", "fingerprint", "action", "source", "destination",
            "services", "remark", "owner", "justification"]
    cols = {c.key: c for c in RULE_COLUMNS}
    headers = [cols[k].header(lang) for k in keys] + [t("prev_decision"), t("prev_reviewer"), t("as_decided")]
    w.header_row(ws, 2, headers)
    row = 3
    if not review.removed:
        w.put(ws, row, 1, t("none_removed"), border=False)
        row += 1
    yes, no = label("yesno", "yes", lang), label("yesno", "no", lang)
    for p in review.removed:
        vals = [p.get(k) for k in keys]
        vals[keys.index("action")] = label("action", unlabel("action", _text(p.get("action"))), lang) or None
        dec = p.decision
        vals += [label("decision", dec, lang) if dec else None, p.get("reviewer"),
                 (yes if dec == "remove" else no) if dec else None]
        for k, v in enumerate(vals, 1):
            w.put(ws, row, k, v)
        row += 1
    widths = [cols[k].width for k in keys] + [12, 14, 10]
    w.table_setup(ws, 2, len(headers), row - 1, widths)


# --------------------------------------------------------------------------- reading


@dataclass
class PreviousRule:
    """One row of last year's Rules sheet: `values` by stable key (strings, or ints
    for position/line), `decision` a stable key (or the reviewer's text)."""

    values: dict[str, Any]
    decision: str | None
    row: int

    def get(self, key: str, default: Any = "") -> Any:
        v = self.values.get(key)
        return default if v is None or v == "" else v


@dataclass
class PreviousReview:
    path: Path
    review_date: str | None  # YYYY-MM-DD
    lang: str | None
    rules: list[PreviousRule] = field(default_factory=list)


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == datetime.min.time() else v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _norm_header(v: Any) -> str:
    return re.sub(r"\s+", "", _text(v)).casefold()


_HEADER_KEYS: dict[str, str] = {}
for _c in RULE_COLUMNS:
    _HEADER_KEYS[_norm_header(_c.en)] = _c.key
    _HEADER_KEYS[_norm_header(_c.zh)] = _c.key


def _find_header(ws, scan_rows: int = 30) -> tuple[int, dict[str, int]] | None:
    """The row naming the columns (stable keys first, else visible headers in either
    language) and the column of each key; None when the sheet has no rule table (a
    fingerprint, device and filter column, and a decision or position column)."""
    best = None
    for r_idx, row in enumerate(ws.iter_rows(min_row=1, max_row=scan_rows, values_only=True), 1):
        by_key: dict[str, int] = {}
        by_header: dict[str, int] = {}
        for c_idx, v in enumerate(row, 1):
            s = _text(v)
            if s in RULE_KEYS and s not in by_key:
                by_key[s] = c_idx
            k = _HEADER_KEYS.get(_norm_header(v))
            if k and k not in by_header:
                by_header[k] = c_idx
        for found in (by_key, by_header):
            if {"fingerprint", "device", "filter"} <= set(found) and ("decision" in found or "position" in found):
                if best is None or len(found) > len(best[1]):
                    best = (r_idx, found)
        if best is not None and len(best[1]) >= len(RULE_KEYS) - 2:
            break
    return best


def read_previous(path: Path) -> PreviousReview:
    """Last year's worksheet. Raises ValueError("FILE: message") when the file is no
    workbook or has no Rules sheet this module can recognise."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    try:
        wb = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile) and not path.is_file():
            raise ValueError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        raise ValueError(f"{path}: not an .xlsx workbook (save last year's worksheet as .xlsx)") from None
    except InvalidFileException:
        raise ValueError(f"{path}: not an .xlsx workbook (save last year's worksheet as .xlsx)") from None
    except Exception as exc:  # XML errors of a damaged file
        raise ValueError(f"{path}: not a readable .xlsx workbook (damaged: {type(exc).__name__})") from None
    try:
        meta = _read_meta(wb)
        candidates = []
        titles = {SHEETS["rules"][lang] for lang in LANGS}
        if meta.get("rules_sheet"):
            titles.add(str(meta["rules_sheet"]))
        removed_titles = {SHEETS["removed"][lang] for lang in LANGS}
        for ws in wb.worksheets:
            if ws.title in removed_titles:
                continue
            found = _find_header(ws)
            if found is None:
                continue
            candidates.append((ws.title in titles, "decision" in found[1], len(found[1]), ws, found))
        if not candidates:
            names = ", ".join(f"'{ws.title}'" for ws in wb.worksheets) or "none"
            raise ValueError(f"{path}: no Rules sheet with a rule-fingerprint column (sheets: {names}); "
                             "not a netlint review worksheet")
        candidates.sort(key=lambda c: (c[0], c[1], c[2]), reverse=True)
        _, _, _, ws, (header_row, cols) = candidates[0]
        review_date = _date_text(meta.get("review_date"))
        prev = PreviousReview(path, review_date, str(meta.get("lang")) if meta.get("lang") else None)
        seen: set[str] = set()
        for r_idx, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
            def cell(key: str) -> Any:
                c = cols.get(key)
                return row[c - 1] if c is not None and c - 1 < len(row) else None

            fp = _text(cell("fingerprint"))
            if not re.fullmatch(r"[0-9a-fA-F]{8,64}", fp):
                continue  # a blank, comment or summary row someone added
            fp = fp.lower()
            values: dict[str, Any] = {}
            for key in cols:
                v = cell(key)
                if key in ("position", "line"):
                    try:
                        values[key] = int(float(_text(v))) if _text(v) else None
                    except ValueError:
                        values[key] = None
                elif key == "review_date":
                    values[key] = _date_text(v)
                else:
                    values[key] = _text(v)
            values["fingerprint"] = fp
            rule = PreviousRule(values, decision_key(cell("decision")), r_idx)
            if fp in seen:
                # a duplicated row: keep the one with a decision
                old = next(p for p in prev.rules if p.values["fingerprint"] == fp)
                if old.decision or not rule.decision:
                    continue
                prev.rules.remove(old)
            seen.add(fp)
            prev.rules.append(rule)
        return prev
    finally:
        wb.close()


def _read_meta(wb) -> dict[str, Any]:
    for ws in wb.worksheets:
        if ws.title in {SHEETS["meta"][lang] for lang in LANGS}:
            out = {}
            for row in ws.iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
                if row and row[0]:
                    out[str(row[0]).strip()] = row[1] if len(row) > 1 else None
            fmt = out.get("format")
            if isinstance(fmt, str) and fmt.startswith("netlint-review/"):
                return out
    return {}


def _date_text(v: Any) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, (datetime, date)):
        return _text(v)
    s = _text(v)
    m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return s
    return s
