"""Why voicecart could not answer a tool call: one exception type per thing the caller can act on.

Every error's ``str()`` is one sentence fit for a log line or a CLI error; none holds a cart token.
"""

from __future__ import annotations


class VoicecartError(Exception):
    """Base class: voicecart gave no usable answer."""


class VoicecartUnreachable(VoicecartError):
    """No HTTP answer from ``url`` after every attempt (refused, reset, timed out, DNS)."""

    def __init__(self, url: str, attempts: int, cause: BaseException) -> None:
        self.url = url
        self.attempts = attempts
        self.cause = cause
        reason = f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
        super().__init__(f"cannot reach voicecart at {url} after {attempts} attempt(s): {reason}")


class RestaurantNotFound(VoicecartError):
    """404 ``restaurant_not_found``: the server has no menu with this id."""

    def __init__(self, restaurant_id: str, url: str) -> None:
        self.restaurant_id = restaurant_id
        super().__init__(f"voicecart at {url} has no restaurant {restaurant_id!r}")


class ToolNotFound(VoicecartError):
    """404 ``tool_not_found``: ``tools`` lists the names the server has."""

    def __init__(self, name: str, tools: list[str]) -> None:
        self.name = name
        self.tools = tools
        super().__init__(f"voicecart has no tool {name!r}; it has {', '.join(tools)}")


class CartTokenRefused(VoicecartError):
    """401/403: the cart token was refused (``token_expired``, ``token_key_retired``, ``token_invalid``), or a
    tool that needs a cart was called before there was one (``token_missing``).

    The session holds no token afterwards: a tool that adds to the order starts a new cart.
    ``message`` is the server's words.
    """

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(f"no cart to use ({code}: {message}); adding to the order starts a new cart")


class VoicecartRefused(VoicecartError):
    """Any other answer than 200, after retries where a retry could help: ``status``, ``code``, ``message``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        self.status = status
        self.code = code
        self.message = message
        super().__init__(f"voicecart answered {status} {code}: {message}")
