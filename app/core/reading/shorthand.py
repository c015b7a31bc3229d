"""Shorthand the menu defines in an item's description: "double double = 2 cream 2 sugar".

A menu writer who says in an item's description what a house word means gives the reader that word's choices:
said whole, it is those options, each as many times as written. Menus phrase it many ways — "Regular = milk and
two sugars", "'Everything' on it: lettuce, tomato, onions", "All dressed (tout garni): mustard, relish",
"double double means 2 cream 2 sugar", "'the works' is ketchup, mustard and relish", "Everything (lettuce,
tomato)" — so a clause is a definition where it says a short name (a quoted one first, with any name in brackets
beside it), then "=", ":", "means", a quoted name's "is", or the options in brackets; and what follows is a list of
the item's own option names or aliases (joined by commas, "and", "with", "plus"; a gloss in brackets dropped),
each with a count before it ("3 sugars", "two sugars") or after it ("sugar x3"), within that option's
``max_quantity``. A list that says nothing is added ("black = nothing added", "black = no milk" where milk is no
default) is kept as nothing: said of the item, it changes nothing. Anything else ("mit alles = mit Salat und allen
drei Soßen", "Toppings: …" where that is a group's name) is left to the rules that read it. One shorthand per
line: a second one said stays unexplained, so it is asked about (issue #23, blind10 coffee-and-donuts, blind11
bodega-deli and poutine-shop).
"""

from __future__ import annotations

import re

from app.core.menu import Item, Menu, Option
from app.core.reading.memo import per_object
from app.core.reading.spoken import NEGATIONS, unprefixed
from app.core.reading.vocabulary import Words, choice_groups, find_phrase, option_phrases, words_of

# what a definition that adds nothing says after "="
_NOTHING = frozenset({("nothing",), ("nothing", "added"), ("none",), ("nothing", "in", "it")})

# where one definition ends: a semicolon, a line, or a full stop that is no decimal point
_CLAUSES = re.compile(r"[;\n]|\.(?!\d)")
# what says a name's meaning follows: "=", ":", "means", "stands for"
_SAYS = re.compile(r"=|:|\bmeans\b|\bstands for\b", re.IGNORECASE)
_GLOSS = re.compile(r"\(([^()]*)\)")  # "light (extra milk)": a gloss beside a word, never a word of the list
_QUOTED = re.compile(r"^\s*['\"“‘]([^'\"“”‘’]+)['\"”’]")  # the name a writer quotes at the clause's start
_IS = re.compile(r"^\s*(?:is|are)\b", re.IGNORECASE)
_JOINS = frozenset({"and", "with", "plus", "also"})  # what joins a list's options ("milk and 2 sugar")
_ARTICLES = frozenset({"a", "an"})
_NONE_OF = frozenset({"no", "without"})
_LONGEST_NAME = 4  # words: a longer "name" is a sentence ("served on a hero with …: …"), never a house word


def _definitions(item: Item) -> tuple[tuple[tuple[Words, ...], str, bool], ...]:
    """``item``'s description clauses that define a name: (the names said, the text they mean, whether by "=")."""
    out: list[tuple[tuple[Words, ...], str, bool]] = []
    for clause in _CLAUSES.split(item.description or ""):
        quoted = _QUOTED.match(clause)
        says = _SAYS.search(clause)
        if says is not None:
            said, means = clause[: says.start()], clause[says.end() :]
            if says.group(0) == ":" and _QUOTED.match(means) and _SAYS.search(means):  # "Toppings bar: 'everything'
                said, means = re.split(_SAYS, means, maxsplit=1)  # means every topping": the quoted name's
        elif quoted is not None and (is_ := _IS.match(clause[quoted.end() :])) is not None:
            said, means = quoted.group(0), clause[quoted.end() + is_.end() :]
        elif (bracket := clause.rfind("(")) > 0 and clause.rstrip().endswith(")"):
            said, means = clause[:bracket], clause[bracket + 1 : clause.rstrip().rfind(")")]  # "Everything (a, b)"
        else:
            continue
        quoted = _QUOTED.match(said)
        if quoted is None and "," in said:
            continue  # "No meat, no cheese: lettuce, tomato": a list said, never one name
        named = [quoted.group(1)] if quoted is not None else [_GLOSS.sub(" ", said)]
        names = tuple(w for w in (words_of(n) for n in (*named, *_GLOSS.findall(said))) if w)
        if names:
            out.append((names, _GLOSS.sub(" ", means), says is not None and says.group(0) == "="))
    return tuple(out)


