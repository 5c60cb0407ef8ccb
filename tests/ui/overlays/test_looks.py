"""The kiosk overlays on the real main window: touch targets, unclipped A+ text, colours from
the content's theme (and a default look before any content exists), pressed feedback, and the
countdown hiding the screen below its question."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGraphicsOpacityEffect, QLabel, QWidget

from kiosk.content.models import Theme
from kiosk.content.typeset import plain_text
from kiosk.content.views import replace
from kiosk.services.admin_pin import PinGate
from kiosk.ui.overlays import PinPad, UnavailableScreen
from kiosk.ui.screenshots import OVERLAYS, open_overlays, settle
from tests.ui.conftest import TODAY, make_content, visible_labels
from tests.ui.test_screens import SIZES, clipped


def shown(window, names=OVERLAYS):
    """Each overlay opened on `window` in turn, laid out: yields (name, overlay)."""
    for name, overlay in open_overlays(window, window.ctx.content, names, lambda: TODAY):
        QApplication.processEvents()
        yield name, overlay


def corner_colour(overlay) -> str:
    image = overlay.grab().toImage()
    return image.pixelColor(image.width() - 3, image.height() - 3).name()


# The kiosk's own idle flow kept out of the way of a test that opens the layers itself.
NO_IDLE = {"timeout_seconds": 600, "countdown_seconds": 30, "attract_after_seconds": 600}


# ---- what is painted behind a text, and how it reads (WCAG 2 contrast) --------------------


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(label: QLabel) -> QColor:
    return label.palette().color(label.foregroundRole())


def text_box(label: QLabel, within: QWidget) -> QRect:
    """Where `label`'s glyphs are, in `within`'s coordinates (a label is wider than its text)."""
    flags = int(label.alignment().value) | int(Qt.TextFlag.TextWordWrap.value)
    box = label.fontMetrics().boundingRect(label.contentsRect(), flags, label.text())
    return QRect(label.mapTo(within, box.topLeft()), box.size())


def painted_behind(widget: QWidget, hidden: Iterable[QWidget]) -> QImage:
    """`widget` grabbed with `hidden` see-through: what is painted behind them."""
    hidden = list(hidden)
    for each in hidden:
        effect = QGraphicsOpacityEffect(each)
        effect.setOpacity(0.0)
        each.setGraphicsEffect(effect)
    QApplication.processEvents()
    try:
        return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    finally:
        for each in hidden:
            each.setGraphicsEffect(None)


def pixels(image: QImage, box: QRect, step: int = 3) -> list[QColor]:
    box = box.intersected(image.rect())
    return [
        image.pixelColor(x, y)
        for y in range(box.top(), box.bottom() + 1, step)
        for x in range(box.left(), box.right() + 1, step)
    ]


def worst_contrast(label: QLabel, behind: QImage, within: QWidget) -> float:
    """The text's colour against the least contrasting pixel painted behind its glyphs."""
    colour = text_colour(label)
    return min(contrast(colour, pixel) for pixel in pixels(behind, text_box(label, within)))


@pytest.mark.parametrize("size", SIZES)
def test_every_overlay_button_is_at_least_64px(make_window, size):
    window = make_window(size)
    for name, overlay in shown(window):
        buttons = [b for b in overlay.findChildren(QAbstractButton) if b.isVisibleTo(window)]
        assert name not in ("pin", "admin") or len(buttons) >= 5
        small = [(name, b.text(), b.size()) for b in buttons if b.width() < 64 or b.height() < 64]
        assert small == []


@pytest.mark.parametrize("size", SIZES)
def test_with_a_plus_no_overlay_label_is_clipped(make_window, size, qtbot, touch):
    window = make_window(size)
    touch.tap(window.top_bar.sizes[1])
    qtbot.waitUntil(lambda: window.ctx.text_scale > 1)
    seen = set()
    for name, overlay in shown(window):
        labels = visible_labels(overlay)
        assert labels, name
        seen.add(name)
        assert [(name, label.text()[:30]) for label in labels if clipped(label)] == []
        buttons = [b for b in overlay.findChildren(QAbstractButton) if b.isVisibleTo(window)]
        # a button narrower than its own size hint cuts its text off
        squeezed = [(name, b.text()) for b in buttons if b.sizeHint().width() > b.width()]
        assert squeezed == []
        title = next(label for label in labels if label.property("role") in ("display", "h1"))
        assert title.font().pixelSize() in (72, 56)  # large already: A+ leaves titles alone
    assert seen == set(OVERLAYS)


