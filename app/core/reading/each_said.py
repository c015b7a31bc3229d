"""A count, then each unit described: "two large pies one pepperoni one sausage", "two sodas, a coke and a
sprite". Each part is one of those counted, never more of the item nor one line carrying every choice
(issue #23, the black-box breaker's silently wrong lines)."""

from __future__ import annotations

from app.core.menu import Item, Menu
from app.core.reading.counts import with_quantity
from app.core.reading.fit import best_fits, fit_words
from app.core.reading.questions import candidate
from app.core.reading.spoken import FILLER
from app.core.reading.vocabulary import Words, choice_groups
from app.errors import ItemAmbiguous

_ARTICLES = frozenset({"a", "an"})


def each_described(menu: Menu, chunks: list[Words], prune: bool) -> list[Words]:
    """``chunks`` with the units of a counted item each described said apart (:func:`_ones_cut_off`,
    :func:`_each_with_an_article`)."""
    counted = [(chunk, _counted_item(menu, chunk, prune)) for chunk in chunks]  # each chunk ranked once
    return _each_with_an_article(menu, _ones_cut_off(counted), prune)


def _ones_cut_off(counted: list[tuple[Words, Item | None]]) -> list[tuple[Words, Item | None]]:
    """ "2 large pie 1 pepperoni 1 sausage": single ones said with no comma after the count, each only choices
    of the item counted in groups that take several, are cut off as if after a comma (one line each). In a
    group of one ("two burgers one medium one well done") the one line read whole answers it twice, which is
    asked — said so, without a comma, it stays asked (the corpus labels). ``counted``: each chunk with the item
    it counts (:func:`_counted_item`); a piece cut off counts none."""
    out: list[tuple[Words, Item | None]] = []
    for chunk, item in counted:
        at = next((i for i in range(1, len(chunk)) if item is not None and _ones_run_at(chunk, i)), None)
        if item is None or at is None or chunk[at - 1] in FILLER:
            out.append((chunk, item))
            continue
        limits = {g.id: g.max for g in choice_groups(item)}
        fits = [fit_words(item, p, None) for p in _ones_in(chunk[at:])]
        several = all(
            f is not None and not f.unknown and f.options and all(limits.get(o.group_id, 1) > 1 for o in f.options)
            for f in fits
        )
        out += [(chunk[:at], item), (chunk[at:], None)] if several else [(chunk, item)]
    return out


def _counted_item(menu: Menu, chunk: Words, prune: bool) -> Item | None:
    """The item ``chunk`` names whole with a count of two or more ("2 large pie"), or None."""
    count, rest = with_quantity(chunk)[0]
    if (count or 1) < 2:
        return None
    ranked = best_fits(menu, rest, prune)
    return ranked[0].item if ranked and not ranked[0].unknown and ranked[0].named else None


def _ones_in(words: Words) -> list[Words]:
    """ "1 pepperoni 1 sausage" → [pepperoni, sausage]."""
    parts: list[list[str]] = []
    for w in words:
        if w == "1":
            parts.append([])
        else:
            parts[-1].append(w)
    return [tuple(p) for p in parts]


def _ones_run_at(words: Words, at: int) -> bool:
    """ "2 large pie 1 pepperoni 1 sausage": from ``at`` on, the words are single ones ("1 A 1 B"), at least
    two (as many as counted, or fewer: the rest as said; more is asked). A lone "1" is never cut off ("2 lattes
    1 pump": the pump's count), nor one with a count within it ("1 with 1 pump")."""
    counted = with_quantity(words)[0][0] or 1
    if counted < 2 or words[at] != "1":
        return False
    end = len(words)
    parts: list[list[str]] = []
    for j in range(at, end):
        if words[j] == "1" and words[j - 1] not in FILLER:
            parts.append([])
        elif words[j] == "1":
            return False  # "1 with 1 pump": a count within one of them
        else:
            parts[-1].append(words[j])
    return len(parts) >= 2 and all(any(w not in FILLER for w in p) for p in parts)


def _each_with_an_article(menu: Menu, counted: list[tuple[Words, Item | None]], prune: bool) -> list[Words]:
    """ "2 soda / a coke / a sprite": after a counted item, the run of parts said with "a" / "an" that are each
    only choices of that item, all answering one group of it, are single ones of those counted ("1 coke",
    "1 sprite") when there are as many as counted. More or fewer (at least two) is asked, never added: which
    ones are meant cannot be known. A part naming another item whole, or choices of different groups, leaves
    the chunks as said (they may be items of their own)."""
    chunks = [chunk for chunk, _ in counted]
    out = list(chunks)
    for k, (chunk, item) in enumerate(counted):
        if item is None:
            continue
        units = with_quantity(chunk)[0][0] or 2
        run = _parts_of(menu, item, chunks[k + 1 :], prune)
        if len(run) < 2:
            continue
        if len(run) != units:
            said = " and ".join(" ".join(c) for c in chunks[k + 1 : k + 1 + len(run)])
            raise ItemAmbiguous(
                f"{said!r}: {len(run)} said of the {units} {item.name} — how many of each?",
                query=said,
                candidates=[candidate(item)],
            )
        for j in range(k + 1, k + 1 + len(run)):
            out[j] = ("1", *chunks[j][1:])
    return out


def _parts_of(menu: Menu, item: Item, chunks: list[Words], prune: bool) -> list[Words]:
    """The leading chunks said "a X" where X is only choices of ``item`` sharing one group, and names no
    other item whole; [] when they do not share a group."""
    run: list[Words] = []
    groups: set[str] | None = None
    for chunk in chunks:
        if len(chunk) < 2 or chunk[0] not in _ARTICLES:
            break
        fit = fit_words(item, chunk[1:], None)
        if fit is None or fit.unknown or not fit.options:
            break
        ranked = best_fits(menu, with_quantity(chunk)[0][1], prune)
        if ranked and ranked[0].named and not ranked[0].unknown and ranked[0].item is not item:
            break  # "two burgers, a coke and a sprite": the Coke may be an item of its own
        these = {o.group_id for o in fit.options}
        groups = these if groups is None else groups & these
        run.append(chunk)
    return run if groups else []
