"""The ``confirm_order`` voice tool: review the order aloud, place it, or cancel it.

* ``review``: one sentence the model can read back ("Two Burritos with Steak…; and one Horchata.
  Your total is $31.72.") and whether it can be placed as it is.
* ``checkout``: the same checks, prices and exactly-once sink as ``POST …/cart/checkout``
  (:func:`app.orders.service.submit`, the app's order sink); the output carries ``order`` (the demo
  page shows it) and the cart comes back checked out. Needs the customer's name and ``total_cents``,
  the total the review read back: it is HTTP's ``expected_total_cents``, so a total that moved since
  (a price change, a line added after the review) answers ``ok: false`` ``order_total_changed`` with
  the new total and what changed, and nothing is charged that the customer did not hear. Without it:
  ``field_required`` (review first). The total travels as an argument, not in the token: the check is
  then the very one HTTP checkout makes, the token format stays as it is, and the model passes what it
  actually read out rather than what the server last asked it to say.
* ``cancel``: empties the cart.

Listed in :mod:`app.voice.tools`. The order sink is ``ToolContext.order_sink`` (the app's,
from :class:`app.runtime.context.AppContext`).
"""

from __future__ import annotations

from typing import Any

from app.core import turn
from app.core.cart import CartState
from app.core.cart.pricing import price_cart
from app.errors import CartAlreadyOrdered, CartError, FieldRequired, InvalidRequest, OrderDeliveryFailed, TokenExpired
from app.orders.order import (
    FULFILLMENT,
    MAX_TOTAL_CENTS,
    CheckoutRequest,
    check_orderable,
    order_id_for,
    parse_checkout,
    spoken_number,
)
from app.orders.service import Submitted, ordered_before_it_expired, submit
from app.voice.speech import spoken_summary
from app.voice.toolkit import ToolContext, already_ordered, already_placed, cancel_in_store, tool


