"""What each menu name and choice can be called when spoken.

Item names answer to their aliases, lexicon variants ("coke" for Coca-Cola, :mod:`app.core.reading.spoken`)
and the distinctive parts of their names that no other item shares ("fries" for "Belgian Fresh
Homemade Fries"); options to theirs, plus the first or last word of a long option name when that
is unique on the item ("oat" for Oat Milk). Menu v2 variations are read as a "Size" group. What was
said is read in the menu's words first (:func:`as_menu_words`): slips mended, and words written as they
were heard read as the item name they sound like ("fuh ga" for Phở Gà, :mod:`.sounds`).
All lists are computed once per live menu/item (:mod:`.memo`: a reload brings new ones, the old are dropped).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container

from rapidfuzz.distance import OSA

from app.core.menu import Item, Menu, ModifierGroup, Option
from app.core.reading.about_the_customer import (
    REQUEST_STARTS,
    may_say_the_customer,
    without_address,
    without_customer_words,
)
from app.core.reading.leads_taught import leads_taught, said_as_leads
from app.core.reading.levels import level_phrases
from app.core.reading.memo import per_object
from app.core.reading.negated_names import drops_its_negation
from app.core.reading.sounds import sound_key
from app.core.reading.spoken import (
    FILLER,
    MESSAGE_WORDS,
    MULTIPLIERS,
    NEGATIONS,
    NOTE_WORDS,
    OPENERS,
    SEPARATORS,
    function_words,
    in_reader_words,
    normalize,
    other_language,
    said_as,
    variants,
    without_whom,
)

_QUANTIFIERS = frozenset({"all", "both", "each", "every"})  # how many of the choices, never one's short name
NOT_DISTINCTIVE = frozenset({"fresh", "homemade", "house", "classic", "regular", "original", "special", "our"})
OPTION_LEADS = frozenset(
    {"no", "without", "hold", "extra", "add", "light", "easy", "double", "half", "side", "less", "more"}
)
# a number before these names a size, not a count
MEASURES = frozenset({"oz", "inch", "liter", "dollar", "lb", "ml", "cm"})
SIZE_WORDS = frozenset(
    {"small", "medium", "large", "regular", "big", "little", "extra", "kids", "kid", "mini", "jumbo"}
)

Words = tuple[str, ...]


VARIATION_GROUP = "variation"  # the pseudo group a menu v2 item's variations (sizes) are read as


@per_object
def choice_groups(item: Item) -> tuple[ModifierGroup, ...]:
    """The groups a spoken choice may belong to: the item's, its variations (as a "Size" group), and
    the nested groups of its options (a combo's burger → its side)."""
    groups: list[ModifierGroup] = []
    if item.variations:
        sizes = tuple(
            Option(v.id, v.name, v.price_cents, VARIATION_GROUP, v.aliases, available=v.available)
            for v in item.variations
        )
        groups.append(ModifierGroup(VARIATION_GROUP, "Size", 1 if len(sizes) > 1 else 0, 1, sizes))
    pending = list(item.modifier_groups)
    while pending:
        group = pending.pop(0)
        groups.append(group)
        pending += [g for o in group.options for g in o.modifier_groups]
    return tuple(groups)


def top_groups(item: Item) -> list[ModifierGroup]:
    top = {g.id for g in item.modifier_groups} | {VARIATION_GROUP}
    return [g for g in choice_groups(item) if g.id in top]


def group_of(item: Item, option: Option, top: bool = False) -> ModifierGroup | None:
    """The group of ``item`` (of :func:`choice_groups`; ``top``: of :func:`top_groups` only) that offers
    ``option``, by its group id; None where ``item`` has none."""
    return next((g for g in (top_groups(item) if top else choice_groups(item)) if g.id == option.group_id), None)


def words_of(text: str) -> Words:
    return tuple(normalize(text).split())


@per_object
def item_names(menu: Menu) -> dict[int, tuple[Words, ...]]:
    """Every name an item answers to (id(item) → word tuples): names, aliases, lexicon variants, and
    the distinctive sub-phrases of its name that no other item shares."""
    base: dict[int, list[Words]] = {}
    for item in menu.items:
        names = [words_of(n) for n in (item.name, *item.aliases)]
        names += [tuple(v.split()) for n in list(names) for v in variants(" ".join(n))]
        base[id(item)] = [n for n in dict.fromkeys(names) if n]
    for item, name in (*_with_category_noun(menu), *_initials(menu)):
        base[id(item)].append(name)
    owners: dict[Words, set[int]] = {}
    for key, names in base.items():
        for name in names:
            owners.setdefault(name, set()).add(key)
    subs: dict[Words, set[int]] = {}
    for key, names in base.items():
        for name in names:
            for sub in _sub_phrases(name):
                subs.setdefault(sub, set()).add(key)
    said_in: dict[Words, set[int]] = {}  # every run of words of every name: "pho" is in "pho tai" too
    for key, names in base.items():
        for name in names:
            for i in range(len(name)):
                for j in range(i + 1, len(name) + 1):
                    said_in.setdefault(name[i:j], set()).add(key)
    own_choices = {id(i): _required_phrases(i) for i in menu.items}
    by_key = {id(i): i for i in menu.items}
    chosen_on: dict[Words, set[int]] = {}  # every option name or alias → the items it is a choice of
    for offering in menu.items:
        for g in offering.modifier_groups:
            for o in g.options:
                for n in (o.name, *o.aliases):
                    chosen_on.setdefault(words_of(n), set()).add(id(offering))
    sized = {words_of(n): id(i) for i in menu.items for v in i.variations for n in (v.name, *v.aliases)}
    own_words = {id(i): frozenset(words_of(i.name)) for i in menu.items}
    for sub, keys in subs.items():
        if len(keys) == 1 and sub not in owners and said_in.get(sub, keys) == keys:
            key = next(iter(keys))
            own = words_of(by_key[key].name)
            if sized.get(sub, key) != key and not any(own[i : i + len(sub)] == sub for i in range(len(own))):
                continue  # "the bucket": the Popcorn's Bucket size, never the Popcorn Refill by its alias "bucket
                # refill" (blind7 cinema-concessions); a part of the name itself still names it ("8 piece")
            if len(sub) == 1 and sub in own_choices[key] and sub[0] in words_of(by_key[key].name):
                continue  # "a pound of the limu": the One Pound (its size) of Poke by the Pound, never its name
                # (a name's own word never answers its choice: fit.fit_words; an alias's part does)
            if (
                chosen_on.get(sub, {key}) - {key}
                and not any(own[i : i + len(sub)] == sub for i in range(len(own)))
                and not any(n[: len(sub)] == sub for n in base[key])
            ):
                continue  # "three steames": the Hot Dog's style Steamé, never the Steamed Hamburger by the end of
                # its alias "burger steamé" (blind11 poutine-shop); a part of the name itself, or the lead of an
                # alias ("plain" of "plain pie"), still names it
            if len(sub) > 1 and not _runs_in(sub, own) and _another_with_its_choice(sub, key, own_words, chosen_on):
                continue  # "a baked rice": never the Baked Seafood Rice by a part of its alias "seafood baked rice",
                # where the Baked Pork Chop on its Rice is said so too — asked (blind14 hk-cafe)
            if multiplied_part(own, sub):
                continue  # "cheeseburger" says one, never the Double Cheeseburger (issue #23, break12)
            if _only_what_it_comes_with(by_key[key], sub):
                continue  # "egg and cheese": never The Texan by its alias "brisket egg and cheese" (blind8)
            if sub[0].isdigit() and owners.get(sub[1:], keys) != keys and sub[0] not in words_of(by_key[key].name):
                continue  # "two tacos": two of the Taco, never the Taco Combo by its alias "two taco combo" (break10);
                # a number in the item's own name is its name ("eight piece": the 8 Piece Family Meal, or asked)
            base[key].append(sub)
    return {key: tuple(sorted(names, key=len, reverse=True)) for key, names in base.items()}


def _runs_in(phrase: Words, words: Words) -> bool:
    """Is ``phrase`` said, word for word, somewhere in ``words``?"""
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


def _another_with_its_choice(
    sub: Words, key: int, own_words: dict[int, frozenset[str]], chosen_on: dict[Words, set[int]]
) -> bool:
    """Is ``sub`` (a part of an alias of the item ``key``) said just as well by another item's own name words and
    one of its choices ("baked rice": the Baked Pork Chop on its Rice base)? Then it names neither for sure."""
    for other, name in own_words.items():
        if other == key or not name.intersection(sub):
            continue
        rest = tuple(w for w in sub if w not in name)
        if rest and other in chosen_on.get(rest, ()):
            return True
    return False


def multiplied_part(name: Words, sub: Words) -> bool:
    """Is ``sub`` a part of the item's ``name`` holding what a multiplier in it counts ("double", "triple"),
    but not the multiplier ("cheeseburger" of Double Cheeseburger)? It names the one, never the double: the
    item with those words whole is asked about or read as the single one (issue #23, the breaker's silently
    wrong lines: "a cheeseburger" read as the Double Cheeseburger)."""
    for i, word in enumerate(name):
        if word in MULTIPLIERS and word not in sub and any(w in sub for w in name[i + 1 :]):
            return True
    return False


def _only_what_it_comes_with(item: Item, sub: Words) -> bool:
    """Is ``sub``, a part of one of ``item``'s names, none of its own name's words but only words of what
    comes with it (its default options: "egg and cheese" of The Texan's alias "brisket egg and cheese")? It
    says what is in it, not which item: read as choices, a build-your-own item takes them (issue #23, blind8
    breakfast-tacos)."""
    content = [w for w in sub if w not in FILLER and w != "and"]
    own = set(words_of(item.name))
    defaults = {
        w
        for g in choice_groups(item)
        for o in g.options
        if o.default
        for n in (o.name, *o.aliases)
        for w in words_of(n)
    }
    return bool(content) and not own.intersection(content) and set(content) <= defaults


def _required_phrases(item: Item) -> frozenset[Words]:
    """The phrases of ``item``'s choices that answer a required group (its size): "lb" of Poke by the Pound."""
    required = {g.id for g in top_groups(item) if g.min >= 1}
    return frozenset(p for p, o in option_phrases(item) if o.group_id in required)


def _with_category_noun(menu: Menu) -> list[tuple[Item, Words]]:
    """An item named without the noun its category and its neighbours there share is also said with it
    ("a snickerdoodle cookie": Snickerdoodle, in cookies beside Chocolate and Oatmeal Raisin Cookie). Only a
    category of one word that at least two and half of its items' names end in, and never a name another item
    already has."""
    by_category: dict[Words, list[Item]] = {}
    for item in menu.items:
        by_category.setdefault(words_of(item.category), []).append(item)
    taken = {words_of(n) for item in menu.items for n in (item.name, *item.aliases)}
    found: list[tuple[Item, Words]] = []
    for category, items in by_category.items():
        found += _per_unit(category, items, taken)
        ending = sum(1 for i in items if words_of(i.name)[-1:] == category)
        if len(category) != 1 or ending < 2 or 2 * ending < len(items):  # "breakfast" ends one breakfast: no
            continue
        for item in items:
            name = words_of(item.name)
            if name and category[0] not in name and (*name, *category) not in taken:
                found.append((item, (*name, *category)))
    return found


def _per_unit(category: Words, items: list[Item], taken: set[Words]) -> list[tuple[Item, Words]]:
    """Items of a category sold "per" a unit are also said with that unit, before or after their names ("pork
    belly skewers", "a skewer of meatball": Kushiyaki (per skewer), blind5 yakitori-bar); never a name another
    item already has."""
    unit = category[category.index("per") + 1 :][:1] if "per" in category[:-1] else ()
    found: list[tuple[Item, Words]] = []
    for item in items if unit else ():
        for name in {words_of(n) for n in (item.name, *item.aliases)}:
            for said in ((*name, *unit), (*unit, "of", *name)):
                if name and unit[0] not in name and said not in taken:
                    found.append((item, said))
    return found


def _initials(menu: Menu) -> list[tuple[Item, Words]]:
    """An item of three words or more is also said by their first letters, as one word or spelt out
    ("a BEC", "a b e c": Bacon, Egg & Cheese). Never letters some name, option or category on the menu
    already uses as a word, nor initials two items share."""
    used = {w for i in menu.items for n in (i.name, i.category, *i.aliases) for w in words_of(n)}
    used |= {w for i in menu.items for g in i.modifier_groups for o in g.options for w in words_of(o.name)}
    found: dict[str, list[Item]] = {}
    for item in menu.items:
        words = [w for w in words_of(item.name) if w not in FILLER and w != "and"]
        if len(words) >= 3 and all(w.isalpha() for w in words):
            found.setdefault("".join(w[0] for w in words), []).append(item)
    said: list[tuple[Item, Words]] = []
    for letters, items in found.items():
        if len(items) == 1 and letters not in used:
            said.append((items[0], (letters,)))
            if not FILLER & set(letters):
                said.append((items[0], tuple(letters)))
    return said


def _sub_phrases(name: Words) -> list[Words]:
    """Contiguous parts that still say what it is: ending in the head noun, or two words or more."""
    out = []
    for start in range(len(name)):
        for end in range(start + 1, len(name) + 1):
            sub = name[start:end]
            if sub == name or any(w in FILLER and w not in OPENERS for w in (sub[0], sub[-1])):
                continue
            lone_first = start == 0 and len(sub) == 1 and len(sub[0]) >= 4 and sub[0] not in SIZE_WORDS
            lone_first = lone_first and "and" not in name  # "black" is no Black & White Cookie
            if all(w in NOT_DISTINCTIVE or w.isdigit() for w in sub) and not (lone_first and end < len(name)):
                continue  # "2" of "number 2" is a count, never a name; "a large classic" is the one Classic
                # Poutine (its first word, no other item's: blind11 poutine-shop), "the house" no House Salad
            if end == len(name) or len(sub) >= 2 or lone_first:
                out.append(tuple(w for w in sub if w not in NOT_DISTINCTIVE) or sub)
    return out


@per_object
def head_nouns(menu: Menu) -> dict[str, tuple[Item, ...]]:
    """The last word of each item name → the items ending in it ("shake" → the three shakes)."""
    heads: dict[str, list[Item]] = {}
    for item in menu.items:
        words = words_of(item.name)
        if words:
            heads.setdefault(words[-1], []).append(item)
    return {head: tuple(items) for head, items in heads.items()}


COMES_WITH_WORDS = frozenset({"plain", "nothing", "everything"})  # what they say of an item's defaults


@per_object
def comes_with_defaults(item: Item) -> tuple[Option, ...]:
    """What comes with ``item`` that it may do without: the defaults of its groups needing no choice. "plain"
    takes them off, "everything" keeps them (:mod:`app.core.reading.comes_with`)."""
    return tuple(o for g in top_groups(item) if g.min == 0 for o in g.options if o.default)


@per_object
def option_phrases(item: Item) -> tuple[tuple[Words, Option], ...]:
    """Every way to say each of ``item``'s options, longest first (so "waffle cone" beats "cone")."""
    pairs: list[tuple[Words, Option]] = []
    for option in (o for g in choice_groups(item) for o in g.options):
        names = [words_of(n) for n in (option.name, *option.aliases)]
        names += [tuple(v.split()) for n in list(names) for v in variants(" ".join(n))]
        pairs += [(n, option) for n in dict.fromkeys(names) if n]
    named: dict[Words, set[str]] = {}
    for option in (o for g in choice_groups(item) for o in g.options):
        named.setdefault(words_of(option.name), set()).add(option.id)
    pairs = [(n, o) for n, o in pairs if o.id in named.get(n, {o.id})]  # a name beats another option's alias
    # said the same: "oats" is the option Oats, not Oat Milk's alias "oat" (a generated read on a smoothie menu);
    # options sharing a name (a combo's Large fries and Large drink) all keep it
    pairs += [((*n[2:], "on", "the", "side"), o) for n, o in list(pairs) if n[:2] == ("side", "of") and n[2:]]
    inside = _inside_a_side(item)  # "penne vodka on the side": the choices of the Side of Pasta, said as its
    pairs += [((*n, "on", "the", "side"), o) for n, o in list(pairs) if o.id in inside and n[-1] != "side"]
    pairs += _turned_round(pairs)
    taken = {words for words, _ in pairs}  # "butter on the side" is the option Side of Butter, not a note
    groups_said = {(words_of(g.name), g.id) for g in choice_groups(item)}
    suffixes: dict[Words, set[str]] = {}
    tails: dict[tuple[str, Words], set[str]] = {}  # (group, the end of an option's name) → the options it ends
    for offered in choice_groups(item):  # names neither where several end so; never counting "Extra Roasted
        whole = {words_of(o.name) for o in offered.options}  # Salmon", which is more of the Roasted Salmon there
        for option in offered.options:
            named_as = words_of(option.name)
            if named_as[1:] in whole:
                continue
            for k in range(1, len(named_as)):
                tails.setdefault((option.group_id, named_as[-k:]), set()).add(option.id)
    name = words_of(item.name)
    called = {words_of(n) for n in item.aliases}  # "combo beef": "beef" said with the name is the item itself
    for words, option in pairs:
        lead_off = words[1:]  # "Extra Shot" said "a double shot", "Add Cheese" said "with cheese": the thing itself
        if (
            words[0] in ("extra", "add", "more")
            and lead_off
            and lead_off not in taken
            and (*lead_off, *name) not in called  # "beef combo" of Combo called "combo beef": the item, never
            and (*name, *lead_off) not in called  # its Extra Beef read from "beef" (blind9 italian-beef)
            and not any(n == lead_off and g != option.group_id for n, g in groups_said)  # "sauce" beside a
            # Sauce group is its sauces, never the Extra Sauce of another group
            and not _what_a_group_styles(item, lead_off, option.group_id)
            and words == words_of(option.name)
            and option.id not in extra_degrees(item)  # "hot" is no Extra Hot beside Iced (break11 kind D)
        ):
            suffixes.setdefault(lead_off, set()).add(option.id)
        if words[0] in OPTION_LEADS or len(words) < 2 or words != words_of(option.name):
            continue  # only the option's own name, never an alias ("grilled chicken" → "chicken" would mislead)
        group = next((g for g in choice_groups(item) if g.id == option.group_id), None)
        required = group is not None and (any(o.default for o in group.options) or group.min == group.max == 1)
        # a choice of one to be made, or what is on it ("extra basil"); where several are chosen, "pepper" is no
        # Lemon Pepper beside the Plain said (break10)
        full_names = {words_of(o.name) for g in choice_groups(item) for o in g.options}
        for start in range(1, len(words)):
            suffix = tuple(w for w in words[start:] if w not in NOT_DISTINCTIVE)
            if (
                len(tails.get((option.group_id, words[start:]), ())) > 1  # "tray" of Half Tray and Full Tray
                or drops_its_negation(words, suffix)  # "spicy" is never Not Spicy
                or all(w.isdigit() for w in suffix)
                or any(suffix[:k] in full_names for k in range(1, len(suffix)))
                or any(words[j:start] in full_names for j in range(start))
            ):
                continue  # "1" of "Level 1" is a count; "chocolate chip" / "chip" of Mint Chocolate Chip: Chocolate
            if len(suffix) == 1 and start == len(words) - 1 and not required:
                continue  # a bare head noun answers a choice to be made ("fries": the side); it never adds
                # an extra ("sauce" is no Eel Sauce when Spicy Mayo comes with the bowl)
            if suffix and suffix not in taken and suffix[0] not in FILLER:
                suffixes.setdefault(suffix, set()).add(option.id)
        for end in range(2, len(words)):  # "50 percent" for 50% Sugar, "brown rice" for Brown Rice Bowl Base
            prefix = words[:end]
            if prefix not in taken and prefix[-1] not in FILLER and not drops_its_negation(words, prefix):
                suffixes.setdefault(prefix, set()).add(option.id)
        ends = (words[0], words[-1])  # "mango boba" for Mango Popping Boba: its first word and its head noun
        if (
            len(words) >= 3
            and ends not in taken
            and words[0].isalpha()
            and words[0] not in NOT_DISTINCTIVE
            and not drops_its_negation(words, ends)
        ):
            suffixes.setdefault(ends, set()).add(option.id)
        if words[0].isdigit() and words[1] in MEASURES:
            pass  # "2 liter" is never said "2": "two sodas" is a count
        elif words[0].isdigit() and (words[0],) not in taken:  # "10 wings" said "10 hot wings"
            suffixes.setdefault((words[0],), set()).add(option.id)
        elif drops_its_negation(words, words[:1]):
            pass  # "sugar" is never Sugar-Free Vanilla, "not" alone never Not Spicy
        elif words[0] in _QUANTIFIERS:
            pass  # "all" is never All-Beef: "a 3 pack, all mozzarella" fills the box (blind12 korean-corndog)
        elif len(words[0]) >= 3 and words[0] not in NOT_DISTINCTIVE and (words[0],) not in taken:
            if words[0] in COMES_WITH_WORDS and comes_with_defaults(item):
                continue  # "one plain" of a hot dog is none of its toppings, never the Plain Bun (break10)
            suffixes.setdefault((words[0],), set()).add(option.id)  # "skim" for Skim Milk, "oat" for Oat Milk
    by_id = {o.id: o for g in choice_groups(item) for o in g.options}
    pairs += [(s, by_id[next(iter(ids))]) for s, ids in suffixes.items() if len(ids) == 1]
    taken = {words for words, _ in pairs}
    for group in choice_groups(item):
        pairs += [(w, o) for w, o in (*_size_words(group), *level_phrases(group)) if w not in taken]
    # longest first; of two as long, the one of more content words ("bread bowl" before the alias "bowl of": a
    # choice's name said whole beats a shorter one's alias that a function word lengthens, blind9)
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), sum(w in FILLER for w in p[0]))))


