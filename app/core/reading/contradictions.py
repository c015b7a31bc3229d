"""A line that says "X" and "not X" at once is asked about, never added (HTTP and voice alike).

Two ways a line can contradict itself:

* two chosen options, one the negation of the other: "Whipped Cream" and "No Whipped Cream",
  "Grilled Onions" and "No Onions" (a negative option is one whose name starts with a negation word);
* a kitchen note that negates a chosen option (a default counts): the note "not toasted" on a
  Banana Bread that comes Toasted, "no sauce" with BBQ Sauce, "unsweetened" with Sweetened;
  A "no" to one of the things an option's name joins ("no gravy" of Mashed Potatoes and Gravy) is no
  contradiction: that choice without it, a note;
* a kitchen note that says "no" to a chosen option's group ("no cheese" beside American, in Cheese), or
  names another option of a one-choice group ("well done" beside Medium, in Doneness).

:func:`check_consistent` raises ``modifier_invalid`` naming both sides (``conflict``) so the
customer is asked which one they meant.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.core.cart.choices import Pick
from app.core.menu import Item, Option
from app.core.reading.spoken import FILLER, NEGATIONS, normalize, unprefixed
from app.core.reading.vocabulary import choice_groups, option_heads
from app.errors import ModifierInvalid


def _words(text: str) -> tuple[str, ...]:
    return tuple(normalize(text).split())


def _flat(picks: Iterable[Pick]) -> list[Option]:
    out: list[Option] = []
    for pick in picks:
        out += [pick.option, *_flat(pick.picks)]
    return out


def _negated_words(text: str, known: frozenset[str]) -> frozenset[str]:
    """What ``text`` says "not" to ("no whipped cream" → {whipped, cream}; "untoasted" → {toasted}); empty if
    it is no negation."""
    words = _words(text)
    if not words:
        return frozenset()
    if words[0] in NEGATIONS:
        return frozenset(w for w in words[1:] if w not in FILLER and w not in NEGATIONS)
    stems = {unprefixed(w, known) for w in words}
    return frozenset(s for s in stems if s) if len(words) == 1 else frozenset()


def _says(option: Option) -> list[frozenset[str]]:
    """The word sets an option answers to (its name and its aliases that are no negation themselves)."""
    names = [_words(n) for n in (option.name, *option.aliases)]
    return [frozenset(n) for n in names if n and n[0] not in NEGATIONS]


def check_consistent(item: Item, picks: Iterable[Pick], notes: str | None) -> None:
    """Raise ``modifier_invalid`` (``conflict``: the two sides) when the line says X and "not X"."""
    chosen = _flat(picks)
    positive = [o for o in chosen if not _words(o.name)[:1] or _words(o.name)[0] not in NEGATIONS]
    known = frozenset(w for o in positive for said in _says(o) for w in said)
    negatives = [(o.name, _negated_words(o.name, known)) for o in chosen if o not in positive]
    negatives += [(n.strip(), _negated_words(n, known)) for n in (notes or "").split(";") if n.strip()]
    clash_of_group = _group_said(item, positive, [n.strip() for n in (notes or "").split(";") if n.strip()])
    if clash_of_group is not None:
        negatives = [(clash_of_group[1], frozenset(_says(clash_of_group[0])[0]))]
    for said, stem in negatives:
        if not stem:
            continue
        clash = next(
            (
                o
                for o in positive
                if any(stem <= words and option_heads(o) & stem for words in _says(o)) and not _one_part_of(o, stem)
            ),
            None,
        )
        if clash is not None:
            raise ModifierInvalid(
                f"You said {clash.name} and {said!r} for the {item.name}; which one would you like?",
                item=item.name,
                item_id=item.id,
                conflict=[clash.name, said],
            )


_JOINS = frozenset({"and", "with"})


def _one_part_of(option: Option, stem: frozenset[str]) -> bool:
    """Is ``stem`` one of the things ``option``'s name joins ("gravy" of Mashed Potatoes and Gravy), the other
    kept? "mashed potatoes, no gravy" is that choice without its gravy, a note, never a contradiction
    (blind14 meat-and-three); "no whipped cream" beside Whipped Cream still is one."""
    name = _words(option.name)
    at = next((i for i, w in enumerate(name) if w in _JOINS), None)
    if at is None:
        return False
    parts = [frozenset(name[:at]) - FILLER, frozenset(name[at + 1 :]) - FILLER]
    return any(stem <= part and (other - stem) for part, other in (parts, parts[::-1]))


def _group_said(item: Item, positive: list[Option], notes: list[str]) -> tuple[Option, str] | None:
    """A chosen option and the note against it: "no" + its group's name ("no cheese" beside American, in
    Cheese), or another option of its one-choice group named whole ("well done please" beside Medium; issue
    #23, the session that broke the reader). A note that only restates the choice ("medium" of Medium Rare)
    is none."""
    groups = {g.id: g for g in choice_groups(item)}
    for note in notes:
        words = _words(note)
        negated = bool(words) and words[0] in NEGATIONS
        said = frozenset(words[1:] if negated else words) - FILLER
        if " ".join(words).endswith("on the side"):
            said -= {"on", "side"}  # "blue cheese on the side" says how it comes, never the Side size
        for option in positive:
            group = groups.get(option.group_id)
            if group is None or not said:
                continue
            if negated and said == frozenset(_words(group.name)) - FILLER:
                return option, note
            # the names as the note's words are read, fillers left out ("well" of Well Done is a hesitation too)
            own = frozenset(_words(option.name)) - FILLER
            others = (frozenset(_words(o.name)) - FILLER for o in group.options if o is not option)
            if not negated and group.max == 1 and any(w and w <= said and not w <= own for w in others):
                return option, note
    return None
