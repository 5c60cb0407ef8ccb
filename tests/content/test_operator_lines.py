"""The exact lines `kiosk validate` prints for schema mistakes: what an operator reads and acts on.

Each test makes one realistic mistake in a small content folder and compares the whole line
(file:line:column, severity, field, message and suggestion), so a message that loses its
position, its field, its expected/found wording or its hint fails here.
"""

from __future__ import annotations

import pytest

from kiosk.content.loader import load_content
from kiosk.content.problems import Problem
from tests.content.build import HISTORY, INDUSTRY, SITE, TODAY, make_content

EVENT = HISTORY[HISTORY.index("  - type: timeline") :]


def lines(root, files) -> list[str]:
    make_content(root, files)
    return [p.format() for p in load_content(root, TODAY).problems]


def industry(old: str, new: str) -> dict:
    assert old in INDUSTRY
    return {"panels/industry.yaml": INDUSTRY.replace(old, new)}


def history_blocks(blocks: str) -> dict:
    return {"panels/history.yaml": HISTORY.replace(EVENT, blocks)}


def test_yes_and_no_are_read_as_true_and_false_and_said_so(tmp_path):
    files = {**industry("icon: mdi6.factory", "icon: yes"), "site.yaml": SITE + "subtitle: no\n"}
    assert lines(tmp_path, files) == [
        "panels/industry.yaml:3:7: error: icon: expected text, found true",
        "site.yaml:7:11: error: subtitle: expected text or a mapping of language to text like "
        "{zh: ..., en: ...}, found false",
    ]


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("{a: 1}", "a mapping"),
        ("[mdi6.factory]", "a list"),
        ("2024-05-01", "the date 2024-05-01"),
        ("2024-05-01 10:30:00", "the date and time 2024-05-01 10:30:00"),
        ("12", "the number 12"),
    ],
)
def test_found_value_is_described_in_words(tmp_path, value, found):
    [line] = lines(tmp_path, industry("icon: mdi6.factory", f"icon: {value}"))
    assert line.endswith(f"error: icon: expected text, found {found}")


def test_a_long_wrong_value_is_cut_short_in_the_message(tmp_path):
    forty = "x" * 40
    assert lines(tmp_path / "a", industry("'#1f6feb'", forty)) == [
        "panels/industry.yaml:4:9: error: accent: expected a colour like '#1f6feb' (# and six hex "
        f"digits, in quotes), found '{forty}'"
    ]
    assert lines(tmp_path / "b", industry("'#1f6feb'", forty + "yz")) == [
        "panels/industry.yaml:4:9: error: accent: expected a colour like '#1f6feb' (# and six hex "
        f"digits, in quotes), found '{'x' * 37}...'"
    ]


def test_unknown_field_with_nothing_close_lists_the_allowed_fields(tmp_path):
    assert lines(tmp_path, {"panels/industry.yaml": INDUSTRY + "colour_scheme: dark\n"}) == [
        "panels/industry.yaml:15:1: error: colour_scheme: unknown field 'colour_scheme'; allowed "
        "here: note, show_from, show_until, id, title, subtitle, icon, accent, hero_image, blocks"
    ]


def test_missing_field_has_no_suggestion(tmp_path):
    problems = load_content(make_content(tmp_path, industry("icon: mdi6.factory\n", "")), TODAY)
    assert problems.problems == [
        Problem("error", "panels/industry.yaml", 1, 1, "icon", "required field 'icon' is missing")
    ]


def test_block_without_type_and_no_key_like_it_lists_the_types_only(tmp_path):
    blocks = "  - body: {zh: 正文, en: Body}\n"
    assert lines(tmp_path, history_blocks(blocks)) == [
        "panels/history.yaml:6:5: error: blocks[0]: the block has no 'type'; give one of: text, "
        "figures, image, gallery, timeline, story, bar_chart, links, map, video"
    ]


def test_a_pin_written_in_clear_is_refused_without_repeating_advice_twice(tmp_path):
    site = SITE.replace("pbkdf2_sha256$1000$abcd$ef01", "'2580'")
    result = load_content(make_content(tmp_path, {"site.yaml": site}), TODAY)
    assert result.problems == [
        Problem(
            "error",
            "site.yaml",
            6,
            13,
            "admin.pin_hash",
            "expected a hash written by `kiosk set-pin` (never the PIN itself), found '2580'",
        )
    ]


def test_rule_broken_by_a_value_reads_as_the_rule(tmp_path):
    site = SITE + "opening_hours:\n  mon: 9-5\n"
    result = load_content(make_content(tmp_path, {"site.yaml": site}), TODAY)
    assert result.problems == [
        Problem(
            "error",
            "site.yaml",
            8,
            8,
            "opening_hours.mon",
            "expected hours like '09:00-17:30' or 'closed', found '9-5'",
        )
    ]


