"""Soak: thousands of scripted random touches against the offscreen kiosk, watching memory,
widgets and objects for growth and every error channel for errors.

Actions: taps on random tappable widgets (and sometimes on random points), swipes, language
switches through the top bar, idle resets (`reset_session`) and content reloads (`set_content`
with a freshly loaded snapshot). Every `--every` actions the kiosk is put back on its home
screen and RSS, top-level widgets, all widgets and live QObjects are sampled.

    python -m benchmarks.soak [--touches 50000] [--every 1000] [--seed 1] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QtMsgType
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from benchmarks import qtkiosk
from kiosk.services import qt_messages

# The offscreen platform says this for every top-level widget shown; QtMultimedia the others on
# a machine without sound or GPU (a kiosk has both). None is the app's (as pyproject.toml's
# qt_log_ignore).
PLATFORM_NOISE = (
    "This plugin does not support propagateSizeHints()",
    "No audio device detected",
    "PulseAudioService: pa_context_connect() failed",
    "No RHI backend. Using CPU conversion",
)
WEIGHTS = {"tap": 55, "tap_anywhere": 10, "swipe": 20, "language": 8, "idle_reset": 5, "reload": 2}


class ErrorWatch(logging.Handler):
    """Collects errors from logging (ERROR and up), sys.excepthook and Qt's message handler
    (warnings, criticals, fatals); logging warnings are kept apart, as notes."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self._previous_hook = None
        self._previous_qt = None

    def emit(self, record: logging.LogRecord) -> None:
        text = f"log {record.levelname} {record.name}: {record.getMessage()}"
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(text)

    def _hook(self, kind, value, tb) -> None:
        self.errors.append(f"exception {kind.__name__}: {value}")
        self._previous_hook(kind, value, tb)

    def _qt(self, mode, _context, message: str) -> None:
        quiet = mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
        if not quiet and not message.startswith(PLATFORM_NOISE):
            self.errors.append(f"qt {mode.name}: {message}")

    def __enter__(self) -> ErrorWatch:
        logging.getLogger().addHandler(self)
        self._previous_hook = sys.excepthook
        sys.excepthook = self._hook
        self._previous_qt = qt_messages.install(self._qt)
        return self

    def __exit__(self, *_exc) -> None:
        qt_messages.restore(self._previous_qt)
        sys.excepthook = self._previous_hook
        logging.getLogger().removeHandler(self)


@dataclass
class Sample:
    actions: int
    seconds: float
    rss_mib: float
    rss_trimmed_mib: float  # after malloc_trim: live heap, without the allocator's reserve
    top_level_widgets: int
    all_widgets: int
    live_qobjects: int
    image_cache_mib: float = 0.0  # decoded images the cache holds (its budget bounds it)


@dataclass
class SoakReport:
    touches: int
    seconds: float
    counts: dict[str, int]
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def growth(self, name: str) -> float:
        """Percent change of a sampled figure from the first sample (after warm-up) to the last."""
        first, last = getattr(self.samples[0], name), getattr(self.samples[-1], name)
        return 100.0 * (last - first) / first if first else 0.0

    def as_dict(self) -> dict:
        return {
            "touches": self.touches,
            "seconds": self.seconds,
            "actions": self.counts,
            "rss_growth_pct": self.growth("rss_mib"),
            "rss_trimmed_growth_pct": self.growth("rss_trimmed_mib"),
            "top_level_widgets_growth": self.samples[-1].top_level_widgets
            - self.samples[0].top_level_widgets,
            "all_widgets_growth": self.samples[-1].all_widgets - self.samples[0].all_widgets,
            "live_qobjects_growth": self.samples[-1].live_qobjects - self.samples[0].live_qobjects,
            "errors": len(self.errors),
            "first_errors": self.errors[:10],
            "warnings": len(self.warnings),
            "samples": [s.__dict__ for s in self.samples],
        }


