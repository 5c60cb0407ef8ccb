"""Opening the operator's files so that nothing can hang and nothing outside is read. Qt-free.

Every file of the content (YAML and images alike) is found inside the content folder after
every link is resolved, and opened without blocking; whether it is a regular file is asked of
the opened descriptor, not of the name, so a file swapped for a named pipe between a check and
the read cannot make the kiosk wait. The messages name the file as the operator wrote it and
never what a link points to.
"""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path, PurePosixPath

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a named pipe opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


class UnsafeFile(ValueError):
    """A file the kiosk will not read; the message says why, in the operator's terms."""


def inside(root: Path, relative: str) -> Path:
    """`root/relative` with every link resolved, if that is still inside `root`."""
    resolved = (Path(root) / relative).resolve()
    if not resolved.is_relative_to(Path(root).resolve()):
        raise UnsafeFile(
            "is a link that leads outside the content folder; copy the file into the folder "
            "instead of linking to it"
        )
    return resolved


def read_inside(root: Path, relative: str, limit: int) -> bytes:
    """Up to `limit` + 1 bytes of a regular file inside `root` (callers check the size)."""
    return read_regular(inside(root, relative), limit)


def open_regular(path: Path, follow_links: bool = True) -> int:
    """A descriptor open for reading on `path` if it is a regular file, without ever waiting;
    with `follow_links` False a link there is refused too (OSError).

    The caller owns (and closes) it."""
    fd = os.open(path, _OPEN_FLAGS | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0)))
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        if kind == "a folder":
            raise UnsafeFile("is a folder, not a file")
        raise UnsafeFile(f"is {kind}, not a file; put a real file here")
    return fd


def read_regular(path: Path, limit: int) -> bytes:
    """Up to `limit` + 1 bytes of `path` if it is a regular file, without ever waiting."""
    with os.fdopen(open_regular(path), "rb", buffering=0) as handle:
        chunks, size = [], 0
        while size <= limit:
            chunk = handle.read(min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)


def closest_file(root: Path, relative: str) -> str | None:
    """The existing file whose path is closest to `relative`, folder by folder, or None.

    A misspelled folder (`image/hero.jpg`) is matched as well as a misspelled file name.
    """
    found: list[str] = []
    folder = root
    for part in PurePosixPath(relative).parts:
        if not (folder / part).exists():
            names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
            close = difflib.get_close_matches(part, names, n=1, cutoff=0.6)
            if not close:
                return None
            part = close[0]
        found.append(part)
        folder = folder / part
    return "/".join(found) if folder.is_file() else None


def fingerprint(root: Path, relative: str) -> str:
    """Changes when the file does (size, time written), so a check can be kept until then."""
    info = os.stat(root / relative)
    return f"{relative}:{info.st_size}:{info.st_mtime_ns}"
