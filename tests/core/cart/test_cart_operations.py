"""The cart model on its own: pure operations, state in and state out (no codec, no HTTP)."""

from __future__ import annotations

import pytest

from app.core import cart
from app.core.cart import CartState, new_cart
from app.core.menu import Item, Menu, Option
from app.errors import (
    CartCheckedOut,
    CartTooLarge,
    InvalidRequest,
    LineNotFound,
    ModifierInvalid,
    ModifierRequired,
    QuantityInvalid,
)

T0 = 1_800_000_000


def item(menu: Menu, item_id: str) -> Item:
    found = menu.item(item_id)
    assert found is not None
    return found


def options(found: Item, *ids: str) -> list[Option]:
    by_id = {o.id: o for o in found.options}
    return [by_id[i] for i in ids]


@pytest.fixture
def empty() -> CartState:
    return new_cart(b"c" * 8, "demo-burger", T0)


def test_a_new_cart_is_empty_at_revision_zero(empty: CartState) -> None:
    assert (empty.lines, empty.revision, empty.next_line_id, empty.checked_out) == ((), 0, 1, False)
    assert empty.cart_id_hex == "63" * 8 and empty.created_at == empty.updated_at == T0


def test_add_line_quotes_item_plus_options_and_bumps_the_revision(demo_menu: Menu, empty: CartState) -> None:
    burger = item(demo_menu, "classic-burger")
    chosen = options(burger, "medium", "bacon")
    state, line_id = cart.add_line(empty, burger, chosen, 2, "")
    line = state.line(line_id)
    assert line_id == 1 and state.revision == 1 and state.next_line_id == 2
    assert line.quantity == 2 and line.unit_price_cents == burger.price_cents + sum(o.price_cents for o in chosen)
    assert empty.lines == ()  # the old state is untouched


def test_the_same_choice_merges_in_any_option_order(demo_menu: Menu, empty: CartState) -> None:
    burger = item(demo_menu, "classic-burger")
    state, first = cart.add_line(empty, burger, options(burger, "medium", "bacon"), 1, "")
    state, again = cart.add_line(state, burger, options(burger, "bacon", "medium"), 2, "")
    assert first == again and len(state.lines) == 1 and state.line(first).quantity == 3
    state, other = cart.add_line(state, burger, options(burger, "medium", "bacon"), 1, "no salt")
    assert other != first and len(state.lines) == 2  # a different note is a different line


def test_merging_past_the_quantity_cap_is_refused(demo_menu: Menu, empty: CartState) -> None:
    burger = item(demo_menu, "classic-burger")
    state, _ = cart.add_line(empty, burger, options(burger, "medium"), cart.MAX_QUANTITY, "")
    with pytest.raises(QuantityInvalid):
        cart.add_line(state, burger, options(burger, "medium"), 1, "")


def test_an_update_that_makes_two_lines_identical_merges_them_within_the_cap(demo_menu: Menu, empty: CartState) -> None:
    """Issue #24: 99 + 99 identical lines past the cap, and voice asking "Which one: X or X?"."""
    burger = item(demo_menu, "classic-burger")
    state, _ = cart.add_line(empty, burger, options(burger, "medium"), 2, "")
    state, well = cart.add_line(state, burger, options(burger, "well-done"), 3, "")
    merged = cart.update_line(state, well, item=burger, options=options(burger, "medium"))
    assert [(x.line_id, x.quantity) for x in merged.lines] == [(well, 5)]
    noted = cart.update_line(state, well, item=burger, options=options(burger, "medium"), notes="no salt")
    assert len(noted.lines) == 2  # a different note is a different line
    state, _ = cart.add_line(empty, burger, options(burger, "medium"), 99, "")
    state, full = cart.add_line(state, burger, options(burger, "well-done"), 99, "")
    with pytest.raises(QuantityInvalid) as refused:
        cart.update_line(state, full, item=burger, options=options(burger, "medium"))
    assert refused.value.details["quantity"] == 198


def test_group_rules_are_enforced(demo_menu: Menu, empty: CartState) -> None:
    burger = item(demo_menu, "classic-burger")
    with pytest.raises(ModifierRequired) as missing:
        cart.add_line(empty, burger, [], 1, "")
    assert missing.value.details["group"] == "doneness"
    with pytest.raises(ModifierInvalid):
        cart.add_line(empty, burger, options(burger, "medium", "well-done"), 1, "")  # max 1
    with pytest.raises(ModifierInvalid):
        cart.add_line(empty, burger, options(burger, "medium", "bacon", "bacon"), 1, "")  # twice


def test_update_changes_quantity_notes_and_options_and_zero_removes(demo_menu: Menu, empty: CartState) -> None:
    burger = item(demo_menu, "classic-burger")
    state, line_id = cart.add_line(empty, burger, options(burger, "medium"), 1, "")
    state = cart.update_line(state, line_id, quantity=3, notes="cut in half")
    assert (state.line(line_id).quantity, state.line(line_id).notes) == (3, "cut in half")
    state = cart.update_line(state, line_id, item=burger, options=options(burger, "well-done", "avocado"))
    avocado = options(burger, "avocado")[0].price_cents
    assert state.line(line_id).unit_price_cents == burger.price_cents + avocado
    state = cart.update_line(state, line_id, quantity=0)
    assert state.lines == ()
    with pytest.raises(LineNotFound):
        cart.update_line(state, line_id, quantity=1)


def test_line_ids_never_come_back_after_clear(demo_menu: Menu, empty: CartState) -> None:
    water = item(demo_menu, "bottled-water")
    state, first = cart.add_line(empty, water, [], 1, "")
    state = cart.clear(state)
    state, second = cart.add_line(state, water, [], 1, "")
    assert (first, second) == (1, 2) and state.cart_id == empty.cart_id


def test_a_checked_out_cart_refuses_every_change(demo_menu: Menu, empty: CartState) -> None:
    water = item(demo_menu, "bottled-water")
    state, line_id = cart.add_line(empty, water, [], 1, "")
    done = cart.mark_checked_out(state)
    for change in (
        lambda: cart.add_line(done, water, [], 1, ""),
        lambda: cart.update_line(done, line_id, quantity=2),
        lambda: cart.remove_line(done, line_id),
        lambda: cart.clear(done),
    ):
        with pytest.raises(CartCheckedOut):
            change()


def test_the_line_cap_holds(demo_menu: Menu, empty: CartState) -> None:
    water = item(demo_menu, "bottled-water")
    state = empty
    for n in range(cart.MAX_LINES):
        state, _ = cart.add_line(state, water, [], 1, f"bottle {n}")
    with pytest.raises(CartTooLarge):
        cart.add_line(state, water, [], 1, "one more")


@pytest.mark.parametrize("bad", [0, -1, 100])
def test_check_quantity_refuses_a_count_out_of_range(bad: object) -> None:
    with pytest.raises(QuantityInvalid):
        cart.check_quantity(bad)


@pytest.mark.parametrize("bad", [True, 2.5, "2", None])
def test_check_quantity_calls_what_is_no_integer_a_malformed_request(bad: object) -> None:
    with pytest.raises(InvalidRequest) as refused:
        cart.check_quantity(bad)
    assert type(refused.value) is InvalidRequest


def test_notes_are_normalised_and_control_characters_refused() -> None:
    assert cart.clean_notes("  cafe\u0301  ") == "café"
    assert cart.clean_notes(None) == ""
    with pytest.raises(InvalidRequest):
        cart.clean_notes("no\u202eonions")  # a bidi override
    with pytest.raises(CartTooLarge):
        cart.clean_notes("x" * (cart.MAX_NOTES_CHARS + 1))
