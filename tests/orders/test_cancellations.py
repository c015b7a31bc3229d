"""A cancel and a placement of one cart, decided by the SQLite store: one of them wins, whatever the order
they come in (break16o §1: a cancel answered "cancelled" while a slow checkout was in flight, and then the
order was stored). The PostgreSQL store's are in tests/orders/test_postgres.py; the doors' in
tests/server/test_cancel_races.py."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

import pytest

from app.core import cart
from app.core.cart import CartState
from app.core.menu import Menu
from app.errors import CartAlreadyOrdered, CartCancelled, OrderOutcomeUnknown
from app.orders.order import Order, build_order
from app.orders.port import OrderSink, Placement
from app.orders.sqlite import SqliteSink
from app.orders.webhook import WebhookSink
from tests.conftest import T0
from tests.support.checkout import SECRET
from tests.support.orders import ADA, burger_cart


@pytest.fixture
def sink(tmp_path: Path) -> SqliteSink:
    return SqliteSink(tmp_path / "orders.sqlite3", busy_timeout_seconds=5)


def order_of(state: CartState, menu: Menu) -> Order:
    return build_order(state, menu, ADA, T0)[0]


def more(state: CartState, menu: Menu) -> CartState:
    """``state`` with a coke added: the cart's next revision."""
    coke = menu.item("mexican-coke")
    assert coke is not None
    return cart.add_line(state, coke, [], 1, "")[0]


def test_a_cancelled_cart_is_not_ordered_at_that_revision(sink: SqliteSink, demo_menu: Menu) -> None:
    state = burger_cart(demo_menu)
    assert sink.cancel(state.cart_id_hex, state.revision, T0) is True
    with pytest.raises(CartCancelled) as refused:
        sink.place(order_of(state, demo_menu))
    assert refused.value.status == 409 and "nothing was ordered" in refused.value.message
    assert refused.value.details["cancelled_revision"] == state.revision
    assert sink.lookup(state.cart_id_hex, state.revision) is None  # nothing stored


def test_an_older_copy_of_a_cancelled_cart_is_not_ordered_either(sink: SqliteSink, demo_menu: Menu) -> None:
    older = burger_cart(demo_menu)
    sink.cancel(older.cart_id_hex, more(older, demo_menu).revision, T0)  # cancelled at a later revision (another tab)
    with pytest.raises(CartCancelled):
        sink.place(order_of(older, demo_menu))


def test_an_ordered_cart_is_not_cancelled(sink: SqliteSink, demo_menu: Menu) -> None:
    state = burger_cart(demo_menu)
    order = order_of(state, demo_menu)
    sink.place(order)
    with pytest.raises(CartAlreadyOrdered) as refused:
        sink.cancel(state.cart_id_hex, state.revision, T0)
    assert refused.value.details["order_id"] == order.order_id
    assert sink.lookup(state.cart_id_hex, state.revision) == order.to_dict()  # still the order
    assert sink.place(order).created is False  # a retry still gets it back: no cancellation was recorded


def test_items_added_after_the_cancel_are_ordered(sink: SqliteSink, demo_menu: Menu) -> None:
    state = burger_cart(demo_menu)
    sink.cancel(state.cart_id_hex, state.revision, T0)
    later = more(cart.clear(state), demo_menu)  # cleared, then a coke: a later revision
    placed = sink.place(order_of(later, demo_menu))
    assert placed.created and placed.order["cart_revision"] == later.revision
    with pytest.raises(CartAlreadyOrdered):  # and the cancelled copy now meets the order, as any older copy
        sink.place(order_of(state, demo_menu))


def test_a_cancel_never_lowers_the_recorded_revision(sink: SqliteSink, demo_menu: Menu) -> None:
    state = burger_cart(demo_menu)
    sink.cancel(state.cart_id_hex, state.revision, T0)
    sink.cancel(state.cart_id_hex, state.revision - 1, T0)  # an older tab's cancel, arriving late
    with pytest.raises(CartCancelled):
        sink.place(order_of(state, demo_menu))


def test_a_store_that_cannot_be_written_is_never_cancelled(tmp_path: Path, demo_menu: Menu) -> None:
    (tmp_path / "a-file").write_text("")
    broken = SqliteSink(tmp_path / "a-file" / "orders.sqlite3", busy_timeout_seconds=0.2)
    with pytest.raises(OrderOutcomeUnknown):
        broken.cancel(burger_cart(demo_menu).cart_id_hex, 2, T0)


def test_the_webhook_records_nothing_and_says_so(demo_menu: Menu) -> None:
    hook = WebhookSink("http://127.0.0.1:1/orders", SECRET)
    assert hook.cancel(burger_cart(demo_menu).cart_id_hex, 2, T0) is False  # the caller says an order may stand


def held_write_lock(path: Path) -> sqlite3.Connection:
    """Another process's writer: the store's write lock taken and held (the breaker's ``begin immediate``)."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def race(sink: OrderSink, order: Order, release: Callable[[], None]) -> tuple[Any, Any]:
    """``order`` placed and its cart cancelled at its revision while the store is held; ``release`` frees it
    once both are under way. The placement's thread is seen running before the cancel starts (the checkout in
    flight of the fault); whichever then takes the lock first wins. Each outcome: its value or its error."""
    reached = threading.Event()
    place = sink.place

    def placing() -> Placement:
        reached.set()
        return place(order)

    with ThreadPoolExecutor(2) as pool:
        placed = pool.submit(placing)
        assert reached.wait(5)
        cancelled = pool.submit(sink.cancel, order.cart_id, order.cart_revision, T0)
        wait([cancelled], timeout=0.3)  # before the fix: "cancelled" at once, while the checkout still waits
        release()
        return outcome(placed), outcome(cancelled)


def outcome(future: Future[Any]) -> Any:
    try:
        return future.result(timeout=10)
    except Exception as exc:  # the answer the caller gets
        return exc


def test_a_cancel_racing_an_inflight_placement_one_of_them_wins(sink: SqliteSink, demo_menu: Menu) -> None:
    sink.place(order_of(burger_cart(demo_menu)._replace(cart_id=b"other-01"), demo_menu))  # the file exists
    state = burger_cart(demo_menu)
    order = order_of(state, demo_menu)
    holder = held_write_lock(sink.path)
    placed, cancelled = race(sink, order, lambda: holder.execute("COMMIT"))
    holder.close()
    stored = sink.lookup(state.cart_id_hex, state.revision)
    if cancelled is True:  # the cancel won: the placement was refused, nothing is stored
        assert isinstance(placed, CartCancelled) and stored is None
    else:  # the placement won: the cancel named the order
        assert isinstance(placed, Placement) and placed.created and stored == order.to_dict()
        assert isinstance(cancelled, CartAlreadyOrdered)
