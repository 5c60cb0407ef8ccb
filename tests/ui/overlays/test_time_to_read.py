"""Time to read (WCAG 2.2 SC 2.2.1, 2.2.2), as a visitor meets it on the whole kiosk: "Still
there?" with 20 s and two choices, more time as often as asked, an idle factor in assisted
modes, a pause control on the attract loop, and reduced motion that turns moves into cuts."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QAbstractAnimation, QPoint
from PySide6.QtGui import QImage

from kiosk.content.typeset import plain_text
from kiosk.services.idle import IdleState
from kiosk.ui.blocks.figures import FiguresBlockWidget
from kiosk.ui.screen_check import TARGET_PX, check_screen
from kiosk.ui.screenshots import settle
from tests.services.kit import FAST_IDLE, NO_IDLE, panel
from tests.touch import tap

FIGURES = [
    {
        "type": "figures",
        "items": [
            {
                "value": 1043,
                "unit": {"zh": "家", "en": "firms"},
                "label": {"zh": "企业", "en": "Firms"},
                "source": {"zh": "统计局", "en": "Bureau"},
            }
        ],
    }
]
SHORT = {"timeout_seconds": 0.3, "countdown_seconds": 20, "attract_after_seconds": 600}


def words(button) -> list[str]:
    return plain_text(button.text()).split("\n")


def open_alpha(window) -> None:
    tile = window.home.tiles[0]
    tap(window, tile.mapTo(window, tile.rect().center()))
    assert window.current_panel_id() == "alpha"


def in_english(window) -> None:
    tap(window.top_bar.languages["en"])
    assert window.ctx.lang == "en"


# ---- "Still there?" ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_still_there_gives_20_seconds_and_two_large_choices_in_every_language(
    qtbot, kiosk, size, lang
):
    running = kiosk(site={"idle": SHORT}, size=size)
    window, countdown = running.window, running.overlays.countdown
    open_alpha(window)
    if lang == "en":
        in_english(window)
    qtbot.waitUntil(countdown.isVisible, timeout=3000)
    settle(window)
    assert countdown.number.text() == "20"
    first, second = ("我还在看", "More time"), ("重新开始", "Start over")
    if lang == "en":
        first, second = first[::-1], second[::-1]
    assert words(countdown.more) == list(first)  # the visitor's language first
    assert words(countdown.over) == list(second)
    for choice in (countdown.more, countdown.over):
        assert choice.isVisible()
        assert min(choice.width(), choice.height()) >= 2 * TARGET_PX
    assert check_screen(window, f"countdown {lang}") == []


def test_less_than_20_seconds_for_the_countdown_is_refused_with_the_reason(kiosk):
    running = kiosk(site={"idle": {**SHORT, "countdown_seconds": 15}})
    problems = [p.format() for p in running.kiosk.initial.folder.problems]
    assert any(
        "countdown_seconds" in p and "at least 20 seconds" in p and "found 15" in p
        for p in problems
    ), problems
    assert running.overlays.unavailable.isVisible()  # no content with a 15 s countdown runs


def test_more_time_ten_times_keeps_the_screen_and_start_over_resets_at_once(qtbot, kiosk):
    running = kiosk(site={"idle": SHORT})
    window, controller = running.window, running.controller
    countdown = running.overlays.countdown
    open_alpha(window)
    in_english(window)
    for _ in range(10):
        qtbot.waitUntil(countdown.isVisible, timeout=3000)  # the timeout, again
        tap(countdown.more)
        assert not countdown.isVisible()
        assert window.current_panel_id() == "alpha" and window.ctx.lang == "en"
        assert controller.idle.state is IdleState.ACTIVE
    qtbot.waitUntil(countdown.isVisible, timeout=3000)  # the eleventh time it asks
    tap(countdown.over)
    assert not countdown.isVisible()  # at once: no waiting out the 20 s
    assert window.current_panel_id() is None  # home
    assert window.ctx.lang == "zh"  # the default language
    assert controller.idle.state is IdleState.IDLE  # a session reset, as a timeout makes
    assert not running.overlays.attract.isVisible()  # (that comes attract_after_seconds later)


def test_a_tap_beside_the_choices_is_more_time_as_before(qtbot, kiosk):
    running = kiosk(site={"idle": SHORT})
    window, countdown = running.window, running.overlays.countdown
    open_alpha(window)
    qtbot.waitUntil(countdown.isVisible, timeout=3000)
    tap(window, QPoint(20, window.height() // 2))  # the blank left edge of the layer
    assert not countdown.isVisible()
    assert window.current_panel_id() == "alpha"
    assert running.controller.idle.state is IdleState.ACTIVE


# ---- the idle factor ----------------------------------------------------------------------------


def test_in_an_assisted_mode_every_idle_time_is_multiplied_until_the_session_ends(qtbot, kiosk):
    site = {"idle": SHORT, "accessibility": {"idle_factor": 3, "reduced_motion": False}}
    running = kiosk(site=site)
    window, controller = running.window, running.controller
    countdown = running.overlays.countdown
    open_alpha(window)
    qtbot.waitUntil(countdown.isVisible, timeout=3000)
    assert countdown.number.text() == "20"
    tap(countdown.more)

    controller.set_assisted(True)  # what the keypad and audio modes call
    start = time.monotonic()
    qtbot.waitUntil(countdown.isVisible, timeout=5000)
    assert time.monotonic() - start >= 3 * 0.3 * 0.95  # three times the timeout
    assert countdown.number.text() == "60"  # and three times the countdown
    assert window.current_panel_id() == "alpha"

    tap(countdown.over)  # the session ends: assisted mode with it
    assert not controller.idle.assisted
    open_alpha(window)
    qtbot.waitUntil(countdown.isVisible, timeout=3000)
    assert countdown.number.text() == "20"


# ---- pause (SC 2.2.2) ---------------------------------------------------------------------------


def test_the_attract_loop_pauses_and_plays_without_ending_and_a_tap_elsewhere_ends_it(qtbot, kiosk):
    running = kiosk(site={"idle": FAST_IDLE}, animate=True)  # the loop comes 0.3 s after start
    window, attract, controller = running.window, running.overlays.attract, running.controller
    qtbot.waitUntil(lambda: attract.isVisible() and attract.moving(), timeout=3000)
    pause = attract.pause_button
    assert min(pause.width(), pause.height()) >= TARGET_PX
    assert attract.cue.pulse.state() == QAbstractAnimation.State.Running
    assert pause.accessibleName() == "暂停 / Pause"

    tap(pause)
    assert attract.isVisible()  # still the attract loop: no visit started
    assert controller.idle.state is IdleState.ATTRACT
    assert not attract.moving()
    assert attract.cue.pulse.state() != QAbstractAnimation.State.Running
    assert pause.accessibleName() == "播放 / Play"
    held = attract.grab().toImage()
    qtbot.wait(300)
    assert attract.grab().toImage() == held  # the picture holds still

    tap(pause)
    assert attract.isVisible() and attract.moving()
    qtbot.waitUntil(lambda: attract.grab().toImage() != held, timeout=2000)

    tile = window.home.tiles[0]
    tap(window, tile.mapTo(window, tile.rect().center()))  # anywhere else: a visit begins
    assert not attract.isVisible()
    assert window.current_panel_id() is None  # and the tap pressed nothing under it
    assert controller.idle.state is IdleState.ACTIVE


# ---- reduced motion -----------------------------------------------------------------------------


@pytest.mark.parametrize("reduced", [True, False])
def test_with_reduced_motion_a_panel_and_its_figures_appear_at_once(kiosk, reduced):
    site = {"idle": NO_IDLE, "accessibility": {"reduced_motion": reduced}}
    running = kiosk(site=site, panels=[panel("alpha", "", blocks=FIGURES)], animate=True)
    window = running.window
    open_alpha(window)
    screen = window.panel_screen("alpha")
    tile = screen.findChild(FiguresBlockWidget).tiles[0]
    counting = tile.animation.state() == QAbstractAnimation.State.Running
    if reduced:  # a cut: in place, the final number
        assert not window.host.sliding() and screen.pos() == QPoint(0, 0)
        assert not counting
        assert plain_text(tile.value.text()) == "1,043"
    else:  # (what the kiosk does without it: a slide and a count-up)
        assert window.host.sliding() and screen.pos() != QPoint(0, 0)
        assert counting


@pytest.mark.parametrize("reduced", [True, False])
def test_with_reduced_motion_the_attract_loop_neither_pans_nor_pulses(qtbot, kiosk, reduced):
    site = {"idle": FAST_IDLE, "accessibility": {"reduced_motion": reduced}}
    running = kiosk(site=site, animate=True)
    attract = running.overlays.attract
    qtbot.waitUntil(lambda: attract.isVisible() and attract.slide == 0, timeout=3000)
    qtbot.wait(100)  # the first picture in (it fades in over 0.3 s without reduced motion)
    first = attract.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    qtbot.wait(300)
    later = attract.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pulsing = attract.cue.pulse.state() == QAbstractAnimation.State.Running
    if reduced:
        assert later == first and not pulsing
    else:
        assert later != first and pulsing
