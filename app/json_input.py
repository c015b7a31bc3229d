"""Untrusted JSON in: parsed once, by one set of rules, wherever it arrives.

Request bodies (:func:`app.server.http.read_json`) and the JSON *strings* the Realtime API delivers
as tool arguments (:func:`app.voice.toolkit.parse_arguments`) both come through :func:`parse_json`, so
neither path can answer a hostile document with a 500: NaN/Infinity and 1e999 are refused (they
could not be echoed back in an error), deep nesting is refused before anything walks it
recursively, and lone surrogates are refused (they cannot be encoded in a reply).

The field checks every adapter shares live here too: :func:`object_fields` (a JSON object with
known fields only), :func:`string_list` and :func:`optional_str`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
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


def object_fields(
    body: Any, allowed: Collection[str], required: Collection[str] = (), where: str | None = None
) -> dict[str, Any]:
    """``body`` as a dict holding only ``allowed`` fields and every ``required`` one, else 400.

    ``where`` names a nested object in the messages ("unknown field(s) in items: …").
    """
    if not isinstance(body, dict):
        raise InvalidRequest(f"{where or 'body'} must be a JSON object")
    place = f" in {where}" if where else ""
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise InvalidRequest(f"unknown field(s){place}: {', '.join(unknown)}", allowed=sorted(allowed))
    missing = sorted(set(required) - set(body))
    if missing:
        raise InvalidRequest(f"missing field(s){place}: {', '.join(missing)}")
    return body


def string_list(value: Any, name: str) -> tuple[str, ...]:
    """A JSON list of strings, else 400 ``"{name} must be a list of strings"``."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidRequest(f"{name} must be a list of strings")
    return tuple(value)


def optional_str(value: Any, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidRequest(f"{name} must be a string")
    return value
