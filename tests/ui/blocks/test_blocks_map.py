"""Map: pins sit on their spots; a tap on a pin opens its card, a tap outside closes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor

from kiosk.ui.screenshots import find_block, settle
from tests.ui.blocks import samples

WORD_JOINER = "\u2060"  # bound texts may hold it (kiosk/ui/texts.py): zero width, unseen


def shown(label) -> str:
    return label.text().replace(WORD_JOINER, "")


def on_window(widget) -> QRect:
    """Where `widget` is on the screen (window coordinates)."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


@pytest.fixture
def map_block(show_block):
    return show_block(samples.block(samples.MAP))


def test_pins_are_on_their_relative_spots(map_block):
    rect = map_block.view.image_rect().translated(map_block.view.pos())
    centre = map_block.pins[1].geometry().center()
    assert abs(centre.x() - (rect.left() + 0.7 * rect.width())) <= 2
    assert abs(centre.y() - (rect.top() + 0.6 * rect.height())) <= 2
    corner = map_block.pins[2].geometry()  # x=0.98, y=0.02: kept inside the map
    assert map_block.stage.rect().contains(corner)


def test_tap_on_pin_opens_its_card_and_tap_outside_closes(map_block, touch, qtbot):
    with qtbot.waitSignal(map_block.hotspot_opened) as opened:
        touch.tap(map_block.pins[1])
    assert opened.args == [1]
    card = map_block.card
    assert card.isVisible()
    assert shown(card.title) == "产业园"
    assert shown(card.text) == "汽车与装备制造企业聚集。"
    assert map_block.window().rect().contains(on_window(card))
    # A tap on the map away from the card closes it.
    stage = on_window(map_block.stage)
    outside = QPoint(on_window(card).left() - 40, stage.bottom() - 30)
    if outside.x() < stage.left():
        outside = QPoint(on_window(card).right() + 40, stage.bottom() - 30)
    assert not on_window(card).contains(outside)
    touch.tap(map_block.window(), outside)
    assert not card.isVisible()
    assert map_block.open_index() is None


def test_tap_inside_card_keeps_it_and_close_button_closes(map_block, touch):
    map_block.open_hotspot(0)
    touch.tap(map_block.card.text)
    assert map_block.card.isVisible()
    touch.tap(map_block.card.close_button)
    assert not map_block.card.isVisible()


def test_open_card_follows_language(map_block, ctx):
    map_block.open_hotspot(0)
    ctx.set_language("en")
    assert shown(map_block.card.title) == "Core area"
    assert shown(map_block.card.text) == "Home of the committee and this centre."
    map_block.close_hotspot()
    assert not map_block.card.isVisible()


# ---- the sample content's map, in the kiosk as a visitor meets it --------------------------


def sample_map(kiosk, size, lang=None, touch=None):
    """The kiosk on the sample content's map, in `lang` (tapped on the top bar), the map in
    the middle of the screen."""
    from kiosk.ui.blocks.map import MapBlockWidget
    from tests.kiosk_kit import SAMPLE

    window = kiosk(content=SAMPLE, size=size).window
    panel_id, block = find_block(window, window._order(), "open_hotspot")
    assert isinstance(block, MapBlockWidget)
    window.show_panel(panel_id)
    if lang is not None and touch is not None:
        touch.tap(window.top_bar.languages[lang])
        assert window.ctx.lang == lang
    settle(window)
    area = window.panels[panel_id].scroll_area
    area.ensureWidgetVisible(block, 0, max(0, (area.viewport().height() - block.height()) // 2))
    settle(window)
    assert block.visibleRegion().boundingRect() == block.rect()
    return window, block


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sample_card_never_covers_another_marker(kiosk, size, lang, touch, qtbot):
    window, block = sample_map(kiosk, size, lang, touch)
    for index, pin in enumerate(block.pins):
        touch.tap(pin)
        qtbot.waitUntil(lambda i=index: block.open_index() == i)
        card = on_window(block.card)
        assert window.rect().contains(card)
        for other, marker in enumerate(block.pins):
            if other != index:
                assert not card.intersects(on_window(marker)), (index, other, card)


def test_tapping_another_marker_with_a_card_open_opens_that_one(map_block, touch):
    touch.tap(map_block.pins[0])
    assert shown(map_block.card.title) == "核心区"
    touch.tap(map_block.pins[1])
    assert map_block.open_index() == 1 and map_block.card.isVisible()
    assert shown(map_block.card.title) == "产业园"
    assert [pin.is_selected() for pin in map_block.pins] == [False, True, False]
    touch.tap(map_block.pins[1])  # the open one again: it stays open
    assert map_block.open_index() == 1 and map_block.card.isVisible()


def test_markers_and_the_close_button_are_touch_sized(map_block):
    map_block.open_hotspot(0)
    for widget in (*map_block.pins, map_block.card.close_button):
        assert widget.width() >= 64 and widget.height() >= 64


def colour_at(image, point) -> QColor:
    return QColor(image.pixel(point))


def near(a: QColor, b: QColor, tolerance: int = 12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_the_open_marker_is_emphasised_in_the_primary_colour_not_greyed(map_block, touch, ctx):
    primary = QColor(ctx.palette.primary)
    touch.tap(map_block.pins[0])
    selected, other = map_block.pins[0], map_block.pins[1]
    assert selected.is_selected() and selected.fill_color() == primary
    # What the visitor sees: the map as painted, pins, dimming and card included.
    image = map_block.window().grab().toImage()
    for pin in (selected, other):
        centre = pin.mapTo(pin.window(), pin.rect().center())
        fill = colour_at(image, centre + QPoint(-13, -13))  # inside the disc, off the number
        assert near(fill, primary), (pin.number, fill.name(), primary.name())
        assert fill.saturation() > 80  # not grey
    # Emphasis: the open marker's ring, in the primary colour, reaches out past the others'.
    centre = selected.mapTo(selected.window(), selected.rect().center())
    assert near(colour_at(image, centre + QPoint(0, -29)), primary)
    other_centre = other.mapTo(other.window(), other.rect().center())
    assert not near(colour_at(image, other_centre + QPoint(0, -29)), primary)


def test_a_card_left_open_is_closed_for_the_next_visitor(kiosk, touch, qtbot):
    window, block = sample_map(kiosk, (1920, 1080), "en", touch)
    touch.tap(block.pins[0])
    qtbot.waitUntil(lambda: block.card.isVisible())
    window.reset_session()  # the idle timeout's reset
    panel_id = next(pid for pid, screen in window.panels.items() if block in screen.blocks)
    window.show_panel(panel_id)
    assert block.open_index() is None and not block.card.isVisible()
    assert not any(pin.is_selected() for pin in block.pins)
