"""Subset Noto Sans CJK SC (Regular and Bold) into assets/fonts/ for the kiosk's Chinese text.

The full faces are ~16 MB each; the kiosk needs simplified Chinese only. Each face keeps:
GB 2312's 6,763 hanzi and its punctuation/symbol rows (1-3: punctuation, numerals, full-width
ASCII), CJK Symbols and Punctuation, Halfwidth and Fullwidth Forms, general punctuation, ASCII,
and every character of the content (content/**/*.yaml) and of the kiosk's own words
(kiosk/content/catalogue.py). Vertical-text and alternate-glyph features are dropped; the
outlines, hinting and all name records (copyright, licence) are kept. The source is the
"Noto Sans CJK SC" face of Debian's fonts-noto-cjk collections (OFL-1.1):

    apt-get install fonts-noto-cjk
    .venv/bin/pip install fonttools     # or: pip install -e '.[build]'
    .venv/bin/python tools/subset_fonts.py [--source DIR] [--out assets/fonts]

Rerun it when operators add characters outside GB 2312 (`kiosk self-test` names any character
no bundled font draws). The output is reproducible: the source's timestamps are kept.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fontTools is needed to subset, not to list the characters (the tests do)
    from fontTools.ttLib import TTFont

REPO = Path(__file__).resolve().parent.parent
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
FAMILY = "Noto Sans CJK SC"
FACES = {  # source collection -> output file
    "NotoSansCJK-Regular.ttc": "NotoSansCJKsc-Regular.otf",
    "NotoSansCJK-Bold.ttc": "NotoSansCJKsc-Bold.otf",
}
# Horizontal text only: no vertical forms (vert, vrt2...), no regional (locl) or other
# alternates (aalt, fwid, hwid, pwid, ruby...), which would each pull thousands of glyphs in.
LAYOUT_FEATURES = ["ccmp", "calt", "liga", "kern", "mark", "mkmk"]
DROP_TABLES = ["vhea", "vmtx", "VORG"]
RANGES = [
    (0x0020, 0x007E),  # ASCII (Latin is DejaVu's; these keep the face usable on its own)
    (0x00A0, 0x00FF),  # Latin-1 punctuation and signs: · × ÷ ° ¥ ...
    (0x2010, 0x2027),  # dashes, quotes, ellipsis
    (0x2030, 0x203B),  # ‰ ′ ″ ※
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]


def gb2312_characters(rows: Iterable[int]) -> set[str]:
    """The characters of GB 2312 rows (1-94), by decoding every valid EUC-CN byte pair."""
    found: set[str] = set()
    for row in rows:
        for cell in range(1, 95):
            try:
                found.add(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # an unassigned cell
    return found


def gb2312_hanzi() -> set[str]:
    """Rows 16-87: level 1 (3,755, by pinyin) and level 2 (3,008, by radical) hanzi."""
    return gb2312_characters(range(16, 88))


def text_characters(paths: Iterable[Path]) -> set[str]:
    return {char for path in paths for char in path.read_text(encoding="utf-8")}


def _drawable(chars: set[str]) -> set[str]:
    return {char for char in chars if char == " " or (char.isprintable() and not char.isspace())}


def used_characters(repo: Path = REPO) -> set[str]:
    """Every character of the content's YAML and of the kiosk's own words."""
    content = repo / "content"
    chars = text_characters(sorted([*content.rglob("*.yaml"), *content.rglob("*.yml")]))
    return _drawable(chars | text_characters([repo / "kiosk" / "content" / "catalogue.py"]))


def characters(repo: Path = REPO) -> set[str]:
    chars = gb2312_hanzi() | gb2312_characters(range(1, 4))
    chars |= {chr(code) for start, end in RANGES for code in range(start, end + 1)}
    return _drawable(chars) | used_characters(repo)


def face_number(collection: Path, family: str = FAMILY) -> int:
    """The index of the face whose family (name ID 1) is `family` in a .ttc."""
    from fontTools.ttLib import TTCollection

    for number, font in enumerate(TTCollection(str(collection), lazy=True).fonts):
        if font["name"].getDebugName(1) == family:
            return number
    raise SystemExit(f"{collection}: no face named {family!r}")


def subset_face(collection: Path, out: Path, chars: set[str]) -> TTFont:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    number = face_number(collection)
    font = TTFont(str(collection), fontNumber=number, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.drop_tables = [*options.drop_tables, *DROP_TABLES]
    options.name_IDs = ["*"]  # copyright, trademark, licence and its URL stay in the font
    options.name_languages = ["*"]
    options.notdef_outline = True  # a missing glyph shows as a box, not as nothing
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in chars])
    subsetter.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return font


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="fonts-noto-cjk folder")
    parser.add_argument("--out", type=Path, default=REPO / "assets" / "fonts")
    args = parser.parse_args(argv)
    chars, used = characters(), used_characters()
    print(f"{len(chars)} characters ({len(gb2312_hanzi())} GB 2312 hanzi, {len(used)} used)")
    for source_name, out_name in FACES.items():
        source, out = args.source / source_name, args.out / out_name
        if not source.is_file():
            print(f"{source} is missing: apt-get install fonts-noto-cjk", file=sys.stderr)
            return 1
        font = subset_face(source, out, chars)
        mapped = set(font.getBestCmap())
        print(
            f"{out.name}: {out.stat().st_size / 2**20:.2f} MiB, "
            f"{font['maxp'].numGlyphs} glyphs, from {source.name} "
            f"#{face_number(source)} ({source.stat().st_size / 2**20:.1f} MiB collection)"
        )
        # Latin and symbols the face lacks are DejaVu's; `kiosk self-test` checks the union.
        absent = sorted(char for char in used if ord(char) not in mapped and ord(char) > 0xFF)
        if absent:
            listed = " ".join(f"U+{ord(char):04X} {char}" for char in absent[:40])
            print(f"  used but not in this face ({len(absent)}): {listed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
