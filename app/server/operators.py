"""Who is an operator: a client address in ``CART_OPERATOR_NETWORKS`` (default: loopback only).

Operators get what the public edge must not show: ``/readyz`` in full (key ids, key fingerprints,
menu digests, the clock) and the ``Voicecart-Instance: host:pid`` header on every answer. Everyone
else gets ``/readyz`` as ``{"status"}`` with the same status code (enough for a load balancer or a
kubelet probe) and no instance header. The address is the one uvicorn reports: the peer, or the
``X-Forwarded-For`` client when the peer is a trusted proxy (``FORWARDED_ALLOW_IPS``).
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable, Iterable

from starlette.types import Scope


def operator_check(networks: Iterable[str]) -> Callable[[Scope], bool]:
    """``check(scope)``: is the request's client address in one of ``networks``?"""
    parsed = tuple(ipaddress.ip_network(n, strict=False) for n in networks)

    @functools.lru_cache(maxsize=4096)  # a handful of addresses make most requests
    def known(host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False  # a unix socket peer, a test client's name: not an address we can allow
        return any(address in network for network in parsed)

    def check(scope: Scope) -> bool:
        client = scope.get("client")
        return client is not None and known(str(client[0]))

    return check
