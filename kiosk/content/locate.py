"""Where in the operator's files a value of a loaded snapshot came from: `file:line`.

The records keep no line numbers, so a value is found by identity in the snapshot (each field
of a frozen record is its own object) and its line read back from the file it was loaded
from. Used by the screen checker (kiosk/ui/screen_check.py) to point a finding at the YAML to
change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kiosk.content.files import UnsafeFile
from kiosk.content.loader import read_text
from kiosk.content.problems import location
from kiosk.content.views import Content, ImagePath, LocalText, Record, fields
from kiosk.content.yaml_source import YamlError, format_path, read_yaml

Path = tuple  # a field path: ("blocks", 2, "items", 0, "label")


@dataclass(frozen=True)
class Place:
    file: str  # relative to the content folder: "panels/industry.yaml"
    field: str  # "blocks[2].items[0].label"
    line: int | None = None
    column: int | None = None

    def prefix(self) -> str:
        """`file:line:column` as `kiosk validate` prints it (as much as is known)."""
        return location(self.file, self.line, self.column)


class Locator:
    """Finds the `Place` of any model, LocalText or ImagePath of one snapshot."""

    def __init__(self, content: Content):
        self.content = content
        self._paths: dict[int, tuple[str, Path]] = {}
        self._keep: list[object] = []  # ids are only unique while the objects live
        for file, model in content.documents():
            for value, path in _walk(model):
                self._paths.setdefault(id(value), (file, path))
                self._keep.append(value)

    def place(self, value: object, lang: str | None = None) -> Place | None:
        """Where `value` is; for a text given per language, the line of `lang`'s version."""
        found = self._paths.get(id(value))
        if found is None:
            return None
        file, path = found
        marks = _marks(self.content, file)
        if lang is not None and (*path, lang) in marks:
            path = (*path, lang)
        mark = marks.get(path)
        line, column = mark if mark else (None, None)
        return Place(file, format_path(path), line, column)


def _walk(value: object, path: Path = ()):
    yield value, path
    if isinstance(value, (LocalText, ImagePath)):
        return
    if isinstance(value, Record):
        for name, item in fields(value):
            yield from _walk(item, (*path, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))


def _marks(content: Content, file: str) -> dict[Path, tuple[int, int]]:
    return _read_marks(content.root, content.version, file)


@cache
def _read_marks(root, _version: str, file: str) -> dict[Path, tuple[int, int]]:
    """(line, column) of every value in `file`; empty if it cannot be read back."""
    try:
        document = read_yaml(read_text(root, file))
    except (OSError, UnsafeFile, YamlError):
        return {}
    return dict(document.marks)
