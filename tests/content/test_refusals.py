"""Files the loader must refuse, each reported with file, line and what is wrong."""

from __future__ import annotations

import time

from kiosk.content.loader import load_content
from tests.content.build import INDUSTRY, SITE, TODAY, make_content, time_limit


def only_error(root, file):
    result = load_content(root, TODAY)
    assert result.content is None
    errors = [p for p in result.errors if p.file == file]
    assert len(errors) == 1, [p.format() for p in result.problems]
    return errors[0]


def test_python_object_tag_is_refused_and_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    evil = INDUSTRY + f'extra: !!python/object/apply:os.system ["touch {marker}"]\n'
    make_content(tmp_path / "c", {"panels/industry.yaml": evil})
    error = only_error(tmp_path / "c", "panels/industry.yaml")
    assert not marker.exists()
    assert error.line == 15
    assert error.field == "extra"
    assert "!!python/object/apply:os.system" in error.message
    assert "not allowed" in error.message


def test_a_refused_tag_does_not_hide_other_mistakes_in_the_file(tmp_path):
    evil = INDUSTRY.replace("title:", "titel:", 1) + "extra: !!python/object/new:str []\n"
    make_content(tmp_path, {"panels/industry.yaml": evil})
    result = load_content(tmp_path)
    messages = {p.field: p.message for p in result.errors}
    assert "not allowed" in messages["extra"]
    assert "unknown field 'titel'" in messages["titel"]


def test_alias_bomb_is_refused_quickly(tmp_path):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    make_content(tmp_path, {"site.yaml": bomb})
    start = time.perf_counter()
    error = only_error(tmp_path, "site.yaml")
    assert time.perf_counter() - start < time_limit(0.5)
    assert "aliases" in error.message
    assert error.line is not None


def test_too_many_aliases_are_refused(tmp_path):
    text = SITE + "x: &x 1\n" + "".join(f"y{i}: *x\n" for i in range(150))
    make_content(tmp_path, {"site.yaml": text})
    error = only_error(tmp_path, "site.yaml")
    assert "more than 100 aliases" in error.message
    assert error.line == 8 + 100


def test_duplicate_key_names_both_lines(tmp_path):
    make_content(tmp_path, {"panels/industry.yaml": INDUSTRY + "icon: mdi6.home\n"})
    error = only_error(tmp_path, "panels/industry.yaml")
    assert (error.line, error.column) == (15, 1)
    assert error.field == "icon"
    assert "duplicate key 'icon'" in error.message
    assert "line 3" in error.message


def test_deep_nesting_is_refused_without_recursion_error(tmp_path):
    make_content(tmp_path, {"site.yaml": SITE + "deep: " + "[" * 5000 + "]" * 5000 + "\n"})
    error = only_error(tmp_path, "site.yaml")
    assert "nested more than 30 levels" in error.message
    assert error.line == 7


def test_file_too_large_is_refused(tmp_path):
    make_content(tmp_path, {"site.yaml": SITE + "# padding\n" * 120_000})
    error = only_error(tmp_path, "site.yaml")
    assert "too large" in error.message


def test_invalid_utf8_names_line_and_byte(tmp_path):
    data = SITE.encode() + b"subtitle: caf\xe9\n"
    make_content(tmp_path, {"site.yaml": data})
    error = only_error(tmp_path, "site.yaml")
    assert (error.line, error.column) == (7, 14)
    assert "not valid UTF-8" in error.message
    assert "0xe9" in error.message


def test_broken_yaml_syntax_names_the_line(tmp_path):
    make_content(tmp_path, {"site.yaml": SITE + "subtitle: [unclosed\n"})
    error = only_error(tmp_path, "site.yaml")
    assert error.line == 8
    assert "not valid YAML" in error.message
