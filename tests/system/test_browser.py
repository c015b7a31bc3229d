"""The demo page and cart-client.js in real Chromium against a real ``voicecart serve``.

Debian's chromium (never ``playwright install``), headless, driven by the Python Playwright
package. Skips when chromium is absent locally; fails when it is absent in CI.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.core.cart.pricing import format_money, tax_cents
from tests.conftest import DEMO_MENU_FILE, TEST_KEYS
from tests.fleet import require_binary
from tests.servers import ServerProcess

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RECORDED = json.loads((Path(__file__).resolve().parents[2] / "app" / "static" / "realtime-events.json").read_text())
SCRIPT = RECORDED["scenarios"]["order"]["steps"]
MENU = json.loads(DEMO_MENU_FILE.read_text())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = require_binary("chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def server_env(tmp: Path, **extra: str) -> dict[str, str]:
    return {"CART_KEYS": TEST_KEYS, "CART_DATA_DIR": str(tmp), "CART_MENU_RELOAD_SECONDS": "0", **extra}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    tmp = tmp_path_factory.mktemp("browser-server")
    with ServerProcess(server_env(tmp), log_path=tmp / "server.log") as running:
        yield running


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # bypass_csp: Playwright's wait_for_function evaluates strings, which the page's CSP forbids
    # (rightly); test_the_page_runs_under_its_own_content_security_policy runs it with the CSP on
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def open_demo(page: Any, base: str) -> None:
    page.goto(f"{base}/?delay=0")
    page.wait_for_selector("body[data-ready=true]")


def cart_lines(page: Any) -> list[tuple[str, str, str]]:
    """(quantity, name, modifiers) of every line shown."""
    rows = page.eval_on_selector_all(
        ".cart-line",
        "rows => rows.map(r => [r.querySelector('.qty').textContent, r.querySelector('.name').textContent,"
        " r.querySelector('.mods').textContent])",
    )
    return [tuple(row) for row in rows]


def shown_cart_id(page: Any) -> str:
    return page.text_content("#cart-meta").split()[1]


def function_call_events(response_id: str, calls: list[tuple[str, str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The GA Realtime events of one completed response making ``calls`` (call_id, name, arguments)."""
    items = [
        {"type": "function_call", "status": "completed", "call_id": c, "name": n, "arguments": json.dumps(a)}
        for c, n, a in calls
    ]
    return [
        {"type": "response.created", "event_id": f"e-{response_id}-0", "response": {"id": response_id}},
        *(
            {
                "type": "response.output_item.done",
                "event_id": f"e-{response_id}-{i + 1}",
                "response_id": response_id,
                "output_index": i,
                "item": item,
            }
            for i, item in enumerate(items)
        ),
        {
            "type": "response.done",
            "event_id": f"e-{response_id}-done",
            "response": {"id": response_id, "status": "completed", "output": items},
        },
    ]


def handle_all(page: Any, events: list[dict[str, Any]]) -> None:
    """Hand every event to the page's adapter at once, then wait until every call is answered."""
    page.evaluate(
        "async (events) => { events.forEach(e => voicecart.adapter.handle(e)); await voicecart.adapter.settled(); }",
        events,
    )


def say_tool_call(page: Any, call_id: str, name: str, arguments: dict[str, Any]) -> None:
    """One model response with one function call, through the page's adapter; wait until answered."""
    handle_all(page, function_call_events(f"r-{call_id}", [(call_id, name, arguments)]))


def expected_total(lines: list[tuple[str, int, list[str]]]) -> tuple[str, str, str]:
    """Subtotal, tax and total computed from the menu file for (item name, quantity, option names)."""
    items = {i["name"]: i for i in MENU["items"]}
    subtotal = 0
    for name, quantity, options in lines:
        item = items[name]
        prices = {o["name"]: o["price_cents"] for g in item["modifier_groups"] for o in g["options"]}
        subtotal += quantity * (item["price_cents"] + sum(prices[o] for o in options))
    tax = tax_cents(subtotal, Decimal(MENU["tax_rate"]))
    return format_money(subtotal), format_money(tax), format_money(subtotal + tax)


