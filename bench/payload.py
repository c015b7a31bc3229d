"""Payload size: the voicecart token vs the same cart in the usual signed-cookie formats.

Every alternative gets the cart's *natural JSON* (:func:`bench.corpus.natural_json`: ids,
quantities, quoted prices, option ids, notes) and encodes it with the real library:

* Django ``signing.dumps(compress=True)`` with the signed_cookies session backend's salt;
* Flask's session serializer (``SecureCookieSessionInterface.get_signing_serializer``);
* Starlette ``SessionMiddleware`` (base64 JSON + itsdangerous ``TimestampSigner``, as it does);
* JWT HS256 (PyJWT) with ``iat``/``exp``;
* Fernet (cryptography), which also encrypts.

The *floor* estimates the information a cart really carries: a 128-bit MAC, the 8-byte cart id,
a 4-byte time, and per line the item choice, quantity and option combination at log2 of the
number of possibilities, notes at 3 bits per character; written as base64 (6 bits a character).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Callable
from typing import Any

from app.core import turn
from app.core.cart import CartState, Line
from app.core.menu import Item, Menu, load_menu
from app.core.token.codec import DEFAULT_DICTIONARY, read_header
from app.settings import bundled_menu_dir
from bench import Config, table, table_of, write_report
from bench.corpus import T0, CorpusCart, bench_codec, corpus, make_cart, natural_json, sizes

SECRET = "bench-secret-" + "s" * 40
NOTES_BITS_PER_CHAR = 3.0
TARGET_5_LINES_UUID = 160
TARGET_DJANGO_RATIO = 0.25
TOKEN_LIMIT = 4096
PLAIN = "voicecart, no dictionary"  # the same token with plain zstd: what the dictionary saves

Encoder = Callable[[dict[str, Any]], str]


def django_encoder() -> Encoder:
    from django.conf import settings

    if not settings.configured:
        settings.configure(SECRET_KEY=SECRET, USE_TZ=True)
    from django.core import signing

    salt = "django.contrib.sessions.backends.signed_cookies"
    return lambda cart: signing.dumps({"cart": cart}, compress=True, salt=salt, serializer=signing.JSONSerializer)


def flask_encoder() -> Encoder:
    from flask import Flask
    from flask.sessions import SecureCookieSessionInterface

    app = Flask("bench")
    app.secret_key = SECRET
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    assert serializer is not None
    return lambda cart: serializer.dumps({"cart": cart})


def starlette_encoder() -> Encoder:
    from itsdangerous import TimestampSigner

    # what starlette.middleware.sessions.SessionMiddleware writes into its cookie
    signer = TimestampSigner(SECRET)
    return lambda cart: signer.sign(base64.b64encode(json.dumps({"cart": cart}).encode())).decode()


def jwt_encoder() -> Encoder:
    import jwt

    return lambda cart: jwt.encode({"cart": cart, "iat": T0, "exp": T0 + 1800}, SECRET, algorithm="HS256")


def fernet_encoder() -> Encoder:
    from cryptography.fernet import Fernet

    fernet = Fernet(base64.urlsafe_b64encode(hashlib.sha256(SECRET.encode()).digest()))
    return lambda cart: fernet.encrypt(json.dumps(cart, separators=(",", ":")).encode()).decode()


PEERS: dict[str, Callable[[], Encoder]] = {
    "Django signed_cookies": django_encoder,
    "Flask session": flask_encoder,
    "Starlette session": starlette_encoder,
    "JWT HS256": jwt_encoder,
    "Fernet": fernet_encoder,
}


# --- the information floor ------------------------------------------------------------------------


def option_combinations(item: Item) -> int:
    """How many valid option sets the item's groups allow."""
    total = 1
    for group in item.modifier_groups:
        total *= sum(math.comb(len(group.options), k) for k in range(group.min, group.max + 1))
    return total


def line_bits(line: Line, menu: Menu) -> float:
    item = menu.item_by_tag(line.item_tag)
    assert item is not None
    available = sum(1 for i in menu.items if i.available)
    return (
        math.log2(available)
        + math.log2(99)
        + math.log2(option_combinations(item))
        + NOTES_BITS_PER_CHAR * len(line.notes)
    )


def floor_chars(state: CartState, menu: Menu) -> int:
    fixed_bits = (16 + 8 + 4) * 8  # MAC, cart id, time
    bits = fixed_bits + math.log2(51) + sum(line_bits(line, menu) for line in state.lines)
    return math.ceil(bits / 6)


# --- the bench ------------------------------------------------------------------------------------


def measure(carts: list[CorpusCart]) -> list[dict[str, Any]]:
    encoders = {name: make() for name, make in PEERS.items()}
    plain = bench_codec(dictionary=0)
    rows = []
    for cart in carts:
        natural = natural_json(cart.state, cart.menu)
        row: dict[str, Any] = {
            "cart": cart.label,
            "lines": cart.lines,
            "voicecart": len(cart.token),
            PLAIN: len(make_cart(cart.menu_key, cart.lines, plain).token),
            "json": len(json.dumps(natural, separators=(",", ":"))),
        }
        row.update({name: len(encode(natural)) for name, encode in encoders.items()})
        row["floor"] = floor_chars(cart.state, cart.menu)
        rows.append(row)
    return rows


