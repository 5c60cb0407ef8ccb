"""A screen checker for a third language: walks the live widget tree of what is on screen.

`LanguageRules` says which texts a screen in the new language may show; `check_screen` returns
what breaks them (an empty list when the screen is right): a visible label or button that shows
nothing, a text still in one of the other languages, or visitor text that is not the new
language's (content in the test's language starts with "FR ", or is a number, URL or date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # Qt.mightBeRichText lives in QtGui's Qt namespace
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.content.typeset import plain_text

ZWSP = "\u200b"
NUMBER = re.compile(r"^[\d\s,.%+\-/·:]+$")  # 1,043  0.35  3 / 5  2024-05-01  09:00
URL = re.compile(r"^https?://\S+$")


@dataclass
class LanguageRules:
    marker: str  # what every text in the language starts with: "FR "
    other_versions: set[str] = field(default_factory=set)  # zh/en of texts that have one
    language_free: set[str] = field(default_factory=set)  # single strings meant for all
    own_names: set[str] = field(default_factory=set)  # the language buttons' names

    def problem(self, text: str) -> str | None:
        if not text.strip():
            return "shows no text"
        if text in self.other_versions:
            return "is in another language"
        if text.startswith(self.marker) or text in self.language_free or text in self.own_names:
            return None
        if NUMBER.match(text) or URL.match(text):
            return None
        return f"is not in the language (no {self.marker!r})"


def shown_text(widget: QWidget) -> str | None:
    """What a label or button shows as text, as the visitor reads it: rich text as its plain
    text, without zero-width spaces and what typesetting adds (word joiners, no-break spaces:
    `plain_text`). None: it shows a picture, or is no text widget."""
    if isinstance(widget, QLabel):
        if widget.pixmap() is not None and not widget.pixmap().isNull():
            return None
        text = widget.text()
        if widget.textFormat() == Qt.TextFormat.RichText or (
            widget.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
        ):
            document = QTextDocument()
            document.setHtml(text)
            text = document.toPlainText()
        return plain_text(text).replace(ZWSP, "").strip()
    if isinstance(widget, QAbstractButton):
        return plain_text(widget.text()).strip() or None  # icon-only buttons paint no text
    return None


def on_screen(widget: QWidget) -> bool:
    """Visible and not clipped away (by a scroll area's viewport, say)."""
    return widget.isVisibleTo(widget.window()) and not widget.visibleRegion().isEmpty()


def check_screen(root: QWidget, rules: LanguageRules, multilingual: bool = False) -> list[str]:
    """Problems of the texts on screen under `root`. `multilingual` screens (the kiosk's own
    layers) show every language on purpose: there only empty texts are problems."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, QLabel | QAbstractButton) or not on_screen(widget):
            continue
        text = shown_text(widget)
        if text is None:
            continue
        problem = "shows no text" if not text else (None if multilingual else rules.problem(text))
        if problem is not None:
            problems.append(f"{type(widget).__name__} {text[:60]!r} {problem}")
    for chart in root.findChildren(QWidget, "barChart"):  # painted: its row labels
        if on_screen(chart) and not multilingual:
            for label, *_ in chart.layout_rows():
                problem = rules.problem(label)
                if problem is not None:
                    problems.append(f"bar chart row {label[:60]!r} {problem}")
    return problems
