"""The pure cart: one turn is ``(token, operation, menu, now) → new token`` (:mod:`app.core.turn`).

Rooms, lowest first; each imports only the rooms before it (import-linter contracts in pyproject):

- :mod:`app.core.menu` — the menu: its model, file parsing, ``menu check`` rules, opening hours, money.
- :mod:`app.core.cart` — the cart a token carries, a line's choices, pricing, the cart view.
- :mod:`app.core.token` — the cart token: key ring, framing (base64url, zstd), the MAC and the codec.
- :mod:`app.core.reading` — what the customer said → cart lines: words, menu vocabulary, the reader.
- :mod:`app.core.turn` — one turn, over all of them.

Nothing here does I/O, reads a clock or keeps state between calls (see ``app/core/README.md``).
"""
