"""A visitor with a USB keypad or keyboard: the real kiosk (kiosk/root.py) on the sample content,
driven with key presses through the window's platform path (lockdown, idle watch, widgets).

What is asserted is what such a visitor meets: a ring on one control at a time, walking the
screen in reading order (chrome, chapter rail, content top to bottom and left to right), each
control scrolled into view, Enter doing what a tap does, Esc / Backspace going back, a help
card in the visitor's language, and names a screen reader can read in both languages.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.ui import theme
from kiosk.ui.blocks.gallery import GalleryBlockWidget
from kiosk.ui.blocks.links import LinksBlockWidget
from kiosk.ui.blocks.map import MapBlockWidget
from kiosk.ui.blocks.video import VideoBlockWidget
from kiosk.ui.keypad import RING_PAD, RING_WIDTH
from kiosk.ui.panel import ChapterDot
from kiosk.ui.screen_check import check_screen
from tests.kiosk_kit import SAMPLE
from tests.services.kit import NO_IDLE
from tests.touch import tap

IDLE = (
    NO_IDLE["timeout_seconds"],
    NO_IDLE["countdown_seconds"],
    NO_IDLE["attract_after_seconds"],
)
NONE = Qt.KeyboardModifier.NoModifier
CJK = re.compile(r"[\u3400-\u9fff]")
FOCUS = QColor(theme.Palette.__dataclass_fields__["focus"].default)


@pytest.fixture
def running(kiosk):
    return kiosk(content=SAMPLE, idle=IDLE, size=(1920, 1080))


def press(qtbot, window, key, modifiers=NONE) -> None:
    """One key, as a keyboard sends it: to the window's QWindow (lockdown and the idle watch
    see it first), then to the focused control; and the turn of the event loop after it."""
    qtbot.keyClick(window.windowHandle(), key, modifiers)
    QApplication.processEvents()
    QApplication.processEvents()


def ringed(window) -> QWidget | None:
    return window.keypad.current()


def at(widget: QWidget) -> QPoint:
    return widget.mapTo(widget.window(), QPoint(0, 0))


def by_position(widgets) -> list[QWidget]:
    return sorted(widgets, key=lambda w: (at(w).y(), at(w).x()))


def chrome(window) -> list[QWidget]:
    """The top bar's (or the portrait bottom bar's) buttons the visitor sees."""
    bars = (window.top_bar, window.top_bar.bottom)
    return by_position(
        b
        for bar in bars
        for b in bar.findChildren(QAbstractButton)
        if b.isVisibleTo(window) and bar.isVisibleTo(window)
    )


def panel_controls(screen) -> list[QWidget]:
    """What a visitor can operate on a panel, in the order it reads: the rail's dots, then
    block by block, top to bottom, each block's controls."""
    dots = [dot for dot in screen.rail.dots if dot.isVisibleTo(screen.window())]
    controls: list[QWidget] = sorted(dots, key=lambda d: at(d).y())
    for block in screen.blocks:
        if isinstance(block, GalleryBlockWidget):
            controls.append(block.stage)
            controls += [b for b in (block.prev_button, block.next_button) if not b.isHidden()]
        elif isinstance(block, MapBlockWidget):
            controls += by_position(block.pins)
        elif isinstance(block, LinksBlockWidget):
            controls += by_position(block.cards)
        elif isinstance(block, VideoBlockWidget):
            row = block.controls
            controls.append(block.stage)
            buttons = [row.play_button, row.scrubber, row.sound_button, row.captions_button]
            controls += [b for b in [*buttons, row.full_button] if not b.isHidden()]
    return controls


def walk(qtbot, window, key=Qt.Key.Key_Tab, limit=80) -> list[QWidget]:
    """Press `key` until the ring comes back to where it started; the controls it was on."""
    seen = [ringed(window)]
    for _ in range(limit):
        press(qtbot, window, key)
        now = ringed(window)
        if now is seen[0]:
            return seen
        if now is not seen[-1]:
            seen.append(now)
    raise AssertionError(f"the ring never came back: {seen}")


def start_ring(qtbot, window) -> QWidget:
    """The first key shows the ring on the first control."""
    assert ringed(window) is None
    press(qtbot, window, Qt.Key.Key_Down)
    first = ringed(window)
    assert first is not None
    return first


