"""A damaged, locked or unwritable analytics file costs figures for a moment, never for good.

What a deployer meets: after a power cut leaves `analytics.sqlite3` damaged, the kiosk moves it
aside (kept, byte for byte, as `analytics.sqlite3.corrupt-YYYYmmdd-HHMMSS`), starts a new file
and `kiosk stats` sees the visits that follow. Nothing raises into the UI, a failure is logged
once rather than on every touch, and no failure leaves a connection (a file descriptor) open.
"""

from __future__ import annotations

import gc
import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.services.analytics import HOME, Analytics, collect
from kiosk.services.clock import ManualClock

LOGGER = "kiosk.services.analytics"


@pytest.fixture
def clock():
    return ManualClock(datetime(2025, 5, 6, 10, 0, 0))


def visit(analytics: Analytics, clock: ManualClock, lang: str = "zh") -> None:
    analytics.start_session(lang)
    for screen, seconds in [(HOME, 3), ("industry", 40), ("map", 20)]:
        analytics.view(screen)
        if screen == "map":
            analytics.event("hotspot_open", "airport")
        clock.advance(seconds=seconds)
    analytics.end_session()


def warnings(caplog) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno >= logging.WARNING
    ]


def asides(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f"{db.name}.corrupt-*"))


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def real_database(path: Path, clock: ManualClock, visits: int) -> None:
    analytics = Analytics(path, clock)
    for _ in range(visits):
        visit(analytics, clock)
    analytics.close()


def test_a_file_of_garbage_is_moved_aside_and_recording_goes_on(tmp_path, clock, caplog):
    db = tmp_path / "analytics.sqlite3"
    garbage = b"this is not an sqlite file\x00\xff" * 200
    db.write_bytes(garbage)
    analytics = Analytics(db, clock)
    visit(analytics, clock)
    visit(analytics, clock, "en")
    analytics.close()

    stats = collect(db)
    assert stats.sessions == 2
    assert ("industry", 2, 40.0) in stats.top_panels
    assert stats.events == [("hotspot_open", 2)]
    [aside] = asides(db)
    assert aside.name == "analytics.sqlite3.corrupt-20250506-100000"  # the clock's time
    assert aside.read_bytes() == garbage  # kept as it was, for inspection
    [message] = warnings(caplog)  # once, not once per touch
    assert "is damaged" in message and aside.name in message


