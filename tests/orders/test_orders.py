"""The pure checkout core: request parsing, validation codes, repricing from the menu, the read-back."""

from __future__ import annotations

import json
import random
import string
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core import cart
from app.core.cart import Line
from app.core.cart.pricing import tax_cents
from app.core.menu import Menu
from app.core.token.codec import CartCodec
from app.core.turn import AddItem, NewCart, TurnInputs
from app.errors import (
    CartEmpty,
    CartError,
    CartHasUnavailableItems,
    CartTooLarge,
    InvalidRequest,
    ModifierInvalid,
    ModifierRequired,
    OrderTotalChanged,
    QuantityInvalid,
    RestaurantClosed,
)
from app.orders.order import CheckoutRequest, Customer, build_order, order_id_for, parse_checkout
from app.orders.service import place_order
from app.orders.sqlite import SqliteSink
from app.voice.speech import spoken_summary
from tests.conftest import DEMO, T0
from tests.support.menus import edited_menu, item_json
from tests.support.orders import ADA, burger_cart


def test_order_is_priced_from_the_menu(demo_menu: Menu) -> None:
    state = burger_cart(demo_menu)
    order, priced = build_order(state, demo_menu, ADA, T0 + 5)
    burger = demo_menu.item("classic-burger")
    fries = demo_menu.item("fries")
    assert burger and fries
    bacon = next(o for o in burger.options if o.id == "bacon").price_cents
    large = next(o for o in fries.options if o.id == "large").price_cents
    subtotal = 2 * (burger.price_cents + bacon) + fries.price_cents + large
    assert order.subtotal_cents == subtotal == priced.subtotal_cents
    assert order.tax_cents == tax_cents(subtotal, demo_menu.tax_rate)
    body = order.to_dict()
    assert body["total_cents"] == subtotal + order.tax_cents
    assert [(ln["item_id"], ln["quantity"]) for ln in body["lines"]] == [("classic-burger", 2), ("fries", 1)]
    assert body["lines"][1]["notes"] == "extra crispy"
    assert "available" not in body["lines"][0]
    assert body["customer"] == {"name": "Ada Lovelace", "phone": "+1 555 010 0199"}
    assert body["cart_id"] == state.cart_id_hex and body["cart_revision"] == state.revision
    assert body["placed_at"] == "2027-01-15T08:00:05Z"
    assert json.loads(json.dumps(body)) == body


def test_prices_in_the_token_are_ignored(demo_menu: Menu) -> None:
    """The old system trusted client prices; a forged quote of 1 cent changes nothing."""
    state = burger_cart(demo_menu)
    forged = state._replace(lines=tuple(ln._replace(unit_price_cents=1) for ln in state.lines))
    honest, _ = build_order(state, demo_menu, ADA, T0)
    order, priced = build_order(forged, demo_menu, ADA, T0)
    assert order.total_cents == honest.total_cents
    assert {w["code"] for w in priced.warnings} == {"price_changed"}


def test_repricing_after_a_menu_change(demo_menu: Menu) -> None:
    state = burger_cart(demo_menu)
    before, _ = build_order(state, demo_menu, ADA, T0)
    dearer = edited_menu(lambda d: item_json(d, "classic-burger").update(price_cents=1299))
    after, priced = build_order(state, dearer, ADA, T0)
    assert after.subtotal_cents - before.subtotal_cents == 2 * (1299 - 899)
    assert after.tax_cents == tax_cents(after.subtotal_cents, dearer.tax_rate)
    assert [w["line_id"] for w in priced.warnings if w["code"] == "price_changed"] == [1]


def test_order_id_is_derived_from_the_cart_id_only(demo_menu: Menu) -> None:
    state = burger_cart(demo_menu)
    a, _ = build_order(state, demo_menu, ADA, T0)
    later = cart.remove_line(state, 2)  # another revision of the same cart
    b, _ = build_order(later, demo_menu, replace(ADA, fulfillment="dine_in"), T0 + 60)
    assert a.order_id == b.order_id == order_id_for(state.cart_id)
    assert a.order_id.startswith("ord_") and len(a.order_id) == 24
    assert order_id_for(b"\x00" * 8) != order_id_for(b"\x00" * 7 + b"\x01")
    assert a.order_id[4:] != state.cart_id_hex  # not the cart id in disguise


