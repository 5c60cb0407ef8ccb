"""`note:` fields are for operators: `kiosk preview` shows them under what they annotate, and no
visitor ever sees one."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.ui.screen_check import shown_text
from tests.kiosk_kit import SMALL
from tests.services.kit import NO_IDLE, panel

NOTED = panel(
    "alpha",
    "Hello",
    note="The header photo is a placeholder",
    blocks=[{"type": "text", "body": {"zh": "正文", "en": "Hello"}, "note": "Check the date"}],
)


def texts(window) -> list[str]:
    screen = window.panels["alpha"]
    return [shown_text(label) for label in screen.findChildren(QLabel) if label.isVisibleTo(window)]


def test_the_preview_shows_each_note_under_what_it_annotates(kiosk):
    window = kiosk(content=SMALL, site={"idle": NO_IDLE}, panels=[NOTED], preview=True).window
    window.show_panel("alpha")
    shown = texts(window)
    assert "Note (operators only): The header photo is a placeholder" in shown
    assert "Note (operators only): Check the date" in shown


def test_a_visitor_never_sees_a_note(kiosk):
    window = kiosk(content=SMALL, site={"idle": NO_IDLE}, panels=[NOTED]).window
    window.show_panel("alpha")
    assert not any("Note" in text or "placeholder" in text for text in texts(window))
