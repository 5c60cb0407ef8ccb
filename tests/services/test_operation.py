"""Kiosk operation faults found by walking through the real app under Xvfb."""

from __future__ import annotations

import logging

from PySide6.QtCore import QPoint, QTimer

from kiosk.content.models import IdleSettings
from kiosk.services import lockdown
from kiosk.services.idle import IdleState
from tests.services.kit import PIN, shown_text, write_yaml
from tests.touch import tap

NO_IDLE = {"timeout_seconds": 600, "countdown_seconds": 30, "attract_after_seconds": 600}
CLOSED_TUESDAY = {"tue": "closed", "wed": "09:00-17:00"}


def open_admin(window, controller) -> None:
    """The corner taps, then the PIN typed on the pad: all real touches."""
    w, h = window.width(), window.height()
    tl, tr, br, bl = QPoint(20, 20), QPoint(w - 20, 20), QPoint(w - 20, h - 20), QPoint(20, h - 20)
    for point in (tl, tr, br, bl, tl):
        tap(window, point)
    for key in [*PIN, "ok"]:
        button = controller.overlays.pin_pad.buttons[key]
        tap(button, button.rect().center())


def test_no_still_there_countdown_over_the_unavailable_screen(qtbot, kiosk, tmp_path):
    content_dir = tmp_path / "content"
    write_yaml(content_dir / "site.yaml", {"title": "no panels, not valid"})
    running = kiosk(content=None)
    controller, window = running.controller, running.window
    controller.idle.configure(IdleSettings(timeout_seconds=0.1, countdown_seconds=30))
    assert controller.overlays.unavailable.isVisible()
    tap(window, QPoint(640, 360))  # a visitor tries the screen anyway
    qtbot.waitUntil(lambda: controller.idle.state is IdleState.COUNTDOWN, timeout=3000)
    assert not controller.overlays.countdown.isVisible()
    assert controller.overlays.unavailable.isVisible()


def test_closed_at_start_turns_the_display_off_once(kiosk, monkeypatch):
    calls = []
    monkeypatch.setattr(lockdown, "display_power", lambda on: calls.append(on) or True)
    monkeypatch.setattr(lockdown, "inhibit_screensaver", lambda: "none")
    controller = kiosk(site={"opening_hours": CLOSED_TUESDAY}, manage_display=True).controller
    assert controller.overlays.standby.isVisible()
    assert calls == [False]


def test_display_back_on_also_switches_dpms_off_again(monkeypatch):
    commands = []
    monkeypatch.setattr(lockdown, "_run", lambda args: commands.append(args) or True)
    monkeypatch.setattr(lockdown.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    lockdown.display_power(False)
    assert commands == [["xset", "dpms", "force", "off"]]
    commands.clear()
    lockdown.display_power(True)
    # `force` enables DPMS; left enabled, the screen would blank mid-day after X's timeouts.
    assert commands == [["xset", "dpms", "force", "on"], ["xset", "s", "off", "-dpms"]]


def test_after_a_crash_the_admin_screen_shows_the_last_crash(qtbot, kiosk, caplog):
    running = kiosk(site={"idle": NO_IDLE})
    controller, window = running.controller, running.window

    def broken_slot():
        raise ZeroDivisionError("bad figure")

    with caplog.at_level(logging.ERROR, logger="kiosk.crash"):
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: controller.guard.count == 1, timeout=3000)
    open_admin(window, controller)
    assert controller.overlays.admin.isVisible()
    assert "ZeroDivisionError: bad figure" in shown_text(controller.overlays.admin)
