"""Instructions per turn and per request, counted by valgrind (callgrind): figures that do not move
with the load on a shared machine, unlike the wall-clock benches.

Each figure is the instructions counted while ``functools.reduce`` runs N operations, divided by
N: callgrind collects only inside that C function (``--toggle-collect``), so start-up, imports
and set-up are not counted, and nothing on the measured path calls ``reduce`` itself.
``PYTHONHASHSEED=0`` makes dict probing, and so the count, the same on every run. Operations:

* **turn** modes: one add-item turn on the corpus's 5-line UUID-menu cart (as :mod:`bench.codec`),
  whole and by phase, for voicecart (token in → token out) and the dict-backed cart;
* **adds customers send** (issue #25), on the corpus's 5-line demo-burger cart: the same new line
  (two large fries with cheese sauce) sent as ids (item id + two modifier ids), whole and its apply
  alone, and said as one phrase; and decode + reprice + encode of the 5- and 50-line UUID carts,
  whose difference over 45 lines is the cost of a line;
* **request** modes: one ``POST …/cart/items`` through each HTTP variant of :mod:`bench.apps`
  (and the shipped app), called in-process as an ASGI app — everything the application does per
  request, without the socket and uvicorn, which are the same for every variant; the add with two
  modifier ids also through the shipped app and the dict-backed one, on the demo-burger cart.

``instructions.json`` also holds the issue #25 budgets with what was measured and pass/fail.

Needs ``valgrind`` on PATH (Debian: ``apt-get install valgrind``); about two minutes.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import ROOT, Config, table, write_report
from bench.redis_server import RedisServer

TURN_MODES = (
    "voicecart turn",
    "voicecart turn, cache hit",
    "verify+decode",
    "apply",
    "reprice",
    "encode+sign",
    "dict turn",
)
# the adds customers send (issue #25): demo-burger cart, a new line of fries said as ids or as a phrase
ADD_MODES = (
    "modifier ids turn",
    "modifier ids apply",
    "phrase turn",
    "codec+reprice, 5 lines",
    "codec+reprice, 50 lines",
)
REQUEST_MODES = ("bare Starlette", "dict-backed", "Redis-backed", "voicecart core", "voicecart", "voicecart, cache hit")
MODIFIER_REQUEST_MODES = ("dict-backed, modifier ids", "voicecart, modifier ids")
IDS_ADD = ("fries", 2, ("large", "cheese-sauce"))  # item id, quantity, modifier ids
PHRASE_ADD = "two large fries with cheese sauce"  # the same line, said
PER_LINE_SIZES = (5, 50)
# instructions.json: {"turn": {key: mode's figure}, "request": {key: mode's figure}} (+ the derived figures)
JSON_KEYS = {
    "turn": {
        "no_cache": "voicecart turn",
        "cache_hit": "voicecart turn, cache hit",
        "modifier_ids": "modifier ids turn",
        "modifier_ids_apply": "modifier ids apply",
        "phrase": "phrase turn",
    },
    "request": {
        "voicecart": "voicecart",
        "voicecart_cache_hit": "voicecart, cache hit",
        "core": "voicecart core",
        "bare": "bare Starlette",
        "dict": "dict-backed",
        "redis": "Redis-backed",
        "voicecart_modifier_ids": "voicecart, modifier ids",
        "dict_modifier_ids": "dict-backed, modifier ids",
    },
}
# issue #25: (what, section, key in instructions.json, budget, how it is shown)
BUDGETS = (
    ("add with two modifier ids, demo-burger, token from another replica", "turn", "modifier_ids", 400_000),
    ("the same, apply alone", "turn", "modifier_ids_apply", 120_000),
    ("add one more of a no-modifier item (UUID menu), no cache", "turn", "no_cache", 340_000),
    ("the same, cache hit", "turn", "cache_hit", 230_000),
    ("decode + reprice + encode per extra line (slope between 5 and 50 lines)", "turn", "per_line", 18_000),
    ("whole-phrase add ÷ the same line sent as ids (×)", "turn", "phrase_vs_ids", 1.5),
    ("shipped add-with-modifiers request ÷ dict-backed request (×)", "request", "modifiers_vs_dict", 1.4),
)
QUICK_MODES = ("voicecart turn", "voicecart turn, cache hit", "bare Starlette", "voicecart, cache hit")
OPERATIONS = 400


class ValgrindMissing(RuntimeError):
    pass


# --- the child: set up one mode, then run it N times ----------------------------------------------


def _turn_operation(mode: str) -> Callable[[], object]:
    from app.core import turn
    from app.runtime.token_cache import RecentTokens
    from bench.codec import NOW, phase_operations
    from bench.corpus import bench_codec, make_cart
    from bench.stores import dict_turn

    cart = make_cart("uuid", 5)
    phases = phase_operations(cart)
    if mode in phases:
        return phases[mode]
    # the codec as a replica runs it, remembering what it mints: the corpus token (minted by another
    # codec, as by another replica) misses; the same cart re-minted here hits
    codec, op, store = bench_codec(), cart.add_again(), {"a": cart.state}
    codec.recent = RecentTokens()
    own = codec.encode(codec.decode(cart.token, cart.menu.restaurant_id, NOW), NOW)
    return {
        "voicecart turn": lambda: turn.run_turn(cart.token, op, cart.menu, codec, NOW),
        "voicecart turn, cache hit": lambda: turn.run_turn(own, op, cart.menu, codec, NOW),
        "dict turn": lambda: dict_turn(store, "a", "b", op, cart.menu, NOW),
    }[mode]


def _add_operation(mode: str) -> Callable[[], object]:
    """One of :data:`ADD_MODES`: the adds customers send, and decode + reprice + encode by cart size."""
    from app.core import turn
    from app.core.cart.pricing import price_cart
    from bench.codec import NOW
    from bench.corpus import bench_codec, make_cart

    codec = bench_codec()
    if mode.startswith("codec+reprice"):
        cart = make_cart("uuid", int(mode.split()[-2]))
        rid = cart.menu.restaurant_id
        return lambda: codec.encode(price_cart(codec.decode(cart.token, rid, NOW), cart.menu, NOW).state, NOW)
    cart = make_cart("demo", 5)
    item, quantity, modifiers = IDS_ADD
    ids = turn.AddItem(item, quantity, modifiers)
    if mode == "modifier ids apply":
        state = codec.decode(cart.token, cart.menu.restaurant_id, NOW)
        return lambda: turn.apply(state, ids, cart.menu, NOW)
    op = ids if mode == "modifier ids turn" else turn.AddItem(PHRASE_ADD, turn.AS_SAID)
    said, sent = (turn.run_turn(cart.token, o, cart.menu, codec, NOW).state for o in (op, ids))
    if said != sent:
        raise RuntimeError(f"{PHRASE_ADD!r} and {IDS_ADD} do not make the same cart")
    return lambda: turn.run_turn(cart.token, op, cart.menu, codec, NOW)


def _asgi_request(mode: str) -> Callable[[], object]:
    from bench import apps
    from bench.corpus import bench_codec, make_cart
    from bench.profile import add_item_request, call_asgi, shipped_app

    menu_key = "demo" if mode in MODIFIER_REQUEST_MODES else "uuid"
    os.environ["BENCH_MENU"] = menu_key  # the seed cart of the dict-backed app
    cart = make_cart(menu_key, 5, bench_codec(), now=int(time.time()))
    add = IDS_ADD if mode in MODIFIER_REQUEST_MODES else None
    loop = asyncio.new_event_loop()
    if mode.startswith("voicecart,") or mode == "voicecart":
        app: Any = shipped_app(Path(tempfile.mkdtemp(prefix="voicecart-instructions-")), menu_key)
        if mode == "voicecart, cache hit":  # the cart as this app minted it: its token is in the app's cache
            _, body = loop.run_until_complete(call_asgi(app, add_item_request(cart, (), add)))
            cart = dataclasses.replace(cart, token=json.loads(body)["cart_token"])
    else:
        if mode == "Redis-backed":
            apps.seed_redis(os.environ["BENCH_REDIS_URL"], cart)
        factory = {
            "bare Starlette": apps.bare_app,
            "dict-backed": apps.dict_app,
            "dict-backed, modifier ids": apps.dict_app,
            "Redis-backed": apps.redis_app,
            "voicecart core": apps.token_app,
        }
        app = factory[mode]()
    # one request per seeded cart, taken in turn: the dict variant's quantity stays under the cap
    header = apps.CART_ID_HEADER.lower().encode()
    requests = itertools.cycle(
        [add_item_request(cart, [(header, cart_id.encode())], add) for cart_id in apps.cart_ids()]
    )

    async def one() -> None:
        status, body = await call_asgi(app, next(requests))
        if status != 200:
            raise RuntimeError(f"{mode}: {status} {body[:200]!r}")

    return lambda: loop.run_until_complete(one())


def child(mode: str, count: int) -> None:
    if mode in TURN_MODES:
        operation = _turn_operation(mode)
    else:
        operation = _add_operation(mode) if mode in ADD_MODES else _asgi_request(mode)
    for _ in range(50):  # warm: lazy imports, caches, first-call paths
        operation()
    functools.reduce(lambda _, __: operation(), range(count), None)  # the counted region


# --- the parent: one valgrind run per mode --------------------------------------------------------


def per_operation(mode: str, count: int, redis_url: str) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--collect-atstart=no",
        "--toggle-collect=functools_reduce",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "bench.instructions",
        "--child",
        mode,
        str(count),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT), "BENCH_REDIS_URL": redis_url}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if done.returncode != 0 or not found:
        raise RuntimeError(f"valgrind run of {mode!r} failed:\n{done.stderr[-2000:]}")
    return round(int(found.group(1)) / count)


def run(config: Config) -> dict[str, int]:
    if shutil.which("valgrind") is None:
        raise ValgrindMissing("valgrind is not installed (Debian: apt-get install valgrind)")
    count = 20 if config.quick else OPERATIONS
    modes = QUICK_MODES if config.quick else TURN_MODES + ADD_MODES + REQUEST_MODES + MODIFIER_REQUEST_MODES
    figures = {}
    with RedisServer() as redis_server:
        for mode in modes:
            figures[mode] = per_operation(mode, count, redis_server.url)
            print(f"{mode:26} {figures[mode]:>10,} instructions", flush=True)
    report = headline(figures)
    turns = [[m, figures[m]] for m in TURN_MODES if m in figures]
    adds = [[m, figures[m]] for m in ADD_MODES if m in figures]
    requests = [[m, figures[m], *ratios(figures, m)] for m in REQUEST_MODES + MODIFIER_REQUEST_MODES if m in figures]
    sections = [
        f"Counted by valgrind (callgrind) over {count} operations, only inside the loop that runs them "
        "(set-up and start-up are not counted). Unlike time, these figures do not move with the load on a shared "
        "machine; they are a measure of work, not of speed (a cache miss costs more than an add).",
        "**One add-item turn** on the 5-line UUID-menu cart (the turn of `python -m bench codec`):",
        table(["operation", "instructions"], turns),
    ]
    if adds:
        sections += [
            f"**The adds customers send**, on the 5-line demo-burger cart: a new line of {PHRASE_ADD} sent "
            f"as ids (`{IDS_ADD[0]}` × {IDS_ADD[1]} with `{'`, `'.join(IDS_ADD[2])}`, token from another "
            f'replica), its apply alone, and said as one phrase ("{PHRASE_ADD}", the same cart out); '
            "and decode + reprice + encode of the 5- and 50-line UUID-menu carts (no apply):",
            table(["operation", "instructions"], adds),
        ]
    sections += [
        "**One add-item request** through each HTTP variant, called in-process as an ASGI app (the "
        "socket and uvicorn, the same for every variant, are left out; for Redis-backed, so is the "
        "work of the redis-server process, which `python -m bench http` measures at 30-45 µs of CPU "
        "per request); the last two rows add the fries with two modifier ids to the demo-burger cart:",
        table(["variant", "instructions", "× bare", "× dict-backed", "× Redis-backed"], requests),
        "A voicecart replica remembers the tokens it minted lately (`app/runtime/token_cache.py`): "
        "*cache hit* is the same turn on such a token, *voicecart turn* and *voicecart* one from "
        "another replica. `instructions.json` holds the headline figures and the budgets.",
    ]
    if report["budgets"]:
        sections += [
            "**Budgets** (issue #25):",
            table(
                ["operation (5-line cart unless said)", "key", "measured", "budget", "status"],
                [[b["operation"], b["key"], b["measured"], b["budget"], b["status"]] for b in report["budgets"]],
            ),
        ]
    title = "Instructions per turn and per request"
    write_report(config, "instructions", title, "python -m bench instructions", sections)
    config.path("instructions.json").write_text(json.dumps(report, indent=2) + "\n")
    return figures


def ratios(figures: dict[str, int], mode: str) -> list[float | str]:
    """``mode``'s figure over the bare, dict-backed and Redis-backed requests' ("" where not measured);
    a modifier-ids request over the dict-backed one with the same add."""
    bases = list(REQUEST_MODES[:3])
    if mode in MODIFIER_REQUEST_MODES:
        bases[1] = "dict-backed, modifier ids"
    return [figures[mode] / figures[base] if base in figures else "" for base in bases]


def headline(figures: dict[str, int]) -> dict[str, Any]:
    """:data:`JSON_KEYS` filled with the figures measured (all of them unless ``--quick``), the
    derived ones (per line, phrase ÷ ids, shipped ÷ dict with modifiers) and the :data:`BUDGETS`
    that could be checked."""
    report: dict[str, Any] = {
        section: {key: figures[mode] for key, mode in keys.items() if mode in figures}
        for section, keys in JSON_KEYS.items()
    }
    small, large = (f"codec+reprice, {n} lines" for n in PER_LINE_SIZES)
    if small in figures and large in figures:
        report["turn"]["per_line"] = round((figures[large] - figures[small]) / (PER_LINE_SIZES[1] - PER_LINE_SIZES[0]))
    if "phrase turn" in figures and "modifier ids turn" in figures:
        report["turn"]["phrase_vs_ids"] = round(figures["phrase turn"] / figures["modifier ids turn"], 3)
    request = report["request"]
    if "voicecart_modifier_ids" in request and "dict_modifier_ids" in request:
        request["modifiers_vs_dict"] = round(request["voicecart_modifier_ids"] / request["dict_modifier_ids"], 3)
    report["budgets"] = [
        {
            "operation": operation,
            "key": f"{section}.{key}",
            "measured": report[section][key],
            "budget": budget,
            "status": "pass" if report[section][key] <= budget else "FAIL",
        }
        for operation, section, key, budget in BUDGETS
        if key in report[section]
    ]
    return report


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
    else:
        run(Config())
