"""The menu: items, variations, modifier groups and options, taxes, hours and money.

Owns the menu model (:mod:`.model`), parsing and validating menu files (:mod:`.parse`), what
``menu check`` refuses (:mod:`.rules`), opening hours (:mod:`.hours`) and money in minor units
(:mod:`.money`). Imports only the leaves (``app.errors``); every other room imports it.
"""

from app.core.menu.model import (
    MAX_MODIFIER_DEPTH,
    SHORT_TAGS,
    Item,
    Menu,
    ModifierGroup,
    Option,
    Tax,
    Variation,
    assign_tags,
    tag_pair,
)
from app.core.menu.parse import MAX_MENU_BYTES, MenuCatalog, load_menu, parse_menu

__all__ = [
    "MAX_MENU_BYTES",
    "MAX_MODIFIER_DEPTH",
    "SHORT_TAGS",
    "Item",
    "Menu",
    "MenuCatalog",
    "ModifierGroup",
    "Option",
    "Tax",
    "Variation",
    "assign_tags",
    "load_menu",
    "parse_menu",
    "tag_pair",
]
