"""Smoke runs of every bench in ``--quick`` mode: each writes well-formed tables of real figures.

Nothing here asserts a timing; the checks are that the benches run end to end against the real
peers (Redis, wrk, the signed-cookie libraries) and that what they report is consistent with
the carts they were given.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench import ROOT, Config, table
from bench.corpus import MENU_FILES, QUICK_SIZES, corpus, from_natural_json, natural_json
from bench.http import lua_script, parse_wrk


def need(binary: str) -> None:
    if shutil.which(binary) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{binary} is required in CI (apt-get install {binary})")
        pytest.skip(f"{binary} is not installed")


def tables(markdown: str) -> list[list[list[str]]]:
    """Every Markdown table in ``markdown`` as rows of cells; asserts each is well-formed."""
    found, current = [], []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            current.append([c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])])
            continue
        if current:
            header, rule, *rows = current
            assert all(re.fullmatch(r"-+:?", c) for c in rule), rule
            assert rows, "a table without rows"
            assert all(len(r) == len(header) for r in [rule, *rows])
            found.append([header, *rows])
            current = []
    return found


def number(cell: str) -> float:
    return float(cell.replace(",", "").rstrip("×"))


def quick(tmp_path: Path) -> Config:
    return Config(out=tmp_path, quick=True)


def test_table_renders_numbers_and_escapes_pipes() -> None:
    text = table(["a", "n"], [["x|y", 1234], ["z", 3.14159]])
    [rendered] = tables(text)
    assert rendered == [["a", "n"], ["x\\|y", "1,234"], ["z", "3.14"]]


def test_corpus_carts_have_the_sizes_asked_and_round_trip_as_json() -> None:
    carts = corpus((1, 5))
    assert [(c.menu_key, c.lines) for c in carts] == [(k, n) for k in MENU_FILES for n in (1, 5)]
    for cart in carts:
        assert len(cart.state.lines) == cart.lines
        again = from_natural_json(natural_json(cart.state, cart.menu), cart.menu, cart.state.updated_at)
        assert again == cart.state


def test_payload_quick(tmp_path: Path) -> None:
    from bench import payload

    rows = payload.run(quick(tmp_path))
    sizes, ratios, targets, format_2 = tables((tmp_path / "payload.md").read_text())
    header = sizes[0]
    assert header[:3] == ["cart", "lines", "voicecart"] and "Django signed_cookies" in header
    carts = {c.label: c for c in corpus(QUICK_SIZES)}
    assert [r[0] for r in sizes[1:]] == list(carts)
    for row in sizes[1:]:
        assert number(row[2]) == len(carts[row[0]].token)  # the bench measures the real token
        assert all(number(c) > 0 for c in row[1:])
    assert len(ratios) == len(sizes) and {r[-1] for r in targets[1:]} <= {"met", "**missed**"}
    assert [r["cart"] for r in rows] == list(carts)
    assert (tmp_path / "payload.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [(row[1], number(row[2]) > 0) for row in format_2[1:]] == [("1", True), ("2", True)]  # token versions


def test_growth_quick_finds_where_the_token_cap_falls(tmp_path: Path) -> None:
    from bench import growth

    result = growth.run(quick(tmp_path))
    summary, timing = tables((tmp_path / "growth.md").read_text())
    by_name = {row[0]: row for row in summary[1:]}
    assert set(by_name) == set(growth.SCENARIOS)
    worst = result["curves"]["140 random chars, every line"]
    assert len(worst) < 50 and max(worst) <= 4096
    assert by_name["140 random chars, every line"][-1] == f"refused at line {len(worst) + 1}"
    assert [int(r[0]) for r in timing[1:]] == [1, 5, 50]
    assert (tmp_path / "growth.png").exists()


def test_codec_quick_against_a_real_redis(tmp_path: Path) -> None:
    need("redis-server")
    from bench import codec

    codec.run(quick(tmp_path))
    wall, cpu, phases = tables((tmp_path / "codec.md").read_text())
    assert wall[0] == cpu[0] == ["cart", "lines", "voicecart", "Redis GET+SETEX", "dict"]
    labels = [f"{menu}-{n}" for menu in MENU_FILES for n in QUICK_SIZES]
    assert [r[0] for r in wall[1:]] == [r[0] for r in cpu[1:]] == [r[0] for r in phases[1:]] == labels
    assert all(number(c) > 0 for r in wall[1:] + cpu[1:] + phases[1:] for c in r[1:])


def test_profile_quick_shows_the_turn(tmp_path: Path) -> None:
    from bench import profile

    profile.run(quick(tmp_path))
    text = (tmp_path / "profile.txt").read_text()
    assert "run_turn" in text and "CartCodec.decode" in text  # the turn on its own
    assert "create_app() as ASGI" in text and "add_item" in text  # and as an HTTP request


@pytest.mark.slow  # valgrind: about two minutes
def test_instructions_quick_counts_the_turn_and_the_requests(tmp_path: Path) -> None:
    need("valgrind")
    need("redis-server")
    from bench import instructions

    figures = instructions.run(quick(tmp_path))
    assert set(figures) == set(instructions.QUICK_MODES)
    turns, requests, *budget_rows = tables((tmp_path / "instructions.md").read_text())  # budgets: those checkable
    assert {row[0]: number(row[1]) for row in turns[1:]} == {
        m: figures[m] for m in instructions.TURN_MODES if m in figures
    }
    assert requests[1][0] == "bare Starlette" and number(requests[1][2]) == 1.0
    # a turn verifies and signs with HMAC-SHA256 and runs zstd both ways: tens of thousands of
    # instructions at the very least (a count of ~0 would mean the counted loop was empty)
    assert figures["voicecart turn"] > 10_000
    assert figures["bare Starlette"] > 10_000
    # a token this process minted skips verifying and unpacking it, nothing else
    assert 10_000 < figures["voicecart turn, cache hit"] < figures["voicecart turn"]
    # per operation: set-up and start-up are not counted (the quick run counts 20 of each; 60 count the same)
    many = instructions.per_operation("voicecart turn", 60, "redis://unused")
    assert abs(figures["voicecart turn"] - many) <= 0.05 * many
    # instructions.json: the same figures, as integers, under the documented keys
    written = json.loads((tmp_path / "instructions.json").read_text())
    budgets = written.pop("budgets")
    assert written == {
        "turn": {"no_cache": figures["voicecart turn"], "cache_hit": figures["voicecart turn, cache hit"]},
        "request": {"bare": figures["bare Starlette"], "voicecart_cache_hit": figures["voicecart, cache hit"]},
    }
    assert all(type(n) is int for section in written.values() for n in section.values())
    # the budgets that the figures measured allow checking, each with its verdict
    assert [(b["key"], b["measured"]) for b in budgets] == [
        ("turn.no_cache", figures["voicecart turn"]),
        ("turn.cache_hit", figures["voicecart turn, cache hit"]),
    ]
    assert all(b["status"] == ("pass" if b["measured"] <= b["budget"] else "FAIL") for b in budgets)
    # and the report's budgets table says the same, row for row
    assert [(row[1].strip("`"), row[-1]) for row in budget_rows[0][1:]] == [(b["key"], b["status"]) for b in budgets]


def test_instructions_json_has_every_key_of_issue_25_and_derives_the_ratios() -> None:
    from bench import instructions

    modes = instructions.TURN_MODES + instructions.ADD_MODES
    modes += instructions.REQUEST_MODES + instructions.MODIFIER_REQUEST_MODES
    figures = {m: 1000 for m in modes} | {"codec+reprice, 50 lines": 10_000, "phrase turn": 1500}
    full = instructions.headline(figures)
    assert {"no_cache", "cache_hit", "modifier_ids", "modifier_ids_apply", "per_line", "phrase_vs_ids"} <= set(
        full["turn"]
    )
    assert {"voicecart", "voicecart_cache_hit", "core", "bare", "dict", "redis"} <= set(full["request"])
    assert {"voicecart_modifier_ids", "dict_modifier_ids"} <= set(full["request"])
    assert full["turn"]["per_line"] == 200  # (10,000 - 1,000) / 45 lines
    assert full["turn"]["phrase_vs_ids"] == 1.5 and full["request"]["modifiers_vs_dict"] == 1.0
    assert len(full["budgets"]) == len(instructions.BUDGETS)
    verdicts = {b["key"]: b["status"] for b in full["budgets"]}
    assert verdicts["turn.phrase_vs_ids"] == "pass" and verdicts["turn.per_line"] == "pass"


@pytest.mark.slow  # valgrind: a minute or two
def test_peers_quick_counts_every_variant_at_every_size(tmp_path: Path) -> None:
    need("valgrind")
    need("redis-server")
    from bench import peers

    curves = peers.run(quick(tmp_path))
    assert list(curves) == list(peers.VARIANTS)
    assert all(list(points) == list(peers.QUICK_SIZES) for points in curves.values())
    counts, ratios = tables((tmp_path / "peers.md").read_text())
    assert [row[0] for row in counts[1:]] == list(peers.VARIANTS)
    assert [row[0] for row in ratios[1:]] == [v for v in peers.VARIANTS if v not in ("voicecart", "dict")]
    # every turn verifies or parses something and reprices: tens of thousands of instructions at least
    assert all(n > 10_000 for points in curves.values() for n in points.values())
    assert (tmp_path / "peers.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:1/x
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.01ms    1.20ms  30.00ms   90.00%
    Req/Sec     3.20k   100.00     3.40k    70.00%
  Latency Distribution
     50%  812.00us
     75%    5.00ms
     90%    6.00ms
     99%    1.20s
  32000 requests in 10.00s, 40.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   3199.50
Transfer/sec:      4.00MB
"""


