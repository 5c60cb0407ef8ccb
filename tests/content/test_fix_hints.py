"""Messages that say how to fix it: a misspelled or misplaced key, a broken indentation."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel, RootModel

from kiosk.content import models
from kiosk.content.loader import load_content
from kiosk.content.schema import content_schema
from kiosk.content.yaml_source import YamlError, read_yaml
from tests.content.build import HISTORY, INDUSTRY, SITE, TODAY, make_content

# Every field of every model, set once: misspelling each key in turn covers them all.
from tests.content.test_video_content import MP4, VTT_EN, VTT_ZH  # noqa: E402

FULL_SITE = """\
note: every field of every model in site.yaml
title: {zh: 亦庄, en: E-Town}
subtitle: {zh: 副标题, en: Subtitle}
announcements:
  - note: n
    show_from: 2024-06-01
    show_until: 2025-06-01
    title: {zh: 提示, en: Notice}
    text: {zh: 正文, en: Text}
languages: [zh, en]
default_language: zh
panels: [industry, history]
headline_figures:
  - note: n
    value: 0.35
    decimals: 2
    zh_units: true
    unit: {zh: 家, en: firms}
    label: {zh: 产值, en: Output}
    source: {zh: 统计局, en: Bureau}
    as_of: 2024-06-01
idle:
  note: n
  timeout_seconds: 90
  countdown_seconds: 20
  attract_after_seconds: 30
accessibility:
  note: n
  idle_factor: 2.0
  reduced_motion: false
  voices:
    zh: [Microsoft Huihui]
  volume: 0.8
attract:
  note: n
  images: [images/hero.png]
  items:
    - note: n
      video: videos/tour.mp4
      sound: false
    - image: images/hero.png
  seconds_per_slide: 8
  call_to_action: {zh: 请触摸, en: Touch}
sound:
  note: n
  video_sound: true
  day_volume: 0.8
  evening_volume: 0.5
  evening_from: "16:30"
theme:
  note: n
  background: '#0b1d33'
  surface: '#13294a'
  text: '#f4f7fb'
  muted: '#a9b8cc'
  primary: '#2f8cff'
  high_contrast: false
admin:
  note: n
  pin_hash: pbkdf2_sha256$1000$abcd$ef01
display:
  note: n
  orientation: auto
  mounting:
    note: n
    bottom_edge_mm: 520
    screen_height_mm: 685
  scale_factor: 1.0
  hide_cursor: true
opening_hours:
  note: n
  mon: closed
  tue: 09:00-17:30
  wed: 09:00-17:30
  thu: 09:00-17:30
  fri: 09:00-17:30
  sat: 09:00-17:30
  sun: 09:00-17:30
  closed_dates: [2025-01-28]
chrome:
  home: {zh: 首页, en: Home}
"""

DATED = "    note: n\n    show_from: 2024-06-01\n    show_until: 2025-06-01\n"
FULL_PANEL = f"""\
note: every field of every block
show_from: 2024-06-01
show_until: 2025-06-01
id: industry
title: {{zh: 产业, en: Industry}}
subtitle: {{zh: 副标题, en: Subtitle}}
icon: mdi6.factory
accent: '#1f6feb'
hero_image: images/hero.png
blocks:
  - type: text
{DATED}    title: {{zh: 标题, en: Title}}
    body: {{zh: 正文, en: Body}}
  - type: figures
{DATED}    title: {{zh: 数字, en: Figures}}
    items:
      - note: n
        value: 12.5
        decimals: 1
        zh_units: false
        unit: {{zh: 亿元, en: billion yuan}}
        label: {{zh: 产值, en: Output}}
        source: {{zh: 统计局, en: Bureau}}
        as_of: 2024-06-01
  - type: image
{DATED}    image: images/hero.png
    caption: {{zh: 说明, en: Caption}}
    credit: {{zh: 摄影, en: Photo}}
  - type: gallery
{DATED}    title: {{zh: 图片, en: Pictures}}
    images:
      - note: n
        image: images/hero.png
        caption: {{zh: 说明, en: Caption}}
        credit: {{zh: 摄影, en: Photo}}
  - type: timeline
{DATED}    title: {{zh: 历史, en: History}}
    events:
      - note: n
        when: 1992
        title: {{zh: 成立, en: Founded}}
        text: {{zh: 正文, en: Text}}
  - type: story
{DATED}    person: {{zh: 张三, en: Zhang San}}
    role: {{zh: 工程师, en: Engineer}}
    organisation: {{zh: 公司, en: Company}}
    quote: {{zh: 引语, en: Quote}}
    image: images/hero.png
    source: {{zh: 来源, en: Source}}
  - type: bar_chart
{DATED}    title: {{zh: 面积, en: Area}}
    unit: {{zh: 平方公里, en: km²}}
    bars:
      - note: n
        label: {{zh: 当年, en: Then}}
        value: 3.83
    source: {{zh: 来源, en: Source}}
  - type: links
{DATED}    title: {{zh: 链接, en: Links}}
    links:
      - note: n
        label: {{zh: 官网, en: Website}}
        url: https://example.org/
  - type: video
{DATED}    title: {{zh: 影片, en: Film}}
    video: videos/tour.mp4
    poster: images/hero.png
    captions:
      zh: videos/tour.zh.vtt
      en: videos/tour.en.vtt
    caption: {{zh: 说明, en: Caption}}
    credit: {{zh: 来源, en: Credit}}
  - type: map
{DATED}    title: {{zh: 地图, en: Map}}
    image: images/hero.png
    hotspots:
      - note: n
        x: 0.5
        y: 0.5
        title: {{zh: 地点, en: Place}}
        text: {{zh: 正文, en: Text}}
