"""Timeline block: events in order on a vertical line with dots."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content.views import TimelineBlock, TimelineEvent
from kiosk.ui.blocks.base import READING_BESIDE_MAX, BlockWidget

RAIL_WIDTH = 48
DOT = 20


def when_width(h3_px: int) -> int:
    """The dates' column: six characters of the date's type ('约三十年前', '30 years' fit)."""
    return max(170, h3_px * 6)


class Rail(QWidget):
    """The line and dot beside one event; rows touch, so the line reads as one."""

    def __init__(self, first: bool, last: bool, line: str, dot: str, ring: str):
        super().__init__()
        self.first, self.last = first, last
        self._line, self._dot, self._ring = QColor(line), QColor(dot), QColor(ring)
        self.setFixedWidth(RAIL_WIDTH)
        self.dot_y = 22.0

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = self.width() / 2
        painter.setPen(QPen(self._line, 4))
        top = self.dot_y if self.first else 0
        bottom = self.dot_y if self.last else self.height()
        if bottom > top:
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        painter.setPen(QPen(self._ring, 5))
        painter.setBrush(self._dot)
        painter.drawEllipse(QPointF(x, self.dot_y), DOT / 2, DOT / 2)


class EventRow(QWidget):
    def __init__(self, event: TimelineEvent, block: BlockWidget, first: bool, last: bool):
        super().__init__()
        colors = block.colors
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(20)
        self.when = block.label(event.when, "h3", tone="accent")
        self.when.setFixedWidth(when_width(block.ctx.font_px("h3")))
        self.when.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.rail = Rail(first, last, colors.muted, colors.primary, colors.background)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0 if last else 36)
        column.setSpacing(6)
        self.title = block.label(event.title, "h3")
        self.text = block.optional_label(event.text, "body")
        column.addWidget(self.title)
        column.addWidget(self.text)
        column.addStretch(1)
        row.addWidget(self.when, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.rail)
        row.addLayout(column, 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # Centre the dot on the first line of the event title, whatever the text size.
        self.rail.dot_y = self.title.fontMetrics().height() / 2 + 2
        self.rail.update()


class TimelineBlockWidget(BlockWidget):
    block: TimelineBlock
    measure = READING_BESIDE_MAX  # the dates and the line, then a reading column

    def __init__(self, block: TimelineBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        layout = self.vbox()
        self.title = self.title_label(layout, block.title)
        rows = QVBoxLayout()
        rows.setSpacing(0)
        count = len(block.events)
        self.rows = [
            EventRow(event, self, index == 0, index == count - 1)
            for index, event in enumerate(block.events)
        ]
        for row in self.rows:
            rows.addWidget(row)
        layout.addLayout(rows)

    def rescale(self, scale: float = 1.0) -> None:
        width = when_width(self.ctx.font_px("h3"))
        for row in self.rows:
            row.when.setFixedWidth(width)
        super().rescale(scale)
