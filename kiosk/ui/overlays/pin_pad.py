"""The admin PIN pad: big digit buttons, masked entry, wrong PINs counted, growing lock-out."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.services.admin_pin import FREE_TRIES, PinGate
from kiosk.ui import theme
from kiosk.ui.overlays.base import Overlay, label

MAX_DIGITS = 12
BUTTON_PX = 96  # well above the 64 px touch minimum


class PinPad(Overlay):
    accepted = Signal()
    cancelled = Signal()

    def __init__(self, host: QWidget, gate: PinGate):
        super().__init__(host)
        self.gate = gate
        self.entered = ""
        self.title = label("管理员 · Admin", "h2")
        self.dots = label("", "h1")
        self.status = label("请输入 PIN · Enter the PIN", "body", muted=True)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(16)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
        names = {"clear": "清除 Clear", "ok": "确定 OK"}
        for index, key in enumerate(keys):
            button = QPushButton(names.get(key, key))
            button.setFont(theme.font("h2" if key.isdigit() else "button"))
            button.setMinimumSize(BUTTON_PX * (2 if not key.isdigit() else 1), BUTTON_PX)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, index // 3, index % 3)
            self.buttons[key] = button
        cancel = QPushButton("取消 Cancel")
        cancel.setFont(theme.font("button"))
        cancel.setMinimumHeight(BUTTON_PX)
        cancel.clicked.connect(self._cancel)
        self.buttons["cancel"] = cancel
        column = QVBoxLayout()
        column.addStretch(1)
        for widget in (self.title, self.dots, self.status):
            column.addWidget(widget)
        column.addLayout(grid)
        column.addWidget(cancel)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column)
        outer.addStretch(1)
        self._lock_tick = QTimer(self, interval=500)
        self._lock_tick.timeout.connect(self._show_lock)

    def open(self) -> None:
        self.entered = ""
        self._show_dots()
        super().open()
        self._show_lock()

    def press(self, key: str) -> None:
        if key == "clear":
            self.entered = ""
        elif key == "ok":
            self._submit()
            return
        elif len(self.entered) < MAX_DIGITS:
            self.entered += key
        self._show_dots()

    def _submit(self) -> None:
        pin, self.entered = self.entered, ""
        self._show_dots()
        if self.gate.locked_for() > 0:
            self._show_lock()
            return
        if self.gate.attempt(pin):
            self.status.setText("请输入 PIN · Enter the PIN")
            self.close_overlay()
            self.accepted.emit()
            return
        self.status.setProperty("alert", True)
        self.status.setText(f"PIN 错误 · Wrong PIN ({self.gate.failures}/{FREE_TRIES})")
        self._show_lock()

    def _show_lock(self) -> None:
        seconds = self.gate.locked_for()
        locked = seconds > 0
        for key, button in self.buttons.items():
            button.setEnabled(not locked or key == "cancel")
        if locked:
            self.status.setProperty("alert", True)
            wait = f"{seconds:.0f}"
            self.status.setText(f"已锁定，请 {wait} 秒后再试 · Locked: try again in {wait} s")
            self._lock_tick.start()
        elif self._lock_tick.isActive():
            self._lock_tick.stop()
            self.status.setText("请输入 PIN · Enter the PIN")
        self.status.style().polish(self.status)

    def _show_dots(self) -> None:
        self.dots.setText(" ".join("●" for _ in self.entered) or " ")

    def _cancel(self) -> None:
        self.entered = ""
        self._lock_tick.stop()
        self.close_overlay()
        self.cancelled.emit()
