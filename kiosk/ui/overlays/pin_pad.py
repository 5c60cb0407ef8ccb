"""The admin PIN pad: big digit keys in a 3x4 grid, masked entry, a delete key, wrong PINs
counted and a growing lock-out."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.services.admin_pin import FREE_TRIES, PIN_DIGITS, PinGate
from kiosk.ui.overlays.base import CENTRE, Overlay, button, card
from kiosk.ui.widgets import Label, restyle

MAX_DIGITS = PIN_DIGITS[1]  # (what `kiosk set-pin` accepts)
ENTER_PIN = "请输入 PIN · Enter the PIN"
KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"]
KEY_TEXT = {"clear": "清除\nClear", "back": "⌫"}
# What a screen reader calls a key (the pad speaks both languages at once, as it shows them).
KEY_NAME = {"clear": "清除 Clear", "back": "删除 Delete", "cancel": "取消 Cancel", "ok": "确定 OK"}


def _reachable(key_button: QPushButton, key: str) -> None:
    """Reached by the keypad (kiosk/ui/keypad.py), never focused by a tap, and named."""
    key_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    key_button.setAccessibleName(KEY_NAME.get(key, key))
    if key_button.property("variant") == "key":
        key_button.setProperty("ring", "key")  # a round focus ring


class PinPad(Overlay):
    layer = "pin"
    accepted = Signal()

    def __init__(self, host: QWidget, gate: PinGate):
        super().__init__(host)
        self.gate = gate
        self.entered = ""
        self.title = Label("h2", text="管理员 · Admin", align=CENTRE)
        self.dots = Label("h1", align=CENTRE)
        self.dots.setObjectName("pinDots")
        self.status = Label("body", "muted", text=ENTER_PIN, align=CENTRE)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(20)
        for index, key in enumerate(KEYS):
            key_button = button(KEY_TEXT.get(key, key), "key")
            key_button.setProperty("key", key)
            key_button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(key_button, index // 3, index % 3, Qt.AlignmentFlag.AlignCenter)
            self.buttons[key] = key_button
        self.buttons["cancel"] = button("取消 Cancel")
        self.buttons["cancel"].clicked.connect(self._cancel)
        self.buttons["ok"] = button("确定 OK", "primary")
        self.buttons["ok"].clicked.connect(lambda: self.press("ok"))
        for key, key_button in self.buttons.items():
            _reachable(key_button, key)
        actions = QHBoxLayout()
        actions.setSpacing(20)
        actions.addWidget(self.buttons["cancel"])  # no stretch factor: never below its text
        actions.addWidget(self.buttons["ok"])

        panel = card()
        column = QVBoxLayout(panel)
        column.setContentsMargins(48, 40, 48, 40)
        column.setSpacing(16)
        column.addWidget(self.title)
        column.addWidget(self.dots)
        column.addWidget(self.status)
        column.addSpacing(8)
        column.addLayout(grid)
        column.addSpacing(8)
        column.addLayout(actions)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignCenter)
        self._lock_tick = QTimer(self, interval=500)
        self._lock_tick.timeout.connect(self._show_lock)

    def open(self) -> None:
        self.entered = ""
        self._show_dots()
        self._set_status(ENTER_PIN, alert=False)
        super().open()
        self._show_lock()

    def press(self, key: str) -> None:
        if key == "clear":
            self.entered = ""
        elif key == "back":
            self.entered = self.entered[:-1]
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
            self._set_status(ENTER_PIN, alert=False)
            self.close_overlay()
            self.accepted.emit()
            return
        self._set_status(f"PIN 错误 · Wrong PIN ({self.gate.failures}/{FREE_TRIES})", alert=True)
        self._show_lock()

    def _show_lock(self) -> None:
        seconds = self.gate.locked_for()
        locked = seconds > 0
        for key, key_button in self.buttons.items():
            key_button.setEnabled(not locked or key == "cancel")
        if locked:
            wait = f"{seconds:.0f}"
            self._set_status(f"已锁定，请 {wait} 秒后再试 · Locked: try again in {wait} s", True)
            self._lock_tick.start()
        elif self._lock_tick.isActive():
            self._lock_tick.stop()
            self._set_status(ENTER_PIN, alert=False)

    def _set_status(self, text: str, alert: bool) -> None:
        self.status.setText(text)
        tone = "alert" if alert else "muted"
        if self.status.property("tone") != tone:
            self.status.setProperty("tone", tone)
            restyle(self.status)

    def _show_dots(self) -> None:
        self.dots.setText(" ".join("●" for _ in self.entered))

    def _cancel(self) -> None:
        self.entered = ""
        self._lock_tick.stop()
        self.close_overlay()
