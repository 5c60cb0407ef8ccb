"""Two calm full-window screens: standby outside opening hours, and "temporarily unavailable"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.overlays.base import Overlay, accent_bar, label

_WEEKDAYS_ZH = "一二三四五六日"


def opening_text(when: datetime | None) -> tuple[str, str]:
    """("下次开放：5月3日 周六 09:00", "Opens again Sat 3 May, 09:00")."""
    if when is None:
        return "暂停开放", "Closed until further notice"
    zh = f"下次开放：{when.month}月{when.day}日 周{_WEEKDAYS_ZH[when.weekday()]} {when:%H:%M}"
    en = f"Opens again {when:%a} {when.day} {when:%b}, {when:%H:%M}"
    return zh, en


def _column(owner: QWidget, *rows) -> None:
    """Centre `rows` (widgets, or ints for extra space) in a column with wide margins."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(96, 96, 96, 96)
    layout.setSpacing(12)
    layout.addStretch(1)
    for row in rows:
        if isinstance(row, int):
            layout.addSpacing(row)
        elif isinstance(row, QLabel):
            layout.addWidget(row)  # full width: the label centres and wraps its own text
        else:
            layout.addWidget(row, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(1)


class StandbyScreen(Overlay):
    """Dark and nearly empty (the display may be switched off too); a touch wakes it."""

    layer = "standby"

    def __init__(self, host: QWidget):
        super().__init__(host, tap_to_dismiss=True)
        self.closed = label("已闭馆", "display", tone="muted")
        self.closed_en = label("Closed", "h1", tone="muted")
        self.next_zh = label("", "h2")
        self.next_en = label("", "h3", tone="muted")
        self.hint_zh = label("触摸屏幕仍可浏览", "caption")
        self.hint_en = label("Touch the screen to browse", "caption")
        rows = (self.closed, self.closed_en, 48, accent_bar(), 48, self.next_zh, self.next_en)
        _column(self, *rows, 96, self.hint_zh, self.hint_en)
        self.tapped.connect(self.close_overlay)

    def set_next_opening(self, when: datetime | None) -> None:
        zh, en = opening_text(when)
        self.next_zh.setText(zh)
        self.next_en.setText(en)


class UnavailableScreen(Overlay):
    """Shown when no valid content exists at all; it stays until good content arrives."""

    layer = "unavailable"

    def __init__(self, host: QWidget):
        super().__init__(host, tap_to_dismiss=False)
        _column(
            self,
            label("暂时无法使用", "display"),
            label("Temporarily unavailable", "h1", tone="muted"),
            48,
            accent_bar(),
            48,
            label("请稍后再来，谢谢。", "h3"),
            label("Please come back a little later. Thank you.", "h3", tone="muted"),
        )
