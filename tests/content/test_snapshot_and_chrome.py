"""A loaded snapshot cannot be changed in place, and the kiosk's own words are content."""

from __future__ import annotations

import copy
import pickle

import pytest

from kiosk.content import catalogue
from kiosk.content.loader import load_content
from tests.conftest import SAMPLE_CONTENT
from tests.content.build import SITE, make_content


def test_a_loaded_snapshot_refuses_every_change_in_place():
    content = load_content(SAMPLE_CONTENT).content
    panel = content.panels["industry"]
    for change in (
        lambda: content.site.panels.append("extra"),  # type: ignore[attr-defined]
        lambda: panel.blocks.append(panel.blocks[0]),  # type: ignore[attr-defined]
        lambda: content.panels.pop("industry"),
        lambda: content.panels.__setitem__("x", panel),
        lambda: content.site.title.root.update(en="Changed"),  # type: ignore[union-attr]
    ):
        with pytest.raises((AttributeError, TypeError)):
            change()
    assert content.site.panels[0] == "industry" and "industry" in content.panels
    assert content.site.title.get("en") == "Beijing E-Town"


def test_a_snapshot_copies_and_pickles_whole():
    content = load_content(SAMPLE_CONTENT).content
    assert pickle.loads(pickle.dumps(content)) == content
    assert copy.deepcopy(content) == content


def test_site_yaml_may_give_the_kiosk_words_for_a_new_language(tmp_path):
    site = SITE.replace("languages: [zh, en]", "languages: [zh, en, fr]") + (
        "chrome:\n  home: {fr: Accueil}\n  language_name: {fr: FR}\n"
    )
    root = make_content(tmp_path, {"site.yaml": site})
    result = load_content(root)
    assert result.ok, [p.format() for p in result.problems]
    chrome = result.content.site.chrome
    assert catalogue.text("home", "fr", chrome) == "Accueil"
    assert catalogue.text("language_name", "fr", chrome) == "FR"
    assert catalogue.text("back", "fr", chrome) == "Back"  # no word given: English
    assert catalogue.text("back", "zh", chrome) == "返回"


def test_a_misspelled_chrome_key_is_named_with_a_suggestion(tmp_path):
    root = make_content(tmp_path, {"site.yaml": SITE + "chrome:\n  hom: {en: Start}\n"})
    errors = [p.format() for p in load_content(root).errors]
    assert len(errors) == 1
    assert "site.yaml:" in errors[0] and "chrome" in errors[0]
    assert "unknown chrome text 'hom'" in errors[0] and "did you mean 'home'?" in errors[0]


def test_an_unnamed_language_is_shown_by_its_code():
    assert catalogue.text("language_name", "fr") == "FR"
    assert catalogue.text("language_name", "zh") == "中文"
