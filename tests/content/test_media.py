"""Videos and their captions, as the operator meets them: the caption text shown at a given
moment, every caption problem at its line of the file, and videos refused by their content."""

from __future__ import annotations

import os
import random
import struct
import threading
from pathlib import Path

import pytest

from kiosk.content.files import fingerprint
from kiosk.content.media import (
    Captions,
    Cue,
    caption_kind,
    check_video,
    parse_captions,
    read_caption_file,
    video_kind,
)

TOUR_VTT = """\ufeffWEBVTT
Kind: captions
Language: en

NOTE
Exported from the visitor-centre editor.
Ask Li Wei before changing the wording.

STYLE
::cue { color: yellow }

intro
00:00.500 --> 00:03.000 align:start position:10%
<v Guide>Welcome to <b>Beijing E-Town</b>!

00:02.000 --> 00:05.000
<i>[music]</i>

00:01:05.250 --> 00:01:08.000
Research &amp; Development &lt;R&amp;D&gt;
<c.yellow>is  here</c>

NOTE a one-line note between cues

3
00:01:10.000 --> 00:01:12.000
Karaoke <00:01:10.500>timed <00:01:11.000>words
"""

TOUR_SRT = (
    "1\r\n"
    "00:00:01,000 --> 00:00:04,000\r\n"
    "Hello, <i>visitors</i>.\r\n"
    "Second line.\r\n"
    "\r\n"
    "2\r\n"
    "00:00:03.500 --> 00:00:06,000\r\n"
    "{\\an8}Above:&nbsp;the map\r\n"
    "\r\n"
    "3\r\n"
    "01:00:00,000 --> 01:00:02,000 X1:10 X2:100 Y1:10 Y2:50\r\n"
    "An hour in\r\n"
)


def vtt(*blocks: str) -> str:
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def parsed(text: str, kind: str = "vtt"):
    captions, problems = parse_captions(text, kind)
    return captions, [(p.line, p.message, p.hint) for p in problems]


# --- what is shown when ---------------------------------------------------------------------


def test_webvtt_text_at_each_moment_without_tags_and_with_entities_decoded():
    captions, problems = parsed(TOUR_VTT)
    assert problems == []
    assert captions.at(0) == ""
    assert captions.at(500) == "Welcome to Beijing E-Town!"
    assert captions.at(2500) == "Welcome to Beijing E-Town!\n[music]"  # overlapping cues
    assert captions.at(3000) == "[music]"  # a cue ends just before its end time
    assert captions.at(5000) == ""
    assert captions.at(66_000) == "Research & Development <R&D>\nis  here"
    assert captions.at(71_000) == "Karaoke timed words"
    assert len(captions.cues) == 4


def test_srt_text_at_each_moment_with_crlf_dot_milliseconds_and_hours():
    captions, problems = parsed(TOUR_SRT, "srt")
    assert problems == []
    assert captions.at(1000) == "Hello, visitors.\nSecond line."
    assert captions.at(3700) == "Hello, visitors.\nSecond line.\nAbove:\u00a0the map"
    assert captions.at(5999) == "Above:\u00a0the map"
    assert captions.at(3_601_000) == "An hour in"
    assert captions.cues[-1] == Cue(3_600_000, 3_602_000, "An hour in")


def test_an_entity_is_decoded_once():
    captions, _ = parsed(vtt("00:01.000 --> 00:02.000\nR&amp;amp;D &copy;"))
    assert captions.at(1000) == "R&amp;D &copy;"


def test_at_agrees_with_every_cue_among_thousands_including_a_long_one():
    rng = random.Random(7)
    cues = [Cue(0, 3_600_000, "chapter")]
    for _ in range(3000):
        start = rng.randrange(0, 3_600_000)
        cues.append(Cue(start, start + rng.randrange(1, 8000), f"cue {start}"))
    captions = Captions(tuple(reversed(cues)))
    ordered = sorted(reversed(cues), key=lambda cue: cue.start_ms)
    for ms in [rng.randrange(0, 3_700_000) for _ in range(300)]:
        expected = "\n".join(cue.text for cue in ordered if cue.start_ms <= ms < cue.end_ms)
        assert captions.at(ms) == expected


def test_no_cues_shows_nothing():
    assert Captions(()).at(1000) == ""


