"""A seated visitor at a tall portrait screen: every control within reach, and "Lower the
screen" brings the whole screen down into the reach band (site.yaml display.mounting).

The real kiosk on the sample content at 1080x1920, driven by touch taps."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from tests.kiosk_kit import SAMPLE
from tests.touch import tap
from tests.ui.test_audio import IDLE


def top_of(widget, window) -> int:
    return widget.mapTo(window, QPoint(0, 0)).y()


def test_lower_the_screen_moves_the_content_into_reach_and_back(kiosk, qtbot):
    running = kiosk(content=SAMPLE, idle=IDLE, size=(1080, 1920))
    window = running.window
    band_top = window.ctx.snapshot.site.display.mounting.highest_reach_px(1920, portrait=True)
    assert band_top > 0  # the sample's screen has a top out of reach
    lower = window.top_bar.lower_button
    assert lower.isVisible() and top_of(lower, window) >= band_top
    assert lower.text() == "降低画面"
    tap(window.home.tiles[0])
    qtbot.waitUntil(lambda: window.current_panel_id() is not None)
    screen = window.panels[window.current_panel_id()]
    assert top_of(screen.hero, window) < band_top  # the panel starts at the top of the glass
    tap(lower)
    QApplication.processEvents()
    assert window.lowered and lower.text() == "恢复全屏"
    assert top_of(window.top_bar, window) >= band_top
    assert top_of(screen.hero, window) >= band_top
    controls = [c for c in window.keypad.targets() if c.isVisible()]  # all one can press
    assert controls and all(top_of(c, window) >= band_top for c in controls), [
        (type(c).__name__, c.accessibleName(), top_of(c, window))
        for c in controls
        if top_of(c, window) < band_top
    ]
    tap(lower)  # "Full screen": the content takes the whole glass again
    QApplication.processEvents()
    assert not window.lowered and top_of(window.top_bar, window) == 0
    tap(lower)
    running.controller.idle.end_session()  # the next visitor starts on the full screen
    QApplication.processEvents()
    assert not window.lowered and not window.lowered_space.isVisible()


def test_a_landscape_screen_has_no_lower_control(kiosk):
    running = kiosk(content=SAMPLE, idle=IDLE, size=(1920, 1080))
    assert not running.window.top_bar.lower_button.isVisible()
    running.window.set_lowered(True)
    assert not running.window.lowered
