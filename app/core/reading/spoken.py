"""Spoken words → canonical words: numbers, ordinals, units, money, dates, and a small food lexicon.

Speech-to-text and realtime models write the same order many ways: "two twelve ounce lemonades",
"2 12oz lemonades", "a 6\" cake", "a six inch cake", "February 14th", "the 14th of feb", "2/14",
"a twenty five dollar gift card", "$25 gift card". :func:`canonical_words` rewrites menu names and what
the customer said into one form before anything is compared, so "FEB 14" and "February 14th" are
the same words ("feb 14"), and so are `6"`, "6 inch" and "six inches" ("6 inch").

The lexicon (:data:`SYNONYMS`) holds everyday names a menu rarely lists ("coke" for Coca-Cola,
"sub" for a sandwich, "veggie" for vegetarian); :func:`variants` applies it to menu names so a menu
gains those names without its operator writing aliases. Notes (:func:`take_notes`) recognise the
restrictions and kitchen instructions a customer adds ("no sesame", "gluten free", "ranch on the
side", "well done") so they can be kept as a note and said back instead of vanishing.

Everything here is pure string work on lowercase ASCII words (:func:`normalize`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from fractions import Fraction
from functools import lru_cache

from app.core.reading.languages import (
    AMONG_THEIR_OWN,
    ELIDED,
    ENGLISH_TOO,
    FUNCTION_WORDS,
    NUMBER_LANGUAGES,
    NUMBERS_READ,
    SAID_BACK,
)

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
MULTIPLIERS = {"double": 2, "triple": 3}  # "double bacon" is Bacon twice (unless the menu names a "Double")
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
MONTHS = {
    "january": "jan", "february": "feb", "march": "mar", "april": "apr", "may": "may", "june": "jun",
    "july": "jul", "august": "aug", "september": "sep", "sept": "sep", "october": "oct", "november": "nov",
    "december": "dec",
}  # fmt: skip
_MONTH_ABBR = set(MONTHS.values())
_MONTH_BY_NUMBER = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
UNITS = {
    "ounce": "oz", "oz": "oz", "inch": "inch", "in": "inch", "inche": "inch", "liter": "liter", "litre": "liter",
    "lt": "liter", "pc": "piece", "pcs": "piece", "piece": "piece", "dollar": "dollar", "buck": "dollar",
    "usd": "dollar", "l": "liter", "pound": "lb", "lb": "lb", "lbs": "lb",
}  # fmt: skip
UNIT_WORDS = frozenset(UNITS.values())  # after a number, the number is part of a name or size ("32 oz", "6 piece")

# The things a level measures, as said beside the menu's word ("half sweet" for 50% Sugar; levels.py).
LEVEL_NOUNS: dict[str, tuple[str, ...]] = {
    "sugar": ("sweet", "sweetness", "sweetened"),
    "sweetness": ("sweet", "sugar", "sweetened"),
    "sweet": ("sugar", "sweetness", "sweetened"),
    "ice": ("iced",),
    "spice": ("spicy", "heat", "hot"),
    "spicy": ("spice", "heat", "hot"),
    "heat": ("spicy", "spice", "hot"),
}

# Everyday names → what menus call them (both directions where people say either).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "coca cola": ("coke",),
    "cola": ("coke",),
    "coke": ("cola", "coca cola"),
    "sandwich": ("sub", "hero", "hoagie"),
    "sub": ("sandwich",),
    "vegetarian": ("veggie",),
    "veggie": ("vegetarian",),
    "vegetable": ("veggie",),
    "milkshake": ("shake",),
    "warmed": ("heated",),
    "milk shake": ("shake",),
    "shake": ("milkshake",),
    "french fry": ("fry",),
    "fry": ("french fry",),
    "soft drink": ("soda", "pop"),
    "fountain drink": ("soda", "pop"),
    "soda": ("pop", "soft drink"),
    "hamburger": ("burger",),
    "barbecue": ("bbq",),  # "pork barbecue sticks" of a Pork BBQ Skewer aliased "pork bbq stick" (blind12)
    "bbq": ("barbecue",),
    "doughnut": ("donut",),
    "donut": ("doughnut",),
    "caffe": ("cafe",),
    "cafe": ("caffe",),
    "espresso": ("expresso",),
    "fried egg": ("sunny side up egg", "egg over easy"),
    "canned": ("can", "can of"),
    "chicken nugget": ("nugget",),
    "nugget": ("nug",),
    "ice cream": ("icecream",),
    "iced tea": ("ice tea",),
    "sugar": ("sweet",),  # a sugar level is said "half sweet", "75 percent sweet"
}

FILLER = frozenset(
    {  # words that never carry an order by themselves
        "with",
        "and",
        "on",
        "in",
        "of",
        "a",
        "an",
        "the",
        "please",
        "but",
        "some",
        "plus",
        "also",
        "make",
        "it",
        "size",
        "order",
        "just",
        "then",
        "for",
        "me",
        "i",
        "she",  # "she's allergic", "he wants it plain": who, never what
        "he",
        "they",
        "id",
        "like",
        "want",
        "would",
        "get",
        "got",  # "the hottest you got": what there is, never what is ordered (blind10 hot-chicken)
        "could",
        "have",
        "give",
        "lemme",
        "let",
        "gimme",
        "to",
        "thanks",
        "thank",
        "you",
        "that",
        "this",
        "those",
        "them",
        "way",
        "style",
    }
)
# Openers and hesitations a speech model writes down ("can I get", "I'll have", "um", "yeah"): filler too,
# but a menu that uses one in a name ("can" of Canned Soda) keeps it as its word (vocabulary._sub_phrases).
OPENERS = frozenset(
    {
        "both",
        "each",
        "all",
        "can",
        "ill",
        "um",
        "umm",
        "uh",
        "uhh",
        "er",
        "yeah",
        "yes",
        "ok",
        "okay",
        "hi",
        "hey",
        "yo",  # "yo can I get …", "a whiz wit, eh, make that two": a greeting, a hesitation
        "eh",
        "so",
        "take",
        "need",
        "may",
        "we",
        "ll",
        "lets",
        "do",
        "be",
        "going",
        "gonna",
        "wanna",
        "us",
        "our",
        "my",
        "think",
        "well",  # "we'll do the combo" (the apostrophe dropped), "well, two orders": a hesitation
        # asides around an order ("it's for my kid", "if you can", "not spicy at all", "an egg roll added",
        # "a fried egg on top", "over zoodles", "as the side", "on either") — never "too" ("not too sweet" is a
        # level) nor "put" ("can you put the egg and the nori, actually just the nori" is a correction)
        "its",
        "is",
        "if",
        "at",
        "added",
        "top",
        "over",
        "as",
        "either",
        "put",  # "can you put the peanuts on the side"
        "throw",  # "throw some hot peppers on there": put, said loosely (blind11 bodega-deli)
        "there",
    }
)
FILLER = FILLER | OPENERS
SEPARATORS = frozenset({*FUNCTION_WORDS["en"]["and"], ","})


def said_as(role: str) -> tuple[str, ...]:
    """Every language's phrases for one role of :data:`~app.core.reading.languages.FUNCTION_WORDS`."""
    return tuple(dict.fromkeys(p for words in FUNCTION_WORDS.values() for p in words.get(role, ())))


