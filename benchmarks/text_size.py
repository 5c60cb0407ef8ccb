"""A text-size tap (A / A+ / A++ in the top bar) on a panel: a real touch tap to the first
paint of the screen in the new size, with every panel built (as after the first minute of a
day), in a fresh process.

    python -m benchmarks.text_size --json [--rounds 5] [--content DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from benchmarks import qtkiosk
from benchmarks.generate import valid_sample
from benchmarks.harness import median, p95
from benchmarks.switch import _tap_ms


def measure(rounds: int, content: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-size-") as tmp:
        if content is None:
            content, note = valid_sample(Path(tmp))
        else:
            note = str(content)
        kiosk = qtkiosk.build(content, Path(tmp) / "data")
        window = kiosk.window
        qtkiosk.settle(300)
        while len(window.panels) < len(window._order()):  # the panels built after the start
            qtkiosk.settle(20)
        touch = qtkiosk.Touch()
        touch.tap(window.home.tiles[0])
        qtkiosk.settle(300)
        screen = window.host.current()
        taps: list[float] = []
        sizes = window.top_bar.sizes
        for _ in range(rounds):
            for button in (*sizes[1:], sizes[0]):
                taps.append(_tap_ms(touch, button, screen))
                qtkiosk.settle(200)
        qtkiosk.close(kiosk)
    return {
        "content": note,
        "taps": len(taps),
        "median_ms": median(taps),
        "p95_ms": p95(taps),
        "max_ms": max(taps),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--content", type=Path, default=None, help="default: the sample")
    args = parser.parse_args()
    json.dump(measure(args.rounds, args.content), sys.stdout)
    print()


if __name__ == "__main__":
    main()
