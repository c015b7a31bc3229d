"""Spoken names → menu items and options.

Speech-to-text says "cheese burger", "quesadila", "two large fries", "coca cola". We normalise
(case, accents, punctuation, plurals, spacing) and score with rapidfuzz against every name and
alias. A clear winner resolves; two close items answer ``item_ambiguous`` with the candidates
rather than guessing; nothing close answers ``item_not_found`` with suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from app.core.menu import Item, Menu, Option, Variation
from app.core.reading.spoken import canonical_words, negated, pre
from app.errors import ItemAmbiguous, ItemNotFound, ModifierInvalid

ACCEPT_SCORE = 82.0  # below this a fuzzy match is a suggestion, not an answer
AMBIGUOUS_GAP = 4.0  # a runner-up this close to the winner makes the choice ambiguous
SUGGEST_SCORE = 55.0

_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_KEEP_S = {
    "fries": "fry",
    "chips": "chip",
    "nachos": "nacho",
    "tacos": "taco",
    "churros": "churro",
    "cookies": "cookie",
    "brownies": "brownie",
}


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


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Lowercase, strip accents and punctuation, singularise, canonical numbers/units/dates.

    "Jalapeños!" → "jalapeno"; "two 12oz Lemonades" → "2 12 oz lemonade"; 'a 6" cake' → "a 6 inch cake";
    "February 14th" → "feb 14" (see :mod:`app.core.reading.spoken`).
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = _NON_WORD.sub(" ", pre(text).replace("&", " and ").replace("'", ""))
    return " ".join(canonical_words([_singular(w) for w in text.split()]))


def _score(query: str, choice: str, *, per_extra_word: float = 0.05, **_: object) -> float:
    # "cheese burger" vs "cheeseburger": compare with spaces removed as well as word by word.
    # A query holding the whole name plus more ("kids meal with fries" vs "fries") scores less for
    # every word the name does not explain, so extra words never make a subset look like a match.
    squashed = fuzz.ratio(query.replace(" ", ""), choice.replace(" ", ""))
    extra = len(set(query.split()) - set(choice.split()))
    subset = (0.95 - per_extra_word * extra) * fuzz.token_set_ratio(query, choice)
    return max(squashed, fuzz.token_sort_ratio(query, choice), subset)


def _option_score(query: str, choice: str, **_: object) -> float:
    # stricter: "no onions and anchovies" must not pass for "no onions" (anchovies would be lost)
    return _score(query, choice, per_extra_word=0.08)


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


def _ranked(query: str, names: list[str], owners: list, limit: int = 5, scorer: Callable = _score) -> list[Match]:
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


@lru_cache(maxsize=512)  # items are identity-hashed: a reloaded menu brings new items
def _option_choices(item: Item) -> tuple[list[str], list[Option]]:
    """Every option name and alias of ``item``, normalised, with the option it names (menu order)."""
    pairs = [(normalize(n), o) for o in item.options for n in (o.name, *o.aliases)]
    return [name for name, _ in pairs], [option for _, option in pairs]


def _negation_differs(query: str, option: Option, names: list[str]) -> bool:
    """``query`` says "not …" ("not skim", "untoasted", "no sauce") and ``option``'s name does not, or the
    reverse: a close spelling is then no match."""
    known = {w for n in names for w in n.split()}
    said = negated(query.split(), known)
    return said != negated(normalize(option.name).split()[:1], known) and query not in names


def resolve_option(item: Item, text: str) -> Option:
    """One of ``item``'s options by id, name or alias (fuzzy); else ``modifier_invalid``."""
    for option in item.options:
        if option.id == text:
            return option
    query = normalize(text) if isinstance(text, str) else ""
    names, owners = _option_choices(item)
    ranked = _ranked(query, names, owners, scorer=_option_score) if query and names else []
    if ranked and _negation_differs(query, ranked[0].target, names):  # "not skim" is never Skim
        ranked = []
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