@per_object
def described_shorthand(item: Item) -> tuple[tuple[Words, tuple[Option, ...]], ...]:
    """``item``'s description definitions, (the words said, the options they are) — longest words first;
    () where its description defines none."""
    taken = _names_taken(item)
    out: list[tuple[Words, tuple[Option, ...]]] = []
    for names, means, _ in _definitions(item):
        meant = words_of(means.replace("×", " x "))
        options = _counted_options(item, meant)
        options = _every_option_of(item, meant) if options is None else options
        if options is None:
            continue
        out += [
            (words, options)
            for words in names
            if len(words) <= _LONGEST_NAME and words not in taken and not any(w.isdigit() for w in words)
        ]  # "4 by 4" is a count; a group's or option's own name ("Toppings: …") is said of that, not of a list
    return tuple(sorted(out, key=lambda p: -len(p[0])))


@per_object
def defined_words(item: Item) -> frozenset[Words]:
    """Every word ``item``'s description defines with "=", whatever it is said to be ("mit alles = …" too), and
    every shorthand it defines otherwise: words that say choices, never words of the dish itself
    (:func:`~.rivals.described_item`)."""
    by_equals = (n for names, _, equals in _definitions(item) if equals for n in names)
    return frozenset((*by_equals, *(w for w, _ in described_shorthand(item))))


def _names_taken(item: Item) -> frozenset[Words]:
    """The names ``item``'s own groups, options and the item itself answer to: never a shorthand of a list."""
    options = (n for g in choice_groups(item) for o in g.options for n in (o.name, *o.aliases))
    groups = (g.name for g in choice_groups(item))
    return frozenset(words_of(n) for n in (item.name, *item.aliases, *options, *groups))


def _counted_options(item: Item, words: Words) -> tuple[Option, ...] | None:
    """ "2 cream 2 sugar", "milk and 2 sugar", "lettuce tomato salt and pepper", "sugar x3" → the options, each
    as many times as said; "nothing added", "no milk" (no default) → (); None where any word is not so, or a
    count passes what the option allows."""
    if words in _NOTHING:
        return ()
    names = sorted(
        ((words_of(n), o) for g in choice_groups(item) for o in g.options for n in (o.name, *o.aliases)),
        key=lambda p: -len(p[0]),
    )
    out: list[Option] = []
    at, said = 0, False
    while at < len(words):
        named = _named_at(names, words, at)
        if named is None and words[at] in _JOINS:
            at += 1
            continue
        none_of = words[at] in _NONE_OF
        count = int(words[at]) if words[at].isdigit() else 1 if words[at] in _ARTICLES or none_of else None
        if named is None and count is not None:
            at += 1
            named = _named_at(names, words, at)
        if named is None:
            return None
        at += len(named[0])
        if words[at : at + 1] == ("x",) and words[at + 1 : at + 2] and words[at + 1].isdigit():
            count, at = int(words[at + 1]), at + 2  # "sugar x 3"
        elif at < len(words) and words[at][:1] == "x" and words[at][1:].isdigit():
            count, at = int(words[at][1:]), at + 1  # "sugar x3"
        said = True
        if none_of:
            if named[1].default:
                return None  # taking off what comes: no list of additions says that
            continue
        if not 0 < (count or 1) <= max(named[1].max_quantity, 1):
            return None
        out += [named[1]] * (count or 1)
    return tuple(out) if said else None


def _whole_group(item: Item, options: tuple[Option, ...]) -> bool:
    """Are ``options`` every option one group of ``item`` offers, each once ("every topping")?"""
    groups = [g for g in choice_groups(item) if options and g.id == options[0].group_id]
    return bool(groups) and sorted(id(o) for o in options) == sorted(id(o) for o in groups[0].options if o.available)


def _every_option_of(item: Item, words: Words) -> tuple[Option, ...] | None:
    """ "all five chutneys", "every topping", "all the toppings" → every option of the group so named (each once),
    where it may take them all and the count said, if any, is how many it offers; else None (blind15 roti-shop)."""
    if words[:1] not in (("all",), ("every",)):
        return None
    rest = words[1 + (words[1:2] == ("the",)) :]
    count = int(rest[0]) if rest[:1] and rest[0].isdigit() else None
    rest = rest[count is not None :]
    for group in choice_groups(item):
        offered = tuple(o for o in group.options if o.available)
        if words_of(group.name) == rest and len(offered) <= group.max and count in (None, len(offered)):
            return offered
    return None


def _named_at(names: list[tuple[Words, Option]], words: Words, at: int) -> tuple[Words, Option] | None:
    """The longest option name or alias said whole at ``words[at]``, or None."""
    return next(((n, o) for n, o in names if n and words[at : at + len(n)] == n), None)


