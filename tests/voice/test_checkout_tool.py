"""The confirm_order voice tool: review reads the order back, checkout places it once, cancel clears."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.core.cart.pricing import format_money, price_cart
from app.core.menu import Menu
from app.core.token.codec import CartCodec
from app.core.turn import NewCart, TurnInputs
from app.errors import CartTooLarge
from app.orders.sqlite import SqliteSink
from app.orders.webhook import WebhookSink
from app.voice.toolkit import ToolOutcome
from app.voice.tools import TOOLS, tool_specs
from tests.conftest import DEMO, T0
from tests.order_receiver import OrderReceiver


class Voice:
    """A conversation with the tools, carrying the token like the browser does."""

    def __init__(self, menu: Menu, codec: CartCodec, sink: SqliteSink | WebhookSink) -> None:
        self.menu, self.codec = menu, codec
        self.sink = sink
        self.token: str | None = None
        self.now = T0

    def call(self, name: str, **arguments: Any) -> ToolOutcome:
        inputs = TurnInputs(self.menu, self.codec, self.now)
        outcome = TOOLS.run(name, arguments, self.token, inputs, new_cart_id=b"v" * 8, order_sink=self.sink)
        self.token = outcome.result.token
        return outcome


@pytest.fixture
def sink(tmp_path: Path) -> SqliteSink:
    return SqliteSink(tmp_path / "orders.sqlite3")


@pytest.fixture
def voice(demo_menu: Menu, codec: CartCodec, sink: SqliteSink) -> Voice:
    return Voice(demo_menu, codec, sink)


def two_burgers(voice: Voice) -> int:
    """Two burgers and fries in the cart, reviewed: returns the total_cents the review read back."""
    added = voice.call(
        "add_to_order",
        items=[{"item": "classic burger", "quantity": 2, "modifiers": ["medium", "bacon"]}, {"item": "large fries"}],
    )
    assert added.ok, added.output
    return voice.call("confirm_order", action="review").output["total_cents"]


def test_confirm_order_is_offered_to_the_model() -> None:
    spec = next(s for s in tool_specs() if s["name"] == "confirm_order")
    assert spec["parameters"]["properties"]["action"]["enum"] == ["review", "checkout", "cancel"]
    assert spec["parameters"]["required"] == ["action"]
    assert "confirm_order" in TOOLS.tools


def test_review_reads_the_order_back_in_a_sentence(voice: Voice) -> None:
    two_burgers(voice)
    review = voice.call("confirm_order", action="review")
    total = voice.call("get_current_order").result.priced.total_cents
    assert review.ok and review.output["ready"] is True
    assert review.output["message"] == (
        "Two Classic Burgers with Medium and Bacon; and one large French Fries. "
        f"Your total is {format_money(total)}. Shall I place the order?"
    )
    assert "order" not in review.output  # nothing placed yet
    assert review.result.state.checked_out is False


def test_review_in_the_uuid_restaurant(uuid_menu: Menu, codec: CartCodec, sink: SqliteSink) -> None:
    voice = Voice(uuid_menu, codec, sink)
    choices = ["carne asada", "mexican rice", "pinto beans"]
    added = voice.call("add_to_order", items=[{"item": "burrito", "quantity": 2, "modifiers": choices}])
    assert added.ok, added.output
    total = added.result.priced.total_cents
    review = voice.call("confirm_order", action="review")
    assert review.output["message"] == (
        "Two Burritos with Carne Asada, Mexican Rice and Pinto Beans. "
        f"Your total is {format_money(total)}. Shall I place the order?"
    )


def test_review_of_an_empty_cart(voice: Voice) -> None:
    voice.call("find_menu_items")  # the first call starts the cart
    review = voice.call("confirm_order", action="review")
    assert review.output["message"] == "Your cart is empty." and review.output["ready"] is False


def test_review_never_calls_ready_what_checkout_would_refuse(
    demo_menu: Menu, codec: CartCodec, sink: SqliteSink
) -> None:
    from tests.support.menus import edited_menu, item_json

    voice = Voice(demo_menu, codec, sink)
    voice.call("add_to_order", items=[{"item": "mexican coke", "quantity": 2}])
    # T0 is Friday 08:00 UTC: closed until 11:00
    voice.menu = edited_menu(lambda d: d.update(hours={"timezone": "UTC", "weekly": {"fri": ["11:00-22:00"]}}))
    closed = voice.call("confirm_order", action="review")
    assert closed.output["ready"] is False and closed.output["error"] == "restaurant_closed"
    assert closed.output["message"].startswith("Two Mexican Cokes.") and "closed" in closed.output["message"]
    voice.menu = edited_menu(lambda d: item_json(d, "mexican-coke").update(available=False))
    gone = voice.call("confirm_order", action="review")
    assert gone.output["ready"] is False and gone.output["error"] == "cart_has_unavailable_items"
    assert gone.output["message"] == "Before ordering: Mexican Coke is not available right now."


def test_checkout_places_once_and_the_output_carries_the_order(voice: Voice, sink: SqliteSink) -> None:
    total = two_burgers(voice)
    placed = voice.call(
        "confirm_order", action="checkout", customer_name="Ada", fulfillment="dine_in", total_cents=total
    )
    assert placed.ok and placed.output["created"] is True
    order = placed.output["order"]
    assert order["customer"] == {"name": "Ada"} and order["fulfillment"] == "dine_in"
    assert order["total_cents"] == placed.result.priced.total_cents
    assert order["order_id"][-6:].upper() in placed.output["message"]
    assert placed.output["message"].startswith("Your order is placed, Ada")
    assert placed.result.state.checked_out is True
    assert sink.recent() == [order]
    # the model calls it again (a retry): same order, said so
    again = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
    assert again.output["order"] == order and again.output["created"] is False
    assert again.output["message"].startswith("That order was already placed")
    assert len(sink.recent()) == 1


def test_checkout_without_a_name_asks_for_it(voice: Voice, sink: SqliteSink) -> None:
    total = two_burgers(voice)
    for nameless in ({}, {"customer_name": None}, {"customer_name": "  "}):
        asked = voice.call("confirm_order", action="checkout", total_cents=total, **nameless)
        assert not asked.ok
        assert asked.output["error"] == "field_required"
        assert asked.output["message"] == "What name should I put the order under?"
        assert asked.result.state.checked_out is False and not sink.path.exists()


def test_checkout_without_the_reviewed_total_asks_for_a_review(voice: Voice, sink: SqliteSink) -> None:
    two_burgers(voice)
    for unheard in ({}, {"total_cents": None}):
        asked = voice.call("confirm_order", action="checkout", customer_name="Ada", **unheard)
        assert (asked.ok, asked.output["error"], asked.output["field"]) == (False, "field_required", "total_cents")
        assert "review" in asked.output["message"] and not sink.path.exists()


def test_checkout_never_charges_a_total_the_customer_did_not_hear(
    voice: Voice, sink: SqliteSink, demo_menu: Menu
) -> None:
    """Issue #13: the review said one total, the price changed, checkout must ask again, not charge."""
    from tests.support.menus import edited_menu, item_json

    heard = two_burgers(voice)
    voice.menu = edited_menu(lambda d: item_json(d, "classic-burger").update(price_cents=1999))
    changed = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=heard)
    new_total = changed.result.priced.total_cents
    assert new_total > heard
    assert (changed.ok, changed.output["error"]) == (False, "order_total_changed")
    assert (changed.output["total_cents"], changed.output["expected_total_cents"]) == (new_total, heard)
    assert [c["item_id"] for c in changed.output["changes"]] == ["classic-burger"]
    message = changed.output["message"]
    assert f"now {format_money(new_total)}, not {format_money(heard)}" in message
    assert "price of Classic Burger changed" in message and message.endswith(f"at {format_money(new_total)}?")
    assert changed.result.state.checked_out is False and not sink.path.exists()
    # the customer hears the new total and agrees: now it is placed, at what they heard
    placed = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=new_total)
    assert placed.ok and placed.output["order"]["total_cents"] == new_total


