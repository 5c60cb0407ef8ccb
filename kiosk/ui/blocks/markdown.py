"""The Markdown subset of text blocks, turned into a tiny HTML for a rich-text QLabel.

Subset: **bold**, *italic*, lines starting with `- ` as bullets, blank lines between
paragraphs. Everything is HTML-escaped FIRST, so markup typed in content (`<b>`, `<a href>`,
`<img>`) stays literal text on screen; only the tags made here are ever rendered. No links.
"""

from __future__ import annotations

import html
import re

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*A-Za-z0-9])\*(?=\S)(.+?)(?<=\S)\*(?![*A-Za-z0-9])")
_BULLET = re.compile(r"^\s*[-•]\s+")
PARAGRAPH_GAP = 20  # px between paragraphs
# No CSS line-height: with a proportional one, a rich-text label's height came out a line
# short for a turn of the event loop after a language switch (measured with `kiosk check`).


def _inline(text: str) -> str:
    text = _BOLD.sub(r"<b>\1</b>", text)
    return _ITALIC.sub(r"<i>\1</i>", text)


def to_html(source: str) -> str:
    """HTML for Qt's rich text engine from the Markdown subset (input is escaped first)."""
    parts: list[str] = []
    paragraph: list[str] = []
    bullets: list[str] = []
    p_style = f'style="margin-top:0; margin-bottom:{PARAGRAPH_GAP}px"'

    def flush() -> None:
        if paragraph:
            parts.append(f"<p {p_style}>{'<br>'.join(paragraph)}</p>")
            paragraph.clear()
        if bullets:
            items = "".join(f'<li style="margin-bottom:6px">{item}</li>' for item in bullets)
            parts.append(f'<ul style="margin-top:0; margin-bottom:{PARAGRAPH_GAP}px">{items}</ul>')
            bullets.clear()

    for raw in source.replace("\r\n", "\n").split("\n"):
        line = html.escape(raw.strip(), quote=False)
        if not line:
            flush()
        elif _BULLET.match(raw):
            if paragraph:
                flush()
            bullets.append(_inline(_BULLET.sub("", line)))
        else:
            if bullets:
                flush()
            paragraph.append(_inline(line))
    flush()
    return "".join(parts)
