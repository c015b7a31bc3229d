"""A kitchen note never says something about a choice the menu offers: that is the choice, or a question.

The reader keeps words it cannot place as a note the kitchen gets and the customer hears back
("well done", "cut in half", "gluten free"). But a note that names one of the item's own choices
would give the kitchen two instructions: the menu's option and the note saying otherwise.

* "no X" / "hold the X" / "without X" where X is a pre-chosen (default) option — or the name of a
  group with pre-chosen options ("no dressing"; "no veggies" of Vegetables, as the lexicon says it) —
  takes X off (a removal, never a note); X chosen in the same breath ("bbq, no sauce") stays a note so
  the contradiction is asked about;
* any other note naming an option or a group of the item that has an option on ("less sugar" where
  100 % Sugar is pre-chosen, "extra hot" where the Ice group has Hot) is asked about with that
  group's choices (a level between the ones on the menu); "light salt" beside No Salt / Extra Salt,
  none of them on, stays a note;
* "no X" where X matches nothing on an item that comes with pre-chosen options is asked about too
  ("no fruit" on a beer served with an Orange Slice): the customer may mean one of them.
A note about a chosen option that only says how ("ranch on the side") stays a note.
"""

from __future__ import annotations

from app.core.cart.choices import offer
from app.core.menu import Item, ModifierGroup, Option
from app.core.reading.levels import LESS_LEADS, is_scale
from app.core.reading.spoken import FILLER, LEVEL_NOUNS, NEGATIONS, SIDE_PHRASES, is_message, variants
from app.core.reading.vocabulary import (
    VARIATION_GROUP,
    Words,
    choice_groups,
    group_of,
    option_heads,
    option_phrases,
    words_of,
)
from app.errors import WordsNotUnderstood

# notes about how a chosen option is served: said back with it, never a question about its group
HOW_SERVED = (*SIDE_PHRASES, "on side", "cut in half", "well done", "extra crispy", "crispy", "lightly toasted")
# said last after a choice, a little past it ("medium rare plus"): a note about how, kept with the choice
A_BIT_PAST = frozenset({"plus", "minus"})
_LEVELS = frozenset({"extra", "light", "less", "more", "easy", "lite", "little", "half", "double", "heavy"})
_DEGREE = frozenset({"too", "so", "very"})  # "not too spicy": a degree after a negation
_MIN_STEM = 4  # "whip" answers "whipped", "pickle" "pickles": a shared start this long is the same word


def _same(word: str, other: str) -> bool:
    if word == other:
        return True
    short, long_ = sorted((word, other), key=len)
    return len(short) >= _MIN_STEM and long_.startswith(short)


def _content(words: Words) -> list[str]:
    return [w for w in words if w not in FILLER and w not in NEGATIONS and w != "the"]


def _names(option: Option, item: Item) -> list[Words]:
    own = [words_of(n) for n in (option.name, *option.aliases)]
    return [n for n in own if n and n[0] not in NEGATIONS] + [p for p, o in option_phrases(item) if o is option]


def _matches(content: list[str], names: list[Words]) -> bool:
    return bool(content) and any(all(any(_same(w, n) for n in name) for w in content) for name in names)


def _names_group(content: list[str], group: ModifierGroup) -> bool:
    """Does "no …" name the whole group ("no sauce" of Sauce), every word of its name said? Part of it is
    not the group: "no salt" beside a group "Salt & Vinegar" is the Salt option (generated reads on
    fish-and-chips took the Vinegar off too)."""
    own = words_of(group.name)  # and as the lexicon says it: "no veggies" names a group "Vegetables"
    names = [own, *(tuple(v.split()) for v in variants(" ".join(own)))]
    return any(_matches(content, [name]) and _matches(list(name), [tuple(content)]) for name in names)


def _closest(found: list[Option], content: list[str], item: Item) -> list[Option]:
    """Of several options a "no …" could take off, the one it names exactly (a name or alias: "no pickles" is
    Pickles, not Pickled Turnips — blind5 falafel-house), else those it names word for word ("no peppers":
    Green Peppers, not Pepperoni, which only shares a stem; "no onions": Sweet Onion and Green Onion, every one
    it names). None named so: all of them stay candidates, and more than one is asked about (the caller's
    group question), never all taken off."""
    if len(set(found)) <= 1:
        return found
    # both sides are normalised (singular) words, so a plural already is the word
    exact = [o for o in found if any(tuple(content) == name for name in _names(o, item))]
    if exact:  # "no pickles" beside Pickles and Pickled Turnips (aliased "pink pickles"): the one named exactly
        return exact
    whole = [o for o in found if any(all(w in name for w in content) for name in _names(o, item))]
    if whole:
        return whole
    raise _ask(item, "no " + " ".join(content), group_of(item, found[0]))


def _may_go(item: Item, option: Option) -> bool:
    """May the default ``option`` be taken off (its group may be left with fewer)? A required one-of choice
    (Standard of a Spice Level) is replaced, never taken off: "no onions" on a curry cannot mean it (blind8)."""
    group = group_of(item, option)
    return group is None or sum(o.default for o in group.options) > group.min


