"""The LiveKit tools run through LiveKit's own function-call execution (``execute_function_call``,
which parses the model's JSON, binds ``raw_arguments`` and the ``RunContext``), no LLM, against a real
voicecart on loopback."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from app.agents.client import CartSession, ToolEndpoint
from tests.agents import conversation
from tests.agents.conftest import restart
from tests.servers import ServerProcess

pytest.importorskip("livekit.agents", reason="the livekit extra is not installed")
from livekit.agents import Agent, AgentSession, RunContext, llm
from livekit.agents.voice.speech_handle import SpeechHandle

from app.agents.livekit import function_tools
from app.agents.prompt import ORDERING_INSTRUCTIONS

pytestmark = pytest.mark.slow  # importing livekit.agents alone takes seconds


class Caller:
    """Plays the model's side: each call is a ``FunctionToolCall`` executed by LiveKit for ``session``."""

    def __init__(self, agent: Agent, session: AgentSession[Any]) -> None:
        self.tools = llm.ToolContext(agent.tools)
        self.session = session
        self.calls = 0

    async def __call__(self, name: str, arguments: dict[str, Any]) -> llm.FunctionCallOutput:
        self.calls += 1
        call = llm.FunctionToolCall(name=name, arguments=json.dumps(arguments), call_id=f"call_{self.calls}")
        context = RunContext(
            session=self.session,
            speech_handle=SpeechHandle.create(),
            function_call=llm.FunctionCall(call_id=call.call_id, name=name, arguments=call.arguments),
        )
        result = await llm.execute_function_call(call, self.tools, call_ctx=context)
        assert result.fnc_call_out is not None
        return result.fnc_call_out


async def agent_for(url: str) -> tuple[ToolEndpoint, Agent]:
    endpoint = ToolEndpoint(url, "demo-burger")
    return endpoint, Agent(instructions=ORDERING_INSTRUCTIONS, tools=function_tools(endpoint, await endpoint.specs()))


def test_livekit_tools_keep_one_cart_per_session_in_userdata_across_a_restart(voicecart: ServerProcess) -> None:
    async def main() -> None:
        endpoint, agent = await agent_for(voicecart.url)
        assert [t.info.name for t in agent.tools][:3] == ["find_menu_items", "get_item_details", "add_to_order"]
        drive_thru = AgentSession[CartSession](userdata=CartSession())
        other_lane = AgentSession[CartSession](userdata=CartSession())
        caller = Caller(agent, drive_thru)

        async def call(name: str, arguments: dict[str, Any]) -> str:
            out = await caller(name, arguments)
            assert not out.is_error, out.output
            return out.output

        await conversation.run(call, lambda: restart(voicecart), "livekit")
        assert drive_thru.userdata.cart_token
        assert other_lane.userdata.cart_token is None  # another session: its own cart, untouched
        other = json.loads((await Caller(agent, other_lane)("add_to_order", {"items": [{"item": "cookie"}]})).output)
        assert [line["description"] for line in other["cart"]["lines"]] == ["one Chocolate Chip Cookie"]
        await endpoint.aclose()

    asyncio.run(main())


def test_a_voicecart_failure_reaches_the_model_as_a_tool_error(voicecart: ServerProcess) -> None:
    async def main() -> None:
        endpoint, agent = await agent_for(voicecart.url)
        session = AgentSession[CartSession](userdata=CartSession(cart_token="not-a-token"))
        out = await Caller(agent, session)("get_current_order", {})
        assert out.is_error
        assert "no cart to use (token_invalid" in out.output
        assert session.userdata.cart_token is None
        await endpoint.aclose()

    asyncio.run(main())
