"""Live reload, continued: what the watcher emits, logs and saves in the cases the first file
does not cover (editor leftovers, ignored files, a folder rebuilt file by file, stop and start,
saves that queue up behind a slow disk)."""

from __future__ import annotations

import logging
import os
import threading
from datetime import date

import pytest
from PySide6.QtCore import QObject

from kiosk.content import last_good
from kiosk.content.last_good import LAST_GOOD, initial_load
from kiosk.content.problems import Problem
from kiosk.services.watcher import ContentWatcher
from tests.services.kit import bump_mtime, panel, started, write_content, write_image, write_yaml

POLL = {"debounce_ms": 100, "poll_ms": 200}
NO_POLL = {"debounce_ms": 100, "poll_ms": 600_000}  # only QFileSystemWatcher can see a change


@pytest.fixture
def folders(tmp_path):
    return write_content(tmp_path / "content"), tmp_path / "data"


@pytest.fixture
def run(folders):
    """run(**timing) -> a started watcher on the folder, stopped after the test."""
    made = []

    def make(**timing):
        watcher = started(*folders, **timing)
        watcher.start()
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.stop()


def body(content, panel_id="alpha") -> str:
    return content.panels[panel_id].blocks[0].body.get("en")


def stamp(data) -> str:
    return (data / LAST_GOOD / ".version").read_text(encoding="ascii")


def copied_body(data) -> str:
    return (data / LAST_GOOD / "panels" / "alpha.yaml").read_text(encoding="utf-8")


def test_editor_leftovers_and_hidden_folders_never_cause_a_reload(qtbot, run, folders):
    content_dir, _ = folders
    watcher = run(**POLL)
    with (
        qtbot.assertNotEmitted(watcher.content_loaded, wait=1500),
        qtbot.assertNotEmitted(watcher.content_invalid, wait=0),
    ):
        (content_dir / "panels" / ".alpha.yaml.swp").write_text("swap", encoding="utf-8")
        (content_dir / "site.yaml~").write_text("backup", encoding="utf-8")
        (content_dir / ".git" / "objects").mkdir(parents=True)
        (content_dir / ".git" / "objects" / "ab12").write_bytes(b"blob")
    with qtbot.waitSignal(watcher.content_loaded, timeout=5000):  # a real edit still is
        write_yaml(content_dir / "panels" / "alpha.yaml", panel("alpha", "Edited"))


def test_an_image_edited_in_place_next_to_hidden_files_and_dead_links_is_reloaded(
    qtbot, run, folders
):
    content_dir, _ = folders
    images = content_dir / "images"
    for i in range(12):
        (images / f".thumb-{i}").write_bytes(b"x")
        (images / f"gone-{i}.png").symlink_to(images / f"deleted-{i}.png")
    watcher = run(**POLL)
    before = watcher.content.version
    with qtbot.waitSignal(watcher.content_loaded, timeout=5000) as loaded:
        write_image(images / "hero.png", "#aa0000")  # only the poll sees an edit in place
        bump_mtime(images / "hero.png")
    assert loaded.args[0].version != before


def test_the_kiosk_date_decides_which_figures_are_stale_after_a_reload(qtbot, folders):
    content_dir, data = folders
    figures = {
        "type": "figures",
        "items": [
            {
                "value": 3,
                "label": {"zh": "企业", "en": "Companies"},
                "source": {"zh": "统计局", "en": "Statistics bureau"},
                "as_of": "2020-01-01",
            }
        ],
    }
    watcher = ContentWatcher(content_dir, data, today=lambda: date(2020, 6, 1), **NO_POLL)
    watcher.adopt(initial_load(content_dir, data, date(2020, 6, 1)))
    watcher.start()
    try:
        with qtbot.waitSignal(watcher.content_loaded, timeout=5000):
            write_yaml(
                content_dir / "panels" / "alpha.yaml", panel("alpha", "Hi", blocks=[figures])
            )
        assert watcher.result.problems == []  # not "more than a year ago" on the kiosk's date
    finally:
        watcher.stop()


def test_reloads_and_refusals_are_logged_for_the_operator(qtbot, run, folders, caplog):
    content_dir, _ = folders
    watcher = run(**NO_POLL)
    alpha = content_dir / "panels" / "alpha.yaml"
    with caplog.at_level(logging.INFO, logger="kiosk.services.watcher"):
        with qtbot.waitSignal(watcher.content_loaded, timeout=5000) as loaded:
            write_yaml(alpha, panel("alpha", "Logged"))
        watcher.wait_saved(5)
        with qtbot.waitSignal(watcher.content_invalid, timeout=5000) as invalid:
            alpha.write_text("id: [half-written\n", encoding="utf-8")
    [problem] = invalid.args[0]
    assert [r.getMessage() for r in caplog.records if r.name == "kiosk.services.watcher"] == [
        f"content reloaded, version {loaded.args[0].version}",
        f"content change not applied, keeping the current content:\n  {problem.format()}",
    ]


