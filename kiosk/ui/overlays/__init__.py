"""Full-window layers over the main window: idle countdown, attract loop, standby,
"temporarily unavailable", admin PIN pad and admin screen. Each is a child of the window,
hidden until `open()`; they talk to the controller through signals only."""

from kiosk.ui.overlays.admin import AdminInfo, AdminScreen
from kiosk.ui.overlays.attract import AttractLoop
from kiosk.ui.overlays.base import Chrome, Overlay
from kiosk.ui.overlays.countdown import IdleCountdown
from kiosk.ui.overlays.holder import KioskOverlays
from kiosk.ui.overlays.pin_pad import PinPad
from kiosk.ui.overlays.screens import StandbyScreen, UnavailableScreen

__all__ = [
    "AdminInfo",
    "AdminScreen",
    "AttractLoop",
    "Chrome",
    "IdleCountdown",
    "KioskOverlays",
    "Overlay",
    "PinPad",
    "StandbyScreen",
    "UnavailableScreen",
]
