"""Crash safety: an exception in any slot or timer is logged, remembered, and the kiosk goes home.

PySide6 hands exceptions raised in slots to `sys.excepthook` and carries on; `CrashGuard`
installs a hook that logs the traceback, writes a one-line reason for the admin screen, and
calls `go_home`. A visitor never sees a traceback. A hard crash (segfault) is the service
manager's job: systemd `Restart=on-failure` restarts the process.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

log = logging.getLogger("kiosk.crash")

LAST_CRASH_FILE = "last-crash.txt"


class CrashGuard:
    def __init__(self, go_home: Callable[[], None], data_dir: Path):
        self.go_home = go_home
        self.file = Path(data_dir) / LAST_CRASH_FILE
        self.count = 0
        self._previous: Callable[..., object] | None = None
        self._handling = False

    def install(self) -> None:
        if self._previous is None:
            self._previous = sys.excepthook
            sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        self._previous = None

    def last_crash(self) -> str | None:
        try:
            return self.file.read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt) and self._previous is not None:
            self._previous(exc_type, exc, tb)
            return
        self.count += 1
        log.error("uncaught exception in the event loop", exc_info=(exc_type, exc, tb))
        frame = traceback.extract_tb(tb)[-1] if tb else None
        where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
        reason = f"{datetime.now():%Y-%m-%d %H:%M:%S} {exc_type.__name__}: {exc}{where}"
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            self.file.write_text(reason + "\n", encoding="utf-8")
        except OSError as err:
            log.warning("cannot record the crash reason in %s: %s", self.file, err)
        if self._handling:  # going home itself failed: do not loop
            return
        self._handling = True
        try:
            self.go_home()
        except Exception:
            log.exception("going home after a crash failed too")
        finally:
            self._handling = False
