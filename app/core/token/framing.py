"""Bytes ↔ token text: strict base64url, and zstd with the released dictionaries, bombs refused.

The token's framing below the MAC (:mod:`app.core.token.codec`): both directions are pure functions of
their bytes; nothing here knows about keys, carts or time.
"""

from __future__ import annotations

import binascii
import functools
import threading
from pathlib import Path

import zstandard

from app.errors import TokenInvalid

# decompressed msgpack: above the largest payload a cart within the cart's limits packs to (about 32 KiB: 50
# lines of 12 nested 32-bit choices and 140 four-byte characters of notes, which zstd shrinks to a short
# token), so whatever is minted can be read back; still far too small to be a bomb
MAX_PAYLOAD_BYTES = 1 << 16
MAX_WINDOW_BYTES = 1 << 17

CODEC_RAW = 0
CODEC_ZSTD = 1

_B64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_B64_CANONICAL_LAST = {2: frozenset(_B64_ALPHABET[::16]), 3: frozenset(_B64_ALPHABET[::4])}  # low bits zero
_B64_PADDING = (b"", b"", b"==", b"=")
# URL-safe to standard base64; standard base64's own "+", "/" and "=" become "!", which strict decoding refuses
_URLSAFE_TO_STD = bytes.maketrans(b"-_+/=", b"+/!!!")
_ZSTD_FORMAT = zstandard.FORMAT_ZSTD1_MAGICLESS


# --- base64 -------------------------------------------------------------------------------------


_STD_TO_URLSAFE = bytes.maketrans(b"+/", b"-_")


def b64encode(data: bytes) -> bytes:
    """URL-safe base64 without padding (``base64.urlsafe_b64encode`` minus its two Python frames)."""
    return binascii.b2a_base64(data, newline=False).translate(_STD_TO_URLSAFE).rstrip(b"=")


def b64decode_strict(text: str) -> bytes:
    """URL-safe base64 without padding, canonical only: one token text per byte string."""
    raw = text.encode("ascii", "replace")  # anything non-ASCII becomes "?", which is refused below
    tail = len(raw) % 4
    # a possible length and no stray bits in the last character (``a2b_base64`` would ignore them,
    # letting two texts decode to the same bytes); ``strict_mode`` refuses every character outside
    # the alphabet (standard base64's own "+", "/" and "=" included: translated to "!")
    if tail == 1 or (tail and raw[-1] not in _B64_CANONICAL_LAST[tail]):
        raise TokenInvalid("token is not valid base64url", reason="encoding")
    try:
        return binascii.a2b_base64(raw.translate(_URLSAFE_TO_STD) + _B64_PADDING[tail], strict_mode=True)
    except binascii.Error:
        raise TokenInvalid("token is not valid base64url", reason="encoding") from None


# --- zstd, per thread (python-zstandard contexts are not thread-safe) ---------------------------


# Trained dictionaries (``python -m bench.dictionary ID``): the header's flags name one by id.
# Released files are never changed or removed, so every token in flight keeps decoding; an id
# with no file here (1 was never released) is refused like an unknown codec. Rollout is
# decode-first: a release that can read a dictionary ships before one that writes it, so a
# rolling deploy never hands a replica a token it cannot read.
DICTIONARY_DIR = Path(__file__).resolve().parents[2] / "dictionaries"  # app/dictionaries
DEFAULT_DICTIONARY = 2  # what new tokens are compressed with (0 = plain zstd)


def dictionary_path(dict_id: int) -> Path:
    return DICTIONARY_DIR / f"cart-{dict_id}.zdict"


RELEASED_DICTIONARIES = frozenset(i for i in range(1, 16) if dictionary_path(i).is_file())
ZSTD_DICTIONARIES = frozenset((CODEC_ZSTD, i) for i in RELEASED_DICTIONARIES)


@functools.cache
def _dictionary(dict_id: int) -> zstandard.ZstdCompressionDict | None:
    return zstandard.ZstdCompressionDict(dictionary_path(dict_id).read_bytes()) if dict_id else None


_ZSTD_PARAMS = zstandard.ZstdCompressionParameters.from_level(
    3, format=_ZSTD_FORMAT, write_content_size=True, write_checksum=False, write_dict_id=False
)


class _Zstd(threading.local):
    """One compressor and decompressor per dictionary id, per thread, made on first use."""

    def __init__(self) -> None:
        self.compressors: dict[int, zstandard.ZstdCompressor] = {}
        self.decompressors: dict[int, zstandard.ZstdDecompressor] = {}

    def compressor(self, dict_id: int) -> zstandard.ZstdCompressor:
        if dict_id not in self.compressors:
            self.compressors[dict_id] = zstandard.ZstdCompressor(
                compression_params=_ZSTD_PARAMS, dict_data=_dictionary(dict_id)
            )
        return self.compressors[dict_id]

    def decompressor(self, dict_id: int) -> zstandard.ZstdDecompressor:
        if dict_id not in self.decompressors:
            self.decompressors[dict_id] = zstandard.ZstdDecompressor(
                dict_data=_dictionary(dict_id), format=_ZSTD_FORMAT
            )
        return self.decompressors[dict_id]


zstd_contexts = _Zstd()


def decompress(frame: bytes, dict_id: int = 0) -> bytes:
    """Refuse bombs: check what the frame header declares before letting zstd allocate."""
    try:
        params = zstandard.get_frame_parameters(frame, format=_ZSTD_FORMAT)
    except zstandard.ZstdError:
        raise TokenInvalid("token payload is corrupt", reason="corrupt") from None
    if not 0 <= params.content_size <= MAX_PAYLOAD_BYTES:
        raise TokenInvalid("token payload declares an unacceptable size", reason="bomb")
    if params.window_size > MAX_WINDOW_BYTES or params.dict_id != 0:
        raise TokenInvalid("token payload uses unacceptable compression parameters", reason="bomb")
    try:
        data = zstd_contexts.decompressor(dict_id).decompress(
            frame, max_output_size=MAX_PAYLOAD_BYTES, allow_extra_data=False
        )
    except zstandard.ZstdError:
        raise TokenInvalid("token payload is corrupt", reason="corrupt") from None
    if len(data) != params.content_size:
        raise TokenInvalid("token payload is corrupt", reason="corrupt")
    return data
