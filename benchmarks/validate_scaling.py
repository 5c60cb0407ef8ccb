"""`kiosk validate` on the sample content and on generated content 10x and 100x its size:
the whole process (what an operator waits for) and `load_content` alone, in-process."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate, valid_sample
from benchmarks.harness import PYTHON, REPO, median, qt_env

FACTORS = (1, 10, 100)


def _process_s(folder: Path) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-m", "kiosk", "validate", "--content", str(folder)],
        cwd=REPO,
        env=qt_env(),
        capture_output=True,
    )
    return time.perf_counter() - start, done.returncode


def _load_s(folder: Path) -> float:
    from kiosk.content.loader import load_content

    start = time.perf_counter()
    load_content(folder)
    return time.perf_counter() - start


def measure(runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-validate-") as tmp:
        sample, note = valid_sample(Path(tmp))
        rows = {}
        for factor in FACTORS:
            folder = sample if factor == 1 else generate(sample, Path(tmp) / f"x{factor}", factor)
            reps = runs if factor < 100 else max(3, runs // 2)
            process = [_process_s(folder) for _ in range(reps)]
            rows[f"x{factor}"] = {
                "panel_files": len(list((folder / "panels").glob("*.yaml"))),
                "process_s": median([s for s, _ in process]),
                "exit_code": process[0][1],
                "load_content_s": median([_load_s(folder) for _ in range(reps)]),
            }
    one, ten, hundred = (rows[f"x{f}"]["load_content_s"] for f in FACTORS)
    # Linear growth: the extra time from 1x to 100x is ~11x the extra time from 1x to 10x.
    growth = (hundred - one) / max(ten - one, 1e-9)
    return {"content": note, "factors": rows, "growth_100_vs_10": growth, "ideal_growth": 11.0}
