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
