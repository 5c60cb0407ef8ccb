"""Gallery block: one image at a time with dots; swipe to change, tap for full screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.models import GalleryBlock
from kiosk.ui import icons
from kiosk.ui.blocks.base import TOUCH, BlockWidget, IconButton
from kiosk.ui.blocks.swipe import SwipeArea
from kiosk.ui.image_view import ImageView
from kiosk.ui.widgets import Label

STAGE_ASPECT = 9 / 16
STAGE_MAX_HEIGHT = 820


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
        layout.addWidget(self.stage)

        nav = QHBoxLayout()
        nav.setSpacing(12)
        self.prev_button = IconButton(icons.PREVIOUS, ctx)
        self.next_button = IconButton(icons.NEXT, ctx)
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

    def retranslate(self, lang: str = "") -> None:
        super().retranslate(lang)
        if self.viewer is not None:
            self.viewer.place()  # the caption (bound, already switched) may be taller now

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.close_fullscreen()


class GalleryViewer(QWidget):
    """Full-screen view of a gallery: an overlay child of the window, not a new window.

    Swipe left/right for the next/previous image; a tap or a swipe down closes it.
    """

    def __init__(self, gallery: GalleryBlockWidget):
        host = gallery.ctx.overlay_host or gallery.window()
        super().__init__(host)
        self.setProperty("overlay", True)
        self.gallery = gallery
        self.setObjectName("galleryViewer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.area = SwipeArea(self, forward_vertical=False)
        self.view = ImageView(
            gallery.ctx.images,
            None,
            mode="contain",
            background=gallery.ctx.palette.backdrop,
            parent=self.area,
        )
        self.view.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.close_button = IconButton(icons.CLOSE, gallery.ctx, self)
        self.close_button.setObjectName("viewerClose")
        self.close_button.clicked.connect(gallery.close_fullscreen)
        self.caption = Label("caption", parent=self, align=Qt.AlignmentFlag.AlignHCenter)
        self.counter = Label("caption", "muted", parent=self)
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
        w, h, pad = self.width(), self.height(), 24
        self.area.setGeometry(self.rect())
        text_w = min(w - 2 * pad, 1400)
        self.caption.ensurePolished()  # the QSS font decides the caption's height
        caption_h = self.caption.heightForWidth(text_w) if self.caption.isVisibleTo(self) else 0
        bottom = caption_h + 2 * pad
        image_h = max(TOUCH, h - 2 * pad - TOUCH - bottom)
        self.view.setGeometry(pad, pad + TOUCH, w - 2 * pad, image_h)
        self.caption.setGeometry((w - text_w) // 2, h - pad - caption_h, text_w, caption_h)
        self.counter.setGeometry(pad, pad, 300, TOUCH)
        self.close_button.move(w - pad - TOUCH, pad)
        self.close_button.raise_()

    def _swiped(self, direction: str) -> None:
        if direction == "down":
            self.gallery.close_fullscreen()
        elif direction in ("left", "right"):
            self.gallery.show_index(
                self.gallery.current_index() + (1 if direction == "left" else -1)
            )
