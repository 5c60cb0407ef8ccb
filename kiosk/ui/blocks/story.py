"""Story block: a person's quote with a round portrait, name, role, organisation and source."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from kiosk.content.models import StoryBlock
from kiosk.ui import icons
from kiosk.ui.blocks.base import BlockWidget, Card
from kiosk.ui.image_view import ImageView, icon_pixmap

PORTRAIT = 200


class StoryBlockWidget(BlockWidget):
    block: StoryBlock

    def __init__(self, block: StoryBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        outer = self.vbox()
        card = Card(self.colors.surface)
        card.setObjectName("storyCard")
        outer.addWidget(card)
        row = QHBoxLayout(card)
        row.setContentsMargins(40, 40, 40, 40)
        row.setSpacing(40)
        self.portrait = None
        if block.image is not None:
            self.portrait = ImageView(
                ctx.images,
                ctx.content.image_path(block.image),
                mode="cover",
                radius=PORTRAIT / 2,
                aspect=1.0,
                background=self.colors.background,
            )
            self.portrait.setFixedSize(PORTRAIT, PORTRAIT)
            row.addWidget(self.portrait, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(14)
        mark = QLabel()
        mark.setPixmap(icon_pixmap(icons.QUOTE, self.colors.primary, 56))
        mark.setFixedSize(56, 40)
        mark.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        column.addWidget(mark)
        self.quote = self.label(block.quote, "quote")
        column.addWidget(self.quote)
        column.addSpacing(8)
        self.person = self.label(block.person, "h3")
        column.addWidget(self.person)
        has_role = block.role is not None or block.organisation is not None
        self.role = self.optional_label(
            self._role_line if has_role else None, "caption", tone="muted"
        )
        column.addWidget(self.role)
        self.source = self.optional_label(block.source, "source", tone="muted")
        column.addWidget(self.source)
        row.addLayout(column, 1)

    def _role_line(self, lang: str) -> str:
        parts = (self.block.role, self.block.organisation)
        return " · ".join(part.get(lang) for part in parts if part is not None)