def test_a_line_added_after_the_review_is_a_changed_total(voice: Voice, sink: SqliteSink) -> None:
    heard = two_burgers(voice)
    voice.call("add_to_order", items=[{"item": "cookie"}])
    changed = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=heard)
    assert (changed.ok, changed.output["error"]) == (False, "order_total_changed") and not sink.path.exists()


def test_checkout_refusals_are_spoken_not_raised(voice: Voice, sink: SqliteSink) -> None:
    voice.call("find_menu_items")  # the first call starts the cart
    empty = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=0)
    assert (empty.ok, empty.output["error"]) == (False, "cart_empty")
    assert not sink.path.exists()


def test_after_checkout_the_cart_cannot_change_or_be_cancelled(voice: Voice) -> None:
    total = two_burgers(voice)
    assert voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total).ok
    more = voice.call("add_to_order", items=[{"item": "cookie"}])
    assert more.output["not_added"][0]["error"] == "cart_checked_out"
    cancel = voice.call("confirm_order", action="cancel")
    assert (cancel.ok, cancel.output["error"]) == (False, "cart_checked_out")


def test_a_review_of_the_placed_orders_token_says_it_was_placed(voice: Voice) -> None:
    """The token checkout answers with (the one the client keeps) reviewed as "Shall I place the
    order?" with ``ready: true``: a placed order called not placed."""
    total = two_burgers(voice)
    placed = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
    number = placed.output["order"]["order_id"][-6:].upper()
    review = voice.call("confirm_order", action="review")
    assert (review.ok, review.output["error"], review.output["ready"]) == (False, "cart_already_ordered", False)
    assert f"already placed as order number {number}" in review.output["message"]
    assert "Shall I place" not in review.output["message"]


