"""Event filters on one window's native QWindow, never on the whole application.

Qt hands a QWindow every input event and close request for its window before any widget sees
them, so a filter there watches everything a visitor does to the kiosk. An application-wide
Python filter would also be handed every object Qt sends an event to, objects still being
constructed included, and PySide can crash wrapping those. The native window exists only once
the widget is shown and is made anew when its flags change (kiosk mode does that), so the
filter follows it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

_HANDLE_CHANGES = (QEvent.Type.Show, QEvent.Type.WinIdChange, QEvent.Type.PlatformSurface)


class WindowFilter(QObject):
    """While alive and not removed, `target` filters the events of `window`'s QWindow."""

    def __init__(self, window: QWidget, target: QObject):
        super().__init__(window)
        self._window = window
        self._target = target
        self._handle: QWindow | None = None
        window.installEventFilter(self)
        self._follow()

    def remove(self) -> None:
        self._window.removeEventFilter(self)
        if self._handle is not None:
            self._handle.removeEventFilter(self._target)
            self._handle = None

    def _follow(self) -> None:
        handle = self._window.windowHandle()
        if handle is self._handle:
            return
        if self._handle is not None:
            self._handle.removeEventFilter(self._target)
        self._handle = handle
        if handle is not None:
            handle.installEventFilter(self._target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _HANDLE_CHANGES:
            self._follow()
        return False
