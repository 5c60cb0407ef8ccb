"""`kiosk screenshots`: every screen rendered offscreen to PNG, for review and the self-test.

Names look like `1920x1080-zh-home.png`, `1080x1920-en-panel-industry.png`,
`1920x1080-zh-aplus-home.png`, `1920x1080-zh-contrast-panel-industry.png`; the kiosk overlays
once per size (the bilingual ones show both languages): `1920x1080-overlay-countdown.png`
(attract, standby, unavailable, pin, admin too) and `1920x1080-contrast-overlay-pin.png`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.models import Content

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from kiosk.ui.overlays import KioskOverlays, Overlay


def _settle(window) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    images = window.ctx.images
    for _ in range(3):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        wait = getattr(images, "wait_idle", None)
        if callable(wait):
            wait(3000)
    QApplication.processEvents()


def _find(window, panel_ids: list[str], method: str):
    """The first block widget (in panel order) offering `method`, with its panel id."""
    for panel_id in panel_ids:
        screen = window.panel_screen(panel_id)
        for widget in screen.blocks:
            if callable(getattr(widget, method, None)):
                return panel_id, widget
    return None, None


def _high_contrast(content: Content) -> Content:
    site = content.site
    theme = site.theme.model_copy(update={"high_contrast": True})
    return content.model_copy(update={"site": site.model_copy(update={"theme": theme})})


def render_screens(
    content: Content,
    sizes: list[tuple[int, int]],
    langs: list[str] | None = None,
    out_dir: Path | None = None,
    today: Callable[[], date] = date.today,
) -> Iterator[tuple[str, QImage]]:
    """Render every screen, one at a time: yields (name, QImage) and writes `<name>.png` into
    out_dir as it goes, so only one image is alive unless the caller keeps them.

    The kiosk is built by the composition root (kiosk/root.py) as `kiosk run` builds it, on
    `content.root`, at noon on `today()`; its services are then stopped so that nothing moves
    (no countdown, no reload, no standby) while the screens are shot."""
    from kiosk.services.clock import ManualClock
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.theme import TEXT_SCALES

    langs = langs or list(content.site.languages)

    def shoot(window, name: str) -> tuple[str, QImage]:
        _settle(window)
        image = window.grab().toImage()
        if out_dir is not None:
            image.save(str(Path(out_dir) / f"{name}.png"))
        return name, image

    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    clock = ManualClock(datetime.combine(today(), time(12, 0)))
    with tempfile.TemporaryDirectory(prefix="kiosk-screenshots-") as data:
        for width, height in sizes:
            kiosk = _still_kiosk(content.root, (width, height), clock, Path(data))
            window, overlays = kiosk.window, kiosk.controller.overlays
            overlays.admin_info = lambda: sample_admin_info(content, today)
            for variant, snapshot in (("", content), ("contrast-", _high_contrast(content))):
                window.set_content(snapshot)
                overlays.set_content(snapshot)
                panel_ids = window._order()
                for lang in langs:
                    window.reset_session()
                    window.ctx.set_language(lang)
                    prefix = f"{width}x{height}-{lang}-{variant}"
                    yield shoot(window, prefix + "home")
                    shown = panel_ids if not variant else panel_ids[:1]
                    for panel_id in shown:
                        window.show_panel(panel_id)
                        window.panels[panel_id].scroll_to_top()
                        yield shoot(window, f"{prefix}panel-{panel_id}")
                    if variant:
                        continue
                    for method, name in (
                        ("open_fullscreen", "gallery"),
                        ("open_hotspot", "hotspot"),
                    ):
                        panel_id, widget = _find(window, panel_ids, method)
                        if widget is not None:
                            window.show_panel(panel_id)
                            window.panels[panel_id].scroll_area.ensureWidgetVisible(widget)
                            getattr(widget, method)(0)
                            yield shoot(window, prefix + name)
                            window.close_overlays()
                            window.show_home()
                    window.reset_session()
                    window.ctx.set_language(lang)
                    window.ctx.set_text_scale(TEXT_SCALES[-1])
                    yield shoot(window, prefix + "aplus-home")
                    if panel_ids:
                        window.show_panel(panel_ids[0])
                        yield shoot(window, f"{prefix}aplus-panel-{panel_ids[0]}")
                window.reset_session()
                names = OVERLAYS[:-1] if not variant else ("countdown", "pin")  # a sample
                for name, _overlay in open_overlays(window, snapshot, names, today, overlays):
                    yield shoot(window, f"{width}x{height}-{variant}overlay-{name}")
            kiosk.close()
            # as at start-up with no valid content: the window is empty and has no stylesheet
            empty = MainWindow(None, today=today, animate=False)
            empty.resize(width, height)
            empty.show()
            for name, _overlay in open_overlays(empty, content, ("unavailable",), today):
                yield shoot(empty, f"{width}x{height}-overlay-{name}")
            empty.close()
            empty.deleteLater()


def _still_kiosk(content_dir: Path, size: tuple[int, int], clock, data_dir: Path):
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
    )
    kiosk = build(config)
    kiosk.controller.stop()
    for layer in kiosk.controller.overlays.layers():
        layer.close_overlay()  # e.g. standby, if the site is closed at noon that day
    return kiosk


OVERLAYS = ("countdown", "attract", "standby", "pin", "admin", "unavailable")


def open_overlays(
    window,
    content: Content,
    names=OVERLAYS,
    today: Callable[[], date] = date.today,
    overlays: KioskOverlays | None = None,
) -> Iterator[tuple[str, Overlay]]:
    """Open each named kiosk overlay on `window` in turn, built by `KioskOverlays` as the
    controller builds them (kiosk/operation.py) with sample values where it has live ones;
    yields (name, overlay), closes it when the caller asks for the next, and deletes the
    layers at the end."""
    from kiosk.services.admin_pin import PinGate
    from kiosk.services.hours import next_opening
    from kiosk.ui.overlays import KioskOverlays

    site = content.site
    own = overlays is None
    if overlays is None:
        overlays = KioskOverlays(
            window, PinGate(site.admin.pin_hash), lambda: sample_admin_info(content, today)
        )
        overlays.set_content(content)
    layers = overlays

    def countdown():
        overlays.countdown.start(site.idle.countdown_seconds)
        return overlays.countdown

    def attract():
        overlays.attract.open()
        overlays.attract.hold(0.5)
        return overlays.attract

    def standby():
        tomorrow = datetime.combine(today() + timedelta(days=1), time(9, 0))
        evening = datetime.combine(today(), time(21, 0))
        hours = site.opening_hours
        overlays.standby.set_next_opening(next_opening(hours, evening) if hours else tomorrow)
        overlays.standby.open()
        return overlays.standby

    def pin():
        overlays.pin_pad.open()
        for key in "258":
            overlays.pin_pad.press(key)
        return overlays.pin_pad

    def admin():
        overlays.admin.open()
        return overlays.admin

    def unavailable():
        overlays.unavailable.open()
        return overlays.unavailable

    makers = {
        "countdown": countdown,
        "attract": attract,
        "standby": standby,
        "pin": pin,
        "admin": admin,
        "unavailable": unavailable,
    }
    try:
        for name in names:
            overlay = makers[name]()
            yield name, overlay
            overlay.close_overlay()
    finally:
        for layer in layers.layers():
            layer.close_overlay()
            if own:
                layer.deleteLater()
        if own:
            layers.deleteLater()


def sample_admin_info(content: Content, today: Callable[[], date] = date.today):
    """What the admin screen might show on a kiosk that has run for a few days."""
    from kiosk.content.problems import Problem
    from kiosk.ui.overlays import AdminInfo

    problems = [
        Problem("warning", "panels/industry.yaml", 12, 5, "blocks[1]", "image is 9000 px wide"),
        Problem("error", "panels/life.yaml", 3, 1, "titel", "unknown field", "did you mean title?"),
    ]
    return AdminInfo(
        version=content.version,
        loaded_at=f"{today():%Y-%m-%d} 08:59:12",
        source=str(content.root),
        problems=problems,
        uptime="3 d 4 h 12 min",
        last_crash=None,
        disk="41.2 GB free of 62.7 GB",
        log_dir="/home/kiosk/.local/state/etown-kiosk/log",
        usage_today="128 visits, 412 panel views, most viewed: industry",
    )