@pytest.mark.parametrize(
    ("name", "kind"),
    [("videos/tour.en.vtt", "vtt"), ("Tour.EN.VTT", "vtt"), ("a.srt", "srt"), ("a.txt", None)],
)
def test_caption_kind_by_suffix(name, kind):
    assert caption_kind(name) == kind


# --- problems, each at its line ------------------------------------------------------------


def test_missing_webvtt_line_is_reported_at_line_1_and_the_cues_still_read():
    captions, problems = parsed("00:01.000 --> 00:02.000\nHello\n")
    assert problems == [
        (
            1,
            "the first line must be WEBVTT, found '00:01.000 --> 00:02.000'",
            "add a line WEBVTT at the top (SRT captions must be in a file named .srt)",
        )
    ]
    assert captions.at(1500) == "Hello"


def test_bad_timing_line_shows_what_was_found_and_the_expected_form_and_the_next_cue_is_kept():
    captions, problems = parsed(vtt("00:01.5 --> 00:03.000\nLost", "00:04.000 --> 00:05.000\nKept"))
    assert len(problems) == 1
    line, message, hint = problems[0]
    assert line == 3
    assert "found '00:01.5 --> 00:03.000'" in message
    assert "'00:01:02.500 --> 00:01:05.000'" in message
    assert "three for milliseconds" in hint
    assert captions.at(2000) == ""
    assert captions.at(4500) == "Kept"


def test_srt_bad_timing_line_shows_the_srt_form():
    _, problems = parsed("1\n00:00:01,000 -> 00:00:02,000\nHello\n", "srt")
    assert [(line, "'00:01:02,500 --> 00:01:05,000'" in m) for line, m, _ in problems] == [
        (2, True)
    ]


def test_end_not_after_start():
    _, problems = parsed(vtt("Hello", "00:07.000 --> 00:05.000\nBackwards"))
    assert problems[1][0] == 5
    assert problems[1][1] == "this cue ends at 00:05.000, which is not after its start at 00:07.000"


@pytest.mark.parametrize(
    ("timing", "what", "written"),
    [
        ("00:75.000 --> 00:80.000", "75 seconds", "00:01:15.000"),
        ("00:61:00.000 --> 00:62:00.000", "61 minutes", "01:01:00.000"),
    ],
)
def test_minutes_or_seconds_of_60_or_more_with_the_time_written_properly(timing, what, written):
    captions, problems = parsed(vtt(f"{timing}\nToo late"))
    assert [(line, what in message, hint) for line, message, hint in problems] == [
        (3, True, f"write it as '{written}'")
    ]
    assert captions.cues == ()


def test_cue_without_text_is_skipped():
    captions, problems = parsed(vtt("00:01.000 --> 00:02.000", "00:03.000 --> 00:04.000\nHi"))
    assert problems == [
        (
            3,
            "the cue at 00:01.000 has no text",
            "write its text on the lines below the timing line, or remove the cue",
        )
    ]
    assert [cue.text for cue in captions.cues] == ["Hi"]


def test_cue_out_of_time_order_is_kept_and_reported():
    captions, problems = parsed(
        vtt("00:05.000 --> 00:06.000\nLater", "00:01.000 --> 00:02.000\nEarly")
    )
    assert [(line, hint) for line, _, hint in problems] == [(6, "put cues in time order")]
    assert "starts at 00:00:01.000, before the cue above it" in problems[0][1]
    assert captions.at(1500) == "Early"


def test_text_outside_a_cue_says_a_blank_line_ends_a_cue():
    captions, problems = parsed(vtt("00:01.000 --> 00:03.000\nFirst line", "second line?"))
    assert len(problems) == 1
    line, message, hint = problems[0]
    assert line == 6
    assert message.startswith("text outside a cue: 'second line?'")
    assert "a blank line ends a cue" in hint
    assert captions.at(2000) == "First line"


def test_a_cue_without_a_blank_line_before_it_is_read_as_its_own_cue():
    text = "1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:02,000 --> 00:00:03,000\nTwo\n"
    captions, problems = parsed(text, "srt")
    assert problems == [
        (
            4,
            "a new cue starts here without a blank line before it",
            "add a blank line above this cue",
        )
    ]
    assert (captions.at(1500), captions.at(2500)) == ("One", "Two")


def test_a_cue_right_under_the_webvtt_line_is_read():
    captions, problems = parsed("WEBVTT\n00:01.000 --> 00:02.000\nHello\n")
    assert [line for line, _, _ in problems] == [2]
    assert captions.at(1000) == "Hello"


