"""tools/trim_icu.py on the installed PySide6's ICU data: smaller, loadable, the same for zh/en.

The trimmed library is built once into a temporary folder, from the very libicudata.so.NN that
packaging/kiosk.spec trims. Needs binutils, gcc and icu-devtools (`.ci/run` installs them); a
machine without them fails here as the bundle's build would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.trim_icu import compare as compare_icu
from tools.trim_icu import drop_reason, package_items, read_library, tool, trim

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the spec trims ICU on Linux only"
)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_icu() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    assert found, "the PySide6 wheel holds no libicudata.so.NN"
    return found[0]


@pytest.fixture(scope="module")
def trimmed(wheel_icu, tmp_path_factory):
    output = tmp_path_factory.mktemp("icu") / wheel_icu.name
    return trim(wheel_icu, output)


def items_of(library: Path) -> set[str]:
    return set(package_items(read_library(library).read_package())[1])


def test_trimmed_library_is_smaller_and_exports_the_same_symbol_under_the_same_soname(
    wheel_icu, trimmed
):
    original, built = read_library(wheel_icu), read_library(trimmed.output)
    assert (built.soname, built.symbol) == (original.soname, original.symbol)
    assert built.soname == wheel_icu.name and built.symbol == f"icudt{original.version}_dat"
    assert trimmed.output.stat().st_size < wheel_icu.stat().st_size / 5
    # the one symbol libicuuc links, and nothing else
    exported = subprocess.run(
        [tool("nm"), "-D", "--defined-only", str(trimmed.output)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert exported[1:] == ["R", original.symbol], exported
    # what icupkg made is what the library holds, from the start of its 16-byte aligned symbol
    package = trimmed.output.with_name(f"{package_items(original.read_package())[0]}.dat")
    assert built.read_package() == package.read_bytes()
    assert built.offset % 16 == 0


def test_trimmed_data_keeps_root_en_zh_and_what_qt_reads_and_drops_other_languages(trimmed):
    items = items_of(trimmed.output)
    for kept in (
        "root.res", "res_index.res", "pool.res", "en.res", "en_GB.res", "zh.res",
        "zh_Hans_CN.res", "zh_Hant_TW.res", "zh_CN.res",  # (an alias of zh_Hans_CN)
        "coll/ucadata.icu", "coll/root.res", "coll/zh.res", "coll/en.res", "zone/zh.res",
        "zone/en.res", "zone/root.res", "zone/pool.res", "region/zh.res", "lang/en.res",
        "curr/zh.res", "supplementalData.res", "likelySubtags.res", "zoneinfo64.res",
        "metaZones.res", "timezoneTypes.res", "windowsZones.res", "numberingSystems.res",
        "plurals.res", "dayPeriods.res", "keyTypeData.res", "icuver.res", "cnvalias.icu",
        "nfkc.nrm", "nfkc_cf.nrm", "ulayout.icu", "uemoji.icu",
    ):  # fmt: skip
        assert kept in items, kept
    for dropped in (
        "de.res", "de_DE.res", "fr.res", "ja.res", "yue.res", "coll/de.res", "coll/ja.res",
        "zone/de.res", "region/fr.res", "lang/de.res", "curr/de.res",
        "gb18030.cnv", "ibm-943_P15A-2003.cnv", "translit/root.res", "unames.icu",
        # break iteration: Qt never opens ICU's break iterators (Chinese line breaking is
        # Qt's own, test below); number formatting's units and spelled-out numbers
        "brkitr/cjdict.dict", "brkitr/thaidict.dict", "brkitr/line.brk", "brkitr/root.res",
        "unit/en.res", "rbnf/zh.res", "rfc3491.spp", "uts46.nrm", "confusables.cfu",
    ):  # fmt: skip
        assert dropped not in items, dropped
    assert trimmed.needed == {}  # no kept item refers to a dropped one


def test_drop_rules():
    assert drop_reason("de.res") == "locales (main)"
    assert drop_reason("coll/de__PHONEBOOK.res") == "locales (coll)"
    assert drop_reason("zone/sr_Latn_BA.res") == "locales (zone)"
    assert drop_reason("ibm-1390_P110-2003.cnv") == "converters"
    assert drop_reason("brkitr/cjdict.dict") == "break iteration"
    for kept in ("zh_Hant_HK.res", "en_001.res", "res_index.res", "coll/pool.res", "root.res"):
        assert drop_reason(kept) is None, kept
    # ICU's global tables are not locales, whatever their names look like
    for kept in ("units.res", "plurals.res", "metadata.res", "icustd.res", "genderList.res"):
        assert drop_reason(kept) is None, kept
    assert drop_reason("de.res", keep_languages=("en", "zh", "de")) is None


def test_trimmed_icu_answers_as_the_wheels_for_zh_and_en(wheel_icu, trimmed):
    # the calls QtCore makes (collation, time zone names and IDs, case mapping, codecs) and
    # dates with zone names, through ctypes, against both libraries; German, Swedish and the
    # codepage converters must differ (compare() fails when they do not)
    assert compare_icu(wheel_icu, trimmed.output) == []


# Run by Qt itself, with the wheel's ICU data or (LD_LIBRARY_PATH comes before libicuuc's
# RUNPATH) the trimmed one: what Qt asks ICU for, and how Qt breaks Chinese text into lines.
QT_PROBE = r"""
import functools, json, sys
from pathlib import Path
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTextBoundaryFinder, QTimeZone
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextLayout, QTextOption

