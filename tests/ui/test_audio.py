"""Audio mode, as a visitor who cannot see the screen well meets it: the real kiosk (kiosk/root.py)
on the sample content, the real engine (Qt's speechd plugin, speech-dispatcher, espeak-ng; the
sound goes to a null sink: tests/speech_server.py), driven by touch taps and keys.

What is asserted is what the engine is asked to say, in which voice, and when it begins
(speech-dispatcher's own "speaking" event): the title of a panel in the Mandarin voice, the same
part again in an English voice after the switch, silence for the old screen after navigating,
the same part again after Repeat, and the volume back to the site's after the session.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from kiosk.content import spoken
from kiosk.services.speech import VOLUME_STEPS
from tests.conftest import REPO
from tests.kiosk_kit import SAMPLE
from tests.services.kit import NO_IDLE
from tests.touch import tap

IDLE = (
    NO_IDLE["timeout_seconds"],
    NO_IDLE["countdown_seconds"],
    NO_IDLE["attract_after_seconds"],
)
MANDARIN = "Chinese (Mandarin, latin as English)"
ENGLISH = "English (America)"
ENGINE_START_MS = 20_000  # speech-dispatcher lists 13,000 voices on the first use


class Heard:
    """What the speaker asked the engine to say, and when the engine began saying it (its
    state, as the engine's own thread reported it). (speech-dispatcher keeps a volume in whole
    steps of 0.01: 0.4 comes back as 0.405.)"""

    def __init__(self, guide):
        self.guide = guide
        self.started: list[tuple[int, str, str, str]] = []  # (part, lang, voice, text)
        self.speaking: list[tuple[int, str]] = []  # (part, lang) as the engine began it
        guide.speaker.started.connect(self._started)
        guide.speaker.begun.connect(self._begun)

    def _started(self, index: int) -> None:
        speaker = self.guide.speaker
        self.started.append((index, speaker.lang, speaker.voice_set, speaker.script[index]))

    def _begun(self, index: int) -> None:
        self.speaking.append((index, self.guide.speaker.lang))


@pytest.fixture
def running(kiosk, speech):
    return kiosk(content=SAMPLE, idle=IDLE, size=(1920, 1080))


def open_panel(qtbot, window, index: int = 0):
    tile = window.home.tiles[index]
    tap(tile)
    qtbot.waitUntil(lambda: window.current_panel_id() == tile.panel.id)
    return window.panels[tile.panel.id]


def audio_on(qtbot, window) -> Heard:
    heard = Heard(window.audio)
    tap(window.top_bar.audio)
    assert window.audio.bar.isVisible()  # at once: the visitor sees the tap took
    qtbot.waitUntil(lambda: bool(heard.speaking), timeout=ENGINE_START_MS)
    return heard


def test_audio_mode_on_a_panel_speaks_its_title_in_chinese_in_the_mandarin_voice(running, qtbot):
    window = running.window
    screen = open_panel(qtbot, window)
    heard = audio_on(qtbot, window)
    index, lang, voice, text = heard.started[0]
    assert (index, lang, voice) == (0, "zh", MANDARIN)
    assert text == spoken.panel_intro(screen.panel, "zh")
    assert text.startswith(screen.panel.title.get("zh"))
    assert heard.speaking[0] == (0, "zh")  # the engine began it
    assert window.top_bar.audio.property("selected") is True
    ring = window.audio._ring
    assert (
        ring is not None
        and ring.isVisible()
        and ring.geometry().contains(
            screen.hero.mapTo(ring.parentWidget(), screen.hero.rect().center())
        )
    )


def while_saying(heard: Heard, part: int, lang: str, act) -> None:
    """Do `act` the moment the engine begins part `part` in `lang` (mid-sentence for sure:
    its end cannot have come before)."""
    speaker = heard.guide.speaker

    def on_begun(index: int) -> None:
        if (index, speaker.lang) == (part, lang):
            speaker.begun.disconnect(on_begun)
            act()

    speaker.begun.connect(on_begun)
    speaker.repeat()  # (say it again from its start, to catch the moment)


def test_switching_to_english_mid_sentence_says_the_same_part_in_an_english_voice(running, qtbot):
    window = running.window
    screen = open_panel(qtbot, window)
    heard = audio_on(qtbot, window)
    window.audio.speaker.previous()  # back to the title
    while_saying(heard, 0, "zh", lambda: tap(window.top_bar.languages["en"]))
    qtbot.waitUntil(lambda: (0, "en") in heard.speaking, timeout=10_000)
    switched = next(i for i, s in enumerate(heard.started) if s[1] == "en")
    assert heard.started[switched][:3] == (0, "en", ENGLISH)
    assert heard.started[switched][3].startswith(screen.panel.title.get("en"))
    assert heard.started[switched - 1][:2] == (0, "zh")  # cut off in the title, not after it


def test_the_late_news_of_a_part_cut_off_does_not_move_the_next_one_on(running, qtbot):
    """The engine's signals come queued from its thread: that the part a switch cut off began,
    and then ended, can arrive after the part in the new language was asked for. Delivered
    here in the same turn as the switch (before its stop reached the engine, as they would be
    then), they must not count as the new part's: it is said, not skipped."""
    window = running.window
    open_panel(qtbot, window)
    heard = audio_on(qtbot, window)
    from PySide6.QtTextToSpeech import QTextToSpeech  # (after the kiosk loaded it: no noise)

    speaker = window.audio.speaker
    speaker.previous()  # back to the title
    qtbot.waitUntil(lambda: heard.speaking[-1:] == [(0, "zh")], timeout=5000)
    window.top_bar.languages["en"].click()  # (clicked: a touch would run the event loop)
    assert (speaker.index, speaker.lang) == (0, "en")
    speaker._state_changed(QTextToSpeech.State.Speaking)  # the late pair, of the Chinese
    speaker._state_changed(QTextToSpeech.State.Ready)
    assert speaker.index == 0  # not moved on to part 1 unsaid
    qtbot.waitUntil(lambda: (0, "en") in heard.speaking, timeout=5000)
    assert [s[:2] for s in heard.started if s[1] == "en"][0] == (0, "en")