@per_object
def option_words(item: Item) -> frozenset[str]:
    """Every word of :func:`option_phrases` (the options' names and aliases, all their forms)."""
    return frozenset(w for p, _ in option_phrases(item) for w in p)


def _what_a_group_styles(item: Item, thing: Words, other_than: str) -> bool:
    """Is ``thing`` what a required group of ``item`` (other than ``other_than``) says how to make — the
    first words of its name ("egg" of Egg Style, chosen 1 of 1)? The item comes with it, so "the egg
    scrambled" is that choice, never the Extra Egg add-on said by its last word (blind12 silog-house)."""
    return any(
        g.id != other_than
        and g.min >= 1
        and len(words_of(g.name)) > len(thing)
        and words_of(g.name)[: len(thing)] == thing
        for g in choice_groups(item)
    )


@per_object
def extra_degrees(item: Item) -> frozenset[str]:
    """The options of ``item`` that are a degree of what it is without them: "Extra Hot" in a one-choice
    group beside plain alternatives (Iced, Warm) — "hot" alone is the drink as it comes, never Extra Hot; the
    lead of these is never dropped. Issue #23, break11 kind D."""
    out: set[str] = set()
    for group in choice_groups(item):
        plain = any(words_of(o.name)[:1] and words_of(o.name)[0] not in OPTION_LEADS for o in group.options)
        if group.max == 1 and plain:
            out.update(o.id for o in group.options if words_of(o.name)[:1] == ("extra",))
    return frozenset(out)


