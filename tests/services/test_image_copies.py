"""Camera photos are decoded once and then from a display-size copy in the kiosk's data folder:
what a screen shows comes from the copy when it is there and large enough, never from a copy
of an older photo, a torn or foreign copy or a link; a full disk costs only the copy; the
folder keeps to its budget; and the kiosk as built keeps its copies in its data folder."""

from __future__ import annotations

import errno
import os
import struct

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.services import image_copies
from kiosk.services.image_copies import ScaledCopies
from kiosk.services.images import ImageCache

RED, GREEN, BLUE, MAGENTA = "#ff0000", "#00ff00", "#0000ff", "#ff00ff"
CAMERA = (2600, 1600)  # 4.2 megapixels: over MIN_SOURCE_PIXELS, as a camera's are


def camera_photo(path, colours=(RED, GREEN, BLUE), size=CAMERA, orientation: int = 0):
    """A JPEG in three vertical bands (left to right as stored); `orientation` writes the EXIF
    tag a camera held upright writes (6: turn 90 degrees clockwise to show)."""
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    for index, colour in enumerate(colours):
        painter.fillRect(index * width // 3, 0, width // 3 + 1, height, QColor(colour))
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path), "JPEG", 90)
    if orientation:
        tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1)
        tiff += struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack(">I", 0)
        app1 = b"Exif\x00\x00" + tiff
        data = path.read_bytes()
        segment = b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1
        path.write_bytes(data[:2] + segment + data[2:])
    return path


def decode(tmp_path, path, size, mode="contain", folder="copies") -> QImage:
    """The image a fresh cache (nothing decoded in memory) delivers for `path` at `size`."""
    cache = ImageCache()
    cache.keep_copies_in(tmp_path / folder)
    got = []
    cache.request(path, QSize(*size), got.append, mode)
    assert cache.wait_idle(10_000)
    cache.shutdown()
    assert got and got[0] is not None, "no image was delivered"
    return got[0]


def the_copy(tmp_path, path):
    folder = ScaledCopies(tmp_path / "copies")
    return folder.folder / folder.name(path, os.stat(path))


def paint_over(copy, colour=MAGENTA) -> None:
    """The copy replaced by a plain picture of the same size: whatever shows it came from it."""
    stored = QImage(str(copy))
    stored.fill(QColor(colour))
    assert stored.save(str(copy), "JPEG", 90)


def colour_at(image: QImage, x: float, y: float) -> str:
    colour = image.pixelColor(int(image.width() * x), int(image.height() * y))
    return min(
        (RED, GREEN, BLUE, MAGENTA),
        key=lambda name: sum(
            abs(a - b) for a, b in zip(colour.getRgb(), QColor(name).getRgb(), strict=True)
        ),
    )


def test_a_camera_photo_is_decoded_once_then_shown_from_its_copy(qtbot, tmp_path):
    photo = camera_photo(tmp_path / "content" / "photo.jpg")
    first = decode(tmp_path, photo, (650, 400))
    assert (first.width(), first.height()) == (650, 400)
    assert [colour_at(first, x, 0.5) for x in (0.15, 0.5, 0.85)] == [RED, GREEN, BLUE]
    copy = the_copy(tmp_path, photo)
    assert QImage(str(copy)).size() == QSize(650, 400)  # the size shown, not the photo's
    assert copy.stat().st_size < photo.stat().st_size / 4
    paint_over(copy)
    again = decode(tmp_path, photo, (650, 400))
    assert colour_at(again, 0.5, 0.5) == MAGENTA  # from the copy: the photo was not decoded
    smaller = decode(tmp_path, photo, (325, 200))
    assert smaller.size() == QSize(325, 200) and colour_at(smaller, 0.5, 0.5) == MAGENTA
    assert photo.read_bytes()[:2] == b"\xff\xd8"  # the operator's photo is never written


