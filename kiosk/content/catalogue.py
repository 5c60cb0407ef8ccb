"""The kiosk's own words (chrome): top bar, countdown, standby, unavailable, attract defaults.

One entry per key, one text per language. A language the catalogue has no word for falls back
to English, then to the first text of the entry, so a third language in site.yaml works at
once; `site.yaml` `chrome:` gives or overrides words for any language without code. Qt-free.

Texts with `{name}` fields are templates (`opens_at`: "{weekday} {day} {month}, {time}").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

FALLBACK = "en"

ENTRIES: dict[str, dict[str, str]] = {
    "language_name": {"zh": "中文", "en": "EN"},  # the language switch's label for itself
    "home": {"zh": "首页", "en": "Home"},
    "back": {"zh": "返回", "en": "Back"},
    "text_normal": {"zh": "A", "en": "A"},
    "text_large": {"zh": "A+", "en": "A+"},
    "still_there": {"zh": "还在浏览吗？", "en": "Still there?"},
    "touch_to_stay": {"zh": "触摸屏幕任意位置，继续浏览", "en": "Touch anywhere to keep exploring"},
    "closed": {"zh": "已闭馆", "en": "Closed"},
    "opens_at": {
        "zh": "下次开放：{month}月{day}日 {weekday} {time}",
        "en": "Opens again {weekday} {day} {month}, {time}",
    },
    "closed_indefinitely": {"zh": "暂停开放", "en": "Closed until further notice"},
    "touch_to_browse": {"zh": "触摸屏幕仍可浏览", "en": "Touch the screen to browse"},
    "unavailable": {"zh": "暂时无法使用", "en": "Temporarily unavailable"},
    "come_back_later": {
        "zh": "请稍后再来，谢谢。",
        "en": "Please come back a little later. Thank you.",
    },
    "touch_to_explore": {"zh": "触摸屏幕，开始探索", "en": "Touch to explore"},
}

WEEKDAYS: dict[str, tuple[str, ...]] = {
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTHS: dict[str, tuple[str, ...]] = {
    "zh": tuple(str(m) for m in range(1, 13)),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

KEYS = frozenset(ENTRIES)

Overrides = Mapping[str, Mapping[str, str]]  # key -> {lang: text}, from site.yaml `chrome:`


def _pick(texts: Mapping[str, str], lang: str) -> str | None:
    if lang in texts:
        return texts[lang]
    if FALLBACK in texts:
        return texts[FALLBACK]
    return next(iter(texts.values()), None)


def text(key: str, lang: str, overrides: Overrides | None = None) -> str:
    """The chrome word `key` in `lang`: the operator's own first, then the catalogue's."""
    own = (overrides or {}).get(key, {})
    if lang in own:
        return own[lang]
    if key == "language_name" and lang not in ENTRIES[key]:
        return lang.upper()  # a language names itself by its code until site.yaml names it
    return _pick(ENTRIES[key], lang) or key


def opening_text(when: datetime | None, lang: str, overrides: Overrides | None = None) -> str:
    """ "下次开放：5月3日 周六 09:00" / "Opens again Sat 3 May, 09:00"; or closed for now."""
    if when is None:
        return text("closed_indefinitely", lang, overrides)
    weekdays = WEEKDAYS.get(lang, WEEKDAYS[FALLBACK])
    months = MONTHS.get(lang, MONTHS[FALLBACK])
    return text("opens_at", lang, overrides).format(
        weekday=weekdays[when.weekday()],
        day=when.day,
        month=months[when.month - 1],
        time=f"{when:%H:%M}",
    )
