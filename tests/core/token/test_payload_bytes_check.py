"""The format-1 payload checked on its bytes (codec._V1_PAYLOAD, codec._lines_as_matched) gives
exactly what the field-by-field check (codec._parse_lines) gives, for every payload it accepts;
whatever it does not accept takes that check."""

from __future__ import annotations

import random

import msgpack
import pytest

from app.core.token import codec
from app.errors import TokenInvalid

EDGES = [0, 1, 31, 32, 99, 100, 127, 128, 255, 256, 65535, 65536, 2**31, 2**32 - 1, 2**32]
EDGES += [-1, -32, -33, -128, -129, -32768, -32769, -(10**9), -(10**9) - 1, 10**9, 10**9 + 1]
EDGES += [989_855_743, 989_855_744, -989_855_744, -989_855_745]
ODD = [True, False, None, 1.0, 1.5, "1", "", b"", ()]


def _value(rng: random.Random) -> object:
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(EDGES)
    if roll < 0.85:
        return rng.randrange(1, 70000)
    return rng.choice(ODD)


def _notes(rng: random.Random) -> object:
    return rng.choice(["", "x", "no onions", "é" * 70, "é" * 71, "n" * 31, "n" * 32, "n" * 140, "n" * 141, 5, None])


def _row(rng: random.Random) -> list[object]:
    row = [_value(rng) for _ in range(4)]
    if rng.random() < 0.7:  # usually plausible fields
        row = [rng.randrange(1, 300), rng.randrange(0, 2**32), rng.randrange(1, 100), rng.randrange(-500, 5000)]
        if rng.random() < 0.3:
            row[rng.randrange(4)] = _value(rng)
    size = rng.choice([3, 4, 5, 5, 6, 6, 7])
    if size >= 5:
        count = rng.choice([0, 1, 2, 3, 12, 13])
        row.append([rng.choice([rng.randrange(0, 2**32), _value(rng)]) for _ in range(count)])
    if size >= 6:
        row.append(_notes(rng))
    if size == 7:
        row.append(1)
    return row[:size] if size < 4 else row


def _outcome(check: object, rows: tuple[object, ...]) -> object:
    try:
        return check(rows)  # type: ignore[operator]
    except TokenInvalid as refused:
        return refused.reason


@pytest.mark.parametrize("seed", range(8))
def test_a_payload_the_bytes_accept_is_read_as_the_fields_read_it(seed: int) -> None:
    rng = random.Random(seed)
    accepted = 0
    for _ in range(1500):
        rows = [_row(rng) for _ in range(rng.choice([0, 1, 2, 5, 16]))]
        if rows and rng.random() < 0.1:  # a repeated line id
            rows[-1] = [rows[0][0], *rows[-1][1:]] if rows[-1] else rows[-1]
        payload = msgpack.packb([rng.choice([0, 5, 2**32 - 1]), 300, rng.choice([0, 1]), rows])
        if rng.random() < 0.2:  # a byte changed anywhere
            at = rng.randrange(len(payload))
            payload = payload[:at] + bytes([rng.randrange(256)]) + payload[at + 1 :]
        try:
            unpacked = msgpack.unpackb(payload, **codec._UNPACK_OPTIONS)
        except (ValueError, msgpack.UnpackException, TypeError):
            continue  # refused before any check of the fields
        if not codec._V1_PAYLOAD.fullmatch(payload):
            continue
        accepted += 1
        rows_read = unpacked[3]
        fast = codec._lines_as_matched(rows_read)
        slow = _outcome(codec._parse_lines, rows_read)
        if fast is None:  # only a repeated line id is left to the field check
            assert slow == "schema"
        else:
            assert fast == slow
            assert all(type(line) is codec.Line for line in fast[0])
    assert accepted > 100
