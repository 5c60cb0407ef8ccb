"""`kiosk validate` and `kiosk schema` as an operator runs them."""

from __future__ import annotations

import json
import time
from datetime import date

from kiosk.cli import main
from tests.content.build import HISTORY, INDUSTRY, make_content

# The command checks figures against the real today; keep the sample figure fresh.
FRESH = INDUSTRY.replace("2024-06-01", date.today().isoformat())


def test_validate_ok_exits_0_with_summary(tmp_path, capsys):
    make_content(tmp_path, {"panels/industry.yaml": FRESH})
    assert main(["validate", "--content", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Content OK: 3 files, 0 warnings"]


def test_validate_errors_exit_1_one_line_each(tmp_path, capsys):
    make_content(
        tmp_path,
        {
            "panels/industry.yaml": FRESH.replace("icon:", "icno:"),
            "panels/history.yaml": HISTORY.replace(", en: Founded", ""),
        },
    )
    start = time.perf_counter()
    assert main(["validate", "--content", str(tmp_path)]) == 1
    assert time.perf_counter() - start < 1.0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "panels/history.yaml:9:9: warning: blocks[0].events[0].title: no 'en' text "
        "(site languages: zh, en); those visitors will see the 'zh' text",
        "panels/industry.yaml:1:1: error: icon: required field 'icon' is missing",
        "panels/industry.yaml:3:1: error: icno: unknown field 'icno' (did you mean 'icon'?)",
        "2 errors, 1 warning in 3 files",
    ]


def test_schema_prints_json_naming_every_block_type(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"Site", "Panel", "Notice"} <= set(schema["definitions"])
    assert [ref["allOf"] for ref in schema["anyOf"]] == [
        [{"$ref": "#/definitions/Site"}],
        [{"$ref": "#/definitions/Panel"}],
        [{"$ref": "#/definitions/Notice"}],
    ]
    text = json.dumps(schema)
    for block_type in ("text", "figures", "gallery", "timeline", "bar_chart", "links", "map"):
        assert f'"const": "{block_type}"' in text
