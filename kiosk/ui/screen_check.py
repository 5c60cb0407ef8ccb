"""What the visitor sees on one screen, checked on the live widget tree.

`check_screen(window, screen, locator)` looks at everything shown in the window as it is now
(the top layer only, when an overlay covers the rest) and returns a `Problem` per finding, in
`kiosk validate`'s line format, pointing at the YAML field the text comes from where it comes
from content. The rules (kiosk/commands/check.py walks every screen through them):

- a visitor text shows something, and the current language's version of its content;
- no text is cut off: wrapped text has the height it needs, one-line text the width, nothing
  is clipped by a parent; a painted bar label fits its box;
- no two texts or touch targets overlap; nothing lies outside the window, nothing scrolls
  sideways;
- every touch target is at least 64 x 64 px, with 12 px between targets;
- text contrast at least 4.5:1 (7:1 in high contrast) against the pixels painted behind it;
- a line break never separates a number from its unit, and a Chinese paragraph never ends on a
  line of one character.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QTextDocument, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QScrollArea,
    QWidget,
)

from kiosk.content.locate import Locator, Place
from kiosk.content.problems import Problem
from kiosk.content.views import REACH_MM
from kiosk.ui.widgets import kiosk_window_of

TARGET_PX = 64
GAP_PX = 12
CONTRAST = 4.5
CONTRAST_HIGH = 7.0
INVISIBLE = "\u200b\u2060\u00ad"  # zero-width space, word joiner, soft hyphen: never seen
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CJK_PUNCTUATION = "，。、；：？！…—·「」『』（）《》“”‘’%"
# What a line may not start with after a line that ends in a digit: a Chinese measure word or
# unit (件, 趟, 纳米, 平方公里), a symbol, or a unit abbreviation ("839 / inventions" may break).
UNIT_START = re.compile(
    r"^(?:[%‰°²³\u3400-\u9fff]|(?:km|m|cm|mm|nm|kg|g|t|ha|MW|GW|kW|h|min|s)(?![A-Za-z]))"
)


@dataclass
class Shown:
    """One widget as the checks see it: where it is (window coordinates) and what it says."""

    widget: QWidget
    rect: QRect
    text: str | None  # None: shows no text (an icon, a picture)
    target: bool  # takes a tap
    whole: bool = True  # all of it is in view (not half scrolled out of its viewport)


def check_screen(
    window: QWidget,
    screen: str,
    locator: Locator | None = None,
    high_contrast: bool = False,
    pixels: bool = True,
    painted: Callable[[QImage], None] | None = None,
) -> list[Problem]:
    """Every finding on the screen `window` shows now; `screen` names it in each line.

    `pixels=False` leaves out the contrast check (the one that grabs the screen), for a state
    whose colours were checked already. `painted`, if given, is handed what the contrast
    check grabbed: the window painted as it stands but with the texts it measured drawn in
    no colour (not called when it grabbed nothing: no pixels, or no text to measure)."""
    return [problem for problem, _widget in findings_on_screen(**locals())]


def findings_on_screen(
    window: QWidget,
    screen: str,
    locator: Locator | None = None,
    high_contrast: bool = False,
    pixels: bool = True,
    painted: Callable[[QImage], None] | None = None,
) -> list[tuple[Problem, QWidget]]:
    """`check_screen`, each finding with the widget it is about (`kiosk preview` outlines it)."""
    check = _Check(window, screen, locator, high_contrast)
    check.painted = painted
    check.run(pixels)
    return check.found


class _Check:
    def __init__(self, window: QWidget, screen: str, locator: Locator | None, high: bool):
        self.window = window
        self.screen = screen
        self.locator = locator
        self.min_contrast = CONTRAST_HIGH if high else CONTRAST
        self.found: list[tuple[Problem, QWidget]] = []
        self._seen: set[tuple[str, str]] = set()
        self.painted: Callable[[QImage], None] | None = None  # handed the contrast grab
        self._widgets: list[QWidget] = []

    # ---- what is on the screen --------------------------------------------------------------

    def run(self, pixels: bool = True) -> None:
        global _RECTS, _VIEWPORTS
        _RECTS, _VIEWPORTS = {}, {}  # nothing moves while the checks run: each found once
        try:
            self._run(pixels)
        finally:
            _RECTS = _VIEWPORTS = None

    def _run(self, pixels: bool) -> None:
        self._widgets = in_view(self.window)  # (looked through by each check)
        shown = list(self._shown())
        for item in shown:
            if item.text is not None:
                self._check_text(item)
        for chart in self._widgets:
            if chart.objectName() != "barChart":
                continue
            if chart.isVisibleTo(self.window) and hasattr(chart, "layout_rows"):
                self._check_bar_labels(chart)
        self._check_placement(shown)
        self._check_targets([item for item in shown if item.target])
        self._check_reach([item for item in shown if item.target])
        if pixels:
            self._check_contrast([item for item in shown if item.text])
        for area in self._widgets:
            if not isinstance(area, QScrollArea) or not area.isVisibleTo(self.window):
                continue
            if area.horizontalScrollBar().maximum() > 0:
                self._report(area, None, "scrolls sideways: its content is wider than the screen")
            more = area.verticalScrollBar().maximum()
            if area.property("fits") is True and more > 0:
                self._report(
                    area.parentWidget() or area,
                    None,
                    f"does not fit the screen: {more} px more need scrolling",
                )

    def _shown(self) -> Iterator[Shown]:
        """Every text and target a visitor can see: not hidden, not scrolled out of view, not
        under an overlay (a layer over the window, a gallery viewer, a hotspot card)."""
        layers = sorted(_layers(self.window, self._widgets), key=_stacking)
        for widget in self._widgets:
            if not widget.isVisibleTo(self.window):
                continue
            text = shown_text(widget)
            if text == "" and (_binding(widget) is not None or widget.property("role")):
                # A text that went blank may also have shrunk to nothing: still a finding.
                parent = widget.parentWidget()
                if parent is not None and not _seen_rect(parent).isEmpty():
                    yield Shown(widget, _window_rect(widget), text, False, False)
                continue
            if widget.width() <= 0:
                continue
            target = isinstance(widget, QAbstractButton) and widget.isEnabled()
            if text is None and not target:
                continue
            rect = _window_rect(widget)
            seen = _seen_rect(widget)
            if seen.isEmpty() or _covered(widget, seen, layers):
                continue  # scrolled out of its viewport (another slide of a strip), or under
            # Half scrolled out is not a small target: scrolling shows the rest.
            yield Shown(widget, rect, text, target and seen == rect, seen == rect)

    # ---- texts ------------------------------------------------------------------------------

    def _check_text(self, item: Shown) -> None:
        widget, text = item.widget, item.text or ""
        source = _bound_source(widget)
        lang = _lang(widget)
        if not text.strip():
            if source is not None or widget.property("role"):
                self._report(widget, source, "shows no text")
            return
        binding = _binding(widget)
        if binding is not None and lang is not None:
            wanted = _as_read(binding.render(lang))
            elided = widget.property("elides") is True and text.endswith("…")
            if elided and wanted.startswith(text[:-1].rstrip()):
                pass  # designed to end in "…" when short of room
            elif wanted and wanted != text:
                self._report(
                    widget, source, f"shows {text[:40]!r}, not the {lang!r} text {wanted[:40]!r}"
                )
        if isinstance(widget, QLabel) and widget.property("elides") is not True:
            self._check_fit(widget, source, text)
            if widget.wordWrap():
                self._check_breaks(widget, source, text)
        elif isinstance(widget, QAbstractButton):
            metrics = widget.fontMetrics()
            needed = max(metrics.horizontalAdvance(line) for line in text.splitlines()) + 2 * 12
            if widget.icon() is not None and not widget.icon().isNull():
                needed += widget.iconSize().width() + 8
            if needed > widget.width():
                self._report(
                    widget, source, f"text is cut off: needs {needed} px, has {widget.width()}"
                )
        self._check_clipped(widget, source)

    def _check_fit(self, label: QLabel, source, text: str) -> None:
        box = label.contentsRect()
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                self._report(
                    label,
                    source,
                    f"text is cut off: needs {needed} px of height, has {label.height()}",
                )
        else:
            wide = max(
                (label.fontMetrics().horizontalAdvance(line) for line in text.splitlines()),
                default=0,
            )
            if wide > box.width() + 1:
                self._report(
                    label, source, f"text is cut off: needs {wide} px of width, has {box.width()}"
                )

    def _check_clipped(self, widget: QWidget, source) -> None:
        """Cut off by a parent's edge (a scroll area's viewport only scrolls: not counted)."""
        rect = _window_rect(widget)
        scrolled = False  # inside a scroll area, only its sides cut: up and down it scrolls
        parent = widget.parentWidget()
        while parent is not None and parent is not self.window:
            edge = _window_rect(parent)
            if parent.objectName() == "qt_scrollarea_viewport" or scrolled:
                scrolled = True
                edge = QRect(edge.left(), rect.top(), edge.width(), rect.height())
            rect = rect.intersected(edge)
            if rect.width() < widget.width() - 1 or rect.height() < widget.height() - 1:
                self._report(widget, source, f"is cut off at the edge of {_name(parent)}")
                return
            parent = parent.parentWidget()

    def _check_breaks(self, label: QLabel, source, text: str) -> None:
        paragraphs = [_lines(part, label) for part in _layout_text(label).split("\n")]
        measured = [line for lines in paragraphs for line in lines]
        room = label.contentsRect().width() - 2 * max(0, label.margin())
        for line, width in measured:
            if width > room + 1:
                self._report(
                    label,
                    source,
                    f"runs past its edge: {line[:30]!r} is {width:.0f} px, room {room}",
                )
                break
        for paragraph in paragraphs:  # (a break the text itself makes, "照片 1\n摄影", is meant)
            wrapped = [line for line, _ in paragraph]
            for before, after in zip(wrapped, wrapped[1:], strict=False):
                if (
                    before.rstrip()
                    and before.rstrip()[-1].isdigit()
                    and UNIT_START.match(after.lstrip())
                ):
                    self._report(
                        label,
                        source,
                        "a line break separates a number from its unit: "
                        f"{before[-12:]!r} / {after[:6]!r}",
                    )
        lines = [line for line, _ in measured]
        if len(lines) > 1 and CJK.search(text):
            last = lines[-1].strip().strip(CJK_PUNCTUATION)
            if len(last) == 1 and CJK.match(last):
                self._report(label, source, f"ends on a line of one character: {lines[-1]!r}")

    def _check_bar_labels(self, chart: Any) -> None:  # kiosk/ui/blocks/bar_chart.py BarChart
        """A bar chart paints its labels: each must fit its box, on one line beside its bar or
        wrapped above it."""
        metrics = QFontMetrics(chart.owner.ctx.font("body"))
        wrap = int(Qt.TextFlag.TextWordWrap)
        for (label, box, *_), bar in zip(chart.layout_rows(), chart.chart.bars, strict=False):
            needed = metrics.boundingRect(box.toRect(), wrap if chart.stacked() else 0, label)
            if needed.width() > box.width() + 1 or needed.height() > box.height() + 1:
                self._report(chart, bar.label, f"bar label {label[:40]!r} is cut off")

    # ---- where things are -------------------------------------------------------------------

    def _check_placement(self, shown: list[Shown]) -> None:
        screen = self.window.rect()
        for item in shown:
            rect = item.rect
            area = _scroll_viewport(item.widget)
            bounds = _window_rect(area) if area is not None else screen
            inside = (
                rect.left() >= bounds.left() - 1 and rect.right() <= bounds.right() + 1
                if area is not None
                else screen.adjusted(-1, -1, 1, 1).contains(rect)
            )
            if not inside:
                self._report(
                    item.widget, _bound_source(item.widget), "lies partly outside the screen"
                )
        for i, a in enumerate(shown):
            for b in shown[i + 1 :]:
                if _related(a.widget, b.widget) or _scroll_viewport(
                    a.widget
                ) is not _scroll_viewport(b.widget):
                    continue
                overlap = a.rect.intersected(b.rect)
                if overlap.width() > 2 and overlap.height() > 2:
                    self._report(a.widget, _bound_source(a.widget), f"overlaps {_name(b.widget)}")

    def _check_reach(self, targets: list[Shown]) -> None:
        """Controls that stay put (not in a scrolling page) lie within a visitor's reach."""
        content = getattr(getattr(self.window, "ctx", None), "content", None)
        if content is None:
            return
        mounting = content.site.display.mounting
        height = self.window.height()
        portrait = height > self.window.width()
        low, high = REACH_MM
        for item in targets:
            area = _scroll_viewport(item.widget)
            scroller = area.parentWidget() if area is not None else None
            if scroller is not None and scroller.property("fits") is not True:
                continue  # a scrolling page brings it within reach
            if any(_is_layer(node, ("pin", "admin")) for node in _ancestors(item.widget)):
                continue  # the operator's screens
            top = mounting.floor_mm(item.rect.top(), height, portrait)
            bottom = mounting.floor_mm(item.rect.bottom(), height, portrait)
            if bottom > high or top < low:
                self._report(
                    item.widget,
                    None,
                    f"is out of reach: {bottom:.0f}-{top:.0f} mm above the floor, controls "
                    f"belong between {low} and {high} mm (site.yaml display.mounting)",
                    fallback=mounting,
                )

    def _check_targets(self, targets: list[Shown]) -> None:
        for item in targets:
            w, h = item.rect.width(), item.rect.height()
            if w < TARGET_PX or h < TARGET_PX:
                self._report(
                    item.widget,
                    None,
                    f"is a {w}x{h} px touch target; at least {TARGET_PX}x{TARGET_PX}",
                )
        for i, a in enumerate(targets):
            for b in targets[i + 1 :]:
                if _related(a.widget, b.widget):
                    continue
                gap = _gap(a.rect, b.rect)
                if 0 <= gap < GAP_PX and not a.rect.intersects(b.rect):
                    self._report(
                        a.widget,
                        None,
                        f"is {gap:.0f} px from {_name(b.widget)}; keep {GAP_PX} px between targets",
                    )

    def _check_contrast(self, texts: list[Shown]) -> None:
        """Against what is painted behind each text: the screen grabbed with the texts hidden.

        Grabbed at once, without a turn of the event loop: a restyle takes effect as it is
        set, and the window is painted as the other checks measured it (a turn would also
        repaint it on screen twice, hidden and shown, for nothing)."""
        seen = [item for item in texts if item.whole and self.window.rect().contains(item.rect)]
        if not seen:
            return  # (nothing to measure: no grab)
        hidden = []
        for item in seen:  # the text drawn in no colour; everything else as it was
            hidden.append((item.widget, item.widget.styleSheet()))
            item.widget.setStyleSheet(_without_ink(item.widget.styleSheet()))
        try:
            behind = self.window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        finally:
            for widget, sheet in hidden:
                widget.setStyleSheet(sheet)
        if self.painted is not None:
            self.painted(behind)
        scale = behind.width() / max(1, self.window.width())
        for item in seen:
            colour = item.widget.palette().color(item.widget.foregroundRole())
            box = _text_box(item)
            ratio = worst_contrast(behind, box, colour, scale)
            if ratio is not None and ratio < self.min_contrast:
                self._report(
                    item.widget,
                    _bound_source(item.widget),
                    f"text contrast is {ratio:.1f}:1 against what is behind it; at least "
                    f"{self.min_contrast:g}:1",
                )

    # ---- reporting --------------------------------------------------------------------------

    def _report(self, widget: QWidget, source, message: str, fallback=None) -> None:
        """One finding about `widget`, at the YAML line of `source`, else of the block, tile or
        panel it belongs to, else of `fallback` (a setting that decides it, for the kiosk's own
        controls)."""
        place = self._place(widget, source)
        if place is None and fallback is not None and self.locator is not None:
            place = self.locator.place(fallback)
        what = _name(widget)
        key = (what, message)
        if key in self._seen:
            return
        self._seen.add(key)
        text = f"[{self.screen}] {what} {message}"
        if place is None:
            problem = Problem("error", "(screen)", None, None, "", text)
        else:
            problem = Problem("error", place.file, place.line, place.column, place.field, text)
        self.found.append((problem, widget))

    def _place(self, widget: QWidget, source) -> Place | None:
        if self.locator is None:
            return None
        lang = _lang(widget)
        if source is not None and not callable(source):
            found = self.locator.place(source, lang)
            if found is not None:
                return found
        node: QWidget | None = widget
        while node is not None:  # the block, tile or panel the widget belongs to
            for name in ("block", "figure", "panel", "panel_list"):
                model = getattr(node, name, None)
                if model is not None and not callable(model):
                    found = self.locator.place(model)
                    if found is not None:
                        return found
            node = node.parentWidget()
        return None


