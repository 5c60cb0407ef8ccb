"""The bar on top of every screen: Home and Back (on panels), language, text size A / A+."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kiosk.content.models import LocalText
from kiosk.ui import icons, theme
from kiosk.ui.context import UiContext
from kiosk.ui.icons import icon
from kiosk.ui.widgets import ElidedLabel, NavButton

SPACING = 12
LANGUAGE_NAMES = {"zh": "中文", "en": "EN"}
CHROME = {
    "home": {"zh": "首页", "en": "Home"},
    "back": {"zh": "返回", "en": "Back"},
}


def chrome_text(key: str, lang: str) -> str:
    """UI chrome words in the visitor's language (English for a language we have no word in)."""
    words = CHROME[key]
    return words.get(lang, words["en"])


class TopBar(QFrame):
    home_clicked = Signal()
    back_clicked = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("topBar")
        self.ctx = ctx
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(SPACING)
        color = ctx.palette.text
        self.home = NavButton()
        self.home.setIcon(icon(icons.HOME, color))
        self.back = NavButton()
        self.back.setIcon(icon(icons.BACK, color))
        self.home.clicked.connect(self.home_clicked)
        self.back.clicked.connect(self.back_clicked)
        layout.addWidget(self.home)
        layout.addWidget(self.back)
        self.title = ElidedLabel("bar-title")
        layout.addSpacing(12)
        layout.addWidget(self.title, 1)
        self.languages: dict[str, NavButton] = {}
        for lang in ctx.content.site.languages:
            button = NavButton(LANGUAGE_NAMES.get(lang, lang.upper()))
            button.clicked.connect(lambda _=False, lang=lang: ctx.set_language(lang))
            self.languages[lang] = button
            button.setVisible(len(ctx.content.site.languages) > 1)
            layout.addWidget(button)
        layout.addSpacing(24)
        self.sizes: list[NavButton] = []
        for scale, text in zip(theme.TEXT_SCALES, ("A", "A+"), strict=False):
            button = NavButton(text)
            button.clicked.connect(lambda _=False, scale=scale: ctx.set_text_scale(scale))
            self.sizes.append(button)
            layout.addWidget(button)
        ctx.language_changed.connect(self.refresh)
        ctx.text_scale_changed.connect(self.refresh)
        self._title: LocalText | None = None
        self.set_panel_mode(False)
        self.refresh()

    def set_panel_mode(self, on_panel: bool, title: LocalText | None = None) -> None:
        """Home and Back and the panel's title show only on panel screens."""
        self.home.setVisible(on_panel)
        self.back.setVisible(on_panel)
        self._title = title
        self.title.set_full_text(self.ctx.text(title))

    def refresh(self, *_args) -> None:
        lang = self.ctx.lang
        self.title.set_full_text(self.ctx.text(self._title))
        self.home.setText(chrome_text("home", lang))
        self.back.setText(chrome_text("back", lang))
        for code, button in self.languages.items():
            button.set_selected(code == lang)
        for scale, button in zip(theme.TEXT_SCALES, self.sizes, strict=False):
            button.set_selected(scale == self.ctx.text_scale)
