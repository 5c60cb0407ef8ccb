"""What a kiosk tells the office (issue 15): Prometheus metrics and the status folder.

`FleetReport` is given the metrics folder, the status folder or both (`kiosk run
--metrics-dir`, `--status-dir`, KIOSK_METRICS_DIR, KIOSK_STATUS_DIR); with neither it does
nothing. The controller (kiosk/operation.py) tells it what happens; on the GUI loop it stamps
a heartbeat every HEARTBEAT_MS (so a stuck loop shows as a stale heartbeat), notes each
painted frame, takes a picture of the screen every few minutes and on request, and rewrites
status.json when what it says changes (and every minute).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

from kiosk import __version__
from kiosk.services import status
from kiosk.services.first_frame import filter_native_window

if TYPE_CHECKING:  # prometheus_client is imported only by a kiosk that writes metrics
    from kiosk.services.metrics import KioskMetrics

log = logging.getLogger(__name__)

HEARTBEAT_MS = 5_000
REQUEST_POLL_MS = 1_000  # how soon a dropped `screenshot.request` is answered
STATUS_EVERY_S = 60.0  # status.json is rewritten at least this often, and on every change
PICTURE_PX = 960  # the longer side: a small picture is enough to see what a screen shows
JPEG_QUALITY = 80
_PAINTS = (QEvent.Type.UpdateRequest, QEvent.Type.Expose)


@dataclass(frozen=True)
class FleetOptions:
    metrics_dir: Path | None = None
    status_dir: Path | None = None
    picture_minutes: float = 10.0  # a picture of the screen this often (0: only on request)
    kiosk_id: str = ""

    @classmethod
    def from_environment(
        cls,
        metrics_dir: Path | None = None,
        status_dir: Path | None = None,
        kiosk_id: str | None = None,
    ) -> FleetOptions:
        """The options given, else KIOSK_METRICS_DIR, KIOSK_STATUS_DIR, KIOSK_ID and
        KIOSK_PICTURE_MINUTES; the kiosk id defaults to the host name."""
        env = os.environ
        metrics = metrics_dir or (
            Path(env["KIOSK_METRICS_DIR"]) if env.get("KIOSK_METRICS_DIR") else None
        )
        status_folder = status_dir or (
            Path(env["KIOSK_STATUS_DIR"]) if env.get("KIOSK_STATUS_DIR") else None
        )
        minutes = 10.0
        with contextlib.suppress(ValueError):
            minutes = max(0.0, float(env.get("KIOSK_PICTURE_MINUTES", "10")))
        return cls(
            metrics, status_folder, minutes, kiosk_id or env.get("KIOSK_ID") or socket.gethostname()
        )

    @property
    def enabled(self) -> bool:
        return self.metrics_dir is not None or self.status_dir is not None


class FleetReport(QObject):
    """`describe()` gives the controller's part of status.json; `shown()` the names of the
    layers on screen (of metrics.STATES)."""

    def __init__(
        self,
        window: QWidget,
        options: FleetOptions,
        data_dir: Path,
        describe: Callable[[], dict],
        shown: Callable[[], set[str]],
        now: Callable[[], datetime] = datetime.now,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.window = window
        self.options = options
        self.describe = describe
        self.shown = shown
        self.now = now
        self.started = time.time()
        self.started_at = now()
        self.metrics: KioskMetrics | None = None
        if options.metrics_dir is not None:
            from kiosk.services.metrics import KioskMetrics

            version = __version__
            self.metrics = KioskMetrics(options.metrics_dir, options.kiosk_id, version, data_dir)
        self.status_dir = options.status_dir
        self.latest_picture: str | None = None
        self.counts = {"touches": 0, "sessions": 0, "panel_views": 0, "crashes": 0}
        self._said: dict | None = None
        self._said_at = 0.0
        self._heartbeat = QTimer(self, interval=HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self.beat)
        self._pictures = QTimer(self, interval=max(1, int(options.picture_minutes * 60_000)))
        self._pictures.timeout.connect(self.take_picture)
        self._requests = QTimer(self, interval=REQUEST_POLL_MS)
        self._requests.timeout.connect(self._answer_request)
        self._handle: QWindow | None = None
        self._old_usr1: Callable | int | None = None

    # ---- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        if not self.options.enabled:
            return
        self.beat()
        self._heartbeat.start()
        if self.metrics is not None:
            self.metrics.start()
            self.window.installEventFilter(self)
            self._watch_paints()
        if self.status_dir is not None:
            self._requests.start()
            if self.options.picture_minutes > 0:
                self._pictures.start()
                QTimer.singleShot(2_000, self, self.take_picture)  # once the screen has settled
            self._catch_usr1()

    def stop(self) -> None:
        for timer in (self._heartbeat, self._pictures, self._requests):
            timer.stop()
        if self._old_usr1 is not None:
            signal.signal(signal.SIGUSR1, self._old_usr1)
            self._old_usr1 = None
        if self.metrics is not None:
            self.metrics.stop()

    # ---- what happens (the controller calls these) ----------------------------------------

    def touched(self) -> None:
        self._count("touches", self.metrics.touches if self.metrics else None)

    def session_started(self) -> None:
        self._count("sessions", self.metrics.sessions if self.metrics else None)

    def panel_viewed(self, panel: str) -> None:
        self._count("panel_views", self.metrics.panel_views.labels(panel) if self.metrics else None)

    def crashed(self) -> None:
        self._count("crashes", self.metrics.crashes if self.metrics else None)

    def content_loaded(
        self, ok: bool, version: str | None, content_time: Callable[[], float | None]
    ) -> None:
        """`content_time()` says how new the content is; asked only when metrics are written."""
        if self.metrics is not None:
            self.metrics.loaded(ok, version, content_time())
        self.state_changed()

    def notice_shown(self, level: str) -> None:
        log.warning("emergency notice on screen (%s)", level)
        if self.metrics is not None:
            self.metrics.notices.inc()
        self.state_changed()

    def state_changed(self) -> None:
        """A layer opened or closed, content came: say so now, not at the next heartbeat."""
        if self.metrics is not None:
            self.metrics.set_state(self.shown())
            self.metrics.changed()
        self._write_status()

    def _count(self, name: str, counter) -> None:
        self.counts[name] += 1
        if counter is not None:
            counter.inc()
            self.metrics.changed()  # type: ignore[union-attr]

    # ---- on the GUI loop ------------------------------------------------------------------

    def beat(self) -> None:
        """The GUI loop is alive (a timer on it fired): stamp it."""
        if self.metrics is not None:
            self.metrics.beat()
            self.metrics.set_state(self.shown())
            self.metrics.changed()  # (one small file every HEARTBEAT_MS)
        self._write_status()

    def _watch_paints(self) -> None:
        self._handle = filter_native_window(self, self.window, self._handle)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in _PAINTS and self.metrics is not None:
            self.metrics.painted()
        elif watched is self.window and kind in (QEvent.Type.Show, QEvent.Type.WinIdChange):
            self._watch_paints()
        return False

    # ---- the status folder ----------------------------------------------------------------

    def take_picture(self) -> Path | None:
        """A small JPEG of the screen as it is now, into the status folder."""
        if self.status_dir is None:
            return None
        image = self.window.grab().toImage()
        if max(image.width(), image.height()) > PICTURE_PX:
            image = image.scaled(
                PICTURE_PX,
                PICTURE_PX,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        version = str(self.describe().get("content_version") or "")
        path = self.status_dir / status.picture_name(self.now(), version)
        temporary = status.temporary_path(path)
        try:
            self.status_dir.mkdir(parents=True, exist_ok=True)
            saved = image.save(str(temporary), "JPEG", JPEG_QUALITY)  # type: ignore[call-overload]
            if not saved:
                raise OSError(f"could not write {temporary.name} (disk full?)")
            status.replace_atomically(temporary, path)
            status.prune_pictures(self.status_dir)
        except OSError as error:
            log.warning("cannot save a picture of the screen in %s: %s", self.status_dir, error)
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            return None
        self.latest_picture = path.name
        self._write_status(force=True)
        return path

    def _answer_request(self) -> None:
        if self.status_dir is not None and status.take_request(self.status_dir):
            log.info("a picture of the screen was asked for")
            self.take_picture()

    def _catch_usr1(self) -> None:
        """SIGUSR1 asks for a picture too (the Python handler runs on the GUI thread; the
        wake-up socket of kiosk/services/shutdown.py gets the loop there at once)."""
        usr1 = getattr(signal, "SIGUSR1", None)
        if usr1 is None or threading.current_thread() is not threading.main_thread():
            return

        def asked(_number, _frame) -> None:
            QTimer.singleShot(0, self, self.take_picture)

        self._old_usr1 = signal.signal(usr1, asked)

    def status(self) -> dict:
        """Everything status.json says, apart from when it was written."""
        said = {
            "kiosk_id": self.options.kiosk_id,
            "app_version": __version__,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "latest_picture": self.latest_picture,
            "since_start": dict(self.counts),
            "shown_layers": sorted(self.shown()),
        }
        said.update(self.describe())
        return said

    def _write_status(self, force: bool = False) -> None:
        if self.status_dir is None:
            return
        said = self.status()
        stale = time.monotonic() - self._said_at >= STATUS_EVERY_S
        if not force and not stale and said == self._said:
            return
        self._said, self._said_at = said, time.monotonic()
        status.write_json(
            self.status_dir,
            {
                **said,
                "written_at": self.now().isoformat(timespec="seconds"),
                "uptime_seconds": round(time.time() - self.started),
            },
        )
