"""Where logs and the kiosk's own data go, and the logging set-up for a long unattended run.

`setup_logging()` writes a rotating file in the platform's log folder (5 x 1 MB, so months of
running never fill the disk), logs uncaught exceptions, and routes Qt's own warnings there too.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

APP = "etown-kiosk"
LOG_FILE = "kiosk.log"
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def data_dir() -> Path:
    """The kiosk's own state: analytics, last-good content copy, last crash reason."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Log to `folder`/kiosk.log (rotating) and stderr; return the log file path.

    If the folder cannot be written, logging goes to stderr only: never a reason not to start.
    """
    folder = folder or log_dir()
    root = logging.getLogger()
    root.setLevel(level)
    formatter = logging.Formatter(_FORMAT)
    path = folder / LOG_FILE
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handlers.append(
            RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        )
    except OSError as exc:
        print(f"kiosk: cannot write logs in {folder}: {exc}", file=sys.stderr)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    sys.excepthook = log_exception
    install_qt_message_handler()
    return path


def log_exception(exc_type, exc, tb) -> None:
    """A `sys.excepthook` that logs with the traceback instead of printing it."""
    logging.getLogger("kiosk.crash").error("uncaught exception", exc_info=(exc_type, exc, tb))


def install_qt_message_handler() -> None:
    """Send qDebug/qWarning/qCritical from Qt into the log (they go to stderr otherwise)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(mode, context, message):
        where = f" ({context.file}:{context.line})" if context.file else ""
        qt_log.log(levels.get(mode, logging.WARNING), "%s%s", message, where)

    qInstallMessageHandler(handler)
