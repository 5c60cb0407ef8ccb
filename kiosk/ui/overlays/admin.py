"""The admin screen: what the operator needs to know on site, a touch test, and the buttons
to reload content, restart or leave the kiosk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.problems import Problem
from kiosk.ui import theme
from kiosk.ui.overlays.base import Overlay, label


@dataclass
class AdminInfo:
    version: str = "-"
    loaded_at: str = "-"
    source: str = "-"  # the content folder, or the last good copy
    problems: list[Problem] = field(default_factory=list)
    uptime: str = "-"
    last_crash: str | None = None
    disk: str = "-"
    log_dir: str = "-"
    usage_today: str = "-"

    def lines(self) -> list[tuple[str, str]]:
        errors = sum(p.severity == "error" for p in self.problems)
        warnings = len(self.problems) - errors
        return [
            ("内容版本 Content version", self.version),
            ("加载时间 Loaded at", self.loaded_at),
            ("来源 Source", self.source),
            ("问题 Problems", f"{errors} errors, {warnings} warnings"),
            ("运行时间 Uptime", self.uptime),
            ("上次故障 Last crash", self.last_crash or "none"),
            ("磁盘 Disk", self.disk),
            ("日志 Logs", self.log_dir),
            ("今日使用 Today", self.usage_today),
        ]


class TouchTestArea(QWidget):
    """Draws every touch point (and mouse press) so a technician can check the touch glass."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setMinimumSize(400, 300)
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
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#061222"))
        painter.setPen(QPen(QColor("#2f8cff"), 2))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.setPen(QColor("#a9b8cc"))
        painter.setFont(theme.font("caption"))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "触摸测试 · Touch test")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 180, 80, 180))
        for point in self.points:
            painter.drawEllipse(point, 14, 14)


class AdminScreen(Overlay):
    reload_requested = Signal()
    restart_requested = Signal()
    exit_requested = Signal()
    closed = Signal()

    def __init__(self, host: QWidget, info: Callable[[], AdminInfo]):
        super().__init__(host)
        self._info = info
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for row, (name, _) in enumerate(AdminInfo().lines()):
            title = label(name, "caption", muted=True)
            title.setWordWrap(False)
            grid.addWidget(title, row, 0, Qt.AlignmentFlag.AlignLeft)
            value = label("", "caption")
            value.setAlignment(Qt.AlignmentFlag.AlignLeft)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            grid.addWidget(value, row, 1)
            self.values[name] = value
        self.problems = QPlainTextEdit(readOnly=True)
        self.problems.setFont(theme.font("caption"))
        self.problems.setStyleSheet("color: #f4f7fb; background: #061222;")
        self.touch_area = TouchTestArea()
        info_column = QVBoxLayout()
        info_column.addWidget(label("管理 · Admin", "h2"))
        info_column.addLayout(grid)
        info_column.addWidget(self.problems, 1)
        body = QHBoxLayout()
        body.addLayout(info_column, 3)
        body.addWidget(self.touch_area, 2)
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        actions.setSpacing(16)
        for key, text, signal in (
            ("reload", "重新加载内容 Reload content", self.reload_requested),
            ("clear", "清除触摸 Clear touches", None),
            ("restart", "重启 Restart", self.restart_requested),
            ("exit", "退出 Exit kiosk", self.exit_requested),
            ("close", "返回展示 Back to kiosk", None),
        ):
            button = QPushButton(text)
            button.setFont(theme.font("button"))
            button.setProperty("danger", key in ("restart", "exit"))
            if signal is not None:
                button.clicked.connect(signal.emit)
            actions.addWidget(button)
            self.buttons[key] = button
        self.buttons["clear"].clicked.connect(self.touch_area.clear)
        self.buttons["close"].clicked.connect(self._close)
        self.buttons["reload"].clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addLayout(body, 1)
        layout.addLayout(actions)

    def open(self) -> None:
        self.refresh()
        self.touch_area.clear()
        super().open()

    def refresh(self) -> None:
        info = self._info()
        for name, value in info.lines():
            self.values[name].setText(value)
        text = "\n".join(p.format() for p in info.problems)
        self.problems.setPlainText(text or "没有问题 · No problems in the content")

    def _close(self) -> None:
        self.close_overlay()
        self.closed.emit()
