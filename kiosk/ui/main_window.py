"""The kiosk's window: top bar, screen host (home + one screen per panel), overlays.

Public API used by the rest of the app: show_home(), show_panel(id), current_panel_id(),
go_back(), set_content(content), reset_session(), and `screen_changed`. `keypad` (kiosk/ui/
keypad.py) is the keypad and keyboard navigation; `keypad_used(bool)` says when a keypad takes
over from touch (True) and when a touch or a new session ends that (False). `audio` (kiosk/ui/
audio.py) is audio mode; `assisted(bool)` says whether the keypad or audio mode is in use (the
idle times grow then). `set_lowered(True)` moves a tall screen's content down into the reach
band (site.yaml `display.mounting`) for a seated visitor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QMainWindow, QVBoxLayout, QWidget

from kiosk.content.views import Content
from kiosk.services.first_frame import on_first_paint
from kiosk.services.images import trim_heap
from kiosk.ui import theme
from kiosk.ui.audio import AudioGuide
from kiosk.ui.blocks.video import VideoBlockWidget
from kiosk.ui.context import UiContext
from kiosk.ui.home import HomeScreen
from kiosk.ui.keypad import Keypad
from kiosk.ui.overlays.base import Overlay
from kiosk.ui.panel import PanelScreen
from kiosk.ui.screenhost import ScreenHost
from kiosk.ui.swipe import SwipeWatcher
from kiosk.ui.topbar import TopBar

HISTORY_LIMIT = 20
# After a change of screen has settled (its slide over, the photos it left let go of), long
# panels not shown lately drop their tails and the allocator's free pages go back to the
# system: what a screen change freed does not stay as reserve. Restarted by every change, so
# it runs only once the visitor pauses.
TRIM_AFTER_MS = 2000
# Long panels (kiosk/ui/panel.py builds them a slice at a time) keep their whole page built for
# the panels last shown only; the others keep their first slice.
TAILS_KEPT = 2


_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


class MainWindow(QMainWindow):
    """The kiosk's window. Built without content (None) it stays empty until set_content."""

    screen_changed = Signal(str)  # "home" or a panel id
    detail_opened = Signal(str, str)  # ("gallery_open" | "hotspot_open", panel id)
    language_changed = Signal(str)  # the visitor switched language (a reset does too)
    keypad_used = Signal(bool)  # a keypad took over (True) or a touch or reset ended it
    assisted = Signal(bool)  # the keypad or audio mode is in use (True), or neither any more
    listening = Signal()  # audio mode began reading a part: the visitor is there
    painted = Signal()  # the first frame is on the screen

    def __init__(
        self,
        content: Content | None,
        today: Callable[[], date] = date.today,
        animate: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.setWindowTitle("E-Town")
        self.setProperty("kioskWindow", True)  # (also when `kiosk preview` holds it inside)
        self.ctx = UiContext(content, today=today, parent=self)
        self.ctx.animate = animate
        self.ctx.language_changed.connect(self.language_changed)
        central = QWidget()
        central.setObjectName("centralHost")
        layout = self._central_layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.top_bar: TopBar | None = None
        # Above the content of a lowered screen: the part out of a seated visitor's reach.
        self.lowered_space = QFrame()
        self.lowered_space.setObjectName("loweredSpace")
        self.lowered_space.hide()
        layout.addWidget(self.lowered_space)
        self.lowered = False
        self.host = ScreenHost(animate=animate)
        self.host.prepare = self._restyle
        self.piece_sheet = ""  # what each piece of the window carries (`_apply_style`)
        self._stale: list[QWidget] = []  # hidden screens and layers in the last text size
        self._catching_up = QTimer(self, singleShot=True, interval=0)  # one a turn
        self._catching_up.timeout.connect(self._catch_up)
        layout.addWidget(self.host, 1)
        self.setCentralWidget(central)
        # A gallery viewer covers the screens but not the top bar: Home, Back, the language
        # and the text size stay one tap away while it is open.
        self.ctx.overlay_host = self.host
        self.home: HomeScreen | None = None
        self.panels: dict[str, PanelScreen] = {}
        self._history: list[str] = []
        self._recent: list[str] = []  # panels last shown, the latest first
        self._swipes = SwipeWatcher(self)
        self._swipes.swiped.connect(self._swiped)
        self.ctx.text_scale_changed.connect(self._apply_style)
        self._painted = False
        self._after_first_paint: Callable[[], None] | None = None
        # Watching for the first paint takes an application-wide event filter: installed only
        # once the window is shown, so it does not see the objects built before (a Python
        # filter handed a half-built QObject, e.g. inside QFileSystemWatcher, crashed PySide).
        self._first_paint: object | None = None
        self.keypad = Keypad(self)
        self.keypad.keypad_used.connect(self.keypad_used)
        self.audio = AudioGuide(self)
        self.keypad.keypad_used.connect(self._assisted_changed)
        self.keypad.focused.connect(self.audio.say_control)
        self.audio.changed.connect(self._audio_changed)
        self.audio.part_started.connect(lambda _index: self.listening.emit())
        self._was_assisted = False
        self._trim = QTimer(self, singleShot=True, interval=TRIM_AFTER_MS)
        self._trim.timeout.connect(self._settled)
        if content is not None:
            self._build()

    # ---- public -------------------------------------------------------------------------

    def current_panel_id(self) -> str | None:
        screen = self.host.current()
        return screen.panel.id if isinstance(screen, PanelScreen) else None

    def show_home(self) -> None:
        if self.home is None:
            return
        self._history.clear()
        self._show(self.home, "home", direction=1)

    def show_panel(self, panel_id: str, remember: bool = True) -> bool:
        """Show a visible panel; False (and nothing changes) if there is no such panel today."""
        screen = self.panel_screen(panel_id)
        if screen is None:
            return False
        current = self.current_panel_id()
        if current == panel_id:
            return True
        if remember:
            self._history.append(current or "home")
            del self._history[:-HISTORY_LIMIT]
        order = self._order()
        forward = current is None or order.index(panel_id) > order.index(current)
        self._show(screen, panel_id, direction=-1 if forward else 1)
        return True

    def go_back(self) -> None:
        """To the screen shown before this one (home when there is none)."""
        while self._history:
            target = self._history.pop()
            if target != "home" and self.panel_screen(target) is not None:
                current, order = self.current_panel_id(), self._order()
                back = current is None or order.index(target) < order.index(current)
                self._show(self.panels[target], target, direction=1 if back else -1)
                return
            if target == "home":
                break
        self.show_home()

    def next_panel(self, step: int) -> None:
        """The next (+1) or previous (-1) panel in site.yaml order; nothing at either end."""
        current, order = self.current_panel_id(), self._order()
        if current is None:
            return
        index = order.index(current) + step
        if 0 <= index < len(order):
            self.show_panel(order[index])

    def set_content(self, content: Content) -> None:
        """Swap to a new snapshot: rebuild every screen, stay on the same panel if it remains,
        at the place the visitor had scrolled to (an operator's save must not throw a reader
        back to the top)."""
        current = self.current_panel_id()
        offset = self.panels[current].scroll_offset() if current in self.panels else 0
        self.ctx.set_content(content)
        for screen in [self.home, *self.panels.values()]:
            if screen is not None:
                self.host.remove(screen)
                screen.hide()
                screen.deleteLater()
        self.home, self.panels, self._recent = None, {}, []
        self._history = [h for h in self._history if h == "home" or h in self._order()]
        self._build()
        if current is not None:
            screen = self.panel_screen(current)  # None when the panel is gone
            if screen is not None:
                self._show(screen, current, direction=0)
                screen.finish_building()  # (the place may be past its first slice)
                screen.restore_offset(offset)

    def reset_session(self) -> None:
        """Back to the first screen a new visitor should see."""
        self.keypad.reset()
        self.audio.reset()
        self.set_lowered(False)
        self.close_overlays()
        self.ctx.media.stop_all()
        for film in self.findChildren(VideoBlockWidget):
            film.reset()
        if self.ctx.content is None:
            return
        self.ctx.set_language(self.ctx.content.site.default_language)
        self.ctx.set_text_scale(theme.TEXT_SCALES[0])
        for screen in self.panels.values():
            screen.scroll_to_top()
        if self.home is not None:
            self.home.scroll_to_top()
        self.show_home()

    def silence(self) -> None:
        """Audio mode off and every film stopped: the kiosk is stopping."""
        self.audio.turn_off()
        self.ctx.media.release_all()

    def close_overlays(self) -> None:
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for parent in (self, self.host):  # the host holds the blocks' overlays (ctx.overlay_host)
            for child in parent.findChildren(QWidget, options=direct):
                if child.property("overlay") and child.isVisible():
                    child.close()
        # Blocks close their own overlays when their panel is hidden; home hides every panel.

    def set_lowered(self, lowered: bool) -> None:
        """Move the content of a tall screen down into the reach band, or back up. Only a
        portrait screen whose top is out of reach lowers."""
        top = self._reach_top() if lowered else 0
        self.lowered = top > 0
        self.lowered_space.setFixedHeight(top)
        self.lowered_space.setVisible(self.lowered)
        if self.top_bar is not None:
            self.top_bar.set_lowered(self.lowered)

    def _reach_top(self) -> int:
        content = self.ctx.content
        if content is None or self.height() <= self.width():
            return 0
        return content.site.display.mounting.highest_reach_px(self.height(), portrait=True)

    def panel_screen(self, panel_id: str) -> PanelScreen | None:
        """The screen of a panel visible today, built on first use and then kept."""
        if panel_id not in self._order():
            return None
        if panel_id not in self.panels:
            screen = PanelScreen(self.ctx.snapshot.panels[panel_id], self.ctx)
            screen.detail_opened.connect(self.detail_opened)
            self.panels[panel_id] = screen
            self.host.add(screen)
        return self.panels[panel_id]

    # ---- inside -------------------------------------------------------------------------

    def _first_paint_done(self) -> None:
        self._painted = True
        self.painted.emit()
        if self._after_first_paint is not None:
            QTimer.singleShot(0, self, self._after_first_paint)
            self._after_first_paint = None

    def _open_from_home(self, panel_id: str) -> None:
        """A tile always opens its panel at the top (Back keeps where the visitor was)."""
        screen = self.panel_screen(panel_id)
        if screen is not None:
            screen.scroll_to_top()
        self.show_panel(panel_id)

    def _order(self) -> list[str]:
        if self.ctx.content is None:
            return []
        return [p.id for p in self.ctx.content.visible_panels(self.ctx.today())]

    def _build(self) -> None:
        if self.top_bar is not None:
            for bar in (self.top_bar, self.top_bar.bottom):
                bar.setParent(None)
                bar.deleteLater()
        self.top_bar = TopBar(self.ctx)
        self.top_bar.home_clicked.connect(self.show_home)
        self.top_bar.back_clicked.connect(self.go_back)
        self.top_bar.audio_clicked.connect(self.audio.toggle)
        self.top_bar.lower_clicked.connect(lambda: self.set_lowered(not self.lowered))
        self.top_bar.set_audio(self.audio.on)
        self._central_layout.insertWidget(1, self.top_bar)  # under the lowered space
        self._central_layout.addWidget(self.audio.make_bar())
        self._central_layout.addWidget(self.top_bar.bottom)
        self._portrait_changed()
        self._apply_style()
        self.home = HomeScreen(self.ctx)
        self.home.panel_chosen.connect(self._open_from_home)
        self.host.add(self.home)
        self._show(self.home, "home", direction=0)
        self._prebuild(self.ctx.snapshot.version)

    def _prebuild(self, version: str) -> None:
        """Build the panel screens one per event-loop turn after the first frame.

        Before the window has painted, a zero timer would fire ahead of the first frame, so
        the first build waits for the first paint.
        """

        def next_one() -> None:
            content = self.ctx.content
            if content is None or version != content.version:
                return
            missing = [pid for pid in self._order() if pid not in self.panels]
            if missing:
                self.panel_screen(missing[0])
                QTimer.singleShot(0, self, next_one)

        if self._painted:
            QTimer.singleShot(0, self, next_one)
        else:
            self._after_first_paint = next_one

    def _show(self, screen: QWidget, name: str, direction: int) -> None:
        if self.top_bar is not None:  # always, once there is a screen to show
            if isinstance(screen, PanelScreen):
                self.top_bar.set_panel_mode(True, screen.panel.title)
            else:
                self.top_bar.set_panel_mode(False)
        if self.host.current() is not screen:
            self.host.show_screen(screen, direction)
            self.screen_changed.emit(name)
            self._trim.start()
            if isinstance(screen, PanelScreen):
                self._recent = [name, *(p for p in self._recent if p != name)][:TAILS_KEPT]

    def _settled(self) -> None:
        """Screen changes have paused: long panels not shown lately let go of their tails
        (not during a tap: deleting a page of blocks takes long), then the heap is trimmed."""
        for panel_id, other in self.panels.items():
            if panel_id not in self._recent:
                other.drop_tail()
        QTimer.singleShot(200, self, trim_heap)  # once the blocks' deferred deletes ran

    def _apply_style(self, *_args) -> None:
        """The window carries the theme at the first text size; each piece of it (the bars,
        each screen, each layer) carries the text size of the moment itself. So a text-size tap
        restyles what is shown, not every panel built (a restyle of the whole window cost about
        100 ms with four panels, 300 at scale); a hidden screen or layer catches up one per
        event-loop turn after that, or as it is shown or opened."""
        if self.ctx.content is None:
            return
        site_theme = self.ctx.content.site.theme
        base = theme.stylesheet(site_theme)
        first = self.ctx.text_scale == theme.TEXT_SCALES[0]  # (the start: one sheet made)
        sheet = base if first else theme.stylesheet(site_theme, self.ctx.text_scale)
        self.piece_sheet = "" if sheet == base else sheet
        # Restyling the window restyles every widget in it; a reload with the same theme
        # needs none (new screens take the pieces' sheet as they are added).
        if base != self.styleSheet():
            self.setStyleSheet(base)
        # Hidden screens and layers later: a layer also takes it as it opens (sync_style).
        later = (*self.host.screens(), *self.findChildren(Overlay, options=_DIRECT))
        self._stale = [piece for piece in later if not piece.isVisible()]
        for piece in self._pieces():
            if piece not in self._stale:
                self._restyle(piece)
        if self._stale:
            self._catching_up.start()

    def _pieces(self) -> list[QWidget]:
        """The widgets that carry the text size: the window's, its central widget's and the
        screen host's children."""
        central = self.centralWidget()
        assert central is not None  # (set in __init__)
        found: list[QWidget] = []
        parents = ((self, central), (central, self.host), (self.host, None))
        for parent, skip in parents:
            found += [w for w in parent.findChildren(QWidget, options=_DIRECT) if w is not skip]
        return found

    def _restyle(self, piece: QWidget) -> None:
        if piece.styleSheet() != self.piece_sheet:
            piece.setStyleSheet(self.piece_sheet)

    def _catch_up(self) -> None:
        """One hidden screen or layer in the text size of the moment; the next a turn later."""
        while self._stale:
            piece = self._stale.pop(0)
            if shiboken6.isValid(piece) and piece.parent() in (self.host, self):
                self._restyle(piece)
                break
        if self._stale:
            self._catching_up.start()

    def _swiped(self, sign: int, start: QPointF) -> None:
        screen = self.host.current()
        if not isinstance(screen, PanelScreen):
            return
        widget = self.childAt(start.toPoint())
        viewport = screen.scroll_area.viewport()
        while widget is not None and widget is not screen:
            takes_own = widget.testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
            if widget.property("handles_swipe") or (takes_own and widget is not viewport):
                return  # a gallery strip or map handles its own sideways swipes
            widget = widget.parentWidget()
        if widget is screen:
            # after the release reached the widgets: the scroller settles on the old screen
            QTimer.singleShot(0, self, lambda: self.next_panel(-sign))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._portrait_changed()

    def _portrait_changed(self) -> None:
        portrait = self.height() > self.width()
        if self.top_bar is not None:
            self.top_bar.set_portrait(portrait)
            self.top_bar.fit(self.width())
            self.top_bar.lower_button.setVisible(portrait and self._reach_top() > 0)
        if self.audio.bar is not None:  # two rows of controls where one does not fit
            self.audio.bar.fit(self.width(), portrait)
        if self.lowered:
            self.set_lowered(True)  # the band moves with the height; a landscape one is gone

    def _audio_changed(self, on: bool) -> None:
        if self.top_bar is not None:
            self.top_bar.set_audio(on)
        self._assisted_changed()

    def _assisted_changed(self, *_args) -> None:
        now = self.keypad.active or self.audio.on
        if now != self._was_assisted:
            self._was_assisted = now
            self.assisted.emit(now)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._painted and self._first_paint is None:
            self._first_paint = on_first_paint(self, self._first_paint_done)
        handle = self.windowHandle()
        if handle is not None:
            for watch in (self._swipes, self.keypad.window_watch, self.audio.tap_watch):
                handle.removeEventFilter(watch)
                handle.installEventFilter(watch)
