"""Levels said in words: "half sweet", "light ice", "sugar free", "a little spicy" → the option on the scale.

A group is a scale when its options say how much of one thing: percentages of it ("0% Sugar" … "100%
Sugar"), or a level word before it ("No Ice", "Less Ice", "Regular Ice", "Extra Ice"; "Unsweetened",
"Half Sweet"). Each level is said many ways ("light", "easy", "less", "half" are all *less*); each way is
given to the one option of the group at that level, and never where two options share the level (then
the words stay unexplained and the customer is asked). An option named by the thing alone ("Spicy"
between "Mild" and "Extra Spicy") is *regular*; "a little spicy" is its neighbour below, when there is one
that is not *none*. The things themselves come from the options' and group's names, with their spoken
forms (:data:`app.core.reading.spoken.LEVEL_NOUNS`: sugar is said "sweet").
"""

from __future__ import annotations

from app.core.menu import ModifierGroup, Option
from app.core.reading.memo import per_object
from app.core.reading.spoken import LEVEL_NOUNS, normalize

Words = tuple[str, ...]

NONE, LESS, REGULAR, MORE = "none", "less", "regular", "more"
_LEVEL_OF = {
    "no": NONE, "none": NONE, "zero": NONE, "without": NONE, "not": NONE,
    "less": LESS, "light": LESS, "half": LESS, "little": LESS, "easy": LESS, "lightly": LESS, "low": LESS,
    "regular": REGULAR, "normal": REGULAR, "standard": REGULAR, "full": REGULAR,
    "extra": MORE, "more": MORE, "heavy": MORE, "double": MORE, "very": MORE,
}  # fmt: skip
_SAID = {  # each level's ways of being said before the thing ("free" after it: "sugar free")
    NONE: (("no",), ("zero",), ("without",), ("not",)),
    LESS: (("less",), ("light",), ("half",), ("easy",), ("little",), ("lightly",), ("low",)),
    REGULAR: (("regular",), ("normal",), ("standard",), ("full",)),
    MORE: (("extra",), ("more",), ("heavy",), ("very",)),
}
_PERCENT_SAID: dict[int, tuple[Words, ...]] = {
    0: _SAID[NONE], 25: (("quarter",),), 50: (("half",),), 75: (("3", "quarter"),), 100: _SAID[REGULAR],
}  # fmt: skip
# said before a choice that is on, a level of it the menu does not offer ("light ponzu"): a note said back
LESS_LEADS = frozenset({"light", "less", "easy"})  # "half lemonade" is half and half: the Lemonade
_A_LITTLE = (("little",), ("slightly",), ("not", "too"), ("mildly",), ("bit",))


def _words(text: str) -> Words:
    return tuple(normalize(text).split())


def _things(group: ModifierGroup, names: list[Words]) -> set[str]:
    """What the scale measures: its options' shared last word and the group's name, in every spoken form."""
    last = {n[-1] for n in names if n}
    things = ({next(iter(last))} if len(last) == 1 else set()) | set(_words(group.name))
    for thing in list(things):
        things |= set(LEVEL_NOUNS.get(thing, ()))
    return things


def _level(name: Words, things: set[str]) -> str | int | None:
    """An option name's level: a percentage (int), a level word's class, or None when it is no level."""
    if len(name) >= 2 and name[0].isdigit() and name[1] == "percent":
        return int(name[0])
    if len(name) == 1 and name[0] in things:
        return REGULAR
    if len(name) == 1 and name[0].startswith("un") and name[0][2:] in things:
        return NONE  # "Unsweetened"
    if len(name) == 2 and name[1] in things:
        return _LEVEL_OF.get(name[0])
    return None


