"""Hypothesis properties: the codec round-trips and refuses every single change; any sequence of
cart operations keeps the money invariants and the limits. (Big numbers: ``bench/fuzz.py``.)"""

from __future__ import annotations

import asyncio
import base64
import json
import unicodedata
from fractions import Fraction
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from app.core import turn
from app.core.cart import MAX_LINE_ID, MAX_LINES, MAX_MODIFIERS_PER_LINE, MAX_NOTES_CHARS, MAX_QUANTITY, CartState, Line
from app.core.menu import Item, Menu
from app.core.token.codec import MAX_TOKEN_CHARS, CartCodec, TokenPolicy
from app.core.token.keys import KeyRing
from app.errors import CartError, CartTooLarge, TokenError
from tests.asgi import call
from tests.conftest import DEMO, T0, TACO, TEST_KEYS

CODEC = CartCodec(KeyRing.parse(TEST_KEYS), TokenPolicy())
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- strategies -------------------------------------------------------------------------------------------

clean_text = (
    st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co")), max_size=MAX_NOTES_CHARS)
    .map(lambda s: unicodedata.normalize("NFC", s).strip())
    .filter(lambda s: len(s) <= MAX_NOTES_CHARS)
)
tag = st.integers(0, 0xFFFFFFFF)


@st.composite
def cart_states(draw: st.DrawFn) -> tuple[CartState, int]:
    now = draw(st.integers(T0, T0 + 10**6))
    next_line_id = draw(st.integers(1, MAX_LINE_ID + 1))
    ids = draw(st.lists(st.integers(1, max(1, next_line_id - 1)), max_size=min(12, next_line_id - 1), unique=True))
    lines = tuple(
        Line(
            line_id,
            draw(tag),
            draw(st.integers(1, MAX_QUANTITY)),
            draw(st.integers(0, 10**6)),
            tuple(draw(st.lists(tag, max_size=MAX_MODIFIERS_PER_LINE))),
            draw(st.one_of(st.just(""), clean_text)),
        )
        for line_id in ids
    )
    state = CartState(
        cart_id=draw(st.binary(min_size=8, max_size=8)),
        restaurant_id=draw(st.sampled_from([DEMO, TACO])),
        created_at=now - draw(st.integers(0, TokenPolicy().max_lifetime_seconds)),
        updated_at=now,
        revision=draw(st.integers(0, 2**32)),
        next_line_id=next_line_id,
        checked_out=draw(st.booleans()),
        lines=lines,
    )
    return state, now


def encode_or_skip(state: CartState, now: int) -> str:
    try:
        return CODEC.encode(state, now)
    except CartTooLarge:
        assume(False)
        raise


def refused(token: str, state: CartState, now: int) -> bool:
    try:
        CODEC.decode(token, state.restaurant_id, now, [DEMO, TACO])
    except TokenError:
        return True
    return False


# --- codec ------------------------------------------------------------------------------------------------


@QUICK
@given(cart_states())
def test_round_trip_is_identity(case: tuple[CartState, int]) -> None:
    state, now = case
    token = encode_or_skip(state, now)
    assert len(token) <= MAX_TOKEN_CHARS
    assert CODEC.decode(token, state.restaurant_id, now) == state
    assert CODEC.encode(CODEC.decode(token, state.restaurant_id, now), now) == token


@QUICK
@given(cart_states(), st.data())
def test_any_single_bit_flip_in_the_text_is_refused(case: tuple[CartState, int], data: st.DataObject) -> None:
    state, now = case
    token = encode_or_skip(state, now)
    i = data.draw(st.integers(0, len(token) - 1))
    bit = data.draw(st.integers(0, 7))
    assert refused(token[:i] + chr(ord(token[i]) ^ (1 << bit)) + token[i + 1 :], state, now)


@QUICK
@given(cart_states(), st.data())
def test_any_character_change_insertion_or_deletion_is_refused(
    case: tuple[CartState, int], data: st.DataObject
) -> None:
    state, now = case
    token = encode_or_skip(state, now)
    i = data.draw(st.integers(0, len(token) - 1))
    other = data.draw(st.characters().filter(lambda c: c != token[i]))
    assert refused(token[:i] + other + token[i + 1 :], state, now)
    assert refused(token[:i] + other + token[i:], state, now)
    assert refused(token[:i] + token[i + 1 :], state, now)


