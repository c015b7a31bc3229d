"""Codec speed: median µs per full turn, voicecart vs the same cart in Redis and in a dict.

A *turn* is one more of the cart's first line (it merges, so it works at every size):

* voicecart: verify → decompress → unpack → apply → reprice → pack → compress → sign
  (:func:`app.core.turn.run_turn`, from the token to the next token);
* Redis: ``GET`` → JSON → apply → reprice → JSON → ``SETEX 1800`` on a real ``redis-server``
  on loopback (started here), redis-py;
* dict: apply → reprice on a ``CartState`` kept in an in-process dict.

Timing is wall-clock, median of batches, one process; the machine is shared, so the load
average is recorded with the results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.core import turn
from app.core.cart.pricing import price_cart
from bench import Config, Timing, measure_us, table, write_report
from bench.corpus import T0, CorpusCart, bench_codec, corpus, sizes
from bench.redis_server import RedisServer
from bench.stores import dict_turn, dumps, redis_turn

NOW = T0 + 60
TARGET_US_5_LINES = 25.0


Timer = Callable[[Callable[[], object]], Timing]
COMPARED = ("voicecart", "Redis GET+SETEX", "dict")
PHASES = ("verify+decode", "apply", "reprice", "encode+sign")


def _timer(config: Config) -> Timer:
    repeat, number = (3, 10) if config.quick else (41, 40)
    return lambda fn: measure_us(fn, repeat=repeat, number=number)


def phase_operations(cart: CorpusCart) -> dict[str, Callable[[], object]]:
    """Each of :data:`PHASES` of the cart's add-again turn, as a call that repeats it."""
    codec = bench_codec()
    op = cart.add_again()
    rid = cart.menu.restaurant_id
    state = codec.decode(cart.token, rid, NOW)
    applied, _ = turn.apply(state, op, cart.menu)
    priced = price_cart(applied, cart.menu)
    return {
        "verify+decode": lambda: codec.decode(cart.token, rid, NOW),
        "apply": lambda: turn.apply(state, op, cart.menu),
        "reprice": lambda: price_cart(applied, cart.menu),
        "encode+sign": lambda: codec.encode(priced.state, NOW),
    }


def voicecart_phases(cart: CorpusCart, time_it: Timer) -> dict[str, Timing]:
    return {phase: time_it(operation) for phase, operation in phase_operations(cart).items()}


def measure(config: Config, carts: list[CorpusCart], redis_url: str) -> list[dict[str, Any]]:
    """Per cart: a :class:`Timing` for each of :data:`COMPARED` and :data:`PHASES`."""
    import redis

    client = redis.Redis.from_url(redis_url)
    time_it = _timer(config)
    codec = bench_codec()
    rows = []
    for cart in carts:
        op = cart.add_again()
        src, dst = f"cart:{cart.label}", f"cart:{cart.label}:next"
        client.set(src, dumps(cart.state, cart.menu), ex=1800)
        store = {src: cart.state}
        row: dict[str, Any] = {"cart": cart.label, "lines": cart.lines}
        row["voicecart"] = time_it(lambda: turn.run_turn(cart.token, op, cart.menu, codec, NOW))  # noqa: B023
        row["Redis GET+SETEX"] = time_it(lambda: redis_turn(client, src, dst, op, cart.menu, NOW))  # noqa: B023
        row["dict"] = time_it(lambda: dict_turn(store, src, dst, op, cart.menu, NOW))  # noqa: B023
        row.update(voicecart_phases(cart, time_it))
        rows.append(row)
    client.close()
    return rows


def _figures(rows: list[dict[str, Any]], columns: tuple[str, ...], kind: str) -> list[list[object]]:
    return [[r["cart"], r["lines"], *(getattr(r[c], kind) for c in columns)] for r in rows]


def run(config: Config) -> list[dict[str, Any]]:
    carts = corpus(sizes(config.quick))
    with RedisServer() as server:
        rows = measure(config, carts, server.url)
    head = ["cart", "lines"]
    sections = [
        "One add-item turn (one more of the first line) on each corpus cart. voicecart = token in → "
        "token out; Redis = `GET` + JSON + `SET … EX 1800` (SETEX) on a local redis-server, redis-py; "
        "dict = in-process `CartState` objects. All three run the same apply and reprice code. "
        "Medians of 41 batches of 40 turns.",
        "**Wall clock**, µs per turn (what a caller waits; includes Redis round trips):",
        table([*head, *COMPARED], _figures(rows, COMPARED, "wall_us")),
        "**CPU time of the benchmarking thread**, µs per turn (excludes time the shared machine gave "
        "to other processes — and, for Redis, the time spent waiting on the server):",
        table([*head, *COMPARED], _figures(rows, COMPARED, "cpu_us")),
        "voicecart turn by phase (CPU µs, each measured on its own):",
        table([*head, *PHASES], _figures(rows, PHASES, "cpu_us")),
    ]
    five = next((r for r in rows if r["cart"] == "uuid-5"), None)
    if five:
        mine = five["voicecart"]
        status = "met" if mine.cpu_us <= TARGET_US_5_LINES else "**missed**"
        sections.append(
            f"Target ≤ {TARGET_US_5_LINES:.0f} µs for a 5-line cart (UUID menu): {mine.wall_us:.1f} µs wall, "
            f"{mine.cpu_us:.1f} µs CPU — {status}. Redis: {five['Redis GET+SETEX'].wall_us:.1f} µs wall; "
            f"dict: {five['dict'].wall_us:.1f} µs wall."
        )
    write_report(config, "codec", "Codec speed: µs per turn", "python -m bench codec", sections)
    return rows
