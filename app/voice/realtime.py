"""``POST /v1/realtime/session``: an ephemeral Realtime client secret for the browser.

The browser must never see ``OPENAI_API_KEY``. It asks us; we ask the Realtime API
(``POST {CART_OPENAI_BASE_URL}/v1/realtime/client_secrets``) for a one-minute client secret
whose session already carries the restaurant's instructions and our tools, and hand back only
that secret. Without a key the answer is 503 ``realtime_unavailable`` and the demo page falls
back to its simulate box. The upstream base URL is configurable so tests use a local fake.

Each secret is billed to the operator's key, so before asking upstream the route checks
(:func:`check_origin`, :class:`SessionLimiter`): the page's ``Origin`` is allowed
(CART_REALTIME_ALLOWED_ORIGINS; by default only the origin this server serves), the client
address has not minted CART_REALTIME_SESSIONS_PER_MINUTE sessions in the last minute (per
server process; behind a proxy run uvicorn with ``--proxy-headers`` so the address is the customer's),
and the restaurant exists. The session is bound to that restaurant: its instructions name it,
and the answer carries its ``restaurant_id`` for the page to check.
"""

from __future__ import annotations

import logging
from collections import OrderedDict, deque
from typing import Any
from urllib.parse import urlsplit

import httpx

from app.core.menu import Menu
from app.core.turn import closed_notice
from app.errors import OriginNotAllowed, RealtimeUnavailable, TooManySessions, UpstreamError
from app.settings import Settings
from app.voice.tools import tool_specs

log = logging.getLogger("voicecart.realtime")

UPSTREAM_TIMEOUT_SECONDS = 10.0
# Loading the CA bundle takes ~25 ms of blocking work: do it once, not inside each request on the loop.
_TLS = httpx.create_ssl_context()
SECRET_TTL_SECONDS = 600  # how long the browser may take to *start* the session with it
WINDOW_SECONDS = 60.0
MAX_TRACKED_CLIENTS = 10_000  # the limiter forgets the longest-quiet addresses beyond this


def check_origin(origin: str | None, host: str | None, allowed: tuple[str, ...]) -> None:
    """Raise :class:`OriginNotAllowed` unless ``origin`` may mint a session.

    ``origin``: the request's ``Origin`` header (browsers send it on every POST); ``host``: its
    ``Host`` header; ``allowed``: CART_REALTIME_ALLOWED_ORIGINS. With no allow-list only a page
    served by this host (any scheme: a TLS proxy may sit in front) qualifies.
    """
    if not origin or origin == "null":
        raise OriginNotAllowed("voice sessions are minted only for pages that send their Origin")
    if allowed:
        if origin.rstrip("/") in {o.rstrip("/") for o in allowed}:
            return
    elif host and urlsplit(origin).netloc.lower() == host.lower():
        return
    raise OriginNotAllowed(f"voice sessions are not minted for pages of {origin}")


class SessionLimiter:
    """A sliding one-minute window of minted sessions per client address; ``now`` is passed in.

    Memory is bounded: at most :data:`MAX_TRACKED_CLIENTS` addresses, the quietest forgotten first.
    """

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()

    def take(self, client: str, now: float) -> None:
        """Count one session for ``client`` at ``now`` (seconds) or raise :class:`TooManySessions`."""
        times = self._seen.pop(client, None) or deque()
        while times and times[0] <= now - WINDOW_SECONDS:
            times.popleft()
        self._seen[client] = times  # most recently active last
        if len(times) >= self.per_minute:
            retry = max(1, int(times[0] + WINDOW_SECONDS - now + 0.999))
            raise TooManySessions(
                f"at most {self.per_minute} voice sessions a minute; try again in {retry} s",
                retry_after_seconds=retry,
            )
        times.append(now)
        while len(self._seen) > MAX_TRACKED_CLIENTS:
            self._seen.popitem(last=False)


def instructions(menu: Menu, now: int | None = None) -> str:
    """The session's instructions; with ``now`` and a closed restaurant, the first thing to say."""
    categories = ", ".join(menu.categories())
    closed = closed_notice(menu, now) if now is not None else None
    opening = (
        f"First tell the customer: {closed['message']}; orders cannot be placed until it opens. " if closed else ""
    )
    return opening + (
        f"You take food orders for {menu.name} by voice. The menu has {categories}. "
        "Be brief and friendly. Use the tools for every menu question and every change to the order; "
        "never invent items or prices. Put everything the customer asks for in one add_to_order call. "
        "When a tool answers ok false, say its message (it says what to ask). "
        "To finish, call confirm_order with action review, read its total to the customer, and once they "
        "agree call confirm_order checkout with the total_cents that review gave."
    )


def session_config(settings: Settings, menu: Menu, now: int | None = None) -> dict[str, Any]:
    """The session our browser gets (``now``: a closed restaurant opens the instructions). Its tools are the
    normal (non-strict) form: a Realtime function tool has no ``strict`` field; SDKs that make schemas strict
    themselves use ``GET …/tools?strict=true``, and both forms of a call are served alike."""
    return {
        "type": "realtime",
        "model": settings.realtime_model,
        "instructions": instructions(menu, now),
        "tools": tool_specs(),
        "tool_choice": "auto",
        "audio": {"input": {"transcription": {"model": settings.transcription_model}}},
    }


async def mint_client_secret(settings: Settings, menu: Menu, now: int | None = None) -> dict[str, Any]:
    """Ask the Realtime API for a client secret; every failure is a clean 502, never the key."""
    if not settings.openai_api_key:
        raise RealtimeUnavailable("voice is not configured on this server (no OPENAI_API_KEY); use simulate")
    body = {
        "expires_after": {"anchor": "created_at", "seconds": SECRET_TTL_SECONDS},
        "session": session_config(settings, menu, now),
    }
    headers = {"Authorization": f"Bearer {settings.openai_api_key}"}
    try:
        client = httpx.AsyncClient(base_url=settings.openai_base_url, timeout=UPSTREAM_TIMEOUT_SECONDS, verify=_TLS)
        async with client:
            answer = await client.post("/v1/realtime/client_secrets", json=body, headers=headers)
    except httpx.HTTPError as exc:
        log.warning("realtime upstream unreachable: %s", type(exc).__name__)
        raise UpstreamError("the speech service could not be reached; try again or use simulate") from None
    if answer.status_code != 200:
        log.warning("realtime upstream answered %d", answer.status_code)
        raise UpstreamError("the speech service refused the session", upstream_status=answer.status_code)
    try:
        data = answer.json()
        secret = {"value": str(data["value"]), "expires_at": int(data["expires_at"])}
    except (ValueError, KeyError, TypeError):
        raise UpstreamError("the speech service sent an unexpected answer") from None
    return {
        "client_secret": secret,
        "restaurant_id": menu.restaurant_id,
        "model": settings.realtime_model,
        "calls_url": f"{settings.openai_base_url}/v1/realtime/calls",
    }
