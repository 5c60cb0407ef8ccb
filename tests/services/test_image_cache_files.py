"""The image cache reads photos as the loader does: a named pipe swapped in after validation is
refused at once, and neither the decoding workers nor the UI thread ever wait on it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from kiosk.services.images import ImageCache

REPO = Path(__file__).resolve().parents[2]


def photo(path, color="#336699") -> None:
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))


def test_a_pipe_in_place_of_a_photo_is_refused_and_the_next_photo_still_arrives(qtbot, tmp_path):
    cache = ImageCache()
    pipes = []
    for name in ("a.jpg", "b.jpg", "c.jpg"):  # more pipes than the cache has workers
        os.mkfifo(tmp_path / name)
        pipes.append(tmp_path / name)
    good = tmp_path / "good.png"
    photo(good)
    results: dict[str, object] = {}
    for path in [*pipes, good]:
        cache.request(path, QSize(400, 300), lambda image, n=path.name: results.update({n: image}))
    qtbot.waitUntil(lambda: len(results) == 4, timeout=5000)
    assert [results[p.name] for p in pipes] == [None, None, None]
    image = results["good.png"]
    assert isinstance(image, QImage) and image.width() == 400
    assert cache.source_size(pipes[0]) == QSize()  # the UI thread's size query does not wait
    assert cache.source_size(good) == QSize(800, 600)


def test_shutdown_leaves_no_decode_running_and_answers_nothing_late(qtbot, tmp_path):
    """The kiosk closes its image cache before Python exits: no worker outlives it."""
    cache = ImageCache()
    paths = []
    for index in range(40):
        paths.append(tmp_path / f"p{index}.png")
        photo(paths[-1], f"#33{index:04d}")
    late: list[object] = []
    for path in paths:
        cache.request(path, QSize(400, 300), late.append)
    cache.shutdown()
    assert cache._pool.activeThreadCount() == 0
    delivered = len(late)
    qtbot.wait(200)  # answers already queued may still arrive; none is started after shutdown
    assert len(late) <= delivered + cache._pool.maxThreadCount()
    assert len(late) < len(paths)


def test_a_picture_is_decoded_as_what_its_first_bytes_say_never_by_guessing(qtbot, tmp_path):
    """The decoder names the format from the file's signature (validation's own list): it runs
    no other plugin's probe on its thread (the SVG probe once deadlocked the UI thread)."""
    svg = tmp_path / "drawing.png"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>')
    good = tmp_path / "good.png"
    photo(good)
    cache = ImageCache()
    results: dict[str, object] = {}
    for path in (svg, good):
        cache.request(path, QSize(400, 300), lambda image, n=path.name: results.update({n: image}))
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    assert results["drawing.png"] is None
    assert isinstance(results["good.png"], QImage)


EXIT_WITH_DECODES_RUNNING = """
import pathlib, sys
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from kiosk.services.images import ImageCache
app = QApplication([])
cache = ImageCache()
photos = sorted(pathlib.Path(sys.argv[1]).glob("*.jpg"))
for index in range(40):
    cache.request(photos[index % len(photos)], QSize(1900 + index, 1000), lambda image: None)
print("asked")
"""


def test_a_process_that_exits_with_decodes_running_exits_cleanly():
    """A script or command that never calls shutdown(): without the exit hook 8-9 exits in
    20 died of SIGSEGV or SIGBUS (a worker decoding while Qt tore down), leaving core files."""
    photos = REPO / "content" / "images"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(8):
        done = subprocess.run(
            [sys.executable, "-c", EXIT_WITH_DECODES_RUNNING, str(photos)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert (done.returncode, done.stdout.strip()) == (0, "asked"), done.stderr


SIZES_AND_DECODES = """
import pathlib, sys
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from kiosk.services.images import ImageCache
app = QApplication([])
cache = ImageCache()
for path in sys.argv[1:]:
    print(cache.source_size(pathlib.Path(path)).width())
    cache.request(pathlib.Path(path), QSize(400, 300), lambda image: None)
cache.wait_idle()
maps = open("/proc/self/maps").read().splitlines()
print(*sorted({line.split("/")[-1] for line in maps if "imageformats" in line}))
"""


def test_sizing_a_picture_names_its_format_too_and_loads_no_other_image_plugin(tmp_path):
    """The viewer's size question and the decodes read the format the file's first bytes say:
    guessing would load every image plugin Qt has (PDF, SVG, TIFF, ... with the libraries they
    bring: about 3 MiB resident for the kiosk's life) and run their probes."""
    png, svg = tmp_path / "a.png", tmp_path / "b.png"
    photo(png)
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>')
    jpeg = REPO / "content" / "images" / "hero-industry.jpg"
    done = subprocess.run(
        [sys.executable, "-c", SIZES_AND_DECODES, str(png), str(svg), str(jpeg)],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    *widths, plugins = done.stdout.splitlines()
    assert int(widths[0]) > 0 and widths[1] == "-1" and int(widths[2]) > 0
    assert plugins == "libqjpeg.so"
