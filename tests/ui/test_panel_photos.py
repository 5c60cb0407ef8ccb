"""A panel's photos are decoded while it is shown, near the part in view, and let go of when
the visitor leaves: a photo is there again after leaving and coming back, a panel not shown
holds no decoded photo (nor does the image cache for it), and photos far below the screen are
decoded only as the visitor scrolls towards them."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from kiosk.ui.panel import PanelScreen
from tests.ui.conftest import _text, make_content

RED, GREEN, BLUE = "#e0402a", "#2ad05a", "#2a60e0"


def _photo(path, color: str) -> str:
    image = QImage(1200, 800, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return f"images/{path.name}"


def _long_text(n: int) -> dict:
    return {
        "type": "text",
        "title": _text(f"第{n}节", f"Section {n}"),
        "body": _text("经开区的产业、创新与生活。" * 80, "Industry and life in E-Town. " * 90),
    }


def photo_content(root):
    """One panel: a header, a photo near the top, six long texts, a photo at the end."""
    make_content(root)  # (writes the small content's own photos)
    images = root / "images"
    hero = _photo(images / "hero.png", BLUE)
    near = _photo(images / "near.png", RED)
    far = _photo(images / "far.png", GREEN)
    blocks = [
        {"type": "image", "image": near, "caption": _text("近", "Near")},
        *[_long_text(n) for n in range(6)],
        {"type": "image", "image": far, "caption": _text("远", "Far")},
    ]
    panel = {
        "id": "photos",
        "title": _text("照片", "Photos"),
        "icon": "mdi6.factory",
        "accent": "#2f8cff",
        "hero_image": hero,
        "blocks": blocks,
    }
    return make_content(root, panels=[panel])


def _views(screen: PanelScreen):
    near, far = (block.view for block in screen.blocks if hasattr(block, "view"))
    return near, far


def _centre(widget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def _close(colour: QColor, expected: str, tolerance: int = 24) -> bool:
    want = QColor(expected)
    return all(
        abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], want.getRgb()[:3], strict=True)
    )


def test_a_photo_is_shown_again_after_leaving_its_panel_and_coming_back(
    make_window, tmp_path, qtbot
):
    content = photo_content(tmp_path / "content")
    window = make_window(content_=content)
    window.show_panel("photos")
    screen = window.panels["photos"]
    near, far = _views(screen)
    qtbot.waitUntil(lambda: near.holds_image() and screen.hero.holds_image(), timeout=5000)
    assert _close(_centre(near), RED)  # the photo, not the placeholder panel
    hero = screen.hero.grab().toImage()
    assert hero.pixelColor(hero.width() // 2, 20).blue() > 150  # the blue photo under the shade

    window.show_home()
    assert screen.decoded_photos() == []
    assert not near.holds_image() and not screen.hero.holds_image()
    held = window.ctx.images.decoded_paths()
    assert not {str(near.path), str(far.path)} & held  # the cache let go of them too
    assert _close(_centre(near), near.background.name())  # hidden: only the placeholder left

    window.show_panel("photos")
    assert not near.holds_image()  # the first paint does not wait for the photo
    qtbot.waitUntil(near.holds_image, timeout=5000)
    qtbot.waitUntil(screen.hero.holds_image, timeout=5000)
    assert _close(_centre(near), RED)
    screen.grab().save(str(tmp_path / "panel-after-return.png"))


def test_photos_far_below_the_screen_are_decoded_only_when_scrolled_near(
    make_window, tmp_path, qtbot
):
    content = photo_content(tmp_path / "content")
    window = make_window(content_=content)
    window.show_panel("photos")
    screen = window.panels["photos"]
    near, far = _views(screen)
    qtbot.waitUntil(near.holds_image, timeout=5000)
    assert window.ctx.images.wait_idle(5000)
    bar = screen.scroll_area.verticalScrollBar()
    assert far.mapTo(screen.page, far.rect().topLeft()).y() > 3 * screen.height()
    assert not far.holds_image() and not far.wanted()
    assert str(far.path) not in window.ctx.images.decoded_paths()

    bar.setValue(bar.maximum())
    qtbot.waitUntil(far.holds_image, timeout=5000)
    assert _close(_centre(far), GREEN)
    assert not near.holds_image()  # screens above: let go of
    assert not screen.hero.holds_image()
    assert screen.decoded_photos() == [far]

    bar.setValue(0)
    qtbot.waitUntil(near.holds_image, timeout=5000)
    assert _close(_centre(near), RED)


def test_a_panel_read_to_its_end_by_kiosk_check_keeps_its_photos_until_it_is_left(
    make_window, tmp_path, qtbot
):
    """`kiosk check` reads each panel to its end once per language: the photos it has decoded
    stay for the next reading, and go when the panel is left."""
    content = photo_content(tmp_path / "content")
    window = make_window(content_=content)
    window.show_panel("photos")
    screen = window.panels["photos"]
    near, far = _views(screen)
    screen.hold_photos(True)
    qtbot.waitUntil(near.holds_image, timeout=5000)
    bar = screen.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(far.holds_image, timeout=5000)
    assert near.holds_image() and screen.hero.holds_image()  # far from view, still held
    bar.setValue(0)
    assert far.holds_image()
    assert screen.decoded_photos() == [screen.hero, near, far]

    screen.hold_photos(False)  # as a visitor reads it: what is far from view goes again
    assert not far.holds_image()
    screen.hold_photos(True)
    window.show_home()
    assert screen.decoded_photos() == []
