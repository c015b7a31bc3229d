"""Menus: one JSON file per restaurant, validated at load with precise error paths.

The menu is the authority for names, prices and availability; carts only point into it by
*tags* of item and option ids (:attr:`Item.tag`, :attr:`Option.tag`), which keeps tokens short
even when ids are UUIDs. A tag is the 16-bit hash of the id when no other item (or option of the
same item) shares it — 1-3 bytes in msgpack — and otherwise a 32-bit hash (>= 2**16, 5 bytes).
Both forms resolve while they are unambiguous, so a menu edit that makes a short tag collide
turns the affected cart line "unavailable" (choose again) rather than guessing. Colliding 32-bit
tags are refused at load with a clear message.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.core.hours import Hours, parse_hours
from app.errors import MenuError, RestaurantNotFound

MAX_MENU_BYTES = 2_000_000
_TOP_KEYS = {"restaurant_id", "name", "currency", "tax_rate", "items", "hours"}
_ITEM_KEYS = {"id", "name", "aliases", "category", "price_cents", "available", "modifier_groups", "description"}
_GROUP_KEYS = {"id", "name", "min", "max", "options"}
_OPTION_KEYS = {"id", "name", "aliases", "price_cents"}
MAX_PRICE_CENTS = 10_000_000


SHORT_TAGS = 1 << 16


def tag_pair(identifier: str) -> tuple[int, int]:
    """``(short, long)`` tags of an id: 16-bit, and 32-bit kept >= 2**16 so the two never mix."""
    digest = int.from_bytes(hashlib.blake2b(identifier.encode(), digest_size=4).digest(), "big")
    return digest & 0xFFFF, SHORT_TAGS + digest % ((1 << 32) - SHORT_TAGS)


def assign_tags(ids: list[str], path: str, what: str) -> tuple[dict[str, int], dict[int, str]]:
    """Choose each id's tag (short when unique among ``ids``) and build the tag -> id lookup."""
    pairs = {i: tag_pair(i) for i in ids}
    short_count: dict[int, int] = {}
    for short, _ in pairs.values():
        short_count[short] = short_count.get(short, 0) + 1
    chosen: dict[str, int] = {}
    lookup: dict[int, str] = {}
    for identifier, (short, long) in pairs.items():
        if long in lookup:
            raise MenuError(f"{what} ids {lookup[long]!r} and {identifier!r} hash to the same tag; rename one", path)
        lookup[long] = identifier
        if short_count[short] == 1:
            lookup[short] = identifier
        chosen[identifier] = short if short_count[short] == 1 else long
    return chosen, lookup


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    price_cents: int
    group_id: str
    aliases: tuple[str, ...] = ()
    tag: int = 0  # assigned by the item that owns it (see assign_tags)


@dataclass(frozen=True)
class ModifierGroup:
    id: str
    name: str
    min: int
    max: int
    options: tuple[Option, ...]

    @property
    def required(self) -> bool:
        return self.min > 0

    def min_phrase(self) -> str:
        return "one" if self.min == 1 else f"at least {self.min}"


@dataclass(frozen=True, eq=False)
class Item:
    id: str
    name: str
    category: str
    price_cents: int
    available: bool
    aliases: tuple[str, ...] = ()
    modifier_groups: tuple[ModifierGroup, ...] = ()
    description: str = ""
    tag: int = 0  # assigned by the menu (see assign_tags)
    options_by_tag: dict[int, Option] = field(default_factory=dict, compare=False, repr=False)

    @property
    def options(self) -> list[Option]:
        return [o for g in self.modifier_groups for o in g.options]


@dataclass(frozen=True, eq=False)  # identity: a reloaded file is a new menu
class Menu:
    restaurant_id: str
    name: str
    currency: str
    tax_rate: Decimal
    items: tuple[Item, ...]
    raw: dict[str, Any] = field(compare=False, repr=False)
    items_by_tag: dict[int, Item] = field(compare=False, repr=False, default_factory=dict)
    items_by_id: dict[str, Item] = field(compare=False, repr=False, default_factory=dict)
    hours: Hours | None = field(compare=False, repr=False, default=None)  # None: always open

    def item_by_tag(self, tag: int) -> Item | None:
        return self.items_by_tag.get(tag)

    def item(self, item_id: str) -> Item | None:
        return self.items_by_id.get(item_id)

    def categories(self) -> list[str]:
        return list(dict.fromkeys(i.category for i in self.items))


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
    value = _need(obj, "price_cents", int, path)
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


