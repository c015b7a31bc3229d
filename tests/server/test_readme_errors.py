"""The README's error tables are what the service answers: every row's status and code, provoked.

Each table with a ``| status | code | when |`` header (*Errors*, and *Checkout*'s) is read from
README.md; every code in it is produced here by a real request to the app (``PROVOKE``), whose
answer must carry that code under that status. The codes the voice tools answer inside a 200
(``ok: false``) are checked on the tool's answer, their status on the error tree. And every code
of the error tree is in the *Errors* table, under the tree's status, so a new error cannot go
undocumented.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

import app.errors as errors
from app.server.app import create_app
from app.server.http import TOKEN_HEADER
from app.server.openapi import error_codes
from app.settings import Settings, bundled_menu_dir
from tests.conftest import DEMO, TACO, FakeClock
from tests.server.test_openapi import ORIGIN, apps, at_the_concurrency_limit, use_up_sessions  # noqa: F401
from tests.support.realtime import upstream_fixture  # noqa: F401 (the fixture apps uses)

README = Path(__file__).resolve().parents[2] / "README.md"
CART = f"/v1/restaurants/{DEMO}/cart"
CAFE = "/v1/restaurants/demo-cafe/cart"
EDITS = "edits-burger"  # a copy of the demo menu that the menu-changing provocations edit
CHECKOUT = {"customer": {"name": "Ada"}, "fulfillment": "pickup"}
VOICE_ONLY = {"not_in_order", "line_ambiguous"}  # answered inside a tool's 200 as ok: false


def readme_rows() -> list[tuple[int, str]]:
    """(status, code) of every row of every status/code table in the README, in order."""
    rows: list[tuple[int, str]] = []
    in_table = False
    for line in README.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if cells[:2] == ["status", "code"]:
            in_table = True
            continue
        if not cells:
            in_table = False
        if not in_table or set(cells[0]) <= {"-", ":"}:
            continue
        statuses = [int(s) for s in re.findall(r"\d{3}", cells[0])]
        codes = re.findall(r"`([a-z_]+)`", cells[1])
        if not codes:  # "token and restaurant codes": a pointer to the Errors table
            continue
        if len(statuses) == 1:
            rows += [(statuses[0], code) for code in codes]
        else:  # "502 / 503 | `upstream_error` / `realtime_unavailable`": pairwise
            assert len(statuses) == len(codes), line
            rows += list(zip(statuses, codes, strict=True))
    return rows


def errors_table_codes() -> dict[str, int]:
    section = README.read_text().split("\n## Errors\n", 1)[1].split("\n## ", 1)[0]
    found: dict[str, int] = {}
    for line in section.splitlines():
        if line.startswith("| 4") or line.startswith("| 5"):
            statuses, code_cell = line.strip("|").split("|")[:2]
            codes = re.findall(r"`([a-z_]+)`", code_cell)
            numbers = [int(s) for s in re.findall(r"\d{3}", statuses)]
            found |= dict(zip(codes, numbers if len(numbers) == len(codes) else numbers * len(codes), strict=True))
    return found


# --- provoking each code --------------------------------------------------------------------------------------


@dataclasses.dataclass
class World:
    apps: Callable[..., TestClient]
    settings: Settings
    clock: FakeClock
    menu_dir: Path
    monkeypatch: pytest.MonkeyPatch

    @property
    def plain(self) -> TestClient:
        return self.apps("plain")

    def cart(self, *items: dict[str, Any], base: str = CART, client: TestClient | None = None) -> str:
        client = client or self.plain
        token = client.post(base).headers[TOKEN_HEADER]
        for item in items:
            added = client.post(f"{base}/items", json=item, headers={TOKEN_HEADER: token})
            assert added.status_code == 200, added.text
            token = added.headers[TOKEN_HEADER]
        return token

    def edit_menu(self, edit: Callable[[dict[str, Any]], None]) -> TestClient:
        path = self.menu_dir / f"{EDITS}.json"
        data = json.loads(path.read_text())
        edit(data)
        path.write_text(json.dumps(data))
        assert self.plain.app.state.reloader.reload()
        return self.plain


Answer = httpx.Response


def add(w: World, body: dict[str, Any], token: str | None = None, base: str = CART) -> Answer:
    return w.plain.post(f"{base}/items", json=body, headers={TOKEN_HEADER: token or w.cart(base=base)})


def checkout(w: World, token: str, body: dict[str, Any] = CHECKOUT, client: TestClient | None = None) -> Answer:
    return (client or w.plain).post(f"{CART}/checkout", json=body, headers={TOKEN_HEADER: token})


def tool(w: World, name: str, arguments: dict[str, Any], token: str) -> Answer:
    return w.plain.post(
        f"/v1/restaurants/{DEMO}/tools/{name}", json={"arguments": arguments}, headers={TOKEN_HEADER: token}
    )


def already_ordered(w: World) -> Answer:
    token = w.cart({"item": "mexican coke"})
    assert checkout(w, token).status_code == 201
    return add(w, {"item": "bottled water"}, token)  # the token from before the order was placed


def cancelled(w: World) -> Answer:
    token = w.cart({"item": "mexican coke"})
    assert w.plain.delete(CART, headers={TOKEN_HEADER: token}).status_code == 200
    return checkout(w, token)  # the token from before the cancel


def key_retired(w: World) -> Answer:
    other = dataclasses.replace(w.settings, keys_spec="gone:" + "g" * 40)
    with TestClient(create_app(other, clock=w.clock)) as old_fleet:
        token = old_fleet.post(CART).headers[TOKEN_HEADER]
    return w.plain.get(CART, headers={TOKEN_HEADER: token})


def expired(w: World) -> Answer:
    token = w.cart()
    w.clock.advance(w.settings.ttl_seconds + 1)
    return w.plain.get(CART, headers={TOKEN_HEADER: token})


def clock_skew(w: World) -> Answer:
    ahead = FakeClock(w.clock() + w.settings.clock_skew_seconds + 5)
    with TestClient(create_app(w.settings, clock=ahead)) as fast:
        token = fast.post(CART).headers[TOKEN_HEADER]
    return w.plain.get(CART, headers={TOKEN_HEADER: token})


def unavailable_at_checkout(w: World) -> Answer:
    token = w.cart({"item": "mexican coke"}, base=f"/v1/restaurants/{EDITS}/cart")
    client = w.edit_menu(lambda d: next(i for i in d["items"] if i["id"] == "mexican-coke").update(available=False))
    return client.post(f"/v1/restaurants/{EDITS}/cart/checkout", json=CHECKOUT, headers={TOKEN_HEADER: token})


def negative_total(w: World) -> Answer:
    token = w.cart({"item": "cookie", "modifiers": ["warmed"]}, base=f"/v1/restaurants/{EDITS}/cart")

    def discount(menu: dict[str, Any]) -> None:  # an option price that outweighs the cookie
        cookie = next(i for i in menu["items"] if i["id"] == "cookie")
        cookie["modifier_groups"][0]["options"][0]["price_cents"] = -5000

    # only a menu that skipped `menu check` can get there: load one with that rule switched off
    w.monkeypatch.setattr("app.core.menu.parse.check_rules", lambda menu: None)
    client = w.edit_menu(discount)
    return client.post(f"/v1/restaurants/{EDITS}/cart/checkout", json=CHECKOUT, headers={TOKEN_HEADER: token})


def closed(w: World) -> Answer:
    token = w.cart({"item": "mexican coke"}, base=f"/v1/restaurants/{EDITS}/cart")
    client = w.edit_menu(lambda d: d.update(hours={"timezone": "UTC", "weekly": {}}))  # closed all week
    return client.post(f"/v1/restaurants/{EDITS}/cart/checkout", json=CHECKOUT, headers={TOKEN_HEADER: token})


def overloaded(w: World) -> Answer:
    client = w.apps("plain", True)
    at_the_concurrency_limit(client)
    return client.get(CART)


def too_many_sessions(w: World) -> Answer:
    client = w.apps("voice", True)
    use_up_sessions(client)
    return client.post("/v1/realtime/session", json={"restaurant_id": DEMO}, headers={"Origin": ORIGIN})


def session(w: World, app: str, origin: str | None = ORIGIN) -> Answer:
    headers = {"Origin": origin} if origin else {}
    return w.apps(app).post("/v1/realtime/session", json={"restaurant_id": DEMO}, headers=headers)


def webhook_checkout(w: World, app: str) -> Answer:
    client = w.apps(app)
    token = w.cart({"item": "mexican coke"}, client=client)
    return checkout(w, token, client=client)


async def _asgi(app: Any, path: str, messages: list[dict[str, Any]], hang: bool = False) -> Answer:
    """One POST straight into the ASGI app, the body as ``messages``; ``hang``: then nothing more."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        if hang:
            await asyncio.Event().wait()  # a client that never sends the rest
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [(b"content-type", b"application/json"), (b"content-length", b"200")]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http"}
    scope |= {"path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers}
    scope |= {"client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000)}
    await app(scope, receive, send)
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return httpx.Response(sent[0]["status"], content=body)


def client_gone(w: World) -> Answer:
    """The client left mid-body: the answer nobody reads, as the app counts and logs it."""
    partial = [{"type": "http.request", "body": b'{"item": "coo', "more_body": True}, {"type": "http.disconnect"}]
    return asyncio.run(_asgi(w.plain.app, f"{CART}/items", partial))


def slow_body(w: World) -> Answer:
    impatient = create_app(dataclasses.replace(w.settings, request_timeout_seconds=1), clock=w.clock)
    started = [{"type": "http.request", "body": b'{"item": "coo', "more_body": True}]
    return asyncio.run(_asgi(impatient, f"{CART}/items", started, hang=True))


def huge_head(w: World) -> Answer:
    """The HTTP protocol ``voicecart serve`` runs, fed a 64 KiB header (the real one over sockets:
    tests/system/test_public_edge.py)."""
    import uvicorn
    from uvicorn.server import ServerState

    from app.server.protocol import GuardedHttpToolsProtocol

    class Transport:
        written, closing = b"", False

        def write(self, data: bytes) -> None:
            self.written += data

        def close(self) -> None:
            self.closing = True

        def is_closing(self) -> bool:
            return self.closing

        def get_extra_info(self, name: str, default: Any = None) -> Any:
            return ("127.0.0.1", 50000) if name in ("peername", "sockname") else default

        def pause_reading(self) -> None: ...

        def resume_reading(self) -> None: ...

    async def feed() -> bytes:
        config = uvicorn.Config(w.plain.app, http=GuardedHttpToolsProtocol)
        protocol = GuardedHttpToolsProtocol(config, ServerState(), {})
        transport = Transport()
        protocol.connection_made(transport)  # type: ignore[arg-type]
        protocol.data_received(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n")
        protocol.connection_lost(None)
        return transport.written

    head, _, body = asyncio.run(feed()).partition(b"\r\n\r\n")
    return httpx.Response(int(head.split()[1]), content=body)


PROVOKE: dict[str, Callable[[World], Answer]] = {
    "token_ambiguous": lambda w: w.plain.get(CART, headers=[(TOKEN_HEADER, w.cart()), (TOKEN_HEADER, w.cart())]),
    "content_encoding_unsupported": lambda w: w.plain.post(
        f"{CART}/items", content=b"\x1f\x8b", headers={TOKEN_HEADER: w.cart(), "Content-Encoding": "gzip"}
    ),
    "client_disconnected": client_gone,
    "request_timeout": slow_body,
    "request_header_too_large": huge_head,
    "invalid_request": lambda w: add(w, {"item": "mexican coke", "quantity": "2"}),  # issue #21's example
    "field_required": lambda w: w.plain.patch(
        f"{CART}/items/1", json={}, headers={TOKEN_HEADER: w.cart({"item": "mexican coke"})}
    ),
    "field_invalid": lambda w: add(w, {"item": "mexican coke", "notes": "no ice\u202e"}),
    "token_missing": lambda w: w.plain.get(CART),
    "token_invalid": lambda w: w.plain.get(CART, headers={TOKEN_HEADER: "AAAA.BBBB"}),
    "token_key_retired": key_retired,
    "token_expired": expired,
    "token_wrong_restaurant": lambda w: w.plain.get(
        CART, headers={TOKEN_HEADER: w.cart(base=f"/v1/restaurants/{TACO}/cart")}
    ),
    "restaurant_not_found": lambda w: w.plain.get("/v1/restaurants/nowhere/menu"),
    "line_not_found": lambda w: w.plain.delete(f"{CART}/items/99", headers={TOKEN_HEADER: w.cart()}),
    "not_found": lambda w: w.plain.get("/no/such/page"),
    "method_not_allowed": lambda w: w.plain.put(f"{CART}/items", headers={TOKEN_HEADER: w.cart()}),
    "cart_checked_out": lambda w: add(
        w, {"item": "mexican coke"}, checkout(w, w.cart({"item": "mexican coke"})).headers[TOKEN_HEADER]
    ),
    "cart_already_ordered": already_ordered,
    "cart_cancelled": cancelled,
    "order_total_changed": lambda w: checkout(
        w, w.cart({"item": "mexican coke"}), {**CHECKOUT, "expected_total_cents": 1}
    ),
    "request_too_large": lambda w: add(w, {"item": "x" * 17_000}),
    "item_not_found": lambda w: add(w, {"item": "lobster"}),
    "item_ambiguous": lambda w: add(w, {"item": "shake"}),
    "item_unavailable": lambda w: add(w, {"item": "strawberry shake", "modifiers": ["small"]}),
    "modifier_invalid": lambda w: add(w, {"item": "mexican coke", "modifiers": ["large"]}),
    "words_not_understood": lambda w: add(w, {"item": "cheeseburger medium cheddar with purple glitter"}),
    "modifier_required": lambda w: add(w, {"item": "cheeseburger", "modifiers": ["medium"]}),
    "modifier_unavailable": lambda w: add(
        w, {"item": "latte", "variation": "small", "modifiers": ["almond milk"]}, base=CAFE
    ),
    "variation_unavailable": lambda w: add(w, {"item": "long black", "variation": "large"}, base=CAFE),
    "order_total_negative": negative_total,
    "quantity_invalid": lambda w: add(w, {"item": "mexican coke", "quantity": 100}),
    "cart_empty": lambda w: checkout(w, w.cart()),
    "cart_has_unavailable_items": unavailable_at_checkout,
    "restaurant_closed": closed,
    "not_in_order": lambda w: tool(w, "remove_from_order", {"item": "onion rings"}, w.cart({"item": "mexican coke"})),
    "line_ambiguous": lambda w: tool(
        w, "remove_from_order", {"item": "fries"}, w.cart({"item": "small fries"}, {"item": "large fries"})
    ),
    "tool_not_found": lambda w: w.plain.post(f"/v1/restaurants/{DEMO}/tools/no_such_tool", json={"arguments": {}}),
    "order_delivery_failed": lambda w: webhook_checkout(w, "webhook_down"),
    "order_outcome_unknown": lambda w: webhook_checkout(w, "webhook_silent"),
    "overloaded": overloaded,
    "clock_skew": clock_skew,
    "origin_not_allowed": lambda w: session(w, "voice", origin=None),
    "too_many_sessions": too_many_sessions,
    "upstream_error": lambda w: session(w, "voice_refused"),
    "realtime_unavailable": lambda w: session(w, "plain"),
    "cart_too_large": lambda w: add(w, {"item": "mexican coke", "notes": "x" * 500}),
}


@pytest.fixture
def world(
    apps: Callable[..., TestClient],  # noqa: F811
    settings: Settings,
    clock: FakeClock,
    menu_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> World:
    shutil.copy(bundled_menu_dir() / "demo-cafe.json", menu_dir)
    edits = json.loads((bundled_menu_dir() / "demo-burger.json").read_text())
    (menu_dir / f"{EDITS}.json").write_text(json.dumps({**edits, "restaurant_id": EDITS}))
    return World(apps, settings, clock, menu_dir, monkeypatch)


ROWS = readme_rows()


def test_the_readme_tables_were_read() -> None:
    assert len(ROWS) >= 40 and (400, "invalid_request") in ROWS and (422, "quantity_invalid") in ROWS


@pytest.mark.parametrize(("status", "code"), ROWS, ids=[f"{s}-{c}" for s, c in ROWS])
def test_each_readme_row_is_a_real_answer(world: World, status: int, code: str) -> None:
    answer = PROVOKE[code](world)
    if code in VOICE_ONLY:
        assert answer.status_code == 200, answer.text
        output = json.loads(answer.json()["output"])
        assert (answer.json()["ok"], output["error"]) == (False, code)
        assert error_status()[code] == status
        return
    assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), answer.text


def error_status() -> dict[str, int]:
    return {code: status for status, codes in error_codes([errors.CartError]).items() for code in codes}


def test_every_error_of_the_tree_is_in_the_errors_table_under_its_status() -> None:
    documented = errors_table_codes()
    tree = error_status()
    assert {code: documented.get(code) for code in tree} == tree
    assert set(documented) - set(tree) <= {"not_found", "method_not_allowed"}  # Starlette's own 404 and 405
