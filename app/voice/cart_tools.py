"""The cart tools a speech model calls: find, describe, add, update, remove, read back, clear.

Each is a :class:`~app.voice.toolkit.Tool` over :func:`app.core.turn.apply`; what they say is
worded by :mod:`app.voice.speech`. The checkout tool is :mod:`app.voice.order_tool`; the list the
model is offered is :mod:`app.voice.tools`.
"""

from __future__ import annotations

from typing import Any

from app.core import cart, turn
from app.core.cart import CartState
from app.core.cart.choices import Entry
from app.core.cart.pricing import price_cart
from app.core.menu import Item
from app.core.reading.choice_names import exact_variation
from app.core.reading.fuzzy import SUGGEST_SCORE, rank_items
from app.core.reading.item import Reading
from app.core.reading.lookup import named_item, names_loosely, search_items
from app.core.reading.order import read_order
from app.core.reading.spoken import normalize
from app.core.reading.understood import understood_line
from app.errors import (
    CartError,
    FieldRequired,
    InvalidRequest,
    ItemAmbiguous,
    LineAmbiguous,
    ModifierInvalid,
    NotInOrder,
    TokenError,
    TokenExpired,
)
from app.orders.order import order_id_for, spoken_number
from app.orders.service import ordered_before_it_expired
from app.voice.speech import (
    choices_question,
    describe_line,
    failure,
    item_details,
    line_phrase,
    modifiers_phrase,
    number_word,
    order_readback,
    removed_sentence,
    spoken_lines,
    spoken_summary,
    total_sentence,
)
from app.voice.toolkit import (
    GUARD_ORDERED,
    GUARD_ORDERED_OR_UNKNOWN,
    ToolContext,
    already_ordered,
    cancel_in_store,
    tool,
)

MAX_ITEMS_PER_CALL = 10
MAX_FOUND = 8

# --- the tools ---------------------------------------------------------------------------------------

_ITEM_TEXT = {"type": "string", "description": "the item as the customer said it, e.g. 'cheese burger'"}
_MODIFIERS = {
    "type": "array",
    "items": {"type": "string"},
    "description": "choices as the customer said them, e.g. ['medium well', 'no onions', 'large']",
}
_NOTES = {"type": "string", "description": "a short kitchen note the menu has no option for"}


