"""A text-size tap (A or A+ in the top bar) on a panel: a real touch tap to the first
paint of the screen in the new size, with every panel built (as after the first minute of a
day), in a fresh process.

    python -m benchmarks.text_size --json [--rounds 5] [--content DIR]
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from benchmarks import qtkiosk
from benchmarks.harness import median, p95, rounds_main
from benchmarks.switch import _tap_ms
from kiosk.ui import theme


def measure(rounds: int, content: Path | None = None) -> dict:
    with qtkiosk.running(content, "kiosk-bench-size-") as (kiosk, note):
        window = kiosk.window
        touch = qtkiosk.Touch()
        touch.tap(window.home.tiles[0])
        qtkiosk.settle(300)
        screen = window.host.current()
        taps: list[float] = []
        looks = list(zip(theme.TEXT_SCALES, window.top_bar.sizes, strict=True))
        for _ in range(rounds):
            for scale, button in looks[1:] + looks[:1]:  # larger, each in turn, then back
                body = _body_in(theme.font_px("body", scale))
                taps.append(_tap_ms(touch, button, screen, body))
                qtkiosk.settle(200)
    return {
        "content": note,
        "taps": len(taps),
        "median_ms": median(taps),
        "p95_ms": p95(taps),
        "max_ms": max(taps),
    }


def _body_in(px: int):
    """A paint matcher: a body text in `px` (not any paint: a photo decoded meanwhile
    paints too)."""
    return lambda w: (
        isinstance(w, QLabel) and w.property("role") == "body" and w.font().pixelSize() == px
    )


def main() -> None:
    rounds_main(__doc__, measure)


if __name__ == "__main__":
    main()
