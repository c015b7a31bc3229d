"""What the customer said → a line's variation and picks (HTTP ``modifiers``/``variation`` and the voice tools).

Rules, in the order they are applied to each spoken modifier:

* a variation ("large", "8 oz") is taken as the line's variation when the item has variations;
  naming two different ones is ``modifier_invalid``;
* a count ("double collards", "2 sides of rice", "extra mint x2") is a quantity of the option;
  saying the same option again adds one more (both bounded by the option's ``max_quantity``);
* "no X" / "without X" / "hold the X" removes a default option (one the menu pre-selects);
  an option literally named "No onions" is still chosen as itself;
* anything else is an option of the item, or of a nested group of an option already chosen
  (the combo's burger, then its side), resolved by :func:`app.core.reading.choice_names.find_options`;
  an exact option id is looked for first under the option just chosen and those above it, so a list of
  ids each after what holds it places each ("fries", "large", "soft-drink", "coca-cola", "large").

Then the defaults of every group that was not removed are added while the group has room.
Validation against the menu (availability, ``min``/``max``) is :func:`app.core.cart.choices.check_choices`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.core.cart.choices import Pick
from app.core.menu import Item, ModifierGroup, Option, Variation
from app.core.reading.choice_names import exact_variation, find_options, resolve_variation
from app.core.reading.memo import per_object
from app.core.reading.spoken import MULTIPLIERS, NEGATIONS, normalize, spoken_count, unprefixed
from app.core.reading.vocabulary import described_words, words_of
from app.errors import ModifierInvalid

_COUNT_WORDS = {w: n for w in (*MULTIPLIERS, "two", "three", "four", "five", "six") if (n := spoken_count(w))}
_LEADING_COUNT = re.compile(r"^(\d{1,2}|" + "|".join(_COUNT_WORDS) + r")\s+(?:(?:side|order|serving)s?\s+of\s+)?(.+)$")
_TRAILING_COUNT = re.compile(r"^(.+?)\s*(?:x|×)\s*(\d{1,2})$")
_REMOVAL = re.compile(r"^(?:hold the|remove|" + "|".join(sorted(NEGATIONS)) + r")\s+(.+)$")


@dataclass
class _Node:
    """A pick being built: its option and its own nested picks."""

    option: Option | Item  # the item itself at the root
    children: list[_Node] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)  # default option ids the customer took off

    def freeze(self) -> Pick:
        assert isinstance(self.option, Option)
        return Pick(self.option, tuple(c.freeze() for c in self.children))


def split_count(text: str) -> tuple[int, str]:
    """``"double collards"`` → ``(2, "double collards" minus the count)``; no count → ``(1, text)``."""
    raw = text.strip()
    trailing = _TRAILING_COUNT.match(raw)
    if trailing:
        return int(trailing[2]), trailing[1]
    leading = _LEADING_COUNT.match(raw.lower())
    if leading:
        word = leading[1]
        return (int(word) if word.isdigit() else _COUNT_WORDS[word]), raw[len(raw) - len(leading[2]) :]
    return 1, raw


@per_object
def _exact_names(owner: Item | Option) -> frozenset[str]:
    """The ids and normalised names and aliases of the options in ``owner``'s groups."""
    return frozenset(n for o in owner.options for n in (o.id, *(normalize(x) for x in (o.name, *o.aliases))))


def _names_exactly(owner: Item | Option, text: str) -> bool:
    """Is ``text`` exactly an option's id, or (normalised) its name or alias, in ``owner``'s groups?"""
    names = _exact_names(owner)
    return text in names or normalize(text) in names


def _unglued(item: Item, text: str) -> str:
    """A one-word negation of an option word ("untoasted") as "not toasted"; other text unchanged."""
    if not isinstance(text, str) or _names_exactly(item, text):
        return text
    words = normalize(text).split()
    known = {w for name in _exact_names(item) for w in name.split()}
    stem = unprefixed(words[0], known) if len(words) == 1 else None
    return f"not {stem}" if stem else text


def _any_default(groups: tuple[ModifierGroup, ...]) -> bool:
    return any(o.default or _any_default(o.modifier_groups) for g in groups for o in g.options)


@per_object
def _plain_ids(item: Item) -> dict[str, Option] | None:
    """id → option for an item with no variations and no defaults at any depth, where a list of
    option ids needs none of the rules below (the common case, and every API client's)."""
    if item.variations or _any_default(item.modifier_groups):
        return None
    return {o.id: o for o in item.options}


