"""voicecart's tools as an MCP server over stdio (the official ``mcp`` SDK): ``voicecart mcp``.

One process per conversation: it holds that conversation's cart token in memory, so a voicecart
replica that restarts or is replaced between calls loses nothing. The tools listed are the
server's published ones, names, descriptions and input schemas as they are; a call answers with
the tool's output string (``ok: false`` answers included: the model reads what to ask). Only when
voicecart gives no answer is the result ``is_error`` with a one-sentence reason.

Needs the ``mcp`` extra (``pip install 'voicecart[mcp]'``).
"""

from __future__ import annotations

from typing import Any

import mcp_types as types
from mcp.server import Server
from mcp.server.stdio import stdio_server

from app.agents.client import CartSession, ToolEndpoint
from app.agents.errors import VoicecartError
from app.agents.prompt import ORDERING_INSTRUCTIONS
from app.agents.retry import RetryPolicy
from app.agents.specs import ToolSpec


def build_server(endpoint: ToolEndpoint, specs: list[ToolSpec], session: CartSession) -> Server:
    """An MCP ``Server`` listing ``specs`` and running each call on ``session``'s cart through ``endpoint``."""
    tools = [types.Tool(name=s.name, description=s.description, input_schema=s.parameters) for s in specs]

    async def list_tools(ctx: Any, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return types.ListToolsResult(tools=tools)

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        try:
            answer = await endpoint.call(session, params.name, params.arguments or {})
        except VoicecartError as exc:
            return types.CallToolResult(content=[types.TextContent(text=str(exc))], is_error=True)
        return types.CallToolResult(content=[types.TextContent(text=answer.output)])

    return Server(
        "voicecart",
        instructions=ORDERING_INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )


async def serve_stdio(url: str, restaurant_id: str, retry: RetryPolicy | None = None) -> None:
    """Check the server and restaurant, then serve MCP on stdin/stdout until the client closes it.

    Raises ``ValueError`` (bad URL), :class:`~app.agents.errors.VoicecartUnreachable` or
    :class:`~app.agents.errors.RestaurantNotFound` before anything is read from stdin.
    """
    async with ToolEndpoint(url, restaurant_id, retry=retry) as endpoint:
        specs = await endpoint.specs()
        server = build_server(endpoint, specs, CartSession())
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())
