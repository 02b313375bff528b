"""The HTML report: one self-contained page (nothing fetched when opened), complete
(every device, finding, checklist article, zone), in both languages, escaped, and with
no secret of the configs in it (excerpts go through netlint.report.redaction)."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES
from netlint.findings import Finding, LintResult

SAMPLE = [FIXTURES / n for n in ("core-fw.cfg", "core-sw.cfg", "edge-fw.conf", "exch-fw.conf", "lab-gw.rules")]
POLICY = FIXTURES / "policy.yaml"
TODAY = "2026-01-15"
SVG_NS = "http://www.w3.org/2000/svg"
REASON = "CHG-2025-0042 migration, ends 2026-03"

# Every secret of the sample network's configs (see the fixtures), and pieces of the
# long ones, so that a partial leak shows too.
SECRETS = [
    "Ex4mpleCore!",  # core-sw: enable password (clear text)
    "0835495D1D0A1A0F1F",  # core-sw: username admin password 7
    "$sha512$5000$Q2hhbmdlTWVQbGVhc2U=$bm90IGEgcmVhbCBoYXNo", "Q2hhbmdlTWVQbGVhc2U", "bm90IGEgcmVhbCBoYXNo",  # core-fw enable
    "kF3r9QxLm2TzP0aB",  # core-fw: username admin password ... encrypted
    "SH2kq7Vt0mXcN3pLr8Ws1Yz4Qa6Hb9Jd2Ef5Gh0Ik3Lm7No1Pq4Rs8Tu2Vw6Xy9Za3Bc5De=", "SH2kq7Vt0mXcN3pLr8",  # edge-fw ENC
    "SH2Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7Az6By5Cx4Dw3Ev2Fu1Gt0Hs9Ir8=", "SH2Zx8Yw7Vu6Ts5Rq4",
    "$6$kq3Lr0Tz$", "Vh1mE8yQ2cN5pW7aX0bR4sD6fG9jK1lZ3",  # exch-fw: root-authentication
    "$6$Jd8sK2pQ$", "4mN7bV1cX9zL3kJ5hG8fD2sA6qW0eR4tY7",  # exch-fw: admin
    "$6$Qw3eR5tY$", "7uI9oP1aS3dF5gH7jK9lZ1xC3vB5nM7qW9",  # exch-fw: second user
    "$9$Hk5FCtOBIcyKvLxNdsYgJGDikP5z3nCtu1RhSrlMX7-dbwgoJ", "Hk5FCtOBIcyKvLxNdsYg",  # exch-fw: TACACS+ secret
    "Xs3c-mon1tor-7Qp",  # exch-fw: SNMP community
]

_CACHE: dict[str, str] = {}


@pytest.fixture
def report(cli, tmp_path_factory):
    """The sample network's report through the CLI, once per language (or json)."""

    def get(lang: str = "en") -> str:
        if lang not in _CACHE:
            if lang == "json":
                code, out, err = cli("lint", *SAMPLE, "--policy", POLICY, "--today", TODAY, "--format", "json")
                assert code == 1, err
                _CACHE[lang] = out
            else:
                target = tmp_path_factory.mktemp("html") / "r.html"
                code, out, err = cli("lint", *SAMPLE, "--policy", POLICY, "--today", TODAY, "--format", "html",
                                     "--lang", lang, "--output", target)
                assert code == 1, err
                assert out == ""
                _CACHE[lang] = target.read_text(encoding="utf-8")
        return _CACHE[lang]

    return get


