"""A widget showing one content image, decoded off the UI thread at the size it is shown.

Modes: `cover` fills the widget and crops, `contain` fits the whole image inside. While the
image loads the widget shows a neutral panel; a missing or broken file shows the same panel with
an image-off icon (no error text: visitors cannot fix it, `kiosk validate` tells the operator).
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
from kiosk.ui.widgets import Cover, cover_size

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
        self._cover = Cover(self, None, None)  # scales the image in `cover` mode
        self._failed = False
        self._requested: QSize | None = None
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
        self._path = Path(path) if path is not None else None
        self._image, self._failed, self._requested = None, False, None
        self._cover.set_image(None)
        source = self.cache.source_size(self._path)
        if not self._fixed_aspect:
            self._aspect = source.height() / source.width() if source.isValid() else 9 / 16
        self.updateGeometry()
        if not source.isValid():
            self._show_failed()
        elif self.isVisible():
            self._request()
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
        """Where the image is drawn inside the widget (for overlays like map pins)."""
        if self._image is None:
            return QRectF(self.rect())
        return self._target_rect(self._image.size())

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
        if not self._failed:
            self._timer.start(0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._failed:
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
            painter.drawPixmap(0, 0, self._cover.pixmap(self.size(), self.devicePixelRatioF()))
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

    def _request(self) -> None:
        if self._path is None or self.width() < 2 or self.height() < 2:
            return
        ratio = self.devicePixelRatioF()
        size = QSize(round(self.width() * ratio), round(self.height() * ratio))
        if size == self._requested:
            return
        self._requested = size
        arrived = partial(self._arrived, self._path)
        self.cache.request(self._path, size, arrived, mode=self.mode, owner=self)

    def _arrived(self, path: Path, image: QImage | None) -> None:
        if path != self._path:
            return  # an answer for the image shown before set_path()
        if image is None:
            self._show_failed()
        else:
            self._image, self._failed = image, False
            self._cover.set_image(image)
            self.update()
            self.loaded.emit(True)

    def _show_failed(self) -> None:
        self._image, self._failed = None, True
        self._cover.set_image(None)
        self.update()
        self.loaded.emit(False)
