"""What the window manager says about a window on X11, over a small xcb connection of our own.

Qt does not see a window dropped from the top layer or left behind on another desktop; the
EWMH properties (`_NET_WM_STATE`, `_NET_CURRENT_DESKTOP`, `_NET_ACTIVE_WINDOW`) do, and the
same client messages a pager sends take the window back. libxcb is what Qt's xcb platform runs
on, so it is there wherever this is used. Every call is best effort: an error means "unknown",
never an exception into the app.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger("kiosk.services.screen_keeper")  # its only user


class WindowState:
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


class X11:
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
    def connect(cls) -> X11 | None:
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

    def state(self, window: int) -> WindowState | None:
        """The window as the X server and the window manager see it; None if unknown."""
        if not self._conn or self._lib.xcb_connection_has_error(self._conn):
            return None
        cookie = self._lib.xcb_get_window_attributes(self._conn, window)
        reply = self._reply("xcb_get_window_attributes", cookie)
        if not reply:
            return WindowState(exists=False)
        map_state = ctypes.c_uint8.from_address(reply + 26).value
        self._libc.free(reply)
        result = WindowState()
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
