"""Audio mode: a real touch tap to the first spoken word, in a fresh process.

The first word is the moment speech-dispatcher reports it has begun the text (Qt's "speaking"
state); the sound goes to libao's null driver, through the tests' own server
(tests/speech_server.py), so nothing plays and no desktop's server is used.

- first use: a tap on the audio guide's button, with the engine not yet made (the kiosk
  starts without it): the bar shows at once, the engine loads, the first part is said;
- later: a tap on a block of a panel while audio mode is on (that block is said).

    python -m benchmarks.speech --json [--taps 10]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtTest import QTest

from benchmarks import qtkiosk
from benchmarks.generate import valid_sample
from benchmarks.harness import median, p95


def measure(taps: int) -> dict:
    server = None
    if "SPEECHD_ADDRESS" not in os.environ:
        from tests.speech_server import SpeechServer

        server = SpeechServer()
        if not server.start():
            raise RuntimeError(server.problem)
        os.environ["SPEECHD_ADDRESS"] = server.address
    try:
        with tempfile.TemporaryDirectory(prefix="kiosk-bench-speech-") as tmp:
            content, note = valid_sample(Path(tmp))
            kiosk = qtkiosk.build(content, Path(tmp) / "data")
            window = kiosk.window
            qtkiosk.settle(300)
            touch = qtkiosk.Touch()
            loaded_before = "PySide6.QtTextToSpeech" in sys.modules
            bar_ms, first_ms = _first_use(touch, window)
            window.show_panel(window.ctx.snapshot.site.panels[0])
            qtkiosk.settle(300)
            screen = window.panels[window.current_panel_id()]
            later = []
            for i in range(taps):
                block = screen.blocks[i % min(3, len(screen.blocks))]
                window.audio.speaker.stop()  # (else the guide reads on and scrolls away)
                screen.go_to_chapter(screen.blocks.index(block))
                qtkiosk.settle(700)  # (the page glides there)
                later.append(_speaking_ms(touch, window, block))
                qtkiosk.settle(200)
            voice = window.audio.speaker.engine().voice().name()
            qtkiosk.close(kiosk)
    finally:
        if server is not None:
            server.stop()
    return {
        "content": note,
        "engine_loaded_at_start": loaded_before,
        "first_use_bar_ms": bar_ms,
        "first_use_first_word_ms": first_ms,
        "tap_to_word_median_ms": median(later),
        "tap_to_word_p95_ms": p95(later),
        "taps": len(later),
        "tap_to_word_ms": [round(x) for x in later],
        "voice": voice,
    }


def _first_use(touch, window) -> tuple[float, float]:
    guide = window.audio
    target = window.top_bar.audio
    start = _tap(touch, target)
    bar = (time.perf_counter() - start) * 1000 if guide.bar.isVisible() else float("nan")
    engine_said = _wait_speaking(guide, start)
    return bar, engine_said


def _speaking_ms(touch, window, block) -> float:
    guide = window.audio
    start = _tap(touch, block, QPoint(40, 40))  # (its top: a tall block's middle is unseen)
    return _wait_speaking(guide, start)


def _tap(touch, target, at: QPoint | None = None) -> float:
    win = target.window()
    point = target.mapTo(win, target.rect().center() if at is None else at)
    QTest.touchEvent(win, touch.device).press(0, point, win).commit()
    QCoreApplication.processEvents()
    start = time.perf_counter()
    QTest.touchEvent(win, touch.device).release(0, point, win).commit()
    return start


def _wait_speaking(guide, start: float, timeout: float = 30.0) -> float:
    """Milliseconds from `start` until the engine reports it is speaking."""
    from PySide6.QtTextToSpeech import QTextToSpeech  # (loaded by the tap, at the latest)

    began: list[float] = []
    connected = None
    deadline = time.perf_counter() + timeout
    while not began and time.perf_counter() < deadline:
        engine = guide.speaker._engine if guide.has_speaker() else None
        if engine and connected is None:
            connected = engine

            def on_state(state, _began=began) -> None:
                if state == QTextToSpeech.State.Speaking and not _began:
                    _began.append(time.perf_counter())

            engine.stateChanged.connect(on_state)
        QCoreApplication.processEvents()
    if not began:
        raise RuntimeError("the engine never began speaking")
    return (began[0] - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--taps", type=int, default=10)
    args = parser.parse_args()
    json.dump(measure(args.taps), sys.stdout)
    print()


if __name__ == "__main__":
    main()
