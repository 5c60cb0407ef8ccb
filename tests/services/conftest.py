from __future__ import annotations

import pytest

from tests.services.kit import register_fonts


@pytest.fixture(autouse=True, scope="session")
def _fonts(qapp):
    register_fonts()
