"""The trained zstd dictionaries: released ones never change and always decode."""

from __future__ import annotations

import hashlib

import pytest

from app.core import turn
from app.core.menu import Menu
from app.core.token.codec import (
    CODEC_RAW,
    CODEC_ZSTD,
    DEFAULT_DICTIONARY,
    RELEASED_DICTIONARIES,
    CartCodec,
    pack_state,
    read_header,
    read_payload,
)
from app.core.token.framing import dictionary_path
from app.core.token.keys import KeyRing
from app.errors import TokenInvalid
from tests.conftest import T0, TACO, TEST_KEYS
from tests.forge import mint

# Every dictionary ever released, by id: its file must stay byte-for-byte what shipped, or tokens
# in flight would decompress to garbage (their MAC covers the compressed bytes, not the meaning).
LATEST = max(RELEASED_DICTIONARIES)
RELEASED_SHA256 = {
    2: "f94c22ddd04f06a63538526f62bd72909b6b3c6e17ad490af949dad025992041",
}


def uuid_cart(menu: Menu, codec: CartCodec, lines: int = 6) -> turn.TurnResult:
    result = turn.run_turn(None, turn.NewCart(b"\x01" * 8), menu, codec, T0)
    items = [i for i in menu.items if i.available][:lines]
    for n, item in enumerate(items):
        options = tuple(g.options[0].id for g in item.modifier_groups if g.min > 0)
        notes = "no onions please" if n % 2 else None
        result = turn.run_turn(result.token, turn.AddItem(item.id, 1, options, notes), menu, codec, T0)
    return result


def test_released_dictionaries_are_unchanged_and_none_is_missing() -> None:
    assert set(RELEASED_SHA256) == set(RELEASED_DICTIONARIES)
    for dict_id, digest in RELEASED_SHA256.items():
        assert hashlib.sha256(dictionary_path(dict_id).read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("dict_id", [DEFAULT_DICTIONARY, LATEST])
def test_tokens_name_the_dictionary_they_were_compressed_with(uuid_menu: Menu, dict_id: int) -> None:
    codec = CartCodec(KeyRing.parse(TEST_KEYS), dictionary=dict_id)
    token = uuid_cart(uuid_menu, codec).token
    flags = read_header(token).flags
    assert (flags & 0x0F, flags >> 4) == (CODEC_ZSTD, dict_id)


@pytest.mark.parametrize("dict_id", [0, *sorted(RELEASED_DICTIONARIES)])
def test_tokens_made_with_any_released_dictionary_or_none_decode(uuid_menu: Menu, dict_id: int) -> None:
    old = CartCodec(KeyRing.parse(TEST_KEYS), dictionary=dict_id)
    result = uuid_cart(uuid_menu, old)
    current = CartCodec(KeyRing.parse(TEST_KEYS))
    assert current.decode(result.token, TACO, T0) == result.state


@pytest.mark.parametrize("dict_id", [0, LATEST])
def test_read_payload_looks_inside_with_the_named_dictionary(uuid_menu: Menu, dict_id: int) -> None:
    result = uuid_cart(uuid_menu, CartCodec(KeyRing.parse(TEST_KEYS), dictionary=dict_id))
    assert read_payload(result.token) == pack_state(result.state)


def test_the_dictionary_makes_a_cart_with_notes_smaller(uuid_menu: Menu) -> None:
    plain = uuid_cart(uuid_menu, CartCodec(KeyRing.parse(TEST_KEYS), dictionary=0)).token
    trained = uuid_cart(uuid_menu, CartCodec(KeyRing.parse(TEST_KEYS), dictionary=LATEST)).token
    assert len(trained) < len(plain)


def test_a_codec_cannot_be_made_with_an_unreleased_dictionary() -> None:
    with pytest.raises(ValueError, match="no zstd dictionary 9"):
        CartCodec(KeyRing.parse(TEST_KEYS), dictionary=9)


@pytest.mark.parametrize(
    "flags",
    [CODEC_ZSTD | 9 << 4, CODEC_RAW | LATEST << 4],
    ids=["unreleased_dictionary", "dictionary_on_raw_payload"],
)
def test_genuinely_signed_but_unknown_dictionary_use_is_refused(uuid_menu: Menu, flags: int) -> None:
    codec = CartCodec(KeyRing.parse(TEST_KEYS))
    state = uuid_cart(uuid_menu, codec).state
    token = mint(codec, pack_state(state), restaurant_id=TACO, issued_at=T0, flags=flags)
    with pytest.raises(TokenInvalid) as caught:
        codec.decode(token, TACO, T0)
    assert caught.value.reason == "version"


# Minted with dictionary 2 (TEST_KEYS, at T0, on the taqueria menu): such tokens are in flight
# the day dictionary 2 is switched on, and must decode in every later release.
PINNED_DICTIONARY_2_TOKEN = (
    "AeHwIQNrSdIAAAAAAQEBAQEBAQEgjJ0CACMFEHaQwmkTMJP3SqfLXOE0grHHI6QuIRinQVIt3g9qg3DBb0MOto3TUeehBcMoLszlJjoNkuV6"
    "r2SZAxmbHOoUz4UF_JZ8AMr0FslxzzBlSnkS._JxTxsrZIjcLI17kwUcYKg"
)


def test_a_pinned_dictionary_2_token_decodes() -> None:
    assert read_header(PINNED_DICTIONARY_2_TOKEN).flags == CODEC_ZSTD | 2 << 4
    state = CartCodec(KeyRing.parse(TEST_KEYS)).decode(PINNED_DICTIONARY_2_TOKEN, TACO, T0 + 60)
    assert (state.revision, state.next_line_id) == (6, 7)
    assert [(ln.line_id, ln.item_tag, ln.quantity, ln.unit_price_cents) for ln in state.lines] == [
        (1, 8591, 1, 550),
        (2, 27474, 1, 450),
        (3, 38091, 1, 1299),
        (4, 54098, 1, 1449),
        (5, 64282, 1, 999),
        (6, 29535, 1, 949),
    ]
    options = [(16369, 27497), (29719,), (21525, 56570, 4137), (52824,), (50281,), ()]
    assert [ln.option_tags for ln in state.lines] == options
    assert [ln.notes for ln in state.lines] == ["", "no onions please"] * 3
