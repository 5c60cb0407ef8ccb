"""Process-wide Qt setup shared by `kiosk run`, `kiosk screenshots` and the self-test.

The scale policy must be set before the QApplication exists; the bundled fonts right after.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import os
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QImageReader
from PySide6.QtWidgets import QApplication

from kiosk.content.image_header import MAX_PIXELS
from kiosk.content.views import DisplaySettings
from kiosk.paths import assets_dir
from kiosk.ui import theme

DESIGN_SHORT_SIDE = 1080  # the layout is drawn for 1920x1080 and 1080x1920


def layout_scale(short_side_px: int | None) -> float:
    """How much larger than the 1080p design to draw on a screen whose shorter side has this
    many pixels: 4K (2160) gives 2, so a 55-inch 4K screen shows the same layout as a 55-inch
    1080p one at twice the pixels. In steps of 0.25, never below 1."""
    if not short_side_px or short_side_px < DESIGN_SHORT_SIDE * 1.25:
        return 1.0
    return min(4.0, round(short_side_px / DESIGN_SHORT_SIDE * 4) / 4)


def preview_zoom(size: tuple[int, int], screen: tuple[int, int] | None) -> float:
    """How small `kiosk preview` draws a kiosk of `size` so that it fits the operator's
    `screen` with room for the window frame and the workbench strip: the same layout as in
    the lobby, at fewer pixels. 1 when it fits or the screen is not known; steps of 0.05."""
    if screen is None:
        return 1.0
    room_w, room_h = screen[0] - 40, screen[1] - 200
    zoom = min(1.0, room_w / size[0], room_h / size[1])
    return max(0.25, math.floor(zoom * 20) / 20)


def prepare_environment(display: DisplaySettings | None = None, zoom: float | None = None) -> None:
    """Pin the scale so sizes are predictable on every kiosk; call before the QApplication.

    `zoom` (`kiosk preview`) wins; then site.yaml `display.scale_factor`; else the scale
    follows the screen's resolution (`layout_scale`), read before Qt starts, when the platform
    says it (X11, Windows)."""
    if zoom is not None:
        os.environ["QT_SCALE_FACTOR"] = f"{zoom:g}"
    elif display is not None and display.scale_factor:
        os.environ["QT_SCALE_FACTOR"] = str(display.scale_factor)
    elif "QT_SCALE_FACTOR" not in os.environ:
        size = screen_size()
        scale = layout_scale(min(size) if size else None)
        if scale != 1.0:
            os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    os.environ.setdefault("QT_SCALE_FACTOR_ROUNDING_POLICY", "PassThrough")


def screen_size() -> tuple[int, int] | None:
    """The primary screen's width and height in pixels, before any QApplication exists; None
    when it cannot be known (offscreen, Wayland, no display)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "wayland")):
        return None
    try:
        if sys.platform == "win32":
            user32 = ctypes.windll.user32  # type: ignore[attr-defined]
            user32.SetProcessDPIAware()
            width, height = user32.GetSystemMetrics(0), user32.GetSystemMetrics(1)
            return (width, height) if width and height else None
        if os.environ.get("DISPLAY"):
            return _x11_size()
    except (OSError, AttributeError):
        return None
    return None


def _x11_size() -> tuple[int, int] | None:
    name = ctypes.util.find_library("X11")
    if name is None:
        return None
    x11 = ctypes.CDLL(name)
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultScreen.argtypes = [ctypes.c_void_p]
    x11.XDisplayWidth.argtypes = x11.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(None)
    if not display:
        return None
    try:
        screen = x11.XDefaultScreen(display)
        return x11.XDisplayWidth(display, screen), x11.XDisplayHeight(display, screen)
    finally:
        x11.XCloseDisplay(display)


def register_fonts(folder: Path | None = None) -> list[str]:
    """Register every bundled *.ttf/*.otf; returns the families Qt found in them."""
    folder = folder or assets_dir() / "fonts"
    families: list[str] = []
    for path in sorted(folder.glob("*")):
        if path.suffix.lower() not in (".ttf", ".otf"):
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def ensure_application(
    display: DisplaySettings | None = None, zoom: float | None = None
) -> QApplication:
    """The QApplication, made with the kiosk's environment, fonts and app font if new."""
    existing = QApplication.instance()
    if existing is None:
        prepare_environment(display, zoom)
        app = QApplication(["kiosk"])
    elif isinstance(existing, QApplication):
        app = existing
    else:
        raise RuntimeError(f"the kiosk needs a QApplication, not the {type(existing).__name__}")
    # No double-taps on a kiosk: two quick touches in different places (tap a tile, then swipe
    # the panel) must not turn the second press into a double-click that QScroller ignores.
    app.styleHints().setMouseDoubleClickInterval(0)
    # Validation refuses images over MAX_PIXELS; Qt refuses to allocate more than that too
    # (4 bytes a pixel), so an image swapped in after validation cannot exhaust memory.
    QImageReader.setAllocationLimit(math.ceil(MAX_PIXELS * 4 / 2**20))
    if not app.property("kiosk_fonts"):
        register_fonts()
        font = QFont()
        font.setFamilies(theme.FONT_FAMILIES)
        font.setPixelSize(theme.font_px("body"))
        app.setFont(font)
        app.setProperty("kiosk_fonts", True)
    return app
