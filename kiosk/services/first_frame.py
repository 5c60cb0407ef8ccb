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


def filter_native_window(
    watcher: QObject, widget: QWidget, watched: QWindow | None
) -> QWindow | None:
    """Move `watcher`'s event filter from `watched` to `widget`'s native window if that is
    another one now; returns the window watched. (A child's native window is its top-level's:
    `kiosk preview` holds the kiosk inside its own.)"""
    handle = widget.window().windowHandle()
    if handle is not None and handle is not watched:
        if watched is not None:
            watched.removeEventFilter(watcher)
        handle.installEventFilter(watcher)
        return handle
    return watched


class FirstPaint(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None]):
        super().__init__(window)
        self._window = window
        self._callback = callback
        self._handle: QWindow | None = None
        window.installEventFilter(self)  # the native window exists from the first show
        self._attach()

    def _attach(self) -> None:
        self._handle = filter_native_window(self, self._window, self._handle)

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
