"""The alternatives voicecart is measured against: the same cart kept server-side.

* **Redis** (as the seed proposed): ``GET`` the cart's JSON, apply the turn, ``SETEX`` it back
  for 1800 s. The JSON is the cart's natural form (:func:`bench.corpus.natural_json`).
* **dict**: the original in-process store, holding :class:`~app.core.cart.CartState` objects. It is
  the cost floor — and loses every cart on restart and cannot be shared by two workers.

Both run the very same :func:`app.core.turn.apply` and :func:`app.core.cart.pricing.price_cart` as voicecart,
so the comparison isolates how the cart is carried.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from app.core import turn
from app.core.cart import CartState
from app.core.cart.pricing import PricedCart, price_cart
from app.core.menu import Menu
from bench.corpus import from_natural_json, natural_json

if TYPE_CHECKING:
    from redis import Redis

TTL_SECONDS = 1800


def server_side_turn(state: CartState, op: turn.Operation, menu: Menu, now: int) -> tuple[PricedCart, int | None]:
    """What a stateful server does per turn once it has the cart: apply, reprice, stamp."""
    state, line_id = turn.apply(state, op, menu)
    priced = price_cart(state._replace(updated_at=now), menu)
    return priced, line_id


def dumps(state: CartState, menu: Menu) -> bytes:
    return json.dumps(natural_json(state, menu), separators=(",", ":")).encode()


def loads(data: bytes, menu: Menu, now: int) -> CartState:
    return from_natural_json(json.loads(data), menu, now)


def redis_turn(client: Redis, src: str, dst: str, op: turn.Operation, menu: Menu, now: int) -> PricedCart:
    """GET ``src`` + turn + SETEX ``dst`` (``SET … EX``) (src == dst in a real service; the bench reuses one
    start state so a repeated add cannot grow the line past its quantity limit)."""
    data = client.get(src)
    priced, _ = server_side_turn(loads(data, menu, now), op, menu, now)
    client.set(dst, dumps(priced.state, menu), ex=TTL_SECONDS)
    return priced


def dict_turn(store: dict[str, CartState], src: str, dst: str, op: turn.Operation, menu: Menu, now: int) -> PricedCart:
    priced, _ = server_side_turn(store[src], op, menu, now)
    store[dst] = priced.state
    return priced
