"""The home screen: site title, headline figures, one big tile per visible panel."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Figure, Panel
from kiosk.content.numbers import format_number
from kiosk.ui.context import UiContext
from kiosk.ui.widgets import Cover, IconBadge, Label, ScrollScreen, paint_photo

MARGIN = 48
GAP = 24


class FigureCard(QFrame):
    def __init__(
        self,
        figure: Figure,
        ctx: UiContext,
        show_source: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setProperty("role", "figure-card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(6)
        number = QHBoxLayout()
        number.setSpacing(8)
        texts = ctx.texts
        self.value = texts.bind(
            Label("figure-value"),
            lambda lang: format_number(figure.value, figure.decimals, lang),
        )
        self.value.setWordWrap(False)
        number.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBaseline)
        if figure.unit is not None:
            unit = texts.bind(Label("figure-unit"), figure.unit)
            number.addWidget(unit, 1, Qt.AlignmentFlag.AlignBaseline)
        else:
            number.addStretch(1)
        layout.addLayout(number)
        layout.addWidget(texts.bind(Label("figure-label"), figure.label))
        layout.addStretch(1)
        if show_source:
            layout.addWidget(texts.bind(Label("source"), figure.source))


class PanelTile(QAbstractButton):
    """A big tappable tile: hero photo behind a dark gradient, icon, title and subtitle."""

    def __init__(self, panel: Panel, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.panel = panel
        self.ctx = ctx
        self._cover = Cover(self, ctx.images, ctx.snapshot.image_path(panel.hero_image))
        self.min_height = 0
        self.setProperty("role", "tile")
        self.setProperty("tappable", True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 36, 40, 36)
        layout.setSpacing(8)
        layout.addWidget(IconBadge(panel.icon, panel.accent, 88))
        layout.addStretch(1)
        self.title = ctx.texts.bind(Label("tile-title"), panel.title)
        layout.addWidget(self.title)
        if panel.subtitle is not None:
            layout.addWidget(ctx.texts.bind(Label("tile-subtitle"), panel.subtitle))
        for label in self.findChildren(Label):
            label.setProperty("onimage", True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def minimumSizeHint(self) -> QSize:
        # A tile is at least `min_height` tall but grows when its (enlarged) text needs more;
        # setMinimumHeight would instead override what the layout needs.
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.min_height))

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._cover.follow(self.size())

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        rect = self.rect()
        paint_photo(p, rect, self._cover, self.panel.accent, 24)
        p.fillRect(0, 24, 10, rect.height() - 48, QColor(self.panel.accent))
        palette = self.ctx.palette
        if self.isDown():
            p.setBrush(QColor(255, 255, 255, 45))
            p.setPen(QPen(QColor(palette.primary), 6))
        else:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(QColor(palette.outline), palette.border_px))
        p.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 23, 23)


class HomeScreen(ScrollScreen):
    panel_chosen = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__("homeScreen", parent)
        self.ctx = ctx
        texts = ctx.texts
        site = ctx.snapshot.site
        column = QVBoxLayout(self.page)
        column.setContentsMargins(MARGIN, 40, MARGIN, MARGIN)
        column.setSpacing(GAP)
        column.addWidget(texts.bind(Label("display"), site.title))
        if site.subtitle is not None:
            column.addWidget(texts.bind(Label("subtitle"), site.subtitle))
        self._figures = QGridLayout()
        self._figures.setSpacing(GAP)
        # One source line under the strip when every figure has the same source.
        figures = site.headline_figures
        shared_source = len(figures) > 1 and all(f.source == figures[0].source for f in figures)
        self.figure_cards = [
            FigureCard(f, ctx, show_source=not shared_source) for f in site.headline_figures
        ]
        if self.figure_cards:
            column.addSpacing(8)
            column.addLayout(self._figures)
        if shared_source:
            column.addWidget(texts.bind(Label("source"), site.headline_figures[0].source))
        self._grid = QGridLayout()
        self._grid.setSpacing(GAP)
        self.tiles = [PanelTile(p, ctx) for p in ctx.snapshot.visible_panels(ctx.today())]
        for tile in self.tiles:
            tile.clicked.connect(lambda _=False, pid=tile.panel.id: self.panel_chosen.emit(pid))
        column.addSpacing(8)
        column.addLayout(self._grid, 1)
        self.finish_page()
        self._portrait: bool | None = None
        self._arrange(portrait=False)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(portrait=self.height() > self.width())

    def _arrange(self, portrait: bool) -> None:
        """Tiles: one row of up to 4 (3 columns for more) landscape; portrait 1 or 2 columns."""
        if portrait == self._portrait:
            return
        self._portrait = portrait
        count = len(self.tiles)
        if portrait:
            columns = 1 if count <= 3 else 2
            tile_min = 300 if columns == 1 else 420
        else:
            columns = count if count <= 4 else 3
            tile_min = 300 if count <= 4 else 220
        for i, tile in enumerate(self.tiles):
            self._grid.addWidget(tile, i // columns, i % columns)
            tile.min_height = tile_min
            tile.updateGeometry()
        for c in range(4):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)
        figures = len(self.figure_cards)
        if portrait:
            per_row = 2 if figures in (2, 4) else min(figures, 3)
        else:
            per_row = figures if figures <= 4 else (figures + 1) // 2
        per_row = max(1, per_row)
        for i, card in enumerate(self.figure_cards):
            self._figures.addWidget(card, i // per_row, i % per_row)
        for c in range(6):
            self._figures.setColumnStretch(c, 1 if c < per_row else 0)
