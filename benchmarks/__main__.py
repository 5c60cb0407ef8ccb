"""Run every measurement, print a table with targets met or missed, save JSON in results/.

python -m benchmarks [--quick] [--only SECTION,...] [--touches N]

Sections: floor kiosk memory switch reload validate soak speech video chromium, and for
issue 16: scale (generated camera-size content) smooth (frames under Xvfb) attract (the
attract loop's CPU under Xvfb) selftest (`kiosk self-test`, `kiosk check` on the scale content).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path

from benchmarks import chromium, startup, validate_scaling
from benchmarks.generate import valid_sample
from benchmarks.harness import RESULTS, machine, run_json
from benchmarks.report import print_table, targets

SECTIONS = (
    "floor", "kiosk", "memory", "switch", "reload", "validate", "soak", "speech", "video",
    "chromium", "scale", "smooth", "attract", "selftest",
)  # fmt: skip


def run(sections: list[str], quick: bool, touches: int) -> dict:
    runs = 3 if quick else 7
    results: dict = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "quick": quick,
        "machine": machine(),
    }
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        content, note = valid_sample(Path(tmp))
        results["content"] = note
        steps = {
            "floor": lambda: startup.bare_window(runs),
            "kiosk": lambda: {
                "source": _guarded(startup.from_source, runs, content),
                "frozen": _guarded(startup.frozen, runs, content)
                or "not built (dist/kiosk/kiosk missing)",
                "bundle_bytes": startup.bundle_bytes(),
            },
            "memory": lambda: {
                **run_json("memory"),  # started from the snapshot cache, as most starts are
                "validated_here": run_json("memory", "--validated-here"),  # after an edit
            },
            "switch": lambda: run_json("switch", "--rounds", "2" if quick else "5"),
            "reload": lambda: run_json("reload", "--runs", "3" if quick else "7"),
            "validate": lambda: validate_scaling.measure(runs),
            "soak": lambda: run_json("soak", "--touches", str(touches)),
            "speech": lambda: run_json("speech", "--taps", "5" if quick else "10"),
            "video": lambda: run_json("video", *_video_args(quick)),
            "chromium": lambda: _chromium(runs, content),
            "scale": lambda: run_json("scale", "--runs", "2" if quick else "3", timeout=3600),
            "smooth": lambda: run_json("smooth", "--flings", "4" if quick else "8"),
            "attract": lambda: run_json(
                "attract_idle", "--seconds", "10" if quick else "20", "--repeats", "3"
            ),
            "selftest": lambda: run_json("selftest_time", timeout=3600),
        }
        for name in sections:
            print(f"… {name}", flush=True)
            started = time.perf_counter()
            try:
                results[name] = steps[name]()
            except Exception as exc:  # noqa: BLE001 - one broken measurement must not hide the rest
                results[name] = {"error": f"{type(exc).__name__}: {exc}"}
                traceback.print_exc()
            print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    results["targets"] = targets(results)
    return results


def _guarded(measure, *args):
    """A sub-measurement whose failure is recorded beside the others instead of replacing them."""
    try:
        return measure(*args)
    except Exception as exc:  # noqa: BLE001
        return {"error": f"{type(exc).__name__}: {exc}"}


def _video_args(quick: bool) -> list[str]:
    """benchmarks/video.py's lengths: --quick plays fewer loops, makes fewer players and
    counts fewer attract switches (the CPU figure keeps its 20 s)."""
    if quick:
        return ["--loops", "300", "--players", "100", "--switches", "12", "--taps", "5"]
    return ["--loops", "1000", "--players", "500", "--switches", "30", "--taps", "5"]


def _chromium(runs: int, content: Path) -> dict:
    from kiosk.content.loader import load_content

    return chromium.measure(min(runs, 5), load_content(content).content)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats, a shorter soak")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--touches", type=int, default=None, help="soak length (50,000)")
    args = parser.parse_args()
    sections = [s for s in args.only.split(",") if s]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    touches = args.touches or (5_000 if args.quick else 50_000)
    results = run(sections, args.quick, touches)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for path in (RESULTS / f"{stamp}.json", RESULTS / "latest.json"):
        path.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print_table(results)
    print(f"\nSaved {RESULTS / f'{stamp}.json'}")


if __name__ == "__main__":
    main()
