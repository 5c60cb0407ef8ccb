"""The kiosk overlays on the real main window: touch targets, unclipped A+ text, colours from
the content's theme (and a default look before any content exists), pressed feedback."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.content.models import Theme
from kiosk.services.admin_pin import PinGate
from kiosk.ui.overlays import PinPad, UnavailableScreen
from kiosk.ui.screenshots import OVERLAYS, open_overlays
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
        assert title.font().pixelSize() in (round(72 * 1.3), round(56 * 1.3))
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
        else:  # see-through: a plum veil over the screen below
            veil, plum_ = QColor(corner_colour(overlay)), QColor("#402038")
            assert abs(veil.red() - plum_.red()) + abs(veil.green() - plum_.green()) < 24

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
    title = next(label for label in visible_labels(screen) if label.text() == "暂时无法使用")
    assert title.font().pixelSize() == 72
    assert title.palette().color(title.foregroundRole()).name() == Theme().text

    teal = content.model_copy(
        update={"site": content.site.model_copy(update={"theme": Theme(background="#0d3b3b")})}
    )
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
