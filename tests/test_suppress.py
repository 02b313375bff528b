"""Inline suppressions in every vendor's comment syntax (contract section 6), policy
exceptions that expire, and baselines that survive renumbering and reordering."""

from __future__ import annotations

import json
import textwrap

import pytest

from conftest import FIXTURES

# Each config holds one any-any permit (NL101) with a suppression in the vendor's own
# comment syntax, giving the reason "CHG-2291 lab uplink until 2027-03".
REASON = "CHG-2291 lab uplink until 2027-03"
SYNTAXES = {
    "cisco_ios": ("r.cfg", f"""
        hostname r1
        ip access-list extended EDGE
         remark netlint: ignore[NL101] {REASON}
         permit ip any any
        """),
    "cisco_ios_comment": ("r.cfg", f"""
        hostname r1
        ip access-list extended EDGE
        ! netlint: ignore[NL101] {REASON}
         permit ip any any
        """),
    "cisco_asa": ("fw.cfg", f"""
        hostname fw
        access-list OUT extended permit tcp any host 10.0.0.1 eq 443
        access-list OUT remark netlint: ignore[NL101] {REASON}
        access-list OUT extended permit ip any any
        """),
    "cisco_nxos": ("nx.cfg", f"""
        hostname nx1
        ip access-list EDGE
          10 remark netlint: ignore[NL101] {REASON}
          20 permit ip any any
        """),
    "arista_eos": ("eos.cfg", f"""
        hostname leaf1
        ip access-list EDGE
           10 remark netlint: ignore[NL101] {REASON}
           20 permit ip any any
        """),
    "juniper_junos": ("srx.conf", f"""
        firewall {{
            family inet {{
                filter EDGE {{
                    /* netlint: ignore[NL101] {REASON} */
                    term everything {{
                        then accept;
                    }}
                }}
            }}
        }}
        """),
    "paloalto_panos": ("pa.xml", f"""
        <config version="10.1.0">
          <devices><entry name="localhost.localdomain"><vsys><entry name="vsys1">
            <zone><entry name="trust"><network><layer3/></network></entry>
                  <entry name="untrust"><network><layer3/></network></entry></zone>
            <rulebase><security><rules>
              <entry name="lab-any">
                <from><member>any</member></from><to><member>any</member></to>
                <source><member>any</member></source><destination><member>any</member></destination>
                <application><member>any</member></application><service><member>any</member></service>
                <action>allow</action>
                <description>netlint: ignore[NL101] {REASON}</description>
              </entry>
            </rules></security></rulebase>
          </entry></vsys></entry></devices>
        </config>
        """),
    "fortinet_fortios": ("fgt.conf", f"""
        config firewall policy
            edit 1
                set name "lab-any"
                set srcintf "port1"
                set dstintf "port2"
                set srcaddr "all"
                set dstaddr "all"
                set action accept
                set schedule "always"
                set service "ALL"
                set comments "netlint: ignore[NL101] {REASON}"
            next
        end
        """),
    "linux_iptables": ("gw.rules", f"""
        *filter
        :INPUT DROP [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        -A FORWARD -m comment --comment "netlint: ignore[NL101] {REASON}" -j ACCEPT
        COMMIT
        """),
    "linux_nftables": ("gw.nft", f"""
        table inet filter {{
            chain forward {{
                type filter hook forward priority 0; policy drop;
                accept comment "netlint: ignore[NL101] {REASON}"
            }}
        }}
        """),
}


def lint(cli, tmp_path, name, text, *extra):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    code, out, err = cli("lint", path, "--format", "json", "--select", "NL101,NL002,NL003", "--no-network", *extra)
    assert code in (0, 1), err
    return json.loads(out)


@pytest.mark.parametrize("syntax", sorted(SYNTAXES))
def test_suppression_in_each_vendor_syntax(cli, tmp_path, syntax):
    name, text = SYNTAXES[syntax]
    report = lint(cli, tmp_path, name, text)
    assert [f["rule_id"] for f in report["findings"]] == []
    (sup,) = report["suppressed"]
    assert sup["rule_id"] == "NL101"
    assert sup["suppressed"]["kind"] == "inline" and sup["suppressed"]["reason"] == REASON


@pytest.mark.parametrize("syntax", ["cisco_ios", "fortinet_fortios", "linux_iptables", "juniper_junos"])
def test_suppression_without_reason_suppresses_nothing_and_is_reported(cli, tmp_path, syntax):
    name, text = SYNTAXES[syntax]
    report = lint(cli, tmp_path, name, text.replace(f" {REASON}", ""))
    assert sorted(f["rule_id"] for f in report["findings"]) == ["NL002", "NL101"]
    assert "suppressed" not in report


