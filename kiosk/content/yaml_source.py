"""Safe YAML reading that remembers where every value came from. Qt-free.

PyYAML composes the node tree (with our limits on depth and aliases); we then build plain
Python values ourselves, so no tag can ever construct an object, duplicate keys are caught,
an alias bomb runs out of budget instead of memory, and each value's path is mapped to its
line and column for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

MAX_DEPTH = 30
MAX_ALIASES = 100
_SEXAGESIMAL_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
MAX_VALUES = 20_000  # values produced again by aliases (plain values: the file size bounds them)

Path = tuple  # a path into the data, e.g. ("blocks", 2, "items", 0, "value")
Mark = tuple[int, int]  # 1-based line and column

_PLAIN_SCALAR_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class YamlError(Exception):
    """A problem that stops reading the file, with its 1-based position."""

    def __init__(self, message: str, mark: Mark | None, path: Path = (), hint: str = ""):
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.path = path
        self.hint = hint  # how to fix it, e.g. which line's indentation to compare with


@dataclass
class YamlIssue:
    """A problem found while reading that does not stop it (e.g. a duplicate key)."""

    message: str
    mark: Mark | None
    path: Path


@dataclass
class YamlDocument:
    data: object
    marks: dict[Path, Mark] = field(default_factory=dict)
    key_marks: dict[Path, Mark] = field(default_factory=dict)  # where each mapping key is
    issues: list[YamlIssue] = field(default_factory=list)
    refused: list[Path] = field(default_factory=list)  # values dropped for a forbidden tag

    def mark_for(self, path: Path) -> Mark | None:
        """The mark of `path`, else of its nearest parent that has one."""
        path = tuple(path)
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path)


def _mark(node: object) -> Mark | None:
    """1-based (line, column) of a node, a PyYAML mark or an event; None for None."""
    mark: Any = getattr(node, "start_mark", node)
    if mark is None:
        return None
    return mark.line + 1, mark.column + 1


def format_path(path: Path) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


if TYPE_CHECKING:
    from yaml import SafeLoader as _ComposerBase
else:
    _ComposerBase = object


class _Limits(_ComposerBase):
    """Composer hook bounding nesting depth and the number of aliases while composing."""

    _depth = 0
    _aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise YamlError(
                    f"more than {MAX_ALIASES} aliases (*name); content files need few or none",
                    _mark(self.peek_event()),
                )
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlError(
                    f"nested more than {MAX_DEPTH} levels deep; content is never this deep",
                    _mark(self.peek_event()),
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class SafeComposer(_Limits, yaml.SafeLoader):
    """Pure-Python SafeLoader with the limits."""


COMPOSER: type
try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    COMPOSER = SafeComposer
else:

    class FastComposer(_Limits, Composer, CParser, SafeConstructor, Resolver):
        """The same, on libyaml's parser (about 10x faster); Python still composes."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    COMPOSER = FastComposer


