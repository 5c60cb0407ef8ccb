"""Shared by the measurements: statistics, RSS, subprocess probes, the machine's description."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
PYTHON = sys.executable


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def rss_kb(pid: int | str = "self") -> int:
    """Resident memory of a process in KiB (VmRSS), 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def qt_env(**extra: str) -> dict[str, str]:
    """Environment of a headless Qt child process started from the repository root."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    env.update(extra)
    return env


def run_json(module: str, *args: str, timeout: float = 1800) -> dict:
    """Run `python -m benchmarks.<module> --json ...` in a fresh process; its last stdout line.

    In-process measurements run in a child so that RSS is the kiosk's alone, not the harness's.
    """
    cmd = [PYTHON, "-m", f"benchmarks.{module}", "--json", *args]
    done = subprocess.run(
        cmd, cwd=REPO, env=qt_env(), capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> dict:
    """What the figures came from."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        mem_kb = 0
    try:
        import PySide6

        pyside = PySide6.__version__
    except ImportError:
        pyside = "not installed"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "pyside6": pyside,
        "kernel": platform.release(),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
    }


def rounds_main(doc: str, measure, rounds: int = 5) -> None:
    """The command line of a benchmark `measure(rounds, content)`: --json, --rounds, --content;
    the result as one line of JSON on stdout."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=rounds)
    parser.add_argument("--content", type=Path, default=None, help="default: the sample")
    args = parser.parse_args()
    json.dump(measure(args.rounds, args.content), sys.stdout)
    print()
