"""Icons drawn straight from the icon fonts qtawesome ships (names like 'mdi6.factory').

qtawesome's own module goes through qtpy, which imports every Qt widget class: ~200 ms on the
path to the first frame. The fonts and charmaps are all the kiosk needs, so each glyph is read
with QRawFont and filled as a vector path at whatever size the icon is drawn.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPainterPath, QPixmap, QRawFont

from kiosk.content.icons import icon_glyph

# The icons the kiosk's own chrome draws (content icons come from the panels' YAML).
HOME = "mdi6.home"
BACK = "mdi6.arrow-left"
CLOSE = "mdi6.close"
PREVIOUS = "mdi6.chevron-left"
NEXT = "mdi6.chevron-right"
QUOTE = "mdi6.format-quote-open"
IMAGE_MISSING = "mdi6.image-off-outline"
ACCESS = "mdi6.human"  # the universal-access figure: audio mode on and off (ui/audio.py)
AUDIO_PREVIOUS = "mdi6.skip-previous"
AUDIO_REPEAT = "mdi6.replay"
AUDIO_PAUSE = "mdi6.pause"
AUDIO_PLAY = "mdi6.play"
AUDIO_NEXT = "mdi6.skip-next"
AUDIO_QUIETER = "mdi6.volume-minus"
AUDIO_LOUDER = "mdi6.volume-plus"
LOWER = "mdi6.format-vertical-align-bottom"  # "lower the screen" and back
RAISE = "mdi6.format-vertical-align-top"
UI_ICONS = (
    HOME,
    BACK,
    CLOSE,
    PREVIOUS,
    NEXT,
    QUOTE,
    IMAGE_MISSING,
    ACCESS,
    AUDIO_PREVIOUS,
    AUDIO_REPEAT,
    AUDIO_PAUSE,
    AUDIO_PLAY,
    AUDIO_NEXT,
    AUDIO_QUIETER,
    AUDIO_LOUDER,
    LOWER,
    RAISE,
    "mdi6.volume-high",  # a film's controls (kiosk/ui/blocks/video.py)
    "mdi6.volume-off",
    "mdi6.subtitles",
    "mdi6.subtitles-outline",
    "mdi6.arrow-expand-all",
)

_EM = 100.0  # glyphs are read at this pixel size, then scaled
_FILL = 0.875  # share of the icon box the glyph's em square takes (qtawesome's default)


@cache
def _raw_font(path: Path) -> QRawFont:
    return QRawFont(str(path), _EM)


@cache
def glyph_path(name: str) -> tuple[QPainterPath, QRectF] | None:
    """The glyph outline of icon `name` and its em box (advance x ascent+descent), or None."""
    found = icon_glyph(name)
    if found is None:
        return None
    font = _raw_font(found[0])
    if not font.isValid():
        return None
    indexes = font.glyphIndexesForString(chr(found[1]))
    if not indexes or indexes[0] == 0:
        return None
    advance = font.advancesForGlyphIndexes(indexes)[0].x()
    box = QRectF(0, -font.ascent(), advance, font.ascent() + font.descent())
    return font.pathForGlyph(indexes[0]), box


class GlyphIconEngine(QIconEngine):
    def __init__(self, path: QPainterPath, box: QRectF, color: QColor):
        super().__init__()
        self._path, self._box, self._color = path, box, color

    def paint(self, painter: QPainter, rect: QRect, _mode, _state) -> None:
        scale = min(rect.width() / self._box.width(), rect.height() / self._box.height()) * _FILL
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(QRectF(rect).center())
        painter.scale(scale, scale)
        painter.translate(-self._box.center())
        painter.fillPath(self._path, self._color)
        painter.restore()

    def pixmap(self, size: QSize, mode, state) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphIconEngine(self._path, self._box, self._color)


def icon(name: str, color: str) -> QIcon:
    """The icon `name` in `color`; an empty icon for an unknown name (validation reports it)."""
    glyph = glyph_path(name)
    if glyph is None:
        return QIcon()
    return QIcon(GlyphIconEngine(*glyph, QColor(color)))
