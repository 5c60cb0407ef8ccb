"""What the audio guide says and what a screen reader reads for each block, in each language,
the operator's `speak:` forms, and `kiosk check`'s warning for a text no voice can read."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from kiosk.content import catalogue, spoken
from kiosk.content.loader import load_content
from kiosk.content.models import Announcement, LocalText, Panel
from kiosk.content.schema import content_schema
from tests.content.build import INDUSTRY, TODAY, make_content


def chrome(key: str, lang: str) -> str:
    return catalogue.text(key, lang)


def panel(blocks: list[dict]) -> Panel:
    return Panel.model_validate(
        {"id": "p", "title": {"zh": "产业", "en": "Industry"}, "icon": "mdi6.factory",
         "accent": "#123456", "blocks": blocks}
    )  # fmt: skip


def said(block: dict, lang: str) -> str:
    return spoken.block_words(panel([block]).blocks[0], lang, chrome)


def test_a_spoken_form_replaces_the_shown_text_in_its_language_only():
    text = LocalText.model_validate({"zh": "亦庄", "en": "E-Town", "speak": {"en": "ee town"}})
    assert text.get("en") == "E-Town"  # shown as written
    assert text.spoken("en") == "ee town"
    assert text.spoken("zh") == "亦庄"
    one = LocalText.model_validate({"zh": "经开区", "en": "BDA", "speak": "B D A"})
    assert (one.spoken("zh"), one.spoken("en")) == ("B D A", "B D A")


@pytest.mark.parametrize("speak", [5, [], {"en": ""}, {"english": "x"}])
def test_a_malformed_spoken_form_is_refused_with_what_it_should_be(speak):
    with pytest.raises(ValidationError) as error:
        LocalText.model_validate({"zh": "亦庄", "en": "E-Town", "speak": speak})
    assert "speak: is what the voice says instead of the text" in str(error.value)


def test_the_schema_offers_speak_to_the_operators_editor():
    local = content_schema()["definitions"]["LocalText"]
    mapping = next(option for option in local["anyOf"] if option.get("type") == "object")
    assert "speak" in mapping["properties"]
    json.dumps(local)  # (and it stays JSON)


def test_figures_are_said_number_unit_then_label_with_their_source():
    block = {
        "type": "figures",
        "title": {"zh": "数说产业", "en": "In numbers"},
        "items": [
            {"value": 349200, "zh_units": True, "unit": {"zh": "人", "en": "people"},
             "label": {"zh": "人才总量", "en": "in the talent pool"},
             "source": {"zh": "人民日报", "en": "People's Daily"}},
            {"value": 94, "unit": "%", "label": {"zh": "绿地覆盖", "en": "green cover"},
             "source": {"zh": "来源：统计局", "en": "Source: Statistics bureau"}},
        ],
    }  # fmt: skip
    assert said(block, "en") == (
        "In numbers. 349,200 people, in the talent pool. Source: People's Daily. "
        "94%, green cover. Source: Statistics bureau."
    )
    assert said(block, "zh") == (
        "数说产业。34.92万人，人才总量。来源：人民日报。94%，绿地覆盖。来源：统计局。"
    )


def test_a_chart_is_said_bar_by_bar_with_values_and_a_map_place_by_place():
    chart = {
        "type": "bar_chart", "title": {"zh": "面积", "en": "Area"},
        "unit": {"zh": "平方公里", "en": "km²", "speak": {"en": "square kilometres"}},
        "bars": [{"label": {"zh": "当年", "en": "Then"}, "value": 3.83},
                 {"label": {"zh": "今天", "en": "Today"}, "value": 225}],
        "source": {"zh": "人民日报", "en": "People's Daily"},
    }  # fmt: skip
    assert said(chart, "en") == (
        "Area. Then: 3.83 square kilometres. Today: 225 square kilometres. Source: People's Daily."
    )
    assert said(chart, "zh") == "面积。当年：3.83平方公里。今天：225平方公里。来源：人民日报。"
    where = {
        "type": "map", "image": "images/hero.png",
        "hotspots": [{"x": 0.2, "y": 0.3, "title": {"zh": "湖", "en": "Lake"},
                      "text": {"zh": "信创园", "en": "The IT park"}}],
    }  # fmt: skip
    assert said(where, "en") == "A map of 1 places. Lake: The IT park."
    assert said(where, "zh") == "地图，共 1 个地点。湖：信创园。"


def test_pictures_are_said_from_captions_and_qr_codes_from_what_they_open():
    gallery = {
        "type": "gallery",
        "images": [{"image": "images/a.png", "caption": {"zh": "湖畔", "en": "A lake"},
                    "credit": {"zh": "插图", "en": "Illustration"}},
                   {"image": "images/b.png"}],
    }  # fmt: skip
    assert said(gallery, "en") == (
        "2 pictures. Picture: A lake. Credit: Illustration. Picture: no caption."
    )
    links = {
        "type": "links",
        "links": [{"label": {"zh": "官网", "en": "the official site"}, "url": "https://x.cn"}],
    }
    assert said(links, "en") == "Scan the QR code for the official site."
    assert said(links, "zh") == "扫描二维码，打开官网。"


def test_markdown_marks_and_bullets_are_not_read_out():
    block = {"type": "text", "body": {"zh": "**四大**产业：\n- 汽车\n- *生物医药*", "en": "x"}}
    assert said(block, "zh") == "四大产业：汽车。生物医药。"


def test_a_story_a_timeline_and_a_notice_read_every_text_they_show():
    story = {
        "type": "story", "person": {"zh": "孙慧", "en": "Sun Hui"},
        "role": {"zh": "工会主席", "en": "Union chair"},
        "quote": {"zh": "我们出口发动机", "en": "We export engines"},
        "source": {"zh": "人民日报", "en": "People's Daily"},
    }  # fmt: skip
    assert said(story, "en") == "Sun Hui, Union chair. We export engines. Source: People's Daily."
    assert said(story, "zh") == "孙慧，工会主席。我们出口发动机。来源：人民日报。"
    timeline = {
        "type": "timeline",
        "events": [{"when": "1992", "title": {"zh": "起步", "en": "Start"},
                    "text": {"zh": "小园区", "en": "A small park"}}],
    }  # fmt: skip
    assert said(timeline, "en") == "1992: Start. A small park."
    notice = Announcement.model_validate(
        {
            "title": {"zh": "提示", "en": "Notice"},
            "text": {"zh": "周一闭馆", "en": "Closed Mondays"},
        }
    )
    assert spoken.announcement_words(notice, "en") == "Notice. Closed Mondays."


def test_voices_are_tried_by_name_site_yaml_first():
    assert spoken.voices_for("zh", {"zh": ("Microsoft Huihui",)})[:2] == (
        "Microsoft Huihui",
        "Chinese (Mandarin, latin as English)",
    )
    assert spoken.voices_for("en", {})[0] == "English (America)"
    assert spoken.voices_for("fr", {}) == ()


def check_warnings(tmp_path, panel_text: str) -> list[str]:
    result = load_content(make_content(tmp_path, {"panels/industry.yaml": panel_text}), TODAY)
    assert result.ok, [p.format() for p in result.errors]
    return [p.format() for p in result.warnings]


def test_chinese_characters_in_an_english_text_are_named_with_the_fix(tmp_path):
    found = check_warnings(
        tmp_path, INDUSTRY.replace("body: {zh: 正文, en: Body}", "body: {zh: 正文, en: Visit 亦庄}")
    )
    line = next(line for line in found if "blocks[0].body.en" in line)
    assert line.startswith("panels/industry.yaml:")
    assert "the 'en' voice cannot read the Chinese characters '亦庄'" in line
    assert "add speak: {en: ...}" in line


def test_a_spoken_form_answers_the_warning(tmp_path):
    fixed = INDUSTRY.replace(
        "body: {zh: 正文, en: Body}",
        "body: {zh: 正文, en: Visit 亦庄, speak: {en: Visit Yizhuang}}",
    )
    assert not [line for line in check_warnings(tmp_path, fixed) if "voice" in line]


def test_a_text_of_symbols_alone_is_named_but_a_percent_sign_is_read(tmp_path):
    arrows = INDUSTRY.replace("label: {zh: 产值, en: Output}", 'label: {zh: 产值, en: "→ →"}')
    line = next(line for line in check_warnings(tmp_path, arrows) if "items[0].label.en" in line)
    assert "'→ →' has no words in it: a voice says nothing for it, or a symbol's name" in line
    percent = INDUSTRY.replace("label: {zh: 产值, en: Output}", 'label: {zh: 产值, en: "%"}')
    assert not [line for line in check_warnings(tmp_path, percent) if "no words" in line]


def test_the_sample_content_has_a_speakable_form_for_every_text():
    from tests.conftest import SAMPLE_CONTENT

    result = load_content(SAMPLE_CONTENT)
    assert result.ok
    assert not [p.format() for p in result.warnings if "voice" in p.format()]
