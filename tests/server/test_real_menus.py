"""v2 menus over HTTP and the voice tools alike (issue #14): variations by field or by spoken word, repeats
as quantities, "no X" removing a default, nested choices, 86'd options and variations, availability
windows, the taxes breakdown, money in the currency's minor unit, and checkout carrying it all.
A refused add never changes the cart: the caller's previous token stays valid."""

from __future__ import annotations

import functools
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.server.app import create_app
from app.settings import Settings, bundled_menu_dir
from tests.conftest import T0, TEST_KEYS, FakeClock
from tests.support import http

CAFE = "demo-cafe"
BASE = f"/v1/restaurants/{CAFE}"
MORNING = T0 - 10 * 3600  # Friday 09:00 in Sydney: breakfast is on
EVENING = T0  # Friday 19:00 in Sydney: after breakfast (and after closing)


def _yen_menu(currency: str, price: int) -> dict[str, Any]:
    return {
        "restaurant_id": f"{currency.lower()}-shop",
        "name": f"{currency} shop",
        "currency": currency,
        "tax_rate": "0.10",
        "items": [{"id": "set", "name": "Lunch set", "category": "mains", "price_cents": price, "available": True}],
    }


@pytest.fixture
def cafe(tmp_path: Path) -> Iterator[tuple[TestClient, FakeClock]]:
    menus = tmp_path / "menus"
    menus.mkdir()
    shutil.copy(bundled_menu_dir() / "demo-cafe.json", menus)
    (menus / "jpy.json").write_text(json.dumps(_yen_menu("JPY", 850)))
    (menus / "kwd.json").write_text(json.dumps(_yen_menu("KWD", 1250)))
    clock = FakeClock(MORNING)
    settings = Settings(keys_spec=TEST_KEYS, menu_dir=menus, data_dir=tmp_path / "data")
    with TestClient(create_app(settings, clock=clock)) as client:
        yield client, clock


new_cart = functools.partial(http.new_cart, base=BASE)  # the café's cart
add = functools.partial(http.add, base=BASE)


def added_line(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    return next(line for line in body["cart"]["lines"] if line["line_id"] == body["line_id"])


def error(response: Any, status: int = 422) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json()["error"]


def tool(client: TestClient, name: str, arguments: dict[str, Any], token: str | None = None) -> dict[str, Any]:
    headers = {"Cart-Token": token} if token else {}
    response = client.post(f"{BASE}/tools/{name}", json={"arguments": arguments}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    return {**body, "out": json.loads(body["output"])}


def voice_add(client: TestClient, *items: dict[str, Any], token: str | None = None) -> dict[str, Any]:
    return tool(client, "add_to_order", {"items": list(items)}, token)


# --- variations ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"item": "flat white", "variation": "large"},
        {"item": "flat white", "variation": "flat-white-large"},
        {"item": "flat white", "modifiers": ["large"]},
        {"item": "flat white", "modifiers": ["12 oz"]},
    ],
    ids=["field-name", "field-id", "spoken-modifier", "alias"],
)
def test_http_variation_by_field_or_spoken_word(cafe, body: dict[str, Any]) -> None:
    client, _ = cafe
    line = added_line(add(client, new_cart(client), **body))
    assert line["variation"] == {"id": "flat-white-large", "name": "Large", "price_cents": 520}
    assert line["unit_price_cents"] == 520
    assert [(m["id"], m["quantity"]) for m in line["modifiers"]] == [("full-cream", 1)]  # the default milk


def test_http_missing_variation_is_modifier_required_listing_them(cafe) -> None:
    client, _ = cafe
    token = new_cart(client)
    err = error(add(client, token, item="latte"))
    assert err["code"] == "modifier_required" and err["group"] == "variation"
    assert [v["name"] for v in err["variations"]] == ["Small", "Large"]
    assert client.get(f"{BASE}/cart", headers={"Cart-Token": token}).status_code == 200  # the old token still works


def test_sold_out_variation_and_option_have_their_own_codes(cafe) -> None:
    client, _ = cafe
    token = new_cart(client)
    err = error(add(client, token, item="long black", variation="large"))
    assert err["code"] == "variation_unavailable" and [v["name"] for v in err["variations"]] == ["Small"]
    err = error(add(client, token, item="latte", variation="small", modifiers=["almond milk"]))
    assert err["code"] == "modifier_unavailable" and err["modifier"] == "almond"
    assert "Almond milk" not in [o["name"] for o in err["options"]]
    voice = voice_add(client, {"item": "large long black"}, {"item": "small latte", "modifiers": ["almond"]})
    assert [n["error"] for n in voice["out"]["not_added"]] == ["variation_unavailable", "modifier_unavailable"]
    assert "Sorry, Long Black (Large) is sold out right now. We do have Small." in voice["out"]["message"]
    assert "Almond milk is sold out right now. We do have Full cream, Skim or Oat milk." in voice["out"]["message"]
    assert voice["cart"]["lines"] == []  # nothing 86'd was sold


# --- repeats, counts, defaults, nesting ---------------------------------------------------------------


