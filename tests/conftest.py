"""Test configuration shared by every test: headless Qt, and no system fonts for Qt to lean on.

Qt runs on the offscreen platform, on a screen big enough for the kiosk's windows.
Fontconfig is pointed at an empty configuration so that only the fonts the app bundles and
registers can render text: a missing CJK font shows up as a failing test here instead of
hiding behind whatever fonts the machine happens to have.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.offscreen import use_offscreen_screen

os.environ["QT_QPA_PLATFORM"] = "offscreen"
use_offscreen_screen()
_fonts_conf = Path(tempfile.mkdtemp(prefix="kiosk-fc-")) / "fonts.conf"
_fonts_conf.write_text(
    '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
    f"<cachedir>{_fonts_conf.parent}/cache</cachedir></fontconfig>\n"
)
os.environ["FONTCONFIG_FILE"] = str(_fonts_conf)

# pytest-qt's message capture puts the handler it found back after each test: a Python one
# from the start, so that is never None (kiosk/services/qt_messages.py says why it must not be).
from kiosk.services import qt_messages  # noqa: E402

qt_messages.install(qt_messages.to_stderr)

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = REPO / "content"


@pytest.fixture
def clock():
    """A Tuesday morning inside the sample opening hours (a kiosk's clock, set by tests)."""
    from kiosk.services.clock import ManualClock

    return ManualClock(datetime(2026, 12, 1, 10, 0))


@pytest.fixture
def kiosk(qtbot, tmp_path, clock):
    """kiosk(content=SMALL|SAMPLE|None, site=..., panels=..., idle=..., **KioskConfig) ->
    tests.kiosk_kit.Running: the kiosk built by kiosk/root.py, stopped after the test."""
    from tests.kiosk_kit import start_kiosk

    made = []

    def make(**options):
        running = start_kiosk(qtbot, tmp_path, clock, **options)
        made.append(running)
        return running

    yield make
    for running in made:
        running.controller.stop()


@pytest.fixture(scope="session", autouse=True)
def _speech_server():
    """Every client of this run, subprocesses too, talks to a speech-dispatcher of the tests'
    own that plays into libao's null driver (tests/speech_server.py): never to a desktop's,
    never out of a speaker."""
    from tests.speech_server import SpeechServer

    server = SpeechServer()
    before = os.environ.get("SPEECHD_ADDRESS")
    if server.start():
        os.environ["SPEECHD_ADDRESS"] = server.address
    yield server
    server.stop()
    if before is None:
        os.environ.pop("SPEECHD_ADDRESS", None)
    else:
        os.environ["SPEECHD_ADDRESS"] = before


@pytest.fixture
def speech(_speech_server):
    """The tests' speech-dispatcher; a test that speaks fails (never skips) without it."""
    if _speech_server.process is None:
        pytest.fail(_speech_server.problem)
    return _speech_server
