"""The safe YAML reader behaves the same on libyaml's parser and on pure-Python PyYAML."""

from __future__ import annotations

import time

import pytest

from kiosk.content.yaml_source import YamlError, read_yaml
from tests.content.build import time_limit


def error_of(text, composer):
    with pytest.raises(YamlError) as caught:
        read_yaml(text, composer)
    return caught.value


def test_values_and_marks(composer):
    doc = read_yaml("# comment\na: 1\nb: [x, {y: 成立, z: 2024-05-01}]\nc:\n  - d\n", composer)
    assert doc.data["b"][1]["y"] == "成立"
    assert str(doc.data["b"][1]["z"]) == "2024-05-01"
    assert doc.marks[("a",)] == (2, 4)
    assert doc.marks[("b", 1, "z")] == (3, 19)
    assert doc.marks[("c",)] == (4, 1)
    assert doc.marks[("c", 0)] == (5, 5)
    assert doc.mark_for(("b", 1, "missing", 3)) == (3, 8)


def test_object_tag_is_refused_and_the_rest_still_read(tmp_path, composer):
    marker = tmp_path / "x"
    text = f'a: 1\nb: !!python/object/apply:os.system ["touch {marker}"]\nc: 3\n'
    doc = read_yaml(text, composer)
    assert not marker.exists()
    assert doc.data == {"a": 1, "b": None, "c": 3}
    assert doc.refused == [("b",)]
    [issue] = doc.issues
    assert issue.mark == (2, 4)
    assert "!!python/object/apply:os.system is not allowed" in issue.message


def test_billion_laughs_is_refused_fast(composer):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    start = time.perf_counter()
    error = error_of(bomb, composer)
    assert time.perf_counter() - start < time_limit(0.5)
    assert "expands to more than" in error.message


def test_self_referencing_alias_is_refused(composer):
    assert "nested more than 30" in error_of("a: &a [*a]\n", composer).message


@pytest.mark.parametrize("nested", ["[" * 40 + "]" * 40, "[" * 5000 + "]" * 5000])
def test_deep_nesting_is_refused(composer, nested):
    error = error_of(f"a: 1\nb: {nested}\n", composer)
    assert "nested more than 30 levels deep" in error.message
    assert error.mark[0] == 2


def test_duplicate_keys_are_issues_with_both_lines(composer):
    doc = read_yaml("a: 1\nb: 2\na: 3\n", composer)
    [issue] = doc.issues
    assert issue.mark == (3, 1)
    assert issue.message.startswith("duplicate key 'a': also on line 1")


def test_control_character_names_line_and_column(composer):
    error = error_of("a: 1\nb: 成\x07\n", composer)
    assert error.mark == (2, 5)
    assert "U+0007" in error.message


def test_merge_keys_are_refused(composer):
    error = error_of("base: &b {x: 1}\nother:\n  <<: *b\n", composer)
    assert error.mark == (3, 3)
    assert "<< merges" in error.message
