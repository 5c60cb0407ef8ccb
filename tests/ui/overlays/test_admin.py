"""The hidden admin: corner-tap gesture, PIN pad with lock-out, admin screen and its buttons."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from kiosk.operation import RESTART_EXIT_CODE
from kiosk.services.admin_pin import FREE_TRIES
from tests.services.kit import PIN
from tests.touch import tap

NO_IDLE = {"timeout_seconds": 600, "countdown_seconds": 30, "attract_after_seconds": 600}


def corners(window) -> list[QPoint]:
    w, h = window.width(), window.height()
    tl, tr, br, bl = QPoint(20, 20), QPoint(w - 20, 20), QPoint(w - 20, h - 20), QPoint(20, h - 20)
    return [tl, tr, br, bl, tl]


def press_button(button) -> None:
    tap(button, button.rect().center())


def enter(pad, pin: str) -> None:
    for digit in pin:
        press_button(pad.buttons[digit])
    press_button(pad.buttons["ok"])


def open_pin_pad(window) -> None:
    for point in corners(window):
        tap(window, point)


def test_the_corner_gesture_opens_the_pin_pad_and_near_misses_do_not(qtbot, kiosk):
    running = kiosk(site={"idle": NO_IDLE})
    controller, window = running.controller, running.window
    points = corners(window)
    for point in points[:4] + [QPoint(640, 360)] + points[4:]:  # a tap in the middle spoils it
        tap(window, point)
    assert not controller.overlays.pin_pad.isVisible()
    for point in [points[0], points[2], points[1], points[3], points[0]]:  # wrong order
        tap(window, point)
    assert not controller.overlays.pin_pad.isVisible()
    open_pin_pad(window)
    assert controller.overlays.pin_pad.isVisible()


def test_wrong_pins_are_counted_and_lock_the_pad(qtbot, kiosk):
    running = kiosk(site={"idle": NO_IDLE})
    controller, window = running.controller, running.window
    open_pin_pad(window)
    pad = controller.overlays.pin_pad
    press_button(pad.buttons["1"])
    assert pad.dots.text() == "●"  # masked
    press_button(pad.buttons["clear"])
    enter(pad, "1111")
    assert "Wrong PIN (1/5)" in pad.status.text()
    assert not controller.overlays.admin.isVisible()
    for _ in range(FREE_TRIES - 1):
        enter(pad, "1111")
    assert "Locked" in pad.status.text() and "已锁定" in pad.status.text()
    assert not pad.buttons["ok"].isEnabled()
    enter(pad, PIN)  # even the right PIN is refused while locked
    assert not controller.overlays.admin.isVisible()


def test_the_right_pin_opens_the_admin_screen_and_exit_quits(qtbot, kiosk):
    running = kiosk(site={"idle": NO_IDLE})
    controller, window = running.controller, running.window
    exits = running.exits
    open_pin_pad(window)
    enter(controller.overlays.pin_pad, PIN)
    admin = controller.overlays.admin
    assert admin.isVisible() and not controller.overlays.pin_pad.isVisible()
    values = {name: label.text() for name, label in admin.values.items()}
    assert values["内容版本 Content version"] == controller.content.version
    assert values["上次故障 Last crash"] == "none"
    assert "GB free" in values["磁盘 Disk"]
    assert "No problems" in admin.problems.toPlainText()

    tap(admin.touch_area, QPoint(50, 60))
    assert len(admin.touch_area.points) >= 1  # the touch test draws points

    press_button(admin.buttons["restart"])
    assert exits == [RESTART_EXIT_CODE]
    press_button(admin.buttons["exit"])
    assert exits == [RESTART_EXIT_CODE, 0]
    assert not controller.lockdown.enabled  # the window may close now


def test_the_admin_screen_lists_current_content_errors(qtbot, kiosk, tmp_path):
    running = kiosk(site={"idle": NO_IDLE})
    controller, window = running.controller, running.window
    (tmp_path / "content" / "panels" / "alpha.yaml").write_text("id: [broken\n", encoding="utf-8")
    controller.watcher.reload_now()
    open_pin_pad(window)
    enter(controller.overlays.pin_pad, PIN)
    assert "error" in controller.overlays.admin.problems.toPlainText()
    assert controller.overlays.admin.values["问题 Problems"].text() == "1 error, 0 warnings"
    assert window.ctx.content is controller.content  # still showing the last good content
    assert controller.content is not None
