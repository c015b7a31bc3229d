"""A level said with the thing it measures: "medium sugar" of a Sweetness group (Sada "no sugar", Wasat "medium",
Helwe "sugar").

Where a one-choice group's options are levels of one thing, the menu says that thing in several of their names
and one of them says none of it ("no sugar", "a little sugar", "sugar"): it is the group's measured word. Said
right after another option of the group ("medium sugar", where "medium" is Wasat), it only says what that level
is of — the level is the choice, never a second one (two choices of one group would be asked). A word no option
says none of is a level itself ("medium hot" beside Medium and Hot, Extra Hot "x hot": between two, asked; issue
#23, blind13 manakish-bakery, blind8 seafood-boil).
"""

from __future__ import annotations

from app.core.menu import Item
from app.core.reading.memo import per_object
from app.core.reading.spoken import NEGATIONS
from app.core.reading.vocabulary import Words, choice_groups, option_phrases, words_of


@per_object
def _measured(item: Item) -> dict[str, frozenset[str]]:
    """The measured words of ``item``'s one-choice groups: word → the ids of the groups it measures."""
    out: dict[str, set[str]] = {}
    for group in choice_groups(item):
        if group.max != 1:
            continue
        ends: dict[str, set[str]] = {}
        none_of: set[str] = set()  # "no sugar": what an option says none of
        for option in group.options:
            for name in (words_of(n) for n in (option.name, *option.aliases)):
                if name:
                    ends.setdefault(name[-1], set()).add(option.id)
                    if len(name) == 2 and name[0] in NEGATIONS:
                        none_of.add(name[-1])
        for word, ids in ends.items():
            if len(ids) >= 2 and word in none_of:
                out.setdefault(word, set()).add(group.id)
    return {w: frozenset(g) for w, g in out.items()}


def level_of_its_thing(item: Item, words: Words) -> Words:
    """``words`` less each measured word said right after another option of its group, where the two together
    name no option ("medium sugar" → "medium"; "no sugar", an alias, stays)."""
    measured = _measured(item)
    if not measured or not any(w in measured for w in words):
        return words
    phrases = option_phrases(item)
    out = list(words)
    for at in range(len(words) - 1, 0, -1):
        groups = measured.get(words[at])
        if groups is None:
            continue
        before = [(p, o) for p, o in phrases if o.group_id in groups and at >= len(p) and words[at - len(p) : at] == p]
        if not before:
            continue
        phrase, level = max(before, key=lambda b: len(b[0]))
        with_it = (*phrase, words[at])
        if any(p == with_it for p, _ in phrases) or words[at] in phrase:
            continue
        if not any(p == (words[at],) and o is not level for p, o in phrases):
            continue  # the word alone names no other option: nothing to read twice
        del out[at]
    return tuple(out)
