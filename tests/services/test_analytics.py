"""A scripted visit becomes rows, `kiosk stats` reports them, and write failures never raise."""

from __future__ import annotations

import contextlib
import csv
import sqlite3
from datetime import datetime

import pytest

from kiosk.commands.stats import stats_command
from kiosk.services.analytics import HOME, Analytics
from kiosk.services.clock import ManualClock


@pytest.fixture
def clock():
    return ManualClock(datetime(2025, 5, 6, 10, 0, 0))


def visit(analytics: Analytics, clock: ManualClock, lang: str, stays: list[tuple[str, int]]):
    analytics.start_session(lang)
    for screen, seconds in stays:
        analytics.view(screen)
        if screen == "industry":
            analytics.event("gallery_open", "industry")
        if screen == "map":
            analytics.event("hotspot_open", "airport")
        clock.advance(seconds=seconds)
    analytics.end_session()


def test_a_scripted_visit_produces_the_expected_rows(tmp_path, clock):
    db = tmp_path / "usage.sqlite3"
    analytics = Analytics(db, clock)
    visit(analytics, clock, "zh", [(HOME, 5), ("industry", 40), ("map", 20), (HOME, 3)])
    analytics.close()
    with contextlib.closing(sqlite3.connect(db)) as con:
        sessions = con.execute("SELECT started, ended, lang FROM sessions").fetchall()
        views = con.execute("SELECT screen, dwell FROM views ORDER BY rowid").fetchall()
        events = con.execute("SELECT kind, target FROM events ORDER BY rowid").fetchall()
    assert sessions == [("2025-05-06 10:00:00", "2025-05-06 10:01:08", "zh")]
    assert views == [(HOME, 5.0), ("industry", 40.0), ("map", 20.0), (HOME, 3.0)]
    assert events == [("gallery_open", "industry"), ("hotspot_open", "airport")]


def test_kiosk_stats_prints_the_report_and_writes_csv(tmp_path, clock, capsys):
    db = tmp_path / "usage.sqlite3"
    analytics = Analytics(db, clock)
    visit(analytics, clock, "zh", [("industry", 40), ("map", 20)])
    clock.set(datetime(2025, 5, 6, 14, 30))
    visit(analytics, clock, "en", [("industry", 10)])
    analytics.start_session("en")
    analytics.language("zh")  # switched: counts as a Chinese session
    analytics.view("industry")
    clock.advance(seconds=30)
    analytics.close()

    out_csv = tmp_path / "report.csv"
    assert stats_command("2025-05-01", out_csv, db=db) == 0
    report = capsys.readouterr().out
    assert "3 sessions" in report
    assert "2025-05-06      3" in report
    assert "14:00      2" in report
    assert "industry                     3    30.0 s" in report  # views, median dwell
    assert "zh   66.7%" in report and "en   33.3%" in report
    assert "gallery_open" in report and "hotspot_open" in report

    with open(out_csv, encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["metric", "key", "value"]
    assert ["sessions_per_day", "2025-05-06", "3"] in rows
    assert ["panel_views", "industry", "3"] in rows
    assert ["median_dwell_s", "all", "25.0"] in rows  # 10, 20, 30, 40


def test_stats_since_leaves_out_older_days_and_rejects_bad_dates(tmp_path, clock, capsys):
    db = tmp_path / "usage.sqlite3"
    analytics = Analytics(db, clock)
    visit(analytics, clock, "zh", [("industry", 5)])
    analytics.close()
    assert stats_command("2025-05-07", None, db=db) == 0
    assert "0 sessions" in capsys.readouterr().out
    assert stats_command("last week", None, db=db) == 2
    assert stats_command(None, None, db=tmp_path / "missing.sqlite3") == 0
    assert "No usage recorded yet" in capsys.readouterr().out


# A damaged file, fds and unwritable folders: tests/services/test_analytics_recovery.py


def test_a_locked_database_does_not_raise(tmp_path, clock, caplog):
    db = tmp_path / "usage.sqlite3"
    first = Analytics(db, clock)
    first.start_session("zh")
    first.close()
    locker = sqlite3.connect(db)
    locker.execute("BEGIN EXCLUSIVE")
    analytics = Analytics(db, clock)
    try:
        visit(analytics, clock, "en", [("map", 5)])
    finally:
        analytics.close()
        locker.rollback()
        locker.close()
    assert "cannot write" in caplog.text


def test_a_folder_in_place_of_the_database_does_not_raise(tmp_path, clock):
    db = tmp_path / "usage.sqlite3"
    db.mkdir()
    analytics = Analytics(db, clock)
    visit(analytics, clock, "zh", [("industry", 5)])
    analytics.close()
