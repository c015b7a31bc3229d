"""The menu model: items, variations, modifier groups and options (nested), taxes.

The menu is the authority for names, prices and availability; carts only point into it by
*tags* of ids (:attr:`Item.tag`, :attr:`Variation.tag`, :attr:`Option.tag`), which keeps tokens
short even when ids are UUIDs. A tag is the 16-bit hash of the id when no sibling shares it —
1-3 bytes in msgpack — and otherwise a 32-bit hash (>= 2**16, 5 bytes). Both forms resolve while
they are unambiguous, so a menu edit that makes a short tag collide turns the affected cart line
"unavailable" (choose again) rather than guessing. Colliding 32-bit tags are refused at load.

Tag scopes: item tags are unique in the menu; variation tags and top-level option tags within
their item; the options of an option's nested groups within that option.

Money is an integer in the currency's minor unit (``price_cents`` keeps its v1 name: for JPY
it counts yen, for KWD fils).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypedDict

from app.core.menu.hours import Hours
from app.errors import MenuError

SHORT_TAGS = 1 << 16
MAX_MODIFIER_DEPTH = 3  # levels of modifier groups a cart token carries (item → option → option)
V1_TAX_ID = "tax"  # the one additive tax a v1 menu's ``tax_rate`` becomes


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


class TaxView(TypedDict):
    """A tax as the cart shows it; ``rate`` a decimal string (``"0.0825"``)."""

    id: str
    name: str
    rate: str
    inclusive: bool


@dataclass(frozen=True)
class Tax:
    """One tax. ``inclusive``: already in the prices (the amount is ``price × rate / (1 + rate)``)."""

    id: str
    name: str
    rate: Decimal
    inclusive: bool = False

    @functools.cached_property  # the cart's ``taxes`` entry, built once per menu load
    def view(self) -> TaxView:
        return {"id": self.id, "name": self.name, "rate": str(self.rate), "inclusive": self.inclusive}


@dataclass(frozen=True)
class Variation:
    """One size/kind of an item with its own absolute price; exactly one is chosen per line."""

    id: str
    name: str
    price_cents: int
    available: bool = True
    aliases: tuple[str, ...] = ()
    tag: int = 0  # assigned by the item that owns it


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    price_cents: int
    group_id: str
    aliases: tuple[str, ...] = ()
    tag: int = 0  # assigned by the item (or option) whose groups hold it (see assign_tags)
    available: bool = True
    max_quantity: int = 1  # how many times it may be chosen on one line
    default: bool = False  # pre-selected unless the customer removes it ("no ketchup")
    modifier_groups: tuple[ModifierGroup, ...] = ()  # nested choices (the combo's burger → its side)
    options_by_tag: dict[int, Option] = field(default_factory=dict, compare=False, repr=False)

    @property
    def options(self) -> list[Option]:
        """The options of this option's nested groups."""
        return [o for g in self.modifier_groups for o in g.options]


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
    price_cents: int  # with variations: the cheapest variation's price (for listings)
    available: bool
    aliases: tuple[str, ...] = ()
    modifier_groups: tuple[ModifierGroup, ...] = ()
    description: str = ""
    tag: int = 0  # assigned by the menu (see assign_tags)
    options_by_tag: dict[int, Option] = field(default_factory=dict, compare=False, repr=False)
    variations: tuple[Variation, ...] = ()
    variations_by_tag: dict[int, Variation] = field(default_factory=dict, compare=False, repr=False)
    tax_ids: tuple[str, ...] | None = None  # None: every tax of the menu; () exempt
    availability: Hours | None = field(default=None, compare=False, repr=False)  # None: whenever open

    @property
    def options(self) -> list[Option]:
        return [o for g in self.modifier_groups for o in g.options]

    def variation(self, variation_id: str) -> Variation | None:
        return next((v for v in self.variations if v.id == variation_id), None)

    @property
    def size_group(self) -> ModifierGroup | None:
        """The group holding this item's sizes when they are options rather than variations (menu v1's
        way: French Fries' "Size" group of Small, Medium and Large): a one-choice group whose id or
        name is, or ends in, "size". None when the item has variations, or no such group."""
        if self.variations:
            return None
        for group in self.modifier_groups:
            if group.max == 1 and any(t.strip().casefold().endswith("size") for t in (group.id, group.name)):
                return group
        return None

    def available_at(self, now: int | None) -> bool:
        """``available`` and inside its ``availability`` windows (``now`` None: windows ignored)."""
        return self.available and (now is None or self.availability is None or self.availability.is_open(now))


@dataclass(frozen=True, eq=False)  # identity: a reloaded file is a new menu
class Menu:
    restaurant_id: str
    name: str
    currency: str
    tax_rate: Decimal | None  # v1's one additive rate; None when the menu lists ``taxes``
    items: tuple[Item, ...]
    raw: dict[str, Any] = field(compare=False, repr=False)
    items_by_tag: dict[int, Item] = field(compare=False, repr=False, default_factory=dict)
    items_by_id: dict[str, Item] = field(compare=False, repr=False, default_factory=dict)
    hours: Hours | None = field(compare=False, repr=False, default=None)  # None: always open
    taxes: tuple[Tax, ...] = ()
    minor_digits: int = 2  # the currency's minor unit exponent: JPY 0, USD 2, KWD 3

    @functools.cached_property
    def taxes_everywhere(self) -> bool:
        """No item names its own ``taxes``: every tax applies to the whole subtotal."""
        return all(item.tax_ids is None for item in self.items)

    def item_by_tag(self, tag: int) -> Item | None:
        return self.items_by_tag.get(tag)

    def item(self, item_id: str) -> Item | None:
        return self.items_by_id.get(item_id)

    def categories(self) -> list[str]:
        return list(dict.fromkeys(i.category for i in self.items))
