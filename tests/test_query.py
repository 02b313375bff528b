"""`netlint query` (contract section 4) on every IOS and ASA rule form: the answer is
the first matching line, known by construction of the fixtures (see their comments)."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES

IOS = FIXTURES / "cases" / "query" / "ios-forms.cfg"
ASA = FIXTURES / "cases" / "query" / "asa-forms.cfg"

# (packet, expected line or None, expected action) — None: no rule, implicit deny.
IOS_CASES = [
    ({"src": "8.8.8.8", "dst": "10.30.1.1", "proto": "tcp", "sport": 443, "dport": 50000, "established": True}, 20, "permit"),
    ({"src": "8.8.8.8", "dst": "10.30.1.1", "proto": "tcp", "dport": 443}, None, "deny"),  # not established
    ({"src": "8.8.8.8", "dst": "10.40.77.5", "proto": "tcp", "dport": 22}, 22, "permit"),  # wildcard hit
    ({"src": "8.8.8.8", "dst": "10.40.77.6", "proto": "tcp", "dport": 22}, None, "deny"),  # wildcard miss
    ({"src": "8.8.8.8", "dst": "10.10.21.200", "proto": "tcp", "dport": 80}, 24, "permit"),  # nested group, www
    ({"src": "8.8.8.8", "dst": "10.10.30.7", "proto": "tcp", "dport": 80}, 24, "permit"),
    ({"src": "8.8.8.8", "dst": "10.10.30.7", "proto": "tcp", "dport": 443}, None, "deny"),
    ({"src": "8.8.8.8", "dst": "10.10.40.1", "proto": "udp", "dport": 8005}, 26, "permit"),  # service group
    ({"src": "8.8.8.8", "dst": "10.10.40.1", "proto": "udp", "dport": 8011}, None, "deny"),
    ({"src": "192.168.3.3", "dst": "10.50.0.1", "proto": "tcp", "dport": 22}, 28, "permit"),  # neq telnet
    ({"src": "192.168.3.3", "dst": "10.50.0.1", "proto": "tcp", "dport": 23}, None, "deny"),
    ({"src": "1.2.3.4", "dst": "10.50.0.2", "proto": "udp", "sport": 5000, "dport": 161}, 30, "permit"),
    ({"src": "1.2.3.4", "dst": "10.50.0.2", "proto": "udp", "sport": 53, "dport": 161}, None, "deny"),  # sport < 1024
    ({"src": "1.2.3.4", "dst": "10.50.0.2", "proto": "udp", "sport": 5000, "dport": 1024}, None, "deny"),  # lt 1024
    ({"src": "1.2.3.4", "dst": "10.50.0.3", "proto": "icmp", "icmp_type": 8}, 32, "permit"),  # echo
    ({"src": "1.2.3.4", "dst": "10.50.0.3", "proto": "icmp", "icmp_type": 0}, None, "deny"),
    ({"src": "1.2.3.4", "dst": "10.50.0.4", "proto": "tcp", "dport": 1024}, 34, "deny"),  # gt 1023
    ({"src": "172.16.50.20", "dst": "10.10.20.5", "proto": "esp"}, 36, "permit"),  # ip = any protocol
]

ASA_CASES = [
    ({"src": "8.8.8.8", "dst": "172.16.50.10", "proto": "tcp", "dport": 80}, 25, "permit"),  # name + www
    ({"src": "8.8.8.8", "dst": "172.16.50.20", "proto": "tcp", "dport": 1521}, 27, "permit"),  # object service sqlnet
    ({"src": "8.8.8.8", "dst": "172.16.50.30", "proto": "tcp", "dport": 588}, 29, "permit"),  # port group range
    ({"src": "8.8.8.8", "dst": "172.16.50.20", "proto": "tcp", "dport": 25}, 29, "permit"),  # group via object
    ({"src": "8.8.8.8", "dst": "172.16.50.53", "proto": "udp", "dport": 53}, 31, "permit"),  # protocol group
    ({"src": "8.8.8.8", "dst": "172.16.50.53", "proto": "tcp", "dport": 53}, 31, "permit"),
    ({"src": "8.8.8.8", "dst": "172.16.50.99", "proto": "icmp", "icmp_type": 0}, 33, "permit"),  # icmp group
    ({"src": "8.8.8.8", "dst": "172.16.50.99", "proto": "icmp", "icmp_type": 3}, None, "deny"),
    ({"src": "8.8.8.8", "dst": "172.16.50.40", "proto": "tcp", "dport": 22}, 35, "deny"),  # neq https; inactive skipped
    ({"src": "8.8.8.8", "dst": "172.16.50.40", "proto": "tcp", "dport": 443}, 37, "permit"),
]


@pytest.mark.parametrize(("packet", "line", "action"), IOS_CASES)
def test_ios_query_single(cli, packet, line, action):
    args = ["query", IOS, "--filter", "EDGE_IN", "--format", "json", "--src", packet["src"], "--dst", packet["dst"],
            "--proto", packet["proto"]]
    for key, opt in (("sport", "--sport"), ("dport", "--dport"), ("icmp_type", "--icmp-type")):
        if key in packet:
            args += [opt, str(packet[key])]
    if packet.get("established"):
        args.append("--established")
    code, out, _ = cli(*args)
    assert code == 0
    answer = json.loads(out)
    assert answer["action"] == action
    assert answer["line"] == line
    assert answer["device"] == "query-rtr" and answer["filter"] == "EDGE_IN"
    if line is None:
        assert answer["rule"] is None
    else:
        assert answer["rule"] == IOS.read_text().splitlines()[line - 1].strip()


def test_asa_query_batch_keeps_order_and_matches_first_match_truth(cli):
    lines = "\n".join(json.dumps(p) for p, _, _ in ASA_CASES) + "\n"
    code, out, _ = cli("query", ASA, "--filter", "OUTSIDE_IN", "--packets", "-", input=lines)
    assert code == 0
    answers = [json.loads(x) for x in out.splitlines()]
    assert [(a["line"], a["action"]) for a in answers] == [(line, action) for _, line, action in ASA_CASES]
    assert all(set(a) >= {"device", "filter", "action", "line", "rule"} for a in answers)


def test_batch_from_file_with_per_packet_filter(cli, tmp_path):
    packets = tmp_path / "packets.jsonl"
    packets.write_text(
        json.dumps({"src": "8.8.8.8", "dst": "10.40.1.5", "proto": "tcp", "dport": 22, "filter": "EDGE_IN"}) + "\n\n"
        + json.dumps({"src": "8.8.8.8", "dst": "10.40.1.5", "proto": 6, "dport": 23}) + "\n"
    )
    code, out, _ = cli("query", IOS, "--packets", packets)
    assert code == 0
    first, second = (json.loads(x) for x in out.splitlines())
    assert (first["line"], first["action"]) == (22, "permit")
    assert (second["line"], second["action"]) == (None, "deny")  # the config has one filter: no --filter needed


def test_text_format_prints_a_table(cli):
    code, out, _ = cli("query", IOS, "--src", "8.8.8.8", "--dst", "10.10.30.7", "--dport", "80")
    assert code == 0
    assert "EDGE_IN" in out and "permit" in out and "24" in out


def test_stateful_firewall_lets_established_return_traffic_through(cli):
    code, out, _ = cli("query", ASA, "--src", "8.8.8.8", "--dst", "172.16.50.99", "--proto", "tcp",
                       "--sport", "443", "--dport", "40000", "--established", "--format", "json")
    assert code == 0
    answer = json.loads(out)
    assert answer["action"] == "permit" and answer["line"] is None
    assert "stateful" in answer["note"]


@pytest.mark.parametrize(("args", "message"), [
    (["--src", "8.8.8.8", "--dst", "10.0.0.1", "--filter", "NOPE", "--dport", "1"], "no filter named 'NOPE'"),
    (["--src", "8.8.8.8", "--dst", "10.0.0.999", "--dport", "1"], "does not appear to be an IPv4 or IPv6 address"),
    (["--src", "8.8.8.8", "--dst", "10.0.0.1", "--proto", "bogus", "--dport", "1"], "unknown protocol 'bogus'"),
    (["--src", "8.8.8.8", "--dst", "10.0.0.1"], "'dport' is required"),
])
def test_bad_query_is_one_sentence_and_exit_2(cli, args, message):
    code, out, err = cli("query", IOS, *args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_bad_batch_line_names_the_line(cli):
    code, _, err = cli("query", IOS, "--packets", "-", input='{"src": "1.1.1.1", "dst": "10.0.0.1", "dport": 1}\nnot json\n')
    assert code == 2
    assert "stdin:2: not valid JSON" in err
