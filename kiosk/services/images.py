"""Image decoding at display size, off the UI thread, with a bounded cache.

`ImageCache.request(path, size, callback)` decodes in a thread pool with
`QImageReader.setScaledSize`, so a 6000 px photo shown in a 600 px box costs a 600 px image,
and calls `callback(QImage | None)` on the UI thread. Modes: `cover` (the whole image, scaled to
cover the box), `contain` (scaled to fit in it) and `fill` (exactly the box, the middle of a
covering image: `setScaledClipRect`, so the UI thread never scales it). Results are kept in an
LRU cache keyed by (path, mtime, size, mode) with a byte budget; `release()` drops one at once
(a screen that is hidden keeps no decoded photo, and neither does the cache for it). A callback
whose QObject was deleted meanwhile is dropped, never called.

The file is read by the decoder through its descriptor, a chunk at a time (never whole into
Python bytes), and the workers run at a lower priority than the UI thread (Linux: nice 10 for
their threads), so decoding camera photos does not hold up a screen change on a small machine.
Large buffers (decoded images) are allocated with mmap on glibc, so a released photo gives its
memory back to the system at once instead of staying in the allocator's reserve.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import logging
import os
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QEventLoop,
    QFile,
    QFileDevice,
    QIODevice,
    QObject,
    QRect,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from kiosk.content.files import UnsafeFile, open_regular
from kiosk.content.image_header import MAX_IMAGE_BYTES as MAX_FILE_BYTES
from kiosk.content.image_header import image_kind
from kiosk.services.image_copies import ScaledCopies

log = logging.getLogger(__name__)
Callback = Callable[[QImage | None], None]
DEFAULT_BUDGET = 64 * 1024 * 1024  # decoded at display size: ~8 full-screen photos, many more small
_FAILED_COST = 1024  # a failed decode is remembered too, so a broken file is not retried
WORKER_NICE = 10  # decoding threads yield to the UI thread (Linux thread niceness)
MMAP_THRESHOLD = 1 << 20  # glibc: blocks from 1 MiB up are mmapped, and unmapped when freed
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)
_niced = threading.local()
_LIVING: weakref.WeakSet[ImageCache] = weakref.WeakSet()  # shut down at exit


def use_mmap_for_large_blocks(threshold: int = MMAP_THRESHOLD) -> bool:
    """Have glibc's malloc map blocks of `threshold` bytes and more on their own pages.

    By default glibc raises that threshold to 32 MiB after the first large block is freed, so
    decoded photos end up inside the heap and, once freed, stay in the process as reserve
    (measured: ~20 MiB after a tour of the sample content). A fixed threshold keeps them out.
    Does nothing (False) off glibc."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(_M_MMAP_THRESHOLD, threshold))
    except (OSError, AttributeError):
        return False


