"""Films: a touch tap to the first painted frame, the attract loop's switches between pictures
and a film, CPU and memory while a 1080p film plays, and memory over many loops of a short one.

Each part runs in a fresh process of its own (`--part`), on a copy of the sample content with
a video block first on its first panel and a `videos/` folder; the films are made once, into a
temporary folder, with ffmpeg (scripts/make_sample_video.py's 1920x1080 tour when it is there):

- tour: 6 s, 1920x1080, H.264 High + AAC, with its poster (the tap's film);
- long: tours joined without re-encoding, a few seconds longer than `--seconds` (CPU);
- attract: the tour's first 2 s, no sound (the attract loop's film);
- clip: 0.5 s 1920x1080 testsrc2 + a tone (the loops, played at 4x speed).

Parts:
- tap: a real touch tap on the block's stage to its first frame: the first `frame_changed`
  (arrival) and the end of the stage's first paint that drew a frame (painted). The first tap
  loads QtMultimedia; later taps come after leaving the panel and coming back (the player is
  let go then, the poster shows again), so each makes a new player as a visitor's would.
- attract: [picture, film, picture] at `seconds_per_slide` 2, animations on. First `--switches`
  switches untouched (the loop's own `switch_gaps`, and our time from a switch to the loop's
  next paint); then a few more with a grab of the corner pixel each event-loop turn around each
  switch, counted as empty when it is the bare layer (`ctx.palette.backdrop`).
- cpu: process CPU time / wall time (% of one core, all threads) and RSS, idle on the panel
  for `--seconds`, then with the long film playing there for as long.
- loops: the clip played to its end and again `--loops` times in one player (Play after the
  end); RSS every 100 loops, raw and after malloc_trim; growth from loop 200 to the last.
- players: the film let go and played again `--players` times (a new player each time, as
  the attract loop makes one each time its film comes round); RSS every 50.

A part whose GUI thread stops turning for a minute (a deadlock) prints every thread's Python
stack (faulthandler) and fails; the figures it had by then are kept (`--partial`).

    python -m benchmarks.video --json [--loops 1000] [--players 500] [--switches 30]
                                      [--seconds 20] [--taps 5]
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import logging
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import REPO, machine, median, p95, run_json

FFMPEG = "/usr/bin/ffmpeg"
SIZE = (1920, 1080)
TOUR_SECONDS = 6
ATTRACT_FILM_SECONDS = 2
CLIP_SECONDS = 0.5
LOOP_RATE = 4.0  # QMediaPlayer.setPlaybackRate for the loops
SAMPLE_EVERY = 100  # loops between RSS samples
GROWTH_FROM = 200  # RSS growth is counted from this loop on (warm-up before)
HANG_S = 60  # a child whose GUI thread stops this long prints every thread's stack and exits
GRAB_AROUND_MS = 250  # the corner is sampled from this long before a switch until after it
PARTS = ("tap", "attract", "cpu", "loops", "players")
IDLE_OFF = {"timeout_seconds": 3600, "countdown_seconds": 20, "attract_after_seconds": 3600}

# ---- films (the parent process) -----------------------------------------------------------------


def make_films(folder: Path, seconds: float) -> dict:
    """tour.mp4 (+ tour-poster.jpg), long.mp4, attract.mp4, clip.mp4 in `folder`; how they
    were made."""
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    script = REPO / "scripts" / "make_sample_video.py"
    made_by = f"ffmpeg testsrc2 + sine, {TOUR_SECONDS} s"
    if script.is_file():
        size = f"{SIZE[0]}x{SIZE[1]}"
        cmd = [sys.executable, str(script), "--out", str(folder), "--size", size]
        cmd += ["--seconds", str(TOUR_SECONDS), "--only", "tour", "--ffmpeg", FFMPEG]
        done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        if done.returncode == 0:
            (folder / "etown-tour.mp4").rename(folder / "tour.mp4")
            (folder / "etown-tour-poster.jpg").rename(folder / "tour-poster.jpg")
            made_by = f"scripts/make_sample_video.py --size {size} --seconds {TOUR_SECONDS}"
        else:
            made_by += f" (make_sample_video.py failed: {done.stderr.strip()[-200:]})"
    if not (folder / "tour.mp4").is_file():
        _ffmpeg(
            *_testsrc(TOUR_SECONDS),
            *("-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "60", "-c:a", "aac", "-shortest"),
            folder / "tour.mp4",
        )
        _ffmpeg(
            "-i", folder / "tour.mp4", "-frames:v", "1", "-q:v", "3", folder / "tour-poster.jpg"
        )
    copies = math.ceil((seconds + 4) / TOUR_SECONDS)
    listing = folder / "long.txt"
    listing.write_text(f"file '{folder / 'tour.mp4'}'\n" * copies, encoding="utf-8")
    _ffmpeg("-f", "concat", "-safe", "0", "-i", listing, "-c", "copy", folder / "long.mp4")
    _ffmpeg(
        *("-i", folder / "tour.mp4", "-t", str(ATTRACT_FILM_SECONDS), "-an"),
        *("-c:v", "libx264", "-pix_fmt", "yuv420p"),
        folder / "attract.mp4",
    )
    _ffmpeg(
        *_testsrc(CLIP_SECONDS),
        *("-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"),
        folder / "clip.mp4",
    )
    return {
        "tour": f"{made_by}: H.264 + AAC, {_mb(folder / 'tour.mp4')}",
        "long": f"{copies} tours joined (stream copy), {copies * TOUR_SECONDS} s, "
        + _mb(folder / "long.mp4"),
        "attract": f"the tour's first {ATTRACT_FILM_SECONDS} s re-encoded, no sound, "
        + _mb(folder / "attract.mp4"),
        "clip": f"testsrc2 + sine {CLIP_SECONDS} s, H.264 + AAC, {_mb(folder / 'clip.mp4')}",
        "size": f"{SIZE[0]}x{SIZE[1]}",
        "seconds_to_make": round(time.perf_counter() - started, 1),
    }


def _testsrc(seconds: float) -> list[str]:
    w, h = SIZE
    return [
        *("-f", "lavfi", "-i", f"testsrc2=size={w}x{h}:rate=30:duration={seconds}"),
        *("-f", "lavfi", "-i", f"sine=duration={seconds}"),
    ]


def _ffmpeg(*args) -> None:
    cmd = [FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *map(str, args)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")


def _mb(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f} MB"


# ---- content (each child) -----------------------------------------------------------------------

CAPTIONS = {
    "en": ["A film in a panel", "Captions in the language shown"],
    "zh": ["展板中的影片", "字幕随显示语言切换"],
}


def content_with(tmp: Path, films: Path, film: str, attract: bool = False) -> tuple[Path, str]:
    """A copy of the sample content: a video block playing `film` first on the first panel,
    the idle timeout out of the way; with `attract`, the loop [picture, film, picture]."""
    import yaml

    from benchmarks.generate import valid_sample
    from kiosk.content.loader import load_content

    sample, note = valid_sample(tmp)
    root = tmp / "content"
    shutil.copytree(sample, root)
    videos = root / "videos"
    videos.mkdir(exist_ok=True)
    for name in (film, "tour-poster.jpg", *(["attract.mp4"] if attract else [])):
        shutil.copy(films / name, videos / name)
    for lang, lines in CAPTIONS.items():
        cues = "".join(
            f"\n{i + 1}\n00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 2:02d}.000\n{line}\n"
            for i, line in enumerate(lines)
        )
        (videos / f"film.{lang}.vtt").write_text(f"WEBVTT\n{cues}", encoding="utf-8")
    site_file = root / "site.yaml"
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    site["idle"] = dict(IDLE_OFF)  # (no countdown or session reset in the middle of a figure)
    if attract:
        pictures = _bright_cornered(root, site["attract"])
        site["attract"] = {
            "items": [
                {"image": pictures[0]},
                {"video": "videos/attract.mp4"},
                {"image": pictures[-1]},
            ],
            "seconds_per_slide": 2,
            **{k: v for k, v in site["attract"].items() if k == "call_to_action"},
        }
    site_file.write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False), "utf-8")
    panel_id = site["panels"][0]
    panel_file = root / "panels" / f"{panel_id}.yaml"
    languages = site.get("languages", ["zh", "en"])
    block = {
        "type": "video",
        "title": {lang: f"Film ({lang})" for lang in languages},
        "video": f"videos/{film}",
        "poster": "videos/tour-poster.jpg",
        "captions": {lang: f"videos/film.{lang}.vtt" for lang in languages if lang in CAPTIONS},
    }
    text = panel_file.read_text(encoding="utf-8")
    dumped = yaml.safe_dump([block], allow_unicode=True, sort_keys=False)
    indented = "".join(f"  {line}\n" for line in dumped.splitlines())
    if "\nblocks:\n" not in text:
        raise RuntimeError(f"{panel_file.name} has no `blocks:` list to add the film to")
    panel_file.write_text(text.replace("\nblocks:\n", f"\nblocks:\n{indented}", 1), "utf-8")
    result = load_content(root)
    if not result.ok:
        problems = "\n".join(p.format() for p in result.errors)
        raise RuntimeError(f"the content with a film does not load:\n{problems}")
    return root, f"{note}, a video block first on panel {panel_id!r}"


def _bright_cornered(root: Path, attract: dict) -> list[str]:
    """The two attract pictures of the sample whose top left is lightest: the sample's drawn
    ones are dark navy there, too near the empty layer's colour for the corner test."""
    from PySide6.QtGui import QImage

    listed = list(attract.get("images") or [])
    listed += [item["image"] for item in attract.get("items", []) if "image" in item]

    def lightness(relative: str) -> float:
        image = QImage(str(root / relative))
        if image.isNull():
            return -1.0
        return image.pixelColor(image.width() // 20, image.height() // 20).lightnessF()

    return sorted(listed, key=lightness, reverse=True)[:2]


# ---- what every child shares --------------------------------------------------------------------


def guard_hangs() -> None:
    """Re-arm faulthandler's alarm every second from the GUI thread: if that thread blocks
    (a deadlock in the backend), the stacks go to stderr and the part fails, not the run."""
    from PySide6.QtCore import QCoreApplication, QTimer

    rearm = QTimer(QCoreApplication.instance())
    rearm.timeout.connect(lambda: faulthandler.dump_traceback_later(HANG_S, exit=True))
    rearm.start(1000)
    faulthandler.dump_traceback_later(HANG_S, exit=True)


class Heard:
    """Qt's messages (qInstallMessageHandler) and the kiosk's log records of WARNING and above,
    counted by text: what the multimedia backend says about this machine."""

    def __init__(self):
        from kiosk.offscreen import NOISE
        from kiosk.services import qt_messages

        self.noise = NOISE
        self.counts: dict[str, int] = {}
        qt_messages.install(self._qt)
        handler = logging.Handler(logging.WARNING)
        handler.emit = lambda record: self._add(f"log {record.levelname}: {record.getMessage()}")
        logging.getLogger().addHandler(handler)

    def _qt(self, mode, _context, message: str) -> None:
        if self.noise not in message:
            self._add(f"qt {getattr(mode, 'name', mode)}: {message}")

    def _add(self, text: str) -> None:
        text = text.splitlines()[0][:200] if text else text
        self.counts[text] = self.counts.get(text, 0) + 1

    def report(self) -> list[str]:
        ordered = sorted(self.counts.items(), key=lambda kv: -kv[1])
        return [f"{count}x {text}" for text, count in ordered[:12]]


class FramePaints:
    """Times the VideoSurface paints that draw a film frame (the class's paintEvent wrapped in
    this process only): when each ended and how long it took."""

    def __init__(self):
        from kiosk.ui.video import VideoSurface

        self.ends: list[float] = []
        self.costs: list[float] = []
        original = VideoSurface.paintEvent
        paints = self

        def timed(surface, event) -> None:
            start = time.perf_counter()
            original(surface, event)
            if surface.has_frame():
                end = time.perf_counter()
                paints.ends.append(end)
                paints.costs.append((end - start) * 1000)

        VideoSurface.paintEvent = timed

    def first_after(self, moment: float) -> float | None:
        return next((t for t in self.ends if t >= moment), None)


def open_panel(window, panel_id: str, qtkiosk):
    """Show the panel, its video block scrolled into view; the block."""
    from kiosk.ui.blocks.video import VideoBlockWidget

    window.show_panel(panel_id)
    qtkiosk.settle(700)  # (the slide in)
    screen = window.panels[panel_id]
    widget = next(b for b in screen.blocks if isinstance(b, VideoBlockWidget))
    screen.go_to_chapter(screen.blocks.index(widget))
    qtkiosk.settle(700)  # (the page glides there)
    return widget


def tap_stage(touch, widget) -> float:
    """A real touch tap on the block's picture (its upper middle, surely on screen); the
    release's perf_counter time."""
    from PySide6.QtCore import QCoreApplication, QPoint
    from PySide6.QtTest import QTest

    stage = widget.stage
    win = stage.window()
    point = stage.mapTo(win, QPoint(stage.width() // 2, min(120, stage.height() // 2)))
    under = win.childAt(point)
    if under is None or not (under is stage or stage.isAncestorOf(under)):
        raise RuntimeError(f"the stage is not under the finger at {point} ({under!r})")
    QTest.touchEvent(win, touch.device).press(0, point, win).commit()
    QCoreApplication.processEvents()
    start = time.perf_counter()
    QTest.touchEvent(win, touch.device).release(0, point, win).commit()
    return start


def run_loop(seconds: float, every_ms: int = 0, tick=None, until=None) -> None:
    """Qt's own event loop for `seconds` (no polling of ours: idle is idle), calling `tick`
    every `every_ms`, leaving early once `until()` is true."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    loop = QEventLoop()
    end = QTimer()
    end.setTimerType(Qt.TimerType.PreciseTimer)  # (a coarse one may end 5 % early)
    end.setSingleShot(True)
    end.timeout.connect(loop.quit)
    end.start(round(seconds * 1000))
    timer = None
    if tick is not None or until is not None:
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(every_ms)

        def on_tick() -> None:
            if tick is not None:
                tick()
            if until is not None and until():
                loop.quit()

        timer.timeout.connect(on_tick)
        timer.start()
    loop.exec()
    if timer is not None:
        timer.stop()


def _stats(values: list[float], digits: int = 1) -> dict:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "median": round(median(values), digits),
        "p95": round(p95(values), digits),
        "max": round(max(values), digits),
    }


# ---- 1. tap to the first frame ------------------------------------------------------------------


def tap_part(films: Path, taps: int) -> dict:
    from benchmarks import qtkiosk

    heard = Heard()
    paints = FramePaints()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-video-") as tmp:
        content, note = content_with(Path(tmp), films, "tour.mp4")
        kiosk = qtkiosk.build(content, Path(tmp) / "data", animate=True)
        guard_hangs()
        window = kiosk.window
        qtkiosk.settle(300)
        panel_id = window.ctx.snapshot.site.panels[0]
        widget = open_panel(window, panel_id, qtkiosk)
        touch = qtkiosk.Touch()
        loaded_at_start = "PySide6.QtMultimedia" in sys.modules
        first = _tap_to_frame(touch, widget, paints)
        later = []
        for _ in range(taps):
            window.show_home()
            qtkiosk.settle(700)
            if widget.player is not None:
                raise RuntimeError("the player was kept after the panel was left")
            widget = open_panel(window, panel_id, qtkiosk)
            later.append(_tap_to_frame(touch, widget, paints))
        qtkiosk.close(kiosk)
    painted = [t["painted_ms"] for t in later]
    arrived = [t["arrived_ms"] for t in later]
    return {
        "content": note,
        "multimedia_loaded_at_start": loaded_at_start,
        "first_tap": first,
        "later_painted": _stats(painted),
        "later_arrived": _stats(arrived),
        "later_taps": later,
        "paint_with_frame_ms": _stats(paints.costs),
        "heard": heard.report(),
    }


def _tap_to_frame(touch, widget, paints: FramePaints) -> dict:
    from PySide6.QtCore import QCoreApplication

    start = tap_stage(touch, widget)
    player = widget.player
    if player is None:
        raise RuntimeError("the tap made no player")
    made_ms = (time.perf_counter() - start) * 1000  # (the tap's own handler, player made)
    arrived: list[float] = []
    player.frame_changed.connect(lambda: arrived or arrived.append(time.perf_counter()))
    deadline = start + 20
    while paints.first_after(arrived[0] if arrived else math.inf) is None:
        if time.perf_counter() > deadline:
            raise RuntimeError("no frame painted within 20 s of the tap")
        QCoreApplication.processEvents()
    painted = paints.first_after(arrived[0])
    return {
        "handler_ms": round(made_ms, 1),
        "arrived_ms": round((arrived[0] - start) * 1000, 1),
        "painted_ms": round((painted - start) * 1000, 1),
    }


# ---- 2. the attract loop's switches -------------------------------------------------------------


def attract_part(films: Path, switches: int, grabbed: int) -> dict:
    from PySide6.QtCore import QEvent, QObject, QRect
    from PySide6.QtGui import QColor

    from benchmarks import qtkiosk

    heard = Heard()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-video-") as tmp:
        content, note = content_with(Path(tmp), films, "tour.mp4", attract=True)
        kiosk = qtkiosk.build(content, Path(tmp) / "data", animate=True)
        guard_hangs()
        window = kiosk.window
        qtkiosk.settle(300)
        loop = kiosk.controller.overlays.attract
        empty = QColor(window.ctx.palette.backdrop)
        records: list[dict] = []  # one per switch the loop recorded
        film_frames: list[int] = []  # frames each showing of the film decoded
        original = loop._record_switch

        def record() -> None:  # (instrumented in this process only)
            due = loop._due_at
            original()
            if due is not None and loop._due_at is None:
                kind = "film" if loop.film is not None else "picture"
                if loop.film is not None:  # (how many of its frames the film showed)
                    film = loop.film
                    film.ended.connect(lambda film=film: film_frames.append(film.frames))
                records.append(
                    {"gap_ms": loop.switch_gaps[-1], "to": kind, "at": time.perf_counter()}
                )

        loop._record_switch = record

        class LoopPaints(QObject):
            def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
                if watched is loop and event.type() == QEvent.Type.Paint:
                    for item in reversed(records):
                        if "paint_ms" in item:
                            break
                        item["paint_ms"] = (time.perf_counter() - item["at"]) * 1000
                return False

        watcher = LoopPaints()
        loop.installEventFilter(watcher)
        animate = bool(window.ctx.animate)
        loop.open()
        # phase 1: untouched (the first record is the opening, not a switch)
        run_loop(switches * 2.5 + 30, 50, until=lambda: len(records) > switches)
        clean = records[1 : switches + 1]
        # phase 2: the corner grabbed each event-loop turn around every switch
        seen: list[tuple[int, str, str]] = []  # (distance to the empty layer, colour, shown)
        start_count = len(records)

        def near_switch() -> bool:
            if loop._due_at is not None:
                return True  # due, not yet shown
            if records and (time.perf_counter() - records[-1]["at"]) * 1000 < GRAB_AROUND_MS:
                return True
            film = loop.film
            if film is not None:
                return film.duration() > 0 and film.duration() - film.position() < GRAB_AROUND_MS
            anim = loop._anim
            return anim.duration() - anim.currentTime() < GRAB_AROUND_MS

        def sample() -> None:
            if near_switch():
                colour = loop.grab(QRect(16, 16, 8, 8)).toImage().pixelColor(4, 4)
                distance = max(
                    abs(a - b) for a, b in zip(colour.getRgb()[:3], empty.getRgb()[:3], strict=True)
                )
                shown = f"film {loop.film.frames}" if loop.film is not None else "picture"
                seen.append((distance, colour.name(), f"slide {loop.slide} ({shown})"))

        run_loop(
            grabbed * 2.5 + 30, 0, tick=sample, until=lambda: len(records) > start_count + grabbed
        )
        grabbed_records = records[start_count:]
        items = [str(slide.path.relative_to(content)) for slide in loop.slides]
        loop.close_overlay()
        qtkiosk.close(kiosk)
    gaps = [r["gap_ms"] for r in clean]
    to_paint = [r["paint_ms"] for r in clean if "paint_ms" in r]
    return {
        "content": note,
        "animate": animate,
        "opening_ms": round(records[0]["gap_ms"], 1) if records else None,
        "switches": len(gaps),
        "gap_median_ms": round(median(gaps), 2) if gaps else None,
        "gap_p95_ms": round(p95(gaps), 2) if gaps else None,
        "gap_max_ms": round(max(gaps), 2) if gaps else None,
        "gap_to_film": _stats([r["gap_ms"] for r in clean if r["to"] == "film"], 2),
        "gap_to_picture": _stats([r["gap_ms"] for r in clean if r["to"] == "picture"], 2),
        "switch_to_paint": _stats(to_paint, 2),
        "gap_ms": [round(g, 2) for g in gaps],
        "film_frames": film_frames,
        "grabbed_switches": len(grabbed_records),
        "grabbed_gap": _stats([r["gap_ms"] for r in grabbed_records], 2),
        "grabs": len(seen),
        "empty_grabs": sum(1 for d in seen if d[0] <= 8),
        "closest_to_empty": [list(d) for d in sorted(seen)[:5]],
        "empty_colour": empty.name(),
        "items": items,
        "heard": heard.report(),
    }


# ---- 3. CPU and memory --------------------------------------------------------------------------


def cpu_part(films: Path, seconds: float) -> dict:
    from benchmarks import qtkiosk
    from benchmarks.harness import rss_kb

    heard = Heard()
    paints = FramePaints()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-video-") as tmp:
        content, note = content_with(Path(tmp), films, "long.mp4")
        kiosk = qtkiosk.build(content, Path(tmp) / "data", animate=True)
        guard_hangs()
        window = kiosk.window
        qtkiosk.settle(300)
        widget = open_panel(window, window.ctx.snapshot.site.panels[0], qtkiosk)
        qtkiosk.settle(1000)
        idle = _usage(seconds, rss_kb)
        touch = qtkiosk.Touch()
        tap_stage(touch, widget)
        player = widget.player
        run_loop(10, 20, until=lambda: player.frames > 0)
        frames_before, paints_before = player.frames, len(paints.ends)
        playing = _usage(seconds, rss_kb)
        still_playing = player.playing
        frames = player.frames - frames_before
        painted = len(paints.ends) - paints_before
        costs = paints.costs[paints_before:]
        window.show_home()  # (the panel left: the player is let go)
        run_loop(3)
        qtkiosk.trim_heap()
        after_kb = rss_kb()
        qtkiosk.close(kiosk)
    return {
        "content": note,
        "seconds": seconds,
        "idle": idle,
        "playing": playing,
        "still_playing_at_the_end": still_playing,
        "frames_decoded_per_s": round(frames / playing["wall_s"], 1),
        "frames_painted_per_s": round(painted / playing["wall_s"], 1),
        "paint_with_frame_ms": _stats(costs),
        "cpu_extra_pct": round(playing["cpu_pct"] - idle["cpu_pct"], 1),
        "rss_extra_mib": round(playing["rss_max_mib"] - idle["rss_max_mib"], 1),
        "rss_after_leaving_mib": round(after_kb / 1024, 1),  # (3 s later, after malloc_trim)
        "heard": heard.report(),
    }


def _usage(seconds: float, rss_kb) -> dict:
    samples: list[int] = []
    wall0, cpu0 = time.perf_counter(), time.process_time()
    run_loop(seconds, 1000, tick=lambda: samples.append(rss_kb()))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "cpu_pct": round(100 * cpu / wall, 1),
        "rss_mean_mib": round(statistics.fmean(samples) / 1024, 1),
        "rss_max_mib": round(max(samples) / 1024, 1),
    }


# ---- 4. many loops, many players ----------------------------------------------------------------


def loops_part(films: Path, loops: int, partial: Partial) -> dict:
    """The clip played to its end and again, `loops` times, in one player (a visitor's Play
    after the end: `VideoBlockWidget.play`, from the start)."""
    from PySide6.QtCore import QTimer

    from benchmarks import qtkiosk
    from benchmarks.harness import rss_kb

    heard = Heard()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-video-") as tmp:
        content, note = content_with(Path(tmp), films, "clip.mp4")
        kiosk = qtkiosk.build(content, Path(tmp) / "data", animate=True)
        guard_hangs()
        window = kiosk.window
        qtkiosk.settle(300)
        widget = open_panel(window, window.ctx.snapshot.site.panels[0], qtkiosk)
        touch = qtkiosk.Touch()
        tap_stage(touch, widget)
        player = widget.player
        player._player.setPlaybackRate(LOOP_RATE)  # (the backend's: the kiosk has no control)
        rate = player._player.playbackRate()
        ends: list[float] = [time.perf_counter()]
        rss: list[dict] = [_rss_sample(0, rss_kb, qtkiosk)]
        stalls: list[dict] = []
        planned = [loops]
        out = partial.update(content=note, playback_rate=rate, rss=rss, stalls=stalls)

        def ended() -> None:
            ends.append(time.perf_counter())
            done = len(ends) - 1
            if done == 20:
                per_loop = median([b - a for a, b in zip(ends[1:-1], ends[2:], strict=False)])
                if per_loop > 0.9 * CLIP_SECONDS and planned[0] > 400:
                    planned[0] = 400  # (the rate is not honoured: fewer loops, said below)
            if done % SAMPLE_EVERY == 0:
                rss.append(_rss_sample(done, rss_kb, qtkiosk))
                partial.update(loops=done)
                _say(f"loop {done}: {rss[-1]}")
            if done < planned[0]:
                QTimer.singleShot(0, widget.play)  # (the visitor's Play again, from the start)

        def watch() -> None:  # a loop that never ends: say what the player was doing, go on
            if time.perf_counter() - max(ends[-1], stalls[-1]["at"] if stalls else 0) < 5:
                return
            stalls.append(_stuck(player, len(ends) - 1))
            _say(f"stalled: {stalls[-1]}")
            player.stop()
            widget.play()

        player.ended.connect(ended)
        run_loop(planned[0] * 3 + 60, 200, tick=watch, until=lambda: len(ends) - 1 >= planned[0])
        done = len(ends) - 1
        _say(f"{done} loops in {ends[-1] - ends[0]:.0f} s")
        if rss[-1]["loops"] != done:
            rss.append(_rss_sample(done, rss_kb, qtkiosk))
        per_loop = [b - a for a, b in zip(ends[1:-1], ends[2:], strict=False)]
        frames = player.frames
        widget.reset()
        qtkiosk.settle(200)
        qtkiosk.close(kiosk)
    out.update(_growth(rss, GROWTH_FROM))
    out.update(
        loops=done,
        loops_note=""
        if planned[0] >= loops
        else f"the {LOOP_RATE}x rate was not honoured: {planned[0]} loops, not {loops}",
        loop_median_ms=round(median(per_loop) * 1000, 1) if per_loop else None,
        frames_decoded=frames,
        frames_expected=round(done * CLIP_SECONDS * 30),
        stalls=[{k: v for k, v in stall.items() if k != "at"} for stall in stalls],
        heard=heard.report(),
    )
    return out


def players_part(films: Path, players: int, partial: Partial) -> dict:
    """A new player `players` times: the panel's film let go (`VideoBlockWidget.reset`, what
    leaving the panel does) and played again to its first frame, as the attract loop makes a
    player each time its film comes round."""
    from benchmarks import qtkiosk
    from benchmarks.harness import rss_kb

    heard = Heard()
    every = SAMPLE_EVERY // 2
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-video-") as tmp:
        content, note = content_with(Path(tmp), films, "clip.mp4")
        kiosk = qtkiosk.build(content, Path(tmp) / "data", animate=True)
        guard_hangs()
        window = kiosk.window
        qtkiosk.settle(300)
        widget = open_panel(window, window.ctx.snapshot.site.panels[0], qtkiosk)
        widget.play()
        run_loop(10, 5, until=lambda: widget.player.frames > 0)
        rss = [_rss_sample(0, rss_kb, qtkiosk)]
        made_ms: list[float] = []
        out = partial.update(content=note, rss=rss, players=0)
        for made in range(1, players + 1):
            started = time.perf_counter()
            widget.reset()
            widget.play()
            fresh = widget.player
            run_loop(10, 5, until=lambda fresh=fresh: fresh is not None and fresh.frames > 0)
            made_ms.append((time.perf_counter() - started) * 1000)
            if made % every == 0:
                rss.append(_rss_sample(made, rss_kb, qtkiosk))
                partial.update(players=made, to_frame=_stats(made_ms))
                _say(f"new player {made}: {rss[-1]}")
        if rss[-1]["loops"] != len(made_ms):
            rss.append(_rss_sample(len(made_ms), rss_kb, qtkiosk))
        widget.reset()
        qtkiosk.settle(300)
        alive = len(window.ctx.media.players())
        qtkiosk.close(kiosk)
    out.update(_growth(rss, every))
    out.update(
        players=len(made_ms),
        to_frame=_stats(made_ms),
        players_alive_after=alive,
        heard=heard.report(),
    )
    return out


def _growth(rss: list[dict], start: int) -> dict:
    """RSS growth from the sample at `start` (after a warm-up) to the last."""
    base = next((s for s in rss if s["loops"] >= start), None)
    last = rss[-1] if rss else None
    if base is None or last is None or last is base:
        return {"growth_from": None, "rss_growth_mib": None, "rss_trimmed_growth_mib": None}
    return {
        "growth_from": base["loops"],
        "rss_growth_mib": round(last["rss_mib"] - base["rss_mib"], 1),
        "rss_trimmed_growth_mib": round(last["trimmed_mib"] - base["trimmed_mib"], 1),
    }


class Partial:
    """What a part has measured so far, written to a file at each sample: a part that hangs
    (the faulthandler alarm ends it) still leaves its figures to the parent."""

    def __init__(self, path: Path | None):
        self.path = path
        self.data: dict = {}

    def update(self, **values) -> dict:
        self.data.update(values)
        if self.path is not None:
            self.path.write_text(json.dumps(self.data), encoding="utf-8")
        return self.data


def _stuck(player, loop: int) -> dict:
    backend = player._player
    return {
        "at": time.perf_counter(),
        "loop": loop,
        "state": backend.playbackState().name,
        "status": backend.mediaStatus().name,
        "position_ms": player.position(),
        "frames": player.frames,
    }


def _say(text: str) -> None:
    """Progress on stderr (run_json shows it when a part fails)."""
    print(f"video: {text}", file=sys.stderr, flush=True)


def _rss_sample(count: int, rss_kb, qtkiosk) -> dict:
    raw = rss_kb()
    qtkiosk.trim_heap()
    return {
        "loops": count,
        "rss_mib": round(raw / 1024, 1),
        "trimmed_mib": round(rss_kb() / 1024, 1),
    }


# ---- the parent ---------------------------------------------------------------------------------


def measure(
    loops: int, players: int, switches: int, seconds: float, taps: int, parts=PARTS
) -> dict:
    results: dict = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-films-") as tmp:
        films = Path(tmp)
        results["films"] = make_films(films, seconds)
        args = {
            "tap": ["--taps", str(taps)],
            "attract": ["--switches", str(switches)],
            "cpu": ["--seconds", str(seconds)],
            "loops": ["--loops", str(loops)],
            "players": ["--players", str(players)],
        }
        for part in parts:
            started = time.perf_counter()
            partial = films / f"{part}.partial.json"
            cmd = ["--part", part, "--films", str(films), "--partial", str(partial), *args[part]]
            try:
                results[part] = run_json("video", *cmd)
            except Exception as exc:  # noqa: BLE001 - one broken part must not hide the rest
                results[part] = {"error": _short_error(exc)}
                if partial.is_file():  # (what it had measured before it failed)
                    kept = json.loads(partial.read_text(encoding="utf-8"))
                    if kept.get("rss"):
                        start = GROWTH_FROM if part == "loops" else SAMPLE_EVERY // 2
                        kept.update(_growth(kept["rss"], start), **{part: kept["rss"][-1]["loops"]})
                    results[part]["partial"] = kept
            results[part]["part_seconds"] = round(time.perf_counter() - started, 1)
            _say(f"{part} done in {results[part]['part_seconds']} s")
    return results


def _short_error(exc: Exception) -> str:
    """The failure, and where the GUI thread was if the hang alarm ended it."""
    text = f"{type(exc).__name__}: {exc}"
    if "Timeout (" in text:  # faulthandler: keep the first lines and the GUI thread's stack
        head, _, stacks = text.partition("Timeout (")
        main = stacks.split("(most recent call first):")[-1]
        return f"{head.strip()[:300]}\nhung (no event loop turn for {HANG_S} s); GUI thread:{main}"
    return text[-3000:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--loops", type=int, default=1000, help="loops of the 0.5 s clip")
    parser.add_argument("--players", type=int, default=500, help="new players made, let go")
    parser.add_argument("--switches", type=int, default=30, help="attract loop switches")
    parser.add_argument("--seconds", type=float, default=20, help="CPU: idle and playing for")
    parser.add_argument("--taps", type=int, default=5, help="taps after the first")
    parser.add_argument("--part", choices=PARTS, help="one part, in this process")
    parser.add_argument("--films", type=Path, help="(with --part) where the films are")
    parser.add_argument("--partial", type=Path, help="(with --part) figures so far, to here")
    args = parser.parse_args()
    partial = Partial(args.partial)
    if args.part is None:
        result = measure(args.loops, args.players, args.switches, args.seconds, args.taps)
    elif args.films is None:
        parser.error("--part needs --films")
    elif args.part == "tap":
        result = tap_part(args.films, args.taps)
    elif args.part == "attract":
        result = attract_part(args.films, args.switches, max(6, args.switches // 4))
    elif args.part == "cpu":
        result = cpu_part(args.films, args.seconds)
    elif args.part == "loops":
        result = loops_part(args.films, args.loops, partial)
    else:
        result = players_part(args.films, args.players, partial)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
