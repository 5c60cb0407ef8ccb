"""State every widget of a screen shares: content snapshot, language, text size, clock, images,
and the text binder that keeps every bound text in the current language.

Widgets take the context in `__init__` and listen to its signals; nothing is global.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from kiosk.content import catalogue
from kiosk.content.views import Content, LocalText, Panel
from kiosk.services.images import ImageCache
from kiosk.services.video import MediaHub
from kiosk.ui import theme
from kiosk.ui.texts import TextBinder


class UiContext(QObject):
    language_changed = Signal(str)
    text_scale_changed = Signal(float)

    def __init__(
        self,
        content: Content | None,
        lang: str | None = None,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.content = content
        self.lang = lang or (content.site.default_language if content else "zh")
        self.text_scale = 1.0
        self._animate = True  # `animate` (below)
        self.show_notes = False  # `kiosk preview`: the operators' notes under what they annotate
        self.today = today
        # Full-window overlays (open gallery, hotspot card) are made children of this widget,
        # get the property `overlay=True`, and are kept covering it; None outside a MainWindow.
        self.overlay_host: QWidget | None = None
        self.images = ImageCache(parent=self)
        self.media = MediaHub(parent=self)  # every film of the window (services/video.py)
        # Re-renders bound texts on a language switch, before `language_changed` is emitted.
        self.texts = TextBinder(self.lang, parent=self)

    @property
    def animate(self) -> bool:
        """Whether things move (screens sliding, numbers counting up, smooth scrolls, the
        attract loop's pans and fades) or cut to their final state: set off for screenshots
        and the self-test, and off while the content asks for `accessibility.reduced_motion`."""
        content = self.content
        reduced = content is not None and content.site.accessibility.reduced_motion
        return self._animate and not reduced

    @animate.setter
    def animate(self, on: bool) -> None:
        self._animate = on

    @property
    def snapshot(self) -> Content:
        """The content shown, for widgets that exist only once there is some."""
        if self.content is None:
            raise RuntimeError("no content yet: this widget needs a content snapshot")
        return self.content

    def text(self, value: LocalText | None) -> str:
        """Visitor text in the current language, falling back to another; '' for None."""
        return "" if value is None else value.get(self.lang)

    def chrome(self, key: str, lang: str | None = None) -> str:
        """The kiosk's own word `key` (kiosk/content/catalogue.py) in `lang` (default: now)."""
        overrides = self.content.site.chrome if self.content is not None else None
        return catalogue.text(key, lang or self.lang, overrides)

    @property
    def palette(self) -> theme.Palette:
        """Colours of the current theme, for widgets that paint (same as the QSS uses)."""
        return theme.palette(self.snapshot.site.theme)

    @property
    def photo_dim(self) -> float:
        """How much darker photos under text are drawn: high contrast asks 7:1 of that text."""
        return 0.5 if self.palette.high_contrast else 0.0

    def accent(self, panel: Panel) -> str:
        """A panel's own colour; in high contrast, the theme's one accent (no blue on black)."""
        colours = self.palette
        return colours.primary if colours.high_contrast else panel.accent

    def set_content(self, content: Content) -> None:
        """Swap to a new snapshot; the language falls back to the default if no longer offered."""
        first = self.content is None
        self.content = content
        if first or self.lang not in content.site.languages:
            self.lang = content.site.default_language
        self.texts.lang = self.lang

    def set_language(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            self.texts.set_language(lang)
            self.language_changed.emit(lang)

    def set_text_scale(self, scale: float) -> None:
        if scale != self.text_scale:
            self.text_scale = scale
            self.text_scale_changed.emit(scale)

    def font_px(self, role: str) -> int:
        return theme.font_px(role, self.text_scale)

    def font(self, role: str) -> QFont:
        """Font for QPainter-drawn text of a role (labels get theirs from the QSS)."""
        return theme.font(role, self.text_scale)