def test_several_problems_each_at_its_line_in_order():
    text = vtt(
        "00:01.000 --> 00:02.000\nOne",  # line 3
        "00:02 --> 00:03.000\nBad",  # line 6
        "00:04.000 --> 00:03.000\nBackwards",  # line 9
        "00:05.000 --> 00:06.000\nFive",  # line 12
    )
    captions, problems = parsed(text)
    assert [line for line, _, _ in problems] == [6, 9]
    assert [cue.text for cue in captions.cues] == ["One", "Five"]


def test_a_file_with_no_cues_says_so():
    _, problems = parsed("WEBVTT\n\nNOTE nothing yet\n")
    assert problems == [
        (
            0,
            "there are no cues, so no captions would show",
            "add cues: each a timing line such as '00:01:02.500 --> 00:01:05.000' and its text "
            "below it",
        )
    ]


# --- caption files --------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path) -> Path:
    folder = tmp_path / "content"
    (folder / "videos").mkdir(parents=True)
    (folder / "videos" / "tour.en.vtt").write_text(TOUR_VTT, encoding="utf-8")
    return folder


def read_within(root: Path, relative: str, seconds: float = 5.0, **kwargs):
    """read_caption_file in a thread; fails the test instead of hanging if it blocks."""
    box: dict = {}
    worker = threading.Thread(
        target=lambda: box.update(result=read_caption_file(root, relative, **kwargs)),
        daemon=True,
    )
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"reading {relative} blocked"
    return box["result"]


def only_problem(result):
    captions, problems = result
    assert captions is None and len(problems) == 1, problems
    return problems[0].line, problems[0].message, problems[0].hint


def test_caption_file_is_read(root):
    captions, problems = read_within(root, "videos/tour.en.vtt")
    assert problems == []
    assert captions.at(500) == "Welcome to Beijing E-Town!"


def test_srt_file_is_read(root):
    (root / "videos" / "tour.zh.srt").write_bytes(TOUR_SRT.encode("utf-8"))
    captions, problems = read_within(root, "videos/tour.zh.srt")
    assert problems == [] and captions.at(3_601_000) == "An hour in"


def test_missing_caption_file_suggests_the_closest(root):
    assert only_problem(read_within(root, "videos/tuor.en.vtt")) == (
        0,
        "caption file 'videos/tuor.en.vtt' not found",
        "did you mean 'videos/tour.en.vtt'?",
    )
    assert only_problem(read_within(root, "video/tour.en.vtt"))[2] == (
        "did you mean 'videos/tour.en.vtt'?"
    )


def test_caption_link_leaving_the_folder_is_refused_without_naming_its_target(root, tmp_path):
    secret = tmp_path / "private" / "secret.vtt"
    secret.parent.mkdir()
    secret.write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nthe secret\n", encoding="utf-8")
    (root / "videos" / "tour.de.vtt").symlink_to(secret)
    line, message, _ = only_problem(read_within(root, "videos/tour.de.vtt"))
    assert line == 0
    assert message.startswith("'videos/tour.de.vtt' is a link that leads outside the content")
    assert "secret" not in message and "private" not in message


def test_caption_named_pipe_is_refused_without_waiting(root):
    os.mkfifo(root / "videos" / "tour.fr.vtt")
    _, message, _ = only_problem(read_within(root, "videos/tour.fr.vtt"))
    assert message == "'videos/tour.fr.vtt' is a named pipe, not a file; put a real file here"


def test_caption_file_not_utf8_gives_the_line_of_the_bad_byte(root):
    data = b"WEBVTT\n\n00:01.000 --> 00:02.000\nCaf\xe9 du parc\n"
    (root / "videos" / "tour.fr.vtt").write_bytes(data)
    assert only_problem(read_within(root, "videos/tour.fr.vtt")) == (
        4,
        "'videos/tour.fr.vtt' is not valid UTF-8: byte 0xe9 at line 4, byte 4 of that line",
        "save the file as UTF-8",
    )


