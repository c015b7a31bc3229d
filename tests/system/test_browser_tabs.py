"""cart-client.js in real Chromium where real browsers differ: several tabs on one cart, storage that
throws, a client clock that is off, and a token the server refuses for each of its reasons.

The same fixtures as tests/system/test_browser.py (Debian's chromium, a real ``voicecart serve``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_KEYS
from tests.servers import ServerProcess
from tests.system.test_browser import (  # noqa: F401 (fixtures)
    browser,
    cart_lines,
    open_demo,
    page,
    say_tool_call,
    server,
    server_env,
    shown_cart_id,
)

pytestmark = pytest.mark.slow

NO_WEB_LOCKS = "Object.defineProperty(Navigator.prototype, 'locks', {get: () => undefined, configurable: true});"
STORAGE_FAULTS = {
    "setItem throws QuotaExceededError": (
        "Storage.prototype.setItem = function () { throw new DOMException('quota', 'QuotaExceededError'); };"
    ),
    "getItem throws": "Storage.prototype.getItem = function () { throw new DOMException('denied', 'SecurityError'); };",
    "the localStorage getter throws": (
        "Object.defineProperty(window, 'localStorage',"
        " {get() { throw new DOMException('blocked', 'SecurityError'); }});"
    ),
}
FAST_CLOCK = "{ const real = Date.now; Date.now = () => real() + 40 * 60 * 1000; }"  # the client's clock 40 min fast


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:  # noqa: F811
    """One browser profile: its tabs share localStorage and Web Locks, as a customer's tabs do."""
    opened = browser.new_context(viewport={"width": 1200, "height": 800}, bypass_csp=True)  # wait_for_function
    opened.set_default_timeout(15_000)
    yield opened
    opened.close()


def tab(context: Any, base: str) -> Any:
    opened = context.new_page()
    open_demo(opened, base)
    return opened


def start_adds(tab: Any, item: str, count: int) -> None:
    """Fire ``count`` add_to_order calls at once through the tab's client (results kept on the page)."""
    tab.evaluate(
        """([item, count]) => {
            window.adds = Promise.all(Array.from({length: count}, (_, i) =>
                voicecart.client.callTool('add_to_order', {items: [{item}]}, `${item}-${i}`)));
        }""",
        [item, count],
    )


def finished_adds(tab: Any) -> list[bool]:
    return tab.evaluate("window.adds.then(answers => answers.map(a => a.ok))")


def server_cart(base: str, token: str) -> dict[str, Any]:
    answer = httpx.get(f"{base}/v1/restaurants/demo-burger/cart", headers={"Cart-Token": token})
    assert answer.status_code == 200, answer.text
    return answer.json()["cart"]


@pytest.mark.parametrize("locks", ["web locks", "no web locks"])
def test_two_tabs_adding_at_once_keep_every_confirmed_item(context: Any, server: ServerProcess, locks: str) -> None:  # noqa: F811
    if locks == "no web locks":  # the fallback: a turn whose token moved meanwhile is sent again on the newer one
        context.add_init_script(NO_WEB_LOCKS)
    first, second = tab(context, server.url), tab(context, server.url)
    assert first.evaluate("voicecart.client.locks === null") == (locks == "no web locks")
    start_adds(first, "chocolate chip cookie", 5)
    start_adds(second, "bottled water", 5)
    assert finished_adds(first) == [True] * 5 and finished_adds(second) == [True] * 5

    # both tabs come to show one cart holding all ten (the other tab's writes arrive by storage events)
    ten = "() => [...document.querySelectorAll('.cart-line .qty')].reduce((n, q) => n + parseInt(q.textContent), 0)"
    ten += " === 10"
    for shown in (first, second):
        shown.wait_for_function(ten)
        shown_lines = sorted((q, n) for q, n, _ in cart_lines(shown))
        assert shown_lines == [("5×", "Bottled Water"), ("5×", "Chocolate Chip Cookie")]
    token = first.evaluate("voicecart.client.token")
    second.wait_for_function("(token) => voicecart.client.token === token", arg=token)
    quantities = {line["name"]: line["quantity"] for line in server_cart(server.url, token)["lines"]}
    assert quantities == {"Chocolate Chip Cookie": 5, "Bottled Water": 5}


def test_the_idle_tab_follows_the_cart(context: Any, server: ServerProcess) -> None:  # noqa: F811
    active, idle = tab(context, server.url), tab(context, server.url)
    assert shown_cart_id(active) == shown_cart_id(idle)
    say_tool_call(active, "c1", "add_to_order", {"items": [{"item": "fudge brownie"}]})
    idle.wait_for_function("() => document.querySelectorAll('.cart-line').length === 1")
    assert cart_lines(idle) == cart_lines(active) == [("1×", "Fudge Brownie", "")]
    assert idle.text_content("#total") == active.text_content("#total")
    # and the idle tab's next turn starts from that cart, not from the one it had shown before
    say_tool_call(idle, "c2", "add_to_order", {"items": [{"item": "chocolate chip cookie"}]})
    assert [n for _, n, _ in cart_lines(idle)] == ["Fudge Brownie", "Chocolate Chip Cookie"]


