"""Options, sizes and levels never added or changed unless said: kinds found by the session that tried to
break the reader (issue #23, break10), each on a menu built here, and the corpus examples through the reader."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from bench import matching
from tests.core.reading.menus import group, item, menu, option


def _line(m: object, text: str, modifiers: tuple[str, ...] = ()) -> tuple[str, list[str], str | None]:
    (line,) = said_lines(m, text, modifiers)  # type: ignore[arg-type]
    names = sorted(p.option.name for p in line.picks) + ([line.variation.name] if line.variation else [])
    return line.item.name, sorted(names), "; ".join(line.notes) or None


def _read(menu_id: str, said: object) -> list[tuple[str, int, tuple[str, ...], str]] | list[str]:
    """A corpus menu's reading of ``said``: its lines, or the topics asked."""
    known = (matching.NEW_CORPORA / "menus" / f"{menu_id}.json").exists()
    corpus_menu = matching.new_menu(menu_id) if known else matching.all_menus()[menu_id]
    answer = matching.read_voice(corpus_menu, {"said": said, "lines": [], "ask": []})
    return answer.lines or answer.asks


def _latte() -> object:
    shots = group("Shots", [option("Extra Shot", max_quantity=3)], most=3)
    syrups = group("Syrup", [option("Vanilla", max_quantity=4), option("Caramel", max_quantity=4)], most=4)
    return menu(item("Latte", shots, syrups))


def test_a_shot_of_a_flavour_is_the_flavour() -> None:
    """ "a shot of vanilla" is the syrup counted in shots, never an espresso shot besides."""
    assert _line(_latte(), "a latte with a shot of vanilla") == ("Latte", ["Vanilla"], None)
    assert _line(_latte(), "a latte with a shot") == ("Latte", ["Extra Shot"], None)
    assert _read("grind-coffee", "a medium latte with a shot of vanilla") == [
        ("Latte", 1, ("Medium", "Vanilla", "Whole Milk"), "")
    ]


def _hot_dog() -> object:
    bun = group("Bun", [option("Poppy Seed Bun", default=True), option("Plain Bun")], least=1)
    toppings = [option("Mustard", default=True), option("Relish", default=True), option("Ketchup")]
    return menu(item("Hot Dog", bun, group("Toppings", toppings, most=3)))


def test_plain_of_an_item_with_toppings_is_none_of_them_never_a_plain_bun() -> None:
    """ "a hot dog, plain": what comes with it taken off; "Plain" as the first word of the Plain Bun is no
    saying of the bun where the item comes with things "plain" takes off."""
    assert _line(_hot_dog(), "a hot dog plain") == ("Hot Dog", ["Poppy Seed Bun"], None)
    assert _line(_hot_dog(), "a hot dog on a plain bun") == ("Hot Dog", ["Mustard", "Plain Bun", "Relish"], None)
    assert _line(_hot_dog(), "a hot dog, plain, nothing on it") == ("Hot Dog", ["Poppy Seed Bun"], None)
    lines = _read("hot-dog-stand", "two hot dogs, one with ketchup and one plain")
    assert ("Hot Dog", 1, ("Poppy Seed Bun", "Steamed"), "") in lines


def test_the_last_word_of_a_flavour_never_adds_it_beside_another() -> None:
    """ "wings plain with pepper": "pepper" is only the last word of Lemon Pepper; in a group taking several it
    adds no flavour not named (asked about), while a choice of one is still answered by it."""
    flavors = group("Flavor", [option("Plain"), option("Lemon Pepper"), option("Mild")], least=1, most=3)
    sides = group("Side", [option("Curly Fries"), option("Salad")], least=1)
    m = menu(item("Wings", flavors, sides))
    with pytest.raises(CartError):
        said_lines(m, "wings plain with pepper, salad")
    assert _line(m, "wings lemon pepper and mild, salad") == ("Wings", ["Lemon Pepper", "Mild", "Salad"], None)
    assert _line(m, "wings plain with fries") == ("Wings", ["Curly Fries", "Plain"], None)
    assert _read("wing-stop-shop", "10 wings plain with pepper") != [
        ("Bone-In Wings", 1, ("10 pc", "Celery & Carrots", "Lemon Pepper", "Plain"), "")
    ]


def _fries() -> object:
    size = group("Size", [option("Small"), option("Medium", aliases=["regular"]), option("Large")], least=1)
    return menu(item("Fries", size, group("Extras", [option("Cajun Seasoning", aliases=["cajun"])], most=2)))


