"""Every block type renders its content, follows the language, keeps content HTML literal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.content.models import BLOCK_TYPES
from kiosk.ui.blocks import WIDGETS, create_block_widget
from kiosk.ui.blocks.bar_chart import BarChart
from kiosk.ui.blocks.gallery import Dots
from kiosk.ui.blocks.links import QrCode
from kiosk.ui.blocks.map import HotspotPin
from kiosk.ui.blocks.timeline import EventRow
from tests.ui.blocks import samples
from tests.ui.conftest import shown


def shown_texts(widget: QWidget) -> list[str]:
    return [
        shown(label) for label in widget.findChildren(QLabel) if label.isVisible() and label.text()
    ]


def has_ink(widget: QWidget, background: str) -> bool:
    """True when the widget's rendering has pixels other than the page background."""
    image = widget.grab().toImage()
    step = max(1, image.width() // 200)
    bg = background.lower()
    return any(
        image.pixelColor(x, y).name() != bg
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )


def test_every_block_type_has_a_widget():
    assert set(WIDGETS) == set(BLOCK_TYPES)


@pytest.mark.parametrize("kind", list(samples.ALL))
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_block_renders_in_both_orientations(show_block, ctx, kind, size):
    widget = show_block(samples.block(samples.ALL[kind]), size)
    assert type(widget) is WIDGETS[kind]
    host = widget.window()
    assert widget.width() <= host.width()
    assert widget.height() > 60
    assert has_ink(widget, ctx.palette.background)


def test_text_block_shows_title_and_markdown(show_block):
    widget = show_block(samples.block(samples.TEXT))
    assert shown(widget.title) == "产业概况"
    html = widget.body.text()
    assert widget.body.textFormat() == Qt.TextFormat.RichText
    assert "<b>国家级</b>" in html and "<i>高端制造</i>" in html
    assert html.count("<li") == 3


def test_html_in_content_stays_literal(show_block):
    text = show_block(
        samples.block({"type": "text", "body": "<b>not bold</b> & <a href='x'>no link</a>"})
    )
    assert "&lt;b&gt;not bold&lt;/b&gt;" in text.body.text()
    assert "<a " not in text.body.text()
    figures = show_block(
        samples.block(
            {
                "type": "figures",
                "items": [{"value": 1, "label": "<i>label</i>", "source": "<b>src</b>"}],
            }
        )
    )
    tile = figures.tiles[0]
    assert tile.caption.text() == "<i>label</i>"
    assert tile.caption.textFormat() == Qt.TextFormat.PlainText
    assert tile.source.text() == "<b>src</b>"


def test_labels_are_plain_wrapped_and_inert(show_block):
    widget = show_block(samples.block(samples.STORY))
    labels = [label for label in widget.findChildren(QLabel) if label.text()]
    assert labels
    for label in labels:
        assert label.wordWrap()
        assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
        assert label.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
        assert label.property("role")


@pytest.mark.parametrize(
    ("kind", "zh", "en"),
    [
        ("text", "产业概况", "Industry at a glance"),
        ("figures", "地区生产总值", "Gross regional product"),
        ("image", "亦庄新城夜景", "Yizhuang new town at night"),
        ("gallery", "第一张", "First view"),
        ("timeline", "升级为国家级", "Becomes national-level"),
        ("story", "首席工程师 · 某机器人公司", "Chief engineer · A robotics company"),
        ("bar_chart", "管委会 2024", "Administrative committee, 2024"),
        ("links", "投资指南", "Investor guide"),
        ("map", "园区地图", "Zone map"),
    ],
)
def test_language_switch_changes_block_texts(show_block, ctx, kind, zh, en):
    widget = show_block(samples.block(samples.ALL[kind]))
    assert zh in shown_texts(widget)
    ctx.set_language("en")
    texts = shown_texts(widget)
    assert en in texts and zh not in texts


def test_story_shows_person_quote_and_portrait(show_block):
    widget = show_block(samples.block(samples.STORY))
    assert widget.quote.property("role") == "quote"
    assert "王芳" in shown_texts(widget)
    assert widget.portrait.image() is not None
    assert widget.portrait.width() == widget.portrait.height()


def test_timeline_shows_events_in_order(show_block):
    widget = show_block(samples.block(samples.TIMELINE))
    rows = widget.findChildren(EventRow)
    assert [row.when.text() for row in rows] == ["1992", "1994-08", "2024"]
    tops = [row.y() for row in rows]
    assert tops == sorted(tops)
    assert not rows[0].text.isVisible()  # the first event has no text


def test_counts_of_drawn_things(show_block):
    gallery = show_block(samples.block(samples.GALLERY))
    assert gallery.findChild(Dots).count == 3
    links = show_block(samples.block(samples.LINKS))
    assert len(links.findChildren(QrCode)) == 2
    map_block = show_block(samples.block(samples.MAP))
    assert len(map_block.findChildren(HotspotPin)) == 3
    chart = show_block(samples.block(samples.BAR_CHART))
    assert len(chart.findChild(BarChart).layout_rows()) == 4


def test_figures_and_links_reflow_with_width(show_block):
    wide = show_block(samples.block(samples.FIGURES), (1920, 1080))
    narrow = show_block(samples.block(samples.FIGURES), (1080, 1920))
    assert wide.grid.columns() == 3
    assert narrow.grid.columns() < 3


@pytest.mark.parametrize("kind", ["gallery", "map"])
def test_tappable_widgets_are_at_least_64_px(show_block, kind):
    widget = show_block(samples.block(samples.ALL[kind]))
    tappables = [
        child
        for child in widget.findChildren(QWidget)
        if child.isVisible() and (child.property("tappable") or isinstance(child, QAbstractButton))
    ]
    assert tappables
    for child in tappables:
        assert child.width() >= 64 and child.height() >= 64, child


def test_factory_gives_parent(ctx):
    parent = QWidget()
    widget = create_block_widget(samples.block(samples.TEXT), ctx, parent)
    assert widget.parent() is parent
    parent.deleteLater()
