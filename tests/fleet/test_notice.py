"""The emergency notice: notice.yaml arriving in the content folder takes over the screen,
whatever is on it, within 5 s; it goes when the file is removed or its time ends."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor

from kiosk.content.loader import load_content
from kiosk.services.clock import ManualClock
from kiosk.services.fleet import FleetOptions
from tests.kiosk_kit import start_kiosk
from tests.services.kit import NO_IDLE, write_yaml
from tests.touch import tap

NOW = datetime(2026, 5, 4, 10, 0)
EVACUATE = {
    "level": "evacuation",
    "title": {"zh": "请立即撤离", "en": "Please leave the building now"},
    "text": {"zh": "请走最近的出口。", "en": "Use the nearest exit."},
}
RED = QColor("#a30d0d")


@pytest.fixture
def kiosk(qtbot, tmp_path):
    """Start the kiosk (stopped after the test, passed or not)."""
    started = []

    def start(qtbot, tmp_path, **config):
        # The real reload timings of `kiosk run` (250 ms settle, 2 s poll): the 5 s is theirs.
        settings = {"debounce_ms": 250, "poll_ms": 2000, **config}
        running = start_kiosk(qtbot, tmp_path, ManualClock(NOW), site={"idle": NO_IDLE}, **settings)
        started.append(running)
        return running

    yield start
    for running in started:
        running.kiosk.close()


def plain(labels) -> list[str]:
    """What the labels say (without the typesetter's word joiners and fixed spaces)."""
    return [label.text().replace("\u2060", "").replace("\xa0", " ") for label in labels]


def on_top(running) -> bool:
    """The notice is what the window shows in its middle, and it is painted red there."""
    window = running.window
    middle = QPoint(window.width() // 2, window.height() - 40)
    widget = window.childAt(middle)
    notice = running.overlays.notice
    covered = widget is notice or (widget is not None and notice.isAncestorOf(widget))
    return covered and window.grab().toImage().pixelColor(middle) == RED


def open_layer(running, name: str):
    overlays = running.overlays
    if name == "attract":
        overlays.attract.open()
    elif name == "standby":
        overlays.standby.open()
    elif name == "admin":
        overlays.admin.open()
    elif name == "countdown":
        overlays.countdown.start(20)
    elif name == "panel":
        tap(running.window.home.tiles[0])
    return {
        "attract": overlays.attract,
        "standby": overlays.standby,
        "admin": overlays.built_admin,
        "countdown": overlays.countdown,
        "panel": None,
    }[name]


@pytest.mark.parametrize("layer", ["panel", "attract", "standby", "admin", "countdown"])
def test_a_notice_covers_every_screen_within_five_seconds_and_goes_when_removed(
    kiosk, qtbot, tmp_path, layer, caplog
):
    running = kiosk(qtbot, tmp_path)
    under = open_layer(running, layer)
    assert not running.overlays.notice.isVisible()

    caplog.set_level(logging.WARNING, logger="kiosk")
    write_yaml(running.content_dir / "notice.yaml", EVACUATE)
    dropped = time.monotonic()
    qtbot.waitUntil(lambda: on_top(running), timeout=5000)
    assert time.monotonic() - dropped < 5.0
    assert "emergency notice on screen (evacuation)" in caplog.text
    if layer in ("attract", "countdown"):
        assert not under.isVisible()  # nothing runs under it: no loop, no question
    if layer in ("standby", "admin"):
        assert under.isVisible()  # still there, under the notice

    # A finger on the notice reaches nothing under it.
    screen = running.window.current_panel_id()
    tap(running.overlays.notice)
    assert running.window.current_panel_id() == screen
    assert on_top(running)

    (running.content_dir / "notice.yaml").unlink()
    qtbot.waitUntil(lambda: not running.overlays.notice.isVisible(), timeout=5000)
    assert not on_top(running)
    if layer in ("standby", "admin"):
        assert under.isVisible()


def test_a_layer_opened_later_still_opens_under_the_notice(kiosk, qtbot, tmp_path):
    running = kiosk(qtbot, tmp_path)
    write_yaml(running.content_dir / "notice.yaml", EVACUATE)
    qtbot.waitUntil(lambda: on_top(running), timeout=5000)
    running.overlays.standby.open()
    running.overlays.pin_pad.open()
    assert on_top(running)
    running.overlays.admin.open()  # built now: a new child of the window, made on top
    qtbot.waitUntil(lambda: on_top(running), timeout=1000)


def test_the_notice_shows_every_language_and_the_visitors_first(kiosk, qtbot, tmp_path):
    running = kiosk(qtbot, tmp_path)
    write_yaml(running.content_dir / "notice.yaml", {**EVACUATE, "level": "closure"})
    notice = running.overlays.notice
    qtbot.waitUntil(notice.isVisible, timeout=5000)
    titles = plain(notice.title.labels)
    assert titles == ["请立即撤离", "Please leave the building now"]
    assert plain(notice.level.labels) == ["闭馆通知", "Closure"]
    running.window.ctx.set_language("en")
    assert plain(notice.title.labels)[0] == "Please leave the building now"
    assert notice.property("level") == "closure"
    assert not notice.until.isVisible()  # no end time given: none shown


def test_a_notice_ends_by_itself_at_its_time(kiosk, qtbot, tmp_path):
    running = kiosk(qtbot, tmp_path, tick_ms=50)
    until = NOW + timedelta(minutes=30)
    write_yaml(
        running.content_dir / "notice.yaml", {**EVACUATE, "until": f"{until:%Y-%m-%d %H:%M}"}
    )
    notice = running.overlays.notice
    qtbot.waitUntil(notice.isVisible, timeout=5000)
    assert plain(notice.until.labels) == [
        "有效至 5月4日 10:30",
        "Until 4 May, 10:30",
    ]
    running.clock.advance(minutes=29)
    qtbot.wait(200)
    assert notice.isVisible()
    running.clock.advance(minutes=2)
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=2000)


def test_a_broken_notice_is_reported_with_its_line_and_the_screen_stays(kiosk, qtbot, tmp_path):
    running = kiosk(qtbot, tmp_path)
    version = running.controller.content.version
    (running.content_dir / "notice.yaml").write_text(
        "level: evacuate\ntitle: {zh: 撤离, en: Leave}\ntext: {zh: 走, en: Go}\n", encoding="utf-8"
    )
    qtbot.waitUntil(lambda: bool(running.controller.watcher.result.errors), timeout=5000)
    (problem,) = running.controller.watcher.result.errors
    assert (problem.file, problem.line, problem.field) == ("notice.yaml", 1, "level")
    assert problem.message == "expected one of information, closure, evacuation, found 'evacuate'"
    assert problem.suggestion == "did you mean 'evacuation'?"
    assert running.controller.content.version == version
    assert not running.overlays.notice.isVisible()


def test_notices_are_counted_for_the_office(kiosk, qtbot, tmp_path):
    metrics = tmp_path / "metrics"
    running = kiosk(qtbot, tmp_path, fleet=FleetOptions(metrics_dir=metrics, kiosk_id="k1"))
    write_yaml(running.content_dir / "notice.yaml", EVACUATE)
    qtbot.waitUntil(running.overlays.notice.isVisible, timeout=5000)
    prom = metrics / "kiosk.prom"
    qtbot.waitUntil(lambda: "kiosk_notices_total 1.0" in prom.read_text(), timeout=3000)
    qtbot.waitUntil(lambda: "kiosk_notice 1.0" in prom.read_text(), timeout=3000)


def test_validate_reads_a_notice_and_warns_when_it_has_ended(tmp_path):
    from tests.services.kit import write_content

    root = write_content(tmp_path / "content")
    write_yaml(root / "notice.yaml", {**EVACUATE, "until": "2026-05-01 18:00"})
    result = load_content(root, NOW.date())
    assert result.ok and result.content.notice.level == "evacuation"
    assert result.content.notice.until == datetime(2026, 5, 1, 18, 0)
    (warning,) = [p for p in result.problems if p.file == "notice.yaml"]
    assert (
        "ended on 2026-05-01 18:00" in warning.message and "remove notice.yaml" in warning.message
    )


@pytest.mark.parametrize("name", ["evacuation", "closure", "information"])
def test_the_ready_made_notices_validate(tmp_path, name):
    import shutil
    from pathlib import Path

    from tests.services.kit import write_content

    root = write_content(tmp_path / "content")
    notices = Path(__file__).parents[2] / "packaging" / "fleet" / "notices"
    shutil.copy(notices / f"{name}.yaml", root / "notice.yaml")
    result = load_content(root, NOW.date())
    assert result.ok, result.problems
    assert result.content.notice.level == name
    assert {"zh", "en"} <= set(result.content.notice.title.languages())


def test_a_notice_too_long_for_the_screen_is_refused_with_the_reason(tmp_path):
    from tests.services.kit import write_content

    root = write_content(tmp_path / "content")
    long_text = {"zh": "请走最近的出口。", "en": "Leave now. " * 40}
    write_yaml(root / "notice.yaml", {**EVACUATE, "text": long_text})
    result = load_content(root, NOW.date())
    assert not result.ok
    (problem,) = result.errors
    assert (problem.file, problem.field) == ("notice.yaml", "text")
    assert problem.message == (
        "too long to fit on the screen beside the other languages in 'en': 440 characters, at "
        "most 280 letters or 140 Chinese characters; say less, or point to where more is said"
    )


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_the_longest_notice_allowed_fits_the_screen_at_a_plus(kiosk, qtbot, tmp_path, size):
    longest = {
        "level": "evacuation",
        "title": {"zh": "请立即撤离" * 5, "en": ("Please leave the building now " * 2)[:50]},
        "text": {
            "zh": ("请按绿色指示牌走最近的出口，不要乘坐电梯。工作人员会为您引导。" * 5)[:140],
            "en": ("Follow the green signs to the nearest exit; do not use the lifts. " * 5)[:280],
        },
        "until": "2026-05-04 18:00",
    }
    running = kiosk(qtbot, tmp_path, size=size)
    write_yaml(running.content_dir / "notice.yaml", longest)
    notice = running.overlays.notice
    qtbot.waitUntil(notice.isVisible, timeout=5000)
    running.window.ctx.set_text_scale(1.3)
    qtbot.wait(100)
    needed = notice.layout().totalHeightForWidth(notice.width())
    assert needed <= notice.height()
    for stack in notice.stacks:
        for label in stack.labels:  # each label as tall as its wrapped words
            assert label.height() >= label.heightForWidth(label.width()), label.text()
    assert notice.step > 0  # it had to step down to fit
