"""Figures count up to the exact value; the bar chart paints its bars; QR codes are exact;
Qt keeps what the typesetter joins on one line, and draws the joiner as nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QTextLayout, QTextOption

from kiosk.content.numbers import format_number, shown_decimals
from kiosk.content.qr import qr_matrix
from kiosk.content.typeset import NO_BREAK_SPACE, WORD_JOINER, keep_together, plain_text
from kiosk.ui.application import register_fonts
from kiosk.ui.blocks.bar_chart import BarChart
from kiosk.ui.blocks.figures import COUNT_UP_MS
from kiosk.ui.blocks.links import QUIET_ZONE
from tests.ui.blocks import samples

NNBSP = "\u202f"


plain = plain_text  # a label's text without the typesetter's joiners


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [(1234567, 0, "1,234,567"), (3456.7, 1, "3,456.7"), (0.5, 2, "0.50"), (42, 0, "42")],
)
def test_format_number_is_the_same_in_english_and_chinese(value, decimals, shown):
    assert {format_number(value, decimals, lang) for lang in ("zh", "en")} == {shown}


def test_format_number_groups_digits_as_each_language_does():
    assert format_number(1234567, 0, "fr") == f"1{NNBSP}234{NNBSP}567"
    assert format_number(3456.7, 1, "de") == "3.456,7"
    assert format_number(3456.7, 1, "xx") == "3,456.7"  # unknown to Babel: as in English


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
    assert [plain(tile.unit.text()) for tile in tiles] == ["亿元", "", "%"]
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


def zh_units_figures() -> dict:
    residents = {
        "value": 349200,
        "zh_units": True,
        "unit": {"zh": "人", "en": "people"},
        "label": {"zh": "常住人口", "en": "Residents"},
        "source": {"zh": "区统计公报", "en": "District statistical bulletin"},
    }
    return samples.block({**samples.FIGURES, "items": [residents, samples.FIGURES["items"][0]]})


def test_a_figure_with_chinese_units_reads_wan_in_chinese_and_digits_in_english(
    show_block, ctx, qtbot
):
    widget = show_block(zh_units_figures())
    residents, gdp = widget.tiles
    qtbot.waitUntil(
        lambda: residents.animation.state() == residents.animation.State.Stopped, timeout=3000
    )
    assert residents.value.text() == f"34.92{WORD_JOINER}万"  # typeset like the bound text
    residents.count_up()
    residents.animation.setCurrentTime(400)  # mid-count: 万 from 10,000 on, joined too
    assert residents.value.text().endswith(f"{WORD_JOINER}万")
    residents.animation.setCurrentTime(COUNT_UP_MS)
    assert residents.value.text() == f"34.92{WORD_JOINER}万"
    assert gdp.value.text() == "3,456.7"  # a figure without zh_units: as before
    ctx.set_language("en")
    assert residents.value.text() == "349,200"
    assert residents.unit.text() == "people"


@pytest.fixture
def families(qapp) -> list[str]:
    found = sorted(set(register_fonts()))
    assert "DejaVu Sans" in found and any("CJK" in f or "Fallback" in f for f in found)
    return found


def lines(text: str, font: QFont, width: float) -> list[str]:
    """The lines QTextLayout (what QLabel and QPainter use) breaks `text` into at `width`."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    found = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        found.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return found


def test_qt_breaks_no_line_at_a_word_joiner_with_the_bundled_fonts(families):
    paragraph = "经开区的产业创新与生活"  # 11 ideographs of one width
    for family in families:
        font = QFont(family)
        font.setPixelSize(40)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(paragraph[:10]) + 1  # room for 10: 1 left over
        assert [plain(line) for line in lines(paragraph, font, width)] == [
            paragraph[:10],
            paragraph[10:],
        ], family
        typeset = keep_together(paragraph, "zh")
        assert [plain(line) for line in lines(typeset, font, width)] == [
            paragraph[:9],
            paragraph[9:],
        ], family  # the last line has two characters, never one
        area = keep_together("面积3.83平方公里", "zh")
        narrow = metrics.horizontalAdvance("面积3.83平方") + 1
        assert [plain(line) for line in lines(area, font, narrow)] == [
            "面积",
            "3.83平方公里",
        ], family
        km = keep_together("3.83 km²", "en")
        assert lines(km, font, metrics.horizontalAdvance("3.83 ") + 1) == [km], family
        # QFontMetrics, which QLabel's word wrap measures with, agrees: 9 and 2, not 10 and 1
        box = QRect(0, 0, width, 1000)
        for text, widest in ((paragraph, paragraph[:10]), (typeset, paragraph[:9])):
            wrapped = metrics.boundingRect(box, Qt.TextFlag.TextWordWrap, text)
            assert wrapped.width() == metrics.horizontalAdvance(widest), (family, text)
            assert wrapped.height() == metrics.boundingRect(box, 0, "经\n开").height(), family


def test_a_word_joiner_has_no_width_and_draws_nothing(families):
    def drawn(text: str, font: QFont) -> QImage:
        image = QImage(400, 80, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(font)
        painter.setPen(QColor("black"))
        painter.drawText(QPointF(10, 60), text)
        painter.end()
        return image

    for family in families:
        font = QFont(family)
        font.setPixelSize(40)
        metrics = QFontMetrics(font)
        for left, right in (("生", "活"), ("3", "万"), ("45", "秒"), ("A", "B")):
            joined = f"{left}{WORD_JOINER}{right}"
            assert metrics.horizontalAdvance(joined) == metrics.horizontalAdvance(left + right)
            assert drawn(joined, font) == drawn(left + right, font), (family, joined)
            assert drawn(joined, font) != drawn(left, font)  # (the text does draw)
        assert metrics.horizontalAdvance(WORD_JOINER) == 0
        # a no-break space is drawn as a space: no box either
        assert drawn(f"3{NO_BREAK_SPACE}km", font) == drawn("3 km", font), family
