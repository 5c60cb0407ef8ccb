"""`kiosk screenshots --out DIR [--size WxH ...] [--lang zh,en]`: every screen to PNG files."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.loader import load_content
from kiosk.content.views import Content
from kiosk.offscreen import quiet_offscreen_warnings, use_offscreen_screen

if TYPE_CHECKING:
    from PySide6.QtGui import QImage


def screenshots_command(
    content_dir: Path,
    out_dir: Path | None,
    sizes: list[tuple[int, int]] | None,
    langs: list[str] | None,
    at: datetime | None = None,
    sheet: Path | None = None,
) -> int:
    """PNG files into `out_dir` and/or the sign-off PDF `sheet` (kiosk/ui/sheet.py)."""
    result = load_content(Path(content_dir), at.date() if at else None)
    if result.content is None or result.errors:
        for problem in result.problems:
            print(problem.format(), file=sys.stderr)
        print(
            f"kiosk: cannot render screens, the content in {content_dir} has errors",
            file=sys.stderr,
        )
        return 1
    for code, refusal in _unwritable(out_dir, sheet):
        print(f"kiosk: {refusal}", file=sys.stderr)
        return code
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    use_offscreen_screen()
    unknown = [lang for lang in langs or [] if lang not in result.content.site.languages]
    if unknown:
        print(
            f"kiosk: language(s) {', '.join(unknown)} not in site.yaml languages "
            f"{result.content.site.languages}",
            file=sys.stderr,
        )
        return 1
    at = at or noon_today()
    with quiet_offscreen_warnings():
        if out_dir is not None:
            shots = render_screens(result.content, sizes or [(1920, 1080)], langs, out_dir, at)
            count = sum(1 for _ in shots)
            print(f"wrote {count} screenshots to {out_dir}")
        if sheet is not None:
            from kiosk.commands.sheet import write_sheet

            with tempfile.TemporaryDirectory(prefix="kiosk-sheet-") as data:
                sizes = sizes or [(1920, 1080), (1080, 1920)]
                pages = write_sheet(sheet, result.content, sizes, at, Path(data), langs)
            print(
                f"wrote the sign-off sheet {sheet}: {pages} pages, rendered for {at:%Y-%m-%d %H:%M}"
            )
    return 0


def _unwritable(out_dir: Path | None, sheet: Path | None) -> Iterator[tuple[int, str]]:
    """(exit status, message) for what stops the files being written, said before minutes
    of rendering: 2 for a wrong argument, 1 for a folder that cannot be made."""
    if out_dir is not None:
        if Path(out_dir).exists() and not Path(out_dir).is_dir():
            yield 2, f"--out {out_dir} is a file; give a folder (it is made if missing)"
            return
        try:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            yield 1, f"cannot make the folder {out_dir}: {exc.strerror or exc}"
    if sheet is not None:
        if Path(sheet).is_dir():
            yield 2, f"--sheet {sheet} is a folder; give a file name like sheet.pdf"
        elif not Path(sheet).parent.is_dir():
            yield 1, f"--sheet {sheet}: the folder {Path(sheet).parent} does not exist"


def render_screens(
    content: Content,
    sizes: list[tuple[int, int]],
    langs: list[str] | None = None,
    out_dir: Path | None = None,
    at: datetime | None = None,
) -> Iterator[tuple[str, QImage]]:
    """Render every screen, one at a time: yields (name, QImage) and writes `<name>.png` into
    out_dir as it goes, so only one image is alive unless the caller keeps them.

    The kiosk is built by the composition root (kiosk/root.py) as `kiosk run` builds it, on
    `content.root`, at `at` (default: noon today); its services are then stopped so that
    nothing moves (no countdown, no reload, no standby) while the screens are shot."""
    from kiosk.services.clock import ManualClock
    from kiosk.ui.application import layout_scale
    from kiosk.ui.screenshots import (
        OVERLAYS,
        every_screen,
        high_contrast,
        larger_text_screens,
        open_overlays,
        sample_admin_info,
        sample_screens,
        settle,
        without_content,
    )

    langs = langs or list(content.site.languages)

    def shoot(window, name: str) -> tuple[str, QImage]:
        settle(window)
        image = grab(window, scale)
        if out_dir is not None:
            image.save(str(Path(out_dir) / f"{name}.png"))
        return name, image

    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    clock = ManualClock(at or noon_today())
    today = clock.today
    with tempfile.TemporaryDirectory(prefix="kiosk-screenshots-") as data:
        for width, height in sizes:
            # A 4K screen shows the 1080p layout at twice the pixels (kiosk/ui/application.py):
            # it is laid out at the smaller size and drawn at the screen's.
            scale = layout_scale(min(width, height))
            logical = (round(width / scale), round(height / scale))
            kiosk = still_kiosk(content.root, logical, clock, Path(data))
            window, overlays = kiosk.window, kiosk.controller.overlays
            overlays.admin_info = lambda: sample_admin_info(content, today)
            for variant, snapshot in (("", content), ("contrast-", high_contrast(content))):
                window.set_content(snapshot)
                overlays.set_content(snapshot)
                panel_ids = window._order()
                for lang in langs:
                    prefix = f"{width}x{height}-{lang}-{variant}"
                    if variant:  # a sample: home and the first panel's top
                        for name in sample_screens(window, panel_ids, lang):
                            yield shoot(window, prefix + name)
                        continue
                    window.reset_session()
                    window.ctx.set_language(lang)
                    for name in every_screen(window, panel_ids):
                        yield shoot(window, prefix + name)
                    for name in larger_text_screens(window, panel_ids, lang):
                        yield shoot(window, prefix + name)
                window.reset_session()
                names = OVERLAYS[:-1] if not variant else SAMPLE_OVERLAYS
                for name, _overlay in open_overlays(window, snapshot, names, today, overlays):
                    yield shoot(window, f"{width}x{height}-{variant}overlay-{name}")
            kiosk.close()
            for name, empty in without_content(logical, content, today):
                yield shoot(empty, f"{width}x{height}-{name}")


SAMPLE_OVERLAYS = ("countdown", "pin")  # the overlays shot in high contrast too


def noon_today() -> datetime:
    """When screens are rendered unless told otherwise: the day's middle, open in most sites."""
    return datetime.combine(date.today(), time(12, 0))


def grab(window, scale: float) -> QImage:
    """The window as painted; at `scale` > 1, drawn at that many pixels per layout pixel (the
    photos keep the pixels they were decoded with)."""
    if scale == 1.0:
        return window.grab().toImage()
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QImage, QPainter

    image = QImage(
        round(window.width() * scale),
        round(window.height() * scale),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(scale)
    painter = QPainter(image)
    try:
        window.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    image.setDevicePixelRatio(1.0)
    return image


def still_kiosk(content_dir: Path, size: tuple[int, int], clock, data_dir: Path):
    """The kiosk built by kiosk/root.py in a window of `size`, its services stopped."""
    from kiosk.operation import KioskConfig
    from kiosk.root import build

    config = KioskConfig(
        content_dir,
        kiosk_mode=False,
        window_size=size,
        animate=False,
        clock=clock,
        data_dir=data_dir,
        quit=lambda _code: None,
        keep_copies=False,  # (a copy of camera photos would take minutes, for nothing)
    )
    kiosk = build(config)
    kiosk.controller.stop()
    for layer in kiosk.controller.overlays.layers():
        layer.close_overlay()  # e.g. standby, if the site is closed at noon that day
    return kiosk
