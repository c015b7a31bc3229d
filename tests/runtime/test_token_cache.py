"""The codec's cache of its own recent tokens: a hit gives exactly what the full decode gives,
still checks restaurant, expiry and key, skips the expensive steps, and stays bounded."""

from __future__ import annotations

import pytest

from app.core.cart import CartState, Line
from app.core.token import codec as codec_module
from app.core.token import framing
from app.core.token.codec import CartCodec, TokenPolicy
from app.core.token.keys import KeyRing
from app.core.token.signing import TruncatedHMAC
from app.errors import TokenExpired, TokenInvalid, TokenKeyRetired, TokenWrongRestaurant
from app.runtime.token_cache import RecentTokens
from tests.conftest import T0, TEST_KEYS

RID = "demo-burger"
OTHER = "taqueria"
POLICY = TokenPolicy(ttl_seconds=1800, max_lifetime_seconds=12 * 3600, future_skew_seconds=60)


def cached_codec(keys: str = TEST_KEYS, size: int = 16) -> CartCodec:
    return CartCodec(KeyRing.parse(keys), POLICY, recent=RecentTokens(size))


def plain_codec(keys: str = TEST_KEYS) -> CartCodec:
    return CartCodec(KeyRing.parse(keys), POLICY)


CARTS = {
    "empty": CartState(b"\x01" * 8, RID, T0, T0),
    "lines": CartState(
        b"\x02" * 8,
        RID,
        T0 - 500,  # created before the turn that mints it: the header carries its age
        T0 - 100,
        revision=7,
        next_line_id=9,
        lines=(Line(1, 0x1234, 2, 1199, (7, 70000), "no onions"), Line(4, 0x99999, 1, 349), Line(8, 5, 3, 0, (1,))),
    ),
    "checked out": CartState(b"\x03" * 8, RID, T0, T0, revision=2, next_line_id=2, checked_out=True),
}


class Tripwire(Exception):
    pass


def trip(*_: object, **__: object) -> None:
    raise Tripwire


@pytest.mark.parametrize("name", list(CARTS))
def test_a_hit_gives_exactly_what_the_full_decode_gives(name: str) -> None:
    codec = cached_codec()
    token = codec.encode(CARTS[name], T0)
    for now in (T0, T0 + 1799):
        hit = codec.decode(token, RID, now)
        assert hit == plain_codec().decode(token, RID, now)
        assert type(hit) is CartState and all(type(line) is Line for line in hit.lines)
        assert type(hit.checked_out) is bool


def test_a_hit_skips_base64_mac_zstd_and_msgpack(monkeypatch: pytest.MonkeyPatch) -> None:
    codec = cached_codec()
    token = codec.encode(CARTS["lines"], T0)
    for name in ("b64decode_strict", "decompress", "_unpack"):
        monkeypatch.setattr(codec_module, name, trip)
    monkeypatch.setattr(TruncatedHMAC, "get_signature", trip)
    monkeypatch.setattr(framing, "decompress", trip)
    assert codec.decode(token, RID, T0 + 5).lines == CARTS["lines"].lines


def test_another_replicas_token_takes_the_full_path(monkeypatch: pytest.MonkeyPatch) -> None:
    token = plain_codec().encode(CARTS["lines"], T0)
    codec = cached_codec()
    monkeypatch.setattr(TruncatedHMAC, "get_signature", trip)
    with pytest.raises(Tripwire):  # not minted here: verified like any other
        codec.decode(token, RID, T0)


def test_a_hit_still_checks_the_restaurant() -> None:
    codec = cached_codec()
    token = codec.encode(CARTS["lines"], T0)
    with pytest.raises(TokenInvalid) as refused:
        codec.decode(token, OTHER, T0)
    assert refused.value.reason == "signature"
    with pytest.raises(TokenWrongRestaurant):
        codec.decode(token, OTHER, T0, other_restaurants=[RID, OTHER])


@pytest.mark.parametrize(
    ("now", "error", "reason"),
    [
        (T0 + 1801, TokenExpired, "expired"),
        (T0 - 61, TokenInvalid, "future"),
    ],
)
def test_a_hit_still_checks_the_time_window(now: int, error: type[Exception], reason: str) -> None:
    codec = cached_codec()
    token = codec.encode(CARTS["empty"], T0)
    with pytest.raises(error) as refused:  # type: ignore[var-annotated]
        codec.decode(token, RID, now)
    assert refused.value.reason == reason  # type: ignore[attr-defined]
    with pytest.raises(error) as full:  # type: ignore[var-annotated]
        plain_codec().decode(token, RID, now)
    assert str(full.value) == str(refused.value)


def test_a_hit_still_checks_the_lifetime() -> None:
    codec = cached_codec()
    old = CARTS["empty"]._replace(created_at=T0 - 12 * 3600 + 10)
    token = codec.encode(old, T0)
    assert codec.decode(token, RID, T0 + 5).created_at == old.created_at
    with pytest.raises(TokenExpired) as refused:
        codec.decode(token, RID, T0 + 11)
    assert refused.value.reason == "lifetime"


def test_a_hit_still_checks_the_key_is_in_the_ring() -> None:
    shared = RecentTokens(16)
    minting = CartCodec(KeyRing.parse(TEST_KEYS), POLICY, recent=shared)
    token = minting.encode(CARTS["lines"], T0)
    rotated = CartCodec(KeyRing.parse("fresh:" + "f" * 40), POLICY, recent=shared)  # the old key retired
    with pytest.raises(TokenInvalid) as refused:
        rotated.decode(token, RID, T0)
    assert isinstance(refused.value, TokenKeyRetired)


def test_an_altered_token_misses_and_is_refused() -> None:
    codec = cached_codec()
    token = codec.encode(CARTS["lines"], T0)
    body, _, mac = token.rpartition(".")
    forged = f"{body}.{'A' * len(mac)}"
    with pytest.raises(TokenInvalid) as refused:
        codec.decode(forged, RID, T0)
    assert refused.value.reason == "signature"


def test_the_cache_is_bounded_and_evicted_tokens_still_decode() -> None:
    codec = cached_codec(size=3)
    tokens = [codec.encode(CARTS["lines"]._replace(revision=n), T0) for n in range(10)]
    assert codec.recent is not None and len(codec.recent) == 3
    assert all(codec.recent.get(t) is None for t in tokens[:7])
    assert all(codec.recent.get(t) is not None for t in tokens[7:])
    assert [codec.decode(t, RID, T0).revision for t in tokens] == list(range(10))  # misses verify fully


def test_a_cache_needs_room() -> None:
    with pytest.raises(ValueError):
        RecentTokens(0)
