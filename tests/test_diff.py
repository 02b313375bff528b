"""`netlint diff OLD NEW`: what a change newly permits and denies, with the rules
responsible on each side; exit 1 when it opens traffic (article 10.1)."""

from __future__ import annotations

import json
import textwrap


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


BASE = """
    hostname core-sw
    ip access-list extended PROD_IN
     deny tcp host 10.30.9.9 any eq 443
     permit tcp 10.30.0.0 0.0.255.255 10.10.20.0 0.0.0.255 eq 443
     permit tcp 10.99.0.0 0.0.0.255 10.10.0.0 0.0.255.255 eq 22
    interface Vlan10
     ip address 10.10.0.1 255.255.0.0
     ip access-group PROD_IN out
"""


def run(cli, tmp_path, new_text, *extra):
    old = write(tmp_path, "old.cfg", BASE)
    new = write(tmp_path, "new.cfg", new_text)
    code, out, _ = cli("diff", old, new, "--format", "json", *extra)
    return code, json.loads(out)


def test_widened_prefix_opens_exactly_the_new_addresses(cli, tmp_path):
    code, result = run(cli, tmp_path, BASE.replace("10.10.20.0 0.0.0.255 eq 443", "10.10.0.0 0.0.255.255 eq 443"))
    assert code == 1 and result["opens_traffic"] is True
    (change,) = result["filters"]
    assert change["filter"] == "PROD_IN"
    assert change["newly_denied"] == []
    assert change["newly_permitted_services"] == ["tcp/443"]
    for ex in change["newly_permitted"]:
        pkt = ex["packet"]
        assert pkt["dport"] == 443
        assert pkt["dst"].startswith("10.10.") and not pkt["dst"].startswith("10.10.20.")
        assert pkt["src"].startswith("10.30.") and pkt["src"] != "10.30.9.9"
        assert ex["old"]["action"] == "deny" and ex["old"]["line"] is None  # implicit deny before
        assert ex["new"] == {"action": "permit", "line": 4, "filter": "PROD_IN",
                             "rule": "permit tcp 10.30.0.0 0.0.255.255 10.10.0.0 0.0.255.255 eq 443"}


def test_removed_deny_opens_traffic_from_that_host_only(cli, tmp_path):
    code, result = run(cli, tmp_path, BASE.replace(" deny tcp host 10.30.9.9 any eq 443\n", ""))
    assert code == 1
    (change,) = result["filters"]
    for ex in change["newly_permitted"]:
        assert ex["packet"]["src"] == "10.30.9.9"
        assert ex["packet"]["dst"].startswith("10.10.20.")
        assert ex["old"]["line"] == 3 and ex["old"]["action"] == "deny"
        assert ex["new"]["action"] == "permit"
    assert change["newly_denied"] == []


def test_reordered_pair_changes_fate_of_the_overlap(cli, tmp_path):
    lines = BASE.splitlines()
    swapped = "\n".join(lines[:3] + [lines[4], lines[3]] + lines[5:])
    code, result = run(cli, tmp_path, swapped)
    assert code == 1
    (change,) = result["filters"]
    (ex, *_) = change["newly_permitted"]
    assert ex["packet"]["src"] == "10.30.9.9" and ex["packet"]["dport"] == 443
    assert ex["old"]["line"] == 3 and ex["new"]["line"] == 3  # the permit moved up to line 3
    assert ex["new"]["rule"].startswith("permit tcp 10.30.0.0")


def test_change_that_only_closes_traffic_exits_0(cli, tmp_path):
    code, result = run(cli, tmp_path, BASE.replace("10.99.0.0 0.0.0.255", "10.99.0.0 0.0.0.127"))
    assert code == 0 and result["opens_traffic"] is False
    (change,) = result["filters"]
    assert change["newly_permitted"] == []
    assert change["newly_denied_services"] == ["tcp/22"]
    assert all(ex["packet"]["src"].startswith("10.99.0.") for ex in change["newly_denied"])


def test_no_semantic_change_reports_nothing(cli, tmp_path):
    # Rewriting a rule in another form (host -> /32 wildcard) changes no packet's fate.
    code, result = run(cli, tmp_path, BASE.replace("host 10.30.9.9", "10.30.9.9 0.0.0.0"))
    assert code == 0
    assert result["filters"] == [] and result["filters_added"] == [] and result["bindings_changed"] == []


def test_removed_binding_and_added_filter_are_reported(cli, tmp_path):
    new = textwrap.dedent(BASE).replace(" ip access-group PROD_IN out\n", "") + "ip access-list standard NEW_ONE\n permit 10.0.0.1\n"
    code, result = run(cli, tmp_path, new)
    assert code == 1
    assert result["filters_added"] == ["NEW_ONE"]
    assert result["bindings_changed"] == [{"interface": "Vlan10", "direction": "out", "old": "PROD_IN",
                                           "new": None, "opens": True}]


def test_text_output_names_rules_on_both_sides(cli, tmp_path):
    old = write(tmp_path, "old.cfg", BASE)
    new = write(tmp_path, "new.cfg", BASE.replace(" deny tcp host 10.30.9.9 any eq 443\n", ""))
    code, out, _ = cli("diff", old, new)
    assert code == 1
    assert "newly PERMITTED: tcp/443" in out
    assert "old: deny by line 3: deny tcp host 10.30.9.9 any eq 443" in out
    assert "OPENS traffic" in out
