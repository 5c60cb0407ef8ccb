"""Bar chart block, drawn with QPainter: a labelled horizontal bar per value."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.content.models import BarChartBlock
from kiosk.content.numbers import format_number, shown_decimals
from kiosk.ui.blocks.base import BlockWidget


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

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, _width: int) -> int:
        rows = len(self.chart.bars)
        return rows * self.row_height() + (rows - 1) * self.ROW_GAP

    def sizeHint(self) -> QSize:
        return QSize(900, self.heightForWidth(900))

    def value_text(self, value: float) -> str:
        ctx = self.owner.ctx
        number = format_number(value, shown_decimals(value), ctx.lang)
        return f"{number} {ctx.text(self.chart.unit)}".strip()

    def layout_rows(self) -> list[tuple[str, QRectF, QRectF, str]]:
        """(label, label box, bar rect, value text) per bar, in widget coordinates."""
        ctx = self.owner.ctx
        label_font, value_font = self._fonts()
        labels = [ctx.text(bar.label) for bar in self.chart.bars]
        values = [self.value_text(bar.value) for bar in self.chart.bars]
        label_metrics, value_metrics = QFontMetrics(label_font), QFontMetrics(value_font)
        label_w = min(
            max(label_metrics.horizontalAdvance(text) for text in labels) + 24, self.width() * 0.35
        )
        value_w = max(value_metrics.horizontalAdvance(text) for text in values) + 20
        track = max(40.0, self.width() - label_w - value_w)
        low = min(0.0, min(bar.value for bar in self.chart.bars))
        high = max(0.0, max(bar.value for bar in self.chart.bars))
        span = (high - low) or 1.0
        zero = label_w + track * (-low / span)
        row_h = self.row_height()
        rows = []
        for index, bar in enumerate(self.chart.bars):
            y = index * (row_h + self.ROW_GAP)
            length = track * abs(bar.value) / span
            left = zero if bar.value >= 0 else zero - length
            bar_rect = QRectF(left, y + 6, max(length, 2.0), row_h - 12)
            rows.append((labels[index], QRectF(0, y, label_w - 24, row_h), bar_rect, values[index]))
        return rows

    def paintEvent(self, _event) -> None:
        colors = self.owner.colors
        label_font, value_font = self._fonts()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for label, label_box, bar, value in self.layout_rows():
            painter.setFont(label_font)
            painter.setPen(QColor(colors.text))
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            elided = painter.fontMetrics().elidedText(
                label, Qt.TextElideMode.ElideRight, int(label_box.width())
            )
            painter.drawText(label_box, align, elided)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.primary))
            painter.drawRoundedRect(bar, self.BAR_RADIUS, self.BAR_RADIUS)
            painter.setFont(value_font)
            painter.setPen(QColor(colors.text))
            value_box = QRectF(bar.right() + 14, label_box.top(), self.width(), label_box.height())
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
