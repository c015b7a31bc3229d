"""Whatever the codec mints it reads back: the largest cart a token may carry (lines, choices, notes,
quantities, ids, prices at their bounds; as many choices as a token's line may hold, above what a turn
writes today) round-trips, and its payload stays under the decompressed-size bound that refuses zstd
bombs. Found when 50 lines of 140-emoji notes (32 KiB of
msgpack, a 315-character token) were minted and then refused as a bomb: a cart lost to its own token."""

from __future__ import annotations

import pytest

from app.core.cart import MAX_LINE_ID, MAX_LINES, MAX_MODIFIERS_PER_LINE, MAX_NOTES_CHARS, MAX_QUANTITY, CartState, Line
from app.core.token.codec import MAX_TOKEN_CHOICES_PER_LINE, CartCodec, pack_state
from app.core.token.framing import MAX_PAYLOAD_BYTES
from app.errors import TokenInvalid
from tests.conftest import T0

RID = "demo-burger"
TAG = 0xFFFF_FFFF  # the widest msgpack integer a tag may be
FLAT = (TAG,) * MAX_TOKEN_CHOICES_PER_LINE  # repeats: format 2
NESTED = ((TAG, (TAG, TAG)),) * (MAX_TOKEN_CHOICES_PER_LINE // 3)  # every choice with nested choices, 3 levels


def largest_cart(options: tuple[object, ...], notes: str) -> CartState:
    lines = tuple(
        Line(MAX_LINE_ID - MAX_LINES - 1 + i, TAG, MAX_QUANTITY, -(10**9), options, notes, TAG)  # type: ignore[arg-type]
        for i in range(1, MAX_LINES + 1)
    )
    return CartState(
        cart_id=bytes(8),
        restaurant_id=RID,
        created_at=T0,
        updated_at=T0,
        revision=2**32 - 1,
        next_line_id=MAX_LINE_ID,
        lines=lines,
        checked_out=True,
    )


@pytest.mark.parametrize("options", [FLAT, NESTED], ids=["repeats", "nested"])
@pytest.mark.parametrize("notes", ["😀" * MAX_NOTES_CHARS, "n" * MAX_NOTES_CHARS], ids=["4-byte", "ascii"])
def test_the_largest_cart_the_limits_allow_round_trips(
    codec: CartCodec, options: tuple[object, ...], notes: str
) -> None:
    cart = largest_cart(options, notes)
    assert len(pack_state(cart)) <= MAX_PAYLOAD_BYTES
    token = codec.encode(cart, T0)  # short: zstd folds the repeated lines
    assert codec.decode(token, RID, T0) == cart


def test_a_token_reads_more_choices_per_line_than_a_turn_writes() -> None:
    """Read first, write later: a release that raises the cart's rule must not mint what the release
    before it refuses."""
    assert MAX_TOKEN_CHOICES_PER_LINE > MAX_MODIFIERS_PER_LINE


def test_a_line_with_more_choices_than_a_token_holds_is_refused(codec: CartCodec) -> None:
    cart = largest_cart((TAG,) * (MAX_TOKEN_CHOICES_PER_LINE + 1), "")
    with pytest.raises(TokenInvalid, match="modifiers"):
        codec.decode(codec.encode(cart, T0), RID, T0)
