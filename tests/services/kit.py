"""For the operation tests: a content folder writer, fonts, shown text (touch: tests/touch.py)."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

import yaml
from PySide6.QtGui import QColor, QFontDatabase, QImage
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.content.typeset import plain_text
from kiosk.paths import assets_dir
from kiosk.services.admin_pin import hash_pin

PIN = "2580"
PIN_HASH = hash_pin(PIN, iterations=1000)  # fast in tests; the format is the real one
# "Still there?" soon; it then waits its least, 20 s (most tests are over before it would end).
FAST_IDLE = {"timeout_seconds": 0.3, "countdown_seconds": 20, "attract_after_seconds": 0.3}
# A whole idle cycle (timeout, countdown running out, attract) in about a second: valid
# site.yaml times run IDLE_SCALE as long through KioskConfig.idle_scale (0.3, 0.4, 0.3 s):
# kiosk(site={"idle": CYCLE_IDLE}, idle_scale=IDLE_SCALE).
CYCLE_IDLE = {"timeout_seconds": 15, "countdown_seconds": 20, "attract_after_seconds": 15}
IDLE_SCALE = 0.02
# For tests that are not about idling: on a loaded machine FAST_IDLE resets the session mid-test.
NO_IDLE = {"timeout_seconds": 600, "countdown_seconds": 30, "attract_after_seconds": 600}


def write_yaml(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def write_image(path: Path, color: str = "#3366aa") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))


def panel(panel_id: str, body_en: str, **extra) -> dict:
    blocks = extra.pop("blocks", [{"type": "text", "body": {"zh": "正文", "en": body_en}}])
    return {
        "id": panel_id,
        "title": {"zh": f"{panel_id} 标题", "en": panel_id.title()},
        "icon": "mdi6.factory",
        "accent": "#1f6feb",
        "blocks": blocks,
        **extra,
    }


def write_content(root: Path, site: dict | None = None, panels: list[dict] | None = None):
    """A small valid content folder; `site` entries override the defaults."""
    write_image(root / "images" / "hero.png")
    site_data = {
        "title": {"zh": "北京经开区", "en": "Beijing E-Town"},
        "panels": ["alpha"],
        "admin": {"pin_hash": PIN_HASH},
        "idle": FAST_IDLE,
        "attract": {"images": ["images/hero.png"], "seconds_per_slide": 2},
        **(site or {}),
    }
    write_yaml(root / "site.yaml", site_data)
    for data in panels or [panel("alpha", "Hello")]:
        write_yaml(root / "panels" / f"{data['id']}.yaml", data)
    return root


def bump_mtime(path: Path) -> None:
    """Make a rewrite visible even on file systems with coarse timestamps."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def register_fonts() -> None:
    for name in (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "NotoSansCJKsc-Regular.otf",
        "NotoSansCJKsc-Bold.otf",
    ):
        QFontDatabase.addApplicationFont(str(assets_dir() / "fonts" / name))


@contextlib.contextmanager
def logging_restored():
    """The root logger's handlers, the Qt message handler and sys.excepthook put back after a
    test that calls setup_logging (it installs all three)."""
    from kiosk.services import qt_messages

    previous_qt = qt_messages.current()
    previous_hook = sys.excepthook
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        yield
    finally:
        qt_messages.restore(previous_qt)
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
        sys.excepthook = previous_hook


def shown_text(widget: QWidget) -> str:
    """Every label the visitor can see inside `widget`, one a line, as the visitor reads it:
    without the word joiners and no-break spaces typesetting adds (`plain_text`)."""
    return "\n".join(
        plain_text(label.text())
        for label in widget.findChildren(QLabel)
        if label.isVisible() and label.text()
    )


def started(content, data, **timing):
    """A content watcher that took over the start-up load, as the kiosk's controller makes it
    (no poll unless `timing` asks for one)."""
    from datetime import date

    from kiosk.content.last_good import initial_load
    from kiosk.services.watcher import ContentWatcher

    watcher = ContentWatcher(content, data, **({"debounce_ms": 100, "poll_ms": 600_000} | timing))
    watcher.adopt(initial_load(content, data, date.today()))
    return watcher