# Words that say "not this": never the option they precede ("not skim", "no sauce" is never Buffalo Sauce;
# "sans banane", "sin cebolla" alike). Kept as said: a note carries them back to the kitchen.
NEGATIONS = frozenset(said_as("no"))
_NEGATIVE_PREFIXES = ("un", "non")  # "untoasted", "nontoasted": the negation glued on


def unprefixed(word: str, known: frozenset[str] | set[str]) -> str | None:
    """The option word ``word`` negates by a prefix ("untoasted" → "toasted" when "toasted" is ``known``
    and "untoasted" itself is not), else None — so "unsweetened" stays itself where it is an option."""
    if word in known:
        return None
    for prefix in _NEGATIVE_PREFIXES:
        stem = word[len(prefix) :]
        if word.startswith(prefix) and len(stem) >= 3 and stem in known:
            return stem
    return None


def negated(words: list[str] | tuple[str, ...], known: frozenset[str] | set[str] = frozenset()) -> bool:
    """Do ``words`` say "not …" (a negation word, or a known word with a negative prefix)?"""
    return any(w in NEGATIONS or unprefixed(w, known) is not None for w in words)


# Restrictions and kitchen instructions: kept as a note (and said back) when the menu has no option.
_ALLERGY = said_as("allergy")  # "allergy", "allergie", "alergia": a note by itself
_NOTE_LEADS = (*sorted(NEGATIONS), "light", "less", "easy", "allergic", *_ALLERGY, "cut")
NOTE_LEADS = frozenset(_NOTE_LEADS)  # a word that starts a note ("allergic", "cut", "no …")
SIDE_PHRASES = said_as("on the side")  # "ranch on the side", "crème fraîche à côté"
_NOTE_PHRASES = (
    "well done", "extra crispy", "crispy", "cut in square", "cut in half", "cut in 8", "uncut", "not cut",
    *SIDE_PHRASES, "lightly toasted", "extra well done", "heated up", "warmed up", "heated", "in a bag",
    "room for cream", "to go", "for here",
)  # fmt: skip
# how the whole order is served ("a lamb over rice and some baklava to go"): about the order, never a kitchen
# note on the one line it was said after (the corpus labels: blind10 halal-cart, blind2 scoop-shop)
ORDER_PHRASES = frozenset({"to go", "for here"})
NOTE_PHRASES = frozenset(_NOTE_PHRASES)  # "extra crispy": a note of its own, said of what comes before it
_NOTE_STOP = frozenset({"and", "with", "plus", ",", *NEGATIONS})  # "no onions no mustard": two notes
# what each way of starting a note needs present (keep in step with take_notes): a lead, "<x> free", or a phrase
_MESSAGE_LEADS = (
    ("that", "say"), ("that", "says"), ("should", "say"), ("say",), ("saying",), ("message",), ("write",),
    ("writing",), *(("put", whose, "name") for whose in ("his", "her", "their", "my", "the")),
)  # fmt: skip
_NOTE_NEEDS = (
    *({lead} for lead in _NOTE_LEADS),
    {"free"},
    *(set(p.split()) for p in _NOTE_PHRASES),
    *(set(p) for p in _MESSAGE_LEADS),
)
NOTE_WORDS = frozenset(w for need in _NOTE_NEEDS for w in need)  # every word some way of starting a note needs
# the words that lead a message to write: said as themselves, never a slip for a menu word ("write" is no "white")
MESSAGE_WORDS = frozenset(w for lead in _MESSAGE_LEADS for w in lead)
_MESSAGE_STARTS = frozenset(lead[0] for lead in _MESSAGE_LEADS)
ON_IT = (("on", "it"), ("on", "top"))  # where a message said before them ends ("happy birthday grandma on it")


