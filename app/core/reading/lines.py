"""What an AddItem says → the cart lines to add: item, variation, picks, count said, notes.

The one place where the reading of spoken words (:mod:`app.core.reading.item`) meets the menu v2
choice rules (:func:`app.core.reading.modifiers.resolve_choices`: variations, repeats, defaults, nesting).
HTTP ``POST …/cart/items`` and the voice ``add_to_order`` both go through :func:`said_lines`, so a
phrase means the same on either.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.cart.choices import Pick, offer
from app.core.menu import Item, Menu, Option, Variation
from app.core.reading.choice_names import resolve_variation
from app.core.reading.exact import exact_choices
from app.core.reading.item import Reading
from app.core.reading.modifiers import resolve_choices
from app.core.reading.order import read_choices, read_order
from app.errors import CartError, ModifierInvalid


@dataclass(frozen=True)
class SaidLine:
    """One line an AddItem asks for (not yet checked against the cart's limits)."""

    item: Item
    variation: Variation | None
    picks: tuple[Pick, ...]
    quantity: int | None  # the count said in the phrase ("two large fries"), None if none
    notes: tuple[str, ...]
    said: str


def _line(reading: Reading, variation: str | None) -> SaidLine:
    size = _one_size(reading, variation)
    chosen, picks = resolve_choices(reading.item, reading.choice_texts(), size)
    return SaidLine(reading.item, chosen, tuple(picks), reading.quantity, reading.notes, reading.said)


def _one_size(reading: Reading, variation: str | None) -> str | None:
    """The size of the line: the ``variation`` field or the size the phrase said; both said, and different
    ("large fries" + variation "small"), is asked, never one settled silently (issue #23, found by the session
    that broke the reader)."""
    said = reading.variation
    if variation is None or said is None or not reading.item.variations:
        return variation or (said.id if said else None)
    if resolve_variation(reading.item, variation) is not said:
        offered = offer(reading.item.variations)
        raise ModifierInvalid(
            f"You said {said.name} and {variation} for the {reading.item.name}; which size would you like?",
            item_id=reading.item.id,
            conflict=[said.name, variation],
            modifier=variation,
            options=offered,
            variations=offered,
        )
    return variation


def _counted(
    item: Item, modifiers: tuple[str, ...], variation: str | None, said: str, reading: Reading | None = None
) -> SaidLine | None:
    """Repeats the reader leaves to the choice rules ("double collards", "extra mint x2"), or None; the
    count, size and notes the phrase said (``reading``) are kept ("two garlic knots" + ["double ranch"])."""
    size = _one_size(reading, variation) if reading is not None else variation
    try:
        chosen, picks = resolve_choices(item, modifiers, size)
    except ModifierInvalid:
        return None
    if reading is None:
        return SaidLine(item, chosen, tuple(picks), None, (), said)
    return SaidLine(item, chosen, tuple(picks), reading.quantity, reading.notes, said)


def said_choices(
    menu: Menu, item: Item, modifiers: tuple[str, ...], variation: str | None = None
) -> tuple[Variation | None, list[Pick], tuple[str, ...]]:
    """The variation, picks and kitchen notes ``modifiers`` ask for on a known ``item`` (a line's new choices)."""
    if not modifiers:  # no words to read: what the reader would hand the choice rules (~100k instructions less)
        chosen, picks = resolve_choices(item, (), variation)
        return chosen, list(picks), ()
    return _choices_read(menu, item, modifiers, variation, exact_choices(item, modifiers))


def _choices_read(
    menu: Menu,
    item: Item,
    modifiers: tuple[str, ...],
    variation: str | None,
    exact: tuple[tuple[Option, ...], Variation | None, tuple[str, ...]] | None,
) -> tuple[Variation | None, list[Pick], tuple[str, ...]]:
    """:func:`said_choices` once its ids are known (``exact``: :func:`~.exact.exact_choices`' answer)."""
    if exact is not None:  # ids only: never the phrase reader, the same answer (tests/core/reading/test_exact.py)
        options, size, removals = exact
        try:
            chosen, picks = resolve_choices(
                item, (*(o.id for o in options), *removals), variation or (size.id if size else None)
            )
        except ModifierInvalid:  # as the reader's answer falls back to the ids in the order sent
            chosen, picks = resolve_choices(item, modifiers, variation)
        return chosen, list(picks), ()
    try:
        line = _line(read_choices(menu, item, modifiers), variation)
    except ModifierInvalid:
        line = _counted(item, modifiers, variation, item.name)  # type: ignore[assignment]
        if line is None:
            raise
    return line.variation, list(line.picks), line.notes


def said_lines(
    menu: Menu, text: str, modifiers: tuple[str, ...] = (), variation: str | None = None, *, prune: bool = True
) -> list[SaidLine]:
    """Every line ``text`` (+ ``modifiers``) asks for; raises the first question when a part is unclear.

    ``text`` is an item id, a name, or a whole phrase ("a large sprite and a small fries");
    ``modifiers`` are the choices said for the (last) item; ``prune`` as in :func:`read_order`.
    """
    exact = menu.item(text) if isinstance(text, str) else None
    if exact is not None and not modifiers:
        chosen, picks, notes = said_choices(menu, exact, modifiers, variation)
        return [SaidLine(exact, chosen, tuple(picks), None, notes, text)]
    ids = exact_choices(exact, modifiers) if exact is not None else None
    if exact is not None and ids is not None:  # an item and choices by their ids: read as given, never scored
        chosen, picks, notes = _choices_read(menu, exact, modifiers, variation, ids)
        return [SaidLine(exact, chosen, tuple(picks), None, notes, text)]
    readings = read_order(menu, text, modifiers, prune=prune)
    if exact is not None and len(readings) == 1 and isinstance(readings[0], ModifierInvalid):
        # the item named exactly, its choices not read by the phrase reader: the choice rules read them on it
        # (repeats: "extra mint x2"), as the voice tools do — the same reading on every door: HTTP had read
        # {"item": "cupcakes", "modifiers": ["half dozen", "chocolate"]} on its own, one Chocolate in a box of six
        chosen, picks, notes = _choices_read(menu, exact, modifiers, variation, ids)
        return [SaidLine(exact, chosen, tuple(picks), None, notes, text)]
    problem = next((r for r in readings if isinstance(r, CartError)), None)
    if isinstance(problem, ModifierInvalid) and modifiers:
        alone = read_order(menu, text, prune=prune)
        if len(alone) == 1 and isinstance(alone[0], Reading):
            counted = _counted(alone[0].item, (*alone[0].choice_texts(), *modifiers), variation, text, alone[0])
            if counted is not None:
                return [counted]
    if problem is not None:
        raise problem
    return [_line(r, variation) for r in readings if isinstance(r, Reading)]
