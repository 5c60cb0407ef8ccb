"""`kiosk preview`: the operator's workbench around the kiosk window.

The kiosk itself is the one `kiosk run` builds (kiosk/root.py); the workbench only adds what an
operator needs around it and never changes what a visitor would see inside it:

- a strip to switch language, orientation, text size and contrast (also keys: Ctrl+L, Ctrl+O,
  Ctrl+T, Ctrl+K), with the date and time the preview runs at (`--at`);
- a banner when the site is closed at that time (visitors would see the standby screen);
- the content's errors and warnings, `file:line` first, while the kiosk shows the last good copy;
- an outline on screen around each block with a validation error and each thing the screen
  checker (kiosk/ui/screen_check.py) finds on the screen shown, with its message and line.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.content.locate import Locator
from kiosk.content.problems import Problem
from kiosk.content.views import Content
from kiosk.services.hours import next_opening
from kiosk.ui.screen_check import findings_on_screen
from kiosk.ui.screenshots import high_contrast, settle
from kiosk.ui.theme import TEXT_SCALES

MAX_LISTED = 6  # problems listed in the strip; the rest are counted (`kiosk validate` has all)
CHECK_EVERY_MS = 700  # how often the workbench looks whether the screen changed


@dataclass
class Outline:
    """One problem drawn on the screen: around `widget`, with its text and place."""

    problem: Problem
    widget: QWidget

    def caption(self) -> str:
        message = self.problem.message.split("] ", 1)[-1]  # the checker's "[screen]" prefix
        hint = f" ({self.problem.suggestion})" if self.problem.suggestion else ""
        return f"{self.problem.location()}: {message}{hint}"


class Outlines(QWidget):
    """A pane over the kiosk window that draws the outlines; it takes no input and is hidden
    while the checker looks at the screen, so it never counts as something a visitor sees."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window_ = window
        self.outlines: list[Outline] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setObjectName("problemOutlines")
        window.installEventFilter(self)
        self.setGeometry(window.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.window_.rect())
        return False

    def show_outlines(self, outlines: list[Outline]) -> None:
        self.outlines = outlines
        self.raise_()
        self.update()

    def boxes(self) -> list[tuple[QRect, str]]:
        """Where each outline is drawn now (the widgets may have scrolled) and its caption."""
        window = self.window_
        drawn = []
        for outline in self.outlines:
            widget = outline.widget
            if not shiboken6.isValid(widget) or not widget.isVisibleTo(window):  # (rebuilt)
                continue
            rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
            drawn.append((rect.intersected(window.rect()), outline.caption()))
        return [(rect, caption) for rect, caption in drawn if not rect.isEmpty()]

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        font = QFont(self.font())
        font.setPixelSize(15)
        painter.setFont(font)
        red = QColor("#d1242f")
        taken: list[QRect] = []
        for rect, caption in self.boxes():
            painter.setPen(QPen(red, 3, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            metrics = painter.fontMetrics()
            width = min(metrics.horizontalAdvance(caption) + 12, max(self.width() - 8, 40))
            label = QRect(rect.left(), rect.top(), width, metrics.height() + 6)
            while any(label.intersects(other) for other in taken):
                label.translate(0, label.height())
            label.moveLeft(max(0, min(label.left(), self.width() - label.width())))
            taken.append(label)
            painter.fillRect(label, red)
            painter.setPen(QColor("white"))
            text = metrics.elidedText(caption, Qt.TextElideMode.ElideRight, label.width() - 12)
            painter.drawText(label.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()


def _small_font(zoom: float = 1.0) -> QFont:
    """The workbench's own text: 14 px on the operator's screen, whatever the zoom."""
    font = QFont()
    font.setPixelSize(round(14 / zoom))
    return font


class Workbench(QWidget):
    """The preview window: the strip, the banners, and the kiosk window at its set size."""

    def __init__(self, kiosk_window, controller, size: tuple[int, int], zoom: float = 1.0):
        super().__init__()
        self.zoom = zoom
        self.kiosk_window = kiosk_window
        self.controller = controller
        self.setWindowTitle("E-Town kiosk preview")
        self.size_ = size
        self.high_contrast = False
        self.outlines_on = True

        self.clock_label = QLabel()
        self.clock_label.setFont(_small_font(self.zoom))
        self.language_button = self._button("Language Ctrl+L", "Ctrl+L", self.next_language)
        self.orientation_button = self._button("", "Ctrl+O", self.rotate)
        self.text_button = self._button("", "Ctrl+T", self.next_text_size)
        self.contrast_button = self._button("", "Ctrl+K", self.toggle_contrast)
        self.problems_button = self._button("", "Ctrl+P", self.toggle_outlines)
        strip = QHBoxLayout()
        strip.addWidget(self.clock_label, 1)
        for button in (
            self.language_button,
            self.orientation_button,
            self.text_button,
            self.contrast_button,
            self.problems_button,
        ):
            strip.addWidget(button)
        self.closed_banner = self._banner("previewClosed", "#fff4ce")
        self.problem_list = self._banner("previewProblems", "#ffebe9")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(strip)
        layout.addWidget(self.closed_banner)
        layout.addWidget(self.problem_list)
        layout.addWidget(kiosk_window, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        kiosk_window.setFixedSize(*size)

        self.outlines = Outlines(kiosk_window)
        self._seen_state: tuple | None = None
        self._checked_state: tuple | None = None
        self._locator: Locator | None = None
        self._timer = QTimer(self, interval=CHECK_EVERY_MS)
        self._timer.timeout.connect(self.refresh)
        controller.watcher.content_loaded.connect(self._content_loaded)
        controller.watcher.content_invalid.connect(lambda _problems: self.refresh(force=True))
        controller.hours.open_changed.connect(lambda _open: self.refresh(force=True))
        kiosk_window.ctx.language_changed.connect(lambda _lang: self.refresh())
        kiosk_window.ctx.text_scale_changed.connect(lambda _scale: self.refresh())
        self.refresh(force=True)
        self._timer.start()

    def _button(self, text: str, keys: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setFont(_small_font(self.zoom))  # (on each: the kiosk inside keeps its own)
        button.clicked.connect(slot)
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        return button

    def _banner(self, name: str, colour: str) -> QLabel:
        banner = QLabel()
        banner.setObjectName(name)
        banner.setFont(_small_font(self.zoom))
        banner.setWordWrap(True)
        banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        banner.setStyleSheet(f"background: {colour}; color: #1f2328; padding: 6px;")
        banner.hide()
        return banner

    # ---- the strip ------------------------------------------------------------------------

    @property
    def content(self) -> Content | None:
        return self.controller.content

    def next_language(self) -> None:
        if self.content is None:
            return
        langs = list(self.content.site.languages)
        ctx = self.kiosk_window.ctx
        ctx.set_language(langs[(langs.index(ctx.lang) + 1) % len(langs)])

    def rotate(self) -> None:
        self.size_ = (self.size_[1], self.size_[0])
        self.kiosk_window.setFixedSize(*self.size_)
        self.adjustSize()
        self.refresh(force=True)

    def next_text_size(self) -> None:
        ctx = self.kiosk_window.ctx
        scales = list(TEXT_SCALES)
        at = scales.index(ctx.text_scale) if ctx.text_scale in scales else 0
        ctx.set_text_scale(scales[(at + 1) % len(scales)])

    def toggle_contrast(self) -> None:
        self.high_contrast = not self.high_contrast
        if self.content is not None:
            self._show(self.content)
        self.refresh()

    def toggle_outlines(self) -> None:
        self.outlines_on = not self.outlines_on
        self.outlines.setVisible(self.outlines_on)
        self.refresh(force=True)

    def _content_loaded(self, content: Content) -> None:
        if self.high_contrast:  # (the controller has just shown it in its own colours)
            self._show(content)
        self.refresh(force=True)

    def _show(self, content: Content) -> None:
        shown = high_contrast(content) if self.high_contrast else content
        self.kiosk_window.set_content(shown)
        self.controller.overlays.set_content(shown)
        self.refresh(force=True)

    # ---- what the workbench shows ---------------------------------------------------------

    def refresh(self, force: bool = False) -> None:
        """Update the strip and banners; look at the screen again once it has stood still."""
        now = self.controller.clock.now()
        self.clock_label.setText(f"Previewing {now:%a %Y-%m-%d %H:%M}")
        self.orientation_button.setText(
            f"{'Portrait' if self.size_[1] > self.size_[0] else 'Landscape'} "
            f"{self.size_[0]}x{self.size_[1]} Ctrl+O"
        )
        scale = self.kiosk_window.ctx.text_scale
        self.text_button.setText(f"Text {'A+' if scale > 1 else 'A'} Ctrl+T")
        self.contrast_button.setText(f"{'High' if self.high_contrast else 'Usual'} contrast Ctrl+K")
        self._show_closed(now)
        problems = self._show_problems()
        state = self._state()
        if not force and state != self._seen_state:
            self._seen_state = state  # it changed: look once it has stood still for a tick
            return
        self._seen_state = state
        if (force or state != self._checked_state) and self._outline(problems):
            self._checked_state = state
        shown = "outlined" if self.outlines_on else "outlines off"
        count = len(self.outlines.outlines)
        plural = "" if count == 1 else "s"
        self.problems_button.setText(f"{count} problem{plural} {shown} Ctrl+P")

    def _state(self) -> tuple:
        window = self.kiosk_window
        panel = window.current_panel_id()
        offset = window.panels[panel].scroll_area.verticalScrollBar().value() if panel else 0
        version = self.content.version if self.content else None
        layers = tuple(w.isVisible() for w in self.controller.overlays.layers())
        ctx = window.ctx
        return (panel, offset, ctx.lang, ctx.text_scale, self.high_contrast, version, layers)

    def _show_closed(self, now) -> None:
        if self.controller.hours.is_open() or self.content is None:
            self.closed_banner.hide()
            return
        opens = next_opening(self.content.site.opening_hours, now)
        when = f"It opens {opens:%a %Y-%m-%d %H:%M}." if opens else "No opening time is set."
        self.closed_banner.setText(
            f"Outside opening hours at {now:%a %Y-%m-%d %H:%M}: visitors see the standby "
            f"screen now, not this. {when} The preview shows the content anyway."
        )
        self.closed_banner.show()

    def _show_problems(self) -> list[Problem]:
        result = self.controller.watcher.result
        problems = list(result.problems) if result else []
        if not problems:
            self.problem_list.hide()
            return []
        errors = [p for p in problems if p.severity == "error"]
        warnings = len(problems) - len(errors)
        head = f"The content has {len(errors)} error(s) and {warnings} warning(s)"
        if errors:
            head += ": the kiosk shows the last good copy until they are fixed"
        lines = [problem.format() for problem in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            lines.append(f"... and {len(problems) - MAX_LISTED} more: run `kiosk validate`")
        self.problem_list.setText("\n".join([head + ".", *lines]))
        self.problem_list.show()
        return problems

    def _outline(self, problems: list[Problem]) -> bool:
        """Outline the blocks with a validation problem and what the checker finds now; False
        when there was nothing to look at yet (the window not shown)."""
        window = self.kiosk_window
        if self.content is None or not self.outlines_on or not window.isVisible():
            self.outlines.show_outlines([])
            return window.isVisible()
        if self._locator is None or self._locator.content is not self.content:
            self._locator = Locator(self.content)
        outlines = list(self._block_outlines(problems))
        self.outlines.hide()
        try:
            settle(window)
            name = window.current_panel_id() or "home"
            found = findings_on_screen(window, name, self._locator, self.high_contrast)
        finally:
            self.outlines.show()
        outlines += [Outline(problem, widget) for problem, widget in found]
        self.outlines.show_outlines(outlines)
        return True

    def _block_outlines(self, problems: list[Problem]):
        panel = self.kiosk_window.current_panel_id()
        screen = self.kiosk_window.panel_screen(panel) if panel else None
        if screen is None or self._locator is None:
            return
        for widget in screen.blocks:
            place = self._locator.place(widget.block)
            if place is None:
                continue
            for problem in problems:
                inside = problem.field == place.field or problem.field.startswith(
                    (place.field + ".", place.field + "[")
                )
                if problem.file == place.file and inside:
                    yield Outline(problem, widget)
