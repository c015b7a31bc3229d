"""voicecart's tools for a Pipecat pipeline: function schemas plus handlers registered on its LLM service.

One pipeline is one conversation: :func:`register` binds every handler to one
:class:`~app.agents.client.CartSession`, which holds the cart token for the pipeline's life::

    endpoint = ToolEndpoint(url, "demo-burger")
    tools = register(llm, endpoint, await endpoint.specs(), CartSession())
    context = LLMContext([{"role": "system", "content": ORDERING_INSTRUCTIONS}], tools=tools)

Each handler answers with the tool's output string; when voicecart gives no answer it answers
``{"ok": false, "error": "voicecart_unavailable", "message": …}`` so the model can say so. The
schemas keep the server's ``properties`` and ``required`` as published (Pipecat's
``FunctionSchema`` has no place for the top-level ``additionalProperties``). Needs the ``pipecat`` extra.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from pipecat.adapters.llm.schemas.function_schema import FunctionSchema
from pipecat.adapters.llm.schemas.tools_schema import ToolsSchema
from pipecat.services.llm_service import FunctionCallParams, LLMService

from app.agents.client import CartSession, ToolEndpoint
from app.agents.errors import VoicecartError
from app.agents.specs import ToolSpec

Handler = Callable[[FunctionCallParams], Awaitable[None]]


def function_schema(spec: ToolSpec) -> FunctionSchema:
    """Pipecat's provider-neutral schema for one published tool."""
    parameters = spec.parameters
    return FunctionSchema(spec.name, spec.description, parameters["properties"], list(parameters.get("required", [])))


def handler_for(endpoint: ToolEndpoint, session: CartSession) -> Handler:
    """A ``register_function`` handler that runs the called tool on ``session``'s cart."""

    async def handle(params: FunctionCallParams) -> None:
        try:
            answer = await endpoint.call(session, params.function_name, params.arguments, params.tool_call_id)
        except VoicecartError as exc:
            unavailable = {"ok": False, "error": "voicecart_unavailable", "message": str(exc)}
            await params.result_callback(json.dumps(unavailable))
            return
        await params.result_callback(answer.output)

    return handle


def register(llm: LLMService, endpoint: ToolEndpoint, specs: list[ToolSpec], session: CartSession) -> ToolsSchema:
    """Register a handler for every tool on ``llm``; returns the ``ToolsSchema`` for the ``LLMContext``."""
    handle = handler_for(endpoint, session)
    for spec in specs:
        llm.register_function(spec.name, handle)
    return ToolsSchema(standard_tools=[function_schema(spec) for spec in specs])
