"""A visitor taps 中文 / EN on a panel: every text changes language and nothing goes blank.

Regression: key-figure numbers, link URLs and story roles were labels bound to no text, so a
language switch emptied them (only the units stayed) until the panel was opened again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.content.numbers import format_number
from kiosk.content.typeset import plain_text
from kiosk.ui.blocks.figures import FiguresBlockWidget
from kiosk.ui.blocks.links import LinksBlockWidget
from kiosk.ui.blocks.story import StoryBlockWidget

ZWSP = "\u200b"


def shown(label: QLabel) -> str:
    """What the visitor reads in `label`: '' unless it is on screen; without zero-width spaces
    and what typesetting adds (word joiners, no-break spaces: `plain_text`)."""
    if not label.isVisibleTo(label.window()):
        return ""
    return plain_text(label.text()).replace(ZWSP, "")


def blocks(screen, kind):
    return [block for block in screen.blocks if isinstance(block, kind)]


def open_by_tile(window, panel_id, touch, qtbot):
    touch.tap(next(tile for tile in window.home.tiles if tile.panel.id == panel_id))
    qtbot.waitUntil(lambda: window.current_panel_id() == panel_id)
    return window.panels[panel_id]


def switch(window, lang, touch, qtbot):
    touch.tap(window.top_bar.languages[lang])
    qtbot.waitUntil(lambda: window.ctx.lang == lang)


def check_figures(screen, lang):
    tiles = [tile for block in blocks(screen, FiguresBlockWidget) for tile in block.tiles]
    assert tiles
    numbers = [shown(tile.value) for tile in tiles]
    expected = [
        format_number(t.figure.value, t.figure.decimals, lang, zh_units=t.figure.zh_units)
        for t in tiles
    ]
    assert numbers == expected
    units = [shown(tile.unit) for tile in tiles if tile.figure.unit is not None]
    assert units == [t.figure.unit.get(lang) for t in tiles if t.figure.unit is not None]


def check_links(screen, lang):
    cards = [card for block in blocks(screen, LinksBlockWidget) for card in block.cards]
    assert cards
    assert [shown(card.url) for card in cards] == [card.qr.url for card in cards]
    assert [shown(card.label) for card in cards] == [
        link.label.get(lang)
        for block in blocks(screen, LinksBlockWidget)
        for link in block.block.links
    ]


def check_stories(screen, lang):
    stories = blocks(screen, StoryBlockWidget)
    assert stories
    for story in stories:
        role, organisation = story.block.role, story.block.organisation
        assert shown(story.role) == f"{role.get(lang)} · {organisation.get(lang)}"
        assert shown(story.quote) == story.block.quote.get(lang)


def test_figures_links_and_roles_survive_switching_language_on_a_panel(sample_window, touch, qtbot):
    window = sample_window
    screen = open_by_tile(window, "business", touch, qtbot)
    for lang in ("zh", "en", "zh", "en"):
        if window.ctx.lang != lang:
            switch(window, lang, touch, qtbot)
        check_figures(screen, lang)
        check_links(screen, lang)
        check_stories(screen, lang)


def test_home_figures_survive_switching_language(sample_window, touch, qtbot):
    window = sample_window
    cards = window.home.figure_cards
    assert cards
    for lang in ("en", "zh"):
        switch(window, lang, touch, qtbot)
        figures = window.ctx.content.site.headline_figures
        assert [shown(card.value) for card in cards] == [
            format_number(f.value, f.decimals, lang, zh_units=f.zh_units) for f in figures
        ]


def test_every_figure_on_every_panel_shows_its_number_after_a_switch(sample_window, touch, qtbot):
    window = sample_window
    for panel_id in window._order():
        screen = open_by_tile(window, panel_id, touch, qtbot)
        switch(window, "en", touch, qtbot)
        if blocks(screen, FiguresBlockWidget):
            check_figures(screen, "en")
        switch(window, "zh", touch, qtbot)
        if blocks(screen, FiguresBlockWidget):
            check_figures(screen, "zh")
        touch.tap(window.top_bar.home)
        qtbot.waitUntil(lambda: window.current_panel_id() is None)
