"""Kinds the session that broke the reader (break11) found read silently wrong (issue #23): each on a small
menu built here, and its examples read on the corpus menus through the voice tool."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_lines, counted_lines, group, item, menu, named_lines, option


def _steaks() -> object:
    temp = group("Temperature", [option("Medium"), option("Well Done")], least=1)
    vessel = group("Vessel", [option("Cup"), option("Cake Cone"), option("Waffle Cone")], least=1)
    return menu(
        item("Ribeye", temp, category="Steaks"),
        item("Baked Potato", category="Sides"),
        item("Garlic Mashed Potatoes", aliases=["mashed"], category="Sides"),
        item("Single Scoop", vessel, group("Flavor", [option("Vanilla"), option("Chocolate")], least=1)),
        item("Double Scoop", vessel, group("Flavors", [option("Vanilla"), option("Chocolate")], least=2, most=2)),
        item("Extra Waffle Cone", category="Extras"),
    )


def test_a_correction_of_what_was_said_with_an_item_never_replaces_the_item() -> None:
    """ "a ribeye medium with a baked potato, actually mashed": the mashed is for the potato, never the
    ribeye taken away; where the line corrected is itself not clear, it is asked."""
    m = _steaks()
    try:
        got = named_lines(m, "a ribeye medium with a baked potato, actually mashed")
    except CartError:
        return
    assert ("Ribeye", ["Medium"], None) in got


def test_a_correction_naming_a_choice_word_corrects_the_choice_never_the_item() -> None:
    """ "a single scoop vanilla cup, no wait, cone": a cone of the scoop (which one is asked), never the
    Extra Waffle Cone alone; "a double scoop chocolate in a cone, make that a cup": still the double scoop."""
    m = _steaks()
    with pytest.raises(CartError):
        said_lines(m, "a single scoop vanilla cup, no wait, cone")  # type: ignore[arg-type]
    try:
        got = named_lines(m, "a double scoop chocolate in a cone, make that a cup")
    except CartError:
        return
    assert got == [("Double Scoop", ["Chocolate", "Chocolate", "Cup"], None)]


@pytest.mark.parametrize(
    ("menu_id", "said", "kept"),
    [
        ("steakhouse", "ribeye medium with a baked potato, actually mashed", "16 oz Ribeye"),
        ("fish-and-chips", "regular cod and chips with mushy peas, actually curry", "Cod"),
        ("fish-and-chips", "large chips with curry, no wait, gravy", "Chips"),
        ("fish-and-chips", "regular cod with a small mushy peas, no wait, a small gravy", "Cod"),
        ("scoop-shop", "single scoop vanilla cup, no wait, cone", "Single Scoop"),
        ("scoop-shop", "single scoop vanilla cup, actually a cone", "Single Scoop"),
        ("scoop-shop", "double scoop chocolate in a cone, make that a cup", "Double Scoop"),
    ],
)
def test_break11_corrections_of_a_choice_keep_the_item(menu_id: str, said: str, kept: str) -> None:
    """The item corrected stays (or the correction is asked), never replaced by one sharing the word."""
    got = corpus_lines(menu_id, said)
    assert got == ["ask"] or kept in [n for n, _, _ in got]


def test_break11_structured_cone_correction_keeps_the_scoop() -> None:
    from bench import matching

    m = matching.all_menus()["scoop-shop"]
    case = {"said": {"item": "single scoop", "modifiers": ["vanilla", "cup", "no wait, cone"]}, "lines": [], "ask": []}
    answer = matching.read_voice(m, case)
    assert answer.asks or all(n != "Extra Waffle Cone" for n, _, _, _ in answer.lines)


def _salads() -> object:
    comes = group("Comes With", [option("Bacon", default=True), option("Croutons", default=True)], most=2)
    adds = group("Add", [option("Chicken"), option("Avocado")], most=2)
    return menu(item("Wedge Salad", comes, adds))


def test_a_default_said_then_taken_back_comes_off() -> None:
    """ "a wedge salad with bacon, actually no bacon": the correction wins — the bacon comes off, in the
    phrase and in the model's list; a choice said and taken back the same way never stays."""
    m = _salads()
    for said in ("a wedge salad with bacon, actually no bacon", "a wedge salad with bacon, no wait, no bacon"):
        assert named_lines(m, said) == [("Wedge Salad", ["Croutons"], None)]
    assert named_lines(m, "a wedge salad", ("with bacon", "actually no bacon")) == [("Wedge Salad", ["Croutons"], None)]
    got = named_lines(m, "a wedge salad with chicken, actually no chicken")
    assert got == [("Wedge Salad", ["Bacon", "Croutons"], None)]


