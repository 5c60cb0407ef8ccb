"""Visitors move around with real touches: tiles, Home, Back, sideways swipes, scrolling."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QPushButton

from tests.ui.conftest import shown, visible_labels


def tile(window, panel_id):
    return next(t for t in window.home.tiles if t.panel.id == panel_id)


def test_tapping_a_tile_opens_its_panel(window, qtbot, touch):
    touch.tap(tile(window, "science"))
    qtbot.waitUntil(lambda: window.current_panel_id() == "science")
    screen = window.host.current()
    assert screen.isVisible() and shown(screen.hero.title) == "科技创新"


def test_a_tile_opens_its_panel_at_the_top_even_after_a_visitor_scrolled_it(window, qtbot, touch):
    touch.tap(tile(window, "industry"))
    qtbot.waitUntil(lambda: window.current_panel_id() == "industry")
    screen = window.panel_screen("industry")
    touch.swipe(screen.scroll_area.viewport(), QPoint(900, 800), QPoint(900, 200))
    qtbot.waitUntil(lambda: screen.scroll_offset() > 300)
    touch.tap(window.top_bar.home)
    qtbot.waitUntil(lambda: window.current_panel_id() is None)
    touch.tap(tile(window, "industry"))
    qtbot.waitUntil(lambda: window.current_panel_id() == "industry")
    assert screen.scroll_offset() == 0


def test_home_and_back_return(window, qtbot, touch):
    touch.tap(tile(window, "industry"))
    qtbot.waitUntil(lambda: window.current_panel_id() == "industry")
    touch.tap(window.top_bar.back)
    qtbot.waitUntil(lambda: window.current_panel_id() is None)
    assert window.host.current() is window.home and not window.top_bar.back.isVisible()

    touch.tap(tile(window, "industry"))
    qtbot.waitUntil(lambda: window.current_panel_id() == "industry")
    window.next_panel(1)
    assert window.current_panel_id() == "science"
    touch.tap(window.top_bar.back)
    qtbot.waitUntil(lambda: window.current_panel_id() == "industry")
    touch.tap(window.top_bar.home)
    qtbot.waitUntil(lambda: window.current_panel_id() is None)


def test_sideways_swipe_moves_to_next_and_previous_panel(window, qtbot, touch):
    window.show_panel("industry")
    viewport = window.panels["industry"].scroll_area.viewport()
    touch.swipe(viewport, QPoint(1400, 500), QPoint(400, 520))
    qtbot.waitUntil(lambda: window.current_panel_id() == "science")
    viewport = window.panels["science"].scroll_area.viewport()
    touch.swipe(viewport, QPoint(400, 500), QPoint(1400, 490))
    qtbot.waitUntil(lambda: window.current_panel_id() == "industry")
    # nothing before the first panel: the visitor stays
    with qtbot.assertNotEmitted(window.screen_changed, wait=300):
        touch.swipe(
            window.panels["industry"].scroll_area.viewport(), QPoint(400, 500), QPoint(1400, 490)
        )
    assert window.current_panel_id() == "industry"


def test_vertical_swipe_scrolls_the_panel_without_changing_panel(window, qtbot, touch):
    window.show_panel("industry")
    screen = window.panels["industry"]
    assert screen.scroll_offset() == 0
    touch.swipe(screen.scroll_area.viewport(), QPoint(900, 800), QPoint(900, 200))
    qtbot.waitUntil(lambda: screen.scroll_offset() > 300)
    assert window.current_panel_id() == "industry"


def test_swipe_starting_on_a_button_in_the_panel_scrolls_and_does_not_press_it(
    window, qtbot, touch
):
    window.show_panel("industry")
    screen = window.panels["industry"]
    button = QPushButton("Touch me")
    button.setMinimumSize(600, 200)
    screen.column.layout().insertWidget(0, button)
    clicks = []
    button.clicked.connect(lambda: clicks.append(1))
    qtbot.waitUntil(lambda: button.isVisible() and button.height() >= 200)
    start = button.rect().center()
    # waiting past QScroller's press delay: a late click would show up within it
    with qtbot.assertNotEmitted(button.clicked, wait=400):
        touch.swipe(button, start, start - QPoint(0, 600))
        qtbot.waitUntil(lambda: screen.scroll_offset() > 300)
    assert clicks == []

    # and a plain tap on it still clicks
    screen.scroll_to_top()
    touch.tap(button)
    qtbot.waitUntil(lambda: clicks == [1])


def test_language_switch_changes_texts_and_keeps_panel_and_scroll(window, qtbot, touch):
    window.show_panel("industry")
    screen = window.panels["industry"]
    screen.scroll_area.verticalScrollBar().setValue(300)
    before = {shown(label) for label in visible_labels(window)}
    touch.tap(window.top_bar.languages["en"])
    qtbot.waitUntil(lambda: window.ctx.lang == "en")
    after = {shown(label) for label in visible_labels(window)}
    assert "Advanced industry" in after and "高端产业" in before
    assert "高端产业" not in after and "Overview" in after
    assert window.current_panel_id() == "industry"
    assert screen.scroll_offset() == 300
    assert window.top_bar.home.text() == "Home"
    assert window.top_bar.languages["en"].property("selected") is True


def test_text_with_one_language_falls_back(window, touch, qtbot):
    touch.tap(window.top_bar.languages["en"])
    qtbot.waitUntil(lambda: window.ctx.lang == "en")
    window.show_panel("life")
    assert window.panels["life"].hero.title.text() == "<b>Life</b> & <i>city</i>"


def test_html_in_a_panel_title_stays_literal(window):
    from PySide6.QtCore import Qt

    title = tile(window, "life").title
    assert title.text() == "<b>Life</b> & <i>city</i>"
    assert title.textFormat() == Qt.TextFormat.PlainText
    window.show_panel("life")
    assert window.panels["life"].hero.title.textFormat() == Qt.TextFormat.PlainText


def test_schedule_hides_expired_panel_and_future_block(window):
    assert [t.panel.id for t in window.home.tiles] == ["industry", "science", "life"]
    assert window.show_panel("expo") is False
    window.show_panel("industry")
    texts = {shown(label) for label in visible_labels(window.panels["industry"])}
    assert "概况" in texts and "将来的展品" not in texts


def test_reset_session_goes_home_in_default_language_and_size(window, qtbot):
    window.show_panel("industry")
    window.panels["industry"].scroll_area.verticalScrollBar().setValue(400)
    window.ctx.set_language("en")
    window.ctx.set_text_scale(1.3)
    window.reset_session()
    assert window.current_panel_id() is None
    assert (window.ctx.lang, window.ctx.text_scale) == ("zh", 1.0)
    assert window.panels["industry"].scroll_offset() == 0


def test_set_content_keeps_the_panel_if_it_remains(window, content, tmp_path):
    from tests.ui.conftest import make_content

    window.show_panel("science")
    window.set_content(make_content(tmp_path / "v2"))
    assert window.current_panel_id() == "science"
    window.set_content(
        make_content(
            tmp_path / "v3",
            panels=[
                {
                    "id": "industry",
                    "title": "Industry",
                    "icon": "mdi6.factory",
                    "accent": "#2f8cff",
                    "blocks": [{"type": "text", "body": "x"}],
                },
            ],
        )
    )
    assert window.current_panel_id() is None
    assert [t.panel.id for t in window.home.tiles] == ["industry"]