def test_one_regular_of_a_count_sized_keeps_the_size_said() -> None:
    """ "two large fries, one cajun and one regular": "regular" (an alias of Medium) said of one of them is one
    as it comes, still Large — never a size other than the one said of the whole count."""
    lines = said_lines(_fries(), "two large fries, one cajun and one regular")  # type: ignore[arg-type]
    assert [sorted(p.option.name for p in line.picks) for line in lines] == [["Cajun Seasoning", "Large"], ["Large"]]
    lines = said_lines(_fries(), "two fries, one large and one regular")  # type: ignore[arg-type]
    assert [sorted(p.option.name for p in line.picks) for line in lines] == [["Large"], ["Medium"]]
    assert _read("demo-burger", "two large lemonades, one strawberry and one regular") == [
        ("Lemonade", 1, ("Large", "Strawberry"), ""),
        ("Lemonade", 1, ("Large",), ""),
    ]


def test_grande_is_no_rank_of_sizes_by_measure() -> None:
    """ "grande" is a coffee counter's medium and Spanish for large: beside sizes named Small/Medium/Large it is
    the medium; of sizes by measure (16, 24, 32 oz) it is asked about."""
    sizes = [{"id": s, "name": s, "price_cents": p} for s, p in (("16 oz", 600), ("24 oz", 700), ("32 oz", 800))]
    shape = item("Smoothie")
    del shape["price_cents"]
    m = menu(shape | {"variations": sizes})
    with pytest.raises(CartError):
        said_lines(m, "a smoothie grande")
    assert _line(m, "a medium smoothie")[1] == ["24 oz"]
    assert _read("smoothie-bar", "a strawberry banana grande")[0] == "words"
    assert _read("grind-coffee", "a half caf grande latte with soy") == [
        ("Latte", 1, ("Half Caf", "Medium", "Soy Milk"), "")
    ]


def test_less_of_a_choice_is_never_the_whole_choice() -> None:
    """["half sweet"] where the tea is Sweetened (alias "sweet") or Unsweetened: "half" is never dropped by a
    close spelling; it is asked about."""
    sweet = group("Sweetness", [option("Sweetened", aliases=["sweet"]), option("Unsweetened")], least=1)
    m = menu(item("Iced Tea", sweet))
    with pytest.raises(CartError):
        said_lines(m, "iced tea", ("half sweet",))
    assert _line(m, "iced tea", ("sweet",))[1] == ["Sweetened"]
    assert _read("demo-burger", {"item": "iced tea", "modifiers": ["large", "half sweet"]})[0] == "words"


def test_on_the_side_is_how_a_choice_comes_never_a_side_size() -> None:
    """ "an entree salad with blue cheese on the side" of the Side Salad (sizes Side / Entree): "on the side" is
    how the dressing comes, a note — never the Side size, nor a word of the name "Side Salad" said out of order."""
    size = group("Size", [option("Side"), option("Entree")], least=1)
    dressing = group("Dressing", [option("Ranch"), option("Blue Cheese")], least=1)
    m = menu(item("Side Salad", size, dressing, aliases=["salad"]))
    said = _line(m, "an entree salad with blue cheese on the side")
    assert said == ("Side Salad", ["Blue Cheese", "Entree"], "blue cheese on the side")
    assert _line(m, "a salad with ranch on the side") == ("Side Salad", ["Ranch"], "ranch on the side")  # no size
    assert _read("demo-burger", "an entree salad with blue cheese on the side") == [
        ("Side Salad", 1, ("Blue Cheese", "Entree"), "blue cheese on the side")
    ]


def test_extra_of_a_default_is_one_more_else_its_extra_option_else_a_note() -> None:
    """tests/corpus/README.md: "extra X" of X on the line is X once more where max_quantity allows, else the
    menu's "Extra X" option, else a note "extra x"."""
    twice = menu(item("Milk Tea", group("Toppings", [option("Boba", default=True, max_quantity=2)], most=3)))
    assert _line(twice, "a milk tea with extra boba") == ("Milk Tea", ["Boba", "Boba"], None)
    once = menu(item("Milk Tea", group("Toppings", [option("Boba", default=True)], most=3)))
    assert _line(once, "a milk tea with extra boba") == ("Milk Tea", ["Boba"], "extra boba")
    extra = [option("Boba", default=True), option("Extra Boba")]
    named = menu(item("Milk Tea", group("Toppings", extra, most=3)))
    assert _line(named, "a milk tea with extra boba") == ("Milk Tea", ["Boba", "Extra Boba"], None)
