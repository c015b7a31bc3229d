"""The tokens this process minted lately, remembered with the cart each one carries.

A voice order is a run of turns, usually on the same replica: the token a turn mints is the one
the next turn brings back. :class:`RecentTokens` keeps those (keyed by the full token text), so
:meth:`app.core.codec.CartCodec.decode` can skip base64, the MAC, zstd and msgpack for them — the
text is byte-for-byte what this process signed, so it would verify and parse to this very cart.
What depends on the request is still checked on every hit by the codec: the restaurant in the URL
(its binding), the expiry against ``now``, and that the signing key is still in the ring. A
miss (another replica's token, an evicted one, anything altered) takes the full path.

Bounded twice: at most ``max_entries`` carts and ``max_chars`` characters of token text; the
oldest go first (a token is typically used once, by the very next turn). Safe across threads:
reads are single dict lookups, inserts and evictions take a lock.
"""

from __future__ import annotations

import threading
from typing import NamedTuple

from app.core.cart import CartState

DEFAULT_MAX_ENTRIES = 2048
DEFAULT_MAX_CHARS = 1 << 20  # ~1 MB of token text (plus the carts: a few hundred bytes per line)


class Minted(NamedTuple):
    """A minted token's cart as decoding the token would give it, and what the hit path checks."""

    state: CartState  # updated_at = issued_at, created_at as the token's header rounds it
    kid_tag: bytes  # the key that signed it
    issued_at: int
    created_at: int


class RecentTokens:
    """A bounded, insertion-ordered map ``token text → Minted``."""

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        if max_entries < 1 or max_chars < 1:
            raise ValueError("a token cache needs room for at least one token")
        self.max_entries = max_entries
        self.max_chars = max_chars
        self._entries: dict[str, Minted] = {}
        self._chars = 0
        self._lock = threading.Lock()
        self.get = self._entries.get  # the hit path: one C call

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def chars(self) -> int:
        """Characters of token text held now (never above ``max_chars``)."""
        return self._chars

    def add(self, token: str, minted: Minted) -> None:
        """Remember ``token``; the oldest entries make room. A token longer than the whole budget is not kept."""
        size = len(token)
        if size > self.max_chars:
            return
        entries = self._entries
        with self._lock:
            if token in entries:
                return  # the same cart minted again in the same second: the same text, already here
            while entries and (len(entries) >= self.max_entries or self._chars + size > self.max_chars):
                oldest = next(iter(entries))
                del entries[oldest]
                self._chars -= len(oldest)
            entries[token] = minted
            self._chars += size

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._chars = 0
