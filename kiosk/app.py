"""`kiosk run`: the visitor-facing application with kiosk operation wired on.

Kiosk mode (the default, and the frozen app's): fullscreen, frameless, locked down, cursor
hidden. `--windowed` is an operator's preview: a normal resizable window, nothing locked.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk.content.loader import load_content


def run_command(content_dir: Path, windowed: bool, size: tuple[int, int] | None) -> int:
    from kiosk.services.logs import setup_logging

    log_file = setup_logging()
    windowed = windowed or size is not None
    # Read the content before Qt starts: its display settings pin the scale factor.
    first = load_content(Path(content_dir))
    shown = first.content or _last_good_content()
    display = shown.site.display if shown is not None else None

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from kiosk.operation import KioskController, OperationConfig, make_watcher
    from kiosk.services import watchdog
    from kiosk.services.shutdown import SignalQuit
    from kiosk.ui.application import ensure_application
    from kiosk.ui.main_window import MainWindow

    app = ensure_application(display)
    config = OperationConfig(
        Path(content_dir), kiosk_mode=not windowed, manage_display=not windowed
    )
    watcher = make_watcher(config)
    watcher.load_initial(first)
    if first.errors:
        print(
            _errors_message(content_dir, len(first.errors), watcher.content is not None, log_file),
            file=sys.stderr,
        )
    window = MainWindow(None)  # the controller hands it the content: built once
    controller = KioskController(window, config, watcher=watcher)
    controller.start()
    if windowed:
        window.resize(*(size or (1280, 720)))
        window.show()
    else:
        window.setWindowFlags(
            window.windowFlags()
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        if display is None or display.hide_cursor:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        # Without a window manager showFullScreen() alone keeps the default size.
        window.setGeometry(window.screen().geometry())
        window.showFullScreen()
    watchdog.install(window)
    if os.environ.get("KIOSK_EXIT_AFTER_FIRST_FRAME"):
        _exit_after_first_frame(window, os.environ.get("KIOSK_SCREENSHOT"))
    signals = SignalQuit()
    logging.getLogger("kiosk").info(
        "kiosk running (%s), content %s", "windowed" if windowed else "kiosk mode", content_dir
    )
    code = app.exec()
    signals.close()
    controller.stop()
    return code


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

    from kiosk.ui.first_frame import on_first_paint

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


def _last_good_content():
    """The copy kept when content last validated (for its display settings), or None."""
    from kiosk.services.logs import data_dir
    from kiosk.services.watcher import LAST_GOOD

    folder = data_dir() / LAST_GOOD
    return load_content(folder).content if (folder / "site.yaml").exists() else None
