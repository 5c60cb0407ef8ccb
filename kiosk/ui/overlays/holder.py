"""The kiosk's full-window layers over one window, built in one place.

The controller (kiosk/operation.py) and the screenshots both use `KioskOverlays`, so what
the screenshots show is what the kiosk builds. The admin screen is built on first use:
visitors never see it, and it stays off the path to the first frame.

The layers share the window's context: its text binder (so they follow the visitor's
language, which leads in every layer) and its image cache.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.content.views import Content
from kiosk.services.admin_pin import PinGate
from kiosk.services.admin_status import AdminInfo
from kiosk.ui.context import UiContext
from kiosk.ui.overlays.admin import AdminScreen
from kiosk.ui.overlays.attract import AttractLoop, Slide
from kiosk.ui.overlays.base import Chrome
from kiosk.ui.overlays.countdown import IdleCountdown
from kiosk.ui.overlays.notice import NoticeScreen
from kiosk.ui.overlays.pin_pad import PinPad
from kiosk.ui.overlays.screens import StandbyScreen, UnavailableScreen


class KioskOverlays(QObject):
    reload_requested = Signal()
    restart_requested = Signal()
    exit_requested = Signal()

    def __init__(
        self,
        window: QWidget,
        ctx: UiContext,
        gate: PinGate,
        admin_info: Callable[[], AdminInfo],
        parent: QObject | None = None,
    ):
        super().__init__(parent or window)
        self.window = window
        self.admin_info = admin_info  # what the admin screen shows, asked each time it opens
        self.texts, images = ctx.texts, ctx.images
        self.countdown = IdleCountdown(window, self.texts)
        self.attract = AttractLoop(window, self.texts, images)
        self.standby = StandbyScreen(window, self.texts)
        self.unavailable = UnavailableScreen(window, self.texts)
        self.pin_pad = PinPad(window, gate)
        self.notice = NoticeScreen(window, self.texts)  # over all of these (notice.yaml)
        self.built_admin: AdminScreen | None = None

    @property
    def admin(self) -> AdminScreen:
        if self.built_admin is None:
            admin = AdminScreen(self.window, lambda: self.admin_info())
            admin.reload_requested.connect(self.reload_requested)
            admin.restart_requested.connect(self.restart_requested)
            admin.exit_requested.connect(self.exit_requested)
            self.built_admin = admin
        return self.built_admin

    def admin_visible(self) -> bool:
        return self.built_admin is not None and self.built_admin.isVisible()

    def set_content(self, content: Content) -> None:
        """What the layers show of the content: its languages and chrome words, the attract
        slides and call to action (the catalogue's unless site.yaml gives one)."""
        chrome = Chrome.of(content)
        for layer in (self.countdown, self.attract, self.standby, self.unavailable, self.notice):
            layer.set_chrome(chrome)
        attract = content.site.attract
        self.attract.set_slides(
            [
                Slide(content.root / str(item.video), video=True, sound=item.sound)
                if item.video is not None
                else Slide(content.root / str(item.image))
                for item in attract.slides()
            ],
            attract.seconds_per_slide,
            attract.call_to_action,
        )

    def layers(self) -> list:
        """Every layer built so far (the admin screen only once it was)."""
        built = [
            self.countdown,
            self.attract,
            self.standby,
            self.unavailable,
            self.pin_pad,
            self.notice,
        ]
        return built + ([self.built_admin] if self.built_admin is not None else [])

    def close_session_layers(self) -> None:
        """What a session reset closes: the countdown, the PIN pad and the admin screen."""
        for overlay in (self.countdown, self.pin_pad, self.built_admin):
            if overlay is not None:
                overlay.close_overlay()