@pytest.mark.parametrize("engine_says", ["speaking, as it told before", "nothing"])
def test_a_part_whose_start_the_engine_never_reports_is_still_read_and_the_guide_goes_on(
    running, qtbot, engine_says
):
    """Qt's engine reports changes of state only: after quick stops and says, one part's
    start can be lost (the engine still "speaking" from the part before), and the guide,
    waiting for it, would fall silent for good. Here the engine's report of the part's start
    is taken away: the guide takes the part as begun (or asks for it again) and reads on."""
    window = running.window
    open_panel(qtbot, window)
    heard = audio_on(qtbot, window)
    from PySide6.QtTextToSpeech import QTextToSpeech  # (after the kiosk loaded it: no noise)

    speaker = window.audio.speaker
    engine = speaker.engine()
    lose = {"next start": False}

    class Reports(QObject):  # (on the UI thread, as the speaker: the engine's signals queue)
        def report(self, state) -> None:
            if lose["next start"] and state == QTextToSpeech.State.Speaking:
                lose["next start"] = False
                if engine_says != "nothing":
                    speaker._engine_state = state  # (as a start set aside as stale leaves it)
                return
            speaker._state_changed(state)

    reports = Reports(speaker)
    engine.stateChanged.disconnect(speaker._state_changed)
    engine.stateChanged.connect(reports.report)
    speaker.previous()  # back to the title
    qtbot.waitUntil(lambda: heard.speaking[-1:] == [(0, "zh")], timeout=5000)
    heard.speaking.clear()
    lose["next start"] = True
    speaker.repeat()
    qtbot.waitUntil(lambda: not lose["next start"], timeout=5000)  # its start was lost
    qtbot.waitUntil(lambda: (0, "zh") in heard.speaking, timeout=10_000)
    qtbot.waitUntil(lambda: (1, "zh") in heard.speaking, timeout=30_000)  # and on it goes
    assert heard.speaking.index((0, "zh")) < heard.speaking.index((1, "zh"))


