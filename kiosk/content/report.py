"""`kiosk validate`: every content problem on its own line, then a one-line summary."""

from __future__ import annotations

from kiosk.content.loader import LoadResult


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def summary(result: LoadResult) -> str:
    files = _count(len(result.files), "file")
    warnings = _count(len(result.warnings), "warning")
    if result.errors:
        return f"{_count(len(result.errors), 'error')}, {warnings} in {files}"
    return f"Content OK: {files}, {warnings}"
