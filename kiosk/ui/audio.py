"""Audio mode: the kiosk reads its own screens aloud, in the language shown.

The universal-access button (top bar; bottom bar on a portrait screen, within reach) turns it
on and off. While it is on:

- the screen is read part by part (`spoken_parts()` of home and of each panel: a panel's title,
  then each block; home's title, notices, figures and tiles), each in the words of
  kiosk/content/spoken.py, with a ring around the part being read, scrolled into view;
- a tap on a part reads it (and the rest of the screen after it); the tap still does what it
  does, so a tile read aloud also opens its panel, whose reading then starts;
- the audio bar gives Previous / Repeat / Pause / Next and the volume in steps;
- a change of screen stops the voice and reads the new screen from its top; a language switch
  stops it and says the same part (or the last one read) again in the new language's voice;
- a control the keypad moves to is spoken by its accessible name;
- a new session turns audio mode off and the volume back to site.yaml `accessibility.volume`.

The engine (kiosk/services/speech.py) is made on the first turn-on: the bar shows "Starting the
audio guide" until it is ready, so the visitor sees the tap took.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content import spoken
from kiosk.services.speech import VOLUME_STEPS, Speaker, nearest_step
from kiosk.ui import icons
from kiosk.ui.icons import icon
from kiosk.ui.keypad import FocusRing, focusable, plain
from kiosk.ui.widgets import ElidedLabel, Label, NavButton

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

Part = tuple[QWidget, Callable[[str], str]]  # a part of a screen and its words in a language
TAP_SLOP = 24  # px a finger may move and still tap
STATUS_ROOM = 240  # px the bar keeps for "Part 2 of 7" in a row of its controls
TAP_MS = 800


class AudioBar(QFrame):
    """The audio guide's controls, along the bottom of the window while audio mode is on."""

    def __init__(self, guide: AudioGuide):
        super().__init__()
        self.setObjectName("audioBar")
        self.guide = guide
        ctx = guide.ctx
        color = ctx.palette.text
        self.layout_kind = ""  # "one row", "two rows" or "icons" (`fit`)
        self.buttons: dict[str, NavButton] = {}
        for key, glyph, action in (
            ("audio_previous", icons.AUDIO_PREVIOUS, guide.previous),
            ("audio_repeat", icons.AUDIO_REPEAT, guide.repeat),
            ("audio_pause", icons.AUDIO_PAUSE, guide.pause_or_resume),
            ("audio_next", icons.AUDIO_NEXT, guide.next),
            ("audio_quieter", icons.AUDIO_QUIETER, partial(guide.step_volume, -1)),
            ("audio_louder", icons.AUDIO_LOUDER, partial(guide.step_volume, 1)),
            ("audio_stop", icons.CLOSE, guide.turn_off),
        ):
            button = NavButton()
            button.setObjectName(key)
            button.setIcon(icon(glyph, color))
            words = self._pause_word if key == "audio_pause" else partial(ctx.chrome, key)
            ctx.texts.bind(button, words, partial(self._show_word, button))
            button.clicked.connect(action)
            focusable(button)
            self.buttons[key] = button
        self.status = ElidedLabel("body")
        self.status.setObjectName("audioStatus")
        self.volume = Label("body")
        self.volume.setObjectName("audioVolume")
        self.volume.setWordWrap(False)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(24, 12, 24, 12)
        rows.setSpacing(12)
        self._rows = (QHBoxLayout(), QHBoxLayout())
        for row in self._rows:
            row.setSpacing(12)
            rows.addLayout(row)
        self.fit(1920, portrait=False)
        ctx.language_changed.connect(self.refresh)
        ctx.language_changed.connect(self._refit_later)  # new widths of words
        ctx.text_scale_changed.connect(self._refit_later)
        self.hide()

    def _show_word(self, button: NavButton, text: str) -> None:
        """A button's bound word: its name always; its text unless the bar shows icons."""
        button.setProperty("word", text)
        button.setAccessibleName(plain(text))
        icons_only = self.layout_kind == "icons" and button is not self.buttons.get("audio_stop")
        button.setText("" if icons_only else text)

    def _word_width(self, button: NavButton) -> int:
        """The width `button` takes with its word shown (padding and border: theme.qss)."""
        word = str(button.property("word") or "")
        return button.fontMetrics().horizontalAdvance(word) + button.iconSize().width() + 60

    def _pause_word(self, lang: str) -> str:
        key = "audio_resume" if self.guide.paused() else "audio_pause"
        return self.guide.ctx.chrome(key, lang)

    def fit(self, width: int, portrait: bool) -> None:
        """One row of controls with their words when they fit in `width` with room to say
        which part is read. Else, on a portrait screen, two rows (Previous, Repeat, Pause,
        Next; then the volume, the part and Audio off); on a landscape one, where height is
        short, one row of icons (each named for the keypad and a screen reader)."""
        b = self.buttons
        needed = sum(self._word_width(button) for button in b.values())
        needed += self.volume.sizeHint().width() + STATUS_ROOM + 12 * (len(b) + 1) + 48
        kind = "one row" if needed <= width else ("two rows" if portrait else "icons")
        if kind == self.layout_kind:
            return
        self.layout_kind = kind
        for button in b.values():
            self._show_word(button, str(button.property("word") or ""))
        for row in self._rows:
            while row.count():
                row.takeAt(0)
        play = [b["audio_previous"], b["audio_repeat"], b["audio_pause"], b["audio_next"]]
        two_rows = kind == "two rows"
        first, second = self._rows
        for button in play:
            first.addWidget(button)
        if two_rows:
            first.addStretch(1)
        else:
            first.addWidget(self.status, 1)
        sound_row = second if two_rows else first
        for part in (b["audio_quieter"], self.volume, b["audio_louder"]):
            sound_row.addWidget(part)
        if two_rows:
            second.addWidget(self.status, 1)
        sound_row.addWidget(b["audio_stop"])

    def _refit_later(self, *_args) -> None:
        QTimer.singleShot(0, self, self._refit)

    def _refit(self) -> None:
        window = self.window()
        if window is not self:
            self.fit(window.width(), portrait=window.height() > window.width())

    def refresh(self, *_args) -> None:
        guide, ctx = self.guide, self.guide.ctx
        self._show_word(self.buttons["audio_pause"], self._pause_word(ctx.lang))
        self.buttons["audio_pause"].setIcon(
            icon(icons.AUDIO_PLAY if guide.paused() else icons.AUDIO_PAUSE, ctx.palette.text)
        )
        step = nearest_step(guide.speaker.volume) + 1 if guide.has_speaker() else 0
        self.volume.setText(ctx.chrome("audio_volume").format(level=step, steps=len(VOLUME_STEPS)))
        self.status.set_full_text(guide.status_text())