@pytest.mark.parametrize("fault", list(STORAGE_FAULTS))
def test_storage_that_throws_keeps_one_cart_in_memory(page: Any, server: ServerProcess, fault: str) -> None:  # noqa: F811
    page.add_init_script(STORAGE_FAULTS[fault])
    open_demo(page, server.url)  # the page becomes ready
    notice = page.text_content("#notice")
    assert "kept only while this page stays open" in notice and notice.count("kept only") == 1
    cart_id = shown_cart_id(page)
    say_tool_call(page, "c1", "add_to_order", {"items": [{"item": "cheeseburger", "modifiers": ["medium", "swiss"]}]})
    say_tool_call(page, "c2", "add_to_order", {"items": [{"item": "onion rings", "modifiers": ["small"]}]})
    say_tool_call(page, "c3", "add_to_order", {"items": [{"item": "mexican coke"}]})
    assert [n for _, n, _ in cart_lines(page)] == ["Cheeseburger", "Onion Rings", "Mexican Coke"]
    assert shown_cart_id(page) == cart_id  # one cart, not a new one per call
    outputs = [json.loads(m["item"]["output"]) for m in page.evaluate("voicecart.channel.sent") if "item" in m]
    assert [o["ok"] for o in outputs] == [True, True, True]
    assert page.evaluate("voicecart.client.persistent") is False


def test_a_fast_client_clock_does_not_discard_the_cart(page: Any, server: ServerProcess) -> None:  # noqa: F811
    page.add_init_script(FAST_CLOCK)
    open_demo(page, server.url)
    say_tool_call(page, "c1", "add_to_order", {"items": [{"item": "vanilla shake", "modifiers": ["small"]}]})
    before = (shown_cart_id(page), cart_lines(page))
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert (shown_cart_id(page), cart_lines(page)) == before  # the server still accepts it: kept
    assert page.is_hidden("#notice")


def test_a_dropped_key_is_named_to_the_customer_and_the_model(page: Any, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    old_only, new_only = TEST_KEYS.split(",")[1], TEST_KEYS.split(",")[0]
    with ServerProcess(server_env(tmp_path, CART_KEYS=old_only), log_path=tmp_path / "a.log") as before:
        port = before.port
        open_demo(page, before.url)
        say_tool_call(page, "c1", "add_to_order", {"items": [{"item": "iced tea", "modifiers": ["small", "sweet"]}]})
        other = browser.new_page(bypass_csp=True)  # a second customer, who will come back by reloading
        open_demo(other, before.url)
        say_tool_call(other, "c1", "add_to_order", {"items": [{"item": "fudge brownie"}]})
    # the operator rotated and dropped the key that signed both carts
    with ServerProcess(server_env(tmp_path, CART_KEYS=new_only), port=port, log_path=tmp_path / "b.log"):
        say_tool_call(page, "c2", "add_to_order", {"items": [{"item": "fudge brownie"}]})
        notice = page.text_content("#notice")
        assert "security update" in notice and "expired" not in notice
        assert [n for _, n, _ in cart_lines(page)] == ["Fudge Brownie"]
        output = json.loads(page.evaluate("voicecart.channel.sent")[-2]["item"]["output"])
        assert output["ok"] is True and "signing key" in output["note"] and "expired" not in output["note"]

        other.reload()
        other.wait_for_selector("body[data-ready=true]")
        assert "security update" in other.text_content("#notice") and cart_lines(other) == []
        other.close()


def test_an_unreadable_saved_cart_is_named_as_such(page: Any, server: ServerProcess) -> None:  # noqa: F811
    # a saved cart from before this page's first load (as an older client version saved it)
    page.add_init_script(
        "localStorage.setItem('voicecart:cart:demo-burger', JSON.stringify({token: 'not-a-cart-token', cart: null}))"
    )
    open_demo(page, server.url)
    notice = page.text_content("#notice")
    assert "could not be read" in notice and "expired" not in notice and "security" not in notice


def test_new_order_in_one_tab_starts_it_in_every_tab(context: Any, server: ServerProcess) -> None:  # noqa: F811
    first, second = tab(context, server.url), tab(context, server.url)
    say_tool_call(first, "c1", "add_to_order", {"items": [{"item": "fudge brownie"}]})
    old_id = shown_cart_id(first)
    second.wait_for_function("() => document.querySelectorAll('.cart-line').length === 1")
    second.click("#new-order")
    first.wait_for_function("(old) => !document.getElementById('cart-meta').textContent.includes(old)", arg=old_id)
    assert shown_cart_id(first) == shown_cart_id(second) != old_id
    assert cart_lines(first) == cart_lines(second) == []
    say_tool_call(first, "c2", "add_to_order", {"items": [{"item": "chocolate chip cookie"}]})
    assert [n for _, n, _ in cart_lines(first)] == ["Chocolate Chip Cookie"]  # on the new cart


def test_without_indexeddb_the_cart_is_kept_in_localstorage(page: Any, server: ServerProcess) -> None:  # noqa: F811
    page.add_init_script("IDBFactory.prototype.open = function () { throw new DOMException('no', 'SecurityError'); };")
    open_demo(page, server.url)
    say_tool_call(page, "c1", "add_to_order", {"items": [{"item": "fudge brownie"}]})
    say_tool_call(page, "c2", "add_to_order", {"items": [{"item": "mexican coke"}]})
    before = (shown_cart_id(page), cart_lines(page))
    assert [n for _, n, _ in before[1]] == ["Fudge Brownie", "Mexican Coke"]
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert (shown_cart_id(page), cart_lines(page)) == before and page.is_hidden("#notice")
