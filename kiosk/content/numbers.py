"""Numbers as visitors read them: one formatter for the home screen, figures and bar charts.

Qt-free. Babel (CLDR data) gives each language its own digits grouping and symbols: English
and Chinese `1,234,567.8`, French `1 234 567,8` (narrow no-break spaces), German
`1.234.567,8`. A language Babel does not know is formatted as English. A figure may ask for
Chinese large-number units (`Figure.zh_units`): in Chinese 349200 reads `34.92万`, in every
other language `349,200`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_compact_decimal, format_decimal

MAX_CHART_DECIMALS = 2
# Chinese units (万 10^4, 亿 10^8, 万亿 10^12): from 10,000 on, with at most this many decimals.
ZH_UNITS_FROM = 10_000
ZH_UNIT_DECIMALS = 2
FALLBACK_LOCALE = "en"

_FRACTION = re.compile(r"\.[0#]*")


@lru_cache(maxsize=64)
def _locale(lang: str) -> Locale:
    """Babel's locale for a content language code; English for one Babel does not know."""
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(FALLBACK_LOCALE)


@lru_cache(maxsize=256)
def _pattern(lang: str, decimals: int) -> str:
    """The language's own decimal pattern (its grouping) with exactly `decimals` decimals."""
    pattern = _locale(lang).decimal_formats[None].pattern
    fraction = "." + "0" * decimals if decimals else ""
    positive = pattern.split(";")[0]
    if _FRACTION.search(positive):
        return _FRACTION.sub(fraction, positive, count=1)
    return positive + fraction


@lru_cache(maxsize=4096)  # a panel's layout asks for the same figures many times (heightForWidth)
def format_number(value: float, decimals: int, lang: str, *, zh_units: bool = False) -> str:
    """`1234567.8` with 1 decimal -> `1,234,567.8` in English and Chinese, `1 234 567,8` in
    French. With `zh_units`, Chinese shows 万/亿 from 10,000 on: 349200 -> `34.92万`."""
    locale = _locale(lang)
    if zh_units and locale.language == "zh" and abs(value) >= ZH_UNITS_FROM:
        return format_compact_decimal(
            Decimal(repr(float(value))), locale=locale, fraction_digits=ZH_UNIT_DECIMALS
        )
    # Rounded as Python rounds a float (as the kiosk always has), then grouped by Babel.
    rounded = Decimal(f"{value:.{decimals}f}")
    return format_decimal(rounded, format=_pattern(lang, decimals), locale=locale)


def shown_decimals(value: float, most: int = MAX_CHART_DECIMALS) -> int:
    """How many decimals `value` needs, up to `most`: 1520 -> 0, 880.5 -> 1, -3.25 -> 2."""
    digits = f"{abs(value):.{most}f}".rstrip("0")
    return len(digits) - digits.index(".") - 1