def may_hold_notes(words: Iterable[str]) -> bool:
    """Could :func:`take_notes` find a note among ``words``? False only when none of its ways to start a
    note has its words present: then it answers ``([], list(words))``, and the reader's candidate
    pruning (:mod:`app.core.reading.candidates`) knows no note explains a word. A cheap test, no reading."""
    present = set(words)
    return not present.isdisjoint(NOTE_WORDS) and any(need <= present for need in _NOTE_NEEDS)


def spoken_count(word: str) -> int | None:
    """A count said as one word: "two" → 2, "double" → 2, "3" → 3; else None (the one number table)."""
    if word.isdigit():
        return int(word)
    return MULTIPLIERS.get(word, _UNITS.get(word))


def _number_run(words: list[str], start: int) -> tuple[int, int] | None:
    """A spoken number starting at ``words[start]`` ("twenty five", "one hundred") → (value, length)."""
    value, i = None, start
    if i < len(words) and words[i] in _TENS:
        value = _TENS[words[i]]
        i += 1
        if i < len(words) and words[i] in _UNITS and 0 < _UNITS[words[i]] < 10:
            value += _UNITS[words[i]]
            i += 1
    elif i < len(words) and words[i] in _UNITS:
        value = _UNITS[words[i]]
        i += 1
    if value is None:
        return None
    if i < len(words) and words[i] == "hundred":
        value *= 100
        i += 1
        if i + 1 < len(words) and words[i] == "and" and (words[i + 1] in _UNITS or words[i + 1] in _TENS):
            rest = _number_run(words, i + 1)
            if rest:
                value, i = value + rest[0], i + 1 + rest[1]
    return value, i - start


