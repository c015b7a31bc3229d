"""A choice said by name → the item's option(s) or variation: ids, names, aliases, close spellings.

What the choice rules (:mod:`app.core.reading.modifiers`) call for each spoken modifier, and what a
size change (``UpdateLine.variation``) is read with. Scores and thresholds: :mod:`.fuzzy`.
"""

from __future__ import annotations

from typing import cast

from app.core.cart.choices import offer
from app.core.menu import Item, Option, Variation
from app.core.reading.fuzzy import ACCEPT_SCORE, AMBIGUOUS_GAP, best_per_owner, option_score
from app.core.reading.levels import LESS_LEADS
from app.core.reading.memo import per_object
from app.core.reading.spoken import FILLER, negated, normalize
from app.core.reading.vocabulary import extra_degrees
from app.errors import ModifierInvalid

ChoiceOwner = Item | Option  # whose options are read: an item, or an option with nested groups


def _core(text: str) -> str:
    return " ".join(w for w in text.split() if w not in FILLER)


@per_object
def _option_choices(item: ChoiceOwner) -> tuple[list[str], list[Option]]:
    """Every option name and alias of ``item``, normalised, with the option it names (menu order)."""
    pairs = [(normalize(n), o) for o in item.options for n in (o.name, *o.aliases)]
    return [name for name, _ in pairs], [option for _, option in pairs]


def _negation_differs(query: str, option: Option, names: list[str]) -> bool:
    """``query`` says "not …" ("not skim", "untoasted", "no sauce") and ``option``'s name does not, or the
    reverse: a close spelling is then no match."""
    known = {w for n in names for w in n.split()}
    said = negated(query.split(), known)
    return said != negated(normalize(option.name).split()[:1], known) and query not in names


def _numbers(text: str) -> set[str]:
    return {w for w in text.split() if w.isdigit()}


def _numbers_differ(query: str, choice: Option | Variation) -> bool:
    """A close spelling with another number is another choice ("30 sugar" / "0% Sugar", "12 oz" / "2 oz")."""
    return all(_numbers(query) != _numbers(normalize(n)) for n in (choice.name, *choice.aliases))


_LESS = LESS_LEADS | {"lite", "little"}  # how much less of it: "light sweet"


def _less_lost(owner: ChoiceOwner, query: str, option: Option) -> bool:
    """``query`` says less of a thing ("light sweet", "half sweet" of a choice that must be made) and none of
    ``option``'s names says so (Sweetened, alias "sweet"): a close spelling would drop the amount silently, so
    it is no match (break10). "half" of an add-in is half and half ("half lemonade": the Lemonade)."""
    required = any(g.id == option.group_id and g.min >= 1 for g in owner.modifier_groups)
    said = (_LESS | ({"half"} if required else set())).intersection(query.split())
    return bool(said) and not any(said & set(normalize(n).split()) for n in (option.name, *option.aliases))


def resolve_option(item: ChoiceOwner, text: str) -> Option:
    """One of ``item``'s options by id, name or alias (fuzzy); else ``modifier_invalid``."""
    for option in item.options:
        if option.id == text:
            return option
    query = normalize(text) if isinstance(text, str) else ""
    names, owners = _option_choices(item)
    ranked = best_per_owner(query, names, owners, scorer=option_score) if query and names else []
    best = cast(Option, ranked[0].target) if ranked else None  # the owners ranked are options
    if best is not None and _negation_differs(query, best, names):  # "not skim" is never Skim
        ranked = []
    if ranked and best is not None and _numbers_differ(query, best):  # "30% sugar" is never 0% Sugar
        ranked = []
    if ranked and best is not None and _less_lost(item, query, best):  # "half sweet" is never Sweetened
        ranked = []
    if ranked and best is not None and isinstance(item, Item) and best.id in extra_degrees(item):
        ranked = [] if "extra" not in query.split() else ranked  # "hot" is never Extra Hot (break11 kind D)
    if (
        ranked
        and ranked[0].score >= ACCEPT_SCORE
        and (len(ranked) == 1 or ranked[1].score < ranked[0].score - AMBIGUOUS_GAP / 2 or ranked[0].score == 100)
    ):
        return cast(Option, ranked[0].target)
    raise ModifierInvalid(
        f"{text!r} is not a choice for {item.name}",
        item_id=item.id,
        modifier=text,
        options=[{"id": o.id, "name": o.name, "group": o.group_id, "price_cents": o.price_cents} for o in item.options],
    )


@per_object
def _option_phrases(item: ChoiceOwner) -> list[tuple[str, Option]]:
    """Every option name and alias of ``item``, normalised, longest first (so "no bun" beats "bun")."""
    pairs = [(normalize(n), o) for o in item.options for n in (o.name, *o.aliases)]
    return sorted((p for p in pairs if p[0]), key=lambda p: -len(p[0]))


def strip_options(item: ChoiceOwner, text: str) -> tuple[tuple[Option, ...], str]:
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


def find_options(item: ChoiceOwner, text: str) -> tuple[Option, ...]:
    """Several options said in one breath ("no onions and extra cheese"); every word must be explained."""
    try:
        return (resolve_option(item, text),)
    except ModifierInvalid:
        options, rest = strip_options(item, normalize(text))
        if options and not _core(rest):
            return options
        raise


# --- variations (sizes): hooks the choice resolver (app/core/reading/modifiers.py) calls ---------------------------


@per_object
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
    ranked = best_per_owner(query, [n for n, _ in pairs], [v for _, v in pairs], scorer=option_score) if query else []
    if ranked and _numbers_differ(query, cast(Variation, ranked[0].target)):  # the owners ranked are sizes
        ranked = []
    if ranked and ranked[0].score >= ACCEPT_SCORE and (len(ranked) == 1 or ranked[1].score < ranked[0].score - 2):
        return cast(Variation, ranked[0].target)
    offered = offer(item.variations)
    raise ModifierInvalid(
        f"{text!r} is not a size of {item.name}", item_id=item.id, modifier=text, options=offered, variations=offered
    )