def test_a_new_unlisted_panel_file_is_reported_without_the_poll(qtbot, run, folders):
    content_dir, _ = folders
    watcher = run(**NO_POLL)
    with qtbot.waitSignal(watcher.content_loaded, timeout=5000):
        write_yaml(content_dir / "panels" / "beta.yaml", panel("beta", "Forgotten"))
    assert [p.file for p in watcher.result.warnings] == ["panels/beta.yaml"]
    assert "not listed in site.yaml panels" in watcher.result.warnings[0].message


def test_a_deleted_image_is_refused_without_the_poll(qtbot, run, folders):
    content_dir, _ = folders
    watcher = run(**NO_POLL)
    with qtbot.waitSignal(watcher.content_invalid, timeout=5000) as invalid:
        (content_dir / "images" / "hero.png").unlink()
    assert any("hero.png" in p.format() for p in invalid.args[0])
    assert body(watcher.content) == "Hello"


def test_site_yaml_deleted_and_written_again_is_seen_without_the_poll(qtbot, run, folders):
    content_dir, _ = folders
    watcher = run(**NO_POLL)
    site = content_dir / "site.yaml"
    text = site.read_text(encoding="utf-8")
    with qtbot.waitSignal(watcher.content_invalid, timeout=5000) as invalid:
        site.unlink()
    assert [p.message for p in invalid.args[0]] == ["site.yaml is missing from the folder"]
    with qtbot.waitSignal(watcher.content_loaded, timeout=5000):
        site.write_text(text, encoding="utf-8")
    assert watcher.result.ok


@pytest.mark.parametrize("name", ["site.yml", "panels/extra.yml"])
def test_editing_a_misnamed_yml_file_checks_the_folder_again(qtbot, folders, run, name):
    content_dir, _ = folders
    (content_dir / name).write_text("id: extra\n", encoding="utf-8")
    watcher = run(**NO_POLL)
    with (
        qtbot.waitSignal(watcher.content_loaded, timeout=5000),
        open(content_dir / name, "a", encoding="utf-8") as handle,
    ):
        handle.write("title: edited in place\n")
    ignored = [p.file for p in watcher.result.warnings]
    assert ignored == (["panels/extra.yml"] if name.startswith("panels/") else [])


def test_a_watcher_without_a_start_up_load_reports_a_broken_folder(qtbot, folders):
    content_dir, data = folders
    watcher = ContentWatcher(content_dir, data, **POLL)
    assert watcher.content is None and watcher.from_last_good is False
    watcher.wait_saved(5)  # nothing asked for: returns at once
    watcher.start()
    try:
        with qtbot.waitSignal(watcher.content_invalid, timeout=5000):
            (content_dir / "site.yaml").write_text("title: [unclosed\n", encoding="utf-8")
        assert watcher.content is None
        assert watcher.result.errors
    finally:
        watcher.stop()


