"""Recorded Realtime scenarios built from a few lines each: what the customer says, the function
calls the model makes, what it answers. The events have the shapes of the hand-recorded scenarios
in ``app/static/realtime-events.json`` (validated against the openai package by
tests/voice/test_realtime_events.py).

The scenarios built here (``SCENARIOS``) are stored in the static files; the test module checks the
stored copies equal what this builds, so a menu or price change that makes a recorded line untrue
shows up as a failing test. Regenerate with ``python -m tests.voice.recorded``.

The model's spoken lines quote totals, which are computed here from the bundled menus by the app's
own pricing (the tools will answer the same when the scenario plays).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core import turn
from app.core.cart.pricing import format_money
from app.core.menu import Menu, load_menu
from app.core.token.codec import CartCodec
from app.core.token.keys import KeyRing
from app.settings import bundled_menu_dir

STATIC = Path(__file__).resolve().parents[2] / "app" / "static"
AWAIT = {"await": "response.create"}
FILES = {"demo-burger": STATIC / "realtime-events.json", "demo-cafe": STATIC / "realtime-events-demo-cafe.json"}

ABOUT = (
    "Realtime server events as the GA Realtime API sends them over the data channel, one list per scenario, "
    "for the demo page's simulate box and the tests (tests validate every event against the openai package's "
    'models). A step {"await": "response.create"} is not an event: it marks where the model waits for the '
    "client's response.create before the next response starts."
)


@dataclass
class Recorder:
    """Builds one scenario's steps; ids are unique within the scenario."""

    name: str
    steps: list[dict[str, Any]] = field(default_factory=list)
    clock_ms: int = 1200
    counts: dict[str, int] = field(default_factory=dict)

    def _next(self, kind: str) -> int:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return self.counts[kind]

    def _event(self, kind: str, **fields: Any) -> None:
        self.steps.append({"type": kind, "event_id": f"event_{self.name}_{self._next('event'):03d}", **fields})

    def customer(self, words: str) -> Recorder:
        item_id = f"item_user_{self.name}_{self._next('user')}"
        end = self.clock_ms + 2400
        self._event("input_audio_buffer.speech_started", audio_start_ms=self.clock_ms, item_id=item_id)
        self._event("input_audio_buffer.speech_stopped", audio_end_ms=end, item_id=item_id)
        self._event("input_audio_buffer.committed", item_id=item_id)
        self._event(
            "conversation.item.input_audio_transcription.completed",
            item_id=item_id,
            content_index=0,
            transcript=words,
            usage={"type": "duration", "seconds": 2.4},
        )
        self.clock_ms = end + 3000
        return self

    def _response(self) -> str:
        response_id = f"resp_{self.name}_{self._next('response')}"
        self._event("response.created", response=self._shell(response_id, "in_progress", []))
        return response_id

    @staticmethod
    def _shell(response_id: str, status: str, output: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": response_id,
            "object": "realtime.response",
            "status": status,
            "output": output,
            "conversation_id": "conv_demo",
            "output_modalities": ["audio"],
        }

    def calls(self, *calls: tuple[str, dict[str, Any]]) -> Recorder:
        """One response making ``calls`` (name, arguments); the model then waits for response.create."""
        response_id = self._response()
        done = []
        for index, (name, arguments) in enumerate(calls):
            n = self._next("call")
            call_id, item_id, text = f"call_{self.name}_{n}", f"item_call_{self.name}_{n}", json.dumps(arguments)
            item = {"id": item_id, "object": "realtime.item", "type": "function_call", "call_id": call_id, "name": name}
            where = {"response_id": response_id, "output_index": index}
            self._event("response.output_item.added", **where, item={**item, "status": "in_progress", "arguments": ""})
            self._event("response.function_call_arguments.delta", **where, item_id=item_id, call_id=call_id, delta=text)
            self._event(
                "response.function_call_arguments.done",
                **where,
                item_id=item_id,
                call_id=call_id,
                name=name,
                arguments=text,
            )
            finished = {**item, "status": "completed", "arguments": text}
            self._event("response.output_item.done", **where, item=finished)
            done.append(finished)
        self._event("response.done", response=self._shell(response_id, "completed", done))
        self.steps.append(dict(AWAIT))
        return self

    def says(self, words: str) -> Recorder:
        response_id = self._response()
        item_id = f"item_{response_id}_msg"
        message = {"id": item_id, "object": "realtime.item", "type": "message", "role": "assistant"}
        content = [{"type": "output_audio", "transcript": words}]
        where = {"response_id": response_id, "output_index": 0}
        self._event("response.output_item.added", **where, item={**message, "status": "in_progress", "content": []})
        self._event(
            "response.output_audio_transcript.done", **where, item_id=item_id, content_index=0, transcript=words
        )
        finished = {**message, "status": "completed", "content": content}
        self._event("response.output_item.done", **where, item=finished)
        self._event("response.done", response=self._shell(response_id, "completed", [finished]))
        return self


