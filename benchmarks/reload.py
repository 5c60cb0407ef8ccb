"""Live reload: from a saved change to a panel title (in a temporary copy of the content) to
the new title painted on the home screen, through the real watcher and controller.

    python -m benchmarks.reload --json [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml
from PySide6.QtWidgets import QLabel

from benchmarks import qtkiosk
from benchmarks.generate import valid_sample
from benchmarks.harness import median


def _retitle(path: Path, lang: str, marker: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    title = data["title"]
    base = (title[lang] if isinstance(title, dict) else title).split(" #")[0]
    data["title"] = {**title, lang: f"{base} {marker}"} if isinstance(title, dict) else marker
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def measure(runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-reload-") as tmp:
        sample, note = valid_sample(Path(tmp))
        content = Path(tmp) / "content"
        shutil.copytree(sample, content, symlinks=True)
        kiosk = qtkiosk.build(content, Path(tmp) / "data")
        window = kiosk.window
        debounce = kiosk.controller.config.debounce_ms
        qtkiosk.settle(500)
        lang = window.ctx.lang
        panel_id = window.ctx.content.site.panels[0]
        times = []
        for run in range(runs):
            marker = f"#{run}-{time.monotonic_ns()}"
            seen = qtkiosk.PaintWatch(lambda w, m=marker: isinstance(w, QLabel) and m in w.text())
            with seen:
                _retitle(content / "panels" / f"{panel_id}.yaml", lang, marker)
                saved = time.perf_counter()
                seen.wait(timeout_s=15)
            times.append((seen.painted_at - saved) * 1000)
            qtkiosk.settle(300)
        qtkiosk.close(kiosk)
    return {
        "content": note,
        "runs": runs,
        "debounce_ms": debounce,
        "median_ms": median(times),
        "max_ms": max(times),
        "after_debounce_median_ms": median(times) - debounce,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    json.dump(measure(args.runs), sys.stdout)
    print()


if __name__ == "__main__":
    main()
