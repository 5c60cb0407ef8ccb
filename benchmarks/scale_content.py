"""Content at the scale a museum could give the kiosk: 12 panels of 60 blocks, each panel with
20 camera-size photographs (6000 x 4000 JPEG, several MB each).

    python -m benchmarks.scale_content --out /tmp/kiosk-scale [--panels 12 --blocks 60 --photos 20]

The blocks mix every kind the schema allows but films (text, figures, image, gallery, timeline,
story, bar chart, links, map). The photographs are drawn here (gradients, shapes and noise, so
a JPEG is as large as a camera's) and saved once into a cache folder (`--cache`, default
`/tmp/kiosk-scale-photos`); the content's 12 x 20 photo paths are hard links to a handful of
them (`--distinct`), each under its own name, so every path decodes on its own in the kiosk's
image cache (which keys by path). Never symlinks: the loader refuses them. Where hard links are
not possible (another file system) the files are copied. A rerun reuses the cached photos and
rewrites only the YAML, so it takes a second or two. Nothing here is committed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
from pathlib import Path

import yaml

from kiosk.paths import default_content_dir

PHOTO_SIZE = (6000, 4000)
DEFAULT_CACHE = Path("/tmp/kiosk-scale-photos")
_ICONS = ("mdi6.factory", "mdi6.tree", "mdi6.briefcase-check", "mdi6.account-group")
_ACCENTS = ("#2f7de1", "#1f9d6b", "#d98a1c", "#8b5cf6")
_SOURCE = {
    "zh": "来源：为规模测试生成的示例内容",
    "en": "Source: sample content generated for the scale benchmark",
}
_ZH_SENTENCE = (
    "北京经济技术开发区是首都高精尖产业的主阵地，新一代信息技术与生物医药在这里蓬勃发展。"
)
_EN_SENTENCE = (
    "Beijing E-Town is a mainstay of the capital's high-tech industry, where information "
    "technology and biomedicine grow side by side."
)


# ---- photographs ------------------------------------------------------------------------------


def _app():
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def render_photo(seed: int, size: tuple[int, int] = PHOTO_SIZE):
    """A camera-like QImage: a sky-to-ground gradient, soft shapes and sensor-like noise."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPixmap, QRadialGradient

    rng = random.Random(seed)
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    sky = QLinearGradient(0, 0, 0, height)
    hue = rng.randrange(360)
    sky.setColorAt(0.0, QColor.fromHsv(hue, 120, 235))
    sky.setColorAt(0.55, QColor.fromHsv((hue + 40) % 360, 90, 200))
    sky.setColorAt(1.0, QColor.fromHsv((hue + 180) % 360, 160, 70))
    painter.fillRect(0, 0, width, height, sky)
    painter.setPen(Qt.PenStyle.NoPen)
    for _ in range(40):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        radius = rng.uniform(width / 40, width / 6)
        glow = QRadialGradient(QPointF(x, y), radius)
        glow.setColorAt(0, QColor.fromHsv(rng.randrange(360), 180, 230, 170))
        glow.setColorAt(1, QColor.fromHsv(rng.randrange(360), 180, 120, 0))
        painter.setBrush(glow)
        painter.drawEllipse(QPointF(x, y), radius, radius)
    for _ in range(60):  # buildings: hard edges, as in a photograph of a town
        w, h = rng.uniform(80, 500), rng.uniform(300, 2200)
        x = rng.uniform(0, width)
        painter.setBrush(QColor.fromHsv(rng.randrange(360), rng.randrange(30, 120), 60, 220))
        painter.drawRect(QRectF(x, height - h, w, h))
    # Noise: a tile of random bytes laid over the whole picture at a fifth of its strength.
    tile_side = 509  # not a multiple of JPEG's 8 px blocks
    tile = QImage(
        os.urandom(tile_side * tile_side * 4), tile_side, tile_side, QImage.Format.Format_RGB32
    ).copy()
    painter.setOpacity(0.2)
    painter.drawTiledPixmap(
        QRectF(0, 0, width, height), QPixmap.fromImage(tile), QPointF(rng.randrange(509), 0)
    )
    painter.end()
    return image