class AudioGuide(QObject):
    """Audio mode of one window (see the module's docstring)."""

    changed = Signal(bool)  # audio mode turned on (True) or off
    part_started = Signal(int)  # the part of the screen now read (the visitor is listening)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.on = False
        self.problem = ""  # why the voice is silent ("no English voice"), shown on the bar
        self._speaker: Speaker | None = None
        self._parts: list[Part] = []
        # Made now, not on the first part read: the window's widgets stay as many all along.
        self._ring: FocusRing | None = FocusRing(window)
        self._ring.setObjectName("speakingRing")
        self._starting = False
        self.bar: AudioBar | None = None  # made with each content (its colours are the theme's)
        self.tap_watch = _TapWatch(self)
        window.screen_changed.connect(self._screen_changed)
        self.ctx.language_changed.connect(self._language_changed)

    # ---- public -------------------------------------------------------------------------

    @property
    def speaker(self) -> Speaker:
        """The speaker, made (without its engine) on first use."""
        if self._speaker is None:
            self._speaker = Speaker(self._voices_for, parent=self)
            self._speaker.set_volume(self._default_volume())
            self._speaker.started.connect(self._part_started)
            self._speaker.finished.connect(self._finished)
            self._speaker.failed.connect(self._failed)
        return self._speaker

    def make_bar(self) -> AudioBar:
        """A new bar for new content (the old one goes, and the old screens with it)."""
        self._hide_ring()
        if self.bar is not None:
            self.bar.setParent(None)
            self.bar.deleteLater()
        self.bar = AudioBar(self)
        self.bar.setVisible(self.on)
        self.refresh()
        speaker = self._speaker
        if self.on and speaker is not None and speaker.script and self._parts:
            # the screen read is rebuilt: go on with the same part, on the new widgets
            QTimer.singleShot(0, self, self._read_on_after_rebuild)
        return self.bar

    def _read_on_after_rebuild(self) -> None:
        if self._speaker is not None:
            self.read_from(max(self._speaker.index, self._last, 0))

    def refresh(self, *_args) -> None:
        """Bring the bar up to date: pause or play, the volume, what is read."""
        if self.bar is not None:
            self.bar.refresh()

    def has_speaker(self) -> bool:
        return self._speaker is not None

    def toggle(self) -> None:
        if self.on:
            self.turn_off()
        else:
            self.turn_on()

    def turn_on(self) -> None:
        if self.on:
            return
        self.on = True
        self._starting = not self.speaker.loaded()
        self.problem = ""
        if self.bar is not None:
            self.bar.show()
        self.refresh()
        self.changed.emit(True)
        # The bar paints first ("Starting the audio guide"); the engine loads after.
        QTimer.singleShot(50 if self._starting else 0, self, self._begin)

    def turn_off(self) -> None:
        if not self.on:
            return
        self.on = False
        if self._speaker is not None:
            self._speaker.stop()
        self._hide_ring()
        if self.bar is not None:
            self.bar.hide()
        self.changed.emit(False)

    def show_bar(self, shown: bool) -> None:
        """The bar as audio mode shows it, with no voice (for `kiosk check`)."""
        if self.bar is not None:
            self.bar.setVisible(shown)
            self.refresh()
        if self.window.top_bar is not None:
            self.window.top_bar.set_audio(shown)

    def reset(self) -> None:
        """A new session: audio off, the volume back to the site's."""
        self.turn_off()
        if self._speaker is not None:
            self._speaker.set_volume(self._default_volume())
        self.refresh()

    def parts(self) -> list[Part]:
        """The parts of the screen shown now, in reading order."""
        screen = self.window.host.current()
        spoken_parts = getattr(screen, "spoken_parts", None)
        return list(spoken_parts()) if spoken_parts is not None else []

    def read_from(self, index: int) -> None:
        """Read the screen from part `index` on."""
        if not self.on:
            return
        self._parts = self.parts()
        if not self._parts:
            return
        lang = self.ctx.lang
        script = [words(lang) for _widget, words in self._parts]
        self.speaker.speak(script, lang, max(0, min(index, len(script) - 1)))
        self.refresh()

    def read_widget(self, widget: QWidget) -> bool:
        """Read the part that holds `widget` (a tap landed on it), and on from there."""
        parts = self.parts()
        node: QWidget | None = widget
        while node is not None:
            for index, (part, _words) in enumerate(parts):
                if part is node:
                    self.read_from(index)
                    return True
            node = node.parentWidget()
        return False

    def say_control(self, control: QWidget) -> None:
        """The keypad moved to `control`: say its name (and what it holds)."""
        if not self.on or not _alive(control) or _on_pin_pad(control):
            return
        for index, (part, _words) in enumerate(self.parts()):
            if part is control:  # a tile, say: its words are its name and more
                self.read_from(index)
                return
        name = " ".join(t for t in (control.accessibleName(), control.accessibleDescription()) if t)
        if name:
            self._parts = []
            self._hide_ring()
            self.speaker.speak([name], self.ctx.lang)

    def next(self) -> None:
        if self._speaker is not None:
            self._speaker.next()

    def previous(self) -> None:
        if self._speaker is not None:
            self._speaker.previous()

    def repeat(self) -> None:
        speaker = self._speaker
        if speaker is None:
            return
        if speaker.script:
            speaker.repeat()
        else:
            self.read_from(max(self._last, 0))

    def pause_or_resume(self) -> None:
        speaker = self._speaker
        if speaker is None:
            return
        if speaker.paused:
            speaker.resume()
        elif speaker.speaking():
            speaker.pause()
        else:  # said to the end: Play starts the screen again
            self.read_from(0)
        self.refresh()

    def paused(self) -> bool:
        return self._speaker is not None and self._speaker.paused

    def step_volume(self, step: int) -> None:
        self.speaker.step_volume(step)
        self.refresh()

    def status_text(self) -> str:
        """What the bar says: starting, which part is read, or why there is no voice."""
        lang = self.ctx.lang
        if self.problem:
            return self.problem
        if self._starting:
            return self.ctx.chrome("audio_starting", lang)
        speaker = self._speaker
        if speaker is not None and speaker.index >= 0 and self._parts:
            return self.ctx.chrome("audio_part", lang).format(
                n=speaker.index + 1, count=len(self._parts)
            )
        return self.ctx.chrome("audio_guide", lang)

    # ---- inside -------------------------------------------------------------------------

    _last = 0  # the part read last (Repeat after the end of the screen)

    def _voices_for(self, lang: str) -> tuple[str, ...]:
        site = self.ctx.content.site if self.ctx.content is not None else None
        chosen = site.accessibility.voices if site is not None else {}
        return spoken.voices_for(lang, chosen)

    def _default_volume(self) -> float:
        content = self.ctx.content
        return content.site.accessibility.volume if content is not None else VOLUME_STEPS[-2]

    def _begin(self) -> None:
        if not self.on:
            return
        self.speaker.engine()  # the slow part, once: seconds with speech-dispatcher
        self._starting = False
        screen = self.window.host.current()
        start = getattr(screen, "part_in_view", lambda: 0)()
        self.read_from(start)
        self.refresh()

    def _screen_changed(self, _name: str) -> None:
        if not self.on:
            return
        if self._speaker is not None:
            self._speaker.stop()
        self._hide_ring()
        QTimer.singleShot(0, self, lambda: self.read_from(0))

    def _language_changed(self, lang: str) -> None:
        speaker = self._speaker
        self.problem = ""
        if not self.on or speaker is None:
            self.refresh()
            return
        index = speaker.index if speaker.index >= 0 else self._last
        if speaker.script and not self._parts:
            speaker.stop()  # (a control's name, said in the old language)
        else:  # the same part (or the last one read) in the new language's voice
            self.read_from(index)
        self.refresh()

    def _part_started(self, index: int) -> None:
        self._last = index
        if 0 <= index < len(self._parts):
            widget = self._parts[index][0]
            self._reveal(widget)
            if _alive(widget) and widget.isVisible():
                if not _alive(self._ring):
                    self._ring = FocusRing(widget)
                    self._ring.setObjectName("speakingRing")
                self._ring.around(widget)  # type: ignore[union-attr]
        self.part_started.emit(index)
        self.refresh()

    def _finished(self) -> None:
        self._hide_ring()
        self.refresh()

    def _failed(self, _reason: str) -> None:
        broken = self._speaker is not None and not self._speaker.loaded()
        key = "audio_unavailable" if broken else "audio_no_voice"
        self.problem = self.ctx.chrome(key, self.ctx.lang)
        self._hide_ring()
        self.refresh()

    def _reveal(self, widget: QWidget) -> None:
        screen = self.window.host.current()
        reveal = getattr(screen, "reveal_part", None)
        if reveal is not None:
            reveal(widget)

    def _hide_ring(self) -> None:
        """Hide the ring and keep it on the window: a screen it was laid on may be rebuilt
        (an operator's save) and would take it along."""
        if _alive(self._ring):
            self._ring.hide()  # type: ignore[union-attr]
            self._ring.setParent(self.window)  # type: ignore[union-attr]