def test_caption_file_too_large(root):
    _, message, hint = only_problem(read_within(root, "videos/tour.en.vtt", max_bytes=100))
    assert message == "'videos/tour.en.vtt' is larger than 100 bytes, far larger than captions are"
    assert "not the video" in hint
    (root / "videos" / "big.vtt").write_bytes(b"WEBVTT\n\n" + b"x" * 3 * 2**20)
    assert "larger than 2 MB" in only_problem(read_within(root, "videos/big.vtt"))[1]


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n  \n"])
def test_empty_caption_file(root, data):
    (root / "videos" / "tour.fr.vtt").write_bytes(data)
    assert only_problem(read_within(root, "videos/tour.fr.vtt"))[:2] == (
        0,
        "'videos/tour.fr.vtt' is empty",
    )


def test_caption_file_with_another_suffix_is_refused(root):
    (root / "videos" / "tour.en.txt").write_text(TOUR_VTT, encoding="utf-8")
    line, message, hint = only_problem(read_within(root, "videos/tour.en.txt"))
    assert line == 0
    assert message == (
        "'videos/tour.en.txt' is not a caption file: its name must end in .vtt (WebVTT) or .srt"
    )
    assert hint == "save the captions as WebVTT (.vtt) or SubRip (.srt)"


@pytest.mark.parametrize(
    ("relative", "words"),
    [
        ("../tour.en.vtt", "leaves the content folder ('..')"),
        ("/etc/tour.en.vtt", "is an absolute path"),
        ("videos", "is a folder, not a caption file"),
    ],
)
def test_caption_paths_that_cannot_be_used(root, relative, words):
    assert words in only_problem(read_within(root, relative))[1]


def test_caption_problems_in_the_file_come_back_with_the_captions(root):
    (root / "videos" / "tour.fr.vtt").write_text(vtt("00:01.000 --> 00:00.500\nNon"), "utf-8")
    captions, problems = read_within(root, "videos/tour.fr.vtt")
    assert captions == Captions(()) and [p.line for p in problems] == [3]


# --- video files ----------------------------------------------------------------------------


