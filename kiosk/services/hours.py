"""Opening hours: is the visitor centre open now, and when does it open next.

Pure functions over `OpeningHours` plus `DayWatch`, a timer that notices a new day or a change
between open and closed on the injected clock (so a fake clock drives it in tests).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.content.views import OpeningHours
from kiosk.services.clock import Clock


def is_open(hours: OpeningHours | None, now: datetime) -> bool:
    """True inside the day's opening window; no opening hours at all means always open."""
    if hours is None:
        return True
    window = hours.hours_on(now.date())
    if window is None:
        return False
    start, end = window
    return start <= now.time() < end or (end == time.max and now.time() >= start)


def next_opening(hours: OpeningHours | None, now: datetime, days: int = 366) -> datetime | None:
    """The next moment it opens after `now` (`now` itself if open); None if never in `days`."""
    if is_open(hours, now):
        return now
    assert hours is not None
    for offset in range(days + 1):
        day = now.date() + timedelta(days=offset)
        window = hours.hours_on(day)
        if window is None:
            continue
        opening = datetime.combine(day, window[0])
        if opening > now:
            return opening
    return None


class DayWatch(QObject):
    """Looks at the clock every `interval_ms` and says when the day or the open state changes.

    A plain interval (default 20 s) instead of one long timer to midnight: it survives clock
    jumps (NTP, suspend) and a fake clock in tests moves it without waiting.
    """

    day_changed = Signal(date)
    open_changed = Signal(bool)

    def __init__(
        self,
        clock: Clock,
        hours: OpeningHours | None = None,
        interval_ms: int = 20_000,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._clock = clock
        self.hours = hours
        self._day = clock.today()
        self._open = is_open(hours, clock.now())
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_open(self) -> bool:
        return self._open

    def set_hours(self, hours: OpeningHours | None) -> None:
        self.hours = hours
        self.check()

    def check(self) -> None:
        today = self._clock.today()
        if today != self._day:
            self._day = today
            self.day_changed.emit(today)
        now_open = is_open(self.hours, self._clock.now())
        if now_open != self._open:
            self._open = now_open
            self.open_changed.emit(now_open)
