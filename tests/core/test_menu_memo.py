"""Memos kept on menu objects (app.core.menu.memo): bounded, and gone with the menu on a reload."""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

import pytest

from app.core import cart, turn
from app.core.cart.choices import Pick, checked_choice
from app.core.cart.pricing import price_cart
from app.core.menu import Menu, MenuCatalog
from app.core.menu.memo import memo, memoised_on_owner
from app.errors import ModifierInvalid
from app.runtime.menu_reload import MenuReloader
from bench.corpus import T0, bench_codec

DEMO = Path(__file__).resolve().parents[2] / "app" / "menus" / "demo-burger.json"
CART_ID = b"\x01" * 8


def served(tmp_path: Path) -> tuple[MenuCatalog, MenuReloader]:
    shutil.copy(DEMO, tmp_path)
    catalog = MenuCatalog.from_dir(tmp_path)
    return catalog, MenuReloader(catalog, tmp_path, interval=0)


def test_a_memo_is_kept_on_its_owner_and_starts_over_when_full() -> None:
    class Owner:
        pass

    owner = Owner()
    first = memo(owner, "m", maxsize=2)
    first["a"] = first["b"] = 1
    assert memo(Owner(), "m", maxsize=2) == {}  # another owner, another memo
    assert memo(owner, "other", maxsize=2) == {}
    assert memo(owner, "m", maxsize=2) == {}  # full: started over


def test_memoised_on_owner_calls_once_per_owner_and_arguments_and_never_remembers_an_error() -> None:
    calls: list[tuple[object, int]] = []

    class Owner:
        pass

    @memoised_on_owner(maxsize=8)
    def double(owner: Owner, n: int) -> int:
        calls.append((owner, n))
        if n < 0:
            raise ValueError(n)
        return 2 * n

    one, two = Owner(), Owner()
    assert [double(one, 1), double(one, 1), double(two, 1), double(one, 2)] == [2, 2, 2, 4]
    assert calls == [(one, 1), (two, 1), (one, 2)]
    for _ in range(2):
        with pytest.raises(ValueError):
            double(one, -1)
    assert calls[-2:] == [(one, -1), (one, -1)]


def test_an_allowed_choice_is_remembered_and_a_refused_one_is_refused_every_time(tmp_path: Path) -> None:
    menu = served(tmp_path)[0].get("demo-burger")
    fries = menu.item("fries")
    assert fries is not None
    options = {o.id: o for o in fries.options}
    large, cheese = options["large"], options["cheese-sauce"]
    first = checked_choice(fries, None, [large, cheese])
    assert first == ((large.tag, cheese.tag), fries.price_cents + large.price_cents + cheese.price_cents)
    assert checked_choice(fries, None, [large, cheese]) is first  # remembered on the item
    for _ in range(2):
        with pytest.raises(ModifierInvalid):
            checked_choice(fries, None, [large, options["small"]])  # one size only


def _every_memo_filled(menu: Menu) -> None:
    """Price, check and add on ``menu`` directly, so each memo of app.core.menu.memo holds something."""
    fries = menu.item("fries")
    assert fries is not None
    options = {o.id: o for o in fries.options}
    chosen = [options["large"], options["cheese-sauce"]]
    state, _ = cart.add_line(cart.new_cart(CART_ID, menu.restaurant_id, T0), fries, chosen, 2, "")
    turn.check_consistent_once(fries, tuple(Pick(o) for o in chosen), "extra crispy")
    price_cart(state, menu, T0)
    assert any(key.startswith("priced") for key in menu.__dict__)
    assert any(key.startswith("allowed") for key in fries.__dict__)


def test_an_old_menu_and_its_items_are_collected_after_a_reload(tmp_path: Path) -> None:
    catalog, reloader = served(tmp_path)
    old = catalog.get("demo-burger")
    _every_memo_filled(old)
    gone = [weakref.ref(old), *(weakref.ref(item) for item in old.items)]
    del old
    assert reloader.reload()
    _every_memo_filled(catalog.get("demo-burger"))
    gc.collect()
    assert [ref() for ref in gone] == [None] * len(gone)


def test_an_old_menu_is_collected_after_a_reload_when_its_turns_came_through_http_ids(tmp_path: Path) -> None:
    catalog, reloader = served(tmp_path)
    codec = bench_codec()
    result = turn.run_turn(None, turn.NewCart(CART_ID), catalog.get("demo-burger"), codec, T0)
    for op in (turn.AddItem("fries", 2, ("large", "cheese-sauce")), turn.AddItem("soda", 1, ("large", "cola"))):
        result = turn.run_turn(result.token, op, catalog.get("demo-burger"), codec, T0)
    old = weakref.ref(catalog.get("demo-burger"))
    assert reloader.reload()
    turn.run_turn(result.token, turn.ViewCart(), catalog.get("demo-burger"), codec, T0)  # the new menu serves it
    gc.collect()
    assert old() is None


def test_an_old_menu_is_collected_after_a_reload_when_its_turns_were_spoken(tmp_path: Path) -> None:
    catalog, reloader = served(tmp_path)
    codec = bench_codec()
    result = turn.run_turn(None, turn.NewCart(CART_ID), catalog.get("demo-burger"), codec, T0)
    for said in ("two large fries with cheese sauce", "large chocolate shake"):
        result = turn.run_turn(result.token, turn.AddItem(said, turn.AS_SAID), catalog.get("demo-burger"), codec, T0)
    old = weakref.ref(catalog.get("demo-burger"))
    assert reloader.reload()
    gc.collect()
    assert old() is None
