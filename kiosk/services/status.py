"""The status folder (`kiosk run --status-dir DIR`, or KIOSK_STATUS_DIR): what an office
sees of a kiosk without logging in. Qt-free; kiosk/services/fleet.py takes the pictures.

- `screen-YYYYMMDD-HHMMSS-<content version>.jpg`: a small picture of the screen, every few
  minutes and on request (a file named `screenshot.request` dropped into the folder, or
  SIGUSR1); the newest KEEP_PICTURES are kept.
- `status.json`: what the kiosk shows and how it is, for a person to read.

Both are written as a temporary file (`.NAME.partial`) renamed into place, so whatever syncs
the folder to the office never carries half a file: rsync and Syncthing send the renamed
file; the Ansible role's `.stignore` keeps Syncthing off the temporary ones.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

STATUS_FILE = "status.json"
REQUEST_FILE = "screenshot.request"
PICTURE_PREFIX = "screen-"
PICTURE_SUFFIX = ".jpg"
KEEP_PICTURES = 24
TEMPORARY = ".partial"  # `.NAME.partial`: hidden, and named for .stignore


def picture_name(when: datetime, content_version: str) -> str:
    version = "".join(c for c in content_version if c.isalnum()) or "none"
    return f"{PICTURE_PREFIX}{when:%Y%m%d-%H%M%S}-{version}{PICTURE_SUFFIX}"


def temporary_path(path: Path) -> Path:
    return path.with_name(f".{path.name}{TEMPORARY}")


def replace_atomically(temporary: Path, path: Path) -> None:
    os.replace(temporary, path)


def write_json(folder: Path, status: dict) -> bool:
    """Write status.json; False (logged) if it cannot be written."""
    path = Path(folder) / STATUS_FILE
    temporary = temporary_path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(status, ensure_ascii=False, indent=2, sort_keys=True, default=str)
        temporary.write_text(text + "\n", encoding="utf-8")
        replace_atomically(temporary, path)
        return True
    except OSError as error:
        log.warning("cannot write %s: %s", path, error)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False


def take_request(folder: Path) -> bool:
    """Whether a picture was asked for; the request file is removed (once answered)."""
    path = Path(folder) / REQUEST_FILE
    if not os.path.lexists(path):
        return False
    try:
        path.unlink()
    except OSError as error:
        log.warning("cannot remove the screenshot request %s: %s", path, error)
    return True


def prune_pictures(folder: Path, keep: int = KEEP_PICTURES) -> list[str]:
    """Delete all but the newest `keep` pictures (their names sort by time); the names left."""
    pictures = sorted(
        name
        for name in os.listdir(folder)
        if name.startswith(PICTURE_PREFIX) and name.endswith(PICTURE_SUFFIX)
    )
    for old in pictures[:-keep] if keep else pictures:
        try:
            os.unlink(Path(folder) / old)
        except OSError as error:
            log.warning("cannot remove the old picture %s: %s", old, error)
    return pictures[-keep:] if keep else []
