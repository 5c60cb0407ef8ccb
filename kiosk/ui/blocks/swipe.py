"""A widget that turns touch (or mouse) drags into taps and swipes.

It takes raw touch events (WA_AcceptTouchEvents), so a horizontal swipe reaches it even inside
a vertical kinetic scroll area. Once a drag turns out vertical it is handed to the enclosing
scroll area's QScroller, so the page still scrolls when the drag starts on this widget.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, Qt, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QScroller, QWidget

TAP_SLOP = 20  # px a finger may wander and still tap
SWIPE_MIN = 60  # px of travel that makes a swipe


class SwipeArea(QWidget):
    tapped = Signal(QPointF)
    swiped = Signal(str)  # "left", "right", "up" or "down": the way the finger moved

    def __init__(self, parent: QWidget | None = None, forward_vertical: bool = True):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setProperty("tappable", True)
        self.forward_vertical = forward_vertical
        self._start: QPointF | None = None
        self._axis: str | None = None
        self._scroller: QScroller | None = None
        self._viewport: QWidget | None = None
        self._clock = QElapsedTimer()
        self._clock.start()

    def activate(self) -> None:
        """What a tap in the middle does: the keypad's Enter on this area (kiosk/ui/keypad.py)."""
        self.tapped.emit(QPointF(self.rect().center()))

    # ---- input --------------------------------------------------------------------------

    def event(self, event) -> bool:
        kind = event.type()
        touch = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd)
        if kind in touch and event.points():
            pos = event.points()[0].position()
            if kind == QEvent.Type.TouchBegin:
                self._begin(pos)
            elif kind == QEvent.Type.TouchUpdate:
                self._move(pos)
            else:
                self._end(pos)
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._cancel()
            event.accept()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event) -> None:
        self._move(event.position())

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())

    # ---- gesture ------------------------------------------------------------------------

    def _begin(self, pos: QPointF) -> None:
        self._start, self._axis = QPointF(pos), None

    def _move(self, pos: QPointF) -> None:
        if self._start is None:
            return
        delta = pos - self._start
        if self._axis is None and max(abs(delta.x()), abs(delta.y())) > TAP_SLOP:
            self._axis = "h" if abs(delta.x()) >= abs(delta.y()) else "v"
            if self._axis == "v" and self.forward_vertical:
                self._hand_to_scroller(self._start)
        if self._scroller is not None:
            self._feed(QScroller.Input.InputMove, pos)

    def _end(self, pos: QPointF) -> None:
        if self._start is None:
            return
        delta = pos - self._start
        axis, self._start = self._axis, None
        if self._scroller is not None:
            self._feed(QScroller.Input.InputRelease, pos)
            self._scroller = None
            return
        if axis is None:
            self.tapped.emit(pos)
        elif axis == "h" and abs(delta.x()) >= SWIPE_MIN:
            self.swiped.emit("left" if delta.x() < 0 else "right")
        elif axis == "v" and abs(delta.y()) >= SWIPE_MIN:
            self.swiped.emit("up" if delta.y() < 0 else "down")

    def _cancel(self) -> None:
        self._start, self._axis, self._scroller = None, None, None

    def _hand_to_scroller(self, start: QPointF) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is None or not QScroller.hasScroller(parent.viewport()):
            return
        self._viewport = parent.viewport()
        self._scroller = QScroller.scroller(self._viewport)
        self._feed(QScroller.Input.InputPress, start)

    def _feed(self, kind: QScroller.Input, pos: QPointF) -> None:
        if self._scroller is None or self._viewport is None:
            return
        where = QPointF(self.mapTo(self._viewport, pos.toPoint()))
        self._scroller.handleInput(kind, where, self._clock.elapsed())
