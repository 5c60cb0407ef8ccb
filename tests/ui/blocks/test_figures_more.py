"""Figure tiles as a visitor sees them: the number mid-count, the tile's layout, the grid,
and a unit that is never broken however narrow the tile."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from kiosk.content.typeset import WORD_JOINER
from kiosk.ui.blocks.figures import COUNT_UP_MS
from tests.ui.blocks import samples

GAP = 24  # the grid's gap between tiles (kiosk/ui/blocks/base.py ResponsiveGrid)


def figures(count: int = 3) -> dict:
    items = [dict(samples.FIGURES["items"][i % 3]) for i in range(count)]
    return samples.block({**samples.FIGURES, "items": items})


def number(text: str) -> float:
    return float(text.replace(",", ""))


def test_the_count_up_eases_out_towards_the_exact_value(show_block):
    widget = show_block(samples.block(samples.FIGURES))
    tile = widget.tiles[0]  # 3456.7, one decimal
    assert tile.animation.state() == tile.animation.State.Running
    tile.animation.setCurrentTime(400)  # halfway through the 800 ms count-up
    assert tile.value.text() == "3,024.6"  # ease-out: 87.5 % of the way there, one decimal
    tile.animation.setCurrentTime(800)
    assert tile.value.text() == "3,456.7"


def test_coming_back_on_screen_while_counting_starts_the_count_again(show_block):
    widget = show_block(samples.block(samples.FIGURES))
    tile = widget.tiles[1]
    tile.animation.setCurrentTime(700)
    far = number(tile.value.text())
    widget.hide()
    widget.show()
    assert tile.animation.state() == tile.animation.State.Running
    assert number(tile.value.text()) < far / 2


def test_a_tile_shows_number_and_unit_on_one_line_label_below_and_source_at_the_foot(
    show_block, ctx
):
    ctx.animate = False
    widget = show_block(samples.block(samples.FIGURES))
    QApplication.processEvents()
    tile = widget.tiles[0]

    def box(label) -> QRect:
        return QRect(label.mapTo(tile, QPoint(0, 0)), label.size())

    value, unit, caption, source = (
        box(w) for w in (tile.value, tile.unit, tile.caption, tile.source)
    )
    assert tile.value.property("tone") == "accent" and tile.source.property("tone") == "muted"
    assert tile.unit.property("role") == "figure-unit"
    assert tile.caption.property("role") == "figure-label"
    assert tile.source.property("role") == "source"
    assert not tile.value.wordWrap()
    # the number takes just its width, the unit sits on the number's baseline side
    assert tile.value.width() == tile.value.sizeHint().width()
    assert tile.unit.height() == tile.unit.sizeHint().height() < tile.value.height()
    assert (value.left(), value.top()) == (32, 28)
    assert unit.left() == value.right() + 1 + 10 and unit.bottom() == value.bottom()
    assert unit.right() == tile.width() - 32 - 1  # the unit takes the rest of the line
    assert caption.top() == value.bottom() + 1 + 10 and caption.left() == 32
    assert source.bottom() == tile.height() - 28 - 1 and source.left() == 32
    assert all(t.height() == tile.height() for t in widget.tiles)  # one row, equal tiles
    assert tile.objectName() == "figureTile"


def test_the_source_names_the_date_in_each_language(show_block, ctx):
    widget = show_block(samples.block(samples.FIGURES))
    tiles = widget.tiles
    ctx.set_language("en")
    assert [t.source.text() for t in tiles] == [
        "Beijing Statistics Bureau · 2024-12-31",
        "District statistical bulletin",
        "Administrative committee",
    ]
    assert tiles[0].caption.text() == "Gross regional product"
    assert tiles[0].unit.text() == "bn yuan"
    assert widget.title.text() == "Key figures"


def test_tiles_take_as_many_columns_as_fit_and_at_most_four(show_block, ctx, qtbot):
    ctx.animate = False
    four = show_block(figures(4), size=(2600, 1400))
    assert four.grid.columns() == 4
    five = show_block(figures(5), size=(2600, 1400))  # room for five, but at most four...
    assert five.grid.columns() == 3  # ...so rows of three and two, not four and one
    widget = show_block(figures(3), size=(1920, 2400))  # tall: no scroll bar takes width
    grid = widget.grid
    host = widget.window()
    # A column is 420 px, or as wide as the widest tile needs if that is more (large text).
    column = max(420, max(tile.minimumSizeHint().width() for tile in widget.tiles))
    for columns in (3, 2):
        fits = columns * column + (columns - 1) * GAP  # exactly `columns` tiles
        for width, expected in ((fits, columns), (fits - 1, columns - 1)):
            host.resize(host.width() + width - grid.width(), host.height())
            qtbot.waitUntil(lambda w=width: grid.width() == w, timeout=2000)
            rows = -(-3 // expected)
            qtbot.waitUntil(lambda r=rows: len({tile.y() for tile in widget.tiles}) == r)
            assert grid.columns() == expected, (width, expected)


def area_figures() -> dict:
    area = {
        "value": 3.83,
        "decimals": 2,
        "unit": {"zh": "平方公里", "en": "km²"},
        "label": {"zh": "起步区面积", "en": "Starting area"},
        "source": {"zh": "管委会", "en": "Administrative committee"},
    }
    floor = {
        "value": 1000000,
        "zh_units": True,
        "unit": {"zh": "平方米", "en": "m²"},
        "label": {"zh": "人才公寓", "en": "Talent housing"},
        "source": {"zh": "管委会", "en": "Administrative committee"},
    }
    return samples.block({**samples.FIGURES, "items": [area, floor]})


def unit_on_one_line(unit) -> bool:
    """The unit label shows its whole text on one line: no wrap, no elision, no clipping;
    its height is one line's (the height of the same text with a line break is more)."""
    metrics = QFontMetrics(unit.font())
    text = unit.text()
    room = QRect(0, 0, 10_000, 10_000)
    one_line = metrics.boundingRect(room, 0, text).height()
    return (
        not unit.wordWrap()
        and unit.width() >= metrics.horizontalAdvance(text)
        and unit.height() == unit.sizeHint().height() == one_line
        and one_line < metrics.boundingRect(room, 0, f"{text}\n{text}").height()
    )


