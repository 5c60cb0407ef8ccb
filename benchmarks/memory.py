"""Memory after visiting every screen in both languages, in a fresh process.

python -m benchmarks.memory --json [--content DIR]   # one JSON line: RSS after the first
                                                      # frame and after, and where it goes
python -m benchmarks.memory --json --validated-here  # the folder validated in the process

The kiosk starts from the content's snapshot cache, as every start with unchanged content
does (no pydantic in the process); `--validated-here` validates the folder in the process
instead, as after an operator's edit (the validating models stay loaded: about 24 MiB).

Besides VmRSS after the visit (what the target compares with the bare window): the decoded
images the cache holds and those the screens' widgets hold (the screen shown: home), how many
panel screens are built and how many whole, Python's live objects, and VmRSS after
`malloc_trim(0)` (the rest of the difference is allocator reserve).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path

from benchmarks import qtkiosk


def visit_all(kiosk: qtkiosk.Kiosk) -> int:
    """Every panel in every language, each painted; returns the number of screens shown."""
    window = kiosk.window
    shown = 0
    # A visitor's first touch, as on a kiosk: the visit starts (the attract loop, ready while
    # nobody was there, lets its picture go).
    qtkiosk.Touch().tap(window.top_bar.languages[window.ctx.lang])
    qtkiosk.settle(60)
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


def held_images_mib(window) -> float:
    """Decoded images the widgets hold (each counted once, wherever it is shared)."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QWidget

    seen: dict[int, int] = {}
    for widget in window.findChildren(QWidget):
        for holder in (widget, getattr(widget, "photo", None), getattr(widget, "_cover", None)):
            for name in ("_image", "image"):
                image = getattr(holder, name, None) if holder is not None else None
                if isinstance(image, QImage) and not image.isNull():
                    seen[image.cacheKey()] = image.sizeInBytes()
    return sum(seen.values()) / 2**20


def measure(content: Path | None = None, from_cache: bool = True) -> dict:
    with qtkiosk.running(content, "kiosk-bench-mem-", from_cache) as (kiosk, note):
        window = kiosk.window
        first = qtkiosk.rss_kb()
        screens = visit_all(kiosk)
        qtkiosk.settle(2500)  # the window trims the heap once screen changes pause
        after = qtkiosk.rss_kb()
        result = {
            "content": note,
            "from_cache": from_cache,
            "pydantic_loaded": "pydantic" in sys.modules,
            # what a start from the cache does without (kiosk/content/numbers.py, digest.py)
            "babel_loaded": "babel" in sys.modules,
            "openssl_loaded": "_hashlib" in sys.modules,
            "screens_shown": screens,
            "rss_first_frame_mib": first / 1024,
            "rss_after_all_mib": after / 1024,
            "image_cache_mib": window.ctx.images.cached_bytes / 2**20,
            "images_held_by_widgets_mib": held_images_mib(window),
            "panels_built": len(window.panels),
            "panels_whole": sum(
                1 for s in window.panels.values() if getattr(s, "fully_built", lambda: True)()
            ),
            "python_objects": len(gc.get_objects()),
        }
        gc.collect()
        qtkiosk.trim_heap()
        result["rss_after_all_trimmed_mib"] = qtkiosk.rss_kb() / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--content", type=Path, default=None, help="default: the sample")
    parser.add_argument(
        "--validated-here",
        action="store_true",
        help="validate the folder in this process (as after an edit), not start from its cache",
    )
    args = parser.parse_args()
    json.dump(measure(args.content, from_cache=not args.validated_here), sys.stdout)
    print()


if __name__ == "__main__":
    main()
