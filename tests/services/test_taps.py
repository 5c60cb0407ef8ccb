"""Taps become rows of the `taps` table: where the finger lifted, as fractions of the window,
on the screen it lifted on, in the window's orientation; a swipe is no tap; an analytics file
from before taps were recorded keeps working."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime

import pytest
from PySide6.QtCore import QPoint

from kiosk.commands.stats import stats_command
from kiosk.services.analytics import HOME, Analytics, collect, tap_points
from kiosk.services.clock import ManualClock
from tests.services.kit import NO_IDLE, panel
from tests.touch import Touch

PANELS = [
    panel(
        "alpha",
        "Hello",
        blocks=[{"type": "text", "body": {"zh": "正文 " * 200, "en": "Words " * 200}}],
    ),
    panel("beta", "World"),
]
SITE = {"idle": NO_IDLE, "panels": ["alpha", "beta"]}


def rows(data_dir) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(data_dir / "analytics.sqlite3")) as db:
        return db.execute(
            "SELECT session, screen, x, y, layout FROM taps ORDER BY rowid"
        ).fetchall()


def centre_fraction(widget) -> tuple[float, float]:
    window = widget.window()
    centre = widget.mapTo(window, widget.rect().center())
    return (centre.x() + 0.5) / window.width(), (centre.y() + 0.5) / window.height()


def test_taps_are_recorded_at_their_fractions_on_the_screen_they_landed_on(kiosk):
    running = kiosk(site=SITE, panels=PANELS, size=(1280, 720))
    window, touch = running.window, Touch()
    tile = next(t for t in window.home.tiles if t.panel.id == "beta")
    tile_at = centre_fraction(tile)
    touch.tap(tile)  # the lift that starts the visit counts in it, on home
    assert window.current_panel_id() == "beta"
    home = window.top_bar.home
    home_at = centre_fraction(home)
    touch.tap(home)  # on the panel: the Home button
    assert window.current_panel_id() is None

    recorded = rows(running.data_dir)
    assert [(screen, layout) for _, screen, _, _, layout in recorded] == [
        (HOME, "landscape"),
        ("beta", "landscape"),
    ]
    assert recorded[0][2:4] == pytest.approx(tile_at, abs=1e-6)
    assert recorded[1][2:4] == pytest.approx(home_at, abs=1e-6)
    sessions = {session for session, *_ in recorded}
    assert len(sessions) == 1 and sessions != {-1}


def test_a_portrait_window_records_portrait_taps(kiosk, qtbot):
    running = kiosk(site=SITE, panels=PANELS, size=(720, 1280))
    window, touch = running.window, Touch()
    tile = next(t for t in window.home.tiles if t.panel.id == "alpha")
    qtbot.waitUntil(tile.isVisible)  # a tall home screen places its tiles once shown
    tile_at = centre_fraction(tile)
    touch.tap(tile)
    running.controller.analytics.end_session()  # the end of a visit writes its taps
    recorded = rows(running.data_dir)
    assert [(screen, layout) for _, screen, _, _, layout in recorded] == [(HOME, "portrait")]
    assert recorded[0][2:4] == pytest.approx(tile_at, abs=1e-6)


def test_a_swipe_or_a_scroll_is_not_a_tap(kiosk):
    running = kiosk(site=SITE, panels=PANELS, size=(1280, 720))
    window, touch = running.window, Touch()
    touch.tap(window.home.tiles[0])  # one tap: to the panel alpha
    assert window.current_panel_id() == "alpha"
    area = window.panels["alpha"].scroll_area
    touch.swipe(area, QPoint(600, 500), QPoint(600, 150))  # scrolls the text
    assert area.verticalScrollBar().value() > 0
    touch.swipe(area, QPoint(900, 300), QPoint(200, 310))  # sideways: the next panel
    assert window.current_panel_id() == "beta"
    touch.tap(window.top_bar.home)
    recorded = rows(running.data_dir)
    assert [screen for _, screen, *_ in recorded] == [HOME, "beta"]  # the two taps only


def test_taps_over_the_countdown_are_not_taps_on_the_screen(kiosk):
    running = kiosk(site=SITE, panels=PANELS, size=(1280, 720))
    touch = Touch()
    touch.tap(running.window.home.tiles[0])
    running.overlays.countdown.start(30)
    touch.tap(running.overlays.countdown)
    running.controller.analytics.end_session()
    assert [screen for _, screen, *_ in rows(running.data_dir)] == [HOME]


def test_the_writer_clamps_and_writes_taps_in_batches_never_raising(tmp_path):
    clock = ManualClock(datetime(2025, 5, 6, 10, 0))
    db = tmp_path / "usage.sqlite3"
    analytics = Analytics(db, clock)
    analytics.tap(HOME, 0.5, 0.5, "landscape")  # no visit yet: nothing
    analytics.start_session("zh")
    analytics.view(HOME)
    analytics.tap(HOME, 1.7, -0.2, "landscape")
    analytics.tap(HOME, "nonsense", 0.2, "landscape")  # type: ignore[arg-type]
    with contextlib.closing(sqlite3.connect(db)) as con:
        assert con.execute("SELECT COUNT(*) FROM taps").fetchone() == (0,)  # kept in memory
    analytics.view("alpha")
    analytics.close()
    assert tap_points(db) == {(HOME, "landscape"): [(1.0, 0.0)]}

    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()  # a folder where the file should be: taps cost nothing, raise nothing
    broken = Analytics(folder, clock)
    broken.start_session("zh")
    for _ in range(200):
        broken.tap(HOME, 0.5, 0.5, "landscape")
    broken.close()


def test_an_analytics_file_from_before_taps_still_reports(tmp_path, capsys):
    db = tmp_path / "old.sqlite3"
    with contextlib.closing(sqlite3.connect(db)) as con:  # the schema before taps existed
        con.executescript(
            "CREATE TABLE sessions (id INTEGER PRIMARY KEY, started TEXT NOT NULL, ended TEXT,"
            " lang TEXT NOT NULL);"
            "CREATE TABLE views (session INTEGER NOT NULL, screen TEXT NOT NULL,"
            " started TEXT NOT NULL, dwell REAL NOT NULL, lang TEXT NOT NULL);"
            "CREATE TABLE events (session INTEGER NOT NULL, at TEXT NOT NULL,"
            " kind TEXT NOT NULL, target TEXT NOT NULL);"
            "INSERT INTO sessions VALUES (1, '2025-05-06 10:00:00', NULL, 'zh');"
        )
        con.commit()
    db.chmod(0o444)  # read-only, as `kiosk stats` opens it: no table can be added
    stats = collect(db)
    assert stats.sessions == 1 and stats.taps == []
    assert tap_points(db) == {}
    assert stats_command(None, None, db=db) == 0
    assert "1 sessions" in capsys.readouterr().out

    db.chmod(0o644)
    clock = ManualClock(datetime(2025, 5, 7, 10, 0))
    analytics = Analytics(db, clock)  # the kiosk adds the table and goes on
    analytics.start_session("en")
    analytics.tap("alpha", 0.25, 0.75, "portrait")
    analytics.close()
    assert collect(db).taps == [("alpha", "portrait", 1)]
    assert ("taps", "alpha/portrait", "1") in collect(db).rows()
