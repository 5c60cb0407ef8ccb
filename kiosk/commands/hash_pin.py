"""`kiosk hash-pin`: the salted hash of an admin PIN, for scripts (`kiosk set-pin` writes it
into site.yaml itself)."""

from __future__ import annotations

import getpass
import sys

from kiosk.services.admin_pin import hash_pin, pin_problem


def ask_new_pin(then: str = "") -> str | None:
    """Ask for a new PIN twice (not echoed); None, with the reason on stderr (and `then`
    after it), if the two differ, the pad cannot type the PIN, or Ctrl+C or Ctrl+D stops it."""
    try:
        first = getpass.getpass("New admin PIN (4-12 digits): ")
        second = getpass.getpass("Repeat the PIN: ")
    except (EOFError, KeyboardInterrupt):
        print(f"cancelled{then}", file=sys.stderr)
        return None
    if first != second:
        print("the two PINs differ; nothing changed", file=sys.stderr)
        return None
    problem = pin_problem(first)
    if problem:
        print(f"{problem}{then}", file=sys.stderr)
        return None
    return first


def hash_pin_command() -> int:
    """`kiosk hash-pin`: ask for a PIN twice and print its hash alone on stdout."""
    pin = ask_new_pin()
    if pin is None:
        return 1
    pin_hash = hash_pin(pin)
    print(pin_hash)
    print(
        "To change the PIN, `kiosk set-pin` asks for it and writes the hash into site.yaml.\n"
        "By hand, the hash goes in site.yaml, in quotes, in place of the old one:\n"
        "admin:\n"
        f'  pin_hash: "{pin_hash}"',
        file=sys.stderr,
    )
    return 0
