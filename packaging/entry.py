"""Entry point of the frozen kiosk: `kiosk` alone starts the kiosk fullscreen (`run`)."""

import os
import sys

# qtawesome reaches Qt through qtpy: name the binding so qtpy tries no other.
os.environ.setdefault("QT_API", "pyside6")

from kiosk.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
