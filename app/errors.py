"""One exception tree for voicecart.

Every error a caller can cause is a :class:`CartError` subclass with a stable ``code`` and an
HTTP ``status``: 400 bad input, 401/403 token refused, 404 not found, 409 conflicts of state, 413
body too large, 422 the cart operation cannot be applied, 502 an upstream (order sink, speech
service) failed, 503 a feature is not configured. The HTTP layer maps them to
``{"error": {"code", "message", ...details}}`` in one place (:mod:`app.server.http`).

The voice tools (:meth:`app.voice.toolkit.Toolbox.run`) answer every :class:`CartError` a tool
raises as ``ok: false`` with its code and a sentence to say — except :class:`TokenError` (401/403)
and :class:`ToolNotFound` (404), which stay HTTP errors; arguments that are not a JSON object are
400 before any tool runs. :class:`ConfigError` is raised only at start-up, never to a caller.
"""

from __future__ import annotations

from typing import Any


class CartError(Exception):
    """Base class: a request that cannot be served as asked. Never a server fault."""

    code = "invalid_request"
    status = 400

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.details}


class InvalidRequest(CartError):
    code = "invalid_request"
    status = 400


class FieldInvalid(InvalidRequest):
    """A field of the right JSON type whose value cannot be used and no schema can say so: invisible
    characters in text, a malformed phone number, a blank name. ``field`` names it."""

    code = "field_invalid"


class FieldRequired(InvalidRequest):
    """Something is needed that a schema cannot mark required because it depends on the other fields:
    a name to check out, which line to remove, at least one change in an update."""

    code = "field_required"


class RequestTooLarge(CartError):
    code = "request_too_large"
    status = 413


class RequestTimeout(CartError):
    """The request body (or, refused by the HTTP server itself, its head) did not arrive in time:
    a client too slow to be served, or one holding connections open on purpose."""

    code = "request_timeout"
    status = 408


class RequestHeaderTooLarge(CartError):
    """The request line and headers exceed the server's bound in size or count; answered by the HTTP
    server itself (:mod:`app.server.protocol`) before any route, the connection closed."""

    code = "request_header_too_large"
    status = 431


class TokenAmbiguous(InvalidRequest):
    """More than one ``Cart-Token`` header (or one holding several tokens): a proxy or client that
    duplicated it. Never pick one — the stale one would silently drop items; ``count`` says how many."""

    code = "token_ambiguous"


class EncodingUnsupported(CartError):
    """A body sent with a ``Content-Encoding`` (gzip, br, …): bodies are read as plain JSON only.
    ``encoding`` names it."""

    code = "content_encoding_unsupported"
    status = 415


class ClientDisconnected(CartError):
    """The client went away before its request body arrived. Nobody reads the answer: it is counted
    and logged as 499 (nginx's "client closed request"), never as a server error."""

    code = "client_disconnected"
    status = 499


# --- token problems (the caller's token cannot be used) -------------------------------------


class TokenError(CartError):
    """The cart token was refused. ``reason`` is a short label for metrics, never secret."""

    code = "token_invalid"
    status = 401
    reason = "invalid"

    def __init__(self, message: str, reason: str | None = None, **details: Any) -> None:
        super().__init__(message, **details)
        if reason is not None:
            self.reason = reason


class TokenMissing(TokenError):
    code = "token_missing"
    reason = "missing"


class TokenInvalid(TokenError):
    code = "token_invalid"


class TokenKeyRetired(TokenInvalid):
    """Signed with a key id this server's ring does not hold: a key dropped by rotation (or a forgery).

    Not the customer's doing and not inactivity: clients say so in their own words (``cart-client.js``).
    """

    code = "token_key_retired"
    reason = "unknown_key"


class TokenExpired(TokenError):
    code = "token_expired"
    reason = "expired"


class ClockSkew(TokenError):
    """An authentic token stamped further in this replica's future than the allowed skew: one of the
    clocks is wrong, not the token. Retryable (503, ``Retry-After``); the token stays valid, and the
    replica accepts such tokens once it has measured its own offset (app/runtime/clock_watch.py)."""

    code = "clock_skew"
    status = 503
    reason = "future"
    retry_after = 1


class TokenWrongRestaurant(TokenError):
    code = "token_wrong_restaurant"
    status = 403
    reason = "wrong_restaurant"


# --- lookups ----------------------------------------------------------------------------------


class NotFound(CartError):
    status = 404


class RestaurantNotFound(NotFound):
    code = "restaurant_not_found"


class LineNotFound(NotFound):
    code = "line_not_found"


# --- the cart operation cannot be applied (422) -------------------------------------------------


class OperationError(CartError):
    status = 422


class ItemNotFound(OperationError):
    code = "item_not_found"


class ItemAmbiguous(OperationError):
    code = "item_ambiguous"


class ItemUnavailable(OperationError):
    code = "item_unavailable"


class ModifierInvalid(OperationError):
    code = "modifier_invalid"


