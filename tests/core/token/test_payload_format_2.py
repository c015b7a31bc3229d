"""Token format 2: variations, repeated options and nested choices, written only when a cart needs them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.cart import CartState, Line
from app.core.menu.model import MAX_MODIFIER_DEPTH
from app.core.token.codec import MAX_TOKEN_CHOICES_PER_LINE, CartCodec, read_header, read_payload
from app.core.token.keys import KeyRing
from tests.conftest import T0, TEST_KEYS
from tests.forge import mint_state
from tests.support.tokens import reason_of

RID = "v2-cafe"


def state(*lines: Line) -> CartState:
    return CartState(bytes(range(8)), RID, T0, T0, 2, 10, False, lines)


V1_LINE = Line(1, 0x1234, 2, 1199, (7, 70000), "no onions")
V2_LINES = (
    Line(2, 0x2222, 1, 550, (7, 7, 9), "", 0x3333),  # a size, an option twice
    Line(3, 0x4444, 2, 1300, ((5, (6, 8)), 4)),  # a combo: burger → side → sauce; and a drink
    Line(4, 0x5555, 1, 400, (), "", 0x80000),  # a size with a 32-bit tag, no options
)


def test_a_v1_shaped_cart_is_still_written_as_version_1(codec: CartCodec) -> None:
    token = codec.encode(state(V1_LINE), T0)
    assert read_header(token).version == 1  # a replica of the previous release reads it
    assert codec.decode(token, RID, T0) == state(V1_LINE)


@pytest.mark.parametrize("line", V2_LINES, ids=["variation+repeat", "nested", "variation-only"])
def test_v2_lines_round_trip(codec: CartCodec, line: Line) -> None:
    token = codec.encode(state(V1_LINE, line), T0)
    assert read_header(token).version == 2
    assert codec.decode(token, RID, T0) == state(V1_LINE, line)


def test_v2_rows_are_compact(codec: CartCodec) -> None:
    token = codec.encode(state(*V2_LINES), T0)
    # the variation is a 2-array in the item slot; a nested choice a (tag, *children) array
    assert read_payload(token) == bytes.fromhex(
        "94 02 0a 00 93"
        "95 02 92 cd2222 cd3333 01 cd0226 93 07 07 09"
        "95 03 cd4444 02 cd0514 92 92 05 92 06 08 04"
        "94 04 92 cd5555 ce00080000 01 cd0190".replace(" ", "")
    )


GOOD = [[1, [0x1234, 0x99], 1, 550, [7, 7, [5, 6, [8, 9]]]]]


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        (GOOD, None),
        ([[1, [0x1234], 1, 550]], "schema"),  # a variation slot needs both tags
        ([[1, [0x1234, 1, 2], 1, 550]], "schema"),
        ([[1, [0x1234, -1], 1, 550]], "schema"),
        ([[1, [0x1234, "x"], 1, 550]], "schema"),
        ([[1, 0x1234, 1, 550, [[5]]]], "schema"),  # a nested entry needs children
        ([[1, 0x1234, 1, 550, [["5", 6]]]], "schema"),
        ([[1, 0x1234, 1, 550, [[5, [6, [7, [8, 9]]]]]]], "schema"),  # deeper than the token carries
        (
            [[1, 0x1234, 1, 550, [[5, *range(MAX_TOKEN_CHOICES_PER_LINE)]]]],
            "schema",
        ),  # one pick too many, nested ones counted
        ([[1, 0x1234, 1, 550, [1.5]]], "schema"),
        ([[1, 0x1234, 0, 550, [7, 7]]], "schema"),  # v1's own checks still apply
    ],
)
def test_v2_payload_structure(codec: CartCodec, rows: list, reason: str | None) -> None:
    token = mint_state(codec, [2, 3, 0, rows], restaurant_id=RID, issued_at=T0, version=2)
    if reason is None:
        line = codec.decode(token, RID, T0).lines[0]
        assert (line.item_tag, line.variation_tag, line.option_tags) == (0x1234, 0x99, (7, 7, (5, 6, (8, 9))))
    else:
        assert reason_of(codec, token, RID) == reason


def test_a_v1_token_may_not_carry_v2_rows(codec: CartCodec) -> None:
    token = mint_state(codec, [2, 3, 0, GOOD], restaurant_id=RID, issued_at=T0, version=1)
    assert reason_of(codec, token, RID) == "schema"


def test_nesting_limit_matches_the_menu_limit() -> None:
    assert MAX_MODIFIER_DEPTH == 3  # menu check refuses deeper menus; the token refuses deeper rows


_tags = st.integers(min_value=0, max_value=0xFFFFFFFF)


def _entries(depth: int) -> st.SearchStrategy:
    leaf = _tags
    if depth >= MAX_MODIFIER_DEPTH:
        return leaf
    nested = st.builds(
        lambda tag, children: (tag, *children), _tags, st.lists(_entries(depth + 1), min_size=1, max_size=2)
    )
    return st.one_of(leaf, nested)


def _count(entries: tuple) -> int:
    return sum(1 + _count(e[1:]) if type(e) is tuple else 1 for e in entries)


@settings(max_examples=200, deadline=None)
@given(
    options=st.lists(_entries(1), max_size=6).map(tuple).filter(lambda e: _count(e) <= 12),
    variation=st.none() | _tags,
    notes=st.sampled_from(["", "no ice", "für Oma"]),
)
def test_any_v2_line_round_trips(options: tuple, variation: int | None, notes: str) -> None:
    codec = CartCodec(KeyRing.parse(TEST_KEYS))
    line = Line(1, 0xABCD, 3, 999, options, notes, variation)
    decoded = codec.decode(codec.encode(state(line), T0), RID, T0)
    assert decoded.lines == (line,)
