"""`kiosk self-test`'s speech check, with the real engine (tests/speech_server.py): a phrase
said in each language in the voice found for it, and a failure naming a language with none."""

from __future__ import annotations

from kiosk.commands.self_test import check_speech
from kiosk.content import spoken
from tests.ui.conftest import load_sample


def test_a_phrase_is_said_in_each_language_and_the_voice_named(qapp, speech):
    check = check_speech(load_sample())
    assert check.ok, check.detail
    assert check.detail.startswith("zh: Chinese (Mandarin, latin as English) (")
    assert "; en: English (America) (" in check.detail


def test_a_language_with_no_voice_fails_the_check(qapp, speech, monkeypatch):
    voices_for = spoken.voices_for
    monkeypatch.setattr(
        spoken, "voices_for", lambda lang, site: () if lang == "zh" else voices_for(lang, site)
    )
    check = check_speech(load_sample())
    assert not check.ok
    assert check.detail.startswith("zh: no voice (site.yaml accessibility.voices names")
    assert "en: English (America)" in check.detail  # the other language was still checked
