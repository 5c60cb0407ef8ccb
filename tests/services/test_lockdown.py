"""Kiosk mode keeps the window open against close events and the usual quit keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from kiosk.services.lockdown import Lockdown


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
def lockdown(qapp):
    lock = Lockdown(enabled=True)
    qapp.installEventFilter(lock)
    yield lock
    qapp.removeEventFilter(lock)


def test_in_kiosk_mode_close_and_quit_keys_leave_the_window_open(window, lockdown):
    assert window.close() is False
    assert window.isVisible()
    for key, modifiers in KEYS:
        QTest.keyClick(window, key, modifiers)
    assert keys_received(window) == []  # none of them reached the window
    QTest.keyClick(window, Qt.Key.Key_A)
    assert keys_received(window) == [Qt.Key.Key_A]  # other keys still do


def test_without_kiosk_mode_they_work_normally(window, lockdown):
    lockdown.set_enabled(False)
    for key, modifiers in KEYS:
        QTest.keyClick(window, key, modifiers)
    assert keys_received(window) == [key for key, _ in KEYS]
    assert window.close() is True
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
