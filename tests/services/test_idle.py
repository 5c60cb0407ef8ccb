"""When idle fires and what counts as a visitor's input."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from kiosk.content.models import IdleSettings
from kiosk.services.idle import IdleMonitor, IdleState, InputWatch
from tests.touch import tap

SCALE = 0.02  # site.yaml's seconds run this long here: a 20 s countdown takes 0.4 s


def settings(timeout=10, countdown=20, attract=10) -> IdleSettings:
    return IdleSettings(
        timeout_seconds=timeout, countdown_seconds=countdown, attract_after_seconds=attract
    )


@pytest.fixture
def monitor(qtbot):
    made = IdleMonitor(settings(), scale=SCALE)
    yield made
    made.stop()


def test_with_nobody_there_from_the_start_the_attract_loop_comes_without_a_countdown(
    qtbot, monitor
):
    with (
        qtbot.assertNotEmitted(monitor.countdown_started),
        qtbot.assertNotEmitted(monitor.timed_out),
    ):
        monitor.start()
        assert monitor.state is IdleState.IDLE
        qtbot.waitSignal(monitor.attract_due, timeout=2000).wait()
    assert monitor.state is IdleState.ATTRACT


def test_the_first_touch_on_a_new_monitor_starts_a_visit(qtbot, monitor):
    with qtbot.waitSignal(monitor.visit_started, timeout=500):
        monitor.poke()
    assert monitor.state is IdleState.ACTIVE
    with qtbot.assertNotEmitted(monitor.visit_started):
        monitor.poke()  # a second touch in the same visit starts nothing


def test_the_countdown_waits_for_the_whole_timeout(qtbot):
    monitor = IdleMonitor(settings(timeout=20), scale=SCALE)
    try:
        start = time.monotonic()
        monitor.poke()
        qtbot.waitSignal(monitor.countdown_started, timeout=3000).wait()
        assert time.monotonic() - start >= 0.35
    finally:
        monitor.stop()


def test_new_durations_from_a_reload_apply_to_the_next_phase(qtbot, monitor):
    monitor.poke()
    monitor.configure(settings(timeout=10, countdown=25))
    with qtbot.waitSignal(monitor.countdown_started, timeout=2000) as started:
        pass
    assert started.args == [25 * SCALE]
    assert monitor.state is IdleState.COUNTDOWN


def test_stopped_monitor_stays_quiet(qtbot, monitor):
    monitor.poke()
    monitor.stop()
    with qtbot.assertNotEmitted(monitor.countdown_started, wait=400):
        pass


def test_the_monitor_goes_with_its_owner(qtbot):
    owner = QObject()
    monitor = IdleMonitor(settings(), parent=owner, scale=SCALE)
    assert monitor.parent() is owner
    with qtbot.waitSignal(monitor.destroyed, timeout=1000):
        owner.deleteLater()


# ---- InputWatch ------------------------------------------------------------------------------


class Screen(QWidget):
    def __init__(self):
        super().__init__()
        self.button = QPushButton("Open")
        self.button.setMinimumSize(300, 200)
        QVBoxLayout(self).addWidget(self.button)
        self.resize(640, 480)


@pytest.fixture
def watched(qtbot):
    """(seen event types, screen) with an InputWatch installed app-wide."""
    seen: list[QEvent.Type] = []
    watch = InputWatch(lambda event: seen.append(event.type()))
    QApplication.instance().installEventFilter(watch)
    screen = Screen()
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    try:
        yield seen, screen
    finally:
        QApplication.instance().removeEventFilter(watch)


def test_a_tap_is_reported_once_not_again_for_the_widget_and_still_reaches_it(qtbot, watched):
    seen, screen = watched
    seen.clear()
    with qtbot.waitSignal(screen.button.clicked, timeout=1000):
        tap(screen.button, QPoint(150, 100))
    # The window's copy of each event only; Qt's mouse events made from the touch come along
    # (the admin gesture tells them apart by their source).
    assert seen[0] == QEvent.Type.TouchBegin
    assert seen.count(QEvent.Type.TouchBegin) == seen.count(QEvent.Type.TouchEnd) == 1, seen
    assert seen.count(QEvent.Type.MouseButtonPress) <= 1, seen
    assert seen.count(QEvent.Type.MouseButtonRelease) <= 1, seen


def test_a_mouse_click_and_a_key_press_count(qtbot, watched):
    seen, screen = watched
    seen.clear()
    window = screen.windowHandle()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    QTest.keyClick(window, Qt.Key.Key_A)
    assert QEvent.Type.MouseButtonPress in seen
    assert QEvent.Type.MouseButtonRelease in seen
    assert QEvent.Type.KeyPress in seen
    assert all(
        kind
        in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.KeyPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchEnd,
            QEvent.Type.Wheel,
        )
        for kind in seen
    ), seen


def test_showing_resizing_and_repainting_a_window_are_not_touches(qtbot, watched):
    seen, screen = watched
    other = Screen()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    other.resize(800, 600)
    other.activateWindow()
    other.update()
    qtbot.waitUntil(lambda: other.size().width() == 800)
    other.hide()
    qtbot.waitUntil(lambda: not other.isVisible())
    screen.windowHandle().requestUpdate()
    qtbot.wait(0)  # only to let the queued events above be delivered
    assert seen == []


def test_a_stopped_monitor_stays_stopped_whatever_comes_after(qtbot, monitor):
    """A kiosk being closed lets its films go and its audio mode off: none of that may start
    the idle time again (its countdown would come to a window that is gone)."""
    monitor.poke()
    monitor.hold(True)
    monitor.stop()
    with (
        qtbot.assertNotEmitted(monitor.countdown_started, wait=300),
        qtbot.assertNotEmitted(monitor.attract_due),
    ):
        monitor.hold(False)  # the film let go
        monitor.set_assisted(True)
        monitor.set_assisted(False)  # the audio mode off
        monitor.poke()
    monitor.start()  # started again: it runs again
    qtbot.waitSignal(monitor.attract_due, timeout=2000).wait()
