"""What is wrong with the content, in a form an operator can act on. Qt-free."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from kiosk.content.views import Content

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    file: str  # path relative to the content folder, e.g. "panels/industry.yaml"
    line: int | None  # 1-based
    column: int | None  # 1-based
    field: str  # dotted path, e.g. "blocks[2].items[0].value"; "" for the whole file
    message: str  # what was expected and what was found
    suggestion: str = ""  # e.g. "did you mean 'subtitle'?"

    def location(self) -> str:
        return location(self.file, self.line, self.column)

    def format(self) -> str:
        text = f"{self.location()}: {self.severity}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.suggestion:
            text += f" ({self.suggestion})"
        return text


def location(file: str, line: int | None, column: int | None) -> str:
    """`file:line:column`, as much of it as is known (how every finding names its place)."""
    where = file
    if line is not None:
        where += f":{line}"
        if column is not None:
            where += f":{column}"
    return where


@dataclass
class LoadResult:
    """A folder's load: the content (None if it could not be built) and every problem."""

    content: Content | None
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # YAML files read, relative to the folder

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.content is not None and not self.errors

    @property
    def valid_content(self) -> Content | None:
        """The content, if the load had no errors; else None."""
        return self.content if self.ok else None
