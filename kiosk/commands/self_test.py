"""`kiosk self-test`: prove this install can show its content, headless, before a visitor does.

Run it after installing or building (the frozen bundle's self-test is how we know filtering the
bundle dropped nothing needed): it loads and validates the content, registers the bundled
fonts, checks the theme's families have a bold face and draw every character of every visitor
text, that every icon and image draws, renders every screen in every language, says a check
phrase in each language with the real speech engine and the voice chosen for it, and decodes
the first frame of every video with the real player (QtMultimedia's FFmpeg backend). Exit
status 0 only when all is well.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from kiosk import __version__
from kiosk.content.views import Content, LocalText, TimelineEvent, walk
from kiosk.offscreen import use_offscreen_screen
from kiosk.paths import assets_dir, is_frozen

FONT_SUFFIXES = {".ttf", ".otf", ".ttc"}
SCREEN_SIZES = {"landscape": [(1920, 1080)], "portrait": [(1080, 1920)]}
MAX_LISTED = 12  # items named in a failure detail; the rest are counted


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    seconds: float = 0.0


# ---- walking the content --------------------------------------------------------------------


def visitor_texts(content: Content) -> Iterator[tuple[str, str]]:
    """(location, text) for every string a visitor may see, in every language."""
    for document, model in content.documents():
        for where, value in walk(model):
            location = f"{document}: {where}"
            if isinstance(value, LocalText):
                for text in [value.root] if isinstance(value.root, str) else value.root.values():
                    yield location, text
            elif isinstance(value, TimelineEvent) and isinstance(value.when, str):
                yield f"{location}.when", value.when  # a plain year; a LocalText is seen above


def image_paths(content: Content) -> list[Path]:
    return [content.root / relative for relative in content.image_files()]


def _listed(items: list[str]) -> str:
    extra = len(items) - MAX_LISTED
    return "; ".join(items[:MAX_LISTED]) + (f"; and {extra} more" if extra > 0 else "")


# ---- the checks -----------------------------------------------------------------------------


def check_content(content_dir: Path, at: datetime | None = None) -> tuple[Check, Content | None]:
    from kiosk.content.loader import load_content

    result = load_content(content_dir, at.date() if at else None)
    content = result.content
    if result.errors or content is None:
        problems = [problem.format() for problem in result.errors] or ["content did not load"]
        return Check("content", False, f"{content_dir}: {_listed(problems)}"), None
    detail = f"{content_dir}: {len(content.panels)} panels, version {content.version}"
    if result.warnings:
        detail += f", {len(result.warnings)} warnings (run `kiosk validate`)"
    return Check("content", True, detail), content


def font_files() -> list[Path]:
    folder = assets_dir() / "fonts"
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in FONT_SUFFIXES)


def check_fonts() -> Check:
    from PySide6.QtGui import QFont, QFontDatabase

    from kiosk.ui.theme import FONT_FAMILIES

    files = font_files()
    if not files:
        return Check("fonts", False, f"no font files in {assets_dir() / 'fonts'}")
    families: set[str] = set()
    broken = []
    for path in files:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            broken.append(path.name)
        else:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    missing = [family for family in FONT_FAMILIES if family not in families]
    # Titles are bold: a family without a bold face gets a smeared, synthesized one.
    no_bold = [
        family
        for family in FONT_FAMILIES
        if family in families
        and not any(
            QFontDatabase.weight(family, style) >= QFont.Weight.Bold.value
            for style in QFontDatabase.styles(family)
        )
    ]
    if broken or missing or no_bold:
        detail = "; ".join(
            part
            for part in (
                f"cannot load {', '.join(broken)}" if broken else "",
                f"the theme names {', '.join(missing)} but no bundled font has it"
                if missing
                else "",
                f"no bold face bundled for {', '.join(no_bold)}" if no_bold else "",
            )
            if part
        )
        return Check("fonts", False, detail)
    return Check("fonts", True, f"{len(files)} files: {', '.join(sorted(families))}")


def theme_fonts(size: float = 24.0) -> list:
    """QRawFonts of the bundled files whose family the theme names (the fonts text is set in)."""
    from PySide6.QtGui import QRawFont

    from kiosk.ui.theme import FONT_FAMILIES

    fonts = [QRawFont(str(path), size) for path in font_files()]
    return [font for font in fonts if font.isValid() and font.familyName() in FONT_FAMILIES]


def check_glyphs(content: Content) -> Check:
    """Every visible character must be in a bundled font of the theme's families, or it renders
    as a box (or in whatever other font happens to have it)."""
    from kiosk.ui.theme import FONT_FAMILIES

    fonts = theme_fonts()
    missing: dict[str, str] = {}  # character -> first place it occurs
    checked: set[str] = set()
    for location, text in visitor_texts(content):
        for char in text:
            if char in checked or char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
                continue
            checked.add(char)
            if not any(font.supportsCharacter(ord(char)) for font in fonts):
                missing[char] = location
    if missing:
        items = [
            f"U+{ord(char):04X} {char!r} ({unicodedata.name(char, 'unnamed')}) in {where}"
            for char, where in missing.items()
        ]
        return Check("glyphs", False, f"no bundled font draws: {_listed(items)}")
    return Check(
        "glyphs",
        True,
        f"{len(checked)} distinct characters, all in the bundled {' + '.join(FONT_FAMILIES)}",
    )


def _has_ink(image) -> bool:
    """True if any pixel of the ARGB image is not fully transparent."""
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return any(
        image.pixelColor(x, y).alpha() > 0
        for y in range(image.height())
        for x in range(image.width())
    )


def check_icons(content: Content) -> Check:
    from kiosk.ui.icons import UI_ICONS, icon

    names = sorted({panel.icon for panel in content.panels.values()} | set(UI_ICONS))
    blank = []
    for name in names:
        pixmap = icon(name, "#000000").pixmap(64, 64)
        if pixmap.isNull() or not _has_ink(pixmap.toImage()):
            blank.append(f"{name} (draws nothing)")
    if blank:
        return Check("icons", False, _listed(blank))
    return Check("icons", True, f"{len(names)} icons draw: {', '.join(names)}")


def check_images(content: Content) -> Check:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImageReader

    paths = image_paths(content)
    bad = []
    for path in paths:
        reader = QImageReader(str(path))
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > 256:
            # Decode small: proves file and codec work without the full cost.
            reader.setScaledSize(size.scaled(256, 256, Qt.AspectRatioMode.KeepAspectRatio))
        if reader.read().isNull():
            bad.append(f"{path.relative_to(content.root)}: {reader.errorString()}")
    if bad:
        return Check("images", False, _listed(bad))
    return Check("images", True, f"{len(paths)} images load")


def screen_sizes(content: Content) -> list[tuple[int, int]]:
    orientation = content.site.display.orientation
    return SCREEN_SIZES.get(orientation, SCREEN_SIZES["landscape"] + SCREEN_SIZES["portrait"])


def check_screens_and_view(content: Content, at: datetime | None = None) -> tuple[Check, Check]:
    """The "screens" and "visitor view" checks, on one walk of the kiosk per size (built and
    settled once, each photo decoded once, for both):

    - screens: every screen `kiosk screenshots` shoots (each panel to its end, the gallery
      viewer and hotspot card, the kiosk overlays, the larger text size, a sample of high
      contrast, the window without content) is rendered in every language and is not blank;
    - visitor view: `kiosk check` in the usual look (normal text size and contrast; `kiosk
      check` walks all of them): every screen of each size, every language reached by
      switching on the open screen, nothing cut off, hidden or unreadable."""
    from kiosk.commands.check import check_screens as walk_screens

    sizes = screen_sizes(content)
    langs = list(content.site.languages)
    shots = _Shots(content, langs, at)
    started = time.perf_counter()
    walk = walk_screens(
        content, sizes, at, scales=(1.0,), contrasts=(False,), shoot=shots.shoot, after=shots.rest
    )
    try:
        findings = [problem.format() for problem in walk]
        view = (
            Check("visitor view", False, f"{len(findings)} findings: {_listed(findings)}")
            if findings
            else Check(
                "visitor view", True, f"nothing cut off, hidden or unreadable ({len(sizes)} sizes)"
            )
        )
    except Exception as error:  # a crashing walk fails both: neither was seen to the end
        view = Check("visitor view", False, f"{type(error).__name__}: {error}")
        shots.bad.append(f"(the walk stopped: {type(error).__name__}: {error})")
    if not shots.count:
        screens = Check("screens", False, "no screens were rendered")
    elif shots.bad:
        screens = Check("screens", False, f"blank or empty: {_listed(shots.bad)}")
    else:
        screens = Check(
            "screens",
            True,
            f"{shots.count} screens ({len(sizes)} sizes x {len(langs)} languages: "
            f"{', '.join(langs)})",
        )
    # Each check its own share of the walk: rendering for the screens, the rest for the view.
    screens.seconds = round(shots.seconds, 3)
    view.seconds = round(time.perf_counter() - started - shots.seconds, 3)
    return screens, view


class _Shots:
    """The screens check, as `kiosk check`'s walk hands it each screen (`shoot`) and then each
    size's kiosk (`rest`: the screens `kiosk screenshots` shoots that the walk does not check:
    the larger text size, a sample of high contrast, the window without content)."""

    def __init__(self, content: Content, langs: list[str], at: datetime | None):
        from kiosk.commands.screenshots import noon_today
        from kiosk.services.clock import ManualClock

        self.content, self.langs = content, langs
        self.today = ManualClock(at or noon_today()).today
        self.count = 0
        self.bad: list[str] = []
        self.seconds = 0.0

    def shoot(self, window, name: str, painted=None) -> None:
        """`window` as it stands (settled) must show something. `painted`: the window as the
        contrast check painted it, its texts in no colour: if that shows more than one colour
        the screen with its texts does too, and it need not be painted again."""
        started = time.perf_counter()
        self.count += 1
        if painted is None or painted.isNull() or _is_uniform(painted):
            image = window.grab().toImage()
            if image.isNull() or _is_uniform(image):
                self.bad.append(name)
        self.seconds += time.perf_counter() - started

    def rest(self, kiosk, size: tuple[int, int]) -> None:
        from kiosk.commands.screenshots import SAMPLE_OVERLAYS
        from kiosk.ui.screenshots import (
            high_contrast,
            larger_text_screens,
            open_overlays,
            sample_screens,
            settle_unpainted,
            without_content,
        )

        started, before = time.perf_counter(), self.seconds
        window, overlays = kiosk.window, kiosk.controller.overlays
        width, height = size
        panel_ids = window._order()
        window.reset_session()  # (then each language in turn, at A+: one restyle)
        for lang in self.langs:
            for name in larger_text_screens(window, panel_ids, lang, fresh=False):
                settle_unpainted(window)
                self.shoot(window, f"{width}x{height} {lang} {name}")
        snapshot = high_contrast(self.content)
        window.set_content(snapshot)
        overlays.set_content(snapshot)
        window.reset_session()
        for lang in self.langs:
            for name in sample_screens(window, window._order(), lang, fresh=False):
                settle_unpainted(window)
                self.shoot(window, f"{width}x{height} {lang} contrast {name}")
        window.reset_session()
        for name, _overlay in open_overlays(
            window, snapshot, SAMPLE_OVERLAYS, self.today, overlays
        ):
            settle_unpainted(window)
            self.shoot(window, f"{width}x{height} contrast overlay {name}")
        for name, empty in without_content(size, self.content, self.today):
            settle_unpainted(empty)
            self.shoot(empty, f"{width}x{height} {name}")
        self.seconds = before + time.perf_counter() - started  # all of it the screens'


SPEECH_TIMEOUT_S = 30.0  # speech-dispatcher's first start lists every voice: seconds
SPEECH_ASIDE_TIMEOUT_S = 60.0  # the engine's start, in the child process (`_speech_aside`)


def check_speech(content: Content, timeout: float = SPEECH_TIMEOUT_S) -> Check:
    """Say a check phrase in each language of the site with the real engine and its voice for
    that language (kiosk/services/speech.py), quietly; fail for a language with no voice, or
    one whose phrase was not said to its end."""
    from kiosk.content import catalogue, spoken
    from kiosk.services.speech import VOLUME_STEPS, Speaker

    site = content.site
    speaker = Speaker(lambda lang: spoken.voices_for(lang, site.accessibility.voices))
    speaker.set_volume(VOLUME_STEPS[0])
    if speaker.engine() is None:
        return Check("speech", False, "no text to speech engine (see packaging/README.md)")
    said, bad = [], []
    for lang in site.languages:
        voice = speaker.voice_name(lang)
        if voice is None:
            bad.append(f"{lang}: no voice (site.yaml accessibility.voices names the ones to try)")
            continue
        started = time.perf_counter()
        phrase = catalogue.text("audio_check", lang, site.chrome)
        outcome = _say_once(speaker, phrase, lang, timeout)
        if outcome == "said":
            said.append(f"{lang}: {voice} ({time.perf_counter() - started:.1f} s)")
        else:
            speaker.stop()
            bad.append(f"{lang}: {voice}: {outcome}")
    if bad:
        return Check("speech", False, "; ".join(bad + said))
    return Check("speech", True, "; ".join(said))


def _say_once(speaker, phrase: str, lang: str, timeout: float) -> str:
    """ "said" once `phrase` has been said to its end, else why not."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    outcome: list[str] = []

    def done() -> None:
        outcome.append("said")
        loop.quit()

    def failed(why: str) -> None:
        outcome.append(why)
        loop.quit()

    speaker.finished.connect(done)
    speaker.failed.connect(failed)
    QTimer.singleShot(round(timeout * 1000), loop.quit)
    if speaker.speak([phrase], lang):
        loop.exec()
    speaker.finished.disconnect(done)
    speaker.failed.disconnect(failed)
    return outcome[0] if outcome else f"not said to its end within {timeout:.0f} s"


