"""The demo page in real Chromium: a voice checkout through confirm_order shows the placed order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.core.cart.pricing import format_money
from app.orders.sqlite import SqliteSink
from tests.servers import ServerProcess
from tests.system.test_browser import browser, open_demo, page, say_tool_call, server_env  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


def last_output(tab: Any, call_id: str) -> dict[str, Any]:
    sent = tab.evaluate("voicecart.channel.sent")
    items = [m["item"] for m in sent if m["type"] == "conversation.item.create" and m["item"]["call_id"] == call_id]
    return json.loads(items[-1]["output"])


def test_voice_checkout_shows_the_placed_order(page: Any, tmp_path: Path) -> None:  # noqa: F811
    with ServerProcess(server_env(tmp_path), log_path=tmp_path / "server.log") as server:
        open_demo(page, server.url)
        say_tool_call(
            page, "c1", "add_to_order", {"items": [{"item": "cheeseburger", "modifiers": ["medium", "swiss"]}]}
        )
        say_tool_call(page, "c2", "confirm_order", {"action": "review"})
        review = last_output(page, "c2")
        assert review["ok"] and review["message"].startswith("One Cheeseburger with Medium and Swiss.")
        assert page.is_hidden("#order-placed")

        checkout = {"action": "checkout", "customer_name": "Ada", "total_cents": review["total_cents"]}
        say_tool_call(page, "c3", "confirm_order", checkout)
        placed = last_output(page, "c3")
        order = placed["order"]
        page.wait_for_selector("#order-placed:not([hidden])")
        banner = page.text_content("#order-placed")
        assert order["order_id"] in banner and format_money(order["total_cents"]) in banner
        assert format_money(order["total_cents"]) in review["message"]  # what was read back is what was placed
        assert SqliteSink(tmp_path / "orders.sqlite3").get(order["order_id"]) == order