app = QGuiApplication([])
fonts = Path(sys.argv[1])
family = QFontDatabase.applicationFontFamilies(
    QFontDatabase.addApplicationFont(str(fonts / "NotoSansCJKsc-Regular.otf")))[0]
QFontDatabase.addApplicationFont(str(fonts / "DejaVuSans.ttf"))
TEXT = ("北京经济技术开发区位于北京东南郊的亦庄，简称“北京经开区”，是北京唯一的国家级经济技术"
        "开发区，也是首都高精尖产业的一支主力军。四个千亿级产业集群：新一代信息技术、高端汽车、"
        "工业互联网和生物医药（Biomedicine）, since 1992.")
out = {"icudata": [line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line][0]}
for width in (240, 333, 500):
    layout = QTextLayout(TEXT, QFont(family, 20))
    layout.setTextOption(QTextOption())
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append([line.textStart(), line.textLength()])
    layout.endLayout()
    out[f"lines at {width}px"] = lines
for kind in ("Line", "Word", "Grapheme", "Sentence"):
    finder = QTextBoundaryFinder(getattr(QTextBoundaryFinder.BoundaryType, kind), TEXT)
    positions = []
    while (position := finder.toNextBoundary()) != -1:
        positions.append(position)
    out[f"{kind} boundaries"] = positions
WORDS = ["上海", "北京", "天津", "重庆", "亦庄", "Zebra", "apple", "Äpfel", "第10", "第9"]
for name in ("zh_CN", "zh_TW", "en_US", "en_GB", "C", "sv_SE"):
    collator = QCollator(QLocale(name))
    out[f"sorted {name}"] = sorted(WORDS, key=functools.cmp_to_key(collator.compare))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(collator.caseSensitivity().CaseInsensitive)
    out[f"sorted {name} numeric"] = sorted(WORDS, key=functools.cmp_to_key(collator.compare))
for zone in (b"Asia/Shanghai", b"Europe/Berlin", b"America/New_York"):
    for name in ("zh_CN", "en_US", "de_DE"):
        out[f"zone {zone.decode()} {name}"] = [
            QTimeZone(zone).displayName(kind, length, QLocale(name))
            for kind in QTimeZone.TimeType for length in QTimeZone.NameType]
for name in ("zh_CN", "en_US", "tr_TR"):
    out[f"upper {name}"] = QLocale(name).toUpper("istanbul straße ǆ 北京")
for codec in ("UTF-8", "ISO-8859-1", "GB18030", "Shift_JIS"):
    out[f"codec {codec}"] = QStringDecoder(codec).isValid()
print(json.dumps(out, ensure_ascii=False))
"""


def qt_probe(library_path: Path | None) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("LD_LIBRARY_PATH", None)
    if library_path is not None:
        env["LD_LIBRARY_PATH"] = str(library_path)
    result = subprocess.run(
        [sys.executable, "-c", QT_PROBE, str(REPO / "assets" / "fonts")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_qt_breaks_sorts_and_names_zones_the_same_with_the_trimmed_icu(wheel_icu, trimmed):
    before = qt_probe(None)
    after = qt_probe(trimmed.output.parent)
    assert Path(before.pop("icudata")) == wheel_icu.resolve()
    assert Path(after.pop("icudata")) == trimmed.output.resolve()  # the probe ran on it
    # Swedish falls back to ICU's root order (Äpfel before Zebra) and German to English zone
    # names, as any language dropped; the codepage converters are gone
    different = {name for name in before if before[name] != after[name]}
    assert different == {
        "sorted sv_SE",
        "sorted sv_SE numeric",
        "zone Asia/Shanghai de_DE",
        "zone Europe/Berlin de_DE",
        "zone America/New_York de_DE",
        "codec GB18030",
        "codec Shift_JIS",
    }, {name: (before[name], after[name]) for name in different}
    assert after["zone Europe/Berlin de_DE"][0] == "Central European Standard Time"
    assert before["zone Europe/Berlin de_DE"][0] == "Mitteleuropäische Normalzeit"
    # Chinese text breaks into the same lines: Qt's line breaking does not use ICU's
    assert after["lines at 333px"] == before["lines at 333px"]
    assert len(after["lines at 240px"]) > 5
    pinyin = ["北京", "重庆", "第9", "第10", "上海", "天津", "亦庄"]  # bei chong di shang tian yi
    assert after["sorted zh_CN numeric"][:7] == pinyin
    assert after["codec UTF-8"] and after["codec ISO-8859-1"]