# ---- helpers --------------------------------------------------------------------------------


def wrapped_lines(text: str, label: QLabel) -> list[str]:
    """The lines `label` breaks `text` into at its present width (as QLabel wraps: at words)."""
    return [line for line, _ in _lines(text, label)]


def _lines(text: str, label: QLabel) -> list[tuple[str, float]]:
    """(line, its natural width in px) as QLabel wraps `text`: at word boundaries only, so a
    word longer than the line runs past its end."""
    width = label.contentsRect().width() - 2 * max(0, label.margin())
    lines: list[tuple[str, float]] = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, label.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1, width))
            shown = paragraph[line.textStart() : line.textStart() + line.textLength()]
            lines.append((_plain(shown), line.naturalTextWidth()))
        layout.endLayout()
    return lines


def _linear(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_LINEAR = [_linear(v) for v in range(256)]  # sRGB channel value -> linear light


def _luminance_rgb(rgb: int) -> float:
    """WCAG relative luminance of a 0xRRGGBB pixel."""
    return (
        0.2126 * _LINEAR[(rgb >> 16) & 0xFF]
        + 0.7152 * _LINEAR[(rgb >> 8) & 0xFF]
        + 0.0722 * _LINEAR[rgb & 0xFF]
    )


def luminance(colour: QColor) -> float:
    return _luminance_rgb(colour.rgb())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


SAMPLES = 600  # pixels looked at behind one text, spread over its box


def worst_contrast(image: QImage, box: QRect, colour: QColor, scale: float = 1.0) -> float | None:
    """Contrast of `colour` against the pixels of `box`, at its 5th percentile (a speck of a
    photo does not fail a text; a bright patch behind it does). None for an empty box."""
    left, top = max(0, math.floor(box.left() * scale)), max(0, math.floor(box.top() * scale))
    right = min(image.width() - 1, math.ceil(box.right() * scale))
    bottom = min(image.height() - 1, math.ceil(box.bottom() * scale))
    if right < left or bottom < top:
        return None
    step = max(1, int(math.sqrt((right - left + 1) * (bottom - top + 1) / SAMPLES)))
    text = luminance(colour) + 0.05
    if image.format() not in _RAW_FORMATS:  # (as QImage.pixel reads it: 0xAARRGGBB)
        image = image.convertToFormat(QImage.Format.Format_ARGB32)
    # The pixels read straight from the image's memory and counted by colour, each colour's
    # ratio worked out once: a text's box is mostly a few flat colours.
    words = memoryview(image.constBits()).cast("I")
    stride = image.bytesPerLine() // 4
    counts: Counter[int] = Counter()
    for y in range(top, bottom + 1, step):
        row = y * stride
        counts.update(words[row + left : row + right + 1 : step])
    ratios = []
    for rgb, count in counts.items():
        behind = _luminance_rgb(rgb) + 0.05
        ratios.append((behind / text if behind > text else text / behind, count))
    ratios.sort()
    wanted = counts.total() // 20  # the index of the 5th percentile among all the samples
    for ratio, count in ratios:
        if wanted < count:
            return ratio
        wanted -= count
    raise AssertionError("unreachable: the box has pixels")


# Formats whose 32-bit words are what QImage.pixel returns (premultiplied ARGB32 too, as Qt
# keeps its old behaviour; other formats it converts to ARGB32).
_RAW_FORMATS = (
    QImage.Format.Format_RGB32,
    QImage.Format.Format_ARGB32,
    QImage.Format.Format_ARGB32_Premultiplied,
)


def _text_box(item: Shown) -> QRect:
    """Where the glyphs are, in window coordinates (a label may be wider than its text)."""
    widget = item.widget
    if isinstance(widget, QLabel):
        inner = widget.contentsRect()
        flags = int(widget.alignment()) | (
            int(Qt.TextFlag.TextWordWrap) if widget.wordWrap() else 0
        )
        box = widget.fontMetrics().boundingRect(inner, flags, item.text or "")
        return QRect(widget.mapTo(kiosk_window_of(widget), box.topLeft()), box.size()).intersected(
            item.rect
        )
    return item.rect.adjusted(8, 8, -8, -8)


def _without_ink(sheet: str) -> str:
    """A widget's own stylesheet, plus text drawn in no colour (for the background grab)."""
    if sheet.strip() and "{" not in sheet:  # bare declarations: "color: red;"
        sheet = f"* {{ {sheet} }}"
    return sheet + "\n* { color: transparent; }"


def _layout_text(label: QLabel) -> str:
    """The text as Qt lays it out: with its joiners and no-break spaces, without markup."""
    text = label.text()
    if label.textFormat() != Qt.TextFormat.PlainText and "<" in text:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text


def _plain(text: str) -> str:
    """The text as read: without the invisible marks typesetting adds, no-break spaces as
    spaces."""
    for mark in INVISIBLE:
        text = text.replace(mark, "")
    return text.replace("\u00a0", " ").strip()


def shown_text(widget: QWidget) -> str | None:
    if isinstance(widget, QLabel):
        pixmap = widget.pixmap()
        if pixmap is not None and not pixmap.isNull():
            return None
        text = widget.text()
        if widget.textFormat() != Qt.TextFormat.PlainText and "<" in text:
            document = QTextDocument()
            document.setHtml(text)
            text = document.toPlainText()
        return _plain(text)
    if isinstance(widget, QAbstractButton):
        return _plain(widget.text()) or None
    return None


def _binding(widget: QWidget):
    """The text binder's binding of `widget` (kiosk/ui/texts.py), if it has one."""
    return widget.findChild(QObject, "textBinding", Qt.FindChildOption.FindDirectChildrenOnly)


def _bound_source(widget: QWidget) -> object | None:
    """The LocalText (or function of the language) the text binder shows in `widget`."""
    binding = _binding(widget)
    return getattr(binding, "source", None)


def _as_read(text: str) -> str:
    """A rendered text as the visitor reads it: markup gone, typesetting undone."""
    if "<" in text:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return _plain(text)


def _lang(widget: QWidget) -> str | None:
    ctx = getattr(kiosk_window_of(widget), "ctx", None)
    return getattr(ctx, "lang", None)


def _seen_rect(widget: QWidget) -> QRect:
    """The part of `widget` its scroll viewports let show, in window coordinates."""
    rect = _window_rect(widget)
    node = widget.parentWidget()
    while node is not None:
        if node.objectName() == "qt_scrollarea_viewport":
            rect = rect.intersected(_window_rect(node))
        node = node.parentWidget()
    return rect


# While a check runs (`_Check.run`): each widget's rect in window coordinates, and the scroll
# viewport it is in, by widget (the placement check asks for them of every pair of widgets).
_RECTS: dict[QWidget, QRect] | None = None
_VIEWPORTS: dict[QWidget, QWidget | None] | None = None


def _window_rect(widget: QWidget) -> QRect:
    if _RECTS is not None and widget in _RECTS:
        return QRect(_RECTS[widget])
    rect = QRect(widget.mapTo(kiosk_window_of(widget), QPoint(0, 0)), widget.size())
    if _RECTS is not None:
        _RECTS[widget] = QRect(rect)
    return rect


def in_view(window: QWidget) -> list[QWidget]:
    """The widgets of `window` that may be seen now, in findChildren's order (each before its
    children): none that is hidden or inside a hidden one (another screen), and of what a
    scroll area holds only what reaches into its viewport. A long panel has thousands of
    widgets; one screenful of it, a few hundred. (A superset of what shows: the checks still
    ask each widget whether it is visible and how much of it its viewports let show.)"""
    found: list[QWidget] = []

    def walk(parent: QWidget, view: QRect | None, offset: QPoint) -> None:
        for child in parent.children():
            if not isinstance(child, QWidget) or child.isHidden():
                continue
            place = child.geometry().translated(offset)
            if view is not None and not _reaches(place, view):
                continue  # scrolled out of view, and all it holds with it
            found.append(child)
            if child.objectName() == "qt_scrollarea_viewport":
                walk(child, child.rect(), QPoint(0, 0))
            else:
                walk(child, view, place.topLeft() if view is not None else offset)

    walk(window, None, QPoint(0, 0))
    return found


def _reaches(rect: QRect, view: QRect) -> bool:
    """Whether `rect` reaches into `view`; a widget shrunk to no size counts by its place."""
    return QRect(rect.x(), rect.y(), max(rect.width(), 1), max(rect.height(), 1)).intersects(view)


def _layers(window: QWidget, widgets: list[QWidget] | None = None) -> list[QWidget]:
    """What lies over the screens: the kiosk's layers (`layer`), the blocks' full-screen
    overlays (`overlay`) and what floats over a page (`floats`: a hotspot card). `widgets`:
    the window's, if already found."""
    return [
        child
        for child in (window.findChildren(QWidget) if widgets is None else widgets)
        if child.isVisibleTo(window)
        and (
            child.property("overlay") is True
            or child.property("floats") is True
            or child.property("layer")
        )
    ]


def _covered(widget: QWidget, seen: QRect, layers: list[QWidget]) -> bool:
    """Is `widget` under a layer stacked above its own (if it is on one)?"""
    own = next(
        (i for i, layer in enumerate(layers) if layer is widget or layer.isAncestorOf(widget)), -1
    )
    return any(_window_rect(layer).intersects(seen) for layer in layers[own + 1 :])


def _stacking(widget: QWidget) -> tuple[int, ...]:
    """Sort key: later siblings paint over earlier ones, children over parents."""
    path = []
    node = widget
    while (parent := node.parentWidget()) is not None:
        siblings = [c for c in parent.children() if isinstance(c, QWidget)]
        path.append(siblings.index(node))
        node = parent
    return tuple(reversed(path))


def _scroll_viewport(widget: QWidget) -> QWidget | None:
    if _VIEWPORTS is not None and widget in _VIEWPORTS:
        return _VIEWPORTS[widget]
    found = None
    node = widget.parentWidget()
    while node is not None:
        if node.objectName() == "qt_scrollarea_viewport":
            found = node
            break
        node = node.parentWidget()
    if _VIEWPORTS is not None:
        _VIEWPORTS[widget] = found
    return found


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    node: QWidget | None = widget
    while node is not None:
        yield node
        node = node.parentWidget()


def _is_layer(widget: QWidget, names: tuple[str, ...]) -> bool:
    return widget.property("layer") in names


def _related(a: QWidget, b: QWidget) -> bool:
    return a.isAncestorOf(b) or b.isAncestorOf(a)


def _gap(a: QRect, b: QRect) -> float:
    dx = max(0, b.left() - a.right() - 1, a.left() - b.right() - 1)
    dy = max(0, b.top() - a.bottom() - 1, a.top() - b.bottom() - 1)
    return math.hypot(dx, dy)


def _name(widget: QWidget) -> str:
    text = shown_text(widget)
    name = widget.objectName() or type(widget).__name__
    if name.startswith("qt_"):
        name = type(widget).__name__
    return f"{name} {text[:40]!r}" if text else name
