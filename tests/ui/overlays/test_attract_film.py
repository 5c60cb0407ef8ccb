"""The attract loop with a film among its pictures: from a picture to the film and back with no
empty frame on the screen, silent unless the site asks for sound, paused by its Pause control,
and let go when a visitor comes."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QColor

from tests.conftest import SAMPLE_CONTENT
from tests.services.kit import write_image

FILM = SAMPLE_CONTENT / "videos" / "attract-loop.mp4"
RED, GREEN = QColor("#cc2222"), QColor("#22aa44")


@pytest.fixture
def film_loop(kiosk, tmp_path, qtbot):
    """The kiosk's attract loop over [red picture, film, green picture], opened."""

    def make(sound: bool = False):
        root = tmp_path / "content"
        (root / "videos").mkdir(parents=True)
        shutil.copy(FILM, root / "videos" / "loop.mp4")
        write_image(root / "images" / "red.png", RED.name())
        write_image(root / "images" / "green.png", GREEN.name())
        from tests.services.kit import NO_IDLE, write_content

        items = [
            {"image": "images/red.png"},
            {"video": "videos/loop.mp4", **({"sound": True} if sound else {})},
            {"image": "images/green.png"},
        ]
        site = {"idle": NO_IDLE, "attract": {"items": items, "seconds_per_slide": 2}}
        write_content(root, site)
        running = kiosk(content=None, size=(960, 540))
        assert running.kiosk.initial.folder.ok, running.kiosk.initial.folder.problems
        loop = running.overlays.attract
        loop.open()
        qtbot.waitUntil(lambda: loop.slide == 0 and loop._current is not None, timeout=5000)
        return running, loop

    return make


def corner(loop) -> QColor:
    """What the screen shows at the top left, away from the call to action's card."""
    return loop.grab().toImage().pixelColor(20, 20)


def near(a: QColor, b: QColor, slack: int = 40) -> bool:
    return all(abs(x - y) <= slack for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_from_a_picture_to_the_film_and_on_with_never_an_empty_frame(qtbot, film_loop):
    running, loop = film_loop()
    empty = QColor(running.window.ctx.palette.backdrop)  # the layer with nothing on it
    assert near(corner(loop), RED)
    seen: list[QColor] = []

    def watch() -> bool:
        seen.append(corner(loop))
        return loop.film is not None and loop.film.frames > 3

    qtbot.waitUntil(watch, timeout=10_000)  # the picture's 2 s, then the film
    film_colour = corner(loop)
    assert not near(film_colour, RED)  # the film is on the screen
    assert loop.film.volume() == 0.0  # silent: the site did not ask for sound
    # every grab while it switched showed the picture or the film, never the bare layer
    assert all(not near(c, empty, 8) for c in seen)

    loop.film.seek(loop.film.duration() - 300)  # (the film is 8 s long: skip to its end)
    seen.clear()

    def after() -> bool:
        seen.append(corner(loop))
        return loop.film is None and loop.slide == 2

    qtbot.waitUntil(after, timeout=10_000)
    assert near(corner(loop), GREEN)
    assert all(not near(c, empty, 8) for c in seen)
    assert len(loop.switch_gaps) >= 2  # each switch was timed (benchmarks report them)
    assert running.window.ctx.media.players() == []  # the film was let go once it ended


def test_pause_holds_the_film_and_a_tap_lets_it_go(qtbot, film_loop, touch):
    running, loop = film_loop(sound=True)
    qtbot.waitUntil(lambda: loop.film is not None and loop.film.frames > 3, timeout=10_000)
    assert loop.film.volume() > 0  # `sound: true`
    touch.tap(loop.pause_button)
    qtbot.waitUntil(lambda: not loop.film.playing, timeout=5000)
    frames = loop.film.frames
    qtbot.wait(300)
    assert loop.film.frames == frames
    assert not loop.moving()
    touch.tap(loop, loop.rect().topLeft() + loop.rect().center() / 4)  # a visitor
    qtbot.waitUntil(lambda: not loop.isVisible(), timeout=5000)
    assert loop.film is None
    assert running.window.ctx.media.players() == []
