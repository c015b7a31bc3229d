"""Numeric command-line values, checked by argparse before anything runs.

An out-of-range value is refused with the usage line and exit 2 (argparse's own way), never passed
on: ``serve --port 99999`` must not announce 99999 and then listen somewhere else.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.settings import setting_bounds


def bounded_int(low: int, high: int | None = None, what: str = "a whole number") -> Callable[[str], int]:
    """An argparse ``type``: a decimal integer from ``low`` to ``high`` (no upper bound: None)."""

    def parse(text: str) -> int:
        try:
            value = int(text, 10)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
        if value < low or (high is not None and value > high):
            span = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise argparse.ArgumentTypeError(f"{value} is out of range: {what} {span}")
        return value

    parse.__name__ = what  # argparse names the type in some messages
    return parse


PORT = bounded_int(1, 65535, "a TCP port")
WORKERS = bounded_int(1, 512, "a number of worker processes")
CONCURRENCY = bounded_int(*setting_bounds("max_concurrency"), "a request limit (0: none)")  # CART_MAX_CONCURRENCY's
COUNT = bounded_int(1, 10_000, "a count")
ATTEMPTS = bounded_int(1, 20, "a number of attempts")
