"""Generated content `factor` times the sample's size: every panel file copied with new ids.

site.yaml lists the copies up to the schema's limit on listed panels; the rest are loaded and
validated all the same (each costs one "not listed" warning), so validation work grows with
the factor. Images are copied once (the loader refuses symlinks out of the folder) and each
copy of a panel references them again, so image checks grow with the factor too.

    python -m benchmarks.generate --factor 10 --out /tmp/content-10x
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

from kiosk.content.models import Site
from kiosk.paths import default_content_dir


def max_listed_panels() -> int:
    for meta in Site.model_fields["panels"].metadata:
        if getattr(meta, "max_length", None):
            return meta.max_length
    return 12


def generate(source: Path, dest: Path, factor: int) -> Path:
    """Write a content folder at `dest` with `factor` copies of each panel file in `source`."""
    source, dest = Path(source), Path(dest)
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "panels").mkdir(parents=True)
    shutil.copytree(source / "images", dest / "images")
    site = yaml.safe_load((source / "site.yaml").read_text(encoding="utf-8"))
    present = [p for p in site["panels"] if (source / "panels" / f"{p}.yaml").is_file()]
    ids: list[str] = []
    for copy in range(factor):
        for panel_id in present:
            text = (source / "panels" / f"{panel_id}.yaml").read_text(encoding="utf-8")
            new_id = panel_id if copy == 0 else f"{panel_id}-{copy}"
            if copy:
                text = text.replace(f"\nid: {panel_id}\n", f"\nid: {new_id}\n", 1)
            (dest / "panels" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
            ids.append(new_id)
    site["panels"] = ids[: max_listed_panels()]
    (dest / "site.yaml").write_text(
        yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return dest


def valid_sample(tmp: Path) -> tuple[Path, str]:
    """The sample content folder, or (while it lists panels not yet written) a copy listing
    only the panels that exist. Returns the folder and a note saying which."""
    from kiosk.content.loader import load_content

    sample = default_content_dir()
    if load_content(sample).ok:
        return sample, "sample content"
    copy = generate(sample, Path(tmp) / "sample-valid", 1)
    result = load_content(copy)
    if not result.ok:
        problems = "\n".join(p.format() for p in result.errors)
        raise RuntimeError(f"the sample content cannot be made valid:\n{problems}")
    return copy, f"sample content limited to its existing panels {sorted(copy_ids(copy))}"


def copy_ids(folder: Path) -> list[str]:
    return [p.stem for p in (Path(folder) / "panels").glob("*.yaml")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--source", type=Path, default=None)
    args = parser.parse_args()
    print(generate(args.source or default_content_dir(), args.out, args.factor))


if __name__ == "__main__":
    main()
