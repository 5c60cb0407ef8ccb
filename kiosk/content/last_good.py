"""The last good copy of the content, and the one decision of what to show at start. Qt-free.

Every valid load is copied to `<data>/last-good`; when the content folder is broken at start
the kiosk shows that copy instead, so a mistake never reaches the lobby.

The copy holds only what the content uses (site.yaml, the panel files, the images they name),
read as regular files from inside the content folder (no link is followed out of it, no pipe
is waited on). It is built in `last-good.tmp`, every file synced, then swapped in by renames;
a crash at any point leaves `last-good` or, between the two renames, `last-good.old` whole,
and `usable_copy()` takes whichever is there.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.content import snapshot_cache
from kiosk.content.problems import LoadResult, Problem
from kiosk.content.views import Content

log = logging.getLogger(__name__)

LAST_GOOD = "last-good"
STAMP = ".version"  # inside a copy: the content version it holds, written last
CHUNK = 1 << 20
Snapshot = dict[str, tuple[int, int]]  # relative path -> (mtime_ns, size)


def snapshot(root: Path) -> Snapshot:
    """Sizes and mtimes of every file under `root` (hidden files and folders left out)."""
    found: Snapshot = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or name.endswith("~"):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue  # vanished between listing and stat
            found[os.path.relpath(path, root)] = (stat.st_mtime_ns, stat.st_size)
    return found


def safe_load(root: Path, today: date) -> LoadResult:
    """`load_content` that turns any exception into an error Problem."""
    try:
        from kiosk.content.loader import load_content  # (not on a start from the cache)

        return load_content(root, today)
    except Exception as exc:  # a half-written file can break any parser
        log.warning("loading %s failed: %s", root, exc, exc_info=True)
        problem = Problem("error", "", None, None, "", f"{type(exc).__name__}: {exc}")
        return LoadResult(content=None, problems=[problem])


@dataclass(frozen=True)
class Initial:
    """What the kiosk starts with: the folder's own result and what to show."""

    folder: LoadResult  # the content folder's load: its problems are what the admin sees
    shown: Content | None  # the folder's content, else the last good copy, else None
    from_last_good: bool
    loaded: Snapshot  # the folder as it was read
    cache_key: str | None = None  # the folder's key in kiosk/content/snapshot_cache.py
    from_cache: bool = False  # the folder was unchanged: its validated snapshot was reused


def initial_load(content_dir: Path, data_dir: Path, today: date) -> Initial:
    """Load the content folder; if it is invalid, fall back to the last good copy.

    An unchanged folder is taken from the snapshot cache instead of being read again. Nothing
    is written here (the watcher saves the copy and the cache off the UI thread, after start).
    """
    content_dir = Path(content_dir)
    loaded = snapshot(content_dir)
    key = snapshot_cache.folder_key(content_dir, today)
    cached = snapshot_cache.load(Path(data_dir), key)
    if cached is not None:
        return Initial(cached, cached.content, False, loaded, key, from_cache=True)
    result = safe_load(content_dir, today)
    if result.ok:
        return Initial(result, result.content, False, loaded, key)
    log.error("content in %s is not valid:\n%s", content_dir, report(result.errors))
    copy = usable_copy(Path(data_dir))
    if copy is not None:
        fallback = safe_load(copy, today)
        if fallback.ok:
            log.warning("showing the last good copy from %s", copy)
            return Initial(result, fallback.content, True, loaded)
    return Initial(result, None, False, loaded)


def usable_copy(data_dir: Path) -> Path | None:
    """The last good copy, or the previous one if a crash came between the two renames."""
    for name in (LAST_GOOD, LAST_GOOD + ".old"):
        folder = Path(data_dir) / name
        if (folder / "site.yaml").is_file():
            return folder
    return None


def referenced_files(content: Content) -> list[str]:
    """What the copy needs, relative to the content folder."""
    files = {file for file, _ in content.documents()}
    media = {*content.image_files(), *content.video_files(), *content.caption_files()}
    return sorted(files | media)


def save(content: Content, data_dir: Path) -> bool:
    """Make `<data_dir>/last-good` a copy of `content`'s files; False (logged) if it failed."""
    target = Path(data_dir) / LAST_GOOD
    temp = target.with_name(LAST_GOOD + ".tmp")
    old = target.with_name(LAST_GOOD + ".old")
    if _stamp(target) == content.version:
        return True  # already saved
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove(temp)
        temp.mkdir()
        for relative in referenced_files(content):
            _copy_regular_file(Path(content.root), relative, temp)
        copied = safe_load(temp, date.today())
        if not copied.ok:  # a file changed again while it was copied: keep the old copy
            raise ValueError(f"the copy does not validate ({report(copied.errors).strip()})")
        _write_synced(temp / STAMP, content.version.encode())
        _sync_dir(temp)
        if target.exists():
            _remove(old)
            target.rename(old)  # (a crash from here to the next rename leaves `old` whole)
        temp.rename(target)
        _sync_dir(target.parent)
        _remove(old)
        return True
    except (OSError, ValueError) as exc:
        log.warning("could not save the last good copy in %s: %s", target, exc)
        _remove(temp)
        return False


def _copy_regular_file(root: Path, relative: str, into: Path) -> None:
    """Copy root/relative into `into`, refusing links that leave `root` and non-regular files."""
    source = (root / relative).resolve()
    if not source.is_relative_to(root.resolve()):
        raise ValueError(f"{relative} leads outside the content folder")
    fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as reader:
        if not stat.S_ISREG(os.fstat(reader.fileno()).st_mode):
            raise ValueError(f"{relative} is not a regular file")
        destination = into / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        with open(destination, "wb") as writer:
            while chunk := reader.read(CHUNK):
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as writer:
        writer.write(data)
        writer.flush()
        os.fsync(writer.fileno())


def _sync_dir(folder: Path) -> None:
    """Make renames and new entries in `folder` durable (POSIX; a no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _stamp(folder: Path) -> str | None:
    try:
        return (folder / STAMP).read_text(encoding="ascii")
    except (OSError, ValueError):
        return None


def _remove(folder: Path) -> None:
    """Delete a folder this module made; links inside are removed, never followed."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)


def report(problems: list[Problem]) -> str:
    return "\n".join("  " + p.format() for p in problems)
