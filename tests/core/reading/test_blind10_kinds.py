"""Kinds blind10 (and the generated reads of its menus) read silently wrong (issue #23): each on a small menu
built here, and its corpus examples judged right through the voice tool."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from bench import matching
from tests.core.reading.menus import group, item, menu, named_lines, option


@cache
def _cases() -> dict[str, dict[str, Any]]:
    return {json.dumps(c["said"]): c for c in matching.load_new_cases("blind10")}


def _judged(said: object) -> str:
    case = _cases()[json.dumps(said)]
    return matching.judge(case, matching.read_voice(matching.new_menu(case["menu"]), case))


def _plates() -> object:
    sauces = group(
        "Sauces",
        [option("Red Sauce", default=True), option("Chili Sauce"), option("Red Sauce on the Side")],
        most=3,
    )
    apart = group("Served Apart", [option("Gravy on the Side")])
    gravy = group("Gravy", [option("Gravy", default=True), option("Mushroom Gravy")])
    return menu(item("Lamb Plate", sauces, gravy, apart))


def test_an_option_on_the_side_replaces_the_default_it_serves_apart() -> None:
    """ "… red sauce on the side": the default Red Sauce is moved to the side, never kept beside it; in its
    own group or another ("gravy on the side" of a Gravy group's default Gravy); said or listed."""
    m = _plates()
    assert named_lines(m, "lamb plate, red sauce on the side") == [
        ("Lamb Plate", ["Gravy", "Red Sauce on the Side"], None)
    ]
    assert named_lines(m, "lamb plate gravy on the side") == [("Lamb Plate", ["Gravy on the Side", "Red Sauce"], None)]
    assert named_lines(m, "lamb plate", ("red sauce on the side", "chili sauce")) == [
        ("Lamb Plate", ["Chili Sauce", "Gravy", "Red Sauce on the Side"], None)
    ]


@pytest.mark.parametrize(
    "said",
    [
        "chicken over rice, white sauce on the side",
        {"item": "gyro over rice", "modifiers": ["white sauce on the side", "hot sauce on the side"]},
        "medium oxtail gravy on the side",
        {"item": "curry goat", "modifiers": ["medium", "rice and peas", "gravy on the side"]},
        {"item": "jerk chicken", "modifiers": ["large", "jerk sauce on the side", "dark meat"]},
    ],
)
def test_blind10_on_the_side(said: object) -> None:
    assert _judged(said) == "right"
