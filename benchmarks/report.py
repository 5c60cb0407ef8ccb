"""The figures table and the targets, from the results dict `python -m benchmarks` builds."""

from __future__ import annotations


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
        "RSS after every screen in zh and en",
        _get(results, "memory", "rss_after_all_mib"),
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
    for name in ("floor", "kiosk", "memory", "switch", "reload", "validate", "soak", "chromium"):
        error = _get(results, name, "error")
        if error:
            rows.append((f"{name}: FAILED", error.splitlines()[0][:80], ""))
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
    check(
        "memory after every screen",
        after,
        2 * m0 if m0 else None,
        f"{after:.0f} MiB = {_ratio(after, m0)}" if after else "",
        "within 2x bare RSS",
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
    return out


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
