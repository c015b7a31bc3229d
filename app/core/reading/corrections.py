"""Self-corrections and "one with …" inside one utterance: the correction wins, nothing corrected remains.

"a cookie, no wait, a brownie" is a brownie; "three waters, no, two" is two waters; "a miso soup,
actually make it two" is two miso soups. A marker ("no wait", "actually", "I mean", "make that", a
lone "no" between commas) makes the words after it replace what they correct: a count replaces the
count, an item the item; other words (a choice) join the item they correct, so a clash with the
choice said before is asked about, never guessed.

"two lattes, one with almond milk" splits the count: one latte with almond milk and one without; "two
margaritas, one frozen and one on the rocks" is two lines, each with what was said for both.
"""

from __future__ import annotations

from app.core.reading.counts import said_count_words
from app.core.reading.spoken import FILLER, NEGATIONS, said_as
from app.core.reading.vocabulary import Words

MARKERS: tuple[Words, ...] = (
    ("no", "wait"),
    ("wait", "no"),
    ("no", "no"),
    ("oh", "wait"),
    ("no", "sorry"),
    ("wait",),
    ("actually",),
    ("sorry",),
    ("i", "mean"),
    ("scratch", "that"),
    ("make", "that"),
    ("make", "it"),
    ("change", "that"),
    ("change", "it"),
    ("instead",),
)

# sounds said while deciding, before a "no" that takes back what was just said
_HESITATIONS = frozenset({"uh", "uhh", "um", "umm", "er", "eh", "oh", "ah"})


def strip_marker(chunk: Words) -> tuple[Words, bool]:
    """``chunk`` without the correction markers it starts with, and whether it had one. A chunk that is
    only "no" ("three waters, no, two") is a marker, after a hesitation too ("…, uh no, kari ayam"); "no onions"
    is not."""
    if chunk[-1:] in (("no",), ("nope",)) and set(chunk[:-1]) <= _HESITATIONS:
        return (), True
    marked = False
    again = True
    while again:
        again = False
        if chunk[:1] in (("no",), ("nope",)) and (bare_count(chunk[1:]) is not None or _starts_marked(chunk[1:])):
            chunk, marked, again = chunk[1:], True, True  # "no, make it two extra shots", "no 2"
            continue
        for marker in MARKERS:
            if chunk[: len(marker)] == marker:
                chunk, marked, again = chunk[len(marker) :], True, True
    if marked and chunk in (("no",), ("nope",)):
        return (), True  # "…, actually no, just the honey walnut": the words after correct the last
    if chunk[:2] in (("swap", "the"), ("switch", "the")):
        return chunk, True  # "…, swap the corn for mac": a choice said before taken back, never an item
    return chunk, marked


def marker_last(chunks: list[Words]) -> list[Words]:
    """ "extra halloumi, double halloumi actually": an "actually" said last, after a part, takes that part back
    as one said first does ("actually, double halloumi"; issue #23, blind12 peri-peri). ``chunks`` with the
    marker moved before the part it follows; unchanged where the phrase does not end so."""
    if len(chunks) < 3 or chunks[-1] != ("actually",):
        return chunks
    return [*chunks[:-2], ("actually", *chunks[-2])]


_ONLY_MAKE = frozenset({("make", "that"), ("make", "it"), ("instead",)})  # "make it spicy" may add, not correct


def takes_back(chunk: Words) -> bool:
    """Does ``chunk`` start by taking back what was said ("no wait", "actually", "no, make it …", "make that
    …") or end with "instead" ("make it bacon instead"), not only "make it" (which as often adds a choice: "a
    crunchy roll, make it spicy")? Issue #23 (break10, kind D): "with avocado, make that bacon" is bacon."""
    if chunk[:1] in (("no",), ("nope",)) or chunk[:2] == ("make", "that") or chunk[-1:] == ("instead",):
        return True
    return any(chunk[: len(m)] == m for m in MARKERS if m not in _ONLY_MAKE)


# take-back markers that end one saying inside a run of words, as if after a comma ("three cookies no wait
# two"); never "make it" / "instead" (they add: "tzatziki instead"), never a lone "no" ("no onions")
_WITHIN = tuple(m for m in MARKERS if m not in _ONLY_MAKE)
WITHIN_STARTS = frozenset(m[0] for m in _WITHIN)  # a word that may start one (checked first: cheap)


def marker_within(words: Words, at: int, menu_words: frozenset[str]) -> bool:
    """Does a take-back marker start at ``at`` (not the first word), ending what was said before it ("a
    cookie no wait a brownie")? Never a marker whose words (a lone "no" aside) are the menu's own."""
    if at == 0:
        return False
    return any(words[at : at + len(m)] == m and not any(w in menu_words for w in m if w != "no") for m in _WITHIN)


def cancelled(chunk: Words, marked: bool) -> Words | None:
    """What ``chunk`` takes back whole: "never mind the fries" → fries; after a take-back marker ("actually no
    fries", "no wait, no cookie") "no fries" → fries; None otherwise ("no onions" alone is a choice). Issue
    #23, found by the session that broke the reader."""
    if chunk[:2] == ("never", "mind"):
        rest = chunk[2:]
    elif marked and chunk[:1] == ("no",):
        rest = chunk[1:]
    else:
        return None
    rest = tuple(w for w in rest if w not in ("the", "a", "an", "more"))
    return rest or None


