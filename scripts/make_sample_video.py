"""Make the sample content's videos into content/videos/ with ffmpeg.

The films are placeholders, not footage of Beijing E-Town: slow Ken Burns moves over the
project's own illustrations (drawn by scripts/make_sample_images.py) with crossfades between
them, and for the tour a soft synthesised chord so that there is a sound to mute.

    python3 scripts/make_sample_video.py [--out content/videos] [--size 1280x720] [--seconds 20]

writes
  etown-tour.mp4          the tour: H.264 + AAC, 5 illustrations, --size and --seconds apply
  etown-tour-poster.jpg   the tour's frame at 0.5 s, same size as the tour
  attract-loop.mp4        8 s at 1920x1080, H.264, no sound; its last frame leads smoothly
                          into its first, so it loops without a jump

`--only tour` skips the attract loop (e.g. a benchmark that wants a long 1920x1080 tour in a
temp folder: `--out /tmp/x --size 1920x1080 --seconds 120 --only tour`). The captions
(etown-tour.en.vtt, etown-tour.zh.vtt) are written by hand and timed to the default 20 s tour.

Standard library only; needs the `ffmpeg` program with libx264 (Debian: apt install ffmpeg).
The same ffmpeg build gives the same bytes on every run: no timestamps, fixed encoder threads.
The kiosk and the tests do not need this script.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "content" / "images"
DEFAULT_OUT = ROOT / "content" / "videos"

FPS = 30
TOUR_NAME = "etown-tour.mp4"
POSTER_NAME = "etown-tour-poster.jpg"
ATTRACT_NAME = "attract-loop.mp4"
TOUR_SIZE = (1280, 720)
TOUR_SECONDS = 20.0
TOUR_FADE = 1.0  # seconds of crossfade between two illustrations
POSTER_AT = 0.5  # seconds
ATTRACT_SIZE = (1920, 1080)
ATTRACT_SECONDS = 8.0
ATTRACT_FADE = 1.0
TOUR_CRF = 22
ATTRACT_CRF = 21
POSTER_QSCALE = 4  # ffmpeg's mjpeg scale: 4 is about libjpeg quality 85
ENCODER_THREADS = 4  # fixed: x264's output depends on its thread count
MIN_UPSCALE_WIDTH = 8000  # zoompan crops whole pixels: crop a huge copy so the move is smooth
# zoompan takes another path at exactly 1 (the whole picture, uncut), which shows as a small
# jump between a frame at zoom 1 and the next one: every move stays above it.
MIN_ZOOM = 1.01


@dataclass(frozen=True)
class Shot:
    """One illustration and its slow move.

    `frame` places the output-shaped cut of the picture (before any zoom) as a share of the
    spare width and height: (0.5, 0.5) is the centre, (1, 0.5) the right edge. `zoom` is the
    magnification at the start and at the end. `focus` is the point of the cut that stays put
    while the zoom changes, as shares (0..1) of the room the crop has to move in; it moves from
    the first pair to the second, which pans the view."""

    image: str
    frame: tuple[float, float]
    zoom: tuple[float, float]
    focus: tuple[tuple[float, float], tuple[float, float]]

    def __post_init__(self) -> None:
        if min(self.zoom) < MIN_ZOOM:
            raise ValueError(f"{self.image}: zoom below {MIN_ZOOM}")


# The tour, in the order of its captions (etown-tour.*.vtt):
# land and output, growth, green space, the one-stop counter, talent.
TOUR = (
    Shot("hero-industry.jpg", (0.7, 0.5), (1.01, 1.11), ((0.5, 0.55), (0.7, 0.45))),
    Shot("hero-business.jpg", (0.5, 0.5), (1.15, 1.01), ((0.6, 0.35), (0.45, 0.5))),
    Shot("illustration-lake-park.jpg", (0.5, 0.6), (1.12, 1.12), ((0.15, 0.6), (0.85, 0.45))),
    Shot("illustration-one-stop.jpg", (0.5, 0.5), (1.01, 1.15), ((0.78, 0.72), (0.78, 0.72))),
    Shot("illustration-community.jpg", (0.5, 0.45), (1.15, 1.01), ((0.5, 0.25), (0.5, 0.5))),
)

# The attract loop: OUTER is seen at both ends, INNER in the middle.
ATTRACT_OUTER = "attract-skyline.jpg"
ATTRACT_INNER = Shot("attract-network.jpg", (0.5, 0.5), (1.12, 1.04), ((0.3, 0.4), (0.65, 0.6)))
ATTRACT_OUTER_ZOOM = 0.08  # the outer picture zooms in by this much and back, in one cosine


class Failure(Exception):
    """A problem to report in one line, without a traceback."""


def num(value: float) -> str:
    """A number for an ffmpeg expression: fixed, short, locale-free."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def lerp(a: float, b: float, t: str) -> str:
    """An ffmpeg expression going from a to b as the expression `t` goes from 0 to 1."""
    if a == b:
        return num(a)
    return f"({num(a)}+({num(b - a)})*{t})"