def test_navigating_stops_the_old_screen_and_reads_the_new_one_from_its_top(running, qtbot):
    window = running.window
    open_panel(qtbot, window)
    heard = audio_on(qtbot, window)
    panel_script = list(window.audio.speaker.script)
    window.audio.speaker.previous()
    while_saying(heard, 0, "zh", lambda: tap(window.top_bar.home))
    home_intro = spoken.site_intro(site(window), "zh")
    qtbot.waitUntil(lambda: heard.started[-1][3] == home_intro, timeout=5000)
    first_home = next(i for i, s in enumerate(heard.started) if s[3] == home_intro)
    assert heard.started[first_home][0] == 0
    # The panel was being read when the tap came (its title, or on a slow machine the part
    # after it), and nothing of it is said once home begins.
    assert heard.started[first_home - 1][1] == "zh"
    assert heard.started[first_home - 1][3] in panel_script
    qtbot.wait(300)
    assert not [s for s in heard.started[first_home:] if s[3] in panel_script]
    assert window.audio.speaker.script[0] == home_intro


def site(window):
    return window.ctx.snapshot.site


def test_tapping_a_block_reads_it_and_repeat_says_the_same_part_again(running, qtbot):
    window = running.window
    screen = open_panel(qtbot, window)
    heard = audio_on(qtbot, window)
    block = screen.blocks[1]
    tap(window.audio.bar.buttons["audio_pause"])  # (else the guide reads on and scrolls away)
    screen.go_to_chapter(1)
    QApplication.processEvents()
    words = spoken.block_words(block.block, "zh", window.ctx.chrome)
    before = len(heard.started)
    tap(block, QPoint(40, 40))
    qtbot.waitUntil(lambda: any(s[3] == words for s in heard.started[before:]), timeout=5000)
    assert heard.started[before][:2] == (2, "zh")  # the block tapped: part 2 (the title is 0)
    qtbot.waitUntil(lambda: (2, "zh") in heard.speaking, timeout=5000)  # and the engine says it
    tap(window.audio.bar.buttons["audio_pause"])
    assert window.audio.speaker.paused
    part = window.audio.speaker.index
    assert (
        window.audio.bar.status.full_text() == f"第 {part + 1} 段，共 {len(screen.blocks) + 1} 段"
    )
    before = len(heard.started)
    tap(window.audio.bar.buttons["audio_repeat"])
    qtbot.waitUntil(lambda: len(heard.started) > before, timeout=5000)
    assert heard.started[before][0] == part  # the same part, again


def test_pause_silences_and_next_previous_and_resume_are_heard(running, qtbot):
    window = running.window
    open_panel(qtbot, window, 1)
    heard = audio_on(qtbot, window)
    bar = window.audio.bar.buttons
    speaker = window.audio.speaker
    tap(bar["audio_pause"])
    assert speaker.paused and bar["audio_pause"].text() == "继续"
    paused_at, said = speaker.index, len(heard.speaking)
    qtbot.wait(400)
    assert len(heard.speaking) == said  # silent while paused
    tap(bar["audio_next"])  # a move plays again, from the next part: and the engine says it
    qtbot.waitUntil(lambda: heard.speaking[-1] == (paused_at + 1, "zh"), timeout=5000)
    assert not speaker.paused and bar["audio_pause"].text() == "暂停"
    tap(bar["audio_pause"])
    tap(bar["audio_previous"])
    qtbot.waitUntil(lambda: heard.speaking[-1] == (paused_at, "zh"), timeout=5000)
    tap(bar["audio_pause"])
    said = len(heard.speaking)
    tap(bar["audio_pause"])  # Resume: the same part again, from its start
    qtbot.waitUntil(lambda: len(heard.speaking) > said, timeout=5000)
    assert heard.speaking[said] == (paused_at, "zh")


def test_the_volume_steps_and_is_back_to_the_sites_after_the_session(running, qtbot):
    window = running.window
    heard = audio_on(qtbot, window)
    engine = window.audio.speaker.engine()
    default = site(window).accessibility.volume
    qtbot.waitUntil(lambda: engine.volume() == pytest.approx(default, abs=0.01))
    tap(window.audio.bar.buttons["audio_louder"])
    tap(window.audio.bar.buttons["audio_louder"])  # (already at the top: stays)
    qtbot.waitUntil(lambda: engine.volume() == pytest.approx(VOLUME_STEPS[-1], abs=0.01))
    assert window.audio.bar.volume.text() == f"{len(VOLUME_STEPS)}/{len(VOLUME_STEPS)}"
    for _ in range(3):
        tap(window.audio.bar.buttons["audio_quieter"])
    qtbot.waitUntil(lambda: engine.volume() == pytest.approx(VOLUME_STEPS[1], abs=0.01))
    assert heard.started
    running.controller.idle.end_session()  # what "Start over" does
    qtbot.waitUntil(lambda: engine.volume() == pytest.approx(default, abs=0.01))
    assert not window.audio.on and not window.audio.bar.isVisible()
    assert window.top_bar.audio.property("selected") is False


