"""Schemathesis hooks for ``tests/system/test_schemathesis.py``: a real ``Cart-Token`` for every case.

Loaded by ``schemathesis run`` through ``SCHEMATHESIS_HOOKS=tests.system.schemathesis_hooks``. The
server under test is ``VOICECART_URL``. For each restaurant the provider makes, once, a cart with
three lines (line ids 1-3, so PATCH/DELETE of a generated small line id can succeed) and hands
that token to every case on that restaurant's paths; cases without ``{rid}`` get the first one.
A case that places an order gets a new cart of its own: an ordered cart's token is refused after.
Cases without a drawn ``Origin`` get the server's own, as a browser on the demo page sends it.
Schemathesis' own auth checks still send cases without it or with a wrong one (the 401s).
"""

from __future__ import annotations

import os
from typing import Any

import httpx
import schemathesis
from hypothesis import strategies as st

LINES = 3  # line ids 1-3
PLACES_AN_ORDER = ("/cart/checkout", "/tools/confirm_order")  # the operations that turn a cart into an order


def cart_with_lines(base: str, rid: str) -> str:
    """A token for a cart at ``rid`` with up to three lines of items that need no choice, made through the API."""
    cart = f"{base}/v1/restaurants/{rid}/cart"
    token = httpx.post(cart).raise_for_status().headers["Cart-Token"]
    menu = httpx.get(f"{base}/v1/restaurants/{rid}/menu").raise_for_status().json()
    plain = [
        i["id"]
        for i in menu["items"]
        if i.get("available", True) and not i.get("modifier_groups") and not i.get("variations")
    ]
    for item in plain:
        answer = httpx.post(f"{cart}/items", json={"item": item}, headers={"Cart-Token": token})
        if answer.status_code == 200:  # an item outside its availability window is refused: take the next
            token = answer.headers["Cart-Token"]
            if len(answer.json()["cart"]["lines"]) == LINES:
                break
    return token


@schemathesis.auth()
class CartTokenAuth:
    """Tokens per restaurant, made on the first case and kept (a token stays valid for 30 minutes)."""

    def get(self, case: schemathesis.Case, ctx: schemathesis.AuthContext) -> dict[str, str]:
        base = os.environ["VOICECART_URL"]
        restaurants = httpx.get(f"{base}/readyz").json()["menus"]
        return {rid: cart_with_lines(base, rid) for rid in restaurants}

    def set(self, case: schemathesis.Case, data: dict[str, str], ctx: schemathesis.AuthContext) -> None:
        rid: Any = (case.path_parameters or {}).get("rid")
        token = data.get(rid) or next(iter(data.values()))
        if case.operation.path.endswith(PLACES_AN_ORDER) and rid in data:
            # an order placed on the shared cart would make every later case on it a 409
            # (cart_already_ordered): each order gets a cart of its own
            token = cart_with_lines(os.environ["VOICECART_URL"], rid)
        headers = {**(case.headers or {}), "Cart-Token": token}
        headers.setdefault("Origin", os.environ["VOICECART_URL"])  # a browser's own page, unless one was drawn
        case.headers = headers


# formats the schema names for what a JSON Schema pattern cannot say (app/orders/order.py's rules)
PRINTABLE = st.characters(exclude_categories=["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"])
schemathesis.openapi.format(
    "printable", st.text(PRINTABLE, min_size=1, max_size=40).filter(lambda s: s.strip() and len(s.strip()) <= 80)
)
schemathesis.openapi.format("phone", st.from_regex(r"\+?[0-9]{3}[ .-]?[0-9]{3}[ .-]?[0-9]{4}", fullmatch=True))
