"""`kiosk stats --merge DIR [--since YYYY-MM-DD] [--csv FILE]`: one usage report for a fleet.

DIR holds the analytics files of many kiosks, as the status sync brings them:
`DIR/<kiosk>.sqlite` or `DIR/<kiosk>/analytics.sqlite3`, at any depth. Every regular file that
starts with SQLite's header is read (hidden files and folders are not: Syncthing keeps its
temporary files and old versions there); one that is named like a database (.sqlite, .sqlite3,
.db) but is not one is reported. A kiosk is named by its file's stem, or by its folder (relative
to DIR) when the file has the kiosk's own name, analytics.*.

The report has the sections of `kiosk stats` for the whole fleet (counts summed, medians over
every kiosk's views together), then one row per kiosk: sessions, panel views, median dwell,
language share. `--csv FILE` writes that table, one row per kiosk and a total row.

The files are read by DuckDB (the optional extra `[fleet]`), each attached read-only through
DuckDB's sqlite extension. That extension is no part of DuckDB's wheel: DuckDB would download
it on first use, which fails offline. The extra therefore also installs the PyPI package
duckdb-extension-sqlite-scanner (the extension's binary for exactly that DuckDB version), and
it is loaded from that file: no network, nothing written to ~/.duckdb. Without that package,
an extension installed before (`INSTALL sqlite`) is used, and last DuckDB's own download.

A file that is damaged, empty or no analytics file is reported by name and skipped; the exit
status is 0 when at least one kiosk was merged. Nothing here imports Qt.
"""

from __future__ import annotations

import contextlib
import csv as csv_module
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.commands.stats import _print_report
from kiosk.services.analytics import HOME, Stats

if TYPE_CHECKING:
    import duckdb

NEEDS_FLEET = "kiosk stats --merge needs the fleet extra: pip install 'etown-kiosk[fleet]'"
SQLITE_HEADER = b"SQLite format 3\x00"
DB_SUFFIXES = (".sqlite", ".sqlite3", ".db")  # named like a database: reported if it is none
OWN_STEM = "analytics"  # the kiosk's own file (analytics.sqlite3): named by its folder
MOVED_ASIDE = ".corrupt-"  # a damaged file the kiosk renamed (kiosk/services/analytics.py)
COMPANIONS = ("-journal", "-wal", "-shm")
TOTAL = "(total)"
CONFIG: dict[str, str | bool | int | float | list[str]] = {
    # Never reach for the network behind our back: _load_sqlite says when it may.
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}

# The columns read from each kiosk's file (taps: absent from files older than the heatmaps).
REQUIRED = {
    "sessions": {"started", "lang"},
    "views": {"screen", "started", "dwell", "lang"},
    "events": {"at", "kind", "target"},
}
OPTIONAL = {"taps": {"at", "screen", "layout"}}

# The fleet's figures, in memory: sessions and events counted as they are copied, views kept
# one a row (their medians need every dwell).
_MEMORY_SCHEMA = """
CREATE TABLE sessions (kiosk VARCHAR, day VARCHAR, hour INTEGER, lang VARCHAR, n BIGINT);
CREATE TABLE views (kiosk VARCHAR, screen VARCHAR, dwell DOUBLE);
CREATE TABLE events (kiosk VARCHAR, kind VARCHAR, target VARCHAR, n BIGINT);
CREATE TABLE taps (kiosk VARCHAR, screen VARCHAR, layout VARCHAR, n BIGINT);
"""

# Copying one kiosk's rows from `start` on: {db} is an alias this module makes up, the
# parameters are the kiosk's name and `start` ("at" is a keyword in DuckDB: quoted).
_COPY = {
    "sessions": "INSERT INTO sessions SELECT ?, substr(started, 1, 10), "
    "TRY_CAST(substr(started, 12, 2) AS INTEGER), lang, COUNT(*) "
    "FROM {db}.sessions WHERE started >= ? GROUP BY ALL",
    "views": "INSERT INTO views SELECT ?, screen, dwell FROM {db}.views "
    "WHERE started >= ? AND screen != ?",
    "events": "INSERT INTO events SELECT ?, kind, target, COUNT(*) FROM {db}.events "
    "WHERE \"at\" >= ? AND kind != 'language' GROUP BY ALL",
    "taps": "INSERT INTO taps SELECT ?, screen, layout, COUNT(*) FROM {db}.taps "
    'WHERE "at" >= ? GROUP BY ALL',
}
_EXTRA_PARAMETERS = {"views": [HOME]}