def how_made(word: str) -> bool:
    """Does ``word`` say how a thing is made, a past participle ("grilled", "warmed", "toasted"), rather than name
    a thing? Alone it never picks an option whose name it only starts (Grilled Onions), and "no X, warmed" is
    no list of things to take off (issue #23, the session that broke the reader)."""
    return len(word) > 4 and word.endswith("ed")


def _turned_round(pairs: list[tuple[Words, Option]]) -> list[tuple[Words, Option]]:
    """A two-word option name said the other way round ("sausage original" for Original Sausage, as "brisket
    lean" says the brisket, then which): one choice, never its second word read again as another option
    (Original Sauce; blind4 bbq). Only names of two plain words, and never a phrase another option has."""
    taken = {words for words, _ in pairs}
    out = []
    for words, option in pairs:
        turned = words[::-1]
        plain = all(w.isalpha() and w not in FILLER and w not in OPTION_LEADS and w not in SIZE_WORDS for w in words)
        if len(words) == 2 and plain and words == words_of(option.name) and turned not in taken:
            out.append((turned, option))
    return out


# what "black" says of a drink ("coffee, black"): none of these; and the drinks it is said of
_DAIRY = frozenset({"milk", "cream", "creamer"})
_BLACK_DRINKS = frozenset({"coffee", "brew", "americano", "espresso"})


