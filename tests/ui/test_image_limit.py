"""An image over the validated size that appears after validation is refused by Qt too, not
decoded into hundreds of megabytes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImageReader

from kiosk.ui.application import ensure_application
from tests.content.test_image_header import png


@pytest.mark.qt_log_ignore("exceeds the current allocation limit")
def test_a_picture_larger_than_validation_allows_is_not_decoded(qapp, qtlog, tmp_path):
    ensure_application()
    big, small = tmp_path / "big.png", tmp_path / "small.png"
    big.write_bytes(png(8000, 6000))  # 48 megapixels: validation allows 40
    small.write_bytes(png(4000, 3000))  # 12 megapixels
    assert QImageReader(str(small)).read().size().width() == 4000
    assert QImageReader(str(big)).read().isNull()
    assert any("exceeds the current allocation limit" in r.message for r in qtlog.records)
    limit = QImageReader.allocationLimit()
    QImageReader.setAllocationLimit(0)  # no limit: the same file decodes, so the limit refused it
    try:
        assert QImageReader(str(big)).read().width() == 8000
    finally:
        QImageReader.setAllocationLimit(limit)
