"""`kiosk stats --merge DIR`: three kiosks' analytics files, written by the kiosk's own
writer, become one fleet report, a per-kiosk table and a CSV; bad files are named and skipped.

The fleet (dates in May 2025; views are panel views, the home screen is not one):

    kiosk  file                    sessions                 panel views (dwell)    opened
    lobby  lobby.sqlite            4 Mon 10:00 (3 zh, 1 en) industry 40, map 20 s  4 gallery, 4 map
    hall   hall/analytics.sqlite3  2 Tue 14:00 (en)         industry 10 s          2 gallery
    gate   gate/analytics.sqlite3  3 Thu 09:00 (2 zh, 1 en) map 30 s               3 map

(gallery: gallery_open; map: hotspot_open; one of gate's visitors switched from en to zh: a zh
session). Taps: lobby one on industry (landscape) a visit, hall one on home (portrait) a visit.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.commands import stats_merge
from kiosk.commands.stats import stats_command
from kiosk.commands.stats_merge import NEEDS_FLEET, merge_command
from kiosk.services.analytics import HOME, LANDSCAPE, PORTRAIT, Analytics
from kiosk.services.clock import ManualClock


@pytest.fixture(autouse=True)
def _duckdb():
    try:
        import duckdb  # noqa: F401
    except ImportError:  # never a skip: CI must run these
        pytest.fail("duckdb is missing: the test extra must include the fleet extra")


def visit(analytics, clock, lang, stays, switch_to=None, tap=None):
    analytics.start_session(lang)
    for screen, seconds in stays:
        analytics.view(screen)
        if screen == "industry":
            analytics.event("gallery_open", "industry")
        if screen == "map":
            analytics.event("hotspot_open", "airport")
        if switch_to:
            analytics.language(switch_to)  # an event "language": not counted as opened
        if tap and tap[0] == screen:
            analytics.tap(screen, 0.5, 0.5, tap[1])
        clock.advance(seconds=seconds)
    analytics.end_session()


def write_kiosk(path: Path, start: datetime, visits) -> Path:
    clock = ManualClock(start)
    analytics = Analytics(path, clock)
    for visit_args in visits:
        visit(analytics, clock, **visit_args)
        clock.advance(seconds=5)
    analytics.close()
    return path


def make_fleet(folder: Path) -> Path:
    lobby = dict(stays=[(HOME, 5), ("industry", 40), ("map", 20)], tap=("industry", LANDSCAPE))
    write_kiosk(
        folder / "lobby.sqlite",
        datetime(2025, 5, 5, 10, 0),
        [dict(lang="zh", **lobby)] * 3 + [dict(lang="en", **lobby)],
    )
    hall = dict(lang="en", stays=[(HOME, 3), ("industry", 10)], tap=(HOME, PORTRAIT))
    write_kiosk(folder / "hall" / "analytics.sqlite3", datetime(2025, 5, 6, 14, 0), [hall] * 2)
    write_kiosk(
        folder / "gate" / "analytics.sqlite3",
        datetime(2025, 5, 8, 9, 0),
        [
            dict(lang="en", stays=[("map", 30)], switch_to="zh"),
            dict(lang="zh", stays=[("map", 30)]),
            dict(lang="en", stays=[("map", 30)]),
        ],
    )
    return folder


@pytest.fixture
def fleet(tmp_path):
    return make_fleet(tmp_path / "fleet")


def kiosk_line(report: str, name: str) -> str:
    table = report.split("Per kiosk", 1)[1]
    return next(line for line in table.splitlines() if line.split()[:1] == [name])


def test_the_report_sums_the_three_kiosks(fleet, capsys):
    assert merge_command(fleet, None, None) == 0
    report = capsys.readouterr().out
    assert "Fleet: 3 kiosks from" in report
    assert "Skipped" not in report
    assert "Usage since the start: 9 sessions" in report
    for day in ("2025-05-05      4", "2025-05-06      2", "2025-05-08      3"):
        assert day in report
    for hour in ("09:00      3", "10:00      4", "14:00      2"):
        assert hour in report
    for weekday in ("Mon        4", "Tue        2", "Thu        3"):
        assert weekday in report
    # map 20 s x4 and 30 s x3; industry 40 s x4 and 10 s x2; all 13 views: median 30
    panels = report.split("Most viewed panels", 1)[1]
    assert panels.index("map") < panels.index("industry")  # most viewed first
    assert "map                          7    20.0 s" in report
    assert "industry                     6    40.0 s" in report
    assert "Median dwell on a panel: 30.0 s" in report
    assert "zh   55.6%" in report and "en   44.4%" in report  # 5 and 4 of 9
    assert "gallery_open                 6" in report
    assert "hotspot_open                 7" in report
    assert "language " not in report.split("Opened inside panels", 1)[1].split("Taps")[0]
    assert "industry (landscape)                   4" in report
    assert "home (portrait)                        2" in report


def test_the_per_kiosk_table_names_each_kiosk_by_its_file_or_folder(fleet, capsys):
    assert merge_command(fleet, None, None) == 0
    report = capsys.readouterr().out
    assert kiosk_line(report, "lobby").split() == [
        *("lobby", "4", "8", "30.0", "s"),
        *("en", "25.0%,", "zh", "75.0%"),
    ]
    assert kiosk_line(report, "hall").split() == ["hall", "2", "2", "10.0", "s", "en", "100.0%"]
    assert kiosk_line(report, "gate").split() == [
        *("gate", "3", "3", "30.0", "s"),
        *("en", "33.3%,", "zh", "66.7%"),
    ]
    assert kiosk_line(report, "(total)").split() == [
        *("(total)", "9", "13", "30.0", "s"),
        *("en", "44.4%,", "zh", "55.6%"),
    ]
    table = report.split("Per kiosk", 1)[1]
    assert table.index("gate") < table.index("hall") < table.index("lobby") < table.index("total")


def test_one_kiosk_merged_reads_as_kiosk_stats_reads_it(fleet, tmp_path, capsys):
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(fleet / "lobby.sqlite", alone / "lobby.sqlite")
    assert stats_command(None, None, db=alone / "lobby.sqlite") == 0
    single = capsys.readouterr().out
    assert merge_command(alone, None, None) == 0
    merged = capsys.readouterr().out
    assert single.strip() in merged  # every section, figure for figure


def test_since_leaves_out_older_days(fleet, capsys):
    assert merge_command(fleet, "2025-05-06", None) == 0
    report = capsys.readouterr().out
    assert "Usage since 2025-05-06: 5 sessions" in report
    assert "2025-05-05" not in report and "10:00" not in report
    assert "industry                     2    10.0 s" in report
    assert "map                          3    30.0 s" in report
    assert "gallery_open                 2" in report
    assert "hotspot_open                 3" in report
    assert "industry (landscape)" not in report
    assert kiosk_line(report, "lobby").split() == ["lobby", "0", "0", "-", "-"]
    assert kiosk_line(report, "(total)").split()[:3] == ["(total)", "5", "5"]


def test_a_bad_since_is_a_usage_error(fleet, capsys):
    assert merge_command(fleet, "May 6", None) == 2
    assert "--since expects a date like 2025-01-31, got 'May 6'" in capsys.readouterr().out


def test_csv_has_one_row_per_kiosk_and_a_total(fleet, tmp_path, capsys):
    out = tmp_path / "fleet.csv"
    assert merge_command(fleet, None, out) == 0
    assert f"Wrote 4 rows (3 kiosks and the total) to {out}" in capsys.readouterr().out
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["kiosk", "file", "sessions", "panel_views", "median_dwell_s", "share_en", "share_zh"],
        ["gate", "gate/analytics.sqlite3", "3", "3", "30.0", "0.333", "0.667"],
        ["hall", "hall/analytics.sqlite3", "2", "2", "10.0", "1.000", "0.000"],
        ["lobby", "lobby.sqlite", "4", "8", "30.0", "0.250", "0.750"],
        ["(total)", "", "9", "13", "30.0", "0.444", "0.556"],
    ]


def test_csv_honours_since(fleet, tmp_path, capsys):
    out = tmp_path / "fleet.csv"
    assert merge_command(fleet, "2025-05-07", out) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        rows = {row[0]: row for row in csv.reader(handle)}
    assert rows["lobby"][2:] == ["0", "0", "", "", ""]
    assert rows["gate"][2:5] == ["3", "3", "30.0"]
    assert rows["(total)"][2:5] == ["3", "3", "30.0"]


def test_a_csv_that_cannot_be_written_is_one_line(fleet, tmp_path, capsys):
    assert merge_command(fleet, None, tmp_path / "missing" / "fleet.csv") == 1
    err = capsys.readouterr().err
    assert "kiosk: cannot write" in err and "Traceback" not in err


def corrupt_copy(source: Path, target: Path) -> Path:
    """The SQLite header and first page (the schema) intact, every other page overwritten."""
    data = bytearray(source.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    assert len(data) > 2 * page
    data[page:] = b"\xde\xad\xbe\xef" * ((len(data) - page) // 4)
    target.write_bytes(bytes(data))
    return target


def test_bad_files_are_named_and_skipped(fleet, tmp_path, capsys):
    big = write_kiosk(
        tmp_path / "big.sqlite",
        datetime(2025, 5, 7, 12, 0),
        [dict(lang="zh", stays=[("industry", 5), ("map", 5)])] * 200,
    )
    corrupt_copy(big, fleet / "broken.sqlite")
    (fleet / "cut").mkdir()
    (fleet / "cut" / "analytics.sqlite3").write_bytes(big.read_bytes()[:4096])  # half synced
    with sqlite3.connect(fleet / "notes.sqlite") as other:
        other.execute("CREATE TABLE notes (text TEXT)")
    other.close()
    with sqlite3.connect(fleet / "old.db") as wrong:
        wrong.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, started TEXT)")
        wrong.execute("CREATE TABLE views (screen TEXT)")
        wrong.execute("CREATE TABLE events (kind TEXT)")
    wrong.close()
    with sqlite3.connect(fleet / "blank.sqlite3") as blank:  # a database with no tables
        blank.execute("PRAGMA user_version = 1")
    blank.close()
    (fleet / "empty.sqlite").write_bytes(b"")
    (fleet / "text.db").write_text("not a database\n")
    (fleet / "README.txt").write_text("kiosk analytics, synced nightly\n")  # not mentioned
    # the kiosk's own spare copy of a damaged file, and Syncthing's old versions: not counted
    shutil.copy(big, fleet / "hall" / "analytics.sqlite3.corrupt-20250501-101500")
    (fleet / ".stversions").mkdir()
    shutil.copy(fleet / "lobby.sqlite", fleet / ".stversions" / "lobby~20250504.sqlite")

    assert merge_command(fleet, None, None) == 0
    report = capsys.readouterr().out
    assert "Traceback" not in report
    skipped = {
        line.split(": ", 1)[0].removeprefix("Skipped "): line.split(": ", 1)[1]
        for line in report.splitlines()
        if line.startswith("Skipped ")
    }
    assert skipped == {
        str(fleet / "blank.sqlite3"): "not an analytics file (no tables)",
        str(fleet / "broken.sqlite"): "cannot be read: database disk image is malformed",
        str(fleet / "cut" / "analytics.sqlite3"): skipped[str(fleet / "cut" / "analytics.sqlite3")],
        str(fleet / "empty.sqlite"): "empty file",
        str(fleet / "hall" / "analytics.sqlite3.corrupt-20250501-101500"): (
            "set aside by its kiosk as damaged"
        ),
        str(fleet / "notes.sqlite"): "not an analytics file (no sessions table)",
        str(fleet / "old.db"): "not an analytics file (sessions has no lang column)",
        str(fleet / "text.db"): "not an SQLite file",
    }
    assert skipped[str(fleet / "cut" / "analytics.sqlite3")].startswith("cannot be read: ")
    assert "README" not in report and ".stversions" not in report
    assert "Fleet: 3 kiosks from" in report
    assert "Usage since the start: 9 sessions" in report  # the three good ones, once each
    assert kiosk_line(report, "(total)").split()[:3] == ["(total)", "9", "13"]


def test_a_folder_of_only_bad_files_gives_no_report(tmp_path, capsys):
    (tmp_path / "a.sqlite").write_text("junk")
    assert merge_command(tmp_path, None, None) == 1
    out = capsys.readouterr().out
    assert f"Skipped {tmp_path / 'a.sqlite'}: not an SQLite file" in out
    assert "No analytics file could be read: no report." in out


def test_a_folder_with_no_files_or_none_at_all(tmp_path, capsys):
    assert merge_command(tmp_path, None, None) == 1
    assert f"No analytics files in {tmp_path}." in capsys.readouterr().out
    assert merge_command(tmp_path / "nowhere", None, None) == 1
    assert "is not a folder" in capsys.readouterr().err


def test_two_files_with_one_name_are_told_apart_by_their_path(fleet, capsys):
    (fleet / "annex").mkdir()
    shutil.copy(fleet / "lobby.sqlite", fleet / "annex" / "lobby.sqlite")
    assert merge_command(fleet, None, None) == 0
    report = capsys.readouterr().out
    assert kiosk_line(report, "lobby.sqlite").split()[1] == "4"
    assert kiosk_line(report, "annex/lobby.sqlite").split()[1] == "4"
    assert "Usage since the start: 13 sessions" in report


def test_a_file_from_before_taps_were_recorded_is_merged(fleet, capsys):
    old = fleet / "old.sqlite"
    shutil.copy(fleet / "lobby.sqlite", old)
    with sqlite3.connect(old) as db:
        db.execute("DROP TABLE taps")
    db.close()
    assert merge_command(fleet, None, None) == 0
    report = capsys.readouterr().out
    assert kiosk_line(report, "old").split()[:3] == ["old", "4", "8"]
    assert "industry (landscape)                   4" in report  # lobby's only


def test_without_duckdb_it_says_which_extra_to_install(fleet, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "duckdb", None)  # `import duckdb` raises ImportError
    assert merge_command(fleet, None, None) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == NEEDS_FLEET + "\n"
    assert NEEDS_FLEET == (
        "kiosk stats --merge needs the fleet extra: pip install 'etown-kiosk[fleet]'"
    )


def test_without_the_sqlite_extension_it_says_so_in_one_line(fleet, monkeypatch, capsys):
    monkeypatch.setattr(stats_merge, "_load_sqlite", lambda con: "no network")
    assert merge_command(fleet, None, None) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "kiosk stats --merge: DuckDB's sqlite extension cannot be loaded (no network); "
        "pip install 'etown-kiosk[fleet]' brings it"
    ]


def test_the_sqlite_extension_is_loaded_offline_from_the_fleet_extra(tmp_path, monkeypatch):
    """The extension binary comes from the duckdb-extension-sqlite-scanner wheel: no download
    (this machine has no network), nothing written to DuckDB's extension folder."""
    import duckdb

    monkeypatch.setenv("HOME", str(tmp_path))
    con = duckdb.connect(":memory:", config=stats_merge.CONFIG)
    try:
        con.execute(f"SET extension_directory = '{tmp_path / 'extensions'}'")
        assert stats_merge._load_sqlite(con) is None
        loaded = con.execute(
            "SELECT loaded, installed FROM duckdb_extensions() "
            "WHERE extension_name = 'sqlite_scanner'"
        ).fetchone()
    finally:
        con.close()
    assert loaded == (True, False)  # loaded from the wheel's file, not installed
    assert not (tmp_path / "extensions").exists()


