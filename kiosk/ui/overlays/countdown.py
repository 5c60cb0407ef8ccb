""" "Still there? / 还在浏览吗？" with a countdown and two choices: "More time / 我还在看" and
"Start over / 重新开始" (WCAG 2.2 SC 2.2.1: at least 20 s to ask for more with one tap, as often
as the visitor likes). A touch anywhere else on the layer counts as more time, as it always has;
the layer no longer says so ("touch anywhere to keep exploring" beside a "Start over" button
read as a contradiction, and the two choices did not fit under it on a 720 px screen).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.overlays.base import SPACING, Chrome, Overlay, accent_bar
from kiosk.ui.texts import TextBinder
from kiosk.ui.widgets import Label

CHOICE_SIZE = QSize(400, 128)  # the least a choice measures: far above the 64 px touch target
GAP = 48  # between the ring and the choices, and between the two choices


class Choice(QPushButton):
    """One of the countdown's two buttons: its words in every language, one a line, and never
    smaller than CHOICE_SIZE (theme.qss gives overlay buttons a smaller minimum)."""

    def __init__(self, variant: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("variant", variant)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802
        return super().sizeHint().expandedTo(CHOICE_SIZE)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()


class IdleCountdown(Overlay):
    """The question in every language, the seconds left in a ring, how to stay, and the two
    choices, on the theme's background: opaque (theme.qss), since the visitor's screen showing
    through made the question hard to read and its own words legible behind it.

    Each choice says its words in every language of the content, the visitor's first. The
    controller answers them: `more_time` keeps the visitor's screen and starts the idle time
    again, `start_over` ends the session at once (home, the default language), as the
    countdown running out does."""

    layer = "countdown"
    more_time = Signal()
    start_over = Signal()

    def __init__(self, host: QWidget, texts: TextBinder | None = None):
        super().__init__(host, tap_to_dismiss=True, texts=texts)
        self.title = self.say("still_there", "display", "h1")
        self.number = Label("countdown", align=Qt.AlignmentFlag.AlignCenter)
        self.number.setObjectName("countdownNumber")
        self.more = self._choice("more_time", "primary")
        self.over = self._choice("start_over", "")
        self.more.clicked.connect(self.more_time)
        self.over.clicked.connect(self.start_over)
        # Wide screens: the ring, and the choices one above the other beside it; tall ones:
        # the ring, and the choices side by side under it (`_arrange`).
        self.choices = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.choices.setSpacing(GAP)
        self.choices.addWidget(self.more)
        self.choices.addWidget(self.over)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(GAP)
        self.body.addStretch(1)
        self.body.addWidget(self.number, 0, Qt.AlignmentFlag.AlignCenter)
        self.body.addLayout(self.choices)
        self.body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.setSpacing(SPACING)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(24)
        layout.addWidget(accent_bar(), 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(GAP)
        layout.addLayout(self.body)
        layout.addStretch(1)
        self._seconds = 0.0
        self._clock = QElapsedTimer()
        self._tick = QTimer(self, interval=200)
        self._tick.timeout.connect(self._update)
        self.tapped.connect(self.close_overlay)

    def _choice(self, key: str, variant: str) -> QPushButton:
        """A large button with the word `key` in every language, one a line, the visitor's
        first."""
        choice = Choice(variant, self)
        self.control(choice)
        choice.setObjectName(f"countdown_{key}")
        choice.setProperty("words", key)
        self._say(choice)
        return choice

    def _arrange(self) -> None:
        host = self.parentWidget()
        tall = host is not None and host.height() > host.width()
        Direction = QBoxLayout.Direction  # noqa: N806
        self.body.setDirection(Direction.TopToBottom if tall else Direction.LeftToRight)
        self.choices.setDirection(Direction.LeftToRight if tall else Direction.TopToBottom)
        self.body.setAlignment(self.number, Qt.AlignmentFlag.AlignCenter)

    def open(self) -> None:
        self._arrange()
        super().open()

    def host_resized(self) -> None:
        self._arrange()

    def _say(self, choice: QPushButton) -> None:
        key = choice.property("words")

        def words(lang: str) -> str:
            lines = (self.chrome.text(key, each) for each in self.chrome.order(lang))
            return "\n".join(dict.fromkeys(lines))  # a word the same in two languages: once

        self.texts.bind(choice, words)

    def set_chrome(self, chrome: Chrome) -> None:
        changed = chrome != self.chrome
        super().set_chrome(chrome)
        if changed:
            for choice in (self.more, self.over):
                self._say(choice)

    def start(self, seconds: float) -> None:
        self._seconds = seconds
        self._clock.start()
        self._update()
        self._tick.start()
        self.open()

    def seconds_left(self) -> int:
        return max(0, math.ceil(self._seconds - self._clock.elapsed() / 1000))

    def close_overlay(self) -> None:
        self._tick.stop()
        super().close_overlay()

    def _update(self) -> None:
        self.number.setText(str(self.seconds_left()))
