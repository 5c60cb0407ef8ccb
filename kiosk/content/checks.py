"""Checks beyond the schema: image files, missing translations, stale figures. Qt-free."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, RootModel

from kiosk.content.files import UnsafeFile, closest_file, inside, open_regular
from kiosk.content.image_header import (
    MAX_IMAGE_BYTES,
    RECOMMENDED_SIDE,
    BadImage,
    FileBytes,
    image_kind,
)
from kiosk.content.image_header import inspect as inspect_image
from kiosk.content.models import (
    Announcement,
    Content,
    Dated,
    Figure,
    LocalText,
    Panel,
    VideoBlock,
)
from kiosk.content.spoken import speech_trouble

_IMAGE_KEYS = ("image", "hero_image", "poster")


def image_refs(data: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every image path in raw YAML data: `image:`/`hero_image:` values and `images:` lists."""
    if isinstance(data, dict):
        for key, value in data.items():
            child = (*path, key)
            if key in _IMAGE_KEYS and isinstance(value, str):
                yield child, value
            elif key == "images" and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield (*child, i), item
                    else:
                        yield from image_refs(item, (*child, i))
            else:
                yield from image_refs(value, child)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from image_refs(item, (*path, i))


def media_refs(data: object, path: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """Every film and caption file in raw YAML data: (path, "video" | "captions", file)."""
    if isinstance(data, dict):
        for key, value in data.items():
            child = (*path, key)
            if key == "video" and isinstance(value, str):
                yield child, "video", value
            elif key == "captions" and isinstance(value, dict):
                for lang, file in value.items():
                    if isinstance(file, str):
                        yield (*child, lang), "captions", file
            else:
                yield from media_refs(value, child)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from media_refs(item, (*path, i))


def caption_warnings(block: VideoBlock, languages: Sequence[str]) -> Iterator[str]:
    """A film without captions in a site language: those visitors cannot follow its sound."""
    missing = [lang for lang in languages if lang not in block.captions]
    if missing:
        names = ", ".join(repr(lang) for lang in missing)
        example = ", ".join(f"{lang}: videos/film.{lang}.vtt" for lang in languages)
        yield (
            f"no {names} captions (site languages: {', '.join(languages)}); visitors who "
            "cannot hear the film follow it by its captions: add a caption file for each "
            f"language, e.g. captions: {{{example}}}"
        )


def check_image(root: Path, relative: str) -> tuple[str, str] | None:
    """Why `relative` is not a usable image inside `root` (message, suggestion), or None."""
    if not relative:
        return None  # the schema reports empty paths
    if relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", relative):
        return (
            f"{relative!r} is an absolute path; give a path inside the content folder "
            "like 'images/hero.jpg'",
            "",
        )
    if ".." in PurePosixPath(relative.replace("\\", "/")).parts:
        return f"{relative!r} leaves the content folder ('..'); keep images inside it", ""
    full = root / relative
    try:
        inside(root, relative)
    except UnsafeFile as error:
        return f"{relative!r} {error}", ""
    if not full.exists():
        close = closest_file(root, relative)
        hint = f"did you mean '{close}'?" if close else ""
        return f"image file {relative!r} not found", hint
    if full.is_dir():
        return f"{relative!r} is a folder, not an image file", ""
    try:
        fd = open_regular(inside(root, relative))
    except UnsafeFile as error:
        return f"{relative!r} {error}", ""
    except OSError as error:
        return f"image {relative!r} cannot be read ({error.strerror or error})", ""
    try:
        return _image_trouble(relative, fd)
    except (UnsafeFile, BadImage) as error:
        return f"{relative!r} {error}", ""
    except OSError as error:
        return f"image {relative!r} cannot be read ({error.strerror or error})", ""
    finally:
        os.close(fd)


def _image_trouble(relative: str, fd: int) -> tuple[str, str] | None:
    """check_image's questions of the open image file `fd`: what it is, how large, whole?"""
    data = FileBytes(fd, os.fstat(fd).st_size)  # read where it is looked at, not whole
    if image_kind(data[:16]) is None:
        what = "is empty" if not len(data) else "is not a PNG, JPEG, GIF, WebP or BMP image"
        return f"{relative!r} {what} (judged by its content, not its name)", ""
    if len(data) > MAX_IMAGE_BYTES:
        return (
            f"{relative!r} is larger than {MAX_IMAGE_BYTES // 2**20} MB; save it smaller "
            f"(at most {RECOMMENDED_SIDE} px on its longer side is plenty for the screen)",
            "",
        )
    inspect_image(data, len(data))  # its header and structure, never its pixels
    return None


def _walk(obj: object, path: tuple = ()) -> Iterator[tuple[object, tuple]]:
    """Every model and value the author set (defaults are not the author's to fix)."""
    yield obj, path
    if isinstance(obj, BaseModel) and not isinstance(obj, RootModel):
        for name in obj.model_fields_set:
            yield from _walk(getattr(obj, name), (*path, name))
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _walk(item, (*path, i))


_BIDI_CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}