def _review(state: CartState, ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    # the placed order's own token, or an older token of an ordered cart, must not review as "ready"; a
    # store that can't be read is "can't check right now" (order_outcome_unknown), answered at once: this
    # runs on the turns' threads
    number = _ordered_number(state, ctx)
    if number is not None:
        return state, already_placed(number)
    priced = price_cart(state, ctx.menu, ctx.now)
    lines = [p.to_dict() for p in priced.lines if p.available]
    summary = spoken_summary(lines, priced.total_cents, ctx.menu.currency, ctx.menu)
    unchecked = ctx.unchecked_order_note(state)  # the webhook: it may have been ordered, can't be checked
    answer = {
        "message": summary + unchecked + " Shall I place the order?",
        "total": ctx.money(priced.total_cents),
        "total_cents": priced.total_cents,  # what checkout must be given back (its total_cents)
        "ready": True,
        **({"may_be_ordered": True} if unchecked else {}),
    }
    if not state.lines:
        return state, {**answer, "message": summary + unchecked, "ready": False}
    try:
        check_orderable(state, ctx.menu, ctx.now)  # the very checks checkout will make
    except CartError as exc:
        why = "; ".join(w["message"] for w in exc.details.get("warnings", [])) or exc.message
        said = f"{summary} " if lines else ""  # not "Your cart is empty." when its lines are all unavailable
        message = f"{said}Before ordering: {why}.{unchecked}"
        return state, {**answer, "message": message, "ready": False, "error": exc.code}
    return state, answer


def _ordered_number(state: CartState, ctx: ToolContext) -> str | None:
    """The number of the order this cart copy was placed as (its own token, or an older copy), else None;
    ``order_outcome_unknown`` when the store cannot be read."""
    if state.checked_out:
        return spoken_number(order_id_for(state.cart_id))
    return ctx.placed_order_number(state)


def _request(args: dict[str, Any]) -> CheckoutRequest:
    if not args.get("customer_name", "").strip():
        raise FieldRequired("What name should I put the order under?", field="customer.name")
    if "total_cents" not in args:
        raise FieldRequired(
            'Read the order back first (action "review"), then pass the total_cents it answered.', field="total_cents"
        )
    customer: dict[str, Any] = {"name": args["customer_name"], "phone": args.get("phone")}
    fulfillment = args.get("fulfillment", "pickup")
    return parse_checkout(
        {"customer": customer, "fulfillment": fulfillment, "expected_total_cents": args["total_cents"]}
    )


def _checkout(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    if ctx.order_sink is None:
        raise OrderDeliveryFailed(
            "this server takes no orders by voice (no order sink); nothing was ordered", no_order_sink=True
        )
    try:
        request = _request(args)
    except FieldRequired:  # "read the order back first" about a cart already ordered: say it was ordered
        number = _ordered_number(state, ctx)
        if number is not None:
            return state, already_placed(number)
        raise
    try:
        done = submit(state, request, ctx.menu, ctx.order_sink, ctx.now, ctx.mint, ctx.gate)
    except CartAlreadyOrdered as exc:  # a copy of the cart that was ordered: what the kitchen has, in words
        if state.checked_out:
            raise  # the placed order's own token, its order unreadable now: said as it is (placed, by number)
        return state, already_ordered(state, exc, ctx)
    return done.state, _placed_answer(done, ctx)


def _order_expired(
    state: CartState, args: dict[str, Any], ctx: ToolContext, expired: TokenExpired
) -> tuple[CartState, dict[str, Any]]:
    """Any action on a token past its expiry whose cart was ordered before it expired: ``checkout`` retried
    answers that order as a repeat, ``review`` and ``cancel`` that it was placed (never "the cart expired"
    about a cart the kitchen has: a client then starts over, the customer orders twice); a cart never ordered
    is ``expired`` (:func:`app.orders.service.ordered_before_it_expired` says which, or "can't check")."""
    if ctx.order_sink is None:
        raise expired
    try:
        request: CheckoutRequest | None = _request(args) if args.get("action") == "checkout" else None
    except CartError:  # a name or total missing matters to a new order only: one placed before is answered
        request = None
    done = ordered_before_it_expired(state, expired, request, ctx.order_sink)
    if args.get("action") != "checkout":
        return done.state, already_placed(spoken_number(done.order["order_id"]))
    return done.state, _placed_answer(done, ctx)


def _placed_answer(done: Submitted, ctx: ToolContext) -> dict[str, Any]:
    """What a checkout that has an order says: placed now, or placed before (with what differed)."""
    placed = done.order
    number = spoken_number(placed["order_id"])
    said = spoken_summary(placed["lines"], placed["total_cents"], placed["currency"], ctx.menu)
    first = "Your order is placed" if done.created else "That order was already placed"
    message = f"{first}, {placed['customer']['name']}: order number {number}. {said}"
    if done.warnings:
        message += " Note: " + "; ".join(w["message"] for w in done.warnings) + "."
    return {"message": message, "order": placed, "created": done.created}


def _cancel(state: CartState, ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    # the pure turn first (a checked-out cart: cart_checked_out), then the store decides between this cancel
    # and any checkout of the cart still in flight; can't check: order_outcome_unknown, never "cancelled"
    cleared, _ = turn.apply(state, turn.ClearCart(), ctx.menu, ctx.now)
    refused = cancel_in_store(state, ctx)
    if refused is not None:  # never "cancelled" while the kitchen holds the order
        return state, refused
    note = ctx.unchecked_orders_note(state)
    return cleared, {"message": "OK, I've cancelled the order; the cart is empty." + note}


@tool(
    "confirm_order",
    """Finish the order. action "review": read the whole order and total back to the customer and
    ask them to confirm. action "checkout": place the order, only after the customer confirmed the
    review; pass total_cents exactly as the last review answered it, and the name for the order
    (ask for it) and, if they said, phone and fulfillment. If the total changed since, nothing is
    ordered: read the new total and ask again. action "cancel": the customer wants to cancel the
    whole order.""",
    {
        "action": {"type": "string", "enum": ["review", "checkout", "cancel"]},
        "customer_name": {"type": "string", "description": "the name for the order (checkout)"},
        "phone": {"type": "string", "description": "a phone number, if the customer gave one"},
        "fulfillment": {"type": "string", "enum": list(FULFILLMENT), "description": "default pickup"},
        "total_cents": {
            "type": "integer",
            "minimum": 0,
            "maximum": MAX_TOTAL_CENTS,
            "description": "checkout: total_cents from the review the customer agreed to",
        },
    },
    required=["action"],
    needs_cart=True,
    on_expired=_order_expired,
)
def confirm_order(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    action = args["action"]
    if action == "review":
        return _review(state, ctx)
    if action == "checkout":
        return _checkout(state, args, ctx)
    if action == "cancel":
        return _cancel(state, ctx)
    raise InvalidRequest('action must be "review", "checkout" or "cancel"', field="action")
