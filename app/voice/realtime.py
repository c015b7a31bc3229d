"""``POST /v1/realtime/session``: an ephemeral Realtime client secret for the browser.

The browser must never see ``OPENAI_API_KEY``. It asks us; we ask the Realtime API
(``POST {CART_OPENAI_BASE_URL}/v1/realtime/client_secrets``) for a one-minute client secret
whose session already carries the restaurant's instructions and our tools, and hand back only
that secret. Without a key the answer is 503 ``realtime_unavailable`` and the demo page falls
back to its simulate box. The upstream base URL is configurable so tests use a local fake.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx

from app.core.menu import Menu
from app.errors import RealtimeUnavailable, UpstreamError
from app.settings import Settings
from app.voice.tools import tool_specs

log = logging.getLogger("voicecart.realtime")

UPSTREAM_TIMEOUT_SECONDS = 10.0
# Loading the CA bundle takes ~25 ms of blocking work: do it once, not inside each request on the loop.
_TLS = httpx.create_ssl_context()
SECRET_TTL_SECONDS = 600  # how long the browser may take to *start* the session with it


def instructions(menu: Menu) -> str:
    categories = ", ".join(menu.categories())
    return (
        f"You take food orders for {menu.name} by voice. The menu has {categories}. "
        "Be brief and friendly. Use the tools for every menu question and every change to the order; "
        "never invent items or prices. Put everything the customer asks for in one add_to_order call. "
        "When a tool answers ok false, say its message (it says what to ask). "
        "Read the total from the last tool output before the customer finishes."
    )


def session_config(settings: Settings, menu: Menu) -> dict[str, Any]:
    return {
        "type": "realtime",
        "model": settings.realtime_model,
        "instructions": instructions(menu),
        "tools": tool_specs(),
        "tool_choice": "auto",
        "audio": {"input": {"transcription": {"model": "gpt-4o-mini-transcribe"}}},
    }


async def mint_client_secret(settings: Settings, menu: Menu) -> dict[str, Any]:
    """Ask the Realtime API for a client secret; every failure is a clean 502, never the key."""
    if not settings.openai_api_key:
        raise RealtimeUnavailable("voice is not configured on this server (no OPENAI_API_KEY); use simulate")
    body = {
        "expires_after": {"anchor": "created_at", "seconds": SECRET_TTL_SECONDS},
        "session": session_config(settings, menu),
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
        "model": settings.realtime_model,
        "calls_url": f"{settings.openai_base_url}/v1/realtime/calls",
    }
