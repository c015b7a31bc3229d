"""The webhook order sink: each order by a signed, idempotent POST to the kitchen's receiver.

POSTs the order JSON to ``CART_ORDER_WEBHOOK_URL`` with ``Idempotency-Key: <order id>`` and
``Voicecart-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with
CART_ORDER_WEBHOOK_SECRET>``. Retries 5xx, 408, 425, 429, timeouts and connection errors with
exponential backoff and jitter, all within a deadline; any other 4xx is final. The receiver's
contract: keep the first order per Idempotency-Key; answer a repeat with 2xx,
``Idempotent-Replayed: true`` and the order it kept as the body (``{"order": …}`` or the order
itself), and 409 (with the kept order too) if the key is known with another ``cart_revision``.
voicecart then answers with the kept order (a retry's other details are named in a warning); a
receiver that sends no order back, or not whole in the shape it was sent, gets
``checkout_details_unconfirmed`` in the warnings.
Several replicas can share one receiver.

When the retries run out, the answer depends on whether the kitchen may have the order: if no
attempt got past connecting, ``order_delivery_failed`` (nothing was ordered); if any attempt was
sent and then timed out or lost its connection before an answer, ``order_outcome_unknown`` — even
when a later attempt was refused with a 4xx — the receiver may have stored it, and the same checkout
retried tells (its Idempotency-Key is the same).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import tenacity

from app.errors import OrderDeliveryFailed, OrderOutcomeUnknown
from app.orders.order import Order, is_order_shaped, other_content
from app.orders.port import CommitGate, Placement, already_ordered, order_json

log = logging.getLogger("voicecart.orders")

SIGNATURE_HEADER = "Voicecart-Signature"
REPLAYED_HEADER = "Idempotent-Replayed"
MIN_ATTEMPT_SECONDS = 0.5  # no retry starts with less time than this left before the deadline
RETRY_STATUSES = frozenset({408, 425, 429})


def kept_order(response: httpx.Response, order_id: str) -> dict[str, Any] | None:
    """The order the receiver kept, when its answer to a repeat carries it (``{"order": {...}}`` or the
    order itself) whole, in voicecart's own shape (:func:`~app.orders.order.is_order_shaped`), else None:
    the kitchen's own form of it (no totals, other fields) is no order of record to answer with."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    if isinstance(body, dict) and isinstance(body.get("order"), dict):
        body = body["order"]
    if is_order_shaped(body) and body["order_id"] == order_id:
        return dict(body)
    return None


class _Failed(Exception):
    """An attempt that delivered nothing: ``last`` says how; ``sent``: the request may have reached the
    receiver (no answer came); ``final``: the receiver refused it (a 4xx), so no retry."""

    def __init__(self, last: str, *, sent: bool = False, final: bool = False) -> None:
        super().__init__(last)
        self.last, self.sent, self.final = last, sent, final


