"""`kiosk stats [--since YYYY-MM-DD] [--csv FILE]`: usage report from the analytics file."""

from __future__ import annotations

import csv as csv_module
import sqlite3
import sys
from datetime import date
from pathlib import Path

from kiosk.services.analytics import Stats, collect, default_db_path


def _print_report(stats: Stats, since: date | None) -> None:
    print(f"Usage since {since or 'the start'}: {stats.sessions} sessions")
    print("\nSessions per day:")
    for day, n in stats.sessions_per_day:
        print(f"  {day}  {n:5d}")
    print("\nSessions per hour of day:")
    for hour, n in stats.sessions_per_hour:
        print(f"  {hour:02d}:00  {n:5d}  {'#' * min(n, 60)}")
    print("\nMost viewed panels (views, median dwell):")
    for panel, n, median in stats.top_panels:
        print(f"  {panel:<24} {n:5d}  {median:6.1f} s")
    if stats.median_dwell is not None:
        print(f"\nMedian dwell on a panel: {stats.median_dwell:.1f} s")
    print("\nLanguage share (by session):")
    for lang, share in stats.language_share:
        print(f"  {lang}  {share:6.1%}")
    if stats.events:
        print("\nOpened inside panels:")
        for kind, n in stats.events:
            print(f"  {kind:<24} {n:5d}")


def stats_command(since: str | None, csv: Path | None, db: Path | None = None) -> int:
    """`kiosk stats [--since YYYY-MM-DD] [--csv FILE]`."""
    try:
        since_day = date.fromisoformat(since) if since else None
    except ValueError:
        print(f"--since expects a date like 2025-01-31, got {since!r}")
        return 2
    path = db or default_db_path()
    if not path.exists():
        print(f"No usage recorded yet ({path} does not exist).")
        return 0
    try:
        stats = collect(path, since_day)
    except sqlite3.Error as exc:
        print(f"Cannot read {path}: {exc}")
        return 1
    _print_report(stats, since_day)
    if csv is not None:
        try:
            with open(csv, "w", newline="", encoding="utf-8") as handle:
                writer = csv_module.writer(handle)
                writer.writerow(("metric", "key", "value"))
                writer.writerows(stats.rows())
        except OSError as exc:
            print(
                f"kiosk: cannot write {csv}: {exc.strerror or exc}; "
                "give a file in a folder that exists and can be written",
                file=sys.stderr,
            )
            return 1
        print(f"\nWrote {len(stats.rows())} rows to {csv}")
    return 0
