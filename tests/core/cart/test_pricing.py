from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from app.core.cart import Line, new_cart
from app.core.cart.pricing import format_money, price_cart, tax_cents
from app.core.menu import Menu, parse_menu
from tests.conftest import DEMO_MENU_FILE, T0


@pytest.mark.parametrize(
    ("subtotal", "rate", "tax"),
    [
        (1000, "0.0825", 83),  # 82.5 rounds half up
        (1006, "0.0825", 83),  # 82.995
        (1005, "0.0825", 83),  # 82.9125
        (999, "0.0825", 82),  # 82.4175
        (0, "0.0825", 0),
        (200, "0.0025", 1),  # 0.5 -> 1
        (199, "0.0025", 0),  # 0.4975 -> 0
        (12345, "0", 0),
    ],
)
def test_tax_round_half_up(subtotal: int, rate: str, tax: int) -> None:
    assert tax_cents(subtotal, Decimal(rate)) == tax


def test_tax_half_rounds_away_from_zero_for_negative_subtotals() -> None:
    assert tax_cents(-1000, Decimal("0.0825")) == -83  # -82.5, like Decimal ROUND_HALF_UP


@pytest.mark.parametrize(("cents", "text"), [(2450, "$24.50"), (5, "$0.05"), (-150, "-$1.50"), (123456, "$1,234.56")])
def test_format_money(cents: int, text: str) -> None:
    assert format_money(cents) == text


def _edited(change) -> Menu:
    doc = copy.deepcopy(json.loads(DEMO_MENU_FILE.read_text()))
    change(doc)
    return parse_menu(doc)


def _item(doc: dict, item_id: str) -> dict:
    return next(i for i in doc["items"] if i["id"] == item_id)


def _cart(menu: Menu):
    burger = menu.item("cheeseburger")
    opts = {o.id: o for o in burger.options}
    state = new_cart(b"\x01" * 8, menu.restaurant_id, T0)
    unit = burger.price_cents + opts["medium"].price_cents + opts["american"].price_cents + opts["bacon"].price_cents
    fries = menu.item("mexican-coke")
    return state._replace(
        next_line_id=3,
        lines=(
            Line(1, burger.tag, 2, unit, (opts["medium"].tag, opts["american"].tag, opts["bacon"].tag)),
            Line(2, fries.tag, 1, fries.price_cents),
        ),
    )


def test_prices_and_totals(demo_menu: Menu) -> None:
    priced = price_cart(_cart(demo_menu), demo_menu)
    burger, _ = priced.lines
    assert burger.unit_price_cents == 999 + 200  # bacon +200
    assert burger.total_cents == 2 * 1199
    assert priced.subtotal_cents == 2 * 1199 + 349
    assert priced.tax_cents == tax_cents(priced.subtotal_cents, Decimal("0.0825"))
    assert priced.total_cents == priced.subtotal_cents + priced.tax_cents
    assert priced.item_count == 3
    assert priced.warnings == []
    assert [m["id"] for m in burger.to_dict()["modifiers"]] == ["medium", "american", "bacon"]


def test_price_change_warns_once_and_uses_new_price(demo_menu: Menu) -> None:
    state = _cart(demo_menu)
    menu = _edited(lambda d: _item(d, "cheeseburger").update(price_cents=1099))
    priced = price_cart(state, menu)
    assert priced.lines[0].unit_price_cents == 1299
    [warning] = priced.warnings
    assert warning["code"] == "price_changed"
    assert (warning["line_id"], warning["old_unit_price_cents"], warning["new_unit_price_cents"]) == (1, 1199, 1299)
    assert price_cart(priced.state, menu).warnings == []  # the new quote travels in the next token


def test_unavailable_item_is_kept_but_not_charged(demo_menu: Menu) -> None:
    state = _cart(demo_menu)
    menu = _edited(lambda d: _item(d, "mexican-coke").update(available=False))
    priced = price_cart(state, menu)
    coke = priced.lines[1]
    assert coke.available is False and coke.total_cents == 0
    assert priced.subtotal_cents == 2 * 1199
    assert priced.warnings[0]["code"] == "item_unavailable"
    assert priced.warnings[0]["line_id"] == 2
    assert price_cart(priced.state, menu).warnings  # warns on every turn until removed


def test_deleted_item_and_removed_option(demo_menu: Menu) -> None:
    state = _cart(demo_menu)

    def edit(d: dict) -> None:
        d["items"] = [i for i in d["items"] if i["id"] != "mexican-coke"]
        extras = next(g for g in _item(d, "cheeseburger")["modifier_groups"] if g["id"] == "extras")
        extras["options"] = [o for o in extras["options"] if o["id"] != "bacon"]

    priced = price_cart(state, _edited(edit))
    assert [p.available for p in priced.lines] == [False, False]
    assert priced.subtotal_cents == 0
    reasons = {w["line_id"]: w for w in priced.warnings}
    assert reasons[1].get("reason") == "modifier_removed"
    assert reasons[2]["item_id"] is None


def test_a_checked_out_cart_keeps_the_prices_it_was_ordered_at(demo_menu: Menu) -> None:
    """A checked-out cart is a placed order: after a price rise, a sold-out option and an 86'd item it was
    shown at today's prices with "the price … changed" and "not available" warnings beside the order."""
    ordered = price_cart(_cart(demo_menu), demo_menu)
    state = ordered.state._replace(checked_out=True)

    def edit(d: dict) -> None:
        _item(d, "cheeseburger").update(price_cents=1099)
        _item(d, "mexican-coke").update(available=False)
        extras = next(g for g in _item(d, "cheeseburger")["modifier_groups"] if g["id"] == "extras")
        next(o for o in extras["options"] if o["id"] == "bacon").update(available=False)

    priced = price_cart(state, _edited(edit))
    assert priced.warnings == [] and priced.state == state
    assert [(p.unit_price_cents, p.total_cents, p.available) for p in priced.lines] == [
        (p.unit_price_cents, p.total_cents, True) for p in ordered.lines
    ]
    assert [m["id"] for m in priced.lines[0].to_dict()["modifiers"]] == ["medium", "american", "bacon"]
    assert (priced.subtotal_cents, priced.tax_cents, priced.total_cents) == (
        ordered.subtotal_cents,
        ordered.tax_cents,
        ordered.total_cents,
    )
    assert priced.line_views() == [p.to_dict() for p in ordered.lines]
