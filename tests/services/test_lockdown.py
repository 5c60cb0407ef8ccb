"""Kiosk mode keeps the window open against close events and the usual quit keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from kiosk.services.lockdown import Lockdown
from kiosk.services.window_filter import WindowFilter


class KeyWindow(QMainWindow):
    """A window that records the keys that reach it."""

    def __init__(self):
        super().__init__()
        self.keys: list[int] = []
        self.resize(640, 360)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        self.keys.append(event.key())


KEYS = [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
]


MODIFIER_KEYS = {Qt.Key.Key_Alt, Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Meta}


def keys_received(window) -> list:
    """Keys that reached the window, leaving out the modifier presses keyClick sends."""
    return [key for key in window.keys if key not in MODIFIER_KEYS]


@pytest.fixture
def window(qtbot):
    window = KeyWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def lockdown(window):
    """As the controller installs it: on the window's native QWindow, where the platform
    delivers keys and the window manager's close requests."""
    lock = Lockdown(enabled=True)
    tap = WindowFilter(window, lock)
    yield lock
    tap.remove()


def keys(window, presses) -> None:
    for key, modifiers in presses:
        QTest.keyClick(window.windowHandle(), key, modifiers)  # through the platform's path


def test_in_kiosk_mode_close_and_quit_keys_leave_the_window_open(window, lockdown):
    assert window.windowHandle().close() is False  # what the window manager's Close asks
    assert window.isVisible()
    keys(window, KEYS)
    # none of them reached the window; Esc arrives as Qt's Back key (the keypad's Back)
    assert keys_received(window) == [Qt.Key.Key_Back]
    keys(window, [(Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)])
    assert keys_received(window)[1:] == [Qt.Key.Key_A]  # other keys still do


def test_a_right_click_opens_no_context_menu(window, lockdown):
    menus = []
    window.contextMenuEvent = lambda event: menus.append(event)  # type: ignore[method-assign]
    window.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.RightButton, pos=QPoint(50, 50))
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert menus == []  # (a context menu is made while the click is handled)


def test_without_kiosk_mode_they_work_normally(window, lockdown):
    lockdown.set_enabled(False)
    keys(window, KEYS)
    assert keys_received(window) == [key for key, _ in KEYS]
    assert window.windowHandle().close() is True
    assert not window.isVisible()
    QApplication.processEvents()


def test_on_windows_the_display_is_kept_on_through_the_execution_state(monkeypatch):
    import ctypes
    import sys
    from types import SimpleNamespace

    from kiosk.services import lockdown

    calls = []
    kernel32 = SimpleNamespace(SetThreadExecutionState=lambda flags: calls.append(flags) or 1)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=kernel32), raising=False)
    assert lockdown.inhibit_screensaver() == "windows"
    assert calls == [0x80000003]  # ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED
