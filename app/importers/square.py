"""Square Catalog objects → a v2 menu document (``voicecart menu import square``).

Input: a ListCatalog / SearchCatalogObjects response (``{"objects": [...]}``, ``related_objects``
too) or a bare array of CatalogObjects, in the API's snake_case or the SDKs' camelCase.

Mapping:

* ``ITEM`` → item (``category_id`` / ``categories[0]`` / ``reporting_category`` → ``category``;
  ``tax_ids`` → ``taxes``, none or ``is_taxable: false`` → exempt ``[]``);
* ``ITEM_VARIATION`` → ``variations`` with absolute prices (``FIXED_PRICING`` only: a
  variable-priced one is skipped and reported); a single variation becomes the item's price; a
  variation named only through Item Options (``item_option_values`` → ``ITEM_OPTION`` /
  ``ITEM_OPTION_VAL``) is named by its option values ("Large, Oat"), in the item's option order;
* an archived item (``is_archived``) is not on sale: skipped and reported;
* ``MODIFIER_LIST`` / ``MODIFIER`` → modifier groups / options (the item's
  ``min/max_selected_modifiers`` over the list's, over ``selection_type``; ``on_by_default``,
  also per item in ``modifier_overrides``, → ``default``; ``allow_quantities`` → ``max_quantity``);
* ``TAX`` → ``taxes`` (``percentage`` → ``rate``, ``inclusion_type: INCLUSIVE`` → ``inclusive``);
* location presence (``present_at_all_locations``, ``present_at_location_ids``,
  ``absent_at_location_ids``) and per-location ``sold_out`` / ``price_money`` overrides, for the
  ``location`` asked (without one: everything present somewhere, global availability).

Everything it cannot carry (discounts, variable prices, deleted or disabled objects, other
object types…) is listed in :attr:`Imported.report`. Pure: no files, no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from app.errors import MenuError

MAX_SQUARE_QUANTITY = 12  # a line carries at most 12 choices (app.core.cart.choices)
CARRIED_TYPES = {
    "ITEM",
    "ITEM_VARIATION",
    "MODIFIER_LIST",
    "MODIFIER",
    "TAX",
    "CATEGORY",
    "ITEM_OPTION",
    "ITEM_OPTION_VAL",
}
FALLBACK_VARIATION_NAME = "Regular"  # Square's own name for an item's only variation


def _snake(key: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).lower()


def snake_keys(value: Any) -> Any:
    """The SDKs' camelCase keys as the API's snake_case (values untouched)."""
    if isinstance(value, dict):
        return {_snake(k): snake_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snake_keys(v) for v in value]
    return value


@dataclass
class Imported:
    menu: dict[str, Any]
    report: list[str] = field(default_factory=list)  # what could not be carried, one line each


@dataclass
class _Catalog:
    location: str | None
    by_id: dict[str, dict[str, Any]]
    report: list[str]
    currency: str | None = None

    def present(self, obj: dict[str, Any]) -> bool:
        """Is ``obj`` sold at the location asked for (anywhere, without one)?"""
        everywhere = obj.get("present_at_all_locations", True)
        present_at = obj.get("present_at_location_ids") or []
        absent_at = obj.get("absent_at_location_ids") or []
        if self.location is None:
            return bool(everywhere or present_at)
        return (everywhere and self.location not in absent_at) or self.location in present_at

    def override(self, data: dict[str, Any]) -> dict[str, Any]:
        """The ``location_overrides`` entry for the location asked for, or ``{}``."""
        if self.location is None:
            return {}
        return next((o for o in data.get("location_overrides") or [] if o.get("location_id") == self.location), {})

    def amount(self, money: Any, where: str) -> int | None:
        if not isinstance(money, dict) or not isinstance(money.get("amount"), int):
            return None
        currency = money.get("currency")
        if self.currency is None:
            self.currency = currency
        elif currency and currency != self.currency:
            raise MenuError(f"prices in {currency} and {self.currency}: one menu has one currency", where)
        amount: int | None = money["amount"]
        return amount


def _objects(document: Any) -> list[dict[str, Any]]:
    if isinstance(document, dict) and isinstance(document.get("objects"), list):
        related = document.get("related_objects") or document.get("relatedObjects") or []  # API or SDK spelling
        found = [*document["objects"], *related]
    elif isinstance(document, list):
        found = document
    else:
        raise MenuError('expected {"objects": [...]} (ListCatalog / SearchCatalogObjects) or an array', "catalog")
    return [snake_keys(o) for o in found if isinstance(o, dict)]


def _flatten(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Objects and the ones nested in them (an item's variations, a list's modifiers), once each."""
    out: dict[str, dict[str, Any]] = {}
    for obj in objects:
        out.setdefault(obj.get("id", f"#{len(out)}"), obj)
        nested = (
            (obj.get("item_data") or {}).get("variations")
            or (obj.get("modifier_list_data") or {}).get("modifiers")
            or (obj.get("item_option_data") or {}).get("values")
        )
        for child in _flatten(nested or []):
            out.setdefault(child.get("id", f"#{len(out)}"), child)
    return list(out.values())


