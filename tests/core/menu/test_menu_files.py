from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.core.menu import Menu, MenuCatalog, assign_tags, load_menu, parse_menu, tag_pair
from app.errors import MenuError, RestaurantNotFound
from tests.conftest import DEMO_MENU_FILE
from tests.support.menus import with_value


@pytest.fixture
def doc() -> dict[str, Any]:
    return json.loads(DEMO_MENU_FILE.read_text())


def test_demo_menu_loads(demo_menu: Menu) -> None:
    assert demo_menu.restaurant_id == "demo-burger"
    assert demo_menu.tax_rate == Decimal("0.0825")
    burger = demo_menu.item("cheeseburger")
    assert burger is not None and any(g.required for g in burger.modifier_groups)
    assert any(not i.available for i in demo_menu.items)
    assert demo_menu.item_by_tag(burger.tag) is burger


def test_uuid_menu_tags_are_short(uuid_menu: Menu) -> None:
    assert all(i.tag < 1 << 16 for i in uuid_menu.items)


@pytest.mark.parametrize(
    ("path", "value", "where", "message"),
    [
        (["tax_rate"], 0.0825, "tax_rate", "must be a string"),
        (["tax_rate"], "8.25%", "tax_rate", "not a decimal"),
        (["tax_rate"], "1.5", "tax_rate", "from 0 to below 1"),
        (["currency"], "dollars", "currency", "ISO 4217"),
        (["restaurant_id"], KeyError, "restaurant_id", "is required"),
        (["items", 0, "price_cents"], 8.99, "items[0].price_cents", "must be an integer"),
        (["items", 0, "price_cents"], True, "items[0].price_cents", "must be an integer"),
        (["items", 0, "price_cents"], -5, "items[0].price_cents", "between 0"),
        (["items", 0, "available"], "yes", "items[0].available", "true or false"),
        (["items", 0, "colour"], "red", "items[0]", "unknown field"),
        (["items", 1, "id"], "classic-burger", "items", "duplicate item id"),
        (["items", 0, "modifier_groups", 0, "min"], 9, "items[0].modifier_groups[0]", "min"),
        (["items", 0, "modifier_groups", 0, "options"], [], "items[0].modifier_groups[0].options", "at least one"),
        (["items", 0, "modifier_groups", 0, "options", 0, "name"], " ", "options[0].name", "must not be empty"),
    ],
)
def test_validation_errors_name_the_field(doc: dict, path: list, value: Any, where: str, message: str) -> None:
    with pytest.raises(MenuError) as err:
        parse_menu(with_value(doc, path, value))
    assert where in str(err.value)
    assert message in str(err.value)


def test_negative_option_prices_are_allowed(doc: dict[str, Any]) -> None:
    menu = parse_menu(with_value(doc, ["items", 0, "modifier_groups", 0, "options", 0, "price_cents"], -100))
    assert menu.items[0].modifier_groups[0].options[0].price_cents == -100


def test_load_reports_file_and_json_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(MenuError, match=r"bad\.json.*not valid JSON"):
        load_menu(bad)
    with pytest.raises(MenuError, match="cannot read"):
        load_menu(tmp_path / "missing.json")


def test_catalog(menu_dir: Path) -> None:
    catalog = MenuCatalog.from_dir(menu_dir)
    assert "demo-burger" in catalog.restaurant_ids()
    with pytest.raises(RestaurantNotFound):
        catalog.get("nope")
    with pytest.raises(MenuError, match="does not exist"):
        MenuCatalog.from_dir(menu_dir / "missing")
    (menu_dir / "empty").mkdir()
    with pytest.raises(MenuError, match=r"no \*\.json"):
        MenuCatalog.from_dir(menu_dir / "empty")


def test_short_tag_collision_falls_back_to_long_tags() -> None:
    # find two ids whose 16-bit tags collide
    seen: dict[int, str] = {}
    for n in range(200_000):
        ident = f"item-{n}"
        short = tag_pair(ident)[0]
        if short in seen:
            pair = [seen[short], ident]
            break
        seen[short] = ident
    tags, lookup = assign_tags([*pair, "other"], "items", "item")
    assert all(tags[i] >= 1 << 16 for i in pair)
    assert tags["other"] < 1 << 16
    assert tag_pair(pair[0])[0] not in lookup  # the ambiguous short tag resolves to nothing
    assert lookup[tags[pair[0]]] == pair[0]


def test_load_takes_a_path_or_its_string(tmp_path: Path, menu_dir: Path) -> None:
    """A menu file's path typed as a string (as a newcomer calls it) reads the same menu as the Path."""
    (path,) = [p for p in menu_dir.glob("*.json") if load_menu(p).restaurant_id == "demo-burger"]
    by_string, by_path = load_menu(str(path)), load_menu(path)
    assert [(i.id, i.price_cents, i.modifier_groups) for i in by_string.items] == [
        (i.id, i.price_cents, i.modifier_groups) for i in by_path.items
    ]
