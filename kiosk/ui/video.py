"""Where a film is seen: `VideoSurface` paints a player's newest frame at its own aspect with
the captions of the displayed language over it, and the poster until the film has a frame.

Captions are ours, not the container's: one WebVTT or SRT file per language (parsed by
kiosk/content/media.py), so a language switch shows the same moment's words in the other
language at once, and a caption file is checked like any other content file. They sit on a
dark band at the bottom of the picture, at least body-text size and larger in full screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath
from PySide6.QtWidgets import QWidget

from kiosk.content.media import Captions
from kiosk.services.video import Player
from kiosk.ui.icons import glyph_path

CAPTION_HEIGHT_SHARE = 1 / 16  # caption text height: this share of the picture's height
CAPTION_MIN_PX = 24
CAPTION_MAX_PX = 64
PLAY_DISC_SHARE = 0.16  # the play glyph's disc, as a share of the shorter side
PLAY_DISC_MIN = 96
PLAY_ICON = "mdi6.play"


def contain(size: QSizeF, box: QRectF) -> QRectF:
    """`size` scaled to fit `box`, centred in it."""
    if size.isEmpty() or box.isEmpty():
        return QRectF(box)
    scaled = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRectF(
        box.x() + (box.width() - scaled.width()) / 2,
        box.y() + (box.height() - scaled.height()) / 2,
        scaled.width(),
        scaled.height(),
    )


class VideoSurface(QWidget):
    """Paints `player`'s frame (or nothing: what is under it, the poster, shows), the caption
    for the player's position in `lang()`, and a large play sign while the film is paused.

    Transparent where it has nothing to paint, so it lies over the poster's ImageView."""

    def __init__(
        self,
        lang: Callable[[], str],
        font: Callable[[], QFont],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.lang = lang
        self.font_for = font
        self.player: Player | None = None
        self.captions: Mapping[str, Captions] = {}
        self.captions_on = True
        self.play_sign = True  # the play sign over a paused film (not in the attract loop)
        self._shown_caption = ""

    def set_player(self, player: Player | None) -> None:
        if self.player is not None:
            for signal in (self.player.frame_changed, self.player.playing_changed):
                signal.disconnect(self.update)
            self.player.position_changed.disconnect(self._moved)
        self.player = player
        if player is not None:
            player.frame_changed.connect(self.update)
            player.playing_changed.connect(self.update)
            player.position_changed.connect(self._moved)
        self.update()

    def caption(self) -> str:
        """The words shown now: the displayed language's captions at the player's position
        (another language's where it has none), '' when off or between cues."""
        if not self.captions_on or self.player is None or not self.captions:
            return ""
        track = self.captions.get(self.lang()) or next(iter(self.captions.values()))
        return track.at(self.player.position())

    def has_frame(self) -> bool:
        return self.player is not None and self.player.frame is not None

    def picture_rect(self) -> QRectF:
        frame = self.player.frame if self.player is not None else None
        size = QSizeF(frame.size()) if frame is not None else QSizeF(self.size())
        return contain(size, QRectF(self.rect()))

    def _moved(self, _ms: int) -> None:
        words = self.caption()
        if words != self._shown_caption:
            self.update()

    # ---- painting -------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        picture = self.picture_rect()
        if self.has_frame():
            assert self.player is not None
            painter.fillRect(self.rect(), Qt.GlobalColor.black)
            image = self.player.frame.toImage()
            if not image.isNull():
                painter.drawImage(picture, image)
        self._shown_caption = self.caption()
        if self._shown_caption:
            self._paint_caption(painter, picture, self._shown_caption)
        if self.play_sign and not (self.player is not None and self.player.playing):
            self._paint_play_sign(painter, picture)
        painter.end()

    def _paint_caption(self, painter: QPainter, picture: QRectF, words: str) -> None:
        font = QFont(self.font_for())
        px = round(picture.height() * CAPTION_HEIGHT_SHARE)
        font.setPixelSize(max(font.pixelSize(), CAPTION_MIN_PX, min(px, CAPTION_MAX_PX)))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        pad = max(8, font.pixelSize() // 3)
        width = picture.width() * 0.86
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
        if max(metrics.horizontalAdvance(line) for line in words.split("\n")) > width:
            # the author's lines are wider than this picture: wrap the words afresh instead of
            # leaving one word alone on a line of its own
            words = (" " if " " in words else "").join(words.split("\n"))
        box = metrics.boundingRect(0, 0, round(width), 10_000, flags, words)
        band = QRectF(
            picture.center().x() - box.width() / 2 - pad,
            picture.bottom() - box.height() - 3 * pad,
            box.width() + 2 * pad,
            box.height() + 2 * pad,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 200))  # white on this: above 7:1 on any picture
        painter.drawRoundedRect(band, pad, pad)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(band.adjusted(pad, pad, -pad, -pad), flags, words)

    def _paint_play_sign(self, painter: QPainter, picture: QRectF) -> None:
        side = max(PLAY_DISC_MIN, min(picture.width(), picture.height()) * PLAY_DISC_SHARE)
        centre = picture.center()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 160))
        painter.drawEllipse(centre, side / 2, side / 2)
        glyph = glyph_path(PLAY_ICON)
        if glyph is None:
            return
        path, em = glyph
        scale = side * 0.6 / max(em.width(), em.height())
        painter.save()
        painter.translate(centre)
        painter.scale(scale, scale)
        painter.translate(-em.center())
        painter.fillPath(QPainterPath(path), QColor("#ffffff"))
        painter.restore()
