"""A speech engine on a thread of its own, driven from the UI thread without ever waiting on it.

Each call of Qt's speechd engine (say, stop, a voice, a volume) waits, without a limit, for
speech-dispatcher's answer, and a server can stop answering while the kiosk runs: one whose
sound output had failed was seen to, and the screen froze at the visitor's next tap (PySide
holds Python's lock through the call, so no Python thread helps either). So the engine is made
on a thread of its own and driven through queued signals to its own C++ slots: nothing on the
UI thread, and no Python code, waits with it. After each command a ping goes the same way;
when its answer has not come back within ANSWER_MS, the server is hung (`EngineThread.lost`)
and the engine is left where it is: never called, never deleted (its destructor would wait
for the server too).

Threads live until the process ends (a QThread deleted while it runs aborts the process); at
the exit each is asked to stop, and when one is stuck in a hung server's answer, the process
leaves at once (exit code EXIT_STUCK).
"""

from __future__ import annotations

import atexit
import os
import socket
import sys
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtTextToSpeech import QTextToSpeech, QVoice  # (imported with the first engine)

ANSWER_MS = 4000  # a healthy speech-dispatcher answers in milliseconds, even when loaded
START_MS = 60_000  # the engine's start: speech-dispatcher's first lists every voice (seconds)
STOP_WAIT_MS = 2000  # at the exit, how long a thread may take to stop
EXIT_STUCK = 70  # (EX_SOFTWARE) the exit code when a thread was stuck at the exit

_THREADS: list[QThread] = []  # every engine's thread, until the exit
_STUCK: list[Any] = []  # what was left with a hung server: kept to the process's end


def stuck() -> bool:
    """Whether an engine was left with a hung speech-dispatcher in this process."""
    return bool(_STUCK)


class _Commands(QObject):
    make = Signal(str)
    say = Signal(str)
    stop = Signal()
    volume = Signal(float)
    voice = Signal(QVoice)
    ping = Signal(int)


class _Worker(QObject):
    """Lives on the engine's thread: makes the engine there, and answers a ping once the
    commands sent before it are done."""

    made = Signal(object, object)  # the engine, its voices
    pong = Signal(int)

    @Slot(str)
    def make(self, name: str) -> None:
        engine = QTextToSpeech(name)  # (on this thread, with the plugin's own engine)
        error = engine.state() == QTextToSpeech.State.Error
        every = None  # (all locales: Qt takes a pointer to one, or none)
        self.made.emit(engine, [] if error else list(engine.allVoices(every)))  # type: ignore[arg-type]

    @Slot(int)
    def echo(self, number: int) -> None:
        self.pong.emit(number)