def cached_photos(cache: Path, count: int, size: tuple[int, int] = PHOTO_SIZE) -> list[Path]:
    """`count` distinct JPEG photographs in `cache`, drawn only if not already there."""
    cache.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = cache / f"photo-{size[0]}x{size[1]}-{index:02d}.jpg"
        if not path.is_file() or path.stat().st_size == 0:
            _app()
            partial = path.with_suffix(".part.jpg")
            if not render_photo(1000 + index, size).save(str(partial), "JPEG", 90):
                raise RuntimeError(f"could not save {partial}")
            partial.replace(path)
        paths.append(path)
    return paths


def _place(source: Path, dest: Path) -> None:
    """`dest` as a hard link to `source` (a copy where links cannot be made)."""
    if dest.exists():
        if dest.stat().st_ino == source.stat().st_ino:
            return
        dest.unlink()
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


# ---- YAML ---------------------------------------------------------------------------------


def _text(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


def _body(n: int, sentences: int = 4) -> dict:
    zh = "\n\n".join(f"{_ZH_SENTENCE}（第{n}段之{i + 1}）" for i in range(sentences))
    en = "\n\n".join(f"{_EN_SENTENCE} (Paragraph {i + 1} of block {n}.)" for i in range(sentences))
    return _text(zh + "\n\n- **要点一**\n- **要点二**", en + "\n\n- **Point one**\n- **Point two**")


def _photo_blocks(paths: list[str]) -> list[dict]:
    """Blocks showing `paths` (the panel's photos but its header): images, galleries, stories,
    a map, in that proportion."""
    blocks: list[dict] = []
    queue = list(paths)
    n = 0
    while queue:
        n += 1
        kind = ("image", "gallery", "story", "image", "map", "gallery", "story")[n % 7]
        if kind == "gallery" and len(queue) >= 2:
            take, queue = queue[:4], queue[4:]
            blocks.append(
                {
                    "type": "gallery",
                    "title": _text(f"图集 {n}", f"Gallery {n}"),
                    "images": [
                        {
                            "image": p,
                            "caption": _text(f"照片 {i + 1}", f"Photograph {i + 1}"),
                            "credit": _text("摄影：示例", "Photo: sample"),
                        }
                        for i, p in enumerate(take)
                    ],
                }
            )
        elif kind == "story":
            blocks.append(
                {
                    "type": "story",
                    "person": _text(f"人物 {n}", f"Person {n}"),
                    "role": _text("工程师", "Engineer"),
                    "organisation": _text("示例公司", "Sample Company"),
                    "quote": _text(_ZH_SENTENCE, _EN_SENTENCE),
                    "image": queue.pop(0),
                    "source": _text(_SOURCE["zh"], _SOURCE["en"]),
                }
            )
        elif kind == "map":
            blocks.append(
                {
                    "type": "map",
                    "title": _text(f"示意图 {n}", f"Map {n}"),
                    "image": queue.pop(0),
                    "hotspots": [
                        {
                            "x": round(0.15 + 0.2 * i, 2),
                            "y": round(0.3 + 0.1 * i, 2),
                            "title": _text(f"地点 {i + 1}", f"Place {i + 1}"),
                            "text": _text(_ZH_SENTENCE, _EN_SENTENCE),
                        }
                        for i in range(4)
                    ],
                }
            )
        else:
            blocks.append(
                {
                    "type": "image",
                    "image": queue.pop(0),
                    "caption": _text(f"照片 {n}", f"Photograph {n}"),
                    "credit": _text("摄影：示例", "Photo: sample"),
                }
            )
    return blocks


def _plain_block(n: int) -> dict:
    kind = n % 5
    if kind == 0:
        return {"type": "text", "title": _text(f"第{n}节", f"Section {n}"), "body": _body(n)}
    if kind == 1:
        return {
            "type": "figures",
            "title": _text(f"数字 {n}", f"Figures {n}"),
            "items": [
                {
                    "value": 100 * (n + i),
                    "unit": _text("家", "companies"),
                    "label": _text(f"企业数量 {i + 1}", f"companies, count {i + 1}"),
                    "source": _text(_SOURCE["zh"], _SOURCE["en"]),
                }
                for i in range(4)
            ],
        }
    if kind == 2:
        return {
            "type": "timeline",
            "title": _text(f"历程 {n}", f"Timeline {n}"),
            "events": [
                {
                    "when": str(1992 + 4 * i),
                    "title": _text(f"事件 {i + 1}", f"Event {i + 1}"),
                    "text": _text(_ZH_SENTENCE, _EN_SENTENCE),
                }
                for i in range(6)
            ],
        }
    if kind == 3:
        return {
            "type": "bar_chart",
            "title": _text(f"图表 {n}", f"Chart {n}"),
            "unit": "%",
            "bars": [
                {"label": _text(f"类别 {i + 1}", f"Category {i + 1}"), "value": 10 + 7 * i}
                for i in range(5)
            ],
            "source": _text(_SOURCE["zh"], _SOURCE["en"]),
        }
    return {
        "type": "links",
        "title": _text("扫码了解更多", "Scan to learn more"),
        "links": [
            {"label": _text("官方网站", "Official website"), "url": f"https://example.org/{n}"},
            {"label": _text("英文网站", "English website"), "url": f"https://example.org/en/{n}"},
        ],
    }


def panel_data(index: int, blocks: int, photos: list[str]) -> dict:
    """One panel: `photos[0]` as its header, the rest in blocks spread through the panel."""
    panel_id = f"scale-{index + 1:02d}"
    shown = _photo_blocks(photos[1:])
    if len(shown) >= blocks:
        raise ValueError(f"{len(photos)} photos do not fit in {blocks} blocks")
    # The photo blocks spread evenly through the panel, the first one second.
    at = {1 + (i * (blocks - 1)) // len(shown) for i in range(len(shown))}
    out: list[dict] = []
    plain = 0
    for position in range(blocks):
        if position in at and shown:
            out.append(shown.pop(0))
        else:
            out.append(_plain_block(plain))
            plain += 1
    return {
        "id": panel_id,
        "title": _text(f"展区 {index + 1}", f"Exhibit {index + 1}"),
        "subtitle": _text("为规模测试生成", "Generated for the scale benchmark"),
        "icon": _ICONS[index % len(_ICONS)],
        "accent": _ACCENTS[index % len(_ACCENTS)],
        "hero_image": photos[0],
        "blocks": out,
    }


def generate(
    dest: Path,
    panels: int = 12,
    blocks: int = 60,
    photos: int = 20,
    distinct: int = 6,
    cache: Path = DEFAULT_CACHE,
) -> Path:
    """Write the content folder at `dest` (its YAML rewritten, its photos linked again)."""
    dest = Path(dest)
    sample = default_content_dir()
    dest.mkdir(parents=True, exist_ok=True)
    for sub in ("panels",):
        shutil.rmtree(dest / sub, ignore_errors=True)
    (dest / "panels").mkdir()
    images = dest / "images"
    if not images.is_dir():
        shutil.copytree(sample / "images", images)  # the attract loop's pictures
    if not (dest / "videos").is_dir():
        shutil.copytree(sample / "videos", dest / "videos")
    sources = cached_photos(Path(cache), max(1, distinct))
    wanted = set()
    ids = []
    for p in range(panels):
        paths = []
        for k in range(photos):
            name = f"images/scale-{p + 1:02d}-photo-{k + 1:02d}.jpg"
            _place(sources[(p * photos + k) % len(sources)], dest / name)
            paths.append(name)
            wanted.add(Path(name).name)
        data = panel_data(p, blocks, paths)
        if len(data["blocks"]) != blocks:
            raise ValueError(f"{photos} photos do not fit in {blocks} blocks: make --blocks larger")
        ids.append(data["id"])
        text = "# yaml-language-server: $schema=../schema.json\n" + yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False, width=100
        )
        (dest / "panels" / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
    for stale in images.glob("scale-*-photo-*.jpg"):  # from an earlier, larger run
        if stale.name not in wanted:
            stale.unlink()
    site = yaml.safe_load((sample / "site.yaml").read_text(encoding="utf-8"))
    site["panels"] = ids
    (dest / "site.yaml").write_text(
        "# yaml-language-server: $schema=schema.json\n"
        + yaml.safe_dump(site, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    shutil.copyfile(sample / "schema.json", dest / "schema.json")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--panels", type=int, default=12)
    parser.add_argument("--blocks", type=int, default=60)
    parser.add_argument("--photos", type=int, default=20, help="photo paths per panel")
    parser.add_argument(
        "--distinct", type=int, default=6, help="distinct photographs drawn (the rest linked)"
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    print(generate(args.out, args.panels, args.blocks, args.photos, args.distinct, args.cache))


if __name__ == "__main__":
    main()