@dataclass
class KioskRow:
    """One kiosk's line of the per-kiosk table (or the fleet's total line)."""

    name: str
    file: str
    sessions: int = 0
    views: int = 0
    median_dwell: float | None = None
    languages: list[tuple[str, int]] = field(default_factory=list)  # sessions by language

    def share(self) -> list[tuple[str, float]]:
        return [(lang, n / self.sessions) for lang, n in self.languages if self.sessions]


def merge_command(folder: Path, since: str | None, csv_path: Path | None) -> int:
    """`kiosk stats --merge DIR [--since YYYY-MM-DD] [--csv FILE]`."""
    try:
        since_day = date.fromisoformat(since) if since else None
    except ValueError:
        print(f"--since expects a date like 2025-01-31, got {since!r}")
        return 2
    try:
        import duckdb
    except ImportError:
        print(NEEDS_FLEET, file=sys.stderr)
        return 1
    folder = Path(folder)
    if not folder.is_dir():
        print(f"kiosk stats --merge: {folder} is not a folder", file=sys.stderr)
        return 1
    candidates, skipped = find_analytics_files(folder)
    if not candidates and not skipped:
        print(f"No analytics files in {folder}.")
        return 1
    con = duckdb.connect(":memory:", config=CONFIG)
    try:
        con.execute("SET enable_progress_bar = false")  # a long merge would draw one on stdout
        problem = _load_sqlite(con)
        if problem is not None:
            print(
                f"kiosk stats --merge: DuckDB's sqlite extension cannot be loaded ({problem}); "
                "pip install 'etown-kiosk[fleet]' brings it",
                file=sys.stderr,
            )
            return 1
        con.execute(_MEMORY_SCHEMA)
        names = kiosk_names(folder, candidates)
        start = (since_day or date.min).isoformat()
        merged: list[tuple[str, Path]] = []
        for index, path in enumerate(candidates):
            reason = _copy_kiosk(con, f"kiosk_{index}", path, names[path], start)
            if reason is None:
                merged.append((names[path], path))
            else:
                skipped.append((path, reason))
        stats = fleet_stats(con)
        rows = kiosk_rows(con, folder, merged)
    finally:
        con.close()

    print(f"Fleet: {len(merged)} kiosk{'s' * (len(merged) != 1)} from {folder}")
    for path, reason in sorted(skipped):
        print(f"Skipped {path}: {reason}")
    if not merged:
        print("No analytics file could be read: no report.")
        return 1
    print()
    _print_report(stats, since_day)
    _print_kiosks(rows)
    if csv_path is not None:
        return _write_csv(csv_path, rows)
    return 0


# ---- finding the files ------------------------------------------------------------------------


