"""Image block: one image with caption and credit."""

from __future__ import annotations

from kiosk.content.models import ImageBlock
from kiosk.ui.blocks.base import BlockWidget
from kiosk.ui.image_view import ImageView

MAX_IMAGE_HEIGHT = 900


class ImageBlockWidget(BlockWidget):
    block: ImageBlock

    def __init__(self, block: ImageBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        layout = self.vbox(spacing=12)
        path = ctx.content.image_path(block.image)
        self.view = ImageView(
            ctx.images,
            path,
            mode="contain",
            radius=12,
            max_height=MAX_IMAGE_HEIGHT,
            background=self.colors.surface,
        )
        layout.addWidget(self.view)
        self.caption = self.optional_label(block.caption, "caption")
        layout.addWidget(self.caption)
        self.credit = self.optional_label(block.credit, "source", tone="muted")
        layout.addWidget(self.credit)
