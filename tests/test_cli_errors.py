"""No traceback reaches an operator from any command: one line that names the path and says
what to do, exit 1 for a failure and 2 for a usage error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime

from kiosk.commands.stats import stats_command
from kiosk.services.analytics import Analytics
from kiosk.services.clock import ManualClock
from tests.conftest import SAMPLE_CONTENT


def kiosk_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_a_file_name_that_is_not_utf8_is_named_even_on_an_ascii_terminal(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "panels" / os.fsdecode(b"caf\xe9.yaml")).write_text("id: cafe\n", encoding="utf-8")
    run = kiosk_cli("validate", "--content", str(content), env={"PYTHONIOENCODING": "ascii"})
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    line = next(line for line in run.stdout.splitlines() if "caf" in line)
    assert line.startswith("panels/caf\\xe9.yaml: error: the file name is not valid UTF-8")
    assert "rename it" in line


def test_stats_into_a_folder_that_does_not_exist_says_so(tmp_path, capsys):
    db = tmp_path / "analytics.sqlite3"
    analytics = Analytics(db, ManualClock(datetime(2025, 5, 6, 10, 0)))
    analytics.start_session("zh")
    analytics.close()
    target = tmp_path / "missing" / "report.csv"
    assert stats_command(None, target, db=db) == 1
    err = capsys.readouterr().err
    assert f"cannot write {target}" in err and "folder that exists" in err


def test_screenshots_into_a_file_is_a_usage_error(tmp_path):
    target = tmp_path / "shots.png"
    target.write_bytes(b"not a folder")
    run = kiosk_cli("screenshots", "--content", str(SAMPLE_CONTENT), "--out", str(target))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert f"--out {target} is a file; give a folder" in run.stderr
    assert target.read_bytes() == b"not a folder"


def test_screenshots_with_nowhere_to_write_is_a_usage_error():
    run = kiosk_cli("screenshots", "--content", str(SAMPLE_CONTENT))
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == "kiosk screenshots: give --out DIR, --sheet FILE.pdf or both\n"


def test_a_moment_that_is_not_a_date_is_a_usage_error_naming_the_form():
    run = kiosk_cli("preview", "--at", "next monday")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert 'expected a date and time like "2026-05-01 10:30"' in run.stderr


def test_an_unforeseen_file_error_is_one_line_not_a_traceback(tmp_path):
    # A content folder that is a file: every command still answers in one line.
    not_a_folder = tmp_path / "content"
    not_a_folder.write_text("oops", encoding="utf-8")
    run = kiosk_cli("validate", "--content", str(not_a_folder))
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
