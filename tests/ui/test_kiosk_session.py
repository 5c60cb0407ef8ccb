"""The whole kiosk as a visitor and an operator meet it: the real window, the real sample
content copied to disk, kiosk operation wired on, timings shortened in site.yaml (no patching).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from kiosk.content.loader import load_content
from kiosk.operation import KioskController, OperationConfig
from kiosk.services.clock import ManualClock
from kiosk.ui.blocks.gallery import GalleryBlockWidget
from kiosk.ui.main_window import MainWindow
from tests.conftest import SAMPLE_CONTENT

OPEN_DAY = datetime(2026, 12, 1, 10, 0)  # a Tuesday morning, inside the sample opening hours


def set_idle(site_yaml: Path, timeout: float, countdown: float, attract_after: float) -> None:
    text = site_yaml.read_text(encoding="utf-8")
    for key, value in (
        ("timeout_seconds", timeout),
        ("countdown_seconds", countdown),
        ("attract_after_seconds", attract_after),
    ):
        text = re.sub(rf"(\n  {key}:) [0-9.]+", rf"\1 {value}", text, count=1)
    site_yaml.write_text(text, encoding="utf-8")


def save(path: Path, text: str) -> None:
    """Write like an editor, and make sure the mtime moves even on a coarse clock."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


def labels(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


@pytest.fixture
def kiosk(qtbot, tmp_path):
    """kiosk(timeout=600, countdown=5, attract_after=5) -> (controller, window, content dir)."""
    made = []

    def make(timeout=600.0, countdown=5.0, attract_after=5.0):
        content_dir = tmp_path / "content"
        shutil.copytree(SAMPLE_CONTENT, content_dir)
        set_idle(content_dir / "site.yaml", timeout, countdown, attract_after)
        clock = ManualClock(OPEN_DAY)
        config = OperationConfig(
            content_dir,
            kiosk_mode=True,
            clock=clock,
            data_dir=tmp_path / "data",
            quit=lambda code: None,
            debounce_ms=100,
            poll_ms=200,
        )
        first = load_content(content_dir, clock.today())
        assert first.ok, [p.format() for p in first.problems]
        window = MainWindow(first.content, today=clock.today, animate=False)
        qtbot.addWidget(window)
        controller = KioskController(window, config)
        made.append(controller)
        controller.start()
        window.resize(1920, 1080)
        window.show()
        qtbot.waitExposed(window)
        return controller, window, content_dir

    yield make
    for controller in made:
        controller.stop()


def test_a_visit_left_alone_resets_and_the_attract_loop_lets_the_next_visitor_in(
    qtbot, kiosk, touch
):
    controller, window, _ = kiosk(timeout=0.8, countdown=0.5, attract_after=0.3)
    industry = next(t for t in window.home.tiles if t.panel.id == "industry")
    touch.tap(industry)
    assert window.current_panel_id() == "industry"
    touch.tap(window.top_bar.languages["en"])
    assert window.ctx.lang == "en"
    screen = window.panel_screen("industry")
    gallery = screen.findChild(GalleryBlockWidget)
    gallery.open_fullscreen(1)
    assert gallery.viewer is not None and gallery.viewer.isVisible()

    countdown = controller.countdown
    qtbot.waitUntil(countdown.isVisible, timeout=5000)
    assert {"还在浏览吗？", "Still there?"} <= set(labels(countdown))

    qtbot.waitUntil(lambda: window.current_panel_id() is None, timeout=5000)
    assert not countdown.isVisible()
    assert window.ctx.lang == "zh"  # the default language again
    assert gallery.viewer is None
    assert screen.scroll_offset() == 0
    assert "北京经济技术开发区" in labels(window.home)

    qtbot.waitUntil(controller.attract.isVisible, timeout=5000)
    touch.tap(window, industry.mapTo(window, industry.rect().center()))
    assert not controller.attract.isVisible()
    assert window.current_panel_id() is None  # the touch that woke it opened nothing


def test_an_operator_save_shows_up_on_the_panel_and_a_broken_save_changes_nothing(qtbot, kiosk):
    controller, window, content_dir = kiosk()
    window.show_panel("talent")
    panel_file = content_dir / "panels" / "talent.yaml"
    original = panel_file.read_text(encoding="utf-8")

    save(panel_file, original.replace("zh: 人才汇聚", "zh: 人才高地", 1))
    qtbot.waitUntil(
        lambda: window.panel_screen("talent").hero.title.text() == "人才高地", timeout=5000
    )
    assert window.current_panel_id() == "talent"  # the visitor stays where they were

    save(panel_file, original.replace("accent:", "accent: [", 1))
    qtbot.waitUntil(lambda: not controller.watcher.result.ok, timeout=5000)
    assert window.panel_screen("talent").hero.title.text() == "人才高地"
    assert any(p.file == "panels/talent.yaml" for p in controller.watcher.result.errors)

    (content_dir / "images" / "hero-talent.jpg").unlink()  # a picture deleted mid-session
    save(panel_file, original)
    qtbot.wait(800)
    assert window.panel_screen("talent").hero.title.text() == "人才高地"  # last good kept
    assert any("hero-talent.jpg" in p.message for p in controller.watcher.result.errors)


def test_an_exception_in_a_slot_is_logged_and_the_visitor_is_back_home(qtbot, kiosk, caplog):
    controller, window, _ = kiosk()
    window.show_panel("business")

    def broken_slot():
        raise ZeroDivisionError("a figure divided by zero")

    with caplog.at_level(logging.ERROR, logger="kiosk.crash"):
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: window.current_panel_id() is None, timeout=3000)
    assert "Traceback" in caplog.text
    assert "ZeroDivisionError: a figure divided by zero" in caplog.text
    assert "ZeroDivisionError: a figure divided by zero" in controller.guard.last_crash()
    assert window.isVisible() and "北京经济技术开发区" in labels(window.home)