def _counted_name(root: _Node, text: str, count: int) -> tuple[_Node, tuple[Option, ...]] | None:
    """``text`` read whole when every option it names carries the count in its own name ("three
    piece" → "3 Piece"); None otherwise, so "double bacon" stays two Bacon (or a clear refusal),
    never one Bacon."""
    try:
        scope, options = _resolve(root, text)
    except ModifierInvalid:
        return None
    words = {str(count), *(w for w, n in _COUNT_WORDS.items() if n == count)}
    for option in options:
        names = [normalize(n).split() for n in (option.name, *option.aliases)]
        if not any(words & set(name) for name in names):
            return None
    return scope, options


def _loose_variation(item: Item, chosen: Variation | None, text: str, error: ModifierInvalid) -> Variation:
    """A fuzzy variation for a word that is no option, when none is chosen yet; else ``error``."""
    if not item.variations or chosen is not None:
        raise error
    try:
        return resolve_variation(item, text)
    except ModifierInvalid:
        raise error from None


def _scopes(root: _Node) -> list[_Node]:
    """Where a spoken option may land: the item, then every chosen option with nested groups, newest first."""
    found: list[_Node] = []

    def walk(node: _Node) -> None:
        for child in node.children:
            walk(child)
            if child.option.modifier_groups:
                found.append(child)

    walk(root)
    return [root, *reversed(found)]


def _resolve(root: _Node, text: str, path: list[_Node] | None = None) -> tuple[_Node, tuple[Option, ...]]:
    """The scope ``text`` names options in, and those options; the item's own error when none does.

    An option's exact id names it before any name resembles it ("chicken", a curry's protein, is never the
    Butter Chicken): in the innermost of the options just chosen that offers it (``path``, from the item to the
    last pick), else the item, else the newest other pick — so ids listed each after what holds it
    (:func:`app.core.reading.nesting.nest`) name their places: the side's Large after the fries, the drink's
    after the drink."""
    scopes = _scopes(root)
    inner = [*reversed(path or [root])]
    for scope in [*inner, *(s for s in scopes if not any(s is n for n in inner))]:
        exact = _by_id(scope.option).get(text)
        if exact is not None:
            return scope, (exact,)
    first_error: ModifierInvalid | None = None
    for scope in scopes:
        try:
            return scope, find_options(scope.option, text)
        except ModifierInvalid as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise first_error


@per_object
def _by_id(owner: Item | Option) -> dict[str, Option]:
    """``owner``'s own options by id (computed once per menu object; ``options`` builds a list per call)."""
    return {o.id: o for o in owner.options}


def _path(root: _Node, node: _Node) -> list[_Node]:
    """The nodes from ``root`` down to ``node`` (just ``[root]`` when it is not below)."""
    for child in root.children:
        if child is node:
            return [root, child]
        below = _path(child, node)
        if len(below) > 1:
            return [root, *below]
    return [root]


def _remove(root: _Node, text: str) -> bool:
    """Take an option off ("no ketchup"): True if ``text`` names options in reach (a default is then
    not added; one chosen earlier in the same request is dropped; one that was never on is a no-op).
    "without onions" on a menu whose option *is* "No onions" chooses that option."""
    for scope in _scopes(root):
        try:
            options = find_options(scope.option, text)
        except ModifierInvalid:
            continue
        for option in options:
            if normalize(option.name).startswith("no "):
                scope.children.append(_Node(option))
                continue
            if option.default:
                scope.removed.add(option.id)
            scope.children = [c for c in scope.children if c.option is not option]
        return True
    return False


_ON_THE_SIDE = " on the side"


@per_object
def served_apart(option: Option) -> str:
    """The normalised name of the option ``option`` serves apart: "white sauce" for White Sauce on the Side;
    "" for an option not named "… on the Side"."""
    name = normalize(option.name)
    return name[: -len(_ON_THE_SIDE)] if name.endswith(_ON_THE_SIDE) else ""


