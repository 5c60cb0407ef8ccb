"""No way off the kiosk: openbox's shortcuts, driven with xdotool, in a real X session.

The kiosk runs from source on its own Xvfb (the smoke test's fixtures), under openbox:

- `test_the_locked_session_offers_no_escape` starts the shipped session launcher
  (packaging/session/etown-kiosk-session: openbox with packaging/session/openbox/rc.xml, then
  the kiosk) and tries openbox's default escapes one by one: Alt+Space (window menu),
  Super+D (show desktop), Ctrl+Alt+Right (next desktop), Alt+F4, Alt+Tab, Alt+wheel and a
  right-click on the screen's edge (desktop menu). After each, the kiosk window must still be
  mapped, the size of the screen, fullscreen, in the top layer and the top of the stacking
  order, on the only desktop; it is sampled every 50 ms for 0.6 s (openbox reacts to a key
  within a few ms), and the first lapse fails the test.
- `test_the_kiosk_takes_the_screen_back_from_openbox_defaults` runs the kiosk under openbox's
  *default* configuration, where those shortcuts work, plus the two no configuration can
  refuse (`xdotool windowminimize`, a client's iconify request; the window menu's
  Layer > Normal), and requires the kiosk back within 1 s each time: that is ScreenKeeper's
  job (kiosk/services/screen_keeper.py), which logs "screen keeper on" when it starts.

Needs Xvfb, openbox, xdotool and xprop/xwininfo (x11-utils); never skipped for want of them:
apt-get install -y xvfb openbox xdotool x11-utils.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress

import pytest

from tests.conftest import REPO
from tests.e2e import test_xvfb_smoke as smoke
from tests.e2e.test_xvfb_smoke import SCREEN, kiosk_env, wait_for_line

display = smoke.display  # the fixtures: a fresh Xvfb for this module, and the sample content
content = smoke.content

SESSION = REPO / "packaging" / "session" / "etown-kiosk-session"
KEEPER_ON = "screen keeper on"  # logged by ScreenKeeper.start()
RUNNING = "kiosk running (kiosk mode)"
SETTLE_S = 0.6  # how long each escape is watched in the locked session
BACK_WITHIN_S = 1.0  # the keeper's promise

# (name, xdotool arguments); "{w}" is the kiosk's window id.
ESCAPES = [
    ("Alt+Space window menu", ["key", "alt+space"]),
    ("Super+D show desktop", ["key", "super+d"]),
    ("Ctrl+Alt+Right next desktop", ["key", "ctrl+alt+Right"]),
    ("Ctrl+Alt+Left previous desktop", ["key", "ctrl+alt+Left"]),
    ("Alt+F4 close", ["key", "alt+F4"]),
    ("Alt+Tab switch window", ["key", "alt+Tab"]),
    ("Alt+wheel next desktop", ["keydown", "alt", "click", "5", "keyup", "alt"]),
    ("right-click on the desktop edge", ["mousemove", "1919", "1079", "click", "3"]),
    ("middle-click on the desktop edge", ["mousemove", "0", "0", "click", "2"]),
]
# What no openbox configuration refuses: only the kiosk itself can take the screen back.
ONLY_THE_KEEPER = [
    ("xdotool windowminimize (iconify request)", ["windowminimize", "{w}"]),
    ("window menu Layer > Normal", ["key", "alt+space", "l", "n"]),
]


def tools() -> None:
    missing = [t for t in ("openbox", "xdotool", "xprop", "xwininfo") if shutil.which(t) is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not installed: apt-get install -y openbox xdotool x11-utils"
        )


def x(dpy: str, *args: str) -> str:
    run = subprocess.run(
        args, env={**os.environ, "DISPLAY": dpy}, capture_output=True, text=True, timeout=10
    )
    return run.stdout if run.returncode == 0 else ""


def xdotool(dpy: str, wid: str, args: list[str]) -> None:
    x(dpy, "xdotool", *[a.format(w=wid) for a in args])


def how_it_looks(dpy: str, wid: str) -> dict:
    info = x(dpy, "xwininfo", "-id", wid)
    props = x(dpy, "xprop", "-id", wid, "_NET_WM_STATE")
    root = x(dpy, "xprop", "-root", "_NET_CLIENT_LIST_STACKING", "_NET_NUMBER_OF_DESKTOPS")
    size = tuple(
        int(line.split(":")[1])
        for line in info.splitlines()
        if line.strip().startswith(("Width:", "Height:"))
    )
    stacking = next((line for line in root.splitlines() if "STACKING" in line), "")
    return {
        "mapped": "IsViewable" in info,
        "size": size,
        "fullscreen": "_NET_WM_STATE_FULLSCREEN" in props,
        "above": "_NET_WM_STATE_ABOVE" in props,
        "hidden": "_NET_WM_STATE_HIDDEN" in props,
        # the top of openbox's stacking order, bottom to top: nothing above the kiosk
        "on_top": stacking.replace(",", " ").split()[-1:] == [hex(int(wid))],
        "root": root.strip(),
    }


def held(state: dict) -> bool:
    return (
        state["mapped"]
        and state["size"] == SCREEN
        and state["fullscreen"]
        and state["above"]
        and not state["hidden"]
        and state["on_top"]
    )


def kiosk_window(dpy: str, lines: list[str]) -> str:
    """The kiosk's window id, once it is shown fullscreen on top."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = x(dpy, "xdotool", "search", "--onlyvisible", "--name", "^E-Town$").split()
        if found and held(how_it_looks(dpy, found[0])):
            return found[0]
        time.sleep(0.1)
    pytest.fail("the kiosk never showed fullscreen and on top:\n" + "".join(lines))


