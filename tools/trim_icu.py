"""Trim Qt's ICU data library (libicudata.so.NN, 32 MB) to what the kiosk can use (4 MB).

The PySide6 wheel ships ICU's full data: every language's locales, 190 codepage converters,
transliteration, Unicode character names, break iteration's dictionaries... The library is one
ICU common data package exported as one symbol (icudtNN_dat), which libicuuc links. This tool
reads the symbol from the library, extracts the package, removes with `icupkg -r` what the
kiosk never asks for, and assembles a library with the same SONAME and symbol around the rest.

QtCore is the only Qt library that links ICU, and it calls ICU for four things only (`nm -D
--undefined-only libQt6Core.so.6`): collation (QCollator: ucol_*), time zone names and IDs
(QTimeZone: ucal_*), case mapping (QString/QLocale::toUpper: u_strToUpper) and codecs
(QStringConverter: ucnv_*). No Qt library calls ICU's break iterators: Qt breaks lines and
words itself (UAX #14 and #29 in QtCore), Chinese included.

  kept:    the root, `en*` and `zh*` locales of the trees those calls read: main, coll, zone,
           region, lang and curr (ICU's date formatting, under zone names, builds a number
           formatter, which fails without curr/), with each tree's res_index and pool;
           collation's ucadata.icu; ICU's global tables (supplementalData, likelySubtags,
           zoneinfo64, metaZones, timezoneTypes, windowsZones, numberingSystems, plurals,
           units, keyTypeData, metadata, icuver...); the NFKC normalization data; cnvalias.icu,
           ulayout.icu and uemoji.icu;
  dropped: other languages' locales; the codepage converters (*.cnv: UTF-8/16/32, ASCII and
           Latin-1 are built into libicuuc); translit/; unames.icu; brkitr/ (break rules and
           dictionaries, cjdict.dict included: Qt never opens a break iterator); unit/ and
           rbnf/ (measure-unit and spelled-out number names, for ICU's number formatting,
           which Qt never calls: Qt formats with its own CLDR tables, the kiosk with Babel);
           StringPrep (*.spp), uts46.nrm and confusables.cfu (IDNA and spoof checking: Qt
           does IDNA itself); langInfo.res (ICU's locale matcher).

`icupkg` refuses to drop an item a kept one refers to; such an item is kept. A dropped
language falls back to ICU's root data: res_index.res still lists it, and ICU opening it finds
no file and uses root (U_USING_DEFAULT_WARNING), as for any locale it has no data for.
`compare` proves the trim changes nothing for zh and en: it makes the calls Qt makes
(collation with Qt's attributes, time zone display names, case mapping, codecs) and a few
more (dates with zone names, normalization) with both libraries and compares the answers.

Needs binutils (nm, readelf), gcc and icupkg (Debian: `apt-get install binutils gcc
icu-devtools`). packaging/kiosk.spec runs it on Linux; by hand:

    .venv/bin/python tools/trim_icu.py LIBICUDATA --out build/icu/libicudata.so.73
    .venv/bin/python tools/trim_icu.py LIBICUDATA --list      # what it would drop, and sizes
"""

from __future__ import annotations

import argparse
import ctypes
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

KEEP_LANGUAGES = ("en", "zh")
# Debian package of each program the trim runs.
PACKAGES = {"nm": "binutils", "readelf": "binutils", "gcc": "gcc", "icupkg": "icu-devtools"}
# A locale's resource bundle, in any tree: "de.res", "zh_Hant_TW.res", "de__PHONEBOOK.res".
_LOCALE = re.compile(r"(?P<language>[a-z]{2,3})(?:_[A-Za-z0-9_]*)?\.res")
_NOT_LOCALES = {"root.res", "res_index.res", "pool.res"}
# Whole trees, and single items, of ICU services Qt never calls (see the docstring).
DROPPED_TREES = {
    "translit": "transliteration",
    "brkitr": "break iteration",
    "unit": "number formatting",
    "rbnf": "number formatting",
}
DROPPED_ITEMS = {
    "unames.icu": "character names",
    "uts46.nrm": "IDNA and spoof checks",
    "confusables.cfu": "IDNA and spoof checks",
    "langInfo.res": "locale matching",
}
_SYMBOL = re.compile(r"icudt(?P<version>\d+)_dat")


