"""Process start to first painted frame, and RSS at that frame, for a command that prints
FIRST_FRAME (and optionally `RSS_KB <n>`) when its main window first paints.

The kiosk does this when KIOSK_EXIT_AFTER_FIRST_FRAME=1 (a hook in kiosk/commands/run.py);
the floor, benchmarks/bare_window.py, always does.
"""

from __future__ import annotations

import os
import select
import subprocess
import tempfile
import time
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from benchmarks.harness import PYTHON, REPO, median, qt_env, rss_kb

TIMEOUT_S = 30.0


class NoFirstFrame(RuntimeError):
    pass


def _lines(proc: subprocess.Popen, deadline: float):
    """The child's stdout lines as they come, until it closes stdout or the deadline passes."""
    buffer = b""
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.05)
        if not ready:
            continue
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            return
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            yield line.decode(errors="replace")


def probe(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """One launch: (seconds from Popen to the FIRST_FRAME line, RSS in KiB at that moment)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=errors)
        try:
            seconds = rss = None
            for line in _lines(proc, start + TIMEOUT_S):
                if line.startswith("FIRST_FRAME"):
                    seconds = time.perf_counter() - start
                    rss = rss_kb(proc.pid)  # the child lingers a little after the line
                elif line.startswith("RSS_KB") and seconds is not None:
                    rss = int(line.split()[1])
                    break
            if seconds is None:
                proc.kill()
                errors.seek(0)
                tail = errors.read().decode(errors="replace")[-1500:]
                raise NoFirstFrame(
                    f"{cmd[0]} printed no FIRST_FRAME line within {TIMEOUT_S:.0f} s\n{tail}"
                )
            return seconds, rss
        finally:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def repeated(cmd: list[str], env: dict[str, str], runs: int) -> dict:
    probe(cmd, env)  # warm the page cache: every figure is a warm start
    # The warm-up wrote the snapshot cache and the last good copy (at scale, 2.6 GB of camera
    # photos): let the disk finish writing them, or the measured starts share it with that.
    os.sync()
    samples = [probe(cmd, env) for _ in range(runs)]
    return {
        "first_frame_s": median([s for s, _ in samples]),
        "rss_mib": median([r for _, r in samples]) / 1024,
        "runs": runs,
    }


def bare_window(runs: int) -> dict:
    return repeated([PYTHON, str(Path(__file__).with_name("bare_window.py"))], qt_env(), runs)


def kiosk(runs: int, content: Path, executable: list[str]) -> dict:
    """`kiosk run --windowed --size 1920x1080` with its data and log folders kept in a tmp dir."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-home-") as home:
        env = qt_env(
            KIOSK_EXIT_AFTER_FIRST_FRAME="1",
            XDG_DATA_HOME=f"{home}/data",
            XDG_STATE_HOME=f"{home}/state",
            XDG_CACHE_HOME=f"{home}/cache",
        )
        at = open_moment(content).strftime("%Y-%m-%d %H:%M")  # the home screen, not standby
        cmd = [*executable, "run", "--windowed", "--size", "1920x1080", "--content", str(content)]
        cmd += ["--at", at]
        return repeated(cmd, env, runs)


def open_moment(content: Path):
    """11:00 on the next day the content's site is open (as benchmarks/qtkiosk.py's clock):
    a start measured at night would show the standby screen instead of home."""
    from kiosk.content.loader import load_content
    from kiosk.services.hours import is_open

    hours = load_content(content).content.site.opening_hours
    day = datetime.now().date()
    for _ in range(14):
        moment = datetime.combine(day, clock_time(11, 0))
        if is_open(hours, moment):
            return moment
        day += timedelta(days=1)
    return datetime.combine(datetime.now().date(), clock_time(11, 0))


def from_source(runs: int, content: Path) -> dict:
    """From the checkout, its bytecode written first, as an installed kiosk has it (with
    PYTHONDONTWRITEBYTECODE set, every start would otherwise compile the package again)."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(REPO / "kiosk")], check=True)
    return kiosk(runs, content, [PYTHON, "-m", "kiosk"])


def frozen(runs: int, content: Path) -> dict | None:
    """The PyInstaller build in dist/kiosk, None when it is not built."""
    executable = REPO / "dist" / "kiosk" / "kiosk"
    if not executable.is_file():
        return None
    try:
        return kiosk(runs, content, [str(executable)])
    except NoFirstFrame as exc:
        raise NoFirstFrame(f"{exc}; was dist/kiosk built before the first-frame hook?") from None


def bundle_bytes(dist: Path = REPO / "dist" / "kiosk") -> int | None:
    """The one-folder app's size without content/, counted as tests/packaging/test_dist.py
    counts it; None when it is not built."""
    if not dist.is_dir():
        return None
    return sum(
        path.stat().st_size
        for path in dist.rglob("*")
        if path.is_file() and not path.is_symlink() and path.relative_to(dist).parts[0] != "content"
    )
