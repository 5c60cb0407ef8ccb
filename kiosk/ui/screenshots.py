"""What rendering the screens needs of the UI: the overlays opened one by one with sample
values, the high-contrast variant, and waiting for the pictures (kiosk/commands/screenshots.py
walks the screens).

Names look like `1920x1080-zh-home.png`, `1080x1920-en-panel-industry.png` (the panel's top;
`-panel-industry-2.png`, `-3.png`... the screenfuls below it, to the end),
`1920x1080-zh-aplus-home.png`, `1920x1080-zh-contrast-panel-industry.png`; the kiosk overlays
once per size (the bilingual ones show both languages): `1920x1080-overlay-countdown.png`
(attract, standby, unavailable, pin, admin too) and `1920x1080-contrast-overlay-pin.png`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from kiosk.content.views import Content, replace

if TYPE_CHECKING:
    from kiosk.ui.overlays import KioskOverlays, Overlay


def settle(window) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    images = window.ctx.images
    # Layouts settle over several turns of the event loop (a language switch re-wraps texts,
    # which re-sizes grids, which re-wrap...): as a visitor sees it a few frames later.
    for _ in range(6):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        wait = getattr(images, "wait_idle", None)
        if callable(wait):
            wait(3000)
    QApplication.processEvents()


def settle_unpainted(window) -> None:
    """`settle`, without painting `window` on its screen meanwhile: for a walk that grabs what
    it looks at (`QWidget.grab` paints the window then, as it stands), so that each screen is
    painted once, not again at every turn of the layout settling. Nothing of what is shown
    depends on having been painted; the updates are let through again at the end."""
    window.setUpdatesEnabled(False)
    try:
        settle(window)
    finally:
        window.setUpdatesEnabled(True)


def screenfuls(screen, overlap: int = 120) -> Iterator[int]:
    """Scroll a panel `screen` from top to bottom a screenful at a time (keeping `overlap` px
    of the last one in view); yields each position, and returns to the top at the end."""
    area = screen.scroll_area
    bar = area.verticalScrollBar()
    position = 0
    try:
        while True:
            bar.setValue(position)
            yield bar.value()
            if bar.value() >= bar.maximum():
                break
            position += max(1, area.viewport().height() - overlap)
    finally:
        bar.setValue(0)


def every_screen(window, panel_ids: list[str]) -> Iterator[str]:
    """Put `window` through every screen a visitor reaches from home, in the current language
    and text size, and name each as it stands: `home`, `panel-<id>` (its top), `panel-<id>-2`,
    `-3`... (the screenfuls below, to the end), `gallery` and `hotspot` (the first of each)."""
    yield "home"
    for panel_id in panel_ids:
        window.show_panel(panel_id)
        window.panels[panel_id].scroll_to_top()
        for part, _ in enumerate(screenfuls(window.panels[panel_id]), 1):
            yield f"panel-{panel_id}" + ("" if part == 1 else f"-{part}")
    for method, name in (("open_fullscreen", "gallery"), ("open_hotspot", "hotspot")):
        panel_id, widget = find_block(window, panel_ids, method)
        if widget is not None:
            window.show_panel(panel_id)
            window.panels[panel_id].scroll_area.ensureWidgetVisible(widget)
            getattr(widget, method)(0)
            yield name
            window.close_overlays()
            window.show_home()


def larger_text_screens(
    window, panel_ids: list[str], lang: str, fresh: bool = True
) -> Iterator[str]:
    """The screens shot at the larger text size (A+), in `lang`: `aplus-home` and the first
    panel's top, `aplus-panel-<id>`. Leaves the text size at A+. `fresh`: from a new visitor's
    session (else the language is switched on home, as a visitor at A+ does: no restyling of
    the window back and forth when the languages are shot one after the other)."""
    from kiosk.ui.theme import TEXT_SCALES

    return sample_screens(window, panel_ids, lang, fresh, TEXT_SCALES[-1], "aplus-")


def sample_screens(
    window,
    panel_ids: list[str],
    lang: str,
    fresh: bool = True,
    text_scale: float | None = None,
    prefix: str = "",
) -> Iterator[str]:
    """A sample of a look (high contrast, or A+ with `text_scale`) in `lang`: `home` and the
    first panel's top, their names after `prefix`. `fresh`: as for `larger_text_screens`."""
    if fresh:
        window.reset_session()
    window.ctx.set_language(lang)
    if text_scale is not None:
        window.ctx.set_text_scale(text_scale)
    window.show_home()
    yield f"{prefix}home"
    for panel_id in panel_ids[:1]:
        window.show_panel(panel_id)
        window.panels[panel_id].scroll_to_top()
        yield f"{prefix}panel-{panel_id}"


def without_content(size: tuple[int, int], content: Content, today) -> Iterator[tuple[str, Any]]:
    """The window as at start-up with no valid content (empty, no stylesheet) at `size`, with
    the overlay it shows then: yields ("overlay-unavailable", window), deletes it at the end."""
    from kiosk.ui.main_window import MainWindow

    empty = MainWindow(None, today=today, animate=False)
    try:
        empty.resize(*size)
        empty.show()
        for name, _overlay in open_overlays(empty, content, ("unavailable",), today):
            yield f"overlay-{name}", empty
    finally:
        empty.close()
        empty.deleteLater()


def find_block(window, panel_ids: list[str], method: str):
    """The first block widget (in panel order) offering `method`, with its panel id."""
    for panel_id in panel_ids:
        screen = window.panel_screen(panel_id)
        for widget in screen.blocks:
            if callable(getattr(widget, method, None)):
                return panel_id, widget
    return None, None


def high_contrast(content: Content) -> Content:
    site = content.site
    theme = replace(site.theme, high_contrast=True)
    return replace(content, site=replace(site, theme=theme))


OVERLAYS = ("countdown", "attract", "standby", "pin", "admin", "notice", "unavailable")


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
            window,
            window.ctx,
            PinGate(site.admin.pin_hash),
            lambda: sample_admin_info(content, today),
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

    def notice():
        overlays.notice.show_notice(content.notice or sample_notice(today))
        return overlays.notice

    makers = {
        "notice": notice,
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


def sample_notice(today: Callable[[], date] = date.today):
    """What an evacuation notice looks like, for a content folder without notice.yaml."""
    from kiosk.content.models import Notice

    return Notice.model_validate(
        {
            "level": "evacuation",
            "title": {"zh": "请立即撤离", "en": "Please leave the building now"},
            "text": {
                "zh": "请按绿色指示牌走最近的出口，不要乘坐电梯。工作人员会为您引导。",
                "en": "Follow the green signs to the nearest exit. Do not use the lifts. "
                "Staff will guide you.",
            },
            "until": datetime.combine(today(), time(18, 0)),
        }
    )


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