def test_cancel_clears_the_cart(voice: Voice) -> None:
    two_burgers(voice)
    cancelled = voice.call("confirm_order", action="cancel")
    assert cancelled.ok and cancelled.result.state.lines == ()
    assert cancelled.result.state.checked_out is False


def test_unknown_action_is_refused(voice: Voice) -> None:
    voice.call("find_menu_items")
    outcome = voice.call("confirm_order", action="pay")
    assert (outcome.ok, outcome.output["error"]) == (False, "invalid_request")


def test_confirm_order_over_http_uses_the_apps_order_sink(client: TestClient, settings: Any) -> None:
    base = f"/v1/restaurants/{DEMO}/tools"
    added = client.post(f"{base}/add_to_order", json={"arguments": {"items": [{"item": "bottled water"}]}})
    token = added.json()["cart_token"]
    total = added.json()["cart"]["total_cents"]
    arguments = {"action": "checkout", "customer_name": "Grace", "total_cents": total}
    placed = client.post(
        f"{base}/confirm_order",
        headers={"Cart-Token": token},
        json={"arguments": json.dumps(arguments), "call_id": "c1"},
    )
    assert placed.status_code == 200 and placed.json()["ok"] is True
    order = json.loads(placed.json()["output"])["order"]
    assert placed.json()["cart"]["checked_out"] is True
    assert SqliteSink(settings.orders_db_path).get(order["order_id"]) == order
    # the HTTP checkout route agrees it is the same, already placed order
    again = client.post(
        f"/v1/restaurants/{DEMO}/cart/checkout",
        headers={"Cart-Token": token},
        json={"customer": {"name": "Grace"}, "fulfillment": "pickup"},
    )
    assert again.status_code == 200 and again.json()["order"] == order


def test_when_the_kitchen_may_have_the_order_the_model_is_told_to_retry_not_that_it_failed(
    demo_menu: Menu, codec: CartCodec
) -> None:
    secret = "v" * 40
    with OrderReceiver(secret, answer_after_storing=2.0) as receiver:
        voice = Voice(demo_menu, codec, WebhookSink(receiver.url, secret, 1.5, attempt_timeout_seconds=0.5))
        total = two_burgers(voice)
        unsure = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
        assert not unsure.ok and unsure.output["error"] == "order_outcome_unknown"
        said = unsure.output["message"]
        assert "may or may not" in said and "call confirm_order" in said and "Do not tell" in said
        assert unsure.result.state.checked_out is False  # the cart is kept for the retry
        assert len(receiver.orders) == 1  # while the kitchen has it
        receiver.answer_after_storing = 0
        retried = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
    assert retried.ok and retried.output["created"] is False
    assert retried.output["message"].startswith("That order was already placed")
    assert len(receiver.orders) == 1


