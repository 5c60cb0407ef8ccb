"""The whole kiosk for tests, built by the composition root (kiosk/root.py) exactly as
`kiosk run` builds it: the real main window, the real controller and overlays, content on disk.

Differences from `kiosk run`, all through KioskConfig (no patching): a manual clock, data in
a temporary folder, short reload timings, `quit` recorded instead of leaving the event loop,
a 1280x720 (or given) window instead of fullscreen, animations off unless asked for.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.operation import KioskConfig
from kiosk.root import Kiosk, build
from kiosk.services.clock import ManualClock
from tests.conftest import SAMPLE_CONTENT
from tests.services.kit import write_content

SMALL, SAMPLE = "small", "sample"


@dataclass
class Running:
    kiosk: Kiosk
    content_dir: Path
    data_dir: Path
    clock: ManualClock
    exits: list[int] = field(default_factory=list)

    @property
    def controller(self):
        return self.kiosk.controller

    @property
    def window(self):
        return self.kiosk.window

    @property
    def overlays(self):
        return self.kiosk.controller.overlays


def set_idle(site_yaml: Path, timeout: float, countdown: float, attract_after: float) -> None:
    """Shorten the idle timings in a copy of the sample site.yaml, as an operator would."""
    text = site_yaml.read_text(encoding="utf-8")
    for key, value in (
        ("timeout_seconds", timeout),
        ("countdown_seconds", countdown),
        ("attract_after_seconds", attract_after),
    ):
        text = re.sub(rf"(\n  {key}:) [0-9.]+", rf"\1 {value}", text, count=1)
    site_yaml.write_text(text, encoding="utf-8")


def start_kiosk(
    qtbot,
    tmp_path: Path,
    clock: ManualClock,
    content: str | None = SMALL,
    site: dict | None = None,
    panels: list[dict] | None = None,
    idle: tuple[float, float, float] | None = None,
    size: tuple[int, int] = (1280, 720),
    **config,
) -> Running:
    """content: SMALL (a tiny valid folder, `site`/`panels` override it), SAMPLE (a copy of
    the shipped sample content, `idle` = (timeout, countdown, attract_after) seconds), or None
    (whatever the test already put in tmp_path/content)."""
    content_dir = tmp_path / "content"
    if content == SMALL:
        write_content(content_dir, site, panels)
    elif content == SAMPLE:
        shutil.copytree(SAMPLE_CONTENT, content_dir)
        if idle is not None:
            set_idle(content_dir / "site.yaml", *idle)
    exits: list[int] = []
    settings = {
        "kiosk_mode": True,
        "window_size": size,
        "animate": False,
        "debounce_ms": 100,
        "poll_ms": 200,
        "tick_ms": 50,
        **config,
    }
    kiosk = build(
        KioskConfig(
            content_dir, clock=clock, data_dir=tmp_path / "data", quit=exits.append, **settings
        )
    )
    shown = kiosk.workbench or kiosk.window  # (`kiosk preview` holds the window in its own)
    qtbot.addWidget(shown)
    qtbot.waitExposed(shown)
    return Running(kiosk, content_dir, tmp_path / "data", clock, exits)