def open_by_keypad(qtbot, window, panel_id: str) -> None:
    tile = next(t for t in window.home.tiles if t.panel.id == panel_id)
    if ringed(window) is None:
        start_ring(qtbot, window)
    for _ in range(20):
        if ringed(window) is tile:
            break
        press(qtbot, window, Qt.Key.Key_Tab)
    assert ringed(window) is tile
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_panel_id() == panel_id)
    qtbot.waitUntil(lambda: ringed(window) is not None and ringed(window).isVisible())


def in_view(widget: QWidget, screen) -> bool:
    """All of `widget` shows inside the panel's viewport, above the "more below" fade."""
    viewport = screen.scroll_area.viewport()
    box = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    seen = viewport.rect()
    if screen.more_below():
        seen.setBottom(seen.bottom() - screen.cue.height())
    return seen.contains(box)


def ring_colour(window, widget: QWidget) -> QColor:
    """The colour in the middle of the ring's outer band, left of the control."""
    image = window.grab().toImage()
    point = at(widget) + QPoint(-(RING_PAD - RING_WIDTH // 2), widget.height() // 2)
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))


def close(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 24


# ---- home ---------------------------------------------------------------------------------


def test_the_keypad_walks_home_in_reading_order_and_enter_opens_a_tile(running, qtbot):
    window = running.window
    expected = chrome(window) + by_position(window.home.tiles)
    assert expected == by_position(expected)  # (on home the bar is on top: position order)
    first = start_ring(qtbot, window)
    assert first is expected[0]  # the first key shows the ring on the first control
    assert walk(qtbot, window, Qt.Key.Key_Tab) == expected
    assert walk(qtbot, window, Qt.Key.Key_Down) == expected  # home never scrolls: the same
    assert walk(qtbot, window, Qt.Key.Key_Right) == expected
    backwards = walk(qtbot, window, Qt.Key.Key_Up)
    assert backwards == [expected[0], *reversed(expected[1:])]
    tile = window.home.tiles[2]
    while ringed(window) is not tile:
        press(qtbot, window, Qt.Key.Key_Tab)
    assert tile.hasFocus() or window.focusWidget() is tile  # Qt's focus: a screen reader's
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_panel_id() == tile.panel.id)


