"""Video block: a film with its poster until a tap plays it, captions in the displayed language
(on by default), large controls under it and a full-screen view.

The controls: Play/Pause, a progress bar a finger taps or drags to a moment, the time, Sound
on/off, Captions on/off and Full screen, each 64 px or more. A tap on the picture plays or
pauses too. The player is made on the first play and let go when the panel is left (a hidden
screen keeps no decoder); the poster shows again. Every film stops at a session reset
(kiosk/services/video.py, `MediaHub.stop_all`), and while a film a visitor started plays, the
idle countdown waits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QStackedLayout, QWidget

from kiosk.content.media import Captions, read_caption_file
from kiosk.content.views import VideoBlock
from kiosk.services.video import Player
from kiosk.ui.blocks.base import TOUCH, BlockWidget, IconButton
from kiosk.ui.blocks.swipe import SwipeArea
from kiosk.ui.image_view import ImageView
from kiosk.ui.keypad import focusable, name_control
from kiosk.ui.video import VideoSurface
from kiosk.ui.widgets import Label

log = logging.getLogger(__name__)

STAGE_MAX_HEIGHT = 720
STAGE_MIN_HEIGHT = 240
# What the window keeps around the picture: the top bar, the block's title, the controls.
WINDOW_CHROME = 400
VIEWER_PAD = 24
PLAY, PAUSE = "mdi6.play", "mdi6.pause"
SOUND_ON, SOUND_OFF = "mdi6.volume-high", "mdi6.volume-off"
CAPTIONS_ON, CAPTIONS_OFF = "mdi6.subtitles", "mdi6.subtitles-outline"
FULL_SCREEN = "mdi6.arrow-expand-all"
VIDEO_ICONS = (PLAY, PAUSE, SOUND_ON, SOUND_OFF, CAPTIONS_ON, CAPTIONS_OFF, FULL_SCREEN)


def clock(ms: int) -> str:
    """ "1:05" for 65,000 ms."""
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class Scrubber(SwipeArea):
    """The progress bar: a 64 px band whose track fills as the film plays; a tap goes to that
    moment and a sideways drag follows the finger. A vertical drag still scrolls the page."""

    seek = Signal(float)  # where to go, as a share of the film (0 to 1)

    def __init__(self, colors, parent: QWidget | None = None):
        super().__init__(parent)
        self.colors = colors
        self.share = 0.0
        self.setMinimumHeight(TOUCH)
        self.setMinimumWidth(2 * TOUCH)
        self.tapped.connect(self._to)
        focusable(self)

    def set_share(self, share: float) -> None:
        share = max(0.0, min(1.0, share))
        if abs(share - self.share) * self.width() >= 0.5 or share in (0.0, 1.0):
            self.share = share
            self.update()

    def activate(self) -> None:
        """The keypad's Enter: ten seconds on (the bar cannot be dragged from a keypad)."""
        self.seek.emit(-1.0)

    def _track(self) -> QRectF:
        knob = 14
        return QRectF(knob, self.height() / 2 - 4, max(1, self.width() - 2 * knob), 8)

    def _to(self, pos: QPointF) -> None:
        track = self._track()
        self.seek.emit(max(0.0, min(1.0, (pos.x() - track.left()) / track.width())))

    def _move(self, pos: QPointF) -> None:
        super()._move(pos)
        if self._axis == "h":
            self._to(pos)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = self._track()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.colors.outline))
        painter.drawRoundedRect(track, 4, 4)
        done = QRectF(track)
        done.setWidth(track.width() * self.share)
        painter.setBrush(QColor(self.colors.primary))
        painter.drawRoundedRect(done, 4, 4)
        painter.drawEllipse(QPointF(done.right(), track.center().y()), 14, 14)
        painter.end()


class VideoControls(QWidget):
    """Play/Pause, the progress bar, the time, Sound, Captions and (in the block) Full screen,
    for whatever player the block has now."""

    def __init__(self, owner: VideoBlockWidget, full_screen: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.owner = owner
        ctx = owner.ctx
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.play_button = IconButton(PLAY, ctx, name="video_play")
        self.play_button.clicked.connect(owner.toggle)
        self.scrubber = Scrubber(ctx.palette)
        name_control(ctx, self.scrubber, lambda lang: ctx.chrome("video_position", lang))
        self.scrubber.seek.connect(owner.seek_share)
        self.time = Label("caption", "muted")
        self.time.setWordWrap(False)  # ("0:01 / 0:20" on one line, at A+ too)
        self.sound_button = IconButton(SOUND_ON, ctx, name="video_sound_off")
        self.sound_button.clicked.connect(owner.toggle_sound)
        self.captions_button = IconButton(CAPTIONS_ON, ctx, name="captions_off")
        self.captions_button.clicked.connect(owner.toggle_captions)
        self.captions_button.setVisible(bool(owner.block.captions))
        row.addWidget(self.play_button)
        row.addWidget(self.scrubber, 1)
        row.addWidget(self.time)
        row.addWidget(self.sound_button)
        row.addWidget(self.captions_button)
        self.full_button: IconButton | None = None
        if full_screen:
            self.full_button = IconButton(FULL_SCREEN, ctx, name="video_full_screen")
            self.full_button.clicked.connect(owner.show_full_screen)
            row.addWidget(self.full_button)
        self.refresh()

    def refresh(self) -> None:
        """Icons, names and the bar as the film is now."""
        owner = self.owner
        player = owner.player
        playing = player is not None and player.playing
        self._set(
            self.play_button, PAUSE if playing else PLAY, "video_pause" if playing else "video_play"
        )
        sound = owner.sound
        self._set(
            self.sound_button,
            SOUND_ON if sound else SOUND_OFF,
            "video_sound_off" if sound else "video_sound_on",
        )
        on = owner.captions_on
        self._set(
            self.captions_button,
            CAPTIONS_ON if on else CAPTIONS_OFF,
            "captions_off" if on else "captions_on",
        )
        self.show_position()

    def show_position(self, *_args) -> None:
        player = self.owner.player
        position = player.position() if player is not None else 0
        duration = player.duration() if player is not None else 0
        self.scrubber.set_share(position / duration if duration > 0 else 0.0)
        if duration > 0:
            self.time.setText(f"{clock(position)} / {clock(duration)}")
        self.time.setVisible(duration > 0)  # (known once the film is open)

    def _set(self, button: IconButton, icon: str, name: str) -> None:
        if button.icon_name != icon:
            button.icon_name = icon
            button.update()
        if button.property("nameKey") != name:  # (rebinding at every refresh: needless churn)
            button.setProperty("nameKey", name)
            ctx = self.owner.ctx
            name_control(ctx, button, lambda lang: ctx.chrome(name, lang))


class VideoBlockWidget(BlockWidget):
    block: VideoBlock
    opened = Signal()  # the full-screen view opened

    def __init__(self, block: VideoBlock, ctx, parent=None):
        super().__init__(block, ctx, parent)
        self.player: Player | None = None
        self.viewer: VideoViewer | None = None
        self.sound = ctx.snapshot.site.sound.video_sound
        self.captions_on = True
        self._captions: dict[str, Captions] | None = None
        layout = self.vbox(spacing=12)
        self.title = self.title_label(layout, block.title)
        self.stage = SwipeArea()
        self.stage.setObjectName("videoStage")
        stack = QStackedLayout(self.stage)
        stack.setStackingMode(QStackedLayout.StackingMode.StackAll)
        self.poster = ImageView(
            ctx.images,
            ctx.snapshot.image_path(block.poster),
            mode="contain",
            radius=12,
            max_height=STAGE_MAX_HEIGHT,
            background=self.colors.surface,
        )
        self.surface = self._surface()
        stack.addWidget(self.surface)
        stack.addWidget(self.poster)
        self.surface.raise_()
        self.stage.tapped.connect(lambda _pos: self.toggle())  # (the keypad's Enter too)
        focusable(self.stage)
        name_control(ctx, self.stage, self._stage_name)
        layout.addWidget(self.stage)
        self.controls = VideoControls(self, full_screen=True)
        layout.addWidget(self.controls)
        self.trouble = self.label(lambda lang: ctx.chrome("video_unplayable", lang), "caption")
        self.trouble.hide()
        layout.addWidget(self.trouble)
        self.caption = self.optional_label(block.caption, "caption")
        layout.addWidget(self.caption)
        self.credit = self.optional_label(block.credit, "source", tone="muted")
        layout.addWidget(self.credit)

    def _surface(self, parent: QWidget | None = None) -> VideoSurface:
        surface = VideoSurface(lambda: self.ctx.lang, lambda: self.ctx.font("body"), parent)
        surface.captions_on = self.captions_on
        return surface

    def surfaces(self) -> list[VideoSurface]:
        found = [self.surface]
        if self.viewer is not None:
            found.append(self.viewer.surface)
        return found

    # ---- what a visitor does ----------------------------------------------------------------

    def toggle(self) -> None:
        """Play, or pause the film playing."""
        player = self._ensure_player()
        if player is not None:
            player.toggle()

    def play(self) -> None:
        player = self._ensure_player()
        if player is not None and not player.playing:
            player.play()

    def pause(self) -> None:
        if self.player is not None and self.player.playing:
            self.player.pause()

    def seek_share(self, share: float) -> None:
        player = self._ensure_player()
        if player is None:
            return
        if share < 0:  # the keypad: ten seconds on
            player.seek(player.position() + 10_000)
        elif player.duration() > 0:
            player.seek(round(player.duration() * share))
        for controls in self._all_controls():
            controls.show_position()

    def toggle_sound(self) -> None:
        self.sound = not self.sound
        if self.player is not None:
            self.player.set_sound(self.sound)
        self._refresh()

    def toggle_captions(self) -> None:
        self.captions_on = not self.captions_on
        for surface in self.surfaces():
            surface.captions_on = self.captions_on
            surface.update()
        self._refresh()

    def show_full_screen(self) -> None:
        if self.viewer is None:
            self.viewer = VideoViewer(self)
        self.viewer.cover_window()
        self.viewer.show()
        self.viewer.raise_()
        self.opened.emit()

    def close_full_screen(self) -> None:
        if self.viewer is not None:
            viewer, self.viewer = self.viewer, None
            viewer.surface.set_player(None)
            viewer.hide()
            viewer.deleteLater()

    def reset(self) -> None:
        """A new session: the film let go, sound and captions as the site sets them."""
        self.close_full_screen()
        self._release()
        self.sound = self.ctx.snapshot.site.sound.video_sound
        self.captions_on = True
        for surface in self.surfaces():
            surface.captions_on = True
        self._refresh()

    # ---- inside -------------------------------------------------------------------------

    def _ensure_player(self) -> Player | None:
        if self.player is not None:
            return self.player
        path = self.ctx.snapshot.root / self.block.video.root
        try:
            player = Player(path, self.ctx.media, visitor=True, sound=self.sound, parent=self)
        except Exception:  # noqa: BLE001 - no QtMultimedia, no backend: the poster stays
            log.exception("cannot make a player for %s", path)
            self.trouble.show()
            return None
        self.player = player
        player.playing_changed.connect(self._refresh)
        player.position_changed.connect(self._moved)
        player.duration_changed.connect(self._moved)
        player.failed.connect(self._failed)
        captions = self._load_captions()
        for surface in self.surfaces():
            surface.captions = captions
            surface.set_player(player)
        return player

    def _load_captions(self) -> dict[str, Captions]:
        if self._captions is None:
            self._captions = {}
            root = self.ctx.snapshot.root
            for lang, relative in self.block.captions.items():
                captions, problems = read_caption_file(root, relative.root)
                for problem in problems:
                    log.warning("%s:%s: %s", relative.root, problem.line, problem.message)
                if captions is not None and captions.cues:
                    self._captions[lang] = captions
        return self._captions

    def _release(self) -> None:
        player, self.player = self.player, None
        if player is not None:
            for surface in self.surfaces():
                surface.set_player(None)
            player.retire()

    def _failed(self, _message: str) -> None:
        self.trouble.show()
        self._release()
        self._refresh()

    def _moved(self, *_args) -> None:
        for controls in self._all_controls():
            controls.show_position()

    def _refresh(self, *_args) -> None:
        for controls in self._all_controls():
            controls.refresh()

    def _all_controls(self) -> list[VideoControls]:
        found = [self.controls]
        if self.viewer is not None:
            found.append(self.viewer.controls)
        return found

    def _stage_name(self, lang: str) -> str:
        title = (
            self.block.title.get(lang) if self.block.title else self.ctx.chrome("video_play", lang)
        )
        return self.ctx.chrome("video_open", lang).format(title=title)

    def retranslate(self, lang: str = "") -> None:
        super().retranslate(lang)
        for surface in self.surfaces():
            surface.update()  # the captions in the new language, at the same moment

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        # The picture, its title and its controls on one screen: no scrolling to reach Play.
        room = self.window().height() - WINDOW_CHROME
        cap = max(STAGE_MIN_HEIGHT, min(STAGE_MAX_HEIGHT, room))
        if cap != self.poster.max_height:
            self.poster.max_height = cap
            self.poster.updateGeometry()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        self.close_full_screen()  # (the viewer too: Home or a swipe left the panel under it)
        self._release()  # the panel was left: no decoder kept for a hidden screen
        self._refresh()


class VideoViewer(QWidget):
    """The film full screen, over the screen area (the top bar stays in reach): the picture as
    large as fits, the same controls under it, and Close. A tap on the picture plays or pauses;
    a swipe down closes."""

    def __init__(self, block: VideoBlockWidget):
        host = block.ctx.overlay_host or block.window()
        super().__init__(host)
        prepare = getattr(host, "prepare", None)
        if prepare is not None:  # the text size of the moment, before its parts are made
            prepare(self)
        self.setProperty("overlay", True)
        self.setObjectName("videoViewer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.owner = block
        self.block = block.block  # (what the screen checker points a finding at)
        self.area = SwipeArea(self, forward_vertical=False)
        self.area.tapped.connect(lambda _pos: block.toggle())
        self.area.swiped.connect(self._swiped)
        self.surface = block._surface(self.area)
        self.surface.captions = block._captions or {}
        self.surface.set_player(block.player)
        self.controls = VideoControls(block, full_screen=False, parent=self)
        self.close_button = IconButton("mdi6.close", block.ctx, self)
        self.close_button.setObjectName("viewerClose")
        self.close_button.clicked.connect(block.close_full_screen)
        host.installEventFilter(self)

    def _swiped(self, direction: str) -> None:
        if direction == "down":
            self.owner.close_full_screen()

    def cover_window(self) -> None:
        host = self.parentWidget()
        if host is not None:
            self.setGeometry(host.rect())
        self.place()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.cover_window()
        return False

    def place(self) -> None:
        w, h = self.width(), self.height()
        portrait = h > w
        bottom = h - VIEWER_PAD - TOUCH
        self.controls.setGeometry(VIEWER_PAD, bottom, w - 3 * VIEWER_PAD - TOUCH, TOUCH)
        top = VIEWER_PAD if portrait else 2 * VIEWER_PAD + TOUCH
        self.area.setGeometry(0, top, w, bottom - VIEWER_PAD - top)
        self.surface.setGeometry(self.area.rect())
        # (on a portrait screen the top is out of reach: Close goes down beside the controls)
        self.close_button.move(w - VIEWER_PAD - TOUCH, bottom if portrait else VIEWER_PAD)
        self.controls.refresh()
        self.close_button.raise_()
