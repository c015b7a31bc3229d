"""The token is attacker-controlled input: every rejection reason, in the documented order.

Order (docs/security.md): length cap → strict base64 (both parts) → version → key id → MAC →
time → zstd frame checks → decompress → msgpack limits → schema. Each test below either checks
one rejection reason, or proves a later stage never runs for input an earlier stage refuses.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import msgpack
import pytest

from app.core.cart import MAX_LINES, MAX_NOTES_CHARS, CartState, Line
from app.core.token import codec as codec_module
from app.core.token import framing
from app.core.token.codec import MAX_TOKEN_CHARS, MAX_TOKEN_CHOICES_PER_LINE, CartCodec, TokenPolicy
from app.core.token.framing import CODEC_ZSTD, MAX_PAYLOAD_BYTES
from app.core.token.keys import KeyRing
from app.core.token.signing import TruncatedHMAC
from app.errors import TokenError, TokenExpired, TokenInvalid, TokenWrongRestaurant
from tests.conftest import DEMO, T0, TACO, TEST_KEYS
from tests.forge import bomb_token, mint, mint_state, zstd_frame_declaring
from tests.support.tokens import reason_of

ROOT = Path(__file__).resolve().parents[3]
TTL = TokenPolicy().ttl_seconds
SKEW = TokenPolicy().future_skew_seconds
LIFETIME = TokenPolicy().max_lifetime_seconds
GOOD_ROWS = [[1, 0x1234, 2, 899], [2, 0x4321, 1, 349, [7, 8], "no onions"]]


def cart(**changes: object) -> CartState:
    base = CartState(
        cart_id=b"\x07" * 8,
        restaurant_id=DEMO,
        created_at=T0,
        updated_at=T0,
        revision=2,
        next_line_id=3,
        lines=(Line(1, 0x1234, 2, 899), Line(2, 0x4321, 1, 349, (7, 8), "no onions")),
    )
    return base._replace(**changes)


def non_canonical(part: str) -> str:
    """Same bytes, different text: set the unused low bits of the last base64 character."""
    decoded = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_":
        other = part[:-1] + ch
        if other != part and base64.urlsafe_b64decode(other + "=" * (-len(other) % 4)) == decoded:
            return other
    raise AssertionError("this length has no unused bits")


# --- each rejection reason ------------------------------------------------------------------------


def test_genuine_token_round_trips(codec: CartCodec) -> None:
    assert codec.decode(codec.encode(cart(), T0), DEMO, T0) == cart()


@pytest.mark.parametrize(
    ("forge", "reason"),
    [
        (lambda c, t: t + "A" * (MAX_TOKEN_CHARS + 1 - len(t)), "too_long"),
        (lambda c, t: t.replace(".", ""), "format"),
        (lambda c, t: "AAAA." + t.split(".")[1], "format"),  # 3 bytes: shorter than the header
        (lambda c, t: t.replace("-", "+").replace("_", "/") + "+/", "encoding"),  # standard alphabet
        (lambda c, t: t + "==", "encoding"),  # padding
        (lambda c, t: t[:10] + " " + t[10:], "encoding"),
        (lambda c, t: t + ".AAAA", "encoding"),  # a second dot
        (lambda c, t: non_canonical(t.split(".")[0]) + "." + t.split(".")[1], "encoding"),
        (lambda c, t: t.split(".")[0] + "." + non_canonical(t.split(".")[1]), "encoding"),
        (lambda c, t: mint(c, b"\x90", restaurant_id=DEMO, issued_at=T0, version=3), "version"),
        (lambda c, t: mint(c, b"\x90", restaurant_id=DEMO, issued_at=T0, version=0), "version"),
        (lambda c, t: mint(c, b"\x90", restaurant_id=DEMO, issued_at=T0, kid_tag=b"\xff\xfe"), "unknown_key"),
        (lambda c, t: t[:-1] + ("A" if t[-1] != "A" else "Q"), "signature"),
        (lambda c, t: t.split(".")[0] + "." + t.split(".")[1][:16], "signature"),  # 12-byte MAC
        (lambda c, t: mint(c, b"\x90", restaurant_id=DEMO, issued_at=T0, flags=2), "version"),  # codec 2
        (lambda c, t: mint(c, b"\x90", restaurant_id=DEMO, issued_at=T0, flags=0x11), "version"),  # dict 1
    ],
    ids=[
        "too_long",
        "no_dot",
        "truncated",
        "std_alphabet",
        "padding",
        "space",
        "two_dots",
        "noncanonical_body",
        "noncanonical_mac",
        "version_3",
        "version_0",
        "unknown_kid",
        "bad_mac",
        "short_mac",
        "unknown_codec",
        "unknown_dictionary",
    ],
)
def test_refused_with_reason(codec: CartCodec, forge: Callable[[CartCodec, str], str], reason: str) -> None:
    assert reason_of(codec, forge(codec, codec.encode(cart(), T0))) == reason


def test_messages_never_echo_the_token(codec: CartCodec) -> None:
    token = codec.encode(cart(), T0)
    for bad in (token[:-1] + "A", token + "==", "x" * 5000, token.replace(".", "")):
        with pytest.raises(TokenError) as caught:
            codec.decode(bad, DEMO, T0)
        text = json.dumps(caught.value.to_dict())
        assert token.split(".")[1] not in text and token[:24] not in text and "xxxx" not in text


# --- the order: a refused token never reaches a later stage -------------------------------------------


class Tripwire(Exception):
    pass


def trip(*_: object, **__: object) -> None:
    raise Tripwire


def test_length_cap_comes_before_any_decoding(codec: CartCodec, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec_module, "b64decode_strict", trip)
    assert reason_of(codec, "A" * (MAX_TOKEN_CHARS + 1) + ".AAAA") == "too_long"


@pytest.mark.parametrize("kind", ["version", "unknown_key", "encoding"])
def test_no_hmac_is_computed_before_version_and_key_id(
    codec: CartCodec, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    tokens = {
        "version": mint(codec, b"\x90", restaurant_id=DEMO, issued_at=T0, version=9),
        "unknown_key": mint(codec, b"\x90", restaurant_id=DEMO, issued_at=T0, kid_tag=b"\x00\x00"),
        "encoding": codec.encode(cart(), T0) + "=",
    }
    monkeypatch.setattr(TruncatedHMAC, "get_signature", trip)
    assert reason_of(codec, tokens[kind]) == kind


def test_nothing_is_decompressed_or_unpacked_before_the_mac(codec: CartCodec, monkeypatch: pytest.MonkeyPatch) -> None:
    forged = bomb_token(codec, restaurant_id=DEMO, issued_at=T0)
    forged = forged[:-2] + ("AA" if forged[-2:] != "AA" else "AQ")
    monkeypatch.setattr(codec_module, "decompress", trip)
    monkeypatch.setattr(codec_module, "_unpack", trip)
    assert reason_of(codec, forged) in {"signature", "encoding"}


def test_time_is_checked_before_decompression(codec: CartCodec, monkeypatch: pytest.MonkeyPatch) -> None:
    old_bomb = bomb_token(codec, restaurant_id=DEMO, issued_at=T0)
    monkeypatch.setattr(codec_module, "decompress", trip)
    assert reason_of(codec, old_bomb, now=T0 + TTL + 1) == "expired"


def test_frame_header_is_checked_before_the_decompressor_runs(
    codec: CartCodec, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(framing.zstd_contexts, "decompressor", Tripwire())  # any use raises AttributeError
    assert reason_of(codec, bomb_token(codec, restaurant_id=DEMO, issued_at=T0)) == "bomb"


# --- decompression bombs with a genuine signature -------------------------------------------------------


def zstd_token(codec: CartCodec, frame: bytes) -> str:
    return mint(codec, frame, restaurant_id=DEMO, issued_at=T0, flags=CODEC_ZSTD)


def genuine_frame() -> bytes:
    token = mint_state(CartCodec(KeyRing.parse(TEST_KEYS)), [0, 1, 0, []], restaurant_id=DEMO, issued_at=T0, zstd=True)
    body = token.split(".")[0]
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))[codec_module.HEADER_BYTES :]


@pytest.mark.parametrize(
    ("frame", "reason"),
    [
        (zstd_frame_declaring(1 << 30), "bomb"),  # 1 GB declared, 9 bytes sent
        (zstd_frame_declaring(MAX_PAYLOAD_BYTES + 1), "bomb"),
        (zstd_frame_declaring(100, window_log=27), "bomb"),  # 128 MB window
        (b"\x00\x00" + b"\x01\x00\x00", "bomb"),  # no content size at all
        (zstd_frame_declaring(100), "corrupt"),  # declares 100, holds 0
        (genuine_frame() + b"\x00", "corrupt"),  # trailing byte
        (genuine_frame() + genuine_frame(), "corrupt"),  # a second frame
        (genuine_frame()[:-1], "corrupt"),  # truncated
        (b"", "corrupt"),
        (b"\xff" * 40, "corrupt"),
    ],
    ids=["1GB", "bound+1", "window", "unknown_size", "short", "trailing", "two_frames", "cut", "empty", "garbage"],
)
def test_signed_hostile_frames_are_refused(codec: CartCodec, frame: bytes, reason: str) -> None:
    assert reason_of(codec, zstd_token(codec, frame)) == reason


@pytest.mark.parametrize("dict_id", sorted(codec_module.RELEASED_DICTIONARIES))
def test_dictionary_frames_get_the_same_bomb_checks(codec: CartCodec, dict_id: int) -> None:
    for frame, reason in ((zstd_frame_declaring(1 << 30), "bomb"), (zstd_frame_declaring(50), "corrupt")):
        token = mint(codec, frame, restaurant_id=DEMO, issued_at=T0, flags=CODEC_ZSTD | dict_id << 4)
        assert reason_of(codec, token) == reason


def test_genuine_frame_helper_is_itself_accepted(codec: CartCodec) -> None:
    state = codec.decode(zstd_token(codec, genuine_frame()), DEMO, T0)
    assert state.lines == () and state.next_line_id == 1


BOMB_PROBE = """
import json, resource, sys, tracemalloc
import zstandard
from app.core.token.codec import CartCodec
from app.errors import TokenError
from app.core.token.keys import KeyRing
from tests.conftest import DEMO, T0, TEST_KEYS
from tests.forge import ZSTD_MAGICLESS, bomb_token, zstd_frame_declaring

