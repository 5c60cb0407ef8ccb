"""Line breaks a visitor can read: what must never be split at the end of a line. Qt-free.

`keep_together(text, lang)` returns the text with U+2060 WORD JOINER (zero width, no glyph,
no break on either side) between characters that must stay on one line, and a NO-BREAK
SPACE where an ordinary space separated them. Qt's line breaker honours both (proven with the
bundled fonts in tests/ui/blocks/test_blocks_numbers.py). The rules, in order:

1. A number and its unit. A number is Arabic digits (`349,200`, `3.83`, `-2.5`, with `%` or
   `‰` after it), or Chinese numerals (`三`, `百万`, `千亿`) followed by a unit word or after a
   prefix. Its unit is a run of words from `UNITS` (a short explicit list: measures, counters,
   万/亿 and the suffixes 余 多 级 以上 左右), glued on as a whole: `3.83平方公里`, `45秒`,
   `34.92万人`, `近三成`, `百万平方米级`, `千亿级`, `1万人次`; a space between the number
   and its unit becomes a no-break space (`45 秒`), one after the unit stays (`7日 周三`). A
   prefix from `PREFIXES` (近 约 超 逾 第 共 达 每) directly before a number goes with it.
2. A number and the word after a space: the space becomes a no-break space, so `3.83 km²`,
   `349,200 people` and `30 %` stay whole (a Latin word never breaks inside anyway).
3. The last line of a paragraph is never a single CJK character: the paragraph's last two
   ideographs, the punctuation between them and after them are joined (`…与生活。` cannot
   leave `活。` alone).

The rules go by the characters' script, not by `lang` (a Chinese name in an English text is
kept whole too); `lang` is there so that a rule for one language has its place. Word joiners
already in the text are kept, and typesetting twice changes nothing. `keep_together_html`
does the same inside the text of HTML made by the kiosk's Markdown subset, leaving tags alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"

# Unit and measure words glued to the number before them, longest first where one starts
# another (平方米 before 米). 万 and 亿 are both numerals and units: `34.92万`, `百万`.
UNITS = (
    # area, length, volume
    "平方公里", "平方千米", "平方米", "立方米", "公里", "千米", "厘米", "毫米", "微米", "纳米",
    "米", "公顷", "亩",
    # mass, money, energy
    "千克", "公斤", "吨", "克", "美元", "元", "千瓦时", "千瓦", "兆瓦", "瓦", "度",
    # time
    "个工作日", "工作日", "个月", "分钟", "小时", "秒", "天", "日", "周", "月", "年", "岁",
    # multipliers and counters
    "十", "百", "千", "万", "亿", "倍", "成",
    "个", "家", "人", "名", "位", "件", "项", "台", "辆", "座", "所", "条", "种", "次", "层",
    "栋", "户", "套", "批", "款", "届", "类", "部", "张", "株", "棵", "处", "趟", "遍", "场",
    # suffixes: approximately, more than, of the class
    "余", "多", "级", "以上", "以下", "以内", "左右",
)  # fmt: skip
PREFIXES = "近约超逾第共达每"
CHINESE_NUMERALS = "零〇一二两三四五六七八九十百千万亿几数"
LATIN_UNIT_SYMBOLS = "%‰°℃µ²³$€£¥"

_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_ARABIC = r"(?<![A-Za-z0-9_.,])[+\-−]?\d+(?:[.,]\d+)*[%‰]?"
_SPACE = f"[ {NO_BREAK_SPACE}]"
_NUMBER_WITH_UNIT = re.compile(
    rf"[{PREFIXES}]?(?:{_ARABIC}(?:{_SPACE}?(?:{_UNIT})+)?"  # 3.83平方公里, 45 秒, 30%
    rf"|[{CHINESE_NUMERALS}]+(?:{_UNIT})+"  # 三成, 百万平方米级
    rf"|(?<=[{PREFIXES}])[{CHINESE_NUMERALS}]+)"  # 第一 (after a prefix)
)
# Any other character right after a number is its measure word: 4趟, 2个 (not in UNITS yet).
_NUMBER_THEN_HANZI = re.compile(rf"{_ARABIC}(?=[\u3400-\u9fff])")
_NUMBER_SPACE_WORD = re.compile(
    r"(?<![A-Za-z0-9_.,])\d+(?:[.,]\d+)*"  # a number (30% of: the % is its unit already)
    rf"( )(?=[^\W\d_]|[{LATIN_UNIT_SYMBOLS}])"  # 349,200 people, 30 %, 3.83 km²
)
_HTML_TOKEN = re.compile(r"<[^>]*>|&#?\w+;")
_INLINE_TAG = re.compile(r"</?(?:b|i|u|s|em|strong|span|a|font|sub|sup|code)\b", re.IGNORECASE)
_ASCII_GLUED = frozenset("0123456789.,%+-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def is_ideograph(char: str) -> bool:
    """A Han ideograph or a kana: a character a CJK line may break before or after."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF  # CJK Unified Ideographs
        or 0x3400 <= code <= 0x4DBF  # Extension A
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= code <= 0x3FFFF  # Extensions B and on
        or 0x3040 <= code <= 0x30FF  # hiragana, katakana
        or char in "〇々"
    )


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS" and not is_ideograph(char)


