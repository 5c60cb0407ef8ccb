"""Films without pixels: a `Player` per film and the `MediaHub` that knows every player.

A Player decodes with QtMultimedia's FFmpeg backend into a QVideoSink (never a QVideoWidget:
its native child window neither grabs into a screenshot nor takes our captions over it);
whatever shows the film paints the player's `frame` (kiosk/ui/video.py). QtMultimedia is
imported when the first player is made, so a screen without films never loads it.

The hub is how the rest of the kiosk meets films: `watching` says whether a film a visitor
started is playing (the idle countdown waits for it), `stop_all` ends every film at a session
reset, and `set_level` is the site's sound level of the moment (kiosk/services/sound.py).
"""

from __future__ import annotations

import ctypes
import logging
import weakref
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QLoggingCategory, QObject, QTimer, QUrl, Signal

log = logging.getLogger(__name__)
RETIRE_MS = 2000  # how long a let-go player's Qt objects outlive it (`Player.retire`)


@cache
def _multimedia() -> Any:
    # QtMultimedia warns that PipeWire is missing (it uses PulseAudio or ALSA then), and its
    # FFmpeg backend prints every file's streams at info level: noise in every log.
    QLoggingCategory.setFilterRules(
        "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg*.info=false\nqt.multimedia.playbackengine*.info=false"
    )
    from PySide6 import QtMultimedia

    return QtMultimedia


# QMediaPlayer's methods that end its decoding threads, as the library exports them
# (Itanium C++ ABI on Linux and macOS; MSVC on Windows).
_SYMBOLS = {
    "stop": ("_ZN12QMediaPlayer4stopEv", "?stop@QMediaPlayer@@QEAAXXZ"),
    "setSource": (
        "_ZN12QMediaPlayer9setSourceERK4QUrl",
        "?setSource@QMediaPlayer@@QEAAXAEBVQUrl@@@Z",
    ),
    "QAudioOutput": ("_ZN12QAudioOutputC1EP7QObject", "??0QAudioOutput@@QEAA@PEAVQObject@@@Z"),
}
# C++'s `operator new(size_t)`, to make a Qt object the way C++ does (`_audio_output`)
_OPERATOR_NEW = (("libstdc++.so.6", "_Znwm"), ("libc++.1.dylib", "_Znwm"))
_OBJECT_ROOM = 256  # bytes for one QAudioOutput: a QObject and a pointer or two, with room
_LIBRARIES = ("libQt6Multimedia.so.6", "Qt6Multimedia.dll", "QtMultimedia")


@cache
def _native(method: str) -> Callable[..., None] | None:
    for name in _LIBRARIES:
        try:
            library = ctypes.CDLL(name)  # (already loaded with QtMultimedia: found by name)
        except OSError:
            continue
        for symbol in _SYMBOLS[method]:
            function = getattr(library, symbol, None)
            if function is not None:
                function.restype = None
                return function
    return None


@cache
def _operator_new() -> Callable[[int], int] | None:
    for library_name, symbol in _OPERATOR_NEW:
        try:
            function = getattr(ctypes.CDLL(library_name), symbol)
        except (OSError, AttributeError):
            continue
        function.restype = ctypes.c_void_p
        function.argtypes = [ctypes.c_size_t]
        return function
    return None


def _audio_output() -> Any:
    """A QAudioOutput made by C++, not by Python, without a parent (see `_let_go`).

    The FFmpeg backend deletes its audio renderer on the renderer's own thread a moment after
    a film stops or ends, and that deletion calls two virtual methods of the QAudioOutput
    while it holds one of Qt's shared connection locks. On an object Python made, PySide
    answers those calls in Python, so the thread waits for the GIL while it holds the lock;
    the UI thread, holding the GIL, waited for the same lock when it next connected a signal,
    and the kiosk froze (a CI run: a control's name rebound as the film stopped). An object C++
    made has no Python in its virtual methods. Where the symbols are not found, Python makes
    it (and the risk is taken)."""
    media = _multimedia()
    make, new = _native("QAudioOutput"), _operator_new()
    if make is None or new is None:
        log.warning("QAudioOutput's constructor not found by name: made by Python")
        return media.QAudioOutput()
    room = new(_OBJECT_ROOM)
    ctypes.memset(room, 0, _OBJECT_ROOM)
    make(ctypes.c_void_p(room), ctypes.c_void_p(0))
    return shiboken6.wrapInstance(room, media.QAudioOutput)