def _ordinal(word: str) -> int | None:
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", word)
    if match:
        return int(match[1])
    return _ORDINALS.get(word)


def canonical_words(words: list[str]) -> list[str]:
    """Numbers as digits, ordinals near a month as days, units and months in one spelling, dates as "feb 14"."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        run = _number_run(words, i)
        if run:
            out.append(str(run[0]))
            i += run[1]
            continue
        couple = _a_couple(words, i)
        if couple:  # "a couple of cookies": 2 cookies (issue #23, the session that broke the reader)
            out.append("2")
            i += couple
            continue
        if word in ("twenty", "thirty") and i + 1 < len(words) and _ordinal(words[i + 1]):  # "twenty first"
            out.append(str(_TENS[word] + (_ordinal(words[i + 1]) or 0)))
            i += 2
            continue
        out.append(word)
        i += 1
    out = [MONTHS.get(w, w) for w in out]
    near_month = {j for j, w in enumerate(out) if w in _MONTH_ABBR}
    result: list[str] = []
    for j, word in enumerate(out):
        day = _ordinal(word)
        if day is not None and (re.fullmatch(r"\d+(st|nd|rd|th)", word) or any(abs(j - k) <= 3 for k in near_month)):
            word = str(day)
        unit = (j and out[j - 1].isdigit()) or word in ("ounce", "oz", "pound", "lbs")
        result.append(UNITS.get(word, word) if unit else word)
    return _dates(result)


def _a_couple(words: list[str], i: int) -> int:
    """How many words "a couple of" / "a couple" / "couple of" at ``i`` spans before what is counted (it is a
    count of two); 0 elsewhere, or with nothing said after it."""
    n = 1 if words[i] == "a" else 0
    if words[i + n : i + n + 1] != ["couple"] or (n == 0 and words[i + 1 : i + 2] != ["of"]):
        return 0
    n += 2 if words[i + n + 1 : i + n + 2] == ["of"] else 1
    return n if i + n < len(words) else 0


def _dates(words: list[str]) -> list[str]:
    """ "14 of feb" / "the 14 feb" → "feb 14"; "2/14" was split to "2 14" by punctuation: handled in :func:`pre`."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i].isdigit() and i + 2 < len(words) and words[i + 1] == "of" and words[i + 2] in _MONTH_ABBR:
            out += [words[i + 2], words[i]]
            i += 3
        elif words[i].isdigit() and i + 1 < len(words) and words[i + 1] in _MONTH_ABBR:
            out += [words[i + 1], words[i]]
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


