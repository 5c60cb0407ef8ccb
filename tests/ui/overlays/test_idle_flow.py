"""Idle: countdown on screen, session reset, attract loop, and a touch that ends it cleanly."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from tests.services.kit import tap


def test_idle_countdown_reset_attract_and_a_touch_that_presses_nothing(qtbot, make_kiosk):
    controller, window, _ = make_kiosk()
    button_center = window.button.mapTo(window, window.button.rect().center())
    tap(window, button_center)  # a visitor opens a panel
    assert window.current_panel_id() == "alpha"

    countdown = controller.countdown
    qtbot.waitUntil(countdown.isVisible, timeout=3000)
    assert countdown.title_zh.text() == "还在浏览吗？"
    assert countdown.title_en.text() == "Still there?"
    assert countdown.number.text() in {"1", "0"}  # countdown_seconds is 0.4

    qtbot.waitUntil(lambda: window.resets == 1, timeout=3000)
    assert not countdown.isVisible()
    assert window.current_panel_id() is None  # back home

    qtbot.waitUntil(controller.attract.isVisible, timeout=3000)
    tap(window, button_center)  # the first touch ends the attract loop...
    assert not controller.attract.isVisible()
    assert window.current_panel_id() is None  # ...and does not press the button under it


def test_a_touch_during_the_countdown_keeps_the_visitor_where_they_were(qtbot, make_kiosk):
    controller, window, _ = make_kiosk()
    window.show_panel("alpha")
    tap(window, QPoint(600, 40))
    qtbot.waitUntil(controller.countdown.isVisible, timeout=3000)
    tap(window, QPoint(600, 40))
    assert not controller.countdown.isVisible()
    qtbot.wait(200)  # less than the timeout: no reset yet
    assert window.resets == 0
    assert window.current_panel_id() == "alpha"
