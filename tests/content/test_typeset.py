"""Where a line must not break: numbers with their units, Chinese number phrases, and a
Chinese paragraph's last line. (That Qt honours the joiners: tests/ui/blocks/test_blocks_numbers.)

In the expected texts `+` stands for U+2060 WORD JOINER and `_` for a NO-BREAK SPACE.
"""

from __future__ import annotations

import pytest

from kiosk.content.typeset import (
    NO_BREAK_SPACE,
    UNITS,
    WORD_JOINER,
    keep_together,
    keep_together_html,
    plain_text,
)


def marked(text: str) -> str:
    return text.replace(WORD_JOINER, "+").replace(NO_BREAK_SPACE, "_")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # a number and its unit (the joins at the end are rule 3's, the paragraph's end)
        ("面积3.83平方公里，", "面积3.83+平+方+公+里+，"),
        ("45秒完成", "45+秒完+成"),
        ("增长30%", "增长30%"),  # Qt never breaks before %: nothing to add
        ("共34.92万人次，", "共+34.92+万+人+次+，"),  # 共: a prefix
        ("占比94%以上的区域", "占比94%+以+上的区+域"),
        ("500米内就有公园", "500+米内就有公+园"),
        ("1043家企业入驻", "1043+家企业入+驻"),
        ("17个工作日内办结", "17+个+工+作+日内办+结"),
        ("45 秒", "45_秒"),
        # Chinese number phrases
        ("贡献近三成，", "贡献近+三+成+，"),
        ("百万平方米级园区", "百+万+平+方+米+级园+区"),
        ("千亿级产业集群", "千+亿+级产业集+群"),
        ("约5万人，", "约+5+万+人+，"),
        ("第一，", "第+一+，"),
        # a number and the word after a space
        ("3.83 km²", "3.83_km²"),
        ("349,200 people", "349,200_people"),
        ("30 %", "30_%"),
        # left alone
        ("30% of output", "30% of output"),  # the % is the unit already
        ("2024-12-31", "2024-12-31"),
        ("5月7日 周三", "5+月7+日 周+三"),  # a space only between a number and its unit
        ("x86 chips", "x86 chips"),
        ("数据中心，", "数据中+心+，"),  # 数 is a numeral only before a unit
        ("一些企业，", "一些企+业+，"),
        ("Advanced industry", "Advanced industry"),
        ("", ""),
    ],
)
def test_numbers_stay_with_their_units(text, shown):
    assert marked(keep_together(text, "zh")) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("经开区的产业、创新与生活。", "经开区的产业、创新与生+活+。"),
        ("产业与生活", "产业与生+活"),
        ("文，好。」", "文+，+好+。+」"),  # punctuation between and after the last two
        ("以上的区域，500米内就有公园绿地", "以上的区域，500+米内就有公园绿+地"),
        ("这一段的结尾\n下一段", "这一段的结+尾\n下一+段"),  # each paragraph
        ("Made by AI", "Made by AI"),  # not a CJK ending
        ("由AI驱动", "由AI驱+动"),
        ("用AI", "用AI"),  # one ideograph only: nothing to join it to
        ("中 文", "中 文"),  # a space between: a break the text asks for
        ("家", "家"),
    ],
)
def test_a_chinese_paragraph_never_ends_on_a_line_of_one_character(text, shown):
    assert marked(keep_together(text, "zh")) == shown


def test_the_rules_follow_the_script_not_the_language():
    assert keep_together("面积3.83平方公里", "en") == keep_together("面积3.83平方公里", "zh")
    assert marked(keep_together("The zone covers 3.83 km²", "en")) == "The zone covers 3.83_km²"


@pytest.mark.parametrize(
    "text",
    [
        "面积3.83平方公里，常住人口34.92万人。",
        "349,200 people and 45 秒",
        "经开区的产业、创新与生活。\n\n第二段",
        "https://example.org/a\u200b/b\u200b?x=1",
    ],
)
def test_typesetting_twice_changes_nothing_and_only_adds_joiners(text):
    once = keep_together(text, "zh")
    assert keep_together(once, "zh") == once
    assert plain_text(once) == text  # what a test compares with the content


def test_joiners_already_in_the_text_are_kept():
    assert keep_together(f"E-{WORD_JOINER}Town", "en") == f"E-{WORD_JOINER}Town"
    assert keep_together(f"{WORD_JOINER}ab{WORD_JOINER}", "en") == f"{WORD_JOINER}ab{WORD_JOINER}"


def test_a_break_the_text_offers_is_never_joined():
    url = "https://kfqgw.beijing.gov.cn/\u200b2024\u200b/"  # links and the admin screen
    assert keep_together(url, "zh") == url


def test_rich_text_is_typeset_in_its_text_only():
    html = (
        '<p style="margin-top:0; margin-bottom:16px">面积3.83平方公里<br>创新与生活。</p>'
        '<ul><li style="margin-bottom:6px">近三成 <b>重点</b></li></ul>'
    )
    assert marked(keep_together_html(html, "zh")) == (
        '<p style="margin-top:0; margin-bottom:16px">面积3.83+平+方+公+里<br>创新与生+活+。</p>'
        '<ul><li style="margin-bottom:6px">近+三+成 <b>重+点</b></li></ul>'
    )
    assert marked(keep_together_html("<p>A &amp; 产业与生活</p>", "zh")) == (
        "<p>A &amp; 产业与生+活</p>"
    )
    assert keep_together_html("<p>面积 &amp; 生活</p>", "zh").count(WORD_JOINER) == 1


def test_the_unit_list_is_short_and_explicit():
    assert len(UNITS) == len(set(UNITS)) < 90
    for unit in ("平方公里", "平方米", "万", "亿", "秒", "人", "家", "成", "级"):
        assert unit in UNITS


def test_a_number_keeps_whatever_measure_word_follows_it_listed_or_not():
    assert keep_together("需跑4趟", "zh") == "需跑4\u2060趟"  # 趟 listed
    assert keep_together("共3艘", "zh") == "共\u20603\u2060艘"  # 艘 not: still kept
    assert keep_together("约200纳米的小球", "zh").startswith("约\u2060200\u2060纳\u2060米")
