"""A panel screen: hero header and the panel's blocks of the day in a kinetic scroll area."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.models import Panel
from kiosk.ui.blocks import create_block_widget
from kiosk.ui.context import UiContext
from kiosk.ui.home import GAP, MARGIN
from kiosk.ui.widgets import Cover, IconBadge, Label, ScrollScreen, paint_photo

COLUMN_MAX = 1400  # readable line length for blocks on a wide screen


class Hero(QWidget):
    """Photo header: accent bar, icon, title and subtitle over a dark gradient.

    Its height is a share of the screen (set by the panel screen) plus whatever the text needs,
    so enlarged text makes it taller instead of clipping.
    """

    def __init__(self, panel: Panel, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.panel = panel
        self.ctx = ctx
        self._cover = Cover(self, ctx.images, ctx.snapshot.image_path(panel.hero_image))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, 0, MARGIN, 40)
        layout.setSpacing(10)
        self.spacer = QWidget()
        self.spacer.setFixedHeight(200)
        layout.addWidget(self.spacer)
        row = QHBoxLayout()
        row.setSpacing(28)
        row.addWidget(IconBadge(panel.icon, panel.accent, 104), 0, Qt.AlignmentFlag.AlignVCenter)
        titles = QVBoxLayout()
        titles.setSpacing(6)
        self.title = ctx.texts.bind(Label("h1"), panel.title)
        titles.addWidget(self.title)
        self.subtitle = ctx.texts.bind_or_hide(Label("subtitle"), panel.subtitle)
        titles.addWidget(self.subtitle)
        row.addLayout(titles, 1)
        layout.addLayout(row)
        for label in (self.title, self.subtitle):
            label.setProperty("onimage", True)

    def set_photo_height(self, height: int) -> None:
        self.spacer.setFixedHeight(max(40, height))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._cover.follow(self.size())

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        paint_photo(p, self.rect(), self._cover, self.panel.accent, 0)
        p.fillRect(0, self.height() - 8, self.width(), 8, QColor(self.panel.accent))


class PanelScreen(ScrollScreen):
    detail_opened = Signal(str, str)  # ("gallery_open" | "hotspot_open", panel id): analytics

    def __init__(self, panel: Panel, ctx: UiContext, parent: QWidget | None = None):
        super().__init__("panelScreen", parent)
        self.panel = panel
        self.ctx = ctx
        page = QVBoxLayout(self.page)
        page.setContentsMargins(0, 0, 0, MARGIN * 2)
        page.setSpacing(0)
        self.hero = Hero(panel, ctx)
        page.addWidget(self.hero)
        page.addSpacing(MARGIN)
        centre = QHBoxLayout()
        centre.setContentsMargins(MARGIN, 0, MARGIN, 0)
        self.column = QWidget()
        self.column.setMaximumWidth(COLUMN_MAX)
        blocks = QVBoxLayout(self.column)
        blocks.setContentsMargins(0, 0, 0, 0)
        blocks.setSpacing(GAP * 3)
        self.blocks = [
            create_block_widget(b, ctx, self.column) for b in panel.visible_blocks(ctx.today())
        ]
        for widget in self.blocks:
            blocks.addWidget(widget)
            for signal_name, kind in (
                ("opened", "gallery_open"),
                ("hotspot_opened", "hotspot_open"),
            ):
                signal = getattr(widget, signal_name, None)
                if signal is not None:
                    signal.connect(lambda *_, k=kind: self.detail_opened.emit(k, panel.id))
        centre.addWidget(self.column)
        page.addLayout(centre)
        page.addStretch(1)
        self.finish_page()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        portrait = self.height() > self.width()
        self.hero.set_photo_height(round(self.height() * (0.22 if portrait else 0.26)))
