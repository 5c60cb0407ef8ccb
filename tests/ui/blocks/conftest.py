"""Fixtures for block widget tests: a small content snapshot with generated images, a context,
a touch driver, and a host window with a kinetic scroll area like the panel screen's."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Content, Site, as_view
from kiosk.ui import theme
from kiosk.ui.application import register_fonts
from kiosk.ui.context import UiContext
from kiosk.ui.widgets import enable_kinetic_scroll
from tests.touch import Touch


def save_image(path: Path, width: int, height: int, hue: int = 210) -> Path:
    """A photo-like test image: a gradient with a few shapes, so renders are easy to read."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    for y in range(0, height, 8):
        painter.fillRect(0, y, width, 8, QColor.fromHsv(hue, 120, 90 + 140 * y // height))
    painter.setBrush(QColor.fromHsv((hue + 40) % 360, 160, 230))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QPoint(width // 3, height // 2), width // 6, width // 6)
    painter.fillRect(width // 2, height // 3, width // 3, height // 2, QColor(240, 240, 240, 150))
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path))
    return path


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp):
    assert register_fonts(), "no bundled fonts in assets/fonts"


@pytest.fixture
def content_root(tmp_path) -> Path:
    images = tmp_path / "images"
    save_image(images / "photo.jpg", 1600, 900)
    save_image(images / "second.jpg", 1200, 800, hue=20)
    save_image(images / "third.png", 900, 900, hue=120)
    save_image(images / "map.png", 1400, 800, hue=190)
    save_image(images / "portrait.jpg", 600, 800, hue=30)
    (images / "corrupt.jpg").write_bytes(random.Random(7).randbytes(4096))
    return tmp_path


@pytest.fixture
def content(content_root) -> Content:
    site = Site(
        title={"zh": "北京经济技术开发区", "en": "Beijing E-Town"},
        panels=["demo"],
        admin={"pin_hash": "pbkdf2_sha256$1000$00$00"},
    )
    return as_view(Content(site=site, panels={}, root=content_root, version="test"))


@pytest.fixture
def ctx(qapp, content):
    context = UiContext(content, lang="zh")
    qapp.setStyleSheet(theme.stylesheet(content.site.theme))
    context.text_scale_changed.connect(
        lambda scale: qapp.setStyleSheet(theme.stylesheet(content.site.theme, scale))
    )
    yield context
    context.images.wait_idle(5000)
    qapp.setStyleSheet("")


@pytest.fixture
def touch(qapp) -> Touch:
    return Touch()  # tests/touch.py: the one touch helper


class Host(QMainWindow):
    """A window holding one block in a kinetic vertical scroll area, like the panel screen."""

    def __init__(self, width: int, height: int):
        super().__init__()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        enable_kinetic_scroll(self.scroll)
        self.setCentralWidget(self.scroll)
        self.resize(width, height)

    def put(self, widget: QWidget) -> QWidget:
        page = QWidget()
        page.setObjectName("scrollContent")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(60, 48, 60, 48)
        layout.addWidget(widget)
        layout.addStretch(1)
        self.scroll.setWidget(page)
        return widget


def wait_for_images(qtbot, root: QWidget) -> None:
    """Until every visible ImageView under `root` shows its image or its placeholder."""
    from kiosk.ui.image_view import ImageView

    def done() -> bool:
        views = [view for view in root.findChildren(ImageView) if view.isVisible()]
        return not any(view.is_loading() for view in views)

    qtbot.waitUntil(done, timeout=5000)
    QApplication.processEvents()


@pytest.fixture
def show_block(qtbot, ctx):
    """show_block(block, size=(1920, 1080)) -> the block widget, shown in a Host window."""
    from kiosk.ui.blocks import create_block_widget

    hosts = []  # keeps each window alive until the test ends

    def show(block, size=(1920, 1080)):
        host = Host(*size)
        hosts.append(host)
        qtbot.addWidget(host)
        widget = host.put(create_block_widget(block, ctx))
        host.show()
        qtbot.waitExposed(host)
        wait_for_images(qtbot, host)
        return widget

    yield show
