"""What the office sees of a kiosk without logging in: pictures of the screen on request and
on a timer, status.json, and metrics that tell a stuck screen from a dead one."""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
import time
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kiosk.services import status
from kiosk.services.clock import ManualClock
from kiosk.services.fleet import FleetOptions
from tests.kiosk_kit import start_kiosk
from tests.services.kit import NO_IDLE
from tests.touch import tap

NOW = datetime(2026, 5, 4, 10, 0)


@pytest.fixture
def kiosk(qtbot, tmp_path):
    started = []

    def start(**options):
        fleet = FleetOptions(kiosk_id="lobby-west", **options)
        clock = ManualClock(NOW)
        running = start_kiosk(qtbot, tmp_path, clock, site={"idle": NO_IDLE}, fleet=fleet)
        started.append(running)
        return running

    yield start
    for running in started:
        running.kiosk.close()


def pictures(folder) -> list[str]:
    return sorted(p.name for p in folder.glob("screen-*.jpg"))


def difference(a: QImage, b: QImage) -> float:
    """Mean difference per channel (0-255) of two pictures of the same size, on a grid."""
    total = count = 0
    for y in range(0, a.height(), 17):
        for x in range(0, a.width(), 17):
            one, two = a.pixelColor(x, y), b.pixelColor(x, y)
            total += abs(one.red() - two.red()) + abs(one.green() - two.green())
            total += abs(one.blue() - two.blue())
            count += 3
    return total / count


def test_a_dropped_request_gives_a_picture_of_what_the_screen_shows(kiosk, qtbot, tmp_path):
    folder = tmp_path / "status"
    running = kiosk(status_dir=folder, picture_minutes=0)  # on request only
    tap(running.window.home.tiles[0])
    panel = running.window.current_panel_id()
    assert panel is not None
    assert pictures(folder) == [] if folder.exists() else True

    (folder / status.REQUEST_FILE).parent.mkdir(parents=True, exist_ok=True)
    (folder / status.REQUEST_FILE).write_text("")
    qtbot.waitUntil(lambda: len(pictures(folder)) == 1, timeout=3000)
    assert not (folder / status.REQUEST_FILE).exists()  # answered
    (name,) = pictures(folder)
    version = running.controller.content.version
    assert name == f"screen-20260504-100000-{version}.jpg"

    picture = QImage(str(folder / name))
    assert max(picture.width(), picture.height()) <= 960
    shown = (
        running.window.grab()
        .toImage()
        .scaled(
            picture.size(),
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )
    assert difference(picture, shown) < 6  # the panel on screen, not home, not black
    home = running.window
    home.show_home()
    qtbot.wait(50)
    at_home = (
        home.grab()
        .toImage()
        .scaled(
            picture.size(),
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )
    assert difference(picture, at_home) > difference(picture, shown)

    said = json.loads((folder / status.STATUS_FILE).read_text(encoding="utf-8"))
    assert said["latest_picture"] == name
    assert said["kiosk_id"] == "lobby-west"
    assert said["content_version"] == version
    assert said["since_start"]["panel_views"] == 1
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left


def test_sigusr1_asks_for_a_picture_too(kiosk, qtbot, tmp_path):
    folder = tmp_path / "status"
    kiosk(status_dir=folder, picture_minutes=0)
    os.kill(os.getpid(), signal.SIGUSR1)
    qtbot.waitUntil(lambda: len(pictures(folder)) == 1, timeout=3000)


def test_status_json_follows_what_the_screen_shows(kiosk, qtbot, tmp_path):
    folder = tmp_path / "status"
    running = kiosk(status_dir=folder, picture_minutes=0)
    read = lambda: json.loads((folder / status.STATUS_FILE).read_text(encoding="utf-8"))  # noqa: E731
    qtbot.waitUntil(lambda: (folder / status.STATUS_FILE).exists(), timeout=3000)
    assert read()["screen"] == "home" and read()["shown_layers"] == []
    assert read()["errors"] == 0 and read()["showing_last_good_copy"] is False
    running.controller._attract()  # the idle kiosk begins its loop
    qtbot.waitUntil(lambda: read()["shown_layers"] == ["attract"], timeout=3000)
    (running.content_dir / "site.yaml").write_text("title: [\n", encoding="utf-8")
    qtbot.waitUntil(lambda: read()["errors"] == 1, timeout=5000)
    assert read()["first_errors"][0].startswith("site.yaml:")


def test_pictures_taken_every_few_minutes_keep_only_the_newest(tmp_path):
    folder = tmp_path / "status"
    folder.mkdir()
    for minute in range(30):
        name = status.picture_name(datetime(2026, 5, 4, 10, minute), "abc123")
        (folder / name).write_bytes(b"jpeg")
    (folder / "notes.txt").write_text("mine")
    kept = status.prune_pictures(folder, keep=24)
    assert kept == pictures(folder) and len(kept) == 24
    assert kept[0] == "screen-20260504-100600-abc123.jpg"  # the six oldest went
    assert (folder / "notes.txt").exists()  # nothing else is touched


def test_a_picture_timer_fills_the_folder(kiosk, qtbot, tmp_path):
    folder = tmp_path / "status"
    running = kiosk(status_dir=folder, picture_minutes=0.005)  # every 0.3 s
    qtbot.waitUntil(lambda: len(pictures(folder)) >= 1, timeout=5000)
    running.clock.advance(seconds=1)  # a new time in the next name
    qtbot.waitUntil(lambda: len(pictures(folder)) >= 2, timeout=5000)


def test_a_folder_that_cannot_be_written_is_logged_once_and_the_kiosk_goes_on(
    kiosk, qtbot, tmp_path, caplog
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    caplog.set_level(logging.WARNING)
    running = kiosk(
        metrics_dir=blocked / "metrics", status_dir=blocked / "status", picture_minutes=0
    )
    running.controller.fleet.take_picture()
    running.controller.fleet.metrics.write()
    running.controller.fleet.metrics.write()
    tap(running.window.home.tiles[0])
    assert running.window.current_panel_id() is not None
    metrics_lines = [r for r in caplog.records if "cannot write the metrics file" in r.message]
    assert len(metrics_lines) == 1
    assert any("cannot save a picture of the screen" in r.message for r in caplog.records)


def test_a_stuck_screen_shows_as_a_stale_heartbeat_in_a_fresh_file(kiosk, qtbot, tmp_path):
    folder = tmp_path / "metrics"
    running = kiosk(metrics_dir=folder)
    metrics = running.controller.fleet.metrics
    metrics.write_every = 0.3
    metrics.changed()
    prom = folder / "kiosk.prom"
    qtbot.waitUntil(prom.exists, timeout=3000)

    def heartbeat() -> float:
        for line in prom.read_text().splitlines():
            if line.startswith("kiosk_heartbeat_timestamp_seconds "):
                return float(line.split()[1])
        raise AssertionError("no heartbeat")

    beat = heartbeat()
    written = prom.stat().st_mtime
    time.sleep(2.5)  # the GUI loop is stuck (this test holds it)
    assert prom.stat().st_mtime > written + 1  # the file is still rewritten...
    assert heartbeat() == beat  # ...with a heartbeat that stopped
    running.controller.fleet.beat()  # the loop runs again
    qtbot.waitUntil(lambda: heartbeat() > beat, timeout=3000)
    assert threading.active_count() >= 2
