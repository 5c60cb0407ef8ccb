"""`kiosk run | preview | validate | check | schema | screenshots | self-test | stats | set-pin |
hash-pin`.

This module only parses; each command is a module of kiosk/commands, imported when chosen
(so `kiosk validate` never loads Qt).
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from kiosk import __version__
from kiosk.paths import default_content_dir


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT like 1920x1080, got {text!r}"
        ) from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"size {text!r} is out of range")
    return width, height


def _moment(text: str):
    """`--at "2026-05-01 10:30"` (or a date alone, meaning 12:00): the kiosk's clock."""
    from datetime import datetime

    text = text.strip()
    try:
        if len(text) == 10:
            return datetime.fromisoformat(text + " 12:00")
        return datetime.strptime(text, "%Y-%m-%d %H:%M")
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'expected a date and time like "2026-05-01 10:30" (or a date alone), got {text!r}'
        ) from None


def _at_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--at",
        type=_moment,
        default=None,
        metavar='"YYYY-MM-DD HH:MM"',
        help="show the kiosk as it will be at this date and time (default: now)",
    )


def _content_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=None,
        metavar="DIR",
        help="content folder (default: $KIOSK_CONTENT, else the one shipped with the app)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Beijing E-Town visitor kiosk")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="start the kiosk (the default command)")
    _content_arg(run)
    run.add_argument("--windowed", action="store_true", help="a resizable preview window")
    run.add_argument("--size", type=_size, default=None, metavar="WxH", help="window size")
    _at_arg(run)
    run.add_argument(
        "--metrics-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="write kiosk.prom here for node_exporter's textfile collector "
        "(default: $KIOSK_METRICS_DIR; none)",
    )
    run.add_argument(
        "--status-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="pictures of the screen and status.json here (default: $KIOSK_STATUS_DIR; none)",
    )
    from kiosk.services import logs

    run.epilog = f"Logs are written to {logs.log_dir()}"

    preview = commands.add_parser("preview", help="the kiosk in a window, for the operator")
    _content_arg(preview)
    preview.add_argument("--size", type=_size, default=None, metavar="WxH", help="window size")
    _at_arg(preview)

    validate = commands.add_parser("validate", help="check the content and report mistakes")
    _content_arg(validate)

    check = commands.add_parser(
        "check", help="walk every screen as a visitor would and report what looks wrong"
    )
    _content_arg(check)
    check.add_argument(
        "--size",
        type=_size,
        action="append",
        metavar="WxH",
        help="repeatable (default 1920x1080 and 1080x1920)",
    )
    _at_arg(check)

    commands.add_parser("schema", help="print the JSON Schema of the content files")

    shots = commands.add_parser("screenshots", help="render every screen to PNG files")
    _content_arg(shots)
    shots.add_argument("--out", type=Path, default=None, metavar="DIR", help="PNG files here")
    shots.add_argument(
        "--size",
        type=_size,
        action="append",
        metavar="WxH",
        help="repeatable (default 1920x1080; for --sheet, 1920x1080 and 1080x1920)",
    )
    shots.add_argument("--lang", default=None, help="comma-separated, e.g. zh,en (default: all)")
    shots.add_argument(
        "--sheet",
        type=Path,
        default=None,
        metavar="FILE.pdf",
        help="also a sign-off PDF: every screen in full, every language, size and text size",
    )
    _at_arg(shots)

    selftest = commands.add_parser("self-test", help="check fonts, icons, images and screens")
    _content_arg(selftest)
    selftest.add_argument("--json", action="store_true", help="machine-readable report")
    _at_arg(selftest)

    stats = commands.add_parser("stats", help="usage report from the local analytics file")
    stats.add_argument("--since", default=None, metavar="YYYY-MM-DD")
    stats.add_argument("--csv", type=Path, default=None, metavar="FILE")
    stats.add_argument(
        "--merge",
        type=Path,
        default=None,
        metavar="DIR",
        help="one report of the analytics files of many kiosks in DIR (needs the fleet extra)",
    )
    stats.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="FILE.pdf|FILE.html",
        help="charts and tap heatmaps of the usage, as a PDF or an HTML page",
    )
    _content_arg(stats)

    set_pin = commands.add_parser(
        "set-pin", help="change the admin PIN: asks twice and writes its hash into site.yaml"
    )
    _content_arg(set_pin)
    commands.add_parser(
        "hash-pin", help="print the salted hash of an admin PIN (for scripts; see set-pin)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse, run one command, and turn what no command foresaw into one line (never a
    traceback): exit 1 for a failure, 2 for a usage error (argparse's own), 130 on Ctrl+C."""
    gc.disable()  # `kiosk run` turns it on again after its first frame (kiosk/commands/run.py)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # a file name or text the terminal cannot show: escaped
            reconfigure(errors="backslashreplace")
    args = None
    try:
        args = build_parser().parse_args(argv)
    finally:  # (a usage error exits from parse_args)
        if args is None or (args.command or "run") not in ("run", "preview"):
            gc.enable()
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"kiosk:{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command or "run"
    content = getattr(args, "content", None) or default_content_dir()

    if command == "validate":
        from kiosk.commands.validate import validate_command

        return validate_command(content)
    if command == "check":
        from kiosk.commands.check import check_command

        return check_command(content, args.size, args.at)
    if command == "schema":
        from kiosk.commands.schema import schema_command

        return schema_command()
    if command == "screenshots":
        from kiosk.commands.screenshots import screenshots_command

        langs = args.lang.split(",") if args.lang else None
        if args.out is None and args.sheet is None:
            print("kiosk screenshots: give --out DIR, --sheet FILE.pdf or both", file=sys.stderr)
            return 2
        return screenshots_command(content, args.out, args.size, langs, args.at, args.sheet)
    if command == "self-test":
        from kiosk.commands.self_test import selftest_command

        return selftest_command(content, as_json=args.json, at=args.at)
    if command == "stats":
        if args.merge is not None:
            if args.report is not None:
                print("kiosk stats: --report is for one kiosk's file, not --merge", file=sys.stderr)
                return 2
            from kiosk.commands.stats_merge import merge_command

            return merge_command(args.merge, args.since, args.csv)
        from kiosk.commands.stats import stats_command

        return stats_command(args.since, args.csv, report=args.report, content=content)
    if command == "set-pin":
        from kiosk.commands.set_pin import set_pin_command

        return set_pin_command(content)
    if command == "hash-pin":
        from kiosk.commands.hash_pin import hash_pin_command

        return hash_pin_command()
    from kiosk.commands.run import preview_command, run_command

    if command == "preview":
        return preview_command(content, size=args.size, at=args.at)
    windowed = getattr(args, "windowed", False)
    size, at = getattr(args, "size", None), getattr(args, "at", None)
    metrics, status = getattr(args, "metrics_dir", None), getattr(args, "status_dir", None)
    return run_command(
        content, windowed=windowed, size=size, at=at, metrics_dir=metrics, status_dir=status
    )


if __name__ == "__main__":
    sys.exit(main())
