"""Generated reads: every item of a menu, with random valid choices, said the ways customers say it.

For each available item, :func:`generate` picks choices the menu allows (a variation when the item
has several, every required group answered, optional groups sometimes, repeats where an option may
be chosen twice, "no X" for a default X that may be left off, nested choices of a chosen option) and
renders them as a customer would say them: the name or an alias, the count as a word, a digit or "a"
(in pieces for an item sold by orders of N: "6 tacos"), a plural name for a count above one, choices
before the name ("a large vanilla shake") or after it ("… with oat milk and an extra shot"), a
variation after the name, and openers ("can I get"). Each case carries the exact line the menu gives
for those choices — defaults included — in the corpus format (:mod:`bench.matching`), so the reader
is measured on what follows from the menu's structure alone, never on phrasings someone tuned it to.

Both forms are generated: the whole phrase in ``item``, and ``item`` + ``modifiers`` as a model
splits them. The seed is fixed: the same menu gives the same cases on every run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from app.core.menu import Item, Menu, ModifierGroup, Option
from app.core.reading.counts import pieces_per_order

SEED = 23
READS_PER_ITEM = 2  # per form
_OPENERS = ("", "", "can i get", "i'd like", "let me get", "i'll have")
_CLOSERS = ("", "", "please")
_NUMBER_WORDS = {2: "two", 3: "three", 4: "four"}


@dataclass
class _Chosen:
    """One chosen option, how many times, and its own nested choices."""

    option: Option
    times: int = 1
    nested: list[_Chosen] | None = None


def _names_of(chosen: list[_Chosen]) -> list[str]:
    return [n for c in chosen for n in (c.option.name.lower(), *_names_of(c.nested or []))]


def _available(options: tuple[Option, ...]) -> list[Option]:
    return [o for o in options if o.available]


def _choose_group(rng: random.Random, group: ModifierGroup) -> tuple[list[_Chosen], list[Option]]:
    """Choices said for ``group`` and defaults said "no" to (the rest of its defaults stay on)."""
    options = _available(group.options)
    defaults = [o for o in options if o.default]
    if not options:
        return [], []
    if defaults and group.min <= len(defaults) and rng.random() < 0.5:
        if group.min == 0 and rng.random() < 0.4:
            return [], [rng.choice(defaults)]  # "no pickles"
        return [], []  # the defaults stand
    least = group.min if group.min > 0 else (0 if rng.random() < 0.4 else 1)
    most = min(group.max, len(options), max(least, 1) + 1)
    count = rng.randint(least, max(least, most)) if most >= least else least
    picked = rng.sample(options, min(count, len(options)))
    chosen, room = [], group.max
    for option in picked:
        repeatable = option.max_quantity >= 2 and not option.modifier_groups  # nested choices said once: whose?
        times = 2 if repeatable and room >= 2 and rng.random() < 0.3 else 1
        if room < times:
            break
        room -= times
        chosen.append(_Chosen(option, times, _choose_nested(rng, option)))
    return chosen, []


def _choose_nested(rng: random.Random, option: Option) -> list[_Chosen] | None:
    if not option.modifier_groups:
        return None
    nested: list[_Chosen] = []
    for group in option.modifier_groups:
        chosen, _ = _choose_group(rng, group)
        nested += chosen
    return nested


def _defaults_kept(groups: tuple[ModifierGroup, ...], chosen: list[_Chosen], removed: list[Option]) -> list[str]:
    """Names the line carries: what was chosen, then each group's defaults while it has room — a default whose
    "… on the Side" option was chosen (by its name in any group, by an alias in its own group: "Yum Yum on the
    Side" beside Yum Yum Sauce, alias "yum yum") is that one moved to the side, not kept beside it."""
    names: list[str] = []
    apart = {c.option.name.lower() for c in chosen}
    for group in groups:
        mine = [c for c in chosen if c.option.group_id == group.id and c.option in group.options]
        used = sum(c.times for c in mine)
        for c in mine:  # each time chosen is one pick with its own nested choices ("2 baked potatoes" → 2 butters)
            names += [c.option.name] * c.times
            names += _defaults_kept(c.option.modifier_groups, c.nested or [], []) * c.times
        for option in _available(group.options):
            if used >= group.max:
                break
            if f"{option.name.lower()} on the side" in apart or any(
                f"{alias.lower()} on the side" == c.option.name.lower() for alias in option.aliases for c in mine
            ):
                continue
            if option.default and option not in removed and all(c.option is not option for c in mine):
                names.append(option.name)
                names += _defaults_kept(option.modifier_groups, [], [])
                used += 1
    return names


def _say(rng: random.Random, names: tuple[str, ...]) -> str:
    return rng.choice(names).lower()


def _plural(name: str) -> str:
    if name.endswith(("s", "x", "ch", "sh")):
        return name + "es" if not name.endswith("s") else name
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def _count(rng: random.Random, quantity: int, name: str) -> str:
    if quantity == 1:
        article = "an" if name[:1] in "aeiou" else "a"
        return rng.choice((article, article, "one", ""))
    return rng.choice((str(quantity), _NUMBER_WORDS.get(quantity, str(quantity))))


def _option_words(rng: random.Random, chosen: _Chosen, sizes: frozenset[str] = frozenset()) -> str:
    """ "oat milk", "double shot", "large coke" (nested choices before their parent). A count said before the
    option's words is "double" where "two <words>" is the name of a size on the menu (``sizes``: "two cob" is
    the Corn on the Cob's Large, "two cobs"): ambiguous by construction, a side twice or that item in that size."""
    said = _say(rng, (chosen.option.name, *chosen.option.aliases))
    if chosen.times == 2:
        counted = {f"{n} {w}" for n in ("two", "2") for w in (said, _plural(said))}  # "two cobs" said "two cob"
        counts = ("double",) if counted & sizes else ("double", "2", "two")
        said = f"{rng.choice(counts)} {said}"
    inner = " ".join(_option_words(rng, n, sizes) for n in chosen.nested or [])
    return f"{inner} {said}".strip()


def _size_names(menu: Menu) -> frozenset[str]:
    """Every variation's name and alias on the menu, lower-cased."""
    return frozenset(n.lower() for i in menu.items for v in i.variations for n in (v.name, *v.aliases))


def _uncounted(item: Item, said: str) -> str:
    """An option as said before the item's name, its count said "double" ("double tomato cheese burger"): a count
    there ("two tomato cheese burger") reads as the item's quantity, two burgers. Never where an option's own
    name starts with that word ("2 Piece")."""
    first, *rest = said.split()
    if not rest or first not in ("2", "two"):
        return said
    owned = any(n.lower().startswith(f"{first} ") for o in _all_options(item) for n in (o.name, *o.aliases))
    return said if owned else " ".join(("double", *rest))


def _names_for(item: Item, on_line: list[str]) -> tuple[str, ...]:
    """The item's name and the aliases that say no choice the line lacks: an alias with an option's words
    not in the item's name ("labneh wrap" beside a Style's Wrapped) says that option too, so said with
    another (Open) it is ambiguous by construction (the corpus reads "one labneh wrap" Wrapped)."""
    own = set(item.name.lower().split())
    kept = {n.lower() for n in on_line}
    other = {
        n.lower()
        for o in _all_options(item)
        if o.name.lower() not in kept
        for n in (o.name, *o.aliases)
        if not set(n.lower().split()) <= own
    }
    return (item.name, *(a for a in item.aliases if not any(f" {n} " in f" {a.lower()} " for n in other)))


def _all_options(item: Item | Option) -> list[Option]:
    return [x for g in item.modifier_groups for o in g.options for x in (o, *_all_options(o))]


def _case(rng: random.Random, menu: Menu, item: Item, form: str) -> dict[str, Any]:
    quantity = rng.choice((1, 1, 1, 2, 3))
    variation = None
    sizes = [v for v in item.variations if v.available]
    if len(sizes) > 1 or (sizes and rng.random() < 0.3):
        variation = rng.choice(sizes)
    chosen: list[_Chosen] = []
    removed: list[Option] = []
    for group in item.modifier_groups:
        picked, off = _choose_group(rng, group)
        chosen += picked
        removed += off
    if any(str(quantity) in o.split() for o in [*_names_of(chosen), *([variation.name.lower()] if variation else [])]):
        quantity = 1  # "three chicken tenders" with a 3 pc choice says either: ambiguous by construction
    options = sorted(
        _defaults_kept(item.modifier_groups, chosen, removed)
        + ([variation.name] if variation else [])
        + ([item.variations[0].name] if len(item.variations) == 1 and not variation else [])
    )
    name = _say(rng, _names_for(item, options))
    if {f"{n} {name}" for n in (str(quantity), _NUMBER_WORDS.get(quantity))} & {a.lower() for a in item.aliases}:
        quantity = 1  # "2 slider combo" beside the alias "two slider combo": ambiguous by construction
    if quantity > 1 and rng.random() < 0.6:
        name = _plural(name)
    line = {"item": item.name, "quantity": quantity, "options": options, "note": ""}
    # an item sold by orders of N ("Three tacos per order") is counted in pieces: two orders said "6 tacos"
    # ("2 order of tacos" says orders)
    pieces = 1 if quantity == 1 or "order" in name.split() else pieces_per_order(item) or 1
    said_count = quantity * pieces
    sizes = _size_names(menu)
    said_options = [_option_words(rng, c, sizes) for c in chosen] + [f"no {_say(rng, (o.name,))}" for o in removed]
    rng.shuffle(said_options)
    size = _say(rng, (variation.name, *variation.aliases)) if variation else ""
    if form == "structured":
        modifiers = ([size] if size else []) + said_options
        item_text = f"{_count(rng, said_count, name)} {name}".strip()
        return {"said": {"item": item_text, "modifiers": modifiers}, "lines": [line], "ask": [], "form": form}
    before = [size] if size and rng.random() < 0.5 else []
    after = [size] if size and not before else []
    if said_options and rng.random() < 0.3:
        before.append(_uncounted(item, said_options.pop()))  # "a vanilla shake", "an oat milk latte"
    rest = after + said_options
    head = " ".join([*before, name])
    joiner = rng.choice((" and ", ", "))
    lead = rng.choice(("with", "with", "")) if rest and rest[0].split()[0] not in ("no", "without", "hold") else ""
    tail = f" {lead} {joiner.join(rest)}" if rest else ""
    text = f"{rng.choice(_OPENERS)} {_count(rng, said_count, head)} {head}{tail} {rng.choice(_CLOSERS)}"
    return {"said": " ".join(text.split()), "lines": [line], "ask": [], "form": form}


def generate(menu: Menu, now: int, reads_per_item: int = READS_PER_ITEM) -> list[dict[str, Any]]:
    """Cases for every item of ``menu`` on sale at ``now``, in both forms (fixed seed per menu)."""
    rng = random.Random(f"{SEED}:{menu.restaurant_id}")
    cases = []
    for item in menu.items:
        if not item.available_at(now):
            continue
        for form in ("phrase", "structured"):
            for _ in range(reads_per_item):
                cases.append({"menu": menu.restaurant_id, **_case(rng, menu, item, form)})
    return cases
