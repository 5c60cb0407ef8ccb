"""Idle: countdown on screen, session reset, attract loop, and a touch that ends it cleanly."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from tests.services.kit import CYCLE_IDLE, IDLE_SCALE, shown_text
from tests.touch import tap


def test_idle_countdown_reset_attract_and_a_touch_that_presses_nothing(qtbot, kiosk):
    running = kiosk(site={"idle": CYCLE_IDLE}, idle_scale=IDLE_SCALE)
    window, overlays = running.window, running.overlays
    tile = window.home.tiles[0]
    tile_center = tile.mapTo(window, tile.rect().center())
    tap(window, tile_center)  # a visitor opens a panel
    assert window.current_panel_id() == "alpha"

    countdown = overlays.countdown
    qtbot.waitUntil(countdown.isVisible, timeout=3000)
    shown = shown_text(countdown)
    assert "还在浏览吗？" in shown and "Still there?" in shown
    assert countdown.number.text() in {"1", "0"}  # countdown_seconds 20, at 0.02: 0.4 s

    qtbot.waitUntil(lambda: window.current_panel_id() is None, timeout=3000)  # reset: home
    assert not countdown.isVisible()

    qtbot.waitUntil(overlays.attract.isVisible, timeout=3000)
    tap(window, tile_center)  # the first touch ends the attract loop...
    assert not overlays.attract.isVisible()
    assert window.current_panel_id() is None  # ...and does not press the tile under it


def test_a_touch_during_the_countdown_keeps_the_visitor_where_they_were(qtbot, kiosk):
    running = kiosk()
    window, controller = running.window, running.controller
    window.show_panel("alpha")
    tap(window, QPoint(600, 300))
    qtbot.waitUntil(running.overlays.countdown.isVisible, timeout=3000)
    tap(window, QPoint(600, 300))
    assert not running.overlays.countdown.isVisible()
    with qtbot.assertNotEmitted(controller.idle.timed_out, wait=200):  # less than the timeout
        pass
    assert window.current_panel_id() == "alpha"
