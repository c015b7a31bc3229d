"""How close a spoken name is to a menu name: the scores and every threshold the reader uses.

rapidfuzz scores 0–100. A name at least :data:`ACCEPT_SCORE` close is an answer, a runner-up
within :data:`AMBIGUOUS_GAP` of the winner makes it a question, :data:`SUGGEST_SCORE` is close
enough to offer ("did you mean …"). A misheard item name left over once options and notes are
read must be :data:`FUZZY_ACCEPT` close (whole-string, :func:`strict_score`); a menu search lists
items :data:`SEARCH_SCORE` close.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from app.core.menu import Item, Menu, Option, Variation
from app.core.reading.memo import per_object
from app.core.reading.spoken import normalize

ACCEPT_SCORE = 82.0  # below this a fuzzy match is a suggestion, not an answer
AMBIGUOUS_GAP = 4.0  # a runner-up this close to the winner makes the choice ambiguous
SUGGEST_SCORE = 55.0  # close enough to offer as "did you mean"
FUZZY_ACCEPT = 88.0  # a misheard name ("cheesburger") must be this close once options and notes are out
SEARCH_SCORE = 60.0  # find_menu_items lists items at least this close to the words searched


def strict_score(query: str, name: str) -> float:
    """Whole-string closeness: no credit for a name hidden inside longer words (nothing may vanish)."""
    return max(fuzz.ratio(query.replace(" ", ""), name.replace(" ", "")), fuzz.token_sort_ratio(query, name))


def name_score(query: str, choice: str, *, per_extra_word: float = 0.05, **_: object) -> float:
    # "cheese burger" vs "cheeseburger": compare with spaces removed as well as word by word.
    # A query holding the whole name plus more ("kids meal with fries" vs "fries") scores less for
    # every word the name does not explain, so extra words never make a subset look like a match.
    squashed = fuzz.ratio(query.replace(" ", ""), choice.replace(" ", ""))
    extra = len(set(query.split()) - set(choice.split()))
    subset = (0.95 - per_extra_word * extra) * fuzz.token_set_ratio(query, choice)
    return max(squashed, fuzz.token_sort_ratio(query, choice), subset)


def option_score(query: str, choice: str, **_: object) -> float:
    # stricter: "no onions and anchovies" must not pass for "no onions" (anchovies would be lost)
    return name_score(query, choice, per_extra_word=0.08)


@dataclass(frozen=True)
class Match:
    target: Item | Option | Variation
    score: float


@per_object
def _item_choices(menu: Menu) -> tuple[list[str], list[Item]]:
    names: list[str] = []
    owners: list[Item] = []
    for item in menu.items:
        for name in (item.name, *item.aliases):
            names.append(normalize(name))
            owners.append(item)
    return names, owners


def best_per_owner(
    query: str, names: list[str], owners: Sequence[Any], limit: int = 5, scorer: Callable[..., float] = name_score
) -> list[Match]:
    """Best score per owner, best first."""
    best: dict[int, Match] = {}
    for _, score, index in process.extract(query, names, scorer=scorer, processor=None, limit=None):
        owner = owners[index]
        if id(owner) not in best or score > best[id(owner)].score:
            best[id(owner)] = Match(owner, score)
    return sorted(best.values(), key=lambda m: -m.score)[:limit]


def rank_items(menu: Menu, text: str, limit: int = 5) -> list[Match]:
    query = normalize(text)
    if not query:
        return []
    names, owners = _item_choices(menu)
    return best_per_owner(query, names, owners, limit)
