"""Figures count up to the exact value; the bar chart paints its bars; QR codes are exact."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from kiosk.content.numbers import format_number, shown_decimals
from kiosk.ui.blocks.bar_chart import BarChart
from kiosk.ui.blocks.figures import COUNT_UP_MS
from kiosk.ui.blocks.links import QUIET_ZONE, qr_matrix
from tests.ui.blocks import samples


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [(1234567, 0, "1,234,567"), (3456.7, 1, "3,456.7"), (0.5, 2, "0.50"), (42, 0, "42")],
)
def test_format_number_is_the_same_in_every_language(value, decimals, shown):
    assert {format_number(value, decimals, lang) for lang in ("zh", "en", "fr")} == {shown}


def test_figures_count_up_and_end_on_the_exact_value(show_block, qtbot):
    widget = show_block(samples.block(samples.FIGURES))
    tiles = widget.tiles
    assert all(tile.animation.state() == tile.animation.State.Running for tile in tiles)
    assert 600 <= COUNT_UP_MS <= 900
    qtbot.waitUntil(lambda: tiles[1].value.text() not in ("0", "1,234,567"), timeout=900)
    qtbot.waitUntil(
        lambda: all(t.animation.state() == t.animation.State.Stopped for t in tiles),
        timeout=3000,
    )
    assert [tile.value.text() for tile in tiles] == ["3,456.7", "1,234,567", "42"]
    assert [tile.unit.text() for tile in tiles] == ["亿元", "", "%"]
    assert tiles[0].source.text() == "北京市统计局 · 2024-12-31"
    assert tiles[0].value.property("role") == "figure-value"


def test_figures_count_up_again_each_time_they_come_back_on_screen(show_block, qtbot):
    widget = show_block(samples.block(samples.FIGURES))
    tile = widget.tiles[1]
    qtbot.waitUntil(lambda: tile.animation.state() == tile.animation.State.Stopped, timeout=3000)
    widget.hide()
    widget.show()
    assert tile.animation.state() == tile.animation.State.Running


def test_screenshots_show_final_figures_without_counting(show_block, ctx):
    ctx.animate = False  # what MainWindow(animate=False) sets for screenshots and self-test
    widget = show_block(samples.block(samples.FIGURES))
    assert [tile.value.text() for tile in widget.tiles] == ["3,456.7", "1,234,567", "42"]
    assert all(tile.animation.state() == tile.animation.State.Stopped for tile in widget.tiles)


def test_bar_chart_paints_bars_in_proportion(show_block, ctx):
    widget = show_block(samples.block(samples.BAR_CHART))
    chart = widget.findChild(BarChart)
    rows = chart.layout_rows()
    assert [label for label, *_ in rows] == ["新一代信息技术", "生物医药", "汽车", "机器人"]
    assert rows[1][3] == "880.5 亿元"
    widths = [bar.width() for _, _, bar, _ in rows]
    assert widths[0] == max(widths)
    assert widths[3] / widths[0] == pytest.approx(260 / 1520, rel=0.02)
    image = chart.grab().toImage()
    primary = QColor(ctx.palette.primary).name()
    for _, _, bar, _ in rows:
        point = bar.center().toPoint()
        assert image.pixelColor(point).name() == primary
    ctx.set_language("en")
    assert chart.layout_rows()[0][0] == "Next-gen IT"
    assert chart.layout_rows()[0][3] == "1,520 bn yuan"


def test_bar_chart_follows_text_size(show_block, ctx, qtbot):
    widget = show_block(samples.block(samples.BAR_CHART))
    chart = widget.findChild(BarChart)
    before = chart.height()
    ctx.set_text_scale(1.3)
    qtbot.waitUntil(lambda: chart.height() > before)


def test_bar_values_show_decimals_only_when_they_have_them():
    def shown(value):
        return format_number(value, shown_decimals(value), "en")

    assert shown(1520) == "1,520"
    assert shown(880.5) == "880.5"
    assert shown(-3.25) == "-3.25"
    assert shown(3.999) == "4"


def test_qr_codes_match_segno_matrix(show_block):
    widget = show_block(samples.block(samples.LINKS))
    assert len({card.qr.size().width() for card in widget.cards}) == 1  # same-size tiles
    for card, link in zip(widget.cards, samples.LINKS["links"], strict=True):
        qr = card.qr
        assert qr.width() >= 200 and qr.height() == qr.width()
        matrix = qr_matrix(link["url"])
        image = qr.grab().toImage()
        scale = qr.module_px
        assert qr.image.width() == (len(matrix) + 2 * QUIET_ZONE) * scale
        assert qr.image.width() >= 200
        assert image.pixelColor(qr.offset + scale, qr.offset + scale).name() == "#ffffff"
        for y in range(len(matrix)):
            for x in range(len(matrix)):
                px = qr.offset + (x + QUIET_ZONE) * scale + scale // 2
                py = qr.offset + (y + QUIET_ZONE) * scale + scale // 2
                dark = image.pixelColor(px, py).name() == "#000000"
                assert dark == matrix[y][x], (x, y)
        assert card.url.text().replace("\u200b", "") == link["url"]
