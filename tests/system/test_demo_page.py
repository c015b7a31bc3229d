"""The demo page as a newcomer meets it (issue #21), in real Chromium at a phone's size (390×844) and
a desktop's (1400×900), against a real ``voicecart serve``:

- no sideways scrolling at 390 px (nothing wider than the screen), on the burger and the café page;
- the "checkout" scenario places an order (banner); *New order* clears the banner with the cart;
- the café's tax-included prices read as a receipt does: "Total" and "includes GST A$…", no
  Subtotal/Tax lines that equal the total;
- the café page has its own scenarios, each saying what it does;
- an item outside its serving hours looks not orderable and says when it is served (the browser's
  clock set to 2 pm and to 8 am in Sydney).

``VOICECART_SCREENSHOTS=DIR`` keeps the screenshots (phone and desktop, each page) to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.core.cart.pricing import format_money
from tests.servers import ServerProcess
from tests.system.test_browser import browser, server_env  # noqa: F401 (the fixture)

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
SYDNEY_2PM = datetime(2027, 1, 15, 3, 0, tzinfo=UTC)  # 14:00 AEDT: open, breakfast over
SYDNEY_8AM = datetime(2027, 1, 14, 21, 0, tzinfo=UTC)  # 08:00 AEDT: breakfast is served


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    tmp = tmp_path_factory.mktemp("demo-page")
    with ServerProcess(server_env(tmp), log_path=tmp / "server.log") as running:
        yield running


def open_page(browser: Any, url: str, size: str, at: datetime | None = None) -> Any:  # noqa: F811
    context = browser.new_context(viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    page.set_default_timeout(15_000)
    if at is not None:
        page.clock.set_fixed_time(at)
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    return page


def overflow(page: Any) -> list[str]:
    """Elements reaching past the right edge of the screen (empty: no sideways scrolling)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const page = document.documentElement.scrollWidth;
            const past = (e) => e.getBoundingClientRect().right > width + 0.5 && e.offsetParent !== null;
            const wide = [...document.querySelectorAll('body *')].filter(past);
            const name = (e) => `${e.tagName}#${e.id}.${e.className} ${e.getBoundingClientRect().right}px`;
            return [page > width ? `page ${page}px` : '', ...wide.map(name)].filter(Boolean);
        }"""
    )


def play(page: Any, scenario: str) -> None:
    page.select_option("#scenario", scenario)
    page.click("#play")
    page.wait_for_function("() => document.getElementById('sim-status').textContent === 'done'")


def keep(page: Any, name: str) -> None:
    folder = os.environ.get("VOICECART_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("size", SIZES)
def test_the_checkout_scenario_places_an_order_and_new_order_clears_it(
    browser: Any,  # noqa: F811
    server: ServerProcess,
    size: str,
) -> None:
    page = open_page(browser, f"{server.url}/?delay=0", size)
    assert overflow(page) == []
    assert page.is_hidden("#order-placed")
    play(page, "checkout")
    page.wait_for_selector("#order-placed:not([hidden])")
    banner = page.text_content("#order-placed")
    assert banner.startswith("Order placed: ord_") and page.text_content("#total") in banner
    assert "order is placed" in page.text_content("#transcript")
    assert overflow(page) == [], "the page scrolls sideways"  # with a transcript of long tool lines
    keep(page, f"burger-{size}-placed")

    play(page, "checkout")  # again: the placed order is not changed, a new one is placed
    second = page.text_content("#order-placed")
    assert second.startswith("Order placed: ord_") and second != banner

    page.click("#new-order")
    page.wait_for_selector("#cart-empty", state="visible")  # the new, empty cart is shown
    assert page.is_hidden("#order-placed") and page.text_content("#order-placed") == ""
    assert page.text_content("#total") == "$0.00"
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_cafe_reads_its_gst_as_a_receipt_and_has_scenarios_that_say_what_they_do(
    browser: Any,  # noqa: F811
    server: ServerProcess,
    size: str,
) -> None:
    page = open_page(browser, f"{server.url}/?restaurant=demo-cafe&delay=0", size, at=SYDNEY_2PM)
    assert page.eval_on_selector_all("#scenario option", "o => o.map(x => x.value)") == ["order", "breakfast"]
    assert "GST" in page.text_content("#scenario-about")  # the first scenario says what it does
    play(page, "order")
    totals = page.inner_text("#totals")
    total = page.text_content("#total")
    assert total.startswith("A$") and total != "A$0.00"
    assert page.query_selector("#subtotal") is None and page.query_selector("#tax") is None
    included = page.text_content("#includes-gst")
    assert included.startswith("includes GST A$") and "Subtotal" not in totals and "Tax" not in totals
    cents = round(float(total.removeprefix("A$")) * 100)
    assert included == f"includes GST {format_money(round(cents / 11), 'AUD')}"  # 10 % GST inside the price
    assert overflow(page) == [], "the page scrolls sideways"
    keep(page, f"cafe-{size}")
    page.context.close()


def test_the_burger_keeps_subtotal_tax_and_total(browser: Any, server: ServerProcess) -> None:  # noqa: F811
    page = open_page(browser, f"{server.url}/?delay=0", "desktop")
    play(page, "order")
    rows = page.eval_on_selector_all("#totals tr", "rows => rows.map(r => r.querySelector('th')?.textContent)")
    assert rows == ["Subtotal", "Tax", "Total"]
    page.context.close()


@pytest.mark.parametrize(("at", "served"), [(SYDNEY_2PM, False), (SYDNEY_8AM, True)])
def test_items_outside_their_serving_hours_look_not_orderable_and_say_when(
    browser: Any,  # noqa: F811
    server: ServerProcess,
    at: datetime,
    served: bool,
) -> None:
    page = open_page(browser, f"{server.url}/?restaurant=demo-cafe&delay=0", "phone", at=at)
    roll = page.query_selector(".menu-item[data-item-id=brekkie-roll]")
    coffee = page.query_selector(".menu-item[data-item-id=flat-white]")
    assert "unavailable" not in coffee.get_attribute("class")
    assert ("unavailable" in roll.get_attribute("class")) is not served
    assert ("served 06:30–11:30" in roll.text_content()) is not served
    assert page.text_content("#menu-hours").startswith("Open now · today 06:30–15:00")
    keep(page, f"cafe-menu-{'breakfast' if served else 'afternoon'}")
    page.context.close()