class _TapWatch(QObject):
    """On the window's QWindow: a tap (a touch, or a real mouse click, that barely moved)
    reads the part under it while audio mode is on. It eats nothing."""

    def __init__(self, guide: AudioGuide):
        super().__init__(guide)
        self.guide = guide
        self._start: QPointF | None = None
        self._clock = QElapsedTimer()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.guide.on:
            return False
        kind = event.type()
        if isinstance(event, QTouchEvent) and event.points():
            position = event.points()[0].position()
            if kind == QEvent.Type.TouchBegin and len(event.points()) == 1:
                self._begin(position)
            elif kind == QEvent.Type.TouchEnd:
                self._end(position)
        elif isinstance(event, QMouseEvent) and (
            event.source() == Qt.MouseEventSource.MouseEventNotSynthesized
        ):
            if kind == QEvent.Type.MouseButtonPress:
                self._begin(event.position())
            elif kind == QEvent.Type.MouseButtonRelease:
                self._end(event.position())
        return False

    def _begin(self, position: QPointF) -> None:
        self._start = QPointF(position)
        self._clock.start()

    def _end(self, position: QPointF) -> None:
        start, self._start = self._start, None
        if start is None or self._clock.elapsed() > TAP_MS:
            return
        if (position - start).manhattanLength() > TAP_SLOP:
            return
        window = self.guide.window
        widget = window.childAt(position.toPoint())
        bar = self.guide.bar
        if widget is not None and not (bar is not None and bar.isAncestorOf(widget)):
            # after the tap reached its widget: a tile opens its panel first
            QTimer.singleShot(0, self.guide, lambda: self.guide.read_widget(widget))


def _on_pin_pad(control: QWidget) -> bool:
    """The operator's PIN pad: its keys are never said aloud (nor what is typed)."""
    node: QWidget | None = control
    while node is not None:
        if node.property("layer") == "pin":
            return True
        node = node.parentWidget()
    return False


def _alive(obj: QObject | None) -> bool:
    return obj is not None and shiboken6.isValid(obj)