def _tax(obj: dict[str, Any], report: list[str]) -> dict[str, Any] | None:
    data = obj.get("tax_data") or {}
    name = data.get("name") or obj["id"]
    if data.get("enabled") is False:
        report.append(f"tax {name!r} is disabled: not carried")
        return None
    try:
        rate = Decimal(str(data.get("percentage"))) / 100
    except InvalidOperation:
        report.append(f"tax {name!r} has no percentage: not carried")
        return None
    if data.get("calculation_phase") == "TAX_TOTAL_PHASE":
        report.append(f"tax {name!r} is charged on the total after other taxes; carried as a subtotal tax")
    inclusive = data.get("inclusion_type") == "INCLUSIVE"
    return {"id": obj["id"], "name": name, "rate": str(rate.normalize()), "inclusive": inclusive}


def _group(catalog: _Catalog, info: dict[str, Any], item_name: str) -> dict[str, Any] | None:
    mod_list = catalog.by_id.get(info.get("modifier_list_id", ""))
    if mod_list is None or mod_list.get("is_deleted") or info.get("enabled") is False:
        return None
    data = mod_list.get("modifier_list_data") or {}
    if data.get("modifier_type") == "TEXT":
        catalog.report.append(f"{item_name}: free-text modifier {data.get('name')!r} not carried (use notes)")
        return None
    defaults = {o.get("modifier_id"): o.get("on_by_default") for o in info.get("modifier_overrides") or []}
    options = []
    for modifier in data.get("modifiers") or []:
        mod = modifier.get("modifier_data") or {}
        if modifier.get("is_deleted") or not catalog.present(modifier):
            continue
        override = catalog.override(mod)
        price = catalog.amount(override.get("price_money") or mod.get("price_money"), modifier["id"]) or 0
        option: dict[str, Any] = {"id": modifier["id"], "name": mod.get("name") or modifier["id"], "price_cents": price}
        if override.get("sold_out") or mod.get("sold_out"):
            option["available"] = False
        if defaults.get(modifier["id"], mod.get("on_by_default")):
            option["default"] = True
        options.append(option)
    if not options:
        return None
    low, high = _limits(info, data, len(options))
    if data.get("allow_quantities"):
        for option in options:
            option["max_quantity"] = min(high, MAX_SQUARE_QUANTITY)
    return {
        "id": mod_list["id"],
        "name": data.get("name") or mod_list["id"],
        "min": low,
        "max": high,
        "options": options,
    }


def _limits(info: dict[str, Any], data: dict[str, Any], count: int) -> tuple[int, int]:
    """min/max: the item's own (``-1`` = not set) over the list's, over ``selection_type``."""

    def pick(key: str) -> int | None:
        for source in (info, data):
            value = source.get(key)
            if isinstance(value, int) and value >= 0:
                return value
        return None

    single = data.get("selection_type") == "SINGLE"
    low = pick("min_selected_modifiers") or 0
    high = pick("max_selected_modifiers") or (1 if single else count)
    return min(low, high), max(high, 1)


def _variations(catalog: _Catalog, obj: dict[str, Any], name: str) -> list[dict[str, Any]]:
    out = []
    for variation in (obj.get("item_data") or {}).get("variations") or []:
        data = variation.get("item_variation_data") or {}
        if variation.get("is_deleted") or not catalog.present(variation) or data.get("sellable") is False:
            continue
        override = catalog.override(data)
        label = data.get("name") or _option_label(catalog, obj, data) or FALLBACK_VARIATION_NAME
        pricing = override.get("pricing_type") or data.get("pricing_type") or "FIXED_PRICING"
        price = catalog.amount(override.get("price_money") or data.get("price_money"), variation["id"])
        if pricing != "FIXED_PRICING" or price is None:
            catalog.report.append(f"{name} ({label}): variable price, skipped")
            continue
        entry: dict[str, Any] = {"id": variation["id"], "name": label, "price_cents": price}
        if override.get("sold_out"):
            entry["available"] = False
        out.append(entry)
    return out


