"""The whole kiosk as a visitor and an operator meet it: the real window, the real sample
content copied to disk, kiosk operation wired on, timings shortened in site.yaml (no patching).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from kiosk.content.typeset import plain_text
from kiosk.ui.blocks.gallery import GalleryBlockWidget
from tests.kiosk_kit import SAMPLE


def save(path: Path, text: str) -> None:
    """Write like an editor, and make sure the mtime moves even on a coarse clock."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


def shown(label: QLabel) -> str:
    """A label's text as the visitor reads it (without typesetting's joiners and no-break
    spaces)."""
    return plain_text(label.text())


def labels(widget) -> list[str]:
    return [shown(label) for label in widget.findChildren(QLabel) if label.isVisible()]


@pytest.fixture
def sample(kiosk):
    """sample(timeout=600, countdown=20, attract_after=5, scale=1): the kiosk on the sample
    content, 1920x1080, kiosk mode, idle timings changed in its site.yaml (no patching) and
    run `scale` as long (KioskConfig.idle_scale)."""

    def make(timeout=600.0, countdown=20.0, attract_after=5.0, scale=1.0):
        idle = (timeout, countdown, attract_after)
        running = kiosk(content=SAMPLE, idle=idle, size=(1920, 1080), idle_scale=scale)
        folder = running.kiosk.initial.folder
        assert folder.ok, [p.format() for p in folder.problems]
        return running.controller, running.window, running.content_dir

    return make


def test_a_visit_left_alone_resets_and_the_attract_loop_lets_the_next_visitor_in(
    qtbot, sample, touch
):
    # long enough that a loaded machine gets the taps below in before the countdown: at 0.02,
    # 3 s, then 0.5 s of countdown and 0.3 s to the attract loop
    controller, window, _ = sample(timeout=150, countdown=25, attract_after=15, scale=0.02)
    industry = next(t for t in window.home.tiles if t.panel.id == "industry")
    touch.tap(industry)
    assert window.current_panel_id() == "industry"
    touch.tap(window.top_bar.languages["en"])
    assert window.ctx.lang == "en"
    screen = window.panel_screen("industry")
    gallery = screen.findChild(GalleryBlockWidget)
    gallery.open_fullscreen(1)
    assert gallery.viewer is not None and gallery.viewer.isVisible()

    countdown = controller.overlays.countdown
    qtbot.waitUntil(countdown.isVisible, timeout=10_000)
    assert {"还在浏览吗？", "Still there?"} <= set(labels(countdown))

    qtbot.waitUntil(lambda: window.current_panel_id() is None, timeout=5000)
    assert not countdown.isVisible()
    assert window.ctx.lang == "zh"  # the default language again
    assert gallery.viewer is None
    assert screen.scroll_offset() == 0
    assert "北京经济技术开发区" in labels(window.home)

    qtbot.waitUntil(controller.overlays.attract.isVisible, timeout=5000)
    touch.tap(window, industry.mapTo(window, industry.rect().center()))
    assert not controller.overlays.attract.isVisible()
    assert window.current_panel_id() is None  # the touch that woke it opened nothing


def test_an_operator_save_shows_up_on_the_panel_and_a_broken_save_changes_nothing(qtbot, sample):
    controller, window, content_dir = sample()
    window.show_panel("talent")
    panel_file = content_dir / "panels" / "talent.yaml"
    original = panel_file.read_text(encoding="utf-8")

    save(panel_file, original.replace("zh: 人才汇聚", "zh: 人才高地", 1))
    qtbot.waitUntil(
        lambda: shown(window.panel_screen("talent").hero.title) == "人才高地", timeout=5000
    )
    assert window.current_panel_id() == "talent"  # the visitor stays where they were

    save(panel_file, original.replace("accent:", "accent: [", 1))
    qtbot.waitUntil(lambda: not controller.watcher.result.ok, timeout=5000)
    assert shown(window.panel_screen("talent").hero.title) == "人才高地"
    assert any(p.file == "panels/talent.yaml" for p in controller.watcher.result.errors)

    (content_dir / "images" / "hero-talent.jpg").unlink()  # a picture deleted mid-session
    save(panel_file, original)
    qtbot.waitUntil(
        lambda: any("hero-talent.jpg" in p.message for p in controller.watcher.result.errors),
        timeout=5000,
    )
    assert shown(window.panel_screen("talent").hero.title) == "人才高地"  # last good kept


def test_an_exception_in_a_slot_is_logged_and_the_visitor_is_back_home(qtbot, sample, caplog):
    controller, window, _ = sample()
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
