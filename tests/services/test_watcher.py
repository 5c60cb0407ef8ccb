"""Live reload: valid saves arrive, broken ones are refused, partial writes are never read."""

from __future__ import annotations

import os
import shutil

import pytest

from kiosk.content.last_good import LAST_GOOD
from tests.services.kit import bump_mtime, panel, started, write_content, write_yaml


@pytest.fixture
def folders(tmp_path):
    content = write_content(tmp_path / "content")
    return content, tmp_path / "data"


@pytest.fixture
def watcher(folders):
    content, data = folders
    watcher = started(content, data, debounce_ms=150, poll_ms=200)
    assert watcher.result.ok
    watcher.start()
    yield watcher
    watcher.stop()


def body(content, panel_id="alpha") -> str:
    return content.panels[panel_id].blocks[0].body.get("en")


def test_a_valid_save_arrives_with_the_new_text(qtbot, watcher, folders):
    content_dir, _ = folders
    with qtbot.waitSignal(watcher.content_loaded, timeout=5000) as loaded:
        write_yaml(content_dir / "panels" / "alpha.yaml", panel("alpha", "Hello again"))
        bump_mtime(content_dir / "panels" / "alpha.yaml")
    assert body(loaded.args[0]) == "Hello again"
    assert body(watcher.content) == "Hello again"


def test_an_atomic_rename_save_is_seen_and_the_file_still_watched(qtbot, watcher, folders):
    content_dir, _ = folders
    target = content_dir / "panels" / "alpha.yaml"
    for text in ("First edit", "Second edit"):
        temp = content_dir / "panels" / ".alpha.yaml.swp"
        write_yaml(temp, panel("alpha", text))
        with qtbot.waitSignal(watcher.content_loaded, timeout=5000) as loaded:
            os.replace(temp, target)
            bump_mtime(target)
        assert body(loaded.args[0]) == text


def test_an_invalid_save_keeps_the_old_content_and_reports_the_errors(qtbot, watcher, folders):
    content_dir, _ = folders
    broken = panel("alpha", "Broken")
    broken["colour"] = "red"  # unknown key
    with qtbot.waitSignal(watcher.content_invalid, timeout=5000) as invalid:
        write_yaml(content_dir / "panels" / "alpha.yaml", broken)
        bump_mtime(content_dir / "panels" / "alpha.yaml")
    problems = invalid.args[0]
    assert problems and all(p.severity in ("error", "warning") for p in problems)
    assert any("colour" in p.format() for p in problems)
    assert body(watcher.content) == "Hello"  # still the last good one
    assert watcher.result.errors  # the admin screen shows these


def test_a_file_written_in_pieces_loads_only_the_final_version(qtbot, watcher, folders):
    content_dir, _ = folders
    loads, refusals = [], []
    watcher.content_loaded.connect(loads.append)
    watcher.content_invalid.connect(refusals.append)
    path = content_dir / "panels" / "alpha.yaml"
    text = path.read_text(encoding="utf-8").replace("Hello", "Written in two halves")
    half = len(text) // 2
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text[:half])
        handle.flush()
        qtbot.wait(60)  # a slow writer: still well inside the settle time
        handle.write(text[half:])
    bump_mtime(path)
    qtbot.waitUntil(lambda: bool(loads), timeout=5000)
    with qtbot.assertNotEmitted(watcher.content_loaded, wait=400):  # no second (wrong) load
        pass
    assert [body(c) for c in loads] == ["Written in two halves"]
    assert refusals == []


def test_deleting_an_image_keeps_running_on_the_last_good_content(qtbot, watcher, folders):
    content_dir, data = folders
    before = watcher.content
    events = []
    watcher.content_loaded.connect(lambda c: events.append(("loaded", c)))
    watcher.content_invalid.connect(lambda p: events.append(("invalid", p)))
    watcher.wait_saved(5)  # the copy of the start-up content is made off the UI thread
    (content_dir / "images" / "hero.png").unlink()
    qtbot.waitUntil(lambda: bool(events), timeout=5000)
    kind, payload = events[0]
    if kind == "invalid":  # the strict loader: a missing image is an error
        assert any("hero.png" in p.format() for p in payload)
        assert watcher.content is before
    # Either way the last good copy still has the image the kiosk may fall back to.
    assert (data / LAST_GOOD / "images" / "hero.png").exists()