@per_object
def served_black(item: Item) -> tuple[Option, ...] | None:
    """What "black" takes off ``item`` ("a large coffee, black": no milk, no cream): its default dairy
    choices, often none; None where "black" says nothing of it — it is no coffee by its names and
    description, or the menu's own words for it say "black" (Black tea: the menu's word wins)."""
    said = {w for n in (item.name, *item.aliases, item.description or "") for w in words_of(n)}
    if not said & _BLACK_DRINKS or "black" in said or any("black" in p for p, _ in option_phrases(item)):
        return None
    return tuple(o for g in choice_groups(item) for o in g.options if o.default and option_heads(o) & _DAIRY)


@per_object
def told_apart(menu: Menu) -> frozenset[tuple[Words, Words]]:
    """(P, N) where one group of the menu offers both an option named P and one named N that ends in P
    ("Penne" beside "Gluten-Free Penne"): the menu tells them apart, so P said is never N, on any item —
    not even one that offers only N (a partial name that drops a qualifier; blind3's pasta house)."""
    found: set[tuple[Words, Words]] = set()
    for item in menu.items:
        for group in choice_groups(item):
            names = {words_of(o.name) for o in group.options}
            found.update((p, n) for n in names for p in names if len(p) < len(n) and n[-len(p) :] == p)
    return frozenset(found)


