"""Run a callback once a window has painted its first frame.

The first `QTimer.singleShot(0)` after `show()` fires before anything is painted, so the
first Paint event of any widget in the window is what marks the first frame.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None]):
        super().__init__(window)
        self._window = window
        self._callback = callback
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self)  # children may cover the window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)  # after this paint has been flushed
        return False


def on_first_paint(window: QWidget, callback: Callable[[], None]) -> FirstPaint:
    return FirstPaint(window, callback)