def upscale_size(width: int, height: int) -> tuple[int, int]:
    up_w = max(MIN_UPSCALE_WIDTH, 4 * width)
    up_h = round(up_w * height / width / 2) * 2
    return up_w, up_h


def prepare(index: int, shot_frame: tuple[float, float], size: tuple[int, int]) -> str:
    """Filter text: input `index` cut to the output's shape, enlarged, in BT.709 TV range."""
    width, height = size
    up_w, up_h = upscale_size(width, height)
    fx, fy = shot_frame
    return (
        f"[{index}:v]crop=w='min(iw,ih*{width}/{height})':h='min(ih,iw*{height}/{width})'"
        f":x='(iw-ow)*{num(fx)}':y='(ih-oh)*{num(fy)}',"
        f"scale={up_w}:{up_h}:flags=lanczos:out_color_matrix=bt709:out_range=tv,"
        "format=yuv420p,setsar=1"
    )


def zoompan(zoom: str, fx: str, fy: str, frames: int, size: tuple[int, int]) -> str:
    return (
        f"zoompan=z='{zoom}':x='(iw-iw/zoom)*{fx}':y='(ih-ih/zoom)*{fy}'"
        f":d={frames}:s={size[0]}x{size[1]}:fps={FPS},setsar=1"
    )


def shot_filter(index: int, shot: Shot, frames: int, size: tuple[int, int], label: str) -> str:
    """Filter text for one shot of `frames` frames with a steady (linear) move."""
    t = f"on/{max(frames - 1, 1)}"
    (fx0, fy0), (fx1, fy1) = shot.focus
    move = zoompan(
        lerp(shot.zoom[0], shot.zoom[1], t), lerp(fx0, fx1, t), lerp(fy0, fy1, t), frames, size
    )
    return f"{prepare(index, shot.frame, size)},{move}[{label}]"


def encoder_args(crf: int) -> list[str]:
    return [
        "-c:v", "libx264", "-preset", "slow", "-tune", "animation", "-crf", str(crf),
        "-pix_fmt", "yuv420p",
        "-profile:v", "high", "-g", str(2 * FPS), "-threads", str(ENCODER_THREADS),
        "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
        "-color_range", "tv",
    ]  # fmt: skip


def mp4_args() -> list[str]:
    return ["-movflags", "+faststart", "-map_metadata", "-1", "-fflags", "+bitexact"]


