"""sd_notify: READY after the first frame, WATCHDOG pings only while the GUI loop runs."""

from __future__ import annotations

import socket
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from kiosk.services.watchdog import SystemdNotifier, install


@pytest.fixture
def notify_socket(tmp_path, monkeypatch):
    """A datagram socket standing in for systemd's, named in $NOTIFY_SOCKET."""
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.setblocking(False)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    monkeypatch.setenv("WATCHDOG_USEC", "200000")  # ping every 100 ms
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    yield sock
    sock.close()


def drain(sock: socket.socket) -> list[str]:
    messages = []
    while True:
        try:
            messages.append(sock.recv(4096).decode())
        except BlockingIOError:
            return messages


def test_ready_after_first_frame_pings_while_loop_runs_and_none_while_it_is_blocked(
    notify_socket, qtbot
):
    window = QLabel("E-Town")
    qtbot.addWidget(window)
    notifier = install(window)
    assert notifier.interval_ms == 100
    received: list[str] = []

    def collected(message: str, count: int = 1) -> bool:
        received.extend(drain(notify_socket))
        return received.count(message) >= count

    window.show()
    qtbot.waitUntil(lambda: collected("READY=1"), timeout=3000)
    qtbot.waitUntil(lambda: collected("WATCHDOG=1", 3), timeout=3000)

    during_block: list[str] = []

    def block_the_loop() -> None:
        received.extend(drain(notify_socket))  # everything sent before the block
        time.sleep(0.6)  # six ping intervals with the event loop stuck
        during_block.extend(drain(notify_socket))

    QTimer.singleShot(0, block_the_loop)
    pings_before = received.count("WATCHDOG=1")
    qtbot.waitUntil(lambda: collected("WATCHDOG=1", pings_before + 2), timeout=3000)
    assert during_block == []
    assert received.count("READY=1") == 1


def test_abstract_socket_names_and_stopping(qtbot):
    name = f"kiosk-test-{time.monotonic_ns()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(2)
    try:
        notifier = SystemdNotifier({"NOTIFY_SOCKET": "@" + name})
        assert notifier.interval_ms is None  # no WATCHDOG_USEC: no pings
        notifier.stopping()
        assert sock.recv(4096) == b"STOPPING=1"
    finally:
        sock.close()


def test_without_notify_socket_nothing_is_sent_and_nothing_fails(qtbot):
    notifier = SystemdNotifier({})
    assert not notifier.enabled
    assert notifier.send("READY=1") is False


def test_watchdog_meant_for_another_process_is_ignored():
    notifier = SystemdNotifier({"NOTIFY_SOCKET": "/x", "WATCHDOG_USEC": "1", "WATCHDOG_PID": "1"})
    assert notifier.interval_ms is None
