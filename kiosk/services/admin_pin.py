"""The admin PIN: salted PBKDF2 hashes in site.yaml, and a gate that locks after wrong tries.

Hash format: `pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>`; `kiosk set-pin` writes one
into site.yaml, `kiosk hash-pin` prints one. hashlib, hmac and secrets are imported when a PIN
is hashed or checked: they load OpenSSL (3.5 MiB resident), which a kiosk nobody administers
never needs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

log = logging.getLogger(__name__)

ITERATIONS = 200_000
FREE_TRIES = 5  # wrong PINs allowed before the first lock-out
FIRST_LOCK_SECONDS = 30.0
MAX_LOCK_SECONDS = 15 * 60.0
PIN_DIGITS = (4, 12)  # the shortest and longest PIN (the pad takes no more, pin_pad.py)


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be the admin PIN, or None if it can: 4 to 12 ASCII digits, what the
    PIN pad can type (not ２ or ٢, which str.isdigit() accepts)."""
    low, high = PIN_DIGITS
    if re.fullmatch(rf"[0-9]{{{low},{high}}}", pin):
        return None
    return f"a PIN is {low} to {high} digits (the PIN pad has only digits)"


def hash_pin(pin: str, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    import hashlib
    import secrets

    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, pin_hash: str) -> bool:
    """True if `pin` matches; False for a wrong PIN or a malformed hash (never raises)."""
    import hashlib
    import hmac

    try:
        scheme, iterations, salt, expected = pin_hash.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), int(iterations))
        return hmac.compare_digest(digest, bytes.fromhex(expected))
    except (ValueError, TypeError):
        return False


class PinGate:
    """Counts wrong PINs; after `FREE_TRIES` each further wrong one locks for twice as long.

    5 wrong: 30 s, 6: 60 s, 7: 120 s ... up to 15 min. A right PIN clears the count.
    Wrong PINs and lock-outs are logged as warnings with the count and the lock-out length,
    never with the digits entered. `monotonic` is injectable so tests move time without
    sleeping.
    """

    def __init__(self, pin_hash: str, monotonic: Callable[[], float] | None = None):
        import time

        self.pin_hash = pin_hash
        self._monotonic = monotonic or time.monotonic
        self.failures = 0
        self._locked_until = 0.0

    def locked_for(self) -> float:
        """Seconds until the next try is allowed (0 when not locked)."""
        return max(0.0, self._locked_until - self._monotonic())

    def attempt(self, pin: str) -> bool:
        if self.locked_for() > 0:
            return False
        if verify_pin(pin, self.pin_hash):
            if self.failures:
                log.info("admin PIN accepted after %d wrong in a row", self.failures)
            self.failures = 0
            return True
        self.failures += 1
        if self.failures >= FREE_TRIES:
            extra = self.failures - FREE_TRIES
            lock = min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2**extra)
            self._locked_until = self._monotonic() + lock
            log.warning(
                "wrong admin PIN (%d in a row): PIN pad locked for %d s", self.failures, lock
            )
        else:
            log.warning("wrong admin PIN (%d in a row)", self.failures)
        return False
