"""Image decoding at display size.

PLACEHOLDER (synchronous, no cache yet): to be replaced by a threaded decoder with a bounded
cache, keeping `ImageCache.request(path, size, callback)`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QImage, QImageReader


class ImageCache(QObject):
    def request(self, path: Path | None, size: QSize, callback: Callable[[QImage | None], None]):
        """Call `callback` with the image scaled to cover `size`, or None if it cannot be read."""
        if path is None:
            callback(None)
            return
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        original = reader.size()
        if original.isValid() and size.isValid():
            cover = Qt.AspectRatioMode.KeepAspectRatioByExpanding
            reader.setScaledSize(original.scaled(size, cover))
        image = reader.read()
        callback(None if image.isNull() else image)
