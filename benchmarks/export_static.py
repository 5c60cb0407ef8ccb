"""Export the sample content as one static HTML page (home tiles and every panel, in both
languages, images referenced from the content folder): what a browser-based kiosk would show.

    python -m benchmarks.export_static --out /tmp/page   # writes /tmp/page/index.html
"""

from __future__ import annotations

import argparse
import html
from pathlib import Path

from kiosk.content.models import Content

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
STYLE = """
body { margin: 0; background: #081a33; color: #f5f8fc; font: 22px "DejaVu Sans", sans-serif; }
section { padding: 40px 48px; }
h1 { font-size: 64px; margin: 0 0 8px; } h2 { font-size: 48px; } h3 { font-size: 32px; }
.tiles, .figures { display: grid; grid-template-columns: repeat(2, 1fr); gap: 24px; }
.figures { grid-template-columns: repeat(4, 1fr); }
.tile { position: relative; height: 260px; border-radius: 24px; overflow: hidden;
        background: #102a4c; border-left: 10px solid var(--accent); }
.tile img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover;
            filter: brightness(.55); }
.tile div { position: absolute; left: 40px; bottom: 36px; }
.card { background: #102a4c; border-radius: 16px; padding: 22px 28px; }
.value { font-size: 56px; font-weight: bold; }
.block { max-width: 1400px; margin: 0 auto 32px; }
.block img { max-width: 100%; border-radius: 12px; }
"""


def _text(value, lang: str) -> str:
    if isinstance(value, dict) and lang in value:
        return str(value[lang])
    return "" if value is None or isinstance(value, dict) else str(value)


def _is_local(value) -> bool:
    return isinstance(value, dict) and bool(value) and all(len(k) == 2 for k in value)


def _render(value, lang: str, base: Path) -> str:
    """Any block data: visitor text in `lang`, image paths as <img>, lists and fields nested."""
    if _is_local(value):
        return f"<p>{html.escape(_text(value, lang))}</p>"
    if isinstance(value, str):
        if value.lower().endswith(IMAGE_SUFFIXES):
            return f'<img src="{(base / value).as_uri()}" alt="">'
        return ""  # ids, colours, types: not shown
    if isinstance(value, dict):
        return "".join(_render(v, lang, base) for k, v in value.items() if k != "type")
    if isinstance(value, list):
        return "".join(_render(v, lang, base) for v in value)
    return html.escape(str(value)) if isinstance(value, (int, float)) else ""


def _home(content: Content, lang: str) -> str:
    site = content.site.model_dump(mode="json")
    base = Path(content.root).resolve()
    parts = [f"<h1>{html.escape(_text(site['title'], lang))}</h1>"]
    parts.append(f"<h3>{html.escape(_text(site.get('subtitle'), lang))}</h3>")
    parts.append('<div class="figures">')
    for figure in site.get("headline_figures", []):
        parts.append(
            f'<div class="card"><span class="value">{figure["value"]}</span> '
            f"{html.escape(_text(figure.get('unit'), lang))}"
            f"<p>{html.escape(_text(figure['label'], lang))}</p></div>"
        )
    parts.append('</div><div class="tiles">')
    for panel in content.site.panels:
        data = content.panels[panel].model_dump(mode="json")
        hero = data.get("hero_image")
        image = f'<img src="{(base / hero).as_uri()}" alt="">' if hero else ""
        parts.append(
            f'<a class="tile" style="--accent:{data["accent"]}" href="#{panel}-{lang}">{image}'
            f"<div><h2>{html.escape(_text(data['title'], lang))}</h2>"
            f"<p>{html.escape(_text(data.get('subtitle'), lang))}</p></div></a>"
        )
    parts.append("</div>")
    return f'<section id="home-{lang}">{"".join(parts)}</section>'


def _panel(content: Content, panel_id: str, lang: str) -> str:
    data = content.panels[panel_id].model_dump(mode="json")
    base = Path(content.root).resolve()
    hero = data.get("hero_image")
    head = f'<img src="{(base / hero).as_uri()}" alt="" style="width:100%">' if hero else ""
    head += f"<h1>{html.escape(_text(data['title'], lang))}</h1>"
    blocks = "".join(
        f'<div class="block">{_render(block, lang, base)}</div>' for block in data["blocks"]
    )
    return f'<section id="{panel_id}-{lang}">{head}{blocks}</section>'


def export(content: Content, out: Path) -> Path:
    """Write `out`/index.html and return its path."""
    out.mkdir(parents=True, exist_ok=True)
    body = []
    for lang in content.site.languages:
        body.append(_home(content, lang))
        body += [_panel(content, panel_id, lang) for panel_id in content.site.panels]
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><title>E-Town</title>'
        f"<style>{STYLE}</style></head><body>{''.join(body)}</body></html>"
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def main() -> None:
    from kiosk.content.loader import load_content
    from kiosk.paths import default_content_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--content", type=Path, default=None)
    args = parser.parse_args()
    result = load_content(args.content or default_content_dir())
    if not result.ok:
        raise SystemExit("the content has errors; run `kiosk validate`")
    print(export(result.content, args.out))


if __name__ == "__main__":
    main()
