"""Figures block: big numbers with unit, label and source, counting up when first shown.

The number and its unit share a line when both fit; in a tile too narrow for that the unit
goes under the number, whole: neither ever wraps (`NumberUnitLayout`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QRect, QSize, Qt, QVariantAnimation
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLayout, QLayoutItem, QVBoxLayout, QWidget

from kiosk.content.numbers import format_number
from kiosk.content.typeset import keep_together
from kiosk.content.views import Figure, FiguresBlock
from kiosk.ui.blocks.base import BlockWidget, Card, ResponsiveGrid

# Short (0.8 s), so it needs no pause control: WCAG 2.2 SC 2.2.2 asks for one only of what
# moves longer than 5 s. With reduced motion (ctx.animate off) the final number shows at once.
COUNT_UP_MS = 800
UNIT_GAP = 10  # between the number and its unit side by side
UNIT_BELOW_GAP = 2  # between the number and its unit under it


class NumberUnitLayout(QLayout):
    """A number and its unit: side by side on their bottom line when both fit the width
    (the unit takes the rest of the line), else the unit under the number. Neither label
    wraps, so the unit is never broken; a hidden unit leaves the number alone.

    `final_width` (px) is how wide the number will be when it has counted up: the choice
    between beside and below is made for it, so the unit does not jump mid-count."""

    def __init__(
        self,
        value: QWidget,
        unit: QWidget,
        final_width: Callable[[], int] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setContentsMargins(0, 0, 0, 0)
        self._final_width = final_width
        self._items: list[QLayoutItem] = []
        self.addWidget(value)
        self.addWidget(unit)

    # ---- QLayout ------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        value, unit = self._sizes()
        if unit is None:
            return value.height()
        if self.side_by_side(width):
            return max(value.height(), unit.height())
        return value.height() + UNIT_BELOW_GAP + unit.height()

    def sizeHint(self) -> QSize:
        value, unit = self._sizes()
        if unit is None:
            return QSize(self._number_width(), value.height())
        return QSize(
            self._number_width() + UNIT_GAP + unit.width(), max(value.height(), unit.height())
        )

    def minimumSize(self) -> QSize:
        value, unit = self._sizes()
        if unit is None:
            return QSize(self._number_width(), value.height())
        return QSize(
            max(self._number_width(), unit.width()),
            value.height() + UNIT_BELOW_GAP + unit.height(),
        )

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        value, unit = self._sizes()
        value_item, unit_item = self._items
        if unit is None:
            value_item.setGeometry(QRect(rect.topLeft(), value))
        elif self.side_by_side(rect.width()):
            bottom = rect.top() + max(value.height(), unit.height())
            value_item.setGeometry(QRect(rect.left(), bottom - value.height(), *value.toTuple()))
            left = rect.left() + value.width() + UNIT_GAP
            unit_item.setGeometry(
                QRect(left, bottom - unit.height(), rect.right() + 1 - left, unit.height())
            )
        else:
            value_item.setGeometry(QRect(rect.topLeft(), value))
            top = rect.top() + value.height() + UNIT_BELOW_GAP
            unit_item.setGeometry(QRect(rect.left(), top, rect.width(), unit.height()))

    # ---- the rule -----------------------------------------------------------------------

    def side_by_side(self, width: int) -> bool:
        """Whether number and unit fit next to each other in `width` (True: no unit)."""
        _, unit = self._sizes()
        return unit is None or self._number_width() + UNIT_GAP + unit.width() <= width

    def _number_width(self) -> int:
        """The number's width now or when it has counted up, whichever is more."""
        shown = self._items[0].sizeHint().width()
        return max(shown, self._final_width()) if self._final_width else shown

    def _sizes(self) -> tuple[QSize, QSize | None]:
        value_item, unit_item = self._items
        unit = None if unit_item.isEmpty() else unit_item.sizeHint()
        return value_item.sizeHint(), unit


class FigureTile(Card):
    def __init__(self, figure: Figure, block: BlockWidget):
        super().__init__(block.colors.surface)
        self.figure = figure
        self.ctx = block.ctx
        self.setObjectName("figureTile")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        self.value = block.label(self.final_text, "figure-value", tone="accent")
        self.value.setWordWrap(False)
        self.unit = block.optional_label(figure.unit, "figure-unit")
        self.unit.setWordWrap(False)  # a unit is never broken: it goes under the number
        self.number = NumberUnitLayout(self.value, self.unit, self._final_width)
        layout.addLayout(self.number)
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
        self.animation.finished.connect(lambda: self._show(self.figure.value))

    def final_text(self, lang: str | None = None) -> str:
        return self._text(self.figure.value, lang or self.ctx.lang)

    def _text(self, value: float, lang: str) -> str:
        figure = self.figure
        return format_number(value, figure.decimals, lang, zh_units=figure.zh_units)

    def _final_width(self) -> int:
        metrics = QFontMetrics(self.value.font())
        margins = self.value.contentsMargins()
        final = keep_together(self.final_text(), self.ctx.lang)
        return metrics.horizontalAdvance(final) + margins.left() + margins.right()

    def _show(self, value: float) -> None:
        """`value` in the number label, typeset as the text binder typesets the final one."""
        lang = self.ctx.lang
        self.value.setText(keep_together(self._text(value, lang), lang))

    def count_up(self) -> None:
        self.animation.stop()
        self.animation.start()

    def _step(self, value: float) -> None:
        if self.animation.state() == QVariantAnimation.State.Running:
            self._show(value)


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
