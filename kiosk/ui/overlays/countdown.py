""" "Still there? / 还在浏览吗？" with a countdown; a touch anywhere dismisses it."""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.overlays.base import SPACING, Overlay, accent_bar
from kiosk.ui.texts import TextBinder
from kiosk.ui.widgets import Label


class IdleCountdown(Overlay):
    """The question in every language, the seconds left in a ring, and how to stay, on the
    theme's background: opaque (theme.qss), since the visitor's screen showing through made
    the question hard to read and its own words legible behind it."""

    layer = "countdown"

    def __init__(self, host: QWidget, texts: TextBinder | None = None):
        super().__init__(host, tap_to_dismiss=True, texts=texts)
        self.title = self.say("still_there", "display", "h1")
        self.number = Label("countdown", align=Qt.AlignmentFlag.AlignCenter)
        self.number.setObjectName("countdownNumber")
        self.hint = self.say("touch_to_stay", "h3", "h3")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 64, 64, 64)
        layout.setSpacing(SPACING)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(48)
        layout.addWidget(self.number, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(48)
        layout.addWidget(accent_bar(), 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(24)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self._seconds = 0.0
        self._clock = QElapsedTimer()
        self._tick = QTimer(self, interval=200)
        self._tick.timeout.connect(self._update)
        self.tapped.connect(self.close_overlay)

    def start(self, seconds: float) -> None:
        self._seconds = seconds
        self._clock.start()
        self._update()
        self._tick.start()
        self.open()

    def seconds_left(self) -> int:
        return max(0, math.ceil(self._seconds - self._clock.elapsed() / 1000))

    def close_overlay(self) -> None:
        self._tick.stop()
        super().close_overlay()

    def _update(self) -> None:
        self.number.setText(str(self.seconds_left()))
