"""What the kiosk says aloud: every part of a screen in words, in one language. Qt-free.

Audio mode (kiosk/ui/audio.py) reads a screen part by part: a panel's title, then each block;
home's title, its notices, its figures and its tiles. A part's words are the texts the visitor
sees, each in its spoken form (`speak:`, models.LocalText), joined into sentences, so nothing
on the screen is visual-only: a picture is read from its caption, a chart from its bars and
their values, a map from its places, a QR code from what it links to. The same words are the
part's accessible description for a screen reader.

`speech_trouble` is the check behind the warning for a text no voice can read well, which
`kiosk validate` prints with the other warnings and `kiosk check` with its findings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence

from kiosk.content.numbers import format_number, shown_decimals
from kiosk.content.views import (
    Announcement,
    BarChartBlock,
    Figure,
    FiguresBlock,
    GalleryBlock,
    ImageBlock,
    LinksBlock,
    LocalText,
    MapBlock,
    Panel,
    Site,
    StoryBlock,
    TextBlock,
    TimelineBlock,
    VideoBlock,
)

Chrome = Callable[[str, str], str]  # (catalogue key, language) -> the kiosk's own word

# The voices tried for a language after site.yaml's own (`accessibility.voices`), first found
# wins: espeak-ng's through speech-dispatcher (Linux; it reports no zh_CN locale, so the
# Mandarin voice is found by its name), then Windows' OneCore / SAPI and macOS' voices.
DEFAULT_VOICES: Mapping[str, Sequence[str]] = {
    "zh": (
        "Chinese (Mandarin, latin as English)",
        "Chinese (Mandarin, latin as Pinyin)",
        "cmn",
        "Microsoft Huihui",
        "Microsoft Xiaoxiao",
        "Microsoft Yaoyao",
        "Microsoft Kangkang",
        "Tingting",
    ),
    "en": (
        "English (America)",
        "English (Great Britain)",
        "Microsoft Zira",
        "Microsoft David",
        "Microsoft Mark",
        "Samantha",
        "Daniel",
    ),
}

_MARKUP = re.compile(r"\*\*|(?<![*\w])\*(?=\S)|(?<=\S)\*(?![*\w])")
_BULLET = re.compile(r"^\s*[-•]\s+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_STOPS = "。！？.!?…:：;；"
SPEAK_FIX = "add speak: {"  # how every speech warning ends: `kiosk check` picks them out by it
SAID_SYMBOLS = frozenset("%‰°℃℉$€£¥+=×÷&@#²³")  # symbols voices read as words ("percent")


def voices_for(lang: str, site_voices: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """The voice names to try for `lang`, site.yaml's first."""
    return (*site_voices.get(lang, ()), *DEFAULT_VOICES.get(lang, ()))


def words(text: LocalText | None, lang: str) -> str:
    """A visitor text as the voice says it: its spoken form, Markdown marks left out."""
    if text is None:
        return ""
    lines = (_BULLET.sub("", line) for line in text.spoken(lang).splitlines())
    return sentences((_MARKUP.sub("", line) for line in lines), lang)


def sentences(parts: Iterable[str], lang: str) -> str:
    """Non-empty parts, each ending as a sentence does, as one text in `lang`."""
    done = []
    for part in parts:
        part = " ".join(part.split())
        if not part:
            continue
        if part[-1] not in _STOPS:
            part += "。" if lang == "zh" else "."
        done.append(part)
    return ("" if lang == "zh" else " ").join(done)


def _labelled(label: str, value: str, lang: str) -> str:
    return f"{label}：{value}" if lang == "zh" else f"{label}: {value}"


def _amount(number: str, unit: str, lang: str) -> str:
    """A number with its unit as said: "3.83 km", "94%", "34.92万人"."""
    if not unit or lang == "zh" or not unit[0].isalpha():
        return number + unit
    return f"{number} {unit}"


def _filled(template: str, value: str, name: str) -> str:
    """`template` with `value` in it, unless `value` already starts with the template's own
    words ("Source: ..." in the content itself)."""
    lead = template.split("{")[0].strip(" :：")
    if lead and value.startswith(lead):
        return value
    return template.format(**{name: value})


def figure_words(figure: Figure, lang: str, chrome: Chrome, with_source: bool = True) -> str:
    """A key figure as the screen shows it: the number with its unit, then what it counts."""
    number = format_number(figure.value, figure.decimals, lang, zh_units=figure.zh_units)
    amount = _amount(number, words(figure.unit, lang).rstrip(_STOPS), lang)
    label = words(figure.label, lang).rstrip(_STOPS)
    parts = [f"{amount}，{label}" if lang == "zh" else f"{amount}, {label}"]
    if with_source:
        parts.append(_filled(chrome("spoken_source", lang), words(figure.source, lang), "source"))
    return sentences(parts, lang)


