"""Numbers per language (Babel), and Chinese large-number units when a figure asks for them."""

from __future__ import annotations

import pytest

from kiosk.content.models import Figure
from kiosk.content.numbers import format_number

NNBSP = "\u202f"  # the narrow no-break space French groups digits with


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (349200, 0, "349,200"),
        (1234567, 0, "1,234,567"),
        (3456.7, 1, "3,456.7"),
        (0.35, 2, "0.35"),
        (0.5, 2, "0.50"),
        (42, 0, "42"),
        (-3.25, 2, "-3.25"),
        (3.999, 0, "4"),
        (1e12, 0, "1,000,000,000,000"),
    ],
)
def test_english_and_chinese_group_digits_alike_and_keep_the_old_output(value, decimals, shown):
    assert format_number(value, decimals, "en") == shown
    assert format_number(value, decimals, "zh") == shown
    assert f"{value:,.{decimals}f}" == shown  # what the kiosk showed before Babel


def test_other_languages_group_digits_their_own_way():
    assert format_number(1234567.8, 1, "fr") == f"1{NNBSP}234{NNBSP}567,8"
    assert format_number(1234567.8, 1, "de") == "1.234.567,8"
    assert format_number(1234567.8, 1, "hi") == "12,34,567.8"  # lakh grouping


@pytest.mark.parametrize("lang", ["xx", "qq", "", "EN!"])
def test_a_language_babel_does_not_know_is_formatted_as_english(lang):
    assert format_number(1234567.8, 1, lang) == "1,234,567.8"
    assert format_number(349200, 0, lang, zh_units=True) == "349,200"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (349200, "34.92万"),
        (1_000_000, "100万"),
        (40_000, "4万"),
        (10_000, "1万"),
        (12_345.6, "1.23万"),
        (99_995_000, "9999.5万"),
        (99_999_999, "1亿"),  # rounding up to 10,000万 reads as 1亿
        (1_200_000_000, "12亿"),
        (123_456_789_012, "1234.57亿"),
        (1e12, "1万亿"),
        (-349200, "-34.92万"),
    ],
)
def test_chinese_units_pick_wan_or_yi_by_size_with_at_most_two_decimals(value, shown):
    assert format_number(value, 0, "zh", zh_units=True) == shown


def test_chinese_units_leave_small_numbers_and_other_languages_alone():
    assert format_number(9999, 0, "zh", zh_units=True) == "9,999"
    assert format_number(3456.7, 1, "zh", zh_units=True) == "3,456.7"
    assert format_number(349200, 0, "en", zh_units=True) == "349,200"
    assert format_number(349200, 1, "en", zh_units=True) == "349,200.0"
    assert format_number(349200, 0, "fr", zh_units=True) == f"349{NNBSP}200"


def test_a_figure_asks_for_chinese_units_and_says_what_they_do_in_the_schema():
    base = {"value": 349200, "label": "常住人口", "source": "统计局"}
    assert Figure.model_validate(base).zh_units is False  # existing content: unchanged
    figure = Figure.model_validate({**base, "zh_units": True})
    assert format_number(figure.value, figure.decimals, "zh", zh_units=figure.zh_units) == (
        "34.92万"
    )
    description = Figure.model_json_schema()["properties"]["zh_units"]["description"]
    assert "万" in description and "亿" in description and "349,200" in description
