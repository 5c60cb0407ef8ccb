"""Keypad and keyboard navigation: a focus ring that walks the screen in reading order.

A visitor who cannot use the touch screen plugs in (or is handed) a USB keypad or keyboard.
`Keypad` (built by the main window) turns its keys into what a tap would do:

| keys                                                    | what they do                      |
| ------------------------------------------------------- | --------------------------------- |
| Tab, Right, keypad 6                                    | the next control                  |
| Shift+Tab, Left, keypad 4                               | the previous control              |
| Down, keypad 2                                          | read on: the next control, or the |
|                                                         | page scrolls a step first when    |
|                                                         | text lies unseen before it        |
| Up, keypad 8                                            | read back: the same, upwards      |
| Enter, Return, keypad Enter, Space, keypad 5, Select    | what a tap on the control does    |
|                                                         | (a QR code: nothing, as a tap)    |
| Esc, Backspace (Back)                                   | back: closes the help card, a     |
|                                                         | PIN pad, a gallery viewer or a    |
|                                                         | hotspot card first, else the      |
|                                                         | screen before                     |
| F1, Help, "?", keypad 0                                 | the help card (the keys, in the   |
|                                                         | visitor's language first)         |
| F2, keypad *, a media Play key                          | audio mode on and off             |

"keypad N" is the number block: with Num Lock on its digits (KeypadModifier), with it off the
arrows, Clear (5) and Insert (0) it sends then. On the PIN pad the digit keys of the keyboard's
top row type digits and Backspace deletes one. Keys with Ctrl, Alt or Meta are never taken, and
Shift only with Tab and "?" (the lockdown eats the keys that would close the kiosk; in kiosk
mode kiosk/services/lockdown.py turns Esc into Qt's Back key, taken here as Esc is).

**Reading order.** The chrome first (Home, Back, the languages, A / A+: the top bar, or the
bottom bar of a portrait screen), then the chapter rail, then the screen's content top to
bottom and, within a row, left to right. Over a gallery viewer: the chrome, then the viewer.
Over a layer of the kiosk's own (help, PIN pad, admin, countdown): that layer only. A control
inside a scrolling page is scrolled into view, clear of the "more below" fade.

**The ring.** Nobody sees it until a key is pressed: the first key shows it on the first
control (after a screen change: on the control that opened the screen the visitor came back
to, else the first control of the content) and the next touch hides it. It is a frame of its
own (`#keyRing`, `#keyRingInner`: a thick {focus} band with a {focus_halo} band inside, in
assets/theme.qss) laid over the page around the control, which gets the dynamic property
`keyfocus="true"` and Qt's keyboard focus (what a screen reader follows). Controls are made
focusable with `Qt.TabFocus` only, so a tap never gives focus. `name_control` gives each one an
accessible name in the displayed language.

`keypad_used(bool)` says when the keypad takes over (True: the ring appeared after a key) and
when a touch or a session reset ends that (False): "assisted" idle timing can follow it.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum, auto
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.typeset import plain_text
from kiosk.ui.context import UiContext
from kiosk.ui.overlays.base import Chrome, Overlay, button, card
from kiosk.ui.texts import TextSource
from kiosk.ui.widgets import restyle

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

RING_GAP = 3  # the inner band: between the control and the ring
RING_WIDTH = 6  # the outer band
RING_PAD = RING_GAP + RING_WIDTH  # how far the ring reaches out of the control
ROW_SLACK = 16  # px: controls whose tops differ by less are read as one row, left to right
REVEAL_MARGIN = 24  # kept between a revealed control's ring and the viewport's edges
READ_STEP = 0.7  # share of the visible page one "read on" scroll moves
HELP_WIDTH = 1100  # the help card's widest
MARGIN = 48
HELP_LINES = ("keys_move", "keys_read", "keys_select", "keys_back", "keys_audio", "keys_help")
OPENERS_KEPT = 20

_NO_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class Action(Enum):
    NEXT = auto()
    PREVIOUS = auto()
    DOWN = auto()
    UP = auto()
    ACTIVATE = auto()
    BACK = auto()
    HELP = auto()
    AUDIO = auto()


K = Qt.Key
KEYS: dict[int, Action] = {
    K.Key_Tab: Action.NEXT,
    K.Key_Right: Action.NEXT,
    K.Key_Backtab: Action.PREVIOUS,
    K.Key_Left: Action.PREVIOUS,
    K.Key_Down: Action.DOWN,
    K.Key_Up: Action.UP,
    K.Key_Return: Action.ACTIVATE,
    K.Key_Enter: Action.ACTIVATE,
    K.Key_Space: Action.ACTIVATE,
    K.Key_Select: Action.ACTIVATE,
    K.Key_Clear: Action.ACTIVATE,  # keypad 5 with Num Lock off
    K.Key_Escape: Action.BACK,
    K.Key_Backspace: Action.BACK,
    K.Key_Back: Action.BACK,  # what the lockdown makes of Esc in kiosk mode
    K.Key_F1: Action.HELP,
    K.Key_Help: Action.HELP,
    K.Key_Question: Action.HELP,
    K.Key_F2: Action.AUDIO,  # audio mode on and off (kiosk/ui/audio.py)
    K.Key_MediaPlay: Action.AUDIO,
    K.Key_MediaTogglePlayPause: Action.AUDIO,
}
# The number block with Num Lock on (with it off, the same keys arrive as arrows, Clear, Insert).
KEYPAD: dict[int, Action] = {
    K.Key_8: Action.UP,
    K.Key_2: Action.DOWN,
    K.Key_4: Action.PREVIOUS,
    K.Key_6: Action.NEXT,
    K.Key_5: Action.ACTIVATE,
    K.Key_0: Action.HELP,
    K.Key_Insert: Action.HELP,
    K.Key_Asterisk: Action.AUDIO,
}
DIGITS = {getattr(K, f"Key_{d}"): str(d) for d in range(10)}


def action_for(event: QKeyEvent) -> Action | None:
    """What a key press asks for (the key map above); None for keys the keypad leaves alone."""
    mods = event.modifiers()
    if mods & _NO_MODIFIERS:
        return None
    key = event.key()
    if mods & Qt.KeyboardModifier.KeypadModifier and key in KEYPAD:
        return KEYPAD[key]
    if mods & Qt.KeyboardModifier.ShiftModifier:  # Shift+Tab, and "?" on many layouts
        if key in (K.Key_Tab, K.Key_Backtab):
            return Action.PREVIOUS
        return Action.HELP if key == K.Key_Question else None
    return KEYS.get(key)


def name_control(ctx: UiContext, widget: QWidget, source: TextSource) -> QWidget:
    """Give `widget` (a control without a text of its own) an accessible name in the displayed
    language, now and after every language switch (through the text binder)."""
    return ctx.texts.bind(widget, source, apply=lambda text: widget.setAccessibleName(plain(text)))


def describe(
    ctx: UiContext,
    widget: QWidget,
    name: Callable[[str], str],
    description: Callable[[str], str],
) -> QWidget:
    """Name and describe `widget` (a block, a card) for a screen reader in the displayed
    language: its name, and in its description everything it shows, in words (the words the
    audio guide says: kiosk/content/spoken.py)."""

    def apply(text: str) -> None:
        widget.setAccessibleName(plain(text))
        widget.setAccessibleDescription(plain(description(ctx.lang)))

    return ctx.texts.bind(widget, name, apply=apply)


def text_and_name(
    ctx: UiContext, widget: QAbstractButton, name: Callable[[str], str] | None = None
) -> Callable[[str], None]:
    """`apply` for a button's bound text: shows the text and names the button, by `name` of
    the language shown (by default the text itself). A button keeps one binding, its text's:
    a second one for its name would replace it."""

    def apply(text: str) -> None:
        widget.setText(text)
        widget.setAccessibleName(plain(text if name is None else name(ctx.lang)))

    return apply


def plain(text: str) -> str:
    """A text as a screen reader should get it: typesetting's marks out, one line."""
    return " ".join(plain_text(text).replace("\u200b", "").split())


