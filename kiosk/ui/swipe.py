"""Horizontal swipes anywhere in a window, seen before any widget or QScroller gets them.

It watches the QWindow's touch and mouse events without consuming any, so the kinetic scroll
areas and buttons underneath behave exactly as without it.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent

MIN_DISTANCE = 140  # px the finger must travel sideways
MAX_SLOPE = 0.5  # |dy| / |dx| at most: clearly sideways, not a diagonal scroll
MAX_MS = 1200  # a slow drag is reading, not swiping


class SwipeWatcher(QObject):
    swiped = Signal(int, QPointF)  # dx sign (-1 finger moved left), start point in the window

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._start: QPointF | None = None
        self._clock = QElapsedTimer()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        touch = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd)
        mouse = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease)
        if kind in touch and isinstance(event, QTouchEvent):
            points = event.points()
            if kind == QEvent.Type.TouchBegin and len(points) == 1:
                self._begin(points[0].position())
            elif kind == QEvent.Type.TouchEnd and points:
                self._end(points[0].position())
            elif len(points) > 1:
                self._start = None  # two fingers: not a swipe
        elif kind == QEvent.Type.TouchCancel:
            self._start = None
        elif kind in mouse and isinstance(event, QMouseEvent):
            if event.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
                return False  # the touch that made it was seen already
            if event.button() != Qt.MouseButton.LeftButton:
                return True  # no right-click anywhere: no context menus
            if kind == QEvent.Type.MouseButtonPress:
                self._begin(event.position())
            else:
                self._end(event.position())
        return False

    def _begin(self, pos: QPointF) -> None:
        self._start = QPointF(pos)
        self._clock.start()

    def _end(self, pos: QPointF) -> None:
        start, self._start = self._start, None
        if start is None or self._clock.elapsed() > MAX_MS:
            return
        dx, dy = pos.x() - start.x(), pos.y() - start.y()
        if abs(dx) >= MIN_DISTANCE and abs(dy) <= abs(dx) * MAX_SLOPE:
            self.swiped.emit(-1 if dx < 0 else 1, start)
