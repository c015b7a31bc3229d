"""Growth: how token size and turn time grow with lines, and where the 4096-character cap falls.

One cart per scenario is grown line by line through real add-item turns (UUID menu, the larger
ids); after every turn the token length is recorded, until 50 lines or until the service
refuses with ``cart_too_large``:

* no notes; every 4th line a short note (the corpus);
* every line a 140-character note in words (the longest a caller may send);
* every line 140 random characters (incompressible: the worst case).
"""

from __future__ import annotations

import random
import string
from typing import Any

from app.core import turn
from app.core.cart import MAX_LINES, MAX_NOTES_CHARS
from app.core.token.codec import MAX_TOKEN_CHARS
from app.errors import CartTooLarge
from bench import Config, Timing, measure_us, table, write_report
from bench.corpus import NOTES, QUICK_SIZES, T0, bench_codec, build, hash_seed, line_ops, make_cart, menus

TIMED_SIZES = (1, 5, 10, 20, 30, 40, 50)


def long_words(rng: random.Random) -> str:
    words: list[str] = []
    while len(" ".join(words)) < MAX_NOTES_CHARS:
        words += rng.choice(NOTES).split()
    return " ".join(words)[:MAX_NOTES_CHARS].strip()


def random_chars(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(MAX_NOTES_CHARS))


SCENARIOS = {
    "no notes": (0, None),
    "short note every 4th line": (4, None),
    "140-char note, every line (words)": (1, long_words),
    "140 random chars, every line": (1, random_chars),
}


def grow(name: str, menu_key: str = "uuid") -> list[int]:
    """Token length after each added line; stops at the first refused add."""
    notes_every, make_note = SCENARIOS[name]
    menu = menus()[menu_key]
    ops = line_ops(menu, MAX_LINES, seed=hash_seed(menu_key, 99), notes_every=notes_every)
    rng = random.Random(7)
    codec = bench_codec()
    result = build(menu, [], codec)
    sizes = []
    for op in ops:
        if make_note:
            op = turn.AddItem(op.item, op.quantity, op.modifiers, make_note(rng))
        try:
            result = turn.run_turn(result.token, op, menu, codec, T0)
        except CartTooLarge:
            break
        sizes.append(len(result.token))
    return sizes


def time_per_turn(config: Config) -> list[tuple[int, Timing]]:
    codec = bench_codec()
    repeat, number = (3, 10) if config.quick else (41, 40)
    out = []
    for lines in QUICK_SIZES if config.quick else TIMED_SIZES:
        cart = make_cart("uuid", lines, codec)
        op = cart.add_again()
        fn = lambda: turn.run_turn(cart.token, op, cart.menu, codec, T0 + 5)  # noqa: B023, E731
        out.append((lines, measure_us(fn, repeat=repeat, number=number)))
    return out


def plot(curves: dict[str, list[int]], timing: list[tuple[int, Timing]], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for name, sizes in curves.items():
        left.plot(range(1, len(sizes) + 1), sizes, label=name)
    left.axhline(MAX_TOKEN_CHARS, color="grey", linewidth=0.8, linestyle="--")
    left.annotate(f"{MAX_TOKEN_CHARS}-char cap", (1, MAX_TOKEN_CHARS), textcoords="offset points", xytext=(2, 4))
    left.set_xlabel("cart lines (UUID menu)")
    left.set_ylabel("token characters")
    left.legend(fontsize=8)
    left.grid(True, alpha=0.3)
    right.plot([n for n, _ in timing], [t.wall_us for _, t in timing], marker="o", label="wall clock")
    right.plot([n for n, _ in timing], [t.cpu_us for _, t in timing], marker="o", label="CPU")
    right.set_xlabel("cart lines (UUID menu)")
    right.set_ylabel("median µs per add-item turn")
    right.legend(fontsize=8)
    right.set_ylim(bottom=0)
    right.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def summary(curves: dict[str, list[int]]) -> list[list[object]]:
    rows: list[list[object]] = []
    for name, sizes in curves.items():
        capped = len(sizes) < MAX_LINES
        per_line = (sizes[-1] - sizes[0]) / (len(sizes) - 1) if len(sizes) > 1 else 0.0
        where = f"refused at line {len(sizes) + 1}" if capped else f"not reached ({MAX_LINES}-line cap first)"
        rows.append([name, sizes[0], len(sizes), sizes[-1], round(per_line, 1), where])
    return rows


def run(config: Config) -> dict[str, Any]:
    curves = {name: grow(name) for name in SCENARIOS}
    timing = time_per_turn(config)
    sections = [
        "Token characters as a UUID-menu cart grows one add-item turn at a time.",
        table(["scenario", "1 line", "max lines", "chars at max", "chars/line", "4096 cap"], summary(curves)),
        "Median µs per add-item turn by cart size (UUID menu, corpus carts; CPU = this thread's CPU time):",
        table(["lines", "wall µs", "CPU µs"], [[n, t.wall_us, t.cpu_us] for n, t in timing]),
        "![growth](growth.png)",
    ]
    plot(curves, timing, str(config.path("growth.png")))
    write_report(config, "growth", "Growth: size and time vs lines", "python -m bench growth", sections)
    return {"curves": curves, "timing": timing}
