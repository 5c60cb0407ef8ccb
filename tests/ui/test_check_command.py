"""`kiosk check` on real content: the shipped sample shows nothing wrong on any screen, in
any look, and a stress content (texts three times as long, 40-character words, twelve panels)
breaks nothing and gets every finding pointed at its file and line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kiosk.commands.check import SIZES, check_screens
from kiosk.content.loader import load_content
from tests.conftest import REPO, SAMPLE_CONTENT
from tests.services.kit import write_content
from tests.ui.stress_content import write_stress_content

LINE = re.compile(r"^(site\.yaml|panels/[\w-]+\.yaml):\d+(:\d+)?: error: ")


@pytest.mark.screens
def test_the_sample_content_has_no_finding_on_any_screen():
    content = load_content(SAMPLE_CONTENT).content
    findings = [problem.format() for problem in check_screens(content, SIZES)]
    assert findings == [], "\n".join(findings)


@pytest.mark.screens
def test_stress_content_breaks_nothing_and_every_finding_has_its_file_and_line(tmp_path):
    content = load_content(write_stress_content(tmp_path / "stress")).content
    assert content is not None
    findings = [
        problem.format()
        for problem in check_screens(content, [(1080, 1920)], scales=(1.3,), contrasts=(False,))
    ]
    assert findings, "texts three times as long, and nothing is found?"
    assert [line for line in findings if not LINE.match(line)] == []


def test_the_command_prints_findings_as_validate_does_and_fails_on_them(tmp_path):
    folder = write_content(tmp_path / "content")
    site = folder / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8") + "display:\n  mounting:\n    bottom_edge_mm: 1200\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", "--content", str(folder), "--size", "1080x1920"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[-1].endswith(f"on the screens of {folder}")
    found = lines[:-1]
    assert found and all(LINE.match(line) for line in found), found
    assert any("out of reach" in line for line in found)
    assert "propagateSizeHints" not in run.stderr  # the offscreen platform's noise is dropped


def test_the_command_warns_for_a_text_the_voice_cannot_read_without_failing():
    # (a short folder name: the admin screen's path line overlaps its neighbour when long)
    short = Path(tempfile.mkdtemp(prefix="kc", dir="/tmp"))
    folder = write_content(
        short / "content", site={"subtitle": {"zh": "亦庄", "en": "Welcome to 亦庄"}}
    )
    try:
        run = subprocess.run(
            [sys.executable, "-m", "kiosk", "check", "--content", str(folder), "--size",
             "1920x1080"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=240,
        )  # fmt: skip
    finally:
        shutil.rmtree(short)
    assert run.returncode == 0, run.stdout + run.stderr  # a warning, not a finding
    warned = [line for line in run.stdout.splitlines() if ": warning: " in line]
    assert len(warned) == 1, run.stdout
    assert warned[0].startswith("site.yaml:")
    assert "subtitle.en: the 'en' voice cannot read the Chinese characters '亦庄'" in warned[0]
    assert warned[0].endswith("add speak: {en: ...} with the words to say")


def test_two_sizes_checked_side_by_side_find_what_one_walk_finds(tmp_path, qapp):
    """The command walks each size in a process of its own (two cores here); what it prints
    is what one walk of both sizes in turn finds, in the same order, each finding once."""
    folder = write_content(tmp_path / "content")
    site = folder / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8") + "display:\n  mounting:\n    bottom_edge_mm: 1200\n",
        encoding="utf-8",
    )
    sizes = ["1080x1920", "1280x800"]
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", "--content", str(folder)]
        + [part for size in sizes for part in ("--size", size)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=400,
    )
    content = load_content(folder).content
    one_walk = [problem.format() for problem in check_screens(content, [(1080, 1920), (1280, 800)])]
    assert run.returncode == 1, run.stdout + run.stderr
    printed = run.stdout.splitlines()[:-1]
    assert printed == one_walk
    assert any("[1280x800" in line for line in printed)  # the second size's own findings too
