"""voicecart's tools as LiveKit Agents function tools, the cart token in the session's ``userdata``.

Each tool is a raw-schema ``function_tool`` built from the server's published schema (name,
description, parameters untouched). The session's ``userdata`` must be a
:class:`~app.agents.client.CartSession` (or a subclass carrying your own fields): one cart per
``AgentSession``, and the tools themselves hold no state, so one list serves every session of a
worker::

    endpoint = ToolEndpoint(url, "demo-burger")
    tools = function_tools(endpoint, await endpoint.specs())
    session = AgentSession[CartSession](userdata=CartSession(), llm=..., stt=..., tts=...)
    await session.start(Agent(instructions=ORDERING_INSTRUCTIONS, tools=tools), room=ctx.room)

A call voicecart could not answer raises LiveKit's ``ToolError`` with one sentence, which LiveKit
hands the model as the tool's error output. Needs the ``livekit`` extra.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from livekit.agents import RunContext, ToolError, function_tool
from livekit.agents.llm import RawFunctionTool

from app.agents.client import CartSession, ToolEndpoint
from app.agents.errors import VoicecartError
from app.agents.specs import ToolSpec

LiveKitTool = RawFunctionTool[..., Coroutine[Any, Any, str]]  # what function_tool makes of an async function


def _session(context: RunContext[Any]) -> CartSession:
    userdata = context.userdata  # LiveKit raises ValueError when the session was given none
    if not isinstance(userdata, CartSession):
        raise TypeError(f"AgentSession userdata must be a CartSession (or a subclass), not {type(userdata).__name__}")
    return userdata


def function_tool_for(endpoint: ToolEndpoint, spec: ToolSpec) -> LiveKitTool:
    """One LiveKit tool for ``spec``: calls voicecart on the session's cart, returns the output string."""

    async def call(raw_arguments: dict[str, object], context: RunContext[Any]) -> str:
        session = _session(context)
        try:
            answer = await endpoint.call(session, spec.name, raw_arguments, call_id=context.function_call.call_id)
        except VoicecartError as exc:
            raise ToolError(str(exc)) from exc
        return answer.output

    schema = {"name": spec.name, "description": spec.description, "parameters": spec.parameters}
    return function_tool(call, raw_schema=schema)


def function_tools(endpoint: ToolEndpoint, specs: list[ToolSpec]) -> list[LiveKitTool]:
    """Every published tool, for ``Agent(tools=...)``."""
    return [function_tool_for(endpoint, spec) for spec in specs]
