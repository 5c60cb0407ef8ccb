"""The controls on every screen: Home and Back (on panels), language, text size A / A+, the
audio guide (kiosk/ui/audio.py) and, on a portrait screen, "lower the screen".

In landscape they sit in the bar on top, beside the panel's title. On a portrait screen, whose
top is out of a visitor's reach (site.yaml `display.mounting`), they move to a bar along the
bottom (`TopBar.bottom`, placed by the main window; the audio guide and "lower the screen" on a
second row), and the top bar keeps only the title.

Its words come from the catalogue (kiosk/content/catalogue.py, `site.yaml` `chrome:`): one
language button per language in `site.yaml` `languages:`, each named in its own language.

Every button is reached by the keypad (kiosk/ui/keypad.py) and named for a screen reader in the
displayed language: Home and Back by their words, a language button "Language: Chinese", A / A+
by what they do ("Large text size").
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content import catalogue
from kiosk.content.views import LocalText
from kiosk.ui import icons, theme
from kiosk.ui.context import UiContext
from kiosk.ui.icons import icon
from kiosk.ui.keypad import focusable, name_control, text_and_name
from kiosk.ui.widgets import ElidedLabel, NavButton, restyle

SPACING = 12
SIZE_WORDS = ("text_normal", "text_large")  # catalogue keys of the A / A+ buttons
TITLE_ROOM = 240  # px a panel's title keeps in a landscape bar; else the audio button compacts


class TopBar(QFrame):
    home_clicked = Signal()
    back_clicked = Signal()
    audio_clicked = Signal()  # the universal-access button: audio mode on or off
    lower_clicked = Signal()  # "lower the screen" (portrait only): content within reach

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("topBar")
        self.ctx = ctx
        layout = self._layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(SPACING)
        color = ctx.palette.text
        texts = ctx.texts
        self.nav, nav = _group()  # Home, Back
        self.home = NavButton()
        texts.bind(self.home, partial(ctx.chrome, "home"), text_and_name(ctx, self.home))
        self.home.setIcon(icon(icons.HOME, color))
        self.back = NavButton()
        texts.bind(self.back, partial(ctx.chrome, "back"), text_and_name(ctx, self.back))
        self.back.setIcon(icon(icons.BACK, color))
        self.home.clicked.connect(self.home_clicked)
        self.back.clicked.connect(self.back_clicked)
        nav.addWidget(self.home)
        nav.addWidget(self.back)
        self.title = ElidedLabel("bar-title")
        policy = self.title.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # hidden on home; the buttons stay where they are
        self.title.setSizePolicy(policy)
        self.choices, choices = _group()  # the languages, then A / A+
        self.languages: dict[str, NavButton] = {}
        languages = ctx.snapshot.site.languages
        for lang in languages:
            button = NavButton()
            texts.bind(  # each in its own language; named in the one shown ("Language: Chinese")
                button,
                partial(_own_name, ctx, lang),
                text_and_name(ctx, button, partial(_language_button, ctx, lang)),
            )
            button.clicked.connect(lambda _=False, lang=lang: ctx.set_language(lang))
            self.languages[lang] = button
            button.setVisible(len(languages) > 1)
            choices.addWidget(button)
        choices.addSpacing(24)
        self.sizes: list[NavButton] = []
        for scale, key in zip(theme.TEXT_SCALES, SIZE_WORDS, strict=False):
            button = NavButton()
            names = partial(ctx.chrome, f"{key}_name")
            texts.bind(button, partial(ctx.chrome, key), text_and_name(ctx, button, names))
            button.clicked.connect(lambda _=False, scale=scale: ctx.set_text_scale(scale))
            self.sizes.append(button)
            choices.addWidget(button)
        self.access, access = _group()  # audio mode, and "lower the screen" on a tall screen
        self.audio = NavButton()
        texts.bind(self.audio, partial(ctx.chrome, "audio_guide"), text_and_name(ctx, self.audio))
        self.audio.setIcon(icon(icons.ACCESS, color))
        self.audio.setObjectName("audioButton")
        self.audio.clicked.connect(self.audio_clicked)
        access.addWidget(self.audio)
        self._compact = False
        self.lowered = False
        self.lower_button = NavButton()
        self.lower_button.setObjectName("lowerButton")
        texts.bind(self.lower_button, self._lower_word, text_and_name(ctx, self.lower_button))
        self.lower_button.clicked.connect(self.lower_clicked)
        access.addWidget(self.lower_button)
        self.set_lowered(False)
        for button in (self.home, self.back, *self.languages.values(), *self.sizes):
            focusable(button)
        for button in (self.audio, self.lower_button):
            focusable(button)
        self.bottom = QFrame()
        self.bottom.setObjectName("bottomBar")
        rows = QVBoxLayout(self.bottom)
        rows.setContentsMargins(24, 14, 24, 14)
        rows.setSpacing(SPACING)
        self._bottom_layout = QHBoxLayout()
        self._access_row = QHBoxLayout()
        for row in (self._bottom_layout, self._access_row):
            row.setSpacing(SPACING)
            rows.addLayout(row)
        self.portrait = False
        self._on_panel = False
        self._arrange()
        ctx.language_changed.connect(self.refresh)
        ctx.text_scale_changed.connect(self.refresh)
        self.set_panel_mode(False)
        self.refresh()

    def set_panel_mode(self, on_panel: bool, title: LocalText | None = None) -> None:
        """Home and Back and the panel's title show only on panel screens."""
        self._on_panel = on_panel
        self.home.setVisible(on_panel)
        self.back.setVisible(on_panel)
        self.ctx.texts.bind_or_hide(self.title, title, apply=self.title.set_full_text)
        self._show_bars()

    def set_lowered(self, lowered: bool) -> None:
        """Show whether the screen is lowered (the button then raises it)."""
        self.lowered = lowered
        self.lower_button.set_selected(lowered)
        self.lower_button.setIcon(
            icon(icons.RAISE if lowered else icons.LOWER, self.ctx.palette.text)
        )
        self.lower_button.setText(self._lower_word(self.ctx.lang))
        self.lower_button.setAccessibleName(self._lower_word(self.ctx.lang))

    def _lower_word(self, lang: str) -> str:
        return self.ctx.chrome("raise_screen" if self.lowered else "lower_screen", lang)

    def set_audio(self, on: bool) -> None:
        self.audio.set_selected(on)

    def fit(self, width: int) -> None:
        """Compact (the audio guide's icon alone) when the landscape bar would otherwise leave
        a panel's title less than `TITLE_ROOM` px in a window `width` wide."""
        if self.portrait:
            self.set_compact(False)
            return
        word = self.ctx.chrome("audio_guide")
        audio = self.audio.fontMetrics().horizontalAdvance(word) + self.audio.iconSize().width()
        needed = (
            self.nav.sizeHint().width()
            + self.choices.sizeHint().width()
            + audio + 2 * 22 + 16  # the button's padding and border (assets/theme.qss)
            + 24 + 12 + 48  # the spacings and margins of the bar
        )  # fmt: skip
        self.set_compact(needed + TITLE_ROOM > width)

    def set_compact(self, compact: bool) -> None:
        """The audio guide's button shows its icon alone (its name stays for the keypad and a
        screen reader), so the bar still fits beside a panel's title."""
        if compact == self._compact:
            return
        self._compact = compact
        self.audio.setProperty("compact", compact)
        restyle(self.audio)
        self._arrange()
        words = partial(self.ctx.chrome, "audio_guide")
        if compact:
            self.audio.setText("")
            name_control(self.ctx, self.audio, words)  # (replaces the text's binding)
        else:
            self.ctx.texts.bind(self.audio, words, text_and_name(self.ctx, self.audio))

    def set_portrait(self, portrait: bool) -> None:
        """Controls along the bottom (portrait) or in the top bar (landscape)."""
        if portrait != self.portrait:
            self.portrait = portrait
            self._arrange()

    def _arrange(self) -> None:
        top, bottom, access = self._layout, self._bottom_layout, self._access_row
        for layout in (top, bottom, access):
            while layout.count():
                layout.takeAt(0)
        if self.portrait:  # a narrow bar: the access controls get a row of their own
            top.addWidget(self.title, 1)
            bottom.addWidget(self.nav)
            bottom.addStretch(1)
            bottom.addWidget(self.choices)
            access.addWidget(self.access)
            access.addStretch(1)
        else:
            top.addWidget(self.nav)
            top.addSpacing(12)
            top.addWidget(self.title, 1)
            top.addWidget(self.choices)
            top.addSpacing(SPACING if self._compact else 24)
            top.addWidget(self.access)
        self._show_bars()

    def _show_bars(self) -> None:
        # In portrait the top bar holds the title alone: on home it has nothing to show.
        self.setVisible(not self.portrait or self._on_panel)
        self.bottom.setVisible(self.portrait)

    def refresh(self, *_args) -> None:
        """Show which language and text size are chosen; fit the words of the new language or
        size (once the style has them)."""
        QTimer.singleShot(0, self, lambda: self.fit(self.window().width()))
        for code, button in self.languages.items():
            button.set_selected(code == self.ctx.lang)
        for scale, button in zip(theme.TEXT_SCALES, self.sizes, strict=False):
            button.set_selected(scale == self.ctx.text_scale)


def _own_name(ctx: UiContext, button_lang: str, _shown: str) -> str:
    """A language button's text: the language's name in itself, whatever is shown."""
    return ctx.chrome("language_name", button_lang)


def _language_button(ctx: UiContext, button_lang: str, lang: str) -> str:
    """A language button's name in the displayed language `lang`, said by that language's
    voice: "Language: Chinese", "语言：英文" (a language the catalogue cannot name in `lang`:
    by its own name, "Language: Français")."""
    called = f"language_called_{button_lang}"
    if called in catalogue.KEYS:
        name = ctx.chrome(called, lang)
    else:
        name = ctx.chrome("language_name", button_lang)
    return ctx.chrome("language_button", lang).format(name=name)


def _group() -> tuple[QWidget, QHBoxLayout]:
    group = QWidget()
    layout = QHBoxLayout(group)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(SPACING)
    return group, layout
