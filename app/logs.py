"""Structured logs: one JSON object per line, and never a whole cart token.

Tokens are bearer credentials for a cart, so the formatter rewrites anything shaped like one
(``<base64url>.<base64url MAC>``) to ``tok:<8 hex of sha256>`` wherever it appears: in the
message, in its arguments, in ``extra`` fields, in tracebacks. The short hash still lets support
match a log line to a token a customer pastes (``voicecart token inspect`` prints the same hash).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from typing import Any

# header (20 bytes) + payload base64url, ".", a 16-byte MAC in base64url (22 chars)
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{27,}\.[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])")
_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}
_DROPPED_ATTRS = {"color_message"}  # uvicorn's ANSI duplicate of msg


def token_hash(token: str) -> str:
    """The loggable stand-in for a token."""
    return "tok:" + hashlib.sha256(token.encode()).hexdigest()[:8]


def one_line(text: str) -> str:
    """A driver's multi-line message (libpq: "connection failed: …\\nFATAL:  …") as one line."""
    return " ".join(text.split())


def redact(text: str) -> str:
    return TOKEN_PATTERN.sub(lambda m: token_hash(m.group(0)), text)


_MIN_TOKEN_CHARS = 50  # 27 + "." + 22: anything shorter cannot hold a token


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value if len(value) < _MIN_TOKEN_CHARS else redact(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return redact(str(value))


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "msg", ...extra}``; every string passes :func:`redact`."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}+00:00",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and key not in _DROPPED_ATTRS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(_clean(entry), separators=(",", ":"))


def json_line(logger: str, message: str, level: int = logging.INFO, **fields: Any) -> str:
    """One log line in the JSON format, for what is written before logging is configured."""
    record = logging.LogRecord(logger, level, "", 0, message, (), None)
    record.__dict__.update(fields)
    return JsonFormatter().format(record)


def log_config(level: str = "INFO") -> dict[str, Any]:
    """A :func:`logging.config.dictConfig` for ``voicecart serve`` (uvicorn applies it per worker)."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter"}},
        "handlers": {"default": handler},
        # every other logger (psycopg.pool during an outage, httpx, asyncio…) writes JSON too
        "root": {"handlers": ["default"], "level": "WARNING"},
        "loggers": {
            "voicecart": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }
