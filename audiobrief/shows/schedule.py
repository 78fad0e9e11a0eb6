"""Schedules in a small explicit form: "every day at 06:30 Europe/Berlin", "weekdays at 07:00",
"every 4 hours". Parsed when saved; the next run is found in the schedule's own time zone, so
06:30 stays 06:30 across a change of summer time. Numbers are ASCII digits only (as everywhere input
is read: audiobrief/digits.py): a regular expression's \\d also takes fullwidth and Arabic-Indic digits."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import AudiobriefError
from .model import Schedule

MAX_HOURS = 168  #: the longest interval: a week
EXAMPLES = "'every day at 06:30 Europe/Berlin', 'weekdays at 07:00' or 'every 4 hours'"
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_SETS = {
    "every day": tuple(range(7)), "daily": tuple(range(7)),
    "weekdays": tuple(range(5)), "every weekday": tuple(range(5)),
    "weekends": (5, 6), "every weekend": (5, 6),
    **{f"every {name}": (number,) for number, name in enumerate(DAY_NAMES)},
    **{f"{name}s": (number,) for number, name in enumerate(DAY_NAMES)},
}
_AT = re.compile(r"^(?P<days>[a-z ]+?) at (?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?: (?P<zone>\S+))?$")
_EVERY = re.compile(r"^every (?:(?P<hours>[0-9]{1,3}) hours|hour)$")


class ScheduleError(AudiobriefError):
    """A schedule that is not in the small form, or names an unknown time zone."""


def parse_schedule(text: str) -> Schedule:
    """The schedule a text describes, or ScheduleError naming the text and the form to use."""
    tidy = " ".join(text.split())
    lowered = tidy.lower()
    if match := _EVERY.match(lowered):
        hours = int(match["hours"] or 1)
        if not 1 <= hours <= MAX_HOURS:
            raise ScheduleError(f"'{tidy}' is not a schedule: give every 1 to {MAX_HOURS} hours")
        return Schedule(text=tidy, every_hours=hours)
    match = _AT.match(lowered)
    if match is None or match["days"] not in DAY_SETS:
        raise ScheduleError(f"'{tidy[:80]}' is not a schedule: write it like {EXAMPLES}")
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        raise ScheduleError(f"'{tidy}' names no time of day: give hours 00 to 23 and minutes 00 to 59")
    zone = _zone(tidy.split(" ")[-1] if match["zone"] else "UTC")
    return Schedule(text=tidy, zone=zone, at=time(hour, minute), weekdays=DAY_SETS[match["days"]])


def _zone(name: str) -> str:
    """The IANA zone as spelled in the tz database, or ScheduleError."""
    try:
        return ZoneInfo(name).key
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"'{name[:60]}' is not a time zone: name one like Europe/Berlin, "
                            "America/New_York or UTC") from None


def next_run(schedule: Schedule, after: datetime) -> datetime:
    """The first time strictly after `after` (an aware datetime) at which the schedule runs, in UTC.

    A local time that a spring change skips runs at the same distance from midnight in the new
    offset (02:30 becomes 03:30); one that an autumn change repeats runs once, at the first."""
    after = after.astimezone(UTC)
    if schedule.every_hours:
        step = schedule.every_hours * 3600
        slot = (int(after.timestamp()) // step + 1) * step
        return datetime.fromtimestamp(slot, UTC)
    assert schedule.at is not None
    zone = ZoneInfo(schedule.zone)
    day = after.astimezone(zone).date()
    for offset in range(8):
        candidate_day = day + timedelta(days=offset)
        if candidate_day.weekday() not in schedule.weekdays:
            continue
        candidate = datetime.combine(candidate_day, schedule.at, zone).astimezone(UTC)
        if candidate > after:
            return candidate
    raise AssertionError("a schedule with weekdays runs within eight days")  # parse_schedule ensures it


def describe_next(schedule: Schedule, at: datetime) -> str:
    """A run time as the schedule's zone shows it, for listings."""
    return at.astimezone(ZoneInfo(schedule.zone)).strftime("%Y-%m-%d %H:%M %Z")
