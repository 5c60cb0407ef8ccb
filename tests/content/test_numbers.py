"""Numbers per language (Babel), and Chinese large-number units when a figure asks for them."""

from __future__ import annotations

import pickle
import random
import subprocess
import sys

import pytest

from kiosk.content.models import Figure
from kiosk.content.numbers import babel_format, format_number, style_for, styles_for
from tests.conftest import REPO

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


# ---- the styles that travel in the snapshot cache format as Babel does --------------------

LANGS = ("zh", "zh_Hant", "en", "fr", "de", "es", "hi", "ar", "ja", "xx")


def _values(count: int) -> list[float]:
    """Figures of every size an operator writes (seeded: the same each run), and what a
    count-up shows on its way to some of them."""
    rng = random.Random(20261204)
    values = [round(rng.uniform(-1, 1) * 10 ** rng.uniform(-3, 15), rng.randint(0, 4))
              for _ in range(count)]  # fmt: skip
    for target in (349_200, 12.5, 99_999_999, 2_100.75):
        values += [target * step / 60 for step in range(61)]
    return values


def test_every_figure_reads_as_babel_would_write_it_in_every_language():
    for lang in LANGS:
        for value in _values(300):
            for decimals in range(4):
                for units in (False, True):
                    shown = format_number(value, decimals, lang, zh_units=units)
                    expected = babel_format(value or 0.0, decimals, lang, zh_units=units)
                    assert shown == expected, (lang, value, decimals, units)


def test_a_language_whose_style_differs_from_babel_is_written_by_babel_itself():
    # (Swiss German groups with an apostrophe that Babel's pattern parser loses)
    assert style_for("de_CH").exact is False and style_for("de").exact is True
    for value in (1234567.891, -0.5, 10_000.0):
        assert format_number(value, 2, "de_CH") == babel_format(value, 2, "de_CH")


def test_styles_kept_in_a_snapshot_format_in_a_process_without_babel():
    styles = pickle.dumps(styles_for(["zh", "en", "fr"]))
    cases = [(349_200.0, 0, "zh", True), (-1234567.891, 2, "en", False), (1234.5, 1, "fr", False)]
    script = (
        "import pickle, sys\n"
        "from kiosk.content import numbers\n"
        f"numbers.remember(pickle.loads({styles!r}))\n"
        f"for value, decimals, lang, units in {cases!r}:\n"
        "    print(numbers.format_number(value, decimals, lang, zh_units=units))\n"
        "print('babel' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    expected = [babel_format(v, d, lang, zh_units=u) for v, d, lang, u in cases]
    assert done.stdout.splitlines() == [*expected, "False"]
    assert expected[0] == "34.92万"


def test_minus_zero_reads_as_zero():
    assert format_number(-0.0, 1, "en") == "0.0" and babel_format(-0.0, 1, "en") == "-0.0"
