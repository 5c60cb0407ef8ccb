"""Run a callback once a window has painted its first frame.

The first `QTimer.singleShot(0)` after `show()` fires before anything is painted. A widget
window paints all its widgets while it handles an UpdateRequest (sent to the top-level widget
or to its native QWindow, by platform) or its QWindow an Expose; the callback is queued when
the first of those arrives while the window is exposed, and runs once that painting is done.

The filter sits on that one QWindow, never on the application: an application-wide Python
event filter is handed every object Qt sends an event to, objects still being constructed
included, and PySide can crash wrapping those (seen here as segfaults and aborts under load).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

_PAINTS = (QEvent.Type.Expose, QEvent.Type.UpdateRequest)
_HANDLE_APPEARS = (QEvent.Type.Show, QEvent.Type.WinIdChange)


class FirstPaint(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None]):
        super().__init__(window)
        self._window = window
        self._callback = callback
        self._handle: QWindow | None = None
        window.installEventFilter(self)  # the native window exists from the first show
        self._attach()

    def _attach(self) -> None:
        # (a child's native window is its top-level's: `kiosk preview` holds the kiosk inside)
        handle = self._window.window().windowHandle()
        if handle is not None and handle is not self._handle:
            if self._handle is not None:
                self._handle.removeEventFilter(self)
            self._handle = handle
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if watched is self._window and kind in _HANDLE_APPEARS:
            self._attach()
        elif kind in _PAINTS and self._handle is not None and self._handle.isExposed():
            self._window.removeEventFilter(self)
            self._handle.removeEventFilter(self)
            # After this event's painting is flushed; never once the window is gone.
            QTimer.singleShot(0, self, self._callback)
        return False


def on_first_paint(window: QWidget, callback: Callable[[], None]) -> FirstPaint:
    return FirstPaint(window, callback)
