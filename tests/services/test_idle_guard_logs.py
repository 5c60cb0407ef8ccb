"""The idle state machine, the crash guard and the log set-up, on their own."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler

import pytest
from PySide6.QtCore import QTimer, qWarning

from kiosk.content.models import IdleSettings
from kiosk.services.guard import CrashGuard
from kiosk.services.idle import IdleMonitor, IdleState
from kiosk.services.logs import setup_logging
from tests.services.kit import logging_restored


def test_idle_goes_countdown_then_reset_then_attract(qtbot):
    monitor = IdleMonitor(  # site.yaml's 5, 20 and 5 s, run 0.02 as long
        IdleSettings(timeout_seconds=5, countdown_seconds=20, attract_after_seconds=5), scale=0.02
    )
    monitor.poke()
    with qtbot.waitSignal(monitor.countdown_started, timeout=2000) as started:
        pass
    assert started.args == [20 * 0.02]  # the seconds the countdown really lasts
    with qtbot.waitSignal(monitor.timed_out, timeout=2000):
        pass
    with qtbot.waitSignal(monitor.attract_due, timeout=2000):
        pass
    assert monitor.state is IdleState.ATTRACT
    with qtbot.waitSignal(monitor.visit_started, timeout=500):
        monitor.poke()
    monitor.stop()


def test_input_during_the_countdown_cancels_it(qtbot):
    monitor = IdleMonitor(IdleSettings(timeout_seconds=0.1, countdown_seconds=20))
    monitor.poke()
    qtbot.waitSignal(monitor.countdown_started, timeout=2000).wait()
    with qtbot.waitSignal(monitor.countdown_cancelled, timeout=500):
        monitor.poke()
    assert monitor.state is IdleState.ACTIVE
    monitor.stop()


def test_crash_guard_logs_records_and_goes_home(qtbot, tmp_path, caplog):
    homes = []
    guard = CrashGuard(lambda: homes.append(1), tmp_path)
    guard.install()
    try:
        with caplog.at_level(logging.ERROR):
            QTimer.singleShot(0, lambda: {}["missing"])
            qtbot.waitUntil(lambda: homes == [1], timeout=2000)
    finally:
        guard.uninstall()
    assert "Traceback" in caplog.text and "KeyError" in caplog.text
    assert "KeyError: 'missing'" in guard.last_crash()
    assert sys.excepthook is not guard.handle


def test_a_failing_go_home_does_not_loop(tmp_path, caplog):
    def go_home():
        raise RuntimeError("home is broken too")

    guard = CrashGuard(go_home, tmp_path)
    guard.handle(ValueError, ValueError("first"), None)  # must return
    assert "going home after a crash failed too" in caplog.text


@pytest.fixture
def kiosk_logging(tmp_path):
    """setup_logging into tmp_path/logs; the root logger and excepthook restored afterwards."""
    with logging_restored():
        yield setup_logging(tmp_path / "logs")


def test_setup_logging_writes_a_file_and_captures_qt_warnings(kiosk_logging):
    logging.getLogger("kiosk.test").info("hello from the kiosk")
    qWarning("a warning from Qt")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = kiosk_logging.read_text(encoding="utf-8")
    assert "hello from the kiosk" in text
    assert "qt: a warning from Qt" in text


def test_the_log_rotates_and_never_grows_past_six_files_of_1_mb(kiosk_logging):
    line = "x" * 10_000
    log = logging.getLogger("kiosk.test")
    log.propagate = False  # straight to the file handler: 8 MB on stderr would only be noise
    file_handler = next(
        h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)
    )
    log.addHandler(file_handler)
    try:
        for _ in range(800):  # 8 MB
            log.info(line)
    finally:
        log.removeHandler(file_handler)
        log.propagate = True
    names = sorted(p.name for p in kiosk_logging.parent.iterdir())
    assert names == ["kiosk.log"] + [f"kiosk.log.{n}" for n in range(1, 6)]
    assert all(p.stat().st_size <= 1_000_000 for p in kiosk_logging.parent.iterdir())
