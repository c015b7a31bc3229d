"""The tokens this process minted lately, remembered with the cart each one carries.

A voice order is a run of turns, usually on the same replica: the token a turn mints is the one
the next turn brings back. :class:`RecentTokens` keeps those (keyed by the full token text), so
:meth:`app.core.token.codec.CartCodec.decode` can skip base64, the MAC, zstd and msgpack for them — the
text is byte-for-byte what this process signed, so it would verify and parse to this very cart.
What depends on the request is still checked on every hit by the codec: the restaurant in the URL
(its binding), the expiry against ``now``, and that the signing key is still in the ring. A
miss (another replica's token, an evicted one, anything altered) takes the full path.

Memory is capped by the entry count: at most ``max_entries`` tokens of at most
:data:`app.core.token.codec.MAX_TOKEN_CHARS` characters each, with their carts (50 lines at most); the
oldest go first (a token is typically used once, by the very next turn). Safe across threads:
reads are single dict lookups, inserts and evictions take a lock.
"""

from __future__ import annotations

import contextlib
import threading

from app.core.token.codec import Minted

DEFAULT_MAX_ENTRIES = 1024  # ~1 MB for typical 150-character, 5-line carts; ~15 MB if every one were 4 KB


class RecentTokens:
    """A bounded, insertion-ordered map ``token text → Minted``."""

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        if max_entries < 1:
            raise ValueError("a token cache needs room for at least one token")
        self.max_entries = max_entries
        self._entries: dict[str, Minted] = {}
        self._lock = threading.Lock()
        self.get = self._entries.get  # the hit path: one C call

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, token: str, minted: Minted) -> None:
        """Remember ``token``; the oldest entries make room when the cache is full."""
        entries = self._entries
        if len(entries) >= self.max_entries:
            with self._lock:  # one evicter at a time; an insert racing it may overshoot by one, briefly
                while len(entries) >= self.max_entries:
                    with contextlib.suppress(KeyError, RuntimeError, StopIteration):
                        del entries[next(iter(entries))]
        entries[token] = minted

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
