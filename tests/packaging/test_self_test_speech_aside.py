"""`kiosk self-test` as a command (its own process, as a technician runs it): the speech check
runs in a child process beside the screens, says its phrases with the real engine, and still
fails when the speech engine cannot be reached."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import REPO


def selftest(content: Path, env: dict) -> tuple[int, dict]:
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "self-test", "--json", "--content", str(content)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    return run.returncode, json.loads(run.stdout.splitlines()[-1])


def speech_check(report: dict) -> dict:
    return next(check for check in report["checks"] if check["name"] == "speech")


def test_the_phrases_are_said_beside_the_screens(tiny_content, speech):
    status, report = selftest(tiny_content, dict(os.environ))  # (SPEECHD_ADDRESS: the tests')
    assert status == 0, report
    speech = speech_check(report)
    assert speech["ok"], speech
    assert speech["detail"].startswith("zh: Chinese (Mandarin")
    assert "en: English (America)" in speech["detail"]


def test_a_speech_dispatcher_that_never_answers_fails_the_check(tiny_content):
    with tempfile.TemporaryDirectory(prefix="kiosk-hung-", dir="/tmp") as folder:
        path = Path(folder) / "speechd.sock"
        hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        hung.bind(str(path))
        hung.listen(8)  # connections wait in its backlog: accepted, never answered
        try:
            env = {**os.environ, "SPEECHD_ADDRESS": f"unix_socket:{path}"}
            status, report = selftest(tiny_content, env)
        finally:
            hung.close()
    assert status == 1
    speech = speech_check(report)
    assert not speech["ok"]
    assert speech["detail"] == "no text to speech engine (see packaging/README.md)"
    others = [check for check in report["checks"] if check["name"] != "speech"]
    assert all(check["ok"] for check in others), others
