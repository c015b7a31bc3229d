"""The pure turn function and the cart operations behind it."""

from __future__ import annotations

import pytest

from app.core import turn
from app.core.cart import MAX_LINES, MAX_QUANTITY
from app.core.menu import Menu
from app.core.token.codec import CartCodec
from app.errors import (
    CartCheckedOut,
    CartTooLarge,
    InvalidRequest,
    ItemAmbiguous,
    ItemNotFound,
    ItemUnavailable,
    LineNotFound,
    ModifierInvalid,
    ModifierRequired,
    QuantityInvalid,
    TokenMissing,
)
from tests.conftest import T0

BURGER = turn.AddItem("cheeseburger", 1, ("medium", "cheddar"))


def start(menu: Menu, codec: CartCodec) -> turn.TurnResult:
    return turn.run_turn(None, turn.NewCart(b"cartcart"), menu, codec, T0)


def play(menu: Menu, codec: CartCodec, *ops: turn.Operation) -> turn.TurnResult:
    result = start(menu, codec)
    for op in ops:
        result = turn.run_turn(result.token, op, menu, codec, T0)
    return result


def test_turn_is_deterministic(demo_menu: Menu, codec: CartCodec) -> None:
    a = play(demo_menu, codec, BURGER)
    b = play(demo_menu, codec, BURGER)
    assert a.token == b.token  # same token + op + menu + now -> same answer: retries are safe


def test_add_by_spoken_name_and_merge(demo_menu: Menu, codec: CartCodec) -> None:
    r = play(demo_menu, codec, BURGER, turn.AddItem("Cheese Burgers", 2, ("Medium", "cheddar")))
    [line] = r.cart_json()["lines"]
    assert line["quantity"] == 3 and line["item_id"] == "cheeseburger"
    assert r.state.revision == 2
    different_notes = turn.run_turn(
        r.token, turn.AddItem("cheeseburger", 1, ("medium", "cheddar"), "no bun"), demo_menu, codec, T0
    )
    assert len(different_notes.state.lines) == 2
    assert different_notes.line_id == 2


def test_required_and_invalid_modifiers(demo_menu: Menu, codec: CartCodec) -> None:
    with pytest.raises(ModifierRequired) as err:
        play(demo_menu, codec, turn.AddItem("cheeseburger", 1, ("medium",)))
    assert err.value.details["group"] == "cheese"
    assert {"id": "swiss", "name": "Swiss", "price_cents": 0} in err.value.details["options"]
    with pytest.raises(ModifierInvalid):
        play(demo_menu, codec, turn.AddItem("cheeseburger", 1, ("medium", "cheddar", "swiss")))  # max 1
    with pytest.raises(ModifierInvalid):
        play(demo_menu, codec, turn.AddItem("cheeseburger", 1, ("medium", "cheddar", "pineapple rings")))


def test_item_errors(demo_menu: Menu, codec: CartCodec) -> None:
    with pytest.raises(ItemNotFound):
        play(demo_menu, codec, turn.AddItem("lobster thermidor"))
    with pytest.raises(ItemUnavailable) as err:
        play(demo_menu, codec, turn.AddItem("strawberry shake", 1, ("small",)))
    assert all(s["id"] != "strawberry-shake" for s in err.value.details["suggestions"])
    with pytest.raises(ItemAmbiguous) as amb:
        play(demo_menu, codec, turn.AddItem("shake"))
    assert len(amb.value.details["candidates"]) >= 2


@pytest.mark.parametrize("quantity", [0, -1, MAX_QUANTITY + 1])
def test_quantity_limits(demo_menu: Menu, codec: CartCodec, quantity: object) -> None:
    with pytest.raises(QuantityInvalid):
        play(demo_menu, codec, turn.AddItem("mexican coke", quantity))


@pytest.mark.parametrize("quantity", [1.5, "2", True, None])
def test_a_quantity_that_is_no_integer_is_a_malformed_request(
    demo_menu: Menu, codec: CartCodec, quantity: object
) -> None:
    with pytest.raises(InvalidRequest) as refused:
        play(demo_menu, codec, turn.AddItem("mexican coke", quantity))
    assert refused.value.code == "invalid_request" and refused.value.details == {"field": "quantity"}


def test_merge_cannot_exceed_max_quantity(demo_menu: Menu, codec: CartCodec) -> None:
    with pytest.raises(QuantityInvalid):
        play(demo_menu, codec, turn.AddItem("mexican coke", 60), turn.AddItem("mexican coke", 40))


def test_notes_are_cleaned_and_checked(demo_menu: Menu, codec: CartCodec) -> None:
    r = play(demo_menu, codec, turn.AddItem("mexican coke", 1, (), "  Cafe\u0301 style  "))
    assert r.state.lines[0].notes == "Café style"  # NFC, trimmed
    with pytest.raises(InvalidRequest):
        play(demo_menu, codec, turn.AddItem("mexican coke", 1, (), "bell\x07"))
    with pytest.raises(CartTooLarge):
        play(demo_menu, codec, turn.AddItem("mexican coke", 1, (), "x" * 141))