def _add_defaults(node: _Node, groups: tuple[ModifierGroup, ...]) -> None:
    # a default served apart ("white sauce on the side", in its group or another) is that default moved, never
    # a second of it beside (blind10 halal-cart, jamaican-jerk); in its own group by an alias too ("Yum Yum on
    # the Side" moves Yum Yum Sauce, said "yum yum": blind12 hibachi-express), while a Serving group's Cheese on
    # the Side keeps the Nacho Cheese (blind7 cinema-concessions)
    served = {
        (c.option.group_id, n) for c in node.children if isinstance(c.option, Option) and (n := served_apart(c.option))
    }
    apart = {name for _, name in served}
    for group in groups:
        said = [c.option for c in node.children if isinstance(c.option, Option) and c.option.group_id == group.id]
        chosen = len(said)
        for option in group.options:
            if chosen >= group.max and group.max == 1:
                break  # another said in a one-choice group swaps the default
            taken = any(c.option is option for c in node.children)
            if option.default and option.available and option.id not in node.removed and not taken:
                if apart and normalize(option.name) in apart:
                    continue
                if served and any((group.id, normalize(n)) in served for n in option.aliases):
                    continue
                if chosen >= group.max and _described_with(node.option, option) and all(o.available for o in said):
                    raise _no_room_for(option, group)  # (a choice that cannot be had is asked about first)
                if chosen >= group.max:
                    break  # a default the description does not name: the choices said take its place
                node.children.append(_Node(option))
                chosen += 1
    for child in node.children:
        _add_defaults(child, child.option.modifier_groups)


def _described_with(owner: Option | Item, default: Option) -> bool:
    """Does the item's description name ``default`` (every word of its name), so it is part of the dish as
    the menu describes it ("topped with … a honey drizzle")? A default the description does not name is a
    choice made ahead ("Tahini" of Falafel "by the piece"): another said in its place swaps it (blind5)."""
    return isinstance(owner, Item) and set(words_of(default.name)) <= described_words(owner)


def _no_room_for(default: Option, group: ModifierGroup) -> ModifierInvalid:
    """A default the customer did not take off, with no room left in its group of several: asked, never
    dropped to fit the group's ``max`` (blind12 acai-bowls: Honey beside three drizzles said, of 3)."""
    message = f"{group.name}: choose at most {group.max}, {default.name} included"
    return ModifierInvalid(message, group=group.id, group_name=group.name, max=group.max)


def resolve_choices(
    item: Item, said: Sequence[str], variation: str | None = None
) -> tuple[Variation | None, list[Pick]]:
    """The variation and picks ``said`` asks for on ``item`` (defaults applied), not yet validated.

    Raises ``modifier_invalid`` for a word that is no choice of the item (listing its options)
    or for two different variations.
    """
    if variation is not None and not item.variations:
        if item.size_group is None:
            raise ModifierInvalid(f"{item.name} comes in one size only", item_id=item.id, modifier=variation)
        said, variation = (*said, variation), None  # its sizes are options (a "Size" group): the size is a choice
    plain = _plain_ids(item) if variation is None else None
    if plain is not None and all(text in plain for text in said):
        return None, [Pick(plain[text]) for text in said]
    chosen = resolve_variation(item, variation) if variation is not None and item.variations else None
    root = _Node(item)
    path = [root]  # the item down to the last pick: where the next id is looked for first
    for text in said:
        size = exact_variation(item, text) if item.variations else None
        if size is not None and size.id != text and text in _by_id(item):
            size = None  # "jalapenos", the Jalapeños option's id: never the Queso con Jalapeño said by its alias
        if size is not None:
            if chosen is not None and chosen is not size:
                raise ModifierInvalid(f"choose one of {chosen.name} or {size.name}", item_id=item.id, modifier=text)
            chosen = size
            continue
        text = _unglued(item, text)  # "untoasted" → "not toasted"
        removal = _REMOVAL.match(text.strip().lower())
        if removal and not _names_exactly(item, text) and _remove(root, removal[1]):
            continue
        count, rest = (1, text) if _names_exactly(item, text) else split_count(text)
        if count > 1 and (named := _counted_name(root, text, count)) is not None:
            count, (scope, options) = 1, named  # "3 piece", "double patty": the count is in the option's name
        else:
            try:
                scope, options = _resolve(root, rest, path)
            except ModifierInvalid as not_an_option:
                chosen = _loose_variation(item, chosen, text, not_an_option)  # a size said loosely ("lrg")
                continue
        for option in options:
            scope.children.extend(_Node(option) for _ in range(count))
        if options:
            path = [*_path(root, scope), scope.children[-1]]
    if chosen is None and item.variations and len(item.variations) == 1:
        chosen = item.variations[0]  # Square's "Regular": one variation is no question
    _add_defaults(root, item.modifier_groups)
    return chosen, [c.freeze() for c in root.children]
