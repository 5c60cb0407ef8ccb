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


def _full_screen_pictures(window, attract) -> list[tuple[int, int]]:
    """Slides of the attract loop the image cache holds decoded for a box larger than the
    window (the loop's pictures cover it with room to zoom; a tile or a hero of the same file
    asks for less)."""
    return [
        size
        for slide in attract.slides
        for size in window.ctx.images.decoded_boxes(slide.path)
        if size[0] > window.width() and size[1] > window.height()
    ]


def test_the_attract_loop_holds_its_pictures_only_while_nobody_is_there(qtbot, kiosk):
    """Hidden screens keep no decoded photos: the loop's first picture is decoded ahead while
    the kiosk stands idle, let go when a visitor comes, decoded again when the visit ends."""
    idle = {"timeout_seconds": 15, "countdown_seconds": 20, "attract_after_seconds": 600}
    running = kiosk(site={"idle": idle}, idle_scale=IDLE_SCALE)
    window, attract = running.window, running.overlays.attract
    held = lambda: _full_screen_pictures(window, attract)  # noqa: E731
    qtbot.waitUntil(lambda: bool(held()), timeout=5000)  # nobody there: ready ahead

    tile = window.home.tiles[0]
    tap(window, tile.mapTo(window, tile.rect().center()))  # a visitor comes
    assert window.current_panel_id() == "alpha"
    assert held() == []

    qtbot.waitUntil(lambda: window.current_panel_id() is None, timeout=3000)  # the visit ends
    qtbot.waitUntil(lambda: bool(held()), timeout=5000)
    assert not attract.isVisible()  # (ready before it is due, not because it opened)


def test_the_attract_loop_lets_its_pictures_go_when_it_closes(qtbot, kiosk):
    running = kiosk(site={"idle": CYCLE_IDLE}, idle_scale=IDLE_SCALE)
    window, attract = running.window, running.overlays.attract
    qtbot.waitUntil(attract.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: bool(_full_screen_pictures(window, attract)), timeout=5000)
    tap(window, QPoint(600, 300))  # the first touch ends the loop
    assert not attract.isVisible()
    assert _full_screen_pictures(window, attract) == []