"""
FULL_NOTICE = """\
note: every field of notice.yaml
level: closure
title: {zh: 闭馆, en: Closed}
text: {zh: 今日闭馆。, en: Closed today.}
until: 2030-06-01 18:00
"""

SAMPLES = {
    "site.yaml": FULL_SITE,
    "panels/industry.yaml": FULL_PANEL,
    "notice.yaml": FULL_NOTICE,
}
MEDIA = {  # the files the film block and the attract loop name
    "videos/tour.mp4": MP4,
    "videos/tour.zh.vtt": VTT_ZH,
    "videos/tour.en.vtt": VTT_EN,
}
ROOT_WORD = re.compile(r"\broot\b")


def _value(model: object, path: tuple) -> object:
    for part in path:
        model = getattr(model, part) if isinstance(model, BaseModel) else model[part]
    return model


def _model(file: str) -> BaseModel:
    kind = {"site.yaml": models.Site, "notice.yaml": models.Notice}.get(file, models.Panel)
    return kind.model_validate(read_yaml(SAMPLES[file]).data)


def _field_keys() -> list[tuple[str, tuple, int, int]]:
    """(file, path, line, column) of every key in the samples that names a model's field."""
    keys = []
    for file, text in SAMPLES.items():
        model = _model(file)
        for path, (line, column) in read_yaml(text).key_marks.items():
            parent = _value(model, path[:-1])
            if isinstance(parent, BaseModel) and not isinstance(parent, RootModel):
                keys.append((file, path, line, column))
    return keys


def _errors(tmp_path, files: dict[str, str]) -> list:
    return load_content(make_content(tmp_path, {**SAMPLES, **MEDIA, **files}), TODAY).errors


def misspell(key: str) -> str:
    """A typo: the middle letter left out ('caption' -> 'capion'); short keys doubled."""
    middle = len(key) // 2
    return key[:middle] + key[middle + 1 :] if len(key) >= 4 else key + key[-1]


def test_the_samples_load_without_problems(tmp_path):
    assert load_content(make_content(tmp_path, {**SAMPLES, **MEDIA}), TODAY).problems == []


def test_the_samples_set_every_field_of_every_model():
    seen: dict[str, set[str]] = {}
    for file in SAMPLES:
        for _, value in models.walk(_model(file)):
            if isinstance(value, BaseModel) and not isinstance(value, RootModel):
                seen.setdefault(type(value).__name__, set()).update(value.model_fields_set)
    wanted = {
        name: set(getattr(models, name).model_fields)
        for name in content_schema()["definitions"]
        if not issubclass(getattr(models, name), RootModel)
    }
    assert seen == wanted


CASES = _field_keys()