@tool(
    "find_menu_items",
    """Search the menu. Call when the customer asks what there is, asks for a kind of food or a
    price range, or names something you are unsure is on the menu. All arguments are optional;
    with none it lists the menu. Read out at most a few results.""",
    {
        "query": {"type": "string", "description": "words the customer used, e.g. 'spicy chicken'"},
        "category": {"type": "string", "description": "a menu category, e.g. 'drinks'"},
        "max_price_cents": {"type": "integer", "description": "only items at most this price, in cents"},
    },
)
def find_menu_items(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    items = list(ctx.menu.items)
    if args.get("query"):
        items = search_items(ctx.menu, args["query"])  # "coffee": every coffee, not one name
    if args.get("category"):
        wanted = normalize(args["category"])
        items = [i for i in items if normalize(i.category) == wanted]
    if args.get("max_price_cents") is not None:
        items = [i for i in items if i.price_cents <= args["max_price_cents"]]
    found = [
        {"name": i.name, "price": ctx.money(i.price_cents), "category": i.category, "available": i.available}
        | ({"from": True} if len({v.price_cents for v in i.variations}) > 1 else {})  # sizes cost more: "from"
        for i in items[:MAX_FOUND]
    ]
    if found:
        listed = ", ".join(f"{f['name']} ({'from ' * ('from' in f)}{f['price']})" for f in found if f["available"])
        message = f"On the menu: {listed}." if listed else "Those items are not available right now."
    else:
        message = "Nothing on the menu matches that."
    return state, {"message": message, "items": found, "categories": ctx.menu.categories()}


@tool(
    "get_item_details",
    """Price, description and the choices of one item. Call before adding an item whose choices
    the customer has not given, so you can ask about the required ones (e.g. doneness, size).""",
    {"item": _ITEM_TEXT},
    required=["item"],
)
def get_item_details(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    item = named_item(ctx.menu, args["item"]).item
    details = item_details(item, ctx.menu.currency)
    sizes = [f"{v['price']} {v['name']}" for v in details["sizes"] if v["available"]]
    price = " or ".join(sizes) if sizes else details["price"]  # each size its own price, never one for all
    message = f"{item.name} is {price}." + choices_question(details)
    if not item.available:
        message = f"{item.name} is not available right now."
    return state, {"message": message, "item": details}


def _add_one(
    state: CartState, entry: dict[str, Any], ctx: ToolContext
) -> tuple[CartState, list[dict[str, Any]], list[dict[str, Any]]]:
    """One ``items`` entry (already checked against the schema): each item its phrase names is added, or
    answered with what to ask."""
    said = tuple(entry.get("modifiers", ()))
    readings = read_order(ctx.menu, entry["item"], said)
    if said and len(readings) == 1 and isinstance(readings[0], ModifierInvalid):
        try:  # repeats the reader leaves to the choice rules ("extra mint x2"): the turn reads them itself
            quantity = entry.get("quantity", turn.AS_SAID)
            op = turn.AddItem(entry["item"], quantity, said, entry.get("notes"))
            after, line_ids = turn.apply(state, op, ctx.menu, ctx.now)
            return after, [_added(state, after, line_id, ctx) for line_id in line_ids], []
        except CartError:
            pass
    added, not_added = [], []
    for reading in readings:
        try:
            if isinstance(reading, CartError):
                raise reading
            given = entry.get("quantity", turn.AS_SAID)
            quantity = cart.check_quantity(turn.line_count(reading.quantity, given, len(readings), entry["item"]))
            notes = "; ".join(n for n in (entry.get("notes"), *reading.notes) if n) or None
            size = reading.variation.id if reading.variation else None
            op = turn.AddItem(reading.item.id, quantity, reading.choice_texts(), notes, size)
            after, line_ids = turn.apply(state, op, ctx.menu, ctx.now)
            added += [_added(state, after, line_id, ctx) for line_id in line_ids]
            state = after
        except TokenError:
            raise
        except CartError as exc:
            text = reading.said if isinstance(reading, Reading) else exc.details.get("query") or entry["item"]
            not_added.append({"item": text, **failure(exc)})
    return state, added, not_added


def _added(before: CartState, state: CartState, line_id: int, ctx: ToolContext) -> dict[str, Any]:
    """What this entry added, as the model reads it back (the note too: a restriction must not vanish).

    ``quantity`` and the wording are the count this entry added; when it joined a line already in the
    cart (same item and choices), ``line_quantity`` is that line's count now ("two more …, three in all").
    """
    line = price_cart(state._replace(lines=(state.line(line_id),)), ctx.menu, ctx.now).lines[0]
    had = next((old.quantity for old in before.lines if old.line_id == line_id), 0)
    count = line.line.quantity - had
    spoken = line_phrase({**line.to_dict(), "quantity": count}, ctx.menu)  # the one wording of a line
    if had:
        spoken += f" ({number_word(line.line.quantity)} in all)"
    return {
        "line_id": line_id,
        "item": line.name,
        "variation": line.variation["name"] if line.variation else None,
        "quantity": count,
        "line_quantity": line.line.quantity,
        "options": [modifiers_phrase([m]) for m in line.modifiers],
        "notes": line.line.notes,
        "spoken": spoken,
        "understood": understood_line(ctx.menu, line.line),  # the same line as an add's ids, to check and resend
    }


@tool(
    "add_to_order",
    """Add items to the order. Put everything the customer asked for in one utterance into one
    call ("two cheeseburgers and a large fries" = two entries). Pass names as said; include the
    choices they gave. The answer says what was added and, for anything not added, why and what
    to ask (a required choice, which of two similar items, an alternative when sold out).""",
    {
        "items": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_ITEMS_PER_CALL,
            "items": {
                "type": "object",
                "properties": {
                    "item": _ITEM_TEXT,
                    "quantity": {"type": "integer", "minimum": 1, "maximum": cart.MAX_QUANTITY},
                    "modifiers": _MODIFIERS,
                    "notes": _NOTES,
                },
                "required": ["item"],
                "additionalProperties": False,
            },
        }
    },
    required=["items"],
    guard=GUARD_ORDERED,
)
def add_to_order(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    entries = args["items"]
    if not entries or len(entries) > MAX_ITEMS_PER_CALL:
        raise InvalidRequest(f"send 1 to {MAX_ITEMS_PER_CALL} items per call")
    added, not_added = [], []
    before = state
    for entry in entries:
        try:
            state, done, missed = _add_one(state, entry, ctx)
            added += done
            not_added += missed
        except TokenError:
            raise
        except CartError as exc:
            not_added.append({"item": entry["item"], **failure(exc)})
    if not_added:  # all or nothing: the model retries the whole call once the customer has answered
        return before, _nothing_added(added, not_added)
    message = "Added " + "; ".join(_added_text(a) for a in added) + ". "
    message += total_sentence(price_cart(state, ctx.menu, ctx.now))
    return state, {"ok": True, "message": message, "added": added, "not_added": []}


def _nothing_added(ready: list[dict[str, Any]], not_added: list[dict[str, Any]]) -> dict[str, Any]:
    """``ok: false`` with the cart unchanged: the questions, and what is ready to go in with the answer
    (``ready``: the lines as they would be added, without line ids — they are not in the cart)."""
    parts = ["Nothing was added yet."]
    parts += [
        f"{said}: {message.rstrip()}" + ("" if message.rstrip()[-1:] in ".?!" else ".")
        for said, message in _asked_once(not_added)
    ]
    if ready:
        ready = [{k: v for k, v in r.items() if k != "line_id"} for r in ready]
        parts.append("Once answered, add everything again in one call (" + "; ".join(map(_added_text, ready)) + ").")
    return {"ok": False, "message": " ".join(parts), "added": [], "ready": ready, "not_added": not_added}


def _asked_once(not_added: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(what was said, the question) for each entry not added; a required choice missing from several lines of
    one item is asked once, naming them all ("two cheeseburgers, one no pickles": Doneness once, for both) —
    every line keeps its own entry in ``not_added``, with its details."""
    first: dict[tuple[str, str], dict[str, Any]] = {}
    said: dict[tuple[str, str], list[str]] = {}
    for n in not_added:
        if n.get("error") == "modifier_required":
            key = (str(n.get("item_id")), str(n.get("group")))
            first.setdefault(key, n)
            said.setdefault(key, []).append(str(n["item"]))
    out = []
    for n in not_added:
        key = (str(n.get("item_id")), str(n.get("group")))
        if key not in first:
            out.append((str(n["item"]), str(n["message"])))
        elif first[key] is n:
            lines = said[key]
            both = "both" if len(lines) == 2 else f"all {len(lines)}"
            named = str(n["item"]) if len(lines) == 1 else f"{'; '.join(lines)} (one question for {both})"
            out.append((named, str(n["message"])))
    return out


def _added_text(added: dict[str, Any]) -> str:
    return str(added["spoken"])


@tool(
    "update_order_item",
    """Change a line already in the order: its quantity, its choices (send the complete new list;
    it replaces the old one; a size alone, e.g. ["large"], changes only the size) or its note; send
    at least one of them. Use the line_id from the last cart you saw.""",
    {
        "line_id": {"type": "integer", "description": "from cart.lines[].line_id"},
        "quantity": {"type": "integer", "minimum": 0, "maximum": cart.MAX_QUANTITY, "description": "0 removes"},
        "modifiers": _MODIFIERS,
        "notes": _NOTES,
    },
    required=["line_id"],
    needs_cart=True,
    guard=GUARD_ORDERED,
)
def update_order_item(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    line = state.line(args["line_id"])
    modifiers: tuple[str, ...] | None = None
    size: str | None = None
    if "modifiers" in args:
        # resolved by the turn, like an add: sizes, repeats, "no X"; an item gone from the menu: modifier_invalid
        said: tuple[str, ...] = tuple(args["modifiers"])
        item = ctx.menu.item_by_tag(line.item_tag)
        if item is not None and len(said) == 1 and _is_size(item, said[0]):
            size = said[0]  # "make it a large": only the size changes, the rest stays
        else:
            modifiers = said
    # nothing to change (every field absent or null) is refused by turn.apply, as for HTTP PATCH: field_required
    op = turn.UpdateLine(line.line_id, args.get("quantity"), modifiers, args.get("notes"), size)
    before = state
    state, _ = turn.apply(state, op, ctx.menu, ctx.now)
    refused, note = _if_emptied(before, state, ctx)  # quantity 0 of the last line
    if refused is not None:
        return before, refused
    priced = price_cart(state, ctx.menu, ctx.now)
    # what the line is now, in the one wording of a line ("Done." said nothing the customer could check)
    now = next((p for p in priced.lines if p.line.line_id == line.line_id), None)
    if now is None:  # quantity 0 removes the line
        was = price_cart(before._replace(lines=(line,)), ctx.menu, ctx.now).lines[0].to_dict()
        what = removed_sentence(was, line.quantity, ctx.menu)
    else:
        what = f"Changed to {line_phrase(now.to_dict(), ctx.menu)}."
    return state, {"message": f"{what} {total_sentence(priced)}{note}", "line_id": line.line_id}


def _is_size(item: Item, text: str) -> bool:
    """``text`` names one of ``item``'s sizes: a variation, or an option of its "Size" group (the fries')."""
    if item.variations:
        return exact_variation(item, text) is not None
    group, said = item.size_group, normalize(text)
    return group is not None and any(said in (o.id, normalize(o.name)) for o in group.options)


def _tags(entries: tuple[Entry, ...]) -> set[int]:
    """Every option tag on a line, nested ones too."""
    out: set[int] = set()
    for entry in entries:
        if isinstance(entry, int):
            out.add(entry)
        else:
            out |= {entry[0], *_tags(entry[1:])}
    return out


def _lines_for(state: CartState, text: str, ctx: ToolContext) -> list[cart.Line]:
    """The cart lines a spoken name refers to (only items in the cart count when names are close)."""
    in_cart = {line.item_tag for line in state.lines}
    variation = None
    try:  # read like an add: a name the customer could add is a name they can remove
        reading = named_item(ctx.menu, text)
        item, options, variation = reading.item, reading.options, reading.variation
    except ItemAmbiguous as exc:
        candidates = [ctx.menu.item(c["id"]) for c in exc.details["candidates"]]
        held = [c for c in candidates if c is not None and c.tag in in_cart]
        if len(held) != 1:
            raise
        item, options = held[0], ()
    lines = [x for x in state.lines if x.item_tag == item.tag]
    if not lines:  # "the burger" when the cart holds a Cheeseburger and no Classic Burger
        near = [
            m.target
            for m in rank_items(ctx.menu, text, limit=len(ctx.menu.items))
            if isinstance(m.target, Item) and m.target.tag in in_cart and m.score >= SUGGEST_SCORE
        ]
        if len(near) != 1:
            raise NotInOrder(f"There is no {item.name} in the order.", item=item.name)
        if not names_loosely(text, near[0]):  # "chocolate shake" is not the Vanilla Shake: ask, never guess
            raise NotInOrder(
                f"There is no {item.name} in the order. Did you mean the {near[0].name}?",
                item=item.name,
                lines=[{"line_id": x.line_id, "item": near[0].name} for x in state.lines if x.item_tag == near[0].tag],
            )
        item, options, variation = near[0], (), None
        lines = [x for x in state.lines if x.item_tag == item.tag]
    chosen = [x for x in lines if {o.tag for o in options} <= _tags(x.option_tags)]
    chosen = [x for x in chosen if variation is None or x.variation_tag == variation.tag]
    if not chosen:
        raise NotInOrder(f"There is no {item.name} like that in the order.", item=item.name)
    return chosen


@tool(
    "remove_from_order",
    """Remove something from the order: by line_id, or by the name the customer said (with an
    optional quantity to remove only some, e.g. 'one less fries'); leave out (or null) the one you
    do not have. If several lines match, the answer lists them: ask which one.""",
    {
        "line_id": {"type": "integer", "description": "from cart.lines[].line_id"},
        "item": _ITEM_TEXT,
        "quantity": {"type": "integer", "minimum": 1, "description": "how many to remove; leave out (or null) for all"},
    },
    needs_cart=True,
    guard=GUARD_ORDERED,
)
def remove_from_order(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    if "line_id" not in args and not args.get("item"):
        raise FieldRequired("say which line (line_id) or which item to remove", fields=["line_id", "item"])
    lines = _lines_for(state, args["item"], ctx) if args.get("item") else [state.line(args["line_id"])]
    if "line_id" in args:  # a line id and a name that disagree: ask, never remove the wrong line
        named = [x for x in lines if x.line_id == args["line_id"]]
        lines = named or [state.line(args["line_id"]), *lines]
    if len(lines) > 1:
        priced = {p.line.line_id: p for p in price_cart(state, ctx.menu, ctx.now).lines}
        described = [(x.line_id, describe_line(priced[x.line_id], ctx.menu)) for x in lines]
        choices = [{"line_id": line_id, "description": text} for line_id, text in described]
        raise LineAmbiguous("Which one: " + " or ".join(text for _, text in described) + "?", lines=choices)
    line = lines[0]
    quantity = args.get("quantity")
    if quantity is not None:
        quantity = cart.check_quantity(quantity)  # 0 or -1 must not mean "the whole line"
    if quantity is not None and quantity < line.quantity:
        op: turn.Operation = turn.UpdateLine(line.line_id, quantity=line.quantity - quantity)
        removed = quantity
    else:
        op, removed = turn.RemoveLine(line.line_id), line.quantity
    was = price_cart(state._replace(lines=(line,)), ctx.menu, ctx.now).lines[0].to_dict()
    before = state
    state, _ = turn.apply(state, op, ctx.menu, ctx.now)
    refused, note = _if_emptied(before, state, ctx)
    if refused is not None:
        return before, refused
    return state, {
        "message": f"{removed_sentence(was, removed, ctx.menu)} {total_sentence(price_cart(state, ctx.menu, ctx.now))}"
        + note,
        "line_id": line.line_id,
    }


def _read_back_expired(
    state: CartState, args: dict[str, Any], ctx: ToolContext, expired: TokenExpired
) -> tuple[CartState, dict[str, Any]]:
    """``get_current_order`` on a token past its expiry: the order placed from this cart before it expired,
    read back — an agent asking "what did I order?" after a long wait (``order_outcome_unknown``) must not
    hear that the cart expired while the kitchen has it, and start over. A cart never ordered: ``expired``
    (:func:`app.orders.service.ordered_before_it_expired` says which, and "can't check" when it can't)."""
    if ctx.order_sink is None:
        raise expired
    done = ordered_before_it_expired(state, expired, None, ctx.order_sink)
    return done.state, {"message": _placed_readback(done.state, ctx, done.order), "placed": True}


def _if_emptied(before: CartState, after: CartState, ctx: ToolContext) -> tuple[dict[str, Any] | None, str]:
    """A change that left no lines (the last line removed, or set to 0) empties the cart as ``clear_order``
    does, so the store decides it against a checkout of the cart still in flight (:func:`cancel_in_store`):
    (the refusal to answer instead when the checkout won, None) and the webhook's note to add. A change
    that leaves lines: (None, "")."""
    if after.lines:
        return None, ""
    return cancel_in_store(before, ctx), ctx.unchecked_orders_note(before)


@tool(
    "get_current_order",
    """Read back the order with its total. Call when the customer asks what they have ordered or
    how much it is, and before finishing the order.""",
    {},
    needs_cart=True,
    on_expired=_read_back_expired,
)
def get_current_order(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    if state.checked_out:
        return state, {"message": _placed_readback(state, ctx, ctx.stored_order(state)), "placed": True}
    unchecked = ""
    try:  # an older token of an ordered cart: what the kitchen has, never its older lines as the order
        ordered = ctx.ordered_before(state)
    except CartError:  # can't check: the cart read back, saying so — never as if nothing had been ordered
        ordered, unchecked = None, " I can't check right now whether this order was already placed."
    if ordered is not None:
        return state, already_ordered(state, ordered, ctx)
    unknown = ctx.unchecked_order_note(state)  # the webhook keeps no orders: it may have been ordered (break16o §7)
    readback = order_readback(price_cart(state, ctx.menu, ctx.now), ctx.menu)
    return state, {"message": readback + unchecked + unknown, **({"may_be_ordered": True} if unknown else {})}


def _placed_readback(state: CartState, ctx: ToolContext, stored: dict[str, Any] | None) -> str:
    """The placed order's cart read back: what the kitchen has (``stored``) at the total it was placed at,
    never the cart repriced from today's menu (a price moved, an item 86'd since). No stored order (a sink
    that keeps none, the webhook, or cannot be read now): the ordered lines, no total."""
    placed = f"This order has been placed as order number {spoken_number(order_id_for(state.cart_id))}."
    if stored is not None:
        return f"{placed} {spoken_summary(stored['lines'], stored['total_cents'], stored['currency'], ctx.menu)}"
    lines = spoken_lines((p.to_dict() for p in price_cart(state, ctx.menu, ctx.now).lines), ctx.menu)
    return f"{placed} It holds {lines}."


@tool(
    "clear_order",
    """Empty the whole order. Only when the customer clearly asks to start over or cancel everything.""",
    {},
    needs_cart=True,
    guard=GUARD_ORDERED_OR_UNKNOWN,  # "I've cleared the order" while the kitchen holds it would be false
)
def clear_order(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    cleared, _ = turn.apply(state, turn.ClearCart(), ctx.menu)
    refused = cancel_in_store(state, ctx)  # a checkout of this cart still in flight: one of them wins
    if refused is not None:
        return state, refused
    return cleared, {"message": "I've cleared the order." + ctx.unchecked_orders_note(state)}
