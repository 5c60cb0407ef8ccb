"""A widget showing one content image, decoded off the UI thread at the size it is shown.

Modes: `cover` fills the widget and crops, `contain` fits the whole image inside. While the
image loads the widget shows a neutral panel; a missing or broken file shows the same panel with
an image-off icon (no error text: visitors cannot fix it, `kiosk validate` tells the operator).

Memory follows what is on screen, not the content: a view holds its decoded image only while
it is shown and wanted. Hidden (its screen left), it lets go of it, and so does the image
cache; shown again, it decodes again, off the UI thread, and shows its neutral panel until the
image arrives (a screen's first paint never waits for a photo). A screen that scrolls sets
`set_wanted(False)` on views far from its viewport (kiosk/ui/panel.py). In `cover` mode the
cache decodes exactly the widget's pixels (`fill`: the middle of a covering image), which are
then drawn as they are: one copy of the photo, never scaled on the UI thread.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.services.images import ImageCache
from kiosk.ui import icons
from kiosk.ui.icons import icon
from kiosk.ui.widgets import cover_size

_DEBOUNCE_MS = 80


def icon_pixmap(name: str, color: str, px: int):
    """An icon font glyph drawn at `px` pixels."""
    return icon(name, color).pixmap(px, px)


class ImageView(QWidget):
    loaded = Signal(bool)  # True: an image arrived; False: the placeholder is shown

    def __init__(
        self,
        cache: ImageCache,
        path: Path | None,
        mode: str = "cover",
        radius: float = 0,
        aspect: float | None = None,
        max_height: int | None = None,
        background: str = "#1b3357",
        parent: QWidget | None = None,
    ):
        """`aspect` (height / width) makes the widget's height follow its width; by default the
        file's own aspect is used, capped at `max_height`."""
        super().__init__(parent)
        self.cache = cache
        self.mode = mode
        self.radius = radius
        self.background = QColor(background)
        self.max_height = max_height
        self._image: QImage | None = None
        self._failed = False
        self._requested: QSize | None = None
        self._wanted = True
        self._source = QSize()  # the file's own size
        self._path: Path | None = None
        self._aspect = aspect
        self._fixed_aspect = aspect is not None
        self._timer = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._timer.timeout.connect(self._request)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_path(path)

    # ---- public -------------------------------------------------------------------------

    def set_path(self, path: Path | None) -> None:
        self.release()
        self._path = Path(path) if path is not None else None
        self._image, self._failed, self._requested = None, False, None
        source = self._source = self.cache.source_size(self._path)
        if not self._fixed_aspect:
            self._aspect = source.height() / source.width() if source.isValid() else 9 / 16
        self.updateGeometry()
        if not source.isValid():
            self._show_failed()
        elif self.isVisible():
            self._request()
        self.update()

    def set_wanted(self, wanted: bool) -> None:
        """Whether the image should be decoded while the view is shown: its screen says no
        for a view far outside what the visitor sees (and the view lets go of its image)."""
        if wanted == self._wanted:
            return
        self._wanted = wanted
        if not wanted:
            self.release()
        elif self.isVisible() and not self._failed:
            self._timer.start(0)

    def wanted(self) -> bool:
        return self._wanted

    def holds_image(self) -> bool:
        """Whether a decoded image is held (shown, or waiting to be painted)."""
        return self._image is not None

    def release(self) -> None:
        """Let go of the decoded image (the cache too); the next show decodes it again."""
        self._timer.stop()
        if self._requested is not None and self._path is not None:
            self.cache.release(self._path, self._requested, self._cache_mode(), owner=self)
        self._requested = None
        if self._image is not None:
            self._image = None
            self.update()

    @property
    def path(self) -> Path | None:
        return self._path

    def image(self) -> QImage | None:
        return self._image

    def is_loading(self) -> bool:
        """True until the image arrived or the placeholder is shown."""
        return self._image is None and not self._failed

    def is_placeholder(self) -> bool:
        return self._failed

    def aspect(self) -> float:
        """Height / width of what is shown: the file's own (9 / 16 while it is unknown)."""
        return self._aspect or 9 / 16

    def image_rect(self) -> QRectF:
        """Where the image is drawn inside the widget (for overlays like map pins): the same
        before it arrives and after it is let go, from the file's own size."""
        if self._image is not None:
            return self._target_rect(self._image.size())
        if self._source.isValid():
            return self._target_rect(self._source)
        return QRectF(self.rect())

    # ---- sizing -------------------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = round(width * (self._aspect or 9 / 16))
        return min(height, self.max_height) if self.max_height else height

    def sizeHint(self) -> QSize:
        return QSize(800, self.heightForWidth(800))

    def minimumSizeHint(self) -> QSize:
        return QSize(64, 64)

    # ---- events -------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._failed and self._wanted:
            self._timer.start(0)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # its screen was left (not a window minimised)
            self.release()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._failed and self._wanted and self.isVisible():
            self._timer.start()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(self.rect()), self.radius, self.radius)
        painter.setClipPath(clip)
        if self._image is None or self.mode == "contain":
            painter.fillRect(self.rect(), self.background)
        if self._image is not None and self.mode == "cover":
            painter.drawImage(QRectF(self.rect()), self._image, self._cover_source())
        elif self._image is not None:
            painter.drawImage(self._target_rect(self._image.size()), self._image)
        elif self._failed:
            side = max(24, min(96, min(self.width(), self.height()) // 3))
            icon = icon_pixmap(icons.IMAGE_MISSING, "#6f86a6", side)
            x = (self.width() - side) // 2
            y = (self.height() - side) // 2
            painter.drawPixmap(x, y, side, side, icon)

    # ---- inside -------------------------------------------------------------------------

    def _target_rect(self, size: QSize) -> QRectF:
        box = QRectF(self.rect())
        if size.isEmpty():
            return box
        if self.mode == "cover":
            scaled = cover_size(QSizeF(size), QSizeF(self.size()))
        else:
            scaled = QSizeF(size).scaled(QSizeF(self.size()), Qt.AspectRatioMode.KeepAspectRatio)
        rect = QRectF(0, 0, scaled.width(), scaled.height())
        rect.moveCenter(box.center())
        return rect

    def _cover_source(self) -> QRectF:
        """The part of the image that covers the widget: all of it when the cache decoded it
        to fill the widget, else its middle at the widget's shape."""
        image = QSizeF(self._image.size()) if self._image is not None else QSizeF()
        box = QSizeF(self.size())
        if box.isEmpty() or image.isEmpty():
            return QRectF(0, 0, image.width(), image.height())
        scaled = box.scaled(image, Qt.AspectRatioMode.KeepAspectRatio)
        rect = QRectF(0, 0, scaled.width(), scaled.height())
        rect.moveCenter(QRectF(0, 0, image.width(), image.height()).center())
        return rect

    def _cache_mode(self) -> str:
        return "fill" if self.mode == "cover" else self.mode

    def _request(self) -> None:
        if self._path is None or self.width() < 2 or self.height() < 2 or not self._wanted:
            return
        if not self.isVisible():
            return
        ratio = self.devicePixelRatioF()
        size = QSize(round(self.width() * ratio), round(self.height() * ratio))
        if size == self._requested:
            return
        if self._requested is not None:  # resized: the image for the old size goes
            self.cache.release(self._path, self._requested, self._cache_mode(), owner=self)
        self._requested = size
        arrived = partial(self._arrived, self._path, size)
        self.cache.request(self._path, size, arrived, mode=self._cache_mode(), owner=self)

    def _arrived(self, path: Path, size: QSize, image: QImage | None) -> None:
        if path != self._path or size != self._requested:
            return  # an answer for an image or size asked for before, or let go since
        if image is None:
            self._show_failed()
        else:
            self._image, self._failed = image, False
            self.update()
            self.loaded.emit(True)

    def _show_failed(self) -> None:
        self._image, self._failed = None, True
        self.update()
        self.loaded.emit(False)


class FillPhoto:
    """A photo that fills its owner widget (a panel's header), decoded to exactly the owner's
    pixels, the middle of a covering image, and held only while the owner is shown and wants
    it. The owner calls `follow(size)` when shown or resized and `release()` when hidden, and
    draws it with `draw(painter, rect)`; it repaints when the photo arrives."""

    def __init__(self, owner: QWidget, cache: ImageCache, path: Path | None):
        self.owner = owner
        self.cache = cache
        self.path = path
        self.image: QImage | None = None
        self.wanted = True
        self._requested: QSize | None = None

    def follow(self, size: QSize) -> None:
        if self.path is None or not self.wanted or not self.owner.isVisible():
            return
        ratio = self.owner.devicePixelRatioF()
        device = QSize(round(size.width() * ratio), round(size.height() * ratio))
        if device.isEmpty() or device == self._requested:
            return
        if self._requested is not None:
            self.cache.release(self.path, self._requested, "fill", owner=self.owner)
        self._requested = device
        arrived = partial(self._arrived, device)
        self.cache.request(self.path, device, arrived, mode="fill", owner=self.owner)

    def set_wanted(self, wanted: bool) -> None:
        if wanted != self.wanted:
            self.wanted = wanted
            if wanted:
                self.follow(self.owner.size())
            else:
                self.release()

    def release(self) -> None:
        if self._requested is not None and self.path is not None:
            self.cache.release(self.path, self._requested, "fill", owner=self.owner)
        self._requested = None
        if self.image is not None:
            self.image = None
            self.owner.update()

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        """The photo over `rect`, cropped to its shape (nothing while there is none)."""
        if self.image is None or rect.isEmpty():
            return
        size = QSizeF(self.image.size())
        crop = rect.size().scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
        source = QRectF(0, 0, crop.width(), crop.height())
        source.moveCenter(QRectF(0, 0, size.width(), size.height()).center())
        painter.drawImage(rect, self.image, source)

    def _arrived(self, size: QSize, image: QImage | None) -> None:
        if image is not None and size == self._requested:
            self.image = image
            self.owner.update()
