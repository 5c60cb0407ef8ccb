"""Anonymous usage figures in a local SQLite file, and the `kiosk stats` report.

No personal data: a session is "someone touched the screen until the kiosk went idle"; a tap is
where a finger lifted, as fractions of the window's width and height, on which screen, in which
orientation (so portrait and landscape heatmaps stay apart). Writing
never raises: a locked, read-only or full disk costs a figure, never the visitor's screen.
A damaged or unreadable file is moved aside (`analytics.sqlite3.corrupt-YYYYmmdd-HHMMSS`, kept
for inspection) and a new one started, so one bad day never stops the figures for good.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kiosk.services.clock import Clock, SystemClock

log = logging.getLogger(__name__)

HOME = "home"  # screen id recorded for the home screen

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, ended TEXT, lang TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS views (
    session INTEGER NOT NULL, screen TEXT NOT NULL, started TEXT NOT NULL,
    dwell REAL NOT NULL, lang TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    session INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS taps (
    session INTEGER NOT NULL, at TEXT NOT NULL, screen TEXT NOT NULL,
    x REAL NOT NULL, y REAL NOT NULL, layout TEXT NOT NULL);
"""

LANDSCAPE, PORTRAIT = "landscape", "portrait"  # a tap's `layout`: the window's orientation
_TAP_BATCH = 64  # taps kept in memory before they are written in one transaction


# SQLite primary result codes (sqlite3.h) for a file that is beyond use.
_SQLITE_CORRUPT = 11
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


def default_db_path() -> Path:
    from kiosk.services.logs import data_dir

    return data_dir() / "analytics.sqlite3"


def _stamp(clock: Clock) -> str:
    return clock.now().isoformat(sep=" ", timespec="seconds")


def orientation(width: int, height: int) -> str:
    """The `layout` a tap is recorded under: PORTRAIT when taller than wide, else LANDSCAPE."""
    return PORTRAIT if height > width else LANDSCAPE