def test_empty_cart_is_refused(demo_menu: Menu) -> None:
    with pytest.raises(CartEmpty) as info:
        build_order(cart.new_cart(b"e" * 8, DEMO, T0), demo_menu, ADA, T0)
    assert (info.value.code, info.value.status) == ("cart_empty", 422)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda d: item_json(d, "fries").update(available=False), id="unavailable"),
        pytest.param(lambda d: d["items"].remove(item_json(d, "fries")), id="removed"),
        pytest.param(
            lambda d: item_json(d, "fries")["modifier_groups"][0]["options"].pop(), id="option-removed"
        ),  # "large"
    ],
)
def test_unavailable_lines_are_refused_with_their_ids(demo_menu: Menu, edit: Any) -> None:
    state = burger_cart(demo_menu)
    with pytest.raises(CartHasUnavailableItems) as info:
        build_order(state, edited_menu(edit), ADA, T0)
    assert info.value.code == "cart_has_unavailable_items"
    assert info.value.details["line_ids"] == [2]
    assert [w["line_id"] for w in info.value.details["warnings"]] == [2]


def test_a_choice_that_became_required_is_asked_for(demo_menu: Menu) -> None:
    def require_extras(d: dict[str, Any]) -> None:
        group = next(g for g in item_json(d, "fries")["modifier_groups"] if g["id"] == "extras")
        group["min"] = 1

    with pytest.raises(ModifierRequired) as info:
        build_order(burger_cart(demo_menu), edited_menu(require_extras), ADA, T0)
    assert info.value.code == "modifier_required"
    assert (info.value.details["line_id"], info.value.details["group"]) == (2, "extras")


def test_a_line_missing_a_required_choice_is_refused(demo_menu: Menu) -> None:
    burger = demo_menu.item("classic-burger")
    assert burger
    state = cart.new_cart(b"m" * 8, DEMO, T0)._replace(
        next_line_id=2, lines=(Line(1, burger.tag, 1, burger.price_cents),)
    )
    with pytest.raises(ModifierRequired) as info:
        build_order(state, demo_menu, ADA, T0)
    assert (info.value.details["line_id"], info.value.details["group"]) == (1, "doneness")


def test_too_many_choices_after_a_menu_change(demo_menu: Menu) -> None:
    def one_extra_at_most(d: dict[str, Any]) -> None:
        for group in item_json(d, "classic-burger")["modifier_groups"]:
            if group["id"] == "extras":
                group["max"] = 1

    burger = demo_menu.item("classic-burger")
    assert burger
    opts = {o.id: o for o in burger.options}
    state, _ = cart.add_line(
        cart.new_cart(b"x" * 8, DEMO, T0), burger, [opts["medium"], opts["bacon"], opts["avocado"]], 1, ""
    )
    with pytest.raises(ModifierInvalid) as info:
        build_order(state, edited_menu(one_extra_at_most), ADA, T0)
    assert info.value.code == "modifier_invalid" and info.value.details["line_id"] == 1


def test_closed_restaurant_is_refused(demo_menu: Menu) -> None:
    # T0 is Friday 2027-01-15 08:00 UTC
    hours = {"timezone": "UTC", "weekly": {"fri": ["11:00-22:00"]}}
    menu = edited_menu(lambda d: d.update(hours=hours))
    state = burger_cart(menu)
    with pytest.raises(RestaurantClosed) as info:
        build_order(state, menu, ADA, T0)
    assert info.value.code == "restaurant_closed"
    assert info.value.details == {"timezone": "UTC", "hours_today": ["11:00-22:00"]}
    order, _ = build_order(state, menu, ADA, T0 + 3 * 3600)  # 11:00
    assert order.placed_at == T0 + 3 * 3600


def test_expected_total_must_match_when_sent(demo_menu: Menu) -> None:
    state = burger_cart(demo_menu)
    order, _ = build_order(state, demo_menu, ADA, T0)
    same = replace(ADA, expected_total_cents=order.total_cents)
    assert build_order(state, demo_menu, same, T0)[0].total_cents == order.total_cents
    with pytest.raises(OrderTotalChanged) as info:
        build_order(state, demo_menu, replace(ADA, expected_total_cents=order.total_cents - 1), T0)
    assert (info.value.status, info.value.details["total_cents"]) == (409, order.total_cents)