@contextmanager
def running(command: list[str], env: dict[str, str]):
    """Start `command` in its own process group; yield it and its stderr lines so far."""
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []

    def drain() -> None:  # keeps the pipe from filling; ends at EOF, when the group is gone
        for line in process.stderr:
            lines.append(line)

    reader = threading.Thread(target=drain, daemon=True)
    try:
        lines.append(wait_for_line(process, RUNNING))
        reader.start()
        yield process, lines
    finally:
        stop(process)
        if reader.is_alive():
            reader.join(timeout=5)
        process.stderr.close()


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the whole group (a session: openbox and the kiosk), then SIGKILL."""
    try:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    finally:
        with suppress(ProcessLookupError):  # whatever it left behind (openbox, the kiosk)
            os.killpg(process.pid, signal.SIGKILL)
        gone_by = time.monotonic() + 10  # a next openbox must not meet this one still dying
        with suppress(ProcessLookupError):
            while time.monotonic() < gone_by:
                os.killpg(process.pid, 0)
                time.sleep(0.05)


def test_the_locked_session_offers_no_escape(display, content, tmp_path):
    tools()
    env = kiosk_env(display, tmp_path, HOME=str(tmp_path / "home"))
    command = [str(SESSION), sys.executable, "-m", "kiosk", "run", "--content", str(content)]
    with running(command, env) as (session, lines):
        wid = kiosk_window(display, lines)
        text = "".join(lines)
        assert "managing the screen with" in text, text
        # A config openbox cannot parse is replaced by its default one, shortcuts and all.
        assert "parser error" not in text and "Openbox-Message" not in text, text
        assert "_NET_NUMBER_OF_DESKTOPS(CARDINAL) = 1" in how_it_looks(display, wid)["root"]
        for name, args in ESCAPES:
            xdotool(display, wid, args)
            deadline = time.monotonic() + SETTLE_S
            while time.monotonic() < deadline:
                state = how_it_looks(display, wid)
                assert held(state), f"after {name}: {state}\n{''.join(lines)}"
                time.sleep(0.05)
        assert session.poll() is None, "".join(lines)


# ---- ScreenKeeper: openbox's default configuration, every shortcut live -----------------------
# The composition root starts ScreenKeeper (kiosk/services/screen_keeper.py) in kiosk mode, and
# ScreenKeeper.start() logs "screen keeper on" before "kiosk running (kiosk mode)".


def test_the_kiosk_takes_the_screen_back_from_openbox_defaults(display, content, tmp_path):
    tools()
    home = tmp_path / "home"  # no ~/.config/openbox: openbox reads /etc/xdg/openbox/rc.xml
    env = kiosk_env(display, tmp_path, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    with _openbox(env):
        command = [sys.executable, "-m", "kiosk", "run", "--content", str(content)]
        with running(command, env) as (kiosk, lines):
            assert any(KEEPER_ON in line for line in lines), "".join(lines)
            wid = kiosk_window(display, lines)
            taken_back = {}
            for name, args in ESCAPES + ONLY_THE_KEEPER:
                start = time.monotonic()
                xdotool(display, wid, args)
                while not held(state := how_it_looks(display, wid)):
                    assert time.monotonic() - start < BACK_WITHIN_S, (
                        f"{name}: not back within {BACK_WITHIN_S} s: {state}\n{''.join(lines)}"
                    )
                    time.sleep(0.05)
                taken_back[name] = round(time.monotonic() - start, 2)
            assert kiosk.poll() is None, "".join(lines)
            print("seconds to hold the screen again:", taken_back)


def _display_answers(dpy: str, within_s: float = 10.0) -> bool:
    """Wait until the X server takes a connection (a loaded machine can be slow to let one
    in); whether it did."""
    deadline = time.monotonic() + within_s
    while not x(dpy, "xprop", "-root", "_NET_SUPPORTING_WM_CHECK"):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@contextmanager
def _openbox(env: dict[str, str]):
    """openbox with its default configuration, until the with-block ends.

    openbox prints its messages on stdout (GLib's g_message), so both streams are kept. It is
    given three tries: one that starts while a former openbox is still letting go of the
    screen can exit at once.
    """
    failures = []
    for _ in range(3):
        answers = _display_answers(env["DISPLAY"])
        x(env["DISPLAY"], "xprop", "-root", "-remove", "_NET_SUPPORTING_WM_CHECK")  # a former's
        wm = subprocess.Popen(
            ["openbox", "--sm-disable", "--replace"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while wm.poll() is None and "window id" not in x(
            env["DISPLAY"], "xprop", "-root", "_NET_SUPPORTING_WM_CHECK"
        ):
            assert time.monotonic() < deadline, "openbox did not start"
            time.sleep(0.05)
        if wm.poll() is None:
            break
        failures.append(
            f"openbox exited with {wm.returncode} (the X server "
            f"{'answered' if answers else 'did not answer within 10 s'} before it started): "
            f"{wm.stdout.read()!r}"
        )
        wm.stdout.close()
        time.sleep(0.5)
    else:
        pytest.fail("\n".join(failures))
    try:
        yield wm
    finally:
        wm.terminate()
        wm.communicate(timeout=10)  # (reads and closes its output)