codec = CartCodec(KeyRing.parse(TEST_KEYS))
token = bomb_token(codec, restaurant_id=DEMO, issued_at=T0, declared=1 << 30)
out = {}
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
try:
    codec.decode(token, DEMO, T0)
except TokenError as exc:
    out["reason"] = exc.reason
out["peak"] = tracemalloc.get_traced_memory()[1]
out["rss_growth_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0
tracemalloc.reset_peak()
try:  # control: the unguarded library call on the same 9 bytes
    zstandard.ZstdDecompressor(format=ZSTD_MAGICLESS).decompress(zstd_frame_declaring(1 << 30))
except (zstandard.ZstdError, MemoryError):
    pass
out["control_peak"] = tracemalloc.get_traced_memory()[1]
print(json.dumps(out))
"""


def test_1gb_bomb_is_refused_without_a_large_allocation() -> None:
    """python-zstandard allocates the declared size up front (its issue #332); we never call it."""
    done = subprocess.run(
        [sys.executable, "-c", BOMB_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    out = json.loads(done.stdout)
    assert out["reason"] == "bomb"
    assert out["peak"] < 1 << 20  # under 1 MiB traced while refusing
    assert out["rss_growth_kib"] < 32 * 1024
    assert out["control_peak"] >= 1 << 30  # the measurement does see the allocation we avoided


# --- msgpack limits and schema (genuine MAC, hostile structure) ---------------------------------------------


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        ([2, 3, 0, GOOD_ROWS], None),  # control: accepted
        ([2, 3, 0, GOOD_ROWS, "extra"], "schema"),  # extra top-level field
        ({"revision": 2}, "corrupt"),  # maps are refused by the unpacker (max_map_len=0)
        ([2, 3, 0, [[1, 0x1234, 2, 899, [], "x", "extra"]]], "schema"),  # extra line field
        ([2, 3, 0, [[1, 0x1234, 2, 899.0]]], "schema"),  # float price
        ([2, 3, 0, [[1, 0x1234, True, 899]]], "schema"),  # bool quantity
        ([2, 3, 0, [[1, 0x1234, 100, 899]]], "schema"),  # quantity over 99
        ([2, 3, 0, [[1, 0x1234, 0, 899]]], "schema"),  # quantity 0
        ([2, 3, 0, [[1, -1, 1, 899]]], "schema"),  # negative tag
        ([2, 3, 0, [[1, 0x1234, 1, 899, [1] * (MAX_TOKEN_CHOICES_PER_LINE + 1)]]], "schema"),  # too many modifiers
        ([2, 3, 0, [[1, 0x1234, 1, 899, [], "n" * (MAX_NOTES_CHARS + 1)]]], "schema"),
        ([2, 3, 0, [[1, 0x1234, 1, 899, [], ""]]], "schema"),  # empty notes are omitted, never sent
        ([2, 3, 0, [[1, 0x1234, 1, 899, [], 5]]], "schema"),
        ([2, 3, 0, [[1, 0x1234, 1, 1], [1, 0x1234, 1, 1]]], "schema"),  # duplicate line id
        ([2, 1, 0, [[1, 0x1234, 1, 1]]], "schema"),  # line id not below next_line_id
        ([2, 3, 2, []], "schema"),  # checked_out not 0/1
        ([-1, 3, 0, []], "schema"),
        ([2, 3, 0, [[i, 1, 1, 1] for i in range(1, MAX_LINES + 2)]], "corrupt"),  # 51 lines: unpacker limit
        ([2, 3, 0, b"bytes"], "corrupt"),  # bin refused by the unpacker
        ([2, 3, 0, [[1, 0x1234, 1, 899, [], "n" * 600]]], "corrupt"),  # str over the unpacker limit
    ],
)
def test_payload_structure(codec: CartCodec, obj: object, reason: str | None) -> None:
    for zstd in (False, True):
        token = mint_state(codec, obj, restaurant_id=DEMO, issued_at=T0, zstd=zstd)
        if reason is None:
            assert len(codec.decode(token, DEMO, T0).lines) == len(GOOD_ROWS)
        else:
            assert reason_of(codec, token) == reason


def test_trailing_msgpack_bytes_are_refused(codec: CartCodec) -> None:
    payload = msgpack.packb([0, 1, 0, []]) + b"\xc0"
    assert reason_of(codec, mint(codec, payload, restaurant_id=DEMO, issued_at=T0)) == "corrupt"


# --- time --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "accepted"),
    [(TTL - 1, True), (TTL, True), (TTL + 1, False)],
)
def test_sliding_expiry_at_ttl_edges(codec: CartCodec, offset: int, accepted: bool) -> None:
    token = codec.encode(cart(), T0)
    if accepted:
        assert codec.decode(token, DEMO, T0 + offset).updated_at == T0
    else:
        with pytest.raises(TokenExpired) as caught:
            codec.decode(token, DEMO, T0 + offset)
        assert caught.value.details["expired_at"] == T0 + TTL


@pytest.mark.parametrize(("ahead", "accepted"), [(SKEW - 1, True), (SKEW, True), (SKEW + 1, False)])
def test_future_tokens_within_skew_only(codec: CartCodec, ahead: int, accepted: bool) -> None:
    token = codec.encode(cart(created_at=T0 + ahead, updated_at=T0 + ahead), T0 + ahead)
    if accepted:
        codec.decode(token, DEMO, T0)
    else:
        assert reason_of(codec, token) == "future"


def test_lifetime_cap_stops_a_cart_kept_alive_forever(codec: CartCodec) -> None:
    """Refreshed every 25 minutes, a cart still dies LIFETIME seconds after it was created."""
    state, now = cart(), T0
    while now + 1500 <= T0 + LIFETIME:
        now += 1500
        state = codec.decode(codec.encode(state, now - 1500), DEMO, now)
        assert state.created_at == T0
    token = codec.encode(state, T0 + LIFETIME - 1)
    codec.decode(token, DEMO, T0 + LIFETIME)
    with pytest.raises(TokenExpired) as caught:
        codec.decode(token, DEMO, T0 + LIFETIME + 1)
    assert caught.value.reason == "lifetime"


def test_age_cannot_be_reset_without_the_key(codec: CartCodec) -> None:
    """The age field is under the MAC: zeroing it (to dodge the lifetime cap) breaks the signature."""
    token = codec.encode(cart(), T0 + 3600)
    raw = bytearray(base64.urlsafe_b64decode(token.split(".")[0] + "=" * (-len(token.split(".")[0]) % 4)))
    raw[9:12] = b"\x00\x00\x00"
    body = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    assert reason_of(codec, body + "." + token.split(".")[1], now=T0 + 3600) == "signature"


# --- binding: restaurant and purpose -------------------------------------------------------------------------


def test_token_for_restaurant_a_fails_at_b(codec: CartCodec) -> None:
    token = codec.encode(cart(), T0)
    with pytest.raises(TokenInvalid):
        codec.decode(token, TACO, T0)  # without the catalogue: just a bad signature (401)
    with pytest.raises(TokenWrongRestaurant) as caught:
        codec.decode(token, TACO, T0, other_restaurants=[DEMO, TACO])
    assert caught.value.status == 403 and caught.value.details["token_restaurant_id"] == DEMO


@pytest.mark.parametrize(("signer", "verifier"), [("order", "cart"), ("cart", "order"), ("receipt", "order")])
def test_purposes_are_separate_keys(keys: KeyRing, signer: str, verifier: str) -> None:
    token = CartCodec(keys, purpose=signer).encode(cart(), T0)
    assert reason_of(CartCodec(keys, purpose=verifier), token) == "signature"
    assert CartCodec(keys, purpose=signer).decode(token, DEMO, T0) == cart()


def test_unknown_key_fails_closed_even_with_a_genuine_mac() -> None:
    old = CartCodec(KeyRing.parse("retired:" + "r" * 40))
    current = CartCodec(KeyRing.parse(TEST_KEYS))
    assert reason_of(current, old.encode(cart(), T0)) == "unknown_key"


def test_every_rejection_reason_is_documented() -> None:
    source = (ROOT / "app" / "core" / "token" / "codec.py").read_text()
    reasons = set(re.findall(r'reason="([a-z_]+)"', source)) | {"expired", "wrong_restaurant"}
    doc = (ROOT / "docs" / "security.md").read_text()
    assert reasons and {r for r in reasons if f"`{r}`" not in doc} == set()


@pytest.mark.parametrize(("offset", "status"), [(TTL - 1, 200), (TTL + 1, 401)])
def test_expiry_through_http_with_the_injected_clock(client, clock, offset: int, status: int) -> None:  # type: ignore[no-untyped-def]
    token = client.post(f"/v1/restaurants/{DEMO}/cart").headers["Cart-Token"]
    clock.advance(offset)
    response = client.get(f"/v1/restaurants/{DEMO}/cart", headers={"Cart-Token": token})
    assert response.status_code == status
    if status == 401:
        assert response.json()["error"]["code"] == "token_expired"
