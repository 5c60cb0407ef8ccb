"""The kiosk's mediator: it connects the services (idle, content watching, opening hours, admin
gate, lockdown, crash guard, analytics) to the window and its overlays, and does nothing else.

Built by the composition root (kiosk/root.py); the window is anything that keeps the
`KioskWindow` contract below (the real one is kiosk/ui/main_window.py).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol, cast

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    Qt,
    QTimer,
    SignalInstance,
)
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk.content.last_good import Initial, referenced_files
from kiosk.content.views import Content
from kiosk.services import admin_status, lockdown
from kiosk.services.admin_pin import PinGate
from kiosk.services.admin_status import AdminInfo
from kiosk.services.analytics import HOME, Analytics, orientation
from kiosk.services.clock import Clock, SystemClock
from kiosk.services.fleet import FleetOptions, FleetReport
from kiosk.services.gestures import CornerTaps, release_point
from kiosk.services.guard import CrashGuard
from kiosk.services.hours import DayWatch, next_opening
from kiosk.services.idle import IdleMonitor, IdleState, InputWatch
from kiosk.services.logs import data_dir, log_dir
from kiosk.services.sound import sound_level
from kiosk.services.watcher import ContentWatcher
from kiosk.services.window_filter import WindowFilter
from kiosk.ui.context import UiContext
from kiosk.ui.overlays.holder import KioskOverlays

log = logging.getLogger(__name__)

RESTART_EXIT_CODE = 75  # EX_TEMPFAIL: the service manager starts the kiosk again


def _default_quit(code: int) -> None:
    QCoreApplication.exit(code)


@dataclass
class KioskConfig:
    """Everything that decides how the kiosk is built; `kiosk run` fills it from the CLI."""

    content_dir: Path
    kiosk_mode: bool = True  # fullscreen and locked down; False for an operator's window
    manage_display: bool = False  # screen saver off, display off in standby (X11, best effort)
    window_size: tuple[int, int] | None = None  # a window of this size instead of fullscreen
    animate: bool = True  # slides and count-ups; off for screenshots and repeatable figures
    # Every idle time times this: 1 on a kiosk; tests run site.yaml's 20 s countdown in 0.4 s.
    idle_scale: float = 1.0
    show: bool = True  # show the window once built
    clock: Clock = field(default_factory=SystemClock)
    data_dir: Path = field(default_factory=data_dir)
    quit: Callable[[int], None] = _default_quit  # called with 0 (exit) or RESTART_EXIT_CODE
    debounce_ms: int = 250
    poll_ms: int = 2000
    tick_ms: int = 20_000  # how often opening hours and the date are looked at
    preview: bool = False  # `kiosk preview`: notes and problems on screen, no standby
    zoom: float | None = None  # `kiosk preview`: drawn this much smaller to fit the screen
    fleet: FleetOptions = field(default_factory=FleetOptions)  # metrics and status folders
    # The last good copy and the snapshot cache in data_dir: off for a kiosk built only to be
    # looked at (check, screenshots), whose data folder is thrown away after.
    keep_copies: bool = True


class KioskWindow(Protocol):
    """What the controller needs of the window (kiosk/ui/main_window.py keeps it)."""

    screen_changed: SignalInstance  # "home" or a panel id -> analytics views and dwell
    language_changed: SignalInstance  # language code -> analytics language share
    detail_opened: SignalInstance  # (kind, panel id), e.g. ("gallery_open", "industry")
    assisted: SignalInstance  # the keypad or audio mode came into use (True), or left it
    listening: SignalInstance  # audio mode began reading a part: the visitor is listening
    painted: SignalInstance  # its first frame is on the screen
    ctx: UiContext  # what the window's screens share (language, texts, images)

    def show_home(self) -> None: ...
    def silence(self) -> None: ...
    def set_content(self, content: Content) -> None: ...
    def reset_session(self) -> None: ...


# A finger lift, a real mouse release, a key or a wheel: what wakes an idle kiosk.
_ENDS = {
    QEvent.Type.TouchEnd,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


def _content_time(content: Content) -> float | None:
    """How new the shown content is, for the fleet's metrics (kiosk/services/metrics.py)."""
    from kiosk.services.metrics import content_timestamp

    return content_timestamp(content.root, referenced_files(content))


