"""The kiosk on content at scale (benchmarks/scale_content.py: 12 panels of 60 blocks, 20
camera-size photos each): validate time, start to first frame, screen switch, and RSS over
three rounds of visiting every panel in every language, each scrolled to its end.

    python -m benchmarks.scale --json [--content DIR] [--rounds 3] [--runs 3]
    python -m benchmarks.scale --json --only rounds        # (or validate, start)

Without --content the content is generated into /tmp/kiosk-scale (photos cached between runs).
Parts:
- validate: `python -m kiosk validate --content DIR` in a fresh process, warm, `--runs` times.
- start: `kiosk run` to its first frame as benchmarks/startup.py measures it, against the bare
  window and the kiosk on the sample content, launched in turn in the same run.
- rounds (a fresh child process, as benchmarks/memory.py): every panel in every language
  opened by a real touch tap on its home tile, scrolled to its end a screen at a time (its
  photos shown and decoded), then Home tapped; the taps timed as benchmarks/switch.py times
  them. After each round, at home with every decode delivered: VmRSS, and the image cache.
  After the last round also VmRSS after `malloc_trim(0)` and the peak (VmHWM).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import PYTHON, REPO, median, p95, qt_env, run_json

DEFAULT_CONTENT = Path("/tmp/kiosk-scale")
VALIDATE_TARGET_S = 3.0
SWITCH_TARGET_MS = 50.0
RSS_TARGET_MIB = 400.0


def ensure_content(content: Path | None) -> Path:
    if content is not None:
        return content
    from benchmarks.scale_content import generate

    return generate(DEFAULT_CONTENT)


# ---- validate -------------------------------------------------------------------------------


def validate(content: Path, runs: int) -> dict:
    cmd = [PYTHON, "-m", "kiosk", "validate", "--content", str(content)]
    times = []
    for run in range(runs + 1):  # the first warms the page cache
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=REPO, env=qt_env(), capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"kiosk validate failed:\n{done.stdout[-2000:]}{done.stderr}")
        if run:
            times.append(seconds)
    return {
        "validate_s": median(times),
        "validate_range_s": [min(times), max(times)],
        "report": done.stdout.strip().splitlines()[-1],
    }


# ---- start ----------------------------------------------------------------------------------


def start(content: Path, runs: int) -> dict:
    """Bare window, the kiosk on the sample and on `content`, each `runs` times in turn."""
    from benchmarks import startup
    from benchmarks.generate import valid_sample

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-scale-") as tmp:
        sample, _note = valid_sample(Path(tmp))
        bare, small, big = [], [], []
        for _ in range(runs):
            bare.append(startup.bare_window(1))
            small.append(startup.from_source(1, sample))
            big.append(startup.from_source(1, content))

    def figures(samples: list[dict]) -> tuple[float, float]:
        return (
            median([s["first_frame_s"] for s in samples]),
            median([s["rss_mib"] for s in samples]),
        )

    (bare_s, bare_mib), (small_s, _), (big_s, big_mib) = map(figures, (bare, small, big))
    return {
        "bare_first_frame_s": bare_s,
        "bare_rss_mib": bare_mib,
        "sample_first_frame_s": small_s,
        "first_frame_s": big_s,
        "first_frame_range_s": [
            min(s["first_frame_s"] for s in big),
            max(s["first_frame_s"] for s in big),
        ],
        "rss_first_frame_mib": big_mib,
        "start_ratio_to_bare": big_s / bare_s,
        "sample_ratio_to_bare": small_s / bare_s,
        "start_ratio_to_sample": big_s / small_s,
        "runs": runs,
    }


# ---- rounds (in a child process) --------------------------------------------------------


def rounds_in_process(content: Path, rounds: int) -> dict:
    from PySide6.QtCore import QCoreApplication

    from benchmarks import qtkiosk
    from benchmarks.switch import tour

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-scale-") as tmp:
        kiosk = qtkiosk.build(content, Path(tmp) / "data")
        window = kiosk.window
        images = window.ctx.images
        prebuild = _prebuild(window, qtkiosk)
        qtkiosk.settle(300)
        touch = qtkiosk.Touch()
        to_panel: list[float] = []
        to_home: list[float] = []
        per_round: list[dict] = []
        first = qtkiosk.rss_kb() / 1024
        began = time.perf_counter()
        for _round in range(rounds):
            taps_before = len(to_panel) + len(to_home)
            tour(window, touch, to_panel, to_home, lambda s: _read_to_end(s, images, qtkiosk))
            images.wait_idle(30_000)
            qtkiosk.settle(300)
            QCoreApplication.processEvents()
            switches = to_panel[taps_before // 2 :] + to_home[taps_before // 2 :]
            per_round.append(
                {
                    "rss_mib": qtkiosk.rss_kb() / 1024,
                    "image_cache_mib": images.cached_bytes / 2**20,
                    "switch_p95_ms": p95(switches),
                    "seconds": time.perf_counter() - began,
                }
            )
        rss_before_trim = qtkiosk.rss_kb() / 1024
        qtkiosk.trim_heap()
        trimmed = qtkiosk.rss_kb() / 1024
        peak = _vm("VmHWM") / 1024
        qtkiosk.close(kiosk)
    both = to_panel + to_home
    rss = [r["rss_mib"] for r in per_round]
    return {
        "prebuild": prebuild,
        "rss_first_frame_mib": first,
        "rounds": per_round,
        "rss_per_round_mib": rss,
        "growth_last_round_mib": rss[-1] - rss[-2] if len(rss) > 1 else None,
        "rss_end_mib": rss_before_trim,
        "rss_end_trimmed_mib": trimmed,
        "rss_peak_mib": peak,
        "switches": len(both),
        "switch_median_ms": median(both),
        "switch_p95_ms": p95(both),
        "switch_max_ms": max(both),
        "to_panel_median_ms": median(to_panel),
        "to_panel_p95_ms": p95(to_panel),
        "to_home_median_ms": median(to_home),
    }


def _prebuild(window, qtkiosk) -> dict:
    """Wait until every panel screen is built after the first frame (kiosk/ui/main_window.py
    builds one per turn of the event loop); how long that took and the longest the event loop
    was held meanwhile (a 10 ms timer's largest gap: a tap then waits as long)."""
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    start = time.perf_counter()
    ticks.append(start)
    timer.start()
    wanted = len(window._order())
    while len(window.panels) < wanted and time.perf_counter() - start < 600:
        qtkiosk.settle(10)
    timer.stop()
    ticks.append(time.perf_counter())
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    return {
        "panels": wanted,
        "seconds": ticks[-1] - start,
        "longest_stall_ms": max(gaps) * 1000,
        "rss_mib": qtkiosk.rss_kb() / 1024,
    }


def _read_to_end(screen, images, qtkiosk) -> None:
    """Scroll a panel to its end nine tenths of a screen at a time, as a reader would, each
    step painted and its photos delivered; it is left at the end (Home is tapped next)."""
    bar = screen.scroll_area.verticalScrollBar()
    step = max(200, screen.scroll_area.viewport().height() * 9 // 10)
    value = 0
    while True:
        value = min(bar.maximum(), value + step)
        bar.setValue(value)
        qtkiosk.settle(40)
        images.wait_idle(30_000)
        qtkiosk.settle(20)
        built = getattr(screen, "fully_built", lambda: True)()  # (a long panel grows)
        if value >= bar.maximum() and built:
            break


def _vm(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


# ---- all ------------------------------------------------------------------------------------


def measure(content: Path | None, rounds: int, runs: int, only: set[str]) -> dict:
    content = ensure_content(content)
    result: dict = {"content": str(content)}
    if "validate" in only:
        result["validate"] = validate(content, runs)
    if "start" in only:
        result["start"] = start(content, runs)
    if "rounds" in only:
        result["rounds"] = run_json(
            "scale", "--child-rounds", "--content", str(content), "--rounds", str(rounds)
        )
    result["targets"] = _targets(result)
    return result


def _targets(result: dict) -> dict:
    targets = {}
    if "validate" in result:
        targets["validate_under_3s"] = result["validate"]["validate_s"] < VALIDATE_TARGET_S
    if "start" in result:  # the start target is 2x the bare window; plus 20 %
        targets["start_within_2.4x_bare"] = result["start"]["start_ratio_to_bare"] <= 2.4
        targets["start_within_1.2x_sample"] = result["start"]["start_ratio_to_sample"] <= 1.2
    if "rounds" in result:
        r = result["rounds"]
        targets["switch_p95_under_50ms"] = r["switch_p95_ms"] < SWITCH_TARGET_MS
        targets["rss_under_400mib"] = max(r["rss_per_round_mib"]) < RSS_TARGET_MIB
        growth = r["growth_last_round_mib"]
        targets["rss_flat_round2_to_3"] = growth is not None and growth < 5.0
    return targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--content", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3, help="repeats of validate and start")
    parser.add_argument("--only", default="validate,start,rounds")
    parser.add_argument("--child-rounds", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_rounds:
        result = rounds_in_process(ensure_content(args.content), args.rounds)
    else:
        result = measure(args.content, args.rounds, args.runs, set(args.only.split(",")))
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
