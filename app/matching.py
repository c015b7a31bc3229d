"""Spoken names → menu items and options.

Speech-to-text says "cheese burger", "quesadila", "two large fries", "coca cola". We normalise
(case, accents, punctuation, plurals, spacing) and score with rapidfuzz against every name and
alias. A clear winner resolves; two close items answer ``item_ambiguous`` with the candidates
rather than guessing; nothing close answers ``item_not_found`` with suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from app.errors import ItemAmbiguous, ItemNotFound, ModifierInvalid
from app.menu import Item, Menu, Option

ACCEPT_SCORE = 82.0  # below this a fuzzy match is a suggestion, not an answer
AMBIGUOUS_GAP = 4.0  # a runner-up this close to the winner makes the choice ambiguous
SUGGEST_SCORE = 55.0

_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_KEEP_S = {"fries": "fry", "chips": "chip", "nachos": "nacho", "tacos": "taco", "churros": "churro"}


def _singular(word: str) -> str:
    if word in _KEEP_S:
        return _KEEP_S[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalize(text: str) -> str:
    """Lowercase, strip accents and punctuation, singularise: "Jalapeños!" → "jalapeno"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = _NON_WORD.sub(" ", text.replace("&", " and ").replace("'", ""))
    return " ".join(_singular(w) for w in text.split())


def _score(query: str, choice: str, **_: object) -> float:
    # "cheese burger" vs "cheeseburger": compare with spaces removed as well as word by word
    squashed = fuzz.ratio(query.replace(" ", ""), choice.replace(" ", ""))
    return max(squashed, fuzz.token_sort_ratio(query, choice), 0.95 * fuzz.token_set_ratio(query, choice))


@dataclass(frozen=True)
class Match:
    target: Item | Option
    score: float


@lru_cache(maxsize=256)
def _item_choices(menu: Menu) -> tuple[list[str], list[Item]]:
    names: list[str] = []
    owners: list[Item] = []
    for item in menu.items:
        for name in (item.name, *item.aliases):
            names.append(normalize(name))
            owners.append(item)
    return names, owners


def _ranked(query: str, names: list[str], owners: list, limit: int = 5) -> list[Match]:
    """Best score per owner, best first."""
    best: dict[int, Match] = {}
    for _, score, index in process.extract(query, names, scorer=_score, processor=None, limit=None):
        owner = owners[index]
        if id(owner) not in best or score > best[id(owner)].score:
            best[id(owner)] = Match(owner, score)
    return sorted(best.values(), key=lambda m: -m.score)[:limit]


def rank_items(menu: Menu, text: str, limit: int = 5) -> list[Match]:
    query = normalize(text)
    if not query:
        return []
    names, owners = _item_choices(menu)
    return _ranked(query, names, owners, limit)


def _candidate(item: Item) -> dict[str, object]:
    return {"id": item.id, "name": item.name, "price_cents": item.price_cents, "available": item.available}


def resolve_item(menu: Menu, text: str) -> Item:
    """An item by id, exact name/alias, or a clear fuzzy winner; else a precise 422."""
    if not isinstance(text, str) or not text.strip():
        raise ItemNotFound("say which item", query=text, suggestions=[])
    exact = menu.item(text)
    if exact is not None:
        return exact
    ranked = rank_items(menu, text)
    if ranked and ranked[0].score == 100 and (len(ranked) == 1 or ranked[1].score < 100):
        return ranked[0].target  # type: ignore[return-value]
    if ranked and ranked[0].score >= ACCEPT_SCORE:
        close = [m for m in ranked if m.score >= ranked[0].score - AMBIGUOUS_GAP]
        if len(close) == 1:
            return ranked[0].target  # type: ignore[return-value]
        raise ItemAmbiguous(
            f"{text!r} could be " + " or ".join(m.target.name for m in close),
            query=text,
            candidates=[_candidate(m.target) for m in close],  # type: ignore[arg-type]
        )
    suggestions = [_candidate(m.target) for m in ranked if m.score >= SUGGEST_SCORE][:3]  # type: ignore[arg-type]
    raise ItemNotFound(f"nothing on the menu matches {text!r}", query=text, suggestions=suggestions)


def resolve_option(item: Item, text: str) -> Option:
    """One of ``item``'s options by id, name or alias (fuzzy); else ``modifier_invalid``."""
    for option in item.options:
        if option.id == text:
            return option
    query = normalize(text) if isinstance(text, str) else ""
    names = [normalize(n) for o in item.options for n in (o.name, *o.aliases)]
    owners = [o for o in item.options for _ in (o.name, *o.aliases)]
    ranked = _ranked(query, names, owners) if query and names else []
    if (
        ranked
        and ranked[0].score >= ACCEPT_SCORE
        and (len(ranked) == 1 or ranked[1].score < ranked[0].score - AMBIGUOUS_GAP / 2 or ranked[0].score == 100)
    ):
        return ranked[0].target  # type: ignore[return-value]
    raise ModifierInvalid(
        f"{text!r} is not a choice for {item.name}",
        item_id=item.id,
        modifier=text,
        options=[{"id": o.id, "name": o.name, "group": o.group_id, "price_cents": o.price_cents} for o in item.options],
    )
