"""The last validated snapshot kept on disk, so that a start with unchanged content reads
neither YAML nor validates anything. Qt-free.

The cache is checked, never trusted: it is used only when its key matches the folder as it is
now (every entry's kind, inode, size and mtime, taken without following a link, plus the bytes
of every YAML file), the same day (stale-figure warnings depend on it) and the same build of
the kiosk; its payload must match the digest written beside it. Anything else (a stale, torn,
foreign or unreadable cache) is ignored, and the folder is loaded and validated as usual.

The payload is the load's result with its content as the plain records of
kiosk/content/views.py, so reading it imports neither pydantic nor the validating models, and
the number styles of the content's languages (kiosk/content/numbers.py) and the QR symbols of
its links (kiosk/content/qr.py), so neither formatting a figure nor showing a QR code loads
Babel or segno (about 10 MiB resident each).

Only a load without errors is cached. The file lives in the kiosk's own data folder, never in
the content folder, and is written whole (a temporary file, then a rename).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import stat
import sys
from datetime import date
from pathlib import Path

from kiosk import __version__
from kiosk.content import numbers, qr
from kiosk.content.digest import new_hash
from kiosk.content.files import read_regular
from kiosk.content.problems import LoadResult

log = logging.getLogger(__name__)

CACHE_FILE = "content-snapshot.pickle"
MAGIC = b"etown-kiosk snapshot 1\n"
MAX_YAML_BYTES = 1024 * 1024  # (the loader refuses larger files; they are hashed by size)
MAX_CACHE_BYTES = 64 * 1024 * 1024
YAML = (".yaml", ".yml")


def folder_key(content_dir: Path, today: date) -> str | None:
    """The key of the folder as it is now; None if it cannot be read (then nothing is cached)."""
    root = Path(content_dir)
    digest = new_hash()
    digest.update(f"{__version__}\0{_build_stamp()}\0{today.isoformat()}\0".encode())
    try:
        digest.update(str(root.resolve()).encode() + b"\0")
        for relative, info in _entries(root):
            digest.update(
                f"{relative}\0{info.st_mode}\0{info.st_ino}\0{info.st_size}\0"
                f"{info.st_mtime_ns}\0".encode()
            )
            small = stat.S_ISREG(info.st_mode) and info.st_size <= MAX_YAML_BYTES
            if small and relative.endswith(YAML):
                data = read_regular(root / relative, info.st_size)
                digest.update(new_hash(data).digest())
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def load(data_dir: Path, key: str | None) -> LoadResult | None:
    """The cached result for `key`, or None (no cache, another key, or a damaged file)."""
    if key is None:
        return None
    path = Path(data_dir) / CACHE_FILE
    try:
        data = read_regular(path, MAX_CACHE_BYTES)
    except (OSError, ValueError):
        return None
    header = MAGIC + key.encode() + b"\n"
    if not data.startswith(header) or len(data) > MAX_CACHE_BYTES:
        return None
    check, _, payload = data[len(header) :].partition(b"\n")
    if new_hash(payload).hexdigest().encode() != check:
        log.warning("the content snapshot cache %s is damaged; loading the folder", path)
        return None
    try:
        result, styles, codes = pickle.loads(payload)  # noqa: S301 - ours, checked by its digest
    except Exception:  # noqa: BLE001 - e.g. a model renamed since it was written
        log.warning("the content snapshot cache %s cannot be read; loading the folder", path)
        return None
    if not isinstance(result, LoadResult) or not result.ok:
        return None
    if not isinstance(styles, dict) or not isinstance(codes, dict):
        return None
    numbers.remember(styles)
    qr.remember(codes)
    return result


def store(
    data_dir: Path, key: str | None, result: LoadResult, content_dir: Path, today: date
) -> bool:
    """Write `result` as the cache for `key` if the folder still has that key (it was not
    changed while it was loaded) and the load had no errors. False if nothing was written."""
    content = result.valid_content
    if key is None or content is None or folder_key(content_dir, today) != key:
        return False
    styles = numbers.styles_for(content.site.languages)
    codes = qr.matrices_for(content)
    payload = pickle.dumps((result, styles, codes), protocol=pickle.HIGHEST_PROTOCOL)
    digest = new_hash(payload).hexdigest().encode()
    target = Path(data_dir) / CACHE_FILE
    temp = target.with_name(f".{CACHE_FILE}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "wb") as writer:
            writer.write(MAGIC + key.encode() + b"\n" + digest + b"\n" + payload)
        os.replace(temp, target)
    except OSError as exc:  # a full disk: the next start loads the folder, as it always could
        log.warning("could not write the content snapshot cache %s: %s", target, exc)
        with contextlib.suppress(OSError):
            temp.unlink()
        return False
    return True


def _entries(root: Path):
    """(relative path, lstat) of every entry the loader could read: hidden ones left out."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted([*dirs, *files]):
            if name.startswith(".") or name.endswith("~"):
                continue
            path = os.path.join(folder, name)
            yield os.path.relpath(path, root), os.lstat(path)


def _build_stamp() -> str:
    """What changes when the kiosk is upgraded: the frozen executable, or the content code."""
    if getattr(sys, "frozen", False):
        files = [Path(sys.executable)]
    else:
        files = sorted(Path(__file__).parent.glob("*.py"))
    parts = []
    for file in files:
        try:
            info = file.stat()
        except OSError:
            continue
        parts.append(f"{file.name}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(parts)
