"""Shared by the operation tests: a content folder writer, a fake main window, touch taps."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml
from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QColor, QFontDatabase, QImage, QInputDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from kiosk.paths import assets_dir
from kiosk.services.admin_pin import hash_pin

PIN = "2580"
PIN_HASH = hash_pin(PIN, iterations=1000)  # fast in tests; the format is the real one
FAST_IDLE = {"timeout_seconds": 0.3, "countdown_seconds": 0.4, "attract_after_seconds": 0.3}


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
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf"):
        QFontDatabase.addApplicationFont(str(assets_dir() / "fonts" / name))


class FakeWindow(QMainWindow):
    """The main-window interface the controller relies on, with a button to press by mistake."""

    screen_changed = Signal(str)
    language_changed = Signal(str)
    detail_opened = Signal(str, str)

    def __init__(self, today: Callable[[], date] = date.today):
        super().__init__()
        self.today = today
        self.content = None
        self.panel: str | None = None
        self.resets = 0
        self.set_content_calls = 0
        self.keys: list[int] = []
        central = QWidget()
        self.page = QLabel("")
        self.button = QPushButton("Open alpha")
        self.button.setMinimumSize(300, 200)
        self.button.clicked.connect(lambda: self.show_panel("alpha"))
        layout = QVBoxLayout(central)
        layout.addWidget(self.page)
        layout.addWidget(self.button)
        self.setCentralWidget(central)
        self.resize(1280, 720)

    def show_home(self) -> None:
        self.panel = None
        self._render()
        self.screen_changed.emit("")

    def show_panel(self, panel_id: str) -> None:
        self.panel = panel_id
        self._render()
        self.screen_changed.emit(panel_id)

    def current_panel_id(self) -> str | None:
        return self.panel

    def set_content(self, content) -> None:
        self.set_content_calls += 1
        self.content = content
        self._render()

    def reset_session(self) -> None:
        self.resets += 1
        self.show_home()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        self.keys.append(event.key())

    def visible_text(self) -> str:
        return self.page.text()

    def _render(self) -> None:
        if self.content is None:
            self.page.setText("")
            return
        lines = []
        for item in self.content.visible_panels(self.today()):
            lines.append(item.title.get("en"))
            lines += [b.body.get("en") for b in item.visible_blocks(self.today())]
        self.page.setText("\n".join(lines))


_device = None


def touch_device():
    global _device
    if _device is None:
        _device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)
    return _device


def tap(widget: QWidget, point: QPoint) -> None:
    """A finger down and up at `point` (widget coordinates), through the real touch path.

    Sent to the top-level window (QTest drops touches given to some child widgets' coordinates).
    """
    dev = touch_device()
    window = widget.window()
    at = widget.mapTo(window, point) if widget is not window else point
    QTest.touchEvent(window, dev).press(0, at, window).commit()
    QTest.touchEvent(window, dev).release(0, at, window).commit()
