"""Fuzz the token codec and the HTTP app with hostile input, and count what got through.

    python -m bench.fuzz              # 1,000,000 tokens + 100,000 requests -> bench/results/fuzz.md
    python -m bench.fuzz --quick      # 20,000 + 2,000, the CI form (tests/system/test_fuzz_smoke.py)

Tokens (against :class:`app.core.token.codec.CartCodec` directly):

* **forged** — genuine tokens mutated (bit flips, character edits, insertions, deletions,
  truncation, splices, byte edits re-encoded canonically, header fields rewritten), random
  base64 and random text, tokens signed with another secret under the same key id, with another
  purpose, or presented at another restaurant. Every one must be refused: *accepted* must be 0.
* **signed hostile** — payloads signed with the real key (a key-holder bug): random bytes,
  mutated genuine payloads, random msgpack shapes, zstd frames declaring huge sizes or windows,
  trailing data. They may be refused or (if well-formed) accepted; they must never raise
  anything but a ``TokenError``.

Requests (against the Starlette app, in-process through raw ASGI calls): mutated paths,
methods, ``Cart-Token`` headers (genuine, mutated, huge, binary, missing), bodies (valid
operations, mutated JSON, NaN, 1e999, 5000-digit numbers, lone surrogates, deep nesting, 17 KiB,
random bytes) in random chunks, with and without Content-Length. A 5xx is a failure; so is any
2xx to a request that carried a forged token; so is a 2xx cart whose totals don't add up.

Exit status 1 if any failure was seen.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import logging
import random
import shutil
import string
import sys
import tempfile
import time
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # `python bench/fuzz.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import msgpack

from app.core.cart import MAX_NOTES_CHARS
from app.core.token.codec import CODEC_RAW, CODEC_ZSTD, HEADER_BYTES, MAX_TOKEN_CHARS, CartCodec, b64encode
from app.core.token.keys import KeyRing
from app.errors import TokenError
from app.server.app import create_app
from app.server.http import MAX_BODY_BYTES
from app.settings import Settings
from app.voice.tools import TOOLS
from bench import Config, table, write_report
from bench.corpus import BENCH_KEYS, MENU_FILES, T0, CorpusCart, bench_codec, corpus
from tests.asgi import Reply, call
from tests.forge import mint, zstd_frame_declaring

B64 = string.ascii_letters + string.digits + "-_"
FULL = {"tokens": 1_000_000, "requests": 100_000}
QUICK = {"tokens": 20_000, "requests": 2_000}
NOW = T0 + 10
TOOL_NAMES = sorted(TOOLS.tools)
MAX_METRIC_SERIES = 5_000  # bounded labels give ~1,000 here; one label per invented method gave 36,000


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def enb64(data: bytes) -> str:
    return b64encode(data).decode()


@dataclass
class Tally:
    tried: int = 0
    accepted: int = 0  # forged: must stay 0; signed hostile: allowed (well-formed and genuinely signed)
    failures: list[str] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    slowest_ns: int = 0
    slowest: str = ""
    total_ns: int = 0
    samples: array[int] = field(default_factory=lambda: array("q"))

    def timed(self, what: str, ns: int) -> None:
        self.tried += 1
        self.total_ns += ns
        self.samples.append(ns)
        if ns > self.slowest_ns:
            self.slowest_ns, self.slowest = ns, what

    def percentile_ms(self, q: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] / 1e6 if ordered else 0.0

    def fail(self, message: str) -> None:
        if len(self.failures) < 20:
            self.failures.append(message)
        self.outcomes["FAILURE"] += 1


# --- token mutators: genuine token in, forged token out ---------------------------------------------------


def _flip_bits(rng: random.Random, t: str) -> str:
    chars = list(t)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(chars))
        chars[i] = chr(ord(chars[i]) ^ (1 << rng.randrange(8)))
    return "".join(chars)


def _replace(rng: random.Random, t: str) -> str:
    i = rng.randrange(len(t))
    alphabet = B64 if rng.random() < 0.8 else string.printable + "é€\u200b\x00"
    return t[:i] + rng.choice([c for c in alphabet if c != t[i]]) + t[i + 1 :]


def _insert(rng: random.Random, t: str) -> str:
    i = rng.randrange(len(t) + 1)
    return t[:i] + "".join(rng.choice(B64 + ".=") for _ in range(rng.randint(1, 4))) + t[i:]


def _delete(rng: random.Random, t: str) -> str:
    i = rng.randrange(len(t))
    return t[:i] + t[i + rng.randint(1, 4) :]


def _truncate(rng: random.Random, t: str) -> str:
    return t[: rng.randrange(len(t))]


def _splice(rng: random.Random, t: str, other: str) -> str:
    if rng.random() < 0.5:
        return t.split(".")[0] + "." + other.split(".")[1]
    i = rng.randrange(1, min(len(t), len(other)))
    return t[:i] + other[i:]


def _byte_edit(rng: random.Random, t: str) -> str:
    """Edit the decoded bytes and re-encode canonically: gets past base64, stops at the MAC."""
    parts = [bytearray(unb64(p)) for p in t.split(".")]
    part = parts[0] if rng.random() < 0.8 else parts[1]
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(part))
        kind = rng.randrange(4)
        if kind == 0:
            part[i] ^= 1 << rng.randrange(8)
        elif kind == 1:
            part[i] = rng.randrange(256)
        elif kind == 2:
            part.insert(i, rng.randrange(256))
        elif len(part) > 1:
            del part[i]
    return ".".join(enb64(bytes(p)) for p in parts)


def _header_edit(rng: random.Random, t: str) -> str:
    """Rewrite a header field (version, kid, flags, restaurant, times, cart id) without re-signing."""
    body_text, mac = t.split(".")
    body = bytearray(unb64(body_text))
    start, length = rng.choice([(0, 1), (1, 2), (3, 1), (4, 1), (5, 4), (9, 3), (12, 8)])
    body[start : start + length] = rng.randbytes(length)
    return enb64(bytes(body)) + "." + mac


def _random_token(rng: random.Random, t: str) -> str:
    return enb64(rng.randbytes(rng.randint(0, 300))) + "." + enb64(rng.randbytes(rng.choice((16, 16, 0, 15, 32))))


def _random_text(rng: random.Random, t: str) -> str:
    n = rng.choice((0, 1, 5, 40, 200, MAX_TOKEN_CHARS, MAX_TOKEN_CHARS + 1, 20_000))
    return "".join(rng.choice(string.printable) for _ in range(min(n, 300))) * max(1, n // 300)


def _oversize(rng: random.Random, t: str) -> str:
    return t + "A" * (MAX_TOKEN_CHARS - len(t) + rng.randint(1, 100))


TEXT_MUTATORS: list[Callable[[random.Random, str], str]] = [
    _flip_bits,
    _flip_bits,
    _replace,
    _replace,
    _insert,
    _delete,
    _truncate,
    _byte_edit,
    _byte_edit,
    _header_edit,
    _random_token,
    _random_text,
    _oversize,
]


# --- signed hostile payloads -----------------------------------------------------------------------------


def _random_object(rng: random.Random, depth: int = 0) -> object:
    kind = rng.randrange(9 if depth < 4 else 5)
    if kind == 0:
        return rng.randint(-(2**63), 2**64 - 1)
    if kind == 1:
        return rng.randint(-2, 100)
    if kind == 2:
        return "".join(rng.choice(string.printable + "é\u200b") for _ in range(rng.randint(0, 200)))
    if kind == 3:
        return rng.choice([None, True, False, 1.5, b"\x00" * rng.randint(0, 4)])
    if kind == 4:
        return rng.randint(0, 0xFFFFFFFF)
    if kind == 8:
        return {str(rng.randint(0, 9)): _random_object(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    sizes = (0, 1, 4, 5, 6, 13, 51) if depth == 0 else (0, 1, 2, 4, 5)  # 51 only at the top: no blow-up
    return [_random_object(rng, depth + 1) for _ in range(rng.choice(sizes))]


def _plausible_cart(rng: random.Random) -> object:
    """Close to the real schema, with one field pushed somewhere odd."""
    rows = []
    for line_id in range(1, rng.randint(1, 8)):
        row: list[object] = [line_id, rng.randint(0, 0xFFFF), rng.randint(1, 99), rng.randint(0, 5000)]
        if rng.random() < 0.5:
            row += [[rng.randint(0, 0xFFFF) for _ in range(rng.randint(0, 4))], "no onions"]
        rows.append(row)
    obj: list[object] = [rng.randint(0, 50), len(rows) + 1, rng.randint(0, 1), rows]
    target = obj if not rows or rng.random() < 0.3 else rng.choice(rows)
    assert isinstance(target, list)
    target[rng.randrange(len(target))] = _random_object(rng)
    return obj


def signed_hostile(rng: random.Random, codec: CartCodec, genuine: CorpusCart) -> tuple[str, str]:
    """(label, token) with a genuine MAC over a hostile payload."""
    rid = genuine.state.restaurant_id
    kind = rng.randrange(6)
    flags = CODEC_ZSTD if rng.random() < 0.5 else CODEC_RAW
    if kind == 0:
        label, payload = "random bytes", rng.randbytes(rng.randint(0, 400))
    elif kind == 1:
        raw = bytearray(unb64(genuine.token.split(".")[0])[HEADER_BYTES:])
        flags = genuine.token and unb64(genuine.token.split(".")[0])[3]
        for _ in range(rng.randint(1, 4)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        label, payload = "mutated payload", bytes(raw)
    elif kind == 2:
        label, payload = "random msgpack", msgpack.packb(_random_object(rng))
        flags = CODEC_RAW
    elif kind == 3:
        label, payload = "near-miss cart", msgpack.packb(_plausible_cart(rng))
        flags = CODEC_RAW
    elif kind == 4:
        size = rng.choice((1 << 30, (1 << 32) - 1, 8193, 10**6, rng.randint(0, 10_000)))
        label, payload = "zstd bomb header", zstd_frame_declaring(size, window_log=rng.randint(10, 31))
        flags = CODEC_ZSTD
    else:
        frame = unb64(genuine.token.split(".")[0])[HEADER_BYTES:]
        label, payload = "trailing data", frame + rng.randbytes(rng.randint(1, 16))
        flags = unb64(genuine.token.split(".")[0])[3]
    return label, mint(codec, payload, restaurant_id=rid, issued_at=NOW - rng.randint(0, 100), flags=flags)


# --- token fuzzing -----------------------------------------------------------------------------------------


def fuzz_tokens(n: int, rng: random.Random) -> tuple[Tally, Tally]:
    codec = bench_codec()
    carts = corpus()
    genuine = {c.token for c in carts}
    rids = sorted({c.state.restaurant_id for c in carts})
    impostors = [
        ("other secret, same kid", CartCodec(KeyRing.parse(BENCH_KEYS.split(":")[0] + ":" + "x" * 43))),
        ("other purpose", CartCodec(KeyRing.parse(BENCH_KEYS), purpose="order")),
    ]
    forged, signed = Tally(), Tally()
    i = -1
    while forged.tried + signed.tried < n:
        i += 1
        seed = rng.choice(carts)
        rid = seed.state.restaurant_id
        if i % 10 == 9:  # a tenth: genuine MAC, hostile payload
            label, token = signed_hostile(rng, codec, seed)
            _decode(signed, codec, token, rid, label, forged_input=False)
            continue
        r = rng.random()
        if r < 0.04:
            label, impostor = rng.choice(impostors)
            token = impostor.encode(seed.state, NOW)
        elif r < 0.07:
            label, token, rid = "other restaurant", seed.token, next(x for x in rids if x != rid)
        elif r < 0.12:
            label, token = "splice", _splice(rng, seed.token, rng.choice(carts).token)
        else:
            mutator = rng.choice(TEXT_MUTATORS)
            label, token = mutator.__name__.strip("_").replace("_", " "), mutator(rng, seed.token)
        if token in genuine and rid == seed.state.restaurant_id:
            continue  # a no-op mutation (e.g. splicing a token with itself) is not a forgery
        _decode(forged, codec, token, rid, label, forged_input=True, others=rids)
    return forged, signed


def _decode(
    tally: Tally,
    codec: CartCodec,
    token: str,
    rid: str,
    label: str,
    *,
    forged_input: bool,
    others: list[str] | None = None,
) -> None:
    start = time.perf_counter_ns()
    try:
        state = codec.decode(token, rid, NOW, others or ())
    except TokenError as exc:
        tally.timed(label, time.perf_counter_ns() - start)
        tally.outcomes[exc.reason] += 1
        return
    except Exception as exc:  # anything but a TokenError is a bug
        tally.timed(label, time.perf_counter_ns() - start)
        tally.fail(f"{label}: {type(exc).__name__}: {exc}"[:200])
        return
    tally.timed(label, time.perf_counter_ns() - start)
    tally.accepted += 1
    tally.outcomes["accepted"] += 1
    if forged_input:
        tally.fail(f"forged token accepted ({label})")
    else:
        try:
            codec.encode(state, NOW)
        except TokenError:
            pass
        except Exception as exc:
            if getattr(exc, "code", "") != "cart_too_large":
                tally.fail(f"{label}: re-encoding raised {type(exc).__name__}")


# --- request fuzzing -----------------------------------------------------------------------------------------


@dataclass
class Request:
    method: str
    path: str
    headers: list[tuple[bytes, bytes]]
    chunks: list[bytes]
    forged: bool  # carries a forged token on a route that needs one
    what: str  # a description for the report: never the token itself


def _rid(rng: random.Random, rids: list[str]) -> str:
    r = rng.random()
    if r < 0.85:
        return rng.choice(rids)
    return rng.choice(["nope", "..", "%00", "demo-burger%2F..", "é" * 50, "x" * 3000, "\x00", "демо", " "])


def _line_id(rng: random.Random) -> str:
    return rng.choice(["1", "2", "3", "0", "7", "50", "-1", "9" * 30, "9" * 5000, "1.0", "٣", "0x1", "%20"])


def _op_body(rng: random.Random, cart: CorpusCart) -> object:
    menu = cart.menu
    item = rng.choice(menu.items)
    body: dict[str, object] = {"item": rng.choice([item.id, item.name, item.name.lower()[:-1], "burger", ""])}
    if rng.random() < 0.8:
        body["quantity"] = rng.choice([1, 1, 2, 3, 0, -1, 99, 100, 1.5, "2", True, None, 10**20])
    if rng.random() < 0.7:
        body["modifiers"] = [o.id for o in rng.sample(item.options, min(len(item.options), rng.randint(0, 4)))]
    if rng.random() < 0.4:
        body["notes"] = rng.choice(["no onions", "café\u0301", "a\x00b", "\u202e", "x" * (MAX_NOTES_CHARS + 1), ""])
    if rng.random() < 0.05:
        body[rng.choice(["price_cents", "extra", "__proto__"])] = 1
    return body


def _checkout_body(rng: random.Random, cart: CorpusCart) -> object:
    body: dict[str, object] = {
        "customer": rng.choice([{"name": "Ana"}, {"name": "Bo", "phone": "+1 555 0100"}, {"name": ""}, {}, "Ana"]),
        "fulfillment": rng.choice(["pickup", "dine_in", "curbside", "drone", None]),
    }
    if rng.random() < 0.3:
        body["notes"] = rng.choice(["ring the bell", "\x07", "x" * 200])
    if rng.random() < 0.3:
        body["expected_total_cents"] = rng.choice([0, 1234, -1, 10**12, "12.34", 1.5])
    return body


def _tool_body(rng: random.Random, cart: CorpusCart, name: str) -> object:
    op = _op_body(rng, cart)
    assert isinstance(op, dict)
    arguments: object = rng.choice(
        [
            {"items": [op] * rng.choice((1, 1, 2, 11))},  # add_to_order
            {"line_id": rng.choice([1, 2, 0, -1, 10**12, "1"]), **{k: v for k, v in op.items() if k != "item"}},
            {"item": op.get("item"), "quantity": op.get("quantity")},
            {"query": op.get("item"), "category": rng.choice(["drinks", "", None]), "max_price_cents": 500},
            {"action": rng.choice(["review", "checkout", "cancel", "pay"]), "customer_name": "Ana"},
            {},
            [],
        ]
    )
    if rng.random() < 0.2:
        arguments = json.dumps(arguments)  # the Realtime API sends arguments as a JSON string
    return {"arguments": arguments, "call_id": rng.choice(["call_1", None, 5])}


def _hostile_body(rng: random.Random) -> bytes:
    return rng.choice(
        [
            lambda: b'{"item": "fries", "quantity": NaN}',
            lambda: b'{"item": "fries", "quantity": 1e999}',
            lambda: b'{"item": "fries", "quantity": ' + b"7" * 5000 + b"}",
            lambda: b'{"item": "\\ud800"}',
            lambda: b'{"\\udc00": "\\ud83d"}',
            lambda: b'{"item": "fries\xed\xa0\x80"}',
            lambda: b"[" * rng.choice((9, 100, 10_000)) + b"]" * 10,
            lambda: b'{"item": "fries", "notes": "' + b"x" * (MAX_BODY_BYTES + 10) + b'"}',
            lambda: b'{"item": "fries", "modifiers": [' + b'"small",' * 1500 + b'"small"]}',
            lambda: rng.randbytes(rng.randint(0, 2000)),
            lambda: b"null",
            lambda: b'"fries"',
            lambda: b"{}",
            lambda: b"",
            lambda: json.dumps({"item": "x" * rng.randint(1, 15_000)}).encode(),
        ]
    )()


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not out:
            break
        i = rng.randrange(len(out))
        kind = rng.randrange(3)
        if kind == 0:
            out[i] = rng.randrange(256)
        elif kind == 1:
            del out[i]
        else:
            out.insert(i, rng.choice(b'{}[]",:\\0e-.'))
    return bytes(out)


def make_request(rng: random.Random, carts: list[CorpusCart], pool: dict[str, list[str]]) -> Request:
    rids = sorted(pool)
    cart = rng.choice(carts)
    rid = _rid(rng, rids)
    base = f"/v1/restaurants/{rid}"
    route = rng.choices(
        ["create", "view", "clear", "add", "update", "remove", "checkout", "tool", "menu", "health", "junk"],
        weights=[4, 10, 3, 35, 12, 6, 5, 18, 2, 2, 3],
    )[0]
    tool = rng.choice([*TOOL_NAMES, "nope", "__init__", "x" * 300])
    method, path = {
        "create": ("POST", f"{base}/cart"),
        "view": ("GET", f"{base}/cart"),
        "clear": ("DELETE", f"{base}/cart"),
        "add": ("POST", f"{base}/cart/items"),
        "update": ("PATCH", f"{base}/cart/items/{_line_id(rng)}"),
        "remove": ("DELETE", f"{base}/cart/items/{_line_id(rng)}"),
        "checkout": ("POST", f"{base}/cart/checkout"),
        "tool": ("POST", f"{base}/tools/{tool}"),
        "menu": ("GET", rng.choice([f"{base}/menu", f"{base}/tools"])),
        "health": ("GET", rng.choice(["/healthz", "/readyz", "/metrics"])),
        "junk": ("GET", "/" + "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 40)))),
    }[route]
    intended = method
    if rng.random() < 0.03:
        method = rng.choice(["PUT", "OPTIONS", "HEAD", "TRACE", "get", "POST", "DELETE", f"M{rng.randrange(10**6)}"])
    # a route that must verify a token (tools without one start a new cart, so they count only with one)
    needs_token = method == intended and route in ("view", "clear", "add", "update", "remove", "checkout", "tool")
    headers: list[tuple[bytes, bytes]] = []
    token_kind = rng.choices(["genuine", "forged", "missing", "huge", "binary"], weights=[60, 28, 5, 4, 3])[0]
    genuine = rng.choice(pool.get(rid) or [cart.token])
    token: bytes | None = None
    if token_kind == "genuine":
        token = genuine.encode()
    elif token_kind == "forged":
        mutated = rng.choice(TEXT_MUTATORS)(rng, genuine)
        token = mutated.encode("utf-8", "replace") if mutated != genuine else None
    elif token_kind == "huge":
        token = b"A" * rng.choice((MAX_TOKEN_CHARS + 1, 30_000))
    elif token_kind == "binary":
        token = rng.randbytes(rng.randint(1, 200))
    if token is not None:
        headers.append((b"cart-token", token))
    # an empty header is no token at all (tools then start a new cart): not a forgery
    forged = needs_token and token_kind in ("forged", "huge", "binary") and bool(token)
    body = b""
    if method in ("POST", "PATCH") and route in ("add", "update", "checkout", "tool", "junk"):
        r = rng.random()
        make = {"checkout": _checkout_body, "tool": lambda g, c: _tool_body(g, c, tool)}.get(route, _op_body)
        if r < 0.6:
            body = json.dumps(make(rng, cart)).encode()
        elif r < 0.8:
            body = _mutate_bytes(rng, json.dumps(make(rng, cart)).encode())
        else:
            body = _hostile_body(rng)
    if rng.random() < 0.9:
        headers.append((b"content-type", b"application/json"))
    length_kind = rng.random()
    if length_kind < 0.6:
        headers.append((b"content-length", str(len(body)).encode()))
    elif length_kind < 0.65:
        headers.append((b"content-length", rng.choice([b"0", b"5", b"-1", b"abc", b"99999999999999999999"])))
    chunks = [body]
    if len(body) > 1 and rng.random() < 0.3:
        cuts = sorted(rng.sample(range(1, len(body)), min(len(body) - 1, rng.randint(1, 8))))
        chunks = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    what = f"{method} {path[:60]}{'…' if len(path) > 60 else ''} ({route}, token {token_kind}, body {len(body)} B)"
    return Request(method, path, headers, chunks, forged, what)


def _check_cart(body: bytes) -> str | None:
    try:
        data = json.loads(body)
        cart = data["cart"]
        lines = cart["lines"]
        if cart["subtotal_cents"] != sum(line["line_total_cents"] for line in lines):
            return "subtotal != sum of lines"
        if cart["total_cents"] != cart["subtotal_cents"] + cart["tax_cents"]:
            return "total != subtotal + tax"
        if len(data["cart_token"]) > MAX_TOKEN_CHARS:
            return "token over the cap"
    except (ValueError, KeyError, TypeError) as exc:
        return f"malformed 2xx cart body ({type(exc).__name__})"
    return None


async def _fuzz_requests(n: int, rng: random.Random, app: object, carts: list[CorpusCart]) -> Tally:
    pool: dict[str, list[str]] = {}
    for c in carts:
        pool.setdefault(c.state.restaurant_id, []).append(c.token)
    for warm in ("/healthz", f"/v1/restaurants/{carts[0].state.restaurant_id}/menu"):  # first-call imports
        await call(app, "GET", warm)
    tally = Tally()
    for _ in range(n):
        req = make_request(rng, carts, pool)
        start = time.perf_counter_ns()
        try:
            reply = await call(app, req.method, req.path, req.headers, req.chunks)
        except Exception as exc:  # Starlette re-raises after sending its 500, as servers expect
            reply = Reply(status=500, body=f"{type(exc).__name__} escaped the app".encode())
        tally.timed(req.what, time.perf_counter_ns() - start)
        tally.outcomes[f"{reply.status}"] += 1
        if reply.status >= 500 or reply.status == 0:
            tally.fail(f"{reply.status} on {req.what}: {reply.body[:120]!r}")
        elif 200 <= reply.status < 300 and req.forged:
            tally.accepted += 1
            tally.fail(f"forged token accepted: {req.what}")
        elif 200 <= reply.status < 300 and "cart-token" in reply.headers:
            problem = _check_cart(reply.body)
            if problem:
                tally.fail(f"{problem}: {req.what}")
            rid = req.path.split("/")[3]
            tokens = pool.setdefault(rid, [])
            tokens.append(reply.headers["cart-token"])
            if len(tokens) > 64:
                del tokens[rng.randrange(len(tokens))]
    return tally


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def metric_series(app: object) -> int:
    """How many time series /metrics holds: must stay bounded whatever clients send."""
    metrics = getattr(getattr(app, "state", None), "metrics", None)
    return sum(len(f.samples) for f in metrics.registry.collect()) if metrics else 0


def fuzz_requests(n: int, rng: random.Random) -> tuple[Tally, int, int]:
    carts = corpus()
    with tempfile.TemporaryDirectory() as tmp:
        menu_dir = Path(tmp) / "menus"
        menu_dir.mkdir()
        for path in MENU_FILES.values():
            shutil.copy(path, menu_dir)
        settings = Settings(keys_spec=BENCH_KEYS, menu_dir=menu_dir, data_dir=Path(tmp) / "data")
        app = create_app(settings, clock=lambda: float(NOW))
        errors = _ErrorCounter()
        logging.getLogger("voicecart").addHandler(errors)
        try:
            tally = asyncio.run(_fuzz_requests(n, rng, app, carts))
        finally:
            logging.getLogger("voicecart").removeHandler(errors)
        series = metric_series(app)
    return tally, errors.count, series


# --- report ---------------------------------------------------------------------------------------------------


def _row(name: str, tally: Tally, accepted_must_be_zero: bool) -> list[object]:
    fivexx = sum(v for k, v in tally.outcomes.items() if k.isdigit() and int(k) >= 500)
    accepted = f"{tally.accepted:,}" + (" (must be 0)" if accepted_must_be_zero else " (genuinely signed)")
    return [
        name,
        tally.tried,
        accepted,
        fivexx,
        tally.outcomes["FAILURE"],
        round(tally.total_ns / max(1, tally.tried) / 1000, 1),
        round(tally.percentile_ms(0.999), 3),
        round(tally.slowest_ns / 1e6, 3),
        tally.slowest,
    ]


def run(config: Config, seed: int = 6, tokens: int | None = None, requests: int | None = None) -> bool:
    sizes = QUICK if config.quick else FULL
    n_tokens, n_requests = tokens or sizes["tokens"], requests or sizes["requests"]
    rng = random.Random(seed)
    t0 = time.perf_counter()
    forged, signed = fuzz_tokens(n_tokens, rng)
    t1 = time.perf_counter()
    http, logged_errors, series = fuzz_requests(n_requests, rng)
    t2 = time.perf_counter()
    headers = ["target", "tried", "accepted", "5xx", "failures", "mean µs", "p99.9 ms", "slowest ms", "slowest input"]
    rows = [
        _row("codec: forged tokens", forged, True),
        _row("codec: signed hostile payloads", signed, False),
        _row("HTTP app: malformed requests", http, True),
    ]
    outcome_rows = [
        ["forged tokens", ", ".join(f"{k} {v:,}" for k, v in forged.outcomes.most_common())],
        ["signed hostile", ", ".join(f"{k} {v:,}" for k, v in signed.outcomes.most_common())],
        ["HTTP statuses", ", ".join(f"{k} {v:,}" for k, v in sorted(http.outcomes.items()))],
    ]
    failures = forged.failures + signed.failures + http.failures
    if series > MAX_METRIC_SERIES:
        failures.append(f"{series:,} metric series: labels grow with client input")
    ok = not failures and logged_errors == 0
    command = f"python -m bench.fuzz{' --quick' if config.quick else ''} --seed {seed}"
    sections = [
        table(headers, rows),
        "Refusal reasons and statuses:\n\n" + table(["input", "outcomes"], outcome_rows),
        f"Error-level log records during the HTTP run: {logged_errors}. Metric series afterwards: {series:,}. "
        f"Total {n_tokens:,} tokens in {t1 - t0:.1f} s, {n_requests:,} requests in {t2 - t1:.1f} s.",
        "**PASS**: no forged token accepted, no 5xx, no crash."
        if ok
        else "**FAIL**:\n\n" + "\n".join(f"- {f}" for f in failures),
    ]
    if config.quick and config.out == Config().out:
        print("\n\n".join([f"# {command}", *sections]))
    else:
        write_report(config, "fuzz", "Fuzzing hostile tokens and requests", command, sections)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="CI size: 20,000 tokens, 2,000 requests; no report")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--tokens", type=int, help="override the number of tokens")
    parser.add_argument("--requests", type=int, help="override the number of requests")
    parser.add_argument("--out", type=Path, help="write fuzz.md here (default bench/results; --quick: print only)")
    args = parser.parse_args(argv)
    config = Config(out=args.out, quick=args.quick) if args.out else Config(quick=args.quick)
    return 0 if run(config, args.seed, args.tokens, args.requests) else 1


if __name__ == "__main__":
    sys.exit(main())