def test_a_repeat_the_kitchen_answers_in_its_own_form_is_said_placed(demo_menu: Menu, codec: CartCodec) -> None:
    """The checkout's answer was lost and the same checkout retried; the kitchen answered the repeat with
    its own form of the order it kept (no totals, no customer): the read-back of that form failed, and the
    call was a 500 "your cart token is still valid" while the kitchen had the order."""
    from tests.orders.test_sinks import kitchens_own_form

    secret = "v" * 40
    with OrderReceiver(secret, kept_form=kitchens_own_form) as receiver:
        voice = Voice(demo_menu, codec, WebhookSink(receiver.url, secret, 1.5))
        total = two_burgers(voice)
        reviewed = voice.token
        placed = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
        assert placed.ok and placed.output["created"] is True
        voice.token = reviewed  # the answer never reached the client: the same checkout again
        again = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
    assert again.ok and again.output["created"] is False and len(receiver.orders) == 1
    said = again.output["message"]
    assert said.startswith("That order was already placed, Ada: order number") and format_money(total) in said
    assert "did not send back what it holds" in said


def test_checkout_again_on_the_placed_orders_token_never_asks_to_place_it(demo_menu: Menu, codec: CartCodec) -> None:
    """The model called checkout again with the placed order's own token after a price rise (webhook
    sink, which re-validates): "This checkout placed nothing …: the total is now $52.47 … Shall I place
    the order at $52.47?" — for an order the kitchen had at $28.65."""
    from tests.support.menus import edited_menu, item_json

    secret = "v" * 40
    with OrderReceiver(secret) as receiver:
        voice = Voice(demo_menu, codec, WebhookSink(receiver.url, secret, 1.5))
        total = two_burgers(voice)
        placed = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
        number = placed.output["order"]["order_id"][-6:].upper()
        voice.menu = edited_menu(lambda d: item_json(d, "classic-burger").update(price_cents=1999))
        again = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
    assert again.ok is False and again.output["error"] == "cart_already_ordered"
    said = again.output["message"]
    assert f"already placed as order number {number}" in said and "Shall I place" not in said
    assert len(receiver.orders) == 1


def test_a_stale_token_of_an_ordered_cart_is_never_ready_nor_cancelled(voice: Voice, sink: SqliteSink) -> None:
    """An older token of a placed cart (another tab, a retry): review and cancel say it was placed."""
    total = two_burgers(voice)
    before_checkout = voice.token
    placed = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
    number = placed.output["order"]["order_id"][-6:].upper()
    voice.token = before_checkout
    review = voice.call("confirm_order", action="review")
    assert review.ok is False and review.output["ready"] is False
    assert review.output["error"] == "cart_already_ordered" and number in review.output["message"]
    added = voice.call("add_to_order", items=[{"item": "mexican coke"}])  # a new revision of the same cart
    assert added.ok is False and added.output["error"] == "cart_already_ordered"  # refused like cancel (#24)
    cancel = voice.call("confirm_order", action="cancel")
    assert cancel.ok is False and cancel.output["error"] == "cart_already_ordered"
    assert "already placed" in cancel.output["message"] and cancel.result.state.lines  # nothing emptied
    assert len(sink.recent()) == 1


@pytest.mark.parametrize("change", [{"price_cents": 1999}, {"available": False}])
def test_the_placed_order_is_read_back_as_placed_not_repriced(voice: Voice, change: dict[str, Any]) -> None:
    """After checkout the menu moved: the placed order's token read back "This order has been placed …
    total $44.33" (today's prices, not what was ordered) or "Nothing in the order can be made right now;
    the total is $0.00". The order the kitchen has is what is said."""
    from tests.support.menus import edited_menu, item_json

    total = two_burgers(voice)
    placed = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
    number = placed.output["order"]["order_id"][-6:].upper()
    voice.menu = edited_menu(lambda d: item_json(d, "classic-burger").update(**change))
    said = voice.call("get_current_order").output["message"]
    assert said.startswith(f"This order has been placed as order number {number}.")
    assert f"Your total is {format_money(total)}." in said and "Two Classic Burgers" in said
    assert "Nothing in the order" not in said and "changed" not in said


