"""Shared UI fixtures: a small bilingual content snapshot, a UiContext, a main window, touch.

Touch input goes through QTest.createTouchDevice (a QPointingDevice made in Python delivers
nothing). Points are mapped to window coordinates once, at the start of a gesture, because
the widget under the finger moves while the content scrolls.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from kiosk.content.models import Content, Panel, Site, as_view
from kiosk.content.typeset import plain_text
from tests.touch import Touch

TODAY = date(2025, 6, 1)
PIN = "pbkdf2_sha256$1000$00ff$00ff"


def _photo(path: Path, color: str) -> str:
    image = QImage(640, 400, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    p = QPainter(image)
    p.fillRect(0, 200, 640, 200, QColor(color).lighter(150))
    p.end()
    image.save(str(path))
    return path.name


def _text(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def make_content(root: Path, panels: list[dict] | None = None, **site) -> Content:
    """A small bilingual snapshot: three visible panels, one expired, photos on disk."""
    images = root / "images"
    images.mkdir(parents=True, exist_ok=True)
    for name, color in (("industry", "#35506e"), ("science", "#4b3b6e"), ("life", "#2f6b4f")):
        _photo(images / f"{name}.png", color)
    long_body = "\n\n".join(f"第{i}段：经开区的产业、创新与生活。" * 6 for i in range(1, 4))
    panels = panels or [
        {
            "id": "industry",
            "title": _text("高端产业", "Advanced industry"),
            "subtitle": _text("新一代信息技术与智能制造", "Next-generation IT and manufacturing"),
            "icon": "mdi6.factory",
            "accent": "#2f8cff",
            "hero_image": "images/industry.png",
            "blocks": [
                {
                    "type": "text",
                    "title": _text("概况", "Overview"),
                    "body": {"zh": long_body, "en": "Industry. " * 120},
                },
                {
                    "type": "figures",
                    "items": [
                        {
                            "value": 1234.5,
                            "decimals": 1,
                            "unit": _text("亿元", "bn yuan"),
                            "label": _text("工业总产值", "Industrial output"),
                            "source": _text("统计局 2024", "Statistics bureau 2024"),
                        }
                    ],
                },
                {
                    "type": "text",
                    "title": _text("将来的展品", "Future exhibit"),
                    "body": _text("尚未开放", "Not yet open"),
                    "show_from": "2030-01-01",
                },
                {
                    "type": "text",
                    "title": _text("更多", "More"),
                    "body": {"zh": long_body, "en": "More industry. " * 120},
                },
            ],
        },
        {
            "id": "science",
            "title": _text("科技创新", "Science and innovation"),
            "subtitle": _text("实验室与创新平台", "Laboratories and platforms"),
            "icon": "mdi6.flask",
            "accent": "#9b59b6",
            "hero_image": "images/science.png",
            "blocks": [{"type": "text", "body": {"zh": long_body, "en": "Science. " * 150}}],
        },
        {
            "id": "life",
            "title": "<b>Life</b> & <i>city</i>",
            "icon": "mdi6.tree",
            "accent": "#27ae60",
            "hero_image": "images/life.png",
            "blocks": [{"type": "text", "body": _text("宜居宜业的新城", "A city to live in")}],
        },
        {
            "id": "expo",
            "title": _text("往届展览", "Past exhibition"),
            "icon": "mdi6.calendar",
            "accent": "#e67e22",
            "show_until": "2024-12-31",
            "blocks": [{"type": "text", "body": _text("已结束", "Over")}],
        },
    ]
    site_data = {
        "title": _text("北京经济技术开发区", "Beijing E-Town"),
        "subtitle": _text("欢迎来到亦庄", "Welcome to Yizhuang"),
        "panels": [p["id"] for p in panels],
        "headline_figures": [
            {
                "value": 3000,
                "unit": _text("亿元", "bn yuan"),
                "label": _text("地区生产总值", "Regional GDP"),
                "source": _text("2024年", "2024"),
            },
            {
                "value": 225,
                "unit": _text("平方公里", "km²"),
                "label": _text("规划面积", "Planned area"),
                "source": _text("管委会", "Committee"),
            },
        ],
        "admin": {"pin_hash": PIN},
        **site,
    }
    validated = Content(
        site=Site.model_validate(site_data),
        panels={p["id"]: Panel.model_validate(p) for p in panels},
        root=root,
        version="test-1",
    )
    return as_view(validated)  # what the loader gives the kiosk


@pytest.fixture
def content(qapp, tmp_path) -> Content:
    from kiosk.ui.application import ensure_application

    ensure_application()
    return make_content(tmp_path / "content")


@pytest.fixture
def ctx(content):
    from kiosk.ui.context import UiContext

    context = UiContext(content, today=lambda: TODAY)
    yield context
    context.deleteLater()


@pytest.fixture
def make_window(qtbot, content):
    """make_window(size=(1920, 1080), content=None, animate=False) -> a shown MainWindow."""
    from kiosk.ui.main_window import MainWindow

    def make(size=(1920, 1080), content_=None, animate=False):
        window = MainWindow(content_ or content, today=lambda: TODAY, animate=animate)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()


def load_sample(root: Path | None = None) -> Content:
    """The content folder shipped with the kiosk (content/), or a copy of it at `root`."""
    from kiosk.content.loader import load_content
    from tests.conftest import SAMPLE_CONTENT

    result = load_content(root or SAMPLE_CONTENT, TODAY)
    assert result.content is not None and not result.errors, [p.format() for p in result.errors]
    return result.content


@pytest.fixture
def sample_window(make_window, content):
    """A shown MainWindow on the sample content (content/), 1920x1080."""
    return make_window(content_=load_sample())


@pytest.fixture(scope="session")
def touch(qapp) -> Touch:
    return Touch()  # tests/touch.py: the one touch helper


def shown(label: QWidget) -> str:
    """A label's (or button's) text as the visitor reads it: without the word joiners and
    no-break spaces typesetting adds (`plain_text`) and without zero-width spaces."""
    return plain_text(label.text()).replace("\u200b", "")


def visible_labels(root: QWidget):
    from PySide6.QtWidgets import QLabel

    return [w for w in root.findChildren(QLabel) if w.isVisibleTo(root.window()) and w.text()]
