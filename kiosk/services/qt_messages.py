"""Qt's messages to a Python function, never taken away again once given.

PySide keeps the function given to `qInstallMessageHandler` in one global, and Qt's callback
reads it only once it holds the GIL. A thread of Qt's own (FFmpeg's audio thread saying "No
audio device detected", say) that entered the callback while Python held the GIL waits there;
if Python meanwhile installs None, the global is empty when that thread gets the GIL, and it
calls NULL: a segfault (two CI runs, each in a thread with no Python frame; the core dump shows
the NULL call under `QMessageLogger::warning`). So a Python handler is only ever replaced by
another: where there was none before, `restore` puts `to_stderr` back, not None.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Handler = Callable[[Any, Any, str], None]


def to_stderr(_mode: Any, _context: Any, message: str) -> None:
    """What Qt does with a message when no handler is given: it goes to stderr."""
    print(message, file=sys.stderr, flush=True)


def install(handler: Handler) -> Handler | None:
    """`handler` takes Qt's messages from now on; returns the one before (None: Qt's own)."""
    from PySide6.QtCore import qInstallMessageHandler

    return qInstallMessageHandler(handler)


def restore(previous: Handler | None) -> None:
    """The handler before back in place; `to_stderr` where that was Qt's own (see above)."""
    install(previous if previous is not None else to_stderr)


def current() -> Handler | None:
    """The Python handler taking Qt's messages now, left in place; None where that is Qt's
    own, and `to_stderr` stands in for it from then on (see above)."""
    handler = install(to_stderr)
    restore(handler)
    return handler


@contextmanager
def messages_to(handler: Handler) -> Iterator[Handler | None]:
    """`handler` takes Qt's messages while the block runs; the one before takes them again
    after. `with messages_to(h) as before:` gives the one before (None: Qt's own)."""
    previous = install(handler)
    try:
        yield previous
    finally:
        restore(previous)
