"""The attract loop: a full-screen slideshow with a slow pan and zoom (Ken Burns) and the
bilingual call to action. The first touch ends it and presses nothing underneath."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, QSize, Qt, QVariantAnimation
from PySide6.QtGui import QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.content.models import LocalText
from kiosk.ui.overlays.base import Overlay, accent_bar, label

log = logging.getLogger(__name__)

ZOOM = 0.12  # the picture grows (or shrinks) by 12 % over one slide
FADE = 0.15  # fraction of a slide spent fading in from the previous one


def load_cover(path: Path, size: QSize) -> QPixmap | None:
    """`path` decoded at a size that covers `size` with room to zoom; None if unreadable."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    room = QSize(round(size.width() * (1 + ZOOM)), round(size.height() * (1 + ZOOM)))
    if original.isValid() and room.isValid():
        reader.setScaledSize(original.scaled(room, Qt.AspectRatioMode.KeepAspectRatioByExpanding))
    image = reader.read()
    if image.isNull():
        log.warning("attract: cannot read %s: %s", path, reader.errorString())
        return None
    return QPixmap.fromImage(image)


class AttractLoop(Overlay):
    """The slides are painted here; the call to action is two labels on a band whose gradient
    (theme.qss, #attractBand) keeps them legible over any photo."""

    layer = "attract"

    def __init__(self, host: QWidget):
        super().__init__(host, tap_to_dismiss=True)
        self.images: list[Path] = []
        self.call_to_action = LocalText({"zh": "触摸屏幕，开始探索", "en": "Touch to explore"})
        self.band = QWidget(self)
        self.band.setObjectName("attractBand")
        self.band.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.cta_zh = label("", "display")
        self.cta_en = label("", "h1")
        band = QVBoxLayout(self.band)
        band.setContentsMargins(64, 160, 64, 96)
        band.setSpacing(16)
        band.addWidget(accent_bar(), 0, Qt.AlignmentFlag.AlignHCenter)
        band.addSpacing(16)
        band.addWidget(self.cta_zh)
        band.addWidget(self.cta_en)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.band)
        self.slide = -1
        self._current: QPixmap | None = None
        self._previous: QPixmap | None = None
        self._anim = QVariantAnimation(self, startValue=0.0, endValue=1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.Linear)
        self._anim.valueChanged.connect(self.update)
        self._anim.finished.connect(self._next)
        self.tapped.connect(self.close_overlay)
        self.set_slides([], 8.0)

    def set_slides(self, images: list[Path], seconds_per_slide: float, cta=None) -> None:
        self.images = list(images)
        self._anim.setDuration(max(500, round(seconds_per_slide * 1000)))
        if cta is not None:
            self.call_to_action = cta

    def open(self) -> None:
        zh, en = self.call_to_action.get("zh"), self.call_to_action.get("en")
        self.cta_zh.setText(zh)
        self.cta_en.setText(en)
        self.cta_en.setVisible(en != zh)
        super().open()
        self.slide = -1
        self._current = None
        self._next()

    def hold(self, t: float) -> None:
        """Stop the motion at fraction `t` of the current slide (for screenshots)."""
        self._anim.pause()
        self._anim.setCurrentTime(round(self._anim.duration() * t))
        self.update()

    def close_overlay(self) -> None:
        self._anim.stop()
        self._current = self._previous = None  # free the pixmaps while visitors browse
        super().close_overlay()

    def _next(self) -> None:
        if not self.isVisible():
            return
        self._previous = self._current
        self._current = None
        for _ in range(len(self.images)):  # skip unreadable images (deleted after load)
            self.slide = (self.slide + 1) % len(self.images)
            self._current = load_cover(self.images[self.slide], self.size())
            if self._current is not None:
                break
        self._anim.start()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        t = float(self._anim.currentValue() or 0.0)
        if self._previous is not None and t < FADE:
            self._paint_slide(painter, self._previous, 1.0, self.slide - 1, 1.0)
        if self._current is not None:
            self._paint_slide(painter, self._current, t, self.slide, min(1.0, t / FADE))

    def _paint_slide(self, painter: QPainter, pixmap: QPixmap, t: float, index: int, alpha: float):
        """Zoom in on even slides and out on odd ones, panning toward alternating corners."""
        zoom = 1 + ZOOM * (t if index % 2 == 0 else 1 - t)
        w = self.width() * zoom
        h = w * pixmap.height() / max(1, pixmap.width())
        if h < self.height() * zoom:
            h = self.height() * zoom
            w = h * pixmap.width() / max(1, pixmap.height())
        slack_x, slack_y = w - self.width(), h - self.height()
        direction = 1 if index % 4 < 2 else -1
        pan = t if direction > 0 else 1 - t
        top_left = QPointF(-slack_x * pan, -slack_y * (1 - pan))
        painter.setOpacity(alpha)
        painter.drawPixmap(QRectF(top_left.x(), top_left.y(), w, h), pixmap, QRectF(pixmap.rect()))
        painter.setOpacity(1.0)