def test_a_broken_start_has_no_copy_to_wait_for(tmp_path):
    content = write_content(tmp_path / "content")
    (content / "site.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    watcher = started(content, tmp_path / "data", **NO_POLL)
    watcher.wait_saved(5)
    assert not (tmp_path / "data" / LAST_GOOD).exists()


def test_stop_waits_for_the_copy_being_written(qtbot, run, folders):
    content_dir, data = folders
    watcher = run(**NO_POLL)
    watcher.wait_saved(5)
    write_yaml(content_dir / "panels" / "alpha.yaml", panel("alpha", "Saved at stop"))
    watcher.reload_now()
    watcher.stop()
    assert not (data / (LAST_GOOD + ".tmp")).exists()  # never a half-made copy left behind
    assert last_good.usable_copy(data) == data / LAST_GOOD


def test_a_watcher_stopped_and_started_again_still_saves_the_copy(qtbot, run, folders):
    content_dir, data = folders
    watcher = run(**NO_POLL)
    watcher.wait_saved(5)
    watcher.stop()
    watcher.start()
    with qtbot.waitSignal(watcher.content_loaded, timeout=5000):
        write_yaml(content_dir / "panels" / "alpha.yaml", panel("alpha", "After restart"))
    watcher.wait_saved(5)
    assert "After restart" in copied_body(data)


def test_a_stopped_watcher_reloads_nothing_even_when_files_change(qtbot, run, folders):
    """`kiosk screenshots` and `kiosk check` stop the services: a save must not swap content
    under them (the file watches, not only the poll, used to start a reload)."""
    content_dir, data = folders
    watcher = run(**NO_POLL)
    seen: list[object] = []
    watcher.content_loaded.connect(seen.append)
    watcher.stop()
    witness = started(content_dir, data.with_name("witness-data"), **NO_POLL)
    witness.start()
    try:
        with qtbot.waitSignal(witness.content_loaded, timeout=5000):
            write_yaml(content_dir / "panels" / "alpha.yaml", panel("alpha", "After stop"))
        qtbot.wait(300)  # well past the stopped one's settle time
        assert seen == []
        assert "After stop" not in body(watcher.content)
    finally:
        witness.stop()


@pytest.fixture
def slow_first_save(monkeypatch):
    """The first copy waits for `release` (a slow disk); later ones run as usual."""
    release = threading.Event()
    real_save = last_good.save
    calls = []

    def save(content, data_dir):
        calls.append(content.version)
        if len(calls) == 1:
            release.wait(10)
        return real_save(content, data_dir)

    monkeypatch.setattr(last_good, "save", save)
    return release


def test_copies_queued_behind_a_slow_one_are_made_in_order(qtbot, run, folders, slow_first_save):
    content_dir, data = folders
    watcher = run(**NO_POLL)  # its start-up copy is the slow one
    write_yaml(content_dir / "panels" / "alpha.yaml", panel("alpha", "Newest"))
    watcher.reload_now()
    slow_first_save.set()
    watcher.wait_saved(5)
    watcher.stop()  # and whatever copy might still be being written
    assert stamp(data) == watcher.content.version  # the older copy never lands over it
    assert "Newest" in copied_body(data)


def test_stop_skips_copies_still_queued_so_shutdown_is_prompt(qtbot, run, folders, slow_first_save):
    content_dir, data = folders
    watcher = run(**NO_POLL)
    start_version = watcher.content.version
    write_yaml(content_dir / "panels" / "alpha.yaml", panel("alpha", "Queued"))
    watcher.reload_now()
    threading.Timer(0.2, slow_first_save.set).start()
    watcher.stop()  # finishes the copy in progress, drops the queued one
    assert stamp(data) == start_version


def test_deleting_the_owner_stops_the_watcher(qtbot, folders):
    content_dir, data = folders
    owner = QObject()
    watcher = ContentWatcher(content_dir, data, parent=owner, **POLL)
    watcher.adopt(initial_load(content_dir, data, date.today()))
    watcher.start()
    seen: list[object] = []
    watcher.content_loaded.connect(seen.append)
    witness = started(content_dir, data.with_name("witness-data"), debounce_ms=180, poll_ms=200)
    witness.start()
    try:
        with qtbot.waitSignal(owner.destroyed, timeout=2000):
            owner.deleteLater()
        with qtbot.waitSignal(witness.content_loaded, timeout=5000):
            write_yaml(content_dir / "panels" / "alpha.yaml", panel("alpha", "After"))
        assert seen == []  # the witness, slower to settle, saw it: the watcher did not
    finally:
        witness.stop()


def test_a_problem_list_is_what_the_admin_screen_gets_after_a_broken_start(tmp_path):
    content = write_content(tmp_path / "content")
    data = tmp_path / "data"
    first = started(content, data)
    first.wait_saved(5)
    first.stop()
    (content / "site.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    watcher = started(content, data)
    assert all(isinstance(p, Problem) for p in watcher.result.problems)
    assert watcher.result.problems == initial_load(content, data, date.today()).folder.problems
    assert os.path.isdir(data / LAST_GOOD)


def test_waiting_for_a_copy_on_a_hung_disk_gives_up_after_the_timeout(run, slow_first_save):
    watcher = run(**NO_POLL)  # its start-up copy hangs until released
    with pytest.raises(TimeoutError, match=r"not written after 0.05 s"):
        watcher.wait_saved(0.05)
    slow_first_save.set()
    watcher.wait_saved(5)


def test_a_poll_faster_than_the_settle_time_still_loads_a_change(qtbot, run, folders):
    """Regression: each poll tick restarted the settle time, so nothing was ever loaded."""
    content_dir, _ = folders
    watcher = run(debounce_ms=300, poll_ms=50)
    with qtbot.waitSignal(watcher.content_loaded, timeout=3000) as loaded:
        write_yaml(content_dir / "panels" / "alpha.yaml", panel("alpha", "Seen at last"))
    assert body(loaded.args[0]) == "Seen at last"