VIDEO_TIMEOUT_S = 10.0  # per file: opening and decoding one frame takes well under a second
NO_VIDEO_BACKEND = (
    "no video backend: QtMultimedia's FFmpeg plugin did not load (`QT_DEBUG_PLUGINS=1 kiosk "
    "self-test` says why; see packaging/README.md)"
)
# What QtMultimedia says on every start, or on a machine without a sound server (the check is
# silent): not worth a line of the self-test's output.
_MULTIMEDIA_NOISE = (
    "PulseAudioService: pa_context_connect() failed",
    "No audio device detected",
    "No RHI backend. Using CPU conversion",
)


def check_videos(content: Content, timeout: float = VIDEO_TIMEOUT_S) -> Check:
    """Decode the first frame of every video the content names with the real player
    (kiosk/services/video.py), silently; fail for a file that does not open or shows nothing
    within `timeout` seconds, or whose first frame is blank."""
    files = content.video_files()
    if not files:
        return Check("video", True, "no videos")
    shown, bad = [], []
    with _multimedia_noise_dropped():
        if not _video_backend():
            return Check("video", False, NO_VIDEO_BACKEND)
        for relative in files:
            started = time.perf_counter()
            outcome = _first_frame(content.root / relative, timeout)
            if isinstance(outcome, str):
                bad.append(f"{relative}: {outcome}")
            else:
                width, height = outcome
                seconds = time.perf_counter() - started
                shown.append(f"{relative}: first frame {width}x{height} ({seconds:.2f} s)")
    if bad:
        return Check("video", False, _listed(bad + shown))
    return Check("video", True, _listed(shown))


