"""Two calm full-window screens: standby outside opening hours, and "temporarily unavailable"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.content import catalogue
from kiosk.ui.overlays.base import SPACING, Multilingual, Overlay, accent_bar
from kiosk.ui.texts import TextBinder


def _column(owner: QWidget, *rows) -> None:
    """Centre `rows` (widgets, or ints for extra space) in a column with wide margins."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(96, 96, 96, 96)
    layout.setSpacing(SPACING)
    layout.addStretch(1)
    for row in rows:
        if isinstance(row, int):
            layout.addSpacing(row)
        elif isinstance(row, Multilingual):
            layout.addWidget(row)  # full width: its labels centre and wrap their own text
        else:
            layout.addWidget(row, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(1)


class StandbyScreen(Overlay):
    """Dark and nearly empty (the display may be switched off too); a touch wakes it."""

    layer = "standby"

    def __init__(self, host: QWidget, texts: TextBinder | None = None):
        super().__init__(host, tap_to_dismiss=True, texts=texts)
        self._when: datetime | None = None
        self.closed = self.say("closed", "display", "h1", first_tone="muted")
        self.next_opening = self.say(self._opening, "h2", "h3")
        self.hint = self.say("touch_to_browse", "caption", "caption", other_tone=None)
        rows = (self.closed, 48, accent_bar(), 48, self.next_opening, 96, self.hint)
        _column(self, *rows)
        self.tapped.connect(self.close_overlay)

    def set_next_opening(self, when: datetime | None) -> None:
        self._when = when
        self.next_opening.rebuild()

    def _opening(self, lang: str) -> str:
        return catalogue.opening_text(self._when, lang, self.chrome.overrides)


class UnavailableScreen(Overlay):
    """Shown when no valid content exists at all; it stays until good content arrives."""

    layer = "unavailable"

    def __init__(self, host: QWidget, texts: TextBinder | None = None):
        super().__init__(host, tap_to_dismiss=False, texts=texts)
        self.title = self.say("unavailable", "display", "h1")
        self.hint = self.say("come_back_later", "h3", "h3")
        _column(self, self.title, 48, accent_bar(), 48, self.hint)