def tour_plan(seconds: float) -> tuple[int, int, int]:
    """(total frames, frames per shot, crossfade frames) for a tour of `seconds`."""
    total = round(seconds * FPS)
    count = len(TOUR)
    fade = min(round(TOUR_FADE * FPS), max(1, total // (2 * count)))
    per_shot = math.ceil((total + (count - 1) * fade) / count)
    return total, per_shot, fade


def shot_starts(seconds: float = TOUR_SECONDS) -> list[float]:
    """When each tour shot begins to fade in (the first at 0), in seconds."""
    _, per_shot, fade = tour_plan(seconds)
    return [k * (per_shot - fade) / FPS for k in range(len(TOUR))]


def chord(seconds: float) -> str:
    """A soft C major chord, slowly breathing, faded in and out; about -21 dB mean and -11 dB peak
    (ffmpeg's volumedetect)."""
    swell = "(0.85+0.15*sin(2*PI*0.2*t))"
    notes = (
        "0.105*sin(2*PI*261.63*t)",
        "0.078*sin(2*PI*329.63*t)",
        "0.063*sin(2*PI*392.00*t)",
        "0.035*sin(2*PI*130.81*t)",
    )
    body = f"{swell}*({'+'.join(notes)})"
    fade_in = min(1.5, seconds / 4)
    fade_out = min(2.5, seconds / 3)
    return (
        f"aevalsrc=exprs='{body}|{body}':s=48000:d={num(seconds)},"
        f"afade=t=in:st=0:d={num(fade_in)},"
        f"afade=t=out:st={num(seconds - fade_out)}:d={num(fade_out)},"
        "aformat=sample_fmts=fltp:channel_layouts=stereo[a]"
    )


def tour_command(
    ffmpeg: str, out: Path, poster: Path, size: tuple[int, int], seconds: float
) -> list[str]:
    total, per_shot, fade = tour_plan(seconds)
    parts = [shot_filter(i, shot, per_shot, size, f"s{i}") for i, shot in enumerate(TOUR)]
    previous = "s0"
    for k in range(1, len(TOUR)):
        offset = k * (per_shot - fade) / FPS
        label = f"x{k}"
        parts.append(
            f"[{previous}][s{k}]xfade=transition=fade:duration={num(fade / FPS)}"
            f":offset={num(offset)}[{label}]"
        )
        previous = label
    poster_frame = min(round(POSTER_AT * FPS), total - 1)
    parts.append(f"[{previous}]trim=end_frame={total},setpts=PTS-STARTPTS,split[v][p]")
    parts.append(
        f"[p]select='eq(n,{poster_frame})',"
        "scale=in_color_matrix=bt709:in_range=tv:out_color_matrix=bt601:out_range=pc,"
        "format=yuvj420p[poster]"
    )
    parts.append(chord(total / FPS))
    inputs: list[str] = []
    for shot in TOUR:
        inputs += ["-i", str(IMAGES / shot.image)]
    return [
        ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *inputs,
        "-filter_complex", ";".join(parts),
        "-map", "[v]", "-map", "[a]", *encoder_args(TOUR_CRF),
        "-c:a", "aac", "-b:a", "96k", "-ar", "48000", "-flags", "+bitexact",
        *mp4_args(), "-t", num(total / FPS), str(out),
        "-map", "[poster]", "-frames:v", "1", "-update", "1", "-c:v", "mjpeg",
        "-q:v", str(POSTER_QSCALE), "-map_metadata", "-1", "-flags", "+bitexact",
        "-fflags", "+bitexact", str(poster),
    ]  # fmt: skip


def attract_command(ffmpeg: str, out: Path) -> list[str]:
    """Outer picture, crossfade to the inner one, crossfade back. The outer one's move is one
    full cosine over the whole loop, so the end runs on into the start with no jump."""
    size = ATTRACT_SIZE
    total = round(ATTRACT_SECONDS * FPS)
    fade = round(ATTRACT_FADE * FPS)
    quarter = total // 4  # outer alone, then fade, inner alone, fade, outer alone
    in_start = quarter  # the inner picture fades in at this frame...
    in_end = total - quarter  # ...and is gone at this one
    head = in_start + fade
    tail_from = in_end - fade
    cosine = f"(1-cos(2*PI*on/{total}))/2"
    outer = zoompan(
        f"{num(MIN_ZOOM)}+{num(ATTRACT_OUTER_ZOOM)}*{cosine}", "0.5", "0.55", total, size
    )
    parts = [
        f"{prepare(0, (0.5, 0.5), size)},{outer},split[o1][o2]",
        f"[o1]trim=end_frame={head},setpts=PTS-STARTPTS[head]",
        f"[o2]trim=start_frame={tail_from},setpts=PTS-STARTPTS[tail]",
        shot_filter(1, ATTRACT_INNER, in_end - in_start, size, "inner"),
        f"[head][inner]xfade=transition=fade:duration={num(fade / FPS)}"
        f":offset={num(in_start / FPS)}[hi]",
        f"[hi][tail]xfade=transition=fade:duration={num(fade / FPS)}"
        f":offset={num(tail_from / FPS)},trim=end_frame={total}[v]",
    ]
    return [
        ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
        "-i", str(IMAGES / ATTRACT_OUTER), "-i", str(IMAGES / ATTRACT_INNER.image),
        "-filter_complex", ";".join(parts), "-map", "[v]", "-an",
        *encoder_args(ATTRACT_CRF), *mp4_args(), str(out),
    ]  # fmt: skip


def find_ffmpeg(given: str | None) -> str:
    wanted = given or os.environ.get("FFMPEG") or "ffmpeg"
    path = shutil.which(wanted)
    if path is None:
        where = "is not an executable file" if os.sep in wanted else "is not on PATH"
        raise Failure(
            f"ffmpeg not found: {wanted} {where}. Install it "
            "(Debian/Ubuntu: sudo apt install ffmpeg) or give its path with --ffmpeg."
        )
    try:
        encoders = subprocess.run(
            [path, "-hide_banner", "-encoders"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise Failure(f"{path} does not run: {error}") from error
    if " libx264 " not in encoders:
        raise Failure(f"{path} has no libx264 encoder; Debian's ffmpeg package has it.")
    return path


def run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"ffmpeg could not make {what}:\n{result.stderr.strip()}")


def describe(ffmpeg: str, path: Path) -> str:
    """'1280x720, 20.00 s, 1.9 MB' (size and duration as ffprobe reads them, if it is there)."""
    size = f"{path.stat().st_size / 1e6:.2f} MB ({path.stat().st_size:,} bytes)"
    ffprobe = shutil.which(str(Path(ffmpeg).with_name("ffprobe"))) or shutil.which("ffprobe")
    if ffprobe is None:
        return size
    probe = subprocess.run(
        [ffprobe, "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=width,height:format=duration", "-of", "default=nw=1:nk=1", str(path)],
        capture_output=True, text=True,
    )  # fmt: skip
    values = probe.stdout.split()
    if probe.returncode != 0 or len(values) < 2:
        return size
    dims = f"{values[0]}x{values[1]}"
    if path.suffix == ".jpg" or len(values) < 3:
        return f"{dims}, {size}"
    try:
        return f"{dims}, {float(values[2]):.2f} s, {size}"
    except ValueError:
        return f"{dims}, {size}"


def part_of(final: Path) -> Path:
    """Where ffmpeg writes `final` until it is complete (same folder, hidden, same suffix)."""
    return final.with_name(f".{final.stem}.part{final.suffix}")


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1920x1080") from None
    if width < 64 or height < 64 or width > 7680 or height > 4320 or width % 2 or height % 2:
        raise argparse.ArgumentTypeError(
            f"{text}: width and height must be even numbers from 64 to 7680x4320"
        )
    return width, height


def parse_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 1 <= seconds <= 3600:
        raise argparse.ArgumentTypeError(f"{text}: give from 1 to 3600 seconds")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    parser.add_argument(
        "--size", type=parse_size, default=TOUR_SIZE, metavar="WxH",
        help="size of the tour and its poster (default 1280x720)",
    )  # fmt: skip
    parser.add_argument(
        "--seconds", type=parse_seconds, default=TOUR_SECONDS, metavar="N",
        help="length of the tour (default 20; the captions are timed to 20)",
    )  # fmt: skip
    parser.add_argument(
        "--only", choices=("tour", "attract"), help="make only the tour (with its poster) "
        "or only the attract loop",
    )  # fmt: skip
    parser.add_argument("--ffmpeg", help="the ffmpeg program to run (default: ffmpeg on PATH)")
    args = parser.parse_args(argv)
    try:
        ffmpeg = find_ffmpeg(args.ffmpeg)
        missing = [name for name in [s.image for s in TOUR] + [ATTRACT_OUTER, ATTRACT_INNER.image]
                   if not (IMAGES / name).is_file()]  # fmt: skip
        if missing:
            raise Failure(
                f"missing in {IMAGES}: {', '.join(missing)} (run scripts/make_sample_images.py)"
            )
        args.out.mkdir(parents=True, exist_ok=True)
        jobs: list[tuple[list[Path], list[str]]] = []  # files to make, ffmpeg command
        if args.only in (None, "tour"):
            finals = [args.out / TOUR_NAME, args.out / POSTER_NAME]
            tour = tour_command(ffmpeg, part_of(finals[0]), part_of(finals[1]), args.size,
                                args.seconds)  # fmt: skip
            jobs.append((finals, tour))
        if args.only in (None, "attract"):
            final = args.out / ATTRACT_NAME
            jobs.append(([final], attract_command(ffmpeg, part_of(final))))
        for finals, command in jobs:
            parts = [part_of(final) for final in finals]
            try:
                run(command, ", ".join(final.name for final in finals))
                for part, final in zip(parts, finals, strict=True):
                    os.replace(part, final)  # never a half-written file under the real name
            finally:
                for part in parts:
                    part.unlink(missing_ok=True)
            for final in finals:
                print(f"{final}  {describe(ffmpeg, final)}")
    except Failure as failure:
        print(f"make_sample_video: {failure}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"make_sample_video: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