class SoakDriver:
    """Drives a built kiosk (`benchmarks.qtkiosk.build`) with random real touch input."""

    def __init__(self, kiosk: qtkiosk.Kiosk, content_dir: Path, seed: int = 1):
        self.kiosk = kiosk
        self.window = kiosk.window
        self.content_dir = Path(content_dir)
        self.rng = random.Random(seed)
        self.touch = qtkiosk.Touch()
        self.counts = dict.fromkeys(WEIGHTS, 0)
        self._names = list(WEIGHTS)
        self._weights = list(WEIGHTS.values())

    # ---- actions ----------------------------------------------------------------------------

    def step(self) -> None:
        name = self.rng.choices(self._names, self._weights)[0]
        getattr(self, name)()
        self.counts[name] += 1
        _pump()

    def tap(self) -> None:
        targets = self.tappable()
        if not targets:
            self.tap_anywhere()
            return
        widget, point = self.rng.choice(targets)
        self.touch.tap(self.window, point)

    def tap_anywhere(self) -> None:
        w, h = self.window.width(), self.window.height()
        self.touch.tap(self.window, QPoint(self.rng.randrange(w), self.rng.randrange(h)))

    def swipe(self) -> None:
        w, h = self.window.width(), self.window.height()
        start = QPoint(self.rng.randrange(200, w - 200), self.rng.randrange(200, h - 100))
        if self.rng.random() < 0.5:  # sideways: next or previous panel, gallery strips
            end = start + QPoint(self.rng.choice((-1, 1)) * self.rng.randrange(150, 400), 0)
        else:  # up or down: kinetic scrolling
            end = start + QPoint(0, self.rng.choice((-1, 1)) * self.rng.randrange(80, 300))
        end = QPoint(min(max(end.x(), 1), w - 2), min(max(end.y(), 1), h - 2))
        self.touch.swipe(self.window, start, end)

    def language(self) -> None:
        buttons = [b for b in self.window.top_bar.languages.values() if _on_top(self.window, b)]
        if buttons:
            self.touch.tap(self.rng.choice(buttons))
        else:  # covered by an overlay: tap somewhere instead, as a visitor would
            self.tap()

    def idle_reset(self) -> None:
        self.window.reset_session()

    def reload(self) -> None:
        from kiosk.content.loader import load_content

        result = load_content(self.content_dir, self.kiosk.controller.clock.today())
        if not result.ok:
            raise RuntimeError(f"the soak's content stopped loading: {result.errors[:3]}")
        self.window.set_content(result.content)

    def tappable(self) -> list[tuple[QWidget, QPoint]]:
        """Buttons and widgets marked `tappable` that a finger can reach now (on top, on screen),
        each with the window point of its centre."""
        found = []
        for widget in self.window.findChildren(QWidget):
            if not (isinstance(widget, QAbstractButton) or widget.property("tappable")):
                continue
            if widget.isVisible() and _on_top(self.window, widget):
                found.append((widget, widget.mapTo(self.window, widget.rect().center())))
        return found

    # ---- sampling ---------------------------------------------------------------------------

    def sample(self, actions: int, started: float) -> Sample:
        """Home screen, idle state, everything settled: then count."""
        self.window.reset_session()
        qtkiosk.settle(250)
        self.window.ctx.images.wait_idle()
        qtkiosk.settle(50)
        rss = qtkiosk.rss_kb() / 1024
        qtkiosk.trim_heap()
        return Sample(
            actions=actions,
            seconds=time.perf_counter() - started,
            rss_mib=rss,
            rss_trimmed_mib=qtkiosk.rss_kb() / 1024,
            top_level_widgets=len(QApplication.topLevelWidgets()),
            all_widgets=len(QApplication.allWidgets()),
            live_qobjects=qtkiosk.live_qobjects(),
            image_cache_mib=self.window.ctx.images.cached_bytes / 2**20,
        )

    def run(self, touches: int, every: int = 1000, warmup: int | None = None) -> SoakReport:
        """`warmup` actions first (default: `every`), not sampled, so caches are full; then
        `touches` actions with a sample before them and after every `every`."""
        with ErrorWatch() as errors:
            for _ in range(every if warmup is None else warmup):
                self.step()
            self.counts = dict.fromkeys(WEIGHTS, 0)
            started = time.perf_counter()
            report = SoakReport(touches, 0.0, self.counts)
            report.samples.append(_told(self.sample(0, started)))
            for done in range(1, touches + 1):
                self.step()
                if done % every == 0 or done == touches:
                    report.samples.append(_told(self.sample(done, started)))
            report.seconds = time.perf_counter() - started
            report.errors, report.warnings = errors.errors, errors.warnings
        return report


def _told(sample: Sample) -> Sample:
    """Each sample on stderr as it is taken (a soak of an hour that dies keeps its curve)."""
    print(json.dumps(sample.__dict__), file=sys.stderr, flush=True)
    return sample


def _on_top(window: QWidget, widget: QWidget) -> bool:
    """The widget's centre is inside the window and nothing covers it there."""
    if widget.visibleRegion().isEmpty():
        return False
    point = widget.mapTo(window, widget.rect().center())
    if not window.rect().contains(point):
        return False
    hit = window.childAt(point)
    return hit is not None and (hit is widget or widget.isAncestorOf(hit))


def _pump() -> None:
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def soak(touches: int, every: int, seed: int, content: Path | None = None) -> dict:
    """The soak on `content` (default: the sample). Under a real X server (DISPLAY set and
    QT_QPA_PLATFORM=xcb) the window is a real one; else Qt's offscreen platform."""
    from benchmarks.generate import valid_sample

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-soak-") as tmp:
        if content is None:
            content, note = valid_sample(Path(tmp))
        else:
            note = f"content {content}"
        kiosk = qtkiosk.build(content, Path(tmp) / "data")
        report = SoakDriver(kiosk, content, seed).run(touches, every)
        qtkiosk.close(kiosk)
    return {"content": note, **report.as_dict()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--touches", type=int, default=50_000)
    parser.add_argument("--every", type=int, default=1000, help="actions between samples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="one JSON line instead of a table")
    parser.add_argument("--content", type=Path, default=None, help="a content folder (sample)")
    args = parser.parse_args()
    result = soak(args.touches, args.every, args.seed, args.content)
    if args.json:
        json.dump(result, sys.stdout)
        print()
        return
    for s in result["samples"]:
        print(
            f"{s['actions']:>7} actions {s['seconds']:7.1f} s  RSS {s['rss_mib']:7.1f} MiB "
            f"({s['rss_trimmed_mib']:.1f} trimmed, images {s['image_cache_mib']:.1f})  "
            f"top-level {s['top_level_widgets']:3}  widgets {s['all_widgets']:5}  "
            f"QObjects {s['live_qobjects']:5}"
        )
    print(
        f"RSS growth {result['rss_growth_pct']:+.1f}%, top-level widgets "
        f"{result['top_level_widgets_growth']:+d}, QObjects {result['live_qobjects_growth']:+d}, "
        f"errors {result['errors']}, actions {result['actions']}"
    )
    for line in result["first_errors"]:
        print("  " + line)


if __name__ == "__main__":
    main()
