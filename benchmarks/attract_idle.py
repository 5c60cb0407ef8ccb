"""The attract loop's idle cost: CPU of the kiosk's process while the loop shows its pictures
in a real X window, against a bare PySide6 window and the kiosk's own idle home screen
measured in the same run.

Each figure comes from a fresh process of its own (`--part`) on an Xvfb display this module
starts (and stops) itself, `-screen 0 WxHx24` at the window's size; Qt runs on xcb there,
not offscreen, so every frame goes through the window's backing store to the X server as on a
kiosk. The X server's own CPU is not counted: it is another process.

- bare: QApplication + a QWidget at the size, shown, left idle (the floor).
- kiosk: the kiosk built by kiosk/root.py (benchmarks/qtkiosk.py), windowed at the size,
  animations on; idle on its home screen, then the attract loop opened by the idle monitor's
  own path (attract_after_seconds reached) and, after a warm-up, idle in it. The content is
  a copy of the sample with the loop's pictures only (its film is the video benchmark's).

CPU is the process's user + system time (os.times(), all threads) over `--seconds` of Qt's
own event loop divided by the wall time: % of one core. Frames are Paint events the attract
layer received (its own paintEvent; the hand's ring is counted apart), per second. Paint ms is
the layer's paintEvent (the picture, and the card's pixmap copied over it); frame ms the whole
repaint (the window's UpdateRequest: every widget painted, the hand too, and the X flush);
foreground renders how often the card was rendered again over the measured seconds. Each part
runs `--repeats` times, interleaved; the figures give min, median and max (the machine is
shared: other processes' load shows as a wider range, less in CPU time than in wall time).

    python -m benchmarks.attract_idle --json [--seconds 20] [--repeats 3] [--warmup 4]
                                             [--sizes 1920x1080,1080x1920]
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

from benchmarks.harness import PYTHON, REPO, machine, median

SIZES = ((1920, 1080), (1080, 1920))
IDLE_OFF = {"timeout_seconds": 3600, "countdown_seconds": 20, "attract_after_seconds": 3600}

# ---- the X server (the parent process) ----------------------------------------------------------


class Xvfb:
    """An Xvfb server on a display number it chooses itself (-displayfd), stopped on exit."""

    def __init__(self, width: int, height: int):
        self.size = (width, height)
        self.proc: subprocess.Popen | None = None
        self.display = ""

    def __enter__(self) -> Xvfb:
        read, write = os.pipe()
        w, h = self.size
        cmd = ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{w}x{h}x24"]
        cmd += ["-nolisten", "tcp", "-noreset"]
        self.proc = subprocess.Popen(
            cmd, pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        os.close(write)
        number = b""
        with os.fdopen(read, "rb") as pipe:
            while not number.endswith(b"\n"):
                chunk = pipe.read(1)
                if not chunk:
                    break
                number += chunk
        if not number.strip():
            err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
            self.__exit__()
            raise RuntimeError(f"Xvfb did not start: {err[-1000:]}")
        self.display = f":{number.decode().strip()}"
        return self

    def __exit__(self, *_exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def run_part(display: str, part: str, size: tuple[int, int], args) -> dict:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(REPO))
    env.pop("WAYLAND_DISPLAY", None)
    cmd = [PYTHON, "-m", "benchmarks.attract_idle", "--json", "--part", part]
    cmd += ["--size", f"{size[0]}x{size[1]}", "--seconds", str(args.seconds)]
    cmd += ["--warmup", str(args.warmup)]
    done = subprocess.run(
        cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=args.seconds * 3 + 180
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _range(values: list[float]) -> dict:
    return {
        "min": round(min(values), 1),
        "median": round(median(values), 1),
        "max": round(max(values), 1),
        "runs": [round(v, 1) for v in values],
    }


def measure(args) -> dict:
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",") if s]
    result: dict = {
        "seconds": args.seconds,
        "warmup_s": args.warmup,
        "repeats": args.repeats,
        "platform": "xcb on Xvfb (a real X window; the X server's CPU not counted)",
        "machine": machine(),
        "sizes": {},
    }
    for size in sizes:
        runs: dict[str, list[dict]] = {"bare": [], "kiosk": []}
        with Xvfb(*size) as x:
            for _ in range(args.repeats):
                for part in ("bare", "kiosk"):
                    runs[part].append(run_part(x.display, part, size, args))
        kiosk = runs["kiosk"]
        result["sizes"][f"{size[0]}x{size[1]}"] = {
            "bare_window_cpu_pct": _range([r["cpu_pct"] for r in runs["bare"]]),
            "home_idle_cpu_pct": _range([r["home"]["cpu_pct"] for r in kiosk]),
            "attract_cpu_pct": _range([r["attract"]["cpu_pct"] for r in kiosk]),
            "attract_frames_per_s": _range([r["attract"]["frames_per_s"] for r in kiosk]),
            "attract_hand_frames_per_s": _range([r["attract"]["hand_frames_per_s"] for r in kiosk]),
            "attract_paint_ms_median": _range([r["attract"]["paint_ms_median"] for r in kiosk]),
            "attract_frame_ms_median": _range([r["attract"]["frame_ms_median"] for r in kiosk]),
            "foreground_renders": [r["attract"]["foreground_renders"] for r in kiosk],
            "slides_shown": [r["attract"]["slides_shown"] for r in kiosk],
            "content": kiosk[0]["content"],
        }
    result["machine"]["load_avg_after"] = [round(v, 2) for v in os.getloadavg()]
    return result


# ---- the children -------------------------------------------------------------------------------


def run_loop(seconds: float) -> None:
    """Qt's own event loop for `seconds`: no polling of ours, idle is idle."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    loop = QEventLoop()
    end = QTimer()
    end.setTimerType(Qt.TimerType.PreciseTimer)
    end.setSingleShot(True)
    end.timeout.connect(loop.quit)
    end.start(round(seconds * 1000))
    loop.exec()