@QUICK
@given(cart_states(), st.data())
def test_any_single_bit_flip_in_the_bytes_is_refused(case: tuple[CartState, int], data: st.DataObject) -> None:
    """Flip a bit of the decoded body or MAC and re-encode canonically: only the MAC can object."""
    state, now = case
    token = encode_or_skip(state, now)
    parts = [bytearray(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))) for p in token.split(".")]
    which = data.draw(st.integers(0, 1))
    i = data.draw(st.integers(0, len(parts[which]) - 1))
    parts[which][i] ^= 1 << data.draw(st.integers(0, 7))
    mutated = ".".join(base64.urlsafe_b64encode(bytes(p)).rstrip(b"=").decode() for p in parts)
    assert refused(mutated, state, now)


@QUICK
@given(st.text(max_size=200) | st.binary(max_size=300).map(lambda b: base64.urlsafe_b64encode(b).decode()))
def test_random_strings_are_refused_with_a_token_error(text: str) -> None:
    with pytest.raises(TokenError):
        CODEC.decode(text, DEMO, T0)


# --- the cart model through run_turn ---------------------------------------------------------------------------


def demo_menu_() -> Menu:
    from app.core.menu import load_menu
    from tests.conftest import DEMO_MENU_FILE

    return load_menu(DEMO_MENU_FILE)


MENU = demo_menu_()
OPTION_IDS = sorted({o.id for i in MENU.items for o in i.options})


@st.composite
def valid_add(draw: st.DrawFn) -> turn.AddItem:
    item: Item = draw(st.sampled_from(MENU.items))
    chosen: list[str] = []
    for group in item.modifier_groups:
        k = draw(st.integers(group.min, min(group.max, len(group.options))))
        chosen += draw(st.lists(st.sampled_from([o.id for o in group.options]), min_size=k, max_size=k, unique=True))
    notes = draw(st.sampled_from([None, "", "no ice", "for the kids"]) | clean_text)
    return turn.AddItem(item.id, draw(st.integers(1, 30)), tuple(chosen), notes)


line_ids = st.integers(-1, 12)
quantities = st.one_of(st.integers(-2, MAX_QUANTITY + 2), st.sampled_from([1.5, "2", True, None]))
any_op = st.one_of(
    valid_add(),
    valid_add(),
    valid_add(),
    st.builds(
        turn.AddItem,
        st.sampled_from([i.id for i in MENU.items]) | st.text(max_size=30),
        quantities,
        st.lists(st.sampled_from(OPTION_IDS), max_size=14).map(tuple),
        st.none() | st.text(max_size=150),
    ),
    st.builds(
        turn.UpdateLine,
        line_ids,
        st.none() | quantities,
        st.none() | st.lists(st.sampled_from(OPTION_IDS), max_size=14).map(tuple),
        st.none() | st.text(max_size=150),
    ),
    st.builds(turn.UpdateLine, st.integers(1, 6), st.integers(0, MAX_QUANTITY), st.none(), st.none() | clean_text),
    st.builds(turn.RemoveLine, line_ids),
    st.just(turn.ClearCart()),
    st.just(turn.ViewCart()),
)


def round_half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


def check_invariants(result: turn.TurnResult) -> None:
    cart = result.cart_json()
    lines = cart["lines"]
    assert cart["subtotal_cents"] == sum(line["line_total_cents"] for line in lines)
    assert cart["tax_cents"] == round_half_up(cart["subtotal_cents"] * Fraction(str(MENU.tax_rate)))
    assert cart["total_cents"] == cart["subtotal_cents"] + cart["tax_cents"]
    assert cart["item_count"] == sum(line["quantity"] for line in lines if line["available"])
    assert len(lines) <= MAX_LINES and len(result.token) <= MAX_TOKEN_CHARS
    assert len({line["line_id"] for line in lines}) == len(lines)
    for line in lines:
        assert 1 <= line["quantity"] <= MAX_QUANTITY
        assert len(line["modifiers"]) <= MAX_MODIFIERS_PER_LINE
        assert len(line["notes"]) <= MAX_NOTES_CHARS
        item = MENU.item(line["item_id"])
        assert item is not None and item.available
        chosen = {m["id"] for m in line["modifiers"]}
        menu_price = item.price_cents + sum(o.price_cents for o in item.options if o.id in chosen)
        assert line["unit_price_cents"] == menu_price  # always the authoritative menu price
        assert line["line_total_cents"] == line["unit_price_cents"] * line["quantity"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(any_op, st.integers(0, 120)), max_size=40))
