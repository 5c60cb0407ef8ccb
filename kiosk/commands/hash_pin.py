"""`kiosk hash-pin`: the salted hash of an admin PIN, for site.yaml."""

from __future__ import annotations

import getpass
import re
import sys

from kiosk.services.admin_pin import hash_pin


def hash_pin_command() -> int:
    """`kiosk hash-pin`: ask for a PIN twice (not echoed) and print the line for site.yaml."""
    try:
        first = getpass.getpass("New admin PIN (4-12 digits): ")
        second = getpass.getpass("Repeat the PIN: ")
    except (EOFError, KeyboardInterrupt):
        print("cancelled", file=sys.stderr)
        return 1
    if first != second:
        print("the two PINs differ; nothing changed", file=sys.stderr)
        return 1
    if not re.fullmatch(r"[0-9]{4,12}", first):  # what the pad can type: not ２ or ٢
        print("a PIN is 4 to 12 digits (the PIN pad has only digits)", file=sys.stderr)
        return 1
    print(hash_pin(first))
    print("Paste it into site.yaml as:  admin: {pin_hash: '<the line above>'}", file=sys.stderr)
    return 0
