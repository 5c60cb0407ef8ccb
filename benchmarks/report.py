"""The figures table and the targets, from the results dict `python -m benchmarks` builds."""

from __future__ import annotations

from statistics import median


def _get(results: dict, *keys):
    value = results
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _ratio(value, floor) -> str:
    return f"{value / floor:.1f}x" if isinstance(value, (int, float)) and floor else ""


def figures(results: dict) -> list[tuple[str, str, str]]:
    """(what, figure, ratio to the bare window) rows."""
    t0 = _get(results, "floor", "first_frame_s")
    m0 = _get(results, "floor", "rss_mib")
    rows: list[tuple[str, str, str]] = []

    def add(what: str, value, unit: str, floor=None, fmt: str = "{:.3f}") -> None:
        if value is None:
            return
        rows.append((what, fmt.format(value) + unit, _ratio(value, floor)))

    add("bare window: start to first frame", t0, " s", t0)
    add("bare window: RSS at first frame", m0, " MiB", m0, "{:.0f}")
    for build in ("source", "frozen"):
        section = _get(results, "kiosk", build)
        if isinstance(section, str) or _get(section, "error"):
            text = section if isinstance(section, str) else section["error"].splitlines()[0]
            rows.append((f"kiosk ({build}): start to first frame", text[:70], ""))
            continue
        add(f"kiosk ({build}): start to first frame", _get(section, "first_frame_s"), " s", t0)
        add(f"kiosk ({build}): RSS at first frame", _get(section, "rss_mib"), " MiB", m0, "{:.0f}")
    add(
        "RSS after every screen in zh and en (from the cache)",
        _get(results, "memory", "rss_after_all_mib"),
        " MiB",
        m0,
        "{:.0f}",
    )
    add(
        "  the same, the folder validated in-process",
        _get(results, "memory", "validated_here", "rss_after_all_mib"),
        " MiB",
        m0,
        "{:.0f}",
    )
    add(
        "  of which decoded images in the cache",
        _get(results, "memory", "image_cache_mib"),
        " MiB",
        m0,
        "{:.0f}",
    )
    t0_ms = t0 * 1000 if t0 else None
    add(
        "screen switch, tap to paint, median",
        _get(results, "switch", "median_ms"),
        " ms",
        t0_ms,
        "{:.1f}",
    )
    add(
        "screen switch, tap to paint, p95",
        _get(results, "switch", "p95_ms"),
        " ms",
        t0_ms,
        "{:.1f}",
    )
    add(
        "  to a panel (median)",
        _get(results, "switch", "to_panel_median_ms"),
        " ms",
        t0_ms,
        "{:.1f}",
    )
    add("  to home (median)", _get(results, "switch", "to_home_median_ms"), " ms", t0_ms, "{:.1f}")
    add(
        "live reload, save to new title painted",
        _get(results, "reload", "median_ms"),
        " ms",
        t0_ms,
        "{:.0f}",
    )
    add(
        "  of which the watcher's debounce",
        _get(results, "reload", "debounce_ms"),
        " ms",
        t0_ms,
        "{:.0f}",
    )
    for factor in ("x1", "x10", "x100"):
        row = _get(results, "validate", "factors", factor)
        if row:
            files = row["panel_files"]
            add(f"kiosk validate {factor} ({files} panels), process", row["process_s"], " s", t0)
            add(f"  load_content {factor}, in-process", row["load_content_s"], " s", t0)
    add(
        "validate growth 1x->100x over 1x->10x (11 = linear)",
        _get(results, "validate", "growth_100_vs_10"),
        "",
        None,
        "{:.1f}",
    )
    soak = results.get("soak")
    if isinstance(soak, dict) and "touches" in soak:
        rows.append(("soak: actions, time", f"{soak['touches']}, {soak['seconds']:.0f} s", ""))
        add("soak: RSS growth", soak["rss_growth_pct"], " %", None, "{:+.1f}")
        add(
            "soak: RSS growth after malloc_trim",
            soak.get("rss_trimmed_growth_pct"),
            " %",
            None,
            "{:+.1f}",
        )
        rows.append(
            (
                "soak: top-level widgets / all widgets / QObjects growth",
                f"{soak['top_level_widgets_growth']:+d} / {soak['all_widgets_growth']:+d}"
                f" / {soak['live_qobjects_growth']:+d}",
                "",
            )
        )
        rows.append(("soak: errors logged", str(soak["errors"]), ""))
    chrome = results.get("chromium")
    if isinstance(chrome, dict) and "skipped" in chrome:
        rows.append(("Chromium", chrome["skipped"], ""))
    else:
        add("Chromium: start to screenshot", _get(results, "chromium", "screenshot_s"), " s", t0)
        add(
            "Chromium: peak RSS summed over processes",
            _get(results, "chromium", "peak_rss_mib"),
            " MiB",
            m0,
            "{:.0f}",
        )
        add(
            "Chromium: peak PSS summed (shared pages once)",
            _get(results, "chromium", "peak_pss_mib"),
            " MiB",
            m0,
            "{:.0f}",
        )
    rows += _video_rows(results, t0_ms, m0)
    rows += _issue16_rows(results, t0, m0)
    for name in (
        "floor", "kiosk", "memory", "switch", "reload", "validate", "soak", "video", "chromium",
        "scale", "smooth", "attract", "selftest",
    ):  # fmt: skip
        error = _get(results, name, "error")
        if error:
            rows.append((f"{name}: FAILED", error.splitlines()[0][:80], ""))
    return rows