def _video_backend() -> bool:
    """Whether QtMultimedia found a backend to play with (its FFmpeg plugin loaded)."""
    from PySide6.QtMultimedia import QMediaPlayer

    return QMediaPlayer().isAvailable()


def _first_frame(path: Path, timeout: float) -> tuple[int, int] | str:
    """The size of the video's first decoded frame, else why there is none."""
    from PySide6.QtCore import QEventLoop, QTimer

    from kiosk.services.video import Player

    loop = QEventLoop()
    errors: list[str] = []
    player = Player(path, visitor=False, sound=False)

    def frame() -> None:
        if player.frame is not None:
            loop.quit()

    def failed(message: str) -> None:
        errors.append(message or "cannot be played")
        loop.quit()

    player.frame_changed.connect(frame)
    player.failed.connect(failed)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    try:
        timer.start(round(timeout * 1000))
        player.pause()  # from stopped: opens the file and shows its first frame, not playing
        if player.frame is None and not errors:
            loop.exec()
        timer.stop()
        if errors:
            return errors[0]
        if player.frame is None:
            return f"no frame in {timeout:.0f} s"
        if not player.frame.isValid():
            return "its first frame is not valid"
        image = player.frame.toImage()
        if image.isNull():
            return "its first frame cannot be converted to an image"
        if _is_uniform(image):
            return f"its first frame is blank ({image.width()}x{image.height()}, one colour)"
        return image.width(), image.height()
    finally:
        player.frame_changed.disconnect(frame)
        player.failed.disconnect(failed)
        player.release()


