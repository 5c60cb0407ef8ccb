"""Load and validate a content folder into a `Content` snapshot, reporting every problem.

Every file is read and checked even after others fail, so one run lists everything to fix.
No exception escapes: anything unexpected while loading a file becomes an error for it.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ValidationError

from kiosk.content.checks import (
    check_image,
    content_warnings,
    image_refs,
    media_refs,
    schedule_warnings,
)
from kiosk.content.files import UnsafeFile, fingerprint, read_inside
from kiosk.content.media import check_video, read_caption_file
from kiosk.content.messages import validation_problems
from kiosk.content.models import NOTICE_FILE, Content, Notice, Panel, Site, as_view
from kiosk.content.problems import LoadResult, Problem, Severity
from kiosk.content.yaml_source import YamlDocument, YamlError, format_path, read_yaml

MAX_FILE_BYTES = 1024 * 1024


@dataclass
class _Loaded:
    """One YAML file as far as it could be read: its data with marks, and its model."""

    file: str
    doc: YamlDocument | None = None
    model: BaseModel | None = None


def read_text(root: Path, relative: str) -> str:
    """The text of a content file: a regular file inside `root`, not too large, UTF-8."""
    data = read_inside(root, relative, MAX_FILE_BYTES)
    if len(data) > MAX_FILE_BYTES:
        raise YamlError(f"larger than {MAX_FILE_BYTES // 1024} KiB; too large to be content", None)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        raise YamlError(
            f"not valid UTF-8: byte 0x{data[start]:02x} at line {line}, byte {column} of that "
            "line; save the file as UTF-8",
            (line, column),
        ) from None


class _Loader:
    def __init__(self, root: Path, today: date):
        self.root = root
        self.today = today
        self.problems: list[Problem] = []
        self.digest = hashlib.sha256()

    def report(
        self, severity: Severity, loaded: _Loaded, path: tuple, message: str, hint: str = ""
    ) -> None:
        mark = loaded.doc.mark_for(path) if loaded.doc else None
        line, column = mark if mark else (None, None)
        self.problems.append(
            Problem(severity, loaded.file, line, column, format_path(path), message, hint)
        )

    def load_file(self, relative: str, model: type[BaseModel]) -> _Loaded:
        loaded = _Loaded(relative)
        try:
            self._read(loaded, model)
            self._check_images(loaded)
            self._check_media(loaded)
        except Exception as error:  # noqa: BLE001 - the operator gets a line, not a traceback
            self.problems.append(
                Problem(
                    "error",
                    relative,
                    None,
                    None,
                    "",
                    f"could not be loaded ({type(error).__name__}: {error})",
                )
            )
            loaded.model = None
        return loaded

    def _read(self, loaded: _Loaded, model: type[BaseModel]) -> None:
        try:
            text = read_text(self.root, loaded.file)
            self.digest.update(loaded.file.encode() + b"\0" + text.encode())
            loaded.doc = read_yaml(text)
        except YamlError as error:
            line, column = error.mark if error.mark else (None, None)
            field_path = format_path(error.path)
            self.problems.append(
                Problem("error", loaded.file, line, column, field_path, error.message, error.hint)
            )
            return
        except UnsafeFile as error:
            self.problems.append(Problem("error", loaded.file, None, None, "", str(error)))
            return
        except OSError as error:
            message = f"cannot be read ({error.strerror or error})"
            self.problems.append(Problem("error", loaded.file, None, None, "", message))
            return
        for issue in loaded.doc.issues:
            line, column = issue.mark or (None, None)
            self.problems.append(
                Problem("error", loaded.file, line, column, format_path(issue.path), issue.message)
            )
        try:
            loaded.model = model.model_validate(loaded.doc.data)
        except ValidationError as exc:
            refused = [format_path(path) for path in loaded.doc.refused]
            self.problems += [
                problem
                for problem in validation_problems(exc, loaded.doc, loaded.file, model)
                if not any(_within(problem.field, prefix) for prefix in refused)
            ]

    def _check_images(self, loaded: _Loaded) -> None:
        if loaded.doc is None:
            return
        for path, relative in image_refs(loaded.doc.data):
            trouble = check_image(self.root, relative)
            if trouble:
                self.report("error", loaded, path, *trouble)
            elif relative:
                self.digest.update(fingerprint(self.root, relative).encode())

    def _check_media(self, loaded: _Loaded) -> None:
        """Films: inside the folder, there, really a video; captions: every mistake with the
        caption file's own line."""
        if loaded.doc is None:
            return
        for path, kind, relative in media_refs(loaded.doc.data):
            if kind == "video":
                trouble = check_video(self.root, relative)
                if trouble:
                    self.report("error", loaded, path, *trouble)
                elif relative:
                    self.digest.update(fingerprint(self.root, relative).encode())
                continue
            _captions, problems = read_caption_file(self.root, relative)
            for problem in problems:
                if problem.line:  # at its line in the caption file
                    self.problems.append(
                        Problem(
                            "error", relative, problem.line, None, "", problem.message, problem.hint
                        )
                    )
                else:  # the file as a whole: at the line of the YAML that names it
                    self.report("error", loaded, path, problem.message, problem.hint)
            if not problems:
                self.digest.update(fingerprint(self.root, relative).encode())

    def warn_content(self, loaded: _Loaded, languages: Sequence[str]) -> None:
        if loaded.model is None:
            return
        try:
            for path, message in content_warnings(loaded.model, languages, self.today):
                self.report("warning", loaded, path, message)
        except Exception as error:  # noqa: BLE001 - a missed warning must not stop the load
            message = f"could not be checked ({type(error).__name__}: {error})"
            self.problems.append(Problem("error", loaded.file, None, None, "", message))