VIDEO_PARTS = ("tap", "attract", "cpu", "loops", "players")


def _video_rows(results: dict, t0_ms, m0) -> list[tuple[str, str, str]]:
    """Films (benchmarks/video.py): a part that failed shows its error, and what it had
    measured before (`partial`) where it kept some."""
    rows: list[tuple[str, str, str]] = []

    def add(what: str, value, unit: str, floor=None, fmt: str = "{:.0f}") -> None:
        if isinstance(value, (int, float)):
            rows.append((what, fmt.format(value) + unit, _ratio(value, floor)))

    def part(name: str) -> dict:
        found = _get(results, "video", name)
        return found if isinstance(found, dict) else {}

    tap, attract, cpu = part("tap"), part("attract"), part("cpu")
    add("film: tap to first frame painted, first tap", _get(tap, "first_tap", "painted_ms"),
        " ms", t0_ms)  # fmt: skip
    add("  of which to the frame's arrival", _get(tap, "first_tap", "arrived_ms"), " ms", t0_ms)
    add("film: later taps (new player), median", _get(tap, "later_painted", "median"), " ms",
        t0_ms)  # fmt: skip
    add("film: later taps, p95", _get(tap, "later_painted", "p95"), " ms", t0_ms)
    add("attract: switch gap (picture/film), median", attract.get("gap_median_ms"), " ms", None,
        "{:.2f}")  # fmt: skip
    add("attract: switch gap, p95", attract.get("gap_p95_ms"), " ms", None, "{:.2f}")
    add("attract: switch gap, max", attract.get("gap_max_ms"), " ms", None, "{:.2f}")
    add("  switch to the loop's next paint, median",
        _get(attract, "switch_to_paint", "median"), " ms", None, "{:.1f}")  # fmt: skip
    if "grabs" in attract:
        rows.append(("attract: grabs at a switch showing the empty layer",
                     f"{attract['empty_grabs']} of {attract['grabs']}", ""))  # fmt: skip
    add("film: CPU idle on the panel (% of one core)", _get(cpu, "idle", "cpu_pct"), " %",
        None, "{:.1f}")  # fmt: skip
    add("film: CPU playing 1080p30 (% of one core)", _get(cpu, "playing", "cpu_pct"), " %",
        None, "{:.1f}")  # fmt: skip
    add("film: RSS idle on the panel", _get(cpu, "idle", "rss_max_mib"), " MiB", m0)
    add("film: RSS playing 1080p", _get(cpu, "playing", "rss_max_mib"), " MiB", m0)
    add("  paint of a frame in the block, median", _get(cpu, "paint_with_frame_ms", "median"),
        " ms", None, "{:.1f}")  # fmt: skip
    for name, what in (("loops", "loops of a 0.5 s clip"), ("players", "new players")):
        figures = part(name)
        figures = figures.get("partial", figures) if "error" in figures else figures
        growth = figures.get("rss_growth_mib")
        count = figures.get(name)
        if growth is not None:
            start = figures.get("growth_from")
            rows.append((f"film: RSS growth, {what} {start}->{count}", f"{growth:+.1f} MiB", ""))
    for name in VIDEO_PARTS:
        error = _get(results, "video", name, "error")
        if error:
            rows.append((f"video {name}: FAILED", error.splitlines()[0][:80], ""))
    return rows


