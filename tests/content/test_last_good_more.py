"""The last good copy, continued: what the start-up decision and the copy hold in the cases an
operator meets (a nested images folder, a data folder not made yet, leftovers of a crash), and
the lines the log gets when the folder is broken or the copy cannot be made."""

from __future__ import annotations

import logging
import os

from kiosk.content import loader
from kiosk.content.last_good import LAST_GOOD, initial_load, save
from kiosk.content.loader import load_content
from tests.content.build import INDUSTRY, PNG, TODAY, make_content

BROKEN_SITE = "title: [unclosed\n"


def loaded(root):
    result = load_content(root, TODAY)
    assert result.ok, [p.format() for p in result.problems]
    return result.content


def test_a_valid_start_shows_the_folder_itself_and_judges_figures_by_the_kiosk_date(tmp_path):
    # The sample figure is dated 2024-06-01: fresh on the kiosk's 2025-01-01, stale later.
    root = make_content(tmp_path / "content")
    start = initial_load(root, tmp_path / "data", TODAY)
    assert start.shown is start.folder.content and start.shown.root == root
    assert start.from_last_good is False  # the admin screen does not say "last good copy"
    assert start.folder.problems == []


def test_a_broken_start_logs_every_error_of_the_folder(tmp_path, caplog):
    root = make_content(tmp_path / "content", {"site.yaml": BROKEN_SITE})
    with caplog.at_level(logging.ERROR, logger="kiosk.content.last_good"):
        start = initial_load(root, tmp_path / "data", TODAY)
    assert start.shown is None and not start.from_last_good
    [error] = start.folder.errors
    assert caplog.messages == [f"content in {root} is not valid:\n  {error.format()}"]


def test_a_broken_start_with_a_broken_copy_shows_nothing(tmp_path):
    data = tmp_path / "data"
    save(loaded(make_content(tmp_path / "content")), data)
    (data / LAST_GOOD / "site.yaml").write_text(BROKEN_SITE, encoding="utf-8")
    root = make_content(tmp_path / "content", {"site.yaml": BROKEN_SITE})
    start = initial_load(root, data, TODAY)
    assert start.shown is None and not start.from_last_good
    assert start.folder.errors


def test_the_copy_is_made_in_a_data_folder_not_made_yet_with_nested_images(tmp_path):
    root = make_content(
        tmp_path / "content",
        {
            "panels/industry.yaml": INDUSTRY.replace("images/hero.png", "images/2024/may/hero.png"),
            "images/2024/may/hero.png": PNG,
        },
    )
    data = tmp_path / "var" / "lib" / "kiosk"
    assert save(loaded(root), data)
    copy = data / LAST_GOOD
    assert (copy / "images" / "2024" / "may" / "hero.png").read_bytes() == PNG
    assert load_content(copy, TODAY).ok


def test_saving_what_is_already_saved_succeeds_without_reading_the_folder_again(tmp_path):
    root = make_content(tmp_path / "content")
    content = loaded(root)
    data = tmp_path / "data"
    assert save(content, data)
    (root / "images" / "hero.png").unlink()  # the folder moved on; the copy is still whole
    assert save(content, data)
    assert (data / LAST_GOOD / "images" / "hero.png").read_bytes() == PNG


def test_a_stray_file_or_link_where_the_copy_is_built_is_removed_not_followed(tmp_path):
    root = make_content(tmp_path / "content")
    data = tmp_path / "data"
    data.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("someone else's file", encoding="utf-8")
    (data / (LAST_GOOD + ".tmp")).write_text("left by a crash", encoding="utf-8")
    (data / (LAST_GOOD + ".old")).symlink_to(outside, target_is_directory=True)
    assert save(loaded(root), data)
    (root / "panels" / "industry.yaml").write_text(INDUSTRY.replace("正文", "第二版"), "utf-8")
    (data / (LAST_GOOD + ".tmp")).symlink_to(outside, target_is_directory=True)
    assert save(loaded(root), data)
    assert "第二版" in (data / LAST_GOOD / "panels" / "industry.yaml").read_text("utf-8")
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "someone else's file"
    assert sorted(os.listdir(data)) == [LAST_GOOD]


def test_a_folder_that_changes_while_it_is_copied_keeps_the_old_copy_and_says_why(tmp_path, caplog):
    root = make_content(tmp_path / "content")
    data = tmp_path / "data"
    assert save(loaded(root), data)
    newer = loaded(make_content(root, {"panels/industry.yaml": INDUSTRY.replace("正文", "新")}))
    (root / "panels" / "industry.yaml").write_text("id: [half-written\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk.content.last_good"):
        assert not save(newer, data)
    [problem] = load_content(root, TODAY).errors
    assert caplog.messages == [
        f"could not save the last good copy in {data / LAST_GOOD}: the copy does not validate "
        f"({problem.format()})"
    ]
    assert "正文" in (data / LAST_GOOD / "panels" / "industry.yaml").read_text("utf-8")


def test_an_image_swapped_for_a_link_out_or_a_pipe_is_named_in_the_log(tmp_path, caplog):
    root = make_content(tmp_path / "content")
    content = loaded(root)
    hero = root / "images" / "hero.png"
    hero.unlink()
    (tmp_path / "secret.png").write_bytes(PNG)
    hero.symlink_to(tmp_path / "secret.png")
    with caplog.at_level(logging.WARNING, logger="kiosk.content.last_good"):
        assert not save(content, tmp_path / "data")
        hero.unlink()
        os.mkfifo(hero)
        assert not save(content, tmp_path / "data")
    target = tmp_path / "data" / LAST_GOOD
    assert caplog.messages == [
        f"could not save the last good copy in {target}: "
        "images/hero.png leads outside the content folder",
        f"could not save the last good copy in {target}: images/hero.png is not a regular file",
    ]


def test_a_broken_start_with_a_copy_says_so_and_remembers_what_it_read(tmp_path, caplog):
    data = tmp_path / "data"
    save(loaded(make_content(tmp_path / "content")), data)
    root = make_content(tmp_path / "content", {"site.yaml": BROKEN_SITE})
    with caplog.at_level(logging.WARNING, logger="kiosk.content.last_good"):
        start = initial_load(root, data, TODAY)
    assert start.from_last_good and start.shown.root == data / LAST_GOOD
    assert caplog.messages[-1] == f"showing the last good copy from {data / LAST_GOOD}"
    # what the watcher compares later changes with: the folder, not the copy
    assert set(start.loaded) == {
        "site.yaml",
        "panels/industry.yaml",
        "panels/history.yaml",
        "images/hero.png",
    }
    nothing = initial_load(root, tmp_path / "no-data", TODAY)
    assert "site.yaml" in nothing.loaded and nothing.shown is None


def test_a_crash_inside_the_loader_becomes_an_error_line_and_a_logged_traceback(
    tmp_path, monkeypatch, caplog
):
    def crash(root, today):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(loader, "load_content", crash)
    root = make_content(tmp_path / "content")
    with caplog.at_level(logging.WARNING, logger="kiosk.content.last_good"):
        start = initial_load(root, tmp_path / "data", TODAY)
    assert start.shown is None
    assert [p.format() for p in start.folder.problems] == [
        ": error: RecursionError: maximum recursion depth exceeded"
    ]
    assert start.folder.content is None and not start.folder.ok
    record = caplog.records[0]
    assert record.getMessage() == f"loading {root} failed: maximum recursion depth exceeded"
    assert record.exc_info is not None and record.exc_info[0] is RecursionError
