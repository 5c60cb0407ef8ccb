"""`kiosk check [--content DIR] [--size WxH ...]`: every screen as a visitor meets it, checked.

The kiosk is built as `kiosk run` builds it (kiosk/root.py), its services stopped, and walked
through every screen (home, each panel from top to bottom, the gallery viewer, the hotspot
card, home and a panel with audio mode's bar, every overlay) at each size, in both text
sizes, normal and high contrast, with every language reached by switching on the open screen
as a visitor does. kiosk/ui/screen_check.py says what is checked. A finding is printed once,
in `kiosk validate`'s line format, with the first screen it was seen on; exit status 1 if
there is any. It also warns (without failing) for every visitor text the audio guide's voice
cannot read well (kiosk/content/spoken.py).

A 3840x2160 screen shows the 1920x1080 layout at twice the pixels (kiosk/ui/application.py
scales by the screen), so checking the two common sizes checks the 4K ones too.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.content.loader import load_content
from kiosk.content.problems import Problem
from kiosk.content.spoken import SPEAK_FIX
from kiosk.content.views import Content
from kiosk.offscreen import quiet_offscreen_warnings, use_offscreen_screen

SIZES = [(1920, 1080), (1080, 1920)]


class CheckFailed(RuntimeError):
    """A walk of one size ended with an error instead of findings."""


def check_command(
    content_dir: Path, sizes: list[tuple[int, int]] | None = None, at: datetime | None = None
) -> int:
    result = load_content(Path(content_dir), at.date() if at else None)
    if result.content is None or result.errors:
        for problem in result.problems:
            print(problem.format())
        print(f"kiosk: cannot check the screens, the content in {content_dir} has errors")
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    use_offscreen_screen()
    with quiet_offscreen_warnings():
        try:
            findings = _side_by_side(result.content, sizes or SIZES, at)
        except CheckFailed as failure:
            print(f"kiosk: {failure} (its error is above)")
            return 1
    for problem in findings:
        print(problem.format())
    # What the audio guide cannot say: warnings, as `kiosk validate` prints them.
    for problem in result.warnings:
        if SPEAK_FIX in problem.message:
            print(problem.format())
    count = len(findings)
    print(f"{count} finding{'' if count == 1 else 's'} on the screens of {content_dir}")
    sys.stdout.flush()
    return 1 if findings else 0


def check_screens(
    content: Content,
    sizes: list[tuple[int, int]],
    at: datetime | None = None,
    scales: tuple[float, ...] | None = None,
    contrasts: tuple[bool, ...] = (False, True),
    shoot: Callable[[Any, str, Any], None] | None = None,
    after: Callable[[Any, tuple[int, int]], None] | None = None,
) -> Iterator[Problem]:
    """Each finding once (the first screen it is seen on), as the walk goes. `scales` (text
    sizes, default both) and `contrasts` narrow the walk.

    For a caller that wants more of each screen than its findings (`kiosk self-test` renders
    them too, on the same walk): `shoot(window, name, painted)` is handed every screen once it
    is checked, as it stands (each language once: not again when switched back to the first),
    with what the contrast check grabbed of it (kiosk/ui/screen_check.py: the window painted
    with the texts it measured in no colour; None if it grabbed nothing), and `after(kiosk,
    (width, height))` the kiosk of each size once its walk is done, before it is closed."""
    yield from _once(_walk(content, sizes, at, scales, contrasts, shoot, after))


def _once(problems: Iterable[Problem]) -> Iterator[Problem]:
    """Each finding the first time it is seen (on whichever screen, in whichever look)."""
    seen: set[tuple] = set()
    for problem in problems:
        key = (problem.file, problem.line, problem.field, problem.message.split("] ", 1)[-1])
        if key not in seen:
            seen.add(key)
            yield problem


def _side_by_side(content: Content, sizes: list[tuple[int, int]], at) -> list[Problem]:
    """What `check_screens` finds, with each size walked in a child process of its own where
    the machine has the cores and can fork before Qt starts (Linux): a walk is one thread's
    work, and at scale each size takes minutes. The findings come out as one walk's would."""
    from PySide6.QtCore import QCoreApplication

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if len(sizes) < 2 or cores < 2 or QCoreApplication.instance() is not None:
        return list(check_screens(content, sizes, at))
    sys.stdout.flush()  # (else a child would print what the parent had not yet)
    sys.stderr.flush()
    children = []
    for size in sizes:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: one size, its findings pickled to the parent
            os.close(read)
            status = 0
            try:
                found: list[Problem] | None = list(check_screens(content, [size], at))
            except BaseException:  # noqa: BLE001 - told to the parent, which fails the check
                traceback.print_exc()
                found, status = None, 1
            with os.fdopen(write, "wb") as pipe:
                pipe.write(pickle.dumps(found))
            sys.stdout.flush()
            os._exit(status)
        os.close(write)
        children.append((size, pid, read))
    every: list[Problem] = []
    failed = []
    for (width, height), pid, read in children:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _pid, status = os.waitpid(pid, 0)
        found = pickle.loads(data) if data and status == 0 else None
        if found is None:
            failed.append(f"{width}x{height}")
        else:
            every.extend(found)
    if failed:
        raise CheckFailed(f"the check at {', '.join(failed)} ended without its findings")
    return list(_once(every))