def targets(results: dict) -> list[dict]:
    """Each target: what, the figure, the target, and whether it is met (None: not measured)."""
    t0 = _get(results, "floor", "first_frame_s")
    m0 = _get(results, "floor", "rss_mib")
    out: list[dict] = []

    def check(what: str, value, limit, figure: str, target: str) -> None:
        met = None if value is None or limit is None else value < limit
        out.append(
            {
                "what": what,
                "figure": figure if value is not None else "not measured",
                "target": target,
                "met": met,
            }
        )

    for build in ("source", "frozen"):
        first = _get(results, "kiosk", build, "first_frame_s")
        if first is not None or build == "source":
            check(
                f"first frame ({build})",
                first,
                2 * t0 if t0 else None,
                f"{first:.2f} s = {_ratio(first, t0)}" if first else "",
                "within 2x bare",
            )
    after = _get(results, "memory", "rss_after_all_mib")
    images = _get(results, "memory", "images_held_by_widgets_mib") or 0.0
    check(
        "memory after every screen",
        after,
        2 * m0 + images if m0 else None,
        f"{after:.0f} MiB = {_ratio(after, m0)}, images {images:.0f}" if after else "",
        "within 2x bare + shown images",
    )
    p95 = _get(results, "switch", "p95_ms")
    med = _get(results, "switch", "median_ms")
    check("screen switch p95", p95, 50, f"{p95:.1f} ms" if p95 else "", "< 50 ms")
    check("screen switch median", med, 17, f"{med:.1f} ms" if med else "", "< 17 ms")
    reload = _get(results, "reload", "median_ms")
    check(
        "live reload visible",
        reload,
        500,
        f"{reload:.0f} ms after the save" if reload else "",
        "< 500 ms after the writes",
    )
    hundred = _get(results, "validate", "factors", "x100", "process_s")
    check("validate 100x content", hundred, 2.0, f"{hundred:.2f} s" if hundred else "", "< 2 s")
    growth = _get(results, "validate", "growth_100_vs_10")
    linear = None if growth is None else abs(growth / 11.0 - 1)
    check(
        "validation grows linearly",
        linear,
        0.5,
        f"1x->100x is {growth:.1f}x of 1x->10x" if growth else "",
        "11x +/- 50%",
    )
    soak = results.get("soak") if isinstance(results.get("soak"), dict) else {}
    rss = soak.get("rss_growth_pct")
    check("soak memory growth", rss, 5, f"{rss:+.1f} %" if rss is not None else "", "< 5 %")
    widgets = soak.get("top_level_widgets_growth")
    check(
        "soak leaked top-level widgets",
        widgets,
        1,
        f"{widgets:+d}" if widgets is not None else "",
        "none",
    )
    errors = soak.get("errors")
    check("soak errors logged", errors, 1, str(errors) if errors is not None else "", "zero")
    loaded = _get(results, "speech", "engine_loaded_at_start")
    check(
        "speech not loaded at start",
        None if loaded is None else int(loaded),
        1,
        {True: "loaded", False: "not loaded", None: ""}[loaded],
        "loaded on first use",
    )
    first = _get(results, "speech", "first_use_first_word_ms")
    bar = _get(results, "speech", "first_use_bar_ms")
    check(
        "first use: tap to first word",
        first,
        3000,
        f"{first:.0f} ms (bar in {bar:.0f} ms)" if first else "",
        "< 3 s, the bar at once",
    )
    word = _get(results, "speech", "tap_to_word_median_ms")
    check("tap a block to its first word", word, 300, f"{word:.0f} ms" if word else "", "< 300 ms")
    out += _video_targets(results, check)
    out += _issue16_targets(results, check)
    return out


SMOOTH_SIZES = ("1920x1080", "1080x1920")