_INCH = re.compile(r"(\d)\s*(?:\"|''|”|″)")
_MONEY = re.compile(r"\$\s*(\d+)(?:\.00)?")
_FRACTION = re.compile(r"\b(?:1/2|1/4|3/4)(?=\s*[a-z])")  # before a word ("1/2 lb"): a fraction, not a date
_FRACTIONS = {"1/2": "half", "1/4": "quarter", "3/4": "three quarter"}
_SLASH_DATE = re.compile(r"\b(1[0-2]|0?[1-9])/([12]\d|3[01]|0?[1-9])\b")
_SIGNED = re.compile(r"(^|[\s,;:(])-\s*(?=\d)")  # "-2 cookies", "cookie -1": a sign said, never "7-up"
_GLUED_UNIT = re.compile(r"\b(\d+)(oz|pc|pcs|in|lb|l)\b")


def pre(text: str) -> str:
    """Rewrites that need the punctuation: -2 → minus 2, 6" → 6 inch, $25 → 25 dollar, 50% → 50 percent, 2/14 → feb 14,
    12oz → 12 oz."""
    text = _SIGNED.sub(r"\1 minus ", text) if "-" in text else text  # kept as a word: asked (counts.py)
    text = _INCH.sub(r"\1 inch ", text)
    text = _MONEY.sub(r"\1 dollar ", text)
    text = text.replace("%", " percent ")  # "50% Sugar" is said "fifty percent sugar"
    text = _FRACTION.sub(lambda m: _FRACTIONS.get(m[0], m[0]), text)  # "1/2 lb" is half a pound, never jan 2
    text = _SLASH_DATE.sub(lambda m: f"{_MONTH_BY_NUMBER[int(m[1]) - 1]} {int(m[2])}", text)
    return _GLUED_UNIT.sub(r"\1 \2", text)


def variants(name: str) -> list[str]:
    """``name`` (canonical words) with lexicon synonyms swapped in, one swap at a time; a one-word name
    made from a verb is also said as the verb and with "up" ("Warmed": "warm", "warmed up", "heat up")."""
    padded = f" {name} "
    found = []
    if " " not in name and name.endswith("ed") and len(name) > 5:
        found += [name[:-2], name[:-1], f"{name} up", f"{name[:-2]} up"]
    for phrase, others in SYNONYMS.items():
        if f" {phrase} " in padded:
            found += [padded.replace(f" {phrase} ", f" {other} ", 1).strip() for other in others]
    return [v for v in dict.fromkeys(found) if v and v != name]


