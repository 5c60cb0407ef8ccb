"""Display-size copies of camera photographs, kept on disk in the kiosk's data folder.

A 6000 x 4000 JPEG costs 100-150 ms of a core to decode at any size it is shown at (libjpeg
reads the whole 10 MB), so a panel of twenty of them cost seconds every time it came back into
view, and `kiosk check` decoded each one in every look. The first decode of such a photo keeps
what it decoded here, as a JPEG of the size shown; a later request no larger is decoded from
that copy (a few milliseconds), and a larger one from the photo again, whose copy then
replaces the smaller one.

A copy is named by the photo's identity (path, device, inode, size and modification time), so
an edited or replaced photo never meets an old copy. It is used only when it is a regular file
(no link is followed) holding a whole JPEG (it starts and ends with JPEG's markers) at least as
large as asked that decodes; else the photo is decoded and its copy written anew. A copy is
written whole (a temporary file, then a rename; one left by a power cut is deleted), and a
full disk or a folder that cannot be written costs only the copy, and none is written while
the disk has less than 1 GiB free. The folder is kept under a
byte budget, the copies used longest ago deleted first.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QFile, QFileDevice, QIODevice, QSize
from PySide6.QtGui import QImage, QImageReader

from kiosk.content.digest import new_hash
from kiosk.content.files import UnsafeFile, open_regular

log = logging.getLogger(__name__)

FOLDER = "image-copies"  # in the kiosk's data folder
DEFAULT_BUDGET = 512 * 1024 * 1024
MIN_SOURCE_PIXELS = 4_000_000  # smaller photos decode fast enough from themselves
MIN_SHRINK = 4  # a copy pays when it has at most a quarter of the photo's pixels
MIN_FREE_BYTES = 1024**3  # copies are a convenience: never what fills a small disk (the fleet's
# alert fires under 1 GiB free, and the last good copy and the analytics need the room)
QUALITY = 90  # JPEG quality of a copy: no visible loss at the size it is shown
SUFFIX = ".jpg"
_START_OF_IMAGE, _END_OF_IMAGE = b"\xff\xd8", b"\xff\xd9"


class ScaledCopies:
    """The copies folder. Safe to use from several decoding threads at once."""

    def __init__(self, folder: Path, budget_bytes: int = DEFAULT_BUDGET):
        self.folder = Path(folder)
        self.budget_bytes = budget_bytes
        self._lock = threading.Lock()
        self._bytes: int | None = None  # what the folder holds, counted at the first write

    @staticmethod
    def worth_copying(kind: str, original: QSize, shown: QSize) -> bool:
        """Whether a photo of `original` pixels shown at `shown` is decoded through a copy."""
        pixels = original.width() * original.height()
        return (
            kind == "JPEG"
            and pixels >= MIN_SOURCE_PIXELS
            and shown.width() * shown.height() * MIN_SHRINK <= pixels
        )

    def name(self, path: Path, info: os.stat_result) -> str:
        identity = f"{Path(path).absolute()}\0{info.st_dev}\0{info.st_ino}\0{info.st_size}\0"
        identity += f"{info.st_mtime_ns}"
        return new_hash(identity.encode("utf-8", "surrogateescape")).hexdigest() + SUFFIX

    def read(self, path: Path, info: os.stat_result, size: QSize) -> QImage | None:
        """The photo at `path` (as `info` describes it now), upright, at exactly `size`, from
        its copy; None when there is no usable copy that large."""
        copy = self.folder / self.name(path, info)
        with _opened(copy) as reader:
            if reader is None:
                return None
            stored = reader.size()
            if not stored.isValid():
                image = QImage()
            elif stored.width() < size.width() or stored.height() < size.height():
                return None  # smaller than asked: the photo is decoded, and copied larger
            else:
                if stored != size:
                    reader.setScaledSize(size)
                image = reader.read()
        if image.isNull() or image.size() != size:
            log.warning("the image copy %s cannot be read: deleted, the photo is decoded", copy)
            with contextlib.suppress(OSError):
                copy.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(copy)  # used now: the last to go when the folder is over its budget
        return image

    def keep(self, path: Path, info: os.stat_result, image: QImage) -> None:
        """Keep `image` (the photo decoded, upright) as its copy, unless a copy at least as
        large is there already. Never raises: the worst a failure costs is the copy."""
        copy = self.folder / self.name(path, info)
        with _opened(copy) as reader:
            existing = reader.size() if reader is not None else QSize()
        if existing.width() >= image.width() and existing.height() >= image.height():
            return
        temporary = copy.with_name(f".{copy.name}.{threading.get_native_id()}.tmp")
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if shutil.disk_usage(self.folder).free < MIN_FREE_BYTES + image.sizeInBytes():
                raise OSError("the disk is nearly full: no copy is written")
            if not image.save(str(temporary), "JPEG", QUALITY):  # type: ignore[call-overload]
                raise OSError("the JPEG could not be written (is the disk full?)")
            written = temporary.stat().st_size
            os.replace(temporary, copy)  # (a link in its place is replaced, never followed)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temporary.unlink()
            log.debug("no copy of %s kept: %s", path, exc)
            return
        self._added(written)

    # ---- the budget -----------------------------------------------------------------------

    def _added(self, written: int) -> None:
        with self._lock:
            if self._bytes is None:
                self._bytes = sum(size for _path, _used, size in self._copies())
            else:
                self._bytes += written
            if self._bytes > self.budget_bytes:
                self._bytes = self._shrink(self.budget_bytes * 9 // 10)

    def _copies(self) -> list[tuple[Path, float, int]]:
        found = []
        with contextlib.suppress(OSError), os.scandir(self.folder) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    if entry.name.endswith(".tmp") and self._bytes is None:
                        os.unlink(entry.path)  # left by a kiosk stopped while it wrote a copy
                    elif entry.name.endswith(SUFFIX) and entry.is_file(follow_symlinks=False):
                        info = entry.stat(follow_symlinks=False)
                        found.append((Path(entry.path), info.st_mtime, info.st_size))
        return found

    def _shrink(self, goal: int) -> int:
        """Delete the copies used longest ago until the folder holds at most `goal` bytes."""
        copies = sorted(self._copies(), key=lambda copy: copy[1])
        total = sum(size for _path, _used, size in copies)
        for path, _used, size in copies:
            if total <= goal:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
        return total


@contextlib.contextmanager
def _opened(copy: Path) -> Iterator[QImageReader | None]:
    """A JPEG reader on `copy` when it is a regular file (no link) that starts and ends with
    JPEG's markers (a whole file, not one cut short); None otherwise."""
    try:
        fd = open_regular(copy, follow_links=False)
    except (OSError, UnsafeFile):
        yield None
        return
    file = QFile()
    try:
        try:
            length = os.fstat(fd).st_size
            whole = (
                length > 4
                and os.pread(fd, 2, 0) == _START_OF_IMAGE
                and os.pread(fd, 2, length - 2) == _END_OF_IMAGE
            )
        except OSError:  # (a disk error: as if there were no copy)
            whole = False
        if not whole or not file.open(
            fd, QIODevice.OpenModeFlag.ReadOnly, QFileDevice.FileHandleFlag.AutoCloseHandle
        ):
            os.close(fd)
            yield None
            return
        reader = QImageReader(file, b"jpeg")
        reader.setAutoDetectImageFormat(False)
        yield reader
    finally:
        file.close()