class Analytics:
    """Records one visit at a time: `start_session`, `view`, `event`, `tap`, `language`,
    `end_session`. Taps are kept in memory and written together when the screen changes, the
    visit ends or a batch is full: one transaction instead of one a tap."""

    def __init__(self, path: Path, clock: Clock | None = None, timeout: float = 0.5):
        self.path = Path(path)
        self.clock = clock or SystemClock()
        self.timeout = timeout  # seconds to wait for a lock held by a reader (`kiosk stats`)
        self._db: sqlite3.Connection | None = None
        self._session: int | None = None
        self._lang = ""
        self._view: tuple[str, str, float, str] | None = None  # screen, started, t0, lang
        self._taps: list[tuple[int, str, str, float, float, str]] = []
        self._failing = False

    def start_session(self, lang: str) -> None:
        if self._session is not None:
            self.end_session()
        self._lang = lang
        cursor = self._write(
            "INSERT INTO sessions (started, lang) VALUES (?, ?)", (_stamp(self.clock), lang)
        )
        # Even if the file is unwritable, keep a session open so views still end cleanly.
        self._session = cursor.lastrowid if cursor is not None else -1

    def view(self, screen: str) -> None:
        """The visitor now sees `screen` (a panel id, or HOME); closes the previous view."""
        if self._session is None:
            return
        self._close_view()
        self._view = (screen, _stamp(self.clock), self.clock.now().timestamp(), self._lang)

    def event(self, kind: str, target: str = "") -> None:
        """Something opened inside a screen, e.g. `gallery_open`, `hotspot_open`."""
        if self._session is None:
            return
        self._write(
            "INSERT INTO events (session, at, kind, target) VALUES (?, ?, ?, ?)",
            (self._session, _stamp(self.clock), kind, target),
        )

    def tap(self, screen: str, x: float, y: float, layout: str) -> None:
        """A finger lifted (or a mouse released) at fractions x, y of the window on `screen`."""
        if self._session is None:
            return
        try:
            fx, fy = min(1.0, max(0.0, float(x))), min(1.0, max(0.0, float(y)))
        except (TypeError, ValueError):
            return
        self._taps.append((self._session, _stamp(self.clock), screen, fx, fy, layout))
        if len(self._taps) >= _TAP_BATCH:
            self._flush_taps()

    def language(self, lang: str) -> None:
        if self._session is None or lang == self._lang:
            return
        self.event("language", lang)
        self._lang = lang
        self._write("UPDATE sessions SET lang = ? WHERE id = ?", (lang, self._session))

    def end_session(self) -> None:
        if self._session is None:
            return
        self._close_view()
        self._flush_taps()
        self._write(
            "UPDATE sessions SET ended = ? WHERE id = ?", (_stamp(self.clock), self._session)
        )
        self._session = None

    def close(self) -> None:
        self.end_session()
        if self._db is not None:
            self._db.close()
            self._db = None

    def _flush_taps(self) -> None:
        if not self._taps:
            return
        rows, self._taps = self._taps, []  # written or lost, never kept growing
        self._write(
            "INSERT INTO taps (session, at, screen, x, y, layout) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
            many=True,
        )

    def _close_view(self) -> None:
        self._flush_taps()
        if self._view is None:
            return
        screen, started, t0, lang = self._view
        dwell = max(0.0, self.clock.now().timestamp() - t0)
        self._view = None
        self._write(
            "INSERT INTO views (session, screen, started, dwell, lang) VALUES (?, ?, ?, ?, ?)",
            (self._session, screen, started, dwell, lang),
        )

    def _write(self, sql: str, args, many: bool = False) -> sqlite3.Cursor | None:
        """Run one statement (`many`: once per row of `args`, in one transaction); on any
        failure return None (and log the first of a streak)."""
        try:
            try:
                cursor = self._execute(sql, args, many)
            except sqlite3.Error as exc:
                if not self._damaged(exc):
                    raise
                self._disconnect()
                self._move_aside(exc)  # raises OSError if it cannot: then it stays a failure
                cursor = self._execute(sql, args, many)  # once, in the new file
        except (sqlite3.Error, OSError) as exc:
            self._disconnect()
            if not self._failing:  # log the first failure of a streak, not every touch
                log.warning("analytics: cannot write %s: %s", self.path, exc)
            self._failing = True
            return None
        if self._failing:
            log.info("analytics: writing to %s again", self.path)
            self._failing = False
        return cursor

    def _execute(self, sql: str, args, many: bool = False) -> sqlite3.Cursor:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            try:
                db.executescript(_SCHEMA)
            except BaseException:
                db.close()  # a damaged or locked file: never leave the connection open
                raise
            self._db = db
        if not many:
            return self._db.execute(sql, args)
        self._db.execute("BEGIN")
        try:
            cursor = self._db.executemany(sql, args)
            self._db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            raise
        return cursor

    def _disconnect(self) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def _damaged(self, exc: sqlite3.Error) -> bool:
        """Is the file itself beyond use (not a database, malformed, cannot be opened)?

        A locked, read-only or full disk is not: those pass, and the file must stay.
        """
        code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
        text = str(exc).lower()
        if code is not None:
            corrupt = code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
            cannot_open = code & 0xFF == _SQLITE_CANTOPEN
        else:
            corrupt = "malformed" in text or "not a database" in text
            cannot_open = "unable to open" in text
        return corrupt or (cannot_open and self._unreadable())

    def _unreadable(self) -> bool:
        """The file is there but is no file we may read and write (a folder, mode 000).

        Not when it is merely missing, or when opening failed for want of file descriptors:
        a good file must never be moved aside.
        """
        if not os.path.lexists(self.path):
            return False
        return not self.path.is_file() or not os.access(self.path, os.R_OK | os.W_OK)

    def _move_aside(self, exc: sqlite3.Error) -> None:
        """Rename the damaged file (and its journal) so a new one can start; log it once."""
        stamp = self.clock.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while os.path.lexists(aside):
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        os.replace(self.path, aside)
        # A journal left behind would be "rolled back" into the new file: it goes along.
        for suffix in ("-journal", "-wal", "-shm"):
            companion = self.path.with_name(self.path.name + suffix)
            if os.path.lexists(companion):
                try:
                    os.replace(companion, aside.with_name(aside.name + suffix))
                except OSError:
                    companion.unlink(missing_ok=True)
        log.warning(
            "analytics: %s is damaged (%s): moved it to %s and started a new file",
            self.path,
            exc,
            aside.name,
        )