def _walk(content: Content, sizes, at, scales, contrasts, shoot=None, after=None):
    from kiosk.commands.screenshots import noon_today, still_kiosk
    from kiosk.services.clock import ManualClock
    from kiosk.ui.screenshots import high_contrast, sample_admin_info
    from kiosk.ui.theme import TEXT_SCALES

    clock = ManualClock(at or noon_today())
    today = clock.today
    with tempfile.TemporaryDirectory(prefix="kiosk-check-") as data:
        for width, height in sizes:
            kiosk = still_kiosk(content.root, (width, height), clock, Path(data))
            kiosk.controller.overlays.admin_info = lambda: sample_admin_info(content, today)
            try:
                for high in contrasts:
                    snapshot = high_contrast(content) if high else content
                    kiosk.window.set_content(snapshot)
                    kiosk.controller.overlays.set_content(snapshot)
                    for scale in scales or TEXT_SCALES:
                        look = f"{width}x{height}{' A+' if scale > 1 else ''}"
                        look += " contrast" if high else ""
                        walk = _Walk(kiosk, snapshot, look, scale, high, today, shoot)
                        yield from walk.every_screen()
                if after is not None:
                    after(kiosk, (width, height))
            finally:
                kiosk.close()


class _Walk:
    """One look (size, text size, contrast) of the kiosk, every screen of it."""

    def __init__(
        self, kiosk, content: Content, look: str, scale: float, high: bool, today, shoot=None
    ):
        from kiosk.content.locate import Locator

        self.window = kiosk.window
        self.overlays = kiosk.controller.overlays
        self.content = content
        self.look, self.scale, self.high, self.today = look, scale, high, today
        self.langs = list(content.site.languages)
        self.locator = Locator(content)
        self.shoot = shoot

    def every_screen(self) -> Iterator[Problem]:
        from kiosk.ui.screenshots import OVERLAYS, find_block, open_overlays, screenfuls

        window = self.window
        panel_ids = window._order()
        yield from self.every_language(lambda: None, "home")
        for panel_id in panel_ids:
            yield from self.every_language(
                lambda p=panel_id: _open_holding_photos(window, p),
                f"panel {panel_id}",
                scroll=lambda p=panel_id: screenfuls(window.panels[p]),
            )
            window.panels[panel_id].hold_photos(False)
        for method, name in (
            ("open_fullscreen", "gallery viewer"),
            ("open_hotspot", "hotspot card"),
        ):
            panel_id, widget = find_block(window, panel_ids, method)
            if widget is None:
                continue
            for index in range(_count(widget, method)):

                def open_it(p=panel_id, w=widget, m=method, i=index) -> None:
                    window.show_panel(p)
                    window.panels[p].scroll_area.ensureWidgetVisible(w)
                    getattr(w, m)(i)

                yield from self.every_language(open_it, f"{name} {index + 1}")
            window.close_overlays()
        window.audio.show_bar(True)  # audio mode's bar, as it stands while a part is read
        yield from self.every_language(lambda: window.show_home(), "home, audio guide")
        for panel_id in panel_ids[:1]:
            yield from self.every_language(
                lambda p=panel_id: window.show_panel(p), f"panel {panel_id}, audio guide"
            )
        window.audio.show_bar(False)
        window.reset_session()
        window.ctx.set_text_scale(self.scale)
        layers = open_overlays(window, self.content, OVERLAYS[:-1], self.today, self.overlays)
        for overlay_name, _overlay in layers:
            yield from self.check(f"overlay {overlay_name}")
        window.ctx.set_text_scale(1.0)

    def every_language(self, open_screen, name: str, scroll=None) -> Iterator[Problem]:
        """Open in the first language, switch on the open screen to each other, and back."""
        window, langs = self.window, self.langs
        # Home first: the reset's text size (the first) would restyle a long panel left open,
        # and then again in this look's size, for nothing (home is a few tiles).
        window.show_home()
        window.reset_session()
        window.ctx.set_language(langs[0])
        window.ctx.set_text_scale(self.scale)
        open_screen()
        back = [langs[0]] if len(langs) > 1 else []  # (the colours are those seen first)
        for index, lang in enumerate([*langs, *back]):
            window.ctx.set_language(lang)
            for part, _ in enumerate(scroll() if scroll else [None], 1):
                yield from self.check(name, pixels=index < len(langs), part=part)

    def check(self, name: str, pixels: bool = True, part: int = 1) -> list[Problem]:
        """`part`: which screenful of a scrolled screen (named from the second on, for
        `shoot`)."""
        from kiosk.ui.screen_check import check_screen
        from kiosk.ui.screenshots import settle_unpainted

        settle_unpainted(self.window)  # (painted by the grabs that look at it: once)
        where = f"{self.look} {self.window.ctx.lang} {name}"
        if self.shoot is None or not pixels:
            return check_screen(self.window, where, self.locator, self.high, pixels)
        grabbed: list = []
        found = check_screen(self.window, where, self.locator, self.high, True, grabbed.append)
        self.shoot(self.window, where if part == 1 else f"{where} {part}", *grabbed or [None])
        return found


def _open_holding_photos(window, panel_id: str) -> None:
    """Open the panel built whole, its photos kept for the readings in the other languages
    (each camera photo decoded once a look, not once a language: the decoding was most of a
    check). A long panel otherwise goes on building a block a turn while it is read, and a
    check could land between a block added below and the column laid out again."""
    window.show_panel(panel_id)
    screen = window.panels[panel_id]
    screen.finish_building()
    screen.hold_photos(True)


def _count(widget, method: str) -> int:
    block = widget.block
    return len(block.images) if method == "open_fullscreen" else len(block.hotspots)