def test_a_repeated_option_is_a_quantity_up_to_its_max(cafe) -> None:
    client, _ = cafe
    token = new_cart(client)
    line = added_line(add(client, token, item="latte", variation="small", modifiers=["extra shot", "extra shot"]))
    assert [(m["id"], m["quantity"]) for m in line["modifiers"]] == [("extra-shot", 2), ("full-cream", 1)]
    assert line["unit_price_cents"] == 450 + 2 * 60
    err = error(add(client, token, item="latte", variation="small", modifiers=["extra shot"] * 3))
    assert err["code"] == "modifier_invalid" and err["max_quantity"] == 2


@pytest.mark.parametrize("said", [["double eggs", "greens"], ["eggs", "eggs", "collards"], ["2 eggs", "greens"]])
def test_counts_said_as_words_or_repeats_fill_a_three_side_plate(cafe, said: list[str]) -> None:
    client, _ = cafe
    line = added_line(add(client, new_cart(client), item="big plate", modifiers=said))
    assert [(m["id"], m["quantity"]) for m in line["modifiers"]] == [("eggs", 2), ("greens", 1)]


def test_voice_keeps_repeats_instead_of_merging_them(cafe) -> None:
    client, _ = cafe
    body = voice_add(client, {"item": "big plate", "modifiers": ["eggs", "eggs", "mushrooms"]})
    assert body["ok"] and body["cart"]["lines"][0]["modifiers"][0] == {
        "id": "eggs",
        "name": "Eggs",
        "price_cents": 0,
        "quantity": 2,
        "modifiers": [],
    }
    assert "two Eggs" in body["out"]["message"]


def test_no_x_removes_a_default_and_defaults_apply_otherwise(cafe) -> None:
    client, _ = cafe
    token = new_cart(client)
    plain = added_line(add(client, token, item="brekkie roll", modifiers=["relish"]))
    assert [m["id"] for m in plain["modifiers"]] == ["tomato-relish", "butter"]
    for said in ("no butter", "without butter", "hold the butter"):
        line = added_line(add(client, token, item="brekkie roll", modifiers=["relish", said]))
        assert [m["id"] for m in line["modifiers"]] == ["tomato-relish"], said
    voice = voice_add(client, {"item": "brekkie roll", "modifiers": ["bbq", "no butter"]})
    assert [m["id"] for m in voice["cart"]["lines"][0]["modifiers"]] == ["bbq"]


def test_nested_choices_land_under_their_option(cafe) -> None:
    client, _ = cafe
    token = new_cart(client)
    line = added_line(add(client, token, item="brekkie combo", modifiers=["bacon and egg", "bbq", "latte"]))
    assert line["unit_price_cents"] == 1450
    assert [(m["id"], [n["id"] for n in m["modifiers"]]) for m in line["modifiers"]] == [
        ("combo-bacon-egg", ["bbq"]),
        ("combo-latte", []),
    ]
    err = error(add(client, token, item="brekkie combo", modifiers=["veggie roll", "latte"]))
    assert err["code"] == "modifier_required" and err["group"] == "sauce"  # the roll's own required sauce
    voice = voice_add(client, {"item": "breakfast combo", "modifiers": ["veggie", "aioli", "flat white"]})
    assert voice["ok"], voice["out"]
    assert voice["cart"]["lines"][0]["unit_price_cents"] == 1450 + 50
    assert "Veggie roll (Aioli)" in voice["out"]["message"]


# --- voice: sizes from the spoken phrase, the question to ask ------------------------------------------


def test_voice_reads_the_size_in_the_phrase(cafe) -> None:
    client, _ = cafe
    body = voice_add(client, {"item": "two large flat whites", "modifiers": ["oat milk"]})
    assert body["ok"], body["out"]
    line = body["cart"]["lines"][0]
    assert (line["variation"]["name"], line["quantity"], line["unit_price_cents"]) == ("Large", 2, 520 + 80)
    assert body["out"]["added"][0]["variation"] == "Large"
    assert "two large Flat Whites with Oat milk" in body["out"]["message"]  # the one wording of a line


def test_voice_asks_which_size(cafe) -> None:
    client, _ = cafe
    body = voice_add(client, {"item": "latte"})
    assert not body["ok"]
    assert "Which Latte would you like: Small or Large?" in body["out"]["message"]
    assert "Variation" not in body["out"]["message"]


# --- availability windows -------------------------------------------------------------------------------


def test_breakfast_only_in_its_window(cafe) -> None:
    client, clock = cafe
    token = new_cart(client)
    assert added_line(add(client, token, item="brekkie roll", modifiers=["relish"]))["available"]
    clock.now = EVENING
    later = new_cart(client)
    err = error(add(client, later, item="brekkie roll", modifiers=["relish"]))
    assert err["code"] == "item_unavailable" and err["available_today"] == ["06:30-11:30"]
    assert voice_add(client, {"item": "brekkie roll", "modifiers": ["relish"]})["out"]["not_added"]


# --- taxes and money -----------------------------------------------------------------------------------


