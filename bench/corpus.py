"""A deterministic corpus of realistic carts on the two menus, built through :mod:`app.core.turn`.

Carts of 1, 3, 5, 12, 30 and 50 lines on the demo burger menu (short slug ids) and on the
taqueria menu (UUID ids, like a Supabase-backed POS). Every line picks an available item, the
options its required groups need plus some optional ones, a quantity of mostly 1, and every
fourth line carries a short spoken-style note. Because the carts are made by real turns, each is
valid: same menus, same limits, same token the service would mint.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.core import turn
from app.core.cart import CartState, Line
from app.core.menu import Item, Menu, load_menu
from app.core.token.codec import DEFAULT_DICTIONARY, CartCodec, TokenPolicy
from app.core.token.keys import KeyRing
from bench import ROOT

SIZES = (1, 3, 5, 12, 30, 50)
QUICK_SIZES = (1, 5, 50)
MENU_FILES = {
    "demo": ROOT / "app" / "menus" / "demo-burger.json",
    "uuid": ROOT / "tests" / "menus" / "uuid-taqueria.json",
}
BENCH_KEYS = "bench:" + "b" * 43
T0 = 1_800_000_000
NOTES = (
    "no onions please",
    "extra crispy",
    "cut in half",
    "sauce on the side",
    "allergic to peanuts",
    "light ice",
    "for the kid, not too spicy",
    "on a tray please",  # not "well done please": beside a Medium line that is a question (contradictions)
    "no salt",
    "separate bag",
)


@dataclass(frozen=True)
class CorpusCart:
    menu_key: str
    lines: int
    menu: Menu
    token: str
    state: CartState
    ops: tuple[turn.AddItem, ...]  # the turns that built it, in order

    @property
    def label(self) -> str:
        return f"{self.menu_key}-{self.lines}"

    def add_again(self) -> turn.AddItem:
        """A turn that works at any size: one more of the first line (it merges, no new line)."""
        first = self.ops[0]
        return turn.AddItem(first.item, 1, first.modifiers, first.notes)


def bench_codec(dictionary: int = DEFAULT_DICTIONARY) -> CartCodec:
    return CartCodec(KeyRing.parse(BENCH_KEYS), TokenPolicy(), dictionary=dictionary)


@cache
def menus() -> dict[str, Menu]:
    return {key: load_menu(path) for key, path in MENU_FILES.items()}


def _pick_options(item: Item, rng: random.Random) -> tuple[str, ...]:
    chosen: list[str] = []
    for group in item.modifier_groups:
        if group.min:
            count = group.min
        elif rng.random() < 0.35:
            count = rng.randint(1, min(group.max, 2))
        else:
            count = 0
        chosen += [o.id for o in rng.sample(group.options, count)]
    return tuple(chosen)


def line_ops(
    menu: Menu, lines: int, seed: int, notes_every: int = 4, notes: tuple[str, ...] = NOTES
) -> list[turn.AddItem]:
    """``lines`` AddItem turns with pairwise different choices (so none merge)."""
    rng = random.Random(seed)
    items = [i for i in menu.items if i.available]
    seen: set[tuple[str, tuple[str, ...], str | None]] = set()
    ops: list[turn.AddItem] = []
    while len(ops) < lines:
        item = rng.choice(items)
        options = _pick_options(item, rng)
        note = rng.choice(notes) if notes_every and (len(ops) + 1) % notes_every == 0 else None
        key = (item.id, tuple(sorted(options)), note)
        if key in seen:
            continue
        seen.add(key)
        quantity = rng.choice((1, 1, 1, 1, 2, 2, 3))
        ops.append(turn.AddItem(item.id, quantity, options, note))
    return ops


def build(menu: Menu, ops: list[turn.AddItem], codec: CartCodec, cart_no: int = 0, now: int = T0) -> turn.TurnResult:
    cart_id = (0xCA27_0000_0000_0000 + cart_no).to_bytes(8, "big")
    result = turn.run_turn(None, turn.NewCart(cart_id), menu, codec, now)
    for op in ops:
        result = turn.run_turn(result.token, op, menu, codec, now)
    return result


def make_cart(
    menu_key: str, lines: int, codec: CartCodec | None = None, notes_every: int = 4, now: int = T0
) -> CorpusCart:
    """The corpus cart of ``lines`` lines on ``menu_key``; ``now`` is when its token is minted."""
    menu = menus()[menu_key]
    ops = line_ops(menu, lines, seed=hash_seed(menu_key, lines), notes_every=notes_every)
    result = build(menu, ops, codec or bench_codec(), cart_no=lines, now=now)
    assert len(result.state.lines) == lines
    return CorpusCart(menu_key, lines, menu, result.token, result.state, tuple(ops))


def hash_seed(menu_key: str, lines: int) -> int:
    return sum(map(ord, menu_key)) * 1000 + lines  # stable across runs (str hash is salted)


def sizes(quick: bool) -> tuple[int, ...]:
    return QUICK_SIZES if quick else SIZES


def corpus(sizes: tuple[int, ...] = SIZES) -> list[CorpusCart]:
    codec = bench_codec()
    return [make_cart(key, n, codec) for key in MENU_FILES for n in sizes]


# --- the same cart as the alternatives would store it -------------------------------------------


def natural_json(state: CartState, menu: Menu) -> dict[str, Any]:
    """The cart as a session store would naturally keep it: ids, not tags; no names or totals."""
    lines = []
    for line in state.lines:
        item = menu.item_by_tag(line.item_tag)
        assert item is not None
        entry: dict[str, Any] = {
            "line_id": line.line_id,
            "item_id": item.id,
            "quantity": line.quantity,
            "unit_price_cents": line.unit_price_cents,
        }
        if line.option_tags:
            entry["modifiers"] = [item.options_by_tag[t].id for t in line.option_tags]
        if line.notes:
            entry["notes"] = line.notes
        lines.append(entry)
    return {
        "id": state.cart_id.hex(),
        "restaurant_id": state.restaurant_id,
        "created_at": state.created_at,
        "revision": state.revision,
        "next_line_id": state.next_line_id,
        "lines": lines,
    }


def from_natural_json(obj: dict[str, Any], menu: Menu, updated_at: int) -> CartState:
    """Inverse of :func:`natural_json` (what the Redis- and dict-backed variants load)."""
    lines = []
    for entry in obj["lines"]:
        item = menu.item(entry["item_id"])
        assert item is not None
        options = {o.id: o for o in item.options}
        tags = tuple(options[o].tag for o in entry.get("modifiers", ()))
        lines.append(
            Line(entry["line_id"], item.tag, entry["quantity"], entry["unit_price_cents"], tags, entry.get("notes", ""))
        )
    return CartState(
        cart_id=bytes.fromhex(obj["id"]),
        restaurant_id=obj["restaurant_id"],
        created_at=obj["created_at"],
        updated_at=updated_at,
        revision=obj["revision"],
        next_line_id=obj["next_line_id"],
        lines=tuple(lines),
    )
