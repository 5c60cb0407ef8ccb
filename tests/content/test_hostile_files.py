"""Files that are not what they seem: named pipes where content belongs and links that leave
the content folder are refused at once, by name, and nothing outside is ever read or echoed."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kiosk.content.loader import load_content
from tests.content.build import INDUSTRY, TODAY, make_content

SECRET = "root:x:0:0:the-secret-first-line\n"


def load_within(root: Path, seconds: float = 5.0):
    """load_content in a thread; fails the test instead of hanging if it blocks."""
    box: dict = {}
    worker = threading.Thread(target=lambda: box.update(result=load_content(root, TODAY)))
    worker.daemon = True
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"loading {root} blocked"
    return box["result"]


def lines(result) -> list[str]:
    return [problem.format() for problem in result.problems]


@pytest.mark.parametrize("name", ["site.yaml", "panels/industry.yaml", "images/hero.png"])
def test_a_named_pipe_anywhere_content_belongs_is_refused_without_waiting(tmp_path, name):
    root = make_content(tmp_path / "content")
    (root / name).unlink()
    os.mkfifo(root / name)
    result = load_within(root)
    assert not result.ok
    refused = [line for line in lines(result) if line.startswith(name) or f"'{name}'" in line]
    assert refused, lines(result)
    assert "named pipe" in refused[0] and "put a real file here" in refused[0]


def test_validate_on_a_folder_with_a_pipe_exits_instead_of_hanging(tmp_path):
    root = make_content(tmp_path / "content")
    (root / "panels" / "industry.yaml").unlink()
    os.mkfifo(root / "panels" / "industry.yaml")
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", "--content", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert "panels/industry.yaml: error: is a named pipe" in run.stdout


@pytest.mark.parametrize("target", ["secret", "valid panel"])
def test_a_panel_file_linked_outside_the_folder_is_refused_and_never_read(tmp_path, target):
    outside = tmp_path / "outside.yaml"
    outside.write_text(SECRET if target == "secret" else INDUSTRY, encoding="utf-8")
    root = make_content(tmp_path / "content")
    (root / "panels" / "industry.yaml").unlink()
    (root / "panels" / "industry.yaml").symlink_to(outside)
    result = load_within(root)
    assert not result.ok and result.content is None
    text = "\n".join(lines(result))
    assert "panels/industry.yaml: error: is a link that leads outside the content folder" in text
    assert "the-secret" not in text and str(outside) not in text


def test_a_link_that_stays_inside_the_folder_is_read(tmp_path):
    root = make_content(tmp_path / "content")
    real = root / "drafts" / "industry.yaml"
    real.parent.mkdir()
    (root / "panels" / "industry.yaml").rename(real)
    (root / "panels" / "industry.yaml").symlink_to(real)
    result = load_within(root)
    assert result.ok, lines(result)
    assert result.content.panels["industry"].title.get("en") == "Industry"


def test_a_site_yaml_linked_outside_is_refused(tmp_path):
    outside = tmp_path / "site.yaml"
    root = make_content(tmp_path / "content")
    (root / "site.yaml").rename(outside)
    (root / "site.yaml").symlink_to(outside)
    result = load_within(root)
    assert result.content is None
    assert any(
        line.startswith("site.yaml: error: is a link that leads outside") for line in lines(result)
    )
