"""ImageCache decodes off the UI thread at the size asked, within a byte budget; ImageView
shows a tidy placeholder for missing or broken files and survives its own deletion."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QSize, QThread
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.services.images import ImageCache
from kiosk.ui.image_view import ImageView
from tests.ui.blocks import samples
from tests.ui.blocks.conftest import save_image
from tests.ui.conftest import shown


def test_decodes_at_requested_size_off_the_ui_thread(qapp, tmp_path):
    path = save_image(tmp_path / "big.jpg", 4000, 2000)
    cache = ImageCache()
    got = []
    cache.request(path, QSize(400, 300), lambda image: got.append((image, QThread.currentThread())))
    assert got == []  # not decoded on the spot
    assert cache.wait_idle(5000)
    image, thread = got[0]
    assert thread is qapp.thread()  # delivered on the UI thread
    assert (image.width(), image.height()) == (600, 300)  # covers 400x300, not 4000x2000
    contain = []
    cache.request(path, QSize(400, 300), contain.append, mode="contain")
    assert cache.wait_idle(5000)
    assert (contain[0].width(), contain[0].height()) == (400, 200)


def test_cache_hit_answers_at_once_and_evicts_past_budget(qapp, tmp_path):
    paths = [save_image(tmp_path / f"img{i}.png", 1000, 1000) for i in range(3)]
    cache = ImageCache(budget_bytes=2 * 400 * 400 * 4 + 100)
    for path in paths:
        cache.request(path, QSize(400, 400), lambda image: None)
        assert cache.wait_idle(5000)
    assert len(cache) == 2
    assert cache.cached_bytes <= cache.budget_bytes
    hit = []
    cache.request(paths[2], QSize(400, 400), hit.append)
    assert len(hit) == 1 and hit[0].width() == 400  # from the cache, synchronously
    miss = []
    cache.request(paths[0], QSize(400, 400), miss.append)
    assert miss == []  # the oldest was evicted, decoded again
    assert cache.wait_idle(5000) and len(miss) == 1


def test_changed_file_is_decoded_again(qapp, tmp_path):
    import os

    path = save_image(tmp_path / "a.png", 800, 400)
    cache = ImageCache()
    first = []
    cache.request(path, QSize(200, 100), first.append)
    cache.wait_idle(5000)
    save_image(path, 400, 800)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    second = []
    cache.request(path, QSize(200, 100), second.append)
    cache.wait_idle(5000)
    assert first[0].height() == 100 and second[0].height() == 400


def test_missing_and_corrupt_images_show_the_placeholder(show_block, ctx):
    for name in ("missing.jpg", "corrupt.jpg"):
        widget = show_block(samples.block({**samples.IMAGE, "image": f"images/{name}"}))
        assert widget.view.is_placeholder()
        assert widget.view.image() is None
        texts = [shown(label) for label in widget.findChildren(QLabel) if label.isVisible()]
        assert texts == ["亦庄新城夜景", "经开区宣传部"]  # no error text
        image = widget.view.grab().toImage()
        centre = image.pixelColor(image.width() // 2, image.height() // 2)
        corner = image.pixelColor(image.width() // 2, 4)
        assert centre != corner  # the image-off icon is drawn on the neutral panel


def test_corrupt_file_in_cache_answers_none(qapp, content_root):
    cache = ImageCache()
    got = []
    cache.request(content_root / "images" / "corrupt.jpg", QSize(100, 100), got.append)
    cache.wait_idle(5000)
    assert got == [None]


class Receiver(QLabel):
    def __init__(self):
        super().__init__()
        self.got = []

    def take(self, image) -> None:
        self.setText("arrived")  # touches the C++ object: raises if it was deleted
        self.got.append(image)


def test_answer_for_a_deleted_widget_is_ignored(qapp, content_root):
    path = save_image(content_root / "images" / "late.jpg", 3000, 2000)
    cache = ImageCache()
    alive, doomed = Receiver(), Receiver()
    cache.request(path, QSize(600, 400), doomed.take)
    cache.request(path, QSize(600, 400), alive.take)
    doomed.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(doomed)
    assert cache.wait_idle(5000)  # delivering raises nothing
    assert doomed.got == [] and len(alive.got) == 1
    alive.deleteLater()


def test_image_view_requests_its_shown_size(qapp, ctx, content_root, qtbot):
    view = ImageView(ctx.images, content_root / "images" / "photo.jpg", mode="cover")
    qtbot.addWidget(view)
    view.resize(320, 180)
    view.show()
    qtbot.waitUntil(lambda: view.image() is not None)
    assert view.image().width() == 320
    view.resize(640, 360)
    qtbot.waitUntil(lambda: view.image().width() == 640)
