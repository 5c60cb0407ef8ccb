"""A third language is content: French added to a copy of the sample content, and nothing else.

Every LocalText mapping in site.yaml and panels/*.yaml gets `fr: "FR " + en`, `languages:`
gets fr and `chrome:` gives the kiosk's own words in fr. A visitor taps FR on the home screen
and on an open panel; every screen (home, each panel scrolled top to bottom, the gallery
viewer, a hotspot card, the countdown, attract, standby and unavailable layers) then shows
French wherever French exists. No code knows about fr.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from PySide6.QtWidgets import QApplication

from kiosk.content import catalogue
from kiosk.services.admin_pin import PinGate
from kiosk.services.admin_status import AdminInfo
from kiosk.ui.blocks.gallery import GalleryBlockWidget
from kiosk.ui.blocks.map import MapBlockWidget
from kiosk.ui.overlays import KioskOverlays
from tests.conftest import SAMPLE_CONTENT
from tests.ui.conftest import load_sample, shown
from tests.ui.screen_check import LanguageRules, check_screen

LANG, MARK = "fr", "FR "


def add_language(node, rules: LanguageRules):
    """Give every {zh, en} mapping an fr text; note what the other versions and the texts
    meant for every language are."""
    if isinstance(node, dict):
        if node and set(node) <= {"zh", "en"} and all(isinstance(v, str) for v in node.values()):
            rules.other_versions.update(node.values())
            node[LANG] = MARK + node.get("en", next(iter(node.values())))
            return
        for key, value in node.items():
            if key != "captions":  # (files per language, not text: a French film has none)
                add_language(value, rules)
    elif isinstance(node, list):
        for item in node:
            add_language(item, rules)
    elif isinstance(node, str):
        rules.language_free.add(node)


def rewrite(path: Path, rules: LanguageRules, extra=None) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    add_language(data, rules)
    if extra is not None:
        extra(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def french(tmp_path):
    """(content with fr, the rules a French screen must keep)."""
    root = tmp_path / "fr-content"
    shutil.copytree(SAMPLE_CONTENT, root)
    rules = LanguageRules(MARK)

    def site_extra(site):
        site["languages"] = [*site["languages"], LANG]
        site["chrome"] = {
            key: {LANG: "FR" if key == "language_name" else MARK + catalogue.text(key, "en")}
            for key in catalogue.ENTRIES
        }

    rewrite(root / "site.yaml", rules, site_extra)
    for panel in sorted((root / "panels").glob("*.yaml")):
        rewrite(panel, rules)
    for key, texts in catalogue.ENTRIES.items():
        names_a_language = key == "language_name" or key.startswith("language_called_")
        (rules.own_names if names_a_language else rules.other_versions).update(texts.values())
    rules.own_names.add("FR")
    content = load_sample(root)  # must validate: no errors
    assert list(content.site.languages) == ["zh", "en", LANG]
    return content, rules


def settle(window) -> None:
    for _ in range(3):
        QApplication.processEvents()
    window.ctx.images.wait_idle(3000)
    QApplication.processEvents()


def save(window, name: str, tmp_path: Path) -> None:
    """A grab of the screen in fr (kept in $KIOSK_SHOTS too, when set, to look at)."""
    image = window.grab().toImage()
    image.save(str(tmp_path / f"{name}.png"))
    if os.environ.get("KIOSK_SHOTS"):
        Path(os.environ["KIOSK_SHOTS"]).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(os.environ["KIOSK_SHOTS"]) / f"{name}.png"))


def walk_panel(window, panel_id, rules) -> list[str]:
    """The panel scrolled top to bottom, one screenful at a time: what is wrong on screen."""
    screen = window.panels[panel_id]
    bar = screen.scroll_area.verticalScrollBar()
    step = max(1, screen.scroll_area.viewport().height() - 100)
    problems, value = [], 0
    while True:
        bar.setValue(value)
        settle(window)
        problems += [f"{panel_id}@{bar.value()}: {p}" for p in check_screen(window, rules)]
        if bar.value() >= bar.maximum():
            return problems
        value += step


def test_a_third_language_works_by_content_alone(make_window, french, touch, qtbot, tmp_path):
    content, rules = french
    window = make_window(content_=content)
    assert window.top_bar.languages[LANG].text() == "FR"
    settle(window)
    in_chinese = check_screen(window, rules)  # the checker sees what is on screen
    assert any("北京经济技术开发区" in problem for problem in in_chinese)
    assert any("'首页'" in p or "'A'" in p for p in in_chinese)

    touch.tap(window.top_bar.languages[LANG])  # on the home screen
    qtbot.waitUntil(lambda: window.ctx.lang == LANG)
    settle(window)
    assert check_screen(window, rules) == []
    assert window.top_bar.languages[LANG].property("selected") is True
    save(window, "fr-home", tmp_path)

    problems = []
    for index, panel_id in enumerate(window._order()):
        touch.tap(next(t for t in window.home.tiles if t.panel.id == panel_id))
        qtbot.waitUntil(lambda pid=panel_id: window.current_panel_id() == pid)
        if index == 0:  # switch on an open panel too: away and back to fr
            touch.tap(window.top_bar.languages["en"])
            qtbot.waitUntil(lambda: window.ctx.lang == "en")
            touch.tap(window.top_bar.languages[LANG])
            qtbot.waitUntil(lambda: window.ctx.lang == LANG)
        problems += walk_panel(window, panel_id, rules)
        window.panels[panel_id].scroll_to_top()
        settle(window)
        save(window, f"fr-panel-{panel_id}", tmp_path)
        touch.tap(window.top_bar.home)
        qtbot.waitUntil(lambda: window.current_panel_id() is None)
    assert problems == []


def find_block(window, kind):
    for panel_id in window._order():
        for block in window.panel_screen(panel_id).blocks:
            if isinstance(block, kind):
                return panel_id, block
    raise AssertionError(f"no {kind.__name__} in the sample content")


def test_the_gallery_viewer_and_a_hotspot_card_in_the_third_language(
    make_window, french, touch, qtbot, tmp_path
):
    content, rules = french
    window = make_window(content_=content)
    touch.tap(window.top_bar.languages[LANG])
    qtbot.waitUntil(lambda: window.ctx.lang == LANG)

    panel_id, gallery = find_block(window, GalleryBlockWidget)
    window.show_panel(panel_id)
    window.panels[panel_id].scroll_area.ensureWidgetVisible(gallery.stage)
    settle(window)
    touch.tap(gallery.stage)
    qtbot.waitUntil(lambda: gallery.viewer is not None and gallery.viewer.isVisible())
    settle(window)
    assert check_screen(gallery.viewer, rules) == []
    assert gallery.viewer.caption.text().startswith(MARK)
    save(window, "fr-gallery", tmp_path)
    gallery.close_fullscreen()

    panel_id, map_block = find_block(window, MapBlockWidget)
    window.show_panel(panel_id)
    window.panels[panel_id].scroll_area.ensureWidgetVisible(map_block.pins[0])
    settle(window)
    touch.tap(map_block.pins[0])
    qtbot.waitUntil(map_block.card.isVisible)
    settle(window)
    assert check_screen(map_block.card, rules) == []
    assert map_block.card.title.text().startswith(MARK)
    save(window, "fr-hotspot", tmp_path)


def test_the_kiosk_layers_lead_with_the_third_language(make_window, french, touch, qtbot, tmp_path):
    content, rules = french
    window = make_window(content_=content)
    touch.tap(window.top_bar.languages[LANG])
    qtbot.waitUntil(lambda: window.ctx.lang == LANG)
    overlays = KioskOverlays(window, window.ctx, PinGate(content.site.admin.pin_hash), AdminInfo)
    overlays.set_content(content)
    overlays.standby.set_next_opening(datetime(2025, 6, 3, 9, 0))
    opens = {
        "countdown": lambda: overlays.countdown.start(10),
        "attract": overlays.attract.open,
        "standby": overlays.standby.open,
        "unavailable": overlays.unavailable.open,
    }
    for name, open_layer in opens.items():
        open_layer()
        layer = getattr(overlays, name)
        settle(window)
        assert check_screen(layer, rules, multilingual=True) == [], name
        for stack in layer.stacks:
            lines = [shown(label) for label in stack.labels]
            assert lines[0].startswith(MARK), (name, lines)  # first and large: fr
            assert lines == stack.lines(LANG)
            assert {stack.text_in(lang) for lang in ("zh", "en", LANG)} == set(lines)
            assert all(label.isVisibleTo(window) for label in stack.labels)
        save(window, f"fr-overlay-{name}", tmp_path)
        layer.close_overlay()
