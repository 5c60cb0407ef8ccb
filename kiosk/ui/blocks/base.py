"""Base of every block widget, and the small parts blocks share.

Language and text-size changes reach a block through the context: labels made with `label()`
are bound through the context's text binder (kiosk/ui/texts.py) and re-rendered on a switch,
painted widgets repaint on `language_changed`; sizes of labels come from the QSS through the
dynamic property `role` (a key of theme.FONT_SIZES).

On a panel each block is a chapter (kiosk/ui/panel.py). A block says how wide it reads best
(`measure`: None spans the panel's column, a number caps it, left-aligned) and is told the
panel's orientation (`set_landscape`): blocks that pair a picture with words put them side by
side in landscape and one above the other in portrait.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.views import LocalText
from kiosk.ui.context import UiContext
from kiosk.ui.image_view import icon_pixmap
from kiosk.ui.keypad import focusable, name_control
from kiosk.ui.texts import TextSource
from kiosk.ui.widgets import Label

BLOCK_SPACING = 20  # between the parts of one block (title, body, source)
CARD_RADIUS = 16
TOUCH = 64  # smallest touch target, px
# Widest a column of running text gets: ~65 Latin characters or ~35 hanzi of body text (30 px).
READING_MAX = 1040
# Text beside something of its own (a timeline's dates, a story's portrait).
READING_BESIDE_MAX = 1280


class IconButton(QAbstractButton):
    """A round 64x64 icon button painting its own disc; darker while pressed. The keypad
    reaches it; `name` (a catalogue key) is what a screen reader calls it."""

    def __init__(
        self, icon: str, ctx: UiContext, parent: QWidget | None = None, name: str = "close"
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.icon_name = icon
        self.setFixedSize(TOUCH, TOUCH)
        focusable(self, ring="round")
        name_control(ctx, self, lambda lang: ctx.chrome(name, lang))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setProperty("tappable", True)

    def paintEvent(self, _event) -> None:
        colors = self.ctx.palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(colors.outline), colors.border_px))
        painter.setBrush(QColor(colors.pressed if self.isDown() else colors.surface))
        inset = colors.border_px / 2 + 1
        painter.drawEllipse(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset))
        side = 36
        pixmap = icon_pixmap(self.icon_name, colors.text, side)
        painter.drawPixmap(
            (self.width() - side) // 2, (self.height() - side) // 2, side, side, pixmap
        )


class BlockWidget(QFrame):
    # How wide the block reads best on a panel: None spans the column; px caps it.
    measure: ClassVar[int | None] = None

    def __init__(self, block, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.block = block
        self.ctx = ctx
        self.landscape: bool | None = None  # None until a panel says (stacked meanwhile)
        self.setProperty("block", block.type)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        ctx.language_changed.connect(self.retranslate)
        ctx.text_scale_changed.connect(self.rescale)

    # ---- colours of painted parts (labels take theirs from the QSS) ----------------------

    @property
    def colors(self):
        """The theme's palette (high contrast included), the same colours the QSS uses."""
        return self.ctx.palette

    # ---- text ---------------------------------------------------------------------------

    def label(
        self,
        source: TextSource,
        role: str,
        parent: QWidget | None = None,
        tone: str | None = None,
    ) -> Label:
        """A plain-text label showing `source` (LocalText, or a function of the language) in
        the current language, now and after every switch."""
        return self.ctx.texts.bind(Label(role, tone, parent=parent), source)

    def optional_label(
        self,
        source: TextSource | None,
        role: str,
        parent: QWidget | None = None,
        tone: str | None = None,
    ) -> Label:
        """Like label(); hidden (and bound to nothing) when the content gives no text."""
        return self.ctx.texts.bind_or_hide(Label(role, tone, parent=parent), source)

    def title_label(self, layout, text: LocalText | None) -> Label | None:
        """The block's title (role h2) added to `layout`, or None when there is none."""
        if text is None:
            return None
        label = self.label(text, "h2")
        label.setObjectName("blockTitle")
        layout.addWidget(label)
        return label

    def retranslate(self, _lang: str = "") -> None:
        """Bound labels are already in the new language: painted parts repaint."""
        self.update()

    def rescale(self, _scale: float = 1.0) -> None:
        """Text size changed: painted children override this to re-measure and repaint."""
        self.updateGeometry()
        self.update()

    def set_landscape(self, landscape: bool) -> None:
        """The panel is wider than tall (True) or not: blocks with a picture beside their
        words override `arrange`; it runs only when the orientation changes."""
        if landscape != self.landscape:
            self.landscape = landscape
            self.arrange(landscape)

    def arrange(self, landscape: bool) -> None:
        """Lay the block out for the orientation; most blocks look the same in both."""

    def vbox(self, spacing: int = BLOCK_SPACING) -> QVBoxLayout:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        return layout


class Card(QFrame):
    """A rounded surface panel painted in the theme's surface colour."""

    def __init__(self, color: str, parent: QWidget | None = None, radius: int = CARD_RADIUS):
        super().__init__(parent)
        self._color = QColor(color)
        self._radius = radius
        self.setProperty("card", True)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._color)
        painter.drawRoundedRect(QRectF(self.rect()), self._radius, self._radius)
        super().paintEvent(event)


class ResponsiveGrid(QWidget):
    """Lays out items in as many columns as fit (up to `max_columns`): each column at least
    `min_column` px and as wide as the widest item needs (larger text needs more).

    It asks its parent for no more width than one column needs, so enlarged text never pushes
    the page past the screen's edge: it takes fewer columns instead."""

    def __init__(
        self,
        items: Sequence[QWidget],
        min_column: int,
        max_columns: int = 4,
        spacing: int = 24,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.items = items
        self.min_column = min_column
        self.max_columns = max_columns
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        self._columns = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._place(self._columns_for(1800))

    def columns(self) -> int:
        return self._columns

    def _columns_for(self, width: int) -> int:
        widest = max((item.minimumSizeHint().width() for item in self.items), default=0)
        column = max(self.min_column, widest)
        fit = max(1, (width + self._grid.spacing()) // (column + self._grid.spacing()))
        columns = min(len(self.items), self.max_columns, fit)
        # Balance rows: 4 items in 3 columns look worse than in 2.
        rows = -(-len(self.items) // columns)
        return -(-len(self.items) // rows)

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        for item in self.items:
            self._grid.removeWidget(item)
        for index, item in enumerate(self.items):
            self._grid.addWidget(item, index // columns, index % columns)
        for column in range(self.max_columns):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self._columns = columns

    def minimumSizeHint(self) -> QSize:
        one_column = max((item.minimumSizeHint().width() for item in self.items), default=0)
        return QSize(one_column, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place(self._columns_for(event.size().width()))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and self.width() > 0:
            self._place(self._columns_for(self.width()))  # an item's size changed (A/A+)
        return super().event(event)
