"""Opening hours, dated content and live reload, seen from the window."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QPoint

from tests.services.kit import bump_mtime, panel, tap, write_yaml

TUESDAY_HOURS = {"tue": "09:00-17:00", "wed": "09:00-17:00"}


def test_outside_opening_hours_standby_shows_and_a_touch_wakes_it(qtbot, make_kiosk, clock):
    clock.set(datetime(2025, 5, 6, 20, 0))  # Tuesday evening, closed
    controller, window, _ = make_kiosk(site={"opening_hours": TUESDAY_HOURS})
    standby = controller.standby
    assert standby.isVisible()
    assert standby.next_zh.text() == "下次开放：5月7日 周三 09:00"
    assert standby.next_en.text() == "Opens again Wed 7 May, 09:00"

    tap(window, QPoint(640, 360))
    assert not standby.isVisible()  # one visit
    qtbot.waitUntil(lambda: window.resets == 1, timeout=3000)  # the visitor leaves
    assert standby.isVisible()  # and it is closed again


def test_closing_time_brings_standby_and_opening_time_removes_it(qtbot, make_kiosk, clock):
    clock.set(datetime(2025, 5, 6, 16, 59))
    controller, window, _ = make_kiosk(site={"opening_hours": TUESDAY_HOURS})
    assert not controller.standby.isVisible()
    clock.set(datetime(2025, 5, 6, 17, 0))
    qtbot.waitUntil(controller.standby.isVisible, timeout=3000)
    clock.set(datetime(2025, 5, 7, 9, 0))
    qtbot.waitUntil(lambda: not controller.standby.isVisible(), timeout=3000)


def test_a_block_shown_from_tomorrow_appears_after_midnight(qtbot, make_kiosk, clock):
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    blocks = [
        {"type": "text", "body": {"zh": "今天", "en": "Every day"}},
        {"type": "text", "body": {"zh": "明天", "en": "From tomorrow"}, "show_from": tomorrow},
    ]
    _, window, _ = make_kiosk(panels=[panel("alpha", "", blocks=blocks)])
    assert "Every day" in window.visible_text()
    assert "From tomorrow" not in window.visible_text()
    clock.set(datetime.combine(clock.today() + timedelta(days=1), datetime.min.time()))
    qtbot.waitUntil(lambda: "From tomorrow" in window.visible_text(), timeout=3000)


def test_a_saved_change_reaches_the_window_and_a_broken_one_does_not(qtbot, make_kiosk, tmp_path):
    controller, window, _ = make_kiosk()
    path = tmp_path / "content" / "panels" / "alpha.yaml"
    write_yaml(path, panel("alpha", "Updated text"))
    bump_mtime(path)
    qtbot.waitUntil(lambda: "Updated text" in window.visible_text(), timeout=5000)

    path.write_text("id: alpha\ntitle: [half written", encoding="utf-8")
    bump_mtime(path)
    qtbot.waitUntil(lambda: bool(controller.watcher.result.errors), timeout=5000)
    assert "Updated text" in window.visible_text()
    assert not controller.unavailable.isVisible()


def test_without_any_valid_content_the_unavailable_screen_waits_for_a_fix(
    qtbot, make_kiosk, tmp_path
):
    content_dir = tmp_path / "content"
    (content_dir / "panels").mkdir(parents=True)
    (content_dir / "site.yaml").write_text("title: [broken\n", encoding="utf-8")
    controller, window, _ = make_kiosk(content=False)
    assert controller.unavailable.isVisible()
    from tests.services.kit import write_content

    write_content(content_dir)
    bump_mtime(content_dir / "site.yaml")
    qtbot.waitUntil(lambda: not controller.unavailable.isVisible(), timeout=5000)
    assert "Hello" in window.visible_text()
