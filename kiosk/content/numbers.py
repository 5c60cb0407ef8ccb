"""Numbers as visitors read them: one formatter for the home screen, figures and bar charts.

Qt-free. Today every language shows the same form, `1,234,567.8` (comma thousands, point
decimals); `lang` is there so a per-language form can come in this one place.
"""

from __future__ import annotations

MAX_CHART_DECIMALS = 2


def format_number(value: float, decimals: int, lang: str) -> str:  # noqa: ARG001 (see above)
    """`1234567.8` with 1 decimal -> `1,234,567.8`, in every language."""
    return f"{value:,.{decimals}f}"


def shown_decimals(value: float, most: int = MAX_CHART_DECIMALS) -> int:
    """How many decimals `value` needs, up to `most`: 1520 -> 0, 880.5 -> 1, -3.25 -> 2."""
    digits = f"{abs(value):.{most}f}".rstrip("0")
    return len(digits) - digits.index(".") - 1