class _Fetches(HTMLParser):
    """Everything in a page that a browser could load: URL-valued attributes, url(...)
    in style sheets and style attributes, @import, and the tags that load things."""

    URL_ATTRS = {"src", "href", "xlink:href", "action", "formaction", "srcset", "poster", "data", "background",
                 "ping", "manifest", "cite", "longdesc", "icon", "codebase", "archive", "lowsrc", "dynsrc"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.namespaces: list[str] = []
        self.tags: list[str] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            value = value or ""
            if name in self.URL_ATTRS:
                self.urls.append((tag, name, value))
            elif name == "xmlns" or name.startswith("xmlns:"):
                self.namespaces.append(value)
            elif name == "style":
                self.styles.append(value)
            elif name == "content" and "url=" in value.lower():
                self.urls.append((tag, name, value))
            elif "://" in value and name not in ("title", "data-search", "data-template", "placeholder"):
                self.urls.append((tag, name, value))
        self._in = tag if tag in ("style", "script") else None

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.styles.append(data)
        elif self._in == "script":
            self.scripts.append(data)


def fetches(page: str) -> _Fetches:
    parser = _Fetches()
    parser.feed(page)
    parser.close()
    return parser


def local(value: str) -> bool:
    value = value.strip().strip("'\"")
    return value == "" or value.startswith("#") or value.lower().startswith("data:")


def active_findings(report) -> list[dict]:
    return [f for f in json.loads(report("json"))["findings"] if not f.get("suppressed")]


def card(page: str, fingerprint: str) -> str:
    match = re.search(rf'<article class="finding[^"]*" id="f-{fingerprint}".*?</article>', page, re.S)
    assert match, fingerprint
    return match.group(0)


# --------------------------------------------------------------------------- self-contained


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_the_page_fetches_nothing(report, lang):
    page = report(lang)
    assert page.startswith("<!DOCTYPE html>")
    found = fetches(page)
    assert not [u for u in found.urls if not local(u[2])]
    # the only namespace is the SVG one, an identifier, not a fetch
    assert found.namespaces and set(found.namespaces) == {SVG_NS}
    css = "\n".join(found.styles)
    assert "<style>" in page and css.strip()
    assert not [u for u in re.findall(r"url\(\s*([^)]*)\)", css, re.I) if not local(u)]
    assert not [u for u in re.findall(r"url\(\s*([^)]*)\)", page, re.I) if not local(u)]
    assert "@import" not in css and "@font-face" not in css
    for tag in ("link", "iframe", "object", "embed", "img", "base", "audio", "video", "source", "frame"):
        assert tag not in found.tags, tag
    assert 'src=' not in page.split("<script>", 1)[0].lower().replace("data-src", "")
    assert found.scripts and all("fetch(" not in s and "XMLHttpRequest" not in s and "import(" not in s
                                 for s in found.scripts)


def test_the_fetch_check_catches_external_references():
    bad = ('<link rel="stylesheet" href="https://cdn.example/x.css"><img src="//example.com/a.png">'
           '<div style="background:url(http://example.com/b.png)"></div>')
    found = fetches(bad)
    assert len([u for u in found.urls if not local(u[2])]) == 2
    assert "link" in found.tags
    assert [u for u in re.findall(r"url\(\s*([^)]*)\)", bad) if not local(u)]


# --------------------------------------------------------------------------- complete


def test_every_device_finding_and_line_is_in_the_page(report):
    page = report("en")
    devices = json.loads(report("json"))["devices"]
    assert len(devices) == 5
    for d in devices:
        assert f'data-device="{d["name"]}"' in page
        assert f'id="dev-{d["name"]}"' in page
        if d["os_version"]:
            assert d["os_version"] in page
    findings = active_findings(report)
    assert len(findings) > 50
    for f in findings:
        block = card(page, f["fingerprint"])
        assert f">{f['rule_id']}<" in block
        assert f"{f['file']}:{f['line']}" in block
        assert f'data-sev="{f["severity"]}"' in block
    assert page.count('<article class="finding') == len(findings)


def test_header_and_summary(report):
    page = report("en")
    # the policy's organization names the page
    from netlint.policy import load_policy

    assert load_policy(POLICY).organization in page.split("</h1>", 1)[0]
    assert "Example Securities Co., Ltd." in page
    assert "Category 1 firm" in page
    assert str(POLICY) in page
    assert "netlint version" in page and "0.1.0" in page.split("</header>")[0]
    assert "5 devices, 5 files" in page
    counts = json.loads(report("json"))["summary"]["findings"]
    for sev, n in counts.items():
        assert re.search(rf'class="card sev-card sev-{sev}[^"]*"[^>]*><span class="num">{n}</span>', page), sev
    for name in ("Cisco ASA", "Fortinet FortiOS", "Juniper Junos", "Linux iptables", "19.4R3-S2.1"):
        assert name in page


def test_the_excerpt_shows_three_lines_around_the_offending_ones(report):
    page = report("en")
    findings = active_findings(report)
    lines = {p: p.read_text().splitlines() for p in SAMPLE}
    checked = 0
    for f in findings:
        block = card(page, f["fingerprint"])
        rows = re.findall(r'<tr( class="hit")?><td class="ln">(\d+)</td>', block)
        numbers = [int(n) for _, n in rows]
        hits = [int(n) for hit, n in rows if hit]
        n_lines = len(lines[Path(f["file"])])
        assert hits == list(range(f["line"], f["end_line"] + 1))
        assert numbers[0] == max(1, f["line"] - 3) and numbers[-1] == min(n_lines, f["end_line"] + 3)
        checked += 1
    assert checked == len(findings)
    # the RDP rule of core-fw (line 98) with its neighbours, monospace, line numbers
    rdp = next(f for f in findings if f["rule_id"] == "NL503" and f["file"].endswith("core-fw.cfg") and f["line"] == 98)
    block = card(page, rdp["fingerprint"])
    assert '<tr class="hit"><td class="ln">98</td><td class="src">access-list OUTSIDE_IN extended permit tcp any ' \
           'object DMZ-ORDER-GW eq 3389</td></tr>' in block
    assert '<td class="ln">95</td>' in block and '<td class="ln">101</td>' in block


def test_the_checklist_is_in_the_page(report):
    page = report("en")
    checklist = json.loads(report("json"))["checklist"]
    assert len(checklist) > 30
    labels = {"fail": "Fail", "pass": "Pass", "needs-evidence": "Needs evidence", "not-applicable": "Not applicable"}
    for a in checklist:
        row = re.search(rf'<tr id="art-{re.escape(a["article"])}"[^>]*>.*?</tr>', page, re.S)
        assert row, a["article"]
        assert f'data-status="{a["status"]}"' in row.group(0)
        assert f'<span class="status st-{a["status"]}">{labels[a["status"]]}</span>' in row.group(0)
        assert a["title"] in row.group(0)
        for fp in a["findings"]:
            assert f'href="#f-{fp}"' in row.group(0)


def test_the_zone_graph_and_matrix(report):
    page = report("en")
    graph = page.split('<section id="graph">', 1)[1].split("</section>", 1)[0]
    assert graph.count("<svg") == 2 and 'class="topology"' in graph and 'class="flows"' in graph
    matrix = page.split('<section id="matrix">', 1)[1].split("</section>", 1)[0]
    assert '<table class="matrix">' in matrix
    zones = ["internet", "dmz", "prod", "uat", "users", "mgmt", "exchange", "vendor-lab"]
    for z in zones:
        assert f"</i>{z}<small>" in matrix
        assert f">{z}</text>" in graph
    rows = re.findall(r"<tr><th class=\"zone-r\">", matrix)
    assert len(rows) == len(zones)
    # internet -> dmz permits RDP beyond the policy: red, the service in bold
    cell = re.search(r'<td class="mx (\w+)"[^>]*data-from="internet" data-to="dmz">(.*?)</td>', matrix).groups()
    assert cell[0] == "bad" and '<span class="svc beyond">tcp/3389</span>' in cell[1]
    # dmz -> prod only the approved database port: green
    cell = re.search(r'<td class="mx (\w+)"[^>]*data-from="dmz" data-to="prod">(.*?)</td>', matrix).groups()
    assert cell[0] == "ok" and "tcp/1521" in cell[1]
    # a path crossing no filter is flagged
    assert re.search(r'<td class="mx bad"[^>]*data-from="prod" data-to="uat"><span class="flag">unfiltered</span>', matrix)


def test_rule_descriptions_of_the_checks_that_fired(report):
    page = report("en")
    fired = {f["rule_id"] for f in active_findings(report)}
    rules = page.split('<section id="rules">', 1)[1].split("</section>", 1)[0]
    assert set(re.findall(r'<article class="rule" id="rule-(NL\d+)">', rules)) == fired
    nl101 = re.search(r'<article class="rule" id="rule-NL101">.*?</article>', rules, re.S).group(0)
    for heading in ("What it checks", "Why it matters", "How to fix"):
        assert heading in nl101
    assert "<code>permit ip any any</code>" in nl101


# --------------------------------------------------------------------------- languages


def test_both_languages(report):
    en, zh = report("en"), report("zh-TW")
    assert '<html lang="en">' in en and '<html lang="zh-TW">' in zh
    headings = [[h.strip() for h in re.findall(r"<h2>([^<]*)", page)] for page in (en, zh)]
    assert headings[0] == ["Summary", "Guideline checklist", "Findings by device", "Zone graph", "Zone matrix",
                           "Suppressed findings", "Checks that fired"]
    assert headings[1] == ["摘要", "指引逐條檢核", "各設備發現事項", "網路區域圖", "區域流量矩陣", "已抑制的發現",
                           "本次觸發的檢查項目"]
    # the page's own words are all translated (the checks' descriptions come in English
    # from the checks)
    zh_text = re.sub(r'<style>.*?</style>|<script>.*?</script>|<section id="rules">.*?</section>', "",
                     zh, flags=re.S)
    # the pictures' labels too
    zh_graph = zh.split('<section id="graph">', 1)[1].split("</section>", 1)[0]
    assert "未過濾：" in zh_graph and "允許 tcp/22" in zh_graph
    for text in ("UNFILTERED", "permitted", "the policy allows", "attaches to"):
        assert text in en and text not in zh_graph, text
    for text in ("Guideline checklist", "Findings by device", "Severity", "Evidence", "Not applicable", "Needs evidence"):
        assert text in en and text not in zh_text, text
    for text in ("網路設備安全設定檢查報告", "指引逐條檢核", "各設備發現事項", "區域流量矩陣", "已抑制的發現", "第 1 級",
                 "不符合", "需佐證"):
        assert text in zh and text not in en
    assert '<span class="badge sev-high">高</span>' in zh and '<span class="badge sev-high">High</span>' in en
    # article titles from the checklist, messages in the language asked for
    assert "最小權限" in zh or "網路區域劃分" in zh
    assert "Zone segmentation" in en
    from netlint.checklist import articles

    for art in articles():
        assert art["title_zh"] in zh.replace("&amp;", "&")
    zh_messages = [f for f in json.loads(report("json"))["findings"]]
    assert zh_messages  # English messages are in the English page
    assert all(f["message"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
               .replace("'", "&#x27;") in en for f in zh_messages)


# --------------------------------------------------------------------------- secrets


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_no_secret_of_the_fixtures_in_the_page(report, lang):
    page = report(lang)
    for secret in SECRETS:
        assert secret not in page, secret
    # every value Junos marks as secret data
    for path in SAMPLE:
        for line in path.read_text().splitlines():
            m = re.search(r'"([^"]+)";\s*## SECRET-DATA', line)
            if m:
                assert m.group(1) not in page
    # the lines are there, with their secret replaced
    assert "enable password &lt;redacted&gt;" in page.replace('<span class="redacted">', "").replace("</span>", "")
    assert "encrypted-password" in page


def test_the_secrets_list_matches_the_fixtures():
    text = "\n".join(p.read_text() for p in SAMPLE)
    for secret in SECRETS:
        assert secret in text, secret


# --------------------------------------------------------------------------- redaction


@pytest.mark.parametrize("line, expected", [
    ("enable password Ex4mpleCore!", "enable password <redacted>"),
    ("enable secret 5 $1$abcd$efgh", "enable secret 5 <redacted>"),
    ("username admin privilege 15 password 7 0835495D1D0A1A0F1F", "username admin privilege 15 password 7 <redacted>"),
    ("username admin password kF3r9QxLm2TzP0aB encrypted privilege 15",
     "username admin password <redacted> encrypted privilege 15"),
    ("username admin secret sha512 $6$abc$def", "username admin secret sha512 <redacted>"),
    ("    set password ENC SH2kq7Vt0mXc=", "    set password <redacted>"),
    ("    set psksecret ENC abc==", "    set psksecret <redacted>"),
    ("    set passwd plain", "    set passwd <redacted>"),
    ('        encrypted-password "$6$kq3$Vh1m"; ## SECRET-DATA', '        encrypted-password "<redacted>"; ## SECRET-DATA'),
    ('        10.99.0.30 secret "$9$Hk5FCtOB"; ## SECRET-DATA', '        10.99.0.30 secret "<redacted>"; ## SECRET-DATA'),
    ("    community Xs3c-mon1tor-7Qp {", "    community <redacted> {"),
    ("snmp-server community public RO", "snmp-server community public RO"),
    ("snmp-server community s3cr3t RO 10", "snmp-server community <redacted> RO 10"),
    ("snmp-server host 10.1.1.1 version 2c HOSTCOMM", "snmp-server host 10.1.1.1 version 2c <redacted>"),
    ("snmp-server user u g v3 auth sha AUTHP priv aes 128 PRIVP",
     "snmp-server user u g v3 auth sha <redacted> priv aes 128 <redacted>"),
    (" ip ospf message-digest-key 1 md5 OSPFKEY", " ip ospf message-digest-key 1 md5 <redacted>"),
    ("ntp authentication-key 1 md5 NTPKEY 7", "ntp authentication-key 1 md5 <redacted> 7"),
    ("tacacs-server key 7 TACKEY", "tacacs-server key 7 <redacted>"),
    (" key-string 7 KEYSTR", " key-string 7 <redacted>"),
    (" ikev1 pre-shared-key PSK123", " ikev1 pre-shared-key <redacted>"),
    ("        <phash>$1$xyz$abc</phash>", "        <phash><redacted></phash>"),
    ("  <key>-AQ==abcdef</key>", "  <key><redacted></key>"),
    ("set mgt-config users admin phash $1$xyz$abc", "set mgt-config users admin phash <redacted>"),
    ("radius-server host 1 key 0 s3cret", "radius-server host 1 key 0 <redacted>"),
    # keywords and commands stay
    ("no service password-encryption", "no service password-encryption"),
    ("ssh key-exchange group dh-group14-sha1", "ssh key-exchange group dh-group14-sha1"),
    ("crypto key generate rsa modulus 2048", "crypto key generate rsa modulus 2048"),
    ("    authentication-order [ tacplus password ];", "    authentication-order [ tacplus password ];"),
    ("access-list OUTSIDE_IN extended permit tcp any any eq 443", "access-list OUTSIDE_IN extended permit tcp any any eq 443"),
])
def test_redact_line(line, expected):
    from netlint.report.redaction import redact_line

    assert redact_line(line) == expected


def test_redact_lines_with_context():
    from netlint.report.redaction import redact_lines

    fortios = ['config system snmp community', '    edit 1', '        set name "public"', '    next', '    edit 2',
               '        set name "n0c-ro"', '        config hosts', '            edit 1', '                set name "h"',
               '            next', '        end', '    next', 'end', 'config firewall address', '    edit 1',
               '        set name "web"', '    next', 'end']
    out = redact_lines(fortios)
    assert out[2] == '        set name "public"' and out[5] == "        set name <redacted>"
    assert out[8] == '                set name "h"'  # a host entry's name, not the community's
    assert out[15] == '        set name "web"'
    pem = ['        set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----', "MIIabcdef", "ghijkl==",
           '-----END ENCRYPTED PRIVATE KEY-----"', "        set range global"]
    out = redact_lines(pem)
    assert "MIIabcdef" not in "\n".join(out) and "ghijkl" not in "\n".join(out)
    assert out[-1] == "        set range global" and out[0].startswith("        set private-key")


# Words the parsers' redact() removes although they are keywords, not values: the
# algorithm after `secret`/`key` (the value after it is what we redact), Cisco's `vrf`
# keyword and SNMPv3 security level (`priv`) in `snmp-server host`, a Junos block's `{`,
# and a quoted default community.
NOT_SECRETS = {"sha512", "sha1", "md5", "vrf", "priv", "{", "];", "'public'", "generate"}


def test_redaction_is_at_least_as_strict_as_the_parsers():
    """Over every line of every fixture (the sample network and the parser test cases):
    whatever parsers.common.redact() hides stays hidden here."""
    from netlint.report.redaction import redact_lines
    from parsers.common import redact

    lines_seen = 0
    for path in sorted(FIXTURES.rglob("*")):
        if not path.is_file():
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        for line, ours in zip(lines, redact_lines(lines)):
            lines_seen += 1
            hidden = set(line.split()) - set(redact(line).split()) - NOT_SECRETS
            leaked = hidden & set(ours.split())
            assert not leaked, f"{path.name}: {line!r} -> {ours!r}"
    assert lines_seen > 5000


# --------------------------------------------------------------------------- hand-built results


def finding(n: int = 0, **kw) -> Finding:
    base = dict(rule_id="NL101", category="any-any", severity="high", articles=["10.2"], device="fw1",
                file="configs/fw1.cfg", line=3, end_line=3, message=f"finding {n}", fingerprint=f"fp{n:04d}")
    base.update(kw)
    return Finding(**base)


def result_of(findings: list[Finding], **kw) -> LintResult:
    devices = [{"name": "fw1", "vendor": "cisco_asa", "file": "configs/fw1.cfg", "os_version": "9.8(4)"}]
    return LintResult(version="9.9.9", devices=devices, findings=findings, files=1, **kw)


def test_everything_is_escaped():
    from netlint.report.html import render_html

    evil = '<img src=x onerror="alert(1)">'
    f = finding(message=f"rule {evil}", device='fw"1', evidence={"rule": "<b>x</b>"}, line=2, end_line=2)
    sources = {"configs/fw1.cfg": ["hostname fw1", "access-list A remark <script>alert(2)</script>", "!"]}
    page = render_html(result_of([f], policy_notes=["zone <z> inferred"]), "en", view=None, sources=sources)
    assert evil not in page and "<script>alert" not in page and "<b>x</b>" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert 'data-device="fw&quot;1"' in page
    assert page.count("<script>") == 1  # the page's own
    assert not [u for u in fetches(page).urls if not local(u[2])]


def test_a_result_without_view_or_sources():
    from netlint.report.html import render_html

    page = render_html(result_of([finding()]), "zh-TW")
    assert "finding 0" in page and "無法取得設定檔內容" in page and "無區域圖" in page
    assert render_html(result_of([]), "en").count('<article class="finding') == 0


def test_long_blocks_are_elided_in_the_middle():
    from netlint.report.html import MAX_HIGHLIGHT, render_html

    sources = {"configs/fw1.cfg": [f"line {i}" for i in range(1, 101)]}
    page = render_html(result_of([finding(line=10, end_line=60)]), "en", sources=sources)
    rows = re.findall(r'<tr( class="hit")?><td class="ln">(\d+)</td>', page)
    assert len([r for r in rows if r[0]]) == MAX_HIGHLIGHT
    assert "… 31 more lines …" in page
    assert rows[0][1] == "7" and rows[-1][1] == "63"


def test_the_generation_date_follows_source_date_epoch(monkeypatch):
    from netlint.report.html import render_html

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    page = render_html(result_of([]), "en")
    assert "2026-01-01 00:00 UTC" in page
    assert page == render_html(result_of([]), "en")


def test_suppressed_findings_are_listed_with_their_reasons(cli, tmp_path, monkeypatch):
    lines = (FIXTURES / "core-fw.cfg").read_text().splitlines()
    target = next(i for i, line in enumerate(lines) if line == "access-list DMZ_IN extended permit ip any any")
    lines.insert(target, f"! netlint: ignore[NL101] {REASON}")
    (tmp_path / "core-fw.cfg").write_text("\n".join(lines) + "\n")
    shutil.copy(POLICY, tmp_path / "policy.yaml")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("lint", "core-fw.cfg", "--policy", "policy.yaml", "--today", TODAY, "--format", "html",
                       "--output", tmp_path / "r.html")
    assert code == 1, err
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    section = page.split('<section id="suppressed">', 1)[1].split("</section>", 1)[0]
    assert '<details class="suppressed">' in section  # collapsed
    assert REASON in section and "inline comment" in section
    assert f"core-fw.cfg:{target + 2}" in section and ">NL101<" in section
    findings_section = page.split('<section id="findings">', 1)[1].split("</section>", 1)[0]
    cards = re.findall(r'<article class="finding.*?</article>', findings_section, re.S)
    assert cards and not [c for c in cards if ">NL101<" in c and f"core-fw.cfg:{target + 2}</code>" in c]
    assert '<a href="#suppressed">1 accepted</a>' in page  # the checklist counts it as accepted


def test_findings_new_since_the_baseline_are_marked_and_known_ones_counted():
    from netlint.report.html import render_html

    page = render_html(result_of([finding(0, baseline_state="new"), finding(1, baseline_state="unchanged")],
                                 baseline_known=7), "en")
    assert page.count("new since the baseline") == 1
    assert "7 findings known from the baseline are not shown." in page
    assert '<span class="num">7</span><span class="lbl">Known (baseline)</span>' in page