def test_update_remove_clear(demo_menu: Menu, codec: CartCodec) -> None:
    r = play(demo_menu, codec, BURGER, turn.AddItem("mexican coke"))
    r = turn.run_turn(r.token, turn.UpdateLine(1, quantity=4, modifiers=("well done", "swiss")), demo_menu, codec, T0)
    line = r.cart_json()["lines"][0]
    assert line["quantity"] == 4 and [m["id"] for m in line["modifiers"]] == ["well-done", "swiss"]
    r = turn.run_turn(r.token, turn.UpdateLine(2, quantity=0), demo_menu, codec, T0)
    assert [ln.line_id for ln in r.state.lines] == [1]
    with pytest.raises(LineNotFound):
        turn.run_turn(r.token, turn.RemoveLine(2), demo_menu, codec, T0)
    r = turn.run_turn(r.token, turn.ClearCart(), demo_menu, codec, T0)
    assert r.state.lines == () and r.state.cart_id == b"cartcart"
    r = turn.run_turn(r.token, turn.AddItem("mexican coke"), demo_menu, codec, T0)
    assert r.line_id == 3  # line ids are never reused


def test_view_does_not_bump_revision_but_slides_expiry(demo_menu: Menu, codec: CartCodec) -> None:
    r = play(demo_menu, codec, BURGER)
    later = turn.run_turn(r.token, turn.ViewCart(), demo_menu, codec, T0 + 1000)
    assert later.state.revision == r.state.revision
    assert later.expires_at == T0 + 1000 + 1800


def test_line_limit(demo_menu: Menu, codec: CartCodec) -> None:
    r = start(demo_menu, codec)
    for n in range(MAX_LINES):
        r = turn.run_turn(r.token, turn.AddItem("mexican coke", 1, (), f"bottle {n}"), demo_menu, codec, T0)
    with pytest.raises(CartTooLarge):
        turn.run_turn(r.token, turn.AddItem("mexican coke", 1, (), "one more"), demo_menu, codec, T0)
    assert len(r.token) <= 4096


def test_missing_token_and_checked_out(demo_menu: Menu, codec: CartCodec) -> None:
    with pytest.raises(TokenMissing):
        turn.run_turn(None, turn.ViewCart(), demo_menu, codec, T0)
    from app.core.cart import mark_checked_out

    r = play(demo_menu, codec, BURGER)
    done = turn.finish(mark_checked_out(r.state), demo_menu, codec, T0)
    assert turn.run_turn(done.token, turn.ViewCart(), demo_menu, codec, T0).state.checked_out
    # a placed order answers 409 before anything else about the request is looked at
    for op in (
        BURGER,
        turn.AddItem("zzzz qqq"),
        turn.AddItem("mexican coke", 500),
        turn.UpdateLine(7, quantity=2),
        turn.RemoveLine(1),
        turn.ClearCart(),
    ):
        with pytest.raises(CartCheckedOut):
            turn.run_turn(done.token, op, demo_menu, codec, T0)


@pytest.mark.parametrize(
    ("item", "quantity", "asked"),
    [
        ("2 cheeseburgers medium cheddar", 3, {"said_quantity": 2}),  # which count? never silently 3
        ("a dozen mexican cokes", 1, {"said_quantity": 12}),
        ("cheeseburger medium cheddar and a mexican coke", 2, {"items": 2}),  # two of each, or two in all?
    ],
)
def test_a_count_said_that_the_quantity_contradicts_is_asked(
    demo_menu: Menu, codec: CartCodec, item: str, quantity: int, asked: dict[str, int]
) -> None:
    with pytest.raises(QuantityInvalid) as refused:
        play(demo_menu, codec, turn.AddItem(item, quantity))
    assert asked.items() <= refused.value.details.items() and refused.value.details["quantity"] == quantity


def test_a_quantity_that_agrees_or_meets_an_article_is_the_count(demo_menu: Menu, codec: CartCodec) -> None:
    agrees = play(demo_menu, codec, turn.AddItem("two cheeseburgers medium cheddar", 2))
    article = play(demo_menu, codec, turn.AddItem("a cheeseburger medium cheddar", 2))  # "a" is an article here
    each = play(demo_menu, codec, turn.AddItem("cheeseburger medium cheddar and a mexican coke", 1))
    assert [line["quantity"] for line in agrees.cart_json()["lines"]] == [2]
    assert [line["quantity"] for line in article.cart_json()["lines"]] == [2]
    assert [line["quantity"] for line in each.cart_json()["lines"]] == [1, 1]
