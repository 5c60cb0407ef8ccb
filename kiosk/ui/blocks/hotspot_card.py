"""The card a map hotspot opens: its title and text, and a close button."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.content.models import Hotspot
from kiosk.ui import icons
from kiosk.ui.blocks.base import BlockWidget, Card, IconButton
from kiosk.ui.widgets import Label

CARD_WIDTH = 560
MARGIN = 16


class HotspotCard(Card):
    closed = Signal()

    def __init__(self, block: BlockWidget, parent=None):
        super().__init__(block.colors.surface, parent)
        self.ctx = block.ctx
        self.setObjectName("hotspotCard")
        layout = self._column = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 20, 32)
        layout.setSpacing(10)
        head = QHBoxLayout()
        self.title = Label("h3")
        self.close_button = IconButton(icons.CLOSE, block.ctx)
        self.close_button.clicked.connect(self.closed)
        head.addWidget(self.title, 1)
        head.addWidget(self.close_button)
        layout.addLayout(head)
        self.text = Label("body")
        layout.addWidget(self.text)
        self.text.setContentsMargins(0, 0, 12, 0)

    def show_hotspot(self, spot: Hotspot) -> None:
        self.ctx.texts.bind(self.title, spot.title)
        self.ctx.texts.bind(self.text, spot.text)

    def place_near(self, spot: QPointF, bounds: QRect) -> None:
        """Beside the spot where there is room (right, else left), kept inside `bounds`."""
        width = min(CARD_WIDTH, bounds.width() - 2 * MARGIN)
        self.setFixedWidth(width)
        self._column.activate()
        height = min(self.heightForWidth(width), bounds.height() - 2 * MARGIN)
        if height <= 0:
            height = self.sizeHint().height()
        x = (
            spot.x() + 48
            if spot.x() + 48 + width <= bounds.right() - MARGIN
            else spot.x() - 48 - width
        )
        x = min(max(bounds.left() + MARGIN, x), bounds.right() - MARGIN - width)
        y = min(
            max(bounds.top() + MARGIN, spot.y() - height / 2), bounds.bottom() - MARGIN - height
        )
        self.setGeometry(round(x), round(y), width, height)