@pytest.mark.parametrize(
    ("file", "path", "line", "column"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES]
)
def test_every_misspelled_key_gets_did_you_mean_and_never_root(tmp_path, file, path, line, column):
    key = path[-1]
    lines = SAMPLES[file].splitlines(keepends=True)
    text = lines[line - 1]
    assert text[column - 1 :].startswith(key)
    lines[line - 1] = text[: column - 1] + misspell(key) + text[column - 1 + len(key) :]
    problems = _errors(tmp_path, {file: "".join(lines)})
    assert not [p for p in problems if ROOT_WORD.search(p.format())], problems
    at_key = [p for p in problems if (p.file, p.line, p.column) == (file, line, column)]
    assert at_key, problems
    if key == "type":
        assert at_key[0].suggestion == f"did you mean 'type' instead of '{misspell(key)}'?"
    else:
        assert at_key[0].message == f"unknown field '{misspell(key)}'"
        assert at_key[0].suggestion == f"did you mean '{key}'?"


IMAGE_BLOCK = """  - type: image
    image: images/hero.png
    caption: {zh: 说明, en: Caption}
    credit: {zh: 摄影, en: Photo}
"""


@pytest.mark.parametrize(
    ("right", "typo", "line"), [("caption", "captoin", 17), ("credit", "credti", 18)]
)
def test_misspelled_image_block_field_is_named(tmp_path, right, typo, line):
    panel = INDUSTRY + IMAGE_BLOCK.replace(f"{right}:", f"{typo}:")
    problems = _errors(tmp_path, {"panels/industry.yaml": panel})
    assert [p.format() for p in problems] == [
        f"panels/industry.yaml:{line}:5: error: blocks[2].{typo}: unknown field '{typo}' "
        f"(did you mean '{right}'?)"
    ]


def test_misspelled_image_of_an_image_block_is_named(tmp_path):
    panel = INDUSTRY + IMAGE_BLOCK.replace("image: images", "imag: images")
    assert [p.format() for p in _errors(tmp_path, {"panels/industry.yaml": panel})] == [
        "panels/industry.yaml:15:5: error: blocks[2].image: required field 'image' is missing",
        "panels/industry.yaml:16:5: error: blocks[2].imag: unknown field 'imag' "
        "(did you mean 'image'?)",
    ]


# ---- a key one level off ---------------------------------------------------------------------


def _lines(tmp_path, files: dict[str, str]) -> list[str]:
    result = load_content(make_content(tmp_path, files), TODAY)
    return [p.format() for p in result.problems]


def test_language_beside_its_text_instead_of_under_it_is_named(tmp_path):
    label = "        label:\n          zh: 产值\n        en: Output\n"
    panel = INDUSTRY.replace("        label: {zh: 产值, en: Output}\n", label)
    assert _lines(tmp_path, {"panels/industry.yaml": panel}) == [
        "panels/industry.yaml:14:9: error: blocks[1].items[0].en: unknown field 'en' ('en' "
        "belongs under 'label:' two lines up (line 12): indent it as far as 'zh:' on line 13)"
    ]


def test_a_stray_language_goes_to_the_text_above_it_before_the_one_below(tmp_path):
    figure = (
        "        unit:\n          zh: 亿元\n        en: bn yuan\n"  # unit's en, slipped out
        "        label:\n          zh: 产值\n          en: Output\n"
    )
    panel = INDUSTRY.replace("        label: {zh: 产值, en: Output}\n", figure)
    assert _lines(tmp_path, {"panels/industry.yaml": panel}) == [
        "panels/industry.yaml:14:9: error: blocks[1].items[0].en: unknown field 'en' ('en' "
        "belongs under 'unit:' two lines up (line 12): indent it as far as 'zh:' on line 13)"
    ]


def test_a_language_written_before_its_text_is_sent_down_to_it(tmp_path):
    figure = "        en: Output\n        label:\n          zh: 产值\n"
    panel = INDUSTRY.replace("        label: {zh: 产值, en: Output}\n", figure)
    assert _lines(tmp_path, {"panels/industry.yaml": panel}) == [
        "panels/industry.yaml:12:9: error: blocks[1].items[0].en: unknown field 'en' ('en' "
        "belongs under 'label:' on the line below: indent it as far as 'zh:' on line 14)"
    ]


def test_a_key_far_from_where_it_belongs_says_how_far(tmp_path):
    text = "          zh: |\n" + "            产值\n" * 11  # a long text between the two
    figure = "        label:\n" + text + "        en: Output\n"
    panel = INDUSTRY.replace("        label: {zh: 产值, en: Output}\n", figure)
    lines = _lines(tmp_path, {"panels/industry.yaml": panel})
    assert any("'en' belongs under 'label:' 13 lines up (line 12)" in line for line in lines), lines


