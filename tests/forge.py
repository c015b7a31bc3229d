"""Hostile tokens made with the real keys: what an insider bug or a stolen key could sign.

The codec must survive these even though their MAC is genuine, so the tests (and
``bench/fuzz.py``) need a way to sign arbitrary header fields and payload bytes.
"""

from __future__ import annotations

import msgpack
import zstandard

from app.core.token.codec import CODEC_RAW, CODEC_ZSTD, HEADER, CartCodec, b64encode, restaurant_tag
from app.core.token.signing import TokenSigner

ZSTD_MAGICLESS = zstandard.FORMAT_ZSTD1_MAGICLESS
EMPTY_RAW_BLOCK = b"\x01\x00\x00"  # last block, raw, 0 bytes


def mint(
    codec: CartCodec,
    payload: bytes,
    *,
    restaurant_id: str,
    issued_at: int,
    age: int = 0,
    flags: int = CODEC_RAW,
    version: int = 1,
    kid_tag: bytes | None = None,
    cart_id: bytes = b"\x07" * 8,
) -> str:
    """A token whose MAC is genuine for ``codec``'s signing key, over whatever we ask for."""
    tag = codec.keys.signing.tag
    header = HEADER.pack(
        version,
        kid_tag if kid_tag is not None else tag,
        flags,
        restaurant_tag(restaurant_id),
        issued_at,
        age.to_bytes(3, "big"),
        cart_id,
    )
    body = b64encode(header + payload)
    mac = TokenSigner(codec.keys.signing.secret, codec.purpose).get_signature(restaurant_id.encode() + b"\0" + body)
    return (body + b"." + mac).decode()


def mint_state(
    codec: CartCodec, obj: object, *, restaurant_id: str, issued_at: int, zstd: bool = False, version: int = 1
) -> str:
    """Genuinely signed msgpack of ``obj`` (any shape, so schema checks can be exercised)."""
    payload = msgpack.packb(obj)
    if zstd:
        params = zstandard.ZstdCompressionParameters.from_level(3, format=ZSTD_MAGICLESS, write_content_size=True)
        payload = zstandard.ZstdCompressor(compression_params=params).compress(payload)
    flags = CODEC_ZSTD if zstd else CODEC_RAW
    return mint(codec, payload, restaurant_id=restaurant_id, issued_at=issued_at, flags=flags, version=version)


def zstd_frame_declaring(size: int, window_log: int = 10, body: bytes = EMPTY_RAW_BLOCK) -> bytes:
    """A magicless zstd frame header claiming ``size`` bytes of content (4-byte size field)."""
    descriptor = 0b1000_0000  # Frame_Content_Size_flag=2 (4 bytes), not single-segment, no checksum
    window = (window_log - 10) << 3
    return bytes([descriptor, window]) + size.to_bytes(4, "little") + body


def bomb_token(codec: CartCodec, *, restaurant_id: str, issued_at: int, declared: int = 1 << 30) -> str:
    """Validly signed; a 9-byte frame that asks the decompressor for ``declared`` bytes."""
    frame = zstd_frame_declaring(declared)
    return mint(codec, frame, restaurant_id=restaurant_id, issued_at=issued_at, flags=CODEC_ZSTD)
