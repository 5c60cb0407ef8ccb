"""The kiosk's Prometheus metrics, as a text file for node_exporter's textfile collector.

`kiosk run --metrics-dir DIR` (or KIOSK_METRICS_DIR): DIR/kiosk.prom is rewritten atomically
(prometheus_client's `write_to_textfile`: a temporary file, then a rename) every 15 s and soon
after every change, by a thread of its own. Because that thread keeps writing while the GUI
loop is stuck, a stuck screen shows as `kiosk_heartbeat_timestamp_seconds` going stale in a
file that is still fresh; a dead kiosk shows as a stale file (node_exporter's
`node_textfile_mtime_seconds`). The alert rules are packaging/fleet/prometheus/kiosk-alerts.yml.
Qt-free: the GUI thread only calls the recording methods.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Info,
    disable_created_metrics,
    write_to_textfile,
)

from kiosk.content.files import read_inside

log = logging.getLogger(__name__)
disable_created_metrics()  # no `_created` series beside each counter: nothing reads them

FILE_NAME = "kiosk.prom"  # node_exporter reads *.prom; the temporary file never ends so
WRITE_EVERY_S = 15.0
SOONEST_S = 1.0  # after a change, at most one write a second (a busy visitor taps a lot)
STATES = ("standby", "attract", "admin", "notice")


class KioskMetrics:
    """Every kiosk metric, and the thread that writes them. Thread-safe (prometheus_client's
    metrics are); `start()` begins writing, `stop()` writes a last time and ends the thread."""

    def __init__(
        self,
        folder: Path,
        kiosk_id: str,
        version: str,
        data_dir: Path,
        clock: Callable[[], float] = time.time,
    ):
        self.path = Path(folder) / FILE_NAME
        self.write_every = WRITE_EVERY_S
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.kiosk_id = kiosk_id
        self.version = version
        registry = self.registry = CollectorRegistry()

        def gauge(name: str, doc: str, labels: tuple[str, ...] = ()) -> Gauge:
            return Gauge(name, doc, labels, registry=registry)

        def counter(name: str, doc: str, labels: tuple[str, ...] = ()) -> Counter:
            return Counter(name, doc, labels, registry=registry)

        self.info = Info("kiosk", "App version, content version and kiosk id.", registry=registry)
        self.start_time = gauge("kiosk_start_time_seconds", "When this kiosk process started.")
        self.heartbeat = gauge(
            "kiosk_heartbeat_timestamp_seconds",
            "Last time the GUI event loop ran (stamped every few seconds): stale = UI stuck.",
        )
        self.last_frame = gauge(
            "kiosk_last_frame_timestamp_seconds", "Last time the window painted a frame."
        )
        self.load_time = gauge(
            "kiosk_content_load_timestamp_seconds", "Last content load attempt, valid or not."
        )
        self.load_success = gauge(
            "kiosk_content_load_success", "1 if the last content load was valid, else 0."
        )
        self.content_time = gauge(
            "kiosk_content_timestamp_seconds",
            "Newest modification time of the content files shown (the content's age).",
        )
        self.reload_failures = counter(
            "kiosk_content_reload_failures", "Content changes refused as invalid."
        )
        self.crashes = counter("kiosk_crashes", "Errors caught in the event loop since start.")
        self.touches = counter("kiosk_touches", "Fingers (or clicks) put on the screen.")
        self.sessions = counter("kiosk_sessions", "Visits begun.")
        self.panel_views = counter("kiosk_panel_views", "Panels opened.", ("panel",))
        self.notices = counter("kiosk_notices", "Emergency notices put on screen.")
        self.state = {
            name: gauge(f"kiosk_{name}", f"1 while the {name} screen is shown, else 0.")
            for name in STATES
        }
        self.data_free = gauge(
            "kiosk_data_free_bytes", "Free space on the file system of the data folder."
        )
        self.data_size = gauge("kiosk_data_size_bytes", "Size of that file system.")
        self._changed = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._failing = False
        self.start_time.set(self.clock())
        self.set_content_version("")

    # ---- recording (any thread) -----------------------------------------------------------

    def set_content_version(self, content_version: str) -> None:
        self.info.info(
            {"version": self.version, "content_version": content_version, "kiosk_id": self.kiosk_id}
        )
        self.changed()

    def beat(self) -> None:
        self.heartbeat.set(self.clock())

    def painted(self) -> None:
        self.last_frame.set(self.clock())

    def loaded(self, ok: bool, content_version: str | None, content_time: float | None) -> None:
        """A content load ended: valid (`ok`, what is now shown) or refused."""
        self.load_time.set(self.clock())
        self.load_success.set(1 if ok else 0)
        if not ok:
            self.reload_failures.inc()
        if content_version is not None:
            self.set_content_version(content_version)
        if content_time is not None:
            self.content_time.set(content_time)
        self.changed()

    def set_state(self, shown: set[str]) -> None:
        """Which of STATES are on screen now."""
        for name, gauge in self.state.items():
            gauge.set(1 if name in shown else 0)

    def changed(self) -> None:
        """Write soon (within SOONEST_S), not only at the next 15 s."""
        self._changed.set()

    # ---- writing --------------------------------------------------------------------------

    def write(self) -> bool:
        """Write the file now; False (logged once until it works again) if it cannot be."""
        try:
            usage = shutil.disk_usage(self.data_dir if self.data_dir.exists() else "/")
            self.data_free.set(usage.free)
            self.data_size.set(usage.total)
        except OSError:
            pass
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_to_textfile(str(self.path), self.registry)
        except OSError as error:  # a full disk, a folder that went away: try again later
            if not self._failing:
                log.warning("cannot write the metrics file %s: %s", self.path, error)
            self._failing = True
            return False
        if self._failing:
            log.info("metrics file %s written again", self.path)
        self._failing = False
        return True

    def start(self) -> None:
        if self._thread is None:
            self.write()
            self._thread = threading.Thread(target=self._run, name="kiosk-metrics", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._stopping.set()
            self._changed.set()
            self._thread.join(timeout=5)
            self._thread = None
            self.write()

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._changed.wait(self.write_every)
            if self._stopping.is_set():
                return
            self._changed.clear()
            self.write()
            self._stopping.wait(min(SOONEST_S, self.write_every))


REVISION_TIME = ".revision-time"  # written by packaging/content-repo/pull-content.sh


def content_timestamp(root: Path, files: list[str]) -> float | None:
    """When the content shown was made: the commit time of a git checkout (its
    `.revision-time`, since git gives every file the time it was pulled), else the newest
    modification time among `files` of the folder `root` (Syncthing and rsync keep those)."""
    try:  # (as every content file: inside the folder, never a pipe that would wait)
        return float(read_inside(Path(root), REVISION_TIME, limit=64).decode("ascii").strip())
    except (OSError, ValueError):  # (UnsafeFile and a bad number are ValueErrors)
        pass
    newest = None
    for relative in files:
        try:
            mtime = os.stat(Path(root) / relative).st_mtime
        except OSError:
            continue
        newest = mtime if newest is None else max(newest, mtime)
    return newest