def test_any_operation_sequence_keeps_the_invariants(ops: list[tuple[turn.Operation, int]]) -> None:
    now = T0
    result = turn.run_turn(None, turn.NewCart(b"\x01" * 8), MENU, CODEC, now)
    for op, pause in ops:
        now += pause
        before = result
        try:
            result = turn.run_turn(before.token, op, MENU, CODEC, now, [DEMO])
            event(f"{type(op).__name__}: ok")
        except CartError as exc:
            event(f"{type(op).__name__}: {exc.code}")
            result = turn.run_turn(before.token, turn.ViewCart(), MENU, CODEC, now)  # still valid
            assert result.cart_json()["lines"] == before.cart_json()["lines"]
        check_invariants(result)
        assert result.state.revision >= before.state.revision
    final = CODEC.decode(result.token, DEMO, now)
    assert final._replace(updated_at=result.state.updated_at) == result.state


# --- the whole request path (hypothesis drives the ASGI app; bench/fuzz.py does it 100,000 times) -------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
op_bodies = st.fixed_dictionaries(
    {"item": st.sampled_from([i.id for i in MENU.items]) | st.text(max_size=20)},
    optional={
        "quantity": json_values,
        "modifiers": st.lists(st.sampled_from(OPTION_IDS) | st.text(max_size=10), max_size=14) | json_values,
        "notes": st.text(max_size=160) | json_values,
        "arguments": json_values,
    },
)
VERIFYING = {("GET", "cart"), ("DELETE", "cart"), ("POST", "items"), ("PATCH", "line"), ("DELETE", "line")}


@pytest.fixture(scope="module")
def asgi_app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from app.server.app import create_app
    from app.settings import Settings, bundled_menu_dir

    data = tmp_path_factory.mktemp("data")
    return create_app(Settings(keys_spec=TEST_KEYS, menu_dir=bundled_menu_dir(), data_dir=data), clock=lambda: T0)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    method=st.sampled_from(["GET", "POST", "PATCH", "DELETE", "PUT"])
    | st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", max_size=7),
    rid=st.sampled_from([DEMO, TACO]) | st.text(max_size=12),
    where=st.sampled_from(["cart", "items", "line", "menu", "tools", "checkout"]),
    line=st.sampled_from(["1", "2", "0"]) | st.text(max_size=12),
    token_kind=st.sampled_from(["genuine", "mutated", "random", "none"]),
    body=st.binary(max_size=64)
    | json_values.map(lambda v: json.dumps(v).encode())
    | op_bodies.map(lambda v: json.dumps(v).encode()),
    data=st.data(),
)
def test_any_request_gets_a_documented_answer(
    asgi_app, method: str, rid: str, where: str, line: str, token_kind: str, body: bytes, data: st.DataObject
) -> None:  # type: ignore[no-untyped-def]
    genuine = turn.run_turn(None, turn.NewCart(b"\x02" * 8), MENU, CODEC, T0).token
    genuine = turn.run_turn(genuine, turn.AddItem("bottled-water"), MENU, CODEC, T0).token
    token = {"genuine": genuine, "none": None, "random": data.draw(st.text(max_size=80))}.get(token_kind)
    if token_kind == "mutated":
        i = data.draw(st.integers(0, len(genuine) - 1))
        token = (
            genuine[:i]
            + data.draw(st.characters(max_codepoint=255).filter(lambda c: c != genuine[i]))
            + genuine[i + 1 :]
        )
    path = {
        "cart": "/cart",
        "items": "/cart/items",
        "line": f"/cart/items/{line}",
        "menu": "/menu",
        "tools": "/tools/get_current_order",
        "checkout": "/cart/checkout",
    }[where]
    headers = [(b"content-type", b"application/json")]
    if token is not None:
        headers.append((b"cart-token", token.encode("latin-1", "replace")))
    reply = asyncio.run(call(asgi_app, method, f"/v1/restaurants/{quote(rid, safe='')}{path}", headers, [body]))
    assert 200 <= reply.status < 500, reply.body[:200]
    if reply.status >= 400:
        assert isinstance(json.loads(reply.body)["error"]["code"], str)
    forged = token_kind in ("mutated", "random") and bool(token)
    if forged and ((method, where) in VERIFYING or where in ("tools", "checkout")):
        assert reply.status >= 400