def test_enter_space_and_keypad_enter_do_what_a_tap_does(running, qtbot):
    window = running.window
    start_ring(qtbot, window)
    english = window.top_bar.languages["en"]
    while ringed(window) is not english:
        press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.ctx.lang == "en"
    assert ringed(window) is english  # the ring stays on the control it pressed
    press(qtbot, window, Qt.Key.Key_Left)
    press(qtbot, window, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert window.ctx.lang == "zh"
    large = window.top_bar.sizes[1]
    while ringed(window) is not large:
        press(qtbot, window, Qt.Key.Key_Right)
    press(qtbot, window, Qt.Key.Key_5, Qt.KeyboardModifier.KeypadModifier)  # keypad 5
    assert window.ctx.text_scale == theme.TEXT_SCALES[1]


# ---- panels ---------------------------------------------------------------------------------


@pytest.mark.parametrize("panel_id", ["industry", "business", "livability", "talent"])
def test_each_panel_reads_in_order_scrolls_each_control_into_view_and_activates_it(
    running, qtbot, panel_id
):
    window = running.window
    open_by_keypad(qtbot, window, panel_id)
    screen = window.panel_screen(panel_id)
    content = panel_controls(screen)
    assert content, "every sample panel has something to operate"
    assert ringed(window) is content[0]  # a new screen: the ring on its first content control
    assert screen.scroll_offset() == 0
    order = [ringed(window)]
    for _ in range(len(content) + len(chrome(window))):
        press(qtbot, window, Qt.Key.Key_Tab)
        now = ringed(window)
        if now in content and not isinstance(now, ChapterDot):  # (the rail stays put)
            assert in_view(now, screen), (now, screen.scroll_offset())
        assert window.keypad.ring() is not None and window.keypad.ring().isVisible()
        order.append(now)
    # the content, then round through the chrome, and back to the first control
    assert order == [*content, *chrome(window), content[0]]

    for control in content:  # Enter on each control does what a tap does
        while ringed(window) is not control:
            press(qtbot, window, Qt.Key.Key_Tab)
        activate_and_check(qtbot, window, screen, control)


def activate_and_check(qtbot, window, screen, control) -> None:
    block = next((b for b in screen.blocks if b.isAncestorOf(control)), None)
    index = block.current_index() if isinstance(block, GalleryBlockWidget) else None
    press(qtbot, window, Qt.Key.Key_Return)
    if isinstance(control, ChapterDot):
        qtbot.waitUntil(lambda: screen.current_chapter() == control.index)
        top = screen.chapter_top(control.index) - screen.scroll_offset()
        assert 0 <= top <= screen.scroll_area.viewport().height() // 3 or not screen.more_below()
        assert ringed(window) is control
    elif isinstance(block, GalleryBlockWidget) and control is block.stage:
        qtbot.waitUntil(lambda: block.viewer is not None and block.viewer.isVisible())
        viewer = block.viewer
        qtbot.waitUntil(lambda: ringed(window) is viewer.close_button)
        arrows = [b for b in (viewer.prev_button, viewer.next_button) if not b.isHidden()]
        # over the viewer: its controls, then the chrome (still one tap away above it)
        assert walk(qtbot, window) == [
            viewer.close_button,
            *by_position(arrows),
            *chrome(window),
        ]
        press(qtbot, window, Qt.Key.Key_Return)  # Close
        qtbot.waitUntil(lambda: block.viewer is None)
        qtbot.waitUntil(lambda: ringed(window) is block.stage)  # back where it opened
    elif isinstance(block, GalleryBlockWidget):
        step = 1 if control is block.next_button else -1
        assert block.current_index() == (index + step) % block.count()
        assert ringed(window) is control
    elif isinstance(block, MapBlockWidget):
        assert block.open_index() == block.pins.index(control) and block.card.isVisible()
        qtbot.waitUntil(lambda: ringed(window) is block.card.close_button)
        press(qtbot, window, Qt.Key.Key_Escape)  # back closes the card first
        assert block.open_index() is None and window.current_panel_id() == screen.panel.id
        qtbot.waitUntil(lambda: ringed(window) is control)
    elif isinstance(block, VideoBlockWidget):
        row = block.controls
        if control in (block.stage, row.play_button):  # Enter plays, as a tap does
            qtbot.waitUntil(lambda: block.player is not None and block.player.playing)
            block.pause()
        elif control is row.scrubber:  # ten seconds on
            qtbot.waitUntil(lambda: block.player is not None and block.player.position() > 0)
        elif control is row.sound_button:
            assert not block.sound
            block.toggle_sound()
        elif control is row.captions_button:
            assert not block.captions_on
            block.toggle_captions()
        else:
            assert control is row.full_button
            qtbot.waitUntil(lambda: block.viewer is not None and block.viewer.isVisible())
            block.close_full_screen()
    else:  # a QR code: it shows; nothing opens on the kiosk
        assert isinstance(block, LinksBlockWidget)
        assert window.current_panel_id() == screen.panel.id and ringed(window) is control


def test_down_reads_a_whole_panel_a_step_at_a_time_and_up_reads_back(running, qtbot):
    """A visitor reading with the arrows sees every part of the page: Down scrolls a step where
    text lies unseen before the next control, and the ring still reaches every control."""
    window = running.window
    open_by_keypad(qtbot, window, "industry")
    screen = window.panel_screen("industry")
    bar = screen.scroll_area.verticalScrollBar()
    seen_height = screen.scroll_area.viewport().height() - screen.cue.height()
    views, met = [bar.value()], [ringed(window)]
    for _ in range(200):
        press(qtbot, window, Qt.Key.Key_Down)
        if ringed(window) is not met[-1]:
            met.append(ringed(window))
        views.append(bar.value())
        if ringed(window) is chrome(window)[0]:
            break
    assert met == [*panel_controls(screen), chrome(window)[0]]
    assert bar.maximum() > 0 and max(views) == bar.maximum()  # read to the end
    shown = sorted(set(views))
    gaps = [b - a for a, b in zip(shown, shown[1:], strict=False)]
    assert max(gaps) < seen_height  # no stretch of the page was skipped
    for _ in range(200):  # Up from the chrome: back through the page to its top
        press(qtbot, window, Qt.Key.Key_Up)
        if ringed(window) is panel_controls(screen)[0]:
            break
    assert ringed(window) is panel_controls(screen)[0]


# ---- back, help, touch ------------------------------------------------------------------------


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Backspace])
def test_escape_and_backspace_go_back_to_the_tile_that_opened_the_panel(running, qtbot, key):
    window = running.window
    open_by_keypad(qtbot, window, "livability")
    tile = next(t for t in window.home.tiles if t.panel.id == "livability")
    press(qtbot, window, key)
    qtbot.waitUntil(lambda: window.current_panel_id() is None)
    qtbot.waitUntil(lambda: ringed(window) is tile)
    press(qtbot, window, key)  # on home there is nothing to go back to: nothing happens
    assert window.current_panel_id() is None and window.isVisible()
    assert ringed(window) is tile and running.exits == []


