"""The PostgreSQL order store behind a real PgBouncer (the usual production set-up), in session and
transaction pooling with PgBouncer's default settings: no refused startup parameter (every checkout
used to fail after 13 s), no prepared-statement collisions between client connections that share a
server connection (transaction pooling), one order per cart."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from app.core.menu import Menu
from app.orders.order import Order, build_order
from app.orders.postgres import PostgresSink
from tests.conftest import T0
from tests.orders.test_postgres import fresh_database
from tests.pgbouncer_server import PgBouncer
from tests.postgres_server import PostgresServer
from tests.support.orders import ADA, burger_cart

pytestmark = pytest.mark.slow  # starts a real PostgreSQL and PgBouncer


@pytest.fixture
def order(demo_menu: Menu) -> Order:
    return build_order(burger_cart(demo_menu), demo_menu, ADA, T0)[0]


@pytest.fixture(params=["session", "transaction"])
def bouncer(request: pytest.FixtureRequest, postgres: PostgresServer) -> Iterator[PgBouncer]:
    # one server connection for all clients: in transaction pooling every transaction shares it
    with PgBouncer(postgres, request.param, default_pool_size=1 if request.param == "transaction" else 10) as running:
        yield running


def test_orders_through_pgbouncer_in_both_pooling_modes(
    bouncer: PgBouncer, postgres: PostgresServer, order: Order
) -> None:
    url = bouncer.url(fresh_database(postgres).rsplit("/", 1)[1])
    sinks = [PostgresSink(url, deadline_seconds=5, pool_size=4) for _ in range(2)]  # two replicas
    try:
        for sink in sinks:
            sink.start()
        carts = [replace(order, order_id=f"ord_{n:020x}", cart_id=f"{n:016x}") for n in range(12)]

        def place_and_look(n: int) -> tuple[bool, bool]:
            sink, placed = sinks[n % 2], carts[n % len(carts)]
            created = sink.place(placed).created
            # the same statements again and again: psycopg would prepare them after 5 runs
            found = [sink.lookup(placed.cart_id, placed.cart_revision) for _ in range(6)]
            return created, all(f is not None and f["order_id"] == placed.order_id for f in found)

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(place_and_look, range(48)))
        assert sum(created for created, _ in results) == len(carts)  # one order per cart
        assert all(found for _, found in results)
        assert {o["order_id"] for o in sinks[0].recent(100)} == {c.order_id for c in carts}
    finally:
        for sink in sinks:
            sink.close()
