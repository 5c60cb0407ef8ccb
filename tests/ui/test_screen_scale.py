"""A 4K screen shows the 1080p layout at twice the pixels (kiosk/ui/application.py), with its
photos decoded for the real pixels, not blown up from half-size ones."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kiosk.ui import application
from kiosk.ui.application import layout_scale, prepare_environment
from tests.conftest import REPO, SAMPLE_CONTENT


@pytest.mark.parametrize(
    ("short_side", "scale"),
    [(None, 1.0), (768, 1.0), (1080, 1.0), (1200, 1.0), (1440, 1.25), (2160, 2.0), (4320, 4.0)],
)
def test_the_scale_follows_the_screens_shorter_side(short_side, scale):
    assert layout_scale(short_side) == scale


def test_a_4k_screen_gets_scale_2_unless_site_yaml_or_the_environment_says_otherwise(
    monkeypatch,
):
    from kiosk.content.models import DisplaySettings

    monkeypatch.setattr(application, "screen_size", lambda: (3840, 2160))
    monkeypatch.delenv("QT_SCALE_FACTOR", raising=False)
    prepare_environment(DisplaySettings())
    assert os.environ["QT_SCALE_FACTOR"] == "2"
    monkeypatch.delenv("QT_SCALE_FACTOR")
    prepare_environment(DisplaySettings(scale_factor=1.5))  # the operator's choice wins
    assert os.environ["QT_SCALE_FACTOR"] == "1.5"
    monkeypatch.setenv("QT_SCALE_FACTOR", "1")  # so does the deployer's
    prepare_environment(DisplaySettings())
    assert os.environ["QT_SCALE_FACTOR"] == "1"


PROBE = """
import json, os, sys, tempfile
from pathlib import Path
from datetime import datetime, time, date
from kiosk.offscreen import use_offscreen_screen
use_offscreen_screen(3840, 2160)
from kiosk.commands.screenshots import still_kiosk
from kiosk.services.clock import ManualClock
from kiosk.ui.screenshots import settle
clock = ManualClock(datetime.combine(date.today(), time(12)))
kiosk = still_kiosk(Path(sys.argv[1]), (1920, 1080), clock, Path(tempfile.mkdtemp()))
window = kiosk.window
settle(window)
tile = window.home.tiles[0]
shot = window.grab()
cover = tile._cover.pixmap(tile.size(), tile.devicePixelRatioF())
print(json.dumps({
    "window": [window.width(), window.height()],
    "grab": [shot.width(), shot.height()],
    "tile": [tile.width(), tile.height()],
    "photo": [tile._cover.image.width(), tile._cover.image.height()] if tile._cover.image else None,
    "cover": [cover.width(), cover.height()],
    "body_px": window.ctx.font_px("body"),
}))
kiosk.close()
"""


def test_at_scale_2_the_layout_is_1080ps_and_photos_are_decoded_for_4k(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(SAMPLE_CONTENT)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["window"] == [1920, 1080]  # the same layout as on a 1080p screen
    assert seen["grab"] == [3840, 2160]  # at twice the pixels
    tile_w, tile_h = seen["tile"]
    assert seen["cover"] == [tile_w * 2, tile_h * 2]
    photo_w, photo_h = seen["photo"]
    assert photo_w >= tile_w * 2 or photo_h >= tile_h * 2  # decoded for the 4K pixels