def test_audio_mode_gives_more_time_and_reading_keeps_the_countdown_away(running, qtbot):
    window = running.window
    idle = running.controller.idle
    audio_on(qtbot, window)
    assert idle.assisted
    tap(window.audio.bar.buttons["audio_stop"])
    assert not window.audio.on and not idle.assisted


def test_the_keypad_turns_audio_on_and_a_key_move_says_the_control(running, qtbot):
    window = running.window
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_F2)
    heard = Heard(window.audio)
    qtbot.waitUntil(lambda: window.audio.speaker.index >= 0, timeout=ENGINE_START_MS)
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Tab)
    QApplication.processEvents()
    control = window.keypad.current()
    assert control is not None
    qtbot.waitUntil(
        lambda: bool(heard.started) and heard.started[-1][3] == control.accessibleName()
    )
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_F2)
    assert not window.audio.on


def test_a_language_with_no_voice_says_so_on_the_bar(running, qtbot, monkeypatch):
    voices_for = spoken.voices_for  # a kiosk with no Chinese voice installed
    monkeypatch.setattr(
        spoken, "voices_for", lambda lang, site: () if lang == "zh" else voices_for(lang, site)
    )
    window = running.window
    tap(window.top_bar.audio)
    qtbot.waitUntil(lambda: bool(window.audio.problem), timeout=ENGINE_START_MS)
    assert window.audio.bar.status.full_text() == "本机没有中文语音，请联系工作人员"
    tap(window.top_bar.languages["en"])  # English has a voice: reading starts
    qtbot.waitUntil(lambda: window.audio.speaker.index >= 0 or not window.audio.problem)
    assert window.audio.problem == ""


def test_every_block_and_card_has_a_name_and_description_in_both_languages(running, qtbot):
    window = running.window
    for panel_id in window.ctx.snapshot.site.panels:
        window.show_panel(panel_id)
    parts = [w for s in (window.home, *window.panels.values()) for w, _ in s.spoken_parts()]
    for lang in ("zh", "en"):
        window.ctx.set_language(lang)
        for screen in (window.home, *window.panels.values()):
            for widget, words in screen.spoken_parts():
                if widget in window.home.tiles or widget is window.home.title:
                    assert widget.accessibleName() or widget.text()
                    continue
                assert widget.accessibleName().strip(), (lang, type(widget).__name__)
                assert widget.accessibleDescription() == " ".join(words(lang).split())
                # and so the accessibility tree says, as a screen reader reads it
                node = QAccessible.queryAccessibleInterface(widget)
                assert node.text(QAccessible.Text.Name) == widget.accessibleName()
                assert node.text(QAccessible.Text.Description) == widget.accessibleDescription()
    assert len(parts) > 20


def test_starting_the_kiosk_does_not_load_text_to_speech():
    code = (
        "import sys, pathlib\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from kiosk.content.loader import load_content\n"
        "from kiosk.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        "w = MainWindow(load_content(pathlib.Path('content')).content)\n"
        "w.resize(1920, 1080); w.show(); app.processEvents()\n"
        "print('QtTextToSpeech' in ' '.join(sys.modules))\n"
    )
    env_run = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert env_run.returncode == 0, env_run.stderr  # (it once dumped a core at exit)
    assert env_run.stdout.strip().splitlines()[-1] == "False", env_run.stderr


def test_after_an_operators_save_the_guide_still_reads_and_switches_language(running, qtbot):
    window = running.window
    window.set_content(window.ctx.snapshot)  # (what a reload does: every screen rebuilt)
    open_panel(qtbot, window)
    heard = audio_on(qtbot, window)
    tap(window.top_bar.languages["en"])  # no slot of the old bar may run (pytest-qt fails it)
    qtbot.waitUntil(lambda: any(s[1] == "en" for s in heard.started), timeout=5000)
    assert window.audio.bar.isVisible()
    assert window.audio.bar.buttons["audio_next"].accessibleName() == "Next"


