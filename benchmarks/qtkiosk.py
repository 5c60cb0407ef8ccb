"""The kiosk built in-process by the composition root (kiosk/root.py), plus what the Qt
measurements share: waiting for a widget's paint, real touch input, live object counts.

Differences from `kiosk run`, all so that figures are repeatable: a fixed clock at a time
the kiosk is open (no standby screen over everything), data in a temporary folder, no log file.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from kiosk.offscreen import use_offscreen_screen  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
use_offscreen_screen()  # touches need the window on a screen


import shiboken6  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF  # noqa: E402
from PySide6.QtGui import QInputDevice  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from kiosk.root import Kiosk  # noqa: E402
from kiosk.services.clock import ManualClock  # noqa: E402
from kiosk.services.hours import is_open  # noqa: E402

SIZE = (1920, 1080)


def open_clock(content_dir: Path) -> ManualClock:
    """A clock standing at 11:00 on the first day from today the content's site is open."""
    from kiosk.content.loader import load_content

    hours = load_content(content_dir).content.site.opening_hours
    day = datetime.now().date()
    for _ in range(14):
        moment = datetime.combine(day, clock_time(11, 0))
        if is_open(hours, moment):
            return ManualClock(moment)
        day += timedelta(days=1)
    return ManualClock(datetime.combine(datetime.now().date(), clock_time(11, 0)))


def build(
    content_dir: Path,
    data_dir: Path,
    debounce_ms: int | None = None,
    animate: bool = True,
    size: tuple[int, int] = SIZE,
    clock: ManualClock | None = None,
):
    """The kiosk built by kiosk/root.py as `kiosk run --size` builds it, returned once the
    first frame is painted. `animate=False` turns off the slide between screens."""
    from kiosk.commands.run import collect_after_first_frame
    from kiosk.operation import KioskConfig
    from kiosk.root import build as build_kiosk

    config = KioskConfig(
        Path(content_dir),
        kiosk_mode=False,
        window_size=size,
        animate=animate,
        show=False,
        clock=clock or open_clock(Path(content_dir)),
        data_dir=Path(data_dir),
    )
    if debounce_ms is not None:
        config.debounce_ms = debounce_ms
    kiosk = build_kiosk(config)
    window = kiosk.window
    collect_after_first_frame(window)  # as `kiosk run` does
    window.resize(*size)
    with PaintWatch(lambda w: w.window() is window) as paint:
        window.show()
        paint.wait()
    return kiosk


def close(kiosk: Kiosk) -> None:
    kiosk.close()
    settle(50)


class PaintWatch(QObject):
    """Waits for a Paint event on any widget `match(widget)` accepts (an application-wide
    filter: the screen shown may be covered by children that do all the painting)."""

    def __init__(self, match):
        super().__init__()
        self.match = match
        self.painted_at: float | None = None

    def __enter__(self) -> PaintWatch:
        QCoreApplication.instance().installEventFilter(self)
        return self

    def __exit__(self, *_exc) -> None:
        QCoreApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if (
            self.painted_at is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and self.match(watched)
        ):
            self.painted_at = time.perf_counter()
        return False

    def wait(self, timeout_s: float = 10.0) -> float:
        """Process events until the paint; returns its perf_counter time."""
        deadline = time.perf_counter() + timeout_s
        while self.painted_at is None:
            if time.perf_counter() > deadline:
                raise TimeoutError("no matching Paint event")
            QCoreApplication.processEvents()
        return self.painted_at


def inside(ancestor: QWidget):
    """A PaintWatch matcher: `ancestor` itself or any widget inside it."""
    return lambda widget: widget is ancestor or ancestor.isAncestorOf(widget)


