"""Train a zstd dictionary for cart payloads: ``python -m bench.dictionary ID``.

Writes ``app/dictionaries/cart-<ID>.zdict``. A released dictionary is never rewritten or
deleted (tokens in flight name it by id in the header flags), so this refuses to overwrite.

The training carts are deliberately *not* the bench corpus: 200 synthetic menus with random
UUID or slug ids (so item and option tags are random, as on any customer's menu), random
modifier groups, and notes from a phrase list that is not the bench's. What the dictionary can
learn is therefore what every cart shares — the msgpack layout of lines, small integers, tag
widths, common note words — not any particular menu's tags.
"""

from __future__ import annotations

import argparse
import random
import sys
import uuid
from pathlib import Path
from typing import Any

import zstandard

from app.core.menu import Menu, parse_menu
from app.core.token import codec as cart_codec
from app.core.token import framing
from bench import ROOT
from bench.corpus import bench_codec, build, line_ops

DICTIONARY_BYTES = 1024
TRAIN_NOTES = (
    "no onion",
    "extra pickles",
    "light sauce",
    "no cheese please",
    "sauce on side",
    "gluten free bun",
    "add bacon",
    "no tomato",
    "extra hot",
    "no mayo",
    "dressing on the side",
    "lots of ice",
    "no ice",
    "toasted",
    "crispy please",
    "allergy: shellfish",
    "split in two",
    "to go",
    "no salt on the fries",
    "extra napkins",
    "mild please",
    "no lettuce",
)


def _id(rng: random.Random, slug: bool, name: str) -> str:
    return (
        f"{name.lower().replace(' ', '-')}-{rng.randint(1, 999)}" if slug else str(uuid.UUID(int=rng.getrandbits(128)))
    )


def synthetic_menu(rng: random.Random) -> Menu:
    slug = rng.random() < 0.4
    items: list[dict[str, Any]] = []
    for i in range(rng.randint(10, 40)):
        groups = []
        for g in range(rng.randint(0, 4)):
            count = rng.randint(1, 7)
            low = rng.choice((0, 0, 1))
            options = [
                {
                    "id": _id(rng, slug, f"opt {g} {k}"),
                    "name": f"Option {g}{k}",
                    "price_cents": rng.choice((0, 0, 50, 100)),
                }
                for k in range(count)
            ]
            high = rng.randint(max(1, low), count)
            groups.append(
                {"id": _id(rng, slug, f"group {g}"), "name": f"G{g}", "min": low, "max": high, "options": options}
            )
        price = rng.randint(99, 2999)
        item = {"id": _id(rng, slug, f"item {i}"), "name": f"Item {i}", "category": "c", "price_cents": price}
        items.append({**item, "available": True, "modifier_groups": groups})
    return parse_menu({"restaurant_id": "r", "name": "n", "currency": "USD", "tax_rate": "0.08", "items": items})


def training_samples(menus: int = 200, seed: int = 20261127) -> list[bytes]:
    rng = random.Random(seed)
    codec = bench_codec(dictionary=0)
    samples = []
    for _ in range(menus):
        menu = synthetic_menu(rng)
        for lines in (1, 2, 3, 4, 5, 6, 8, 10, 15, 25, 40):
            ops = line_ops(
                menu, lines, seed=rng.getrandbits(32), notes_every=rng.choice((0, 2, 3, 4)), notes=TRAIN_NOTES
            )
            samples.append(cart_codec.pack_state(build(menu, ops, codec).state))
    return samples


def train(dict_id: int) -> bytes:
    """Deterministic for a given zstandard version: same samples, one thread."""
    data = zstandard.train_dictionary(DICTIONARY_BYTES, training_samples(), level=3, dict_id=dict_id, threads=0)
    return data.as_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dictionary", description=__doc__.splitlines()[0])
    parser.add_argument("id", type=int, help="dictionary id, 1-15 (the token header's flags nibble)")
    args = parser.parse_args(argv)
    if not 1 <= args.id <= 15:
        parser.error("the id must be 1-15")
    path = framing.dictionary_path(args.id)
    if path.exists():
        print(f"{path.relative_to(ROOT)} exists: released dictionaries are never rewritten", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(train(args.id))
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
