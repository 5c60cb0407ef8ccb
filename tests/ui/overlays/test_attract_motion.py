"""The attract loop as it moves, most of a lobby kiosk's day: the picture pans and zooms over the
whole window at its size, the slides follow each other, and a frame is painted no more often
than the loop's frame rate, with nothing under the layer painted again for it."""

from __future__ import annotations

import statistics

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect
from PySide6.QtGui import QImage

from kiosk.content.typeset import plain_text
from kiosk.ui.overlays.attract import FADE, FPS
from kiosk.ui.screenshots import settle
from tests.kiosk_kit import start_kiosk
from tests.services.kit import write_image
from tests.ui.overlays.test_attract_look import BUSY, CTA, write_busy_picture
from tests.ui.overlays.test_looks import NO_IDLE, contrast, pixels, text_box, text_colour


class Paints(QObject):
    """Counts the Paint events `widget` receives."""

    def __init__(self, widget):
        super().__init__()
        self.count = 0
        self.widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def moving_loop(kiosk, tmp_path, qtbot, size=(1280, 720)):
    write_busy_picture(tmp_path / "content")
    running = kiosk(site=BUSY, animate=True, size=size)
    loop = running.overlays.attract
    loop.open()
    qtbot.waitUntil(lambda: loop.slide == 0 and loop.moving(), timeout=5000)
    return running, loop


def above_card(loop) -> QRect:
    card_top = loop.card.mapTo(loop, QPoint()).y()
    return QRect(0, 0, loop.width(), card_top - 8)


def test_the_picture_moves_while_nobody_is_there(kiosk, tmp_path, qtbot):
    _, loop = moving_loop(kiosk, tmp_path, qtbot)
    area = above_card(loop)
    first = loop.grab(area).toImage()
    qtbot.wait(600)
    second = loop.grab(area).toImage()
    assert first != second  # panned and zoomed on


def runs_along(image, y: int) -> list[int]:
    """Lengths of the light and dark runs along row `y` (the busy picture's squares)."""
    runs, length, light = [], 0, None
    for x in range(image.width()):
        now = image.pixelColor(x, y).lightness() > 127
        if now == light:
            length += 1
        else:
            if light is not None:
                runs.append(length)
            light, length = now, 1
    return runs[1:]  # (the first may be cut by the edge)


def test_the_frame_is_the_picture_at_the_window_size(kiosk, tmp_path, qtbot):
    _, loop = moving_loop(kiosk, tmp_path, qtbot, size=(1920, 1080))
    loop.hold(FADE)  # faded in; the first slide zooms in from the picture covering the window
    qtbot.wait(50)
    image = loop.grab(above_card(loop)).toImage()
    # the 960 px picture's 12 px squares, at 1920 px (zoomed 2 %): 24 px, sharp, all across
    for y in (30, 150, 270):
        runs = runs_along(image, y)
        assert len(runs) >= 70, (y, len(runs))
        assert 23 <= statistics.median(runs) <= 25, (y, statistics.median(runs))
    edges = [image.pixelColor(x, 30).lightness() for x in range(0, image.width())]
    grey = sum(1 for v in edges if 60 < v < 195)
    assert grey < len(edges) * 0.1  # (not smeared: squares, not a grey blur)


def test_the_slides_follow_each_other(kiosk, tmp_path, qtbot):
    root = tmp_path / "content"
    write_image(root / "images" / "red.png", "#cc2222")
    write_image(root / "images" / "green.png", "#22aa44")
    attract = {"images": ["images/red.png", "images/green.png"], "seconds_per_slide": 2}
    running = kiosk(site={"attract": attract, "idle": NO_IDLE}, animate=True)
    loop = running.overlays.attract
    loop.open()

    def corner() -> tuple[int, int, int]:
        return loop.grab(QRect(10, 10, 4, 4)).toImage().pixelColor(1, 1).getRgb()[:3]

    qtbot.waitUntil(lambda: loop.slide == 0 and corner()[0] > 150, timeout=5000)
    qtbot.waitUntil(lambda: loop.slide == 1 and corner()[1] > 120, timeout=8000)  # green
    qtbot.waitUntil(lambda: loop.slide == 0 and corner()[0] > 150, timeout=8000)  # red again


def test_a_frame_is_painted_no_more_often_than_the_frame_rate(kiosk, tmp_path, qtbot):
    running, loop = moving_loop(kiosk, tmp_path, qtbot)
    layer, home = Paints(loop), Paints(running.window.home)
    qtbot.wait(1000)
    assert 1 <= layer.count <= FPS + 2, layer.count  # moving, at its own pace (not 60 a second)
    assert home.count == 0  # the home screen under the opaque layer is not painted again


def test_paused_nothing_is_painted(kiosk, tmp_path, qtbot):
    _, loop = moving_loop(kiosk, tmp_path, qtbot)
    loop.toggle_pause()
    qtbot.wait(100)
    layer, hand = Paints(loop), Paints(loop.cue)
    qtbot.wait(500)
    assert (layer.count, hand.count) == (0, 0)
    loop.toggle_pause()
    qtbot.wait(500)
    assert layer.count >= 1 and hand.count >= 1  # Play: they move again


# ---- the card in front of the picture: rendered once, never stale ---------------------------

CALM = {"attract": {"images": ["images/calm.png"], "seconds_per_slide": 8}, "idle": NO_IDLE}


