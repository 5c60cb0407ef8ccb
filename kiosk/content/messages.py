"""Pydantic validation errors turned into operator-readable Problems. Qt-free.

Each error's `loc` is mapped back to a path in the YAML data (skipping pydantic's union
branch names) and from there to the line and column the YAML reader recorded.
"""

from __future__ import annotations

import collections.abc
import difflib
import re
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, RootModel, ValidationError

from kiosk.content.models import (
    BLOCK_TYPES,
    COLOR_PATTERN,
    LANG_PATTERN,
    SLUG_PATTERN,
    LocalText,
)
from kiosk.content.problems import Problem
from kiosk.content.yaml_source import YamlDocument, format_path

Error = Mapping[str, Any]  # one of pydantic's ErrorDetails
_BRANCH = re.compile(r"[\[\-]|^(str|int|float|bool|dict|list|none|date)$")

_PATTERNS = {
    COLOR_PATTERN: "a colour like '#1f6feb' (# and six hex digits, in quotes)",
    SLUG_PATTERN: "an id of lowercase letters, digits, - or _ like 'industry'",
    LANG_PATTERN: "a two-letter language code like 'zh' or 'en'",
    r"^https?://[^\s]+$": "a web address starting with http:// or https://",
}

_EXPECTED = {
    "string_type": "text",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "list_type": "a list (lines starting with '- ')",
    "sequence_str": "a list (lines starting with '- ')",  # text where a list belongs
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a number a screen can show (not .nan or .inf)",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date like 2024-05-31",
    "date_parsing": "a date like 2024-05-31",
    "date_from_datetime_parsing": "a real date like 2024-05-31",
    "date_from_datetime_inexact": "a date like 2024-05-31, without a time",
}

_LIMITS = {
    "greater_than_equal": ("ge", "at least"),
    "less_than_equal": ("le", "at most"),
    "greater_than": ("gt", "greater than"),
    "less_than": ("lt", "less than"),
}


def describe(value: object) -> str:
    """How a found value reads in a message."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, datetime):
        return f"the date and time {value}"
    if isinstance(value, date):
        return f"the date {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _resolve(data: object, loc: tuple) -> tuple[tuple, int | None, str]:
    """Data path for `loc`, and where in `loc` a union branch name was skipped (if any)."""
    path: list = []
    current: Any = data
    branch_at, branch = None, ""
    for i, part in enumerate(loc):
        is_block_tag = (
            isinstance(current, dict)
            and current.get("type") == part
            and i > 0
            and isinstance(loc[i - 1], int)
        )
        if is_block_tag or part == "[key]":
            continue
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and part < len(current)
        if in_dict or in_list:
            current = current[part]
        elif isinstance(part, str) and _BRANCH.search(part):
            if branch_at is None:
                branch_at, branch = i, part
            continue
        else:
            current = None
        path.append(part)
    return tuple(path), branch_at, branch


# ---- what the value at a data path is meant to be (for "did you mean" and misplaced keys) --


def _candidates(tp) -> list:
    if typing.get_origin(tp) is typing.Annotated:
        return _candidates(typing.get_args(tp)[0])
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [c for arg in typing.get_args(tp) for c in _candidates(arg)]
    return [] if tp is type(None) else [tp]


def _is_model(tp) -> bool:
    """A model with fields of its own (a RootModel such as LocalText only wraps a value)."""
    return isinstance(tp, type) and issubclass(tp, BaseModel) and not issubclass(tp, RootModel)


def _children(tp, part) -> list:
    """The types a value under `part` (a key or an index) of a `tp` value may have."""
    found = []
    for cand in _candidates(tp):
        origin, args = typing.get_origin(cand), typing.get_args(cand)
        if isinstance(cand, type) and issubclass(cand, RootModel):
            found += _children(cand.model_fields["root"].annotation, part)
        elif _is_model(cand) and part in cand.model_fields:
            found += _candidates(cand.model_fields[part].annotation)
        elif origin in (list, tuple, collections.abc.Sequence) and isinstance(part, int):
            found += _candidates(args[0])
        elif origin in (dict, collections.abc.Mapping) and isinstance(part, str):
            found += _candidates(args[1])
    return found


def _tag(tp) -> object:
    """A block model's `type:` value ('image' for ImageBlock); None for other types."""
    field = tp.model_fields.get("type") if _is_model(tp) else None
    args = typing.get_args(field.annotation) if field else ()
    return args[0] if len(args) == 1 else None


def _at(data: object, path: tuple) -> object:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def types_at(model: type[BaseModel], data: object, path: tuple) -> list:
    """The types the value at `path` in `data` may have; a block's by its `type:` value."""
    found: list = [model]
    for depth, part in enumerate(path):
        found = [child for tp in found for child in _children(tp, part)]
        value = _at(data, path[: depth + 1])
        if isinstance(value, dict) and "type" in value:
            found = [tp for tp in found if _tag(tp) == value["type"]] or found
    return found


