"""Map block: an image with numbered hotspot pins; a tap on a pin opens its card."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QVBoxLayout, QWidget

from kiosk.content.views import Hotspot, MapBlock
from kiosk.ui.blocks.base import BlockWidget
from kiosk.ui.blocks.hotspot_card import HotspotCard
from kiosk.ui.image_view import ImageView
from kiosk.ui.keypad import focusable, name_control

PIN = 64  # touch target; the drawn marker is centred on the spot
MAP_MAX_HEIGHT = 900
RADIUS = 22  # a marker's disc
SELECTED_RADIUS = 25  # the open hotspot's marker: larger, with a halo ring around it
HALO_RADIUS = 29
REACH = HALO_RADIUS + 2 + 6  # from a spot to the tip of its card's pointer


class HotspotPin(QAbstractButton):
    """A numbered marker: a disc in the primary colour. The open hotspot's marker is larger
    and ringed in the primary colour; a pressed one darkens at once."""

    def __init__(self, number: int, palette, parent: QWidget | None = None):
        super().__init__(parent)
        self.number = number
        self._fill = QColor(palette.primary)
        self._on_fill = QColor(palette.on_primary)
        self._pressed = QColor(palette.pressed)
        self._selected = False
        self.setFixedSize(PIN, PIN)
        focusable(self, ring="round")  # the keypad's Enter opens its card, as a tap does
        self.setProperty("tappable", True)

    def is_selected(self) -> bool:
        return self._selected

    def set_selected(self, on: bool) -> None:
        if on != self._selected:
            self._selected = on
            self.setProperty("selected", on)
            self.update()

    def fill_color(self) -> QColor:
        """The colour the disc is painted in now."""
        return self._pressed if self.isDown() else self._fill

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        radius = SELECTED_RADIUS if self._selected else RADIUS
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 90))
        painter.drawEllipse(centre + QPointF(0, 3), radius + 2, radius + 2)  # soft shadow
        if self._selected:
            halo = QColor(self._fill)
            halo.setAlpha(70)
            painter.setBrush(halo)
            painter.setPen(QPen(self._fill, 4))
            painter.drawEllipse(centre, HALO_RADIUS, HALO_RADIUS)
        painter.setPen(QPen(self._on_fill, 3))
        painter.setBrush(self.fill_color())
        painter.drawEllipse(centre, radius, radius)
        font = painter.font()
        font.setPixelSize(28 if self._selected else 24)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self._on_fill)
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, str(self.number))


class _Dismiss(QWidget):
    """Covers the map while a card is open; a tap on it closes the card."""

    tapped = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("floats", True)  # dims what is under it (the screen checker's layer)

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
            HotspotPin(index + 1, self.colors, self.stage) for index in range(len(block.hotspots))
        ]
        for index, pin in enumerate(self.pins):
            pin.clicked.connect(lambda _checked=False, i=index: self.open_hotspot(i))
            name_control(ctx, pin, partial(self._pin_name, index))
        self.dismiss = _Dismiss(self.stage)
        self.dismiss.tapped.connect(self.close_hotspot)
        self.dismiss.hide()
        self.card = HotspotCard(self, self)  # moved onto the page when first opened
        self.card.closed.connect(self.close_hotspot)
        self.card.hide()
        self._open: int | None = None
        self._place_queued = False
        self.view.loaded.connect(lambda _ok: self._place())

    # ---- public -------------------------------------------------------------------------

    def open_index(self) -> int | None:
        return self._open

    def open_hotspot(self, index: int) -> None:
        self._open = index
        for i, pin in enumerate(self.pins):
            pin.set_selected(i == index)
        self.card.show_hotspot(self.block.hotspots[index])
        self._host_card()
        self.dismiss.show()
        self.card.show()
        self._place()
        self.hotspot_opened.emit(index)

    def _pin_name(self, index: int, lang: str) -> str:
        """A pin's accessible name: "Place 2: Beijing Benz"."""
        words = self.ctx.chrome("hotspot", lang).format(n=index + 1)
        return f"{words}: {self.block.hotspots[index].title.get(lang)}"

    def close_hotspot(self) -> None:
        self._open = None
        for pin in self.pins:
            pin.set_selected(False)
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

    def moveEvent(self, event) -> None:
        super().moveEvent(event)
        if self._open is not None:
            self._place_later()  # the card lives on the page: it follows the map

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Move and self._open is not None:
            self._place_later()  # a widget between the map and the page moved
        return False

    def _place_later(self) -> None:
        """Once the page's layout pass is over: placing the card from inside it (a move seen
        while the page lays out) left the rest of the page with its old heights."""
        if not self._place_queued:
            self._place_queued = True
            QTimer.singleShot(0, self, self._place_now)

    def _place_now(self) -> None:
        self._place_queued = False
        self._place()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._place()

    def hideEvent(self, event) -> None:
        """Leaving the panel (or a session reset) closes the card: the next visitor finds the
        map as it was."""
        super().hideEvent(event)
        if self._open is not None:
            self.close_hotspot()

    def retranslate(self, lang: str = "") -> None:
        super().retranslate(lang)
        if self._open is not None:
            self.card.show_hotspot(self.block.hotspots[self._open])
            self._place_later()

    def rescale(self, scale: float = 1.0) -> None:
        super().rescale(scale)
        self._place()

    def _place(self) -> None:
        """Pins on their spots, over the dimmed map (a tap on one opens its card), the card
        on top, beside its marker and off the others."""
        self._stage_layout.activate()
        self.dismiss.setGeometry(self.view.geometry())
        self.dismiss.raise_()
        for index, pin in enumerate(self.pins):
            centre = self.pin_centre(index)
            x = min(max(0, round(centre.x() - PIN / 2)), self.stage.width() - PIN)
            y = min(max(0, round(centre.y() - PIN / 2)), self.stage.height() - PIN)
            pin.move(x, y)
            pin.raise_()
        if self._open is not None:
            host = self.card.parentWidget() or self

            def on_host(widget: QWidget) -> QRectF:
                return QRectF(QRect(widget.mapTo(host, QPoint(0, 0)), widget.size()))

            others = [on_host(pin) for i, pin in enumerate(self.pins) if i != self._open]
            centre = on_host(self.pins[self._open]).center()
            self.card.place_near(
                centre, self._shown_rect(host), others, REACH, within=on_host(self.stage)
            )
            self.card.raise_()

    def _host_card(self) -> None:
        """The card goes on the scrolling page, so that it can reach past the map's edges
        (over the title, or the block below) where the map has no room for it."""
        host: QWidget = self
        widget = self.parentWidget()
        while widget is not None and not widget.isWindow():
            parent = widget.parentWidget()
            area = parent.parentWidget() if parent is not None else None
            if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
                host = widget
                break
            widget = parent
        if self.card.parentWidget() is host:
            return
        self.card.setParent(host)
        widget = self.parentWidget()
        while widget is not None and widget is not host:
            widget.installEventFilter(self)
            widget = widget.parentWidget()

    def _shown_rect(self, host: QWidget) -> QRect:
        """The part of `host` the visitor can see (a scroll area's viewport cuts it off)."""
        rect = host.rect()
        parent = host.parentWidget()
        while parent is not None and not host.isWindow():
            top_left = host.mapFrom(parent, QPoint(0, 0))
            rect = rect.intersected(QRect(top_left, parent.size()))
            if parent.isWindow():
                break
            parent = parent.parentWidget()
        return rect if not rect.isEmpty() else host.rect()
