"""The last good copy of the content, and the one decision of what to show at start. Qt-free.

Every valid load is copied to `<data>/last-good`; when the content folder is broken at start
the kiosk shows that copy instead, so a mistake never reaches the lobby.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.content.loader import LoadResult, load_content
from kiosk.content.models import Content
from kiosk.content.problems import Problem

log = logging.getLogger(__name__)

LAST_GOOD = "last-good"
Snapshot = dict[str, tuple[int, int]]  # relative path -> (mtime_ns, size)


def snapshot(root: Path) -> Snapshot:
    """Sizes and mtimes of every file under `root` (hidden files and folders left out)."""
    found: Snapshot = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or name.endswith("~"):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue  # vanished between listing and stat
            found[os.path.relpath(path, root)] = (stat.st_mtime_ns, stat.st_size)
    return found


def safe_load(root: Path, today: date) -> LoadResult:
    """`load_content` that turns any exception into an error Problem."""
    try:
        return load_content(root, today)
    except Exception as exc:  # a half-written file can break any parser
        log.warning("loading %s failed: %s", root, exc, exc_info=True)
        problem = Problem("error", "", None, None, "", f"{type(exc).__name__}: {exc}")
        return LoadResult(content=None, problems=[problem])


@dataclass(frozen=True)
class Initial:
    """What the kiosk starts with: the folder's own result and what to show."""

    folder: LoadResult  # the content folder's load: its problems are what the admin sees
    shown: Content | None  # the folder's content, else the last good copy, else None
    from_last_good: bool
    loaded: Snapshot  # the folder as it was read


def initial_load(content_dir: Path, data_dir: Path, today: date) -> Initial:
    """Load the content folder; if it is invalid, fall back to the last good copy."""
    content_dir = Path(content_dir)
    loaded = snapshot(content_dir)
    result = safe_load(content_dir, today)
    if result.ok:
        save(content_dir, data_dir, loaded)
        return Initial(result, result.content, False, loaded)
    log.error("content in %s is not valid:\n%s", content_dir, report(result.errors))
    copy = Path(data_dir) / LAST_GOOD
    if (copy / "site.yaml").exists():
        fallback = safe_load(copy, today)
        if fallback.ok:
            log.warning("showing the last good copy from %s", copy)
            return Initial(result, fallback.content, True, loaded)
    return Initial(result, None, False, loaded)


def save(content_dir: Path, data_dir: Path, loaded: Snapshot | None = None) -> None:
    """Copy the content folder beside the old copy, then swap: never half a copy.

    `loaded` is the folder's snapshot when it was read; a copy that already matches it
    (copy2 keeps mtimes) is not made again.
    """
    target = Path(data_dir) / LAST_GOOD
    temp = target.with_name(LAST_GOOD + ".tmp")
    old = target.with_name(LAST_GOOD + ".old")
    if loaded is not None and snapshot(target) == loaded:
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(temp, ignore_errors=True)
        shutil.copytree(content_dir, temp, ignore=shutil.ignore_patterns(".*"))
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        temp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        log.warning("could not save the last good copy in %s: %s", target, exc)


def report(problems: list[Problem]) -> str:
    return "\n".join("  " + p.format() for p in problems)