def box(name: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I4s", 8 + len(payload), name) + payload


FTYP = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2avc1mp41")
MOOV = box(b"moov", box(b"mvhd", bytes(100)) + box(b"trak", bytes(300)))
MDAT = box(b"mdat", bytes(5000))
WEBM = bytes.fromhex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104")
MATROSKA = bytes.fromhex("1a45dfa3a34286810142f7810142f2810442f381084282886d6174726f736b61")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(200)


@pytest.fixture
def videos(tmp_path) -> Path:
    folder = tmp_path / "content"
    (folder / "videos").mkdir(parents=True)
    (folder / "videos" / "tour.mp4").write_bytes(FTYP + MOOV + MDAT)
    return folder


def put(root: Path, name: str, data: bytes) -> str:
    (root / "videos" / name).write_bytes(data)
    return f"videos/{name}"


@pytest.mark.parametrize(
    "data",
    [
        FTYP + MOOV + MDAT,
        FTYP + MDAT + MOOV,  # the index at the end, as many editors write it
        FTYP + struct.pack(">I4sQ", 1, b"mdat", 16 + 5000) + bytes(5000) + MOOV,  # 64-bit size
        FTYP + MOOV + struct.pack(">I4s", 0, b"mdat") + bytes(5000),  # last box: to the end
        box(b"ftyp", b"qt  \x00\x00\x02\x00qt  ") + box(b"wide") + MDAT + MOOV,  # a .mov
        WEBM + bytes(100),
        MATROSKA + bytes(100),
    ],
    ids=["moov-first", "moov-last", "64-bit", "size-0", "quicktime", "webm", "matroska"],
)
def test_a_playable_video_passes(videos, data):
    assert check_video(videos, put(videos, "clip.mp4", data)) is None


CUT_OFF = (
    "'videos/clip.mp4' is an MP4 without its index ('moov'): the export did not finish, or "
    "the file was cut off; export it again"
)


@pytest.mark.parametrize(
    "data",
    [
        FTYP + MDAT,  # the export stopped before writing the index
        FTYP + MDAT + MOOV[:200],  # cut off in the middle of the index
        FTYP + box(b"mdat", bytes(5000))[:3000] + MOOV,  # cut off in the video: moov is lost
        FTYP + struct.pack(">I4s", 0, b"mdat") + bytes(100) + MOOV,  # 'to the end' hides it
        FTYP + struct.pack(">I4s", 4, b"free") + MOOV,  # a broken box size
        FTYP + struct.pack(">I4s", 1, b"mdat") + b"\x00\x00",  # a 64-bit size cut off
    ],
    ids=["no-moov", "moov-cut", "mdat-cut", "size-0-first", "broken-size", "cut-64-bit"],
)
def test_an_mp4_without_its_index_is_refused(videos, data):
    assert check_video(videos, put(videos, "clip.mp4", data)) == (CUT_OFF, "")


def test_only_box_headers_are_read_however_large_the_video(videos, monkeypatch):
    path = videos / "videos" / "long.mp4"
    with open(path, "wb") as handle:  # sparse: 1.5 GB of video that takes no space
        handle.write(FTYP + struct.pack(">I4sQ", 1, b"mdat", 16 + 3 * 2**29))
        handle.seek(3 * 2**29, os.SEEK_CUR)
        handle.write(MOOV)
    read = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    assert check_video(videos, "videos/long.mp4") is None
    assert sum(read) < 1000


def test_many_small_boxes_end_the_walk(videos):
    many = FTYP + box(b"free") * 20_000 + MOOV
    assert check_video(videos, put(videos, "clip.mp4", many)) == (CUT_OFF, "")


def test_a_photo_renamed_mp4_is_judged_by_its_content(videos):
    assert check_video(videos, put(videos, "clip.mp4", JPEG)) == (
        "'videos/clip.mp4' is not an MP4 or WebM video (judged by its content, not its name); "
        "export it as H.264/AAC MP4",
        "",
    )


def test_an_empty_video(videos):
    assert check_video(videos, put(videos, "clip.mp4", b"")) == (
        "'videos/clip.mp4' is empty; export the video again",
        "",
    )


def test_a_video_too_large(videos):
    message, _ = check_video(videos, "videos/tour.mp4", max_bytes=1000)
    assert message.startswith("'videos/tour.mp4' is larger than 1000 bytes; export it smaller")


def test_a_video_link_leaving_the_folder_is_refused_without_naming_its_target(videos, tmp_path):
    outside = tmp_path / "private" / "home.mp4"
    outside.parent.mkdir()
    outside.write_bytes(FTYP + MOOV)
    (videos / "videos" / "clip.mp4").symlink_to(outside)
    message, _ = check_video(videos, "videos/clip.mp4")
    assert message.startswith("'videos/clip.mp4' is a link that leads outside the content folder")
    assert "private" not in message


def test_a_missing_video_suggests_the_closest(videos):
    assert check_video(videos, "videos/Tour.mp4") == (
        "video file 'videos/Tour.mp4' not found",
        "did you mean 'videos/tour.mp4'?",
    )
    assert check_video(videos, "videos/nothing-like-it.webm") == (
        "video file 'videos/nothing-like-it.webm' not found",
        "",
    )


def test_a_video_named_pipe_is_refused_without_waiting(videos):
    os.mkfifo(videos / "videos" / "clip.mp4")
    box_: dict = {}
    worker = threading.Thread(
        target=lambda: box_.update(result=check_video(videos, "videos/clip.mp4")), daemon=True
    )
    worker.start()
    worker.join(5)
    assert not worker.is_alive()
    assert box_["result"] == (
        "'videos/clip.mp4' is a named pipe, not a file; put a real file here",
        "",
    )


@pytest.mark.parametrize(
    ("relative", "message"),
    [
        (
            "../tour.mp4",
            "'../tour.mp4' leaves the content folder ('..'); keep video files inside it",
        ),
        ("videos", "'videos' is a folder, not a video file"),
        (
            "C:/videos/tour.mp4",
            "'C:/videos/tour.mp4' is an absolute path; give a path inside the content folder "
            "like 'videos/tour.mp4'",
        ),
    ],
)
def test_video_paths_that_cannot_be_used(videos, relative, message):
    assert check_video(videos, relative) == (message, "")


def test_no_video_path_is_left_to_the_schema(videos):
    assert check_video(videos, "") is None


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (FTYP, "MP4"),
        (WEBM, "WebM"),
        (MATROSKA, "Matroska"),
        (b"\x1a\x45\xdf\xa3" + bytes(60), None),
        (JPEG, None),
        (b"", None),
    ],
)
def test_video_kind(head, kind):
    assert video_kind(head) == kind


def test_video_fingerprint_changes_with_the_file(videos):
    before = fingerprint(videos, "videos/tour.mp4")
    assert before.startswith("videos/tour.mp4:")
    put(videos, "tour.mp4", FTYP + MOOV + MDAT + MDAT)
    assert fingerprint(videos, "videos/tour.mp4") != before