def only_said(chunk: Words) -> bool:
    """Does ``chunk`` say "just" / "only" first ("actually just the nori"): only those are meant?"""
    return next((w for w in chunk if w not in ("the", "a", "an")), None) in ("just", "only")


def _starts_marked(chunk: Words) -> bool:
    return any(chunk[: len(m)] == m for m in MARKERS)


def bare_count(chunk: Words) -> int | None:
    """ "2", "make it 2", "just 2": a count alone (the correction of a count), else None — never "a 24" (one
    of what 24 names: the 24 oz, blind5's smoothie bar)."""
    if "a" in chunk or "an" in chunk:
        return None
    words = [w for w in chunk if w not in FILLER]
    return int(words[0]) if len(words) == 1 and words[0].isdigit() and 0 < int(words[0]) <= 999 else None


def inner_number(piece: Words, counted: bool) -> int | None:
    """Where the last number said in ``piece`` after its count (``counted``: it starts with one) is — a
    number of a size, option or level ("a 12 oz filet", "with 2 extra shots", "3 star"): what a bare number
    correcting ``piece`` replaces, never the count ("a 12 oz filet, no, 8" is the 8 oz). -1 when only an
    article is said after the count ("with an extra shot, make it two": the shots or the lattes?), None when
    no number is. Issue #23, found by the session that broke the reader."""
    at = next((i for i, w in enumerate(piece) if w not in FILLER or w in ("a", "an")), len(piece)) + counted
    digits = [i for i in range(at, len(piece)) if piece[i].isdigit()]
    if digits:
        return digits[-1]
    return -1 if any(w in ("a", "an") for w in piece[at:]) else None


def recount(piece: Words, count: int) -> Words:
    """``piece`` with its count replaced by ``count`` ("3 water" → "2 water"; "a cookie" → "2 cookie")."""
    at = next((i for i, w in enumerate(piece) if w not in FILLER or w in ("a", "an")), len(piece))
    if said_count_words(piece[at:]):
        return (str(count), *piece[at + said_count_words(piece[at:]) :])
    rest = piece[at + 1 :] if at < len(piece) and (piece[at].isdigit() or piece[at] in ("a", "an")) else piece[at:]
    return (str(count), *rest)


# "with" / "without" in every language ("con", "sin", "sans"): after an article, the article is "one"
_WITH_OR_WITHOUT = frozenset({*said_as("with"), *NEGATIONS})


def each_one(chunk: Words) -> list[Words] | None:
    """What is said for single ones of a counted item: "1 with almond milk" → [with almond milk], "1 atomic
    1 mild" → [atomic, mild], "1 of them no chip" / "no cilantro on 1 of them" → [no chip] / [no cilantro];
    None when ``chunk`` says no such thing."""
    if chunk[:1] in (("a",), ("an",)) and chunk[1:2] and chunk[1] in _WITH_OR_WITHOUT:
        chunk = ("1", *chunk[1:])  # "uno con azúcar", "uno sin azúcar": an article is never said before "with"
    words = chunk[next((i for i, w in enumerate(chunk) if w not in FILLER), len(chunk)) :]  # "uh, one …"
    if words[:1] == ("other",) and len(words) > 1 + (words[1:2] == ("1",)):
        words = ("1", *words[1 + (words[1:2] == ("1",)) :])  # "the other one normal": the one left, said so
    if len(words) > 3 and words[-3:] == ("1", "of", "them"):
        said = words[:-3]
        while said and said[-1] in FILLER:
            said = said[:-1]  # "no cilantro on 1 of them"
        return [said] if said and "1" not in said else None
    if len(words) < 2 or words[0] != "1":
        return None
    if words[1:3] == ("of", "them"):
        return [words[3:]] if len(words) > 3 else None
    out: list[list[str]] = []
    for i, w in enumerate(words):
        if w == "1" and (i == 0 or words[i - 1] not in FILLER):
            out.append([])  # "1 atomic 1 mild"; never "1 with 1 pump"
        else:
            out[-1].append(w)
    if any(all(w in FILLER for w in o) for o in out):
        return None
    return [tuple(o) for o in out]


_SOME_WITH = frozenset({"with", "without"})
_OF_THEM = (("of", "them"), ("of", "those"))


def some_with(chunk: Words) -> tuple[int, Words] | None:
    """ "2 with oat milk" → (2, with oat milk), "3 of them spicy" → (3, spicy): a count of some of the ones said
    before and what is said of them, no item named (issue #23: never an item whose description mentions oat
    milk); else None."""
    words = chunk[next((i for i, w in enumerate(chunk) if w not in FILLER), len(chunk)) :]
    if len(words) > 3 and words[0].isdigit() and words[1:3] in _OF_THEM:
        return int(words[0]), words[3:]  # "six odeng, three of them spicy": some of the six (blind14 tteokbokki-bar)
    if len(words) < 3 or not words[0].isdigit() or words[1] not in _SOME_WITH:
        return None
    return int(words[0]), words[1:]
