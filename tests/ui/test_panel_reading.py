"""A panel reads as an exhibit: chapters on a rail, a cue while more follows, large type in a
reading column, pictures beside their words in landscape. Driven as a visitor drives it: the
real kiosk (kiosk/root.py), home tiles, rail dots and swipes by touch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QScroller

from kiosk.ui import theme
from kiosk.ui.blocks.image import ImageBlockWidget
from kiosk.ui.blocks.text import TextBlockWidget
from kiosk.ui.panel import PanelScreen
from kiosk.ui.screenhost import DURATION_MS
from tests.kiosk_kit import SAMPLE
from tests.services.kit import NO_IDLE, panel

LANDSCAPE, PORTRAIT = (1920, 1080), (1080, 1920)
SIZES = pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])


def open_panel(window, touch, qtbot, panel_id: str) -> PanelScreen:
    touch.tap(next(tile for tile in window.home.tiles if tile.panel.id == panel_id))
    qtbot.waitUntil(lambda: window.current_panel_id() == panel_id)
    screen = window.panels[panel_id]
    qtbot.waitUntil(lambda: screen.page.width() > 0 and screen.scroll_area.viewport().height() > 0)
    return screen


def settled(screen: PanelScreen) -> bool:
    scroller = QScroller.scroller(screen.scroll_area.viewport())
    return scroller.state() == QScroller.State.Inactive


def in_page(widget, screen: PanelScreen) -> QRect:
    return QRect(widget.mapTo(screen.page, QPoint(0, 0)), widget.size())


def top_in_view(screen: PanelScreen, index: int) -> int:
    """Where chapter `index`'s top is on the screen (viewport coordinates)."""
    return screen.chapter_top(index) - screen.scroll_offset()


