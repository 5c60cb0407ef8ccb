"""Schema mistakes read as what was expected, what was found, and where."""

from __future__ import annotations

from kiosk.content.loader import load_content
from tests.content.build import HISTORY, INDUSTRY, SITE, TODAY, make_content


def errors_in(root, file):
    result = load_content(root, TODAY)
    return {p.field: p for p in result.errors if p.file == file}


def test_misspelled_key_suggests_the_field(tmp_path):
    make_content(tmp_path, {"panels/industry.yaml": INDUSTRY.replace("icon:", "icno:")})
    errors = errors_in(tmp_path, "panels/industry.yaml")
    assert (errors["icno"].line, errors["icno"].column) == (3, 1)
    assert errors["icno"].message == "unknown field 'icno'"
    assert errors["icno"].suggestion == "did you mean 'icon'?"
    assert errors["icon"].message == "required field 'icon' is missing"


def test_misspelled_key_inside_a_block_suggests_that_blocks_field(tmp_path):
    make_content(tmp_path, {"panels/industry.yaml": INDUSTRY.replace("source:", "sourse:")})
    errors = errors_in(tmp_path, "panels/industry.yaml")
    problem = errors["blocks[1].items[0].sourse"]
    assert problem.line == 13
    assert problem.suggestion == "did you mean 'source'?"


def test_bad_icon_suggests_a_real_one(tmp_path):
    make_content(tmp_path, {"panels/industry.yaml": INDUSTRY.replace("factory", "factori")})
    problem = errors_in(tmp_path, "panels/industry.yaml")["icon"]
    assert (problem.line, problem.column) == (3, 7)
    assert "no icon named 'factori'" in problem.message
    assert "'mdi6.factory'" in problem.suggestion


def test_unknown_block_type_lists_valid_types_and_suggests(tmp_path):
    make_content(tmp_path, {"panels/history.yaml": HISTORY.replace("timeline", "timelime")})
    problem = errors_in(tmp_path, "panels/history.yaml")["blocks[0].type"]
    assert (problem.line, problem.column) == (6, 11)
    assert "unknown block type 'timelime'" in problem.message
    assert "text, figures, image" in problem.message
    assert problem.suggestion == "did you mean 'timeline'?"


def test_wrong_values_say_expected_and_found(tmp_path):
    broken = (
        INDUSTRY.replace("'#1f6feb'", "blue")
        .replace("12.5", "lots")
        .replace("2024-06-01", "2024-13-01")
        .replace("{zh: 产值, en: Output}", "5")
    )
    make_content(tmp_path, {"panels/industry.yaml": broken})
    errors = errors_in(tmp_path, "panels/industry.yaml")
    assert errors["accent"].line == 4
    assert errors["accent"].message == (
        "expected a colour like '#1f6feb' (# and six hex digits, in quotes), found 'blue'"
    )
    assert errors["blocks[1].items[0].value"].message == "expected a number, found 'lots'"
    assert errors["blocks[1].items[0].value"].line == 11
    assert "expected a real date like 2024-05-31" in errors["blocks[1].items[0].as_of"].message
    label = errors["blocks[1].items[0].label"]
    assert label.line == 12
    assert label.message == (
        "expected text or a mapping of language to text like {zh: ..., en: ...}, found the number 5"
    )


def test_unquoted_colour_is_a_comment_and_the_message_says_so(tmp_path):
    make_content(tmp_path, {"panels/industry.yaml": INDUSTRY.replace("'#1f6feb'", "#1f6feb")})
    problem = errors_in(tmp_path, "panels/industry.yaml")["accent"]
    assert "found nothing" in problem.message
    assert "in quotes" in problem.message


def test_empty_text_in_one_language_points_at_it(tmp_path):
    make_content(tmp_path, {"panels/history.yaml": HISTORY.replace("成立", "''")})
    errors = errors_in(tmp_path, "panels/history.yaml")
    assert list(errors) == ["blocks[0].events[0].title.zh"]
    assert errors["blocks[0].events[0].title.zh"].message == "must not be empty"


def test_number_out_of_range_and_missing_field(tmp_path):
    site = SITE + "idle:\n  timeout_seconds: 99999\n"
    make_content(tmp_path, {"site.yaml": site.replace("panels:", "# panels:")})
    errors = errors_in(tmp_path, "site.yaml")
    assert errors["idle.timeout_seconds"].message == (
        "expected a number at most 3600, found the number 99999"
    )
    assert errors["idle.timeout_seconds"].line == 8
    assert errors["panels"].message == "required field 'panels' is missing"
    assert errors["panels"].line == 2  # the mapping the field belongs in


def test_errors_in_several_files_all_reported_in_one_run(tmp_path):
    make_content(
        tmp_path,
        {
            "site.yaml": SITE.replace("languages:", "langauges:"),
            "panels/industry.yaml": INDUSTRY.replace("12.5", "x").replace("factory", "fac"),
            "panels/history.yaml": HISTORY + "icon: mdi6.home\n",
        },
    )
    result = load_content(tmp_path, TODAY)
    assert result.content is None
    found = [(p.file, p.line, p.field) for p in result.errors]
    assert found == [
        ("panels/history.yaml", 10, "icon"),
        ("panels/industry.yaml", 3, "icon"),
        ("panels/industry.yaml", 11, "blocks[1].items[0].value"),
        ("site.yaml", 3, "langauges"),
    ]


def test_block_without_type_suggests_the_misspelled_key(tmp_path):
    make_content(tmp_path, {"panels/history.yaml": HISTORY.replace("- type:", "- tipe:")})
    errors = errors_in(tmp_path, "panels/history.yaml")
    assert errors["blocks[0]"].line == 6
    assert errors["blocks[0]"].message.startswith("the block has no 'type'; give one of: text")
    assert errors["blocks[0]"].suggestion == "did you mean 'type' instead of 'tipe'?"


def test_bad_language_code_points_at_the_key(tmp_path):
    make_content(tmp_path, {"panels/history.yaml": HISTORY.replace("en: Founded", "EN: Founded")})
    problem = errors_in(tmp_path, "panels/history.yaml")["blocks[0].events[0].title.EN"]
    assert (problem.line, problem.column) == (9, 25)
    assert problem.message == "expected a two-letter language code like 'zh' or 'en', found 'EN'"


def test_timeline_date_is_taken_as_text(tmp_path):
    make_content(tmp_path, {"panels/history.yaml": HISTORY.replace("1992", "1992-05-01")})
    result = load_content(tmp_path, TODAY)
    assert result.ok
    assert result.content.panels["history"].blocks[0].events[0].when.get("en") == "1992-05-01"
