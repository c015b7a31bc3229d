"""The HTTP comparison apps, served by the same uvicorn as voicecart (``--factory``).

Each answers ``POST /v1/restaurants/{rid}/cart/items`` with voicecart's request body and its
``{"cart": Cart, "line_id": n}`` response shape (minus the token), parsing the body with
voicecart's own :func:`app.server.http.read_json`:

* :func:`redis_app` — the cart lives in Redis (``redis.asyncio``; ``GET`` + ``SETEX 1800``),
  keyed by a ``Cart-Id`` header; the bench seeds the carts before the load.
* :func:`dict_app` — the cart lives in this worker's dict (seeded at start-up in every worker,
  which is exactly why it cannot be shared by two workers in real life).
* :func:`token_app` — voicecart's own turn (token in, token out) in the same minimal shell,
  without the shipped ops middleware: isolates what carrying the cart in the token costs.
* :func:`bare_app` — parses the body and returns a precomputed cart of the same size: the
  ceiling for this server, this body and this response.

Every variant renders its JSON with the response class voicecart ships
(:class:`app.server.responses.OrjsonResponse`), so the serializer is the same on both sides of a ratio.

The seed cart is the corpus's 5-line UUID-menu cart (``BENCH_CART_LINES`` changes it).
"""

from __future__ import annotations

import os
import time
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.core import turn
from app.core.cart import CartState
from app.core.cart.pricing import price_cart
from app.core.menu import Menu
from app.errors import CartError, InvalidRequest, NotFound, RestaurantNotFound
from app.json_input import object_fields, optional_str, string_list
from app.server.http import on_cart_error, read_json
from app.server.responses import OrjsonResponse as JSONResponse  # what voicecart answers with, for every variant
from bench.corpus import CorpusCart, bench_codec, make_cart
from bench.stores import TTL_SECONDS, dumps, loads, server_side_turn

PATH = "/v1/restaurants/{rid}/cart/items"
CART_ID_HEADER = "Cart-Id"
SEEDED_CARTS = 5000


def seed_cart() -> CorpusCart:
    return make_cart(os.environ.get("BENCH_MENU", "uuid"), int(os.environ.get("BENCH_CART_LINES", "5")))


def cart_ids(count: int = SEEDED_CARTS) -> list[str]:
    return [f"{n:016x}" for n in range(1, count + 1)]


def seeded_state(seed: CartState, cart_id: str, now: int) -> CartState:
    return CartState(
        bytes.fromhex(cart_id),
        seed.restaurant_id,
        now,
        now,
        seed.revision,
        seed.next_line_id,
        seed.checked_out,
        seed.lines,
    )


async def add_item_op(request: Request) -> turn.AddItem:
    """voicecart's add-item body, parsed and checked the same way."""
    body = object_fields(await read_json(request), {"item", "quantity", "modifiers", "notes"}, {"item"})
    if not isinstance(body["item"], str):
        raise InvalidRequest("item must be a string: an item id or its name")
    return turn.AddItem(
        item=body["item"],
        quantity=body.get("quantity", 1),
        modifiers=string_list(body.get("modifiers", []), "modifiers"),
        notes=optional_str(body.get("notes"), "notes"),
    )


def cart_body(priced: Any, line_id: int | None, now: int) -> dict[str, Any]:
    return {"cart": turn.cart_view(priced, now + TTL_SECONDS), "line_id": line_id}


def _menu(request: Request, menu: Menu) -> Menu:
    if request.path_params["rid"] != menu.restaurant_id:
        raise RestaurantNotFound("unknown restaurant")
    return menu


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def _starlette(endpoint: Any) -> Starlette:
    routes = [Route("/healthz", healthz), Route(PATH, endpoint, methods=["POST"])]
    return Starlette(routes=routes, exception_handlers={CartError: on_cart_error})


def redis_app() -> Starlette:
    import redis.asyncio as aioredis

    menu = seed_cart().menu
    client = aioredis.Redis.from_url(os.environ["BENCH_REDIS_URL"])

    async def add_item(request: Request) -> Response:
        op = await add_item_op(request)
        key = "cart:" + request.headers[CART_ID_HEADER]
        now = int(time.time())
        data = await client.get(key)
        if data is None:
            raise NotFound("no such cart")
        priced, line_id = server_side_turn(loads(data, _menu(request, menu), now), op, menu, now)
        await client.set(key, dumps(priced.state, menu), ex=TTL_SECONDS)
        return JSONResponse(cart_body(priced, line_id, now))

    return _starlette(add_item)


def dict_app() -> Starlette:
    seed = seed_cart()
    menu = seed.menu
    now = int(time.time())
    carts = {cid: seeded_state(seed.state, cid, now) for cid in cart_ids()}

    async def add_item(request: Request) -> Response:
        op = await add_item_op(request)
        cart_id = request.headers[CART_ID_HEADER]
        state = carts.get(cart_id)
        if state is None:
            raise NotFound("no such cart")
        now = int(time.time())
        priced, line_id = server_side_turn(state, op, _menu(request, menu), now)
        carts[cart_id] = priced.state
        return JSONResponse(cart_body(priced, line_id, now))

    return _starlette(add_item)


def token_app() -> Starlette:
    """voicecart's turn and response without the shipped ops layer (metrics, access log, tools):
    the same handler shape as the others, so the difference is only where the cart lives."""
    seed = seed_cart()
    codec = bench_codec()

    async def add_item(request: Request) -> Response:
        op = await add_item_op(request)
        now = int(time.time())
        result = turn.run_turn(request.headers.get("Cart-Token"), op, _menu(request, seed.menu), codec, now)
        body = {**cart_body(result.priced, result.line_id, now), "cart_token": result.token}
        return JSONResponse(body, headers={"Cart-Token": result.token})

    return _starlette(add_item)


def bare_app() -> Starlette:
    seed = seed_cart()
    now = int(time.time())
    body = cart_body(price_cart(seed.state, seed.menu), 1, now)

    async def add_item(request: Request) -> Response:
        await read_json(request)
        return JSONResponse(body)

    return _starlette(add_item)


def seed_redis(url: str, seed: CorpusCart) -> None:
    """Store every seeded cart in Redis (pipelined) before the load starts."""
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    now = int(time.time())
    with client.pipeline(transaction=False) as pipe:
        for cart_id in cart_ids():
            pipe.set("cart:" + cart_id, dumps(seeded_state(seed.state, cart_id, now), seed.menu), ex=TTL_SECONDS)
        pipe.execute()
    client.close()
