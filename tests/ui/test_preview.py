"""`kiosk preview` and `--at`: the operator sees the kiosk on any day and time, what is closed,
what is wrong and where, and switches the look from a strip (kiosk/ui/preview.py)."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from kiosk.cli import build_parser
from kiosk.commands.run import kiosk_config
from kiosk.commands.screenshots import render_screens
from kiosk.content.loader import load_content
from kiosk.root import build
from kiosk.ui.application import preview_zoom
from kiosk.ui.screen_check import shown_text
from kiosk.ui.screenshots import settle
from tests.conftest import SAMPLE_CONTENT
from tests.kiosk_kit import SMALL
from tests.services.kit import NO_IDLE, bump_mtime, write_content
from tests.touch import tap

MONDAY = datetime(2026, 12, 7, 10, 0)  # the sample site is closed on Mondays
NOTICE = {
    "show_from": "2026-12-10",
    "show_until": "2026-12-20",
    "title": {"zh": "冬季开放时间", "en": "Winter opening hours"},
    "text": {"zh": "十二月闭馆提前。", "en": "We close early in December."},
}


def shown_texts(widget) -> list[str]:
    return [shown_text(label) for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def built(qtbot, tmp_path, preview: bool, at: datetime):
    """The kiosk as `kiosk run --windowed --at` / `kiosk preview --at` build it."""
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(SAMPLE_CONTENT, content)
    config = kiosk_config(content, windowed=True, size=(1280, 720), at=at, preview=preview)
    kiosk = build(dataclasses.replace(config, data_dir=tmp_path / f"data-{preview}"))
    qtbot.waitExposed(kiosk.workbench or kiosk.window)
    return kiosk


def test_at_is_parsed_for_every_command_that_shows_screens():
    parser = build_parser()
    for command in (["run", "--windowed"], ["preview"], ["check"], ["self-test"]):
        args = parser.parse_args([*command, "--at", "2026-12-07 10:00"])
        assert args.at == MONDAY, command
    shots = parser.parse_args(["screenshots", "--out", "x", "--at", "2026-12-07"])
    assert shots.at == datetime(2026, 12, 7, 12, 0)  # a date alone means noon


def test_at_a_monday_run_shows_standby_and_preview_says_so_in_a_banner(qtbot, tmp_path):
    run = built(qtbot, tmp_path, preview=False, at=MONDAY)
    try:
        assert abs((run.controller.clock.now() - MONDAY).total_seconds()) < 60  # it runs on
        assert run.controller.overlays.standby.isVisible()
    finally:
        run.close()
    preview = built(qtbot, tmp_path, preview=True, at=MONDAY)
    try:
        bench = preview.workbench
        assert not preview.controller.overlays.standby.isVisible()
        assert bench.closed_banner.isVisible()
        banner = bench.closed_banner.text()
        assert "Outside opening hours at Mon 2026-12-07 10:00" in banner
        assert "standby" in banner and "It opens Tue 2026-12-08 09:00" in banner
        assert "Previewing Mon 2026-12-07 10:" in bench.clock_label.text()
        assert preview.window.home.isVisible()  # the content, not standby
    finally:
        preview.close()


def test_a_preview_inside_opening_hours_has_no_closed_banner(qtbot, tmp_path):
    preview = built(qtbot, tmp_path, preview=True, at=datetime(2026, 12, 8, 10, 0))
    try:
        assert not preview.workbench.closed_banner.isVisible()
    finally:
        preview.close()


def test_a_preview_before_during_and_after_an_announcement(kiosk, clock):
    site = {"idle": NO_IDLE, "announcements": [NOTICE]}
    for day, shown in ((9, False), (10, True), (20, True), (21, False)):
        clock.set(datetime(2026, 12, day, 10, 0))
        running = kiosk(content=SMALL, site=site, preview=True)
        texts = shown_texts(running.window.home)
        assert ("冬季开放时间" in texts) is shown, (day, texts)


def test_a_block_with_an_error_is_outlined_with_its_line_while_the_last_good_copy_shows(
    kiosk, qtbot
):
    running = kiosk(content=SMALL, site={"idle": NO_IDLE}, preview=True)
    bench, window = running.kiosk.workbench, running.window
    window.show_panel("alpha")
    broken = running.content_dir / "panels" / "alpha.yaml"
    text = broken.read_text(encoding="utf-8").replace("- body:", "- bodyy:", 1)
    assert "bodyy" in text
    broken.write_text(text, encoding="utf-8")
    bump_mtime(broken)
    qtbot.waitUntil(bench.problem_list.isVisible, timeout=5000)
    assert "the kiosk shows the last good copy" in bench.problem_list.text()
    assert "panels/alpha.yaml:" in bench.problem_list.text()
    block = window.panels["alpha"].blocks[0]
    captions = [o.caption() for o in bench.outlines.outlines if o.widget is block]
    line = text.splitlines().index(next(x for x in text.splitlines() if "bodyy" in x)) + 1
    unknown = [caption for caption in captions if "unknown field 'bodyy'" in caption]
    assert unknown and unknown[0].startswith(f"panels/alpha.yaml:{line}:"), captions
    assert "did you mean 'body'?" in unknown[0]
    # ... and it is drawn: red on the block's edge in the preview window.
    rect, caption = next(box for box in bench.outlines.boxes() if "bodyy" in box[1])
    settle(window)
    image = window.grab().toImage()
    edge = image.pixelColor(rect.left() + rect.width() // 2, rect.bottom() - 2)
    assert edge.red() > 150 and edge.green() < 80, edge.name()


def test_what_the_screen_checker_finds_is_outlined_and_a_right_screen_has_none(kiosk):
    running = kiosk(content=SMALL, site={"idle": NO_IDLE}, preview=True)
    bench, window = running.kiosk.workbench, running.window
    window.show_panel("alpha")
    bench.refresh(force=True)
    assert bench.outlines.outlines == []
    assert bench.problems_button.text().startswith("0 problems")
    tap(window.top_bar.languages["en"])
    body = next(
        label
        for label in window.panels["alpha"].findChildren(QLabel)
        if shown_text(label) == "Hello"
    )
    body.setText("正文")  # what a text binding that missed the switch would leave
    bench.refresh(force=True)
    captions = [o.caption() for o in bench.outlines.outlines if o.widget is body]
    assert captions and captions[0].startswith("panels/alpha.yaml:"), captions
    assert "not the 'en' text 'Hello'" in captions[0]
    assert len(bench.outlines.outlines) == 1
    assert bench.problems_button.text() == "1 problem outlined Ctrl+P"


def test_the_strip_switches_language_orientation_text_size_and_contrast(kiosk):
    running = kiosk(content=SMALL, site={"idle": NO_IDLE}, preview=True)
    bench, window = running.kiosk.workbench, running.window
    lang = window.ctx.lang
    tap(bench.language_button)
    assert window.ctx.lang != lang
    assert window.size().toTuple() == (1280, 720)
    tap(bench.orientation_button)
    assert window.size().toTuple() == (720, 1280)
    assert "Portrait 720x1280" in bench.orientation_button.text()
    assert window.top_bar.bottom  # the portrait layout: the bar moves within reach
    tap(bench.text_button)
    assert window.ctx.text_scale > 1 and "A+" in bench.text_button.text()
    background = window.ctx.palette.background
    tap(bench.contrast_button)
    assert window.ctx.palette.high_contrast and window.ctx.palette.background != background
    assert bench.contrast_button.text().startswith("High contrast")


def test_the_strip_keys_do_what_its_buttons_do(kiosk, qtbot):
    running = kiosk(content=SMALL, site={"idle": NO_IDLE}, preview=True, kiosk_mode=False)
    bench, window = running.kiosk.workbench, running.window
    bench.activateWindow()
    qtbot.waitUntil(bench.isActiveWindow)
    lang = window.ctx.lang
    qtbot.keyClick(bench, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.ctx.lang != lang
    qtbot.keyClick(bench, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.size().toTuple() == (720, 1280)


def test_a_visitor_kiosk_has_no_workbench(kiosk):
    running = kiosk(content=SMALL, site={"idle": NO_IDLE})
    assert running.kiosk.workbench is None
    assert running.window.isWindow()


def test_the_preview_shows_the_lobby_size_zoomed_to_fit_the_operators_screen():
    assert preview_zoom((1920, 1080), (1920, 1200)) == 0.9  # same layout, fewer pixels
    assert preview_zoom((1080, 1920), (1920, 1080)) == 0.45
    assert preview_zoom((1280, 720), (2560, 1440)) == 1.0  # never enlarged
    assert preview_zoom((1920, 1080), None) == 1.0  # a screen not known: as it is


def test_screenshots_at_a_date_show_the_announcement_of_that_date(tmp_path, qapp):
    content_dir = tmp_path / "content"
    write_content(content_dir, {"idle": NO_IDLE, "announcements": [NOTICE]})
    content = load_content(content_dir, date(2026, 12, 12)).content
    homes = {}
    for day in (9, 12):
        at = datetime(2026, 12, day, 10, 0)
        shots = render_screens(content, [(960, 540)], ["en"], tmp_path / str(day), at)
        homes[day] = next(image for name, image in shots if name == "960x540-en-home")
    assert homes[9] != homes[12]  # the notice's card pushes the home screen down on the 12th
    later = QImage(str(tmp_path / "12" / "960x540-en-home.png"))
    assert later == homes[12].convertToFormat(later.format())
