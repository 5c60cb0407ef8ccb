"""`kiosk screenshots`: every screen rendered offscreen to PNG, for review and the self-test.

Names look like `1920x1080-zh-home.png`, `1080x1920-en-panel-industry.png`,
`1920x1080-zh-aplus-home.png`, `1920x1080-zh-contrast-panel-industry.png`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kiosk.content.loader import load_content
from kiosk.content.models import Content


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
):
    """Render every screen; returns [(name, QImage)] and writes `<name>.png` into out_dir."""
    from kiosk.ui.application import ensure_application
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.theme import TEXT_SCALES

    ensure_application(content.site.display)
    langs = langs or list(content.site.languages)
    shots = []

    def shoot(window, name: str) -> None:
        _settle(window)
        image = window.grab().toImage()
        shots.append((name, image))
        if out_dir is not None:
            image.save(str(Path(out_dir) / f"{name}.png"))

    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    for width, height in sizes:
        for variant, snapshot in (("", content), ("contrast-", _high_contrast(content))):
            window = MainWindow(snapshot, today=today, animate=False)
            window.resize(width, height)
            window.show()
            panel_ids = window._order()
            for lang in langs:
                window.reset_session()
                window.ctx.set_language(lang)
                prefix = f"{width}x{height}-{lang}-{variant}"
                shoot(window, prefix + "home")
                shown = panel_ids if not variant else panel_ids[:1]
                for panel_id in shown:
                    window.show_panel(panel_id)
                    window.panels[panel_id].scroll_to_top()
                    shoot(window, f"{prefix}panel-{panel_id}")
                if variant:
                    continue
                for method, name in (("open_fullscreen", "gallery"), ("open_hotspot", "hotspot")):
                    panel_id, widget = _find(window, panel_ids, method)
                    if widget is not None:
                        window.show_panel(panel_id)
                        window.panels[panel_id].scroll_area.ensureWidgetVisible(widget)
                        getattr(widget, method)(0)
                        shoot(window, prefix + name)
                        window.close_overlays()
                        window.show_home()
                window.reset_session()
                window.ctx.set_language(lang)
                window.ctx.set_text_scale(TEXT_SCALES[-1])
                shoot(window, prefix + "aplus-home")
                if panel_ids:
                    window.show_panel(panel_ids[0])
                    shoot(window, f"{prefix}aplus-panel-{panel_ids[0]}")
            window.close()
            window.deleteLater()
    return shots


def screenshots_command(
    content_dir: Path, out_dir: Path, sizes: list[tuple[int, int]], langs: list[str] | None
) -> int:
    result = load_content(Path(content_dir))
    if result.content is None or result.errors:
        for problem in result.problems:
            print(problem.format(), file=sys.stderr)
        print(
            f"kiosk: cannot render screens, the content in {content_dir} has errors",
            file=sys.stderr,
        )
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    unknown = [lang for lang in langs or [] if lang not in result.content.site.languages]
    if unknown:
        print(
            f"kiosk: language(s) {', '.join(unknown)} not in site.yaml languages "
            f"{result.content.site.languages}",
            file=sys.stderr,
        )
        return 1
    shots = render_screens(result.content, sizes, langs, out_dir)
    print(f"wrote {len(shots)} screenshots to {out_dir}")
    return 0
