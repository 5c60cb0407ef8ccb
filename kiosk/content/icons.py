"""Icon names operators may use (qtawesome's `prefix.name`), checked without importing Qt.

qtawesome imports Qt on import, so its icon fonts and charmaps are read straight from its
package folder (or, in the frozen app, from the copy bundled beside the app's files).
"""

from __future__ import annotations

import difflib
import importlib.util
import json
from functools import cache
from pathlib import Path

from kiosk.paths import bundle_root

# prefix -> start of the charmap file name in qtawesome/fonts
_CHARMAPS = {
    "mdi6": "materialdesignicons6-webfont-charmap",
    "mdi": "materialdesignicons5-webfont-charmap",
    "fa5": "fontawesome5-regular-webfont-charmap",
    "fa5s": "fontawesome5-solid-webfont-charmap",
    "fa5b": "fontawesome5-brands-webfont-charmap",
    "fa6": "fontawesome6-regular-webfont-charmap",
    "fa6s": "fontawesome6-solid-webfont-charmap",
    "fa6b": "fontawesome6-brands-webfont-charmap",
    "ph": "phosphor-charmap",
    "ri": "remixicon-charmap",
    "msc": "codicon-charmap",
    "ei": "elusiveicons-webfont-charmap",
}


@cache
def _fonts_dir() -> Path | None:
    spec = importlib.util.find_spec("qtawesome")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))) / "fonts"
    bundled = bundle_root() / "qtawesome" / "fonts"
    return bundled if bundled.is_dir() else None


@cache
def _charmap(prefix: str) -> tuple[Path | None, dict[str, str]]:
    """(icon font file, {name: "0xf01c9"}) of a prefix; (None, {}) when not available."""
    folder = _fonts_dir()
    if folder is None or prefix not in _CHARMAPS:
        return None, {}
    for path in sorted(folder.glob(_CHARMAPS[prefix] + "*.json")):
        font = path.with_name(path.name.replace("-charmap", "")).with_suffix(".ttf")
        return font, json.loads(path.read_text(encoding="utf-8"))
    return None, {}


def icon_names(prefix: str) -> frozenset[str]:
    return frozenset(_charmap(prefix)[1])


def icon_glyph(name: str) -> tuple[Path, int] | None:
    """The font file and code point that draw icon `name` (e.g. 'mdi6.factory'), or None."""
    prefix, _, icon = name.partition(".")
    font, names = _charmap(prefix)
    if font is None or icon not in names:
        return None
    return font, int(names[icon], 16)


def check_icon_name(name: str) -> None:
    """Raise ValueError with a suggestion when `name` is not an icon qtawesome can draw."""
    prefix, dot, icon = name.partition(".")
    if not dot or prefix not in _CHARMAPS:
        guess = _guess(name)
        hint = f"; did you mean '{guess}'?" if guess else ""
        raise ValueError(
            f"expected an icon name like 'mdi6.factory' (prefixes: {', '.join(_CHARMAPS)}), "
            f"found {name!r}{hint}"
        )
    names = icon_names(prefix)
    if names and icon not in names:
        close = _close_icons(prefix, icon)
        hint = ""
        if close:
            hint = "; did you mean " + " or ".join(f"'{prefix}.{c}'" for c in close) + "?"
        raise ValueError(f"no icon named {icon!r} in the {prefix} set{hint}")


RECOMMENDED = "mdi6"  # the set the docs and the sample content use


@cache
def _guess(name: str) -> str | None:
    """The real icon a name without a known prefix most likely meant, or None.

    'mdi7.factory' -> 'mdi6.factory' (the same icon, from the recommended set if it has it),
    'mdi6factory' and 'factory' -> 'mdi6.factory' (a prefix run into the name, or none).
    """
    typed, dot, icon = name.partition(".")
    if dot:
        others = sorted(_CHARMAPS.keys() - {RECOMMENDED})
        others.sort(key=lambda p: difflib.SequenceMatcher(None, typed, p).ratio(), reverse=True)
        tries = [(prefix, icon) for prefix in (RECOMMENDED, *others)]
    else:  # the longest prefix first: 'fa5shome' is fa5s's 'home', not fa5's 'shome'
        tries = [
            (prefix, name[len(prefix) :].lstrip("-_:/ "))
            for prefix in sorted(_CHARMAPS, key=len, reverse=True)
            if name.startswith(prefix)
        ]
        tries = tries or [(RECOMMENDED, name)]
    for prefix, wanted in tries:
        if wanted in icon_names(prefix):
            return f"{prefix}.{wanted}"
    for prefix, wanted in tries[:1] if dot else tries:  # else a close name (difflib is slow)
        close = _close_icons(prefix, wanted) if wanted else []
        if close:
            return f"{prefix}.{close[0]}"
    return None


@cache
def _close_icons(prefix: str, icon: str) -> list[str]:
    """Up to three names like `icon`; cached, as difflib over ~7000 names takes ~50 ms."""
    return difflib.get_close_matches(icon, icon_names(prefix), n=3)
