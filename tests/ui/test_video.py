"""A film on a panel, as a visitor meets it: the real kiosk, the sample's real H.264 film played
by QtMultimedia's FFmpeg backend, real touch events, and what the screen shows afterwards."""

from __future__ import annotations

import shutil

import pytest
import shiboken6
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage

from kiosk.services.idle import IdleState
from kiosk.services.video import RETIRE_MS
from kiosk.ui.blocks.video import VideoBlockWidget
from tests.conftest import SAMPLE_CONTENT
from tests.services.kit import CYCLE_IDLE, IDLE_SCALE, NO_IDLE, panel, write_image

FILM = SAMPLE_CONTENT / "videos" / "etown-tour.mp4"
EN_VTT = """WEBVTT

00:00.000 --> 00:02.000
The film begins

00:02.000 --> 00:30.000
Later in the film
"""
ZH_VTT = """WEBVTT

00:00.000 --> 00:02.000
影片开始

00:02.000 --> 00:30.000
影片后段
"""


def film_block(**extra) -> dict:
    return {
        "type": "video",
        "title": {"zh": "亦庄一览", "en": "E-Town at a glance"},
        "video": "videos/film.mp4",
        "poster": "images/poster.png",
        "captions": {"zh": "videos/film.zh.vtt", "en": "videos/film.en.vtt"},
        "caption": {"zh": "示意影片", "en": "A placeholder film"},
        **extra,
    }


@pytest.fixture
def film_kiosk(kiosk, tmp_path, qtbot):
    """film_kiosk(idle=NO_IDLE, sound=None, **config): the kiosk on a panel with a film (the
    sample's) and zh/en captions, the panel shown; returns (running, block widget)."""

    def make(idle=NO_IDLE, sound=None, **config):
        root = tmp_path / "content"
        (root / "videos").mkdir(parents=True)
        shutil.copy(FILM, root / "videos" / "film.mp4")
        (root / "videos" / "film.en.vtt").write_text(EN_VTT, encoding="utf-8")
        (root / "videos" / "film.zh.vtt").write_text(ZH_VTT, encoding="utf-8")
        write_image(root / "images" / "poster.png", "#884422")
        from tests.services.kit import write_content

        site = {"idle": idle, **({"sound": sound} if sound else {})}
        write_content(root, site, [panel("alpha", "Hello", blocks=[film_block()])])
        running = kiosk(content=None, size=(1280, 900), **config)
        assert running.kiosk.initial.folder.ok, running.kiosk.initial.folder.problems
        running.window.show_panel("alpha")
        block = running.window.findChildren(VideoBlockWidget)[0]
        running.window.panels["alpha"].go_to_chapter(0)  # the film in view, as a reader sees it
        qtbot.wait(100)
        return running, block

    return make


def stage_image(block: VideoBlockWidget) -> QImage:
    return block.stage.grab().toImage()


def colour_at_centre(block: VideoBlockWidget) -> QColor:
    image = stage_image(block)
    return image.pixelColor(image.width() // 2, image.height() // 4)


def wait_frames(qtbot, block: VideoBlockWidget, frames: int = 5) -> None:
    qtbot.waitUntil(
        lambda: block.player is not None and block.player.frames >= frames, timeout=10_000
    )


def test_a_tap_plays_the_film_over_its_poster_and_another_tap_pauses_it(qtbot, film_kiosk, touch):
    running, block = film_kiosk()
    qtbot.waitUntil(lambda: not block.poster.is_loading(), timeout=5000)
    poster = colour_at_centre(block)
    assert poster.red() > poster.blue()  # the brown poster, before anything plays
    assert block.player is None  # no decoder for a film nobody asked for

    touch.tap(block.stage)
    wait_frames(qtbot, block)
    assert block.player.playing
    assert colour_at_centre(block) != poster  # the film's picture, not the poster
    assert block.controls.play_button.accessibleName() == "暂停视频"

    touch.tap(block.stage)
    qtbot.waitUntil(lambda: not block.player.playing, timeout=5000)
    held = block.player.position()
    qtbot.wait(400)
    assert block.player.position() == held  # paused, not running on unseen
    assert block.controls.play_button.accessibleName() == "播放视频"


def test_the_play_button_the_progress_bar_and_the_end_of_the_film(qtbot, film_kiosk, touch):
    running, block = film_kiosk()
    touch.tap(block.controls.play_button)
    wait_frames(qtbot, block)
    qtbot.waitUntil(lambda: block.player.duration() > 0, timeout=5000)
    bar = block.controls.scrubber
    touch.tap(bar, QPoint(bar.width() - 20, bar.height() // 2))  # near the end
    qtbot.waitUntil(lambda: block.player.position() > block.player.duration() * 0.8, timeout=5000)
    assert block.controls.time.text().endswith(f"/ 0:{block.player.duration() // 1000:02d}")
    qtbot.waitUntil(lambda: not block.player.playing, timeout=10_000)  # it played to its end
    assert block.controls.play_button.accessibleName() == "播放视频"
    touch.tap(block.stage)  # "play" again: from the start
    qtbot.waitUntil(lambda: block.player.playing, timeout=5000)
    assert block.player.position() < block.player.duration() / 2


def test_captions_are_in_the_displayed_language_and_switch_with_it_at_the_same_moment(
    qtbot, film_kiosk, touch
):
    running, block = film_kiosk()
    touch.tap(block.stage)
    wait_frames(qtbot, block)
    qtbot.waitUntil(lambda: block.surface.caption() == "影片开始", timeout=5000)
    block.player.seek(3000)
    qtbot.waitUntil(lambda: block.player.position() >= 3000, timeout=5000)
    touch.tap(block.stage)  # pause at 0:03
    qtbot.waitUntil(lambda: not block.player.playing, timeout=5000)
    moment = block.player.position()
    assert block.surface.caption() == "影片后段"
    with_words = stage_image(block)

    touch.tap(running.window.top_bar.languages["en"])
    assert block.player.position() == moment
    assert block.surface.caption() == "Later in the film"
    touch.tap(block.controls.captions_button)  # captions off
    assert block.surface.caption() == ""
    without = stage_image(block)
    # the caption band (white on dark, low in the picture) is gone from the screen
    rows = range(int(without.height() * 0.7), without.height())
    assert any(
        with_words.pixelColor(x, y) != without.pixelColor(x, y)
        for y in rows
        for x in range(0, without.width(), 7)
    )
    assert block.controls.captions_button.accessibleName() == "Captions on"


def test_no_countdown_interrupts_a_film_and_the_idle_time_starts_again_when_it_ends(
    qtbot, film_kiosk, touch
):
    running, block = film_kiosk(idle=CYCLE_IDLE, idle_scale=IDLE_SCALE)  # 0.3 s to the countdown
    countdown = running.overlays.countdown
    touch.tap(block.stage)
    wait_frames(qtbot, block)
    assert running.controller.idle.held
    qtbot.wait(1500)  # five times the idle time
    assert not countdown.isVisible()
    assert running.controller.idle.state is IdleState.ACTIVE
    block.player.seek(block.player.duration() - 500)
    qtbot.waitUntil(lambda: not block.player.playing, timeout=10_000)
    qtbot.waitUntil(countdown.isVisible, timeout=5000)  # the idle time ran out after the end


def test_a_session_reset_stops_the_film_and_puts_sound_and_captions_back(qtbot, film_kiosk, touch):
    running, block = film_kiosk()
    touch.tap(block.stage)
    wait_frames(qtbot, block)
    touch.tap(block.controls.sound_button)
    touch.tap(block.controls.captions_button)
    assert (block.sound, block.captions_on) == (False, False)
    running.window.reset_session()
    assert block.player is None  # stopped and let go
    assert not running.controller.idle.held
    assert (block.sound, block.captions_on) == (True, True)
    assert block.controls.sound_button.accessibleName() == "关闭声音"


def test_leaving_the_panel_lets_the_film_go(qtbot, film_kiosk, touch):
    running, block = film_kiosk()
    touch.tap(block.stage)
    wait_frames(qtbot, block)
    output = block.player._output  # (made by C++: deleted by the player, not by Python)
    touch.tap(running.window.top_bar.home)
    qtbot.waitUntil(lambda: block.player is None, timeout=5000)
    assert running.window.ctx.media.players() == []
    qtbot.waitUntil(lambda: not shiboken6.isValid(output), timeout=RETIRE_MS + 3000)


def test_the_full_screen_view_plays_the_same_film_larger_and_closes(qtbot, film_kiosk, touch):
    running, block = film_kiosk()
    touch.tap(block.stage)
    wait_frames(qtbot, block)
    touch.tap(block.controls.full_button)
    viewer = block.viewer
    assert viewer is not None and viewer.isVisible()
    assert viewer.surface.player is block.player
    assert viewer.surface.picture_rect().width() > block.surface.picture_rect().width()
    frames = block.player.frames
    qtbot.waitUntil(lambda: block.player.frames > frames + 3, timeout=5000)
    shot = running.window.grab().toImage()
    centre = shot.pixelColor(shot.width() // 2, shot.height() // 3)
    assert centre != QColor(running.window.ctx.palette.background)  # the film fills it
    touch.tap(viewer.controls.play_button)  # the viewer's own controls work the same film
    qtbot.waitUntil(lambda: not block.player.playing, timeout=5000)
    touch.tap(viewer.close_button)
    assert block.viewer is None


def test_the_sound_follows_the_day_and_is_silent_at_standby(qtbot, film_kiosk, touch, clock):
    sound = {"day_volume": 0.9, "evening_volume": 0.3, "evening_from": "16:00"}
    running, block = film_kiosk(sound=sound)
    touch.tap(block.stage)
    wait_frames(qtbot, block)
    assert block.player.volume() == pytest.approx(0.9)
    clock.set(clock.now().replace(hour=16, minute=30))
    qtbot.waitUntil(lambda: block.player.volume() == pytest.approx(0.3), timeout=5000)
    touch.tap(block.controls.sound_button)
    assert block.player.volume() == 0.0  # the visitor's mute
    running.controller.update_sound()
    running.overlays.standby.open()
    running.controller.update_sound()
    assert running.window.ctx.media.level == 0.0


@pytest.mark.timeout(120)
def test_stopping_and_letting_go_of_a_film_with_sound_never_freezes_the_kiosk(qtbot, film_kiosk):
    """QMediaPlayer.stop() joins the backend's audio thread, which needs Python's GIL while it
    tears down: called with the GIL held, one stop in five froze here for ever."""
    running, block = film_kiosk()
    for turn in range(12):
        block.play()
        wait_frames(qtbot, block, block.player.frames + 2)
        if turn % 2:
            block.pause()  # (a paused film froze most often)
            qtbot.waitUntil(lambda: not block.player.playing, timeout=5000)
        block.player.stop()
        assert not block.player.playing
    block.play()
    wait_frames(qtbot, block, block.player.frames + 2)
    block.reset()  # lets the player go while it plays
    assert block.player is None


def test_a_film_let_go_is_deleted_a_little_later_apart_from_its_panel(qtbot, film_kiosk, touch):
    """Its backend's threads finish ending before its objects go, even if the panel is
    deleted at once (a new content's screens replace the old ones so)."""
    import shiboken6

    from kiosk.services.video import RETIRE_MS

    running, block = film_kiosk()
    touch.tap(block.stage)
    wait_frames(qtbot, block)
    player = block.player
    block.reset()
    block.deleteLater()
    qtbot.wait(50)
    assert shiboken6.isValid(player) and not player.playing
    assert running.window.ctx.media.players() == []  # let go of at once all the same
    qtbot.waitUntil(lambda: not shiboken6.isValid(player), timeout=RETIRE_MS + 3000)


def test_a_stopped_film_lets_its_sound_go_while_python_is_busy(qtbot):
    """The backend deletes its audio renderer on the renderer's thread after a stop, and that
    deletion disconnects it from the QAudioOutput while it holds a Qt connection lock. It must
    not wait for Python then: the UI thread holding the GIL and waiting for that lock froze
    the kiosk (a CI run). Python here keeps the GIL (a switch interval of an hour) while it
    waits for the renderer to have let go of the output."""
    import ctypes
    import sys
    import time

    from PySide6.QtCore import SIGNAL

    from kiosk.services.video import Player, _native

    player = Player(FILM)
    output = player._output
    player.play()
    qtbot.waitUntil(lambda: player.frames >= 5, timeout=10_000)
    volume_changed = SIGNAL("volumeChanged(float)")
    assert output.receivers(volume_changed) >= 1  # the renderer listens to the output
    stop = _native("stop")
    assert stop is not None
    interval = sys.getswitchinterval()
    sys.setswitchinterval(3600)
    try:
        stop(ctypes.c_void_p(shiboken6.getCppPointer(player._player)[0]))  # (GIL let go)
        deadline = time.monotonic() + 3
        while output.receivers(volume_changed) and time.monotonic() < deadline:
            pass  # pure Python: the GIL is not handed to another thread
        listening = output.receivers(volume_changed)
    finally:
        sys.setswitchinterval(interval)
    assert listening == 0
    player.release()
