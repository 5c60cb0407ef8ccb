"""Where logs and the kiosk's own data go, and the logging set-up for a long unattended run.

`setup_logging()` writes a rotating file in the platform's log folder (5 x 1 MB, so months of
running never fill the disk), logs uncaught exceptions, and routes Qt's own warnings there too.
A log that cannot be written (a full disk) says so in one line on stderr and goes quiet until
writing works again: never a traceback per record, never an exception into the app.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

APP = "etown-kiosk"
LOG_FILE = "kiosk.log"
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class LogFileHandler(RotatingFileHandler):
    """The rotating log file, quiet when it cannot write.

    The standard handler prints "--- Logging error ---" and a traceback on stderr for every
    record it fails to write: on a full disk, several times a second for as long as it lasts.
    This one prints one line naming the file and the error, then drops records silently; each
    record still tries (reopening the file), so logging resumes by itself once a write works,
    with a line saying how many records were lost.
    """

    def __init__(self, filename: Path | str, **kwargs):
        super().__init__(filename, **kwargs)
        self.failure: str | None = None  # the error of the failure in progress, if any
        self.lost = 0  # records dropped since it began
        self._failed = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed = False
        super().emit(record)  # calls handleError, not raises, when it cannot write
        if self._failed or self.failure is None:
            return
        lost, failure = self.lost, self.failure
        self.lost, self.failure = 0, None
        _say(f"kiosk: writing the log file {self.baseFilename} again ({lost} records lost)")
        note = logging.makeLogRecord(
            {
                "name": __name__,
                "levelno": logging.WARNING,
                "levelname": "WARNING",
                "msg": f"{lost} records before the line above were lost ({failure})",
            }
        )
        super().emit(note)  # in the file itself, so whoever reads it knows of the gap

    def handleError(self, record: logging.LogRecord) -> None:  # logging's own name for it
        self._failed = True
        self.lost += 1
        error = sys.exc_info()[1]
        stream, self.stream = self.stream, None  # reopened by the next record
        if stream is not None:
            # Flushing what it holds fails again, but the descriptor is closed all the same.
            with contextlib.suppress(Exception):
                stream.close()
        if self.failure is None:
            self.failure = f"{type(error).__name__}: {error}" if error else "unknown error"
            _say(
                f"kiosk: cannot write the log file {self.baseFilename} ({self.failure}); "
                "logging to it stops until writing works again"
            )


class _StderrHandler(logging.StreamHandler):
    """stderr (the journal under systemd); if that fails there is nowhere to say so."""

    def handleError(self, record: logging.LogRecord) -> None:  # logging's own name for it
        pass


def _say(line: str) -> None:
    with contextlib.suppress(Exception):  # stderr gone too: nothing more to do
        print(line, file=sys.stderr, flush=True)


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
    handlers: list[logging.Handler] = [_StderrHandler(sys.stderr)]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handlers.append(
            LogFileHandler(
                path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", errors="backslashreplace"
            )
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
    from PySide6.QtCore import QtMsgType

    from kiosk.services.qt_messages import install

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    from kiosk.offscreen import NOISE

    # QtMultimedia says these at every film played; once in the log is enough.
    ONCE = {"No audio device detected", "PulseAudioService: pa_context_connect() failed"}

    said: set[str] = set()

    def handler(mode, context, message):
        if NOISE in message:
            return  # the offscreen platform (screenshots, self-test), about every window
        if message in ONCE:  # (a kiosk without speakers: once, not at every film)
            if message in said:
                return
            said.add(message)
        where = f" ({context.file}:{context.line})" if context.file else ""
        qt_log.log(levels.get(mode, logging.WARNING), "%s%s", message, where)

    install(handler)  # (for the whole run: never taken away, see qt_messages)
