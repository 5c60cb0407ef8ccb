"""Values an operator controls are bounded, and each limit is named in its own message."""

from __future__ import annotations

import pytest

from kiosk.content.loader import load_content
from kiosk.services.admin_pin import PinGate, hash_pin
from tests.content.build import INDUSTRY, SITE, TODAY, make_content


def errors(tmp_path, files) -> list[str]:
    return [p.format() for p in load_content(make_content(tmp_path, files), TODAY).errors]


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1e400", "9" * 5000])
def test_a_figure_no_screen_can_show_is_refused(tmp_path, value):
    panel = INDUSTRY.replace("value: 12.5", f"value: {value}")
    found = errors(tmp_path, {"panels/industry.yaml": panel})
    assert len(found) == 1
    assert "blocks[1].items[0].value: expected a number a screen can show" in found[0]


def test_a_figure_too_large_for_a_tile_names_the_limit(tmp_path):
    panel = INDUSTRY.replace("value: 12.5", "value: 5e15")
    found = errors(tmp_path, {"panels/industry.yaml": panel})
    assert found == [
        "panels/industry.yaml:11:16: error: blocks[1].items[0].value: "
        "expected a number at most 1000000000000, found '5e15'"
    ]


def test_a_bar_of_infinite_length_is_refused(tmp_path):
    chart = "  - type: bar_chart\n    source: 统计局\n    bars:\n      - {label: a, value: .inf}\n"
    found = errors(tmp_path, {"panels/industry.yaml": INDUSTRY + chart})
    assert len(found) == 1 and "bars[0].value: expected a number a screen can show" in found[0]


def test_a_time_of_day_stays_as_written_not_read_as_base_60(tmp_path):
    history = (
        "id: history\ntitle: {zh: 历史, en: History}\nicon: mdi6.history\naccent: '#aa3300'\n"
        "blocks:\n  - type: timeline\n    events:\n      - when: 9:30\n        title: 开馆\n"
    )
    result = load_content(make_content(tmp_path, {"panels/history.yaml": history}), TODAY)
    assert result.ok, [p.format() for p in result.problems]
    event = result.content.panels["history"].blocks[0].events[0]
    assert event.when.get("en") == "9:30"  # not 570


def test_a_long_panel_is_refused_for_its_real_limit_not_as_an_alias_bomb(tmp_path):
    blocks = "".join(f"  - {{type: text, body: 段落{i}}}\n" for i in range(5000))
    panel = INDUSTRY.split("blocks:")[0] + "blocks:\n" + blocks
    found = errors(tmp_path, {"panels/industry.yaml": panel})
    assert found == [
        "panels/industry.yaml:6:1: error: blocks: expected at most 60 items, found 5000"
    ]


def test_a_chart_of_ten_thousand_bars_names_the_twelve_bar_limit(tmp_path):
    bars = "".join(f"      - {{label: b{i}, value: {i}}}\n" for i in range(10_000))
    chart = "  - type: bar_chart\n    source: 统计局\n    bars:\n" + bars
    found = errors(tmp_path, {"panels/industry.yaml": INDUSTRY + chart})
    assert len(found) == 1
    assert "blocks[2].bars: expected at most 12 items, found 10000" in found[0]


@pytest.mark.parametrize("rounds", [2_000_000_000, 999])
def test_a_pin_hash_asking_for_too_many_or_too_few_rounds_is_refused(tmp_path, rounds):
    pin_hash = f"pbkdf2_sha256${rounds}$abcd$ef01"
    site = SITE.replace("pbkdf2_sha256$1000$abcd$ef01", pin_hash)
    found = errors(tmp_path, {"site.yaml": site})
    assert len(found) == 1
    assert f"admin.pin_hash: the hash asks for {rounds:,} rounds" in found[0]
    assert "`kiosk set-pin`" in found[0]


def test_the_hash_that_kiosk_hash_pin_makes_is_accepted_and_checks_quickly(tmp_path):
    made = hash_pin("2580")
    site = SITE.replace("pbkdf2_sha256$1000$abcd$ef01", made)
    result = load_content(make_content(tmp_path, {"site.yaml": site}), TODAY)
    assert result.ok, [p.format() for p in result.problems]
    assert PinGate(result.content.site.admin.pin_hash).attempt("2580")
