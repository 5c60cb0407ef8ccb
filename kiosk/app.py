"""`kiosk run`: the visitor-facing application with kiosk operation wired on.

Kiosk mode (the default, and the frozen app's): fullscreen, frameless, locked down, cursor
hidden. `--windowed` is an operator's preview: a normal resizable window, nothing locked.
"""

from __future__ import annotations

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
    display = first.content.site.display if first.content is not None else None
    if first.errors:
        print(
            f"kiosk: the content in {content_dir} has {len(first.errors)} error(s); "
            f"run `kiosk validate`. Showing the last good content. Log: {log_file}",
            file=sys.stderr,
        )

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from kiosk.operation import KioskController, OperationConfig, make_watcher
    from kiosk.services import watchdog
    from kiosk.ui.application import ensure_application
    from kiosk.ui.main_window import MainWindow

    app = ensure_application(display)
    config = OperationConfig(
        Path(content_dir), kiosk_mode=not windowed, manage_display=not windowed
    )
    watcher = make_watcher(config)
    watcher.load_initial(first)
    window = MainWindow(watcher.content)
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
        _exit_after_first_frame(window)
    code = app.exec()
    controller.stop()
    return code


def _exit_after_first_frame(window) -> None:
    """For benchmarks and smoke tests: print FIRST_FRAME and RSS at the first paint, then quit."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.ui.first_frame import on_first_paint

    def report() -> None:
        rss = ""
        status = Path("/proc/self/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss = line.split()[1]
        print("FIRST_FRAME", flush=True)
        if rss:
            print(f"RSS_KB {rss}", flush=True)
        QCoreApplication.exit(0)

    on_first_paint(window, report)