def resize_tiles_to(widget, qtbot, width: int) -> None:
    host, tile = widget.window(), widget.tiles[0]
    host.resize(host.width() + width - tile.width(), host.height())
    qtbot.waitUntil(lambda: tile.width() == width, timeout=2000)
    QApplication.processEvents()


def test_in_a_narrow_tile_the_unit_goes_under_the_number_whole(show_block, ctx, qtbot):
    ctx.animate = False
    widget = show_block(area_figures(), size=(600, 1900))
    resize_tiles_to(widget, qtbot, 300)  # a narrow portrait tile: one column
    assert widget.grid.columns() == 1
    for tile in widget.tiles:
        value, unit = tile.value, tile.unit
        assert unit.text().replace(WORD_JOINER, "") in ("平方公里", "平方米")
        assert not tile.number.side_by_side(tile.contentsRect().width() - 64)
        assert unit_on_one_line(unit), unit.text()
        assert unit.x() == value.x() and unit.y() > value.y() + value.height() - 1  # below
        caption = tile.caption.mapTo(tile, QPoint(0, 0))
        assert caption.y() >= unit.mapTo(tile, QPoint(0, 0)).y() + unit.height()  # no overlap
    assert widget.tiles[1].value.text() == f"100{WORD_JOINER}万"
    ctx.set_text_scale(1.3)  # larger text: still one line, still whole
    QApplication.processEvents()
    assert all(unit_on_one_line(tile.unit) for tile in widget.tiles)


def test_in_a_wide_tile_number_and_unit_share_the_line_in_both_languages(show_block, ctx):
    ctx.animate = False
    widget = show_block(area_figures(), size=(1200, 1400))
    assert widget.grid.columns() == 2 and widget.tiles[0].width() < 600
    for lang in ("zh", "en"):
        ctx.set_language(lang)
        QApplication.processEvents()
        for tile in widget.tiles:
            value, unit = tile.value, tile.unit
            assert tile.number.side_by_side(tile.width() - 64), (lang, unit.text())
            assert unit.x() == value.x() + value.width() + 10, lang
            assert unit.y() + unit.height() == value.y() + value.height(), lang  # one bottom
            assert unit_on_one_line(unit), (lang, unit.text())


def test_the_unit_keeps_its_place_while_the_number_counts_up(show_block, ctx, qtbot):
    firms = {
        "value": 1043,
        "unit": {"zh": "平方公里", "en": "km²"},
        "label": {"zh": "企业", "en": "Firms"},
        "source": {"zh": "管委会", "en": "Administrative committee"},
    }
    widget = show_block(samples.block({**samples.FIGURES, "items": [firms]}), size=(600, 1900))
    resize_tiles_to(widget, qtbot, 300)
    tile = widget.tiles[0]  # 1,043 and 平方公里 do not fit side by side in 300 px
    tile.count_up()
    tile.animation.setCurrentTime(5)  # early in the count: a number of two digits...
    QApplication.processEvents()
    short = tile.value.width() + 10 + tile.unit.sizeHint().width()
    assert len(tile.value.text()) == 2 and short <= 300 - 64  # ...the unit would fit beside
    assert tile.unit.y() > tile.value.y() + tile.value.height() - 1  # yet it is below already
    height = tile.height()
    tile.animation.setCurrentTime(COUNT_UP_MS)
    QApplication.processEvents()
    assert tile.value.text() == "1,043"
    assert tile.unit.y() > tile.value.y() + tile.value.height() - 1
    assert tile.height() == height  # the tile did not grow at the end of the count