def test_schedule_in_the_wrong_order_has_no_suggestion(tmp_path):
    panel = HISTORY + "show_from: 2025-03-01\nshow_until: 2025-02-01\n"
    result = load_content(make_content(tmp_path, {"panels/history.yaml": panel}), TODAY)
    assert result.problems == [
        Problem(
            "error",
            "panels/history.yaml",
            1,
            1,
            "",
            "show_until (2025-02-01) is before show_from (2025-03-01); swap the two dates",
        )
    ]


def test_whole_number_limits_read_without_a_decimal_point(tmp_path):
    figure = "      - value: 12.5\n"
    result = lines(tmp_path, industry(figure, figure + "        decimals: 5\n"))
    assert result == [
        "panels/industry.yaml:12:19: error: blocks[1].items[0].decimals: expected a number at "
        "most 3, found the number 5"
    ]


def test_empty_lists_and_empty_translations_say_how_many_are_needed(tmp_path):
    no_items = INDUSTRY.split("    items:")[0] + "    items: []\n"
    files = {
        "panels/industry.yaml": no_items.replace("{zh: 产业, en: Industry}", "{}"),
    }
    assert lines(tmp_path, files) == [
        "panels/industry.yaml:2:1: error: title: expected at least 1 language(s), found 0",
        "panels/industry.yaml:10:5: error: blocks[1].items: expected at least 1 item(s), found 0",
    ]


def test_too_many_items_and_too_long_text_say_the_limit(tmp_path):
    site = SITE.replace("[zh, en]", "[zh, en, fr, de, es]", 1)
    long_body = "长" * 5001
    files = {"site.yaml": site, **industry("正文", long_body)}
    result = load_content(make_content(tmp_path, files), TODAY)
    assert [p.format() for p in result.errors] == [
        "panels/industry.yaml:8:16: error: blocks[0].body.zh: is too long: at most 5000 "
        "characters, found 5001",
        "site.yaml:3:1: error: languages: expected at most 4 items, found 5",
    ]


def test_a_choice_not_on_the_list_names_the_choices_and_the_closest(tmp_path):
    far = SITE + "display:\n  orientation: sideways\n"
    close = SITE + "display:\n  orientation: portait\n"
    expected = (
        "site.yaml:8:16: error: display.orientation: expected one of auto, landscape, portrait"
    )
    assert lines(tmp_path / "a", {"site.yaml": far}) == [f"{expected}, found 'sideways'"]
    assert lines(tmp_path / "b", {"site.yaml": close}) == [
        f"{expected}, found 'portait' (did you mean 'portrait'?)"
    ]


def test_bare_hash_hint_is_given_for_theme_colours_and_only_for_colours(tmp_path):
    site = SITE + "theme:\n  primary: #2f8cff\n"
    files = {"site.yaml": site, **industry("icon: mdi6.factory", "icon:")}
    assert lines(tmp_path, files) == [
        "panels/industry.yaml:3:6: error: icon: expected text, found nothing (an empty value)",
        "site.yaml:8:11: error: theme.primary: expected text, found nothing (an empty value) "
        "(a bare # starts a comment in YAML: write colours in quotes)",
    ]


def test_a_wrong_translation_inside_a_mapping_points_at_that_language(tmp_path):
    files = industry("{zh: 产业, en: Industry}", "{zh: 产业, en: [Industry]}")
    assert lines(tmp_path, files) == [
        "panels/industry.yaml:2:17: error: title.en: expected text, found a list"
    ]


def test_every_text_mistake_in_a_file_is_reported(tmp_path):
    panel = (
        INDUSTRY.replace("{zh: 产业, en: Industry}", "{zh: 产业, en: [Industry]}")
        .replace("icon: mdi6.factory", "icno: mdi6.factory")
        .replace("{zh: 正文, en: Body}", "5")
    )
    assert lines(tmp_path, {"panels/industry.yaml": panel}) == [
        "panels/industry.yaml:1:1: error: icon: required field 'icon' is missing",
        "panels/industry.yaml:2:17: error: title.en: expected text, found a list",
        "panels/industry.yaml:3:1: error: icno: unknown field 'icno' (did you mean 'icon'?)",
        "panels/industry.yaml:8:11: error: blocks[0].body: expected text or a mapping of language "
        "to text like {zh: ..., en: ...}, found the number 5",
    ]


def test_one_value_where_a_list_belongs_says_a_list_is_expected(tmp_path):
    files = {
        "site.yaml": SITE.replace("[industry, history]", "5")
        + "attract:\n  images: images/hero.png\n",
        "panels/industry.yaml": INDUSTRY.split("    items:")[0] + "    items: 5\n",
    }
    assert lines(tmp_path, files) == [
        "panels/industry.yaml:10:12: error: blocks[1].items: expected a list (lines starting "
        "with '- '), found the number 5",
        "site.yaml:4:9: error: panels: expected a list (lines starting with '- '), found the "
        "number 5",
        "site.yaml:8:11: error: attract.images: expected a list (lines starting with '- '), "
        "found 'images/hero.png'",
    ]
