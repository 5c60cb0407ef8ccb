"""Live content reload: watch the content folder, reload when saves settle, keep a last-good copy.

Change detection uses QFileSystemWatcher (fast, but loses files replaced by an atomic rename,
so every path is re-added after each change) plus a slow poll of sizes and mtimes as the
fallback (network shares, sync tools). A change is loaded only once the folder has stopped
changing for `debounce_ms`, so a file written in pieces is read once, whole.

A valid load emits `content_loaded(Content)` and is copied to `<data>/last-good`
(kiosk/content/last_good.py). An invalid load keeps the current content and emits
`content_invalid(problems)`; nothing a file can contain raises out of here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import date
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.content import last_good, snapshot_cache
from kiosk.content.last_good import Initial, Snapshot, report, safe_load, snapshot
from kiosk.content.problems import LoadResult

log = logging.getLogger(__name__)


class ContentWatcher(QObject):
    content_loaded = Signal(object)  # Content
    content_invalid = Signal(list)  # list[Problem]

    def __init__(
        self,
        content_dir: Path,
        data_dir: Path,
        *,
        debounce_ms: int,  # (kiosk/operation.py KioskConfig has the defaults)
        poll_ms: int,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
        keep_copies: bool = True,
    ):
        super().__init__(parent)
        self.content_dir = Path(content_dir)
        self.data_dir = Path(data_dir)
        self.keep_copies = keep_copies  # the last good copy and the snapshot cache
        self._today = today
        self.result: LoadResult | None = None  # the latest load, valid or not
        self.from_last_good = False
        self._loaded: Snapshot | None = None  # what the current content was read from
        self._pending: Snapshot | None = None
        self._saver: ThreadPoolExecutor | None = None  # the last good copy, off the UI thread
        self._pending_save: Future | None = None
        self._fs = QFileSystemWatcher(self)
        self._fs.directoryChanged.connect(self._changed)
        self._fs.fileChanged.connect(self._changed)
        self._settle = QTimer(self, singleShot=True, interval=debounce_ms)
        self._settle.timeout.connect(self._settled)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self._changed)

    # ---- start ----------------------------------------------------------------------------

    def adopt(self, initial: Initial) -> None:
        """Take over from the start-up load (kiosk/content/last_good.py `initial_load`)."""
        self._loaded = initial.loaded
        self.from_last_good = initial.from_last_good
        self.result = LoadResult(initial.shown, initial.folder.problems)
        if initial.folder.valid_content is not None:
            cache = None if initial.from_cache else initial.cache_key
            self._save_later(initial.folder, cache)

    def start(self) -> None:
        self._rewatch()
        self._poll.start()

    def stop(self) -> None:
        """No reload after this: the file watches go too (they would start the settle timer)."""
        self._poll.stop()
        self._settle.stop()
        watched = self._fs.files() + self._fs.directories()
        if watched:
            self._fs.removePaths(watched)
        if self._saver is not None:
            self._saver.shutdown(wait=True, cancel_futures=True)  # a copy is never cut off
            self._saver = None

    def wait_saved(self, timeout: float | None = None) -> None:
        """Until the last good copy asked for so far is written (tests, benchmarks)."""
        if self._pending_save is not None:
            try:
                self._pending_save.result(timeout)
            except FutureTimeout as exc:  # (not the builtin TimeoutError before Python 3.11)
                raise TimeoutError(f"the last good copy is not written after {timeout} s") from exc

    @property
    def content(self):
        return self.result.content if self.result else None

    def reload_now(self) -> None:
        """Load at once (the admin's Reload button), even if nothing seems changed."""
        self._settled(force=True)

    # ---- change detection -----------------------------------------------------------------

    def _changed(self, _path: str = "") -> None:
        self._rewatch()
        current = snapshot(self.content_dir)
        if current == self._pending:
            return  # no new change: the settle time keeps running (a fast poll never restarts it)
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
        today = self._today()
        key = snapshot_cache.folder_key(self.content_dir, today)  # (before the files are read)
        result = safe_load(self.content_dir, today)
        content = result.valid_content
        if content is not None:
            log.info("content reloaded, version %s", content.version)
            self.result = result
            self.from_last_good = False
            self.content_loaded.emit(content)
            self._save_later(result, key)
        else:
            log.error(
                "content change not applied, keeping the current content:\n%s",
                report(result.errors),
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

    def _save_later(self, result: LoadResult, cache_key: str | None) -> None:
        """The last good copy of a valid load, and its snapshot cache under `cache_key` (the
        folder's key before it was read; None: not cached), written off the UI thread."""
        if not self.keep_copies:
            return
        if self._saver is None:
            self._saver = ThreadPoolExecutor(max_workers=1)
        self._pending_save = self._saver.submit(self._save, result, cache_key, self._today())

    def _save(self, result: LoadResult, cache_key: str | None, today: date) -> None:
        if result.content is None:
            return
        if cache_key is not None:  # first: small, where the copy of camera photos takes long
            snapshot_cache.store(self.data_dir, cache_key, result, self.content_dir, today)
        last_good.save(result.content, self.data_dir)
