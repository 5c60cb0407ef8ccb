"""Bar chart block, drawn with QPainter: a labelled horizontal bar per value."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.content.numbers import format_number, shown_decimals
from kiosk.content.views import BarChartBlock
from kiosk.ui.blocks.base import BlockWidget

LABEL_SHARE = 0.35  # of the width, at most, for labels beside their bars
LABEL_GAP = 24  # between a label and its bar


class BarChart(QWidget):
    """Rows of label | bar | value. Fonts follow ctx.font(); repaints on language/scale."""

    ROW_GAP = 18
    BAR_RADIUS = 6

    def __init__(self, block: BlockWidget):
        super().__init__()
        self.owner = block
        self.chart: BarChartBlock = block.block
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _fonts(self):
        ctx = self.owner.ctx
        value_font = ctx.font("body")
        value_font.setBold(True)
        return ctx.font("body"), value_font

    def row_height(self) -> int:
        label_font, _ = self._fonts()
        return QFontMetrics(label_font).height() + 24

    def stacked(self, width: int | None = None) -> bool:
        """Labels above their bars when the longest does not fit a third of the width
        (portrait, A+, long labels): a label is never cut off."""
        width = self.width() if width is None else width
        label_font, _ = self._fonts()
        metrics = QFontMetrics(label_font)
        longest = max(metrics.horizontalAdvance(self._label(bar)) for bar in self.chart.bars)
        return longest + LABEL_GAP > width * LABEL_SHARE

    def _label(self, bar) -> str:
        return self.owner.ctx.text(bar.label)

    def _label_height(self, width: int) -> int:
        """The tallest label set in `width` px, wrapped at words (stacked rows)."""
        label_font, _ = self._fonts()
        metrics = QFontMetrics(label_font)
        flags = int(Qt.TextFlag.TextWordWrap)
        return max(
            metrics.boundingRect(
                QRect(0, 0, max(1, width), 10_000), flags, self._label(bar)
            ).height()
            for bar in self.chart.bars
        )

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = len(self.chart.bars)
        row_h = self.row_height()
        if self.stacked(width):
            row_h += self._label_height(width) + 6
        return rows * row_h + (rows - 1) * self.ROW_GAP

    def sizeHint(self) -> QSize:
        return QSize(900, self.heightForWidth(900))

    def value_text(self, value: float) -> str:
        ctx = self.owner.ctx
        number = format_number(value, shown_decimals(value), ctx.lang)
        return f"{number} {ctx.text(self.chart.unit)}".strip()

    def layout_rows(self) -> list[tuple[str, QRectF, QRectF, str]]:
        """(label, label box, bar rect, value text) per bar, in widget coordinates: the label
        left of its bar, or above it when `stacked()`."""
        label_font, value_font = self._fonts()
        labels = [self._label(bar) for bar in self.chart.bars]
        values = [self.value_text(bar.value) for bar in self.chart.bars]
        label_metrics, value_metrics = QFontMetrics(label_font), QFontMetrics(value_font)
        stacked = self.stacked()
        label_h = self._label_height(self.width()) + 6 if stacked else 0
        if stacked:
            label_w = 0.0
        else:
            label_w = max(label_metrics.horizontalAdvance(text) for text in labels) + LABEL_GAP
        value_w = max(value_metrics.horizontalAdvance(text) for text in values) + 20
        track = max(40.0, self.width() - label_w - value_w)
        low = min(0.0, min(bar.value for bar in self.chart.bars))
        high = max(0.0, max(bar.value for bar in self.chart.bars))
        span = (high - low) or 1.0
        zero = label_w + track * (-low / span)
        row_h = self.row_height()
        rows = []
        for index, bar in enumerate(self.chart.bars):
            y = index * (row_h + label_h + self.ROW_GAP)
            length = track * abs(bar.value) / span
            left = zero if bar.value >= 0 else zero - length
            bar_rect = QRectF(left, y + label_h + 6, max(length, 2.0), row_h - 12)
            if stacked:
                box = QRectF(0, y, self.width(), label_h)
            else:
                box = QRectF(0, y, label_w - LABEL_GAP, row_h)
            rows.append((labels[index], box, bar_rect, values[index]))
        return rows

    def paintEvent(self, _event) -> None:
        colors = self.owner.colors
        label_font, value_font = self._fonts()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        stacked = self.stacked()
        for label, label_box, bar, value in self.layout_rows():
            painter.setFont(label_font)
            painter.setPen(QColor(colors.text))
            if stacked:
                flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                painter.drawText(label_box, int(flags) | int(Qt.TextFlag.TextWordWrap), label)
            else:
                align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(label_box, align, label)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.primary))
            painter.drawRoundedRect(bar, self.BAR_RADIUS, self.BAR_RADIUS)
            painter.setFont(value_font)
            painter.setPen(QColor(colors.text))
            value_box = QRectF(bar.right() + 14, bar.top() - 6, self.width(), bar.height() + 12)
            left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(value_box, left, value)


class BarChartBlockWidget(BlockWidget):
    block: BarChartBlock

    def __init__(self, block: BarChartBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        layout = self.vbox()
        self.title = self.title_label(layout, block.title)
        self.chart = BarChart(self)
        self.chart.setObjectName("barChart")
        layout.addWidget(self.chart)
        self.source = self.label(block.source, "source", tone="muted")
        layout.addWidget(self.source)

    def retranslate(self, lang: str = "") -> None:
        super().retranslate(lang)
        self.chart.update()

    def rescale(self, scale: float = 1.0) -> None:
        super().rescale(scale)
        self.chart.updateGeometry()
        self.chart.update()
