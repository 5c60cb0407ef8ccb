"""`kiosk stats [--since YYYY-MM-DD] [--csv FILE] [--report FILE.pdf|FILE.html]`: usage report
from the analytics file.

Without --report nothing here imports Qt. With it, the screens of the content folder are
rendered by the kiosk's own screenshot code (kiosk/commands/screenshots.py `still_kiosk`) as
backgrounds for the tap heatmaps, and kiosk/ui/usage_report.py draws the charts and writes
the file.
"""

from __future__ import annotations

import csv as csv_module
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.services.analytics import (
    HOME,
    PORTRAIT,
    WEEKDAYS,
    Stats,
    collect,
    default_db_path,
    tap_points,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

REPORT_SUFFIXES = (".pdf", ".html", ".htm")


def _print_report(stats: Stats, since: date | None) -> None:
    print(f"Usage since {since or 'the start'}: {stats.sessions} sessions")
    print("\nSessions per day:")
    for day, n in stats.sessions_per_day:
        print(f"  {day}  {n:5d}")
    print("\nSessions per hour of day:")
    for hour, n in stats.sessions_per_hour:
        print(f"  {hour:02d}:00  {n:5d}  {'#' * min(n, 60)}")
    print("\nSessions per weekday:")
    for weekday, n in stats.sessions_per_weekday:
        print(f"  {WEEKDAYS[weekday]}    {n:5d}")
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
    if stats.taps:
        print("\nTaps per screen:")
        for screen, layout, n in stats.taps:
            print(f"  {screen + ' (' + layout + ')':<34} {n:5d}")


def stats_command(
    since: str | None,
    csv: Path | None,
    db: Path | None = None,
    report: Path | None = None,
    content: Path | None = None,
) -> int:
    """`kiosk stats [--since YYYY-MM-DD] [--csv FILE] [--report FILE.pdf|FILE.html]`."""
    try:
        since_day = date.fromisoformat(since) if since else None
    except ValueError:
        print(f"--since expects a date like 2025-01-31, got {since!r}")
        return 2
    if report is not None and Path(report).suffix.lower() not in REPORT_SUFFIXES:
        print(f"kiosk: --report {report}: give a file ending in .pdf or .html", file=sys.stderr)
        return 2
    path = db or default_db_path()
    if not path.exists():
        print(f"No usage recorded yet ({path} does not exist).")
        if report is not None:
            print(f"No report written to {report}.")
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
    if report is not None:
        return _write_report(Path(report), path, stats, since_day, content)
    return 0


def _write_report(
    report: Path, path: Path, stats: Stats, since: date | None, content: Path | None
) -> int:
    from kiosk.offscreen import quiet_offscreen_warnings, use_offscreen_screen
    from kiosk.paths import default_content_dir

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    use_offscreen_screen()
    try:
        taps = tap_points(path, since)
    except sqlite3.Error as exc:
        print(f"Cannot read {path}: {exc}")
        return 1
    from kiosk.ui.usage_report import ReportData, write_report

    data = ReportData(stats, f"since {since}" if since else "from the start", taps)
    with quiet_offscreen_warnings():
        note = _screens(Path(content or default_content_dir()), taps, data.backgrounds, data.titles)
        data.background_note = note
        try:
            charts = write_report(report, data)
        except OSError as exc:
            print(f"kiosk: cannot write {report}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    if not report.is_file() or report.stat().st_size == 0:
        print(f"kiosk: cannot write {report}", file=sys.stderr)
        return 1
    if note:
        print(f"\nHeatmaps on a plain background: {note}")
    print(f"\nWrote {charts} charts to {report}")
    return 0


def _screens(
    content_dir: Path,
    wanted: Iterable[tuple[str, str]],
    images: dict[tuple[str, str], QImage],
    titles: dict[str, str],
) -> str | None:
    """Screenshots of the screens that have taps, as the kiosk shows them (default language,
    scrolled to the top), into `images`; the panels' titles into `titles`. Returns why some
    or all are missing, or None."""
    from kiosk.commands.screenshots import still_kiosk
    from kiosk.content.loader import load_content
    from kiosk.services.clock import ManualClock
    from kiosk.ui.screenshots import settle

    result = load_content(content_dir)
    content = result.content
    if content is None or result.errors:
        count = len(result.errors)
        return f"the content in {content_dir} cannot be loaded ({count} error{'s' * (count != 1)})"
    languages = content.site.languages
    for panel_id, panel in content.panels.items():
        texts = dict.fromkeys(panel.title.get(lang) for lang in languages)
        titles[panel_id] = " / ".join(texts)
    missing = []
    clock = ManualClock(datetime.combine(date.today(), time(12, 0)))
    by_layout: dict[str, list[str]] = {}
    for screen, layout in wanted:
        by_layout.setdefault(layout, []).append(screen)
    with tempfile.TemporaryDirectory(prefix="kiosk-report-") as data_dir:
        for layout, screens in sorted(by_layout.items()):
            size = (1080, 1920) if layout == PORTRAIT else (1920, 1080)
            kiosk = still_kiosk(content.root, size, clock, Path(data_dir))
            try:
                window = kiosk.window
                window.reset_session()
                for screen in screens:
                    if screen == HOME:
                        window.show_home()
                    elif window.show_panel(screen):
                        window.panels[screen].scroll_to_top()
                    else:
                        missing.append(screen)
                        continue
                    settle(window)
                    images[(screen, layout)] = window.grab().toImage()
            finally:
                kiosk.close()
    if missing:
        return f"{', '.join(sorted(set(missing)))} not shown by the content today"
    return None
