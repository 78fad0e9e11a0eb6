"""Schedules: the small written form, next runs across summer-time changes, and the scheduler's
rules with an injected clock (a server down for two slots runs once on return; two processes
never make the same run)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from audiobrief.server.config import Settings
from audiobrief.server.store.records import Store
from audiobrief.shows.schedule import ScheduleError, next_run, parse_schedule
from audiobrief.shows.service import ShowService


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(("text", "zone", "at", "weekdays", "hours"), [
    ("every day at 06:30 Europe/Berlin", "Europe/Berlin", time(6, 30), (0, 1, 2, 3, 4, 5, 6), 0),
    ("Weekdays at 07:00", "UTC", time(7, 0), (0, 1, 2, 3, 4), 0),
    ("  every   sunday at 9:05 America/New_York ", "America/New_York", time(9, 5), (6,), 0),
    ("weekends at 23:59 Asia/Tokyo", "Asia/Tokyo", time(23, 59), (5, 6), 0),
    ("every 4 hours", "UTC", None, (), 4),
    ("every hour", "UTC", None, (), 1),
])
def test_the_forms_a_schedule_takes(text: str, zone: str, at: time | None, weekdays: tuple[int, ...],
                                    hours: int) -> None:
    schedule = parse_schedule(text)
    found = (schedule.zone, schedule.at, schedule.weekdays, schedule.every_hours)
    assert found == (zone, at, weekdays, hours)
    assert schedule.text == " ".join(text.split())


@pytest.mark.parametrize(("text", "message"), [
    ("every day at 25:00",
     "'every day at 25:00' names no time of day: give hours 00 to 23 and minutes 00 to 59"),
    ("every day at 06:30 Mars/Olympus", "'Mars/Olympus' is not a time zone: name one like Europe/Berlin, "
                                        "America/New_York or UTC"),
    ("every day at 06:30 ../../etc/passwd", "'../../etc/passwd' is not a time zone: name one like "
                                            "Europe/Berlin, America/New_York or UTC"),
    ("every 0 hours", "'every 0 hours' is not a schedule: give every 1 to 168 hours"),
    ("every 500 hours", "'every 500 hours' is not a schedule: give every 1 to 168 hours"),
    ("0 6 * * *", "'0 6 * * *' is not a schedule: write it like 'every day at 06:30 Europe/Berlin', "
                  "'weekdays at 07:00' or 'every 4 hours'"),
    ("fortnightly at 06:30", "'fortnightly at 06:30' is not a schedule: write it like 'every day at 06:30 "
                             "Europe/Berlin', 'weekdays at 07:00' or 'every 4 hours'"),
    # ASCII digits only: fullwidth and Arabic-Indic digits are refused, not read as 06:30 or 4
    ("every day at \uff10\uff16:\uff13\uff10",
     "'every day at \uff10\uff16:\uff13\uff10' is not a schedule: write it like 'every day at 06:30 "
     "Europe/Berlin', 'weekdays at 07:00' or 'every 4 hours'"),
    ("every \u0664 hours", "'every \u0664 hours' is not a schedule: write it like 'every day at 06:30 "
                        "Europe/Berlin', 'weekdays at 07:00' or 'every 4 hours'"),
])
def test_a_bad_schedule_is_one_line_naming_it(text: str, message: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(text)
    assert str(caught.value) == message


def test_a_morning_run_stays_at_local_time_across_both_changes() -> None:
    berlin = parse_schedule("every day at 06:30 Europe/Berlin")
    assert next_run(berlin, utc(2026, 3, 28, 6, 0)) == utc(2026, 3, 29, 4, 30), "summer time: UTC+2"
    assert next_run(berlin, utc(2026, 3, 27, 6, 0)) == utc(2026, 3, 28, 5, 30), "winter time: UTC+1"
    assert next_run(berlin, utc(2026, 10, 24, 6, 0)) == utc(2026, 10, 25, 5, 30), "back to UTC+1"


def test_a_time_the_change_skips_or_repeats_runs_once() -> None:
    early = parse_schedule("every day at 02:30 Europe/Berlin")
    skipped = next_run(early, utc(2026, 3, 28, 12, 0))
    assert skipped == utc(2026, 3, 29, 1, 30), "02:30 does not exist that night: 03:30 local"
    assert next_run(early, skipped) == utc(2026, 3, 30, 0, 30)
    repeated = next_run(early, utc(2026, 10, 24, 12, 0))
    assert repeated == utc(2026, 10, 25, 0, 30), "the first 02:30 (summer time)"
    assert next_run(early, repeated) == utc(2026, 10, 26, 1, 30), "not the second 02:30 an hour later"


def test_weekdays_skip_the_weekend_and_intervals_keep_their_step() -> None:
    weekdays = parse_schedule("weekdays at 07:00 America/New_York")
    friday_after = utc(2026, 12, 4, 13, 0)
    assert next_run(weekdays, friday_after) == utc(2026, 12, 7, 12, 0), "Monday 07:00 EST"
    every4 = parse_schedule("every 4 hours")
    assert next_run(every4, utc(2026, 3, 29, 0, 30)) == utc(2026, 3, 29, 4, 0)
    assert next_run(every4, utc(2026, 3, 29, 4, 0)) == utc(2026, 3, 29, 8, 0), "strictly after"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start.timestamp()

    def __call__(self) -> float:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment.timestamp()


def service_at(home: Path, clock: Clock) -> ShowService:
    return ShowService(Store(home / "server.sqlite3"), Settings(home=home), clock=clock)


def test_a_server_down_for_two_slots_runs_once_on_return(tmp_path: Path) -> None:
    clock = Clock(utc(2026, 3, 27, 12, 0))
    service = service_at(tmp_path, clock)
    show = service.create("morning", "Morning", schedule="every day at 06:30 Europe/Berlin",
                          voice="en-us-espeak")
    assert show.next_run_at == utc(2026, 3, 28, 5, 30).timestamp()
    clock.set(utc(2026, 3, 28, 5, 29))
    assert service.run_due() == [], "not yet"
    clock.set(utc(2026, 3, 29, 9, 0))  # the server was down for the slots of 28 and 29 March
    assert [result.show for result in service.run_due()] == ["morning"]
    assert service.run_due() == [], "one run for the missed slots, not one per slot"
    after = service.get("morning")
    assert after.last_run_at == clock.now
    assert after.next_run_at == utc(2026, 3, 30, 4, 30).timestamp(), "the next slot, in summer time"
    clock.set(utc(2026, 3, 30, 4, 30))
    assert len(service.run_due()) == 1


def test_two_processes_never_make_the_same_run(tmp_path: Path) -> None:
    clock = Clock(utc(2026, 12, 2, 5, 0))
    first, second = service_at(tmp_path, clock), service_at(tmp_path, clock)
    first.create("hourly", "Hourly", schedule="every hour", voice="en-us-espeak")
    clock.set(utc(2026, 12, 2, 6, 0))
    due = first.due()
    assert [show.slug for show in due] == ["hourly"] and [s.slug for s in second.due()] == ["hourly"]
    slot, following = due[0].next_run_at, utc(2026, 12, 2, 7, 0).timestamp()
    assert first.records.take_slot("hourly", slot, following, clock.now) is True
    assert second.records.take_slot("hourly", slot, following, clock.now) is False, "taken already"
    assert second.run_due() == [], "the slot moved on: nothing is due"


def test_changing_the_schedule_moves_the_next_run_and_removing_it_stops_runs(tmp_path: Path) -> None:
    clock = Clock(utc(2026, 12, 2, 10, 0))
    service = service_at(tmp_path, clock)
    service.create("desk", "Desk", voice="en-us-espeak")
    assert service.get("desk").next_run_at is None
    assert service.update("desk", schedule="weekdays at 07:00 Europe/London").next_run_at == \
        utc(2026, 12, 3, 7, 0).timestamp()
    assert service.update("desk", schedule="").next_run_at is None
    clock.set(utc(2026, 12, 10, 10, 0))
    assert service.run_due() == []