def _orphan_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The part of paragraph text[start:end] that must share the last line: its last two
    ideographs and the punctuation between and after them (None: the rule does not apply)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    last = end - 1
    while last >= start and _is_punctuation(text[last]):
        last -= 1
    if last < start or not is_ideograph(text[last]):
        return None
    before = last - 1
    while before >= start and _is_punctuation(text[before]):
        before -= 1
    if before < start or not is_ideograph(text[before]):
        return None
    return before, end


def _needs_joiner(left: str, right: str) -> bool:
    """Whether a joiner is needed to keep `left` and `right` together: not beside a no-break
    space or a joiner, nor between ASCII letters, digits and number signs (Qt keeps those)."""
    if NO_BREAK_SPACE in (left, right) or WORD_JOINER in (left, right):
        return False
    return not (left in _ASCII_GLUED and right in _ASCII_GLUED)  # 349,200 or 30% or km


@lru_cache(maxsize=4096)  # a language switch typesets the same texts again
def _typeset(text: str, paragraph_ends: bool) -> str:
    """keep_together for plain text; `paragraph_ends`: its last line ends a paragraph."""
    joined: set[int] = set()  # k: no break between plain[k - 1] and plain[k]
    kept: set[int] = set()  # k: the text had a joiner before plain[k] (kept as it is)
    spaces: set[int] = set()  # k: plain[k] is a space that becomes a no-break space
    plain = text
    if WORD_JOINER in text:
        pieces = text.split(WORD_JOINER)
        plain = "".join(pieces)
        offset = 0
        for piece in pieces[:-1]:
            offset += len(piece)
            kept.add(offset)

    def join(start: int, end: int) -> None:
        joined.update(range(start + 1, end))
        spaces.update(i for i in range(start, end) if plain[i] == " ")

    for match in _NUMBER_WITH_UNIT.finditer(plain):
        join(match.start(), match.end())
    for match in _NUMBER_THEN_HANZI.finditer(plain):
        join(match.start(), match.end() + 1)
    for match in _NUMBER_SPACE_WORD.finditer(plain):
        spaces.add(match.start(1))
    offset = 0
    paragraphs = plain.split("\n")
    for index, paragraph in enumerate(paragraphs):
        if paragraph_ends or index < len(paragraphs) - 1:
            span = _orphan_span(plain, offset, offset + len(paragraph))
            if span is not None:
                join(*span)
        offset += len(paragraph) + 1

    def shown(k: int) -> str:
        return NO_BREAK_SPACE if k in spaces else plain[k]

    out: list[str] = []
    done = 0  # plain[:done] is in `out`
    for k in sorted(joined | kept | spaces):
        out.append(plain[done:k])
        done = k
        if k in kept or (k in joined and _needs_joiner(shown(k - 1), shown(k))):
            out.append(WORD_JOINER)
        if k in spaces:
            out.append(NO_BREAK_SPACE)
            done = k + 1
    out.append(plain[done:])
    return "".join(out)


def keep_together(text: str, lang: str) -> str:
    """`text` with word joiners and no-break spaces where a line must not break (see above):
    `3.83平方公里` -> `3.83⁠平⁠方⁠公⁠里`, `349,200 people` -> `349,200\\u00a0people`."""
    del lang  # the rules follow the script (see the module's doc)
    if not text:
        return text
    return _typeset(text, paragraph_ends=True)


def plain_text(text: str) -> str:
    """`text` without what typesetting added: no word joiners, ordinary spaces. For comparing
    what a label shows with the text the content gives (tests do)."""
    return text.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ")


def keep_together_html(html: str, lang: str) -> str:
    """keep_together for the text of rich text: tags and entities are left as they are, and
    a paragraph ends at a block tag (`</p>`, `<br>`, `<li>`...) or at the end."""
    del lang
    parts = _HTML_TOKEN.split(html)
    tokens = _HTML_TOKEN.findall(html)
    out: list[str] = []
    for index, part in enumerate(parts):
        if part:
            out.append(_typeset(part, paragraph_ends=_ends_paragraph(parts, tokens, index)))
        if index < len(tokens):
            out.append(tokens[index])
    return "".join(out)


def _ends_paragraph(parts: list[str], tokens: list[str], index: int) -> bool:
    """Whether the text part `index` is the last text before a block tag or the end."""
    for token, after in zip(tokens[index:], parts[index + 1 :], strict=True):
        if token.startswith("&"):
            return False  # an entity is text: the paragraph goes on
        if not _INLINE_TAG.match(token):
            return True
        if after.strip():
            return False
    return True