def _parse_option(raw: Any, group_id: str, path: str) -> Option:
    obj = _dict_at(raw, path)
    _no_extra(obj, _OPTION_KEYS, path)
    return Option(
        id=_need(obj, "id", str, path),
        name=_need(obj, "name", str, path),
        price_cents=_price(obj, path, allow_negative=True),
        group_id=group_id,
        aliases=_aliases(obj, path),
    )


def _parse_group(raw: Any, path: str) -> ModifierGroup:
    obj = _dict_at(raw, path)
    _no_extra(obj, _GROUP_KEYS, path)
    group_id = _need(obj, "id", str, path)
    low, high = _need(obj, "min", int, path), _need(obj, "max", int, path)
    raw_options = _need(obj, "options", list, path)
    options = tuple(_parse_option(o, group_id, f"{path}.options[{i}]") for i, o in enumerate(raw_options))
    if not options:
        raise MenuError("a modifier group needs at least one option", f"{path}.options")
    if not 0 <= low <= high or high < 1:
        raise MenuError(f"needs 0 <= min <= max and max >= 1 (got min={low}, max={high})", path)
    if low > len(options):
        raise MenuError(f"min={low} but only {len(options)} options", f"{path}.min")
    return ModifierGroup(group_id, _need(obj, "name", str, path), low, high, options)


def _parse_item(raw: Any, path: str) -> Item:
    obj = _dict_at(raw, path)
    _no_extra(obj, _ITEM_KEYS, path)
    item_id = _need(obj, "id", str, path)
    raw_groups = obj.get("modifier_groups", [])
    if not isinstance(raw_groups, list):
        raise MenuError("must be a list", f"{path}.modifier_groups")
    groups = tuple(_parse_group(g, f"{path}.modifier_groups[{i}]") for i, g in enumerate(raw_groups))
    _unique([g.id for g in groups], f"{path}.modifier_groups", "group id")
    _unique([o.id for g in groups for o in g.options], f"{path}.modifier_groups", "option id")
    tags, lookup = assign_tags([o.id for g in groups for o in g.options], f"{path}.modifier_groups", "option")
    groups = tuple(replace(g, options=tuple(replace(o, tag=tags[o.id]) for o in g.options)) for g in groups)
    options_by_id = {o.id: o for g in groups for o in g.options}
    return Item(
        id=item_id,
        name=_need(obj, "name", str, path),
        category=_need(obj, "category", str, path),
        price_cents=_price(obj, path, allow_negative=False),
        available=_need(obj, "available", bool, path),
        aliases=_aliases(obj, path),
        modifier_groups=groups,
        description=obj.get("description", "") if isinstance(obj.get("description", ""), str) else "",
        options_by_tag={tag: options_by_id[i] for tag, i in lookup.items()},
    )


def _unique(values: list[str], path: str, what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise MenuError(f"duplicate {what} {value!r}", path)
        seen.add(value)


def parse_menu(data: Any) -> Menu:
    """Validate a decoded menu document and build the model; raises :class:`MenuError`."""
    obj = _dict_at(data, "menu")
    _no_extra(obj, _TOP_KEYS, "")
    rid = _need(obj, "restaurant_id", str, "")
    currency = _need(obj, "currency", str, "")
    if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
        raise MenuError("must be a 3-letter ISO 4217 code such as USD", "currency")
    rate_text = _need(obj, "tax_rate", str, "")
    try:
        rate = Decimal(rate_text)
    except InvalidOperation:
        raise MenuError(f"{rate_text!r} is not a decimal number", "tax_rate") from None
    if not rate.is_finite() or not Decimal(0) <= rate < Decimal(1):
        raise MenuError('must be a decimal string from 0 to below 1, e.g. "0.0825"', "tax_rate")
    raw_items = _need(obj, "items", list, "")
    items = tuple(_parse_item(it, f"items[{i}]") for i, it in enumerate(raw_items))
    _unique([it.id for it in items], "items", "item id")
    tags, lookup = assign_tags([it.id for it in items], "items", "item")
    items = tuple(replace(it, tag=tags[it.id]) for it in items)
    items_by_id = {it.id: it for it in items}
    return Menu(
        restaurant_id=rid,
        name=_need(obj, "name", str, ""),
        currency=currency,
        tax_rate=rate,
        items=items,
        raw=obj,
        items_by_tag={tag: items_by_id[i] for tag, i in lookup.items()},
        items_by_id=items_by_id,
        hours=parse_hours(obj["hours"]) if "hours" in obj else None,
    )


def load_menu(path: Path) -> Menu:
    """Read and validate one menu file; errors name the file and the field."""
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
