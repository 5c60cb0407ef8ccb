"""Qt's offscreen platform with room for a kiosk window (tests, screenshots, benchmarks).

Only sets an environment variable, so it is safe to call before Qt is imported.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# What the offscreen platform says about every window it shows: not the operator's business.
NOISE = "does not support propagateSizeHints"


def use_offscreen_screen(width: int = 2560, height: int = 2560) -> None:
    """Run Qt offscreen on one virtual screen big enough for a 1920x1080 or 1080x1920 window.

    The offscreen platform's default screen is 800x600. Qt finds the widget under a finger
    through the screens (QScroller replays its delayed press there, QGestureManager looks up
    the gesture's target there), so a window reaching past the screen misses touches and logs
    "could not find the target for gesture". Keeps a platform that is already chosen.
    """
    chosen = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    if chosen != "offscreen":
        return
    screen = {"name": "kiosk", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config = Path(tempfile.mkdtemp(prefix="kiosk-offscreen-")) / "screen.json"
    config.write_text(json.dumps({"windowFrameMargins": False, "screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


@contextmanager
def quiet_offscreen_warnings() -> Iterator[None]:
    """Qt's messages to stderr while the block runs, without the offscreen platform's noise."""
    from kiosk.services.qt_messages import messages_to

    def handler(_mode, _context, message: str) -> None:
        if NOISE not in message:
            print(message, file=sys.stderr)

    with messages_to(handler):
        yield