def _inside_a_side(item: Item) -> frozenset[str]:
    """The ids of the choices nested under an option named "Side of X" (its pasta, its sauce): saying one
    "on the side" says where it goes, which that option already does (tests/corpus/README.md)."""
    sides = [o for g in choice_groups(item) for o in g.options if words_of(o.name)[:2] == ("side", "of")]
    pending = [g for o in sides for g in o.modifier_groups]
    found: set[str] = set()
    while pending:
        group = pending.pop()
        found.update(o.id for o in group.options)
        pending += [g for o in group.options for g in o.modifier_groups]
    return frozenset(found)


# Sizes said by rank: the cheapest, the middle one of three, the dearest (the coffee-chain words too).
_BY_RANK = {0: ("small", "tall", "smallest"), 1: ("medium", "grande"), -1: ("large", "venti", "big", "biggest")}
# a coffee counter's medium and Spanish for large: a rank only beside Small/Medium/Large, never of sizes by
# measure ("a strawberry banana grande": the 24 oz or the 32 oz is asked; break10)
_TWO_WAYS = frozenset({"grande"})


def _size_words(group: ModifierGroup) -> list[tuple[Words, Option]]:
    """ "small" / "medium" / "large" for sizes the menu names by measure ("16 oz", "24 oz", '12"'): the
    cheapest is small, the dearest large, the middle of three medium; "tall" / "grande" / "venti" likewise,
    also for sizes named Small/Medium/Large. Only where every option of the group is a measure or a size
    word — never "large" for a Pitcher or "small" for a Slice, which a customer means differently."""
    names = [words_of(o.name) for o in group.options]
    measured = all(_is_measure(n) for n in names)
    if len(names) < 2:
        return []
    if not (measured or all(n and set(n) <= SIZE_WORDS for n in names)):
        return _said_like(group)
    ranked = sorted(group.options, key=lambda o: o.price_cents)
    out: list[tuple[Words, Option]] = []
    for rank, said in _BY_RANK.items():
        if rank == 1 and len(ranked) != 3:
            continue
        words = said[0 if measured else 1 :]  # named Small/Large: only "venti" is new
        out += [((w,), ranked[rank]) for w in words if not (measured and w in _TWO_WAYS)]
    return out


def _said_like(group: ModifierGroup) -> list[tuple[Words, Option]]:
    """ "big" / "biggest" for the Pint the menu itself also calls "large" (a Cup called "small", a Pint
    "large"): the option that answers to a rank's first word by the menu's names answers to that rank's other
    words too — where exactly one option does. Of two options, one a part of the thing (a Slice, a Half), the
    other is the "whole" one. Words an option already answers to keep their option (:func:`option_phrases`)."""
    out: list[tuple[Words, Option]] = []
    for said in _BY_RANK.values():
        called = [o for o in group.options if any(words_of(n) == said[:1] for n in (o.name, *o.aliases))]
        if len(called) == 1:
            out += [((w,), called[0]) for w in said[1:]]
    parts = [o for o in group.options if words_of(o.name) in _PARTS]
    if len(group.options) == 2 and len(parts) == 1:  # "a whole carrot cake": of a Slice and an 8 inch, the cake
        out.append((("whole",), next(o for o in group.options if o is not parts[0])))
    return out


_PARTS = frozenset({("slice",), ("half",), ("piece",), ("quarter",), ("wedge",)})  # a part of a whole thing sold


def _is_measure(name: Words) -> bool:
    """ "16 oz", "12 inch", "32 oz cup": a number and its unit, or a size word and a measure ('Large 16"')."""
    if name[:1] and name[0] in SIZE_WORDS:
        name = name[1:]
    return len(name) >= 2 and name[0].isdigit() and name[1] in MEASURES - {"dollar"}


@per_object
def pieces_said(option: Option) -> int | None:
    """How many pieces an option's name or aliases say it is: "3 pc", "Nigiri (2 pc)" said "2 piece", the Large
    said "three scoops" → 3; never a measure ("16 oz") and never two different counts."""
    found = set()
    for name in (option.name, *option.aliases):
        said = words_of(name)
        for i in range(len(said) - 1):
            if said[i].isdigit() and said[i + 1] not in MEASURES and (len(said) == 2 or said[i + 1] == "piece"):
                found.add(int(said[i]))
    return found.pop() if len(found) == 1 else None


def option_heads(option: Option) -> frozenset[str]:
    """What an option is: the last word of its name, and of each thing it lists ("Celery & Carrots": celery,
    carrot). "no onion" says nothing against Onion Rings (ring); "no cream" does against Whipped Cream."""
    words = words_of(option.name)
    return frozenset(w for i, w in enumerate(words) if i == len(words) - 1 or words[i + 1] == "and")


@per_object
def protected_phrases(menu: Menu) -> tuple[Words, ...]:
    """Menu phrases with a separator inside ("chips and guac"): never cut there."""
    found: set[Words] = set()
    for item in menu.items:
        for name in item_names(menu)[id(item)]:
            if any(w in SEPARATORS for w in name):
                found.add(name)
        for name, _ in option_phrases(item):
            if any(w in SEPARATORS for w in name):
                found.add(name)
    return tuple(sorted(found, key=len, reverse=True))


def find_phrase(words: list[str | None], phrase: Words) -> int:
    """Where ``phrase`` occurs contiguously among the not-yet-used ``words`` (None = used); -1 if not."""
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if tuple(words[i : i + n]) == phrase:
            return i
    return -1


@per_object
def name_words(menu: Menu) -> frozenset[str]:
    """Every word of every item name, alias and lexicon variant on ``menu``."""
    return frozenset(w for names in item_names(menu).values() for name in names for w in name)


@per_object
def _name_pairs(menu: Menu) -> frozenset[Words]:
    return frozenset(name[i : i + 2] for names in item_names(menu).values() for name in names for i in range(len(name)))


@per_object
def described_words(item: Item) -> frozenset[str]:
    """The item's description and name words (what the menu says it is and comes with)."""
    return frozenset(words_of(item.description or "")) - FILLER | frozenset(words_of(item.name))


@per_object
def naming_items(menu: Menu) -> dict[Words, frozenset[int]]:
    """Each name or alias the menu writes for an item → the ids of the items it names."""
    found: dict[Words, set[int]] = {}
    for item in menu.items:
        for name in (item.name, *item.aliases):
            found.setdefault(words_of(name), set()).add(id(item))
    return {n: frozenset(ids) for n, ids in found.items()}


