"""The screen checker (kiosk/ui/screen_check.py, `kiosk check`): what it finds on a screen a
visitor would see as broken, and that it finds nothing on a screen that is right.

Each rule is shown failing on a kiosk broken in that one way (a label showing the other
language, text with too little room, a number torn from its unit, a lone last character, a
small target, unreadable text, a home screen that scrolls, controls out of reach) and the
same screen, unbroken, passing.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.content.locate import Locator
from kiosk.ui.screen_check import check_screen, contrast, shown_text, wrapped_lines
from kiosk.ui.screenshots import settle
from kiosk.ui.widgets import Label
from tests.kiosk_kit import SMALL
from tests.services.kit import NO_IDLE, panel
from tests.touch import tap

PORTRAIT = (1080, 1920)
QUIET = {"idle": NO_IDLE}  # no session reset in the middle of a test on a loaded machine


def findings(running, name: str = "test") -> list[str]:
    window = running.window
    settle(window)
    return [p.format() for p in check_screen(window, name, Locator(window.ctx.content))]


def body_label(window, panel_id: str = "alpha") -> QLabel:
    screen = window.panels[panel_id]
    return next(
        label for label in screen.findChildren(QLabel) if shown_text(label) in ("正文", "Hello")
    )


def test_a_right_screen_has_no_findings(kiosk):
    running = kiosk(content=SMALL, site=QUIET, size=PORTRAIT)
    assert findings(running) == []
    running.window.show_panel("alpha")
    assert findings(running) == []


def test_a_label_still_in_the_other_language_is_found_with_its_yaml_line(kiosk):
    running = kiosk(content=SMALL, site=QUIET, size=PORTRAIT)
    window = running.window
    window.show_panel("alpha")
    tap(window.top_bar.languages["en"])
    label = body_label(window)
    label.setText("正文")  # what a binding that missed the switch would leave behind
    lines = findings(running)
    assert len(lines) == 1, lines
    assert lines[0].startswith("panels/alpha.yaml:")
    assert "blocks[0].body" in lines[0] and "not the 'en' text 'Hello'" in lines[0]


def test_a_blank_number_after_a_language_switch_is_found(kiosk):
    figures = {
        "type": "figures",
        "items": [
            {
                "value": 349200,
                "unit": {"zh": "人", "en": "people"},
                "label": {"zh": "人才总量", "en": "talent pool"},
                "source": "People's Daily",
            }
        ],
    }
    running = kiosk(content=SMALL, site=QUIET, panels=[panel("alpha", "Hello", blocks=[figures])])
    window = running.window
    window.show_panel("alpha")
    tap(window.top_bar.languages["en"])
    assert findings(running) == []
    number = next(
        lab
        for lab in window.panels["alpha"].findChildren(Label)
        if lab.property("role") == "figure-value"
    )
    number.setText("")  # the defect of the first release
    assert any("shows no text" in line for line in findings(running))


def test_text_with_too_little_room_is_cut_off(kiosk):
    running = kiosk(content=SMALL, site=QUIET, size=PORTRAIT)
    window = running.window
    window.show_panel("alpha")
    label = body_label(window)
    label.setText("A long line of text " * 40)
    label.setFixedHeight(20)
    assert any("text is cut off" in line for line in findings(running))


def test_wrapped_lines_follow_the_word_joiners_the_kiosk_puts_in(qtbot):
    label = Label("body")
    qtbot.addWidget(label)
    label.setFixedWidth(130)
    label.setText("面积3.83\u2060平\u2060方\u2060公\u2060里")
    label.show()
    lines = wrapped_lines(label.text(), label)
    assert "3.83平方公里" in lines or all(
        "3.83" not in line or line.endswith("里") for line in lines
    )
    assert not any(line.endswith("3.83") for line in lines[:-1])


def test_a_number_torn_from_its_unit_and_a_lone_last_character_are_found(kiosk):
    running = kiosk(content=SMALL, site=QUIET, size=PORTRAIT)
    window = running.window
    window.show_panel("alpha")
    label = body_label(window)
    label.setText("起步时仅3.83平方公里")  # no joiners: Qt may break anywhere between hanzi
    width = label.fontMetrics().horizontalAdvance("起步时仅3.83") + 4
    label.setFixedWidth(width)
    label.setFixedHeight(label.heightForWidth(width))
    found = findings(running)
    assert any("separates a number from its unit" in line for line in found), found
    label.setText("照片 1\n摄影：示例")  # a caption above its credit: a break the text makes
    label.setFixedWidth(label.fontMetrics().horizontalAdvance("摄影：示例") * 2)
    label.setFixedHeight(label.heightForWidth(label.width()))
    assert not any("separates a number" in line for line in findings(running))
    label.setText("这是一段话的最后一个字")
    label.setFixedWidth(label.fontMetrics().horizontalAdvance("这是一段话的最后一个") + 2)
    label.setFixedHeight(label.heightForWidth(label.width()))
    assert any("ends on a line of one character" in line for line in findings(running))


def test_a_small_or_crowded_target_is_found(kiosk):
    running = kiosk(content=SMALL, site=QUIET, size=PORTRAIT)
    window = running.window
    small = QPushButton("x", window.home)
    small.setGeometry(300, 300, 40, 40)
    small.show()
    found = findings(running)
    assert any("40x40 px touch target" in line for line in found), found
    small.setGeometry(300, 300, 80, 80)
    neighbour = QPushButton("y", window.home)
    neighbour.setGeometry(385, 300, 80, 80)
    neighbour.show()
    assert any("keep 12 px between targets" in line for line in findings(running))


def test_unreadable_text_is_found_from_the_painted_colours(kiosk):
    running = kiosk(content=SMALL, site=QUIET, size=PORTRAIT)
    window = running.window
    window.show_panel("alpha")
    label = body_label(window)
    background = window.ctx.palette.background
    label.setStyleSheet(f"color: {background};")  # dark blue on dark blue
    assert any("text contrast is 1.0:1" in line for line in findings(running))


def test_contrast_is_wcags():
    from PySide6.QtGui import QColor

    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_on_a_tall_screen_every_home_tile_reaches_down_into_reach(kiosk):
    panels = [panel(f"p{i}", f"Panel {i}") for i in range(8)]
    running = kiosk(
        content=SMALL,
        site={"panels": [p["id"] for p in panels], "idle": NO_IDLE},
        panels=panels,
        size=PORTRAIT,
    )
    window = running.window
    settle(window)
    # A 55-inch portrait screen 520 mm off the floor: a visitor reaches up to 1,220 mm,
    # 700 mm of the 1,218 mm picture: the top 42 % of the screen is out of reach.
    line = 0.42 * PORTRAIT[1]
    bottoms = [tile.mapTo(window, tile.rect().bottomLeft()).y() for tile in window.home.tiles]
    assert min(bottoms) > line, bottoms
    assert not any("out of reach" in line for line in findings(running))


def test_the_home_screen_with_eight_panels_fits_without_scrolling(kiosk):
    panels = [
        panel(f"p{i}", f"Panel {i}", subtitle={"zh": "副标题文字", "en": "A subtitle"})
        for i in range(8)
    ]
    site = {"panels": [p["id"] for p in panels]}
    for size in ((1920, 1080), PORTRAIT):
        running = kiosk(content=SMALL, site={**site, "idle": NO_IDLE}, panels=panels, size=size)
        for scale in (1.0, 1.3):
            running.window.ctx.set_text_scale(scale)
            found = findings(running)
            assert not any("does not fit the screen" in line for line in found), (size, found)
            assert running.window.home.scroll_area.verticalScrollBar().maximum() == 0


# A home's notice and headline figure, as the sample's (the homes that must still fit).
NOTICE = {
    "title": {"zh": "春节开放时间", "en": "Spring Festival hours"},
    "text": {"zh": "除夕至初二闭馆，初三起照常开放。", "en": "Closed for three days."},
}
FIGURE = {
    "value": 351000,
    "zh_units": True,
    "unit": {"zh": "人", "en": "people"},
    "label": {"zh": "人才总量", "en": "in the talent pool"},
    "source": {"zh": "人民日报", "en": "People's Daily"},
}


def test_a_home_with_five_panels_and_two_notices_fits_its_cards_tighter(kiosk):
    """The sample's four figures, two announcements and five tiles: the cards give up some of
    their padding before the home screen would scroll (found by an operator's preview)."""
    panels = [panel(f"p{i}", f"Panel {i}") for i in range(5)]
    site = {
        "panels": [p["id"] for p in panels],
        "subtitle": {"zh": "亦庄 · 北京高精尖产业主阵地", "en": "Yizhuang"},
        "announcements": [NOTICE, NOTICE],
        "headline_figures": [FIGURE] * 4,
        "idle": NO_IDLE,
    }
    running = kiosk(content=SMALL, site=site, panels=panels, size=(1920, 1080))
    home = running.window.home
    assert not any("does not fit the screen" in line for line in findings(running))
    assert home.scroll_area.verticalScrollBar().maximum() == 0
    padding = [card.layout().contentsMargins().top() for card in home.announcements]
    assert padding == [8, 8]  # (18 on a home with room to spare)


def test_controls_stay_within_reach_and_what_cannot_is_found(kiosk):
    running = kiosk(content=SMALL, site=QUIET, size=PORTRAIT)
    window = running.window
    assert not any("out of reach" in line for line in findings(running))
    window.show_panel("alpha")
    home = window.top_bar.home
    assert home.mapTo(window, home.rect().topLeft()).y() > PORTRAIT[1] - 200  # at the bottom
    assert not any("out of reach" in line for line in findings(running))
    high = {"display": {"mounting": {"bottom_edge_mm": 1200}}}  # only the bottom 20 mm
    running = kiosk(content=SMALL, site={**high, "idle": NO_IDLE}, size=PORTRAIT)
    found = findings(running)
    assert any(
        "PanelTile" in line and "out of reach" in line and "site.yaml display.mounting" in line
        for line in found
    ), found


def test_a_covered_screen_is_not_checked_under_its_layer(kiosk):
    running = kiosk(content=SMALL, site=QUIET, size=PORTRAIT)
    window = running.window
    label = body_label(window) if window.panels else None
    assert label is None or label.isVisible() is False
    running.overlays.countdown.start(10)
    found = findings(running)
    assert not any("homeScreen" in line for line in found), found
    assert all(Qt is not None for _ in found)


def test_long_bar_labels_go_above_their_bars_instead_of_being_cut(kiosk):
    chart = {
        "type": "bar_chart",
        "title": "Growth",
        "source": "People's Daily",
        "bars": [
            {"label": "The first park, 30 years ago", "value": 3.83},
            {"label": "Beijing E-Town today", "value": 225},
        ],
    }
    running = kiosk(
        content=SMALL, site=QUIET, panels=[panel("alpha", "Hello", blocks=[chart])], size=PORTRAIT
    )
    window = running.window
    tap(window.top_bar.languages["en"])
    window.show_panel("alpha")
    window.ctx.set_text_scale(1.3)
    found = findings(running)
    assert not any("bar label" in line for line in found), found
    bars = window.panels["alpha"].findChildren(QWidget, "barChart")[0]
    assert bars.stacked()
    (label, box, bar, _value), *_ = bars.layout_rows()
    assert box.bottom() <= bar.top()  # the label above its bar, whole
    window.ctx.set_text_scale(1.0)
    window.resize(1920, 1080)
    settle(window)
    assert not bars.stacked()  # room beside the bars in landscape


@pytest.mark.parametrize(
    "fmt",
    ["Format_RGB32", "Format_ARGB32", "Format_ARGB32_Premultiplied", "Format_RGB888"],
)
def test_the_contrast_behind_a_text_reads_the_pixels_qimage_pixel_reads(qapp, fmt):
    """`worst_contrast` reads the image's memory: the same pixels, and so the same 5th
    percentile, as asking QImage.pixel for each sampled one (a wrong row stride, channel order
    or format would give another ratio)."""
    import math
    import random

    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage

    from kiosk.ui.screen_check import SAMPLES, _luminance_rgb, luminance, worst_contrast

    def by_pixel(image, box, colour, scale):
        left, top = max(0, math.floor(box.left() * scale)), max(0, math.floor(box.top() * scale))
        right = min(image.width() - 1, math.ceil(box.right() * scale))
        bottom = min(image.height() - 1, math.ceil(box.bottom() * scale))
        if right < left or bottom < top:
            return None
        step = max(1, int(math.sqrt((right - left + 1) * (bottom - top + 1) / SAMPLES)))
        text = luminance(colour) + 0.05
        ratios = sorted(
            max(_luminance_rgb(image.pixel(x, y)) + 0.05, text)
            / min(_luminance_rgb(image.pixel(x, y)) + 0.05, text)
            for y in range(top, bottom + 1, step)
            for x in range(left, right + 1, step)
        )
        return ratios[len(ratios) // 20]

    rng = random.Random(7)
    image = QImage(157, 93, QImage.Format.Format_ARGB32)  # (an odd width: padded rows in RGB888)
    for y in range(image.height()):
        for x in range(image.width()):
            image.setPixel(x, y, rng.choice([rng.getrandbits(32), 0xFFFFFFFF, 0x80336699]))
    image = image.convertToFormat(getattr(QImage.Format, fmt))
    for _ in range(60):
        box = QRect(rng.randrange(-9, 150), rng.randrange(-9, 90), rng.randrange(1, 120), 40)
        colour, scale = QColor(rng.getrandbits(24)), rng.choice([1.0, 1.5, 2.0])
        assert worst_contrast(image, box, colour, scale) == by_pixel(image, box, colour, scale)


def test_only_what_can_be_seen_is_looked_through_even_a_text_shrunk_to_nothing(qtbot):
    from PySide6.QtWidgets import QScrollArea, QVBoxLayout

    from kiosk.ui.screen_check import in_view

    window = QWidget()
    window.resize(400, 300)
    area = QScrollArea(window)
    area.setGeometry(0, 0, 400, 300)
    page = QWidget()
    column = QVBoxLayout(page)
    rows = [QLabel(f"row {n}") for n in range(40)]
    for row in rows:
        row.setFixedHeight(100)
        column.addWidget(row)
    blank = QLabel("", page)
    blank.setGeometry(10, 150, 200, 0)  # on screen, but of no height: still looked at
    area.setWidget(page)
    hidden = QLabel("another screen", window)
    hidden.hide()
    qtbot.addWidget(window)
    window.show()
    area.verticalScrollBar().setValue(page.height() // 2)
    seen = in_view(window)
    shown = [row for row in rows if row.visibleRegion().boundingRect().height() > 0]
    assert shown and all(row in seen for row in shown)
    assert not any(row in seen for row in rows if row not in shown)
    assert hidden not in seen
    area.verticalScrollBar().setValue(0)
    assert blank in in_view(window)
    assert rows[0] in in_view(window) and rows[-1] not in in_view(window)


def test_a_home_of_twelve_panels_fits_in_two_wide_rows_when_three_rows_would_scroll(kiosk):
    """Twelve tiles under the site's notice and four figures: at A+, or with the audio guide's
    bar, three rows of four scrolled (found by `kiosk check` on the scale content); two rows
    of six fit."""
    panels = [
        panel(f"p{i}", "Body", title={"zh": f"展区 {i + 1}", "en": f"Hall {i + 1}"})
        for i in range(12)
    ]
    site = {
        "panels": [p["id"] for p in panels],
        "subtitle": {"zh": "亦庄 · 北京高精尖产业主阵地", "en": "Yizhuang"},
        "announcements": [NOTICE],
        "headline_figures": [FIGURE] * 4,
        "idle": NO_IDLE,
    }
    running = kiosk(content=SMALL, site=site, panels=panels, size=(1920, 1080))
    window, home = running.window, running.window.home
    for scale, bar in ((1.3, False), (1.0, True)):
        window.ctx.set_text_scale(scale)
        window.audio.show_bar(bar)
        found = findings(running)
        assert not any("does not fit the screen" in line for line in found), (scale, bar, found)
        assert home.scroll_area.verticalScrollBar().maximum() == 0
        rows = {tile.y() for tile in home.tiles}
        assert len(rows) == 2, (scale, bar)
    window.audio.show_bar(False)
    window.ctx.set_text_scale(1.0)
    settle(window)
    assert len({tile.y() for tile in home.tiles}) == 3  # with room: rows of four, as before
