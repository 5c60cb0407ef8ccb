"""The sign-off sheet (`kiosk screenshots --sheet FILE.pdf`): every screen in full, in every
language, size and text size, one page each, captioned, in one PDF a manager approves.

The screens are walked as for the PNG screenshots (kiosk/ui/screenshots.py `every_screen`) on
the kiosk built by kiosk/root.py; kiosk/ui/sheet.py draws the pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.content.views import Content
from kiosk.ui.sheet import Page, Sheet


def sheet_pages(
    content: Content,
    sizes: list[tuple[int, int]],
    at: datetime,
    data_dir: Path,
    langs: list[str] | None = None,
) -> Iterator[tuple[Page, QImage]]:
    """(Page, QImage) for every screen in full, in every language and text size, per size;
    then the kiosk's own layers once per size. One image alive at a time."""
    from kiosk.commands.screenshots import grab, still_kiosk
    from kiosk.services.clock import ManualClock
    from kiosk.ui.application import layout_scale
    from kiosk.ui.screenshots import (
        OVERLAYS,
        every_screen,
        open_overlays,
        sample_admin_info,
        settle,
    )
    from kiosk.ui.theme import TEXT_SCALES

    clock = ManualClock(at)
    for width, height in sizes:
        scale = layout_scale(min(width, height))
        logical = (round(width / scale), round(height / scale))
        kiosk = still_kiosk(content.root, logical, clock, data_dir)
        window, overlays = kiosk.window, kiosk.controller.overlays
        overlays.admin_info = lambda: sample_admin_info(content, clock.today)
        try:
            panel_ids = window._order()
            for text_scale in TEXT_SCALES:
                text_size = "A+" if text_scale > 1 else "A"
                for lang in langs or content.site.languages:
                    window.reset_session()
                    window.ctx.set_language(lang)
                    window.ctx.set_text_scale(text_scale)
                    for name in every_screen(window, panel_ids):
                        settle(window)
                        panel_id = window.current_panel_id() if name.startswith("panel-") else ""
                        page = Page(name, lang, (width, height), text_size, panel_id or "")
                        yield page, grab(window, scale)
            window.reset_session()
            for name, _overlay in open_overlays(
                window, content, OVERLAYS[:-1], clock.today, overlays
            ):
                settle(window)
                page = Page(f"overlay-{name}", "", (width, height), "A")
                yield page, grab(window, scale)
        finally:
            kiosk.close()


def write_sheet(
    path: Path,
    content: Content,
    sizes: list[tuple[int, int]],
    at: datetime,
    data_dir: Path,
    langs: list[str] | None = None,
) -> int:
    """Render the sheet into `path`; the number of pages."""
    sheet = Sheet(path, content, at)
    try:
        for page, image in sheet_pages(content, sizes, at, data_dir, langs):
            sheet.add(page, image)
    finally:
        sheet.close()
    return sheet.pages