def test_the_files_are_only_read(fleet, capsys):
    before = {p: p.read_bytes() for p in fleet.rglob("*") if p.is_file()}
    assert merge_command(fleet, None, None) == 0
    after = {p: p.read_bytes() for p in fleet.rglob("*") if p.is_file()}
    assert after == before  # nothing written, no journal left behind


def test_kiosk_cli_runs_the_merge(fleet, tmp_path, capsys):
    from kiosk.cli import main

    out = tmp_path / "fleet.csv"
    assert main(["stats", "--merge", str(fleet), "--since", "2025-05-06", "--csv", str(out)]) == 0
    report = capsys.readouterr().out
    assert "Usage since 2025-05-06: 5 sessions" in report
    with open(out, encoding="utf-8", newline="") as handle:
        assert [row[0] for row in csv.reader(handle)] == [
            *("kiosk", "gate", "hall", "lobby", "(total)"),
        ]


def test_a_report_of_a_merge_is_refused_with_a_reason(fleet, tmp_path, capsys):
    from kiosk.cli import main

    assert main(["stats", "--merge", str(fleet), "--report", str(tmp_path / "r.pdf")]) == 2
    assert "--report is for one kiosk's file, not --merge" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_the_merge_imports_no_qt(fleet):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kiosk.commands.stats_merge import merge_command\n"
        f"assert merge_command(Path({str(fleet)!r}), None, None) == 0\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not qt, qt\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Usage since the start: 9 sessions" in done.stdout
