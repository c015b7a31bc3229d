"""A typed async client for voicecart's tool endpoint, on httpx.

``POST /v1/restaurants/{rid}/tools/{name}`` with ``{"arguments", "call_id"?}`` and the newest
``Cart-Token`` → ``{"ok", "output", "call_id", "cart", "cart_token"}``. The token is kept in a
:class:`CartSession` (one per conversation) and replaced by the one each answer carries; calls of one
session run one at a time, so two tool calls the model makes at once cannot fork the cart.

:class:`ToolEndpoint` is shared by every conversation of a restaurant (one connection pool);
:class:`CartClient` is the one-conversation convenience: an endpoint plus its own session.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from app.agents.errors import (
    CartTokenRefused,
    RestaurantNotFound,
    ToolNotFound,
    VoicecartRefused,
    VoicecartUnreachable,
)
from app.agents.retry import RETRY_STATUSES, RetryPolicy
from app.agents.specs import ToolSpec, parse_specs

DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=3.0)  # checkout answers within the server's 15 s budget


@dataclass
class CartSession:
    """One conversation's cart: the newest token (``None`` until the first call makes a cart).

    Subclass it to carry your own per-conversation data (LiveKit ``userdata``, Agents SDK ``context``).
    The token is left out of ``repr`` so it never lands in a log line.
    """

    cart_token: str | None = field(default=None, repr=False)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False, compare=False)


@dataclass(frozen=True)
class ToolAnswer:
    """A tool's answer: ``output`` is the JSON string to hand the model (its ``message`` is spoken-style);
    ``ok`` is false for problems the customer can fix (the output says what to ask); ``cart`` is the
    whole cart (``lines``, ``total_cents``, …)."""

    ok: bool
    output: str
    cart: dict[str, Any]
    call_id: str | None = None


def check_base_url(url: str) -> str:
    """``url`` without a trailing slash; ``ValueError`` unless it is an absolute http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the voicecart URL must be http:// or https:// with a host, not {url!r}")
    return url.rstrip("/")


def _error_fields(response: httpx.Response) -> dict[str, Any]:
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        error = None
    if isinstance(error, dict):
        return error
    return {"code": f"http_{response.status_code}", "message": response.reason_phrase or "no JSON error body"}


class ToolEndpoint:
    """voicecart's tools for one restaurant at ``base_url`` (e.g. ``http://127.0.0.1:8000``).

    Owns an ``httpx.AsyncClient`` unless one is passed as ``http``. Raises ``ValueError`` for a URL that
    is not absolute http(s). Use as ``async with`` or call :meth:`aclose`.
    """

    def __init__(
        self,
        base_url: str,
        restaurant_id: str,
        *,
        http: httpx.AsyncClient | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = check_base_url(base_url)
        self.restaurant_id = restaurant_id
        self.retry = retry or RetryPolicy()
        self._own_http = http is None
        self._http = http or httpx.AsyncClient(timeout=timeout)
        self._tools_url = f"{self.base_url}/v1/restaurants/{quote(restaurant_id, safe='')}/tools"

    async def specs(self, strict: bool = False) -> list[ToolSpec]:
        """The published tools; ``strict``: OpenAI's strict form. Raises :class:`RestaurantNotFound`,
        :class:`VoicecartUnreachable`, :class:`VoicecartRefused`."""
        response = await self._send("GET", self._tools_url, params={"strict": "true" if strict else "false"})
        self._raise_for_error(response, None)
        return parse_specs(response.json())

    async def call(
        self,
        session: CartSession,
        name: str,
        arguments: Mapping[str, Any] | str | None = None,
        call_id: str | None = None,
    ) -> ToolAnswer:
        """Run tool ``name`` on ``session``'s cart and keep the token it answers with (no cart yet: a tool that
        adds makes one; one that needs a cart raises :class:`CartTokenRefused` ``token_missing``).

        ``arguments``: an object, or the model's JSON string. Calls of one session are serialised. A
        refused token (401/403) is dropped from the session before :class:`CartTokenRefused` is raised;
        other failures leave the session's token as it was.
        """
        body: dict[str, Any] = {"arguments": dict(arguments) if isinstance(arguments, Mapping) else arguments or {}}
        if call_id is not None:
            body["call_id"] = call_id
        async with session.lock:
            headers = {"Cart-Token": session.cart_token} if session.cart_token else {}
            response = await self._send("POST", f"{self._tools_url}/{quote(name, safe='')}", json=body, headers=headers)
            if response.status_code in (401, 403):
                session.cart_token = None
            self._raise_for_error(response, name)
            data = response.json()
            session.cart_token = data.get("cart_token") or response.headers.get("cart-token") or session.cart_token
        return ToolAnswer(ok=bool(data["ok"]), output=data["output"], cart=data["cart"], call_id=data.get("call_id"))

    async def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def attempt() -> httpx.Response:
            return await self._http.request(method, url, **kwargs)

        try:
            return await self.retry.retrying()(attempt)
        except httpx.TransportError as exc:
            raise VoicecartUnreachable(self.base_url, self.retry.attempts, exc) from exc

    def _raise_for_error(self, response: httpx.Response, tool: str | None) -> None:
        if response.status_code == 200:
            return
        error = _error_fields(response)
        code, message = str(error.get("code", "")), str(error.get("message", ""))
        if code == "restaurant_not_found":
            raise RestaurantNotFound(self.restaurant_id, self.base_url)
        if code == "tool_not_found" and tool is not None:
            raise ToolNotFound(tool, [str(t) for t in error.get("tools", [])])
        if response.status_code in (401, 403) and tool is not None:
            raise CartTokenRefused(code, message)
        if response.status_code in RETRY_STATUSES:
            message = f"{message} (after {self.retry.attempts} attempts)"
        raise VoicecartRefused(response.status_code, code, message)

    async def aclose(self) -> None:
        """Close the HTTP client if this endpoint made it."""
        if self._own_http:
            await self._http.aclose()

    async def __aenter__(self) -> ToolEndpoint:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


class CartClient:
    """One conversation with voicecart: ``await client.call("add_to_order", {...})`` → :class:`ToolAnswer`.

    ``token``: a cart token to continue (e.g. saved by a previous agent process); ``None`` starts a new
    cart on the first call. Other arguments as for :class:`ToolEndpoint`.
    """

    def __init__(
        self,
        base_url: str,
        restaurant_id: str,
        *,
        token: str | None = None,
        http: httpx.AsyncClient | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        self.endpoint = ToolEndpoint(base_url, restaurant_id, http=http, retry=retry, timeout=timeout)
        self.session = CartSession(cart_token=token)

    @property
    def token(self) -> str | None:
        """The newest cart token (save it to continue this cart elsewhere); ``None`` before the first call."""
        return self.session.cart_token

    async def tools(self, strict: bool = False) -> list[ToolSpec]:
        """The published tool specs (see :meth:`ToolEndpoint.specs`)."""
        return await self.endpoint.specs(strict)

    async def call(self, name: str, arguments: Mapping[str, Any] | str | None = None) -> ToolAnswer:
        """Run one tool on this conversation's cart (see :meth:`ToolEndpoint.call`)."""
        return await self.endpoint.call(self.session, name, arguments)

    async def call_json(self, name: str, arguments: Mapping[str, Any] | str | None = None) -> dict[str, Any]:
        """:meth:`call`, with the output parsed: ``{"ok", "message", …, "cart": {…}}``."""
        parsed: dict[str, Any] = json.loads((await self.call(name, arguments)).output)
        return parsed

    async def aclose(self) -> None:
        await self.endpoint.aclose()

    async def __aenter__(self) -> CartClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
