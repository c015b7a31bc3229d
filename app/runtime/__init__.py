"""Per-process state and wiring: not pure, so not in :mod:`app.core`.

Owns the application context built from settings (:mod:`.context`: keys, codec, catalog, order
sink, tools, clock), menu hot reload (:mod:`.menu_reload`), the clock watch
(:mod:`.clock_watch`) and the cache of tokens this process minted (:mod:`.token_cache`).
Imports core, orders and voice; imported by the server and the CLI.
"""
