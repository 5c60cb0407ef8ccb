"""Small content folders for tests, written into tmp_path."""

from __future__ import annotations

import os
import struct
import zlib
from datetime import date
from pathlib import Path

TODAY = date(2025, 1, 1)


def _png(width: int = 2, height: int = 2) -> bytes:
    """A real, whole PNG (grey pixels): validation reads every image's structure."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG = _png()


def time_limit(seconds: float) -> float:
    """`seconds`, or ten times as long under mutmut, whose trampolines slow every call."""
    return seconds * 10 if "MUTANT_UNDER_TEST" in os.environ else seconds


SITE = """\
# yaml-language-server: $schema=../schema.json
title: {zh: 亦庄, en: E-Town}
languages: [zh, en]
panels: [industry, history]
admin:
  pin_hash: pbkdf2_sha256$1000$abcd$ef01
"""

INDUSTRY = """\
id: industry
title: {zh: 产业, en: Industry}
icon: mdi6.factory
accent: '#1f6feb'
hero_image: images/hero.png
blocks:
  - type: text
    body: {zh: 正文, en: Body}
  - type: figures
    items:
      - value: 12.5
        label: {zh: 产值, en: Output}
        source: {zh: 统计局, en: Statistics bureau}
        as_of: 2024-06-01
"""

HISTORY = """\
id: history
title: {zh: 历史, en: History}
icon: mdi6.history
accent: '#aa3300'
blocks:
  - type: timeline
    events:
      - when: 1992
        title: {zh: 成立, en: Founded}
"""


def make_content(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """A valid content folder in `root`, with `files` replacing (None: deleting) some."""
    wanted: dict[str, str | bytes | None] = {
        "site.yaml": SITE,
        "panels/industry.yaml": INDUSTRY,
        "panels/history.yaml": HISTORY,
        "images/hero.png": PNG,
    }
    wanted.update(files or {})
    for name, data in wanted.items():
        if data is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root
