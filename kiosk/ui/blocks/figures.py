"""Figures block: big numbers with unit, label and source, counting up when first shown."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, Qt, QVariantAnimation
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.content.models import Figure, FiguresBlock
from kiosk.content.numbers import format_number
from kiosk.ui.blocks.base import BlockWidget, Card, ResponsiveGrid

COUNT_UP_MS = 800


class FigureTile(Card):
    def __init__(self, figure: Figure, block: BlockWidget):
        super().__init__(block.colors.surface)
        self.figure = figure
        self.ctx = block.ctx
        self.setObjectName("figureTile")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.value = block.label(self.final_text, "figure-value", tone="accent")
        self.value.setWordWrap(False)
        self.unit = block.optional_label(figure.unit, "figure-unit")
        row.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.unit, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(row)
        self.caption = block.label(figure.label, "figure-label")
        layout.addWidget(self.caption)
        layout.addStretch(1)
        suffix = f" · {figure.as_of.isoformat()}" if figure.as_of else ""
        self.source = block.label(
            lambda lang: figure.source.get(lang) + suffix, "source", tone="muted"
        )
        layout.addWidget(self.source)
        self.animation = QVariantAnimation(self)
        self.animation.setDuration(COUNT_UP_MS)
        self.animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(float(figure.value))
        self.animation.valueChanged.connect(self._step)
        self.animation.finished.connect(lambda: self.value.setText(self.final_text()))

    def final_text(self, lang: str | None = None) -> str:
        return format_number(self.figure.value, self.figure.decimals, lang or self.ctx.lang)

    def count_up(self) -> None:
        self.animation.stop()
        self.animation.start()

    def _step(self, value: float) -> None:
        if self.animation.state() == QVariantAnimation.State.Running:
            self.value.setText(format_number(value, self.figure.decimals, self.ctx.lang))


class FiguresBlockWidget(BlockWidget):
    block: FiguresBlock

    def __init__(self, block: FiguresBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        layout = self.vbox()
        self.title = self.title_label(layout, block.title)
        self.tiles = [FigureTile(figure, self) for figure in block.items]
        self.grid = ResponsiveGrid(self.tiles, min_column=420, max_columns=4)
        layout.addWidget(self.grid)

    def showEvent(self, event) -> None:
        """Count up each time the panel comes on screen (not in screenshots: ctx.animate)."""
        super().showEvent(event)
        if self.ctx.animate:
            for tile in self.tiles:
                tile.count_up()
