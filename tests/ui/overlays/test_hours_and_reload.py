"""Opening hours, dated content and live reload, seen from the window."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QPoint

from tests.services.kit import (
    CYCLE_IDLE,
    IDLE_SCALE,
    bump_mtime,
    panel,
    shown_text,
    write_content,
    write_yaml,
)
from tests.touch import tap

TUESDAY_HOURS = {"tue": "09:00-17:00", "wed": "09:00-17:00"}


def test_outside_opening_hours_standby_shows_and_a_touch_wakes_it(qtbot, kiosk, clock):
    clock.set(datetime(2025, 5, 6, 20, 0))  # Tuesday evening, closed
    site = {"opening_hours": TUESDAY_HOURS, "idle": CYCLE_IDLE}
    running = kiosk(site=site, idle_scale=IDLE_SCALE)
    window, standby = running.window, running.overlays.standby
    assert standby.isVisible()
    shown = shown_text(standby)
    assert "下次开放：5月7日 周三 09:00" in shown
    assert "Opens again Wed 7 May, 09:00" in shown

    tap(window, QPoint(640, 360))
    assert not standby.isVisible()  # one visit
    with qtbot.waitSignal(running.controller.idle.timed_out, timeout=3000):
        pass  # the visitor leaves
    assert standby.isVisible()  # and it is closed again


def test_closing_time_brings_standby_and_opening_time_removes_it(qtbot, kiosk, clock):
    clock.set(datetime(2025, 5, 6, 16, 59))
    standby = kiosk(site={"opening_hours": TUESDAY_HOURS}).overlays.standby
    assert not standby.isVisible()
    clock.set(datetime(2025, 5, 6, 17, 0))
    qtbot.waitUntil(standby.isVisible, timeout=3000)
    clock.set(datetime(2025, 5, 7, 9, 0))
    qtbot.waitUntil(lambda: not standby.isVisible(), timeout=3000)


def test_a_block_shown_from_tomorrow_appears_after_midnight(qtbot, kiosk, clock):
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    blocks = [
        {"type": "text", "body": {"zh": "今天", "en": "Every day"}},
        {"type": "text", "body": {"zh": "明天", "en": "From tomorrow"}, "show_from": tomorrow},
    ]
    window = kiosk(panels=[panel("alpha", "", blocks=blocks)]).window
    window.show_panel("alpha")
    window.ctx.set_language("en")
    assert "Every day" in shown_text(window)
    assert "From tomorrow" not in shown_text(window)
    clock.set(datetime.combine(clock.today() + timedelta(days=1), datetime.min.time()))
    qtbot.waitUntil(lambda: "From tomorrow" in shown_text(window), timeout=3000)
    assert window.current_panel_id() == "alpha"  # the visitor stays on the panel


def test_a_saved_change_reaches_the_window_and_a_broken_one_does_not(qtbot, kiosk):
    running = kiosk()
    controller, window = running.controller, running.window
    window.show_panel("alpha")
    window.ctx.set_language("en")
    path = running.content_dir / "panels" / "alpha.yaml"
    write_yaml(path, panel("alpha", "Updated text"))
    bump_mtime(path)
    qtbot.waitUntil(lambda: "Updated text" in shown_text(window), timeout=5000)

    path.write_text("id: alpha\ntitle: [half written", encoding="utf-8")
    bump_mtime(path)
    qtbot.waitUntil(lambda: bool(controller.watcher.result.errors), timeout=5000)
    assert "Updated text" in shown_text(window)
    assert not running.overlays.unavailable.isVisible()


def test_without_any_valid_content_the_unavailable_screen_waits_for_a_fix(qtbot, kiosk, tmp_path):
    content_dir = tmp_path / "content"
    (content_dir / "panels").mkdir(parents=True)
    (content_dir / "site.yaml").write_text("title: [broken\n", encoding="utf-8")
    running = kiosk(content=None)
    window, unavailable = running.window, running.overlays.unavailable
    assert unavailable.isVisible()
    assert "暂时无法使用" in shown_text(unavailable)

    write_content(content_dir)
    bump_mtime(content_dir / "site.yaml")
    qtbot.waitUntil(lambda: not unavailable.isVisible(), timeout=5000)
    assert "北京经开区" in shown_text(window)  # the site title on the home screen
