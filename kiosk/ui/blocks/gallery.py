"""Gallery block: one image at a time with dots; swipe to change, tap for full screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.views import GalleryBlock
from kiosk.ui import icons
from kiosk.ui.blocks.base import TOUCH, BlockWidget, IconButton
from kiosk.ui.blocks.swipe import SwipeArea
from kiosk.ui.image_view import ImageView
from kiosk.ui.keypad import focusable, name_control
from kiosk.ui.widgets import Label

STAGE_ASPECT = 9 / 16
STAGE_MAX_HEIGHT = 820
VIEWER_PAD = 24  # the full-screen viewer's margin
VIEWER_GAP = 16  # between its image, caption and arrows
CAPTION_MAX = 1200  # the viewer caption's widest line, px
NAV_MIN = 560  # the viewer's arrows are at least this far apart (outer edges)
COUNTER_W = 160  # "3 / 12" in the viewer's top-left corner


class Dots(QWidget):
    """Position indicator: one dot per image, the current one wide and bright."""

    def __init__(self, count: int, active: str, idle: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.count, self.current = count, 0
        self._active, self._idle = QColor(active), QColor(idle)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(TOUCH)

    def set_current(self, index: int) -> None:
        self.current = index
        self.update()

    def dot_rects(self) -> list[QRectF]:
        size, gap, wide = 14.0, 14.0, 36.0
        total = self.count * size + (self.count - 1) * gap + (wide - size)
        x = (self.width() - total) / 2
        rects = []
        for index in range(self.count):
            width = wide if index == self.current else size
            rects.append(QRectF(x, (self.height() - size) / 2, width, size))
            x += width + gap
        return rects

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for index, rect in enumerate(self.dot_rects()):
            painter.setBrush(self._active if index == self.current else self._idle)
            painter.drawRoundedRect(rect, 7, 7)


class GalleryBlockWidget(BlockWidget):
    block: GalleryBlock
    opened = Signal(int)  # the full-screen viewer opened on this image index

    def __init__(self, block: GalleryBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        self._index = 0
        self.viewer: GalleryViewer | None = None
        layout = self.vbox(spacing=12)
        self.title = self.title_label(layout, block.title)
        self.stage = SwipeArea()
        self.stage.setObjectName("galleryStage")
        self.view = ImageView(
            ctx.images,
            self._path(0),
            mode="cover",
            radius=12,
            aspect=STAGE_ASPECT,
            max_height=STAGE_MAX_HEIGHT,
            background=self.colors.surface,
        )
        stage_layout = QVBoxLayout(self.stage)
        stage_layout.setContentsMargins(0, 0, 0, 0)
        stage_layout.addWidget(self.view)
        self.stage.swiped.connect(self._swiped)
        self.stage.tapped.connect(lambda _pos: self.open_fullscreen(self._index))
        focusable(self.stage)  # the keypad's Enter opens the viewer, as a tap does
        name_control(ctx, self.stage, self._stage_name)
        layout.addWidget(self.stage)

        nav = QHBoxLayout()
        nav.setSpacing(12)
        self.prev_button = IconButton(icons.PREVIOUS, ctx, name="image_previous")
        self.next_button = IconButton(icons.NEXT, ctx, name="image_next")
        self.prev_button.clicked.connect(lambda: self.show_index(self._index - 1))
        self.next_button.clicked.connect(lambda: self.show_index(self._index + 1))
        self.dots = Dots(len(block.images), self.colors.primary, self.colors.muted)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.dots, 1)
        nav.addWidget(self.next_button)
        single = len(block.images) == 1
        for widget in (self.prev_button, self.next_button, self.dots):
            widget.setVisible(not single)
        layout.addLayout(nav)

        self.caption = Label("caption")
        self.credit = Label("source", "muted")
        layout.addWidget(self.caption)
        layout.addWidget(self.credit)
        self._show_texts()

    # ---- public -------------------------------------------------------------------------

    def current_index(self) -> int:
        return self._index

    def count(self) -> int:
        return len(self.block.images)

    def show_index(self, index: int) -> None:
        """Show image `index` (wrapping around at both ends)."""
        index %= self.count()
        if index == self._index:
            return
        self._index = index
        self.view.set_path(self._path(index))
        self.dots.set_current(index)
        self._show_texts()
        if self.viewer is not None:
            self.viewer.show_index(index)

    def open_fullscreen(self, index: int = 0) -> None:
        self.show_index(index)
        if self.viewer is None:
            self.viewer = GalleryViewer(self)
        self.viewer.show_index(self._index)
        self.viewer.cover_window()
        self.viewer.show()
        self.viewer.raise_()
        self.opened.emit(self._index)

    def close_fullscreen(self) -> None:
        if self.viewer is not None:
            viewer, self.viewer = self.viewer, None
            viewer.hide()
            viewer.deleteLater()

    # ---- inside -------------------------------------------------------------------------

    def _path(self, index: int):
        return self.ctx.snapshot.image_path(self.block.images[index].image)

    def _swiped(self, direction: str) -> None:
        if direction in ("left", "right"):
            self.show_index(self._index + (1 if direction == "left" else -1))

    def _show_texts(self) -> None:
        item = self.block.images[self._index]
        self.ctx.texts.bind_or_hide(self.caption, item.caption)
        self.ctx.texts.bind_or_hide(self.credit, item.credit)
        name_control(self.ctx, self.stage, self._stage_name)  # (the image shown changed)

    def _stage_name(self, lang: str) -> str:
        words = self.ctx.chrome("image_open", lang).format(n=self._index + 1, count=self.count())
        caption = self.block.images[self._index].caption
        return f"{words}: {caption.get(lang)}" if caption is not None else words

    def retranslate(self, lang: str = "") -> None:
        super().retranslate(lang)
        if self.viewer is not None:
            self.viewer.place()  # the caption (bound, already switched) may be taller now

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.close_fullscreen()


class GalleryViewer(QWidget):
    """Full-screen view of a gallery: an overlay child of the window's screen area (below the
    top bar, whose Home, Back, language and text-size buttons stay in reach), not a new window.

    The image is as large as the area allows at its own aspect, the caption right under it,
    then the position dots between the previous and next arrows (or the arrows beside the
    image, where that makes it larger). Swipe left/right for the next/previous image; a tap
    on the image or a swipe down closes it, and so does the close button.
    """

    def __init__(self, gallery: GalleryBlockWidget):
        host = gallery.ctx.overlay_host or gallery.window()
        super().__init__(host)
        prepare = getattr(host, "prepare", None)
        if prepare is not None:  # the text size of the moment, before its parts are made
            prepare(self)
        self.setProperty("overlay", True)
        self.gallery = gallery
        self.block = gallery.block  # (what the screen checker points a finding at)
        self.setObjectName("galleryViewer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        ctx = gallery.ctx
        self.area = SwipeArea(self, forward_vertical=False)
        self.view = ImageView(
            ctx.images,
            None,
            mode="contain",
            background=ctx.palette.backdrop,
            parent=self.area,
        )
        self.view.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.close_button = IconButton(icons.CLOSE, ctx, self)
        self.close_button.setObjectName("viewerClose")
        self.close_button.clicked.connect(gallery.close_fullscreen)
        self.caption = Label("caption", parent=self, align=Qt.AlignmentFlag.AlignHCenter)
        self.counter = Label("caption", "muted", parent=self)
        self.prev_button = IconButton(icons.PREVIOUS, ctx, self, name="image_previous")
        self.next_button = IconButton(icons.NEXT, ctx, self, name="image_next")
        self.prev_button.clicked.connect(lambda: gallery.show_index(gallery.current_index() - 1))
        self.next_button.clicked.connect(lambda: gallery.show_index(gallery.current_index() + 1))
        self.dots = Dots(gallery.count(), ctx.palette.primary, ctx.palette.muted, self)
        several = gallery.count() > 1
        for widget in (self.prev_button, self.next_button, self.dots):
            widget.setVisible(several)
        self.area.swiped.connect(self._swiped)
        self.area.tapped.connect(lambda _pos: gallery.close_fullscreen())
        host.installEventFilter(self)

    def show_index(self, index: int) -> None:
        item = self.gallery.block.images[index]
        path = self.gallery.ctx.snapshot.image_path(item.image)
        if self.view.path != path:
            self.view.set_path(path)
        # The credit goes with the picture: a CC BY photo must name its author wherever shown.
        parts = [text for text in (item.caption, item.credit) if text is not None]
        self.gallery.ctx.texts.bind_or_hide(
            self.caption, (lambda lang: "\n".join(p.get(lang) for p in parts)) if parts else None
        )
        self.counter.setText(f"{index + 1} / {self.gallery.count()}")
        self.dots.set_current(index)
        self.place()

    def cover_window(self) -> None:
        host = self.parentWidget()
        if host is not None:
            self.setGeometry(host.rect())
        self.place()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.cover_window()
        return False

    def place(self) -> None:
        w, h = self.width(), self.height()
        self.area.setGeometry(self.rect())
        several = self.gallery.count() > 1
        text_w = max(TOUCH, min(w - 2 * VIEWER_PAD, CAPTION_MAX))
        self.caption.ensurePolished()  # the QSS font decides the caption's height
        caption_h = self.caption.heightForWidth(text_w) if self.caption.isVisibleTo(self) else 0
        under = (VIEWER_GAP + caption_h if caption_h else 0) + (
            VIEWER_GAP + TOUCH if several else 0
        )
        # On a portrait screen the top is out of reach: the close button goes to the bottom.
        portrait = h > w
        if portrait:
            under += VIEWER_GAP + TOUCH
        image, beside, top = self._image_box(w, h, under, several)
        self.view.setGeometry(image)
        y = image.bottom() + 1
        if caption_h:
            y += VIEWER_GAP
            self.caption.setGeometry((w - text_w) // 2, y, text_w, caption_h)
            y += caption_h
        if several:
            y += VIEWER_GAP
            if beside:
                middle = image.center().y() - TOUCH // 2
                self.prev_button.move(image.left() - VIEWER_GAP - TOUCH, middle)
                self.next_button.move(image.right() + 1 + VIEWER_GAP, middle)
                self.dots.setGeometry(image.left(), y, image.width(), TOUCH)
            else:
                row_w = max(image.width(), min(w - 2 * VIEWER_PAD, NAV_MIN))
                left = (w - row_w) // 2
                self.prev_button.move(left, y)
                self.next_button.move(left + row_w - TOUCH, y)
                self.dots.setGeometry(
                    left + TOUCH + VIEWER_GAP, y, row_w - 2 * (TOUCH + VIEWER_GAP), TOUCH
                )
        self.counter.setGeometry(VIEWER_PAD, VIEWER_PAD, COUNTER_W, TOUCH)
        self.close_button.move(
            w - VIEWER_PAD - TOUCH, h - VIEWER_PAD - TOUCH if portrait else VIEWER_PAD
        )
        for widget in (self.prev_button, self.next_button, self.dots, self.close_button):
            widget.raise_()

    def _image_box(self, w: int, h: int, under: int, several: bool) -> tuple[QRect, bool, bool]:
        """The largest image rect at the image's aspect, with `under` px below it for the
        caption and dots: tried with the arrows under or beside the image, and with the top
        row (counter, close button) above it or beside it where the image leaves the corners
        free. Returns (image rect, arrows beside, top row above)."""
        aspect = self.view.aspect()
        best: tuple[int, QRect, bool, bool] | None = None
        for beside in (False, True) if several else (False,):
            for top_row in (True, False):
                side = TOUCH + VIEWER_GAP if beside else 0
                top = VIEWER_PAD + (TOUCH + VIEWER_GAP if top_row else 0)
                box_w = w - 2 * VIEWER_PAD - 2 * side
                box_h = h - top - VIEWER_PAD - under
                if box_w < TOUCH or box_h < TOUCH:
                    continue
                img_w, img_h = box_w, round(box_w * aspect)
                if img_h > box_h:
                    img_w, img_h = round(box_h / aspect), box_h
                corner = VIEWER_PAD + max(COUNTER_W, TOUCH) + VIEWER_GAP
                if not top_row and (w - img_w) // 2 < corner:
                    continue  # the image would run under the counter or the close button
                # the image, caption and dots together, in the middle of the space left
                y = top + (h - top - VIEWER_PAD - img_h - under) // 2
                rect = QRect((w - img_w) // 2, y, img_w, img_h)
                if best is None or img_w * img_h > best[0]:
                    best = (img_w * img_h, rect, beside, top_row)
        if best is None:
            return QRect(0, 0, max(1, w), max(1, h - under)), False, False
        return best[1], best[2], best[3]

    def _swiped(self, direction: str) -> None:
        if direction == "down":
            self.gallery.close_fullscreen()
        elif direction in ("left", "right"):
            self.gallery.show_index(
                self.gallery.current_index() + (1 if direction == "left" else -1)
            )