def test_a_hung_speech_dispatcher_does_not_freeze_the_screen(running, qtbot, tmp_path, monkeypatch):
    # A server that takes the connection and never answers (seen: one whose sound broke).
    path = tmp_path / "hung.sock"
    hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    hung.bind(str(path))
    hung.listen(8)
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
    window = running.window
    try:
        started = time.monotonic()
        tap(window.top_bar.audio)
        assert window.audio.bar.isVisible()
        qtbot.waitUntil(lambda: bool(window.audio.problem), timeout=10_000)
        assert time.monotonic() - started < 6  # the probe's 2 s, not forever
        assert window.audio.bar.status.full_text() == "语音暂时无法使用，请联系工作人员"
        tap(window.top_bar.languages["en"])  # and the kiosk goes on
        assert window.ctx.lang == "en"
        assert window.audio.bar.status.full_text().startswith("Speech is not working just now")
    finally:
        hung.close()


def test_a_speech_dispatcher_that_stops_answering_mid_visit_costs_the_voice_not_the_screen(
    running, qtbot, speech, monkeypatch
):
    """A server that answered, then hung while the kiosk read (seen: its sound output broke;
    a stopped process answers just as little): the visitor's next tap is served at once, the
    bar soon says speech is not working, and the kiosk goes on."""
    window = running.window
    open_panel(qtbot, window)
    audio_on(qtbot, window)
    server = speech.process.pid
    os.kill(server, signal.SIGSTOP)
    # A hang would end when this lets the server go on: another process, since a frozen
    # kiosk holds Python's lock and no thread of this one would run.
    let_go = subprocess.Popen(["sh", "-c", f"sleep 15; kill -CONT {server}"])
    try:
        tap(window.top_bar.home)  # the new screen stops the old one's voice
        assert let_go.poll() is None, "the tap waited for the hung server"
        assert window.current_panel_id() is None
        unavailable = "语音暂时无法使用，请联系工作人员"
        qtbot.waitUntil(lambda: window.audio.bar.status.full_text() == unavailable, timeout=10_000)
        assert let_go.poll() is None  # (found out by itself, not because the server came back)
        tap(window.top_bar.languages["en"])
        assert window.ctx.lang == "en"
        open_panel(qtbot, window, 1)  # taps still work; the voice is not asked again
        assert let_go.poll() is None
        assert window.audio.bar.status.full_text().startswith("Speech is not working just now")
        # When the kiosk is asked to stop, it leaves without deleting the stuck engine (whose
        # destructor would wait for the server): it stops, and the service manager restarts it.
        from kiosk.commands import run

        left: list[int] = []
        monkeypatch.setattr(run.os, "_exit", left.append)
        run._leave_if_speech_hung(75)
        assert left == [75]
    finally:
        let_go.kill()
        let_go.wait()
        os.kill(server, signal.SIGCONT)


def test_a_speech_dispatcher_that_dies_mid_visit_costs_the_voice_not_the_kiosk(
    running, qtbot, monkeypatch
):
    """A server that crashed or was killed while the kiosk read: the next call would make
    libspeechd read an answer that is not there and take the kiosk down with it (seen). The
    engine is left instead: the tap is served and the bar says speech is not working."""
    from tests.speech_server import SpeechServer

    own = SpeechServer()  # (not the session's: this one is killed)
    assert own.start(), own.problem
    monkeypatch.setenv("SPEECHD_ADDRESS", own.address)
    try:
        window = running.window
        open_panel(qtbot, window)
        heard = audio_on(qtbot, window)
        assert window.audio.speaker.speaking()
        own.process.kill()
        own.process.wait()
        said = len(heard.started)
        tap(window.audio.bar.buttons["audio_next"])  # the next part: nothing can say it
        assert len(heard.started) == said and not window.audio.speaker.speaking()
        unavailable = "语音暂时无法使用，请联系工作人员"
        assert window.audio.bar.status.full_text() == unavailable
        tap(window.top_bar.home)
        assert window.current_panel_id() is None
        open_panel(qtbot, window, 1)  # and the kiosk goes on
        assert window.audio.bar.status.full_text() == unavailable
    finally:
        own.stop()