# --- whole spoken phrases: "two large fries", "kids meal with fries", "a large sprite" ---------------

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
}  # fmt: skip
FILLER = {"with", "and", "on", "in", "of", "a", "an", "the", "please", "some", "plus", "also", "make", "it"}
UNIT_WORDS = {"piece", "pc", "ounce", "oz"}
OPTION_ONLY_SCORE = 90.0  # "a root beer": every word is an option of exactly this item


@dataclass(frozen=True)
class Phrase:
    """What a spoken phrase asks for: the item, the options it names, and a quantity if said."""

    item: Item
    options: tuple[Option, ...] = ()
    quantity: int | None = None


def split_quantity(text: str) -> tuple[int | None, str]:
    """``"two large fries"`` → ``(2, "large fry")`` (normalised); no leading count → ``None``."""
    words = normalize(text).split()
    if not words:  # only punctuation or symbols (":", "?!"): nothing to read
        return None, ""
    counted = words[0] in NUMBER_WORDS or (words[0].isdigit() and len(words[0]) <= 3)
    if len(words) > 1 and counted and words[1] not in UNIT_WORDS:  # "five piece tenders" is a size
        count = NUMBER_WORDS.get(words[0]) or int(words[0])
        return count, " ".join(words[1:])
    return None, " ".join(words)


def _core(text: str) -> str:
    return " ".join(w for w in text.split() if w not in FILLER)


@lru_cache(maxsize=512)
def _option_phrases(item: Item) -> list[tuple[str, Option]]:
    """Every option name and alias of ``item``, normalised, longest first (so "no bun" beats "bun")."""
    pairs = [(normalize(n), o) for o in item.options for n in (o.name, *o.aliases)]
    return sorted((p for p in pairs if p[0]), key=lambda p: -len(p[0]))


def strip_options(item: Item, text: str) -> tuple[tuple[Option, ...], str]:
    """Take ``item``'s option names out of normalised ``text`` (whole words); return them and the rest."""
    padded = f" {text} "
    found: list[tuple[int, Option]] = []
    for phrase, option in _option_phrases(item):
        at = padded.find(f" {phrase} ")
        if at >= 0 and all(option is not o for _, o in found):
            # blank it out in place (keeping positions) so options come back in the order said
            padded = padded[: at + 1] + " " * len(phrase) + padded[at + 1 + len(phrase) :]
            found.append((at, option))
    return tuple(o for _, o in sorted(found, key=lambda f: f[0])), " ".join(padded.split())


@lru_cache(maxsize=512)
def _names(item: Item) -> list[str]:
    return [_core(normalize(n)) for n in (item.name, *item.aliases)]


def _explained(item: Item, text: str) -> tuple[int, tuple[Option, ...]] | None:
    """``text`` = one of the item's names said exactly + only its options and filler words.

    Returns the length (in words) of the name said, so "bacon burger well done" prefers Bacon
    Burger (2 words) to Classic Burger ("burger" + the option "bacon"); ``None`` if not so.
    """
    best: tuple[int, tuple[Option, ...]] | None = None
    for name in (normalize(n) for n in (item.name, *item.aliases)):
        padded = f" {text} "
        if not name or f" {name} " not in padded:
            continue
        options, rest = strip_options(item, padded.replace(f" {name} ", " ", 1).strip())
        if not _core(rest) and (best is None or len(name.split()) > best[0]):
            best = (len(name.split()), options)
    return best


def _phrase_score(item: Item, text: str) -> tuple[float, tuple[Option, ...]]:
    """How well ``text`` reads as ``item`` (+ some of its options); the options it names."""
    whole = max(_score(_core(text), name) for name in _names(item))
    options, rest = strip_options(item, text)
    if not options:
        return whole, ()
    rest = _core(rest)
    stripped = max(_score(rest, name) for name in _names(item)) if rest else OPTION_ONLY_SCORE
    return (stripped, options) if stripped >= whole else (whole, ())