def _finger_down(event: QEvent) -> bool:
    """A finger (or a real mouse button) went down: one touch, for the fleet's count."""
    kind = event.type()
    if kind == QEvent.Type.TouchBegin:
        return True
    return (
        kind == QEvent.Type.MouseButtonPress
        and isinstance(event, QMouseEvent)
        and event.source() == Qt.MouseEventSource.MouseEventNotSynthesized
    )


# How far (window pixels, across and down added up) a finger may drift between press and lift
# for it to count as a tap in the analytics; further is a swipe or a scroll, and not recorded.
TAP_SLOP_PX = 24


class KioskController(QObject):
    def __init__(
        self,
        window: KioskWindow,
        config: KioskConfig,
        initial: Initial,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        host = cast(QWidget, window)
        self.window = window
        self.config = config
        self.clock = config.clock
        self.content: Content | None = None
        self.loaded_at: datetime | None = None
        self.started_at = time.monotonic()
        self.watcher = ContentWatcher(
            config.content_dir,
            config.data_dir,
            today=config.clock.today,
            debounce_ms=config.debounce_ms,
            poll_ms=config.poll_ms,
            parent=self,
            keep_copies=config.keep_copies,
        )
        self.watcher.adopt(initial)
        shown = initial.shown
        settings = shown.site.idle if shown is not None else None
        self.idle = IdleMonitor(settings, parent=self, scale=config.idle_scale)
        self.hours = DayWatch(config.clock, interval_ms=config.tick_ms, parent=self)
        self.analytics = Analytics(Path(config.data_dir) / "analytics.sqlite3", config.clock)
        self.lockdown = lockdown.Lockdown(enabled=config.kiosk_mode, parent=self)
        self.guard = CrashGuard(self._crashed, config.data_dir)
        self.gate = PinGate("")
        self.input = InputWatch(self._on_input, parent=self)
        self.gesture = CornerTaps(host)
        self.overlays = KioskOverlays(host, window.ctx, self.gate, self.admin_info, parent=self)
        self._filters: list[WindowFilter] = []
        self._screen: str | None = None
        self._lang = ""
        self._press: QPointF | None = None  # where the finger or mouse went down (global)
        self._control: QWidget | None = None  # the layer's control the last press went down on
        self._sound_timer = QTimer(self, interval=config.tick_ms)
        self._notice_end = QTimer(self, singleShot=True)
        self.fleet = FleetReport(
            host,
            config.fleet,
            config.data_dir,
            self._describe,
            self.shown_layers,
            now=config.clock.now,
            parent=self,
        )
        self._connect()

    # ---- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Show the start-up content (or 'temporarily unavailable'), then start every service."""
        if self.watcher.content is not None:
            self._apply(self.watcher.content)
        else:
            log.error("no valid content and no last good copy: showing 'temporarily unavailable'")
            self.overlays.unavailable.open()
        if self.watcher.from_last_good or self.watcher.content is None:
            self.fleet.content_loaded(False, None, lambda: None)  # the folder's own load failed
        host = cast(QWidget, self.window)
        self._filters = [WindowFilter(host, self.input), WindowFilter(host, self.lockdown)]
        self.guard.install()
        self.watcher.start()
        self.idle.start()
        self.hours.start()
        self._sound_timer.start()
        self.fleet.start()
        if self.config.manage_display:
            lockdown.inhibit_screensaver()
        if not self.hours.is_open() and self.overlays.standby.isHidden():
            self._closed()  # (not twice: loading content with closed hours already did it)

    def stop(self) -> None:
        for window_filter in self._filters:
            window_filter.remove()
        self._filters = []
        self.guard.uninstall()
        for service in (self.watcher, self.idle, self.hours, self._sound_timer, self._notice_end):
            service.stop()
        self.fleet.stop()
        self.window.silence()  # (speech-dispatcher would otherwise read to the end)
        self.analytics.close()

    def _crashed(self) -> None:
        self.fleet.crashed()
        self.go_home()

    def go_home(self) -> None:
        """After a crash in a slot: close the transient layers and show the home screen."""
        self.overlays.countdown.close_overlay()
        if self.content is not None:
            self.window.show_home()

    # ---- wiring ---------------------------------------------------------------------------

    def _connect(self) -> None:
        overlays = self.overlays
        self.watcher.content_loaded.connect(self._apply)
        self.watcher.content_invalid.connect(self._refresh_admin)
        self.watcher.content_invalid.connect(
            lambda _problems: self.fleet.content_loaded(False, None, lambda: None)
        )
        self.idle.countdown_started.connect(self._countdown)
        self.idle.countdown_cancelled.connect(overlays.countdown.close_overlay)
        self.idle.timed_out.connect(self._timed_out)
        self.idle.attract_due.connect(self._attract)
        self.idle.visit_started.connect(self._visit_started)
        overlays.countdown.more_time.connect(self.idle.poke)
        overlays.countdown.start_over.connect(self.idle.end_session)
        self.hours.open_changed.connect(self._open_changed)
        self.hours.day_changed.connect(self._new_day)
        self.gesture.triggered.connect(self._admin_gesture)
        overlays.pin_pad.accepted.connect(lambda: overlays.admin.open())
        overlays.pin_pad.accepted.connect(self.fleet.state_changed)
        overlays.reload_requested.connect(self.watcher.reload_now)
        overlays.restart_requested.connect(lambda: self._quit(RESTART_EXIT_CODE))
        overlays.exit_requested.connect(lambda: self._quit(0))
        self.window.screen_changed.connect(self._screen_changed)
        self.window.language_changed.connect(self._language_changed)
        self.window.detail_opened.connect(self.analytics.event)
        self.window.assisted.connect(self.set_assisted)  # keypad, audio: more time to read
        self.window.listening.connect(self._listening)
        self.window.painted.connect(self._nobody_there_yet)
        self.window.ctx.media.watching.connect(self.idle.hold)  # a film plays: no countdown
        self._sound_timer.timeout.connect(self.update_sound)
        self._sound_timer.timeout.connect(self._refresh_notice)  # (a clock set forward, too)
        self._notice_end.timeout.connect(self._refresh_notice)
        self.idle.visit_started.connect(self.update_sound)  # (a touch woke the standby screen)

    def _apply(self, content: Content) -> None:
        first = self.content is None
        self.content = content
        self.loaded_at = self.clock.now()
        site = content.site
        self.idle.configure(site.idle, site.accessibility.idle_factor)
        self.overlays.set_content(content)
        self.hours.set_hours(site.opening_hours)
        self.gate.pin_hash = site.admin.pin_hash
        if first:
            self._lang = site.default_language
        self.window.set_content(content)
        self.overlays.unavailable.close_overlay()
        self._refresh_admin()
        self.update_sound()
        self.fleet.content_loaded(True, content.version, lambda: _content_time(content))
        self._refresh_notice()

    def _refresh_admin(self, *_problems) -> None:
        if self.overlays.admin_visible():
            self.overlays.admin.refresh()

    def _quit(self, code: int) -> None:
        log.info("admin asked to %s", "restart" if code == RESTART_EXIT_CODE else "exit")
        self.lockdown.set_enabled(False)
        self.analytics.end_session()
        self.config.quit(code)

    # ---- input, idle, attract -------------------------------------------------------------

    def set_assisted(self, on: bool) -> None:
        """A visitor turned the keypad or audio mode on (or off): every idle time is
        multiplied by site.yaml `accessibility.idle_factor` until then, or until the session
        ends (the countdown running out, "Start over")."""
        self.idle.set_assisted(on)

    def _listening(self) -> None:
        """A visitor listening to the audio guide is there: each part read starts the idle
        time again (the countdown never cuts into a reading; it comes after the last part)."""
        if self.idle.state is IdleState.ACTIVE:
            self.idle.poke()

    def _on_input(self, event: QEvent) -> None:
        self.gesture.feed(event)
        if _finger_down(event):
            self.fleet.touched()
        on_control = self._on_layer_control(event)
        tap = self._tap(event)
        # A tap on a layer of the kiosk's own (countdown, attract, standby, PIN, admin) is not
        # a tap on the screen under it. Asked now: waking closes the layer.
        on_screen = tap is not None and not any(
            layer.isVisible() for layer in self.overlays.layers()
        )
        # Over the countdown, attract or standby layer, wake on the finger's lift, not its
        # press: closing a layer under a pressed finger would let the press reach a button.
        # A press on a layer's own control (the countdown's choices, the attract loop's pause)
        # is the control's to answer: a wake on its lift would close the layer under it first.
        if not on_control and (event.type() in _ENDS or self.idle.state is IdleState.ACTIVE):
            self.idle.poke()
        if tap is not None and on_screen and self._screen is not None:
            # after the poke: the lift that starts a visit counts in that visit
            host = cast(QWidget, self.window)
            width, height = host.width(), host.height()
            if width > 0 and height > 0:
                local = host.mapFromGlobal(tap)
                x, y = (local.x() + 0.5) / width, (local.y() + 0.5) / height
                self.analytics.tap(self._screen, x, y, orientation(width, height))

    def _on_layer_control(self, event: QEvent) -> bool:
        """Whether `event` is the press of a finger or mouse on a control of a shown layer, or
        its lift on the same control."""
        kind = event.type()
        pressed = kind in (QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress)
        if not pressed and kind not in (QEvent.Type.TouchEnd, QEvent.Type.MouseButtonRelease):
            return False
        point: QPointF | None = None
        if isinstance(event, QTouchEvent) and event.points():
            point = event.points()[0].globalPosition()
        elif isinstance(event, QMouseEvent):
            point = event.globalPosition()
        under = None
        if point is not None:
            for layer in self.overlays.layers():
                under = under or layer.control_at(point.toPoint())
        if pressed:
            self._control = under
        return under is not None and under is self._control

    def _tap(self, event: QEvent) -> QPoint | None:
        """The global point of a one-finger lift (or a real mouse release) close to where it
        went down: a tap. A swipe, a scroll or a second finger is none."""
        kind = event.type()
        if isinstance(event, QTouchEvent) and kind != QEvent.Type.TouchEnd:
            points = event.points()
            if kind == QEvent.Type.TouchBegin:
                self._press = points[0].globalPosition() if len(points) == 1 else None
            elif len(points) != 1:
                self._press = None  # a pinch, not a tap
            return None
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.source() == Qt.MouseEventSource.MouseEventNotSynthesized:
                self._press = event.globalPosition()
            return None
        point = release_point(event)
        if point is None:
            return None
        press, self._press = self._press, None
        if press is None or (QPointF(point) - press).manhattanLength() > TAP_SLOP_PX:
            return None
        return point

    def _countdown(self, seconds: float) -> None:
        # Nothing to ask "still there?" about over standby, a notice or "unavailable".
        if self.content is not None and not self._covered():
            self.overlays.countdown.start(seconds)

    def _covered(self) -> bool:
        """Whether standby or a notice is over the screens (no countdown, no attract loop)."""
        return self.overlays.standby.isVisible() or self.overlays.notice.isVisible()

    def _timed_out(self) -> None:
        self.overlays.close_session_layers()
        self.analytics.end_session()
        self._screen = None
        if self.content is not None:
            self.window.reset_session()
            self._lang = self.content.site.default_language
        if not self.hours.is_open():
            self._closed()
        else:
            self.overlays.attract.get_ready()

    def _nobody_there_yet(self) -> None:
        """After the first frame (not to slow it down): the attract loop gets ready."""
        if self.idle.state is IdleState.IDLE and self.hours.is_open():
            self.overlays.attract.get_ready()

    def _attract(self) -> None:
        if self.content is not None and not self._covered():
            self.overlays.attract.open()
            self.fleet.state_changed()

    def _visit_started(self) -> None:
        self.overlays.attract.close_overlay()  # (it closes itself on a tap; this covers a key)
        if self.content is None:
            return
        self.analytics.start_session(self._lang)
        self.fleet.session_started()
        self._screen = None
        self._screen_changed(HOME)  # a visit starts where the last one was reset to

    # ---- analytics ------------------------------------------------------------------------

    def _screen_changed(self, screen: str) -> None:
        screen = screen or HOME
        if screen != self._screen:
            self._screen = screen
            self.analytics.view(screen)
            if screen != HOME:
                self.fleet.panel_viewed(screen)

    def _language_changed(self, lang: str) -> None:
        if lang != self._lang:
            self._lang = lang
            self.analytics.language(lang)

    # ---- opening hours and dated content --------------------------------------------------

    def _open_changed(self, is_open: bool) -> None:
        if is_open:
            self.overlays.standby.close_overlay()
            if self.idle.state is IdleState.IDLE:
                self.overlays.attract.get_ready()
            self.update_sound()
            if self.config.manage_display:
                lockdown.display_power(True)
        elif self.idle.state in (IdleState.IDLE, IdleState.ATTRACT):
            self._closed()  # else: let the visitor finish; standby comes at the next timeout

    def _closed(self) -> None:
        self.overlays.attract.close_overlay()
        if self.config.preview:  # the operator came to see the content: a banner says closed
            log.info("outside opening hours: visitors would see the standby screen now")
            return
        hours = self.content.site.opening_hours if self.content else None
        self.overlays.standby.set_next_opening(next_opening(hours, self.clock.now()))
        self.overlays.standby.open()
        self.update_sound()
        self.fleet.state_changed()
        if self.config.manage_display and not self.overlays.notice.isVisible():
            lockdown.display_power(False)

    def update_sound(self, *_args) -> None:
        """Films and the voice at the site's level for now: day, evening, silent at standby."""
        if self.content is None:
            return
        site = self.content.site
        standby = self.overlays.standby.isVisible()
        level = sound_level(site.sound, site.opening_hours, self.clock.now(), standby)
        self.window.ctx.media.set_level(level)

    # ---- the emergency notice (notice.yaml) -----------------------------------------------

    def _refresh_notice(self, *_args) -> None:
        """Put notice.yaml's notice over everything while it lasts; take it down after."""
        notice = self.content.notice if self.content is not None else None
        now = self.clock.now()
        if notice is not None and not notice.shown_at(now):
            notice = None
        layer = self.overlays.notice
        before = layer.notice if layer.isVisible() else None
        if notice == before:
            return
        layer.show_notice(notice)
        self._notice_end.stop()
        if notice is not None:
            self.overlays.countdown.close_overlay()
            self.overlays.attract.close_overlay()
            self.window.silence()  # no film or reading under it
            if notice.until is not None:
                wait_ms = (notice.until - now).total_seconds() * 1000 + 50
                self._notice_end.start(int(min(max(wait_ms, 0), 2**31 - 1)))
            self.fleet.notice_shown(notice.level)
            if self.config.manage_display:
                lockdown.display_power(True)
        else:
            log.warning("emergency notice taken down")
            self.fleet.state_changed()
            if self.config.manage_display and self.overlays.standby.isVisible():
                lockdown.display_power(False)

    # ---- the office's view (kiosk/services/fleet.py) --------------------------------------

    def shown_layers(self) -> set[str]:
        """Which of the states the fleet's metrics count are on screen."""
        overlays = self.overlays
        shown = {
            "standby": overlays.standby.isVisible(),
            "attract": overlays.attract.isVisible(),
            "admin": overlays.admin_visible(),
            "notice": overlays.notice.isVisible(),
        }
        return {name for name, on in shown.items() if on}

    def _describe(self) -> dict:
        """The controller's part of status.json."""
        content, result = self.content, self.watcher.result
        problems = list(result.problems) if result else []
        errors = [p for p in problems if p.severity == "error"]
        notice = self.overlays.notice.notice if self.overlays.notice.isVisible() else None
        lang = self.window.ctx.lang
        return {
            "content_version": content.version if content else None,
            "content_folder": str(self.config.content_dir),
            "showing_last_good_copy": bool(self.watcher.from_last_good),
            "content_loaded_at": f"{self.loaded_at:%Y-%m-%dT%H:%M:%S}" if self.loaded_at else None,
            "errors": len(errors),
            "warnings": len(problems) - len(errors),
            "first_errors": [f"{p.file}:{p.line or '-'}: {p.message}" for p in errors[:5]],
            "screen": self._screen or HOME,
            "language": lang,
            "notice": {"level": notice.level, "title": notice.title.get(lang)} if notice else None,
            "last_crash": self.guard.last_crash(),
        }

    def _new_day(self, _day) -> None:
        """Re-render so blocks and panels with show_from/show_until follow the new date."""
        if self.content is not None:
            self.window.set_content(self.content)

    # ---- admin ----------------------------------------------------------------------------

    def _admin_gesture(self) -> None:
        if not self.gate.pin_hash:
            log.warning("admin gesture seen, but no content with an admin PIN is loaded")
            return
        self.overlays.countdown.close_overlay()
        self.overlays.attract.close_overlay()
        self.overlays.pin_pad.open()

    def admin_info(self) -> AdminInfo:
        result = self.watcher.result
        info = AdminInfo(
            problems=list(result.problems) if result else [],
            uptime=admin_status.duration(time.monotonic() - self.started_at),
            last_crash=self.guard.last_crash(),
            log_dir=str(log_dir()),
            disk=admin_status.disk_text(self.config.content_dir),
            usage_today=admin_status.usage_text(self.analytics.path, self.clock.today()),
        )
        if self.content is not None:
            info.version = self.content.version
            info.source = str(self.content.root)
            if self.watcher.from_last_good:
                info.source += "  (last good copy: the content folder has errors)"
        if self.loaded_at is not None:
            info.loaded_at = f"{self.loaded_at:%Y-%m-%d %H:%M:%S}"
        return info
