"""Map block: an image with numbered hotspot pins; a tap on a pin opens its card."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QAbstractButton, QVBoxLayout, QWidget

from kiosk.content.models import Hotspot, MapBlock
from kiosk.ui.blocks.base import BlockWidget
from kiosk.ui.blocks.hotspot_card import HotspotCard
from kiosk.ui.image_view import ImageView

PIN = 64  # touch target; the drawn pin is smaller and centred on the spot
MAP_MAX_HEIGHT = 900


class HotspotPin(QAbstractButton):
    def __init__(self, number: int, fill: str, ring: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.number = number
        self._fill, self._ring = QColor(fill), QColor(ring)
        self.setFixedSize(PIN, PIN)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setProperty("tappable", True)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        pressed = self.isDown() or self.isChecked()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 90))
        painter.drawEllipse(centre + QPointF(0, 3), 25, 25)  # soft shadow
        painter.setPen(QPen(self._ring, 4))
        painter.setBrush(self._ring if pressed else self._fill)
        painter.drawEllipse(centre, 23, 23)
        font = painter.font()
        font.setPixelSize(24)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self._fill if pressed else self._ring)
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, str(self.number))


class _Dismiss(QWidget):
    """Covers the map while a card is open; a tap on it closes the card."""

    tapped = Signal()

    def mousePressEvent(self, event) -> None:
        self.tapped.emit()

    def paintEvent(self, _event) -> None:
        path = QPainterPath()
        path.addRoundedRect(QRectF(self.rect()), 12, 12)
        QPainter(self).fillPath(path, QColor(5, 12, 24, 110))


class MapBlockWidget(BlockWidget):
    block: MapBlock
    hotspot_opened = Signal(int)

    def __init__(self, block: MapBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        layout = self.vbox()
        self.title = self.title_label(layout, block.title)
        self.stage = QWidget()
        stage_layout = self._stage_layout = QVBoxLayout(self.stage)
        stage_layout.setContentsMargins(0, 0, 0, 0)
        self.view = ImageView(
            ctx.images,
            ctx.content.image_path(block.image),
            mode="contain",
            radius=12,
            max_height=MAP_MAX_HEIGHT,
            background=self.colors.surface,
            parent=self.stage,
        )
        stage_layout.addWidget(self.view)
        layout.addWidget(self.stage)
        self.pins = [
            HotspotPin(index + 1, self.colors.primary, "#ffffff", self.stage)
            for index in range(len(block.hotspots))
        ]
        for index, pin in enumerate(self.pins):
            pin.clicked.connect(lambda _checked=False, i=index: self.open_hotspot(i))
        self.dismiss = _Dismiss(self.stage)
        self.dismiss.tapped.connect(self.close_hotspot)
        self.dismiss.hide()
        self.card = HotspotCard(self, self.stage)
        self.card.closed.connect(self.close_hotspot)
        self.card.hide()
        self._open: int | None = None
        self.view.loaded.connect(lambda _ok: self._place())

    # ---- public -------------------------------------------------------------------------

    def open_index(self) -> int | None:
        return self._open

    def open_hotspot(self, index: int) -> None:
        self._open = index
        for i, pin in enumerate(self.pins):
            pin.setChecked(i == index)
        self.card.show_hotspot(self.block.hotspots[index])
        self.dismiss.show()
        self.dismiss.raise_()
        self.card.show()
        self.card.raise_()
        self._place()
        self.hotspot_opened.emit(index)

    def close_hotspot(self) -> None:
        self._open = None
        for pin in self.pins:
            pin.setChecked(False)
        self.card.hide()
        self.dismiss.hide()

    def pin_centre(self, index: int) -> QPointF:
        """Where hotspot `index` is on the stage (its relative x/y on the drawn image)."""
        spot: Hotspot = self.block.hotspots[index]
        rect = self.view.image_rect().translated(self.view.pos())
        return QPointF(rect.left() + spot.x * rect.width(), rect.top() + spot.y * rect.height())

    # ---- layout -------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._place()

    def retranslate(self, lang: str = "") -> None:
        super().retranslate(lang)
        if self._open is not None:
            self.card.show_hotspot(self.block.hotspots[self._open])
            self._place()

    def rescale(self, scale: float = 1.0) -> None:
        super().rescale(scale)
        self._place()

    def _place(self) -> None:
        self._stage_layout.activate()
        for index, pin in enumerate(self.pins):
            centre = self.pin_centre(index)
            x = min(max(0, round(centre.x() - PIN / 2)), self.stage.width() - PIN)
            y = min(max(0, round(centre.y() - PIN / 2)), self.stage.height() - PIN)
            pin.move(x, y)
            pin.raise_()
        self.dismiss.setGeometry(self.view.geometry())
        if self._open is not None:
            self.dismiss.raise_()
            self.card.place_near(self.pin_centre(self._open), self.stage.rect())
            self.card.raise_()
