"""`kiosk run` (the default command) and `kiosk preview`: the kiosk, built by kiosk/root.py.

Kiosk mode (the default, and the frozen app's): fullscreen, frameless, locked down, cursor
hidden. `--windowed` / `--size` and `kiosk preview` give an operator a normal resizable window
with nothing locked.
"""

from __future__ import annotations

import gc
import linecache
import logging
import os
import sys
from datetime import datetime
from pathlib import Path

PREVIEW_SIZE = (1920, 1080)  # what most lobby screens are


def run_command(
    content_dir: Path,
    windowed: bool,
    size: tuple[int, int] | None,
    at: datetime | None = None,
    preview: bool = False,
    metrics_dir: Path | None = None,
    status_dir: Path | None = None,
) -> int:
    from kiosk.root import build
    from kiosk.services.fleet import FleetOptions
    from kiosk.services.logs import setup_logging
    from kiosk.services.shutdown import SignalQuit

    log_file = setup_logging()
    config = kiosk_config(content_dir, windowed, size, at, preview)
    if not preview:  # (an operator's preview is not a kiosk of the fleet)
        config.fleet = FleetOptions.from_environment(metrics_dir, status_dir)
    kiosk = build(config)
    collect_after_first_frame(kiosk.window)
    folder = kiosk.initial.folder
    if folder.errors:
        shown = kiosk.initial.shown is not None
        print(_errors_message(content_dir, len(folder.errors), shown, log_file), file=sys.stderr)
    if os.environ.get("KIOSK_EXIT_AFTER_FIRST_FRAME"):
        _exit_after_first_frame(kiosk.window, os.environ.get("KIOSK_SCREENSHOT"))
    signals = SignalQuit()
    logging.getLogger("kiosk").info(
        "kiosk running (%s), content %s%s",
        "windowed" if windowed else "kiosk mode",
        content_dir,
        f", clock set to {at:%Y-%m-%d %H:%M}" if at else "",
    )
    code = kiosk.app.exec()
    signals.close()
    kiosk.controller.stop()
    kiosk.window.ctx.images.shutdown()
    _leave_if_speech_hung(code)
    return code


def _leave_if_speech_hung(code: int) -> None:
    """A speech engine left with a hung speech-dispatcher would wait for it in its destructor,
    at the interpreter's exit: the kiosk would never stop (nor restart). Leave without it."""
    from kiosk.services.speech import engines_abandoned

    if engines_abandoned():
        logging.getLogger("kiosk").warning("leaving without the speech engine (its server hung)")
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def collect_after_first_frame(window, fallback_ms: int = 10_000) -> None:
    """Turn Python's garbage collector on again once the first frame is painted (`kiosk.cli`
    turns it off before anything is imported).

    A start makes hundreds of thousands of objects that live as long as the kiosk (modules,
    classes, Qt's enums, the content's models); collecting over and over while they were made
    took about a third of the start (py-spy). Once on screen they are frozen (`gc.freeze`), so
    later collections, while a visitor scrolls, skip them too. If no frame ever comes (no
    display), the collector is on again after `fallback_ms` all the same.

    The source lines Python keeps (`linecache`) are let go then too: PySide's import hook
    reads the whole source of every module imported after it (to see whether it mentions
    PySide6), about 7 MiB kept for nothing when the kiosk runs from source. A traceback reads
    the lines it needs again.
    """
    from PySide6.QtCore import QTimer

    from kiosk.services.first_frame import on_first_paint

    def collect() -> None:
        linecache.clearcache()
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    on_first_paint(window, collect)
    QTimer.singleShot(fallback_ms, collect)


def kiosk_config(
    content_dir: Path,
    windowed: bool,
    size: tuple[int, int] | None,
    at: datetime | None = None,
    preview: bool = False,
):
    """What `kiosk run` / `kiosk preview` build: fullscreen and locked unless windowed; the
    clock runs from `at` (`--at`) when given. The preview shows the kiosk at its real size
    (default 1920x1080), zoomed out to fit the operator's screen."""
    from kiosk.operation import KioskConfig
    from kiosk.services.clock import ShiftedClock, SystemClock

    windowed = windowed or size is not None or preview
    zoom = None
    if preview:
        from kiosk.ui.application import preview_zoom, screen_size

        size = size or PREVIEW_SIZE
        zoom = None if "QT_SCALE_FACTOR" in os.environ else preview_zoom(size, screen_size())
    return KioskConfig(
        Path(content_dir),
        kiosk_mode=not windowed,
        manage_display=not windowed,
        window_size=(size or (1280, 720)) if windowed else None,
        clock=ShiftedClock(at) if at else SystemClock(),
        preview=preview,
        zoom=zoom,
    )


def preview_command(
    content_dir: Path, size: tuple[int, int] | None, at: datetime | None = None
) -> int:
    """The kiosk in a window for the operator (kiosk/ui/preview.py): live reload on save,
    nothing locked, notes and problems shown where they are, a strip to switch the look."""
    return run_command(content_dir, windowed=True, size=size, at=at, preview=True)


def _errors_message(content_dir: Path, errors: int, shown: bool, log_file: Path) -> str:
    showing = (
        "Showing the last good copy."
        if shown
        else "No last good copy: showing 'temporarily unavailable' until the content is fixed."
    )
    return (
        f"kiosk: the content in {content_dir} has {errors} error(s); run `kiosk validate`. "
        f"{showing} Log: {log_file}"
    )


def _exit_after_first_frame(window, screenshot: str | None = None) -> None:
    """For benchmarks and smoke tests: print FIRST_FRAME and RSS at the first paint, then quit.

    With `screenshot` (KIOSK_SCREENSHOT), the window as painted is saved there as a PNG first.
    """
    from PySide6.QtCore import QCoreApplication

    from kiosk.services.first_frame import on_first_paint

    def report() -> None:
        rss = ""
        status = Path("/proc/self/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss = line.split()[1]
        code = 0
        if screenshot and not window.grab().save(screenshot):
            print(f"kiosk: cannot save the screenshot to {screenshot}", file=sys.stderr)
            code = 1
        print("FIRST_FRAME", flush=True)
        if rss:
            print(f"RSS_KB {rss}", flush=True)
        QCoreApplication.exit(code)

    on_first_paint(window, report)
