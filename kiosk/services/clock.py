"""The time of day as the kiosk sees it: one object passed in, so tests and previews set it.

`SystemClock` reads the wall clock; `ManualClock` holds a time you set and advance. Code takes
a clock as configuration instead of calling `datetime.now()`, so nothing needs patching.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...


class SystemClock:
    """Local wall-clock time (naive, like the opening hours in site.yaml)."""

    def now(self) -> datetime:
        return datetime.now()

    def today(self) -> date:
        return date.today()


class ManualClock:
    """A clock that stands still until told otherwise (tests, screenshots, previews)."""

    def __init__(self, start: datetime):
        self._now = start

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.date()

    def set(self, when: datetime) -> None:
        self._now = when

    def advance(self, **delta: float) -> None:
        """`clock.advance(hours=2)`: keyword arguments as for `timedelta`."""
        self._now += timedelta(**delta)


class ShiftedClock:
    """The wall clock moved to start at `start`: it runs, so the idle timers, the day watch and
    opening hours behave as on that day (`kiosk run --at`, `kiosk preview --at`)."""

    def __init__(self, start: datetime, wall: Clock | None = None):
        self._wall = wall or SystemClock()
        self._shift = start - self._wall.now()

    def now(self) -> datetime:
        return self._wall.now() + self._shift

    def today(self) -> date:
        return self.now().date()
