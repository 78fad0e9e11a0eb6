"""The show form of the web pages: its fields read and checked one by one (every problem at once,
each beside its field), the schedule put together from its explicit parts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import available_timezones

from ...errors import AudiobriefError
from ...shows.checks import MOST_KEPT, check_description, check_slug, check_title, check_voice
from ...shows.model import Show
from ...shows.schedule import MAX_HOURS, parse_schedule

#: the schedule's frequency choices: value -> (words shown, schedule text before " at HH:MM ZONE")
FREQUENCIES: dict[str, tuple[str, str]] = {
    "none": ("Only when I ask (no schedule)", ""),
    "every day": ("Every day", "every day"),
    "weekdays": ("Weekdays (Monday to Friday)", "weekdays"),
    "weekends": ("Weekends (Saturday and Sunday)", "weekends"),
    **{f"every {day}": (f"Every {day.capitalize()}", f"every {day}")
       for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")},
    "hours": ("Every few hours", ""),
}
DAY_SETS = {tuple(range(7)): "every day", tuple(range(5)): "weekdays", (5, 6): "weekends"}
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TEXT_FIELDS = ("slug", "title", "description", "voice", "frequency", "time", "hours", "zone",
               "max_stories", "max_per_source", "keep_episodes", "keep_days")
NUMBERS = {  #: field -> (words for the message, lowest)
    "max_stories": ("Stories in one episode", 1), "max_per_source": ("Stories from one source", 1),
    "keep_episodes": ("Episodes kept", 1), "keep_days": ("Days an episode is kept", 0),
}
_TIME = re.compile(r"^([0-9]{1,2}):([0-9]{2})$")
_WHOLE = re.compile(r"^[0-9]{1,6}$")


def time_zones() -> list[str]:
    """Every IANA time zone name, UTC first."""
    return ["UTC", *sorted(zone for zone in available_timezones() if zone != "UTC" and "/" in zone)]


@dataclass
class ShowForm:
    """A submitted show form: what was typed (to show it again) and the problems, by field."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    checked: dict[str, Any] = field(default_factory=dict)  #: the service's arguments, once valid


def form_values(form: Mapping[str, object]) -> dict[str, str]:
    """The text fields of a submitted show form (and the public checkbox as "on")."""
    values = {name: value.strip() for name in TEXT_FIELDS if isinstance(value := form.get(name), str)}
    if form.get("public") == "on":
        values["public"] = "on"
    return values


def show_values(show: Show) -> dict[str, str]:
    """The form's fields filled from a stored show (for its edit page)."""
    values = {"slug": show.slug, "title": show.title, "description": show.description, "voice": show.voice,
              "frequency": "none", "time": "07:00", "hours": "4", "zone": "UTC",
              **{name: str(getattr(show, name)) for name in NUMBERS}}
    if show.public:
        values["public"] = "on"
    schedule = show.schedule
    if schedule is None:
        return values
    if schedule.every_hours:
        return {**values, "frequency": "hours", "hours": str(schedule.every_hours)}
    days = DAY_SETS.get(schedule.weekdays) or f"every {DAY_NAMES[schedule.weekdays[0]]}"
    at = schedule.at.strftime("%H:%M") if schedule.at else "07:00"
    return {**values, "frequency": days, "time": at, "zone": schedule.zone}


def read_show_form(form: Mapping[str, object], max_articles: int, accounts: bool, new: bool) -> ShowForm:
    """Check every field of a show form; `checked` holds the service's arguments when all are right."""
    values = form_values(form)
    result = ShowForm(values)
    checks = {"title": check_title, "description": check_description, "voice": check_voice}
    if new:
        checks = {"slug": check_slug, **checks}
    for name, check in checks.items():
        raw = values.get(name, "")
        if name in ("slug", "title") and not raw:
            result.errors[name] = ("Enter the show's short name, like morning-news" if name == "slug"
                                   else "Enter the show's title")
            continue
        try:
            result.checked[name] = check(raw)
        except AudiobriefError as exc:
            result.errors[name] = _sentence(str(exc))
    _schedule(result)
    for name, (words, lowest) in NUMBERS.items():
        highest = max_articles if name in ("max_stories", "max_per_source") else MOST_KEPT
        raw = values.get(name, "")
        if not _WHOLE.match(raw) or not lowest <= int(raw) <= highest:
            result.errors[name] = f"{words} must be a whole number from {lowest} to {highest}"
        else:
            result.checked[name] = int(raw)
    result.checked["public"] = values.get("public") == "on" if accounts else True
    return result


def _schedule(result: ShowForm) -> None:
    """The schedule text from frequency, time, hours and zone; problems go beside the field at fault."""
    values = result.values
    frequency = values.get("frequency", "none")
    if frequency not in FREQUENCIES:
        result.errors["frequency"] = "Choose how often the show makes an episode from the list"
        return
    if frequency == "none":
        result.checked["schedule"] = ""
        return
    if frequency == "hours":
        hours = values.get("hours", "")
        if not _WHOLE.match(hours) or not 1 <= int(hours) <= MAX_HOURS:
            result.errors["hours"] = f"Hours between episodes must be a whole number from 1 to {MAX_HOURS}"
            return
        text = f"every {int(hours)} hours"
    else:
        at = _TIME.match(values.get("time", ""))
        if at is None or int(at[1]) > 23 or int(at[2]) > 59:
            result.errors["time"] = (f"'{values.get('time', '')[:20]}' is not a time of day: write it as "
                                     "hours and minutes on a 24-hour clock, like 06:30")
            return
        text = f"{FREQUENCIES[frequency][1]} at {int(at[1]):02d}:{at[2]} {values.get('zone') or 'UTC'}"
    try:
        result.checked["schedule"] = parse_schedule(text).text
    except AudiobriefError as exc:
        result.errors["hours" if frequency == "hours" else "zone"] = _sentence(str(exc))


def _sentence(message: str) -> str:
    """A service message as the form shows it: capitalised, with no command-line advice."""
    message = message.replace(" with --title", "")
    return message[:1].upper() + message[1:]
