"""Text block: a title and paragraphs in the Markdown subset."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.content.models import TextBlock
from kiosk.ui.blocks.base import BlockWidget, plain_label
from kiosk.ui.blocks.markdown import to_html


class TextBlockWidget(BlockWidget):
    block: TextBlock

    def __init__(self, block: TextBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        layout = self.vbox(spacing=16)
        self.title = self.title_label(layout, block.title)
        self.body = plain_label("body")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setOpenExternalLinks(False)
        self.body.setObjectName("markdown")
        self.bind_with(self.body, block.body, to_html)
        layout.addWidget(self.body)