@contextlib.contextmanager
def running(content: Path | None, prefix: str, from_cache: bool = False):
    """The kiosk on `content` (default: the sample) with its data in a tmp folder, once every
    panel is built; yields (kiosk, a note naming the content) and closes it after.

    `from_cache`: started as a kiosk PC starts every morning, from the content's snapshot
    cache (written by a child process first), so this process never validates the folder and
    never imports pydantic; else the folder is validated here, as after an operator's edit."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        clock = None
        if from_cache:
            content, note, clock = _prepared(content, Path(tmp))
        elif content is None:
            from benchmarks.generate import valid_sample

            content, note = valid_sample(Path(tmp))
        else:
            note = str(content)
        kiosk = build(content, Path(tmp) / "data", clock=clock)
        all_panels_built(kiosk.window)
        try:
            yield kiosk, note
        finally:
            close(kiosk)


def all_panels_built(window) -> None:
    """Wait for the panel screens the window builds one per turn after the first frame."""
    settle(300)
    while len(window.panels) < len(window._order()):
        settle(20)


def settle(ms: int = 30) -> None:
    """Let timers, deferred deletes and image decodes run for `ms`."""
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        time.sleep(0.001)


class Touch:
    """Real touch input through a QTest touch screen (a Python-made device delivers nothing)."""

    def __init__(self):
        self.device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)

    def tap(self, widget: QWidget, pos: QPoint | None = None) -> None:
        win = widget.window()
        point = widget.mapTo(win, widget.rect().center() if pos is None else pos)
        QTest.touchEvent(win, self.device).press(0, point, win).commit()
        QCoreApplication.processEvents()
        QTest.touchEvent(win, self.device).release(0, point, win).commit()

    def swipe(self, win: QWidget, start: QPoint, end: QPoint, steps: int = 8) -> None:
        """A quick flick of one finger in window coordinates."""
        QTest.touchEvent(win, self.device).press(0, start, win).commit()
        for i in range(1, steps + 1):
            point = QPointF(start) + (QPointF(end) - QPointF(start)) * (i / steps)
            QTest.touchEvent(win, self.device).move(0, point.toPoint(), win).commit()
            QCoreApplication.processEvents()
        QTest.touchEvent(win, self.device).release(0, end, win).commit()


def live_qobjects() -> int:
    """Python-wrapped QObjects still alive (after a collection): what a leak of widgets or
    connections made from Python keeps growing."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, QObject) and shiboken6.isValid(o))


def all_qobjects(root: QObject) -> int:
    """QObjects in the tree under `root`, C++ children included."""
    return 1 + len(root.findChildren(QObject))


def trim_heap() -> None:
    """Hand freed heap pages back to the system (glibc), so RSS shows live memory rather
    than what the allocator keeps for reuse."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith("VmRSS:")))


def _prepared(content: Path | None, tmp: Path) -> tuple[Path, str, ManualClock]:
    """`prepare` run in a child process: (content, note, the clock to start with)."""
    command = [sys.executable, "-m", "benchmarks.qtkiosk", str(tmp)]
    command += ["--content", str(content)] if content is not None else []
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"preparing the snapshot cache failed:\n{done.stderr[-3000:]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return (
        Path(found["content"]),
        found["note"],
        ManualClock(datetime.fromisoformat(found["moment"])),
    )


def prepare(tmp: Path, content: Path | None) -> dict:
    """The content (the sample copied into `tmp` if None) validated, and its snapshot cache and
    last good copy written into `tmp/data`, as the watcher writes them after a first start."""
    from benchmarks.generate import valid_sample
    from kiosk.content.last_good import initial_load, save
    from kiosk.content.snapshot_cache import store

    content, note = valid_sample(tmp) if content is None else (content, str(content))
    moment = open_clock(content).now()
    start = initial_load(content, tmp / "data", moment.date())
    if not store(tmp / "data", start.cache_key, start.folder, content, moment.date()):
        raise RuntimeError(f"{content}: the snapshot cache could not be written")
    if not save(start.shown, tmp / "data"):
        raise RuntimeError(f"{content}: the last good copy could not be written")
    return {"content": str(content), "note": note, "moment": moment.isoformat()}


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="write a content's snapshot cache into TMP")
    parser.add_argument("tmp", type=Path)
    parser.add_argument("--content", type=Path, default=None)
    arguments = parser.parse_args()
    print(json.dumps(prepare(arguments.tmp, arguments.content)))