def block_words(block: object, lang: str, chrome: Chrome) -> str:
    """Everything a block shows, as sentences in `lang`."""
    say = lambda text: words(text, lang)  # noqa: E731
    parts: list[str] = [say(getattr(block, "title", None))]
    source = getattr(block, "source", None)
    if isinstance(block, TextBlock):
        parts.append(say(block.body))
    elif isinstance(block, FiguresBlock):
        parts += [figure_words(item, lang, chrome) for item in block.items]
    elif isinstance(block, ImageBlock):
        parts += _picture(block.caption, block.credit, lang, chrome)
    elif isinstance(block, GalleryBlock):
        parts.append(chrome("spoken_pictures", lang).format(count=len(block.images)))
        for image in block.images:
            parts += _picture(image.caption, image.credit, lang, chrome)
    elif isinstance(block, TimelineBlock):
        for event in block.events:
            parts += [_labelled(say(event.when).rstrip(_STOPS), say(event.title), lang)]
            parts.append(say(event.text))
    elif isinstance(block, StoryBlock):
        who = [say(block.person), say(block.role), say(block.organisation)]
        comma = "，" if lang == "zh" else ", "
        parts += [comma.join(p.rstrip(_STOPS) for p in who if p), say(block.quote)]
    elif isinstance(block, BarChartBlock):
        unit = say(block.unit).rstrip(_STOPS)
        for bar in block.bars:
            number = format_number(bar.value, shown_decimals(bar.value), lang)
            amount = _amount(number, unit, lang)
            parts.append(_labelled(say(bar.label).rstrip(_STOPS), amount, lang))
    elif isinstance(block, LinksBlock):
        for link in block.links:
            parts.append(chrome("spoken_qr", lang).format(label=say(link.label).rstrip(_STOPS)))
    elif isinstance(block, VideoBlock):
        parts.append(chrome("spoken_video", lang))
        parts += [say(block.caption)]
        if block.credit is not None:
            parts.append(_filled(chrome("spoken_credit", lang), say(block.credit), "credit"))
    elif isinstance(block, MapBlock):
        parts.append(chrome("spoken_map", lang).format(count=len(block.hotspots)))
        for spot in block.hotspots:
            parts += [_labelled(say(spot.title).rstrip(_STOPS), say(spot.text), lang)]
    if source is not None:
        parts.append(_filled(chrome("spoken_source", lang), say(source), "source"))
    return sentences(parts, lang)


def _picture(
    caption: LocalText | None, credit: LocalText | None, lang: str, chrome: Chrome
) -> list[str]:
    said = words(caption, lang) or chrome("spoken_no_caption", lang)
    parts = [chrome("spoken_picture", lang).format(caption=said.rstrip(_STOPS))]
    if credit is not None:
        parts.append(_filled(chrome("spoken_credit", lang), words(credit, lang), "credit"))
    return parts


def panel_intro(panel: Panel, lang: str) -> str:
    """The first part of a panel: its title and subtitle."""
    return sentences([words(panel.title, lang), words(panel.subtitle, lang)], lang)


def site_intro(site: Site, lang: str) -> str:
    """The first part of home: the site's title and subtitle."""
    return sentences([words(site.title, lang), words(site.subtitle, lang)], lang)


def announcement_words(notice: Announcement, lang: str) -> str:
    return sentences([words(notice.title, lang), words(notice.text, lang)], lang)


def tile_words(panel: Panel, lang: str, chrome: Chrome) -> str:
    """A home tile: what it opens."""
    return sentences(
        [
            chrome("spoken_tile", lang).format(title=words(panel.title, lang).rstrip(_STOPS)),
            words(panel.subtitle, lang),
        ],
        lang,
    )


def speech_trouble(text: str, lang: str) -> str | None:
    """Why a voice for `lang` cannot read `text` well (what it would say instead), or None."""
    fix = f"{SPEAK_FIX}{lang}: ...}} with the words to say"
    if not any(unicodedata.category(ch)[0] in "LN" or ch in SAID_SYMBOLS for ch in text):
        return (
            f"{text.strip()[:40]!r} has no words in it: a voice says nothing for it, or a "
            f"symbol's name; {fix}"
        )
    if lang != "zh" and _HAN.search(text):
        han = "".join(_HAN.findall(text))[:12]
        return (
            f"the {lang!r} voice cannot read the Chinese characters {han!r} in this text (it "
            f'says "Chinese letter" for each); {fix}'
        )
    return None
