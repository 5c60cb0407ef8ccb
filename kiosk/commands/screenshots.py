"""`kiosk screenshots --out DIR [--size WxH ...] [--lang zh,en]`: every screen to PNG files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.content.loader import load_content
from kiosk.offscreen import use_offscreen_screen


def screenshots_command(
    content_dir: Path, out_dir: Path, sizes: list[tuple[int, int]], langs: list[str] | None
) -> int:
    result = load_content(Path(content_dir))
    if result.content is None or result.errors:
        for problem in result.problems:
            print(problem.format(), file=sys.stderr)
        print(
            f"kiosk: cannot render screens, the content in {content_dir} has errors",
            file=sys.stderr,
        )
        return 1
    if Path(out_dir).exists() and not Path(out_dir).is_dir():
        print(
            f"kiosk: --out {out_dir} is a file; give a folder (it is made if missing)",
            file=sys.stderr,
        )
        return 2
    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"kiosk: cannot make the folder {out_dir}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    use_offscreen_screen()
    unknown = [lang for lang in langs or [] if lang not in result.content.site.languages]
    if unknown:
        print(
            f"kiosk: language(s) {', '.join(unknown)} not in site.yaml languages "
            f"{result.content.site.languages}",
            file=sys.stderr,
        )
        return 1
    from kiosk.ui.screenshots import render_screens

    count = sum(1 for _ in render_screens(result.content, sizes, langs, out_dir))
    print(f"wrote {count} screenshots to {out_dir}")
    return 0
