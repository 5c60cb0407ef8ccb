"""The app finds its assets and content from source and from a PyInstaller one-folder bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk import paths

REPO = Path(__file__).resolve().parents[2]


def test_source_layout_finds_repo_assets_and_content(monkeypatch):
    monkeypatch.delenv("KIOSK_CONTENT", raising=False)
    assert not paths.is_frozen()
    assert paths.assets_dir() == REPO / "assets"
    assert (paths.assets_dir() / "fonts" / "NotoSansCJKsc-Regular.otf").is_file()
    assert (paths.assets_dir() / "fonts" / "NotoSansCJKsc-Bold.otf").is_file()
    assert paths.default_content_dir() == REPO / "content"


@pytest.fixture
def frozen_bundle(tmp_path, monkeypatch):
    """A fake dist/kiosk: executable, _internal/assets inside, content/ beside."""
    app = tmp_path / "opt" / "kiosk"
    internal = app / "_internal"
    (internal / "assets" / "fonts").mkdir(parents=True)
    (app / "content").mkdir()
    executable = app / "kiosk"
    executable.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    monkeypatch.delenv("KIOSK_CONTENT", raising=False)
    return app


def test_frozen_layout_assets_inside_content_beside(frozen_bundle):
    assert paths.is_frozen()
    assert paths.assets_dir() == frozen_bundle / "_internal" / "assets"
    assert paths.default_content_dir() == frozen_bundle / "content"


def test_frozen_through_a_symlink_still_finds_content_beside_the_real_executable(
    frozen_bundle, tmp_path, monkeypatch
):
    link = tmp_path / "bin" / "kiosk"
    link.parent.mkdir()
    link.symlink_to(frozen_bundle / "kiosk")
    monkeypatch.setattr(sys, "executable", str(link))
    assert paths.default_content_dir() == frozen_bundle / "content"


def test_kiosk_content_variable_wins_over_the_shipped_content(frozen_bundle, monkeypatch):
    monkeypatch.setenv("KIOSK_CONTENT", "~/shared-content")
    assert paths.default_content_dir() == Path.home() / "shared-content"