def test_a_truncated_database_is_moved_aside_and_a_new_one_started(tmp_path, clock, caplog):
    db = tmp_path / "analytics.sqlite3"
    real_database(db, clock, visits=300)
    truncated = db.read_bytes()[: db.stat().st_size // 2]  # a power cut mid-write, say
    db.write_bytes(truncated)
    with pytest.raises(sqlite3.DatabaseError):
        collect(db)  # what `kiosk stats` met before: the file is beyond reading

    clock.set(datetime(2025, 5, 7, 9, 30, 15))
    analytics = Analytics(db, clock)
    visit(analytics, clock)
    analytics.close()

    stats = collect(db)
    assert stats.sessions_per_day == [("2025-05-07", 1)]
    [aside] = asides(db)
    assert aside.name == "analytics.sqlite3.corrupt-20250507-093015"
    assert aside.read_bytes() == truncated
    assert len(warnings(caplog)) == 1


def test_a_file_damaged_while_the_kiosk_runs_is_replaced_on_the_next_write(tmp_path, clock):
    db = tmp_path / "analytics.sqlite3"
    analytics = Analytics(db, clock)
    visit(analytics, clock)
    with open(db, "r+b") as handle:  # overwritten in place under the open connection
        handle.write(b"\xde\xad" * 2048)
    visit(analytics, clock, "en")
    visit(analytics, clock, "en")
    analytics.close()

    assert len(asides(db)) == 1
    assert collect(db).sessions >= 1  # the visits after the damage are counted again
    assert collect(db).language_share[-1][0] == "en"


def test_two_damaged_files_in_the_same_second_are_both_kept(tmp_path, clock):
    db = tmp_path / "analytics.sqlite3"
    for n in range(2):
        db.write_bytes(b"garbage %d" % n * 100)
        analytics = Analytics(db, clock)
        visit(analytics, clock)
        analytics.close()
        clock.set(datetime(2025, 5, 6, 10, 0, 0))
    assert sorted(p.read_bytes()[:9] for p in asides(db)) == [b"garbage 0", b"garbage 1"]
    assert collect(db).sessions == 1


def test_a_folder_in_place_of_the_database_is_moved_aside(tmp_path, clock):
    db = tmp_path / "analytics.sqlite3"
    db.mkdir()
    (db / "note.txt").write_text("someone's files")
    analytics = Analytics(db, clock)
    visit(analytics, clock)
    analytics.close()
    [aside] = asides(db)
    assert (aside / "note.txt").read_text() == "someone's files"
    assert collect(db).sessions == 1


@pytest.fixture
def no_gc():
    """Connections that are not closed then stay open: what the kiosk saw with gc off."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts fds in /proc/self/fd")
def test_failing_writes_on_a_locked_file_leave_no_descriptor_open(tmp_path, clock, no_gc, caplog):
    db = tmp_path / "analytics.sqlite3"
    real_database(db, clock, visits=1)
    locker = sqlite3.connect(db)
    locker.execute("BEGIN EXCLUSIVE")  # another process holds the file
    try:
        analytics = Analytics(db, clock, timeout=0.001)
        # SQLite keeps one descriptor of a file another connection of this process has locked
        # (closing it would drop that lock) and reuses it: count from after the first write.
        analytics.start_session("zh")
        before = open_fds()
        for _ in range(50):
            analytics.event("x")  # a write that fails in setting up the schema
            analytics.start_session("zh")
        after = open_fds()
        analytics.close()
    finally:
        locker.rollback()
        locker.close()
    assert after <= before, f"{after - before} descriptors leaked over 100 failing writes"
    assert asides(db) == []  # locked is not damaged: the file stays where it is
    assert len(warnings(caplog)) == 1
    assert collect(db).sessions == 1


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts fds in /proc/self/fd")
def test_a_damaged_file_that_cannot_be_moved_leaves_no_descriptor_open(
    tmp_path, clock, no_gc, caplog, monkeypatch
):
    db = tmp_path / "analytics.sqlite3"
    db.write_bytes(b"not a database" * 100)

    def refuse(src, dst):  # a read-only folder: as root, chmod would not stop the rename
        raise PermissionError(13, "Permission denied", str(src))

    monkeypatch.setattr(os, "replace", refuse)
    analytics = Analytics(db, clock)
    analytics.start_session("zh")  # the first connection may cache what sqlite loads once
    before = open_fds()
    for _ in range(50):
        visit(analytics, clock)
    after = open_fds()
    assert after <= before, f"{after - before} descriptors leaked over 50 failing visits"
    [message] = warnings(caplog)
    assert "cannot write" in message and "Permission denied" in message

    monkeypatch.undo()  # the folder is writable again: the next visit starts a new file
    visit(analytics, clock)
    analytics.close()
    assert collect(db).sessions == 1
    assert len(asides(db)) == 1


def test_an_unwritable_folder_does_not_raise_logs_once_and_recovers(tmp_path, clock, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    db = blocker / "analytics.sqlite3"
    analytics = Analytics(db, clock)
    for _ in range(20):
        visit(analytics, clock)  # must not raise
    [message] = warnings(caplog)
    assert "cannot write" in message and str(db) in message

    blocker.unlink()  # the deployer fixes the folder: figures come back without a restart
    visit(analytics, clock)
    analytics.close()
    assert collect(db).sessions == 1
    assert any("writing to" in r.getMessage() and "again" in r.getMessage() for r in caplog.records)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder nobody can write")
def test_a_read_only_folder_does_not_raise_and_logs_once(clock, caplog):
    db = Path("/proc/self/analytics.sqlite3")  # no file can be created there, even by root
    analytics = Analytics(db, clock)
    for _ in range(20):
        visit(analytics, clock)
    analytics.close()
    [message] = warnings(caplog)
    assert "cannot write" in message
