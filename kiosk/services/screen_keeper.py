"""Keep the kiosk window on the screen, whatever the window manager or a visitor does.

A window manager's own shortcuts and menus (openbox: Alt+Space > Iconify or Layer > Normal,
Super+D, Ctrl+Alt+Right, Alt+wheel) can minimise the kiosk, drop it below other windows or
switch to an empty desktop. The locked session in packaging/session/ removes those routes;
this is the second line, for any session: while started, `ScreenKeeper` puts the window back
(fullscreen, on top, shown, active, raised) within a second of losing any of it, and logs each
restoration once. If the window itself is destroyed, the kiosk cannot show anything any more:
it calls `quit(EXIT_WINDOW_LOST)`, a failure exit, so systemd (`Restart=on-failure`) starts a
new kiosk.

It reacts to the window's WindowStateChange, Hide and ActivationChange events, with a check
every 500 ms as a backstop. On X11 it also reads what the window manager says about the window
(`_NET_WM_STATE`, mapped or not, on which desktop) over its own small xcb connection, since Qt
does not see a window dropped to the normal layer or left behind on another desktop, and asks
the window manager for it back with the EWMH messages a pager would send. A window manager that
keeps taking the screen is not fought in a tight loop: after a few restorations in a row the
keeper waits longer between attempts (up to 8 s) and says so once.

    keeper = ScreenKeeper(window, quit=app.exit)
    window.showFullScreen()
    keeper.start()          # logs "screen keeper on"
    ...
    keeper.stop()           # also done on QCoreApplication.aboutToQuit
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPlatformSurfaceEvent, QWindow
from PySide6.QtWidgets import QWidget

from kiosk.services.x11_window import X11, WindowState

log = logging.getLogger(__name__)

EXIT_WINDOW_LOST = 70  # EX_SOFTWARE: not 0, so `Restart=on-failure` starts the kiosk again
CHECK_MS = 500
SOON_MS = 50  # after an event: let the window manager finish what it is doing first
STARTED_LINE = "screen keeper on"

_BURST = 5  # restorations within _BURST_S seconds before backing off
_BURST_S = 5.0
_MAX_BACKOFF_S = 8.0
_SETTLE_S = 0.3  # after a restoration, before judging the window again

_STATE_EVENTS = {
    QEvent.Type.WindowStateChange,
    QEvent.Type.Hide,
    QEvent.Type.ActivationChange,
    QEvent.Type.WindowDeactivate,
}

# What can be lost, and the log line for it (once per occurrence).
_LOSSES = {
    "hidden": "the window was hidden",
    "minimised": "the window was minimised",
    "not_fullscreen": "the window left fullscreen",
    "not_on_top": "the window lost stays-on-top",
    "unmapped": "the window manager took the window off the screen (another desktop?)",
    "not_above": "the window manager moved the window out of the top layer",
    "inactive": "another window took the focus",
}


class ScreenKeeper(QObject):
    def __init__(
        self,
        window: QWidget,
        quit: Callable[[int], None],  # noqa: A002 - the name the composition root passes
        parent: QObject | None = None,
        *,
        interval_ms: int = CHECK_MS,
    ):
        super().__init__(parent)
        self._window = window
        self._quit = quit
        self._running = False
        self._quitting = False
        self._restoring = False
        self._native_lost = False
        self._lost: set[str] = set()
        self._handle: QWindow | None = None
        self._x11: X11 | None = None
        self._restored: list[float] = []  # monotonic times of recent restorations
        self._wait_until = 0.0
        self._backoff = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SOON_MS)
        self._soon.timeout.connect(self.check)

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        if self._running:
            return
        if not shiboken6.isValid(self._window):
            self._window_lost("the kiosk window is gone")
            return
        self._running = True
        self._window.installEventFilter(self)
        self._window.destroyed.connect(self._on_destroyed)
        self._watch_handle()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)  # a normal exit is not a lost window
        if QGuiApplication.platformName() == "xcb":
            self._x11 = X11.connect()
        self._timer.start()
        log.info(STARTED_LINE)
        self._soon.start()

    def stop(self) -> None:
        if not self._running:
            return
        self._running = False
        self._timer.stop()
        self._soon.stop()
        app = QCoreApplication.instance()
        if app is not None:
            with _quietly():
                app.aboutToQuit.disconnect(self.stop)
        if shiboken6.isValid(self._window):
            self._window.removeEventFilter(self)
            with _quietly():
                self._window.destroyed.disconnect(self._on_destroyed)
        self._unwatch_handle()
        if self._x11 is not None:
            self._x11.close()
            self._x11 = None

    # ---- events -----------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self._running:
            return False
        kind = event.type()
        if kind in _STATE_EVENTS:
            self._soon.start()
        elif (
            isinstance(event, QPlatformSurfaceEvent)
            and obj is self._handle
            and not self._restoring
            and event.surfaceEventType()
            == QPlatformSurfaceEvent.SurfaceEventType.SurfaceAboutToBeDestroyed
        ):
            self._native_lost = True  # unless Qt makes a new one at once (checked soon)
            self._soon.start()
        return False

    def _watch_handle(self) -> None:
        handle = self._window.windowHandle()
        if handle is self._handle:
            return
        self._unwatch_handle()
        self._handle = handle
        if handle is not None:
            handle.installEventFilter(self)

    def _unwatch_handle(self) -> None:
        if self._handle is not None and shiboken6.isValid(self._handle):
            self._handle.removeEventFilter(self)
        self._handle = None

    def _on_destroyed(self, *_args) -> None:
        self._window_lost("the kiosk window was destroyed")

    def _window_lost(self, why: str) -> None:
        if self._quitting:
            return
        self._quitting = True
        log.error(
            "screen keeper: %s: exiting with code %d so the service manager starts the kiosk again",
            why,
            EXIT_WINDOW_LOST,
        )
        self.stop()
        self._quit(EXIT_WINDOW_LOST)

    # ---- the check --------------------------------------------------------------------------

    def check(self) -> None:
        """Find what the window lost, and give it back (at most once per check)."""
        if not self._running:
            return
        window = self._window
        if not shiboken6.isValid(window):
            self._window_lost("the kiosk window was destroyed")
            return
        x11 = None
        if self._x11 is not None and window.internalWinId():
            x11 = self._x11.state(int(window.internalWinId()))
            if x11 is not None and not x11.exists:
                self._window_lost("the kiosk's X window was destroyed from outside")
                return
        if self._native_lost:
            self._native_lost = False
            if window.windowHandle() is None or not window.internalWinId():
                self._window_lost("the kiosk's native window went away")
                return
        self._watch_handle()
        lost = self._losses(window, x11)
        self._lost &= lost  # what came back counts as a new occurrence when lost again
        if not lost:
            self._restored.clear()
            self._backoff = 0.0
            return
        now = time.monotonic()
        if now < self._wait_until:
            return  # just restored (let the window manager act), or backing off
        for what in sorted(lost - self._lost):
            log.warning("screen keeper: %s: taking the screen back", _LOSSES[what])
        self._lost |= lost
        self._restore(window, lost, x11)
        self._wait_until = now + _SETTLE_S
        self._pace(now)

    def _losses(self, window: QWidget, x11: WindowState | None) -> set[str]:
        state = window.windowState()
        lost = set()
        if not window.isVisible():
            lost.add("hidden")
        if state & Qt.WindowState.WindowMinimized:
            lost.add("minimised")
        if not state & Qt.WindowState.WindowFullScreen:
            lost.add("not_fullscreen")
        if not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint:
            lost.add("not_on_top")
        if x11 is not None:
            if x11.managed and not x11.viewable and window.isVisible():
                lost.add("unmapped")
            if x11.managed and not x11.above and "not_on_top" not in lost:
                lost.add("not_above")
            if x11.hidden:
                lost.add("minimised")
            if x11.active is not None and x11.active not in _own_window_ids():
                lost.add("inactive")
        elif QGuiApplication.focusWindow() is None:  # none of the kiosk's windows is active
            lost.add("inactive")
        return lost

    def _restore(self, window: QWidget, lost: set[str], x11: WindowState | None) -> None:
        if "not_on_top" in lost:
            # Changing a flag hides a top-level widget (and may make Qt re-create its native
            # window, which is not a lost window): it is shown again just below.
            self._restoring = True
            try:
                window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            finally:
                self._restoring = False
        if lost & {"hidden", "minimised", "not_fullscreen", "not_on_top"}:
            window.setWindowState(
                (window.windowState() & ~Qt.WindowState.WindowMinimized)
                | Qt.WindowState.WindowFullScreen
            )
            window.showFullScreen()
        if self._x11 is not None and x11 is not None and window.internalWinId():
            wid = int(window.internalWinId())
            if "not_above" in lost or "not_on_top" in lost:
                self._x11.add_states(wid, ("_NET_WM_STATE_ABOVE",))
            if lost & {"not_fullscreen", "minimised"}:
                self._x11.add_states(wid, ("_NET_WM_STATE_FULLSCREEN",))
            if lost & {"unmapped", "minimised", "hidden"}:
                self._x11.to_current_desktop(wid)
            self._x11.activate(wid)  # as a pager would: not refused as focus stealing
        window.raise_()
        window.activateWindow()

    def _pace(self, now: float) -> None:
        """A few restorations in a row are normal; a stream of them means a fight: back off."""
        self._restored = [t for t in self._restored if now - t < _BURST_S] + [now]
        if len(self._restored) < _BURST:
            return
        self._backoff = min(_MAX_BACKOFF_S, max(1.0, self._backoff * 2))
        self._wait_until = now + self._backoff
        if self._backoff == 1.0 or self._backoff == _MAX_BACKOFF_S:
            log.warning(
                "screen keeper: the screen keeps being taken away; next try in %.0f s",
                self._backoff,
            )


def _own_window_ids() -> set[int]:
    """The kiosk's own top-level windows: one of them being active is fine (a dialog, say)."""
    ids = set()
    for handle in QGuiApplication.topLevelWindows():
        with _quietly():
            if handle.isVisible() and handle.winId():
                ids.add(int(handle.winId()))
    return ids


class _quietly:
    """`with _quietly():` ignores the RuntimeError/TypeError of disconnecting twice."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        return kind is not None and issubclass(kind, (RuntimeError, TypeError))
