"""Nothing a visitor should see lies past the right edge of the screen: on every panel, in
both orientations, at the larger text size, after switching language on the open panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from tests.kiosk_kit import SAMPLE


def past_the_edge(screen) -> list[str]:
    viewport = screen.scroll_area.viewport()
    found = []
    for label in screen.scroll_area.widget().findChildren(QLabel):
        if not label.isVisibleTo(screen) or not label.text():
            continue
        right = label.mapTo(viewport, QPoint(label.width(), 0)).x()
        if right > viewport.width():
            found.append(f"{label.text()[:30]!r} ends at {right} px of {viewport.width()}")
    return found


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_large_text_in_either_language_stays_inside_the_screen(kiosk, touch, qtbot, size):
    window = kiosk(content=SAMPLE, size=size).window
    for panel_id in [tile.panel.id for tile in window.home.tiles]:
        touch.tap(next(tile for tile in window.home.tiles if tile.panel.id == panel_id))
        assert window.current_panel_id() == panel_id
        touch.tap(window.top_bar.sizes[-1])  # A+
        for lang in ("en", "zh"):
            touch.tap(window.top_bar.languages[lang])
            screen = window.panels[panel_id]
            page = screen.scroll_area.widget()
            qtbot.waitUntil(lambda page=page, screen=screen: page.width() > 0)
            assert page.width() <= screen.scroll_area.viewport().width(), (panel_id, lang)
            assert past_the_edge(screen) == [], (panel_id, lang)
        touch.tap(window.top_bar.sizes[0])
        touch.tap(window.top_bar.home)
