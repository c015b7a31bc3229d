"""Checkout cost, in process: token → validated order → sink → checked-out token.

    python -m bench.checkout [--orders N]     # prints the table, writes bench/results/checkout.md

Rows: a first placement into SQLite (an INSERT in WAL mode, fsync'd: synchronous=FULL), a
repeat of an ordered cart (the stored order comes back), the pure part alone (validation and
repricing, no sink) and a webhook delivery to a local receiver (tests/order_receiver.py, one
HTTP POST per order over a fresh connection). Carts hold 3 lines (5 items) of the demo menu.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.core import turn
from app.core.menu import load_menu
from app.core.token.codec import CartCodec
from app.core.token.keys import KeyRing
from app.orders.order import CheckoutRequest, Customer, build_order
from app.orders.service import place_order
from app.orders.sqlite import SqliteSink
from app.orders.webhook import WebhookSink
from tests.order_receiver import OrderReceiver

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "checkout.md"
NOW = 1_800_000_000
REQUEST = CheckoutRequest(Customer("Ada", "+1 555 010 0199"), "pickup")
SECRET = "b" * 40


def make_tokens(codec: CartCodec, menu_path: Path, count: int) -> list[str]:
    menu = load_menu(menu_path)
    adds = [
        turn.AddItem("cheeseburger", 2, ("medium", "cheddar")),
        turn.AddItem("fries", 1, ("large",)),
        turn.AddItem("soda", 2, ("medium", "cola")),
    ]
    tokens = []
    for i in range(count):
        token = turn.run_turn(None, turn.NewCart(i.to_bytes(8, "big")), menu, codec, NOW).token
        for op in adds:
            token = turn.run_turn(token, op, menu, codec, NOW).token
        tokens.append(token)
    return tokens


def timed(fn: Callable[[str], object], tokens: list[str]) -> list[float]:
    samples = []
    for token in tokens:
        start = time.perf_counter()
        fn(token)
        samples.append((time.perf_counter() - start) * 1e6)
    return samples


def row(name: str, samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100)
    median, p99 = statistics.median(samples), cuts[98]
    return f"| {name} | {len(samples)} | {median:,.0f} | {p99:,.0f} | {1e6 / statistics.mean(samples):,.0f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000)
    args = parser.parse_args()
    codec = CartCodec(KeyRing.parse("bench:" + "k" * 40))
    menu_path = REPO / "app" / "menus" / "demo-burger.json"
    menu = load_menu(menu_path)
    tokens = make_tokens(codec, menu_path, args.orders)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sink = SqliteSink(Path(tmp) / "orders.sqlite3")
        place = lambda t: place_order(t, REQUEST, turn.TurnInputs(menu, codec, NOW), sink)  # noqa: E731
        rows.append(row("SQLite, first placement (201)", timed(place, tokens)))
        rows.append(row("SQLite, repeat of an ordered cart (200)", timed(place, tokens)))
    pure = lambda t: build_order(turn.load(t, menu, codec, NOW), menu, REQUEST, NOW)  # noqa: E731
    rows.append(row("validate + reprice only (no sink)", timed(pure, tokens)))
    hook_tokens = tokens[: max(10, args.orders // 5)]
    with OrderReceiver(SECRET) as receiver:
        hook = WebhookSink(receiver.url, SECRET)
        deliver = lambda t: place_order(t, REQUEST, turn.TurnInputs(menu, codec, NOW), hook)  # noqa: E731
        rows.append(row("webhook to a loopback receiver (201)", timed(deliver, hook_tokens)))
        assert len(receiver.orders) == len(hook_tokens)
    header = [
        "# Checkout cost (in process, one thread)",
        "",
        f"`python -m bench.checkout --orders {args.orders}` on {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}.",
        "",
        "| path | orders | median µs | p99 µs | orders/s (1 thread) |",
        "|---|---:|---:|---:|---:|",
    ]
    text = "\n".join([*header, *rows, ""])
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
