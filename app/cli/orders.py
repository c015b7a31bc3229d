"""``voicecart orders list`` / ``voicecart orders show ORDER_ID``: read the order store.

Reads the PostgreSQL store when ``CART_ORDERS_URL`` is set, else ``CART_ORDERS_DB`` (default
``<data dir>/orders.sqlite3``). Read-only; safe while servers run (WAL). Exit 1 when the database
cannot be reached or the order does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.cli.arguments import COUNT
from app.core.cart.pricing import format_money
from app.orders.sqlite import SqliteSink
from app.settings import Settings

if TYPE_CHECKING:
    from app.orders.postgres import PostgresSink


def _store() -> SqliteSink | PostgresSink:
    settings = Settings.from_env()
    if settings.orders_url:
        from app.orders.postgres import PostgresSink  # psycopg only when PostgreSQL is configured

        return PostgresSink(settings.orders_url, deadline_seconds=5)
    if settings.order_webhook_url:
        print(
            "voicecart: note: orders are delivered to CART_ORDER_WEBHOOK_URL; this is the local file", file=sys.stderr
        )
    return SqliteSink(settings.orders_db_path)


def summary_line(order: dict[str, Any]) -> str:
    items = sum(line["quantity"] for line in order["lines"])
    return (
        f"{order['order_id']}  {order['placed_at']}  {order['restaurant_id']}  "
        f"{format_money(order['total_cents'], order.get('currency', 'USD')):>9}  {order['fulfillment']:<8}  "
        f"{items} item{'s' if items != 1 else ''}  {order['customer']['name']}"
    )


def _read(what: Callable[[SqliteSink | PostgresSink], Any]) -> Any:
    """``what(store)``, closing a PostgreSQL pool afterwards."""
    store = _store()
    try:
        return what(store)
    finally:
        if not isinstance(store, SqliteSink):
            store.close()


def _list(args: argparse.Namespace) -> int:
    try:
        orders = _read(lambda store: store.recent(args.limit, args.restaurant))
    except OSError as exc:  # no SQLite file, or PostgreSQL unreachable (ConnectionError)
        print(f"voicecart: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(orders, indent=2, ensure_ascii=False))
    else:
        for order in orders:
            print(summary_line(order))
    return 0


def _show(args: argparse.Namespace) -> int:
    try:
        order = _read(lambda store: store.get(args.order_id))
    except OSError as exc:  # no SQLite file, or PostgreSQL unreachable (ConnectionError)
        print(f"voicecart: {exc}", file=sys.stderr)
        return 1
    if order is None:
        print(f"voicecart: no order {args.order_id}", file=sys.stderr)
        return 1
    print(json.dumps(order, indent=2, ensure_ascii=False))
    return 0


def register(sub: Any) -> None:
    """Add ``orders list`` and ``orders show`` to the top-level subparsers."""
    orders = sub.add_parser("orders", help="placed orders (SQLite or PostgreSQL store)")
    commands = orders.add_subparsers(dest="orders_command", required=True)
    listing = commands.add_parser("list", help="recent orders, newest first")
    listing.add_argument("--limit", type=COUNT, default=20, help="how many, newest first (1–10000)")
    listing.add_argument("--restaurant", help="only this restaurant id")
    listing.add_argument("--json", action="store_true", help="print the full orders as JSON")
    listing.set_defaults(func=_list)
    show = commands.add_parser("show", help="one order as JSON")
    show.add_argument("order_id")
    show.set_defaults(func=_show)