def _option_label(catalog: _Catalog, item: dict[str, Any], data: dict[str, Any]) -> str | None:
    """A variation's name from its Item Option values ("Large, Oat"), ordered as the item lists its
    options; None when it has none (or they cannot be found in the export)."""
    order = [o.get("item_option_id") for o in (item.get("item_data") or {}).get("item_options") or []]
    chosen = data.get("item_option_values") or []
    chosen = sorted(
        chosen, key=lambda v: order.index(v.get("item_option_id")) if v.get("item_option_id") in order else len(order)
    )
    names = []
    for value in chosen:
        found = catalog.by_id.get(value.get("item_option_value_id") or "")
        name = ((found or {}).get("item_option_value_data") or {}).get("name")
        if not name:
            return None
        names.append(name)
    return ", ".join(names) or None


def _category(catalog: _Catalog, data: dict[str, Any]) -> str:
    ids = [data.get("category_id"), *[c.get("id") for c in data.get("categories") or []]]
    ids.append((data.get("reporting_category") or {}).get("id"))
    for category_id in ids:
        category = catalog.by_id.get(category_id or "")
        if category is not None:
            return (category.get("category_data") or {}).get("name") or "Other"
    return "Other"


def _item(catalog: _Catalog, obj: dict[str, Any], taxes: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    data = obj.get("item_data") or {}
    name = data.get("name") or obj["id"]
    variations = _variations(catalog, obj, name)
    if not variations:
        catalog.report.append(f"{name}: no fixed-price variation here; item skipped")
        return None
    item: dict[str, Any] = {"id": obj["id"], "name": name, "category": _category(catalog, data), "available": True}
    if data.get("description"):
        item["description"] = data["description"]
    if len(variations) == 1:
        item["price_cents"] = variations[0]["price_cents"]
        item["available"] = variations[0].get("available", True)
    else:
        item["variations"] = variations
        item["available"] = any(v.get("available", True) for v in variations)
    groups = [g for info in data.get("modifier_list_info") or [] if (g := _group(catalog, info, name))]
    if groups:
        item["modifier_groups"] = groups
    if any(g["min"] > sum(1 for o in g["options"] if o.get("available", True)) for g in groups):
        catalog.report.append(f"{name}: a required modifier list is sold out here; item marked unavailable")
        item["available"] = False
    tax_ids = [t for t in data.get("tax_ids") or [] if t in taxes] if data.get("is_taxable", True) else []
    if sorted(tax_ids) != sorted(taxes):
        item["taxes"] = tax_ids
    return item


def import_square(document: Any, restaurant_id: str, name: str | None = None, location: str | None = None) -> Imported:
    """Convert a Square catalog export; raises :class:`MenuError` when it is not one."""
    objects = _flatten(_objects(document))
    report: list[str] = []
    by_id = {o["id"]: o for o in objects if isinstance(o.get("id"), str)}
    catalog = _Catalog(location, by_id, report)
    skipped: dict[str, int] = {}
    for obj in objects:
        kind = str(obj.get("type"))
        if kind not in CARRIED_TYPES:
            skipped[kind] = skipped.get(kind, 0) + 1
    report += [f"{count} {kind} object(s) not carried" for kind, count in sorted(skipped.items())]
    live = [o for o in objects if not o.get("is_deleted") and isinstance(o.get("id"), str)]
    taxes = {}
    for obj in live:
        if obj.get("type") == "TAX" and catalog.present(obj) and (tax := _tax(obj, report)):
            taxes[obj["id"]] = tax
    items = []
    for obj in live:
        if obj.get("type") != "ITEM":
            continue
        if not catalog.present(obj):
            continue
        if (obj.get("item_data") or {}).get("is_archived"):  # archived in the Dashboard: no longer sold
            report.append(f"{(obj.get('item_data') or {}).get('name')}: archived (not on sale); skipped")
            continue
        if (obj.get("item_data") or {}).get("product_type") not in (None, "REGULAR", "FOOD_AND_BEV"):
            report.append(f"{(obj.get('item_data') or {}).get('name')}: product type not carried; skipped")
            continue
        if (item := _item(catalog, obj, taxes)) is not None:
            items.append(item)
    deleted = sum(1 for o in objects if o.get("is_deleted"))
    if deleted:
        report.append(f"{deleted} deleted object(s) ignored")
    if not items:
        raise MenuError("no items to import (for this location)", "catalog")
    menu: dict[str, Any] = {
        "restaurant_id": restaurant_id,
        "name": name or "Square catalog",
        "currency": catalog.currency or "USD",
        "taxes": list(taxes.values()),
        "items": items,
    }
    return Imported(menu, report)