def _said_of(content: list[str], group: ModifierGroup | None) -> bool:
    """Does a content word name ``group``, one of its choices, or what its scale measures ("not too sweet" of a
    Sugar level)? Such a "not …" changes its choice: asked."""
    if group is None:
        return True
    words = {w for o in group.options for w in words_of(o.name)} | set(words_of(group.name))
    words |= {n for w in words_of(group.name) for n in LEVEL_NOUNS.get(w, ())}
    return not words.isdisjoint(content)


def _ask(item: Item, note: str, group: ModifierGroup | None) -> WordsNotUnderstood:
    if group is None:
        return WordsNotUnderstood(
            f"Which of the {item.name}'s choices should {note!r} change?", item=item.name, item_id=item.id, words=note
        )
    choices = [o for o in group.options if o.available]
    return WordsNotUnderstood(
        f"For the {item.name}, {note!r}: the {group.name} choices are " + ", ".join(o.name for o in choices),
        item=item.name,
        item_id=item.id,
        words=note,
        group=group.id,
        group_name=group.name,
        options=offer(choices),
    )


def _a_degree(words: Words) -> bool:
    """ "not too spicy", "not so sweet": how much, said of the whole dish, never "take X off"."""
    return len(words) > 1 and words[0] in NEGATIONS and words[1] in _DEGREE


def removal(option: Option) -> str:
    """How a reading hands on "take ``option`` off" (:attr:`~app.core.reading.item.Reading.removals`):
    "no <its name>", read back exactly by :mod:`app.core.reading.exact`, never re-read as words."""
    return f"no {option.name}"


def sort_notes(
    item: Item, chosen: tuple[Option, ...], notes: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(removals, notes)``: the notes that take a pre-chosen or chosen option off (as "no <option>"),
    and the notes that stay notes. Raises ``words_not_understood`` for a note about a choice."""
    if not notes:
        return (), ()  # nothing to sort (most lines): the lists below are not built
    groups = [g for g in choice_groups(item) if g.id != VARIATION_GROUP]
    options = [o for g in groups for o in g.options]
    on = [o for o in options if o.default or o in chosen]
    removals: list[str] = []
    kept: list[str] = []
    for note in notes:
        words = tuple(note.split())
        content = _content(words)
        if is_message(note):  # the words to write on it: never about a choice, whatever they say
            kept.append(note)
            continue
        if any(note.endswith(how) for how in HOW_SERVED) or (words[-1:] and words[-1] in A_BIT_PAST):
            kept.append(note)
            continue
        if words and words[0] in NEGATIONS:
            exactly = any(o.default and o not in chosen and tuple(content) in _names(o, item) for o in on)
            if not exactly and any(
                _matches(content, _names(o, item)) and option_heads(o) & set(content) for o in chosen
            ):
                kept.append(note)  # "bbq" and "no sauce" in one breath: a contradiction, asked (contradictions.py) —
                # unless it names exactly a default not chosen ("no boba" beside Popping Boba: the Boba goes)
                continue
            taken = _closest([o for o in on if o.default and _matches(content, _names(o, item))], content, item)
            taken += [o for g in groups if _names_group(content, g) for o in g.options if o.default]
            if taken:
                removals += [removal(o) for o in dict.fromkeys(taken)]
                continue
            if any(_matches(content, _names(o, item)) for o in options):
                kept.append(note)  # "no bacon" on a burger that has none: said back, harmless
                continue
            if _a_degree(words):  # "not too sweet" of a 100 % Sugar default: a level between, asked about
                group = next((g for g in groups if is_scale(g) and any(o.default for o in g.options)), None)
            else:  # "no X" may mean one of what comes with it, under another name: asked
                off = [o for o in options if o.default and (_may_go(item, o) or _said_of(content, group_of(item, o)))]
                group = group_of(item, off[0]) if off and content else None
            if group is not None:
                raise _ask(item, note, group)
            kept.append(note)
            continue
        if words[:1] == ("half",) and all(
            w == "half" or any(_matches([w], _names(o, item)) for o in chosen) for w in content
        ):
            kept.append(note)  # "half sausage half onions": where chosen toppings go (comes_with.halves_of)
            continue
        content = _content(words[1:] if words and words[0] in _LEVELS else words)
        about = next((o for o in options if any(_matches([w], _names(o, item)) for w in content)), None)
        group = next((g for g in groups if any(_matches([w], [words_of(g.name)]) for w in content)), None)
        group = group or (group_of(item, about) if about else None)
        more = words[:1] and words[0] in ("extra", "more", "double", "heavy") and about is not None and about in on
        if more:  # "extra syrup" where Warm Syrup is on: more of it, said back (nothing contradicts)
            kept.append(note)
            continue
        if words[:1] and words[0] in LESS_LEADS and about in on and group is not None and not is_scale(group):
            kept.append(note)  # "light ponzu" of a chosen Ponzu: less of it, no level on the menu (comes_with)
            continue
        if group is not None and any(o in on for o in group.options):  # "less sugar" of a 100 % Sugar default
            raise _ask(item, note, group)
        kept.append(note)
    return tuple(removals), tuple(kept)
