"""Where logs go (the platform's log folder). Rotating file setup lives here too."""

from __future__ import annotations

from pathlib import Path

import platformdirs


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir("etown-kiosk", appauthor=False))
