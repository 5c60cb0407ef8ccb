"""A "stress" content folder: what an operator may write that no designer planned for.

Built from the sample content: every visitor text three times as long with a 40-character
word in it, twelve panels (the sample's four, each three times), every block type on each.
`kiosk check` must survive it and point every finding at a file and line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.conftest import SAMPLE_CONTENT

LONG_WORD = {"en": "Supercalifragilisticexpialidociousnessful", "zh": "超长不可断开的专有名称" * 4}
TEXT_KEYS = {"title", "subtitle", "body", "label", "caption", "quote", "text", "person", "role"}
TEXT_KEYS |= {"organisation", "source", "credit", "unit", "when"}
SETTINGS = {"theme", "admin", "opening_hours", "display", "idle", "chrome"}  # not visitor text


def longer(value: object, key: str = "") -> object:
    """Texts of TEXT_KEYS three times as long, with one unbreakable long word."""
    if isinstance(value, dict):
        if key in TEXT_KEYS and value and all(isinstance(v, str) for v in value.values()):
            return {lang: _triple(text, lang) for lang, text in value.items()}
        return {k: v if k in SETTINGS else longer(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [longer(item, key) for item in value]
    if key in TEXT_KEYS and isinstance(value, str):
        return _triple(value, "en")
    return value


def _triple(text: str, lang: str) -> str:
    if len(text) > 1500:
        return text
    word = LONG_WORD.get(lang, LONG_WORD["en"])
    joiner = "" if lang == "zh" else " "
    return joiner.join([text, word, text, text])


def write_stress_content(folder: Path) -> Path:
    shutil.copytree(SAMPLE_CONTENT, folder)
    site = yaml.safe_load((folder / "site.yaml").read_text(encoding="utf-8"))
    panel_ids = []
    for source in sorted((SAMPLE_CONTENT / "panels").glob("*.yaml")):
        panel = longer(yaml.safe_load(source.read_text(encoding="utf-8")))
        (folder / "panels" / source.name).unlink()
        for copy in range(3):
            panel_id = f"{panel['id']}{copy + 1}"
            panel_ids.append(panel_id)
            panel_file = folder / "panels" / f"{panel_id}.yaml"
            text = yaml.safe_dump({**panel, "id": panel_id}, allow_unicode=True, sort_keys=False)
            panel_file.write_text(text, encoding="utf-8")
    site = longer(site)
    site["panels"] = panel_ids
    (folder / "site.yaml").write_text(
        yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder
