"""Numbers as visitors read them: one formatter for the home screen, figures and bar charts.

Qt-free. Babel (CLDR data) gives each language its own digits grouping and symbols: English
and Chinese `1,234,567.8`, French `1 234 567,8` (narrow no-break spaces), German
`1.234.567,8`. A language Babel does not know is formatted as English. A figure may ask for
Chinese large-number units (`Figure.zh_units`): in Chinese 349200 reads `34.92万`, in every
other language `349,200`.

Babel's data for two languages costs 9.6 MiB resident (its modules 3.2, the locale data 6.4),
so the kiosk does not keep it: each language's `NumberStyle` (its symbols, grouping and unit
patterns) is read from Babel once, when the content is validated, travels in the snapshot
cache (kiosk/content/snapshot_cache.py), and formats as Babel would, in plain Python. A style
is checked against Babel on a set of numbers when it is read; a language where they differ in
any of them keeps formatting through Babel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

MAX_CHART_DECIMALS = 2
# Chinese units (万 10^4, 亿 10^8, 万亿 10^12): from 10,000 on, with at most this many decimals.
ZH_UNITS_FROM = 10_000
ZH_UNIT_DECIMALS = 2
FALLBACK_LOCALE = "en"
# What a style is checked on against Babel: signs, rounding, carries into a larger unit.
PROBES = (0.0, -0.04, 0.04, 0.5, 7.0, -3.25, 12.345, 999.995, 1234.5, -1234567.891, 9999.0,
          10_000.0, 12_345.6, 99_995.0, 349_200.0, 999_999.0, 99_995_000.0, 99_999_999.0,
          -349_200.0, 123_456_789_012.0, 1e12, 9.99999e15)  # fmt: skip

_FRACTION = re.compile(r"\.[0#]*")
_QUOTED = re.compile(r"'([^']*)'")
_STYLES: dict[str, NumberStyle] = {}


@dataclass(frozen=True)
class Pattern:
    """A CLDR number pattern as Babel parses it: what surrounds the digits, (positive,
    negative), how they are grouped and how many integer digits are always shown."""

    prefix: tuple[str, str]
    suffix: tuple[str, str]
    grouping: tuple[int, int]
    min_digits: int


@dataclass(frozen=True)
class Unit:
    """A Chinese unit from `magnitude` on: the number is divided by `divisor` (None: not)."""

    magnitude: int
    divisor: int | None
    pattern: Pattern


@dataclass(frozen=True)
class NumberStyle:
    """How one language writes numbers (the symbols of Babel's Latin digits)."""

    lang: str
    decimal: str
    group: str
    pattern: Pattern
    units: tuple[Unit, ...] = ()  # Chinese only, largest first
    exact: bool = True  # False: it differed from Babel, which then formats this language


def format_number(value: float, decimals: int, lang: str, *, zh_units: bool = False) -> str:
    """`1234567.8` with 1 decimal -> `1,234,567.8` in English and Chinese, `1 234 567,8` in
    French. With `zh_units`, Chinese shows 万/亿 from 10,000 on: 349200 -> `34.92万`."""
    value = value or 0.0  # (-0.0 is 0: a cache cannot tell them apart, and a visitor would not)
    style = style_for(lang)
    if not style.exact:
        return babel_format(value, decimals, lang, zh_units=zh_units)
    return _format(style, value, decimals, zh_units)


def style_for(lang: str) -> NumberStyle:
    """The style of `lang`: one the snapshot brought, else read from Babel now."""
    style = _STYLES.get(lang)
    if style is None:
        style = _STYLES[lang] = read_style(lang)
    return style


def styles_for(languages: Iterable[str]) -> dict[str, NumberStyle]:
    """The styles of `languages`, for the snapshot cache to keep."""
    return {lang: style_for(lang) for lang in languages}


def remember(styles: dict[str, NumberStyle]) -> None:
    """Use `styles` (from the snapshot cache) instead of reading them from Babel."""
    _STYLES.update(styles)


def shown_decimals(value: float, most: int = MAX_CHART_DECIMALS) -> int:
    """How many decimals `value` needs, up to `most`: 1520 -> 0, 880.5 -> 1, -3.25 -> 2."""
    digits = f"{abs(value):.{most}f}".rstrip("0")
    return len(digits) - digits.index(".") - 1


# ---- in plain Python, as Babel's NumberPattern.apply does it -------------------------------


@lru_cache(maxsize=4096)  # a panel's layout asks for the same figures many times (heightForWidth)
def _format(style: NumberStyle, value: float, decimals: int, zh_units: bool) -> str:
    if zh_units and style.units and abs(value) >= ZH_UNITS_FROM:
        return _in_units(style, Decimal(repr(float(value))), style.units)
    text = f"{value:.{decimals}f}"  # rounded as Python rounds a float, as the kiosk always has
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    return _apply(style, style.pattern, negative, whole, fraction)


def _in_units(style: NumberStyle, number: Decimal, units: tuple[Unit, ...]) -> str:
    """Babel's compact decimal with ZH_UNIT_DECIMALS decimals at most, trailing zeros dropped."""
    for index, unit in enumerate(units):
        if abs(number) < unit.magnitude:
            continue
        if unit.divisor is None:
            return _apply_natural(style, unit.pattern, number)
        rounded = round(number / unit.divisor, ZH_UNIT_DECIMALS)
        if index > 0 and abs(rounded) * unit.divisor >= units[index - 1].magnitude:
            # 99,999,999 would read 10000万: it is 1亿 (a carry into the next unit)
            return _in_units(style, Decimal(units[index - 1].magnitude).copy_sign(number), units)
        return _apply_natural(style, unit.pattern, rounded)
    return _apply_natural(style, style.pattern, number)


def _apply_natural(style: NumberStyle, pattern: Pattern, number: Decimal) -> str:
    """`number` with the decimals it has, none that are only zeros."""
    negative = number.is_signed()
    whole, _, fraction = f"{abs(number).normalize():f}".partition(".")
    return _apply(style, pattern, negative, whole, fraction.rstrip("0"))


def _apply(style: NumberStyle, pattern: Pattern, negative: bool, whole: str, fraction: str) -> str:
    """The digits grouped, the decimals (shown when they are not all zeros or were asked for)
    and the pattern's prefix and suffix around them."""
    whole = whole.rjust(pattern.min_digits, "0")
    size, groups = pattern.grouping[0], list[str]()
    while len(whole) > size:
        groups.insert(0, whole[-size:])
        whole = whole[:-size]
        size = pattern.grouping[1]
    number = style.group.join([whole, *groups])
    if fraction:
        number += style.decimal + fraction
    return pattern.prefix[negative] + number + pattern.suffix[negative]


# ---- read from Babel (at validation, or when a style is not known) --------------------------


def read_style(lang: str) -> NumberStyle:
    """`lang`'s style from Babel's data, checked against Babel on PROBES."""
    from babel.numbers import parse_pattern

    locale = _locale(lang)
    symbols = locale.number_symbols["latn"]
    units: tuple[Unit, ...] = ()
    exact = True
    if locale.language == "zh":
        compact = locale.compact_decimal_formats["short"]
        exact = set(compact) == {"other"}  # (one plural form: one pattern per magnitude)
        units = tuple(
            Unit(int(magnitude), _divisor(int(magnitude), form.pattern), _pattern_of(form))
            for magnitude, form in sorted(compact["other"].items(), key=lambda item: -int(item[0]))
        )
    pattern = _pattern_of(parse_pattern(_babel_pattern(lang, 0)))
    style = NumberStyle(lang, symbols["decimal"], symbols["group"], pattern, units, exact)
    if exact and any(
        _format(style, value, decimals, units_on)
        != babel_format(value, decimals, lang, zh_units=units_on)
        for value in PROBES
        for decimals in range(4)
        for units_on in (False, True)
    ):
        style = NumberStyle(lang, style.decimal, style.group, pattern, units, exact=False)
    return style


def babel_format(value: float, decimals: int, lang: str, *, zh_units: bool = False) -> str:
    """Babel's own formatting, which the styles repeat."""
    from babel.numbers import format_compact_decimal, format_decimal

    locale = _locale(lang)
    if zh_units and locale.language == "zh" and abs(value) >= ZH_UNITS_FROM:
        return format_compact_decimal(
            Decimal(repr(float(value))), locale=locale, fraction_digits=ZH_UNIT_DECIMALS
        )
    rounded = Decimal(f"{value:.{decimals}f}")
    return format_decimal(rounded, format=_babel_pattern(lang, decimals), locale=locale)


def _pattern_of(parsed: Any) -> Pattern:
    def unquoted(text: str) -> str:
        return _QUOTED.sub(lambda m: m.group(1) or "'", text)

    return Pattern(
        tuple(unquoted(p) for p in parsed.prefix),  # type: ignore[arg-type]
        tuple(unquoted(s) for s in parsed.suffix),  # type: ignore[arg-type]
        tuple(parsed.grouping),
        parsed.int_prec[0],
    )


def _divisor(magnitude: int, pattern: str) -> int | None:
    """CLDR: a pattern `00万` from 100000 on divides by 10^4; a pattern `0` does not divide."""
    return None if pattern == "0" else magnitude // (10 ** (pattern.count("0") - 1))


@lru_cache(maxsize=64)
def _locale(lang: str) -> Any:
    """Babel's locale for a content language code; English for one Babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(FALLBACK_LOCALE)


@lru_cache(maxsize=256)
def _babel_pattern(lang: str, decimals: int) -> str:
    """The language's own decimal pattern (its grouping) with exactly `decimals` decimals."""
    pattern = _locale(lang).decimal_formats[None].pattern
    fraction = "." + "0" * decimals if decimals else ""
    positive = pattern.split(";")[0]
    if _FRACTION.search(positive):
        return _FRACTION.sub(fraction, positive, count=1)
    return positive + fraction
