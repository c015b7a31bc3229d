"""Kinds blind15 asked about needlessly on mamak-stall (issue #23, round 18): counts in the menu's language and
said after the item ("roti kosong satu"), a drink's choices that spell a part of another drink's name ("kopi o
ais" beside a Teh O Ais Limau), a name qualified only by its own choice ("teh susu"), "uh no" taking back, the
menu's own word for "extra" ("tambah"), a placeholder said for a name ("the thing"). Each
on a small menu built here, and the corpus examples read through the voice tool."""

from __future__ import annotations

import pytest

from app.errors import CartError
from tests.core.reading.menus import corpus_outcome, counted_lines, group, item, menu, option


def _stall() -> object:
    milk = group("Milk", [option("Susu", default=True), option("O", aliases=["no milk"]), option("C")], least=1)
    sugar = group("Sugar", [option("Manis", default=True), option("Kurang Manis"), option("Kosong")], least=1)
    temperature = group("Temperature", [option("Panas", default=True), option("Ais", aliases=["iced"])], least=1)
    kuah = group("Kuah", [option("Dhal", default=True), option("Fish Curry", aliases=["kuah ikan"])], least=1)
    return menu(
        item("Thosai", kuah, aliases=["dosa"]),
        item("Combo 2", category="Sets"),
        item("Teh", milk, sugar, temperature, aliases=["teh susu"], category="Drinks"),
        item("Kopi", milk, sugar, temperature, category="Drinks"),
        item("Teh Tarik", sugar, temperature, category="Drinks"),
        item("Teh O Ais Limau", sugar, aliases=["teh o limau"], category="Drinks"),
        item("Sirap Bandung", temperature, category="Drinks"),
    )


def test_number_words_of_the_menus_language_are_counts() -> None:
    """ "dua thosai", "tiga teh tarik", "satu kopi": Malay numbers (``num2words``' Indonesian, the same words)
    count as "two", "three", "one" do."""
    m = _stall()
    assert counted_lines(m, "dua thosai") == [("Thosai", 2, ["Dhal"])]  # type: ignore[arg-type]
    assert counted_lines(m, "tiga teh tarik") == [("Teh Tarik", 3, ["Manis", "Panas"])]  # type: ignore[arg-type]
    assert counted_lines(m, "satu kopi") == [("Kopi", 1, ["Manis", "Panas", "Susu"])]  # type: ignore[arg-type]


def test_a_count_said_after_the_item_is_its_count() -> None:
    """ "thosai dua", "teh tarik satu, sirap bandung ais 2": a number ending a piece that names an item whole is
    how many of it; a number a reading explains ("combo 2") stays the name's."""
    m = _stall()
    assert counted_lines(m, "thosai dua") == [("Thosai", 2, ["Dhal"])]  # type: ignore[arg-type]
    assert counted_lines(m, "thosai dua, kuah ikan") == [("Thosai", 2, ["Fish Curry"])]  # type: ignore[arg-type]
    assert counted_lines(m, "teh tarik satu, sirap bandung ais 2") == [  # type: ignore[arg-type]
        ("Sirap Bandung", 2, ["Ais"]),
        ("Teh Tarik", 1, ["Manis", "Panas"]),
    ]
    assert counted_lines(m, "combo 2") == [("Combo 2", 1, [])]  # type: ignore[arg-type]


def test_choices_that_spell_a_part_of_another_name_are_choices() -> None:
    """ "kopi o ais", "teh o panas", "teh o": the drink named whole with its choices named whole, never the Teh O
    Ais Limau whose name they only begin or run through; its own alias still names it ("teh o limau")."""
    m = _stall()
    assert counted_lines(m, "kopi o ais") == [("Kopi", 1, ["Ais", "Manis", "O"])]  # type: ignore[arg-type]
    assert counted_lines(m, "teh o panas") == [("Teh", 1, ["Manis", "O", "Panas"])]  # type: ignore[arg-type]
    assert counted_lines(m, "2 teh o") == [("Teh", 2, ["Manis", "O", "Panas"])]  # type: ignore[arg-type]
    assert counted_lines(m, "teh o limau") == [("Teh O Ais Limau", 1, ["Manis"])]  # type: ignore[arg-type]


