"""What every screen must guarantee: touch targets, unclipped enlarged text, Chinese glyphs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.ui.theme import FONT_SIZES
from tests.ui.conftest import shown, visible_labels

SIZES = [(1920, 1080), (1080, 1920)]


def screens(window):
    """Show each screen in turn (home, then every panel), yielding its name."""
    window.show_home()
    yield "home"
    for panel_id in window._order():
        window.show_panel(panel_id)
        yield panel_id


def clickables(window):
    return [
        w
        for w in window.findChildren(QWidget)
        if (isinstance(w, QAbstractButton) or w.property("tappable")) and w.isVisibleTo(window)
    ]


@pytest.mark.parametrize("size", SIZES)
def test_every_touch_target_is_at_least_64px(make_window, size):
    window = make_window(size)
    for name in screens(window):
        QApplication.processEvents()
        small = [
            (name, type(w).__name__, w.text() if hasattr(w, "text") else "", w.size())
            for w in clickables(window)
            if w.width() < 64 or w.height() < 64
        ]
        assert small == []
    bar = window.top_bar.layout()
    assert bar.spacing() >= 12


def clipped(label: QLabel) -> bool:
    rect = label.contentsRect()
    if label.textFormat() != Qt.TextFormat.PlainText:  # rich text (Markdown body): lay it out
        return label.heightForWidth(label.width()) > label.height()
    flags = int(label.alignment().value)
    if label.wordWrap():
        flags |= int(Qt.TextFlag.TextWordWrap.value)
    needed = QFontMetrics(label.font()).boundingRect(rect, flags, label.text())
    return needed.height() > rect.height() or needed.width() > rect.width()


@pytest.mark.parametrize("size", SIZES)
def test_with_a_plus_no_label_is_clipped(make_window, size, qtbot, touch):
    window = make_window(size)
    touch.tap(window.top_bar.sizes[1])
    qtbot.waitUntil(lambda: window.ctx.text_scale > 1)
    labels = window.home.findChildren(QLabel)
    title = next(label for label in labels if label.property("role") == "display")
    subtitle = next(label for label in labels if label.property("role") == "subtitle")
    assert subtitle.font().pixelSize() == round(FONT_SIZES["h3"] * 1.3)  # A+ enlarges text
    assert title.font().pixelSize() == FONT_SIZES["display"]  # a 72 px title is large already
    for name in screens(window):
        QApplication.processEvents()
        bad = [
            (name, label.text()[:30])
            for label in visible_labels(window.host.current())
            if clipped(label)
        ]
        bad += [
            ("top bar", label.text()) for label in visible_labels(window.top_bar) if clipped(label)
        ]
        assert bad == []


def test_high_contrast_theme_is_black_white_and_yellow(make_window, content, tmp_path):
    from tests.ui.conftest import make_content

    window = make_window(content_=make_content(tmp_path / "hc", theme={"high_contrast": True}))
    image = window.grab().toImage()
    assert image.pixelColor(5, image.height() - 5).name() == "#000000"
    selected = window.top_bar.languages["zh"]
    fill = selected.grab().toImage().pixelColor(selected.width() // 2, 8)
    assert fill.name() == "#ffd400"


def render(text: str, font: QFont) -> QImage:
    image = QImage(QSize(400, 80), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    p = QPainter(image)
    p.setFont(font)
    p.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return image


def test_chinese_renders_with_the_bundled_font(window):
    """The fontconfig sees no system fonts: glyphs must come from assets/fonts."""
    title = window.home.findChild(QLabel)
    assert shown(title) == "北京经济技术开发区"
    font = title.font()
    assert "Noto Sans CJK SC" in font.families()
    # distinct characters draw distinct shapes; missing glyphs would all be the same box
    first, second = render("经", font), render("济", font)
    assert first != second
    assert render("经济", font) != render("\ue000\ue001", font)


def test_no_widget_piles_up_after_200_visits_to_every_panel(make_window, qtbot):
    """Counts only what this test made: leftovers of earlier tests may be freed meanwhile by
    the garbage collector (Python 3.12 and later collect at other moments)."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    window = make_window((960, 540), animate=True)

    def settle() -> None:
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def cycle():
        for panel_id in window._order():
            window.show_panel(panel_id)
            window.show_home()
        # what a visit leaves for deletion goes now (a full collection only when counting:
        # 200 of them took 80 s in a long test session)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    cycle()
    settle()
    before = {id(widget) for widget in QApplication.topLevelWidgets()}
    objects = len(window.findChildren(QObject))
    for _ in range(200):
        cycle()
    settle()
    made = [w for w in QApplication.topLevelWidgets() if id(w) not in before]
    assert made == []
    assert len(window.findChildren(QObject)) == objects
