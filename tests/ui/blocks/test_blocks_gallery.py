"""Gallery: swipes change the image (inside a kinetic scroll area too), a tap opens the
full-screen viewer, and a tap or a swipe down closes it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

from kiosk.ui.blocks.gallery import GalleryBlockWidget, GalleryViewer
from kiosk.ui.screenshots import settle
from tests.ui.blocks import samples
from tests.ui.blocks.conftest import wait_for_images

WORD_JOINER = "\u2060"  # bound texts may hold it (kiosk/ui/texts.py): zero width, unseen


def shown(label) -> str:
    """What a label shows (bound texts may hold invisible word joiners)."""
    return label.text().replace(WORD_JOINER, "")


def on_window(widget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


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
    assert shown(gallery.caption) == "第二张"
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
    assert shown(viewer.caption) == "第一张"
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
    assert shown(viewer.caption) == "第三张\nXinhua"  # the credit travels with the picture
    touch.swipe(viewer.area, centre, centre + QPoint(0, 400))
    assert gallery.viewer is None


def test_viewer_close_button_and_language(show_block, touch, ctx):
    gallery = show_block(samples.block(samples.GALLERY))
    gallery.open_fullscreen()
    ctx.set_language("en")
    assert shown(gallery.viewer.caption) == "First view"
    button = gallery.viewer.close_button
    assert button.width() >= 64 and button.height() >= 64
    touch.tap(button)
    assert gallery.viewer is None


def test_viewer_follows_window_size(show_block, qtbot):
    gallery = show_block(samples.block(samples.GALLERY))
    gallery.open_fullscreen()
    gallery.window().resize(1080, 1920)
    qtbot.waitUntil(lambda: gallery.viewer.geometry() == gallery.window().rect())


# ---- the viewer's layout: large image, caption under it, arrows and dots -------------------


def check_layout(viewer) -> None:
    image, caption = viewer.view.geometry(), viewer.caption.geometry()
    assert viewer.rect().contains(image)
    drawn = viewer.view.image_rect()  # the view is the image: no bands beside or above it
    assert drawn.width() >= image.width() - 2 and drawn.height() >= image.height() - 2
    assert 0 <= caption.top() - image.bottom() <= 40  # the caption right under the image
    for arrow in (viewer.prev_button, viewer.next_button):
        assert arrow.isVisible() and arrow.width() >= 64 and arrow.height() >= 64
        assert viewer.rect().contains(arrow.geometry())
        assert not arrow.geometry().intersects(caption)
    assert viewer.dots.isVisible() and len(viewer.dots.dot_rects()) == viewer.gallery.count()
    assert viewer.dots.geometry().top() > caption.bottom()
    assert not viewer.dots.geometry().intersects(viewer.prev_button.geometry())
    assert not viewer.dots.geometry().intersects(viewer.next_button.geometry())
    assert not viewer.close_button.geometry().intersects(image)


def test_viewer_in_portrait_shows_the_image_as_wide_as_the_screen(show_block, touch, qtbot):
    gallery = show_block(samples.block(samples.GALLERY), (1080, 1920))
    touch.tap(gallery.stage)
    viewer = gallery.viewer
    wait_for_images(qtbot, viewer)
    image = viewer.view.geometry()
    assert image.width() >= 0.9 * viewer.width()
    assert abs(image.height() - image.width() * 900 / 1600) <= 2  # photo.jpg keeps its aspect
    check_layout(viewer)
    assert shown(viewer.caption) == "第一张"


def test_viewer_in_landscape_is_as_tall_as_it_can_be(show_block, touch, qtbot):
    gallery = show_block(samples.block(samples.GALLERY), (1920, 1080))
    touch.tap(gallery.stage)
    viewer = gallery.viewer
    wait_for_images(qtbot, viewer)
    image = viewer.view.geometry()
    below = viewer.height() - viewer.dots.geometry().bottom()
    assert below <= 24 + 2 and image.top() <= 24 + 64 + 16 + 2  # little room left unused
    assert image.height() >= 0.7 * viewer.height()
    check_layout(viewer)
    gallery.show_index(2)  # third.png is square: narrower, still as tall
    check_layout(viewer)


def test_viewer_arrows_and_dots_follow_the_image(show_block, touch, qtbot):
    gallery = show_block(samples.block(samples.GALLERY), (1080, 1920))
    gallery.open_fullscreen(0)
    viewer = gallery.viewer
    touch.tap(viewer.next_button)
    assert gallery.current_index() == 1 and viewer.dots.current == 1
    assert shown(viewer.caption) == "第二张"
    assert viewer.counter.text() == "2 / 3"
    touch.tap(viewer.prev_button)
    touch.tap(viewer.prev_button)
    assert gallery.current_index() == 2 and viewer.dots.current == 2  # wraps around
    check_layout(viewer)
    centre = viewer.rect().center()
    touch.swipe(viewer.area, centre, centre + QPoint(-500, 0))  # swiping still works
    assert gallery.current_index() == 0 and viewer.dots.current == 0
    assert gallery.viewer is viewer


def test_viewer_of_one_image_has_no_arrows_or_dots(show_block, touch):
    one = dict(samples.GALLERY, images=samples.GALLERY["images"][:1])
    gallery = show_block(samples.block(one), (1080, 1920))
    touch.tap(gallery.stage)
    viewer = gallery.viewer
    assert not viewer.prev_button.isVisible() and not viewer.next_button.isVisible()
    assert not viewer.dots.isVisible()
    assert 0 <= viewer.caption.geometry().top() - viewer.view.geometry().bottom() <= 40


# ---- in the kiosk: the viewer leaves the top bar in reach -----------------------------------


def open_sample_viewer(kiosk, touch, qtbot, size):
    from kiosk.ui.screenshots import find_block
    from tests.kiosk_kit import SAMPLE

    window = kiosk(content=SAMPLE, size=size).window
    panel_id, gallery = find_block(window, window._order(), "open_fullscreen")
    assert isinstance(gallery, GalleryBlockWidget)
    touch.tap(next(t for t in window.home.tiles if t.panel.id == panel_id))
    qtbot.waitUntil(lambda: window.current_panel_id() == panel_id)
    settle(window)
    window.panels[panel_id].scroll_area.ensureWidgetVisible(gallery.stage)
    settle(window)
    touch.tap(gallery.stage)
    qtbot.waitUntil(lambda: gallery.viewer is not None and gallery.viewer.isVisible())
    settle(window)
    return window, gallery, gallery.viewer


def test_home_stays_visible_over_the_viewer_and_takes_the_visitor_home(kiosk, touch, qtbot):
    window, gallery, viewer = open_sample_viewer(kiosk, touch, qtbot, (1080, 1920))
    bar = window.top_bar
    assert not on_window(viewer).intersects(on_window(bar))  # the viewer is under the bar
    for button in (bar.home, bar.back, *bar.languages.values(), *bar.sizes):
        assert button.isVisible()
        assert window.childAt(on_window(button).center()) in (button, *button.children())
    check_layout(viewer)
    assert viewer.view.geometry().width() >= 0.9 * viewer.width()
    touch.tap(bar.home)
    qtbot.waitUntil(lambda: window.current_panel_id() is None)
    assert window.host.current() is window.home and window.home.isVisible()
    assert gallery.viewer is None
    assert not [v for v in window.findChildren(GalleryViewer) if v.isVisible()]


def test_switching_language_over_the_viewer_switches_its_caption(kiosk, touch, qtbot):
    window, gallery, viewer = open_sample_viewer(kiosk, touch, qtbot, (1920, 1080))
    item = gallery.block.images[gallery.current_index()]
    words = [text for text in (item.caption, item.credit) if text is not None]
    assert shown(viewer.caption) == "\n".join(t.get("zh") for t in words)
    touch.tap(window.top_bar.languages["en"])
    assert window.ctx.lang == "en"
    assert gallery.viewer is viewer and viewer.isVisible()
    assert shown(viewer.caption) == "\n".join(t.get("en") for t in words)
    assert shown(viewer.caption) != "\n".join(t.get("zh") for t in words)
    settle(window)
    check_layout(viewer)
    touch.tap(window.top_bar.back)  # Back leaves the panel, and the viewer with it
    qtbot.waitUntil(lambda: window.current_panel_id() is None)
    assert gallery.viewer is None


def test_a_session_reset_closes_the_viewer(kiosk, touch, qtbot):
    window, gallery, viewer = open_sample_viewer(kiosk, touch, qtbot, (1920, 1080))
    assert viewer.parentWidget() is window.host  # under the top bar, over the screens
    window.reset_session()  # what the idle countdown does
    assert window.current_panel_id() is None
    assert gallery.viewer is None
    assert not [v for v in window.findChildren(GalleryViewer) if v.isVisible()]
