"""Where the app finds its own files and the operator's content, from source or frozen.

Source layout: <repo>/kiosk/paths.py, <repo>/assets, <repo>/content.
Frozen (PyInstaller onedir): <dist>/kiosk/kiosk (executable), assets inside the bundle
(sys._MEIPASS), content beside the executable so the operator edits it without a rebuild.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def bundle_root() -> Path:
    """Folder holding the app's read-only files (assets/)."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def app_root() -> Path:
    """Folder beside which the operator's content lives."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    return bundle_root() / "assets"


def default_content_dir() -> Path:
    """`KIOSK_CONTENT` if set, else the content folder shipped with the app."""
    env = os.environ.get("KIOSK_CONTENT")
    if env:
        return Path(env).expanduser()
    return app_root() / "content"
