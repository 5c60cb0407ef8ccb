"""Load and validate a content folder into a `Content` snapshot.

PLACEHOLDER: a minimal loader so the UI can be built; replaced by the full validating loader.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from kiosk.content.models import Content, Panel, Site
from kiosk.content.problems import Problem


@dataclass
class LoadResult:
    content: Content | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.content is not None and not self.errors


def load_content(root: Path, today: date | None = None) -> LoadResult:
    root = Path(root)
    digest = hashlib.sha256()
    site_path = root / "site.yaml"
    data = site_path.read_bytes()
    digest.update(data)
    site = Site.model_validate(yaml.safe_load(data))
    panels = {}
    for path in sorted((root / "panels").glob("*.yaml")):
        raw = path.read_bytes()
        digest.update(raw)
        panel = Panel.model_validate(yaml.safe_load(raw))
        panels[panel.id] = panel
    content = Content(site=site, panels=panels, root=root, version=digest.hexdigest()[:12])
    return LoadResult(content=content)
