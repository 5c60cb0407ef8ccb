"""Idle detection: no input for a while -> "still there?" countdown -> reset -> attract loop.

`IdleMonitor` is a small state machine on one single-shot timer; `InputWatch` is the app-wide
event filter that reports every touch, click and key press. Durations come from site.idle.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.content.models import IdleSettings


class IdleState(Enum):
    ACTIVE = "active"  # a visitor is using the kiosk
    COUNTDOWN = "countdown"  # "still there?" is showing
    IDLE = "idle"  # session reset, nobody there
    ATTRACT = "attract"  # attract loop running


class IdleMonitor(QObject):
    countdown_started = Signal(float)  # seconds left
    countdown_cancelled = Signal()  # the visitor touched during the countdown
    timed_out = Signal()  # reset the session now
    attract_due = Signal()  # start the attract loop
    visit_started = Signal()  # first input after IDLE/ATTRACT: a new session

    def __init__(self, settings: IdleSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings or IdleSettings()
        self.state = IdleState.IDLE
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._advance)

    def configure(self, settings: IdleSettings) -> None:
        """New durations (content reload); applied from the next phase on."""
        self.settings = settings

    def start(self) -> None:
        """Begin with nobody there: the attract loop comes after attract_after_seconds."""
        self.state = IdleState.IDLE
        self._arm(self.settings.attract_after_seconds)

    def stop(self) -> None:
        self._timer.stop()

    def poke(self) -> None:
        """Input happened: stay active (or become active) and restart the timeout."""
        previous = self.state
        self.state = IdleState.ACTIVE
        self._arm(self.settings.timeout_seconds)
        if previous is IdleState.COUNTDOWN:
            self.countdown_cancelled.emit()
        elif previous in (IdleState.IDLE, IdleState.ATTRACT):
            self.visit_started.emit()

    def _arm(self, seconds: float) -> None:
        self._timer.start(max(1, round(seconds * 1000)))

    def _advance(self) -> None:
        if self.state is IdleState.ACTIVE:
            self.state = IdleState.COUNTDOWN
            self._arm(self.settings.countdown_seconds)
            self.countdown_started.emit(self.settings.countdown_seconds)
        elif self.state is IdleState.COUNTDOWN:
            self.state = IdleState.IDLE
            self._arm(self.settings.attract_after_seconds)
            self.timed_out.emit()
        elif self.state is IdleState.IDLE:
            self.state = IdleState.ATTRACT
            self.attract_due.emit()


_INPUT = {
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class InputWatch(QObject):
    """App-wide event filter calling `callback(event)` for each input event, once.

    Qt delivers input to the QWindow first and then to the widget; only the QWindow copy is
    reported so each touch counts once. Nothing is eaten.
    """

    def __init__(self, callback: Callable[[QEvent], None], parent: QObject | None = None):
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT and obj.isWindowType():
            self._callback(event)
        return False
