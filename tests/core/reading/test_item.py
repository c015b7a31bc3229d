"""One item read from the words: names said whole beat names pieced from options, slips of spelling."""

from __future__ import annotations

from app.core.reading.item import Reading
from app.core.reading.order import read_order
from app.errors import CartError, ItemAmbiguous, WordsNotUnderstood
from tests.core.reading.menus import group, item, menu, option

DONENESS = group("Doneness", [option("Medium"), option("Well Done")], least=1)
BURGERS = menu(
    item("Classic Burger", DONENESS, group("Extras", [option("Extra Cheese", aliases=["double cheese"])], most=3),
         aliases=["burger"]),
    item("Double Cheeseburger", DONENESS, aliases=["double cheese burger"], price_cents=1299),
    item("Chocolate Shake"),
    item("Vanilla Shake"),
    item("Onion Rings"),
    item("Spicy Chicken Sandwich", group("Heat", [option("Mild"), option("Hot", aliases=["spicy"])], least=1),
         aliases=["spicy chicken"]),
)  # fmt: skip


def _read(said: str) -> Reading:
    (reading,) = read_order(BURGERS, said)
    assert isinstance(reading, Reading), reading
    return reading


def test_an_alias_holding_another_items_name_and_option_is_that_alias() -> None:
    """Issue #23: "double cheese burger" is the Double Cheeseburger's alias, never a Classic Burger + Extra Cheese."""
    reading = _read("double cheese burger medium")
    assert (reading.item.name, [o.name for o in reading.options]) == ("Double Cheeseburger", ["Medium"])
    other = _read("a burger medium with double cheese")  # the option is still the option when the name is another
    assert (other.item.name, [o.name for o in other.options]) == ("Classic Burger", ["Medium", "Extra Cheese"])


def test_a_name_one_letter_off_or_with_two_letters_swapped_is_that_name() -> None:
    assert _read("a choclate shake").item.name == "Chocolate Shake"
    assert _read("vanila shake").item.name == "Vanilla Shake"
    assert _read("oinon rings").item.name == "Onion Rings"


def test_two_words_the_menu_writes_as_one_are_its_word() -> None:
    cheese = menu(item("Cheeseburger"), item("Cheese Fries"))
    (reading,) = read_order(cheese, "a cheese burger")
    assert isinstance(reading, Reading) and reading.item.name == "Cheeseburger"


def test_an_alias_saying_a_word_of_the_items_own_kind_leaves_its_required_choice_open() -> None:
    """ "spicy chicken" names the sandwich; the heat is still asked, never taken from the name."""
    (reading,) = read_order(BURGERS, "spicy chicken")
    assert isinstance(reading, Reading) and reading.options == ()


TEAS = menu(
    item("Green Tea", group("Ice", [option("Regular Ice", default=True), option("Hot")], least=1),
         group("Toppings", [option("Mango Popping Boba"), option("Eel Sauce")], most=3),
         group("Comes With", [option("Spicy Mayo", default=True)], most=1)),
    item("Mango Green Tea", group("Ice", [option("Regular Ice", default=True), option("Less Ice")], least=1)),
    item("Milk Tea", group("Sugar", [option("0% Sugar"), option("50% Sugar"), option("100% Sugar", default=True)],
                           least=1)),
    item("Sandwich", group("Meat", [option("Turkey"), option("Ham")], least=1)),
    item("Club", group("Meat", [option("Turkey"), option("Bacon")], least=1), group("Extra", [option("Extra Meat")])),
)  # fmt: skip


def test_a_longer_name_said_whole_is_asked_about_never_read_as_a_shorter_name_and_choices() -> None:
    """ "a hot mango green tea": the Mango Green Tea (which has no Hot) — not a Green Tea with a mango topping."""
    (asked,) = read_order(TEAS, "a hot mango green tea")
    assert isinstance(asked, CartError) and asked.details.get("item") == "Mango Green Tea"


def test_a_bare_head_noun_never_adds_an_optional_extra() -> None:
    (reading,) = read_order(TEAS, "a green tea with sauce on the side")
    assert not isinstance(reading, Reading) or "Eel Sauce" not in [o.name for o in reading.options]


def test_a_close_spelling_with_another_number_is_another_choice() -> None:
    (asked,) = read_order(TEAS, "milk tea", ("30% sugar",))
    assert isinstance(asked, CartError)


def test_an_item_text_that_is_a_choice_of_several_items_asks_which_item() -> None:
    """{"item": "turkey", "modifiers": ["extra meat"]}: the modifiers never pick the item for a bare choice."""
    (asked,) = read_order(TEAS, "turkey", ("extra meat",))
    assert isinstance(asked, ItemAmbiguous)


def test_a_level_said_as_a_percentage_or_in_words_is_the_option_on_the_scale() -> None:
    """ "fifty percent sweet" / "half sweet" are 50% Sugar (the menu writes "%", customers say "percent")."""
    for said in ("a milk tea fifty percent sweet", "milk tea, 50 percent sugar"):
        (reading,) = read_order(TEAS, said)
        assert isinstance(reading, Reading) and [o.name for o in reading.options] == ["50% Sugar"], said


def test_two_choices_of_a_one_choice_group_are_asked_without_saying_one_is_not_offered() -> None:
    """Found by a newcomer session: "large small fries" asked "French Fries has no large", which it has."""
    fries = menu(item("Fries", group("Size", [option("Small"), option("Large")], least=1, most=1)))
    (answer,) = read_order(fries, "large small fries")
    assert isinstance(answer, WordsNotUnderstood) and "has no" not in str(answer) and "Size" in str(answer)
