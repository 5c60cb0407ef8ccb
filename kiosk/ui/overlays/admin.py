"""The admin screen: what the operator needs to know on site, a touch test, and the buttons
to reload content, restart or leave the kiosk. Side by side in landscape, stacked in portrait."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.admin_status import AdminInfo
from kiosk.ui.overlays.base import Overlay, button, card
from kiosk.ui.widgets import Label

LEFT = Qt.AlignmentFlag.AlignLeft


class TouchTestArea(QFrame):
    """Draws every touch point (and mouse press) so a technician can check the touch glass.
    Colours come from the QSS (#touchTest): `color` for the caption, `selection-background-
    color` for the points."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("touchTest")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setMinimumSize(240, 120)
        self.points: list[QPointF] = []

    def clear(self) -> None:
        self.points.clear()
        self.update()

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (event.Type.TouchBegin, event.Type.TouchUpdate, event.Type.TouchEnd):
            self.points += [p.position() for p in event.points()]
            del self.points[:-500]
            self.update()
            event.accept()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.points.append(event.position())
        self.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        self.mousePressEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "在此触摸\nTouch here")
        painter.setPen(Qt.PenStyle.NoPen)
        dot = self.palette().color(QPalette.ColorRole.Highlight)
        dot.setAlpha(190)
        painter.setBrush(dot)
        for point in self.points:
            painter.drawEllipse(point, 14, 14)


def _section(
    title: str, *widgets: QWidget | QGridLayout, stretch: int = -1, action: QWidget | None = None
) -> QFrame:
    """A card with a heading (and an `action` button beside it) over `widgets`; the one at
    index `stretch` takes the spare room (with none, the room stays empty below them)."""
    frame = card()
    column = QVBoxLayout(frame)
    column.setContentsMargins(24, 16, 24, 20)
    column.setSpacing(8)
    heading = Label("h3", text=title, align=LEFT | Qt.AlignmentFlag.AlignVCenter)
    top = QHBoxLayout()
    top.addWidget(heading, 1)
    if action is not None:
        top.addWidget(action)
    column.addLayout(top)
    for index, widget in enumerate(widgets):
        factor = 1 if index == stretch else 0
        if isinstance(widget, QGridLayout):
            column.addLayout(widget, factor)
        else:
            column.addWidget(widget, factor)
    if stretch < 0:
        column.addStretch(1)
    return frame


def _breakable(text: str) -> str:
    """Let a long path wrap after each '/', '_', '-' or '.' before a letter, and inside any
    run of 16 characters with none (a zero-width space is a line-break chance)."""
    if "/" not in text and "\\" not in text:
        return text  # not a path: a date, a count, a crash message
    text = re.sub(r"([/\\_-]|\.(?=[A-Za-z]))", "\\1\u200b", text)
    return re.sub(r"([^\s\u200b]{16})(?=[^\s\u200b])", "\\1\u200b", text)


class AdminScreen(Overlay):
    layer = "admin"
    reload_requested = Signal()
    restart_requested = Signal()
    exit_requested = Signal()

    def __init__(self, host: QWidget, info: Callable[[], AdminInfo]):
        super().__init__(host)
        self._info = info
        self.values: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        for key, text, variant, signal in (
            ("close", "返回展示\nBack to kiosk", "primary", None),
            ("reload", "重新加载内容\nReload content", "", self.reload_requested),
            ("clear", "清除触摸\nClear touches", "", None),
            ("restart", "重启\nRestart", "danger", self.restart_requested),
            ("exit", "退出\nExit kiosk", "danger", self.exit_requested),
        ):
            self.buttons[key] = button(text, variant)
            # reached by the keypad (kiosk/ui/keypad.py), never focused by a tap; named
            self.buttons[key].setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.buttons[key].setAccessibleName(text.replace("\n", " "))
            if signal is not None:
                self.buttons[key].clicked.connect(signal.emit)

        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        for row, (name, _) in enumerate(AdminInfo().lines()):
            title = Label("caption", text=name, align=LEFT | Qt.AlignmentFlag.AlignTop)
            title.setWordWrap(False)
            value = Label("body", align=LEFT | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(title, row, 0)
            grid.addWidget(value, row, 1)
            self.values[name] = value
        self.problems = QPlainTextEdit(readOnly=True)
        self.problems.setObjectName("adminProblems")
        self.problems.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.problems.setMinimumHeight(96)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        for gesture in (
            QScroller.ScrollerGestureType.TouchGesture,
            QScroller.ScrollerGestureType.LeftMouseButtonGesture,
        ):
            QScroller.grabGesture(self.problems.viewport(), gesture)
        self.touch_area = TouchTestArea()

        self.sections = [
            _section("状态 · Status", grid),
            _section("内容问题 · Content problems", self.problems, stretch=0),
            _section(
                "触摸测试 · Touch test", self.touch_area, stretch=0, action=self.buttons["clear"]
            ),
        ]
        self.body = QGridLayout()
        self.body.setSpacing(24)
        self._portrait: bool | None = None

        header = QHBoxLayout()
        title = Label("h1", text="管理 · Admin", align=LEFT | Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(title, 1)
        header.addWidget(self.buttons["close"])
        actions = QHBoxLayout()
        actions.setSpacing(20)
        actions.addWidget(self.buttons["reload"])
        actions.addStretch(1)
        actions.addWidget(self.buttons["restart"])
        actions.addWidget(self.buttons["exit"])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 28)
        layout.setSpacing(24)
        layout.addLayout(header)
        layout.addLayout(self.body, 1)
        layout.addLayout(actions)

        self.buttons["clear"].clicked.connect(self.touch_area.clear)
        self.buttons["close"].clicked.connect(self.close_overlay)
        self.buttons["reload"].clicked.connect(self.refresh)

    def open(self) -> None:
        self.refresh()
        self.touch_area.clear()
        super().open()

    def refresh(self) -> None:
        info = self._info()
        for name, value in info.lines():
            self.values[name].setText(_breakable(value))
        QTimer.singleShot(0, self, self._fit_values)
        text = "\n\n".join(p.format() for p in info.problems)
        self.problems.setPlainText(text or "没有问题 · No problems in the content")

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._arrange(self.height() > self.width())
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_values)

    def _fit_values(self) -> None:
        """A grid gives a wrapped label the height of its first guess: a long path (four
        lines at A+ in portrait) gets the height it needs at the width it got."""
        for label in self.values.values():
            if label.width() > 0:
                label.setMinimumHeight(label.heightForWidth(label.width()))

    def _arrange(self, portrait: bool) -> None:
        """Landscape: status on the left, problems over the touch test on the right.
        Portrait: the three stacked, the touch test smallest."""
        if portrait == self._portrait:
            return
        self._portrait = portrait
        status, problems, touch = self.sections
        for section in self.sections:
            self.body.removeWidget(section)
        for index in range(3):
            self.body.setRowStretch(index, 0)
            self.body.setColumnStretch(index, 0)
        if portrait:
            self.body.addWidget(status, 0, 0)
            self.body.addWidget(problems, 1, 0)
            self.body.addWidget(touch, 2, 0)
            self.body.setRowStretch(1, 3)
            self.body.setRowStretch(2, 2)
            self.body.setColumnStretch(0, 1)
        else:
            self.body.addWidget(status, 0, 0, 2, 1)
            self.body.addWidget(problems, 0, 1)
            self.body.addWidget(touch, 1, 1)
            self.body.setRowStretch(0, 1)
            self.body.setRowStretch(1, 1)
            self.body.setColumnStretch(0, 1)
            self.body.setColumnStretch(1, 1)