# --- the request body --------------------------------------------------------------------------------


def test_parse_checkout_cleans_the_fields() -> None:
    req = parse_checkout(
        {"customer": {"name": "  Zoë  ", "phone": " (555) 010-0199 "}, "fulfillment": "dine_in", "notes": " table 4 "}
    )
    assert req == CheckoutRequest(Customer("Zoë", "(555) 010-0199"), "dine_in", "table 4", None)
    assert parse_checkout({"customer": {"name": "Al"}, "fulfillment": "curbside"}).customer.phone is None


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ([], None, "invalid_request"),
        ({"customer": {"name": "A"}, "fulfillment": "pickup", "price": 1}, None, "invalid_request"),
        ({"fulfillment": "pickup"}, "customer", "invalid_request"),
        ({"customer": "Ada", "fulfillment": "pickup"}, "customer", "invalid_request"),
        ({"customer": {"name": "A", "email": "a@b"}, "fulfillment": "pickup"}, "customer", "invalid_request"),
        ({"customer": {"name": "  "}, "fulfillment": "pickup"}, "customer.name", "field_required"),
        ({"customer": {"name": 7}, "fulfillment": "pickup"}, "customer.name", "invalid_request"),
        ({"customer": {"name": "A" * 81}, "fulfillment": "pickup"}, "customer.name", "field_invalid"),
        ({"customer": {"name": "A\u0000B"}, "fulfillment": "pickup"}, "customer.name", "field_invalid"),
        ({"customer": {"name": "A", "phone": "call me"}, "fulfillment": "pickup"}, "customer.phone", "field_invalid"),
        ({"customer": {"name": "A", "phone": "12345"}, "fulfillment": "pickup"}, "customer.phone", "field_invalid"),
        ({"customer": {"name": "A", "phone": "1" * 16}, "fulfillment": "pickup"}, "customer.phone", "field_invalid"),
        ({"customer": {"name": "A", "phone": 5550100}, "fulfillment": "pickup"}, "customer.phone", "invalid_request"),
        ({"customer": {"name": "A"}}, "fulfillment", "invalid_request"),
        ({"customer": {"name": "A"}, "fulfillment": "delivery"}, "fulfillment", "invalid_request"),
        (
            {"customer": {"name": "A"}, "fulfillment": "pickup", "expected_total_cents": "12"},
            "expected_total_cents",
            "invalid_request",
        ),
        (
            {"customer": {"name": "A"}, "fulfillment": "pickup", "expected_total_cents": True},
            "expected_total_cents",
            "invalid_request",
        ),
        (
            {"customer": {"name": "A"}, "fulfillment": "pickup", "expected_total_cents": 12.5},
            "expected_total_cents",
            "invalid_request",
        ),
    ],
)
def test_bad_checkout_bodies_are_invalid_requests(body: Any, field: str | None, code: str) -> None:
    """Wrong shapes are ``invalid_request``; right types with unusable values name the field's problem."""
    with pytest.raises(InvalidRequest) as info:
        parse_checkout(body)
    assert info.value.code == code
    assert info.value.details.get("field") == field


def test_integral_float_total_is_a_whole_number_of_cents() -> None:
    request = parse_checkout({"customer": {"name": "A"}, "fulfillment": "pickup", "expected_total_cents": 1946.0})
    assert request.expected_total_cents == 1946 and type(request.expected_total_cents) is int


def test_persian_name_with_zero_width_non_joiner_is_accepted() -> None:
    name = "\u0645\u06cc\u200c\u0633\u0627"  # a Persian name written with ZWNJ between letters
    assert parse_checkout({"customer": {"name": name}, "fulfillment": "pickup"}).customer.name == name


def test_long_notes_are_refused_not_truncated() -> None:
    with pytest.raises(CartError) as info:
        parse_checkout({"customer": {"name": "A"}, "fulfillment": "pickup", "notes": "x" * 141})
    assert info.value.code == "cart_too_large"


# --- the read-back --------------------------------------------------------------------------------------


def test_spoken_summary_reads_the_order(demo_menu: Menu) -> None:
    order, _ = build_order(burger_cart(demo_menu), demo_menu, ADA, T0)
    body = order.to_dict()
    text = spoken_summary(body["lines"], body["total_cents"], "USD", demo_menu)
    total = f"${body['total_cents'] // 100}.{body['total_cents'] % 100:02d}"
    said = "Two Classic Burgers with Medium and Bacon; and one large French Fries (note: extra crispy)."
    assert text == f"{said} Your total is {total}."
    assert spoken_summary([], 0, "USD", demo_menu) == "Your cart is empty."