def trim_heap() -> None:
    """Give the allocator's free pages back to the system (glibc `malloc_trim`)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def scaled_size(original: QSize, box: QSize, mode: str) -> QSize:
    """Size to decode `original` at so it covers (`cover`, `fill`) or fits in (`contain`)
    `box`, never upscaled."""
    if not original.isValid() or not box.isValid() or box.isEmpty():
        return original
    aspect = (
        Qt.AspectRatioMode.KeepAspectRatio
        if mode == "contain"
        else Qt.AspectRatioMode.KeepAspectRatioByExpanding
    )
    target = original.scaled(box, aspect)
    if target.width() >= original.width():
        return original
    return target.expandedTo(QSize(1, 1))


def fill_clip(scaled: QSize, box: QSize) -> QRect | None:
    """The middle `box` of an image decoded at `scaled` (None when it is not larger)."""
    if not box.isValid() or (scaled.width() <= box.width() and scaled.height() <= box.height()):
        return None
    width, height = min(box.width(), scaled.width()), min(box.height(), scaled.height())
    return QRect((scaled.width() - width) // 2, (scaled.height() - height) // 2, width, height)


class _Relay(QObject):
    done = Signal(object, object)  # key, QImage | None


_CANCELLED = "cancelled"  # what a decode nobody waits for any more answers


class _Decode(QRunnable):
    def __init__(
        self,
        key: tuple,
        path: Path,
        box: QSize,
        mode: str,
        relay: _Relay,
        waiting: dict,
        copies: ScaledCopies | None,
    ):
        super().__init__()
        self.key, self.path, self.box, self.mode, self.relay = key, path, box, mode, relay
        self.waiting = waiting  # the cache's pending decodes (read here, under the GIL)
        self.copies = copies

    def run(self) -> None:
        if self.key not in self.waiting:  # released while queued: no decode at all
            self.relay.done.emit(self.key, _CANCELLED)
            return
        _lower_priority()
        try:
            image = _decode(self.path, self.box, self.mode, self.copies)
        except Exception:  # noqa: BLE001 - a bug here must cost the picture, not its screen
            log.exception("decoding %s failed", self.path)
            image = QImage()
        # Emitted from the worker thread: the relay lives on the UI thread, so it is queued.
        self.relay.done.emit(self.key, None if image.isNull() else image)


def _lower_priority() -> None:
    """This worker thread yields to the UI thread (once per thread; Linux only)."""
    if getattr(_niced, "done", False):
        return
    _niced.done = True
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICE)


def _decode(path: Path, box: QSize, mode: str, copies: ScaledCopies | None = None) -> QImage:
    """The image at `path` decoded for `box` in `mode`; a null image if it cannot be. A
    camera photo goes through its display-size copy in `copies` (kiosk/services/image_copies.py)."""
    try:  # a pipe swapped in later must not block a worker: refused at once
        fd = open_regular(path)
    except (OSError, UnsafeFile):
        return QImage()
    file = QFile()
    try:
        if os.fstat(fd).st_size > MAX_FILE_BYTES or not file.open(
            fd, QIODevice.OpenModeFlag.ReadOnly, QFileDevice.FileHandleFlag.AutoCloseHandle
        ):
            os.close(fd)
            return QImage()
        kind = image_kind(bytes(file.peek(16).data()))
        if kind is None:
            return QImage()
        # The format named, never guessed: guessing runs every image plugin's probe on this
        # thread, and the SVG one's QTextStream took a Qt lock while holding Python's GIL:
        # with the UI thread holding that lock and waiting for the GIL, both hung (seen).
        reader = QImageReader(file, kind.lower().encode("ascii"))
        reader.setAutoDetectImageFormat(False)
        reader.setAutoTransform(True)
        size = reader.size()
        if not size.isValid():
            return reader.read()
        turning = reader.transformation()
        turned = bool(turning & QImageIOHandler.Transformation.TransformationRotate90)
        stored_box = box.transposed() if turned else box  # the box as the file stores it
        scaled = scaled_size(size, stored_box, mode)
        if copies is not None and copies.worth_copying(kind, size, scaled):
            return _through_copy(copies, path, os.fstat(fd), reader, scaled, turned, box, mode)
        reader.setScaledSize(scaled)
        clip = fill_clip(scaled, stored_box) if mode == "fill" else None
        if clip is not None:
            reader.setScaledClipRect(clip)
        return reader.read()
    finally:
        file.close()


def _through_copy(
    copies: ScaledCopies,
    path: Path,
    info: os.stat_result,
    reader: QImageReader,
    scaled: QSize,
    turned: bool,
    box: QSize,
    mode: str,
) -> QImage:
    """A camera photo decoded from its display-size copy, or from itself (and then copied):
    `scaled` is the size decoded as the file stores it, `box` the box as shown (upright)."""
    upright = scaled.transposed() if turned else scaled
    image = copies.read(path, info, upright)
    if image is None:
        reader.setScaledSize(scaled)
        image = reader.read()
        if image.isNull():
            return image
        copies.keep(path, info, image)
    clip = fill_clip(image.size(), box) if mode == "fill" else None
    return image.copy(clip) if clip is not None else image


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
        self.copies: ScaledCopies | None = None  # camera photos' display-size copies on disk
        use_mmap_for_large_blocks()
        _LIVING.add(self)

    # ---- public -------------------------------------------------------------------------

    def request(
        self,
        path: Path | None,
        size: QSize,
        callback: Callback,
        mode: str = "cover",
        owner: QObject | None = None,
    ) -> None:
        """Call `callback` with the image scaled to cover (`mode="cover"`), fit in
        (`"contain"`) or fill exactly (`"fill"`, its middle) `size`, or with None if it cannot
        be read. Cached results and missing
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
        self._pool.start(
            _Decode(key, Path(path), QSize(size), mode, self._relay, self._pending, self.copies)
        )

    def release(
        self, path: Path | None, size: QSize, mode: str = "cover", owner: QObject | None = None
    ) -> None:
        """The image of `path` at `size` and `mode` is no longer shown by `owner`: the cache
        lets go of it (its memory is freed once no widget holds it either), and a decode
        still waiting for `owner` alone is not made, or its result not kept."""
        key = self._key(path, size, mode)
        if key is None:
            return
        waiting = self._pending.get(key)
        if waiting is not None:
            waiting[:] = [w for w in waiting if owner is not None and w[1] is not owner]
            if not waiting:
                del self._pending[key]
                if not self._pending:
                    self.idle.emit()
        image = self._cache.get(key, _CANCELLED)
        if isinstance(image, QImage):  # (a failure stays remembered)
            del self._cache[key]
            self._bytes -= image.sizeInBytes()

    def keep_copies_in(self, folder: Path) -> None:
        """Decode camera photos through display-size copies kept in `folder`
        (kiosk/services/image_copies.py); without it every decode reads the photo itself."""
        self.copies = ScaledCopies(folder)

    def decoded_paths(self) -> set[str]:
        """Paths of the decoded images the cache holds (failures not counted)."""
        return {key[0] for key, image in self._cache.items() if image is not None}

    def decoded_boxes(self, path: Path | str) -> set[tuple[int, int]]:
        """The boxes (width, height) asked for, for which the cache holds `path` decoded."""
        return {
            (key[2], key[3])
            for key, image in self._cache.items()
            if image is not None and key[0] == str(path)
        }

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
        kind = image_kind(bytes(file.peek(16).data()))
        if kind is None:
            file.close()
            return QSize()
        # (named, as in _decode: guessing would also load every image plugin Qt has, with
        # the PDF, SVG and network libraries they bring, 2 MiB for the life of the kiosk)
        reader = QImageReader(file, kind.lower().encode("ascii"))
        reader.setAutoDetectImageFormat(False)
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

    def _shutdown_at_exit(self) -> None:
        if shiboken6.isValid(self._pool):
            self.shutdown()

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

    def _delivered(self, key: tuple, image: QImage | str | None) -> None:
        if isinstance(image, str):  # (_CANCELLED) a new request, if any, has its own decode
            if not self._pending:
                self.idle.emit()
            return
        waiting = self._pending.pop(key, None)
        if image is None or waiting is not None:  # else released meanwhile: not kept either
            self._store(key, image)
        for callback, owner in waiting or []:
            if owner is not None and not shiboken6.isValid(owner):
                continue  # its widget was deleted while the image was decoding
            callback(image)
        if not self._pending:
            self.idle.emit()

    def _store(self, key: tuple, image: QImage | None) -> None:
        cost = image.sizeInBytes() if image is not None else _FAILED_COST
        if cost > self.budget_bytes:
            return
        if key in self._cache:  # (decoded twice: a release and a new request overlapped)
            old = self._cache.pop(key)
            self._bytes -= old.sizeInBytes() if old is not None else _FAILED_COST
        self._cache[key] = image
        self._bytes += cost
        while self._bytes > self.budget_bytes:
            _old, dropped = self._cache.popitem(last=False)
            self._bytes -= dropped.sizeInBytes() if dropped is not None else _FAILED_COST


@atexit.register
def _shutdown_all() -> None:
    """Any exit that skipped `shutdown()` (a script, a command that returns without closing
    its window) still waits for the running decodes: a worker decoding while the interpreter
    and Qt tear down crashed the process (SIGSEGV/SIGBUS, 9 exits in 20 with decodes pending)."""
    for cache in list(_LIVING):
        cache._shutdown_at_exit()
