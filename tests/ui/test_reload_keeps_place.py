"""An operator's save while a visitor reads: the new content appears, on the same panel, at the
place the visitor had scrolled to (it used to jump back to the top)."""

from __future__ import annotations

from tests.kiosk_kit import SAMPLE


def test_a_valid_reload_keeps_the_open_panel_and_the_visitors_place(qtbot, kiosk):
    running = kiosk(content=SAMPLE, size=(1080, 1920))
    window = running.window
    window.show_panel("industry")
    screen = window.panels["industry"]
    bar = screen.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 1500, timeout=5000)
    bar.setValue(1200)
    path = running.content_dir / "panels" / "industry.yaml"
    text = path.read_text(encoding="utf-8")
    assert "en: High-tech industry" in text
    with qtbot.waitSignal(running.controller.watcher.content_loaded, timeout=10_000):
        path.write_text(
            text.replace("en: High-tech industry", "en: Advanced industry", 1), encoding="utf-8"
        )
    new_screen = window.panels["industry"]
    assert new_screen is not screen  # rebuilt from the new snapshot
    assert window.current_panel_id() == "industry"
    new_bar = new_screen.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: new_bar.value() == 1200, timeout=3000)
