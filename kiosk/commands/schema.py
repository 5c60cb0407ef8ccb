"""`kiosk schema`: print the JSON Schema of the content files."""

from __future__ import annotations

import json

from kiosk.content.schema import content_schema


def schema_command() -> int:
    print(json.dumps(content_schema(), indent=2, ensure_ascii=False))
    return 0
