"""The RealtimeAdapter in real Chromium, fed the recorded GA Realtime event scenarios of
``app/static/realtime-events.json`` (validated against the openai package in tests/voice/test_realtime_events.py).

What it must hold: a call is made only from a completed function_call item, named by that item;
cancelled, interrupted and incomplete responses make nothing and ask for nothing; response.create
goes out once per batch of answered calls and only while no response is active, and again after
the API refused one for a response that was active.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.servers import ServerProcess
from tests.system.test_browser import RECORDED, browser, cart_lines, open_demo, page, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow

SCENARIOS: dict[str, list[dict[str, Any]]] = {name: s["steps"] for name, s in RECORDED["scenarios"].items()}


def play(tab: Any, steps: list[dict[str, Any]]) -> None:
    """Play steps through the page's adapter the way the simulate box does (no delay)."""
    tab.evaluate("(steps) => voicecart.playScript(voicecart.adapter, steps)", steps)


def handle(tab: Any, events: list[dict[str, Any]]) -> None:
    tab.evaluate("(events) => events.forEach(e => voicecart.adapter.handle(e))", events)


def sent(tab: Any) -> list[dict[str, Any]]:
    return tab.evaluate("voicecart.channel.sent")


def record_trace(tab: Any) -> None:
    """From now on the page keeps one list of what arrived ("<-") and what was sent ("->"), in order."""
    tab.evaluate(
        """() => {
            window.trace = [];
            voicecart.adapter.addEventListener('event', (e) => trace.push(['<-', e.detail.event.type,
                e.detail.event.response?.id ?? e.detail.event.response_id ?? '']));
            voicecart.adapter.addEventListener('sent', (e) => trace.push(['->', e.detail.message.type,
                e.detail.message.item?.call_id ?? '']));
        }"""
    )


def trace(tab: Any) -> list[tuple[str, str, str]]:
    return [tuple(step) for step in tab.evaluate("window.trace")]


def split_at(steps: list[dict[str, Any]], predicate: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    index = next(i for i, step in enumerate(steps) if predicate(step))
    return steps[:index], steps[index:]


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_the_simulate_box_plays_every_recorded_scenario(page: Any, server: ServerProcess, scenario: str) -> None:  # noqa: F811
    open_demo(page, server.url)
    page.select_option("#scenario", scenario)
    assert json.loads(page.input_value("#script")) == SCENARIOS[scenario]
    page.click("#play")
    page.wait_for_function("() => document.getElementById('sim-status').textContent !== 'playing…'")
    assert page.text_content("#sim-status") == "done"
    awaited = sum(1 for step in SCENARIOS[scenario] if "await" in step)
    assert int(page.text_content("#creates-count")) == awaited


@pytest.mark.parametrize("scenario", ["cancelled", "incomplete"])
def test_a_cancelled_or_incomplete_response_adds_nothing_and_asks_for_nothing(
    page: Any,  # noqa: F811
    server: ServerProcess,  # noqa: F811
    scenario: str,
) -> None:
    steps = SCENARIOS[scenario]
    # the recording holds a response.function_call_arguments.done for the call that never completed
    assert any(s.get("type") == "response.function_call_arguments.done" for s in steps)
    open_demo(page, server.url)
    play(page, steps)
    assert cart_lines(page) == []
    assert sent(page) == []  # no function output (not even a parse error) and no response.create
    assert page.text_content("#cart-meta").split()[4] == "0"  # revision 0: no turn was made


def test_an_interrupted_answer_is_dropped_and_the_next_turn_goes_on(page: Any, server: ServerProcess) -> None:  # noqa: F811
    open_demo(page, server.url)
    play(page, SCENARIOS["interrupted"])
    assert cart_lines(page) == [("1×", "Chocolate Shake", "Large")]
    assert [m["type"] for m in sent(page)] == ["conversation.item.create", "response.create"]


def test_a_response_started_while_a_call_is_out_gets_its_create_after_it_ends(
    page: Any,  # noqa: F811
    server: ServerProcess,  # noqa: F811
) -> None:
    steps = SCENARIOS["overlap"]
    second_done = lambda s: s.get("type") == "response.done" and s["response"]["id"] == "resp_overlap_2"  # noqa: E731
    before_second_done, rest = split_at(steps, second_done)
    second_started, _ = split_at(
        before_second_done, lambda s: s.get("type") == "response.created" and s["response"]["id"] == "resp_overlap_2"
    )
    assert any(s.get("type") == "response.output_item.done" for s in second_started)  # the call is out before

    open_demo(page, server.url)
    record_trace(page)
    handle(page, before_second_done)  # r1 made its call and ended; the customer spoke; r2 is under way
    page.wait_for_function("() => voicecart.adapter.running === 0")  # the call was answered during r2
    assert [m["type"] for m in sent(page)] == ["conversation.item.create"]  # its output, but no create yet
    play(page, rest)  # r2 ends: now exactly one response.create, then r3 speaks the result
    assert [m["type"] for m in sent(page)] == ["conversation.item.create", "response.create"]
    events = trace(page)
    assert events.index(("->", "response.create", "")) == events.index(("<-", "response.done", "resp_overlap_2")) + 1
    assert cart_lines(page) == [("1×", "Fudge Brownie", "")]


def test_a_refused_response_create_is_sent_again_after_the_active_response(page: Any, server: ServerProcess) -> None:  # noqa: F811
    open_demo(page, server.url)
    record_trace(page)
    play(page, SCENARIOS["create_refused"])
    creates = [i for i, step in enumerate(trace(page)) if step[:2] == ("->", "response.create")]
    assert len(creates) == 2
    events = trace(page)
    refused_at = events.index(("<-", "error", ""))
    second_done = events.index(("<-", "response.done", "resp_refused_2"))
    assert creates[0] < refused_at < second_done < creates[1]
    assert all(not (step[0] == "->" and refused_at < i < second_done) for i, step in enumerate(events))
    assert page.is_hidden("#notice") and "model error" not in page.text_content("#transcript")


def test_the_tool_name_comes_from_the_output_item(page: Any, server: ServerProcess) -> None:  # noqa: F811
    """Some clients and API versions leave ``name`` off ``function_call_arguments.done``."""
    steps = copy.deepcopy(SCENARIOS["interrupted"])
    for step in steps:
        if step.get("type") == "response.function_call_arguments.done":
            del step["name"]
    open_demo(page, server.url)
    play(page, steps)
    assert cart_lines(page) == [("1×", "Chocolate Shake", "Large")]
    fetched = page.evaluate("performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
    assert [p for p in fetched if "/tools/" in p] == ["/v1/restaurants/demo-burger/tools/add_to_order"]


def test_a_call_is_made_once_however_often_it_is_reported(page: Any, server: ServerProcess) -> None:  # noqa: F811
    steps = [s for s in SCENARIOS["interrupted"] if "await" not in s]
    done = [s for s in steps if s.get("type") == "response.output_item.done" and s["item"]["type"] == "function_call"]
    open_demo(page, server.url)
    handle(page, steps + done)  # the output item again, after response.done listed it too
    page.evaluate("voicecart.adapter.settled()")
    outputs = [m for m in sent(page) if m["type"] == "conversation.item.create"]
    assert len(outputs) == 1 and cart_lines(page) == [("1×", "Chocolate Shake", "Large")]
