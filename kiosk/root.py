"""The composition root: the one place the kiosk is put together.

`build(config)` is used by `kiosk run` and `kiosk preview`, the benchmarks and every test that
needs the kiosk, so what is tested and measured is what runs in the lobby:

    content folder --initial_load--> Initial (folder's result, what to show, last good?)
        -> QApplication (display settings pin the scale before it exists)
        -> MainWindow (empty) -> KioskController (services + overlays) -> start -> show
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.last_good import Initial, initial_load
from kiosk.operation import KioskConfig

if TYPE_CHECKING:  # Qt is imported when the kiosk is built, after the content is read
    from PySide6.QtWidgets import QApplication

    from kiosk.operation import KioskController
    from kiosk.services.screen_keeper import ScreenKeeper
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.preview import Workbench

DEFAULT_WINDOW = (1280, 720)


@dataclass
class Kiosk:
    app: QApplication
    window: MainWindow
    controller: KioskController
    initial: Initial
    keeper: ScreenKeeper | None = None  # kiosk mode: takes the screen back from the WM
    workbench: Workbench | None = None  # `kiosk preview`: the operator's window around it

    def close(self) -> None:
        """Stop the services and close the window (tests and benchmarks build several)."""
        if self.keeper is not None:
            self.keeper.stop()
        self.controller.stop()
        self.window.ctx.images.shutdown()
        self.window.close()
        self.window.deleteLater()
        if self.workbench is not None:
            self.workbench.close()
            self.workbench.deleteLater()


def build(config: KioskConfig) -> Kiosk:
    # Read the content before Qt starts: its display settings pin the scale factor.
    initial = initial_load(Path(config.content_dir), Path(config.data_dir), config.clock.today())
    display = initial.shown.site.display if initial.shown is not None else None

    from kiosk.operation import KioskController
    from kiosk.services import image_copies, watchdog
    from kiosk.ui.application import ensure_application
    from kiosk.ui.main_window import MainWindow

    app = ensure_application(display, config.zoom)
    window = MainWindow(None, today=config.clock.today, animate=config.animate)
    window.ctx.show_notes = config.preview
    window.ctx.images.keep_copies_in(Path(config.data_dir) / image_copies.FOLDER)
    controller = KioskController(window, config, initial)
    controller.start()  # hands the window its content: the screens are built once
    keeper = workbench = None
    if config.preview:
        from kiosk.ui.preview import Workbench

        size = config.window_size or DEFAULT_WINDOW
        workbench = Workbench(window, controller, size, config.zoom or 1.0)
        if config.show:
            workbench.show()
    elif config.show:
        keeper = present(window, config, hide_cursor=display is None or display.hide_cursor)
    watchdog.install(window)
    return Kiosk(app, window, controller, initial, keeper, workbench)


def present(window: MainWindow, config: KioskConfig, hide_cursor: bool) -> ScreenKeeper | None:
    """Fullscreen, frameless, on top, without a cursor and kept there in kiosk mode; else an
    ordinary window (the keeper only in fullscreen kiosk mode)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from kiosk.services.screen_keeper import ScreenKeeper

    if not config.kiosk_mode or config.window_size is not None:
        window.resize(*(config.window_size or DEFAULT_WINDOW))
        window.show()
        return None
    window.setWindowFlags(
        window.windowFlags()
        | Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowStaysOnTopHint
    )
    if hide_cursor:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
    # Without a window manager showFullScreen() alone keeps the default size.
    window.setGeometry(window.screen().geometry())
    window.showFullScreen()
    keeper = ScreenKeeper(window, config.quit, parent=window)
    keeper.start()
    return keeper
