"""A log that cannot be written (a full disk) says so once and goes quiet, then comes back.

What a deployer meets in the journal: one line naming the log file and the error, not a
"--- Logging error ---" traceback per record; and once space is freed, the file fills again
with a note of how many records were lost. /dev/full fails every write with ENOSPC, like a
full disk.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from kiosk.services.logs import LOG_FILE, LogFileHandler, setup_logging
from tests.services.kit import logging_restored

pytestmark = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


def full_disk_log(folder: Path) -> Path:
    """folder/kiosk.log, every write to which fails with ENOSPC."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    path.symlink_to("/dev/full")
    return path


@pytest.fixture
def file_logger(tmp_path):
    """A logger writing only to a LogFileHandler on a full disk (tmp_path/logs/kiosk.log)."""
    path = full_disk_log(tmp_path / "logs")
    handler = LogFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    log = logging.getLogger("kiosk.test.full_disk")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    try:
        yield log, handler, path
    finally:
        log.removeHandler(handler)
        handler.close()
        log.propagate = True


def test_a_full_disk_gives_one_line_on_stderr_then_silence(file_logger, capsys):
    log, _, path = file_logger
    for n in range(500):  # several records a second, for minutes
        log.info("visitor opened panel %d", n)
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert str(path) in err
    assert "No space left on device" in err
    assert "Traceback" not in err and "Logging error" not in err


def test_logging_resumes_when_writing_works_again(file_logger, capsys):
    log, handler, path = file_logger
    for n in range(30):
        log.info("lost record %d", n)
    path.unlink()  # space is freed: the same path now takes writes
    log.info("first record after the disk was freed")
    log.info("second record")
    handler.flush()

    text = path.read_text(encoding="utf-8")
    assert "first record after the disk was freed" in text
    assert "second record" in text
    assert "30 records before the line above were lost" in text
    assert "lost record" not in text
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2, err
    assert "cannot write the log file" in err[0]
    assert f"writing the log file {path} again (30 records lost)" in err[1]


def test_a_second_failure_is_reported_once_again(file_logger, capsys):
    log, handler, path = file_logger
    log.info("lost")
    path.unlink()
    log.info("written")
    path.unlink()
    path.symlink_to("/dev/full")  # full again, from the next opening of the file on
    handler.stream.close()
    handler.stream = None  # reopened at the next record, as after a rotation
    for _ in range(50):
        log.info("lost again")
    err = capsys.readouterr().err
    assert err.count("cannot write the log file") == 2, err
    assert err.count("\n") == 3, err


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts fds in /proc/self/fd")
def test_failing_writes_leave_no_descriptor_open(file_logger):
    log, _, _ = file_logger
    log.info("first failure")
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(200):
        log.info("again")
    assert len(os.listdir("/proc/self/fd")) <= before


def test_a_write_that_raises_enospc_is_quiet_too(tmp_path, capsys, monkeypatch):
    """The same through a stream whose write raises, not only through a failing flush."""
    handler = LogFileHandler(tmp_path / LOG_FILE, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    opened = handler._open

    class FullStream:
        def __init__(self):
            self.inner = opened()

        def write(self, text):
            raise OSError(28, "No space left on device")

        def flush(self):
            self.inner.flush()

        def close(self):
            self.inner.close()

    handler.stream.close()
    handler.stream = FullStream()
    monkeypatch.setattr(handler, "_open", FullStream)
    try:
        for n in range(100):
            handler.handle(logging.makeLogRecord({"msg": f"record {n}"}))
    finally:
        handler.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "No space left on device" in err and str(tmp_path / LOG_FILE) in err


@pytest.fixture
def restore_logging():
    with logging_restored():
        yield


def test_the_kiosk_log_set_up_on_a_full_disk_prints_no_tracebacks(
    tmp_path, capsys, restore_logging
):
    folder = tmp_path / "logs"
    full_disk_log(folder)
    setup_logging(folder)
    log = logging.getLogger("kiosk.test")
    for n in range(200):
        log.info("record %d", n)
    err = capsys.readouterr().err
    records = [line for line in err.splitlines() if "kiosk.test: record" in line]
    others = [line for line in err.splitlines() if "kiosk.test: record" not in line]
    assert len(records) == 200  # stderr (the journal) still gets every record
    assert len(others) == 1, others
    assert "cannot write the log file" in others[0] and str(folder / LOG_FILE) in others[0]
