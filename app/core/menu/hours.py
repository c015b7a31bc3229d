"""Opening hours: the optional ``"hours"`` object of a menu, and "is the restaurant open now?".

Format (days that are not listed are closed; times are local to ``timezone``)::

    "hours": {
      "timezone": "America/Los_Angeles",
      "weekly": {
        "mon": ["11:00-22:00"],
        "fri": ["11:00-14:00", "17:00-02:00"],
        "sun": ["00:00-24:00"]
      }
    }

A range whose close is earlier than its open runs past midnight into the next day and belongs to
the day it opens ("17:00-02:00" on Friday covers early Saturday). ``24:00`` is allowed as a close.
A menu without ``hours`` is always open. Checkout refuses with ``restaurant_closed`` otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.errors import MenuError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"(\d\d):(\d\d)-(\d\d):(\d\d)")
MAX_RANGES_PER_DAY = 6


@dataclass(frozen=True)
class Span:
    """Minutes since local midnight; ``close <= open`` means the span ends the next day."""

    open: int
    close: int

    @property
    def overnight(self) -> bool:
        return self.close <= self.open

    def text(self) -> str:
        return f"{self.open // 60:02d}:{self.open % 60:02d}-{self.close // 60:02d}:{self.close % 60:02d}"


@dataclass(frozen=True)
class Hours:
    timezone: str
    weekly: tuple[tuple[Span, ...], ...]  # index 0 = Monday

    def local(self, now: int) -> datetime:
        return datetime.fromtimestamp(now, ZoneInfo(self.timezone))

    def is_open(self, now: int) -> bool:
        local = self.local(now)
        minute = local.hour * 60 + local.minute
        today = self.weekly[local.weekday()]
        yesterday = self.weekly[(local - timedelta(days=1)).weekday()]
        if any(s.open <= minute and (s.overnight or minute < s.close) for s in today):
            return True
        return any(s.overnight and minute < s.close for s in yesterday)

    def today_text(self, now: int) -> list[str]:
        """Today's ranges as written in the menu, for the ``restaurant_closed`` message."""
        return [s.text() for s in self.weekly[self.local(now).weekday()]]


def _minutes(hh: str, mm: str, path: str, allow_24: bool) -> int:
    hours, minutes = int(hh), int(mm)
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not allow_24)):
        raise MenuError(f"{hh}:{mm} is not a time of day", path)
    return hours * 60 + minutes


def _parse_span(text: Any, path: str) -> Span:
    match = _RANGE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise MenuError('must be a range like "11:00-22:00"', path)
    start = _minutes(match[1], match[2], path, allow_24=False)
    end = _minutes(match[3], match[4], path, allow_24=True)
    if start == end:
        raise MenuError("opens and closes at the same time; list the day as 00:00-24:00 for all day", path)
    return Span(start, end)


def parse_hours(raw: Any, path: str = "hours", default_timezone: str | None = None) -> Hours:
    """Validate the menu's ``hours`` object; raises :class:`MenuError` with the field's path.

    ``default_timezone``: the zone used when ``raw`` names none (an item's ``availability``
    windows are in the restaurant's zone, from the menu's ``hours``).
    """
    if not isinstance(raw, dict):
        raise MenuError("must be an object", path)
    extra = sorted(set(raw) - {"timezone", "weekly"})
    if extra:
        raise MenuError(f"unknown field(s) {', '.join(extra)}", path)
    zone = raw.get("timezone", default_timezone)
    if not isinstance(zone, str) or not zone:
        raise MenuError('is required, an IANA zone such as "America/New_York"', f"{path}.timezone")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise MenuError(f"unknown time zone {zone!r}", f"{path}.timezone") from None
    weekly = raw.get("weekly")
    if not isinstance(weekly, dict):
        raise MenuError("is required: an object of day -> list of ranges", f"{path}.weekly")
    unknown = sorted(set(weekly) - set(DAYS))
    if unknown:
        raise MenuError(f"unknown day(s) {', '.join(unknown)}; use {', '.join(DAYS)}", f"{path}.weekly")
    days = []
    for day in DAYS:
        ranges = weekly.get(day, [])
        where = f"{path}.weekly.{day}"
        if not isinstance(ranges, list) or len(ranges) > MAX_RANGES_PER_DAY:
            raise MenuError(f"must be a list of at most {MAX_RANGES_PER_DAY} ranges", where)
        days.append(tuple(_parse_span(r, f"{where}[{i}]") for i, r in enumerate(ranges)))
    return Hours(zone, tuple(days))