def take_notes(words: list[str], known: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """Split restrictions and kitchen instructions out of ``words``: ``(notes, the rest)``.

    "no sesame seeds" / "without cheese" / "hold the mayo" / "gluten free" / "allergic to nuts" /
    "ranch on the side" / "well done". A note runs until a separator ("and", "with") or a word in
    ``known`` (a word some option of the item uses, which is still to be read as an option).
    """
    if not may_hold_notes(words):
        return [], list(words)  # the common case, without building a tail per word
    notes: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(words):
        tail = " ".join(words[i:])
        phrase = next((p for p in _NOTE_PHRASES if tail == p or tail.startswith(p + " ")), None)
        if phrase in SIDE_PHRASES and rest and rest[-1] not in FILLER:
            notes.append(f"{rest.pop()} {phrase}")  # "ranch on the side"
            i += len(phrase.split())
            continue
        if phrase:
            if phrase not in ORDER_PHRASES:
                notes.append(phrase)
            i += len(phrase.split())
            continue
        if i + 1 < len(words) and words[i + 1] == "free" and words[i] not in FILLER:  # "gluten free"
            notes.append(f"{words[i]} free")
            i += 2
            continue
        message = _message(words, i)
        if message is not None:  # "that says happy birthday maya": the words to write, as said
            notes.append(" ".join(words[i + message[0] : i + message[1]]))
            i += message[2]
            continue
        if words[i] in _NOTE_LEADS:
            j = i + 1
            while j < len(words) and words[j] not in _NOTE_STOP and j - i <= 4:
                j += 1
            if j > i + 1 or words[i] in _ALLERGY:
                notes.append(" ".join(words[i:j]))
                i = j
                continue
        rest.append(words[i])
        i += 1
    return notes, rest


def take_message(work: list[str | None], writing: bool = False) -> list[str]:
    """The message to write said among ``work`` (:func:`_message`), its words (lead included) marked used in
    place: ``[message]`` or ``[]``. Taken before any choice is read, so "that says happy birthday maya" never
    chooses Birthday Candles (a word of the message is no choice)."""
    if _MESSAGE_STARTS.isdisjoint(work):
        return []  # the common case: no lead said
    words = [w or "" for w in work]
    for i in range(len(words)):
        found = _message(words, i, writing)
        if found is not None:
            work[i : i + found[2]] = [None] * found[2]
            return [quoted(" ".join(words[i + found[0] : i + found[1]]))]
    return []


def quoted(message: str) -> str:
    """A message to write as its note: in quotes, so the kitchen writes those words and the note rules
    (:func:`~app.core.reading.notes.sort_notes`) never read "happy birthday" as a Birthday Candles choice."""
    return f'"{message}"'


def is_message(note: str) -> bool:
    """Is ``note`` a message to write (:func:`quoted`)?"""
    return note.startswith('"')


def _message(words: list[str], i: int, writing: bool = False) -> tuple[int, int, int] | None:
    """A message to write ("that says happy birthday", "write happy retirement bob on it", "message: …"):
    (where it starts, where it ends, words used) relative to ``i``, or None. It runs to the end or to "on it"
    / "on top"."""
    lead = next((p for p in _MESSAGE_LEADS if tuple(words[i : i + len(p)]) == p), None)
    if lead is None or i + len(lead) >= len(words) or (lead == ("say",) and (i == 0 or not writing)):
        return None  # a lone "say" leads a message only on an item that offers writing (``writing``), never first
        # ("say, can I get …"); elsewhere it is a manner of speaking ("two burgers, and say, a coke")
    start = i + len(lead)
    while start < len(words) and words[start] in (",", "and"):  # "put his name, Leo": the pause is no word to write
        start += 1
    end = next(
        (j for j in range(start, len(words)) if tuple(words[j : j + 2]) in ON_IT),
        len(words),
    )
    if end == start:
        return None
    used = end + (2 if end < len(words) else 0)
    return start - i, end - i, used - i


# Who an order is for says nothing about it: "for the table", "for my son", "for him".
_FOR_WHOM = frozenset({"the", "my", "his", "her", "our", "your", "their"})
_PRONOUNS = frozenset({"him", "her", "me", "us", "them", "here"})


def without_whom(words: tuple[str, ...], menu_words: frozenset[str]) -> tuple[str, ...]:
    """``words`` without what says nothing about the order: a "too" ending a part (also), who or where it is
    for ("for the table", "for my kid", "for him"; kept when the word after is one the menu uses: "for the
    kids meal") and where a topping goes ("a fried egg on top"; kept where the menu says "on top" itself)."""
    if "for" not in words and "top" not in words and "too" not in words:  # the common case: nothing to drop
        return words
    out = list(words)
    i = 0
    while i < len(out):  # "a seaweed salad too": a last "too" says "also" ("not too sweet" is a level)
        last = i + 1 == len(out) or out[i + 1] in SEPARATORS
        if out[i] == "too" and i and last and out[i - 1] not in NEGATIONS and "too" not in menu_words:
            del out[i]
            continue
        i += 1
    i = 0
    while i < len(out) - 1:
        if out[i] == "on" and out[i + 1] == "top" and i and out[i - 1] not in FILLER and "top" not in menu_words:
            del out[i : i + 2]  # "a fried egg on top": where a topping goes says nothing more
            continue
        if out[i] == "for" and out[i + 1] in _PRONOUNS:
            del out[i : i + 2]
            continue
        if out[i] == "for" and out[i + 1] in _FOR_WHOM and i + 2 < len(out) and out[i + 2] not in menu_words:
            del out[i : i + 3]
            continue
        i += 1
    return tuple(out)


# --- one form for menu names and what was said -----------------------------------------------------

_NON_WORD = re.compile(r"[^\w ]+|_")  # letters of every script kept (:func:`_as_word_letter`)
# An article or pronoun elided before a vowel ("l'oeuf", "d'orange", "s'il"): a word of its own, as said.
_ELIDED = re.compile(r"\b(" + "|".join(ELIDED) + r")'(?=[aeiouyh])")
# Letters with no accent to strip (NFKD keeps them whole, so they would vanish): Đặc Biệt is "dac biet".
_UNDECOMPOSED = str.maketrans(
    {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h",
     "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "þ": "th", "Þ": "Th", "’": "'",
     "\u2212": "-", "\u2013": "-"}
)  # fmt: skip
_KEEP_S = {
    "fries": "fry",
    "chips": "chip",
    "nachos": "nacho",
    "tacos": "taco",
    "churros": "churro",
}
# Nouns ending in "ie" whose plural is "-ies": singular "-ie", never "-y" ("smoothies" is Smoothie, not
# "smoothy", which then matches nothing; "berries" → "berry" keeps the usual rule).
_IE_NOUNS = frozenset(
    {
        "smoothie", "cookie", "brownie", "veggie", "hoagie", "zombie", "whoopie", "goodie", "kiddie", "calorie",
        "rotisserie", "cutie", "birdie", "sarnie", "brekkie", "lassie", "beanie", "sweetie", "pastie", "tattie",
    }
)  # fmt: skip


def _singular(word: str) -> str:
    if word in function_words():
        return word  # "dos", "tres", "sans", "des" are words of their own language, never plurals
    if word in _KEEP_S:
        return _KEEP_S[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-1] if word[:-1] in _IE_NOUNS else word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _folded(text: str) -> str:
    """Lowercase ASCII: accents stripped, ligatures and letters without one spelt out ("Œuf" → "oeuf"),
    numerals of every script as ASCII ones (:func:`_ascii_numerals`)."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", _ascii_numerals(text).translate(_UNDECOMPOSED))
    return "".join(_as_word_letter(char) for char in text).lower()


# Scripts written without spaces between words: each of their letters is read as a word of its own, in
# menu names and in what was said alike, so an alias "不辣" is found in "2不辣" as the words "不 辣".
_SPACELESS_SCRIPTS = ("CJK ", "HIRAGANA ", "KATAKANA ", "THAI ", "LAO ", "KHMER ", "MYANMAR ")


def _as_word_letter(char: str) -> str:
    """One character of NFKD text as :func:`normalize` keeps it: ASCII as is; accents dropped; a letter
    of another script kept (it vanished before: "two 不辣 noodles" lost its chili level and kept the
    default, blind12 lanzhou-noodle), spaced apart where its script writes no spaces."""
    if char.isascii():
        return char
    if unicodedata.category(char) not in _KEPT_LETTERS:
        return ""
    return f" {char} " if unicodedata.name(char, "").startswith(_SPACELESS_SCRIPTS) else char


_KEPT_LETTERS = frozenset({"Lu", "Ll", "Lt", "Lo"})  # modifier letters (the ʻokina) are read as an apostrophe


def _ascii_numerals(text: str) -> str:
    """Digits of any script as ASCII digits ("٣" → "3"), and a vulgar fraction as a fraction apart from the
    digits beside it ("3½" → "3 1/2 "): stripped of its marks, "½" would otherwise read as the count 12
    (Unicode categories Nd and No, ``unicodedata.decimal``/``numeric``)."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
        elif (digit := unicodedata.decimal(char, None)) is not None:
            out.append(str(digit))
        elif (value := unicodedata.numeric(char, None)) is not None and not value.is_integer():
            fraction = Fraction(value).limit_denominator(16)
            out.append(f" {fraction.numerator}/{fraction.denominator} ")
        else:
            out.append(char)
    return "".join(out)


_CLIPPED = {"n": "and", "em": "them"}  # words said clipped: "mac n cheese", "one of 'em"


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Lowercase, strip accents and punctuation, singularise, canonical numbers/units/dates.

    "Jalapeños!" → "jalapeno"; "two 12oz Lemonades" → "2 12 oz lemonade"; 'a 6" cake' → "a 6 inch cake";
    "February 14th" → "feb 14" (see :func:`canonical_words`).
    """
    text = _ELIDED.sub(r"\1 ", pre(_folded(text)))
    text = _NON_WORD.sub(" ", text.replace("&", " and ").replace("'", ""))
    words = [_CLIPPED.get(w, w) for w in text.split()]  # "hot n sour", "mac n cheese", "one of 'em"
    return " ".join(canonical_words([_singular(w) for w in words]))


# --- other languages' function words (app.core.reading.languages) -------------------------------


@lru_cache(maxsize=1)
def _read_as() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each other language's function phrase → the English words the reader reads it as ("avec" → "with",
    "s il vous plait" → "please", "non attendez" → "no wait"), and number words from ``num2words``
    ("deux", "dos", "zwei" → "2"). Roles said back (:data:`~app.core.reading.languages.SAID_BACK`) are
    read as themselves (:data:`NEGATIONS`, the note leads and phrases), never rewritten."""
    from num2words import num2words  # imported on the first read only

    found: dict[tuple[str, ...], tuple[str, ...]] = {}
    for language, roles in FUNCTION_WORDS.items():
        for role, phrases in roles.items():
            if language != "en" and role not in SAID_BACK:
                found.update((tuple(p.split()), tuple(role.split())) for p in phrases)
    for language in NUMBER_LANGUAGES:
        for number in NUMBERS_READ:
            word = _folded(num2words(number, lang=language))
            if word.isalpha() and word not in ENGLISH_TOO:
                found.setdefault((word,), (str(number),))
    return found


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Every word of another language's function phrases: kept as said by :func:`normalize` (never
    singularised), so the table finds them."""
    said_back = (p for role in SAID_BACK for p in said_as(role))
    return frozenset(w for phrase in (*_read_as(), *(tuple(p.split()) for p in said_back)) for w in phrase)


@lru_cache(maxsize=8)
def _said_in(language: str) -> frozenset[str]:
    """The words of ``language``'s function phrases."""
    return frozenset(w for phrases in FUNCTION_WORDS[language].values() for p in phrases for w in p.split())


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in _read_as())


