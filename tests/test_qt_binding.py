"""Guard against the PySide6 6.12.0 binding bug on Python 3.11.

Every Qt call returning nothing took one reference from Python's None; after a few thousand
calls the interpreter aborted ("deallocating None"). A kiosk makes that many calls in minutes.
"""

import sys

from PySide6.QtCore import QObject


def test_qt_calls_do_not_leak_references_to_none():
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        obj.setObjectName("probe")
    assert sys.getrefcount(None) - before > -100
