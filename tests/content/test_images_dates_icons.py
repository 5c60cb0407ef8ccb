"""Image paths as operators mistype them, figures around leap days, and icon names."""

from __future__ import annotations

import errno
import re
from datetime import date

import pytest

from kiosk.content import checks, image_header
from kiosk.content.icons import check_icon_name, icon_glyph
from kiosk.content.loader import load_content
from tests.content.build import HISTORY, INDUSTRY, PNG, SITE, TODAY, make_content


def hero_line(root, path: str, files: dict | None = None) -> str:
    make_content(
        root, {"panels/industry.yaml": INDUSTRY.replace("images/hero.png", path), **(files or {})}
    )
    result = load_content(root, TODAY)
    [problem] = result.problems
    return problem.format()


AT = "panels/industry.yaml:5:13: error: hero_image: "


@pytest.mark.parametrize(
    "path", ["/srv/hero.png", "\\srv\\hero.png", "C:/photos/hero.png", "c:\\hero.png"]
)
def test_absolute_paths_of_any_system_are_refused_with_an_example(tmp_path, path):
    assert hero_line(tmp_path, path) == (
        f"{AT}{path!r} is an absolute path; give a path inside the content folder like "
        "'images/hero.jpg'"
    )


@pytest.mark.parametrize("path", ["../hero.png", "images\\..\\..\\hero.png"])
def test_leaving_the_folder_is_refused_with_either_slash(tmp_path, path):
    (tmp_path / "hero.png").write_bytes(PNG)
    assert hero_line(tmp_path / "c", path) == (
        f"{AT}{path!r} leaves the content folder ('..'); keep images inside it"
    )


def test_a_link_out_of_the_folder_is_named_and_where_it_leads_is_not(tmp_path):
    (tmp_path / "outside.png").write_bytes(PNG)
    make_content(tmp_path / "c")
    (tmp_path / "c/images/link.png").symlink_to(tmp_path / "outside.png")
    assert hero_line(tmp_path / "c", "images/link.png") == (
        f"{AT}'images/link.png' is a link that leads outside the content folder; "
        "copy the file into the folder instead of linking to it"
    )


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        ("image/hero.png", "images/hero.png"),
        ("imgs/heros.png", "images/hero.png"),
        ("Images/hero.png", "images/hero.png"),
    ],
)
def test_an_image_under_a_misspelled_folder_suggests_the_real_path(tmp_path, path, hint):
    assert (
        hero_line(tmp_path, path) == f"{AT}image file {path!r} not found (did you mean '{hint}'?)"
    )


@pytest.mark.parametrize("path", ["photos/hero.png", "images/zzz.png", "images/hero.png/x.png"])
def test_a_missing_image_with_nothing_like_it_has_no_suggestion(tmp_path, path):
    assert hero_line(tmp_path, path) == f"{AT}image file {path!r} not found"


def test_a_suggestion_is_only_ever_a_file(tmp_path):
    make_content(tmp_path, {"images/heroes/a.png": PNG})
    (tmp_path / "images/hero.png").unlink()
    assert hero_line(tmp_path, "images/heroe") == f"{AT}image file 'images/heroe' not found"


def test_a_folder_named_like_an_image_has_no_suggestion(tmp_path):
    make_content(tmp_path)
    (tmp_path / "images/hero.png").unlink()
    (tmp_path / "images/hero.png").mkdir()
    assert [p.format() for p in load_content(tmp_path, TODAY).problems] == [
        f"{AT}'images/hero.png' is a folder, not an image file"
    ]


def test_an_empty_image_file_is_called_empty(tmp_path):
    assert hero_line(tmp_path, "images/blank.png", {"images/blank.png": b""}) == (
        f"{AT}'images/blank.png' is empty (judged by its content, not its name)"
    )


def test_a_sound_file_is_not_taken_for_a_webp_image(tmp_path):
    wav = b"RIFF\x24\x00\x00\x00WAVEfmt "
    assert hero_line(tmp_path, "images/hero.webp", {"images/hero.webp": wav}) == (
        f"{AT}'images/hero.webp' is not a PNG, JPEG, GIF, WebP or BMP image (judged by its "
        "content, not its name)"
    )


def test_image_kinds_are_named():
    assert checks.image_kind(b"RIFF\0\0\0\0WEBPVP8 ") == "WebP"
    assert checks.image_kind(PNG) == "PNG"
    assert checks.image_kind(b"RIFF\0\0\0\0WAVEfmt ") is None


def test_an_image_that_cannot_be_read_says_why(tmp_path, monkeypatch):
    def failing_read(fd, length, offset):  # a disk that fails under the image's bytes
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(image_header.os, "pread", failing_read)
    assert hero_line(tmp_path, "images/hero.png") == (
        f"{AT}image 'images/hero.png' cannot be read (Input/output error)"
    )


# ---- leap days --------------------------------------------------------------------------------

LEAP_DAY = date(2024, 2, 29)


def with_as_of(day: str) -> dict:
    return {"panels/industry.yaml": INDUSTRY.replace("2024-06-01", day)}


