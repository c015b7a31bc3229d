"""A whole spoken order → its items: the phrase cut at "and" / "," / "a side of", each piece read by
:mod:`app.core.reading.item`, the model's ``modifiers`` read as the last item's list of choices.

``read_order(menu, "a cheeseburger medium with cheddar and fries and a coke")`` answers one
:class:`~app.core.reading.item.Reading` per item said, or the question for a part that is not clear.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.menu import Item, Menu, Option
from app.core.reading.corrections import bare_count, one_of_them, recount, strip_marker
from app.core.reading.exact import exact_reading
from app.core.reading.item import Reading, best_fits, fit_words, item_fits, read_item, reading_of, with_quantity
from app.core.reading.questions import ask_about_words, candidate
from app.core.reading.quick import quick_reading
from app.core.reading.spoken import SEPARATORS
from app.core.reading.vocabulary import (
    Words,
    choice_groups,
    find_phrase,
    option_phrases,
    protected_phrases,
    said_words,
    words_of,
)
from app.errors import CartError, ItemAmbiguous, ItemNotFound, ModifierInvalid

# --- cutting a phrase into items ----------------------------------------------------------------------


def _chunks(menu: Menu, words: Words) -> list[Words]:
    """Cut at separators outside menu phrases ("chips and guac" stays whole)."""
    guarded = [False] * len(words)
    for phrase in protected_phrases(menu):
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if words[i : i + n] == phrase:
                guarded[i : i + n] = [True] * n
    chunks: list[list[str]] = [[]]
    for i, (word, guard) in enumerate(zip(words, guarded, strict=True)):
        if word == "of" and i and words[i - 1] == "side" and not guard:
            chunks[-1].pop()  # "… with a side of onion rings": a side is an item of its own or a choice
            chunks.append([])
        elif word in SEPARATORS and not guard:
            chunks.append([])
        else:
            chunks[-1].append(word)
    return [tuple(c) for c in chunks if c]


def _only_choices(menu: Menu, item: Item, before: Words, chunk: Words) -> bool:
    """``chunk`` says only options/notes of ``item`` ("and a coke" after a combo), none of them a second
    answer to a one-choice group already answered in ``before`` ("a large coke and a large diet coke")."""
    if chunk and chunk[0].isdigit():
        return False
    fit = fit_words(item, chunk, None)
    if fit is None or fit.unknown or not (fit.options or fit.notes):
        return False
    if chunk[0] not in ("a", "an"):
        return True  # "american … and swiss": a second answer stays with its item, to be asked about
    said = item_fits(menu, item, before)
    earlier = min(said).options if said else ()
    groups = {g.id: g.max for g in choice_groups(item)}
    chosen = [o.group_id for o in (*earlier, *fit.options)]
    return all(chosen.count(g) <= groups.get(g, 1) for g in set(chosen))


def _corrected(
    menu: Menu, piece: Words, chunk: Words, item: Item | None, prune: bool = True
) -> tuple[Words, Item | None]:
    """``piece`` as ``chunk`` corrects it: a count replaces its count, an item replaces it, a choice joins it."""
    count = bare_count(chunk)
    if count is not None:
        return recount(piece, count), item
    ranked = best_fits(menu, with_quantity(chunk)[0][1], prune)
    if ranked and ranked[0].named and not ranked[0].unknown:
        return chunk, ranked[0].item  # "a cookie, no wait, a brownie"
    return (*piece, "and", *chunk), item  # a changed choice: a clash with the one before is asked


def split_items(menu: Menu, text: str, prune: bool = True) -> list[Words]:
    """The pieces of ``text`` that each name one item (choices stay with their item)."""
    words = said_words(menu, text)
    chunks = _chunks(menu, words)
    corrected = any(strip_marker(c)[1] for c in chunks)
    whole = best_fits(menu, with_quantity(words)[0][1], prune)
    if not corrected and whole and not whole[0].unknown and (whole[0].named or whole[0].options):
        return [words]  # one item with all its choices ("… with sausage and mushrooms")
    pieces: list[Words] = []
    current_item: Item | None = None
    correcting = False
    for said in chunks:
        chunk, marked = strip_marker(said)
        if marked and not chunk:
            correcting = True  # "three waters, no, two": the next words correct the last
            continue
        if (marked or correcting) and pieces:
            correcting = False
            pieces[-1], current_item = _corrected(menu, pieces[-1], chunk, current_item, prune)
            continue
        if pieces and current_item is not None and _only_choices(menu, current_item, pieces[-1], chunk):
            pieces[-1] = (*pieces[-1], "and", *chunk)
            continue
        ranked = best_fits(menu, with_quantity(chunk)[0][1], prune)
        top = ranked[0] if ranked else None
        stands_alone = top is not None and not top.unknown and (top.named or top.options)
        if pieces and not stands_alone:
            pieces[-1] = (*pieces[-1], "and", *chunk)
            continue
        pieces.append(chunk)
        current_item = top.item if top is not None else None
    return pieces


def read_order(
    menu: Menu, text: str, modifiers: tuple[str, ...] = (), *, prune: bool = True
) -> list[Reading | CartError]:
    """Each item said in ``text`` (+ ``modifiers``, choices said for the last of them), or its question.

    ``prune``: score only the items that could matter (:mod:`.candidates`) and read a clean phrase
    without scoring (:mod:`.quick`); False scores every item on every piece (the reference they are
    tested against, tests/core/reading/test_pruned.py)."""
    if not isinstance(text, str) or not text.strip():
        return [ItemNotFound("say which item", query=text, suggestions=[])]
    exact = menu.item(text)
    if exact is not None and not modifiers:
        return [Reading(exact, said=text)]
    ids = exact_reading(menu, text, modifiers)
    if ids is not None:  # an item id with option ids: read as given, never cut or scored
        return [ids]
    quick = quick_reading(menu, text) if prune and exact is None and not modifiers else None
    if quick is not None:  # one item and its choices said plainly: the answer, without scoring the menu
        return [quick]
    pieces = (
        [(" ".join(p), p) for p in split_items(menu, text, prune)] if exact is None else [(text, words_of(exact.name))]
    )
    if len(pieces) == 1:
        pieces = [(text.strip(), pieces[0][1])]  # one item: say it back in the customer's own words
    extra = tuple(w for m in modifiers for w in ("and", *words_of(m)))
    out: list[Reading | CartError] = []
    for n, (said, words) in enumerate(pieces):
        last = n == len(pieces) - 1
        if n and not (last and modifiers) and _one_of_them(menu, pieces[n - 1][1], words, out, prune):
            continue  # "two lattes, one with almond milk": the count split between the two readings
        found: Reading | CartError | None = None
        if last and modifiers:
            try:
                found = _with_modifiers(menu, words, said, modifiers, prune)
            except CartError as exc:
                found = exc
        if found is not None:
            out.append(found)
            continue
        try:  # the modifiers also rank the items ("shake" + ["chocolate"] is the chocolate one)
            out.append(read_item(menu, (*words, *extra) if last else words, said, extra if last else (), prune))
        except CartError as exc:
            out.append(exc)
    return out or [ItemNotFound("say which item", query=text, suggestions=[])]


def _one_of_them(menu: Menu, before: Words, words: Words, out: list[Reading | CartError], prune: bool = True) -> bool:
    """``words`` ("1 with almond milk") say choices for one of the items just read (``out[-1]``, counted
    two or more): that one is read with them and the count before goes down by one. False when not so."""
    rest = one_of_them(words)
    prev = out[-1] if out else None
    if rest is None or not isinstance(prev, Reading) or (prev.quantity or 1) < 2:
        return False
    fit = fit_words(prev.item, rest, None)
    if fit is None or fit.unknown or not (fit.options or fit.notes):
        return False
    _, plain = with_quantity(before)[0]
    try:
        one = read_item(menu, (*plain, "and", *rest), " ".join(words), prune=prune)
    except CartError as exc:
        out.append(exc)
        return True
    if one.item is not prev.item:
        return False
    out[-1] = replace(prev, quantity=(prev.quantity or 1) - 1)
    out.append(replace(one, quantity=1))
    return True


def _with_modifiers(
    menu: Menu, words: Words, said: str, modifiers: tuple[str, ...], prune: bool = True
) -> Reading | None:
    """The item the phrase alone names, with the ``modifiers`` as its list of choices: a choice the phrase
    named and the modifiers restate counts once, repeats among the modifiers count. None when the
    phrase alone names no one item (then phrase and modifiers are read together)."""
    fits = best_fits(menu, with_quantity(words)[0][1], prune)
    try:
        alone = read_item(menu, words, said, prune=prune)
    except ItemAmbiguous:
        if fits and not fits[0].named and fits[0].options and not fits[0].unknown:
            raise  # {"item": "turkey"}: a choice of several items — the modifiers never pick the item for it
        return None
    except CartError:
        return None
    said_choices = sorted(o.name for o in fits[0].options) if fits and not fits[0].named else None
    holding = [
        f.item for f in fits if not f.named and not f.unknown and sorted(o.name for o in f.options) == said_choices
    ]
    if len(holding) > 1:  # {"item": "turkey"} where Turkey is a choice of two items: which item is it for?
        raise ItemAmbiguous(
            f"{said!r} is a choice on " + " or ".join(i.name for i in holding) + "; which item?",
            query=said,
            candidates=[candidate(i) for i in holding],
        )
    listed = read_choices(menu, alone.item, modifiers)
    restated = {o.id for o in listed.options} | ({listed.variation.id} if listed.variation else set())
    options = (*listed.options, *(o for o in alone.options if o.id not in restated))
    variation = listed.variation or alone.variation
    notes = tuple(dict.fromkeys((*alone.notes, *listed.notes)))
    removals = tuple(dict.fromkeys((*alone.removals, *listed.removals)))
    return Reading(alone.item, alone.quantity, options, notes, said, variation, removals)


def read_choices(menu: Menu, item: Item, texts: tuple[str, ...]) -> Reading:
    """Choices said for a known ``item`` (ids, names, or phrases): a :class:`Reading` of it.

    Raises ``modifier_invalid`` naming the words that are no choice of the item (and the one group
    they belong to, when they do on other items).
    """
    by_id = {o.id: o for g in choice_groups(item) for o in g.options}
    options = [by_id[t] for t in texts if t in by_id]
    said = [t for t in texts if t not in by_id]
    words = tuple(w for t in said for w in ("and", *words_of(t)))
    fit = fit_words(item, words, None)
    if fit is None:  # pragma: no cover - a reading without a name always exists
        raise ModifierInvalid(f"I didn't understand {', '.join(said)!r}", item=item.name, item_id=item.id)
    if fit.unknown:
        ask_about_words(menu, fit, " ".join(said), words)
    fit.options = tuple(sorted((*options, *fit.options), key=lambda o: _said_at(item, texts, o)))  # as said
    return reading_of(fit, item.name)


def _said_at(item: Item, texts: tuple[str, ...], option: Option) -> int:
    """Which of ``texts`` said ``option`` (its id, or one of its phrases): keeps the choices in the order said."""
    phrases = [p for p, o in option_phrases(item) if o is option]
    for i, text in enumerate(texts):
        if text == option.id or any(find_phrase(list(words_of(text)), p) >= 0 for p in phrases):
            return i
    return len(texts)
