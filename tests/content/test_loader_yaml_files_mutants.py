"""Loader, YAML and file-reading behaviour that mutation testing showed was not pinned down:
the exact lines `kiosk validate` prints for odd files and names, and how much of a file is read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.content.files import read_inside
from kiosk.content.loader import load_content
from kiosk.content.problems import Problem
from tests.content.build import INDUSTRY, TODAY, make_content

CHUNK = 1 << 20  # files are read a MiB at a time


def lines(result) -> list[str]:
    return [problem.format() for problem in result.problems]


# --- how much of a file is read -------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "limit", "expected"),
    [
        (100, 10, 11),  # a larger file: exactly limit + 1 bytes, enough to say "too large"
        (11, 10, 11),
        (10, 10, 10),  # a file within the limit is read whole
        (3 * CHUNK, CHUNK + CHUNK // 2, CHUNK + CHUNK // 2 + 1),  # across chunks
        (2 * CHUNK + 5, 4 * CHUNK, 2 * CHUNK + 5),  # several chunks, read whole
    ],
)
def test_read_inside_reads_at_most_one_byte_past_the_limit(tmp_path, size, limit, expected):
    data = bytes(i % 251 for i in range(size))
    (tmp_path / "f.bin").write_bytes(data)
    assert read_inside(tmp_path, "f.bin", limit) == data[:expected]


# --- file names that are not UTF-8 ------------------------------------------------------------


def _write_bytes_name(folder: Path, name: bytes, data: bytes) -> None:
    try:
        fd = os.open(os.fsencode(folder) + b"/" + name, os.O_WRONLY | os.O_CREAT, 0o644)
    except OSError:  # pragma: no cover - a file system that only takes UTF-8 names
        pytest.skip("this file system refuses names that are not UTF-8")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def test_a_panel_file_name_that_is_not_utf8_is_one_error_and_the_rest_still_loads(tmp_path):
    root = make_content(tmp_path)
    # Sorts before industry.yaml and history.yaml: they must still be read after it.
    _write_bytes_name(root / "panels", b"a\xe9.yaml", INDUSTRY.encode())
    result = load_content(root, TODAY)
    assert result.problems == [
        Problem(
            "error",
            "panels/a\\xe9.yaml",
            None,
            None,
            "",
            "the file name is not valid UTF-8 text (it was written by a program with another "
            "encoding); rename it to the panel's id, like industry.yaml",
        )
    ]
    assert lines(result) == [
        "panels/a\\xe9.yaml: error: the file name is not valid UTF-8 text (it was written by a "
        "program with another encoding); rename it to the panel's id, like industry.yaml"
    ]
    assert result.files == ["site.yaml", "panels/history.yaml", "panels/industry.yaml"]
    assert result.content is None


# --- files that cannot be read ----------------------------------------------------------------


def test_a_link_to_a_missing_file_says_it_cannot_be_read(tmp_path):
    root = make_content(tmp_path)
    (root / "site.yaml").unlink()
    (root / "site.yaml").symlink_to("nowhere.yaml")
    result = load_content(root, TODAY)
    assert result.problems == [
        Problem("error", "site.yaml", None, None, "", "cannot be read (No such file or directory)")
    ]
    assert lines(result) == ["site.yaml: error: cannot be read (No such file or directory)"]
    assert result.content is None


def test_a_panel_link_to_a_missing_file_says_it_cannot_be_read(tmp_path):
    root = make_content(tmp_path)
    (root / "panels" / "history.yaml").unlink()
    (root / "panels" / "history.yaml").symlink_to("gone.yaml")
    result = load_content(root, TODAY)
    assert lines(result) == [
        "panels/history.yaml: error: cannot be read (No such file or directory)"
    ]


def test_a_site_file_that_links_to_itself_is_one_error_and_nothing_more(tmp_path):
    root = make_content(tmp_path)
    (root / "site.yaml").unlink()
    (root / "site.yaml").symlink_to("site.yaml")
    result = load_content(root, TODAY)
    assert [(p.severity, p.file, p.line, p.field) for p in result.problems] == [
        ("error", "site.yaml", None, "")
    ]
    # Python 3.11 reports the loop while resolving the link, later versions when opening it.
    message = result.problems[0].message
    assert message.startswith(("could not be loaded (", "cannot be read (")), message
    assert result.content is None


# --- the order of the problems ----------------------------------------------------------------


def test_problems_on_one_line_come_in_column_order(tmp_path):
    # The duplicate key is found while reading, before the wrong value to its left is checked;
    # the report still lists them left to right.
    panel = INDUSTRY.replace("title: {zh: 产业, en: Industry}", "title: {en: 5, zh: 产业, zh: x}")
    result = load_content(make_content(tmp_path, {"panels/industry.yaml": panel}), TODAY)
    assert lines(result) == [
        "panels/industry.yaml:2:13: error: title.en: expected text, found the number 5",
        "panels/industry.yaml:2:24: error: title.zh: duplicate key 'zh': also on line 2; "
        "keep one of the two",
    ]
