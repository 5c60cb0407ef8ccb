"""`kiosk self-test`'s screens check, as `kiosk check`'s walk hands it each screen: a screen
that shows one colour only fails it by name, whether or not the contrast check painted it."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.commands.self_test import _Shots
from tests.ui.conftest import load_sample


def blank_window(qtbot, colour: str = "#204060") -> QWidget:
    window = QWidget()
    window.setStyleSheet(f"background: {colour};")
    window.setAutoFillBackground(True)
    window.resize(320, 180)
    qtbot.addWidget(window)
    window.show()
    return window


def one_colour(colour: str = "#204060") -> QImage:
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


def test_a_blank_screen_fails_by_its_name(qapp, qtbot):
    shots = _Shots(load_sample(), ["zh", "en"], None)
    shots.shoot(blank_window(qtbot), "1920x1080 zh home")
    assert shots.count == 1 and shots.bad == ["1920x1080 zh home"]


def test_a_screen_blank_but_for_its_text_passes_when_its_texts_were_hidden_for_contrast(
    qapp, qtbot
):
    """The contrast check's picture (texts in no colour) is one colour: the screen is painted
    as it stands then, and its text shows."""
    window = blank_window(qtbot)
    label = QLabel("Welcome", window)
    label.setStyleSheet("color: white; font-size: 40px;")
    label.show()
    shots = _Shots(load_sample(), ["zh", "en"], None)
    shots.shoot(window, "home", one_colour())
    assert shots.bad == []


def test_a_blank_screen_fails_even_after_the_contrast_check_painted_it(qapp, qtbot):
    shots = _Shots(load_sample(), ["zh", "en"], None)
    shots.shoot(blank_window(qtbot), "home", one_colour())
    assert shots.bad == ["home"]


def test_the_contrast_checks_picture_showing_more_than_one_colour_is_enough(qapp, qtbot):
    painted = one_colour()
    painted.setPixelColor(10, 10, QColor("#ffffff"))  # (anything drawn on the background)
    shots = _Shots(load_sample(), ["zh", "en"], None)
    shots.shoot(blank_window(qtbot), "home", painted)
    assert shots.count == 1 and shots.bad == []
