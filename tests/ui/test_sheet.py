"""`kiosk screenshots --sheet FILE.pdf`: one captioned page per screen and combination (every
screenful of a panel, every language, size and text size), read back as a manager would."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from itertools import product

import pytest
from pypdf import PdfReader

from kiosk.commands.screenshots import screenshots_command
from kiosk.commands.sheet import write_sheet
from kiosk.content.loader import load_content
from tests.services.kit import NO_IDLE, panel, write_content

AT = datetime(2026, 12, 8, 10, 30)
LONG = panel(
    "alpha",
    "Hello",
    blocks=[
        {
            "type": "text",
            "title": {"zh": f"第{i}章", "en": f"Chapter {i}"},
            "body": {"zh": "正文。" * 60, "en": "Some words. " * 40},
        }
        for i in range(1, 5)
    ],
)
# A caption as read back, without spaces (a PDF reader puts them where the font changes).
CAPTION = re.compile(
    r"^(\d+)\.(.+?)·(zh\(中文\)|en\(English\)|bothlanguages)·(\d+x\d+)·"
    r"text(A\+?)·content(\w+)·renderedfor(.+)$"
)


def squeezed(text: str) -> str:
    """NFKC-folded too: Qt's PDF maps some glyphs back to look-alikes (the ligature U+FB00 for
    "ff" in a content version, the radical U+2F42 for 文), which is how pypdf reads them."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def captions(path) -> list[re.Match]:
    found = []
    for page in PdfReader(path).pages:
        text = squeezed(page.extract_text())
        match = CAPTION.match(text)
        assert match, text
        found.append(match)
    return found


def test_the_sheet_has_a_captioned_page_for_every_screen_language_size_and_text_size(
    tmp_path, qapp, capsys
):
    content_dir = write_content(tmp_path / "content", {"idle": NO_IDLE}, [LONG])
    sheet = tmp_path / "sign-off.pdf"
    sizes = [(960, 540), (540, 960)]
    assert screenshots_command(content_dir, None, sizes, None, at=AT, sheet=sheet) == 0
    pages = captions(sheet)
    assert f"{len(pages)} pages, rendered for 2026-12-08 10:30" in capsys.readouterr().out
    version = load_content(content_dir).content.version
    assert [int(m[1]) for m in pages] == list(range(1, len(pages) + 1))
    assert {m[6] for m in pages} == {version} and {m[7] for m in pages} == {"2026-12-0810:30"}
    seen = [(m[2], m[3][:2], m[4], m[5]) for m in pages]
    assert len(set(seen)) == len(seen), "a page twice"
    for (width, height), lang, text in product(sizes, ("zh", "en"), ("A", "A+")):
        size = f"{width}x{height}"
        here = [screen for screen, lg, sz, tx in seen if (lg, sz, tx) == (lang, size, text)]
        title = "Alpha" if lang == "en" else "alpha标题"
        assert here[:2] == ["Home", f"Panel{title},top"], here
        # the panel in full: its screenfuls in order, down to the end
        parts = [s for s in here if s.startswith(f"Panel{title},screenful")]
        assert parts and parts == [f"Panel{title},screenful{n}" for n in range(2, len(parts) + 2)]
    overlays = [screen for screen, lang, *_ in seen if lang == "bo"]
    assert overlays.count("Overlaystandby") == 2 and overlays.count("Overlaypin") == 2


def test_a_sheet_in_a_missing_folder_is_refused_before_rendering(tmp_path, capsys):
    content_dir = write_content(tmp_path / "content", {"idle": NO_IDLE})
    missing = tmp_path / "nowhere" / "sheet.pdf"
    assert screenshots_command(content_dir, None, None, None, sheet=missing) == 1
    assert f"the folder {missing.parent} does not exist" in capsys.readouterr().err
    assert not missing.exists()


@pytest.mark.qt_log_ignore("QPainter::begin")  # (Qt's own word for it, as it happens)
def test_a_sheet_qt_cannot_write_is_an_error_not_a_count_of_pages(tmp_path, qapp):
    content_dir = write_content(tmp_path / "content", {"idle": NO_IDLE})
    content = load_content(content_dir).content
    locked = tmp_path / "locked"
    locked.mkdir()
    target = locked / "sheet.pdf"
    target.mkdir()  # a folder where the file would go: Qt cannot open it
    with pytest.raises(OSError, match="cannot write the sheet"):
        write_sheet(target, content, [(960, 540)], AT, tmp_path / "data")
