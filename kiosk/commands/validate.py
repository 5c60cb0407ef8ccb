"""`kiosk validate`: every content problem on its own line, then a one-line summary."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.loader import load_content
from kiosk.content.report import summary


def validate_command(content_dir: Path) -> int:
    """Print the problems in `content_dir`; exit status 1 if any is an error, else 0."""
    result = load_content(Path(content_dir))
    for problem in result.problems:
        print(problem.format())
    print(summary(result))
    return 1 if result.errors else 0
