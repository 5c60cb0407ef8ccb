"""The attract loop: a full-screen slideshow with a slow pan and zoom (Ken Burns) and the
call to action in every language on a card, under a hand that taps. The first touch ends it
and presses nothing underneath; a large Pause / Play control below the card stops and starts
the slides (WCAG 2.2 SC 2.2.2) without ending it. With site.yaml
`accessibility.reduced_motion` (the window's `ctx.animate` off) the slides follow each other
as cuts: no pan, no zoom, no fade, and the hand is still.

Slides come from the image cache (decoded off the UI thread, at the layer's size with room to
zoom); the next one is fetched while the current one shows.

What it costs while nobody is there (most of a lobby kiosk's day): the pan, the zoom, the
fades and the hand move FPS frames a second (a clock of ours, not the 60 Hz animation timer's
every tick); the layer is opaque, so the screens under it are not painted again with each
frame; each picture is scaled once to the layer's size with room to zoom, so a frame only
resamples it a little; the band, the card, its words and the Pause control are rendered once
into a pixmap (`Foreground`) that each frame copies, again only when they change (a language,
a size, a style, a state); the hand paints itself (benchmarks/attract_idle.py)."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    Property,
    QAbstractAnimation,
    QEasingCurve,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    QVariantAnimation,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen, QPixmap, QRegion
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyleOption,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.views import LocalText
from kiosk.services.images import ImageCache
from kiosk.services.video import Player
from kiosk.ui.icons import glyph_path, icon
from kiosk.ui.overlays.base import Multilingual, Overlay, button
from kiosk.ui.texts import TextBinder
from kiosk.ui.widgets import cover_size

log = logging.getLogger(__name__)

ZOOM = 0.12  # the picture grows (or shrinks) by 12 % over one slide
FADE = 0.15  # fraction of a slide spent fading in from the previous one
TAP_ICON = "mdi6.gesture-tap"
PAUSE_ICON, PLAY_ICON = "mdi6.pause", "mdi6.play"
PAUSE_PX, PAUSE_ICON_PX, PAUSE_GAP = 112, 56, 24  # the round control, its icon, room beside
PULSE_MS = 1800  # one breath of the touch cue
FILM_FADE_MS = 600  # a film fades in over the slide before it
# Frames a second of the pan and zoom, the fades and the hand's pulse: the picture moves about
# 30 px a second at most, 3 px a frame (drawn smoothly, at fractions of a pixel). 10, not 12:
# each frame resamples the whole picture (about 6 ms at 1920x1080), and at 12 the loop cost
# 15-17 % of a core (benchmarks/attract_idle.py); the motion reads the same
FPS = 10
FRAME_MS = round(1000 / FPS)


@dataclass(frozen=True)
class Slide:
    """One item of the loop: a picture, or a film (silent unless `sound`)."""

    path: Path
    video: bool = False
    sound: bool = False


def _ignore(_image: QImage | None) -> None:
    """A prefetch wants the image in the cache, not in hand."""


def _frame_clock(parent: QWidget) -> QTimer:
    clock = QTimer(parent)
    clock.setInterval(FRAME_MS)
    clock.setTimerType(Qt.TimerType.PreciseTimer)  # (a coarse one wanders by 5 %)
    return clock


class TouchCue(QWidget):
    """What to do, without words: a hand tapping (mdi6.gesture-tap) on a round halo.

    With animations on (`start`), the hand presses gently and a ring spreads from the halo once
    every PULSE_MS; still otherwise (screenshots, `ctx.animate` off). Colours come from
    theme.qss: `color` for the hand, `qproperty-halo` for the halo and ring."""

    SIZE = 152  # the ring's room: the halo is 112 px across, the hand 80 px
    HALO = 56
    HAND = 80

    def __init__(self, parent: QWidget | None = None, clock: QTimer | None = None):
        super().__init__(parent)
        self.setObjectName("touchCue")
        self.setFixedSize(self.SIZE, self.SIZE)
        self._halo = QColor("#2f8cff")
        self.pulse = QVariantAnimation(self, startValue=0.0, endValue=1.0, duration=PULSE_MS)
        self.pulse.setLoopCount(-1)
        # Painted on a clock's ticks (FPS a second), not on each of the pulse's. A clock
        # handed in is its owner's to tick with: the attract loop's, which paints the hand
        # with each frame of the picture (one paint, not two) or alone while the picture holds
        self.clock = clock if clock is not None else _frame_clock(self)
        if clock is None:
            self.clock.timeout.connect(self._tick)

    def _get_halo(self) -> QColor:
        return self._halo

    def _set_halo(self, colour: QColor) -> None:
        self._halo = QColor(colour)
        self.update()

    halo = Property(QColor, _get_halo, _set_halo)

    def start(self) -> None:
        if self.pulse.state() != QAbstractAnimation.State.Running:
            self.pulse.start()
        if not self.clock.isActive():
            self.clock.start()

    def stop(self) -> None:
        self.pulse.stop()
        self.update()

    def pulsing(self) -> bool:
        return self.pulse.state() == QAbstractAnimation.State.Running

    def _tick(self) -> None:
        if self.pulsing():
            self.update()
        else:
            self.clock.stop()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QRectF(self.rect()).center()
        moving = self.pulse.state() == QAbstractAnimation.State.Running
        phase = float(self.pulse.currentValue() or 0.0) if moving else 0.0
        press = math.sin(math.pi * phase) ** 2  # 0 at rest, 1 mid-breath
        halo = QColor(self._halo)
        if moving:  # the ring: spreads from the halo's edge and fades
            ring = QColor(halo)
            ring.setAlphaF(0.5 * (1 - phase))
            painter.setPen(QPen(ring, 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            radius = self.HALO + (self.SIZE / 2 - self.HALO - 2) * phase
            painter.drawEllipse(centre, radius, radius)
        halo.setAlphaF(0.4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(halo)
        painter.drawEllipse(centre, self.HALO, self.HALO)
        glyph = glyph_path(TAP_ICON)
        if glyph is not None:
            path, box = glyph
            scale = self.HAND / max(box.width(), box.height()) * (1 - 0.06 * press)
            painter.translate(centre)
            painter.scale(scale, scale)
            painter.translate(-box.center())
            painter.fillPath(path, self.palette().color(QPalette.ColorRole.WindowText))
        painter.end()


class Band(QWidget):
    """The band the card stands on: its gradient (theme.qss, #attractBand), drawn when the
    foreground is rendered (`Foreground`), not with each frame."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attractBand")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)  # (paintEvent draws it)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
        painter.end()


