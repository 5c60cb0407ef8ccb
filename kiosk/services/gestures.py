"""The hidden admin gesture: taps on the four corners of the window in order, within 5 s."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget


class CornerTaps(QObject):
    """Taps on the corners top-left, top-right, bottom-right, bottom-left, top-left, all within
    5 s, each inside a 100 px corner square. Any other tap starts over. Feed it every input
    event (`feed`); it looks only at finger lifts and real mouse releases."""

    triggered = Signal()
    SEQUENCE = ("tl", "tr", "br", "bl", "tl")
    CORNER_PX = 100
    WITHIN_S = 5.0

    def __init__(self, window: QWidget, monotonic: Callable[[], float] = time.monotonic):
        super().__init__(window)
        self._window = window
        self._monotonic = monotonic
        self._done = 0
        self._started = 0.0

    def feed(self, event: QEvent) -> None:
        point = release_point(event)
        if point is None:
            return
        corner = self._corner(self._window.mapFromGlobal(point))
        now = self._monotonic()
        if self._done and now - self._started > self.WITHIN_S:
            self._done = 0
        if corner == self.SEQUENCE[self._done]:
            if self._done == 0:
                self._started = now
            self._done += 1
        else:
            self._done = 1 if corner == self.SEQUENCE[0] else 0
            self._started = now
        if self._done == len(self.SEQUENCE):
            self._done = 0
            self.triggered.emit()

    def _corner(self, p: QPoint) -> str | None:
        w, h, c = self._window.width(), self._window.height(), self.CORNER_PX
        column = "l" if p.x() < c else "r" if p.x() >= w - c else ""
        row = "t" if p.y() < c else "b" if p.y() >= h - c else ""
        return row + column if row and column else None


def release_point(event: QEvent) -> QPoint | None:
    """Global position of a finger lift or a real (not touch-synthesized) mouse release."""
    if event.type() == QEvent.Type.TouchEnd and isinstance(event, QTouchEvent):
        points = event.points()
        return points[0].globalPosition().toPoint() if points else None
    if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
        if event.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
            return None
        return event.globalPosition().toPoint()
    return None
