"""`kiosk run` (the default command) and `kiosk preview`: the kiosk, built by kiosk/root.py.

Kiosk mode (the default, and the frozen app's): fullscreen, frameless, locked down, cursor
hidden. `--windowed` / `--size` and `kiosk preview` give an operator a normal resizable window
with nothing locked.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path


def run_command(
    content_dir: Path, windowed: bool, size: tuple[int, int] | None, notes: bool = False
) -> int:
    from kiosk.operation import KioskConfig
    from kiosk.root import build
    from kiosk.services.logs import setup_logging
    from kiosk.services.shutdown import SignalQuit

    log_file = setup_logging()
    windowed = windowed or size is not None
    config = KioskConfig(
        Path(content_dir),
        kiosk_mode=not windowed,
        manage_display=not windowed,
        window_size=(size or (1280, 720)) if windowed else None,
        show_notes=notes,
    )
    kiosk = build(config)
    folder = kiosk.initial.folder
    if folder.errors:
        shown = kiosk.initial.shown is not None
        print(_errors_message(content_dir, len(folder.errors), shown, log_file), file=sys.stderr)
    if os.environ.get("KIOSK_EXIT_AFTER_FIRST_FRAME"):
        _exit_after_first_frame(kiosk.window, os.environ.get("KIOSK_SCREENSHOT"))
    signals = SignalQuit()
    logging.getLogger("kiosk").info(
        "kiosk running (%s), content %s", "windowed" if windowed else "kiosk mode", content_dir
    )
    code = kiosk.app.exec()
    signals.close()
    kiosk.controller.stop()
    kiosk.window.ctx.images.shutdown()
    return code


def preview_command(content_dir: Path, size: tuple[int, int] | None) -> int:
    """The kiosk in a window for the operator: live reload on save, nothing locked, and the
    content's `note:` fields shown under what they annotate."""
    return run_command(content_dir, windowed=True, size=size, notes=True)


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
