"""The recorded Realtime scenarios (``app/static/realtime-events*.json``, one file per restaurant) against
the openai SDK's models.

Every server event must validate as the SDK's ``RealtimeServerEvent`` union, carry no field the
model does not know (at any depth, so a misspelt field cannot hide), and the client events the
adapter sends while playing each scenario (under node) must validate as ``RealtimeClientEvent``.
Each scenario also has the shape its browser test relies on.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import openai.types.realtime as realtime
import pytest
from openai import BaseModel
from pydantic import TypeAdapter

from tests.fleet import require_binary
from tests.voice import recorded

STATIC = Path(__file__).resolve().parents[2] / "app" / "static"
RECORDED = json.loads((STATIC / "realtime-events.json").read_text())
STEPS = {  # "file:scenario" → steps, for every recorded file (the café's too)
    f"{path.name}:{name}": scenario["steps"]
    for path in sorted(STATIC.glob("realtime-events*.json"))
    for name, scenario in json.loads(path.read_text())["scenarios"].items()
}
SERVER_EVENT = TypeAdapter(realtime.RealtimeServerEvent)
CLIENT_EVENT = TypeAdapter(realtime.RealtimeClientEvent)
AWAIT = {"await": "response.create"}


def unknown_fields(model: Any, where: str = "") -> list[str]:
    """Paths of fields the SDK model kept as extras (openai models allow them silently)."""
    if isinstance(model, BaseModel):
        found = [f"{where}.{name}" for name in (model.model_extra or {})]
        for name in type(model).model_fields:
            found += unknown_fields(getattr(model, name), f"{where}.{name}")
        return found
    if isinstance(model, list):
        return [path for i, item in enumerate(model) for path in unknown_fields(item, f"{where}[{i}]")]
    return []


def events(scenario: str) -> list[dict[str, Any]]:
    return [step for step in STEPS.get(scenario) or RECORDED["scenarios"][scenario]["steps"] if step != AWAIT]


@pytest.mark.parametrize("scenario", list(STEPS))
def test_every_recorded_event_is_a_valid_sdk_server_event(scenario: str) -> None:
    steps = STEPS[scenario]
    assert all(step == AWAIT or "type" in step for step in steps)  # the only non-event step
    for event in events(scenario):
        model = SERVER_EVENT.validate_python(event)
        assert model.type == event["type"]
        assert unknown_fields(model) == [], (event["type"], unknown_fields(model))
    ids = [e["event_id"] for e in events(scenario)]
    assert len(set(ids)) == len(ids)


def responses(scenario: str) -> dict[str, dict[str, Any]]:
    return {e["response"]["id"]: e["response"] for e in events(scenario) if e["type"] == "response.done"}


def test_the_scenarios_hold_the_cases_their_tests_need() -> None:
    statuses = {name: {r["status"] for r in responses(name).values()} for name in RECORDED["scenarios"]}
    assert "cancelled" in statuses["cancelled"] and "cancelled" in statuses["interrupted"]
    assert "incomplete" in statuses["incomplete"]
    for name in ("cancelled", "incomplete"):  # the call streamed (arguments.done) but never completed
        calls = [i for r in responses(name).values() for i in r["output"] if i["type"] == "function_call"]
        assert calls and all(i["status"] == "incomplete" for i in calls)
        assert any(e["type"] == "response.function_call_arguments.done" for e in events(name))
    # overlap: a response starts after a function call item completed and before any response.create
    steps = RECORDED["scenarios"]["overlap"]["steps"]
    first_call = next(i for i, s in enumerate(steps) if s.get("type") == "response.output_item.done")
    later_starts = [i for i, s in enumerate(steps) if s.get("type") == "response.created" and i > first_call]
    assert later_starts and later_starts[0] < steps.index(AWAIT)
    refused = [e for e in events("create_refused") if e["type"] == "error"]
    assert [e["error"]["code"] for e in refused] == ["conversation_already_has_active_response"]


ADAPTER_RUN = """
import { RealtimeAdapter, RecordingChannel, playScript } from "./cart-client.js";
const steps = JSON.parse(process.argv[1]);
const client = { callTool: async (name, args, callId) => ({ output: JSON.stringify({ ok: true, message: name }) }) };
const channel = new RecordingChannel();
await playScript(new RealtimeAdapter(client, channel), steps, { timeoutMs: 5000 });
console.log(JSON.stringify(channel.sent));
"""


@pytest.mark.parametrize("scenario", list(STEPS))
def test_what_the_adapter_sends_is_a_valid_sdk_client_event(scenario: str) -> None:
    """The adapter (under node, with a stand-in cart) plays the scenario; each event it sends validates."""
    steps = STEPS[scenario]
    played = subprocess.run(
        [require_binary("node"), "--input-type=module", "-e", ADAPTER_RUN, json.dumps(steps)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=STATIC,
    )
    assert played.returncode == 0, played.stderr
    sent = json.loads(played.stdout)
    assert sum(m["type"] == "response.create" for m in sent) == steps.count(AWAIT)
    for event in sent:
        model = CLIENT_EVENT.validate_python(event)
        assert model.type == event["type"] and model.event_id == event["event_id"]
        assert unknown_fields(model) == [], unknown_fields(model)
    assert len({m["event_id"] for m in sent}) == len(sent)


def test_the_built_scenarios_are_stored_as_built() -> None:
    """The scenarios tests/voice/recorded.py builds (their spoken totals from today's menus) are the
    stored ones: regenerate with ``python -m tests.voice.recorded`` after a menu or price change."""
    for restaurant_id, built in recorded.scenarios().items():
        doc = recorded.stored(restaurant_id)
        assert doc["restaurant_id"] == restaurant_id
        for name, scenario in built.items():
            assert doc["scenarios"][name] == scenario, f"{restaurant_id}:{name} differs from what recorded.py builds"


def test_every_restaurant_has_a_scenario_that_places_an_order_or_says_why_not() -> None:
    placing = [
        name
        for name, steps in STEPS.items()
        if any(
            '"checkout"' in (s.get("arguments") or "") for s in steps if s.get("type", "").endswith("arguments.done")
        )
    ]
    assert placing, "no recorded scenario places an order"
    for path in STATIC.glob("realtime-events*.json"):
        doc = json.loads(path.read_text())
        assert all(s["about"] for s in doc["scenarios"].values()), f"{path.name}: every scenario says what it does"