@pytest.mark.parametrize(
    ("menu_id", "said", "gone"),
    [
        ("steakhouse", "wedge salad with bacon, actually no bacon", "Bacon"),
        ("steakhouse", "caesar with croutons, no wait, no croutons", "Croutons"),
        ("cinema-concessions", "a large popcorn with butter, actually no butter", "Regular Butter"),
        ("cinema-concessions", "a large popcorn with butter, no wait, no butter", "Regular Butter"),
        ("cinema-concessions", "large popcorn with salt, actually no salt", "Salt"),
        ("falafel-house", "falafel pita with tahini, actually no tahini", "Tahini"),
        ("fish-and-chips", "a cup of tea with milk, actually no milk", "Milk"),
        ("smoothie-bar", "large strawberry banana with banana, actually no banana", "Banana"),
    ],
)
def test_break11_a_default_taken_back_comes_off(menu_id: str, said: str, gone: str) -> None:
    got = corpus_lines(menu_id, said)
    assert got == ["ask"] or all(gone not in options for _, _, options in got)


def test_each_count_of_pieces_stays_with_its_own_order() -> None:
    """ "6 falafel balls with tahini and 3 with hot sauce", the counts being pieces (3 pc / 6 pc): a 6 pc with
    tahini and a 3 pc with hot sauce — never both 3 pc; counts of orders still split ("two lattes, one …")."""
    sizes = [{"id": f"{n}-pc", "name": f"{n} pc", "price_cents": 100 * n} for n in (3, 6, 12)]
    dips = group("Dip", [option("Tahini"), option("Hot Sauce"), option("Hummus")], most=2)
    balls = item("Falafel Balls", dips)
    del balls["price_cents"]
    m = menu(balls | {"variations": sizes})
    got = named_lines(m, "6 falafel balls with tahini and 3 with hot sauce")
    assert got == [("Falafel Balls", ["6 pc", "Tahini"], None), ("Falafel Balls", ["3 pc", "Hot Sauce"], None)]


@pytest.mark.parametrize(
    ("menu_id", "said", "want"),
    [
        ("falafel-house", "6 falafel balls with tahini and 3 with hot sauce", ("6 pc", "3 pc")),
        ("cinema-concessions", "12 pretzel bites with cheese and 6 with mustard", ("12 pc", "6 pc")),
    ],
)
def test_break11_each_count_of_pieces_stays(menu_id: str, said: str, want: tuple[str, str]) -> None:
    got = corpus_lines(menu_id, said)
    assert got == ["ask"] or sorted(o for _, q, options in got for o in options if o in want) == sorted(want)


def test_the_plain_word_of_an_extra_degree_never_chooses_it() -> None:
    """ "a hot latte" where Temperature is Iced / Extra Hot / Warm: "hot" is how the latte comes, never Extra
    Hot (asked, or read plain); "extra hot" is Extra Hot; "extra shot" still said "a shot"."""
    temp = group("Temperature", [option("Iced"), option("Extra Hot"), option("Warm")])
    shots = group("Shots", [option("Extra Shot")], most=3)
    m = menu(item("Latte", temp, shots))
    try:
        got = named_lines(m, "a hot latte")
    except CartError:
        got = []
    assert all("Extra Hot" not in options for _, options, _ in got)
    assert named_lines(m, "a latte extra hot") == [("Latte", ["Extra Hot"], None)]
    assert named_lines(m, "a latte with a shot") == [("Latte", ["Extra Shot"], None)]
    with pytest.raises(CartError):
        said_lines(m, "latte", ("hot",))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "said", ["a medium mocha iced, make that hot", "a hot medium latte", "a medium latte, hot please"]
)
def test_break11_hot_is_never_extra_hot(said: str) -> None:
    got = corpus_lines("grind-coffee", said)
    assert got == ["ask"] or all("Extra Hot" not in options for _, _, options in got)


