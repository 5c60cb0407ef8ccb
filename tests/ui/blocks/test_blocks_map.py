"""Map: pins sit on their spots; a tap on a pin opens its card, a tap outside closes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from tests.ui.blocks import samples


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
    assert card.title.text() == "产业园"
    assert card.text.text() == "汽车与装备制造企业聚集。"
    assert map_block.stage.rect().contains(card.geometry())
    # A tap on the map away from the card closes it.
    outside = QPoint(card.geometry().left() - 40, map_block.stage.height() - 30)
    if outside.x() < 0:
        outside = QPoint(card.geometry().right() + 40, map_block.stage.height() - 30)
    assert not card.geometry().contains(outside)
    touch.tap(map_block.stage, outside)
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
    assert map_block.card.title.text() == "Core area"
    assert map_block.card.text.text() == "Home of the committee and this centre."
    map_block.close_hotspot()
    assert not map_block.card.isVisible()