def _issue16_rows(results: dict, t0, m0) -> list[tuple[str, str, str]]:
    """Issue 16: the bundle, smoothness under Xvfb and the attract loop's CPU (the scale
    content and the self-test have rows of their own below)."""
    rows: list[tuple[str, str, str]] = []

    def add(what: str, value, unit: str, floor=None, fmt: str = "{:.1f}") -> None:
        if isinstance(value, (int, float)):
            rows.append((what, fmt.format(value) + unit, _ratio(value, floor)))

    source = _get(results, "kiosk", "source", "first_frame_s")
    frozen = _get(results, "kiosk", "frozen", "first_frame_s")
    if isinstance(source, float) and isinstance(frozen, float):
        rows.append(("kiosk: frozen start over source start", f"{frozen / source:.2f}x", ""))
    size = _get(results, "kiosk", "bundle_bytes")
    add("bundle without content/", size / 1e6 if size else None, " MB", None)
    for screen in SMOOTH_SIZES:
        for motion in ("fling", "slide"):
            part = _get(results, "smooth", screen, motion) or {}
            add(f"{motion} {screen}: frame interval p95", part.get("interval_p95_ms"), " ms")
            add("  frame interval median", part.get("interval_median_ms"), " ms")
            add("  work per frame median", part.get("frame_work_median_ms"), " ms")
            add("  work per frame p95", part.get("frame_work_p95_ms"), " ms")
        figures = _get(results, "attract", "sizes", screen) or {}
        add(f"attract loop {screen}: CPU, % of one core",
            _get(figures, "attract_cpu_pct", "median"), " %")  # fmt: skip
        add("  idle home / bare window, same run", _get(figures, "home_idle_cpu_pct", "median"),
            " %")  # fmt: skip
        add("  frames a second", _get(figures, "attract_frames_per_s", "median"), "")
    rows += _scale_rows(results, t0, m0)
    rows += _selftest_rows(results)
    return rows


def _scale_rows(results: dict, t0, m0) -> list[tuple[str, str, str]]:
    """The generated camera-size content (benchmarks/scale.py)."""
    rows: list[tuple[str, str, str]] = []
    scale = results.get("scale") if isinstance(results.get("scale"), dict) else {}
    validate = _get(scale, "validate", "validate_s")
    if validate is not None:
        rows.append(("scale: kiosk validate", f"{validate:.2f} s", ""))
    first = _get(scale, "start", "first_frame_s")
    if first is not None:
        bare = _get(scale, "start", "bare_first_frame_s")
        rows.append(("scale: start to first frame", f"{first:.3f} s", _ratio(first, bare)))
    rounds = _get(scale, "rounds") or {}
    per_round = rounds.get("rss_per_round_mib")
    if per_round:
        rows.append(("scale: RSS after each round", " / ".join(f"{v:.0f}" for v in per_round)
                     + " MiB", _ratio(per_round[-1], m0)))  # fmt: skip
    for key, what in (("switch_median_ms", "median"), ("switch_p95_ms", "p95")):
        if rounds.get(key) is not None:
            rows.append((f"scale: screen switch {what}", f"{rounds[key]:.1f} ms", ""))
    return rows


def _selftest_rows(results: dict) -> list[tuple[str, str, str]]:
    """`kiosk self-test` and `kiosk check` (benchmarks/selftest_time.py)."""
    rows: list[tuple[str, str, str]] = []
    for key, what in (
        ("source_wall_s", "self-test (source)"),
        ("frozen_wall_s", "self-test (frozen)"),
        ("check_scale_wall_s", "kiosk check, scale content"),
    ):
        runs = _get(results, "selftest", key)
        if runs:
            rows.append((what, f"{median(runs):.1f} s", f"{min(runs):.0f}-{max(runs):.0f} s"))
    return rows


def _issue16_targets(results: dict, check) -> list[dict]:
    source = _get(results, "kiosk", "source", "first_frame_s")
    frozen = _get(results, "kiosk", "frozen", "first_frame_s")
    ratio = frozen / source if isinstance(source, float) and isinstance(frozen, float) else None
    check("frozen start vs source", ratio, 1.1 + 1e-9, f"{ratio:.2f}x" if ratio else "",
          "<= 1.1x the source start")  # fmt: skip
    size = _get(results, "kiosk", "bundle_bytes")
    check("bundle, no content/", size, 150e6 + 1, f"{size / 1e6:.1f} MB" if size else "",
          "<= 150 MB")  # fmt: skip
    for screen in SMOOTH_SIZES:
        for motion in ("fling", "slide"):
            p95 = _get(results, "smooth", screen, motion, "interval_p95_ms")
            check(f"{motion} {screen} frames p95", p95, 1000 / 60 + 1e-9,
                  f"{p95:.1f} ms" if p95 else "", "<= 16.7 ms")  # fmt: skip
    scale = results.get("scale") if isinstance(results.get("scale"), dict) else {}
    validate = _get(scale, "validate", "validate_s")
    check("scale: validate", validate, 3.0, f"{validate:.2f} s" if validate else "", "< 3 s")
    ratio = _get(scale, "start", "start_ratio_to_bare")
    check("scale: start", ratio, 2.4 + 1e-9, f"{ratio:.1f}x bare" if ratio else "",
          "within 2.4x bare (2x + 20 %)")  # fmt: skip
    p95 = _get(scale, "rounds", "switch_p95_ms")
    check("scale: switch p95", p95, 50, f"{p95:.0f} ms" if p95 else "", "< 50 ms")
    per_round = _get(scale, "rounds", "rss_per_round_mib")
    top = max(per_round) if per_round else None
    check("scale: RSS, 3 rounds", top, 400, f"{top:.0f} MiB at most" if top else "", "< 400 MiB")
    growth = _get(scale, "rounds", "growth_last_round_mib")
    check("scale: RSS round 2 -> 3", growth, 5, f"{growth:+.1f} MiB" if growth is not None else "",
          "flat (< 5 MiB)")  # fmt: skip
    for key, what, limit in (
        ("source_wall_s", "self-test (source)", 30),
        ("frozen_wall_s", "self-test (frozen)", 30),
        ("check_scale_wall_s", "kiosk check, scale content", 120),
    ):
        runs = _get(results, "selftest", key)
        value = median(runs) if runs else None
        check(what, value, limit, f"{value:.1f} s" if value else "", f"< {limit} s")
    cpu = _get(results, "attract", "sizes", "1920x1080", "attract_cpu_pct", "median")
    check("attract loop CPU 1920x1080", cpu, 15 + 1e-9, f"{cpu:.1f} % of a core" if cpu else "",
          "<= 15 % of one core")  # fmt: skip
    return []