def test_all_of_one_choice_fills_a_group_of_exactly_n() -> None:
    """ "a banana split all chocolate" where Flavors take exactly three, pre-chosen Vanilla / Chocolate /
    Strawberry: three chocolate, never the defaults kept beside it."""
    flavors = [option("Vanilla", default=True), option("Chocolate", default=True), option("Strawberry", default=True)]
    for flavor in flavors:
        flavor["max_quantity"] = 3
    m = menu(item("Banana Split", group("Flavors", flavors, least=3, most=3)))
    assert named_lines(m, "a banana split all chocolate") == [("Banana Split", ["Chocolate"] * 3, None)]


@pytest.mark.parametrize("said", ["banana split all chocolate", "a banana split with all chocolate"])
def test_break11_banana_split_all_chocolate(said: str) -> None:
    got = corpus_lines("scoop-shop", said)
    assert (
        got == ["ask"]
        or [o for o in got[0][2] if o in ("Chocolate", "Vanilla Bean", "Strawberry")] == ["Chocolate"] * 3
    )


def _counted_wings() -> object:
    sizes = [{"id": f"{n}-pc", "name": f"{n} pc", "price_cents": 100 * n} for n in (6, 12)]
    sauces = group("Sauce", [option("BBQ"), option("Buffalo Hot"), option("Garlic Parm")], most=2)
    wings = item("Wings", sauces)
    del wings["price_cents"]
    dozens = group("Size", [option("Half Dozen"), option("Dozen")], least=1, most=1)
    return menu(wings | {"variations": sizes}, item("Glazed Donut", dozens))


@pytest.mark.parametrize(
    "said",
    [
        "12 wings bbq and 12 garlic parm",
        "12 wings hot and 6 bbq",
        "6 wings hot and 12 bbq",
        "a dozen glazed, actually six",
        "a dozen wings, actually six",
        "a half dozen glazed, make that 12",
    ],
)
def test_a_piece_count_is_never_also_the_count_of_a_line_sold_by_that_count(said: str) -> None:
    """A number said of an item sold by a count ("6 pc", "Dozen") is that count, never N orders of a count
    already chosen ("12 wings hot and 6 bbq" is never 12 × 6 pc): where it can't be placed, it is asked."""
    try:
        got = counted_lines(_counted_wings(), said)  # type: ignore[arg-type]
    except CartError:
        return
    assert all(q == 1 for _, q, _ in got), got
    assert counted_lines(_counted_wings(), "two dozen glazed") == [("Glazed Donut", 2, ["Dozen"])]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("menu_id", "said"),
    [
        ("pizzeria", "12 wings bbq and 12 garlic parm"),
        ("pizzeria", "12 wings hot and 6 bbq"),
        ("pizzeria", "6 wings hot and 12 mild"),
        ("pizzeria", "a dozen garlic knots and a half dozen"),
        ("pizzeria", "a dozen garlic knots, actually six"),
        ("donut-shop", "a dozen glazed, actually six"),
        ("pierogi-house", "a dozen pierogi ruskie fried, actually six"),
        ("pierogi-house", "12 ruskie and 6 meat, all fried"),
        ("donut-shop", "a dozen holes glazed and 25 chocolate"),
    ],
)
def test_break11_a_piece_count_never_multiplies_a_count(menu_id: str, said: str) -> None:
    got = corpus_lines(menu_id, said)
    assert got == ["ask"] or all(q == 1 for _, q, _ in got), got
