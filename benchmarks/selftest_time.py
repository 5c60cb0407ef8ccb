"""How long `kiosk self-test` and `kiosk check` take, each in a fresh process.

    python -m benchmarks.selftest_time [--json] [--rounds 3] [--content DIR] [--scale DIR]

`kiosk self-test` on the content (default: the shipped sample) from source and, if
dist/kiosk/kiosk exists, the frozen bundle; `kiosk check` on the scale content when `--scale`
names it (`python -m benchmarks.scale_content --out DIR` makes it). The self-test talks to a
speech-dispatcher of the benchmark's own (tests/speech_server.py: espeak-ng, sound sent
nowhere), never the machine's. Each run's wall seconds and its checks' own seconds; with
`--json` one JSON line last. The machine is shared: compare ranges over rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.harness import machine, qt_env

REPO = Path(__file__).resolve().parent.parent
FROZEN = REPO / "dist" / "kiosk" / "kiosk"


def timed(cmd: list[str], env: dict, timeout: float) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(
        cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return time.perf_counter() - started, done


def self_test(cmd: list[str], content: Path, env: dict) -> dict:
    seconds, done = timed([*cmd, "self-test", "--json", "--content", str(content)], env, 600)
    try:
        report = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"wall_s": round(seconds, 2), "ok": False, "error": done.stderr[-2000:]}
    return {
        "wall_s": round(seconds, 2),
        "ok": report["ok"],
        "reported_s": report["seconds"],
        "checks_s": {check["name"]: check["seconds"] for check in report["checks"]},
        "failed": [check["name"] for check in report["checks"] if not check["ok"]],
    }


def check(content: Path, env: dict) -> dict:
    seconds, done = timed(
        [sys.executable, "-m", "kiosk", "check", "--content", str(content)], env, 3600
    )
    last = done.stdout.strip().splitlines()[-1:] or [""]
    return {"wall_s": round(seconds, 2), "status": done.returncode, "summary": last[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--scale", type=Path, help="scale content for `kiosk check`")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO))
    from tests.speech_server import SpeechServer

    server = SpeechServer()
    if not server.start():
        print(f"benchmark: {server.problem}", file=sys.stderr)
        return 1
    env = qt_env(SPEECHD_ADDRESS=server.address)
    runs: dict[str, list[dict]] = {"source": [], "frozen": [], "check_scale": []}
    try:
        for _ in range(args.rounds):
            runs["source"].append(self_test([sys.executable, "-m", "kiosk"], args.content, env))
            if FROZEN.is_file():
                runs["frozen"].append(self_test([str(FROZEN)], args.content, env))
            if not args.json:
                print({name: [run.get("wall_s") for run in got] for name, got in runs.items()})
        if args.scale is not None:
            runs["check_scale"].append(check(args.scale, env))
    finally:
        server.stop()
    result = {
        "benchmark": "selftest_time",
        "machine": machine(),
        "load_average": os.getloadavg(),
        **{f"{name}_wall_s": [run["wall_s"] for run in got] for name, got in runs.items() if got},
        "runs": runs,
    }
    print(json.dumps(result, ensure_ascii=False) if args.json else json.dumps(result, indent=2))
    return (
        0
        if all(run.get("ok", run.get("status") == 0) for got in runs.values() for run in got)
        else 1
    )


if __name__ == "__main__":
    sys.exit(main())
