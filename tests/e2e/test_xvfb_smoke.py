"""The real app in a real X window: `kiosk run` in kiosk mode on its own Xvfb server.

Each test starts the kiosk as a subprocess with KIOSK_EXIT_AFTER_FIRST_FRAME=1 (it prints
FIRST_FRAME at the first paint and exits 0) and KIOSK_SCREENSHOT (the window as painted,
saved at that moment). The bundle test runs the same against $KIOSK_DIST/kiosk, which CI
builds first (`make dist`); leave it out locally with -m "not dist".

Xvfb is required, never skipped: `apt-get install -y xvfb libxcb-icccm4 libxcb-keysyms1
libxcb-cursor0` (CI installs them).
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from PySide6.QtGui import QImage

from tests.conftest import SAMPLE_CONTENT

SCREEN = (1920, 1080)
TIMEOUT_S = 20


@pytest.fixture(scope="module")
def display():
    """A fresh Xvfb on a free display number (Xvfb picks it and reports it when ready)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.fail(
            "Xvfb is not installed; the smoke test needs a real X server: "
            "apt-get install -y xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0"
        )
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            xvfb,
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{SCREEN[0]}x{SCREEN[1]}x24",
            "-nolisten",
            "tcp",
            "-noreset",  # (no reset of the server between tests, when its last client leaves)
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 10)
        number = os.read(read_end, 32).decode().strip() if ready else ""
        if not number:
            pytest.fail(f"Xvfb did not start within 10 s (exit code {server.poll()})")
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def content(tmp_path) -> Path:
    """The shipped content, always open: its opening hours would show standby at night."""
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    site = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))
    site.pop("opening_hours", None)
    (root / "site.yaml").write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")
    return root


def kiosk_env(display: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    """The kiosk on `display`, with its logs, analytics and last-good copy under tmp_path."""
    env = dict(os.environ)
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        **extra,
    )
    return env


def first_frame(command: list[str], display: str, tmp_path: Path) -> tuple[str, Path]:
    """Run the kiosk to its first frame; return its stderr and the screenshot path."""
    shot = tmp_path / "first-frame.png"
    env = kiosk_env(display, tmp_path, KIOSK_EXIT_AFTER_FIRST_FRAME="1", KIOSK_SCREENSHOT=str(shot))
    run = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "FIRST_FRAME" in run.stdout.splitlines(), run.stdout + run.stderr
    return run.stderr, shot


def distinct_colours(image: QImage, step: int = 7) -> int:
    """Distinct pixel values in a sample of every `step`-th pixel."""
    data = bytes(image.convertToFormat(QImage.Format.Format_RGB32).constBits())
    return len({data[i : i + 4] for i in range(0, len(data), 4 * step)})


def assert_full_screen_home(stderr: str, shot: Path) -> None:
    assert "kiosk: the content" not in stderr  # no content errors: the home screen, not a fallback
    image = QImage(str(shot))
    assert not image.isNull(), f"no screenshot at {shot}"
    assert (image.width(), image.height()) == SCREEN  # fullscreen on the X screen
    assert distinct_colours(image) > 1000  # photos, icons and text, not a blank window


def test_kiosk_mode_paints_the_home_screen_fullscreen(qapp, display, content, tmp_path):
    stderr, shot = first_frame(
        [sys.executable, "-m", "kiosk", "run", "--content", str(content)], display, tmp_path
    )
    assert_full_screen_home(stderr, shot)


def test_broken_content_and_no_last_good_copy_says_so(qapp, display, content, tmp_path):
    (content / "panels" / "industry.yaml").write_text("title: [broken\n", encoding="utf-8")
    stderr, shot = first_frame(
        [sys.executable, "-m", "kiosk", "run", "--content", str(content)], display, tmp_path
    )
    assert "No last good copy: showing 'temporarily unavailable'" in stderr
    assert (QImage(str(shot)).width(), QImage(str(shot)).height()) == SCREEN


def test_sigterm_stops_the_kiosk_cleanly(display, content, tmp_path):
    """`systemctl stop` sends SIGTERM: the kiosk leaves its event loop and exits 0."""
    with subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--content", str(content)],
        env=kiosk_env(display, tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as kiosk:
        try:
            seen = wait_for_line(kiosk, "kiosk running (kiosk mode)")
            kiosk.send_signal(signal.SIGTERM)
            code = kiosk.wait(timeout=10)
            seen += kiosk.stderr.read()
        finally:
            if kiosk.poll() is None:
                kiosk.kill()
    assert code == 0, seen
    assert "received SIGTERM: quitting" in seen


def wait_for_line(process: subprocess.Popen, text: str) -> str:
    """Read `process` stderr until a line contains `text`; return what was read."""
    deadline = time.monotonic() + TIMEOUT_S
    seen = ""
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        seen += line
        if text in line:
            return seen
    pytest.fail(f"the kiosk never logged {text!r}:\n{seen}")


@pytest.mark.dist
def test_frozen_bundle_paints_the_home_screen_fullscreen(qapp, display, content, tmp_path):
    value = os.environ.get("KIOSK_DIST")
    if not value:
        pytest.fail(
            "KIOSK_DIST is not set: build with `make dist` and set KIOSK_DIST=dist/kiosk "
            '(`make test` does both), or leave the bundle tests out with -m "not dist"'
        )
    executable = Path(value) / "kiosk"
    if not executable.is_file():
        pytest.fail(f"KIOSK_DIST={value} holds no kiosk executable: run `make dist`")
    stderr, shot = first_frame(
        [str(executable), "run", "--content", str(content)], display, tmp_path
    )
    assert_full_screen_home(stderr, shot)
