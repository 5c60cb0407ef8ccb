"""Image block: one image with caption and credit.

In landscape the caption and credit stand beside the picture, like a label beside an exhibit
(the picture takes three fifths of the width); in portrait, and when there are no words, they
go under it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.content.views import ImageBlock
from kiosk.ui.blocks.base import BlockWidget
from kiosk.ui.image_view import ImageView

MAX_IMAGE_HEIGHT = 900
MAX_IMAGE_HEIGHT_LANDSCAPE = 720  # the picture and a line of the next chapter on one screen
PICTURE_SHARE, WORDS_SHARE = 3, 2  # picture : words, side by side
BESIDE_GAP = 40
UNDER_GAP = 12


class ImageBlockWidget(BlockWidget):
    block: ImageBlock

    def __init__(self, block: ImageBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        self.row = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(UNDER_GAP)
        path = ctx.content.image_path(block.image)
        self.view = ImageView(
            ctx.images,
            path,
            mode="contain",
            radius=12,
            max_height=MAX_IMAGE_HEIGHT,
            background=self.colors.surface,
        )
        self.row.addWidget(self.view)
        self.words = QWidget()
        self.words.setObjectName("imageWords")
        words = QVBoxLayout(self.words)
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(UNDER_GAP)
        self.caption = self.optional_label(block.caption, "caption")
        words.addWidget(self.caption)
        self.credit = self.optional_label(block.credit, "source", tone="muted")
        words.addWidget(self.credit)
        words.addStretch(1)
        self.words.setVisible(block.caption is not None or block.credit is not None)
        self.row.addWidget(self.words)

    def arrange(self, landscape: bool) -> None:
        beside = landscape and not self.words.isHidden()
        if beside:
            self.row.setDirection(QBoxLayout.Direction.LeftToRight)
            self.row.setSpacing(BESIDE_GAP)
            self.row.setStretch(0, PICTURE_SHARE)
            self.row.setStretch(1, WORDS_SHARE)
            self.row.setAlignment(self.view, Qt.AlignmentFlag.AlignTop)
            self.view.max_height = MAX_IMAGE_HEIGHT_LANDSCAPE
        else:
            self.row.setDirection(QBoxLayout.Direction.TopToBottom)
            self.row.setSpacing(UNDER_GAP)
            self.row.setStretch(0, 0)
            self.row.setStretch(1, 0)
            self.row.setAlignment(self.view, Qt.AlignmentFlag(0))
            self.view.max_height = MAX_IMAGE_HEIGHT
        self.view.updateGeometry()
