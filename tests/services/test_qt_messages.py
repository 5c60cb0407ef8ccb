"""A message from one of Qt's own threads, caught between a Python handler and the one before.

Each case runs in a process of its own, which has no Python handler before the block (as the
`kiosk check`, `kiosk screenshots` and `kiosk self-test` commands start): the crash this
guards against kills the whole process with a segfault (kiosk/services/qt_messages.py).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

# A thread of Qt's own says something while Python holds the GIL, so Qt's callback waits for
# it; the block ends meanwhile, and only then is the GIL let go. Qt's thread runs no Python on
# its way there: both timers are made by C++ (their constructor through ctypes), and the
# connections are Qt's own. The message is Qt's: a timer started from a thread not its own.
SCRIPT = """
import ctypes, importlib, sys, time
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Qt, SIGNAL, SLOT

app = QCoreApplication([])
new = ctypes.CDLL("libstdc++.so.6")._Znwm
new.restype, new.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
construct = ctypes.CDLL("libQt6Core.so.6")._ZN6QTimerC1EP7QObject
construct.restype = None

def timer_made_by_cpp():
    room = new(256)
    ctypes.memset(room, 0, 256)
    construct(ctypes.c_void_p(room), ctypes.c_void_p(0))
    return shiboken6.wrapInstance(room, QTimer)

module, name = sys.argv[1].split(":")
block = getattr(importlib.import_module(module), name)
worker = QThread()
ticking, elsewhere = timer_made_by_cpp(), timer_made_by_cpp()
ticking.setSingleShot(True)
ticking.setInterval(200)
ticking.moveToThread(worker)
direct = Qt.ConnectionType.DirectConnection
QObject.connect(worker, SIGNAL("started()"), ticking, SLOT("start()"), direct)
QObject.connect(ticking, SIGNAL("timeout()"), elsewhere, SLOT("start()"), direct)
sys.setswitchinterval(1000)  # (Python keeps the GIL until it waits of its own accord)
with block():
    worker.start()
    started = time.monotonic()
    while not ticking.isActive():  # the worker's timer is running: it fires in 200 ms
        if time.monotonic() - started > 10:
            sys.exit("the worker thread's timer never started")
        time.sleep(0.001)
    held = time.perf_counter()
    while time.perf_counter() - held < 0.6:  # the GIL held, past the timer's message
        pass
time.sleep(0.3)  # the GIL let go: Qt's thread goes on with its message
worker.quit()
worker.wait()
print("the process lives on")
"""

BLOCKS = [
    "kiosk.offscreen:quiet_offscreen_warnings",  # kiosk check, screenshots, self-test
    "kiosk.commands.self_test:_multimedia_noise_dropped",  # self-test's films
]


@pytest.mark.parametrize("block", BLOCKS)
def test_a_qt_thread_speaking_as_the_handler_is_put_back_does_not_crash_the_kiosk(block):
    run = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", SCRIPT, block],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "the process lives on" in run.stdout
    # the message was not lost either: it went where Qt would have put it, stderr
    assert "Timers cannot be started from another thread" in run.stderr


def test_after_a_block_the_handler_before_it_takes_the_messages_again():
    from PySide6.QtCore import qWarning

    from kiosk.services import qt_messages

    before, inside = [], []
    outer = qt_messages.install(lambda _mode, _context, message: before.append(message))
    try:
        with qt_messages.messages_to(lambda _m, _c, message: inside.append(message)) as previous:
            qWarning("in the block")
            previous(None, None, "passed on")
        qWarning("after the block")
    finally:
        qt_messages.restore(outer)
    assert inside == ["in the block"]
    assert before == ["passed on", "after the block"]