def focusable(widget: QWidget, ring: str = "box") -> None:
    """Reached by the keypad, never focused by a tap; `ring` "round" (a round control) or
    "key" (a PIN pad key) shapes the focus ring."""
    widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    if ring != "box":
        widget.setProperty("ring", ring)


class FocusRing(QFrame):
    """The ring around the focused control: two bands whose colours come from the QSS."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("keyRing")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.inner = QFrame(self)
        self.inner.setObjectName("keyRingInner")
        self.inner.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def around(self, target: QWidget) -> None:
        host = ring_host(target)
        if self.parentWidget() is not host:
            self.setParent(host)
        shape = target.property("ring") or "box"
        if self.property("shape") != shape:
            self.setProperty("shape", shape)
            restyle(self)
            restyle(self.inner)
        rect = QRect(target.mapTo(host, QPoint(0, 0)), target.size())
        self.setGeometry(rect.adjusted(-RING_PAD, -RING_PAD, RING_PAD, RING_PAD))
        self.inner.setGeometry(
            self.rect().adjusted(RING_WIDTH, RING_WIDTH, -RING_WIDTH, -RING_WIDTH)
        )
        self.show()
        self.raise_()


def ring_host(target: QWidget) -> QWidget:
    """Where the ring of `target` lies: the page or viewport it scrolls with, the layer or bar
    it is on (so it is clipped and stacked with the control), else the window."""
    node = target.parentWidget()
    while node is not None:
        name = node.objectName()
        if (
            name in ("scrollContent", "qt_scrollarea_viewport", "topBar", "bottomBar")
            or node.property("layer")
            or node.property("overlay") is True
            or node.property("floats") is True
            or node.isWindow()
            or node.property("kioskWindow") is True
        ):
            return node
        node = node.parentWidget()
    return target.window()


class HelpCard(Overlay):
    """What the keys do, in every language of the content (the visitor's first), with a Close
    button; a tap anywhere, Esc, Enter on Close or the Help key again closes it."""

    layer = "help"

    def __init__(self, host: QWidget, ctx: UiContext):
        super().__init__(host, tap_to_dismiss=True, texts=ctx.texts)
        self.setProperty("overlay", True)  # MainWindow.close_overlays (a new session) closes it
        self.ctx = ctx
        panel = self.panel = card()
        column = QVBoxLayout(panel)
        column.setContentsMargins(48, 36, 48, 36)
        column.setSpacing(18)
        self.title = self.say("keys_title", "h2", "h3")
        column.addWidget(self.title)
        self.lines = [self.say(key, "body", "caption", spacing=2) for key in HELP_LINES]
        for line in self.lines:
            column.addWidget(line)
        self.close_button = button("", "primary")
        focusable(self.close_button)
        ctx.texts.bind(
            self.close_button,
            lambda lang: ctx.chrome("close", lang),
            apply=text_and_name(ctx, self.close_button),
        )
        self.close_button.clicked.connect(self.close_overlay)
        self.control(self.close_button)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        row.addStretch(1)
        column.addSpacing(8)
        column.addLayout(row)
        across = QHBoxLayout()  # (no alignment: wrapped lines get their height at the width)
        across.addStretch(1)
        across.addWidget(panel)
        across.addStretch(1)
        outer = self._outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        outer.addStretch(1)
        outer.addLayout(across)
        outer.addStretch(1)
        self.tapped.connect(self.close_overlay)

    def open(self) -> None:
        if self.ctx.content is not None:
            self.set_chrome(Chrome.of(self.ctx.content))
        super().open()
        self.host_resized()

    def host_resized(self) -> None:
        """On a tall screen the card sits low, its Close button within a visitor's reach."""
        portrait = self.height() > self.width()
        self._outer.setStretch(0, 3 if portrait else 1)
        self._outer.setStretch(2, 1)
        self.panel.setFixedWidth(max(320, min(HELP_WIDTH, self.width() - 2 * MARGIN)))


class Keypad(QObject):
    """The window's keypad navigation (see the module's docstring)."""

    keypad_used = Signal(bool)
    focused = Signal(QWidget)  # a key moved the ring to this control (audio mode says it)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.active = False
        self.help = HelpCard(window, window.ctx)
        self._current: QWidget | None = None
        self._ring: FocusRing | None = None
        self._openers: list[tuple[QObject, QWidget]] = []  # (scope, control that left it)
        self._watched: list[QWidget] = []  # the focused control and its ancestors (moves)
        self._pending: list[Callable[[], None]] = []  # steps for the next turn of the loop
        self.window_watch = _WindowWatch(self)  # the main window puts it on its QWindow
        window.installEventFilter(self)
        window.screen_changed.connect(lambda _name: self._later(self._settle))
        self.ctx.language_changed.connect(lambda _lang: self._later(self._settle))
        self.ctx.text_scale_changed.connect(lambda _scale: self._later(self._settle))

    # ---- public -------------------------------------------------------------------------

    def current(self) -> QWidget | None:
        """The control the ring is on (None while the ring is hidden)."""
        if not self.active or not _alive(self._current):
            return None
        return self._current

    def ring(self) -> QWidget | None:
        """The ring's frame while it shows."""
        if _alive(self._ring) and self._ring.isVisible():  # type: ignore[union-attr]
            return self._ring
        return None

    def targets(self) -> list[QWidget]:
        """Every control the keypad reaches now, in reading order."""
        return self._targets()[0]

    def reset(self) -> None:
        """A new session: no ring until the next key."""
        self._openers.clear()
        self._stop()

    def touched(self) -> None:
        """A finger (or a mouse) took over: the ring goes until the next key."""
        if self.active:
            self._stop()

    # ---- keys ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self._handle(event):
                event.accept()
                return True
            return False
        if kind in (QEvent.Type.Move, QEvent.Type.Resize) and watched in self._watched:
            self._later(self._place_ring)
        elif kind == QEvent.Type.Hide and watched in self._watched:
            self._later(self._settle)
        return False

    def _handle(self, event: QKeyEvent) -> bool:
        if self.window.ctx.content is None:
            return False
        self._flush()
        layer = self._top_layer()
        pin = layer if layer is not None and layer.property("layer") == "pin" else None
        if pin is not None and not event.modifiers() & _NO_MODIFIERS:
            key = event.key()
            if key in DIGITS and not event.modifiers() & Qt.KeyboardModifier.KeypadModifier:
                pin.press(DIGITS[key])  # type: ignore[attr-defined]
                return True
            if key == K.Key_Backspace:
                pin.press("back")  # type: ignore[attr-defined]
                return True
        action = action_for(event)
        if action is None:
            return False
        if action is Action.HELP:
            self._toggle_help()
        elif action is Action.AUDIO:
            self.window.audio.toggle()
        elif action is Action.BACK:
            self._back()
        elif not self.active or self._current not in self._targets()[0]:
            self._start()  # the first key (or the first over a layer opened meanwhile)
        elif action is Action.ACTIVATE:
            self._activate()
        elif action in (Action.NEXT, Action.PREVIOUS):
            self._step(action is Action.NEXT)
        else:
            self._read_on(action is Action.DOWN)
        return True

    def _start(self) -> None:
        """The first key: the ring on the first control (or where the visitor left this
        screen)."""
        self._switch_on()
        self._settle(first_control=True)
        if _alive(self._current):
            self.focused.emit(self._current)

    def _switch_on(self) -> None:
        if not self.active:
            self.active = True
            self.keypad_used.emit(True)

    def _stop(self) -> None:
        was = self.active
        self.active = False
        self._pending = []
        if _alive(self._current):
            self._mark(self._current, False)  # type: ignore[arg-type]
            self._current.clearFocus()  # type: ignore[union-attr]
        self._current = None
        self._watch(None)
        if _alive(self._ring):
            self._ring.hide()  # type: ignore[union-attr]
        if was:
            self.keypad_used.emit(False)

    def _step(self, forward: bool) -> None:
        targets, _ = self._targets()
        if not targets:
            return
        index = targets.index(self._current) if self._current in targets else -1
        self._focus(targets[(index + (1 if forward else -1)) % len(targets)])
        self.focused.emit(self._current)

    def _read_on(self, forward: bool) -> None:
        """Down / Up: to the next control, unless the page hides text before it: then the
        page scrolls a step and the ring stays (a page with no controls reads to its end)."""
        targets, _ = self._targets()
        if not targets:
            return
        index = targets.index(self._current) if self._current in targets else -1
        step = index + (1 if forward else -1)
        wrapping = not 0 <= step < len(targets)
        following = targets[step % len(targets)]
        area = self._page_area()
        if area is not None:
            current_in = _alive(self._current) and _in_page(self._current, area)
            next_in = _in_page(following, area) and not wrapping
            if (next_in or current_in) and self._unseen(
                area, following if next_in else None, forward
            ):
                _scroll_by(area, forward)
                self._place_ring()
                return
        self._focus(following)
        self.focused.emit(following)

    def _activate(self) -> None:
        target = self.current()
        if target is None:
            return
        targets, first = self._targets()
        # Home, Back and the languages go back or stay: nothing to come back to
        content = target in targets[first:]
        scope, layers = self._scope(), self._layers()
        if isinstance(target, QAbstractButton):
            target.click()
        else:
            activate = getattr(target, "activate", None)
            if callable(activate):
                activate()  # a tappable area (a gallery's picture): what its tap does
            else:
                return  # shows something, opens nothing (a QR code): nothing to do
        self._later(lambda: self._after_activation(scope, target, layers, content))

    def _after_activation(
        self, scope: QObject, target: QWidget, layers: list[QWidget], content: bool
    ) -> None:
        """What the control opened gets the ring: a card or viewer its first control, a new
        screen its first control of content. The way back remembers the control."""
        targets, first = self._targets()
        for layer in reversed(self._layers()):
            if layer in layers:
                continue
            inside = [t for t in targets if layer.isAncestorOf(t)]
            if inside:
                self._remember(scope, target)
                self._focus(inside[0])
                return
        if content and self._scope() is not scope:
            self._remember(scope, target)
        self._settle()

    def _back(self) -> None:
        self._switch_on()
        if not self._close_innermost() and self.window.current_panel_id() is not None:
            self.window.go_back()
        self._later(self._settle)

    def _close_innermost(self) -> bool:
        """Close what lies over the screen, innermost first; True if something was."""
        layer = self._top_layer()
        if layer is self.help:
            self.help.close_overlay()
            return True
        if layer is not None:
            buttons = getattr(layer, "buttons", {})
            for name in ("cancel", "close"):  # the PIN pad, the admin screen
                if name in buttons and buttons[name].isEnabled():
                    buttons[name].click()
                    return True
            return True  # another layer of the kiosk's own: it goes by itself on any key
        viewer = self._viewer()
        if viewer is not None:
            viewer.close_button.click()  # type: ignore[attr-defined]
            return True
        screen = self.window.host.current()
        if screen is not None:
            for floating in screen.findChildren(QWidget):
                close = getattr(floating, "close_button", None)
                if floating.property("floats") is True and floating.isVisible() and close:
                    close.click()  # an open hotspot card
                    return True
        return False

    def _toggle_help(self) -> None:
        if self.help.isVisible():
            self.help.close_overlay()
            self._later(self._settle)
            return
        if self._top_layer() is not None:
            return  # over a layer of the kiosk's own (PIN pad, admin): not now
        self._switch_on()
        targets = self._targets()[0]
        # closed, the ring goes back where it was (on the first control, if it was not shown)
        back_to = self._current if self._current in targets else None
        back_to = back_to or (targets[0] if targets else None)
        if back_to is not None:
            self._remember(self._scope(), back_to)
        self.help.open()
        self._focus(self.help.close_button)

    # ---- where the ring goes ----------------------------------------------------------------

    def _later(self, step: Callable[[], None]) -> None:
        """After this turn of the event loop (the new screen laid out); a key pressed before
        that runs it first."""
        if not self.active or step in self._pending:
            return
        if not self._pending:
            QTimer.singleShot(0, self, self._flush)
        self._pending.append(step)

    def _flush(self) -> None:
        steps, self._pending = self._pending, []
        for step in steps:
            if self.active:
                step()

    def _settle(self, first_control: bool = False) -> None:
        """Keep the ring on its control while the visitor can reach it; else back where the
        visitor left this screen (the control that opened what closed), else the first control
        of the content (`first_control`: the very first)."""
        if not self.active:
            return
        targets, first = self._targets()
        if _alive(self._current) and self._current in targets:
            self._focus(self._current)
            return
        scope = self._scope()
        self._openers = [(s, c) for s, c in self._openers if _alive(s) and _alive(c)]
        for index in range(len(self._openers) - 1, -1, -1):
            where, control = self._openers[index]
            if where is scope and control in targets:
                del self._openers[index:]
                self._focus(control)
                return
        if targets:
            self._focus(targets[0 if first_control or first >= len(targets) else first])
        elif _alive(self._ring):
            self._ring.hide()  # type: ignore[union-attr]

    def _remember(self, scope: QObject, control: QWidget) -> None:
        self._openers.append((scope, control))
        del self._openers[:-OPENERS_KEPT]

    def _focus(self, target: QWidget) -> None:
        if _alive(self._current) and self._current is not target:
            self._mark(self._current, False)  # type: ignore[arg-type]
        self._current = target
        self._mark(target, True)
        target.installEventFilter(self)  # keys reach the focused control first
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self._reveal(target)
        self._watch(target)
        self._place_ring()

    def _mark(self, widget: QWidget, on: bool) -> None:
        if widget.property("keyfocus") is not on:
            widget.setProperty("keyfocus", on)
            restyle(widget)

    def _watch(self, target: QWidget | None) -> None:
        for widget in self._watched:
            # (a control keeps the filter: Qt may give it the focus back by itself)
            if _alive(widget) and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.removeEventFilter(self)
        self._watched = []
        node = target
        while node is not None and not node.isWindow():
            self._watched.append(node)
            node.installEventFilter(self)
            node = node.parentWidget()

    def _place_ring(self) -> None:
        target = self._current
        if not self.active or not _alive(target):
            return
        assert target is not None
        if not _alive(self._ring):
            self._ring = FocusRing(ring_host(target))
        self._ring.around(target)  # type: ignore[union-attr]

    def _reveal(self, target: QWidget) -> None:
        """Scroll the page so the control and its ring show, clear of the fade at the bottom."""
        area = _scroll_area_of(target)
        if area is None:
            return
        page = area.widget() if hasattr(area, "widget") else None
        if page is None or not page.isAncestorOf(target):
            return
        bar = area.verticalScrollBar()
        top = target.mapTo(page, QPoint(0, 0)).y() - RING_PAD - REVEAL_MARGIN
        bottom = top + target.height() + 2 * (RING_PAD + REVEAL_MARGIN)
        seen = _seen_height(area)
        value = bar.value()
        if top < value or bottom - top > seen:
            value = top
        elif bottom > value + seen:
            value = bottom - seen
        _scroll_to(area, value)

    # ---- what the visitor sees ----------------------------------------------------------

    def _layers(self) -> list[QWidget]:
        """What lies over the screens now: the kiosk's layers, a viewer, a hotspot card."""
        window = self.window
        found = [
            child
            for child in window.findChildren(QWidget)
            if child.isVisible()
            and (
                child.property("layer")
                or child.property("overlay") is True
                or child.property("floats") is True
            )
        ]
        return found

    def _top_layer(self) -> QWidget | None:
        """The topmost layer of the kiosk's own (help, PIN pad, admin, countdown...) shown."""
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        shown = [
            child
            for child in self.window.findChildren(QWidget, options=direct)
            if child.property("layer") and child.isVisible()
        ]
        return shown[-1] if shown else None  # (children are kept in stacking order)

    def _viewer(self) -> QWidget | None:
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        shown = [
            child
            for child in self.window.host.findChildren(QWidget, options=direct)
            if child.property("overlay") is True and child.isVisible()
        ]
        return shown[-1] if shown else None

    def _scope(self) -> QObject:
        return self._top_layer() or self._viewer() or self.window.host.current() or self.window

    def _page_area(self) -> QAbstractScrollArea | None:
        if self._top_layer() is not None or self._viewer() is not None:
            return None
        screen = self.window.host.current()
        area = getattr(screen, "scroll_area", None)
        return area if isinstance(area, QAbstractScrollArea) else None

    def _targets(self) -> tuple[list[QWidget], int]:
        """The controls in reading order, and where the content starts among them."""
        window = self.window
        layer = self._top_layer()
        if layer is not None:
            extra = [c for c in getattr(layer, "controls", []) if _alive(c)]
            return _reading_order(self._collect(layer, extra)), 0
        chrome: list[QWidget] = []
        bar = window.top_bar
        if bar is not None:
            chrome = _reading_order(self._collect(bar) + self._collect(bar.bottom))
        viewer = self._viewer()
        content: list[QWidget] = []
        if viewer is not None:
            content = _reading_order(self._collect(viewer))
        else:
            screen = window.host.current()
            if screen is not None:
                found = self._collect(screen)
                rail = getattr(screen, "rail", None)
                dots = [w for w in found if rail is not None and rail.isAncestorOf(w)]
                rest = [w for w in found if w not in dots]
                dots.sort(key=lambda w: w.mapTo(window, QPoint(0, 0)).y())
                content = dots + _reading_order(rest)
        return chrome + content, len(chrome)

    def _collect(self, root: QWidget, extra: list | None = None) -> list[QWidget]:
        window = self.window
        found = [
            widget
            for widget in root.findChildren(QWidget)
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(widget, QAbstractScrollArea)
        ]
        for widget in extra or []:
            if widget not in found:
                found.append(widget)
        return [
            widget
            for widget in found
            if widget.isVisibleTo(window) and widget.isEnabled() and widget.width() > 0
        ]

    def _unseen(self, area: QAbstractScrollArea, following: QWidget | None, forward: bool) -> bool:
        """Is there page the visitor has not seen between the view and `following` (a
        control on the page; None: the page's end that way)?"""
        bar = area.verticalScrollBar()
        page = area.widget() if hasattr(area, "widget") else None
        if page is None:
            return False
        value, seen = bar.value(), _seen_height(area)
        if forward:
            if value >= bar.maximum():
                return False
            limit = page.height() if following is None else following.mapTo(page, QPoint()).y()
            return limit - RING_PAD - REVEAL_MARGIN > value + seen
        if value <= 0:
            return False
        if following is None:
            return True
        limit = following.mapTo(page, QPoint()).y() + following.height()
        return limit + RING_PAD + REVEAL_MARGIN < value


class _WindowWatch(QObject):
    """On the window's QWindow, where input arrives before any widget has it; it eats nothing.

    A touch, or a press of a real mouse, hides the ring. A key first has the keypad put its
    filter on the widget Qt will hand the key to (the focused one: Qt may have given a control
    the focus by itself, and a button would take an arrow key for its own focus chain)."""

    def __init__(self, keypad: Keypad):
        super().__init__(keypad)
        self.keypad = keypad

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            focused = self.keypad.window.focusWidget()
            if focused is not None and focused is not self.keypad.window:
                focused.installEventFilter(self.keypad)
        elif kind == QEvent.Type.TouchBegin or (
            kind == QEvent.Type.MouseButtonPress
            and isinstance(event, QMouseEvent)
            and event.source() == Qt.MouseEventSource.MouseEventNotSynthesized
        ):
            self.keypad.touched()
        return False


# ---- helpers ----------------------------------------------------------------------------------


def _alive(obj: QObject | None) -> bool:
    return obj is not None and shiboken6.isValid(obj)


def _reading_order(widgets: list[QWidget]) -> list[QWidget]:
    """Top to bottom; controls whose tops lie within ROW_SLACK of a row's first are that row,
    read left to right."""
    if not widgets:
        return []
    window = widgets[0].window()

    def place(widget: QWidget) -> QPoint:
        return widget.mapTo(window, QPoint(0, 0))

    by_top = sorted(widgets, key=lambda w: (place(w).y(), place(w).x()))
    rows: list[list[QWidget]] = []
    row_top: int | None = None
    for widget in by_top:
        top = place(widget).y()
        if row_top is None or top - row_top >= ROW_SLACK:
            rows.append([])
            row_top = top
        rows[-1].append(widget)
    return [widget for row in rows for widget in sorted(row, key=lambda w: place(w).x())]


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    node = widget.parentWidget()
    while node is not None:
        if isinstance(node, QAbstractScrollArea) and node.viewport().isAncestorOf(widget):
            return node
        node = node.parentWidget()
    return None


def _in_page(widget: QWidget | None, area: QAbstractScrollArea) -> bool:
    page = area.widget() if hasattr(area, "widget") else None
    return widget is not None and page is not None and page.isAncestorOf(widget)


def _seen_height(area: QAbstractScrollArea) -> int:
    """How much of the page shows clearly: the viewport less the "more below" fade."""
    viewport = area.viewport()
    cue = viewport.findChild(QWidget, "moreCue")
    covered = cue.height() if cue is not None and cue.isVisible() else 0
    return max(1, viewport.height() - covered)


def _scroll_to(area: QAbstractScrollArea, value: int) -> None:
    from PySide6.QtWidgets import QScroller

    bar = area.verticalScrollBar()
    value = max(0, min(value, bar.maximum()))
    if value != bar.value():
        QScroller.scroller(area.viewport()).stop()
        bar.setValue(value)


def _scroll_by(area: QAbstractScrollArea, forward: bool) -> None:
    step = max(1, round(_seen_height(area) * READ_STEP))
    bar = area.verticalScrollBar()
    _scroll_to(area, bar.value() + (step if forward else -step))
