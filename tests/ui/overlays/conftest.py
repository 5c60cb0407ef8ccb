from __future__ import annotations

import pytest

from kiosk.operation import KioskController, OperationConfig
from tests.services.conftest import _fonts, clock  # noqa: F401 (the same fixtures here)
from tests.services.kit import FakeWindow, write_content


@pytest.fixture
def make_kiosk(qtbot, tmp_path, clock):  # noqa: F811 (clock is the fixture)
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
