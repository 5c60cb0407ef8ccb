"""The watcher writes the snapshot cache (kiosk/content/snapshot_cache.py) beside the last good
copy: after the start-up load and after each valid reload, so the next start of an unchanged
folder skips reading and validating it."""

from __future__ import annotations

from datetime import date

from kiosk.content.last_good import initial_load
from kiosk.content.snapshot_cache import CACHE_FILE
from tests.services.kit import panel, started, write_content, write_yaml


def test_the_start_and_every_valid_reload_leave_a_cache_the_next_start_uses(qtbot, tmp_path):
    content, data = write_content(tmp_path / "content"), tmp_path / "data"
    watcher = started(content, data)
    watcher.start()
    try:
        watcher.wait_saved(30)
        assert (data / CACHE_FILE).is_file()
        assert initial_load(content, data, date.today()).from_cache

        with qtbot.waitSignal(watcher.content_loaded, timeout=5000):
            write_yaml(content / "panels" / "alpha.yaml", panel("alpha", "Edited"))
            watcher.reload_now()
        watcher.wait_saved(30)
    finally:
        watcher.stop()

    again = initial_load(content, data, date.today())
    assert again.from_cache
    assert again.shown.panels["alpha"].blocks[0].body.get("en") == "Edited"


def test_a_start_from_the_cache_does_not_write_it_again(qtbot, tmp_path):
    content, data = write_content(tmp_path / "content"), tmp_path / "data"
    first = started(content, data)
    first.wait_saved(30)
    first.stop()
    written = (data / CACHE_FILE).stat().st_mtime_ns
    second = started(content, data)
    second.wait_saved(30)
    second.stop()
    assert (data / CACHE_FILE).stat().st_mtime_ns == written


def test_the_cache_is_written_before_the_long_copy_of_the_last_good_copy(
    qtbot, tmp_path, monkeypatch
):
    """Copying camera photos into the last good copy takes long (minutes at scale); a kiosk
    stopped meanwhile still starts from the cache the next time."""
    from kiosk.content import last_good

    content, data = write_content(tmp_path / "content"), tmp_path / "data"
    seen = []
    monkeypatch.setattr(last_good, "save", lambda *_: seen.append((data / CACHE_FILE).is_file()))
    watcher = started(content, data)
    watcher.wait_saved(30)
    watcher.stop()
    assert seen == [True]


def test_a_kiosk_built_only_to_be_looked_at_copies_nothing_into_its_data_folder(qtbot, tmp_path):
    """`kiosk check` and the screenshots build the kiosk on a folder thrown away after: a copy
    of the content's camera photos there took minutes of a check, for nothing."""
    from kiosk.commands.screenshots import noon_today, still_kiosk
    from kiosk.services.clock import ManualClock

    content = write_content(tmp_path / "content")
    looked_at = still_kiosk(content, (800, 600), ManualClock(noon_today()), tmp_path / "look")
    try:
        looked_at.controller.watcher.wait_saved(30)
        assert looked_at.window.ctx.content.panels  # built, on the folder's content
        assert not (tmp_path / "look" / "last-good").exists()
        assert not (tmp_path / "look" / CACHE_FILE).exists()
    finally:
        looked_at.close()
    running = started(content, tmp_path / "run")  # a kiosk that runs keeps both
    try:
        running.wait_saved(30)
        assert (tmp_path / "run" / "last-good" / "site.yaml").is_file()
        assert (tmp_path / "run" / CACHE_FILE).is_file()
    finally:
        running.stop()
