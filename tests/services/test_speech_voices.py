"""Which voice speaks a language: by name from an explicit list, never by locale alone when a
name is given (speech-dispatcher's espeak-ng voices report no zh locale at all)."""

from __future__ import annotations

from kiosk.services.speech import VOLUME_STEPS, nearest_step, pick_voice

ESPEAK = [  # (name, locale) as speech-dispatcher reports them
    ("Bishnupriya Manipuri", "C"),
    ("Chinese (Mandarin, latin as English)+Adam", "C"),
    ("Chinese (Mandarin, latin as Pinyin)", "C"),
    ("Chinese (Mandarin, latin as English)", "C"),
    ("English (America)+Zac", "en_US"),
    ("English (Caribbean)", "en_US"),
    ("English (America)", "en_US"),
    ("Hakka Chinese", "C"),
]


def named(wanted, lang):
    index = pick_voice(ESPEAK, wanted, lang)
    return None if index is None else ESPEAK[index][0]


def test_an_exact_name_wins_over_a_voice_that_merely_starts_with_it():
    assert named(["Chinese (Mandarin, latin as English)"], "zh") == (
        "Chinese (Mandarin, latin as English)"
    )
    assert named(["english (america)"], "en") == "English (America)"  # (any case)


def test_a_name_start_picks_the_plain_voice_before_its_variants_and_the_shortest():
    assert named(["Chinese (Mandarin"], "zh") == "Chinese (Mandarin, latin as Pinyin)"
    assert named(["English (Am"], "en") == "English (America)"


def test_the_first_name_in_the_list_that_is_there_is_taken():
    assert named(["Microsoft Huihui", "Hakka"], "zh") == "Hakka Chinese"


def test_with_no_name_found_a_voice_of_the_language_by_locale_else_none():
    assert named(["Microsoft Zira"], "en") == "English (Caribbean)"  # first en_* voice
    assert named(["Microsoft Huihui"], "zh") is None  # setLocale(zh_CN) would pick any voice
    assert named([], "fr") is None


def test_volume_steps_snap_to_the_nearest():
    assert nearest_step(0.405) == VOLUME_STEPS.index(0.4)
    assert nearest_step(1.0) == len(VOLUME_STEPS) - 1
    assert nearest_step(0.0) == 0


def test_an_engine_other_than_speech_dispatcher_reads_without_asking_its_server(
    qtbot, tmp_path, monkeypatch
):
    """Only speech-dispatcher is asked whether it answers before each call (on Windows the
    voices are OneCore's, here Qt's silent mock engine stands in): a socket that would hang
    the probe is never touched, and the script is read part by part to its end."""
    import socket

    from kiosk.services.speech import Speaker

    path = tmp_path / "hung.sock"
    hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    hung.bind(str(path))
    hung.listen(8)
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
    try:
        speaker = Speaker(lambda lang: ("Mary",), engine="mock")
        started: list[int] = []
        speaker.started.connect(started.append)
        with qtbot.waitSignal(speaker.finished, timeout=10_000):
            assert speaker.speak(["One.", "Two."], "en")
        assert started == [0, 1]
        assert speaker.voice_name("en") == "Mary"
        speaker.stop()
        speaker.set_volume(0.4)
        assert speaker.loaded() and speaker.problem == ""
    finally:
        hung.close()


def test_a_hung_speech_dispatcher_is_asked_again_less_and_less_often(monkeypatch):
    """Each time a hung server is asked whether it answers, the screen may wait PROBE_SECONDS:
    after 30 s, then twice as long each time it is still hung, up to 15 minutes."""
    from kiosk.services import speech

    asked: list[float] = []
    clock = [1000.0]

    class Clock:
        @staticmethod
        def monotonic() -> float:
            return clock[0]

    def hung(env, timeout=speech.PROBE_SECONDS):
        asked.append(clock[0])
        return "speech-dispatcher does not answer (timed out)"

    monkeypatch.setattr(speech, "time", Clock)
    monkeypatch.setattr(speech, "speechd_hung", hung)
    speaker = speech.Speaker(lambda lang: ("English (America)",), engine="speechd")
    for _ in range(40):  # a visitor asking for speech every 30 s for 20 minutes
        assert speaker.engine() is None
        clock[0] += 30
    gaps = [b - a for a, b in zip(asked, asked[1:], strict=False)]
    assert gaps == [30, 60, 120, 240, 480]  # (the next is 900 s: after this visitor left)
    assert speaker.problem.startswith("speech-dispatcher does not answer")
