"""Does this replica's clock agree with its peers'? Measured from the tokens they mint.

Every authentic token carries the time its minting replica stamped on it (``issued_at``). A token
minted by a *peer* and sent back by the client a little later gives one sample

    offset = issued_at − now        (seconds; ≤ the true clock difference, less the client's pause)

Tokens this process minted itself say nothing about its clock and are left out (it remembers the
``(cart_id, issued_at)`` it stamped last). Over the last ``window`` peer samples:

* **behind**: at least ``min_samples`` samples, and most of them, lie more than half the allowed
  skew in this replica's future → its clock is behind its peers by about their median;
* **ahead**: at least ``min_samples`` samples, and most of them, lie more than ``past_seconds`` in
  its past (longer than a customer's pause between turns) → its clock runs ahead of its peers.

Either way the replica reports itself (``/readyz`` 503 with the offset, one loud log line on the
change, the ``voicecart_clock_offset_seconds`` gauge) while it still serves. Separately, once
``min_samples`` authentic tokens came from the future, it **accepts** tokens that far in its future
(:meth:`ClockWatch.observe` returns the extra allowance): it does not refuse a peer's cart for a
skew it has measured on itself. Until then a token from beyond the allowed skew is answered with a
retryable ``503 clock_skew`` (nginx replays the turn on another replica; the token stays valid),
never with a refusal that costs the customer the cart.

No clock is read here: ``now`` comes from the caller (the functional core's rule).
"""

from __future__ import annotations

import statistics
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from app.core.cart import CartState
from app.core.token.codec import CartCodec, TokenHeader, TokenPolicy
from app.core.token.keys import KeyRing
from app.errors import ClockSkew

OK, BEHIND, AHEAD = "ok", "behind", "ahead"
MAX_REMEMBERED_MINTS = 8192  # forgetting only lets an own token count as a (harmless, near-zero) sample


@dataclass(frozen=True)
class ClockReport:
    """``offset_seconds``: peers' clocks minus this one (positive: this replica is behind)."""

    status: str  # ok | behind | ahead
    offset_seconds: int
    samples: int  # peer samples in the window

    @property
    def ok(self) -> bool:
        return self.status == OK

    def to_dict(self) -> dict[str, object]:
        return {"status": self.status, "offset_seconds": self.offset_seconds, "peer_samples": self.samples}

    def describe(self) -> str:
        if self.status == BEHIND:
            return f"this replica's clock is about {self.offset_seconds} s behind the replicas minting its tokens"
        if self.status == AHEAD:
            return f"this replica's clock is at least {-self.offset_seconds} s ahead of the replicas minting its tokens"
        return "this replica's clock agrees with its peers'"


class ClockWatch:
    """Samples of peer tokens' stamps against ``now``; thread-safe (turns run on the loop and in tool threads)."""

    def __init__(
        self,
        allowed_skew_seconds: int,
        *,
        window: int = 32,
        min_samples: int = 3,
        past_seconds: int | None = None,
        on_change: Callable[[ClockReport], None] | None = None,
    ) -> None:
        self.future_mark = max(1, allowed_skew_seconds // 2)
        self.past_mark = past_seconds if past_seconds is not None else max(240, 4 * allowed_skew_seconds)
        self.min_samples = min_samples
        self.on_change = on_change
        self._samples: deque[int] = deque(maxlen=window)
        self._minted: dict[bytes, int] = {}
        self._lock = threading.Lock()
        self._report = ClockReport(OK, 0, 0)
        self._allowance = 0

    @property
    def report(self) -> ClockReport:
        """The estimate over the current window (for ``/readyz`` and the gauge)."""
        with self._lock:
            return self._estimate()[0]

    def minted(self, cart_id: bytes, issued_at: int) -> None:
        """This process stamped ``issued_at`` on cart ``cart_id`` (called by the codec on every encode)."""
        if len(self._minted) >= MAX_REMEMBERED_MINTS:
            self._minted.clear()
        self._minted[cart_id] = issued_at

    def observe(self, cart_id: bytes, issued_at: int, now: int) -> int:
        """An authentic token was presented at ``now``: sample it (unless minted here) and return the
        extra seconds of future skew to accept on top of the allowed skew (0 unless measured)."""
        if self._minted.get(cart_id) == issued_at:
            return self._allowance
        sample = issued_at - now
        self._samples.append(sample)  # atomic: the common case takes no lock
        if self._report.ok and -self.past_mark <= sample <= self.future_mark and not self._allowance:
            return 0  # nothing new to estimate
        with self._lock:
            report, self._allowance = self._estimate()
            changed, self._report = report.status != self._report.status, report
        if changed and self.on_change is not None:
            self.on_change(report)
        return self._allowance

    def _estimate(self) -> tuple[ClockReport, int]:
        samples = list(self._samples)
        future = sorted((s for s in samples if s > self.future_mark), reverse=True)
        past = [s for s in samples if s < -self.past_mark]
        allowance = future[self.min_samples - 1] if len(future) >= self.min_samples else 0
        if len(future) >= self.min_samples and 2 * len(future) > len(samples):
            return ClockReport(BEHIND, round(statistics.median(future)), len(samples)), allowance
        if len(past) >= self.min_samples and 2 * len(past) > len(samples):
            return ClockReport(AHEAD, round(statistics.median(past)), len(samples)), allowance
        return ClockReport(OK, 0, len(samples)), allowance


class WatchedCodec(CartCodec):
    """The cart codec of a replica that watches its clock: every token it mints is remembered, every
    authentic token it reads is a sample, and a token from its future is judged by what it measured."""

    def __init__(self, keys: KeyRing, policy: TokenPolicy, clock_watch: ClockWatch) -> None:
        super().__init__(keys, policy)
        self.clock_watch = clock_watch

    def encode(self, state: CartState, now: int) -> str:
        token = super().encode(state, now)
        self.clock_watch.minted(state.cart_id, now)
        return token

    def _check_time(self, header: TokenHeader, now: int, expired: bool = False) -> None:
        """Called once the MAC verified. A token from further ahead than the allowed skew plus the
        offset measured on this replica is ``clock_skew`` (503, retryable); within it, it is read as of
        its own stamp (it cannot have expired)."""
        allowed = self.policy.future_skew_seconds
        measured = self.clock_watch.observe(header.cart_id, header.issued_at, now)
        if header.issued_at > now + allowed + measured:
            raise ClockSkew(
                "this server's clock disagrees with the server that issued your cart; your cart token is still "
                "valid, retry (another server will take it)",
                ahead_seconds=header.issued_at - now,
            )
        super()._check_time(header, max(now, header.issued_at - allowed), expired)