def help_lines(window) -> list[str]:
    from tests.ui.conftest import shown

    card = window.keypad.help
    return [shown(label) for label in card.title.labels]


def test_help_shows_the_keys_in_the_visitors_language_first_and_closes(running, qtbot):
    window = running.window
    card = window.keypad.help
    press(qtbot, window, Qt.Key.Key_F1)
    assert card.isVisible()
    assert help_lines(window) == ["用键盘或按键浏览", "Using the keypad"]
    assert ringed(window) is card.close_button
    assert walk(qtbot, window) == [card.close_button]  # only the card's own control
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not card.isVisible()
    first = chrome(window)[0]
    assert ringed(window) is first  # where the visitor was
    press(qtbot, window, Qt.Key.Key_Return)  # the ring is on 中文: stays Chinese
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Return)  # EN
    assert window.ctx.lang == "en"
    press(qtbot, window, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert card.isVisible()
    assert help_lines(window) == ["Using the keypad", "用键盘或按键浏览"]
    assert card.close_button.text() == "Close"
    press(qtbot, window, Qt.Key.Key_Return)  # Enter on Close
    assert not card.isVisible()
    press(qtbot, window, Qt.Key.Key_0, Qt.KeyboardModifier.KeypadModifier)  # keypad 0
    assert card.isVisible()
    press(qtbot, window, Qt.Key.Key_F1)  # the Help key again closes it
    assert not card.isVisible()
    press(qtbot, window, Qt.Key.Key_Help)
    assert card.isVisible()
    tap(card)  # and so does a touch
    assert not card.isVisible()


def test_the_ring_is_drawn_around_the_control_and_a_touch_hides_it(running, qtbot):
    window = running.window
    used = []
    window.keypad_used.connect(used.append)
    tile = window.home.tiles[0]
    before = ring_colour(window, tile)
    assert not close(before, FOCUS)  # no ring for a touch visitor
    start_ring(qtbot, window)
    assert used == [True]
    while ringed(window) is not tile:
        press(qtbot, window, Qt.Key.Key_Tab)
    assert tile.property("keyfocus") is True
    assert close(ring_colour(window, tile), FOCUS)
    language = window.top_bar.languages["en"]
    for _ in range(4):  # back over the audio guide, A+ and A
        press(qtbot, window, Qt.Key.Key_Up)
    assert ringed(window) is language
    assert close(ring_colour(window, language), FOCUS)
    assert not close(ring_colour(window, tile), FOCUS)  # one ring, on one control
    tap(window.home, QPoint(10, 600))  # a touch on the page (on nothing to press)
    assert ringed(window) is None and window.keypad.ring() is None
    assert not close(ring_colour(window, language), FOCUS)
    assert window.focusWidget() is None or not window.focusWidget().hasFocus()
    assert used == [True, False]
    press(qtbot, window, Qt.Key.Key_Tab)  # the next key brings it back, on the first control
    assert ringed(window) is chrome(window)[0] and used == [True, False, True]


def test_the_ring_is_drawn_in_high_contrast_too(kiosk, qtbot, tmp_path):
    running = kiosk(content=SAMPLE, idle=IDLE, size=(1920, 1080))
    window = running.window
    site = running.content_dir / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert "high_contrast: false" in text
    site.write_text(text.replace("high_contrast: false", "high_contrast: true"), "utf-8")
    qtbot.waitUntil(lambda: window.ctx.palette.high_contrast, timeout=5000)
    start_ring(qtbot, window)
    first = ringed(window)
    assert close(ring_colour(window, first), FOCUS)


def test_every_control_the_keypad_reaches_has_a_name_in_both_languages(running, qtbot):
    window = running.window
    qtbot.waitUntil(lambda: len(window.panels) == len(window.home.tiles))  # all built

    operators = [window.findChild(QWidget, "PinPad")]  # its keys: digits, in both at once

    def controls() -> list[QWidget]:
        return [
            w
            for w in window.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not any(layer.isAncestorOf(w) for layer in operators)
        ]

    pin_keys = [w for w in operators[0].findChildren(QAbstractButton)]
    assert len(pin_keys) == 14 and all(key.accessibleName() for key in pin_keys)

    zh = {id(w): w.accessibleName() for w in controls()}
    assert len(zh) > 40
    missing = [type(w).__name__ for w in controls() if not w.accessibleName().strip()]
    assert missing == []
    assert all(CJK.search(name) for name in zh.values()), [
        name for name in zh.values() if not CJK.search(name)
    ]
    window.ctx.set_language("en")
    en = {id(w): w.accessibleName() for w in controls()}
    assert all(name.strip() for name in en.values())
    same = [name for key, name in en.items() if zh[key] == name]
    assert same == []  # each one follows the language shown
    assert window.top_bar.languages["zh"].accessibleName() == "Language: Chinese"  # (voice: en)
    assert window.top_bar.sizes[1].accessibleName() == "Large text size"
    dot = window.panel_screen("industry").rail.dots[0]
    assert dot.accessibleName().startswith("Chapter 1 of ")


def test_in_kiosk_mode_no_key_closes_the_kiosk_and_esc_is_back(running, qtbot):
    window = running.window
    assert running.controller.config.kiosk_mode
    open_by_keypad(qtbot, window, "talent")
    for key, modifiers in (
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Backspace, Qt.KeyboardModifier.AltModifier),
    ):
        press(qtbot, window, key, modifiers)
        assert window.isVisible() and running.exits == []
        assert window.current_panel_id() == "talent"  # and nothing else happened
    assert window.windowHandle().close() is False
    press(qtbot, window, Qt.Key.Key_Escape)  # Esc: Back, and only that
    qtbot.waitUntil(lambda: window.current_panel_id() is None)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.isVisible() and running.exits == []


