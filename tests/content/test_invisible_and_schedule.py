"""Texts that would not show as written, and a schedule that leaves the home screen empty, are
told to the operator as warnings (the content still loads)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.content.loader import load_content
from tests.content.build import INDUSTRY, TODAY, make_content


def warnings(tmp_path, files) -> list[str]:
    result = load_content(make_content(tmp_path, files), TODAY)
    assert result.ok, [p.format() for p in result.errors]
    return [p.format() for p in result.warnings]


@pytest.mark.parametrize(
    ("written", "code"),
    [('"正文\\a"', "U+0007"), ('"Body\\x1b[31m"', "U+001B"), ('"Body\\u0085"', "U+0085")],
)
def test_a_control_character_written_as_an_escape_is_named(tmp_path, written, code):
    panel = INDUSTRY.replace("body: {zh: 正文, en: Body}", f"body: {{zh: 正文, en: {written}}}")
    found = [line for line in warnings(tmp_path, {"panels/industry.yaml": panel}) if code in line]
    assert len(found) == 1, found
    assert found[0].startswith("panels/industry.yaml:")
    assert "blocks[0].body.en: contains the control character" in found[0]
    assert "shows as a box on screen; remove it" in found[0]


@pytest.mark.parametrize("char", ["\\u202e", "\\u2066", "\\u202d"])
def test_a_direction_override_or_isolate_is_named(tmp_path, char):
    panel = INDUSTRY.replace(
        "label: {zh: 产值, en: Output}", f'label: {{zh: 产值, en: "{char}001"}}'
    )
    found = warnings(tmp_path, {"panels/industry.yaml": panel})
    line = next(line for line in found if "items[0].label.en" in line)
    assert "which changes the order characters show in" in line


def test_ordinary_text_with_line_breaks_and_tabs_has_no_warning(tmp_path):
    panel = INDUSTRY.replace("body: {zh: 正文, en: Body}", 'body: {zh: 正文, en: "one\\n\\ttwo"}')
    assert not any(
        "control" in line for line in warnings(tmp_path, {"panels/industry.yaml": panel})
    )


def dated(panel: str, **dates) -> str:
    lines = "".join(f"{key}: {value.isoformat()}\n" for key, value in dates.items())
    return panel.replace("icon:", lines + "icon:", 1)


HISTORY = (
    "id: history\ntitle: {zh: 历史, en: History}\nicon: mdi6.history\naccent: '#aa3300'\n"
    "blocks:\n  - type: timeline\n    events:\n      - when: 1992\n        title: 成立\n"
)


def test_every_panel_ended_is_a_warning_that_the_home_screen_is_empty(tmp_path):
    ended = TODAY - timedelta(days=1)
    files = {
        "panels/industry.yaml": dated(INDUSTRY, show_until=ended),
        "panels/history.yaml": dated(HISTORY, show_until=ended),
    }
    found = [line for line in warnings(tmp_path, files) if line.startswith("site.yaml")]
    assert found == [
        "site.yaml: warning: panels: no panel is shown today: every panel listed has ended "
        "(show_until) or not yet begun (show_from), so visitors would see a home screen with "
        "no tiles; check the panels' dates"
    ]


def test_a_week_ahead_with_no_panel_names_the_first_empty_day(tmp_path):
    last = TODAY + timedelta(days=3)
    files = {
        "panels/industry.yaml": dated(INDUSTRY, show_until=last),
        "panels/history.yaml": dated(HISTORY, show_until=last),
    }
    found = [line for line in warnings(tmp_path, files) if line.startswith("site.yaml")]
    assert len(found) == 1
    assert f"no panel is shown from {(last + timedelta(days=1)).isoformat()}" in found[0]


def test_one_panel_shown_all_week_is_enough(tmp_path):
    files = {"panels/history.yaml": dated(HISTORY, show_until=TODAY - timedelta(days=1))}
    assert not [line for line in warnings(tmp_path, files) if line.startswith("site.yaml")]