def _video_targets(results: dict, check) -> list[dict]:
    """Films (benchmarks/video.py), through `targets`' own `check`; returns the rows it does
    not measure (the bundle's size, which tests/packaging checks)."""
    if "video" not in results:
        return []
    first = _get(results, "video", "tap", "first_tap", "painted_ms")
    check(
        "first film: tap to first frame",
        first,
        1000,
        f"{first:.0f} ms (QtMultimedia loads)" if first else "",
        "< 1 s",
    )
    later = _get(results, "video", "tap", "later_painted", "median")
    check(
        "tap a film to its first frame", later, 300, f"{later:.0f} ms" if later else "", "< 300 ms"
    )
    gap = _get(results, "video", "attract", "gap_p95_ms")
    most = _get(results, "video", "attract", "gap_max_ms")
    check(
        "attract switch gap p95",
        gap,
        1000 / 60,
        f"{gap:.2f} ms (max {most:.2f})" if gap is not None else "",
        "< 16.7 ms (a 60 Hz frame)",
    )
    empty = _get(results, "video", "attract", "empty_grabs")
    grabs = _get(results, "video", "attract", "grabs")
    check(
        "attract: empty layer shown",
        empty,
        1,
        f"{empty} of {grabs} grabs" if empty is not None else "",
        "never",
    )
    for name, what in (("loops", "loops"), ("players", "new players")):
        section = _get(results, "video", name) or {}
        failed = "error" in section
        figures = section.get("partial", {}) if failed else section
        growth = figures.get("rss_growth_mib")
        text = ""
        if growth is not None:
            trimmed = figures.get("rss_trimmed_growth_mib")
            text = f"{growth:+.1f} MiB, {figures.get('growth_from')}->{figures.get(name)}"
            text += f" ({trimmed:+.1f} trimmed)" if trimmed is not None else ""
            text += " (then it hung)" if failed else ""
        check(f"film RSS growth, {what}", growth, 5, text, "< 5 MiB")
        if failed:
            reason = "hung" if "hung" in section["error"] else section["error"].splitlines()[0]
            check(f"film {what}: run to the end", 1, 1, reason[:34], "no hang, no error")
    return []  # (the bundle's size: `_issue16_targets`, from the build this run measured)


def print_table(results: dict) -> None:
    m = results["machine"]
    print(
        f"\n{results['date']}  {m['nproc']} cores {m['cpu']}, {m['ram_gib']} GiB, Python "
        f"{m['python']}, PySide6 {m['pyside6']}, load {m['load_avg']}  ({results['content']})"
    )
    rows = figures(results)
    width = max(len(r[0]) for r in rows) + 2
    print(f"\n{'measurement':<{width}}{'figure':>16}  {'vs bare':>8}")
    for what, figure, ratio in rows:
        print(f"{what:<{width}}{figure:>16}  {ratio:>8}")
    print(f"\n{'target':<32}{'figure':<36}{'goal':<28}result")
    for t in results["targets"]:
        result = {True: "met", False: "MISSED", None: "-"}[t["met"]]
        print(f"{t['what']:<32}{t['figure']:<36}{t['target']:<28}{result}")