def test_the_ring_makes_no_finding_of_the_screen_checker(running, qtbot):
    window = running.window
    clean = [p.format() for p in check_screen(window, "home")]
    start_ring(qtbot, window)
    while ringed(window) is not window.home.tiles[0]:
        press(qtbot, window, Qt.Key.Key_Tab)
    assert [p.format() for p in check_screen(window, "home")] == clean
    press(qtbot, window, Qt.Key.Key_F1)
    assert [p.format() for p in check_screen(window, "help")] == []


def test_the_help_card_in_portrait_keeps_its_close_button_within_reach(kiosk, qtbot):
    running = kiosk(content=SAMPLE, idle=IDLE, size=(1080, 1920))
    window = running.window
    press(qtbot, window, Qt.Key.Key_F1)
    assert window.keypad.help.isVisible()
    assert [p.format() for p in check_screen(window, "help")] == []
    assert at(window.keypad.help.close_button).y() > window.height() // 2


def test_the_pin_pad_is_worked_by_keys_too(running, qtbot):
    """The operator's PIN pad (opened by the corner gesture): its keys are controls like any."""
    window, pad = running.window, running.overlays.pin_pad
    pad.open()
    press(qtbot, window, Qt.Key.Key_Down)  # the first key: the ring on the pad's first key
    assert ringed(window) is pad.buttons["1"]
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Right)
    press(qtbot, window, Qt.Key.Key_Space)
    assert pad.entered == "12"
    press(qtbot, window, Qt.Key.Key_7)  # the keyboard's digits type
    assert pad.entered == "127"
    press(qtbot, window, Qt.Key.Key_Backspace)  # and Backspace deletes one
    assert pad.entered == "12"
    assert all(ringed(window) is not w for w in window.home.tiles)
    assert set(walk(qtbot, window)) == set(pad.buttons.values())  # the pad's keys only
    press(qtbot, window, Qt.Key.Key_Escape)  # Esc: Cancel
    assert not pad.isVisible() and window.isVisible() and running.exits == []


def test_a_keypad_visitor_gets_the_sites_longer_idle_times_until_a_touch(running, qtbot):
    controller, window = running.controller, running.window
    factor = running.controller.content.site.accessibility.idle_factor
    assert factor > 1
    start_ring(qtbot, window)
    assert controller.idle.assisted
    timeout = controller.content.site.idle.timeout_seconds
    assert controller.idle.seconds(timeout) == timeout * factor
    assert controller.idle._timer.remainingTime() > timeout * 1000  # armed at the new length
    tap(window.home.tiles[0])  # a touch: the keypad visitor has gone, or never was
    assert not controller.idle.assisted
    assert controller.idle.seconds(timeout) == timeout
