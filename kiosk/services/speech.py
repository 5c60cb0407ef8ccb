"""Speech: reads a screen's parts aloud with Qt's text to speech, in the voice of a language.

Qt's QtTextToSpeech (PySide6-Addons) is imported on first use, not at start: a kiosk whose
visitors never turn audio on never loads it. On Linux it talks to speech-dispatcher, which
starts itself and speaks with espeak-ng; on Windows to the OneCore / SAPI voices.

A voice is chosen by name, from an explicit list per language (`pick_voice`; site.yaml
`accessibility.voices` first, then kiosk/content/spoken.py's), not by locale alone:
speech-dispatcher with espeak-ng reports no zh_CN locale at all, and `setLocale(zh_CN)` quietly
keeps whatever voice it had, English or Bishnupriya Manipuri.

`Speaker.speak(script, lang)` reads a list of parts one after another (`started(index)` as each
begins, `finished` after the last); `next`, `previous`, `repeat`, `pause` / `resume` (the part
again from its start) and `stop` are the visitor's controls. Each part is said by itself, so
stopping and moving are immediate and the speaker always knows which part is being read.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLoggingCategory, QObject, QTimer, Signal

log = logging.getLogger(__name__)

VOLUME_STEPS = (0.2, 0.4, 0.6, 0.8, 1.0)
# Engines that make no sound: never picked unless asked for by name.
SILENT_ENGINES = ("mock",)
# A part the engine has not reported begun this long after it was asked for is looked at again.
BEGIN_WAIT_MS = 3000


def pick_voice(voices: Sequence[tuple[str, str]], wanted: Sequence[str], lang: str) -> int | None:
    """Index of the voice for `lang` among (name, locale name) pairs: the first `wanted` name a
    voice has (exactly, else as the start of its name, ignoring case), else the first voice whose
    locale is of `lang` (a plain voice before its "+variant"s); None when none will do."""
    folded = [name.casefold() for name, _locale in voices]
    for name in wanted:
        name = name.casefold()
        if name in folded:
            return folded.index(name)
        starts = [i for i, voice in enumerate(folded) if voice.startswith(name)]
        if starts:
            return min(starts, key=lambda i: ("+" in folded[i], len(folded[i])))
    of_lang = [
        i for i, (_name, locale) in enumerate(voices) if locale.split("_")[0].casefold() == lang
    ]
    if of_lang:
        return min(of_lang, key=lambda i: ("+" in folded[i], i))
    return None


PROBE_SECONDS = 1.0  # how long a speech-dispatcher may take to answer before it counts as hung
# After a hung one, how long before it is asked again (each ask may hold the screen for
# PROBE_SECONDS): 30 s, then twice as long each time it is still hung, up to 15 minutes.
RETRY_SECONDS = 30.0
RETRY_MAX_SECONDS = 900.0


def engines_abandoned() -> bool:
    """Whether an engine was left with a hung speech-dispatcher in this process (it is never
    deleted: its destructor would wait for the server; kiosk/commands/run.py leaves with
    os._exit then)."""
    threads = sys.modules.get("kiosk.services.speech_thread")
    return threads is not None and threads.stuck()


def speechd_socket(env: Mapping[str, str]) -> Path | None:
    """The Unix socket a speech-dispatcher client connects to (libspeechd's rule: SPEECHD_ADDRESS,
    else $XDG_RUNTIME_DIR/speech-dispatcher, else ~/.cache/speech-dispatcher); None for a TCP
    address."""
    address = env.get("SPEECHD_ADDRESS", "")
    if address.startswith("unix_socket:"):
        return Path(address.split(":", 1)[1])
    if address:
        return None
    runtime = env.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime else Path(env.get("HOME", "~")).expanduser() / ".cache"
    return base / "speech-dispatcher" / "speechd.sock"


def speechd_hung(env: Mapping[str, str], timeout: float = PROBE_SECONDS) -> str | None:
    """Why the speech-dispatcher there would hang the kiosk, or None. Qt's speechd engine waits
    without a limit for a server that accepts and never answers (one whose sound output broke
    was seen so): its constructor would freeze the screen. A socket nobody listens on is fine:
    the client starts a new server."""
    path = speechd_socket(env)
    if path is None or not path.exists():
        return None
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(timeout)
    try:
        probe.connect(str(path))
        probe.sendall(b"QUIT\r\n")
        if not probe.recv(64):
            return f"speech-dispatcher at {path} closed the connection without a word"
    except (ConnectionRefusedError, FileNotFoundError):
        return None  # (a socket left by a server that is gone: a new one is started)
    except OSError as error:
        return f"speech-dispatcher at {path} does not answer ({error}); restart it"
    finally:
        probe.close()
    return None


def nearest_step(volume: float) -> int:
    return min(range(len(VOLUME_STEPS)), key=lambda i: abs(VOLUME_STEPS[i] - volume))


class Speaker(QObject):
    """Says a script (a list of parts) in one language's voice, part by part."""

    started = Signal(int)  # the part now being said
    begun = Signal(int)  # the engine has begun saying that part
    finished = Signal()  # the last part has been said
    failed = Signal(str)  # the language has no voice, or the engine gave up: why

    def __init__(
        self,
        voices_for: Callable[[str], Sequence[str]],
        engine: str | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._voices_for = voices_for
        self._engine_name = engine
        self._engine: Any = None  # the QTextToSpeech, on a thread of its own (False: none)
        self._remote: Any = None  # what drives it there (kiosk/services/speech_thread.py)
        self._engine_state: Any = None  # its state, as its signals told this thread
        self.voice_set: str | None = None  # the name of the voice the engine was last given
        self._voices: list[Any] = []
        self._pairs: list[tuple[str, str]] = []
        self._chosen: dict[tuple[str, tuple[str, ...]], Any] = {}  # (lang, names) -> voice
        self._voice_lang: str | None = None
        self.problem = ""  # why there is no engine now (a hung speech-dispatcher), for the log
        self._retry_at = 0.0  # (monotonic) no engine is tried before then
        self._retries = 0  # hung servers met in a row
        self.script: list[str] = []
        self.lang = ""
        self.index = -1
        self.paused = False
        self._saying = False  # the engine has started the part we asked for
        self._stopped_at = 0  # the command number of the stop before the part asked for
        self.volume = VOLUME_STEPS[-2]
        self._told_again = False  # the part asked for was asked for again once (`_no_news`)
        self._unheard = QTimer(self, singleShot=True, interval=BEGIN_WAIT_MS)
        self._unheard.timeout.connect(self._no_news)

    # ---- the engine ---------------------------------------------------------------------

    def engine(self) -> Any:
        """The QTextToSpeech engine, made on first use; None when this machine has none."""
        if self._engine is None and time.monotonic() < self._retry_at:
            return None  # (a hung server, found moments ago: no second wait)
        if self._engine is None:
            # QtMultimedia, under QtTextToSpeech, warns that PipeWire is missing (it uses
            # PulseAudio or ALSA then): noise in every log and self-test report.
            QLoggingCategory.setFilterRules(  # (the same rules as kiosk/services/video.py)
                "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg*.info=false\nqt.multimedia.playbackengine*.info=false"
            )
            try:
                from PySide6.QtTextToSpeech import QTextToSpeech
            except ImportError as error:  # PySide6-Addons missing from this install
                log.error("no text to speech on this kiosk: %s", error)
                self._engine = False
                return None
            names = [n for n in QTextToSpeech.availableEngines() if n not in SILENT_ENGINES]
            name = self._engine_name or (names[0] if names else None)
            if name is None:
                log.error("no text to speech engine on this kiosk")
                self._engine = False
                return None
            hung = speechd_hung(os.environ) if name == "speechd" else None
            if hung is not None:
                log.error("no speech: %s", hung)
                self.problem = hung
                self._wait_to_retry()  # (it may be restarted)
                return None
            from kiosk.services.speech_thread import EngineThread

            server = speechd_socket(os.environ) if name == "speechd" else None
            # (Waiting for it runs a nested event loop: a tap meanwhile gets no second engine.)
            self._engine = False
            try:
                remote = EngineThread(name, server, self)  # (its calls never wait here)
            finally:
                self._engine = None
            engine = remote.engine
            if engine is None:
                self._remote = remote
                self._abandon(f"the {name} engine did not start: its server does not answer")
                return None
            if engine.state() == QTextToSpeech.State.Error:
                log.error("text to speech engine %s failed: %s", name, engine.errorString())
            engine.stateChanged.connect(self._state_changed)
            remote.lost.connect(self._abandon)
            remote.set_volume(self.volume)
            self._engine, self._remote, self._voices = engine, remote, remote.voices
            self._retries = 0
        return self._engine or None

    def _wait_to_retry(self) -> None:
        delay = min(RETRY_SECONDS * 2**self._retries, RETRY_MAX_SECONDS)
        self._retries += 1
        self._retry_at = time.monotonic() + delay

    def _abandon(self, why: str) -> None:
        """Leave the engine with its hung server (never called or deleted again): the
        visitor is told speech is not working; a new one is tried after a while, when
        a visitor asks for speech again."""
        log.error("speech stopped: %s", why)
        if self._engine:
            self._engine.stateChanged.disconnect(self._state_changed)
        if self._remote is not None:
            self._remote.leave()
        self._engine = self._remote = self._engine_state = self.voice_set = None
        self._voices, self._pairs, self._chosen, self._voice_lang = [], [], {}, None
        self.problem = why
        self._wait_to_retry()
        self.script, self.index, self.paused, self._saying = [], -1, False, False
        self._unheard.stop()
        self.failed.emit(why)

    def loaded(self) -> bool:
        """Whether the engine has been made (or found missing): the next call is quick."""
        return self._engine is not None

    def voice_name(self, lang: str) -> str | None:
        """The name of the voice that speaks `lang` here, or None."""
        voice = self._voice(lang)
        return None if voice is None else voice.name()

    def _voice(self, lang: str) -> Any:
        engine = self.engine()
        if engine is None:
            return None
        if not self._pairs:  # (espeak-ng's 13,000 voices: read once, not per part)
            self._pairs = [(v.name(), v.locale().name()) for v in self._voices]
        wanted = tuple(self._voices_for(lang))
        if (lang, wanted) not in self._chosen:
            index = pick_voice(self._pairs, wanted, lang)
            self._chosen[(lang, wanted)] = None if index is None else self._voices[index]
        return self._chosen[(lang, wanted)]

    # ---- the visitor's controls ---------------------------------------------------------

    def speak(self, script: Sequence[str], lang: str, start: int = 0) -> bool:
        """Say `script` from part `start` on in `lang`'s voice; False when it has none."""
        self.script = list(script)
        self.lang = lang
        return self._say(start)

    def next(self) -> None:
        if self.index + 1 < len(self.script):
            self._say(self.index + 1)

    def previous(self) -> None:
        if self.script:
            self._say(max(self.index - 1, 0))

    def repeat(self) -> None:
        if self.script:
            self._say(max(self.index, 0))

    def pause(self) -> None:
        """Silence now, keeping the place: `resume` says the part again from its start. (Not
        the engine's own pause: speech-dispatcher then holds every later text of the kiosk,
        and other programs', until a resume that a Next or a new screen never sends.)"""
        if self.engine() is None or self.index < 0 or self.paused:
            return
        self.paused = True
        self._saying = False
        self._unheard.stop()
        self._remote.stop()

    def resume(self) -> None:
        if self.paused:
            self._say(max(self.index, 0))

    def stop(self) -> None:
        """Silence now; the script is forgotten."""
        self.script, self.index, self.paused = [], -1, False
        self._saying = False
        self._unheard.stop()
        if self._engine:
            self._remote.stop()

    def speaking(self) -> bool:
        """Whether a part is being said (or is about to be) and not paused."""
        return self.index >= 0 and not self.paused

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        if self._engine:
            self._remote.set_volume(volume)

    def step_volume(self, step: int) -> None:
        index = nearest_step(self.volume) + step
        self.set_volume(VOLUME_STEPS[max(0, min(index, len(VOLUME_STEPS) - 1))])

    # ---- inside -------------------------------------------------------------------------

    def _say(self, index: int, again: bool = False) -> bool:
        engine = self.engine()
        voice = self._voice(self.lang) if engine is not None else None
        if voice is None:
            self.stop()
            self.failed.emit(f"no voice for {self.lang!r}")
            return False
        if not 0 <= index < len(self.script):
            return False
        self._saying = False  # until the engine says it has begun this part
        self.paused = False
        remote = self._remote
        remote.stop()  # (what it may still be saying; the engine's state here lags behind)
        if self._remote is not remote:
            return False  # (its server has gone: `failed` has said so)
        self._stopped_at = remote.asked
        if self._voice_lang != self.lang or self.voice_set != voice.name():
            remote.set_voice(voice)
            self._voice_lang, self.voice_set = self.lang, voice.name()
        self.index = index
        remote.say(self.script[index])
        self._told_again = again
        self._unheard.start()
        self.started.emit(index)
        return True

    def _no_news(self) -> None:
        """The part asked for has not been reported begun. The engine tells changes of its
        state only, so one part's start is lost when it follows another's with no end
        between that it told (quick stops and says, as a language switch makes; seen once in
        a loaded test run): the guide would then wait for ever. Still speaking: take it as
        begun. Ready: ask for it once more (a slow start is only restarted)."""
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._saying or self.paused or self.index < 0 or not self._engine:
            return
        if self._remote.answered < self._stopped_at:
            self._unheard.start()  # (the stop before it has not reached the engine yet)
            return
        if self._engine_state == QTextToSpeech.State.Speaking:
            log.info("speech: part %d began unreported; taken as begun", self.index)
            self._saying = True
            self.begun.emit(self.index)
        elif not self._told_again:
            log.info("speech: part %d did not begin; asked for again", self.index)
            self._say(self.index, again=True)

    def _state_changed(self, state) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._engine_state = state
        if state == QTextToSpeech.State.Speaking:
            remote = self._remote
            if remote is not None and remote.answered < self._stopped_at:
                # Sent before that stop reached the engine: the part before began, not this
                # one (its end, on the way, would have moved this part on unsaid).
                return
            self._saying = self.index >= 0
            if self._saying:
                self._unheard.stop()
                self.begun.emit(self.index)
        elif state == QTextToSpeech.State.Ready and self._saying and not self.paused:
            self._saying = False  # this part is said: on to the next
            if self.index + 1 < len(self.script):
                self._say(self.index + 1)
            else:
                self.index = -1
                self.finished.emit()
        elif state == QTextToSpeech.State.Error:
            engine = self._engine
            reason = engine.errorString() if engine else "the engine failed"
            log.error("speech failed: %s", reason)
            self.stop()
            self.failed.emit(reason)
