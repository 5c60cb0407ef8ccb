"""A film in the operator's content: `kiosk validate` finds every mistake in the video and
caption files, with the caption file's own line, and a good film loads."""

from __future__ import annotations

from kiosk.content.loader import load_content
from kiosk.content.views import VideoBlock
from tests.content.build import INDUSTRY, PNG, TODAY, make_content
from tests.content.test_media import box

MP4 = box(b"ftyp", b"isom\0\0\2\0isomiso2avc1mp41") + box(b"moov", b"\0" * 32) + box(b"mdat")
VTT_EN = "WEBVTT\n\n00:00.500 --> 00:03.000\nWelcome to E-Town\n"
VTT_ZH = "WEBVTT\n\n00:00.500 --> 00:03.000\n欢迎来到亦庄\n"

FILM = """\
  - type: video
    title: {zh: 亦庄一览, en: E-Town at a glance}
    video: videos/tour.mp4
    poster: images/hero.png
    captions:
      zh: videos/tour.zh.vtt
      en: videos/tour.en.vtt
"""
FIRST = INDUSTRY.count("\n") + 1  # the film block's first line in the panel file


def with_film(film: str = FILM, **files: str | bytes | None) -> dict:
    """The sample industry panel with a film block, and its files (overridable)."""
    wanted: dict[str, str | bytes | None] = {
        "panels/industry.yaml": INDUSTRY + film,
        "videos/tour.mp4": MP4,
        "videos/tour.zh.vtt": VTT_ZH,
        "videos/tour.en.vtt": VTT_EN,
    }
    wanted.update(
        {name.replace("__", "/").replace("_dot_", "."): data for name, data in files.items()}
    )
    return wanted


def load(tmp_path, files: dict):
    make_content(tmp_path, files)
    return load_content(tmp_path, TODAY)


def test_a_film_with_its_poster_and_captions_loads(tmp_path):
    result = load(tmp_path, with_film())
    assert result.errors == [], [p.format() for p in result.errors]
    block = result.content.panels["industry"].blocks[-1]
    assert isinstance(block, VideoBlock)
    assert result.content.video_files() == ["videos/tour.mp4"]
    assert result.content.caption_files() == ["videos/tour.en.vtt", "videos/tour.zh.vtt"]


def test_a_fake_video_is_refused_at_the_line_that_names_it(tmp_path):
    result = load(tmp_path, {**with_film(), "videos/tour.mp4": PNG})
    assert result.content is None
    (error,) = result.errors
    assert (error.file, error.line, error.field) == (
        "panels/industry.yaml",
        FIRST + 2,
        "blocks[2].video",
    )
    assert "'videos/tour.mp4' is not an MP4 or WebM video" in error.message


def test_a_cut_off_video_is_refused(tmp_path):
    cut = MP4[: MP4.index(b"moov") - 4]  # the export stopped before the index
    result = load(tmp_path, {**with_film(), "videos/tour.mp4": cut})
    (error,) = result.errors
    assert "without its index ('moov')" in error.message


def test_a_missing_video_suggests_the_file_that_is_there(tmp_path):
    files = with_film(FILM.replace("videos/tour.mp4", "videos/tuor.mp4"))
    (error,) = load(tmp_path, files).errors
    assert error.message == "video file 'videos/tuor.mp4' not found"
    assert error.suggestion == "did you mean 'videos/tour.mp4'?"


def test_a_broken_caption_is_reported_at_its_line_in_the_caption_file(tmp_path):
    broken = "WEBVTT\n\n00:00.500 --> 00:03.000\nWelcome\n\n00:04.000 -> 00:06.000\nOops\n"
    result = load(tmp_path, {**with_film(), "videos/tour.en.vtt": broken})
    assert result.content is None
    (error,) = result.errors
    assert (error.file, error.line) == ("videos/tour.en.vtt", 6)
    assert "00:04.000 -> 00:06.000" in error.message
    assert "-->" in error.message  # the form it expected


def test_a_caption_file_that_is_not_there_is_reported_at_the_yaml_line(tmp_path):
    result = load(tmp_path, {**with_film(), "videos/tour.en.vtt": None})
    (error,) = result.errors
    assert (error.file, error.line, error.field) == (
        "panels/industry.yaml",
        FIRST + 6,
        "blocks[2].captions.en",
    )
    assert "'videos/tour.en.vtt' not found" in error.message


def test_a_link_out_of_the_folder_is_refused_for_a_video(tmp_path):
    outside = tmp_path / "outside.mp4"
    outside.write_bytes(MP4)
    files = with_film()
    files.pop("videos/tour.mp4")
    make_content(tmp_path / "c", files)
    (tmp_path / "c/videos/tour.mp4").symlink_to(outside)
    (error,) = load_content(tmp_path / "c", TODAY).errors
    assert "outside the content folder" in error.message


def test_a_film_without_english_captions_is_warned_about(tmp_path):
    film = FILM.replace("      en: videos/tour.en.vtt\n", "")
    result = load(tmp_path, with_film(film))
    assert result.errors == []
    (warning,) = [w for w in result.warnings if "captions" in w.field]
    assert warning.field == "blocks[2].captions"
    assert "no 'en' captions" in warning.message
    assert "en: videos/film.en.vtt" in warning.message


def test_changing_a_caption_file_changes_the_content_version(tmp_path):
    first = load(tmp_path, with_film()).content.version
    (tmp_path / "videos/tour.en.vtt").write_text(VTT_EN + "\n00:03.000 --> 00:05.000\nMore\n")
    import os

    os.utime(tmp_path / "videos/tour.en.vtt", ns=(1, 2_000_000_000_000_000_000))
    assert load_content(tmp_path, TODAY).content.version != first


def test_attract_items_take_pictures_and_films_in_order(tmp_path):
    from tests.content.build import SITE

    site = SITE + (
        "attract:\n  items:\n    - {image: images/hero.png}\n"
        "    - {video: videos/tour.mp4, sound: true}\n"
    )
    result = load(tmp_path, {**with_film(), "site.yaml": site})
    assert result.errors == [], [p.format() for p in result.errors]
    items = result.content.site.attract.slides()
    assert [(str(i.image or i.video), i.sound) for i in items] == [
        ("images/hero.png", False),
        ("videos/tour.mp4", True),
    ]


def test_an_attract_item_with_both_a_picture_and_a_film_is_refused_with_an_example(tmp_path):
    from tests.content.build import SITE

    site = SITE + "attract:\n  items:\n    - {image: images/hero.png, video: videos/tour.mp4}\n"
    (error,) = load(tmp_path, {**with_film(), "site.yaml": site}).errors
    assert error.file == "site.yaml"
    assert "give either `image:` or `video:`" in error.message