def usage(seconds: float) -> dict:
    """% of one core this process used (all threads) over `seconds` of the event loop."""
    before, wall0 = os.times(), time.perf_counter()
    run_loop(seconds)
    after, wall = os.times(), time.perf_counter() - wall0
    cpu = (after.user - before.user) + (after.system - before.system)
    return {"cpu_pct": round(100 * cpu / wall, 2), "cpu_s": round(cpu, 3), "wall_s": round(wall, 3)}


def bare_part(size: tuple[int, int], seconds: float, warmup: float) -> dict:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication(sys.argv)
    window = QWidget()
    window.resize(*size)
    window.show()
    run_loop(warmup)
    figures = usage(seconds)
    window.close()
    app.processEvents()
    return figures


class Paints:
    """Paint events a widget receives (an event filter: Qt's own count, not ours)."""

    def __init__(self, widget):
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            count = 0

            def eventFilter(self, watched, event):  # noqa: N802 (Qt API)
                if watched is widget and event.type() == QEvent.Type.Paint:
                    self.count += 1
                return False

        self.filter = Filter()
        widget.installEventFilter(self.filter)

    @property
    def count(self) -> int:
        return self.filter.count


def content_copy(tmp: Path) -> tuple[Path, str]:
    """The sample content with the idle flow out of the way and the loop's pictures only."""
    import yaml

    from benchmarks.generate import valid_sample
    from kiosk.content.loader import load_content

    sample, note = valid_sample(tmp)
    root = tmp / "content"
    shutil.copytree(sample, root)
    site_file = root / "site.yaml"
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    site["idle"] = dict(IDLE_OFF)
    attract = site["attract"]
    pictures = list(attract.get("images") or [])
    pictures += [item["image"] for item in attract.get("items", []) if "image" in item]
    site["attract"] = {
        "items": [{"image": p} for p in pictures],
        **{k: v for k, v in attract.items() if k in ("seconds_per_slide", "call_to_action")},
    }
    site_file.write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False), "utf-8")
    result = load_content(root)
    if not result.ok:
        problems = "\n".join(p.format() for p in result.errors)
        raise RuntimeError(f"the content does not load:\n{problems}")
    seconds = site["attract"].get("seconds_per_slide", 8)
    return root, f"{note}; the loop's {len(pictures)} pictures, {seconds} s each, no film"


def kiosk_part(size: tuple[int, int], seconds: float, warmup: float) -> dict:
    from benchmarks import qtkiosk
    from kiosk.ui.overlays.attract import AttractLoop

    costs: list[float] = []
    shown: set[int] = set()
    original = AttractLoop.paintEvent

    def timed(layer, event) -> None:
        start = time.perf_counter()
        original(layer, event)
        costs.append((time.perf_counter() - start) * 1000)
        shown.add(layer.slide)

    AttractLoop.paintEvent = timed
    # a whole frame: the window's UpdateRequest, in which Qt paints every widget dirty (the
    # layer, then the hand over it) into the backing store and flushes that to the X server
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QMainWindow

    from kiosk.ui.main_window import MainWindow

    frame_costs: list[float] = []

    def timed_event(window, event) -> bool:
        if event.type() != QEvent.Type.UpdateRequest:
            return QMainWindow.event(window, event)
        start = time.perf_counter()
        handled = QMainWindow.event(window, event)
        frame_costs.append((time.perf_counter() - start) * 1000)
        return handled

    MainWindow.event = timed_event
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-attract-") as tmp:
        content, note = content_copy(Path(tmp))
        kiosk = qtkiosk.build(content, Path(tmp) / "data", animate=True, size=size)
        run_loop(warmup)
        home = usage(seconds)
        attract = kiosk.window.findChild(AttractLoop)
        idle = kiosk.controller.idle
        # the idle monitor's own path: nobody there for attract_after_seconds -> attract_due
        idle.configure(idle.settings.model_copy(update={"attract_after_seconds": 0.001}))
        idle.start()
        run_loop(warmup)
        if not attract.isVisible():
            raise RuntimeError("the attract loop did not open")
        paints, hand = Paints(attract), Paints(attract.cue)
        costs.clear()
        frame_costs.clear()
        shown.clear()
        renders = attract.front.renders
        moving = usage(seconds)
        frames, hand_frames = paints.count, hand.count
        moving |= {
            "frames_per_s": round(frames / moving["wall_s"], 1),
            "hand_frames_per_s": round(hand_frames / moving["wall_s"], 1),
            "paint_ms_median": round(median(costs), 2) if costs else 0.0,
            "frame_ms_median": round(median(frame_costs), 2) if frame_costs else 0.0,
            "foreground_renders": attract.front.renders - renders,
            "slides_shown": len(shown),
            "still_open": attract.isVisible(),
        }
        qtkiosk.close(kiosk)
    return {"content": note, "home": home, "attract": moving}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--part", choices=("bare", "kiosk"), default=None)
    parser.add_argument("--size", default="1920x1080")
    args = parser.parse_args()
    if args.part is None:
        figures = measure(args)
    else:
        size = tuple(int(n) for n in args.size.split("x"))
        part = bare_part if args.part == "bare" else kiosk_part
        figures = part(size, args.seconds, args.warmup)
    json.dump(figures, sys.stdout)
    print()


if __name__ == "__main__":
    main()
