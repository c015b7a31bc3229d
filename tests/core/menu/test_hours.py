"""Opening hours: parsing with precise paths, and is_open across days, midnight and DST."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.core.menu import parse_menu
from app.core.menu.hours import parse_hours
from app.errors import MenuError
from tests.conftest import DEMO_MENU_FILE

ZONE = "America/New_York"


def at(text: str) -> int:
    """Unix seconds of a local New York wall-clock time."""
    return int(datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(ZONE)).timestamp())


HOURS = parse_hours(
    {
        "timezone": ZONE,
        "weekly": {"mon": ["11:00-14:00", "17:00-22:00"], "fri": ["18:00-02:00"], "sun": ["00:00-24:00"]},
    }
)


@pytest.mark.parametrize(
    ("when", "open_"),
    [
        ("2027-01-18T10:59", False),  # Monday, before opening
        ("2027-01-18T11:00", True),
        ("2027-01-18T13:59", True),
        ("2027-01-18T14:00", False),  # the close minute is closed
        ("2027-01-18T15:30", False),  # between the two ranges
        ("2027-01-18T21:59", True),
        ("2027-01-19T12:00", False),  # Tuesday is not listed: closed
        ("2027-01-22T23:30", True),  # Friday evening
        ("2027-01-23T01:59", True),  # Friday's range runs into Saturday
        ("2027-01-23T02:00", False),
        ("2027-01-23T12:00", False),  # Saturday itself is closed
        ("2027-01-24T00:00", True),  # Sunday all day
        ("2027-01-24T23:59", True),
        ("2027-01-25T00:30", False),  # Sunday's all-day range does not spill into Monday
    ],
)
def test_is_open(when: str, open_: bool) -> None:
    assert HOURS.is_open(at(when)) is open_


def test_local_time_follows_daylight_saving() -> None:
    hours = parse_hours({"timezone": ZONE, "weekly": {"mon": ["11:00-12:00"]}})
    # the same 15:30 UTC is 11:30 EDT on a July Monday but 10:30 EST on a January Monday
    assert hours.is_open(int(datetime(2027, 7, 19, 15, 30, tzinfo=ZoneInfo("UTC")).timestamp()))
    assert not hours.is_open(int(datetime(2027, 1, 18, 15, 30, tzinfo=ZoneInfo("UTC")).timestamp()))


def test_today_text_lists_the_ranges() -> None:
    assert HOURS.today_text(at("2027-01-18T09:00")) == ["11:00-14:00", "17:00-22:00"]
    assert HOURS.today_text(at("2027-01-19T09:00")) == []


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        ([], "hours"),
        ({"weekly": {}}, "hours.timezone"),
        ({"timezone": "Mars/Olympus", "weekly": {}}, "hours.timezone"),
        ({"timezone": ZONE}, "hours.weekly"),
        ({"timezone": ZONE, "weekly": {"monday": []}}, "hours.weekly"),
        ({"timezone": ZONE, "weekly": {"mon": "11:00-12:00"}}, "hours.weekly.mon"),
        ({"timezone": ZONE, "weekly": {"tue": ["11-12"]}}, "hours.weekly.tue[0]"),
        ({"timezone": ZONE, "weekly": {"tue": ["09:00-10:00", "25:00-26:00"]}}, "hours.weekly.tue[1]"),
        ({"timezone": ZONE, "weekly": {"wed": ["24:00-02:00"]}}, "hours.weekly.wed[0]"),
        ({"timezone": ZONE, "weekly": {"wed": ["10:60-12:00"]}}, "hours.weekly.wed[0]"),
        ({"timezone": ZONE, "weekly": {"thu": ["10:00-10:00"]}}, "hours.weekly.thu[0]"),
        ({"timezone": ZONE, "weekly": {}, "holidays": []}, "hours"),
    ],
)
def test_bad_hours_name_the_field(raw: object, path: str) -> None:
    with pytest.raises(MenuError) as info:
        parse_hours(raw)
    assert info.value.path == path


def test_menu_parses_hours_and_defaults_to_always_open() -> None:
    data = json.loads(DEMO_MENU_FILE.read_text())
    assert parse_menu(data).hours is None
    with_hours = copy.deepcopy(data)
    with_hours["hours"] = {"timezone": ZONE, "weekly": {"mon": ["11:00-14:00"]}}
    menu = parse_menu(with_hours)
    assert menu.hours is not None
    assert menu.hours.is_open(at("2027-01-18T12:00"))
    with_hours["hours"]["weekly"]["mon"] = ["noon-2pm"]
    with pytest.raises(MenuError) as info:
        parse_menu(with_hours)
    assert info.value.path == "hours.weekly.mon[0]"
