"""Links block: each link as a QR code for the visitor's phone, its label and its URL.

Nothing opens on the kiosk. The QR image is built from segno's module matrix
(kiosk/content/qr.py) with whole-pixel modules and a 4-module quiet zone, so it stays crisp
and scannable from the screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.content.qr import qr_matrix
from kiosk.content.views import Link, LinksBlock
from kiosk.ui.blocks.base import BlockWidget, Card, ResponsiveGrid
from kiosk.ui.keypad import focusable, name_control
from kiosk.ui.widgets import Label

QUIET_ZONE = 4  # modules, as the QR standard asks
QR_BOX = 264  # every code gets the same white tile, whatever its module count
ZWSP = "\u200b"


def qr_image(url: str, box: int = QR_BOX) -> tuple[QImage, int]:
    """The QR code as a black-on-white image fitting `box` with whole-pixel modules (so at
    least ~200 px for any URL a links block allows), and its module size."""
    matrix = qr_matrix(url)
    modules = len(matrix) + 2 * QUIET_ZONE
    scale = max(1, box // modules)
    image = QImage(modules * scale, modules * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                left, top = (x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale
                painter.fillRect(left, top, scale, scale, QColor("black"))
    painter.end()
    return image, scale


def breakable_url(url: str) -> str:
    """The URL with invisible break chances after / ? & = so a long one wraps in a label."""
    for mark in "/?&=":
        url = url.replace(mark, mark + ZWSP)
    return url


class QrCode(QWidget):
    """Shows a QR image pixel for pixel (never smoothed: blurred modules scan badly)."""

    def __init__(self, url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.url = url
        self.image, self.module_px = qr_image(url)
        self.offset = (QR_BOX - self.image.width()) // 2  # the image sits centred in the tile
        self.setFixedSize(QR_BOX, QR_BOX)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.drawImage(self.offset, self.offset, self.image)


class LinkCard(Card):
    def __init__(self, link: Link, block: BlockWidget):
        super().__init__(block.colors.surface)
        self.setObjectName("linkCard")
        # The keypad reaches it (it scrolls into view; nothing opens on the kiosk), and a
        # screen reader reads its label and address.
        focusable(self)
        ctx = block.ctx
        name_control(
            ctx,
            self,
            lambda lang: f"{ctx.chrome('qr_code', lang)}: {link.label.get(lang)}, {link.url}",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 28, 28, 28)
        layout.setSpacing(12)
        self.qr = QrCode(link.url)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(6)
        self.label = block.label(link.label, "h3")
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.label)
        self.url = Label("caption", "muted", text=breakable_url(link.url))  # the same in all
        self.url.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.url)
        layout.addStretch(1)


class LinksBlockWidget(BlockWidget):
    block: LinksBlock

    def __init__(self, block: LinksBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        layout = self.vbox()
        self.title = self.title_label(layout, block.title)
        self.cards = [LinkCard(link, self) for link in block.links]
        self.grid = ResponsiveGrid(self.cards, min_column=340, max_columns=4)
        layout.addWidget(self.grid)
