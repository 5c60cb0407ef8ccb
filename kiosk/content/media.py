"""Video files and their captions (WebVTT, SRT), checked before the kiosk plays them. Qt-free.

Captions are parsed by hand rather than by the player so that every problem has a line of
the file; a bad cue is skipped and the others are kept. A video is judged by its content and
by the headers of its top-level boxes, never by reading the video itself.
"""

from __future__ import annotations

import os
import re
import struct
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kiosk.content.files import (
    UnsafeFile,
    closest_file,
    inside,
    open_regular,
    read_inside,
)

MAX_CAPTION_BYTES = 2 * 2**20
MAX_VIDEO_BYTES = 2 * 2**30
MAX_BOXES = 10_000  # top-level MP4 boxes walked looking for 'moov'
_EBML = b"\x1a\x45\xdf\xa3"
_FORMS = {  # kind: (the example timing line, the separator before the milliseconds)
    "vtt": ("00:01:02.500 --> 00:01:05.000", "."),
    "srt": ("00:01:02,500 --> 00:01:05,000", ","),
}
_STAMP = r"(?:\d+:)?\d{2}:\d{2}[.,]\d{3}"
_TIMING = re.compile(rf"\s*({_STAMP})\s*-->\s*({_STAMP})(?:\s.*)?")
_PARTS = re.compile(r"(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})")
_LIKE_TIME = re.compile(r"\s*\d+:\d{2}[:.,]\d")  # a timing line with its arrow mistyped
_TAG = re.compile(r"<[^<>\n]*>|\{\\[^{}\n]*\}")  # <v Guide>, <b>, <00:01.000>; SRT's {\an8}
_ENTITY = re.compile(r"&(amp|lt|gt|nbsp|quot|apos);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "nbsp": "\u00a0", "quot": '"', "apos": "'"}


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True)
class CaptionProblem:
    line: int  # 1-based line of the caption file; 0 for the file as a whole
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Captions:
    cues: tuple[Cue, ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _longest: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        cues = tuple(sorted(self.cues, key=lambda cue: cue.start_ms))  # stable: file order
        object.__setattr__(self, "cues", cues)
        object.__setattr__(self, "_starts", tuple(cue.start_ms for cue in cues))
        longest = max((cue.end_ms - cue.start_ms for cue in cues), default=0)
        object.__setattr__(self, "_longest", longest)

    def at(self, ms: int) -> str:
        """The text of every cue showing at `ms`, one after another; "" if none.

        Only cues starting within the longest cue's length before `ms` can still be showing."""
        low = bisect_right(self._starts, ms - self._longest)
        high = bisect_right(self._starts, ms)
        return "\n".join(cue.text for cue in self.cues[low:high] if ms < cue.end_ms)


def caption_kind(name: str) -> str | None:
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    return {".vtt": "vtt", ".srt": "srt"}.get(suffix)


def parse_captions(text: str, kind: str) -> tuple[Captions, list[CaptionProblem]]:
    """The cues of a WebVTT ("vtt") or SRT ("srt") text, and its problems in line order."""
    if kind not in _FORMS:
        raise ValueError(f"caption kind must be 'vtt' or 'srt', not {kind!r}")
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    problems: list[CaptionProblem] = []
    todo = _blocks(lines)
    if kind == "vtt" and not re.match(r"WEBVTT(?:[ \t]|$)", lines[0]):
        problems.append(
            CaptionProblem(
                1,
                f"the first line must be WEBVTT, found {_quote(lines[0])}",
                "add a line WEBVTT at the top (SRT captions must be in a file named .srt)",
            )
        )
    elif kind == "vtt":
        header = todo.pop(0)[1]  # WEBVTT and lines such as 'Kind: captions'
        arrow = next((i for i, line in enumerate(header[1:], 1) if "-->" in line), None)
        if arrow is not None:
            problems.append(_no_blank_line(arrow + 1))
            todo.insert(0, (arrow, header[arrow:]))
    cues: list[Cue] = []
    while todo:
        start, block = todo.pop(0)
        if kind == "vtt" and re.match(r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)", block[0]):
            continue
        timing = _timing_index(block)
        if timing is None:
            problems.append(
                CaptionProblem(
                    start + 1,
                    f"text outside a cue: {_quote(block[0])}; each cue starts with a timing "
                    f"line such as '{_FORMS[kind][0]}'",
                    "a blank line ends a cue: remove blank lines inside a cue's text, or add "
                    "the timing line above this text",
                )
            )
            continue
        arrow = next((i for i in range(timing + 1, len(block)) if "-->" in block[i]), None)
        if arrow is not None:  # the next cue, without the blank line before it
            if arrow - 1 > timing and block[arrow - 1].strip().isdigit():
                arrow -= 1  # its SRT number
            problems.append(_no_blank_line(start + arrow + 1))
            todo.insert(0, (start + arrow, block[arrow:]))
            block = block[:arrow]
        cue = _cue(block[timing], block[timing + 1 :], start + timing + 1, kind)
        if isinstance(cue, CaptionProblem):
            problems.append(cue)
            continue
        if cues and cue.start_ms < cues[-1].start_ms:
            problems.append(
                CaptionProblem(
                    start + timing + 1,
                    f"this cue starts at {_clock(cue.start_ms)}, before the cue above it "
                    f"(at {_clock(cues[-1].start_ms)})",
                    "put cues in time order",
                )
            )
        cues.append(cue)
    if not cues and not problems:
        example = _FORMS[kind][0]
        hint = f"add cues: each a timing line such as '{example}' and its text below it"
        problems.append(CaptionProblem(0, "there are no cues, so no captions would show", hint))
    problems.sort(key=lambda problem: problem.line)
    return Captions(tuple(cues)), problems


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """(0-based index of its first line, lines) for every run of lines between blank lines."""
    blocks: list[tuple[int, list[str]]] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if i and lines[i - 1].strip():
            blocks[-1][1].append(line)
        else:
            blocks.append((i, [line]))
    return blocks


def _timing_index(block: list[str]) -> int | None:
    """Where the timing line is: first, or after a cue identifier (an SRT number)."""
    arrow = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
    if arrow is not None:
        return arrow
    return next((i for i, line in enumerate(block[:2]) if _LIKE_TIME.match(line)), None)


def _cue(timing: str, text: list[str], line: int, kind: str) -> Cue | CaptionProblem:
    """The cue of a timing line and the text below it, or why it cannot be shown."""
    example, separator = _FORMS[kind]
    match = _TIMING.fullmatch(timing)
    if not match:
        hours = " (the hours may be left out: 01:02.500)" if kind == "vtt" else ""
        return CaptionProblem(
            line,
            f"this timing line does not parse: found {_quote(timing)}; expected the form "
            f"'{example}' (start --> end)",
            f"write each time as hours:minutes:seconds{separator}milliseconds, with two digits "
            f"for minutes and seconds and three for milliseconds{hours}",
        )
    (start, too_big), (end, too_big_end) = (_milliseconds(stamp) for stamp in match.groups())
    if too_big or too_big_end:
        stamp, ms = (match[1], start) if too_big else (match[2], end)
        return CaptionProblem(
            line,
            f"{stamp!r} has {too_big or too_big_end}; minutes and seconds go from 00 to 59",
            f"write it as '{_clock(ms, stamp[-4])}'",
        )
    if end <= start:
        return CaptionProblem(
            line,
            f"this cue ends at {match[2]}, which is not after its start at {match[1]}",
            "check the times: the end must be later than the start",
        )
    plain = _plain(text)
    if not plain:
        return CaptionProblem(
            line,
            f"the cue at {match[1]} has no text",
            "write its text on the lines below the timing line, or remove the cue",
        )
    return Cue(start, end, plain)


def _milliseconds(stamp: str) -> tuple[int, str]:
    """The time in ms, and what is out of range ('75 seconds'), if anything."""
    hours, minutes, seconds, ms = (int(part or 0) for part in _PARTS.findall(stamp)[0])
    too_big = f"{minutes} minutes" if minutes >= 60 else ""
    too_big = too_big or (f"{seconds} seconds" if seconds >= 60 else "")
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms, too_big


def _plain(lines: list[str]) -> str:
    """Cue text without its tags and with its entities decoded, one line per line."""
    plain = (_ENTITY.sub(lambda m: _ENTITIES[m[1]], _TAG.sub("", line)).strip() for line in lines)
    return "\n".join(line for line in plain if line)


def _clock(ms: int, separator: str = ".") -> str:
    seconds, ms = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02}:{minutes:02}:{seconds:02}{separator}{ms:03}"


