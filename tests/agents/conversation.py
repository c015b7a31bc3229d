"""One drive-thru conversation, played through any integration's tool-calling path.

``call(name, arguments) -> output`` is the integration under test (the output is the JSON string the
model would read); ``restart()`` kills and restarts the voicecart server between two turns. The
script adds two lines, restarts, then reads the order back, reviews and checks out with the total
the review answered, and checks that the lines added before the kill are in the placed order.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

Call = Callable[[str, dict[str, Any]], Awaitable[str]]

log = logging.getLogger("voicecart.transcript")

TURNS_BEFORE_RESTART: list[tuple[str, dict[str, Any]]] = [
    ("find_menu_items", {"query": "burger"}),
    ("add_to_order", {"items": [{"item": "cheeseburger", "quantity": 2, "modifiers": ["medium", "cheddar"]}]}),
    ("add_to_order", {"items": [{"item": "fries", "modifiers": ["large"]}]}),
]


def nulls_for_missing(arguments: Any, schema: dict[str, Any]) -> Any:
    """A strict model's form of ``arguments``: every property of ``schema`` present, ``None`` when not given."""
    if isinstance(arguments, dict) and "properties" in schema:
        props = schema["properties"]
        return {key: nulls_for_missing(arguments.get(key), props[key]) for key in props}
    if isinstance(arguments, list) and isinstance(schema.get("items"), dict):
        return [nulls_for_missing(a, schema["items"]) for a in arguments]
    return arguments


async def run(call: Call, restart: Callable[[], None], name: str) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Play the conversation; returns the transcript ``[(tool, arguments, parsed output), …]``."""
    transcript: list[tuple[str, dict[str, Any], dict[str, Any]]] = []

    async def turn(tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        output = json.loads(await call(tool, arguments))
        transcript.append((tool, arguments, output))
        log.info("%s: %s(%s) -> %s", name, tool, json.dumps(arguments), output.get("message"))
        return output

    for tool, arguments in TURNS_BEFORE_RESTART:
        assert (await turn(tool, arguments))["ok"], transcript[-1]
    restart()
    log.info("%s: -- voicecart killed (SIGKILL) and restarted on the same port --", name)
    order = await turn("get_current_order", {})
    described = [line["description"] for line in order["cart"]["lines"]]
    assert described == ["two Cheeseburgers with Medium and Cheddar", "one large French Fries"], described
    review = await turn("confirm_order", {"action": "review"})
    assert review["ok"] and review["total_cents"] > 0
    placed = await turn(
        "confirm_order", {"action": "checkout", "customer_name": "Ada", "total_cents": review["total_cents"]}
    )
    assert placed["ok"], placed
    assert [line["item_id"] for line in placed["order"]["lines"]] == ["cheeseburger", "fries"]
    assert placed["order"]["total_cents"] == review["total_cents"]
    return transcript
