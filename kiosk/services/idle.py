"""Idle detection: no input for a while -> "still there?" countdown -> reset -> attract loop.

`IdleMonitor` is a small state machine on one single-shot timer; `InputWatch` is the app-wide
event filter that reports every touch, click and key press. Durations come from site.idle.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.content.views import IdleSettings


def _default_settings() -> IdleSettings:
    """site.yaml's defaults (only for a kiosk started without content: the models are not
    imported otherwise, see kiosk/content/views.py)."""
    from kiosk.content.models import IdleSettings as Validated

    return Validated()


class IdleState(Enum):
    ACTIVE = "active"  # a visitor is using the kiosk
    COUNTDOWN = "countdown"  # "still there?" is showing
    IDLE = "idle"  # session reset, nobody there
    ATTRACT = "attract"  # attract loop running


class IdleMonitor(QObject):
    """The idle times of site.idle, each times `factor` while the kiosk is *assisted* (a
    visitor uses the keypad or audio mode: site.accessibility.idle_factor), and times `scale`
    (1 on a kiosk; tests run a 20 s countdown in a fraction of a second with it). A session
    reset (the countdown running out, or "Start over") ends assisted mode."""

    countdown_started = Signal(float)  # seconds left
    countdown_cancelled = Signal()  # the visitor touched during the countdown
    timed_out = Signal()  # reset the session now
    attract_due = Signal()  # start the attract loop
    visit_started = Signal()  # first input after IDLE/ATTRACT: a new session
    assisted_changed = Signal(bool)  # assisted mode on or off (off at every session reset)

    def __init__(
        self,
        settings: IdleSettings | None = None,
        parent: QObject | None = None,
        factor: float = 1.0,
        scale: float = 1.0,
    ):
        super().__init__(parent)
        self.settings = settings or _default_settings()
        self.factor = factor
        self.scale = scale
        self.assisted = False
        self.held = False  # a film a visitor started is playing: no timeout until it stops
        self.state = IdleState.IDLE
        self.stopped = False  # after stop() (until start()), nothing arms the timer
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._advance)

    def configure(self, settings: IdleSettings, factor: float | None = None) -> None:
        """New durations (content reload), and the assisted factor; applied from the next
        phase on."""
        self.settings = settings
        if factor is not None:
            self.factor = factor

    def set_assisted(self, on: bool) -> None:
        """Keypad or audio mode on or off: every idle time is multiplied by `factor` while it
        is on. Turning it on or off while the visitor is active starts the timeout again, at
        the new length."""
        if on == self.assisted:
            return
        self.assisted = on
        if self.state is IdleState.ACTIVE:
            self._arm(self.settings.timeout_seconds)
        self.assisted_changed.emit(on)

    def hold(self, on: bool) -> None:
        """While a visitor's film plays (True), the visit never times out and no countdown
        interrupts it; when it stops (False), the idle time starts again from its start."""
        if on == self.held:
            return
        self.held = on
        if self.state in (IdleState.ACTIVE, IdleState.COUNTDOWN):
            if self.state is IdleState.COUNTDOWN and on:
                self.state = IdleState.ACTIVE
                self.countdown_cancelled.emit()
            self._arm(self.settings.timeout_seconds)

    def seconds(self, base: float) -> float:
        """How long an idle time of `base` seconds lasts now."""
        return base * (self.factor if self.assisted else 1.0) * self.scale

    def start(self) -> None:
        """Begin with nobody there: the attract loop comes after attract_after_seconds."""
        self.stopped = False
        self.state = IdleState.IDLE
        self._arm(self.settings.attract_after_seconds)

    def stop(self) -> None:
        """No more timeouts, whatever comes after (a film let go as the kiosk closes, the
        audio mode switched off): a stopped kiosk's window may be gone."""
        self.stopped = True
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

    def end_session(self) -> None:
        """ "Start over": the session ends now, as when the countdown runs out. Nothing to end
        while nobody is there."""
        if self.state in (IdleState.ACTIVE, IdleState.COUNTDOWN):
            self._reset()

    def _arm(self, seconds: float) -> None:
        if self.stopped:
            return
        if self.held and self.state is IdleState.ACTIVE:
            self._timer.stop()  # (armed again when the film stops)
            return
        self._timer.start(max(1, round(self.seconds(seconds) * 1000)))

    def _reset(self) -> None:
        self.state = IdleState.IDLE
        self.held = False
        self.set_assisted(False)
        self._arm(self.settings.attract_after_seconds)
        self.timed_out.emit()

    def _advance(self) -> None:
        if self.state is IdleState.ACTIVE:
            self.state = IdleState.COUNTDOWN
            self._arm(self.settings.countdown_seconds)
            self.countdown_started.emit(self.seconds(self.settings.countdown_seconds))
        elif self.state is IdleState.COUNTDOWN:
            self._reset()
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
