"""Screen switch: a real touch tap (a home tile, or Home in the top bar) to the first paint of
the new screen, over every panel in both languages, in a fresh process.

    python -m benchmarks.switch --json [--rounds 5] [--content DIR]
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest

from benchmarks import qtkiosk
from benchmarks.harness import median, p95, rounds_main


def measure(rounds: int, content: Path | None = None) -> dict:
    with qtkiosk.running(content, "kiosk-bench-switch-") as (kiosk, note):
        window = kiosk.window
        touch = qtkiosk.Touch()
        to_panel: list[float] = []
        to_home: list[float] = []
        for _ in range(rounds):
            tour(window, touch, to_panel, to_home)
    both = to_panel + to_home
    return {
        "content": note,
        "switches": len(both),
        "median_ms": median(both),
        "p95_ms": p95(both),
        "max_ms": max(both),
        "to_panel_median_ms": median(to_panel),
        "to_home_median_ms": median(to_home),
    }


def tour(window, touch: qtkiosk.Touch, to_panel: list, to_home: list, on_panel=None) -> None:
    """In each language, every home tile tapped and then Home: the ms of each tap to the new
    screen's paint appended to `to_panel` and `to_home`; `on_panel(screen)` is called on each
    panel once its slide has ended (the scale benchmark reads it to its end)."""
    for lang in window.ctx.content.site.languages:
        touch.tap(window.top_bar.languages[lang])
        qtkiosk.settle(30)
        for tile in list(window.home.tiles):
            window.home.scroll_area.ensureWidgetVisible(tile)
            qtkiosk.settle(10)
            panel_id = tile.panel.id
            screen = window.panel_screen(panel_id)
            to_panel.append(_tap_ms(touch, tile, screen))
            assert window.current_panel_id() == panel_id, "the tile tap did not switch"
            qtkiosk.settle(250)  # let the slide finish, as a visitor reads
            if on_panel is not None:
                on_panel(screen)
            to_home.append(_tap_ms(touch, window.top_bar.home, window.home))
            assert window.current_panel_id() is None, "Home did not switch"
            qtkiosk.settle(250)


def _tap_ms(touch: qtkiosk.Touch, target, screen, match=None) -> float:
    """Milliseconds from the release of a tap on `target` to a paint inside `screen` (of a
    widget `match` accepts, if given)."""
    win = target.window()
    point = target.mapTo(win, target.rect().center())
    within = qtkiosk.inside(screen)
    with qtkiosk.PaintWatch(lambda w: within(w) and (match is None or match(w))) as paint:
        QTest.touchEvent(win, touch.device).press(0, point, win).commit()
        QCoreApplication.processEvents()
        start = time.perf_counter()
        QTest.touchEvent(win, touch.device).release(0, point, win).commit()
        painted = paint.wait()
    return (painted - start) * 1000


def main() -> None:
    rounds_main(__doc__, measure)


if __name__ == "__main__":
    main()
