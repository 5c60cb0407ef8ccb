"""Icons are drawn from qtawesome's fonts without importing qtawesome (it imports all of Qt)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.ui.icons import UI_ICONS, icon
from tests.conftest import REPO


def inked(image: QImage) -> list[tuple[int, int]]:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return [
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 128
    ]


def box(points: list[tuple[int, int]]) -> tuple[int, int, int, int]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("name", [*UI_ICONS, "mdi6.factory", "fa5s.car", "ph.globe"])
def test_icons_match_what_qtawesome_draws(qapp, name):
    os.environ.setdefault("QT_API", "pyside6")
    import qtawesome

    ours = inked(icon(name, "#ffffff").pixmap(64, 64).toImage())
    theirs = inked(qtawesome.icon(name, color="#ffffff").pixmap(64, 64).toImage())
    assert len(ours) > 100
    # Same place and size (within a pixel or two of anti-aliasing), same amount of ink.
    assert all(abs(a - b) <= 2 for a, b in zip(box(ours), box(theirs), strict=True))
    assert abs(len(ours) - len(theirs)) < 0.1 * len(theirs)
    assert len(set(ours) & set(theirs)) > 0.7 * len(theirs)  # thin strokes: sub-pixel shifts


def test_an_unknown_icon_is_empty_not_an_error(qapp):
    assert icon("mdi6.no-such-icon", "#ffffff").isNull()
    assert icon("nope", "#ffffff").isNull()


def test_icon_colour_is_the_one_asked_for(qapp):
    image = icon("mdi6.square", "#ff8800").pixmap(48, 48).toImage()
    assert image.pixelColor(24, 24) == QColor("#ff8800")


def test_starting_the_kiosk_ui_does_not_import_qtawesome():
    probe = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "import kiosk.ui.main_window, kiosk.operation\n"
        "from kiosk.ui.icons import icon\n"
        "icon('mdi6.home', '#fff').pixmap(32, 32)\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('qtawesome', 'qtpy')]\n"
        "print('LOADED', loaded)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert "LOADED []" in out.stdout, out.stdout + out.stderr