def test_suppression_naming_an_unknown_check_is_reported(cli, tmp_path):
    name, text = SYNTAXES["cisco_ios"]
    report = lint(cli, tmp_path, name, text.replace("ignore[NL101]", "ignore[NL1O1]"))
    ids = sorted(f["rule_id"] for f in report["findings"])
    assert ids == ["NL003", "NL101"]
    (unknown,) = [f for f in report["findings"] if f["rule_id"] == "NL003"]
    assert unknown["line"] == 3 and "NL1O1" in unknown["message"]


def test_suppression_applies_to_its_rule_only(cli, tmp_path):
    report = lint(cli, tmp_path, "r.cfg", f"""
        hostname r1
        ip access-list extended EDGE
         remark netlint: ignore[NL101] {REASON}
         permit ip any any
        ip access-list extended OTHER
         permit ip any any
        """)
    assert [(f["rule_id"], f["line"]) for f in report["findings"]] == [("NL101", 6)]


# ----------------------------------------------------------------------------- policy exceptions

POLICY = """\
zones:
  internet: {kind: external, subnets: [0.0.0.0/0]}
  lan: {kind: internal, subnets: [10.0.0.0/8]}
exceptions:
  - {fingerprint: "FP", reason: "CHG-3001 legacy trading link", approved_by: "CISO Lin", expires: 2027-06-30}
"""


def test_policy_exception_suppresses_until_it_expires(cli, tmp_path):
    cfg = tmp_path / "r.cfg"
    cfg.write_text("hostname r1\nip access-list extended EDGE\n permit ip any any\n")
    code, out, _ = cli("lint", cfg, "--format", "json", "--select", "NL101")
    (finding,) = json.loads(out)["findings"]
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY.replace('"FP"', f'"{finding["fingerprint"]}"'))

    code, out, _ = cli("lint", cfg, "--policy", policy, "--format", "json", "--select", "NL101,NL004", "--today", "2027-01-15")
    report = json.loads(out)
    assert code == 0 and report["findings"] == []
    (sup,) = report["suppressed"]
    assert sup["suppressed"] == {"kind": "exception", "reason": "CHG-3001 legacy trading link", "approved_by": "CISO Lin",
                                 "expires": "2027-06-30", "policy_line": 5}

    code, out, _ = cli("lint", cfg, "--policy", policy, "--format", "json", "--select", "NL101,NL004", "--today", "2027-07-01")
    report = json.loads(out)
    assert code == 1
    assert sorted(f["rule_id"] for f in report["findings"]) == ["NL004", "NL101"]
    (expired,) = [f for f in report["findings"] if f["rule_id"] == "NL004"]
    assert expired["file"] == str(policy) and expired["line"] == 5
    assert "expired on 2027-06-30" in expired["message"]


# ----------------------------------------------------------------------------- baselines


def test_baseline_survives_renumbering_reordering_and_edits_elsewhere(cli, tmp_path):
    original = (FIXTURES / "core-sw.cfg").read_text()
    cfg = tmp_path / "core-sw.cfg"
    cfg.write_text(original)
    baseline = tmp_path / "baseline.json"
    code, _, err = cli("lint", cfg, "--write-baseline", baseline, "--no-network")
    known = json.loads(baseline.read_text())["findings"]
    assert known and "wrote" in err

    # Renumber USERS_IN (10,20.. -> 110,120..), move a rule above its neighbour (keeping
    # each rule's remark with it), add lines at the top.
    text = original
    for n in (10, 20, 30, 40, 50):
        text = text.replace(f"\n {n} permit", f"\n 1{n} permit").replace(f"\n {n} deny", f"\n 1{n} deny")
    lines = text.splitlines()
    a = next(i for i, line in enumerate(lines) if line.startswith(" 120 permit udp"))
    assert lines[a - 1].startswith(" remark") and lines[a + 1].startswith(" 130 permit udp")
    lines[a - 1:a + 2] = [lines[a + 1], lines[a - 1], lines[a]]
    cfg.write_text("! change CHG-4410: banner reworded\n!\n" + "\n".join(lines) + "\n")
    code, out, _ = cli("lint", cfg, "--baseline", baseline, "--format", "json", "--no-network")
    report = json.loads(out)
    assert report["findings"] == []
    assert report["summary"]["baseline_known"] == len(known)

    # A new problem is reported, and only it.
    cfg.write_text(cfg.read_text().replace("ip ssh version 2", "ip ssh version 1"))
    code, out, _ = cli("lint", cfg, "--baseline", baseline, "--format", "json", "--no-network")
    report = json.loads(out)
    assert [f["rule_id"] for f in report["findings"]] == ["NL203"]
    assert report["findings"][0]["baseline_state"] == "new"
    assert code == 1


def test_bad_baseline_file_is_one_sentence(cli, tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("{not json")
    code, _, err = cli("lint", FIXTURES / "core-sw.cfg", "--baseline", bad)
    assert code == 2 and err.startswith(f"netlint: {bad}:1: baseline is not valid JSON")
