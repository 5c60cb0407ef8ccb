"""systemd readiness and watchdog notifications (sd_notify), without a dependency.

Under `Type=notify` systemd passes a datagram socket in $NOTIFY_SOCKET (a path, or an abstract
name starting with '@'). We send READY=1 once the first frame is painted, WATCHDOG=1 from a
QTimer on the GUI event loop every half $WATCHDOG_USEC (so a blocked or hung loop stops the
pings and systemd restarts the kiosk), and STOPPING=1 when the app quits. Without
$NOTIFY_SOCKET (a desktop session, Windows, tests) every call does nothing.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.services.first_frame import on_first_paint

log = logging.getLogger(__name__)


def _address(value: str) -> str | bytes:
    """A Linux abstract socket name is written '@name' and sent as b'\\0name'."""
    return b"\0" + value[1:].encode() if value.startswith("@") else value


class SystemdNotifier(QObject):
    """Sends sd_notify messages; `start()` arms READY on first paint, pings, and STOPPING."""

    def __init__(self, environ: Mapping[str, str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        env = os.environ if environ is None else environ
        socket_name = env.get("NOTIFY_SOCKET", "")
        self._address = _address(socket_name) if socket_name else None
        self._ready_sent = False
        self._window: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.ping)
        self.interval_ms = self._watchdog_interval_ms(env)

    @staticmethod
    def _watchdog_interval_ms(env: Mapping[str, str]) -> int | None:
        pid = env.get("WATCHDOG_PID")
        if pid and pid != str(os.getpid()):
            return None  # the watchdog is meant for another process
        try:
            usec = int(env.get("WATCHDOG_USEC", ""))
        except ValueError:
            return None
        return max(1, usec // 2000) if usec > 0 else None

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def send(self, message: str) -> bool:
        """Send one datagram; never blocks or raises (a kiosk must not die of its watchdog)."""
        if self._address is None:
            return False
        try:  # a socket per message (one every WatchdogSec/2): nothing to keep open or close
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.setblocking(False)
                sock.sendto(message.encode(), self._address)
        except OSError as error:
            log.warning("sd_notify %s failed: %s", message, error)
            return False
        return True

    def ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = self.send("READY=1")

    def ping(self) -> None:
        self.send("WATCHDOG=1")

    def stopping(self) -> None:
        self._timer.stop()
        self.send("STOPPING=1")

    def start(self, window: QWidget) -> None:
        """READY=1 after `window` first paints; pings on this thread's loop; STOPPING at quit."""
        if not self.enabled:
            return
        on_first_paint(window, self.ready)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stopping)
        if self.interval_ms is not None:
            self._timer.start(self.interval_ms)
            self.ping()


def install(window: QWidget) -> SystemdNotifier:
    """Hook the main window to systemd; call once after creating it, before `app.exec()`."""
    notifier = SystemdNotifier(parent=window)
    notifier.start(window)
    return notifier