def test_overlay_colours_follow_the_content_theme(make_window, tmp_path):
    plum = make_content(tmp_path / "plum", theme={"background": "#402038", "primary": "#e0a030"})
    window = make_window(content_=plum)
    for name, overlay in shown(window, ("unavailable", "pin", "countdown")):
        if name == "unavailable":
            assert corner_colour(overlay) == "#402038"
        elif name == "pin":
            ok = overlay.buttons["ok"]
            assert ok.grab().toImage().pixelColor(ok.width() // 2, 6).name() == "#e0a030"
        else:  # the countdown: opaque, in the theme's background
            assert corner_colour(overlay) == "#402038"

    window.set_content(make_content(tmp_path / "hc", theme={"high_contrast": True}))
    for _, overlay in shown(window, ("pin",)):
        assert corner_colour(overlay) == "#000000"
        key = overlay.buttons["5"]
        ring = key.grab().toImage().pixelColor(key.width() // 2, 1).name()
        assert ring == "#ffd400"


def test_before_any_content_the_unavailable_screen_has_the_default_look(qtbot, content):
    from kiosk.ui.main_window import MainWindow

    window = MainWindow(None, today=lambda: TODAY, animate=False)
    qtbot.addWidget(window)
    window.resize(1080, 1920)
    window.show()
    screen = UnavailableScreen(window)
    screen.open()
    QApplication.processEvents()
    assert corner_colour(screen) == Theme().background
    title = next(lbl for lbl in visible_labels(screen) if plain_text(lbl.text()) == "暂时无法使用")
    assert title.font().pixelSize() == 72
    assert title.palette().color(title.foregroundRole()).name() == Theme().text

    teal_theme = replace(content.site.theme, background="#0d3b3b")
    teal = replace(content, site=replace(content.site, theme=teal_theme))
    window.set_content(teal)  # content arrives: the overlay now follows the window's theme
    screen.open()
    assert corner_colour(screen) == "#0d3b3b"


def test_pin_keys_show_the_press_and_mask_the_digits(make_window, touch):
    window = make_window()
    pad = PinPad(window, PinGate(""))
    pad.open()
    QApplication.processEvents()
    key = pad.buttons["7"]
    centre = key.mapTo(window, key.rect().center())
    edge = QPoint(key.width() // 2, 20)  # inside the round key, clear of the digit
    released = key.grab().toImage().pixelColor(edge)
    QTest.touchEvent(window, touch.device).press(0, centre, window).commit()
    QApplication.processEvents()
    pressed = key.grab().toImage().pixelColor(edge)
    QTest.touchEvent(window, touch.device).release(0, centre, window).commit()
    assert pressed != released
    touch.tap(pad.buttons["4"])
    assert pad.dots.text() == "● ●"  # masked: no digit on screen
    touch.tap(pad.buttons["back"])
    assert pad.dots.text() == "●"
    touch.tap(pad.buttons["cancel"])
    assert not pad.isVisible()


@pytest.mark.parametrize("size", [(1280, 720), (1080, 1920)])
def test_behind_the_countdown_nothing_of_the_home_screen_shows(kiosk, size):
    running = kiosk(size=size, site={"idle": NO_IDLE})  # the test opens the countdown itself
    window = running.window
    settle(window)
    home = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    backdrop = QColor(window.ctx.palette.background)
    for _, countdown in open_overlays(
        window, window.ctx.content, ("countdown",), overlays=running.overlays
    ):
        settle(window)
        words = [*countdown.title.labels]  # (its two choices: test_time_to_read.py)
        behind = painted_behind(window, [*words, countdown.number])
        rows = [
            QRect(0, label.mapTo(window, QPoint()).y(), window.width(), label.height())
            for label in countdown.title.labels
        ]
        # the home screen had something to show there (its title, its tiles)...
        assert any(p != backdrop for row in rows for p in pixels(home, row)), "home is blank"
        # ...and none of it shows behind the question: every pixel is the backdrop
        seen = {p.name() for row in rows for p in pixels(behind, row, step=2)}
        assert seen == {backdrop.name()}
        ratios = {label.text(): worst_contrast(label, behind, window) for label in words}
        ratios[countdown.number.text()] = worst_contrast(countdown.number, behind, window)
        assert min(ratios.values()) >= 4.5, ratios
