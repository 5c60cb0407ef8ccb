"""Base of the overlays: covers its host window, follows its size, and never lets a press
through to the screen underneath.

Looks come from assets/theme.qss, which the main window applies: every overlay is an
`Overlay` with a dynamic property `layer` ("countdown", "attract", "standby", "unavailable",
"pin", "admin") for the QSS to select on. (Not `overlay`: MainWindow.close_overlays closes
everything carrying that one, and these layers belong to the controller.) A host without a
stylesheet (no content loaded yet) gets the default theme applied to the overlay itself.

The layers every visitor meets without choosing a language (countdown, attract, standby,
unavailable) say each thing in every language of the content (`Chrome`): the current one
first and large, the others smaller and muted below (`Multilingual`). Their words come from
the catalogue (kiosk/content/catalogue.py) and `site.yaml` `chrome:`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QTouchEvent
from PySide6.QtWidgets import QAbstractButton, QFrame, QPushButton, QVBoxLayout, QWidget

from kiosk.content import catalogue
from kiosk.content.views import Content, Theme
from kiosk.ui import theme
from kiosk.ui.texts import TextBinder
from kiosk.ui.widgets import Label

CENTRE = Qt.AlignmentFlag.AlignCenter
SPACING = 12  # between lines of a layer's column


@lru_cache(maxsize=1)
def default_stylesheet() -> str:
    return theme.stylesheet(Theme.default())


def button(text: str, variant: str = "", parent: QWidget | None = None) -> QPushButton:
    """A large touch button; `variant` ("primary", "danger", "key") picks its QSS look."""
    widget = QPushButton(text, parent)
    widget.setProperty("variant", variant)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return widget


def card(parent: QWidget | None = None) -> QFrame:
    """A rounded surface panel for grouping (the PIN pad, the admin screen's sections)."""
    frame = QFrame(parent)
    frame.setProperty("role", "overlay-card")
    return frame


def accent_bar(parent: QWidget | None = None) -> QFrame:
    """A short line in the primary colour that sets a heading off from what follows."""
    bar = QFrame(parent)
    bar.setProperty("role", "accent-bar")
    bar.setFixedSize(120, 6)
    return bar


@dataclass(frozen=True)
class Chrome:
    """What the layers need of the content to speak: its languages and its own words."""

    languages: tuple[str, ...] = ("zh", "en")
    default: str = "zh"
    overrides: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, content: Content | None) -> Chrome:
        if content is None:
            return cls()
        site = content.site
        return cls(tuple(site.languages), site.default_language, site.chrome)

    def text(self, key: str, lang: str) -> str:
        return catalogue.text(key, lang, self.overrides)

    def order(self, first: str) -> list[str]:
        """Every language, `first` (the visitor's, else the default) leading."""
        lead = first if first in self.languages else self.default
        return [lead, *(lang for lang in self.languages if lang != lead)]


class Multilingual(QWidget):
    """One thing said in every language: the current one in `first_role`, the others below in
    `other_role` and `other_tone`; a text the same in two languages is shown once."""

    def __init__(
        self,
        overlay: Overlay,
        words: Callable[[str], str],
        first_role: str,
        other_role: str,
        first_tone: str | None = None,
        other_tone: str | None = "muted",
        spacing: int = SPACING,
    ):
        super().__init__()
        self.overlay = overlay
        self._words = words
        self._roles = (first_role, other_role)
        self._tones = (first_tone, other_tone)
        self.labels: list[Label] = []
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(spacing)
        self.rebuild()

    def lines(self, lang: str) -> list[str]:
        """What is shown, top to bottom, while the visitor's language is `lang`."""
        shown: list[str] = []
        for each in self.overlay.chrome.order(lang):
            text = self._words(each)
            if text not in shown:
                shown.append(text)
        return shown

    def set_roles(self, first_role: str, other_role: str) -> None:
        """Say it in other sizes (the notice steps down until it fits)."""
        if (first_role, other_role) != self._roles:
            self._roles = (first_role, other_role)
            self.rebuild()

    def text_in(self, lang: str) -> str:
        """The line in `lang`."""
        return self._words(lang)

    def rebuild(self) -> None:
        """One label per distinct line (the languages or their words may have changed)."""
        for old in self.labels:
            old.setParent(None)
            old.deleteLater()
        self.labels = []
        texts = self.overlay.texts
        for index in range(len(self.lines(texts.lang))):
            position = min(index, 1)
            label = Label(self._roles[position], self._tones[position], align=CENTRE)
            texts.bind(label, partial(self._line, index=index))
            self._column.addWidget(label)
            self.labels.append(label)

    def _line(self, lang: str, index: int) -> str:
        lines = self.lines(lang)
        return lines[index] if index < len(lines) else lines[-1]


