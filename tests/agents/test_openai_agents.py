"""The Agents SDK tools run through the SDK's own tool invocation (``invoke_function_tool`` with a
``ToolContext``, as its runner does for a model's function call), no LLM, against a real voicecart."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from app.agents.client import CartSession, ToolEndpoint
from tests.agents import conversation
from tests.agents.conftest import restart
from tests.servers import ServerProcess

pytest.importorskip("agents", reason="the openai-agents extra is not installed")
from agents import Agent, FunctionTool
from agents.tool import invoke_function_tool
from agents.tool_context import ToolContext

from app.agents.openai_agents import function_tools
from app.agents.prompt import ORDERING_INSTRUCTIONS

pytestmark = pytest.mark.slow  # importing the SDK (and openai) takes seconds


class Caller:
    """Plays the model's side: a strict function call (every property, ``null`` when not given)."""

    def __init__(self, agent: Agent[CartSession], session: CartSession) -> None:
        self.tools = {t.name: t for t in agent.tools if isinstance(t, FunctionTool)}
        self.session = session
        self.calls = 0

    async def __call__(self, name: str, arguments: dict[str, Any]) -> str:
        self.calls += 1
        tool = self.tools[name]
        raw = json.dumps(conversation.nulls_for_missing(arguments, tool.params_json_schema))
        context = ToolContext(self.session, tool_name=name, tool_call_id=f"call_{self.calls}", tool_arguments=raw)
        return await invoke_function_tool(function_tool=tool, context=context, arguments=raw)


def test_agents_sdk_tools_keep_the_cart_in_the_run_context_across_a_restart(voicecart: ServerProcess) -> None:
    async def main() -> None:
        endpoint = ToolEndpoint(voicecart.url, "demo-burger")
        strict = await endpoint.specs(strict=True)
        agent = Agent[CartSession](
            name="drive-thru", instructions=ORDERING_INSTRUCTIONS, tools=function_tools(endpoint, strict)
        )
        tools = [t for t in agent.tools if isinstance(t, FunctionTool)]
        assert all(t.strict_json_schema for t in tools)
        assert [t.params_json_schema for t in tools] == [s.parameters for s in strict]  # already strict as published
        session = CartSession()
        await conversation.run(Caller(agent, session), lambda: restart(voicecart), "openai-agents")

        voicecart.kill()
        session.cart_token = "not-a-token"
        voicecart.start()
        refused = json.loads(await Caller(agent, session)("get_current_order", {}))
        assert refused["error"] == "voicecart_unavailable" and "token_invalid" in refused["message"]
        await endpoint.aclose()

    asyncio.run(main())


def test_the_normal_schemas_are_refused_with_a_clear_error(voicecart: ServerProcess) -> None:
    async def main() -> None:
        async with ToolEndpoint(voicecart.url, "demo-burger") as endpoint:
            with pytest.raises(ValueError, match="need the strict schemas"):
                function_tools(endpoint, await endpoint.specs())

    asyncio.run(main())
