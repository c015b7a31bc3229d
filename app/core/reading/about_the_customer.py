"""Words about the customer, not the food: who an item is for and when it is wanted.

"two hundred grams sweet for my kid", "tap water for everyone", "some olives to start", "a glass of the port
after dinner": the words after the food say who will eat it or when it should come, and name nothing on the
menu. They are dropped before the phrase is read, so the item is read as said (no question about them, no
note). The rule comes from the language's closed classes, never from one menu's words (issue #23, the seen
splits' needless questions): "for" + a possessive ("my", "our", …) + a noun or two (a person: "for my son",
"for our little brother"); "for" + an indefinite pronoun ("everyone", "everybody"); "to start" / "to begin" (+
"with"); "for now" / "for later" / "for starters"; "before" / "after" (+ "the") + a meal of the day; the speaker's
appetite ("I'm" / "we're" (+ "not") (+ "that", "so", …) + "hungry" / "starving": blind11 japanese-curry). And
who the customer speaks to: a word or two before the request that opens the order ("papi lemme get …", "yo
boss can I get …"), none of them the menu's, is said to the counter, never of the food (blind11 bodega-deli).

The menu's words beat them: the words stay as said where a name the menu writes (an item's, a choice's, a
category's, or an alias) is said whole from one of them ("an after dinner mint", "for my side" where a choice
is called "Side Salad" is not touched when "side salad" is said). "for the table" is
:func:`~app.core.reading.spoken.without_whom`'s.
"""

from __future__ import annotations

from collections.abc import Container, Mapping

Words = tuple[str, ...]

_POSSESSIVES = frozenset({"my", "our", "his", "her", "your", "their"})
_EVERYONE = frozenset({"everyone", "everybody", "everybodys", "everyones"})
_STARTS = frozenset({"start", "begin"})  # "to start", "to begin with"
_FOR_WHEN = frozenset({"now", "later", "starter"})  # "for now", "for later", "for starters"
_MEALS = frozenset({"breakfast", "brunch", "lunch", "dinner", "supper", "meal", "dessert"})
_SPEAKERS = (("im",), ("i", "am"), ("were",), ("we", "are"))  # "I'm", "we're" as the phrase is written
_SO = frozenset({"that", "so", "very", "really", "too", "super", "pretty"})
_APPETITE = frozenset({"hungry", "starving", "famished"})
_LEADS = frozenset({"for", "to", "after", "before", "im", "i", "were", "we"})
_PERSON_WORDS = 2  # "for my son", "for my little brother": the words a person is said in at most


def without_customer_words(words: Words, names_holding: Mapping[str, tuple[Words, ...]]) -> Words:
    """``words`` without who an item is for and when it is wanted (see the module docstring);
    ``names_holding``: each word → the menu's names holding it (``vocabulary._names_holding``). Ask
    :func:`may_say_the_customer` first."""
    out = list(words)
    i = 0
    while i < len(out):
        size = _aside_at(tuple(out), i)
        if size and not any(_said_whole_from(out, j, names_holding) for j in range(i, i + size)):
            del out[i : i + size]
            continue
        i += 1
    return tuple(out)


def may_say_the_customer(words: Words) -> bool:
    """Might ``words`` hold who or when (:func:`without_customer_words`)? Asked first, so the common phrase
    builds nothing."""
    return not _LEADS.isdisjoint(words)


def _aside_at(words: Words, i: int) -> int:
    """How many words from ``i`` say who or when (0 for none)."""
    word, after = words[i], words[i + 1 : i + 2]
    if word == "for" and after and after[0] in _POSSESSIVES:
        person = 0
        while i + 2 + person < len(words) and _a_person_word(words[i + 2 + person]):
            person += 1
        return 2 + person if 1 <= person <= _PERSON_WORDS else 0
    if word == "for" and after and (after[0] in _EVERYONE or after[0] in _FOR_WHEN):
        return 2
    if word == "to" and after and after[0] in _STARTS:
        return 3 if words[i + 2 : i + 3] == ("with",) else 2
    speaker = next((len(said) for said in _SPEAKERS if words[i : i + len(said)] == said), 0)
    if speaker:  # "I'm not that hungry", "we're starving": how hungry the speaker is
        j = i + speaker
        j += 1 if words[j : j + 1] == ("not",) else 0
        j += 1 if words[j : j + 1] and words[j] in _SO else 0
        return j + 1 - i if words[j : j + 1] and words[j] in _APPETITE else 0
    if word in ("after", "before"):
        the = 1 if words[i + 1 : i + 2] == ("the",) else 0
        return 2 + the if words[i + 1 + the : i + 2 + the] and words[i + 1 + the] in _MEALS else 0
    return 0


def _a_person_word(word: str) -> bool:
    """A word that may be part of a person said after a possessive: a plain word, never a count, a
    separator or a word that leads anything else ("for my kid and a coke")."""
    return word.isalpha() and word not in _NOT_A_PERSON


# what ends a person said: the words that start the rest of an order
_NOT_A_PERSON = frozenset({"and", "with", "no", "not", "but", "plus", "also", "then", "a", "an", "the", "please"})


def _said_whole_from(words: list[str], at: int, names_holding: Mapping[str, tuple[Words, ...]]) -> bool:
    """Is a name the menu writes said whole from ``words[at]`` on?"""
    first = words[at]
    return any(name[0] == first and tuple(words[at : at + len(name)]) == name for name in names_holding.get(first, ()))


# the requests that open an order ("lemme get", "can I get"): what comes before them is said to the counter
_REQUESTS = frozenset({("lemme",), ("gimme",), ("let", "me"), ("can", "i"), ("could", "i"), ("give", "me"), ("ill",)})
REQUEST_STARTS = frozenset(r[0] for r in _REQUESTS)
_ADDRESS_WORDS = 2  # "papi", "yo boss": the words one is called in at most


def without_address(words: Words, known: Container[str]) -> Words:
    """``words`` without who the customer speaks to before the request opening them ("papi lemme get a SEC" →
    "lemme get a SEC"); as said where a word before it is one the menu uses (``known``) or no word is."""
    at = next(
        (
            i
            for i in range(1, min(_ADDRESS_WORDS, len(words) - 1) + 1)
            if words[i] in REQUEST_STARTS and any(words[i : i + len(r)] == r for r in _REQUESTS)
        ),
        None,
    )  # the first word tested alone: most phrases start with no request after a word or two
    if at is None or any(not w.isalpha() or w in known for w in words[:at]):
        return words
    return words[at:]
