"""A simulated voice session that remembers what the server acknowledged.

Every acknowledged mutation (a 2xx answer) is applied to :class:`ExpectedCart`; at the end the
server's cart must equal it line for line. A turn whose connection failed (or that a balancer
answered 502/503/504) is retried with the SAME token: a turn is a pure function of
token + operation, so the retry cannot double-apply anything. Used by the cluster, restart and
rotation tests and by bench/soak.py (which drives the same plan asynchronously).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

DEMO = "demo-burger"
# (item id, modifiers that satisfy its required groups)
ORDERABLE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("classic-burger", ("medium",)),
    ("cheeseburger", ("medium-well", "cheddar")),
    ("fries", ("large",)),
    ("onion-rings", ("small",)),
    ("soda", ("medium", "cola")),
    ("chicken-sandwich", ("grilled",)),
    ("mexican-coke", ()),
    ("bottled-water", ()),
    ("cookie", ()),
    ("brownie", ()),
)
RETRY_STATUSES = frozenset({502, 503, 504})


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # relative to /v1/restaurants/{rid}
    body: dict[str, Any] | None = None
    mutation: str = "view"  # add / update / remove / clear / view / new
    line_id: int | None = None
    quantity: int = 0
    item: str = ""


@dataclass
class ExpectedCart:
    """What the customer was told: line id -> (item id, quantity)."""

    lines: dict[int, tuple[str, int]] = field(default_factory=dict)
    acknowledged: int = 0

    def plan(self, rng: random.Random) -> Request:
        """The next thing the customer says."""
        roll = rng.random()
        if self.lines and roll < 0.2:
            line_id = rng.choice(sorted(self.lines))
            quantity = rng.randint(1, 4)
            return Request("PATCH", f"/cart/items/{line_id}", {"quantity": quantity}, "update", line_id, quantity)
        if self.lines and roll < 0.3:
            line_id = rng.choice(sorted(self.lines))
            return Request("DELETE", f"/cart/items/{line_id}", None, "remove", line_id)
        if roll < 0.4:
            return Request("GET", "/cart")
        item, modifiers = rng.choice(ORDERABLE)
        quantity = rng.randint(1, 3)
        body = {"item": item, "quantity": quantity, "modifiers": list(modifiers)}
        return Request("POST", "/cart/items", body, "add", quantity=quantity, item=item)

    def acknowledge(self, request: Request, answer: dict[str, Any]) -> None:
        """Apply a 2xx answer to the expectation."""
        if request.mutation == "add":
            line_id = answer["line_id"]
            _, before = self.lines.get(line_id, (request.item, 0))
            self.lines[line_id] = (request.item, before + request.quantity)
        elif request.mutation == "update":
            item, _ = self.lines[request.line_id]
            self.lines[request.line_id] = (item, request.quantity)
        elif request.mutation == "remove":
            del self.lines[request.line_id]
        if request.mutation in ("add", "update", "remove"):
            self.acknowledged += 1

    def lost(self, cart: dict[str, Any]) -> int:
        """Acknowledged lines the server's cart does not hold exactly (plus lines it should not have)."""
        actual = {ln["line_id"]: (ln["item_id"], ln["quantity"]) for ln in cart["lines"]}
        missing = sum(1 for line_id, want in self.lines.items() if actual.get(line_id) != want)
        return missing + len(set(actual) - set(self.lines))


def totals_consistent(cart: dict[str, Any], menu: dict[str, Any]) -> bool:
    """Every line priced from ``menu`` (item + chosen options), and the subtotal adds up."""
    items = {i["id"]: i for i in menu["items"]}
    for line in cart["lines"]:
        item = items[line["item_id"]]
        options = {o["id"]: o["price_cents"] for g in item.get("modifier_groups", []) for o in g["options"]}
        unit = item["price_cents"] + sum(options[m["id"]] for m in line["modifiers"])
        if line["unit_price_cents"] != unit or line["line_total_cents"] != unit * line["quantity"]:
            return False
    return cart["subtotal_cents"] == sum(line["line_total_cents"] for line in cart["lines"])


class Session:
    """Synchronous session against one base URL (a balancer or a replica)."""

    def __init__(self, client: httpx.Client, base: str, rid: str = DEMO, seed: int = 0) -> None:
        self.client = client
        self.base = base
        self.rid = rid
        self.rng = random.Random(seed)
        self.expected = ExpectedCart()
        self.token = ""
        self.served_by: list[str] = []
        self.retries = 0

    def send(self, request: Request, base: str | None = None) -> httpx.Response:
        """One turn; retried with the same token while the connection fails (at most ~10 s)."""
        headers = {"Cart-Token": self.token} if self.token else {}
        url = f"{base or self.base}/v1/restaurants/{self.rid}{request.path}"
        for attempt in range(100):
            try:
                response = self.client.request(request.method, url, json=request.body, headers=headers)
            except httpx.TransportError:
                response = None
            if response is not None and response.status_code not in RETRY_STATUSES:
                break
            self.retries += 1
            time.sleep(min(0.02 * (attempt + 1), 0.2))
        else:
            raise AssertionError(f"{request.method} {url} kept failing")
        self.served_by.append(response.headers.get("voicecart-instance", "?"))
        if response.is_success:
            answer = response.json()
            self.token = answer["cart_token"]
            self.expected.acknowledge(request, answer)
        return response

    def start(self, base: str | None = None) -> httpx.Response:
        response = self.send(Request("POST", "/cart", mutation="new"), base)
        assert response.status_code == 201, response.text
        return response

    def step(self, base: str | None = None) -> httpx.Response:
        """One planned turn; any answer other than 2xx or an expected 422 fails the test."""
        response = self.send(self.expected.plan(self.rng), base)
        assert response.is_success or response.status_code == 422, response.text
        return response

    def cart(self, base: str | None = None) -> dict[str, Any]:
        response = self.send(Request("GET", "/cart"), base)
        assert response.status_code == 200, response.text
        return response.json()["cart"]

    def lost(self, base: str | None = None) -> int:
        return self.expected.lost(self.cart(base))