@per_object
def menu_words(menu: Menu) -> frozenset[str]:
    """Every word the menu uses: item names (:func:`name_words`), choices and sizes, categories."""
    return name_words(menu) | _choice_words(menu) | _category_words(menu)


@per_object
def _choice_words(menu: Menu) -> frozenset[str]:
    return frozenset().union(*(option_words(item) for item in menu.items))


@per_object
def _category_words(menu: Menu) -> frozenset[str]:
    return frozenset(w for item in menu.items for w in words_of(item.category))


@per_object
def orderable_words(menu: Menu) -> frozenset[str]:
    """The words of what may be ordered (item names, choices, sizes): :func:`menu_words` less those only a
    category says ("For the Table": "galbi for the table" is whom it is for, blind15 korean-bbq)."""
    return name_words(menu) | _choice_words(menu)


@per_object
def _names_holding(menu: Menu) -> dict[str, tuple[Words, ...]]:
    """Each word → every name and alias the menu writes that holds it (items, choices, categories; never a
    part the reader derives, as "con" of the choice Con Queso), and the initials an item is spelt by ("b e c")."""
    said = [n for item in menu.items for n in (item.name, *item.aliases, item.category)]
    said += [n for item in menu.items for g in choice_groups(item) for o in g.options for n in (o.name, *o.aliases)]
    names = {words_of(n) for n in said} | {name for _, name in _initials(menu)}
    found: dict[str, list[Words]] = {}
    for name in names:
        for word in set(name):
            found.setdefault(word, []).append(name)
    return {word: tuple(held) for word, held in found.items()}


@per_object
def _leads_taught(menu: Menu) -> dict[str, str]:
    """The menu's own words for "extra" ("tambah", "lebih"): :func:`~.leads_taught.leads_taught` of every
    choice's names, never a word of an item's name."""
    kinds = [tuple(words_of(n) for n in (o.name, *o.aliases)) for i in menu.items for o in _all_options(i)]
    named = name_words(menu)  # "debris gravy" beside "extra gravy": Debris is a po'boy's name, never "extra"
    return {w: lead for w, lead in leads_taught(kinds, _MORE, OPTION_LEADS | SIZE_WORDS).items() if w not in named}


_MORE = frozenset({"extra"})  # the lead a word is learned for: more of a choice (never "side", "half": kinds)


def _all_options(item: Item) -> list[Option]:
    return [o for g in choice_groups(item) for o in g.options]


def _taught_word_named(menu: Menu, words: Words, at: int) -> bool:
    """Is a name the menu writes said around ``words[at]``, other than one the lead makes a name as well
    ("tambah kuah", "extra kuah")? "lebih manis" of the choice Lebih Manis stays the name's."""
    taught, holding = _leads_taught(menu), _names_holding(menu)
    for name in holding.get(words[at], ()):
        start = at - name.index(words[at])
        if start < 0 or words[start : start + len(name)] != name:
            continue
        led = (taught[name[0]], *name[1:]) if name[0] in taught else None
        if led is None or led not in holding.get(led[0], ()):
            return True
    return False


def own_words(menu: Menu, words: Words) -> Words:
    """``words`` with other languages' function words read as the reader's own, never a word the menu uses
    there (:func:`~app.core.reading.spoken.in_reader_words`)."""
    if not other_language(words):
        return words
    return in_reader_words(words, lambda at, size: _the_menus(menu, words, at, size))


_ANDS = frozenset(said_as("and"))  # "y", "et", "und": what joins two things said


@per_object
def _names_holding_own_words(menu: Menu) -> dict[str, tuple[Words, ...]]:
    """:func:`_names_holding` without the names that are only a function word before another name of the same
    thing ("con mantequilla" of a Butter also called "mantequilla"): their "con" is the customer's "with",
    never the menu's own word (blind11 cuban-ventanita)."""
    led: set[Words] = set()
    for item in menu.items:
        kinds = [(item.name, *item.aliases)] + [(o.name, *o.aliases) for g in choice_groups(item) for o in g.options]
        for name, *aliases in kinds:
            names = {words_of(n) for n in (name, *aliases)}
            said = {words_of(a) for a in aliases} - {words_of(name)}  # "Au Jus" named so is the menu's own
            led |= {a for a in said if len(a) > 1 and a[1:] in names and _a_with_word(a[0])}
    holding = _names_holding(menu)
    return {word: tuple(n for n in held if n not in led) for word, held in holding.items()}


def _a_with_word(word: str) -> bool:
    """Is ``word`` another language's "with" ("con", "avec")? Never "de": "tortilla de maiz" is
    read by the menu's "de maiz", where "of maiz" would say nothing."""
    return in_reader_words((word,), lambda at, size: False) == ("with",)


def _a_joining_word(word: str) -> bool:
    """Is ``word`` another language's "with" or "of" ("con", "avec", "de")?"""
    return in_reader_words((word,), lambda at, size: False) in (("with",), ("of",))


def _the_menus(menu: Menu, words: Words, at: int, size: int) -> bool:
    """Are ``words[at:at + size]`` the menu's own words there: inside a name said there (:func:`_said_at`:
    "du" of "soupe du jour", "deux" of "deux oeufs", "con" of "Con Queso"), which no longer name said over its
    other words outranks ("un" of the alias "un café" is an article in "un café au lait", a longer name)?"""
    names = _names_holding_own_words(menu).get(words[at], ())
    joins = " ".join(words[at : at + size]) in _ANDS
    mine = [
        (start, end)
        for j in range(at, at + size)
        for start, end in _said_at(menu, words, j)
        if not joins or start < at < at + size < end or words[start:end] in names
    ]  # "y queso" of "frijol y queso" said "frijoles y queso": the words' own "and" — a part of a name holds an
    # "and" within it, never at its edge (blind10 pupuseria); "au chocolat" of Pain au Chocolat keeps its "au"
    for start, end in mine:
        rivals = (r for j in range(start, end) if not at <= j < at + size for r in _said_at(menu, words, j))
        if not any(r_end - r_start > end - start and not r_start <= at < r_end for r_start, r_end in rivals):
            return True
    return False


