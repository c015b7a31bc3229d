"""Voice agents that run on a server, talking to voicecart over HTTP only.

The cart token lives with the conversation (a :class:`~app.agents.client.CartSession`), never on a
voicecart replica. :mod:`app.agents.client` is the typed client; :mod:`app.agents.mcp_server`,
:mod:`app.agents.livekit`, :mod:`app.agents.pipecat` and :mod:`app.agents.openai_agents` turn the
server's published tool schemas into each framework's tools (each needs its optional extra).

This package imports nothing from the rest of ``app``: it is a client of the HTTP API, like the
browser's ``cart-client.js``.
"""
