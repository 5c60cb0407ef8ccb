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
def kiosk(qtbot, tmp_path, clock):
    """kiosk(site=..., content=True, manage_display=False) -> (controller, FakeWindow)."""
    made = []

    def make(site=None, content=True, manage_display=False):
        content_dir = tmp_path / "content"
        if content:
            write_content(content_dir, site)
        window = FakeWindow(today=clock.today)
        qtbot.addWidget(window)
        config = OperationConfig(
            content_dir,
            clock=clock,
            data_dir=tmp_path / "data",
            quit=lambda code: None,
            debounce_ms=100,
            poll_ms=200,
            tick_ms=50,
            manage_display=manage_display,
        )
        controller = KioskController(window, config)
        made.append(controller)
        controller.start()
        window.show()
        qtbot.waitExposed(window)
        return controller, window

    yield make
    for controller in made:
        controller.stop()