def level_phrases(group: ModifierGroup) -> list[tuple[Words, Option]]:
    """The ways to say each option of a scale group by its level (empty for a group that is no scale)."""
    names = [_words(o.name) for o in group.options]
    things = _things(group, names)
    levels = [_level(n, things) for n in names]
    said = _heat_scale(group, names, levels)
    if sum(1 for lv in levels if lv is not None) < 2 and not said:
        return []
    for i, level in enumerate(levels):
        if isinstance(level, int):
            leads = _SAID[MORE] if level > 100 else _PERCENT_SAID.get(level, ())
        else:
            leads = _SAID.get(level, ()) if level else ()
        for thing in things:
            for lead in leads:
                said.setdefault((*lead, thing), set()).add(i)
                if level in (LESS, MORE):  # "light on the cheese", "easy on the ice"
                    said.setdefault((*lead, "on", "the", thing), set()).add(i)
            if level in (NONE, 0):
                said.setdefault((thing, "free"), set()).add(i)
        if level == REGULAR and names[i] and names[i][-1] in things and len(names[i]) == 1 and i > 0:
            below = levels[i - 1]
            if below not in (NONE, 0):
                for lead in _A_LITTLE:
                    said.setdefault((*lead, names[i][0]), set()).add(i - 1)
    return [(phrase, group.options[next(iter(at))]) for phrase, at in said.items() if len(at) == 1]


@per_object
def is_scale(group: ModifierGroup) -> bool:
    """Do the group's options say how much of one thing (:func:`level_phrases` finds levels in it)?"""
    return bool(level_phrases(group))


_HEAT = frozenset({"spice", "spicy", "heat", "hot"})
_MILDLY = (("mild",), ("little", "spicy"), ("not", "too", "spicy"), ("slightly", "spicy"), ("bit", "spicy"))


_NO_HEAT: tuple[Words, ...] = (("not", "spicy"), ("no", "spice"), ("non", "spicy"))


def _none_by_alias(group: ModifierGroup) -> int | None:
    """The one option of a heat scale an alias calls none ("no spice", "not spicy", "level 0"), by place."""
    said = {*_NO_HEAT, *((lead, "0") for lead in ("level", "spice"))}
    found = {i for i, o in enumerate(group.options) if any(_words(a) in said for a in o.aliases)}
    return next(iter(found)) if len(found) == 1 else None


def _number(name: Words) -> int | None:
    """The number an option's name holds ("Level 3", "3 Stars", "0"), else None."""
    digits = [w for w in name if w.isdigit()]
    return int(digits[0]) if len(digits) == 1 else None


def _heat_scale(group: ModifierGroup, names: list[Words], levels: list[str | int | None]) -> dict[Words, set[int]]:
    """A spice scale said by number or by how hot: "spice level 4", "level three", "3 stars" — the option of
    that number, or the Nth in the menu's order when the options are words (counted from 0 when the first
    says none: "Not Spicy"); "mild" / "a little spicy" / "not too spicy" the first above none; "not spicy"
    the none, or the option an alias calls none ("Mild" said "no spice"). Only for a group named for heat
    ("Spice Level", "Heat") of three options or more."""
    if not _HEAT & set(_words(group.name)) or len(names) < 3:
        return {}
    found = [_number(n) for n in names]
    start = 0 if levels[0] in (NONE, 0) else 1
    if all(n is None for n in found):
        found = list(range(start, start + len(names)))
    # where some options hold their number ("Level 1" … "Level 10" after "Sweet" and "Standard"), only those
    # are said by number: never "level 11" counted to the ninth of them by its place (blind8 curry-house)
    numbers = {i: n for i, n in enumerate(found) if n is not None}
    said: dict[Words, set[int]] = {}
    for i, number in numbers.items():
        for lead in (("level",), ("spice", "level"), ("heat", "level"), ("spice",)):
            said.setdefault((*lead, str(number)), set()).add(i)
        said.setdefault((str(number), "star"), set()).add(i)
    lowest = min(numbers, key=lambda i: numbers[i])
    above = [i for i in numbers if numbers[i] > numbers[lowest]]
    unspiced = _none_by_alias(group) if numbers[lowest] != 0 else None
    if unspiced is not None:  # "Mild" said "no spice" / "level 0" by its aliases: "not spicy" too (blind11)
        for phrase in _NO_HEAT:
            said.setdefault(phrase, set()).add(unspiced)
    if numbers[lowest] == 0 and above:
        first = min(above, key=lambda i: numbers[i])
        for phrase in _MILDLY:
            said.setdefault(phrase, set()).add(first)
        for phrase in _NO_HEAT:
            said.setdefault(phrase, set()).add(lowest)
    elif ("mild",) in names and not any(o.default for o in group.options):  # a default heat: "a little" may be it
        for phrase in _MILDLY[1:]:
            said.setdefault(phrase, set()).add(names.index(("mild",)))
    return said
