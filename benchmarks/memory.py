"""Memory after visiting every screen in both languages, in a fresh process.

python -m benchmarks.memory --json     # one JSON line: RSS after the first frame and after
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from benchmarks import qtkiosk
from benchmarks.generate import valid_sample


def visit_all(kiosk: qtkiosk.Kiosk) -> int:
    """Every panel in every language, each painted; returns the number of screens shown."""
    window = kiosk.window
    shown = 0
    for lang in window.ctx.content.site.languages:
        window.ctx.set_language(lang)
        for panel in window.ctx.content.visible_panels(window.ctx.today()):
            screen = window.panel_screen(panel.id)
            with qtkiosk.PaintWatch(qtkiosk.inside(screen)) as paint:
                window.show_panel(panel.id)
                paint.wait()
            qtkiosk.settle(60)  # images decode on a thread pool and arrive later
            shown += 1
        with qtkiosk.PaintWatch(qtkiosk.inside(window.home)) as paint:
            window.show_home()
            paint.wait()
        shown += 1
    window.ctx.images.wait_idle()
    qtkiosk.settle(300)  # the last transition animation ends
    return shown


def measure() -> dict:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-mem-") as tmp:
        content, note = valid_sample(Path(tmp))
        kiosk = qtkiosk.build(content, Path(tmp) / "data")
        qtkiosk.settle(300)  # panel screens are prebuilt after the first frame
        first = qtkiosk.rss_kb()
        screens = visit_all(kiosk)
        after = qtkiosk.rss_kb()
        result = {
            "content": note,
            "screens_shown": screens,
            "rss_first_frame_mib": first / 1024,
            "rss_after_all_mib": after / 1024,
            "image_cache_mib": kiosk.window.ctx.images.cached_bytes / 2**20,
        }
        qtkiosk.close(kiosk)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.parse_args()
    json.dump(measure(), sys.stdout)
    print()


if __name__ == "__main__":
    main()