def parse_phrase(menu: Menu, text: str) -> Phrase:
    """Read a spoken order phrase; ``item_ambiguous`` / ``item_not_found`` exactly like :func:`resolve_item`."""
    if not isinstance(text, str) or not text.strip():
        raise ItemNotFound("say which item", query=text, suggestions=[])
    exact = menu.item(text)
    if exact is not None:
        return Phrase(exact)
    quantity, rest = split_quantity(text)
    if not rest:
        raise ItemNotFound("say which item", query=text, suggestions=[])
    named = [i for i in menu.items if _core(rest) in _names(i)]
    if len(named) == 1:  # a name or alias said exactly
        return Phrase(named[0], (), quantity)
    explained = [(e[0], e[1], i) for i in menu.items if (e := _explained(i, rest)) is not None]
    if explained:
        longest = max(e[0] for e in explained)
        winners = [e for e in explained if e[0] == longest]
        if len(winners) == 1:
            return Phrase(winners[0][2], winners[0][1], quantity)
    scored = sorted(((*_phrase_score(i, rest), i) for i in menu.items), key=lambda s: -s[0])
    best_score, options, best = scored[0]
    close = [s for s in scored if s[0] >= best_score - AMBIGUOUS_GAP]
    if best_score >= ACCEPT_SCORE and len(close) == 1:
        return Phrase(best, options, quantity)
    if best_score >= ACCEPT_SCORE:
        raise ItemAmbiguous(
            f"{text!r} could be " + " or ".join(s[2].name for s in close[:5]),
            query=text,
            candidates=[_candidate(s[2]) for s in close[:5]],
        )
    suggestions = [_candidate(s[2]) for s in scored if s[0] >= SUGGEST_SCORE][:3]
    raise ItemNotFound(f"nothing on the menu matches {text!r}", query=text, suggestions=suggestions)


def find_options(item: Item, text: str) -> tuple[Option, ...]:
    """Several options said in one breath ("no onions and extra cheese"); every word must be explained."""
    try:
        return (resolve_option(item, text),)
    except ModifierInvalid:
        options, rest = strip_options(item, normalize(text))
        if options and not _core(rest):
            return options
        raise


# --- variations (sizes): hooks the choice resolver (app/core/reading/modifiers.py) calls ---------------------------


@lru_cache(maxsize=512)  # items are identity-hashed: a reloaded menu brings new items
def variation_names(item: Item) -> list[tuple[str, Variation]]:
    """Every variation name and alias of ``item``, normalised, longest first ("8 oz" before "8")."""
    pairs = [(normalize(n), v) for v in item.variations for n in (v.name, *v.aliases)]
    return sorted((p for p in pairs if p[0]), key=lambda p: -len(p[0]))


def exact_variation(item: Item, text: str) -> Variation | None:
    """The variation ``text`` names exactly (id, or name/alias once normalised); None otherwise."""
    for variation in item.variations:
        if variation.id == text:
            return variation
    query = normalize(text) if isinstance(text, str) else ""
    return next((v for name, v in variation_names(item) if name == query), None)


def resolve_variation(item: Item, text: str) -> Variation:
    """One of ``item``'s variations by id, name or alias (a clear fuzzy winner too); else ``modifier_invalid``."""
    exact = exact_variation(item, text)
    if exact is not None:
        return exact
    pairs = variation_names(item)
    query = normalize(text) if isinstance(text, str) else ""
    ranked = _ranked(query, [n for n, _ in pairs], [v for _, v in pairs], scorer=_option_score) if query else []
    if ranked and ranked[0].score >= ACCEPT_SCORE and (len(ranked) == 1 or ranked[1].score < ranked[0].score - 2):
        return ranked[0].target  # type: ignore[return-value]
    offer = [{"id": v.id, "name": v.name, "price_cents": v.price_cents} for v in item.variations if v.available]
    raise ModifierInvalid(
        f"{text!r} is not a size of {item.name}", item_id=item.id, modifier=text, options=offer, variations=offer
    )