def test_the_placed_order_read_back_without_a_stored_copy_names_no_total(demo_menu: Menu, codec: CartCodec) -> None:
    """The webhook keeps no orders to read: the lines of the placed cart are said, and no total today's
    prices would make up."""
    from tests.support.menus import edited_menu, item_json

    secret = "v" * 40
    with OrderReceiver(secret) as receiver:
        voice = Voice(demo_menu, codec, WebhookSink(receiver.url, secret, 1.5))
        total = two_burgers(voice)
        assert voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total).ok
    voice.menu = edited_menu(lambda d: item_json(d, "classic-burger").update(price_cents=1999))
    said = voice.call("get_current_order").output["message"]
    assert said.startswith("This order has been placed as order number") and "two Classic Burgers" in said
    assert "$" not in said


def test_an_empty_older_token_of_an_ordered_cart_is_never_cancelled_or_cleared(
    voice: Voice, sink: SqliteSink, demo_menu: Menu, codec: CartCodec
) -> None:
    """The cart's first, empty token (another tab, made before anything was added): cancel answered "OK,
    I've cancelled the order; the cart is empty" and clear "I've cleared the order" while the kitchen
    held the order placed from a later revision of the same cart."""
    empty = TurnInputs(demo_menu, codec, T0).run(None, NewCart(b"v" * 8)).token
    voice.token = empty
    total = two_burgers(voice)
    placed = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
    number = placed.output["order"]["order_id"][-6:].upper()
    for name, arguments in (
        ("confirm_order", {"action": "cancel"}),
        ("confirm_order", {"action": "review"}),
        ("clear_order", {}),
    ):
        voice.token = empty
        said = voice.call(name, **arguments)
        assert (said.ok, said.output["error"]) == (False, "cart_already_ordered"), (name, said.output)
        assert f"already placed as order number {number}" in said.output["message"]
    voice.token = empty
    assert voice.call("get_current_order").output["placed"] is True
    assert len(sink.recent()) == 1


def test_a_voice_checkout_whose_placed_cart_would_not_fit_its_token_places_nothing(
    voice: Voice, sink: SqliteSink
) -> None:
    """As over HTTP (tests/orders/test_orders.py): a near-full cart and a price rise placed the order and
    then answered ``cart_too_large``; now it is refused, ``ok: false``, with nothing placed."""
    import random
    import string

    from tests.support.menus import edited_menu, item_json

    rng = random.Random(7)
    for size in [140] * 60 + [8] * 60:
        note = "".join(rng.choice(string.ascii_letters) for _ in range(size))
        voice.call("add_to_order", items=[{"item": "cookie", "notes": note}])  # refused once full
    voice.menu = edited_menu(lambda d: item_json(d, "cookie").update(price_cents=1_999_999))
    state = TurnInputs(voice.menu, voice.codec, voice.now).load(voice.token)
    risen = price_cart(state, voice.menu, voice.now).total_cents  # what a review would say (if it could answer)
    try:
        refused = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=risen)
    except CartTooLarge:  # the repriced cart fits no token at all: the turn itself is refused (HTTP 422)
        pass
    else:
        assert (refused.ok, refused.output["error"]) == (False, "cart_too_large")
    assert not sink.path.exists() or sink.recent() == []


def test_without_an_order_sink_checkout_never_asks_to_be_retried(demo_menu: Menu, codec: CartCodec) -> None:
    """``order_delivery_failed`` tells the model to call the same checkout again (a retry can place it),
    except where no retry can: tools run without an order sink say nothing was ordered, and no more."""
    voice = Voice(demo_menu, codec, None)  # type: ignore[arg-type]
    total = two_burgers(voice)
    refused = voice.call("confirm_order", action="checkout", customer_name="Ada", total_cents=total)
    assert (refused.ok, refused.output["error"]) == (False, "order_delivery_failed")
    assert "nothing was ordered" in refused.output["message"] and "again" not in refused.output["message"]