def swipe_up(touch, screen: PanelScreen, qtbot) -> None:
    viewport = screen.scroll_area.viewport()
    x, height = viewport.width() // 3, viewport.height()
    touch.swipe(viewport, QPoint(x, height * 3 // 4), QPoint(x, height // 4))
    qtbot.waitUntil(lambda: settled(screen), timeout=5000)


@SIZES
def test_tapping_the_rails_third_chapter_brings_its_top_into_view_and_marks_it(
    kiosk, touch, qtbot, size
):
    window = kiosk(content=SAMPLE, size=size).window
    screen = open_panel(window, touch, qtbot, "talent")
    assert len(screen.chapters()) >= 4 and screen.current_chapter() == 0
    assert screen.rail.isVisible() and screen.rail.dots[0].current

    touch.tap(screen.rail.dots[2])
    qtbot.waitUntil(lambda: screen.current_chapter() == 2)
    qtbot.waitUntil(lambda: settled(screen))
    top = top_in_view(screen, 2)
    assert 0 <= top <= 100, top  # its top (title or picture) just under the top of the screen
    assert screen.rail.dots[2].current and not screen.rail.dots[0].current
    assert screen.chapters()[2].isVisible()


def test_with_animation_the_jump_is_smooth_and_ends_on_the_chapter(kiosk, touch, qtbot):
    window = kiosk(content=SAMPLE, size=LANDSCAPE, animate=True).window
    screen = open_panel(window, touch, qtbot, "industry")
    qtbot.wait(DURATION_MS + 100)  # the slide from the home screen is over
    offsets: list[int] = []
    screen.scroll_area.verticalScrollBar().valueChanged.connect(offsets.append)
    touch.tap(screen.rail.dots[3])
    qtbot.waitUntil(lambda: len(offsets) > 2 and settled(screen), timeout=5000)
    assert len(set(offsets)) > 2  # it moved through positions on the way, not in one step
    assert 0 <= top_in_view(screen, 3) <= 100
    assert screen.current_chapter() == 3


@SIZES
def test_scrolling_by_finger_follows_the_chapters_and_the_cue_goes_at_the_end(
    kiosk, touch, qtbot, size
):
    window = kiosk(content=SAMPLE, size=size).window
    screen = open_panel(window, touch, qtbot, "industry")
    bar = screen.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    assert screen.more_below() and screen.cue.isVisible()
    seen = [screen.current_chapter()]
    for _ in range(40):
        if bar.value() >= bar.maximum():
            break
        swipe_up(touch, screen, qtbot)
        seen.append(screen.current_chapter())
    assert bar.value() == bar.maximum()
    assert not screen.more_below() and not screen.cue.isVisible()
    assert screen.current_chapter() == len(screen.chapters()) - 1
    assert seen == sorted(seen) and len(set(seen)) > 2  # it went through chapters in order
    touch.tap(window.top_bar.back)  # and on the way back in, the cue is there again
    screen = open_panel(window, touch, qtbot, "industry")
    screen.scroll_to_top()
    assert screen.more_below() and screen.current_chapter() == 0


@SIZES
def test_a_swipe_that_starts_on_the_rail_scrolls_the_panel(kiosk, touch, qtbot, size):
    window = kiosk(content=SAMPLE, size=size).window
    screen = open_panel(window, touch, qtbot, "industry")
    dot = screen.rail.dots[1]
    clicks: list[bool] = []
    dot.clicked.connect(clicks.append)
    start = dot.rect().center()
    touch.swipe(dot, start, start - QPoint(0, 500))
    qtbot.waitUntil(lambda: screen.scroll_offset() > 300)
    qtbot.waitUntil(lambda: settled(screen), timeout=5000)
    assert clicks == []
    assert window.current_panel_id() == "industry"


@SIZES
def test_rail_dots_are_touch_targets_clear_of_the_page(kiosk, touch, qtbot, size):
    window = kiosk(content=SAMPLE, size=size).window
    screen = open_panel(window, touch, qtbot, "industry")
    viewport = screen.scroll_area.viewport()
    dots = screen.rail.shown()
    assert len(dots) == len(screen.chapters())  # eight chapters fit on either screen
    rects = [QRect(dot.mapTo(viewport, QPoint(0, 0)), dot.size()) for dot in dots]
    assert all(r.width() >= 64 and r.height() >= 64 for r in rects)
    assert all(b.top() - a.bottom() - 1 >= 12 for a, b in zip(rects, rects[1:], strict=False))
    assert all(viewport.rect().contains(r) for r in rects)
    column_right = screen.column.mapTo(viewport, QPoint(screen.column.width(), 0)).x()
    assert min(r.left() for r in rects) - column_right >= 12
    hero_text = screen.hero.subtitle
    assert hero_text.mapTo(viewport, QPoint(hero_text.width(), 0)).x() <= rects[0].left() - 12


@SIZES
def test_body_text_is_large_and_larger_still_at_a_plus(kiosk, touch, qtbot, size):
    window = kiosk(content=SAMPLE, size=size).window
    screen = open_panel(window, touch, qtbot, "talent")
    text = next(block for block in screen.chapters() if isinstance(block, TextBlockWidget))
    least = 28 if size == LANDSCAPE else 30
    assert text.body.font().pixelSize() >= least
    touch.tap(window.top_bar.sizes[-1])  # A+
    qtbot.waitUntil(lambda: text.body.font().pixelSize() >= round(least * 1.3))
    captions = [
        label
        for label in screen.page.findChildren(QLabel)
        if label.property("role") in ("caption", "source") and label.isVisibleTo(screen)
    ]
    assert captions and all(label.font().pixelSize() >= 22 for label in captions)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_reads_in_a_column_on_the_panels_left_margin(kiosk, touch, qtbot, lang):
    window = kiosk(content=SAMPLE, size=LANDSCAPE).window
    touch.tap(window.top_bar.languages[lang])
    for panel_id in ("talent", "industry"):
        screen = open_panel(window, touch, qtbot, panel_id)
        texts = [block for block in screen.chapters() if isinstance(block, TextBlockWidget)]
        assert texts
        assert all(block.width() <= 1100 for block in texts), [b.width() for b in texts]
        lefts = {in_page(block, screen).left() for block in screen.chapters()}
        assert len(lefts) == 1  # every chapter starts on the same left edge
        touch.tap(window.top_bar.home)


@SIZES
def test_a_picture_stands_beside_its_caption_in_landscape_and_above_it_in_portrait(
    kiosk, touch, qtbot, size
):
    window = kiosk(content=SAMPLE, size=size).window
    screen = open_panel(window, touch, qtbot, "talent")
    image = next(block for block in screen.chapters() if isinstance(block, ImageBlockWidget))
    picture, caption = in_page(image.view, screen), in_page(image.caption, screen)
    assert caption.height() > 0 and caption.width() > 200
    if size == LANDSCAPE:
        assert caption.left() >= picture.right()  # side by side
        assert caption.top() < picture.bottom() and picture.top() < caption.bottom()
        assert picture.width() >= image.width() // 2
    else:
        assert caption.top() >= picture.bottom()  # stacked
        assert picture.width() == image.width()


def test_a_language_switch_on_an_open_panel_keeps_the_chapter_and_every_text(kiosk, touch, qtbot):
    window = kiosk(content=SAMPLE, size=LANDSCAPE).window
    screen = open_panel(window, touch, qtbot, "talent")
    touch.tap(screen.rail.dots[3])
    qtbot.waitUntil(lambda: screen.current_chapter() == 3)
    offset = screen.scroll_offset()
    for lang in ("en", "zh"):
        touch.tap(window.top_bar.languages[lang])
        qtbot.waitUntil(lambda lang=lang: window.ctx.lang == lang)
        assert screen.current_chapter() == 3 and screen.rail.dots[3].current
        assert screen.scroll_offset() == offset
        labels = [
            label
            for label in screen.page.findChildren(QLabel)
            if label.isVisibleTo(screen) and label.property("role")
        ]
        assert labels and all(label.text() for label in labels)
    image = next(block for block in screen.chapters() if isinstance(block, ImageBlockWidget))
    assert in_page(image.caption, screen).left() >= in_page(image.view, screen).right()


def test_many_chapters_show_the_run_around_the_current_one(kiosk, touch, qtbot):
    blocks = [
        {"type": "text", "title": {"zh": f"第{i}章", "en": f"Chapter {i}"}, "body": "正文 " * 40}
        for i in range(1, 21)
    ]
    window = kiosk(
        panels=[panel("alpha", "x", blocks=blocks)], site={"idle": NO_IDLE}, size=LANDSCAPE
    ).window
    screen = open_panel(window, touch, qtbot, "alpha")
    shown = screen.rail.shown()
    assert 2 <= len(shown) < 20 and shown[0].index == 0
    assert screen.rail.height() <= screen.scroll_area.viewport().height()
    touch.tap(shown[-1])
    last = shown[-1].index
    qtbot.waitUntil(lambda: screen.current_chapter() == last)
    assert screen.rail.dots[last] in screen.rail.shown()
    screen.go_to_chapter(19)
    assert screen.current_chapter() == 19 and screen.rail.shown()[-1].index == 19
    assert not screen.more_below()


def test_one_chapter_needs_no_rail(kiosk, touch, qtbot):
    window = kiosk(site={"idle": NO_IDLE}, size=LANDSCAPE).window
    screen = open_panel(window, touch, qtbot, "alpha")
    assert len(screen.chapters()) == 1
    assert not screen.rail.isVisible()
    assert screen.current_chapter() == 0


def test_after_a_plus_every_screen_and_layer_a_visitor_opens_is_in_the_larger_size(
    kiosk, touch, qtbot
):
    """A text-size tap restyles the screen shown at once and the hidden ones later: a panel
    shown in the same turn as the tap, the home screen, a gallery's viewer and the keypad's
    help card are all in the new size."""
    from kiosk.ui.blocks.gallery import GalleryBlockWidget

    window = kiosk(content=SAMPLE, size=LANDSCAPE).window
    qtbot.waitUntil(lambda: len(window.panels) == len(window.ctx.content.panels))
    screen = open_panel(window, touch, qtbot, "talent")
    body = next(b for b in screen.chapters() if isinstance(b, TextBlockWidget)).body
    small = body.font().pixelSize()
    home_title = window.home.tiles[0].findChildren(QLabel)[0]
    small_title = home_title.font().pixelSize()
    # A+, and in the same turn of the event loop (a tap on a tile queued behind it) another
    # panel, before the hidden screens caught up: clicked, since a touch runs the loop
    window.top_bar.sizes[-1].click()
    large = round(small * 1.3)
    assert body.font().pixelSize() == large  # the screen shown: at once
    window.show_panel("industry")
    other = window.panels["industry"]
    bodies = [b.body for b in other.chapters() if isinstance(b, TextBlockWidget)]
    assert bodies and {label.font().pixelSize() for label in bodies} == {large}
    gallery = next(b for b in other.chapters() if isinstance(b, GalleryBlockWidget))
    gallery.open_fullscreen(0)
    viewer = gallery.viewer
    qtbot.waitUntil(viewer.isVisible)
    caption = viewer.caption
    assert caption.font().pixelSize() == round(theme.font_px("caption", 1.0) * 1.3)
    assert caption.height() >= caption.heightForWidth(caption.width())  # not cut off
    gallery.close_fullscreen()
    touch.tap(window.top_bar.home)
    qtbot.waitUntil(lambda: window.current_panel_id() is None)
    assert home_title.font().pixelSize() > small_title
    window.keypad.help.open()
    help_label = next(
        label for label in window.keypad.help.findChildren(QLabel) if label.text().strip()
    )
    assert help_label.font().pixelSize() > theme.font_px(str(help_label.property("role")), 1.0)
    # and the panels not shown since caught up by themselves (the next tap pays no restyle)
    hidden = [s for pid, s in window.panels.items() if pid not in ("talent", "industry")]
    assert hidden
    qtbot.waitUntil(
        lambda: all(
            b.body.font().pixelSize() == large
            for s in hidden
            for b in s.chapters()
            if isinstance(b, TextBlockWidget)
        )
    )
    # and so did the layers not open (their words, before they ever show)
    from kiosk.ui.overlays.base import Overlay

    def grows(label) -> bool:
        role = label.property("role")
        return bool(role) and theme.font_px(role, 1.3) > theme.font_px(role, 1.0)

    layers = [o for o in window.findChildren(Overlay) if not o.isVisible()]
    words = [label for o in layers for label in o.findChildren(QLabel) if grows(label)]
    assert words
    qtbot.waitUntil(
        lambda: all(w.font().pixelSize() == theme.font_px(w.property("role"), 1.3) for w in words)
    )
