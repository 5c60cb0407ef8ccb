"""Two calm full-window screens: standby outside opening hours, and "temporarily unavailable"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.overlays.base import Overlay, label

_WEEKDAYS_ZH = "一二三四五六日"


def opening_text(when: datetime | None) -> tuple[str, str]:
    """("下次开放：5月3日 周六 09:00", "Opens again Sat 3 May, 09:00")."""
    if when is None:
        return "暂停开放", "Closed until further notice"
    zh = f"下次开放：{when.month}月{when.day}日 周{_WEEKDAYS_ZH[when.weekday()]} {when:%H:%M}"
    en = f"Opens again {when:%a} {when.day} {when:%b}, {when:%H:%M}"
    return zh, en


class StandbyScreen(Overlay):
    """Dark and nearly empty (the display may be switched off too); a touch wakes it."""

    background = QColor(0, 0, 0)

    def __init__(self, host: QWidget):
        super().__init__(host, tap_to_dismiss=True)
        self.closed = label("已闭馆 · Closed", "h1", muted=True)
        self.next_zh = label("", "h3", muted=True)
        self.next_en = label("", "h3", muted=True)
        self.hint = label("触摸屏幕仍可浏览 · Touch the screen to browse", "caption", muted=True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.closed, self.next_zh, self.next_en, self.hint):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.tapped.connect(self.close_overlay)

    def set_next_opening(self, when: datetime | None) -> None:
        zh, en = opening_text(when)
        self.next_zh.setText(zh)
        self.next_en.setText(en)


class UnavailableScreen(Overlay):
    """Shown when no valid content exists at all; it stays until good content arrives."""

    def __init__(self, host: QWidget):
        super().__init__(host, tap_to_dismiss=False)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(label("暂时无法使用", "display"))
        layout.addWidget(label("Temporarily unavailable", "h1"))
        layout.addWidget(
            label(
                "请稍后再来，谢谢 · Please come back a little later, thank you", "body", muted=True
            )
        )
        layout.addStretch(1)