SCRIPTED_ORDER = [
    ("Cheeseburger", 1, ["Medium Well", "Cheddar"]),
    ("French Fries", 1, ["Large"]),
    ("Mexican Coke", 1, []),
    ("Kids Burger Meal", 1, ["Kids Fries", "Apple Juice"]),
]


def test_scripted_conversation_builds_the_cart_and_answers_every_call(
    page: Any, server: ServerProcess, tmp_path: Path
) -> None:
    open_demo(page, server.url)
    assert page.input_value("#script")  # the shipped script is loaded into the simulate box
    page.click("#play")
    page.wait_for_function("() => document.getElementById('sim-status').textContent === 'done'")

    shown = cart_lines(page)
    assert [(q, n) for q, n, _ in shown] == [(f"{q}×", n) for n, q, _ in SCRIPTED_ORDER]
    for (_, _, mods), (_, _, options) in zip(shown, SCRIPTED_ORDER, strict=True):
        assert [m.strip() for m in mods.split(",") if m.strip()] == options
    subtotal, tax, total = expected_total(SCRIPTED_ORDER)
    assert (page.text_content("#subtotal"), page.text_content("#tax"), page.text_content("#total")) == (
        subtotal,
        tax,
        total,
    )

    # what the adapter sent to the "model": one output per completed call, then one response.create
    # where the recorded model waited for it; every client event carries its own event_id
    sent = page.evaluate("voicecart.channel.sent")
    trace = [m["item"]["call_id"] if m["type"] == "conversation.item.create" else m["type"] for m in sent]
    expected_trace = [
        "response.create" if "await" in step else step["item"]["call_id"]
        for step in SCRIPT
        if "await" in step or (step["type"] == "response.output_item.done" and step["item"]["type"] == "function_call")
    ]
    call_ids = [c for c in expected_trace if c != "response.create"]
    assert trace == expected_trace
    assert len({m["event_id"] for m in sent}) == len(sent) and all(m["event_id"] for m in sent)
    outputs = {m["item"]["call_id"]: json.loads(m["item"]["output"]) for m in sent if m["type"] != "response.create"}
    assert sorted(outputs) == sorted(call_ids) and all(o["ok"] for o in outputs.values())
    assert total in outputs[call_ids[-1]]["message"]  # get_current_order reads the total out loud
    assert page.evaluate("voicecart.client.maxInFlight") == 1

    transcript = page.text_content("#transcript")
    assert "coca cola" in transcript and "add_to_order" in transcript
    shot = Path(os.environ.get("VOICECART_SCREENSHOT", tmp_path / "demo.png"))
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_two_parallel_function_calls_in_one_response_both_land(page: Any, server: ServerProcess) -> None:
    open_demo(page, server.url)
    events = function_call_events(
        "r1",
        [
            ("a", "add_to_order", {"items": [{"item": "onion rings", "modifiers": ["small"]}]}),
            ("b", "add_to_order", {"items": [{"item": "bottle of water"}]}),
        ],
    )
    # all events arrive before any answer: both calls are in flight at once from the model's view
    handle_all(page, events)
    assert sorted(n for _, n, _ in cart_lines(page)) == ["Bottled Water", "Onion Rings"]
    sent = page.evaluate("voicecart.channel.sent")
    assert [m["type"] for m in sent].count("response.create") == 1 and sent[-1]["type"] == "response.create"

    # the control: the same two calls sent raw, in parallel, with one token fork the cart
    forked = page.evaluate(
        """async () => {
            const token = voicecart.client.token;
            const call = (item) => fetch('/v1/restaurants/demo-burger/tools/add_to_order', {method: 'POST',
                headers: {'Content-Type': 'application/json', 'Cart-Token': token},
                body: JSON.stringify({arguments: {items: [{item}]}})}).then(r => r.json());
            const [x, y] = await Promise.all([call('coke'), call('brownie')]);
            return [x.cart.lines.length, y.cart.lines.length];
        }"""
    )
    assert forked == [3, 3]  # each saw only its own addition: why the client queues


