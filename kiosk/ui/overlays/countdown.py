""" "Still there? / 还在浏览吗？" with a countdown; a touch anywhere dismisses it."""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.overlays.base import Overlay, label


class IdleCountdown(Overlay):
    background = QColor(11, 29, 51, 225)  # the visitor's screen stays faintly visible

    def __init__(self, host: QWidget):
        super().__init__(host, tap_to_dismiss=True)
        self.title_zh = label("还在浏览吗？", "display")
        self.title_en = label("Still there?", "h1")
        self.number = label("", "figure-value")
        self.hint = label("触摸屏幕继续浏览 · Touch the screen to continue", "body", muted=True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title_zh, self.title_en, self.number, self.hint):
            layout.addWidget(widget)
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