class EngineThread(QObject):
    """Qt's engine `name` made and driven on a thread of its own (`engine` is None if it could
    not be made). Its own signals (stateChanged) reach slots of objects on the UI thread."""

    lost = Signal(str)  # the server hung (a command got no answer in ANSWER_MS), or is gone

    def __init__(self, name: str, server: Path | None = None, parent: QObject | None = None):
        """`server`: speech-dispatcher's socket, for the speechd engine."""
        super().__init__(parent)
        self.server = server
        self.engine: Any = None
        self.voices: list[Any] = []
        self.is_hung = False
        self._thread = QThread()
        self._thread.setObjectName("speech")
        _THREADS.append(self._thread)
        self._thread.start()
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        commands = self._commands = _Commands(self)
        commands.make.connect(self._worker.make)
        commands.ping.connect(self._worker.echo)
        self._worker.pong.connect(self._answered)
        self._worker.made.connect(self._made)
        self._asked = self._done = 0
        self._late = QTimer(self, singleShot=True, interval=ANSWER_MS)
        self._late.timeout.connect(self._check)
        self._start(name)

    def say(self, text: str) -> None:
        self._send(self._commands.say, text)

    def stop(self) -> None:
        self._send(self._commands.stop)

    def set_volume(self, volume: float) -> None:
        self._send(self._commands.volume, volume)

    def set_voice(self, voice: Any) -> None:
        self._send(self._commands.voice, voice)

    @property
    def asked(self) -> int:
        """How many commands were sent (each is followed by a ping of that number)."""
        return self._asked

    @property
    def answered(self) -> int:
        """The last ping answered: the engine's signals that arrive after it were sent after
        that command ran (the answer and the signals come the same way, in order)."""
        return self._done

    def leave(self) -> None:
        """The server hung: the engine is never called again, and never deleted."""
        _STUCK.append((self.engine, self._worker, self._thread))
        if self.engine is not None:
            commands = self._commands
            for signal in (commands.say, commands.stop, commands.volume, commands.voice):
                signal.disconnect()
            self.destroyed.disconnect()

    # ---- inside -------------------------------------------------------------------------

    def _start(self, name: str) -> None:
        """Make the engine on its thread and wait for it (what the first use waited for on
        the UI thread before: speech-dispatcher's first start takes seconds)."""
        waiting = QEventLoop()
        self._worker.made.connect(waiting.quit)
        QTimer.singleShot(START_MS, waiting.quit)
        self._commands.make.emit(name)
        if self.engine is None:
            waiting.exec()
        engine = self.engine
        if engine is None:
            self.is_hung = True  # (not made in START_MS: its server hangs)
            return
        commands = self._commands
        commands.say.connect(engine.say)
        commands.stop.connect(engine.stop)
        commands.volume.connect(engine.setVolume)
        commands.voice.connect(engine.setVoice)
        # When this goes (with its speaker), the engine goes on its own thread, then the thread.
        self.destroyed.connect(partial(_close, engine, self._worker, self._thread))

    def _made(self, engine: Any, voices: list[Any]) -> None:
        self.engine, self.voices = engine, voices

    def _send(self, signal, *args) -> None:
        if self.is_hung or self.engine is None:
            return
        if not self._server_there():
            # libspeechd answers a call to a server that is gone by reading a reply that is
            # not there: the whole kiosk would crash (seen). The engine is left instead.
            self.is_hung = True
            self.lost.emit("speech-dispatcher has gone (it stopped or crashed)")
            return
        signal.emit(*args)
        self._asked += 1
        self._commands.ping.emit(self._asked)
        if not self._late.isActive():
            self._late.start()

    def _answered(self, number: int) -> None:
        self._done = max(self._done, number)
        if self._done >= self._asked:
            self._late.stop()
        else:
            self._late.start()  # (the next command has its own time)

    def _check(self) -> None:
        if self._done < self._asked and not self.is_hung:
            self.is_hung = True
            self.lost.emit("speech-dispatcher stopped answering; restart it")

    def _server_there(self) -> bool:
        """Whether the server still takes connections (a connect is immediate: a hung one is
        found by the pings, not here)."""
        if self.server is None:
            return True
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        probe.settimeout(0.5)
        try:
            probe.connect(str(self.server))
        except OSError:
            return False
        finally:
            probe.close()
        return True


def _close(engine: Any, worker: QObject, thread: QThread, *_args) -> None:
    for obj in (engine, worker):  # (on their thread, after what they were asked before)
        if shiboken6.isValid(obj):
            obj.deleteLater()
    if shiboken6.isValid(thread):
        thread.quit()


@atexit.register
def _stop_threads() -> None:
    for thread in _THREADS:
        thread.quit()
    for thread in _THREADS:
        if not thread.wait(STOP_WAIT_MS):
            # Stuck in a hung server's answer: deleting the thread would abort the process,
            # ending it by force would wedge it. Leave now, saying so (`kiosk run` leaves
            # before this with its own exit code: kiosk/commands/run.py).
            sys.stderr.write("speech: a thread is stuck in a hung speech-dispatcher; leaving\n")
            sys.stderr.flush()
            os._exit(EXIT_STUCK)
