"""Image paths must stay inside the content folder and name real image files."""

from __future__ import annotations

import os

import pytest

from kiosk.content.loader import load_content
from tests.content.build import INDUSTRY, PNG, SITE, TODAY, make_content
from tests.content.test_image_header import bmp, gif, jpeg, riff, vp8l


def hero_error(root):
    result = load_content(root, TODAY)
    assert result.content is None
    errors = [p for p in result.errors if p.field == "hero_image"]
    assert len(errors) == 1, [p.format() for p in result.problems]
    assert (errors[0].file, errors[0].line, errors[0].column) == ("panels/industry.yaml", 5, 13)
    return errors[0]


def with_hero(path: str) -> dict:
    return {"panels/industry.yaml": INDUSTRY.replace("images/hero.png", path)}


@pytest.mark.parametrize("path", ["../outside.png", "images/../../outside.png"])
def test_dot_dot_path_is_refused(tmp_path, path):
    (tmp_path / "outside.png").write_bytes(PNG)
    make_content(tmp_path / "c", with_hero(path))
    assert "leaves the content folder" in hero_error(tmp_path / "c").message


def test_absolute_path_is_refused(tmp_path):
    (tmp_path / "outside.png").write_bytes(PNG)
    make_content(tmp_path / "c", with_hero(str(tmp_path / "outside.png")))
    assert "is an absolute path" in hero_error(tmp_path / "c").message


def test_symlink_leading_outside_is_refused(tmp_path):
    (tmp_path / "outside.png").write_bytes(PNG)
    make_content(tmp_path / "c", with_hero("images/link.png"))
    os.symlink(tmp_path / "outside.png", tmp_path / "c/images/link.png")
    error = hero_error(tmp_path / "c")
    assert "outside the content folder" in error.message


def test_symlink_staying_inside_is_fine(tmp_path):
    make_content(tmp_path, with_hero("images/link.png"))
    os.symlink(tmp_path / "images/hero.png", tmp_path / "images/link.png")
    assert load_content(tmp_path, TODAY).errors == []


def test_missing_image_suggests_a_close_name(tmp_path):
    make_content(tmp_path, with_hero("images/heros.png"))
    error = hero_error(tmp_path)
    assert error.message == "image file 'images/heros.png' not found"
    assert error.suggestion == "did you mean 'images/hero.png'?"


def test_text_file_named_jpg_is_not_an_image(tmp_path):
    make_content(tmp_path, {**with_hero("images/photo.jpg"), "images/photo.jpg": "not a photo"})
    assert "is not a PNG, JPEG, GIF, WebP or BMP image" in hero_error(tmp_path).message


def test_folder_named_like_an_image_is_reported(tmp_path):
    make_content(tmp_path)
    (tmp_path / "images/hero.png").unlink()
    (tmp_path / "images/hero.png").mkdir()
    assert "is a folder, not an image file" in hero_error(tmp_path).message


@pytest.mark.parametrize(
    "picture",
    [jpeg(40, 30), gif(40, 30), riff(vp8l(40, 30)), bmp(40, 30)],
    ids=["JPEG", "GIF", "WebP", "BMP"],
)
def test_other_image_formats_are_accepted(tmp_path, picture):
    make_content(tmp_path, {**with_hero("images/photo.img"), "images/photo.img": picture})
    assert load_content(tmp_path, TODAY).errors == []


def test_images_in_gallery_and_attract_lists_are_checked(tmp_path):
    gallery = INDUSTRY + "  - type: gallery\n    images:\n      - image: images/nope.png\n"
    site_extra = "attract:\n  images: [images/hero.png, images/gone.png]\n"
    make_content(tmp_path, {"panels/industry.yaml": gallery, "site.yaml": SITE + site_extra})
    result = load_content(tmp_path, TODAY)
    found = [(p.file, p.line, p.field) for p in result.errors]
    assert found == [
        ("panels/industry.yaml", 17, "blocks[2].images[0].image"),
        ("site.yaml", 8, "attract.images[1]"),
    ]
