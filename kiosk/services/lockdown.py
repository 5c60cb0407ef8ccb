"""Kiosk-mode lockdown: no closing, quitting or context menus, and no screen saver.

`Lockdown` filters the kiosk window's QWindow (kiosk/services/window_filter.py). While enabled
it eats close requests, Alt+F4, Esc, Ctrl+W and Ctrl+Q, right-button clicks (what opens a
context menu) and context-menu events; `set_enabled(False)` (the admin's Exit button) lets
everything through again. No widget ever sees an Esc: the window is handed Qt's Back key for
it instead (`Qt.Key_Back`, which closes nothing): the keypad's Back (kiosk/ui/keypad.py), and a
key that counts as activity like any other. The kiosk leaves its event loop with `exit()`,
which closes nothing. The screen-saver and display-power calls are best effort: tried, logged,
never raised.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

_BLOCKED_KEYS = {
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
}
_MOUSE = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
}
_MODIFIERS = (
    Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.MetaModifier
)


class Lockdown(QObject):
    def __init__(self, enabled: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self.enabled = enabled

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.enabled:
            return False
        kind = event.type()
        if kind == QEvent.Type.Quit:
            # QApplication.quit() (SIGTERM handler, service stop) first closes every window
            # and gives up if one refuses: a programmatic quit must get through.
            self.enabled = False
            return False
        closing_window = obj.isWindowType() or (isinstance(obj, QWidget) and obj.isWindow())
        if kind == QEvent.Type.Close and closing_window:
            event.ignore()  # a QCloseEvent starts accepted: ignore it or the window closes
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            mods = event.modifiers() & _MODIFIERS
            if (Qt.Key(event.key()), mods) in _BLOCKED_KEYS:
                event.accept()
                if kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                    back = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Back, event.modifiers())
                    QCoreApplication.sendEvent(obj, back)
                return True
        if kind in _MOUSE and isinstance(event, QMouseEvent):
            return event.button() == Qt.MouseButton.RightButton
        return kind == QEvent.Type.ContextMenu


def _run(args: list[str]) -> bool:
    if not shutil.which(args[0]):
        return False
    try:
        subprocess.run(args, check=True, timeout=5, capture_output=True)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("%s failed: %s", " ".join(args), exc)
        return False
    log.info("ran %s", " ".join(args))
    return True


def inhibit_screensaver() -> str:
    """Keep the screen on; returns what worked ("windows", "xset", "dbus" or "none")."""
    if sys.platform == "win32":
        return "windows" if _windows_keep_display_on() else "none"
    if not sys.platform.startswith("linux"):
        log.info("screen saver: nothing to do on %s (set power options in the OS)", sys.platform)
        return "none"
    if os.environ.get("DISPLAY") and _run(["xset", "s", "off", "-dpms"]):
        return "xset"
    if _dbus_inhibit():
        return "dbus"
    log.warning("screen saver: could not inhibit it; turn it off in the desktop settings")
    return "none"


def _windows_keep_display_on() -> bool:
    """SetThreadExecutionState: no sleep and no display power-off while the kiosk runs."""
    import ctypes

    es_continuous, es_system_required, es_display_required = 0x80000000, 0x1, 0x2
    flags = es_continuous | es_system_required | es_display_required
    try:
        return bool(ctypes.windll.kernel32.SetThreadExecutionState(flags))  # type: ignore[attr-defined]
    except (AttributeError, OSError) as error:
        log.warning("screen saver: SetThreadExecutionState failed: %s", error)
        return False


def _dbus_inhibit() -> bool:
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface
    except ImportError:
        return False
    try:
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return False
        iface = QDBusInterface(
            "org.freedesktop.ScreenSaver",
            "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver",
            bus,
        )
        if not iface.isValid():
            return False
        reply = iface.call("Inhibit", "etown-kiosk", "visitor kiosk on display")
        ok = reply.errorName() == ""
        log.info("screen saver: D-Bus Inhibit %s", "done" if ok else reply.errorMessage())
        return ok
    except Exception as exc:  # noqa: BLE001 - best effort, never fatal
        log.warning("screen saver: D-Bus Inhibit failed: %s", exc)
        return False


def display_power(on: bool) -> bool:
    """Turn the display off for standby or back on (X11 DPMS via xset); best effort.

    `xset dpms force` switches DPMS on to do its job, and DPMS left on blanks the screen after
    the X server's timeouts (10 min by default) in the middle of an open day: so turning the
    display back on also switches DPMS and the screen saver off again.
    """
    if not (sys.platform.startswith("linux") and os.environ.get("DISPLAY")):
        return False
    if not on:
        return _run(["xset", "dpms", "force", "off"])
    return _run(["xset", "dpms", "force", "on"]) and _run(["xset", "s", "off", "-dpms"])
