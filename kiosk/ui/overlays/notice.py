"""The emergency notice (`notice.yaml`): one layer over every screen and every other layer.

Every language of the site is on screen at once, the visitor's first: nobody has to find the
language switch to read "evacuate". The level picks the colour and the sign: information
(blue), closure (amber), evacuation (red). No control on it and no way past it: it goes when
the operator removes the file or its `until` passes (kiosk/operation.py decides when).

It stays on top by itself: every other layer and viewer is raised or created later, over it,
so whenever the window's children change order it raises itself again.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.content import catalogue
from kiosk.content.views import Notice
from kiosk.ui import icons, theme
from kiosk.ui.overlays.base import SPACING, Overlay, accent_bar
from kiosk.ui.texts import TextBinder
from kiosk.ui.widgets import restyle

SIGNS = {
    "information": "mdi6.information-outline",
    "closure": "mdi6.door-closed-lock",
    "evacuation": "mdi6.exit-run",
}
SIGN_PX = 160
GUARD_MS = 500  # how often a shown notice makes sure nothing was put over it
FIXED_PX = 24 + 6 + 24 + 32 + 32 + 6 * SPACING  # the spaces between the parts, the bar
BOLD = ("display", "h1", "h2", "h3")  # as assets/theme.qss draws them
# The type, largest first, for (level, title, text, until): the first that fits the screen in
# every language at once is used (a long notice at A+ on a landscape screen needs the last).
STEPS = (
    (("h2", "h3"), ("display", "h1"), ("h3", "body"), ("caption", "caption")),
    (("h3", "h3"), ("h1", "h2"), ("body", "body"), ("caption", "caption")),
    (("h3", "body"), ("h2", "h3"), ("body", "caption"), ("caption", "caption")),
    (("body", "caption"), ("h3", "body"), ("caption", "caption"), ("caption", "caption")),
)


class NoticeScreen(Overlay):
    layer = "notice"
    stays_on_top = True

    def __init__(self, host: QWidget, texts: TextBinder | None = None):
        super().__init__(host, tap_to_dismiss=False, texts=texts)
        self.notice: Notice | None = None
        self.sign = QLabel()
        self.sign.setObjectName("noticeSign")
        self.sign.setAlignment(Qt.AlignmentFlag.AlignCenter)
        level, title, text, until = STEPS[0]
        self.level = self.say(self._level, *level, other_tone=None)
        self.title = self.say(self._title, *title, other_tone=None)
        self.text = self.say(self._text, *text, other_tone=None)
        self.until = self.say(self._until, *until, other_tone=None)
        self.step = 0
        layout = self.column = QVBoxLayout(self)
        layout.setContentsMargins(96, 72, 96, 72)
        layout.setSpacing(SPACING)
        layout.addStretch(1)
        layout.addWidget(self.sign)
        layout.addWidget(self.level)
        layout.addSpacing(24)
        layout.addWidget(accent_bar(), 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(24)
        layout.addWidget(self.title)
        layout.addSpacing(32)
        layout.addWidget(self.text)
        layout.addSpacing(32)
        layout.addWidget(self.until)
        layout.addStretch(1)
        self._guard = QTimer(self, interval=GUARD_MS)
        self._guard.timeout.connect(self.keep_on_top)
        host.installEventFilter(self)

    # ---- what it says ---------------------------------------------------------------------

    def show_notice(self, notice: Notice | None) -> None:
        """Show `notice` over everything, or (None) take the notice down."""
        if notice is None:
            self.notice = None
            self.close_overlay()
            return
        if notice != self.notice:
            self.notice = notice
            self.setProperty("level", notice.level)
            restyle(self)
            self.sign.setPixmap(icons.icon(SIGNS[notice.level], "#ffffff").pixmap(SIGN_PX))
            self.sign.setFixedHeight(SIGN_PX)
            for stack in self.stacks:
                stack.rebuild()
            self.until.setVisible(notice.until is not None)
            self.setAccessibleName(self._title(self.texts.lang))
            self.setAccessibleDescription(self._text(self.texts.lang))
        if not self.isVisible():
            self.open()
        self.fit()

    def fit(self) -> None:
        """The largest type of STEPS with which everything fits the screen (the sign goes
        too when even the smallest does not)."""
        for step in range(len(STEPS)):
            if self._needed(step, sign=True) <= self.height():
                self._use(step, sign=True)
                return
        self._use(len(STEPS) - 1, sign=False)

    def _needed(self, step: int, sign: bool) -> int:
        """The height the notice takes with the type of STEPS[step], measured from the fonts
        the stylesheet gives (a label being rebuilt has none of its own yet)."""
        margins = self.column.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        scale = getattr(getattr(self.parentWidget(), "ctx", None), "text_scale", 1.0)
        needed = margins.top() + margins.bottom() + FIXED_PX + (SIGN_PX + SPACING) * sign
        box = QRect(0, 0, max(width, 1), 100_000)
        for stack, roles in zip(self._parts(), STEPS[step], strict=True):
            if stack is self.until and (self.notice is None or self.notice.until is None):
                continue
            lines = stack.lines(self.texts.lang)
            for index, line in enumerate(lines):
                role = roles[min(index, 1)]
                font = theme.font(role, scale, bold=role in BOLD)
                rect = QFontMetrics(font).boundingRect(box, Qt.TextFlag.TextWordWrap, line)
                needed += rect.height()
            needed += SPACING * (len(lines) - 1)
        return needed

    def _use(self, step: int, sign: bool) -> None:
        self.sign.setVisible(sign)
        if step == self.step:
            return
        self.step = step
        for stack, roles in zip(self._parts(), STEPS[step], strict=True):
            stack.set_roles(*roles)

    def _parts(self) -> tuple:
        return (self.level, self.title, self.text, self.until)

    def host_resized(self) -> None:
        if self.isVisible():
            self.fit()

    def _level(self, lang: str) -> str:
        level = self.notice.level if self.notice else "information"
        return catalogue.text(f"notice_{level}", lang, self.chrome.overrides)

    def _title(self, lang: str) -> str:
        return self.notice.title.get(lang) if self.notice else " "

    def _text(self, lang: str) -> str:
        return self.notice.text.get(lang) if self.notice else " "

    def _until(self, lang: str) -> str:
        until: datetime | None = self.notice.until if self.notice else None
        return catalogue.until_text(until, lang, self.chrome.overrides) if until else " "

    # ---- on top of everything -------------------------------------------------------------

    def open(self) -> None:
        super().open()
        self._guard.start()

    def close_overlay(self) -> None:
        self._guard.stop()
        super().close_overlay()

    def keep_on_top(self) -> None:
        """Raise it again if anything now covers its middle (a layer opened, a viewer made)."""
        host = self.parentWidget()
        if host is None or not self.isVisible():
            return
        siblings = [w for w in host.children() if isinstance(w, QWidget) and w.isVisible()]
        if siblings and siblings[-1] is not self:  # the last child is the one drawn on top
            self.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        seen = obj is self.parentWidget() and self.isVisible()
        if seen and event.type() == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self, self.keep_on_top)  # once the new child is shown
        return super().eventFilter(obj, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange and self.isVisible():
            QTimer.singleShot(0, self, self.fit)  # A+: its stylesheet again, larger