@per_object
def shared_shorthand(menu: Menu) -> dict[int, tuple[tuple[Words, tuple[Option, ...]], ...]]:
    """The shorthand an item borrows from the others (id(item) → (the words, its options)): a word every item of
    ``menu`` defining it defines alike ("all dressed" = mustard, relish, onions, coleslaw, written on the Hot Dog
    and the Steamed Hamburger) is the menu's, so an item defining nothing under it whose own options include
    every one it lists, by name, is those options too (the Hot Dog Trio "all dressed"; blind11 poutine-shop).
    Items defining it otherwise ("everything" on a chopped cheese and on a hero) make it no word of the menu."""
    meant: dict[Words, set[tuple[Words, ...]]] = {}
    for item in menu.items:
        for words, options in described_shorthand(item):
            meant.setdefault(words, set()).add(tuple(words_of(o.name) for o in options))
    alike = {words: next(iter(names)) for words, names in meant.items() if len(names) == 1 and next(iter(names))}
    out: dict[int, tuple[tuple[Words, tuple[Option, ...]], ...]] = {}
    for item in menu.items if alike else ():
        own = {w for w, _ in described_shorthand(item)}
        said = {w for n in _names_taken(item) for w in n}  # "regular" of a Hot Tea's "regular tea": its own word
        by_name = {words_of(o.name): o for g in choice_groups(item) for o in g.options}
        lent = tuple(
            (words, tuple(by_name[n] for n in names))
            for words, names in alike.items()
            if words not in own and said.isdisjoint(words) and all(n in by_name for n in names)
        )
        if lent:
            out[id(item)] = lent
    return out


def take_shorthand(
    item: Item, work: list[str | None], lent: tuple[tuple[Words, tuple[Option, ...]], ...] = ()
) -> tuple[Words, tuple[Option, ...]] | None:
    """The one shorthand of ``item``'s description (or ``lent`` it by the menu: :func:`shared_shorthand`) said
    whole in ``work`` (its words marked used): its words and its options; None where none is said. A second
    shorthand stays unexplained, so it is asked about."""
    for words, options in (*described_shorthand(item), *lent):
        at = find_phrase(work, words)
        if at >= 0:
            end = at + len(words) + (work[at + len(words) : at + len(words) + 1] == ["else"])  # "no pepper,
            work[at:end] = [None] * (end - at)  # everything else": the same, less what is taken off
            return words, options
    return None


def taken_off_shorthand(item: Item, work: list[str | None], options: tuple[Option, ...]) -> tuple[Option, ...]:
    """``options`` of a shorthand said, less each of them said taken off in ``work`` ("everything, no onions",
    "all dressed but no onions"): a choice the shorthand lists is off that line, never a word left to ask about;
    its words are marked used, but a taken-off said apart from an "everything" that is every option of a group
    ("everything, no onions") stays a note."""
    if not options or not any(w in NEGATIONS for w in work):
        return options
    left = list(options)
    whole = _whole_group(item, options)
    for at, word in enumerate(work):
        if word not in NEGATIONS:
            continue
        after = at + 1 + (work[at + 1 : at + 2] == ["the"])
        said = next(
            ((p, o) for p, o in option_phrases(item) if o in left and tuple(work[after : after + len(p)]) == p),
            None,
        )
        if said is not None:
            left = [o for o in left if o != said[1]]
            if not said[1].default and (not whole or (at and work[at - 1] is None)):  # one that comes with the
                # item is still taken off it by the usual rule; "everything, no coleslaw" of an "everything" that
                # is every topping (the negation said apart from it) keeps its note, the one exception to "all"
                # the kitchen reads, "everything but coleslaw" none (blind15 roti-shop); a listed shorthand's
                # is plain from the list ("all dressed, one of them no onions": blind11 poutine-shop)
                work[at : after + len(said[0])] = [None] * (after + len(said[0]) - at)
    return tuple(left)


def shorthand_taken_off(
    item: Item, work: list[str | None], lent: tuple[tuple[Words, tuple[Option, ...]], ...] = ()
) -> list[str]:
    """ "a shrimp po'boy, undressed" where the description says "Dressed = lettuce, tomato, pickles and mayo": a
    one-word shorthand said with a negation glued on ("undressed", "nondressed") is none of what it lists —
    each of its options that comes with ``item`` taken off as "no …" (what it lists that does not come is
    simply not added). Marks the word used; [] where no such word is said (blind13 poboy-shop)."""
    named = {words[0]: options for words, options in (*described_shorthand(item), *lent) if len(words) == 1}
    if not named:
        return []
    for at, word in enumerate(work):
        stem = unprefixed(word, set(named)) if word is not None else None
        if stem is not None:
            work[at] = None
            return [f"no {' '.join(words_of(o.name))}" for o in dict.fromkeys(named[stem]) if o.default]
    return []


def restated_once(said: list[Option], listed: tuple[Option, ...]) -> list[Option]:
    """What a shorthand ``listed`` adds to the options ``said`` by name beside it: an option both name
    ("dressed, extra pickles" where Dressed lists Pickles, had once) is one choice, never twice past what it
    allows — so "extra" is read of the one on, a note (blind13 poboy-shop)."""
    out: list[Option] = []
    for option in listed:
        if said.count(option) + out.count(option) < max(option.max_quantity, 1) or option not in said:
            out.append(option)
    return out
