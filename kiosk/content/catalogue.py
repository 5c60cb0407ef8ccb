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
    "more_time": {"zh": "我还在看", "en": "More time"},  # the countdown's two choices
    "start_over": {"zh": "重新开始", "en": "Start over"},
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
    # notice.yaml's level, over the notice on every screen (kiosk/ui/overlays/notice.py)
    "notice_information": {"zh": "通知", "en": "Notice"},
    "notice_closure": {"zh": "闭馆通知", "en": "Closure"},
    "notice_evacuation": {"zh": "紧急疏散", "en": "Evacuation"},
    "notice_until": {"zh": "有效至 {month}月{day}日 {time}", "en": "Until {day} {month}, {time}"},
    "pause": {"zh": "暂停", "en": "Pause"},  # the attract loop's pause and play control
    "play": {"zh": "播放", "en": "Play"},
    # keypad navigation (kiosk/ui/keypad.py): the help card, and names a screen reader reads
    "keys_title": {"zh": "用键盘或按键浏览", "en": "Using the keypad"},
    "keys_move": {"zh": "← → 或 Tab：上一项、下一项", "en": "← → or Tab: previous, next item"},
    "keys_read": {"zh": "↑ ↓：向上、向下阅读", "en": "↑ ↓: read up and down the page"},
    "keys_select": {"zh": "Enter 或空格：选择", "en": "Enter or Space: choose"},
    "keys_back": {"zh": "Esc 或退格：返回", "en": "Esc or Backspace: go back"},
    "keys_audio": {"zh": "F2 或小键盘 *：语音导览", "en": "F2 or keypad *: audio guide"},
    "keys_help": {"zh": "F1 或 ?（小键盘 0）：本说明", "en": "F1 or ? (keypad 0): this help"},
    "close": {"zh": "关闭", "en": "Close"},
    "language_button": {"zh": "语言：{name}", "en": "Language: {name}"},
    # a language named in the one shown, for a screen reader and the voice ("Language: Chinese")
    "language_called_zh": {"zh": "中文", "en": "Chinese"},
    "language_called_en": {"zh": "英文", "en": "English"},
    "text_normal_name": {"zh": "标准字号", "en": "Normal text size"},
    "text_large_name": {"zh": "大字号", "en": "Large text size"},
    "chapter": {"zh": "第 {n} 章，共 {count} 章", "en": "Chapter {n} of {count}"},
    "image_open": {"zh": "全屏查看图片 {n}/{count}", "en": "View image {n} of {count} full screen"},
    "image_previous": {"zh": "上一张图片", "en": "Previous image"},
    "image_next": {"zh": "下一张图片", "en": "Next image"},
    # a film's controls (kiosk/ui/blocks/video.py)
    "video_play": {"zh": "播放视频", "en": "Play the video"},
    "video_pause": {"zh": "暂停视频", "en": "Pause the video"},
    "video_sound_off": {"zh": "关闭声音", "en": "Sound off"},
    "video_sound_on": {"zh": "打开声音", "en": "Sound on"},
    "captions_off": {"zh": "关闭字幕", "en": "Captions off"},
    "captions_on": {"zh": "打开字幕", "en": "Captions on"},
    "video_full_screen": {"zh": "全屏观看", "en": "Full screen"},
    "video_position": {"zh": "播放进度", "en": "Position in the video"},
    "video_unplayable": {"zh": "视频暂时无法播放", "en": "This video cannot be played just now"},
    "video_open": {"zh": "视频：{title}", "en": "Video: {title}"},
    "hotspot": {"zh": "地点 {n}", "en": "Place {n}"},
    "qr_code": {"zh": "二维码", "en": "QR code"},
    # audio mode (kiosk/ui/audio.py): its controls, and the words it adds to a screen's texts
    "audio_guide": {"zh": "语音导览", "en": "Audio guide"},
    "audio_previous": {"zh": "上一段", "en": "Previous"},
    "audio_repeat": {"zh": "重听", "en": "Repeat"},
    "audio_pause": {"zh": "暂停", "en": "Pause"},
    "audio_resume": {"zh": "继续", "en": "Resume"},
    "audio_next": {"zh": "下一段", "en": "Next"},
    "audio_quieter": {"zh": "小声", "en": "Quieter"},
    "audio_louder": {"zh": "大声", "en": "Louder"},
    "audio_volume": {"zh": "{level}/{steps}", "en": "{level}/{steps}"},  # between − and +
    "audio_stop": {"zh": "关闭语音", "en": "Audio off"},
    "audio_check": {"zh": "语音测试：北京经济技术开发区", "en": "Speech check: Beijing E-Town"},
    "audio_starting": {"zh": "正在启动语音导览…", "en": "Starting the audio guide…"},
    "audio_part": {"zh": "第 {n} 段，共 {count} 段", "en": "Part {n} of {count}"},
    "audio_no_voice": {
        "zh": "本机没有中文语音，请联系工作人员",
        "en": "This kiosk has no English voice: please ask a member of staff",
    },
    "audio_unavailable": {
        "zh": "语音暂时无法使用，请联系工作人员",
        "en": "Speech is not working just now: please ask a member of staff",
    },
    "spoken_source": {"zh": "来源：{source}", "en": "Source: {source}"},
    "spoken_picture": {"zh": "图片：{caption}", "en": "Picture: {caption}"},
    "spoken_no_caption": {"zh": "无说明", "en": "no caption"},
    "spoken_credit": {"zh": "图片来源：{credit}", "en": "Credit: {credit}"},
    "spoken_pictures": {"zh": "共 {count} 张图片", "en": "{count} pictures"},
    "spoken_video": {
        "zh": "一段视频，轻触画面即可播放",
        "en": "A video: tap the picture to play it",
    },
    "spoken_qr": {"zh": "扫描二维码，打开{label}", "en": "Scan the QR code for {label}"},
    "spoken_map": {"zh": "地图，共 {count} 个地点", "en": "A map of {count} places"},
    "spoken_tile": {"zh": "打开：{title}", "en": "Open: {title}"},
    # "lower the screen" (kiosk/ui/main_window.py): a tall screen's content moved within reach
    "lower_screen": {"zh": "降低画面", "en": "Lower the screen"},
    "raise_screen": {"zh": "恢复全屏", "en": "Full screen"},
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


def until_text(when: datetime, lang: str, overrides: Overrides | None = None) -> str:
    """ "有效至 12月2日 18:00" / "Until 2 Dec, 18:00": when a notice ends by itself."""
    months = MONTHS.get(lang, MONTHS[FALLBACK])
    return text("notice_until", lang, overrides).format(
        day=when.day, month=months[when.month - 1], time=f"{when:%H:%M}"
    )
