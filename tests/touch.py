"""The one touch helper: real touch events from a QTest touch screen, for every test.

A QPointingDevice made in Python delivers nothing; QTest.createTouchDevice does. Points are
mapped to window coordinates once, at the start of a gesture (the widget under the finger moves
while the content scrolls), and sent to the top-level window, as a touch screen would.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QInputDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

_device = None


def touch_device():
    global _device
    if _device is None:
        _device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)
    return _device


class Touch:
    def __init__(self):
        self.device = touch_device()

    @staticmethod
    def _at(widget: QWidget, pos) -> tuple[QWidget, QPoint]:
        pos = widget.rect().center() if pos is None else QPointF(pos).toPoint()
        window = widget.window()
        return window, (widget.mapTo(window, pos) if widget is not window else pos)

    def tap(self, widget: QWidget, pos=None) -> None:
        """A finger down and up at `pos` (widget coordinates; the centre by default)."""
        window, point = self._at(widget, pos)
        QTest.touchEvent(window, self.device).press(0, point, window).commit()
        QTest.touchEvent(window, self.device).release(0, point, window).commit()
        QApplication.processEvents()

    def swipe(self, widget: QWidget, start, end, steps: int = 12, step_ms: int = 16) -> None:
        """One finger from `start` to `end` (widget coordinates), like a quick flick."""
        window, a = self._at(widget, start)
        _, b = self._at(widget, end)
        QTest.touchEvent(window, self.device).press(0, a, window).commit()
        QTest.qWait(step_ms)
        for i in range(1, steps + 1):
            point = QPointF(a) + (QPointF(b) - QPointF(a)) * (i / steps)
            QTest.touchEvent(window, self.device).move(0, point.toPoint(), window).commit()
            QTest.qWait(step_ms)
        QTest.touchEvent(window, self.device).release(0, b, window).commit()
        QApplication.processEvents()


def tap(widget: QWidget, point=None) -> None:
    Touch().tap(widget, point)
