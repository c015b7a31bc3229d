"""Token round trip, tamper, expiry (sliding, exact), restaurant binding, key rotation."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from itsdangerous.encoding import base64_decode, base64_encode
from itsdangerous.signer import Signer

from app.core.cart import CartState, Line
from app.core.token.codec import MAX_TOKEN_CHARS, CartCodec, TokenPolicy, read_header
from app.core.token.keys import KeyRing
from app.core.token.signing import TokenSigner
from app.errors import TokenExpired, TokenInvalid, TokenWrongRestaurant
from tests.conftest import T0

RID = "demo-burger"


def state(**changes: object) -> CartState:
    base = CartState(
        cart_id=bytes(range(8)),
        restaurant_id=RID,
        created_at=T0,
        updated_at=T0,
        revision=3,
        next_line_id=4,
        lines=(
            Line(1, 0x1234, 2, 1199, (7, 70000), "no onions"),
            Line(3, 0x9999_9999, 1, 349),
        ),
    )
    return base._replace(**changes)


def test_round_trip(codec: CartCodec) -> None:
    token = codec.encode(state(), T0)
    assert codec.decode(token, RID, T0) == state()


def test_token_is_url_safe_and_compact(codec: CartCodec) -> None:
    token = codec.encode(state(), T0)
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
    assert len(token) < 120


def test_long_notes_are_compressed(codec: CartCodec) -> None:
    lines = tuple(Line(i, 0x1234, 1, 999, (7,), "extra pickles, no onions, sauce on the side") for i in range(1, 21))
    big = state(lines=lines, next_line_id=21)
    token = codec.encode(big, T0)
    assert read_header(token).flags & 0x0F == 1  # zstd
    assert codec.decode(token, RID, T0) == big


def test_decode_refreshes_nothing_by_itself(codec: CartCodec) -> None:
    """Decoding is read-only: the time in the token is what encode stamped."""
    token = codec.encode(state(), T0 + 100)
    decoded = codec.decode(token, RID, T0 + 100)
    assert decoded.updated_at == T0 + 100
    assert decoded.created_at == T0


@pytest.mark.parametrize("position", [0, 5, 30, -30, -1])
def test_any_tampered_character_is_rejected(codec: CartCodec, position: int) -> None:
    token = codec.encode(state(), T0)
    chars = list(token)
    chars[position] = "A" if chars[position] != "A" else "B"
    with pytest.raises(TokenInvalid):
        codec.decode("".join(chars), RID, T0)


def test_expiry_is_sliding_and_exact(keys: KeyRing) -> None:
    codec = CartCodec(keys, TokenPolicy(ttl_seconds=1800))
    token = codec.encode(state(), T0)
    assert codec.decode(token, RID, T0 + 1800).revision == 3  # exactly at the TTL: still valid
    with pytest.raises(TokenExpired) as err:
        codec.decode(token, RID, T0 + 1801)
    assert err.value.code == "token_expired" and err.value.status == 401
    assert "expired after 30 minutes" in err.value.message

    # a turn at T0+1700 re-stamps the token, so it now lives until T0+1700+1800
    token2 = codec.encode(codec.decode(token, RID, T0 + 1700), T0 + 1700)
    assert codec.decode(token2, RID, T0 + 3500).cart_id == state().cart_id
    with pytest.raises(TokenExpired):
        codec.decode(token2, RID, T0 + 3501)


def test_absolute_lifetime_cap(keys: KeyRing) -> None:
    codec = CartCodec(keys, TokenPolicy(ttl_seconds=1800, max_lifetime_seconds=3600))
    token = codec.encode(state(), T0 + 3000)  # created at T0, still active
    assert codec.decode(token, RID, T0 + 3600)
    with pytest.raises(TokenExpired) as err:
        codec.decode(token, RID, T0 + 3601)
    assert err.value.reason == "lifetime"


def test_future_token_within_skew_is_accepted_beyond_is_rejected(codec: CartCodec) -> None:
    token = codec.encode(state(), T0 + 60)
    assert codec.decode(token, RID, T0)
    token = codec.encode(state(), T0 + 61)
    with pytest.raises(TokenInvalid) as err:
        codec.decode(token, RID, T0)
    assert err.value.reason == "future"


def test_wrong_restaurant_is_403_when_the_token_is_genuine(codec: CartCodec) -> None:
    token = codec.encode(state(), T0)
    with pytest.raises(TokenWrongRestaurant) as err:
        codec.decode(token, "other-place", T0, other_restaurants=["other-place", RID])
    assert err.value.status == 403
    # without knowing the minting restaurant it is simply not valid here
    with pytest.raises(TokenInvalid):
        codec.decode(token, "other-place", T0)


def test_rotation_old_key_verifies_new_key_signs() -> None:
    old = KeyRing.parse("old:" + "a" * 40)
    rolling = KeyRing.parse("new:" + "b" * 40 + ",old:" + "a" * 40)
    token = CartCodec(old).encode(state(), T0)
    codec = CartCodec(rolling)
    decoded = codec.decode(token, RID, T0)
    reissued = codec.encode(decoded, T0)
    assert read_header(reissued).kid_tag == rolling.signing.tag
    with pytest.raises(TokenInvalid) as err:
        CartCodec(KeyRing.parse("old:" + "a" * 40)).decode(reissued, RID, T0)
    assert err.value.reason == "unknown_key"
    # its own code, so a client can tell a dropped key from inactivity and from a mangled token
    assert (err.value.code, err.value.status) == ("token_key_retired", 401)


def test_same_kid_different_secret_is_rejected() -> None:
    token = CartCodec(KeyRing.parse("k:" + "a" * 40)).encode(state(), T0)
    with pytest.raises(TokenInvalid) as err:
        CartCodec(KeyRing.parse("k:" + "z" * 40)).decode(token, RID, T0)
    assert err.value.reason == "signature"


def test_purposes_do_not_mix(keys: KeyRing) -> None:
    token = CartCodec(keys, purpose="receipt").encode(state(), T0)
    with pytest.raises(TokenInvalid):
        CartCodec(keys).decode(token, RID, T0)


@pytest.mark.parametrize(
    "bad",
    ["", ".", "abc", "!!!!.!!!!", "A" * (MAX_TOKEN_CHARS + 1), "AQ.AQ", "AT0yAANrSdIAAAAAMTIz.x"],
)
def test_garbage_is_token_invalid(codec: CartCodec, bad: str) -> None:
    with pytest.raises(TokenInvalid):
        codec.decode(bad, RID, T0)


def test_checked_out_flag_survives(codec: CartCodec) -> None:
    token = codec.encode(state(checked_out=True), T0)
    assert codec.decode(token, RID, T0).checked_out is True


def test_the_mac_is_itsdangerous_hmac_sha256_truncated_to_16_bytes(codec: CartCodec) -> None:
    """A token's MAC: HMAC-SHA256 under the key a plain itsdangerous Signer derives, cut to 16 bytes."""
    token = codec.encode(state(), T0)
    body, _, mac_text = token.rpartition(".")
    signed = RID.encode() + b"\0" + body.encode()
    secret = codec.keys.signing.secret
    plain = Signer(secret, salt="voicecart.cart", key_derivation="hmac", digest_method=hashlib.sha256)
    expected = base64_encode(hmac.digest(plain.derive_key(), signed, "sha256")[:16])
    signer = TokenSigner(secret, "cart")
    assert mac_text.encode() == expected == signer.get_signature(signed)
    assert signer.verify_signature(signed, expected)  # itsdangerous's own verification agrees
    assert signer.verify_mac(signed, base64_decode(expected))
    assert not signer.verify_mac(signed + b"x", base64_decode(expected))


def test_a_short_ttl_is_said_in_seconds_never_zero_minutes(keys: KeyRing) -> None:
    codec = CartCodec(keys, TokenPolicy(ttl_seconds=10))
    with pytest.raises(TokenExpired) as err:
        codec.decode(codec.encode(state(), T0), RID, T0 + 11)
    assert "expired after 10 seconds without activity" in err.value.message