class Overlay(QWidget):
    """A full-window layer. With `tap_to_dismiss`, a touch or click anywhere emits `tapped`
    on release; the press is accepted here, so nothing underneath is pressed. Its own
    `controls` (buttons on the layer: the countdown's choices, the attract loop's pause) are
    pressed as buttons are, and a press on one is not a tap on the layer."""

    tapped = Signal()
    layer = ""  # the QSS selects on this: Overlay[layer="countdown"]
    stays_on_top = False  # the notice: a layer opened later still opens under it

    def __init__(
        self, host: QWidget, tap_to_dismiss: bool = False, texts: TextBinder | None = None
    ):
        super().__init__(host)
        self.texts = texts if texts is not None else TextBinder(parent=self)
        self.chrome = Chrome()
        self.stacks: list[Multilingual] = []
        self.controls: list[QAbstractButton] = []
        self.setObjectName(type(self).__name__)
        self.setProperty("layer", self.layer)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._tap = tap_to_dismiss
        if tap_to_dismiss:
            # Raw touch here means Qt synthesizes no mouse press for the widgets below.
            self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        host.installEventFilter(self)
        self.sync_style()
        self.hide()

    def say(self, key_or_words, first_role: str, other_role: str, **looks) -> Multilingual:
        """A Multilingual of the catalogue word `key_or_words` (or a function of the language);
        `looks` are Multilingual's tones and spacing."""
        words = key_or_words
        if isinstance(key_or_words, str):
            words = lambda lang, key=key_or_words: self.chrome.text(key, lang)  # noqa: E731
        stack = Multilingual(self, words, first_role, other_role, **looks)
        self.stacks.append(stack)
        return stack

    def control(self, widget: QAbstractButton) -> QAbstractButton:
        """Make `widget` (a button on this layer) one of its controls; returns it."""
        self.controls.append(widget)
        return widget

    def control_at(self, global_point: QPoint) -> QAbstractButton | None:
        """The control of this layer (shown) under a point of the screen, if any."""
        if not self.isVisible():
            return None
        widget = self.childAt(self.mapFromGlobal(global_point))
        while widget is not None and widget is not self:
            if widget in self.controls:
                return widget if widget.isEnabled() else None
            widget = widget.parentWidget()
        return None

    def set_chrome(self, chrome: Chrome) -> None:
        """The content's languages and words changed: say everything again."""
        if chrome != self.chrome:
            self.chrome = chrome
            for stack in self.stacks:
                stack.rebuild()

    def open(self) -> None:
        self.sync_style()
        host = self.parentWidget()
        if host is not None:
            self.setGeometry(host.rect())
        self.show()
        self.raise_()
        if host is not None:
            for layer in host.findChildren(
                Overlay, options=Qt.FindChildOption.FindDirectChildrenOnly
            ):
                if layer.stays_on_top and layer.isVisible() and layer is not self:
                    layer.raise_()

    def close_overlay(self) -> None:
        self.hide()

    def host_resized(self) -> None:
        """The window changed size (the layer follows it, even while hidden)."""

    def sync_style(self) -> None:
        """Inherit the host's stylesheet, at the text size of the moment (a kiosk window gives
        its pieces that as `piece_sheet`); carry the default theme only while it has none."""
        host = self.parentWidget()
        if host is not None and host.styleSheet():
            own = getattr(host, "piece_sheet", "")
        else:
            own = default_stylesheet()
        if self.styleSheet() != own:
            self.setStyleSheet(own)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        host = self.parentWidget()
        if host is not None and obj is host:
            if event.type() == QEvent.Type.Resize:
                self.setGeometry(host.rect())
                self.host_resized()
            elif event.type() == QEvent.Type.StyleChange:
                self.sync_style()
        return False

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent) and self.controls:
            points = event.points()
            if len(points) == 1 and self.control_at(points[0].globalPosition().toPoint()):
                # Not taken here: Qt makes a mouse press and release of the touch for the
                # control, which shows it pressed and clicks it as any button.
                event.ignore()
                return False
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate):
            event.accept()
            return True
        if kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            event.accept()
            if self._tap and self.isVisible():
                self.tapped.emit()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        event.accept()  # never propagate to the window underneath

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        event.accept()
        if self._tap and self.isVisible() and self.rect().contains(event.position().toPoint()):
            self.tapped.emit()