def find_analytics_files(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The SQLite files under `folder` (by their header), sorted; and the files that are
    skipped with the reason: named like a database but none, or set aside by their kiosk."""
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            path = Path(root) / name
            if _hidden(name) or name.endswith(COMPANIONS) or not path.is_file():
                continue
            if MOVED_ASIDE in name:
                skipped.append((path, "set aside by its kiosk as damaged"))
                continue
            try:
                with open(path, "rb") as handle:
                    header = handle.read(len(SQLITE_HEADER))
            except OSError as exc:
                skipped.append((path, f"cannot be read: {exc.strerror or exc}"))
                continue
            if header == SQLITE_HEADER:
                found.append(path)
            elif path.suffix.lower() in DB_SUFFIXES:
                skipped.append((path, "empty file" if not header else "not an SQLite file"))
    return found, skipped


def _hidden(name: str) -> bool:
    return name.startswith((".", "~"))  # Syncthing: .stversions, .syncthing.*.tmp, ~syncthing~


def kiosk_names(folder: Path, files: list[Path]) -> dict[Path, str]:
    """Each file's kiosk name: its stem (`DIR/lobby.sqlite` is lobby), or for the kiosk's own
    file name its folder (`DIR/lobby/analytics.sqlite3` is lobby). Two files that would get
    the same name are named by their path in DIR instead."""
    names: dict[Path, str] = {}
    for path in files:
        relative = path.relative_to(folder)
        if path.stem.lower() != OWN_STEM:
            names[path] = path.stem
        elif relative.parent != Path("."):
            names[path] = relative.parent.as_posix()
        else:
            names[path] = folder.resolve().name or path.stem
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    for path, name in names.items():
        if counts[name] > 1:
            names[path] = path.relative_to(folder).as_posix()
    return names


# ---- reading them -----------------------------------------------------------------------------


def _load_sqlite(con: duckdb.DuckDBPyConnection) -> str | None:
    """Load DuckDB's sqlite extension, offline when it can; None, or why it cannot.

    First the binary of the package duckdb-extension-sqlite-scanner (the fleet extra) for
    this DuckDB version; then one installed before into DuckDB's extension folder; last,
    DuckDB's own download (needs the network)."""
    import duckdb

    version_row = con.execute("PRAGMA version").fetchone()
    version = str(version_row[0]) if version_row else ""
    try:
        import duckdb_extension_sqlite_scanner as packaged
    except ImportError:
        packaged = None
    if packaged is not None and packaged.__file__ is not None:
        binary = Path(packaged.__file__).parent / "extensions" / version
        binary = binary / "sqlite_scanner.duckdb_extension"
        if binary.is_file():
            try:
                con.execute(f"LOAD {_literal(str(binary))}")
                return None
            except (duckdb.Error, UnicodeError):
                pass
    try:
        con.execute("LOAD sqlite")  # installed earlier (`INSTALL sqlite` with a network)
        return None
    except duckdb.Error:
        pass
    try:
        con.execute("INSTALL sqlite")
        con.execute("LOAD sqlite")
    except duckdb.Error as exc:
        return _first_line(exc)
    return None


def _copy_kiosk(
    con: duckdb.DuckDBPyConnection, alias: str, path: Path, name: str, start: str
) -> str | None:
    """Copy one kiosk's figures from `start` on into the memory tables; None, or why the
    file is skipped (then nothing of it is kept)."""
    import duckdb

    try:
        if path.stat().st_size == 0:
            return "empty file"
        con.execute(f"ATTACH {_literal(str(path))} AS {alias} (TYPE sqlite, READ_ONLY)")
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    except (duckdb.Error, UnicodeError) as exc:
        _detach(con, alias)
        return f"cannot be read: {_first_line(exc)}"
    try:
        columns = _columns(con, alias)
        if not columns:
            return "not an analytics file (no tables)"
        for table, wanted in REQUIRED.items():
            if table not in columns:
                return f"not an analytics file (no {table} table)"
            missing = sorted(wanted - columns[table])
            if missing:
                return f"not an analytics file ({table} has no {', '.join(missing)} column)"
        tables = [*REQUIRED]
        if "taps" in columns and OPTIONAL["taps"] <= columns["taps"]:
            tables.append("taps")
        con.execute("BEGIN TRANSACTION")
        try:
            for table in tables:
                parameters = [name, start, *_EXTRA_PARAMETERS.get(table, [])]
                con.execute(_COPY[table].format(db=alias), parameters)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return None
    except (duckdb.Error, UnicodeError) as exc:
        return f"cannot be read: {_first_line(exc)}"
    finally:
        _detach(con, alias)


def _columns(con: duckdb.DuckDBPyConnection, alias: str) -> dict[str, set[str]]:
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = ?", [alias]
    ).fetchall()
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(str(table).lower(), set()).add(str(column).lower())
    return columns


def _detach(con: duckdb.DuckDBPyConnection, alias: str) -> None:
    import duckdb

    with contextlib.suppress(duckdb.Error):  # a failed ATTACH may leave nothing to detach
        con.execute(f"DETACH DATABASE IF EXISTS {alias}")


def _literal(text: str) -> str:
    """A string literal for a statement that takes no parameters (ATTACH, LOAD)."""
    return "'" + text.replace("'", "''") + "'"


def _first_line(exc: BaseException) -> str:
    """The gist of an error: its first line, less the sqlite extension's echo of its query."""
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    if line.startswith("Failed to prepare query") and '": ' in line:
        line = line.rsplit('": ', 1)[1]
    return line


# ---- the report -------------------------------------------------------------------------------