def _within(field_path: str, prefix: str) -> bool:
    """Is `field_path` the path `prefix` or below it? ("blocks[1]" holds "blocks[1].title")."""
    if not prefix:
        return True
    return field_path == prefix or field_path.startswith((prefix + ".", prefix + "["))


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.listdir gives undecodable bytes as lone surrogates
        return False
    return True


def _panel_files(loader: _Loader, folder: Path) -> list[str]:
    names = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if not _utf8(path.name):
            shown = os.fsencode(path.name).decode("utf-8", "backslashreplace")
            loader.problems.append(
                Problem(
                    "error",
                    f"panels/{shown}",
                    None,
                    None,
                    "",
                    "the file name is not valid UTF-8 text (it was written by a program with "
                    "another encoding); rename it to the panel's id, like industry.yaml",
                )
            )
            continue
        if path.suffix == ".yaml":
            names.append(path.stem)
        elif path.suffix in (".yml", ".json", ".txt"):
            loader.problems.append(
                Problem(
                    "warning",
                    f"panels/{path.name}",
                    None,
                    None,
                    "",
                    "ignored: panel files must end in .yaml",
                )
            )
    return names


def _check_panel_list(
    loader: _Loader, site: _Loaded, panels: dict[str, _Loaded], missing_folder: bool
) -> None:
    listed = site.doc.data.get("panels") if site.doc and isinstance(site.doc.data, dict) else None
    if not isinstance(listed, list):
        return
    seen: set[str] = set()
    for i, panel_id in enumerate(listed):
        if not isinstance(panel_id, str):
            continue
        if panel_id in seen:
            loader.report("error", site, ("panels", i), f"panel {panel_id!r} is listed twice")
        elif panel_id not in panels and not missing_folder:
            close = difflib.get_close_matches(panel_id, panels, n=1, cutoff=0.6)
            loader.report(
                "error",
                site,
                ("panels", i),
                f"no panel file panels/{panel_id}.yaml for panel {panel_id!r}",
                f"did you mean '{close[0]}'?" if close else "",
            )
        seen.add(panel_id)
    for panel_id, loaded in panels.items():
        if panel_id not in seen:
            loader.report(
                "warning",
                loaded,
                ("id",),
                f"not listed in site.yaml panels, so visitors never see it; add {panel_id!r} "
                "there or remove the file",
            )


def load_content(root: Path, today: date | None = None) -> LoadResult:
    """Validate the folder `root`; `today` decides which figures count as stale."""
    root = Path(root)
    try:
        return _load(root, today or date.today())
    except Exception as error:  # noqa: BLE001 - e.g. a folder that cannot be listed
        message = f"could not be loaded ({type(error).__name__}: {error})"
        return LoadResult(None, [Problem("error", str(root), None, None, "", message)])


def _load(root: Path, today: date) -> LoadResult:
    loader = _Loader(root, today)
    if not root.is_dir():
        problem = Problem("error", str(root), None, None, "", "content folder not found")
        return LoadResult(None, [problem])

    site = _Loaded("site.yaml")
    if os.path.lexists(root / "site.yaml"):  # whatever it is: reading it says what is wrong
        site = loader.load_file("site.yaml", Site)
    else:
        loader.problems.append(
            Problem("error", "site.yaml", None, None, "", "site.yaml is missing from the folder")
        )
    panels: dict[str, _Loaded] = {}
    folder = root / "panels"
    if folder.is_dir():
        for stem in _panel_files(loader, folder):
            panels[stem] = loaded = loader.load_file(f"panels/{stem}.yaml", Panel)
            if isinstance(loaded.model, Panel) and loaded.model.id != stem:
                loader.report(
                    "error",
                    loaded,
                    ("id",),
                    f"id {loaded.model.id!r} does not match the file name {stem}.yaml; "
                    "make them the same",
                    f"did you mean '{stem}'?",
                )
    else:
        loader.problems.append(
            Problem("error", "panels", None, None, "", "the panels folder is missing")
        )
    _check_panel_list(loader, site, panels, missing_folder=not folder.is_dir())
    notice = None
    if os.path.lexists(root / NOTICE_FILE):
        notice = loader.load_file(NOTICE_FILE, Notice)

    languages = site.model.languages if isinstance(site.model, Site) else []
    for loaded in (site, *panels.values(), *([notice] if notice else [])):
        loader.warn_content(loaded, languages)

    problems = sorted(loader.problems, key=lambda p: (p.file, p.line or 0, p.column or 0))
    files = [site.file] * (root / "site.yaml").is_file() + [p.file for p in panels.values()]
    files += [notice.file] if notice else []
    content = None
    if not any(p.severity == "error" for p in problems) and isinstance(site.model, Site):
        content = Content(
            site=site.model,
            panels={
                stem: loaded.model
                for stem, loaded in panels.items()
                if isinstance(loaded.model, Panel)
            },
            root=root,
            version=loader.digest.hexdigest()[:12],
            notice=notice.model if notice and isinstance(notice.model, Notice) else None,
        )
        for message in schedule_warnings(content, loader.today):
            problems.append(Problem("warning", "site.yaml", None, None, "panels", message))
        if content.notice and content.notice.until and content.notice.until.date() < today:
            message = (
                f"the notice ended on {content.notice.until:%Y-%m-%d %H:%M} and is no longer "
                f"shown; remove {NOTICE_FILE}"
            )
            problems.append(Problem("warning", NOTICE_FILE, None, None, "until", message))
    return LoadResult(as_view(content), problems, files)