def _quote(line: str, width: int = 60) -> str:
    line = line.strip()
    return repr(line if len(line) <= width else line[: width - 1] + "…")


def _no_blank_line(line: int) -> CaptionProblem:
    return CaptionProblem(
        line,
        "a new cue starts here without a blank line before it",
        "add a blank line above this cue",
    )


def read_caption_file(
    root: Path, relative: str, max_bytes: int = MAX_CAPTION_BYTES
) -> tuple[Captions | None, list[CaptionProblem]]:
    """The captions in `root/relative`, or None if the file cannot be used, and its problems."""

    def refuse(message: str, hint: str = "", line: int = 0) -> tuple[None, list[CaptionProblem]]:
        return None, [CaptionProblem(line, message, hint)]

    trouble = _path_trouble(root, relative, "caption")
    if trouble:
        return refuse(*trouble)
    kind = caption_kind(relative)
    if kind is None:
        return refuse(
            f"{relative!r} is not a caption file: its name must end in .vtt (WebVTT) or .srt",
            "save the captions as WebVTT (.vtt) or SubRip (.srt)",
        )
    try:
        data = read_inside(root, relative, max_bytes)
    except UnsafeFile as error:
        return refuse(f"{relative!r} {error}")
    except OSError as error:
        return refuse(f"caption file {relative!r} cannot be read ({error.strerror or error})")
    if len(data) > max_bytes:
        return refuse(
            f"{relative!r} is larger than {_size(max_bytes)}, far larger than captions are",
            "check that this is the caption file and not the video",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return refuse(
            f"{relative!r} is not valid UTF-8: byte 0x{data[error.start]:02x} at line {line}, "
            f"byte {column} of that line",
            "save the file as UTF-8",
            line,
        )
    if not text.strip():
        return refuse(f"{relative!r} is empty", "export the captions again")
    return parse_captions(text, kind)


def video_kind(head: bytes) -> str | None:
    if head[4:8] == b"ftyp":  # ISO base media: .mp4, .m4v and .mov alike
        return "MP4"
    if head.startswith(_EBML):
        if b"webm" in head[:64]:
            return "WebM"
        if b"matroska" in head[:64]:
            return "Matroska"
    return None


def check_video(
    root: Path, relative: str, max_bytes: int = MAX_VIDEO_BYTES
) -> tuple[str, str] | None:
    """Why `relative` is not a playable video inside `root` (message, suggestion), or None."""
    if not relative:
        return None  # the schema reports empty paths
    trouble = _path_trouble(root, relative, "video")
    if trouble:
        return trouble
    try:
        fd = open_regular(inside(root, relative))
        try:
            size = os.fstat(fd).st_size
            head = _read_at(fd, 0, 64)
            indexed = video_kind(head) != "MP4" or _has_moov(fd, size)
        finally:
            os.close(fd)
    except UnsafeFile as error:
        return f"{relative!r} {error}", ""
    except OSError as error:
        return f"video {relative!r} cannot be read ({error.strerror or error})", ""
    if not head:
        return f"{relative!r} is empty; export the video again", ""
    if video_kind(head) is None:
        return (
            f"{relative!r} is not an MP4 or WebM video (judged by its content, not its name); "
            "export it as H.264/AAC MP4",
            "",
        )
    if size > max_bytes:
        return (
            f"{relative!r} is larger than {_size(max_bytes)}; export it smaller, at a lower "
            "bitrate or resolution",
            "",
        )
    if not indexed:
        return (
            f"{relative!r} is an MP4 without its index ('moov'): the export did not finish, "
            "or the file was cut off; export it again",
            "",
        )
    return None


def _has_moov(fd: int, size: int) -> bool:
    """Whether the top-level boxes hold a whole 'moov', reading their headers only."""
    offset = 0
    for _ in range(MAX_BOXES):
        header = _read_at(fd, offset, 16)
        if len(header) < 8:
            return False
        length, name = struct.unpack(">I4s", header[:8])
        header_length = 8
        if length == 1 and len(header) == 16:  # a 64-bit size follows the name
            length, header_length = struct.unpack(">Q", header[8:])[0], 16
        elif length == 0:  # the last box: it runs to the end of the file
            length = size - offset
        if length < header_length:
            return False  # a broken header: the boxes after it cannot be found
        if name == b"moov":
            return offset + length <= size
        offset += length
    return False


def _read_at(fd: int, offset: int, count: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, count)


def _path_trouble(root: Path, relative: str, what: str) -> tuple[str, str] | None:
    """The path problems of a video or caption file, before it is opened."""
    example = "videos/tour.mp4" if what == "video" else "videos/tour.en.vtt"
    if not relative:
        return f"no {what} file given", f"give its path in the content folder, like {example!r}"
    if relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", relative):
        return (
            f"{relative!r} is an absolute path; give a path inside the content folder "
            f"like {example!r}",
            "",
        )
    if ".." in PurePosixPath(relative.replace("\\", "/")).parts:
        return f"{relative!r} leaves the content folder ('..'); keep {what} files inside it", ""
    try:
        inside(root, relative)
    except UnsafeFile as error:
        return f"{relative!r} {error}", ""
    full = root / relative
    if not full.exists():
        close = closest_file(root, relative)
        return f"{what} file {relative!r} not found", f"did you mean '{close}'?" if close else ""
    if full.is_dir():
        return f"{relative!r} is a folder, not a {what} file", ""
    return None


def _size(count: int) -> str:
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if count >= scale:
            return f"{count / scale:.3g} {unit}"
    return f"{count} bytes"
