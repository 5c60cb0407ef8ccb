"""The slide between screens (kiosk/ui/screenhost.py) moves a screen that is already painted:
screens are opaque, so for each frame Qt shifts the pixels it has and paints only the strip
that comes into view, instead of the whole screen again; the visitor sees the same screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from kiosk.ui.screenhost import DURATION_MS
from tests.ui.test_navigation import tile


class PaintedArea(QObject):
    """Adds up the area of the paint events `widget` gets, and counts its moves."""

    def __init__(self, widget: QWidget):
        super().__init__()
        self.area = 0
        self.moves = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            self.area += sum(r.width() * r.height() for r in event.region())
        elif event.type() == QEvent.Type.Move:
            self.moves += 1
        return False


def slide_in(window, qtbot, touch, panel_id: str) -> PaintedArea:
    """Home, then a tap on the panel's tile: what the panel screen painted while it slid in."""
    window.show_home()
    qtbot.waitUntil(lambda: not window.host.sliding())
    qtbot.wait(100)
    painted = PaintedArea(window.panel_screen(panel_id))
    touch.tap(tile(window, panel_id))
    qtbot.waitUntil(lambda: window.current_panel_id() == panel_id)
    qtbot.waitUntil(lambda: not window.host.sliding(), timeout=DURATION_MS * 20)
    qtbot.wait(100)
    return painted


def test_a_screen_slides_in_painting_about_its_own_area_not_once_a_frame(make_window, qtbot, touch):
    window = make_window(animate=True)
    qtbot.wait(300)  # the panels are built after the first paint
    slide_in(window, qtbot, touch, "science")  # (its first showing lays it out)

    painted = slide_in(window, qtbot, touch, "science")

    screen = window.panel_screen("science")
    full = screen.width() * screen.height()
    assert painted.moves >= 5, "the screen did not slide"
    assert painted.area <= 1.5 * full, f"{painted.area / full:.1f} screens painted"
    assert screen.pos().x() == 0


def test_the_screen_after_a_slide_looks_as_one_shown_without_a_slide(make_window, qtbot, touch):
    slid = make_window(animate=True)
    qtbot.wait(300)
    slide_in(slid, qtbot, touch, "industry")
    cut = make_window(animate=False)
    cut.show_panel("industry")
    qtbot.wait(300)
    assert slid.grab().toImage() == cut.grab().toImage()


def test_a_screen_paints_its_background_in_the_theme_colour(make_window, qtbot):
    window = make_window(animate=False)
    qtbot.wait(300)
    corner = window.home.mapTo(window, window.home.rect().bottomRight()) - window.rect().topLeft()
    colour = window.grab().toImage().pixelColor(corner.x() - 5, corner.y() - 5).name()
    assert colour == window.ctx.palette.background
