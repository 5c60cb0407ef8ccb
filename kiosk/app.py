"""`kiosk run`: the visitor-facing application."""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.content.loader import load_content


def run_command(content_dir: Path, windowed: bool, size: tuple[int, int] | None) -> int:
    result = load_content(Path(content_dir))
    if result.content is None or result.errors:
        for problem in result.problems:
            print(problem.format(), file=sys.stderr)
        print(
            f"kiosk: the content in {content_dir} has errors; run `kiosk validate`", file=sys.stderr
        )
        return 1
    content = result.content

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.application import ensure_application
    from kiosk.ui.main_window import MainWindow

    app = ensure_application(content.site.display)
    window = MainWindow(content)
    if windowed or size:
        window.resize(*(size or (1280, 720)))
        window.show()
    else:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        if content.site.display.hide_cursor:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        window.showFullScreen()
    return app.exec()