def invisible_trouble(text: str) -> str | None:
    """Why `text` would not show as written: a control character (typed as an escape such as
    "\\a" in double quotes) draws as a box, a direction override reorders digits on screen."""
    for char in text:
        if char in "\n\t":
            continue
        code = f"U+{ord(char):04X}"
        if char in _BIDI_CONTROLS:
            return (
                f"contains {code} {_BIDI_CONTROLS[char]}, which changes the order characters "
                'show in ("001" can read "100"); remove it'
            )
        if unicodedata.category(char) == "Cc":
            return (
                f"contains the control character {code} (an escape such as \\x07 or \\a in "
                "double quotes), which shows as a box on screen; remove it"
            )
    return None


SCHEDULE_DAYS = 7


def schedule_warnings(content: Content, today: date) -> Iterator[str]:
    """A home screen without tiles, today or in the coming week, because of show_from/until."""
    for offset in range(SCHEDULE_DAYS + 1):
        day = today + timedelta(days=offset)
        if content.visible_panels(day):
            continue
        when = "today" if offset == 0 else f"from {day.isoformat()}"
        yield (
            f"no panel is shown {when}: every panel listed has ended (show_until) or not yet "
            "begun (show_from), so visitors would see a home screen with no tiles; check the "
            "panels' dates"
        )
        return


def _years_on(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _schedule_trouble(obj: Dated, path: tuple, today: date) -> Iterator[tuple[tuple, str]]:
    """A panel, block or announcement whose dates mean it is never shown (any more, or soon):
    it still loads, but it is most likely a date the operator forgot or mistyped."""
    what = "panel" if isinstance(obj, Panel) else "block"
    what = "announcement" if isinstance(obj, Announcement) else what
    if obj.show_until and obj.show_until < today:
        yield (
            (*path, "show_until"),
            f"this {what} ended on {obj.show_until}; visitors never see it again; remove it or "
            "change show_until",
        )
    if obj.show_from and obj.show_from > _years_on(today, 1):
        yield (
            (*path, "show_from"),
            f"this {what} begins on {obj.show_from}, more than a year from now; check the year "
            "of show_from",
        )


def content_warnings(
    model: BaseModel, languages: Sequence[str], today: date
) -> Iterator[tuple[tuple, str]]:
    """(path, message) for texts missing or adding a language, figures over a year old, and
    anything scheduled to be shown never again or not for over a year."""
    for obj, path in _walk(model):
        if isinstance(obj, LocalText) and isinstance(obj.root, dict):
            missing = [lang for lang in languages if lang not in obj.root]
            if missing:
                given = next(iter(obj.root))
                names = ", ".join(repr(lang) for lang in missing)
                message = (
                    f"no {names} text (site languages: {', '.join(languages)}); "
                    f"those visitors will see the {given!r} text"
                )
                yield path, message
            unused = [lang for lang in obj.root if lang not in languages]
            if unused and languages:
                names = ", ".join(repr(lang) for lang in unused)
                yield (
                    path,
                    (
                        f"text in {names}, which is not a site language ({', '.join(languages)}); "
                        "it is never shown"
                    ),
                )
        if isinstance(obj, LocalText):
            texts = {"": obj.root} if isinstance(obj.root, str) else dict(obj.root)
            for lang, text in texts.items():
                trouble = invisible_trouble(text)
                if trouble:
                    yield ((*path, lang) if lang else path), trouble
            for lang in languages:
                has_own = obj.languages() is None or lang in obj.languages()  # type: ignore[operator]
                if has_own or obj.spoken_form(lang):
                    trouble = speech_trouble(obj.spoken(lang), lang)
                    if trouble:
                        yield (*path, lang), trouble
        elif isinstance(obj, Dated):
            yield from _schedule_trouble(obj, path, today)
            if isinstance(obj, VideoBlock):
                for message in caption_warnings(obj, languages):
                    yield (*path, "captions"), message
        elif isinstance(obj, Figure) and obj.as_of and obj.as_of < _years_on(today, -1):
            message = (
                f"this figure is dated {obj.as_of}, more than a year ago; "
                "update the value and its as_of date"
            )
            yield (*path, "as_of"), message