def test_block_field_indented_under_its_caption_is_named_once(tmp_path):
    caption = (
        "    caption:\n      zh: 说明\n      en: Caption\n      credit: {zh: 摄影, en: Photo}\n"
    )
    block = "  - type: image\n    image: images/hero.png\n" + caption
    assert _lines(tmp_path, {"panels/industry.yaml": INDUSTRY + block}) == [
        "panels/industry.yaml:20:7: error: blocks[2].caption.credit: expected a two-letter "
        "language code like 'zh' or 'en', found 'credit' ('credit' belongs one level up, beside "
        "'caption:' three lines up (line 17): indent it as far as 'caption:')"
    ]


def test_key_the_level_up_has_already_is_not_sent_there(tmp_path):
    caption = "    caption:\n      zh: 说明\n      credit: x\n    credit: y\n"
    block = "  - type: image\n    image: images/hero.png\n" + caption
    [problem] = load_content(
        make_content(tmp_path, {"panels/industry.yaml": INDUSTRY + block}), TODAY
    ).errors
    assert (problem.line, problem.field, problem.suggestion) == (19, "blocks[2].caption.credit", "")


def test_item_field_written_at_the_block_level_is_named(tmp_path):
    panel = INDUSTRY + "    unit: {zh: 亿元, en: billion yuan}\n"
    assert _lines(tmp_path, {"panels/industry.yaml": panel}) == [
        "panels/industry.yaml:15:5: error: blocks[1].unit: unknown field 'unit' ('unit' belongs "
        "under 'items:' five lines up (line 10): indent it as far as 'value:' on line 11)"
    ]


def test_panel_field_indented_into_a_block_is_named(tmp_path):
    panel = INDUSTRY.replace("hero_image: images/hero.png\n", "").replace(
        "    body: {zh: 正文, en: Body}\n",
        "    body: {zh: 正文, en: Body}\n    hero_image: images/hero.png\n",
    )
    assert _lines(tmp_path, {"panels/industry.yaml": panel}) == [
        "panels/industry.yaml:8:5: error: blocks[0].hero_image: unknown field 'hero_image' "
        "('hero_image' belongs one level up, beside 'blocks:' three lines up (line 5): indent "
        "it as far as 'blocks:')"
    ]


def test_site_setting_beside_its_group_is_named(tmp_path):
    display = "display:\n  mounting:\n    screen_height_mm: 700\n  bottom_edge_mm: 400\n"
    assert _lines(tmp_path, {"site.yaml": SITE + display}) == [
        "site.yaml:10:3: error: display.bottom_edge_mm: unknown field 'bottom_edge_mm' "
        "('bottom_edge_mm' belongs under 'mounting:' two lines up (line 8): indent it as far as "
        "'screen_height_mm:' on line 9)"
    ]


def test_key_off_by_a_brace_on_one_line_says_so(tmp_path):
    panel = INDUSTRY.replace(
        "        label: {zh: 产值, en: Output}\n", "        label: {zh: 产值}\n        en: x\n"
    ).replace("Statistics bureau}", "Statistics bureau, as_of: 2024-06-01}")
    panel = panel.replace("        as_of: 2024-06-01\n", "")
    assert _lines(tmp_path, {"panels/industry.yaml": panel}) == [
        "panels/industry.yaml:13:9: error: blocks[1].items[0].en: unknown field 'en' ('en' "
        "belongs under 'label:' on the line above: put it inside the braces after 'label:')",
        "panels/industry.yaml:14:50: error: blocks[1].items[0].source.as_of: expected a "
        "two-letter language code like 'zh' or 'en', found 'as_of' ('as_of' belongs one level "
        "up, beside 'source:': take it out of the braces after 'source:')",
    ]


# ---- YAML that does not parse after an indentation change ------------------------------------

LABEL = "        label: {zh: 产值, en: Output}\n"