def sign(secret: str, body: bytes) -> str:
    """The ``Voicecart-Signature`` value a receiver recomputes to verify a delivery."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class WebhookSink:
    """Deliver each order by a signed, idempotent POST, retrying within ``deadline_seconds``."""

    keeps_orders = False  # the receiver keeps them: lookup cannot tell an order from none
    quick_lookup = True  # it answers None without a request

    def __init__(
        self,
        url: str,
        secret: str,
        deadline_seconds: float = 10.0,
        *,
        attempt_timeout_seconds: float = 3.0,
        base_delay_seconds: float = 0.2,
        max_delay_seconds: float = 2.0,
        max_attempts: int = 8,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.url = url
        self._secret = secret
        self.deadline_seconds = deadline_seconds
        self.attempt_timeout = attempt_timeout_seconds
        self.base_delay = base_delay_seconds
        self.max_delay = max_delay_seconds
        self.max_attempts = max_attempts
        self._sleep: Callable[[float], None] = sleep
        self._monotonic: Callable[[], float] = monotonic
        self._rand: Callable[[], float] = rand
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()

    def client(self) -> httpx.Client:
        """One pooled client per sink (keep-alive; it can be shared between threads), made on first use."""
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(follow_redirects=False)
            return self._client

    def start(self) -> None:
        """Nothing to do: the client is made on first use."""

    def close(self) -> None:
        """Close the pooled client, if one was made."""
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def lookup(self, cart_id: str, revision: int) -> dict[str, Any] | None:
        return None  # the receiver keeps the orders; a repeat is recognised there (Idempotency-Key)

    def cancel(self, cart_id: str, revision: int, now: int) -> bool:
        return False  # nothing to record it in: an earlier checkout may have reached the kitchen (the caller says so)

    def backoff(self, attempt: int) -> float:
        """Exponential with "equal jitter": half the step fixed, half random (no thundering herd)."""
        step = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return step / 2 + self._rand() * step / 2

    def place(self, order: Order, gate: CommitGate | None = None) -> Placement:
        body = order_json(order)
        gate = gate or CommitGate()
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": order.order_id,
            SIGNATURE_HEADER: sign(self._secret, body),
            "User-Agent": "voicecart",
        }
        client = self.client()  # before the clock starts: the first one loads the TLS trust store
        deadline = self._monotonic() + self.deadline_seconds
        failures: list[_Failed] = []

        def attempt() -> Placement:
            gate.enter()  # each attempt may reach the kitchen: none starts once the checkout was answered
            try:
                remaining = deadline - self._monotonic()
                return self._attempt(client, order, body, headers, remaining, len(failures) + 1)
            except _Failed as failure:
                failures.append(failure)
                raise

        def give_up(state: tenacity.RetryCallState) -> bool:
            # a retry left with less than MIN_ATTEMPT_SECONDS would only time out, making a known failure unknown
            after_sleep = self._monotonic() + state.upcoming_sleep
            too_late = after_sleep + min(self.attempt_timeout, MIN_ATTEMPT_SECONDS) > deadline
            return state.attempt_number >= self.max_attempts or too_late

        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception(lambda exc: isinstance(exc, _Failed) and not exc.final),
            stop=give_up,
            wait=lambda state: self.backoff(state.attempt_number),
            sleep=self._sleep,
            after=lambda state: log.warning(
                "order %s: delivery attempt %d failed: %s", order.order_id, state.attempt_number, failures[-1].last
            ),
            reraise=True,
        )
        try:
            return retrying(attempt)
        except _Failed:
            pass
        attempts, last = len(failures), failures[-1].last
        # an attempt was sent and never answered: the kitchen may hold the order, whatever a later attempt was
        # answered (a 4xx refusing the retry says nothing of the copy the first one may have left there)
        if any(f.sent for f in failures):
            log.error("order %s: outcome unknown after %d attempt(s): %s", order.order_id, attempts, last)
            raise OrderOutcomeUnknown(
                "the kitchen did not confirm the order in time, so it may or may not have been placed; retry the "
                "same checkout with the same cart token: it places the order at most once",
                attempts=attempts,
                last_error=last,
            )
        log.error("order %s: delivery failed after %d attempt(s): %s", order.order_id, attempts, last)
        raise OrderDeliveryFailed(
            "the order could not be delivered to the kitchen; your cart is unchanged, please try again",
            attempts=attempts,
            last_error=last,
        )

    def _attempt(
        self, client: httpx.Client, order: Order, body: bytes, headers: dict[str, str], remaining: float, number: int
    ) -> Placement:
        """Attempt ``number``, one POST: the placement, 409's ``cart_already_ordered``, or :class:`_Failed`
        saying how it failed."""
        timeout = min(self.attempt_timeout, remaining)
        try:
            response = client.post(self.url, content=body, headers=headers, timeout=timeout)
        except (httpx.ConnectTimeout, httpx.PoolTimeout):
            raise _Failed("timeout connecting") from None
        except httpx.TimeoutException:
            raise _Failed("timeout", sent=True) from None
        except httpx.ConnectError as exc:
            raise _Failed(f"connection error ({type(exc).__name__})") from None
        except httpx.TransportError as exc:  # the request may have been sent (read/write/protocol)
            raise _Failed(f"connection error ({type(exc).__name__})", sent=True) from None
        status = response.status_code
        if 200 <= status < 300:
            replayed = response.headers.get(REPLAYED_HEADER, "").lower() == "true"
            log.info("order %s delivered (attempt %d, replayed=%s)", order.order_id, number, replayed)
            if not replayed:
                return Placement(order.to_dict(), True)
            kept = kept_order(response, order.order_id)  # what the kitchen has, not this attempt
            return Placement(kept or order.to_dict(), False, stored_copy=kept is not None)
        if status == 409:
            kept = kept_order(response, order.order_id)
            if kept is not None:
                raise other_content(kept, "this cart was already ordered before these changes")
            raise already_ordered(order.order_id)
        # any other 4xx: the receiver refuses this order; repeating it will not help
        raise _Failed(f"HTTP {status}", final=status < 500 and status not in RETRY_STATUSES)
