"""Story block: a person's quote with a round portrait, name, role, organisation and source.

In landscape the portrait stands beside the words (two columns); in portrait the portrait and
the name make a byline above a quote that takes the card's full width (one column).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kiosk.content.views import StoryBlock
from kiosk.ui import icons
from kiosk.ui.blocks.base import READING_BESIDE_MAX, BlockWidget, Card
from kiosk.ui.image_view import ImageView, icon_pixmap

PORTRAIT = 240  # beside the words (landscape)
PORTRAIT_BYLINE = 160  # above them (portrait)
PADDING = 40
ALL = Qt.AlignmentFlag(0)  # fill the cell
TOP = Qt.AlignmentFlag.AlignTop
BOTTOM = Qt.AlignmentFlag.AlignBottom
MARK = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop  # a fixed-size cell: not centred


class StoryBlockWidget(BlockWidget):
    block: StoryBlock
    measure = READING_BESIDE_MAX

    def __init__(self, block: StoryBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        outer = self.vbox()
        card = Card(self.colors.surface)
        card.setObjectName("storyCard")
        outer.addWidget(card)
        self.grid = QGridLayout(card)
        self.grid.setContentsMargins(PADDING, PADDING, PADDING, PADDING)
        self.grid.setHorizontalSpacing(PADDING)
        self.grid.setVerticalSpacing(14)
        self.portrait: ImageView | None = None
        if block.image is not None:
            self.portrait = ImageView(
                ctx.images,
                ctx.content.image_path(block.image),
                mode="cover",
                radius=PORTRAIT / 2,
                aspect=1.0,
                background=self.colors.background,
            )
            self.portrait.setFixedSize(PORTRAIT_BYLINE, PORTRAIT_BYLINE)
        mark = QLabel()
        mark.setPixmap(icon_pixmap(icons.QUOTE, self.colors.primary, 56))
        mark.setFixedSize(56, 40)
        mark.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.mark = mark
        self.quote = self.label(block.quote, "quote")
        self.person = self.label(block.person, "h3")
        has_role = block.role is not None or block.organisation is not None
        self.role = self.optional_label(
            self._role_line if has_role else None, "caption", tone="muted"
        )
        self.source = self.optional_label(block.source, "source", tone="muted")
        self.arrange(False)

    def _role_line(self, lang: str) -> str:
        parts = (self.block.role, self.block.organisation)
        return " · ".join(part.get(lang) for part in parts if part is not None)

    def arrange(self, landscape: bool) -> None:
        grid = self.grid
        words: list[QWidget] = [self.mark, self.quote, self.person, self.role, self.source]
        for widget in [*words, self.portrait]:
            if widget is not None:
                grid.removeWidget(widget)
        for row in range(6):
            grid.setRowStretch(row, 0)
        if self.portrait is None:
            # Words only: one column in either orientation.
            for row, widget in enumerate(words):
                grid.addWidget(widget, row, 0, 1, 2, MARK if widget is self.mark else ALL)
        elif landscape:
            # [portrait | mark, quote, person, role, source]
            self.portrait.setFixedSize(PORTRAIT, PORTRAIT)
            grid.addWidget(self.portrait, 0, 0, 6, 1, TOP)
            for row, widget in enumerate(words):
                grid.addWidget(widget, row, 1, 1, 1, MARK if widget is self.mark else ALL)
            grid.setRowStretch(5, 1)
        else:
            # [portrait | person / role] above mark, quote, source across the card
            self.portrait.setFixedSize(PORTRAIT_BYLINE, PORTRAIT_BYLINE)
            grid.addWidget(self.portrait, 0, 0, 2, 1, TOP)
            grid.addWidget(self.person, 0, 1, BOTTOM)
            grid.addWidget(self.role, 1, 1, TOP)
            grid.addWidget(self.mark, 2, 0, 1, 2, MARK)
            grid.addWidget(self.quote, 3, 0, 1, 2)
            grid.addWidget(self.source, 4, 0, 1, 2)
            grid.setRowStretch(0, 1)
            grid.setRowStretch(1, 1)
        grid.setColumnStretch(0, 0)
        grid.setColumnStretch(1, 1)
        grid.invalidate()