def test_a_removed_panel_file_does_not_crash(qtbot, watcher, folders):
    content_dir, _ = folders
    events = []
    watcher.content_loaded.connect(events.append)
    watcher.content_invalid.connect(events.append)
    (content_dir / "panels" / "alpha.yaml").unlink()
    qtbot.waitUntil(lambda: bool(events), timeout=5000)
    assert watcher.content is not None


def test_start_with_broken_content_uses_the_last_good_copy(tmp_path):
    content = write_content(tmp_path / "content")
    data = tmp_path / "data"
    first = started(content, data)  # a good start saves the copy
    first.wait_saved(5)
    first.stop()
    (content / "site.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    watcher = started(content, data)
    assert watcher.result.errors  # the folder's problems, for the admin screen
    assert watcher.from_last_good
    assert watcher.content.root == data / LAST_GOOD
    assert body(watcher.content) == "Hello"


def test_start_with_broken_content_and_no_copy_has_nothing_to_show(tmp_path):
    content = write_content(tmp_path / "content")
    (content / "site.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    watcher = started(content, tmp_path / "data")
    assert watcher.result.errors
    assert watcher.content is None


def test_after_the_folder_is_swapped_edits_are_seen_without_the_poll(qtbot, folders):
    """Sync tools and deploy scripts may replace the whole folder; watching must follow."""
    content_dir, data = folders
    watcher = started(content_dir, data, debounce_ms=150, poll_ms=600_000)  # no poll
    assert watcher.result.ok
    watcher.start()
    try:
        new = content_dir.with_name("content.new")
        shutil.copytree(content_dir, new)
        write_yaml(new / "panels" / "alpha.yaml", panel("alpha", "Swapped in"))
        content_dir.rename(content_dir.with_name("content.old"))
        new.rename(content_dir)
        watcher.reload_now()  # what the poll or the admin's Reload button does
        assert body(watcher.content) == "Swapped in"
        with qtbot.waitSignal(watcher.content_loaded, timeout=3000) as loaded:
            write_yaml(content_dir / "panels" / "alpha.yaml", panel("alpha", "Edited later"))
            bump_mtime(content_dir / "panels" / "alpha.yaml")
        assert body(loaded.args[0]) == "Edited later"
    finally:
        watcher.stop()


NO_POLL = {"debounce_ms": 100, "poll_ms": 600_000}  # only QFileSystemWatcher can see a change


@pytest.fixture
def watcher_without_poll(folders):
    content, data = folders
    watcher = started(content, data, **NO_POLL)
    watcher.start()
    yield watcher
    watcher.stop()


def test_the_file_watcher_alone_sees_edits_renames_and_new_files(
    qtbot, watcher_without_poll, folders
):
    watcher = watcher_without_poll
    content_dir, _ = folders
    alpha = content_dir / "panels" / "alpha.yaml"
    with qtbot.waitSignal(watcher.content_loaded, timeout=3000) as loaded:
        write_yaml(alpha, panel("alpha", "Edited in place"))
    assert body(loaded.args[0]) == "Edited in place"
    for text in ("Renamed over once", "Renamed over twice"):  # each rename drops the watch
        temp = content_dir / "panels" / ".alpha.yaml.tmp"
        write_yaml(temp, panel("alpha", text))
        with qtbot.waitSignal(watcher.content_loaded, timeout=3000) as loaded:
            os.replace(temp, alpha)
        assert body(loaded.args[0]) == text
    with qtbot.waitSignal(watcher.content_loaded, timeout=3000) as loaded:
        write_yaml(content_dir / "panels" / "beta.yaml", panel("beta", "A new panel"))
        site = content_dir / "site.yaml"
        site.write_text(
            site.read_text(encoding="utf-8").replace("- alpha", "- alpha\n- beta"),
            encoding="utf-8",
        )
    assert body(loaded.args[0], "beta") == "A new panel"


def copied_body(data) -> str:
    return (data / LAST_GOOD / "panels" / "alpha.yaml").read_text(encoding="utf-8")


def test_the_last_good_copy_follows_each_valid_reload_and_never_an_invalid_one(
    qtbot, watcher_without_poll, folders
):
    watcher = watcher_without_poll
    content_dir, data = folders
    alpha = content_dir / "panels" / "alpha.yaml"
    watcher.wait_saved(5)
    assert "Hello" in copied_body(data)
    for text in ("Second version", "Third version"):
        with qtbot.waitSignal(watcher.content_loaded, timeout=3000) as loaded:
            write_yaml(alpha, panel("alpha", text))
        watcher.wait_saved(5)
        assert text in copied_body(data)
        stamp = (data / LAST_GOOD / ".version").read_text(encoding="ascii")
        assert stamp == loaded.args[0].version
    broken = panel("alpha", "Broken version")
    broken["colour"] = "red"
    with qtbot.waitSignal(watcher.content_invalid, timeout=3000):
        write_yaml(alpha, broken)
    watcher.wait_saved(5)
    assert "Third version" in copied_body(data)
    assert body(watcher.content) == "Third version"


def test_fixing_the_folder_after_a_start_from_the_last_good_copy_shows_the_fix(qtbot, tmp_path):
    content = write_content(tmp_path / "content")
    data = tmp_path / "data"
    first = started(content, data)
    first.wait_saved(5)
    first.stop()
    site = (content / "site.yaml").read_text(encoding="utf-8")
    (content / "site.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    watcher = started(content, data, **NO_POLL)
    watcher.start()
    try:
        assert watcher.from_last_good
        assert watcher.content.root == data / LAST_GOOD
        write_yaml(content / "panels" / "alpha.yaml", panel("alpha", "Fixed"))
        with qtbot.waitSignal(watcher.content_loaded, timeout=3000) as loaded:
            (content / "site.yaml").write_text(site, encoding="utf-8")
        assert not watcher.from_last_good
        assert loaded.args[0].root == content
        assert watcher.result.ok and watcher.result.problems == []
        watcher.wait_saved(5)
        assert "Fixed" in copied_body(data)
    finally:
        watcher.stop()


def test_a_broken_save_while_on_the_last_good_copy_keeps_showing_it(qtbot, tmp_path):
    content = write_content(tmp_path / "content")
    data = tmp_path / "data"
    first = started(content, data)
    first.wait_saved(5)
    first.stop()
    (content / "site.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    watcher = started(content, data, **NO_POLL)
    watcher.start()
    try:
        shown = watcher.content
        with qtbot.waitSignal(watcher.content_invalid, timeout=3000):
            (content / "site.yaml").write_text("title: {unclosed\n", encoding="utf-8")
        assert watcher.content is shown
        assert watcher.from_last_good
        assert watcher.result.errors
    finally:
        watcher.stop()


def test_reload_now_loads_even_when_nothing_changed(qtbot, watcher_without_poll):
    watcher = watcher_without_poll
    before = watcher.content
    with qtbot.waitSignal(watcher.content_loaded, timeout=1000) as loaded:
        watcher.reload_now()
    assert loaded.args[0] is not before
    assert loaded.args[0].version == before.version


def test_a_file_touched_and_put_back_before_the_folder_settles_is_not_reloaded(qtbot, folders):
    content_dir, data = folders
    watcher = started(content_dir, data, debounce_ms=300, poll_ms=600_000)
    watcher.start()
    try:
        alpha = content_dir / "panels" / "alpha.yaml"
        stat = alpha.stat()
        with qtbot.assertNotEmitted(watcher.content_loaded, wait=800):
            bump_mtime(alpha)
            # (the one private look: wait until the change has been noticed, so that putting
            # the file back is seen as a change back, not as no change at all)
            qtbot.waitUntil(watcher._settle.isActive, timeout=1000)
            os.utime(alpha, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    finally:
        watcher.stop()
