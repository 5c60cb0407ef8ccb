"""The composition root as `kiosk run` meets it: what is on screen at start, from which copy."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.services.kit import bump_mtime, shown_text


def test_a_broken_folder_at_start_shows_the_last_good_copy_until_it_is_fixed(qtbot, kiosk):
    first = kiosk()
    assert "北京经开区" in shown_text(first.window)
    first.controller.stop()
    first.window.close()

    site = first.content_dir / "site.yaml"
    good = site.read_text(encoding="utf-8")
    site.write_text(good.replace("北京经开区", "经开区新标题") + "colour: red\n", encoding="utf-8")
    again = kiosk(content=None)  # the same folders: a restart after a bad edit
    assert again.kiosk.initial.from_last_good
    assert "北京经开区" in shown_text(again.window)  # the old title, not the broken edit
    assert not again.overlays.unavailable.isVisible()
    info = again.controller.admin_info()
    assert "last good copy" in info.source
    assert any("colour" in p.message for p in info.problems)

    site.write_text(good.replace("北京经开区", "经开区新标题"), encoding="utf-8")
    bump_mtime(site)
    qtbot.waitUntil(lambda: "经开区新标题" in shown_text(again.window), timeout=5000)
    assert not again.controller.watcher.from_last_good
    assert "last good copy" not in again.controller.admin_info().source


def test_each_valid_reload_replaces_the_last_good_copy(qtbot, kiosk):
    running = kiosk()
    copy = running.data_dir / "last-good" / "site.yaml"
    site = running.content_dir / "site.yaml"
    for title in ("第一次修改", "第二次修改"):
        text = site.read_text(encoding="utf-8")
        site.write_text(text.replace("北京经开区", title, 1), encoding="utf-8")
        bump_mtime(site)
        qtbot.waitUntil(lambda title=title: title in shown_text(running.window), timeout=5000)
        qtbot.waitUntil(lambda title=title: title in _text_between_swaps(copy))
        site.write_text(text, encoding="utf-8")  # back, for the next round
        bump_mtime(site)
        qtbot.waitUntil(lambda: "北京经开区" in shown_text(running.window), timeout=5000)


def _text_between_swaps(path):
    """The copy's text, or "" in the instant the new copy is being renamed into place."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def test_kiosk_mode_without_a_size_takes_the_whole_screen_frameless_and_on_top(kiosk):
    window = kiosk(size=None).window
    assert window.isFullScreen()
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.geometry() == window.screen().geometry()


def test_a_window_for_the_operator_is_an_ordinary_resizable_window(kiosk):
    running = kiosk(kiosk_mode=False, size=(1024, 768))
    window = running.window
    assert not window.isFullScreen()
    assert (window.width(), window.height()) == (1024, 768)
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not running.controller.lockdown.enabled
