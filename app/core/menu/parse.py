"""Menus: one JSON file per restaurant, validated at load with precise error paths.

Two versions of the file format load through :func:`parse_menu` (docs/menu-format.md):

* v1: ``tax_rate`` (one additive tax on everything); items with ``price_cents`` and modifier
  groups of options.
* v2 adds ``taxes`` (``[{"id", "name", "rate", "inclusive"}]``, instead of ``tax_rate``); item
  ``variations`` (absolute prices, exactly one chosen; instead of ``price_cents``), ``taxes``
  (ids that apply; ``[]`` = exempt) and ``availability`` (weekly windows, the ``hours`` shape);
  option ``available``, ``max_quantity``, ``default`` and nested ``modifier_groups``.

Every amount is in the currency's minor unit (:mod:`app.core.menu.money`). What ``menu check`` refuses
beyond the shape of each field lives in :mod:`app.core.menu.rules`. The model is :mod:`app.core.menu.model`.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from os import PathLike
from pathlib import Path
from typing import Any

from app.core.menu.hours import parse_hours
from app.core.menu.model import (
    MAX_MODIFIER_DEPTH,
    V1_TAX_ID,
    Item,
    Menu,
    ModifierGroup,
    Option,
    Tax,
    Variation,
    assign_tags,
)
from app.core.menu.money import minor_digits
from app.core.menu.rules import check_rules
from app.errors import MenuError, RestaurantNotFound

__all__ = ["MAX_MENU_BYTES", "MenuCatalog", "load_menu", "parse_menu"]  # the model: app.core.menu.model

MAX_MENU_BYTES = 2_000_000
_TOP_KEYS = {"restaurant_id", "name", "currency", "tax_rate", "taxes", "items", "hours"}
_ITEM_KEYS = {
    "id", "name", "aliases", "category", "price_cents", "available", "modifier_groups", "description",
    "variations", "taxes", "availability",
}  # fmt: skip
_GROUP_KEYS = {"id", "name", "min", "max", "options"}
_OPTION_KEYS = {"id", "name", "aliases", "price_cents", "available", "max_quantity", "default", "modifier_groups"}
_VARIATION_KEYS = {"id", "name", "aliases", "price_cents", "available"}
_TAX_KEYS = {"id", "name", "rate", "inclusive"}
MAX_PRICE_CENTS = 10_000_000
MAX_OPTION_QUANTITY = 12  # a line carries at most this many choices (cart.MAX_MODIFIERS_PER_LINE)


# --- parsing ------------------------------------------------------------------------------------


def _need(obj: dict[str, Any], key: str, kind: type, path: str) -> Any:
    where = f"{path}.{key}".lstrip(".")
    if key not in obj:
        raise MenuError("is required", where)
    value = obj[key]
    # bool is an int subclass in Python; a price of `true` is still a mistake
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise MenuError(f"must be {_kind_name(kind)}", where)
    if isinstance(value, str) and not value.strip():
        raise MenuError("must not be empty", where)
    return value


def _kind_name(kind: type) -> str:
    names = {str: "a string", int: "an integer", bool: "true or false", list: "a list", dict: "an object"}
    return names.get(kind, kind.__name__)


def _no_extra(obj: dict[str, Any], allowed: set[str], path: str) -> None:
    extra = sorted(set(obj) - allowed)
    if extra:
        raise MenuError(f"unknown field(s) {', '.join(extra)}", path or "menu")


def _price(obj: dict[str, Any], path: str, allow_negative: bool) -> int:
    value: int = _need(obj, "price_cents", int, path)
    low = -MAX_PRICE_CENTS if allow_negative else 0
    if not low <= value <= MAX_PRICE_CENTS:
        raise MenuError(f"must be between {low} and {MAX_PRICE_CENTS}", f"{path}.price_cents")
    return value


def _aliases(obj: dict[str, Any], path: str) -> tuple[str, ...]:
    aliases = obj.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise MenuError("must be a list of non-empty strings", f"{path}.aliases")
    return tuple(aliases)


def _dict_at(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MenuError("must be an object", path)
    return value


def _optional(obj: dict[str, Any], key: str, kind: type, default: Any, path: str) -> Any:
    return _need(obj, key, kind, path) if key in obj else default


def _objects(raw: list[Any], path: str, allowed: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """Each entry of a list field with its path, checked to be an object with only ``allowed`` keys."""
    out = []
    for i, entry in enumerate(raw):
        where = f"{path}[{i}]"
        obj = _dict_at(entry, where)
        _no_extra(obj, allowed, where)
        out.append((where, obj))
    return out


def _list_at(obj: dict[str, Any], key: str, path: str) -> list[Any]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise MenuError("must be a list", f"{path}.{key}")
    return value


def _scoped_options(
    groups: tuple[ModifierGroup, ...], path: str
) -> tuple[tuple[ModifierGroup, ...], dict[int, Option]]:
    """Ids unique and tags assigned among the options of ``groups`` (one tag scope)."""
    _unique([g.id for g in groups], path, "group id")
    _unique([o.id for g in groups for o in g.options], path, "option id")
    tags, lookup = assign_tags([o.id for g in groups for o in g.options], path, "option")
    groups = tuple(replace(g, options=tuple(replace(o, tag=tags[o.id]) for o in g.options)) for g in groups)
    by_id = {o.id: o for g in groups for o in g.options}
    return groups, {tag: by_id[i] for tag, i in lookup.items()}


def _parse_groups(obj: dict[str, Any], path: str, depth: int) -> tuple[tuple[ModifierGroup, ...], dict[int, Option]]:
    raw_groups = _list_at(obj, "modifier_groups", path)
    if raw_groups and depth > MAX_MODIFIER_DEPTH:
        raise MenuError(
            f"modifier groups nest {depth} levels deep; a cart token carries at most {MAX_MODIFIER_DEPTH}",
            f"{path}.modifier_groups",
        )
    groups = tuple(_parse_group(g, f"{path}.modifier_groups[{i}]", depth) for i, g in enumerate(raw_groups))
    return _scoped_options(groups, f"{path}.modifier_groups")


def _parse_option(raw: Any, group_id: str, path: str, depth: int) -> Option:
    obj = _dict_at(raw, path)
    _no_extra(obj, _OPTION_KEYS, path)
    max_quantity = _optional(obj, "max_quantity", int, 1, path)
    if not 1 <= max_quantity <= MAX_OPTION_QUANTITY:
        raise MenuError(f"must be from 1 to {MAX_OPTION_QUANTITY}", f"{path}.max_quantity")
    groups, by_tag = _parse_groups(obj, path, depth + 1)
    return Option(
        id=_need(obj, "id", str, path),
        name=_need(obj, "name", str, path),
        price_cents=_price(obj, path, allow_negative=True),
        group_id=group_id,
        aliases=_aliases(obj, path),
        available=_optional(obj, "available", bool, True, path),
        max_quantity=max_quantity,
        default=_optional(obj, "default", bool, False, path),
        modifier_groups=groups,
        options_by_tag=by_tag,
    )


def _parse_group(raw: Any, path: str, depth: int = 1) -> ModifierGroup:
    obj = _dict_at(raw, path)
    _no_extra(obj, _GROUP_KEYS, path)
    group_id = _need(obj, "id", str, path)
    low, high = _need(obj, "min", int, path), _need(obj, "max", int, path)
    raw_options = _need(obj, "options", list, path)
    options = tuple(_parse_option(o, group_id, f"{path}.options[{i}]", depth) for i, o in enumerate(raw_options))
    if not options:
        raise MenuError("a modifier group needs at least one option", f"{path}.options")
    if not 0 <= low <= high or high < 1:
        raise MenuError(f"needs 0 <= min <= max and max >= 1 (got min={low}, max={high})", path)
    defaults = sum(1 for o in options if o.default)
    if defaults > high:
        raise MenuError(f"{defaults} options are default but max={high}", f"{path}.options")
    return ModifierGroup(group_id, _need(obj, "name", str, path), low, high, options)


def _parse_variations(obj: dict[str, Any], path: str) -> tuple[tuple[Variation, ...], dict[int, Variation]]:
    raw = _list_at(obj, "variations", path)
    if "variations" in obj and not raw:
        raise MenuError("must list at least one variation (or leave it out and give price_cents)", f"{path}.variations")
    variations = [
        Variation(
            id=_need(v, "id", str, where),
            name=_need(v, "name", str, where),
            price_cents=_price(v, where, allow_negative=False),
            available=_optional(v, "available", bool, True, where),
            aliases=_aliases(v, where),
        )
        for where, v in _objects(raw, f"{path}.variations", _VARIATION_KEYS)
    ]
    _unique([v.id for v in variations], f"{path}.variations", "variation id")
    tags, lookup = assign_tags([v.id for v in variations], f"{path}.variations", "variation")
    tagged = tuple(replace(v, tag=tags[v.id]) for v in variations)
    by_id = {v.id: v for v in tagged}
    return tagged, {tag: by_id[i] for tag, i in lookup.items()}


def _parse_item_taxes(obj: dict[str, Any], path: str, tax_ids: set[str]) -> tuple[str, ...] | None:
    if "taxes" not in obj:
        return None
    raw = _list_at(obj, "taxes", path)
    for i, tax_id in enumerate(raw):
        if not isinstance(tax_id, str) or tax_id not in tax_ids:
            known = ", ".join(sorted(tax_ids)) or "none"
            raise MenuError(f"unknown tax id {tax_id!r} (the menu's taxes: {known})", f"{path}.taxes[{i}]")
    _unique(raw, f"{path}.taxes", "tax id")
    return tuple(raw)


def _parse_item(raw: Any, path: str, tax_ids: set[str], timezone: str | None) -> Item:
    obj = _dict_at(raw, path)
    _no_extra(obj, _ITEM_KEYS, path)
    item_id = _need(obj, "id", str, path)
    groups, options_by_tag = _parse_groups(obj, path, 1)
    variations, variations_by_tag = _parse_variations(obj, path)
    if variations and "price_cents" in obj:
        raise MenuError("give price_cents or variations, not both", f"{path}.price_cents")
    price = min(v.price_cents for v in variations) if variations else _price(obj, path, allow_negative=False)
    availability = None
    if "availability" in obj:
        availability = parse_hours(obj["availability"], f"{path}.availability", default_timezone=timezone)
    return Item(
        id=item_id,
        name=_need(obj, "name", str, path),
        category=_need(obj, "category", str, path),
        price_cents=price,
        available=_need(obj, "available", bool, path),
        aliases=_aliases(obj, path),
        modifier_groups=groups,
        description=obj.get("description", "") if isinstance(obj.get("description", ""), str) else "",
        options_by_tag=options_by_tag,
        variations=variations,
        variations_by_tag=variations_by_tag,
        tax_ids=_parse_item_taxes(obj, path, tax_ids),
        availability=availability,
    )


def _unique(values: list[str], path: str, what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise MenuError(f"duplicate {what} {value!r}", path)
        seen.add(value)


def _rate(text: Any, path: str) -> Decimal:
    if not isinstance(text, str):
        raise MenuError("must be a string", path)
    try:
        rate = Decimal(text)
    except InvalidOperation:
        raise MenuError(f"{text!r} is not a decimal number", path) from None
    if not rate.is_finite() or not Decimal(0) <= rate < Decimal(1):
        raise MenuError('must be a decimal string from 0 to below 1, e.g. "0.0825"', path)
    return rate


def _parse_taxes(obj: dict[str, Any]) -> tuple[Decimal | None, tuple[Tax, ...]]:
    """v1's ``tax_rate`` (one additive tax with id ``tax``) or v2's ``taxes`` list."""
    if "tax_rate" in obj and "taxes" in obj:
        raise MenuError("give tax_rate or taxes, not both", "taxes")
    if "taxes" not in obj:
        rate = _rate(_need(obj, "tax_rate", str, ""), "tax_rate")
        return rate, (Tax(V1_TAX_ID, "Tax", rate, False),)
    taxes = [
        Tax(
            id=_need(t, "id", str, where),
            name=_need(t, "name", str, where),
            rate=_rate(_need(t, "rate", str, where), f"{where}.rate"),
            inclusive=_optional(t, "inclusive", bool, False, where),
        )
        for where, t in _objects(_need(obj, "taxes", list, ""), "taxes", _TAX_KEYS)
    ]
    _unique([t.id for t in taxes], "taxes", "tax id")
    return None, tuple(taxes)


def parse_menu(data: Any) -> Menu:
    """Validate a decoded menu document (v1 or v2) and build the model; raises :class:`MenuError`."""
    obj = _dict_at(data, "menu")
    _no_extra(obj, _TOP_KEYS, "")
    rid = _need(obj, "restaurant_id", str, "")
    currency = _need(obj, "currency", str, "")
    if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
        raise MenuError("must be a 3-letter ISO 4217 code such as USD", "currency")
    digits = minor_digits(currency)
    if digits is None:
        raise MenuError(f"{currency!r} is not an ISO 4217 currency code", "currency")
    tax_rate, taxes = _parse_taxes(obj)
    hours = parse_hours(obj["hours"]) if "hours" in obj else None
    timezone = hours.timezone if hours else None
    raw_items = _need(obj, "items", list, "")
    tax_ids = {t.id for t in taxes}
    items = tuple(_parse_item(it, f"items[{i}]", tax_ids, timezone) for i, it in enumerate(raw_items))
    _unique([it.id for it in items], "items", "item id")
    tags, lookup = assign_tags([it.id for it in items], "items", "item")
    items = tuple(replace(it, tag=tags[it.id]) for it in items)
    items_by_id = {it.id: it for it in items}
    menu = Menu(
        restaurant_id=rid,
        name=_need(obj, "name", str, ""),
        currency=currency,
        tax_rate=tax_rate,
        items=items,
        raw=obj,
        items_by_tag={tag: items_by_id[i] for tag, i in lookup.items()},
        items_by_id=items_by_id,
        hours=hours,
        taxes=taxes,
        minor_digits=digits,
    )
    check_rules(menu)
    return menu


def load_menu(path: str | PathLike[str]) -> Menu:
    """Read and validate one menu file (a path or its string); errors name the file and the field."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_MENU_BYTES:
            raise MenuError(f"file is {size} bytes; the limit is {MAX_MENU_BYTES}", str(path))
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MenuError(f"cannot read: {exc.strerror}", str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MenuError(f"not valid JSON: {exc}", str(path)) from None
    try:
        return parse_menu(data)
    except MenuError as exc:
        raise MenuError(str(exc), f"{path}") from None


class MenuCatalog:
    """The menus of every restaurant this process serves, keyed by restaurant id."""

    def __init__(self, menus: list[Menu]) -> None:
        self.menus: dict[str, Menu] = {}
        for menu in menus:
            if menu.restaurant_id in self.menus:
                raise MenuError(f"restaurant {menu.restaurant_id!r} has two menu files")
            self.menus[menu.restaurant_id] = menu

    @classmethod
    def from_dir(cls, directory: Path) -> MenuCatalog:
        if not directory.is_dir():
            raise MenuError("menu directory does not exist", str(directory))
        files = sorted(directory.glob("*.json"))
        if not files:
            raise MenuError("no *.json menu files found", str(directory))
        return cls([load_menu(p) for p in files])

    def get(self, restaurant_id: str) -> Menu:
        menu = self.menus.get(restaurant_id)
        if menu is None:
            raise RestaurantNotFound(f"no restaurant {restaurant_id!r}", restaurant_id=restaurant_id)
        return menu

    def restaurant_ids(self) -> list[str]:
        return list(self.menus)
