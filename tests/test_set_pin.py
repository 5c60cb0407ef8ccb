"""`kiosk set-pin`: the one way to change the admin PIN. It changes only the pin_hash line of
site.yaml, the new PIN opens the admin screen and the old one no longer does, and whatever
goes wrong (mistyped PINs, a broken or unsafe site.yaml, a folder it cannot write) leaves
the file as it was, with one clear message."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from kiosk.commands import hash_pin as hash_pin_cli
from kiosk.commands import set_pin as set_pin_cli
from kiosk.commands.set_pin import set_pin_command
from kiosk.content.loader import load_content
from kiosk.content.yaml_source import read_yaml
from kiosk.services.admin_pin import verify_pin
from tests.conftest import SAMPLE_CONTENT

SAMPLE_PIN = "2580"
NEW_PIN = "471100"
PIN_LINE = re.compile(r'  pin_hash: "(pbkdf2_sha256\$[^"]+)"')


@pytest.fixture
def content(tmp_path):
    """A copy of the shipped sample content, as an operator has it."""
    folder = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, folder)
    return folder


def typed(monkeypatch, *answers: str) -> list[str]:
    """What the operator types at the hidden prompts; returns the prompts shown."""
    prompts: list[str] = []
    queue = list(answers)

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        if not queue:
            raise AssertionError(f"asked for more than was typed: {prompt!r}")
        return queue.pop(0)

    monkeypatch.setattr(hash_pin_cli.getpass, "getpass", getpass)
    return prompts


def pin_hash_in(site_yaml) -> str:
    return read_yaml(site_yaml.read_text(encoding="utf-8")).data["admin"]["pin_hash"]


def test_set_pin_changes_only_the_pin_hash_line_of_the_sample(content, monkeypatch, capsys):
    site = content / "site.yaml"
    site.chmod(0o640)
    before = site.read_text(encoding="utf-8").splitlines()
    names = sorted(os.listdir(content))
    prompts = typed(monkeypatch, NEW_PIN, NEW_PIN)

    assert set_pin_command(content) == 0

    after = site.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    changed = [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    assert len(changed) == 1
    (index,) = changed
    assert before[index - 1] == "admin:"  # the line under admin:, nothing else
    found = PIN_LINE.fullmatch(after[index])
    assert found, after[index]
    assert verify_pin(NEW_PIN, found.group(1))
    assert not verify_pin(SAMPLE_PIN, found.group(1))
    out = capsys.readouterr().out
    assert out == (
        f"Admin PIN changed in {site} (line {index + 1}). "
        "A running kiosk picks it up within seconds.\n"
    )
    assert len(prompts) == 2  # asked twice
    assert stat.S_IMODE(site.stat().st_mode) == 0o640  # permissions kept
    assert sorted(os.listdir(content)) == names  # no temporary file left behind
    assert load_content(content).ok


def test_the_new_pin_opens_the_admin_screen_and_the_old_one_does_not(kiosk, monkeypatch, qtbot):
    from PySide6.QtCore import QPoint

    from tests.touch import tap

    running = kiosk(content="sample")
    controller, window = running.controller, running.window
    typed(monkeypatch, NEW_PIN, NEW_PIN)
    assert set_pin_command(running.content_dir) == 0
    new_hash = pin_hash_in(running.content_dir / "site.yaml")
    # The running kiosk reloads the changed file by itself, as after any edit.
    qtbot.waitUntil(lambda: controller.content.site.admin.pin_hash == new_hash, timeout=10_000)

    w, h = window.width(), window.height()
    for x, y in [(20, 20), (w - 20, 20), (w - 20, h - 20), (20, h - 20), (20, 20)]:
        tap(window, QPoint(x, y))  # the corner gesture
    pad = controller.overlays.pin_pad
    assert pad.isVisible()

    def type_on_pad(pin: str) -> None:
        for key in [*pin, "ok"]:
            tap(pad.buttons[key])

    type_on_pad(SAMPLE_PIN)
    assert not controller.overlays.admin.isVisible()
    assert "Wrong PIN (1/5)" in pad.status.text()
    type_on_pad(NEW_PIN)  # tried again on the same pad
    assert controller.overlays.admin.isVisible()
    assert not controller.overlays.pin_pad.isVisible()


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("4711", "4712", "the two PINs differ; nothing changed"),
        ("12a4", "12a4", "a PIN is 4 to 12 digits"),
        ("１２３４", "１２３４", "a PIN is 4 to 12 digits"),  # full-width: the pad cannot type them
        ("123", "123", "a PIN is 4 to 12 digits"),
        ("1234567890123", "1234567890123", "a PIN is 4 to 12 digits"),
        ("", "", "a PIN is 4 to 12 digits"),
    ],
)
def test_mistyped_or_impossible_pins_change_nothing(
    content, monkeypatch, capsys, first, second, message
):
    site = content / "site.yaml"
    before = site.read_bytes()
    typed(monkeypatch, first, second)
    assert set_pin_command(content) == 1
    captured = capsys.readouterr()
    assert message in captured.err and "nothing changed" in captured.err
    assert captured.out == ""
    assert site.read_bytes() == before


def test_ctrl_c_at_the_prompt_changes_nothing(content, monkeypatch, capsys):
    site = content / "site.yaml"
    before = site.read_bytes()

    def interrupted(prompt=""):
        raise KeyboardInterrupt

    monkeypatch.setattr(hash_pin_cli.getpass, "getpass", interrupted)
    assert set_pin_command(content) == 1
    assert "cancelled; nothing changed" in capsys.readouterr().err
    assert site.read_bytes() == before


@pytest.mark.parametrize(
    ("breakage", "problem"),
    [
        (
            ("panels: [industry, livability, business, talent]", "panels: [industry, busines]"),
            re.compile(r"site\.yaml:\d+:\d+: error: panels\[1\]: no panel file panels/busines"),
        ),
        (
            ("default_language: zh", "default_language: [zh"),
            re.compile(r"site\.yaml:\d+:\d+: error: not valid YAML"),
        ),
        (
            ("  timeout_seconds: 90", "  timeout_seconds: ninety"),
            re.compile(r"site\.yaml:\d+:\d+: error: idle\.timeout_seconds: "),
        ),
    ],
)
def test_an_invalid_site_yaml_changes_nothing_and_says_why(
    content, monkeypatch, capsys, breakage, problem
):
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert breakage[0] in text
    site.write_text(text.replace(breakage[0], breakage[1], 1), encoding="utf-8")
    before = site.read_bytes()
    prompts = typed(monkeypatch)  # never asked: the file is checked first
    assert set_pin_command(content) == 1
    err = capsys.readouterr().err
    assert f"kiosk set-pin: {site} has problems; fix them first (nothing changed):" in err
    assert problem.search(err), err
    assert prompts == []
    assert site.read_bytes() == before


def test_errors_in_other_files_do_not_stop_it_but_are_named(content, monkeypatch, capsys):
    (content / "panels" / "talent.yaml").write_text("id: [broken\n", encoding="utf-8")
    typed(monkeypatch, NEW_PIN, NEW_PIN)
    assert set_pin_command(content) == 0
    out = capsys.readouterr().out
    assert "Admin PIN changed in" in out
    assert "The content has 1 error in other files (`kiosk validate` lists them)" in out
    assert "keeps its last good content and the old PIN" in out
    assert verify_pin(NEW_PIN, pin_hash_in(content / "site.yaml"))


@pytest.mark.parametrize(
    ("where", "error"),
    [
        ("tempfile.mkstemp", OSError(errno.EACCES, "Permission denied")),  # read-only folder
        ("tempfile.mkstemp", OSError(errno.EROFS, "Read-only file system")),
        ("os.fsync", OSError(errno.ENOSPC, "No space left on device")),  # full disk
        ("os.replace", OSError(errno.EACCES, "Permission denied")),
    ],
)
def test_a_folder_it_cannot_write_leaves_the_file_whole(content, monkeypatch, capsys, where, error):
    # Root (as these tests may run) writes into a 0o555 folder anyway: the write fails here
    # as it does for the operator's own account, at the step the kernel refuses.
    site = content / "site.yaml"
    before = site.read_bytes()
    names = sorted(os.listdir(content))
    module, name = where.split(".")
    real = getattr(getattr(set_pin_cli, module), name)
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:  # the file's own write; the folder's fsync after it may pass
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(getattr(set_pin_cli, module), name, refuse)
    typed(monkeypatch, NEW_PIN, NEW_PIN)
    assert set_pin_command(content) == 1
    captured = capsys.readouterr()
    assert (
        captured.err == f"kiosk set-pin: cannot write {site}: {error.strerror}; nothing changed\n"
    )
    assert captured.out == ""
    assert site.read_bytes() == before
    assert sorted(os.listdir(content)) == names  # the temporary file is gone too


def test_a_folder_known_to_be_read_only_is_named_before_the_pin_is_asked(
    content, monkeypatch, capsys
):
    site = content / "site.yaml"
    before = site.read_bytes()
    real_access = os.access

    def access(path, mode):  # as the kernel answers for a folder the user may not write
        return Path(path).resolve() != content.resolve() and real_access(path, mode)

    monkeypatch.setattr(set_pin_cli.os, "access", access)
    prompts = typed(monkeypatch)
    assert set_pin_command(content) == 1
    assert capsys.readouterr().err == (
        f"kiosk set-pin: cannot write {site}: its folder is read-only for this user; "
        "nothing changed\n"
    )
    assert prompts == []
    assert site.read_bytes() == before


def remove_admin(text: str) -> str:
    """The sample site.yaml without its admin section (and the comment above it)."""
    start = text.index("# SAMPLE PIN 2580")
    end = text.index("display:")
    return text[:start] + text[end:]


def test_a_site_yaml_without_admin_gets_one_at_the_end_and_loads(content, monkeypatch, capsys):
    site = content / "site.yaml"
    text = remove_admin(site.read_text(encoding="utf-8"))
    site.write_text(text, encoding="utf-8")
    assert not load_content(content).ok  # admin is required: the kiosk refuses this file
    typed(monkeypatch, NEW_PIN, NEW_PIN)
    assert set_pin_command(content) == 0
    new = site.read_text(encoding="utf-8")
    assert new.startswith(text)  # everything before is kept as it was
    added = new[len(text) :].splitlines()
    assert added[:3] == [
        "",
        "# The admin PIN, as a salted hash: change it with `kiosk set-pin`.",
        "admin:",
    ]
    assert PIN_LINE.fullmatch(added[3]) and len(added) == 4
    result = load_content(content)
    assert result.ok, [p.format() for p in result.problems]
    assert verify_pin(NEW_PIN, result.content.site.admin.pin_hash)
    line = len(text.splitlines()) + 4
    assert f"Admin PIN changed in {site} (line {line})." in capsys.readouterr().out


OLD = "pbkdf2_sha256$1000$00$00"


@pytest.mark.parametrize(
    ("written", "becomes"),
    [
        # flow style: the value is replaced, the quotes the operator used are kept
        (f"admin: {{pin_hash: '{OLD}'}}\n", "admin: {pin_hash: '@'}\n"),
        (f"admin: {{pin_hash: {OLD}}}  # the PIN\n", "admin: {pin_hash: @}  # the PIN\n"),
        ("admin: {}\n", 'admin: {pin_hash: "@"}\n'),
        ("admin: {note: front desk}\n", 'admin: {note: front desk, pin_hash: "@"}\n'),
        # an admin: mapping without pin_hash: added with the mapping's own indentation
        ("admin:\n    note: front desk\n", 'admin:\n    pin_hash: "@"\n    note: front desk\n'),
        # an empty admin: or an empty pin_hash:
        ("admin:  # to do\n", 'admin:  # to do\n  pin_hash: "@"\n'),
        ("admin: ~\n", 'admin: {pin_hash: "@"}\n'),
        ("admin:\n  pin_hash:\n", 'admin:\n  pin_hash: "@"\n'),
        ("admin:\n  pin_hash: not a hash  # typo\n", "admin:\n  pin_hash: @  # typo\n"),
        # a hash folded over lines: one line now, the blank line after it kept
        (
            f"admin:\n  pin_hash: >-\n    {OLD[:12]}\n    {OLD[12:]}\n\n",
            'admin:\n  pin_hash: "@"\n\n',
        ),
    ],
)
def test_each_way_of_writing_admin_is_edited_in_place(
    content, monkeypatch, capsys, written, becomes
):
    site = content / "site.yaml"
    sample = site.read_text(encoding="utf-8")
    head, tail = sample[: sample.index("admin:")], sample[sample.index("display:") :]
    site.write_text(head + written + tail, encoding="utf-8")
    typed(monkeypatch, NEW_PIN, NEW_PIN)
    assert set_pin_command(content) == 0, capsys.readouterr().err
    new_hash = pin_hash_in(site)
    assert site.read_text(encoding="utf-8") == head + becomes.replace("@", new_hash) + tail
    result = load_content(content)
    assert result.ok, [p.format() for p in result.problems]
    assert verify_pin(NEW_PIN, result.content.site.admin.pin_hash)


def test_windows_line_ends_and_a_byte_order_mark_are_kept(content, monkeypatch):
    site = content / "site.yaml"
    crlf = site.read_text(encoding="utf-8").replace("\n", "\r\n")
    site.write_bytes(b"\xef\xbb\xbf" + crlf.encode("utf-8"))
    typed(monkeypatch, NEW_PIN, NEW_PIN)
    assert set_pin_command(content) == 0
    data = site.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    before, after = crlf.split("\r\n"), data[3:].decode("utf-8").split("\r\n")
    assert len(after) == len(before)
    assert sum(old != new for old, new in zip(before, after, strict=True)) == 1
    assert verify_pin(NEW_PIN, pin_hash_in(site))


def test_an_edit_that_would_change_more_than_the_pin_is_refused(content, monkeypatch, capsys):
    # A site.yaml written as one JSON object (valid YAML) and without admin: a block appended
    # after it would break the file, so nothing is written and the way by hand is named.
    site = content / "site.yaml"
    data = read_yaml(site.read_text(encoding="utf-8")).data
    del data["admin"]
    site.write_text(json.dumps(data, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    before = site.read_bytes()
    typed(monkeypatch, NEW_PIN, NEW_PIN)
    assert set_pin_command(content) == 1
    err = capsys.readouterr().err
    assert f"could not change only the PIN in {site}; nothing changed" in err
    assert "`kiosk hash-pin`" in err and "by hand" in err
    assert site.read_bytes() == before


def test_a_site_yaml_linking_out_of_the_folder_is_refused(content, tmp_path, monkeypatch, capsys):
    outside = tmp_path / "elsewhere.yaml"
    shutil.move(content / "site.yaml", outside)
    before = outside.read_bytes()
    (content / "site.yaml").symlink_to(outside)
    prompts = typed(monkeypatch)
    assert set_pin_command(content) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk set-pin: {content / 'site.yaml'} is a link that leads outside")
    assert str(outside) not in err  # names the file as the operator wrote it
    assert prompts == []
    assert outside.read_bytes() == before and (content / "site.yaml").is_symlink()


def test_a_link_inside_the_folder_stays_a_link(content, monkeypatch):
    real = content / "sites" / "main.yaml"
    real.parent.mkdir()
    shutil.move(content / "site.yaml", real)
    (content / "site.yaml").symlink_to(os.path.join("sites", "main.yaml"))
    typed(monkeypatch, NEW_PIN, NEW_PIN)
    assert set_pin_command(content) == 0
    assert (content / "site.yaml").is_symlink()
    assert verify_pin(NEW_PIN, pin_hash_in(real))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_site_yaml_that_is_not_a_file_is_refused_without_waiting(content, monkeypatch, capsys):
    (content / "site.yaml").unlink()
    os.mkfifo(content / "site.yaml")
    typed(monkeypatch)
    assert set_pin_command(content) == 1
    err = capsys.readouterr().err
    assert f"{content / 'site.yaml'} is a named pipe, not a file" in err


def test_a_missing_site_yaml_or_folder_is_named(content, tmp_path, monkeypatch, capsys):
    typed(monkeypatch)
    assert set_pin_command(tmp_path / "nowhere") == 1
    assert f"content folder not found: {tmp_path / 'nowhere'}" in capsys.readouterr().err
    (content / "site.yaml").unlink()
    assert set_pin_command(content) == 1
    assert f"{content / 'site.yaml'} not found" in capsys.readouterr().err


def test_a_file_edited_while_the_pin_is_typed_is_not_overwritten(content, monkeypatch, capsys):
    site = content / "site.yaml"
    answers = iter([NEW_PIN, NEW_PIN])

    def getpass(prompt=""):
        site.write_text(site.read_text(encoding="utf-8") + "# saved meanwhile\n", "utf-8")
        return next(answers)

    monkeypatch.setattr(hash_pin_cli.getpass, "getpass", getpass)
    assert set_pin_command(content) == 1
    assert "changed while the PIN was typed; nothing changed" in capsys.readouterr().err
    assert verify_pin(SAMPLE_PIN, pin_hash_in(site))


def test_hash_pin_points_at_set_pin_and_shows_yaml_that_works(content, monkeypatch, capsys):
    typed(monkeypatch, NEW_PIN, NEW_PIN)
    assert hash_pin_cli.hash_pin_command() == 0
    captured = capsys.readouterr()
    printed = captured.out.strip()
    assert verify_pin(NEW_PIN, printed)  # stdout is the hash alone, for scripts
    assert "`kiosk set-pin`" in captured.err
    shown = captured.err[captured.err.index("admin:\n") :]
    assert shown == f'admin:\n  pin_hash: "{printed}"\n'
    # The YAML it shows, put in place of the sample's admin section, is what the kiosk reads.
    site = content / "site.yaml"
    sample = site.read_text(encoding="utf-8")
    head, tail = sample[: sample.index("admin:")], sample[sample.index("display:") :]
    site.write_text(head + shown + "\n" + tail, encoding="utf-8")
    result = load_content(content)
    assert result.ok and verify_pin(NEW_PIN, result.content.site.admin.pin_hash)
