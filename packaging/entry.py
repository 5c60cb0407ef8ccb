"""Entry point of the frozen kiosk: `kiosk` alone starts the kiosk fullscreen (`run`)."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