def _said_at(menu: Menu, words: Words, j: int) -> list[tuple[int, int]]:
    """Where each menu name holding ``words[j]`` is said over it, whole or two words of it or more together
    ("pan au chocolat": "au chocolat" of Pain au Chocolat): (start, end) spans."""
    found = []
    for name in _names_holding_own_words(menu).get(words[j], ()):
        for k, word in enumerate(name):
            if word != words[j]:
                continue
            left = next((n for n in range(1, k + 1) if j - n < 0 or words[j - n] != name[k - n]), k + 1) - 1
            right = next((n for n in range(1, len(name) - k) if j + n >= len(words) or words[j + n] != name[k + n]), 0)
            right = right - 1 if right else len(name) - k - 1
            if left + right + 1 < min(2, len(name)):
                continue
            part = words[j - left : j] + words[j + 1 : j + right + 1]
            if left + right + 1 < len(name) and part in _whole_names(menu) and _a_joining_word(words[j]):
                continue  # "colada con" of "Colada con Leche", "con mantequilla" of "Pan con Mantequilla", "de
                # pernil" of "Arepa de Pernil" said of the Patacón (blind13 arepa-bar): a name said whole beside
                # a function word, never this one
            found.append((j - left, j + right + 1))
    return found


@per_object
def _whole_names(menu: Menu) -> frozenset[Words]:
    """Every name and alias the menu writes (:func:`_names_holding`'s names), whole."""
    return frozenset(n for held in _names_holding(menu).values() for n in held)


SLIP_LENGTH = 5  # shorter words are never mended: "bun"/"bum", "tea"/"pea" are different words


@per_object
def _said_words(menu: Menu) -> tuple[frozenset[str], frozenset[str]]:
    """The menu's words (:func:`menu_words`) but filler, and the sounds (:func:`~app.core.reading.sounds.sound_key`)
    of those of :data:`SLIP_LENGTH` letters or more."""
    words = menu_words(menu) - FILLER
    return words, frozenset(sound_key(w) for w in words if len(w) >= SLIP_LENGTH)


def near_menu_word(menu: Menu, word: str) -> bool:
    """Is ``word`` one of the menu's words, two of them run together ("oatmilk"), one slip from one (three
    letters or more: "sal" for salt) or, when long, said like one? Such a word may mean something the menu
    sells: never a note in its place."""
    known, sounds = _said_words(menu)
    if word in known or (len(word) >= SLIP_LENGTH and sound_key(word) in sounds):
        return True
    if any(word[:i] in known and word[i:] in known for i in range(3, len(word) - 2)):
        return True
    close = (k for k in known if abs(len(k) - len(word)) <= 1)
    return len(word) >= 3 and any(OSA.distance(word, k, score_cutoff=1) <= 1 for k in close)


_SENTENCE_END = re.compile(r"[.?!]+(?=\s|$)")  # "medium. no wait, make it hot": a pause, as a comma is


def said_words(menu: Menu, text: str) -> Words:
    """A whole utterance as the reader's words: normalised, commas and semicolons said as "and", slips mended,
    other languages' function words read as the reader's own (:func:`own_words`, after the menu's words)."""
    if "," not in text and ";" not in text and "." not in text and "?" not in text and "!" not in text:
        return _leads_read(menu, own_words(menu, as_menu_words(menu, tuple(normalize(text).split()))))
    parts = [normalize(p) for p in _SENTENCE_END.sub(",", text.replace(";", ",")).split(",")]
    return _leads_read(menu, own_words(menu, as_menu_words(menu, tuple(" and ".join(p for p in parts if p).split()))))


def _leads_read(menu: Menu, words: Words) -> Words:
    """``words`` with the menu's own words for a lead read as it ("tambah telur mata": extra telur mata)."""
    taught = _leads_taught(menu)
    if not taught or taught.keys().isdisjoint(words):
        return words
    return said_as_leads(words, taught, lambda at: _taught_word_named(menu, words, at))


def as_menu_words(menu: Menu, words: Words) -> Words:
    """Spelling slips mended against the menu's own item names, before anything is read.

    Two words the menu writes as one ("cheese burger" → "cheeseburger", when no name says "cheese
    burger") are joined; a word the menu does not use at all, :data:`SLIP_LENGTH` letters or more,
    becomes the one item-name word it is one edit (or one swap of neighbours) away from —
    "choclate" → "chocolate", "oinon" → "onion". Two such words, or none: the word stays as said
    (and is asked about if nothing explains it). Last, words written as they were heard are read as the
    item name they sound like, where the rest of that name was said (:func:`_heard_names`: "fuh ga").
    """
    names, known = name_words(menu), menu_words(menu)
    if may_say_the_customer(words):  # "for my son", "to start": who or when, dropped before anything is read
        words = without_customer_words(words, _names_holding(menu))
    if not REQUEST_STARTS.isdisjoint(words[1:3]):  # "papi lemme get …": who is spoken to, before the request
        words = without_address(words, known)
    words = without_whom(words, orderable_words(menu))
    if _as_written(menu, words):
        return _heard_names(menu, words)
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if i + 1 < len(words) and _joins(word, words[i + 1], names) and words[i : i + 2] not in _name_pairs(menu):
            out.append(word + words[i + 1])
            i += 2
            continue
        if len(word) >= SLIP_LENGTH and word not in known and word not in FILLER and _may_slip(word):
            close = [n for n in names if abs(len(n) - len(word)) <= 1 and OSA.distance(word, n, score_cutoff=1) <= 1]
            word = close[0] if len(close) == 1 else word
        out.append(word)
        i += 1
    return _heard_names(menu, tuple(out))


def _joins(word: str, after: str, names: Container[str]) -> bool:
    """Do two words said apart make one of the menu's name words ("cheese burger")? Never two numbers: "one 2
    piece" is one order of the 2 Piece, not the 12 Piece (a generated read on a fried-chicken menu)."""
    return word + after in names and not (word.isdigit() and after.isdigit())


def _as_written(menu: Menu, words: Words) -> bool:
    """Would :func:`as_menu_words` leave ``words`` as they are before :func:`_heard_names`? True when
    no two words said make a name word and no word is a slip to mend (the common case, told by set
    lookups alone)."""
    names, known = name_words(menu), menu_words(menu)
    for word, after in itertools.pairwise(words):
        if _joins(word, after, names):
            return False
    for word in words:
        if len(word) >= SLIP_LENGTH and word not in known and word not in FILLER and _may_slip(word):
            return False
    return True


@per_object
def _names_by_word(menu: Menu) -> dict[str, tuple[tuple[Words, int], ...]]:
    """Each word of the item names of two words or more → those names, with their item (id(item))."""
    found: dict[str, list[tuple[Words, int]]] = {}
    for key, names in item_names(menu).items():
        for name in names:
            if len(name) >= 2:
                for word in dict.fromkeys(name):
                    found.setdefault(word, []).append((name, key))
    return {word: tuple(names) for word, names in found.items()}