# ---- report ---------------------------------------------------------------------------------


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass
class Stats:
    sessions_per_day: list[tuple[str, int]] = field(default_factory=list)
    sessions_per_hour: list[tuple[int, int]] = field(default_factory=list)
    sessions_per_weekday: list[tuple[int, int]] = field(default_factory=list)  # 0 is Monday
    top_panels: list[tuple[str, int, float]] = field(default_factory=list)  # id, views, median
    median_dwell: float | None = None  # seconds on a panel, over all panel views
    language_share: list[tuple[str, float]] = field(default_factory=list)  # by session
    languages: list[tuple[str, int]] = field(default_factory=list)  # sessions by language
    events: list[tuple[str, int]] = field(default_factory=list)
    events_by_target: list[tuple[str, str, int]] = field(default_factory=list)  # kind, target
    taps: list[tuple[str, str, int]] = field(default_factory=list)  # screen, layout, count

    @property
    def sessions(self) -> int:
        return sum(n for _, n in self.sessions_per_day)

    def rows(self) -> list[tuple[str, str, str]]:
        """(metric, key, value) rows: the CSV layout, one figure a line."""
        rows = [("sessions_per_day", day, str(n)) for day, n in self.sessions_per_day]
        rows += [("sessions_per_hour", f"{h:02d}", str(n)) for h, n in self.sessions_per_hour]
        rows += [
            ("sessions_per_weekday", WEEKDAYS[d], str(n)) for d, n in self.sessions_per_weekday
        ]
        rows += [("panel_views", p, str(n)) for p, n, _ in self.top_panels]
        rows += [("panel_median_dwell_s", p, f"{m:.1f}") for p, _, m in self.top_panels]
        if self.median_dwell is not None:
            rows.append(("median_dwell_s", "all", f"{self.median_dwell:.1f}"))
        rows += [("language_share", lang, f"{share:.3f}") for lang, share in self.language_share]
        rows += [("events", kind, str(n)) for kind, n in self.events]
        rows += [("events_by_panel", f"{k}/{t}", str(n)) for k, t, n in self.events_by_target]
        rows += [("taps", f"{screen}/{layout}", str(n)) for screen, layout, n in self.taps]
        return rows


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=2)


def _has_taps(db: sqlite3.Connection) -> bool:
    """Files written before taps were recorded have no such table (and read-only, get none)."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'taps'")
    return found.fetchone() is not None


def collect(path: Path, since: date | None = None) -> Stats:
    """Read the figures from `path` (opened read-only) from `since` on."""
    start = (since or date.min).isoformat()
    db = _connect_read_only(path)
    try:
        sessions = db.execute(
            "SELECT started, lang FROM sessions WHERE started >= ? ORDER BY started", (start,)
        ).fetchall()
        views = db.execute(
            "SELECT screen, dwell FROM views WHERE started >= ? AND screen != ?", (start, HOME)
        ).fetchall()
        events = db.execute(
            "SELECT kind, target, COUNT(*) FROM events WHERE at >= ? AND kind != 'language' "
            "GROUP BY kind, target ORDER BY kind, target",
            (start,),
        ).fetchall()
        taps = []
        if _has_taps(db):
            taps = db.execute(
                "SELECT screen, layout, COUNT(*) FROM taps WHERE at >= ? "
                "GROUP BY screen, layout ORDER BY screen, layout",
                (start,),
            ).fetchall()
    finally:
        db.close()
    stats = Stats()
    stats.sessions_per_day = sorted(Counter(s[:10] for s, _ in sessions).items())
    stats.sessions_per_hour = sorted(Counter(int(s[11:13]) for s, _ in sessions).items())
    stats.sessions_per_weekday = sorted(
        Counter(date.fromisoformat(s[:10]).weekday() for s, _ in sessions).items()
    )
    dwell: dict[str, list[float]] = {}
    for screen, seconds in views:
        dwell.setdefault(screen, []).append(seconds)
    stats.top_panels = sorted(
        ((p, len(d), statistics.median(d)) for p, d in dwell.items()), key=lambda r: (-r[1], r[0])
    )
    if views:
        stats.median_dwell = statistics.median(seconds for _, seconds in views)
    langs = Counter(lang for _, lang in sessions)
    stats.languages = sorted(langs.items())
    stats.language_share = [(lang, n / len(sessions)) for lang, n in stats.languages]
    by_kind: Counter[str] = Counter()
    for kind, _target, n in events:
        by_kind[kind] += n
    stats.events = sorted(by_kind.items())
    stats.events_by_target = [(kind, target, n) for kind, target, n in events]
    stats.taps = [(screen, layout, n) for screen, layout, n in taps]
    return stats


def tap_points(
    path: Path, since: date | None = None
) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """Every tap from `since` on, as (x, y) fractions, by (screen, layout): for the heatmaps."""
    start = (since or date.min).isoformat()
    db = _connect_read_only(path)
    try:
        if not _has_taps(db):
            return {}
        rows = db.execute(
            "SELECT screen, layout, x, y FROM taps WHERE at >= ? ORDER BY screen, layout",
            (start,),
        ).fetchall()
    finally:
        db.close()
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for screen, layout, x, y in rows:
        points.setdefault((screen, layout), []).append((x, y))
    return points