def _let_go(output: Any, *_args: Any) -> None:
    """Delete `output` through shiboken, which then forgets its wrapper. (Deleted by a Qt
    parent, C++ would not tell shiboken, and the next object made at the same address was
    handed the dead one's wrapper, which the dead parent's cleanup then invalidated.)"""
    if shiboken6.isValid(output):
        shiboken6.delete(output)


def _without_gil(player: Any, method: str, *args: Any) -> None:
    """`player.<method>(*args)` with Python's GIL released while it runs.

    Stopping or emptying a QMediaPlayer joins the FFmpeg backend's audio thread, and that
    thread, tearing down, calls into a Python-made object (PySide6's wrapper of the
    QAudioOutput), which needs the GIL: called from Python, which holds it, the kiosk froze
    (seen here, one test run in five). A ctypes call releases the GIL while it runs; where
    the symbol is not found, the plain call (and the risk) is taken."""
    function = _native(method)
    if function is None:
        log.warning("QMediaPlayer::%s not found by name: called with the GIL held", method)
        getattr(player, method)(*args)
        return
    pointers = [shiboken6.getCppPointer(value)[0] for value in (player, *args)]
    function(*(ctypes.c_void_p(pointer) for pointer in pointers))


class Player(QObject):
    """One film: play, pause, seek, mute; `frame` is the newest decoded frame (or None).

    `visitor` marks a film a visitor started (a panel's), as against the attract loop's, which
    plays by itself and must not keep a session open. `sound` False plays it silent."""

    frame_changed = Signal()
    playing_changed = Signal(bool)
    position_changed = Signal(int)  # ms
    duration_changed = Signal(int)  # ms
    ended = Signal()  # played to its end (it stops there, at its last frame)
    failed = Signal(str)  # cannot be played: the message is for the log, never a visitor

    def __init__(
        self,
        path: Path,
        hub: MediaHub | None = None,
        *,
        visitor: bool = True,
        sound: bool = True,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        media = _multimedia()
        self.path = Path(path)
        self.hub = hub
        self.visitor = visitor
        self.sound = sound
        self.frame: Any = None  # QVideoFrame
        self.frames = 0  # frames decoded since made (benchmarks, tests)
        self._ended = False
        self._player = media.QMediaPlayer(self)
        self._sink = media.QVideoSink(self)
        self._output = _audio_output()
        self.destroyed.connect(partial(_let_go, self._output))
        self._player.setVideoSink(self._sink)
        self._player.setAudioOutput(self._output)
        self._sink.videoFrameChanged.connect(self._frame)
        self._player.playbackStateChanged.connect(self._state)
        self._player.positionChanged.connect(lambda ms: self.position_changed.emit(int(ms)))
        self._player.durationChanged.connect(lambda ms: self.duration_changed.emit(int(ms)))
        self._player.mediaStatusChanged.connect(self._status)
        self._player.errorOccurred.connect(self._error)
        self._player.setSource(QUrl.fromLocalFile(str(self.path)))
        if hub is not None:
            hub.add(self)
        self.apply_volume()

    # ---- what a control asks ----------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self._player.playbackState() == _multimedia().QMediaPlayer.PlaybackState.PlayingState

    def position(self) -> int:
        return int(self._player.position())

    def duration(self) -> int:
        return int(self._player.duration())

    def play(self) -> None:
        if self._ended:  # from the start again
            self._ended = False
            self._player.setPosition(0)
        self._player.play()

    def pause(self) -> None:
        self._player.pause()

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def stop(self) -> None:
        """Back to the start, not playing; the decoder's threads end, the last frame is
        dropped (its memory too)."""
        self._quietly(_without_gil, self._player, "stop")
        self._ended = False
        self.frame = None
        self.frame_changed.emit()

    def seek(self, ms: int) -> None:
        self._ended = False
        self._player.setPosition(max(0, min(int(ms), max(0, self.duration()))))

    def set_sound(self, on: bool) -> None:
        self.sound = on
        self.apply_volume()

    def apply_volume(self) -> None:
        level = self.hub.level if self.hub is not None else 1.0
        self._output.setMuted(not self.sound or level <= 0)
        self._output.setVolume(level if self.sound else 0.0)

    def volume(self) -> float:
        """What the film plays at now: 0 when silent."""
        return 0.0 if self._output.isMuted() else float(self._output.volume())

    def release(self) -> None:
        """Let go of the decoder and the file (a closing screen or loop)."""
        if self.hub is not None:
            self.hub.remove(self)
        # (the decoding threads end here, so deleting the player later waits for none)
        self._quietly(_without_gil, self._player, "stop")
        self._quietly(_without_gil, self._player, "setSource", QUrl())
        self.frame = None

    def retire(self) -> None:
        """`release`, then delete this player's Qt objects a while later rather than at once,
        and apart from the screen that showed it (which may be deleted first): the backend's
        audio and decoding threads are told to end by the release, and nothing of theirs may
        meet a deleted object while they finish. (A native crash was seen here once in a test
        run, in a thread with no Python on it, around films let go and deleted at once.)"""
        self.release()
        self.setParent(None)
        QTimer.singleShot(RETIRE_MS, self.deleteLater)

    def _quietly(self, call: Callable[..., None], *args: Any) -> None:
        """`call(*args)` with this film's Qt objects silent, then what changed said after.

        While the backend tears its threads down, no Python may run on this thread: a slot
        connecting or disconnecting anything would wait for one of Qt's shared connection
        locks, which the tearing-down audio thread may hold while it waits for the GIL (the
        benchmarks froze about once in 1,000 releases so, before this)."""
        parts = (self._player, self._sink, self._output)
        for part in parts:
            part.blockSignals(True)
        try:
            call(*args)
        finally:
            for part in parts:
                part.blockSignals(False)
        self._state(None)

    # ---- from the backend -------------------------------------------------------------------

    def _frame(self, frame) -> None:
        if not frame.isValid():
            return
        self.frame = frame
        self.frames += 1
        self.frame_changed.emit()

    def _state(self, _state) -> None:
        playing = self.playing
        self.playing_changed.emit(playing)
        if self.hub is not None:
            self.hub.changed()

    def _status(self, status) -> None:
        if status == _multimedia().QMediaPlayer.MediaStatus.EndOfMedia:
            self._ended = True
            self.ended.emit()
            if self.hub is not None:
                self.hub.changed()

    def _error(self, _error, message: str) -> None:
        log.error("video %s cannot be played: %s", self.path, message)
        self.failed.emit(message)


class MediaHub(QObject):
    """Every player of the window, weakly held: what is playing, stop all, the sound level."""

    watching = Signal(bool)  # a film a visitor started is playing (True), or none any more

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.level = 1.0
        self._players: weakref.WeakSet[Player] = weakref.WeakSet()
        self._watching = False

    def add(self, player: Player) -> None:
        self._players.add(player)

    def remove(self, player: Player) -> None:
        self._players.discard(player)
        self.changed()

    def players(self) -> list[Player]:
        """The players alive now (one deleted with its screen is gone from here too)."""
        return [player for player in list(self._players) if shiboken6.isValid(player)]

    def stop_all(self) -> None:
        for player in self.players():
            player.stop()
        self.changed()

    def release_all(self) -> None:
        """The kiosk is stopping: every decoder let go while it is safe (see `_without_gil`)."""
        for player in self.players():
            player.release()
        self.changed()

    def set_level(self, level: float) -> None:
        """The site's sound level now (0 silent, 1 full): every player follows at once."""
        self.level = max(0.0, min(1.0, level))
        for player in self.players():
            player.apply_volume()

    def changed(self) -> None:
        watching = any(player.visitor and player.playing for player in self.players())
        if watching != self._watching:
            self._watching = watching
            self.watching.emit(watching)

    def is_watching(self) -> bool:
        return self._watching
