"""``voicecart`` command line: serve, keys, menu check, token inspect, orders.

Configuration problems print one clear line to stderr and exit 2; nothing secret is printed
except by ``keys new``, whose whole job is to print a fresh key.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from app import __version__
from app.cli.arguments import CONCURRENCY, PORT, WORKERS
from app.cli.mcp import register as register_mcp
from app.cli.menu_import import register as register_menu_import
from app.cli.orders import register as register_orders
from app.core.cart import CartState
from app.core.cart.pricing import price_cart
from app.core.menu import MenuCatalog, load_menu
from app.core.token.codec import CartCodec, read_header
from app.core.token.keys import fingerprint, new_key_spec
from app.core.turn import TurnResult
from app.errors import CartError, ConfigError, TokenWrongRestaurant
from app.logs import json_line
from app.runtime.context import codec as build_codec
from app.runtime.context import keyring
from app.settings import Settings


def serve_settings(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> Settings:
    """The environment's settings with ``serve``'s flags applied (checked like any other value)."""
    settings = Settings.from_env(env)
    flags: dict[str, Any] = {}
    if args.menu_dir:
        flags["menu_dir"] = Path(args.menu_dir).resolve()
    if args.limit_concurrency is not None:
        flags["max_concurrency"] = args.limit_concurrency
    return dataclasses.replace(settings, **flags) if flags else settings


def _serve(args: argparse.Namespace) -> int:
    settings = serve_settings(args)
    # fail fast, before uvicorn forks workers: keys and menus must load
    keys = keyring(settings)
    catalog = MenuCatalog.from_dir(settings.menu_dir)
    banner = (
        f"voicecart: {settings.env}, {len(catalog.menus)} restaurant(s) "
        f"({', '.join(catalog.restaurant_ids())}), keys {keys.describe()}, "
        f"at most {settings.max_concurrency or 'unlimited'} requests in flight, "
        f"http://{args.host}:{args.port}"
    )
    print(json_line("voicecart.serve", banner), file=sys.stderr)  # every line the server writes is JSON
    from app.server.serve import serve  # uvicorn and the app: only for this command

    serve(settings, args.host, args.port, args.workers)
    return 0


def _keys_new(args: argparse.Namespace) -> int:
    print(new_key_spec(args.kid))
    return 0


def _keys_show(args: argparse.Namespace) -> int:
    """Which key signed TOKEN — only once the signature verified: a forged token names no key."""
    settings = Settings.from_env()
    catalog = MenuCatalog.from_dir(settings.menu_dir)
    codec = build_codec(settings)
    header = read_header(args.token)
    _verified(args.token, catalog, codec, header.issued_at)  # which key signed it, whenever that was
    key = codec.keys.by_tag(header.kid_tag)
    assert key is not None  # verified: the ring holds its key
    signing = "yes" if key is codec.keys.signing else "no"
    print(json.dumps({"kid": key.kid, "is_current_signing_key": signing, "issued_at": header.issued_at}, indent=2))
    return 0


def _keys_list(args: argparse.Namespace) -> int:
    """The configured ring, secrets never shown: check each rotation step before rolling it out."""
    ring = keyring(Settings.from_env())
    for key in ring.keys:
        role = "signs+verifies" if key is ring.signing else "verifies"
        print(f"{key.kid}\t{fingerprint(key.secret)}\t{role}")
    return 0


def _menu_check(args: argparse.Namespace) -> int:
    failed = 0
    for name in args.files:
        try:
            menu = load_menu(Path(name))
        except ConfigError as exc:
            print(f"FAIL {exc}", file=sys.stderr)
            failed += 1
        else:
            options = sum(len(i.options) for i in menu.items)
            variations = sum(len(i.variations) for i in menu.items)
            sizes = f", {variations} variations" if variations else ""
            print(f"ok   {name}: {menu.restaurant_id} ({menu.name}), {len(menu.items)} items, {options} options{sizes}")
    return 1 if failed else 0


def _verified(
    token: str, catalog: MenuCatalog, codec: CartCodec, now: int, restaurant: str | None = None
) -> tuple[str, CartState]:
    """Verify ``token`` as a turn would, for ``restaurant`` or else for whichever configured restaurant
    it names: the same :class:`~app.errors.TokenError` as HTTP (``token_wrong_restaurant`` for a genuine
    token of another restaurant, ``token_invalid`` for a forged one), raised to :func:`main`."""
    ids = catalog.restaurant_ids()
    if restaurant is not None:
        catalog.get(restaurant)  # restaurant_not_found, as HTTP says it
        return restaurant, codec.decode(token, restaurant, now, ids)
    if not ids:
        raise ConfigError("no menus are configured, so no token can be verified")
    try:
        return ids[0], codec.decode(token, ids[0], now, ids)
    except TokenWrongRestaurant as exc:  # genuine, for another configured restaurant: read it there
        rid = exc.details["token_restaurant_id"]
        return rid, codec.decode(token, rid, now, ids)


def _token_inspect(args: argparse.Namespace) -> int:
    """The cart as the token holds it: verified, repriced from today's menu, and its own expiry
    (issued + TTL, within the lifetime cap) — inspecting a token is no turn and extends nothing."""
    settings = Settings.from_env()
    catalog = MenuCatalog.from_dir(settings.menu_dir)
    codec = build_codec(settings)
    header = read_header(args.token)
    now = header.issued_at if args.ignore_expiry else int(time.time())
    rid, state = _verified(args.token, catalog, codec, now, args.restaurant)
    expires_at = codec.policy.expires_at(header.created_at, header.issued_at)
    cart = TurnResult(price_cart(state, catalog.get(rid), now), args.token, expires_at).cart_json()
    key = codec.keys.by_tag(header.kid_tag)
    out = {
        "kid": key.kid if key else None,
        "issued_at": header.issued_at,
        "expires_at": cart["expires_at"],
        "expired": int(time.time()) >= expires_at,
        "cart": cart,
    }
    print(json.dumps(out, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="voicecart", description="Stateless signed-token carts for voice ordering.")
    parser.add_argument("--version", action="version", version=f"voicecart {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the HTTP API (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=PORT, default=8000, help="1–65535")
    serve.add_argument("--workers", type=WORKERS, default=1, help="uvicorn worker processes")
    serve.add_argument("--menu-dir", help="directory of menu JSON files (default: CART_MENU_DIR or the demo)")
    serve.add_argument(
        "--limit-concurrency",
        type=CONCURRENCY,
        metavar="N",
        help="requests in flight per worker; beyond: 503 overloaded with Retry-After (default: "
        "CART_MAX_CONCURRENCY or 256; 0: no limit)",
    )
    serve.set_defaults(func=_serve)

    keys = sub.add_parser("keys", help="signing keys").add_subparsers(dest="keys_command", required=True)
    new = keys.add_parser("new", help="print a fresh kid:secret for CART_KEYS")
    new.add_argument("--kid", help="key id (default: random)")
    new.set_defaults(func=_keys_new)
    show = keys.add_parser("show", help="which key signed TOKEN")
    show.add_argument("token")
    show.set_defaults(func=_keys_show)
    listing = keys.add_parser("list", help="the configured CART_KEYS: kid, fingerprint, signs or verifies")
    listing.set_defaults(func=_keys_list)

    menu = sub.add_parser("menu", help="menus").add_subparsers(dest="menu_command", required=True)
    check = menu.add_parser("check", help="validate menu files")
    check.add_argument("files", nargs="+")
    check.set_defaults(func=_menu_check)
    register_menu_import(menu)  # menu import square CATALOG.json …

    token = sub.add_parser("token", help="tokens").add_subparsers(dest="token_command", required=True)
    inspect = token.add_parser("inspect", help="verify TOKEN with the configured keys and print the cart")
    inspect.add_argument("token")
    inspect.add_argument("--restaurant", help="restaurant id (default: try every configured menu)")
    inspect.add_argument("--ignore-expiry", action="store_true", help="show an expired cart too")
    inspect.set_defaults(func=_token_inspect)

    register_orders(sub)  # orders list | orders show ORDER_ID
    register_mcp(sub)  # mcp --url URL --restaurant RID (needs the mcp extra)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        command: Callable[[argparse.Namespace], int] = args.func
        return command(args)
    except ConfigError as exc:
        print(f"voicecart: configuration error: {exc}", file=sys.stderr)
        return 2
    except CartError as exc:  # a refused token, an unknown restaurant: the code HTTP would answer
        print(f"voicecart: {exc.code}: {exc.message}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # "voicecart token inspect … | head": the reader left; no traceback
        with contextlib.suppress(AttributeError, OSError, ValueError):  # the exit flush must not fail again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell tool ends
