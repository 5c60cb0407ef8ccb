"""Figure tiles as a visitor sees them: the number mid-count, the tile's layout, the grid."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

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
