"""The one text binder: every visitor text that depends on the language goes through it.

A label (or button) shows either fixed text, set once with `setText`, or a *bound* text: a
`LocalText` from the content, or a function of the language that returns the text (a formatted
number, a URL, "role · organisation", a chrome word from the catalogue). `TextBinder.bind`
renders it now and again on every language switch, before `language_changed` reaches any
widget (so a widget re-measuring itself on that signal measures the new text).

There is no way to bind to nothing: `bind(label, None)` raises, and so does a source that
renders no text. Optional content is `bind_or_hide(label, text_or_none)`: the label is hidden
and left unbound. A binding lives as a child of its label and goes when the label goes; a
label has at most one binding (binding again replaces it).

Every bound text is typeset on its way to the screen (kiosk/content/typeset.py): word joiners
and no-break spaces keep a number with its unit and a Chinese paragraph's last two characters
on one line. A rich-text label is typeset in its text only, never in its tags. So `text()` of
a bound label may hold U+2060 WORD JOINER; compare with `typeset.WORD_JOINER` removed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Protocol, TypeVar, Union, runtime_checkable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import Qt as GuiQt  # QtGui's Qt namespace: mightBeRichText
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.content.typeset import keep_together, keep_together_html
from kiosk.content.views import LocalText

log = logging.getLogger(__name__)

TextSource = Union[LocalText, Callable[[str], str]]  # noqa: UP007
W = TypeVar("W", bound=QWidget)


@runtime_checkable
class _HasText(Protocol):
    """A label or button: what `bind` shows a text in when it is given no `apply`."""

    def setText(self, text: str, /) -> None: ...  # noqa: N802 - Qt's name


def typeset(target: QWidget, text: str, lang: str) -> str:
    """`text` as `target` shows it: kept together where a line must not break; for a label
    showing rich text, in its text only (its tags stay as they are)."""
    if isinstance(target, QLabel):
        shown = target.textFormat()
        if shown == Qt.TextFormat.RichText or (
            shown == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
        ):
            return keep_together_html(text, lang)
    return keep_together(text, lang)


class _Binding(QObject):
    def __init__(
        self,
        target: QWidget,
        render: Callable[[str], str],
        apply: Callable[[str], None],
        source: TextSource,
    ):
        super().__init__(target)
        self.setObjectName("textBinding")
        self.target = target
        self.source = source  # what the screen checker points a finding at
        self.render = render
        self.apply = apply
        self.shown = ""  # the text as shown: typeset

    def show(self, lang: str, text: str | None = None) -> None:
        text = self.render(lang) if text is None else text
        if not text:
            # Never blank a label that showed text: keep it, and say so in the log.
            log.error("text binding of %s rendered nothing in %r", self.parent(), lang)
            return
        self.shown = typeset(self.target, text, lang)
        self.apply(self.shown)


class TextBinder(QObject):
    """Keeps bound texts in the current language (`lang`); `set_language` re-renders them."""

    def __init__(self, lang: str = "zh", parent: QObject | None = None):
        super().__init__(parent)
        self.lang = lang
        self._bindings: dict[int, _Binding] = {}

    def bind(
        self,
        target: W,
        source: TextSource,
        apply: Callable[[str], None] | None = None,
        origin: LocalText | None = None,
    ) -> W:
        """Show `source` in `target` (through `apply`, by default `target.setText`) now and
        after every language switch. Returns `target`. `origin` is the content text a
        function `source` renders (the screen checker points its findings there)."""
        render: Callable[[str], str]
        if isinstance(source, LocalText):
            render = source.get
        elif callable(source):
            render = source
        else:
            raise TypeError(f"nothing to bind to {target!r}: {source!r} (use bind_or_hide)")
        text = render(self.lang)
        if not text:
            raise ValueError(f"the text bound to {target!r} is empty in {self.lang!r}")
        self.unbind(target)
        if apply is None:
            if not isinstance(target, _HasText):
                raise TypeError(f"{target!r} has no setText: pass `apply`")
            apply = target.setText
        binding = _Binding(target, render, apply, origin or source)
        binding.show(self.lang, text)
        key = id(binding)
        self._bindings[key] = binding
        binding.destroyed.connect(partial(self._bindings.pop, key, None))
        return target

    def bind_or_hide(
        self,
        target: W,
        source: TextSource | None,
        apply: Callable[[str], None] | None = None,
    ) -> W:
        """Bind and show `target`, or (for content that gives no text) unbind and hide it."""
        if source is None:
            self.unbind(target)
            target.setVisible(False)
        else:
            self.bind(target, source, apply)
            target.setVisible(True)
        return target

    def unbind(self, target: QWidget) -> None:
        for old in target.findChildren(_Binding, "textBinding"):
            if old.parent() is target:
                self._bindings.pop(id(old), None)
                old.destroyed.disconnect()
                old.setParent(None)  # owned by Python now: deleted with its last reference

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for binding in list(self._bindings.values()):
            binding.show(lang)

    def __len__(self) -> int:
        return len(self._bindings)
