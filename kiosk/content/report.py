"""`kiosk validate`: every content problem on its own line, then a one-line summary."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.loader import LoadResult, load_content


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def summary(result: LoadResult) -> str:
    files = _count(len(result.files), "file")
    warnings = _count(len(result.warnings), "warning")
    if result.errors:
        return f"{_count(len(result.errors), 'error')}, {warnings} in {files}"
    return f"Content OK: {files}, {warnings}"


def validate_command(content_dir: Path) -> int:
    """Print the problems in `content_dir`; exit status 1 if any is an error, else 0."""
    result = load_content(Path(content_dir))
    for problem in result.problems:
        print(problem.format())
    print(summary(result))
    return 1 if result.errors else 0
