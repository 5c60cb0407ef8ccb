"""`kiosk schema`: the JSON Schema of site.yaml and panel files, for editor autocompletion.

Save it beside the content (`kiosk schema > content/schema.json`) and start each YAML file
with `# yaml-language-server: $schema=schema.json` (site.yaml) or `../schema.json` (panels).
"""

from __future__ import annotations

from pydantic.json_schema import models_json_schema

from kiosk.content.models import Panel, Site


def content_schema() -> dict:
    """One document: a file is either a Site (site.yaml) or a Panel (panels/<id>.yaml)."""
    _, schema = models_json_schema(
        [(Site, "validation"), (Panel, "validation")], ref_template="#/$defs/{model}"
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "E-Town kiosk content file",
        "description": "site.yaml is a Site; each file in panels/ is a Panel.",
        "anyOf": [
            {"$ref": "#/$defs/Site", "title": "site.yaml"},
            {"$ref": "#/$defs/Panel", "title": "panels/<id>.yaml"},
        ],
        "$defs": schema["$defs"],
    }