def test_a_larger_request_reads_the_photo_again_and_its_copy_grows(qtbot, tmp_path):
    photo = camera_photo(tmp_path / "content" / "photo.jpg")
    decode(tmp_path, photo, (325, 200))
    copy = the_copy(tmp_path, photo)
    paint_over(copy)
    larger = decode(tmp_path, photo, (1300, 800), mode="cover")
    assert larger.size() == QSize(1300, 800) and colour_at(larger, 0.5, 0.5) == GREEN
    assert QImage(str(copy)).size() == QSize(1300, 800)


def test_an_edited_photo_never_meets_the_copy_of_the_old_one(qtbot, tmp_path):
    photo = camera_photo(tmp_path / "content" / "photo.jpg")
    decode(tmp_path, photo, (650, 400))
    paint_over(the_copy(tmp_path, photo))
    camera_photo(photo, colours=(BLUE, BLUE, BLUE))  # the operator saves a new photo over it
    shown = decode(tmp_path, photo, (650, 400))
    assert colour_at(shown, 0.5, 0.5) == BLUE


DAMAGES = {
    "cut short": lambda data: data[: len(data) // 2],
    "not a picture": lambda data: b"\x00" * 500 + b"\xff\xd9",
    "broken inside": lambda data: data[:2] + b"\xff\x00" * 300 + data[-2:],
}


@pytest.mark.qt_log_ignore("Not a JPEG|Corrupt JPEG|contains no image|Invalid JPEG")
@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_copy_is_ignored_and_replaced(qtbot, tmp_path, damage):
    photo = camera_photo(tmp_path / "content" / "photo.jpg")
    decode(tmp_path, photo, (650, 400))
    copy = the_copy(tmp_path, photo)
    copy.write_bytes(DAMAGES[damage](copy.read_bytes()))
    shown = decode(tmp_path, photo, (650, 400))
    assert [colour_at(shown, x, 0.5) for x in (0.15, 0.5, 0.85)] == [RED, GREEN, BLUE]
    assert copy.read_bytes()[-2:] == b"\xff\xd9" and QImage(str(copy)).size() == QSize(650, 400)


def test_a_link_in_place_of_a_copy_is_neither_followed_nor_written_through(qtbot, tmp_path):
    photo = camera_photo(tmp_path / "content" / "photo.jpg")
    elsewhere = camera_photo(tmp_path / "elsewhere.jpg", colours=(MAGENTA,) * 3, size=(650, 400))
    before = elsewhere.read_bytes()
    copy = the_copy(tmp_path, photo)
    copy.parent.mkdir(parents=True)
    copy.symlink_to(elsewhere)
    shown = decode(tmp_path, photo, (650, 400))
    assert colour_at(shown, 0.5, 0.5) == GREEN
    assert elsewhere.read_bytes() == before
    assert not copy.is_symlink() and QImage(str(copy)).size() == QSize(650, 400)


@pytest.mark.parametrize(
    "fault", ["the JPEG cannot be written", "the rename fails", "the disk is nearly full"]
)
def test_a_full_disk_costs_only_the_copy(qtbot, tmp_path, monkeypatch, fault):
    photo = camera_photo(tmp_path / "content" / "photo.jpg")
    if fault == "the JPEG cannot be written":
        monkeypatch.setattr(QImage, "save", lambda *_args: False)
    elif fault == "the disk is nearly full":
        usage = image_copies.shutil.disk_usage(tmp_path)
        almost = usage._replace(free=image_copies.MIN_FREE_BYTES // 2)
        monkeypatch.setattr(image_copies.shutil, "disk_usage", lambda _path: almost)
    else:

        def full(*_args):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(image_copies.os, "replace", full)
    shown = decode(tmp_path, photo, (650, 400))
    assert [colour_at(shown, x, 0.5) for x in (0.15, 0.5, 0.85)] == [RED, GREEN, BLUE]
    assert list((tmp_path / "copies").iterdir()) == []  # no copy, no half-written file


def test_small_pictures_and_pngs_are_decoded_from_themselves(qtbot, tmp_path):
    small = camera_photo(tmp_path / "content" / "small.jpg", size=(1200, 800))
    drawing = tmp_path / "content" / "drawing.png"
    QImage(str(camera_photo(tmp_path / "big.jpg"))).save(str(drawing))
    decode(tmp_path, small, (300, 200))
    decode(tmp_path, drawing, (650, 400))
    decode(tmp_path, camera_photo(tmp_path / "content" / "near.jpg"), (2000, 1230))
    assert not (tmp_path / "copies").exists() or list((tmp_path / "copies").iterdir()) == []


def test_a_turned_photo_comes_upright_from_its_copy_and_fill_gives_the_exact_box(qtbot, tmp_path):
    photo = camera_photo(tmp_path / "content" / "turned.jpg", orientation=6)
    first = decode(tmp_path, photo, (400, 650))
    assert first.size() == QSize(400, 650)  # upright: taller than wide
    # turned clockwise, the stored left band (red) is at the top
    assert [colour_at(first, 0.5, y) for y in (0.15, 0.5, 0.85)] == [RED, GREEN, BLUE]
    assert QImage(str(the_copy(tmp_path, photo))).size() == QSize(400, 650)
    again = decode(tmp_path, photo, (400, 650))
    assert [colour_at(again, 0.5, y) for y in (0.15, 0.5, 0.85)] == [RED, GREEN, BLUE]
    box = decode(tmp_path, photo, (300, 300), mode="fill")
    assert box.size() == QSize(300, 300) and colour_at(box, 0.5, 0.5) == GREEN


def test_the_copies_folder_keeps_to_its_budget_the_longest_unused_out(qtbot, tmp_path):
    photos = [camera_photo(tmp_path / "content" / f"p{n}.jpg") for n in range(3)]
    copies = ScaledCopies(tmp_path / "copies")
    image = QImage(650, 400, QImage.Format.Format_RGB32)
    image.fill(QColor(GREEN))
    copies.folder.mkdir()
    (copies.folder / ".left-by-a-power-cut.jpg.123.tmp").write_bytes(b"\xff\xd8" * 10_000)
    copies.keep(photos[0], os.stat(photos[0]), image)
    assert not (copies.folder / ".left-by-a-power-cut.jpg.123.tmp").exists()
    one = sum(path.stat().st_size for path in copies.folder.iterdir())
    copies.budget_bytes = int(one * 2.5)
    copies.keep(photos[1], os.stat(photos[1]), image)
    for copy in copies.folder.iterdir():
        os.utime(copy, (1, 1))  # both made long ago
    assert copies.read(photos[0], os.stat(photos[0]), QSize(650, 400)) is not None  # shown now
    copies.keep(photos[2], os.stat(photos[2]), image)
    kept = sorted(path.name for path in copies.folder.iterdir())
    assert sum(path.stat().st_size for path in copies.folder.iterdir()) <= copies.budget_bytes
    assert kept == sorted(copies.name(photos[n], os.stat(photos[n])) for n in (0, 2))


def test_the_kiosk_keeps_the_copies_of_a_panels_camera_photos_in_its_data_folder(
    kiosk, tmp_path, qtbot
):
    from tests.services.kit import panel, write_content

    root = tmp_path / "content"
    camera_photo(root / "images" / "camera.jpg")
    block = {"type": "image", "image": "images/camera.jpg"}
    write_content(root, None, [panel("alpha", "Hello", blocks=[block])])
    running = kiosk(content=None, size=(1280, 800))
    assert running.kiosk.initial.folder.ok, running.kiosk.initial.folder.problems
    running.window.show_panel("alpha")
    folder = running.data_dir / image_copies.FOLDER
    qtbot.waitUntil(lambda: folder.is_dir() and any(folder.glob("*.jpg")), timeout=10_000)
    (copy,) = folder.glob("*.jpg")
    assert QImage(str(copy)).width() < CAMERA[0] / 2
