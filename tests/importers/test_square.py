"""``voicecart menu import square``: Square Catalog objects → a v2 menu that passes ``menu check``.

The fixture (tests/fixtures/square/catalog.json) is a made-up shop written from Square's documented
CatalogObject shapes: sizes with a per-location price and a per-location sold-out, an inclusive
tax, an untaxed retail item, a variable-priced variation, a modifier list with quantities, an
item-level default override, a free-text modifier, an item sold at one location only, a deleted
item and a discount."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.core.menu import load_menu, parse_menu
from app.errors import MenuError
from app.importers.square import import_square
from app.server.app import create_app
from app.settings import Settings
from tests.conftest import T0, TEST_KEYS, FakeClock

FIXTURE = Path(__file__).parents[1] / "fixtures" / "square" / "catalog.json"
REPO = Path(__file__).parents[2]


def catalog() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text())


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part.title() for part in rest)


def camel_keys(value: Any) -> Any:
    """The same objects as the SDKs spell them (``itemData``, ``presentAtAllLocations``…)."""
    if isinstance(value, dict):
        return {_camel(k): camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_keys(v) for v in value]
    return value


def items(menu: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["name"]: i for i in menu["items"]}


def test_downtown_import_carries_sizes_taxes_defaults_and_sold_outs() -> None:
    imported = import_square(catalog(), "tidewater", "Tidewater Coffee", location="LOC_DOWNTOWN")
    menu = imported.menu
    parse_menu(menu)  # what `menu check` runs
    assert menu["currency"] == "USD"
    assert menu["taxes"] == [{"id": "TAX_SALES", "name": "Sales tax", "rate": "0.086", "inclusive": True}]
    by_name = items(menu)
    assert set(by_name) == {"Latte", "Drip coffee", "Whole bean bag", "Blueberry scone", "Latte art workshop"}
    latte = by_name["Latte"]
    assert [(v["name"], v["price_cents"], v.get("available", True)) for v in latte["variations"]] == [
        ("8 oz", 450, True),
        ("12 oz", 525, True),
        ("16 oz", 600, False),  # sold out downtown
    ]
    milk, syrup = latte["modifier_groups"]
    assert (milk["min"], milk["max"], milk["options"][0].get("default")) == (1, 1, True)
    assert (syrup["min"], syrup["max"]) == (0, 3) and syrup["options"][0]["max_quantity"] == 3
    assert "taxes" not in latte  # every tax: the default
    assert by_name["Drip coffee"]["price_cents"] == 300  # one variation: the item's price
    assert by_name["Drip coffee"]["modifier_groups"][0]["options"][0].get("default") is None  # item override
    beans = by_name["Whole bean bag"]
    assert beans["taxes"] == [] and beans["price_cents"] == 1600 and beans["category"] == "Retail"
    workshop = by_name["Latte art workshop"]["variations"]
    assert [v.get("available", True) for v in workshop] == [True, False]  # the 86'd date is not sold
    report = "\n".join(imported.report)
    for carried_not in ("DISCOUNT", "Custom blend", "variable price", "Cup message", "deleted"):
        assert carried_not in report


def test_another_location_filters_presence_prices_and_sold_outs() -> None:
    menu = import_square(catalog(), "tidewater-airport", location="LOC_AIRPORT").menu
    parse_menu(menu)
    by_name = items(menu)
    assert "Blueberry scone" not in by_name and "Latte art workshop" not in by_name  # downtown only
    latte = by_name["Latte"]
    assert [v["price_cents"] for v in latte["variations"]] == [450, 575, 600]  # the airport's 12 oz price
    assert all(v.get("available", True) for v in latte["variations"])
    almond = next(o for o in latte["modifier_groups"][0]["options"] if o["name"] == "Almond milk")
    assert almond["available"] is False


@pytest.mark.parametrize("shape", ["camelCase", "bare array", "camelCase bare array"])
def test_camel_case_and_bare_arrays_read_the_same(shape: str) -> None:
    document: Any = catalog()
    if "camel" in shape:
        document = camel_keys(document)
    if "bare" in shape:
        document = document["objects"]
    expected = import_square(catalog(), "t", location="LOC_DOWNTOWN").menu
    assert import_square(document, "t", location="LOC_DOWNTOWN").menu == expected


@pytest.mark.parametrize("document", [{"items": []}, "objects", {"objects": []}])
def test_not_a_catalog_is_refused(document: Any) -> None:
    with pytest.raises(MenuError):
        import_square(document, "t")


def test_import_end_to_end_then_serve_the_menu(tmp_path: Path) -> None:
    menus = tmp_path / "menus"
    menus.mkdir()
    out = menus / "tidewater.json"
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "app", "menu", "import", "square", str(FIXTURE)]
    command += ["--restaurant-id", "tidewater", "--location", "LOC_DOWNTOWN", "--name", "Tidewater", "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.search(r"wrote .*tidewater\.json: tidewater, 5 items, 5 variations, 1 taxes, USD", done.stdout)
    assert "not carried: Whole bean bag (Custom blend): variable price, skipped" in done.stderr
    check = subprocess.run([sys.executable, "-m", "app", "menu", "check", str(out)], env=env, capture_output=True)
    assert check.returncode == 0, check.stderr
    assert load_menu(out).item("ITEM_LATTE").variations[2].available is False
    settings = Settings(keys_spec=TEST_KEYS, menu_dir=menus, data_dir=tmp_path / "data")
    with TestClient(create_app(settings, clock=FakeClock(T0))) as client:
        token = client.post("/v1/restaurants/tidewater/cart").json()["cart_token"]
        response = client.post(
            "/v1/restaurants/tidewater/cart/items",
            json={"item": "latte", "modifiers": ["12 oz", "oat milk", "vanilla", "vanilla"]},
            headers={"Cart-Token": token},
        )
        assert response.status_code == 200, response.text
        cart = response.json()["cart"]
        assert cart["lines"][0]["unit_price_cents"] == 525 + 75 + 2 * 50
        assert cart["total_cents"] == cart["subtotal_cents"] == 700  # the tax is included
        assert cart["taxes"][0]["amount_cents"] == 55  # 700 × 0.086 / 1.086 = 55.4
        sold_out = client.post(
            "/v1/restaurants/tidewater/cart/items",
            json={"item": "latte art workshop", "variation": "Saturday March 15"},
            headers={"Cart-Token": token},
        )
        assert sold_out.json()["error"]["code"] == "variation_unavailable"


def test_unreadable_catalog_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "app", "menu", "import", "square", str(bad), "--restaurant-id", "x"]
    done = subprocess.run([*command, "--out", str(tmp_path / "m.json")], capture_output=True, text=True, env=env)
    assert done.returncode == 2 and "not valid JSON" in done.stderr
    assert not (tmp_path / "m.json").exists()


def test_menu_check_names_the_field_of_a_v2_refusal(tmp_path: Path) -> None:
    menu = import_square(catalog(), "tidewater", location="LOC_DOWNTOWN").menu
    menu["items"][0]["taxes"] = ["TAX_STATE"]  # not one of the menu's taxes
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(menu))
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "app", "menu", "check", str(bad)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "items[0].taxes[0]: unknown tax id 'TAX_STATE'" in done.stderr


def _variation(vid: str, cents: int, options: list[tuple[str, str]], name: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "pricing_type": "FIXED_PRICING",
        "price_money": {"amount": cents, "currency": "USD"},
        "item_option_values": [{"item_option_id": o, "item_option_value_id": v} for o, v in options],
    }
    if name is not None:
        data["name"] = name
    return {"type": "ITEM_VARIATION", "id": vid, "item_variation_data": data}


def _option(oid: str, name: str, values: dict[str, str]) -> dict[str, Any]:
    return {
        "type": "ITEM_OPTION",
        "id": oid,
        "item_option_data": {
            "name": name,
            "values": [
                {"type": "ITEM_OPTION_VAL", "id": vid, "item_option_value_data": {"item_option_id": oid, "name": text}}
                for vid, text in values.items()
            ],
        },
    }


def test_archived_items_are_not_on_sale_and_item_options_name_the_variations() -> None:
    """Issue #24: an archived item was imported as on sale (voice added it); variations named only
    through Item Options were "Regular" and "Regular" (voice asked "Regular or Regular?")."""
    tea = {
        "type": "ITEM",
        "id": "ITEM_TEA",
        "item_data": {
            "name": "Iced tea",
            "item_options": [{"item_option_id": "OPT_SIZE"}, {"item_option_id": "OPT_SWEET"}],
            "variations": [
                _variation("V_SMALL_NO", 300, [("OPT_SWEET", "VAL_NO"), ("OPT_SIZE", "VAL_SMALL")]),
                _variation("V_LARGE_NO", 400, [("OPT_SIZE", "VAL_LARGE"), ("OPT_SWEET", "VAL_NO")]),
                _variation("V_LARGE_YES", 400, [("OPT_SIZE", "VAL_LARGE"), ("OPT_SWEET", "VAL_YES")], name="Big sweet"),
            ],
        },
    }
    archived = {
        "type": "ITEM",
        "id": "ITEM_OLD",
        "item_data": {"name": "Pumpkin latte", "is_archived": True, "variations": [_variation("V_OLD", 500, [])]},
    }
    document = {
        "objects": [tea, archived],
        "related_objects": [
            _option("OPT_SIZE", "Size", {"VAL_SMALL": "Small", "VAL_LARGE": "Large"}),
            _option("OPT_SWEET", "Sweetness", {"VAL_NO": "Unsweetened", "VAL_YES": "Sweet"}),
        ],
    }
    for shape in (document, camel_keys(document)):
        imported = import_square(shape, "tea-house")
        parse_menu(imported.menu)
        by_name = items(imported.menu)
        assert set(by_name) == {"Iced tea"}  # the archived latte is not for sale
        assert [v["name"] for v in by_name["Iced tea"]["variations"]] == [
            "Small, Unsweetened",
            "Large, Unsweetened",
            "Big sweet",  # a variation's own name wins
        ]
        report = "\n".join(imported.report)
        assert "Pumpkin latte: archived" in report and "ITEM_OPTION" not in report
