"""Text block: a title and paragraphs in the Markdown subset, at most a reading column wide."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.content.views import TextBlock
from kiosk.ui.blocks.base import READING_MAX, BlockWidget
from kiosk.ui.blocks.markdown import to_html
from kiosk.ui.widgets import Label


class TextBlockWidget(BlockWidget):
    block: TextBlock
    measure = READING_MAX  # ~65 Latin characters or ~35 hanzi a line

    def __init__(self, block: TextBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        layout = self.vbox(spacing=16)
        self.title = self.title_label(layout, block.title)
        self.body = Label("body")
        self.body.setTextFormat(Qt.TextFormat.RichText)  # made by to_html from plain text
        self.body.setOpenExternalLinks(False)
        self.body.setObjectName("markdown")
        ctx.texts.bind(self.body, lambda lang: to_html(block.body.get(lang)), origin=block.body)
        layout.addWidget(self.body)