_LONGEST = 4  # words in the longest phrase of the table ("s il vous plait"; tests/core/reading/test_languages.py)


def other_language(words: tuple[str, ...]) -> bool:
    """Might :func:`in_reader_words` change ``words`` (does one start another language's function phrase)?"""
    return not _first_words().isdisjoint(words)


def in_reader_words(words: tuple[str, ...], the_menus: Callable[[int, int], bool]) -> tuple[str, ...]:
    """Other languages' function words as the reader's own ("une crêpe avec gruyère et deux oeufs" → "a crepe
    with gruyere and 2 oeuf"; "l'oeuf" → "the oeuf").

    The menu's words beat them: a phrase stays as said where ``the_menus(at, size)`` says the menu uses those
    words there (:func:`app.core.reading.vocabulary.own_words`).
    """
    table = _read_as()
    own = [language for language in AMONG_THEIR_OWN if not _said_in(language).isdisjoint(words)]
    if own:  # "ek masala dosa aur do plate idli": "do" is Hindi two beside Hindi words
        table = {**table, **{(p,): (role,) for lang in own for role, ps in AMONG_THEIR_OWN[lang].items() for p in ps}}
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
            phrase = words[i : i + size]
            if phrase in table and not the_menus(i, size):
                out += table[phrase]
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(out)
