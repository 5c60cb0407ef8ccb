from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.operation import KioskController, OperationConfig
from kiosk.services.clock import ManualClock
from tests.services.kit import FakeWindow, register_fonts, write_content


@pytest.fixture(autouse=True, scope="session")
def _fonts(qapp):
    register_fonts()


@pytest.fixture
def clock():
    return ManualClock(datetime(2025, 5, 6, 10, 0))  # a Tuesday morning


@pytest.fixture
def make_kiosk(qtbot, tmp_path, clock):
    """make_kiosk(site=..., panels=..., kiosk_mode=...) -> (controller, window, exits)."""
    made = []

    def make(site=None, panels=None, kiosk_mode=True, content=True):
        content_dir = tmp_path / "content"
        if content:
            write_content(content_dir, site, panels)
        window = FakeWindow(today=clock.today)
        qtbot.addWidget(window)
        exits: list[int] = []
        config = OperationConfig(
            content_dir,
            kiosk_mode=kiosk_mode,
            clock=clock,
            data_dir=tmp_path / "data",
            quit=exits.append,
            debounce_ms=100,
            poll_ms=200,
            tick_ms=50,
        )
        controller = KioskController(window, config)
        made.append(controller)
        controller.start()
        window.show()
        qtbot.waitExposed(window)
        return controller, window, exits

    yield make
    for controller in made:
        controller.stop()
