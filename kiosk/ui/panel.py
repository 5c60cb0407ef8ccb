"""A panel screen: a photo hero, then the panel's blocks of the day, read as chapters.

How a panel reads (PanelScreen):

- **Chapters.** Every visible block is a chapter (`chapters()`). The chapter rail at the right
  edge has a dot per chapter; the current chapter (`current_chapter()`: the last one whose top
  has passed a third of the way down the screen, or the last one once the page is at its end)
  is drawn long, in the panel's colour. Tapping a dot (`go_to_chapter(i)`) scrolls that
  chapter's top into view, smoothly when `ctx.animate`, at once otherwise, and makes it
  current. Each dot is a 64x64 px target, 12 px apart; with more chapters than fit, the rail
  shows the run around the current one. The rail lies in the scroll area's viewport, above
  the page, so a swipe that starts on it scrolls like a swipe anywhere else. One chapter: no
  rail.
- **More below.** A soft fade with a down chevron along the bottom edge while the page goes on;
  it goes at the end. It takes no touches (they reach the page under it).
- **Widths.** Everything starts at the panel's left margin, the hero's icon included. Running
  text is at most a reading column wide: a text block `READING_MAX` (~65 Latin characters or
  ~35 hanzi of 30 px body text a line), a timeline or story `READING_BESIDE_MAX` (their text
  sits beside dates or a portrait). Figures, charts, galleries, maps, links and images span
  the column (up to `COLUMN_MAX`), which ends clear of the rail.
- **Orientation rule.** When the panel is wider than tall (landscape), a block that pairs a
  picture with words shows them side by side: an image block's caption and credit stand
  beside the picture, a story's portrait beside its quote. In portrait they stack: one
  column. A block is never paired with its neighbour, so a chapter is always one block.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QScroller,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import spoken
from kiosk.content.views import Panel
from kiosk.ui.blocks import BlockWidget, create_block_widget
from kiosk.ui.context import UiContext
from kiosk.ui.home import GAP, MARGIN
from kiosk.ui.image_view import FillPhoto, ImageView
from kiosk.ui.keypad import describe, focusable, name_control
from kiosk.ui.widgets import IconBadge, Label, ScrollScreen

COLUMN_MAX = 1800  # the widest the blocks' column gets (a window wider than a kiosk screen)
CHAPTER_GAP = GAP * 4  # between two chapters
CHAPTER_TOP = 24  # a chapter jumped to shows this much of the gap above its title
READ_LINE = 1 / 3  # a chapter is current once its top passes this share of the screen
SCROLL_MS = 420  # a jump to a chapter, when animated

TARGET = 64  # a rail dot's touch area, px
TARGET_GAP = 12  # between two dots' touch areas
RAIL_INSET = 8  # from the rail's touch areas to the screen's right edge
RAIL_SIDE = RAIL_INSET + TARGET + 16  # the page keeps this clear on the right for the rail
RAIL_PAD = 16  # above the first and below the last dot, inside the viewport
DOT = 12  # a dot's diameter; the current one is DOT x CURRENT_DOT
CURRENT_DOT = 36
TRACK = 28  # width of the rail's track behind the dots

CUE_HEIGHT = 112  # the "more below" fade
END_SLACK = 4  # px from the end that count as the end

# Photos are decoded while within this many screen heights of what is in view, and let go of
# beyond KEEP_SCREENS: a panel's decoded photos are bounded by the screen, not by the panel.
LOAD_SCREENS = 1.0
KEEP_SCREENS = 2.0
EAGER_BLOCKS = 12  # a panel of up to this many blocks is built whole
FIRST_SLICE = 3  # else: blocks built with the screen, the rest while it is shown
TAIL_AFTER_MS = 400  # the rest starts once the screen has painted and slid into place


def measured(
    widget: QWidget, measure: int, margins: tuple[int, int, int, int] = (0, 0, 0, 0)
) -> QHBoxLayout:
    """A row keeping `widget` at most `measure` px wide, on the left of the width it is given.

    The widget has the stretch, so it grows first, up to its maximum; an expanding spacer with
    none takes the rest. With an alignment instead, a box layout asks the widget's height at
    the full width (wrapped text comes out too short); with neither, it centres a capped
    widget. A layout, not a holder widget: each widget level more is one more turn of the
    event loop before a change of text settles.
    """
    row = QHBoxLayout()
    row.setContentsMargins(*margins)
    row.setSpacing(0)
    widget.setMaximumWidth(measure)
    row.addWidget(widget, 1)
    row.addSpacerItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))
    return row


class Hero(QWidget):
    """Photo header: accent bar, icon, title and subtitle over a dark gradient.

    Its height is a share of the screen (set by the panel screen) plus whatever the text needs,
    so enlarged text makes it taller instead of clipping.
    """

    def __init__(
        self, panel: Panel, ctx: UiContext, parent: QWidget | None = None, right: int = MARGIN
    ):
        super().__init__(parent)
        self.panel = panel
        self.ctx = ctx
        self.photo = FillPhoto(self, ctx.images, ctx.snapshot.image_path(panel.hero_image))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, 0, right, 40)
        layout.setSpacing(10)
        self.spacer = QWidget()
        self.spacer.setFixedHeight(200)
        layout.addWidget(self.spacer)
        row = QHBoxLayout()
        row.setSpacing(28)
        row.addWidget(
            IconBadge(panel.icon, ctx.accent(panel), 104), 0, Qt.AlignmentFlag.AlignVCenter
        )
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
        self.photo.follow(self.size())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.photo.follow(self.size())

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        if not event.spontaneous():
            self.photo.release()  # a panel not shown keeps no decoded photo

    def set_wanted(self, wanted: bool) -> None:
        self.photo.set_wanted(wanted)

    def holds_image(self) -> bool:
        return self.photo.image is not None

    def paintEvent(self, _event) -> None:
        """The photo (or a deep accent fill without one) under a dark gradient that keeps the
        title legible, as widgets.paint_photo draws home's tiles; `photo_dim` darkens it
        further (high contrast asks 7:1 of the text on it)."""
        p = QPainter(self)
        rect = QRectF(self.rect())
        accent = QColor(self.ctx.accent(self.panel))
        p.fillRect(rect, accent.darker(260))
        self.photo.draw(p, rect)
        dim = self.ctx.photo_dim
        if dim > 0:
            p.fillRect(rect, QColor(0, 0, 0, round(255 * dim)))
        shade = QLinearGradient(rect.topLeft(), rect.bottomLeft())
        shade.setColorAt(0.0, QColor(0, 0, 0, 40))
        shade.setColorAt(0.45, QColor(0, 0, 0, 90))
        shade.setColorAt(1.0, QColor(0, 0, 0, 215))
        p.fillRect(rect, shade)
        p.fillRect(0, self.height() - 8, self.width(), 8, accent)


class ChapterDot(QAbstractButton):
    """One chapter on the rail: a 64x64 touch area around a small dot, long when current."""

    def __init__(self, index: int, rail: ChapterRail):
        super().__init__(rail)
        self.index = index
        self.rail = rail
        self.current = False
        self.edge = False  # more chapters lie beyond it on a rail too short for all of them
        self.setObjectName("chapterDot")
        self.setFixedSize(TARGET, TARGET)
        focusable(self, ring="round")  # the keypad reaches it; Enter goes to its chapter
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def paintEvent(self, _event) -> None:
        colours = self.rail.colours
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.rect().center()) + QPointF(0.5, 0.5)
        if self.isDown():
            p.setPen(QPen(QColor(colours.primary), 3))
            p.setBrush(QColor(colours.pressed))
            p.drawEllipse(centre, 22, 22)
        p.setPen(Qt.PenStyle.NoPen)
        if self.current:
            p.setBrush(QColor(self.rail.accent))
            box = QRectF(0, 0, DOT, CURRENT_DOT)
        else:
            p.setBrush(QColor(colours.muted))
            side = DOT * 2 / 3 if self.edge else DOT
            box = QRectF(0, 0, side, side)
        box.moveCenter(centre)
        p.drawRoundedRect(box, box.width() / 2, box.width() / 2)


class ChapterRail(QWidget):
    """The chapters of a panel as a column of dots; a tap on one asks to go to its chapter."""

    chosen = Signal(int)

    def __init__(self, count: int, ctx: UiContext, accent: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chapterRail")
        self.ctx = ctx
        self.colours = ctx.palette
        self.accent = accent
        self.current = 0
        self.dots = [ChapterDot(i, self) for i in range(count)]
        for dot in self.dots:
            dot.clicked.connect(lambda _=False, i=dot.index: self.chosen.emit(i))
        self._first, self._shown = 0, count
        self.setFixedWidth(TARGET)

    def fit(self, height: int) -> None:
        """Show as many dots as fit in `height` px, the current one among them."""
        step = TARGET + TARGET_GAP
        self._shown = max(1, min(len(self.dots), (height - 2 * RAIL_PAD + TARGET_GAP) // step))
        self.setFixedHeight(self._shown * step - TARGET_GAP + 2 * RAIL_PAD)
        self._place()

    def set_current(self, index: int) -> None:
        if index != self.current:
            self.current = index
            self._place()

    def shown(self) -> list[ChapterDot]:
        return [dot for dot in self.dots if not dot.isHidden()]

    def _place(self) -> None:
        """The run of dots shown moves only when the current one reaches its edge, and keeps
        a neighbour beside the current one where there is one."""
        count, shown, current = len(self.dots), self._shown, self.current
        first = self._first
        if current <= first:
            first = current - 1
        elif current >= first + shown - 1:
            first = current - shown + 2
        first = max(0, min(first, count - shown))
        first = min(max(first, current - shown + 1), current)  # a run of one or two dots
        self._first = first
        for dot in self.dots:
            visible = first <= dot.index < first + shown
            dot.setVisible(visible)
            dot.current = dot.index == self.current
            dot.edge = (dot.index == first and first > 0) or (
                dot.index == first + shown - 1 and first + shown < count
            )
            if visible:
                dot.move(0, RAIL_PAD + (dot.index - first) * (TARGET + TARGET_GAP))
            dot.update()
        self.update()

    def paintEvent(self, _event) -> None:
        shown = self.shown()
        if not shown:
            return
        colours = self.colours
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = shown[0].geometry().center().y() - TARGET / 2 + 6
        bottom = shown[-1].geometry().center().y() + TARGET / 2 - 6
        track = QRectF((self.width() - TRACK) / 2, top, TRACK, bottom - top)
        fill = QColor(colours.surface)
        fill.setAlpha(200)
        # On high contrast's black the track shows by its outline only.
        outline = QPen(QColor(colours.outline), colours.border_px / 2)
        p.setPen(outline if colours.high_contrast else Qt.PenStyle.NoPen)
        p.setBrush(fill)
        p.drawRoundedRect(track, TRACK / 2, TRACK / 2)


class MoreCue(QWidget):
    """A fade into the background along the bottom edge, with a down chevron: more follows."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("moreCue")
        self.colours = ctx.palette
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFixedHeight(CUE_HEIGHT)

    def paintEvent(self, _event) -> None:
        colours = self.colours
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fade = QLinearGradient(0, 0, 0, self.height())
        ground = QColor(colours.background)
        for stop, alpha in ((0.0, 0), (0.55, 190), (1.0, 245)):
            ground.setAlpha(alpha)
            fade.setColorAt(stop, ground)
        p.fillRect(self.rect(), fade)
        x, y = self.width() / 2, self.height() - 36
        chevron = QPainterPath(QPointF(x - 22, y - 11))
        chevron.lineTo(QPointF(x, y + 11))
        chevron.lineTo(QPointF(x + 22, y - 11))
        pen = QPen(QColor(colours.text), 5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.drawPath(chevron)


class PanelScreen(ScrollScreen):
    detail_opened = Signal(str, str)  # ("gallery_open" | "hotspot_open", panel id): analytics

    def __init__(self, panel: Panel, ctx: UiContext, parent: QWidget | None = None):
        super().__init__("panelScreen", parent)
        self.panel = panel
        self.ctx = ctx
        self.landscape: bool | None = None
        # The chapter rail shows where the visitor is: no scroll bar beside it.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.column = QWidget()
        self.column.setObjectName("chapters")
        # A long panel is built a slice at a time: the first blocks with the screen, the rest
        # one per turn of the event loop while it is shown (`build_more`), so neither a tap
        # nor the start waits for sixty blocks; a panel left for others drops that tail again
        # (`drop_tail`). A panel of up to EAGER_BLOCKS blocks is built whole at once.
        self._models = list(panel.visible_blocks(ctx.today()))
        first = len(self._models) if len(self._models) <= EAGER_BLOCKS else FIRST_SLICE
        self._first = first
        self.blocks: list[BlockWidget] = []
        right = RAIL_SIDE if len(self._models) > 1 else MARGIN
        page = QVBoxLayout(self.page)
        page.setContentsMargins(0, 0, 0, MARGIN * 2)
        page.setSpacing(0)
        self.hero = Hero(panel, ctx, right=right)
        page.addWidget(self.hero)
        page.addSpacing(MARGIN)
        if ctx.show_notes and panel.note:
            page.addLayout(measured(note_label(panel.note), COLUMN_MAX, (MARGIN, 0, right, 0)))
        self._column_layout = QVBoxLayout(self.column)
        self._column_layout.setContentsMargins(0, 0, 0, 0)
        self._column_layout.setSpacing(CHAPTER_GAP)
        self._layout_items: list[int] = []  # layout items each built block added
        self.photos: list[Hero | ImageView] = [self.hero]
        self._holding = False  # `hold_photos`
        for _ in range(first):
            self._add_block()
        page.addLayout(measured(self.column, COLUMN_MAX, (MARGIN, 0, right, 0)))
        page.addStretch(1)
        self.finish_page()
        describe(ctx, self.hero, partial(spoken.panel_intro, panel), self._intro_words)
        self._tail = QTimer(self, singleShot=True, interval=0)
        self._tail.timeout.connect(self._build_tail)

        viewport = self.scroll_area.viewport()
        self.cue = MoreCue(ctx, viewport)
        self.rail = ChapterRail(len(self._models), ctx, ctx.accent(panel), viewport)
        self.rail.chosen.connect(self._chapter_tapped)
        for dot in self.rail.dots:
            name_control(ctx, dot, partial(self._chapter_name, dot.index))
        self._tapped: int | None = None
        self.rail.setVisible(len(self._models) > 1)
        self._current = 0
        self._pin: tuple[int, int] | None = None  # (chapter, scroll value) of a jump
        # What holds a photo: the header and every image view on the page (a gallery's stage,
        # an image block, a story's portrait, a map, a film's poster). None decodes until the
        # screen is shown and says which are near the part in view.
        self.hero.set_wanted(False)
        bar = self.scroll_area.verticalScrollBar()
        bar.valueChanged.connect(self._follow)
        bar.rangeChanged.connect(self._follow)
        bar.valueChanged.connect(self._want_photos)
        bar.rangeChanged.connect(self._want_photos)
        QScroller.scroller(viewport).stateChanged.connect(self._scroller_state)
        viewport.installEventFilter(self)
        self._place_overlays()

    # ---- building -----------------------------------------------------------------------

    def fully_built(self) -> bool:
        return len(self.blocks) == len(self._models)

    def build_more(self) -> bool:
        """Build the next block of the page; False once every block is built."""
        if self.fully_built():
            return False
        self._add_block()
        self._want_photos()
        return not self.fully_built()

    def finish_building(self) -> None:
        """Every block built now (what needs them all: chapters, audio mode, a reload)."""
        self._tail.stop()
        while self.build_more():
            pass

    def drop_tail(self) -> None:
        """Let go of the blocks past the first slice (a panel not shown for a while): built
        again, a block a turn, when it is shown next."""
        if self.isVisible() or len(self.blocks) <= self._first:
            return
        self._tail.stop()
        layout = self._column_layout
        keep = self._layout_items[self._first - 1] if self._first else 0
        dropped: set[ImageView] = set()
        while layout.count() > keep:
            item = layout.takeAt(layout.count() - 1)
            if item is None:
                break
            widgets = [item.widget()]
            row = item.layout()
            if row is not None:
                widgets += [inner.widget() for i in range(row.count()) if (inner := row.itemAt(i))]
                row.deleteLater()
            for widget in widgets:
                if widget is not None:
                    dropped.update(widget.findChildren(ImageView))
                    widget.hide()
                    widget.setParent(None)
                    widget.deleteLater()
        del self.blocks[self._first :]
        del self._layout_items[self._first :]
        self.photos = [p for p in self.photos if p not in dropped]
        self._set_current(min(self._current, max(0, len(self.blocks) - 1)))

    def _add_block(self) -> None:
        model = self._models[len(self.blocks)]
        widget = create_block_widget(model, self.ctx, self.column)
        layout = self._column_layout
        if widget.measure is None:
            layout.addWidget(widget)
        else:
            layout.addLayout(measured(widget, widget.measure))
        note = note_label(model.note) if self.ctx.show_notes and model.note else None
        if note is not None:
            layout.addWidget(note)
        if self.column.isVisible():  # (added to a shown page: Qt would leave them hidden)
            for shown in (widget, note):
                if shown is not None:
                    shown.show()
        self._layout_items.append(layout.count())
        for signal_name, kind in (
            ("opened", "gallery_open"),
            ("hotspot_opened", "hotspot_open"),
        ):
            signal = getattr(widget, signal_name, None)
            if signal is not None:
                signal.connect(lambda *_, k=kind: self.detail_opened.emit(k, self.panel.id))
        self.blocks.append(widget)
        describe(self.ctx, widget, partial(self._block_name, widget), partial(self._words, widget))
        if self.landscape is not None:
            widget.set_landscape(self.landscape)
        for view in widget.findChildren(ImageView):
            view.set_wanted(False)  # until the screen says it is near the part in view
            self.photos.append(view)

    def _build_tail(self) -> None:
        if self.isVisible() and self.build_more():
            self._tail.start(0)

    # ---- chapters -----------------------------------------------------------------------

    # ---- audio mode (kiosk/ui/audio.py) -------------------------------------------------

    def spoken_parts(self) -> list[tuple[QWidget, Callable[[str], str]]]:
        """The parts audio mode reads, in order: the title, then each block."""
        self.finish_building()
        return [(self.hero, self._intro_words)] + [
            (widget, partial(self._words, widget)) for widget in self.blocks
        ]

    def part_in_view(self) -> int:
        """The part a reading starts with: the title at the top, else the chapter in view."""
        if self.scroll_area.verticalScrollBar().value() <= 0:
            return 0
        return self.current_chapter() + 1

    def reveal_part(self, widget: QWidget) -> None:
        """Scroll the part being read into view (its top, when it is taller than the screen)."""
        if widget is self.hero:
            if self.scroll_area.verticalScrollBar().value() > self.hero.height():
                self.scroll_to_top()
            return
        if widget not in self.blocks:
            return
        index = self.blocks.index(widget)
        bar = self.scroll_area.verticalScrollBar()
        top = self.chapter_top(index)
        seen = self.scroll_area.viewport().height()
        if top < bar.value() or top + min(widget.height(), seen) > bar.value() + seen:
            self.go_to_chapter(index)

    def _intro_words(self, lang: str) -> str:
        return spoken.panel_intro(self.panel, lang)

    def _words(self, widget: BlockWidget, lang: str) -> str:
        return spoken.block_words(widget.block, lang, self.ctx.chrome)

    def _block_name(self, widget: BlockWidget, lang: str) -> str:
        title = getattr(widget.block, "title", None)
        if title is not None:
            return spoken.words(title, lang)
        return self._chapter_name(self.blocks.index(widget), lang)

    def chapters(self) -> list[BlockWidget]:
        """The panel's chapters: its block widgets, in order."""
        self.finish_building()
        return list(self.blocks)

    def current_chapter(self) -> int:
        """Index of the chapter the visitor is reading (see the module's notes)."""
        return self._current

    def chapter_top(self, index: int) -> int:
        """Where chapter `index` starts on the page (scroll coordinates)."""
        while index >= len(self.blocks) and self.build_more():
            pass
        return self.blocks[index].mapTo(self.page, QPoint(0, 0)).y()

    def go_to_chapter(self, index: int) -> None:
        """Scroll chapter `index`'s top into view (smoothly when animating) and make it current."""
        self.finish_building()
        if not self.blocks:
            return
        index = max(0, min(index, len(self.blocks) - 1))
        bar = self.scroll_area.verticalScrollBar()
        target = max(0, min(self.chapter_top(index) - CHAPTER_TOP, bar.maximum()))
        scroller = QScroller.scroller(self.scroll_area.viewport())
        self._pin = (index, target)
        if self.ctx.animate and self.isVisible() and abs(target - bar.value()) > 1:
            scroller.scrollTo(QPointF(0, target), SCROLL_MS)
        else:
            scroller.stop()
            bar.setValue(target)
        self._set_current(index)

    def _chapter_name(self, index: int, lang: str) -> str:
        """A rail dot's accessible name: "Chapter 2 of 6: Overview"."""
        words = self.ctx.chrome("chapter", lang).format(n=index + 1, count=len(self._models))
        title = getattr(self._models[index], "title", None)
        return f"{words}: {title.get(lang)}" if title is not None else words

    def scroll_to_top(self) -> None:
        self._pin = None
        super().scroll_to_top()
        self._follow()

    def more_below(self) -> bool:
        """True while the page goes on below the screen (the cue is shown)."""
        return not self.cue.isHidden()

    def _reading(self) -> int:
        bar = self.scroll_area.verticalScrollBar()
        if bar.maximum() > 0 and bar.value() >= bar.maximum() - END_SLACK:
            return len(self.blocks) - 1
        line = bar.value() + round(self.scroll_area.viewport().height() * READ_LINE)
        current = 0
        for index in range(len(self.blocks)):
            if self.chapter_top(index) <= line:
                current = index
        return current

    def _follow(self, *_args) -> None:
        bar = self.scroll_area.verticalScrollBar()
        if self._pin is not None:
            index, target = self._pin
            scroller = QScroller.scroller(self.scroll_area.viewport())
            moving = scroller.state() == QScroller.State.Scrolling
            if bar.value() != target and not moving:
                self._pin = None
        if self.blocks:
            self._set_current(self._pin[0] if self._pin is not None else self._reading())
        self.cue.setVisible(bar.value() < bar.maximum() - END_SLACK)

    def _chapter_tapped(self, index: int) -> None:
        """A dot was tapped: jump once the tap's own gesture is over (the scroller, still
        holding the press, would put the page back where the finger found it)."""
        scroller = QScroller.scroller(self.scroll_area.viewport())
        if scroller.state() == QScroller.State.Inactive:
            self.go_to_chapter(index)
        else:
            self._tapped = index

    def _scroller_state(self, state: QScroller.State) -> None:
        if state in (QScroller.State.Pressed, QScroller.State.Dragging):
            self._pin = None  # the visitor's finger takes over from a jump
        elif state == QScroller.State.Inactive and self._tapped is not None:
            index, self._tapped = self._tapped, None
            self.go_to_chapter(index)

    def _set_current(self, index: int) -> None:
        self._current = index
        self.rail.set_current(index)

    # ---- photos -------------------------------------------------------------------------

    def decoded_photos(self) -> list[QWidget]:
        """The photo holders of this screen that hold a decoded image now."""
        return [photo for photo in self.photos if photo.holds_image()]

    def _want_photos(self, *_args) -> None:
        """Photos near the part in view are wanted (decoded once shown), those far from it
        let go; between the two, each keeps what it has."""
        if not self.isVisible():
            return
        top = self.scroll_area.verticalScrollBar().value()
        seen = max(1, self.scroll_area.viewport().height())
        load_from, load_to = top - LOAD_SCREENS * seen, top + seen + LOAD_SCREENS * seen
        keep_from, keep_to = top - KEEP_SCREENS * seen, top + seen + KEEP_SCREENS * seen
        for photo in self.photos:
            start = photo.mapTo(self.page, QPoint(0, 0)).y()
            end = start + photo.height()
            if end > load_from and start < load_to:
                photo.set_wanted(True)
            elif (end < keep_from or start > keep_to) and not self._holding:
                photo.set_wanted(False)

    def hold_photos(self, hold: bool) -> None:
        """For `kiosk check`, which reads the panel to its end once per language: photos once
        decoded are kept while the panel is shown, not let go far from view and decoded again
        on the next reading. (Hidden, the panel still lets go of every photo.)"""
        self._holding = hold
        self._want_photos()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._want_photos()
        if not self.fully_built():
            self._tail.start(TAIL_AFTER_MS)  # (a block built first would hold up the paint)

    # ---- layout -------------------------------------------------------------------------

    def _place_overlays(self) -> None:
        viewport = self.scroll_area.viewport()
        width, height = viewport.width(), viewport.height()
        self.cue.setGeometry(0, height - CUE_HEIGHT, width, CUE_HEIGHT)
        self.rail.fit(height)
        self.rail.move(width - RAIL_INSET - TARGET, (height - self.rail.height()) // 2)
        self.cue.raise_()
        self.rail.raise_()
        self._follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.scroll_area.viewport():
            self._place_overlays()
            self._want_photos()
        return False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        portrait = self.height() > self.width()
        self.hero.set_photo_height(round(self.height() * (0.22 if portrait else 0.26)))
        landscape = not portrait
        if landscape != self.landscape:
            self.landscape = landscape
            for widget in self.blocks:
                widget.set_landscape(landscape)


def note_label(note: str) -> Label:
    """An operator's `note:` as `kiosk preview` shows it (never on a kiosk)."""
    label = Label("caption", "alert", text=f"Note (operators only): {note}")
    label.setObjectName("operatorNote")
    label.setContentsMargins(MARGIN, 0, MARGIN, 0)
    return label
