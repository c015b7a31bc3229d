"""The cart token: ``base64url(header ‖ payload) "." base64url(mac)``.

Header (20 bytes, fixed layout, authenticated)::

    version:1  kid_tag:2  flags:1  restaurant_tag:1  issued_at:4  age:3  cart_id:8

``version`` is the payload schema: 1 for carts whose lines are item + distinct option tags, 2
when a line carries a variation, a repeated option or nested choices (:func:`_pack`). A
token is written in the lowest version that can carry its cart, so a replica of the previous
release still reads every v1-shaped cart during a rolling deploy.

``flags`` holds the payload codec (0 raw msgpack, 1 zstd) and the zstd dictionary id. The MAC is
HMAC-SHA256 (itsdangerous ``Signer``, purpose salt, key derived per purpose: :mod:`.signing`) over
``restaurant_id NUL header‖payload``, truncated to 128 bits. The restaurant id is not stored —
it comes from the URL and is bound by the MAC; ``restaurant_tag`` only lets us tell a token for
another restaurant (403) from a forged one (401).

Decoding checks, in order, and touches nothing it has not yet authenticated: length cap →
strict base64 → version → key id (unknown: refuse, no HMAC) → constant-time MAC → time window →
zstd frame header (declared size and window capped, no trailing data) → decompress → msgpack
with limits → schema of every field. Then the cart model sees it.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import msgpack

from app.core.cart import MAX_LINE_ID, MAX_LINES, MAX_NOTES_CHARS, MAX_QUANTITY, CartState, Line
from app.core.cart.choices import FLAT_ENTRIES, is_flat
from app.core.menu.model import MAX_MODIFIER_DEPTH
from app.core.token.framing import (
    CODEC_RAW,
    CODEC_ZSTD,
    DEFAULT_DICTIONARY,
    DICTIONARY_DIR,
    MAX_PAYLOAD_BYTES,
    RELEASED_DICTIONARIES,
    ZSTD_DICTIONARIES,
    b64decode_strict,
    b64encode,
    decompress,
    zstd_contexts,
)
from app.core.token.keys import KeyRing
from app.core.token.signing import MAC_BYTES, TokenSigner
from app.errors import CartTooLarge, TokenExpired, TokenInvalid, TokenKeyRetired, TokenWrongRestaurant

VERSION = 2  # the newest payload schema (see _pack)
# choices a token's line may carry: above the cart's rule (MAX_MODIFIERS_PER_LINE, what a turn may write),
# so a later release can raise that rule without an older replica refusing its tokens (read first, write
# later, as for a new format or dictionary: CHANGELOG.md)
MAX_TOKEN_CHOICES_PER_LINE = 32
SUPPORTED_VERSIONS = frozenset({1, 2})
MAX_TOKEN_CHARS = 4096  # fits a cookie or a header everywhere
COMPRESS_MIN_BYTES = 48  # below this zstd cannot win; skip the attempt


HEADER = struct.Struct(">B2sBBI3s8s")
HEADER_BYTES = HEADER.size


@dataclass(frozen=True)
class TokenPolicy:
    """How long tokens live. ``future_skew`` tolerates replica clocks that disagree slightly."""

    ttl_seconds: int = 1800
    max_lifetime_seconds: int = 12 * 3600
    future_skew_seconds: int = 60

    def expires_at(self, created_at: int, last_activity: int) -> int:
        """When a cart with no further turn stops being accepted: the earlier of the two rules."""
        return min(last_activity + self.ttl_seconds, created_at + self.max_lifetime_seconds)


class TokenHeader(NamedTuple):
    version: int
    kid_tag: bytes
    flags: int
    restaurant_tag: int
    issued_at: int
    age: int
    cart_id: bytes

    @property
    def created_at(self) -> int:
        return self.issued_at - self.age


@functools.lru_cache(maxsize=1024)  # a pure function of a short id, needed on every encode
def restaurant_tag(restaurant_id: str) -> int:
    return hashlib.blake2b(restaurant_id.encode(), digest_size=1).digest()[0]


# --- payload schema -------------------------------------------------------------------------------


def pack_state(state: CartState) -> bytes:
    """The msgpack payload of ``state`` (in whichever format version :func:`_pack` chooses)."""
    return _pack(state)[1]


def _pack(state: CartState) -> tuple[int, bytes]:
    """``(version, msgpack payload)``. A row is a line's first 4, 5 or 6 fields (options and notes
    only when present): ``line_id, item, quantity, unit_price[, options[, notes]]``.

    Version 1: ``item`` is the item tag and ``options`` distinct option tags. Version 2: ``item``
    is ``(item_tag, variation_tag)`` when a variation is chosen, and an ``options`` entry is a tag
    (repeated for a quantity) or ``(tag, *nested entries)`` (see :mod:`app.core.cart.choices`).
    """
    lines = state.lines
    version = 1
    flat = FLAT_ENTRIES
    rows: list[tuple[object, ...]] = []
    for line in lines:
        _, _, _, _, tags, notes, variation_tag = line  # unpacked: cheaper than by name
        # format 2 only for a variation, a repeated option or nested choices
        if variation_tag is not None or (tags and tags not in flat and not is_flat(tags)):
            version = 2
        rows.append(line[:6] if notes else line[:5] if tags else line[:4])
    if version == 2:  # a chosen variation travels with its item: (item_tag, variation_tag)
        rows = [
            row if ln.variation_tag is None else (row[0], (ln.item_tag, ln.variation_tag), *row[2:])
            for row, ln in zip(rows, lines, strict=True)
        ]
    return version, msgpack.packb((state.revision, state.next_line_id, int(state.checked_out), rows))


# the unpacker's limits, built once (every turn unpacks with exactly these)
_UNPACK_OPTIONS = {"use_list": False, "raw": False, "strict_map_key": True, "max_bin_len": 0, "max_ext_len": 0}
_UNPACK_OPTIONS |= {"max_map_len": 0, "max_str_len": MAX_NOTES_CHARS * 4}
_UNPACK_OPTIONS["max_array_len"] = max(MAX_LINES, MAX_TOKEN_CHOICES_PER_LINE, 6)
_tuple_new = tuple.__new__  # a NamedTuple from a tuple of its fields, without its Python __new__


def _unpack(payload: bytes) -> object:
    try:
        return msgpack.unpackb(payload, **_UNPACK_OPTIONS)
    except (ValueError, msgpack.UnpackException, TypeError):
        raise TokenInvalid("token payload is corrupt", reason="corrupt") from None


def _schema_error(what: str) -> TokenInvalid:
    return TokenInvalid(f"token payload is malformed ({what})", reason="schema")


def _is_int(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _parse_lines(rows: tuple[object, ...]) -> tuple[tuple[Line, ...], int]:
    """Every line row, type- and range-checked, and the highest line id (0 with no lines); line ids
    repeated are refused. One loop, checks inlined: this runs for every line of every turn, and a
    function call per line would cost as much as the checks themselves."""
    lines = []
    last_id = 0  # ids come in increasing order in every cart this service writes: then they are distinct
    in_order = True
    options: object
    for row in rows:
        if type(row) is not tuple:
            raise _schema_error("line")
        size = len(row)
        if size == 4:
            line_id, item_tag, quantity, unit = row
            options, notes = (), ""
        elif size == 5:
            line_id, item_tag, quantity, unit, options = row
            notes = ""
        elif size == 6:
            line_id, item_tag, quantity, unit, options, notes = row
            if type(notes) is not str or not 0 < len(notes) <= MAX_NOTES_CHARS:
                raise _schema_error("notes")
        else:
            raise _schema_error("line")
        if not (
            type(line_id) is int
            and 1 <= line_id <= MAX_LINE_ID
            and type(item_tag) is int
            and 0 <= item_tag <= 0xFFFFFFFF
            and type(quantity) is int
            and 1 <= quantity <= MAX_QUANTITY
            and type(unit) is int
            and -(10**9) <= unit <= 10**9
        ):
            raise _schema_error("line fields")
        if options:
            if type(options) is not tuple or len(options) > MAX_TOKEN_CHOICES_PER_LINE:
                raise _schema_error("modifiers")
            for tag in options:
                if type(tag) is not int or not 0 <= tag <= 0xFFFFFFFF:
                    raise _schema_error("modifier tag")
        elif type(options) is not tuple:
            raise _schema_error("modifiers")
        if line_id <= last_id:
            in_order = False
        last_id = line_id
        lines.append(_tuple_new(Line, (line_id, item_tag, quantity, unit, options, notes, None)))
    if not in_order:
        ids = {ln.line_id for ln in lines}
        if len(ids) != len(lines):
            raise _schema_error("line ids")
        last_id = max(ids)
    return tuple(lines), last_id


# --- format 1 payloads checked on their bytes ---------------------------------------------------------
# A format-1 payload as msgpack writes one for a valid cart, as a regular expression over its bytes:
# ``(revision, next_line_id, checked_out, rows)``, each row 4-6 fields, every field of the type and
# range _parse_lines checks, the tags 32-bit, notes 1-140 bytes (so 1-140 characters). A payload
# that matches is a valid cart's, except for what bytes cannot say (line ids distinct), and its
# lines are built without a check per field (_lines_as_matched); anything else — another
# encoding of the same numbers included — takes _parse_lines, which names the problem.
def _counted(header: int, counts: range, item: bytes) -> bytes:
    """``header + n`` followed by ``n`` items, for each ``n`` of ``counts`` (msgpack's fixarray), the
    items written out (a counted repeat costs the regex engine more than the copies)."""
    return b"|".join(b"\\x%02x" % (header + n) + (b"(?:" + item + b")") * n for n in counts)


# alternatives most frequent first: tags and prices are mostly 16-bit
_UINT32 = rb"\xcd..|[\x00-\x7f]|\xcc.|\xce...."  # 0 .. 2**32 - 1
_LINE_ID = rb"[\x01-\x7f]|\xcc[\x01-\xff]|\xcd(?:[\x01-\xff].|\x00[\x01-\xff])"  # 1 .. 65535
_QUANTITY = rb"[\x01-\x63]"  # 1 .. 99 (MAX_QUANTITY)
# -989,855,744 .. 989,855,743: inside ±10**9 (a price beyond goes the long way)
_UNIT = rb"\xcd..|\xcc.|[\x00-\x7f]|\xce[\x00-\x3a]...|[\xe0-\xff]|\xd0.|\xd1..|\xd2[\xc5-\xff]..."
_OPTIONS = _counted(0x90, range(16), _UINT32)  # fixarray: a longer list (array 16) takes _parse_lines
_NOTES = b"|".join(  # fixstr of 1-31 bytes, str 8 of 32-140 bytes: 1-140 bytes, so at most 140 characters
    [b"\\x%02x.{%d}" % (0xA0 + n, n) for n in range(1, 32)]
    + [b"\\xd9\\x%02x.{%d}" % (n, n) for n in range(32, MAX_NOTES_CHARS + 1)]
)
_FIELDS = b"(?:" + b")(?:".join((_LINE_ID, _UINT32, _QUANTITY, _UNIT)) + b")"
_ROW = b"|".join(
    (
        rb"\x95" + _FIELDS + b"(?:" + _OPTIONS + b")",
        rb"\x94" + _FIELDS,
        rb"\x96" + _FIELDS + b"(?:" + _OPTIONS + b")(?:" + _NOTES + b")",
    )
)
# revision and next line id: any 32-bit int here (_parse_state checks them); the row count: any
# (msgpack already held the rows to it). The rows repeat possessively (``*+``): every alternative
# above starts with a byte of its own, so a row once matched is never given back, and without
# a backtracking point kept per row the regex engine's stack stays small (it grew by reallocation
# with the row count: about 1.5k instructions a line, more or less with the heap's layout)
_TOP = rb"\x94(?:%s)(?:%s)[\x00\x01](?:[\x90-\x9f]|\xdc..)" % (_UINT32, _UINT32)
_V1_PAYLOAD = re.compile(_TOP + b"(?:" + _ROW + b")*+", re.DOTALL)


def _lines_as_matched(rows: tuple[tuple[object, ...], ...]) -> tuple[tuple[Line, ...], int] | None:
    """The lines of rows whose payload matched :data:`_V1_PAYLOAD`; None when a line id repeats."""
    pad = _ROW_PAD
    ids: list[int] = [row[0] for row in rows]  # type: ignore[misc]  # ints, as matched
    if len(set(ids)) != len(ids):
        return None
    return tuple([_tuple_new(Line, row + pad[len(row)]) for row in rows]), max(ids) if ids else 0  # no keyword: cheaper


# a v1 row of 4, 5 or 6 fields, padded to a Line's 7 (options and notes only travel when present)
_ROW_PAD: dict[int, tuple[object, ...]] = {4: ((), "", None), 5: ("", None), 6: (None,)}


def _tag(value: object) -> bool:
    return type(value) is int and 0 <= value <= 0xFFFFFFFF


def _entries(entries: tuple[object, ...], depth: int) -> int:
    """Check v2 option entries (tags, or ``(tag, *entries)`` up to the nesting limit); their tag count."""
    count = 0
    for entry in entries:
        if type(entry) is tuple:
            if len(entry) < 2 or depth >= MAX_MODIFIER_DEPTH or not _tag(entry[0]):
                raise _schema_error("nested modifiers")
            count += 1 + _entries(entry[1:], depth + 1)
        elif _tag(entry):
            count += 1
        else:
            raise _schema_error("modifier tag")
    return count


def _parse_lines_v2(rows: tuple[object, ...]) -> tuple[tuple[Line, ...], int]:
    """Format 2 rows: the item may be ``(item_tag, variation_tag)``; options may repeat and nest.
    Each row is reduced to v1's shape and checked by :func:`_parse_lines`, then given back its
    variation and options."""
    flat, extra = [], []
    for row in rows:
        if type(row) is not tuple or not 4 <= len(row) <= 6:
            raise _schema_error("line")
        item, variation = row[1], None
        if type(item) is tuple:
            if len(item) != 2 or not _tag(item[1]):
                raise _schema_error("variation")
            item, variation = item
        options = row[4] if len(row) > 4 else ()
        if type(options) is not tuple or len(options) > MAX_TOKEN_CHOICES_PER_LINE:
            raise _schema_error("modifiers")
        if _entries(options, 1) > MAX_TOKEN_CHOICES_PER_LINE:
            raise _schema_error("modifiers")
        flat.append((row[0], item, *row[2:4], (), *row[5:]) if len(row) > 4 else (row[0], item, *row[2:]))
        extra.append((options, variation))
    lines, last_id = _parse_lines(tuple(flat))
    return tuple(
        line._replace(option_tags=options, variation_tag=variation)
        for line, (options, variation) in zip(lines, extra, strict=True)
    ), last_id


def _parse_state(obj: object, header: TokenHeader, restaurant_id: str, payload: bytes = b"") -> CartState:
    if type(obj) is not tuple or len(obj) != 4:
        raise _schema_error("top level")
    revision, next_line_id, checked_out, rows = obj
    if not (_is_int(revision, 0, 2**32) and _is_int(next_line_id, 1, MAX_LINE_ID + 1) and _is_int(checked_out, 0, 1)):
        raise _schema_error("cart fields")
    if type(rows) is not tuple or len(rows) > MAX_LINES:
        raise _schema_error("lines")
    if header.version != 1:
        lines, last_id = _parse_lines_v2(rows)
    else:
        matched = _lines_as_matched(rows) if _V1_PAYLOAD.fullmatch(payload) else None
        lines, last_id = matched or _parse_lines(rows)
    if last_id >= next_line_id:
        raise _schema_error("line ids")
    state = (
        header.cart_id,
        restaurant_id,
        header.created_at,
        header.issued_at,
        revision,
        next_line_id,
        checked_out == 1,
    )
    return _tuple_new(CartState, (*state, lines))


# --- the codec --------------------------------------------------------------------------------------


def read_header(token: str) -> TokenHeader:
    """Parse the header WITHOUT verifying it: for support tooling (which kid signed this?) only."""
    return _read_body(token)[0]


def read_payload(token: str) -> bytes:
    """The msgpack payload WITHOUT verifying the token (decompressed with whatever dictionary the
    flags name): for tooling and tests that look inside a token, never for serving a turn."""
    return _payload(*_read_body(token))


def _payload(header: TokenHeader, body: bytes) -> bytes:
    """``body``'s payload, decompressed as the header's flags say (codec, dictionary id)."""
    codec, dict_id = header.flags & 0x0F, header.flags >> 4
    if codec not in (CODEC_RAW, CODEC_ZSTD) or (dict_id and (codec, dict_id) not in ZSTD_DICTIONARIES):
        raise TokenInvalid("token payload encoding is not supported", reason="version")
    raw = body[HEADER_BYTES:]  # a raw payload is bounded by MAX_TOKEN_CHARS already
    return decompress(raw, dict_id) if codec == CODEC_ZSTD else raw


def _split(token: str) -> tuple[str, str]:
    """The token's body and MAC texts, not yet decoded (split once per turn)."""
    if len(token) > MAX_TOKEN_CHARS:
        raise TokenInvalid(f"token is longer than {MAX_TOKEN_CHARS} characters", reason="too_long")
    body_text, sep, mac_text = token.rpartition(".")
    if not sep:
        raise TokenInvalid("token is not a cart token", reason="format")
    return body_text, mac_text


def _read_body(token: str) -> tuple[TokenHeader, bytes]:
    """The unverified header and the decoded ``header‖payload`` bytes."""
    return _body(_split(token)[0])


def _body(body_text: str) -> tuple[TokenHeader, bytes]:
    """The unverified header and the decoded ``header‖payload`` bytes of the token's body text."""
    body = b64decode_strict(body_text)
    if len(body) < HEADER_BYTES:
        raise TokenInvalid("token is truncated", reason="format")
    version, kid, flags, rtag, issued, age, cart_id = HEADER.unpack_from(body)
    return _tuple_new(TokenHeader, (version, kid, flags, rtag, issued, int.from_bytes(age, "big"), cart_id)), body


# what a minted token is remembered with (a plain tuple: one is built on every encode):
# (the cart as encoded, the token's header)
Minted = tuple[CartState, "TokenHeader"]


class MintedTokens(Protocol):
    """Where a codec remembers the tokens it minted (:class:`app.runtime.token_cache.RecentTokens`).

    A port, so the pure codec does not own process state: ``get(token)`` → the :data:`Minted`
    pair or None, ``add(token, minted)`` remembers one.
    """

    def get(self, token: str, /) -> Minted | None: ...

    def add(self, token: str, minted: Minted, /) -> None: ...


def as_decoded(state: CartState, issued_at: int, created_at: int) -> CartState:
    """``state`` as decoding the token minted from it gives it back: its times as the header carries them."""
    decoded = (state.cart_id, state.restaurant_id, created_at, issued_at, *state[4:6], bool(state.checked_out))
    return _tuple_new(CartState, (*decoded, state.lines))


class CartCodec:
    """Turns a :class:`CartState` into a token and back, for one key ring and purpose."""

    def __init__(
        self,
        keys: KeyRing,
        policy: TokenPolicy | None = None,
        purpose: str = "cart",
        dictionary: int = DEFAULT_DICTIONARY,
        recent: MintedTokens | None = None,
    ) -> None:
        if dictionary and dictionary not in RELEASED_DICTIONARIES:
            raise ValueError(f"no zstd dictionary {dictionary} under {DICTIONARY_DIR}")
        self.keys = keys
        self.policy = policy or TokenPolicy()
        self.purpose = purpose
        self.dictionary = dictionary  # new tokens compress with it; every released one decodes
        self._signers = {k.tag: TokenSigner(k.secret, purpose) for k in keys.keys}
        self._signing_tag = keys.signing.tag
        self.recent = recent  # remembers what this codec mints (app.runtime.token_cache); None: nothing

    def encode(self, state: CartState, now: int) -> str:
        """Sign ``state`` as of ``now`` (which becomes its last-activity time)."""
        version, payload = _pack(state)
        if len(payload) > MAX_PAYLOAD_BYTES:  # never for a cart within its limits: decode would refuse it
            raise CartTooLarge(f"the cart would unpack to more than {MAX_PAYLOAD_BYTES} bytes", limit=MAX_PAYLOAD_BYTES)
        flags = CODEC_RAW
        if len(payload) >= COMPRESS_MIN_BYTES:
            packed = zstd_contexts.compressor(self.dictionary).compress(payload)
            if len(packed) < len(payload):
                payload, flags = packed, CODEC_ZSTD | self.dictionary << 4
        age = min(max(0, now - state.created_at), 0xFFFFFF)
        fields = (version, self._signing_tag, flags, restaurant_tag(state.restaurant_id), now, age, state.cart_id)
        header = HEADER.pack(*fields[:5], age.to_bytes(3, "big"), state.cart_id)
        body = b64encode(header + payload)
        mac = self._signers[self._signing_tag].mac(state.restaurant_id.encode() + b"\0" + body)
        token = (body + b"." + b64encode(mac)).decode()
        if len(token) > MAX_TOKEN_CHARS:
            raise CartTooLarge(
                f"the cart would not fit in a {MAX_TOKEN_CHARS}-character token; shorten notes or split the order",
                limit=MAX_TOKEN_CHARS,
            )
        if self.recent is not None:
            self.recent.add(token, (state, _tuple_new(TokenHeader, fields)))
        return token

    def decode(
        self, token: str, restaurant_id: str, now: int, other_restaurants: Iterable[str] = (), *, expired: bool = False
    ) -> CartState:
        """Verify and unpack; raises a :class:`~app.errors.TokenError` subclass on any problem. ``expired``:
        an authentic token past its expiry is read too — only to find the order a checkout retry placed
        before it expired (:func:`app.orders.service.place_order`), never to run a cart turn on it."""
        minted = self.recent.get(token) if self.recent is not None else None
        if minted is not None:
            state, minted_header = minted
            if state.restaurant_id == restaurant_id and minted_header.kid_tag in self._signers:
                # minted here: the text is what we signed; left to check: restaurant (done), time
                self._check_time(minted_header, now, expired)
                return as_decoded(state, minted_header.issued_at, minted_header.created_at)
        body_text, mac_text = _split(token)
        header, decoded = _body(body_text)
        mac = b64decode_strict(mac_text)  # both parts strict base64 before anything else
        if header.version not in SUPPORTED_VERSIONS:
            raise TokenInvalid("token format version is not supported", reason="version")
        signer = self._signers.get(header.kid_tag)
        if signer is None:
            raise TokenKeyRetired("token was signed with a key this server no longer accepts")
        signed = restaurant_id.encode() + b"\0" + body_text.encode()
        if len(mac) != MAC_BYTES or not hmac.compare_digest(signer.mac(signed), mac):
            self._raise_bad_signature(signer, header, body_text.encode(), mac, restaurant_id, other_restaurants)
        self._check_time(header, now, expired)
        payload = _payload(header, decoded)
        return _parse_state(_unpack(payload), header, restaurant_id, payload)

    def _raise_bad_signature(
        self,
        signer: TokenSigner,
        header: TokenHeader,
        body: bytes,
        mac: bytes,
        restaurant_id: str,
        other_restaurants: Iterable[str],
    ) -> None:
        # A genuine token for another restaurant deserves 403, not "forged": check the ones whose
        # tag matches (a 1-byte tag keeps this to a handful of HMACs even with many restaurants).
        for other in other_restaurants:
            if (
                other != restaurant_id
                and restaurant_tag(other) == header.restaurant_tag
                and len(mac) == MAC_BYTES
                and signer.verify_mac(other.encode() + b"\0" + body, mac)
            ):
                raise TokenWrongRestaurant("this cart belongs to another restaurant", token_restaurant_id=other)
        raise TokenInvalid("token signature is invalid", reason="signature")

    def _check_time(self, header: TokenHeader, now: int, expired: bool = False) -> None:
        policy = self.policy
        if header.issued_at > now + policy.future_skew_seconds:
            raise TokenInvalid("token was issued in the future; check the server clocks", reason="future")
        if expired:
            return
        if now - header.issued_at > (ttl := policy.ttl_seconds):  # a short TTL in seconds, never "0 minutes"
            span = f"{ttl // 60} minute{'s' * (ttl != 60)}" if ttl >= 60 and not ttl % 60 else f"{ttl} seconds"
            raise TokenExpired(
                f"the cart expired after {span} without activity",
                expired_at=header.issued_at + policy.ttl_seconds,
            )
        if now - header.created_at > policy.max_lifetime_seconds:
            raise TokenExpired(
                "the cart reached its maximum lifetime",
                reason="lifetime",
                expired_at=header.created_at + policy.max_lifetime_seconds,
            )
