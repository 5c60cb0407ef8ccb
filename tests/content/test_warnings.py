"""Things that still load but an operator should fix: missing translations, stale figures."""

from __future__ import annotations

from datetime import date

from kiosk.content.loader import load_content
from tests.content.build import HISTORY, INDUSTRY, TODAY, make_content


def test_text_missing_a_site_language_is_a_warning(tmp_path):
    make_content(tmp_path, {"panels/history.yaml": HISTORY.replace(", en: Founded", "")})
    result = load_content(tmp_path, TODAY)
    assert result.ok
    [warning] = result.warnings
    assert (warning.file, warning.line, warning.field) == (
        "panels/history.yaml",
        9,
        "blocks[0].events[0].title",
    )
    assert warning.message == (
        "no 'en' text (site languages: zh, en); those visitors will see the 'zh' text"
    )


def test_one_string_for_all_languages_is_no_warning(tmp_path):
    make_content(
        tmp_path, {"panels/history.yaml": HISTORY.replace("{zh: 成立, en: Founded}", "E-Town")}
    )
    assert load_content(tmp_path, TODAY).problems == []


def test_figure_older_than_a_year_is_a_warning(tmp_path):
    make_content(tmp_path, {"panels/industry.yaml": INDUSTRY.replace("2024-06-01", "2023-12-31")})
    result = load_content(tmp_path, TODAY)
    assert result.ok
    [warning] = result.warnings
    assert (warning.file, warning.line, warning.field) == (
        "panels/industry.yaml",
        14,
        "blocks[1].items[0].as_of",
    )
    assert "dated 2023-12-31, more than a year ago" in warning.message


def test_figure_exactly_a_year_old_is_fine(tmp_path):
    make_content(tmp_path, {"panels/industry.yaml": INDUSTRY.replace("2024-06-01", "2024-01-01")})
    assert load_content(tmp_path, TODAY).problems == []
    assert load_content(tmp_path, date(2025, 1, 2)).warnings != []


def test_text_in_a_language_the_site_does_not_offer_is_a_warning(tmp_path):
    history = HISTORY.replace("en: Founded", "en: Founded, fr: Fondé")
    make_content(tmp_path, {"panels/history.yaml": history})
    [warning] = load_content(tmp_path, TODAY).warnings
    assert (warning.line, warning.field) == (9, "blocks[0].events[0].title")
    assert (
        warning.message == "text in 'fr', which is not a site language (zh, en); it is never shown"
    )