def allowed_fields(model: type[BaseModel], data: object, path: tuple) -> list[str]:
    """The fields the mapping at `path` may have."""
    models = [tp for tp in types_at(model, data, path) if _is_model(tp)]
    return list(models[0].model_fields) if models else []


def _languages(model: type[BaseModel], doc: YamlDocument) -> set[str]:
    """The languages the file's texts are given in (the keys of its `{zh: ..., en: ...}`)."""
    return {p[-1] for p in doc.key_marks if LocalText in types_at(model, doc.data, p[:-1])}


def _takes(model: type[BaseModel], doc: YamlDocument, path: tuple, key: str) -> bool:
    """Would the mapping at `path` take `key`: a field of its model, or a language the file's
    texts use (any two letters would match too much)?"""
    value = _at(doc.data, path)
    if not isinstance(value, dict) or key in value:
        return False
    for tp in types_at(model, doc.data, path):
        if _is_model(tp) and key in tp.model_fields:
            return True
        if tp is LocalText and re.match(LANG_PATTERN, key) and key in _languages(model, doc):
            return True
    return False


_COUNTS = ("", "", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _away(line: int, other: int) -> str:
    """Where line `other` is, seen from `line`: 'on the line above', 'two lines up (line 52)'."""
    distance = abs(line - other)
    if distance == 1:
        return "on the line above" if other < line else "on the line below"
    count = _COUNTS[distance] if distance < len(_COUNTS) else str(distance)
    return f"{count} lines {'up' if other < line else 'down'} (line {other})"


def misplaced(model: type[BaseModel], doc: YamlDocument, path: tuple) -> str:
    """Where a refused key belongs, if a mapping one level down or up would take it.

    Down: a sibling's mapping (or the nearest item of a sibling's list), as when `en:` is
    written beside `label:` instead of under it. Up: the mapping around this one, as when a
    block's `credit:` is indented under its `caption:`.
    """
    key, where = path[-1], path[:-1]
    here, mark = _at(doc.data, where), doc.key_marks.get(path)
    if not isinstance(key, str) or not isinstance(here, dict) or mark is None:
        return ""
    line = mark[0]

    def key_line(at: tuple) -> int:
        return doc.key_marks.get(at, doc.mark_for(at) or (0, 0))[0]

    siblings = sorted(
        (name for name in here if name != key),
        key=lambda name: (key_line((*where, name)) > line, abs(key_line((*where, name)) - line)),
    )
    for name in siblings:
        target = (*where, name)
        if isinstance(here[name], list):
            above = [i for i in range(len(here[name])) if key_line((*target, i)) < line]
            target = (*target, above[-1] if above else 0)
        inner = _at(doc.data, target)
        if isinstance(inner, dict) and inner and _takes(model, doc, target, key):
            first = (*target, next(iter(inner)))
            other = key_line((*where, name))
            fix = f"indent it as far as '{first[-1]}:' on line {key_line(first)}"
            if key_line(first) == other:  # `name: {zh: ...}` on one line
                fix = f"put it inside the braces after '{name}:'"
            return _belongs(key, f"under '{name}:'", line, other, fix)
    outer = list(where)
    while outer and isinstance(outer[-1], int):
        outer.pop()
    if outer and _takes(model, doc, tuple(outer[:-1]), key):
        beside, other = outer[-1], key_line(tuple(outer))
        fix = f"indent it as far as '{beside}:'"
        if other == line:
            fix = f"take it out of the braces after '{beside}:'"
        return _belongs(key, f"one level up, beside '{beside}:'", line, other, fix)
    return ""


def _belongs(key: str, place: str, line: int, other: int, fix: str) -> str:
    away = f" {_away(line, other)}" if other != line else ""
    return f"'{key}' belongs {place}{away}: {fix}"


# ---- one error -> message --------------------------------------------------------------------


def _message(
    error: Error, path: tuple, model: type[BaseModel], doc: YamlDocument
) -> tuple[str, str]:
    kind = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    found: Any = error.get("input")
    if kind == "is_instance_of" and ctx.get("class") == "Sequence":
        kind = "list_type"  # a list field given a number, say
    if kind == "missing":
        return f"required field '{path[-1]}' is missing", ""
    if kind == "extra_forbidden":
        allowed = allowed_fields(model, doc.data, path[:-1])
        hint = misplaced(model, doc, path) or did_you_mean(path[-1], allowed)
        text = f"unknown field '{path[-1]}'"
        if not hint and allowed:
            text += f"; allowed here: {', '.join(allowed)}"
        return text, hint
    if kind == "union_tag_invalid":
        return (
            f"unknown block type {ctx.get('tag')!r}; valid types: {', '.join(BLOCK_TYPES)}",
            did_you_mean(str(ctx.get("tag")), BLOCK_TYPES),
        )
    if kind == "union_tag_not_found":
        keys = [key for key in found if isinstance(key, str)] if isinstance(found, dict) else []
        close = difflib.get_close_matches("type", keys, n=1, cutoff=0.6)
        hint = f"did you mean 'type' instead of '{close[0]}'?" if close else ""
        return f"the block has no 'type'; give one of: {', '.join(BLOCK_TYPES)}", hint
    if kind == "string_pattern_mismatch":
        expected = _PATTERNS.get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
        if "pin_hash" in path:
            expected = "a hash written by `kiosk set-pin` (never the PIN itself)"
        hint = misplaced(model, doc, path) if _is_key_error(error) else ""
        return f"expected {expected}, found {describe(found)}", hint
    if kind in ("value_error", "assertion_error"):
        text = str(ctx.get("error", error["msg"]))
        text, _, hint = text.partition("; did you mean")
        return text, f"did you mean{hint}" if hint else ""
    if kind in _LIMITS:
        key, words = _LIMITS[kind]
        limit = ctx.get(key)
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return f"expected a number {words} {limit}, found {describe(found)}", ""
    if kind == "too_short":
        items = "language" if isinstance(found, dict) else "item"
        least = ctx.get("min_length")
        return f"expected at least {least} {items}(s), found {ctx.get('actual_length')}", ""
    if kind == "too_long":
        return f"expected at most {ctx.get('max_length')} items, found {len(found)}", ""
    if kind == "string_too_short":
        return "must not be empty", ""
    if kind == "string_too_long":
        most = ctx.get("max_length")
        return f"is too long: at most {most} characters, found {len(found)}", ""
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (
            f"expected one of {', '.join(choices)}, found {describe(found)}",
            did_you_mean(found, choices),
        )
    if kind in _EXPECTED:
        text = f"expected {_EXPECTED[kind]}, found {describe(found)}"
        if found is None and path and (path[-1] == "accent" or "theme" in path):
            text += " (a bare # starts a comment in YAML: write colours in quotes)"
        return text, ""
    return error["msg"], ""


def _is_key_error(error: Error) -> bool:
    """Is the error about a mapping's key (rather than its value)?"""
    return error["type"] == "extra_forbidden" or error["loc"][-1:] == ("[key]",)


def _is_root_type_error(error: Error, path: tuple, branch_path: tuple) -> bool:
    return error["type"] in _EXPECTED and path == branch_path


def validation_problems(
    exc: ValidationError, doc: YamlDocument, file: str, model: type[BaseModel]
) -> list[Problem]:
    """One Problem per error, union branches merged into one readable message.

    A key that belongs elsewhere is reported once: what its value lacks where it stands is moot.
    """
    problems: list[Problem] = []
    unions: dict[tuple, list] = {}
    errors = exc.errors(include_url=False)
    keys = [_resolve(doc.data, error["loc"])[0] for error in errors if _is_key_error(error)]
    moved = [path for path in keys if misplaced(model, doc, path)]
    for error in errors:
        path, branch_at, branch = _resolve(doc.data, error["loc"])
        if not _is_key_error(error) and any(path[: len(m)] == m for m in moved):
            continue
        if branch_at is not None:
            prefix = _resolve(doc.data, error["loc"][:branch_at])[0]
            unions.setdefault(prefix, []).append((error, path, branch))
            continue
        problems.append(_problem(error, path, doc, file, model))
    for prefix, members in unions.items():
        deeper = [m for m in members if not _is_root_type_error(m[0], m[1], prefix)]
        if deeper:
            problems += [_problem(error, path, doc, file, model) for error, path, _ in deeper]
            continue
        expected = []
        for error, _, branch in members:
            phrase = _EXPECTED[error["type"]]
            if "dict[" in branch:
                phrase = "a mapping of language to text like {zh: ..., en: ...}"
            if phrase not in expected:
                expected.append(phrase)
        found = describe(members[0][0].get("input"))
        message = f"expected {' or '.join(expected)}, found {found}"
        problems.append(_make(doc, file, prefix, message, "", doc.mark_for(prefix)))
    return problems


def _problem(error: Error, path: tuple, doc: YamlDocument, file: str, model) -> Problem:
    message, hint = _message(error, path, model, doc)
    mark = doc.key_marks.get(path) if _is_key_error(error) else None
    if error["type"] == "union_tag_invalid":
        path = (*path, "type")
    return _make(doc, file, path, message, hint, mark or doc.mark_for(path))


def _make(doc, file, path, message, hint, mark) -> Problem:
    line, column = mark if mark else (None, None)
    return Problem("error", file, line, column, format_path(path), message, hint)
