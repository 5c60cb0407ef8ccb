"""Gallery: swipes change the image (inside a kinetic scroll area too), a tap opens the
full-screen viewer, and a tap or a swipe down closes it."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from kiosk.ui.blocks.gallery import GalleryViewer
from tests.ui.blocks import samples
from tests.ui.blocks.conftest import wait_for_images


def stage_points(gallery, dx: int = 0, dy: int = 0) -> tuple[QPoint, QPoint]:
    centre = gallery.stage.rect().center()
    return centre, centre + QPoint(dx, dy)


def test_swipe_left_and_right_changes_image(show_block, touch, qtbot):
    gallery = show_block(samples.block(samples.GALLERY))
    first = gallery.view.path
    touch.swipe(gallery.stage, *stage_points(gallery, dx=-400))
    assert gallery.current_index() == 1
    assert gallery.view.path != first and gallery.view.path.name == "second.jpg"
    assert gallery.dots.current == 1
    assert gallery.caption.text() == "第二张"
    wait_for_images(qtbot, gallery)
    assert gallery.view.image() is not None
    touch.swipe(gallery.stage, *stage_points(gallery, dx=400))
    assert gallery.current_index() == 0
    touch.swipe(gallery.stage, *stage_points(gallery, dx=400))
    assert gallery.current_index() == 2  # wraps around


def test_short_drag_does_not_change_image(show_block, touch):
    gallery = show_block(samples.block(samples.GALLERY))
    touch.swipe(gallery.stage, *stage_points(gallery, dx=-40))
    assert gallery.current_index() == 0
    assert gallery.viewer is None  # nor is it a tap


def test_vertical_drag_on_gallery_scrolls_the_page(show_block, touch, qtbot):
    gallery = show_block(samples.block(samples.GALLERY), (1080, 1920))
    gallery.window().resize(1080, 700)  # make the page taller than the window
    scroll = gallery.window().scroll
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    touch.swipe(gallery.stage, *stage_points(gallery, dy=-250))
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().value() > 0)
    assert gallery.current_index() == 0
    assert gallery.viewer is None


def test_tap_opens_fullscreen_and_tap_closes(show_block, touch, qtbot):
    gallery = show_block(samples.block(samples.GALLERY))
    with qtbot.waitSignal(gallery.opened) as opened:
        touch.tap(gallery.stage)
    assert opened.args == [0]
    viewer = gallery.viewer
    window = gallery.window()
    assert viewer is not None and viewer.isVisible()
    assert viewer.parentWidget() is window and not viewer.isWindow()
    assert viewer.geometry() == window.rect()
    assert QApplication.topLevelWidgets().count(viewer) == 0
    wait_for_images(qtbot, viewer)
    assert viewer.view.image() is not None
    assert viewer.caption.text() == "第一张"
    assert viewer.counter.text() == "1 / 3"
    touch.tap(viewer.area)
    assert gallery.viewer is None
    assert not [v for v in window.findChildren(GalleryViewer) if v.isVisible()]


def test_fullscreen_swipes_and_closes_on_swipe_down(show_block, touch):
    gallery = show_block(samples.block(samples.GALLERY))
    gallery.open_fullscreen(1)
    viewer = gallery.viewer
    assert viewer.counter.text() == "2 / 3"
    centre = viewer.rect().center()
    touch.swipe(viewer.area, centre, centre + QPoint(-500, 0))
    assert gallery.current_index() == 2
    assert viewer.counter.text() == "3 / 3"
    assert viewer.caption.text() == "第三张\nXinhua"  # the credit travels with the picture
    touch.swipe(viewer.area, centre, centre + QPoint(0, 400))
    assert gallery.viewer is None


def test_viewer_close_button_and_language(show_block, touch, ctx):
    gallery = show_block(samples.block(samples.GALLERY))
    gallery.open_fullscreen()
    ctx.set_language("en")
    assert gallery.viewer.caption.text() == "First view"
    button = gallery.viewer.close_button
    assert button.width() >= 64 and button.height() >= 64
    touch.tap(button)
    assert gallery.viewer is None


def test_viewer_follows_window_size(show_block, qtbot):
    gallery = show_block(samples.block(samples.GALLERY))
    gallery.open_fullscreen()
    gallery.window().resize(1080, 1920)
    qtbot.waitUntil(lambda: gallery.viewer.geometry() == gallery.window().rect())