def test_inclusive_gst_and_an_exempt_loaf(cafe) -> None:
    client, _ = cafe
    token = new_cart(client)
    token = add(client, token, item="flat white", variation="small").json()["cart_token"]  # 450
    cart = add(client, token, item="sourdough").json()["cart"]  # 900, GST-free
    assert cart["subtotal_cents"] == 1350
    assert cart["taxes"] == [{"id": "gst", "name": "GST", "rate": "0.10", "inclusive": True, "amount_cents": 41}]
    assert cart["tax_cents"] == 41  # 450 × 0.1 / 1.1 = 40.9
    assert cart["total_cents"] == 1350  # the shelf price: GST is inside it


@pytest.mark.parametrize(("rid", "spoken"), [("jpy-shop", "¥935"), ("kwd-shop", "KWD 1.375")])
def test_money_is_spoken_in_the_currencys_minor_unit(cafe, rid: str, spoken: str) -> None:
    client, _ = cafe
    arguments = {"items": [{"item": "set"}]}
    response = client.post(f"/v1/restaurants/{rid}/tools/add_to_order", json={"arguments": arguments})
    out = json.loads(response.json()["output"])
    assert spoken in out["message"]  # ¥850 + 10 % = ¥935, not "JPY 9.35"; KWD has three decimals


def test_checkout_carries_the_breakdown(cafe) -> None:
    client, _ = cafe
    token = new_cart(client)
    token = add(client, token, item="brekkie combo", modifiers=["bacon and egg", "bbq", "latte"]).json()["cart_token"]
    token = add(client, token, item="sourdough").json()["cart_token"]
    response = client.post(
        f"{BASE}/cart/checkout",
        json={"customer": {"name": "Ada"}, "fulfillment": "pickup"},
        headers={"Cart-Token": token},
    )
    assert response.status_code == 201, response.text
    order = response.json()["order"]
    assert order["taxes"] == [{"id": "gst", "name": "GST", "rate": "0.10", "inclusive": True, "amount_cents": 132}]
    assert order["total_cents"] == order["subtotal_cents"] == 1450 + 900
    assert order["lines"][0]["modifiers"][0]["modifiers"][0]["id"] == "bbq"


def test_voice_item_details_offer_the_sizes(cafe) -> None:
    client, _ = cafe
    out = tool(client, "get_item_details", {"item": "long black"})["out"]
    assert [(s["name"], s["available"]) for s in out["item"]["sizes"]] == [("Small", True), ("Large", False)]
    details = tool(client, "get_item_details", {"item": "latte"})["out"]
    assert details["message"].startswith("Latte is A$4.50 Small or A$5.20 Large.")
    assert "Latte: Small or Large" in details["message"] and "Milk" not in details["message"]  # milk has a default


def test_voice_reads_back_an_inclusive_total_without_adding_tax(cafe) -> None:
    client, _ = cafe
    token = voice_add(client, {"item": "small flat white"}, {"item": "sourdough"})["cart_token"]
    out = tool(client, "get_current_order", {}, token)["out"]
    assert out["message"].endswith("Total A$13.50, including GST A$0.41.")


def test_voice_size_change_keeps_the_other_choices(cafe) -> None:
    client, _ = cafe
    body = voice_add(client, {"item": "small latte", "modifiers": ["oat milk", "extra shot"]})
    line_id = body["cart"]["lines"][0]["line_id"]
    changed = tool(client, "update_order_item", {"line_id": line_id, "modifiers": ["large"]}, body["cart_token"])
    line = changed["cart"]["lines"][0]
    assert line["variation"]["name"] == "Large"
    assert [m["id"] for m in line["modifiers"]] == ["oat", "extra-shot"]
    assert line["unit_price_cents"] == 520 + 80 + 60
    http = client.patch(
        f"{BASE}/cart/items/{line_id}", json={"variation": "small"}, headers={"Cart-Token": changed["cart_token"]}
    )
    assert http.status_code == 200, http.text
    assert http.json()["cart"]["lines"][0]["unit_price_cents"] == 450 + 80 + 60


def test_voice_an_option_in_the_phrase_and_the_modifiers_is_chosen_once(client) -> None:  # the demo-burger app
    body = client.post(
        "/v1/restaurants/demo-burger/tools/add_to_order",
        json={"arguments": {"items": [{"item": "two large fries", "modifiers": ["large"]}]}},
    ).json()
    assert body["ok"], body["output"]
    line = body["cart"]["lines"][0]
    assert (line["quantity"], [(m["id"], m["quantity"]) for m in line["modifiers"]]) == (2, [("large", 1)])


def test_voice_repeats_said_as_modifiers_still_count(cafe) -> None:
    client, _ = cafe
    # the modifiers restate the phrase's "eggs" and repeat it: the modifiers are the list (two eggs)
    body = voice_add(client, {"item": "big plate with eggs", "modifiers": ["eggs", "eggs", "greens"]})
    assert body["ok"], body["out"]
    assert [(m["id"], m["quantity"]) for m in body["cart"]["lines"][0]["modifiers"]] == [("eggs", 2), ("greens", 1)]
    over = voice_add(client, {"item": "big plate", "modifiers": ["eggs", "eggs", "greens", "bacon"]})
    assert over["out"]["not_added"][0]["error"] == "modifier_invalid"  # four sides: refused, never trimmed
