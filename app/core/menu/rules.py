"""What ``menu check`` refuses beyond each field's shape: menus that would take a wrong order.

* a line whose price can fall below zero (the cheapest variation plus the cheapest allowed
  choices, negative options taken as often as the groups allow, nested groups included; 86'd
  variations and options count too, so putting one back on sale cannot break the rule — only an
  item that is off sale altogether is not checked: nobody can order it);
* a required group whose ``min`` the available options cannot meet (on an available item or
  option: an item nobody can order is not an error).

Unknown tax ids, ``price_cents`` with ``variations`` and nesting deeper than a cart token
carries are refused while parsing (:mod:`app.core.menu.parse`), where the field's path is at hand.
"""

from __future__ import annotations

from app.core.menu.model import Menu, ModifierGroup, Option
from app.core.menu.money import format_money
from app.errors import MenuError


def cheapest_choice(group: ModifierGroup) -> int:
    """The lowest amount ``group`` can add to a line (per unit of its owner), in minor units.

    Each option counts up to ``max_quantity`` times at its own price plus the cheapest of its
    nested groups; the ``min`` cheapest picks are forced and further picks are taken while
    they lower the price, up to ``max``.
    """
    units = sorted(
        price for option in group.options for price in [option_floor(option)] * min(option.max_quantity, group.max)
    )
    forced = sum(units[: group.min])
    optional = sum(p for p in units[group.min : group.max] if p < 0)
    return forced + optional


def option_floor(option: Option) -> int:
    """One pick of ``option`` at its cheapest: its price plus the cheapest of its nested groups."""
    return option.price_cents + sum(cheapest_choice(g) for g in option.modifier_groups)


def _check_meetable(groups: tuple[ModifierGroup, ...], path: str) -> None:
    for gi, group in enumerate(groups):
        where = f"{path}.modifier_groups[{gi}]"
        reachable = sum(min(o.max_quantity, group.max) for o in group.options if o.available)
        if reachable < group.min:
            raise MenuError(
                f"min={group.min} but the available options allow only {reachable} choice(s)", f"{where}.min"
            )
        for oi, option in enumerate(group.options):
            if option.available:
                _check_meetable(option.modifier_groups, f"{where}.options[{oi}]")


def check_rules(menu: Menu) -> None:
    """Raise :class:`MenuError` (with the field's path) for the first rule ``menu`` breaks."""
    for index, item in enumerate(menu.items):
        path = f"items[{index}]"
        if not item.available:
            continue
        base = min((v.price_cents for v in item.variations), default=item.price_cents)
        floor = base + sum(cheapest_choice(g) for g in item.modifier_groups)
        if floor < 0:
            raise MenuError(
                f"{item.name} can be ordered for {format_money(floor, menu.currency)}; "
                "a line's price must not fall below zero (raise the price or the cheapest options)",
                path,
            )
        _check_meetable(item.modifier_groups, path)
