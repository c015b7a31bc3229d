"""Codec speed: median µs per full turn, voicecart vs the same cart in Redis and in a dict.

A *turn* is one more of the cart's first line (it merges, so it works at every size):

* voicecart: verify → decompress → unpack → apply → reprice → pack → compress → sign
  (:func:`app.turn.run_turn`, from the token to the next token);
* Redis: ``GET`` → JSON → apply → reprice → JSON → ``SETEX 1800`` on a real ``redis-server``
  on loopback (started here), redis-py;
* dict: apply → reprice on a ``CartState`` kept in an in-process dict.

Timing is wall-clock, median of batches, one process; the machine is shared, so the load
average is recorded with the results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app import turn
from app.pricing import price_cart
from bench import Config, median_us, table_of, write_report
from bench.corpus import T0, CorpusCart, bench_codec, corpus, sizes
from bench.redis_server import RedisServer
from bench.stores import dict_turn, dumps, redis_turn

NOW = T0 + 60
TARGET_US_5_LINES = 25.0


Timer = Callable[[Callable[[], object]], float]


def _timer(config: Config) -> Timer:
    repeat, number = (3, 20) if config.quick else (15, 200)
    return lambda fn: median_us(fn, repeat=repeat, number=number)


def voicecart_phases(cart: CorpusCart, time_it: Timer) -> dict[str, float]:
    codec = bench_codec()
    op = cart.add_again()
    rid = cart.menu.restaurant_id
    state = codec.decode(cart.token, rid, NOW)
    applied, _ = turn.apply(state, op, cart.menu)
    priced = price_cart(applied, cart.menu)
    return {
        "turn": time_it(lambda: turn.run_turn(cart.token, op, cart.menu, codec, NOW)),
        "verify+decode": time_it(lambda: codec.decode(cart.token, rid, NOW)),
        "apply": time_it(lambda: turn.apply(state, op, cart.menu)),
        "reprice": time_it(lambda: price_cart(applied, cart.menu)),
        "encode+sign": time_it(lambda: codec.encode(priced.state, NOW)),
    }


def measure(config: Config, carts: list[CorpusCart], redis_url: str) -> list[dict[str, Any]]:
    import redis

    client = redis.Redis.from_url(redis_url)
    time_it = _timer(config)
    rows = []
    for cart in carts:
        op = cart.add_again()
        src, dst = f"cart:{cart.label}", f"cart:{cart.label}:next"
        client.set(src, dumps(cart.state, cart.menu), ex=1800)
        store = {src: cart.state}
        row: dict[str, Any] = {"cart": cart.label, "lines": cart.lines}
        phases = voicecart_phases(cart, time_it)
        row["voicecart"] = phases.pop("turn")
        row["Redis GET+SETEX"] = time_it(lambda: redis_turn(client, src, dst, op, cart.menu, NOW))  # noqa: B023
        row["dict"] = time_it(lambda: dict_turn(store, src, dst, op, cart.menu, NOW))  # noqa: B023
        row.update(phases)
        rows.append(row)
    client.close()
    return rows


def run(config: Config) -> list[dict[str, Any]]:
    carts = corpus(sizes(config.quick))
    with RedisServer() as server:
        rows = measure(config, carts, server.url)
    compare = ["cart", "lines", "voicecart", "Redis GET+SETEX", "dict"]
    phases = ["cart", "lines", "verify+decode", "apply", "reprice", "encode+sign"]
    five = next((r for r in rows if r["cart"] == "uuid-5"), None)
    sections = [
        "Median µs per add-item turn (lower is better). voicecart = token in → token out; Redis = "
        "`GET` + JSON + `SET … EX 1800` (SETEX) on a local redis-server; dict = in-process `CartState` objects. "
        "All three run the same apply and reprice code.",
        table_of(rows, compare),
        "voicecart turn by phase (median µs each, measured separately):",
        table_of(rows, phases),
    ]
    if five:
        status = "met" if five["voicecart"] <= TARGET_US_5_LINES else "**missed**"
        sections.append(
            f"Target ≤ {TARGET_US_5_LINES:.0f} µs for a 5-line cart: {five['voicecart']:.1f} µs on the "
            f"UUID menu — {status}. Redis: {five['Redis GET+SETEX']:.1f} µs, dict: {five['dict']:.1f} µs."
        )
    write_report(config, "codec", "Codec speed: µs per turn", "python -m bench codec", sections)
    return rows
