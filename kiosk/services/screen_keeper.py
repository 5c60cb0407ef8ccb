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

import ctypes
import ctypes.util
import logging
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPlatformSurfaceEvent, QWindow
from PySide6.QtWidgets import QWidget

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
        self._x11: _X11 | None = None
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
            self._x11 = _X11.connect()
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

    def _losses(self, window: QWidget, x11: _WindowState | None) -> set[str]:
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

    def _restore(self, window: QWidget, lost: set[str], x11: _WindowState | None) -> None:
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


# ---- X11: what the window manager says about the window ---------------------------------------


class _WindowState:
    __slots__ = ("exists", "managed", "viewable", "above", "hidden", "active")

    def __init__(self, exists: bool = True):
        self.exists = exists
        self.managed = False  # a window manager has put _NET_WM_STATE support on the root
        self.viewable = True
        self.above = True
        self.hidden = False
        self.active: int | None = None  # the active window; None: the manager does not say


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _X11:
    """A private xcb connection (libxcb is what Qt's xcb platform runs on) for EWMH reads.

    Every call is best effort: an error means "unknown", never an exception into the app.
    """

    def __init__(self, lib, libc, conn):
        self._lib = lib
        self._libc = libc
        self._conn = conn
        self._atoms: dict[str, int] = {}
        self._root: int | None = None

    @classmethod
    def connect(cls) -> _X11 | None:
        try:
            lib = ctypes.CDLL(ctypes.util.find_library("xcb") or "libxcb.so.1")
            libc = ctypes.CDLL(None)
            for name in (
                "xcb_intern_atom",
                "xcb_get_property",
                "xcb_get_window_attributes",
                "xcb_get_geometry",
                "xcb_send_event",
            ):
                getattr(lib, name).restype = _Cookie
            for name in (
                "xcb_intern_atom_reply",
                "xcb_get_property_reply",
                "xcb_get_window_attributes_reply",
                "xcb_get_geometry_reply",
                "xcb_get_property_value",
                "xcb_connect",
            ):
                getattr(lib, name).restype = ctypes.c_void_p
            lib.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
            lib.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
            lib.xcb_disconnect.argtypes = [ctypes.c_void_p]
            lib.xcb_flush.argtypes = [ctypes.c_void_p]
            lib.xcb_intern_atom.argtypes = [
                ctypes.c_void_p,
                ctypes.c_uint8,
                ctypes.c_uint16,
                ctypes.c_char_p,
            ]
            lib.xcb_intern_atom_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.c_void_p]
            lib.xcb_get_property.argtypes = [
                ctypes.c_void_p,
                ctypes.c_uint8,
                ctypes.c_uint32,
                ctypes.c_uint32,
                ctypes.c_uint32,
                ctypes.c_uint32,
                ctypes.c_uint32,
            ]
            lib.xcb_get_property_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.c_void_p]
            lib.xcb_get_property_value.argtypes = [ctypes.c_void_p]
            lib.xcb_get_property_value_length.argtypes = [ctypes.c_void_p]
            lib.xcb_get_window_attributes.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
            lib.xcb_get_window_attributes_reply.argtypes = [
                ctypes.c_void_p,
                _Cookie,
                ctypes.c_void_p,
            ]
            lib.xcb_get_geometry.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
            lib.xcb_get_geometry_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.c_void_p]
            lib.xcb_send_event.argtypes = [
                ctypes.c_void_p,
                ctypes.c_uint8,
                ctypes.c_uint32,
                ctypes.c_uint32,
                ctypes.c_char_p,
            ]
            libc.free.argtypes = [ctypes.c_void_p]
            conn = lib.xcb_connect(None, None)
            if not conn or lib.xcb_connection_has_error(conn):
                if conn:
                    lib.xcb_disconnect(conn)
                log.info("screen keeper: no X connection of its own: Qt's view only")
                return None
        except (OSError, AttributeError) as exc:
            log.info("screen keeper: libxcb not usable (%s): Qt's view only", exc)
            return None
        return cls(lib, libc, conn)

    def close(self) -> None:
        if self._conn:
            self._lib.xcb_disconnect(self._conn)
            self._conn = None

    def _reply(self, name: str, cookie: _Cookie) -> int | None:
        error = ctypes.c_void_p()
        reply = getattr(self._lib, f"{name}_reply")(self._conn, cookie, ctypes.byref(error))
        if error.value:
            self._libc.free(error)
        return reply or None

    def atom(self, name: str) -> int:
        if name not in self._atoms:
            raw = name.encode()
            reply = self._reply(
                "xcb_intern_atom", self._lib.xcb_intern_atom(self._conn, 0, len(raw), raw)
            )
            atom = 0
            if reply:
                atom = ctypes.c_uint32.from_address(reply + 8).value
                self._libc.free(reply)
            self._atoms[name] = atom
        return self._atoms[name]

    def _u32s(self, window: int, prop: str, kind: int) -> list[int] | None:
        cookie = self._lib.xcb_get_property(self._conn, 0, window, self.atom(prop), kind, 0, 64)
        reply = self._reply("xcb_get_property", cookie)
        if not reply:
            return None
        try:
            length = self._lib.xcb_get_property_value_length(reply) // 4
            value = self._lib.xcb_get_property_value(reply)
            return list((ctypes.c_uint32 * length).from_address(value)) if length else []
        finally:
            self._libc.free(reply)

    def root(self, window: int) -> int | None:
        if self._root is None:
            reply = self._reply("xcb_get_geometry", self._lib.xcb_get_geometry(self._conn, window))
            if not reply:
                return None
            self._root = ctypes.c_uint32.from_address(reply + 8).value
            self._libc.free(reply)
        return self._root

    def state(self, window: int) -> _WindowState | None:
        """The window as the X server and the window manager see it; None if unknown."""
        if not self._conn or self._lib.xcb_connection_has_error(self._conn):
            return None
        cookie = self._lib.xcb_get_window_attributes(self._conn, window)
        reply = self._reply("xcb_get_window_attributes", cookie)
        if not reply:
            return _WindowState(exists=False)
        map_state = ctypes.c_uint8.from_address(reply + 26).value
        self._libc.free(reply)
        result = _WindowState()
        result.viewable = map_state == 2  # XCB_MAP_STATE_VIEWABLE
        root = self.root(window)
        if not root:
            return result  # no root to read the window manager's hints from
        supported = self._u32s(root, "_NET_SUPPORTED", 4)  # XCB_ATOM_ATOM
        if not supported or self.atom("_NET_WM_STATE") not in supported:
            return result  # no EWMH window manager: nothing more to read
        result.managed = True
        states = self._u32s(window, "_NET_WM_STATE", 4) or []
        result.above = self.atom("_NET_WM_STATE_ABOVE") in states
        result.hidden = self.atom("_NET_WM_STATE_HIDDEN") in states
        active = self._u32s(root, "_NET_ACTIVE_WINDOW", 33)  # XCB_ATOM_WINDOW
        if active is not None and self.atom("_NET_ACTIVE_WINDOW") in supported:
            result.active = active[0] if active else 0
        return result

    def _message(self, window: int, kind: str, data: tuple[int, ...]) -> None:
        root = self.root(window)
        if root is None:
            return
        words = (list(data) + [0] * 5)[:5]
        event = bytes([33, 32, 0, 0])  # XCB_CLIENT_MESSAGE, format 32, sequence
        event += window.to_bytes(4, "little") + self.atom(kind).to_bytes(4, "little")
        event += b"".join(w.to_bytes(4, "little") for w in words)
        mask = (1 << 19) | (1 << 20)  # SubstructureNotify | SubstructureRedirect
        self._lib.xcb_send_event(self._conn, 0, root, mask, event)
        self._lib.xcb_flush(self._conn)

    def add_states(self, window: int, names: tuple[str, ...]) -> None:
        atoms = [self.atom(n) for n in names][:2]
        self._message(window, "_NET_WM_STATE", (1, *atoms, *([0] * (2 - len(atoms))), 2))

    def to_current_desktop(self, window: int) -> None:
        root = self.root(window)
        current = self._u32s(root, "_NET_CURRENT_DESKTOP", 6) if root else None  # CARDINAL
        if current:
            self._message(window, "_NET_WM_DESKTOP", (current[0], 2))

    def activate(self, window: int) -> None:
        self._message(window, "_NET_ACTIVE_WINDOW", (2, 0, 0))  # source 2: a pager
