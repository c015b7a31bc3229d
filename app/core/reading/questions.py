"""The questions a spoken order asks when a part of it is not clear.

``modifier_invalid`` (the words came from the model's ``modifiers`` list) or ``words_not_understood``
(they came from the phrase) name the words, and — when those words are a choice on other items
("large" for a cappuccino that has only Small and Medium) — the one group they belong to with its
choices, never every option of the item.
"""

from __future__ import annotations

from typing import Any, NoReturn

from app.core.cart.choices import chosen_too_often, offer
from app.core.menu import Item, Menu, ModifierGroup, Option
from app.core.reading.spoken import FILLER, LEVEL_NOUNS, UNIT_WORDS
from app.core.reading.vocabulary import OPTION_LEADS, Words, choice_groups, find_phrase, option_phrases, words_of
from app.errors import ModifierInvalid, WordsNotUnderstood


def ask_about_words(menu: Menu, fit: Any, said: str, modifiers: Words = ()) -> NoReturn:
    """Ask about the words nothing explained: ``modifier_invalid`` when they came from the ``modifiers``
    list (not a choice of this item), else ``words_not_understood``; both name the one group they
    belong to (with its choices) when there is one."""
    words = " ".join(fit.unknown)
    error = ModifierInvalid if modifiers and set(fit.unknown) <= set(modifiers) else WordsNotUnderstood
    again = _said_again(fit)
    if again is not None:  # the id form's answer (app.core.cart.choices), never "another Extras"
        raise error(
            chosen_too_often(again),
            item=fit.item.name,
            item_id=fit.item.id,
            words=words,
            modifier=again.id,
            max_quantity=again.max_quantity,
        )
    group = group_for(menu, fit.item, fit.unknown, (*words_of(said), *modifiers))
    if group is not None:
        choices = [o for o in group.options if o.available]
        offered = any(words_of(o.name) == tuple(fit.unknown) for o in choices)  # "large small fries": both said
        said = f"{words} and another {group.name} were both said" if offered else f"{fit.item.name} has no {words}"
        raise error(
            f"{said}; the {group.name} choices are " + ", ".join(o.name for o in choices),
            item=fit.item.name,
            item_id=fit.item.id,
            words=words,
            group=group.id,
            group_name=group.name,
            options=offer(choices),
        )
    elsewhere = _choice_of_others(menu, fit.item, tuple(fit.unknown))
    if elsewhere is not None:  # "a large coke" of a bottled Coke with no sizes: say so, and where a Large is
        group_name, others = elsewhere
        raise error(
            f"The {fit.item.name} has no {group_name} choice, so no {words!r}; {words!r} is a {group_name} of "
            + " or ".join(f"the {o.name}" for o in others),
            item=fit.item.name,
            item_id=fit.item.id,
            words=words,  # no group of its own to name: the words are asked about
            alternatives=[candidate(o) for o in others],
        )
    raise error(
        f"I didn't understand {words!r} for the {fit.item.name}", item=fit.item.name, item_id=fit.item.id, words=words
    )


_NAMED = 3  # the other items named where a choice is: a few, never the menu


def _choice_of_others(menu: Menu, item: Item, unknown: Words) -> tuple[str, list[Item]] | None:
    """The group name and the first few available other items (of ``item``'s category where some are) whose
    choice ``unknown`` names exactly, in a group ``item`` has none of: "large" of the Fountain Soda's Size said
    of a Mexican Coke that comes one way (demo menu, issue #23); None otherwise."""
    own = {g.name.lower() for g in choice_groups(item)}
    found: dict[str, list[Item]] = {}
    for other in menu.items:
        if other is item or not other.available:
            continue
        for group in choice_groups(other):
            if any(p == unknown and o.group_id == group.id for p, o in option_phrases(other)):
                found.setdefault(group.name, []).append(other)
                break
    if len(found) != 1 or next(iter(found)).lower() in own:
        return None
    ((group_name, others),) = found.items()
    alike = [o for o in others if o.category == item.category]  # a drink's size on the drinks, not the fries
    return group_name, (alike or others)[:_NAMED]


def _said_again(fit: Any) -> Option | None:
    """The option ``fit`` already holds that its unknown words name once more, beyond what it may be had
    ("extra cheese, extra cheese" of an Extra Cheese chosen once at most), or None: the repeat is asked as the
    id form answers it, never read once silently (:func:`~.fit._take_options`)."""
    return next(
        (o for p, o in option_phrases(fit.item) if p == tuple(fit.unknown) and fit.options.count(o) >= o.max_quantity),
        None,
    )


def group_for(menu: Menu, item: Item, unknown: Words, heard: Words = ()) -> ModifierGroup | None:
    """The item's group the unknown words belong to on other items ("large" → Size), the one group where
    several options' names hold them ("egg": Fried Egg, Boiled Egg), or — among the words ``heard`` — the group of the
    one option whose name they start ("extra hot sauce": Extra Hot's), if one."""
    names = {g.name.lower(): g for g in choice_groups(item)}
    for other in menu.items:
        for phrase, option in option_phrases(other):
            if phrase == unknown or (len(phrase) == 1 and phrase[0] in unknown):
                group = next((g for g in choice_groups(other) if g.id == option.group_id), None)
                if group is not None and group.name.lower() in names:
                    return names[group.name.lower()]
    named = [g for g in choice_groups(item) if _said_of(g) & set(unknown)]
    if not named and unknown and all(w.isdigit() or w in _AMOUNTS for w in unknown):
        named = [g for g in choice_groups(item) if any(set(words_of(o.name)) & UNIT_WORDS for o in g.options)]
    if not named and unknown:  # "egg" beside a Fried Egg and a Boiled Egg: which of that group's is asked
        words = set(unknown) - FILLER - OPTION_LEADS  # "extra" alone is said of every "Extra …"
        named = [g for g in choice_groups(item) if words and sum(words <= set(words_of(o.name)) for o in g.options) > 1]
    if not named and unknown and heard:  # "extra" of "extra hot sauce" beside a heat level Extra Hot: that level
        named = [g for g in choice_groups(item) if any(_starts(o, unknown, heard) for o in g.options)]
    return named[0] if len(named) == 1 else None  # "medium spicy", "on a cone": that group is asked about


def _starts(option: Option, unknown: Words, heard: Words) -> bool:
    """Does ``unknown`` start ``option``'s name, said whole among the words ``heard`` ("extra" of Extra Hot)?"""
    name = words_of(option.name)
    return len(name) > len(unknown) and name[: len(unknown)] == tuple(unknown) and find_phrase(list(heard), name) >= 0


# amounts said of a unit: "a quarter pound" where the sizes are "1/2 lb" and "1 lb" asks the size
_AMOUNTS = frozenset({"quarter", "half", "third", "three", "1/3", "2/3"})


def _said_of(group: ModifierGroup) -> set[str]:
    """The words a group's name is said with ("Spice Level": spice, spicy, heat, level)."""
    words = set(words_of(group.name)) - FILLER - OPTION_LEADS  # "Extras" is how, not what
    return words | {v for w in words for v in LEVEL_NOUNS.get(w, ())}


def candidate(item: Item) -> dict[str, object]:
    return {"id": item.id, "name": item.name, "price_cents": item.price_cents, "available": item.available}
