"""The kiosk takes the screen back: minimised, windowed, dropped from the top or hidden.

A real QMainWindow (offscreen) stands in for the kiosk window; each test does to it what a
window manager's shortcut or menu does, and waits (at most 1 s) for the window to be back
fullscreen, on top and shown. A destroyed window makes the kiosk exit with EXIT_WINDOW_LOST,
so systemd starts it again.
"""

from __future__ import annotations

import logging

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from kiosk.services.screen_keeper import EXIT_WINDOW_LOST, STARTED_LINE, ScreenKeeper

BACK_WITHIN_MS = 1000
LOGGER = "kiosk.services.screen_keeper"


class Exits:
    def __init__(self):
        self.codes: list[int] = []

    def __call__(self, code: int) -> None:
        self.codes.append(code)


@pytest.fixture
def window(qtbot):
    window = QMainWindow()
    window.setWindowTitle("E-Town")
    window.setCentralWidget(QLabel("kiosk"))
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
    window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
    window.showFullScreen()
    qtbot.waitExposed(window)
    yield window
    if shiboken6.isValid(window):  # (some tests destroy it themselves)
        window.close()
        shiboken6.delete(window)


@pytest.fixture
def exits():
    return Exits()


@pytest.fixture
def keeper(window, exits, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    keeper = ScreenKeeper(window, exits)
    keeper.start()
    yield keeper
    keeper.stop()


def held(window) -> bool:
    """Fullscreen, not minimised, on top and shown: the kiosk has the screen."""
    state = window.windowState()
    return (
        window.isVisible()
        and bool(state & Qt.WindowState.WindowFullScreen)
        and not state & Qt.WindowState.WindowMinimized
        and bool(window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)
    )


def restorations(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == LOGGER and "taking the screen back" in r.getMessage()
    ]


def test_start_says_so_in_the_log(keeper, caplog):
    assert STARTED_LINE == "screen keeper on"
    started = [r for r in caplog.get_records("setup") if r.name == LOGGER]
    assert [r.getMessage() for r in started] == [STARTED_LINE]
    assert keeper.running


def test_a_minimised_kiosk_is_back_fullscreen_within_a_second(qtbot, window, keeper, caplog):
    window.showMinimized()
    assert window.windowState() & Qt.WindowState.WindowMinimized
    qtbot.waitUntil(lambda: held(window), timeout=BACK_WITHIN_MS)
    [line] = restorations(caplog)
    assert "minimised" in line


def test_a_windowed_kiosk_is_fullscreen_again(qtbot, window, keeper, caplog):
    window.showNormal()
    assert not window.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.waitUntil(lambda: held(window), timeout=BACK_WITHIN_MS)
    assert any("left fullscreen" in line for line in restorations(caplog))


def test_a_kiosk_that_lost_stays_on_top_gets_it_back(qtbot, window, keeper, caplog):
    window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, False)  # (this also hides it)
    window.showNormal()
    qtbot.waitUntil(lambda: held(window), timeout=BACK_WITHIN_MS)
    assert any("stays-on-top" in line for line in restorations(caplog))


def test_a_hidden_kiosk_is_shown_again(qtbot, window, keeper):
    window.hide()
    qtbot.waitUntil(lambda: held(window), timeout=BACK_WITHIN_MS)


def test_each_loss_is_logged_once_per_occurrence(qtbot, window, keeper, caplog):
    window.showMinimized()
    qtbot.waitUntil(lambda: held(window), timeout=BACK_WITHIN_MS)
    qtbot.waitUntil(lambda: keeper.check() or not keeper._lost, timeout=BACK_WITHIN_MS)
    for _ in range(5):
        keeper.check()  # checks while all is well log nothing
    assert len(restorations(caplog)) == 1
    window.showMinimized()  # a second time: a second occurrence, a second line
    qtbot.waitUntil(lambda: held(window) and len(restorations(caplog)) == 2, timeout=2000)


def test_a_destroyed_window_makes_the_kiosk_exit_for_a_restart(qtbot, window, keeper, exits):
    window.deleteLater()
    qtbot.waitUntil(lambda: exits.codes == [EXIT_WINDOW_LOST], timeout=BACK_WITHIN_MS)
    assert EXIT_WINDOW_LOST != 0
    assert not keeper.running


def test_a_native_window_that_goes_away_makes_the_kiosk_exit(qtbot, window, keeper, exits):
    window.windowHandle().destroy()  # the platform window is gone; the widget lives on
    qtbot.waitUntil(lambda: exits.codes == [EXIT_WINDOW_LOST], timeout=BACK_WITHIN_MS)


def test_stop_stops_it_all(qtbot, window, keeper, exits):
    keeper.stop()
    assert not keeper.running
    window.showMinimized()
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowStateChange))
    keeper.check()  # even a check run by hand does nothing once stopped
    QApplication.processEvents()
    assert window.windowState() & Qt.WindowState.WindowMinimized
    window.close()
    shiboken6.delete(window)  # destroyed after stop: no exit requested
    assert exits.codes == []


def test_a_window_manager_that_keeps_taking_the_screen_is_not_fought_in_a_loop(
    qtbot, window, keeper, caplog
):
    shown = []

    def fight():  # minimise again right after every restoration
        if not window.windowState() & Qt.WindowState.WindowMinimized:
            shown.append(1)
            window.showMinimized()

    timer = QTimer()
    timer.timeout.connect(fight)
    timer.start(10)
    try:
        qtbot.waitUntil(
            lambda: any("keeps being taken away" in r.getMessage() for r in caplog.records),
            timeout=5000,
        )
    finally:
        timer.stop()
    assert len(shown) <= 6  # a burst of restorations, then it backs off
