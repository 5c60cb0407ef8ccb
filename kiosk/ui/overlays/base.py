"""Base of the overlays: covers its host window, follows its size, and never lets a press
through to the screen underneath."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui import theme

STYLE = """
QLabel { color: #f4f7fb; background: transparent; }
QLabel[muted="true"] { color: #a9b8cc; }
QLabel[alert="true"] { color: #ffb4a8; }
QPushButton {
    color: #f4f7fb; background: #13294a; border: 2px solid #2f8cff; border-radius: 12px;
    min-width: 96px; min-height: 72px; padding: 4px 16px;
}
QPushButton:pressed { background: #2f8cff; }
QPushButton:disabled { color: #5c6b80; border-color: #34465f; }
QPushButton[danger="true"] { border-color: #ff6b5a; }
"""


def label(text: str, role: str = "body", parent: QWidget | None = None, **props) -> QLabel:
    """A plain-text label with a theme font; `props` become dynamic properties for the QSS."""
    widget = QLabel(text, parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setFont(theme.font(role))
    widget.setProperty("role", role)
    for name, value in props.items():
        widget.setProperty(name, value)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    widget.setWordWrap(True)
    return widget


class Overlay(QWidget):
    """A full-window layer. With `tap_to_dismiss`, a touch or click anywhere emits `tapped`
    on release; the press is accepted here, so nothing underneath is pressed."""

    tapped = Signal()

    background = QColor(11, 29, 51)  # opaque: nothing of the screen below shows through

    def __init__(self, host: QWidget, tap_to_dismiss: bool = False):
        super().__init__(host)
        self.setObjectName(type(self).__name__)
        self.setStyleSheet(STYLE)
        self._tap = tap_to_dismiss
        if tap_to_dismiss:
            # Raw touch here means Qt synthesizes no mouse press for the widgets below.
            self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        host.installEventFilter(self)
        self.hide()

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def close_overlay(self) -> None:
        self.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, event) -> None:  # noqa: N802
        QPainter(self).fillRect(self.rect(), self.background)

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
