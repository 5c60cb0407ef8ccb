"""Smoothness: the time between painted frames during a kinetic fling on the longest panel and
during the slide from home to it, in a real window under Xvfb (issue 16, target 4).

    python -m benchmarks.smooth --json [--flings 8] [--slides 8] [--content DIR]

Each size (1920x1080 and 1080x1920) runs in a child process on an Xvfb server of its own, with
Qt's xcb platform: the window is a real X11 window and every frame goes through Qt's backing
store to the X server. A frame is the top-level widget's UpdateRequest (Qt repaints what changed and
flushes it then); the figure is the interval between consecutive ones while something moves.
The fling is a real touch flick (QTest's touch screen, as the tests drive the kiosk) on the
panel's scroll area; the slide starts at a touch tap on the panel's home tile.

What this cannot tell: Xvfb has no display refresh and no vsync, so "painted" is when Qt handed
the frame to the X server, not when a screen showed it; Qt's animation timer paces frames at
about 60 Hz (16-17 ms), so an interval a little over 16.7 ms is the timer, not a slow frame.
The per-frame work (the UpdateRequest's own handling time) is reported too: that is the part
the kiosk's code decides.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import PYTHON, REPO, machine, median, p95

SIZES = ((1920, 1080), (1080, 1920))
FRAME_BUDGET_MS = 1000 / 60


def _free_display() -> int:
    for number in range(90, 140):
        taken = Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists()
        if not taken:
            return number
    raise RuntimeError("no free X display number between :90 and :139")


def measure(content: Path, flings: int, slides: int) -> dict:
    """Start Xvfb per size and run the child there; the children's figures by size."""
    if shutil.which("Xvfb") is None:
        return {"error": "Xvfb is not installed (apt-get install xvfb)"}
    results: dict = {}
    for width, height in SIZES:
        number = _free_display()
        server = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 10
            while not Path(f"/tmp/.X11-unix/X{number}").exists():
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"Xvfb :{number} did not start")
                time.sleep(0.05)
            env = dict(os.environ, DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb")
            env["PYTHONPATH"] = str(REPO)
            cmd = [
                PYTHON, "-m", "benchmarks.smooth", "--child", "--size", f"{width}x{height}",
                "--flings", str(flings), "--slides", str(slides), "--content", str(content),
            ]  # fmt: skip
            done = subprocess.run(
                cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600
            )
            if done.returncode != 0:
                results[f"{width}x{height}"] = {"error": done.stderr[-2000:]}
            else:
                results[f"{width}x{height}"] = json.loads(done.stdout.strip().splitlines()[-1])
        finally:
            server.terminate()
            server.wait(timeout=10)
    return results


def _summary(intervals: list[float], work: list[float]) -> dict:
    if not intervals:
        return {"frames": 0}
    return {
        "frames": len(intervals) + 1,
        "interval_median_ms": round(median(intervals), 2),
        "interval_p95_ms": round(p95(intervals), 2),
        "interval_max_ms": round(max(intervals), 2),
        "over_budget": sum(1 for i in intervals if i > FRAME_BUDGET_MS + 0.5),
        "frame_work_median_ms": round(median(work), 2) if work else None,
        "frame_work_p95_ms": round(p95(work), 2) if work else None,
    }


def child(content: Path, size: tuple[int, int], flings: int, slides: int) -> dict:
    from PySide6.QtCore import QEvent, QObject, QPoint
    from PySide6.QtWidgets import QScroller

    from benchmarks import qtkiosk

    class FrameClock(QObject):
        """Times each UpdateRequest of the window (Qt's widget repaint manager posts them to
        the top-level widget): when it came and how long repainting and flushing took."""

        def __init__(self, window):
            super().__init__()
            self.handle = window
            self.starts: list[float] = []
            self.work: list[float] = []
            self.recording = False
            self.handle.installEventFilter(self)

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
            if self.recording and event.type() == QEvent.Type.UpdateRequest:
                start = time.perf_counter()
                self.starts.append(start)
                self.handle.removeEventFilter(self)  # handle it now, inside, to time its work
                try:
                    watched.event(event)
                finally:
                    self.handle.installEventFilter(self)
                self.work.append((time.perf_counter() - start) * 1000)
                return True
            return False

        def take(self) -> tuple[list[float], list[float]]:
            intervals = [(b - a) * 1000 for a, b in zip(self.starts, self.starts[1:], strict=False)]
            work = self.work
            self.starts, self.work = [], []
            return intervals, work

    with tempfile.TemporaryDirectory(prefix="kiosk-smooth-") as data:
        kiosk = qtkiosk.build(content, Path(data), size=size)
        window = kiosk.window
        touch = qtkiosk.Touch()
        clock = FrameClock(window)
        content_model = kiosk.controller.content
        longest = max(content_model.site.panels, key=lambda p: len(content_model.panels[p].blocks))
        qtkiosk.settle(500)

        slide_intervals: list[float] = []
        slide_work: list[float] = []
        tile = next(t for t in window.home.tiles if t.panel.id == longest)
        window.home.scroll_area.ensureWidgetVisible(tile)
        qtkiosk.settle(300)
        for _ in range(slides):
            clock.recording = True
            touch.tap(tile)
            deadline = time.perf_counter() + 3
            qtkiosk.settle(20)
            while window.host.sliding() and time.perf_counter() < deadline:
                qtkiosk.settle(5)
            qtkiosk.settle(40)
            clock.recording = False
            intervals, work = clock.take()
            slide_intervals += intervals
            slide_work += work
            window.show_home()
            qtkiosk.settle(300)

        touch.tap(tile)
        qtkiosk.settle(600)
        panel = window.panel_screen(longest)
        assert window.current_panel_id() == longest, "the tile tap did not open the panel"
        area = panel.scroll_area
        viewport = area.viewport()
        scroller = QScroller.scroller(viewport)
        bar = area.verticalScrollBar()
        fling_intervals: list[float] = []
        fling_work: list[float] = []
        travelled = []
        for _ in range(flings):
            bar.setValue(0)
            qtkiosk.settle(200)
            centre = viewport.mapTo(window, viewport.rect().center())
            start = QPoint(centre.x(), centre.y() + viewport.height() // 4)
            end = QPoint(centre.x(), centre.y() - viewport.height() // 4)
            before = bar.value()
            clock.recording = True
            touch.swipe(window, start, end, steps=6)
            deadline = time.perf_counter() + 6
            qtkiosk.settle(30)
            while scroller.state() != QScroller.State.Inactive and time.perf_counter() < deadline:
                qtkiosk.settle(5)
            clock.recording = False
            intervals, work = clock.take()
            fling_intervals += intervals
            fling_work += work
            travelled.append(bar.value() - before)
        qtkiosk.close(kiosk)
    return {
        "size": f"{size[0]}x{size[1]}",
        "panel": longest,
        "blocks": len(content_model.panels[longest].blocks),
        "slide": _summary(slide_intervals, slide_work),
        "fling": _summary(fling_intervals, fling_work) | {"travelled_px_median": median(travelled)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--flings", type=int, default=8)
    parser.add_argument("--slides", type=int, default=8)
    parser.add_argument("--content", type=Path, default=None)
    args = parser.parse_args()
    if args.content is None:
        from benchmarks.generate import valid_sample

        holder = tempfile.mkdtemp(prefix="kiosk-smooth-content-")
        args.content, _ = valid_sample(Path(holder))
    if args.child:
        width, height = (int(v) for v in args.size.split("x"))
        result = child(args.content, (width, height), args.flings, args.slides)
    else:
        result = {"machine": machine(), **measure(args.content, args.flings, args.slides)}
    print(json.dumps(result))
    sys.exit(0)


if __name__ == "__main__":
    main()
