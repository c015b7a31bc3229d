"""Untrusted JSON in: parsed once, by one set of rules, wherever it arrives.

Request bodies (:func:`app.http_api.read_json`) and the JSON *strings* the Realtime API delivers
as tool arguments (:func:`app.tools.parse_arguments`) both come through :func:`parse_json`, so
neither path can answer a hostile document with a 500: NaN/Infinity and 1e999 are refused (they
could not be echoed back in an error), deep nesting is refused before anything walks it
recursively, and lone surrogates are refused (they cannot be encoded in a reply).
"""

from __future__ import annotations

import json
import re
from typing import Any

from app.errors import InvalidRequest

MAX_JSON_DEPTH = 8
_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError("number is out of range")
    return value


def _check_tree(value: Any, level: int = 1) -> None:
    """One walk: nesting depth and lone surrogates (in keys too)."""
    if level > MAX_JSON_DEPTH:
        raise InvalidRequest(f"JSON is nested deeper than {MAX_JSON_DEPTH} levels")
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise InvalidRequest("JSON strings must be valid Unicode (no lone surrogates)")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_tree(key, level)
            _check_tree(item, level + 1)
    elif isinstance(value, list):
        for item in value:
            _check_tree(item, level + 1)


# built once: json.loads with hooks would build a new decoder on every call
_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite_float)


def parse_json(text: bytes | str, what: str = "body") -> Any:
    """Decode ``text`` or raise :class:`~app.errors.InvalidRequest` (400), never anything else."""
    try:
        if isinstance(text, bytes):  # as json.loads does: UTF-8, -16 or -32, told apart by the first bytes
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        value = _DECODER.decode(text)
    except (ValueError, RecursionError) as exc:  # also NaN/Infinity, 1e999 and ints over 4300 digits
        raise InvalidRequest(f"{what}: not valid JSON: {exc}") from None
    _check_tree(value)
    return value
