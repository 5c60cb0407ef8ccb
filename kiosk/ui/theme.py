"""Theme tokens and text roles: the QSS in assets/theme.qss is filled from these.

Labels carry a dynamic property `role` (one of FONT_SIZES) and get size and colour from the
QSS; painted widgets ask `font(role, scale)`. A+ re-applies the stylesheet with a larger scale.
"""

from __future__ import annotations

from PySide6.QtGui import QFont

# Pixel sizes at text scale 1.0 (1920x1080). Body text >= 22 px, titles >= 48 px.
FONT_SIZES: dict[str, int] = {
    "display": 72,  # home title
    "h1": 56,  # screen title (panel hero)
    "h2": 36,  # block title
    "h3": 28,  # card / event title
    "body": 24,
    "quote": 30,
    "caption": 22,
    "source": 22,  # source lines under figures and charts
    "figure-value": 64,
    "figure-unit": 28,
    "figure-label": 24,
    "button": 24,
    "tile-title": 40,
    "tile-subtitle": 24,
}

TEXT_SCALES = (1.0, 1.3)  # A, A+

FONT_FAMILIES = ["DejaVu Sans", "Droid Sans Fallback"]


def font_px(role: str, scale: float = 1.0) -> int:
    return round(FONT_SIZES[role] * scale)


def font(role: str, scale: float = 1.0, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPixelSize(font_px(role, scale))
    f.setBold(bold or role in ("display", "h1", "h2", "figure-value", "tile-title"))
    return f
