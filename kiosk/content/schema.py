"""`kiosk schema`: the JSON Schema of site.yaml, panel files and notice.yaml, for editor
autocompletion.

Save it beside the content (`kiosk schema > content/schema.json`) and start each YAML file
with `# yaml-language-server: $schema=schema.json` (site.yaml) or `../schema.json` (panels).
It is draft-07, the draft editors' YAML and JSON language servers support best.
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from kiosk.content.models import Notice, Panel, Site

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def content_schema() -> dict:
    """One document: a file is a Site (site.yaml), a Panel (panels/<id>.yaml) or a Notice
    (notice.yaml)."""
    _, schema = models_json_schema(
        [(Site, "validation"), (Panel, "validation"), (Notice, "validation")],
        ref_template="#/definitions/{model}",
    )
    return _draft_07(
        {
            "$schema": DRAFT_07,
            "title": "E-Town kiosk content file",
            "description": "site.yaml is a Site; each file in panels/ is a Panel; notice.yaml "
            "is a Notice.",
            "anyOf": [
                {"$ref": "#/definitions/Site", "title": "site.yaml"},
                {"$ref": "#/definitions/Panel", "title": "panels/<id>.yaml"},
                {"$ref": "#/definitions/Notice", "title": "notice.yaml"},
            ],
            "definitions": schema["$defs"],
        }
    )


def _draft_07(node: Any) -> Any:
    """Draft-07 ignores whatever stands beside a `$ref` (a field's `default`, say), so such a
    `$ref` goes into an `allOf` of its own and the rest is kept."""
    if isinstance(node, list):
        return [_draft_07(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _draft_07(value) for key, value in node.items()}
    if "$ref" in node and len(node) > 1:
        node["allOf"] = [{"$ref": node.pop("$ref")}]
    return node
