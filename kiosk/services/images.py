"""Image decoding at display size, off the UI thread, with a bounded cache.

`ImageCache.request(path, size, callback)` decodes in a thread pool with
`QImageReader.setScaledSize`, so a 6000 px photo shown in a 600 px box costs a 600 px image,
and calls `callback(QImage | None)` on the UI thread. Results are kept in an LRU cache keyed by
(path, mtime, size, mode) with a byte budget. A callback whose QObject was deleted meanwhile is
dropped, never called.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEventLoop,
    QFile,
    QFileDevice,
    QIODevice,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader

from kiosk.content.checks import MAX_IMAGE_BYTES as MAX_FILE_BYTES
from kiosk.content.checks import image_kind
from kiosk.content.files import UnsafeFile, open_regular, read_regular

Callback = Callable[[QImage | None], None]
DEFAULT_BUDGET = 64 * 1024 * 1024  # decoded at display size: ~8 full-screen photos, many more small
_FAILED_COST = 1024  # a failed decode is remembered too, so a broken file is not retried


def scaled_size(original: QSize, box: QSize, mode: str) -> QSize:
    """Size to decode `original` at so it covers (or fits in) `box`, never upscaled."""
    if not original.isValid() or not box.isValid() or box.isEmpty():
        return original
    aspect = (
        Qt.AspectRatioMode.KeepAspectRatioByExpanding
        if mode == "cover"
        else Qt.AspectRatioMode.KeepAspectRatio
    )
    target = original.scaled(box, aspect)
    if target.width() >= original.width():
        return original
    return target.expandedTo(QSize(1, 1))


class _Relay(QObject):
    done = Signal(object, object)  # key, QImage | None


class _Decode(QRunnable):
    def __init__(self, key: tuple, path: Path, box: QSize, mode: str, relay: _Relay):
        super().__init__()
        self.key, self.path, self.box, self.mode, self.relay = key, path, box, mode, relay

    def run(self) -> None:
        image = QImage()
        data = _file_bytes(self.path, MAX_FILE_BYTES)
        kind = image_kind(data[:16]) if data is not None else None
        if data is not None and kind is not None:
            buffer = QBuffer()
            buffer.setData(QByteArray(data))
            # The format named, never guessed: guessing runs every image plugin's probe on this
            # thread, and the SVG one's QTextStream took a Qt lock while holding Python's GIL:
            # with the UI thread holding that lock and waiting for the GIL, both hung (seen).
            reader = QImageReader(buffer, kind.lower().encode("ascii"))
            reader.setAutoDetectImageFormat(False)
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(scaled_size(size, self.box, self.mode))
            image = reader.read()
        # Emitted from the worker thread: the relay lives on the UI thread, so it is queued.
        self.relay.done.emit(self.key, None if image.isNull() else image)


def _file_bytes(path: Path, limit: int) -> bytes | None:
    """The file's bytes if it is a regular file (a pipe swapped in later must not block a
    worker: it is refused at once), else None."""
    try:
        data = read_regular(path, limit)
    except (OSError, UnsafeFile):
        return None
    return data if len(data) <= limit else None


class ImageCache(QObject):
    idle = Signal()  # no decode is pending any more

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET, parent: QObject | None = None):
        super().__init__(parent)
        self.budget_bytes = budget_bytes
        self._cache: OrderedDict[tuple, QImage | None] = OrderedDict()
        self._bytes = 0
        self._pending: dict[tuple, list[tuple[Callback, QObject | None]]] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.done.connect(self._delivered, Qt.ConnectionType.QueuedConnection)

    # ---- public -------------------------------------------------------------------------

    def request(
        self,
        path: Path | None,
        size: QSize,
        callback: Callback,
        mode: str = "cover",
        owner: QObject | None = None,
    ) -> None:
        """Call `callback` with the image scaled to cover (`mode="cover"`) or fit in
        (`"contain"`) `size`, or with None if it cannot be read. Cached results and missing
        files answer at once; anything else answers later, on the UI thread, and not at all
        if `owner` (by default the callback's own QObject) has been deleted by then."""
        key = self._key(path, size, mode)
        if key is None or path is None:  # no path has no key either
            callback(None)
            return
        if key in self._cache:
            self._cache.move_to_end(key)
            callback(self._cache[key])
            return
        owner = owner if owner is not None else getattr(callback, "__self__", None)
        waiting = (callback, owner if isinstance(owner, QObject) else None)
        if key in self._pending:
            self._pending[key].append(waiting)
            return
        self._pending[key] = [waiting]
        self._pool.start(_Decode(key, Path(path), QSize(size), mode, self._relay))

    def source_size(self, path: Path | None) -> QSize:
        """Pixel size of the file as stored (reads the header only); invalid if unreadable."""
        if path is None:
            return QSize()
        try:  # on the UI thread: the reader reads the header only, and never waits on a pipe
            fd = open_regular(path)
        except (OSError, UnsafeFile):
            return QSize()
        file = QFile()
        if not file.open(
            fd, QIODevice.OpenModeFlag.ReadOnly, QFileDevice.FileHandleFlag.AutoCloseHandle
        ):
            os.close(fd)
            return QSize()
        reader = QImageReader(file)
        reader.setAutoTransform(True)
        size = reader.size() if reader.canRead() else QSize()
        file.close()
        return size

    def shutdown(self, timeout_ms: int = 3000) -> None:
        """Drop queued decodes and wait for the running ones, so none outlives the window
        (a worker still decoding while Python shuts down finds its buffer gone)."""
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)
        self._pending.clear()

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Block (processing events) until every requested image was delivered. For tests."""
        if self._pending:
            loop = QEventLoop()
            self.idle.connect(loop.quit)
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
            self.idle.disconnect(loop.quit)
        return not self._pending

    @property
    def cached_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._cache)

    def clear(self) -> None:
        self._cache.clear()
        self._bytes = 0

    # ---- inside -------------------------------------------------------------------------

    @staticmethod
    def _key(path: Path | None, size: QSize, mode: str) -> tuple | None:
        if path is None:
            return None
        try:
            mtime = Path(path).stat().st_mtime_ns
        except OSError:
            return None
        return (str(path), mtime, size.width(), size.height(), mode)

    def _delivered(self, key: tuple, image: QImage | None) -> None:
        self._store(key, image)
        for callback, owner in self._pending.pop(key, []):
            if owner is not None and not shiboken6.isValid(owner):
                continue  # its widget was deleted while the image was decoding
            callback(image)
        if not self._pending:
            self.idle.emit()

    def _store(self, key: tuple, image: QImage | None) -> None:
        cost = image.sizeInBytes() if image is not None else _FAILED_COST
        if cost > self.budget_bytes:
            return
        self._cache[key] = image
        self._bytes += cost
        while self._bytes > self.budget_bytes:
            _old, dropped = self._cache.popitem(last=False)
            self._bytes -= dropped.sizeInBytes() if dropped is not None else _FAILED_COST