class _Builder:
    """Turns a node tree into dicts, lists and plain scalars, recording marks per path."""

    def __init__(self, loader: SafeConstructor):
        self.loader = loader
        self.doc = YamlDocument(data=None)
        self.produced = 0  # values built a second time or more, through an alias
        self._built: set[int] = set()

    def build(self, node: Node, path: Path, depth: int = 0) -> object:
        if id(node) in self._built:
            self.produced += 1
        else:
            self._built.add(id(node))
        if self.produced > MAX_VALUES:
            raise YamlError(
                f"expands to more than {MAX_VALUES} values (aliases repeated too often)",
                _mark(node),
                path,
            )
        if depth > MAX_DEPTH:
            raise YamlError(f"nested more than {MAX_DEPTH} levels deep", _mark(node), path)
        mark = _mark(node)
        if mark is not None:
            self.doc.marks.setdefault(path, mark)
        if isinstance(node, ScalarNode) and node.tag in _PLAIN_SCALAR_TAGS:
            return self._scalar(node)
        if isinstance(node, SequenceNode) and node.tag == _SEQ_TAG:
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode) and node.tag == _MAP_TAG:
            return self._mapping(node, path, depth)
        # A forbidden tag is reported and its value left out; the rest of the file is still
        # read and checked, so the operator sees every problem in one run.
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.doc.issues.append(
            YamlIssue(
                f"the tag {tag} is not allowed: content files hold only plain text, numbers, "
                "dates, lists and mappings",
                _mark(node),
                path,
            )
        )
        self.doc.refused.append(path)
        return None

    def _scalar(self, node: ScalarNode) -> object:
        if ":" in node.value and node.tag in _SEXAGESIMAL_TAGS:
            return node.value  # YAML 1.1 reads `9:30` as 570 (base 60): keep what was written
        try:
            return self.loader.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            return node.value  # e.g. 2024-13-45: left as text for the schema to report

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict:
        result: dict = {}
        key_lines: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _PLAIN_SCALAR_TAGS:
                raise YamlError(
                    "keys must be plain words (no tags, lists, mappings or << merges as keys)",
                    _mark(key_node),
                    path,
                )
            key = self._scalar(key_node)
            if not isinstance(key, str):
                key = key_node.value  # `1992:` or `yes:` as a key: keep what the author wrote
            child = (*path, key)
            if key in result:
                self.doc.issues.append(
                    YamlIssue(
                        f"duplicate key {key!r}: also on line {key_lines[key]}; "
                        "keep one of the two",
                        _mark(key_node),
                        child,
                    )
                )
                continue
            key_lines[key] = key_node.start_mark.line + 1
            self.doc.key_marks[child] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            # Point at the key for collections (their first line), at the value for scalars.
            target = value_node if isinstance(value_node, ScalarNode) else key_node
            self.doc.marks[child] = (target.start_mark.line + 1, target.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result


# What PyYAML and libyaml say when a line is indented to no level the lines above opened.
_INDENTATION_TROUBLE = (
    "mapping values are not allowed",
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>",
)
_NO_COLON = "could not find expected ':'"


def _columns(line: str) -> tuple[int, int]:
    """Where a line's dash (if any) and its key start, 0-based: `  - url: x` gives (2, 4)."""
    dash = len(line) - len(line.lstrip(" "))
    if line[dash : dash + 2] != "- ":
        return dash, dash
    return dash, len(line) - len(line[dash + 2 :].lstrip(" "))


def indentation_hint(text: str, number: int, no_colon: bool = False) -> str:
    """Which earlier line to compare line `number`'s indentation with: of the lines that
    opened the levels above it (the line before, its parent, and so on), the one whose key
    (or, for a `- ` line, dash) starts closest to it, the nearest on a tie. "" if it lines up
    with one of them, or is the first line under a `key:` that opens a mapping."""
    lines = text.splitlines()
    if not 0 < number <= len(lines):
        return ""
    bad, _ = _columns(lines[number - 1])
    dashed = lines[number - 1].lstrip().startswith("- ")
    levels: list[tuple[int, int]] = []  # (column, line number), innermost first
    inner: int | None = None  # where the innermost level kept so far starts
    for above in range(number - 1, 0, -1):
        line = lines[above - 1]
        written = line.strip() and not line.lstrip().startswith("#")
        if written and (inner is None or _columns(line)[0] < inner):
            inner, key = _columns(line)
            levels.append((key, above))
            if dashed and inner < key:  # a `- ` line may line up with an earlier dash
                levels.append((inner, above))
    opens = bool(levels) and lines[levels[0][1] - 1].split(" #")[0].rstrip().endswith(":")
    if not levels or bad in [column for column, _ in levels] or (opens and bad > levels[0][0]):
        if no_colon:
            return (
                f"line {number} (`{_short(lines[number - 1].strip())}`) has no ':' after its "
                "key; if it goes on with the text above, indent it further than that text's key"
            )
        return ""
    column, other = min(levels, key=lambda level: abs(level[0] - bad))
    return (
        f"compare the indentation of line {number} with line {other} "
        f"(`{_short(lines[other - 1].strip())}`): column {bad + 1} against column {column + 1}"
    )


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:27] + "..."


def read_yaml(text: str, composer: type | None = None) -> YamlDocument:
    """Parse one YAML document from `text`; raise YamlError with a position on failure."""
    try:
        loader = (composer or COMPOSER)(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError:
        # Both parsers report the position oddly; find the character ourselves.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        position = found.start() if found else 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        code = f"U+{ord(text[position]):04X}" if found else "?"
        raise YamlError(
            f"contains the control character {code}, which YAML does not allow",
            (line, column),
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        if "nesting depth" in problem:  # libyaml's own limit, met before ours in flow style
            raise YamlError(f"nested more than {MAX_DEPTH} levels deep", _mark(mark)) from None
        hint = ""
        if problem.startswith(_NO_COLON) and error.context_mark:
            mark = error.context_mark  # the key without its ':' (the problem is a line later)
            hint = indentation_hint(text, mark.line + 1, no_colon=True)
        elif problem.startswith(_INDENTATION_TROUBLE) and mark:
            hint = indentation_hint(text, mark.line + 1)
            if not hint and problem.startswith("mapping values"):
                hint = "put a text that contains ': ' in quotes"
        if error.context:
            problem = f"{error.context}: {problem}"
        raise YamlError(f"not valid YAML: {problem}", _mark(mark), hint=hint) from None
    except yaml.YAMLError as error:
        raise YamlError(f"not valid YAML: {error}", None) from None
    if node is None:
        return YamlDocument(data=None, marks={(): (1, 1)})
    builder = _Builder(loader)
    builder.doc.data = builder.build(node, ())
    return builder.doc
