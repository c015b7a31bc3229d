"""Spoken words in one form (:mod:`app.core.reading.spoken`)."""

from __future__ import annotations

from app.core.reading.spoken import normalize


def test_a_plural_of_a_word_ending_in_ie_keeps_the_word() -> None:
    """Issue #23: "two mango smoothies" became "smoothy", which matched no Mango Smoothie."""
    assert normalize("two mango smoothies") == "2 mango smoothie"
    assert normalize("veggies") == "veggie"
    assert normalize("berries") == "berry"


def test_a_letter_without_an_accent_to_strip_is_kept() -> None:
    """Đ has no accent NFKD strips: "Phở Đặc Biệt" was "pho ac biet", which no one says."""
    assert normalize("Phở Đặc Biệt") == "pho dac biet"


def test_numerals_of_every_script_are_read_as_digits() -> None:
    """Found by a newcomer session: "٣ cookies" (Arabic-Indic three) added one cookie."""
    assert normalize("٣ cookies") == "3 cookie"
    assert normalize("２ cookies") == "2 cookie"  # fullwidth


def test_a_vulgar_fraction_is_a_fraction_never_the_digits_it_is_written_with() -> None:
    """Found by a newcomer session: "½ cookie" added 12 cookies and "¼ cookie" 14 (the marks stripped)."""
    assert normalize("½ cookie") == "half cookie"
    assert normalize("¼ lb brisket") == "quarter lb brisket"
    assert normalize("3½ cookies").split()[:2] == ["3", "half"]
