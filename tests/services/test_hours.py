from __future__ import annotations

from datetime import date, datetime

from kiosk.content.models import OpeningHours
from kiosk.services.clock import ManualClock
from kiosk.services.hours import DayWatch, is_open, next_opening

HOURS = OpeningHours(tue="09:00-17:00", sat="10:00-24:00", closed_dates=[date(2025, 5, 13)])


def test_is_open_follows_the_weekly_hours_and_closed_dates():
    assert is_open(HOURS, datetime(2025, 5, 6, 9, 0))  # Tuesday
    assert not is_open(HOURS, datetime(2025, 5, 6, 17, 0))
    assert not is_open(HOURS, datetime(2025, 5, 7, 12, 0))  # Wednesday: not listed
    assert is_open(HOURS, datetime(2025, 5, 10, 23, 59))  # Saturday until midnight
    assert not is_open(HOURS, datetime(2025, 5, 13, 12, 0))  # a closed Tuesday
    assert is_open(None, datetime(2025, 5, 7, 3, 0))  # no hours: always open


def test_next_opening_skips_closed_days():
    assert next_opening(HOURS, datetime(2025, 5, 6, 18, 0)) == datetime(2025, 5, 10, 10, 0)
    # Sunday 11th: Tuesday 13th is a closed date, so Saturday 17th is next
    assert next_opening(HOURS, datetime(2025, 5, 11, 8, 0)) == datetime(2025, 5, 17, 10, 0)
    assert next_opening(OpeningHours(), datetime(2025, 5, 6)) is None


def test_day_watch_reports_a_new_day_and_closing(qtbot):
    clock = ManualClock(datetime(2025, 5, 6, 16, 0))
    watch = DayWatch(clock, HOURS, interval_ms=20)
    watch.start()
    with qtbot.waitSignal(watch.open_changed, timeout=2000) as closed:
        clock.set(datetime(2025, 5, 6, 17, 30))
    assert closed.args == [False]
    with qtbot.waitSignal(watch.day_changed, timeout=2000) as day:
        clock.advance(hours=7)
    assert day.args == [date(2025, 5, 7)]
    watch.stop()
