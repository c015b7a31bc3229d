"""Menu changes while carts are open: reprice with warnings, never crash, checkout follows the
current menu; menus reload without a restart (file change or SIGHUP) and a bad edit keeps the
last good menu serving."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from tests.conftest import DEMO, TEST_KEYS
from tests.servers import ServerProcess

CART = f"/v1/restaurants/{DEMO}/cart"
MenuEdit = Callable[[dict[str, Any]], None]


def edit_menu(menu_dir: Path, change: MenuEdit) -> None:
    path = menu_dir / "demo-burger.json"
    menu = json.loads(path.read_text())
    change(menu)
    path.write_text(json.dumps(menu, indent=2))


def item(menu: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(i for i in menu["items"] if i["id"] == item_id)


def reload(client: TestClient) -> None:
    assert client.app.state.reloader.check() is True


class Cart:
    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.token = client.post(CART).headers["Cart-Token"]

    def call(self, method: str, path: str = "", body: dict[str, Any] | None = None) -> httpx.Response:
        answer = self.client.request(method, CART + path, json=body, headers={"Cart-Token": self.token})
        assert answer.status_code < 500, answer.text
        if answer.is_success:
            self.token = answer.headers["Cart-Token"]
        return answer

    def add(self, item_id: str, quantity: int = 1, modifiers: tuple[str, ...] = ()) -> int:
        answer = self.call("POST", "/items", {"item": item_id, "quantity": quantity, "modifiers": list(modifiers)})
        assert answer.status_code == 200, answer.text
        return answer.json()["line_id"]

    def view(self) -> dict[str, Any]:
        answer = self.call("GET")
        assert answer.status_code == 200, answer.text
        return answer.json()["cart"]


def line(cart: dict[str, Any], line_id: int) -> dict[str, Any]:
    return next(x for x in cart["lines"] if x["line_id"] == line_id)


def codes(cart: dict[str, Any], line_id: int) -> list[str]:
    return [w["code"] for w in cart["warnings"] if w["line_id"] == line_id]


def test_price_change_reprices_open_carts_once_with_a_warning(client: TestClient, menu_dir: Path) -> None:
    cart = Cart(client)
    burger = cart.add("classic-burger", 2, ("medium", "bacon"))
    before = line(cart.view(), burger)["unit_price_cents"]

    edit_menu(menu_dir, lambda m: item(m, "classic-burger").update(price_cents=949))
    reload(client)
    after = cart.view()

    warning = next(w for w in after["warnings"] if w["line_id"] == burger)
    assert warning["code"] == "price_changed"
    assert (warning["old_unit_price_cents"], warning["new_unit_price_cents"]) == (before, before + 50)
    assert line(after, burger)["line_total_cents"] == 2 * (before + 50)
    assert after["subtotal_cents"] == 2 * (before + 50)
    assert codes(cart.view(), burger) == []  # announced once: the new token carries the new quote


def test_an_86d_item_stays_in_the_cart_but_counts_for_nothing(client: TestClient, menu_dir: Path) -> None:
    cart = Cart(client)
    fries = cart.add("fries", 1, ("large",))
    water = cart.add("bottled-water")

    edit_menu(menu_dir, lambda m: item(m, "fries").update(available=False))
    reload(client)
    view = cart.view()
    assert codes(view, fries) == ["item_unavailable"]
    assert line(view, fries)["available"] is False
    assert view["subtotal_cents"] == line(view, water)["line_total_cents"]
    refused = cart.call("POST", "/items", {"item": "fries", "modifiers": ["small"]})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "item_unavailable"

    edit_menu(menu_dir, lambda m: item(m, "fries").update(available=True))
    reload(client)
    assert line(cart.view(), fries)["available"] is True


def test_a_deleted_item_can_still_be_removed_from_the_cart(client: TestClient, menu_dir: Path) -> None:
    cart = Cart(client)
    rings = cart.add("onion-rings", 2, ("small",))
    cookie = cart.add("cookie")

    edit_menu(menu_dir, lambda m: m["items"].remove(item(m, "onion-rings")))
    reload(client)
    view = cart.view()
    assert codes(view, rings) == ["item_unavailable"]
    assert line(view, rings)["item_id"] is None
    assert view["subtotal_cents"] == line(view, cookie)["line_total_cents"]
    changed = cart.call("PATCH", f"/items/{rings}", {"quantity": 3})  # allowed, still counts for nothing
    assert changed.status_code == 200, changed.text
    assert changed.json()["cart"]["subtotal_cents"] == view["subtotal_cents"]
    assert cart.call("DELETE", f"/items/{rings}").status_code == 200
    assert [x["line_id"] for x in cart.view()["lines"]] == [cookie]


def test_a_removed_option_asks_the_customer_to_choose_again(client: TestClient, menu_dir: Path) -> None:
    cart = Cart(client)
    burger = cart.add("classic-burger", 1, ("medium", "avocado"))

    def drop_avocado(menu: dict[str, Any]) -> None:
        extras = next(g for g in item(menu, "classic-burger")["modifier_groups"] if g["id"] == "extras")
        extras["options"] = [o for o in extras["options"] if o["id"] != "avocado"]

    edit_menu(menu_dir, drop_avocado)
    reload(client)
    view = cart.view()
    warning = next(w for w in view["warnings"] if w["line_id"] == burger)
    assert (warning["code"], warning["reason"]) == ("item_unavailable", "modifier_removed")
    assert view["subtotal_cents"] == 0

    fixed = cart.call("PATCH", f"/items/{burger}", {"modifiers": ["medium", "bacon"]})
    assert fixed.status_code == 200, fixed.text
    assert line(fixed.json()["cart"], burger)["available"] is True


def test_checkout_total_follows_the_current_menu(client: TestClient, menu_dir: Path, demo_menu: Any) -> None:
    cart = Cart(client)
    cart.add("mexican-coke", 3)
    edit_menu(menu_dir, lambda m: item(m, "mexican-coke").update(price_cents=399))
    reload(client)

    answer = cart.call("POST", "/checkout", {"customer": {"name": "Ada"}, "fulfillment": "pickup"})
    assert answer.status_code in (200, 201), answer.text
    order = answer.json()["order"]
    assert order["subtotal_cents"] == 3 * 399
    assert order["total_cents"] == answer.json()["cart"]["total_cents"]


def test_a_bad_edit_keeps_the_last_good_menu(client: TestClient, menu_dir: Path) -> None:
    cart = Cart(client)
    coke = cart.add("mexican-coke")
    price = line(cart.view(), coke)["unit_price_cents"]
    path = menu_dir / "demo-burger.json"
    good = path.read_text()

    path.write_text(good.replace('"price_cents": 349', '"price_cents": "cheap"', 1))
    assert client.app.state.reloader.check() is False
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready"
    assert ready["menu_reload"]["ok"] is False
    assert "demo-burger.json" in ready["menu_reload"]["last_error"]
    assert "price_cents" in ready["menu_reload"]["last_error"]
    assert line(cart.view(), coke)["unit_price_cents"] == price  # still served, old prices
    path.write_text("{ half a file")
    assert client.app.state.reloader.check() is False

    path.write_text(good)
    assert client.app.state.reloader.check() is True
    assert client.get("/readyz").json()["menu_reload"]["ok"] is True
    metrics = client.get("/metrics").text
    assert 'voicecart_menu_reloads_total{result="error"} 2.0' in metrics
    assert 'voicecart_menu_reloads_total{result="ok"} 1.0' in metrics


def test_unchanged_files_do_not_reload(client: TestClient, menu_dir: Path) -> None:
    assert client.app.state.reloader.check() is False
    path = menu_dir / "demo-burger.json"
    path.write_text(path.read_text())  # touched, same content
    assert client.app.state.reloader.check() is False


def test_a_new_menu_file_adds_a_restaurant(client: TestClient, menu_dir: Path) -> None:
    menu = json.loads((menu_dir / "demo-burger.json").read_text())
    menu["restaurant_id"] = "second-burger"
    (menu_dir / "second-burger.json").write_text(json.dumps(menu))
    assert client.post("/v1/restaurants/second-burger/cart").status_code == 404
    reload(client)
    assert client.post("/v1/restaurants/second-burger/cart").status_code == 201


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.05)


@pytest.mark.slow
def test_sighup_reloads_a_running_server(menu_dir: Path, tmp_path: Path) -> None:
    env = {"CART_KEYS": TEST_KEYS, "CART_MENU_DIR": str(menu_dir), "CART_MENU_RELOAD_SECONDS": "0"}
    with ServerProcess(env, log_path=tmp_path / "serve.log") as server:
        before = httpx.get(f"{server.url}/readyz").json()["menus"][DEMO]
        edit_menu(menu_dir, lambda m: item(m, "cookie").update(price_cents=249))
        time.sleep(0.3)
        assert httpx.get(f"{server.url}/readyz").json()["menus"][DEMO] == before  # polling is off

        assert server.proc is not None
        os.kill(server.proc.pid, signal.SIGHUP)
        wait_for(lambda: httpx.get(f"{server.url}/readyz").json()["menus"][DEMO] != before)
        menu = httpx.get(f"{server.url}/v1/restaurants/{DEMO}/menu").json()
        assert item(menu, "cookie")["price_cents"] == 249
        assert server.proc.poll() is None  # SIGHUP did not end the process


@pytest.mark.slow
def test_a_running_server_polls_the_menu_directory(menu_dir: Path, tmp_path: Path) -> None:
    env = {"CART_KEYS": TEST_KEYS, "CART_MENU_DIR": str(menu_dir), "CART_MENU_RELOAD_SECONDS": "1"}
    with ServerProcess(env, log_path=tmp_path / "serve.log") as server:
        edit_menu(menu_dir, lambda m: item(m, "brownie").update(available=False))
        wait_for(lambda: not item(httpx.get(f"{server.url}/v1/restaurants/{DEMO}/menu").json(), "brownie")["available"])


def test_an_edit_landing_while_menus_load_is_still_picked_up(settings: Any, menu_dir: Path) -> None:
    """The reloader compares against the files as they were *before* the catalog loaded them."""
    from app.runtime.context import build_context
    from app.runtime.menu_reload import MenuReloader, snapshot

    before = snapshot(menu_dir)
    ctx = build_context(settings)
    assert ctx.menu_files == before
    edit_menu(menu_dir, lambda m: item(m, "mexican-coke").update(price_cents=399))  # after the load
    reloader = MenuReloader(ctx.catalog, menu_dir, 0, seen=ctx.menu_files)
    assert reloader.check() is True
    coke = ctx.catalog.get(DEMO).item("mexican-coke")
    assert coke is not None and coke.price_cents == 399
