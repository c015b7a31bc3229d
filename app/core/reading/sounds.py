"""How a word sounds, roughly: what a speech model keeps when it writes down a name it does not know.

A speech model writes the sounds it heard in the spelling it knows: "fuh ga" for Phở Gà, "boon bo hway"
for Bún Bò Huế, "pan au chocolat" for Pain au Chocolat, "shwarma" for shawarma, "two peace" for 2-Piece,
"margarita" for Margherita, "omelet" for Omelette. What survives is the run of consonant sounds; the
vowels are what it guesses. :func:`sound_key` is that run, after a few letter-sound rules of English
spelling (and of the romanised names menus print):

- letters said alike become one: "ph" → f, "gh" → g, "ck"/"q"/hard "c" → k, soft "c" (before e, i, y)
  and "z" → s, "x" → ks, "wh" → w, "dg" → j; "sh" and "ch" stay sounds of their own;
- an "h" after a consonant or a vowel is silent ("banh", "bahn", "fuh", "bhaji", "thai");
- "u" before a vowel after a consonant is a w ("hue" → hway, "gua" → gwa);
- vowels are dropped, except that a word starting with one keeps that it does ("omelet" is not "melt");
- a doubled sound is one ("omelette", "massala").

The key is deliberately coarse: "tie" and "tai" are both "t", so are "tea" and "toe". It is only ever
used to line up a word the menu does not know with a word of a menu name the rest of which was said
(:func:`app.core.reading.vocabulary.as_menu_words`), never to read a word on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = frozenset("aeiouy")
_DIGRAPHS = (("tch", "C"), ("sch", "sk"), ("ph", "f"), ("gh", "g"), ("ck", "k"), ("qu", "kw"), ("q", "k"),
             ("x", "ks"), ("wh", "w"), ("dg", "j"), ("sh", "S"), ("ch", "C"), ("z", "s"))  # fmt: skip
_SOFT_C = re.compile(r"c(?=[eiy])")


@lru_cache(maxsize=8192)
def sound_key(word: str) -> str:
    """The consonant sounds of ``word`` (lowercase ASCII), as described in the module docstring; a
    number is itself. "pho" and "fuh" → "f"; "piece" and "peace" → "ps"; "shawarma" and "shwarma" → "Swrm"."""
    if not word.isalpha():
        return word
    for spelt, said in _DIGRAPHS:
        word = word.replace(spelt, said)
    word = _SOFT_C.sub("s", word).replace("c", "k")
    sounds: list[str] = []
    for i, letter in enumerate(word):
        before = word[i - 1] if i else ""
        after = word[i + 1] if i + 1 < len(word) else ""
        if letter == "h" and i:
            continue  # silent after a consonant or a vowel: "banh", "bahn", "fuh"
        if letter == "u" and before and before not in _VOWELS and after in _VOWELS - {"u"}:
            letter = "w"  # "hue" said "hway"
        if letter == "y" and i == 0:
            letter = "Y"  # a y starting a word is a consonant
        if letter in _VOWELS:
            if i == 0:
                sounds.append("A")  # "omelet" is not "melt"
            continue
        if not sounds or sounds[-1] != letter:
            sounds.append(letter)
    return "".join(sounds)
