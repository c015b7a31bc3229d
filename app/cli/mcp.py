"""``voicecart mcp --url URL --restaurant RID``: an MCP server over stdio for one conversation.

The ``mcp`` package is imported only when the command runs, so the core install never needs it.
A bad URL, an unreachable server or an unknown restaurant prints one line to stderr and exits 1;
a missing ``mcp`` package exits 2.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from app.cli.arguments import ATTEMPTS


def _mcp(args: argparse.Namespace) -> int:
    try:
        from app.agents.mcp_server import serve_stdio
    except ImportError as exc:
        print(f"voicecart mcp: needs the mcp extra (pip install 'voicecart[mcp]'): {exc}", file=sys.stderr)
        return 2
    from app.agents.errors import VoicecartError
    from app.agents.retry import RetryPolicy

    try:
        asyncio.run(serve_stdio(args.url, args.restaurant, retry=RetryPolicy(attempts=args.attempts)))
    except (VoicecartError, ValueError) as exc:
        print(f"voicecart mcp: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def register(sub: Any) -> None:
    """Add ``mcp`` to the ``voicecart`` subcommands."""
    mcp = sub.add_parser("mcp", help="serve voicecart's tools over MCP (stdio) for one conversation")
    mcp.add_argument("--url", required=True, help="voicecart's base URL, e.g. http://127.0.0.1:8000")
    mcp.add_argument("--restaurant", required=True, help="restaurant id, e.g. demo-burger")
    mcp.add_argument(
        "--attempts", type=ATTEMPTS, default=5, help="tries per tool call on 502/503/504 or a dropped connection (1–20)"
    )
    mcp.set_defaults(func=_mcp)