def test_a_checkout_whose_placed_cart_would_not_fit_its_token_places_nothing(
    demo_menu: Menu, codec: CartCodec, tmp_path: Path
) -> None:
    """A cart near the 4096-character cap, then a price rise (repricing makes the token longer): checkout
    placed the order, then failed to mint the checked-out token and answered 422 ``cart_too_large``
    ("the cart would not fit") — for an order the kitchen had, on every retry."""
    rng = random.Random(7)
    token = TurnInputs(demo_menu, codec, T0).run(None, NewCart(b"c" * 8)).token
    for size in [140] * 60 + [8] * 60:  # incompressible notes, then short ones to the brim
        note = "".join(rng.choice(string.ascii_letters) for _ in range(size))
        try:
            token = TurnInputs(demo_menu, codec, T0).run(token, AddItem(item="cookie", notes=note)).token
        except (CartTooLarge, QuantityInvalid):
            continue
    risen = edited_menu(lambda d: item_json(d, "cookie").update(price_cents=1_999_999))
    sink = SqliteSink(tmp_path / "orders.sqlite3")
    with pytest.raises(CartTooLarge):
        place_order(token, ADA, TurnInputs(risen, codec, T0), sink)
    assert not sink.path.exists() or sink.recent() == []  # nothing placed: the refusal is true


SAUCE = {
    "id": "sauce",
    "name": "Sauce",
    "min": 1,
    "max": 1,
    "options": [{"id": "ketchup", "name": "Ketchup", "price_cents": 0}],
}


@pytest.mark.parametrize(
    "after", ["price rose", "sold out", "closed", "choice now required", "kitchen down", "store unreadable"]
)
def test_the_placed_orders_own_token_is_never_answered_as_if_nothing_was_ordered(
    demo_menu: Menu, codec: CartCodec, tmp_path: Path, after: str
) -> None:
    """The checked-out token is minted only once the order is placed: it proves the order. Checked out
    again (a double tap, a model calling checkout twice) where the store cannot give the order back —
    the webhook, which re-validates it, or a store that cannot be read — it was answered "the total is
    now $52.47; shall I place it?", "not available any more; remove them and check out again", "closed",
    "could not be delivered … please try again" or "can't check whether this cart was ordered"."""
    from app.core.cart import mark_checked_out
    from app.errors import CartAlreadyOrdered
    from app.orders.port import OrderSink
    from app.orders.webhook import WebhookSink
    from tests.order_receiver import OrderReceiver
    from tests.servers import free_port

    secret = "w" * 40
    placed = TurnInputs(demo_menu, codec, T0).finish(mark_checked_out(burger_cart(demo_menu))).token
    request = replace(ADA, expected_total_cents=2865)
    menu = {
        "price rose": edited_menu(lambda d: item_json(d, "classic-burger").update(price_cents=1999)),
        "sold out": edited_menu(lambda d: item_json(d, "classic-burger").update(available=False)),
        "closed": edited_menu(lambda d: d.update(hours={"timezone": "UTC", "weekly": {}})),
        # was 422 modifier_required "which Sauce would you like?" for the order the kitchen had
        "choice now required": edited_menu(lambda d: item_json(d, "classic-burger")["modifier_groups"].append(SAUCE)),
    }.get(after, demo_menu)
    with OrderReceiver(secret) as receiver:
        sink: OrderSink = WebhookSink(receiver.url, secret, 1.0)
        if after == "kitchen down":
            sink = WebhookSink(f"http://127.0.0.1:{free_port()}/orders", secret, 1.0)
        if after == "store unreadable":
            sink = SqliteSink(tmp_path / "orders.sqlite3")
            sink.path.write_bytes(b"this is not a database " * 200)
        with pytest.raises(CartAlreadyOrdered) as info:
            place_order(placed, request, TurnInputs(menu, codec, T0), sink)
    said = info.value
    assert said.details["order_id"] == order_id_for(bytes(range(8))) and "already placed" in said.message
    assert receiver.orders == {}  # nothing was sent again
