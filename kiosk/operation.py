"""Kiosk operation wired onto the main window: idle and attract, live reload, opening hours,
admin gesture and PIN, lockdown, crash guard and usage analytics.

Wiring (kiosk/app.py):

    controller = KioskController(window, OperationConfig(content_dir, kiosk_mode=not windowed))
    controller.start()     # loads content (or the last good copy) and calls window.set_content

The window provides `show_home()`, `show_panel(id)`, `current_panel_id()`, `set_content(c)`,
`reset_session()`. Optional signals it may emit, used when present:
    screen_changed(str)       panel id, or "" for home      -> analytics views and dwell
    language_changed(str)     "zh" / "en"                   -> analytics language share
    detail_opened(str, str)   kind, target; e.g. ("gallery_open", "industry")
Without `screen_changed` the controller reads `current_panel_id()` after each input instead;
`window.ctx.language_changed` (a UiContext) is used when the window has no language signal.

When the window needs content to be built, load it first:

    watcher = open_content(config)          # content folder, else last good copy, else None
    window = MainWindow(watcher.content)
    controller = KioskController(window, config, watcher=watcher); controller.start()
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk.content.models import Content
from kiosk.services import lockdown
from kiosk.services.admin_pin import PinGate
from kiosk.services.analytics import HOME, Analytics, collect
from kiosk.services.clock import Clock, SystemClock
from kiosk.services.guard import CrashGuard
from kiosk.services.hours import DayWatch, next_opening
from kiosk.services.idle import IdleMonitor, IdleState, InputWatch
from kiosk.services.logs import data_dir, log_dir
from kiosk.services.watcher import ContentWatcher
from kiosk.ui.overlays import (
    AdminInfo,
    AdminScreen,
    AttractLoop,
    IdleCountdown,
    PinPad,
    StandbyScreen,
    UnavailableScreen,
)

log = logging.getLogger(__name__)

RESTART_EXIT_CODE = 75  # EX_TEMPFAIL: the service manager starts the kiosk again


def _default_quit(code: int) -> None:
    QCoreApplication.exit(code)


@dataclass
class OperationConfig:
    content_dir: Path
    kiosk_mode: bool = True  # lockdown on; False for a windowed preview
    clock: Clock = field(default_factory=SystemClock)
    data_dir: Path = field(default_factory=data_dir)
    manage_display: bool = False  # screen saver off, display off in standby (X11, best effort)
    quit: Callable[[int], None] = _default_quit  # called with 0 (exit) or RESTART_EXIT_CODE
    debounce_ms: int = 250
    poll_ms: int = 2000
    tick_ms: int = 20_000  # how often opening hours and the date are looked at


class CornerTaps(QObject):
    """The admin gesture: taps on the corners top-left, top-right, bottom-right, bottom-left,
    top-left, all within 5 s, each inside a 100 px corner square. Any other tap starts over."""

    triggered = Signal()
    SEQUENCE = ("tl", "tr", "br", "bl", "tl")
    CORNER_PX = 100
    WITHIN_S = 5.0

    def __init__(self, window: QWidget, monotonic: Callable[[], float] = time.monotonic):
        super().__init__(window)
        self._window = window
        self._monotonic = monotonic
        self._done = 0
        self._started = 0.0

    def feed(self, event: QEvent) -> None:
        point = _release_point(event)
        if point is None:
            return
        corner = self._corner(self._window.mapFromGlobal(point))
        now = self._monotonic()
        if self._done and now - self._started > self.WITHIN_S:
            self._done = 0
        if corner == self.SEQUENCE[self._done]:
            if self._done == 0:
                self._started = now
            self._done += 1
        else:
            self._done = 1 if corner == self.SEQUENCE[0] else 0
            self._started = now
        if self._done == len(self.SEQUENCE):
            self._done = 0
            self.triggered.emit()

    def _corner(self, p: QPoint) -> str | None:
        w, h, c = self._window.width(), self._window.height(), self.CORNER_PX
        column = "l" if p.x() < c else "r" if p.x() >= w - c else ""
        row = "t" if p.y() < c else "b" if p.y() >= h - c else ""
        return row + column if row and column else None


_ENDS = {
    QEvent.Type.TouchEnd,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


def _release_point(event: QEvent) -> QPoint | None:
    """Global position of a finger lift or a real (not touch-synthesized) mouse release."""
    if event.type() == QEvent.Type.TouchEnd and isinstance(event, QTouchEvent):
        points = event.points()
        return points[0].globalPosition().toPoint() if points else None
    if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
        if event.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
            return None
        return event.globalPosition().toPoint()
    return None


class KioskController(QObject):
    content_changed = Signal(object)  # Content now on screen
    exit_requested = Signal(int)  # 0: exit, RESTART_EXIT_CODE: restart

    def __init__(
        self,
        window,
        config: OperationConfig,
        watcher: ContentWatcher | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.window = window
        self.config = config
        self.clock = config.clock
        self.content: Content | None = None
        self.loaded_at: datetime | None = None
        self.started_at = time.monotonic()
        self.watcher = watcher or make_watcher(config)
        self.watcher.setParent(self)
        self.idle = IdleMonitor(parent=self)
        self.hours = DayWatch(config.clock, interval_ms=config.tick_ms, parent=self)
        self.analytics = Analytics(Path(config.data_dir) / "analytics.sqlite3", config.clock)
        self.lockdown = lockdown.Lockdown(enabled=config.kiosk_mode, parent=self)
        self.guard = CrashGuard(self.go_home, config.data_dir)
        self.gate = PinGate("")
        self.input = InputWatch(self._on_input, parent=self)
        self.gesture = CornerTaps(window)
        self.countdown = IdleCountdown(window)
        self.attract = AttractLoop(window)
        self.standby = StandbyScreen(window)
        self.unavailable = UnavailableScreen(window)
        self.pin_pad = PinPad(window, self.gate)
        self._admin: AdminScreen | None = None  # built on first use: visitors never see it
        self._screen: str | None = None
        self._lang = ""
        self._connect()

    @property
    def admin(self) -> AdminScreen:
        if self._admin is None:
            self._admin = AdminScreen(self.window, self.admin_info)
            self._admin.reload_requested.connect(self.watcher.reload_now)
            self._admin.restart_requested.connect(lambda: self._quit(RESTART_EXIT_CODE))
            self._admin.exit_requested.connect(lambda: self._quit(0))
        return self._admin

    # ---- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Show the content (loading it unless `open_content` did), then start every service."""
        result = self.watcher.result or self.watcher.load_initial()
        if self.watcher.content is not None:
            self._apply(self.watcher.content)
        else:
            log.error("no valid content and no last good copy: showing 'temporarily unavailable'")
            self.unavailable.open()
        if not result.ok:
            self.watcher.content_invalid.emit(result.problems)
        app = QCoreApplication.instance()
        app.installEventFilter(self.input)
        app.installEventFilter(self.lockdown)
        self.guard.install()
        self.watcher.start()
        self.idle.start()
        self.hours.start()
        if self.config.manage_display:
            lockdown.inhibit_screensaver()
        if not self.hours.is_open() and self.standby.isHidden():
            self._closed()  # (not twice: loading content with closed hours already did it)

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.input)
            app.removeEventFilter(self.lockdown)
        self.guard.uninstall()
        for service in (self.watcher, self.idle, self.hours):
            service.stop()
        self.analytics.close()

    def go_home(self) -> None:
        """After a crash in a slot: close the transient layers and show the home screen."""
        self.countdown.close_overlay()
        if self.content is not None:
            self.window.show_home()

    # ---- wiring ---------------------------------------------------------------------------

    def _connect(self) -> None:
        self.watcher.content_loaded.connect(self._apply)
        self.watcher.content_invalid.connect(self._invalid)
        self.idle.countdown_started.connect(self._countdown)
        self.idle.countdown_cancelled.connect(self.countdown.close_overlay)
        self.idle.timed_out.connect(self._timed_out)
        self.idle.attract_due.connect(self._attract)
        self.idle.visit_started.connect(self._visit_started)
        self.hours.open_changed.connect(self._open_changed)
        self.hours.day_changed.connect(self._new_day)
        self.gesture.triggered.connect(self._admin_gesture)
        self.pin_pad.accepted.connect(lambda: self.admin.open())
        ctx = getattr(self.window, "ctx", None)  # MainWindow's UiContext, if it has one
        for source, name, slot in (
            (self.window, "screen_changed", self._screen_changed),
            (self.window, "language_changed", self._language_changed),
            (ctx, "language_changed", self._language_changed),
            (self.window, "detail_opened", self.analytics.event),
        ):
            signal = getattr(source, name, None)
            if signal is not None:
                signal.connect(slot)

    def _apply(self, content: Content) -> None:
        first = self.content is None
        self.content = content
        self.loaded_at = self.clock.now()
        site = content.site
        self.idle.configure(site.idle)
        self.attract.set_slides(
            [content.image_path(image) for image in site.attract.images],
            site.attract.seconds_per_slide,
            site.attract.call_to_action,
        )
        self.hours.set_hours(site.opening_hours)
        self.gate.pin_hash = site.admin.pin_hash
        if first:
            self._lang = site.default_language
        self.window.set_content(content)
        self.unavailable.close_overlay()
        if self._admin is not None and self._admin.isVisible():
            self._admin.refresh()
        self.content_changed.emit(content)

    def _invalid(self, problems: list) -> None:
        if self._admin is not None and self._admin.isVisible():
            self._admin.refresh()

    def _quit(self, code: int) -> None:
        log.info("admin asked to %s", "restart" if code == RESTART_EXIT_CODE else "exit")
        self.lockdown.set_enabled(False)
        self.analytics.end_session()
        self.exit_requested.emit(code)
        self.config.quit(code)

    # ---- input, idle, attract -------------------------------------------------------------

    def _on_input(self, event: QEvent) -> None:
        self.gesture.feed(event)
        # Over the countdown, attract or standby layer, wake on the finger's lift, not its
        # press: closing a layer under a pressed finger would let the press reach a button.
        if event.type() in _ENDS or self.idle.state is IdleState.ACTIVE:
            self.idle.poke()
        if getattr(self.window, "screen_changed", None) is None:
            QTimer.singleShot(0, self._poll_screen)

    def _countdown(self, seconds: float) -> None:
        # Nothing to ask "still there?" about over standby or "temporarily unavailable".
        if self.content is not None and not self.standby.isVisible():
            self.countdown.start(seconds)

    def _timed_out(self) -> None:
        for overlay in (self.countdown, self.pin_pad, self._admin):
            if overlay is None:
                continue
            overlay.close_overlay()
        self.analytics.end_session()
        self._screen = None
        if self.content is not None:
            self.window.reset_session()
            self._lang = self.content.site.default_language
        if not self.hours.is_open():
            self._closed()

    def _attract(self) -> None:
        if self.content is not None and not self.standby.isVisible():
            self.attract.open()

    def _visit_started(self) -> None:
        self.attract.close_overlay()  # (it closes itself on a tap; this covers a key press)
        if self.content is None:
            return
        self.analytics.start_session(self._lang)
        self._screen = None
        self._poll_screen()

    # ---- analytics ------------------------------------------------------------------------

    def _screen_changed(self, screen: str) -> None:
        screen = screen or HOME
        if screen != self._screen:
            self._screen = screen
            self.analytics.view(screen)

    def _poll_screen(self) -> None:
        self._screen_changed(self.window.current_panel_id() or HOME)

    def _language_changed(self, lang: str) -> None:
        if lang != self._lang:
            self._lang = lang
            self.analytics.language(lang)

    # ---- opening hours and dated content --------------------------------------------------

    def _open_changed(self, is_open: bool) -> None:
        if is_open:
            self.standby.close_overlay()
            if self.config.manage_display:
                lockdown.display_power(True)
        elif self.idle.state in (IdleState.IDLE, IdleState.ATTRACT):
            self._closed()  # else: let the visitor finish; standby comes at the next timeout

    def _closed(self) -> None:
        self.attract.close_overlay()
        hours = self.content.site.opening_hours if self.content else None
        self.standby.set_next_opening(next_opening(hours, self.clock.now()))
        self.standby.open()
        if self.config.manage_display:
            lockdown.display_power(False)

    def _new_day(self, _day) -> None:
        """Re-render so blocks and panels with show_from/show_until follow the new date."""
        if self.content is not None:
            self.window.set_content(self.content)

    # ---- admin ----------------------------------------------------------------------------

    def _admin_gesture(self) -> None:
        if not self.gate.pin_hash:
            log.warning("admin gesture seen, but no content with an admin PIN is loaded")
            return
        self.countdown.close_overlay()
        self.attract.close_overlay()
        self.pin_pad.open()

    def admin_info(self) -> AdminInfo:
        result = self.watcher.result
        info = AdminInfo(
            problems=list(result.problems) if result else [],
            uptime=_duration(time.monotonic() - self.started_at),
            last_crash=self.guard.last_crash(),
            log_dir=str(log_dir()),
        )
        if self.content is not None:
            info.version = self.content.version
            info.source = str(self.content.root)
            if self.watcher.from_last_good:
                info.source += "  (last good copy: the content folder has errors)"
        if self.loaded_at is not None:
            info.loaded_at = f"{self.loaded_at:%Y-%m-%d %H:%M:%S}"
        try:
            disk = shutil.disk_usage(self.config.content_dir)
            info.disk = f"{disk.free / 1e9:.1f} GB free of {disk.total / 1e9:.1f} GB"
        except OSError as exc:
            info.disk = f"unknown ({exc})"
        info.usage_today = self._usage_today()
        return info

    def _usage_today(self) -> str:
        path = self.analytics.path
        if not path.exists():
            return "no visits yet"
        try:
            stats = collect(path, self.clock.today())
        except Exception as exc:  # noqa: BLE001 - a report must not break the admin screen
            return f"unavailable ({exc})"
        views = sum(n for _, n, _ in stats.top_panels)
        top = f", most viewed: {stats.top_panels[0][0]}" if stats.top_panels else ""
        return f"{stats.sessions} visits, {views} panel views{top}"


def make_watcher(config: OperationConfig) -> ContentWatcher:
    return ContentWatcher(
        config.content_dir,
        config.data_dir,
        today=config.clock.today,
        debounce_ms=config.debounce_ms,
        poll_ms=config.poll_ms,
    )


def open_content(config: OperationConfig) -> ContentWatcher:
    """Load the content before the window exists (it needs a snapshot to build).

    `watcher.content` is the content folder, else its last good copy, else None; pass the
    watcher on: `KioskController(window, config, watcher=watcher)`.
    """
    watcher = make_watcher(config)
    watcher.load_initial()
    return watcher


def _duration(seconds: float) -> str:
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    return f"{days} d {hours} h {rest // 60} min"