def _all(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def fleet_stats(con: duckdb.DuckDBPyConnection) -> Stats:
    """The fleet's figures as one `Stats`, laid out as `collect` lays out one kiosk's."""
    stats = Stats()
    stats.sessions_per_day = sorted(
        (str(day), int(n)) for day, n in _all(con, "SELECT day, SUM(n) FROM sessions GROUP BY 1")
    )
    stats.sessions_per_hour = sorted(
        (int(hour), int(n))
        for hour, n in _all(
            con, "SELECT hour, SUM(n) FROM sessions WHERE hour IS NOT NULL GROUP BY 1"
        )
    )
    weekdays = _all(
        con,
        "SELECT isodow(TRY_CAST(day AS DATE)) - 1 AS weekday, SUM(n) FROM sessions "
        "WHERE weekday IS NOT NULL GROUP BY 1",
    )
    stats.sessions_per_weekday = sorted((int(d), int(n)) for d, n in weekdays)
    panels = _all(con, "SELECT screen, COUNT(*), MEDIAN(dwell) FROM views GROUP BY 1")
    stats.top_panels = sorted(
        ((str(p), int(n), float(m)) for p, n, m in panels), key=lambda r: (-r[1], r[0])
    )
    median = _all(con, "SELECT MEDIAN(dwell) FROM views")[0][0]
    stats.median_dwell = None if median is None else float(median)
    stats.languages = sorted(
        (str(lang), int(n)) for lang, n in _all(con, "SELECT lang, SUM(n) FROM sessions GROUP BY 1")
    )
    total = sum(n for _, n in stats.languages)
    stats.language_share = [(lang, n / total) for lang, n in stats.languages]
    by_target = _all(con, "SELECT kind, target, SUM(n) FROM events GROUP BY 1, 2")
    stats.events_by_target = sorted((str(k), str(t), int(n)) for k, t, n in by_target)
    by_kind: dict[str, int] = {}
    for kind, _target, n in stats.events_by_target:
        by_kind[kind] = by_kind.get(kind, 0) + n
    stats.events = sorted(by_kind.items())
    taps = _all(con, "SELECT screen, layout, SUM(n) FROM taps GROUP BY 1, 2")
    stats.taps = sorted((str(s), str(layout), int(n)) for s, layout, n in taps)
    return stats


def kiosk_rows(
    con: duckdb.DuckDBPyConnection, folder: Path, merged: list[tuple[str, Path]]
) -> list[KioskRow]:
    """One row per merged kiosk (by name), then the fleet's total row."""
    rows = {name: KioskRow(name, path.relative_to(folder).as_posix()) for name, path in merged}
    for name, lang, n in _all(con, "SELECT kiosk, lang, SUM(n) FROM sessions GROUP BY 1, 2"):
        rows[name].languages.append((str(lang), int(n)))
        rows[name].sessions += int(n)
    for name, n, median in _all(con, "SELECT kiosk, COUNT(*), MEDIAN(dwell) FROM views GROUP BY 1"):
        rows[name].views, rows[name].median_dwell = int(n), float(median)
    for row in rows.values():
        row.languages.sort()
    total = KioskRow(TOTAL, "")
    languages: dict[str, int] = {}
    for row in rows.values():
        total.sessions += row.sessions
        total.views += row.views
        for lang, n in row.languages:
            languages[lang] = languages.get(lang, 0) + n
    total.languages = sorted(languages.items())
    median = _all(con, "SELECT MEDIAN(dwell) FROM views")[0][0]
    total.median_dwell = None if median is None else float(median)
    return [*sorted(rows.values(), key=lambda r: r.name), total]


def _dwell(median: float | None) -> str:
    return "-" if median is None else f"{median:.1f} s"


def _print_kiosks(rows: list[KioskRow]) -> None:
    width = max(24, *(len(row.name) for row in rows))
    print("\nPer kiosk (views and median dwell on panels, language share by session):")
    print(f"  {'kiosk':<{width}} {'sessions':>8} {'views':>6} {'median':>8}  languages")
    for row in rows:
        share = ", ".join(f"{lang} {s:.1%}" for lang, s in row.share()) or "-"
        figures = f"{row.sessions:8d} {row.views:6d} {_dwell(row.median_dwell):>8}"
        print(f"  {row.name:<{width}} {figures}  {share}")


def _write_csv(path: Path, rows: list[KioskRow]) -> int:
    languages = sorted({lang for row in rows for lang, _ in row.languages})
    header = ["kiosk", "file", "sessions", "panel_views", "median_dwell_s"]
    header += [f"share_{lang}" for lang in languages]
    try:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv_module.writer(handle)
            writer.writerow(header)
            for row in rows:
                shares = dict(row.share())
                median = "" if row.median_dwell is None else f"{row.median_dwell:.1f}"
                line = [row.name, row.file, str(row.sessions), str(row.views), median]
                line += [
                    f"{shares.get(lang, 0.0):.3f}" if row.sessions else "" for lang in languages
                ]
                writer.writerow(line)
    except OSError as exc:
        print(
            f"kiosk: cannot write {path}: {exc.strerror or exc}; "
            "give a file in a folder that exists and can be written",
            file=sys.stderr,
        )
        return 1
    print(f"\nWrote {len(rows)} rows ({len(rows) - 1} kiosks and the total) to {path}")
    return 0
