"""Base of the overlays: covers its host window, follows its size, and never lets a press
through to the screen underneath.

Looks come from assets/theme.qss, which the main window applies: every overlay is an
`Overlay` with a dynamic property `layer` ("countdown", "attract", "standby", "unavailable",
"pin", "admin") for the QSS to select on. (Not `overlay`: MainWindow.close_overlays closes
everything carrying that one, and these layers belong to the controller.) A host without a
stylesheet (no content loaded yet) gets the default theme applied to the overlay itself.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from kiosk.content.models import Theme
from kiosk.ui import theme


@lru_cache(maxsize=1)
def default_stylesheet() -> str:
    return theme.stylesheet(Theme())


def label(text: str, role: str = "body", parent: QWidget | None = None, **props) -> QLabel:
    """A centred, wrapping plain-text label; `role` and `props` are dynamic properties the QSS
    turns into size and colour (e.g. tone="muted")."""
    widget = QLabel(text, parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setProperty("role", role)
    for name, value in props.items():
        widget.setProperty(name, value)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    widget.setWordWrap(True)
    return widget


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


def restyle(widget: QWidget) -> None:
    """Re-read the QSS after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class Overlay(QWidget):
    """A full-window layer. With `tap_to_dismiss`, a touch or click anywhere emits `tapped`
    on release; the press is accepted here, so nothing underneath is pressed."""

    tapped = Signal()
    layer = ""  # the QSS selects on this: Overlay[layer="countdown"]

    def __init__(self, host: QWidget, tap_to_dismiss: bool = False):
        super().__init__(host)
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

    def open(self) -> None:
        self.sync_style()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def close_overlay(self) -> None:
        self.hide()

    def sync_style(self) -> None:
        """Inherit the host's stylesheet; carry the default theme only while it has none."""
        own = "" if self.parentWidget().styleSheet() else default_stylesheet()
        if self.styleSheet() != own:
            self.setStyleSheet(own)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.parentWidget():
            if event.type() == QEvent.Type.Resize:
                self.setGeometry(self.parentWidget().rect())
            elif event.type() == QEvent.Type.StyleChange:
                self.sync_style()
        return False

    def event(self, event: QEvent) -> bool:
        kind = event.type()
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