def test_on_a_leap_day_a_figure_from_28_february_last_year_is_not_stale(tmp_path):
    make_content(tmp_path, with_as_of("2023-02-28"))
    assert load_content(tmp_path, LEAP_DAY).problems == []


def test_on_a_leap_day_a_figure_from_27_february_last_year_is_stale(tmp_path):
    make_content(tmp_path, with_as_of("2023-02-27"))
    assert [p.format() for p in load_content(tmp_path, LEAP_DAY).problems] == [
        "panels/industry.yaml:14:16: warning: blocks[1].items[0].as_of: this figure is dated "
        "2023-02-27, more than a year ago; update the value and its as_of date"
    ]


def test_a_figure_dated_on_a_leap_day_goes_stale_after_a_year(tmp_path):
    make_content(tmp_path, with_as_of("2024-02-29"))
    assert load_content(tmp_path, date(2025, 2, 28)).problems == []
    assert len(load_content(tmp_path, date(2025, 3, 1)).warnings) == 1


def test_a_panel_scheduled_around_a_leap_day(tmp_path):
    scheduled = HISTORY + "show_from: 2024-02-29\nshow_until: 2024-02-29\n"
    make_content(tmp_path, {"panels/history.yaml": scheduled})
    content = load_content(tmp_path, TODAY).content
    assert [p.id for p in content.visible_panels(date(2024, 2, 28))] == ["industry"]
    assert [p.id for p in content.visible_panels(LEAP_DAY)] == ["industry", "history"]
    assert [p.id for p in content.visible_panels(date(2024, 3, 1))] == ["industry"]


def test_a_date_that_does_not_exist_is_refused(tmp_path):
    make_content(tmp_path, {"panels/history.yaml": HISTORY + "show_from: 2025-02-29\n"})
    assert [p.format() for p in load_content(tmp_path, TODAY).problems] == [
        "panels/history.yaml:10:12: error: show_from: expected a real date like 2024-05-31, "
        "found '2025-02-29'"
    ]


# ---- languages --------------------------------------------------------------------------------


def test_every_missing_and_every_extra_language_is_named(tmp_path):
    site = SITE.replace("languages: [zh, en]", "languages: [zh, en, fr]")
    history = HISTORY.replace("{zh: 成立, en: Founded}", "{zh: 成立, de: Gegründet, es: Fundado}")
    make_content(tmp_path, {"site.yaml": site, "panels/history.yaml": history})
    result = load_content(tmp_path, TODAY)
    messages = [p.message for p in result.problems if p.field == "blocks[0].events[0].title"]
    assert messages == [
        "no 'en', 'fr' text (site languages: zh, en, fr); those visitors will see the 'zh' text",
        "text in 'de', 'es', which is not a site language (zh, en, fr); it is never shown",
    ]


# ---- icons ------------------------------------------------------------------------------------

PREFIXES = "mdi6, mdi, fa5, fa5s, fa5b, fa6, fa6s, fa6b, ph, ri, msc, ei"


def icon_error(name: str) -> str:
    with pytest.raises(ValueError) as caught:
        check_icon_name(name)
    return str(caught.value)


def test_an_icon_name_without_a_known_prefix_lists_the_prefixes():
    assert icon_error("factory") == (
        f"expected an icon name like 'mdi6.factory' (prefixes: {PREFIXES}), found 'factory'; "
        "did you mean 'mdi6.factory'?"
    )
    assert icon_error("mdi7.factory") == (
        f"expected an icon name like 'mdi6.factory' (prefixes: {PREFIXES}), found "
        "'mdi7.factory'; did you mean 'mdi6.factory'?"
    )
    assert icon_error("mdi6") == (
        f"expected an icon name like 'mdi6.factory' (prefixes: {PREFIXES}), found 'mdi6'"
    )


def test_an_unknown_icon_suggests_up_to_three_close_names():
    message = icon_error("mdi6.factori")
    assert re.fullmatch(
        r"no icon named 'factori' in the mdi6 set; did you mean 'mdi6\.factory'"
        r"( or 'mdi6\.[a-z0-9-]+'){1,2}\?",
        message,
    ), message
    assert icon_error("mdi6.factory.x").startswith("no icon named 'factory.x' in the mdi6 set")
    assert icon_error("mdi6.zzzzzzzzzzzz") == "no icon named 'zzzzzzzzzzzz' in the mdi6 set"


def test_a_known_icon_has_a_font_file_and_a_code_point():
    check_icon_name("mdi6.factory")
    font, code = icon_glyph("mdi6.factory")
    assert font.is_file() and font.suffix == ".ttf"
    assert code == 0xF020F  # the Material Design Icons code point of "factory"
    assert icon_glyph("fa5s.home")[1] == 0xF015
    assert icon_glyph("mdi6.factory")[0] != icon_glyph("fa5s.home")[0]


@pytest.mark.parametrize("name", ["mdi6.nope-nope", "mdi7.factory", "factory", "mdi6"])
def test_an_unknown_icon_has_no_glyph(name):
    assert icon_glyph(name) is None
