"""The last good copy: only what the content uses, never through a link or a pipe, and always
a whole copy to fall back on, whatever step a crash interrupts."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from kiosk.content import last_good
from kiosk.content.last_good import LAST_GOOD, initial_load, save, usable_copy
from kiosk.content.loader import load_content
from tests.content.build import INDUSTRY, PNG, TODAY, make_content

USED = {"site.yaml", "panels/industry.yaml", "panels/history.yaml", "images/hero.png"}


def loaded(root: Path):
    result = load_content(root, TODAY)
    assert result.ok, [p.format() for p in result.problems]
    return result.content


def files_in(folder: Path) -> set[str]:
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }


def break_folder(root: Path) -> None:
    (root / "site.yaml").write_text("title: [unclosed\n", encoding="utf-8")


def test_the_copy_holds_only_the_files_the_content_uses(tmp_path):
    root = make_content(tmp_path / "content")
    (root / "images" / "unused-photo.jpg").write_bytes(b"\xff\xd8\xff" + b"\0" * 5_000_000)
    (root / "notes.txt").write_text("operator's notes", encoding="utf-8")
    assert save(loaded(root), tmp_path / "data")
    copy = tmp_path / "data" / LAST_GOOD
    assert files_in(copy) == USED
    assert load_content(copy, TODAY).ok


def test_links_inside_the_folder_are_never_followed_into_the_copy(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for the kiosk", encoding="utf-8")
    root = make_content(tmp_path / "content")
    (root / "images" / "loop").symlink_to(root / "images")  # a link loop
    (root / "images" / "elsewhere").symlink_to(outside)  # a folder outside
    assert save(loaded(root), tmp_path / "data")
    copy = tmp_path / "data" / LAST_GOOD
    assert files_in(copy) == USED
    assert not any(path.is_symlink() for path in copy.rglob("*"))


def test_an_image_swapped_for_a_link_out_or_a_pipe_is_refused_and_the_old_copy_kept(tmp_path):
    root = make_content(tmp_path / "content")
    data = tmp_path / "data"
    assert save(loaded(root), data)
    (root / "panels" / "industry.yaml").write_text(
        INDUSTRY.replace("正文", "新正文"), encoding="utf-8"
    )
    newer = loaded(root)
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    hero = root / "images" / "hero.png"
    hero.unlink()
    hero.symlink_to(secret)
    assert not save(newer, data)
    hero.unlink()
    os.mkfifo(hero)
    finished = threading.Event()
    worker = threading.Thread(target=lambda: (save(newer, data), finished.set()), daemon=True)
    worker.start()
    assert finished.wait(5), "saving waited on a named pipe"
    copy = data / LAST_GOOD
    assert (copy / "images" / "hero.png").read_bytes() == PNG
    assert "新正文" not in (copy / "panels" / "industry.yaml").read_text(encoding="utf-8")
    assert load_content(copy, TODAY).ok
    assert not (data / (LAST_GOOD + ".tmp")).exists()


class Crash(BaseException):
    """Stands for the power going out: nothing after it runs, no handler catches it."""


STEPS = ["copy", "stamp", "rename-old", "rename-new", "remove-old"]


@pytest.mark.parametrize("step", STEPS)
def test_a_crash_at_any_step_of_replacing_the_copy_leaves_a_whole_one(tmp_path, monkeypatch, step):
    root = make_content(tmp_path / "content")
    data = tmp_path / "data"
    assert save(loaded(root), data)
    (root / "panels" / "industry.yaml").write_text(
        INDUSTRY.replace("正文", "第二版"), encoding="utf-8"
    )
    second = loaded(root)

    calls = {"rename": 0}
    real_copy, real_write, real_remove = (
        last_good._copy_regular_file,
        last_good._write_synced,
        last_good._remove,
    )
    real_rename = Path.rename

    def copy(*args):
        if step == "copy" and args[1] == "panels/industry.yaml":
            raise Crash
        return real_copy(*args)

    def write(*args):
        if step == "stamp":
            raise Crash
        return real_write(*args)

    def rename(self, target):
        calls["rename"] += 1
        if (step, calls["rename"]) in (("rename-old", 1), ("rename-new", 2)):
            raise Crash
        return real_rename(self, target)

    def remove(folder):
        if step == "remove-old" and folder.name == LAST_GOOD + ".old" and calls["rename"] == 2:
            raise Crash
        return real_remove(folder)

    monkeypatch.setattr(last_good, "_copy_regular_file", copy)
    monkeypatch.setattr(last_good, "_write_synced", write)
    monkeypatch.setattr(last_good, "_remove", remove)
    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(Crash):
        save(second, data)
    monkeypatch.undo()

    copy_dir = usable_copy(data)
    assert copy_dir is not None
    body = (copy_dir / "panels" / "industry.yaml").read_text(encoding="utf-8")
    assert "第二版" in body or "正文" in body
    break_folder(root)  # the next start finds the folder broken: the copy must carry it
    start = initial_load(root, data, TODAY)
    assert start.from_last_good and start.shown is not None
    assert save(loaded(make_content(tmp_path / "fixed")), data)  # and the next save works
    assert usable_copy(data) == data / LAST_GOOD
