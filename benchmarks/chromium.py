"""What many would use instead: headless Chromium showing the same content as a static page.

Time from launch to the screenshot written, and the peak RSS summed over Chromium's whole
process tree (polled from /proc). Skipped, with a message, where Chromium is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.export_static import export
from benchmarks.harness import median, rss_kb

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
POLL_S = 0.02


def find_chromium() -> str | None:
    return next((path for path in CANDIDATES if os.path.exists(path)), None)


def _tree(root: int) -> list[int]:
    """`root` and all its descendants, from the parent ids in /proc/<pid>/stat."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def pss_kb(pid: int) -> int:
    """Proportional set size: shared pages split between the processes sharing them."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def probe(binary: str, page: Path) -> tuple[float, int, int]:
    """One launch: (seconds to the screenshot file, peak summed RSS, peak summed PSS in KiB).

    Summed RSS counts pages shared between Chromium's processes once per process; PSS is the
    fair total, and the one to compare with the kiosk's single process."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-chromium-") as tmp:
        shot = Path(tmp) / "shot.png"
        cmd = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp}/profile",
            f"--screenshot={shot}",
            "--window-size=1920,1080",
            page.as_uri(),
        ]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        peak = peak_pss = 0
        seconds = None
        while proc.poll() is None:
            pids = _tree(proc.pid)
            peak = max(peak, sum(rss_kb(pid) for pid in pids))
            peak_pss = max(peak_pss, sum(pss_kb(pid) for pid in pids))
            if seconds is None and shot.exists() and shot.stat().st_size > 0:
                seconds = time.perf_counter() - start
            time.sleep(POLL_S)
        if not shot.exists():
            raise RuntimeError(f"chromium wrote no screenshot (exit {proc.returncode})")
        return seconds or time.perf_counter() - start, peak, peak_pss


def measure(runs: int, content) -> dict:
    binary = find_chromium()
    if binary is None:
        return {"skipped": "Chromium is not installed (/usr/bin/chromium not found)"}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-page-") as tmp:
        page = export(content, Path(tmp))
        probe(binary, page)  # warm the page cache
        samples = [probe(binary, page) for _ in range(runs)]
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
    return {
        "binary": binary,
        "version": version.strip() or shutil.which(binary),
        "screenshot_s": median([s for s, _, _ in samples]),
        "peak_rss_mib": median([r for _, r, _ in samples]) / 1024,
        "peak_pss_mib": median([p for _, _, p in samples]) / 1024,
        "runs": runs,
    }