# What can change how a widget of the foreground looks that `Foreground.looks` does not read:
# a restyle (theme.qss; a dynamic property its selectors read), a palette, a font, a widget
# coming or going, the pointer over a control
_RESTYLES = frozenset(
    {
        QEvent.Type.StyleChange,
        QEvent.Type.PaletteChange,
        QEvent.Type.FontChange,
        QEvent.Type.Polish,
        QEvent.Type.PolishRequest,
        QEvent.Type.DynamicPropertyChange,
        QEvent.Type.LayoutDirectionChange,
        QEvent.Type.LocaleChange,
        QEvent.Type.EnabledChange,
        QEvent.Type.ChildAdded,
        QEvent.Type.ChildRemoved,
        QEvent.Type.Show,
        QEvent.Type.Hide,
        QEvent.Type.Enter,
        QEvent.Type.Leave,
        QEvent.Type.HoverEnter,
        QEvent.Type.HoverLeave,
    }
)


class Foreground(QObject):
    """What stands in front of the picture and does not move with it: the band, the card, its
    words and the Pause control, rendered once into a pixmap (premultiplied ARGB, at the device
    pixel ratio) that the layer copies with each frame; rendered again only when it would look
    different (`looks`: a text, a size, a place, a state, a style), not with each frame.

    On the screen those widgets do not paint themselves (their Paint events end here; their
    own backgrounds are off), yet they are there as ever: laid out, pressed, read by a screen
    reader, and an update() of theirs repaints the layer under them, which copies this. The
    hand (`live`) is left out of the pixmap and paints itself: it pulses."""

    def __init__(self, band: QWidget, live: QWidget):
        super().__init__(band)
        self.band = band
        self.live = live
        self.renders = 0  # how many times it was rendered (tests, benchmarks)
        self._pixmap: QPixmap | None = None
        self._looks: tuple | None = None
        self._restyles = 0  # counts _RESTYLES seen
        self._rendering = False
        self._widgets: list[QWidget] = []
        self._backgrounds: list[bool] = []  # each widget's own WA_NoSystemBackground
        self._tree_changed = True
        live.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Paint:
            if watched is self.live:
                return self._rendering  # (not in the pixmap: it paints itself on the screen)
            return not self._rendering  # (on the screen, the layer copies the pixmap)
        if kind in _RESTYLES and watched is not self.live and not self._rendering:
            self._restyles += 1
            if kind in (QEvent.Type.ChildAdded, QEvent.Type.ChildRemoved):
                self._tree_changed = True
        return False

    def _sync(self) -> None:
        """Watch the band and every widget in it but the hand (a label comes with a language
        added, one goes with a language removed)."""
        if not self._tree_changed:
            return
        self._tree_changed = False
        known = {id(w): (w, own) for w, own in zip(self._widgets, self._backgrounds, strict=True)}
        live = self.live
        widgets = [self.band]
        widgets += [
            w for w in self.band.findChildren(QWidget) if w is not live and not live.isAncestorOf(w)
        ]
        backgrounds = []
        for widget in widgets:
            seen, own = known.get(id(widget), (None, False))
            if seen is not widget:  # (new here)
                own = widget.testAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
                widget.installEventFilter(self)
                widget.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
            backgrounds.append(own)
        self._widgets, self._backgrounds = widgets, backgrounds

    def looks(self) -> tuple:
        """All that the pixmap shows depends on, read from the widgets."""
        self._sync()
        looks: list = [self._restyles, self.band.devicePixelRatioF()]
        for widget in self._widgets:
            effect = widget.graphicsEffect()
            if effect is not None:
                opacity = effect.opacity() if isinstance(effect, QGraphicsOpacityEffect) else 1
                looks.append((id(effect), effect.isEnabled(), opacity))
            looks += (
                widget.geometry().getRect(),
                widget.isHidden(),
                widget.isEnabled(),
                widget.palette().cacheKey(),
                widget.font().key(),
            )
            if isinstance(widget, QLabel):
                looks.append(widget.text())
            elif isinstance(widget, QAbstractButton):
                looks += (
                    widget.text(),
                    widget.isDown(),
                    widget.isChecked(),
                    widget.underMouse(),
                    widget.icon().cacheKey(),
                    widget.iconSize().toTuple(),
                )
        return tuple(looks)

    def pixmap(self) -> QPixmap | None:
        """The band as it looks now, without the hand (rendered if it looks different)."""
        looks = self.looks()
        if self._pixmap is None or looks != self._looks:
            self._pixmap = self._render()
            self._looks = looks
        return self._pixmap

    def _render(self) -> QPixmap | None:
        size, ratio = self.band.size(), self.band.devicePixelRatioF()
        if size.isEmpty():
            return None
        pixmap = QPixmap(math.ceil(size.width() * ratio), math.ceil(size.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)  # (premultiplied ARGB)
        background = Qt.WidgetAttribute.WA_NoSystemBackground
        live_own = self.live.testAttribute(background)
        self._rendering = True
        for widget, own in zip(self._widgets, self._backgrounds, strict=True):
            widget.setAttribute(background, own)
        self.live.setAttribute(background, True)
        try:
            self.band.render(pixmap, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
        finally:
            self.live.setAttribute(background, live_own)
            for widget in self._widgets:
                widget.setAttribute(background, True)
            self._rendering = False
        self.renders += 1
        return pixmap

    def release(self) -> None:
        """Let the pixmap go (rendered again when next painted)."""
        self._pixmap = self._looks = None


class CtaCard(QFrame):
    """The card under the call to action: as wide as its longest line needs, so each language
    keeps to one line where the screen is wide enough; on a narrower one the lines wrap
    inside it (it shrinks to what its band leaves). The pause control is on the hand's row,
    at the right: low on the screen, within reach, and costing the card no height."""

    def __init__(
        self, stack: Multilingual, cue: TouchCue, pause: QWidget, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("attractCard")
        self.stack = stack
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(48, 32, 48, 48)
        self.column.setSpacing(16)
        row = QHBoxLayout()  # the hand in the middle, as far from the left as the control
        row.setSpacing(0)
        row.addSpacing(PAUSE_PX + PAUSE_GAP)
        row.addStretch(1)
        row.addWidget(cue)
        row.addStretch(1)
        row.addSpacing(PAUSE_GAP)
        row.addWidget(pause, 0, Qt.AlignmentFlag.AlignBottom)
        self.column.addLayout(row)
        self.column.addWidget(stack)

    def sizeHint(self) -> QSize:  # noqa: N802
        widest = TouchCue.SIZE + 2 * (PAUSE_PX + PAUSE_GAP)
        for label in self.stack.labels:
            metrics = label.fontMetrics()
            for line in label.text().split("\n"):
                widest = max(widest, metrics.horizontalAdvance(line) + 2)
        margins = self.column.contentsMargins()
        frame = self.width() - self.contentsRect().width()
        width = widest + margins.left() + margins.right() + frame
        return QSize(width, super().sizeHint().height())


class AttractLoop(Overlay):
    """The slides are painted here; the call to action is one label per language on a card
    (theme.qss, #attractCard) that keeps them legible over any photo, under the touch cue.

    The Pause control pauses the slides (and the hand) and stays in the loop: it turns into
    Play, which goes on from the same picture. A tap anywhere else still starts a visit, as
    it always has. Why not let the pause tap start the visit too (the home screen does not
    move either)? Because a visitor who presses Pause asked for the picture to hold still,
    not for another screen: it does what it says, and the visit is one tap further. A pause
    lasts until the loop closes; the next time nobody is there, it moves again."""

    layer = "attract"

    def __init__(
        self, host: QWidget, texts: TextBinder | None = None, images: ImageCache | None = None
    ):
        super().__init__(host, tap_to_dismiss=True, texts=texts)
        # Every pixel is painted here (the picture, else the layer's background): Qt need not
        # paint the screens under the layer again for each frame
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.clock = _frame_clock(self)  # the frames of the pan, the fades and the hand
        self.clock.timeout.connect(self._tick)
        self.cache = images if images is not None else ImageCache(parent=self)
        self.slides: list[Slide] = []
        self.film: Player | None = None  # the film shown now, or None for a picture
        self._upcoming: tuple[int, Player] | None = None  # the next slide's film, made ahead
        self._due_at: float | None = None  # when the slide shown was over (monotonic s)
        self.switch_gaps: list[float] = []  # ms from a slide's end to the next one's first frame
        self.call_to_action: LocalText | None = None  # None: the catalogue's words
        self.band = Band(self)
        self.cue = TouchCue(clock=self.clock)
        self.cta = self.say(self._cta, "display", "h1", other_tone=None, spacing=16)
        # A round key as on the PIN pad (theme.qss: 112 px across)
        self.pause_button = self.control(button("", "key"))
        self.pause_button.setObjectName("attractPause")
        self.pause_button.setIconSize(QSize(PAUSE_ICON_PX, PAUSE_ICON_PX))
        self.pause_button.setFixedSize(PAUSE_PX, PAUSE_PX)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.paused = False
        self.card = CtaCard(self.cta, self.cue, self.pause_button, self.band)
        band = QHBoxLayout(self.band)  # a row: the card gets the width it asks for, centred
        band.setContentsMargins(48, 160, 48, 80)
        band.addStretch(1)
        band.addWidget(self.card)
        band.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.band)
        self.front = Foreground(self.band, self.cue)  # the band and its card, rendered once
        self.slide = -1
        self._current: QPixmap | None = None
        self._previous: QPixmap | None = None
        self._showing = 0  # counts openings: a slide decoded for an earlier one is dropped
        self._held: float | None = None
        self._anim = QVariantAnimation(self, startValue=0.0, endValue=1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.Linear)
        self._anim.finished.connect(self._slide_over)
        self.tapped.connect(self.close_overlay)
        self._ready = False  # nobody is there: the first slide is decoded ahead (get_ready)
        self.set_slides([], 8.0)
        self._say_pause()

    def set_slides(
        self,
        slides: Sequence[Slide | Path],
        seconds_per_slide: float,
        cta: LocalText | None = None,
    ) -> None:
        """The slides (pictures and films; a bare path is a picture), each picture's time,
        and the call to action (None: the catalogue's)."""
        self._let_pictures_go()  # (of the slides before)
        self.slides = [s if isinstance(s, Slide) else Slide(Path(s)) for s in slides]
        self._anim.setDuration(max(500, round(seconds_per_slide * 1000)))
        if cta != self.call_to_action:
            self.call_to_action = cta
            self.cta.rebuild()
        if self._ready:
            self._prefetch(0)

    def get_ready(self) -> None:
        """Nobody is there and the loop may come next: its first picture is decoded now (off
        the UI thread), so that it opens on a picture. Until then, and again from the moment
        it closes, the loop holds no decoded picture (a visitor's screens have the memory)."""
        self._ready = True
        self._prefetch(0)

    @property
    def images(self) -> list[Path]:
        return [slide.path for slide in self.slides]

    def open(self) -> None:
        self._held = None
        self.paused = False
        super().open()
        self._say_pause()
        if self._animate():
            self.cue.start()
        else:
            self.cue.stop()
        self._showing += 1
        self.slide = -1
        self._current = self._previous = None
        self._next()

    def _cta(self, lang: str) -> str:
        if self.call_to_action is None:
            return self.chrome.text("touch_to_explore", lang)
        return self.call_to_action.get(lang)

    def hold(self, t: float) -> None:
        """Stop the motion at fraction `t` of the current slide, the touch cue at rest (for
        screenshots)."""
        self._held = t
        self.cue.stop()
        if self.film is not None:
            self.film.pause()
        self._freeze()

    def _animate(self) -> bool:
        """Whether the window animates (its context's `animate`: off for screenshots and with
        reduced motion)."""
        ctx = getattr(self.parentWidget(), "ctx", None)
        return bool(getattr(ctx, "animate", True))

    # ---- pause ----------------------------------------------------------------------------

    def toggle_pause(self) -> None:
        """Pause: the picture and the hand hold still where they are; Play: they go on."""
        self.paused = not self.paused
        if self.paused:
            self.cue.stop()
            if self._anim.state() == QAbstractAnimation.State.Running:
                self._anim.pause()
            if self.film is not None:
                self.film.pause()
        else:
            if self._animate() and self._held is None:
                self.cue.start()
            if self._anim.state() == QAbstractAnimation.State.Paused and self._held is None:
                self._anim.resume()
                self._run_clock()
            if self.film is not None and self._held is None:
                self.film.play()
        self._say_pause()

    def moving(self) -> bool:
        """Whether the slides change by themselves now (not paused, not held)."""
        if self.film is not None:
            return self.film.playing
        return self._anim.state() == QAbstractAnimation.State.Running

    def _say_pause(self) -> None:
        """The control's icon and its accessible name (for screen readers, in every
        language): what a tap on it will do."""
        key = "play" if self.paused else "pause"
        self.texts.bind(
            self.pause_button,
            lambda lang: " / ".join(
                dict.fromkeys(self.chrome.text(key, each) for each in self.chrome.order(lang))
            ),
            apply=self.pause_button.setAccessibleName,
        )
        self.pause_button.ensurePolished()
        colour = self.pause_button.palette().color(QPalette.ColorRole.ButtonText).name()
        self.pause_button.setIcon(icon(PLAY_ICON if self.paused else PAUSE_ICON, colour))

    def set_chrome(self, chrome) -> None:
        super().set_chrome(chrome)
        self._say_pause()

    def close_overlay(self) -> None:
        self._anim.stop()
        self.cue.stop()
        self.clock.stop()
        self._showing += 1
        self._current = self._previous = None  # free the pixmaps while visitors browse
        self.front.release()
        self._let_films_go()
        self._ready = False
        self._let_pictures_go()
        super().close_overlay()

    def host_resized(self) -> None:
        if self._ready or self.isVisible():
            self._prefetch(max(0, self.slide))

    # ---- slides -------------------------------------------------------------------------

    def _room(self) -> QSize:
        """The layer's size with room to zoom: what a slide is decoded to cover."""
        host = self.parentWidget()
        size = host.size() if host is not None else self.size()
        return QSize(round(size.width() * (1 + ZOOM)), round(size.height() * (1 + ZOOM)))

    def _at_room(self, image: QImage) -> QImage:
        """The picture scaled once to cover the layer with room to zoom (the cache keeps a
        smaller source at its own size): a frame then resamples it by at most ZOOM."""
        covering = cover_size(QSizeF(image.size()), QSizeF(self._room())).toSize()
        if covering.width() <= image.width() or covering.width() < 1 or covering.height() < 1:
            return image
        mode = Qt.TransformationMode.SmoothTransformation
        return image.scaled(covering, Qt.AspectRatioMode.IgnoreAspectRatio, mode)

    def _prefetch(self, index: int) -> None:
        """Have slide `index` ready before it is due: a picture decoded (off the UI thread), a
        film opened and paused on its first frame."""
        if not self.slides:
            return
        index %= len(self.slides)
        slide = self.slides[index]
        if slide.video:
            if self.isVisible() and self._upcoming is None and not self._is_film_of(index):
                player = self._make_player(slide)
                if player is not None:
                    player.pause()  # (opens the file and decodes the first frame)
                    self._upcoming = (index, player)
            return
        room = self._room()
        if room.width() > 1 and room.height() > 1:
            self.cache.request(slide.path, room, _ignore, mode="cover", owner=self)

    def _let_pictures_go(self) -> None:
        """The cache forgets the slides' pictures decoded at the layer's size (and drops a
        decode still waiting for them)."""
        room = self._room()
        for slide in self.slides:
            if not slide.video:
                self.cache.release(slide.path, room, mode="cover", owner=self)

    def _next(self) -> None:
        if not self.isVisible():
            return
        if not self.slides:
            self._start(None)
            return
        self._due_at = time.monotonic()
        self._fetch(self.slide + 1, tries=len(self.slides))

    def _slide_over(self) -> None:
        """A picture's time is up (a film's own end moves the loop on instead)."""
        if self.film is None or self.film.frame is None:
            self._next()

    def _fetch(self, index: int, tries: int) -> None:
        index %= len(self.slides)
        slide = self.slides[index]
        if slide.video:
            self._play(index, tries)
            return
        arrived = partial(self._arrived, self._showing, index, tries)
        self.cache.request(slide.path, self._room(), arrived, mode="cover", owner=self)

    def _arrived(self, showing: int, index: int, tries: int, image: QImage | None) -> None:
        if showing != self._showing or not self.isVisible():
            return
        if image is None:  # unreadable (deleted after the content was loaded): skip it
            log.warning("attract: cannot read %s", self.slides[index].path)
            self._skip(index, tries)
            return
        self._drop_film()
        self.slide = index
        self._start(QPixmap.fromImage(self._at_room(image)))
        self._record_switch()
        self._prefetch(index + 1)

    def _skip(self, index: int, tries: int) -> None:
        if tries > 1:
            self._fetch(index + 1, tries - 1)
        else:
            self._start(None)

    # ---- films ----------------------------------------------------------------------------

    def _media(self):
        ctx = getattr(self.parentWidget(), "ctx", None)
        return getattr(ctx, "media", None)

    def _make_player(self, slide: Slide) -> Player | None:
        try:
            player = Player(
                slide.path, self._media(), visitor=False, sound=slide.sound, parent=self
            )
        except Exception:  # noqa: BLE001 - no multimedia backend: the loop shows its pictures
            log.exception("attract: cannot play %s", slide.path)
            return None
        return player

    def _is_film_of(self, index: int) -> bool:
        return self.film is not None and self.slide == index

    def _play(self, index: int, tries: int) -> None:
        """Film `index` next: the picture (or film) shown stays on screen until the film's
        first frame is there, so the switch never shows an empty frame."""
        if self._is_film_of(index):  # the same film again (the loop has one item): rewind
            assert self.film is not None
            self.film.seek(0)
            self.film.play()
            self._anim.stop()
            self._record_switch()
            return
        upcoming, self._upcoming = self._upcoming, None
        player = upcoming[1] if upcoming is not None and upcoming[0] == index else None
        if upcoming is not None and player is None:
            upcoming[1].retire()
        if player is None:
            player = self._make_player(self.slides[index])
        if player is None:
            self._skip(index, tries)
            return
        player.failed.connect(partial(self._film_failed, self._showing, index, tries, player))
        if player.frame is not None:
            self._show_film(index, player)
        else:
            player.frame_changed.connect(partial(self._first_frame, self._showing, index, player))
        if not self.paused:
            player.play()

    def _first_frame(self, showing: int, index: int, player: Player) -> None:
        if player.frame is None or self.film is player:
            return
        if showing != self._showing or not self.isVisible():
            return
        self._show_film(index, player)

    def _show_film(self, index: int, player: Player) -> None:
        still = self._still_of_film()
        self._drop_film()
        self.slide = index
        self.film = player
        player.frame_changed.connect(self.update)
        player.ended.connect(self._film_ended)
        self._previous, self._current = still or self._current, None
        self._anim.start()  # (only the fade in: the film's own end moves on)
        self._run_clock()
        if self.paused:
            self._anim.pause()
            player.pause()
        self._record_switch()
        self.update()
        self._prefetch(index + 1)

    def _film_ended(self) -> None:
        if self.film is not None and self.isVisible():
            self._next()

    def _film_failed(self, showing: int, index: int, tries: int, player: Player, _why: str) -> None:
        if showing != self._showing:
            return
        if self.film is player:
            self._drop_film()
            self._next()
        else:
            player.retire()
            self._skip(index, tries)

    def _still_of_film(self) -> QPixmap | None:
        """The film's last frame as a picture, to fade out from."""
        if self.film is None or self.film.frame is None:
            return None
        image = self.film.frame.toImage()
        return None if image.isNull() else QPixmap.fromImage(image)

    def _drop_film(self) -> None:
        if self.film is not None:
            still = self._still_of_film()
            if still is not None:
                self._current = still
            film, self.film = self.film, None
            film.retire()

    def _let_films_go(self) -> None:
        if self.film is not None:
            film, self.film = self.film, None
            film.retire()
        if self._upcoming is not None:
            self._upcoming[1].retire()
            self._upcoming = None

    def _record_switch(self) -> None:
        if self._due_at is not None:
            self.switch_gaps.append((time.monotonic() - self._due_at) * 1000)
            del self.switch_gaps[:-100]
            self._due_at = None

    # ---- painting ---------------------------------------------------------------------------

    def _start(self, pixmap: QPixmap | None) -> None:
        self._previous, self._current = self._current, pixmap
        self._anim.start()
        self._run_clock()
        if self.paused and self._held is None:  # (a slide decoded while paused waits too)
            self._anim.pause()
        self._freeze()

    def _run_clock(self) -> None:
        if not self.clock.isActive():
            self.clock.start()

    def _tick(self) -> None:
        """One frame: the picture moved (or a film fades in over the picture before it), the
        hand with it; else the hand alone; the clock stops once nothing moves."""
        if self._frame_due():
            self.update()
        elif self.cue.pulsing():
            self.cue.update()
        else:
            self.clock.stop()

    def _frame_due(self) -> bool:
        """Whether the layer looks different now than at the last tick."""
        if not self.isVisible() or self._held is not None or not self._animate():
            return False  # (with reduced motion a slide stands still: nothing to repaint)
        if self._anim.state() != QAbstractAnimation.State.Running:
            return False
        if self.film is not None and self.film.frame is not None:
            return self._anim.currentTime() < FILM_FADE_MS  # (its frames paint themselves)
        return True

    def _freeze(self) -> None:
        if self._held is not None:
            if self._anim.state() == QAbstractAnimation.State.Running:
                self._anim.pause()
            self._anim.setCurrentTime(round(self._anim.duration() * self._held))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        """The picture (or film), then the band and its card copied in front of it; the hand
        paints itself on top (a child of the card)."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self._paint_picture(painter)
        self._paint_front(painter, event.rect())
        painter.end()

    def _paint_front(self, painter: QPainter, exposed: QRect) -> None:
        """The foreground's pixmap where it is exposed: a copy, pixel for pixel."""
        pixmap = self.front.pixmap()
        place = self.band.geometry()
        area = exposed.intersected(place)
        if pixmap is None or area.isEmpty():
            return
        ratio = pixmap.devicePixelRatio()
        inside = QRectF(area.translated(-place.topLeft()))
        source = QRectF(
            inside.x() * ratio, inside.y() * ratio, inside.width() * ratio, inside.height() * ratio
        )
        painter.setOpacity(1.0)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # (not scaled)
        painter.drawPixmap(QRectF(area), pixmap, source)

    def _paint_picture(self, painter: QPainter) -> None:
        if self.film is not None and self.film.frame is not None:
            self._paint_film(painter)
            return
        if self._held is None and not self._animate():  # reduced motion: a cut, held still
            self._paint_backdrop(painter, self._current)
            if self._current is not None:
                self._paint_still(painter, self._current)
            return
        t = float(self._anim.currentValue() or 0.0)
        alpha = min(1.0, t / FADE)
        under = self._previous if t < FADE else None
        opaque = under if under is not None else self._current if alpha >= 1.0 else None
        self._paint_backdrop(painter, opaque)
        if under is not None:
            self._paint_slide(painter, under, 1.0, self.slide - 1, 1.0)
        if self._current is not None:
            self._paint_slide(painter, self._current, t, self.slide, alpha)

    def _paint_backdrop(self, painter: QPainter, covering: QPixmap | QImage | None) -> None:
        """The layer's background (theme.qss), where no opaque picture covers it all (the
        layer is opaque to Qt: nothing else paints behind it)."""
        if covering is not None and not covering.isNull() and not covering.hasAlphaChannel():
            return
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)

    def _paint_film(self, painter: QPainter) -> None:
        """The film's frame covering the layer, faded in over the slide before it."""
        assert self.film is not None
        image = self.film.frame.toImage()
        elapsed = (
            self._anim.currentTime()
            if self._anim.state() != QAbstractAnimation.State.Stopped
            else FILM_FADE_MS
        )
        alpha = 1.0 if not self._animate() else min(1.0, elapsed / FILM_FADE_MS)
        under = self._previous if alpha < 1.0 else None
        self._paint_backdrop(
            painter, under if under is not None else image if alpha >= 1.0 else None
        )
        if under is not None:
            self._paint_still(painter, under)
        if not image.isNull():
            covering = cover_size(QSizeF(image.size()), QSizeF(self.size()))
            w, h = covering.width(), covering.height()
            box = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
            painter.setOpacity(alpha)
            painter.drawImage(box, image)
            painter.setOpacity(1.0)
        if alpha >= 1.0 and self._previous is not None:
            self._previous = None  # (the fade goes on with the clock's frames until then)

    def _paint_still(self, painter: QPainter, pixmap: QPixmap) -> None:
        """The slide covering the layer, centred, neither zoomed nor panned."""
        covering = cover_size(QSizeF(pixmap.size()), QSizeF(self.size()))
        w, h = covering.width(), covering.height()
        box = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
        painter.drawPixmap(box, pixmap, QRectF(pixmap.rect()))

    def _paint_slide(self, painter: QPainter, pixmap: QPixmap, t: float, index: int, alpha: float):
        """Zoom in on even slides and out on odd ones, panning toward alternating corners."""
        zoom = 1 + ZOOM * (t if index % 2 == 0 else 1 - t)
        box = QSizeF(self.width() * zoom, self.height() * zoom)
        covering = cover_size(QSizeF(pixmap.size()), box)
        w, h = covering.width(), covering.height()
        slack_x, slack_y = w - self.width(), h - self.height()
        direction = 1 if index % 4 < 2 else -1
        pan = t if direction > 0 else 1 - t
        top_left = QPointF(-slack_x * pan, -slack_y * (1 - pan))
        painter.setOpacity(alpha)
        painter.drawPixmap(QRectF(top_left.x(), top_left.y(), w, h), pixmap, QRectF(pixmap.rect()))
        painter.setOpacity(1.0)
