"""The attract loop as a passer-by sees it, over the busiest picture an operator could choose:
the call to action readable on its card, a hand that shows what to do (pulsing only when the
kiosk animates), and every language in the same bold."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractAnimation, QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPainter, QRegion
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.content.typeset import plain_text
from kiosk.ui.screenshots import open_overlays, settle
from kiosk.ui.widgets import Label
from tests.ui.overlays.test_looks import (
    NO_IDLE,
    contrast,
    luminance,
    painted_behind,
    pixels,
    text_box,
    text_colour,
)

SIZES = [(1920, 1080), (1080, 1920)]
CTA = {"zh": "触摸屏幕，探索北京经开区", "en": "Touch the screen to explore Beijing E-Town"}
BUSY = {
    "attract": {"images": ["images/busy.png"], "seconds_per_slide": 8, "call_to_action": CTA},
    "idle": NO_IDLE,  # the tests open the loop themselves
}


def write_busy_picture(content_dir) -> None:
    """Black and white squares of 12 px: whatever lies behind a text, part of it is white."""
    image = QImage(960, 540, QImage.Format.Format_RGB32)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    for y in range(0, image.height(), 12):
        for x in range(12 * (y // 12 % 2), image.width(), 24):
            painter.fillRect(x, y, 12, 12, QColor("#ffffff"))
    painter.end()
    (content_dir / "images").mkdir(parents=True, exist_ok=True)
    assert image.save(str(content_dir / "images" / "busy.png"))


@pytest.fixture
def busy(kiosk, tmp_path):
    """The kiosk, its attract loop showing the busy picture: kiosk(size=...)."""

    def start(**options):
        write_busy_picture(tmp_path / "content")
        return kiosk(site=BUSY, **options)

    return start


def shown_attract(running):
    """The attract loop opened as the screenshots open it (the motion held), laid out."""
    window = running.window
    for _, attract in open_overlays(
        window, window.ctx.content, ("attract",), overlays=running.overlays
    ):
        settle(window)
        assert attract.slide == 0, "the busy picture did not load"
        yield attract


@pytest.mark.parametrize("size", SIZES)
def test_the_call_to_action_reads_on_its_card_over_a_busy_picture(busy, size):
    running = busy(size=size)
    for attract in shown_attract(running):
        labels = attract.cta.labels
        assert [plain_text(label.text()) for label in labels] == [CTA["zh"], CTA["en"]]
        behind = painted_behind(attract, labels)
        card = QRect(attract.card.mapTo(attract, QPoint()), attract.card.size())
        # the picture itself is busy: above the card, both black and white show
        above = QRect(0, 0, attract.width(), card.top())
        assert {p.lightness() > 200 for p in pixels(behind, above)} == {True, False}
        for label in labels:
            box = text_box(label, attract)
            assert card.contains(box), label.text()
            # the text's colour against every pixel painted behind its glyphs and around them
            around = pixels(behind, box.adjusted(-16, -12, 16, 12))
            worst = min(contrast(text_colour(label), p) for p in around)
            assert worst >= 4.5, (label.text(), round(worst, 2))
            # and the squares barely show through: the backing is one colour, near enough
            light = max(around, key=luminance)
            dark = min(around, key=luminance)
            assert contrast(light, dark) < 1.2, (light.name(), dark.name())


def test_a_hand_shows_what_to_do_above_the_words(busy):
    running = busy()
    for attract in shown_attract(running):
        cue = attract.cue
        assert cue.isVisibleTo(attract)
        cue_box = QRect(cue.mapTo(attract, QPoint()), cue.size())
        first_line = text_box(attract.cta.labels[0], attract)
        assert cue_box.bottom() < first_line.top()  # above the call to action, on the card
        assert abs(cue_box.center().x() - first_line.center().x()) <= 2
        image = attract.grab(cue_box).toImage()
        hand = QColor(cue.palette().color(cue.foregroundRole()))
        halo = image.pixelColor(cue.SIZE // 2, cue.SIZE // 2 - cue.HALO + 6)  # above the hand
        hand_pixels = [p for p in pixels(image, image.rect(), step=1) if contrast(p, hand) < 1.1]
        assert len(hand_pixels) > 800  # the hand's glyph is drawn, and it is large
        assert contrast(hand, halo) >= 3.0  # a graphic needs 3:1 (WCAG 1.4.11)


def test_the_hand_is_still_while_the_kiosk_does_not_animate(busy):
    still = busy()  # as for the screenshots and the self-test
    attract = still.overlays.attract
    attract.open()
    settle(still.window)
    assert attract.cue.pulse.state() == QAbstractAnimation.State.Stopped


def test_the_hand_pulses_while_the_kiosk_animates(busy):
    moving = busy(animate=True)
    attract = moving.overlays.attract
    attract.open()
    settle(moving.window)
    pulse = attract.cue.pulse
    assert pulse.state() == QAbstractAnimation.State.Running
    frames = []
    for ms in (0, pulse.duration() // 2):
        pulse.setCurrentTime(ms)
        frames.append(attract.cue.grab().toImage())
    assert frames[0] != frames[1]  # the ring has spread and the hand pressed
    attract.close_overlay()
    assert pulse.state() == QAbstractAnimation.State.Stopped  # nothing runs behind the visitor


def ink(image: QImage, paper: QImage) -> int:
    """How far `image` is from `paper` (the same size): lightness differences, summed."""
    return sum(
        abs(image.pixelColor(x, y).lightness() - paper.pixelColor(x, y).lightness())
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    )


def regular_twin(label: QLabel, paper: QImage) -> QImage:
    """`label`'s text set the same, in the regular weight, painted on `paper`."""
    twin = Label(label.property("role"), text=label.text(), align=label.alignment())
    font = label.font()
    font.setBold(False)
    twin.setFont(font)
    twin.setStyleSheet(f"color: {text_colour(label).name()};")
    twin.resize(label.size())
    image = paper.copy()
    twin.render(image, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)  # no background
    twin.deleteLater()
    return image


@pytest.mark.parametrize("size", SIZES)
def test_both_languages_are_set_in_the_same_bold(busy, size):
    running = busy(size=size)
    for attract in shown_attract(running):
        labels = attract.cta.labels
        behind = painted_behind(attract, labels)
        shown = attract.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        for label in labels:
            assert label.font().bold(), label.text()
            place = QRect(label.mapTo(attract, QPoint()), label.size())
            paper = behind.copy(place)
            bold, regular = ink(shown.copy(place), paper), ink(regular_twin(label, paper), paper)
            assert bold > 1.25 * regular, (label.text(), round(bold / regular, 2))
