"""`kiosk self-test`'s video check, with the real player (QtMultimedia's FFmpeg backend): the
first frame of every video decodes, and a video that is cut off fails the check by its name."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.commands.self_test import check_videos
from tests.conftest import SAMPLE_CONTENT

SAMPLE_FILM = SAMPLE_CONTENT / "videos" / "etown-tour.mp4"
SAMPLE_LOOP = SAMPLE_CONTENT / "videos" / "attract-loop.mp4"
LOOP_SIZE = "1920x1080" if SAMPLE_LOOP.is_file() else "640x360"
FILM_BLOCK = """\
  - type: video
    video: videos/film.mp4
    poster: images/hero.png
"""
ATTRACT = """\
attract:
  items:
    - {image: images/hero.png}
    - {video: videos/loop.mp4}
"""


def make_film(path: Path, size: str, sound: bool) -> None:
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "the sample's films are missing, and ffmpeg too: apt-get install ffmpeg"
    audio = ["-f", "lavfi", "-i", "sine=duration=2", "-c:a", "aac"] if sound else []
    video = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate=30:duration=2"]
    codec = ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-shortest", "-loglevel", "error"]
    subprocess.run([ffmpeg, "-y", *video, *audio, *codec, str(path)], check=True, timeout=60)


@pytest.fixture
def film_content(tiny_content: Path) -> Path:
    """The tiny content with a film on its panel (the sample's tour when there is one) and a
    silent film in its attract loop."""
    videos = tiny_content / "videos"
    videos.mkdir()
    if SAMPLE_FILM.is_file() and SAMPLE_LOOP.is_file():
        shutil.copy(SAMPLE_FILM, videos / "film.mp4")
        shutil.copy(SAMPLE_LOOP, videos / "loop.mp4")
    else:  # (content without the sample's films)
        make_film(videos / "film.mp4", "1280x720", sound=True)
        make_film(videos / "loop.mp4", "640x360", sound=False)
    panel = tiny_content / "panels" / "industry.yaml"
    panel.write_text(panel.read_text(encoding="utf-8") + FILM_BLOCK, encoding="utf-8")
    site = tiny_content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + ATTRACT, encoding="utf-8")
    return tiny_content


def load(root: Path):
    from kiosk.content.loader import load_content

    result = load_content(root)
    assert result.content is not None and not result.errors, [p.format() for p in result.errors]
    return result.content


def test_every_video_shows_its_first_frame(capsys, film_content):
    main(["self-test", "--json", "--content", str(film_content)])  # registered in run_checks
    report = json.loads(capsys.readouterr().out)
    video = next(check for check in report["checks"] if check["name"] == "video")
    assert video["ok"], video
    film, loop = video["detail"].split("; ")
    assert film.startswith("videos/film.mp4: first frame 1280x720 (") and film.endswith(" s)")
    assert loop.startswith(f"videos/loop.mp4: first frame {LOOP_SIZE} (")


@pytest.mark.qt_log_ignore("Could not open media")  # QtMultimedia's word for it
def test_a_cut_off_video_fails_the_check_by_its_name(film_content):
    content = load(film_content)  # valid when loaded; cut off on disk afterwards
    film = film_content / "videos" / "film.mp4"
    film.write_bytes(film.read_bytes()[:2048])
    check = check_videos(content)
    assert not check.ok
    assert check.detail.startswith("videos/film.mp4: ")
    assert "first frame" not in check.detail.split("; ")[0], check.detail
    assert f"videos/loop.mp4: first frame {LOOP_SIZE}" in check.detail  # the others still checked


def test_a_truncated_video_is_already_refused_as_content(capsys, film_content):
    film = film_content / "videos" / "film.mp4"
    film.write_bytes(film.read_bytes()[:2048])
    status = main(["self-test", "--json", "--content", str(film_content)])
    report = json.loads(capsys.readouterr().out)
    assert status == 1
    content = report["checks"][0]
    assert content["name"] == "content" and not content["ok"]
    assert "videos/film.mp4" in content["detail"]


def test_content_without_videos_passes(tiny_content):
    check = check_videos(load(tiny_content))
    assert check.ok and check.detail == "no videos"


@pytest.mark.qt_log_ignore("Could not open media")  # opening cut short: "Immediate exit"
def test_a_video_with_no_frame_in_time_fails(film_content):
    check = check_videos(load(film_content), timeout=0)
    assert not check.ok
    assert "videos/film.mp4: no frame in 0 s" in check.detail


def test_no_video_backend_fails_at_once_and_says_so(film_content, monkeypatch):
    from kiosk.commands import self_test

    monkeypatch.setattr(self_test, "_video_backend", lambda: False)
    check = check_videos(load(film_content))
    assert not check.ok
    assert check.detail.startswith("no video backend: QtMultimedia's FFmpeg plugin did not load")
