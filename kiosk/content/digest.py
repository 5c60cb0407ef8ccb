"""The one hash the kiosk keys its caches with: BLAKE2b, 32 bytes. Qt-free.

It is hashlib's own BLAKE2 (`hashlib.blake2b` is this one), imported without hashlib: importing
hashlib loads OpenSSL's libcrypto for its other hashes, 3.5 MiB resident for the life of the
kiosk, which a start from the snapshot cache otherwise never needs. (The stdlib's `random`
takes its SHA-512 the same way.)
"""

from __future__ import annotations

from typing import Any

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b


def new_hash(data: bytes = b"") -> Any:
    """A hash of `data` that `update()` extends; `hexdigest()` gives 64 hex digits."""
    return blake2b(data, digest_size=32)