class WordsNotUnderstood(OperationError):
    """Part of a spoken order matched nothing on the item (``words``); nothing was added for it.

    Details: ``item``, ``item_id``, ``words``; when the words belong to one of the item's groups on
    other items ("large" for a drink that has no large), ``group``, ``group_name`` and its ``options``.
    """

    code = "words_not_understood"


class ModifierRequired(OperationError):
    code = "modifier_required"


class ModifierUnavailable(OperationError):
    """The option exists but is 86'd (sold out) right now; ``options`` lists what is available."""

    code = "modifier_unavailable"


class VariationUnavailable(OperationError):
    """The variation (size, kind) exists but is 86'd right now; ``variations`` lists what is available."""

    code = "variation_unavailable"


class QuantityInvalid(OperationError):
    code = "quantity_invalid"


class CartTooLarge(OperationError):
    code = "cart_too_large"


class CartCheckedOut(CartError):
    code = "cart_checked_out"
    status = 409


# --- checkout (app/orders/) --------------------------------------------------------


class CartEmpty(OperationError):
    """Checkout of a cart with no lines."""

    code = "cart_empty"


class CartHasUnavailableItems(OperationError):
    """Some lines are off the menu or unavailable now; ``line_ids`` says which to remove."""

    code = "cart_has_unavailable_items"


class RestaurantClosed(OperationError):
    """The menu declares opening hours and ``now`` is outside them."""

    code = "restaurant_closed"


class OrderTotalNegative(OperationError):
    """The order would total below zero (a menu edit ``menu check`` should have refused)."""

    code = "order_total_negative"


class OrderTotalChanged(CartError):
    """The caller sent ``expected_total_cents`` and the menu now gives another total."""

    code = "order_total_changed"
    status = 409


class CartAlreadyOrdered(CartError):
    """This cart was already ordered at another revision; ``order_id`` names that order. ``order``: the
    stored order itself when the store (or the kitchen) gave it back — what an answer shows as the cart;
    never sent as a detail (the caller gets ``ordered_lines``)."""

    code = "cart_already_ordered"
    status = 409
    order: dict[str, Any] | None = None


class CartCancelled(CartError):
    """This cart was cancelled before the order was placed (a voice cancel, ``clear_order``, ``DELETE …/cart``
    decided first by the store); nothing was ordered. A later revision of the cart (lines added after the
    cancel) is ordered as usual: ``cancelled_revision`` says up to which revision it was cancelled."""

    code = "cart_cancelled"
    status = 409


class OrderDeliveryFailed(CartError):
    """The order sink could not take the order; nothing was placed and a retry is safe."""

    code = "order_delivery_failed"
    status = 502


class OrderOutcomeUnknown(CartError):
    """The order store or kitchen stopped answering after it may have taken the order (a timeout
    after sending). Never "nothing was ordered": the client retries the SAME checkout with the same
    token, which is idempotent and answers with the order if it was placed (200) or places it (201)."""

    code = "order_outcome_unknown"
    status = 504


class Overloaded(CartError):
    """The replica is at its limit (``CART_MAX_CONCURRENCY``), or HTTP checkout's order workers are busy: nothing done.

    The response carries ``Retry-After`` (seconds); any replica may serve the retry. A voice checkout the
    order workers refuse is a tool answer (``ok: false``), never this HTTP status."""

    code = "overloaded"
    status = 503

    def __init__(self, message: str, retry_after_seconds: int = 1, **details: Any) -> None:
        super().__init__(message, retry_after_seconds=retry_after_seconds, **details)
        self.retry_after = retry_after_seconds


# --- voice tools and the realtime session (app/voice/) -------------------------


class ToolNotFound(NotFound):
    code = "tool_not_found"


class NotInOrder(OperationError):
    """remove_from_order by name: no line in the cart holds that item."""

    code = "not_in_order"


class LineAmbiguous(OperationError):
    """remove_from_order by name: several lines hold that item; ``lines`` lists them."""

    code = "line_ambiguous"


class RealtimeUnavailable(CartError):
    """No OPENAI_API_KEY is configured: the browser should fall back to the simulate box."""

    code = "realtime_unavailable"
    status = 503


class OriginNotAllowed(CartError):
    """``POST /v1/realtime/session`` from a page of an origin not in CART_REALTIME_ALLOWED_ORIGINS
    (default: only the origin this server serves), or with no ``Origin`` header at all."""

    code = "origin_not_allowed"
    status = 403


class TooManySessions(CartError):
    """More voice sessions minted for one client address in a minute than
    CART_REALTIME_SESSIONS_PER_MINUTE allows; ``retry_after_seconds`` says when one is free again."""

    code = "too_many_sessions"
    status = 429


class UpstreamError(CartError):
    """The speech model's API could not mint a session (down, refused, or malformed answer)."""

    code = "upstream_error"
    status = 502


# --- configuration (raised at start-up, never to a caller) ---------------------------------------


class ConfigError(Exception):
    """Settings, key ring or menu files are unusable; the process must not start."""


class MenuError(ConfigError):
    """A menu file failed validation. ``path`` locates the bad field, e.g. ``items[3].price_cents``."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
