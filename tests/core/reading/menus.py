"""Small menus built in the tests, each with the one shape a reading test needs, and the readings of
them the tests compare (names only, sorted)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from app.core.cart.choices import Pick
from app.core.menu import Menu, parse_menu
from app.core.reading.lines import said_lines
from app.errors import CartError
from bench import matching


def pick_names(picks: tuple[Pick, ...]) -> list[str]:
    """Each pick as "Option" or "Option > Nested", sorted."""
    out = []
    for p in picks:
        out.append(p.option.name)
        out += [f"{p.option.name} > {n}" for n in pick_names(p.picks)]
    return sorted(out)


def option(name: str, **more: Any) -> dict[str, Any]:
    return {"id": name.lower().replace(" ", "-").replace("%", "pct"), "name": name, "price_cents": 0, **more}


def group(name: str, options: list[dict[str, Any]], least: int = 0, most: int = 1) -> dict[str, Any]:
    return {"id": name.lower().replace(" ", "-"), "name": name, "min": least, "max": most, "options": options}


def item(name: str, *groups: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "id": name.lower().replace(" ", "-"),
        "name": name,
        "category": more.pop("category", "food"),
        "price_cents": more.pop("price_cents", 500),
        "available": True,
        "modifier_groups": list(groups),
        **more,
    }


def menu(*items: dict[str, Any]) -> Menu:
    return parse_menu({"restaurant_id": "test-menu", "name": "Test", "currency": "USD", "tax_rate": "0",
                       "items": list(items)})  # fmt: skip


def named_lines(m: Menu, text: str, modifiers: tuple[str, ...] = ()) -> list[tuple[str, list[str], str | None]]:
    """What ``text`` adds on ``m``: (item, sorted choice and size names, notes joined or None) per line."""
    out = []
    for line in said_lines(m, text, modifiers):
        names = sorted(p.option.name for p in line.picks) + ([line.variation.name] if line.variation else [])
        out.append((line.item.name, sorted(names), "; ".join(line.notes) or None))
    return out


def noted_lines(m: Menu, text: str, modifiers: tuple[str, ...] = ()) -> list[tuple[str, int, list[str], str]]:
    """What ``text`` (and ``modifiers``) add on ``m``, in order: (item, count, sorted choice and size names,
    notes) per line."""
    return [
        (
            x.item.name,
            x.quantity or 1,
            sorted(pick_names(x.picks) + ([x.variation.name] if x.variation else [])),
            "; ".join(x.notes),
        )
        for x in said_lines(m, text, modifiers)
    ]


def asked(m: Menu, text: str, modifiers: tuple[str, ...] = ()) -> bool:
    """Does ``text`` (and ``modifiers``) on ``m`` get a question instead of lines?"""
    try:
        noted_lines(m, text, modifiers)
    except CartError:
        return True
    return False


def counted_lines(m: Menu, text: str) -> list[tuple[str, int, list[str]]]:
    """What ``text`` adds on ``m``, sorted: (item, count, sorted choice and size names) per line."""
    return sorted(
        (
            x.item.name,
            x.quantity or 1,
            sorted([p.option.name for p in x.picks] + ([x.variation.name] if x.variation else [])),
        )
        for x in said_lines(m, text)
    )


def corpus_lines(menu_id: str, text: str) -> list[tuple[str, int, tuple[str, ...]]] | list[str]:
    """``add_to_order`` of ``text`` on a corpus menu: the sorted lines (item, count, choices), or ["ask"]."""
    menus = matching.all_menus()
    m = menus[menu_id] if menu_id in menus else matching.new_menu(menu_id)
    answer = matching.read_voice(m, {"said": text, "lines": [], "ask": []})
    return sorted((n, q, tuple(o)) for n, q, o, _ in answer.lines) if not answer.asks else ["ask"]


@cache
def _split_cases(split: str) -> dict[str, dict[str, Any]]:
    return {json.dumps(c["said"]): c for c in matching.load_new_cases(split)}


def corpus_outcome(split: str, said: object) -> str:
    """How the voice tool reads the corpus case of ``split`` said so: one of :data:`bench.matching.OUTCOMES`."""
    case = _split_cases(split)[json.dumps(said)]
    return matching.judge(case, matching.read_voice(matching.new_menu(case["menu"]), case))


def tool_answer(m: Menu, entry: dict[str, object]) -> dict[str, Any]:
    """What the voice tool ``add_to_order`` answers for ``entry`` (one of its ``items``) on an empty cart."""
    from app.core import cart
    from app.voice.cart_tools import add_to_order
    from app.voice.toolkit import ToolContext

    state = cart.new_cart(b"answered", m.restaurant_id, matching.NOW)
    _, output = add_to_order.handler(state, {"items": [entry]}, ToolContext(m, matching.NOW))
    return output
