"""Spoken-name matching accuracy on the labelled sloppy phrases in tests/matching_cases.json.

    python bench/matching_accuracy.py          # prints the table, writes bench/results/matching_names.md

The whole-order figures (five menus, voice and HTTP, held-out split) are ``python -m bench matching``.

The one reader (:mod:`app.core.reading`) is scored on both menus twice: as the tools that look
an item up read it (:func:`~app.core.reading.lookup.named_item`: the item only) and as an add
reads it (:func:`~app.core.reading.order.read_order`: item + spoken quantity + options named in
the phrase). "item" counts the right item (or the right item_ambiguous / item_not_found answer);
"exact" also needs the quantity and the set of options to be right. The 'tuning' split was used
while improving the old matcher; the 'holdout' split was written afterwards and never tuned on.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.core.menu import Menu, MenuCatalog, load_menu  # noqa: E402
from app.core.reading.item import Reading  # noqa: E402
from app.core.reading.lookup import named_item  # noqa: E402
from app.core.reading.order import read_order  # noqa: E402
from app.errors import CartError, ItemAmbiguous, ItemNotFound  # noqa: E402

CASES = REPO / "tests" / "matching_cases.json"
RESULTS = REPO / "bench" / "results" / "matching_names.md"  # matching.md is `python -m bench matching`
OUTCOME = {ItemAmbiguous: "ambiguous", ItemNotFound: "not_found"}


def load_cases() -> list[dict[str, Any]]:
    return json.loads(CASES.read_text())["cases"]


def load_menus() -> dict[str, Menu]:
    menus = {m.restaurant_id: m for m in MenuCatalog.from_dir(REPO / "app" / "menus").menus.values()}
    taqueria = load_menu(REPO / "tests" / "menus" / "uuid-taqueria.json")
    return {**menus, taqueria.restaurant_id: taqueria}


def read(menu: Menu, phrase: str) -> tuple[str, int, list[str]] | str:
    """What an add reads in a phrase: (item name, quantity, sorted option names) or the question's kind."""
    found = read_order(menu, phrase)[0]
    if not isinstance(found, Reading):
        return OUTCOME.get(type(found), found.code)
    options = [o.name for o in found.options] + ([found.variation.name] if found.variation else [])
    return found.item.name, found.quantity or 1, sorted(options)


def read_item_only(menu: Menu, phrase: str) -> str:
    try:
        return named_item(menu, phrase).item.name
    except CartError as exc:
        return OUTCOME.get(type(exc), exc.code)


def expected(case: dict[str, Any]) -> tuple[str, int, list[str]] | str:
    if case["expect"] != "item":
        return case["expect"]
    return case["item"], case["quantity"], sorted(case["modifiers"])


def evaluate_case(menus: dict[str, Menu], case: dict[str, Any]) -> dict[str, Any]:
    menu = menus[case["menu"]]
    want = expected(case)
    got = read(menu, case["phrase"])
    want_item = want if isinstance(want, str) else want[0]
    got_item = got if isinstance(got, str) else got[0]
    return {
        "exact": got == want,
        "item": got_item == want_item,
        "item_only": read_item_only(menu, case["phrase"]) == want_item,
        "got": got,
        "want": want,
    }


def main() -> None:
    menus = load_menus()
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    misses = []
    for case in load_cases():
        result = evaluate_case(menus, case)
        name = menus[case["menu"]].name
        groups[(name, case["split"])].append(result)
        groups[("all", case["split"])].append(result)
        if not result["exact"]:
            misses.append(f"| {name} | {case['split']} | {case['phrase']} | {result['want']} | {result['got']} |")

    def pct(rows: list[dict[str, Any]], key: str) -> str:
        hits = sum(r[key] for r in rows)
        return f"{hits}/{len(rows)} ({100 * hits / len(rows):.1f}%)"

    lines = [
        "| menu | split | phrases | named_item: item | read_order: item | read_order: exact |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for (name, split), rows in sorted(groups.items(), key=lambda kv: (kv[0][0] == "all", kv[0])):
        scores = " | ".join(pct(rows, key) for key in ("item_only", "item", "exact"))
        lines.append(f"| {name} | {split} | {len(rows)} | {scores} |")
    lines += [
        "",
        "Misses (read_order, exact):",
        "",
        "| menu | split | phrase | expected | got |",
        "|---|---|---|---|---|",
    ]
    lines += misses or ["| (none) | | | | |"]
    table = "\n".join(lines)
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        "# Spoken-name matching accuracy\n\n`python bench/matching_accuracy.py` on "
        f"{len(load_cases())} labelled phrases (tests/matching_cases.json).\n\n{table}\n"
    )
    print(f"\nsaved {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
