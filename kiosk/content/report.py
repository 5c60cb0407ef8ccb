"""`kiosk validate`: every content problem on its own line, then a one-line summary."""

from __future__ import annotations

from kiosk.content.problems import LoadResult


def count(number: int, word: str) -> str:
    """`number` and `word`, the word singular for one: "0 errors", "1 error", "2 errors".

    For the English lines of reports and the admin screen (Chinese has no plural); `word`
    takes a plain -s ("panel view" -> "panel views")."""
    return f"{number} {word}{'' if number == 1 else 's'}"


def summary(result: LoadResult) -> str:
    files = count(len(result.files), "file")
    warnings = count(len(result.warnings), "warning")
    if result.errors:
        return f"{count(len(result.errors), 'error')}, {warnings} in {files}"
    return f"Content OK: {files}, {warnings}"
