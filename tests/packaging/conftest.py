"""Fixtures for the packaging tests: a tiny valid content folder, and the `dist` marker."""

from __future__ import annotations

from pathlib import Path

import pytest

SITE = """\
title: {zh: 北京经济技术开发区, en: Beijing E-Town}
panels: [industry]
admin:
  pin_hash: pbkdf2_sha256$1000$00ff$abcd
"""

PANEL = """\
id: industry
title: {zh: 高端产业, en: Industry}
icon: mdi6.factory
accent: "#1f6feb"
hero_image: images/hero.png
blocks:
  - type: text
    body: {zh: "新一代信息技术、生物医药。", en: "Next-generation IT — since 1992."}
"""


@pytest.fixture
def tiny_content(tmp_path: Path, qapp) -> Path:
    """A minimal valid content folder: one panel with an icon, a hero image and both languages."""
    from PySide6.QtGui import QColor, QImage

    root = tmp_path / "content"
    (root / "panels").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "site.yaml").write_text(SITE, encoding="utf-8")
    (root / "panels" / "industry.yaml").write_text(PANEL, encoding="utf-8")
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    assert image.save(str(root / "images" / "hero.png"))
    return root
