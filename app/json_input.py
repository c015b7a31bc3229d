"""Untrusted JSON in: parsed once, by one set of rules, wherever it arrives.

Request bodies (:func:`app.server.http.read_json`) and the JSON *strings* the Realtime API delivers
as tool arguments (:func:`app.voice.toolkit.parse_arguments`) both come through :func:`parse_json`, so
neither path can answer a hostile document with a 500: NaN/Infinity and 1e999 are refused (they
could not be echoed back in an error), deep nesting is refused before anything walks it
recursively, lone surrogates are refused (they cannot be encoded in a reply), and so is a key sent twice
in one object (which of the two counts depends on the parser).

The field checks every door shares (HTTP bodies, voice tool arguments, checkout requests) live
here too: :func:`object_fields` (a JSON object with known fields only), :func:`string_list`,
:func:`optional_str`, :func:`as_integer` (JSON Schema's ``integer``: ``2`` and ``2.0``, never
``2.5``, ``true`` or ``"2"``), :func:`visible_text` (free text a person typed or said: real writing
in, invisible characters out) and :func:`conform` (a value against a published tool schema).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from typing import Any

from app.errors import FieldInvalid, InvalidRequest

MAX_JSON_DEPTH = 8
_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError("number is out of range")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are all different. A key sent twice is refused: Python keeps the last one,
    other parsers on the way (a proxy, a validator) the first, so either reading could be wrong."""
    value = dict(pairs)
    if len(value) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = next(key for i, key in enumerate(keys) if key in keys[:i])
        raise ValueError(f"key {twice[:40]!r} sent twice in one object")
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
_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite_float, object_pairs_hook=_unique_keys)


def parse_json(text: bytes | str, what: str = "body") -> Any:
    """Decode ``text`` or raise :class:`~app.errors.InvalidRequest` (400), never anything else."""
    try:
        if isinstance(text, bytes):  # as json.loads does: UTF-8, -16 or -32, told apart by the first bytes
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        value = _DECODER.decode(text)
    except (ValueError, RecursionError) as exc:  # also NaN/Infinity, 1e999, ints over 4300 digits, a key twice
        raise InvalidRequest(f"{what}: not valid JSON: {exc}") from None
    _check_tree(value)
    return value


# --- fields --------------------------------------------------------------------------------------------


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


def as_integer(value: Any) -> int | None:
    """``value`` as an int if JSON Schema calls it an ``integer`` (``2``, ``2.0``, ``-0.0``), else None.

    Booleans (``true`` is an int in Python, not in JSON), strings and fractions (``2.5``) are not.
    The one integer rule for every field of every door: tool arguments, HTTP quantities, totals.
    """
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    return None


# Zero-width (non-)joiners are part of real writing: Persian "بی‌پیاز" (U+200C between letters), emoji
# sequences like 👩🏽‍💻 (U+200D after a skin tone, before a symbol). Anywhere else they hide text.
_JOINERS = frozenset("\u200c\u200d")
_JOINABLE = ("L", "M", "N", "So", "Sk")  # letters, marks (incl. U+FE0F), digits, emoji and their modifiers
# Cc controls (incl. tab, newline), Cf format (bidi overrides, U+200B, U+2060, BOM, tag characters),
# Cs/Co surrogates and private use, Zl/Zp line and paragraph separators. Cn (unassigned) stays allowed:
# it is where emoji newer than this Python's Unicode tables live.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def _joins(text: str, i: int) -> bool:
    return (
        0 < i < len(text) - 1
        and unicodedata.category(text[i - 1]).startswith(_JOINABLE)
        and unicodedata.category(text[i + 1]).startswith(_JOINABLE)
    )


def invisible_character(text: str) -> str | None:
    """The first character of ``text`` that would hide or disguise text, or None when it has none."""
    for i, ch in enumerate(text):
        if unicodedata.category(ch) in _INVISIBLE and not (ch in _JOINERS and _joins(text, i)):
            return ch
    return None


def visible_text(value: str, field: str) -> str:
    """NFC-normalised, trimmed ``value``; 400 ``field_invalid`` if it holds an invisible character."""
    text = unicodedata.normalize("NFC", value).strip()
    bad = invisible_character(text)
    if bad is not None:
        raise FieldInvalid(
            f"{field} must not contain control or invisible characters (found U+{ord(bad):04X})", field=field
        )
    return text


# --- the JSON Schema subset the voice tools publish ------------------------------------------------------------

_KINDS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: as_integer(v) is not None,
    "number": lambda v: type(v) in (int, float),
    "boolean": lambda v: type(v) is bool,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def conform(value: Any, schema: Mapping[str, Any], where: str = "") -> Any:
    """``value`` checked against ``schema`` and returned in the shape the handlers expect.

    Checks ``type`` (one name or a list such as ``["integer", "null"]``), ``enum``, ``properties`` /
    ``required`` / ``additionalProperties: false`` and array ``items``, all the way down; leaves ranges
    and lengths to the cart, which answers them with their own codes. Returns integers as ``int``
    (``2.0`` → ``2``) and objects without their null members: a null optional field is an absent one,
    so strict-mode callers (every property sent, null for "not given") mean what others mean by
    leaving it out. A mismatch is 400 ``invalid_request`` naming the place, e.g. ``items[0].quantity``
    (``where`` is the path of ``value``; empty for the arguments object itself).
    """
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or ())
    if value is None:
        if kinds and "null" not in kinds:
            raise InvalidRequest(f"{where or 'arguments'} must not be null", field=where)
        return None
    if kinds and not any(_KINDS[k](value) for k in kinds if k != "null"):
        raise InvalidRequest(f"{where} must be of type {' or '.join(k for k in kinds if k != 'null')}", field=where)
    if "enum" in schema and value not in schema["enum"]:
        choices = ", ".join(json.dumps(c) for c in schema["enum"] if c is not None)
        raise InvalidRequest(f"{where} must be one of {choices}", field=where, allowed=schema["enum"])
    if isinstance(value, dict) and "properties" in schema:
        properties = schema["properties"]
        allowed = properties if schema.get("additionalProperties") is False else value
        what = where or "arguments"
        given = {k: v for k, v in object_fields(value, allowed, (), what).items() if v is not None}
        object_fields(given, allowed, schema.get("required", ()), what)
        return {k: conform(v, properties.get(k, {}), f"{where}.{k}" if where else k) for k, v in given.items()}
    if isinstance(value, list) and "items" in schema:
        return [conform(v, schema["items"], f"{where}[{i}]") for i, v in enumerate(value)]
    whole = as_integer(value) if "integer" in kinds else None
    return value if whole is None else whole
