"""The pages of the sign-off sheet (`kiosk screenshots --sheet FILE.pdf`, walked by
kiosk/commands/sheet.py), drawn with Qt's own QPdfWriter.

Each page: a caption line (screen, language, size, text size, content version, the date and
time the screens were rendered for) above the screen, scaled to the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QSizeF, Qt
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from kiosk.content.views import Content

DPI = 150  # the page's resolution: a 1920 px screen is drawn about 1600 px wide on A4
CAPTION_PX = 34  # a caption line's height at DPI


@dataclass(frozen=True)
class Page:
    screen: str  # "home", "panel-industry-2", "gallery", "overlay-standby"
    lang: str  # "zh", "en"; "" for the bilingual overlays
    size: tuple[int, int]
    text_size: str  # "A" or "A+"
    panel_id: str = ""  # the panel shown, for "panel-..." screens

    def caption(self, content: Content, at: datetime, number: int) -> str:
        lang = f"{self.lang} ({_language_name(self.lang)})" if self.lang else "both languages"
        return (
            f"{number}. {self.describe(content)} · {lang} · "
            f"{self.size[0]}x{self.size[1]} · text {self.text_size} · content {content.version}"
            f" · rendered for {at:%Y-%m-%d %H:%M}"
        )

    def describe(self, content: Content) -> str:
        """`panel-industry-2` -> "Panel 高精尖产业, screenful 2"."""
        if self.panel_id:
            panel = content.panels.get(self.panel_id)
            lang = self.lang or content.site.default_language
            title = panel.title.get(lang) if panel is not None else self.panel_id
            part = self.screen.removeprefix(f"panel-{self.panel_id}").lstrip("-")
            return f"Panel {title}" + (f", screenful {part}" if part else ", top")
        if self.screen.startswith("overlay-"):
            return f"Overlay {self.screen.removeprefix('overlay-')}"
        names = {"home": "Home", "gallery": "Gallery viewer", "hotspot": "Map hotspot card"}
        return names.get(self.screen, self.screen)


def _language_name(lang: str) -> str:
    return {"zh": "中文", "en": "English"}.get(lang, lang)


class Sheet:
    """A PDF open for pages: `add(page, image)` draws one, `close()` finishes the file."""

    def __init__(self, path: Path, content: Content, at: datetime):
        self.path, self.content, self.at = Path(path), content, at
        self.pages = 0
        self._writer = QPdfWriter(str(self.path))
        self._writer.setResolution(DPI)
        self._writer.setTitle(f"E-Town kiosk screens, content {content.version}")
        self._writer.setCreator("kiosk screenshots --sheet")
        self._painter: QPainter | None = None

    def add(self, page: Page, image: QImage) -> None:
        orientation = (
            QPageLayout.Orientation.Portrait
            if image.height() > image.width()
            else QPageLayout.Orientation.Landscape
        )
        layout = QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(10, 10, 10, 10)
        )
        self._writer.setPageLayout(layout)
        if self._painter is None:
            self._painter = QPainter(self._writer)  # (the first page starts with the painter)
            if not self._painter.isActive():  # Qt says nothing else when the file cannot be made
                self._painter = None
                raise OSError(f"cannot write the sheet {self.path}")
        elif not self._writer.newPage():
            raise OSError(f"cannot add a page to the sheet {self.path} (is the disk full?)")
        self.pages += 1
        painter = self._painter
        area = painter.viewport()
        font = QFont()
        font.setPixelSize(round(CAPTION_PX * 0.6))
        painter.setFont(font)
        text = page.caption(self.content, self.at, self.pages)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        # One line on a landscape page; a portrait page's narrower width may take two.
        caption = painter.boundingRect(QRect(0, 0, area.width(), CAPTION_PX * 3), flags, text)
        painter.drawText(caption, flags, text)
        top = max(CAPTION_PX, caption.height()) + 8
        room = QSizeF(area.width(), area.height() - top)
        drawn = QSizeF(image.size()).scaled(room, Qt.AspectRatioMode.KeepAspectRatio).toSize()
        target = QRect(0, top, drawn.width(), drawn.height())
        # Scaled to the pixels it takes on the page first: the PDF stays a few MB, not 100s.
        painter.drawImage(target, _scaled(image, drawn.width()))
        painter.setPen(Qt.GlobalColor.gray)
        painter.drawRect(target)

    def close(self) -> None:
        if self._painter is not None:
            self._painter.end()
            self._painter = None


def _scaled(image: QImage, width: int) -> QImage:
    """At the page's pixels and opaque (Qt's PDF writer compresses an opaque image as JPEG)."""
    if image.width() > width:
        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    return image.convertToFormat(QImage.Format.Format_RGB32)
