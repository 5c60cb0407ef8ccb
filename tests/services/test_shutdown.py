"""`systemctl stop` (SIGTERM) and Ctrl+C end the kiosk through its event loop, not by a kill."""

from __future__ import annotations

import os
import signal

import pytest

from kiosk.services.shutdown import SignalQuit


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_ends_the_event_loop_with_code_0(qtbot, number):
    before = signal.getsignal(number)
    exits: list[int] = []
    quitter = SignalQuit(exit=exits.append)
    try:
        os.kill(os.getpid(), number)  # without SignalQuit, SIGTERM would end pytest here
        qtbot.waitUntil(lambda: exits == [0], timeout=2000)
    finally:
        quitter.close()
    assert signal.getsignal(number) is before  # the old handler is back