def test_reload_restores_the_cart(page: Any, server: ServerProcess) -> None:
    open_demo(page, server.url)
    say_tool_call(page, "c1", "add_to_order", {"items": [{"item": "two large fries"}]})
    before = (cart_lines(page), shown_cart_id(page), page.text_content("#total"))
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert (cart_lines(page), shown_cart_id(page), page.text_content("#total")) == before
    assert before[0] == [("2×", "French Fries", "Large")]
    assert page.is_hidden("#notice")
    # a closed tab: a new page of the same browser profile picks the cart up from localStorage
    context = page.context
    page.close()
    reopened = context.new_page()
    open_demo(reopened, server.url)
    assert (cart_lines(reopened), shown_cart_id(reopened), reopened.text_content("#total")) == before


def test_start_voice_without_a_speech_model_points_to_simulate(page: Any, server: ServerProcess) -> None:
    open_demo(page, server.url)
    page.click("#connect")
    page.wait_for_selector("#notice:not([hidden])")
    assert "simulate" in page.text_content("#notice")
    assert page.text_content("#voice-status") == "voice off"


def test_order_continues_after_the_server_is_killed_and_restarted(page: Any, browser: Any, tmp_path: Path) -> None:
    env = server_env(tmp_path)
    first = ServerProcess(env, log_path=tmp_path / "a.log").start()
    try:
        open_demo(page, first.url)
        say_tool_call(
            page, "c1", "add_to_order", {"items": [{"item": "cheese burger", "modifiers": ["medium", "swiss"]}]}
        )
        cart_id = shown_cart_id(page)
    finally:
        first.kill()  # SIGKILL: nothing is flushed, nothing needs to be
    with ServerProcess(env, port=first.port, log_path=tmp_path / "b.log"):
        say_tool_call(page, "c2", "add_to_order", {"items": [{"item": "chocolate milkshake", "modifiers": ["large"]}]})
        assert [n for _, n, _ in cart_lines(page)] == ["Cheeseburger", "Chocolate Shake"]
        assert shown_cart_id(page) == cart_id
        sent = page.evaluate("voicecart.channel.sent")
        assert json.loads(sent[-2]["item"]["output"])["ok"] is True


def test_expired_token_shows_the_message_and_a_fresh_cart(page: Any, browser: Any, tmp_path: Path) -> None:
    with ServerProcess(server_env(tmp_path, CART_TTL_SECONDS="10"), log_path=tmp_path / "s.log") as short:
        open_demo(page, short.url)
        say_tool_call(page, "c1", "add_to_order", {"items": [{"item": "mexican coke"}]})
        old_id = shown_cart_id(page)
        assert page.is_hidden("#notice")
        idle_tab = browser.new_page(bypass_csp=True)  # a second customer who will come back by reloading
        open_demo(idle_tab, short.url)
        say_tool_call(
            idle_tab, "c1", "add_to_order", {"items": [{"item": "iced tea", "modifiers": ["small", "sweet"]}]}
        )
        idle_id = shown_cart_id(idle_tab)

        time.sleep(11.2)  # the server's sliding TTL is 10 s; nothing else happens meanwhile

        idle_tab.reload()  # the page notices on load: message, empty fresh cart
        idle_tab.wait_for_selector("body[data-ready=true]")
        assert "expired" in idle_tab.text_content("#notice") and cart_lines(idle_tab) == []
        assert shown_cart_id(idle_tab) != idle_id
        idle_tab.close()

        say_tool_call(page, "c2", "add_to_order", {"items": [{"item": "fudge brownie"}]})  # the server refuses
        assert "expired" in page.text_content("#notice")
        assert page.is_visible("#notice")
        assert [n for _, n, _ in cart_lines(page)] == ["Fudge Brownie"]
        assert shown_cart_id(page) != old_id
        output = json.loads(page.evaluate("voicecart.channel.sent")[-2]["item"]["output"])
        assert output["ok"] is True and "new order" in output["note"]


def test_the_page_runs_under_its_own_content_security_policy(browser: Any, server: ServerProcess) -> None:
    """Issue #24: the demo page sends a CSP (no framing, scripts and styles from its origin only);
    the page must still start, play the simulate box and show the cart with it enforced."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        opened = context.new_page()
        violations: list[str] = []
        opened.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        open_demo(opened, server.url)
        opened.click("#play")
        opened.wait_for_selector(".cart-line")
        assert violations == []
    finally:
        context.close()
