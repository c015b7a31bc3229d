"""Menu format version 2: variations, taxes, option quantities/defaults/nesting, availability windows,
currency minor units — and what ``menu check`` refuses, with the field's path."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from app.core.menu import MAX_MODIFIER_DEPTH, parse_menu
from app.core.menu.money import format_money, minor_digits
from app.errors import MenuError
from tests.conftest import T0
from tests.support.menus import COMBO_SIDES, v2_doc, with_value


def test_v2_menu_model() -> None:
    menu = parse_menu(v2_doc())
    latte = menu.item("latte")
    assert [(v.id, v.price_cents, v.available) for v in latte.variations] == [
        ("small", 400, True),
        ("large", 550, False),
    ]
    assert latte.price_cents == 400  # the cheapest variation, for listings
    assert latte.variations_by_tag[latte.variations[0].tag] is latte.variations[0]
    shot, foam = latte.options
    assert (shot.max_quantity, shot.default, foam.default, foam.available) == (2, False, True, True)
    assert latte.tax_ids is None  # every tax of the menu applies
    assert menu.item("gift-card").tax_ids == ()  # exempt
    assert menu.taxes[0].inclusive and menu.taxes[0].rate == Decimal("0.086")
    assert menu.tax_rate is None
    side = menu.item("combo").options[0]
    assert [o.id for o in side.options] == ["fries", "salad"]
    assert side.options_by_tag[side.options[1].tag].id == "salad"  # nested tags scoped to the option


def test_item_availability_window_uses_the_restaurant_zone() -> None:
    combo = parse_menu(v2_doc()).item("combo")
    monday_noon_ny = T0 + (3 * 24 + 9) * 3600  # 2027-01-18 (Mon) 17:00Z = 12:00 EST
    assert combo.availability is not None and combo.availability.timezone == "America/New_York"
    assert combo.available_at(monday_noon_ny)
    assert not combo.available_at(monday_noon_ny + 4 * 3600)  # 16:00, after lunch
    assert not combo.available_at(T0)  # a Friday
    assert combo.available_at(None)


def test_v1_tax_rate_becomes_one_additive_tax(demo_menu) -> None:
    assert [(t.id, t.rate, t.inclusive) for t in demo_menu.taxes] == [("tax", Decimal("0.0825"), False)]
    assert demo_menu.minor_digits == 2


@pytest.mark.parametrize(("currency", "digits", "amount", "text"), [
    ("JPY", 0, 1870, "¥1,870"),
    ("KWD", 3, 1250, "KWD 1.250"),
    ("USD", 2, 2450, "$24.50"),
    ("EUR", 2, -150, "-€1.50"),
])  # fmt: skip
def test_currency_minor_units(currency: str, digits: int, amount: int, text: str) -> None:
    menu = parse_menu(with_value(v2_doc(), ["currency"], currency))
    assert menu.minor_digits == digits == minor_digits(currency)
    assert format_money(amount, currency) == text


def _nest(depth: int) -> dict[str, Any]:
    """A modifier group nested ``depth`` levels deep."""
    group: dict[str, Any] = {"id": f"g{depth}", "name": "G", "min": 0, "max": 1, "options": []}
    option: dict[str, Any] = {"id": f"o{depth}", "name": f"O{depth}", "price_cents": 0}
    if depth > 1:
        option["modifier_groups"] = [_nest(depth - 1)]
    group["options"].append(option)
    return group


def test_nesting_up_to_the_token_limit_loads() -> None:
    doc = with_value(v2_doc(), ["items", 1, "modifier_groups"], [_nest(MAX_MODIFIER_DEPTH)])
    assert parse_menu(doc).item("gift-card").options[0].options[0].id == f"o{MAX_MODIFIER_DEPTH - 1}"


@pytest.mark.parametrize(
    ("path", "value", "where", "message"),
    [
        # a line price that can fall below zero
        (["items", 1, "modifier_groups"], [{"id": "d", "name": "D", "min": 0, "max": 1,
          "options": [{"id": "x", "name": "X", "price_cents": -2600}]}], "items[1]", "below zero"),
        ([*COMBO_SIDES, "options", 0, "price_cents"], -1300, "items[2]", "below zero"),
        (["items", 0, "modifier_groups", 0, "options", 0, "price_cents"], -250, "items[0]", "below zero"),
        # unknown tax ids
        (["items", 1, "taxes"], ["vat", "state"], "items[1].taxes[1]", "unknown tax id 'state'"),
        (["taxes", 1, "id"], "vat", "taxes", "duplicate tax id"),
        (["taxes", 0, "rate"], "8.6%", "taxes[0].rate", "not a decimal"),
        (["tax_rate"], "0.05", "taxes", "not both"),
        # price_cents with variations
        (["items", 0, "price_cents"], 400, "items[0].price_cents", "not both"),
        (["items", 0, "variations"], [], "items[0].variations", "at least one"),
        (["items", 0, "variations", 1, "id"], "small", "items[0].variations", "duplicate variation id"),
        # a min the available options cannot meet
        ([*COMBO_SIDES, "options"], [{"id": "fries", "name": "Fries", "price_cents": 0, "available": False}],
         "items[2].modifier_groups[0].options[0].modifier_groups[0].min", "allow only 0"),
        (COMBO_SIDES, {"id": "side", "name": "Side", "min": 3, "max": 3, "options": [
            {"id": "fries", "name": "Fries", "price_cents": 0}, {"id": "salad", "name": "Salad", "price_cents": 0}]},
         "options[0].modifier_groups[0].min", "allow only 2"),
        # nesting beyond what the token carries
        (["items", 1, "modifier_groups"], [_nest(MAX_MODIFIER_DEPTH + 1)], "items[1]" + ".modifier_groups[0].options[0]"
         * MAX_MODIFIER_DEPTH + ".modifier_groups", "at most 3"),
        # option fields
        (["items", 0, "modifier_groups", 0, "options", 0, "max_quantity"], 0, "options[0].max_quantity", "from 1"),
        (["items", 0, "modifier_groups", 0, "options", 0, "default"], "yes", "options[0].default", "true or false"),
        (["items", 0, "modifier_groups", 0, "max"], 1, "items[0].modifier_groups[0]", "max=1"),
        (["items", 2, "availability"], {"weekly": {"mon": ["7-11"]}}, "items[2].availability.weekly.mon[0]", "range"),
        (["currency"], "ZZZ", "currency", "not an ISO 4217"),
        (["taxes"], KeyError, "tax_rate", "is required"),
    ],
)  # fmt: skip
def test_menu_check_refuses_with_the_field_path(path: list, value: Any, where: str, message: str) -> None:
    doc = v2_doc()
    if path[-1] == "max" and value == 1:  # two defaults in a group of max 1
        doc = with_value(doc, ["items", 0, "modifier_groups", 0, "options", 0, "default"], True)
    with pytest.raises(MenuError) as err:
        parse_menu(with_value(doc, path, value))
    assert where in str(err.value)
    assert message in str(err.value)


def test_availability_needs_a_zone_when_the_menu_has_no_hours() -> None:
    doc = with_value(v2_doc(), ["hours"], KeyError)
    with pytest.raises(MenuError, match=r"items\[2\]\.availability\.timezone"):
        parse_menu(doc)


def test_negative_options_are_fine_while_the_line_stays_at_or_above_zero() -> None:
    # the most negative line: the cheapest size with the discount twice → exactly 0
    doc = with_value(v2_doc(), ["items", 0, "modifier_groups", 0, "options", 0], {
        "id": "coupon", "name": "Coupon", "price_cents": -200, "max_quantity": 2})  # fmt: skip
    assert parse_menu(doc).item("latte").options[0].price_cents == -200
    with pytest.raises(MenuError, match="below zero"):
        parse_menu(with_value(doc, ["items", 0, "variations", 0, "price_cents"], 399))


def test_an_unavailable_item_may_have_an_unmeetable_group() -> None:
    doc = with_value(v2_doc(), [*COMBO_SIDES, "options", 0, "available"], False)
    doc = with_value(doc, [*COMBO_SIDES, "options", 1, "available"], False)
    doc = with_value(doc, ["items", 2, "available"], False)
    assert not parse_menu(doc).item("combo").available
