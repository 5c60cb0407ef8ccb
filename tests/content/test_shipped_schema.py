"""content/schema.json is what editors read for autocompletion: it must match the models."""

import json

from kiosk.content.schema import content_schema
from tests.conftest import SAMPLE_CONTENT


def test_shipped_schema_file_is_up_to_date():
    shipped = json.loads((SAMPLE_CONTENT / "schema.json").read_text(encoding="utf-8"))
    assert shipped == content_schema(), "run: kiosk schema > content/schema.json"


def test_every_sample_file_points_editors_at_the_schema():
    site = (SAMPLE_CONTENT / "site.yaml").read_text(encoding="utf-8")
    assert site.startswith("# yaml-language-server: $schema=schema.json")
    for panel in (SAMPLE_CONTENT / "panels").glob("*.yaml"):
        first = panel.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema.json", panel.name
