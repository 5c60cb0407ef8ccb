"""Quit cleanly on SIGTERM and SIGINT (systemd stop, shutdown, Ctrl+C in a preview).

Python runs signal handlers only when the interpreter gets control, and the Qt event loop can
sit in C++ for as long as nobody touches the screen. `signal.set_wakeup_fd` makes every signal
write a byte to a socket pair; a QSocketNotifier on the other end wakes the loop, and Python
then runs the handler, which asks the application to exit. `app.exec()` returns, so the
controller stops, the visit in progress is saved and systemd hears STOPPING=1.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGTERM, signal.SIGINT)


def _default_exit(code: int) -> None:
    QCoreApplication.exit(code)


class SignalQuit(QObject):
    """While alive, SIGTERM/SIGINT call `exit(0)`. Call `close()` to restore the old handlers."""

    def __init__(self, exit: Callable[[int], None] = _default_exit, parent: QObject | None = None):
        super().__init__(parent)
        self._exit = exit
        self._reader, self._writer = socket.socketpair()
        for sock in (self._reader, self._writer):
            sock.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._old = {number: signal.signal(number, self._handle) for number in SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self, *_activated) -> None:
        """(Takes the signal's arguments too: PySide passes them to a wrapped slot, e.g. when
        mutmut instruments it.)"""
        with contextlib.suppress(OSError):
            self._reader.recv(512)  # returning to Python is what runs the handler

    def _handle(self, number: int, _frame) -> None:
        log.info("received %s: quitting", signal.Signals(number).name)
        # Queued: a signal that comes before app.exec() must still end the loop once it runs.
        QTimer.singleShot(0, lambda: self._exit(0))

    def close(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._old_fd)
        for number, handler in self._old.items():
            signal.signal(number, handler)
        self._reader.close()
        self._writer.close()
