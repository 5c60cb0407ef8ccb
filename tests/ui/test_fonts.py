"""Chinese is set in the bundled Noto Sans CJK SC, with a real Bold face; Latin in DejaVu Sans.

tests/conftest.py gives fontconfig an empty configuration, so only the fonts the kiosk bundles
and registers (assets/fonts) can draw anything here.
"""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QRawFont, QTextLayout
from PySide6.QtWidgets import QLabel

from kiosk.commands.self_test import visitor_texts
from kiosk.content import catalogue
from kiosk.paths import assets_dir
from kiosk.ui import theme
from kiosk.ui.application import register_fonts
from tests.ui.conftest import load_sample
from tools.subset_fonts import gb2312_hanzi

CJK = "Noto Sans CJK SC"
WORD_JOINER = "\u2060"  # kiosk/content/typeset.py puts it between what must stay on one line
FACES = {"Regular": "NotoSansCJKsc-Regular.otf", "Bold": "NotoSansCJKsc-Bold.otf"}


def raw(name: str) -> QRawFont:
    font = QRawFont(str(assets_dir() / "fonts" / name), 24.0)
    assert font.isValid(), name
    return font


def runs(text: str, font: QFont) -> set[tuple[str, str, int, int]]:
    """(family, style, weight, glyph count) of each glyph run Qt lays `text` out in."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {
        (run.rawFont().familyName(), run.rawFont().styleName(), run.rawFont().weight(), count)
        for run in layout.glyphRuns()
        if (count := len(run.glyphIndexes()))
    }


def is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def sample_characters() -> set[str]:
    """Every character a visitor may see: the sample content and the kiosk's own words."""
    texts = [text for _, text in visitor_texts(load_sample())]
    texts += [entry.get("zh", "") for entry in catalogue.ENTRIES.values()]
    texts += [*catalogue.WEEKDAYS["zh"], WORD_JOINER]
    return {char for text in texts for char in text if not char.isspace()}


@pytest.fixture(scope="module")
def fonts(qapp):
    from kiosk.ui.application import ensure_application

    ensure_application()
    return register_fonts()


def test_the_theme_names_dejavu_then_the_bundled_cjk_family(fonts):
    assert theme.FONT_FAMILIES == ["DejaVu Sans", CJK]
    assert set(theme.FONT_FAMILIES) <= set(fonts)
    assert QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFont(str(assets_dir() / "fonts" / FACES["Bold"]))
    ) == [CJK]


def test_the_cjk_family_has_a_real_bold_face(fonts):
    styles = QFontDatabase.styles(CJK)
    assert {"Regular", "Bold"} <= set(styles), styles
    assert QFontDatabase.weight(CJK, "Bold") == QFont.Weight.Bold.value
    assert QFontDatabase.weight(CJK, "Regular") == QFont.Weight.Normal.value
    assert raw(FACES["Bold"]).weight() == QFont.Weight.Bold.value
    assert raw(FACES["Bold"]).styleName() == "Bold"


def test_no_other_font_can_draw_chinese(fonts):
    """Whatever else the machine has, only bundled families are there to fall back on."""
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert CJK in chinese
    assert set(chinese) <= set(fonts), chinese


def test_a_bold_chinese_label_is_set_in_the_bold_face(window):
    title = window.home.findChild(QLabel)
    text = title.text()  # typeset: may hold word joiners (zero width, drawn by DejaVu)
    assert text.replace(WORD_JOINER, "") == "北京经济技术开发区"
    assert title.font().bold()  # the QSS makes the display role bold
    found = runs(text, title.font())
    assert (CJK, "Bold", 700, 9) in found
    assert {(style, weight) for _, style, weight, _ in found} == {("Bold", 700)}, found


@pytest.mark.parametrize("bold", [False, True])
def test_mixed_text_sets_chinese_in_noto_and_latin_in_dejavu(fonts, bold):
    font = theme.font("body", bold=bold)
    style, weight = ("Bold", 700) if bold else ("Book", 400)
    cjk_style = "Bold" if bold else "Regular"
    assert runs("经开区 E-Town", font) == {
        (CJK, cjk_style, weight, 3),
        ("DejaVu Sans", style, weight, len(" E-Town")),
    }


def test_painted_titles_are_bold_in_the_bold_face(fonts):
    """Painted text (theme.font) of a bold role gets the Bold file, not a smeared Regular."""
    for role in ("display", "h1", "h2", "figure-value", "tile-title"):
        assert runs("高端产业", theme.font(role)) == {(CJK, "Bold", 700, 4)}, role


def test_every_character_of_the_sample_content_is_in_a_bundled_font(fonts):
    regular, bold = raw(FACES["Regular"]), raw(FACES["Bold"])
    latin = [raw("DejaVuSans.ttf"), raw("DejaVuSans-Bold.ttf")]
    chars = sample_characters()
    assert sum(map(is_han, chars)) > 300  # the sample content is mostly Chinese
    missing = sorted(
        char
        for char in chars
        if not (regular.supportsCharacter(ord(char)) and bold.supportsCharacter(ord(char)))
        and not all(font.supportsCharacter(ord(char)) for font in latin)
    )
    assert not missing, " ".join(f"U+{ord(char):04X} {char}" for char in missing)


def test_every_sample_han_character_draws_its_own_glyph(fonts):
    """Not a box: each one maps to a real glyph with an outline, distinct from .notdef's."""
    for face in FACES.values():
        font = raw(face)
        notdef = font.pathForGlyph(0)
        for char in sorted(filter(is_han, sample_characters())):
            [index] = font.glyphIndexesForString(char)
            assert index != 0, f"{char} in {face}"
            path = font.pathForGlyph(index)
            assert not path.isEmpty() and path != notdef, f"{char} in {face}"


def test_both_faces_hold_all_of_gb2312s_hanzi(fonts):
    hanzi = gb2312_hanzi()
    assert len(hanzi) == 6763
    for face in FACES.values():
        font = raw(face)
        missing = [char for char in hanzi if not font.supportsCharacter(ord(char))]
        assert not missing, f"{face}: {''.join(missing[:40])}"
