"""One exception tree for voicecart.

Every error a caller can cause is a :class:`CartError` subclass with a stable ``code`` and an
HTTP ``status``. The HTTP layer maps them to ``{"error": {"code", "message", ...details}}`` in one
place (:mod:`app.http_api`); the voice tools turn the 422 family into ``ok: false`` answers.
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


class RequestTooLarge(CartError):
    code = "request_too_large"
    status = 413


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


class TokenExpired(TokenError):
    code = "token_expired"
    reason = "expired"


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


class ModifierRequired(OperationError):
    code = "modifier_required"


class QuantityInvalid(OperationError):
    code = "quantity_invalid"


class CartTooLarge(OperationError):
    code = "cart_too_large"


class CartCheckedOut(CartError):
    code = "cart_checked_out"
    status = 409


# --- configuration (raised at start-up, never to a caller) ---------------------------------------


class ConfigError(Exception):
    """Settings, key ring or menu files are unusable; the process must not start."""


class MenuError(ConfigError):
    """A menu file failed validation. ``path`` locates the bad field, e.g. ``items[3].price_cents``."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