def calm_loop(start, content_dir, qtbot, size, lang="zh", call_to_action=CTA):
    """A kiosk whose loop shows one plain picture (alike at any size, whatever it is scaled
    from), opened in `lang` and held halfway through its pan and zoom, the hand at rest."""
    write_image(content_dir / "images" / "calm.png", "#3a6f8f")
    site = {**CALM, "attract": {**CALM["attract"], "call_to_action": call_to_action}}
    running = start(site, size)
    running.window.ctx.set_language(lang)
    loop = running.overlays.attract
    loop.open()
    qtbot.waitUntil(lambda: loop.slide == 0 and loop._current is not None, timeout=5000)
    loop.hold(0.5)
    settle(running.window)
    return running, loop


@pytest.fixture
def calm(kiosk, tmp_path, qtbot, clock):
    """calm(size, lang) -> (running, loop); calm.fresh(size, lang): another kiosk, started in
    `lang` at `size` (its own folders), whose card was never drawn in another language or
    at another size: what the first one should look like."""
    made = []

    def start_first(site, size):
        return kiosk(site=site, size=size)

    def first(size=(1920, 1080), lang="zh"):
        return calm_loop(start_first, tmp_path / "content", qtbot, size, lang)

    def fresh(size=(1920, 1080), lang="zh"):
        folder = tmp_path / f"fresh-{len(made)}"

        def start(site, size):
            running = start_kiosk(qtbot, folder, clock, site=site, size=size)
            made.append(running)
            return running

        return calm_loop(start, folder / "content", qtbot, size, lang)[1]

    first.fresh = fresh
    yield first
    for running in made:
        running.controller.stop()


def shown(loop) -> QImage:
    """The layer as the screen shows it."""
    return loop.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def differing(a: QImage, b: QImage) -> int:
    """How many pixels of two images of the same size differ."""
    assert a.size() == b.size(), (a.size(), b.size())
    return sum(
        1
        for y in range(0, a.height(), 2)
        for x in range(0, a.width(), 2)
        if a.pixel(x, y) != b.pixel(x, y)
    )


def card_box(loop) -> QRect:
    return QRect(loop.card.mapTo(loop, QPoint()), loop.card.size())


def inked(loop, image: QImage, label) -> int:
    """How many pixels in `label`'s glyph box are (nearly) the label's text colour."""
    colour = text_colour(label)
    return sum(1 for p in pixels(image, text_box(label, loop), step=1) if contrast(p, colour) < 1.3)


def test_the_card_is_rendered_once_not_with_each_frame(kiosk, tmp_path, qtbot):
    _, loop = moving_loop(kiosk, tmp_path, qtbot)
    layer = Paints(loop)
    qtbot.wait(300)
    renders = loop.front.renders
    qtbot.wait(700)
    assert layer.count >= 3  # the picture moved on, frame after frame
    assert loop.front.renders == renders  # over the same card, rendered before


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_after_a_language_switch_the_card_says_it_in_the_new_language(calm, size):
    running, loop = calm(size, "zh")
    in_zh = shown(loop)
    assert [plain_text(label.text()) for label in loop.cta.labels] == [CTA["zh"], CTA["en"]]
    running.window.ctx.set_language("en")  # while the loop is on the screen
    settle(running.window)
    assert loop.isVisible()
    assert [plain_text(label.text()) for label in loop.cta.labels] == [CTA["en"], CTA["zh"]]
    in_en = shown(loop)
    card = card_box(loop)
    assert differing(in_zh.copy(card), in_en.copy(card)) > 500  # the card changed
    for label in loop.cta.labels:  # each line's glyphs where its label is now
        assert inked(loop, in_en, label) > 200, label.text()
    # and pixel for pixel what a kiosk started in English shows: nothing left of the Chinese
    assert differing(in_en, shown(calm.fresh(size, "en"))) == 0
    running.window.ctx.set_language("zh")  # and back
    settle(running.window)
    assert differing(shown(loop), in_zh) == 0


def test_after_turning_the_screen_the_card_is_where_it_belongs_not_stretched(calm):
    running, loop = calm((1920, 1080), "zh")
    wide = card_box(loop)
    running.window.resize(1080, 1920)  # the screen turned to portrait, the loop on it
    settle(running.window)
    assert loop.size().toTuple() == (1080, 1920)
    tall = card_box(loop)
    assert tall != wide  # (laid out again: narrower, lower)
    image = shown(loop)
    for label in loop.cta.labels:
        assert inked(loop, image, label) > 200, label.text()
    assert differing(image, shown(calm.fresh((1080, 1920), "zh"))) == 0


def test_the_hand_pulses_in_front_of_the_card(kiosk, tmp_path, qtbot):
    _, loop = moving_loop(kiosk, tmp_path, qtbot)
    loop.toggle_pause()  # the picture still, so only the hand differs
    pulse = loop.cue.pulse
    pulse.start()
    cue_box = QRect(loop.cue.mapTo(loop, QPoint()), loop.cue.size())
    frames = []
    for ms in (0, pulse.duration() // 2):
        pulse.setCurrentTime(ms)
        frames.append(loop.grab(cue_box).toImage())
    assert frames[0] != frames[1]  # the layer shows the ring spread and the hand pressed


def test_pause_shows_play_at_once_though_no_frame_is_due(kiosk, tmp_path, qtbot):
    _, loop = moving_loop(kiosk, tmp_path, qtbot)
    place = QRect(loop.pause_button.mapTo(loop, QPoint()), loop.pause_button.size())
    before = loop.grab(place).toImage()
    loop.toggle_pause()
    qtbot.wait(150)
    layer = Paints(loop)
    loop.toggle_pause()  # Play: the hand moves again
    loop.toggle_pause()  # and Pause once more: nothing moves, the control shows Play
    qtbot.waitUntil(lambda: layer.count >= 1, timeout=1000)  # the screen was repainted
    after = loop.grab(place).toImage()
    assert before != after  # the pause icon, then the play icon