@per_object
def _word_owners(menu: Menu) -> dict[str, frozenset[object]]:
    """Each word of the menu → what uses it: items (by their names), options (by their phrases), categories."""
    owners: dict[str, set[object]] = {}
    for item in menu.items:
        for name in item_names(menu)[id(item)]:
            for word in name:
                owners.setdefault(word, set()).add(id(item))
        for phrase, option in option_phrases(item):
            for word in phrase:
                owners.setdefault(word, set()).add(id(option))
        for word in words_of(item.category):
            owners.setdefault(word, set()).add(item.category)
    return {word: frozenset(found) for word, found in owners.items()}


_NEVER_HEARD_AS = FILLER | NEGATIONS | NOTE_WORDS  # words that say something themselves: never a misheard name


def _may_slip(word: str) -> bool:
    """Could ``word`` (one the menu does not use) be a slip for a name? Never a number, nor another language's
    function word ("plait" of "s'il vous plaît" is no slip for "lait"), nor a word leading a message to write
    ("write it's a girl" beside a Vanilla aliased "white": blind14 cake-shop)."""
    return not word.isdigit() and word not in function_words() and word not in MESSAGE_WORDS


def _may_mend(menu: Menu, word: str, target: Words) -> bool:
    """May the said ``word`` be read as the menu's ``target`` words? Only a word the menu does not use, or
    another spelling of the same thing (everything on the menu that uses it uses ``target`` too: "shwarma"
    where the menu also writes "shwarma" for its shawarma) — never a word that says something else (a
    choice, another item, a count, filler, a note)."""
    if not _may_slip(word) or word in _NEVER_HEARD_AS or sound_key(word) in ("", "A"):
        return False
    owners = _word_owners(menu)
    if word not in owners:
        return True
    return len(target) == 1 and word in _respelt(menu) and owners[word] <= owners.get(target[0], frozenset())


def _sounds_like(said: str, target: str) -> bool:
    """Does ``said`` sound like ``target`` (:func:`~app.core.reading.sounds.sound_key`), or is it one slip
    off it (a word of :data:`SLIP_LENGTH` letters or more)?"""
    return sound_key(said) == sound_key(target) or (
        len(said) >= SLIP_LENGTH and abs(len(said) - len(target)) <= 1 and OSA.distance(said, target) <= 1
    )


@per_object
def _respelt(menu: Menu) -> frozenset[str]:
    """The menu's words that are another spelling of another of its words (:func:`_may_mend`): "shwarma"."""
    owners = _word_owners(menu)
    return frozenset(
        w
        for w in name_words(menu)
        if any(t != w and _sounds_like(w, t) and owners[w] <= owners[t] for t in name_words(menu))
    )


def _heard_as(menu: Menu, said: str, name: Words, k: int) -> int:
    """How many words of ``name`` from ``name[k]`` on the one said word ``said`` stands for: 1 when it
    sounds like ``name[k]`` (or is one slip off it), 2 when it sounds like ``name[k]`` and ``name[k + 1]``
    said as one ("cafe" for Cà Phê); 0 if neither."""
    if _sounds_like(said, name[k]):
        return 1 if _may_mend(menu, said, name[k : k + 1]) else 0
    two = name[k : k + 2]
    return 2 if len(two) == 2 and sound_key(said) == sound_key("".join(two)) and _may_mend(menu, said, two) else 0


def _aligned(menu: Menu, words: Words, start: int, name: Words) -> tuple[dict[int, Words], int] | None:
    """The said words from ``start`` on read as all of ``name``: which said word (by position) stands for
    which words of it, and how many said words the name takes. None unless every word of the name is
    there, said or heard, in order, at least one of them said as the menu writes it (not filler, not a
    number) and at least one heard otherwise."""
    mended: dict[int, Words] = {}
    anchored = False
    i, k = start, 0
    while k < len(name):
        if i >= len(words):
            return None
        if words[i] == name[k]:
            anchored = anchored or not (words[i] in FILLER or words[i].isdigit())
            i, k = i + 1, k + 1
            continue
        used = _heard_as(menu, words[i], name, k)
        if not used:
            return None
        mended[i] = name[k : k + used]
        i, k = i + 1, k + used
    return (mended, i - start) if anchored and mended else None


@per_object
def _heard_as_written(menu: Menu) -> frozenset[str]:
    """The words :func:`_heard_names` never reads as another: the menu's own (but another spelling of
    another of its words) and the words that say something themselves."""
    return (menu_words(menu) - _respelt(menu)) | _NEVER_HEARD_AS | function_words()


def _heard_names(menu: Menu, words: Words) -> Words:
    """Words a speech model wrote as it heard them, read as the item name they sound like.

    A run of said words lines up with a whole item name of two words or more, each said word either the
    name's word or sounding like it (:func:`app.core.reading.sounds.sound_key`): "fuh ga" is Phở Gà,
    "boon bo hway" Bún Bò Huế, "pan au chocolat" Pain au Chocolat, "two peace chicken meal" the 2-Piece
    Chicken Meal, "cafe sua da" Cà Phê Sữa Đá. A word is only heard as what one item's names say: when
    it lines up with the words of two items' names ("pho tie" with Phở Tái and a Phở Tây), it stays as
    said, and the reader asks.
    """
    written = _heard_as_written(menu)
    for w in words:
        if w not in written and not w.isdigit():
            break
    else:
        return words  # the common case: every word the menu's own, said as the menu writes it
    by_word = _names_by_word(menu)
    names = dict.fromkeys(n for w in words for n in by_word.get(w, ()))
    said_as_written = [0] * len(words)  # the longest name said as the menu writes it, over each word
    for name, _ in names:
        for start in range(len(words) - len(name) + 1):
            if words[start : start + len(name)] == name:
                for at in range(start, start + len(name)):
                    said_as_written[at] = max(said_as_written[at], len(name))
    heard: dict[int, list[tuple[Words, int]]] = {}
    for name, owner in names:
        for start in range(len(words)):
            lined_up = _aligned(menu, words, start, name)
            if lined_up is None:
                continue
            mended, span = lined_up  # a longer name heard beats a shorter one said ("chicken shwarma wrap")
            for at, said in mended.items():
                if span > said_as_written[at]:
                    heard.setdefault(at, []).append((said, owner))
    out = list(words)
    for at, readings in sorted(heard.items(), reverse=True):
        if len({said for said, _ in readings}) == 1 or len({owner for _, owner in readings}) == 1:
            out[at : at + 1] = readings[0][0]
    return tuple(out)
