"""Python's garbage collector during a start (kiosk/cli.py, kiosk/commands/run.py): off while
the kiosk is imported and built, on again, with the start's objects frozen, once the first
frame is painted; never left off by any other command or a usage error."""

from __future__ import annotations

import gc
import linecache

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.cli import main
from kiosk.commands.run import collect_after_first_frame
from tests.content.build import make_content


@pytest.fixture
def collector():
    """Restores the collector as the test found it."""
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_comes_back_at_the_first_frame_with_the_start_frozen(qtbot, collector):
    window = QWidget()
    qtbot.addWidget(window)
    gc.disable()
    collect_after_first_frame(window, fallback_ms=60_000)
    qtbot.wait(50)
    assert not gc.isenabled()  # nothing painted yet

    window.resize(400, 300)
    window.show()

    qtbot.waitUntil(gc.isenabled, timeout=5000)
    assert gc.get_freeze_count() > 1000  # modules, classes, Qt's enums: skipped from now on


def test_the_first_frame_lets_go_of_the_source_lines_read_during_the_start(qtbot, collector):
    linecache.getline(__file__, 1)  # as PySide's import hook reads every module imported
    window = QWidget()
    qtbot.addWidget(window)
    collect_after_first_frame(window, fallback_ms=60_000)
    qtbot.wait(50)
    assert __file__ in linecache.cache  # nothing painted yet

    window.resize(400, 300)
    window.show()

    qtbot.waitUntil(lambda: __file__ not in linecache.cache, timeout=5000)


def test_a_window_that_never_paints_still_gets_its_collector_back(qtbot, collector):
    window = QWidget()
    qtbot.addWidget(window)
    gc.disable()
    collect_after_first_frame(window, fallback_ms=200)
    qtbot.waitUntil(gc.isenabled, timeout=5000)


def test_other_commands_and_usage_errors_leave_the_collector_on(tmp_path, capsys, collector):
    gc.enable()
    make_content(tmp_path)
    main(["validate", "--content", str(tmp_path)])
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        main(["run", "--no-such-option"])
    assert gc.isenabled()
