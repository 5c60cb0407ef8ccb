"""Test configuration shared by every test: headless Qt, and no system fonts for Qt to lean on.

Qt runs on the offscreen platform, on a screen big enough for the kiosk's windows.
Fontconfig is pointed at an empty configuration so that only the fonts the app bundles and
registers can render text: a missing CJK font shows up as a failing test here instead of
hiding behind whatever fonts the machine happens to have.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kiosk.offscreen import use_offscreen_screen

os.environ["QT_QPA_PLATFORM"] = "offscreen"
use_offscreen_screen()
_fonts_conf = Path(tempfile.mkdtemp(prefix="kiosk-fc-")) / "fonts.conf"
_fonts_conf.write_text(
    '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
    f"<cachedir>{_fonts_conf.parent}/cache</cachedir></fontconfig>\n"
)
os.environ["FONTCONFIG_FILE"] = str(_fonts_conf)

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = REPO / "content"