@pytest.mark.parametrize(
    ("label", "hint"),
    [
        (  # deeper than the line above, which has a value: "mapping values are not allowed"
            "        label:\n          zh: 产值\n           en: Output\n",
            "compare the indentation of line 14 with line 13 (`zh: 产值`): column 12 against "
            "column 11",
        ),
        (  # between two levels: "did not find expected key"
            "        label:\n          zh: 产值\n         en: Output\n",
            "compare the indentation of line 14 with line 13 (`zh: 产值`): column 10 against "
            "column 11",
        ),
        (  # back to the dash, not to the key after it: "did not find expected '-' indicator"
            "        label: {zh: 产值, en: Output}\n      source: x\n",
            "compare the indentation of line 13 with line 12 (`label: {zh: 产值, en: Output}`): "
            "column 7 against column 9",
        ),
        (  # a key without its colon: "could not find expected ':'"
            "        label:\n          zh: 产值\n          en Output\n",
            "line 14 (`en Output`) has no ':' after its key; if it goes on with the text above, "
            "indent it further than that text's key",
        ),
        (  # ': ' inside a text: "mapping values are not allowed"
            "        label: Output: 12.5\n",
            "put a text that contains ': ' in quotes",
        ),
    ],
)
def test_broken_indentation_names_the_line_to_compare_with(composer, label, hint):
    with pytest.raises(YamlError) as raised:
        read_yaml(INDUSTRY.replace(LABEL, label), composer)
    assert raised.value.message.startswith("not valid YAML: ")
    assert raised.value.hint == hint


def test_indentation_hint_reaches_the_operator_with_file_and_line(tmp_path):
    label = "        label:\n          zh: 产值\n         en: Output\n"
    assert _lines(tmp_path, {"panels/industry.yaml": INDUSTRY.replace(LABEL, label)}) == [
        "panels/industry.yaml:14:10: error: not valid YAML: while parsing a block mapping: did "
        "not find expected key (compare the indentation of line 14 with line 13 (`zh: 产值`): "
        "column 10 against column 11)"
    ]


def test_yaml_error_that_is_not_about_indentation_gets_no_indentation_hint(composer):
    with pytest.raises(YamlError) as raised:
        read_yaml(INDUSTRY.replace("Output}", "Output}\n        bad: 'unclosed\n"), composer)
    assert raised.value.hint == ""


# ---- dates that hide something for good ------------------------------------------------------


def _warnings(tmp_path, files: dict[str, str]) -> list[str]:
    result = load_content(make_content(tmp_path, files), TODAY)
    assert result.content is not None and result.ok, result.problems  # warnings never stop it
    return [p.format() for p in result.warnings]


def test_block_whose_show_until_has_passed_is_a_warning(tmp_path):
    ended = INDUSTRY.replace("  - type: text\n", "  - type: text\n    show_until: 2024-12-31\n")
    assert _warnings(tmp_path, {"panels/industry.yaml": ended}) == [
        "panels/industry.yaml:8:17: warning: blocks[0].show_until: this block ended on "
        "2024-12-31; visitors never see it again; remove it or change show_until"
    ]


def test_panel_and_announcement_that_ended_are_warnings(tmp_path):
    panel = "show_until: 2024-06-30\n" + HISTORY
    notice = "announcements:\n  - text: {zh: 闭馆, en: Closed}\n    show_until: 2024-12-01\n"
    assert _warnings(tmp_path, {"panels/history.yaml": panel, "site.yaml": SITE + notice}) == [
        "panels/history.yaml:1:13: warning: show_until: this panel ended on 2024-06-30; "
        "visitors never see it again; remove it or change show_until",
        "site.yaml:9:17: warning: announcements[0].show_until: this announcement ended on "
        "2024-12-01; visitors never see it again; remove it or change show_until",
    ]


def test_block_that_begins_more_than_a_year_ahead_is_a_warning(tmp_path):
    later = INDUSTRY.replace("  - type: text\n", "  - type: text\n    show_from: 2026-01-02\n")
    assert _warnings(tmp_path, {"panels/industry.yaml": later}) == [
        "panels/industry.yaml:8:16: warning: blocks[0].show_from: this block begins on "
        "2026-01-02, more than a year from now; check the year of show_from"
    ]


@pytest.mark.parametrize("dates", ["show_until: 2025-01-01", "show_from: 2026-01-01"])
def test_shown_today_or_within_a_year_is_no_warning(tmp_path, dates):
    panel = INDUSTRY.replace("  - type: text\n", f"  - type: text\n    {dates}\n")
    assert _warnings(tmp_path, {"panels/industry.yaml": panel}) == []