@contextmanager
def _multimedia_noise_dropped() -> Iterator[None]:
    """Qt messages while the block runs, without QtMultimedia's informational ones."""
    from PySide6.QtCore import QtMsgType

    from kiosk.services.qt_messages import current, messages_to, to_stderr

    passed_on = current() or to_stderr  # what the block keeps goes where it went before

    def handler(mode, context, message: str) -> None:
        category = context.category or ""
        if (
            any(noise in message for noise in _MULTIMEDIA_NOISE)
            or category == "qt.multimedia.symbolsresolver"  # no PipeWire: it uses PulseAudio
            or (
                category.startswith("qt.multimedia")
                and mode in (QtMsgType.QtInfoMsg, QtMsgType.QtDebugMsg)
            )
        ):
            return
        passed_on(mode, context, message)

    with messages_to(handler):
        yield


def _is_uniform(image) -> bool:
    """A screen of one single colour means nothing was drawn."""
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGB32)
    first = image.pixel(0, 0)
    width, height = image.width(), image.height()
    # A screen with anything on it almost always differs from its corner somewhere on a
    # coarse grid: found at once, without comparing every pixel.
    for y in range(0, height, max(1, height // 16)):
        for x in range(0, width, max(1, width // 16)):
            if image.pixel(x, y) != first:
                return False
    filled = QImage(image.size(), image.format())
    filled.fill(image.pixelColor(0, 0))
    return image == filled


# ---- running and reporting ------------------------------------------------------------------


def _timed(run: Callable[[], Check], name: str) -> Check:
    started = time.perf_counter()
    try:
        check = run()
    except Exception as error:  # a crashing check is a failed check, never a traceback
        check = Check(name, False, f"{type(error).__name__}: {error}")
    check.seconds = round(time.perf_counter() - started, 3)
    return check


def _timed_pair(run: Callable[[], tuple[Check, Check]], *names: str) -> list[Check]:
    """Two checks made at once, each timed by the run itself."""
    started = time.perf_counter()
    try:
        return list(run())
    except Exception as error:  # both failed: neither was seen to the end
        seconds = round((time.perf_counter() - started) / len(names), 3)
        return [Check(name, False, f"{type(error).__name__}: {error}", seconds) for name in names]


def run_checks(content_dir: Path, at: datetime | None = None) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    use_offscreen_screen()
    started = time.perf_counter()
    from PySide6 import __version__ as qt_version
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    content: Content | None = None

    def content_check() -> Check:
        nonlocal content
        check, content = check_content(content_dir, at)
        return check

    checks = [_timed(content_check, "content")]  # (plain Python: no Qt yet)
    # The speech engine's start takes seconds (speech-dispatcher lists every voice), holding
    # Python's lock all the while: in a process of its own it runs beside the screens.
    speech = _speech_aside(content) if content is not None else None
    _app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "kiosk"])  # alive
    checks.append(_timed(check_fonts, "fonts"))
    if content is not None:
        loaded = content
        content_checks: tuple[tuple[str, Callable[[Content], Check]], ...] = (
            ("glyphs", check_glyphs),
            ("icons", check_icons),
            ("images", check_images),
        )
        for name, run in content_checks:
            checks.append(_timed(partial(run, loaded), name))
        checks += _timed_pair(
            partial(check_screens_and_view, loaded, at), "screens", "visitor view"
        )
        checks.append(
            speech() if speech is not None else _timed(partial(check_speech, loaded), "speech")
        )
        checks.append(_timed(partial(check_videos, loaded), "video"))
    return {
        "ok": all(check.ok for check in checks) and content is not None,
        "version": __version__,
        "content_version": content.version if content else None,
        "content_dir": str(content_dir),
        "frozen": is_frozen(),
        "qt_version": qt_version,
        "platform": QGuiApplication.platformName(),
        "seconds": round(time.perf_counter() - started, 3),
        "checks": [asdict(check) for check in checks],
    }


def _speech_aside(content: Content) -> Callable[[], Check] | None:
    """Start `check_speech` in a child process; returns what waits for its result. None where
    there can be no such child: no fork (Windows), or Qt already running in this process (a
    fork copies none of its threads: the check runs here then, in turn)."""
    from PySide6.QtCore import QCoreApplication

    if not hasattr(os, "fork") or QCoreApplication.instance() is not None:
        return None
    reading, writing = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: the speech check, its result down the pipe, and out
        status = 1
        try:
            os.close(reading)
            _app = QCoreApplication([sys.argv[0] if sys.argv else "kiosk"])  # noqa: F841
            check = _timed(partial(check_speech, content), "speech")
            payload = json.dumps(asdict(check)).encode()
            while payload:
                payload = payload[os.write(writing, payload) :]
            status = 0
        finally:
            os._exit(status)  # never this process's exit handlers: they are the parent's
    os.close(writing)
    deadline = (
        time.monotonic() + SPEECH_ASIDE_TIMEOUT_S + SPEECH_TIMEOUT_S * len(content.site.languages)
    )

    def result() -> Check:
        import select

        data = b""
        try:
            while True:
                left = deadline - time.monotonic()
                ready, _, _ = select.select([reading], [], [], max(0.0, left))
                if not ready:
                    os.kill(pid, signal.SIGKILL)  # (stuck in the engine: nothing else stops it)
                    seconds = SPEECH_ASIDE_TIMEOUT_S + SPEECH_TIMEOUT_S * len(
                        content.site.languages
                    )
                    return Check(
                        "speech", False, f"not done in {seconds:.0f} s: the speech engine hangs"
                    )
                chunk = os.read(reading, 65536)
                if not chunk:
                    break
                data += chunk
        finally:
            os.close(reading)
            os.waitpid(pid, 0)
        try:
            return Check(**json.loads(data))
        except (ValueError, TypeError):
            return Check("speech", False, "the speech check stopped before it was done (crashed)")

    return result


def selftest_command(content_dir: Path, as_json: bool, at: datetime | None = None) -> int:
    from kiosk.offscreen import quiet_offscreen_warnings

    with quiet_offscreen_warnings():
        report = run_checks(Path(content_dir), at)
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        for check in report["checks"]:
            status = "ok  " if check["ok"] else "FAIL"
            print(f"{status} {check['name']:<8} {check['detail']} ({check['seconds']:.2f} s)")
        failed = sum(not check["ok"] for check in report["checks"])
        summary = "all checks passed" if report["ok"] else f"{failed} check(s) failed"
        print(
            f"kiosk {report['version']}, content {report['content_version'] or '-'}: "
            f"{summary} in {report['seconds']:.2f} s"
        )
    return 0 if report["ok"] else 1
