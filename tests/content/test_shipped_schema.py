"""content/schema.json is what editors read for autocompletion: it must match the models, be
draft-07 (what YAML editors support) and accept every sample file."""

import json
from datetime import date

import pytest
from jsonschema import Draft7Validator

from kiosk.content.schema import content_schema
from kiosk.content.yaml_source import read_yaml
from tests.conftest import SAMPLE_CONTENT
from tests.content.test_fix_hints import SAMPLES

SAMPLE_FILES = [
    "site.yaml",
    *sorted(f"panels/{p.name}" for p in (SAMPLE_CONTENT / "panels").glob("*.yaml")),
]
NEWER_THAN_DRAFT_07 = {
    "$defs",
    "prefixItems",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "minContains",
    "maxContains",
}


def _as_an_editor_reads_it(value: object) -> object:
    """YAML data as a YAML editor checks it: a date is text (`format: date` in the schema)."""
    if isinstance(value, dict):
        return {key: _as_an_editor_reads_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_an_editor_reads_it(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value


def _schema_errors(text: str) -> list[str]:
    validator = Draft7Validator(content_schema())
    data = _as_an_editor_reads_it(read_yaml(text).data)
    return [error.message for error in validator.iter_errors(data)]


def _keys(node: object):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def test_shipped_schema_file_is_up_to_date():
    shipped = json.loads((SAMPLE_CONTENT / "schema.json").read_text(encoding="utf-8"))
    assert shipped == content_schema(), "run: kiosk schema > content/schema.json"


def test_schema_is_a_valid_draft_07_schema():
    schema = content_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    assert not NEWER_THAN_DRAFT_07 & set(_keys(schema))
    refs = [node["$ref"] for node in _all_refs(schema)]
    assert refs and all(ref.startswith("#/definitions/") for ref in refs)
    assert all(ref.removeprefix("#/definitions/") in schema["definitions"] for ref in refs)


def _all_refs(node: object):
    if isinstance(node, dict):
        if "$ref" in node:
            assert set(node) == {"$ref"}, node  # draft-07 ignores anything beside a $ref
            yield node
        for value in node.values():
            yield from _all_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _all_refs(item)


@pytest.mark.parametrize("file", SAMPLE_FILES)
def test_every_sample_file_is_valid_under_the_schema(file):
    assert _schema_errors((SAMPLE_CONTENT / file).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("file", sorted(SAMPLES))
def test_a_file_with_every_field_is_valid_under_the_schema(file):
    assert _schema_errors(SAMPLES[file]) == []


def test_the_schema_refuses_a_misspelled_key_as_editors_show_it():
    site = (SAMPLE_CONTENT / "site.yaml").read_text(encoding="utf-8")
    errors = _schema_errors(site.replace("default_language:", "default_langauge:", 1))
    assert errors, "a misspelled key must not pass the schema"


def test_every_sample_file_points_editors_at_the_schema():
    site = (SAMPLE_CONTENT / "site.yaml").read_text(encoding="utf-8")
    assert site.startswith("# yaml-language-server: $schema=schema.json")
    for panel in (SAMPLE_CONTENT / "panels").glob("*.yaml"):
        first = panel.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema.json", panel.name
