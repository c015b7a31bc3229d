"""``voicecart mcp`` spawned by the MCP SDK's own stdio client, against a real voicecart on loopback."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from typing import Any

import httpx
import pytest

from tests.agents import conversation
from tests.agents.conftest import restart
from tests.servers import ServerProcess, free_port

mcp = pytest.importorskip("mcp", reason="the mcp extra is not installed")
from mcp import Client  # noqa: E402
from mcp.client.stdio import StdioServerParameters  # noqa: E402

pytestmark = pytest.mark.slow  # a subprocess with the MCP SDK imported: a few seconds per test


def mcp_command(url: str, restaurant: str) -> list[str]:
    return [sys.executable, "-m", "app", "mcp", "--url", url, "--restaurant", restaurant]


def params(url: str, restaurant: str = "demo-burger") -> StdioServerParameters:
    command = mcp_command(url, restaurant)
    return StdioServerParameters(command=command[0], args=command[1:])


def voicecart_tools(url: str) -> list[dict[str, Any]]:
    return httpx.get(f"{url}/v1/restaurants/demo-burger/tools").json()["tools"]


def text(result: Any) -> str:
    (content,) = result.content
    return content.text


def test_the_mcp_server_lists_the_published_tools_and_keeps_the_cart_across_a_restart(
    voicecart: ServerProcess,
) -> None:
    async def main() -> None:
        published = voicecart_tools(voicecart.url)
        async with Client(params(voicecart.url)) as client:
            listed = (await client.list_tools()).tools
            assert [(t.name, t.description, t.input_schema) for t in listed] == [
                (t["name"], t["description"], t["parameters"]) for t in published
            ]
            assert "confirm_order" in (client.instructions or "")

            async def call(name: str, arguments: dict[str, Any]) -> str:
                result = await client.call_tool(name, arguments)
                assert not result.is_error, text(result)
                return text(result)

            await conversation.run(call, lambda: restart(voicecart), "mcp")

            voicecart.kill()  # voicecart gone for good: the model is told so, in one sentence
            result = await client.call_tool("get_current_order", {})
            assert result.is_error
            assert text(result).startswith(f"cannot reach voicecart at {voicecart.url} after 5 attempt(s)")

    asyncio.run(main())


def test_an_unknown_restaurant_is_one_line_and_exit_1(voicecart: ServerProcess) -> None:
    run = subprocess.run(mcp_command(voicecart.url, "nowhere"), capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert run.stderr == f"voicecart mcp: voicecart at {voicecart.url} has no restaurant 'nowhere'\n"
    assert run.stdout == ""


def test_an_unreachable_url_is_one_line_and_exit_1() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    run = subprocess.run([*mcp_command(url, "demo-burger"), "--attempts", "2"], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.startswith(f"voicecart mcp: cannot reach voicecart at {url} after 2 attempt(s): ConnectError")
    assert run.stderr.count("\n") == 1
