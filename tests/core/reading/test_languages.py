"""Other languages' function words around the menu's own names (issue #23: a Montréal crêperie hears "une
complète s'il vous plaît", a taquería "dos tacos con queso"), from the one table of
:mod:`app.core.reading.languages`; the menu's own words always beat them."""

from __future__ import annotations

import pytest

from app.core.reading import spoken
from app.core.reading.languages import FUNCTION_WORDS, SAID_BACK
from app.core.reading.lines import said_lines
from app.core.reading.spoken import FILLER, OPENERS, normalize
from app.core.reading.vocabulary import said_words
from tests.core.reading.menus import group, item, menu, option

CREPES = menu(
    item(
        "Crêpe Complète",
        group("Comes With", [option("Jambon", default=True), option("Œuf", default=True, aliases=["egg"])], 0, 2),
        group("Add-ons", [option("Champignons"), option("Tomates"), option("Extra Œuf", aliases=["deux oeufs"])], 0, 3),
        aliases=["complète"],
    ),
    item(
        "Crêpe Saumon",
        group("Comes With", [option("Crème Fraîche", default=True), option("Oignon Rouge", default=True)], 0, 2),
    ),
    item("Espresso", aliases=["un café"]),
    item("Café au Lait"),
    item("Soupe du Jour"),
)
TAQUERIA = menu(
    item("Taco", group("Toppings", [option("Queso"), option("Cebolla"), option("Cilantro")], 0, 3)),
    item("Nachos", group("Style", [option("Con Queso"), option("Plain")], 0, 1)),
    item("La Bomba"),
)


def _line(m: object, text: str, modifiers: tuple[str, ...] = ()) -> tuple[str, int, list[str], str | None]:
    (line,) = said_lines(m, text, modifiers)  # type: ignore[arg-type]
    return line.item.name, line.quantity or 1, sorted(p.option.name for p in line.picks), "; ".join(line.notes) or None


def test_french_articles_with_and_please_around_french_names() -> None:
    assert _line(CREPES, "bonjour, une complète avec champignons et tomates s'il vous plaît") == (
        "Crêpe Complète",
        1,
        ["Champignons", "Jambon", "Tomates", "Œuf"],
        None,
    )


def test_without_in_another_language_takes_a_default_off_in_both_forms() -> None:
    """ "sans jambon" is "no ham": the default comes off (never a line that keeps it)."""
    assert _line(CREPES, "une complète sans jambon")[2] == ["Œuf"]
    assert _line(CREPES, "crêpe complète", ("sans jambon",))[2] == ["Œuf"]
    assert _line(CREPES, "une complète sans l'oeuf")[2] == ["Jambon"]  # "l'": an article elided


def test_spanish_numbers_and_function_words() -> None:
    assert _line(TAQUERIA, "dos tacos con cebolla y queso, por favor") == ("Taco", 2, ["Cebolla", "Queso"], None)
    assert _line(TAQUERIA, "tres tacos sin cilantro")[:2] == ("Taco", 3)


@pytest.mark.parametrize("said", ["deux tacos", "zwei tacos", "due tacos", "dois tacos", "2 tacos"])
def test_number_words_of_each_language_are_counts(said: str) -> None:
    assert _line(TAQUERIA, said)[:2] == ("Taco", 2)


def test_the_menus_own_words_beat_function_words() -> None:
    """ "Con Queso", "La Bomba", "Soupe du Jour", "deux oeufs" (an alias), "un café" (the Espresso's alias)
    are the menu's words; "un" before "café au lait" is an article, "café au lait" being the longer name."""
    assert _line(TAQUERIA, "nachos con queso")[2] == ["Con Queso"]
    assert _line(TAQUERIA, "la bomba")[0] == "La Bomba"
    assert _line(CREPES, "une soupe du jour")[0] == "Soupe du Jour"
    assert _line(CREPES, "une complète avec deux oeufs")[2] == ["Extra Œuf", "Jambon", "Œuf"]
    assert _line(CREPES, "un café")[0] == "Espresso"
    assert _line(CREPES, "un café au lait")[0] == "Café au Lait"


def test_on_the_side_in_another_language_keeps_the_choice_and_says_it_back() -> None:
    assert _line(CREPES, "crêpe saumon, la crème fraîche à côté") == (
        "Crêpe Saumon",
        1,
        ["Crème Fraîche", "Oignon Rouge"],
        "crème fraîche a cote",
    )


def test_a_self_correction_in_another_language() -> None:
    assert _line(CREPES, "un espresso, non attendez, un café au lait")[0] == "Café au Lait"


def test_english_words_that_are_numbers_elsewhere_stay_english() -> None:
    """ "once" (Spanish 11), "elf" (German 11), "sept" (French 7, and September): never counts."""
    assert said_words(TAQUERIA, "once elf sept") == ("once", "elf", "sep")


def test_the_table_is_written_as_normalize_writes_and_never_shadows_english() -> None:
    """Each phrase as :func:`normalize` writes it; one role per phrase; no other language's phrase read as
    something else is an English filler word (those are read as English already)."""
    roles: dict[str, str] = {}
    for language, table in FUNCTION_WORDS.items():
        for role, phrases in table.items():
            for phrase in phrases:
                assert normalize(phrase) == phrase or not phrase.isalpha(), phrase
                assert roles.setdefault(phrase, role) == role, phrase
                if language != "en" and role not in SAID_BACK:
                    assert phrase not in FILLER | OPENERS, phrase
    assert max(len(p.split()) for p in roles) == spoken._LONGEST