def total_of(menu: Menu, *adds: turn.AddItem) -> tuple[int, str]:
    """The total the tools will quote for a cart of ``adds`` (cents, and as said)."""
    codec = CartCodec(KeyRing.parse("r:" + "r" * 40))
    now = 1_800_000_000
    result = turn.run_turn(None, turn.NewCart(b"recorded"), menu, codec, now)
    for add in adds:
        result = turn.run_turn(result.token, add, menu, codec, now)
    return result.priced.total_cents, format_money(result.priced.total_cents, menu.currency)


def burger_checkout() -> dict[str, Any]:
    menu = load_menu(bundled_menu_dir() / "demo-burger.json")
    cents, total = total_of(
        menu,
        turn.AddItem("classic burger", 1, ("medium", "bacon")),
        turn.AddItem("chocolate shake", 1, ("small",)),
    )
    steps = (
        Recorder("checkout")
        .customer("A classic burger, medium, with bacon, and a small chocolate shake please.")
        .calls(
            ("add_to_order", {"items": [{"item": "classic burger", "modifiers": ["medium", "bacon"]}]}),
            ("add_to_order", {"items": [{"item": "chocolate shake", "modifiers": ["small"]}]}),
        )
        .says("A medium classic burger with bacon and a small chocolate shake. Anything else?")
        .customer("No, that's it.")
        .calls(("confirm_order", {"action": "review"}))
        .says(f"One Classic Burger with Medium and Bacon and one small Chocolate Shake: {total}. Shall I place it?")
        .customer("Yes please, the name is Ada, for pickup.")
        .calls(
            (
                "confirm_order",
                {"action": "checkout", "customer_name": "Ada", "fulfillment": "pickup", "total_cents": cents},
            )
        )
        .says(f"Thanks Ada, your order is placed: {total}, ready for pickup.")
        .steps
    )
    about = (
        "Orders and pays: two items, the read-back (confirm_order review) and the checkout with the total the "
        "customer heard. The order is placed and shown as a banner; New order starts the next one."
    )
    return {"about": about, "steps": steps}


def cafe_order() -> dict[str, Any]:
    menu = load_menu(bundled_menu_dir() / "demo-cafe.json")
    _, total = total_of(
        menu,
        turn.AddItem("flat white", 1, ("oat",), variation="large"),
        turn.AddItem("banana bread", 1, ("ricotta",)),
    )
    steps = (
        Recorder("cafe_order")
        .customer("Could I get a large flat white with oat milk, and a banana bread with ricotta?")
        .calls(
            (
                "add_to_order",
                {"items": [{"item": "large flat white", "modifiers": ["oat"]}, {"item": "banana bread with ricotta"}]},
            )
        )
        .says("A large oat flat white and a toasted banana bread with ricotta. Anything else?")
        .customer("How much is that?")
        .calls(("get_current_order", {}))
        .says(f"That's {total}, GST included.")
        .steps
    )
    about = (
        "A coffee in a size with a milk, and banana bread with an extra; then the total, which includes GST "
        "(the café's prices include it, so the page shows 'includes GST', not a tax line)."
    )
    return {"about": about, "steps": steps}


def cafe_breakfast() -> dict[str, Any]:
    steps = (
        Recorder("breakfast")
        .customer("A brekkie roll with barbecue sauce, please.")
        .calls(("add_to_order", {"items": [{"item": "brekkie roll", "modifiers": ["barbecue sauce"]}]}))
        .says("Breakfast is served from 6:30 to 11:30 each morning. Anything else?")
        .steps
    )
    about = (
        "A breakfast item: served 06:30-11:30 Sydney time only. Inside those hours it is added; outside them "
        "the tool answers item_unavailable and nothing is added (the menu shows it greyed, with its hours)."
    )
    return {"about": about, "steps": steps}


def scenarios() -> dict[str, dict[str, dict[str, Any]]]:
    """The built scenarios by restaurant: added to (burger) or making up (café) its static file."""
    return {
        "demo-burger": {"checkout": burger_checkout()},
        "demo-cafe": {"order": cafe_order(), "breakfast": cafe_breakfast()},
    }


def stored(restaurant_id: str) -> dict[str, Any]:
    path = FILES[restaurant_id]
    return json.loads(path.read_text()) if path.exists() else {}


def write() -> None:
    for restaurant_id, built in scenarios().items():
        doc = stored(restaurant_id) or {"about": ABOUT, "restaurant_id": restaurant_id, "scenarios": {}}
        doc["scenarios"] = {**doc["scenarios"], **built}
        FILES[restaurant_id].write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write()
