"""Base of every block widget: language and text-size changes reach it through the context."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QWidget

from kiosk.content.models import LocalText
from kiosk.ui.context import UiContext


class BlockWidget(QFrame):
    def __init__(self, block, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.block = block
        self.ctx = ctx
        self._bindings: list[tuple[QLabel, LocalText | None, str]] = []
        self.setProperty("block", block.type)
        ctx.language_changed.connect(self.retranslate)

    def bind(self, label: QLabel, text: LocalText | None, template: str = "{}") -> QLabel:
        """Show `text` in `label` now and after every language switch (plain text only)."""
        label.setTextFormat(label.textFormat().PlainText)
        self._bindings.append((label, text, template))
        label.setText(template.format(self.ctx.text(text)))
        return label

    def retranslate(self, _lang: str = "") -> None:
        for label, text, template in self._bindings:
            label.setText(template.format(self.ctx.text(text)))
        self.update()