def test_a_name_qualified_by_its_own_choice_is_still_said_bare() -> None:
    """ "a teh": the Teh, whose alias "teh susu" adds only its own Susu — never asked beside the Teh Tarik."""
    m = _stall()
    assert counted_lines(m, "a teh") == [("Teh", 1, ["Manis", "Panas", "Susu"])]  # type: ignore[arg-type]


def test_no_after_a_hesitation_takes_back() -> None:
    """ "thosai dhal, uh no, kuah ikan": the "no" said after "uh" corrects the Dhal as "no" alone does."""
    m = _stall()
    assert counted_lines(m, "thosai dhal, uh no, kuah ikan") == [("Thosai", 1, ["Fish Curry"])]  # type: ignore[arg-type]


def _noodles() -> object:
    extras = group(
        "Extras",
        [
            option("Extra Kuah", aliases=["tambah kuah", "lebih kuah"]),
            option("Extra Pedas", aliases=["tambah pedas", "lebih pedas"]),
        ],
        most=2,
    )
    add_ons = group("Add-Ons", [option("Telur Mata"), option("Sotong")], most=2)
    sugar = group("Sugar", [option("Manis", default=True), option("Lebih Manis")], least=1)
    return menu(item("Mee Goreng", extras, add_ons), item("Teh Tarik", sugar, category="Drinks"))


def test_the_menus_own_word_for_extra_is_extra() -> None:
    """ "tambah telur mata": the menu writes "tambah kuah" and "tambah pedas" for Extra Kuah and Extra Pedas, so
    "tambah" is its "extra" before any choice; a choice named by that word ("lebih manis") keeps its name."""
    m = _noodles()
    assert counted_lines(m, "mee goreng, tambah telur mata") == [  # type: ignore[arg-type]
        ("Mee Goreng", 1, ["Telur Mata"])
    ]
    assert counted_lines(m, "mee goreng lebih kuah") == [("Mee Goreng", 1, ["Extra Kuah"])]  # type: ignore[arg-type]
    assert counted_lines(m, "teh tarik lebih manis") == [("Teh Tarik", 1, ["Lebih Manis"])]  # type: ignore[arg-type]


def test_a_placeholder_said_for_a_name_asks_what_is_meant() -> None:
    """ "the uh... that thing, you know, the round one with the stuff": no word of the menu said, a placeholder
    where the name goes — what is meant is asked (words not understood), never which item."""
    m = _stall()
    with pytest.raises(CartError) as asked:
        counted_lines(m, "the uh... that thing, you know, the round one with the stuff")  # type: ignore[arg-type]
    assert asked.value.code == "words_not_understood"


def test_a_part_of_a_name_made_of_choices_alone_names_no_other_item() -> None:
    """ "a half dozen malpeques and a half dozen kusshis, no horseradish": the "dozen" of the Mixed Dozen holds
    no other item's name, so no oyster is swapped in for it — never two lines with the note on one (blind15
    oyster-bar)."""
    said = "a half dozen Malpeques and a half dozen Kusshis, no horseradish"
    assert corpus_outcome("blind15", said) != "wrong"


@pytest.mark.parametrize(
    "said",
    [
        "dua roti telur, satu teh tarik kurang manis",
        "tiga roti canai kuah campur, dua milo ais",
        "satu milo dinosaur and a roti tisu",
        "teh o kosong panas",
        "kopi o ais kurang manis",
        "ais kosong dua",
        "roti canai dhal, uh no, kari ayam",
        "mee goreng mamak, kurang pedas, tambah telur mata",
        "thosai dua, kuah ikan",
        "sirap bandung ais dua",
        "nescafe o ais",
        "satu teh",
        "lima teh tarik",
        "the uh... that thing, you know, the round one with the stuff",
        {"item": "roti telur", "modifiers": ["dua"]},
    ],
)
def test_mamak_stall_examples(said: object) -> None:
    assert corpus_outcome("blind15", said) == "right"
