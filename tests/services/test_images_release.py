"""The image cache lets go of a photo its screen no longer shows, decodes `fill` images to
exactly the pixels asked (the middle of a covering image), and reads big photos at display
size."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.services.images import ImageCache


def photo(path, width=1200, height=800) -> None:
    """Left third red, middle green, right third blue."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    for index, colour in enumerate(("#ff0000", "#00ff00", "#0000ff")):
        painter.fillRect(index * width // 3, 0, width // 3 + 1, height, QColor(colour))
    painter.end()
    assert image.save(str(path))


def test_a_released_photo_leaves_the_cache(qtbot, tmp_path):
    path = tmp_path / "a.png"
    photo(path)
    cache = ImageCache()
    got = []
    cache.request(path, QSize(300, 200), got.append)
    assert cache.wait_idle(5000) and got[0] is not None
    assert cache.decoded_paths() == {str(path)} and cache.cached_bytes > 0
    cache.release(path, QSize(300, 200))
    assert cache.decoded_paths() == set() and cache.cached_bytes == 0
    again = []
    cache.request(path, QSize(300, 200), again.append)
    assert again == []  # decoded anew, off the UI thread
    assert cache.wait_idle(5000) and again[0].width() == 300


def test_a_decode_released_before_it_arrives_is_neither_delivered_nor_kept(qtbot, tmp_path):
    paths = []
    for index in range(6):
        paths.append(tmp_path / f"p{index}.png")
        photo(paths[-1], 3000, 2000)
    cache = ImageCache()
    got: dict[str, object] = {}
    for path in paths:
        cache.request(path, QSize(600, 400), lambda image, n=path.name: got.update({n: image}))
    for path in paths[1:]:
        cache.release(path, QSize(600, 400))
    assert cache.wait_idle(5000)
    qtbot.wait(300)  # any decode already running has answered by now
    assert set(got) <= {"p0.png"}
    assert cache.decoded_paths() <= {str(paths[0])}
    assert cache.cached_bytes == sum(
        image.sizeInBytes() for image in got.values() if isinstance(image, QImage)
    )


def test_fill_decodes_exactly_the_box_from_the_middle(qtbot, tmp_path):
    path = tmp_path / "wide.png"
    photo(path, 1200, 400)
    cache = ImageCache()
    got = []
    cache.request(path, QSize(200, 200), got.append, mode="fill")
    assert cache.wait_idle(5000)
    image = got[0]
    assert (image.width(), image.height()) == (200, 200)
    # 1200x400 covering 200x200 is 600x200; its middle 200 px are the green third
    for x in (2, 100, 197):
        colour = image.pixelColor(x, 100)
        assert colour.green() > 200 and colour.red() < 60 and colour.blue() < 60, (x, colour)


def test_a_fault_while_decoding_costs_the_picture_and_never_stalls_the_cache(
    qtbot, tmp_path, monkeypatch
):
    import kiosk.services.images as images

    def broken(*_args):
        raise RuntimeError("a bug in the decoder")

    path = tmp_path / "a.png"
    photo(path)
    monkeypatch.setattr(images, "_decode", broken)
    cache = ImageCache()
    got = []
    cache.request(path, QSize(300, 200), got.append)
    assert cache.wait_idle(5000)
    assert got == [None]  # the placeholder is shown; the screen goes on
