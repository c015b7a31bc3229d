"""Mint golden tokens for the CURRENT token format version into tests/golden/v<N>.json.

Version 2 tokens (variations, repeated and nested choices) are minted from the demo cafe menu
(``SCRIPTS_V2``); version 1's scripts stay as they were minted.

Run once per released format version (and once per zstd dictionary that new tokens are
compressed with: ``v<N>-dict<D>.json``) and commit the file; never regenerate an old one's
file — those tokens are what carts in flight look like after a deploy, and every later
release must keep decoding them (tests/core/token/test_golden_tokens.py).

    python -m tests.golden.mint
"""

from __future__ import annotations

import json
from pathlib import Path

from app.core import turn
from app.core.menu import load_menu
from app.core.token.codec import DEFAULT_DICTIONARY, VERSION, CartCodec
from app.core.token.keys import KeyRing
from app.settings import bundled_menu_dir
from tests.conftest import DEMO_MENU_FILE, UUID_MENU_FILE

HERE = Path(__file__).parent

GOLDEN_KEYS = "golden:" + "g" * 40
MINTED_AT = 1_800_000_000
CAFE_MENU_FILE = bundled_menu_dir() / "demo-cafe.json"
CAFE_MINTED_AT = MINTED_AT - 10 * 3600  # 09:00 in Sydney: the breakfast items are on

SCRIPTS = {
    "demo-3-lines": (
        DEMO_MENU_FILE,
        [
            turn.AddItem("cheeseburger", 2, ("medium", "american", "bacon"), "cut in half please"),
            turn.AddItem("fries", 1, ("large",)),
            turn.AddItem("mexican-coke", 3),
        ],
    ),
    "demo-empty": (DEMO_MENU_FILE, []),
    "uuid-5-lines": (UUID_MENU_FILE, "first-five"),
}

# format 2: what only version 2 carries (sizes, repeated options, nested choices, a removed default)
SCRIPTS_V2 = {
    "cafe-sizes-and-repeats": (
        CAFE_MENU_FILE,
        [
            turn.AddItem("flat white", 2, ("large", "oat milk", "extra shot", "extra shot")),
            turn.AddItem("long black", 1, ("small",)),
            turn.AddItem("sourdough"),
        ],
    ),
    "cafe-combo-nested": (
        CAFE_MENU_FILE,
        [
            turn.AddItem("brekkie combo", 1, ("bacon and egg", "bbq", "latte"), "extra napkins"),
            turn.AddItem("big plate", 1, ("double eggs", "greens")),
            turn.AddItem("brekkie roll", 1, ("no butter", "relish", "hash brown", "hash brown")),
        ],
    ),
}


def _tree(modifiers: list[dict]) -> list:
    return [[m["id"], m["quantity"], _tree(m["modifiers"])] for m in modifiers]


def golden_line(line: dict, v2: bool) -> dict:
    """What a golden token must still mean: ids, quantities, quotes; for v2 the variation and choice tree."""
    out = {k: line[k] for k in ("line_id", "item_id", "quantity", "unit_price_cents", "notes")}
    out["modifiers"] = [m["id"] for m in line["modifiers"]]
    if v2:
        out["variation"] = line["variation"]["id"] if line["variation"] else None
        out["modifier_tree"] = _tree(line["modifiers"])
    return out


def _uuid_ops(menu_file: Path) -> list[turn.Operation]:
    menu = load_menu(menu_file)
    ops: list[turn.Operation] = []
    for n, item in enumerate([i for i in menu.items if i.available][:5]):
        options = tuple(g.options[0].id for g in item.modifier_groups if g.min > 0)
        ops.append(turn.AddItem(item.id, 1 + n % 2, options))
    return ops


def mint(scripts: dict = SCRIPTS, minted_at: int = MINTED_AT) -> list[dict[str, object]]:
    codec = CartCodec(KeyRing.parse(GOLDEN_KEYS))
    out = []
    v2 = scripts is SCRIPTS_V2
    for name, (menu_file, ops) in scripts.items():
        menu = load_menu(menu_file)
        if ops == "first-five":
            ops = _uuid_ops(menu_file)
        result = turn.run_turn(
            None, turn.NewCart(bytes.fromhex("00112233445566") + bytes([len(out)])), menu, codec, minted_at
        )
        for op in ops:
            result = turn.run_turn(result.token, op, menu, codec, minted_at)
        cart = result.cart_json()
        out.append(
            {
                "name": name,
                "restaurant_id": menu.restaurant_id,
                "menu": menu_file.name,
                "token": result.token,
                "minted_at": minted_at,
                "expect": {
                    "id": cart["id"],
                    "revision": cart["revision"],
                    "lines": [golden_line(line, v2) for line in cart["lines"]],
                },
            }
        )
    return out


if __name__ == "__main__":
    target = HERE / (f"v{VERSION}-dict{DEFAULT_DICTIONARY}.json" if DEFAULT_DICTIONARY else f"v{VERSION}.json")
    if target.exists():
        raise SystemExit(f"{target} exists: golden tokens of a released version are never re-minted")
    # the menus as they were at minting: later menu edits must not change what a golden token means
    frozen = HERE / f"menus-{target.stem}"
    frozen.mkdir()
    if VERSION == 2:
        files, tokens = (CAFE_MENU_FILE,), mint(SCRIPTS_V2, CAFE_MINTED_AT)
    else:
        files, tokens = (DEMO_MENU_FILE, UUID_MENU_FILE), mint()
    for menu_file in files:
        (frozen / menu_file.name).write_bytes(menu_file.read_bytes())
    document = {"format_version": VERSION, "dictionary": DEFAULT_DICTIONARY, "keys": GOLDEN_KEYS, "tokens": tokens}
    target.write_text(json.dumps(document, indent=2) + "\n")
    print(f"wrote {target}")
