"""Live content reload: watch the content folder, reload when saves settle, keep a last-good copy.

Change detection uses QFileSystemWatcher (fast, but loses files replaced by an atomic rename,
so every path is re-added after each change) plus a slow poll of sizes and mtimes as the
fallback (network shares, sync tools). A change is loaded only once the folder has stopped
changing for `debounce_ms`, so a file written in pieces is read once, whole.

A valid load emits `content_loaded(Content)` and is copied to `<data>/last-good` (copy to a
temporary folder, then rename). An invalid load keeps the current content and emits
`content_invalid(problems)`; nothing a file can contain raises out of here.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.content.loader import LoadResult, load_content
from kiosk.content.problems import Problem

log = logging.getLogger(__name__)

LAST_GOOD = "last-good"
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
        return load_content(root, today)
    except Exception as exc:  # a half-written file can break any parser
        log.warning("loading %s failed: %s", root, exc, exc_info=True)
        problem = Problem("error", "", None, None, "", f"{type(exc).__name__}: {exc}")
        return LoadResult(content=None, problems=[problem])


class ContentWatcher(QObject):
    content_loaded = Signal(object)  # Content
    content_invalid = Signal(list)  # list[Problem]

    def __init__(
        self,
        content_dir: Path,
        data_dir: Path,
        today: Callable[[], date] = date.today,
        debounce_ms: int = 250,
        poll_ms: int = 2000,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.content_dir = Path(content_dir)
        self.last_good_dir = Path(data_dir) / LAST_GOOD
        self._today = today
        self.result: LoadResult | None = None  # the latest load, valid or not
        self.from_last_good = False
        self._loaded: Snapshot | None = None  # what the current content was read from
        self._pending: Snapshot | None = None
        self._fs = QFileSystemWatcher(self)
        self._fs.directoryChanged.connect(self._changed)
        self._fs.fileChanged.connect(self._changed)
        self._settle = QTimer(self, singleShot=True, interval=debounce_ms)
        self._settle.timeout.connect(self._settled)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self._changed)

    # ---- start ----------------------------------------------------------------------------

    def load_initial(self, preloaded: LoadResult | None = None) -> LoadResult:
        """Load the content folder; if it is invalid, fall back to the last good copy.

        Returns the result for the content folder itself (its problems are what the admin
        needs to see); `self.result.content` is what to show, None if nothing is usable.
        `preloaded` is a result the caller already has for the folder (read before Qt started).
        """
        self._loaded = snapshot(self.content_dir)
        result = preloaded or safe_load(self.content_dir, self._today())
        if result.ok:
            self.result = result
            self._save_last_good()
            return result
        log.error("content in %s is not valid:\n%s", self.content_dir, _report(result.errors))
        self.result = result
        if (self.last_good_dir / "site.yaml").exists():
            fallback = safe_load(self.last_good_dir, self._today())
            if fallback.ok:
                log.warning("showing the last good copy from %s", self.last_good_dir)
                self.from_last_good = True
                self.result = LoadResult(fallback.content, result.problems)
        return result

    def start(self) -> None:
        self._rewatch()
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()

    @property
    def content(self):
        return self.result.content if self.result else None

    def reload_now(self) -> None:
        """Load at once (the admin's Reload button), even if nothing seems changed."""
        self._pending = snapshot(self.content_dir)
        self._settled(force=True)

    # ---- change detection -----------------------------------------------------------------

    def _changed(self, _path: str = "") -> None:
        self._rewatch()
        current = snapshot(self.content_dir)
        if current == self._loaded and self._pending is None:
            return
        self._pending = current
        self._settle.start()  # restart: wait until writes stop

    def _settled(self, force: bool = False) -> None:
        current = snapshot(self.content_dir)
        if not force and current != self._pending:
            self._pending = current  # still being written
            self._settle.start()
            return
        self._pending = None
        if not force and current == self._loaded:
            return  # changed and changed back
        self._loaded = current
        self._rewatch(fresh=True)
        result = safe_load(self.content_dir, self._today())
        if result.ok:
            log.info("content reloaded, version %s", result.content.version)
            self.result = result
            self.from_last_good = False
            self.content_loaded.emit(result.content)
            self._save_last_good()
        else:
            log.error(
                "content change not applied, keeping the current content:\n%s",
                _report(result.errors),
            )
            keep = self.result.content if self.result else None
            self.result = LoadResult(keep, result.problems)
            self.content_invalid.emit(result.problems)

    def _rewatch(self, fresh: bool = False) -> None:
        """(Re-)add the folder, its subfolders and files: atomic renames drop watched paths.

        `fresh` drops every watch first. When the whole folder is swapped for a new one
        (`mv content content.old; mv content.new content`), the watches follow the old folder
        while Qt still lists their paths as watched: only the poll would see later edits.
        """
        if fresh:
            stale = self._fs.files() + self._fs.directories()
            if stale:
                self._fs.removePaths(stale)
        paths = [str(self.content_dir)]
        for sub in ("panels", "images"):
            if (self.content_dir / sub).is_dir():
                paths.append(str(self.content_dir / sub))
        for pattern in ("*.yaml", "*.yml", "panels/*.yaml", "panels/*.yml"):
            paths += [str(p) for p in self.content_dir.glob(pattern)]
        watched = set(self._fs.files()) | set(self._fs.directories())
        missing = [p for p in paths if p not in watched]
        if missing:
            self._fs.addPaths(missing)

    # ---- last good copy -------------------------------------------------------------------

    def _save_last_good(self) -> None:
        """Copy the content folder beside the old copy, then swap: never half a copy."""
        target = self.last_good_dir
        temp = target.with_name(LAST_GOOD + ".tmp")
        old = target.with_name(LAST_GOOD + ".old")
        if self._loaded is not None and snapshot(target) == self._loaded:
            return  # already saved (copy2 keeps mtimes)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(temp, ignore_errors=True)
            shutil.copytree(self.content_dir, temp, ignore=shutil.ignore_patterns(".*"))
            shutil.rmtree(old, ignore_errors=True)
            if target.exists():
                target.rename(old)
            temp.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            log.warning("could not save the last good copy in %s: %s", target, exc)


def _report(problems: list[Problem]) -> str:
    return "\n".join("  " + p.format() for p in problems)
