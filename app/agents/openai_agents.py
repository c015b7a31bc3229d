"""voicecart's tools as OpenAI Agents SDK ``FunctionTool``s in strict form (from ``?strict=true``).

The cart token lives in the run context: pass a :class:`~app.agents.client.CartSession` (or a
subclass with your own fields) as ``context=`` to every ``Runner.run`` of one conversation::

    endpoint = ToolEndpoint(url, "demo-burger")
    agent = Agent(name="drive-thru", instructions=ORDERING_INSTRUCTIONS,
                  tools=function_tools(endpoint, await endpoint.specs(strict=True)))
    session = CartSession()
    result = await Runner.run(agent, "two cheeseburgers, medium, cheddar", context=session)

Each tool answers with the tool's output string; when voicecart gives no answer it answers
``{"ok": false, "error": "voicecart_unavailable", "message": …}``. Needs the ``openai-agents`` extra.
"""

from __future__ import annotations

import json
from typing import Any

from agents import FunctionTool, RunContextWrapper

from app.agents.client import CartSession, ToolEndpoint
from app.agents.errors import VoicecartError
from app.agents.specs import ToolSpec


def _session(context: RunContextWrapper[Any]) -> CartSession:
    if not isinstance(context.context, CartSession):
        raise TypeError(f"Runner.run(context=...) must be a CartSession (or a subclass), not {context.context!r}")
    return context.context


def function_tool_for(endpoint: ToolEndpoint, spec: ToolSpec) -> FunctionTool:
    """One strict ``FunctionTool`` for ``spec`` (a ``?strict=true`` spec; ``ValueError`` for a normal one)."""
    if not spec.strict:
        raise ValueError(f"{spec.name}: the Agents SDK tools need the strict schemas (specs(strict=True))")

    async def invoke(context: RunContextWrapper[Any], arguments: str) -> str:
        session = _session(context)
        call_id = getattr(context, "tool_call_id", None)
        try:
            answer = await endpoint.call(session, spec.name, arguments or "{}", call_id)
        except VoicecartError as exc:
            return json.dumps({"ok": False, "error": "voicecart_unavailable", "message": str(exc)})
        return answer.output

    return FunctionTool(
        name=spec.name,
        description=spec.description,
        params_json_schema=spec.parameters,
        on_invoke_tool=invoke,
        strict_json_schema=True,
    )


def function_tools(endpoint: ToolEndpoint, specs: list[ToolSpec]) -> list[FunctionTool]:
    """Every published tool, for ``Agent(tools=...)``."""
    return [function_tool_for(endpoint, spec) for spec in specs]