class TrimError(RuntimeError):
    """The library is not what the trim expects, or a tool it needs is missing or failed."""


@dataclass(frozen=True)
class IcuLibrary:
    """Where an ICU data library keeps its data package."""

    path: Path
    soname: str
    symbol: str
    version: str  # ICU's major version, e.g. "73"
    offset: int  # of the package in the file
    size: int

    def read_package(self) -> bytes:
        with open(self.path, "rb") as file:
            file.seek(self.offset)
            data = file.read(self.size)
        if len(data) != self.size:
            raise TrimError(f"{self.path}: {self.symbol} runs past the end of the file")
        return data


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise TrimError(
            f"trim_icu: `{name}` not found; install Debian's {PACKAGES[name]} "
            f"(apt-get install {PACKAGES[name]})"
        )
    return path


def _run(*command: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise TrimError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
    return result.stdout


def read_library(path: Path) -> IcuLibrary:
    """The SONAME, the one exported icudtNN_dat symbol and where its bytes are in the file."""
    path = Path(path)
    dynamic = _run(tool("readelf"), "-d", "-W", str(path))
    soname = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", dynamic)
    if soname is None:
        raise TrimError(f"{path}: no SONAME")
    # "0000000000001000 0000000001e8bb80 R icudt73_dat": value, size, type, name
    symbols = [
        line.split()
        for line in _run(tool("nm"), "-D", "--defined-only", "-S", str(path)).splitlines()
        if line.strip()
    ]
    data = [fields for fields in symbols if len(fields) == 4 and _SYMBOL.fullmatch(fields[3])]
    if len(data) != 1:
        raise TrimError(f"{path}: expected one icudtNN_dat symbol, found {symbols}")
    value, size, _kind, symbol = data[0]
    address, size = int(value, 16), int(size, 16)
    # "[ 5] .rodata  PROGBITS  0000000000001000 001000 1e8bb80 00 A 0 0 16"
    sections = re.findall(
        r"^\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s",
        _run(tool("readelf"), "-S", "-W", str(path)),
        re.MULTILINE,
    )
    for _name, start, offset, length in sections:
        start, offset, length = int(start, 16), int(offset, 16), int(length, 16)
        if start and start <= address and address + size <= start + length:
            match = _SYMBOL.fullmatch(symbol)
            assert match is not None
            return IcuLibrary(
                path, soname[1], symbol, match["version"], offset + address - start, size
            )
    raise TrimError(f"{path}: no section holds {symbol}")


def package_items(package: bytes) -> tuple[str, dict[str, int]]:
    """An ICU common data package's table of contents: its prefix and {item: bytes}.

    The package starts with ICU's data header (its size in the first two bytes; the
    "CmnD" format at byte 12), then the count of items and (name, data) offset pairs.
    """
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise TrimError("not an ICU common data package (no CmnD header)")
    order = "big" if package[8] else "little"
    header = int.from_bytes(package[0:2], order)
    toc = package[header:]
    count = int.from_bytes(toc[0:4], order)
    entries = [
        (
            int.from_bytes(toc[4 + 8 * i : 8 + 8 * i], order),
            int.from_bytes(toc[8 + 8 * i : 12 + 8 * i], order),
        )
        for i in range(count)
    ]
    ends = [data for _name, data in entries[1:]] + [len(toc)]
    items = {}
    for (name, data), end in zip(entries, ends, strict=True):
        items[toc[name : toc.index(b"\0", name)].decode("ascii")] = end - data
    prefixes = {name.split("/", 1)[0] for name in items}
    if len(prefixes) != 1:
        raise TrimError(f"items under several prefixes: {sorted(prefixes)}")
    prefix = prefixes.pop()
    return prefix, {name[len(prefix) + 1 :]: size for name, size in items.items()}


def drop_reason(item: str, keep_languages: Iterable[str] = KEEP_LANGUAGES) -> str | None:
    """Why the kiosk does without an item ("coll/de.res", "gb18030.cnv"), or None to keep it."""
    tree, _, name = item.rpartition("/")
    if tree in DROPPED_TREES:
        return DROPPED_TREES[tree]
    if item in DROPPED_ITEMS:
        return DROPPED_ITEMS[item]
    if not tree and name.endswith(".cnv"):
        return "converters"
    if not tree and name.endswith(".spp"):
        return "IDNA and spoof checks"
    locale = _LOCALE.fullmatch(name)
    if locale and name not in _NOT_LOCALES and locale["language"] not in set(keep_languages):
        return f"locales ({tree or 'main'})"
    return None


@dataclass
class Trim:
    library: IcuLibrary
    output: Path
    kept: dict[str, int]
    dropped: dict[str, tuple[str, int]]  # item: (reason, bytes)
    needed: dict[str, str] = field(default_factory=dict)  # kept for a kept item: {item: by}

    def summary(self) -> str:
        by_reason: dict[str, list[int]] = {}
        for reason, size in self.dropped.values():
            by_reason.setdefault(reason, []).append(size)
        lines = [
            f"{self.library.path.name}: {self.library.size:,} bytes of ICU data, "
            f"{len(self.kept) + len(self.dropped)} items; kept {len(self.kept)} "
            f"({sum(self.kept.values()):,} bytes), dropped {len(self.dropped)}:"
        ]
        for reason, sizes in sorted(by_reason.items(), key=lambda pair: -sum(pair[1])):
            lines.append(f"  {reason:28} {len(sizes):5} items {sum(sizes):>12,} bytes")
        for item, user in sorted(self.needed.items()):
            lines.append(f"  (kept {item}: {user} refers to it)")
        return "\n".join(lines)


def plan(library: IcuLibrary, keep_languages: Iterable[str] = KEEP_LANGUAGES):
    """(prefix, kept {item: bytes}, dropped {item: (reason, bytes)}) for the library's data."""
    prefix, items = package_items(library.read_package())
    languages = tuple(keep_languages)
    kept, dropped = {}, {}
    for item, size in items.items():
        reason = drop_reason(item, languages)
        if reason is None:
            kept[item] = size
        else:
            dropped[item] = (reason, size)
    return prefix, kept, dropped


def assemble(package: Path, library: IcuLibrary, output: Path) -> None:
    """A shared library exporting `package`'s bytes as library.symbol, named library.soname."""
    source = output.with_suffix(".S")
    name = str(package.resolve()).replace("\\", "\\\\").replace('"', '\\"')
    source.write_text(
        f"""\
/* {library.symbol}: ICU {library.version}'s data package, trimmed by tools/trim_icu.py */
    .section .rodata
    .balign 16
    .globl {library.symbol}
    .type {library.symbol},@object
{library.symbol}:
    .incbin "{name}"
    .size {library.symbol}, . - {library.symbol}
    .section .note.GNU-stack,"",@progbits
"""
    )
    _run(
        tool("gcc"), "-shared", "-nostdlib", f"-Wl,-soname,{library.soname}",
        "-Wl,-z,noexecstack", "-Wl,--build-id", "-o", str(output), str(source),
    )  # fmt: skip


_MISSING = re.compile(r"Item (\S+) depends on missing item (\S+)")


def _remove(icupkg, prefix, full, trimmed, removals, kept, dropped) -> dict[str, str]:
    """icupkg -r the dropped items, but those a kept item refers to: {item kept: by whom}."""
    needed: dict[str, str] = {}
    while True:
        removals.write_text("".join(f"{item}\n" for item in sorted(dropped)))
        trimmed.unlink(missing_ok=True)
        result = subprocess.run(
            [icupkg, "--toc_prefix", prefix, "-r", str(removals), str(full), str(trimmed)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            return needed
        missing = {match[2]: match[1] for match in _MISSING.finditer(result.stderr)}
        if not missing or not set(missing) <= set(dropped):
            raise TrimError(f"icupkg -r failed ({result.returncode}): {result.stderr}")
        for item, user in missing.items():  # keep them, and try again
            kept[item] = dropped.pop(item)[1]
            needed[item] = user


def trim(
    source: Path,
    output: Path,
    keep_languages: Iterable[str] = KEEP_LANGUAGES,
    workdir: Path | None = None,
) -> Trim:
    """Write a trimmed copy of the ICU data library `source` to `output`."""
    library = read_library(source)
    prefix, kept, dropped = plan(library, keep_languages)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(workdir) if workdir else output.parent
    work.mkdir(parents=True, exist_ok=True)
    # (icupkg wants a package's file named after its prefix)
    full, trimmed = work / "full" / f"{prefix}.dat", work / f"{prefix}.dat"
    full.parent.mkdir(exist_ok=True)
    removals = work / f"{prefix}.remove.txt"
    full.write_bytes(library.read_package())
    icupkg = tool("icupkg")
    needed = _remove(icupkg, prefix, full, trimmed, removals, kept, dropped)
    listed = set(_run(icupkg, "-l", str(trimmed)).split())
    if listed != set(kept):
        raise TrimError(f"icupkg kept {sorted(listed ^ set(kept))[:20]} unexpectedly")
    assemble(trimmed, library, output)
    built = read_library(output)
    if (built.soname, built.symbol) != (library.soname, library.symbol):
        raise TrimError(f"{output}: exports {built.symbol} as {built.soname}")
    if built.read_package() != trimmed.read_bytes():
        raise TrimError(f"{output}: {built.symbol} is not the trimmed package")
    shutil.rmtree(full.parent)
    return Trim(library, output, kept, dropped, needed)


# Behaviour, compared between the wheel's ICU and the same ICU with trimmed data (a subprocess
# each: a process loads one libicudata.so.NN, whichever comes first). First the calls QtCore
# makes, with the arguments it passes (locales as QLocale::bcp47Name gives them), then others.
SORT = [
    "上海",
    "北京",
    "天津",
    "重庆",
    "亦庄",
    "Zebra",
    "apple",
    "Äpfel",
    "ångström",
    "第10",
    "第9",
]
ZONES = ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "UTC"]
# UCollationAttribute: French collation 0, alternate handling 1, case first 2, case level 3,
# strength 5, numeric 7; values: shifted 20, secondary 1, on 17 (QCollator's settings)
COLLATOR_SETTINGS = {
    "default": [],
    "numeric": [(7, 17)],
    "no case, no punctuation": [(5, 1), (1, 20)],
}
CASES = "istanbul İSTANBUL ǅ ß ﬁ ΌΣΟΣ straße 北京"
CODECS = ["UTF-8", "utf8", "ISO-8859-1", "latin1", "US-ASCII", "UTF-16LE", "GB18030", "Big5"]


def probe(lib_dir: Path) -> dict:
    """What ICU in `lib_dir` (libicui18n, libicuuc and libicudata side by side) answers."""
    lib_dir = Path(lib_dir)
    data = read_library(next(lib_dir.glob("libicudata.so.*")))
    i18n = ctypes.CDLL(str(next(lib_dir.glob(f"libicui18n.so.{data.version}"))))
    uc = ctypes.CDLL(str(next(lib_dir.glob(f"libicuuc.so.{data.version}"))))

    def icu(library, name, restype=ctypes.c_void_p):
        function = getattr(library, f"{name}_{data.version}")
        function.restype = restype
        return function

    def utf16(text: str):
        raw = text.encode("utf-16-le")
        return (ctypes.c_uint16 * (len(raw) // 2 + 1)).from_buffer_copy(raw + b"\0\0")

    def text_of(buffer, length: int) -> str:
        return bytes(buffer)[: 2 * length].decode("utf-16-le")

    out: dict = {}
    words = [utf16(word) for word in SORT]
    compare = icu(i18n, "ucol_strcoll", ctypes.c_int)
    sort_key = icu(i18n, "ucol_getSortKey", ctypes.c_int)
    for locale in ("zh-CN", "zh", "zh-Hant-TW", "en-US", "en-GB", "en", "C", "sv"):
        for setting, attributes in COLLATOR_SETTINGS.items():
            status = ctypes.c_int(0)
            collator = icu(i18n, "ucol_open")(locale.encode(), ctypes.byref(status))
            collator = ctypes.c_void_p(collator)
            for attribute, value in attributes:
                icu(i18n, "ucol_setAttribute", None)(
                    collator, attribute, value, ctypes.byref(status)
                )
            order = [[compare(collator, one, -1, other, -1) for other in words] for one in words]
            keys = []
            for word in words:
                key = (ctypes.c_uint8 * 256)()
                keys.append(bytes(key)[: sort_key(collator, word, -1, key, 256)].hex())
            out[f"collator {locale} {setting}"] = [status.value, order, keys]
            icu(i18n, "ucol_close", None)(collator)
    for zone in ZONES:
        for locale in ("zh-CN", "zh-Hant-TW", "en-US", "en-GB", "de-DE"):
            status = ctypes.c_int(0)
            calendar = icu(i18n, "ucal_open")(
                utf16(zone), -1, locale.encode(), 0, ctypes.byref(status)
            )
            calendar = ctypes.c_void_p(calendar)
            names = []
            for kind in range(4):  # UCAL_STANDARD, UCAL_SHORT_STANDARD, UCAL_DST, UCAL_SHORT_DST
                buffer = (ctypes.c_uint16 * 200)()
                length = icu(i18n, "ucal_getTimeZoneDisplayName", ctypes.c_int)(
                    calendar, kind, locale.encode(), buffer, 200, ctypes.byref(status)
                )
                names.append(text_of(buffer, length))
            icu(i18n, "ucal_close", None)(calendar)
            out[f"zone names {zone} {locale}"] = [status.value, names]
    for alias in ("PRC", "Asia/Chongqing", "US/Eastern", "Etc/GMT"):
        status, system = ctypes.c_int(0), ctypes.c_int8(0)
        buffer = (ctypes.c_uint16 * 200)()
        length = icu(i18n, "ucal_getCanonicalTimeZoneID", ctypes.c_int)(
            utf16(alias), -1, buffer, 200, ctypes.byref(system), ctypes.byref(status)
        )
        out[f"canonical zone {alias}"] = [status.value, text_of(buffer, length), system.value]
    for locale in ("zh-CN", "en-US", "tr", "el", "nl"):
        for function in ("u_strToUpper", "u_strToLower"):
            status = ctypes.c_int(0)
            buffer = (ctypes.c_uint16 * 200)()
            length = icu(uc, function, ctypes.c_int)(
                buffer, 200, utf16(CASES), -1, locale.encode(), ctypes.byref(status)
            )
            out[f"{function} {locale}"] = [status.value, text_of(buffer, length)]
    for codec in CODECS:
        status = ctypes.c_int(0)
        converter = icu(uc, "ucnv_open")(codec.encode(), ctypes.byref(status))
        name = ""
        if converter:
            name = icu(uc, "ucnv_getName", ctypes.c_char_p)(
                ctypes.c_void_p(converter), ctypes.byref(status)
            )
            icu(uc, "ucnv_close", None)(ctypes.c_void_p(converter))
        out[f"converter {codec}"] = [status.value, name.decode() if name else ""]
    out["converters available"] = [icu(uc, "ucnv_countAvailable", ctypes.c_int)()]
    # Not called by Qt: dates with time zone names (zone/ and region/ trees, through ICU's own
    # date and number formatting) and normalization.
    for locale in ("zh_CN", "zh_Hant", "en_US", "en_GB", "de_DE"):
        for pattern in ("", "vvvv VVVV zzzz"):
            status = ctypes.c_int(0)
            formatter = icu(i18n, "udat_open")(
                -2 if pattern else 0,
                -2 if pattern else 0,
                locale.encode(),
                utf16("Asia/Shanghai"),
                -1,
                utf16(pattern) if pattern else None,
                -1,
                ctypes.byref(status),
            )  # fmt: skip  (UDAT_PATTERN -2, else UDAT_FULL date and time)
            buffer = (ctypes.c_uint16 * 200)()
            length = icu(i18n, "udat_format", ctypes.c_int)(
                ctypes.c_void_p(formatter), ctypes.c_double(1.7e12), buffer, 200, None,
                ctypes.byref(status),
            )  # fmt: skip
            icu(i18n, "udat_close", None)(ctypes.c_void_p(formatter))
            out[f"date {locale} {pattern or 'full'}"] = [status.value, text_of(buffer, length)]
    for form in ("NFC", "NFKC", "NFKCCasefold"):
        status = ctypes.c_int(0)
        normalizer = icu(uc, f"unorm2_get{form}Instance")(ctypes.byref(status))
        buffer = (ctypes.c_uint16 * 200)()
        length = icu(uc, "unorm2_normalize", ctypes.c_int)(
            ctypes.c_void_p(normalizer), utf16("ＡＢＣ①ﬁ（亦庄）"), -1, buffer, 200,
            ctypes.byref(status),
        )  # fmt: skip
        out[f"normalize {form}"] = [status.value, text_of(buffer, length)]
    return out


def run_probe(lib_dir: Path) -> dict:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--probe", str(lib_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise TrimError(f"ICU probe of {lib_dir} failed: {result.stderr}")
    return json.loads(result.stdout)


# What trimmed data answers differently, on purpose: the dropped languages fall back to root
# (Swedish sorts "Äpfel" after "Zebra", root before; German names zones in English) and the
# codepage converters are gone (U_FILE_ACCESS_ERROR, 4).
EXPECTED_DIFFERENCES = re.compile(
    r"(collator sv|zone names .* de-DE|date de_DE|converter (GB18030|Big5)|converters available)"
    r"\b.*"
)


def compare(original: Path, trimmed: Path) -> list[str]:
    """What ICU answers differently with the trimmed libicudata, beyond the expected.

    `original` is the wheel's libicudata.so.NN with libicuuc and libicui18n beside it; the
    trimmed library is tried with copies of those two.
    """
    original, trimmed = Path(original), Path(trimmed)
    with tempfile.TemporaryDirectory(prefix="trim-icu-") as folder:
        for sibling in original.parent.glob("libicu*.so.*"):
            if sibling.name.startswith(("libicuuc.", "libicui18n.")):
                shutil.copy2(sibling, folder)
        shutil.copy2(trimmed, Path(folder) / original.name)
        before, after = run_probe(original.parent), run_probe(Path(folder))
    problems = [
        f"{name}: {before[name]} became {after.get(name)}"
        for name in before
        if before[name] != after.get(name) and not EXPECTED_DIFFERENCES.fullmatch(name)
    ]
    problems += [
        f"{name}: still {after[name]} (was it dropped?)"
        for name in before
        if EXPECTED_DIFFERENCES.fullmatch(name) and before[name] == after[name]
    ]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("library", type=Path, help="libicudata.so.NN (e.g. PySide6's)")
    parser.add_argument("--out", type=Path, help="write the trimmed library here")
    parser.add_argument("--languages", default=",".join(KEEP_LANGUAGES), help="e.g. zh,en")
    parser.add_argument("--list", action="store_true", help="print every item dropped")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:  # (the library argument is then the folder)
        print(json.dumps(probe(args.library), ensure_ascii=False))
        return 0
    languages = tuple(filter(None, args.languages.split(",")))
    try:
        if args.out is None:
            library = read_library(args.library)
            _prefix, kept, dropped = plan(library, languages)
            for item, (reason, size) in sorted(dropped.items()):
                if args.list:
                    print(f"{size:>10} {reason:28} {item}")
            print(Trim(library, Path(), kept, dropped).summary())
            return 0
        result = trim(args.library, args.out, languages)
        print(result.summary())
        problems = compare(args.library, args.out)
    except TrimError as error:
        print(error, file=sys.stderr)
        return 1
    for problem in problems:
        print(f"trim_icu: {problem}", file=sys.stderr)
    print(f"{args.out}: {args.out.stat().st_size:,} bytes" + (" (DIFFERS)" if problems else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