def plot(rows: list[dict[str, Any]], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    for ax, key in zip(axes, ("demo", "uuid"), strict=True):
        mine = [r for r in rows if r["cart"].startswith(key)]
        x = [r["lines"] for r in mine]
        styles: dict[str, dict[str, Any]] = {
            "voicecart": {"linewidth": 2.5},
            PLAIN: {"linestyle": "--"},
            "floor": {"linestyle": ":"},
        }
        for name in ["voicecart", PLAIN, *PEERS, "floor"]:
            style = styles.get(name, {})
            ax.plot(x, [r[name] for r in mine], marker="o", markersize=3, label=name, **style)
        ax.axhline(TOKEN_LIMIT, color="grey", linewidth=0.8)
        ax.set_title("demo menu (slug ids)" if key == "demo" else "taqueria menu (UUID ids)")
        ax.set_xlabel("cart lines")
        ax.set_yscale("log")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_ylabel("characters on the wire")
    axes[1].legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def targets(rows: list[dict[str, Any]]) -> list[list[object]]:
    by = {r["cart"]: r for r in rows}
    out: list[list[object]] = []
    for variant in ("voicecart", PLAIN):
        if "uuid-5" in by:
            five = by["uuid-5"]
            size, ratio = five[variant], five[variant] / five["Django signed_cookies"]
            goal, limit = f"≤ {TARGET_5_LINES_UUID} chars", TARGET_5_LINES_UUID
            out.append([variant, "5-line UUID cart", goal, size, _ok(size <= limit)])
            goal = f"≤ {TARGET_DJANGO_RATIO}× Django"
            out.append([variant, "5-line UUID cart", goal, f"{ratio:.2f}×", _ok(ratio <= TARGET_DJANGO_RATIO)])
        for key in ("demo-50", "uuid-50"):
            if key in by:
                size = by[key][variant]
                out.append([variant, f"{key} (12 notes)", f"≤ {TOKEN_LIMIT} chars", size, _ok(size <= TOKEN_LIMIT)])
    return out


# --- format 2 (menu v2): what sizes, repeats and nested choices cost ---------------------------------

CAFE_MORNING = T0 - 10 * 3600  # 09:00 in Sydney: the demo cafe's breakfast items are on
FORMAT_2_CARTS: dict[str, list[turn.AddItem]] = {
    "cafe-5, format 1 shape (no size, repeat or nesting)": [
        turn.AddItem("sourdough", 2),
        turn.AddItem("banana bread", 1, ("ricotta",)),
        turn.AddItem("big plate", 1, ("eggs", "greens", "bacon")),
        turn.AddItem("brekkie roll", 1, ("relish", "avocado")),
        turn.AddItem("sourdough", 1, (), "sliced"),
    ],
    "cafe-5, format 2 (2 sizes, 3 repeats, a nested choice)": [
        turn.AddItem("flat white", 2, ("large", "oat milk", "extra shot", "extra shot")),
        turn.AddItem("latte", 1, ("small",)),
        turn.AddItem("brekkie combo", 1, ("bacon and egg", "bbq", "latte")),
        turn.AddItem("big plate", 1, ("double eggs", "greens")),
        turn.AddItem("brekkie roll", 1, ("no butter", "relish", "hash brown", "hash brown")),
    ],
}


def format_2_rows() -> list[list[object]]:
    """Token characters of two 5-line carts on the demo cafe menu: format 1's shape and format 2."""
    menu = load_menu(bundled_menu_dir() / "demo-cafe.json")
    codec = bench_codec()
    rows: list[list[object]] = []
    for name, ops in FORMAT_2_CARTS.items():
        result = turn.run_turn(None, turn.NewCart(bytes(8)), menu, codec, CAFE_MORNING)
        for op in ops:
            result = turn.run_turn(result.token, op, menu, codec, CAFE_MORNING)
        rows.append([name, read_header(result.token).version, len(result.token)])
    return rows


def _ok(passed: bool) -> str:
    return "met" if passed else "**missed**"


def run(config: Config) -> list[dict[str, Any]]:
    carts = corpus(sizes(config.quick))
    rows = measure(carts)
    columns = ["cart", "lines", "voicecart", PLAIN, *PEERS, "floor", "json"]
    sections = [
        "Characters on the wire for the same cart (natural JSON for the alternatives; `json` is that "
        "JSON unsigned and uncompressed). Every 4th line has a note. `floor` estimates the information "
        "content (see bench/payload.py). `voicecart` is the token as minted (zstd with the trained "
        f"dictionary app/dictionaries/cart-{DEFAULT_DICTIONARY}.zdict when that is shorter); `{PLAIN}` is "
        "the same cart with plain zstd, to show what the dictionary saves.",
        table_of(rows, columns),
        "Relative to voicecart (× larger):",
        table(
            ["cart", *PEERS],
            [[r["cart"], *(round(r[p] / r["voicecart"], 2) for p in PEERS)] for r in rows],
        ),
        "Targets:",
        table(["token", "cart", "goal", "measured", "status"], targets(rows)),
        "Menu format 2 (app/menus/demo-cafe.json): a cart writes token format 2 only when a line has a "
        "variation, a repeated option or a nested choice; every cart above is format 1, unchanged.",
        table(["cart", "token format", "voicecart"], format_2_rows()),
        "![size vs lines](payload.png)",
    ]
    plot(rows, str(config.path("payload.png")))
    write_report(config, "payload", "Payload size", "python -m bench payload", sections)
    return rows
