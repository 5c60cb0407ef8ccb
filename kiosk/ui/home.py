"""The home screen: site title, headline figures, one big tile per visible panel."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import spoken
from kiosk.content.numbers import format_number
from kiosk.content.views import Announcement, Figure, Panel
from kiosk.ui.blocks.figures import NumberUnitLayout
from kiosk.ui.blocks.markdown import to_html
from kiosk.ui.context import UiContext
from kiosk.ui.keypad import describe, focusable, name_control
from kiosk.ui.widgets import Cover, IconBadge, Label, ScrollScreen, kiosk_window_of, paint_photo

MARGIN = 48
GAP = 24
MAX_COLUMNS = 6  # tiles in a row, at most: 12 tiles in two rows of six
REACH_INTO = 96  # px of every tile below the top of the reach band


class _Card(QFrame):
    """A home card whose padding above and below gives way on a crowded home (_fit)."""

    padding = 0
    _layout: QVBoxLayout

    def set_padding(self, vertical: int) -> None:
        margins = self._layout.contentsMargins()
        self._layout.setContentsMargins(margins.left(), vertical, margins.right(), vertical)
        self.updateGeometry()  # (the home's layout caches what a card asked for)


class FigureCard(_Card):
    def __init__(
        self,
        figure: Figure,
        ctx: UiContext,
        show_source: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.figure = figure
        self.setProperty("role", "figure-card")
        self.padding = 22  # above and below; less on a crowded home (HomeScreen._fit)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(6)
        texts = ctx.texts
        self.value = texts.bind(
            Label("figure-value"),
            lambda lang: format_number(
                figure.value, figure.decimals, lang, zh_units=figure.zh_units
            ),
        )
        self.value.setWordWrap(False)
        self.unit = texts.bind_or_hide(Label("figure-unit"), figure.unit)
        self.unit.setWordWrap(False)  # a unit is never broken: it goes under the number
        layout.addLayout(NumberUnitLayout(self.value, self.unit))
        layout.addWidget(texts.bind(Label("figure-label"), figure.label))
        layout.addStretch(1)
        if show_source:
            layout.addWidget(texts.bind(Label("source"), figure.source))


class AnnouncementCard(_Card):
    """A notice from `site.yaml` `announcements`, shown on home while its dates say so."""

    def __init__(self, notice: Announcement, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.block = notice  # (what the screen checker points a finding at)
        self.setProperty("role", "announcement")
        self.padding = 18  # above and below; less on a crowded home (HomeScreen._fit)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 18, 28, 18)
        layout.setSpacing(6)
        if notice.title is not None:
            layout.addWidget(ctx.texts.bind(Label("h3"), notice.title))
        self.text = Label("body")
        self.text.setTextFormat(Qt.TextFormat.RichText)  # made by to_html from plain text
        self.text.setObjectName("markdown")
        ctx.texts.bind(self.text, lambda lang: to_html(notice.text.get(lang)), origin=notice.text)
        layout.addWidget(self.text)


class PanelTile(QAbstractButton):
    """A big tappable tile: hero photo behind a dark gradient, icon, title and subtitle.
    The keypad reaches it (kiosk/ui/keypad.py); a screen reader reads its title and subtitle."""

    def __init__(self, panel: Panel, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.panel = panel
        self.ctx = ctx
        self._cover = Cover(self, ctx.images, ctx.snapshot.image_path(panel.hero_image))
        self.min_height = 0
        self.setProperty("role", "tile")
        self.setProperty("tappable", True)
        focusable(self)
        name_control(ctx, self, self._name)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 36, 40, 36)
        layout.setSpacing(8)
        self.badge = IconBadge(panel.icon, ctx.accent(panel), 88)
        layout.addWidget(self.badge)
        layout.addStretch(1)
        self.title = ctx.texts.bind(Label("tile-title"), panel.title)
        layout.addWidget(self.title)
        self.subtitle: Label | None = None
        if panel.subtitle is not None:
            self.subtitle = ctx.texts.bind(Label("tile-subtitle"), panel.subtitle)
            layout.addWidget(self.subtitle)
        self.density = 0
        for label in self.findChildren(Label):
            label.setProperty("onimage", True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def _name(self, lang: str) -> str:
        parts = (self.panel.title, self.panel.subtitle)
        return ". ".join(part.get(lang) for part in parts if part is not None)

    def set_density(self, density: int) -> None:
        """0: icon, title and subtitle; 1: no subtitle; 2: the title alone, tighter (many
        panels, or large text, on a screen that must show every tile at once)."""
        self.density = density
        if self.subtitle is not None:
            self.subtitle.setVisible(density == 0)
        self.badge.setVisible(density < 2)
        margin = (40, 36) if density < 2 else (32, 20)
        self._layout.setContentsMargins(margin[0], margin[1], margin[0], margin[1])

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
        paint_photo(p, rect, self._cover, self.ctx.accent(self.panel), 24, self.ctx.photo_dim)
        p.fillRect(0, 24, 10, rect.height() - 48, QColor(self.ctx.accent(self.panel)))
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
        self.scroll_area.setProperty("fits", True)  # the screen checker: never needs scrolling
        self.ctx = ctx
        self.panel_list = ctx.snapshot.site.panels  # (what the screen checker points at)
        texts = ctx.texts
        site = ctx.snapshot.site
        column = self._column = QVBoxLayout(self.page)
        column.setContentsMargins(MARGIN, 40, MARGIN, MARGIN)
        column.setSpacing(GAP)
        self.title = texts.bind(Label("display"), site.title)
        column.addWidget(self.title)
        if site.subtitle is not None:
            column.addWidget(texts.bind(Label("subtitle"), site.subtitle))
        self.announcements = [
            AnnouncementCard(notice, ctx)
            for notice in site.announcements
            if notice.visible_on(ctx.today())
        ]
        for card in self.announcements:
            column.addWidget(card)
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
        # On a tall screen the tiles start no higher than a visitor can reach (_fit).
        self._reach = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        column.addItem(self._reach)
        column.addLayout(self._grid, 1)
        self.finish_page()
        for notice in self.announcements:
            name = partial(_notice_name, notice.block)
            describe(ctx, notice, name, partial(_notice_words, notice.block))
        for figure_card in self.figure_cards:
            name = partial(_figure_name, figure_card.figure)
            describe(ctx, figure_card, name, partial(self._figure_words, figure_card))
        self._portrait: bool | None = None
        self._columns = 0  # tiles per row now (`_place_tiles`)
        self._arrange(portrait=False)
        ctx.language_changed.connect(self._fit_later)
        ctx.text_scale_changed.connect(self._fit_later)

    # ---- audio mode (kiosk/ui/audio.py) -------------------------------------------------

    def spoken_parts(self) -> list[tuple[QWidget, Callable[[str], str]]]:
        """What audio mode reads on home, in order: the site's title, the notices, the
        headline figures, then each tile."""
        ctx, site = self.ctx, self.ctx.snapshot.site
        return [
            (self.title, partial(spoken.site_intro, site)),
            *((card, partial(_notice_words, card.block)) for card in self.announcements),
            *((card, partial(self._figure_words, card)) for card in self.figure_cards),
            *(
                (tile, partial(spoken.tile_words, tile.panel, chrome=ctx.chrome))
                for tile in self.tiles
            ),
        ]

    def part_in_view(self) -> int:
        return 0

    def _figure_words(self, card: FigureCard, lang: str) -> str:
        return spoken.figure_words(card.figure, lang, self.ctx.chrome)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(portrait=self.height() > self.width())
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_later()  # a theme's borders and fonts change what fits

    def _fit_later(self, *_args) -> None:
        """Once the new words or text size are laid out (the stylesheet is applied first)."""
        QTimer.singleShot(0, self, self._fit)

    def _fit(self, *_args) -> None:
        """The home screen never scrolls: the tiles give up their subtitles, then their icons
        and some height, until every tile fits on the screen. On a tall screen the tiles are
        then moved down into a visitor's reach, as far as the room left allows."""
        # What the scroll area shows; the screen's own size while that is not laid out yet.
        viewport = self.scroll_area.viewport()
        room = viewport.size() if viewport.height() > 100 else self.size()
        layout = self._column

        def needed(gap: int) -> int:
            self._reach.changeSize(0, gap, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            layout.invalidate()
            layout.activate()
            # (a tile's least height is its minimumSizeHint, which heightForWidth ignores)
            least = layout.totalMinimumSize().height()
            if layout.hasHeightForWidth():
                return max(least, layout.totalHeightForWidth(room.width()))
            return max(least, layout.totalSizeHint().height())

        self._place_tiles(self._arranged_columns)
        for density in range(5):  # 3: the page's own gaps tighter; 4: its cards too
            tight = density >= 3
            for card in (*self.announcements, *self.figure_cards):
                card.set_padding(8 if density >= 4 else card.padding)
            self._grid.setSpacing(GAP // 2 if tight else GAP)
            self._figures.setSpacing(GAP // 2 if tight else GAP)
            layout.setSpacing(GAP // 2 if tight else GAP)
            layout.setContentsMargins(MARGIN, 16 if tight else 40, MARGIN, 24 if tight else MARGIN)
            for tile in self.tiles:
                tile.set_density(min(density, 2))
                tile.min_height = 0 if density else self._tile_min
                tile.updateGeometry()  # (the layout caches what a tile asked for)
            spare = room.height() - needed(0)
            if spare >= 0:
                break
        wide = min(MAX_COLUMNS, math.ceil(len(self.tiles) / 2))
        if spare < 0 and not self._portrait and wide > self._columns:
            self._place_tiles(wide)  # two rows of 5-12 tiles: shorter, unless titles wrap
            if room.height() - needed(0) < spare:
                self._place_tiles(self._arranged_columns)
            spare = room.height() - needed(0)
        needed(max(0, min(self._reach_gap(), spare)))

    def _reach_gap(self) -> int:
        """How far down the tiles must move to start within reach (site.yaml
        `display.mounting`); 0 on a screen whose top a visitor reaches."""
        window = kiosk_window_of(self)
        if not self.tiles or window.height() <= window.width():
            return 0
        mounting = self.ctx.snapshot.site.display.mounting
        top = mounting.highest_reach_px(window.height(), portrait=True)
        # Every tile reaches at least a finger's width down into the band.
        lowest = min(tile.mapTo(window, QPoint(0, tile.height())).y() for tile in self.tiles)
        return max(0, top + REACH_INTO - lowest)

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
            columns = count if count <= 4 else (3 if count <= 6 else 4)
            tile_min = 300 if count <= 4 else 220
        self._tile_min = tile_min
        self._arranged_columns = columns
        self._place_tiles(columns)
        for tile in self.tiles:
            tile.min_height = tile_min
            tile.updateGeometry()
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

    def _place_tiles(self, columns: int) -> None:
        """The tiles in rows of `columns`: as arranged, or in two wide rows when three rows
        of 5-12 tiles do not fit even at their densest (A+ with the audio guide's bar)."""
        if columns == self._columns:
            return
        self._columns = columns
        for i, tile in enumerate(self.tiles):
            self._grid.addWidget(tile, i // columns, i % columns)
            tile.updateGeometry()  # (the layout caches what a tile asked for)
        for c in range(MAX_COLUMNS):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)


def _notice_words(notice: Announcement, lang: str) -> str:
    return spoken.announcement_words(notice, lang)


def _notice_name(notice: Announcement, lang: str) -> str:
    return spoken.words(notice.title or notice.text, lang)


def _figure_name(figure: Figure, lang: str) -> str:
    return spoken.words(figure.label, lang)