def test_parse_wrk_reads_rate_latency_and_errors() -> None:
    result = parse_wrk(WRK_OUTPUT)
    assert result.requests_per_s == 3199.5
    assert result.p50_ms == pytest.approx(0.812) and result.p99_ms == pytest.approx(1200)
    assert result.requests == 32000 and result.errors == 7


def test_lua_script_carries_body_and_token_verbatim() -> None:
    script = lua_script({"item": 'say "hi"', "notes": "a]]b"}, "tok.en")
    assert '[==[{"item": "say \\"hi\\"", "notes": "a]]b"}]==]' in script
    assert 'wrk.headers["Cart-Token"] = [==[tok.en]==]' in script


@pytest.mark.slow
def test_http_quick_serves_every_variant_without_errors(tmp_path: Path) -> None:
    need("redis-server")
    need("wrk")
    from bench import http

    http.run(quick(tmp_path))
    runs, targets = tables((tmp_path / "http.md").read_text())
    assert [r[0] for r in runs[1:]] == list(http.VARIANTS)
    column = runs[0].index
    for row in runs[1:]:
        assert number(row[column("errors")]) == 0
        assert number(row[column("req/s")]) > 0
    assert {r[1] for r in targets[1:]} == {f"{a} / {b}" for a in http.VARIANTS[:2] for b in http.VARIANTS[2::2]}


def test_python_m_bench_rejects_unknown_names_and_runs_one(tmp_path: Path) -> None:
    bad = subprocess.run([sys.executable, "-m", "bench", "nope"], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown bench nope" in bad.stderr
    args = [sys.executable, "-m", "bench", "--quick", "--out", str(tmp_path), "payload"]
    good = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["payload.md", "payload.png"]


def test_before_after_compares_two_exports_of_app(tmp_path: Path) -> None:
    from bench import before_after

    samples = before_after.run(quick(tmp_path), "HEAD")
    assert set(samples) == {"uuid-1", "uuid-5", "uuid-50"}
    assert all(len(before) == len(after) == 2 for before, after in samples.values())
    [rows] = tables((tmp_path / "before_after.md").read_text())
    assert rows[0] == ["cart", "before (HEAD)", "after", "speed-up"] and len(rows) == 4
