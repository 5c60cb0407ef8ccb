"""Process-wide Qt setup shared by `kiosk run`, `kiosk screenshots` and the self-test.

The scale policy must be set before the QApplication exists; the bundled fonts right after.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QImageReader
from PySide6.QtWidgets import QApplication

from kiosk.content.image_header import MAX_PIXELS
from kiosk.content.models import DisplaySettings
from kiosk.paths import assets_dir
from kiosk.ui import theme


def prepare_environment(display: DisplaySettings | None = None) -> None:
    """Pin the scale so sizes are predictable on every kiosk; call before the QApplication."""
    if display is not None and display.scale_factor:
        os.environ["QT_SCALE_FACTOR"] = str(display.scale_factor)
    os.environ.setdefault("QT_SCALE_FACTOR_ROUNDING_POLICY", "PassThrough")


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


def ensure_application(display: DisplaySettings | None = None) -> QApplication:
    """The QApplication, made with the kiosk's environment, fonts and app font if new."""
    existing = QApplication.instance()
    if existing is None:
        prepare_environment(display)
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
