"""The safe YAML reader at its edges: tags, limits exactly at the boundary, odd keys, positions."""

from __future__ import annotations

import pytest
import yaml

from kiosk.content import yaml_source
from kiosk.content.yaml_source import MAX_DEPTH, read_yaml
from tests.content.test_yaml_source import error_of

NOT_ALLOWED = (
    "is not allowed: content files hold only plain text, numbers, dates, lists and mappings"
)


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!custom text", "!custom"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [{a: 1}]", "!!omap"),
        ("!!python/object:os.system {x: 1}", "!!python/object:os.system"),
        ("!thing {x: 1}", "!thing"),
    ],
)
def test_tags_on_single_values_and_on_mappings_are_refused(composer, value, tag):
    doc = read_yaml(f"a: 1\nb: {value}\nc: 3\n", composer)
    assert doc.data == {"a": 1, "b": None, "c": 3}
    assert doc.refused == [("b",)]
    [issue] = doc.issues
    assert (issue.message, issue.mark, issue.path) == (
        f"the tag {tag} {NOT_ALLOWED}",
        (2, 4),
        ("b",),
    )


def test_standard_tags_for_plain_values_are_allowed(composer):
    doc = read_yaml(
        "when: !!str 1992\ncount: !!int '7'\nlist: !!seq [a]\nmap: !!map {x: 1}\n", composer
    )
    assert doc.data == {"when": "1992", "count": 7, "list": ["a"], "map": {"x": 1}}
    assert doc.issues == []


def test_numbers_and_booleans_as_keys_keep_what_the_author_wrote(composer):
    doc = read_yaml("1992: founded\nyes: agreed\n2.5: half\n", composer)
    assert doc.data == {"1992": "founded", "yes": "agreed", "2.5": "half"}


def test_a_duplicate_key_keeps_the_first_value_and_the_keys_after_it(composer):
    doc = read_yaml("a: 1\nb: 2\na: 3\nc: 4\n", composer)
    assert doc.data == {"a": 1, "b": 2, "c": 4}
    [issue] = doc.issues
    assert issue.message == "duplicate key 'a': also on line 1; keep one of the two"
    assert issue.path == ("a",)


def nested_lists(levels: int) -> str:
    return "a: " + "[" * levels + "]" * levels + "\n"


def nested_maps(levels: int) -> str:
    return "a: " + "{b: " * (levels - 1) + "{}" + "}" * (levels - 1) + "\n"


@pytest.mark.parametrize("nested", [nested_lists, nested_maps])
def test_nesting_up_to_the_limit_is_read_and_one_more_level_is_refused(composer, nested):
    deepest = MAX_DEPTH - 1  # the document's own mapping is the first level
    read_yaml(nested(deepest), composer)
    error = error_of(nested(deepest + 1), composer)
    assert error.message == f"nested more than {MAX_DEPTH} levels deep; content is never this deep"
    assert error.mark[0] == 1


def test_nesting_is_counted_the_same_after_a_shallow_sibling(composer):
    deepest = MAX_DEPTH - 2
    read_yaml("a: [[], " + "[" * deepest + "]" * deepest + "]\n", composer)
    text = "a: [[], " + "[" * (deepest + 1) + "]" * (deepest + 1) + "]\n"
    assert "nested more than 30 levels deep" in error_of(text, composer).message
    text = "a: {x: {y: 1}, z: " + "{b: " * deepest + "1" + "}" * deepest + "}\n"
    assert "nested more than 30 levels deep" in error_of(text, composer).message


def test_an_alias_cannot_smuggle_nesting_past_the_limit(composer):
    inner = "[" * 15 + "]" * 15
    fits = f"deep: &d {inner}\nb: " + "{c: " * 15 + "*d" + "}" * 15 + "\n"
    read_yaml(fits, composer)
    too_deep = f"deep: &d {inner}\nb: " + "{c: " * 16 + "*d" + "}" * 16 + "\n"
    error = error_of(too_deep, composer)
    assert error.message == f"nested more than {MAX_DEPTH} levels deep"
    assert error.mark == (1, 10 + 14)
    assert error.path == ("b", *["c"] * 16, *[0] * 14)


def test_the_value_budget_counts_exactly_what_aliases_repeat(composer, monkeypatch):
    monkeypatch.setattr(yaml_source, "MAX_VALUES", 50)  # the real budget, made small and fast
    plain = read_yaml("a: [" + ", ".join(["0"] * 500) + "]\n", composer)
    assert len(plain.data["a"]) == 500  # values written out are bounded by the file size only
    anchor = "x: &x [0, 0, 0, 0]\n"  # each *x repeats 5 values: the list and its 4 items
    doc = read_yaml(anchor + "y: [" + ", ".join(["*x"] * 10) + "]\n", composer)
    assert len(doc.data["y"]) == 10
    error = error_of(anchor + "y: [" + ", ".join(["*x"] * 11) + "]\n", composer)
    assert error.message == "expands to more than 50 values (aliases repeated too often)"
    assert error.path == ("y", 10)  # the 11th *x: its list is the 51st repeated value


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("a: 1\nb: 2\nc: 成\x07\nd: 4\ne: 5\n", (3, 5)),
        ("\nb: \x07\nc: 1\nd: 2\n", (2, 4)),
        ("\x07", (1, 1)),
    ],
)
def test_a_control_character_is_located_exactly(composer, text, mark):
    error = error_of(text, composer)
    assert error.mark == mark
    assert error.message == "contains the control character U+0007, which YAML does not allow"


def test_a_syntax_error_says_what_was_being_read(composer):
    error = error_of("a: 1\nb: [x, y\n", composer)
    assert error.message.startswith("not valid YAML: while parsing a flow sequence: ")
    assert error.mark[0] == 3


def test_an_error_prints_as_its_message(composer):
    error = error_of("a: [\n", composer)
    assert str(error) == error.message


def test_any_other_yaml_failure_still_becomes_a_message():
    class Failing:
        def __init__(self, text):
            pass

        def get_single_node(self):
            raise yaml.YAMLError("the stream vanished")

        def dispose(self):
            pass

    error = error_of("a: 1\n", Failing)
    assert (error.message, error.mark) == ("not valid YAML: the stream vanished", None)


def test_an_empty_document_has_a_position_for_its_errors(composer):
    doc = read_yaml("# only a comment\n", composer)
    assert doc.data is None
    assert doc.mark_for(("title",)) == (1, 1)


def test_a_missing_value_points_at_its_nearest_parent(composer):
    doc = read_yaml("b: [x, {y: 1}]\n", composer)
    assert doc.mark_for(("b", 1, "missing")) == (1, 8)
    assert doc.mark_for(("b", 1, "missing", 3)) == (1, 8)
